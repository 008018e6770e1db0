//! Views, triggers and stored routines of a MySQL dump, for PostgreSQL.
//!
//! * **Views.** mysqldump writes each view twice: a stand-in early on (MySQL 8 and
//!   MariaDB: `CREATE VIEW v AS SELECT NULL AS c, …`; MySQL 5: a `CREATE TABLE v`),
//!   so that views and routines dumped before the real definition can refer to it,
//!   then, after all tables, `/*!50001 DROP VIEW IF EXISTS v*/` and the real
//!   `/*!50001 CREATE ALGORITHM=… */ /*!50013 DEFINER=… SQL SECURITY … */ /*!50001
//!   VIEW v AS select … */`. A later definition of a view replaces an earlier one
//!   here; all views are written at the end, after keys and foreign keys, each after
//!   the views it reads (mysqldump orders the real definitions by name, relying on
//!   the stand-ins). `ALGORITHM`, `DEFINER` and `SQL SECURITY` are dropped.
//! * **Triggers** become a PL/pgSQL function and a `CREATE TRIGGER`, written where
//!   the MySQL dump defines them: mysqldump writes a table's triggers after its rows,
//!   so loading does not fire them, and a script that defines them before its rows
//!   (sakila) fires them on both servers alike. One whose body names a table the dump
//!   defines later is made at the end instead (rows of its table after it get a
//!   finding: MySQL fired it for them). A body of `SET NEW.col = …`,
//!   `INSERT`, `UPDATE`, `DELETE` and `IF … END IF` is translated; variables,
//!   cursors, loops, `SIGNAL` and the like are not.
//! * **Stored procedures and functions** are not translated: sqlparser cannot read
//!   MySQL routine definitions, and their bodies are procedural code. They are
//!   written commented out, with a finding naming them.
//!
//! What is not translated is written commented out with a finding at its line
//! (`translate.rs` says what is exact).

use std::collections::HashMap;

use sqlparser::ast::{
    ConditionalStatements, CreateTrigger, CreateView, ObjectName, ObjectNamePart, Statement,
    TriggerEvent, TriggerObject, TriggerObjectKind, TriggerPeriod,
};
use sqlparser::dialect::MySqlDialect;
use sqlparser::parser::Parser;

use super::translate::{Bad, Catalog, Event, Relation, Tx};
use super::{pg_ident, truncate_ident};

/// The text sqlparser reads: MySQL 5.7+ executable comments (which MariaDB skips)
/// blanked, the markers of the others blanked so their code is read, the
/// statement's delimiter (`;`, `;;`, `$$`, `//`) removed and one `;` put back.
/// Line breaks are kept, so sqlparser's lines are the dump's.
pub fn prepare(bytes: &[u8]) -> Result<String, String> {
    std::str::from_utf8(bytes).map_err(|_| "the statement is not UTF-8".to_string())?;
    let b = crate::lex::executable::blank_mysql57(bytes, true);
    let blanked = String::from_utf8(b).map_err(|_| "the statement is not UTF-8".to_string())?;
    // (callers send statements with backslashes in NO_BACKSLASH_ESCAPES mode away)
    let mut s = blank_cast_charsets(&crate::lex::executable::blank_markers(&blanked, true));
    while s.ends_with(|c: char| c.is_whitespace() || matches!(c, ';' | '$' | '/' | '|')) {
        s.pop();
    }
    s.push(';');
    Ok(s)
}

/// What MariaDB writes and sqlparser cannot read, made readable: `a MOD b` as
/// `a % b`, `CAST(x AS CHAR CHARSET utf8mb3)` (MariaDB's `CAST(x AS CHAR)`) without
/// the character set (PostgreSQL text is UTF-8). Offsets are kept.
fn blank_cast_charsets(text: &str) -> String {
    use crate::sql::{tokenize, Tok};
    let t = tokenize(text.as_bytes(), crate::lex::Dialect::Mysql, true);
    let mut b = text.as_bytes().to_vec();
    for i in 1..t.len() {
        // `a MOD b` (how MariaDB stores `a % b`): sqlparser reads only `%`
        if t.is_kw(i, "MOD") && !t.is_punct(i + 1, "(") {
            let at = t.toks[i].start;
            b[at..at + 3].copy_from_slice(b"%  ");
            continue;
        }
        let after_char =
            t.is_kw(i - 1, "CHAR") || (t.is_punct(i - 1, ")") && i >= 4 && t.is_kw(i - 4, "CHAR"));
        if !after_char {
            continue;
        }
        let last = if t.is_kw(i, "CHARSET") {
            i + 1
        } else if t.is_kw(i, "CHARACTER") && t.is_kw(i + 1, "SET") {
            i + 2
        } else {
            continue;
        };
        if last < t.len() && matches!(t.toks[last].kind, Tok::Word | Tok::QIdent) {
            let (from, to) = (t.toks[i].start, t.toks[last].end);
            b[from..to].fill(b' ');
        }
    }
    String::from_utf8(b).unwrap_or_else(|_| text.to_string())
}

