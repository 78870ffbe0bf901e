#!/usr/bin/env bash
# Times bdash verify against innochecksum and bdash scan against cat over the same ~1 GB of
# sysbench .ibd files (warm page cache, hyperfine --warmup 1 --runs 5, medians).
# Needs: mariadb-server (mariadbd, mariadb-install-db), sysbench, hyperfine, innochecksum, dotnet.
# Usage: scripts/bench-innodb.sh            (BENCH_TABLE_SIZE=500000 rows x 8 tables ~ 1 GB)
#        BENCH_KEEP=1 keeps the temp datadir; BENCH_DATADIR=DIR (with BENCH_LAST_LSN=N) reuses a
#        stopped server's datadir. Run on an otherwise idle machine: the figures are wall-clock.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
table_size=${BENCH_TABLE_SIZE:-500000}
work=$(mktemp -d /tmp/bdash-bench.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
  [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

echo "== building bdash (Release)"
dotnet build -c Release "$repo/src/BackupDashboard.Cli" -v q -nologo >/dev/null
bdash="$repo/src/BackupDashboard.Cli/bin/Release/net10.0/bdash"

datadir=${BENCH_DATADIR:-}
if [[ -z "$datadir" ]]; then
  datadir="$work/data"
  socket="$work/s.sock"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  echo "== throwaway mariadbd in $work (port $port)"
  mariadb-install-db --no-defaults --datadir="$datadir" --user="$(whoami)" --auth-root-authentication-method=normal --skip-test-db >"$work/install.log" 2>&1
  mariadbd --no-defaults --datadir="$datadir" --socket="$socket" --port="$port" --bind-address=127.0.0.1 \
    --user="$(whoami)" --innodb-buffer-pool-size=512M --innodb-log-file-size=512M --performance-schema=OFF \
    --log-error="$work/error.log" --pid-file="$work/pid" >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 120); do mariadb -uroot -S "$socket" -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
  mariadb -uroot -S "$socket" -e 'CREATE DATABASE sbtest'
  echo "== sysbench prepare: 8 tables x $table_size rows"
  sysbench oltp_read_write --db-driver=mysql --mysql-socket="$socket" --mysql-user=root --tables=8 \
    --table-size="$table_size" --threads=2 prepare >"$work/sysbench.log"
  lsn=$(mariadb -uroot -S "$socket" -N -e "SHOW GLOBAL STATUS LIKE 'Innodb_lsn_current'" | cut -f2)
  echo "$lsn" >"$work/lsn"
  kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
fi

files_dir="$datadir/sbtest"
lsn=${BENCH_LAST_LSN:-$(cat "$work/lsn" 2>/dev/null || echo 0)}
since=$((lsn / 2))
bytes=$(cat "$files_dir"/*.ibd | wc -c)
count=$(ls "$files_dir"/*.ibd | wc -l)
echo "== $count .ibd files, $bytes bytes; scan since LSN $since (half of the last LSN $lsn)"
"$bdash" verify "$files_dir" | tail -1
"$bdash" scan "$files_dir" --since-lsn "$since" | tail -1

hyperfine --warmup 1 --runs 5 --export-json "$work/verify.json" \
  -n "bdash verify" "$bdash verify $files_dir" \
  -n "innochecksum (shell loop, 1 core)" "for f in $files_dir/*.ibd; do innochecksum \$f || exit 1; done" \
  -n "innochecksum (xargs -P2, 2 cores)" "ls $files_dir/*.ibd | xargs -P2 -n1 innochecksum"
hyperfine --warmup 1 --runs 5 --export-json "$work/scan.json" \
  -n "bdash scan" "$bdash scan $files_dir --since-lsn $since" \
  -n "cat > /dev/null" "cat $files_dir/*.ibd > /dev/null"

python3 - "$work/verify.json" "$work/scan.json" "$bytes" <<'PY'
import json, statistics, sys
size = int(sys.argv[3])
def medians(path):
    return {r["command"]: statistics.median(r["times"]) for r in json.load(open(path))["results"]}
v, s = medians(sys.argv[1]), medians(sys.argv[2])
print(f"\n{'command':40} {'median s':>9} {'GB/s':>7}")
for name, t in list(v.items()) + list(s.items()):
    print(f"{name:40} {t:9.3f} {size / t / 1e9:7.2f}")
bv = v["bdash verify"]
print(f"\nverify: innochecksum loop / bdash = {v['innochecksum (shell loop, 1 core)'] / bv:.2f}x, "
      f"innochecksum xargs -P2 / bdash = {v['innochecksum (xargs -P2, 2 cores)'] / bv:.2f}x (>1 means bdash is faster)")
print(f"scan:   cat / bdash scan = {s['cat > /dev/null'] / s['bdash scan']:.2f}x (>1 means bdash is faster)")
PY
