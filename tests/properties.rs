//! Property tests (proptest):
//!
//! * **split → join is the identity**, for both dialects, on arbitrary bytes, on "SQL
//!   soup" (random runs of quotes, comments, delimiters, dollar tags, COPY headers…)
//!   and on SQL generated from a small grammar (statements, strings with every escape,
//!   comments, `DELIMITER` blocks, executable comments, `NO_BACKSLASH_ESCAPES`,
//!   `standard_conforming_strings = off`, dollar quotes, `BEGIN ATOMIC`, INSERT tuples,
//!   COPY blocks, psql meta-commands). The slice loop, the reader loop at any read
//!   size, and `Lexer::next` fed by hand in random steps give the same pieces (or the
//!   same error). On generated SQL the pieces are also the ones the generator knows
//!   (each statement, INSERT head, tuple and tail, COPY row and client command, with
//!   its kind), so the splitter is checked against an oracle, not only against itself.
//!   With a small window forcing fragments, the slice and reader loops still agree,
//!   every piece fits the window, the fragment flags chain, and each chain joins to
//!   the piece the unfragmented split gives.
//! * **`fix` with no target is the identity**: through the library (`pipeline::open`
//!   on a file, mmap'd or read, and its gzip) and through the binary on stdin.
//! * **`fix` is idempotent** for each target: `liferay-postgresql` on generated
//!   pg_dump-shaped Liferay dumps, `liferay-mysql` on generated mysqldump-shaped ones.
//! * **convert then load preserves rows**: random rows of a table with a column of
//!   every MySQL type go into MariaDB, out with the real `mysqldump` (random
//!   `--hex-blob`, `--skip-extended-insert`, `--complete-insert`), through
//!   `dumpfix convert --to postgresql`, into PostgreSQL 15, and every row is compared
//!   (normalised per type by `tests/common/compare.rs`, as `tests/convert.rs` does it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Output, Stdio};
use std::time::Instant;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{TestCaseError, TestRunner};

use common::compare::{Canon, Col, Logical, Side};
use common::{dumpfix, unhex, unique_name, Maria, Pg};
use dumpfix::io::{OpenOptions, Source};
use dumpfix::lex::driver::{split_reader, split_slice, PieceRef, SplitOptions, MIN_WINDOW};
use dumpfix::lex::{Dialect, Kind, LexError, Lexer};
use dumpfix::pipeline;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Generated input, shown as (lossy) text when a case fails.
#[derive(Clone, PartialEq, Eq)]
struct Sql(Vec<u8>);

impl std::fmt::Debug for Sql {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

impl std::ops::Deref for Sql {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// ================================================================== splitting

#[derive(Clone, Debug, PartialEq, Eq)]
struct Pc {
    kind: Kind,
    bytes: Vec<u8>,
    partial: bool,
    continued: bool,
}

/// The pieces handed out and how the split ended (`Err("unterminated … @offset")`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Split {
    pieces: Vec<Pc>,
    end: Result<(), String>,
}

impl Split {
    fn joined(&self) -> Vec<u8> {
        self.pieces.iter().flat_map(|p| p.bytes.clone()).collect()
    }
}

fn driver_end(r: dumpfix::Result<()>) -> Result<(), String> {
    r.map_err(|e| match e {
        dumpfix::Error::Syntax {
            message, offset, ..
        } => format!("{} @{offset}", message.trim_end_matches(" at end of input")),
        other => format!("{other}"),
    })
}

fn record(pieces: &mut Vec<Pc>, next: &mut u64, p: PieceRef<'_>) -> dumpfix::Result<()> {
    assert_eq!(p.offset, *next, "pieces must be contiguous");
    *next += p.bytes.len() as u64;
    pieces.push(Pc {
        kind: p.kind(),
        bytes: p.bytes.to_vec(),
        partial: p.piece.partial,
        continued: p.piece.continued,
    });
    Ok(())
}

fn by_slice(d: Dialect, data: &[u8], window: usize) -> Split {
    let (mut pieces, mut next) = (Vec::new(), 0);
    let opts = SplitOptions {
        read_size: 1 << 20,
        window,
    };
    let end = split_slice(&mut Lexer::new(d), data, &opts, "prop", |p| {
        record(&mut pieces, &mut next, p)
    });
    Split {
        pieces,
        end: driver_end(end),
    }
}

fn by_reader(d: Dialect, data: &[u8], window: usize, read_size: usize) -> Split {
    let (mut pieces, mut next) = (Vec::new(), 0);
    let opts = SplitOptions { read_size, window };
    let end = split_reader(&mut Lexer::new(d), data, &opts, "prop", |p| {
        record(&mut pieces, &mut next, p)
    });
    Split {
        pieces,
        end: driver_end(end),
    }
}

/// `Lexer::next` fed by hand: the buffer always starts at the current piece and grows
/// by the next of `steps` bytes whenever the lexer asks for more. No window: no cuts.
fn by_steps(d: Dialect, data: &[u8], steps: &[usize]) -> Split {
    let mut lx = Lexer::new(d);
    let mut pieces = Vec::new();
    let (mut start, mut end, mut i) = (0usize, 0usize, 0usize);
    for _ in 0..(4 * data.len() + 64) {
        let eof = end == data.len();
        match lx.next(&data[start..end], eof) {
            Err(LexError::Unterminated { what, offset }) => {
                return Split {
                    pieces,
                    end: Err(format!("unterminated {what} @{offset}")),
                }
            }
            Ok(Some(p)) => {
                assert!(p.len <= end - start, "piece longer than its buffer");
                pieces.push(Pc {
                    kind: p.kind,
                    bytes: data[start..start + p.len].to_vec(),
                    partial: p.partial,
                    continued: p.continued,
                });
                start += p.len;
            }
            Ok(None) if eof => {
                return Split {
                    pieces,
                    end: Ok(()),
                }
            }
            Ok(None) => {
                end = (end + steps[i % steps.len()].max(1)).min(data.len());
                i += 1;
            }
        }
    }
    panic!("the lexer made no progress");
}

/// Joins to the input (or a prefix of it, on error), fragment flags chain, no empty
/// piece but a fragment's closer, none longer than the window.
fn well_formed(s: &Split, data: &[u8], window: usize) -> Result<(), TestCaseError> {
    let joined = s.joined();
    match &s.end {
        Ok(()) => prop_assert!(joined == data, "split → join differs from the input"),
        Err(_) => prop_assert!(data.starts_with(&joined), "pieces before the error"),
    }
    if let Some(first) = s.pieces.first() {
        prop_assert!(!first.continued, "first piece continues nothing");
    }
    for w in s.pieces.windows(2) {
        prop_assert_eq!(w[1].continued, w[0].partial, "fragment flags chain");
    }
    if s.end.is_ok() {
        if let Some(last) = s.pieces.last() {
            prop_assert!(!last.partial, "the last piece is closed");
        }
    }
    for p in &s.pieces {
        prop_assert!(
            !p.bytes.is_empty() || p.continued,
            "empty piece {:?}",
            p.kind
        );
        prop_assert!(
            p.bytes.len() <= window.max(MIN_WINDOW),
            "piece of {} bytes > window {window}",
            p.bytes.len()
        );
    }
    Ok(())
}

/// Every loop agrees on `data` without fragments, and the result is well formed.
fn splits_agree(
    d: Dialect,
    data: &[u8],
    read_size: usize,
    steps: &[usize],
) -> Result<(), TestCaseError> {
    let window = SplitOptions::default().window;
    let reference = by_slice(d, data, window);
    well_formed(&reference, data, window)?;
    prop_assert_eq!(
        &by_reader(d, data, window, read_size),
        &reference,
        "reader, read size {}",
        read_size
    );
    prop_assert_eq!(
        &by_steps(d, data, steps),
        &reference,
        "Lexer::next fed in steps"
    );
    Ok(())
}

/// With a small window: slice and reader agree, the pieces are well formed, and the
/// split fails exactly when the unfragmented one does.
fn fragments_agree(
    d: Dialect,
    data: &[u8],
    window: usize,
    read_size: usize,
) -> Result<(), TestCaseError> {
    let s = by_slice(d, data, window);
    well_formed(&s, data, window)?;
    let r = by_reader(d, data, window, read_size);
    prop_assert_eq!(
        &r,
        &s,
        "reader (read size {}) vs slice, window {}",
        read_size,
        window
    );
    let whole = by_slice(d, data, SplitOptions::default().window);
    prop_assert_eq!(
        s.end.is_ok(),
        whole.end.is_ok(),
        "fragmented: {:?}, whole: {:?}",
        s.end,
        whole.end
    );
    if s.end.is_ok() {
        prop_assert_eq!(
            shown(&chained(&s)),
            shown(&chained(&whole)),
            "fragments joined vs the whole pieces, window {}",
            window
        );
    }
    Ok(())
}

/// The pieces with each fragment chain joined into the piece it is a part of.
fn chained(s: &Split) -> Vec<(Kind, Vec<u8>)> {
    let mut out: Vec<(Kind, Vec<u8>)> = Vec::new();
    for p in &s.pieces {
        match out.last_mut() {
            Some((_, last)) if p.continued => last.extend(&p.bytes),
            _ => out.push((p.kind, p.bytes.clone())),
        }
    }
    out
}

/// Pieces as (kind, text) for a readable failure.
fn shown(pieces: &[(Kind, Vec<u8>)]) -> Vec<(&'static str, String)> {
    pieces
        .iter()
        .map(|(k, b)| (k.name(), String::from_utf8_lossy(b).into_owned()))
        .collect()
}

fn dialect() -> impl Strategy<Value = Dialect> {
    prop_oneof![Just(Dialect::Mysql), Just(Dialect::Postgres)]
}

fn steps() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(
        prop_oneof![3 => 1usize..4, 2 => 1usize..100, 1 => 100usize..5000],
        1..16,
    )
}

// ------------------------------------------------------------------ generators

