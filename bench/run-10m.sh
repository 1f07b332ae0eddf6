#!/usr/bin/env bash
# Lists, counts and pages at scale: loads ROWS synthetic orders (default 10 million) into a throwaway
# PostgreSQL (bench/pg.sh, bench/load-10m.sql) with the clocks the pages show (load-page-clocks.sql),
# starts the server on it and times, one request at a time, a unit's open orders (first page,
# filtered, a deep keyset page), all of a unit's orders (first and deep page), the counts endpoint
# for one unit and for everything, and the workbench pages (queue, order, overview, intake, org),
# each next to the API call behind it. ROWS=1000000 is the workbench's 1-million-order case.
# Writes bench/results/10m-<UTC time>/ and prints summary.md.
#
# Environment: ROWS (default 10000000), CHUNK (rows per commit, default 1000000), UNIT (default
# js-nj-jn, a county), DEPTH (pages to walk for the deep page, default 200), REQUESTS (timed
# requests per query, default 200), SKIP_BUILD=1, SERVER_DIR, TOOL_DIR (as run-intake.sh),
# KEEP=1 (keep the loaded cluster in PGDIR, default /tmp/closeloop-bench-10m, stopped),
# REUSE=1 (start the cluster kept in PGDIR instead of loading again).
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
ROWS=${ROWS:-10000000}
CHUNK=${CHUNK:-1000000}
UNIT=${UNIT:-js-nj-jn}
DEPTH=${DEPTH:-200}
REQUESTS=${REQUESTS:-200}
SERVER_DIR=${SERVER_DIR:-/tmp/closeloop-bench-server}
TOOL_DIR=${TOOL_DIR:-/tmp/closeloop-bench-tool}
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=${OUT:-$BENCH/results/10m-$STAMP}
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/closeloop-bench.XXXXXX)
chmod 755 "$WORK"
if [[ ${KEEP:-0} == 1 || ${REUSE:-0} == 1 ]]; then
  PGDIR=${PGDIR:-/tmp/closeloop-bench-10m}
else
  PGDIR=$WORK/pg
fi
DB=closeloop_10m

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

