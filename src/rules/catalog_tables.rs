//! L004 `table-not-in-catalog` and L005 `custom-boolean-candidate`.

use super::{Meta, Severity};
use crate::rewrite::{Context, DumpColumn, Stmt};

/// L004: a table Liferay does not create.
pub static TABLE_NOT_IN_CATALOG: Meta = Meta {
    code: "L004",
    name: "table-not-in-catalog",
    severity: Severity::Info,
    fixable: false,
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

/// L005: a custom table with a `tinyint(1)` column (a likely boolean).
pub static CUSTOM_BOOLEAN: Meta = Meta {
    code: "L005",
    name: "custom-boolean-candidate",
    severity: Severity::Info,
    fixable: false,
    summary: "tinyint(1) column in a table outside the catalog",
    doc: r#"## What it does
Lists `tinyint(1)` columns of tables that are not Liferay's.

## Why it matters
MySQL's `BOOLEAN` is `tinyint(1)`: on PostgreSQL such a column becomes `boolean`, and any
value other than 0, 1 or NULL is reported (L011) rather than guessed.

## Example
```sql
CREATE TABLE `my_flags` (`enabled` tinyint(1) DEFAULT NULL);
```

## Use instead
Nothing, if the column is a boolean.

## Fix safety
Information only.
"#,
};

/// At `CREATE TABLE`: list tables the catalog lacks and their boolean candidates.
pub fn create_table(cx: &mut Context, st: &Stmt<'_>, table: &str, columns: &[DumpColumn]) {
    if cx.liferay(table).is_some() || super::object_tables::is_object_table(table) {
        return;
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
    for c in columns {
        let is_bool = c
            .declared
            .as_ref()
            .is_some_and(|t| t.base == "tinyint" && t.width() == Some(1));
        if is_bool {
            let subject = format!("{table}.{}", c.name);
            cx.report_at(
                &CUSTOM_BOOLEAN,
                &subject,
                st,
                first,
                || format!("{subject} is tinyint(1): a boolean on PostgreSQL"),
                None,
            );
        }
    }
}
