#!/usr/bin/env bash
# compare.sh [OUTDIR]
#
# Whole-process comparison of `dumpfix fix` (pass-through, no --target) with the
# reference tools on the dumps made by benches/make-dumps.sh (default OUTDIR:
# bench-data under the repo root). Builds target/release/dumpfix first
# (cargo build --release; SKIP_BUILD=1 to skip). Timings are hyperfine, RUNS
# runs each (default 3), best (min) wall time reported; raw JSON goes to
# OUTDIR/hyperfine/. Also measures dumpfix's peak RSS (GNU time %M) and checks
# its output is byte-identical to the (decompressed) input with cmp.
# The markdown report goes to stdout and OUTDIR/compare.md.
# If dumpfix is missing or fails, that is reported and the reference tools are
# still timed.
#
# Liferay section: when OUTDIR/liferay-pg.sql and OUTDIR/liferay-mysql.sql exist
# (benches/make-liferay-dumps.sh), one hyperfine run per file times `cat f`,
# `dumpfix fix f -o /dev/null` (pass-through) and `dumpfix fix --target
# liferay-postgresql|liferay-mysql f -o /dev/null`, the two dumpfix commands
# both from the path and from stdin, and reports MiB/s and the rewrite cost
# (target time / pass-through time); plus peak RSS (GNU time %M) from stdin and
# the size of the rewritten output. Missing files: the section says how to make
# them and is skipped.
# SECTIONS (default "base liferay") chooses what runs: "liferay" alone times only
# the Liferay section (and needs none of make-dumps.sh's files).
#
# Check section (SECTIONS=check, or add "check" to the list): `dumpfix check --target
# liferay-postgresql` on the big pg_dumps (liferay-pg.sql, pg.sql: whichever exist),
# from the path and from stdin, beside `cat f` in one hyperfine run per file (check
# exits 1 on findings: only an exit above 1 counts as a failure), with its peak RSS
# (GNU time %M) and its finding counts. Then squawk (`pip install squawk-cli`; $SQUAWK,
# else `squawk` in PATH, else /opt/squawk-venv/bin/squawk) and dumpfix check in one
# hyperfine run per file on pg_dumps squawk can read: squawk parses SQL only and takes
# every COPY data row for a syntax error (on a few MB of a COPY dump it ran for minutes
# printing errors), so those are a schema-only `pg_dump -s` (liferay-pg-schema.sql) and
# a `pg_dump --inserts --rows-per-insert=100` of lportal.user_ and lportal.group_
# (liferay-pg-inserts.sql), both of the PostgreSQL database behind liferay-pg.sql
# ($DUMPFIX_BENCH_LR_DB, default dumpfix_bench_lr), remade when liferay-pg.sql is newer.
# MiB/s is per input byte for both tools.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-$ROOT/bench-data}
RUNS=${RUNS:-3}
BIN=${DUMPFIX_BIN:-$ROOT/target/release/dumpfix}
GNU_TIME=/usr/bin/time
SECTIONS=${SECTIONS:-base liferay}
section() { case " $SECTIONS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
section base || section liferay || section check || { echo "error: SECTIONS must name base, liferay and/or check" >&2; exit 2; }

[ -d "$OUTDIR" ] || { echo "error: $OUTDIR does not exist: run benches/make-dumps.sh first" >&2; exit 1; }
OUTDIR=$(cd "$OUTDIR" && pwd)
if section base; then
    for f in mysql.sql pg.sql mysql.sql.gz pg.sql.gz mysql.sql.zst pg.sql.zst; do
        [ -s "$OUTDIR/$f" ] || { echo "error: $OUTDIR/$f missing: run benches/make-dumps.sh first" >&2; exit 1; }
    done
fi
for t in hyperfine gzip pigz zstd cmp python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "error: '$t' not found in PATH" >&2; exit 1; }
done
[ -x "$GNU_TIME" ] || { echo "error: GNU time ($GNU_TIME) missing: apt-get install -y time" >&2; exit 1; }

JSONDIR=$OUTDIR/hyperfine
rm -rf "$JSONDIR"; mkdir -p "$JSONDIR"
MANIFEST=$JSONDIR/manifest.tsv
: >"$MANIFEST"
REPORT=$OUTDIR/compare.md.tmp
: >"$REPORT"
TMPOUT=$OUTDIR/.compare-out
trap 'rm -f "$TMPOUT".*' EXIT

say() { printf '%s\n' "$*" >>"$REPORT"; }
log() { printf '%s\n' "$*" >&2; }
q() { printf '%q' "$1"; }
fsize() { stat -c %s "$1"; }

