//! M001 `mysql-only-function` and M002 `mysql-only-syntax`: MySQL code that
//! PostgreSQL rejects, in views, routines, triggers, events, column defaults,
//! generated columns and CHECK constraints.
//!
//! Views, routines and triggers are parsed with sqlparser (MySQL executable-comment
//! markers blanked first): only what it calls a function counts. Where it cannot
//! parse the statement (many MySQL routine bodies, column defaults), a token scan
//! takes over, so strings and comments never match and nothing goes unchecked.

use crate::finding::{Fix, Meta, Severity};
use crate::lex::Dialect;
use crate::rules::context::{Context, Out, Stmt};
use crate::rules::rule::Rule;
use crate::sql::Tok;

/// M001: a MySQL function PostgreSQL lacks.
pub static MYSQL_ONLY_FUNCTION: Meta = Meta {
    code: "M001",
    name: "mysql-only-function",
    severity: Severity::Error,
    fix: Fix::None,
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
    fix: Fix::None,
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

/// MySQL functions PostgreSQL lacks, with the PostgreSQL to use instead.
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

/// M001 and M002: MySQL-only functions and syntax in the code a PostgreSQL dump
/// carries (views, routines, triggers, defaults).
#[derive(Default)]
pub struct MysqlFunctions;

impl Rule for MysqlFunctions {
    const CODES: &'static [&'static Meta] = &[&MYSQL_ONLY_FUNCTION, &MYSQL_ONLY_SYNTAX];

    fn statement(&mut self, cx: &mut Context, st: &Stmt<'_>, _: &mut Out) {
        statement(cx, st);
    }
}

