#!/usr/bin/env bash
# Times `bdash restore <id> --plan` for the last backup of a chain of 10 (a full and nine
# incrementals of a small throwaway server taken with real mariabackup), with hyperfine
# (--warmup 2 --runs 10, medians): into a new datadir, and into the server's own (live) datadir,
# which adds the running-server warning. `bdash --help` is timed beside it for the .NET start-up.
# Needs: mariadb-server, mariadb-backup, hyperfine, dotnet.
# Usage: scripts/bench-restore-plan.sh   (BENCH_BDASH=/opt/bdash/bdash uses a published bdash)
set -euo pipefail

# shellcheck source=lib/bench-common.sh
source "$(dirname "$0")/lib/bench-common.sh"
bench_init bdash-pbench
bench_publish_bdash
datadir="$work/data"
bench_start_server "$datadir"
mariadb -uroot -S "$socket" -e 'CREATE DATABASE t; CREATE TABLE t.a (id INT AUTO_INCREMENT PRIMARY KEY, v TEXT) ENGINE=InnoDB; INSERT INTO t.a (v) VALUES (REPEAT("a", 100))'

export BackupDashboard__DataDir="$work/bdash-data"
"$bdash" server add bench --socket "$socket" --user root --datadir "$datadir" >/dev/null
"$bdash" backup bench --full --json >/dev/null
for _ in $(seq 9); do
  mariadb -uroot -S "$socket" -e 'INSERT INTO t.a (v) SELECT v FROM t.a LIMIT 1000'
  "$bdash" backup bench --incremental --json >"$work/last.json"
done
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/last.json")
echo "== chain of $("$bdash" restore "$id" --plan --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["chain"]))') backups, restore point $id"

hyperfine --warmup 2 --runs 10 --export-json "$work/plan.json" \
  -n "bdash --help" "$bdash --help" \
  -n "restore --plan, new datadir" "$bdash restore $id --plan --datadir $work/restored" \
  -n "restore --plan, live datadir" "$bdash restore $id --plan" >/dev/null

python3 - "$work/plan.json" <<'PY'
import json, statistics, sys
print(f"\n{'command':32} {'median s':>9}")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:32} {statistics.median(r['times']):9.3f}")
PY
