//! Findings: what a rule (or a reader, or the converter) reports, with its code,
//! severity, place in the dump and message, and [`Findings`], the bounded collection
//! they are merged into. The rules themselves are listed in [`crate::rules`].

use std::collections::HashMap;
use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Probably wrong for the target.
    Warning,
    /// The target rejects the dump, or data would be lost or changed.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Whether a rule's findings are repaired, and whether the repair keeps the dump's
/// meaning (as Ruff's fix applicability): the manual's "Fix safety" section says why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fix {
    /// Repaired; the data and what the dump means are kept.
    Safe,
    /// Repaired, but something may change: a value, a behaviour, or a name that
    /// depends on an option being right.
    Unsafe,
    /// Reported only.
    None,
}

/// What a rule is.
#[derive(Debug)]
pub struct Meta {
    /// Stable code (`L001`).
    pub code: &'static str,
    /// Kebab-case name of what is found.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Whether `fix` (or the conversion) repairs it, and how safely.
    pub fix: Fix,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The manual: What it does, Why it matters, Example, Use instead, Fix safety.
    pub doc: &'static str,
}

impl Meta {
    /// `fix` repairs it (safely or not).
    pub const fn fixable(&self) -> bool {
        !matches!(self.fix, Fix::None)
    }
}

/// One thing a rule found (possibly many times: `count`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Finding {
    /// Rule code.
    pub code: &'static str,
    /// Rule name.
    pub name: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What was found.
    pub message: String,
    /// 1-based line of the first occurrence.
    pub line: u64,
    /// Byte offset of the first occurrence (in the decoded dump).
    pub offset: u64,
    /// How many times (same rule and subject).
    pub count: u64,
    /// `fix` repairs it.
    pub fixable: bool,
    /// 1-based column (in bytes) of the first occurrence within its line.
    pub column: u64,
    /// The dump's text around the first occurrence: its line (lossy UTF-8, at most
    /// a few hundred characters), for reports that show source.
    pub snippet: Option<String>,
    /// What to use instead (the PostgreSQL replacement of a MySQL function, …).
    pub help: Option<String>,
    /// The file it is in, when not the report's: the dump of several
    /// (`check a.sql b.sql`), or the volume of `check --volume` / `bundle verify`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Finding {
    /// A finding of `rule` at `line`/`offset`, found once.
    pub fn new(rule: &'static Meta, message: String, line: u64, offset: u64) -> Finding {
        Finding {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            message,
            line,
            offset,
            count: 1,
            fixable: rule.fixable(),
            column: 1,
            snippet: None,
            help: None,
            file: None,
        }
    }
}

/// Findings, merged by rule and subject so a dump with a million rows yields one
/// finding per table and column, not a million. Each rule keeps its first
/// [`Findings::PER_RULE`] subjects apart; the others are counted in one finding that
/// says how many more there were, so memory stays bounded on a dump of a million
/// tables (it grew by about 2 KB a table).
#[derive(Default)]
pub struct Findings {
    list: Vec<Finding>,
    index: HashMap<(&'static str, String), usize>,
    /// Per rule: subjects kept apart, and the finding the others are counted in.
    per_rule: HashMap<&'static str, (usize, Option<usize>)>,
}

impl Findings {
    /// Subjects of one rule reported apart; the rest are counted together.
    pub const PER_RULE: usize = 10_000;

    /// Record `message` for `rule` about `subject` at `line`/`offset`.
    /// Returns the new finding, or None when it was merged into an earlier one.
    pub fn add(
        &mut self,
        rule: &'static Meta,
        subject: &str,
        line: u64,
        offset: u64,
        message: impl FnOnce() -> String,
    ) -> Option<&mut Finding> {
        let key = (rule.code, subject.to_string());
        if let Some(&i) = self.index.get(&key) {
            self.list[i].count += 1;
            return None;
        }
        let (kept, more) = self.per_rule.entry(rule.code).or_default();
        if *kept >= Self::PER_RULE {
            match *more {
                Some(i) => {
                    let f = &mut self.list[i];
                    f.count += 1;
                    f.message = format!(
                        "{} more like this: dumpfix lists the first {} of each rule apart",
                        f.count,
                        Self::PER_RULE
                    );
                }
                None => {
                    *more = Some(self.list.len());
                    self.list.push(Finding::new(
                        rule,
                        format!(
                            "1 more like this: dumpfix lists the first {} of each rule apart",
                            Self::PER_RULE
                        ),
                        line,
                        offset,
                    ));
                }
            }
            return None;
        }
        *kept += 1;
        self.index.insert(key, self.list.len());
        self.list.push(Finding::new(rule, message(), line, offset));
        self.list.last_mut()
    }

    /// The findings in order of first occurrence.
    pub fn iter(&self) -> std::slice::Iter<'_, Finding> {
        self.list.iter()
    }

    /// All findings in order of first occurrence.
    pub fn into_vec(self) -> Vec<Finding> {
        self.list
    }

    /// Number of distinct findings.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// None yet.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod findings_tests {
    use super::*;

    const fn rule(code: &'static str) -> Meta {
        Meta {
            code,
            name: "test-rule",
            severity: Severity::Warning,
            fix: Fix::None,
            summary: "",
            doc: "",
        }
    }
    static FIRST: Meta = rule("L090");
    static OTHER: Meta = rule("L091");

    #[test]
    fn each_rule_keeps_its_first_subjects_apart_and_counts_the_rest() {
        let mut f = Findings::default();
        let n = Findings::PER_RULE + 500;
        for i in 0..n {
            f.add(&FIRST, &format!("t{i}"), i as u64 + 1, 0, || {
                format!("t{i}")
            });
            // a repeat of a kept subject is merged into it
            f.add(&FIRST, "t0", 1, 0, || "again".into());
        }
        f.add(&OTHER, "x", 1, 0, || "other rule".into());
        let v = f.into_vec();
        assert_eq!(
            v.len(),
            Findings::PER_RULE + 2,
            "kept apart, one for the rest, the other rule"
        );
        let total: u64 = v.iter().filter(|x| x.code == "L090").map(|x| x.count).sum();
        assert_eq!(total, 2 * n as u64, "every occurrence is counted");
        let rest = &v[Findings::PER_RULE];
        assert_eq!(rest.count, 500);
        assert!(
            rest.message.starts_with("500 more like this"),
            "{}",
            rest.message
        );
        assert_eq!(
            rest.line,
            Findings::PER_RULE as u64 + 1,
            "the first one's line"
        );
    }
}
