use super::driver::{split_reader, split_slice, SplitOptions, MIN_WINDOW};
use super::*;

/// Split `input` and return (kind, text, partial) for each piece.
fn split(d: Dialect, input: &str) -> Vec<(Kind, String)> {
    split_bytes(d, input.as_bytes())
        .into_iter()
        .map(|(k, b)| (k, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

fn split_bytes(d: Dialect, input: &[u8]) -> Vec<(Kind, Vec<u8>)> {
    let mut lx = Lexer::new(d);
    let mut out = Vec::new();
    split_slice(&mut lx, input, &SplitOptions::default(), "test", |p| {
        out.push((p.kind(), p.bytes.to_vec()));
        Ok(())
    })
    .unwrap();
    out
}

fn kinds(d: Dialect, input: &str) -> Vec<Kind> {
    split(d, input).into_iter().map(|(k, _)| k).collect()
}

fn texts(d: Dialect, input: &str, kind: Kind) -> Vec<String> {
    split(d, input)
        .into_iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, t)| t)
        .collect()
}

fn err(d: Dialect, input: &str) -> Error {
    let mut lx = Lexer::new(d);
    split_slice(
        &mut lx,
        input.as_bytes(),
        &SplitOptions::default(),
        "test",
        |_| Ok(()),
    )
    .unwrap_err()
}

use crate::Error;
use Dialect::{Mysql, Postgres};
use Kind::*;

#[test]
fn mysql_statements_and_comments() {
    let s = "-- MySQL dump\n/*!40101 SET NAMES utf8 */;\n\n-- c\nDROP TABLE IF EXISTS `t`;\n# hash\nSELECT 1;";
    assert_eq!(
        split(Mysql, s),
        vec![
            (Blank, "-- MySQL dump\n".into()),
            (Statement, "/*!40101 SET NAMES utf8 */;".into()),
            (Blank, "\n\n-- c\n".into()),
            (Statement, "DROP TABLE IF EXISTS `t`;".into()),
            (Blank, "\n# hash\n".into()),
            (Statement, "SELECT 1;".into()),
        ]
    );
}

#[test]
fn mysql_extended_insert_tuples() {
    let s = "INSERT INTO `t` VALUES (1,'a;b',NULL),(2,'it\\'s',0x00),\n(3,'x''y',')');\n";
    assert_eq!(
        split(Mysql, s),
        vec![
            (InsertHead, "INSERT INTO `t` VALUES ".into()),
            (Tuple, "(1,'a;b',NULL)".into()),
            (Tuple, ",(2,'it\\'s',0x00)".into()),
            (Tuple, ",\n(3,'x''y',')')".into()),
            (InsertTail, ";".into()),
            (Blank, "\n".into()),
        ]
    );
}

#[test]
fn insert_with_columns_and_on_duplicate_key() {
    let s = "INSERT IGNORE INTO t (a, `values`) VALUES (1,2) ON DUPLICATE KEY UPDATE a=VALUES(a);";
    let k = split(Mysql, s);
    assert_eq!(
        k[0],
        (
            InsertHead,
            "INSERT IGNORE INTO t (a, `values`) VALUES ".into()
        )
    );
    assert_eq!(k[1], (Tuple, "(1,2)".into()));
    assert_eq!(
        k[2],
        (InsertTail, " ON DUPLICATE KEY UPDATE a=VALUES(a);".into())
    );
}

#[test]
fn insert_select_is_a_statement() {
    assert_eq!(
        kinds(Mysql, "INSERT INTO t SELECT * FROM u;"),
        vec![Statement]
    );
    assert_eq!(
        kinds(
            Postgres,
            "INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1, 'a');"
        ),
        vec![InsertHead, Tuple, InsertTail]
    );
}

#[test]
fn sakila_geometry_in_executable_comment() {
    let s = "INSERT INTO `address` VALUES (1,'x',/*!50705 0x0000,*/'2014-09-25'),(2,'y',/*!50705 0x01,*/'z');";
    let t = texts(Mysql, s, Tuple);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0], "(1,'x',/*!50705 0x0000,*/'2014-09-25')");
}

