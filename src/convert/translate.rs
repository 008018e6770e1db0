//! MySQL expressions, queries and trigger statements as PostgreSQL text, for the
//! views, triggers and functions of a converted dump (`super::views`).
//!
//! sqlparser (MySQL dialect) reads the statement; this module prints it again for
//! PostgreSQL by hand, construct by construct, keeping MySQL's semantics: `CONCAT`
//! is NULL when an argument is, `IF` takes any non-zero number as true, `ORDER BY`
//! puts NULLs first, a grouped query may name columns it does not group by, and so
//! on (the functions are listed in `crate::rules::mysql_functions::FUNCTIONS`). It is a whitelist: a construct
//! that is not handled here — a MySQL function without an exact equivalent, a
//! comparison of a string column with a number, a `WITH ROLLUP` — is a [`Bad`]
//! naming it, and the caller writes the whole statement commented out. A rewriting
//! visitor would pass what it does not know through as MySQL text; here nothing is
//! printed that was not checked.
//!
//! Exactness is that of the converted tables: string comparisons follow
//! PostgreSQL's collation (case-sensitive), as the converted columns do, and
//! `tinyint(1)` columns are booleans (their values other than 0 and 1 were made
//! `true` by the data conversion).

use sqlparser::ast::{
    AssignmentTarget, BinaryOperator, CeilFloorKind, ConditionalStatements, DateTimeField,
    DuplicateTreatment, Expr, ExtractSyntax, FromTable, Function, FunctionArg, FunctionArgExpr,
    FunctionArgumentClause, FunctionArguments, GroupByExpr, Ident, Insert, JoinConstraint,
    JoinOperator, LimitClause, ObjectName, ObjectNamePart, OrderBy, OrderByExpr, OrderByKind,
    OrderBySort, Query, Select, SelectItem, SelectItemQualifiedWildcardKind, Set, SetExpr,
    SetOperator, SetQuantifier, Spanned, Statement, TableFactor, TableObject, TableWithJoins,
    UnaryOperator, Value,
};

use super::pg_ident;

/// The type of a value, as far as the translation must know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `boolean` (MySQL `tinyint(1)`, `bit(1)`, comparisons).
    Bool,
    /// Integers.
    Int,
    /// `numeric`.
    Num,
    /// `real`, `double precision`.
    Float,
    /// Strings.
    Text,
    /// `date`.
    Date,
    /// `timestamp`.
    DateTime,
    /// `time`.
    Time,
    /// `bytea`.
    Bytes,
    /// Anything else (`jsonb`, `bit varying`, `text[]`): passed through, never computed on.
    Other,
    /// The `NULL` literal.
    Null,
}

impl Ty {
    /// The type of a converted column.
    pub fn of_kind(k: super::values::Kind) -> Ty {
        use super::values::Kind as K;
        match k {
            K::Bool => Ty::Bool,
            K::Int | K::Year => Ty::Int,
            K::Numeric => Ty::Num,
            K::Float => Ty::Float,
            K::Text => Ty::Text,
            K::Date => Ty::Date,
            K::DateTime => Ty::DateTime,
            K::Time => Ty::Time,
            K::Bytes => Ty::Bytes,
            K::Json | K::Bit | K::Set => Ty::Other,
        }
    }

    fn number(self) -> bool {
        matches!(self, Ty::Int | Ty::Num | Ty::Float)
    }

    fn temporal(self) -> bool {
        matches!(self, Ty::Date | Ty::DateTime)
    }

    fn name(self) -> &'static str {
        match self {
            Ty::Bool => "boolean",
            Ty::Int => "integer",
            Ty::Num => "decimal",
            Ty::Float => "floating-point",
            Ty::Text => "string",
            Ty::Date => "date",
            Ty::DateTime => "datetime",
            Ty::Time => "time",
            Ty::Bytes => "binary",
            Ty::Other => "JSON, SET or BIT",
            Ty::Null => "NULL",
        }
    }
}

/// Why a statement is not translated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bad {
    /// What has no exact translation.
    pub what: String,
    /// 1-based line in the parsed text (0: unknown).
    pub line: u64,
    /// The relation it refers to that is not known (yet): a view defined later may
    /// make the statement translatable.
    pub missing: Option<String>,
}

type R<T> = Result<T, Bad>;

/// A table or view as the translation sees it.
#[derive(Clone, Debug, Default)]
pub struct Relation {
    /// PostgreSQL name.
    pub name: String,
    /// Columns: PostgreSQL name and type, in order.
    pub cols: Vec<(String, Ty)>,
    /// Primary key columns (PostgreSQL names); empty for views.
    pub pk: Vec<String>,
}

/// What the translation may refer to.
pub trait Catalog {
    /// The table or view of MySQL name `key` (lower case).
    fn relation(&self, key: &str) -> Option<Relation>;
}

/// A translated value: PostgreSQL text, type, and the string it is when it is a
/// string literal.
#[derive(Clone, Debug)]
struct V {
    s: String,
    t: Ty,
    lit: Option<String>,
}

impl V {
    fn new(s: String, t: Ty) -> V {
        V { s, t, lit: None }
    }
}

/// A relation in a `FROM` clause.
#[derive(Clone, Debug)]
struct SRel {
    /// Name it is referred to by (lower case).
    alias: String,
    /// How PostgreSQL text refers to it.
    pg: String,
    cols: Vec<(String, Ty)>,
    pk: Vec<String>,
    /// `NEW` / `OLD` in a trigger: only `NEW.col` reaches it.
    qualified_only: bool,
}

/// The grouping of a grouped `SELECT`.
#[derive(Clone, Debug, Default)]
struct Group {
    /// Grouped columns: relation index, column.
    cols: Vec<(usize, String)>,
    /// Relations whose whole primary key is grouped: PostgreSQL accepts any of their
    /// columns.
    covered: Vec<usize>,
}

/// One `SELECT` level.
#[derive(Clone, Debug, Default)]
struct Scope {
    rels: Vec<SRel>,
    group: Option<Group>,
    /// Inside the arguments of an aggregate of this level.
    agg: usize,
    saw_agg: bool,
    saw_col: bool,
    /// `JOIN … USING` / `NATURAL JOIN` seen (a `*` then merges columns).
    merged: bool,
    /// Translating `HAVING`: select-list aliases are visible.
    having: bool,
    /// Select-list aliases: lower-case name, PostgreSQL expression, type.
    aliases: Vec<(String, String, Ty)>,
}

/// The translator.
pub struct Tx<'a> {
    cat: &'a dyn Catalog,
    /// The dumped database (lower case): `db.table` loses the qualifier.
    db: Option<String>,
    scopes: Vec<Scope>,
    /// Relations referred to (lower-case MySQL names).
    pub refs: Vec<String>,
    /// Columns resolved since last cleared: scope level, relation index, column.
    seen: Vec<(usize, usize, String)>,
}

/// At most `n` characters of the MySQL text of `node`, for messages.
fn clip(node: &impl std::fmt::Display, n: usize) -> String {
    let s = node.to_string();
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n).collect();
    out.push('…');
    out
}

/// A PostgreSQL string literal.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `s` is one parenthesised expression: `(a + b)`, not `(a) + (b)`.
fn wrapped(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() != Some(&b'(') {
        return false;
    }
    let mut depth = 0usize;
    let mut quote = None;
    for (i, &c) in b.iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(c),
            (None, b'(') => depth += 1,
            (None, b')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i == b.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// An integer literal (`5`, `-5`).
fn int_lit(e: &Expr) -> Option<i64> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Number(n, false) => n.parse().ok(),
            _ => None,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => int_lit(expr).map(|n| -n),
        Expr::Nested(e) => int_lit(e),
        _ => None,
    }
}

/// The lower-case name of a one-part object name.
fn one_name(n: &ObjectName) -> Option<String> {
    match n.0.as_slice() {
        [ObjectNamePart::Identifier(id)] => Some(id.value.to_lowercase()),
        _ => None,
    }
}

/// `s` is a plain decimal number, as PostgreSQL would read it unquoted.
fn numeric_text(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_prefix('-').unwrap_or(t);
    !t.is_empty()
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|&b| b == b'.').count() <= 1
        && t.bytes().any(|b| b.is_ascii_digit())
}

/// `s` is a date or datetime literal both servers read the same way.
fn date_text(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() < 10
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
    {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    b[10] == b' '
        && b.len() >= 19
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (b.len() == 19 || (b[19] == b'.' && b.len() > 20 && digits(20..b.len())))
}

/// MySQL's `DATE_FORMAT` format as a `to_char` one, when every specifier has an
/// equivalent.
pub fn date_format(fmt: &str) -> Option<String> {
    let mut out = String::new();
    let mut lit = String::new();
    let flush = |lit: &mut String, out: &mut String| {
        if lit.is_empty() {
            return;
        }
        // to_char reads letters and digits as patterns: quote them
        if lit
            .chars()
            .any(|c| c.is_alphanumeric() || c == '"' || c == '\\')
        {
            out.push('"');
            for c in lit.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(lit);
        }
        lit.clear();
    };
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        let spec = match chars.next()? {
            'Y' => "YYYY",
            'y' => "YY",
            'm' => "MM",
            'c' => "FMMM",
            'd' => "DD",
            'e' => "FMDD",
            'H' => "HH24",
            'k' => "FMHH24",
            'h' | 'I' => "HH12",
            'l' => "FMHH12",
            'i' => "MI",
            's' | 'S' => "SS",
            'f' => "US",
            'p' => "AM",
            'j' => "DDD",
            'M' => "FMMonth",
            'b' => "Mon",
            'W' => "FMDay",
            'a' => "Dy",
            'T' => "HH24:MI:SS",
            'r' => "HH12:MI:SS AM",
            '%' => {
                lit.push('%');
                continue;
            }
            _ => return None,
        };
        flush(&mut lit, &mut out);
        out.push_str(spec);
    }
    flush(&mut lit, &mut out);
    Some(out)
}

/// The current time at MySQL's precision: `NOW()` is the statement's start, in
/// whole seconds.
const NOW: &str = "date_trunc('second', CAST(statement_timestamp() AS timestamp))";

