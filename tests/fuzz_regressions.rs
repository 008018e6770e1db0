//! Inputs found by fuzzing (`scripts/fuzz.sh`, targets in `fuzz/`), each fed through
//! the API or the command that failed on it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use dumpfix::lex::driver::{split_reader, split_slice, Options, PieceRef};
use dumpfix::lex::{Dialect, Kind, Lexer};

type Pieces = Vec<(Kind, usize, bool, bool)>;

/// The pieces and whether it failed, through the slice path and through the reader
/// path with reads of `read_size` bytes.
fn both_paths(
    dialect: Dialect,
    data: &[u8],
    window: usize,
    read_size: usize,
) -> [(Pieces, bool); 2] {
    let rec = |v: &mut Pieces, p: PieceRef<'_>| {
        v.push((p.kind(), p.bytes.len(), p.piece.partial, p.piece.continued));
        Ok(())
    };
    let opts = Options { read_size, window };
    let mut a = Vec::new();
    let ra = split_slice(&mut Lexer::new(dialect), data, &opts, "t", |p| {
        rec(&mut a, p)
    });
    let mut b = Vec::new();
    let rb = split_reader(&mut Lexer::new(dialect), data, &opts, "t", |p| {
        rec(&mut b, p)
    });
    [(a, ra.is_err()), (b, rb.is_err())]
}

/// fuzz target split_mysql: when the input ends exactly one window after the start of
/// a piece, the reader path cut a fragment (it did not know yet that no more input
/// followed) where the slice path handed out the rest as the whole last piece.
#[test]
fn piece_ending_exactly_at_the_window_end_is_not_fragmented_on_the_reader_path() {
    let window = 1024;
    for dialect in [Dialect::Mysql, Dialect::Postgres] {
        for len in [window, 2 * window, 3 * window] {
            // one statement without its delimiter, `len` bytes long
            let mut data = b"SELECT '".to_vec();
            data.resize(len - 1, b'x');
            data.push(b'\'');
            for read_size in [1, 7, 512, 1024, 4096, 1 << 20] {
                let [slice, reader] = both_paths(dialect, &data, window, read_size);
                assert_eq!(slice, reader, "{dialect} len {len} read size {read_size}");
                assert!(!slice.1);
                let whole: usize = slice.0.iter().map(|p| p.1).sum();
                assert_eq!(whole, data.len());
            }
        }
        // the same input cut inside the string: both paths fail, after the same pieces
        let mut data = b"INSERT INTO t VALUES (1,'".to_vec();
        data.resize(4 * window, b'y');
        for read_size in [3, 1024, 1 << 20] {
            let [slice, reader] = both_paths(dialect, &data, window, read_size);
            assert_eq!(slice, reader, "{dialect} truncated, read size {read_size}");
            assert!(slice.1, "unterminated string is an error");
        }
    }
}

/// fuzz target split_mysql (and split_postgres): a token longer than the lexer's
/// keyword limit that reached the end of a read was read again as a new word from where
/// the read had ended, so the scan stopped at different places depending on the read
/// sizes, and fragments of a long statement were cut at different offsets on the
/// reader path and the slice path.
#[test]
fn long_tokens_are_fragmented_alike_whatever_the_read_size() {
    let found = include_bytes!("data/fuzz/split-long-token-across-reads.sql").to_vec();
    let mut synthetic = b"SELECT 1;\nSELECT ".to_vec();
    synthetic.extend(std::iter::repeat_n(b'a', 3000));
    synthetic.extend_from_slice(b" FROM t;\n");
    for data in [&found, &synthetic] {
        for dialect in [Dialect::Mysql, Dialect::Postgres] {
            for window in [1024, 1027, 1500] {
                for read_size in (1..=130).chain([511, 1024, 4096]) {
                    let [slice, reader] = both_paths(dialect, data, window, read_size);
                    assert_eq!(
                        slice, reader,
                        "{dialect} window {window} read size {read_size}"
                    );
                }
            }
        }
    }
}

