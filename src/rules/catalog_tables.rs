//! L004 `table-not-in-catalog` and L006 `not-a-liferay-database`. (L005, tinyint(1)
//! columns of custom tables, is now the conversion's C013.)

use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Stmt};

/// L004: a table Liferay does not create.
pub static TABLE_NOT_IN_CATALOG: Meta = Meta {
    code: "L004",
    name: "table-not-in-catalog",
    severity: Severity::Info,
    fix: Fix::None,
    summary: "table that is not in the Liferay catalog (listed once)",
    doc: r#"## What it does
Lists each table the Liferay catalog does not know, once.

## Why it matters
Custom tables travel with the dump but get none of Liferay's type rules (booleans,
large objects); tables of a Liferay module missing from the catalog should be added with
`--table-names` or `--reference` so that they do.

## Example
```sql
CREATE TABLE public.my_custom_report (…);
```

## Use instead
Nothing for custom tables; `--reference` for Liferay module tables.

## Fix safety
Information only.
"#,
};

/// L006: most of the dump's tables are not Liferay's.
pub static NOT_LIFERAY: Meta = Meta {
    code: "L006",
    name: "not-a-liferay-database",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "most of the dump's tables are not Liferay's: is this a Liferay database?",
    doc: r#"## What it does
Counts the tables the dump defines that are Liferay's (by name and columns). When fewer
than half are, it says so once, at the first table.

## Why it matters
The Liferay targets rename tables and retype columns from Liferay's catalog. On another
application's database that is at best useless: a table that happens to share a name
with a Liferay table (`country`, `address`) is left alone only because its columns do
not match.

## Example
A WordPress or sakila dump checked with `--target liferay-postgresql`.

## Use instead
`dumpfix convert --to postgresql` for a plain MySQL → PostgreSQL move.

## Fix safety
Information only.
"#,
};

/// A table named like a Liferay table counts as Liferay's only when its columns match
/// the catalog's (a `country (Code, Name, …)` table is not Liferay's `Country`).
/// Called with each CREATE TABLE before its names are looked at.
pub fn columns_match(cx: &mut Context, st: &Stmt<'_>, table: &str, columns: &[String]) {
    let Some(cat) = cx.catalog.get(table) else {
        return;
    };
    if cat.columns.len() < 4 || columns.is_empty() {
        return; // a catalog entry too thin to judge by: taken by its name
    }
    // The catalog lists every column of a portal table but only the typed ones of some
    // module tables: a table is not Liferay's when fewer than half of its columns are
    // the catalog's *and* fewer than half of the catalog's columns are in it.
    let known = columns.iter().filter(|c| cat.column(c).is_some()).count();
    let present = cat
        .columns
        .iter()
        .filter(|(c, _)| columns.iter().any(|d| d.eq_ignore_ascii_case(c)))
        .count();
    // a small table is judged only when none of its columns is Liferay's
    let small = columns.len() < 4;
    if (small && known > 0)
        || (!small && (known * 2 >= columns.len() || present * 2 >= cat.columns.len()))
    {
        return;
    }
    let canon = cat.name.clone();
    cx.not_liferay.insert(table.to_ascii_lowercase());
    let first = st.t.toks.first().map_or(0, |t| t.start);
    let n = columns.len();
    cx.report_at(
        &TABLE_NOT_IN_CATALOG,
        table,
        st,
        first,
        || format!("table {table} has the name of Liferay's {canon} but not its columns ({known} of its {n} columns are Liferay's): not treated as Liferay's"),
        None,
    );
}

/// End of the dump: L006 when fewer than half of the tables defined are Liferay's.
pub fn finish(cx: &mut Context) {
    let n = cx.tables.len();
    if n < 2 {
        return;
    }
    let liferay = cx
        .tables
        .keys()
        .filter(|t| cx.liferay(t).is_some() || super::object_tables::is_object_table(t))
        .count();
    if liferay * 2 >= n {
        return;
    }
    let (line, offset) = cx
        .tables
        .iter()
        .map(|(_, t)| (t.line, t.offset))
        .min()
        .unwrap_or((1, 0));
    cx.report(&NOT_LIFERAY, "database", line, offset, || {
        format!(
            "only {liferay} of the dump's {n} tables are Liferay's: is this a Liferay database?"
        )
    });
}

/// At `CREATE TABLE`: list tables the catalog lacks.
pub fn create_table(cx: &mut Context, st: &Stmt<'_>, table: &str) {
    if cx.liferay(table).is_some() || super::object_tables::is_object_table(table) {
        return;
    }
    if cx.not_liferay.contains(&table.to_ascii_lowercase()) {
        return; // reported with its columns
    }
    let first = st.t.toks.first().map_or(0, |t| t.start);
    cx.report_at(
        &TABLE_NOT_IN_CATALOG,
        table,
        st,
        first,
        || format!("table {table} is not a Liferay table"),
        None,
    );
}
