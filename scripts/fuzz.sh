#!/usr/bin/env bash
# Fuzz dumpfix with cargo fuzz (libFuzzer), one target after another, one process each.
#
#   bash scripts/fuzz.sh                 # every target, FUZZ_SECONDS each
#   FUZZ_SECONDS=60 bash scripts/fuzz.sh split_mysql fix_path
#   FUZZ_RUNS=1000000 bash scripts/fuzz.sh convert_value
#
# Environment:
#   FUZZ_SECONDS    seconds per target (default: 540 for convert_value, 240 for
#                   fix_path, 270 for the others, 31 minutes in all: about 10 million
#                   executions on one core of a 2-core machine; see fuzz/README.md)
#   FUZZ_SECONDS_<target>  seconds for one target (e.g. FUZZ_SECONDS_fix_path=60)
#   FUZZ_RUNS       run count per target instead of a time (-runs=N)
#   FUZZ_SANITIZER  cargo fuzz --sanitizer (default none: the crate is safe Rust, the
#                   targets check panics and invariants; `address` halves the speed)
#   FUZZ_ARGS       extra libFuzzer arguments
#
# Builds the seed corpora (fuzz/make_seeds.py: ../shared/corpus and corpus/ cut into
# chunks in fuzz/corpus/<target>/, not kept in git), builds the targets with debug
# assertions and overflow checks, runs each target single-process (no -jobs/-workers:
# the machine is shared), prints executions, coverage (libFuzzer's final `cov:` and
# `ft:`), time and crashes per target and the total, and exits 1 if any target
# crashed (the input is in fuzz/artifacts/<target>/; logs in fuzz/logs/).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

all=(split_mysql split_postgres insert_tuples copy_rows convert_value fix_path)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

runs="${FUZZ_RUNS:-}"
sanitizer="${FUZZ_SANITIZER:-none}"
extra="${FUZZ_ARGS:-}"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: needs cargo-fuzz and a nightly toolchain:" >&2
    echo "  rustup toolchain install nightly && cargo install cargo-fuzz" >&2
    exit 2
fi

python3 fuzz/make_seeds.py
mkdir -p fuzz/logs
# one compile job by default: the machine is shared (CARGO_BUILD_JOBS to change it)
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
cargo +nightly fuzz build -s "$sanitizer"

max_len() {
    case "$1" in
        convert_value) echo 512 ;;
        *) echo 4096 ;; # > the 1–4 KiB windows the targets use, so fragments occur
    esac
}

seconds_for() {
    local var="FUZZ_SECONDS_$1" default=270
    case "$1" in
        convert_value) default=540 ;;
        fix_path) default=240 ;;
    esac
    echo "${!var:-${FUZZ_SECONDS:-$default}}"
}

printf '\n%-16s %12s %8s %8s %8s %8s\n' target execs cov ft seconds crashes
total=0
failed=0
for t in "${targets[@]}"; do
    log="fuzz/logs/$t.log"
    mkdir -p "fuzz/artifacts/$t"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    limit=(-max_total_time="$(seconds_for "$t")")
    [ -n "$runs" ] && limit=(-runs="$runs")
    start=$(date +%s)
    set +e
    # shellcheck disable=SC2086
    cargo +nightly fuzz run -s "$sanitizer" "$t" "fuzz/corpus/$t" -- \
        "${limit[@]}" -max_len="$(max_len "$t")" -dict=fuzz/sql.dict \
        -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 $extra >"$log" 2>&1
    rc=$?
    set -e
    secs=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    # the last status line (`#N DONE cov: C ft: F …`, or the last before a crash)
    cov=$(grep -oE '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 |
        sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+)/\1 \2/' || true)
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    crashes=$(( after - before ))
    if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        crashes=1 # failed without an artifact (build error, libFuzzer error): see the log
    fi
    [ "$crashes" -ne 0 ] && failed=1
    execs=${execs:-0}
    total=$(( total + execs ))
    read -r c f <<<"${cov:-? ?}"
    printf '%-16s %12s %8s %8s %8s %8s\n' "$t" "$execs" "$c" "$f" "$secs" "$crashes"
    if [ "$crashes" -ne 0 ]; then
        echo "  $t failed (exit $rc): see $log and fuzz/artifacts/$t/" >&2
        grep -m3 -E "panicked at|ERROR: libFuzzer|SUMMARY" "$log" | sed 's/^/  /' >&2 || true
    fi
done
printf '%-16s %12s\n' total "$total"
exit "$failed"
