#!/usr/bin/env bash
# make-liferay-dumps.sh [OUTDIR] [SIZE_MB]
#
# Builds two large Liferay-shaped dumps with the REAL pg_dump and mysqldump, for
# timing `dumpfix fix --target liferay-…` against pass-through (benches/compare.sh):
#   1. PostgreSQL database `dumpfix_bench_lr` from `scripts/liferay-db.py pgloader`
#      (schema lportal, lower-case tables, smallint booleans, timestamptz dates,
#      bytea blobs, owned by role `dumpfix_bench_owner`, which is created if missing,
#      GRANTs), dumped with `pg_dump -C` -> OUTDIR/liferay-pg.sql;
#   2. MariaDB database `dumpfix_bench_lr` from `scripts/liferay-db.py mysql`
#      (lower-case table names), dumped with `mysqldump DB` (no --databases)
#      -> OUTDIR/liferay-mysql.sql;
#   3. if target/release/dumpfix exists (or DUMPFIX_BIN), checks once that
#      `dumpfix fix --target liferay-postgresql|liferay-mysql DUMP -o /dev/null`
#      exits 0 on each dump.
# All 115 tables get BASE_PER_MIB rows per MiB of SIZE_MB; the tables that are big in
# real Liferay databases (AssetEntry, Layout, User_, Contact_, DLFileEntry,
# ResourcePermission, PortletPreferenceValue, …, see MIX below) get more, so that
# most bytes are rows with boolean and date columns. BLOBs are a few % of the bytes.
# Each dump is >= SIZE_MB MiB; if one comes out short, its database is refilled
# with more rows (the generator only builds a fresh database) and dumped again.
#
# Cached: a dump that exists and is big enough is not redone; a database whose fill
# finished with the same generator arguments (OUTDIR/.liferay-KIND.fill) is dumped
# again without refilling; the dumpfix check is skipped when its marker is newer
# than the dump and the binary. Delete a file to redo its step.
#
# Needs: MariaDB + PostgreSQL running (scripts/servers.sh start), the current user
# able to connect to both as a superuser, python3, Liferay's portal-tables.sql
# (../shared/liferay/portal-tables.sql or $LIFERAY_PORTAL_TABLES).
# Env: DUMPFIX_BENCH_LR_DB (default dumpfix_bench_lr), DUMPFIX_BENCH_OWNER (default
#      dumpfix_bench_owner), SEED (1), BLOB_MAX (4096), MYSQL_CMD (mariadb or
#      mysql), DUMPFIX_BIN (default target/release/dumpfix), CHECK=0 skips step 3.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-$ROOT/bench-data}
SIZE_MB=${2:-550}
DB=${DUMPFIX_BENCH_LR_DB:-dumpfix_bench_lr}
OWNER=${DUMPFIX_BENCH_OWNER:-dumpfix_bench_owner}
SEED=${SEED:-1}
BLOB_MAX=${BLOB_MAX:-4096}
BIN=${DUMPFIX_BIN:-$ROOT/target/release/dumpfix}
CHECK=${CHECK:-1}
GEN=$ROOT/scripts/liferay-db.py
MIB=1048576

case $SIZE_MB in '' | *[!0-9]*) echo "SIZE_MB must be a positive integer" >&2; exit 2 ;; esac
[ "$SIZE_MB" -ge 1 ] || { echo "SIZE_MB must be >= 1" >&2; exit 2; }
TARGET=$((SIZE_MB * MIB))
case $DB$OWNER in *[!a-z0-9_]*) echo "database and owner names must match [a-z0-9_]+" >&2; exit 2 ;; esac

if [ -n "${MYSQL_CMD:-}" ]; then
    read -r -a MYSQL <<<"$MYSQL_CMD"
elif command -v mariadb >/dev/null 2>&1; then MYSQL=(mariadb)
else MYSQL=(mysql); fi
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

