//! Reporters: how `dumpfix check` prints its findings.
//!
//! One entry point, [`write`], and one module per format, after squawk's reporters:
//!
//! - `human`: a miette diagnostic per finding, with the dump's line under a label,
//!   then a summary line;
//! - `concise`: one line per finding, `file:line:col: CODE message` (like Ruff's
//!   concise output and compilers), for grep and editors;
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

use crate::finding::{Finding, Severity};

mod concise;
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
    /// One line per finding: `file:line:col: CODE message`.
    Concise,
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
        Format::Concise => concise::write(findings, cx, &mut w)?,
        Format::Json => json::write(findings, cx, &mut w)?,
        Format::Sarif => sarif::write(findings, cx, &mut w)?,
        Format::Github => github::write(findings, cx, &mut w)?,
        Format::Gitlab => gitlab::write(findings, cx, &mut w)?,
    }
    w.flush()
}

pub use github::summary as github_summary;

/// `--statistics`: findings and occurrences per rule (most first), then per table
/// where a finding names one (see [`table_of`]).
pub fn statistics(findings: &[Finding]) -> String {
    use std::collections::BTreeMap;
    use std::fmt::Write as _;
    let mut rules: BTreeMap<(&str, &str), (usize, u64, Severity, bool)> = BTreeMap::new();
    let mut tables: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    for f in findings {
        let e = rules
            .entry((f.code, f.name))
            .or_insert((0, 0, f.severity, f.fixable));
        e.0 += 1;
        e.1 += f.count;
        if let Some(t) = table_of(f) {
            let e = tables.entry(t).or_default();
            e.0 += 1;
            e.1 += f.count;
        }
    }
    let mut out = String::from("\n");
    let mut rules: Vec<_> = rules.into_iter().collect();
    rules.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let name_w = rules
        .iter()
        .map(|((_, n), _)| n.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "{:>8} {:>11}  {:<5} {:<name_w$}  {:<8} fix",
        "findings", "occurrences", "code", "rule", "severity"
    );
    for ((code, name), (n, count, sev, fix)) in &rules {
        let _ = writeln!(
            out,
            "{n:>8} {count:>11}  {code:<5} {name:<name_w$}  {:<8} {}",
            sev.to_string(),
            if *fix { "yes" } else { "no" }
        );
    }
    if !tables.is_empty() {
        let mut tables: Vec<_> = tables.into_iter().collect();
        tables.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
        let _ = writeln!(out, "\n{:>8} {:>11}  table", "findings", "occurrences");
        for (t, (n, count)) in &tables {
            let _ = writeln!(out, "{n:>8} {count:>11}  {t}");
        }
    }
    out
}

/// The table a finding is about, when its message names one the way the rules
/// write it: `table x`, `` table `x` ``, `table "x"` (a schema before a dot is left
/// out), or a column `t.c` / `` `t`.`c` `` (the part before the dot).
pub fn table_of(f: &Finding) -> Option<String> {
    let m = f.message.as_str();
    // `user_.flag is smallint: …`: a message that starts with its column
    if let Some(name) = name_at(m) {
        if let Some((t, c)) = name.rsplit_once('.') {
            if !c.is_empty() && m[name.len()..].starts_with(' ') {
                return Some(t.rsplit('.').next().unwrap_or(t).to_string());
            }
        }
    }
    for (i, _) in m.match_indices("table ") {
        // a word, not the end of one (`subtable `)
        if m[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(name) = name_at(&m[i + 6..]) {
            let table = name.rsplit('.').next().unwrap_or(&name).to_string();
            if !table.is_empty() {
                return Some(table);
            }
        }
    }
    for (i, _) in m.match_indices("column ") {
        if let Some(name) = name_at(&m[i + 7..]) {
            if let Some((t, c)) = name.rsplit_once('.') {
                if !c.is_empty() {
                    let t = t.rsplit('.').next().unwrap_or(t);
                    if !t.is_empty() {
                        return Some(t.to_string());
                    }
                }
            }
        }
    }
    None
}

/// The (possibly dotted) name at the start of `s`: each part quoted with `` ` `` or
/// `"`, or bare (letters, digits, `_`, `$`); quotes removed.
fn name_at(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s;
    loop {
        let q = rest.chars().next()?;
        let part_len = if q == '`' || q == '"' {
            let end = rest[1..].find(q)?;
            out.push_str(&rest[1..1 + end]);
            end + 2
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            out.push_str(&rest[..end]);
            end
        };
        rest = &rest[part_len..];
        match rest.strip_prefix('.') {
            Some(r)
                if r.starts_with(|c: char| {
                    c.is_alphanumeric() || c == '_' || c == '`' || c == '"'
                }) =>
            {
                out.push('.');
                rest = r;
            }
            _ => break,
        }
    }
    // a keyword in a sentence (`table of`, `column is`) is no name
    let lower = out.to_ascii_lowercase();
    let words = [
        "is",
        "of",
        "and",
        "or",
        "the",
        "a",
        "an",
        "has",
        "in",
        "with",
        "name",
        "names",
        "statement",
        "statements",
        "definition",
        "definitions",
        "data",
        "structure",
        "row",
        "rows",
        "that",
        "which",
        "it",
        "its",
        "to",
        "from",
        "for",
        "as",
        "by",
        "be",
        "becomes",
        "type",
        "types",
        "not",
        "but",
    ];
    (!out.is_empty() && !words.contains(&lower.as_str())).then_some(out)
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

/// The dump a finding is in: its own file when the report covers several, else the
/// report's.
fn file_of<'a>(f: &'a Finding, cx: &Context<'a>) -> &'a str {
    f.file.as_deref().unwrap_or(cx.file)
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
