//! Exit-2 messages, case by case (issue 22, item 20): every bad input makes `check`,
//! `fix`, `convert` and `stats` (where the command reads that kind of input) exit 2
//! with one `dumpfix: error: …` line (and at most one `hint:` line) on a stderr that
//! is not a terminal, naming the byte offset (and the line, for SQL-level errors) or
//! the format the input is in; never a temporary file's name; nothing left at `-o`.
//! Cases: truncated gzip and zstd, a gzip damaged in the middle, a tar and a tar.gz
//! cut inside a member, a tar whose `.sql.gz` member is a cut gzip, an unterminated
//! string at the end of a MySQL and of a pg_dump, an unterminated COPY block, a
//! pg_dump custom archive cut in its header and in its data, bzip2 / xz / zip / 7z
//! input, binary garbage, an empty file, a directory that is no `pg_dump -Fd`.
//!
//! And: no finding of `check --format json` on any corpus dump (the files INDEX.md
//! lists) is at line 0.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use common::dumpfix;

fn mysqldump() -> Vec<u8> {
    let mut d = b"-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: d\n\nCREATE TABLE `t` (\n  `a` int NOT NULL,\n  `b` varchar(10) DEFAULT NULL,\n  PRIMARY KEY (`a`)\n) ENGINE=InnoDB;\n".to_vec();
    for i in 0..2000 {
        d.extend_from_slice(format!("INSERT INTO `t` VALUES ({i},'row {i}');\n").as_bytes());
    }
    d.extend_from_slice(b"-- Dump completed on 2024-01-01  0:00:00\n");
    d
}

fn pgdump() -> Vec<u8> {
    let mut d = b"--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.5\n-- Dumped by pg_dump version 15.5\n\nSET statement_timeout = 0;\n\nCREATE TABLE public.t (\n    a integer NOT NULL,\n    b text\n);\n\nCOPY public.t (a, b) FROM stdin;\n".to_vec();
    for i in 0..2000 {
        d.extend_from_slice(format!("{i}\trow {i}\n").as_bytes());
    }
    d.extend_from_slice(b"\\.\n\n--\n-- PostgreSQL database dump complete\n--\n\n");
    d
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn tar_of(name: &str, data: &[u8]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, name, data).unwrap();
    b.into_inner().unwrap()
}

fn cut(data: &[u8], n: usize) -> Vec<u8> {
    data[..n.min(data.len())].to_vec()
}

/// The output of `tool ARGS` on `input`, or None when the tool is missing.
fn with_tool(dir: &Path, tool: &str, args: &[&str], input: &[u8], out: &str) -> Option<Vec<u8>> {
    let src = dir.join("tool-input.sql");
    std::fs::write(&src, input).unwrap();
    let st = Command::new(tool)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !st.status.success() {
        return None;
    }
    let mut v = Vec::new();
    File::open(dir.join(out)).ok()?.read_to_end(&mut v).ok()?;
    Some(v)
}

/// How a case must be named in the message.
#[derive(Clone, Copy, PartialEq)]
enum Where {
    /// SQL-level: `byte N, line N`.
    ByteAndLine,
    /// A byte offset (`byte N`).
    Byte,
    /// The format, by these words (all of them).
    Format,
}

struct Case {
    name: &'static str,
    /// The file (or directory) under the test directory.
    path: String,
    /// Which commands read it (`convert` reads MySQL dumps only).
    commands: &'static [&'static str],
    place: Where,
    /// Words the message must hold.
    needles: Vec<&'static str>,
}

const ALL: &[&str] = &["check", "fix", "convert", "stats"];
const NOT_CONVERT: &[&str] = &["check", "fix", "stats"];

fn args_for(cmd: &str, path: &str) -> Vec<String> {
    let mut a: Vec<String> = match cmd {
        "check" => vec!["check", "--target", "liferay-postgresql"],
        "fix" => vec!["fix", "--target", "liferay-postgresql"],
        "convert" => vec!["convert", "--to", "postgresql"],
        _ => vec!["stats"],
    }
    .into_iter()
    .map(String::from)
    .collect();
    a.push("--quiet".into());
    a.push(path.into());
    if cmd == "fix" || cmd == "convert" {
        a.extend(["-o".to_string(), "out/result.sql".to_string()]);
    }
    a
}

