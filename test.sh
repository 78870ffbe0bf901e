#!/usr/bin/env bash
# Installs what is missing and runs every test project. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh test
dotnet build BackupDashboard.sln --nologo -v:q
# The console logger at "minimal" prints each failure with its message and stack.
dotnet test BackupDashboard.sln --no-build --nologo -v:q --logger "console;verbosity=minimal" "$@"
