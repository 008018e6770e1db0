//! INSERT tuples through the splitter and the row editor (boolean and
//! timestamptz → UTC rewrites), in both dialects.
//!
//! The body is `dumpfix_fuzz::insert_tuples::run` (`fuzz/src/insert_tuples.rs`), so that the main
//! crate's `tests/fuzz_smoke.rs` runs it on stable Rust over the seed inputs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dumpfix_fuzz::insert_tuples::run(data));
