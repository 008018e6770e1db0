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
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-$ROOT/bench-data}
RUNS=${RUNS:-3}
BIN=${DUMPFIX_BIN:-$ROOT/target/release/dumpfix}
GNU_TIME=/usr/bin/time

[ -d "$OUTDIR" ] || { echo "error: $OUTDIR does not exist: run benches/make-dumps.sh first" >&2; exit 1; }
OUTDIR=$(cd "$OUTDIR" && pwd)
for f in mysql.sql pg.sql mysql.sql.gz pg.sql.gz mysql.sql.zst pg.sql.zst; do
    [ -s "$OUTDIR/$f" ] || { echo "error: $OUTDIR/$f missing: run benches/make-dumps.sh first" >&2; exit 1; }
done
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

for kind in mysql pg big-insert; do
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
    for kind in mysql pg big-insert; do
        f=$OUTDIR/$kind.sql
        [ -s "$f" ] || continue
        log "==> peak RSS + cmp: $kind.sql"
        if "$GNU_TIME" -f %M -o "$JSONDIR/rss-$kind.txt" "$BIN" fix --quiet <"$f" >/dev/null 2>"$JSONDIR/rss-$kind.err"; then
            rss_s=$(awk 'END{printf "%.1f", $1/1024}' "$JSONDIR/rss-$kind.txt")
        else
            rss_s="FAIL (see $JSONDIR/rss-$kind.err)"
        fi
        if "$BIN" fix --quiet <"$f" 2>/dev/null | cmp -s - "$f"; then same=yes; else same="**NO**"; fi
        RSS_ROWS+=("| $kind.sql | $(awk -v b="$(fsize "$f")" 'BEGIN{printf "%.0f", b/1048576}') | $rss_s | $same |")
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
elif [ "$DUMPFIX_OK" != 1 ]; then
    say "_dumpfix rows missing: ${DUMPFIX_NOTE}_"
    say ""
fi

mv "$REPORT" "$OUTDIR/compare.md"
cat "$OUTDIR/compare.md"
echo "(written to $OUTDIR/compare.md)" >&2