#[test]
fn mysql_delimiter_blocks() {
    let s = "DELIMITER ;;\nCREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END ;;\nDELIMITER ;\nSELECT 1;\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER //\nCREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END //\ndelimiter ;\n";
    let k = split(Mysql, s);
    let stmts: Vec<_> = k
        .iter()
        .filter(|(k, _)| *k == Statement)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        stmts,
        vec![
            "CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END ;;",
            "SELECT 1;",
            "CREATE PROCEDURE p() BEGIN SELECT 1; END$$",
            "CREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END //",
        ]
    );
    assert_eq!(k.iter().filter(|(k, _)| *k == Command).count(), 5);
}

#[test]
fn mysql_dash_comment_needs_space() {
    // "--1" is minus minus one in MySQL, not a comment.
    assert_eq!(
        texts(Mysql, "SELECT 1--1;\nSELECT 2;", Statement),
        vec!["SELECT 1--1;", "SELECT 2;"]
    );
    assert_eq!(
        texts(Postgres, "SELECT 1--1;\n;", Statement),
        vec!["SELECT 1--1;\n;"]
    );
}

#[test]
fn mysql_no_backslash_escapes_mode() {
    let s = "/*!50003 SET sql_mode = 'NO_BACKSLASH_ESCAPES' */ ;\nSELECT 'a\\';\n/*!50003 SET sql_mode = @saved_sql_mode */ ;\nSELECT 'b\\';x';";
    let st = texts(Mysql, s, Statement);
    assert_eq!(st[1], "SELECT 'a\\';");
    assert_eq!(st[3], "SELECT 'b\\';x';");
}

#[test]
fn postgres_copy_block() {
    let s = "COPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\n\nSELECT 1;\n";
    assert_eq!(
        split(Postgres, s),
        vec![
            (Statement, "COPY public.t (a, b) FROM stdin;".into()),
            (Blank, "\n".into()),
            (CopyRow, "1\tx;y\n".into()),
            (CopyRow, "2\t\\N\n".into()),
            (CopyEnd, "\\.\n".into()),
            (Blank, "\n".into()),
            (Statement, "SELECT 1;".into()),
            (Blank, "\n".into()),
        ]
    );
}

#[test]
fn postgres_copy_to_stdout_is_not_data() {
    assert_eq!(
        kinds(Postgres, "COPY t TO stdout;\nSELECT 1;"),
        vec![Statement, Blank, Statement]
    );
}

#[test]
fn postgres_dollar_quotes_and_functions() {
    let s = "CREATE FUNCTION f() RETURNS int AS $_$ SELECT 1; $x$ $_$ LANGUAGE sql;\nCREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN 1; END$$;\nSELECT $1;";
    assert_eq!(
        texts(Postgres, s, Statement),
        vec![
            "CREATE FUNCTION f() RETURNS int AS $_$ SELECT 1; $x$ $_$ LANGUAGE sql;",
            "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN 1; END$$;",
            "SELECT $1;",
        ]
    );
}

#[test]
fn postgres_begin_atomic_body() {
    let s = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 1 END; END;\nSELECT 2;";
    assert_eq!(
        texts(Postgres, s, Statement),
        vec![
            "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 1 END; END;",
            "SELECT 2;"
        ]
    );
}

#[test]
fn postgres_parens_hide_semicolons() {
    let s = "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO u VALUES (1); DELETE FROM v);\nSELECT 1;";
    assert_eq!(texts(Postgres, s, Statement).len(), 2);
}

#[test]
fn postgres_strings() {
    // Standard strings: backslash is an ordinary character.
    assert_eq!(
        texts(Postgres, "SELECT 'a\\';SELECT 2;", Statement),
        vec!["SELECT 'a\\';", "SELECT 2;"]
    );
    // E'' strings escape.
    assert_eq!(
        texts(Postgres, "SELECT E'a\\';b';SELECT 2;", Statement),
        vec!["SELECT E'a\\';b';", "SELECT 2;"]
    );
    // standard_conforming_strings = off: all strings escape.
    let s = "SET standard_conforming_strings = off;\nSELECT 'a\\';b';\nSET standard_conforming_strings = on;\nSELECT 'c\\';";
    assert_eq!(
        texts(Postgres, s, Statement),
        vec![
            "SET standard_conforming_strings = off;",
            "SELECT 'a\\';b';",
            "SET standard_conforming_strings = on;",
            "SELECT 'c\\';"
        ]
    );
    // Nested comments and quoted identifiers.
    assert_eq!(
        texts(Postgres, "/* a /* b */ ; */ SELECT \"x;\"\"\";", Statement),
        vec!["SELECT \"x;\"\"\";"]
    );
}

