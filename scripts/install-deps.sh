#!/usr/bin/env bash
# Installs the Debian packages BackupDashboard needs, only those that are missing.
#   scripts/install-deps.sh run    MariaDB server, client and mariabackup (the dashboard's sandbox)
#   scripts/install-deps.sh test   the above plus Chromium (browser tests), PostgreSQL (Hangfire's PostgreSQL job
#                                  store is tested on a throwaway cluster), sysbench, hyperfine (benchmarks)
#                                  gcc with libc's headers (the native bdash's linker: scripts/publish-bdash.sh)
#                                  and the MyRocks plugin (tests of what backups copy of MyRocks)
# Needs root (CI runs as root) or sudo; otherwise prints the command to run.
set -euo pipefail

mode=${1:-test}
declare -A wanted=(
  [mariadbd]=mariadb-server
  [mariadb-install-db]=mariadb-server
  [mariadb]=mariadb-client
  [mariabackup]=mariadb-backup
  [innochecksum]=mariadb-server
  [curl]=curl
)
if [ "$mode" = test ]; then
  wanted[chromium]=chromium
  wanted[sysbench]=sysbench
  wanted[hyperfine]=hyperfine
  wanted[gcc]=gcc
fi

missing=()
for program in "${!wanted[@]}"; do
  if ! PATH="$PATH:/usr/sbin:/sbin" command -v "$program" >/dev/null 2>&1; then
    missing+=("${wanted[$program]}")
  fi
done
# PostgreSQL's server programs are not on PATH (/usr/lib/postgresql/<version>/bin).
if [ "$mode" = test ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  missing+=(postgresql)
fi
# MyRocks (the rocksdb storage engine) is a plugin file, not a program: the tests load it into a
# throwaway mariadbd (plugin-load-add=ha_rocksdb) to see what mariabackup copies of it.
if [ "$mode" = test ] && ! compgen -G "/usr/lib/mysql/plugin/ha_rocksdb.so" >/dev/null; then
  missing+=(mariadb-plugin-rocksdb)
fi
# gcc only recommends libc's headers and start files, which linking the native bdash needs.
if [ "$mode" = test ] && [ ! -e /usr/include/stdio.h ]; then
  missing+=(libc6-dev)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "Missing packages: $packages" >&2
  echo "Install them as root: apt-get install -y $packages" >&2
  exit 1
fi

echo "Installing: $packages"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null
# The Debian package may start the system MariaDB service; BackupDashboard never uses it
# (tests and the sandbox run their own mariadbd), so it is left as the system configured it.