/// `byte N` with N a number, in `s`.
fn has_number_after(s: &str, word: &str) -> bool {
    s.match_indices(word).any(|(i, _)| {
        s[i + word.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

fn line_number(s: &str) -> Option<u64> {
    let i = s.find("line ")?;
    let digits: String = s[i + 5..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

#[test]
fn every_exit_2_message_says_where_or_what() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let my = mysqldump();
    let pg = pgdump();
    let put = |name: &str, data: &[u8]| std::fs::write(d.join(name), data).unwrap();

    let my_gz = gzip(&my);
    put("trunc.sql.gz", &cut(&my_gz, my_gz.len() / 2));
    let my_zst = zstd::encode_all(&my[..], 3).unwrap();
    put("trunc.sql.zst", &cut(&my_zst, my_zst.len() / 2));
    let mut corrupt = my_gz.clone();
    let mid = corrupt.len() / 2;
    for b in &mut corrupt[mid..mid + 40] {
        *b ^= 0x5a;
    }
    put("corrupt-middle.sql.gz", &corrupt);
    let tar = tar_of("dump.sql", &my);
    put("cut-member.tar", &cut(&tar, 20_000));
    let tgz = gzip(&tar);
    put("cut.tar.gz", &cut(&tgz, tgz.len() / 2));
    put(
        "member-bad-gzip.tar",
        &tar_of("dump.sql.gz", &cut(&my_gz, my_gz.len() / 2)),
    );
    let mut my_open = my[..my.len() - 41].to_vec();
    my_open.extend_from_slice(b"INSERT INTO `t` VALUES (9999,'never closed);\n");
    put("my-open-string.sql", &my_open);
    let copy_at = pg.windows(13).position(|w| w == b"COPY public.t").unwrap();
    let mut pg_open = pg[..copy_at].to_vec();
    pg_open.extend_from_slice(b"INSERT INTO public.t VALUES (1, 'never closed);\n");
    put("pg-open-string.sql", &pg_open);
    let end = pg.windows(3).position(|w| w == b"\\.\n").unwrap();
    put("pg-open-copy.sql", &pg[..end]);
    // a custom archive, written by dumpfix itself (as pg_dump -Fc lays one out)
    put("pg.sql", &pg);
    let o = dumpfix()
        .args(["fix", "-q", "pg.sql", "-o", "whole.dump"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let mut archive = Vec::new();
    File::open(d.join("whole.dump"))
        .unwrap()
        .read_to_end(&mut archive)
        .unwrap();
    put("cut-header.dump", &cut(&archive, 100));
    put("cut-data.dump", &cut(&archive, archive.len() - 400));
    let compressed = [
        (
            "bzip2",
            vec!["-k", "tool-input.sql"],
            "tool-input.sql.bz2",
            "my.sql.bz2",
        ),
        (
            "xz",
            vec!["-k", "tool-input.sql"],
            "tool-input.sql.xz",
            "my.sql.xz",
        ),
        (
            "zip",
            vec!["-q", "my.zip", "tool-input.sql"],
            "my.zip",
            "my.zip",
        ),
        (
            "7z",
            vec!["a", "-bd", "my.7z", "tool-input.sql"],
            "my.7z",
            "my.7z",
        ),
    ];
    let mut foreign = Vec::new();
    for (tool, args, out, name) in compressed {
        match with_tool(d, tool, &args, &my, out) {
            Some(bytes) => {
                put(name, &bytes);
                foreign.push(name);
            }
            None => {
                common::skip_or_fail::<()>("every_exit_2_message_says_where_or_what", tool);
            }
        }
    }
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let garbage: Vec<u8> = (0..5000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    put("garbage.bin", &garbage);
    put("empty.sql", b"");
    std::fs::create_dir(d.join("not-a-pg-dir")).unwrap();
    put("not-a-pg-dir/readme.txt", b"hello\n");

    let mut cases = vec![
        Case {
            name: "truncated gzip",
            path: "trunc.sql.gz".into(),
            commands: ALL,
            place: Where::Byte,
            needles: vec!["gzip", "truncated"],
        },
        Case {
            name: "truncated zstd",
            path: "trunc.sql.zst".into(),
            commands: ALL,
            place: Where::Byte,
            needles: vec!["zstd", "truncated"],
        },
        Case {
            name: "gzip corrupt in the middle",
            path: "corrupt-middle.sql.gz".into(),
            commands: ALL,
            place: Where::Byte,
            needles: vec!["gzip"],
        },
        Case {
            name: "tar cut inside its member",
            path: "cut-member.tar".into(),
            commands: ALL,
            place: Where::Byte,
            needles: vec!["tar", "dump.sql", "truncated"],
        },
        Case {
            name: "tar.gz cut",
            path: "cut.tar.gz".into(),
            commands: ALL,
            place: Where::Byte,
            needles: vec!["tar member dump.sql", "truncated"],
        },
        Case {
            name: "tar member that is a cut gzip",
            path: "member-bad-gzip.tar".into(),
            commands: ALL,
            place: Where::Byte,
            needles: vec!["gzip", "tar member dump.sql.gz", "truncated"],
        },
        Case {
            name: "MySQL string open at the end",
            path: "my-open-string.sql".into(),
            commands: &["fix", "convert", "stats"],
            place: Where::ByteAndLine,
            needles: vec!["unterminated string"],
        },
        Case {
            name: "pg_dump string open at the end",
            path: "pg-open-string.sql".into(),
            commands: &["fix", "stats"],
            place: Where::ByteAndLine,
            needles: vec!["unterminated string"],
        },
        Case {
            name: "COPY block never ended",
            path: "pg-open-copy.sql".into(),
            commands: &["fix", "stats"],
            place: Where::ByteAndLine,
            needles: vec!["COPY"],
        },
        Case {
            name: "custom archive cut in the header",
            path: "cut-header.dump".into(),
            commands: NOT_CONVERT,
            place: Where::Byte,
            needles: vec!["custom-format archive", "truncated"],
        },
        Case {
            name: "custom archive cut in the data",
            path: "cut-data.dump".into(),
            commands: NOT_CONVERT,
            place: Where::Byte,
            needles: vec!["custom-format archive", "truncated"],
        },
        Case {
            name: "binary garbage",
            path: "garbage.bin".into(),
            commands: ALL,
            place: Where::Byte,
            needles: vec!["not a SQL dump"],
        },
        Case {
            name: "empty file",
            path: "empty.sql".into(),
            commands: ALL,
            place: Where::Format,
            needles: vec!["empty"],
        },
        Case {
            name: "directory that is no pg_dump -Fd",
            path: "not-a-pg-dir".into(),
            commands: ALL,
            place: Where::Format,
            needles: vec!["directory", "pg_dump directory-format", "toc.dat"],
        },
    ];
    for name in foreign {
        let what = match name {
            "my.sql.bz2" => "bzip2",
            "my.sql.xz" => "xz",
            "my.zip" => "zip",
            _ => "7z",
        };
        cases.push(Case {
            name: "a format dumpfix does not read",
            path: name.into(),
            commands: ALL,
            place: Where::Format,
            needles: vec![what, "does not read"],
        });
    }

    let mut failures = Vec::new();
    let mut matrix = Vec::new();
    for case in &cases {
        for cmd in case.commands {
            let out_dir = d.join("out");
            let _ = std::fs::remove_dir_all(&out_dir);
            std::fs::create_dir(&out_dir).unwrap();
            let o = dumpfix()
                .args(args_for(cmd, &case.path))
                .current_dir(d)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            let lines: Vec<&str> = err.lines().collect();
            let mut wrong = Vec::new();
            if o.status.code() != Some(2) {
                wrong.push(format!("exit {:?}", o.status.code()));
            }
            let errors = lines
                .iter()
                .filter(|l| l.starts_with("dumpfix: error: "))
                .count();
            let hints = lines.iter().filter(|l| l.starts_with("hint: ")).count();
            if errors != 1 || hints > 1 || lines.len() != errors + hints {
                wrong.push("not one error line (and one hint at most)".into());
            }
            let msg = lines.first().copied().unwrap_or_default();
            for n in &case.needles {
                if !msg.contains(n) {
                    wrong.push(format!("no {n:?}"));
                }
            }
            match case.place {
                Where::ByteAndLine => {
                    if !has_number_after(msg, "byte ") {
                        wrong.push("no byte".into());
                    }
                    if line_number(msg).is_none_or(|l| l == 0) {
                        wrong.push("no line (or line 0)".into());
                    }
                }
                Where::Byte => {
                    if !has_number_after(msg, "byte ") {
                        wrong.push("no byte".into());
                    }
                }
                Where::Format => {}
            }
            if line_number(msg) == Some(0) {
                wrong.push("line 0".into());
            }
            if err.contains("dumpfix-tmp") || err.contains(".tmp") || err.contains("panicked") {
                wrong.push("a temporary file's name or a panic".into());
            }
            let left: Vec<_> = std::fs::read_dir(&out_dir)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            if !left.is_empty() {
                wrong.push(format!("left {left:?}"));
            }
            matrix.push(format!("{} | {cmd} | {msg}", case.name));
            if !wrong.is_empty() {
                failures.push(format!("{} ({cmd}): {wrong:?}\n  {err}", case.name));
            }
        }
    }
    eprintln!("{}", matrix.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `check` reports a dump cut inside a string or a COPY block as a finding (D001,
/// exit 1) at the line where the open construct began, not line 0.
#[test]
fn check_reports_a_cut_dump_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut my = mysqldump();
    my.truncate(my.len() - 41);
    my.extend_from_slice(b"INSERT INTO `t` VALUES (9999,'never closed);\n");
    let pg = pgdump();
    let end = pg.windows(3).position(|w| w == b"\\.\n").unwrap();
    for (name, data, line) in [("my.sql", &my[..], 2010u64), ("pg.sql", &pg[..end], 15)] {
        std::fs::write(dir.path().join(name), data).unwrap();
        let o = dumpfix()
            .args([
                "check",
                "--target",
                "liferay-postgresql",
                "--format",
                "json",
                name,
            ])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}: {o:?}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let d001: Vec<_> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "D001")
            .collect();
        assert_eq!(d001.len(), 1, "{name}: {v}");
        assert_eq!(d001[0]["line"], line, "{name}: {v}");
        assert!(d001[0]["offset"].as_u64().is_some(), "{name}: {v}");
    }
}

/// The corpus files INDEX.md lists, as paths.
fn corpus_listed(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut text = String::new();
    File::open(dir.join("INDEX.md"))
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    let mut files: Vec<_> = text
        .lines()
        .filter(|l| l.starts_with("| ") && l.as_bytes().get(2).is_some_and(u8::is_ascii_digit))
        .filter_map(|l| l.split('|').nth(2))
        .map(|f| dir.join(f.trim()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files.dedup();
    files
}

#[test]
fn no_corpus_finding_is_at_line_0() {
    let Some(dir) = common::require_corpus("no_corpus_finding_is_at_line_0") else {
        return;
    };
    let files = corpus_listed(&dir);
    assert!(files.len() >= 20, "INDEX.md lists {} files", files.len());
    let mut bad = Vec::new();
    for f in &files {
        for target in ["liferay-postgresql", "liferay-mysql"] {
            let o = dumpfix()
                .args(["check", "--format", "json", "--target", target])
                .arg(f)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            if target == "liferay-mysql" && err.contains("takes a mysql dump") {
                continue; // a pg_dump: no finding for this target
            }
            assert!(
                matches!(o.status.code(), Some(0 | 1)),
                "{}: {}",
                f.display(),
                String::from_utf8_lossy(&o.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            for finding in v["findings"].as_array().unwrap() {
                if finding["line"].as_u64().is_none_or(|l| l == 0) {
                    bad.push(format!("{} ({target}): {finding}", f.display()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
