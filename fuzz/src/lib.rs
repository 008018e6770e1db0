//! The fuzz targets' bodies and the helpers they share. `fuzz_targets/<name>.rs` is
//! the libFuzzer entry of `<name>::run` (of [`check_split`] for the two split
//! targets); the main crate's `tests/fuzz_smoke.rs` includes this file and runs the
//! same bodies on stable Rust over the seed inputs, so that they are compiled and
//! run by every `cargo test`.
//!
//! Every target panics (through `assert!`) when an invariant breaks, so libFuzzer
//! records the input as a crash.
//!
//! Paths inside this library go through `super::` from the target modules, never
//! `crate::`: included in the smoke test, this file is a module, not a crate root.

pub mod convert_value;
pub mod copy_rows;
pub mod fix_path;
pub mod insert_tuples;

use std::io::Read;
use std::sync::OnceLock;

use dumpfix::catalog::Catalog;
use dumpfix::lex::driver::{self, split_reader, split_slice, SplitOptions, MIN_WINDOW};
use dumpfix::lex::{Dialect, Kind, Lexer, MAX_LOOKAHEAD};
use dumpfix::rewrite::{self, Engine};
use dumpfix::rows::{self, BadValue, RowEditor};
use dumpfix::rules::context::Mode;
use dumpfix::schema::{DumpColumn, DumpTable, ValueRewrite};
use dumpfix::targets::{self, Target};

/// A small deterministic generator (xorshift64*), seeded from the input so that the
/// read sizes, windows and fragment sizes vary with the data.
pub struct Rng(u64);

impl Rng {
    /// Seeded with the FNV-1a hash of `data` (and `salt`).
    pub fn from_data(data: &[u8], salt: u64) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
        for &b in data {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h | 1)
    }

    /// The next value.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A size in `1..=max`, small sizes more likely.
    pub fn size(&mut self, max: usize) -> usize {
        let max = max.max(1);
        let r = self.next();
        let cap = match r & 3 {
            0 => 4,
            1 => 64,
            2 => 1024,
            _ => max,
        }
        .min(max);
        1 + ((r >> 8) as usize) % cap
    }
}

/// A reader that hands out `data` in reads of varying sizes.
pub struct ChunkReader<'a> {
    data: &'a [u8],
    rng: Rng,
}

impl<'a> ChunkReader<'a> {
    /// Reads of `data` sized by `rng`.
    pub fn new(data: &'a [u8], rng: Rng) -> Self {
        ChunkReader { data, rng }
    }
}