#[test]
fn psql_meta_commands() {
    let s = "\\restrict abc\n\\connect db\nSELECT 1;\n\\unrestrict abc\n";
    assert_eq!(
        kinds(Postgres, s),
        vec![Command, Command, Statement, Blank, Command]
    );
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let s = b"INSERT INTO t VALUES ('\xff\xfe\\0\x00',1),('\\\\');\n";
    let p = split_bytes(Mysql, s);
    assert_eq!(p.iter().filter(|(k, _)| *k == Tuple).count(), 2);
    let joined: Vec<u8> = p.into_iter().flat_map(|(_, b)| b).collect();
    assert_eq!(joined, s);
}

#[test]
fn statement_without_delimiter_at_end() {
    assert_eq!(
        texts(Mysql, "SELECT 1;\nCOMMIT", Statement),
        vec!["SELECT 1;", "COMMIT"]
    );
}

#[test]
fn unterminated_constructs_are_errors() {
    for (d, s, what) in [
        (
            Mysql,
            "SELECT 1;\nINSERT INTO t VALUES ('abc",
            "string literal",
        ),
        (Mysql, "INSERT INTO t VALUES (1,2", "value list"),
        (Postgres, "COPY t (a) FROM stdin;\n1\n2\n", "COPY data"),
        (Postgres, "SELECT $$abc", "dollar-quoted"),
        (Postgres, "SELECT 1; /* open", "comment"),
        (Mysql, "/*!40101 SET x=1", "executable comment"),
    ] {
        let e = err(d, s);
        let msg = e.to_string();
        assert!(msg.contains(what), "{s:?}: {msg}");
        assert!(matches!(e, Error::Syntax { .. }), "{msg}");
    }
    match err(Mysql, "SELECT 1;\nSELECT 2;\nSELECT 'x") {
        Error::Syntax { offset, line, .. } => {
            assert_eq!(offset, 27);
            assert_eq!(line, 3);
        }
        e => panic!("{e}"),
    }
}

/// Every split of `input` through every read size and window gives the same pieces.
fn assert_invariant(d: Dialect, input: &[u8]) {
    let reference = collect_slice(d, input, SplitOptions::default());
    for window in [MIN_TEST_WINDOW, 4096, 1 << 20] {
        let opts = SplitOptions {
            read_size: 7,
            window,
        };
        let s = collect_slice(d, input, opts);
        assert_eq!(join(&s), input);
        for rs in [1, 2, 7, 64, 4096] {
            let r = collect_reader(
                d,
                input,
                SplitOptions {
                    read_size: rs,
                    window,
                },
            );
            assert_eq!(r, s, "read size {rs}, window {window}");
        }
        if window > input.len() {
            assert_eq!(s, reference);
        }
    }
}

const MIN_TEST_WINDOW: usize = super::driver::MIN_WINDOW;

type Pieces = Vec<(Kind, u64, Vec<u8>, bool)>;

fn collect_slice(d: Dialect, input: &[u8], opts: SplitOptions) -> Pieces {
    let mut lx = Lexer::new(d);
    let mut out = Vec::new();
    split_slice(&mut lx, input, &opts, "t", |p| {
        out.push((p.kind(), p.offset, p.bytes.to_vec(), p.piece.partial));
        Ok(())
    })
    .unwrap();
    out
}

fn collect_reader(d: Dialect, input: &[u8], opts: SplitOptions) -> Pieces {
    let mut lx = Lexer::new(d);
    let mut out = Vec::new();
    split_reader(&mut lx, input, &opts, "t", |p| {
        out.push((p.kind(), p.offset, p.bytes.to_vec(), p.piece.partial));
        Ok(())
    })
    .unwrap();
    out
}

fn join(p: &Pieces) -> Vec<u8> {
    p.iter().flat_map(|x| x.2.iter().copied()).collect()
}

