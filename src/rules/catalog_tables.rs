//! L004 `table-not-in-catalog` and L006 `not-a-liferay-database`. (L005, tinyint(1)
//! columns of custom tables, is now the conversion's C013.)

use crate::catalog::Mismatch;
use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Stmt};
use crate::rules::rule::Rule;

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

/// L004 and L006, a rule of their own (no state). Which tables are Liferay's is the
/// engine's to decide, before names are read (`Context::not_liferay`), whichever
/// rules run: the other rules ask `Context::liferay`.
#[derive(Default)]
pub struct CatalogTables;

impl Rule for CatalogTables {
    const CODES: &'static [&'static Meta] = &[&TABLE_NOT_IN_CATALOG, &NOT_LIFERAY];

    /// L004: tables the catalog lacks, and tables named like Liferay's that are not.
    fn table_created(&mut self, cx: &mut Context, st: &Stmt<'_>, table: &str, _key: &str, _source: &str) {
        let first = st.t.toks.first().map_or(0, |t| t.start);
        if let Some(m) = cx.not_liferay.get(&table.to_ascii_lowercase()) {
            // named as the dump names it (it was decided before names were read)
            let Mismatch {
                table,
                liferay_name,
                known,
                columns,
            } = m.clone();
            cx.report_at(
                &TABLE_NOT_IN_CATALOG,
                &table,
                st,
                first,
                || format!("table {table} has the name of Liferay's {liferay_name} but not its columns ({known} of its {columns} columns are Liferay's): not treated as Liferay's"),
                None,
            );
            return;
        }
        if cx.liferay(table).is_some() || super::object_tables::is_object_table(table) {
            return;
        }
        cx.report_at(
            &TABLE_NOT_IN_CATALOG,
            table,
            st,
            first,
            || format!("table {table} is not a Liferay table"),
            None,
        );
    }

    /// L006: fewer than half of the tables defined are Liferay's.
    fn finish(&mut self, cx: &mut Context, _add: &mut Vec<u8>) {
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
}
