//! L024 `setting-unknown-to-target`, L025 `psql-restrict` and L032
//! `documents-in-database`: what newer pg_dump versions write that PostgreSQL 15 and its
//! psql do not take, and what Liferay Cloud needs done before the dump.

use crate::finding::{Fix, Meta, Severity};
use crate::lex::driver::PieceRef;
use crate::rules::context::{Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;

/// L024, L025 and L032, a rule of their own (no state).
#[derive(Default)]
pub struct PgCompat;

impl Rule for PgCompat {
    const CODES: &'static [&'static Meta] =
        &[&UNKNOWN_SETTING, &PSQL_RESTRICT, &DOCUMENTS_IN_DATABASE];

    fn statement_head(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
        statement(cx, st, o);
    }

    fn command(&mut self, cx: &mut Context, p: &PieceRef<'_>) -> bool {
        command(cx, p)
    }

    fn first_row(&mut self, cx: &mut Context, table: &str, line: u64, offset: u64) {
        data_row(cx, table, line, offset);
    }
}

/// L024: a `SET` of a parameter PostgreSQL 15 does not know.
pub static UNKNOWN_SETTING: Meta = Meta {
    code: "L024",
    name: "setting-unknown-to-target",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "SET of a parameter PostgreSQL 15 rejects (written by a newer pg_dump)",
    doc: r#"## What it does
On the PostgreSQL target, finds `SET` statements of parameters that PostgreSQL 15 does
not have: `SET transaction_timeout = 0;`, which pg_dump 17 and later write at the top of
every dump, and the other session parameters added in PostgreSQL 16, 17 and 18.

## Why it matters
Liferay Cloud restores into PostgreSQL 15, which stops at the first such line with
`unrecognized configuration parameter "transaction_timeout"` when the restore runs with
`ON_ERROR_STOP`.

## Example
```sql
SET transaction_timeout = 0;
```

## Use instead
Nothing: the statement only sets a default the restore does not need.

## Fix safety
Safe: the statements are removed. Each removal is a finding with its line.
"#,
};

/// L025: psql's `\restrict` / `\unrestrict` (pg_dump 17.6, 16.10, 15.14 and later).
pub static PSQL_RESTRICT: Meta = Meta {
    code: "L025",
    name: "psql-restrict",
    severity: Severity::Info,
    fix: Fix::None,
    summary: "psql \\restrict / \\unrestrict lines (need psql 15.14 or later)",
    doc: r#"## What it does
Finds the `\restrict KEY` and `\unrestrict KEY` lines that pg_dump 17.6, 16.10, 15.14
and later write around a plain dump (they stop a malicious server from running psql
meta-commands hidden in the dump's data).

## Why it matters
psql 15.14 and later understand them; an older psql stops with
`invalid command \restrict`. Liferay Cloud's restore uses a current psql 15, so they are
kept by default.

## Example
```sql
\restrict 0fd7x3cW
…
\unrestrict 0fd7x3cW
```

## Use instead
For an older psql, `dumpfix fix --strip-restrict` removes both lines.

## Fix safety
Kept unless `--strip-restrict` is given; removing them only drops the protection they
give to the psql that restores the dump.
"#,
};

/// L032: documents stored in the database (DBStore).
pub static DOCUMENTS_IN_DATABASE: Meta = Meta {
    code: "L032",
    name: "documents-in-database",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "DLContent holds rows: documents stored in the database (DBStore)",
    doc: r#"## What it does
Finds rows in Liferay's `DLContent` table: the document library is stored in the
database (`DBStore`).

## Why it matters
Liferay Cloud needs the document library in a file-system store, uploaded as
`volume.tgz`. Documents left in `DLContent` make a dump as large as the library, and
Liferay Cloud does not serve them from there.

## Example
```sql
COPY public.dlcontent (contentid, …, data_) FROM stdin;
```

## Use instead
Before the dump, migrate the documents to the file system store (Control Panel → Server
Administration → Data Migration, "Migrate documents from DBStore to FileSystemStore"),
then dump the database and archive the `document_library` folder.

## Fix safety
Not fixed: moving documents out of the database needs Liferay itself.
"#,
};

/// Session parameters added after PostgreSQL 15 (16, 17, 18) that a `SET` in a dump
/// could name. `transaction_timeout` is what pg_dump 17+ writes.
const AFTER_15: &[&str] = &[
    // 16
    "createrole_self_grant",
    "debug_io_direct",
    "debug_logical_replication_streaming",
    "debug_parallel_query",
    "enable_presorted_aggregate",
    "icu_validation_level",
    "scram_iterations",
    "send_abort_for_crash",
    "send_abort_for_kill",
    "vacuum_buffer_usage_limit",
    // 17
    "enable_group_by_reordering",
    "event_triggers",
    "io_combine_limit",
    "restrict_nonsystem_relation_kind",
    "trace_connection_negotiation",
    "transaction_timeout",
    // 18
    "enable_distinct_reordering",
    "enable_self_join_elimination",
    "file_copy_method",
    "io_max_combine_limit",
    "log_lock_failures",
    "md5_password_warnings",
    "track_cost_delay_timing",
    "vacuum_max_eager_freeze_failure_rate",
    "vacuum_truncate",
];

/// `SET [SESSION|LOCAL] name …` of a parameter PostgreSQL 15 lacks: dropped.
fn statement(cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
    if !cx.to_postgres() || !cx.on(&UNKNOWN_SETTING) || !st.starts(&["SET"]) {
        return;
    }
    let t = &st.t;
    let mut i = 1;
    if t.is_kw(i, "SESSION") || t.is_kw(i, "LOCAL") {
        i += 1;
    }
    if !t.is_ident(i) || t.is_punct(i + 1, ".") {
        return;
    }
    let name = t.name(i).to_ascii_lowercase();
    if !AFTER_15.contains(&name.as_str()) {
        return;
    }
    cx.report(&UNKNOWN_SETTING, &name, st.line, st.offset, || {
        format!(
            "SET {name}: PostgreSQL 15 has no such parameter (a newer pg_dump wrote it); removed"
        )
    });
    o.drop = cx.mode == Mode::Fix;
}

/// `\restrict KEY` / `\unrestrict KEY`: reported, and dropped with `--strip-restrict`.
fn command(cx: &mut Context, p: &PieceRef<'_>) -> bool {
    if !cx.to_postgres() {
        return false;
    }
    let (cmd, _) = p.command_word();
    if cmd != b"\\restrict" && cmd != b"\\unrestrict" {
        return false;
    }
    let strip = cx.strip_restrict;
    let cmd = String::from_utf8_lossy(cmd).into_owned();
    cx.report(&PSQL_RESTRICT, &cmd, p.line, p.offset, || {
        if strip {
            format!("{cmd}: removed (--strip-restrict)")
        } else {
            format!("{cmd}: kept; psql before 15.14 stops on it (--strip-restrict removes it)")
        }
    });
    strip && cx.mode == Mode::Fix
}

/// The first row of an INSERT or COPY into `table` (its final name): DLContent
/// rows are documents.
fn data_row(cx: &mut Context, table: &str, line: u64, offset: u64) {
    if !table.eq_ignore_ascii_case("dlcontent") {
        return;
    }
    cx.report(&DOCUMENTS_IN_DATABASE, "dlcontent", line, offset, || {
        "DLContent holds rows: the document library is stored in the database (DBStore); Liferay Cloud needs it in a file-system store, migrated before the dump and uploaded as volume.tgz".to_string()
    });
}