impl<'a> Tx<'a> {
    /// A translator over `cat`, dropping the `db.` qualifier of database `db`.
    pub fn new(cat: &'a dyn Catalog, db: Option<&str>) -> Tx<'a> {
        Tx {
            cat,
            db: db.map(str::to_lowercase),
            scopes: Vec::new(),
            refs: Vec::new(),
            seen: Vec::new(),
        }
    }

    fn bad(&self, node: &impl Spanned, what: impl Into<String>) -> Bad {
        Bad {
            what: what.into(),
            line: node.span().start.line,
            missing: None,
        }
    }

    fn scope(&mut self) -> &mut Scope {
        if self.scopes.is_empty() {
            self.scopes.push(Scope::default());
        }
        let last = self.scopes.len() - 1;
        &mut self.scopes[last]
    }

    /// Make `NEW` and `OLD` (columns `cols`) visible, for a trigger body.
    pub fn trigger_rows(&mut self, cols: &[(String, Ty)]) {
        let mut sc = Scope::default();
        for (alias, pg) in [("new", "NEW"), ("old", "OLD")] {
            sc.rels.push(SRel {
                alias: alias.into(),
                pg: pg.into(),
                cols: cols.to_vec(),
                pk: Vec::new(),
                qualified_only: true,
            });
        }
        self.scopes.push(sc);
    }

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

    fn add_rel(&mut self, alias: String, pg: String, cols: Vec<(String, Ty)>, pk: Vec<String>) {
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
    fn direction(&self, ob: &OrderByExpr) -> R<&'static str> {
        if ob.options.nulls_first.is_some() || ob.with_fill.is_some() {
            return Err(self.bad(&ob.expr, "NULLS FIRST/LAST or WITH FILL"));
        }
        match ob.options.sort {
            None | Some(OrderBySort::Asc) => Ok(" NULLS FIRST"),
            Some(OrderBySort::Desc) => Ok(" DESC NULLS LAST"),
            Some(_) => Err(self.bad(&ob.expr, "ORDER BY … USING")),
        }
    }

    // ------------------------------------------------------------- expressions

    /// A condition: MySQL takes a non-zero number as true.
    pub fn cond(&mut self, e: &Expr) -> R<String> {
        let v = self.expr(e)?;
        match v.t {
            Ty::Bool => Ok(v.s),
            Ty::Null => Ok("CAST(NULL AS boolean)".into()),
            Ty::Int | Ty::Num | Ty::Float => Ok(format!("({} <> 0)", v.s)),
            t => Err(self.bad(e, format!("a {} value used as a condition", t.name()))),
        }
    }

    /// A number (booleans are 0 and 1, numeric string literals are numbers).
    fn num(&mut self, e: &Expr) -> R<V> {
        let v = self.expr(e)?;
        match v.t {
            Ty::Int | Ty::Num | Ty::Float | Ty::Null => Ok(v),
            Ty::Bool => Ok(V::new(format!("CAST({} AS integer)", v.s), Ty::Int)),
            Ty::Text if v.lit.as_deref().is_some_and(numeric_text) => {
                let n = v.lit.unwrap_or_default().trim().to_string();
                let t = if n.contains('.') { Ty::Num } else { Ty::Int };
                Ok(V::new(n, t))
            }
            t => Err(self.bad(e, format!("a {} value used as a number", t.name()))),
        }
    }

    /// An integer-valued number.
    fn int(&mut self, e: &Expr) -> R<V> {
        let v = self.num(e)?;
        match v.t {
            Ty::Int | Ty::Null => Ok(v),
            t => Err(self.bad(
                e,
                format!("a {} value where MySQL wants an integer", t.name()),
            )),
        }
    }

    /// A value as MySQL writes it in a string (`CONCAT`, `GROUP_CONCAT`, …): only
    /// types both servers print alike.
    fn text(&mut self, e: &Expr, what: &str) -> R<String> {
        let v = self.expr(e)?;
        match v.t {
            Ty::Text | Ty::Null => Ok(v.s),
            Ty::Int | Ty::Num => Ok(format!("CAST({} AS text)", v.s)),
            // whatever the server's DateStyle
            Ty::Date => Ok(format!("to_char({}, 'YYYY-MM-DD')", v.s)),
            t => Err(self.bad(
                e,
                format!(
                    "{what} of a {} value (written differently by PostgreSQL)",
                    t.name()
                ),
            )),
        }
    }

    /// A date or datetime (date literals included).
    fn date(&mut self, e: &Expr, time_ok: bool) -> R<V> {
        let v = self.expr(e)?;
        match v.t {
            Ty::Date | Ty::DateTime | Ty::Null => Ok(v),
            Ty::Time if time_ok => Ok(v),
            Ty::Text if v.lit.as_deref().is_some_and(date_text) => {
                let l = v.lit.unwrap_or_default();
                if l.len() == 10 {
                    Ok(V::new(format!("DATE {}", quote(&l)), Ty::Date))
                } else {
                    Ok(V::new(format!("TIMESTAMP {}", quote(&l)), Ty::DateTime))
                }
            }
            t => Err(self.bad(e, format!("a {} value used as a date", t.name()))),
        }
    }

    /// The common type of values shown together (CASE branches, COALESCE, IN).
    fn unify_types(&self, ts: &[Ty]) -> Option<Ty> {
        let real: Vec<Ty> = ts.iter().copied().filter(|t| *t != Ty::Null).collect();
        let Some(&first) = real.first() else {
            return Some(Ty::Null);
        };
        if real.iter().all(|t| *t == first) {
            return Some(first);
        }
        if real.iter().all(|t| t.number() || *t == Ty::Bool) {
            return Some(if real.contains(&Ty::Float) {
                Ty::Float
            } else if real.contains(&Ty::Num) {
                Ty::Num
            } else {
                Ty::Int
            });
        }
        if real.iter().all(|t| t.temporal()) {
            return Some(Ty::DateTime);
        }
        None
    }

    /// Values shown together, made compatible: booleans among numbers become 0/1,
    /// numeric string literals among numbers become numbers, date literals among
    /// dates stay literals.
    fn unify(&mut self, vs: &mut [V], node: &impl Spanned) -> R<Ty> {
        let has = |t: fn(Ty) -> bool, vs: &[V]| vs.iter().any(|v| t(v.t));
        let numbers = has(Ty::number, vs);
        let dates = has(|t| t.temporal() || t == Ty::Time, vs);
        for v in vs.iter_mut() {
            if numbers && v.t == Ty::Bool {
                *v = V::new(format!("CAST({} AS integer)", v.s), Ty::Int);
            }
            if let (Ty::Text, Some(l)) = (v.t, v.lit.clone()) {
                if numbers && numeric_text(&l) {
                    let n = l.trim().to_string();
                    let t = if n.contains('.') { Ty::Num } else { Ty::Int };
                    *v = V::new(n, t);
                } else if dates && date_text(&l) {
                    // an untyped literal: PostgreSQL reads it as the other side's type
                    v.t = Ty::Null;
                }
            }
        }
        let ts: Vec<Ty> = vs.iter().map(|v| v.t).collect();
        self.unify_types(&ts).ok_or_else(|| {
            let names: Vec<&str> = ts
                .iter()
                .filter(|t| **t != Ty::Null)
                .map(|t| t.name())
                .collect();
            self.bad(
                node,
                format!(
                    "{} values mixed (MySQL converts between them)",
                    names.join(" and ")
                ),
            )
        })
    }

    fn compare(&mut self, a: &Expr, b: &Expr, node: &Expr) -> R<(String, String)> {
        let mut vs = [self.expr(a)?, self.expr(b)?];
        if vs.iter().any(|v| matches!(v.t, Ty::Bytes | Ty::Other)) {
            return Err(self.bad(node, "a comparison of binary, JSON, SET or BIT values"));
        }
        self.unify(&mut vs, node)?;
        let [x, y] = vs;
        Ok((x.s, y.s))
    }

    /// One expression.
    fn expr(&mut self, e: &Expr) -> R<V> {
        match e {
            Expr::Identifier(id) => self.column(std::slice::from_ref(id), e),
            Expr::CompoundIdentifier(ids) => self.column(ids, e),
            Expr::Value(v) => self.value(&v.value, e),
            Expr::Prefixed { prefix, value } => {
                let p = prefix.value.to_ascii_lowercase();
                match value.as_ref() {
                    Expr::Value(v) if p.starts_with('_') && p != "_binary" => match &v.value {
                        Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => {
                            self.string(s, e)
                        }
                        _ => Err(self.bad(e, clip(e, 40))),
                    },
                    _ => Err(self.bad(e, format!("the literal {}", clip(e, 40)))),
                }
            }
            Expr::TypedString(ts) => {
                let lit = match &ts.value.value {
                    Value::SingleQuotedString(s) => s.clone(),
                    _ => return Err(self.bad(e, "a typed literal")),
                };
                let (kw, t) = match ts.data_type.to_string().to_ascii_uppercase().as_str() {
                    "DATE" if date_text(&lit) && lit.len() == 10 => ("DATE", Ty::Date),
                    "TIMESTAMP" | "DATETIME" if date_text(&lit) => ("TIMESTAMP", Ty::DateTime),
                    _ => return Err(self.bad(e, format!("the literal {}", clip(e, 40)))),
                };
                Ok(V::new(format!("{kw} {}", quote(&lit)), t))
            }
            Expr::Nested(inner) => {
                let v = self.expr(inner)?;
                if wrapped(&v.s) {
                    return Ok(v);
                }
                Ok(V {
                    s: format!("({})", v.s),
                    ..v
                })
            }
            Expr::UnaryOp { op, expr } => match op {
                UnaryOperator::Not | UnaryOperator::BangNot => {
                    Ok(V::new(format!("(NOT {})", self.cond(expr)?), Ty::Bool))
                }
                UnaryOperator::Minus => {
                    let v = self.num(expr)?;
                    Ok(V::new(format!("(- {})", v.s), v.t))
                }
                UnaryOperator::Plus => self.num(expr),
                _ => Err(self.bad(e, format!("the operator {op}"))),
            },
            Expr::BinaryOp { left, op, right } => self.binary(left, op, right, e),
            Expr::IsNull(x) | Expr::IsNotNull(x) => {
                let v = self.expr(x)?;
                let not = if matches!(e, Expr::IsNotNull(_)) {
                    " NOT"
                } else {
                    ""
                };
                Ok(V::new(format!("({} IS{not} NULL)", v.s), Ty::Bool))
            }
            Expr::IsTrue(x) | Expr::IsNotTrue(x) | Expr::IsFalse(x) | Expr::IsNotFalse(x) => {
                let c = self.cond(x)?;
                let what = match e {
                    Expr::IsTrue(_) => "IS TRUE",
                    Expr::IsNotTrue(_) => "IS NOT TRUE",
                    Expr::IsFalse(_) => "IS FALSE",
                    _ => "IS NOT FALSE",
                };
                Ok(V::new(format!("({c} {what})"), Ty::Bool))
            }
            Expr::InList {
                expr,
                list,
                negated,
            } => {
                let mut vs = vec![self.expr(expr)?];
                for x in list {
                    vs.push(self.expr(x)?);
                }
                if vs.iter().any(|v| matches!(v.t, Ty::Bytes | Ty::Other)) {
                    return Err(self.bad(e, "IN over binary, JSON, SET or BIT values"));
                }
                self.unify(&mut vs, e)?;
                let not = if *negated { " NOT" } else { "" };
                let rest: Vec<&str> = vs[1..].iter().map(|v| v.s.as_str()).collect();
                Ok(V::new(
                    format!("({}{not} IN ({}))", vs[0].s, rest.join(", ")),
                    Ty::Bool,
                ))
            }
            Expr::InSubquery {
                expr,
                subquery,
                negated,
            } => {
                let x = self.expr(expr)?;
                let (q, cols) = self.subquery(subquery)?;
                let [(_, t)] = cols.as_slice() else {
                    return Err(self.bad(e, "IN over a subquery of several columns"));
                };
                if self.unify_types(&[x.t, *t]).is_none() || matches!(t, Ty::Bytes | Ty::Other) {
                    return Err(self.bad(
                        e,
                        format!("IN: a {} value and a {} subquery", x.t.name(), t.name()),
                    ));
                }
                let not = if *negated { " NOT" } else { "" };
                Ok(V::new(format!("({}{not} IN ({q}))", x.s), Ty::Bool))
            }
            Expr::Between {
                expr,
                negated,
                low,
                high,
            } => {
                let mut vs = [self.expr(expr)?, self.expr(low)?, self.expr(high)?];
                if vs
                    .iter()
                    .any(|v| matches!(v.t, Ty::Bytes | Ty::Other | Ty::Bool))
                {
                    return Err(
                        self.bad(e, "BETWEEN over binary, boolean, JSON, SET or BIT values")
                    );
                }
                self.unify(&mut vs, e)?;
                let not = if *negated { " NOT" } else { "" };
                Ok(V::new(
                    format!("({}{not} BETWEEN {} AND {})", vs[0].s, vs[1].s, vs[2].s),
                    Ty::Bool,
                ))
            }
            Expr::Like {
                negated,
                any: false,
                expr,
                pattern,
                escape_char,
            } => {
                let x = self.text(expr, "LIKE")?;
                let p = self.text(pattern, "LIKE")?;
                let esc = match escape_char.as_deref() {
                    None => String::new(),
                    Some(Expr::Value(v)) => match &v.value {
                        Value::SingleQuotedString(c) if c.chars().count() == 1 => {
                            format!(" ESCAPE {}", quote(c))
                        }
                        _ => return Err(self.bad(e, "LIKE … ESCAPE")),
                    },
                    Some(_) => return Err(self.bad(e, "LIKE … ESCAPE")),
                };
                let not = if *negated { " NOT" } else { "" };
                Ok(V::new(format!("({x}{not} LIKE {p}{esc})"), Ty::Bool))
            }
            Expr::RLike {
                negated,
                expr,
                pattern,
                ..
            } => {
                let x = self.text(expr, "REGEXP")?;
                let p = self.expr(pattern)?;
                // only patterns whose meaning is the same in both regex engines
                let simple = p.lit.as_deref().is_some_and(|l| {
                    l.chars()
                        .all(|c| c.is_alphanumeric() || " ^$.*+?|()[]-_,:;/@#=<>!'%&".contains(c))
                });
                if !simple {
                    return Err(self.bad(e, "REGEXP with a pattern other than a plain literal"));
                }
                let op = if *negated { "!~*" } else { "~*" };
                Ok(V::new(format!("({x} {op} {})", p.s), Ty::Bool))
            }
            Expr::Case {
                operand,
                conditions,
                else_result,
                ..
            } => {
                let mut whens = Vec::new();
                match operand {
                    Some(op) => {
                        let mut vs = vec![self.expr(op)?];
                        for c in conditions {
                            vs.push(self.expr(&c.condition)?);
                        }
                        self.unify(&mut vs, e)?;
                        whens.extend(vs[1..].iter().map(|v| v.s.clone()));
                        let mut results = self.results(
                            conditions.iter().map(|c| &c.result),
                            else_result.as_deref(),
                            e,
                        )?;
                        let els = results.pop().unwrap_or_default();
                        let mut s = format!("CASE {}", vs[0].s);
                        for (w, r) in whens.iter().zip(&results.0) {
                            s.push_str(&format!(" WHEN {w} THEN {r}"));
                        }
                        s.push_str(&format!("{els} END"));
                        Ok(V::new(s, results.1))
                    }
                    None => {
                        for c in conditions {
                            whens.push(self.cond(&c.condition)?);
                        }
                        let mut results = self.results(
                            conditions.iter().map(|c| &c.result),
                            else_result.as_deref(),
                            e,
                        )?;
                        let els = results.pop().unwrap_or_default();
                        let mut s = String::from("CASE");
                        for (w, r) in whens.iter().zip(&results.0) {
                            s.push_str(&format!(" WHEN {w} THEN {r}"));
                        }
                        s.push_str(&format!("{els} END"));
                        Ok(V::new(s, results.1))
                    }
                }
            }
            Expr::Cast {
                kind: sqlparser::ast::CastKind::Cast,
                expr,
                data_type,
                format: None,
            } => self.cast(expr, &data_type.to_string(), e),
            Expr::Extract {
                field,
                syntax: ExtractSyntax::From,
                expr,
            } => self.extract(field, expr, e),
            Expr::Ceil { expr, field } | Expr::Floor { expr, field }
                if matches!(
                    field,
                    CeilFloorKind::DateTimeField(DateTimeField::NoDateTime)
                ) =>
            {
                let v = self.num(expr)?;
                if v.t == Ty::Float {
                    return Err(self.bad(e, "CEIL/FLOOR of a floating-point value"));
                }
                let f = if matches!(e, Expr::Ceil { .. }) {
                    "ceil"
                } else {
                    "floor"
                };
                Ok(V::new(format!("{f}({})", v.s), v.t))
            }
            Expr::Position { expr, r#in } => {
                let x = self.text(expr, "POSITION")?;
                let s = self.text(r#in, "POSITION")?;
                Ok(V::new(format!("strpos({s}, {x})"), Ty::Int))
            }
            Expr::Substring {
                expr,
                substring_from,
                substring_for,
                ..
            } => self.substr(expr, substring_from.as_deref(), substring_for.as_deref(), e),
            Expr::Trim {
                expr,
                trim_where: None,
                trim_what: None,
                trim_characters: None,
            } => {
                let x = self.text(expr, "TRIM")?;
                Ok(V::new(format!("trim({x})"), Ty::Text))
            }
            Expr::Subquery(q) => {
                let (sql, cols) = self.subquery(q)?;
                match cols.as_slice() {
                    [(_, t)] => Ok(V::new(format!("({sql})"), *t)),
                    _ => Err(self.bad(e, "a subquery of several columns used as a value")),
                }
            }
            Expr::Exists { subquery, negated } => {
                let (sql, _) = self.subquery(subquery)?;
                let not = if *negated { "NOT " } else { "" };
                Ok(V::new(format!("({not}EXISTS ({sql}))"), Ty::Bool))
            }
            Expr::Function(f) => self.function(f, e),
            other => Err(self.bad(other, format!("the expression {}", clip(other, 60)))),
        }
    }

    /// CASE results and ELSE, unified; the ELSE text (with its keyword) is last.
    fn results<'e>(
        &mut self,
        results: impl Iterator<Item = &'e Expr>,
        els: Option<&Expr>,
        node: &Expr,
    ) -> R<Results> {
        let mut vs = Vec::new();
        for r in results {
            vs.push(self.expr(r)?);
        }
        let n = vs.len();
        if let Some(x) = els {
            vs.push(self.expr(x)?);
        }
        let t = self.unify(&mut vs, node)?;
        let mut texts: Vec<String> = vs.into_iter().map(|v| v.s).collect();
        let els = if texts.len() > n {
            format!(" ELSE {}", texts.pop().unwrap_or_default())
        } else {
            String::new()
        };
        texts.push(els);
        Ok(Results(texts, t))
    }

    fn subquery(&mut self, q: &Query) -> R<(String, Vec<(String, Ty)>)> {
        self.query(q)
    }

    fn string(&self, s: &str, e: &Expr) -> R<V> {
        if s.contains('\0') {
            return Err(self.bad(e, "a string with a NUL byte"));
        }
        Ok(V {
            s: quote(s),
            t: Ty::Text,
            lit: Some(s.to_string()),
        })
    }

    fn value(&self, v: &Value, e: &Expr) -> R<V> {
        match v {
            Value::Number(n, false) => {
                let t = if n.contains(['e', 'E']) {
                    Ty::Float
                } else if n.contains('.') {
                    Ty::Num
                } else {
                    Ty::Int
                };
                Ok(V::new(n.clone(), t))
            }
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => self.string(s, e),
            Value::Boolean(b) => Ok(V::new(if *b { "true" } else { "false" }.into(), Ty::Bool)),
            Value::Null => Ok(V::new("NULL".into(), Ty::Null)),
            _ => Err(self.bad(e, format!("the literal {}", clip(e, 40)))),
        }
    }

    /// A column reference (`c`, `t.c`, `db.t.c`, `NEW.c`).
    fn column(&mut self, ids: &[Ident], e: &Expr) -> R<V> {
        let parts: Vec<String> = ids.iter().map(|i| i.value.to_lowercase()).collect();
        let (rel, col) = match parts.as_slice() {
            [c] => (None, c.clone()),
            [r, c] => (Some(r.clone()), c.clone()),
            [d, r, c] if self.db.as_deref() == Some(d.as_str()) => (Some(r.clone()), c.clone()),
            _ => return Err(self.bad(e, format!("the name {}", clip(e, 60)))),
        };
        let want = pg_ident(&col);
        let last = self.scopes.len().saturating_sub(1);
        for level in (0..self.scopes.len()).rev() {
            let sc = &self.scopes[level];
            let hit = sc.rels.iter().position(|r| match &rel {
                Some(n) => r.alias == *n,
                None => !r.qualified_only && r.cols.iter().any(|(c, _)| *c == want),
            });
            let Some(ri) = hit else {
                if level == last && rel.is_none() && sc.having {
                    if let Some((_, s, t)) = sc.aliases.iter().find(|(a, _, _)| *a == col) {
                        return Ok(V::new(format!("({s})"), *t));
                    }
                }
                continue;
            };
            let r = &sc.rels[ri];
            let Some(&(_, ty)) = r.cols.iter().find(|(c, _)| *c == want) else {
                return Err(self.bad(e, format!("unknown column {}", clip(e, 60))));
            };
            let mut text = match (&rel, r.pg.is_empty()) {
                (Some(_), false) => format!("{}.{want}", r.pg),
                _ => want.clone(),
            };
            if let Some(g) = &sc.group {
                let grouped = g.cols.contains(&(ri, want.clone())) || g.covered.contains(&ri);
                if sc.agg == 0 && !grouped {
                    if level != last {
                        return Err(self.bad(
                            e,
                            format!(
                                "{} from a row of the outer group, in a subquery",
                                clip(e, 60)
                            ),
                        ));
                    }
                    if matches!(ty, Ty::Other) {
                        return Err(self.bad(
                            e,
                            format!("{} is neither grouped nor aggregated", clip(e, 60)),
                        ));
                    }
                    // MySQL takes the value of any row of the group
                    text = format!("(array_agg({text}))[1]");
                }
            }
            let sc = &mut self.scopes[level];
            if sc.agg == 0 {
                sc.saw_col = true;
            }
            self.seen.push((level, ri, want));
            return Ok(V::new(text, ty));
        }
        Err(self.bad(e, format!("unknown column {}", clip(e, 60))))
    }

    fn binary(&mut self, l: &Expr, op: &BinaryOperator, r: &Expr, e: &Expr) -> R<V> {
        use BinaryOperator as B;
        match op {
            B::And | B::Or => {
                let (a, b) = (self.cond(l)?, self.cond(r)?);
                let o = if matches!(op, B::And) { "AND" } else { "OR" };
                Ok(V::new(format!("({a} {o} {b})"), Ty::Bool))
            }
            B::Xor => {
                let (a, b) = (self.cond(l)?, self.cond(r)?);
                Ok(V::new(format!("({a} <> {b})"), Ty::Bool))
            }
            B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq => {
                let (a, b) = self.compare(l, r, e)?;
                let o = match op {
                    B::Eq => "=",
                    B::NotEq => "<>",
                    B::Lt => "<",
                    B::LtEq => "<=",
                    B::Gt => ">",
                    _ => ">=",
                };
                Ok(V::new(format!("({a} {o} {b})"), Ty::Bool))
            }
            B::Spaceship => {
                let (a, b) = self.compare(l, r, e)?;
                Ok(V::new(format!("({a} IS NOT DISTINCT FROM {b})"), Ty::Bool))
            }
            B::Plus | B::Minus
                if matches!(r, Expr::Interval(_))
                    || (matches!(op, B::Plus) && matches!(l, Expr::Interval(_))) =>
            {
                let (d, i) = if matches!(r, Expr::Interval(_)) {
                    (l, r)
                } else {
                    (r, l)
                };
                self.date_add(d, i, matches!(op, B::Minus), e)
            }
            B::Plus | B::Minus | B::Multiply => {
                let (a, b) = (self.num(l)?, self.num(r)?);
                let o = match op {
                    B::Plus => "+",
                    B::Minus => "-",
                    _ => "*",
                };
                let t = self.unify_types(&[a.t, b.t]).unwrap_or(Ty::Num);
                // PostgreSQL integer arithmetic overflows at 32 bits; MySQL's at 64
                let (sa, sb) = if a.t == Ty::Int && b.t == Ty::Int {
                    (format!("CAST({} AS bigint)", a.s), b.s)
                } else {
                    (a.s, b.s)
                };
                Ok(V::new(format!("({sa} {o} {sb})"), t))
            }
            B::Modulo => {
                let (a, b) = (self.num(l)?, self.num(r)?);
                if a.t == Ty::Float || b.t == Ty::Float {
                    return Err(self.bad(e, "% of floating-point values"));
                }
                let t = self.unify_types(&[a.t, b.t]).unwrap_or(Ty::Num);
                // MySQL: x % 0 is NULL
                Ok(V::new(format!("({} % NULLIF({}, 0))", a.s, b.s), t))
            }
            B::MyIntegerDivide => {
                let (a, b) = (self.num(l)?, self.num(r)?);
                if a.t == Ty::Float || b.t == Ty::Float {
                    return Err(self.bad(e, "DIV of floating-point values"));
                }
                Ok(V::new(format!("div({}, NULLIF({}, 0))", a.s, b.s), Ty::Int))
            }
            B::Divide => Err(self.bad(
                e,
                "division (MySQL's / gives a decimal with div_precision_increment digits)",
            )),
            B::StringConcat => Err(self.bad(e, "|| (OR or concatenation, by sql_mode)")),
            other => Err(self.bad(e, format!("the operator {other}"))),
        }
    }

    /// `d ± INTERVAL n unit`.
    fn date_add(&mut self, d: &Expr, i: &Expr, minus: bool, e: &Expr) -> R<V> {
        let Expr::Interval(iv) = i else {
            return Err(self.bad(e, "date arithmetic"));
        };
        if iv.last_field.is_some()
            || iv.leading_precision.is_some()
            || iv.fractional_seconds_precision.is_some()
        {
            return Err(self.bad(e, "an INTERVAL of a compound unit"));
        }
        let (unit, date_unit) = match iv.leading_field {
            Some(DateTimeField::Year) => ("year", true),
            Some(DateTimeField::Month) => ("month", true),
            Some(DateTimeField::Week(_)) => ("week", true),
            Some(DateTimeField::Day) => ("day", true),
            Some(DateTimeField::Hour) => ("hour", false),
            Some(DateTimeField::Minute) => ("minute", false),
            Some(DateTimeField::Second) => ("second", false),
            _ => return Err(self.bad(e, "an INTERVAL unit")),
        };
        let n = self.int(&iv.value)?;
        let base = self.date(d, false)?;
        let op = if minus { "-" } else { "+" };
        let sum = format!("({} {op} ({}) * INTERVAL '1 {unit}')", base.s, n.s);
        // MySQL keeps a DATE a DATE when the unit is days or longer
        if base.t == Ty::Date && date_unit {
            Ok(V::new(format!("CAST({sum} AS date)"), Ty::Date))
        } else {
            Ok(V::new(sum, Ty::DateTime))
        }
    }

    fn extract(&mut self, field: &DateTimeField, x: &Expr, e: &Expr) -> R<V> {
        let name = match field {
            DateTimeField::Year => "YEAR",
            DateTimeField::Month => "MONTH",
            DateTimeField::Day => "DAY",
            DateTimeField::Hour => "HOUR",
            DateTimeField::Minute => "MINUTE",
            DateTimeField::Quarter => "QUARTER",
            DateTimeField::Second => "SECOND",
            _ => return Err(self.bad(e, format!("EXTRACT({field})"))),
        };
        self.date_part(name, x, e)
    }

    /// `YEAR(d)`, `EXTRACT(MONTH FROM d)`, …: integers, as in MySQL.
    fn date_part(&mut self, field: &str, x: &Expr, e: &Expr) -> R<V> {
        let time_ok = matches!(field, "HOUR" | "MINUTE" | "SECOND");
        let v = self.date(x, time_ok)?;
        let ex = format!("EXTRACT({field} FROM {})", v.s);
        let s = if field == "SECOND" {
            format!("CAST(floor({ex}) AS integer)")
        } else {
            format!("CAST({ex} AS integer)")
        };
        let _ = e;
        Ok(V::new(s, Ty::Int))
    }

    fn cast(&mut self, x: &Expr, to: &str, e: &Expr) -> R<V> {
        let to = to.to_ascii_uppercase();
        let to = to.trim();
        if to == "UNSIGNED" || to == "UNSIGNED INTEGER" {
            let v = self.num(x)?;
            let s = match v.t {
                Ty::Int | Ty::Null => v.s,
                Ty::Num => format!("round({})", v.s),
                _ => return Err(self.bad(e, "CAST of a floating-point value AS UNSIGNED")),
            };
            // MySQL wraps negative values around 2^64
            return Ok(V::new(
                format!("CAST(CASE WHEN {s} < 0 THEN {s} + 18446744073709551616 ELSE {s} END AS numeric(20))"),
                Ty::Num,
            ));
        }
        if to == "SIGNED" || to == "SIGNED INTEGER" {
            let v = self.num(x)?;
            return match v.t {
                Ty::Int | Ty::Num | Ty::Null => {
                    Ok(V::new(format!("CAST({} AS bigint)", v.s), Ty::Int))
                }
                _ => Err(self.bad(e, "CAST of a floating-point value AS SIGNED")),
            };
        }
        if to == "CHAR" || to == "NCHAR" {
            let s = self.text(x, "CAST AS CHAR")?;
            return Ok(V::new(format!("CAST({s} AS text)"), Ty::Text));
        }
        if let Some(n) = to
            .strip_prefix("CHAR(")
            .and_then(|r| r.strip_suffix(')'))
            .and_then(|n| n.trim().parse::<u32>().ok())
        {
            let s = self.text(x, "CAST AS CHAR")?;
            return Ok(V::new(format!("CAST({s} AS varchar({n}))"), Ty::Text));
        }
        if to == "DATE" {
            let v = self.date(x, false)?;
            return Ok(V::new(format!("CAST({} AS date)", v.s), Ty::Date));
        }
        if to == "DATETIME" {
            let v = self.date(x, false)?;
            return Ok(V::new(
                format!("CAST({} AS timestamp(0))", v.s),
                Ty::DateTime,
            ));
        }
        Err(self.bad(e, format!("CAST AS {to}")))
    }

    /// SUBSTRING: positive literal start (MySQL's 0 and negative starts count
    /// differently), a length that cannot be negative (PostgreSQL refuses those).
    fn substr(&mut self, x: &Expr, from: Option<&Expr>, len: Option<&Expr>, e: &Expr) -> R<V> {
        let s = self.text(x, "SUBSTRING")?;
        let Some(from) = from else {
            return Err(self.bad(e, "SUBSTRING without a start"));
        };
        match int_lit(from) {
            Some(p) if p >= 1 => {}
            _ => return Err(self.bad(e, "SUBSTRING from a start other than a positive number")),
        }
        let p = self.expr(from)?.s;
        match len {
            None => Ok(V::new(format!("substr({s}, {p})"), Ty::Text)),
            Some(l) => {
                let length_fn = matches!(l, Expr::Function(f) if one_name(&f.name).is_some_and(|n| {
                    matches!(n.as_str(), "length" | "char_length" | "character_length" | "octet_length")
                }));
                if !length_fn && int_lit(l).is_none_or(|n| n < 0) {
                    return Err(self.bad(e, "SUBSTRING of a length that may be negative"));
                }
                let n = self.int(l)?.s;
                Ok(V::new(format!("substr({s}, {p}, {n})"), Ty::Text))
            }
        }
    }

    /// Arguments of a plain function call.
    fn plain_args<'f>(&self, f: &'f Function, e: &Expr) -> R<Vec<&'f Expr>> {
        let (args, distinct, clauses, star) = self.args(f, e)?;
        if distinct || !clauses.is_empty() || star {
            return Err(self.bad(e, format!("{}(DISTINCT / * / ORDER BY …)", f.name)));
        }
        Ok(args)
    }

    #[allow(clippy::type_complexity)]
    fn args<'f>(
        &self,
        f: &'f Function,
        e: &Expr,
    ) -> R<(Vec<&'f Expr>, bool, &'f [FunctionArgumentClause], bool)> {
        if f.uses_odbc_syntax
            || !matches!(f.parameters, FunctionArguments::None)
            || f.filter.is_some()
            || f.null_treatment.is_some()
            || f.over.is_some()
            || !f.within_group.is_empty()
        {
            return Err(self.bad(e, format!("{}() with OVER, FILTER or WITHIN GROUP", f.name)));
        }
        match &f.args {
            FunctionArguments::None => Ok((Vec::new(), false, &[], false)),
            FunctionArguments::Subquery(_) => Err(self.bad(e, format!("{}(subquery)", f.name))),
            FunctionArguments::List(l) => {
                let mut args = Vec::new();
                let mut star = false;
                for a in &l.args {
                    match a {
                        FunctionArg::Unnamed(FunctionArgExpr::Expr(x)) => args.push(x),
                        FunctionArg::Unnamed(FunctionArgExpr::Wildcard) => star = true,
                        _ => return Err(self.bad(e, format!("an argument of {}()", f.name))),
                    }
                }
                let distinct = matches!(l.duplicate_treatment, Some(DuplicateTreatment::Distinct));
                Ok((args, distinct, &l.clauses, star))
            }
        }
    }

    fn arity(
        &self,
        name: &str,
        args: &[&Expr],
        n: std::ops::RangeInclusive<usize>,
        e: &Expr,
    ) -> R<()> {
        if n.contains(&args.len()) {
            Ok(())
        } else {
            Err(self.bad(e, format!("{name}() with {} arguments", args.len())))
        }
    }

    fn function(&mut self, f: &Function, e: &Expr) -> R<V> {
        let Some(name) = one_name(&f.name).map(|n| n.to_ascii_uppercase()) else {
            return self.untranslated(f, e);
        };
        let level = self.scopes.len().saturating_sub(1);
        match name.as_str() {
            "COUNT" | "SUM" | "AVG" | "MIN" | "MAX" | "GROUP_CONCAT" => {
                let (args, distinct, clauses, star) = self.args(f, e)?;
                if let Some(sc) = self.scopes.get_mut(level) {
                    sc.agg += 1;
                    sc.saw_agg = true;
                }
                let r = self.aggregate(&name, &args, distinct, clauses, star, e);
                if let Some(sc) = self.scopes.get_mut(level) {
                    sc.agg -= 1;
                }
                r
            }
            _ => self.scalar(&name, f, e),
        }
    }

    fn aggregate(
        &mut self,
        name: &str,
        args: &[&Expr],
        distinct: bool,
        clauses: &[FunctionArgumentClause],
        star: bool,
        e: &Expr,
    ) -> R<V> {
        let d = if distinct { "DISTINCT " } else { "" };
        if name != "GROUP_CONCAT" && !clauses.is_empty() {
            return Err(self.bad(e, format!("{name}(… ORDER BY)")));
        }
        match name {
            "COUNT" if star && args.is_empty() && !distinct => {
                Ok(V::new("count(*)".into(), Ty::Int))
            }
            "COUNT" if args.len() == 1 && !star => {
                let v = self.expr(args[0])?;
                Ok(V::new(format!("count({d}{})", v.s), Ty::Int))
            }
            "SUM" if args.len() == 1 && !star => {
                let v = self.num(args[0])?;
                match v.t {
                    Ty::Int => Ok(V::new(format!("sum({d}{})", v.s), Ty::Int)),
                    Ty::Num | Ty::Null => Ok(V::new(format!("sum({d}{})", v.s), Ty::Num)),
                    _ => Err(self.bad(e, "SUM of floating-point values (MySQL sums in double)")),
                }
            }
            "AVG" if args.len() == 1 && !star => {
                let v = self.num(args[0])?;
                match v.t {
                    // MySQL: 4 more decimals than the argument (div_precision_increment)
                    Ty::Int => Ok(V::new(format!("round(avg({d}{}), 4)", v.s), Ty::Num)),
                    _ => Err(self.bad(e, "AVG of a decimal or floating-point value")),
                }
            }
            "MIN" | "MAX" if args.len() == 1 && !star => {
                let v = self.expr(args[0])?;
                match v.t {
                    Ty::Bool => {
                        let f = if name == "MIN" { "bool_and" } else { "bool_or" };
                        Ok(V::new(format!("{f}({})", v.s), Ty::Bool))
                    }
                    Ty::Bytes | Ty::Other => {
                        Err(self.bad(e, format!("{name} of binary, JSON, SET or BIT values")))
                    }
                    t => Ok(V::new(format!("{}({d}{})", name.to_lowercase(), v.s), t)),
                }
            }
            "GROUP_CONCAT" if !args.is_empty() && !star => {
                let mut parts = Vec::new();
                for a in args {
                    parts.push(self.text(a, "GROUP_CONCAT")?);
                }
                let x = if parts.len() == 1 {
                    parts.remove(0)
                } else {
                    format!("({})", parts.join(" || "))
                };
                let mut sep = quote(",");
                let mut order = Vec::new();
                for c in clauses {
                    match c {
                        FunctionArgumentClause::Separator(v) => match &v.value {
                            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => {
                                sep = quote(s)
                            }
                            _ => {
                                return Err(self.bad(e, "GROUP_CONCAT(… SEPARATOR) of a non-string"))
                            }
                        },
                        FunctionArgumentClause::OrderBy(items) => {
                            for ob in items {
                                let dir = self.direction(ob)?;
                                let v = self.expr(&ob.expr)?;
                                if distinct && v.s != x {
                                    return Err(self.bad(
                                        e,
                                        "GROUP_CONCAT(DISTINCT … ORDER BY …) ordered by another expression than its argument",
                                    ));
                                }
                                order.push(format!("{}{dir}", v.s));
                            }
                        }
                        _ => return Err(self.bad(e, "GROUP_CONCAT(… LIMIT)")),
                    }
                }
                let order = if order.is_empty() {
                    String::new()
                } else {
                    format!(" ORDER BY {}", order.join(", "))
                };
                Ok(V::new(
                    format!("string_agg({d}{x}, {sep}{order})"),
                    Ty::Text,
                ))
            }
            _ => Err(self.bad(e, format!("{name}() with these arguments"))),
        }
    }

    fn scalar(&mut self, name: &str, f: &Function, e: &Expr) -> R<V> {
        let args = self.plain_args(f, e)?;
        let a = args.as_slice();
        let no_parens = matches!(f.args, FunctionArguments::None);
        match name {
            "IFNULL" | "COALESCE" | "NULLIF" | "IF" | "GREATEST" | "LEAST" => {
                self.conditional(name, a, e)
            }
            "ISNULL" => {
                self.arity(name, a, 1..=1, e)?;
                let v = self.expr(a[0])?;
                Ok(V::new(format!("({} IS NULL)", v.s), Ty::Bool))
            }
            "CONCAT" => {
                self.arity(name, a, 1..=usize::MAX, e)?;
                let mut parts = Vec::new();
                for x in a {
                    parts.push(self.text(x, "CONCAT")?);
                }
                // `||` is NULL when any part is, as CONCAT (PostgreSQL's concat() is not)
                Ok(V::new(format!("({})", parts.join(" || ")), Ty::Text))
            }
            "CONCAT_WS" => {
                self.arity(name, a, 2..=usize::MAX, e)?;
                let mut parts = Vec::new();
                for x in a {
                    parts.push(self.text(x, "CONCAT_WS")?);
                }
                Ok(V::new(format!("concat_ws({})", parts.join(", ")), Ty::Text))
            }
            "UPPER" | "UCASE" | "LOWER" | "LCASE" => {
                self.arity(name, a, 1..=1, e)?;
                let x = self.text(a[0], name)?;
                let f = if name.starts_with('U') {
                    "upper"
                } else {
                    "lower"
                };
                Ok(V::new(format!("{f}({x})"), Ty::Text))
            }
            "LENGTH" | "OCTET_LENGTH" => {
                self.arity(name, a, 1..=1, e)?;
                let x = self.text(a[0], name)?;
                Ok(V::new(format!("octet_length({x})"), Ty::Int))
            }
            "CHAR_LENGTH" | "CHARACTER_LENGTH" => {
                self.arity(name, a, 1..=1, e)?;
                let x = self.text(a[0], name)?;
                Ok(V::new(format!("char_length({x})"), Ty::Int))
            }
            "SUBSTR" | "SUBSTRING" | "MID" => {
                self.arity(name, a, 2..=3, e)?;
                self.substr(a[0], Some(a[1]), a.get(2).copied(), e)
            }
            "LEFT" | "RIGHT" => {
                self.arity(name, a, 2..=2, e)?;
                if int_lit(a[1]).is_none_or(|n| n < 0) {
                    return Err(self.bad(e, format!("{name}() of a length that may be negative")));
                }
                let x = self.text(a[0], name)?;
                let n = self.int(a[1])?.s;
                Ok(V::new(
                    format!("{}({x}, {n})", name.to_lowercase()),
                    Ty::Text,
                ))
            }
            "LOCATE" | "INSTR" => {
                self.arity(name, a, 2..=2, e)?;
                let (needle, hay) = if name == "LOCATE" {
                    (a[0], a[1])
                } else {
                    (a[1], a[0])
                };
                let n = self.text(needle, name)?;
                let h = self.text(hay, name)?;
                Ok(V::new(format!("strpos({h}, {n})"), Ty::Int))
            }
            "REPLACE" => {
                self.arity(name, a, 3..=3, e)?;
                let mut p = Vec::new();
                for x in a {
                    p.push(self.text(x, name)?);
                }
                Ok(V::new(format!("replace({})", p.join(", ")), Ty::Text))
            }
            "TRIM" | "LTRIM" | "RTRIM" | "REVERSE" => {
                self.arity(name, a, 1..=1, e)?;
                let x = self.text(a[0], name)?;
                Ok(V::new(format!("{}({x})", name.to_lowercase()), Ty::Text))
            }
            "REPEAT" => {
                self.arity(name, a, 2..=2, e)?;
                let x = self.text(a[0], name)?;
                let n = self.int(a[1])?.s;
                Ok(V::new(format!("repeat({x}, {n})"), Ty::Text))
            }
            "SUBSTRING_INDEX" => {
                self.arity(name, a, 3..=3, e)?;
                let delim_ok = matches!(self.expr(a[1])?.lit.as_deref(), Some(d) if !d.is_empty());
                let n = int_lit(a[2]).filter(|n| *n >= 1);
                let (true, Some(n)) = (delim_ok, n) else {
                    return Err(self.bad(e, "SUBSTRING_INDEX() with a count other than a positive number, or an empty or computed delimiter"));
                };
                let x = self.text(a[0], name)?;
                let d = self.text(a[1], name)?;
                if n == 1 {
                    Ok(V::new(format!("split_part({x}, {d}, 1)"), Ty::Text))
                } else {
                    Ok(V::new(
                        format!("array_to_string((string_to_array({x}, {d}))[1:{n}], {d})"),
                        Ty::Text,
                    ))
                }
            }
            "FIND_IN_SET" => {
                self.arity(name, a, 2..=2, e)?;
                let x = self.text(a[0], name)?;
                let s = self.text(a[1], name)?;
                // MySQL: 0 when absent, NULL when an argument is NULL
                Ok(V::new(
                    format!("CASE WHEN {x} IS NULL OR {s} IS NULL THEN NULL ELSE COALESCE(array_position(string_to_array({s}, ','), {x}), 0) END"),
                    Ty::Int,
                ))
            }
            "YEAR" | "MONTH" | "DAY" | "DAYOFMONTH" | "HOUR" | "MINUTE" | "SECOND" | "QUARTER"
            | "DAYOFYEAR" => {
                self.arity(name, a, 1..=1, e)?;
                let field = match name {
                    "DAYOFMONTH" => "DAY",
                    "DAYOFYEAR" => "DOY",
                    other => other,
                };
                self.date_part(field, a[0], e)
            }
            "DAYOFWEEK" | "WEEKDAY" => {
                self.arity(name, a, 1..=1, e)?;
                let v = self.date(a[0], false)?;
                let s = if name == "DAYOFWEEK" {
                    format!("(CAST(EXTRACT(DOW FROM {}) AS integer) + 1)", v.s)
                } else {
                    format!("(CAST(EXTRACT(ISODOW FROM {}) AS integer) - 1)", v.s)
                };
                Ok(V::new(s, Ty::Int))
            }
            "DATE" => {
                self.arity(name, a, 1..=1, e)?;
                let v = self.date(a[0], false)?;
                Ok(V::new(format!("CAST({} AS date)", v.s), Ty::Date))
            }
            "TO_DAYS" => {
                self.arity(name, a, 1..=1, e)?;
                let x = self.date(a[0], false)?;
                // days since year 0, as MySQL counts them (proleptic Gregorian)
                Ok(V::new(
                    format!("(CAST({} AS date) - DATE '0001-01-01' + 366)", x.s),
                    Ty::Int,
                ))
            }
            "DATEDIFF" => {
                self.arity(name, a, 2..=2, e)?;
                let x = self.date(a[0], false)?;
                let y = self.date(a[1], false)?;
                Ok(V::new(
                    format!("(CAST({} AS date) - CAST({} AS date))", x.s, y.s),
                    Ty::Int,
                ))
            }
            "DATE_ADD" | "ADDDATE" | "DATE_SUB" | "SUBDATE" => {
                self.arity(name, a, 2..=2, e)?;
                if !matches!(a[1], Expr::Interval(_)) {
                    return Err(self.bad(e, format!("{name}() with a number of days")));
                }
                self.date_add(a[0], a[1], name.contains("SUB"), e)
            }
            "DATE_FORMAT" => {
                self.arity(name, a, 2..=2, e)?;
                let d = self.date(a[0], false)?;
                let fmt = self.expr(a[1])?.lit;
                let Some(pg) = fmt.as_deref().and_then(date_format) else {
                    return Err(self.bad(
                        e,
                        "DATE_FORMAT() with a format that is not a literal of %Y %m %d %H %i %s …",
                    ));
                };
                Ok(V::new(
                    format!("to_char({}, {})", d.s, quote(&pg)),
                    Ty::Text,
                ))
            }
            "NOW" | "CURRENT_TIMESTAMP" | "LOCALTIME" | "LOCALTIMESTAMP" | "SYSDATE" => {
                let fsp = match a {
                    [] => 0,
                    [x] => int_lit(x).unwrap_or(-1),
                    _ => -1,
                };
                let clock = if name == "SYSDATE" {
                    "clock_timestamp()"
                } else {
                    "statement_timestamp()"
                };
                let s = match fsp {
                    0 => format!("date_trunc('second', CAST({clock} AS timestamp))"),
                    6 => format!("CAST({clock} AS timestamp)"),
                    _ => {
                        return Err(
                            self.bad(e, format!("{name}() with a precision other than 0 or 6"))
                        )
                    }
                };
                let _ = no_parens;
                Ok(V::new(s, Ty::DateTime))
            }
            "CURDATE" | "CURRENT_DATE" if a.is_empty() => Ok(V::new(
                "CAST(statement_timestamp() AS date)".into(),
                Ty::Date,
            )),
            "CURTIME" | "CURRENT_TIME" if a.is_empty() => {
                Ok(V::new(format!("CAST({NOW} AS time)"), Ty::Time))
            }
            "ABS" => {
                self.arity(name, a, 1..=1, e)?;
                let v = self.num(a[0])?;
                Ok(V::new(format!("abs({})", v.s), v.t))
            }
            "CEIL" | "CEILING" | "FLOOR" => {
                self.arity(name, a, 1..=1, e)?;
                let v = self.num(a[0])?;
                if v.t == Ty::Float {
                    return Err(self.bad(e, format!("{name}() of a floating-point value")));
                }
                let f = if name == "FLOOR" { "floor" } else { "ceil" };
                Ok(V::new(format!("{f}({})", v.s), v.t))
            }
            "ROUND" | "TRUNCATE" => {
                self.arity(name, a, if name == "ROUND" { 1..=2 } else { 2..=2 }, e)?;
                let v = self.num(a[0])?;
                let places = match a.get(1) {
                    None => 0,
                    Some(x) => match int_lit(x) {
                        Some(n) => n,
                        None => {
                            return Err(
                                self.bad(e, format!("{name}() to a computed number of places"))
                            )
                        }
                    },
                };
                let f = if name == "ROUND" { "round" } else { "trunc" };
                match v.t {
                    Ty::Int | Ty::Null if places >= 0 => Ok(v),
                    Ty::Int => Ok(V::new(
                        format!("{f}(CAST({} AS numeric), {places})", v.s),
                        Ty::Num,
                    )),
                    Ty::Num => Ok(V::new(format!("{f}({}, {places})", v.s), Ty::Num)),
                    _ => Err(self.bad(e, format!("{name}() of a floating-point value"))),
                }
            }
            "MOD" => {
                self.arity(name, a, 2..=2, e)?;
                let x = self.num(a[0])?;
                let y = self.num(a[1])?;
                if x.t == Ty::Float || y.t == Ty::Float {
                    return Err(self.bad(e, "MOD() of floating-point values"));
                }
                let t = self.unify_types(&[x.t, y.t]).unwrap_or(Ty::Num);
                Ok(V::new(format!("mod({}, NULLIF({}, 0))", x.s, y.s), t))
            }
            "RAND" if a.is_empty() => Ok(V::new("random()".into(), Ty::Float)),
            _ => self.untranslated(f, e),
        }
    }

    /// IF, IFNULL, COALESCE, NULLIF, GREATEST, LEAST.
    fn conditional(&mut self, name: &str, a: &[&Expr], e: &Expr) -> R<V> {
        match name {
            "IF" => {
                self.arity(name, a, 3..=3, e)?;
                let c = self.cond(a[0])?;
                let mut vs = [self.expr(a[1])?, self.expr(a[2])?];
                let t = self.unify(&mut vs, e)?;
                Ok(V::new(
                    format!("CASE WHEN {c} THEN {} ELSE {} END", vs[0].s, vs[1].s),
                    t,
                ))
            }
            _ => {
                let range = match name {
                    "IFNULL" | "NULLIF" => 2..=2,
                    "COALESCE" => 1..=usize::MAX,
                    _ => 2..=usize::MAX,
                };
                self.arity(name, a, range, e)?;
                let mut vs = Vec::new();
                for x in a {
                    vs.push(self.expr(x)?);
                }
                if vs.iter().any(|v| matches!(v.t, Ty::Bytes | Ty::Other)) {
                    return Err(self.bad(e, format!("{name}() of binary, JSON, SET or BIT values")));
                }
                let t = self.unify(&mut vs, e)?;
                let texts: Vec<&str> = vs.iter().map(|v| v.s.as_str()).collect();
                let list = texts.join(", ");
                let s = match name {
                    "IFNULL" | "COALESCE" => format!("COALESCE({list})"),
                    "NULLIF" => format!("NULLIF({list})"),
                    _ => {
                        if t == Ty::Bool {
                            return Err(self.bad(e, format!("{name}() of booleans")));
                        }
                        // MySQL: NULL when any argument is NULL; PostgreSQL skips NULLs
                        let nulls: Vec<String> =
                            texts.iter().map(|x| format!("{x} IS NULL")).collect();
                        format!(
                            "CASE WHEN {} THEN NULL ELSE {name}({list}) END",
                            nulls.join(" OR ")
                        )
                    }
                };
                Ok(V::new(s, t))
            }
        }
    }

    /// A function without a translation here: a stored function (routines are not
    /// translated) or a MySQL function without an exact PostgreSQL equivalent.
    fn untranslated(&self, f: &Function, e: &Expr) -> R<V> {
        Err(self.bad(e, format!("{}() (no exact PostgreSQL translation)", f.name)))
    }
}

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