# ------------------------------------------------------------ dumpfix ---
DUMPFIX_OK=0
DUMPFIX_NOTE=""
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    if command -v cargo >/dev/null 2>&1; then
        log "==> cargo build --release"
        if ! (cd "$ROOT" && cargo build --release --quiet) >"$JSONDIR/cargo-build.log" 2>&1; then
            DUMPFIX_NOTE="cargo build --release FAILED (log: $JSONDIR/cargo-build.log)"
            log "warning: $DUMPFIX_NOTE"
            tail -n 15 "$JSONDIR/cargo-build.log" >&2
        fi
    else
        DUMPFIX_NOTE="cargo not found, not building"
    fi
fi
if [ -n "$DUMPFIX_NOTE" ]; then
    DUMPFIX_NOTE="$DUMPFIX_NOTE; dumpfix NOT timed"
elif [ ! -x "$BIN" ]; then
    DUMPFIX_NOTE="$BIN does not exist; dumpfix NOT timed"
else
    # smoke test: a tiny valid dump must pass through unchanged
    smoke=$(printf -- '-- smoke\nSELECT 1;\n')
    got=$(printf '%s\n' "$smoke" | "$BIN" fix --quiet 2>"$JSONDIR/smoke.err"); rc=$?
    if [ "$rc" = 0 ] && [ "$got" = "$smoke" ]; then
        DUMPFIX_OK=1
    else
        DUMPFIX_NOTE="$BIN fails its smoke test: 'dumpfix fix --quiet' on a 2-line dump from stdin exited $rc and wrote ${#got} chars instead of the ${#smoke} input chars (stderr: $JSONDIR/smoke.err); dumpfix NOT timed"
    fi
fi
[ -n "$DUMPFIX_NOTE" ] && log "warning: $DUMPFIX_NOTE"

