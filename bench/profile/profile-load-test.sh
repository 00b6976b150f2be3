#!/usr/bin/env bash
# Samples the load test's threads while its first run (through the gateway) goes, and prints where the working time
# went by component (docs/performance.md, "Where a lifecycle's time goes"). Needs `dotnet tool restore` (dotnet-trace)
# and python3.
#   bench/profile/profile-load-test.sh [loans=200] [concurrency=32] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
loans=${1:-200}; concurrency=${2:-32}; seconds=${3:-10}
out=$(mktemp -d)
dotnet build -c Release bench/LoanPlatform.LoadTest -v q -nologo
dotnet bench/LoanPlatform.LoadTest/bin/Release/net10.0/LoanPlatform.LoadTest.dll "$loans" "$concurrency" > "$out/load-test.txt" 2>&1 &
pid=$!
until grep -q "Run 1 of 3" "$out/load-test.txt"; do sleep 1; kill -0 "$pid"; done
dotnet tool run dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf %02d "$seconds")" -o "$out/trace.nettrace" > /dev/null
wait "$pid"
dotnet tool run dotnet-trace convert "$out/trace.nettrace" --format speedscope -o "$out/trace" > /dev/null
grep -v -E "^ +at |^warn:|^      " "$out/load-test.txt" | tail -17
python3 bench/profile/summarize-thread-time.py "$out/trace.speedscope.json"
echo "Trace and load-test output: $out"