#[test]
fn fragments_are_identical_across_paths() {
    let mut big = b"INSERT INTO t VALUES ".to_vec();
    for i in 0..300 {
        big.extend_from_slice(format!("({i},'{}\\'x'),", "y".repeat(i * 7)).as_bytes());
    }
    big.extend_from_slice(b"(0,'");
    big.extend(std::iter::repeat_n(b'z', 5000));
    big.extend_from_slice(b"');\n-- ");
    big.extend(std::iter::repeat_n(b'c', 3000));
    big.extend_from_slice(b"\nSELECT 1;");
    assert_invariant(Mysql, &big);
    let mut pg = b"COPY t FROM stdin;\n".to_vec();
    for i in 0..200 {
        pg.extend_from_slice(format!("{i}\t{}\n", "v".repeat(i * 13)).as_bytes());
    }
    pg.extend_from_slice(b"\\.\nSELECT $$");
    pg.extend(std::iter::repeat_n(b'd', 3000));
    pg.extend_from_slice(b"$$;\n");
    assert_invariant(Postgres, &pg);
}

#[test]
fn mariadb_sandbox_line_is_a_command() {
    let s = "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19\n/*!40101 SET NAMES utf8mb4 */;\n";
    assert_eq!(
        split(Mysql, s),
        vec![
            (
                Command,
                "/*M!999999\\- enable the sandbox mode */ \n".into()
            ),
            (Blank, "-- MariaDB dump 10.19\n".into()),
            (Statement, "/*!40101 SET NAMES utf8mb4 */;".into()),
            (Blank, "\n".into()),
        ]
    );
}

/// Split with COPY data handed out in runs of at most `bulk` bytes, through the
/// reader (3-byte reads, a small window) and the slice path; both must agree.
fn split_bulk(input: &[u8], bulk: usize) -> Vec<(Kind, Vec<u8>)> {
    let mut by_slice = Vec::new();
    let mut lx = Lexer::new(Postgres);
    lx.set_bulk_copy(bulk);
    split_slice(&mut lx, input, &SplitOptions::default(), "test", |p| {
        by_slice.push((p.kind(), p.bytes.to_vec()));
        Ok(())
    })
    .unwrap();
    let mut by_reader = Vec::new();
    let mut lx = Lexer::new(Postgres);
    lx.set_bulk_copy(bulk);
    let opts = SplitOptions {
        read_size: 3,
        window: MIN_WINDOW,
    };
    split_reader(&mut lx, input, &opts, "test", |p| {
        by_reader.push((p.kind(), p.bytes.to_vec()));
        Ok(())
    })
    .unwrap();
    let joined = |v: &[(Kind, Vec<u8>)]| v.iter().flat_map(|(_, b)| b.clone()).collect::<Vec<u8>>();
    assert_eq!(joined(&by_slice), input, "every byte once, in order");
    assert_eq!(joined(&by_reader), input);
    by_slice
}

#[test]
fn copy_data_in_bulk_runs_of_whole_lines() {
    let input = b"COPY t (a, b) FROM stdin;\n1\tx\n2\t\\\\.\n3\t\\N\n\\.\nSELECT 1;\n";
    let pieces = split_bulk(input, 1 << 20);
    let kinds: Vec<Kind> = pieces.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        vec![Statement, Blank, CopyRows, CopyEnd, Statement, Blank]
    );
    assert_eq!(
        pieces[2].1, b"1\tx\n2\t\\\\.\n3\t\\N\n",
        "an escaped backslash before a dot is data"
    );
    // A run never holds more than the limit; a longer line still comes alone.
    let long = format!("COPY t (a) FROM stdin;\n{}\nb\nc\n\\.\n", "a".repeat(100));
    let pieces = split_bulk(long.as_bytes(), 16);
    let data: Vec<(Kind, String)> = pieces
        .into_iter()
        .filter(|(k, _)| matches!(k, CopyRow | CopyRows))
        .map(|(k, b)| (k, String::from_utf8_lossy(&b).into_owned()))
        .collect();
    assert_eq!(
        data,
        vec![
            (CopyRow, format!("{}\n", "a".repeat(100))),
            (CopyRows, "b\nc\n".into())
        ]
    );
    // The end marker at end of input without a line end, and with \r\n.
    for tail in ["\\.", "\\.\r\n"] {
        let input = format!("COPY t (a) FROM stdin;\n1\n2\n{tail}");
        let kinds: Vec<Kind> = split_bulk(input.as_bytes(), 1 << 20)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(kinds, vec![Statement, Blank, CopyRows, CopyEnd]);
    }
}

