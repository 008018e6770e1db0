//! GitHub Actions workflow commands: one `::error file=F,line=L,col=C,title=T::message`
//! line per finding (`::warning` for warnings, `::notice` for info), which GitHub
//! shows as annotations on the run and on the pull request's diff.
//!
//! At most [`PER_RULE`] annotations per rule are written (GitHub shows only the first
//! few of a step anyway, and hundreds drown the rest): a closing `::notice` per rule
//! gives the count left out. [`summary`] is the markdown table `check` appends to
//! `$GITHUB_STEP_SUMMARY`.
//!
//! GitHub's escaping (`@actions/core` `command.ts`): in the message `%`, `\r`, `\n`
//! become `%25`, `%0D`, `%0A`; in property values also `:` and `,` become `%3A`, `%2C`.

use std::io;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{char_column, file_of, line, message_with_count, Context, Summary};
use crate::finding::{Finding, Severity};

/// Annotations written per rule.
pub const PER_RULE: usize = 10;

pub(super) fn write(
    findings: &[Finding],
    cx: &Context<'_>,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    let file = escape_property(cx.file);
    // per rule: annotations written, and findings left out
    let mut seen: BTreeMap<&str, (usize, usize, &str)> = BTreeMap::new();
    for f in findings {
        let e = seen.entry(f.code).or_insert((0, 0, f.name));
        if e.0 >= PER_RULE {
            e.1 += 1;
            continue;
        }
        e.0 += 1;
        let file = escape_property(file_of(f, cx));
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = message_with_count(f);
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            w,
            "::{command} file={file},line={},col={},title={}::{}",
            line(f),
            char_column(f),
            escape_property(&format!("{} {}", f.code, f.name)),
            escape_data(&message)
        )?;
    }
    for (code, (_, left, name)) in seen {
        if left > 0 {
            writeln!(
                w,
                "::notice file={file},title={}::{}",
                escape_property(&format!("{code} {name}: {left} more")),
                escape_data(&format!(
                    "{left} more finding{} of {code} {name} not annotated (the first {PER_RULE} are); `dumpfix check --format concise` lists all",
                    if left == 1 { "" } else { "s" }
                ))
            )?;
        }
    }
    Ok(())
}

/// A markdown summary for `$GITHUB_STEP_SUMMARY`: the counts, then one table row per
/// rule.
pub fn summary(findings: &[Finding], cx: &Context<'_>) -> String {
    let s = Summary::of(findings);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### dumpfix check: `{}` ({})\n",
        cx.file.replace('`', "'"),
        cx.target
    );
    let _ = writeln!(
        out,
        "{} finding{}: {} error{}, {} warning{}, {} info{}\n",
        s.total(),
        if s.total() == 1 { "" } else { "s" },
        s.errors,
        if s.errors == 1 { "" } else { "s" },
        s.warnings,
        if s.warnings == 1 { "" } else { "s" },
        s.info,
        super::human::fixable_clause(s.fixable, cx.target, "; ")
    );
    if findings.is_empty() {
        return out;
    }
    let mut rules: BTreeMap<&str, (&str, Severity, bool, usize, u64, u64)> = BTreeMap::new();
    for f in findings {
        let e = rules
            .entry(f.code)
            .or_insert((f.name, f.severity, f.fixable, 0, 0, line(f)));
        e.3 += 1;
        e.4 += f.count;
    }
    let _ = writeln!(
        out,
        "| Rule | Name | Severity | Findings | Occurrences | Fixable | First line |"
    );
    let _ = writeln!(out, "|---|---|---|---:|---:|---|---:|");
    for (code, (name, sev, fix, n, count, first)) in rules {
        let _ = writeln!(
            out,
            "| {code} | {name} | {sev} | {n} | {count} | {} | {first} |",
            if fix { "yes" } else { "no" }
        );
    }
    out.push('\n');
    out
}

/// A command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
