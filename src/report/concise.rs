//! The concise report: one line per finding, `file:line:col: CODE message`, as Ruff's
//! `--output-format concise` and compilers write them (editors and `grep` read them),
//! then the summary line of the human report.

use std::io;

use super::{char_column, file_of, line, message_with_count, Context, Summary};
use crate::finding::Finding;

pub(super) fn write(
    findings: &[Finding],
    cx: &Context<'_>,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    for f in findings {
        // one line whatever the message holds
        let message = message_with_count(f)
            .split(['\n', '\r'])
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(
            w,
            "{}:{}:{}: {} {}{}",
            file_of(f, cx),
            line(f),
            char_column(f),
            f.code,
            if f.fixable { "[*] " } else { "" },
            message
        )?;
    }
    let s = Summary::of(findings);
    writeln!(
        w,
        "Found {} finding{} ({} error, {} warning, {} info){}",
        s.total(),
        if s.total() == 1 { "" } else { "s" },
        s.errors,
        s.warnings,
        s.info,
        super::human::fixable_clause(s.fixable, cx.target, "; [*] ")
    )
}