impl Read for ChunkReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.data.is_empty() || buf.is_empty() {
            return Ok(0);
        }
        let n = self.rng.size(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// One piece as recorded: kind, length, partial, continued.
pub type Rec = (Kind, usize, bool, bool);

/// The pieces and the joined bytes of one split, and its error (as text).
pub struct Split {
    /// The pieces in order.
    pub pieces: Vec<Rec>,
    /// Their bytes, joined.
    pub joined: Vec<u8>,
    /// The error the split ended with, if any.
    pub error: Option<String>,
    /// Line ends in `joined`.
    lines: u64,
}

fn record(s: &mut Split, p: driver::PieceRef<'_>) {
    assert_eq!(p.offset, s.joined.len() as u64, "pieces must be contiguous");
    assert_eq!(p.piece.len, p.bytes.len());
    assert!(
        !p.bytes.is_empty() || p.piece.continued,
        "an empty piece must close a fragment: {:?}",
        p.piece
    );
    assert_eq!(p.line, 1 + s.lines, "line of the piece at {}", p.offset);
    s.lines += driver::count_lines(p.bytes);
    s.pieces.push((
        p.piece.kind,
        p.bytes.len(),
        p.piece.partial,
        p.piece.continued,
    ));
    s.joined.extend_from_slice(p.bytes);
}

/// Split `data` from memory.
pub fn split_mem(dialect: Dialect, data: &[u8], window: usize) -> Split {
    let mut s = Split {
        pieces: Vec::new(),
        joined: Vec::new(),
        error: None,
        lines: 0,
    };
    let opts = SplitOptions {
        window,
        ..SplitOptions::default()
    };
    let mut lx = Lexer::new(dialect);
    let r = split_slice(&mut lx, data, &opts, "fuzz", |p| {
        record(&mut s, p);
        Ok(())
    });
    s.error = r.err().map(|e| e.to_string());
    s
}

/// Split `data` through the reader path, in reads of varying sizes.
pub fn split_stream(dialect: Dialect, data: &[u8], window: usize, rng: Rng) -> Split {
    let mut s = Split {
        pieces: Vec::new(),
        joined: Vec::new(),
        error: None,
        lines: 0,
    };
    let mut rng = rng;
    let opts = SplitOptions {
        window,
        read_size: rng.size(4096),
    };
    let mut lx = Lexer::new(dialect);
    let r = split_reader(&mut lx, ChunkReader::new(data, rng), &opts, "fuzz", |p| {
        record(&mut s, p);
        Ok(())
    });
    s.error = r.err().map(|e| e.to_string());
    s
}

/// Check the fragment flags: a `partial` piece is followed by a `continued` one, and
/// a `continued` piece follows a `partial` one.
fn check_fragments(pieces: &[Rec], window: usize) {
    let mut open = false;
    for (i, &(_, len, partial, continued)) in pieces.iter().enumerate() {
        assert_eq!(continued, open, "piece {i}: continued flag");
        if partial {
            assert!(len <= window, "piece {i}: fragment larger than the window");
        }
        open = partial;
    }
}

/// The splitter invariants, for one dialect:
///
/// * the pieces join back to the input (split → join identity), also when the split
///   stops with an error (then they join to a prefix of it);
/// * the reader path with reads of varying sizes gives the same pieces and error as
///   the slice path, for a small window (fragments) and the default one;
/// * an error names a byte of the input and that byte's line;
/// * a small window and the default window find the same error (or none), unless an
///   INSERT head longer than the small window was cut (it is then read as a plain
///   statement, by design);
/// * without fragments no piece is marked partial or continued;
/// * and the lexer never panics or stops making progress.
pub fn check_split(dialect: Dialect, data: &[u8]) {
    let mut rng = Rng::from_data(data, dialect as u64);
    let small = MIN_WINDOW + rng.size(3 * MIN_WINDOW) - 1;
    let big = SplitOptions::default().window;
    let mut splits = Vec::new();
    for window in [small, big] {
        let a = split_mem(dialect, data, window);
        match &a.error {
            None => assert!(a.joined == data, "split → join identity (window {window})"),
            Some(e) => {
                assert!(!e.contains("no progress"), "splitter stuck: {e}");
                assert!(
                    data.starts_with(&a.joined),
                    "pieces are a prefix of the input"
                );
                check_error_line(data, e);
            }
        }
        check_fragments(&a.pieces, window);
        if window >= data.len() {
            assert!(
                a.pieces.iter().all(|p| !p.2 && !p.3),
                "fragments without need"
            );
        }
        let b = split_stream(dialect, data, window, Rng(rng.next() | 1));
        assert_eq!(
            a.pieces, b.pieces,
            "reader path = slice path (window {window})"
        );
        assert_eq!(
            a.error, b.error,
            "same error on both paths (window {window})"
        );
        splits.push(a);
    }
    if !window_may_matter(&splits[0], &splits[1], small) {
        assert_eq!(
            splits[0].error.is_some(),
            splits[1].error.is_some(),
            "the window size decides whether the input is valid: {:?} / {:?}",
            splits[0].error,
            splits[1].error
        );
    }
}

/// A lexer error names a byte of the input and that byte's line.
fn check_error_line(data: &[u8], error: &str) {
    let Some(at) = error.rfind("(byte ") else {
        panic!("no byte in the error: {error}");
    };
    let place = error[at + 6..].trim_end_matches(')');
    let parsed = place
        .split_once(", line ")
        .and_then(|(b, l)| Some((b.parse::<usize>().ok()?, l.parse::<u64>().ok()?)));
    let Some((byte, line)) = parsed else {
        panic!("no byte and line in the error: {error}");
    };
    assert!(byte <= data.len(), "byte past the input: {error}");
    assert_eq!(
        line,
        1 + driver::count_lines(&data[..byte]),
        "line of the error's byte: {error}"
    );
}

/// Whether fragments may change how the rest of the input is read, by design: an
/// INSERT head longer than the window is cut and read as a plain statement, and a
/// `SET` statement or a client command (`DELIMITER`) handed out in fragments is not
/// interpreted (its setting does not apply).
fn window_may_matter(small_split: &Split, big_split: &Split, small: usize) -> bool {
    let long_head = big_split
        .pieces
        .iter()
        .any(|p| p.0 == Kind::InsertHead && p.1 + MAX_LOOKAHEAD >= small);
    let mut at = 0;
    let mut fragmented_setting = false;
    for &(kind, len, partial, continued) in &small_split.pieces {
        let bytes = &small_split.joined[at..at + len];
        at += len;
        if partial && !continued {
            let start = bytes.trim_ascii_start();
            fragmented_setting |= kind == Kind::Command
                || (kind == Kind::Statement
                    && start.len() >= 3
                    && start[..3].eq_ignore_ascii_case(b"set"));
        }
    }
    long_head || fragmented_setting
}

/// The built-in targets, parsed once.
pub fn target(name: &str) -> Target {
    static ALL: OnceLock<Vec<Target>> = OnceLock::new();
    let all = ALL.get_or_init(targets::all);
    match all.iter().find(|t| t.name == name) {
        Some(t) => t.clone(),
        None => unreachable!("no target {name}"),
    }
}

/// The built-in Liferay catalog, parsed once.
pub fn builtin_catalog() -> Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(Catalog::builtin).clone()
}

