#!/usr/bin/env bash
# The PostgreSQL store's load benchmark: R receivers on one local PostgreSQL 15 (initdb'd here,
# default durability: fsync=on, synchronous_commit=on; shared_buffers 1 GB, max_wal_size 4 GB),
# each sent C connections of batches of 1000 realistic events (random 22-character keys) at
# once, against sfmc-ens-receiver --store postgresql:// and the Node.js receiver people would
# write instead (bench/baseline_pg_receiver.js, npm pg), on an empty store and on one already
# holding STORED events (3 per message); ours also with 1 and 2 receivers. Prints the README's
# table: events/s, p99 acknowledgement (the worst receiver's), the receivers' and the database's
# CPU, transactions per batch; and whether the targets are met. Then sfmc-sms-status on the full
# store, while nothing writes: 1000 stored keys at once, and a --list of 1000.
#   bench/postgresql_load.sh [RECEIVERS [CONNECTIONS [BATCHES_PER_CONNECTION [STORED]]]]  (default 3 16 10 10000000)
#   (STORED 0: the empty store only)
#   bench/postgresql_load.sh --smoke   1 receiver, 2 connections, 2 batches, 10,000 stored, ours only
# The 3-receiver runs are made REPEATS times (default 3), ours and the baseline in turn; the run
# of median events/s is shown, with every run's rate below the table.
# RECEIVER, LOADER and COMMAND name already-built binaries; otherwise a Release build is made. pg is
# installed with npm into NODE_SCRATCH (default build/bench-node) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
if [[ ${1:-} == --smoke ]]; then smoke=1; shift; fi
receivers=${1:-3}
connections=${2:-16}
batches=${3:-10}
stored=${4:-10000000}
repeats=${REPEATS:-3}
((smoke)) && receivers=1 connections=2 batches=2 stored=10000 repeats=1
if [[ -z ${RECEIVER:-} || -z ${LOADER:-} || -z ${COMMAND:-} ]]; then
    bash scripts/install-deps.sh
    mkdir -p build/logs
    cmake -S . -B build/receiver-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSFMC_SMS_BUILD_COMMAND=ON \
        > build/logs/postgresql_load.configure.log 2>&1 &&
        cmake --build build/receiver-bench --target sfmc-ens-receiver receiver_load sfmc-sms-status \
            > build/logs/postgresql_load.build.log 2>&1 || { tail -n 40 build/logs/postgresql_load.*.log; exit 1; }
    RECEIVER=build/receiver-bench/receiver/sfmc-ens-receiver
    LOADER=build/receiver-bench/bench/receiver_load
    COMMAND=build/receiver-bench/cli/sfmc-sms-status
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $bin/pg_ctl ]] || { echo "PostgreSQL's server is not installed (Debian: apt-get install postgresql-15)"; exit 1; }
node_scratch=${NODE_SCRATCH:-build/bench-node}
baseline=$((1 - smoke))
if ((baseline)) && [[ ! -d $node_scratch/node_modules/pg ]]; then
    mkdir -p "$node_scratch"
    npm install --prefix "$node_scratch" --no-audit --no-fund pg@8 > "$node_scratch/npm.log" 2>&1 ||
        { tail -n 20 "$node_scratch/npm.log"; exit 1; }
fi
export NODE_PATH=$(realpath "$node_scratch")/node_modules
key=V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=
work=$(mktemp -d "${PG_LOAD_DIR:-/tmp}/sfmc-pg-load-XXXXXX")
pids=()
cleanup() {
    kill "${pids[@]}" 2>/dev/null || true
    as_server "$bin/pg_ctl" -D "$work/data" -m immediate stop > /dev/null 2>&1 || true
    [[ -n ${PG_LOAD_KEEP:-} ]] || rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: its programs run as nobody then.
as_server() { if ((EUID == 0)); then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; else "$@"; fi; }
((EUID == 0)) && chown 65534:65534 "$work"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_server "$bin/initdb" -D "$work/data" -U bench --auth=trust -E UTF8 --locale=C > "$work/initdb.log"
as_server "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $work \
    -c shared_buffers=1GB -c max_wal_size=4GB -c max_connections=300" start > /dev/null
url() { echo "postgresql://bench@127.0.0.1:$port/$1"; }
sql() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -d "$(url "$db")" "$@"; }

