//! M001 `mysql-only-function` and M002 `mysql-only-syntax`: MySQL code that
//! PostgreSQL rejects, in views, routines, triggers, events, column defaults,
//! generated columns and CHECK constraints.
//!
//! The scan works on tokens, so strings and comments never match, and it reaches
//! into MySQL executable comments (`/*!50001 CREATE VIEW … */`) and routine bodies,
//! which a full parser would have to understand first.

use super::{Meta, Severity};
use crate::lex::Dialect;
use crate::rewrite::{Context, Stmt};
use crate::sql::Tok;

/// M001: a MySQL function PostgreSQL lacks.
pub static MYSQL_ONLY_FUNCTION: Meta = Meta {
    code: "M001",
    name: "mysql-only-function",
    severity: Severity::Error,
    fixable: false,
    summary: "MySQL function that PostgreSQL lacks (GROUP_CONCAT, IFNULL, DAY, …)",
    doc: r#"## What it does
On the PostgreSQL target, finds calls of MySQL functions that PostgreSQL does not have
— `GROUP_CONCAT`, `IFNULL`, `IF()`, `DATE_FORMAT`, `DAY`/`DAYOFMONTH`/`MONTH`/`YEAR`,
`UNIX_TIMESTAMP`, `SUBSTRING_INDEX`, `FIND_IN_SET`, `LAST_INSERT_ID`, … — in views,
procedures, functions, triggers, events, column defaults, generated columns and CHECK
constraints. The help text gives the PostgreSQL replacement.

## Why it matters
The view, routine or default fails to be created on PostgreSQL, and whatever depends
on it fails after it.

## Example
```sql
CREATE VIEW v AS SELECT GROUP_CONCAT(name SEPARATOR ',') FROM Group_;
```

## Use instead
```sql
CREATE VIEW v AS SELECT string_agg(name::text, ',') FROM group_;
```

## Fix safety
Not fixed by `fix`; the MySQL → PostgreSQL conversion translates the exact cases.
"#,
};

/// M002: MySQL-only syntax.
pub static MYSQL_ONLY_SYNTAX: Meta = Meta {
    code: "M002",
    name: "mysql-only-syntax",
    severity: Severity::Error,
    fixable: false,
    summary:
        "MySQL-only syntax in views and routines (LIMIT a,b, ON DUPLICATE KEY, <=>, backticks, …)",
    doc: r#"## What it does
On the PostgreSQL target, finds MySQL syntax in views, routines, triggers and events:
`LIMIT offset, count`, `ON DUPLICATE KEY UPDATE`, `REPLACE INTO`, `INSERT IGNORE`, the
`<=>` operator, `DIV`, `REGEXP`/`RLIKE`, `CAST(… AS UNSIGNED)`, and backtick-quoted
identifiers.

## Why it matters
PostgreSQL rejects the statement.

## Example
```sql
SELECT * FROM `User_` LIMIT 10, 20;
```

## Use instead
```sql
SELECT * FROM user_ LIMIT 20 OFFSET 10;
```

## Fix safety
Not fixed.
"#,
};

/// MySQL functions PostgreSQL lacks, with the replacement (`../shared/liferay/FACTS.md`).
pub const FUNCTIONS: &[(&str, &str)] = &[
    ("ADDDATE", "d + INTERVAL '1 day'"),
    ("CURDATE", "CURRENT_DATE"),
    ("CURTIME", "LOCALTIME"),
    ("DATEDIFF", "a::date - b::date"),
    ("DATE_ADD", "d + INTERVAL '1 day'"),
    ("DATE_FORMAT", "to_char(d, 'YYYY-MM-DD HH24:MI:SS')"),
    ("DATE_SUB", "d - INTERVAL '1 day'"),
    ("DAY", "EXTRACT(DAY FROM d)"),
    ("DAYOFMONTH", "EXTRACT(DAY FROM d)"),
    (
        "DAYOFWEEK",
        "EXTRACT(DOW FROM d) + 1 (MySQL counts from Sunday = 1)",
    ),
    ("DAYOFYEAR", "EXTRACT(DOY FROM d)"),
    ("FIND_IN_SET", "array_position(string_to_array(s, ','), x)"),
    ("FROM_UNIXTIME", "to_timestamp(n)"),
    ("GROUP_CONCAT", "string_agg(b::text, ';' ORDER BY b)"),
    ("HOUR", "EXTRACT(HOUR FROM d)"),
    ("IF", "CASE WHEN c THEN x ELSE y END"),
    ("IFNULL", "COALESCE(a, b)"),
    ("INSTR", "strpos(a, x)"),
    ("ISNULL", "x IS NULL"),
    ("LAST_INSERT_ID", "lastval()"),
    ("LCASE", "lower(s)"),
    ("LOCATE", "strpos(a, x)"),
    ("MID", "substr(s, p, n)"),
    ("MINUTE", "EXTRACT(MINUTE FROM d)"),
    ("MONTH", "EXTRACT(MONTH FROM d)"),
    ("RAND", "random()"),
    ("SECOND", "EXTRACT(SECOND FROM d)"),
    ("STR_TO_DATE", "to_date(s, 'YYYY-MM-DD')"),
    ("SUBDATE", "d - INTERVAL '1 day'"),
    (
        "SUBSTRING_INDEX",
        "split_part(a, '.', 1) (positive counts only)",
    ),
    ("SYSDATE", "clock_timestamp()"),
    ("TIMESTAMPDIFF", "EXTRACT(EPOCH FROM (b - a))"),
    ("TRUNCATE", "trunc(x, d)"),
    ("UCASE", "upper(s)"),
    ("UNIX_TIMESTAMP", "EXTRACT(EPOCH FROM d)::bigint"),
    ("UUID", "gen_random_uuid()"),
    (
        "WEEK",
        "no exact equivalent: EXTRACT(WEEK FROM d) is ISO, MySQL's WEEK(d, 3)",
    ),
    ("YEAR", "EXTRACT(YEAR FROM d)"),
];

