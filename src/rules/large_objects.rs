//! L030 `missing-large-object-rules` and L031 `blob-column-not-oid`.

use crate::catalog::Template;
use crate::finding::{Fix, Meta, Severity};
use std::collections::HashSet;

use crate::rules::context::{template_of, Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;
use crate::schema::BaseKind;
use crate::sql::coltype::ColType;

/// L030: a Liferay BLOB column without its two large-object rules.
pub static LARGE_OBJECT_RULES: Meta = Meta {
    code: "L030",
    name: "missing-large-object-rules",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "Liferay BLOB (oid) column without its delete_/update_ rules",
    doc: r#"## What it does
For each Liferay BLOB column (`oid` on PostgreSQL: `DLContent.data_`,
`CTSContent.data_`, `AnalyticsMessage.body`, `BatchEngineExportTask.content`,
`BatchEngineImportTask.content`) checks that the dump creates the rules
`delete_<table>_<column>` and `update_<table>_<column>` that Liferay creates.

## Why it matters
The rules unlink a large object when its row is deleted or its value replaced; without
them every deleted document leaves its bytes behind in `pg_largeobject` for ever.

## Example
```sql
CREATE TABLE public.dlcontent (…, data_ oid, …);
-- no CREATE RULE delete_dlcontent_data_ / update_dlcontent_data_
```

## Use instead
```sql
CREATE OR REPLACE RULE delete_dlcontent_data_ AS ON DELETE TO public.dlcontent DO ALSO
  SELECT CASE WHEN EXISTS(SELECT 1 FROM pg_catalog.pg_largeobject_metadata WHERE (oid = old.data_))
  THEN pg_catalog.lo_unlink(old.data_) END FROM public.dlcontent WHERE dlcontent.data_ = old.data_;
CREATE OR REPLACE RULE update_dlcontent_data_ AS ON UPDATE TO public.dlcontent
  WHERE old.data_ IS DISTINCT FROM new.data_ AND old.data_ IS NOT NULL DO ALSO …;
```

## Fix safety
Safe: missing rules are added at the end of the dump, after the data; rules already
present (Liferay's form or pg_dump's rendering of it, old `pg_largeobject` form too)
are never duplicated.
"#,
};

/// L031: a Liferay BLOB column stored as `bytea`.
pub static BLOB_NOT_OID: Meta = Meta {
    code: "L031",
    name: "blob-column-not-oid",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "Liferay BLOB column as bytea instead of an oid large object",
    doc: r#"## What it does
Finds Liferay BLOB columns that arrive as `bytea` (pgloader maps MySQL `longblob` to
`bytea`).

## Why it matters
Liferay's PostgreSQL dialect reads these columns as large objects (`oid`); with
`bytea` the Documents and Media store cannot read a single file.

## Example
```sql
CREATE TABLE public.dlcontent (…, data_ bytea, …);
```

## Use instead
```sql
ALTER TABLE public.dlcontent ALTER COLUMN data_ TYPE oid
  USING pg_catalog.lo_from_bytea(0, data_);
```

## Fix safety
Safe: after the table's data is loaded, each value becomes a large object byte for
byte (`lo_from_bytea`), NULL stays NULL; then the large-object rules (L030) follow.
"#,
};

/// L030 and L031: Liferay's BLOB columns as `oid` large objects, with the rules that
/// unlink a large object when its row is deleted or updated.
#[derive(Default)]
pub struct LargeObjects {
    /// Rule names seen (`CREATE RULE x`), lower case.
    pg_rules: HashSet<String>,
    /// `(table, column)` BLOB columns altered to `oid` by a statement in the dump.
    blob_altered: HashSet<(String, String)>,
}

impl Rule for LargeObjects {
    const CODES: &'static [&'static Meta] = &[&LARGE_OBJECT_RULES, &BLOB_NOT_OID];

    fn statement(&mut self, _: &mut Context, st: &Stmt<'_>, _: &mut Out) {
        if st.starts(&["CREATE"]) && st.lead.iter().take(4).any(|w| w == "RULE") {
            self.rule_seen(st);
        }
    }

    fn altered_column(&mut self, _: &mut Context, table: &str, column: &str, ty: Option<&ColType>) {
        if ty.is_some_and(|ty| ty.base == "oid") {
            self.blob_altered
                .insert((table.to_string(), column.to_ascii_lowercase()));
        }
    }

    fn finish(&mut self, cx: &mut Context, add: &mut Vec<u8>) {
        finish(cx, self, add);
    }
}

