//! Inputs found by fuzzing (`scripts/fuzz.sh`, targets in `fuzz/`), each fed through
//! the API or the command that failed on it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use dumpfix::lex::driver::{split_reader, split_slice, PieceRef, SplitOptions};
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
    let opts = SplitOptions { read_size, window };
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
        &SplitOptions::default(),
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
        &SplitOptions::default(),
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

/// A row editor for a table whose columns have the rewrites `xfs`, made by the
/// engine's own `editor_for` (rows of a PostgreSQL dump: no backslash escapes).
fn row_editor(
    xfs: &[Option<dumpfix::schema::ValueRewrite>],
    copy: bool,
) -> dumpfix::rows::RowEditor {
    use dumpfix::schema::{DumpColumn, DumpTable};
    let columns: Vec<DumpColumn> = xfs
        .iter()
        .enumerate()
        .map(|(i, &rewrite)| DumpColumn {
            name: format!("c{i}"),
            ty: None,
            rewrite,
        })
        .collect();
    dumpfix::rows::editor_for(&DumpTable::new(&columns, 1, 0), None, copy, false).unwrap()
}

/// fuzz target copy_rows: a COPY field with blanks around it (` 0`) was left as it is
/// and reported when the row came whole, but trimmed and mapped (` f`) when the row came
/// in fragments (a row longer than the window): the output depended on the window.
#[test]
fn copy_fields_map_alike_whole_and_in_fragments() {
    use dumpfix::schema::ValueRewrite;
    let mut ed = row_editor(
        &[Some(ValueRewrite::Bool), None, Some(ValueRewrite::TzToUtc)],
        true,
    );
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
        &SplitOptions::default(),
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

/// `dumpfix ARGS… in.sql -o out.sql` (`fix`, or `check` without `-o`) on `input`:
/// exit code, what it printed (stderr, then stdout), and the output file when there
/// is one.
fn dumpfix_on(args: &[&str], input: &[u8]) -> (Option<i32>, String, Option<Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in.sql");
    let outp = dir.path().join("out.sql");
    std::fs::write(&inp, input).unwrap();
    let mut c = common::dumpfix();
    c.args(args).arg(&inp);
    if args[0] == "fix" {
        c.args(["--compress", "none", "-o"]).arg(&outp);
    }
    let out = c.output().unwrap();
    let stderr =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "in.sql" && n != "out.sql")
        .collect();
    assert!(left.is_empty(), "{args:?}: left behind {left:?}");
    let written = std::fs::File::open(&outp).ok().map(|mut f| {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut v).unwrap();
        v
    });
    (out.status.code(), stderr, written)
}

/// The statements of a script as its client sends them (trimmed), INSERTs whole.
fn statements(dialect: Dialect, sql: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    split_slice(
        &mut Lexer::new(dialect),
        sql,
        &SplitOptions::default(),
        "t",
        |p| {
            let text = String::from_utf8_lossy(p.bytes);
            match p.kind() {
                Kind::Statement | Kind::InsertHead if !p.piece.continued => v.push(text.into()),
                Kind::Blank | Kind::Command | Kind::CopyRow | Kind::CopyRows | Kind::CopyEnd => {}
                _ => v.last_mut().unwrap().push_str(&text),
            }
            Ok(())
        },
    )
    .unwrap();
    v.iter().map(|s| s.trim().to_string()).collect()
}

const DLCONTENT: &str =
    "CREATE TABLE public.dlcontent (\n    contentid bigint NOT NULL,\n    data_ oid\n);\n\n";

