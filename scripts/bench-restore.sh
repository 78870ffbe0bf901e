#!/usr/bin/env bash
# Times the default restore through bdash (the chain is kept: a working copy, prepare, the result
# renamed into place) against an operator's in-place steps by hand (prepare consumes the backup:
# no copy, three mariabackup --prepare, --copy-back, chown -R), side by side in one run.
# The by-hand steps use the chain up, so each of their runs gets a fresh copy of it first, and that
# copy is not timed: the by-hand side is the unsafe one with one copy (copy-back), which a safe
# restore should not exceed.
# The two sides alternate, pair after pair (BENCH_RUNS pairs, default 7, after one untimed pair):
# this shared virtual disk drifts by several per cent within minutes, and all runs of one side
# after all runs of the other would put that drift into the ratio. Reported: each side's median
# and the median of the per-pair ratios.
# The chain is a full and two incrementals of a sysbench data set under writes.
# Needs: mariadb-server, mariadb-backup, sysbench, dotnet.
# Usage: scripts/bench-restore.sh   (BENCH_TABLE_SIZE=500000 rows x 8 tables ~ 1 GB;
#        BENCH_BDASH=/opt/bdash/bdash uses a published bdash instead of publishing one;
#        BENCH_CHAIN=<work folder of a BENCH_KEEP=1 run> times that chain again;
#        BENCH_HAND_SYNC=1 ends the by-hand steps with sync, so both sides leave the result on disk)
set -euo pipefail

# shellcheck source=lib/bench-common.sh
source "$(dirname "$0")/lib/bench-common.sh"
bench_init bdash-rbench
bench_publish_bdash
if [[ -n "${BENCH_CHAIN:-}" ]]; then
  # The chain's folder is kept: the exit trap removes $work unless BENCH_KEEP=1.
  if [[ -n "${BENCH_BDASH:-}" ]]; then rm -rf "$work"; fi
  BENCH_KEEP=1; work=$BENCH_CHAIN
else
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
fi
export BackupDashboard__DataDir="$work/bdash-data"
path() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
full=$(path "$work/full.json" path); inc1=$(path "$work/inc1.json" path); inc2=$(path "$work/inc2.json" path)
id=$(path "$work/inc2.json" id)
echo "== chain: $(du -sh "$full" | cut -f1) full + $(du -sh "$inc1" | cut -f1) + $(du -sh "$inc2" | cut -f1)"

# By hand, in place: what an operator types on a chain they are willing to use up.
hand="$work/hand-chain"
by_hand() {
  mariabackup --prepare --target-dir="$hand/full"
  mariabackup --prepare --target-dir="$hand/full" --incremental-dir="$hand/inc1"
  mariabackup --prepare --target-dir="$hand/full" --incremental-dir="$hand/inc2"
  mariabackup --copy-back --target-dir="$hand/full" --datadir="$work/hand-datadir"
  chown -R "$(id -un)" "$work/hand-datadir"
  # BENCH_HAND_SYNC=1: the operator also waits for the restored files to be on disk, as bdash's
  # prepares (fsync) and its writeback make them; --copy-back alone leaves them in the page cache.
  if [[ "${BENCH_HAND_SYNC:-0}" == 1 ]]; then sync -f "$work/hand-datadir"; fi
}
# Not timed: a fresh copy of the chain for the by-hand run (it consumes it), the previous results
# removed, then sync, so that neither side pays for the other's dirty pages.
fresh_chain() {
  rm -rf "$hand" "$work/hand-datadir" "$work/bdash-datadir" "$work/bdash-datadir.restore-work"
  mkdir -p "$hand" && cp -a "$full/." "$hand/full" && mkdir "$hand/inc1" "$hand/inc2"
  cp -a "$inc1/." "$hand/inc1" && cp -a "$inc2/." "$hand/inc2"
  sync
}
bdash_restore() { "$bdash" restore "$id" --datadir "$work/bdash-datadir" --owner "$(id -un)"; }
seconds() { local t0 t1; t0=$(date +%s%N); "$@" >>"$work/bench-restore.log" 2>&1 || { echo "failed: $1 (see $work/bench-restore.log)" >&2; return 1; }; t1=$(date +%s%N); awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }'; }

results="$work/restore-pairs.txt"
: >"$results"
for pair in $(seq 0 "${BENCH_RUNS:-7}"); do
  fresh_chain; h=$(seconds by_hand) || exit 1
  fresh_chain; b=$(seconds bdash_restore) || exit 1
  if [[ $pair -gt 0 ]]; then echo "$h $b" >>"$results"; fi
  echo "pair $pair: by hand $h s, bdash $b s$([[ $pair -eq 0 ]] && echo ' (warm-up, not counted)')"
done

"$bdash" restore "$id" --plan --datadir "$work/bdash-datadir" | grep -E '^ *[0-9]+\. (rename|copy-back)' || true
python3 - "$results" <<'PY'
import statistics, sys
pairs = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
hand = statistics.median(h for h, _ in pairs)
ours = statistics.median(b for _, b in pairs)
ratios = sorted(b / h for h, b in pairs)
print(f"\n{len(pairs)} pairs; medians: by hand {hand:.3f} s, bdash {ours:.3f} s")
print(f"bdash / by hand, median of the pairs' ratios = {statistics.median(ratios):.3f} "
      f"(pairs from {ratios[0]:.3f} to {ratios[-1]:.3f}; goal: at most 1.0)")
PY
