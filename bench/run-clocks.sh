#!/usr/bin/env bash
# The clock runner at scale: loads CLOCKS open clocks (default 5 million) into a throwaway
# PostgreSQL (bench/pg.sh, bench/load-clocks.sql), DUE of them (default 100,000) with a warning
# due now. Then, in the same run:
#   1. times the claim of a batch of 1,000 due clocks: the server's own claim next to the bare claim
#      that marks rows by updating an indexed column (the target's baseline) and the server's own
#      SELECT without EF (bench/Closeloop.Bench.Clocks);
#   2. starts the server and times how fast its runner fires the DUE clocks end to end (each
#      firing: the clock, an event in the order's history, the order's version, an outbox message).
# Writes bench/results/clocks-<UTC time>/ and prints summary.md.
#
# Environment: CLOCKS, DUE, REPEATS (claims timed per way, default 50), SKIP_BUILD=1,
# SERVER_DIR (default /tmp/closeloop-bench-server), CLOCK_TOOL_DIR (default /tmp/closeloop-bench-clocks).
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
CLOCKS=${CLOCKS:-5000000}
DUE=${DUE:-100000}
REPEATS=${REPEATS:-50}
SERVER_DIR=${SERVER_DIR:-/tmp/closeloop-bench-server}
CLOCK_TOOL_DIR=${CLOCK_TOOL_DIR:-/tmp/closeloop-bench-clocks}
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=${OUT:-$BENCH/results/clocks-$STAMP}
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/closeloop-bench.XXXXXX)
chmod 755 "$WORK"
PGDIR=$WORK/pg
DB=closeloop_clocks

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

cleanup() {
  stop_server
  "$BENCH/pg.sh" destroy "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "results in $OUT"
describe_run "CLOCKS=$CLOCKS DUE=$DUE REPEATS=$REPEATS" | tee "$OUT/environment.txt"

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  log "building the server (Release) into $SERVER_DIR and the claim tool into $CLOCK_TOOL_DIR"
  build_into "$ROOT/src/Closeloop.Server" "$SERVER_DIR" "$OUT/build.log"
  build_into "$BENCH/Closeloop.Bench.Clocks" "$CLOCK_TOOL_DIR" "$OUT/build.log"
fi

mkdir -p "$PGDIR"
chmod 755 "$PGDIR"
pgport=$(free_port)
conn=$("$BENCH/pg.sh" start "$PGDIR" "$pgport")
server_conn="$conn;Database=$DB"
psql_at "$pgport" postgres -c "CREATE DATABASE $DB" >/dev/null
log "migrating: starting the server once on the empty database"
start_server "$server_conn" "$(free_port)" "$OUT/server-migrate.log"
stop_server
rule_version=$(psql_at "$pgport" "$DB" -Atc "SELECT id FROM rule_versions LIMIT 1")
log "loading $CLOCKS clocks, $DUE due now"
start_load=$(date +%s)
psql_at "$pgport" "$DB" -v clocks="$CLOCKS" -v due="$DUE" -v rule_version="$rule_version" -f "$BENCH/load-clocks.sql" 2>&1 | tee "$OUT/load.log"
echo "load: $(( $(date +%s) - start_load )) s" | tee -a "$OUT/environment.txt"

log "timing the claim of a batch of 1,000 ($REPEATS times each way)"
dotnet "$CLOCK_TOOL_DIR/Closeloop.Bench.Clocks.dll" "$server_conn" "$REPEATS" 1000 | tee "$OUT/claim.txt"
claim=$(grep '^RESULT claim' "$OUT/claim.txt")
get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$claim"; }

log "starting the server: its runner fires the $DUE due clocks"
# Polling must not load the database it watches: a look at the head of the runner's index once a
# second. The rate comes from the firings themselves: each batch stamps its events with its start.
any_due() { psql_at "$pgport" "$DB" -Atc "SELECT EXISTS (SELECT 1 FROM clocks WHERE next_fire_at <= now())"; }
start_server "$server_conn" "$(free_port)" "$OUT/server.log"
while [[ $(any_due) == t ]]; do
  sleep 1
done
rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status" 2>/dev/null || echo -)
stop_server
messages=$(psql_at "$pgport" "$DB" -Atc "SELECT count(*) FROM outbox_messages")
# From the first batch's start to the last one's: every firing but the last batch's, over that span.
read -r fired timed span < <(psql_at "$pgport" "$DB" -AtF ' ' -c "
  WITH f AS (SELECT at FROM work_order_events WHERE action IN ('clockWarned', 'clockBreached'))
  SELECT count(*), count(*) FILTER (WHERE at < (SELECT max(at) FROM f)), extract(epoch FROM max(at) - min(at)) FROM f")
rate=$(awk -v n="$timed" -v s="$span" 'BEGIN { printf "%.0f", n / s }')
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (at end)" >>"$OUT/environment.txt"

{
  echo "# Closeloop clock runner at scale"
  echo
  echo '```'
  cat "$OUT/environment.txt"
  echo '```'
  echo
  echo "Claim of a batch of 1,000 due clocks among $CLOCKS open ones, median of $REPEATS (rolled back each time):"
  echo
  echo "| claim | median ms |"
  echo "|---|---:|"
  echo "| the server's \`ClaimDueClocksAsync\` (EF, entities built) | $(get server_ms) |"
  echo "| bare SQL: the same \`SELECT … FOR NO KEY UPDATE SKIP LOCKED\` through Npgsql | $(get bare_ms) |"
  echo "| bare SQL marking claimed rows by updating the indexed \`next_fire_at\` | $(get state_ms) |"
  echo
  echo "Server ÷ the bare claim that updates an indexed column: **$(get server_vs_state)×** (target ≤ 1.5×);"
  echo "server ÷ the same SELECT without EF: $(get server_vs_bare)×."
  echo
  echo "End to end: the server's runner fired $fired due clocks; from its first batch to its last, $timed in $(awk -v s="$span" 'BEGIN { printf "%.1f", s }') s: **$rate clocks/s** (target ≥ 5,000/s);"
  echo "$messages outbox messages; server RSS $rss MB."
} >"$OUT/summary.md"
echo
cat "$OUT/summary.md"
