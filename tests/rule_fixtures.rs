//! Ruff-style fixtures for every rule in the registry: `corpus/rules/<CODE>/bad.sql`
//! is a small realistic dump on which the rule fires, `good.sql` the corrected (or
//! nearest legitimate) dump on which it stays silent. Every rule has both, and a
//! manual; every fixable rule's fix removes what it reports, idempotently, and the
//! output of `fix` on every fixture loads into the real server of its target (PostgreSQL
//! 15 or MariaDB), but for the few listed with the error that stops them.
//!
//! A fixture's first line may give the `check` arguments:
//!
//! ```sql
//! -- dumpfix-test: --target liferay-postgresql --max-packet 1024
//! ```
//!
//! Without `--target` the target is the one for the dump's dialect (`liferay-mysql`
//! for mysqldump, `liferay-postgresql` for pg_dump). `--volume-size N` is not a
//! dumpfix option: the test makes a sparse file of N bytes and passes it as
//! `--volume`. File arguments (`--table-names`, `--reference`, `--volume`) are taken
//! relative to the fixture's directory. `fix` gets the same arguments except the
//! ones only `check` has (`--volume`, `--fail-on`, `--format`).
//!
//! Each test collects every failure and reports them all at the end, so that one run
//! shows every rule that misbehaves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::dumpfix;
use dumpfix::finding::Meta;
use dumpfix::rules::REGISTRY;

/// Options that take a file name (resolved against the fixture's directory).
const FILE_OPTIONS: &[&str] = &["--table-names", "--reference", "--volume"];

/// Options (with a value) that `check` takes and `fix` does not.
const CHECK_ONLY: &[&str] = &["--volume", "--fail-on", "--format"];

/// Options without a value.
const FLAGS: &[&str] = &["--quiet", "--no-mmap"];

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rules")
}

fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Run dumpfix in `dir` (a temporary directory: no `dumpfix.toml` is picked up).
fn run(dir: &Path, args: &[String]) -> Output {
    dumpfix().current_dir(dir).args(args).output().unwrap()
}

fn exit(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// One fixture file and how to check it.
struct Fixture {
    path: PathBuf,
    /// The target (`--target` of the header, else the dialect's).
    target: String,
    /// The dump's dialect, as `dumpfix stats` detects it.
    dialect: String,
    /// Arguments for `check` other than `--target`, `--format` and the file.
    check_args: Vec<String>,
    /// Arguments for `fix` other than `--target`, `-o` and the file.
    fix_args: Vec<String>,
    /// Holds the sparse volume file, if any.
    _volume: Option<tempfile::TempDir>,
}

/// The arguments of the `-- dumpfix-test:` header line, if any.
fn header_args(bytes: &[u8]) -> Vec<String> {
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let first = String::from_utf8_lossy(&bytes[..end]);
    match first.trim_end().strip_prefix("-- dumpfix-test:") {
        Some(rest) => rest.split_whitespace().map(str::to_string).collect(),
        None => Vec::new(),
    }
}

/// `dumpfix stats --format json FILE`: the detected dialect, or why it failed.
fn stats_dialect(work: &Path, path: &Path) -> Result<String, String> {
    let o = run(
        work,
        &[
            "stats".into(),
            "--format".into(),
            "json".into(),
            path.display().to_string(),
        ],
    );
    if exit(&o) != 0 {
        return Err(format!(
            "`dumpfix stats` exits {}: {}",
            exit(&o),
            text(&o.stderr).trim()
        ));
    }
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .map_err(|e| format!("`dumpfix stats --format json` is not JSON: {e}"))?;
    v["dialect"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("`dumpfix stats` gives no dialect: {v}"))
}

fn default_target(dialect: &str) -> Option<&'static str> {
    match dialect {
        "mysql" => Some("liferay-mysql"),
        "postgresql" => Some("liferay-postgresql"),
        _ => None,
    }
}

