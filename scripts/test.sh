#!/usr/bin/env bash
# The whole test suite: set up if needed, run every test project, fuzz each parser briefly (FUZZ_SECONDS per
# parser, default 10; 0 skips it), and end with one line "N passed, N failed, N skipped" summed from the test
# results (TRX files), a fuzz finding counted as one more failure.
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

# A short fuzz of every parser (docs/fuzzing.md), after the totals so that it cannot change them except by
# adding one failure when it finds a crash or a hang. A machine that cannot fuzz (no afl++, instrumentation
# failed) is reported in one line and fails nothing.
fuzz_seconds=${FUZZ_SECONDS:-10}
if [ "$fuzz_seconds" -gt 0 ]; then
  ./scripts/fuzz.sh "$fuzz_seconds" >"$results/fuzz.log" 2>&1
  case $? in
    0) echo "test.sh: fuzzing ${fuzz_seconds} s per parser found nothing" ;;
    3) echo "test.sh: fuzzing not run on this machine: $(grep '^fuzz: skipped' "$results/fuzz.log" | tail -n 1)" ;;
    *) sed -n '/^target /,$p' "$results/fuzz.log"
       echo "test.sh: fuzzing found a crash or a hang (details: $results/fuzz.log, inputs: .fuzz/findings/)"
       failed=$((failed + 1)); status=1 ;;
  esac
fi
echo "${passed} passed, ${failed} failed, ${notrun} skipped"
exit "$status"
