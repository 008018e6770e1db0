//! INSERT tuples through the splitter and the row editor (boolean and
//! timestamptz → UTC rewrites), in both dialects.
//!
//! Input: two control bytes (columns and their rewrites, see
//! `columns_from` in `lib.rs`), then SQL. Asserts, for every tuple the splitter
//! hands out and for the whole remainder read as one tuple:
//! * the output does not depend on how the tuple is fragmented (the splitter's
//!   fragments with a small window, random fragments, one piece), nor does whether a
//!   value is reported;
//! * editing is idempotent: the output edited again is unchanged;
//! * nothing panics.

use super::{check_row, columns_from, row_editor, split_mem, Rng};
use dumpfix::lex::{Dialect, Kind};

/// One input (see the module's documentation); panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let [c0, c1, sql @ ..] = data else { return };
    let xfs = columns_from([*c0, *c1]);
    let mut rng = Rng::from_data(data, 1);
    for dialect in [Dialect::Mysql, Dialect::Postgres] {
        let mut ed = row_editor(&xfs, false, dialect);
        // the remainder as one tuple, whatever it is
        check_row(&mut ed, &mut rng, sql, None);
        // the tuples the splitter finds, fed as the engine feeds them
        let window = 1024 + rng.size(2048);
        let split = split_mem(dialect, sql, window);
        let mut at = 0;
        let mut tuple: Vec<u8> = Vec::new();
        let mut lexed: Vec<u8> = Vec::new();
        let mut bad = false;
        for &(kind, len, partial, continued) in &split.pieces {
            let bytes = &split.joined[at..at + len];
            at += len;
            if kind != Kind::Tuple {
                continue;
            }
            if !continued {
                tuple.clear();
                lexed.clear();
                bad = false;
            }
            tuple.extend_from_slice(bytes);
            bad |= ed.row(bytes, continued, partial, &mut lexed).is_some();
            if !partial {
                let t = std::mem::take(&mut tuple);
                let l = std::mem::take(&mut lexed);
                check_row(&mut ed, &mut rng, &t, Some((&l, bad)));
            }
        }
    }
}