/// (kind, text, backslash) of each piece, the lexer started with
/// `NO_BACKSLASH_ESCAPES` when `nbe`, through a slice or a 3-byte reader.
fn split_modes(input: &str, nbe: bool, reader: bool) -> Vec<(Kind, String, bool)> {
    let mut lx = Lexer::new(Mysql);
    lx.set_no_backslash_escapes(nbe);
    let mut out = Vec::new();
    let f = |p: super::driver::PieceRef<'_>| {
        out.push((
            p.kind(),
            String::from_utf8_lossy(p.bytes).into_owned(),
            p.piece.backslash,
        ));
        Ok(())
    };
    let opts = SplitOptions {
        read_size: 3,
        window: MIN_TEST_WINDOW,
    };
    if reader {
        split_reader(&mut lx, input.as_bytes(), &opts, "t", f).unwrap();
    } else {
        split_slice(&mut lx, input.as_bytes(), &opts, "t", f).unwrap();
    }
    out
}

fn non_blank(pieces: Vec<(Kind, String, bool)>) -> Vec<(Kind, String, bool)> {
    pieces.into_iter().filter(|p| p.0 != Blank).collect()
}

#[test]
fn mysql_sql_mode_switches_strings_and_back() {
    // A dump written for a NO_BACKSLASH_ESCAPES session: `'C:\path\'` is complete and
    // `'it''s \'' x'` is `it's \' x`; after the footer restores the saved mode, `\'`
    // escapes again.
    let s = "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES' */;\n\
INSERT INTO `t` VALUES (1,'C:\\path\\',1),(2,'it''s \\'' x',0),(3,'\\',1);\n\
SELECT '\\';\n\
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n\
INSERT INTO `t` VALUES (4,'a\\'b);',1);\n";
    for reader in [false, true] {
        let got = non_blank(split_modes(s, false, reader));
        let want: Vec<(Kind, String, bool)> = vec![
            (Statement, "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES' */;".into(), true),
            (InsertHead, "INSERT INTO `t` VALUES ".into(), false),
            (Tuple, "(1,'C:\\path\\',1)".into(), false),
            (Tuple, ",(2,'it''s \\'' x',0)".into(), false),
            (Tuple, ",(3,'\\',1)".into(), false),
            (InsertTail, ";".into(), false),
            (Statement, "SELECT '\\';".into(), false),
            // the SET itself is read in the mode it was lexed in
            (Statement, "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;".into(), false),
            (InsertHead, "INSERT INTO `t` VALUES ".into(), true),
            (Tuple, "(4,'a\\'b);',1)".into(), true),
            (InsertTail, ";".into(), true),
        ];
        assert_eq!(got, want, "reader: {reader}");
    }
}

#[test]
fn mysql_forced_no_backslash_escapes_until_a_set() {
    // --no-backslash-escapes: strings are standard from the first byte; mysqldump's
    // header turns escapes on for its data, its footer restores the session's mode.
    let s = "SELECT 'a\\';\n\
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n\
SELECT 'b\\';c';\n\
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n\
SELECT 'd\\';\n\
SET sql_mode = '';\n\
SELECT 'e\\';f';\n\
SET sql_mode = DEFAULT;\n\
SELECT 'g\\';\n";
    let got: Vec<(String, bool)> = non_blank(split_modes(s, true, false))
        .into_iter()
        .filter(|p| p.1.starts_with("SELECT"))
        .map(|p| (p.1, p.2))
        .collect();
    assert_eq!(
        got,
        vec![
            ("SELECT 'a\\';".to_string(), false),
            ("SELECT 'b\\';c';".to_string(), true),
            ("SELECT 'd\\';".to_string(), false),
            ("SELECT 'e\\';f';".to_string(), true),
            ("SELECT 'g\\';".to_string(), false),
        ]
    );
    // The same dump without the option: the first string swallows the rest.
    match err(Mysql, s) {
        Error::Syntax { message, .. } => {
            assert!(message.contains("unterminated string"), "{message}")
        }
        e => panic!("{e}"),
    }
    // PostgreSQL ignores the option.
    let mut lx = Lexer::new(Postgres);
    lx.set_no_backslash_escapes(true);
    assert!(!lx.backslash_escapes());
}

