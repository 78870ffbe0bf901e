#!/usr/bin/env bash
# Times bdash verify against innochecksum and bdash scan against cat over the same ~1 GB of
# sysbench .ibd files (warm page cache, hyperfine --warmup 1 --runs 5, medians).
# Needs: mariadb-server (mariadbd, mariadb-install-db), sysbench, hyperfine, innochecksum, dotnet.
# Usage: scripts/bench-innodb.sh            (BENCH_TABLE_SIZE=500000 rows x 8 tables ~ 1 GB)
#        BENCH_KEEP=1 keeps the temp datadir; BENCH_DATADIR=DIR (with BENCH_LAST_LSN=N) reuses a
#        stopped server's datadir. Run on an otherwise idle machine: the figures are wall-clock.
set -euo pipefail

# shellcheck source=lib/bench-common.sh
source "$(dirname "$0")/lib/bench-common.sh"
bench_init bdash-bench
bench_publish_bdash

datadir=${BENCH_DATADIR:-}
if [[ -z "$datadir" ]]; then
  datadir="$work/data"
  bench_start_server "$datadir"
  bench_load_sample
  mariadb -uroot -S "$socket" -N -e "SHOW GLOBAL STATUS LIKE 'Innodb_lsn_current'" | cut -f2 >"$work/lsn"
  bench_stop_server
fi

lsn=${BENCH_LAST_LSN:-$(cat "$work/lsn" 2>/dev/null || echo 0)}
since=$((lsn / 2))

# Two sets: the sysbench files as they are (~1 GB, where bdash's ~65 ms start-up weighs), and
# the same files copied four times (~4 GB, closer to the throughput that matters on terabytes).
one="$datadir/sbtest"
four="$work/x4"
mkdir -p "$four"
for f in "$one"/*.ibd; do for i in 1 2 3 4; do cp "$f" "$four/$(basename "$f" .ibd)_$i.ibd"; done; done

bench() { # name dir
  local name=$1 dir=$2
  local bytes count
  bytes=$(cat "$dir"/*.ibd | wc -c); count=$(ls "$dir"/*.ibd | wc -l)
  echo "== $name: $count .ibd files, $bytes bytes; scan since LSN $since (half of the last LSN $lsn)"
  "$bdash" verify "$dir" | tail -1
  "$bdash" scan "$dir" --since-lsn "$since" | tail -1
  hyperfine --warmup 1 --runs 7 --export-json "$work/$name-verify.json" \
    -n "bdash verify" "$bdash verify $dir" \
    -n "innochecksum (shell loop, 1 core)" "for f in $dir/*.ibd; do innochecksum \$f || exit 1; done" \
    -n "innochecksum (xargs -P2, 2 cores)" "ls $dir/*.ibd | xargs -P2 -n1 innochecksum" >/dev/null
  hyperfine --warmup 1 --runs 7 --export-json "$work/$name-scan.json" \
    -n "bdash scan" "$bdash scan $dir --since-lsn $since" \
    -n "cat > /dev/null" "cat $dir/*.ibd > /dev/null" >/dev/null
  report "$work/$name-verify.json" "$work/$name-scan.json" "$bytes"
}

report() {
python3 - "$1" "$2" "$3" <<'PY'
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
}

bench 1x "$one"
bench 4x "$four"