# The database's CPU seconds so far: the server and its processes, those that ended included.
database_cpu() {
    local main
    main=$(head -n 1 "$work/data/postmaster.pid")
    python3 - "$main" <<'PY'
import os, sys
main, tick = sys.argv[1], os.sysconf("SC_CLK_TCK")
def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()
total = sum(int(x) for x in stat(main)[11:15])  # utime stime cutime cstime
for pid in os.listdir("/proc"):
    if pid.isdigit() and pid != main:
        try:
            s = stat(pid)
        except OSError:
            continue
        if s[1] == main:
            total += int(s[11]) + int(s[12])
print(total / tick)
PY
}

# start NAME DB COMMAND...: starts a receiver whose stderr says "listening on ...:PORT"; adds
# its pid and port to $started.
started=()
start() {
    local name=$1; shift
    "$@" > /dev/null 2> "$work/$name.err" &
    local pid=$! p=""
    pids+=("$pid")
    for _ in $(seq 400); do
        p=$(grep -oE "listening on [^ ]*" "$work/$name.err" | grep -oE "[0-9]+/?$" | tr -d / || true)
        [[ -n $p ]] && break
        sleep 0.05
    done
    [[ -n $p ]] || { echo "$name did not start:"; cat "$work/$name.err"; exit 1; }
    started+=("$pid:$p")
}
ours() { start "$1" "$RECEIVER" --signature-key "$key" --key-bytes base64 --listen 127.0.0.1:0 --store "$(url "$2")"; }
node_receiver() { start "$1" node bench/baseline_pg_receiver.js 0 "$key" "$(url "$2")"; }

since_ms=$(( ($(date +%s) - 86400) * 1000 ))

# key_sql M: message M's key in SQL, 22 characters as the load's are: 4 of its alphabet drawn from
# a hash of M (so that stored keys spread over the whole key space, and the load's random keys
# land among them, as a tenant's would), then M in 18 digits (so that each is unique).
key_sql() {
    local h="((($1) * 2654435761) % 16777216)" a="'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'"
    echo "substr($a, ($h >> 18)::int % 64 + 1, 1) || substr($a, ($h >> 12)::int % 64 + 1, 1) || substr($a, ($h >> 6)::int % 64 + 1, 1) || substr($a, ($h % 64)::int + 1, 1) || lpad(($1)::text, 18, '0')"
}

# fill KIND DB: the schema as that receiver makes it, then STORED events, 3 per message,
# inserted by the server itself (indexes dropped, then made again).
fill() {
    started=()
    "$1" "$2.schema" "$2"
    kill "${started[0]%%:*}"; wait "${started[0]%%:*}" 2>/dev/null || true
    local ev="'{\"eventCategoryType\":\"TransactionalSendEvents.SmsDelivered\",\"timestampUTC\":' || ($since_ms + i) ||
        ',\"compositeId\":\"466651f2-9c28-e911-a261-78e3b50b4f00.2001070.44609.4153.' || i ||
        '\",\"composite\":{\"jobId\":\"2001070\",\"batchId\":\"4153\",\"subscriberId\":\"' || i ||
        '\"},\"definitionKey\":\"order-updates\",\"mid\":1447640,\"eid\":1447640,\"info\":{\"messageKey\":\"' || k ||
        '\",\"to\":\"15555550100\",\"subscriberKey\":\"subscriber-' || i || '\",\"statusCode\":\"4000\",\"statusMessage\":\"Delivered\"}}'"
    local columns values extra=""
    if [[ $1 == ours ]]; then
        columns='digest, received_at, channel, status, event_category_type, message_key, timestamp_utc, "to", subscriber_key, definition_key, composite_id, status_code, status_message, event'
        values="decode(lpad(to_hex($since_ms + i), 12, '0'), 'hex') || substr(sha256(i::text::bytea), 1, 16), to_timestamp(($since_ms + i) / 1000.0), 'sms', st, 'TransactionalSendEvents.Sms' || ty, k, $since_ms + i, '15555550100', 'subscriber-' || i, 'order-updates', 'c.' || i, 4000, 'Delivered', $ev"
    else
        columns='digest, received_at, channel, status, event_category_type, message_key, timestamp_utc, event'
        values="substr(sha256(i::text::bytea), 1, 16), to_timestamp(($since_ms + i) / 1000.0), 'sms', st, 'TransactionalSendEvents.Sms' || ty, k, $since_ms + i, ($ev)::jsonb"
        extra="INSERT INTO messages (channel, message_key, event_id, status, rank, timestamp_utc)
               SELECT 'sms', message_key, id, status, 3, timestamp_utc FROM events WHERE status = 'delivered';"
    fi
    sql "$2" -t -A -c "SELECT indexdef || ';' FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%digest_key'" > "$work/$2.indexes"
    sql "$2" > /dev/null <<SQL
$(sql "$2" -t -A -c "SELECT 'DROP INDEX ' || indexname || ';' FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%digest_key'")
SET synchronous_commit = off; SET maintenance_work_mem = '1GB';
INSERT INTO events ($columns)
SELECT $values FROM (
  SELECT i, $(key_sql '(i / 3)::bigint') AS k,
         CASE i % 3 WHEN 0 THEN 'sent' WHEN 1 THEN 'transient' ELSE 'delivered' END AS st,
         CASE i % 3 WHEN 0 THEN 'Sent' WHEN 1 THEN 'Transient' ELSE 'Delivered' END AS ty
  FROM generate_series(0, $stored - 1) AS i) AS g;
$extra
$(cat "$work/$2.indexes")
CHECKPOINT;
VACUUM ANALYZE;
SQL
}

