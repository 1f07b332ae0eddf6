#!/usr/bin/env bash
# The intake benchmark in one run (bench/README.md):
#   - builds the server (Release, its own output folder) and the bench tool;
#   - SQLite: the server on a fresh file, `create` at each client count; then the bare SQLite
#     ceiling of the same writes (`sqlite-ceiling`, --work tx and --work server) on a fresh
#     file the server migrated;
#   - PostgreSQL: a throwaway cluster (bench/pg.sh), the server on a fresh database, `create` at
#     each client count; then pgbench with bench/pgbench-create.sql on the same database;
#   - writes everything to bench/results/intake-<UTC time>/ and prints summary.md.
#
# Environment: DURATION (s per run, default 20), WARMUP (default 3), CLIENTS (default "1 8 32 128"),
# PRIME (s of unrecorded load at 8 clients after each server start, so the JIT has reached its
# optimised code before anything is measured; default 15),
# DATABASES (default "sqlite postgres"), SKIP_BUILD=1 (reuse SERVER_DIR and TOOL_DIR),
# SERVER_DIR (default /tmp/closeloop-bench-server), TOOL_DIR (default /tmp/closeloop-bench-tool).
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-3}
PRIME=${PRIME:-15}
CLIENTS=${CLIENTS:-"1 8 32 128"}
DATABASES=${DATABASES:-"sqlite postgres"}
SERVER_DIR=${SERVER_DIR:-/tmp/closeloop-bench-server}
TOOL_DIR=${TOOL_DIR:-/tmp/closeloop-bench-tool}
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=${OUT:-$BENCH/results/intake-$STAMP}
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/closeloop-bench.XXXXXX)
chmod 755 "$WORK"   # PostgreSQL runs as `postgres` and needs to reach its folder.

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

