#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer, ASan, UBSan) and runs each one.
#   scripts/fuzz.sh                  about a minute each
#   scripts/fuzz.sh --seconds 30     about 30 s each (what CI runs)
#   scripts/fuzz.sh --runs 10000000  a fixed number of executions each
# A crash stops the run, fails the script, and leaves the input as build/fuzz/crash-*: add it
# to fuzz/regressions/TARGET/ once fixed, so the normal tests replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
limit=(-max_total_time=60)
if [[ ${1:-} == --runs ]]; then limit=(-runs="${2:?--runs needs a number}"); fi
if [[ ${1:-} == --seconds ]]; then limit=(-max_total_time="${2:?--seconds needs a number}"); fi
mkdir -p build/logs
cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSFMC_SMS_FUZZ=ON \
    -DSFMC_SMS_BUILD_COMMAND=OFF > build/logs/fuzz.configure.log 2>&1 || { cat build/logs/fuzz.configure.log; exit 1; }
targets=(message_key decode_status decode_error retry_after decode_token endpoint ens_batch ens_management not_sent_page ens_signature
         journal_line current_status)
cmake --build build/fuzz --target "${targets[@]/#/fuzz_}" > build/logs/fuzz.build.log 2>&1 \
    || { tail -n 40 build/logs/fuzz.build.log; exit 1; }
failed=0
for t in "${targets[@]}"; do
    corpus=build/fuzz/corpus/$t
    mkdir -p "$corpus"
    seeds=(fuzz/corpus/$t)
    [[ -d fuzz/regressions/$t ]] && seeds+=(fuzz/regressions/$t)
    if (cd build/fuzz && ./fuzz/fuzz_"$t" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            "corpus/$t" "${seeds[@]/#/../../}") > "build/logs/fuzz.$t.log" 2>&1; then
        runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "build/logs/fuzz.$t.log" | grep -oE "[0-9]+$")
        echo "fuzz $t: $runs executions, no failure"
    else
        echo "fuzz $t: FAILED"
        grep -E "ERROR|invariant|SUMMARY|Test unit written" "build/logs/fuzz.$t.log" | head -n 20
        failed=$((failed + 1))
    fi
done
((failed == 0))
