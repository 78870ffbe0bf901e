#!/usr/bin/env bash
# Installs bdash into DIR (default /opt/bdash): the native bdash, which answers inspect, scan and
# verify itself, and bdash-core beside it (ReadyToRun), which it hands every other verb.
# docs/decisions/0005-native-bdash.md says why there are two. The native part is compiled for this
# machine's CPU: publish on the host that runs it. Needs gcc and libc's headers (the native linker; scripts/install-deps.sh test installs them).
# Usage: scripts/publish-bdash.sh [DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$(realpath -m "${1:-/opt/bdash}")
mkdir -p "$dir"
dotnet publish "$repo/src/BackupDashboard.Cli" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$dir" -nologo -v:q
dotnet publish "$repo/src/BackupDashboard.Cli.Native" -c Release -r linux-x64 -o "$dir" -nologo -v:q
echo "bdash is in $dir (link $dir/bdash into a folder on PATH to type bdash)"
