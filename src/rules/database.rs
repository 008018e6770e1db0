//! L020 `database-statement`, L021 `missing-database-envelope`, L022
//! `several-databases`, L023 `data-only-dump` (the rule type `Database`), and L090
//! `statement-not-inspected`, which the engine reports.

use std::collections::BTreeSet;

use crate::finding::{Fix, Meta, Severity};
use crate::lex::driver::PieceRef;
use crate::rules::context::{Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;
use crate::sql::{quote_like, Edit, Tok};

/// L020: a statement that creates, drops, alters or connects to a database.
pub static DATABASE_STATEMENT: Meta = Meta {
    code: "L020",
    name: "database-statement",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "CREATE/DROP/ALTER DATABASE or \\connect in a PostgreSQL upload",
    doc: r#"## What it does
On the PostgreSQL target, finds `CREATE DATABASE`, `DROP DATABASE`, `ALTER DATABASE`,
`COMMENT ON DATABASE` and psql's `\connect` / `\c` (what `pg_dump -C` writes).

## Why it matters
Liferay Cloud restores the dump into the database it provides; a dump that drops,
creates or connects to a database is rejected.

## Example
```sql
CREATE DATABASE lportal WITH TEMPLATE = template0 ENCODING = 'UTF8';
ALTER DATABASE lportal OWNER TO liferay;
\connect lportal
```

## Use instead
Nothing: dump with `pg_dump --format=plain --no-owner --no-acl lportal` (without `-C`).

## Fix safety
Safe: the statements are removed; tables and data are untouched.
"#,
};

/// L021: the MySQL dump lacks the `--databases --add-drop-database` envelope.
pub static DATABASE_ENVELOPE: Meta = Meta {
    code: "L021",
    name: "missing-database-envelope",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "MySQL upload without DROP DATABASE IF EXISTS / CREATE DATABASE / USE",
    doc: r#"## What it does
On the MySQL target, checks that before the first table the dump holds
`DROP DATABASE IF EXISTS`, `CREATE DATABASE` and `USE` for exactly one database (the one
`--database` names, else the one in the dump, else `lportal`).

## Why it matters
Liferay Cloud restores MySQL dumps made with
`mysqldump --databases --add-drop-database lportal`; without the envelope the tables
land in no database, or next to stale ones.

## Example
```sql
-- mysqldump lportal (no --databases)
CREATE TABLE `User_` (…);
```

## Use instead
```sql
/*!40000 DROP DATABASE IF EXISTS `lportal`*/;
CREATE DATABASE /*!32312 IF NOT EXISTS*/ `lportal` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;
USE `lportal`;
CREATE TABLE `User_` (…);
```

## Fix safety
Safe: the missing statements are added before the first table, and database names in
existing ones are changed to the chosen name.
"#,
};

/// L022: the dump holds more than one database.
pub static SEVERAL_DATABASES: Meta = Meta {
    code: "L022",
    name: "several-databases",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "the dump holds more than one database",
    doc: r#"## What it does
Finds a second database in one dump: `USE other`, `CREATE DATABASE other`, or
`\connect other` after the first database.

## Why it matters
An upload holds exactly one database; which one Liferay should get cannot be guessed.

## Example
```sql
USE `lportal`;
…
USE `analytics`;
```

## Use instead
Dump the one database: `mysqldump --databases --add-drop-database lportal`.

## Fix safety
Not fixable: `fix` stops with this error.
"#,
};

/// L023: a data-only dump gets no `DROP DATABASE`.
pub static DATA_ONLY: Meta = Meta {
    code: "L023",
    name: "data-only-dump",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "data-only dump: DROP DATABASE IF EXISTS is not added",
    doc: r#"## What it does
On the MySQL target, when the first table statement of a dump without a database
envelope is data (`INSERT`, `REPLACE`, `LOCK TABLES`, `ALTER TABLE … DISABLE KEYS`), not a
table definition, reports a data-only dump (`mysqldump --no-create-info`). `fix` then
adds only `CREATE DATABASE IF NOT EXISTS` and `USE`, not `DROP DATABASE IF EXISTS`.

## Why it matters
A data-only dump fills tables that exist already. With the `DROP DATABASE` that L021 adds
for a full dump, loading it would first delete the database it should fill, and then
fail on the first INSERT: the data would be gone.

## Example
```sql
-- mysqldump --no-create-info lportal
LOCK TABLES `User_` WRITE;
INSERT INTO `User_` VALUES (…);
```

## Use instead
Upload a full dump (`mysqldump --databases --add-drop-database lportal`), or load this
one into a database that holds the tables.

## Fix safety
Nothing is removed: the drop is only not added.
"#,
};

/// Written before the envelope of a data-only dump: a later run adds no DROP either.
const DATA_ONLY_MARK: &[u8] =
    b"-- dumpfix: a data-only dump: no DROP DATABASE IF EXISTS is added (L023)\n";

/// The first table statement of a data-only dump (`mysqldump --no-create-info`).
fn is_data_statement(st: &Stmt<'_>) -> bool {
    st.starts(&["INSERT"])
        || st.starts(&["REPLACE"])
        || st.starts(&["LOCK", "TABLES"])
        || (st.starts(&["ALTER", "TABLE"]) && st.lead.iter().any(|w| w == "DISABLE"))
}

/// L090: a statement too large to inspect.
pub static UNINSPECTED_STATEMENT: Meta = Meta {
    code: "L090",
    name: "statement-not-inspected",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "statement larger than the window, passed through unchecked",
    doc: r#"## What it does
Reports statements larger than the in-memory window (8 MiB by default) other than
INSERT data. The rules see the statement's first MiB (so the database envelope goes
before it, its table is renamed, a statement the target drops is dropped whole); the
rest passes through without being looked at.

## Why it matters
Whatever the rest of such a statement holds (a huge routine or view) was not checked or
fixed.

## Example
A 20 MB `CREATE PROCEDURE` body.

## Use instead
Check the statement by hand, or raise the window.

## Fix safety
Not fixed: the statement is copied unchanged.
"#,
};