/// Parse one MySQL statement.
pub fn parse(text: &str) -> Result<Statement, Bad> {
    let mut v = Parser::parse_sql(&MySqlDialect {}, text).map_err(|e| Bad {
        what: format!("a statement sqlparser cannot read ({e})"),
        line: 0,
        missing: None,
    })?;
    match (v.pop(), v.is_empty()) {
        (Some(st), true) => Ok(st),
        _ => Err(Bad {
            what: "several statements".into(),
            line: 0,
            missing: None,
        }),
    }
}

/// A view waiting for the end of the dump.
pub struct PendingView {
    /// MySQL name, lower case.
    pub key: String,
    /// Line of the definition.
    pub line: u64,
    /// The definition.
    pub view: Box<CreateView>,
    /// The statement as written (for writing it commented out).
    pub raw: Vec<u8>,
}

/// A translated view: the SQL and the relation it makes.
pub struct ViewSql {
    /// `CREATE VIEW …;`
    pub sql: String,
    /// What other views see.
    pub rel: Relation,
}

/// The last name part of `n`.
fn last_name(n: &ObjectName) -> String {
    match n.0.last() {
        Some(ObjectNamePart::Identifier(id)) => id.value.clone(),
        _ => n.to_string(),
    }
}

/// Translate a view definition.
pub fn view(cat: &dyn Catalog, db: Option<&str>, v: &CreateView) -> Result<ViewSql, Bad> {
    let mut tx = Tx::new(cat, db);
    let unsupported = v.or_alter
        || v.materialized
        || v.secure
        || v.temporary
        || v.to.is_some()
        || !v.cluster_by.is_empty()
        || v.comment.is_some()
        || v.copy_grants
        || !matches!(v.options, sqlparser::ast::CreateTableOptions::None);
    if unsupported {
        return Err(Bad {
            what: "a view option".into(),
            line: 1,
            missing: None,
        });
    }
    let name = pg_ident(&last_name(&v.name));
    let (q, mut cols) = tx.query(&v.query)?;
    let mut head = format!("CREATE VIEW {name}");
    if !v.columns.is_empty() {
        if v.columns.len() != cols.len() {
            return Err(Bad {
                what: "a column list of another length than the query".into(),
                line: 1,
                missing: None,
            });
        }
        let names: Vec<String> = v.columns.iter().map(|c| pg_ident(&c.name.value)).collect();
        head.push_str(&format!(" ({})", names.join(", ")));
        for (c, n) in cols.iter_mut().zip(names) {
            c.0 = n;
        }
    }
    let mut seen = std::collections::HashSet::new();
    if let Some((c, _)) = cols.iter().find(|(c, _)| !seen.insert(c.clone())) {
        return Err(Bad {
            what: format!("two columns named {c} (once lower-cased)"),
            line: 1,
            missing: None,
        });
    }
    Ok(ViewSql {
        sql: format!("{head} AS {q};\n"),
        rel: Relation {
            name,
            cols,
            pk: Vec::new(),
        },
    })
}

/// A translated trigger.
pub struct TriggerSql {
    /// `CREATE FUNCTION …; CREATE TRIGGER …;`
    pub sql: String,
    /// MySQL name of its table, lower case.
    pub table: String,
    /// PostgreSQL trigger name.
    pub name: String,
    /// `BEFORE INSERT` and so on: triggers of one kind fire in name order in
    /// PostgreSQL, in creation order in MySQL.
    pub kind: String,
}

fn bad(what: impl Into<String>) -> Bad {
    Bad {
        what: what.into(),
        line: 1,
        missing: None,
    }
}

