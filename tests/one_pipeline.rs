//! `check` is `fix` with the output thrown away: for every dump of the corpus and of
//! `corpus/`, and every target, `check --format json` and `fix --report FILE` give the
//! same findings (code, line, count, fixability) and the same refusals; findings about a
//! converted MySQL dump carry lines of that dump.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::dumpfix;

const TARGETS: [&str; 2] = ["liferay-postgresql", "liferay-mysql"];

type Key = (String, u64, u64, bool);

fn keys(report: &serde_json::Value) -> Vec<Key> {
    let mut v: Vec<Key> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["count"].as_u64().unwrap(),
                f["fixable"].as_bool().unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn dumps() -> Vec<PathBuf> {
    let mut v = common::corpus_sql_files();
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for dir in [own.join("examples"), own.clone()] {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "sql") {
                    v.push(p);
                }
            }
        }
    }
    v.sort();
    v
}

/// What one command said: exit code and, for a run that read the dump, its findings.
struct Said {
    code: i32,
    findings: Option<Vec<Key>>,
    stderr: String,
}

fn check(path: &Path, target: &str) -> Said {
    let out = dumpfix()
        .args(["check", "--format", "json", "--target", target])
        .arg(path)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let findings = (code < 2).then(|| {
        keys(
            &serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{}: check output is not JSON: {e}", path.display())),
        )
    });
    Said {
        code,
        findings,
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

fn fix(path: &Path, target: &str, dir: &Path) -> Said {
    let report = dir.join("report.json");
    let _ = std::fs::remove_file(&report);
    let out = dumpfix()
        .args(["fix", "--quiet", "--target", target, "-o"])
        .arg(dir.join("out.sql"))
        .arg("--report")
        .arg(&report)
        .arg(path)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    // (a report is small: findings are merged per rule and subject)
    let findings = std::fs::File::open(&report)
        .ok()
        .map(|f| keys(&serde_json::from_reader(std::io::BufReader::new(f)).unwrap()));
    Said {
        code,
        findings,
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

#[test]
fn check_and_fix_report_the_same_findings() {
    const TEST: &str = "check_and_fix_report_the_same_findings";
    if common::require_corpus(TEST).is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    let mut compared = 0;
    let mut refused = 0;
    let mut per_code: BTreeMap<String, u64> = BTreeMap::new();
    for path in dumps() {
        for target in TARGETS {
            let c = check(&path, target);
            let f = fix(&path, target, dir.path());
            let name = format!("{} --target {target}", path.display());
            // a refusal (exit 2 without findings) is the same refusal in both; a dump
            // cut inside a statement is a D001 in both (fix then writes nothing: exit 2)
            if c.findings.is_none() || f.findings.is_none() {
                if c.findings.is_some() || f.findings.is_some() || c.code != 2 || f.code != 2 {
                    problems.push(format!(
                        "{name}: check exit {}, fix exit {} ({} / {})",
                        c.code,
                        f.code,
                        c.stderr.trim(),
                        f.stderr.trim()
                    ));
                }
                refused += 1;
                continue;
            }
            let (Some(cf), Some(ff)) = (&c.findings, &f.findings) else {
                problems.push(format!("{name}: no findings from one side"));
                continue;
            };
            if cf != ff {
                problems.push(format!("{name}:\n  check {cf:?}\n  fix   {ff:?}"));
            }
            for k in cf {
                *per_code.entry(k.0.clone()).or_default() += k.2;
                // lines are lines of the given file
                assert!(k.1 >= 1, "{name}: a finding at line 0: {k:?}");
            }
            compared += 1;
        }
    }
    eprintln!("{TEST}: {compared} dump/target pairs compared, {refused} refused by both; findings by code {per_code:?}");
    assert!(compared >= 20, "only {compared} pairs compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn converted_findings_point_into_the_mysql_dump() {
    let dir = tempfile::tempdir().unwrap();
    let sql = "-- MySQL dump 10.13  Distrib 8.0.19, for Linux (x86_64)\n\
        /*!40101 SET NAMES utf8mb4 */;\n\
        CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `up` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n  `z` date DEFAULT NULL,\n  PRIMARY KEY (`id`)\n);\n\
        INSERT INTO `t` VALUES (1,'2020-01-01 00:00:00','0000-00-00'),(2,'2020-01-01 00:00:00',NULL),\n(3,'2020-01-01 00:00:00','2020-01-01');\n\
        DELIMITER ;;\n\
        CREATE TRIGGER `tr` BEFORE INSERT ON `t` FOR EACH ROW SET NEW.z = NEW.z ;;\n\
        DELIMITER ;\n\
        CREATE TABLE `DLContent` (\n  `contentId` bigint NOT NULL,\n  `data_` longblob,\n  PRIMARY KEY (`contentId`)\n);\n\
        INSERT INTO `DLContent` VALUES (1,'abc');\n\
        -- Dump completed on 2020-01-01  0:00:00\n";
    let path = dir.path().join("d.sql");
    std::fs::write(&path, sql).unwrap();
    let c = check(&path, "liferay-postgresql");
    let findings = c.findings.expect("check read the dump");
    let lines: BTreeMap<&str, u64> = findings.iter().map(|k| (k.0.as_str(), k.1)).collect();
    // the zero date on line 9 (the INSERT), the trigger on line 12, the BLOB column
    // on line 14 (its CREATE TABLE): lines of the MySQL dump
    assert_eq!(lines.get("V002"), Some(&9), "{findings:?}");
    assert_eq!(lines.get("R002"), Some(&12), "{findings:?}");
    assert_eq!(lines.get("L031"), Some(&14), "{findings:?}");
    // the ON UPDATE trigger and its function are dumpfix's own, and the function of a
    // translated trigger is its body: no R001
    assert!(!lines.contains_key("R001"), "{findings:?}");
    // and fix says the same
    let f = fix(&path, "liferay-postgresql", dir.path());
    assert_eq!(f.findings.as_ref(), Some(&findings), "{}", f.stderr);
    // check fails on warnings (R002, V002); fix only on errors it could not fix
    assert_eq!((c.code, f.code), (1, 0), "{}", f.stderr);
}

#[test]
fn check_refuses_what_fix_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pg.sql");
    std::fs::write(
        &path,
        "-- PostgreSQL database dump\nCREATE TABLE public.t (id integer);\n-- PostgreSQL database dump complete\n",
    )
    .unwrap();
    let c = check(&path, "liferay-mysql");
    let f = fix(&path, "liferay-mysql", dir.path());
    assert_eq!((c.code, f.code), (2, 2), "{} / {}", c.stderr, f.stderr);
    assert!(c.stderr.contains("not available"), "{}", c.stderr);
    assert!(!dir.path().join("out.sql").exists());
}

#[test]
fn a_truncated_mysql_dump_is_d001_on_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let whole = "-- MySQL dump 10.13  Distrib 8.0.19, for Linux (x86_64)\n\
        CREATE TABLE `t` (`id` int NOT NULL, PRIMARY KEY (`id`));\n\
        INSERT INTO `t` VALUES (1),(2);\n";
    // ends at a statement boundary, without the completion comment
    let path = dir.path().join("cut.sql");
    std::fs::write(&path, whole).unwrap();
    for target in ["liferay-postgresql", "liferay-mysql"] {
        let c = check(&path, target);
        let f = fix(&path, target, dir.path());
        let has = |s: &Said| {
            s.findings
                .as_ref()
                .is_some_and(|v| v.iter().any(|k| k.0 == "D001"))
        };
        assert!(has(&c) && has(&f), "{target}: {} / {}", c.stderr, f.stderr);
        assert_eq!((c.code, f.code), (1, 1), "{target}");
    }
    // ends inside a statement: check reports D001, fix writes nothing (exit 2) and its
    // report has the same D001
    let path = dir.path().join("cut2.sql");
    // "…VALUES (1)," : a value list cut after a comma
    std::fs::write(&path, &whole[..whole.len() - 5]).unwrap();
    for target in ["liferay-postgresql", "liferay-mysql"] {
        let _ = std::fs::remove_file(dir.path().join("out.sql"));
        let c = check(&path, target);
        let f = fix(&path, target, dir.path());
        assert_eq!(c.code, 1, "{target}: {}", c.stderr);
        assert_eq!(f.code, 2, "{target}: {}", f.stderr);
        assert!(f.stderr.contains("unterminated"), "{}", f.stderr);
        assert!(!dir.path().join("out.sql").exists(), "{target}");
        let d = |s: &Said| {
            s.findings
                .as_ref()
                .and_then(|v| v.iter().find(|k| k.0 == "D001").cloned())
        };
        assert!(d(&c).is_some(), "{target}");
        assert_eq!(d(&c), d(&f), "{target}");
    }
}

/// `convert … 2>&1 | head -3`: stdout and stderr are one pipe that closes early; the
/// process ends quietly (exit 0 for a closed pipe, never a panic's 101).
#[test]
fn a_closed_stderr_is_no_panic() {
    use std::io::Read;
    use std::process::Stdio;
    const TEST: &str = "a_closed_stderr_is_no_panic";
    let Some(corpus) = common::require_corpus(TEST) else {
        return;
    };
    let dump = corpus.join("mysql-sakila-official/sakila-schema.sql");
    for args in [
        &["convert", "--to", "postgresql"][..],
        &["fix", "--target", "liferay-postgresql"][..],
        &["check", "--target", "liferay-postgresql"][..],
        &["rules"][..],
    ] {
        for _ in 0..5 {
            let (reader, writer) = std::io::pipe().unwrap();
            let mut child = dumpfix()
                .args(args)
                .arg(&dump)
                .stdin(Stdio::null())
                .stdout(writer.try_clone().unwrap())
                .stderr(writer)
                .spawn()
                .unwrap();
            // read a little, then close the pipe, as `head -3` does
            let mut buf = [0u8; 200];
            let mut r = reader;
            let _ = r.read(&mut buf);
            drop(r);
            let status = child.wait().unwrap();
            assert_ne!(status.code(), Some(101), "{args:?}: panicked");
            assert!(status.code().is_some(), "{args:?}: killed: {status:?}");
        }
    }
}

/// No false findings on what the conversion handles: a `year(4)` column type and a
/// `year()` inside a dropped `PARTITION BY` are no M001; backticks in a view that
/// translates are no M002.
#[test]
fn no_false_findings_on_what_the_conversion_handles() {
    let dir = tempfile::tempdir().unwrap();
    let sql = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
        CREATE TABLE `events` (\n  `id` int NOT NULL,\n  `d` date NOT NULL,\n  `y` year(4) DEFAULT NULL,\n  PRIMARY KEY (`id`,`d`)\n) ENGINE=InnoDB\n\
        /*!50100 PARTITION BY RANGE (year(`d`))\n(PARTITION p0 VALUES LESS THAN (2000) ENGINE = InnoDB,\n PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */;\n\
        INSERT INTO `events` VALUES (1,'1999-01-01',1999),(2,'2024-01-01',2024);\n\
        /*!50001 CREATE VIEW `recent` AS select `events`.`id` AS `id`,`events`.`y` AS `y` from `events` where (`events`.`y` > 2000) */;\n\
        -- Dump completed on 2024-01-01 10:00:00\n";
    let path = dir.path().join("d.sql");
    std::fs::write(&path, sql).unwrap();
    let c = check(&path, "liferay-postgresql");
    let findings = c.findings.expect("check read the dump");
    for bad in ["M001", "M002", "C002"] {
        assert!(!findings.iter().any(|k| k.0 == bad), "{bad}: {findings:?}");
    }
    // the partitioning is said to be dropped, at its table's line
    assert!(
        findings.iter().any(|k| k.0 == "C014" && k.1 == 2),
        "{findings:?}"
    );
}