for t in "${MYSQL[0]}" mysqldump psql pg_dump createdb dropdb python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "error: '$t' not found in PATH" >&2; exit 1; }
done
[ -f "$GEN" ] || { echo "error: $GEN missing" >&2; exit 1; }

mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)

# ------------------------------------------------------------- the mix ---
# TABLE:ROWS_PER_MIB. Bytes per row in the dumps (pg_dump / mysqldump, measured with
# the default seed): AssetEntry 1480/1510, Layout 2310/2380, User_ 930/990, Contact_
# 650/700, DLFileEntry 1000/1040, DLFileVersion 1080/1120, ResourcePermission 130/140,
# ExpandoValue 400/410, PortletPreferences 80/80, PortletPreferenceValue 480/500,
# SocialActivity 155/165, SystemEvent 555/570, Group_ 700/730, LayoutFriendlyURL
# 260/280, RatingsStats 120/120, UserNotificationEvent 480/490, AccountEntry 560/600,
# the Users_*/AssetEntries_* join tables 23/26, DLContent 3010/1620 (bytea is hex in
# COPY). With BASE_PER_MIB rows in every other table this gives ~1.07 MiB of dump
# per MiB of SIZE_MB (measured 1.03-1.05), about 6% (pg) / 3.5% (mysql) of it BLOB table rows.
MIX=(
    AssetEntry:120 Layout:50 User_:100 Contact_:100 DLFileEntry:60 DLFileVersion:60
    ResourcePermission:500 ExpandoValue:100 PortletPreferences:300
    PortletPreferenceValue:150 SocialActivity:200 SystemEvent:50 Users_Groups:500
    Users_Roles:500 AssetEntries_AssetTags:500 Group_:30 LayoutFriendlyURL:100
    RatingsStats:100 UserNotificationEvent:60 AccountEntry:20 DLContent:10
)
BASE_PER_MIB=2
HEADROOM=1.05 # first try: 5% more rows than the estimate above (~1.1 x SIZE_MB)

# gen_args SCALE: the generator's options for SIZE_MB, row counts times SCALE
gen_args() {
    local scale=$1 spec
    awk -v s="$scale" -v m="$SIZE_MB" -v b="$BASE_PER_MIB" 'BEGIN{n=int(b*m*s+0.5); printf "--rows %d", n<1?1:n}'
    for spec in "${MIX[@]}"; do
        awk -v s="$scale" -v m="$SIZE_MB" -v t="${spec%%:*}" -v r="${spec##*:}" \
            'BEGIN{n=int(r*m*s+0.5); printf " --rows-for %s=%d", t, n<1?1:n}'
    done
    printf ' --seed %s --blob-max %s\n' "$SEED" "$BLOB_MAX"
}

# ---------------------------------------------------------------- helpers ---
now() { date +%s.%N; }
PHASES=()
T_START=$(now)
# phase NAME CMD...: run CMD, print and record its wall time
phase() {
    local name=$1; shift
    local t0 t1 dt
    t0=$(now)
    echo "==> $name" >&2
    "$@"
    t1=$(now)
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
    echo "    $name: ${dt}s" >&2
    PHASES+=("$(printf '%-62s %8ss' "$name" "$dt")")
}
fsize() { if [ -e "$1" ]; then stat -c %s "$1"; else echo 0; fi; }
mib() { awk -v b="$1" 'BEGIN{printf "%.1f", b/1048576}'; }

my() { "${MYSQL[@]}" --default-character-set=utf8mb4 --batch --skip-column-names "$@"; }
pg() { "${PSQL[@]}" "$@"; }

check_servers() {
    if ! my -e 'SELECT 1' >/dev/null 2>&1; then
        echo "error: cannot connect to MariaDB with '${MYSQL[*]}' (start it: scripts/servers.sh start)" >&2
        exit 1
    fi
    if ! pg -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
        echo "error: cannot connect to PostgreSQL (database 'postgres') as '${PGUSER:-$(id -un)}'" >&2
        echo "       (start it: scripts/servers.sh start; needs a superuser role for this user)" >&2
        exit 1
    fi
    if ! python3 "$GEN" template >/dev/null; then
        echo "error: scripts/liferay-db.py cannot read portal-tables.sql (set LIFERAY_PORTAL_TABLES)" >&2
        exit 1
    fi
}