/// Bytes that matter to the lexers, and some that do not.
const TEXTY: &[u8] = b"abcxyzEINSERTVALUESCOPY0129 _'\"`\\;(),$-/*#!.\n\r\t\x00\x1a\xc3\xa9\xff";
const TOKENS: &[&str] = &[
    "'",
    "\"",
    "`",
    "\\",
    "\\'",
    "''",
    "$",
    "$$",
    "$f$",
    ";",
    ";;",
    "(",
    ")",
    ",",
    "--",
    "-- ",
    "#",
    "/*",
    "*/",
    "/*!",
    "/*!40101 ",
    "*/;",
    "\n",
    "\r\n",
    " ",
    "\t",
    "E'",
    "e'",
    "N'",
    "_binary '",
    "0x1F",
    "X'AB'",
    "b'01'",
    "INSERT INTO t VALUES ",
    "REPLACE INTO `t` VALUES ",
    "VALUES ",
    "COPY t (a) FROM stdin;\n",
    "COPY public.t FROM STDIN;",
    "\\.\n",
    "\\.",
    "DELIMITER ;;\n",
    "DELIMITER ;\n",
    "DELIMITER $$\n",
    "BEGIN",
    "BEGIN ATOMIC ",
    "END",
    "END;",
    "CREATE FUNCTION f() ",
    "CREATE OR REPLACE PROCEDURE p() ",
    "AS ",
    "SET sql_mode='NO_BACKSLASH_ESCAPES';",
    "SET sql_mode=@OLD_SQL_MODE;",
    "SET standard_conforming_strings = off;",
    "SET standard_conforming_strings = on;",
    "\\connect db\n",
    "\\restrict k\n",
    "SELECT 1;",
    "NULL",
];

/// Arbitrary bytes, bytes from `TEXTY`, or one byte repeated 1000–3000 times.
fn some_bytes(max: usize) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        5 => prop::collection::vec(any::<u8>(), 0..max),
        4 => prop::collection::vec(select(TEXTY), 0..max),
        1 => (any::<u8>(), 1000usize..3000).prop_map(|(b, n)| vec![b; n]),
    ]
    .boxed()
}

fn soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            2 => any::<u8>().prop_map(|b| vec![b]),
            2 => select(TEXTY).prop_map(|b| vec![b]),
            3 => select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
            1 => prop::collection::vec(select(&b"abcdef0123 "[..]), 1..20),
        ],
        0..300,
    )
    .prop_map(|v| v.concat())
}

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// Bytes without any of `bad`.
fn bytes_without(bad: &'static [u8], max: usize) -> impl Strategy<Value = Vec<u8>> {
    some_bytes(max).prop_map(move |mut v| {
        v.retain(|b| !bad.contains(b));
        v
    })
}

// --- MySQL

/// A MySQL string literal of any bytes: `'…'` or `"…"`, the quote escaped by a
/// backslash or doubled, backslashes and NULs escaped.
fn my_quote(b: &[u8], q: u8, doubled: bool) -> Vec<u8> {
    let mut out = vec![q];
    for &c in b {
        match c {
            _ if c == q && doubled => out.extend([q, q]),
            _ if c == q => out.extend([b'\\', q]),
            b'\\' => out.extend(b"\\\\"),
            0 => out.extend(b"\\0"),
            b'\n' if doubled => out.extend(b"\\n"),
            _ => out.push(c),
        }
    }
    out.push(q);
    out
}

fn my_string() -> impl Strategy<Value = Vec<u8>> {
    (some_bytes(40), select(&b"'\""[..]), any::<bool>()).prop_map(|(b, q, d)| my_quote(&b, q, d))
}

fn my_value() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        3 => any::<i64>().prop_map(|i| i.to_string().into_bytes()),
        1 => Just(b"NULL".to_vec()),
        4 => my_string(),
        1 => my_string().prop_map(|s| cat(&[b"_binary ", &s])),
        1 => prop::collection::vec(any::<u8>(), 0..20).prop_map(|b| {
            let h: String = b.iter().map(|x| format!("{x:02X}")).collect();
            if b.is_empty() { b"''".to_vec() } else { format!("0x{h}").into_bytes() }
        }),
        1 => Just(b"X'0aFF'".to_vec()),
        1 => Just(b"b'1010'".to_vec()),
        1 => any::<f64>().prop_map(|f| format!("{f:e}").into_bytes()),
    ]
    .boxed()
}

fn my_tuple() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(my_value(), 1..6).prop_map(|v| cat(&[b"(", &v.join(&b","[..]), b")"]))
}

/// Generated SQL as the generator knows it: each segment is a piece the splitter must
/// hand out, with its kind (adjacent blanks are one piece to the splitter, and a
/// segment may be empty).
type Doc = Vec<(Kind, Vec<u8>)>;

fn seg(kind: Kind, b: &[u8]) -> (Kind, Vec<u8>) {
    (kind, b.to_vec())
}

fn stmt(b: Vec<u8>) -> (Kind, Vec<u8>) {
    (Kind::Statement, b)
}

fn blank(b: &[u8]) -> (Kind, Vec<u8>) {
    seg(Kind::Blank, b)
}

fn doc_bytes(doc: &Doc) -> Vec<u8> {
    doc.iter().flat_map(|(_, b)| b.clone()).collect()
}

/// Empty segments dropped, adjacent blanks merged.
fn normalized(doc: impl IntoIterator<Item = (Kind, Vec<u8>)>) -> Doc {
    let mut out: Doc = Vec::new();
    for (k, b) in doc {
        if b.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some((Kind::Blank, last)) if k == Kind::Blank => last.extend(b),
            _ => out.push((k, b)),
        }
    }
    out
}

fn my_insert() -> impl Strategy<Value = Doc> {
    (
        select(
            &[
                "INSERT INTO `t` VALUES ",
                "INSERT INTO `t` (`a`, `b`) VALUES ",
                "INSERT IGNORE INTO t VALUES ",
                "REPLACE INTO `t``q` VALUES ",
                "INSERT INTO `t` VALUES\n",
            ][..],
        ),
        prop::collection::vec(my_tuple(), 1..6),
        select(&[",", ",\n", ", "][..]),
        select(&[(";", "\n"), (";", ""), (" ;", "\n")][..]),
    )
        .prop_map(|(head, tuples, sep, (tail, after))| {
            let mut doc = vec![seg(Kind::InsertHead, head.as_bytes())];
            for (i, t) in tuples.iter().enumerate() {
                let sep = if i == 0 { &b""[..] } else { sep.as_bytes() };
                doc.push((Kind::Tuple, cat(&[sep, t])));
            }
            doc.push(seg(Kind::InsertTail, tail.as_bytes()));
            doc.push(blank(after.as_bytes()));
            doc
        })
}

fn my_ident() -> impl Strategy<Value = Vec<u8>> {
    bytes_without(b"", 12).prop_map(|b| {
        let mut out = vec![b'`'];
        for c in b {
            if c == b'`' {
                out.push(b'`');
            }
            out.push(c);
        }
        out.push(b'`');
        out
    })
}

fn my_blank() -> BoxedStrategy<Doc> {
    prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"\n\n  \t".to_vec()),
        Just(b"--\n".to_vec()),
        bytes_without(b"\n\r", 30).prop_map(|l| cat(&[b"-- ", &l, b"\n"])),
        bytes_without(b"\n\r", 30).prop_map(|l| cat(&[b"#", &l, b"\n"])),
        bytes_without(b"*", 30).prop_map(|l| cat(&[b"/* ", &l, b" */"])),
    ]
    .prop_map(|b| vec![(Kind::Blank, b)])
    .boxed()
}

/// One statement, then a line end.
fn line(b: Vec<u8>) -> Doc {
    vec![stmt(b), blank(b"\n")]
}

fn my_simple() -> BoxedStrategy<Doc> {
    prop_oneof![
        my_value().prop_map(|v| cat(&[b"SELECT ", &v, b";"])),
        Just(b"/*!40101 SET NAMES utf8mb4 */;".to_vec()),
        Just(
            b"/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;".to_vec()
        ),
        (my_ident(), my_string()).prop_map(|(i, s)| cat(&[
            b"CREATE TABLE ",
            &i,
            b" (\n  `a` int DEFAULT '1;2',\n  `b` text COMMENT ",
            &s,
            b"\n) ENGINE=InnoDB;"
        ])),
        my_ident().prop_map(|i| cat(&[b"DROP TABLE IF EXISTS ", &i, b";"])),
        my_ident().prop_map(|i| cat(&[b"LOCK TABLES ", &i, b" WRITE;"])),
        my_string().prop_map(|s| cat(&[
            b"/*!50001 CREATE VIEW `v` AS SELECT ",
            &s,
            b" AS `a` */;"
        ])),
    ]
    .prop_map(line)
    .boxed()
}

/// `DELIMITER ;;` (or `$$`, `//`) around a trigger whose body holds `;` and strings.
fn my_delimiter_block() -> impl Strategy<Value = Doc> {
    (select(&[";;", "$$", "//"][..]), my_string(), any::<bool>()).prop_map(|(d, s, cond)| {
        let body = if cond {
            cat(&[
                b"/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `tr` BEFORE INSERT ON `t` FOR EACH ROW SET NEW.a = ",
                &s,
                b" */",
            ])
        } else {
            cat(&[
                b"CREATE TRIGGER `tr` BEFORE INSERT ON `t` FOR EACH ROW BEGIN SET NEW.a = ",
                &s,
                b"; SET NEW.b = 1; END ",
            ])
        };
        vec![
            (Kind::Command, cat(&[b"DELIMITER ", d.as_bytes(), b"\n"])),
            stmt(cat(&[&body, d.as_bytes()])),
            blank(b"\n"),
            seg(Kind::Command, b"DELIMITER ;\n"),
        ]
    })
}

/// `NO_BACKSLASH_ESCAPES` on, a string ending in a backslash, then back off.
fn my_nbe_block() -> impl Strategy<Value = Doc> {
    (bytes_without(b"'", 20), any::<bool>()).prop_map(|(b, restore)| {
        let mut doc = line(b"SET sql_mode='NO_BACKSLASH_ESCAPES';".to_vec());
        doc.extend(line(cat(&[b"SELECT '", &b, b"\\';"])));
        doc.extend(line(if restore {
            b"/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;".to_vec()
        } else {
            b"SET sql_mode = '';".to_vec()
        }));
        doc
    })
}

fn my_item() -> BoxedStrategy<Doc> {
    prop_oneof![
        3 => my_blank(),
        4 => my_insert(),
        2 => my_simple(),
        1 => my_delimiter_block(),
        1 => my_nbe_block(),
    ]
    .boxed()
}

// --- PostgreSQL

fn pg_quote(b: &[u8], backslash: bool) -> Vec<u8> {
    let mut out = vec![b'\''];
    for &c in b {
        match c {
            b'\'' => out.extend(b"''"),
            b'\\' if backslash => out.extend(b"\\\\"),
            _ => out.push(c),
        }
    }
    out.push(b'\'');
    out
}

