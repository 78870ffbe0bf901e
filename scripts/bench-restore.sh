#!/usr/bin/env bash
# Times the default restore through bdash (the chain is kept: a working copy, prepare, the result
# renamed into place) against an operator's in-place steps by hand (prepare consumes the backup:
# no copy, three mariabackup --prepare, --copy-back, chown -R), side by side in one hyperfine run
# (--runs 5, or BENCH_RUNS; medians). The by-hand steps use the chain up, so hyperfine's --prepare gives each of
# their runs a fresh copy of it, and that copy is not timed: the by-hand side is the unsafe one
# with one copy (copy-back), which a safe restore should not exceed.
# The chain is a full and two incrementals of a sysbench data set under writes.
# Needs: mariadb-server, mariadb-backup, sysbench, hyperfine, dotnet.
# Usage: scripts/bench-restore.sh   (BENCH_TABLE_SIZE=500000 rows x 8 tables ~ 1 GB;
#        BENCH_BDASH=/opt/bdash/bdash uses a published bdash instead of publishing one)
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
bench_stop_server
path() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
full=$(path "$work/full.json" path); inc1=$(path "$work/inc1.json" path); inc2=$(path "$work/inc2.json" path)
id=$(path "$work/inc2.json" id)
echo "== chain: $(du -sh "$full" | cut -f1) full + $(du -sh "$inc1" | cut -f1) + $(du -sh "$inc2" | cut -f1)"

# By hand, in place: what an operator types on a chain they are willing to use up.
hand="$work/hand-chain"
cat >"$work/by-hand.sh" <<HAND
set -e
mariabackup --prepare --target-dir=$hand/full
mariabackup --prepare --target-dir=$hand/full --incremental-dir=$hand/inc1
mariabackup --prepare --target-dir=$hand/full --incremental-dir=$hand/inc2
mariabackup --copy-back --target-dir=$hand/full --datadir=$work/hand-datadir
chown -R $(id -un) $work/hand-datadir
HAND
# Not timed: a fresh copy of the chain for the by-hand run (it consumes it), then sync, so that
# neither side pays for the other's dirty pages.
fresh_chain="rm -rf $hand $work/hand-datadir && mkdir -p $hand && cp -a $full/. $hand/full && mkdir $hand/inc1 $hand/inc2 && cp -a $inc1/. $hand/inc1 && cp -a $inc2/. $hand/inc2 && sync"
clean_bdash="rm -rf $work/bdash-datadir $work/bdash-datadir.restore-work && sync"

hyperfine --warmup 1 --runs "${BENCH_RUNS:-5}" --export-json "$work/restore.json" \
  --prepare "$fresh_chain" -n "mariabackup in place by hand" "bash $work/by-hand.sh" \
  --prepare "$clean_bdash" -n "bdash restore (chain kept)" "$bdash restore $id --datadir $work/bdash-datadir --owner $(id -un)" >/dev/null

"$bdash" restore "$id" --plan --datadir "$work/bdash-datadir" | grep -E '^ *[0-9]+\. (rename|copy-back)' || true
python3 - "$work/restore.json" <<'PY'
import json, statistics, sys
runs = {r["command"]: statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
hand, ours = runs["mariabackup in place by hand"], runs["bdash restore (chain kept)"]
print(f"\n{'command':30} {'median s':>9}")
for name, t in runs.items():
    print(f"{name:30} {t:9.3f}")
print(f"\nbdash / by hand = {ours / hand:.3f} ({(ours / hand - 1) * 100:+.1f}%; goal: at most 1.0)")
PY
