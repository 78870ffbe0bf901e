#!/usr/bin/env bash
# Installs what is missing, builds, and starts the dashboard on http://127.0.0.1:5080.
# With no server registered yet, the dashboard starts a sandbox MariaDB with sample data.
# Everything it writes goes to the data folder (./data, or BackupDashboard__DataDir).
# Ctrl-C stops the dashboard and the sandbox.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh run
dotnet build src/BackupDashboard.Web --nologo -v:q

url=${Kestrel__Endpoints__Http__Url:-http://127.0.0.1:5080}
data=${BackupDashboard__DataDir:-data}
case "$data" in /*) ;; *) data="$PWD/$data" ;; esac

# The app runs in the background so this script can print the sign-in details once it is up.
# A background job starts with SIGINT ignored, so Ctrl-C is turned into SIGTERM here: the
# dashboard shuts down cleanly and stops its sandbox MariaDB itself.
# Production unless asked (ASPNETCORE_ENVIRONMENT=Development ./run.sh): no error page or API
# answer then carries a stack trace.
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} \
  dotnet src/BackupDashboard.Web/bin/Debug/net10.0/BackupDashboard.Web.dll &
app=$!
trap 'kill -TERM "$app" 2>/dev/null; wait "$app"; exit 0' INT TERM

for _ in $(seq 1 240); do
  if curl -fsS "$url/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then wait "$app"; exit 1; fi
  sleep 0.5
done

cat <<INFO

  BackupDashboard is running: $url
  Sign in as: admin
INFO
if [ -f "$data/initial-admin-password" ]; then
  echo "  Password:   $(cat "$data/initial-admin-password")   (from $data/initial-admin-password; you choose your own at the first sign-in)"
fi
cat <<INFO
  Data folder: $data
  Press Ctrl-C to stop the dashboard and its sandbox MariaDB.

INFO
wait "$app"
