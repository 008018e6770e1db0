//! A harness for a rule's own unit tests, as squawk's `test_utils` and Ruff's
//! `assert_messages!`: run the rewrite engine on a few statements for a built-in
//! target, in process, and look at what one rule found ([`check`]) or at what `fix`
//! wrote ([`fix`], which checks its output again and asserts that the rule no longer
//! fires there). Snapshot the results with `insta`.
//!
//! It sits with the engine (a layer above the rules, which use it only in their
//! `#[cfg(test)]` modules). The engine runs every rule of the target, as a real run does (a rule may need what
//! another did before it in the statement); the harness keeps the findings of the
//! code under test.

use std::sync::OnceLock;

use crate::catalog::Catalog;
use crate::finding::Finding;
use crate::lex::driver::{self, SplitOptions};
use crate::lex::Lexer;
use crate::rewrite::{self, Engine};
use crate::rules::context::Mode;

/// The built-in catalog, parsed once for all tests.
fn catalog() -> Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin).clone()
}

/// Run `fix` for `target` (a built-in target's name) on `sql`: the output and every
/// finding. Panics on input the splitter refuses and on an unknown target.
pub fn run(target: &str, sql: &str) -> (String, Vec<Finding>) {
    let target =
        crate::targets::find(target).unwrap_or_else(|| panic!("no built-in target {target}"));
    let dialect = target.dialect;
    let mut engine = Engine::new(
        rewrite::FixOptions {
            target,
            // `check` is `fix` with the output thrown away: one mode for both
            mode: Mode::Fix,
            catalog: catalog(),
            database: None,
            company: None,
            producer: "dumpfix-test".into(),
            max_packet: rewrite::DEFAULT_MAX_PACKET,
            strip_restrict: false,
        },
        dialect,
    );
    let mut out = Vec::new();
    let mut put = |b: &[u8]| {
        out.extend_from_slice(b);
        Ok(())
    };
    let split = SplitOptions::default();
    let mut lexer = Lexer::new(dialect);
    driver::split_slice(&mut lexer, sql.as_bytes(), &split, "test.sql", |p| {
        engine.piece(&p, &mut put)
    })
    .unwrap_or_else(|e| panic!("the engine refused the test's SQL: {e}"));
    engine
        .finish(&mut put)
        .unwrap_or_else(|e| panic!("the engine failed at the end: {e}"));
    let findings = engine.into_findings();
    (String::from_utf8_lossy(&out).into_owned(), findings)
}

/// The findings of rule `code` when `sql` is checked for `target`.
pub fn check(target: &str, sql: &str, code: &str) -> Vec<Finding> {
    of_code(run(target, sql).1, code)
}

/// The findings of rule `code` among `findings`.
fn of_code(findings: Vec<Finding>, code: &str) -> Vec<Finding> {
    assert!(
        crate::rules::by_code(code).is_some(),
        "no rule has the code {code}"
    );
    findings.into_iter().filter(|f| f.code == code).collect()
}

/// What `fix` writes for `sql` on `target`, after asserting that rule `code` fires
/// on `sql` and no longer fires on the output.
pub fn fix(target: &str, sql: &str, code: &str) -> String {
    let (out, found) = run(target, sql);
    assert!(
        !of_code(found, code).is_empty(),
        "{code} does not fire on the input"
    );
    let after = check(target, &out, code);
    assert!(
        after.is_empty(),
        "{code} still fires on fix's output:\n{out}\n{}",
        lines(&after)
    );
    out
}

/// Findings one per line (`line: CODE message`), for snapshots.
pub fn lines(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let count = if f.count > 1 {
                format!(" (×{})", f.count)
            } else {
                String::new()
            };
            format!("{}: {} {}{count}\n", f.line, f.code, f.message)
        })
        .collect()
}