# ------------------------------------------------------------- header ---
cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*:[[:space:]]*//')
mem=$(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
ver() { "$@" 2>&1 | head -n1; }
say "# dumpfix whole-process comparison"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $mem RAM, $(uname -sr)"
say "- dumpfix: $( [ "$DUMPFIX_OK" = 1 ] && ver "$BIN" --version || echo "n/a") ($BIN)"
[ -n "$DUMPFIX_NOTE" ] && say "- **dumpfix: $DUMPFIX_NOTE**"
say "- rustc: $(ver rustc --version)"
say "- gzip: $(ver gzip --version); pigz: $(ver pigz --version); zstd: $(ver zstd --version)"
say "- hyperfine: $(ver hyperfine --version); cat: $(ver cat --version)"
say "- mysqldump: $(ver mysqldump --version); pg_dump: $(ver pg_dump --version)"
say "- runs: $RUNS per command (hyperfine), best wall time shown; data in $OUTDIR (page cache warm)"
section base || say "- sections: $SECTIONS (SECTIONS env)"
if section check; then
    if [ -z "${SQUAWK:-}" ]; then
        SQUAWK=$(command -v squawk 2>/dev/null || true)
        [ -z "$SQUAWK" ] && [ -x /opt/squawk-venv/bin/squawk ] && SQUAWK=/opt/squawk-venv/bin/squawk
    fi
    if [ -n "$SQUAWK" ] && [ -x "$SQUAWK" ] && "$SQUAWK" --version >/dev/null 2>&1; then
        say "- squawk: $(ver "$SQUAWK" --version) ($SQUAWK)"
    else
        SQUAWK=""
    fi
fi
say ""

# bench GROUP FILE ID LABEL REF_ID CMD [OUTPUT_FILE]
#   times CMD with hyperfine; a failing CMD is recorded as FAIL.
bench() {
    local group=$1 file=$2 id=$3 label=$4 ref=$5 cmd=$6 out=${7:-} warm=0
    case $id in *cat*|*plain*|*path*) warm=1 ;; esac
    log "==> $group: $label"
    if hyperfine --shell=bash --style=none --runs "$RUNS" --warmup "$warm" \
        --export-json "$JSONDIR/$id.json" -n "$label" "set -o pipefail; $cmd" \
        >"$JSONDIR/$id.log" 2>&1; then
        :
    else
        log "    FAILED (see $JSONDIR/$id.log)"
        rm -f "$JSONDIR/$id.json"
    fi
    local osz=""
    [ -n "$out" ] && [ -e "$out" ] && osz=$(fsize "$out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$group" "$file" "$id" "$label" "$ref" "$(fsize "$OUTDIR/$file")" "$osz" >>"$MANIFEST"
}

BASE_KINDS=()
section base && BASE_KINDS=(mysql pg big-insert)
for kind in "${BASE_KINDS[@]}"; do
    f=$OUTDIR/$kind.sql
    [ -s "$f" ] || { log "note: $f missing, skipped"; continue; }
    F=$(q "$f")
    # plain -> plain (stdin and path)
    bench plain "$kind.sql" "$kind-cat" "cat f > /dev/null" "$kind-cat" "cat $F > /dev/null"
    if [ "$DUMPFIX_OK" = 1 ]; then
        bench plain "$kind.sql" "$kind-plain-stdin" "dumpfix fix --quiet < f > /dev/null" "$kind-cat" \
            "$(q "$BIN") fix --quiet < $F > /dev/null"
        bench plain "$kind.sql" "$kind-plain-path" "dumpfix fix --quiet f > /dev/null" "$kind-cat" \
            "$(q "$BIN") fix --quiet $F > /dev/null"
    fi
    [ "$kind" = big-insert ] && continue
    # gz -> gz
    G=$(q "$f.gz"); O=$(q "$TMPOUT.gz")
    bench gz "$kind.sql" "$kind-gzip" "gzip -dc f.gz | gzip -6 > out" "$kind-gzip" \
        "gzip -dc $G | gzip -6 > $O" "$TMPOUT.gz"
    bench gz "$kind.sql" "$kind-pigz" "pigz -dc f.gz | pigz -6 -p2 > out" "$kind-gzip" \
        "pigz -dc $G | pigz -6 -p2 > $O" "$TMPOUT.gz"
    if [ "$DUMPFIX_OK" = 1 ]; then
        rm -f "$TMPOUT.gz"
        bench gz "$kind.sql" "$kind-dumpfix-gz" "dumpfix fix --quiet f.gz --compress gzip --level 6 > out" "$kind-gzip" \
            "$(q "$BIN") fix --quiet $G --compress gzip --level 6 > $O" "$TMPOUT.gz"
        if [ -s "$TMPOUT.gz" ] && gzip -dc "$TMPOUT.gz" | cmp -s - "$f"; then
            echo "$kind.sql.gz → gzip" >>"$JSONDIR/identical.txt"
        else
            echo "$kind.sql.gz → gzip" >>"$JSONDIR/different.txt"
        fi
    fi
    # zst -> zst
    Z=$(q "$f.zst"); O=$(q "$TMPOUT.zst")
    bench zst "$kind.sql" "$kind-zstd" "zstd -dc f.zst | zstd -3 -T2 > out" "$kind-zstd" \
        "zstd -q -dc $Z | zstd -q -3 -T2 > $O" "$TMPOUT.zst"
    if [ "$DUMPFIX_OK" = 1 ]; then
        rm -f "$TMPOUT.zst"
        bench zst "$kind.sql" "$kind-dumpfix-zst" "dumpfix fix --quiet f.zst --compress zstd --level 3 > out" "$kind-zstd" \
            "$(q "$BIN") fix --quiet $Z --compress zstd --level 3 > $O" "$TMPOUT.zst"
        if [ -s "$TMPOUT.zst" ] && zstd -q -dc "$TMPOUT.zst" | cmp -s - "$f"; then
            echo "$kind.sql.zst → zstd" >>"$JSONDIR/identical.txt"
        else
            echo "$kind.sql.zst → zstd" >>"$JSONDIR/different.txt"
        fi
    fi
    rm -f "$TMPOUT".*
done

# ------------------------------------------------ peak RSS + identity ---
RSS_ROWS=()
if [ "$DUMPFIX_OK" = 1 ]; then
    for kind in "${BASE_KINDS[@]}"; do
        f=$OUTDIR/$kind.sql
        [ -s "$f" ] || continue
        log "==> peak RSS + cmp: $kind.sql"
        if "$GNU_TIME" -f %M -o "$JSONDIR/rss-$kind.txt" "$BIN" fix --quiet <"$f" >/dev/null 2>"$JSONDIR/rss-$kind.err"; then
            rss_s=$(awk 'END{printf "%.1f", $1/1024}' "$JSONDIR/rss-$kind.txt")
        else
            rss_s="FAIL (see $JSONDIR/rss-$kind.err)"
        fi
        # shellcheck disable=SC2094 # both only read $f
        if "$BIN" fix --quiet <"$f" 2>/dev/null | cmp -s - "$f"; then same=yes; else same="**NO**"; fi
        RSS_ROWS+=("| $kind.sql | $(awk -v b="$(fsize "$f")" 'BEGIN{printf "%.0f", b/1048576}') | $rss_s | $same |")
    done
fi

# ---------------------------------------------- Liferay rewrite cost ---
# One hyperfine run per Liferay dump: cat, then dumpfix pass-through and
# --target from the path and from stdin (-i: a failing command is kept in the
# JSON with its exit codes and reported as FAIL instead of aborting the run).
LR_MANIFEST=$JSONDIR/liferay.tsv
LR_NOTE=""
if section liferay; then
    : >"$LR_MANIFEST"
    lr_missing=()
    for kind in pg mysql; do
        [ -s "$OUTDIR/liferay-$kind.sql" ] || lr_missing+=("liferay-$kind.sql")
    done
    if [ ${#lr_missing[@]} -gt 0 ]; then
        LR_NOTE="${lr_missing[*]} missing in $OUTDIR: make them with \`benches/make-liferay-dumps.sh $OUTDIR\` (~1 min at 550 MiB), then rerun; section skipped"
        log "note: $LR_NOTE"
    else
        for kind in pg mysql; do
            f=$OUTDIR/liferay-$kind.sql
            F=$(q "$f"); B=$(q "$BIN")
            if [ "$kind" = pg ]; then tgt=liferay-postgresql; else tgt=liferay-mysql; fi
            cmds=(-n "cat f > /dev/null" "cat $F > /dev/null")
            if [ "$DUMPFIX_OK" = 1 ]; then
                cmds+=(
                    -n "dumpfix fix --quiet f -o /dev/null" "$B fix --quiet $F -o /dev/null"
                    -n "dumpfix fix --quiet --target $tgt f -o /dev/null" "$B fix --quiet --target $tgt $F -o /dev/null"
                    -n "dumpfix fix --quiet -o /dev/null < f" "$B fix --quiet -o /dev/null < $F"
                    -n "dumpfix fix --quiet --target $tgt -o /dev/null < f" "$B fix --quiet --target $tgt -o /dev/null < $F"
                )
            fi
            log "==> liferay: liferay-$kind.sql ($((${#cmds[@]} / 3)) commands in one hyperfine run)"
            if ! hyperfine --shell=bash --style=none --runs "$RUNS" --warmup 1 -i \
                --export-json "$JSONDIR/liferay-$kind.json" "${cmds[@]}" >"$JSONDIR/liferay-$kind.log" 2>&1; then
                log "    FAILED (see $JSONDIR/liferay-$kind.log)"
                rm -f "$JSONDIR/liferay-$kind.json"
            fi
            rss_pass=""; rss_tgt=""; out_tgt=""
            if [ "$DUMPFIX_OK" = 1 ]; then
                log "==> liferay: peak RSS (stdin) + output size: liferay-$kind.sql"
                if "$GNU_TIME" -f %M -o "$JSONDIR/rss-liferay-$kind-pass.txt" \
                    "$BIN" fix --quiet -o /dev/null <"$f" 2>"$JSONDIR/rss-liferay-$kind-pass.err"; then
                    rss_pass=$(awk 'END{print $1}' "$JSONDIR/rss-liferay-$kind-pass.txt")
                fi
                if "$GNU_TIME" -f %M -o "$JSONDIR/rss-liferay-$kind-target.txt" \
                    "$BIN" fix --quiet --target "$tgt" -o /dev/null <"$f" 2>"$JSONDIR/rss-liferay-$kind-target.err"; then
                    rss_tgt=$(awk 'END{print $1}' "$JSONDIR/rss-liferay-$kind-target.txt")
                fi
                out_tgt=$("$BIN" fix --quiet --target "$tgt" <"$f" 2>/dev/null | wc -c) || out_tgt=""
            fi
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "liferay-$kind.sql" "$(fsize "$f")" "$tgt" \
                "$rss_pass" "$rss_tgt" "$out_tgt" >>"$LR_MANIFEST"
        done
    fi
fi

# ------------------------------------------------- check (lint) speed ---
CK_BIG=$JSONDIR/check-big.tsv
CK_SMALL=$JSONDIR/check-small.tsv
CK_NOTES=()
LR_DB=${DUMPFIX_BENCH_LR_DB:-dumpfix_bench_lr}
CK_TARGET=liferay-postgresql
# ck_cmd FILE: the dumpfix check command line reading FILE; exit 1 (findings) is success.
ck_cmd() { printf '%s check --quiet --target %s %s > /dev/null; [ $? -le 1 ]' "$(q "$BIN")" "$CK_TARGET" "$(q "$1")"; }
ck_cmd_stdin() { printf '%s check --quiet --target %s < %s > /dev/null; [ $? -le 1 ]' "$(q "$BIN")" "$CK_TARGET" "$(q "$1")"; }
sq_cmd() { printf '%s --reporter gcc %s > /dev/null; [ $? -le 1 ]' "$(q "$SQUAWK")" "$(q "$1")"; }
# ck_summary FILE: "E errors, W warnings, I info" of dumpfix check --format json.
ck_summary() {
    "$BIN" check --quiet --target "$CK_TARGET" --format json "$1" 2>/dev/null | python3 -c '
import json, sys
try:
    s = json.load(sys.stdin)["summary"]
    print("%s errors, %s warnings, %s info" % (s.get("errors"), s.get("warnings"), s.get("info")))
except Exception as e:
    print("n/a (%s)" % type(e).__name__)'
}
# rss_of OUT_ID CMD...: peak RSS in KiB of CMD (exit 0 or 1 accepted), else "".
rss_of() {
    local id=$1 rc; shift
    "$GNU_TIME" -f %M -o "$JSONDIR/rss-$id.txt" "$@" >/dev/null 2>"$JSONDIR/rss-$id.err"; rc=$?
    # GNU time appends "Command exited with non-zero status N" before %M.
    if [ "$rc" -le 1 ]; then awk 'END{print $1}' "$JSONDIR/rss-$id.txt"; fi
}
if section check; then
    : >"$CK_BIG"; : >"$CK_SMALL"
    [ "$DUMPFIX_OK" = 1 ] || CK_NOTES+=("dumpfix rows missing: $DUMPFIX_NOTE")
    [ -n "$SQUAWK" ] || CK_NOTES+=("squawk not found (\$SQUAWK, PATH, /opt/squawk-venv/bin/squawk): install it with \`python3 -m venv /opt/squawk-venv && /opt/squawk-venv/bin/pip install squawk-cli\`; squawk rows skipped")
    ck_big=()
    for f in liferay-pg.sql pg.sql; do
        if [ -s "$OUTDIR/$f" ]; then ck_big+=("$f"); else CK_NOTES+=("$f missing in $OUTDIR (make it with benches/make-liferay-dumps.sh / make-dumps.sh); not timed"); fi
    done
    # The squawk-readable pg_dumps of the database behind liferay-pg.sql.
    ck_small=()
    if [ ! -s "$OUTDIR/liferay-pg.sql" ]; then
        :
    elif ! psql -X -A -t -q -d "$LR_DB" -c 'SELECT 1' >/dev/null 2>&1; then
        for k in schema inserts; do [ -s "$OUTDIR/liferay-pg-$k.sql" ] && ck_small+=("liferay-pg-$k.sql"); done
        CK_NOTES+=("PostgreSQL database $LR_DB not reachable: liferay-pg-{schema,inserts}.sql not (re)made (benches/make-liferay-dumps.sh keeps the database)")
    else
        for k in schema inserts; do
            f=$OUTDIR/liferay-pg-$k.sql
            if [ ! -s "$f" ] || [ "$OUTDIR/liferay-pg.sql" -nt "$f" ]; then
                log "==> check: pg_dump ($k) of $LR_DB -> $(basename "$f")"
                if [ "$k" = schema ]; then
                    opts=(-s)
                else
                    opts=(--inserts --rows-per-insert=100 -t lportal.user_ -t lportal.group_)
                fi
                if pg_dump "${opts[@]}" --format=plain -d "$LR_DB" -f "$f.tmp"; then
                    mv "$f.tmp" "$f"
                else
                    rm -f "$f.tmp"
                    CK_NOTES+=("pg_dump ${opts[*]} of $LR_DB failed")
                fi
            fi
            [ -s "$f" ] && ck_small+=("liferay-pg-$k.sql")
        done
    fi
    B=$(q "$BIN")
    for name in "${ck_big[@]}"; do
        f=$OUTDIR/$name; F=$(q "$f"); id=check-${name%.sql}
        cmds=(-n "cat f > /dev/null" "cat $F > /dev/null")
        if [ "$DUMPFIX_OK" = 1 ]; then
            cmds+=(-n "dumpfix check --quiet --target $CK_TARGET f" "$(ck_cmd "$f")"
                   -n "dumpfix check --quiet --target $CK_TARGET < f" "$(ck_cmd_stdin "$f")")
        fi
        log "==> check: $name ($((${#cmds[@]} / 3)) commands in one hyperfine run)"
        if ! hyperfine --shell=bash --style=none --runs "$RUNS" --warmup 1 -i \
            --export-json "$JSONDIR/$id.json" "${cmds[@]}" >"$JSONDIR/$id.log" 2>&1; then
            log "    FAILED (see $JSONDIR/$id.log)"; rm -f "$JSONDIR/$id.json"
        fi
        rss_p=""; rss_s=""; summ=""
        if [ "$DUMPFIX_OK" = 1 ]; then
            log "==> check: peak RSS + findings: $name"
            rss_p=$(rss_of "$id-path" "$BIN" check --quiet --target "$CK_TARGET" "$f")
            rss_s=$(rss_of "$id-stdin" "$BIN" check --quiet --target "$CK_TARGET" - <"$f")
            summ=$(ck_summary "$f")
        fi
        printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$(fsize "$f")" "$rss_p" "$rss_s" "$summ" >>"$CK_BIG"
    done
    for name in "${ck_small[@]}"; do
        f=$OUTDIR/$name; id=check-${name%.sql}
        cmds=()
        [ "$DUMPFIX_OK" = 1 ] && cmds+=(-n "dumpfix check --quiet --target $CK_TARGET f" "$(ck_cmd "$f")")
        [ -n "$SQUAWK" ] && cmds+=(-n "squawk --reporter gcc f" "$(sq_cmd "$f")")
        [ ${#cmds[@]} -gt 0 ] || continue
        log "==> check: $name ($((${#cmds[@]} / 3)) commands in one hyperfine run)"
        if ! hyperfine --shell=bash --style=none --runs "$RUNS" --warmup 1 -i \
            --export-json "$JSONDIR/$id.json" "${cmds[@]}" >"$JSONDIR/$id.log" 2>&1; then
            log "    FAILED (see $JSONDIR/$id.log)"; rm -f "$JSONDIR/$id.json"
        fi
        rss_d=""; rss_q=""; summ=""; sq_n=""
        if [ "$DUMPFIX_OK" = 1 ]; then
            rss_d=$(rss_of "$id-dumpfix" "$BIN" check --quiet --target "$CK_TARGET" "$f")
            summ=$(ck_summary "$f")
        fi
        if [ -n "$SQUAWK" ]; then
            rss_q=$(rss_of "$id-squawk" "$SQUAWK" --reporter gcc "$f")
            "$SQUAWK" --reporter gcc "$f" >"$JSONDIR/$id-squawk.out" 2>"$JSONDIR/$id-squawk.err"
            if grep -q '^Error' "$JSONDIR/$id-squawk.err"; then
                sq_n="FAIL: $(head -n1 "$JSONDIR/$id-squawk.err")"
            else
                sq_n="$(grep -c '^[^ ]*:[0-9]*:[0-9]*: ' "$JSONDIR/$id-squawk.out") issues ($(grep -c 'syntax-error' "$JSONDIR/$id-squawk.out") syntax errors)"
            fi
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(fsize "$f")" "$rss_d" "$rss_q" "$summ" "$sq_n" >>"$CK_SMALL"
    done
fi

# -------------------------------------------------------------- table ---
python3 - "$MANIFEST" "$JSONDIR" >>"$REPORT" <<'PY'
import json, os, sys
manifest, jdir = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(manifest) if l.strip()]
best = {}
for g, f, i, label, ref, size, osz in rows:
    p = os.path.join(jdir, i + ".json")
    if os.path.exists(p):
        r = json.load(open(p))["results"][0]
        best[i] = (min(r["times"]), r["mean"])
titles = {"plain": "plain → plain pass-through", "gz": "gz → gz (gzip -6)", "zst": "zst → zst (zstd -3)"}
MiB = 1 << 20
for g in ("plain", "gz", "zst"):
    grp = [r for r in rows if r[0] == g]
    if not grp:
        continue
    print("## %s\n" % titles[g])
    print("| file | command | wall s (best) | mean s | MiB/s (uncompressed) | time / ref | out MiB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for _, f, i, label, ref, size, osz in grp:
        size = int(size)
        out = "%.1f" % (int(osz) / MiB) if osz else ""
        if i not in best:
            print("| %s | `%s` | FAIL | | | | |" % (f, label.replace("|", "\\|")))
            continue
        b, m = best[i]
        ratio = "%.2f" % (b / best[ref][0]) if ref in best and i != ref else ("ref" if i == ref else "")
        print("| %s | `%s` | %.3f | %.3f | %.0f | %s | %s |" % (f, label.replace("|", "\\|"), b, m, size / MiB / b, ratio, out))
    print()
for name, title in (("identical.txt", "identical after decompression"), ("different.txt", "**DIFFERENT or missing** after decompression")):
    p = os.path.join(jdir, name)
    if os.path.exists(p):
        print("dumpfix compressed output %s: %s\n" % (title, ", ".join(l.strip() for l in open(p))))
PY

if [ ${#RSS_ROWS[@]} -gt 0 ]; then
    say "## dumpfix peak RSS (stdin → /dev/null) and output identity (cmp)"
    say ""
    say "| file | MiB | peak RSS MiB | output identical |"
    say "|---|---:|---:|---|"
    for r in "${RSS_ROWS[@]}"; do say "$r"; done
    say ""
elif [ "$DUMPFIX_OK" != 1 ] && section base; then
    say "_dumpfix rows missing: ${DUMPFIX_NOTE}_"
    say ""
fi

if section liferay; then
    say "## Liferay rewrite cost: --target against pass-through"
    say ""
    if [ -n "$LR_NOTE" ]; then
        say "_${LR_NOTE}_"
        say ""
    else
        [ "$DUMPFIX_OK" = 1 ] || { say "_dumpfix rows missing: ${DUMPFIX_NOTE}_"; say ""; }
        python3 - "$LR_MANIFEST" "$JSONDIR" >>"$REPORT" <<'PY'
import json, os, sys
manifest, jdir = sys.argv[1], sys.argv[2]
MiB = 1 << 20
rows = [l.rstrip("\n").split("\t") for l in open(manifest) if l.strip()]
print("Dumps from `benches/make-liferay-dumps.sh` (real `pg_dump -C` of the pgloader-shaped")
print("PostgreSQL database, real `mysqldump` of the MariaDB one). All commands of one file")
print("ran in the same hyperfine run. *rewrite cost* = best time of `--target` / best time")
print("of the pass-through command with the same input (path or stdin).\n")
print("| file | input | command | wall s (best) | mean s | MiB/s | time / cat | rewrite cost |")
print("|---|---|---|---:|---:|---:|---:|---:|")
summary = []
for name, size, tgt, rss_pass, rss_tgt, out_tgt in rows:
    size = int(size)
    p = os.path.join(jdir, name.replace(".sql", "") + ".json")
    res = {}
    if os.path.exists(p):
        for r in json.load(open(p))["results"]:
            ok = all(c == 0 for c in r.get("exit_codes") or [0])
            res[r["command"]] = (min(r["times"]), r["mean"], ok)
    cat = res.get("cat f > /dev/null")
    cat_b = cat[0] if cat and cat[2] else None
    labels = [("path", "cat f > /dev/null", None),
              ("path", "dumpfix fix --quiet f -o /dev/null", None),
              ("path", "dumpfix fix --quiet --target %s f -o /dev/null" % tgt, "dumpfix fix --quiet f -o /dev/null"),
              ("stdin", "dumpfix fix --quiet -o /dev/null < f", None),
              ("stdin", "dumpfix fix --quiet --target %s -o /dev/null < f" % tgt, "dumpfix fix --quiet -o /dev/null < f")]
    cost = {}
    for inp, label, base in labels:
        shown = label.replace("|", "\\|")
        if label not in res:
            if label.startswith("cat") or os.path.exists(p):
                print("| %s | %s | `%s` | FAIL / not run | | | | |" % (name, inp, shown))
            continue
        b, m, ok = res[label]
        if not ok:
            print("| %s | %s | `%s` | FAIL (exit codes in %s) | | | | |" % (name, inp, shown, os.path.basename(p)))
            continue
        vs_cat = "ref" if label.startswith("cat") else ("%.2f" % (b / cat_b) if cat_b else "")
        c = ""
        if base is None and not label.startswith("cat"):
            c = "ref"
        elif base in res and res[base][2]:
            cost[inp] = b / res[base][0]
            c = "**%.2f**" % cost[inp]
        print("| %s | %s | `%s` | %.3f | %.3f | %.0f | %s | %s |" % (name, inp, shown, b, m, size / MiB / b, vs_cat, c))
    summary.append((name, size, tgt, cost, rss_pass, rss_tgt, out_tgt))
print()
print("| file | MiB | target | rewrite cost (path) | rewrite cost (stdin) | peak RSS MiB, pass-through (stdin) | peak RSS MiB, --target (stdin) | --target output MiB |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
fmt = lambda kb: "%.1f" % (int(kb) / 1024) if kb else "FAIL / n/a"
for name, size, tgt, cost, rp, rt, ot in summary:
    cp = "%.2f" % cost["path"] if "path" in cost else ""
    cs = "%.2f" % cost["stdin"] if "stdin" in cost else ""
    print("| %s | %.0f | %s | %s | %s | %s | %s | %s |" % (name, size / MiB, tgt, cp, cs, fmt(rp), fmt(rt),
          "%.1f" % (int(ot) / MiB) if ot else ""))
print()
PY
    fi
fi

if section check; then
    say "## dumpfix check: lint speed, against squawk"
    say ""
    for n in "${CK_NOTES[@]}"; do say "_${n}_"; say ""; done
    python3 - "$CK_BIG" "$CK_SMALL" "$JSONDIR" "$CK_TARGET" >>"$REPORT" <<'PY'
import json, os, sys
big, small, jdir, tgt = sys.argv[1:5]
MiB = 1 << 20
def rows(p):
    return [l.rstrip("\n").split("\t") for l in open(p) if l.strip()] if os.path.exists(p) else []
def results(name):
    p = os.path.join(jdir, "check-" + name.replace(".sql", "") + ".json")
    res = {}
    if os.path.exists(p):
        for r in json.load(open(p))["results"]:
            ok = all(c == 0 for c in r.get("exit_codes") or [0])
            res[r["command"]] = (min(r["times"]), r["mean"], ok)
    return res, os.path.exists(p)
fmt = lambda kb: "%.1f" % (int(kb) / 1024) if kb else "FAIL / n/a"
def line(name, size, label, res, ran, cat_b=None):
    shown = label.replace("|", "\\|")
    if label not in res:
        print("| %s | `%s` | %s | | | |" % (name, shown, "FAIL / not run" if ran else "not run"))
        return None
    b, m, ok = res[label]
    if not ok:
        print("| %s | `%s` | FAIL (exit codes in check-%s.json) | | | |" % (name, shown, name.replace(".sql", "")))
        return None
    vs = "ref" if label.startswith("cat") else ("%.2f" % (b / cat_b) if cat_b else "")
    print("| %s | `%s` | %.3f | %.3f | %.0f | %s |" % (name, shown, b, m, size / MiB / b, vs))
    return b
B = rows(big)
if B:
    print("`dumpfix check --quiet --target %s` on the big pg_dumps (COPY data), all commands" % tgt)
    print("of a file in one hyperfine run; check exits 1 on findings, so only an exit above 1")
    print("is a FAIL.\n")
    print("| file | command | wall s (best) | mean s | MiB/s | time / cat |")
    print("|---|---|---:|---:|---:|---:|")
    for name, size, rp, rs, summ in B:
        size = int(size)
        res, ran = results(name)
        cat_b = line(name, size, "cat f > /dev/null", res, True)
        for label in ("dumpfix check --quiet --target %s f" % tgt, "dumpfix check --quiet --target %s < f" % tgt):
            if label in res or ran:
                line(name, size, label, res, ran, cat_b)
    print()
    print("Peak RSS is GNU time's %M: from a path dumpfix memory-maps the file, and the mapped")
    print("page-cache pages it has touched count in RSS (about the file's size); from stdin it is")
    print("dumpfix's own memory.\n")
    print("| file | MiB | peak RSS MiB (path) | peak RSS MiB (stdin) | findings |")
    print("|---|---:|---:|---:|---|")
    for name, size, rp, rs, summ in B:
        print("| %s | %.0f | %s | %s | %s |" % (name, int(size) / MiB, fmt(rp), fmt(rs), summ))
    print()
S = rows(small)
if S:
    print("squawk and dumpfix check on the same pg_dumps, which squawk can parse (no COPY):")
    print("`liferay-pg-schema.sql` = `pg_dump -s`, `liferay-pg-inserts.sql` = `pg_dump --inserts")
    print("--rows-per-insert=100 -t lportal.user_ -t lportal.group_`, both of the database behind")
    print("liferay-pg.sql. One hyperfine run per file; MiB/s per input byte for both tools. On the")
    print("schema file both are dominated by process start-up.\n")
    print("| file | MiB | command | wall s (best) | mean s | MiB/s | peak RSS MiB | findings |")
    print("|---|---:|---|---:|---:|---:|---:|---|")
    for name, size, rd, rq, summ, sq in S:
        size = int(size)
        res, ran = results(name)
        for label, rss, found in (("dumpfix check --quiet --target %s f" % tgt, rd, summ),
                                  ("squawk --reporter gcc f", rq, sq)):
            if label not in res:
                if ran and found:
                    print("| %s | %.2f | `%s` | FAIL / not run | | | | %s |" % (name, size / MiB, label, found))
                continue
            b, m, ok = res[label]
            if not ok:
                print("| %s | %.2f | `%s` | FAIL | | | | %s |" % (name, size / MiB, label, found))
                continue
            print("| %s | %.2f | `%s` | %.3f | %.3f | %.1f | %s | %s |" % (name, size / MiB, label, b, m, size / MiB / b, fmt(rss), found))
    print()
PY
fi

mv "$REPORT" "$OUTDIR/compare.md"
cat "$OUTDIR/compare.md"
echo "(written to $OUTDIR/compare.md)" >&2
