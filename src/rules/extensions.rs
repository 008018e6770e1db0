//! L027 `comment-on-extension` and L028 `untrusted-extension`: what pg_dump writes for
//! the source database's extensions that a role other than a superuser cannot run.

use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;

/// L027: `COMMENT ON EXTENSION`.
pub static COMMENT_ON_EXTENSION: Meta = Meta {
    code: "L027",
    name: "comment-on-extension",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "COMMENT ON EXTENSION, which only the extension's owner may run",
    doc: r#"## What it does
On the PostgreSQL target, finds `COMMENT ON EXTENSION name IS '…'`, which pg_dump writes
after each `CREATE EXTENSION` of the source database (the extension's own description).

## Why it matters
Only the extension's owner may comment on it. Where the extension already exists in the
database Liferay Cloud restores into (`plpgsql` always does; `pg_trgm` and others when
the service installed them), it belongs to another role, and PostgreSQL 15 stops the
restore: `ERROR: must be owner of extension pg_trgm`.

## Example
```sql
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
```

## Use instead
```sql
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
```

## Fix safety
Safe: the comment is removed; it is the extension's own description, which the server's
copy of the extension has already.
"#,
};

/// L028: `CREATE EXTENSION` of an extension only a superuser may create.
pub static UNTRUSTED_EXTENSION: Meta = Meta {
    code: "L028",
    name: "untrusted-extension",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "CREATE EXTENSION of an extension PostgreSQL 15 lets only a superuser create",
    doc: r#"## What it does
On the PostgreSQL target, finds `CREATE EXTENSION` of an extension that PostgreSQL 15
does not mark trusted: any but `plpgsql` and the trusted contrib modules (`btree_gin`,
`btree_gist`, `citext`, `cube`, `dict_int`, `fuzzystrmatch`, `hstore`, `intarray`,
`isn`, `lo`, `ltree`, `pgcrypto`, `pg_trgm`, `seg`, `tablefunc`, `tcn`,
`tsm_system_rows`, `tsm_system_time`, `unaccent`, `uuid-ossp`).

## Why it matters
Liferay Cloud restores the dump as a role that is not a superuser, and PostgreSQL 15
refuses it: `ERROR: permission denied to create extension "pg_stat_statements"` (`HINT:
Must be superuser to create this extension.`), unless the extension is in the database
already (`IF NOT EXISTS` then skips it). Liferay itself needs no extension.

## Example
```sql
CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;
```

## Use instead
Drop the extension from the source database before the dump (`DROP EXTENSION
pg_stat_statements;`), or dump with `pg_dump --exclude-extension=pg_stat_statements`
(pg_dump 17 and later); ask Liferay Cloud support when Liferay's tables use it.

## Fix safety
Not fixable: tables, indexes or functions of the dump may use the extension's types and
operators, and only the server's administrator can install it.
"#,
};

/// Extensions PostgreSQL 15 marks `trusted` (a database owner may create them), and
/// `plpgsql`, which every database has.
const TRUSTED: &[&str] = &[
    "btree_gin",
    "btree_gist",
    "citext",
    "cube",
    "dict_int",
    "fuzzystrmatch",
    "hstore",
    "intarray",
    "isn",
    "lo",
    "ltree",
    "pg_trgm",
    "pgcrypto",
    "plpgsql",
    "seg",
    "tablefunc",
    "tcn",
    "tsm_system_rows",
    "tsm_system_time",
    "unaccent",
    "uuid-ossp",
];

/// L027 and L028, a rule of their own: no state.
#[derive(Default)]
pub struct Extensions;

impl Rule for Extensions {
    const CODES: &'static [&'static Meta] = &[&COMMENT_ON_EXTENSION, &UNTRUSTED_EXTENSION];

    fn statement(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
        if !cx.to_postgres() {
            return;
        }
        let t = &st.t;
        if st.starts(&["COMMENT", "ON", "EXTENSION"]) && t.is_ident(3) {
            let name = t.name(3);
            cx.report(&COMMENT_ON_EXTENSION, &name, st.line, st.offset, || {
                format!("COMMENT ON EXTENSION {name}: only the extension's owner may run it, and Liferay Cloud's database may have the extension already; removed")
            });
            o.drop |= cx.mode == Mode::Fix && cx.on(&COMMENT_ON_EXTENSION);
            return;
        }
        if !st.starts(&["CREATE", "EXTENSION"]) {
            return;
        }
        let mut i = 2;
        while t.is_kw(i, "IF") || t.is_kw(i, "NOT") || t.is_kw(i, "EXISTS") {
            i += 1;
        }
        if !t.is_ident(i) {
            return;
        }
        let name = t.name(i);
        if TRUSTED.contains(&name.to_ascii_lowercase().as_str()) {
            return;
        }
        cx.report(&UNTRUSTED_EXTENSION, &name, st.line, st.offset, || {
            format!("CREATE EXTENSION {name}: PostgreSQL 15 lets only a superuser create it, and Liferay Cloud restores as another role")
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rewrite::harness::{check, fix, lines};

    /// What pg_dump 15 writes for a database with `pg_trgm`, `citext` and
    /// `pg_stat_statements` (see `corpus/rules/L027/bad.sql` and `L028/bad.sql`).
    const DUMP: &str = "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n\
        COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';\n\
        CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;\n\
        COMMENT ON EXTENSION pg_stat_statements IS 'track planning and execution statistics of all SQL statements executed';\n\
        CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public;\n\
        CREATE TABLE public.user_ (userid bigint NOT NULL, emailaddress public.citext);\n";

    #[test]
    fn comments_on_extensions_are_found_and_removed() {
        insta::assert_snapshot!(lines(&check("liferay-postgresql", DUMP, "L027")));
        insta::assert_snapshot!(fix("liferay-postgresql", DUMP, "L027"));
    }

    #[test]
    fn only_untrusted_extensions_are_reported() {
        // citext and "uuid-ossp" are trusted: pg_stat_statements only
        insta::assert_snapshot!(lines(&check("liferay-postgresql", DUMP, "L028")));
    }

    #[test]
    fn the_mysql_target_does_not_look() {
        let sql = "CREATE TABLE `User_` (`userId` bigint);\n";
        assert_eq!(lines(&check("liferay-mysql", sql, "L027")), "");
    }
}
