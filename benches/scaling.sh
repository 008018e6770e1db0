#!/usr/bin/env bash
# scaling.sh [OUTDIR]
#
# Evidence that dumpfix's time grows linearly with the input and that its memory
# does not grow at all:
#   1. real dumps at each size of SIZES (MiB; default "100 500 2048"), made by
#      benches/make-dumps.sh into OUTDIR/scale-N/{mysql,pg}.sql from a scratch
#      database ($SCALE_DB, default dumpfix_scale, never dumpfix_bench: that one
#      stays the source of bench-data/mysql.sql for pgloader.sh). Cached: a size whose
#      two dumps exist and are big enough is not made again. The .gz/.zst copies that
#      make-dumps.sh also writes are deleted (KEEP_COMPRESSED=1 keeps them) and the
#      scratch databases are dropped at the end (KEEP_DB=1 keeps them).
#   2. for each size and dump, whole commands reading stdin, timed with hyperfine
#      (best of RUNS, default 3; RUNS_BIG, default 1, for sizes >= 2048 MiB), each run
#      under GNU time for its peak RSS (max over the runs):
#        cat f > /dev/null                                        (reference)
#        dumpfix fix --quiet < f > /dev/null                       (pass-through)
#        dumpfix fix --quiet --target liferay-mysql|liferay-postgresql < f > /dev/null
#        dumpfix check --quiet --target liferay-mysql|liferay-postgresql < f
#        dumpfix check --quiet --target liferay-postgresql < mysql dump  (cross-dialect)
#        dumpfix convert --to postgresql < mysql dump > /dev/null
#      Exit 1 (findings, convert notes) counts as a run; the exit code is shown.
#   3. one 1 GiB INSERT (BIG_INSERT, default OUTDIR/big-insert.sql, else generated
#      with gen-big-insert.py BIG_INSERT_MB, default 1024) against a dump of many small
#      INSERTs (MANY, default OUTDIR/mysql.sql, else the largest scale-N/mysql.sql):
#      time and peak RSS of fix, check and convert.
# The markdown (machine, table per size, s/GiB and RSS per command across sizes, the
# big-INSERT comparison) goes to stdout and OUTDIR/scaling.md; hyperfine JSON and the
# GNU time files to OUTDIR/scaling/.
#
# Env: SIZES, RUNS, RUNS_BIG, SCALE_DB, KEEP_DB, KEEP_COMPRESSED, BIG_INSERT,
#      BIG_INSERT_MB, MANY, DUMPFIX_BIN (default target/release/dumpfix), SKIP_BUILD=1
#      (no cargo build --release), SKIP_BIG=1 (no section 3).
# Needs: make-dumps.sh's needs (MariaDB + PostgreSQL running: scripts/servers.sh start;
#        pigz, zstd, python3), hyperfine, GNU time (/usr/bin/time).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-$ROOT/bench-data}
SIZES=${SIZES:-100 500 2048}
RUNS=${RUNS:-3}
RUNS_BIG=${RUNS_BIG:-1}
SCALE_DB=${SCALE_DB:-dumpfix_scale}
BIN=${DUMPFIX_BIN:-$ROOT/target/release/dumpfix}
GNU_TIME=/usr/bin/time
MIB=1048576

[ "$SCALE_DB" != dumpfix_bench ] || { echo "error: SCALE_DB must not be dumpfix_bench (pgloader.sh's source)" >&2; exit 2; }
for s in $SIZES; do
    case $s in '' | *[!0-9]*) echo "error: SIZES must be positive integers (MiB), not '$s'" >&2; exit 2 ;; esac
done
for t in hyperfine python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "error: '$t' not found in PATH" >&2; exit 1; }
done
[ -x "$GNU_TIME" ] || { echo "error: GNU time ($GNU_TIME) missing: apt-get install -y time" >&2; exit 1; }

mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
WORK=$OUTDIR/scaling
rm -rf "$WORK"; mkdir -p "$WORK"
MANIFEST=$WORK/manifest.tsv
: >"$MANIFEST"
REPORT=$WORK/scaling.md
: >"$REPORT"

log() { printf '%s\n' "$*" >&2; }
say() { printf '%s\n' "$*" >>"$REPORT"; }
q() { printf '%q' "$1"; }
fsize() { if [ -e "$1" ]; then stat -c %s "$1"; else echo 0; fi; }