/// fuzz target fix_path (idempotence): what `fix` adds at the end of a dump (here the
/// large-object rules of `--target liferay-postgresql`) followed the last statement;
/// when the input ended before that statement's delimiter (which psql and mysql accept:
/// they run the last statement at the end of the input), the addition became part of
/// it: a syntax error on load, and a second `fix` added the rules again. Now the
/// statement is ended first, on a line of its own.
#[test]
fn additions_at_the_end_are_not_glued_to_a_last_statement_without_delimiter() {
    let long = format!("SELECT '{}' AS s", "x".repeat(3000));
    // (last statement, rows it leaves in dlcontent, window)
    let cases: Vec<(String, u32, Option<&str>)> = vec![
        // ends right after a tuple: no INSERT tail piece at all
        (
            "INSERT INTO public.dlcontent VALUES (1, NULL)".into(),
            1,
            None,
        ),
        (
            "INSERT INTO public.dlcontent VALUES (1, NULL), (2, NULL) -- no ;".into(),
            2,
            None,
        ),
        ("SELECT 1 -- ;".into(), 0, None),
        ("UPDATE public.dlcontent SET data_ = NULL\n".into(), 0, None),
        // longer than the window: handed out in fragments
        (long.clone(), 0, Some("1024")),
        // removed by L020: nothing of it is left to end
        (
            "ALTER DATABASE lportal SET search_path = public".into(),
            0,
            None,
        ),
        // complete: unchanged but for the rules
        (
            "INSERT INTO public.dlcontent VALUES (1, NULL);\n".into(),
            1,
            None,
        ),
    ];
    let pg = common::Pg::connect("additions_at_the_end_are_not_glued");
    for (last, rows, window) in cases {
        let input = format!("{DLCONTENT}{last}");
        let mut args = vec![
            "fix",
            "--from",
            "postgresql",
            "--target",
            "liferay-postgresql",
        ];
        if let Some(w) = window {
            args.extend(["--window", w]);
        }
        let (code, stderr, once) = dumpfix_on(&args, input.as_bytes());
        assert_eq!(code, Some(0), "{last:?}: {stderr}");
        let once = once.unwrap();
        let st = statements(Dialect::Postgres, &once);
        let rules: Vec<_> = st
            .iter()
            .filter(|s| s.contains("CREATE OR REPLACE RULE"))
            .collect();
        assert_eq!(rules.len(), 2, "{last:?}: {st:#?}");
        assert!(
            rules
                .iter()
                .all(|s| s.starts_with("CREATE OR REPLACE RULE")),
            "{last:?}: a rule joined another statement: {st:#?}"
        );
        assert!(
            !st.iter().any(|s| s == ";"),
            "{last:?}: an empty statement: {st:#?}"
        );
        // fixing again changes nothing
        let (code, stderr, twice) = dumpfix_on(&args, &once);
        assert_eq!(code, Some(0), "{last:?}: {stderr}");
        assert_eq!(
            String::from_utf8_lossy(&twice.unwrap()),
            String::from_utf8_lossy(&once),
            "{last:?}: fix is idempotent"
        );
        // PostgreSQL loads it: the last statement runs, then the rules are created
        if let Some(pg) = &pg {
            let db = common::unique_name("fuzz_additions");
            let _guard = pg.create_db(&db);
            pg.load_bytes(&db, &once);
            assert_eq!(
                pg.query(&db, "SELECT count(*) FROM public.dlcontent"),
                rows.to_string(),
                "{last:?}"
            );
            assert_eq!(
                pg.query(
                    &db,
                    "SELECT count(*) FROM pg_rules WHERE tablename = 'dlcontent'"
                ),
                "2",
                "{last:?}"
            );
        }
    }
    // a pg_dump cut after a statement (D001: no end marker): ended before the rules
    let found = include_bytes!("data/fuzz/fix-addition-after-unterminated-statement.sql");
    let args = ["fix", "--target", "liferay-postgresql"];
    let (code, stderr, once) = dumpfix_on(&args, found);
    assert_eq!(code, Some(1), "D001 is an error: {stderr}");
    assert!(stderr.contains("D001"), "{stderr}");
    let once = once.unwrap();
    let st = statements(Dialect::Postgres, &once);
    let at = st
        .iter()
        .position(|s| s.starts_with("ALTER TABLE ONLY public.dlcontent"))
        .unwrap();
    assert!(st[at].ends_with("PRIMARY KEY (contentid)\n;"), "{st:#?}");
    assert!(st[at + 1].starts_with("CREATE OR REPLACE RULE delete_dlcontent_data_"));
    assert!(st[at + 2].starts_with("CREATE OR REPLACE RULE update_dlcontent_data_"));
    let (_, _, twice) = dumpfix_on(&args, &once);
    assert_eq!(twice.unwrap(), once, "fix is idempotent");
}