cleanup() {
  stop_server
  if [[ ${KEEP:-0} == 1 || ${REUSE:-0} == 1 ]]; then
    "$BENCH/pg.sh" stop "$PGDIR" >/dev/null 2>&1 || true
  else
    "$BENCH/pg.sh" destroy "$PGDIR" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "results in $OUT"
describe_run "ROWS=$ROWS UNIT=$UNIT DEPTH=$DEPTH REQUESTS=$REQUESTS" | tee "$OUT/environment.txt"

build_all "$OUT/build.log"

mkdir -p "$PGDIR"
chmod 755 "$PGDIR"
pgport=$(free_port)
conn=$("$BENCH/pg.sh" start "$PGDIR" "$pgport")
log "PostgreSQL in $PGDIR on port $pgport"
server_conn="$conn;Database=$DB"

if [[ ${REUSE:-0} == 1 ]]; then
  [[ $(psql_at "$pgport" postgres -Atc "SELECT count(*) FROM pg_database WHERE datname = '$DB'") == 1 ]] \
    || { echo "REUSE=1 but $PGDIR holds no database $DB: run once with KEEP=1" >&2; exit 1; }
  log "REUSE=1: using the orders already in $PGDIR ($(psql_at "$pgport" "$DB" -Atc 'SELECT count(*) FROM work_orders') of them)"
else
  psql_at "$pgport" postgres -c "CREATE DATABASE $DB" >/dev/null
  log "migrating: starting the server once on the empty database"
  migrate_port=$(free_port)
  start_server "$server_conn" "$migrate_port" "$OUT/server-migrate.log"
  bench_person "http://127.0.0.1:$migrate_port" "$OUT/server-migrate.log"
  # The pages' people: an agent of the national centre, and a county's dispatcher, handler and reviewer.
  bench_person "http://127.0.0.1:$migrate_port" "$OUT/server-migrate.log" bench.agent sgcc-csc '"agent"'
  bench_person "http://127.0.0.1:$migrate_port" "$OUT/server-migrate.log" bench.county "$UNIT" '"dispatcher","handler","reviewer"'
  stop_server
  log "loading $ROWS orders (chunks of $CHUNK)"
  start_load=$(date +%s)
  psql_at "$pgport" "$DB" -v rows="$ROWS" -v chunk="$CHUNK" -f "$BENCH/load-10m.sql" 2>&1 | tee "$OUT/load.log"
  psql_at "$pgport" "$DB" -f "$BENCH/load-page-clocks.sql" 2>&1 | tee -a "$OUT/load.log"
  echo "load: $(( $(date +%s) - start_load )) s for $ROWS orders" | tee -a "$OUT/environment.txt"
fi
psql_at "$pgport" "$DB" -Atc "SELECT count(*), count(*) FILTER (WHERE closed_at IS NULL) FROM work_orders WHERE responsible_unit = '$UNIT'" \
  | { IFS='|' read -r unit_all unit_open; echo "$UNIT: $unit_all orders, $unit_open open" | tee -a "$OUT/environment.txt"; }

port=$(free_port)
start_server "$server_conn" "$port" "$OUT/server.log"
url="http://127.0.0.1:$port"
TOKEN=$(bench_token "$url")

# name|path|pages to walk first|target p95 (ms)
queries=(
  "open-first|/api/work-orders?unit=$UNIT&open=true&limit=50|0|50"
  "open-filtered|/api/work-orders?unit=$UNIT&open=true&status=inProgress&type=faultRepair&limit=50|0|50"
  "open-deep|/api/work-orders?unit=$UNIT&open=true&limit=50|$DEPTH|50"
  "all-first|/api/work-orders?unit=$UNIT&limit=50|0|50"
  "all-deep|/api/work-orders?unit=$UNIT&limit=50|$DEPTH|50"
  "counts-unit|/api/work-orders/counts?unit=$UNIT|0|100"
  "counts-all|/api/work-orders/counts|0|100"
)
declare -A R
for q in "${queries[@]}"; do
  IFS='|' read -r name path follow target <<<"$q"
  tool query --url "$url" --token "$TOKEN" --path "$path" --requests "$REQUESTS" --warmup 50 --follow-next "$follow" --name "$name" | tee "$OUT/query-$name.txt" || true
  keep_result R "$name" "$OUT/query-$name.txt"
done
# Workbench pages, signed in with the form as a browser is, next to the API call each page makes.
# name|page|user|API path (same person's token)
ORDER=$(psql_at "$pgport" "$DB" -Atc "SELECT number FROM work_orders WHERE responsible_unit = '$UNIT' AND closed_at IS NULL ORDER BY created_at DESC LIMIT 1")
declare -A TOKENS=([bench]=$TOKEN [bench.agent]=$(bench_token "$url" bench.agent) [bench.county]=$(bench_token "$url" bench.county))
pages=(
  "queue-county|/queue|bench.county|/api/queue"
  "queue-centre|/queue|bench.agent|/api/queue"
  "order|/orders/$ORDER|bench.county|/api/work-orders/$ORDER"
  "overview|/overview|bench|/api/work-orders/overview"
  "intake|/intake|bench.agent|/api/auth/me"
  "org|/org|bench|/api/org"
)
for p in "${pages[@]}"; do
  IFS='|' read -r name path user api <<<"$p"
  tool query --url "$url" --user "$user" --password "$BENCH_PASSWORD" --path "$path" --requests "$REQUESTS" --warmup 50 --name "page-$name" \
    | tee "$OUT/page-$name.txt" || true
  keep_result R "page-$name" "$OUT/page-$name.txt"
  tool query --url "$url" --token "${TOKENS[$user]}" --path "$api" --requests "$REQUESTS" --warmup 50 --name "api-$name" \
    | tee "$OUT/api-$name.txt" || true
  keep_result R "api-$name" "$OUT/api-$name.txt"
done
rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status" 2>/dev/null || echo -)
stop_server

# Baseline in the same run: what the endpoints replace, straight in SQL on the same database
# (median of 5 after one warm-up, psql's own timing): counting by scanning the orders, and the
# bare list query without HTTP, EF or JSON.
baseline() { # sql -> median ms
  local sql=$1
  { echo '\timing on'; echo '\o /dev/null'; for _ in 1 2 3 4 5 6; do echo "$sql;"; done; } \
    | psql_at "$pgport" "$DB" -f - 2>&1 | awk '/^Time:/ {print $2}' | tail -n 5 | sort -n | sed -n 3p
}
declare -A B
B[counts-unit]=$(baseline "SELECT status, type, count(*) FROM work_orders WHERE responsible_unit = '$UNIT' GROUP BY status, type")
B[counts-all]=$(baseline "SELECT status, type, count(*) FROM work_orders GROUP BY status, type")
B[open-first]=$(baseline "SELECT * FROM work_orders WHERE responsible_unit = '$UNIT' AND closed_at IS NULL ORDER BY created_at DESC, number DESC LIMIT 51")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (at end)" >>"$OUT/environment.txt"

{
  echo "# Closeloop lists and counts at scale"
  echo
  echo '```'
  cat "$OUT/environment.txt"
  echo '```'
  echo
  echo "One request at a time, $REQUESTS timed requests per query after 50 warm-up requests; latencies in ms, measured by the client over HTTP."
  echo "Server RSS after the queries: $rss MB."
  echo
  echo "| query | request | page | items | p50 | p95 | p99 | max | target p95 | |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
  for q in "${queries[@]}"; do
    IFS='|' read -r name path follow target <<<"$q"
    p95=${R[$name:p95]:--}
    [[ ${R[$name:error]:-0} == 1 ]] && p95=-
    echo "| $name | \`${path}\` | ${R[$name:page]:--} | ${R[$name:items]:--} | ${R[$name:p50]:--} | $p95 | ${R[$name:p99]:--} | ${R[$name:max]:--} | < $target | $(verdict "$p95" '<' "$target") |"
  done
  echo
  echo "Deep pages: the page reached by following \`next\` $DEPTH times (fewer when the list ends sooner; see *page*)."
  echo
  echo "Baseline in the same run, straight SQL on the same database (median of 5, ms):"
  echo
  echo "| endpoint | what it replaces | baseline ms | endpoint p50 ms | baseline ÷ endpoint |"
  echo "|---|---|---:|---:|---:|"
  echo "| counts-unit | \`SELECT status, type, count(*) … WHERE responsible_unit = '$UNIT' GROUP BY …\` | ${B[counts-unit]} | ${R[counts-unit:p50]:--} | $(awk -v b="${B[counts-unit]}" -v e="${R[counts-unit:p50]:-0}" 'BEGIN { if (e > 0) printf "%.0f×", b / e; else print "-" }') |"
  echo "| counts-all | \`SELECT status, type, count(*) … GROUP BY …\` over all orders | ${B[counts-all]} | ${R[counts-all:p50]:--} | $(awk -v b="${B[counts-all]}" -v e="${R[counts-all:p50]:-0}" 'BEGIN { if (e > 0) printf "%.0f×", b / e; else print "-" }') |"
  echo "| open-first | the bare list query (no HTTP, EF, JSON) | ${B[open-first]} | ${R[open-first:p50]:--} | $(awk -v b="${B[open-first]}" -v e="${R[open-first:p50]:-0}" 'BEGIN { if (e > 0) printf "%.2f×", b / e; else print "-" }') |"
  echo
  echo "Workbench pages, signed in with the sign-in form (cookie), each next to the API call the page makes for the same person, timed in the same run (ms, client-measured over loopback HTTP):"
  echo
  echo "| page | person | page p50 | page p95 | page p99 | API | API p50 | page ÷ API (p50) | target p95 | |"
  echo "|---|---|---:|---:|---:|---|---:|---:|---:|---|"
  for p in "${pages[@]}"; do
    IFS='|' read -r name path user api <<<"$p"
    p95=${R[page-$name:p95]:--}
    [[ ${R[page-$name:error]:-0} == 1 ]] && p95=-
    echo "| \`$path\` | $user | ${R[page-$name:p50]:--} | $p95 | ${R[page-$name:p99]:--} | \`$api\` | ${R[api-$name:p50]:--} | $(awk -v p="${R[page-$name:p50]:-0}" -v a="${R[api-$name:p50]:-0}" 'BEGIN { if (a > 0) printf "%.1f×", p / a; else print "-" }') | < 200 | $(verdict "$p95" '<' 200) |"
  done
} >"$OUT/summary.md"
echo
cat "$OUT/summary.md"
if [[ ${KEEP:-0} == 1 ]]; then
  log "KEEP=1: the loaded cluster stays in $PGDIR (stopped); REUSE=1 bench/run-10m.sh times the queries again without loading"
fi
