//! `dumpfix check`: ignore comments, dumpfix.toml, size limits, truncation and the
//! MySQL data problems of the PostgreSQL target, on small hand-written dumps.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::dumpfix;

const MYSQL_HEAD: &str = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: lportal\n-- ------------------------------------------------------\n/*!40101 SET NAMES utf8mb4 */;\n";
const MYSQL_TAIL: &str = "-- Dump completed on 2024-01-01 10:00:00\n";

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn check(dir: &Path, args: &[&str]) -> (i32, serde_json::Value, Output) {
    let o = dumpfix()
        .current_dir(dir)
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
    (o.status.code().unwrap_or(-1), v, o)
}

/// (code, line, severity) of every finding.
fn findings(v: &serde_json::Value) -> Vec<(String, u64, String)> {
    v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["code"].as_str().unwrap().to_string(),
                        f["line"].as_u64().unwrap(),
                        f["severity"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    findings(v).into_iter().map(|f| f.0).collect()
}

/// PostgreSQL's double-quoted names (with doubled quotes inside) are no backticks: a
/// pg_dump that quotes its names gets no M002 (they were reported as "backtick-quoted
/// identifiers", an error).
#[test]
fn quoted_postgresql_names_are_not_mysql_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let pg = "-- PostgreSQL database dump\n\nCREATE VIEW \"S \"\"x\"\"\".\"View \"\"Q\"\"\" AS SELECT 1 AS \"Id\";\n\
              CREATE VIEW public.b AS SELECT ifnull(1, 0) AS \"Id\";\n-- PostgreSQL database dump complete\n";
    let f = write(dir.path(), "pg.sql", pg.as_bytes());
    let (_, v, o) = check(
        dir.path(),
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    let found = codes(&v);
    assert!(
        !found.iter().any(|c| c == "M002"),
        "{found:?} {}",
        String::from_utf8_lossy(&o.stderr)
    );
    // the rules still run on these statements: the MySQL function is found
    assert!(found.iter().any(|c| c == "M001"), "{found:?}");
}

#[test]
fn ignore_comment_silences_one_statement() {
    let dir = tempfile::tempdir().unwrap();
    // a PostgreSQL dump: M001 on its own text
    let pg = "-- PostgreSQL database dump\n\n-- dumpfix-ignore M001, M002\nCREATE VIEW public.a AS SELECT ifnull(x, 0) AS y FROM public.t;\nCREATE VIEW public.b AS SELECT ifnull(x, 0) AS y FROM public.t;\n-- PostgreSQL database dump complete\n";
    let f = write(dir.path(), "pg.sql", pg.as_bytes());
    let (code, v, _) = check(
        dir.path(),
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    let m: Vec<_> = findings(&v).into_iter().filter(|f| f.0 == "M001").collect();
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].1, 5, "only the second view, on its line");
    // a MySQL dump: the conversion's findings and the rules' on the converted text
    // both heed the comment, at the MySQL line
    let sql = format!(
        "{MYSQL_HEAD}-- dumpfix-ignore C002\nCREATE VIEW `a` AS select week(`x`) AS `y` from `t`;\nCREATE VIEW `b` AS select week(`x`) AS `y` from `t`;\nCREATE TABLE `t` (`x` date);\n-- dumpfix-ignore R002\nCREATE TRIGGER `tr` BEFORE INSERT ON `t` FOR EACH ROW SET NEW.x = NEW.x;\nCREATE TRIGGER `tr2` BEFORE UPDATE ON `t` FOR EACH ROW SET NEW.x = NEW.x;\n{MYSQL_TAIL}"
    );
    let f = write(dir.path(), "d.sql", sql.as_bytes());
    let (code, v, o) = check(
        dir.path(),
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&o.stderr));
    let fs = findings(&v);
    let c: Vec<_> = fs.iter().filter(|f| f.0 == "C002").collect();
    assert_eq!(c.len(), 1, "{fs:?}");
    assert_eq!(c[0].1, 8, "only the second view, on its line: {fs:?}");
    let r: Vec<_> = fs.iter().filter(|f| f.0 == "R002").collect();
    assert_eq!(r.len(), 1, "{fs:?}");
    assert_eq!(r[0].1, 12, "only the second trigger, on its line: {fs:?}");
}

