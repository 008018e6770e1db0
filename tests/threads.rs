//! Rows rewritten on worker threads (`--threads N`) give the same output and the same
//! findings as rows rewritten on the main thread: a dump large enough for many batches
//! per table, tables with and without edited columns interleaved, values that cannot
//! be mapped here and there, and COPY rows longer than the splitter's window.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

use common::dumpfix;

fn pg_dump_text(rows: usize) -> Vec<u8> {
    let mut s = String::from(
        "--\n-- PostgreSQL database dump\n--\n\n\
         SET standard_conforming_strings = on;\n\
         SELECT pg_catalog.set_config('search_path', '', false);\n\n\
         CREATE TABLE public.user_ (\n    userid bigint NOT NULL,\n    createdate timestamp with time zone,\n    \
         screenname character varying(75),\n    lockout smallint,\n    status integer,\n    agreedtotermsofuse smallint\n);\n\n\
         CREATE TABLE public.notes (\n    id integer,\n    body text\n);\n\n\
         CREATE TABLE public.group_ (\n    groupid bigint NOT NULL,\n    site smallint,\n    name character varying(150),\n    active_ smallint\n);\n\n\
         COPY public.user_ (userid, createdate, screenname, lockout, status, agreedtotermsofuse) FROM stdin;\n",
    );
    for i in 0..rows {
        // every 997th row holds a value that is not a boolean
        let lockout = if i % 997 == 13 {
            "7".to_string()
        } else {
            (i % 2).to_string()
        };
        let date = if i % 5 == 0 {
            "\\N".to_string()
        } else {
            format!(
                "2024-0{}-1{} 0{}:30:00+0{}",
                1 + i % 9,
                i % 10,
                i % 10,
                i % 5
            )
        };
        writeln!(s, "{i}\t{date}\tuser\\t{i}\t{lockout}\t0\t{}", (i + 1) % 2).unwrap();
        if i == rows / 2 {
            // one row longer than the window: handed out in fragments
            let long = "x".repeat(9 << 20);
            writeln!(s, "{}\t2024-01-01 00:00:00+02\t{long}\t1\t0\t1", rows + 1).unwrap();
        }
    }
    s.push_str("\\.\n\nCOPY public.notes (id, body) FROM stdin;\n");
    for i in 0..rows / 4 {
        writeln!(s, "{i}\tnote {i} with a tab\\there").unwrap();
    }
    s.push_str("\\.\n\nCOPY public.group_ (groupid, site, name, active_) FROM stdin;\n");
    for i in 0..rows {
        let active = if i % 1499 == 7 { "yes" } else { "1" };
        writeln!(s, "{i}\t{}\tgroup {i}\t{active}", i % 2).unwrap();
    }
    s.push_str("\\.\n\n--\n-- PostgreSQL database dump complete\n--\n\n");
    s.into_bytes()
}

fn mysql_dump_text(rows: usize) -> Vec<u8> {
    let mut s = String::from(
        "-- MySQL dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n\n\
         /*!40101 SET NAMES utf8mb4 */;\n\n\
         CREATE TABLE `user_` (\n  `userId` bigint(20) NOT NULL,\n  `lockout` tinyint(4) DEFAULT NULL,\n  \
         `screenName` varchar(75) DEFAULT NULL,\n  `agreedToTermsOfUse` tinyint(4) DEFAULT NULL,\n  PRIMARY KEY (`userId`)\n) ENGINE=InnoDB;\n\n",
    );
    for chunk in 0..rows / 500 {
        s.push_str("INSERT INTO `user_` VALUES ");
        for j in 0..500 {
            let i = chunk * 500 + j;
            let lockout = if i % 997 == 13 { "2" } else { "0" };
            if j > 0 {
                s.push(',');
            }
            write!(s, "({i},{lockout},'it\\'s (user), {i}',{})", i % 2).unwrap();
        }
        s.push_str(";\n");
    }
    s.push_str("-- Dump completed on 2024-01-01  0:00:00\n");
    s.into_bytes()
}