# load NAME KIND DB N SEED: N receivers of KIND on DB, each sent the load at once; NAME.json
# has the numbers (events/s over the slowest loader's time, the worst p99, CPU in all).
load() {
    local name=$1 kind=$2 db=$3 n=$4 seed=$5
    started=()
    for r in $(seq "$n"); do "$kind" "$name.$r" "$db"; done
    local before_db before_tx
    before_db=$(database_cpu)
    before_tx=$(sql "$db" -t -A -c "SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'")
    local loaders=()
    for r in $(seq "$n"); do
        local entry=${started[$((r - 1))]}
        "$LOADER" "${entry#*:}" "${entry%%:*}" "$connections" "$batches" "$key" "$((seed * 10 + r))" > "$work/$name.$r.json" &
        loaders+=($!)
    done
    for l in "${loaders[@]}"; do wait "$l" || true; done
    local after_db after_tx
    after_db=$(database_cpu)
    # Read once the receivers are gone: a backend reports its commits when it ends (or each second).
    for entry in "${started[@]}"; do kill "${entry%%:*}"; wait "${entry%%:*}" 2>/dev/null || true; done
    after_tx=$(sql "$db" -t -A -c "SELECT pg_sleep(0.2); SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'" | tail -n 1)
    python3 - "$work" "$name" "$n" "$before_db" "$after_db" "$before_tx" "$after_tx" <<'PY'
import json, sys
work, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
db_cpu = float(sys.argv[5]) - float(sys.argv[4])
commits = int(sys.argv[7]) - int(sys.argv[6])
rs = [json.load(open(f"{work}/{name}.{r}.json")) for r in range(1, n + 1)]
events = sum(x["batches"] for x in rs) * 1000
seconds = max(x["seconds"] for x in rs)
json.dump({"events_per_second": events / seconds, "p50_ms": max(x["p50_ms"] for x in rs), "p99_ms": max(x["p99_ms"] for x in rs),
           "cpu_seconds": sum(x["cpu_seconds"] for x in rs), "peak_mib": max(x["peak_mib"] for x in rs),
           "failures": sum(x["failures"] for x in rs), "db_cpu_seconds": db_cpu, "commits_per_batch": commits / max(1, events / 1000),
           "batches": events // 1000}, open(f"{work}/{name}.json", "w"))
PY
}

# warm DB: DB's files read into the page cache, as a server running for a while holds its hot
# pages; else the order of the runs decides which store the other's fill pushed out.
warm() {
    local oid
    oid=$(sql "$1" -t -A -c "SELECT oid FROM pg_database WHERE datname = '$1'")
    cat "$work/data/base/$oid"/* > /dev/null
}

# median NAME: of the runs NAME.1 … NAME.REPEATS, the one of median events/s is NAME (every
# run's rate kept in it): one run of a few seconds on a shared machine is too noisy to compare.
median() {
    python3 - "$work" "$1" "$repeats" <<'PY'
import json, sys
work, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = sorted((json.load(open(f"{work}/{name}.{k}.json")) for k in range(1, n + 1)), key=lambda x: x["events_per_second"])
chosen = dict(runs[len(runs) // 2], runs=[x["events_per_second"] for x in runs], failures=sum(x["failures"] for x in runs))
json.dump(chosen, open(f"{work}/{name}.json", "w"))
PY
}

new_db() { sql postgres -c "CREATE DATABASE $1"; }
for d in ours_1 ours_2 ours_full node_full; do new_db "$d" > /dev/null; done
for k in $(seq "$repeats"); do new_db "ours_3_$k" > /dev/null; new_db "node_empty_$k" > /dev/null; done
if ((smoke)); then
    load ours_empty.1 ours ours_3_1 1 1
    median ours_empty
else
    load ours_1r ours ours_1 1 1
    load ours_2r ours ours_2 2 2
    # Ours and the baseline in turn, each on a new empty database.
    for k in $(seq "$repeats"); do
        load "ours_empty.$k" ours "ours_3_$k" "$receivers" "$((10 * k + 3))"
        load "node_empty.$k" node_receiver "node_empty_$k" "$receivers" "$((10 * k + 3))"
    done
    median ours_empty
    median node_empty
fi
size_before=0 size_after=0
if ((stored > 0)); then # STORED 0: the empty store only
    echo "filling the stores with $stored events each..." >&2
    fill_started=$SECONDS
    fill ours ours_full
    ((baseline)) && fill node_receiver node_full
    echo "filled in $((SECONDS - fill_started)) s" >&2
    size_before=$(sql ours_full -t -A -c "SELECT pg_database_size('ours_full')")
    # In turn, each load right after a checkpoint (its first change of each page logged whole,
    # the worst moment) with its store's files in the page cache; each run adds its events.
    full() { sql "$2" -c CHECKPOINT > /dev/null; warm "$2"; load "$1" "$3" "$2" "$receivers" "$4"; }
    for k in $(seq "$repeats"); do
        full "ours_full.$k" ours_full ours "$((10 * k + 4))"
        ((baseline)) && full "node_full.$k" node_full node_receiver "$((10 * k + 4))"
    done
    median ours_full
    ((baseline)) && median node_full
    size_after=$(sql ours_full -t -A -c "SELECT pg_database_size('ours_full')")
    # The command on the full store: 1000 of the stored messages (the fill's keys), and a --list.
    python3 bench/stored_keys.py "$stored" > "$work/keys"
    since_text=$(date -u -d "@$((since_ms / 1000))" +%Y-%m-%dT%H:%M:%SZ)
    t0=$(date +%s.%N)
    "$COMMAND" --store "$(url ours_full)" --store-only --json -- $(cat "$work/keys") > "$work/answers" || true
    t1=$(date +%s.%N)
    "$COMMAND" --store "$(url ours_full)" --list --status delivered --since "$since_text" --limit 1000 --json \
        > "$work/listed" || true
    t2=$(date +%s.%N)
    python3 - "$work" "$t0" "$t1" "$t2" <<'PY'
import json, sys
work, (t0, t1, t2) = sys.argv[1], map(float, sys.argv[2:5])
answers = [json.loads(l) for l in open(f"{work}/answers")]
json.dump({"keys_seconds": t1 - t0, "delivered": sum(1 for a in answers if a.get("source") == "store" and a.get("status") == "delivered"),
           "list_seconds": t2 - t1, "listed": sum(1 for _ in open(f"{work}/listed"))}, open(f"{work}/command.json", "w"))
PY
fi

python3 - "$work" "$receivers" "$connections" "$batches" "$stored" "$smoke" "$size_before" "$size_after" <<'PY'
import json, os, sys
work, receivers, connections, batches, stored = sys.argv[1], *map(int, sys.argv[2:6])
smoke, size_before, size_after = sys.argv[6] == "1", int(sys.argv[7]), int(sys.argv[8])
r = {n: json.load(open(os.path.join(work, n + ".json"))) for n in
     ["ours_1r", "ours_2r", "ours_empty", "node_empty", "ours_full", "node_full"] if os.path.exists(os.path.join(work, n + ".json"))}
print(f"{receivers} receivers x {connections} connections, {batches} batches of 1000 events each per connection, one local PostgreSQL:")
print()
print("| receivers | store before | events/s | p50 ack ms | p99 ack ms | receivers' CPU s | database CPU s | DB CPU µs/event | commits per batch | peak MiB |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
rows = [("ours_1r", "1 × sfmc-ens-receiver", "empty"), ("ours_2r", "2 × sfmc-ens-receiver", "empty"),
        ("ours_empty", f"{receivers} × sfmc-ens-receiver", "empty"), ("node_empty", f"{receivers} × Node.js + pg", "empty"),
        ("ours_full", f"{receivers} × sfmc-ens-receiver", f"{stored:,} events"), ("node_full", f"{receivers} × Node.js + pg", f"{stored:,} events")]
for n, who, before in rows:
    if n not in r:
        continue
    x = r[n]
    print(f"| {who} | {before} | {x['events_per_second']:,.0f} | {x['p50_ms']:.0f} | {x['p99_ms']:.0f} | {x['cpu_seconds']:.2f} | "
          f"{x['db_cpu_seconds']:.2f} | {x['db_cpu_seconds'] / (x['batches'] * 1000) * 1e6:.0f} | {x['commits_per_batch']:.2f} | {x['peak_mib']:.0f} |")
for n, label in [("ours_empty", "ours, empty"), ("node_empty", "baseline, empty"), ("ours_full", "ours, full"), ("node_full", "baseline, full")]:
    if n in r and len(r[n].get("runs", [])) > 1:
        print(f"- {label}: runs of {', '.join(f'{x:,.0f}' for x in r[n]['runs'])} events/s (the median shown)")
print()
failures = sum(x["failures"] for x in r.values())
command = json.load(open(os.path.join(work, "command.json"))) if os.path.exists(os.path.join(work, "command.json")) else None
if command:
    print(f"sfmc-sms-status on the full store: 1000 keys in {command['keys_seconds']:.2f} s ({command['delivered']} answered delivered "
          f"from the store); --list --status delivered --since ... --limit 1000: {command['listed']} lines in {command['list_seconds']:.2f} s")
    print()
    failures += (command["delivered"] != 1000) + (command["listed"] != 1000)
if smoke:
    print(f"smoke: {'1 passed, 0 failed' if failures == 0 else '0 passed, 1 failed'}")
    sys.exit(1 if failures else 0)
if stored:
  print(f"database size: {size_before / 2**20:,.0f} MiB with {stored:,} events, {size_after / 2**20:,.0f} MiB after the run "
        f"({size_before / stored * 1e6 / 2**20:,.0f} MiB per million events)")
print()
print("Targets:")
for n, label in [("empty", "an empty store"), ("full", f"{stored:,} events stored")][:2 if stored else 1]:
    ratio = r["ours_" + n]["events_per_second"] / r["node_" + n]["events_per_second"]
    print(f"- {'met' if ratio >= 3 else 'MISSED'}: at least 3x the baseline on {label} ({ratio:.1f}x)")
eps = r["ours_empty"]["events_per_second"]
print(f"- {'met' if eps >= 20000 else 'MISSED'}: at least 20,000 events/s in all ({eps:,.0f})")
for n in ["ours_empty", "ours_full"][:2 if stored else 1]:
    print(f"- {'met' if r[n]['p99_ms'] < 2000 else 'MISSED'}: p99 acknowledgement under 2 s, {n} ({r[n]['p99_ms']:.0f} ms)")
print(f"- failures (answers other than 200, or the command's wrong): {failures}")
if command:
    print(f"- {'met' if command['keys_seconds'] < 1 else 'MISSED'}: 1000 keys from the full store in under 1 s ({command['keys_seconds']:.2f} s)")
    print(f"- {'met' if command['list_seconds'] < 1 else 'MISSED'}: a --list of 1000 lines in under 1 s ({command['list_seconds']:.2f} s)")
PY