impl Fixture {
    fn load(work: &Path, path: &Path) -> Result<Fixture, String> {
        let bytes = read_bytes(path).map_err(|e| format!("cannot read: {e}"))?;
        let dialect = stats_dialect(work, path)?;
        let dir = path.parent().unwrap();
        let mut target = None;
        let mut volume = None;
        let mut check_args = Vec::new();
        let mut fix_args = Vec::new();
        let mut words = header_args(&bytes).into_iter();
        while let Some(w) = words.next() {
            let value = |words: &mut std::vec::IntoIter<String>| {
                words
                    .next()
                    .ok_or_else(|| format!("header: {w} needs a value"))
            };
            match w.as_str() {
                "--target" => target = Some(value(&mut words)?),
                "--volume-size" => {
                    let v = value(&mut words)?;
                    let size: u64 = v
                        .parse()
                        .map_err(|_| format!("header: --volume-size {v} is not a number"))?;
                    let tmp = tempfile::tempdir().unwrap();
                    let file = tmp.path().join("volume.tgz");
                    std::fs::File::create(&file)
                        .and_then(|f| f.set_len(size))
                        .map_err(|e| format!("sparse volume of {size} bytes: {e}"))?;
                    check_args.push("--volume".to_string());
                    check_args.push(file.display().to_string());
                    volume = Some(tmp);
                }
                opt if opt.starts_with("--") && !opt.contains('=') && !FLAGS.contains(&opt) => {
                    let mut v = value(&mut words)?;
                    if FILE_OPTIONS.contains(&opt) {
                        v = dir.join(&v).display().to_string();
                    }
                    if !CHECK_ONLY.contains(&opt) {
                        fix_args.push(opt.to_string());
                        fix_args.push(v.clone());
                    }
                    check_args.push(opt.to_string());
                    check_args.push(v);
                }
                other => {
                    check_args.push(other.to_string());
                    fix_args.push(other.to_string());
                }
            }
        }
        let target = match target {
            Some(t) => t,
            None => default_target(&dialect)
                .ok_or_else(|| format!("no default target for dialect {dialect}"))?
                .to_string(),
        };
        Ok(Fixture {
            path: path.to_path_buf(),
            target,
            dialect,
            check_args,
            fix_args,
            _volume: volume,
        })
    }

    /// `check --format json` on `file` (the fixture, or a fixed copy of it) with the
    /// fixture's arguments: the codes of the findings.
    fn check(&self, work: &Path, file: &Path) -> Result<Vec<String>, String> {
        let mut args: Vec<String> = ["check", "-q", "--format", "json", "--target"]
            .map(String::from)
            .to_vec();
        args.push(self.target.clone());
        args.extend(self.check_args.iter().cloned());
        args.push(file.display().to_string());
        let o = run(work, &args);
        if !matches!(exit(&o), 0 | 1) {
            return Err(format!(
                "`dumpfix {}` exits {}: {}",
                args.join(" "),
                exit(&o),
                text(&o.stderr).trim()
            ));
        }
        let v: serde_json::Value = serde_json::from_slice(&o.stdout)
            .map_err(|e| format!("check output is not JSON ({e}): {}", text(&o.stdout)))?;
        let findings = v["findings"]
            .as_array()
            .ok_or_else(|| format!("no findings array: {v}"))?;
        Ok(findings
            .iter()
            .filter_map(|f| f["code"].as_str().map(str::to_string))
            .collect())
    }

    /// `fix --target T … input -o output`; Ok(()) when the output was written.
    fn fix(&self, work: &Path, input: &Path, output: &Path) -> Result<(), String> {
        let mut args: Vec<String> = ["fix", "-q", "--target"].map(String::from).to_vec();
        args.push(self.target.clone());
        args.extend(self.fix_args.iter().cloned());
        args.push(input.display().to_string());
        args.push("-o".into());
        args.push(output.display().to_string());
        let o = run(work, &args);
        // 1: findings that fix cannot repair remain; the output is still written
        if !matches!(exit(&o), 0 | 1) || !output.is_file() {
            return Err(format!(
                "`dumpfix {}` exits {} (output written: {}): {}",
                args.join(" "),
                exit(&o),
                output.is_file(),
                text(&o.stderr).trim()
            ));
        }
        Ok(())
    }

    /// The target's dialect is the dump's (only then can `fix` rewrite it).
    fn fixable_dialect(&self) -> bool {
        dumpfix::targets::find(&self.target).is_some_and(|t| t.dialect.to_string() == self.dialect)
    }
}

fn fixture_path(code: &str, which: &str) -> PathBuf {
    rules_dir().join(code).join(which)
}

fn report(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// The rules `check` runs on a dump. X001-X006 are checked by `mendix verify` on a
/// Mendix backup archive, not on a dump: tests/mendix.rs has their cases.
fn codes() -> impl Iterator<Item = &'static Meta> {
    REGISTRY
        .iter()
        .copied()
        .filter(|m| !m.code.starts_with('X'))
}