fn run(args: &[&str], input: &Path) -> Output {
    dumpfix().args(args).arg(input).output().unwrap()
}

fn same_for_every_thread_count(target: &str, input: &Path, fix: bool) {
    let mut first: Option<(Vec<u8>, Vec<u8>)> = None;
    for threads in ["1", "2", "4"] {
        let check = run(
            &[
                "check",
                "--target",
                target,
                "--format",
                "json",
                "--threads",
                threads,
            ],
            input,
        );
        assert_eq!(check.status.code(), Some(1), "check --threads {threads}");
        let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        let bad = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "L011")
            .count();
        assert!(bad > 0, "the values that are not booleans are reported");
        let out = if fix {
            let o = dumpfix()
                .args(["fix", "--quiet", "--target", target, "--threads", threads])
                .arg(input)
                .output()
                .unwrap();
            // exit 1: the values that are not booleans are left for the user
            assert_eq!(
                o.status.code(),
                Some(1),
                "fix --threads {threads}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            o.stdout
        } else {
            Vec::new()
        };
        match &first {
            None => first = Some((check.stdout, out)),
            Some((c, o)) => {
                assert!(
                    c == &check.stdout,
                    "check --threads {threads} findings differ from --threads 1"
                );
                assert!(
                    o == &out,
                    "fix --threads {threads} output differs from --threads 1"
                );
            }
        }
    }
    let (_, out) = first.unwrap();
    if fix {
        // the rows were rewritten: the booleans became t/f
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("lockout boolean"), "DDL rewritten");
        assert!(text.contains("\n101\t2024-03-11 00:30:00\tuser\\t101\tt\t0\tf\n"));
    }
}

/// A mysqldump with dates that do not convert here and there (written as NULL, noted),
/// and optionally one tuple with a value too many.
fn mysql_for_convert(rows: usize, broken_row: Option<usize>) -> Vec<u8> {
    let mut s = String::from(
        "-- MySQL dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n\n\
         CREATE TABLE `t` (\n  `id` bigint(20) NOT NULL,\n  `at` datetime DEFAULT NULL,\n  \
         `body` text,\n  `b` longblob,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n\n\
         CREATE TABLE `u` (\n  `id` int(11) NOT NULL,\n  `name` varchar(20) DEFAULT NULL\n) ENGINE=InnoDB;\n\n",
    );
    for chunk in 0..rows / 400 {
        let table = if chunk % 7 == 3 { "u" } else { "t" };
        write!(s, "INSERT INTO `{table}` VALUES ").unwrap();
        for j in 0..400 {
            let i = chunk * 400 + j;
            if j > 0 {
                s.push(',');
            }
            if table == "u" {
                write!(s, "({i},'n{i}')").unwrap();
                continue;
            }
            let at = datetime_literal(i);
            let extra = if broken_row == Some(i) { ",9" } else { "" };
            write!(
                s,
                "({i},{at},'it\\'s\\n\\0 {i}\t\u{e9}','\\0\\\\{i}'{extra})"
            )
            .unwrap();
        }
        s.push_str(";\n");
    }
    s.push_str("-- Dump completed on 2024-01-01  0:00:00\n");
    s.into_bytes()
}

/// The `at` value of row `i`: now and then a date that does not convert, or a zero
/// date.
fn datetime_literal(i: usize) -> String {
    if i % 997 == 5 {
        "'2024-13-45 99:00:00'".to_string()
    } else if i.is_multiple_of(101) {
        "'0000-00-00 00:00:00'".to_string()
    } else {
        format!("'2024-01-{:02} 10:00:00'", 1 + i % 28)
    }
}