/// `fix` of `text` for the PostgreSQL target: (output, findings of `--report`).
fn fix_pg(dir: &Path, text: &str) -> (String, Vec<(String, u64, String)>) {
    let f = write(dir, "in.sql", text.as_bytes());
    let report = dir.join("report.json");
    let o = dumpfix()
        .current_dir(dir)
        .args([
            "fix",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "--report",
        ])
        .arg(&report)
        .arg(&f)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value =
        serde_json::from_reader(std::fs::File::open(&report).unwrap()).unwrap();
    (String::from_utf8(o.stdout).unwrap(), findings(&v))
}

/// A statement a comment silences a rule for is written as it was read: no finding,
/// and no fix (nothing changes in silence), and `check` finds what `fix` reports.
#[test]
fn ignore_comment_stops_the_fix_too() {
    let dir = tempfile::tempdir().unwrap();
    let pg = "-- PostgreSQL database dump\n\nCREATE TABLE public.t (x integer);\n\
              GRANT SELECT ON public.t TO r;\n-- dumpfix-ignore L041\nGRANT SELECT ON public.t TO s;\n\
              ALTER TABLE public.t OWNER TO bob;\nSET transaction_timeout = 0;\n\
              -- dumpfix-ignore L024\nSET transaction_timeout = 0;\n\
              -- PostgreSQL database dump complete\n";
    let (out, fixed) = fix_pg(dir.path(), pg);
    assert!(!out.contains("TO r;"), "{out}");
    assert!(out.contains("GRANT SELECT ON public.t TO s;"), "{out}");
    assert!(!out.contains("OWNER TO"), "{out}");
    assert_eq!(out.matches("SET transaction_timeout").count(), 1, "{out}");
    let lines = |fs: &[(String, u64, String)], code: &str| -> Vec<u64> {
        fs.iter().filter(|f| f.0 == code).map(|f| f.1).collect()
    };
    assert_eq!(lines(&fixed, "L041"), [4, 7], "{fixed:?}");
    assert_eq!(lines(&fixed, "L024"), [8], "{fixed:?}");
    let f = write(dir.path(), "c.sql", pg.as_bytes());
    let (_, v, _) = check(
        dir.path(),
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    assert_eq!(findings(&v), fixed);
    // without the comments every one is fixed (the test can fail)
    let (out, _) = fix_pg(dir.path(), &pg.replace("-- dumpfix-ignore", "-- x"));
    assert!(!out.contains("GRANT"), "{out}");
    assert!(!out.contains("SET transaction_timeout"), "{out}");
}

/// A MySQL dump of Liferay's Country and Region, each with a `tinyint(4)` BOOLEAN
/// column (`country_extra`: one more column for Country, and its value), with `before`
/// ahead of Country and `between` ahead of Region (lines 6 and 8 or 9): `fix` for
/// the PostgreSQL target, then `check` of the same dump, which must find what
/// `fix` reports. Returns the output's Country and Region parts and the findings.
fn country_region(
    dir: &Path,
    before: &str,
    (extra_column, extra_value): (&str, &str),
    between: &str,
) -> (String, String, Vec<(String, u64, String)>) {
    let sql = format!(
        "{MYSQL_HEAD}{before}CREATE TABLE `Country` (`countryId` bigint NOT NULL, `companyId` bigint, `a2` varchar(75), `a3` varchar(75), `name` varchar(75), `active_` tinyint(4),{extra_column} PRIMARY KEY (`countryId`));\n\
         INSERT INTO `Country` VALUES (1,2,'a','b','c',1{extra_value});\n\
         {between}CREATE TABLE `Region` (`regionId` bigint NOT NULL, `countryId` bigint, `regionCode` varchar(75), `name` varchar(75), `active_` tinyint(4), PRIMARY KEY (`regionId`));\n\
         INSERT INTO `Region` VALUES (1,1,'x','y',0);\n{MYSQL_TAIL}"
    );
    let (out, fixed) = fix_pg(dir, &sql);
    let f = write(dir, "m.sql", sql.as_bytes());
    let (_, v, _) = check(
        dir,
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    assert_eq!(findings(&v), fixed, "check finds what fix reports");
    let at = |t: &str| out.find(t).unwrap_or_else(|| panic!("no {t} in {out}"));
    let (c, r) = (at("CREATE TABLE country"), at("CREATE TABLE region"));
    (out[c..r].to_string(), out[r..].to_string(), fixed)
}

/// The same through the conversion: a comment in a MySQL dump reaches the target's
/// rules with the converted statement, so the PostgreSQL target leaves that table's
/// column a number (L010 off for it) and makes the next one's boolean. Also when
/// the conversion writes another statement first (an ENUM column's `CREATE TYPE`),
/// and for `#` and `/* */` comments, which it does not write.
#[test]
fn ignore_comment_in_a_mysql_dump_stops_the_targets_fix() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("-- dumpfix-ignore L010\n", ("", "")),
        (
            "-- dumpfix-ignore L010\n",
            (" `kind` enum('a','b'),", ",'a'"),
        ),
        // the comment forms the conversion does not write
        ("# dumpfix-ignore L010\n", ("", "")),
        ("/* dumpfix-ignore L010 */\n", ("", "")),
    ];
    for (comment, extra) in cases {
        let (country, region, fixed) = country_region(dir.path(), comment, extra, "");
        assert!(country.contains("active_ smallint"), "{country}");
        assert!(country.contains("\ta\tb\tc\t1"), "{country}");
        assert!(region.contains("active_ boolean"), "{region}");
        assert!(region.contains("1\t1\tx\ty\tf\n"), "{region}");
        let l010: Vec<_> = fixed.iter().filter(|f| f.0 == "L010").collect();
        assert_eq!(l010.len(), 1, "{fixed:?}");
        assert_eq!(l010[0].1, 9, "the Region table's MySQL line: {fixed:?}");
    }
}

