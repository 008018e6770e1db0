#!/usr/bin/env bash
# pgloader.sh [OUTDIR]
#
# MariaDB → PostgreSQL end to end, same data, whole jobs timed against each other:
#   (a) pgloader mysql://…/SRC_DB postgresql://…/dumpfix_pgl_pgloader
#       (pgloader's defaults: create tables, indexes, foreign keys, reset sequences);
#   (b) mysqldump --databases --add-drop-database --routines --triggers SRC_DB
#         | dumpfix convert --to postgresql | psql -v ON_ERROR_STOP=1 --single-transaction
#       into dumpfix_pgl_stream (from the live database, like pgloader);
#   (c) dumpfix convert --to postgresql < DUMP | psql … into dumpfix_pgl_file, where
#       DUMP is the existing mysqldump of SRC_DB (default OUTDIR/mysql.sql when SRC_DB is
#       dumpfix_bench, i.e. benches/make-dumps.sh's 571 MiB bench-data/mysql.sql).
# Each target database is dropped and created empty before each run (not timed).
# Every process runs under GNU time (wall seconds of the job, peak RSS of each of
# pgloader, mysqldump, dumpfix and psql). Then the row count of every table is compared:
# MariaDB source, pgloader's database, both dumpfix databases.
#
# pgloader needs TCP and a password for MySQL: the script creates (idempotent) the
# MariaDB user dumpfix_pgloader@127.0.0.1 / @localhost, password $PGL_PASSWORD (default
# "dumpfix"), with SELECT, SHOW VIEW, LOCK TABLES, TRIGGER on SRC_DB only. PostgreSQL is
# reached over the unix socket as the current user (scripts/servers.sh makes it a
# superuser). If pgloader fails, its log is scanned for the reason and it is retried with
# the next option set of PGL_ATTEMPTS ('|'-separated; default: none, then a smaller
# prefetch, then a bigger SBCL heap with one worker) — every attempt is reported.
#
# Env: SRC_DB (default dumpfix_bench), DUMP, RUNS (default 1), DUMPFIX_BIN (default
#      target/release/dumpfix), SKIP_BUILD=1, KEEP_DB=1 (keep the three PostgreSQL
#      databases), PGL_ATTEMPTS, PGL_PASSWORD, PGHOST (default /var/run/postgresql),
#      PGPORT (default 5432), MYSQL_PORT (default 3306), PGL_TIMEOUT (seconds; stop a
#      pgloader attempt that runs longer, reported as such; default 0 = no limit).
# Writes OUTDIR/pgloader.md (also to stdout); logs and GNU time files in OUTDIR/pgloader/.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-$ROOT/bench-data}
SRC_DB=${SRC_DB:-dumpfix_bench}
RUNS=${RUNS:-1}
BIN=${DUMPFIX_BIN:-$ROOT/target/release/dumpfix}
GNU_TIME=/usr/bin/time
PGL_USER=dumpfix_pgloader
PGL_PASSWORD=${PGL_PASSWORD:-dumpfix}
export PGHOST=${PGHOST:-/var/run/postgresql}
export PGPORT=${PGPORT:-5432}
MYSQL_PORT=${MYSQL_PORT:-3306}
# PostgreSQL NOTICEs (DROP … IF EXISTS) are noise here
export PGOPTIONS='-c client_min_messages=warning'
DB_A=dumpfix_pgl_pgloader
DB_B=dumpfix_pgl_stream
DB_C=dumpfix_pgl_file
PGL_ATTEMPTS=${PGL_ATTEMPTS:-"|--with \"prefetch rows = 10000\"|--dynamic-space-size 8192 --with \"prefetch rows = 5000\" --with \"workers = 1\" --with \"concurrency = 1\""}

case $SRC_DB in '' | *[!A-Za-z0-9_]*) echo "error: SRC_DB must be a plain name" >&2; exit 2 ;; esac
for t in pgloader mysqldump mariadb psql createdb dropdb python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "error: '$t' not found in PATH" >&2; exit 1; }
done
[ -x "$GNU_TIME" ] || { echo "error: GNU time ($GNU_TIME) missing: apt-get install -y time" >&2; exit 1; }

mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
WORK=$OUTDIR/pgloader
rm -rf "$WORK"; mkdir -p "$WORK"
REPORT=$WORK/pgloader.md
: >"$REPORT"
log() { printf '%s\n' "$*" >&2; }
say() { printf '%s\n' "$*" >>"$REPORT"; }
q() { printf '%q' "$1"; }
fsize() { if [ -e "$1" ]; then stat -c %s "$1"; else echo 0; fi; }
# rss FILE: the peak RSS (KiB) GNU time wrote, ignoring its "exited with" line
rss() { [ -s "$1" ] && awk '/^[0-9]+$/{v=$1} END{if (v != "") printf "%.1f", v/1024}' "$1"; }
# wall FILE / wall_rss FILE: seconds / peak RSS MiB of a GNU time -f '%e %M' file
wall() { [ -s "$1" ] && awk '/^[0-9.]+ [0-9]+$/{v=$1} END{print v}' "$1"; }
wall_rss() { [ -s "$1" ] && awk '/^[0-9.]+ [0-9]+$/{v=$2} END{if (v != "") printf "%.1f", v/1024}' "$1"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "==> cargo build --release"
    (cd "$ROOT" && cargo build --release --quiet) >"$WORK/cargo-build.log" 2>&1 ||
        { tail -n 20 "$WORK/cargo-build.log" >&2; log "error: cargo build --release failed"; exit 1; }
fi
[ -x "$BIN" ] || { log "error: $BIN does not exist (cargo build --release)"; exit 1; }

mariadb -N -B -e "SELECT 1" "$SRC_DB" >/dev/null 2>&1 ||
    { log "error: MariaDB database $SRC_DB not reachable (scripts/servers.sh start; benches/make-dumps.sh fills dumpfix_bench)"; exit 1; }
psql -X -Atq -d postgres -c 'SELECT 1' >/dev/null 2>&1 ||
    { log "error: PostgreSQL not reachable on $PGHOST:$PGPORT as $(id -un) (scripts/servers.sh start)"; exit 1; }

# ------------------------------------------------------- pgloader's user ---
mariadb -e "
CREATE USER IF NOT EXISTS '$PGL_USER'@'127.0.0.1' IDENTIFIED BY '$PGL_PASSWORD';
CREATE USER IF NOT EXISTS '$PGL_USER'@'localhost' IDENTIFIED BY '$PGL_PASSWORD';
ALTER USER '$PGL_USER'@'127.0.0.1' IDENTIFIED BY '$PGL_PASSWORD';
ALTER USER '$PGL_USER'@'localhost' IDENTIFIED BY '$PGL_PASSWORD';
GRANT SELECT, SHOW VIEW, LOCK TABLES, TRIGGER ON \`$SRC_DB\`.* TO '$PGL_USER'@'127.0.0.1';
GRANT SELECT, SHOW VIEW, LOCK TABLES, TRIGGER ON \`$SRC_DB\`.* TO '$PGL_USER'@'localhost';" ||
    { log "error: could not create the MariaDB user $PGL_USER"; exit 1; }
SRC_URL="mysql://$PGL_USER:$PGL_PASSWORD@127.0.0.1:$MYSQL_PORT/$SRC_DB"
dst_url() { printf 'postgresql://%s@unix:%s:%s/%s' "$(id -un)" "$PGHOST" "$PGPORT" "$1"; }

# ---------------------------------------------------------- the dump file ---
if [ -z "${DUMP:-}" ]; then
    if [ "$SRC_DB" = dumpfix_bench ] && [ -s "$OUTDIR/mysql.sql" ]; then
        DUMP=$OUTDIR/mysql.sql
    elif [ "$SRC_DB" = dumpfix_bench ] && [ -s "$ROOT/bench-data/mysql.sql" ]; then
        DUMP=$ROOT/bench-data/mysql.sql
    else
        DUMP=$WORK/$SRC_DB.sql
        log "==> mysqldump $SRC_DB > $DUMP (not timed)"
        mysqldump --databases --add-drop-database --routines --triggers "$SRC_DB" >"$DUMP" ||
            { log "error: mysqldump $SRC_DB failed"; exit 1; }
    fi
fi
[ -s "$DUMP" ] || { log "error: $DUMP missing"; exit 1; }

# Printed by every pgloader run: the SBCL heap it got (Debian's build defaults to 1 GiB).
echo '(format t "pgloader-heap: ~a MiB~%" (floor (sb-ext:dynamic-space-size) 1048576))' >"$WORK/heap.lisp"

fresh_db() { dropdb --if-exists "$1" && createdb -E UTF8 -T template0 "$1"; }
PSQL="psql -X -q -v ON_ERROR_STOP=1 --single-transaction"

# ------------------------------------------------------------------ runs ---
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
PGL_OK=""
PGL_USED=""
IFS='|' read -r -a attempts <<<"$PGL_ATTEMPTS"
: >"$WORK/attempts.tsv"
for ((run = 1; run <= RUNS; run++)); do
    # (a) pgloader, with fallbacks on failure
    if [ -z "$PGL_OK" ] || [ "$PGL_OK" = yes ]; then
        list=("${attempts[@]}")
        [ -n "$PGL_USED" ] && list=("$PGL_USED")
        for opts in "${list[@]}"; do
            k=$(wc -l <"$WORK/attempts.tsv")
            fresh_db "$DB_A" || { log "error: cannot create $DB_A"; exit 1; }
            log "==> run $run: (a) pgloader ${opts:-(defaults)}"
            extra=()
            eval "extra=($opts)"
            tmo=()
            [ "${PGL_TIMEOUT:-0}" -gt 0 ] && tmo=(timeout "$PGL_TIMEOUT")
            (cd "$WORK" && "$GNU_TIME" -f '%e %M' -o "$WORK/a-$k.time" \
                "${tmo[@]}" pgloader "${extra[@]}" -l "$WORK/heap.lisp" --root-dir "$WORK/pgloader-root-$k" "$SRC_URL" "$(dst_url "$DB_A")" \
                >"$WORK/a-$k.log" 2>&1)
            rc=$?
            # pgloader can exit 0 with errors in its summary: read its "Total import time" line
            errs=$(awk '/Total import time/{print $4; exit}' "$WORK/a-$k.log")
            total=$(grep -m1 'Total import time' "$WORK/a-$k.log" | sed 's/^ *//')
            if [ "$rc" = 124 ] && [ "${PGL_TIMEOUT:-0}" -gt 0 ]; then
                why="stopped by PGL_TIMEOUT after $PGL_TIMEOUT s"
            elif [ "$rc" = 0 ] && [ -n "$total" ] && { [ "$errs" = "✓" ] || [ "$errs" = 0 ]; }; then
                why=ok
            else
                why=$(grep -E -m3 'Heap exhausted|FATAL|ERROR|error|Error|fatal|KABOOM|Control stack' "$WORK/a-$k.log" | tr '\t\n' '  ' | cut -c1-300)
                [ -n "$why" ] || why="exit $rc, no summary (log tail: $(tail -n 3 "$WORK/a-$k.log" | tr '\n' ' ' | cut -c1-200))"
            fi
            heap=$(sed -n 's/^pgloader-heap: \([0-9]*\) MiB$/\1/p' "$WORK/a-$k.log" | head -n1)
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$k" "${opts:-(defaults)}" "$rc" "$(wall "$WORK/a-$k.time")" "$(wall_rss "$WORK/a-$k.time")" "$why" "$heap" >>"$WORK/attempts.tsv"
            log "    exit $rc, $(wall "$WORK/a-$k.time") s, $(wall_rss "$WORK/a-$k.time") MiB: $why"
            if [ "$why" = ok ]; then PGL_OK=yes; PGL_USED=$opts; break; fi
        done
        [ -n "$PGL_OK" ] || PGL_OK=no
    fi

    # (b) mysqldump | dumpfix convert | psql
    fresh_db "$DB_B" || exit 1
    log "==> run $run: (b) mysqldump | dumpfix convert --to postgresql | psql"
    "$GNU_TIME" -f '%e %M' -o "$WORK/b-$run.time" bash -c "
        $(q "$GNU_TIME") -f %M -o $(q "$WORK/b-$run.mysqldump.time") mysqldump --databases --add-drop-database --routines --triggers $(q "$SRC_DB") 2>$(q "$WORK/b-$run.mysqldump.err") |
        $(q "$GNU_TIME") -f %M -o $(q "$WORK/b-$run.dumpfix.time") $(q "$BIN") convert --to postgresql 2>$(q "$WORK/b-$run.dumpfix.err") |
        $(q "$GNU_TIME") -f %M -o $(q "$WORK/b-$run.psql.time") $PSQL -d $DB_B >/dev/null 2>$(q "$WORK/b-$run.psql.err")
        s=(\"\${PIPESTATUS[@]}\"); echo \"\${s[*]}\" > $(q "$WORK/b-$run.status")
        [ \"\${s[0]}\" = 0 ] && [ \"\${s[1]}\" -le 1 ] && [ \"\${s[2]}\" = 0 ]"
    echo $? >"$WORK/b-$run.rc"
    log "    $(cat "$WORK/b-$run.status"), $(wall "$WORK/b-$run.time") s"

    # (c) dumpfix convert < DUMP | psql
    fresh_db "$DB_C" || exit 1
    log "==> run $run: (c) dumpfix convert --to postgresql < $(basename "$DUMP") | psql"
    "$GNU_TIME" -f '%e %M' -o "$WORK/c-$run.time" bash -c "
        $(q "$GNU_TIME") -f %M -o $(q "$WORK/c-$run.dumpfix.time") $(q "$BIN") convert --to postgresql < $(q "$DUMP") 2>$(q "$WORK/c-$run.dumpfix.err") |
        $(q "$GNU_TIME") -f %M -o $(q "$WORK/c-$run.psql.time") $PSQL -d $DB_C >/dev/null 2>$(q "$WORK/c-$run.psql.err")
        s=(\"\${PIPESTATUS[@]}\"); echo \"\${s[*]}\" > $(q "$WORK/c-$run.status")
        [ \"\${s[0]}\" -le 1 ] && [ \"\${s[1]}\" = 0 ]"
    echo $? >"$WORK/c-$run.rc"
    log "    $(cat "$WORK/c-$run.status"), $(wall "$WORK/c-$run.time") s"
done
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------ row counts ---
log "==> row counts"
my_counts() {
    local t
    mariadb -N -B -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$SRC_DB' AND table_type = 'BASE TABLE' ORDER BY 1" |
        while read -r t; do
            printf '%s\t%s\n' "$(printf '%s' "$t" | tr '[:upper:]' '[:lower:]')" "$(mariadb -N -B -e "SELECT COUNT(*) FROM \`$SRC_DB\`.\`$t\`")"
        done
}
pg_counts() {
    psql -X -Atq -d "$1" -c "SELECT format('%I.%I', table_schema, table_name), lower(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 2" 2>/dev/null |
        while IFS='|' read -r qn t; do
            printf '%s\t%s\n' "$t" "$(psql -X -Atq -d "$1" -c "SELECT count(*) FROM $qn")"
        done
}
my_counts >"$WORK/rows-mariadb.tsv"
pg_counts "$DB_A" >"$WORK/rows-pgloader.tsv"
pg_counts "$DB_B" >"$WORK/rows-stream.tsv"
pg_counts "$DB_C" >"$WORK/rows-file.tsv"

if [ "${KEEP_DB:-0}" != 1 ]; then
    for d in "$DB_A" "$DB_B" "$DB_C"; do dropdb --if-exists "$d"; done
fi

# -------------------------------------------------------------- report ---
cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*:[[:space:]]*//')
mem=$(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
ver() { "$@" 2>&1 | head -n1; }
pgl_ver=$(pgloader --version 2>&1 | head -n1)
pgl_pkg=$(dpkg-query -W -f '${Version}' pgloader 2>/dev/null || true)
say "# MariaDB → PostgreSQL end to end: pgloader against dumpfix convert"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $mem RAM, $(uname -sr); load average $LOAD0 at the start, $LOAD1 at the end"
say "- dumpfix: $(ver "$BIN" --version) ($BIN, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
say "- pgloader: $pgl_ver${pgl_pkg:+ (Debian package $pgl_pkg)}; $(ver mysqldump --version); $(ver psql --version); server $(mariadb -N -B -e 'SELECT VERSION()')"
say "- source: MariaDB database \`$SRC_DB\`; dump file for (c): \`$DUMP\` ($(awk -v b="$(fsize "$DUMP")" 'BEGIN{printf "%.0f", b/1048576}') MiB)"
say "- runs: $RUNS; each target database dropped and created empty first; wall time and peak RSS from GNU time"
say ""
python3 - "$WORK" "$RUNS" "$(basename "$DUMP")" >>"$REPORT" <<'PY'
import os, re, sys
work, runs, dumpname = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def read(p):
    p = os.path.join(work, p)
    return open(p).read() if os.path.exists(p) else ""

def wall(p):
    m = [l for l in read(p).splitlines() if re.fullmatch(r"[0-9.]+ [0-9]+", l)]
    return (float(m[-1].split()[0]), int(m[-1].split()[1]) / 1024) if m else (None, None)

def rss(p):
    m = [l for l in read(p).splitlines() if l.strip().isdigit()]
    return int(m[-1]) / 1024 if m else None

def f(x, fmt="%.1f"):
    return fmt % x if x is not None else "n/a"

attempts = [l.split("\t") for l in read("attempts.tsv").splitlines() if l.strip()]
ok_a = [a for a in attempts if a[6] == "ok"]
a_best = min((float(a[4]) for a in ok_a if a[4]), default=None)
a_rss = max((float(a[5]) for a in ok_a if a[5]), default=None)

def job(x):
    walls, rs = [], {}
    status = []
    for r in range(1, runs + 1):
        w, _ = wall("%s-%d.time" % (x, r))
        rc = read("%s-%d.rc" % (x, r)).strip()
        status.append(read("%s-%d.status" % (x, r)).strip() or "?")
        if w is not None and rc == "0":
            walls.append(w)
        for proc in ("mysqldump", "dumpfix", "psql"):
            v = rss("%s-%d.%s.time" % (x, r, proc))
            if v is not None:
                rs[proc] = max(rs.get(proc, 0), v)
    return (min(walls) if walls else None), rs, status

b_best, b_rss, b_status = job("b")
c_best, c_rss, c_status = job("c")

print("| job | wall s (best of %d) | / pgloader | peak RSS MiB | exit codes |" % runs)
print("|---|---:|---:|---|---|")
print("| (a) `pgloader mysql://… postgresql://…`%s | %s | 1.00 | pgloader %s (SBCL heap %s MiB) | %s |" % (
    (" with `%s`" % ok_a[0][2]) if ok_a and ok_a[0][2] != "(defaults)" else "", f(a_best, "%.1f"),
    f(a_rss), (ok_a or attempts or [[""] * 8])[0][7] or "?", ", ".join(a[3] for a in attempts) or "n/a"))