fn pg_literal() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        2 => any::<i64>().prop_map(|i| i.to_string().into_bytes()),
        4 => some_bytes(40).prop_map(|b| pg_quote(&b, false)),
        2 => (some_bytes(40), any::<bool>()).prop_map(|(b, dq)| {
            // E'…': backslash escapes; the quote as \' or ''
            let mut out = b"E'".to_vec();
            for c in b {
                match c {
                    b'\\' => out.extend(b"\\\\"),
                    b'\'' if dq => out.extend(b"''"),
                    b'\'' => out.extend(b"\\'"),
                    _ => out.push(c),
                }
            }
            out.push(b'\'');
            out
        }),
        2 => (select(&["", "f", "body", "_x1"][..]), bytes_without(b"$", 60))
            .prop_map(|(t, b)| cat(&[b"$", t.as_bytes(), b"$", &b, b"$", t.as_bytes(), b"$"])),
        1 => Just(b"NULL".to_vec()),
    ]
    .boxed()
}

fn copy_field(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    for &c in b {
        match c {
            b'\\' => out.extend(b"\\\\"),
            b'\t' => out.extend(b"\\t"),
            b'\n' => out.extend(b"\\n"),
            b'\r' => out.extend(b"\\r"),
            _ => out.push(c),
        }
    }
    out
}

fn pg_copy_block() -> impl Strategy<Value = Doc> {
    let field =
        prop_oneof![1 => Just(b"\\N".to_vec()), 5 => some_bytes(30).prop_map(|b| copy_field(&b))];
    (
        select(
            &[
                "COPY public.t (a, b) FROM stdin;",
                "COPY public.\"T;x\" (a) FROM stdin;",
                "COPY t FROM STDIN;",
            ][..],
        ),
        prop::collection::vec(prop::collection::vec(field, 1..4), 0..6),
    )
        .prop_map(|(head, rows)| {
            let mut doc = vec![seg(Kind::Statement, head.as_bytes()), blank(b"\n")];
            for r in rows {
                doc.push((Kind::CopyRow, cat(&[&r.join(&b"\t"[..]), b"\n"])));
            }
            doc.push(seg(Kind::CopyEnd, b"\\.\n"));
            doc
        })
}

fn pg_blank() -> BoxedStrategy<Doc> {
    prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"--\n-- Name: t; Type: TABLE\n--\n\n".to_vec()),
        Just(b"/* a /* nested; */ b */".to_vec()),
        bytes_without(b"\n\r", 30).prop_map(|l| cat(&[b"-- ", &l, b"\n"])),
        bytes_without(b"*/", 30).prop_map(|l| cat(&[b"/* ", &l, b" */\n"])),
    ]
    .prop_map(|b| vec![(Kind::Blank, b)])
    .boxed()
}

fn pg_insert() -> impl Strategy<Value = Doc> {
    prop::collection::vec(
        prop::collection::vec(pg_literal(), 1..4)
            .prop_map(|v| cat(&[b"(", &v.join(&b", "[..]), b")"])),
        1..5,
    )
    .prop_map(|tuples| {
        let mut doc = vec![seg(Kind::InsertHead, b"INSERT INTO public.t VALUES ")];
        for (i, t) in tuples.iter().enumerate() {
            let sep = if i == 0 { &b""[..] } else { b",\n\t" };
            doc.push((Kind::Tuple, cat(&[sep, t])));
        }
        doc.push(seg(Kind::InsertTail, b";"));
        doc.push(blank(b"\n"));
        doc
    })
}

fn pg_item() -> BoxedStrategy<Doc> {
    prop_oneof![
        3 => pg_blank(),
        3 => pg_literal().prop_map(|l| line(cat(&[b"SELECT ", &l, b";"]))),
        2 => pg_insert(),
        3 => pg_copy_block(),
        1 => pg_literal().prop_map(|l| line(cat(&[
            b"CREATE FUNCTION public.f() RETURNS text\n    LANGUAGE sql\n    AS ", &l, b";"
        ]))),
        1 => pg_literal().prop_map(|l| line(cat(&[
            b"CREATE OR REPLACE FUNCTION public.g() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\n SELECT ",
            &l, b";\nEND;"
        ]))),
        1 => pg_literal().prop_map(|l| line(cat(&[b"SELECT (1; ", &l, b");"]))),
        1 => select(&["\\connect lportal\n", "\\restrict abcDEF123\n", "\\unrestrict abcDEF123\n"][..])
            .prop_map(|s| vec![seg(Kind::Command, s.as_bytes())]),
        1 => bytes_without(b"'\\", 20).prop_map(|b| {
            let mut doc = line(b"SET standard_conforming_strings = off;".to_vec());
            doc.extend(line(cat(&[b"SELECT 'x\\'", &b, b"\\\\';"])));
            doc.extend(line(b"SET standard_conforming_strings = on;".to_vec()));
            doc
        }),
        1 => bytes_without(b"\"", 12).prop_map(|b| line(cat(&[b"CREATE TABLE public.\"", &b, b"\"\"q;\" (x int);"]))),
    ]
    .boxed()
}

/// A generated dump body as the generator knows its pieces.
fn grammar_doc(d: Dialect) -> BoxedStrategy<Doc> {
    let item = match d {
        Dialect::Mysql => my_item(),
        Dialect::Postgres => pg_item(),
    };
    prop::collection::vec(item, 0..30)
        .prop_map(|v| v.concat())
        .boxed()
}

fn dialect_and_doc() -> impl Strategy<Value = (Dialect, Doc)> {
    dialect().prop_flat_map(|d| (Just(d), grammar_doc(d)))
}

fn dialect_and_grammar() -> impl Strategy<Value = (Dialect, Sql)> {
    dialect_and_doc().prop_map(|(d, doc)| (d, Sql(doc_bytes(&doc))))
}

const MY_HEADER: &[u8] = b"-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: db\n-- ------------------------------------------------------\n\n";
const PG_HEADER: &[u8] = b"--\n-- PostgreSQL database dump\n--\n\n";

/// A generated dump with its producer's header, so detection picks `d`.
fn headed_dump() -> impl Strategy<Value = (Dialect, Sql)> {
    dialect_and_grammar().prop_map(|(d, body)| {
        let header = match d {
            Dialect::Mysql => MY_HEADER,
            Dialect::Postgres => PG_HEADER,
        };
        (d, Sql(cat(&[header, &body])))
    })
}

// ------------------------------------------------------------------ split properties

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn split_join_identity_on_arbitrary_bytes(
        d in dialect(),
        data in prop::collection::vec(any::<u8>(), 0..4096).prop_map(Sql),
        read_size in 1usize..5000,
        steps in steps(),
    ) {
        splits_agree(d, &data, read_size, &steps)?;
    }

    #[test]
    fn split_join_identity_on_sql_soup(
        d in dialect(),
        data in soup().prop_map(Sql),
        read_size in 1usize..5000,
        steps in steps(),
    ) {
        splits_agree(d, &data, read_size, &steps)?;
    }

    /// The pieces are the ones the generator knows: every statement, INSERT tuple,
    /// COPY row and client command ends where the generator ended it.
    #[test]
    fn split_join_identity_on_generated_sql(
        (d, doc) in dialect_and_doc(),
        read_size in 1usize..5000,
        steps in steps(),
    ) {
        let data = doc_bytes(&doc);
        let s = by_slice(d, &data, SplitOptions::default().window);
        prop_assert!(s.end.is_ok(), "generated SQL must split: {:?}", s.end);
        let got = normalized(s.pieces.iter().map(|p| (p.kind, p.bytes.clone())));
        let want = normalized(doc);
        prop_assert_eq!(shown(&got), shown(&want), "{}: pieces differ from the generator's", d);
        splits_agree(d, &data, read_size, &steps)?;
    }

    #[test]
    fn fragments_with_a_small_window(
        (d, data) in dialect_and_grammar(),
        extra in 0usize..2048,
        read_size in 1usize..3000,
    ) {
        fragments_agree(d, &data, MIN_WINDOW + extra, read_size)?;
    }

    #[test]
    fn fragments_of_soup_with_a_small_window(
        d in dialect(),
        data in prop::collection::vec(soup(), 1..8).prop_map(|v| Sql(v.concat())),
        extra in 0usize..512,
        read_size in 1usize..3000,
    ) {
        fragments_agree(d, &data, MIN_WINDOW + extra, read_size)?;
    }
}

// ================================================================== fix, no target

fn pieces_of_file(path: &std::path::Path, mmap: bool) -> Result<Vec<u8>, String> {
    let mut dump = pipeline::open(&Source::Path(path.into()), OpenOptions { mmap }, None)
        .map_err(|e| format!("open: {e}"))?;
    let mut out = Vec::new();
    let r = dump.for_each_piece(&SplitOptions::default(), |p| {
        out.extend_from_slice(p.bytes);
        Ok(())
    });
    dump.close();
    r.map_err(|e| format!("{e}"))?;
    Ok(out)
}

proptest! {
    #![proptest_config(config(128))]

    /// `fix` with no target is the identity, through the library: the pieces of a
    /// plain file (mmap'd and read) and of its gzip join to the input.
    #[test]
    fn fix_without_target_is_identity_in_the_library((d, data) in headed_dump()) {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("dump.sql");
        std::fs::write(&plain, &data[..]).unwrap();
        let gz = dir.path().join("dump.sql.gz");
        let mut e = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::fast());
        e.write_all(&data).unwrap();
        e.finish().unwrap();
        let mapped = pieces_of_file(&plain, true);
        prop_assert!(mapped.is_ok(), "{d}: {:?}", mapped);
        prop_assert!(mapped.as_deref() == Ok(&data[..]), "{d}: mmap'd pieces differ from the input");
        prop_assert_eq!(&pieces_of_file(&plain, false), &mapped, "read path");
        prop_assert_eq!(&pieces_of_file(&gz, true), &mapped, "gzip");
    }
}

fn run_fix(args: &[&str], input: &[u8]) -> Output {
    let mut cmd = dumpfix();
    cmd.arg("fix").arg("--quiet").args(args);
    common::output_with_stdin(cmd, input)
}

proptest! {
    #![proptest_config(config(64))]

    /// `dumpfix fix` (no target) on stdin writes the input back byte for byte.
    #[test]
    fn fix_without_target_is_identity_in_the_binary((d, data) in headed_dump()) {
        let out = run_fix(&[], &data);
        let err = String::from_utf8_lossy(&out.stderr);
        prop_assert_eq!(out.status.code(), Some(0), "{}: {}", d, err);
        prop_assert!(out.stdout[..] == data[..], "{d}: output differs from the input");
    }
}

// ================================================================== fix is idempotent

#[derive(Clone, Copy, Debug)]
enum Gen {
    Id,
    Int,
    /// 0/1 in an integer column Liferay reads as BOOLEAN (sometimes another number).
    Bool01,
    BoolTf,
    Stamp,
    StampTz,
    Text,
    Bytea,
    Blob,
    Oid,
}

#[derive(Clone, Debug)]
struct Table {
    /// Name as written (without schema), e.g. `user_`, `"User_"`, `` `user_` ``.
    name: String,
    cols: Vec<(String, String, Gen)>,
}