/// A file-wide comment in a MySQL dump, after a table the target fixed: that table
/// was written fixed and keeps its finding; the tables after the comment are
/// written as converted, with none (as on a PostgreSQL dump).
#[test]
fn ignore_file_comment_in_a_mysql_dump_keeps_earlier_fixes_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (country, region, fixed) =
        country_region(dir.path(), "", ("", ""), "-- dumpfix-ignore-file L010\n");
    assert!(country.contains("active_ boolean"), "{country}");
    assert!(region.contains("active_ smallint"), "{region}");
    let l010: Vec<_> = fixed.iter().filter(|f| f.0 == "L010").collect();
    assert_eq!(l010.len(), 1, "{fixed:?}");
    assert_eq!(l010[0].1, 6, "the Country table's MySQL line: {fixed:?}");
}

/// A rule that renames keeps renaming under a comment (a name must be the same in
/// every statement that uses it): the comment silences its finding only.
#[test]
fn ignore_comment_leaves_renames_on() {
    let dir = tempfile::tempdir().unwrap();
    let pg = "-- PostgreSQL database dump\n\n-- dumpfix-ignore L001\n\
              CREATE TABLE public.\"User_\" (\"userId\" bigint);\n\
              INSERT INTO public.\"User_\" VALUES (1);\n-- PostgreSQL database dump complete\n";
    let (out, fixed) = fix_pg(dir.path(), pg);
    assert!(out.contains("CREATE TABLE public.\"user_\""), "{out}");
    assert!(out.contains("INSERT INTO public.\"user_\""), "{out}");
    let l001: Vec<_> = fixed.iter().filter(|f| f.0 == "L001").collect();
    assert!(l001.iter().all(|f| f.1 != 4), "{fixed:?}");
    // without the comment, L001 is found on the CREATE TABLE
    let (_, fixed) = fix_pg(dir.path(), &pg.replace("-- dumpfix-ignore L001\n", ""));
    assert!(fixed.iter().any(|f| f.0 == "L001" && f.1 == 3), "{fixed:?}");
}