for name, best, rs, st in (
        ("(b) `mysqldump … \\| dumpfix convert --to postgresql \\| psql --single-transaction`", b_best, b_rss, b_status),
        ("(c) `dumpfix convert --to postgresql < %s \\| psql --single-transaction`" % dumpname, c_best, c_rss, c_status)):
    ratio = best / a_best if best and a_best else None
    print("| %s | %s | **%s** | %s | %s |" % (name, f(best, "%.1f"), f(ratio, "%.2f"),
          ", ".join("%s %s" % (k, f(v)) for k, v in rs.items()) or "n/a", "; ".join(st)))
print()
print("Exit codes: pgloader per attempt; (b) mysqldump, dumpfix, psql; (c) dumpfix, psql. dumpfix convert exits 1 when it")
print("lists what it did not convert exactly (views, routines, triggers written commented out).")
print()
if len(attempts) > 1 or not ok_a:
    print("pgloader attempts:")
    print()
    print("| run | options | SBCL heap MiB | exit | wall s | peak RSS MiB | result |")
    print("|---|---|---:|---:|---:|---:|---|")
    for a in attempts:
        print("| %s | `%s` | %s | %s | %s | %s | %s |" % (a[0], a[2], a[7] or "?", a[3], a[4] or "n/a", a[5] or "n/a", a[6].replace("|", "\\|")))
    print()

