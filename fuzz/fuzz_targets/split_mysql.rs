//! The splitter on MySQL input: split → join identity, the reader path in reads of
//! varying sizes equals the slice path, small and default windows agree; no panic.
#![no_main]

use dumpfix::lex::Dialect;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dumpfix_fuzz::check_split(Dialect::Mysql, data);
});
