#!/usr/bin/env bash
# Compare two dumpfix binaries byte for byte on real dumps: every corpus dump under
# 60 MB (DUMPFIX_CORPUS, else ../shared/corpus) plus any extra files given, each
# through convert, fix for both Liferay targets and check --format json for both.
# Output and findings (stdout and stderr together) and the exit code must match.
#   bash scripts/compare-outputs.sh OLD_BINARY NEW_BINARY [EXTRA.sql …]
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 OLD NEW [EXTRA.sql …]" >&2; exit 2; }
old=$1 new=$2
shift 2
corpus=${DUMPFIX_CORPUS:-../shared/corpus}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
mapfile -t files < <(find "$corpus" -name '*.sql' -size -60M | sort)
files+=("$@")
n=0 bad=0
for f in "${files[@]}"; do
  for args in "convert --to postgresql" "fix --target liferay-postgresql" \
              "fix --target liferay-mysql" "check --format json --target liferay-postgresql" \
              "check --format json --target liferay-mysql"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    a=$("$old" $args --quiet "$f" 2>&1 | sha256sum); ea=${PIPESTATUS[0]}
    # shellcheck disable=SC2086
    b=$("$new" $args --quiet "$f" 2>&1 | sha256sum); eb=${PIPESTATUS[0]}
    if [ "$a" != "$b" ] || [ "$ea" != "$eb" ]; then
      bad=$((bad + 1))
      echo "DIFF: $args $f (exit $ea / $eb)"
    fi
  done
done
echo "$n compared, $bad differ"
[ "$bad" -eq 0 ]