#[test]
fn ignore_file_comment_silences_the_whole_dump() {
    let dir = tempfile::tempdir().unwrap();
    // PostgreSQL: the comment comes after the first finding of each code; both views'
    // M001 and the GRANT's L041 go, M002-free views still run their rules
    let pg = "-- PostgreSQL database dump\n\nCREATE VIEW public.a AS SELECT ifnull(x, 0) AS y FROM public.t;\nGRANT SELECT ON public.t TO r;\n-- dumpfix-ignore-file m001, L041\nCREATE VIEW public.b AS SELECT ifnull(x, 0) AS y FROM public.t;\nCREATE TABLE public.user_ (active_ smallint);\n-- PostgreSQL database dump complete\n";
    let f = write(dir.path(), "pg.sql", pg.as_bytes());
    let (_, v, o) = check(
        dir.path(),
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    let fs = findings(&v);
    // M001 only reports: both views' findings go. L041 fixes: the GRANT before the
    // comment is removed all the same (it was written before the comment was read),
    // so its finding stays; none after it
    assert!(
        !fs.iter().any(|f| f.0 == "M001"),
        "{fs:?} {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let l041: Vec<_> = fs.iter().filter(|f| f.0 == "L041").collect();
    assert_eq!(l041.len(), 1, "{fs:?}");
    assert_eq!(l041[0].1, 4, "{fs:?}");
    assert!(
        fs.iter().any(|f| f.0 == "L004"),
        "other rules still run: {fs:?}"
    );
    // without the comment both are found (the test can fail)
    let f = write(
        dir.path(),
        "pg2.sql",
        pg.replace("-- dumpfix-ignore-file m001, L041\n", "")
            .as_bytes(),
    );
    let (_, v, _) = check(
        dir.path(),
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    let fs = findings(&v);
    assert!(fs.iter().any(|f| f.0 == "M001"), "{fs:?}");
    assert!(fs.iter().any(|f| f.0 == "L041"), "{fs:?}");
    // MySQL converted for PostgreSQL: the conversion's findings too, at any line
    let sql = format!(
        "{MYSQL_HEAD}CREATE VIEW `a` AS select week(`x`) AS `y` from `t`;\nCREATE TABLE `t` (`x` date);\n-- dumpfix-ignore-file C002\nCREATE VIEW `b` AS select week(`x`) AS `y` from `t`;\n{MYSQL_TAIL}"
    );
    let f = write(dir.path(), "d.sql", sql.as_bytes());
    let (_, v, o) = check(
        dir.path(),
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    let fs = findings(&v);
    assert!(
        !fs.iter().any(|f| f.0 == "C002"),
        "{fs:?} {}",
        String::from_utf8_lossy(&o.stderr)
    );
    // the missing end marker of a MySQL dump checked for PostgreSQL (D001, found on
    // the MySQL side) heeds the file-wide form too; without it, D001 is found
    for (name, ignore, want) in [
        ("cut.sql", "-- dumpfix-ignore-file D001\n", false),
        ("cut2.sql", "", true),
    ] {
        let sql = format!("{MYSQL_HEAD}{ignore}CREATE TABLE `t` (`x` int);\n");
        let f = write(dir.path(), name, sql.as_bytes());
        let (_, v, o) = check(
            dir.path(),
            &["--target", "liferay-postgresql", f.to_str().unwrap()],
        );
        let fs = findings(&v);
        assert_eq!(
            fs.iter().any(|f| f.0 == "D001"),
            want,
            "{name}: {fs:?} {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn config_file_sets_target_rules_and_severities() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("dumps/nested");
    std::fs::create_dir_all(&sub).unwrap();
    write(
        dir.path(),
        "dumpfix.toml",
        b"target = \"liferay-postgresql\"\nfail-on = \"error\"\n[rules]\ndisable = [\"L004\", \"R004\"]\nseverity = { C002 = \"error\" }\n",
    );
    let sql = format!(
        "{MYSQL_HEAD}DELIMITER ;;\nCREATE DEFINER=`root`@`localhost` PROCEDURE `p`()\nBEGIN\n  SELECT ifnull(1, 2);\nEND ;;\nDELIMITER ;\nCREATE TABLE `t` (`x` int);\n{MYSQL_TAIL}"
    );
    let f = write(&sub, "d.sql", sql.as_bytes());
    // run from the nested directory: the file is found by walking up
    let (code, v, o) = check(&sub, &[f.to_str().unwrap()]);
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&o.stderr));
    let fs = findings(&v);
    // the procedure is not converted (commented out): C002, raised to an error
    assert!(fs.contains(&("C002".into(), 7, "error".into())), "{fs:?}");
    assert!(!fs.iter().any(|f| f.0 == "L004" || f.0 == "R004"), "{fs:?}");
    // disabling a conversion finding silences it
    write(
        dir.path(),
        "dumpfix.toml",
        b"target = \"liferay-postgresql\"\n[rules]\ndisable = [\"C002\", \"L004\"]\n",
    );
    let (code, v, o) = check(&sub, &[f.to_str().unwrap()]);
    assert_eq!(code, 0, "{} {v}", String::from_utf8_lossy(&o.stderr));

    write(
        dir.path(),
        "dumpfix.toml",
        b"[rules]\ndisable = [\"Z123\"]\n",
    );
    let (code, _, o) = check(&sub, &["--target", "liferay-mysql", f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("Z123"));
}

#[test]
fn no_target_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "d.sql",
        format!("{MYSQL_HEAD}{MYSQL_TAIL}").as_bytes(),
    );
    let (code, _, o) = check(dir.path(), &[f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--target"));
}

#[test]
fn statements_over_max_packet_and_uploads_over_2tb() {
    let dir = tempfile::tempdir().unwrap();
    let sql = format!(
        "{MYSQL_HEAD}INSERT INTO `t` VALUES (1,'{}'),(2,'x');\nINSERT INTO `t` VALUES (3,'y');\n{MYSQL_TAIL}",
        "a".repeat(2000)
    );
    let f = write(dir.path(), "d.sql", sql.as_bytes());
    let (_, v, _) = check(
        dir.path(),
        &[
            "--target",
            "liferay-mysql",
            "--max-packet",
            "1000",
            f.to_str().unwrap(),
        ],
    );
    let d: Vec<_> = findings(&v).into_iter().filter(|f| f.0 == "D002").collect();
    assert_eq!(d, [("D002".to_string(), 6, "error".to_string())]);

    let volume = dir.path().join("volume.tgz");
    std::fs::File::create(&volume)
        .unwrap()
        .set_len(2_000_000_000_000)
        .unwrap();
    let (code, v, _) = check(
        dir.path(),
        &[
            "--target",
            "liferay-mysql",
            "--volume",
            volume.to_str().unwrap(),
            f.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert!(codes(&v).contains(&"S001".to_string()));
}

#[test]
fn truncated_dumps_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    // cut between statements: no end marker
    let f = write(
        dir.path(),
        "a.sql",
        format!("{MYSQL_HEAD}CREATE TABLE `t` (`a` int);\n").as_bytes(),
    );
    let (code, v, _) = check(
        dir.path(),
        &["--target", "liferay-mysql", f.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(codes(&v).contains(&"D001".to_string()));
    // cut inside a string
    let f = write(
        dir.path(),
        "b.sql",
        format!("{MYSQL_HEAD}INSERT INTO `t` VALUES (1,'abc").as_bytes(),
    );
    let (code, v, _) = check(
        dir.path(),
        &["--target", "liferay-mysql", f.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    let d: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "D001")
        .collect();
    assert_eq!(d.len(), 1);
    assert!(d[0]["message"].as_str().unwrap().contains("truncated"));
    assert_eq!(d[0]["line"], 6);
    // complete: nothing
    let f = write(
        dir.path(),
        "c.sql",
        format!("{MYSQL_HEAD}CREATE TABLE `t` (`a` int);\n{MYSQL_TAIL}").as_bytes(),
    );
    let (_, v, _) = check(
        dir.path(),
        &["--target", "liferay-mysql", f.to_str().unwrap()],
    );
    assert!(!codes(&v).contains(&"D001".to_string()));
}

#[test]
fn mysql_values_postgresql_refuses_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut sql = format!(
        "{MYSQL_HEAD}CREATE TABLE `note` (\n  `id` int NOT NULL,\n  `body` longtext,\n  `at` datetime DEFAULT NULL,\n  `bin` longblob\n);\nINSERT INTO `note` VALUES (1,'ok','2024-01-01 00:00:00',_binary 'a\\0b'),(2,'nul\\0here','0000-00-00 00:00:00',NULL);\nINSERT INTO `note` VALUES (3,'caf"
    )
    .into_bytes();
    sql.push(0xe9); // latin1 é
    sql.extend_from_slice(
        b"','2024-00-10 00:00:00',NULL),(4,'IFNULL(a,b) GROUP_CONCAT(x)',NULL,NULL);\n",
    );
    sql.extend_from_slice(MYSQL_TAIL.as_bytes());
    let f = write(dir.path(), "d.sql", &sql);
    let (code, v, _) = check(
        dir.path(),
        &["--target", "liferay-postgresql", f.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    let all = v["findings"].as_array().unwrap();
    let get = |c: &str| {
        all.iter()
            .find(|f| f["code"] == c)
            .unwrap_or_else(|| panic!("{c} missing: {v}"))
    };
    assert_eq!(get("V001")["line"], 12);
    assert_eq!(get("V001")["count"], 1, "the _binary NUL is not text");
    assert_eq!(get("V002")["count"], 2);
    assert_eq!(get("V003")["line"], 13);
    assert!(
        !codes(&v).contains(&"M001".to_string()),
        "function names in data are data"
    );
}

/// A finding about one row of a multi-line INSERT (`VALUES\n(…),\n(…)`) names the row's
/// own line, not the line of the separator before it, on the threaded and the
/// single-threaded path, for a MySQL dump through the conversion and a pg_dump through
/// the rules.
#[test]
fn row_findings_name_the_rows_line() {
    let dir = tempfile::tempdir().unwrap();
    let my = write(
        dir.path(),
        "my.sql",
        b"-- MySQL dump 10.13\nCREATE TABLE `t` (\n  `id` int NOT NULL,\n  `d` datetime DEFAULT NULL\n);\nINSERT INTO `t` VALUES\n(1,'2020-01-01 00:00:00'),\n(2,'2020-01-01 00:00:00'),\n(3,'0000-00-00 00:00:00');\n-- Dump completed on 2024-01-01 10:00:00\n",
    );
    let pg = write(
        dir.path(),
        "pg.sql",
        b"--\n-- PostgreSQL database dump\n--\nCREATE TABLE public.user_ (userid bigint, lockout smallint);\nINSERT INTO public.user_ VALUES (1, 0),\n\t(2, 2);\n--\n-- PostgreSQL database dump complete\n--\n",
    );
    for threads in ["1", "2"] {
        for (file, code, line) in [(&my, "V002", 9), (&pg, "L011", 6)] {
            let f = file.display().to_string();
            let (_, v, o) = check(
                dir.path(),
                &["--target", "liferay-postgresql", "--threads", threads, &f],
            );
            let found: Vec<u64> = findings(&v)
                .into_iter()
                .filter(|x| x.0 == code)
                .map(|x| x.1)
                .collect();
            assert_eq!(
                found,
                vec![line],
                "{code} in {f} with {threads} thread(s): {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
}