/// fuzz targets split_postgres, split_mysql: a `$` inside a token (`6C$REATURE`, `1x$insert`)
/// ended the token when a read ended just before the `$`: what followed was read as a
/// new word, here the statement's first word, so the reader path took a statement for an
/// INSERT (or the reverse) depending on the read sizes.
#[test]
fn dollar_inside_a_token_does_not_start_a_word_whatever_the_read_size() {
    let found: &[u8] = b".99\xbd\t1\n66\xcc\xf6\xca\xce\xc6C$REATUREPLAC9\xbd\t1\nINSERT INTO order_details VALUES (10293, 75, 6.19999981, 6, 0);\n";
    let synthetic: &[u8] = b"1x$insert into t values (1);\nINSERT INTO t VALUES (2);\n";
    // the first word: `INSERT` (what comes before it is inside tokens), `into`
    for (data, first) in [(found, Kind::InsertHead), (synthetic, Kind::Statement)] {
        for dialect in [Dialect::Mysql, Dialect::Postgres] {
            let [slice, _] = both_paths(dialect, data, 1 << 20, 1 << 20);
            assert_eq!(slice.0[0].0, first, "{dialect}: {:?}", slice.0);
            for read_size in 1..=data.len() {
                let [slice, reader] = both_paths(dialect, data, 1024, read_size);
                assert_eq!(slice, reader, "{dialect} read size {read_size}");
            }
        }
    }
}