#[test]
fn every_rule_has_fixtures_and_a_manual() {
    let work = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();

    // the registry is what `dumpfix rules` lists
    let o = run(work.path(), &["rules".into()]);
    assert_eq!(exit(&o), 0, "{}", text(&o.stderr));
    let listed: Vec<String> = text(&o.stdout)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let registry: Vec<String> = REGISTRY.iter().map(|m| m.code.to_string()).collect();
    assert_eq!(listed, registry, "`dumpfix rules` lists the registry");

    for m in codes() {
        for which in ["bad.sql", "good.sql"] {
            let p = fixture_path(m.code, which);
            if !p.is_file() {
                failures.push(format!("{}: {} missing", m.code, p.display()));
            }
        }
        let o = run(work.path(), &["rule".into(), m.code.into()]);
        if exit(&o) != 0 {
            failures.push(format!(
                "{}: `dumpfix rule {}` exits {}: {}",
                m.code,
                m.code,
                exit(&o),
                text(&o.stderr).trim()
            ));
            continue;
        }
        let manual = text(&o.stdout);
        for section in ["## What it does", "## Why it matters", "## Example"] {
            if !manual.lines().any(|l| l.trim_end() == section) {
                failures.push(format!("{}: the manual has no `{section}`", m.code));
            }
        }
        if !manual.contains(m.name) {
            failures.push(format!("{}: the manual does not name {}", m.code, m.name));
        }
    }

    // no fixtures for codes that are not rules
    for entry in std::fs::read_dir(rules_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && dumpfix::rules::by_code(&name).is_none() {
            failures.push(format!("corpus/rules/{name}: no rule has this code"));
        }
    }
    report("rule fixtures and manuals", &failures);
}

#[test]
fn every_fixture_is_a_parseable_dump() {
    let work = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for m in codes() {
        for which in ["bad.sql", "good.sql"] {
            let p = fixture_path(m.code, which);
            if !p.is_file() {
                continue; // reported by every_rule_has_fixtures_and_a_manual
            }
            match Fixture::load(work.path(), &p) {
                Ok(f) => {
                    if dumpfix::targets::find(&f.target).is_none() {
                        failures.push(format!("{}/{which}: unknown target {}", m.code, f.target));
                    }
                }
                Err(e) => failures.push(format!("{}/{which}: {e}", m.code)),
            }
        }
    }
    report("fixtures that do not parse", &failures);
}

#[test]
fn bad_fixtures_fire_and_good_ones_stay_silent() {
    let work = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for m in codes() {
        let code = m.code;
        for (which, should_fire) in [("bad.sql", true), ("good.sql", false)] {
            let p = fixture_path(code, which);
            if !p.is_file() {
                failures.push(format!("{code}/{which}: missing"));
                continue;
            }
            let f = match Fixture::load(work.path(), &p) {
                Ok(f) => f,
                Err(e) => {
                    failures.push(format!("{code}/{which}: {e}"));
                    continue;
                }
            };
            let runs = dumpfix::targets::find(&f.target).is_some_and(|t| t.enabled(code));
            if should_fire && !runs {
                failures.push(format!(
                    "{code}/{which}: target {} does not run {code}",
                    f.target
                ));
                continue;
            }
            match f.check(work.path(), &f.path) {
                Ok(found) => {
                    let fired = found.iter().any(|c| c == code);
                    if fired != should_fire {
                        failures.push(format!(
                            "{code}/{which}: {code} {} on --target {} (findings: {})",
                            if fired { "fires" } else { "does not fire" },
                            f.target,
                            if found.is_empty() {
                                "none".to_string()
                            } else {
                                found.join(" ")
                            }
                        ));
                    }
                }
                Err(e) => failures.push(format!("{code}/{which}: {e}")),
            }
        }
    }
    report("rules on their fixtures", &failures);
}

#[test]
fn fixes_remove_what_they_fix() {
    let work = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut fixed = Vec::new();
    for m in codes().filter(|m| m.fixable()) {
        let code = m.code;
        let p = fixture_path(code, "bad.sql");
        let f = match Fixture::load(work.path(), &p) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{code}/bad.sql: {e}"));
                continue;
            }
        };
        if !f.fixable_dialect() {
            continue; // a MySQL dump checked against the PostgreSQL target
        }
        fixed.push(code);
        let dir = work.path().join(code);
        std::fs::create_dir_all(&dir).unwrap();
        let once = dir.join("out.sql");
        let twice = dir.join("out2.sql");
        if let Err(e) = f.fix(work.path(), &f.path, &once) {
            failures.push(format!("{code}: {e}"));
            continue;
        }
        match f.check(work.path(), &once) {
            Ok(found) if found.iter().any(|c| c == code) => failures.push(format!(
                "{code}: still fires after fix --target {} (findings: {})",
                f.target,
                found.join(" ")
            )),
            Ok(_) => {}
            Err(e) => failures.push(format!("{code}: check of the fixed dump: {e}")),
        }
        if let Err(e) = f.fix(work.path(), &once, &twice) {
            failures.push(format!("{code}: second fix: {e}"));
            continue;
        }
        let (a, b) = (read_bytes(&once).unwrap(), read_bytes(&twice).unwrap());
        if a != b {
            let at = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            let line = a[..at].iter().filter(|&&c| c == b'\n').count() + 1;
            failures.push(format!(
                "{code}: fix is not idempotent ({} then {} bytes, first difference on line {line})",
                a.len(),
                b.len()
            ));
        }
    }
    assert!(
        !fixed.is_empty(),
        "no fixable rule has a fixture its target can fix"
    );
    report("fixes", &failures);
}

