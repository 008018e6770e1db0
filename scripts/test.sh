#!/usr/bin/env bash
# The project's test command: start the local PostgreSQL 15 + MariaDB servers
# (idempotent), then run the whole test suite, including the big-corpus tests.
#   bash scripts/test.sh                       # everything
#   bash scripts/test.sh --test servers_smoke  # extra args go to `cargo test`
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/servers.sh start
DUMPFIX_BIG=1 exec cargo test --release "$@"