/// Text that is not trivial: quotes, backslashes, tabs, newlines, non-ASCII, and
/// table names (which must never be renamed inside data).
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        select(
            &[
                "a", "b", "Z", " ", "'", "\"", "\\", "\t", "\n", "\r", ";", ",", "(", ")", "é",
                "€", "😀", "user_", "User_", "public.", "lportal", "0", "1", "\\N", "--", "/*",
            ][..],
        ),
        0..12,
    )
    .prop_map(|v| v.concat())
}

fn stamp() -> impl Strategy<Value = String> {
    (
        2000u32..2030,
        1u32..13,
        1u32..29,
        0u32..24,
        0u32..60,
        0u32..60,
        prop::option::of(0u32..1_000_000),
    )
        .prop_map(|(y, mo, d, h, mi, s, f)| {
            let mut t = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}");
            if let Some(f) = f {
                t.push_str(&format!(".{f:06}"));
            }
            t
        })
}

/// A COPY field for `g`.
fn copy_value(g: Gen) -> BoxedStrategy<String> {
    let null = Just("\\N".to_string());
    match g {
        Gen::Id => (1u64..1_000_000).prop_map(|i| i.to_string()).boxed(),
        Gen::Int => prop_oneof![1 => null, 5 => any::<i64>().prop_map(|i| i.to_string())].boxed(),
        Gen::Bool01 => prop_oneof![
            8 => select(&["0", "1"][..]).prop_map(str::to_owned),
            1 => null,
            1 => Just("2".to_string()),
        ]
        .boxed(),
        Gen::BoolTf => select(&["t", "f", "\\N"][..])
            .prop_map(str::to_owned)
            .boxed(),
        Gen::Stamp => prop_oneof![1 => null, 5 => stamp()].boxed(),
        Gen::StampTz => (stamp(), select(&["+00", "+01", "-05:30"][..]))
            .prop_map(|(s, z)| s + z)
            .boxed(),
        Gen::Text => prop_oneof![
            1 => null,
            5 => text().prop_map(|t| String::from_utf8(copy_field(t.as_bytes())).unwrap()),
        ]
        .boxed(),
        Gen::Bytea => prop_oneof![
            1 => null,
            5 => prop::collection::vec(any::<u8>(), 0..24).prop_map(|b| {
                format!("\\\\x{}", b.iter().map(|x| format!("{x:02x}")).collect::<String>())
            }),
        ]
        .boxed(),
        Gen::Oid | Gen::Blob => {
            prop_oneof![1 => null, 3 => (16384u32..99999).prop_map(|i| i.to_string())].boxed()
        }
    }
}

fn pg_tables() -> impl Strategy<Value = Vec<Table>> {
    let flag = || select(&["smallint", "integer", "boolean"][..]);
    let ts = || select(&["timestamp without time zone", "timestamp with time zone"][..]);
    let name = |lower: &'static str, pascal: &'static str| {
        select(vec![lower.to_string(), format!("\"{pascal}\"")])
    };
    let gen_flag = |t: &str| {
        if t == "boolean" {
            Gen::BoolTf
        } else {
            Gen::Bool01
        }
    };
    let gen_ts = |t: &str| {
        if t.contains("with time") {
            Gen::StampTz
        } else {
            Gen::Stamp
        }
    };
    let user = (
        name("user_", "User_"),
        flag(),
        flag(),
        ts(),
        select(&["text", "character varying", "character varying(75)"][..]),
    )
        .prop_map(move |(n, f1, f2, t, txt)| Table {
            name: n,
            cols: vec![
                (
                    "mvccversion".into(),
                    "bigint DEFAULT 0 NOT NULL".into(),
                    Gen::Int,
                ),
                ("userid".into(), "bigint NOT NULL".into(), Gen::Id),
                ("companyid".into(), "bigint".into(), Gen::Int),
                ("createdate".into(), t.into(), gen_ts(t)),
                (
                    "screenname".into(),
                    "character varying(75)".into(),
                    Gen::Text,
                ),
                ("lockout".into(), f1.into(), gen_flag(f1)),
                ("agreedtotermsofuse".into(), f2.into(), gen_flag(f2)),
                ("comments".into(), txt.into(), Gen::Text),
                ("status".into(), "integer".into(), Gen::Int),
            ],
        });
    let company = (name("company", "Company"), flag(), ts()).prop_map(move |(n, f, t)| Table {
        name: n,
        cols: vec![
            ("companyid".into(), "bigint NOT NULL".into(), Gen::Id),
            ("webid".into(), "character varying(75)".into(), Gen::Text),
            ("active_".into(), f.into(), gen_flag(f)),
            ("createdate".into(), t.into(), gen_ts(t)),
        ],
    });
    let dlcontent = (
        name("dlcontent", "DLContent"),
        select(&["bytea", "oid"][..]),
    )
        .prop_map(|(n, b)| Table {
            name: n,
            cols: vec![
                ("contentid".into(), "bigint NOT NULL".into(), Gen::Id),
                ("companyid".into(), "bigint".into(), Gen::Int),
                ("path_".into(), "character varying(255)".into(), Gen::Text),
                (
                    "data_".into(),
                    b.into(),
                    if b == "bytea" { Gen::Bytea } else { Gen::Oid },
                ),
                ("size_".into(), "bigint".into(), Gen::Int),
            ],
        });
    let counter = name("counter", "Counter").prop_map(|n| Table {
        name: n,
        cols: vec![
            (
                "name".into(),
                "character varying(150) NOT NULL".into(),
                Gen::Text,
            ),
            ("currentid".into(), "bigint".into(), Gen::Id),
        ],
    });
    let custom = (
        select(
            &[
                "\"MyCustom\"",
                "my_custom",
                "o_20097_books",
                "\"O_20097_Books\"",
            ][..],
        ),
        flag(),
    )
        .prop_map(move |(n, f)| Table {
            name: n.into(),
            cols: vec![
                ("id".into(), "bigint NOT NULL".into(), Gen::Id),
                ("flag".into(), f.into(), gen_flag(f)),
                ("note".into(), "text".into(), Gen::Text),
            ],
        });
    (
        prop::option::of(user),
        prop::option::of(company),
        prop::option::of(dlcontent),
        prop::option::of(counter),
        prop::option::of(custom),
    )
        .prop_map(|(a, b, c, d, e)| [a, b, c, d, e].into_iter().flatten().collect())
}

fn rows_for(t: &Table, copy: bool) -> BoxedStrategy<Vec<Vec<String>>> {
    let row: Vec<BoxedStrategy<String>> = t
        .cols
        .iter()
        .map(|(_, _, g)| if copy { copy_value(*g) } else { my_literal(*g) })
        .collect();
    prop::collection::vec(row, 0..6).boxed()
}

#[derive(Clone, Debug)]
struct PgDumpSpec {
    schema: &'static str,
    create_db: bool,
    owner: bool,
    complete: bool,
    tables: Vec<(Table, Vec<Vec<String>>)>,
}

fn pg_dump_spec() -> impl Strategy<Value = PgDumpSpec> {
    (
        select(&["public", "lportal"][..]),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.8),
        pg_tables().prop_flat_map(|ts| {
            ts.into_iter()
                .map(|t| (Just(t.clone()), rows_for(&t, true)))
                .collect::<Vec<_>>()
        }),
    )
        .prop_map(|(schema, create_db, owner, complete, tables)| PgDumpSpec {
            schema,
            create_db,
            owner,
            complete,
            tables,
        })
}

fn pg_dump_text(s: &PgDumpSpec) -> Vec<u8> {
    let mut d = String::from(
        "--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.8\n-- Dumped by pg_dump version 15.8\n\n\
         SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET client_encoding = 'UTF8';\n\
         SET standard_conforming_strings = on;\nSELECT pg_catalog.set_config('search_path', '', false);\n\
         SET check_function_bodies = false;\nSET client_min_messages = warning;\n\n",
    );
    let owner = if s.owner { "liferay" } else { "-" };
    if s.create_db {
        d.push_str(&format!(
            "--\n-- Name: lportal; Type: DATABASE; Schema: -; Owner: {owner}\n--\n\n\
             CREATE DATABASE lportal WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'en_US.UTF-8';\n\n\n"
        ));
        if s.owner {
            d.push_str("ALTER DATABASE lportal OWNER TO liferay;\n\n");
        }
        d.push_str("\\connect lportal\n\nSET statement_timeout = 0;\nSET client_encoding = 'UTF8';\nSELECT pg_catalog.set_config('search_path', '', false);\n\n");
    }
    if s.schema != "public" {
        d.push_str(&format!(
            "--\n-- Name: {0}; Type: SCHEMA; Schema: -; Owner: {owner}\n--\n\nCREATE SCHEMA {0};\n\n\n",
            s.schema
        ));
        if s.owner {
            d.push_str(&format!("ALTER SCHEMA {} OWNER TO liferay;\n\n", s.schema));
        }
    }
    d.push_str("SET default_tablespace = '';\n\nSET default_table_access_method = heap;\n\n");
    let q = |t: &Table| format!("{}.{}", s.schema, t.name);
    for (t, _) in &s.tables {
        d.push_str(&format!(
            "--\n-- Name: {0}; Type: TABLE; Schema: {1}; Owner: {owner}\n--\n\nCREATE TABLE {2} (\n",
            t.name.trim_matches('"'),
            s.schema,
            q(t)
        ));
        let cols: Vec<String> = t
            .cols
            .iter()
            .map(|(c, ty, _)| format!("    {c} {ty}"))
            .collect();
        d.push_str(&cols.join(",\n"));
        d.push_str("\n);\n\n\n");
        if s.owner {
            d.push_str(&format!("ALTER TABLE {} OWNER TO liferay;\n\n", q(t)));
        }
        d.push_str(&format!(
            "COMMENT ON TABLE {} IS 'it''s {}';\n\n",
            q(t),
            t.name.replace('\'', "''")
        ));
    }
    for (t, rows) in &s.tables {
        let names: Vec<&str> = t.cols.iter().map(|(c, _, _)| c.as_str()).collect();
        d.push_str(&format!(
            "--\n-- Data for Name: {0}; Type: TABLE DATA; Schema: {1}; Owner: {owner}\n--\n\n\
             COPY {2} ({3}) FROM stdin;\n",
            t.name.trim_matches('"'),
            s.schema,
            q(t),
            names.join(", ")
        ));
        for r in rows {
            d.push_str(&r.join("\t"));
            d.push('\n');
        }
        d.push_str("\\.\n\n\n");
    }
    for (t, _) in &s.tables {
        let bare = t.name.trim_matches('"').to_lowercase();
        d.push_str(&format!(
            "--\n-- Name: {bare} {bare}_pkey; Type: CONSTRAINT\n--\n\nALTER TABLE ONLY {}\n    ADD CONSTRAINT {bare}_pkey PRIMARY KEY ({});\n\n\n\
             CREATE INDEX ix_{bare}_1 ON {} USING btree ({});\n\n\n",
            q(t),
            t.cols[0].0,
            q(t),
            t.cols.last().unwrap().0
        ));
        if s.owner {
            d.push_str(&format!(
                "--\n-- Name: TABLE {bare}; Type: ACL\n--\n\nGRANT SELECT ON TABLE {} TO reporting;\n\n\n",
                q(t)
            ));
        }
    }
    if s.complete {
        d.push_str("--\n-- PostgreSQL database dump complete\n--\n\n");
    }
    d.into_bytes()
}