/// Found with the case above: input that ends where the delimiter would not end the
/// statement (a parenthesis left open, PostgreSQL's `;` inside one; a `BEGIN ATOMIC`
/// routine body without its `END`) was taken as a complete last statement. Like a
/// string left open, it is a truncated dump: exit 2 naming where the construct
/// began, no output file; `check` reports D001.
#[test]
fn statements_left_open_at_the_end_are_truncated() {
    let cases: [(&str, &str, &str, &str); 4] = [
        (
            "postgresql",
            "SELECT 1;\nSELECT (1;\nSELECT 2;\n",
            "unterminated parenthesis",
            "(byte 17, line 2)",
        ),
        (
            "postgresql",
            "CREATE TABLE public.t (\n  a integer,\n  b text",
            "unterminated parenthesis",
            "(byte 22, line 1)",
        ),
        (
            "postgresql",
            "SELECT 1;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n",
            "unterminated routine body (BEGIN without its END)",
            "(byte 10, line 2)",
        ),
        (
            "mysql",
            "SELECT 1;\n\nCREATE TABLE `t` (\n  `a` int",
            "unterminated parenthesis",
            "(byte 28, line 3)",
        ),
    ];
    for (from, sql, what, at) in cases {
        let target = format!("liferay-{from}");
        for args in [
            vec!["fix", "--from", from],
            vec!["fix", "--from", from, "--target", &target],
        ] {
            let (code, stderr, out) = dumpfix_on(&args, sql.as_bytes());
            assert_eq!(code, Some(2), "{args:?} {sql:?}: {stderr}");
            assert!(
                stderr.contains(what) && stderr.contains(at),
                "{sql:?}: {stderr}"
            );
            assert!(out.is_none(), "{args:?} {sql:?}: output written");
        }
        let (code, stderr, _) = dumpfix_on(
            &["check", "--from", from, "--target", &target],
            sql.as_bytes(),
        );
        assert_eq!(code, Some(1), "{sql:?}: {stderr}");
        assert!(
            stderr.contains("D001") && stderr.contains(what),
            "{sql:?}: {stderr}"
        );
    }
    // closed before the end, or with the parenthesis inside a string or comment: fine
    for (from, sql) in [
        ("postgresql", "SELECT (1)"),
        ("postgresql", "SELECT ':(' -- ("),
        ("mysql", "SELECT 1 # ("),
        (
            "postgresql",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND",
        ),
    ] {
        let (code, stderr, out) = dumpfix_on(&["fix", "--from", from], sql.as_bytes());
        assert_eq!(code, Some(0), "{sql:?}: {stderr}");
        assert_eq!(out.unwrap(), sql.as_bytes());
    }
}

/// fuzz target fix_path: a headerless script whose last INSERT was cut right after a
/// tuple separator (`…VALUES (1),`, nothing after) was accepted (exit 0) by `fix` and
/// `check`: the lexer took the `,` for the start of an INSERT's tail. A value list that
/// ends with a comma is cut short like one that ends inside a tuple.
#[test]
fn insert_cut_after_a_tuple_separator_is_truncated() {
    let cases: [(&str, &[u8], &str); 5] = [
        ("mysql", b"INSERT INTO t VALUES (1),", "(byte 0, line 1)"),
        (
            "mysql",
            b"SELECT 1;\n\nINSERT INTO `t` VALUES (1,'a'),\n(2,'b') ,\n",
            "(byte 11, line 3)",
        ),
        (
            "mysql",
            b"INSERT INTO t VALUES (1), -- cut\n",
            "(byte 0, line 1)",
        ),
        (
            "postgresql",
            b"SELECT 1;\nINSERT INTO public.t VALUES (1), (2),",
            "(byte 10, line 2)",
        ),
        (
            "postgresql",
            b"INSERT INTO t (a, b) VALUES (1, 2),\n/* cut */",
            "(byte 0, line 1)",
        ),
    ];
    for (from, sql, at) in cases {
        let target = format!("liferay-{from}");
        for args in [
            vec!["fix", "--from", from],
            vec!["fix", "--from", from, "--target", &target],
        ] {
            let (code, stderr, out) = dumpfix_on(&args, sql);
            let what = "unterminated INSERT statement (its value list ends with a comma)";
            assert_eq!(code, Some(2), "{args:?} {sql:?}: {stderr}");
            assert!(
                stderr.contains(what) && stderr.contains(at),
                "{sql:?}: {stderr}"
            );
            assert!(out.is_none(), "{args:?}: output written");
        }
        let (code, stderr, _) = dumpfix_on(&["check", "--from", from, "--target", &target], sql);
        assert_eq!(code, Some(1), "{sql:?}: {stderr}");
        assert!(
            stderr.contains("D001") && stderr.contains("ends with a comma"),
            "{stderr}"
        );
    }
    // without the comma the last INSERT is whole (clients run it without its `;`)
    for (from, sql) in [
        ("mysql", "INSERT INTO t VALUES (1),(2)"),
        ("postgresql", "INSERT INTO t VALUES (1), (2)\n"),
    ] {
        let (code, stderr, out) = dumpfix_on(&["fix", "--from", from], sql.as_bytes());
        assert_eq!(code, Some(0), "{sql:?}: {stderr}");
        assert_eq!(out.unwrap(), sql.as_bytes());
    }
}

