#!/usr/bin/env bash
# Times a restore through bdash against the same mariabackup steps typed by hand on a copy of
# the same chain (working copy included), side by side in one run (hyperfine, --runs 5, medians).
# The chain is a full and two incrementals of a sysbench data set under writes.
# Needs: mariadb-server, mariadb-backup, sysbench, hyperfine, dotnet.
# Usage: scripts/bench-restore.sh   (BENCH_TABLE_SIZE=500000 rows x 8 tables ~ 1 GB)
set -euo pipefail

# shellcheck source=lib/bench-common.sh
source "$(dirname "$0")/lib/bench-common.sh"
bench_init bdash-rbench
bench_publish_bdash
datadir="$work/data"
bench_start_server "$datadir"
bench_load_sample

export BackupDashboard__DataDir="$work/bdash-data"
"$bdash" server add bench --socket "$socket" --user root --datadir "$datadir" >/dev/null
"$bdash" backup bench --full --json >"$work/full.json"
bench_sysbench --time=10 run
"$bdash" backup bench --incremental --json >"$work/inc1.json"
bench_sysbench --time=10 run
"$bdash" backup bench --incremental --json >"$work/inc2.json"
path() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
full=$(path "$work/full.json" path); inc1=$(path "$work/inc1.json" path); inc2=$(path "$work/inc2.json" path)
id=$(path "$work/inc2.json" id)
echo "== chain: $(du -sh "$full" | cut -f1) full + $(du -sh "$inc1" | cut -f1) + $(du -sh "$inc2" | cut -f1)"

# By hand: what an operator types, working copy included (cp --reflink=auto, as bdash does).
cat >"$work/by-hand.sh" <<HAND
set -e
w=$work/hand-work; d=$work/hand-datadir
cp -a --reflink=auto $full/. \$w/full; cp -a --reflink=auto $inc1/. \$w/inc1; cp -a --reflink=auto $inc2/. \$w/inc2
mariabackup --prepare --target-dir=\$w/full
mariabackup --prepare --target-dir=\$w/full --incremental-dir=\$w/inc1
mariabackup --prepare --target-dir=\$w/full --incremental-dir=\$w/inc2
mariabackup --copy-back --target-dir=\$w/full --datadir=\$d
chown -R $(id -un) \$d
HAND
sed -i 's|^cp -a|mkdir -p $w/full $w/inc1 $w/inc2; cp -a|' "$work/by-hand.sh"

hyperfine --warmup 1 --runs 5 --export-json "$work/restore.json" \
  --prepare "rm -rf $work/hand-work $work/hand-datadir $work/bdash-datadir $work/bdash-datadir.restore-work" \
  -n "mariabackup steps by hand" "bash $work/by-hand.sh" \
  -n "bdash restore" "$bdash restore $id --datadir $work/bdash-datadir --owner $(id -un)" >/dev/null

python3 - "$work/restore.json" <<'PY'
import json, statistics, sys
runs = {r["command"]: statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
hand, ours = runs["mariabackup steps by hand"], runs["bdash restore"]
print(f"\n{'command':28} {'median s':>9}")
for name, t in runs.items():
    print(f"{name:28} {t:9.3f}")
print(f"\nbdash / by hand = {ours / hand:.3f} ({(ours / hand - 1) * 100:+.1f}%; target: at most +10%)")
PY
