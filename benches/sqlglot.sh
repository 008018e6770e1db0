#!/usr/bin/env bash
# sqlglot.sh [OUTDIR]
#
# MySQL → PostgreSQL translation speed: sqlglot's transpile(read="mysql",
# write="postgres") against `dumpfix convert --to postgresql` and `dumpfix check`, in
# MiB/s of mysqldump input.
#
# sqlglot cannot take a whole 571 MiB dump in reasonable time, so it gets slices: the
# first N MiB (SLICES, default "1 4 16") of each INPUT, cut after the last statement or
# INSERT row that ends in it (mysqldump escapes newlines inside strings, so a line ending
# in ';' ends a statement and one ending in '),' a row). The harness splits a slice into statements before the clock starts, then
# calls sqlglot.transpile on each statement and counts those it cannot parse; time is
# the transpile loop only (no start-up, no import, no splitting), with a limit of LIMIT
# seconds per slice (default 300): a slice that hits it is reported with the part done,
# and the larger slices are skipped for that sqlglot build. Two builds of sqlglot
# SQLGLOT_VERSION (default 30.30.0) are measured, each in its own venv made here when
# missing: pure Python (VENV, default /opt/sqlglot-venv) and with the mypyc-compiled
# sqlglotc extensions (VENV_C, default /opt/sqlglotc-venv; SQLGLOT_C=0 skips it).
# dumpfix reads the same slices and the whole INPUT from stdin, timed with hyperfine
# (best of RUNS, default 3).
#
# INPUTS (default: bench-data/mysql.sql and bench-data/liferay-mysql.sql, those that
# exist; make them with benches/make-dumps.sh and benches/make-liferay-dumps.sh).
# Other env: DUMPFIX_BIN, SKIP_BUILD=1, PYTHON (to make the venvs; default
# /usr/bin/python3, which needs Debian's python3-venv: apt-get install -y python3-venv).
# Writes OUTDIR/sqlglot.md (also to stdout; OUTDIR default bench-data); slices, JSON
# and logs in OUTDIR/sqlglot/.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-$ROOT/bench-data}
SLICES=${SLICES:-1 4 16}
LIMIT=${LIMIT:-300}
RUNS=${RUNS:-3}
SQLGLOT_VERSION=${SQLGLOT_VERSION:-30.30.0}
VENV=${VENV:-/opt/sqlglot-venv}
VENV_C=${VENV_C:-/opt/sqlglotc-venv}
SQLGLOT_C=${SQLGLOT_C:-1}
PYTHON=${PYTHON:-/usr/bin/python3}
BIN=${DUMPFIX_BIN:-$ROOT/target/release/dumpfix}
GNU_TIME=/usr/bin/time

for s in $SLICES; do
    case $s in '' | *[!0-9]*) echo "error: SLICES must be positive integers (MiB), not '$s'" >&2; exit 2 ;; esac
done
for t in hyperfine python3 "$PYTHON"; do
    command -v "$t" >/dev/null 2>&1 || { echo "error: '$t' not found" >&2; exit 1; }
done
[ -x "$GNU_TIME" ] || { echo "error: GNU time ($GNU_TIME) missing: apt-get install -y time" >&2; exit 1; }
if [ -z "${INPUTS:-}" ]; then
    INPUTS=""
    for f in "$ROOT/bench-data/mysql.sql" "$ROOT/bench-data/liferay-mysql.sql"; do
        [ -s "$f" ] && INPUTS="$INPUTS $f"
    done
fi
[ -n "${INPUTS// /}" ] || { echo "error: no input: run benches/make-dumps.sh (or set INPUTS)" >&2; exit 1; }

mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
WORK=$OUTDIR/sqlglot
rm -rf "$WORK"; mkdir -p "$WORK"
REPORT=$WORK/sqlglot.md
: >"$REPORT"
RESULTS=$WORK/results.tsv
: >"$RESULTS"
log() { printf '%s\n' "$*" >&2; }
say() { printf '%s\n' "$*" >>"$REPORT"; }
q() { printf '%q' "$1"; }
fsize() { if [ -e "$1" ]; then stat -c %s "$1"; else echo 0; fi; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "==> cargo build --release"
    (cd "$ROOT" && cargo build --release --quiet) >"$WORK/cargo-build.log" 2>&1 ||
        { tail -n 20 "$WORK/cargo-build.log" >&2; log "error: cargo build --release failed"; exit 1; }
fi
[ -x "$BIN" ] || { log "error: $BIN does not exist (cargo build --release)"; exit 1; }

# ----------------------------------------------------------------- venvs ---
# venv DIR PACKAGES...: DIR has sqlglot SQLGLOT_VERSION (and the packages) or is made
venv() {
    local dir=$1; shift
    if [ -x "$dir/bin/python" ] && "$dir/bin/python" -c "
import importlib.metadata as m, sys
sys.exit(0 if all(m.version(p.split('==')[0]) == p.split('==')[1] for p in sys.argv[1:]) else 1)" "$@" 2>/dev/null; then
        return 0
    fi
    log "==> venv $dir: pip install $*"
    if [ ! -x "$dir/bin/python" ]; then
        "$PYTHON" -m venv "$dir" >"$WORK/venv.log" 2>&1 || {
            cat "$WORK/venv.log" >&2
            log "error: '$PYTHON -m venv $dir' failed (Debian: apt-get install -y python3-venv)"; return 1; }
    fi
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$@" >>"$WORK/venv.log" 2>&1 ||
        { tail -n 5 "$WORK/venv.log" >&2; log "error: pip install $* failed"; return 1; }
}
BUILDS=()
venv "$VENV" "sqlglot==$SQLGLOT_VERSION" || exit 1
BUILDS+=("pure|$VENV")
if [ "$SQLGLOT_C" = 1 ]; then
    if venv "$VENV_C" "sqlglot==$SQLGLOT_VERSION" "sqlglotc==$SQLGLOT_VERSION"; then
        BUILDS+=("sqlglotc|$VENV_C")
    else
        log "warning: sqlglotc not installed; only pure-Python sqlglot is measured"
    fi
fi

# --------------------------------------------------------------- harness ---
cat >"$WORK/transpile.py" <<'PY'
"""Time sqlglot.transpile(read="mysql", write="postgres") over a mysqldump, statement by
statement. argv: dump, time limit (s). Prints one JSON object."""
import json, sys, time

import sqlglot
from sqlglot.errors import SqlglotError

path, limit = sys.argv[1], float(sys.argv[2])
text = open(path, "rb").read().decode("utf-8", errors="surrogateescape")
# mysqldump writes no raw newline inside a string: a line ending in ';' ends a statement
stmts, cur = [], []
for line in text.splitlines(keepends=True):
    cur.append(line)
    if line.rstrip("\r\n").endswith(";"):
        stmts.append("".join(cur))
        cur = []
if "".join(cur).strip():
    stmts.append("".join(cur))
total = sum(len(s.encode("utf-8", errors="surrogateescape")) for s in stmts)
ok = failed = done_bytes = out_chars = 0
first_error = None
partial = False
t0 = time.perf_counter()
for s in stmts:
    try:
        for o in sqlglot.transpile(s, read="mysql", write="postgres"):
            out_chars += len(o)
        ok += 1
    except (SqlglotError, RecursionError, ValueError) as e:
        failed += 1
        if first_error is None:
            first_error = "%s: %s" % (type(e).__name__, str(e).splitlines()[0][:160] if str(e) else "")
    done_bytes += len(s.encode("utf-8", errors="surrogateescape"))
    if time.perf_counter() - t0 > limit:
        partial = True
        break
dt = time.perf_counter() - t0
print(json.dumps(dict(version=sqlglot.__version__, compiled=sqlglot.parser.__file__.endswith(".so"),
                      bytes=total, done_bytes=done_bytes, statements=len(stmts), ok=ok, failed=failed,
                      seconds=dt, partial=partial, first_error=first_error, out_chars=out_chars)))
PY

# ---------------------------------------------------------------- slices ---
# slice IN MIB OUT: the first MIB MiB of IN, cut after the last complete statement or,
# when that is later, after the last complete row of an INSERT (MariaDB's mysqldump
# writes one row per line, "),\n(": that row's comma becomes the statement's ';')
slice() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
src, mib, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = open(src, "rb").read(mib << 20)
stmt, row = data.rfind(b";\n"), data.rfind(b"),\n(")
with open(out, "wb") as f:
    if row > stmt:
        f.write(data[:row + 1] + b";\n")
    else:
        f.write(data[:stmt + 2] if stmt >= 0 else data)
PY
}

