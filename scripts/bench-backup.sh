#!/usr/bin/env bash
# Times a full backup through bdash against the same mariabackup command typed by hand, on the
# same server and data, side by side in one run (hyperfine, --runs 5, medians).
# Needs: mariadb-server, mariadb-backup, sysbench, hyperfine, dotnet.
# Usage: scripts/bench-backup.sh        (BENCH_TABLE_SIZE=500000 rows x 8 tables ~ 1 GB)
#        BENCH_DATADIR=DIR reuses a stopped server's datadir (e.g. one kept by bench-innodb.sh).
set -euo pipefail

# shellcheck source=lib/bench-common.sh
source "$(dirname "$0")/lib/bench-common.sh"
bench_init bdash-bbench
bench_publish_bdash

datadir=${BENCH_DATADIR:-$work/data}
fresh=0
[[ -d "$datadir/mysql" ]] || fresh=1
bench_start_server "$datadir"
[[ $fresh == 0 ]] || bench_load_sample
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