#[test]
fn convert_on_threads_matches_the_main_thread() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("my.sql");
    std::fs::write(&p, mysql_for_convert(240_000, None)).unwrap();
    let mut first: Option<Output> = None;
    for threads in ["1", "2", "4"] {
        let o = run(&["convert", "--to", "postgresql", "--threads", threads], &p);
        // exit 1: the dates that do not convert are listed
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("written as NULL"), "{err}");
        assert!(err.contains("zero date written as NULL"), "{err}");
        match &first {
            None => first = Some(o),
            Some(f) => {
                assert!(
                    f.stdout == o.stdout,
                    "convert --threads {threads} output differs"
                );
                assert_eq!(
                    f.stderr, o.stderr,
                    "convert --threads {threads} notes differ"
                );
            }
        }
    }
    let out = String::from_utf8_lossy(&first.unwrap().stdout).into_owned();
    assert!(out.contains("\n7\t2024-01-08 10:00:00\tit's\\n 7\\t\u{e9}\t\\\\x005c37\n"));

    // a tuple with a value too many: the same error, naming its line, on any thread count
    std::fs::write(&p, mysql_for_convert(240_000, Some(165_234))).unwrap();
    let mut errors = Vec::new();
    for threads in ["1", "4"] {
        let o = run(&["convert", "--to", "postgresql", "--threads", threads], &p);
        assert_eq!(o.status.code(), Some(2), "--threads {threads}");
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(err.contains("has 5 values for 4 columns"), "{err}");
        errors.push(err);
    }
    assert_eq!(errors[0], errors[1]);
}

#[test]
fn copy_rows_on_threads_match_the_main_thread() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pg.sql");
    std::fs::write(&p, pg_dump_text(240_000)).unwrap();
    same_for_every_thread_count("liferay-postgresql", &p, true);
}

#[test]
fn insert_tuples_checked_on_threads_match_the_main_thread() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mysql.sql");
    std::fs::write(&p, mysql_dump_text(240_000)).unwrap();
    same_for_every_thread_count("liferay-postgresql", &p, false);
}

/// Rows of a mapped file go to the workers without a copy, and their rewritten
/// batches to the writer thread whole: the output is the same as when the dump is
/// read from a pipe or with `--no-mmap`, to stdout or to a file.
#[test]
fn mapped_piped_and_read_inputs_give_the_same_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pg.sql");
    std::fs::write(&p, pg_dump_text(240_000)).unwrap();
    let fix = [
        "fix",
        "--quiet",
        "--target",
        "liferay-postgresql",
        "--threads",
        "2",
    ];
    let mapped = run(&fix, &p);
    assert_eq!(mapped.status.code(), Some(1));
    assert!(mapped.stdout.len() > 4 << 20, "several MiB of output");
    let read = dumpfix()
        .args(fix)
        .arg("--no-mmap")
        .arg(&p)
        .output()
        .unwrap();
    assert!(read.stdout == mapped.stdout, "--no-mmap output differs");
    let mut cmd = dumpfix();
    cmd.args(fix);
    let piped = common::output_with_files_on_stdin(cmd, std::slice::from_ref(&p));
    assert!(piped.stdout == mapped.stdout, "stdin output differs");
    let file = dir.path().join("out.sql");
    let o = dumpfix()
        .args(fix)
        .arg(&p)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let mut written = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::open(&file).unwrap(), &mut written).unwrap();
    assert!(written == mapped.stdout, "-o file differs from stdout");
}

/// A dump whose COPY data the row threads take ahead of the splitter: two tables of
/// many batches each, back to back, one value that is not a boolean deep in the first
/// (after the splitter's first piece), data lines that begin with an escaped
/// backslash and a dot, and the given line end. `ending` follows the last table's
/// rows. Returns the dump and the line of the bad value.
fn dump_for_ahead(rows: usize, nl: &str, ending: &str) -> (Vec<u8>, u64) {
    let mut s = format!(
        "CREATE TABLE public.user_ ({nl}    userid bigint,{nl}    lockout smallint,{nl}    \
         name text{nl});{nl}{nl}CREATE TABLE public.group_ ({nl}    name text,{nl}    \
         site smallint{nl});{nl}{nl}COPY public.user_ (userid, lockout, name) FROM stdin;{nl}"
    );
    let bad_row = rows * 3 / 4;
    let mut bad_line = 0;
    for i in 0..rows {
        let lockout = if i == bad_row {
            bad_line = s.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
            "7".to_string()
        } else {
            (i % 2).to_string()
        };
        write!(s, "{i}\t{lockout}\tname {i}{nl}").unwrap();
    }
    write!(
        s,
        "\\.{nl}{nl}COPY public.group_ (name, site) FROM stdin;{nl}"
    )
    .unwrap();
    for i in 0..rows {
        if i % 1000 == 999 {
            write!(s, "\\\\.{i}\t1{nl}").unwrap();
        } else {
            write!(s, "group {i}\t{}{nl}", i % 2).unwrap();
        }
    }
    s.push_str(ending);
    (s.into_bytes(), bad_line)
}

