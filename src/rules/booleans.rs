//! L010 `boolean-not-boolean` and L011 `non-boolean-value`.

use crate::catalog::Template;
use crate::finding::{Fix, Meta, Severity};
use crate::rows::BadValue;
use crate::rules::context::{template_of, Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;
use crate::schema::DumpColumn;
use crate::schema::ValueRewrite;
use crate::sql::table::ColumnDef;
use crate::sql::Edit;

/// L010: a Liferay BOOLEAN column that is not a boolean.
pub static BOOLEAN_TYPE: Meta = Meta {
    code: "L010",
    name: "boolean-column-not-boolean",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "Liferay BOOLEAN column declared as an integer on PostgreSQL",
    doc: r#"## What it does
Finds columns Liferay declares `BOOLEAN` that arrive as `smallint`, `tinyint` or
`integer` on the PostgreSQL target (pgloader turns MySQL's `tinyint` booleans into
`smallint`). In a Liferay table any such integer column is a boolean (Liferay's
template schema has no small-integer type); in other tables only `tinyint(1)` is.

## Why it matters
Liferay reads these columns with `getBoolean`; PostgreSQL has no implicit integer to
boolean cast, so queries such as `WHERE active_ = true` fail and the portal does not
start.

## Example
```sql
CREATE TABLE public.user_ (… active_ smallint DEFAULT 0, …);
COPY public.user_ (…, active_, …) FROM stdin;
…	1	…
```

## Use instead
```sql
CREATE TABLE public.user_ (… active_ boolean DEFAULT false, …);
COPY public.user_ (…, active_, …) FROM stdin;
…	t	…
```

## Fix safety
Safe: the type, the default and every value change together (`0`/`1` → `false`/`true`
in INSERT, `f`/`t` in COPY, NULL kept). A value other than 0, 1 or NULL is never
mapped: it is reported by L011 and left as it is, so the load fails loudly.
"#,
};

/// L011: a value of a boolean column that is not 0, 1 or NULL.
pub static NON_BOOLEAN_VALUE: Meta = Meta {
    code: "L011",
    name: "non-boolean-value",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "value other than 0/1/NULL in a column that becomes boolean",
    doc: r#"## What it does
Reports values other than `0`, `1` and NULL in a column that L010 turns into a
boolean, with the table, the column, the first line and how many rows.

## Why it matters
Mapping `2` or `-1` to `true` would silently change data; PostgreSQL refuses them in a
boolean column.

## Example
```sql
INSERT INTO user_ VALUES (…, 2, …);
```

## Use instead
Correct the rows at the source, or keep the column an integer (declare the table in a
`--reference` schema with the type you want).

## Fix safety
Not fixed: the value is left as it is and reported.
"#,
};

/// L010 and L011, a rule of their own (no state): Liferay's BOOLEAN columns declared as integers.
#[derive(Default)]
pub struct Booleans;

impl Rule for Booleans {
    const CODES: &'static [&'static Meta] = &[&BOOLEAN_TYPE, &NON_BOOLEAN_VALUE];

    /// Decide at `CREATE TABLE` whether a column becomes boolean.
    fn column(
        &mut self,
        cx: &mut Context,
        st: &Stmt<'_>,
        table: &str,
        c: &ColumnDef,
        col: &mut DumpColumn,
        o: &mut Out,
    ) {
        if !cx.on(&BOOLEAN_TYPE) || !cx.to_postgres() {
            return;
        }
        let Some(ty) = &col.ty else { return };
        let (liferay, template) = template_of(cx, table, &c.name);
        let candidate = match template {
            Some(Template::Boolean) => ty.is_int(),
            Some(_) => false,
            None if liferay => ty.is_small_int(),
            None => ty.base == "tinyint" && ty.width() == Some(1),
        };
        if !candidate {
            return;
        }
        let subject = format!("{table}.{}", c.name);
        let ty_text = String::from_utf8_lossy(&st.t.src[c.type_span.0..c.type_span.1]).into_owned();
        cx.report_at(
            &BOOLEAN_TYPE,
            &subject,
            st,
            c.type_span.0,
            || format!("{subject} is {ty_text}: Liferay declares it BOOLEAN"),
            Some("boolean (values 0/1 become false/true)"),
        );
        col.rewrite = Some(ValueRewrite::Bool);
        col.ty = crate::sql::coltype::parse_type(b"boolean");
        if cx.mode != Mode::Fix {
            return;
        }
        o.edits.push(Edit {
            start: c.type_span.0,
            end: c.type_span.1,
            text: b"boolean".to_vec(),
        });
        if let Some((a, b)) = c.default_span {
            let d = &st.t.src[a..b];
            let core = d
                .strip_prefix(b"(")
                .and_then(|x| x.strip_suffix(b")"))
                .unwrap_or(d);
            let core = match core.iter().position(|&b| b == b':') {
                Some(p) => &core[..p],
                None => core,
            };
            let core = core
                .strip_prefix(b"'")
                .and_then(|x| x.strip_suffix(b"'"))
                .unwrap_or(core);
            let new: Option<&[u8]> = match core {
                b"0" => Some(b"false"),
                b"1" => Some(b"true"),
                _ => None,
            };
            if let Some(n) = new {
                o.edits.push(Edit {
                    start: a,
                    end: b,
                    text: n.to_vec(),
                });
            }
        }
    }
}

/// A row value a rewrite could not map.
pub fn bad_value(cx: &mut Context, table: &str, bad: &BadValue, line: u64, offset: u64) {
    let subject = format!("{table}.{}", bad.name);
    let v = String::from_utf8_lossy(&bad.value).into_owned();
    cx.report(&NON_BOOLEAN_VALUE, &subject, line, offset, || {
        format!("{subject} holds {v:?}, which is not 0, 1 or NULL (or not a timestamp with an offset): left unchanged")
    });
}

#[cfg(test)]
mod tests {
    use crate::rewrite::harness::{check, fix, lines};

    const DUMP: &str = "CREATE TABLE public.user_ (userid bigint, active_ smallint DEFAULT 0, agreedtotermsofuse smallint);\n\
        COPY public.user_ (userid, active_, agreedtotermsofuse) FROM stdin;\n\
        1\t1\t0\n\
        2\t0\t\\N\n\
        \\.\n\
        INSERT INTO public.user_ VALUES (3, 1, 1);\n";

    #[test]
    fn smallint_booleans_are_found() {
        insta::assert_snapshot!(lines(&check("liferay-postgresql", DUMP, "L010")));
    }

    #[test]
    fn fix_makes_them_boolean_in_the_ddl_and_every_row() {
        insta::assert_snapshot!(fix("liferay-postgresql", DUMP, "L010"));
    }

    #[test]
    fn a_value_that_is_not_0_or_1_is_reported() {
        let sql = "CREATE TABLE public.user_ (userid bigint, active_ smallint);\n\
            COPY public.user_ (userid, active_) FROM stdin;\n\
            1\t2\n\
            \\.\n";
        insta::assert_snapshot!(lines(&check("liferay-postgresql", sql, "L011")));
    }
}
