#!/usr/bin/env bash
# Builds the benchmarks (Release) and prints the README's table: ratios measured in one run.
#   bench/run.sh [MIN_TIME_SECONDS]   (default 0.5 per benchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
mkdir -p build/logs
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSFMC_SMS_BUILD_COMMAND=OFF > build/logs/bench.configure.log 2>&1 \
    && cmake --build build/bench --target sfmc_sms_bench > build/logs/bench.build.log 2>&1 \
    || { tail -n 40 build/logs/bench.*.log; exit 1; }
# Repetitions interleaved at random across benchmarks, as compile_time.py takes its units in
# turn: a machine that slows down for a while then slows ours and the baseline alike.
build/bench/bench/sfmc_sms_bench --benchmark_min_time="${1:-0.5}" --benchmark_repetitions=5 \
    --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=false \
    --benchmark_format=json --benchmark_out=build/logs/bench.json --benchmark_out_format=json > /dev/null
CXX=g++ python3 bench/compile_time.py 9 > build/logs/compile_time.json
CXX=clang++ python3 bench/compile_time.py 9 > build/logs/compile_time.clang.json
python3 bench/report.py build/logs/bench.json build/logs/compile_time.json build/logs/compile_time.clang.json \
    --into docs/performance.md
