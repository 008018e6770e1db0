//! D001 `truncated-dump`, D002 `statement-too-large` (the [`Integrity`] rule), S001
//! `upload-too-large`, and the bookkeeping of positions and statement sizes the engine
//! does for every piece, rows too (so not a rule's: rules have no per-row hooks).

use crate::finding::{Finding, Fix, Meta, Severity};
use crate::lex::driver::PieceRef;
use crate::lex::Kind;
use crate::rules::context::Context;
use crate::rules::rule::Rule;

/// D001: the dump ends before its producer's end marker.
pub static TRUNCATED_DUMP: Meta = Meta {
    code: "D001",
    name: "truncated-dump",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "dump cut short: no end marker, or input ends inside a statement",
    doc: r#"## What it does
Checks that a dump written by mysqldump / mariadb-dump ends with `-- Dump completed`
and one written by pg_dump with `-- PostgreSQL database dump complete`, and that the
input does not end inside a statement, string or COPY block.

## Why it matters
A dump cut short by a full disk, a timeout or an interrupted upload restores without
an error on most tables and silently lacks the rest.

## Example
```sql
INSERT INTO `User_` VALUES (1,'a'),(2,'b
```

## Use instead
Dump again, and check the exit status of mysqldump / pg_dump before uploading.

## Fix safety
Not fixable.
"#,
};

/// D002: a statement longer than the server's `max_allowed_packet`.
pub static STATEMENT_TOO_LARGE: Meta = Meta {
    code: "D002",
    name: "statement-too-large",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "statement larger than max_allowed_packet (--max-packet)",
    doc: r#"## What it does
Reports statements (usually extended INSERTs) longer than `max_allowed_packet`:
268435456 bytes by default (Liferay Cloud's setting), or `--max-packet N`.

## Why it matters
The server rejects the statement with "Got a packet bigger than 'max_allowed_packet'"
and the restore stops.

## Example
One 300 MB `INSERT INTO DLContent VALUES (…)` holding many documents.

## Use instead
Dump with `mysqldump --net-buffer-length=1048576` (smaller extended INSERTs) or
`--skip-extended-insert` for the table.

## Fix safety
Not fixed.
"#,
};

/// S001: the upload is over Liferay Cloud's size limit.
pub static UPLOAD_TOO_LARGE: Meta = Meta {
    code: "S001",
    name: "upload-too-large",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "database dump plus volume.tgz over the 2 TB upload limit",
    doc: r#"## What it does
Adds the size of the dump file and of the document library archive given with
`--volume volume.tgz` and compares the sum with Liferay Cloud's 2 TB limit.

## Why it matters
Uploads over the limit are refused after hours of transfer.

## Example
`database.gz` of 300 GB and `volume.tgz` of 1.9 TB.

## Use instead
Clean up the document library (old versions, trash), or move it separately.

## Fix safety
Not fixable.
"#,
};

/// Liferay Cloud's limit on `database.gz` + `volume.tgz`.
pub const UPLOAD_LIMIT: u64 = 2_000_000_000_000;

/// The limit in force: [`UPLOAD_LIMIT`], or for tests the number of bytes in the
/// hidden environment variable `DUMPFIX_UPLOAD_LIMIT` (so that a test can cross it
/// without writing terabytes).
pub fn upload_limit() -> u64 {
    std::env::var("DUMPFIX_UPLOAD_LIMIT")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(UPLOAD_LIMIT)
}

/// A size for people: `1.8 TB`, in decimal units as the limit's.
pub fn human_size(n: u64) -> String {
    let units = [
        (1_000_000_000_000, "TB"),
        (1_000_000_000, "GB"),
        (1_000_000, "MB"),
        (1_000, "kB"),
    ];
    for (u, name) in units {
        if n >= u {
            return format!("{:.1} {name}", n as f64 / u as f64);
        }
    }
    format!("{n} bytes")
}

/// The start of a piece: statements start their size count (engine bookkeeping,
/// per piece; [`Integrity`] reads it).
pub fn piece_start(cx: &mut Context, p: &PieceRef<'_>) {
    if matches!(p.kind(), Kind::Statement | Kind::InsertHead) {
        cx.stmt_size = (0, p.line, p.offset);
    }
}

/// Every piece's bytes: the position reached, and the size of the statement being
/// streamed (engine bookkeeping, per piece, rows too). True when the piece ends a
/// statement, whose size [`Rule::statement_size`] then gets.
pub fn piece_bytes(cx: &mut Context, p: &PieceRef<'_>) -> bool {
    cx.last_pos = (p.line, p.offset + p.bytes.len() as u64);
    let counts = matches!(
        p.kind(),
        Kind::Statement | Kind::InsertHead | Kind::Tuple | Kind::InsertTail
    );
    if !counts {
        return false;
    }
    cx.stmt_size.0 += p.bytes.len() as u64;
    !p.piece.partial && matches!(p.kind(), Kind::Statement | Kind::InsertTail)
}

/// D001 and D002, a rule of their own: whether the end marker was seen.
#[derive(Default)]
pub struct Integrity {
    end_marker: bool,
}

impl Rule for Integrity {
    const CODES: &'static [&'static Meta] = &[&TRUNCATED_DUMP, &STATEMENT_TOO_LARGE];

    /// End markers.
    fn blank(&mut self, _cx: &mut Context, bytes: &[u8]) {
        self.end_marker |= is_end_marker(bytes);
    }

    /// D002: statements over `max_allowed_packet`.
    fn statement_size(&mut self, cx: &mut Context) {
        let (size, line, offset) = cx.stmt_size;
        let max = cx.max_packet;
        if size > max {
            cx.report(
                &STATEMENT_TOO_LARGE,
                &offset.to_string(),
                line,
                offset,
                || format!("statement of {size} bytes is over max_allowed_packet ({max} bytes)"),
            );
        }
    }

    /// D001: producers that write an end marker must have written it.
    fn finish(&mut self, cx: &mut Context, _add: &mut Vec<u8>) {
        if cx.on(&TRUNCATED_DUMP) {
            let (line, offset) = cx.last_pos;
            if let Some(f) = missing_end(&cx.producer, self.end_marker, line, offset) {
                cx.findings
                    .add(&TRUNCATED_DUMP, "end", line, offset, || f.message);
            }
        }
    }
}

