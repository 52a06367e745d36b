#!/usr/bin/env bash
# The README's first command: builds the example and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DSFMC_SMS_BUILD_TESTS=OFF > build-demo.log 2>&1 \
    || { cat build-demo.log; exit 1; }
cmake --build build/demo --target sfmc_sms_example >> build-demo.log 2>&1 || { cat build-demo.log; exit 1; }
rm -f build-demo.log
./build/demo/examples/sfmc_sms_example