def counts(p):
    d = {}
    for l in read(p).splitlines():
        if "\t" in l:
            t, n = l.split("\t")
            d[t] = n
    return d

src, a, b, c = counts("rows-mariadb.tsv"), counts("rows-pgloader.tsv"), counts("rows-stream.tsv"), counts("rows-file.tsv")
print("Row counts per table:")
print()
print("| table | MariaDB | (a) pgloader | (b) dumpfix stream | (c) dumpfix file | same |")
print("|---|---:|---:|---:|---:|---|")
allsame = True
for t in sorted(set(src) | set(a) | set(b) | set(c)):
    vals = [src.get(t), a.get(t), b.get(t), c.get(t)]
    same = all(v is not None and v == vals[0] for v in vals)
    allsame &= same
    print("| %s | %s |" % (t, " | ".join(v if v is not None else "—" for v in vals)) + (" yes |" if same else " **NO** |"))
print()
print("All tables have the same row count in all four: **%s**." % ("yes" if allsame else "NO"))
print()
m = re.search(r"^.*Total import time.*$", read("a-%s.log" % ok_a[0][1]) if ok_a else "", re.M)
if m:
    print("pgloader's own summary line: `%s`" % m.group(0).strip())
    print()
PY
mv "$REPORT" "$OUTDIR/pgloader.md"
cat "$OUTDIR/pgloader.md"
log "report: $OUTDIR/pgloader.md (logs: $WORK)"
