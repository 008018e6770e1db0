#!/usr/bin/env bash
# Regenerate the shell completions and the manual page in dist/ from the CLI
# definition (tests/dist.rs fails when they are out of date).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/dumpfix
mkdir -p dist/completions
"$bin" completions bash >dist/completions/dumpfix.bash
"$bin" completions zsh >dist/completions/_dumpfix
"$bin" completions fish >dist/completions/dumpfix.fish
"$bin" completions powershell >dist/completions/_dumpfix.ps1
"$bin" man >dist/dumpfix.1
