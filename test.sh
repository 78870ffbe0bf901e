#!/usr/bin/env bash
# Installs what is missing and runs every test project. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh test
dotnet build BackupDashboard.sln --nologo -v:q
# bdash as operators install it (native bdash + bdash-core), for the tests that run it as installed.
scripts/publish-bdash.sh artifacts/bdash >/dev/null
# The console logger at "minimal" prints each failure with its message and stack.
dotnet test BackupDashboard.sln --no-build --nologo -v:q --logger "console;verbosity=minimal" "$@"
