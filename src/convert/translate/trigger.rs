//! Trigger bodies: `SET NEW.col = …`, `INSERT`, `UPDATE`, `DELETE` and
//! `IF … END IF` as PL/pgSQL statements, values stored as MySQL stores them.

use super::*;

/// The event a trigger fires on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// `INSERT`
    Insert,
    /// `UPDATE`
    Update,
    /// `DELETE`
    Delete,
}

/// Can a value of type `from` be stored in a column of type `to` the way MySQL
/// stores it (PostgreSQL's assignment casts agree)?
fn assignable(to: Ty, from: Ty) -> bool {
    from == Ty::Null
        || to == from
        || (to.number() && (from.number() || from == Ty::Bool))
        || (to.temporal() && from.temporal())
        || (to == Ty::Text && matches!(from, Ty::Int | Ty::Num))
}

impl Translator<'_> {
    /// `v` stored into a column of type `to`, or why not.
    fn assign(&self, to: Ty, v: Translated, node: &Expr) -> R<String> {
        match (to, v.t) {
            (_, Ty::Null) => Ok("NULL".into()),
            (Ty::Bool, Ty::Bool) => Ok(v.s),
            (Ty::Bool, t) if t.number() => Ok(format!("({} <> 0)", v.s)),
            (t, Ty::Bool) if t.number() => Ok(format!("CAST({} AS integer)", v.s)),
            (t, Ty::Text) if t.number() && v.lit.as_deref().is_some_and(numeric_text) => {
                Ok(v.lit.unwrap_or_default().trim().to_string())
            }
            (t, Ty::Text) if t.temporal() && v.lit.as_deref().is_some_and(date_text) => Ok(v.s),
            (Ty::Text, Ty::Int | Ty::Num) => Ok(format!("CAST({} AS text)", v.s)),
            (a, b) if assignable(a, b) => Ok(v.s),
            (a, b) => Err(self.bad(
                node,
                format!("a {} value stored in a {} column", b.name(), a.name()),
            )),
        }
    }

    /// One statement of a trigger body as PL/pgSQL (`NEW`/`OLD` are visible).
    pub fn trigger_statement(&mut self, st: &Statement, before: bool, event: Event) -> R<String> {
        match st {
            Statement::Set(Set::SingleAssignment {
                scope: None,
                hivevar: false,
                variable,
                values,
            }) => match values.as_slice() {
                [v] => self.set_new(variable, v, before, event),
                _ => Err(self.bad(st, "SET of several values")),
            },
            Statement::Set(Set::MultipleAssignments { assignments }) => {
                let mut out = Vec::new();
                for a in assignments {
                    if a.scope.is_some() {
                        return Err(self.bad(st, "SET of a session or global variable"));
                    }
                    out.push(self.set_new(&a.name, &a.value, before, event)?);
                }
                Ok(out.join("\n"))
            }
            Statement::Insert(i) => self.insert(i, st),
            Statement::Update(u) => self.update(u, st),
            Statement::Delete(d) => self.delete(d, st),
            Statement::If(i) => {
                let mut out = String::new();
                let blocks = std::iter::once(&i.if_block).chain(&i.elseif_blocks);
                for (n, b) in blocks.enumerate() {
                    let Some(c) = &b.condition else {
                        return Err(self.bad(st, "IF without a condition"));
                    };
                    let c = self.cond(c)?;
                    let kw = if n == 0 { "IF" } else { "ELSIF" };
                    out.push_str(&format!("{kw} {c} THEN\n"));
                    out.push_str(&self.block(&b.conditional_statements, before, event)?);
                }
                if let Some(b) = &i.else_block {
                    out.push_str("ELSE\n");
                    out.push_str(&self.block(&b.conditional_statements, before, event)?);
                }
                out.push_str("END IF;");
                Ok(out)
            }
            other => Err(self.bad(
                other,
                format!("the statement {} in a trigger", clip(other, 50)),
            )),
        }
    }

    fn block(&mut self, b: &ConditionalStatements, before: bool, event: Event) -> R<String> {
        let mut out = String::new();
        for st in b.statements() {
            out.push_str(&self.trigger_statement(st, before, event)?);
            out.push('\n');
        }
        Ok(out)
    }

    /// `SET NEW.col = value`.
    fn set_new(
        &mut self,
        target: &ObjectName,
        value: &Expr,
        before: bool,
        event: Event,
    ) -> R<String> {
        let parts: Vec<String> = target
            .0
            .iter()
            .filter_map(|p| match p {
                ObjectNamePart::Identifier(id) => Some(id.value.to_lowercase()),
                ObjectNamePart::Function(_) => None,
            })
            .collect();
        let [row, col] = parts.as_slice() else {
            return Err(self.bad(value, format!("SET of the variable {target}")));
        };
        if row != "new" || !before || event == Event::Delete {
            return Err(self.bad(value, format!("SET of {target}")));
        }
        let want = pg_ident(col);
        let ty = self
            .scopes
            .first()
            .and_then(|sc| sc.rels.first())
            .and_then(|r| r.cols.iter().find(|(c, _)| *c == want))
            .map(|(_, t)| *t);
        let Some(ty) = ty else {
            return Err(self.bad(value, format!("unknown column {target}")));
        };
        let v = self.expr(value)?;
        let s = self.assign(ty, v, value)?;
        Ok(format!("NEW.{want} := {s};"))
    }

    /// The table of an INSERT/UPDATE/DELETE in a trigger, made visible.
    fn dml_target(&mut self, f: &TableFactor) -> R<(String, Relation)> {
        let TableFactor::Table {
            name,
            alias,
            args: None,
            with_hints,
            partitions,
            ..
        } = f
        else {
            return Err(self.bad(f, "a change of something else than a table"));
        };
        if !with_hints.is_empty() || !partitions.is_empty() {
            return Err(self.bad(f, "PARTITION or hints on a changed table"));
        }
        let key = self.relation_key(name)?;
        let rel = self.relation(&key, name)?;
        let (a, text) = match alias {
            Some(a) if a.columns.is_empty() => (
                a.name.value.clone(),
                format!("{} AS {}", rel.name, pg_ident(&a.name.value)),
            ),
            Some(_) => return Err(self.bad(f, "a table alias with column names")),
            None => (key, rel.name.clone()),
        };
        self.push_scope();
        let pa = if alias.is_some() {
            pg_ident(&a)
        } else {
            rel.name.clone()
        };
        self.add_rel(a.to_lowercase(), pa, rel.cols.clone(), rel.pk.clone());
        Ok((text, rel))
    }

    fn insert(&mut self, i: &Insert, st: &Statement) -> R<String> {
        let plain = !i.ignore
            && !i.replace_into
            && i.or.is_none()
            && i.on.is_none()
            && i.returning.is_none()
            && i.assignments.is_empty()
            && i.partitioned.is_none()
            && i.after_columns.is_empty()
            && i.table_alias.is_none()
            && !i.overwrite
            && i.priority.is_none()
            && i.insert_alias.is_none()
            && i.settings.is_none()
            && i.format_clause.is_none()
            && !i.has_table_keyword;
        if !plain {
            return Err(self.bad(
                st,
                "INSERT IGNORE, REPLACE, ON DUPLICATE KEY UPDATE or INSERT … SET",
            ));
        }
        let TableObject::TableName(name) = &i.table else {
            return Err(self.bad(st, "INSERT into a table function"));
        };
        let key = self.relation_key(name)?;
        let rel = self.relation(&key, name)?;
        let cols: Vec<(String, Ty)> = if i.columns.is_empty() {
            rel.cols.clone()
        } else {
            let mut cols = Vec::new();
            for c in &i.columns {
                let Some(n) =
                    c.0.last()
                        .and_then(|p| p.as_ident())
                        .map(|id| pg_ident(&id.value))
                else {
                    return Err(self.bad(st, format!("the column {c}")));
                };
                match rel.cols.iter().find(|(x, _)| *x == n) {
                    Some(col) => cols.push(col.clone()),
                    None => return Err(self.bad(st, format!("unknown column {c} of {key}"))),
                }
            }
            cols
        };
        let Some(source) = &i.source else {
            return Err(self.bad(st, "INSERT without VALUES"));
        };
        let names: Vec<&str> = cols.iter().map(|(c, _)| c.as_str()).collect();
        let head = format!("INSERT INTO {} ({})", rel.name, names.join(", "));
        if let SetExpr::Values(v) = source.body.as_ref() {
            if source.order_by.is_some() || source.limit_clause.is_some() || source.with.is_some() {
                return Err(self.bad(st, "VALUES with ORDER BY or LIMIT"));
            }
            let mut rows = Vec::new();
            for row in &v.rows {
                if row.content.len() != cols.len() {
                    return Err(
                        self.bad(st, "an INSERT row of another length than its column list")
                    );
                }
                let mut vals = Vec::new();
                for (x, (_, t)) in row.content.iter().zip(&cols) {
                    let v = self.expr(x)?;
                    vals.push(self.assign(*t, v, x)?);
                }
                rows.push(format!("({})", vals.join(", ")));
            }
            return Ok(format!("{head} VALUES {};", rows.join(", ")));
        }
        let (q, out) = self.query(source)?;
        if out.len() != cols.len() {
            return Err(self.bad(
                st,
                "an INSERT … SELECT of another width than its column list",
            ));
        }
        for ((_, to), (_, from)) in cols.iter().zip(&out) {
            if !assignable(*to, *from)
                || (*to == Ty::Bool && *from != Ty::Bool && *from != Ty::Null)
            {
                return Err(self.bad(
                    st,
                    format!("a {} value stored in a {} column", from.name(), to.name()),
                ));
            }
        }
        Ok(format!("{head} {q};"))
    }

    fn update(&mut self, u: &sqlparser::ast::Update, st: &Statement) -> R<String> {
        let plain = u.table.joins.is_empty()
            && u.from.is_none()
            && u.returning.is_none()
            && u.output.is_none()
            && u.or.is_none()
            && u.order_by.is_empty()
            && u.limit.is_none()
            && u.optimizer_hints.is_empty();
        if !plain {
            return Err(self.bad(st, "UPDATE of several tables, or with ORDER BY or LIMIT"));
        }
        let (target, rel) = self.dml_target(&u.table.relation)?;
        let r = self.update_in(u, st, &target, &rel);
        self.pop_scope();
        r
    }

    fn update_in(
        &mut self,
        u: &sqlparser::ast::Update,
        st: &Statement,
        target: &str,
        rel: &Relation,
    ) -> R<String> {
        let alias = self
            .scopes
            .last()
            .and_then(|s| s.rels.first())
            .map(|r| r.alias.clone())
            .unwrap_or_default();
        let mut sets = Vec::new();
        let mut assigned: Vec<String> = Vec::new();
        for a in &u.assignments {
            let AssignmentTarget::ColumnName(c) = &a.target else {
                return Err(self.bad(st, "UPDATE SET (a, b) = …"));
            };
            let Some(col) =
                c.0.last()
                    .and_then(|p| p.as_ident())
                    .map(|id| pg_ident(&id.value))
            else {
                return Err(self.bad(st, format!("the column {c}")));
            };
            let Some(&(_, t)) = rel.cols.iter().find(|(x, _)| *x == col) else {
                return Err(self.bad(st, format!("unknown column {c}")));
            };
            self.seen.clear();
            let v = self.expr(&a.value)?;
            // MySQL assigns left to right: a later value sees an earlier assignment
            let reads_assigned = self
                .take_seen()
                .iter()
                .any(|(ra, rc)| *ra == alias && assigned.contains(rc));
            if reads_assigned {
                return Err(self.bad(&a.value, "an UPDATE whose value reads a column it assigned before (MySQL assigns left to right)"));
            }
            sets.push(format!("{col} = {}", self.assign(t, v, &a.value)?));
            assigned.push(col);
        }
        let w = match &u.selection {
            Some(e) => format!(" WHERE {}", self.cond(e)?),
            None => String::new(),
        };
        Ok(format!("UPDATE {target} SET {}{w};", sets.join(", ")))
    }

    fn delete(&mut self, d: &sqlparser::ast::Delete, st: &Statement) -> R<String> {
        let tables = match &d.from {
            FromTable::WithFromKeyword(t) | FromTable::WithoutKeyword(t) => t,
        };
        let [t] = tables.as_slice() else {
            return Err(self.bad(st, "DELETE from several tables"));
        };
        let plain = d.tables.is_empty()
            && t.joins.is_empty()
            && d.using.is_none()
            && d.returning.is_none()
            && d.output.is_none()
            && d.order_by.is_empty()
            && d.limit.is_none()
            && d.optimizer_hints.is_empty();
        if !plain {
            return Err(self.bad(st, "DELETE of several tables, or with ORDER BY or LIMIT"));
        }
        let (target, _) = self.dml_target(&t.relation)?;
        let w = match &d.selection {
            Some(e) => self.cond(e).map(|c| format!(" WHERE {c}")),
            None => Ok(String::new()),
        };
        self.pop_scope();
        Ok(format!("DELETE FROM {target}{};", w?))
    }
}