#[test]
fn mysqldump_routine_sections_switch_for_their_bodies_only() {
    // What mariadb-dump writes for a trigger and a procedure created under
    // NO_BACKSLASH_ESCAPES (MariaDB 10.11), between backslash-escaped data.
    let s = "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n\
INSERT INTO `t` VALUES (1,'C:\\\\path\\\\',1);\n\
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;\n\
/*!50003 SET sql_mode              = 'NO_BACKSLASH_ESCAPES' */ ;\n\
DELIMITER ;;\n\
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'C:\\dir\\') \n*/;;\n\
DELIMITER ;\n\
/*!50003 SET sql_mode              = @saved_sql_mode */ ;\n\
INSERT INTO `t` VALUES (2,'it\\'s',0);\n\
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n";
    let got = non_blank(split_modes(s, false, false));
    let stmts: Vec<(&str, bool)> = got
        .iter()
        .filter(|p| matches!(p.0, Statement | InsertHead | Command))
        .map(|p| (p.1.as_str(), p.2))
        .collect();
    assert_eq!(stmts.len(), 10, "{stmts:#?}");
    assert!(stmts[5].0.contains("TRIGGER tr") && stmts[5].0.ends_with("*/;;"));
    assert!(
        !stmts[5].1,
        "the trigger body is read without backslash escapes"
    );
    assert!(stmts[1].1 && stmts[8].1, "the data is read with them");
    assert_eq!(stmts[8].0, "INSERT INTO `t` VALUES ");
    let tuples: Vec<&str> = got
        .iter()
        .filter(|p| p.0 == Tuple)
        .map(|p| p.1.as_str())
        .collect();
    assert_eq!(tuples, ["(1,'C:\\\\path\\\\',1)", "(2,'it\\'s',0)"]);
}

#[test]
fn sql_mode_switches_are_identical_across_paths() {
    let mut s = b"/*!40101 SET SQL_MODE='NO_BACKSLASH_ESCAPES' */;\nINSERT INTO t VALUES ".to_vec();
    for i in 0..200 {
        s.extend_from_slice(format!("({i},'{}\\'),", "q".repeat(i * 11)).as_bytes());
    }
    s.extend_from_slice(b"(0,'\\');\nSET sql_mode=@x;\nSELECT 'a\\';b';\n");
    assert_invariant(Mysql, &s);
    let pieces = split_bytes(Mysql, &s);
    assert_eq!(pieces.iter().filter(|p| p.0 == Tuple).count(), 201);
    assert_eq!(
        String::from_utf8_lossy(&pieces[pieces.len() - 2].1),
        "SELECT 'a\\';b';"
    );
}

#[test]
fn postgres_lone_cr_ends_line_comments() {
    // old Mac line ends: psql's lexer ends `--` comments at `\r` too
    let s = "--\r-- PostgreSQL database dump\r--\rCREATE TABLE public.t (a int);\rALTER TABLE public.t OWNER TO x;\r-- done\r";
    assert_eq!(
        texts(Postgres, s, Statement),
        vec![
            "CREATE TABLE public.t (a int);",
            "ALTER TABLE public.t OWNER TO x;"
        ]
    );
    // MySQL's `--` comment runs to `\n` only
    assert_eq!(
        texts(Mysql, "-- a\rSELECT 1;\nSELECT 2;", Statement),
        vec!["SELECT 2;"]
    );
}