// --- mysqldump-shaped

/// mysqldump's escaping of a string value.
fn my_escape(s: &[u8]) -> String {
    let mut out = String::from("'");
    let mut buf = Vec::new();
    for &c in s {
        match c {
            0 => buf.extend(b"\\0"),
            b'\n' => buf.extend(b"\\n"),
            b'\r' => buf.extend(b"\\r"),
            b'\\' => buf.extend(b"\\\\"),
            b'\'' => buf.extend(b"\\'"),
            b'"' => buf.extend(b"\\\""),
            0x1a => buf.extend(b"\\Z"),
            _ => buf.push(c),
        }
    }
    out.push_str(&String::from_utf8_lossy(&buf));
    out.push('\'');
    out
}

/// A mysqldump literal for `g`.
fn my_literal(g: Gen) -> BoxedStrategy<String> {
    let null = Just("NULL".to_string());
    match g {
        Gen::Id => (1u64..1_000_000).prop_map(|i| i.to_string()).boxed(),
        Gen::Int => prop_oneof![1 => null, 5 => any::<i64>().prop_map(|i| i.to_string())].boxed(),
        Gen::Bool01 | Gen::BoolTf => prop_oneof![5 => select(&["0", "1"][..]).prop_map(str::to_owned), 1 => null].boxed(),
        Gen::Stamp | Gen::StampTz => prop_oneof![1 => null, 5 => stamp().prop_map(|s| format!("'{s}'"))].boxed(),
        Gen::Text => prop_oneof![1 => null, 5 => text().prop_map(|t| my_escape(t.as_bytes()))].boxed(),
        Gen::Blob | Gen::Bytea | Gen::Oid => prop_oneof![
            1 => null,
            2 => prop::collection::vec(any::<u8>(), 1..24)
                .prop_map(|b| format!("0x{}", b.iter().map(|x| format!("{x:02X}")).collect::<String>())),
            // _binary with the bytes as mysqldump escapes them (valid UTF-8 here, as
            // the generated dump is text)
            2 => text().prop_map(|t| format!("_binary {}", my_escape(t.as_bytes()))),
        ]
        .boxed(),
    }
}

fn my_tables() -> impl Strategy<Value = Vec<Table>> {
    let bt = |n: &str| format!("`{n}`");
    let user = select(&["user_", "User_"][..]).prop_map(move |n| Table {
        name: bt(n),
        cols: vec![
            ("userId".into(), "bigint NOT NULL".into(), Gen::Id),
            ("companyId".into(), "bigint DEFAULT NULL".into(), Gen::Int),
            (
                "createDate".into(),
                "datetime(6) DEFAULT NULL".into(),
                Gen::Stamp,
            ),
            (
                "screenName".into(),
                "varchar(75) DEFAULT NULL".into(),
                Gen::Text,
            ),
            ("lockout".into(), "tinyint DEFAULT NULL".into(), Gen::Bool01),
            ("comments".into(), "longtext".into(), Gen::Text),
        ],
    });
    let company = select(&["company", "Company"][..]).prop_map(move |n| Table {
        name: bt(n),
        cols: vec![
            ("companyId".into(), "bigint NOT NULL".into(), Gen::Id),
            ("webId".into(), "varchar(75) DEFAULT NULL".into(), Gen::Text),
            ("active_".into(), "tinyint DEFAULT NULL".into(), Gen::Bool01),
        ],
    });
    let dl = select(&["dlcontent", "DLContent"][..]).prop_map(move |n| Table {
        name: bt(n),
        cols: vec![
            ("contentId".into(), "bigint NOT NULL".into(), Gen::Id),
            (
                "path_".into(),
                "varchar(255) DEFAULT NULL".into(),
                Gen::Text,
            ),
            ("data_".into(), "longblob".into(), Gen::Blob),
        ],
    });
    let other = select(
        &[
            "assetentry",
            "group_",
            "layout",
            "my_custom",
            "o_20097_books",
            "O_20097_Books",
        ][..],
    )
    .prop_map(move |n| Table {
        name: bt(n),
        cols: vec![
            ("id".into(), "bigint NOT NULL".into(), Gen::Id),
            ("note".into(), "text".into(), Gen::Text),
        ],
    });
    (
        prop::option::of(user),
        prop::option::of(company),
        prop::option::of(dl),
        prop::collection::vec(other, 0..3),
    )
        .prop_map(|(a, b, c, mut rest)| {
            let mut v: Vec<Table> = [a, b, c].into_iter().flatten().collect();
            rest.dedup_by(|x, y| x.name.eq_ignore_ascii_case(&y.name));
            for t in rest {
                if !v.iter().any(|x| x.name.eq_ignore_ascii_case(&t.name)) {
                    v.push(t);
                }
            }
            v
        })
}

#[derive(Clone, Debug)]
struct MyDumpSpec {
    mariadb: bool,
    database: Option<&'static str>,
    trigger: bool,
    view: bool,
    complete: bool,
    tables: Vec<(Table, Vec<Vec<String>>)>,
}

fn my_dump_spec() -> impl Strategy<Value = MyDumpSpec> {
    (
        any::<bool>(),
        prop::option::of(select(&["lportal", "liferay_db"][..])),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.8),
        my_tables().prop_flat_map(|ts| {
            ts.into_iter()
                .map(|t| (Just(t.clone()), rows_for(&t, false)))
                .collect::<Vec<_>>()
        }),
    )
        .prop_map(
            |(mariadb, database, trigger, view, complete, tables)| MyDumpSpec {
                mariadb,
                database,
                trigger,
                view,
                complete,
                tables,
            },
        )
}

fn my_dump_text(s: &MyDumpSpec) -> Vec<u8> {
    let mut d = if s.mariadb {
        String::from("-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: localhost    Database: lportal\n-- ------------------------------------------------------\n-- Server version\t10.11.6-MariaDB-0+deb12u1\n\n")
    } else {
        String::from("-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: lportal\n-- ------------------------------------------------------\n-- Server version\t8.0.36\n\n")
    };
    d.push_str(
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n\
         /*!50503 SET NAMES utf8mb4 */;\n/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n\
         /*!40103 SET TIME_ZONE='+00:00' */;\n\
         /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n\n",
    );
    if let Some(db) = s.database {
        d.push_str(&format!(
            "--\n-- Current Database: `{db}`\n--\n\n/*!40000 DROP DATABASE IF EXISTS `{db}`*/;\n\n\
             CREATE DATABASE /*!32312 IF NOT EXISTS*/ `{db}` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n\nUSE `{db}`;\n\n"
        ));
    }
    for (t, rows) in &s.tables {
        let bare = t.name.trim_matches('`');
        d.push_str(&format!(
            "--\n-- Table structure for table `{bare}`\n--\n\nDROP TABLE IF EXISTS {0};\n\
             /*!40101 SET @saved_cs_client     = @@character_set_client */;\n\
             /*!50503 SET character_set_client = utf8mb4 */;\nCREATE TABLE {0} (\n",
            t.name
        ));
        for (c, ty, _) in &t.cols {
            d.push_str(&format!("  `{c}` {ty},\n"));
        }
        d.push_str(&format!(
            "  PRIMARY KEY (`{}`),\n  KEY `IX_{}` (`{}`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n\
             /*!40101 SET character_set_client = @saved_cs_client */;\n\n",
            t.cols[0].0,
            bare.to_uppercase(),
            t.cols[1].0
        ));
        d.push_str(&format!(
            "--\n-- Dumping data for table `{bare}`\n--\n\nLOCK TABLES {0} WRITE;\n/*!40000 ALTER TABLE {0} DISABLE KEYS */;\n",
            t.name
        ));
        if !rows.is_empty() {
            let tuples: Vec<String> = rows.iter().map(|r| format!("({})", r.join(","))).collect();
            d.push_str(&format!(
                "INSERT INTO {} VALUES {};\n",
                t.name,
                tuples.join(",")
            ));
        }
        d.push_str(&format!(
            "/*!40000 ALTER TABLE {} ENABLE KEYS */;\nUNLOCK TABLES;\n\n",
            t.name
        ));
    }
    if let (true, Some((t, _))) = (s.trigger, s.tables.first()) {
        d.push_str(&format!(
            "/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;\nDELIMITER ;;\n\
             /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `tr_{0}` BEFORE INSERT ON {1} FOR EACH ROW SET NEW.`{2}` = NEW.`{2}` */;;\n\
             DELIMITER ;\n/*!50003 SET sql_mode              = @saved_sql_mode */ ;\n\n",
            t.name.trim_matches('`').to_lowercase(),
            t.name,
            t.cols[0].0
        ));
    }
    if let (true, Some((t, _))) = (s.view, s.tables.last()) {
        d.push_str(&format!(
            "/*!50001 DROP VIEW IF EXISTS `v_all`*/;\n/*!50001 SET @saved_cs_client          = @@character_set_client */;\n\
             /*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n\
             /*!50001 VIEW `v_all` AS select `x`.`{1}` AS `{1}` from {0} `x` */;\n\n",
            t.name, t.cols[0].0
        ));
    }
    d.push_str(
        "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n\n",
    );
    if s.complete {
        d.push_str("-- Dump completed on 2024-03-01 10:00:00\n");
    }
    d.into_bytes()
}

/// What the idempotence runs saw.
#[derive(Default)]
struct FixStats {
    cases: usize,
    /// fix(x) != x: the target rewrote something.
    changed: usize,
    /// Exit codes of the first run.
    codes: BTreeMap<i32, usize>,
}

