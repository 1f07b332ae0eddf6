# Helpers shared by bench/run-intake.sh and bench/run-10m.sh (sourced; expects BENCH, ROOT, WORK,
# SERVER_DIR and TOOL_DIR to be set).

SERVER_PID=""

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

psql_at() { # PORT DB psql-args…
  local port=$1 db=$2
  shift 2
  psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

# describe_run SETTINGS: the block every summary starts with (when, what, where, how loaded), to stdout.
describe_run() {
  echo "date (UTC):   $(date -u '+%Y-%m-%d %H:%M:%S')"
  echo "commit:       $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') ($(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) changed files in the tree)"
  echo "machine:      $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
  echo "dotnet:       $(dotnet --version)"
  echo "postgres:     $("$(pg_bin)/postgres" --version 2>/dev/null || echo none)"
  echo "settings:     $1"
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

# build_into PROJECT DIR LOG: a Release build of PROJECT into an emptied DIR. Files a build of
# another checkout left there can look newer than this one's, and would not be replaced.
build_into() {
  local project=$1 dir=$2 build_log=$3
  rm -rf "${dir:?}"
  dotnet build "$project" -c Release -o "$dir" -nologo >>"$build_log" 2>&1 \
    || { tail -n 30 "$build_log" >&2; echo "build of $project failed (log: $build_log)" >&2; return 1; }
}

# Builds the server (Release, into SERVER_DIR, apart from the Debug builds of src/ and tests/)
# and the bench tool (into TOOL_DIR) unless SKIP_BUILD=1.
build_all() {
  local build_log=$1
  if [[ ${SKIP_BUILD:-0} == 1 ]]; then
    log "SKIP_BUILD=1: using $SERVER_DIR and $TOOL_DIR as they are"
  else
    log "building the server (Release) into $SERVER_DIR"
    build_into "$ROOT/src/Closeloop.Server" "$SERVER_DIR" "$build_log"
    log "building the bench tool into $TOOL_DIR"
    build_into "$BENCH/Closeloop.Bench" "$TOOL_DIR" "$build_log"
  fi
  [[ -f "$SERVER_DIR/Closeloop.Server.dll" && -f "$TOOL_DIR/Closeloop.Bench.dll" ]] \
    || { echo "no Closeloop.Server.dll in $SERVER_DIR or no Closeloop.Bench.dll in $TOOL_DIR" >&2; return 1; }
}

tool() { dotnet "$TOOL_DIR/Closeloop.Bench.dll" "$@"; }

# bench_person URL FIRST-START-LOG [USER UNIT ROLES]: adds a person (by default "bench" at the root,
# who may accept and read every order) with the password BENCH_PASSWORD. ROLES is a JSON list's
# inside, e.g. '"dispatcher","handler"'. The administrator's one-time password comes from the log of
# the server's first start on this database (the server prints the demo accounts there).
BENCH_PASSWORD=bench-password-not-secret
bench_person() {
  local url=$1 first_log=$2 user=${3:-bench} unit=${4:-sgcc} roles=${5:-'"agent","manager"'} admin_password admin_token
  # The accounts are printed just after the server starts answering /health.
  for _ in $(seq 1 50); do
    admin_password=$(awk '$1 == "admin" { print $2; exit }' "$first_log")
    [[ -n $admin_password ]] && break
    sleep 0.1
  done
  [[ -n $admin_password ]] || { echo "no admin password in $first_log (not the first start on this database?)" >&2; return 1; }
  admin_token=$(bench_token "$url" admin "$admin_password")
  curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $admin_token" \
      -d "{\"userName\":\"$user\",\"displayName\":\"$user\",\"unit\":\"$unit\",\"roles\":[$roles],\"password\":\"$BENCH_PASSWORD\"}" \
      "$url/api/people" >/dev/null
}

# bench_token URL [USER PASSWORD]: prints a new personal token (of the bench person by default).
bench_token() {
  local url=$1 user=${2:-bench} password=${3:-$BENCH_PASSWORD}
  curl -sf -H 'Content-Type: application/json' \
      -d "{\"userName\":\"$user\",\"password\":\"$password\",\"name\":\"bench\"}" "$url/api/auth/tokens" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# start_server CONNECTION-STRING PORT LOG: starts the Release server and waits for /health.
start_server() {
  local database=$1 port=$2 server_log=$3
  mkdir -p "$WORK/data"
  # The rate limits are for people; the load generator is one "person" sending thousands a second,
  # and signs several bench people in from one address.
  (cd "$WORK" && SignIn__RequestsPerMinute=2000000000 SignIn__AttemptsPerMinute=100000 \
      exec dotnet "$SERVER_DIR/Closeloop.Server.dll" --urls "http://127.0.0.1:$port" --database "$database" --data-dir "$WORK/data") \
    >"$server_log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      log "server pid $SERVER_PID healthy on port $port"
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -n 40 "$server_log" >&2
      echo "the server exited (log: $server_log)" >&2
      SERVER_PID=""
      return 1
    fi
    sleep 0.5
  done
  echo "the server did not become healthy in 120 s (log: $server_log)" >&2
  return 1
}

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# keep_result ARRAY PREFIX FILE: copies key=value pairs of FILE's RESULT line into ARRAY[PREFIX:key].
keep_result() {
  local -n into=$1
  local prefix=$2 file=$3 line pair
  line=$(grep -m1 '^RESULT ' "$file" 2>/dev/null || true)
  for pair in $line; do
    [[ "$pair" == *=* ]] && into["$prefix:${pair%%=*}"]=${pair#*=}
  done
  return 0
}

# Reads latencies in microseconds, one a line; prints p50 p95 p99 in ms (nearest rank).
percentiles_us() {
  sort -n | awk '
    { v[NR] = $1 }
    function rank(p,   i) { i = int(p * NR); if (i < p * NR) i++; if (i < 1) i = 1; return v[i] / 1000 }
    END { if (NR == 0) { print "- - -"; exit } printf "%.2f %.2f %.2f\n", rank(0.50), rank(0.95), rank(0.99) }'
}

# pct A B: A as a percentage of B, or "-".
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.0f %%", 100 * a / b }'; }

# max_of VALUES…: the largest number, or "-".
max_of() { printf '%s\n' "$@" | awk '$1 != "-" && $1 != "" { if (!seen || $1 + 0 > m + 0) m = $1; seen = 1 } END { print seen ? m : "-" }'; }

# verdict VALUE OP LIMIT → PASS / FAIL / -
verdict() { awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
  if (v == "" || v == "-") { print "-"; exit }
  ok = (op == ">=") ? (v + 0 >= l + 0) : (v + 0 < l + 0); print ok ? "PASS" : "FAIL" }'; }

# write_intake_summary ARRAY FILE
write_intake_summary() {
  local -n r=$1
  local file=$2 c v
  local sqlite_best=() tx_best=() srv_best=() pg_best=() pgb_best=() rss_all=()
  for c in $CLIENTS; do
    sqlite_best+=("${r[sqlite:$c:rps]:--}"); tx_best+=("${r[sqlite-ceiling-tx:$c:tps]:--}"); srv_best+=("${r[sqlite-ceiling-server:$c:tps]:--}")
    pg_best+=("${r[postgres:$c:rps]:--}"); pgb_best+=("${r[pgbench:$c:tps]:--}"); rss_all+=("${r[postgres:$c:rss_peak_mb]:--}")
  done
  local s_best t_best v_best p_best b_best rss_peak
  s_best=$(max_of "${sqlite_best[@]}"); t_best=$(max_of "${tx_best[@]}"); v_best=$(max_of "${srv_best[@]}")
  p_best=$(max_of "${pg_best[@]}"); b_best=$(max_of "${pgb_best[@]}"); rss_peak=$(max_of "${rss_all[@]}")
  local p32=${r[postgres:32:rps]:--} p99_32=${r[postgres:32:p99]:--}
  {
    echo "# Closeloop intake benchmark"
    echo
    echo '```'
    cat "$OUT/environment.txt"
    echo '```'
    echo
    echo "Creates: \`POST /api/work-orders\` from N closed-loop clients (\`Closeloop.Bench create\`), ${DURATION} s measured after ${WARMUP} s warm-up;"
    echo "each server was first primed with ${PRIME:-0} s of unrecorded load at 8 clients. Client counts run in the order listed, on one server (the data grows)."
    echo "Latencies in ms. RSS and CPU are the server process's over the measured window (CPU in % of one core)."
    echo
    echo "## SQLite"
    echo
    echo "| clients | creates/s | p50 | p95 | p99 | errors | RSS peak MB | server CPU | bare ceiling, tx only (/s) | creates % of it | bare ceiling, server's statements (/s) | creates % of it |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for c in $CLIENTS; do
      echo "| $c | ${r[sqlite:$c:rps]:--} | ${r[sqlite:$c:p50]:--} | ${r[sqlite:$c:p95]:--} | ${r[sqlite:$c:p99]:--} | ${r[sqlite:$c:errors]:--} | ${r[sqlite:$c:rss_peak_mb]:--} | ${r[sqlite:$c:server_cpu_pct]:--} | ${r[sqlite-ceiling-tx:$c:tps]:--} | $(pct "${r[sqlite:$c:rps]:-}" "${r[sqlite-ceiling-tx:$c:tps]:-}") | ${r[sqlite-ceiling-server:$c:tps]:--} | $(pct "${r[sqlite:$c:rps]:-}" "${r[sqlite-ceiling-server:$c:tps]:-}") |"
    done
    echo
    echo "Bare ceiling: \`Closeloop.Bench sqlite-ceiling\`, Microsoft.Data.Sqlite without EF, one connection per client, the server's connection settings, on a file the server migrated (WAL)."
    echo "*tx only*: BEGIN IMMEDIATE; the order's INSERTs; COMMIT. *server's statements*: also the number reservation the server does around it (a block of 10 in its own commit every tenth order)."
    echo
    echo "## PostgreSQL"
    echo
    echo "| clients | creates/s | p50 | p95 | p99 | errors | RSS peak MB | server CPU | pgbench tps | pgbench p50 | pgbench p99 | creates % of pgbench |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for c in $CLIENTS; do
      echo "| $c | ${r[postgres:$c:rps]:--} | ${r[postgres:$c:p50]:--} | ${r[postgres:$c:p95]:--} | ${r[postgres:$c:p99]:--} | ${r[postgres:$c:errors]:--} | ${r[postgres:$c:rss_peak_mb]:--} | ${r[postgres:$c:server_cpu_pct]:--} | ${r[pgbench:$c:tps]:--} | ${r[pgbench:$c:p50]:--} | ${r[pgbench:$c:p99]:--} | $(pct "${r[postgres:$c:rps]:-}" "${r[pgbench:$c:tps]:-}") |"
    done
    echo
    echo "pgbench: \`bench/pgbench-create.sql\` (-M prepared, the transaction pipelined), same cluster and database, the server stopped."
    echo
    echo "## Against the targets"
    echo
    echo "| target | measured | |"
    echo "|---|---:|---|"
    echo "| PostgreSQL ≥ 1,500 creates/s at 32 clients | $p32 | $(verdict "$p32" '>=' 1500) |"
    echo "| PostgreSQL p99 < 50 ms at 32 clients | $p99_32 | $(verdict "$p99_32" '<' 50) |"
    v=$(pct "$p32" "$b_best"); echo "| PostgreSQL ≥ 50 % of the pgbench ceiling ($b_best tps, best over client counts): creates/s at 32 clients | $v | $(verdict "${v% %}" '>=' 50) |"
    v=$(pct "$p_best" "$b_best"); echo "| … best creates/s ($p_best) over the ceiling | $v | $(verdict "${v% %}" '>=' 50) |"
    echo "| server RSS < 400 MB under load (peak over the PostgreSQL runs) | $rss_peak MB | $(verdict "$rss_peak" '<' 400) |"
    v=$(pct "$s_best" "$t_best"); echo "| SQLite ≥ 50 % of the bare ceiling: best creates/s ($s_best) over best tx-only ceiling ($t_best) | $v | $(verdict "${v% %}" '>=' 50) |"
    v=$(pct "$s_best" "$v_best"); echo "| … over best ceiling of the server's statements ($v_best) | $v | $(verdict "${v% %}" '>=' 50) |"
  } >"$file"
}