impl LargeObjects {
    /// `CREATE [OR REPLACE] RULE name …`
    fn rule_seen(&mut self, st: &Stmt<'_>) {
        let t = &st.t;
        let mut i = 1;
        while i < t.len() && i < 5 && !t.is_kw(i, "RULE") {
            i += 1;
        }
        if t.is_kw(i, "RULE") && t.is_ident(i + 1) {
            self.pg_rules.insert(t.name(i + 1).to_ascii_lowercase());
        }
    }
}

fn rules_sql(t: &str, c: &str) -> String {
    let body = format!(
        "DO ALSO SELECT CASE WHEN EXISTS(SELECT 1 FROM pg_catalog.pg_largeobject_metadata WHERE (oid = old.{c})) THEN pg_catalog.lo_unlink(old.{c}) END FROM public.{t} WHERE {t}.{c} = old.{c};"
    );
    format!(
        "CREATE OR REPLACE RULE delete_{t}_{c} AS ON DELETE TO public.{t} {body}\n\nCREATE OR REPLACE RULE update_{t}_{c} AS ON UPDATE TO public.{t} WHERE old.{c} IS DISTINCT FROM new.{c} AND old.{c} IS NOT NULL {body}\n\n"
    )
}

/// End of dump: convert bytea BLOB columns and add missing rules.
fn finish(cx: &mut Context, seen: &LargeObjects, add: &mut Vec<u8>) {
    if !cx.to_postgres() {
        return;
    }
    let mut blobs = Vec::new();
    let mut tables: Vec<_> = cx.tables.iter().collect();
    tables.sort_unstable_by_key(|&(k, _)| k);
    for (key, tbl) in tables {
        for col in tbl.columns() {
            let (_, tmpl) = template_of(cx, key, col.name);
            if tmpl != Some(Template::Blob) {
                continue;
            }
            blobs.push((
                key.to_string(),
                col.name.to_ascii_lowercase(),
                col.base,
                tbl.line,
                tbl.offset,
            ));
        }
    }
    let fix = cx.mode == Mode::Fix;
    for (t, c, base, line, offset) in blobs {
        let subject = format!("{t}.{c}");
        let mut is_oid =
            base == BaseKind::Oid || seen.blob_altered.contains(&(t.clone(), c.clone()));
        if base == BaseKind::Bytea && !is_oid && cx.on(&BLOB_NOT_OID) {
            cx.report(&BLOB_NOT_OID, &subject, line, offset, || {
                format!("{subject} is bytea: Liferay stores BLOB columns as oid large objects")
            });
            if fix {
                add.extend_from_slice(
                    format!("ALTER TABLE public.{t} ALTER COLUMN {c} TYPE oid USING pg_catalog.lo_from_bytea(0, {c});\n\n").as_bytes(),
                );
            }
            is_oid = true;
        }
        if !is_oid || !cx.on(&LARGE_OBJECT_RULES) {
            continue;
        }
        let del = format!("delete_{t}_{c}");
        let upd = format!("update_{t}_{c}");
        if seen.pg_rules.contains(&del) && seen.pg_rules.contains(&upd) {
            continue;
        }
        cx.report(&LARGE_OBJECT_RULES, &subject, line, offset, || {
            format!("{subject} has no {del} / {upd} rules")
        });
        if fix {
            add.extend_from_slice(rules_sql(&t, &c).as_bytes());
        }
    }
}