# dumpfix_time ID FILE: hyperfine of convert and check on FILE from stdin (exit <= 1 ok)
dumpfix_time() {
    local id=$1 f=$2 F B
    F=$(q "$f"); B=$(q "$BIN")
    if ! hyperfine --shell=bash --style=none --runs "$RUNS" --warmup 1 -i --export-json "$WORK/$id.json" \
        -n "dumpfix convert --to postgresql" "$B convert --quiet --to postgresql < $F > /dev/null; [ \$? -le 1 ]" \
        -n "dumpfix check --target liferay-postgresql" "$B check --quiet --target liferay-postgresql < $F > /dev/null; [ \$? -le 1 ]" \
        -n "dumpfix check --target liferay-mysql" "$B check --quiet --target liferay-mysql < $F > /dev/null; [ \$? -le 1 ]" \
        >"$WORK/$id.log" 2>&1; then
        log "    dumpfix FAILED (see $WORK/$id.log)"; rm -f "$WORK/$id.json"
    fi
}

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
for input in $INPUTS; do
    name=$(basename "$input" .sql)
    declare -A stopped=()
    for mib in $SLICES; do
        sl=$WORK/$name-$mib.sql
        slice "$input" "$mib" "$sl"
        log "==> $name: first $mib MiB ($(fsize "$sl") bytes)"
        for b in "${BUILDS[@]}"; do
            build=${b%%|*}; dir=${b#*|}
            id=$name-$mib-$build
            if [ -n "${stopped[$build]:-}" ]; then
                log "    sqlglot ($build): skipped (a smaller slice hit the ${LIMIT} s limit)"
                printf '%s\t%s\t%s\tsqlglot-%s\tskipped\n' "$input" "$mib" "$(fsize "$sl")" "$build" >>"$RESULTS"
                continue
            fi
            log "    sqlglot ($build)"
            "$GNU_TIME" -f %M -o "$WORK/$id.rss" "$dir/bin/python" "$WORK/transpile.py" "$sl" "$LIMIT" \
                >"$WORK/$id.out" 2>"$WORK/$id.err"
            if grep -q '"partial": true' "$WORK/$id.out"; then stopped[$build]=1; fi
            printf '%s\t%s\t%s\tsqlglot-%s\t%s\n' "$input" "$mib" "$(fsize "$sl")" "$build" "$id" >>"$RESULTS"
        done
        log "    dumpfix"
        dumpfix_time "$name-$mib-dumpfix" "$sl"
        printf '%s\t%s\t%s\tdumpfix\t%s\n' "$input" "$mib" "$(fsize "$sl")" "$name-$mib-dumpfix" >>"$RESULTS"
        rm -f "$sl"
    done
    unset stopped
    log "==> $name: whole file, dumpfix"
    dumpfix_time "$name-all-dumpfix" "$input"
    printf '%s\t%s\t%s\tdumpfix\t%s\n' "$input" all "$(fsize "$input")" "$name-all-dumpfix" >>"$RESULTS"
done

# ---------------------------------------------------------------- report ---
cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*:[[:space:]]*//')
mem=$(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
say "# MySQL → PostgreSQL translation speed: sqlglot against dumpfix"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $mem RAM, $(uname -sr); load average $LOAD0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
say "- dumpfix: $("$BIN" --version) ($BIN, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')); reads stdin; best of $RUNS (hyperfine, warm-up 1)"
say "- sqlglot $SQLGLOT_VERSION on $("$VENV/bin/python" --version 2>&1): \`sqlglot.transpile(stmt, read=\"mysql\", write=\"postgres\")\` per statement, one run, time of the transpile loop only (statements split beforehand; no start-up or import), limit $LIMIT s per slice; builds: ${BUILDS[*]%%|*} (sqlglotc = mypyc-compiled parser)"
say "- slices: the first N MiB of each dump, cut after the last complete statement or INSERT row (the INSERT closed with ';')"
say ""
python3 - "$RESULTS" "$WORK" >>"$REPORT" <<'PY'
import json, os, sys
results, work = sys.argv[1], sys.argv[2]
MiB = 1 << 20
rows = [l.rstrip("\n").split("\t") for l in open(results) if l.strip()]
def rss(i):
    p = os.path.join(work, i + ".rss")
    if not os.path.exists(p):
        return None
    v = [l.strip() for l in open(p) if l.strip().isdigit()]
    return int(v[-1]) / 1024 if v else None
cur = None
print("| dump | slice | MiB | tool | seconds | MiB/s | notes |")
print("|---|---|---:|---|---:|---:|---|")
rates = {}
for inp, mib, size, tool, i in rows:
    name = os.path.basename(inp)
    first = name if name != cur else ""
    cur = name
    sl = "whole file" if mib == "all" else "first %s MiB" % mib
    size_mib = int(size) / MiB
    if tool.startswith("sqlglot"):
        if i == "skipped":
            print("| %s | %s | %.2f | %s | — | — | skipped: a smaller slice hit the time limit |" % (first, sl, size_mib, tool))
            continue
        try:
            r = json.loads(open(os.path.join(work, i + ".out")).read())
        except Exception:
            err = open(os.path.join(work, i + ".err")).read().strip().splitlines()
            print("| %s | %s | %.2f | %s | FAIL | | %s |" % (first, sl, size_mib, tool, (err[-1] if err else "?")[:160].replace("|", "\\|")))
            continue
        done = r["done_bytes"] / MiB
        rate = done / r["seconds"] if r["seconds"] else 0
        rates.setdefault((name, tool), []).append(rate)
        note = "%d statements: %d transpiled, %d failed" % (r["statements"], r["ok"], r["failed"])
        if r["partial"]:
            note += "; **stopped at the time limit after %.2f MiB**" % done
        if r["first_error"]:
            note += "; first error: %s" % r["first_error"].replace("|", "\\|")
        m = rss(i)
        if m:
            note += "; peak RSS %.0f MiB" % m
        print("| %s | %s | %.2f | %s | %.1f | %.3f | %s |" % (first, sl, size_mib, tool, r["seconds"], rate, note))
    else:
        p = os.path.join(work, i + ".json")
        if not os.path.exists(p):
            print("| %s | %s | %.2f | dumpfix | FAIL | | see %s.log |" % (first, sl, size_mib, i))
            continue
        for k, res in enumerate(json.load(open(p))["results"]):
            best = min(res["times"])
            bad = any(c for c in res.get("exit_codes", []) if c)
            print("| %s | %s | %.2f | `%s` | %.3f | %.0f | %s |" % (first if k == 0 else "", sl if k == 0 else "", size_mib,
                  res["command"], best, size_mib / best, "**FAILED (exit > 1)**" if bad else ""))
            first = ""
print()
for (name, tool), rs in rates.items():
    print("- %s, %s: %s MiB/s" % (name, tool, " → ".join("%.3f" % x for x in rs)))
print()
print("On slices of a few MiB dumpfix's time is mostly process start-up (a few ms); its rate on the whole file is the one")
print("to compare.")
print()
print("dumpfix exit 0 or 1 counts as a run: check exits 1 on findings (a slice has no `-- Dump completed` line: D001),")
print("convert when it lists what it did not convert exactly. sqlglot's failures are statements it raised an error on")
print("(counted, not retried).")
PY
mv "$REPORT" "$OUTDIR/sqlglot.md"
cat "$OUTDIR/sqlglot.md"
log "report: $OUTDIR/sqlglot.md (raw: $WORK)"
