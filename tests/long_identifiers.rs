//! A table name of 9 MiB — longer than the splitter's 8 MiB window, so that its
//! statements reach the commands in fragments — makes no command panic: `stats`
//! (text and JSON) reports the table under its first bytes and its length, in bounded
//! memory; `check`, `fix` and `convert` end with 0, 1 or 2 and a message, never 101.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::dumpfix;

const LONG: usize = 9 << 20;

/// A mysqldump whose one table has a backtick-quoted name of [`LONG`] bytes.
fn mysql_dump(dir: &Path) -> PathBuf {
    let name = "a".repeat(LONG);
    let sql = format!(
        "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n\
         -- Host: localhost    Database: lportal\n\n\
         /*!40101 SET NAMES utf8mb4 */;\n\
         CREATE TABLE `small` (\n  `id` int NOT NULL\n) ENGINE=InnoDB;\n\
         INSERT INTO `small` VALUES (1),(2),(3);\n\
         CREATE TABLE `{name}` (\n  `id` int NOT NULL\n) ENGINE=InnoDB;\n\
         INSERT INTO `{name}` VALUES (1),(2);\n\
         -- Dump completed on 2024-01-01 10:00:00\n"
    );
    let path = dir.join("long.sql");
    std::fs::write(&path, sql).unwrap();
    path
}

/// A pg_dump whose one table has a double-quoted name of [`LONG`] bytes.
fn pg_dump(dir: &Path) -> PathBuf {
    let name = "A".repeat(LONG);
    let sql = format!(
        "--\n-- PostgreSQL database dump\n--\n\n\
         SET standard_conforming_strings = on;\n\n\
         CREATE TABLE public.\"{name}\" (\n    id integer\n);\n\n\
         COPY public.\"{name}\" (id) FROM stdin;\n1\n2\n\\.\n\n\
         --\n-- PostgreSQL database dump complete\n--\n"
    );
    let path = dir.join("long-pg.sql");
    std::fs::write(&path, sql).unwrap();
    path
}

fn run(args: &[&str], input: &Path) -> Output {
    dumpfix()
        .args(args)
        .arg(input)
        .output()
        .expect("dumpfix runs")
}

/// Exit 0, 1 or 2, no panic; exit 2 comes with a message.
fn no_panic(what: &str, o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    let code = o.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "{what}: exit {code:?}: {}",
        clip(&err)
    );
    assert!(!err.contains("panicked"), "{what}: {}", clip(&err));
    if code == Some(2) {
        assert!(!err.trim().is_empty(), "{what}: exit 2 without a message");
    }
}

fn clip(s: &str) -> String {
    s.chars().take(2000).collect()
}

/// The one long table `stats --format json` lists: its name and rows.
fn long_table(json: &serde_json::Value) -> (String, u64) {
    let tables = json["tables"].as_array().expect("tables");
    let long: Vec<_> = tables
        .iter()
        .filter(|t| t["name"].as_str().unwrap().len() > 200)
        .collect();
    assert_eq!(long.len(), 1, "{tables:?}");
    (
        long[0]["name"].as_str().unwrap().to_string(),
        long[0]["rows"].as_u64().unwrap(),
    )
}

#[test]
fn stats_on_a_9_mib_table_name() {
    let dir = tempfile::tempdir().unwrap();
    let my = mysql_dump(dir.path());

    let o = run(&["stats"], &my);
    no_panic("stats", &o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        clip(&String::from_utf8_lossy(&o.stderr))
    );
    let text = String::from_utf8(o.stdout).unwrap();
    // bounded: the report names the table by its first bytes, not 9 MiB of them
    assert!(text.len() < 4096, "{} bytes of stats", text.len());
    assert!(text.contains("small"), "{text}");
    assert!(
        text.contains(&format!(
            "{}… (name longer than the window)",
            "a".repeat(256)
        )),
        "{text}"
    );

    let o = run(&["stats", "--format", "json"], &my);
    no_panic("stats --format json", &o);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.len() < 8192, "{} bytes of JSON", o.stdout.len());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let (name, _) = long_table(&json);
    // the CREATE TABLE is cut by the window inside the name
    assert_eq!(
        name,
        format!("{}… (name longer than the window)", "a".repeat(256))
    );
    let small = json["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "small")
        .expect("small");
    assert_eq!(small["rows"], 3);

    // The same in PostgreSQL: a double-quoted name in CREATE TABLE and COPY.
    let pg = pg_dump(dir.path());
    for format in ["human", "json"] {
        let o = run(&["stats", "--format", format], &pg);
        no_panic(&format!("stats --format {format} (pg_dump)"), &o);
        assert_eq!(o.status.code(), Some(0));
        assert!(o.stdout.len() < 8192, "{} bytes", o.stdout.len());
        if format == "json" {
            let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            // CREATE TABLE and COPY name the table alike: one entry, with the rows
            let (name, rows) = long_table(&json);
            assert_eq!(
                name,
                format!("public.{}… (name longer than the window)", "A".repeat(249))
            );
            assert_eq!(rows, 2);
        }
    }
}

#[test]
fn check_fix_and_convert_on_a_9_mib_table_name() {
    let dir = tempfile::tempdir().unwrap();
    let my = mysql_dump(dir.path());
    let out = dir.path().join("out.sql");
    let out = out.to_str().unwrap();
    for args in [
        &["check", "--target", "liferay-mysql"][..],
        &["check", "--target", "liferay-postgresql"][..],
        &["check", "--target", "liferay-mysql", "--format", "json"][..],
        &["fix", "--target", "liferay-postgresql", "-o", out][..],
        &["fix", "--target", "liferay-mysql", "-o", out][..],
        &["fix", "-o", out][..],
        &["convert", "--to", "postgresql", "-o", out][..],
    ] {
        let o = run(args, &my);
        no_panic(&format!("{args:?}"), &o);
    }
    let pg = pg_dump(dir.path());
    for args in [
        &["check", "--target", "liferay-postgresql"][..],
        &["fix", "--target", "liferay-postgresql", "-o", out][..],
    ] {
        let o = run(args, &pg);
        no_panic(&format!("{args:?} (pg_dump)"), &o);
    }
}
