#!/usr/bin/env bash
# Times a full backup through bdash against the same mariabackup command typed by hand, on the
# same server and data, side by side in one run (hyperfine, --runs 5, medians).
# Needs: mariadb-server, mariadb-backup, sysbench, hyperfine, dotnet.
# Usage: scripts/bench-backup.sh        (BENCH_TABLE_SIZE=500000 rows x 8 tables ~ 1 GB)
#        BENCH_DATADIR=DIR reuses a stopped server's datadir (e.g. one kept by bench-innodb.sh).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
table_size=${BENCH_TABLE_SIZE:-500000}
work=$(mktemp -d /tmp/bdash-bbench.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== publishing bdash (Release, ReadyToRun)"
dotnet publish "$repo/src/BackupDashboard.Cli" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$work/bdash" -v q -nologo >/dev/null
bdash="$work/bdash/bdash"

datadir=${BENCH_DATADIR:-$work/data}
socket="$work/s.sock"
fresh=0
if [[ ! -d "$datadir/mysql" ]]; then
  mariadb-install-db --no-defaults --datadir="$datadir" --user="$(whoami)" --auth-root-authentication-method=normal --skip-test-db >"$work/install.log" 2>&1
  fresh=1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mariadbd --no-defaults --datadir="$datadir" --socket="$socket" --port="$port" --bind-address=127.0.0.1 \
  --user="$(whoami)" --innodb-buffer-pool-size=512M --innodb-log-file-size=512M --performance-schema=OFF \
  --log-error="$work/error.log" --pid-file="$work/pid" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 120); do mariadb -uroot -S "$socket" -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
if [[ $fresh == 1 ]]; then
  mariadb -uroot -S "$socket" -e 'CREATE DATABASE sbtest'
  echo "== sysbench prepare: 8 tables x $table_size rows"
  sysbench oltp_read_write --db-driver=mysql --mysql-socket="$socket" --mysql-user=root --tables=8 \
    --table-size="$table_size" --threads=2 prepare >"$work/sysbench.log"
fi
size=$(du -sb "$datadir" | cut -f1)
echo "== server up: datadir $datadir ($size bytes)"

export BackupDashboard__DataDir="$work/bdash-data"
export BackupDashboard__Repository="$work/repo"
"$bdash" server add bench --socket "$socket" --user root --datadir "$datadir" >/dev/null

# Same tool, same server, same options: the by-hand command is the one bdash runs, minus the
# credentials file (root has no password here).
hyperfine --warmup 1 --runs 5 --export-json "$work/backup.json" \
  --prepare "rm -rf $work/hand $work/repo/bench" \
  -n "mariabackup by hand" "mariabackup --backup --target-dir=$work/hand --user=root --socket=$socket --datadir=$datadir --verbose" \
  -n "bdash backup --full" "$bdash backup bench --full" >/dev/null

python3 - "$work/backup.json" "$size" <<'PY'
import json, statistics, sys
runs = {r["command"]: statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
hand, ours = runs["mariabackup by hand"], runs["bdash backup --full"]
print(f"\n{'command':28} {'median s':>9}")
for name, t in runs.items():
    print(f"{name:28} {t:9.3f}")
print(f"\nbdash / by hand = {ours / hand:.3f} ({(ours / hand - 1) * 100:+.1f}%; target: at most +5%)")
PY