impl Tx<'_> {
    /// `v` stored into a column of type `to`, or why not.
    fn assign(&self, to: Ty, v: V, node: &Expr) -> R<String> {
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

/// CASE result texts (ELSE text last) and their type.
struct Results(Vec<String>, Ty);

impl Results {
    fn pop(&mut self) -> Option<String> {
        self.0.pop()
    }
}

/// The translated parts of a `SELECT` after its `FROM`.
struct Tail {
    items: Vec<String>,
    cols: Vec<(String, Ty)>,
    having: Option<String>,
    order: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::views::{parse, prepare};

    /// Table `t` (`id` primary key) and `u`, a view-like relation without a key.
    struct Fake;

    impl Catalog for Fake {
        fn relation(&self, key: &str) -> Option<Relation> {
            let col = |n: &str, t: Ty| (n.to_string(), t);
            match key {
                "t" | "order" => Some(Relation {
                    name: pg_ident(key),
                    cols: vec![
                        col("id", Ty::Int),
                        col("i", Ty::Int),
                        col("n", Ty::Num),
                        col("f", Ty::Float),
                        col("s", Ty::Text),
                        col("d", Ty::Date),
                        col("ts", Ty::DateTime),
                        col("b", Ty::Bool),
                        col("j", Ty::Other),
                        col("\"select\"", Ty::Text),
                    ],
                    pk: vec!["id".into()],
                }),
                "u" => Some(Relation {
                    name: "u".into(),
                    cols: vec![col("id", Ty::Int), col("s", Ty::Text)],
                    pk: Vec::new(),
                }),
                _ => None,
            }
        }
    }

    /// A query translated, or the reason it is not.
    fn sel(sql: &str) -> Result<String, String> {
        let st = parse(&prepare(sql.as_bytes())?).map_err(|b| b.what)?;
        let Statement::Query(q) = st else {
            return Err("not a query".into());
        };
        Tx::new(&Fake, Some("shop"))
            .query(&q)
            .map(|(s, _)| s)
            .map_err(|b| b.what)
    }

    /// One expression over `t`, translated.
    fn ex(e: &str) -> Result<String, String> {
        let s = sel(&format!("SELECT {e} AS x FROM t"))?;
        let body = s.strip_prefix("SELECT ").unwrap_or(&s);
        Ok(body
            .strip_suffix(" AS x FROM t")
            .unwrap_or(body)
            .to_string())
    }

    fn no(e: &str) -> String {
        ex(e).expect_err(e)
    }

    #[test]
    fn facts_null_and_conditionals() {
        assert_eq!(ex("IFNULL(s, 'x')").unwrap(), "COALESCE(s, 'x')");
        assert_eq!(
            ex("IF(i > 2, 'a', 'b')").unwrap(),
            "CASE WHEN (i > 2) THEN 'a' ELSE 'b' END"
        );
        // MySQL: any non-zero number is true
        assert_eq!(
            ex("IF(i, 1, 0)").unwrap(),
            "CASE WHEN (i <> 0) THEN 1 ELSE 0 END"
        );
        assert_eq!(ex("IF(b, 1, 0)").unwrap(), "CASE WHEN b THEN 1 ELSE 0 END");
        // a string is not a condition PostgreSQL takes
        assert!(no("IF(s, 1, 0)").contains("string value used as a condition"));
        // branches of unrelated types: MySQL converts, PostgreSQL refuses
        assert!(no("IF(b, 1, 'x')").contains("mixed"));
        // GREATEST/LEAST are NULL when any argument is (PostgreSQL skips NULLs)
        assert_eq!(
            ex("GREATEST(i, n)").unwrap(),
            "CASE WHEN i IS NULL OR n IS NULL THEN NULL ELSE GREATEST(i, n) END"
        );
        assert_eq!(ex("a.i <=> NULL").map_err(|_| ()).ok(), None); // no table a
        assert_eq!(ex("i <=> n").unwrap(), "(i IS NOT DISTINCT FROM n)");
        assert_eq!(ex("ISNULL(s)").unwrap(), "(s IS NULL)");
    }

    #[test]
    fn facts_concat_keeps_null_semantics() {
        // `||` is NULL when a part is NULL, as MySQL's CONCAT; PostgreSQL's concat()
        // would skip the NULL
        assert_eq!(
            ex("CONCAT(s, '-', i)").unwrap(),
            "(s || '-' || CAST(i AS text))"
        );
        assert!(!ex("CONCAT(s, NULL)").unwrap().contains("concat("));
        assert_eq!(ex("CONCAT(_utf8mb4'a', s)").unwrap(), "('a' || s)");
        // dates print alike only through an explicit format
        assert_eq!(ex("CONCAT(d)").unwrap(), "(to_char(d, 'YYYY-MM-DD'))");
        // floats and booleans print differently
        assert!(no("CONCAT(f, s)").contains("floating-point"));
        assert!(no("CONCAT(b, s)").contains("boolean"));
        assert_eq!(
            ex("CONCAT_WS(',', s, i)").unwrap(),
            "concat_ws(',', s, CAST(i AS text))"
        );
    }

    #[test]
    fn facts_group_concat_is_string_agg() {
        assert_eq!(
            sel("SELECT GROUP_CONCAT(s ORDER BY s DESC SEPARATOR ';') AS x FROM t").unwrap(),
            "SELECT string_agg(s, ';' ORDER BY s DESC NULLS LAST) AS x FROM t"
        );
        assert_eq!(
            sel("SELECT GROUP_CONCAT(DISTINCT i) AS x FROM t").unwrap(),
            "SELECT string_agg(DISTINCT CAST(i AS text), ',') AS x FROM t"
        );
        // DISTINCT ordered by something else: PostgreSQL refuses, no exact rewrite
        assert!(
            sel("SELECT GROUP_CONCAT(DISTINCT s ORDER BY i) AS x FROM t")
                .unwrap_err()
                .contains("GROUP_CONCAT(DISTINCT")
        );
    }

    #[test]
    fn facts_strings() {
        assert_eq!(ex("LENGTH(s)").unwrap(), "octet_length(s)");
        assert_eq!(ex("CHAR_LENGTH(s)").unwrap(), "char_length(s)");
        assert_eq!(ex("LOCATE('x', s)").unwrap(), "strpos(s, 'x')");
        assert_eq!(ex("INSTR(s, 'x')").unwrap(), "strpos(s, 'x')");
        assert_eq!(ex("UCASE(s)").unwrap(), "upper(s)");
        assert_eq!(ex("LCASE(s)").unwrap(), "lower(s)");
        assert_eq!(
            ex("SUBSTRING_INDEX(s, '.', 1)").unwrap(),
            "split_part(s, '.', 1)"
        );
        assert_eq!(
            ex("SUBSTRING_INDEX(s, '.', 2)").unwrap(),
            "array_to_string((string_to_array(s, '.'))[1:2], '.')"
        );
        assert!(no("SUBSTRING_INDEX(s, '.', -1)").contains("SUBSTRING_INDEX"));
        assert_eq!(ex("SUBSTR(s, 2, 3)").unwrap(), "substr(s, 2, 3)");
        assert_eq!(
            ex("SUBSTR(s, 2, LENGTH(s))").unwrap(),
            "substr(s, 2, octet_length(s))"
        );
        // MySQL's start 0 and negative starts count differently
        assert!(no("SUBSTR(s, 0)").contains("SUBSTRING"));
        assert!(no("SUBSTR(s, -2)").contains("SUBSTRING"));
        assert!(no("SUBSTR(s, 1, i)").contains("negative"));
        assert_eq!(
            ex("FIND_IN_SET('b', s)").unwrap(),
            "CASE WHEN 'b' IS NULL OR s IS NULL THEN NULL ELSE COALESCE(array_position(string_to_array(s, ','), 'b'), 0) END"
        );
        assert_eq!(ex("s REGEXP '^a'").unwrap(), "(s ~* '^a')");
        assert!(no("s REGEXP '\\\\d'").contains("REGEXP"));
        assert!(no("s || 'a'").contains("||"));
    }

    #[test]
    fn facts_dates() {
        assert_eq!(
            ex("DAY(d)").unwrap(),
            "CAST(EXTRACT(DAY FROM d) AS integer)"
        );
        assert_eq!(
            ex("DAYOFMONTH(d)").unwrap(),
            "CAST(EXTRACT(DAY FROM d) AS integer)"
        );
        assert_eq!(
            ex("MONTH(d)").unwrap(),
            "CAST(EXTRACT(MONTH FROM d) AS integer)"
        );
        assert_eq!(
            ex("YEAR(ts)").unwrap(),
            "CAST(EXTRACT(YEAR FROM ts) AS integer)"
        );
        assert_eq!(
            ex("HOUR(ts)").unwrap(),
            "CAST(EXTRACT(HOUR FROM ts) AS integer)"
        );
        assert_eq!(
            ex("MINUTE(ts)").unwrap(),
            "CAST(EXTRACT(MINUTE FROM ts) AS integer)"
        );
        assert_eq!(
            ex("DAYOFWEEK(d)").unwrap(),
            "(CAST(EXTRACT(DOW FROM d) AS integer) + 1)"
        );
        assert!(no("WEEK(d)").contains("WEEK()"));
        assert!(no("YEAR(s)").contains("string value used as a date"));
        assert_eq!(
            ex("DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s')").unwrap(),
            "to_char(ts, 'YYYY-MM-DD HH24:MI:SS')"
        );
        assert_eq!(
            date_format("%e %M at %k").as_deref(),
            Some("FMDD FMMonth\" at \"FMHH24")
        );
        assert!(no("DATE_FORMAT(ts, '%U')").contains("DATE_FORMAT"));
        assert_eq!(
            ex("CURDATE()").unwrap(),
            "CAST(statement_timestamp() AS date)"
        );
        assert_eq!(ex("NOW()").unwrap(), NOW);
        assert_eq!(ex("CURRENT_TIMESTAMP").unwrap(), NOW);
        assert_eq!(
            ex("SYSDATE()").unwrap(),
            "date_trunc('second', CAST(clock_timestamp() AS timestamp))"
        );
        assert_eq!(ex("CURTIME()").unwrap(), format!("CAST({NOW} AS time)"));
        assert_eq!(
            ex("DATEDIFF(d, '2000-01-01')").unwrap(),
            "(CAST(d AS date) - CAST(DATE '2000-01-01' AS date))"
        );
        // a DATE plus days stays a DATE, as in MySQL
        assert_eq!(
            ex("d + INTERVAL 1 MONTH").unwrap(),
            "CAST((d + (1) * INTERVAL '1 month') AS date)"
        );
        assert_eq!(
            ex("DATE_SUB(ts, INTERVAL 2 HOUR)").unwrap(),
            "(ts - (2) * INTERVAL '1 hour')"
        );
        assert!(no("UNIX_TIMESTAMP(ts)").contains("UNIX_TIMESTAMP"));
        assert_eq!(ex("d < '2010-01-01'").unwrap(), "(d < '2010-01-01')");
    }

    #[test]
    fn facts_numbers_and_casts() {
        assert_eq!(ex("i DIV 2").unwrap(), "div(i, NULLIF(2, 0))");
        assert_eq!(ex("i % 3").unwrap(), "(i % NULLIF(3, 0))");
        assert_eq!(ex("RAND()").unwrap(), "random()");
        assert_eq!(ex("TRUNCATE(n, 1)").unwrap(), "trunc(n, 1)");
        assert_eq!(ex("CAST(n AS SIGNED)").unwrap(), "CAST(n AS bigint)");
        assert_eq!(
            ex("CAST(i AS UNSIGNED)").unwrap(),
            "CAST(CASE WHEN i < 0 THEN i + 18446744073709551616 ELSE i END AS numeric(20))"
        );
        assert_eq!(
            ex("CAST(i AS CHAR)").unwrap(),
            "CAST(CAST(i AS text) AS text)"
        );
        assert!(no("i / 2").contains("division"));
        assert!(no("CAST(f AS UNSIGNED)").contains("floating-point"));
        // MySQL computes integers in 64 bits
        assert_eq!(ex("i * 1000").unwrap(), "(CAST(i AS bigint) * 1000)");
        // booleans are 0 and 1
        assert_eq!(
            ex("b + 1").unwrap(),
            "(CAST(CAST(b AS integer) AS bigint) + 1)"
        );
        assert_eq!(ex("b = 1").unwrap(), "(CAST(b AS integer) = 1)");
        // a string compared with a number: MySQL converts, both ways
        assert!(no("s = 1").contains("mixed"));
        assert_eq!(ex("i = '5'").unwrap(), "(i = 5)");
        assert!(no("i = 'x'").contains("mixed"));
        assert!(no("SUM(f)").contains("floating-point"));
        assert_eq!(ex("AVG(i)").unwrap(), "round(avg(i), 4)");
    }

    #[test]
    fn queries() {
        // LIMIT offset, count
        assert_eq!(
            sel("SELECT id FROM t LIMIT 10, 20").unwrap(),
            "SELECT id AS id FROM t LIMIT 20 OFFSET 10"
        );
        // backticks, case, reserved words, the dumped database's qualifier
        assert_eq!(
            sel("SELECT `T`.`Id`, x.`select` FROM `shop`.`t` `T` JOIN `order` x ON x.id = T.id").unwrap(),
            "SELECT t.id AS id, x.\"select\" AS \"select\" FROM t AS t JOIN \"order\" AS x ON (x.id = t.id)"
        );
        assert!(sel("SELECT id FROM other.t")
            .unwrap_err()
            .contains("database other"));
        assert!(sel("SELECT nope FROM t")
            .unwrap_err()
            .contains("unknown column"));
        assert!(sel("SELECT id FROM missing")
            .unwrap_err()
            .contains("missing"));
        // MySQL sorts NULLs first
        assert_eq!(
            sel("SELECT id FROM t ORDER BY s, i DESC").unwrap(),
            "SELECT id AS id FROM t ORDER BY s NULLS FIRST, i DESC NULLS LAST"
        );
        // a column neither grouped nor aggregated: any row's value, as MySQL
        assert_eq!(
            sel("SELECT u.s, COUNT(*) AS n FROM u GROUP BY u.id").unwrap(),
            "SELECT (array_agg(u.s))[1] AS s, count(*) AS n FROM u GROUP BY u.id"
        );
        // unless the table's primary key is grouped (PostgreSQL accepts that)
        assert_eq!(
            sel("SELECT t.s, COUNT(*) AS n FROM t GROUP BY t.id").unwrap(),
            "SELECT t.s AS s, count(*) AS n FROM t GROUP BY t.id"
        );
        // aggregates without GROUP BY: one group
        assert_eq!(
            sel("SELECT s, COUNT(*) AS n FROM u").unwrap(),
            "SELECT (array_agg(s))[1] AS s, count(*) AS n FROM u"
        );
        assert_eq!(
            sel("SELECT id FROM t WHERE i IN (SELECT id FROM u) UNION ALL SELECT id FROM u ORDER BY id").unwrap(),
            "SELECT id AS id FROM t WHERE (i IN (SELECT id AS id FROM u)) UNION ALL SELECT id AS id FROM u ORDER BY id NULLS FIRST"
        );
        assert!(sel("SELECT s FROM t GROUP BY s WITH ROLLUP").is_err());
        assert!(sel("SELECT 1 FROM t FOR UPDATE").is_err());
    }

    /// A trigger translated, or the reason it is not.
    fn trig(sql: &str) -> Result<String, String> {
        let st = parse(&prepare(sql.as_bytes())?).map_err(|b| b.what)?;
        let Statement::CreateTrigger(t) = st else {
            return Err("not a trigger".into());
        };
        crate::convert::views::trigger(&Fake, Some("shop"), &t)
            .map(|t| t.sql)
            .map_err(|b| b.what)
    }

    #[test]
    fn triggers_become_plpgsql() {
        let sql = trig(
            "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `bi` BEFORE INSERT ON `t` FOR EACH ROW BEGIN\n  IF NEW.i IS NULL THEN SET NEW.i = 0; ELSEIF NEW.i > 9 THEN SET NEW.b = NEW.i > 99; END IF;\n  SET NEW.ts = NOW();\nEND */;;",
        )
        .unwrap();
        assert_eq!(
            sql,
            "CREATE FUNCTION t_bi_fn() RETURNS trigger LANGUAGE plpgsql AS $dumpfix$\n\
             #variable_conflict use_column\n\
             BEGIN\n  \
             IF (NEW.i IS NULL) THEN\nNEW.i := 0;\nELSIF (NEW.i > 9) THEN\nNEW.b := (NEW.i > 99);\nEND IF;\n  \
             NEW.ts := date_trunc('second', CAST(statement_timestamp() AS timestamp));\n  \
             RETURN NEW;\n\
             END $dumpfix$;\n\
             CREATE TRIGGER bi BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION t_bi_fn();\n"
        );
        // AFTER: DML on another table, RETURN NULL
        let sql = trig(
            "CREATE TRIGGER ad AFTER DELETE ON t FOR EACH ROW DELETE FROM u WHERE u.id = OLD.id;",
        )
        .unwrap();
        assert!(
            sql.contains("  DELETE FROM u WHERE (u.id = OLD.id);\n  RETURN NULL;"),
            "{sql}"
        );
        // BEFORE DELETE returns OLD
        let sql = trig("CREATE TRIGGER bd BEFORE DELETE ON t FOR EACH ROW INSERT INTO u (id, s) VALUES (OLD.id, CONCAT('gone ', OLD.s));").unwrap();
        assert!(
            sql.contains(
                "INSERT INTO u (id, s) VALUES (OLD.id, ('gone ' || OLD.s));\n  RETURN OLD;"
            ),
            "{sql}"
        );
        // what is not exact
        assert!(trig("CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW UPDATE u SET s = (SELECT MAX(s) FROM t);")
            .unwrap_err()
            .contains("reads its own table"));
        assert!(trig("CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET @n = 1;").is_err());
        assert!(trig(
            "CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW UPDATE u SET id = id + 1, s = id;"
        )
        .unwrap_err()
        .contains("left to right"));
        assert!(
            trig("CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET NEW.i = NEW.s;")
                .unwrap_err()
                .contains("string value stored in a integer column")
        );
        assert!(
            trig("CREATE TRIGGER x BEFORE INSERT ON nope FOR EACH ROW SET NEW.i = 1;").is_err()
        );
    }

    #[test]
    fn mysqldump_view_text_is_read() {
        let dumped = "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n/*!50001 VIEW `v` AS select `t`.`i` MOD 3 AS `m`,cast(`t`.`i` as char charset utf8mb3) AS `c` from `t` */;";
        let text = prepare(dumped.as_bytes()).unwrap();
        let Statement::CreateView(v) = parse(&text).unwrap() else {
            panic!("not a view");
        };
        let (q, cols) = Tx::new(&Fake, None).query(&v.query).unwrap();
        assert_eq!(
            q,
            "SELECT (t.i % NULLIF(3, 0)) AS m, CAST(CAST(t.i AS text) AS text) AS c FROM t"
        );
        assert_eq!(
            cols,
            vec![("m".to_string(), Ty::Int), ("c".to_string(), Ty::Text)]
        );
        // a MySQL 5.7+ comment (MariaDB skips it) is blanked, lines are kept
        let t = prepare(b"SELECT 1 /*!80000 + 1\n*/ AS x$$").unwrap();
        assert_eq!(t.lines().count(), 2);
        assert!(!t.contains("+ 1"));
        assert!(t.ends_with("AS x;"));
    }
}
