#!/usr/bin/env bash
# `dumpfix bundle` against pigz on the same inputs, in the same run, alternating:
#   dumpfix bundle --target liferay-mysql DUMP --document-library DL -o OUT
#   pigz -6 -c DUMP > database.gz && tar -C SRC -cf - document_library | pigz -6 > volume.tgz
# DUMP defaults to bench-data/mysql.sql (benches/make-dumps.sh); the ~1 GB document
# library (60 % random bytes, 40 % slices of the dump, 10 kB to 8 MB per file, laid
# out as Liferay's store does) is made in $WORK and deleted at the end.
# Usage: benches/bundle.sh [DUMP]   (N=3 rounds; WORK=/tmp/dumpfix-bundle-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
DUMP=${1:-bench-data/mysql.sql}
N=${N:-3}
WORK=${WORK:-/tmp/dumpfix-bundle-bench}
B=${DUMPFIX:-${CARGO_TARGET_DIR:-target}/release/dumpfix}
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
python3 - "$DUMP" "$WORK/src/document_library" <<'PY'
import os, random, sys
random.seed(18)
dump, root = sys.argv[1], sys.argv[2]
src = open(dump, "rb"); size_src = os.path.getsize(dump)
total = n = 0
while total < 1_000_000_000:
    n += 1
    d = f"{root}/{20097 + n % 3}/{30000 + n % 17}/{n % 97}/{n % 89}/{n}.afsh"
    os.makedirs(d, exist_ok=True)
    size = int(10 ** random.uniform(4, 6.9))
    with open(f"{d}/{n}_1.0.afsh", "wb") as f:
        if n % 5 < 3:
            f.write(os.urandom(size))
        else:
            src.seek(random.randrange(0, size_src - size)); f.write(src.read(size))
    total += size
print(f"document library: {n} files, {total} bytes")
PY
cat "$DUMP" > /dev/null
run() {
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" > /dev/null
  printf '%-7s elapsed %s  user %s  sys %s  max RSS %s kB  load %s\n' "$name" \
    "$(grep 'Elapsed (wall' "$WORK/time.txt" | awk '{print $NF}')" \
    "$(grep 'User time' "$WORK/time.txt" | awk '{print $NF}')" \
    "$(grep 'System time' "$WORK/time.txt" | awk '{print $NF}')" \
    "$(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $NF}')" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
mkdir -p "$WORK/out-dumpfix" "$WORK/out-pigz"
for _ in $(seq "$N"); do
  run bundle "$B" bundle --target liferay-mysql -q "$DUMP" \
    --document-library "$WORK/src/document_library" -o "$WORK/out-dumpfix"
  run pigz sh -c "pigz -6 -c '$DUMP' > '$WORK/out-pigz/database.gz' && tar -C '$WORK/src' -cf - document_library | pigz -6 > '$WORK/out-pigz/volume.tgz'"
done
ls -l "$WORK/out-dumpfix" "$WORK/out-pigz"
