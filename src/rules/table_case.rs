//! L001 `table-name-case`, L002 `unknown-lowercase-table` and L007 `table-name-clash`.

use crate::namemap::NameMap;

use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Stmt};
use crate::rules::rule::Rule;
use crate::targets::TableCase;

/// L001: a table name in the wrong case for the target.
pub static TABLE_NAME_CASE: Meta = Meta {
    code: "L001",
    name: "table-name-case",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "table name not in the case the target expects",
    doc: r#"## What it does
Finds table names whose case differs from what the target expects: lower case on
PostgreSQL (`"AccountEntry"` → `accountentry`), Liferay's canonical PascalCase on
MySQL (`accountentry` → `AccountEntry`, `cpdefinition` → `CPDefinition`, `user_` →
`User_`), taken from the Liferay catalog, `--reference` and `--table-names`.

## Why it matters
Liferay on MySQL (case-sensitive table names on Linux) looks for `User_`, not
`user_`; a dump made on Windows or macOS, or converted from PostgreSQL, has lower-case
names and Liferay starts on an empty-looking database. On PostgreSQL Liferay uses
unquoted, folded, lower-case names; a quoted `"User_"` is a different table.

## Example
```sql
CREATE TABLE `user_` (`userId` bigint NOT NULL, …);
INSERT INTO `user_` VALUES (…);
```

## Use instead
```sql
CREATE TABLE `User_` (`userId` bigint NOT NULL, …);
INSERT INTO `User_` VALUES (…);
```

## Fix safety
Safe. The rename reaches every reference (CREATE/DROP/ALTER/LOCK TABLES, INSERT,
COPY, indexes, REFERENCES, views, triggers, rules, COMMENT ON, sequences OWNED BY);
string data that contains the name is never touched. A name missing from the catalog
is never guessed (see L002).
"#,
};

/// L002: a lower-case table that the catalog does not know.
pub static UNKNOWN_TABLE: Meta = Meta {
    code: "L002",
    name: "unknown-lowercase-table",
    severity: Severity::Info,
    fix: Fix::None,
    summary: "lower-case table name with no catalog entry (not renamed)",
    doc: r#"## What it does
On the MySQL target, lists lower-case table names that are not in the Liferay catalog,
so their canonical spelling cannot be known.

## Why it matters
They may be custom tables (fine as they are) or Liferay tables of a module or version
the catalog lacks, which Liferay would then not find.

## Example
```sql
CREATE TABLE `mymoduleentry` (…);
```

## Use instead
Add the canonical names with `--table-names FILE` (one per line), or give a schema dump
of a fresh Liferay database with `--reference FILE`.

## Fix safety
Not fixed: a name is never guessed.
"#,
};

/// L007: two tables of the dump that the target's renames make one.
pub static TABLE_NAME_CLASH: Meta = Meta {
    code: "L007",
    name: "table-name-clash",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "two tables that get one name on the target (case folded, schemas moved to public)",
    doc: r#"## What it does
Reports a `CREATE TABLE` whose name, after the target's renames (L001 lower-cases
PostgreSQL names, L040 moves every schema to `public`, L003 renumbers object tables),
is the name an earlier table of the dump already took, at the second table's line with
the first one's.

## Why it matters
The fixed dump does not load: the second `CREATE TABLE` fails ("relation … already
exists"), and its rows would go into the first table.

## Example
```sql
CREATE TABLE public."UPPER" (v integer);
CREATE TABLE public.upper (v integer);
```

## Use instead
Rename one of the tables in the source database before dumping, or drop the one that
is not needed.

## Fix safety
Not fixable: which table should give way is not known.
"#,
};

/// L001, L002 and L007, a rule of their own. What it remembers: each final table
/// name (lower case, schema-qualified) with the dump's name of the first table created
/// under it and its line (the dump's names one after the other in `sources`: one
/// allocation for all, as a dump may create a million tables).
#[derive(Default)]
pub struct TableCaseRule {
    created: NameMap<(u32, u32, u64)>,
    sources: String,
}

impl Rule for TableCaseRule {
    const CODES: &'static [&'static Meta] = &[&TABLE_NAME_CASE, &UNKNOWN_TABLE, &TABLE_NAME_CLASH];

    fn rename(
        &mut self,
        cx: &mut Context,
        name: &str,
        quoted: bool,
        at: (u64, u64),
        report: bool,
    ) -> Option<String> {
        rename(cx, name, quoted, at, report)
    }

    fn table_created(
        &mut self,
        cx: &mut Context,
        st: &Stmt<'_>,
        _table: &str,
        key: &str,
        source: &str,
    ) {
        created(cx, self, key, source, (st.line, st.offset));
    }
}

/// The target-case spelling of `name`, when it differs.
fn rename(
    cx: &mut Context,
    name: &str,
    quoted: bool,
    at: (u64, u64),
    report: bool,
) -> Option<String> {
    if !cx.renames(&TABLE_NAME_CASE) {
        return None;
    }
    match cx.target.table_case {
        TableCase::Lower => {
            let lower = name.to_ascii_lowercase();
            if lower == name || !quoted {
                return None;
            }
            if report {
                cx.report(&TABLE_NAME_CASE, name, at.0, at.1, || {
                    format!("table \"{name}\" is not lower case: rename to {lower}")
                });
            }
            Some(lower)
        }
        TableCase::Catalog => {
            let canon = match cx.liferay(name) {
                Some(t) => t.name.clone(),
                None => {
                    let lower = name.bytes().all(|b| !b.is_ascii_uppercase());
                    if report && lower && !super::object_tables::is_object_table(name) {
                        cx.report(&UNKNOWN_TABLE, name, at.0, at.1, || {
                            format!("table `{name}` is not in the Liferay catalog: left as it is")
                        });
                    }
                    return None;
                }
            };
            if canon == name {
                return None;
            }
            if report {
                cx.report(&TABLE_NAME_CASE, name, at.0, at.1, || {
                    format!("table `{name}` should be `{canon}`")
                });
            }
            Some(canon)
        }
        TableCase::Keep => None,
    }
}

/// A `CREATE TABLE` of `source` (as the dump names it, schema-qualified when it is)
/// that gets the final name `key` (lower case): L007 when an earlier table of another
/// source name took it.
fn created(cx: &mut Context, seen: &mut TableCaseRule, key: &str, source: &str, at: (u64, u64)) {
    let stored = |&(start, len, line): &(u32, u32, u64)| {
        let name = seen
            .sources
            .get(start as usize..start as usize + len as usize)
            .unwrap_or("");
        (name, line)
    };
    match seen.created.get(key).map(stored) {
        Some((first, line)) if first != source => {
            let first = first.to_string();
            cx.report(&TABLE_NAME_CLASH, &format!("clash@{key}"), at.0, at.1, || {
                format!("table {source} becomes {key}, the name table {first} (line {line}) already took: the fixed dump does not load")
            });
        }
        Some(_) => {}
        None => {
            let (Ok(start), Ok(len)) = (
                u32::try_from(seen.sources.len()),
                u32::try_from(source.len()),
            ) else {
                return;
            };
            seen.sources.push_str(source);
            seen.created.insert(key, (start, len, at.0));
        }
    }
}
