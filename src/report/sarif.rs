//! SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the input of
//! GitHub code scanning and other code-scanning tools.
//!
//! One run; the tool's rules are the whole registry (so a viewer can show the manual
//! of any rule), each result points at its rule by id and index. Columns are in
//! Unicode code points (`columnKind`), lines 1-based. The output is checked against
//! the OASIS schema by `scripts/validate-sarif.py` (see the tests).

use std::io;

use serde::ser::{Serialize, Serializer};

use super::{char_column, line, Context};
use crate::finding::{Finding, Meta, Severity};
use crate::rules::REGISTRY;

/// The `$schema` a SARIF 2.1.0 log names.
pub(super) const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(serde::Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    results: Results<'a>,
    column_kind: &'static str,
    properties: RunProperties<'a>,
}

#[derive(serde::Serialize)]
struct RunProperties<'a> {
    target: &'a str,
}

#[derive(serde::Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Rules,
}

/// Every rule of the registry, in its order (`ruleIndex` is the position).
struct Rules;

impl Serialize for Rules {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(REGISTRY.iter().map(|m| Rule::of(m)))
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text<&'static str>,
    full_description: Markdown,
    help: Markdown,
    default_configuration: Configuration,
    properties: RuleProperties,
}

impl Rule {
    fn of(m: &'static Meta) -> Rule {
        Rule {
            id: m.code,
            name: m.name,
            short_description: Text { text: m.summary },
            full_description: Markdown {
                text: m.doc,
                markdown: m.doc,
            },
            help: Markdown {
                text: m.doc,
                markdown: m.doc,
            },
            default_configuration: Configuration {
                level: level(m.severity),
            },
            properties: RuleProperties {
                fixable: m.fixable(),
            },
        }
    }
}

#[derive(serde::Serialize)]
struct Text<T> {
    text: T,
}

#[derive(serde::Serialize)]
struct Markdown {
    text: &'static str,
    markdown: &'static str,
}

#[derive(serde::Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(serde::Serialize)]
struct RuleProperties {
    fixable: bool,
}

/// The findings as results, made one at a time while they are written.
struct Results<'a> {
    findings: &'a [Finding],
    uri: String,
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.findings.iter().map(|f| match &f.file {
            Some(file) => SarifResult::of(f, std::borrow::Cow::Owned(uri(file))),
            None => SarifResult::of(f, std::borrow::Cow::Borrowed(self.uri.as_str())),
        }))
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<&'a str>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

impl<'a> SarifResult<'a> {
    fn of(f: &'a Finding, uri: std::borrow::Cow<'a, str>) -> SarifResult<'a> {
        let start_line = line(f);
        let properties = (f.count > 1 || f.help.is_some()).then(|| ResultProperties {
            count: (f.count > 1).then_some(f.count),
            help: f.help.as_deref(),
        });
        SarifResult {
            rule_id: f.code,
            rule_index: REGISTRY.iter().position(|m| m.code == f.code),
            level: level(f.severity),
            message: Text { text: &f.message },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri },
                    region: Region {
                        start_line,
                        start_column: char_column(f),
                    },
                    context_region: f.snippet.as_deref().map(|text| ContextRegion {
                        start_line,
                        snippet: Text { text },
                    }),
                },
            }],
            properties,
        }
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
    /// The finding's line: what a viewer shows when it has no copy of the dump.
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<ContextRegion<'a>>,
}

#[derive(serde::Serialize)]
struct ArtifactLocation<'a> {
    uri: std::borrow::Cow<'a, str>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u64,
    start_column: u64,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ContextRegion<'a> {
    start_line: u64,
    snippet: Text<&'a str>,
}

#[derive(serde::Serialize)]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where the tool's manual is: the package's repository or homepage, if it names one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|u| !u.is_empty())
}

pub(super) fn write(
    findings: &[Finding],
    cx: &Context<'_>,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "dumpfix",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules: Rules,
                },
            },
            results: Results {
                findings,
                uri: uri(cx.file),
            },
            column_kind: "unicodeCodePoints",
            properties: RunProperties { target: cx.target },
        }],
    };
    serde_json::to_writer_pretty(&mut *w, &log)?;
    writeln!(w)
}

/// A path as a URI reference (SARIF §3.10: `uri` is a URI, not a path). A relative
/// path stays relative (code-scanning tools resolve it against the repository); an
/// absolute one becomes a `file://` URI. Bytes outside RFC 3986's unreserved set and
/// `/` are percent-encoded, so `<stdin>`, spaces and `:` survive; `\` counts as `/`.
pub(super) fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let drive = path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && path.as_bytes().get(2) == Some(&b'/');
    let mut out = String::with_capacity(path.len() + 8);
    let rest = if path.starts_with('/') {
        out.push_str("file://");
        path.as_str()
    } else if drive {
        // C:/dumps/x.sql → file:///C:/dumps/x.sql
        out.push_str("file:///");
        out.push_str(&path[..2]);
        &path[2..]
    } else {
        path.as_str()
    };
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