/// An input of `lines` short lines of statement text, then `open` (which opens a
/// construct) on the next line, then filler inside the construct to the end: the
/// offset and line of `open`, and the bytes.
fn opened_late(prefix: &str, lines: usize, open: &str, filler: &str) -> (u64, u64, Vec<u8>) {
    let mut s = String::from(prefix);
    for i in 0..lines {
        s.push_str(&format!("  c{i:03},\n"));
    }
    let at = s.len() as u64;
    let line = 1 + s.bytes().filter(|&b| b == b'\n').count() as u64;
    s.push_str(open);
    for i in 0..500 {
        s.push_str(&format!("{filler} {i:08}\n"));
    }
    (at, line, s.into_bytes())
}

/// fuzz targets split_mysql, split_postgres (line check added to them): a lexer error
/// for a construct opened in an earlier fragment of a long piece (a piece larger than
/// the window) gave the line where the piece began (`byte 3356, line 43` for a
/// string on line 107). The driver now notes the line of what opens in a fragment when
/// it cuts it.
#[test]
fn lexer_errors_give_the_line_where_a_construct_began_in_an_earlier_fragment() {
    let cases = [
        (
            Dialect::Mysql,
            "SELECT 1;\nSELECT\n",
            "'it''s",
            "text",
            "string literal",
        ),
        (
            Dialect::Mysql,
            "SELECT 1;\nSELECT\n",
            "`col",
            "name",
            "quoted identifier",
        ),
        (Dialect::Mysql, "SELECT\n", "/* note", "more", "comment"),
        (
            Dialect::Mysql,
            "SELECT 1;\nSELECT\n",
            "/*!50001 'x' AS y",
            "z",
            "executable comment",
        ),
        (
            Dialect::Mysql,
            "INSERT INTO t VALUES (0),\n(\n",
            "'a'",
            ", 1",
            "value list",
        ),
        (
            Dialect::Postgres,
            "SELECT 1;\nSELECT\n",
            "$body$ x",
            "y",
            "dollar-quoted string",
        ),
        (
            Dialect::Postgres,
            "SELECT\n",
            "E'a\\'",
            "b",
            "string literal",
        ),
        (
            Dialect::Postgres,
            "SELECT 1;\nSELECT\n",
            "( 1",
            ", 2",
            "parenthesis",
        ),
        (Dialect::Postgres, "\n\n", "/* a /* b */", "c", "comment"),
    ];
    for (dialect, prefix, open, filler, what) in cases {
        let (at, line, data) = opened_late(prefix, 140, open, filler);
        let (at, line) = if prefix.starts_with("INSERT") {
            // the second tuple opens on line 2 (and stays open)
            (prefix.len() as u64 - 2, 2)
        } else if open.starts_with("E'") {
            // the string begins at its quote
            (at + 1, line)
        } else {
            (at, line)
        };
        // at least two windows after the opening: it is in an earlier fragment
        assert!(data.len() as u64 - at > 3000, "{what}: fragments needed");
        for window in [1024, 1500, 1 << 20] {
            for read_size in [1, 100, 4096, 1 << 20] {
                let opts = SplitOptions { read_size, window };
                assert_error_at(dialect, &data, &opts, what, (at, line));
            }
        }
    }
    // and through the command, as the fuzzer saw it
    let (at, line, data) = opened_late("SELECT 1;\nSELECT\n", 140, "'open", "text");
    let (code, stderr, _) = dumpfix_on(&["fix", "--from", "mysql", "--window", "1024"], &data);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("(byte {at}, line {line})")),
        "{stderr}"
    );
    assert_eq!(line, 143);
}

