//! The whole `fix` path on the input bytes, as `dumpfix fix` runs it (detection,
//! splitter, rewrite engine, end-of-dump additions), and `convert --to postgresql`.
//!
//! The body is `dumpfix_fuzz::fix_path::run` (`fuzz/src/fix_path.rs`), so that the main
//! crate's `tests/fuzz_smoke.rs` runs it on stable Rust over the seed inputs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dumpfix_fuzz::fix_path::run(data));
