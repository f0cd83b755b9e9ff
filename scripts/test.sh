#!/usr/bin/env bash
# The whole test suite: set up if needed, run every test project, and end with one line
# "N passed, N failed, N skipped" summed from the test results (TRX files).
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh || exit 1

results=.test-results
rm -rf "$results"
dotnet test VisionPipeline.sln -c Release --no-build --nologo --logger trx --results-directory "$results" "$@"
status=$?

sum() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed); failed=$(sum failed); notrun=$(sum notExecuted)
passed=${passed:-0}; failed=${failed:-0}; notrun=${notrun:-0}
projects=$(ls tests/*.Tests/*.Tests.csproj | wc -l)
reports=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$reports" -lt "$projects" ]; then
  echo "test.sh: only $reports of $projects test projects left a result file" >&2
  status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a crash or a lost report counts as a failure
echo "${passed} passed, ${failed} failed, ${notrun} skipped"
exit "$status"
