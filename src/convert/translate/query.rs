//! Relations and queries: names in `FROM` resolved against the catalog, joins,
//! `SELECT` with MySQL's grouping and NULL ordering, `UNION`, `ORDER BY`, `LIMIT`.

use super::*;

impl Translator<'_> {
    // ------------------------------------------------------------- relations

    /// The lower-case MySQL name of a table reference, its database qualifier
    /// dropped when it is the dumped database.
    pub fn relation_key(&self, name: &ObjectName) -> R<String> {
        let parts: Vec<&Ident> = name
            .0
            .iter()
            .filter_map(|p| match p {
                ObjectNamePart::Identifier(id) => Some(id),
                ObjectNamePart::Function(_) => None,
            })
            .collect();
        match parts.as_slice() {
            [t] if parts.len() == name.0.len() => Ok(t.value.to_lowercase()),
            [d, t] if parts.len() == name.0.len() => {
                let d = d.value.to_lowercase();
                if self.db.as_deref() == Some(d.as_str()) {
                    Ok(t.value.to_lowercase())
                } else {
                    Err(self.bad(name, format!("a reference to database {d} ({name})")))
                }
            }
            _ => Err(self.bad(name, format!("the name {name}"))),
        }
    }

    /// The relation of MySQL name `key`, noted as referred to.
    pub fn relation(&mut self, key: &str, node: &impl Spanned) -> R<Relation> {
        match self.cat.relation(key) {
            Some(r) => {
                if !self.refs.iter().any(|x| x == key) {
                    self.refs.push(key.to_string());
                }
                Ok(r)
            }
            None => Err(Bad {
                missing: Some(key.to_string()),
                ..self.bad(
                    node,
                    format!("{key}, which is not a converted table or view"),
                )
            }),
        }
    }

    pub(super) fn add_rel(
        &mut self,
        alias: String,
        pg: String,
        cols: Vec<(String, Ty)>,
        pk: Vec<String>,
    ) {
        self.scope().rels.push(SRel {
            alias,
            pg,
            cols,
            pk,
            qualified_only: false,
        });
    }

    /// Open a new `SELECT`-like level (an `UPDATE` in a trigger, for instance).
    pub fn push_scope(&mut self) {
        self.scopes.push(Scope::default());
    }

    /// Close the level opened last.
    pub fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    /// Columns resolved since the last call, as (relation alias, column).
    pub fn take_seen(&mut self) -> Vec<(String, String)> {
        let seen = std::mem::take(&mut self.seen);
        seen.into_iter()
            .filter_map(|(l, r, c)| {
                let rel = self.scopes.get(l)?.rels.get(r)?;
                Some((rel.alias.clone(), c))
            })
            .collect()
    }

    fn factor(&mut self, f: &TableFactor) -> R<String> {
        match f {
            TableFactor::Table {
                name,
                alias,
                args: None,
                with_hints,
                version: None,
                with_ordinality: false,
                partitions,
                json_path: None,
                sample: None,
                index_hints: _, // USE INDEX / FORCE INDEX: hints only
            } if with_hints.is_empty() && partitions.is_empty() => {
                let key = self.relation_key(name)?;
                let rel = self.relation(&key, name)?;
                let (a, pg, text) = match alias {
                    Some(a) if a.columns.is_empty() && a.at.is_none() => {
                        let pa = pg_ident(&a.name.value);
                        let text = format!("{} AS {pa}", rel.name);
                        (a.name.value.to_lowercase(), pa, text)
                    }
                    Some(_) => return Err(self.bad(f, "a table alias with column names")),
                    None => (key, rel.name.clone(), rel.name.clone()),
                };
                self.add_rel(a, pg, rel.cols, rel.pk);
                Ok(text)
            }
            TableFactor::Derived {
                lateral: false,
                subquery,
                alias: Some(a),
                sample: None,
            } if a.columns.is_empty() => {
                // a derived table sees no column of the query around it
                let saved = std::mem::take(&mut self.scopes);
                let r = self.query(subquery);
                self.scopes = saved;
                let (sql, cols) = r?;
                let pa = pg_ident(&a.name.value);
                self.add_rel(a.name.value.to_lowercase(), pa.clone(), cols, Vec::new());
                Ok(format!("({sql}) AS {pa}"))
            }
            TableFactor::NestedJoin {
                table_with_joins,
                alias: None,
            } => Ok(format!("({})", self.table_with_joins(table_with_joins)?)),
            other => Err(self.bad(other, format!("the FROM item {}", clip(other, 60)))),
        }
    }

    fn table_with_joins(&mut self, t: &TableWithJoins) -> R<String> {
        let mut s = self.factor(&t.relation)?;
        for j in &t.joins {
            let (kw, c) = match &j.join_operator {
                JoinOperator::Join(c) | JoinOperator::Inner(c) | JoinOperator::StraightJoin(c) => {
                    ("JOIN", c)
                }
                JoinOperator::Left(c) | JoinOperator::LeftOuter(c) => ("LEFT JOIN", c),
                JoinOperator::Right(c) | JoinOperator::RightOuter(c) => ("RIGHT JOIN", c),
                JoinOperator::CrossJoin(c) => ("JOIN", c),
                _ => return Err(self.bad(&j.relation, "this kind of join")),
            };
            if j.global {
                return Err(self.bad(&j.relation, "GLOBAL JOIN"));
            }
            let r = self.factor(&j.relation)?;
            s = match c {
                JoinConstraint::On(e) => {
                    let cond = self.cond(e)?;
                    format!("{s} {kw} {r} ON {cond}")
                }
                JoinConstraint::Using(cols) => {
                    let mut names = Vec::new();
                    for c in cols {
                        match one_name(c) {
                            Some(n) => names.push(pg_ident(&n)),
                            None => return Err(self.bad(c, "USING with a qualified name")),
                        }
                    }
                    self.scope().merged = true;
                    format!("{s} {kw} {r} USING ({})", names.join(", "))
                }
                JoinConstraint::Natural => {
                    self.scope().merged = true;
                    format!("{s} NATURAL {kw} {r}")
                }
                JoinConstraint::None if kw == "JOIN" => format!("{s} CROSS JOIN {r}"),
                JoinConstraint::None => {
                    return Err(self.bad(&j.relation, "an outer join without ON"))
                }
            };
        }
        Ok(s)
    }

    // ------------------------------------------------------------- queries

    /// A query: PostgreSQL text and output columns.
    pub fn query(&mut self, q: &Query) -> R<(String, Vec<(String, Ty)>)> {
        if q.with.is_some() {
            return Err(self.bad(q, "WITH (common table expressions)"));
        }
        if q.fetch.is_some()
            || !q.locks.is_empty()
            || q.for_clause.is_some()
            || q.settings.is_some()
            || q.format_clause.is_some()
            || !q.pipe_operators.is_empty()
        {
            return Err(self.bad(q, "FOR UPDATE, FETCH or another clause after the query"));
        }
        let limit = match &q.limit_clause {
            None => String::new(),
            Some(LimitClause::OffsetCommaLimit { offset, limit }) => {
                match (int_lit(offset), int_lit(limit)) {
                    (Some(o), Some(l)) if o >= 0 && l >= 0 => format!(" LIMIT {l} OFFSET {o}"),
                    _ => return Err(self.bad(q, "LIMIT with a computed count")),
                }
            }
            Some(LimitClause::LimitOffset {
                limit,
                offset,
                limit_by,
            }) if limit_by.is_empty() => {
                let l = match limit.as_ref().map(int_lit) {
                    None => String::new(),
                    Some(Some(l)) if l >= 0 => format!(" LIMIT {l}"),
                    Some(_) => return Err(self.bad(q, "LIMIT with a computed count")),
                };
                let o = match offset.as_ref().map(|o| int_lit(&o.value)) {
                    None => String::new(),
                    Some(Some(o)) if o >= 0 => format!(" OFFSET {o}"),
                    Some(_) => return Err(self.bad(q, "OFFSET with a computed count")),
                };
                format!("{l}{o}")
            }
            Some(_) => return Err(self.bad(q, "LIMIT … BY")),
        };
        match q.body.as_ref() {
            SetExpr::Select(s) => {
                let (sql, cols) = self.select(s, q.order_by.as_ref())?;
                Ok((format!("{sql}{limit}"), cols))
            }
            body => {
                let (sql, cols) = self.set_expr(body)?;
                let order = match &q.order_by {
                    None => String::new(),
                    Some(o) => {
                        let items = self.order_items(o, &cols, false)?;
                        format!(" ORDER BY {}", items.join(", "))
                    }
                };
                Ok((format!("{sql}{order}{limit}"), cols))
            }
        }
    }

    fn set_expr(&mut self, e: &SetExpr) -> R<(String, Vec<(String, Ty)>)> {
        match e {
            SetExpr::Select(s) => self.select(s, None),
            SetExpr::Query(q) => {
                let (sql, cols) = self.query(q)?;
                Ok((format!("({sql})"), cols))
            }
            SetExpr::SetOperation {
                left,
                op,
                set_quantifier,
                right,
            } => {
                let op = match op {
                    SetOperator::Union => "UNION",
                    SetOperator::Except => "EXCEPT",
                    SetOperator::Intersect => "INTERSECT",
                    SetOperator::Minus => return Err(self.bad(left.as_ref(), "MINUS")),
                };
                let q = match set_quantifier {
                    SetQuantifier::All => " ALL",
                    SetQuantifier::Distinct | SetQuantifier::None => "",
                    _ => return Err(self.bad(left.as_ref(), "BY NAME")),
                };
                let (l, lc) = self.set_expr(left)?;
                let (r, rc) = self.set_expr(right)?;
                if lc.len() != rc.len() {
                    return Err(self.bad(left.as_ref(), "a UNION of different column counts"));
                }
                let mut cols = lc;
                for (i, (_, t)) in rc.iter().enumerate() {
                    let lt = cols[i].1;
                    cols[i].1 = self.unify_types(&[lt, *t]).ok_or_else(|| {
                        self.bad(
                            left.as_ref(),
                            format!("a {op} of a {} and a {} column", lt.name(), t.name()),
                        )
                    })?;
                }
                Ok((format!("{l} {op}{q} {r}"), cols))
            }
            other => Err(self.bad(other, "VALUES or another query form")),
        }
    }

    /// One `SELECT` with the `ORDER BY` of its query.
    fn select(&mut self, s: &Select, order: Option<&OrderBy>) -> R<(String, Vec<(String, Ty)>)> {
        let unsupported = s.top.is_some()
            || s.select_modifiers.is_some()
            || s.exclude.is_some()
            || s.into.is_some()
            || !s.lateral_views.is_empty()
            || s.prewhere.is_some()
            || !s.connect_by.is_empty()
            || !s.cluster_by.is_empty()
            || !s.distribute_by.is_empty()
            || !s.sort_by.is_empty()
            || !s.named_window.is_empty()
            || s.qualify.is_some()
            || s.value_table_mode.is_some();
        if unsupported {
            return Err(self.bad(
                s,
                "a SELECT modifier (INTO, SQL_CALC_FOUND_ROWS, WINDOW, …)",
            ));
        }
        self.scopes.push(Scope::default());
        let r = self.select_in(s, order);
        self.scopes.pop();
        r
    }

    fn select_in(&mut self, s: &Select, order: Option<&OrderBy>) -> R<(String, Vec<(String, Ty)>)> {
        let distinct = match &s.distinct {
            None | Some(sqlparser::ast::Distinct::All) => false,
            Some(sqlparser::ast::Distinct::Distinct) => true,
            Some(sqlparser::ast::Distinct::On(_)) => return Err(self.bad(s, "DISTINCT ON")),
        };
        // FROM (MySQL's `FROM dual` is no FROM)
        let dual = matches!(s.from.as_slice(), [t] if t.joins.is_empty()
            && matches!(&t.relation, TableFactor::Table { name, alias: None, .. } if one_name(name).as_deref() == Some("dual")));
        let mut from = Vec::new();
        if !dual {
            for t in &s.from {
                from.push(self.table_with_joins(t)?);
            }
        }
        let selection = match &s.selection {
            Some(e) => Some(self.cond(e)?),
            None => None,
        };
        let aliases: Vec<String> = s
            .projection
            .iter()
            .filter_map(|i| match i {
                SelectItem::ExprWithAlias { alias, .. } => Some(alias.value.to_lowercase()),
                _ => None,
            })
            .collect();
        // GROUP BY
        let group_exprs = match &s.group_by {
            GroupByExpr::Expressions(v, mods) if mods.is_empty() => v,
            _ => return Err(self.bad(s, "GROUP BY … WITH ROLLUP")),
        };
        let mut group_sql = Vec::new();
        let mut group = Group::default();
        for g in group_exprs {
            if let Some(n) = int_lit(g) {
                let item = usize::try_from(n)
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| s.projection.get(i));
                let Some(item) = item else {
                    return Err(self.bad(g, "GROUP BY a position out of the select list"));
                };
                self.group_item_column(item, &mut group);
                group_sql.push(n.to_string());
                continue;
            }
            if let Expr::Identifier(id) = g {
                let name = id.value.to_lowercase();
                if !self.visible(&name) {
                    if let Some(item) = s.projection.iter().find(|i| {
                        matches!(i, SelectItem::ExprWithAlias { alias, .. } if alias.value.to_lowercase() == name)
                    }) {
                        self.group_item_column(item, &mut group);
                        group_sql.push(pg_ident(&name));
                        continue;
                    }
                }
            }
            self.seen.clear();
            let v = self.expr(g)?;
            let level = self.scopes.len() - 1;
            if matches!(g, Expr::Identifier(_) | Expr::CompoundIdentifier(_)) {
                if let Some((l, r, c)) = self.seen.first() {
                    if *l == level {
                        group.cols.push((*r, c.clone()));
                    }
                }
            }
            group_sql.push(v.s);
        }
        if !group_exprs.is_empty() {
            self.cover(&mut group);
        }
        if s.having.is_some() && group_exprs.is_empty() {
            return Err(self.bad(s, "HAVING without GROUP BY"));
        }
        let grouped = (!group_exprs.is_empty()).then_some(group);
        let mut tail = self.select_tail(s, order, grouped.clone(), distinct)?;
        {
            let sc = self.scope();
            let implicit = grouped.is_none() && sc.saw_agg && sc.saw_col;
            if implicit {
                // aggregates without GROUP BY: one group, as in MySQL
                sc.saw_agg = false;
                sc.saw_col = false;
                tail = self.select_tail(s, order, Some(Group::default()), distinct)?;
            }
        }
        let _ = aliases;
        let mut sql = String::from("SELECT ");
        if distinct {
            sql.push_str("DISTINCT ");
        }
        sql.push_str(&tail.items.join(", "));
        if !from.is_empty() {
            sql.push_str(" FROM ");
            sql.push_str(&from.join(", "));
        }
        if let Some(w) = selection {
            sql.push_str(" WHERE ");
            sql.push_str(&w);
        }
        if !group_sql.is_empty() {
            sql.push_str(" GROUP BY ");
            sql.push_str(&group_sql.join(", "));
        }
        if let Some(h) = tail.having {
            sql.push_str(" HAVING ");
            sql.push_str(&h);
        }
        if !tail.order.is_empty() {
            sql.push_str(" ORDER BY ");
            sql.push_str(&tail.order.join(", "));
        }
        Ok((sql, tail.cols))
    }

    /// A GROUP BY position or alias naming select item `item`: its column is grouped.
    fn group_item_column(&mut self, item: &SelectItem, group: &mut Group) {
        let e = match item {
            SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => e,
            _ => return,
        };
        if !matches!(e, Expr::Identifier(_) | Expr::CompoundIdentifier(_)) {
            return;
        }
        self.seen.clear();
        if self.expr(e).is_ok() {
            let level = self.scopes.len() - 1;
            if let Some((l, r, c)) = self.seen.first() {
                if *l == level {
                    group.cols.push((*r, c.clone()));
                }
            }
        }
    }

    /// Relations whose whole primary key is grouped.
    fn cover(&mut self, group: &mut Group) {
        let rels = self.scope().rels.clone();
        for (i, r) in rels.iter().enumerate() {
            if !r.pk.is_empty() && r.pk.iter().all(|k| group.cols.contains(&(i, k.clone()))) {
                group.covered.push(i);
            }
        }
    }

    /// A column of that name is visible in the current level.
    fn visible(&self, name: &str) -> bool {
        let want = pg_ident(name);
        self.scopes.last().is_some_and(|sc| {
            sc.rels
                .iter()
                .any(|r| !r.qualified_only && r.cols.iter().any(|(c, _)| *c == want))
        })
    }

    fn select_tail(
        &mut self,
        s: &Select,
        order: Option<&OrderBy>,
        group: Option<Group>,
        distinct: bool,
    ) -> R<Tail> {
        {
            let sc = self.scope();
            sc.group = group;
            sc.aliases.clear();
        }
        let mut items = Vec::new();
        let mut cols = Vec::new();
        for item in &s.projection {
            match item {
                SelectItem::UnnamedExpr(e) => {
                    let v = self.expr(e)?;
                    let name = match e {
                        Expr::Identifier(id) => pg_ident(&id.value),
                        Expr::CompoundIdentifier(ids) => {
                            pg_ident(&ids.last().map(|i| i.value.clone()).unwrap_or_default())
                        }
                        // MySQL names the column after the expression's text
                        other => pg_ident(&other.to_string()),
                    };
                    items.push(format!("{} AS {name}", v.s));
                    cols.push((name, v.t));
                }
                SelectItem::ExprWithAlias { expr, alias } => {
                    let v = self.expr(expr)?;
                    let name = pg_ident(&alias.value);
                    items.push(format!("{} AS {name}", v.s));
                    self.scope()
                        .aliases
                        .push((alias.value.to_lowercase(), v.s.clone(), v.t));
                    cols.push((name, v.t));
                }
                SelectItem::Wildcard(o)
                    if o.opt_ilike.is_none()
                        && o.opt_exclude.is_none()
                        && o.opt_except.is_none()
                        && o.opt_replace.is_none()
                        && o.opt_rename.is_none()
                        && o.opt_alias.is_none() =>
                {
                    let sc = self.scope();
                    if sc.merged || sc.group.is_some() {
                        return Err(self.bad(s, "SELECT * with USING, NATURAL or GROUP BY"));
                    }
                    for r in &sc.rels {
                        cols.extend(r.cols.iter().cloned());
                    }
                    items.push("*".into());
                }
                SelectItem::QualifiedWildcard(
                    SelectItemQualifiedWildcardKind::ObjectName(n),
                    o,
                ) if o.opt_exclude.is_none() && o.opt_except.is_none() => {
                    let key = match n.0.len() {
                        1 => one_name(n),
                        _ => self.relation_key(n).ok(),
                    };
                    let sc = self.scope();
                    let rel = key.and_then(|k| sc.rels.iter().find(|r| r.alias == k).cloned());
                    match rel {
                        Some(r) if sc.group.is_none() => {
                            cols.extend(r.cols.iter().cloned());
                            items.push(format!("{}.*", r.pg));
                        }
                        _ => return Err(self.bad(n, format!("{n}.*"))),
                    }
                }
                other => return Err(self.bad(s, format!("the select item {}", clip(other, 60)))),
            }
        }
        let having = match &s.having {
            Some(h) => {
                self.scope().having = true;
                let r = self.cond(h);
                self.scope().having = false;
                Some(r?)
            }
            None => None,
        };
        let order = match order {
            None => Vec::new(),
            Some(o) => {
                let aliases = cols.clone();
                self.order_items_in_select(o, &aliases, distinct)?
            }
        };
        Ok(Tail {
            items,
            cols,
            having,
            order,
        })
    }

    /// `ORDER BY` of a `SELECT`: output names, positions, or expressions of its level.
    fn order_items_in_select(
        &mut self,
        o: &OrderBy,
        cols: &[(String, Ty)],
        distinct: bool,
    ) -> R<Vec<String>> {
        let OrderByKind::Expressions(list) = &o.kind else {
            return Err(self.bad(o, "ORDER BY ALL"));
        };
        if o.interpolate.is_some() {
            return Err(self.bad(o, "ORDER BY … INTERPOLATE"));
        }
        let mut out = Vec::new();
        for ob in list {
            let dir = self.direction(ob)?;
            if let Some(name) = self.output_name(&ob.expr, cols) {
                out.push(format!("{name}{dir}"));
                continue;
            }
            if distinct {
                return Err(self.bad(
                    &ob.expr,
                    "SELECT DISTINCT ordered by an expression it does not select",
                ));
            }
            let v = self.expr(&ob.expr)?;
            out.push(format!("{}{dir}", v.s));
        }
        Ok(out)
    }

    /// `ORDER BY` over output columns only (after `UNION`).
    fn order_items(
        &mut self,
        o: &OrderBy,
        cols: &[(String, Ty)],
        _distinct: bool,
    ) -> R<Vec<String>> {
        let OrderByKind::Expressions(list) = &o.kind else {
            return Err(self.bad(o, "ORDER BY ALL"));
        };
        let mut out = Vec::new();
        for ob in list {
            let dir = self.direction(ob)?;
            match self.output_name(&ob.expr, cols) {
                Some(name) => out.push(format!("{name}{dir}")),
                None => return Err(self.bad(&ob.expr, "ORDER BY an expression after UNION")),
            }
        }
        Ok(out)
    }

    /// An `ORDER BY` item that names an output column (or is its position).
    fn output_name(&self, e: &Expr, cols: &[(String, Ty)]) -> Option<String> {
        if let Some(n) = int_lit(e) {
            let ok = usize::try_from(n).is_ok_and(|n| n >= 1 && n <= cols.len());
            return ok.then(|| n.to_string());
        }
        let Expr::Identifier(id) = e else {
            return None;
        };
        let name = pg_ident(&id.value);
        let alias = self
            .scopes
            .last()
            .is_some_and(|sc| sc.aliases.iter().any(|(a, _, _)| pg_ident(a) == name));
        // MySQL resolves a bare ORDER BY name to a select alias first
        (alias || (cols.iter().any(|(c, _)| *c == name) && !self.visible(&id.value)))
            .then_some(name)
    }

    /// ` DESC NULLS LAST` and so on: MySQL sorts NULLs as the smallest value.
    pub(super) fn direction(&self, ob: &OrderByExpr) -> R<&'static str> {
        if ob.options.nulls_first.is_some() || ob.with_fill.is_some() {
            return Err(self.bad(&ob.expr, "NULLS FIRST/LAST or WITH FILL"));
        }
        match ob.options.sort {
            None | Some(OrderBySort::Asc) => Ok(" NULLS FIRST"),
            Some(OrderBySort::Desc) => Ok(" DESC NULLS LAST"),
            Some(_) => Err(self.bad(&ob.expr, "ORDER BY … USING")),
        }
    }
}

/// The translated parts of a `SELECT` after its `FROM`.
struct Tail {
    items: Vec<String>,
    cols: Vec<(String, Ty)>,
    having: Option<String>,
    order: Vec<String>,
}