/// fuzz target split_mysql: after `DELIMITER $$`, a `$$` right after a word (`foo$$`)
/// was taken as part of the word when the splitter was reading words (at the start of a
/// statement), so the statement did not end there; the reader path, whose reads could
/// end before the `$`, did end it: the pieces depended on the read sizes. The mysql
/// client ends the statement at the delimiter wherever it is outside quotes and
/// comments.
#[test]
fn word_byte_delimiter_ends_the_statement_right_after_a_word() {
    let data: &[u8] = b"DELIMITER $$\nfoo$$SELECT 1$$\nDELIMITER ;\nSELECT 2;\n";
    let mut statements = Vec::new();
    split_slice(
        &mut Lexer::new(Dialect::Mysql),
        data,
        &Options::default(),
        "t",
        |p| {
            if p.kind() == Kind::Statement {
                statements.push(String::from_utf8_lossy(p.bytes).into_owned());
            }
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(statements, ["foo$$", "SELECT 1$$", "SELECT 2;"]);
    let found = include_bytes!("data/fuzz/split-delimiter-inside-token.sql");
    for data in [data, &found[..]] {
        for window in [1024, 1 << 20] {
            for read_size in 1..=64 {
                let [slice, reader] = both_paths(Dialect::Mysql, data, window, read_size);
                assert_eq!(slice, reader, "window {window} read size {read_size}");
            }
        }
    }
}

/// fuzz targets split_mysql, insert_tuples (found while fixing the case above): with a
/// delimiter that starts with a letter (`DELIMITER xy`), a word starting with that
/// letter that is not the delimiter (`xz`) made the splitter loop forever.
#[test]
fn word_starting_like_the_delimiter_does_not_hang() {
    let cases: [&'static [u8]; 3] = [
        b"DELIMITER xy\nSELECT xz, 1 xy\nDELIMITER ;\n",
        b";;;;;;DELIMITER ER\x13 ;;\n>>>\x8a\0\0\0\0\0\0\x06\0\0\0\0\0\0\0\x000:0pDELIM",
        include_bytes!("data/fuzz/split-delimiter-partial-match-hang.sql"),
    ];
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for data in cases {
            for dialect in [Dialect::Mysql, Dialect::Postgres] {
                for read_size in [1, 3, 64, 1 << 20] {
                    let [slice, reader] = both_paths(dialect, data, 1024, read_size);
                    assert_eq!(slice, reader, "{dialect} read size {read_size}");
                }
            }
        }
        tx.send(()).unwrap();
    });
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .expect("the splitter finishes");
    // `SELECT xz, 1 xy` is one statement, ended by `xy`
    let mut statements = Vec::new();
    split_slice(
        &mut Lexer::new(Dialect::Mysql),
        cases[0],
        &Options::default(),
        "t",
        |p| {
            if p.kind() == Kind::Statement {
                statements.push(String::from_utf8_lossy(p.bytes).into_owned());
            }
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(statements, ["SELECT xz, 1 xy"]);
}

/// fuzz target fix_path: a table name whose second byte is inside a multi-byte
/// character (`cé`, or bytes that are not UTF-8) made the L003 object-table check slice
/// the name inside that character, and `fix`/`check` panicked.
#[test]
fn table_names_with_multibyte_characters_do_not_panic() {
    let cases: [(&str, &[u8]); 4] = [
        (
            "liferay-mysql",
            b"CREATE TABLE `c\xc3\xa9` (id int);\nINSERT INTO `c\xc3\xa9` VALUES (1);\n",
        ),
        (
            "liferay-mysql",
            b"INSERT INTO `c\xff\xffity` VALUES (1,'x');\n",
        ),
        (
            "liferay-postgresql",
            b"CREATE TABLE public.\"f\xc3\xa9\" (id integer);\nALTER TABLE public.f\xd0\xd0\xd0 OWNER TO x;\n",
        ),
        (
            "liferay-postgresql",
            b"-- PostgreSQL database dump\nCOPY public.\"r\xc3\xa9\" (id) FROM stdin;\n1\n\\.\n",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (k, (target, sql)) in cases.into_iter().enumerate() {
        let input = dir.path().join(format!("in{k}.sql"));
        std::fs::write(&input, sql).unwrap();
        for cmd in ["fix", "check"] {
            let mut c = common::dumpfix();
            c.args([cmd, "--target", target]).arg(&input);
            if cmd == "fix" {
                c.args(["--compress", "none"]);
            }
            let out = c.output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !stderr.contains("panicked"),
                "{cmd} --target {target}: {stderr}"
            );
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{cmd} --target {target}: exit {:?}: {stderr}",
                out.status
            );
            if cmd == "fix" {
                // the names are not object tables: nothing renames them
                let name = &sql[sql.iter().position(|&b| b >= 0x80).unwrap() - 1..][..3];
                assert!(
                    out.stdout.windows(3).any(|w| w == name),
                    "{target}: {}",
                    String::from_utf8_lossy(&out.stdout)
                );
            }
        }
    }
}

/// A row editor for table `t` whose columns have the rewrites `xfs`, made by the
/// engine's own `editor_for`.
fn row_editor(
    xfs: &[Option<dumpfix::rewrite::data::Xf>],
    copy: bool,
) -> dumpfix::rewrite::data::RowEditor {
    use dumpfix::rewrite::{self, DumpColumn, DumpTable, Engine, Mode};
    let mut e = Engine::new(
        rewrite::Options {
            target: dumpfix::targets::find("liferay-postgresql").unwrap(),
            mode: Mode::Fix,
            catalog: dumpfix::catalog::Catalog::new(),
            database: None,
            company: None,
            producer: "pg_dump".into(),
            max_packet: rewrite::DEFAULT_MAX_PACKET,
        },
        Dialect::Postgres,
    );
    let columns = xfs
        .iter()
        .enumerate()
        .map(|(i, &xf)| DumpColumn {
            name: format!("c{i}"),
            ty: None,
            declared: None,
            xf,
        })
        .collect();
    e.cx.tables.insert(
        "t".into(),
        DumpTable {
            name: "t".into(),
            columns,
            line: 1,
            offset: 0,
        },
    );
    dumpfix::rewrite::data::editor_for(&e.cx, "t", None, copy).unwrap()
}

/// fuzz target copy_rows: a COPY field with blanks around it (` 0`) was left as it is
/// and reported when the row came whole, but trimmed and mapped (` f`) when the row came
/// in fragments (a row longer than the window): the output depended on the window.
#[test]
fn copy_fields_map_alike_whole_and_in_fragments() {
    use dumpfix::rewrite::data::Xf;
    let mut ed = row_editor(&[Some(Xf::Bool), None, Some(Xf::TzToUtc)], true);
    let rows: [&[u8]; 4] = [
        b" 0\t0\t3001\t20121\n",
        b"1 \tx\t 2024-01-01 00:30:00+01\n",
        b"0\tx\t2024-01-01 00:30:00+01 \r\n",
        b"1\tx\t2024-01-01 00:30:00+01\n",
    ];
    for row in rows {
        let mut whole = Vec::new();
        let bad_whole = ed.row(row, false, false, &mut whole);
        for cut in 1..row.len() {
            let mut frag = Vec::new();
            let a = ed.row(&row[..cut], false, true, &mut frag);
            let b = ed.row(&row[cut..], true, false, &mut frag);
            assert_eq!(
                String::from_utf8_lossy(&frag),
                String::from_utf8_lossy(&whole),
                "cut at {cut}"
            );
            assert_eq!(a.or(b).is_some(), bad_whole.is_some(), "cut at {cut}");
        }
    }
    // values with blanks are reported, not mapped; the others are mapped
    let mut out = Vec::new();
    assert!(ed.row(rows[0], false, false, &mut out).is_some());
    assert_eq!(out, rows[0]);
    out.clear();
    assert!(ed.row(rows[3], false, false, &mut out).is_none());
    assert_eq!(out, b"t\tx\t2023-12-31 23:30:00\n");
}

/// `dumpfix fix --target liferay-mysql` on `input`, then on its own output.
fn fix_mysql_twice(input: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let mut outs = Vec::new();
    let mut cur = input.to_vec();
    for k in 0..2 {
        let inp = dir.path().join(format!("in{k}.sql"));
        std::fs::write(&inp, &cur).unwrap();
        let out = common::dumpfix()
            .args(["fix", "--target", "liferay-mysql", "--compress", "none"])
            .arg(&inp)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{stderr}");
        cur = out.stdout;
        outs.push(cur.clone());
    }
    (outs.remove(0), outs.remove(0))
}

/// The statements of a MySQL script as the mysql client sends them.
fn mysql_statements(sql: &[u8]) -> Vec<String> {
    let mut v = Vec::new();
    split_slice(
        &mut Lexer::new(Dialect::Mysql),
        sql,
        &Options::default(),
        "t",
        |p| {
            if p.kind() == Kind::Statement {
                v.push(String::from_utf8_lossy(p.bytes).trim().to_string());
            }
            Ok(())
        },
    )
    .unwrap();
    v
}

/// fuzz target fix_path: `fix --target liferay-mysql` adds `DROP DATABASE`, `CREATE
/// DATABASE` and `USE` before the first statement; when that statement was inside a
/// `DELIMITER ;;` block (a dump of routines or triggers only), the added statements
/// ended with `;` and the client read them and the routine as one statement (and a
/// second `fix` added them again).
#[test]
fn database_envelope_is_added_outside_delimiter_blocks() {
    let dump = b"-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
/*!40101 SET NAMES utf8mb4 */;\n\
DELIMITER ;;\n\
CREATE PROCEDURE `p`() BEGIN SELECT 1; END ;;\n\
DELIMITER ;\n\
-- Dump completed on 2024-03-01 10:00:00\n";
    let (once, twice) = fix_mysql_twice(dump);
    assert_eq!(
        String::from_utf8_lossy(&once),
        String::from_utf8_lossy(&twice),
        "fix is idempotent"
    );
    let st = mysql_statements(&once);
    let at = |prefix: &str| {
        st.iter()
            .position(|s| s.starts_with(prefix))
            .unwrap_or_else(|| panic!("no statement {prefix:?} in {st:#?}"))
    };
    let (drop, create, use_, proc_) = (
        at("/*!40000 DROP DATABASE IF EXISTS `lportal`*/;"),
        at("CREATE DATABASE"),
        at("USE `lportal`;"),
        at("CREATE PROCEDURE `p`() BEGIN SELECT 1; END ;;"),
    );
    assert!(drop < create && create < use_ && use_ < proc_, "{st:#?}");
    assert!(st[use_].ends_with("USE `lportal`;"), "{st:#?}");

    // the input the fuzzer found: a trigger in a DELIMITER block before any table
    let found = include_bytes!("data/fuzz/fix-envelope-in-delimiter-block.sql");
    let (once, twice) = fix_mysql_twice(found);
    assert_eq!(
        String::from_utf8_lossy(&once),
        String::from_utf8_lossy(&twice),
        "fix is idempotent"
    );
    let st = mysql_statements(&once);
    assert!(st.iter().any(|s| s == "USE `lportal`;"), "{st:#?}");
}
