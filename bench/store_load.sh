#!/usr/bin/env bash
# The status store's load benchmark: batches of 1000 realistic events (each a new message with a
# random 22-character key) from N connections on loopback, against sfmc-ens-receiver
# --store sqlite: and the Node.js receiver people would write instead (bench/baseline_store_receiver.js,
# better-sqlite3@12), both with full sync, on an empty store and on one already holding STORED
# events (3 per message). Then the command on the full store: 1000 keys, and a --list of 1000.
# Prints the README's table and whether the targets are met.
#   bench/store_load.sh [CONNECTIONS [BATCHES_PER_CONNECTION [STORED]]]   (default 16, 10, 10000000)
#   bench/store_load.sh --smoke    a few batches, 10,000 stored, ours only (the baseline needs npm,
#                                  which CI does not use): it runs, nothing fails
# RECEIVER, LOADER and COMMAND name already-built binaries; otherwise a Release build is made.
# better-sqlite3 is installed with npm into NODE_SCRATCH (default build/bench-node) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
if [[ ${1:-} == --smoke ]]; then smoke=1; shift; fi
connections=${1:-16}
batches=${2:-10}
stored=${3:-10000000}
((smoke)) && connections=2 batches=2 stored=10000
if [[ -z ${RECEIVER:-} || -z ${LOADER:-} || -z ${COMMAND:-} ]]; then
    bash scripts/install-deps.sh
    mkdir -p build/logs
    cmake -S . -B build/receiver-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSFMC_SMS_BUILD_COMMAND=ON \
        > build/logs/store_load.configure.log 2>&1 &&
        cmake --build build/receiver-bench --target sfmc-ens-receiver receiver_load sfmc-sms-status \
            > build/logs/store_load.build.log 2>&1 || { tail -n 40 build/logs/store_load.*.log; exit 1; }
    RECEIVER=build/receiver-bench/receiver/sfmc-ens-receiver
    LOADER=build/receiver-bench/bench/receiver_load
    COMMAND=build/receiver-bench/cli/sfmc-sms-status
fi
node_scratch=${NODE_SCRATCH:-build/bench-node}
baseline=$((1 - smoke))
if ((baseline)) && [[ ! -d $node_scratch/node_modules/better-sqlite3 ]]; then
    mkdir -p "$node_scratch"
    npm install --prefix "$node_scratch" --no-audit --no-fund better-sqlite3@12 > "$node_scratch/npm.log" 2>&1 ||
        { tail -n 20 "$node_scratch/npm.log"; exit 1; }
fi
export NODE_PATH=$(realpath "$node_scratch")/node_modules
key=V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=
work=$(mktemp -d "${STORE_LOAD_DIR:-/tmp}/sfmc-store-load-XXXXXX")
trap '[[ -n ${STORE_LOAD_KEEP:-} ]] || rm -rf "$work"; kill $(jobs -p) 2>/dev/null || true' EXIT

