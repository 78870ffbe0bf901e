#!/usr/bin/env bash
# Times bdash verify against innochecksum and bdash scan against cat over the same sets of
# sysbench-made .ibd files in the shapes the README's "Measured" section lists (warm page cache,
# hyperfine --warmup 1 --runs 7, medians). bdash is timed as installed (the native program) and,
# beside it, bdash-core (the same verbs in the ReadyToRun managed CLI).
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

# The sets the speed goals name (README, "verify and scan against innochecksum and cat"):
#   1x     the sysbench files alone (informative: bdash's ~0.1 s start-up weighs on it);
#   server many tablespaces of mixed sizes, as a server has: copies of sbtest/ and mysql/ up to ~2 GB;
#   small  5,000 small tablespaces (copies of mysql/*.ibd in 100 folders);
#   4gb    copies of the sysbench files up to ~4 GB.
one="$datadir/sbtest"
one_bytes=$(cat "$one"/*.ibd | wc -c)
copies() { echo $(( ($1 + one_bytes - 1) / one_bytes )); }
server="$work/server"; small="$work/small"; big="$work/4gb"
rm -rf "$server" "$small" "$big"
for i in $(seq 1 "$(copies 2000000000)"); do mkdir -p "$server/c$i"; cp -r "$one" "$datadir/mysql" "$server/c$i/"; done
for d in $(seq 1 100); do
  mkdir -p "$small/db$d"
  for c in $(seq 1 $((5000 / 100 / $(ls "$datadir"/mysql/*.ibd | wc -l) + 1))); do
    for f in "$datadir"/mysql/*.ibd; do cp "$f" "$small/db$d/$(basename "$f" .ibd)_$c.ibd"; done
  done
done
find "$small" -name '*.ibd' | sort | tail -n +5001 | xargs -r rm
mkdir -p "$big"
for f in "$one"/*.ibd; do for i in $(seq 1 "$(copies 4000000000)"); do cp "$f" "$big/$(basename "$f" .ibd)_$i.ibd"; done; done
sync # the copies' writeback must not run beside the timings

# bdash-core beside an installed bdash; BENCH_BDASH may name an older install without one.
core="$(dirname "$bdash")/bdash-core"

bench() { # name dir
  local name=$1 dir=$2
  local bytes count list="$work/$1.files"
  find "$dir" -name '*.ibd' | sort >"$list"
  bytes=$(xargs cat <"$list" | wc -c); count=$(wc -l <"$list")
  echo "== $name: $count .ibd files, $bytes bytes; scan since LSN $since (half of the last LSN $lsn)"
  "$bdash" verify "$dir" | tail -1
  "$bdash" scan "$dir" --since-lsn "$since" | tail -1
  local core_verify=() core_scan=()
  if [[ -x "$core" ]]; then
    core_verify=(-n "bdash-core verify (ReadyToRun)" "$core verify $dir")
    core_scan=(-n "bdash-core scan (ReadyToRun)" "$core scan $dir --since-lsn $since")
  fi
  # innochecksum takes several files per call; -n16 keeps process starts from deciding the small set.
  hyperfine -N --warmup 1 --runs 7 --export-json "$work/$name-verify.json" \
    -n "bdash verify" "$bdash verify $dir" \
    "${core_verify[@]}" \
    -n "innochecksum (one process)" "sh -c 'xargs -n16 innochecksum < $list'" \
    -n "innochecksum (xargs -P2, 2 cores)" "sh -c 'xargs -P2 -n16 innochecksum < $list'" >/dev/null
  hyperfine -N --warmup 1 --runs 7 --export-json "$work/$name-scan.json" \
    -n "bdash scan" "$bdash scan $dir --since-lsn $since" \
    "${core_scan[@]}" \
    -n "cat > /dev/null" "sh -c 'xargs cat < $list > /dev/null'" >/dev/null
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
print(f"\nverify: innochecksum one process / bdash = {v['innochecksum (one process)'] / bv:.2f}x, "
      f"innochecksum xargs -P2 / bdash = {v['innochecksum (xargs -P2, 2 cores)'] / bv:.2f}x (>1 means bdash is faster)")
print(f"scan:   cat / bdash scan = {s['cat > /dev/null'] / s['bdash scan']:.2f}x (>1 means bdash is faster)")
if "bdash-core verify (ReadyToRun)" in v:
    bc = v["bdash-core verify (ReadyToRun)"]
    print(f"bdash-core: innochecksum xargs -P2 / bdash-core verify = {v['innochecksum (xargs -P2, 2 cores)'] / bc:.2f}x, "
          f"cat / bdash-core scan = {s['cat > /dev/null'] / s['bdash-core scan (ReadyToRun)']:.2f}x")
PY
}

bench 1x "$one"
bench server "$server"
bench small "$small"
bench 4gb "$big"
