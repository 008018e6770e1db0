//! Expressions: conditions, operators, literals, column references, casts,
//! date arithmetic and the types that decide how each is written for PostgreSQL.

use super::*;

/// What sqlparser reads with another precedence than MySQL, where MySQL writes a
/// view or a generated column without parentheses; `None` when `e` is read right.
/// With the parentheses written, the inner node is an `Expr::Nested` and read right.
///
/// - `XOR` binds more loosely than AND, NOT and comparisons in MySQL: sqlparser reads
///   `a > 1 XOR b < 5` as `a > (1 XOR b) < 5`, `a AND b XOR c` as `a AND (b XOR c)`
///   and `NOT a XOR b` as `NOT (a XOR b)`.
/// - `IN`, `BETWEEN` and `LIKE` bind more tightly than comparisons in MySQL (they are
///   its predicates): MySQL writes `a <> (b IN (1, 2))` as `a <> b in (1,2)`, which
///   sqlparser reads as `(a <> b) IN (1, 2)`, and `a BETWEEN 1 AND (b IN (1))` as `a
///   between 1 and b in (1)`, read as `(a BETWEEN 1 AND b) IN (1)`.
fn misread(e: &Expr) -> Option<&'static str> {
    use BinaryOperator as B;
    let xor = |x: &Expr| matches!(x, Expr::BinaryOp { op: B::Xor, .. });
    // what MySQL's grammar does not take as the operand before IN, BETWEEN or LIKE
    // (a `bit_expr`) unless in parentheses
    let loose = |x: &Expr| {
        matches!(
            x,
            Expr::BinaryOp {
                op: B::Eq
                    | B::NotEq
                    | B::Lt
                    | B::LtEq
                    | B::Gt
                    | B::GtEq
                    | B::Spaceship
                    | B::And
                    | B::Or
                    | B::Xor,
                ..
            } | Expr::InList { .. }
                | Expr::InSubquery { .. }
                | Expr::Between { .. }
                | Expr::Like { .. }
                | Expr::ILike { .. }
                | Expr::RLike { .. }
                | Expr::IsNull(_)
                | Expr::IsNotNull(_)
                | Expr::IsTrue(_)
                | Expr::IsNotTrue(_)
                | Expr::IsFalse(_)
                | Expr::IsNotFalse(_)
                | Expr::UnaryOp {
                    op: UnaryOperator::Not,
                    ..
                }
        )
    };
    const XOR: &str = "XOR beside AND, NOT or a comparison without parentheses (sqlparser gives \
                       XOR a higher precedence than MySQL does)";
    const PREDICATE: &str = "IN, BETWEEN or LIKE after a comparison, a condition or another of \
                             them without parentheses (sqlparser gives them the comparison's \
                             precedence, MySQL a higher one)";
    let xor_in = match e {
        Expr::BinaryOp { left, op, right } => {
            !matches!(op, B::Or | B::Xor) && (xor(left) || xor(right))
        }
        Expr::UnaryOp { expr, .. }
        | Expr::IsNull(expr)
        | Expr::IsNotNull(expr)
        | Expr::IsTrue(expr)
        | Expr::IsNotTrue(expr)
        | Expr::IsFalse(expr)
        | Expr::IsNotFalse(expr) => xor(expr),
        Expr::Between {
            expr, low, high, ..
        } => xor(expr) || xor(low) || xor(high),
        Expr::InList { expr, .. } | Expr::InSubquery { expr, .. } => xor(expr),
        Expr::Like { expr, pattern, .. } | Expr::RLike { expr, pattern, .. } => {
            xor(expr) || xor(pattern)
        }
        _ => false,
    };
    if xor_in {
        return Some(XOR);
    }
    match e {
        Expr::InList { expr, .. }
        | Expr::InSubquery { expr, .. }
        | Expr::Between { expr, .. }
        | Expr::Like { expr, .. }
        | Expr::ILike { expr, .. }
        | Expr::RLike { expr, .. }
            if loose(expr) =>
        {
            Some(PREDICATE)
        }
        _ => None,
    }
}