/// A comment longer than the window goes out as blank fragments; the statement after
/// it is a piece of its own (it was the end of the blank run: proptest
/// `fragments_with_a_small_window` found it, so the rules never saw that INSERT).
#[test]
fn statement_after_a_comment_longer_than_the_window() {
    // every alignment of the comment's end with the window's
    for (window, len) in [MIN_TEST_WINDOW, 1516]
        .into_iter()
        .flat_map(|w| (w - 64..w + 64).map(move |l| (w, l)))
    {
        let mut input = b"INSERT INTO `t` VALUES (0);\n-- ".to_vec();
        input.extend(std::iter::repeat_n(0u8, len));
        input.extend_from_slice(b"\nINSERT INTO `t` VALUES (1);\n");
        for read_size in [1, 7] {
            let opts = SplitOptions { read_size, window };
            for pieces in [
                collect_slice(Dialect::Mysql, &input, opts),
                collect_reader(Dialect::Mysql, &input, opts),
            ] {
                // a fragment (partial) is continued by a piece of its own kind
                for w in pieces.windows(2) {
                    assert!(
                        !w[0].3 || w[1].0 == w[0].0,
                        "comment of {len}, window {window}, read size {read_size}: {:?} continued by {:?}",
                        w[0].0,
                        w[1].0
                    );
                }
                let heads = pieces.iter().filter(|p| p.0 == InsertHead).count();
                assert_eq!(
                    heads, 2,
                    "comment of {len}, window {window}, read size {read_size}"
                );
            }
        }
    }
}

/// Split `input`, taking after the `n`th piece (a whole tuple) what `take` says:
/// bytes, and where in them an INSERT begins.
fn split_taking(
    input: &[u8],
    n: usize,
    take: super::driver::Ahead,
) -> Result<Vec<(Kind, String, u64)>, Error> {
    let mut lx = Lexer::new(Mysql);
    let mut out = Vec::new();
    super::driver::split_slice_ahead(&mut lx, input, &SplitOptions::default(), "test", |p| {
        out.push((
            p.kind(),
            String::from_utf8_lossy(p.bytes).into_owned(),
            p.line,
        ));
        Ok(if out.len() == n {
            take
        } else {
            Default::default()
        })
    })?;
    Ok(out)
}

#[test]
fn tuples_taken_ahead_are_skipped() {
    use super::driver::Ahead;
    let s = b"INSERT INTO `t` VALUES\n(1,'a'),\n(2,'b'),\n(3,'c');\nINSERT INTO `t` VALUES\n(4,'d'),\n(5,'e');\nSELECT 1;\n";
    let take = |bytes: &[u8], statement| Ahead {
        bytes: bytes.len(),
        lines: bytes.iter().filter(|&&b| b == b'\n').count() as u64,
        statement,
    };
    // in the value list: the splitter goes on at the next tuple
    let got = split_taking(s, 2, take(b",\n(2,'b'),\n", None)).unwrap();
    assert_eq!(got[2], (Tuple, "(3,'c')".into(), 4));
    assert_eq!(got[3].0, InsertTail);
    // past the end of the INSERT, between statements: at the next statement
    let rest = ",\n(2,'b'),\n(3,'c');\nINSERT INTO `t` VALUES\n(4,'d'),\n(5,'e');\n";
    let got = split_taking(s, 2, take(rest.as_bytes(), None)).unwrap();
    assert_eq!(got[2], (Statement, "SELECT 1;".into(), 8));
    // into the next INSERT: its tuples go on, and an error points at its start
    let rest = ",\n(2,'b'),\n(3,'c');\nINSERT INTO `t` VALUES\n(4,'d'),\n";
    let at = rest.find("INSERT").unwrap();
    let got = split_taking(s, 2, take(rest.as_bytes(), Some(at))).unwrap();
    assert_eq!(got[2], (Tuple, "(5,'e')".into(), 7));
    let cut = &s[..s.len() - b"(5,'e');\nSELECT 1;\n".len()];
    match split_taking(cut, 2, take(rest.as_bytes(), Some(at))) {
        Err(Error::Syntax {
            offset,
            line,
            message,
            ..
        }) => {
            assert!(message.contains("ends with a comma"), "{message}");
            assert_eq!((offset, line), (at as u64 + 30, 5));
        }
        other => panic!("{other:?}"),
    }
    // anywhere but after a tuple, or ending elsewhere: an internal error
    assert!(split_taking(s, 1, take(b"(1,'a'),\n", None)).is_err());
    assert!(split_taking(s, 2, take(b",\n(2,'b')", None)).is_err());
}
