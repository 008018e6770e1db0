//! Reporters: how `dumpfix check` prints its findings.
//!
//! One entry point, [`write`], and one module per format, after squawk's reporters:
//!
//! - `human`: a miette diagnostic per finding, with the dump's line under a label,
//!   then a summary line;
//! - `json`: the findings as they are, with the file, target and a summary;
//! - `sarif`: SARIF 2.1.0 for code-scanning tools (GitHub, Azure DevOps, …);
//! - `github`: GitHub Actions workflow commands (`::error file=…::…`), which become
//!   annotations on the run and the pull request;
//! - `gitlab`: a GitLab Code Quality report.
//!
//! Every reporter streams to the writer it is given: nothing but the findings
//! themselves (already bounded: one per rule and subject) is held in memory.
//!
//! Lines and columns are 1-based everywhere. A finding's `column` counts bytes; the
//! human, SARIF and GitHub reports show it in characters of the snippet (SARIF says
//! so with `columnKind`), the JSON report keeps the bytes.

use std::io::{self, Write as _};

use crate::rules::{Finding, Severity};

mod github;
mod gitlab;
mod human;
mod json;
mod sarif;

#[cfg(test)]
mod tests;

/// A report format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with the dump's line, for people.
    #[default]
    Human,
    /// The findings as JSON, for scripts (`jq`).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions annotations (`::error file=…`).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
}

/// What every report says besides the findings.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The dump's path as the user gave it, or `<stdin>`.
    pub file: &'a str,
    /// The target the dump was checked against.
    pub target: &'a str,
    /// Colors and unicode box drawing in the human report.
    pub color: bool,
}

/// Write `findings` to `w` in `format`.
pub fn write(
    format: Format,
    findings: &[Finding],
    cx: &Context<'_>,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    let mut w = io::BufWriter::new(w);
    match format {
        Format::Human => human::write(findings, cx, &mut w)?,
        Format::Json => json::write(findings, cx, &mut w)?,
        Format::Sarif => sarif::write(findings, cx, &mut w)?,
        Format::Github => github::write(findings, cx, &mut w)?,
        Format::Gitlab => gitlab::write(findings, cx, &mut w)?,
    }
    w.flush()
}

/// Findings by severity, and how many `fix` repairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub info: usize,
    /// Findings that `dumpfix fix` repairs.
    pub fixable: usize,
}

impl Summary {
    /// Count `findings` (distinct findings, not occurrences).
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.info += 1,
            }
            if f.fixable {
                s.fixable += 1;
            }
        }
        s
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.info
    }
}

/// The finding's message with its count (`… (×3)`) when it occurred more than once.
fn message_with_count(f: &Finding) -> String {
    if f.count > 1 {
        format!("{} (×{})", f.message, f.count)
    } else {
        f.message.clone()
    }
}

/// The 1-based line, never 0 (SARIF and the CI formats reject 0).
fn line(f: &Finding) -> u64 {
    f.line.max(1)
}

/// The finding's 1-based column in characters of its line, where the snippet tells;
/// else its byte column. Bytes past the snippet (a line cut at its first few hundred
/// bytes) count one each.
fn char_column(f: &Finding) -> u64 {
    let byte = f.column.max(1);
    let Some(s) = f.snippet.as_deref() else {
        return byte;
    };
    let off = usize::try_from(byte - 1).unwrap_or(usize::MAX);
    if off > s.len() {
        let past = (off - s.len()) as u64;
        return s.chars().count() as u64 + past + 1;
    }
    s[..floor_char_boundary(s, off)].chars().count() as u64 + 1
}

/// The largest char boundary of `s` at or before `i` (`i <= s.len()`).
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
