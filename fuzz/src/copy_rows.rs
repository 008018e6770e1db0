//! COPY data rows through the splitter and the row editor (boolean and
//! timestamptz → UTC rewrites).
//!
//! Input: two control bytes (columns and their rewrites, see
//! `columns_from` in `lib.rs`), then COPY data lines; the target puts
//! `COPY t FROM stdin;` before them for the splitter. Asserts, for every row:
//! * the output does not depend on how the row is fragmented (whole-line fast path,
//!   the splitter's fragments with a small window, random fragments), nor does
//!   whether a value is reported;
//! * editing is idempotent;
//! * the whole block through `copy_lines` (one pass, copies across line ends, short
//!   copies near the end of the run) equals its lines edited one by one, and reports
//!   the same lines;
//! * nothing panics.

use super::{check_row, columns_from, row_editor, split_mem, Rng};
use dumpfix::lex::{Dialect, Kind};

/// One input (see the module's documentation); panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let [c0, c1, rows @ ..] = data else { return };
    let xfs = columns_from([*c0, *c1]);
    let mut rng = Rng::from_data(data, 2);
    let mut ed = row_editor(&xfs, true, Dialect::Postgres);
    // the block in one pass, against its lines one by one
    let mut one_pass = Vec::new();
    let mut reported = Vec::new();
    let (lines, stop) = ed.copy_lines(rows, &mut one_pass, &mut reported, None);
    assert_eq!(stop, None);
    let mut by_line = Vec::new();
    let mut bad_lines = Vec::new();
    let mut n = 0u64;
    for line in rows.split_inclusive(|&b| b == b'\n') {
        if ed.row(line, false, false, &mut by_line).is_some() {
            bad_lines.push(n);
        }
        n += 1;
    }
    assert_eq!(lines, n, "lines counted");
    assert!(
        one_pass == by_line,
        "copy_lines differs from the rows one by one:\n  pass: {:?}\n  rows: {:?}",
        String::from_utf8_lossy(&one_pass),
        String::from_utf8_lossy(&by_line)
    );
    let reported: Vec<u64> = reported.iter().map(|&(l, _, _)| l).collect();
    assert_eq!(reported, bad_lines, "lines reported");
    // every line as a row, with its line end (the splitter never hands out a row
    // without one: input ending inside COPY data is an error)
    for line in rows.split_inclusive(|&b| b == b'\n') {
        if line.ends_with(b"\n") {
            check_row(&mut ed, &mut rng, line, None);
        } else {
            let mut l = line.to_vec();
            l.push(b'\n');
            check_row(&mut ed, &mut rng, &l, None);
        }
    }
    // the rows the splitter finds in a COPY block
    let mut sql = b"COPY t FROM stdin;\n".to_vec();
    sql.extend_from_slice(rows);
    let window = 1024 + rng.size(2048);
    let split = split_mem(Dialect::Postgres, &sql, window);
    let mut at = 0;
    let mut row: Vec<u8> = Vec::new();
    let mut lexed: Vec<u8> = Vec::new();
    let mut bad = false;
    for &(kind, len, partial, continued) in &split.pieces {
        let bytes = &split.joined[at..at + len];
        at += len;
        if kind != Kind::CopyRow {
            continue;
        }
        if !continued {
            row.clear();
            lexed.clear();
            bad = false;
        }
        row.extend_from_slice(bytes);
        bad |= ed.row(bytes, continued, partial, &mut lexed).is_some();
        if !partial {
            let r = std::mem::take(&mut row);
            let l = std::mem::take(&mut lexed);
            check_row(&mut ed, &mut rng, &r, Some((&l, bad)));
        }
    }
}
