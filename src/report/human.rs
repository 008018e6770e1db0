//! The human report: one miette diagnostic per finding, then a summary line.
//!
//! A finding with a snippet shows the dump's line, numbered as in the dump (the
//! snippet is all the source miette sees, so [`Line`] tells it which line that is),
//! with a label under the token at the finding's column. One without prints as a
//! single `file:line:col: …` line, like a compiler. Three or more findings of one rule
//! about one table are shown as the first in full and one line for each other.

use std::fmt;
use std::io;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{char_column, floor_char_boundary, line, message_with_count, Context, Summary};
use crate::finding::{Finding, Severity};

/// Longest underline, in bytes.
const MAX_LABEL: usize = 80;

pub(super) fn write(
    findings: &[Finding],
    cx: &Context<'_>,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    let theme = if cx.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::none()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_wrap_lines(false)
        .with_context_lines(0);
    let mut out = String::new();
    let (more, grouped) = groups(findings);
    for (i, f) in findings.iter().enumerate() {
        if grouped.contains(&i) {
            continue;
        }
        let title = title(f);
        match f.snippet.as_deref().filter(|s| !s.is_empty()) {
            Some(snippet) => {
                out.clear();
                let d = Diag::new(f, title, snippet, super::file_of(f, cx));
                handler
                    .render_report(&mut out, &d)
                    .map_err(|_| io::Error::other("rendering a diagnostic failed"))?;
                w.write_all(out.as_bytes())?;
                writeln!(w)?;
            }
            None => {
                // One line per finding: continuation lines of a message are indented.
                let title = title.replace('\n', "\n  ");
                let (bold, colour, reset) = if cx.color {
                    let c = match f.severity {
                        Severity::Error => "\x1b[31m",
                        Severity::Warning => "\x1b[33m",
                        Severity::Info => "\x1b[36m",
                    };
                    ("\x1b[1m", c, "\x1b[0m")
                } else {
                    ("", "", "")
                };
                writeln!(
                    w,
                    "{bold}{}:{}:{}:{reset} {colour}{title}{reset}",
                    super::file_of(f, cx),
                    line(f),
                    char_column(f)
                )?;
                if let Some(help) = &f.help {
                    writeln!(w, "  help: {}", visible(help, true).replace('\n', "\n    "))?;
                }
            }
        }
        if let Some((table, rest)) = more.get(&i) {
            writeln!(
                w,
                "  … and {} more {}[{}] {} in table {table}:",
                rest.len(),
                f.severity,
                f.code,
                f.name
            )?;
            for &j in rest {
                let g = &findings[j];
                let message = visible(&message_with_count(g), false);
                writeln!(
                    w,
                    "    {}:{}:{}: {message}",
                    super::file_of(g, cx),
                    line(g),
                    char_column(g)
                )?;
            }
        }
    }
    let s = Summary::of(findings);
    let n = s.total();
    writeln!(
        w,
        "{n} finding{} ({} error{}, {} warning{}, {} info){}",
        plural(n),
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
        s.info,
        fixable_clause(s.fixable, cx.target, "; ")
    )
}

/// Findings of one rule about one table (see [`super::table_of`]) from this many on are
/// shown as the first one in full, then one line each (a wide table's column
/// findings would otherwise be a screen each).
const GROUP: usize = 3;

/// For the first finding of each group: the table and the indices of the rest; and
/// the set of those rest indices.
#[allow(clippy::type_complexity)]
fn groups(
    findings: &[Finding],
) -> (
    std::collections::HashMap<usize, (String, Vec<usize>)>,
    std::collections::HashSet<usize>,
) {
    let mut by: std::collections::BTreeMap<(&str, Option<&str>, String), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let Some(t) = super::table_of(f) {
            by.entry((f.code, f.file.as_deref(), t))
                .or_default()
                .push(i);
        }
    }
    let mut more = std::collections::HashMap::new();
    let mut grouped = std::collections::HashSet::new();
    for ((_, _, table), idx) in by {
        if idx.len() >= GROUP {
            grouped.extend(idx[1..].iter().copied());
            more.insert(idx[0], (table, idx[1..].to_vec()));
        }
    }
    (more, grouped)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `severity[CODE] name: message (×count)`.
fn title(f: &Finding) -> String {
    format!(
        "{}[{}] {}: {}",
        f.severity,
        f.code,
        f.name,
        visible(&message_with_count(f), true)
    )
}

/// A finding as a miette diagnostic.
struct Diag {
    title: String,
    severity: miette::Severity,
    help: Option<String>,
    label: SourceSpan,
    source: Line,
}

impl Diag {
    fn new(f: &Finding, title: String, snippet: &str, file: &str) -> Diag {
        // The column counts bytes of the dump's line; the snippet is that line, cut at
        // a few hundred bytes and decoded lossily, so clamp to it.
        let off = usize::try_from(f.column.saturating_sub(1)).unwrap_or(usize::MAX);
        let off = floor_char_boundary(snippet, off.min(snippet.len()));
        let (before, rest) = snippet.split_at(off);
        let len = token_len(rest);
        let (token, after) = rest.split_at(len);
        // Control characters would move the terminal's cursor, or worse: show them.
        let before = visible(before, false);
        let token = visible(token, false);
        let text = format!("{before}{token}{}", visible(after, false));
        Diag {
            title,
            severity: match f.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            help: f.help.as_deref().map(|h| visible(h, true)),
            label: SourceSpan::new(before.len().into(), token.len()),
            source: Line {
                name: file.to_string(),
                text,
                line: usize::try_from(line(f)).unwrap_or(usize::MAX),
            },
        }
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title)
    }
}

impl fmt::Debug for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            None, self.label,
        ))))
    }
}

/// One line of the dump, as miette's source: offsets are bytes of `text`, and the
/// line is the dump's (1-based), so the gutter and the `[file:line:col]` header show
/// where the line really is.
struct Line {
    name: String,
    text: String,
    line: usize,
}

impl SourceCode for Line {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // The column miette prints in its header: characters before the span.
        let at = floor_char_boundary(&self.text, span.offset());
        let column = self.text[..at].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::new(0.into(), self.text.len()),
            self.line.saturating_sub(1),
            column,
            1,
        )))
    }
}

/// Bytes of the token at the start of `s` to underline: a quoted name or string up to
/// its closing quote, else a word, else one character; at most [`MAX_LABEL`] bytes.
fn token_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let end = if matches!(first, '`' | '"' | '\'') {
        s[1..].find(first).map_or(s.len(), |i| i + 2)
    } else if is_word(first) {
        s.find(|c: char| !is_word(c)).unwrap_or(s.len())
    } else {
        first.len_utf8()
    };
    if end > MAX_LABEL {
        floor_char_boundary(s, MAX_LABEL).max(first.len_utf8())
    } else {
        end
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// `s` with control characters but tab (and newline, with `newline`) shown as their
/// Unicode control pictures (`␍`, `␛`), so dump text cannot drive the terminal.
fn visible(s: &str, newline: bool) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => c,
            '\n' if newline => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            '\u{80}'..='\u{9f}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}

/// `; N fixable with `dumpfix fix --target T``, or nothing when no finding is fixable
/// (a report of `bundle verify` or `mendix verify` has nothing `fix` could change).
pub(crate) fn fixable_clause(fixable: usize, target: &str, sep: &str) -> String {
    if fixable == 0 {
        return String::new();
    }
    format!("{sep}{fixable} fixable with `dumpfix fix --target {target}`")
}
