//! The whole `fix` path on the input bytes, as `dumpfix fix` runs it (detection,
//! splitter, rewrite engine, end-of-dump additions), and `convert --to postgresql`.
//!
//! * `fix` without a target: the pieces written out are the input, byte for byte;
//! * `fix --target liferay-postgresql` (input split as PostgreSQL) and
//!   `--target liferay-mysql` (split as MySQL), with the default window and with a
//!   small one that fragments long statements and rows (`fix` or `check`, the same
//!   rules with findings only): no panic; and with the default window `fix` is
//!   idempotent — fixing its own output changes nothing (also when the input ends
//!   before its last statement's delimiter: what `fix` adds at the end of the dump
//!   then ends that statement first);
//! * `convert --to postgresql` (input split as MySQL): no panic.

use super::{builtin_catalog, engine, Rng};
use dumpfix::convert::Converter;
use dumpfix::lex::driver::{split_slice, SplitOptions, MIN_WINDOW};
use dumpfix::lex::{Dialect, Lexer};
use dumpfix::rules::context::Mode;

fn opts(window: usize) -> SplitOptions {
    SplitOptions {
        window,
        ..SplitOptions::default()
    }
}

/// `fix`/`check` for `target` on `data`: the output, or None when the run stops with
/// an error (bad input, or a rule's fatal problem).
fn fix_or_check(
    target: &str,
    mode: Mode,
    dialect: Dialect,
    data: &[u8],
    window: usize,
) -> Option<Vec<u8>> {
    let mut e = engine(target, mode, dialect, builtin_catalog());
    let mut out = Vec::new();
    let mut lx = Lexer::new(dialect);
    let r = {
        let mut sink = |b: &[u8]| {
            out.extend_from_slice(b);
            Ok(())
        };
        split_slice(&mut lx, data, &opts(window), "fuzz", |p| {
            e.piece(&p, &mut sink)
        })
        .and_then(|()| e.finish(&mut sink))
    };
    let _ = e.into_findings();
    r.ok().map(|()| out)
}

/// One input (see the module's documentation); panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let mut rng = Rng::from_data(data, 3);
    let small = MIN_WINDOW + rng.size(3 * MIN_WINDOW) - 1;
    let big = SplitOptions::default().window;

    // fix without a target: the dump is copied byte for byte
    let dialect = match dumpfix::detect::detect(data, None) {
        Ok(d) => d.dialect,
        Err(_) => Dialect::Mysql,
    };
    let mut copy = Vec::new();
    let mut lx = Lexer::new(dialect);
    let r = split_slice(&mut lx, data, &opts(big), "fuzz", |p| {
        copy.extend_from_slice(p.bytes);
        Ok(())
    });
    if r.is_ok() {
        assert!(copy == data, "fix without a target changed the dump");
    }

    for (target, dialect) in [
        ("liferay-postgresql", Dialect::Postgres),
        ("liferay-mysql", Dialect::Mysql),
    ] {
        let mode = if rng.next() & 1 == 0 {
            Mode::Fix
        } else {
            Mode::Check
        };
        let _ = fix_or_check(target, mode, dialect, data, small);
        if let Some(once) = fix_or_check(target, Mode::Fix, dialect, data, big) {
            if let Some(twice) = fix_or_check(target, Mode::Fix, dialect, &once, big) {
                assert!(
                    once == twice,
                    "{target}: fix is not idempotent\n  once: {:?}\n twice: {:?}",
                    String::from_utf8_lossy(&once),
                    String::from_utf8_lossy(&twice)
                );
            }
        }
    }

    // convert --to postgresql
    for window in [small, big] {
        let mut conv = Converter::new();
        let mut out = Vec::new();
        let mut sink = |b: &[u8]| {
            out.extend_from_slice(b);
            Ok(())
        };
        let mut lx = Lexer::new(Dialect::Mysql);
        let _ = split_slice(&mut lx, data, &opts(window), "fuzz", |p| {
            conv.piece(&p, &mut sink)
        })
        .and_then(|()| conv.finish(&mut sink));
    }
}
