#!/usr/bin/env bash
# The README's first command: builds sfmc-sms-status and sfmc-ens-receiver, starts the local
# Marketing Cloud emulator, looks up the reference page's three messages and one that does
# not exist, then shows the Event Notification Service end to end: a callback created and
# verified by the receiver, signed batches delivered (one of them again), each event journaled
# and stored once, and a key answered as delivered from the store. Stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "Building sfmc-sms-status and sfmc-ens-receiver (CMake, Release)..."
mkdir -p build
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DSFMC_SMS_BUILD_TESTS=OFF > build/demo.log 2>&1 \
    && cmake --build build/demo --target sfmc-sms-status sfmc-ens-receiver >> build/demo.log 2>&1 \
    || { cat build/demo.log; exit 1; }
command=build/demo/cli/sfmc-sms-status

ready=$(mktemp)
python3 emulator/sfmc_emulator.py --lifetime 60 --not-sent 4 > "$ready" &
emulator=$!
trap 'kill $emulator 2>/dev/null; wait $emulator 2>/dev/null; rm -f "$ready"' EXIT
for _ in $(seq 100); do [[ -s $ready ]] && break; sleep 0.1; done
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$ready" "$1"; }
https=$(field https) ca=$(field ca) token=$(field token) http=$(field http)

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
echo "The token was sent as 'Authorization: Bearer ...' and printed nowhere."

# ---- What failed since the last look: the NotSent list, resumed from a cursor ----
cursor=$(mktemp -u)
cat <<TEXT

Which messages were not sent? The NotSent list, read to its end two entries a page; the
cursor file keeps the last one printed, so the next run prints only what is new:

\$ sfmc-sms-status ... --not-sent --page-size 2 --cursor-file CURSOR
TEXT
"$command" --rest-url "$https" --cacert "$ca" --token "$token" --not-sent --page-size 2 --cursor-file "$cursor"
echo "\$ sfmc-sms-status ... --not-sent --cursor-file CURSOR     (again: nothing new, nothing printed)"
"$command" --rest-url "$https" --cacert "$ca" --token "$token" --not-sent --cursor-file "$cursor"
echo "\$ sfmc-sms-status ... --queue order-updates"
"$command" --rest-url "$https" --cacert "$ca" --token "$token" --queue order-updates
rm -f "$cursor"

# ---- At scale: ENS delivers signed batches to the receiver ----
receiver=build/demo/receiver/sfmc-ens-receiver
work=$(mktemp -d)
trap 'kill $emulator $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$ready" "$work"' EXIT
# api METHOD PATH [BODY]: one call to the emulator's API (or its control routes), the answer on stdout.
api() {
    python3 - "$http" "$token" "$@" <<'PY'
import sys, urllib.request
base, token, method, path = sys.argv[1:5]
body = sys.argv[5].encode() if len(sys.argv) > 5 else None
req = urllib.request.Request(base + path, data=body, method=method,
                             headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
print(urllib.request.urlopen(req).read().decode())
PY
}
# start_receiver ARGS...: starts it, waits for its ready line, sets $receiver_pid and $port.
start_receiver() {
    "$receiver" "$@" 2>> "$work/receiver.log" &
    receiver_pid=$!
    for _ in $(seq 100); do grep -q "listening on" "$work/receiver.log" 2>/dev/null && break; sleep 0.05; done
    port=$(grep -oE "listening on http://127.0.0.1:[0-9]+" "$work/receiver.log" | tail -1 | grep -oE "[0-9]+$")
}
: > "$work/receiver.log"
port=0
cat <<TEXT

At scale, Marketing Cloud's Event Notification Service (ENS) posts signed batches of events to a
callback of yours: the only place delivery receipts (SmsDelivered, SmsBounced) exist.
sfmc-ens-receiver is that callback. The callback's key comes from its creation, which probes the
callback first: the receiver starts with a stand-in key and --auto-verify answers the probe.

\$ sfmc-ens-receiver --signature-key stand-in --auto-verify --rest-url $http --token TOKEN --out events.jsonl
TEXT
start_receiver --signature-key stand-in --listen 127.0.0.1:0 --out "$work/events.jsonl" --auto-verify --rest-url "$http" --token "$token"
api POST /__emulator/ens/hosts "{\"hooks.example.com\":\"http://127.0.0.1:$port\"}" > /dev/null
created=$(api POST /platform/v1/ens-callbacks '[{"callbackName":"sms status","url":"https://hooks.example.com/","maxBatchSize":100}]')
callback=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0]["callbackId"])' "$created")
python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0]["signatureKey"])' "$created" > "$work/key"
for _ in $(seq 100); do grep -q "verified" "$work/receiver.log" && break; sleep 0.05; done
echo
echo "POST /platform/v1/ens-callbacks created callback $callback (https://hooks.example.com/, reached here on"
echo "127.0.0.1:$port); its signatureKey went to a file, never to the screen. The receiver said:"
sed 's/^/  /' "$work/receiver.log"
kill "$receiver_pid"; wait "$receiver_pid" 2>/dev/null || true
: > "$work/receiver.log"
start_receiver --signature-key-file "$work/key" --listen "127.0.0.1:$port" --out "$work/events.jsonl" \
    --store "sqlite:$work/store.db"
api POST /platform/v1/ens-subscriptions "[{\"callbackId\":\"$callback\",\"subscriptionName\":\"sms\",\"eventCategoryTypes\":[\"TransactionalSendEvents.SmsSent\",\"TransactionalSendEvents.SmsDelivered\",\"TransactionalSendEvents.SmsBounced\"],\"filters\":[]}]" > /dev/null
api POST /__emulator/ens/deliver "{\"callbackId\":\"$callback\",\"count\":6,\"types\":[\"SmsSent\",\"SmsDelivered\",\"SmsBounced\"]}" > /dev/null
# Every answer counted too late: ENS sends each batch three times.
api POST /__emulator/ens/deliver "{\"callbackId\":\"$callback\",\"count\":3,\"types\":[\"SmsDelivered\"],\"answerTimeout\":0}" > /dev/null
cat <<TEXT

Restarted with the real key (from --signature-key-file) and a status store (--store sqlite:store.db),
and subscribed to SMS events, the receiver took two deliveries: 6 events, then 3 more that ENS sent
three times (answers too late for it).
The journal ($(wc -l < "$work/events.jsonl") lines: each event once), first lines shortened:
TEXT
head -n 4 "$work/events.jsonl" | cut -c 1-150 | sed 's/$/…/; s/^/  /'
echo
echo "GET /metrics:"
python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' "http://127.0.0.1:$port/metrics" \
    | grep -E "^sfmc_ens_(events|duplicates)_total|accepted" | sed 's/^/  /'
delivered=$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["status"] == "delivered":
        print(e["messageKey"]); break' "$work/events.jsonl")
cat <<TEXT

The store answers at once from ENS's own events, without the API's rate limit: a key it knows
(its delivery receipt included), and one it does not, which is looked up through the API:
\$ sfmc-sms-status --store sqlite:store.db ... $delivered bcX0qaEp0USGciEnUJTW0w
TEXT
"$command" --rest-url "$https" --cacert "$ca" --token "$token" --store "sqlite:$work/store.db" "$delivered" bcX0qaEp0USGciEnUJTW0w \
    | sed 's/^/  /'
kill "$receiver_pid"; wait "$receiver_pid" 2>/dev/null || true
echo
echo "The receiver stopped cleanly on SIGTERM; the emulator is stopped."
