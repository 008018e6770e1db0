#!/usr/bin/env bash
# Install what the tests need on Debian 12 (idempotent): the database servers, the
# client tools the tests run, Python for the generators. Packages already installed
# are not touched; when some are missing, this needs root or passwordless sudo, and
# otherwise prints the one command to run.
#   bash scripts/setup.sh        # called by scripts/test.sh and .ci/run
set -euo pipefail
PACKAGES=(
  postgresql-15 mariadb-server mariadb-client pgloader
  pigz zstd p7zip-full time ca-certificates git
  python3 python3-venv python3-jsonschema python3-rfc3987
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "setup.sh: missing Debian packages: ${missing[*]}" >&2
  echo "setup.sh: run as root:  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "setup.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Keep package postinst scripts from starting daemons (no systemd; their output would be
# tied to the caller's pipe). scripts/servers.sh starts them with logs in files instead.
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
  "${SUDO[@]}" chmod +x "$policy"
  trap '"${SUDO[@]}" rm -f "$policy"' EXIT
fi
"${SUDO[@]}" apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8 apt-get install -y --no-install-recommends "${missing[@]}"
