//! L026 `replication-object`.

use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;

/// L026: logical-replication publications and subscriptions.
pub static REPLICATION_OBJECT: Meta = Meta {
    code: "L026",
    name: "replication-object",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "CREATE/ALTER PUBLICATION or SUBSCRIPTION in a PostgreSQL upload",
    doc: r#"## What it does
On the PostgreSQL target, finds the source server's logical replication: `CREATE
PUBLICATION`, `ALTER PUBLICATION … ADD TABLE`, `CREATE SUBSCRIPTION`, `ALTER
SUBSCRIPTION`, and comments on them. pg_dump writes them unless it is given
`--no-publications --no-subscriptions`.

## Why it matters
Liferay Cloud restores the dump as a role that is not a superuser. PostgreSQL 15 refuses
`CREATE SUBSCRIPTION` ("must be superuser to create subscriptions") and `CREATE
PUBLICATION … FOR ALL TABLES` ("must be superuser to create FOR ALL TABLES
publication"). A subscription that were made would replicate from the old server.

## Example
```sql
CREATE PUBLICATION all_pub FOR ALL TABLES WITH (publish = 'insert, update, delete, truncate');
CREATE SUBSCRIPTION liferay_sub CONNECTION 'host=old-db dbname=lportal user=repl' PUBLICATION upstream_pub WITH (connect = false, slot_name = 'liferay_sub');
```

## Use instead
Nothing: dump with `pg_dump --no-publications --no-subscriptions`.

## Fix safety
Safe: the statements are removed; tables and data are untouched (`OWNER TO` of a
publication is L041's).
"#,
};

/// L026, a rule of its own: no state.
#[derive(Default)]
pub struct Replication;

/// The leading keywords of the statements L026 removes, and what each makes.
const STATEMENTS: &[(&[&str], &str)] = &[
    (&["CREATE", "PUBLICATION"], "publication"),
    (&["ALTER", "PUBLICATION"], "publication"),
    (&["COMMENT", "ON", "PUBLICATION"], "publication"),
    (&["CREATE", "SUBSCRIPTION"], "subscription"),
    (&["ALTER", "SUBSCRIPTION"], "subscription"),
    (&["COMMENT", "ON", "SUBSCRIPTION"], "subscription"),
];

impl Rule for Replication {
    const CODES: &'static [&'static Meta] = &[&REPLICATION_OBJECT];

    fn statement(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
        if !cx.to_postgres() || !cx.on(&REPLICATION_OBJECT) {
            return;
        }
        let Some((words, what)) = STATEMENTS.iter().find(|(w, _)| st.starts(w)) else {
            return;
        };
        // the object's name follows the leading keywords
        let name =
            st.t.toks
                .get(words.len())
                .map(|_| st.t.name(words.len()))
                .unwrap_or_default();
        let stmt = words.join(" ");
        cx.report(&REPLICATION_OBJECT, &format!("{what} {name}"), st.line, st.offset, || {
            format!("{stmt} {name}: the source server's logical replication; Liferay Cloud restores as a role that cannot make it")
        });
        o.drop = cx.mode == Mode::Fix;
    }
}

#[cfg(test)]
mod tests {
    use crate::rewrite::harness::{check, fix, lines};

    /// What pg_dump 15 writes for two publications and a subscription (see
    /// `corpus/rules/L026/bad.sql` for the whole dump).
    const DUMP: &str = "CREATE TABLE public.user_ (userid bigint NOT NULL, screenname character varying(75));\n\
        CREATE PUBLICATION all_pub FOR ALL TABLES WITH (publish = 'insert, update, delete, truncate');\n\
        ALTER PUBLICATION all_pub OWNER TO root;\n\
        CREATE PUBLICATION liferay_pub WITH (publish = 'insert, update, delete, truncate');\n\
        ALTER PUBLICATION liferay_pub ADD TABLE ONLY public.user_;\n\
        CREATE SUBSCRIPTION liferay_sub CONNECTION 'host=old-db.example.com dbname=lportal user=repl' PUBLICATION upstream_pub WITH (connect = false, slot_name = 'liferay_sub');\n\
        COMMENT ON SUBSCRIPTION liferay_sub IS 'from the old server';\n";

    #[test]
    fn publications_and_subscriptions_are_found() {
        insta::assert_snapshot!(lines(&check("liferay-postgresql", DUMP, "L026")));
    }

    #[test]
    fn fix_removes_them_and_keeps_the_table() {
        insta::assert_snapshot!(fix("liferay-postgresql", DUMP, "L026"));
    }

    #[test]
    fn the_mysql_target_does_not_look() {
        let sql = "CREATE TABLE `User_` (`userId` bigint);\n";
        assert_eq!(lines(&check("liferay-mysql", sql, "L026")), "");
    }
}
