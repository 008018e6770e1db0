//! What the commands print: findings (as a report on stdout, or one line each on
//! stderr), `fix`'s summary and `--report` file, the GitHub step summary, and every
//! other write to stdout, whose failure is `Error::Stdout`.

use std::io::{IsTerminal, Write};

use super::cli::ColorChoice;
use crate::finding::Finding;
use crate::{report, targets, Error, Result};

/// Write `text` to stdout (see [`with_stdout`]).
pub(crate) fn to_stdout(text: &str) -> Result<()> {
    with_stdout(|so| so.write_all(text.as_bytes()))
}

/// Every write of a listing, report or figures to stdout goes through here (the dump
/// itself, through `Output`, whose errors are the same [`Error::Stdout`]): written
/// and flushed, a failed write is `Error::Stdout` — one line and exit 2 in `main`, or
/// a quiet exit 0 for a closed pipe.
pub(crate) fn with_stdout(
    f: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>,
) -> Result<()> {
    let mut so = std::io::stdout().lock();
    f(&mut so).and_then(|()| so.flush()).map_err(Error::Stdout)
}

/// The report on stdout in `format`, coloured as `--color` says.
pub(crate) fn print_findings(
    findings: &[Finding],
    name: &str,
    format: report::Format,
    target: &str,
    color: ColorChoice,
) -> Result<()> {
    let cx = report::Context {
        file: name,
        target,
        color: format == report::Format::Human && color.enabled(std::io::stdout().is_terminal()),
    };
    with_stdout(|so| report::write(format, findings, &cx, so))
}

/// A finding on one line: `NAME:LINE: SEVERITY[CODE] RULE: MESSAGE (×COUNT)`.
pub(crate) fn human_line(f: &Finding, name: &str) -> String {
    let times = if f.count > 1 {
        format!(" (×{})", f.count)
    } else {
        String::new()
    };
    format!(
        "{name}:{}: {}[{}] {}: {}{times}",
        f.line, f.severity, f.code, f.name, f.message
    )
}

/// `fix`'s summary on stderr: what it could not fix, one line each, then the count of
/// what it changed, per rule.
pub(crate) fn report_fix(findings: &[Finding], name: &str) {
    let mut err = std::io::stderr().lock();
    for f in findings.iter().filter(|f| !f.fixable) {
        let _ = writeln!(err, "{}", human_line(f, name));
    }
    let mut per_rule: std::collections::BTreeMap<(&str, &str), (u64, usize)> =
        std::collections::BTreeMap::new();
    for f in findings.iter().filter(|f| f.fixable) {
        let e = per_rule.entry((f.code, f.name)).or_default();
        e.0 += f.count;
        e.1 += 1;
    }
    if !per_rule.is_empty() {
        let list: Vec<String> = per_rule
            .iter()
            .map(|((code, rule), (n, _))| format!("{code} {rule} ×{n}"))
            .collect();
        let _ = writeln!(
            err,
            "dumpfix: fixed {} (`--report FILE` lists each)",
            list.join(", ")
        );
    }
}

/// `fix --report FILE`: the findings as `check --format json` writes them.
pub(crate) fn write_report(
    path: &std::path::Path,
    findings: &[Finding],
    name: &str,
    target: Option<&targets::Target>,
) -> Result<()> {
    let werr = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source: e,
    };
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).map_err(werr)?);
    let cx = report::Context {
        file: name,
        target: target.map_or("", |t| t.name.as_str()),
        color: false,
    };
    report::write(report::Format::Json, findings, &cx, &mut f).map_err(werr)?;
    f.flush().map_err(werr)
}

/// Append the markdown `summary` to the file `$GITHUB_STEP_SUMMARY` names.
pub(crate) fn append_summary(path: &std::path::Path, summary: &str) -> Result<()> {
    let werr = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source: e,
    };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(werr)?;
    f.write_all(summary.as_bytes()).map_err(werr)
}