cleanup() {
  stop_server
  "$BENCH/pg.sh" destroy "$WORK/pg" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

declare -A R   # results: R[db:clients:field]

# A fresh server runs its first seconds on unoptimised (tier-0) code: load it, unrecorded, first.
prime() {
  local port=$1 file=$2
  if [[ "$PRIME" != 0 ]]; then
    log "priming the server: ${PRIME} s at 8 clients (not recorded)"
    tool create --url "http://127.0.0.1:$port" --token "$TOKEN" --clients 8 --duration "$PRIME" --warmup 0 >"$file" 2>&1 || true
  fi
}

log "results in $OUT"
describe_run "DURATION=$DURATION WARMUP=$WARMUP PRIME=$PRIME CLIENTS=\"$CLIENTS\"" | tee "$OUT/environment.txt"

build_all "$OUT/build.log"

# --- SQLite ------------------------------------------------------------------------------------
if [[ " $DATABASES " == *" sqlite "* ]]; then
  mkdir -p "$WORK/sqlite" "$WORK/sqlite-ceiling"
  port=$(free_port)
  log "SQLite: server on $WORK/sqlite/bench.db, port $port"
  start_server "Data Source=$WORK/sqlite/bench.db" "$port" "$OUT/server-sqlite.log"
  bench_person "http://127.0.0.1:$port" "$OUT/server-sqlite.log"
  TOKEN=$(bench_token "http://127.0.0.1:$port")
  prime "$port" "$OUT/sqlite-prime.txt"
  for c in $CLIENTS; do
    tool create --url "http://127.0.0.1:$port" --token "$TOKEN" --clients "$c" --duration "$DURATION" --warmup "$WARMUP" --server-pid "$SERVER_PID" \
      | tee "$OUT/sqlite-create-$c.txt" || true
    keep_result R "sqlite:$c" "$OUT/sqlite-create-$c.txt"
  done
  stop_server

  # A fresh file, migrated by the server (schema, indexes, WAL), for the bare client.
  port=$(free_port)
  start_server "Data Source=$WORK/sqlite-ceiling/bench.db" "$port" "$OUT/server-sqlite-ceiling.log"
  stop_server
  for work in tx server; do
    for c in $CLIENTS; do
      tool sqlite-ceiling --db "$WORK/sqlite-ceiling/bench.db" --clients "$c" --duration "$DURATION" --warmup 2 --work "$work" \
        | tee "$OUT/sqlite-ceiling-$work-$c.txt" || true
      keep_result R "sqlite-ceiling-$work:$c" "$OUT/sqlite-ceiling-$work-$c.txt"
    done
  done
fi

# --- PostgreSQL --------------------------------------------------------------------------------
if [[ " $DATABASES " == *" postgres "* ]]; then
  pgport=$(free_port)
  log "PostgreSQL: throwaway cluster in $WORK/pg, port $pgport"
  conn=$("$BENCH/pg.sh" start "$WORK/pg" "$pgport")
  psql_at "$pgport" postgres -c "CREATE DATABASE closeloop_bench" >/dev/null
  psql_at "$pgport" postgres -Atc "SELECT name || ' = ' || setting FROM pg_settings WHERE name IN
    ('shared_buffers','fsync','synchronous_commit','full_page_writes','max_connections','wal_sync_method','max_wal_size') ORDER BY name" \
    >"$OUT/postgres-settings.txt"
  port=$(free_port)
  start_server "$conn;Database=closeloop_bench;Maximum Pool Size=200" "$port" "$OUT/server-postgres.log"
  bench_person "http://127.0.0.1:$port" "$OUT/server-postgres.log"
  TOKEN=$(bench_token "http://127.0.0.1:$port")
  prime "$port" "$OUT/postgres-prime.txt"
  for c in $CLIENTS; do
    tool create --url "http://127.0.0.1:$port" --token "$TOKEN" --clients "$c" --duration "$DURATION" --warmup "$WARMUP" --server-pid "$SERVER_PID" \
      | tee "$OUT/postgres-create-$c.txt" || true
    keep_result R "postgres:$c" "$OUT/postgres-create-$c.txt"
  done
  stop_server

  # The same transaction with pgbench, on the same database, the server stopped.
  script="$OUT/pgbench-create.sql"
  if [[ $(psql_at "$pgport" closeloop_bench -Atc "SELECT to_regclass('work_order_count_deltas') IS NOT NULL") == t ]]; then
    cp "$BENCH/pgbench-create.sql" "$script"
  else
    grep -v -- '-- deltas$' "$BENCH/pgbench-create.sql" >"$script"
  fi
  for c in $CLIENTS; do
    threads=$(( c < 2 ? c : 2 ))
    pgb=(pgbench -n -M prepared -f "$script" -D blk_next=1 -D blk_last=0 -c "$c" -j "$threads" -h 127.0.0.1 -p "$pgport" -U postgres)
    log "pgbench: $c clients, ${WARMUP} s warm-up + ${DURATION} s"
    "${pgb[@]}" -T "$WARMUP" closeloop_bench >/dev/null 2>&1 || true
    rm -f "$WORK"/pgb.*
    "${pgb[@]}" -T "$DURATION" --log --log-prefix="$WORK/pgb" closeloop_bench >"$OUT/pgbench-$c.txt" 2>&1 || true
    tps=$( { grep -Po "tps = \K[0-9.]+" "$OUT/pgbench-$c.txt" || true; } | awk '{ printf "%.1f", $1 }')
    tps=${tps:--}
    read -r p50 p95 p99 < <(cat "$WORK"/pgb.* 2>/dev/null | awk '{print $3}' | percentiles_us)
    R["pgbench:$c:tps"]=$tps; R["pgbench:$c:p50"]=$p50; R["pgbench:$c:p95"]=$p95; R["pgbench:$c:p99"]=$p99
    echo "  pgbench $c clients: $tps tps, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms" | tee -a "$OUT/pgbench-$c.txt"
    rm -f "$WORK"/pgb.*
  done
  "$BENCH/pg.sh" stop "$WORK/pg"
fi

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (at end)" >>"$OUT/environment.txt"
write_intake_summary R "$OUT/summary.md"
echo
cat "$OUT/summary.md"
