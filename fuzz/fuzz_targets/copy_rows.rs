//! COPY data rows through the splitter and the row editor (boolean and
//! timestamptz → UTC rewrites).
//!
//! The body is `dumpfix_fuzz::copy_rows::run` (`fuzz/src/copy_rows.rs`), so that the main
//! crate's `tests/fuzz_smoke.rs` runs it on stable Rust over the seed inputs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dumpfix_fuzz::copy_rows::run(data));
