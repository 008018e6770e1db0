#!/usr/bin/env bash
# goals.sh [OUTDIR]
#
# Issue 21's goals, every job on every MySQL benchmark dump, in one hyperfine run per
# dump beside the reference tools (so the ratios are of one run): `cat`, `pigz -6 -p2`
# and `zstd -3 -T2` (compressing the dump to /dev/null), then `dumpfix fix`
# (pass-through), `convert --to postgresql`, `check --target liferay-postgresql` and
# `check --target liferay-mysql`, each reading the file and writing /dev/null.
# Dumps: OUTDIR/{mysql,escape,escape-hex,liferay-mysql,big-insert}.sql, whichever
# exist (benches/make-dumps.sh, benches/make-liferay-dumps.sh); big-insert.sql (one
# 1 GiB INSERT) gets `cat` and the pass-through only.
# Prints a markdown table: median wall time, MB/s (10^6 bytes of input a second), and
# the job's speed as a multiple of pigz's and zstd's; goals: pass-through and `check`
# against its own dialect >= 1000 MB/s, `convert` and `check` against PostgreSQL
# >= 500 MB/s. Env: DUMPFIX (default target/release/dumpfix), RUNS (default 5).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-$ROOT/bench-data}
BIN=${DUMPFIX:-$ROOT/target/release/dumpfix}
RUNS=${RUNS:-5}
for t in hyperfine pigz zstd python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "error: '$t' not found in PATH" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "error: $BIN missing (cargo build --release)" >&2; exit 1; }
JSON=$(mktemp -d)
trap 'rm -rf "$JSON"' EXIT

echo "dumpfix $("$BIN" --version | cut -d' ' -f2) ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(date -u +%F)"
echo
echo "| dump | job | median | MB/s | × pigz | × zstd | goal |"
echo "|---|---|---:|---:|---:|---:|---:|"
for name in mysql escape escape-hex liferay-mysql big-insert; do
    f=$OUTDIR/$name.sql
    [ -f "$f" ] || continue
    cmds=(-n cat "cat $f"
        -n pigz "pigz -6 -p2 -c $f"
        -n zstd "zstd -q -3 -T2 -c $f"
        -n "fix (pass-through)" "$BIN fix --quiet $f -o /dev/null")
    if [ "$name" != big-insert ]; then
        cmds+=(-n "convert --to postgresql" "$BIN convert --to postgresql --quiet $f -o /dev/null"
            -n "check --target liferay-postgresql" "$BIN check --target liferay-postgresql --quiet $f"
            -n "check --target liferay-mysql" "$BIN check --target liferay-mysql --quiet $f")
    fi
    # check exits 1 on findings: -i keeps the run (a crash shows as a missing line).
    # --prepare reads the dump before every run: the development VM reclaims page
    # cache left cold for a few seconds (DAMON pageout), and pigz's runs take 30 s
    hyperfine -N -i --style=none --runs "$RUNS" --warmup 1 --prepare "cat $f" --export-json "$JSON/$name.json" "${cmds[@]}" >/dev/null 2>"$JSON/$name.log" || { cat "$JSON/$name.log" >&2; exit 1; }
    python3 - "$JSON/$name.json" "$name" "$(stat -c %s "$f")" <<'EOF'
import json, statistics, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
name, size = sys.argv[2], int(sys.argv[3])
med = {k: statistics.median(r["times"]) for k, r in res.items()}
goal = {"fix (pass-through)": 1000, "check --target liferay-mysql": 1000,
        "convert --to postgresql": 500, "check --target liferay-postgresql": 500}
first = True
for job, t in med.items():
    mbs = size / t / 1e6
    g = goal.get(job)
    mark = "" if g is None else ("met" if mbs >= g else "**missed**") + f" (≥ {g})"
    ratio = lambda ref: f"{med[ref] / t:.2f}" if ref in med and job not in ("cat",) else ""
    label = f"{name}.sql ({size / 1e6:.0f} MB)" if first else ""
    first = False
    print(f"| {label} | {job} | {t * 1000:.0f} ms | {mbs:.0f} | {ratio('pigz')} | {ratio('zstd')} | {mark} |")
EOF
done
