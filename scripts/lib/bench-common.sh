# Shared by the scripts/bench-*.sh benchmarks (sourced, not run): a work folder that is cleaned
# up on exit, bdash published the way it is installed for real use, and a throwaway mariadbd
# (loopback, its own socket, no my.cnf) with sysbench data.
#   bench_init PREFIX          sets $repo, $work, $table_size; traps cleanup (BENCH_KEEP=1 keeps $work)
#   bench_publish_bdash        sets $bdash (as installed: scripts/publish-bdash.sh; BENCH_BDASH=path uses one already published)
#   bench_start_server DATADIR sets $socket, $server_pid; initializes DATADIR when it is new
#   bench_sysbench ARGS...     sysbench oltp_read_write against it, 8 tables x $table_size rows
#   bench_stop_server

bench_init() {
  repo=$(cd "$(dirname "${BASH_SOURCE[1]}")/.." && pwd)
  table_size=${BENCH_TABLE_SIZE:-500000}
  work=$(mktemp -d "/tmp/$1.XXXXXX")
  server_pid=""
  trap bench_cleanup EXIT
}

bench_cleanup() {
  bench_stop_server
  [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$work"
}

bench_publish_bdash() {
  if [[ -n "${BENCH_BDASH:-}" ]]; then bdash=$BENCH_BDASH; return; fi
  echo "== publishing bdash as it is installed (scripts/publish-bdash.sh: native bdash + ReadyToRun bdash-core)"
  "$repo/scripts/publish-bdash.sh" "$work/bdash" >/dev/null
  bdash="$work/bdash/bdash"
}

bench_start_server() {
  local datadir=$1 port
  socket="$work/s.sock"
  if [[ ! -d "$datadir/mysql" ]]; then
    mariadb-install-db --no-defaults --datadir="$datadir" --user="$(whoami)" --auth-root-authentication-method=normal \
      --skip-test-db >"$work/install.log" 2>&1
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "== throwaway mariadbd on $datadir (port $port)"
  mariadbd --no-defaults --datadir="$datadir" --socket="$socket" --port="$port" --bind-address=127.0.0.1 \
    --user="$(whoami)" --innodb-buffer-pool-size=512M --innodb-log-file-size=512M --performance-schema=OFF \
    --log-error="$work/error.log" --pid-file="$work/pid" >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 120); do mariadb -uroot -S "$socket" -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
}

bench_sysbench() {
  sysbench oltp_read_write --db-driver=mysql --mysql-socket="$socket" --mysql-user=root --tables=8 \
    --table-size="$table_size" --threads=2 "$@" >>"$work/sysbench.log"
}

bench_load_sample() {
  mariadb -uroot -S "$socket" -e 'CREATE DATABASE sbtest'
  echo "== sysbench prepare: 8 tables x $table_size rows"
  bench_sysbench prepare
}

bench_stop_server() {
  if [[ -n "${server_pid:-}" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
  server_pid=""
}
