//! The JSON report: the file, the target, every finding with all its fields, and the
//! summary the human report ends with.
//!
//! ```json
//! {"file": "dump.sql", "target": "liferay-postgresql",
//!  "findings": [{"code": "L010", "name": "…", "severity": "error", …}],
//!  "summary": {"errors": 1, "warnings": 0, "info": 0, "fixable": 1}}
//! ```

use std::io;

use super::{Context, Summary};
use crate::finding::Finding;

#[derive(serde::Serialize)]
struct Report<'a> {
    file: &'a str,
    target: &'a str,
    findings: &'a [Finding],
    summary: Summary,
}

pub(super) fn write(
    findings: &[Finding],
    cx: &Context<'_>,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    let report = Report {
        file: cx.file,
        target: cx.target,
        findings,
        summary: Summary::of(findings),
    };
    serde_json::to_writer_pretty(&mut *w, &report)?;
    writeln!(w)
}