#[test]
fn copy_data_taken_ahead_ends_where_the_splitter_ends_it() {
    let dir = tempfile::tempdir().unwrap();
    let variants = [
        (
            "lf",
            "\n",
            "\\.\n\n-- PostgreSQL database dump complete\n\n",
            1,
        ),
        ("crlf", "\r\n", "\\.\r\n\r\n", 1),
        ("end marker without line end", "\n", "\\.", 1),
        ("no end marker", "\n", "", 2),
    ];
    for (name, nl, ending, code) in variants {
        let rows = 240_000; // several batches per table
        let (text, bad_line) = dump_for_ahead(rows, nl, ending);
        let p = dir.path().join("ahead.sql");
        std::fs::write(&p, &text).unwrap();
        let mut seen: Option<(Output, Output)> = None;
        for (how, threads, stdin) in [
            ("mapped", "2", false),
            ("mapped", "1", false),
            ("stdin", "2", true),
        ] {
            let fix = [
                "fix",
                "--target",
                "liferay-postgresql",
                "--threads",
                threads,
            ];
            let check = [
                "check",
                "--target",
                "liferay-postgresql",
                "--format",
                "json",
                "--threads",
                threads,
            ];
            let (f, c) = if stdin {
                let mut f = dumpfix();
                f.args(fix);
                let mut c = dumpfix();
                c.args(check);
                (
                    common::output_with_files_on_stdin(f, std::slice::from_ref(&p)),
                    common::output_with_files_on_stdin(c, std::slice::from_ref(&p)),
                )
            } else {
                (run(&fix, &p), run(&check, &p))
            };
            let what = format!("{name}, {how}, --threads {threads}");
            assert_eq!(
                f.status.code(),
                Some(code),
                "{what}: {}",
                String::from_utf8_lossy(&f.stderr)
            );
            if code == 1 {
                let json: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
                let lines: Vec<_> = json["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|f| f["code"] == "L011")
                    .map(|f| f["line"].as_u64().unwrap())
                    .collect();
                assert_eq!(lines, [bad_line], "{what}: the bad value's line");
                let out = String::from_utf8_lossy(&f.stdout);
                assert!(
                    out.contains(&format!("\n{l}\tt\tname {l}{nl}\\.{nl}", l = rows - 1)),
                    "{what}"
                );
                assert!(
                    out.contains(&format!("{nl}\\\\.{l}\tt{nl}", l = rows - 1)),
                    "{what}"
                );
            }
            match &seen {
                None => seen = Some((f, c)),
                Some((f0, c0)) => {
                    // (on an error, how much went to stdout before it depends on the
                    // threads)
                    assert!(
                        code == 2 || f.stdout == f0.stdout,
                        "{what}: fix output differs"
                    );
                    // the messages name the input: the path, or <stdin>
                    let named = |b: &[u8]| {
                        String::from_utf8_lossy(b).replace(p.to_str().unwrap(), "<stdin>")
                    };
                    assert_eq!(
                        named(&f.stderr),
                        named(&f0.stderr),
                        "{what}: fix messages differ"
                    );
                    assert_eq!(
                        named(&c.stdout),
                        named(&c0.stdout),
                        "{what}: check findings differ"
                    );
                }
            }
        }
    }
}

/// A mariadb-dump that writes one tuple per line (`INSERT INTO … VALUES\n(…),\n(…);`),
/// many INSERTs per table, some of one tuple, with what the row threads must not take
/// as tuples of the INSERT they read ahead in (every few tuples when `noisy`, else
/// seldom, so that they read ahead megabytes at a time): strings holding raw line
/// ends, `,\n(`, `;\n` and a head; comments, a space or `\r` between tuples; other
/// heads (another table, a column list, INSERT IGNORE, tuples on the head's line);
/// `NO_BACKSLASH_ESCAPES` for a while; dates that do not convert; and optionally a
/// tuple with a value too many, or a last INSERT cut after a comma.
/// Returns the dump and the number of rows of `t`.
fn mariadb_rows_per_line(
    rows: usize,
    noisy: bool,
    broken_row: Option<usize>,
    cut: bool,
) -> (Vec<u8>, usize) {
    let mut s = String::from(
        "-- MariaDB dump 10.19-11.8.3-MariaDB, for debian-linux-gnu (x86_64)\n\n\
         /*!40101 SET NAMES utf8mb4 */;\n\n\
         CREATE TABLE `t` (\n  `id` bigint(20) NOT NULL,\n  `at` datetime DEFAULT NULL,\n  \
         `body` text,\n  `b` longblob,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n\n\
         CREATE TABLE `u` (\n  `id` int(11) NOT NULL,\n  `name` varchar(20) DEFAULT NULL\n) ENGINE=InnoDB;\n\n",
    );
    let (heads, seps, raws) = if noisy {
        (11, 887, 13)
    } else {
        (97, 49_999, 9_973)
    };
    let (mut i, mut chunk, mut in_t) = (0, 0, 0);
    let mut backslash = true;
    while i < rows {
        // a stretch of INSERTs of one tuple: runs read ahead begin after `;\n`
        let single = chunk % 4 == 2 || (rows * 3 / 4..rows * 3 / 4 + 20_000).contains(&i);
        let per = if single { 1 } else { 300 };
        if backslash == (rows / 2..rows / 2 + 6_000).contains(&i) {
            backslash = !backslash;
            s.push_str(if backslash {
                "/*!40101 SET SQL_MODE='' */;\n"
            } else {
                "/*!40101 SET SQL_MODE='NO_BACKSLASH_ESCAPES' */;\n"
            });
        }
        let table = if chunk % heads == 3 { "u" } else { "t" };
        let head = match chunk % heads {
            3 => "INSERT INTO `u` VALUES\n",
            5 => "INSERT INTO `t` (`id`, `at`, `body`, `b`) VALUES\n",
            7 => "INSERT IGNORE INTO `t` VALUES\n",
            // the same head, but the tuples on its line
            9 => "INSERT INTO `t` VALUES ",
            _ => "INSERT INTO `t` VALUES\n",
        };
        s.push_str(head);
        for j in 0..per {
            if j > 0 {
                s.push_str(match i % seps {
                    0 => ",\r\n",
                    1 => ", /* between */\n",
                    2 => ",\n-- a comment line\n",
                    3 => ",\n# a hash comment\n",
                    4 => ", \n",
                    _ => ",\n",
                });
            }
            if table == "u" {
                write!(s, "({i},'n{i}')").unwrap();
                i += 1;
                continue;
            }
            in_t += 1;
            let at = datetime_literal(i);
            let body = match (i % raws, backslash) {
                // raw line ends in a string, around what looks like the next tuples
                (0, _) => format!("'raw {i}\n(1,2),\n(3,4);\n{head}(5,6),\n'"),
                (1, true) => format!("'it\\'s \\\\ {i}\\n,\\n'"),
                (1, false) => format!("'C:\\ {i} it''s'"),
                _ => format!("'text {i} \u{e9}'"),
            };
            let blob = if backslash { "'\\0\\\\x'" } else { "'\\0'" };
            let extra = if broken_row == Some(i) { ",9" } else { "" };
            write!(s, "({i},{at},{body},{blob}{extra})").unwrap();
            i += 1;
        }
        chunk += 1;
        if cut && i >= rows {
            s.push_str(",\n");
            return (s.into_bytes(), in_t);
        }
        s.push_str(";\n");
    }
    s.push_str("-- Dump completed on 2024-01-01  0:00:00\n");
    (s.into_bytes(), in_t)
}

/// Runs of `convert` and `check` with 1, 2 and 4 threads: the same bytes.
fn same_conversion_for_every_thread_count(input: &Path) -> Vec<Output> {
    let mut runs = Vec::new();
    for args in [
        &["convert", "--to", "postgresql"][..],
        &[
            "check",
            "--target",
            "liferay-postgresql",
            "--format",
            "json",
        ][..],
    ] {
        let mut first: Option<Output> = None;
        for threads in ["1", "2", "4"] {
            let o = dumpfix()
                .args(args)
                .args(["--threads", threads])
                .arg(input)
                .output()
                .unwrap();
            match &first {
                None => first = Some(o),
                Some(f) => {
                    assert_eq!(f.status.code(), o.status.code(), "{args:?} {threads}");
                    // (after an error, what was written before it depends on timing)
                    assert!(
                        f.status.code() == Some(2) || f.stdout == o.stdout,
                        "{args:?} --threads {threads}: stdout differs"
                    );
                    assert_eq!(
                        String::from_utf8_lossy(&f.stderr),
                        String::from_utf8_lossy(&o.stderr),
                        "{args:?} --threads {threads}"
                    );
                }
            }
        }
        runs.extend(first);
    }
    runs
}

#[test]
fn tuples_read_ahead_on_threads_match_the_main_thread() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("rows.sql");
    for (rows, noisy) in [(60_000, true), (150_000, false)] {
        let (dump, in_t) = mariadb_rows_per_line(rows, noisy, None, false);
        std::fs::write(&p, dump).unwrap();
        let runs = same_conversion_for_every_thread_count(&p);
        let (convert, check) = (&runs[0], &runs[1]);
        let err = String::from_utf8_lossy(&convert.stderr);
        assert_eq!(convert.status.code(), Some(1), "the dates are noted: {err}");
        assert!(err.contains("written as NULL"), "{err}");
        let out = String::from_utf8_lossy(&convert.stdout);
        // every row is there once, the raw line ends kept in their strings
        let t_rows = out
            .lines()
            .filter(|l| l.split('\t').count() == 4 && l.starts_with(|c: char| c.is_ascii_digit()))
            .count();
        assert_eq!(t_rows, in_t);
        assert_eq!(out.matches(&format!("\n{}\t", rows - 1)).count(), 1);
        let raw = if noisy { 13 } else { 9_973 };
        assert!(
            out.contains(&format!(
                "\n{raw}\t2024-01-{:02} 10:00:00\traw {raw}\\n(1,2),\\n(3,4);\\nINSERT INTO `t` VALUES\\n(5,6),\\n\t",
                1 + raw % 28
            )),
            "{raw}"
        );
        assert_eq!(check.status.code(), Some(1));
    }

    // a value too many: the same error, at the same line
    let (dump, _) = mariadb_rows_per_line(150_000, false, Some(101_234), false);
    std::fs::write(&p, dump).unwrap();
    let runs = same_conversion_for_every_thread_count(&p);
    let err = String::from_utf8_lossy(&runs[0].stderr);
    assert_eq!(runs[0].status.code(), Some(2));
    assert!(err.contains("has 5 values for 4 columns"), "{err}");

    // the last INSERT cut after a comma: the same error, pointing at that INSERT
    let (dump, _) = mariadb_rows_per_line(150_000, false, None, true);
    std::fs::write(&p, dump).unwrap();
    let runs = same_conversion_for_every_thread_count(&p);
    let err = String::from_utf8_lossy(&runs[0].stderr);
    assert_eq!(runs[0].status.code(), Some(2), "{err}");
    assert!(err.contains("ends with a comma"), "{err}");
}

