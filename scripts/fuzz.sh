#!/usr/bin/env bash
# Fuzzes the parsers with afl++ and SharpFuzz (docs/fuzzing.md).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 60 s each, every target under fuzz/corpus/
# Findings go to .fuzz/findings/<target>/default/{crashes,hangs}/ (git-ignored); replay one with the
# uninstrumented build (instrumented assemblies only run under afl-fuzz):
#   dotnet fuzz/VisionPipeline.Fuzz/bin/Release/net10.0/VisionPipeline.Fuzz.dll TARGET --replay FILE
# Exit status: 0 nothing found, 1 a target found a crash or a hang (or could not run its seeds),
# 3 the environment cannot fuzz (afl++ not installable, instrumentation failed): not the code's fault.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then targets=("$@"); else targets=($(ls fuzz/corpus)); fi
work=.fuzz
bin=$work/bin

log() { printf 'fuzz: %s\n' "$*" >&2; }
unavailable() { echo "fuzz: skipped, $*"; exit 3; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

if ! command -v afl-fuzz >/dev/null 2>&1; then
  log "installing afl++ (apt)"
  { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++; } >/dev/null 2>&1
  command -v afl-fuzz >/dev/null 2>&1 || unavailable "afl++ is not installed and apt-get could not install it"
fi

log "building and instrumenting"
dotnet build fuzz/VisionPipeline.Fuzz -c Release -nologo -v q -clp:ErrorsOnly >&2 || { log "build failed"; exit 1; }
mkdir -p "$work" && rm -rf "$bin" && cp -r fuzz/VisionPipeline.Fuzz/bin/Release/net10.0 "$bin"
dotnet tool restore >/dev/null 2>&1 || unavailable "the sharpfuzz tool (SharpFuzz.CommandLine, dotnet-tools.json) could not be restored"
for assembly in Core Graph Augmentation Datasets; do
  dotnet sharpfuzz "$bin/VisionPipeline.$assembly.dll" >/dev/null 2>&1 || unavailable "sharpfuzz could not instrument VisionPipeline.$assembly.dll"
done

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1
mkdir -p "$work/findings" "$work/tmp"
field() { grep -m1 -E "^($2) +:" "$1" 2>/dev/null | awk '{print $3}'; }
found=0; broken=0
rows=()
for target in "${targets[@]}"; do
  out=$work/findings/$target
  if [ ! -d "fuzz/corpus/$target" ]; then log "no corpus fuzz/corpus/$target"; found=1; continue; fi
  log "$target: ${seconds} s"
  stats=$out/default/fuzzer_stats
  # -t: .NET's first run of a path JIT-compiles it; 10 s is far above any real input and still catches a hang.
  # A second try when afl-fuzz did not start: on a loaded machine its dry run now and then sees no coverage.
  for try in 1 2; do
    rm -rf "$out"
    TMPDIR=$PWD/$work/tmp timeout $((seconds + 120)) afl-fuzz -V "$seconds" -t 10000 -m none -i "fuzz/corpus/$target" -o "$out" \
      -- dotnet "$bin/VisionPipeline.Fuzz.dll" "$target" >"$out.log" 2>&1
    [ -f "$stats" ] && break
  done
  if [ ! -f "$stats" ]; then
    # A seed that crashes or hangs is a finding; anything else (afl cannot start, no coverage seen) is the set-up.
    if grep -q "results in a crash\|time out\|timeouts" "$out.log"; then rows+=("$target - - seeds-fail -"); found=1
    else rows+=("$target - - afl-failed -"); broken=1; fi
    log "$target: afl-fuzz did not run: $(grep -a -m1 'PROGRAM ABORT' -A0 "$out.log" | sed 's/\x1b\[[0-9;]*m//g')"
    continue
  fi
  execs=$(field "$stats" execs_done); paths=$(field "$stats" 'corpus_count|paths_total')
  crashes=$(field "$stats" 'saved_crashes|unique_crashes'); hangs=$(field "$stats" 'saved_hangs|unique_hangs')
  rows+=("$target ${execs:-?} ${paths:-?} ${crashes:-?} ${hangs:-?}")
  if [ "${crashes:-0}" != 0 ] || [ "${hangs:-0}" != 0 ]; then found=1; fi
done
rm -rf "$work/tmp"

printf '%-13s %12s %7s %8s %6s\n' target executions paths crashes hangs
for row in "${rows[@]}"; do printf '%-13s %12s %7s %8s %6s\n' $row; done
if [ "$found" -ne 0 ]; then echo "fuzz: findings under $work/findings/<target>/default/{crashes,hangs}/"; exit 1; fi
if [ "$broken" -ne 0 ]; then unavailable "afl-fuzz could not start a target (see $work/findings/<target>.log)"; fi
echo "fuzz: nothing found"
