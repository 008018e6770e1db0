//! GitHub Actions workflow commands: one `::error file=F,line=L,col=C,title=T::message`
//! line per finding (`::warning` for warnings, `::notice` for info), which GitHub
//! shows as annotations on the run and on the pull request's diff.
//!
//! GitHub's escaping (`@actions/core` `command.ts`): in the message `%`, `\r`, `\n`
//! become `%25`, `%0D`, `%0A`; in property values also `:` and `,` become `%3A`, `%2C`.

use std::io;

use super::{char_column, line, message_with_count, Context};
use crate::rules::{Finding, Severity};

pub(super) fn write(
    findings: &[Finding],
    cx: &Context<'_>,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    for f in findings {
        let file = escape_property(f.file.as_deref().unwrap_or(cx.file));
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
    Ok(())
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