/// fuzz targets split_postgres, split_mysql (with the error-line check added for the
/// case above): two more errors named the wrong line, and one the wrong byte. COPY
/// data left open pointed at the start of the COPY statement's last fragment (not at
/// the statement) and gave the line of the last data row; an executable comment
/// `/*! …` opened inside a tuple and left open over the next tuples (each a piece of
/// its own) gave the line of the last tuple.
#[test]
fn lexer_errors_give_the_line_of_constructs_that_outlast_their_piece() {
    let mut copy = b"SELECT 1;\nCOPY public.t (".to_vec();
    for i in 0..200 {
        copy.extend_from_slice(format!("c{i:03}, ").as_bytes());
    }
    copy.extend_from_slice(b"c) FROM stdin;\n1\t2\n3\t4\n");
    let cond: &[u8] = b"SELECT 1;\nINSERT INTO t VALUES\n(1 /*!40000 ),\n(2),\n(3)\n";
    let cases: [(Dialect, &[u8], &str, u64); 4] = [
        (Dialect::Postgres, &copy, "COPY data", 10),
        (Dialect::Mysql, cond, "executable comment", 34),
        (
            Dialect::Postgres,
            include_bytes!("data/fuzz/split-copy-error-after-fragmented-statement.sql"),
            "COPY data",
            0,
        ),
        (
            Dialect::Mysql,
            include_bytes!("data/fuzz/split-executable-comment-across-tuples.sql"),
            "executable comment",
            1271,
        ),
    ];
    for (dialect, data, what, at) in cases {
        let line = 1 + dumpfix::lex::driver::count_lines(&data[..at as usize]);
        for window in (1024..1300).chain([2000, 3000, 4000, 1 << 20]) {
            for read_size in [7, 1 << 20] {
                let opts = SplitOptions { read_size, window };
                assert_error_at(dialect, data, &opts, what, (at, line));
            }
        }
    }
}

/// The `backslash` flag of each statement piece (whether `\` escapes in its strings).
fn backslash_flags(dialect: Dialect, sql: &[u8]) -> Vec<(String, bool)> {
    let mut v = Vec::new();
    split_slice(
        &mut Lexer::new(dialect),
        sql,
        &SplitOptions::default(),
        "t",
        |p| {
            if p.kind() == Kind::Statement {
                v.push((
                    String::from_utf8_lossy(p.bytes).into_owned(),
                    p.piece.backslash,
                ));
            }
            Ok(())
        },
    )
    .unwrap();
    v
}

