//! The MySQL literal → PostgreSQL COPY field converter (`convert::values::to_copy`),
//! on every column kind.
//!
//! The body is `dumpfix_fuzz::convert_value::run` (`fuzz/src/convert_value.rs`), so that the main
//! crate's `tests/fuzz_smoke.rs` runs it on stable Rust over the seed inputs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dumpfix_fuzz::convert_value::run(data));