/// Fixtures whose fixed dump cannot load, and why (the finding says so, as an error
/// `fix` cannot repair). Every other fixed fixture must load.
const DOES_NOT_LOAD: &[(&str, &str)] = &[
    (
        "C010/good.sql",
        "data only by design (INSERTs naming their columns); its table is created elsewhere",
    ),
    (
        "L023/bad.sql",
        "data only by design (mysqldump --no-create-info): its tables are created elsewhere",
    ),
    (
        "L007/bad.sql",
        "L007 (error, not fixable): two tables become one name in the target",
    ),
    (
        "L011/bad.sql",
        "L011 (error, not fixable): a 2 in a column Liferay reads as BOOLEAN",
    ),
    (
        "M001/bad.sql",
        "M001 (error, not fixable): IFNULL in a view of a PostgreSQL dump",
    ),
    (
        "M002/bad.sql",
        "M002 (error, not fixable): MySQL's LIMIT a, b in a view of a PostgreSQL dump",
    ),
];

/// Fixtures `fix` refuses (exit 2, no output): a dump with two databases (L022).
const REFUSED: &[&str] = &["L022/bad.sql"];

/// MySQL 8's default collation, which MariaDB learned only in 11.4.5: the fixtures
/// are MySQL 8 dumps, and the test server is MariaDB 10.11.
fn for_mariadb(sql: &[u8]) -> Vec<u8> {
    let (from, to) = (&b"utf8mb4_0900_ai_ci"[..], &b"utf8mb4_unicode_ci"[..]);
    let mut out = Vec::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(i) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(to);
        rest = &rest[i + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// Every fixture `fix` writes an output for (bad and good, every rule) is fixed and the
/// output loaded into the real server of the target's dialect (PostgreSQL 15 with
/// `ON_ERROR_STOP` in one transaction, MariaDB): a fix that removes its finding but
/// writes SQL the server rejects fails here.
#[test]
fn fixed_fixtures_load_into_the_target_server() {
    let test = "fixed_fixtures_load_into_the_target_server";
    let (Some(pg), Some(maria)) = (common::Pg::connect(test), common::Maria::connect(test)) else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut loaded = 0;
    let mut refused = Vec::new();
    for m in codes() {
        for which in ["bad.sql", "good.sql"] {
            let name = format!("{}/{which}", m.code);
            let p = fixture_path(m.code, which);
            let Ok(mut f) = Fixture::load(work.path(), &p) else {
                continue; // reported by every_fixture_is_a_parseable_dump
            };
            let Some(target) = dumpfix::targets::find(&f.target) else {
                continue;
            };
            let mysql = target.dialect.to_string() == "mysql";
            let db = common::unique_name("fx");
            if mysql && !f.fix_args.iter().any(|a| a == "--database") {
                f.fix_args.extend(["--database".to_string(), db.clone()]);
            }
            let db = match f.fix_args.iter().position(|a| a == "--database") {
                Some(i) if mysql => f.fix_args[i + 1].clone(),
                _ => db,
            };
            let out = work.path().join(format!("{}-{which}", m.code));
            if let Err(e) = f.fix(work.path(), &f.path, &out) {
                if !REFUSED.contains(&name.as_str()) {
                    failures.push(format!("{name}: fix refuses it: {e}"));
                }
                refused.push(name);
                continue;
            }
            let expected_failure = DOES_NOT_LOAD.iter().find(|(n, _)| *n == name);
            let result = if mysql {
                let _guard = maria.guard_db(&db);
                let sql = for_mariadb(&read_bytes(&out).unwrap());
                common::run(maria.client(""), Some(&sql))
            } else {
                let guard = pg.create_db(&db);
                let mut cmd = pg.psql(guard.name());
                cmd.arg("--single-transaction").arg("-f").arg(&out);
                common::run(cmd, None)
            };
            match (result, expected_failure) {
                (Ok(_), None) => loaded += 1,
                (Ok(_), Some((_, why))) => failures.push(format!(
                    "{name}: loads now; remove it from DOES_NOT_LOAD ({why})"
                )),
                (Err(e), None) => failures.push(format!(
                    "{name}: the output of fix --target {} does not load: {}",
                    f.target,
                    e.lines().take(6).collect::<Vec<_>>().join(" | ")
                )),
                (Err(_), Some((_, why))) => eprintln!("{name}: does not load, as expected: {why}"),
            }
        }
    }
    eprintln!(
        "fixed fixtures loaded: {loaded}; refused by fix: {}",
        refused.join(", ")
    );
    assert!(loaded > 50, "only {loaded} fixed fixtures loaded");
    report("fixed fixtures that do not load", &failures);
}