/// fix(fix(x)) == fix(x), neither run panics nor fails on the input (exit 0 or 1).
fn idempotent(
    target: &str,
    dump: &[u8],
    stats: &std::cell::RefCell<FixStats>,
) -> Result<(), TestCaseError> {
    let args = ["--target", target];
    let first = run_fix(&args, dump);
    let err = String::from_utf8_lossy(&first.stderr);
    prop_assert!(
        matches!(first.status.code(), Some(0 | 1)) && !err.contains("panicked"),
        "fix --target {target}: {}\n{err}\n--- input ---\n{}",
        first.status,
        String::from_utf8_lossy(dump)
    );
    let second = run_fix(&args, &first.stdout);
    let err2 = String::from_utf8_lossy(&second.stderr);
    prop_assert!(
        matches!(second.status.code(), Some(0 | 1)) && !err2.contains("panicked"),
        "second fix --target {target}: {}\n{err2}",
        second.status
    );
    if second.stdout != first.stdout {
        let a = String::from_utf8_lossy(&first.stdout);
        let b = String::from_utf8_lossy(&second.stdout);
        let line = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        return Err(TestCaseError::fail(format!(
            "fix --target {target} is not idempotent: first difference at line {}:\n  fix(x):      {:?}\n  fix(fix(x)): {:?}\n--- input ---\n{}\n--- fix(x) ---\n{a}",
            line + 1,
            a.lines().nth(line).unwrap_or(""),
            b.lines().nth(line).unwrap_or(""),
            String::from_utf8_lossy(dump),
        )));
    }
    let mut st = stats.borrow_mut();
    st.cases += 1;
    st.changed += usize::from(first.stdout != dump);
    *st.codes
        .entry(first.status.code().unwrap_or(-1))
        .or_default() += 1;
    Ok(())
}

/// Run the idempotence property for `target` on `cases` generated dumps.
fn check_idempotent<S: Strategy>(target: &str, strategy: S, text: impl Fn(&S::Value) -> Vec<u8>) {
    let started = Instant::now();
    let stats = std::cell::RefCell::new(FixStats::default());
    let mut runner = TestRunner::new(config(48));
    let result = runner.run(&strategy, |spec| idempotent(target, &text(&spec), &stats));
    let st = stats.into_inner();
    eprintln!(
        "fix --target {target} idempotent: {} cases passed, {} changed by the first fix, first-run exit codes {:?}, {:.1}s",
        st.cases,
        st.changed,
        st.codes,
        started.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(
        st.changed * 2 > st.cases,
        "the generated dumps should mostly need fixing"
    );
}

#[test]
fn fix_liferay_postgresql_is_idempotent() {
    check_idempotent("liferay-postgresql", pg_dump_spec(), pg_dump_text);
}

#[test]
fn fix_liferay_mysql_is_idempotent() {
    check_idempotent("liferay-mysql", my_dump_spec(), my_dump_text);
}

// ================================================================== convert + load

/// One column of the all-types table: name, MySQL type, how its values are
/// generated and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum K {
    Int {
        min: i128,
        max: i128,
    },
    Bool,
    Dec {
        int: u32,
        frac: u32,
    },
    /// DOUBLE
    Float,
    /// FLOAT (single precision)
    Real,
    Text {
        max: usize,
        nul: bool,
    },
    Bytes {
        max: usize,
        fixed: bool,
    },
    Date,
    DateTime {
        frac: bool,
    },
    Timestamp,
    Time,
    Year,
    Bits(u32),
    Enum,
    Set,
    Json,
}

const ENUM: &[&str] = &["a", "b c", "it's", "ü", "x\\y"];
const SET: &[&str] = &["x", "y z", "q'r", "é", "b\\s"];

const COLUMNS: &[(&str, &str, K)] = &[
    (
        "c_tinyint",
        "tinyint",
        K::Int {
            min: -128,
            max: 127,
        },
    ),
    (
        "c_tinyint_u",
        "tinyint unsigned",
        K::Int { min: 0, max: 255 },
    ),
    ("c_bool", "tinyint(1)", K::Bool),
    (
        "c_smallint",
        "smallint",
        K::Int {
            min: -32768,
            max: 32767,
        },
    ),
    (
        "c_smallint_u",
        "smallint unsigned",
        K::Int { min: 0, max: 65535 },
    ),
    (
        "c_mediumint",
        "mediumint",
        K::Int {
            min: -8_388_608,
            max: 8_388_607,
        },
    ),
    (
        "c_mediumint_u",
        "mediumint unsigned",
        K::Int {
            min: 0,
            max: 16_777_215,
        },
    ),
    (
        "c_int",
        "int",
        K::Int {
            min: i32::MIN as i128,
            max: i32::MAX as i128,
        },
    ),
    (
        "c_int_u",
        "int unsigned",
        K::Int {
            min: 0,
            max: u32::MAX as i128,
        },
    ),
    (
        "c_bigint",
        "bigint",
        K::Int {
            min: i64::MIN as i128,
            max: i64::MAX as i128,
        },
    ),
    (
        "c_bigint_u",
        "bigint unsigned",
        K::Int {
            min: 0,
            max: u64::MAX as i128,
        },
    ),
    ("c_decimal", "decimal(20,6)", K::Dec { int: 14, frac: 6 }),
    (
        "c_decimal_wide",
        "decimal(65,30)",
        K::Dec { int: 35, frac: 30 },
    ),
    ("c_float", "float", K::Real),
    ("c_double", "double", K::Float),
    (
        "c_char",
        "char(10)",
        K::Text {
            max: 10,
            nul: false,
        },
    ),
    ("c_varchar", "varchar(255)", K::Text { max: 60, nul: true }),
    ("c_tinytext", "tinytext", K::Text { max: 60, nul: true }),
    (
        "c_text",
        "text",
        K::Text {
            max: 200,
            nul: true,
        },
    ),
    (
        "c_mediumtext",
        "mediumtext",
        K::Text {
            max: 200,
            nul: true,
        },
    ),
    (
        "c_longtext",
        "longtext",
        K::Text {
            max: 2000,
            nul: true,
        },
    ),
    (
        "c_binary",
        "binary(8)",
        K::Bytes {
            max: 8,
            fixed: true,
        },
    ),
    (
        "c_varbinary",
        "varbinary(64)",
        K::Bytes {
            max: 64,
            fixed: false,
        },
    ),
    (
        "c_tinyblob",
        "tinyblob",
        K::Bytes {
            max: 255,
            fixed: false,
        },
    ),
    (
        "c_blob",
        "blob",
        K::Bytes {
            max: 300,
            fixed: false,
        },
    ),
    (
        "c_mediumblob",
        "mediumblob",
        K::Bytes {
            max: 300,
            fixed: false,
        },
    ),
    (
        "c_longblob",
        "longblob",
        K::Bytes {
            max: 3000,
            fixed: false,
        },
    ),
    ("c_date", "date", K::Date),
    ("c_datetime", "datetime", K::DateTime { frac: false }),
    ("c_datetime6", "datetime(6)", K::DateTime { frac: true }),
    (
        "c_timestamp",
        "timestamp(6) NULL DEFAULT NULL",
        K::Timestamp,
    ),
    ("c_time", "time(6)", K::Time),
    ("c_year", "year", K::Year),
    ("c_bit1", "bit(1)", K::Bits(1)),
    ("c_bit5", "bit(5)", K::Bits(5)),
    ("c_bit64", "bit(64)", K::Bits(64)),
    ("c_enum", "enum('a','b c','it''s','ü','x\\\\y')", K::Enum),
    ("c_set", "set('x','y z','q''r','é','b\\\\s')", K::Set),
    ("c_json", "json", K::Json),
];

