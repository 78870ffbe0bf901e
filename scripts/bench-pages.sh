#!/usr/bin/env bash
# Times the server-side render of the Backups & chains page (/backups?server=bench) and the
# History page (/history) with BENCH_BACKUPS backups (default 5000: a full every 7th, each with
# its checkpoints file on disk) and BENCH_RUNS job runs (default 5000) of one server, plus the
# history table's page query through GET /api/jobs (the same catalog call the table makes once the
# page is interactive). The data is written through the catalog's own code by
# scripts/seed-history (a small console program); the dashboard is the real one, Release build,
# Production, on a loopback port, signed in through /login like a browser (cookie and antiforgery
# token) after the first admin's password change. curl -w %{time_total} over BENCH_REPEAT
# requests (default 20) after 3 warm-up requests each; medians and the slowest. No network.
# Needs: dotnet, curl, python3.
# Usage: scripts/bench-pages.sh   (BENCH_KEEP=1 keeps the data folder, the dashboard's log and the pages' HTML)
set -euo pipefail

# shellcheck source=lib/bench-common.sh
source "$(dirname "$0")/lib/bench-common.sh"
bench_init bdash-pages
backups=${BENCH_BACKUPS:-5000}
runs=${BENCH_RUNS:-5000}
repeat=${BENCH_REPEAT:-20}
cd "$repo"

echo "== building the dashboard and the seeder (Release)"
dotnet build src/BackupDashboard.Web -c Release --nologo -v:q >"$work/build.log"
dotnet build scripts/seed-history -c Release --nologo -v:q >>"$work/build.log"

data="$work/data"
dotnet scripts/seed-history/bin/Release/net10.0/SeedHistory.dll "$data" bench "$backups" "$runs"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
first_password="bench-first-$RANDOM$RANDOM-password"
password="bench-$RANDOM$RANDOM-chosen-password"
echo "== dashboard (Production) on $url"
# bench_stop_server (on exit) stops whatever $server_pid is: here, the dashboard.
ASPNETCORE_ENVIRONMENT=Production BackupDashboard__DataDir="$data" BackupDashboard__Sandbox=off \
  Kestrel__Endpoints__Http__Url="$url" BackupDashboard__AdminPassword="$first_password" \
  dotnet src/BackupDashboard.Web/bin/Release/net10.0/BackupDashboard.Web.dll >"$work/dashboard.log" 2>&1 &
server_pid=$!
for _ in $(seq 240); do curl -fsS "$url/healthz" >/dev/null 2>&1 && break; kill -0 "$server_pid" || { cat "$work/dashboard.log"; exit 1; }; sleep 0.5; done

# The first admin chooses a password before anything else opens (docs/access.md).
curl -fsS -u "admin:$first_password" -H 'Content-Type: application/json' \
  -d "{\"current_password\":\"$first_password\",\"new_password\":\"$password\"}" "$url/api/account/password" >/dev/null

# Pages take the session cookie only: sign in through the form, as a browser does.
jar="$work/cookies"
token=$(curl -fsS -c "$jar" "$url/login" | python3 -c 'import re,sys; print(re.search(r"name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"", sys.stdin.read()).group(1))')
curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=login" \
  --data-urlencode "Input.User=admin" --data-urlencode "Input.Password=$password" "$url/login"

pages=0
echo
echo "$backups backups, $runs runs of one server; $repeat requests each after 3 warm-ups; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-58s %9s %7s %6s\n' page "median ms" "max ms" KiB
measure() { # URL PATTERN: the page must be the real one (PATTERN in it), not a redirect to /login
  local body
  body=$(curl -fsS -b "$jar" "$url$1")
  printf '%s' "$body" >"$work/page-$((++pages)).html"
  grep -q -- "$2" <<<"$body" || { echo "$1 did not render (no '$2'):"; head -c 2000 <<<"$body"; exit 1; }
  for _ in 1 2 3; do curl -fsS -b "$jar" -o /dev/null "$url$1"; done
  for _ in $(seq "$repeat"); do curl -fsS -b "$jar" -o /dev/null -w '%{time_total} %{size_download}\n' "$url$1"; done |
    python3 -c '
import statistics, sys
rows = [line.split() for line in sys.stdin]
times = [float(t) * 1000 for t, _ in rows]
print(f"{sys.argv[1]:58} {statistics.median(times):9.1f} {max(times):7.1f} {int(rows[0][1]) / 1024:6.0f}")' "GET $1"
}
measure "/backups?server=bench" 'chain-card'
measure "/history" 'id="history-table"'
measure "/api/jobs?sort=-duration&offset=$((runs / 2))&limit=25" '"kind"'
measure "/schedules" '<h1'   # for scale: a small page, the cost of the shell, sign-in check and prerender alone