db_exists() { # KIND
    if [ "$1" = pg ]; then
        [ "$(pg -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" = 1 ]
    else
        [ "$(my -e "SELECT 1 FROM information_schema.schemata WHERE schema_name = '$DB'")" = 1 ]
    fi
}

# ------------------------------------------------------------ fill + dump ---
fill_pg() { # ARGS...
    pg -d postgres -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$OWNER') THEN CREATE ROLE $OWNER NOLOGIN; END IF;
        END \$\$;"
    dropdb --if-exists "$DB"
    createdb -E UTF8 -T template0 "$DB"
    python3 "$GEN" pgloader --owner "$OWNER" "$@" | pg --single-transaction -d "$DB" -f -
}
fill_mysql() { # ARGS...
    my -e "DROP DATABASE IF EXISTS \`$DB\`; CREATE DATABASE \`$DB\` DEFAULT CHARACTER SET utf8mb4"
    python3 "$GEN" mysql "$@" | "${MYSQL[@]}" "$DB"
}
dump_pg() { # OUT
    pg_dump -C --format=plain -d "$DB" -f "$1.tmp"
    mv "$1.tmp" "$1"
}
dump_mysql() { # OUT
    mysqldump "$DB" >"$1.tmp"
    mv "$1.tmp" "$1"
}

# fill_and_dump pg|mysql
fill_and_dump() {
    local kind=$1 out stamp args scale=$HEADROOM try size
    out=$OUTDIR/liferay-$kind.sql
    stamp=$OUTDIR/.liferay-$kind.fill
    if [ "$(fsize "$out")" -ge "$TARGET" ]; then
        echo "==> $kind: $out exists ($(mib "$(fsize "$out")") MiB >= $SIZE_MB MiB), skipping fill+dump" >&2
        return
    fi
    for try in 1 2 3; do
        args=$(gen_args "$scale")
        if [ -e "$stamp" ] && [ "$(cat "$stamp")" = "$args" ] && db_exists "$kind"; then
            echo "==> $kind: database $DB already filled with: $args" >&2
        else
            rm -f "$stamp"
            echo "    generator: liferay-db.py $kind $args" >&2
            # shellcheck disable=SC2086 # $args is a list of options
            phase "$kind: fill $DB (liferay-db.py, try $try)" "fill_$kind" $args
            printf '%s\n' "$args" >"$stamp"
        fi
        if [ "$kind" = pg ]; then
            phase "pg: pg_dump -C $DB" dump_pg "$out"
        else
            phase "mysql: mysqldump $DB" dump_mysql "$out"
        fi
        size=$(fsize "$out")
        echo "    liferay-$kind.sql: $(mib "$size") MiB" >&2
        [ "$size" -ge "$TARGET" ] && return
        scale=$(awk -v s="$scale" -v t="$TARGET" -v z="$size" 'BEGIN{printf "%.4f", s*t/z*1.05}')
        echo "    liferay-$kind.sql is below $SIZE_MB MiB: refilling with x$scale rows" >&2
    done
    echo "error: $out still below $SIZE_MB MiB after 3 tries" >&2
    exit 1
}