/// Noted while fuzzing: the lexer found `standard_conforming_strings = off` anywhere in
/// a PostgreSQL `SET` statement, strings and comments included, and switched to
/// backslash escapes: the next statement's `'C:\'` then swallowed the rest of the dump.
/// The setting is now read from the `SET name = value` itself (MySQL's `sql_mode`
/// already was: checked here too).
#[test]
fn set_settings_are_taken_from_the_assignment_not_from_strings_or_comments() {
    let probe = "SELECT 'C:\\';";
    for set in [
        "SET application_name = 'standard_conforming_strings = off';",
        "SET application_name = E'x\\' standard_conforming_strings = off';",
        "SET /* standard_conforming_strings = off */ application_name = 'x';",
        "SET application_name = 'x' -- standard_conforming_strings = off\n;",
        "SET search_path = standard_conforming_strings, off;",
        "SET LOCAL standard_conforming_strings_x = off;",
        "SET standard_conforming_strings = on;",
        "SET standard_conforming_strings TO DEFAULT;",
    ] {
        let sql = format!("{set}\n{probe}\nSELECT 2;\n");
        let got = backslash_flags(Dialect::Postgres, sql.as_bytes());
        assert_eq!(got.len(), 3, "{set}: {got:?}");
        assert_eq!(got[1], (probe.to_string(), false), "{set}");
    }
    for set in [
        "SET standard_conforming_strings = off;",
        "SET SESSION standard_conforming_strings TO 'off';",
        "SET \"standard_conforming_strings\" = false;",
        "set Standard_Conforming_Strings = OF;",
        "SET /* c */ standard_conforming_strings -- c\n = $$0$$;",
    ] {
        let sql = format!("{set}\nSELECT 'C:\\';';\nRESET standard_conforming_strings;\n{probe}\n");
        let got = backslash_flags(Dialect::Postgres, sql.as_bytes());
        assert_eq!(got.len(), 4, "{set}: {got:?}");
        assert!(got[1].1, "{set}: switched to backslash escapes");
        assert!(!got[3].1, "{set}: RESET switches back");
    }
    // MySQL: sql_mode only from an assignment to it
    let probe = "SELECT 'it\\'s';";
    for set in [
        "SET @x = 'sql_mode = NO_BACKSLASH_ESCAPES';",
        "SET NAMES utf8mb4 /* , sql_mode = 'NO_BACKSLASH_ESCAPES' */;",
        "SET character_set_client = utf8mb4 -- , sql_mode = 'NO_BACKSLASH_ESCAPES'\n;",
        "SET @@session.time_zone = '+00:00' # sql_mode = 'NO_BACKSLASH_ESCAPES'\n;",
    ] {
        let sql = format!("{set}\n{probe}\nSELECT 2;\n");
        let got = backslash_flags(Dialect::Mysql, sql.as_bytes());
        assert_eq!(got.len(), 3, "{set}: {got:?}");
        assert_eq!(got[1], (probe.to_string(), true), "{set}");
    }
}

/// Found while fixing the line of lexer errors: the error for a value list left open
/// pointed at the last string opened inside it (`(1,'a',2` gave the byte of `'a'`),
/// and the one for an executable comment `/*! …` left open at the last string or
/// comment inside it: the same field held every opening.
#[test]
fn value_list_and_executable_comment_errors_point_at_their_opening() {
    for (dialect, sql, what, offset) in [
        (
            Dialect::Mysql,
            "INSERT INTO t VALUES (1,'a',2",
            "value list",
            21,
        ),
        (
            Dialect::Postgres,
            "INSERT INTO t VALUES (1),\n(2,'a',$$b$$,3",
            "value list",
            26,
        ),
        (
            Dialect::Mysql,
            "SELECT 1;\n/*!40101 SET x='a', y=`b`",
            "executable comment",
            10,
        ),
    ] {
        match split_slice(
            &mut Lexer::new(dialect),
            sql.as_bytes(),
            &SplitOptions::default(),
            "t",
            |_| Ok(()),
        ) {
            Err(dumpfix::Error::Syntax {
                message, offset: o, ..
            }) => {
                assert!(message.contains(what), "{message}");
                assert_eq!(o, offset, "{sql:?}");
            }
            other => panic!("{sql:?}: {other:?}"),
        }
    }
}

/// Splitting `data` (from a slice and through a reader) fails with a syntax error
/// about `what` at byte and line `want`.
fn assert_error_at(
    dialect: Dialect,
    data: &[u8],
    opts: &SplitOptions,
    what: &str,
    want: (u64, u64),
) {
    let errs = [
        split_slice(&mut Lexer::new(dialect), data, opts, "t", |_| Ok(())),
        split_reader(&mut Lexer::new(dialect), data, opts, "t", |_| Ok(())),
    ];
    for e in errs {
        match e {
            Err(dumpfix::Error::Syntax {
                message,
                offset,
                line,
                ..
            }) => {
                assert!(message.contains(what), "{message}");
                assert_eq!(
                    (offset, line),
                    want,
                    "{dialect} {what}: window {} read size {}",
                    opts.window,
                    opts.read_size
                );
            }
            other => panic!("{what}: {other:?}"),
        }
    }
}