/// A random mariadb-dump of `t` (one tuple per line, several INSERTs): strings made
/// of what the read ahead must read exactly as the splitter does (escaped and doubled
/// quotes, backslashes, raw line ends, `,\n(`, `);\n` and a head, comment starts,
/// `\r`, double quotes), separators that stop it now and then, and now and then
/// another head; every third dump without those, read ahead across its INSERTs.
fn random_rows_dump(seed: u64) -> Vec<u8> {
    let calm = seed.is_multiple_of(3);
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    const IN_STRING: &[&str] = &[
        "a",
        "xyz",
        "\\'",
        "''",
        "\\\\",
        "\n",
        "\"",
        ",\n(1,2),\n",
        ");\nINSERT INTO `t` VALUES\n(",
        "/*",
        "--",
        "#",
        "\r",
        "\u{e9}",
        "\\0",
        "\\n",
        ")",
        "(",
        ";",
        "`",
        " ",
    ];
    const SEPARATORS: &[&str] = &[
        ",\n",
        ",\n",
        ",\n",
        ",\n",
        ",\n",
        ",",
        ", ",
        ",\r\n",
        ",\n-- c\n",
        ",/*x*/\n",
        ",\n# c\n",
    ];
    let mut s = String::from(
        "-- MariaDB dump 10.19-11.8.3-MariaDB, for debian-linux-gnu (x86_64)\n\n\
         CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `s` text,\n  `n` decimal(10,2) DEFAULT NULL\n) ENGINE=InnoDB;\n\n",
    );
    let mut id = 0;
    for _ in 0..1 + next(6) {
        s.push_str(match next(8) {
            _ if calm => "INSERT INTO `t` VALUES\n",
            0 => "INSERT INTO `t` (`id`, `s`, `n`) VALUES\n",
            1 => "INSERT INTO `t` VALUES ",
            _ => "INSERT INTO `t` VALUES\n",
        });
        for j in 0..1 + next(40) {
            if j > 0 {
                let k = next(SEPARATORS.len() as u64) as usize;
                s.push_str(if calm { ",\n" } else { SEPARATORS[k] });
            }
            let mut text = String::new();
            for _ in 0..next(6) {
                text.push_str(IN_STRING[next(IN_STRING.len() as u64) as usize]);
            }
            let n = match next(4) {
                0 => "NULL".to_string(),
                1 => format!("-{}.{}", next(1000), next(100)),
                _ => next(100_000).to_string(),
            };
            write!(s, "({id},'{text}',{n})").unwrap();
            id += 1;
        }
        s.push_str(";\n");
    }
    s.push_str("-- Dump completed on 2024-01-01  0:00:00\n");
    s.into_bytes()
}