/// A MariaDB value of column kind `k`, as a SQL literal (`NULL` included).
fn maria_value(k: K) -> BoxedStrategy<String> {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>();
    let text_lit = move |s: &str| {
        if s.is_empty() {
            "''".to_string()
        } else {
            format!("_utf8mb4 X'{}'", hex(s.as_bytes()))
        }
    };
    let v: BoxedStrategy<String> = match k {
        K::Int { min, max } => prop_oneof![
            1 => Just(min), 1 => Just(max), 1 => Just(0i128),
            4 => min..=max,
            2 => (-100i128..100).prop_map(move |x| x.clamp(min, max)),
        ]
        .prop_map(|x| x.to_string())
        .boxed(),
        K::Bool => select(&["0", "1"][..]).prop_map(str::to_owned).boxed(),
        K::Dec { int, frac } => (any::<bool>(), prop_oneof![1 => Just(None), 4 => (0..=int).prop_map(Some)], prop::collection::vec(0u8..10, (int + frac) as usize), any::<bool>())
            .prop_map(move |(neg, digits, ds, max)| {
                let ds: Vec<u8> = if max { vec![9; (int + frac) as usize] } else { ds };
                let n = digits.unwrap_or(int) as usize;
                let ip: String = ds[..n].iter().map(|d| char::from(b'0' + d)).collect();
                let fp: String = ds[int as usize..].iter().map(|d| char::from(b'0' + d)).collect();
                let ip = if ip.is_empty() { "0".to_string() } else { ip };
                format!("{}{ip}.{fp}", if neg { "-" } else { "" })
            })
            .boxed(),
        // Any double, in its shortest form: compared exactly, so a digit lost fails.
        K::Float => prop_oneof![
            1 => Just("0".to_string()),
            3 => (-999_999i64..=999_999, -12i32..=12).prop_map(|(m, e)| format!("{m}e{e}")),
            6 => any::<f64>()
                .prop_filter("finite", |v| v.is_finite())
                .prop_map(|v| format!("{v:e}")),
        ]
        .boxed(),
        // MariaDB's FLOAT: six significant digits at most, since mariadb-dump itself
        // writes FLOAT values with six (a seventh would be lost before dumpfix sees
        // the dump); compared exactly as single-precision values.
        K::Real => prop_oneof![
            1 => Just("0".to_string()),
            6 => (-999_999i64..=999_999, -30i32..=30).prop_map(|(m, e)| format!("{m}e{e}")),
        ]
        .boxed(),
        K::Text { max, nul } => prop::collection::vec(
            select(&[
                "a", "Z", "0", " ", "'", "\"", "\\", "\\0", "\\n", "\n", "\r", "\t", "\u{1a}", "%", "_",
                ",", ";", "é", "€", "😀", "\u{0}",
            ][..]),
            0..max.min(40),
        )
        .prop_map(move |parts| {
            let mut s: String = parts.concat();
            if !nul {
                s.retain(|c| c != '\0');
            }
            let s: String = s.chars().take(max).collect();
            text_lit(&s)
        })
        .boxed(),
        K::Bytes { max, fixed } => prop_oneof![
            4 => prop::collection::vec(any::<u8>(), 0..=max.min(64)),
            1 => prop::collection::vec(select(&[0u8, b'\'', b'\\', b'"', b'\n', 0x1a, 0xff, 0xc3][..]), 0..=max.min(16)),
            1 => (any::<u8>(), 0..=max).prop_map(|(b, n)| vec![b; n]),
        ]
        .prop_map(move |b| {
            let b = if fixed { b[..b.len().min(max)].to_vec() } else { b };
            if b.is_empty() { "''".to_string() } else { format!("X'{}'", hex(&b)) }
        })
        .boxed(),
        K::Date => prop_oneof![
            6 => (1000u32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("'{y:04}-{m:02}-{d:02}'")),
            1 => select(&["'0000-00-00'", "'2001-00-05'", "'2001-02-00'", "'0000-01-01'", "'9999-12-31'", "'1000-01-01'", "'2024-02-29'"][..])
                .prop_map(str::to_owned),
        ]
        .boxed(),
        K::DateTime { frac } => prop_oneof![
            6 => (1000u32..=9999, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, 0u32..60, 0u32..1_000_000)
                .prop_map(move |(y, mo, d, h, mi, s, f)| if frac {
                    format!("'{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{f:06}'")
                } else {
                    format!("'{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}'")
                }),
            1 => select(&["'0000-00-00 00:00:00'", "'2001-00-01 10:00:00'", "'9999-12-31 23:59:59'"][..]).prop_map(str::to_owned),
        ]
        .boxed(),
        K::Timestamp => prop_oneof![
            6 => (1_000_000i64..2_147_483_647, 0u32..1_000_000).prop_map(|(secs, f)| format!("FROM_UNIXTIME({secs}.{f:06})")),
            1 => Just("'0000-00-00 00:00:00'".to_string()),
            1 => Just("'2038-01-19 03:14:07.999999'".to_string()),
        ]
        .boxed(),
        K::Time => prop_oneof![
            6 => (0u32..24, 0u32..60, 0u32..60, 0u32..1_000_000).prop_map(|(h, m, s, f)| format!("'{h:02}:{m:02}:{s:02}.{f:06}'")),
            2 => (any::<bool>(), 0u32..839, 0u32..60, 0u32..60).prop_map(|(neg, h, m, s)| format!("'{}{h}:{m:02}:{s:02}'", if neg { "-" } else { "" })),
            1 => select(&["'838:59:59'", "'-838:59:59'", "'24:00:00'", "'00:00:00'"][..]).prop_map(str::to_owned),
        ]
        .boxed(),
        K::Year => prop_oneof![4 => (1901u32..=2155).prop_map(|y| y.to_string()), 1 => Just("0".to_string())].boxed(),
        K::Bits(n) => {
            let max = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
            prop_oneof![1 => Just(0u64), 1 => Just(max), 3 => 0..=max]
                .prop_map(|x| format!("b'{x:b}'"))
                .boxed()
        }
        K::Enum => prop_oneof![
            6 => select(ENUM).prop_map(|e| format!("'{}'", e.replace('\\', "\\\\").replace('\'', "''"))),
            // not a member: MariaDB (not strict) stores the "error value" ''
            1 => Just("''".to_string()),
        ]
        .boxed(),
        K::Set => prop::collection::vec(select(SET), 0..4)
            .prop_map(|v| {
                let mut v = v;
                v.dedup();
                format!("'{}'", v.join(",").replace('\\', "\\\\").replace('\'', "''"))
            })
            .boxed(),
        K::Json => json_value(2)
            .prop_map(move |j| {
                let s = serde_json::to_string(&j).unwrap();
                text_lit(&s)
            })
            .boxed(),
    };
    prop_oneof![1 => Just("NULL".to_string()), 5 => v].boxed()
}

fn json_value(depth: u32) -> BoxedStrategy<serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::from),
        (-9999i32..9999).prop_map(|i| Value::from(f64::from(i) / 8.0)),
        prop::collection::vec(
            select(&["a", "é", "\"", "\\", "\n", "\t", "😀", "/", "'", " "][..]),
            0..8
        )
        .prop_map(|v| Value::String(v.concat())),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        2 => leaf,
        1 => prop::collection::vec(json_value(depth - 1), 0..4).prop_map(Value::Array),
        1 => prop::collection::btree_map(select(&["k", "a b", "é", "\"q\"", "x.y"][..]).prop_map(str::to_owned), json_value(depth - 1), 0..4)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
    ]
    .boxed()
}

#[derive(Clone, Debug)]
struct ConvertCase {
    rows: Vec<Vec<String>>,
    latin1: Vec<(Option<String>, Option<String>)>,
    hex_blob: bool,
    extended: bool,
    complete_insert: bool,
}

fn convert_case() -> impl Strategy<Value = ConvertCase> {
    let row: Vec<BoxedStrategy<String>> = COLUMNS.iter().map(|(_, _, k)| maria_value(*k)).collect();
    let latin1 = prop::option::of(
        prop::collection::vec(
            select(&["a", "é", "ü", "ß", "©", "'", "\\", "\n", "\0", "ÿ", " "][..]),
            0..20,
        )
        .prop_map(|v| v.concat()),
    );
    (
        prop::collection::vec(row, 0..10),
        prop::collection::vec((latin1.clone(), latin1), 0..4),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(rows, latin1, hex_blob, extended, complete_insert)| ConvertCase {
                rows,
                latin1,
                hex_blob,
                extended,
                complete_insert,
            },
        )
}

fn maria_script(c: &ConvertCase) -> String {
    let mut s = String::from(
        "SET NAMES utf8mb4;\nSET SESSION sql_mode = '';\nSET time_zone = '+00:00';\n\
         CREATE TABLE `AllTypes` (\n  `id` int NOT NULL AUTO_INCREMENT,\n",
    );
    for (name, ty, _) in COLUMNS {
        s.push_str(&format!("  `{name}` {ty},\n"));
    }
    s.push_str("  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n");
    s.push_str(
        "CREATE TABLE `latin` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY, `v` varchar(40), `t` text) \
         DEFAULT CHARSET=latin1;\n",
    );
    let names: Vec<String> = COLUMNS.iter().map(|(n, _, _)| format!("`{n}`")).collect();
    for r in &c.rows {
        s.push_str(&format!(
            "INSERT INTO `AllTypes` ({}) VALUES ({});\n",
            names.join(", "),
            r.join(", ")
        ));
    }
    for (v, t) in &c.latin1 {
        let lit = |x: &Option<String>| match x {
            None => "NULL".to_string(),
            Some(x) if x.is_empty() => "''".to_string(),
            Some(x) => format!(
                "_utf8mb4 X'{}'",
                x.bytes().map(|b| format!("{b:02X}")).collect::<String>()
            ),
        };
        s.push_str(&format!(
            "INSERT INTO `latin` (`v`, `t`) VALUES ({}, {});\n",
            lit(v),
            lit(t)
        ));
    }
    s
}

/// How a column of kind `k` is read on MariaDB and, after `convert`, on PostgreSQL, and
/// its normalisation (`tests/common/compare.rs`, as `tests/convert.rs` compares: numbers
/// without trailing zeros, floats exactly (as doubles), text as md5 without NULs,
/// dates formatted and zero dates NULL, sets sorted). Beyond what `canon` picks there:
/// TIME outside PostgreSQL's range is NULL (what the converter writes for it), bits of
/// any width as binary digits, JSON as hex (parsed and compared as JSON here).
fn kind(k: K) -> (Logical, Logical, Canon) {
    use Logical as L;
    match k {
        K::Int { .. } | K::Year => (L::Int, L::Int, Canon::Num),
        K::Bool | K::Bits(1) => (L::Int, L::Bool, Canon::Bool),
        K::Dec { .. } => (L::Decimal, L::Decimal, Canon::Num),
        K::Float => (L::Float, L::Float, Canon::Float),
        K::Real => (L::Real, L::Real, Canon::Float32),
        K::Text { .. } => (L::Text, L::Text, Canon::Text),
        K::Enum => (L::Enum, L::Enum, Canon::Text),
        K::Bytes { .. } => (L::Bytes, L::Bytes, Canon::Bytes),
        K::Date => (L::Date, L::Date, Canon::Date),
        K::DateTime { .. } | K::Timestamp => (L::DateTime, L::DateTime, Canon::DateTime),
        K::Time => (L::Time, L::Time, Canon::TimeInPgRange),
        K::Bits(_) => (L::Bit, L::Bit, Canon::BitString),
        K::Set => {
            let elems = SET.iter().map(|e| (*e).to_owned()).collect();
            (L::Set(elems), L::Set(Vec::new()), Canon::Set)
        }
        K::Json => (L::Json, L::Json, Canon::JsonHex),
    }
}

/// Rows by id: the canonical texts of every column (`~` for NULL; JSON parsed).
type Rows = BTreeMap<i64, Vec<String>>;

fn canon_json(hex: &str) -> String {
    if hex == "~" {
        return hex.to_owned();
    }
    let v: serde_json::Value = serde_json::from_slice(&unhex(hex)).unwrap();
    v.to_string()
}

/// The rows of `table` (columns `cols` after `id`) on either server.
fn rows(side: &Side, table: &str, cols: &[(&str, K)]) -> Rows {
    let pg = matches!(side, Side::Pg { .. });
    let col = |name: &str, logical: Logical| Col {
        name: name.to_owned(),
        ty: String::new(),
        logical,
        pk: false,
    };
    let mut plan = vec![(col("id", Logical::Int), Canon::Num)];
    for (name, k) in cols {
        let (my, pgl, canon) = kind(*k);
        plan.push((col(name, if pg { pgl } else { my }), canon));
    }
    let plan: Vec<(&Col, Canon)> = plan.iter().map(|(c, k)| (c, *k)).collect();
    side.canon_rows(table, &plan)
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            assert_eq!(f.len(), cols.len() + 1, "odd row {l:?}");
            let vals = f[1..]
                .iter()
                .zip(cols)
                .map(|(v, (_, k))| {
                    if *k == K::Json {
                        canon_json(v)
                    } else {
                        (*v).to_owned()
                    }
                })
                .collect();
            (f[0].parse().unwrap(), vals)
        })
        .collect()
}

