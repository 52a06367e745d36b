#!/usr/bin/env bash
# The README's first command: builds sfmc-sms-status, starts the local Marketing Cloud
# emulator, looks up the reference page's three messages and one that does not exist, and
# stops the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "Building sfmc-sms-status (CMake, Release)..."
mkdir -p build
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DSFMC_SMS_BUILD_TESTS=OFF > build/demo.log 2>&1 \
    && cmake --build build/demo --target sfmc-sms-status >> build/demo.log 2>&1 \
    || { cat build/demo.log; exit 1; }
command=build/demo/cli/sfmc-sms-status

ready=$(mktemp)
python3 emulator/sfmc_emulator.py --lifetime 60 > "$ready" &
emulator=$!
trap 'kill $emulator 2>/dev/null; wait $emulator 2>/dev/null; rm -f "$ready"' EXIT
for _ in $(seq 100); do [[ -s $ready ]] && break; sleep 0.1; done
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$ready" "$1"; }
https=$(field https) ca=$(field ca) token=$(field token)

cat <<TEXT

A local emulator of Marketing Cloud is listening on $https
(TLS with a throwaway CA made for this run: $ca).
It answers the reference page's three example messages, and 404 for any other key.

\$ sfmc-sms-status --rest-url $https --cacert CA --token TOKEN \\
      bcX0qaEp0USGciEnUJTW0w fcdbb2f9-438b-4d52-a380-2eade2f46396 9a-zUvWf3UKxLpwwIrqTmQ no-such-message
TEXT
status=0
"$command" --rest-url "$https" --cacert "$ca" --token "$token" \
    bcX0qaEp0USGciEnUJTW0w fcdbb2f9-438b-4d52-a380-2eade2f46396 9a-zUvWf3UKxLpwwIrqTmQ no-such-message || status=$?
cat <<TEXT

Exit status $status: one key failed (no-such-message), the others were looked up.
Times are given in UTC; the API's own text (UTC-6, no offset) follows in brackets.

The same lookups for scripts, one JSON object per line (--json):
TEXT
"$command" --json --rest-url "$https" --cacert "$ca" --token "$token" bcX0qaEp0USGciEnUJTW0w no-such-message || true
echo
echo "The token was sent as 'Authorization: Bearer ...' and printed nowhere. The emulator is stopped."