# ------------------------------------------------------------- dumpfix ---
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "==> cargo build --release"
    (cd "$ROOT" && cargo build --release --quiet) >"$WORK/cargo-build.log" 2>&1 ||
        { tail -n 20 "$WORK/cargo-build.log" >&2; log "error: cargo build --release failed"; exit 1; }
fi
[ -x "$BIN" ] || { log "error: $BIN does not exist (cargo build --release)"; exit 1; }

# ------------------------------------------------------------- dumps ---
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
made_db=0
for s in $SIZES; do
    d=$OUTDIR/scale-$s
    if [ "$(fsize "$d/mysql.sql")" -ge $((s * MIB)) ] && [ "$(fsize "$d/pg.sql")" -ge $((s * MIB)) ]; then
        log "==> scale-$s: dumps exist, not remade"
        continue
    fi
    need=$((s * 21 / 10 + 2 * s * 2))  # two dumps + both databases (about 2x), MiB
    avail=$(df -Pm "$OUTDIR" | awk 'NR==2{print $4}')
    if [ "$avail" -lt "$need" ]; then
        log "error: scale-$s needs about $need MiB free on $OUTDIR, $avail MiB available"; exit 1
    fi
    log "==> scale-$s: make-dumps.sh $d $s (database $SCALE_DB)"
    if ! DUMPFIX_BENCH_DB=$SCALE_DB BIG_INSERT_MB=1 bash "$ROOT/benches/make-dumps.sh" "$d" "$s" \
        >"$WORK/make-dumps-$s.log" 2>&1; then
        tail -n 20 "$WORK/make-dumps-$s.log" >&2
        log "error: make-dumps.sh $d $s failed (log: $WORK/make-dumps-$s.log)"; exit 1
    fi
    made_db=1
    [ "${KEEP_COMPRESSED:-0}" = 1 ] || rm -f "$d"/*.gz "$d"/*.zst
done
if [ "$made_db" = 1 ] && [ "${KEEP_DB:-0}" != 1 ]; then
    log "==> dropping the scratch databases $SCALE_DB"
    mariadb -e "DROP DATABASE IF EXISTS \`$SCALE_DB\`" 2>/dev/null || true
    dropdb --if-exists "$SCALE_DB" 2>/dev/null || true
fi

# -------------------------------------------------------------- timing ---
# run GROUP FILE RUNS LABEL CMD: CMD (with "< f") under hyperfine, each run under GNU
# time (%M appended to a file) and its exit code recorded; exit 0 and 1 are runs.
run() {
    local group=$1 file=$2 runs=$3 label=$4 cmd=$5 id
    id=$(printf '%03d' "$(wc -l <"$MANIFEST")")
    log "    $label"
    local full
    full="$(q "$GNU_TIME") -f %M -a -o $(q "$WORK/$id.rss") $cmd; rc=\$?; echo \$rc >> $(q "$WORK/$id.rc"); [ \$rc -le 1 ]"
    if ! hyperfine --shell=bash --style=none --runs "$runs" --warmup 0 \
        --export-json "$WORK/$id.json" -n "$label" "$full" >"$WORK/$id.log" 2>&1; then
        log "      FAILED (see $WORK/$id.log)"
        rm -f "$WORK/$id.json"
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$group" "$file" "$(fsize "$file")" "$label" >>"$MANIFEST"
}

B=$(q "$BIN")
# cmds_for KIND: "label<TAB>command" lines; @F@ in the command is the dump
cmds_for() {
    local t
    printf '%s\t%s\n' "cat < f > /dev/null" "cat < @F@ > /dev/null"
    printf '%s\t%s\n' "dumpfix fix --quiet < f > /dev/null" "$B fix --quiet < @F@ > /dev/null"
    if [ "$1" = mysql ]; then t=liferay-mysql; else t=liferay-postgresql; fi
    printf '%s\t%s\n' "dumpfix fix --quiet --target $t < f > /dev/null" "$B fix --quiet --target $t < @F@ > /dev/null"
    printf '%s\t%s\n' "dumpfix check --quiet --target $t < f > /dev/null" "$B check --quiet --target $t < @F@ > /dev/null"
    if [ "$1" = mysql ]; then
        t=liferay-postgresql
        printf '%s\t%s\n' "dumpfix check --quiet --target $t < f > /dev/null" "$B check --quiet --target $t < @F@ > /dev/null"
        printf '%s\t%s\n' "dumpfix convert --quiet --to postgresql < f > /dev/null" "$B convert --quiet --to postgresql < @F@ > /dev/null"
    fi
}

for s in $SIZES; do
    r=$RUNS; [ "$s" -ge 2048 ] && r=$RUNS_BIG
    for kind in mysql pg; do
        f=$OUTDIR/scale-$s/$kind.sql
        F=$(q "$f")
        log "==> scale-$s/$kind.sql ($(awk -v b="$(fsize "$f")" 'BEGIN{printf "%.0f", b/1048576}') MiB, $r runs)"
        cat "$f" >/dev/null  # page cache
        while IFS=$'\t' read -r label cmd; do
            run "scale-$s" "$f" "$r" "$label" "${cmd//@F@/$F}"
        done < <(cmds_for "$kind")
    done
done

# ------------------------------------------------ one big INSERT vs many ---
BIG_NOTE=""
if [ "${SKIP_BIG:-0}" != 1 ]; then
    BIG=${BIG_INSERT:-$OUTDIR/big-insert.sql}
    if [ ! -s "$BIG" ]; then
        BIG=$OUTDIR/big-insert.sql
        log "==> gen-big-insert.py ${BIG_INSERT_MB:-1024} > $BIG"
        python3 "$ROOT/benches/gen-big-insert.py" "${BIG_INSERT_MB:-1024}" >"$BIG.tmp" && mv "$BIG.tmp" "$BIG"
    fi
    MANY=${MANY:-$OUTDIR/mysql.sql}
    if [ ! -s "$MANY" ]; then
        for s in $SIZES; do MANY=$OUTDIR/scale-$s/mysql.sql; done
    fi
    r=$RUNS; [ "$(fsize "$BIG")" -ge $((2048 * MIB)) ] && r=$RUNS_BIG
    for f in "$BIG" "$MANY"; do
        F=$(q "$f")
        log "==> big INSERT vs many: $f"
        cat "$f" >/dev/null
        run big "$f" "$r" "dumpfix fix --quiet < f > /dev/null" "$B fix --quiet < $F > /dev/null"
        run big "$f" "$r" "dumpfix check --quiet --target liferay-postgresql < f > /dev/null" "$B check --quiet --target liferay-postgresql < $F > /dev/null"
        run big "$f" "$r" "dumpfix convert --quiet --to postgresql < f > /dev/null" "$B convert --quiet --to postgresql < $F > /dev/null"
    done
    # How many INSERT statements and rows each holds (the point of the comparison).
    for f in "$BIG" "$MANY"; do
        # shellcheck disable=SC2094 # $f is only read
        "$BIN" stats --quiet --format json <"$f" 2>/dev/null | python3 -c '
import json, sys
s = json.load(sys.stdin)
n = s["kinds"].get("INSERT", 0)
print("%s\t%d INSERT statement%s, %d rows" % (sys.argv[1], n, "" if n == 1 else "s", sum(t["rows"] for t in s["tables"])))' "$f" >>"$WORK/inserts.tsv"
    done
else
    BIG_NOTE="skipped (SKIP_BIG=1)"
fi

# -------------------------------------------------------------- report ---
cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*:[[:space:]]*//')
mem=$(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
ver() { "$@" 2>&1 | head -n1; }
say "# dumpfix scaling: time and peak memory against input size"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $mem RAM, $(uname -sr); load average $LOAD0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
say "- dumpfix: $(ver "$BIN" --version) ($BIN, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted src changes'))"
say "- dumps: benches/make-dumps.sh OUTDIR/scale-N N (mysqldump / pg_dump of the same Liferay-like tables); all commands read stdin (no mmap), page cache warm"
say "- runs: best of $RUNS (sizes >= 2048 MiB: $RUNS_BIG) with $(ver hyperfine --version); peak RSS = GNU time %M, the largest of the runs; exit 1 = findings / convert notes"
say ""
python3 - "$MANIFEST" "$WORK" "${BIG_NOTE}" >>"$REPORT" <<'PY'
import json, os, sys
manifest, work, big_note = sys.argv[1], sys.argv[2], sys.argv[3]
MiB, GiB = 1 << 20, 1 << 30
rows = []
for line in open(manifest):
    if not line.strip():
        continue
    i, group, path, size, label = line.rstrip("\n").split("\t")
    size = int(size)
    best = mean = None
    p = os.path.join(work, i + ".json")
    if os.path.exists(p):
        r = json.load(open(p))["results"][0]
        best, mean = min(r["times"]), r["mean"]
    rss = []
    if os.path.exists(os.path.join(work, i + ".rss")):
        for l in open(os.path.join(work, i + ".rss")):
            l = l.strip()
            if l.isdigit():
                rss.append(int(l) / 1024)
    rcs = sorted({l.strip() for l in open(os.path.join(work, i + ".rc"))}) if os.path.exists(os.path.join(work, i + ".rc")) else []
    rows.append(dict(group=group, path=path, file=os.path.basename(path), size=size, label=label,
                     best=best, mean=mean, rss=max(rss) if rss else None, rc=",".join(rcs) or "?"))

def f(x, fmt):
    return fmt % x if x is not None else "FAIL"

def table(rs):
    print("| dump | MiB | command | best s | mean s | MiB/s | s per GiB | peak RSS MiB | exit |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---|")
    last = None
    for r in rs:
        mib = r["size"] / MiB
        name = r["file"] if r["path"] != last else ""
        last = r["path"]
        tput = mib / r["best"] if r["best"] else None
        spg = r["best"] / (r["size"] / GiB) if r["best"] else None
        print("| %s | %s | `%s` | %s | %s | %s | %s | %s | %s |" % (
            name, "%.0f" % mib if name else "", r["label"], f(r["best"], "%.3f"), f(r["mean"], "%.3f"),
            f(tput, "%.0f"), f(spg, "%.3f"), f(r["rss"], "%.1f"), r["rc"]))
    print()

scale = [r for r in rows if r["group"].startswith("scale-")]
sizes = sorted({int(r["group"][6:]) for r in scale})
for s in sizes:
    print("## %d MiB dumps" % s)
    print()
    table([r for r in scale if r["group"] == "scale-%d" % s])

if len(sizes) > 1:
    print("## Linearity and memory across sizes")
    print()
    print("Seconds per GiB of input (constant = linear time) and peak RSS MiB (flat = memory independent of size).")
    print("Spread = largest / smallest s per GiB.")
    print()
    keys = []
    for r in scale:
        k = (r["file"], r["label"])
        if k not in keys:
            keys.append(k)
    print("| dump | command | " + " | ".join("s/GiB @%d" % s for s in sizes) + " | spread | "
          + " | ".join("RSS @%d" % s for s in sizes) + " |")
    print("|---|---|" + "---:|" * (2 * len(sizes) + 1))
    for fn, label in keys:
        spg, rss = [], []
        for s in sizes:
            m = [r for r in scale if r["group"] == "scale-%d" % s and r["file"] == fn and r["label"] == label]
            r = m[0] if m else None
            spg.append(r["best"] / (r["size"] / GiB) if r and r["best"] else None)
            rss.append(r["rss"] if r else None)
        ok = [x for x in spg if x]
        spread = max(ok) / min(ok) if len(ok) > 1 else None
        print("| %s | `%s` | %s | %s | %s |" % (fn, label, " | ".join(f(x, "%.3f") for x in spg),
              f(spread, "%.2f"), " | ".join(f(x, "%.1f") for x in rss)))
    print()

big = [r for r in rows if r["group"] == "big"]
print("## One big INSERT against many small ones")
print()
if big_note:
    print(big_note)
    print()
elif big:
    ins = {}
    p = os.path.join(work, "inserts.tsv")
    if os.path.exists(p):
        for l in open(p):
            a, b = l.rstrip("\n").split("\t")
            ins[a] = b
    for path in dict.fromkeys(r["path"] for r in big):
        print("- `%s`: %.0f MiB, %s" % (path, next(r["size"] for r in big if r["path"] == path) / MiB, ins.get(path, "?")))
    print()
    table(big)
PY
mv "$REPORT" "$OUTDIR/scaling.md"
cat "$OUTDIR/scaling.md"
log "report: $OUTDIR/scaling.md (raw: $WORK)"