/// Scan one statement.
fn statement(cx: &mut Context, st: &Stmt<'_>) {
    if !cx.to_postgres() {
        return;
    }
    let kind = object_kind(st);
    if !code_bearing(kind.as_deref()) {
        return;
    }
    let calls = match kind.as_deref() {
        Some("TABLE") => None,
        _ => parsed_calls(st),
    };
    let t = &st.t;
    let n = t.len();
    for i in 0..n {
        if t.toks[i].kind != Tok::Word || !t.is_punct(i + 1, "(") {
            continue;
        }
        // When sqlparser understood the statement, only what it calls a function
        // counts; otherwise every `name(` outside strings and comments does.
        if calls
            .as_ref()
            .is_some_and(|c| c.binary_search(&t.toks[i].start).is_err())
        {
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
    if kind.as_deref() != Some("TABLE") {
        syntax(cx, st);
    }
}

/// The byte offsets of the function names sqlparser finds in a view, routine or
/// trigger, or None when it cannot parse the statement (MySQL executable comments are
/// blanked first, keeping every offset).
fn parsed_calls(st: &Stmt<'_>) -> Option<Vec<usize>> {
    use sqlparser::ast::{visit_expressions, Expr, ObjectNamePart};
    use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect};
    use std::ops::ControlFlow;

    let text = std::str::from_utf8(st.t.src).ok()?;
    if !st.t.backslash && st.t.dialect == Dialect::Mysql && text.contains('\\') {
        // sqlparser reads MySQL strings with backslash escapes: under
        // NO_BACKSLASH_ESCAPES it would misread `'C:\'`. The tokens read it right.
        return None;
    }
    let mut blanked = crate::lex::executable::blank_markers(text, st.t.backslash);
    // the statement's own delimiter (`;`, `;;`, `$$`) is not SQL
    let body_end = st.t.toks.last().map_or(0, |t| t.start);
    let tail = blanked.get(body_end..)?.trim_end();
    if !tail.is_empty() && tail.bytes().all(|b| !b.is_ascii_alphanumeric()) {
        blanked.truncate(body_end);
    }
    let dialect: Box<dyn sqlparser::dialect::Dialect> = match st.t.dialect {
        Dialect::Mysql => Box::new(MySqlDialect {}),
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
    };
    let statements = sqlparser::parser::Parser::parse_sql(dialect.as_ref(), &blanked).ok()?;
    // line starts, to turn sqlparser's (line, column) into byte offsets
    let mut starts = vec![0usize];
    starts.extend(memchr::memchr_iter(b'\n', blanked.as_bytes()).map(|i| i + 1));
    let mut out = Vec::new();
    let _ = visit_expressions(&statements, |e| {
        if let Expr::Function(f) = e {
            if let Some(ObjectNamePart::Identifier(id)) = f.name.0.last() {
                let loc = id.span.start;
                if loc.line > 0 && loc.column > 0 {
                    if let Some(&ls) = starts.get(loc.line as usize - 1) {
                        let col = loc.column as usize - 1;
                        let at = blanked[ls..]
                            .char_indices()
                            .nth(col)
                            .map_or(blanked.len(), |(b, _)| ls + b);
                        out.push(at);
                    }
                }
            }
        }
        ControlFlow::<()>::Continue(())
    });
    out.sort_unstable();
    Some(out)
}

fn syntax(cx: &mut Context, st: &Stmt<'_>) {
    let t = &st.t;
    let mut found: Vec<(usize, &str, &str)> = Vec::new();
    let mut backtick = None;
    for i in 0..t.len() {
        let tk = t.toks[i];
        let in_definer = (i >= 2 && t.is_punct(i - 1, "=") && t.is_kw(i - 2, "DEFINER"))
            || (i >= 1 && t.is_punct(i - 1, "@"));
        // a backtick: PostgreSQL's "double-quoted" names are QIdent tokens too
        if tk.kind == Tok::QIdent
            && t.text(i).first() == Some(&b'`')
            && backtick.is_none()
            && !in_definer
        {
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
        } else if t.dialect != Dialect::Mysql {
            // a PostgreSQL dump: `<=>` is an operator of extensions (pgvector), `div`
            // and `regexp…` are functions, `AS SIGNED` a column alias
            continue;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::tokenize;

    fn stmt(s: &str, d: Dialect) -> Stmt<'_> {
        let t = tokenize(s.as_bytes(), d, d == Dialect::Mysql);
        let lead = t.leading_words(6);
        Stmt {
            t,
            line: 1,
            offset: 0,
            lead,
        }
    }

    #[test]
    fn sqlparser_reads_mysqldump_views_through_executable_comments() {
        let s = "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n/*!50001 VIEW `v` AS select group_concat(`u`.`n` order by `u`.`n` ASC separator ',') AS `x`,max(dayofmonth(`u`.`d`)) AS `y`, 'ifnull(' AS `z` from `user_` `u` */;";
        let st = stmt(s, Dialect::Mysql);
        let calls = parsed_calls(&st).expect("parsed");
        let names: Vec<_> = calls
            .iter()
            .map(|&at| s[at..].split('(').next().unwrap_or("").to_string())
            .collect();
        assert_eq!(names, ["group_concat", "max", "dayofmonth"]);
    }

    #[test]
    fn blanking_keeps_offsets() {
        let s = "/*!50003 CREATE*/ /*!50017 DEFINER=`a`@`b`*/ x '/*!1 */'";
        let b = crate::lex::executable::blank_markers(s, true);
        assert_eq!(b.len(), s.len());
        assert_eq!(b.len(), s.len());
        assert!(b.starts_with("         CREATE "), "{b}");
        assert!(
            b.contains(" DEFINER=`a`@`b` ") && b.ends_with(" x '/*!1 */'"),
            "{b}"
        );
        assert!(!b.contains("/*!5") && !b.contains("*/ "), "{b}");
    }

    #[test]
    fn no_backslash_escapes_strings() {
        // a trigger body created under NO_BACKSLASH_ESCAPES, as mysqldump writes it
        let s = "/*!50003 CREATE*/ /*!50003 TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW SET NEW.s = CONCAT('C:\\', IFNULL(NEW.s, '')) */";
        let b = crate::lex::executable::blank_markers(s, false);
        assert!(b.ends_with("IFNULL(NEW.s, ''))   "), "{b}");
        let mut st = stmt(s, Dialect::Mysql);
        st.t = tokenize(s.as_bytes(), Dialect::Mysql, false);
        assert!(
            parsed_calls(&st).is_none(),
            "sqlparser would misread the string"
        );
        let t = &st.t;
        assert!((0..t.len()).any(|i| t.is_kw(i, "IFNULL") && t.is_punct(i + 1, "(")));
    }

    #[test]
    fn control_if_is_not_the_function() {
        let st = stmt(
            "CREATE PROCEDURE p() BEGIN IF (a > 1) THEN SET b = IF(a, 1, 2); END IF; END",
            Dialect::Mysql,
        );
        let t = &st.t;
        let ifs: Vec<_> = (0..t.len())
            .filter(|&i| t.is_kw(i, "IF") && t.is_punct(i + 1, "("))
            .filter(|&i| {
                !t.matching_paren(i + 1)
                    .is_some_and(|c| t.is_kw(c + 1, "THEN"))
            })
            .collect();
        assert_eq!(ifs.len(), 1);
    }
}
