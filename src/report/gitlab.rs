//! GitLab Code Quality report: a JSON array of issues, each with a description, a
//! check name (the rule code), a fingerprint, a severity and a location. GitLab
//! compares fingerprints between the branch and its target, so a fingerprint must be
//! the same for the same finding in every run: a hash of code, file, line and message.

use std::io;

use serde::ser::Serializer;

use super::{line, message_with_count, Context};
use crate::finding::{Finding, Severity};

#[derive(serde::Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(serde::Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(serde::Serialize)]
struct Lines {
    begin: u64,
}

pub(super) fn write(
    findings: &[Finding],
    cx: &Context<'_>,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    let issues = findings.iter().map(|f| Issue {
        description: format!("{} {}: {}", f.code, f.name, message_with_count(f)),
        check_name: f.code,
        fingerprint: fingerprint(f, super::file_of(f, cx)),
        severity: match f.severity {
            Severity::Error => "critical",
            Severity::Warning => "minor",
            Severity::Info => "info",
        },
        location: Location {
            path: super::file_of(f, cx),
            lines: Lines { begin: line(f) },
        },
    });
    let mut ser = serde_json::Serializer::pretty(&mut *w);
    ser.collect_seq(issues)?;
    writeln!(w)
}

/// 128 bits of FNV-1a (two 64-bit hashes with different offset bases) of the code,
/// file, line and message, as 32 hex digits: stable across runs and platforms.
fn fingerprint(f: &Finding, file: &str) -> String {
    let line = line(f).to_string();
    let parts = [f.code, file, &line, &f.message];
    let hash = |basis: u64| {
        let mut h = basis;
        for part in parts {
            // A separator no part contains, so ("ab", "c") and ("a", "bc") differ.
            for &b in part.as_bytes().iter().chain(&[0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    format!(
        "{:016x}{:016x}",
        hash(0xcbf2_9ce4_8422_2325),
        hash(0x6c62_272e_07bb_0142)
    )
}
