//! L040 `non-public-schema`.

use std::collections::HashSet;

use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;
use crate::sql::Edit;

/// L040: objects outside the `public` schema.
pub static NON_PUBLIC_SCHEMA: Meta = Meta {
    code: "L040",
    name: "non-public-schema",
    severity: Severity::Error,
    fix: Fix::Unsafe,
    summary: "tables in a schema other than public on PostgreSQL",
    doc: r#"## What it does
On the PostgreSQL target, finds tables and other objects in a schema other than
`public` (pgloader puts a MySQL database `lportal` into schema `lportal`):
`lportal.address` qualifiers, `CREATE SCHEMA`, `SET search_path`, `ALTER … SET SCHEMA`.

## Why it matters
Liferay connects with the default search path and looks for its tables in `public`;
tables elsewhere look missing and Liferay creates an empty portal.

## Example
```sql
CREATE SCHEMA lportal;
CREATE TABLE lportal.address (…);
```

## Use instead
```sql
CREATE TABLE public.address (…);
```

## Fix safety
Unsafe when the dump holds the same table name in two schemas (reported: both would
land in `public`).
"#,
};

const SYSTEM: &[&str] = &["public", "pg_catalog", "information_schema", "pg_toast"];

/// L040, a rule of its own. What it remembers: the schemas whose objects move to
/// `public` (lower case).
#[derive(Default)]
pub struct NonPublicSchema {
    moved: HashSet<String>,
}

impl Rule for NonPublicSchema {
    const CODES: &'static [&'static Meta] = &[&NON_PUBLIC_SCHEMA];

    fn statement_head(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
        statement(cx, &mut self.moved, st, o);
    }

    fn schema_qualifier(
        &mut self,
        cx: &mut Context,
        st: &Stmt<'_>,
        i: usize,
        relation: bool,
        o: &mut Out,
    ) -> bool {
        qualifier(cx, &mut self.moved, st, i, relation, o)
    }

    fn statement(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
        regclass_literals(cx, &self.moved, st, o);
    }
}

/// Schema statements.
fn statement(cx: &mut Context, moved: &mut HashSet<String>, st: &Stmt<'_>, o: &mut Out) {
    if !cx.to_postgres() || !cx.renames(&NON_PUBLIC_SCHEMA) {
        return;
    }
    let t = &st.t;
    let fix = cx.mode == Mode::Fix;
    if st.starts(&["CREATE", "SCHEMA"]) {
        let mut i = 2;
        while t.is_kw(i, "IF") || t.is_kw(i, "NOT") || t.is_kw(i, "EXISTS") {
            i += 1;
        }
        if t.is_ident(i) {
            let name = t.name(i).to_ascii_lowercase();
            if !SYSTEM.contains(&name.as_str()) {
                moved.insert(name.clone());
                cx.report(
                    &NON_PUBLIC_SCHEMA,
                    &format!("schema {name}"),
                    st.line,
                    st.offset,
                    || format!("schema {name}: Liferay's tables belong in public"),
                );
                o.drop = fix;
            }
        }
        return;
    }
    if st.starts(&["COMMENT", "ON", "SCHEMA"]) && t.is_ident(3) {
        let name = t.name(3).to_ascii_lowercase();
        if moved.contains(&name) {
            o.drop = fix;
        }
        return;
    }
    if st.starts(&["ALTER"]) {
        let n = t.len();
        let end = if n > 0 && t.is_punct(n - 1, ";") {
            n - 1
        } else {
            n
        };
        if end >= 3 && t.is_kw(end - 3, "SET") && t.is_kw(end - 2, "SCHEMA") {
            cx.report(&NON_PUBLIC_SCHEMA, "SET SCHEMA", st.line, st.offset, || {
                "ALTER … SET SCHEMA: everything stays in public".into()
            });
            o.drop = fix;
        }
        return;
    }
    if st.starts(&["SET", "SEARCH_PATH"]) {
        for i in 2..t.len() {
            if t.is_ident(i) && moved.contains(&t.name(i).to_ascii_lowercase()) {
                qualifier(cx, moved, st, i, false, o);
            }
        }
    }
}