/// L020, L021, L022 and L023, a rule of their own. What it remembers: the databases
/// seen and the state of the MySQL envelope.
#[derive(Debug, Default)]
pub struct Database {
    /// Names seen in database statements, in order of appearance (original).
    pub names: BTreeSet<String>,
    first: Option<String>,
    /// The database mysqldump's header names (`-- Host: h    Database: NAME`).
    header: Option<String>,
    dropped: bool,
    created: bool,
    done: bool,
}

impl Rule for Database {
    const CODES: &'static [&'static Meta] = &[
        &DATABASE_STATEMENT,
        &DATABASE_ENVELOPE,
        &SEVERAL_DATABASES,
        &DATA_ONLY,
    ];

    fn statement_head(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
        statement(cx, self, st, o);
    }

    fn command(&mut self, cx: &mut Context, p: &PieceRef<'_>) -> bool {
        command(cx, self, p)
    }

    fn blank(&mut self, cx: &mut Context, bytes: &[u8]) {
        blank(cx, self, bytes);
    }

    fn database_qualifier(&mut self, cx: &mut Context, st: &Stmt<'_>, i: usize, o: &mut Out) {
        qualifier(cx, self, st, i, o);
    }

    fn finish(&mut self, cx: &mut Context, _add: &mut Vec<u8>) {
        // in check mode, a fatal problem is already a finding
        let _ = cx.fatal.take();
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DbStmt {
    Drop,
    Create,
    Alter,
    Comment,
    Use,
}

fn classify(st: &Stmt<'_>) -> Option<(DbStmt, Option<usize>)> {
    let t = &st.t;
    let kind = if st.starts(&["USE"]) {
        return Some((DbStmt::Use, t.is_ident(1).then_some(1)));
    } else if (st.starts(&["DROP", "DATABASE"]) || st.starts(&["DROP", "SCHEMA"])) && is_db(st) {
        DbStmt::Drop
    } else if (st.starts(&["CREATE", "DATABASE"]) || st.starts(&["CREATE", "SCHEMA"])) && is_db(st)
    {
        DbStmt::Create
    } else if st.starts(&["ALTER", "DATABASE"]) {
        DbStmt::Alter
    } else if st.starts(&["COMMENT", "ON", "DATABASE"]) {
        DbStmt::Comment
    } else {
        return None;
    };
    let mut i = if kind == DbStmt::Comment { 3 } else { 2 };
    while t.is_kw(i, "IF") || t.is_kw(i, "NOT") || t.is_kw(i, "EXISTS") {
        i += 1;
    }
    Some((kind, t.is_ident(i).then_some(i)))
}

/// `SCHEMA` means database in MySQL only.
fn is_db(st: &Stmt<'_>) -> bool {
    st.lead.get(1).is_some_and(|w| w == "DATABASE") || st.t.dialect == crate::lex::Dialect::Mysql
}

fn mysql_envelope(name: &str, drop: bool, create: bool, use_: bool) -> Vec<u8> {
    let q = quote_like(name, crate::lex::Dialect::Mysql, true);
    let mut s = String::new();
    if drop {
        s.push_str(&format!("/*!40000 DROP DATABASE IF EXISTS {q}*/;\n\n"));
    }
    if create {
        s.push_str(&format!(
            "CREATE DATABASE /*!32312 IF NOT EXISTS*/ {q} /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n\n"
        ));
    }
    if use_ {
        s.push_str(&format!("USE {q};\n\n"));
    }
    s.into_bytes()
}

fn several(cx: &mut Context, first: &str, name: &str, line: u64, offset: u64) {
    let msg = format!(
        "a second database `{name}` after `{first}`: a dump must hold exactly one database"
    );
    cx.report(&SEVERAL_DATABASES, name, line, offset, || msg.clone());
    if cx.fatal.is_none() && cx.on(&SEVERAL_DATABASES) {
        cx.fatal = Some((msg, line, offset));
    }
}

/// Database statements.
fn statement(cx: &mut Context, db: &mut Database, st: &Stmt<'_>, o: &mut Out) {
    let class = classify(st);
    let (line, offset) = (st.line, st.offset);
    if cx.to_postgres() {
        let Some((kind, name)) = class else { return };
        if kind == DbStmt::Use {
            return;
        }
        if let Some(i) = name {
            let n = st.t.name(i);
            note_pg_name(cx, db, &n, line, offset);
        }
        if cx.on(&DATABASE_STATEMENT) {
            let what = match kind {
                DbStmt::Drop => "DROP DATABASE",
                DbStmt::Create => "CREATE DATABASE",
                DbStmt::Alter => "ALTER DATABASE",
                DbStmt::Comment => "COMMENT ON DATABASE",
                DbStmt::Use => "USE",
            }
            .to_string();
            cx.report(&DATABASE_STATEMENT, &what, line, offset, || {
                format!("{what} statement: Liferay Cloud restores into its own database")
            });
            o.drop = cx.mode == Mode::Fix;
        }
        return;
    }
    // MySQL target: the envelope is the dump's, not one statement's (and renames
    // the database), so a statement's `-- dumpfix-ignore` silences its findings only
    if !cx.renames(&DATABASE_ENVELOPE) {
        return;
    }
    let t = &st.t;
    match class {
        Some((kind, Some(i))) if matches!(kind, DbStmt::Drop | DbStmt::Create | DbStmt::Use) => {
            let name = t.name(i);
            let first = db.first.get_or_insert_with(|| name.clone()).clone();
            db.names.insert(name.clone());
            if name != first {
                several(cx, &first, &name, line, offset);
                return;
            }
            let want = cx.database.clone().unwrap_or(first);
            if name != want {
                rename(cx, st, i, &want, (line, offset), o);
            }
            if db.done {
                return;
            }
            let (need_drop, need_create) = match kind {
                DbStmt::Drop => (false, false),
                DbStmt::Create => (!db.dropped, false),
                _ => (!db.dropped, !db.created),
            };
            missing(cx, &want, need_drop, need_create, false, line, offset, o);
            db.dropped = true;
            db.created |= kind != DbStmt::Drop;
            db.done = kind == DbStmt::Use;
        }
        Some(_) => {}
        None => {
            if db.done || st.starts(&["SET"]) {
                return;
            }
            let want = cx
                .database
                .clone()
                .or_else(|| db.first.clone())
                .or_else(|| db.header.clone())
                .unwrap_or_else(|| "lportal".to_string());
            db.first.get_or_insert_with(|| want.clone());
            let data_only = !db.dropped && is_data_statement(st);
            if data_only && cx.on(&DATA_ONLY) {
                cx.report(&DATA_ONLY, "data-only", line, offset, || {
                    format!("the first table statement is data, not a table definition (a data-only dump, as `mysqldump --no-create-info` writes): DROP DATABASE IF EXISTS `{want}` is not added, as a load would delete the database these rows fill")
                });
            }
            let (d, c) = (!db.dropped && !data_only, !db.created);
            if data_only && cx.mode == Mode::Fix {
                // so that fixing the fixed dump again adds no DROP either (its CREATE
                // DATABASE then comes before any table statement)
                o.before.extend_from_slice(DATA_ONLY_MARK);
            }
            missing(cx, &want, d, c, true, line, offset, o);
            db.dropped = true;
            db.created = true;
            db.done = true;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn missing(
    cx: &mut Context,
    want: &str,
    drop: bool,
    create: bool,
    use_: bool,
    line: u64,
    offset: u64,
    o: &mut Out,
) {
    if !(drop || create || use_) {
        return;
    }
    let mut what = Vec::new();
    if drop {
        what.push("DROP DATABASE IF EXISTS");
    }
    if create {
        what.push("CREATE DATABASE");
    }
    if use_ {
        what.push("USE");
    }
    let list = what.join(", ");
    cx.report(&DATABASE_ENVELOPE, "envelope", line, offset, || {
        format!("missing {list} for `{want}` before the first table")
    });
    if cx.mode == Mode::Fix {
        let envelope = mysql_envelope(want, drop, create, use_);
        match &cx.delimiter {
            // inside a `DELIMITER ;;` block: the added statements end with `;`
            Some(d) => {
                o.before.extend_from_slice(b"\nDELIMITER ;\n");
                o.before.extend_from_slice(&envelope);
                o.before.extend_from_slice(b"DELIMITER ");
                o.before.extend_from_slice(d);
                o.before.push(b'\n');
            }
            None => o.before.extend_from_slice(&envelope),
        }
    }
}

fn note_pg_name(cx: &mut Context, db: &mut Database, name: &str, line: u64, offset: u64) {
    let first = db.first.get_or_insert_with(|| name.to_string()).clone();
    db.names.insert(name.to_string());
    if name != first {
        several(cx, &first, name, line, offset);
    }
}

/// psql `\connect` / `\c`: returns true when the command is removed.
fn command(cx: &mut Context, db: &mut Database, p: &PieceRef<'_>) -> bool {
    if !cx.to_postgres() {
        return false;
    }
    let (cmd, rest) = p.command_word();
    if cmd != b"\\connect" && cmd != b"\\c" {
        return false;
    }
    let arg = String::from_utf8_lossy(rest).trim().to_string();
    let name = arg
        .split_whitespace()
        .find(|a| !a.starts_with('-'))
        .unwrap_or("")
        .trim_end_matches(';')
        .trim_matches('"')
        .to_string();
    let name = match name.strip_prefix("dbname=") {
        Some(n) => n.trim_matches('\'').to_string(),
        None => name,
    };
    if !name.is_empty() {
        note_pg_name(cx, db, &name, p.line, p.offset);
    }
    if !cx.on(&DATABASE_STATEMENT) {
        return false;
    }
    cx.report(&DATABASE_STATEMENT, "\\connect", p.line, p.offset, || {
        format!("\\connect {name}: Liferay Cloud restores into its own database")
    });
    cx.mode == Mode::Fix
}

/// A `db.table` (or `db.table.column`) qualifier in a MySQL dump whose database
/// `--database` renames: renamed with it, or the statement would reach for a database
/// that no longer exists (views that name `sakila.film` in a dump of `sakila`).
fn qualifier(cx: &mut Context, db: &mut Database, st: &Stmt<'_>, i: usize, o: &mut Out) {
    if cx.target.dialect != crate::lex::Dialect::Mysql || !cx.renames(&DATABASE_ENVELOPE) {
        return;
    }
    let Some(want) = cx.database.clone() else {
        return;
    };
    let t = &st.t;
    let name = t.name(i);
    let the_dumps =
        db.first.as_deref() == Some(name.as_str()) || db.header.as_deref() == Some(name.as_str());
    if !the_dumps || name == want {
        return;
    }
    let at = (
        st.line_at(t.toks[i].start),
        st.offset + t.toks[i].start as u64,
    );
    rename(cx, st, i, &want, at, o);
}

/// Comments between statements: the database named by mysqldump's header
/// (`-- Host: localhost    Database: shop`), for a dump without `USE` (qualifiers
/// `shop.t` in it are renamed with `--database`).
fn blank(cx: &mut Context, db: &mut Database, bytes: &[u8]) {
    if !db.dropped
        && cx.dialect == crate::lex::Dialect::Mysql
        && memchr::memmem::find(bytes, DATA_ONLY_MARK).is_some()
    {
        db.dropped = true;
    }
    if db.header.is_some() || cx.dialect != crate::lex::Dialect::Mysql {
        return;
    }
    let Some(h) = memchr::memmem::find(bytes, b"-- Host: ") else {
        return;
    };
    let line = &bytes[h..];
    let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
    if let Some(d) = memchr::memmem::find(line, b"Database: ") {
        let name = String::from_utf8_lossy(&line[d + b"Database: ".len()..])
            .trim()
            .to_string();
        if !name.is_empty() {
            db.header = Some(name);
        }
    }
}

/// Report and (fix) rename the database name at token `i` to `want`.
fn rename(
    cx: &mut Context,
    st: &Stmt<'_>,
    i: usize,
    want: &str,
    (line, offset): (u64, u64),
    o: &mut Out,
) {
    let t = &st.t;
    let name = t.name(i);
    cx.report(
        &DATABASE_ENVELOPE,
        &format!("name {name}"),
        line,
        offset,
        || format!("database `{name}` renamed to `{want}`"),
    );
    if cx.mode == Mode::Fix {
        o.edits.push(Edit {
            start: t.toks[i].start,
            end: t.toks[i].end,
            text: quote_like(
                want,
                crate::lex::Dialect::Mysql,
                t.toks[i].kind == Tok::QIdent,
            )
            .into_bytes(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rewrite::harness::{check, fix, lines};

    #[test]
    fn pg_dump_create_database_is_removed() {
        let sql = "CREATE DATABASE lportal WITH TEMPLATE = template0 ENCODING = 'UTF8';\n\
            ALTER DATABASE lportal OWNER TO liferay;\n\
            \\connect lportal\n\
            CREATE TABLE public.user_ (userid bigint);\n";
        insta::assert_snapshot!(lines(&check("liferay-postgresql", sql, "L020")));
        insta::assert_snapshot!(fix("liferay-postgresql", sql, "L020"));
    }

    #[test]
    fn mysql_dump_gets_the_database_envelope() {
        let sql = "CREATE TABLE `User_` (`userId` bigint NOT NULL);\n\
            INSERT INTO `User_` VALUES (1);\n";
        insta::assert_snapshot!(lines(&check("liferay-mysql", sql, "L021")));
        insta::assert_snapshot!(fix("liferay-mysql", sql, "L021"));
    }
}