/// The kind of object a `CREATE`/`ALTER` statement makes (upper case), if any.
pub fn object_kind(st: &Stmt<'_>) -> Option<String> {
    let t = &st.t;
    if !(t.is_kw(0, "CREATE") || t.is_kw(0, "ALTER")) {
        return None;
    }
    const KINDS: &[&str] = &[
        "TABLE",
        "VIEW",
        "PROCEDURE",
        "FUNCTION",
        "TRIGGER",
        "EVENT",
        "INDEX",
        "SEQUENCE",
        "TYPE",
        "SCHEMA",
        "DATABASE",
        "RULE",
        "EXTENSION",
        "AGGREGATE",
        "DOMAIN",
    ];
    (1..t.len().min(40))
        .filter(|&i| t.toks[i].kind == Tok::Word)
        .find_map(|i| KINDS.iter().find(|k| t.is_kw(i, k)).map(|k| k.to_string()))
}

fn code_bearing(kind: Option<&str>) -> bool {
    matches!(
        kind,
        Some("VIEW" | "PROCEDURE" | "FUNCTION" | "TRIGGER" | "EVENT" | "TABLE")
    )
}

/// Scan one statement.
pub fn statement(cx: &mut Context, st: &Stmt<'_>) {
    if !cx.to_postgres() {
        return;
    }
    let kind = object_kind(st);
    if !code_bearing(kind.as_deref()) {
        return;
    }
    let t = &st.t;
    let n = t.len();
    for i in 0..n {
        if t.toks[i].kind != Tok::Word || !t.is_punct(i + 1, "(") {
            continue;
        }
        if i > 0 && t.is_punct(i - 1, ".") {
            continue; // schema.function(…): a user function
        }
        let word = t.text(i);
        let Some((name, help)) = FUNCTIONS
            .iter()
            .find(|(f, _)| word.eq_ignore_ascii_case(f.as_bytes()))
        else {
            continue;
        };
        // `IF (cond) THEN` in a routine body is a statement, not the function
        if *name == "IF" {
            let control = t
                .matching_paren(i + 1)
                .is_some_and(|close| t.is_kw(close + 1, "THEN"));
            if control {
                continue;
            }
        }
        let shown = String::from_utf8_lossy(word).into_owned();
        let subject = format!("{name}@{}", st.offset + t.toks[i].start as u64);
        cx.report_at(
            &MYSQL_ONLY_FUNCTION,
            &subject,
            st,
            t.toks[i].start,
            || format!("{shown}() does not exist in PostgreSQL"),
            Some(&format!("use {help}")),
        );
    }
    if st.t.dialect == Dialect::Mysql && kind.as_deref() != Some("TABLE") {
        syntax(cx, st);
    }
}

fn syntax(cx: &mut Context, st: &Stmt<'_>) {
    let t = &st.t;
    let mut found: Vec<(usize, &str, &str)> = Vec::new();
    let mut backtick = None;
    for i in 0..t.len() {
        let tk = t.toks[i];
        if tk.kind == Tok::QIdent && backtick.is_none() {
            backtick = Some(i);
        }
        if t.is_kw(i, "LIMIT")
            && t.toks.get(i + 1).is_some_and(|x| x.kind == Tok::Num)
            && t.is_punct(i + 2, ",")
        {
            found.push((i, "LIMIT offset, count", "LIMIT count OFFSET offset"));
        } else if t.is_kw(i, "ON") && t.is_kw(i + 1, "DUPLICATE") && t.is_kw(i + 2, "KEY") {
            found.push((
                i,
                "ON DUPLICATE KEY UPDATE",
                "ON CONFLICT (…) DO UPDATE SET … = EXCLUDED.…",
            ));
        } else if t.is_kw(i, "REPLACE") && t.is_kw(i + 1, "INTO") {
            found.push((i, "REPLACE INTO", "INSERT … ON CONFLICT (…) DO UPDATE"));
        } else if t.is_kw(i, "INSERT") && t.is_kw(i + 1, "IGNORE") {
            found.push((i, "INSERT IGNORE", "INSERT … ON CONFLICT DO NOTHING"));
        } else if t.is_punct(i, "<")
            && t.is_punct(i + 1, "=")
            && t.is_punct(i + 2, ">")
            && t.toks[i + 1].start == tk.end
            && t.toks[i + 2].start == t.toks[i + 1].end
        {
            found.push((i, "<=>", "IS NOT DISTINCT FROM"));
        } else if t.is_kw(i, "DIV") && i > 0 {
            found.push((i, "DIV", "div(a, b)"));
        } else if t.is_kw(i, "REGEXP") || t.is_kw(i, "RLIKE") {
            found.push((i, "REGEXP", "a ~* 'x'"));
        } else if t.is_kw(i, "AS") && (t.is_kw(i + 1, "UNSIGNED") || t.is_kw(i + 1, "SIGNED")) {
            found.push((i, "CAST(… AS UNSIGNED)", "CAST(… AS bigint)"));
        }
    }
    if let Some(i) = backtick {
        found.push((
            i,
            "backtick-quoted identifiers",
            "double quotes, or unquoted lower-case names",
        ));
    }
    for (i, what, instead) in found {
        let subject = format!("{what}@{}", st.offset + t.toks[i].start as u64);
        cx.report_at(
            &MYSQL_ONLY_SYNTAX,
            &subject,
            st,
            t.toks[i].start,
            || format!("{what} is MySQL-only syntax"),
            Some(&format!("use {instead}")),
        );
    }
}