impl Translator<'_> {
    // ------------------------------------------------------------- expressions

    /// A condition: MySQL takes a non-zero number as true.
    pub fn cond(&mut self, e: &Expr) -> R<String> {
        let v = self.expr(e)?;
        match v.t {
            Ty::Bool | Ty::Flag => Ok(v.s),
            Ty::Null => Ok("CAST(NULL AS boolean)".into()),
            Ty::Int | Ty::Num | Ty::Float => Ok(format!("({} <> 0)", v.s)),
            t => Err(self.bad(e, format!("a {} value used as a condition", t.name()))),
        }
    }

    /// A number (booleans are 0 and 1, numeric string literals are numbers).
    pub(super) fn num(&mut self, e: &Expr) -> R<Translated> {
        let v = self.expr(e)?;
        match v.t {
            Ty::Int | Ty::Num | Ty::Float | Ty::Null => Ok(v),
            Ty::Bool => Ok(Translated::new(
                format!("CAST({} AS integer)", v.s),
                Ty::Int,
            )),
            // MySQL computes `'5' + 1` in double: not in a generated column
            Ty::Text if !self.generating() && v.lit.as_deref().is_some_and(numeric_text) => {
                let n = v.lit.unwrap_or_default().trim().to_string();
                let t = if n.contains('.') { Ty::Num } else { Ty::Int };
                Ok(Translated::new(n, t))
            }
            Ty::Flag => Err(self.bad(
                e,
                "a boolean (tinyint(1)) column used as a number: its MySQL value may have been any integer",
            )),
            t => Err(self.bad(e, format!("a {} value used as a number", t.name()))),
        }
    }

    /// An integer-valued number.
    pub(super) fn int(&mut self, e: &Expr) -> R<Translated> {
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
    pub(super) fn text(&mut self, e: &Expr, what: &str) -> R<String> {
        let v = self.expr(e)?;
        match v.t {
            Ty::Text | Ty::Null => Ok(v.s),
            Ty::Num if v.scale_unsure => Err(self.bad(
                e,
                format!(
                    "{what} of a decimal from CASE, IF, COALESCE, GREATEST, LEAST or / (MySQL writes it with other places)"
                ),
            )),
            Ty::Int | Ty::Num => Ok(format!("CAST({} AS text)", v.s)),
            // a comparison's 1 or 0 (a generated column's booleans are comparisons)
            Ty::Bool if self.generating() => Ok(format!("CAST(CAST({} AS integer) AS text)", v.s)),
            // whatever the server's DateStyle (to_char is not immutable)
            Ty::Date if !self.generating() => Ok(format!("to_char({}, 'YYYY-MM-DD')", v.s)),
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
    pub(super) fn date(&mut self, e: &Expr, time_ok: bool) -> R<Translated> {
        let v = self.expr(e)?;
        match v.t {
            Ty::Date | Ty::DateTime | Ty::Null => Ok(v),
            Ty::Time if time_ok => Ok(v),
            Ty::Text if v.lit.as_deref().is_some_and(date_text) => {
                let l = v.lit.unwrap_or_default();
                if l.len() == 10 {
                    Ok(Translated::new(format!("DATE {}", quote(&l)), Ty::Date))
                } else {
                    Ok(Translated::new(
                        format!("TIMESTAMP {}", quote(&l)),
                        Ty::DateTime,
                    ))
                }
            }
            t => Err(self.bad(e, format!("a {} value used as a date", t.name()))),
        }
    }

    /// The common type of values shown together (CASE branches, COALESCE, IN).
    pub(super) fn unify_types(&self, ts: &[Ty]) -> Option<Ty> {
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
    pub(super) fn unify(&mut self, vs: &mut [Translated], node: &impl Spanned) -> R<Ty> {
        let has = |t: fn(Ty) -> bool, vs: &[Translated]| vs.iter().any(|v| t(v.t));
        let numbers = has(Ty::number, vs);
        let dates = has(|t| t.temporal() || t == Ty::Time, vs);
        for v in vs.iter_mut() {
            if numbers && v.t == Ty::Bool {
                *v = Translated::new(format!("CAST({} AS integer)", v.s), Ty::Int);
            }
            if let (Ty::Text, Some(l), false) = (v.t, v.lit.clone(), self.generating()) {
                if numbers && numeric_text(&l) {
                    let n = l.trim().to_string();
                    let t = if n.contains('.') { Ty::Num } else { Ty::Int };
                    *v = Translated::new(n, t);
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

    /// Values one of which is the result (CASE, IF, COALESCE, …), made compatible
    /// as [`Self::unify`] does. A date literal among dates and times is a string in
    /// MySQL's result, and so is the whole result: it is written as the literal
    /// stands (`'2001-02-03'` beside datetimes, where PostgreSQL writes `2001-02-03
    /// 00:00:00`), and computed on as a string (a string minus an hour has
    /// microseconds): refused.
    pub(super) fn unify_results(&mut self, vs: &mut [Translated], node: &impl Spanned) -> R<Ty> {
        let temporal = vs.iter().any(|v| v.t.temporal() || v.t == Ty::Time);
        let literal_date = vs
            .iter()
            .any(|v| v.t == Ty::Text && v.lit.as_deref().is_some_and(date_text));
        if temporal && literal_date {
            return Err(self.bad(
                node,
                "a date or time beside a string literal (MySQL's result is a string, written otherwise)",
            ));
        }
        self.unify(vs, node)
    }

    fn compare(&mut self, a: &Expr, b: &Expr, node: &Expr) -> R<(String, String)> {
        let mut vs = [self.expr(a)?, self.expr(b)?];
        if vs.iter().any(|v| matches!(v.t, Ty::Bytes | Ty::Other)) {
            return Err(self.bad(node, "a comparison of binary, JSON, SET or BIT values"));
        }
        self.stored_operands(&vs, node)?;
        self.unify(&mut vs, node)?;
        let [x, y] = vs;
        Ok((x.s, y.s))
    }

    /// `%` / `MOD` of a decimal: MariaDB's remainder of a negative dividend may be a
    /// negative zero (`MOD(-3, 0.25)` is `-0.00`), which it writes as such and finds
    /// unequal to 0; PostgreSQL's numeric has no such value.
    pub(super) fn decimal_remainder(&self, a: &Translated, b: &Translated, e: &Expr) -> R<()> {
        if a.t == Ty::Num || b.t == Ty::Num {
            return Err(self.bad(
                e,
                "MOD of a decimal (MariaDB's remainder may be a negative zero, unequal to 0)",
            ));
        }
        Ok(())
    }

    /// One expression.
    pub(super) fn expr(&mut self, e: &Expr) -> R<Translated> {
        if self.generating()
            && matches!(
                e,
                Expr::Like { .. }
                    | Expr::ILike { .. }
                    | Expr::RLike { .. }
                    | Expr::Position { .. }
                    | Expr::Subquery(_)
                    | Expr::Exists { .. }
                    | Expr::InSubquery { .. }
            )
        {
            return Err(self.bad(
                e,
                format!(
                    "{} (MySQL matches text by the column's collation, and a generated column holds no subquery)",
                    clip(e, 40)
                ),
            ));
        }
        if let Some(why) = misread(e) {
            return Err(self.bad(e, why));
        }
        match e {
            Expr::Identifier(id) if self.generating() => {
                self.stored_column(std::slice::from_ref(id), e)
            }
            Expr::CompoundIdentifier(ids) if self.generating() => self.stored_column(ids, e),
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
                Ok(Translated::new(format!("{kw} {}", quote(&lit)), t))
            }
            Expr::Nested(inner) => {
                let v = self.expr(inner)?;
                if wrapped(&v.s) {
                    return Ok(v);
                }
                Ok(Translated {
                    s: format!("({})", v.s),
                    ..v
                })
            }
            Expr::UnaryOp { op, expr } => match op {
                UnaryOperator::Not | UnaryOperator::BangNot => Ok(Translated::new(
                    format!("(NOT {})", self.cond(expr)?),
                    Ty::Bool,
                )),
                UnaryOperator::Minus => {
                    let v = self.num(expr)?;
                    Ok(Translated::new(format!("(- {})", v.s), v.t).unsure(v.scale_unsure))
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
                Ok(Translated::new(format!("({} IS{not} NULL)", v.s), Ty::Bool))
            }
            Expr::IsTrue(x) | Expr::IsNotTrue(x) | Expr::IsFalse(x) | Expr::IsNotFalse(x) => {
                let c = self.cond(x)?;
                let what = match e {
                    Expr::IsTrue(_) => "IS TRUE",
                    Expr::IsNotTrue(_) => "IS NOT TRUE",
                    Expr::IsFalse(_) => "IS FALSE",
                    _ => "IS NOT FALSE",
                };
                Ok(Translated::new(format!("({c} {what})"), Ty::Bool))
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
                self.stored_operands(&vs, e)?;
                self.unify(&mut vs, e)?;
                let not = if *negated { " NOT" } else { "" };
                let rest: Vec<&str> = vs[1..].iter().map(|v| v.s.as_str()).collect();
                Ok(Translated::new(
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
                Ok(Translated::new(
                    format!("({}{not} IN ({q}))", x.s),
                    Ty::Bool,
                ))
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
                self.stored_operands(&vs, e)?;
                self.unify(&mut vs, e)?;
                let not = if *negated { " NOT" } else { "" };
                Ok(Translated::new(
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
                Ok(Translated::new(
                    format!("({x}{not} LIKE {p}{esc})"),
                    Ty::Bool,
                ))
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
                Ok(Translated::new(format!("({x} {op} {})", p.s), Ty::Bool))
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
                        self.stored_operands(&vs, e)?;
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
                        Ok(Translated::new(s, results.1).unsure(true))
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
                        Ok(Translated::new(s, results.1).unsure(true))
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
                // PostgreSQL's floor(integer) is floor(double precision)
                if matches!(v.t, Ty::Int | Ty::Null) {
                    return Ok(v);
                }
                let f = if matches!(e, Expr::Ceil { .. }) {
                    "ceil"
                } else {
                    "floor"
                };
                Ok(Translated::new(format!("{f}({})", v.s), v.t))
            }
            Expr::Position { expr, r#in } => {
                let x = self.text(expr, "POSITION")?;
                let s = self.text(r#in, "POSITION")?;
                Ok(Translated::new(format!("strpos({s}, {x})"), Ty::Int))
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
                Ok(Translated::new(format!("trim({x})"), Ty::Text))
            }
            Expr::Subquery(q) => {
                let (sql, cols) = self.subquery(q)?;
                match cols.as_slice() {
                    [(_, t)] => Ok(Translated::new(format!("({sql})"), *t)),
                    _ => Err(self.bad(e, "a subquery of several columns used as a value")),
                }
            }
            Expr::Exists { subquery, negated } => {
                let (sql, _) = self.subquery(subquery)?;
                let not = if *negated { "NOT " } else { "" };
                Ok(Translated::new(format!("({not}EXISTS ({sql}))"), Ty::Bool))
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
        let t = self.unify_results(&mut vs, node)?;
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

    fn string(&self, s: &str, e: &Expr) -> R<Translated> {
        if s.contains('\0') {
            return Err(self.bad(e, "a string with a NUL byte"));
        }
        Ok(Translated {
            lit: Some(s.to_string()),
            ..Translated::new(quote(s), Ty::Text)
        })
    }

    fn value(&self, v: &Value, e: &Expr) -> R<Translated> {
        match v {
            // MySQL reads `2e0` as a double, PostgreSQL as a numeric
            Value::Number(n, false) if n.contains(['e', 'E']) => Ok(Translated::new(
                format!("CAST({n} AS double precision)"),
                Ty::Float,
            )),
            Value::Number(n, false) => {
                let t = if n.contains('.') { Ty::Num } else { Ty::Int };
                Ok(Translated::new(n.clone(), t))
            }
            Value::SingleQuotedString(s)
            | Value::DoubleQuotedString(s)
            | Value::NationalStringLiteral(s) => self.string(s, e),
            Value::Boolean(b) => Ok(Translated::new(
                if *b { "true" } else { "false" }.into(),
                Ty::Bool,
            )),
            Value::Null => Ok(Translated::new("NULL".into(), Ty::Null)),
            _ => Err(self.bad(e, format!("the literal {}", clip(e, 40)))),
        }
    }

    /// A column reference (`c`, `t.c`, `db.t.c`, `NEW.c`).
    fn column(&mut self, ids: &[Ident], e: &Expr) -> R<Translated> {
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
                        return Ok(Translated::new(format!("({s})"), *t));
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
            return Ok(Translated::new(text, ty));
        }
        Err(self.bad(e, format!("unknown column {}", clip(e, 60))))
    }

    fn binary(&mut self, l: &Expr, op: &BinaryOperator, r: &Expr, e: &Expr) -> R<Translated> {
        use BinaryOperator as B;
        match op {
            B::And | B::Or => {
                let (a, b) = (self.cond(l)?, self.cond(r)?);
                let o = if matches!(op, B::And) { "AND" } else { "OR" };
                Ok(Translated::new(format!("({a} {o} {b})"), Ty::Bool))
            }
            B::Xor => {
                let (a, b) = (self.cond(l)?, self.cond(r)?);
                Ok(Translated::new(format!("({a} <> {b})"), Ty::Bool))
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
                Ok(Translated::new(format!("({a} {o} {b})"), Ty::Bool))
            }
            B::Spaceship => {
                let (a, b) = self.compare(l, r, e)?;
                Ok(Translated::new(
                    format!("({a} IS NOT DISTINCT FROM {b})"),
                    Ty::Bool,
                ))
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
                Ok(Translated::new(format!("({sa} {o} {sb})"), t)
                    .unsure(a.scale_unsure || b.scale_unsure))
            }
            B::Modulo => {
                let (a, b) = (self.num(l)?, self.num(r)?);
                if a.t == Ty::Float || b.t == Ty::Float {
                    return Err(self.bad(e, "% of floating-point values"));
                }
                self.decimal_remainder(&a, &b, e)?;
                let t = self.unify_types(&[a.t, b.t]).unwrap_or(Ty::Num);
                // MySQL: x % 0 is NULL
                Ok(
                    Translated::new(format!("({} % NULLIF({}, 0))", a.s, b.s), t)
                        .unsure(a.scale_unsure || b.scale_unsure),
                )
            }
            B::MyIntegerDivide => {
                let (a, b) = (self.num(l)?, self.num(r)?);
                if a.t == Ty::Float || b.t == Ty::Float {
                    return Err(self.bad(e, "DIV of floating-point values"));
                }
                Ok(Translated::new(
                    format!("div({}, NULLIF({}, 0))", a.s, b.s),
                    Ty::Int,
                ))
            }
            B::Divide if self.generating() => self.stored_divide(l, r, e),
            B::Divide => Err(self.bad(
                e,
                "division (MySQL's / gives a decimal with div_precision_increment digits)",
            )),
            B::StringConcat => Err(self.bad(e, "|| (OR or concatenation, by sql_mode)")),
            other => Err(self.bad(e, format!("the operator {other}"))),
        }
    }

    /// `d ± INTERVAL n unit`.
    pub(super) fn date_add(&mut self, d: &Expr, i: &Expr, minus: bool, e: &Expr) -> R<Translated> {
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
            Ok(Translated::new(format!("CAST({sum} AS date)"), Ty::Date))
        } else {
            Ok(Translated::new(sum, Ty::DateTime))
        }
    }

    fn extract(&mut self, field: &DateTimeField, x: &Expr, e: &Expr) -> R<Translated> {
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
    pub(super) fn date_part(&mut self, field: &str, x: &Expr, e: &Expr) -> R<Translated> {
        let time_ok = matches!(field, "HOUR" | "MINUTE" | "SECOND");
        let v = self.date(x, time_ok)?;
        // PostgreSQL has no time fields in a date; MySQL's are 0 in a DATE, but a
        // date that is a string in MySQL (`IFNULL(d, '2001-02-03')`) is read as a TIME
        if time_ok && v.t == Ty::Date {
            return Err(self.bad(e, format!("{field} of a date")));
        }
        let ex = format!("EXTRACT({field} FROM {})", v.s);
        let s = if field == "SECOND" {
            format!("CAST(floor({ex}) AS integer)")
        } else {
            format!("CAST({ex} AS integer)")
        };
        Ok(Translated::new(s, Ty::Int))
    }

    fn cast(&mut self, x: &Expr, to: &str, e: &Expr) -> R<Translated> {
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
            return Ok(Translated::new(
                format!("CAST(CASE WHEN {s} < 0 THEN {s} + 18446744073709551616 ELSE {s} END AS numeric(20))"),
                Ty::Num,
            ));
        }
        if to == "SIGNED" || to == "SIGNED INTEGER" {
            let v = self.num(x)?;
            return match v.t {
                Ty::Int | Ty::Num | Ty::Null => {
                    Ok(Translated::new(format!("CAST({} AS bigint)", v.s), Ty::Int))
                }
                _ => Err(self.bad(e, "CAST of a floating-point value AS SIGNED")),
            };
        }
        if to == "CHAR" || to == "NCHAR" {
            let s = self.text(x, "CAST AS CHAR")?;
            return Ok(Translated::new(format!("CAST({s} AS text)"), Ty::Text));
        }
        if let Some(n) = to
            .strip_prefix("CHAR(")
            .and_then(|r| r.strip_suffix(')'))
            .and_then(|n| n.trim().parse::<u32>().ok())
        {
            let s = self.text(x, "CAST AS CHAR")?;
            return Ok(Translated::new(
                format!("CAST({s} AS varchar({n}))"),
                Ty::Text,
            ));
        }
        if to == "DATE" {
            let v = self.date(x, false)?;
            return Ok(Translated::new(format!("CAST({} AS date)", v.s), Ty::Date));
        }
        if to == "DATETIME" {
            let v = self.date(x, false)?;
            return Ok(Translated::new(
                format!("CAST({} AS timestamp(0))", v.s),
                Ty::DateTime,
            ));
        }
        Err(self.bad(e, format!("CAST AS {to}")))
    }

    /// SUBSTRING: positive literal start (MySQL's 0 and negative starts count
    /// differently), a length that cannot be negative (PostgreSQL refuses those).
    pub(super) fn substr(
        &mut self,
        x: &Expr,
        from: Option<&Expr>,
        len: Option<&Expr>,
        e: &Expr,
    ) -> R<Translated> {
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
            None => Ok(Translated::new(format!("substr({s}, {p})"), Ty::Text)),
            Some(l) => {
                let length_fn = matches!(l, Expr::Function(f) if one_name(&f.name).is_some_and(|n| {
                    matches!(n.as_str(), "length" | "char_length" | "character_length" | "octet_length")
                }));
                if !length_fn && int_lit(l).is_none_or(|n| n < 0) {
                    return Err(self.bad(e, "SUBSTRING of a length that may be negative"));
                }
                let n = self.int(l)?.s;
                Ok(Translated::new(format!("substr({s}, {p}, {n})"), Ty::Text))
            }
        }
    }
}
