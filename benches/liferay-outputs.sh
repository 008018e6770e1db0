#!/usr/bin/env bash
# liferay-outputs.sh: the Liferay rewrite cost to /dev/null, a file and .gz, the
# liferay-mysql rewrite to /dev/null, the MySQL →
# liferay-postgresql path, and convert's throughput, each against its reference in the
# same hyperfine run (BENCHMARKS.md, "2026-11-22: COPY runs to the workers").
#
#   cargo build --release
#   benches/make-dumps.sh && benches/make-liferay-dumps.sh     # bench-data/*.sql
#   benches/liferay-outputs.sh                                  # JSON in bench-data/outputs/
set -u
cd "$(dirname "$0")/.."
B=${DUMPFIX:-target/release/dumpfix}
P=bench-data/liferay-pg.sql
M=bench-data/liferay-mysql.sql
Y=bench-data/mysql.sql
OUT=bench-data/outputs
mkdir -p "$OUT"
for f in "$B" "$P" "$M"; do
    [ -e "$f" ] || { echo "missing $f (see the header)" >&2; exit 2; }
done
# mysql.sql (benches/make-dumps.sh) is only for the last section, convert's throughput.
[ -e "$Y" ] || echo "no $Y: the convert section is skipped (benches/make-dumps.sh makes it)" >&2
sync; sleep 3
# Every run reads the input first (`cat`), so that it is in the page cache whatever
# ran before; file outputs are removed before each run, so that no run
# pays for freeing the previous run's file when its output replaces it. `cp` does not
# fsync; dumpfix does before it renames its temporary file into place.
# (The development VM runs DAMON with a `pageout` scheme: page cache left cold for a
# few seconds is reclaimed, so every prepare step reads the input again.)
WARM="cat $P"
FRESH="bash -c 'rm -f $OUT/cp.sql $OUT/pt.sql $OUT/lr.sql $OUT/pt.sql.gz $OUT/lr.sql.gz; cat $P >/dev/null'"
echo "== liferay-pg.sql: pass-through and --target liferay-postgresql, to /dev/null"
hyperfine -N -w1 -r10 --prepare "$WARM" --export-json "$OUT/liferay-null.json" \
  "cat $P" \
  "$B fix $P -o /dev/null --quiet" \
  "$B fix --target liferay-postgresql $P -o /dev/null --quiet" \
  "$B fix --target liferay-postgresql --threads 1 $P -o /dev/null --quiet"
echo "== liferay-pg.sql: the same to a new file"
hyperfine -N -w1 -r10 --prepare "$FRESH" --export-json "$OUT/liferay-file.json" \
  "cp $P $OUT/cp.sql" \
  "$B fix $P -o $OUT/pt.sql --quiet" \
  "$B fix --target liferay-postgresql $P -o $OUT/lr.sql --quiet"
echo "== liferay-pg.sql to .gz (the upload format)"
hyperfine -N -w1 -r3 --prepare "$FRESH" --export-json "$OUT/liferay-gz.json" \
  "$B fix $P -o $OUT/pt.sql.gz --quiet" \
  "$B fix --target liferay-postgresql $P -o $OUT/lr.sql.gz --quiet"
rm -f "$OUT"/*.sql "$OUT"/*.gz
echo "== liferay-mysql.sql: pass-through and --target liferay-mysql, to /dev/null"
hyperfine -N -w1 -r10 --prepare "cat $M" --export-json "$OUT/liferay-mysql-null.json" \
  "$B fix $M -o /dev/null --quiet" \
  "$B fix --target liferay-mysql $M -o /dev/null --quiet"
echo "== liferay-mysql.sql: MySQL straight to liferay-postgresql (stdin)"
hyperfine -N -i -w1 -r3 --prepare "cat $M" --export-json "$OUT/mysql-to-liferay-pg.json" \
  "bash -c '$B fix -o /dev/null --quiet < $M'" \
  "bash -c '$B convert --to postgresql -o /dev/null --quiet < $M'" \
  "bash -c '$B fix --target liferay-postgresql -o /dev/null --quiet < $M'"
/usr/bin/time -f 'peak RSS, fix --target liferay-postgresql < liferay-mysql.sql: %M KiB, %e s' \
  "$B" fix --target liferay-postgresql -o /dev/null --quiet < "$M"
[ -e "$Y" ] || exit 0
echo "== mysql.sql: convert --to postgresql (exit 1: its routines are not converted)"
hyperfine -N -i -w1 -r8 --export-json "$OUT/convert.json" \
  "$B convert --to postgresql $Y -o /dev/null --quiet" \
  "bash -c '$B convert --to postgresql -o /dev/null --quiet < $Y'"
/usr/bin/time -f 'peak RSS, convert < mysql.sql: %M KiB, %e s' \
  "$B" convert --to postgresql -o /dev/null --quiet < "$Y"
