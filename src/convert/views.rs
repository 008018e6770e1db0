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

use super::ident::truncate_ident;
use super::translate::{Bad, Event, Relation, Relations, Translator};
use super::{pg_ident, translate, Converter};
use crate::lex::driver::PieceRef;
use crate::namemap::NameMap;
use crate::sql::{table, Tokens};

/// The text sqlparser reads: MySQL 5.7+ executable comments (which MariaDB skips)
/// blanked, the markers of the others blanked so their code is read, the
/// statement's delimiter (`;`, `;;`, `$$`, `//`) removed and one `;` put back.
/// Line breaks are kept, so sqlparser's lines are the dump's. `backslash`: strings
/// use backslash escapes (else `NO_BACKSLASH_ESCAPES`; sqlparser's MySQL dialect
/// always reads `\` as an escape, so callers send statements away that hold one in
/// that mode).
pub fn prepare(bytes: &[u8], backslash: bool) -> Result<String, String> {
    std::str::from_utf8(bytes).map_err(|_| "the statement is not UTF-8".to_string())?;
    let b = crate::lex::executable::blank_mysql57(bytes, backslash);
    let blanked = String::from_utf8(b).map_err(|_| "the statement is not UTF-8".to_string())?;
    let mut s =
        translate::blank_cast_charsets(&crate::lex::executable::blank_markers(&blanked, backslash));
    while s.ends_with(|c: char| c.is_whitespace() || matches!(c, ';' | '$' | '/' | '|')) {
        s.pop();
    }
    s.push(';');
    Ok(s)
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
pub fn view(cat: &dyn Relations, db: Option<&str>, v: &CreateView) -> Result<ViewSql, Bad> {
    let mut tx = Translator::new(cat, db);
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
pub fn trigger(
    cat: &dyn Relations,
    db: Option<&str>,
    t: &CreateTrigger,
) -> Result<TriggerSql, Bad> {
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
    let mut tx = Translator::new(cat, db);
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
pub struct Converted<'a> {
    /// Converted tables, by lower-case MySQL name.
    pub tables: &'a NameMap<super::Table>,
    /// Translated views, by lower-case MySQL name.
    pub views: &'a HashMap<String, Relation>,
}

impl Relations for Converted<'_> {
    fn relation(&self, key: &str) -> Option<Relation> {
        if let Some(v) = self.views.get(key) {
            return Some(v.clone());
        }
        let t = self.tables.get(key)?;
        Some(Relation {
            name: t.name.to_string(),
            cols: t
                .columns
                .iter()
                .map(|c| (c.name().to_string(), super::translate::Ty::of_kind(c.kind)))
                .collect(),
            pk: t.pk.iter().map(|c| c.to_string()).collect(),
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

impl Converter {
    /// A `CREATE VIEW`: kept for the end of the dump, replacing an earlier
    /// definition of the same view (mysqldump's stand-in).
    pub(super) fn view_statement(
        &mut self,
        t: &Tokens<'_>,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        let name_key = created_kind(t)
            .and_then(|(_, i)| table::chain_at(t, i + 1))
            .and_then(|(c, _)| c.parts.last().map(|&x| t.name(x).to_lowercase()));
        if let Some(k) = &name_key {
            self.views.retain(|v| &v.key != k);
        }
        let parsed = prepare(p.bytes, p.piece.backslash)
            .map_err(|what| translate::Bad {
                what,
                line: 0,
                missing: None,
            })
            .and_then(|text| {
                if (1..t.len()).any(|i| t.is_kw(i, "CHECK") && t.is_kw(i + 1, "OPTION")) {
                    return Err(translate::Bad {
                        what: "WITH CHECK OPTION (PostgreSQL allows it only on views it can update itself)".into(),
                        line: 0,
                        missing: None,
                    });
                }
                parse(&text)
            });
        match parsed {
            Ok(sqlparser::ast::Statement::CreateView(v)) => {
                let key = v
                    .name
                    .0
                    .last()
                    .and_then(|x| x.as_ident())
                    .map(|i| i.value.to_lowercase())
                    .or(name_key)
                    .unwrap_or_default();
                self.views.retain(|x| x.key != key);
                self.views.push(PendingView {
                    key,
                    line: p.line,
                    view: Box::new(v),
                    raw: p.bytes.to_vec(),
                });
                Ok(())
            }
            Ok(_) => self.comment_out(t, p, out),
            Err(b) => {
                let name = name_key.unwrap_or_default();
                let why = format!("view {name} is not converted: {}", b.what);
                self.comment_out_because(p.line + b.line.saturating_sub(1), p.bytes, &why, out)
            }
        }
    }

    /// A `CREATE TRIGGER`: translated in place when it can be.
    pub(super) fn trigger_statement(
        &mut self,
        t: &Tokens<'_>,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        let name = created_kind(t)
            .and_then(|(_, i)| table::chain_at(t, i + 1))
            .and_then(|(c, _)| c.parts.last().map(|&x| t.name(x)))
            .unwrap_or_default();
        let parsed = prepare(p.bytes, p.piece.backslash)
            .map_err(|what| translate::Bad {
                what,
                line: 0,
                missing: None,
            })
            .and_then(|text| parse(&text));
        let trig = match parsed {
            Ok(sqlparser::ast::Statement::CreateTrigger(tr)) => Box::new(tr),
            Ok(_) => return self.comment_out(t, p, out),
            Err(b) => {
                // say why rather than how sqlparser failed, when the body is procedural
                let procedural = [
                    ("DECLARE", "DECLARE (variables, cursors, handlers)"),
                    ("SIGNAL", "SIGNAL"),
                    ("RESIGNAL", "RESIGNAL"),
                    ("LOOP", "a loop"),
                    ("WHILE", "a loop"),
                    ("REPEAT", "a loop"),
                    ("LEAVE", "LEAVE"),
                    ("CALL", "CALL of a stored procedure"),
                ]
                .into_iter()
                .find(|(k, _)| (0..t.len()).any(|i| t.is_kw(i, k)))
                .map(|(_, what)| format!("{what} in the body"));
                let what = procedural.unwrap_or(b.what);
                let why = format!("trigger {name} is not converted: {what}");
                return self.comment_out_because(
                    p.line + b.line.saturating_sub(1),
                    p.bytes,
                    &why,
                    out,
                );
            }
        };
        self.emit_trigger(p.line, p.bytes, trig, false, out)
    }

    /// Translate a trigger and write it (or keep it for the end when it refers to a
    /// table not seen yet, unless `last`), or write it commented out.
    pub(super) fn emit_trigger(
        &mut self,
        line: u64,
        raw: &[u8],
        trig: Box<sqlparser::ast::CreateTrigger>,
        last: bool,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        let empty = HashMap::new();
        let cat = Converted {
            tables: &self.tables,
            views: &empty,
        };
        let name = trig
            .name
            .0
            .last()
            .and_then(|x| x.as_ident())
            .map_or_else(|| trig.name.to_string(), |i| i.value.clone());
        match trigger(&cat, self.db.as_deref(), &trig) {
            Ok(tr) => {
                let k = (tr.table.clone(), tr.kind.clone());
                if let Some(prev) = self.trigger_kinds.get(&k) {
                    if *prev > tr.name {
                        let why = format!(
                            "trigger {name} is not converted: it fires after {prev} in MySQL (creation order) and would fire before it in PostgreSQL (name order)"
                        );
                        return self.comment_out_because(line, raw, &why, out);
                    }
                }
                self.trigger_kinds.insert(k, tr.name.clone());
                // the function is the trigger's body: the trigger is reported (R002),
                // not a routine of its own
                out.put(b"-- dumpfix-ignore R001\n")?;
                out.put(tr.sql.as_bytes())
            }
            Err(b) if b.missing.is_some() && !last => {
                // the bare name, as INSERTs are looked up (not "`a`")
                let table = trig
                    .table_name
                    .0
                    .last()
                    .and_then(|x| x.as_ident())
                    .map_or_else(|| trig.table_name.to_string(), |i| i.value.clone())
                    .to_lowercase();
                self.late_trigger_tables
                    .entry(table)
                    .or_insert_with(|| name.clone());
                self.late_triggers.push((line, raw.to_vec(), trig));
                Ok(())
            }
            Err(b) => {
                let why = format!("trigger {name} is not converted: {}", b.what);
                self.comment_out_because(line + b.line.saturating_sub(1), raw, &why, out)
            }
        }
    }

    /// The views, each after those it reads; those not translated commented out.
    pub(super) fn finish_views(&mut self, out: &mut crate::sink::Sink<'_>) -> crate::Result<()> {
        let mut pending = std::mem::take(&mut self.views);
        if pending.is_empty() {
            return Ok(());
        }
        out.put(b"\n-- views\n")?;
        let mut done: HashMap<String, translate::Relation> = HashMap::new();
        loop {
            let waiting: Vec<String> = pending.iter().map(|v| v.key.clone()).collect();
            let mut next = Vec::new();
            let mut progress = false;
            for v in pending {
                let cat = Converted {
                    tables: &self.tables,
                    views: &done,
                };
                match view(&cat, self.db.as_deref(), &v.view) {
                    Ok(sql) => {
                        out.put(sql.sql.as_bytes())?;
                        done.insert(v.key.clone(), sql.rel);
                        progress = true;
                    }
                    Err(b)
                        if b.missing
                            .as_ref()
                            .is_some_and(|m| *m != v.key && waiting.contains(m)) =>
                    {
                        next.push(v);
                    }
                    Err(b) => {
                        let why = format!("view {} is not converted: {}", v.key, b.what);
                        self.comment_out_because(
                            v.line + b.line.saturating_sub(1),
                            &v.raw,
                            &why,
                            out,
                        )?;
                        progress = true;
                    }
                }
            }
            pending = next;
            if pending.is_empty() {
                return Ok(());
            }
            if !progress {
                for v in pending {
                    let why = format!(
                        "view {} is not converted: its views refer to each other",
                        v.key
                    );
                    self.comment_out_because(v.line, &v.raw, &why, out)?;
                }
                return Ok(());
            }
        }
    }
}