# start NAME COMMAND...: starts a receiver whose stderr says "listening on ...:PORT"; sets $pid, $port.
start() {
    local name=$1; shift
    "$@" > /dev/null 2> "$work/$name.err" &
    pid=$! port=""
    for _ in $(seq 200); do
        port=$(grep -oE "listening on [^ ]*" "$work/$name.err" | grep -oE "[0-9]+/?$" | tr -d / || true)
        [[ -n $port ]] && break
        sleep 0.05
    done
    [[ -n $port ]] || { echo "$name did not start:"; cat "$work/$name.err"; exit 1; }
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

ours() { start "$1" "$RECEIVER" --signature-key "$key" --key-bytes base64 --listen 127.0.0.1:0 --store "sqlite:$2"; }
node_receiver() { start "$1" node bench/baseline_store_receiver.js 0 "$key" "$2"; }

# The stored events were received (and sent) evenly over the STORED_MINUTES before the run
# (default 10080: the week of ENS's redeliveries; older ones would be the retention's to remove
# during the load). STORED_MINUTES=30: all of them today, the worst case for an index led by
# the day (a tenant sending 10 million a day, at the day's end).
span_ms=$(( ${STORED_MINUTES:-10080} * 60000 ))
since_ms=$(( $(date +%s) * 1000 - span_ms ))
since_text=$(date -u -d "@$((since_ms / 1000))" +%Y-%m-%dT%H:%M:%SZ)

# key_sql M: message M's key in SQL, 22 characters as the load's are: 4 of its alphabet drawn from
# a hash of M (so that stored keys spread over the whole key space, and the load's random keys
# land among them, as a tenant's would), then M in 18 digits (so that each is unique).
key_sql() {
    local h="((($1) * 2654435761) % 16777216)" a="'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'"
    echo "substr($a, ($h >> 18) % 64 + 1, 1) || substr($a, ($h >> 12) % 64 + 1, 1) || substr($a, ($h >> 6) % 64 + 1, 1) || substr($a, $h % 64 + 1, 1) || printf('%018d', $1)"
}

# fill RECEIVER DB: the schema as the receiver makes it, then STORED events, 3 per message,
# written with SQLite itself (the receiver would take minutes to be sent them).
fill() {
    "$1" "$1.schema" "$2"; stop
    local columns values
    if [[ $1 == ours ]]; then
        columns='digest, received_at, channel, status, event_category_type, message_key, timestamp_utc, "to", subscriber_key, definition_key, composite_id, status_code, status_message, event, key_day'
        # time first, as the receiver writes digests (12 hex digits sort as the 6 bytes would)
        values="CAST(printf('%012x', t) AS BLOB) || randomblob(10), t, 'sms', st, 'TransactionalSendEvents.Sms' || ty, k, t, '15555550100', 'subscriber-' || i, 'order-updates', 'c.' || i, 4000, 'Delivered', ev, t / 86400000"
    else
        columns='digest, received_at, channel, status, event_category_type, message_key, timestamp_utc, event'
        values="randomblob(16), t, 'sms', st, 'TransactionalSendEvents.Sms' || ty, k, t, ev"
    fi
    # Fastest as a bulk load: no journal, the indexes dropped and made again once filled.
    sqlite3 "$2" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL" > "$2.indexes"
    sqlite3 "$2" > /dev/null <<SQL
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;
$(sqlite3 "$2" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
BEGIN;
INSERT INTO events ($columns)
SELECT $values FROM (
  SELECT i, t, k, CASE i % 3 WHEN 0 THEN 'sent' WHEN 1 THEN 'transient' ELSE 'delivered' END AS st,
         CASE i % 3 WHEN 0 THEN 'Sent' WHEN 1 THEN 'Transient' ELSE 'Delivered' END AS ty,
         '{"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":' || t ||
         ',"compositeId":"466651f2-9c28-e911-a261-78e3b50b4f00.2001070.44609.4153.' || i ||
         '","composite":{"jobId":"2001070","batchId":"4153","subscriberId":"' || i ||
         '"},"definitionKey":"order-updates","mid":1447640,"eid":1447640,"info":{"messageKey":"' || k ||
         '","to":"15555550100","subscriberKey":"subscriber-' || i || '","statusCode":"4000","statusMessage":"Delivered"}}' AS ev
  FROM (WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $stored)
        SELECT i, $since_ms + i * $span_ms / $stored AS t, $(key_sql 'i / 3') AS k FROM n));
$(if [[ $1 != ours ]]; then # ours has no per-message table: a status is decided from the events
    echo "INSERT INTO messages (channel, message_key, event_id, status, rank, timestamp_utc)
          SELECT 'sms', message_key, id, status, 3, timestamp_utc FROM events WHERE status = 'delivered';"
fi)
COMMIT;
$(cat "$2.indexes")
PRAGMA journal_mode=WAL;
SQL
}

# load NAME RECEIVER DB SEED: starts it on DB, sends the load, stops it; NAME.json has the numbers.
load() {
    "$2" "$1" "$3"
    "$LOADER" "$port" "$pid" "$connections" "$batches" "$key" "$4" > "$work/$1.json" || true
    stop
    python3 - "$work/$1.json" "$3" <<'PY'
import json, os, sys
path, db = sys.argv[1], sys.argv[2]
r = json.load(open(path))
r["store_mib"] = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 2**20
json.dump(r, open(path, "w"))
PY
}

load ours_empty ours "$work/ours_empty.db" 1
((baseline)) && load node_empty node_receiver "$work/node_empty.db" 1
echo "filling the stores with $stored events each..." >&2
fill_started=$SECONDS
fill ours "$work/ours_full.db"
((baseline)) && fill node_receiver "$work/node_full.db"
echo "filled in $((SECONDS - fill_started)) s" >&2
load ours_full ours "$work/ours_full.db" 2
((baseline)) && load node_full node_receiver "$work/node_full.db" 2

# The command on the full store: 1000 stored keys at once, and a --list of 1000.
python3 bench/stored_keys.py "$stored" > "$work/keys"
t0=$(date +%s.%N)
"$COMMAND" --store "sqlite:$work/ours_full.db" --store-only --json -- $(cat "$work/keys") > "$work/answers" || true
t1=$(date +%s.%N)
"$COMMAND" --store "sqlite:$work/ours_full.db" --list --status delivered --since "$since_text" --limit 1000 --json \
    > "$work/listed" || true
t2=$(date +%s.%N)
python3 - "$work" "$connections" "$batches" "$stored" "$smoke" "$t0" "$t1" "$t2" <<'PY'
import json, os, sys
work, connections, batches, stored, smoke = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1"
t0, t1, t2 = map(float, sys.argv[6:9])
r = {n: json.load(open(os.path.join(work, n + ".json"))) for n in ["ours_empty", "node_empty", "ours_full", "node_full"]
     if os.path.exists(os.path.join(work, n + ".json"))}
answers = [json.loads(l) for l in open(os.path.join(work, "answers"))]
listed = sum(1 for _ in open(os.path.join(work, "listed")))
from_store = sum(1 for a in answers if a.get("source") == "store" and a.get("status") == "delivered")
print(f"{connections} connections, {batches} batches of 1000 events each ({connections * batches * 1000:,} events a run), full sync:")
print()
print("| receiver | store before | events/s | p50 ack ms | p99 ack ms | receiver CPU s | peak MiB | store MiB after |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for n, who, before in [("ours_empty", "sfmc-ens-receiver --store sqlite:", "empty"), ("node_empty", "Node.js + better-sqlite3", "empty"),
                       ("ours_full", "sfmc-ens-receiver --store sqlite:", f"{stored:,} events"),
                       ("node_full", "Node.js + better-sqlite3", f"{stored:,} events")]:
    if n not in r:
        continue
    x = r[n]
    print(f"| {who} | {before} | {x['events_per_second']:,.0f} | {x['p50_ms']:.1f} | {x['p99_ms']:.1f} | "
          f"{x['cpu_seconds']:.2f} | {x['peak_mib']:.0f} | {x['store_mib']:,.0f} |")
print()
print(f"sfmc-sms-status on the full store: 1000 keys in {t1 - t0:.2f} s ({from_store} answered delivered from the store); "
      f"--list --status delivered --since ... --limit 1000: {listed} lines in {t2 - t1:.2f} s")
failures = sum(x["failures"] for x in r.values()) + (from_store != 1000) + (listed != 1000)
if smoke:
    print(f"smoke: {'1 passed, 0 failed' if failures == 0 else '0 passed, 1 failed'}")
    sys.exit(1 if failures else 0)
per_million = r["ours_full"]["store_mib"] / (stored + connections * batches * 1000) * 1e6
print(f"store size: {per_million:,.0f} MiB per million events (the full store after its run)")
print()
print("Targets:")
for n, label in [("empty", "an empty store"), ("full", f"{stored:,} events stored")]:
    ratio = r["ours_" + n]["events_per_second"] / r["node_" + n]["events_per_second"]
    print(f"- {'met' if ratio >= 3 else 'MISSED'}: at least 3x the baseline on {label} ({ratio:.1f}x)")
for n, floor in [("empty", 60000), ("full", 20000)]:
    eps = r["ours_" + n]["events_per_second"]
    print(f"- {'met' if eps >= floor else 'MISSED'}: at least {floor:,} events/s, store {n} ({eps:,.0f})")
for n in ["ours_empty", "ours_full"]:
    print(f"- {'met' if r[n]['p99_ms'] < 1000 else 'MISSED'}: p99 acknowledgement under 1 s, {n} ({r[n]['p99_ms']:.0f} ms)")
    print(f"- {'met' if r[n]['peak_mib'] <= 200 else 'MISSED'}: receiver memory at most 200 MiB, {n} ({r[n]['peak_mib']:.0f} MiB)")
print(f"- {'met' if t1 - t0 < 1 else 'MISSED'}: 1000 keys from the full store in under 1 s ({t1 - t0:.2f} s)")
print(f"- {'met' if t2 - t1 < 1 and listed == 1000 else 'MISSED'}: a --list of 1000 lines in under 1 s ({t2 - t1:.2f} s)")
PY