/// A schema qualifier (token `i`): relations in a moved schema go to `public`.
/// `relation` says the qualifier is that of a table position, which makes a new
/// non-system schema count as moved. True when the schema is one that moves.
fn qualifier(
    cx: &mut Context,
    moved: &mut HashSet<String>,
    st: &Stmt<'_>,
    i: usize,
    relation: bool,
    o: &mut Out,
) -> bool {
    if !cx.to_postgres() || !cx.renames(&NON_PUBLIC_SCHEMA) {
        return false;
    }
    let t = &st.t;
    let name = t.name(i).to_ascii_lowercase();
    if SYSTEM.contains(&name.as_str()) {
        return false;
    }
    if !moved.contains(&name) {
        if !relation {
            return false;
        }
        moved.insert(name.clone());
    }
    cx.report(
        &NON_PUBLIC_SCHEMA,
        &format!("schema {name}"),
        st.line_at(t.toks[i].start),
        st.offset + t.toks[i].start as u64,
        || format!("objects in schema {name}: Liferay's tables belong in public"),
    );
    if cx.mode == Mode::Fix {
        o.edits.push(Edit {
            start: t.toks[i].start,
            end: t.toks[i].end,
            text: b"public".to_vec(),
        });
    }
    true
}

/// `nextval('lportal.seq'::regclass)`, `pg_catalog.setval('lportal.seq', 1, false)`,
/// String literal `i` names an object: `'s.t'::regclass` (or another object-name
/// type), or the first argument of `nextval`/`setval`/`currval`.
pub fn names_an_object(t: &crate::sql::Tokens<'_>, i: usize) -> bool {
    // every object-name literal type: 'peer.ts_config'::regconfig as well
    let regclass = t.is_punct(i + 1, "::")
        && [
            "regclass",
            "regconfig",
            "regdictionary",
            "regtype",
            "regproc",
            "regprocedure",
            "regoper",
            "regoperator",
            "regcollation",
        ]
        .iter()
        .any(|k| t.is_kw(i + 2, k));
    // the first argument of the sequence functions is a regclass too
    let sequence_arg = i >= 2
        && t.is_punct(i - 1, "(")
        && ["setval", "nextval", "currval"]
            .iter()
            .any(|f| t.is_kw(i - 2, f));
    regclass || sequence_arg
}

/// `'lportal.cfg'::regconfig`: a schema inside a literal naming an object.
fn regclass_literals(cx: &mut Context, moved: &HashSet<String>, st: &Stmt<'_>, o: &mut Out) {
    if !cx.to_postgres() || !cx.renames(&NON_PUBLIC_SCHEMA) || moved.is_empty() {
        return;
    }
    let t = &st.t;
    for i in 0..t.len() {
        if t.toks[i].kind != crate::sql::Tok::Str || !names_an_object(t, i) {
            continue;
        }
        let s = t.text(i);
        let Some(inner) = s.strip_prefix(b"'").and_then(|x| x.strip_suffix(b"'")) else {
            continue;
        };
        let Some(dot) = inner.iter().position(|&b| b == b'.') else {
            continue;
        };
        let schema = String::from_utf8_lossy(&inner[..dot])
            .trim_matches('"')
            .to_ascii_lowercase();
        if !moved.contains(&schema) {
            continue;
        }
        cx.report(
            &NON_PUBLIC_SCHEMA,
            &format!("schema {schema}"),
            st.line_at(t.toks[i].start),
            st.offset + t.toks[i].start as u64,
            || format!("objects in schema {schema}: Liferay's tables belong in public"),
        );
        if cx.mode == Mode::Fix {
            let mut text = b"'public".to_vec();
            text.extend_from_slice(&inner[dot..]);
            text.push(b'\'');
            o.edits.push(Edit {
                start: t.toks[i].start,
                end: t.toks[i].end,
                text,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rewrite::harness::{check, fix, lines};

    const DUMP: &str = "CREATE SCHEMA lportal;\n\
        SET search_path = lportal, pg_catalog;\n\
        CREATE TABLE lportal.user_ (userid bigint, screenname character varying(75));\n\
        COPY lportal.user_ (userid, screenname) FROM stdin;\n\
        1\tjoe\n\
        \\.\n\
        ALTER TABLE ONLY lportal.user_ ADD CONSTRAINT user__pkey PRIMARY KEY (userid);\n";

    #[test]
    fn objects_outside_public_are_found() {
        insta::assert_snapshot!(lines(&check("liferay-postgresql", DUMP, "L040")));
    }

    #[test]
    fn fix_moves_them_to_public() {
        insta::assert_snapshot!(fix("liferay-postgresql", DUMP, "L040"));
    }
}
