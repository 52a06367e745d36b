#!/usr/bin/env bash
# The README's second command: installs what is missing, then builds and runs every test
# suite: clang++ (CMake + ctest), g++ Release, -fno-exceptions, the single header,
# g++ with ASan + UBSan, TSan, meson, consumers of the installed package, the API reference
# (Doxygen, warnings as errors), and 20 s of fuzzing per target. Ends with one line: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || exit 1
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
logs=build/logs
mkdir -p "$logs"

# suite NAME CMAKE-ARGS...: configure, build and ctest one variant; tally its tests.
# TARGETS (build only these) and TESTS (a ctest -R regex) narrow a suite.
suite() {
    local name=$1 dir=build/$1 started=$SECONDS
    shift
    echo "== $name"
    local build_args=() test_args=()
    [[ -n ${TARGETS:-} ]] && build_args=(--target $TARGETS)
    [[ -n ${TESTS:-} ]] && test_args=(-R "$TESTS")
    if ! cmake -S . -B "$dir" -G Ninja "$@" > "$logs/$name.configure.log" 2>&1 ||
       ! cmake --build "$dir" -j "$jobs" "${build_args[@]}" > "$logs/$name.build.log" 2>&1; then
        tail -n 40 "$logs/$name.configure.log" "$logs/$name.build.log" 2>/dev/null
        echo "$name: build FAILED"
        failed=$((failed + 1))
        return
    fi
    (cd "$dir" && ctest -j "$jobs" --output-on-failure "${test_args[@]}" > "../logs/$name.test.log" 2>&1)
    local summary
    summary=$(grep -E "tests passed, [0-9]+ tests failed out of" "$logs/$name.test.log" | tail -n 1)
    echo "$name: $summary ($((SECONDS - started)) s)"
    if [[ $summary =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]; then
        passed=$((passed + BASH_REMATCH[2] - BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[1]))
        ((BASH_REMATCH[1] == 0)) || grep -E "Failed|FAILED|ERROR" "$logs/$name.test.log" | head -n 40
    else
        cat "$logs/$name.test.log" | tail -n 40
        failed=$((failed + 1))
    fi
}

# g++ Debug runs every test under ASan + UBSan (the sanitizers suite below): no plain Debug g++
# build repeats it. Builds that repeat what another one tests leave out the slowest programs
# (SFMC_SMS_ASIO_TESTS=OFF: the Beast transports', the coroutine driver's).
suite clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug
# -O3's own warnings (g++'s are not those of -O0) over the library, its tests and the commands.
suite gcc-release -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release -DSFMC_SMS_ASIO_TESTS=OFF \
    -DSFMC_SMS_CONSUMER_TESTS=ON
suite no-exceptions -DCMAKE_CXX_COMPILER=g++ -DCMAKE_CXX_FLAGS=-fno-exceptions -DSFMC_SMS_BUILD_COMMAND=OFF
# The single header is the library's packaging: its tests, not the commands' again.
suite single-header -DCMAKE_CXX_COMPILER=clang++ -DSFMC_SMS_SINGLE_HEADER=ON -DSFMC_SMS_BUILD_COMMAND=OFF \
    -DSFMC_SMS_ASIO_TESTS=OFF
# g++: clang 14 cannot build Asio coroutines under ASan ("Cannot represent a difference across sections").
# -g1: line tables are all a sanitizer's report needs, and full debug information is a
# quarter of the build's time.
suite sanitizers -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

# clang: the threads of the blocking token provider and of the coroutine driver (several
# threads running one io_context), against fakes and the emulator; and the receiver (its
# server threads and journal writer), whose tests fail when it exits with TSan's report code.
TARGETS="sfmc_sms_tests sfmc_sms_async_tests sfmc-ens-receiver sfmc_sms_receiver_tests" \
    TESTS="^(token_provider|client|async_|receiver[ :])" TSAN_OPTIONS=halt_on_error=1 \
    suite thread-sanitizer -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    "-DCMAKE_CXX_FLAGS=-fsanitize=thread -fno-omit-frame-pointer"

echo "== meson"
if { [[ -d build/meson ]] || meson setup -Dasio_tests=false build/meson > "$logs/meson.setup.log" 2>&1; } &&
   meson test -C build/meson > "$logs/meson.test.log" 2>&1; then :; fi
ok=$(grep -E "^Ok:" "$logs/meson.test.log" 2>/dev/null | grep -oE "[0-9]+" || echo 0)
fail=$(grep -E "^Fail:" "$logs/meson.test.log" 2>/dev/null | grep -oE "[0-9]+" || echo 1)
echo "meson: $ok passed, $fail failed"
((fail == 0)) || tail -n 40 "$logs/meson.setup.log" "$logs/meson.test.log" 2>/dev/null
passed=$((passed + ok))
failed=$((failed + fail))

echo "== docs (Doxygen, warnings as errors)"
if bash scripts/docs.sh > "$logs/docs.log" 2>&1; then
    echo "docs: 1 passed, 0 failed"
    passed=$((passed + 1))
else
    tail -n 40 "$logs/docs.log"
    echo "docs: 0 passed, 1 failed"
    failed=$((failed + 1))
fi

echo "== fuzz (libFuzzer, ASan, UBSan; 20 s each)"
started=$SECONDS
bash scripts/fuzz.sh --seconds 20 > "$logs/fuzz.log" 2>&1
echo "fuzz: $((SECONDS - started)) s"
fuzz_passed=$(grep -c "no failure" "$logs/fuzz.log" || true)
fuzz_failed=$(grep -c "FAILED" "$logs/fuzz.log" || true)
grep -E "^fuzz " "$logs/fuzz.log" || tail -n 40 "$logs/fuzz.log"
((fuzz_passed + fuzz_failed > 0)) || fuzz_failed=1
passed=$((passed + fuzz_passed))
failed=$((failed + fuzz_failed))

echo
echo "$passed passed, $failed failed"
((failed == 0))