/// D001 for a dump by `producer` that ended at `line`/`offset`, with or without its
/// completion comment (`end_marker`).
pub fn missing_end(producer: &str, end_marker: bool, line: u64, offset: u64) -> Option<Finding> {
    let marks = matches!(producer, "mysqldump" | "mariadb-dump" | "pg_dump");
    (marks && !end_marker).then(|| {
        Finding::new(
            &TRUNCATED_DUMP,
            format!("the dump is truncated: {producer} ends every dump with its completion comment, and this one has none"),
            line,
            offset,
        )
    })
}

/// Whether blank text (comments between statements) holds a dump's completion comment.
pub fn is_end_marker(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"-- Dump completed").is_some()
        || memchr::memmem::find(bytes, b"-- PostgreSQL database dump complete").is_some()
}

/// A lexer error at the end of the input, as a finding.
pub fn truncated_at(message: &str, line: u64, offset: u64) -> Finding {
    Finding::new(
        &TRUNCATED_DUMP,
        format!("the dump is truncated: {message}"),
        line,
        offset,
    )
}

/// The size check of `--volume` and `bundle verify`: the two files' sizes against
/// [`upload_limit`].
pub fn upload_size(dump: u64, volume: u64) -> Option<Finding> {
    let total = dump.saturating_add(volume);
    let limit = upload_limit();
    let over = if limit == UPLOAD_LIMIT {
        "the 2 TB limit".to_string()
    } else {
        format!("the limit of {limit} bytes (DUMPFIX_UPLOAD_LIMIT)")
    };
    (total > limit).then(|| {
        Finding::new(
            &UPLOAD_TOO_LARGE,
            format!(
                "database ({dump} bytes) and volume ({volume} bytes) together are {total} bytes, over {over}"
            ),
            1,
            0,
        )
    })
}
