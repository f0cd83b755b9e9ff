#!/usr/bin/env bash
# The main job: set up if needed, then run the built-in default pipeline over sample-images/ into out/.
# Extra arguments go to `vision run` (e.g. --workers 1).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec dotnet src/VisionPipeline.Cli/bin/Release/net10.0/vision.dll run --input sample-images --output out "$@"
