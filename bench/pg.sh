#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for benchmarks, from Debian's binaries (/usr/lib/postgresql/*/bin).
#
#   bench/pg.sh start DIR PORT   initdb into DIR (when empty) and start on 127.0.0.1:PORT;
#                                prints the connection string (the only line on stdout)
#   bench/pg.sh stop DIR         stop it, keep the data
#   bench/pg.sh destroy DIR      stop it and delete DIR
#
# Durability stays ON (fsync, synchronous_commit, full_page_writes): benchmark numbers must be
# the ones a production setup would see. Memory settings suit the 2-core / 24 GB bench machine.
# Trust auth, listening on 127.0.0.1 only, socket in DIR. As root, PostgreSQL runs as `postgres`.
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$bin" && -x "$bin/pg_ctl" ]] || die "no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql, or run ./test.sh once)"
  echo "$bin"
}

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd=${1:-}
dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || die "usage: pg.sh start DIR PORT | stop DIR | destroy DIR"
BIN=$(pg_bin)
if [[ "$cmd" != start && ! -d "$dir" ]]; then
  exit 0
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"

case "$cmd" in
  start)
    port=${3:-}
    [[ "$port" =~ ^[0-9]+$ ]] || die "usage: pg.sh start DIR PORT"
    if [[ $(id -u) -eq 0 ]]; then
      id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the server as"
      chown postgres: "$dir"
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
      as_pg "$BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
      cat >>"$data/postgresql.conf" <<CONF

# --- bench/pg.sh -------------------------------------------------------------
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
# Durability on: honest numbers.
fsync = on
synchronous_commit = on
full_page_writes = on
wal_level = replica
# Memory for a 24 GB machine.
shared_buffers = 2GB
effective_cache_size = 16GB
work_mem = 16MB
maintenance_work_mem = 1GB
wal_buffers = 64MB
huge_pages = try
# Checkpoints far enough apart that a 20 s run does not hit one by chance.
max_wal_size = 16GB
min_wal_size = 2GB
checkpoint_timeout = 30min
checkpoint_completion_target = 0.9
# 2 cores, local SSD.
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_parallel_maintenance_workers = 2
random_page_cost = 1.1
effective_io_concurrency = 200
# Short OLTP statements: JIT compilation costs more than it saves.
jit = off
# Logs in DIR/log.
logging_collector = on
log_directory = '$dir/log'
log_min_duration_statement = -1
log_checkpoints = on
CONF
    fi
    if as_pg "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      die "a server is already running on $data"
    fi
    sed -i "s/^port = .*$//" "$data/postgresql.conf"
    echo "port = $port" >>"$data/postgresql.conf"
    as_pg "$BIN/pg_ctl" -D "$data" -l "$dir/pg_ctl.log" -w -t 60 start >/dev/null \
      || { cat "$dir/pg_ctl.log" >&2; die "PostgreSQL did not start"; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres"
    ;;
  stop)
    if [[ -f "$data/PG_VERSION" ]] && as_pg "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$data" -m fast -w -t 120 stop >/dev/null
    fi
    ;;
  destroy)
    if [[ -f "$data/PG_VERSION" ]] && as_pg "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$data" -m immediate -w -t 60 stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    die "usage: pg.sh start DIR PORT | stop DIR | destroy DIR"
    ;;
esac