# ----------------------------------------------------------- dumpfix check ---
check_fix() { # KIND TARGET
    local kind=$1 tgt=$2 f mark err rc
    f=$OUTDIR/liferay-$kind.sql
    mark=$OUTDIR/.liferay-$kind.checked
    err=$OUTDIR/.liferay-$kind.check.err
    if [ -e "$mark" ] && [ "$mark" -nt "$f" ] && [ "$mark" -nt "$BIN" ]; then
        echo "==> dumpfix fix --target $tgt liferay-$kind.sql already passed, skipping" >&2
        return
    fi
    rm -f "$mark"
    phase "check: dumpfix fix --target $tgt -o /dev/null" run_fix "$tgt" "$f" "$err"
    rc=$(cat "$err.rc")
    if [ "$rc" != 0 ]; then
        echo "error: dumpfix fix --target $tgt $f exited $rc:" >&2
        tail -n 20 "$err" >&2
        exit 1
    fi
    echo "    exit 0" >&2
    rm -f "$err" "$err.rc"
    touch "$mark"
}
run_fix() { # TARGET FILE ERRFILE: writes the exit code to ERRFILE.rc
    local rc=0
    "$BIN" fix --quiet --target "$1" "$2" -o /dev/null 2>"$3" || rc=$?
    echo "$rc" >"$3.rc"
}

# ---------------------------------------------------------------- main ---
echo "make-liferay-dumps: OUTDIR=$OUTDIR SIZE_MB=$SIZE_MB (MiB) DB=$DB OWNER=$OWNER SEED=$SEED BLOB_MAX=$BLOB_MAX" >&2

need_db=0
[ "$(fsize "$OUTDIR/liferay-pg.sql")" -ge "$TARGET" ] || need_db=1
[ "$(fsize "$OUTDIR/liferay-mysql.sql")" -ge "$TARGET" ] || need_db=1
[ "$need_db" = 0 ] || check_servers

fill_and_dump pg
fill_and_dump mysql

if [ "$CHECK" = 0 ]; then
    echo "==> CHECK=0: dumpfix check skipped" >&2
elif [ ! -x "$BIN" ]; then
    echo "==> $BIN missing (cargo build --release): dumpfix check skipped" >&2
else
    check_fix pg liferay-postgresql
    check_fix mysql liferay-mysql
fi

T_END=$(now)
echo
echo "Phases:"
if [ ${#PHASES[@]} -eq 0 ]; then echo "  (nothing to do: all outputs up to date)"; fi
for p in "${PHASES[@]}"; do echo "  $p"; done
printf '  %-62s %8ss\n' "total" "$(awk -v a="$T_START" -v b="$T_END" 'BEGIN{printf "%.1f", b-a}')"
echo
echo "Files in $OUTDIR:"
for f in liferay-pg.sql liferay-mysql.sql; do
    [ -e "$OUTDIR/$f" ] && printf '  %-18s %14s bytes  %9s MiB\n' "$f" "$(fsize "$OUTDIR/$f")" "$(mib "$(fsize "$OUTDIR/$f")")"
done

# Row counts of the scaled tables, from the databases when they are still there.
pg_ok=0; my_ok=0
pg -d postgres -Atc 'SELECT 1' >/dev/null 2>&1 && db_exists pg && pg_ok=1
my -e 'SELECT 1' >/dev/null 2>&1 && db_exists mysql && my_ok=1
if [ "$pg_ok$my_ok" != 00 ]; then
    echo
    echo "Rows (SELECT count(*)):"
    printf '  %-24s %10s %10s\n' table pg mysql
    base_pg=""; base_my=""
    for spec in "${MIX[@]}" Company; do
        t=${spec%%:*}; l=$(printf '%s' "$t" | tr '[:upper:]' '[:lower:]')
        n_pg=-; n_my=-
        [ "$pg_ok" = 1 ] && n_pg=$(pg -d "$DB" -Atc "SELECT count(*) FROM lportal.$l")
        [ "$my_ok" = 1 ] && n_my=$(my -e "SELECT count(*) FROM \`$DB\`.\`$l\`")
        if [ "$t" = Company ]; then base_pg=$n_pg; base_my=$n_my; continue; fi
        printf '  %-24s %10s %10s\n' "$t" "$n_pg" "$n_my"
    done
    printf '  %-24s %10s %10s\n' "each other table" "$base_pg" "$base_my"
    [ "$pg_ok" = 1 ] && echo "  pg total: $(pg -d "$DB" -Atc "SELECT sum(n_live_tup) FROM pg_stat_user_tables WHERE schemaname = 'lportal'") rows (pg_stat estimate)"
fi