/// Translate a trigger.
pub fn trigger(cat: &dyn Catalog, db: Option<&str>, t: &CreateTrigger) -> Result<TriggerSql, Bad> {
    let unsupported = t.or_alter
        || t.temporary
        || t.or_replace
        || t.is_constraint
        || t.referenced_table_name.is_some()
        || !t.referencing.is_empty()
        || t.condition.is_some()
        || t.exec_body.is_some()
        || t.statements_as
        || t.characteristics.is_some();
    if unsupported {
        return Err(bad("a trigger option"));
    }
    let before = match t.period {
        Some(TriggerPeriod::Before) => true,
        Some(TriggerPeriod::After) => false,
        _ => return Err(bad("a trigger timing other than BEFORE or AFTER")),
    };
    let event = match t.events.as_slice() {
        [TriggerEvent::Insert] => Event::Insert,
        [TriggerEvent::Update(cols)] if cols.is_empty() => Event::Update,
        [TriggerEvent::Delete] => Event::Delete,
        _ => return Err(bad("a trigger event other than INSERT, UPDATE or DELETE")),
    };
    if !matches!(
        t.trigger_object,
        Some(TriggerObjectKind::ForEach(TriggerObject::Row))
    ) {
        return Err(bad("a trigger not FOR EACH ROW"));
    }
    let stmts = match &t.statements {
        Some(ConditionalStatements::Sequence { statements }) => statements,
        Some(ConditionalStatements::BeginEnd(b)) => &b.statements,
        None => return Err(bad("a trigger without a body")),
    };
    let mut tx = Tx::new(cat, db);
    let key = tx.relation_key(&t.table_name)?;
    let rel = tx.relation(&key, &t.table_name)?;
    tx.trigger_rows(&rel.cols);
    tx.refs.clear();
    let mut body = String::new();
    for st in stmts {
        body.push_str("  ");
        body.push_str(&tx.trigger_statement(st, before, event)?);
        body.push('\n');
    }
    if !before && tx.refs.contains(&key) {
        // PostgreSQL runs AFTER ROW triggers at the end of the statement, MySQL
        // after each row: a body that reads its own table sees other rows
        return Err(bad(format!(
            "an AFTER trigger that reads its own table {key} (MySQL fires it after each row, PostgreSQL after the statement)"
        )));
    }
    if body.contains("$dumpfix$") {
        return Err(bad("the text $dumpfix$"));
    }
    let tname = last_name(&t.name);
    let bare_table = rel.name.trim_matches('"').to_string();
    let func = pg_ident(&truncate_ident(&format!(
        "{bare_table}_{}_fn",
        tname.to_lowercase()
    )));
    let name = pg_ident(&tname);
    let ret = match (before, event) {
        (true, Event::Delete) => "OLD",
        (true, _) => "NEW",
        (false, _) => "NULL",
    };
    let timing = if before { "BEFORE" } else { "AFTER" };
    let ev = match event {
        Event::Insert => "INSERT",
        Event::Update => "UPDATE",
        Event::Delete => "DELETE",
    };
    let sql = format!(
        "CREATE FUNCTION {func}() RETURNS trigger LANGUAGE plpgsql AS $dumpfix$\n#variable_conflict use_column\nBEGIN\n{body}  RETURN {ret};\nEND $dumpfix$;\nCREATE TRIGGER {name} {timing} {ev} ON {} FOR EACH ROW EXECUTE FUNCTION {func}();\n",
        rel.name
    );
    Ok(TriggerSql {
        sql,
        table: key,
        name,
        kind: format!("{timing} {ev}"),
    })
}

/// What the translation of views and triggers sees of the converter: its tables,
/// the views translated so far.
pub struct Cat<'a> {
    /// Converted tables, by lower-case MySQL name.
    pub tables: &'a HashMap<Box<str>, super::Table>,
    /// Translated views, by lower-case MySQL name.
    pub views: &'a HashMap<String, Relation>,
}

impl Catalog for Cat<'_> {
    fn relation(&self, key: &str) -> Option<Relation> {
        if let Some(v) = self.views.get(key) {
            return Some(v.clone());
        }
        let t = self.tables.get(key)?;
        Some(Relation {
            name: t.name.clone(),
            cols: t
                .columns
                .iter()
                .map(|c| (c.name().to_string(), super::translate::Ty::of_kind(c.kind)))
                .collect(),
            pk: t.pk.to_vec(),
        })
    }
}

/// The object a `CREATE` statement makes (`VIEW`, `TRIGGER`, …) and the index of its
/// keyword.
pub fn created_kind(t: &crate::sql::Tokens<'_>) -> Option<(&'static str, usize)> {
    const KINDS: &[&str] = &[
        "TABLE",
        "VIEW",
        "TRIGGER",
        "FUNCTION",
        "PROCEDURE",
        "EVENT",
        "INDEX",
        "DATABASE",
        "SCHEMA",
        "USER",
        "ROLE",
        "SERVER",
        "SEQUENCE",
    ];
    (1..t.len().min(40))
        .filter(|&i| t.toks[i].kind == crate::sql::Tok::Word)
        .find_map(|i| KINDS.iter().find(|k| t.is_kw(i, k)).map(|k| (*k, i)))
}