#[test]
fn tuples_read_ahead_agree_on_random_dumps() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("random.sql");
    for seed in 0..300 {
        std::fs::write(&p, random_rows_dump(seed)).unwrap();
        let mut args = vec![&["convert", "--to", "postgresql"][..]];
        if seed % 10 == 0 {
            args.push(&[
                "check",
                "--target",
                "liferay-postgresql",
                "--format",
                "json",
            ]);
        }
        for args in args {
            let runs: Vec<Output> = ["1", "2"]
                .iter()
                .map(|t| {
                    dumpfix()
                        .args(args)
                        .args(["--threads", t])
                        .arg(&p)
                        .output()
                        .unwrap()
                })
                .collect();
            let (one, two) = (&runs[0], &runs[1]);
            assert_eq!(one.status.code(), two.status.code(), "seed {seed} {args:?}");
            assert_eq!(
                String::from_utf8_lossy(&one.stderr),
                String::from_utf8_lossy(&two.stderr),
                "seed {seed} {args:?}"
            );
            assert!(
                one.stdout == two.stdout,
                "seed {seed} {args:?}: stdout differs"
            );
            // the dumps are valid: converted, with notes at most (NULs removed)
            if args[0] == "convert" {
                assert_ne!(
                    one.status.code(),
                    Some(2),
                    "seed {seed}: {}",
                    String::from_utf8_lossy(&one.stderr)
                );
            }
        }
    }
}
