//! L050 `liferay-column-type`.

use crate::catalog::Template;
use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{template_of, Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;
use crate::schema::DumpColumn;
use crate::schema::ValueRewrite;
use crate::sql::table::ColumnDef;
use crate::sql::Edit;

/// L050: a Liferay column with a type Liferay does not create on PostgreSQL.
pub static LIFERAY_COLUMN_TYPE: Meta = Meta {
    code: "L050",
    name: "liferay-column-type",
    severity: Severity::Warning,
    fix: Fix::Safe,
    summary: "Liferay DATE as timestamptz or STRING/TEXT as varchar on PostgreSQL",
    doc: r#"## What it does
On the PostgreSQL target, compares Liferay columns with the types Liferay creates:
`DATE` is `timestamp` (without time zone), `STRING` and `TEXT` are `text`. pgloader
makes `timestamp with time zone` and may leave `varchar` without a length.

## Why it matters
Liferay writes and compares dates as local timestamps; with `timestamptz` every value
shifts with the session time zone, and upgrades that alter these columns fail on
unexpected types.

## Example
```sql
CREATE TABLE public.user_ (… createdate timestamp with time zone, …);
```

## Use instead
```sql
CREATE TABLE public.user_ (… createdate timestamp without time zone, …);
```

## Fix safety
Safe: values with an offset (`2024-01-02 10:00:00+01`) are rewritten as the UTC time
(`2024-01-02 09:00:00`), the value pgloader was given; `varchar` → `text` changes no
data.
"#,
};

/// L050, a rule of its own (no state): column types Liferay declares otherwise.
#[derive(Default)]
pub struct LiferayTypes;

impl Rule for LiferayTypes {
    const CODES: &'static [&'static Meta] = &[&LIFERAY_COLUMN_TYPE];

    /// Decide at `CREATE TABLE` whether a column's type changes.
    fn column(
        &mut self,
        cx: &mut Context,
        st: &Stmt<'_>,
        table: &str,
        c: &ColumnDef,
        col: &mut DumpColumn,
        o: &mut Out,
    ) {
        if !cx.to_postgres() || !cx.on(&LIFERAY_COLUMN_TYPE) || col.rewrite.is_some() {
            return;
        }
        let Some(ty) = &col.ty else { return };
        let (liferay, tmpl) = template_of(cx, table, &c.name);
        if !liferay {
            return;
        }
        let (new, rewrite): (&[u8], Option<ValueRewrite>) = match (tmpl, ty.base.as_str()) {
            (Some(Template::Date) | None, "timestamptz") => {
                (b"timestamp without time zone", Some(ValueRewrite::TzToUtc))
            }
            (Some(Template::String | Template::Text) | None, "varchar") if ty.args.is_none() => {
                (b"text", None)
            }
            _ => return,
        };
        let subject = format!("{table}.{}", c.name);
        let old = String::from_utf8_lossy(&st.t.src[c.type_span.0..c.type_span.1]).into_owned();
        let new_s = String::from_utf8_lossy(new).into_owned();
        cx.report_at(
            &LIFERAY_COLUMN_TYPE,
            &subject,
            st,
            c.type_span.0,
            || format!("{subject} is {old}: Liferay creates {new_s}"),
            None,
        );
        col.rewrite = rewrite;
        col.ty = crate::sql::coltype::parse_type(new);
        if cx.mode == Mode::Fix {
            o.edits.push(Edit {
                start: c.type_span.0,
                end: c.type_span.1,
                text: new.to_vec(),
            });
        }
    }
}