fn compare(label: &str, cols: &[(&str, K)], left: &Rows, right: &Rows) -> Result<(), String> {
    let mut problems = Vec::new();
    if left.len() != right.len() {
        problems.push(format!(
            "{label}: {} rows in MariaDB, {} in PostgreSQL",
            left.len(),
            right.len()
        ));
    }
    for (id, l) in left {
        match right.get(id) {
            None => problems.push(format!("{label}: row {id} missing in PostgreSQL")),
            Some(r) => {
                for ((a, b), (name, _)) in l.iter().zip(r).zip(cols) {
                    if a != b {
                        problems.push(format!(
                            "{label} row {id} column {name}: MariaDB {a:?}, PostgreSQL {b:?}"
                        ));
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// MariaDB → mysqldump → dumpfix convert → PostgreSQL, then compare. Returns the
/// number of rows compared.
fn convert_roundtrip(m: &Maria, pg: &Pg, c: &ConvertCase) -> Result<usize, String> {
    let script = maria_script(c);
    let mdb = m.create_db(&unique_name("prop_cv"));
    m.load_bytes(&mdb, script.as_bytes());

    let mut dump = std::process::Command::new("mysqldump");
    dump.args(&m.extra_args);
    if c.hex_blob {
        dump.arg("--hex-blob");
    }
    if !c.extended {
        dump.arg("--skip-extended-insert");
    }
    if c.complete_insert {
        dump.arg("--complete-insert");
    }
    dump.arg(mdb.name()).stdin(Stdio::null());
    let dumped = common::run(dump, None)?.stdout;

    let mut conv = dumpfix();
    conv.args(["convert", "--to", "postgresql"]);
    let mut child = conv
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut si = child.stdin.take().unwrap();
    let feed = dumped.clone();
    let w = std::thread::spawn(move || {
        let _ = si.write_all(&feed);
    });
    let out = child.wait_with_output().unwrap();
    w.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let dump_text = || String::from_utf8_lossy(&dumped).into_owned();
    if !matches!(out.status.code(), Some(0 | 1)) || stderr.contains("panicked") {
        return Err(format!(
            "convert: {}\n{stderr}\n--- mysqldump ---\n{}",
            out.status,
            dump_text()
        ));
    }

    let pdb = pg.create_db(&unique_name("prop_cv"));
    let mut load = pg.psql(&pdb);
    load.args(["--single-transaction", "-f", "-"]);
    common::run(load, Some(&out.stdout)).map_err(|e| {
        format!(
            "loading the converted dump into PostgreSQL: {e}\nconvert said:\n{stderr}\n--- converted ---\n{}\n--- mysqldump ---\n{}",
            String::from_utf8_lossy(&out.stdout),
            dump_text()
        )
    })?;

    let cols: Vec<(&str, K)> = COLUMNS.iter().map(|(n, _, k)| (*n, *k)).collect();
    let maria = Side::Maria {
        m,
        db: mdb.name(),
        utc: true,
    };
    let postgres = Side::Pg { pg, db: pdb.name() };
    let left = rows(&maria, "AllTypes", &cols);
    let right = rows(&postgres, "alltypes", &cols);
    let text = [
        ("v", K::Text { max: 40, nul: true }),
        ("t", K::Text { max: 40, nul: true }),
    ];
    let l2 = rows(&maria, "latin", &text);
    let r2 = rows(&postgres, "latin", &text);
    let mut problems = Vec::new();
    if left.len() != c.rows.len() || l2.len() != c.latin1.len() {
        problems.push("MariaDB does not hold the generated rows".to_string());
    }
    problems.extend(compare("alltypes", &cols, &left, &right).err());
    problems.extend(compare("latin", &text, &l2, &r2).err());
    // The comparison is live: three values changed on PostgreSQL are found.
    if let (Some(&id), true) = (left.keys().next(), problems.is_empty()) {
        pg.query(
            &pdb,
            &format!(
                "UPDATE public.alltypes SET c_text = COALESCE(c_text, '') || 'x', \
                 c_bigint_u = COALESCE(c_bigint_u, 0) + 1, \
                 c_datetime6 = COALESCE(c_datetime6, '2000-01-01') + interval '1 microsecond' \
                 WHERE id = {id}"
            ),
        );
        let changed = rows(&postgres, "alltypes", &cols);
        let found = compare("alltypes", &cols, &left, &changed)
            .err()
            .unwrap_or_default();
        for col in ["c_text", "c_bigint_u", "c_datetime6"] {
            if !found.contains(&format!("row {id} column {col}:")) || found.lines().count() != 3 {
                problems.push(format!("a changed {col} was not found:\n{found}"));
            }
        }
    }
    // The identity is set past the data: a new row gets a fresh id.
    let max = left.keys().max().copied().unwrap_or(0);
    let id: i64 = pg
        .query(
            &pdb,
            "INSERT INTO public.alltypes (c_int) VALUES (1) RETURNING id",
        )
        .lines()
        .next()
        .unwrap_or_default()
        .parse()
        .unwrap();
    if id <= max {
        problems.push(format!(
            "identity not set past the data: new id {id}, max {max}"
        ));
    }
    if problems.is_empty() {
        Ok(left.len() + l2.len())
    } else {
        Err(format!(
            "{}\nconvert said:\n{stderr}\n--- mysqldump ---\n{}",
            problems.join("\n"),
            dump_text()
        ))
    }
}

/// Random rows of every MySQL type survive MariaDB → mysqldump → convert → PostgreSQL.
/// Hits both servers: 12 cases, no shrinking beyond 16 steps.
#[test]
fn convert_then_load_preserves_generated_rows() {
    let test = "convert_then_load_preserves_generated_rows";
    let Some(m) = Maria::connect(test) else {
        return;
    };
    let Some(pg) = Pg::connect(test) else {
        return;
    };
    let started = Instant::now();
    let mut runner = TestRunner::new(ProptestConfig {
        max_shrink_iters: 16,
        ..config(12)
    });
    let rows = std::cell::Cell::new(0usize);
    let cases = std::cell::Cell::new(0usize);
    let result = runner.run(&convert_case(), |c| {
        let n = convert_roundtrip(&m, &pg, &c).map_err(TestCaseError::fail)?;
        rows.set(rows.get() + n);
        cases.set(cases.get() + 1);
        Ok(())
    });
    eprintln!(
        "convert property: {} cases, {} rows compared, {:.1}s",
        cases.get(),
        rows.get(),
        started.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

// ================================================================== regressions
//
// Cases the properties above found, kept as plain tests.

/// A psql script whose first comment nests (`/* a /* b */ c */`) was refused as "not
/// a SQL dump" (detection ended the comment at the first `*/`).
#[test]
fn regression_nested_block_comment_before_the_first_statement() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dump.sql");
    for ok in [
        &b"--\n-- PostgreSQL database dump\n--\n\n/* a /* nested; */ b */SELECT 1;\n"[..],
        b"/* a /* nested */ b */\nSET client_encoding = 'UTF8';\n",
        // MySQL comments do not nest: still SQL
        b"/* a /* b */ SELECT 1;\n",
    ] {
        std::fs::write(&path, ok).unwrap();
        assert_eq!(
            pieces_of_file(&path, true).as_deref(),
            Ok(ok),
            "{:?}",
            String::from_utf8_lossy(ok)
        );
    }
    // Garbage after a nested comment is still refused.
    std::fs::write(&path, b"/* a /* b */ c */\x00\x01\x02garbage").unwrap();
    let e = pieces_of_file(&path, true).unwrap_err();
    assert!(e.contains("not a SQL dump"), "{e}");
}

/// Converts `dump` (`convert --to postgresql [ARGS]`), expects exit 1 with every
/// `notes` on stderr, and loads the result into PostgreSQL when it is reachable.
fn convert_and_load(test: &str, dump: &str, args: &[&str], notes: &[&str]) -> String {
    // a whole dump: with mysqldump's completion comment (else D001)
    let dump = &format!("{dump}\n-- Dump completed on 2024-01-01 10:00:00\n");
    let mut child = dumpfix()
        .args(["convert", "--to", "postgresql"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dump.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let sql = String::from_utf8(out.stdout).unwrap();
    let code = if notes.is_empty() { 0 } else { 1 };
    assert_eq!(out.status.code(), Some(code), "{err}\n{sql}");
    for n in notes {
        assert!(err.contains(n), "expected {n:?} in:\n{err}");
    }
    if let Some(pg) = Pg::connect(test) {
        let db = pg.create_db(&unique_name("prop_reg"));
        pg.load_bytes(&db, sql.as_bytes());
    }
    sql
}

const MY_DUMP_HEAD: &str =
    "-- MySQL dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)\n\
/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n";

/// MySQL TIME goes from -838:59:59 to 838:59:59; the converter made such columns
/// PostgreSQL `time` (00:00:00 to 24:00:00) and wrote the values as they were, so
/// `psql -v ON_ERROR_STOP=1` failed on the first one and loaded nothing. Now they are
/// written as NULL and reported, like every value PostgreSQL cannot store; with
/// `--cast …=interval` they are kept.
#[test]
fn regression_time_outside_postgresql_time_range() {
    let test = "regression_time_outside_postgresql_time_range";
    let dump = format!(
        "{MY_DUMP_HEAD}CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `d` time(6) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n);\n\
         INSERT INTO `t` VALUES (1,'838:59:59.000000'),(2,'-01:00:00.000000'),(3,'24:00:00.000000'),(4,'12:34:56.500000'),(5,'100:00:00.000000');\n"
    );
    let sql = convert_and_load(
        test,
        &dump,
        &[],
        &["t.d: unexpected value", "written as NULL"],
    );
    assert!(
        sql.contains("1\t\\N\n2\t\\N\n3\t24:00:00.000000\n4\t12:34:56.500000\n5\t\\N\n"),
        "{sql}"
    );
    let sql = convert_and_load(test, &dump, &["--cast", "t.d=interval"], &[]);
    assert!(sql.contains("d interval"), "{sql}");
    assert!(
        sql.contains("1\t838:59:59.000000\n2\t-01:00:00.000000\n"),
        "{sql}"
    );
}

/// An enum column holds `''` when a value that is not a member was stored (MySQL's
/// "error value", which mysqldump writes as `''`), and SHOW CREATE TABLE escapes a
/// backslash in a member (`'x\\y'`). The CHECK the converter wrote rejected both
/// rows, so the load failed. Both the enum type (default) and `--enum-as-check` take
/// them.
#[test]
fn regression_enum_error_value_and_backslash_member() {
    let test = "regression_enum_error_value_and_backslash_member";
    let dump = format!(
        "{MY_DUMP_HEAD}CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `e` enum('a','x\\\\y','it''s','q\"r') NOT NULL,\n  PRIMARY KEY (`id`)\n);\n\
         INSERT INTO `t` VALUES (1,''),(2,'x\\\\y'),(3,'it\\'s'),(4,'q\\\"r');\n"
    );
    let sql = convert_and_load(test, &dump, &[], &[]);
    assert!(
        sql.contains(r#"CREATE TYPE t_e AS ENUM ('', 'a', 'x\y', 'it''s', 'q"r');"#),
        "{sql}"
    );
    let sql = convert_and_load(test, &dump, &["--enum-as-check"], &[]);
    assert!(
        sql.contains(r#"CHECK (e IN ('a','x\y','it''s','q"r',''))"#),
        "{sql}"
    );
}