/// An engine for `target` reading a dump in `dialect`.
pub fn engine(target_name: &str, mode: Mode, dialect: Dialect, catalog: Catalog) -> Engine {
    Engine::new(
        rewrite::FixOptions {
            target: target(target_name),
            mode,
            catalog,
            database: None,
            company: None,
            producer: "unknown".into(),
            max_packet: rewrite::DEFAULT_MAX_PACKET,
            strip_restrict: false,
        },
        dialect,
    )
}

/// A row editor for a table `t` whose columns have the rewrites `xfs` (at least one
/// `Some`), built through the same `editor_for` the engine uses.
pub fn row_editor(xfs: &[Option<ValueRewrite>], copy: bool, dialect: Dialect) -> RowEditor {
    let columns: Vec<DumpColumn> = xfs
        .iter()
        .enumerate()
        .map(|(i, &rewrite)| DumpColumn {
            name: format!("c{i}"),
            ty: None,
            rewrite,
        })
        .collect();
    let backslash = dialect == Dialect::Mysql;
    match rows::editor_for(&DumpTable::new(&columns, 1, 0), None, copy, backslash) {
        Some(ed) => ed,
        None => unreachable!("an editor for edited columns"),
    }
}

/// Column rewrites from two control bytes: 1–8 columns, two bits each (None, Bool,
/// TzToUtc, None); at least one column is edited.
pub fn columns_from(control: [u8; 2]) -> Vec<Option<ValueRewrite>> {
    let n = 1 + usize::from(control[0] & 7);
    let bits = u16::from(control[0] >> 3) | (u16::from(control[1]) << 5);
    let mut xfs: Vec<Option<ValueRewrite>> = (0..n)
        .map(|i| match (bits >> (2 * (i % 6))) & 3 {
            1 => Some(ValueRewrite::Bool),
            2 => Some(ValueRewrite::TzToUtc),
            _ => None,
        })
        .collect();
    if xfs.iter().all(Option::is_none) {
        xfs[0] = Some(if control[1] & 0x80 != 0 {
            ValueRewrite::TzToUtc
        } else {
            ValueRewrite::Bool
        });
    }
    xfs
}

/// Run one row through `ed` in the fragments given by `cuts` (fragment lengths; the
/// rest goes in the last one). Returns the output and whether a value was reported.
pub fn edit_row(
    ed: &mut RowEditor,
    row: &[u8],
    cuts: &[usize],
    out: &mut Vec<u8>,
) -> Option<BadValue> {
    let mut bad = None;
    let mut at = 0;
    let mut k = 0;
    loop {
        let len = cuts
            .get(k)
            .copied()
            .unwrap_or(usize::MAX)
            .min(row.len() - at);
        let last = at + len == row.len();
        if let Some(b) = ed.row(&row[at..at + len], k > 0, !last, out) {
            bad.get_or_insert(b);
        }
        at += len;
        k += 1;
        if last {
            return bad;
        }
    }
}

/// Fragment lengths for a row of `len` bytes.
pub fn cuts_for(rng: &mut Rng, len: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut left = len;
    while left > 1 && cuts.len() < 64 {
        let c = rng.size(left);
        cuts.push(c);
        left -= c.min(left);
    }
    cuts
}

/// Check one whole row (COPY line or INSERT tuple): the output and whether a value is
/// reported do not depend on fragments (random ones, and the splitter's when
/// `from_lexer` gives its output and report), and editing is idempotent.
pub fn check_row(ed: &mut RowEditor, rng: &mut Rng, row: &[u8], from_lexer: Option<(&[u8], bool)>) {
    let mut whole = Vec::new();
    let bad_whole = edit_row(ed, row, &[], &mut whole);
    let cuts = cuts_for(rng, row.len());
    let mut cut = Vec::new();
    let bad_cut = edit_row(ed, row, &cuts, &mut cut);
    assert!(
        whole == cut,
        "fragments change the output: cuts {cuts:?}\n whole: {:?}\n   cut: {:?}",
        String::from_utf8_lossy(&whole),
        String::from_utf8_lossy(&cut)
    );
    assert_eq!(bad_whole.is_some(), bad_cut.is_some(), "cuts {cuts:?}");
    if let Some((lexed, bad)) = from_lexer {
        assert!(whole == lexed, "the splitter's fragments change the output");
        assert_eq!(
            bad_whole.is_some(),
            bad,
            "the splitter's fragments change the report"
        );
    }
    let mut again = Vec::new();
    edit_row(ed, &whole, &[], &mut again);
    assert!(
        again == whole,
        "not idempotent:\n  once: {:?}\n twice: {:?}",
        String::from_utf8_lossy(&whole),
        String::from_utf8_lossy(&again)
    );
}
