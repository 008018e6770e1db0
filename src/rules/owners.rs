//! L041 `owner-or-privilege`.

use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;

/// L041: ownership and privilege statements.
pub static OWNER_OR_PRIVILEGE: Meta = Meta {
    code: "L041",
    name: "owner-or-privilege",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "OWNER TO, GRANT, REVOKE or ALTER DEFAULT PRIVILEGES in a PostgreSQL upload",
    doc: r#"## What it does
On the PostgreSQL target, finds `ALTER … OWNER TO`, `GRANT`, `REVOKE`,
`ALTER DEFAULT PRIVILEGES` and `SET SESSION AUTHORIZATION`: what
`pg_dump --no-owner --no-acl` leaves out.

## Why it matters
The roles of the source server do not exist on Liferay Cloud; the restore fails on
the first `OWNER TO liferay`.

## Example
```sql
ALTER TABLE public.user_ OWNER TO liferay;
GRANT SELECT ON TABLE public.user_ TO reporting;
```

## Use instead
Nothing: dump with `pg_dump --no-owner --no-acl`.

## Fix safety
Safe: the statements are removed; the restoring role owns everything.
"#,
};

fn owner_to(st: &Stmt<'_>) -> bool {
    let t = &st.t;
    let n = t.len();
    if !st.starts(&["ALTER"]) || n < 4 {
        return false;
    }
    let end = if t.is_punct(n - 1, ";") { n - 1 } else { n };
    end >= 3 && t.is_kw(end - 3, "OWNER") && t.is_kw(end - 2, "TO")
}

/// L041, a rule of its own: no state.
#[derive(Default)]
pub struct Owners;

impl Rule for Owners {
    const CODES: &'static [&'static Meta] = &[&OWNER_OR_PRIVILEGE];

    fn statement_head(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
        statement(cx, st, o);
    }
}

/// Drop ownership and privilege statements.
fn statement(cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
    if !cx.to_postgres() || !cx.on(&OWNER_OR_PRIVILEGE) {
        return;
    }
    let what = if st.starts(&["GRANT"]) {
        "GRANT"
    } else if st.starts(&["REVOKE"]) {
        "REVOKE"
    } else if st.starts(&["ALTER", "DEFAULT", "PRIVILEGES"]) {
        "ALTER DEFAULT PRIVILEGES"
    } else if st.starts(&["SET", "SESSION", "AUTHORIZATION"])
        || st.starts(&["RESET", "SESSION", "AUTHORIZATION"])
    {
        "SET SESSION AUTHORIZATION"
    } else if owner_to(st) {
        "OWNER TO"
    } else {
        return;
    };
    cx.report(&OWNER_OR_PRIVILEGE, what, st.line, st.offset, || {
        format!("{what}: roles of the source server do not exist on Liferay Cloud")
    });
    o.drop = cx.mode == Mode::Fix;
}

#[cfg(test)]
mod tests {
    use crate::rewrite::harness::{check, fix, lines};

    const DUMP: &str = "CREATE TABLE public.user_ (userid bigint);\n\
        ALTER TABLE public.user_ OWNER TO liferay;\n\
        GRANT SELECT ON TABLE public.user_ TO reporting;\n\
        REVOKE ALL ON SCHEMA public FROM PUBLIC;\n\
        SET SESSION AUTHORIZATION 'liferay';\n\
        ALTER DEFAULT PRIVILEGES FOR ROLE liferay GRANT SELECT ON TABLES TO reporting;\n";

    #[test]
    fn owners_and_privileges_are_found() {
        insta::assert_snapshot!(lines(&check("liferay-postgresql", DUMP, "L041")));
    }

    #[test]
    fn fix_removes_them_and_keeps_the_table() {
        insta::assert_snapshot!(fix("liferay-postgresql", DUMP, "L041"));
    }

    #[test]
    fn the_mysql_target_does_not_look() {
        let sql = "CREATE TABLE User_ (userId bigint);\nGRANT SELECT ON lportal.* TO 'r'@'%';\n";
        assert_eq!(lines(&check("liferay-mysql", sql, "L041")), "");
    }
}
