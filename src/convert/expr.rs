//! MySQL generated-column expressions (`col type GENERATED ALWAYS AS (expr)`, MariaDB's
//! `AS (expr)`) as PostgreSQL `GENERATED ALWAYS AS (…) STORED` expressions.
//!
//! Only what translates *exactly* and what PostgreSQL accepts in a generation
//! expression (immutable functions and casts only) is translated: column references,
//! literals, `+ - *`, `/` with an integer or float dividend (MySQL's decimal quotient,
//! as a generated column holds it, is `trunc(a::numeric / NULLIF(b, 0), 9)`), `DIV` and `%`/`MOD` on
//! integers, numeric comparisons, `AND`/`OR`/`NOT`, `IS [NOT] NULL`,
//! `BETWEEN`, `IN`, `CASE WHEN`, and the functions of
//! [`crate::rules::mysql_functions::FUNCTIONS`] whose
//! translation is exact: `CONCAT` → `||` (NULL when any argument is NULL, as in MySQL),
//! `IFNULL`/`COALESCE` → `COALESCE`, `IF` → `CASE`, `LENGTH`/`OCTET_LENGTH` →
//! `octet_length` (bytes: utf8 columns only), `CHAR_LENGTH`, `LOWER`/`UPPER`
//! (`LCASE`/`UCASE`), `SUBSTR`/`SUBSTRING`/`MID`, `LEFT`, `RIGHT` (constant positive
//! positions and lengths: MySQL's 0 and negatives mean other things), `TRIM`/`LTRIM`/
//! `RTRIM` (spaces, in both), `REVERSE`, `REPLACE`, `ROUND`, `TRUNCATE` → `trunc`,
//! `ABS`, `JSON_EXTRACT` with a constant path and `JSON_UNQUOTE`. Everything else is
//! refused with the reason, and the caller keeps a plain column with the dumped values.
//!
//! Why some things are refused: MySQL's `/` of a decimal gives the dividend's scale
//! plus `div_precision_increment` digits, and that scale is not known here; string comparisons follow the column's collation
//! (case-insensitive by default, PostgreSQL compares bytes); `text || integer` in
//! PostgreSQL is `anytextcat`, which is only stable; enum output, date and time
//! formatting and `now()` are not immutable either; a `float` (single) or a boolean
//! that was a `tinyint(1)` does not hold MySQL's value exactly.

use crate::sql::{Tok, Tokens};

/// The kind of value an expression gives, as far as exactness is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `text`, `varchar`, `char`.
    Text,
    /// An integer.
    Int,
    /// `numeric`.
    Numeric,
    /// `double precision`.
    Float,
    /// A comparison or logical result: exactly MySQL's 1 / 0 / NULL.
    Bool,
    /// A `boolean` column (from `tinyint(1)`): its MySQL value may have been any
    /// integer, so it is exact only as a condition.
    Flag,
    /// `NULL`.
    Null,
    /// A `json` column (`jsonb` in PostgreSQL), or what `json_extract` gives.
    Json,
    /// Anything else (dates, bytes, enum types, …): only `IS [NOT] NULL` takes it.
    Other,
}

/// A column an expression may name.
#[derive(Clone, Debug)]
pub struct ColRef {
    /// The PostgreSQL name as written in SQL (quoted when needed).
    pub pg: String,
    /// What it holds.
    pub ty: Ty,
    /// A `real` column: read as `double precision`, as MySQL does with `float`.
    pub real: bool,
    /// Its bytes are UTF-8 in MySQL too (utf8 / utf8mb4 / ascii charset).
    pub utf8: bool,
}

/// Looks a MySQL column name up (any case); `Err` says why it cannot be used.
pub type Resolve<'r> = dyn Fn(&str) -> Result<ColRef, String> + 'r;

/// Translate tokens `[from, to)` of `t` (a MySQL expression) for a column of
/// PostgreSQL kind `target`; `Err` says why it cannot be done exactly.
pub fn translate(
    t: &Tokens<'_>,
    from: usize,
    to: usize,
    cols: &Resolve<'_>,
    target: Ty,
) -> Result<String, String> {
    let mut p = Parser {
        t,
        i: from,
        end: to.min(t.len()),
        cols,
        non_utf8: false,
    };
    let e = p.expr()?;
    if p.i < p.end {
        return Err(format!(
            "cannot read the expression at `{}`",
            String::from_utf8_lossy(t.text(p.i))
        ));
    }
    assign(e, target)
}

/// The expression as a value of the column's kind.
fn assign((s, ty): (String, Ty), target: Ty) -> Result<String, String> {
    use Ty::*;
    Ok(match (target, ty) {
        (_, Null) => s,
        (Text, Text) => s,
        (Text, Int | Numeric) => format!("({s})::text"),
        (Int | Numeric, Int | Numeric) => s,
        (Int | Numeric, Bool) => format!("({s})::integer"),
        (Float, Int | Numeric | Float) => s,
        (Float, Bool) => format!("({s})::integer"),
        (Flag, Bool | Flag) => s,
        (Flag, Int) => format!("({s} <> 0)"),
        (Json, Json) => s,
        // MySQL's text of a JSON value is its JSON text, as PostgreSQL's jsonb::text
        (Text, Json) => format!("({s})::text"),
        (target, ty) => {
            return Err(format!(
                "a {} value for a {} column does not convert exactly",
                ty_name(ty),
                ty_name(target)
            ))
        }
    })
}

fn ty_name(t: Ty) -> &'static str {
    match t {
        Ty::Text => "text",
        Ty::Int => "integer",
        Ty::Numeric => "decimal",
        Ty::Float => "floating-point",
        Ty::Bool => "comparison",
        Ty::Flag => "boolean",
        Ty::Null => "NULL",
        Ty::Json => "JSON",
        Ty::Other => "non-text, non-numeric",
    }
}

type R = Result<(String, Ty), String>;

struct Parser<'a, 't, 'r> {
    t: &'a Tokens<'t>,
    i: usize,
    end: usize,
    cols: &'a Resolve<'r>,
    /// A column whose MySQL charset is not UTF-8 was read: byte lengths differ.
    non_utf8: bool,
}

/// Operators made of several punctuation bytes (the tokenizer gives one per byte).
const OPS: &[&str] = &["<=>", "<=", ">=", "<>", "!=", "=", "<", ">"];

impl Parser<'_, '_, '_> {
    fn kw(&self, k: &str) -> bool {
        self.i < self.end && self.t.is_kw(self.i, k)
    }

    fn punct(&self, p: &str) -> bool {
        self.i < self.end && self.t.is_punct(self.i, p)
    }

    fn expect_punct(&mut self, p: &str) -> Result<(), String> {
        if self.punct(p) {
            self.i += 1;
            Ok(())
        } else {
            Err(format!("expected `{p}`"))
        }
    }

    fn expect_kw(&mut self, k: &str) -> Result<(), String> {
        if self.kw(k) {
            self.i += 1;
            Ok(())
        } else {
            Err(format!("expected {k}"))
        }
    }

    /// A comparison operator at the cursor (several adjacent punctuation tokens).
    fn cmp_op(&self) -> Option<&'static str> {
        if self.i >= self.end || self.t.toks[self.i].kind != Tok::Punct {
            return None;
        }
        let start = self.t.toks[self.i].start;
        let rest = &self.t.src[start..];
        OPS.iter().copied().find(|op| {
            rest.starts_with(op.as_bytes())
                && (0..op.len()).all(|k| {
                    let j = self.i + k;
                    j < self.end
                        && self.t.toks[j].kind == Tok::Punct
                        && self.t.toks[j].start == start + k
                })
        })
    }

    fn expr(&mut self) -> R {
        let mut left = self.and_expr()?;
        while self.kw("OR") {
            self.i += 1;
            let right = self.and_expr()?;
            left = (
                format!("({} OR {})", as_cond(left)?, as_cond(right)?),
                Ty::Bool,
            );
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> R {
        let mut left = self.not_expr()?;
        while self.kw("AND") || (self.punct("&") && self.t.is_punct(self.i + 1, "&")) {
            self.i += if self.kw("AND") { 1 } else { 2 };
            let right = self.not_expr()?;
            left = (
                format!("({} AND {})", as_cond(left)?, as_cond(right)?),
                Ty::Bool,
            );
        }
        Ok(left)
    }

    fn not_expr(&mut self) -> R {
        if self.kw("NOT") {
            self.i += 1;
            let e = self.not_expr()?;
            return Ok((format!("(NOT {})", as_cond(e)?), Ty::Bool));
        }
        self.cmp_expr()
    }

    fn cmp_expr(&mut self) -> R {
        let left = self.add_expr()?;
        if self.kw("IS") {
            self.i += 1;
            let not = self.kw("NOT");
            if not {
                self.i += 1;
            }
            self.expect_kw("NULL")?;
            let n = if not { "IS NOT NULL" } else { "IS NULL" };
            return Ok((format!("({} {n})", left.0), Ty::Bool));
        }
        let not = self.kw("NOT")
            && (self.t.is_kw(self.i + 1, "BETWEEN") || self.t.is_kw(self.i + 1, "IN"));
        if not {
            self.i += 1;
        }
        let neg = if not { "NOT " } else { "" };
        if self.kw("BETWEEN") {
            self.i += 1;
            let lo = self.add_expr()?;
            self.expect_kw("AND")?;
            let hi = self.add_expr()?;
            return Ok((
                format!(
                    "({} {neg}BETWEEN {} AND {})",
                    number(left)?.0,
                    number(lo)?.0,
                    number(hi)?.0
                ),
                Ty::Bool,
            ));
        }
        if self.kw("IN") {
            self.i += 1;
            self.expect_punct("(")?;
            let mut items = vec![number(self.expr()?)?.0];
            while self.punct(",") {
                self.i += 1;
                items.push(number(self.expr()?)?.0);
            }
            self.expect_punct(")")?;
            return Ok((
                format!("({} {neg}IN ({}))", number(left)?.0, items.join(", ")),
                Ty::Bool,
            ));
        }
        if not {
            return Err("NOT where it cannot be read".into());
        }
        let Some(op) = self.cmp_op() else {
            return Ok(left);
        };
        self.i += op.len();
        let right = self.add_expr()?;
        let (l, r) = (number(left)?.0, number(right)?.0);
        let sql = match op {
            "<=>" => format!("({l} IS NOT DISTINCT FROM {r})"),
            "!=" => format!("({l} <> {r})"),
            _ => format!("({l} {op} {r})"),
        };
        Ok((sql, Ty::Bool))
    }

    fn add_expr(&mut self) -> R {
        let mut left = self.mul_expr()?;
        while self.punct("+") || self.punct("-") {
            let op = if self.punct("+") { "+" } else { "-" };
            self.i += 1;
            let right = self.mul_expr()?;
            left = arith(left, op, right)?;
        }
        Ok(left)
    }

    fn mul_expr(&mut self) -> R {
        let mut left = self.unary()?;
        loop {
            if self.punct("*") {
                self.i += 1;
                let right = self.unary()?;
                left = arith(left, "*", right)?;
            } else if self.punct("/") {
                self.i += 1;
                let right = self.unary()?;
                left = divide(left, right)?;
            } else if self.punct("%") || self.kw("DIV") || self.kw("MOD") {
                let op = if self.kw("DIV") { "/" } else { "%" };
                self.i += 1;
                let right = self.unary()?;
                left = int_divide(left, op, right)?;
            } else {
                return Ok(left);
            }
        }
    }

    fn unary(&mut self) -> R {
        if self.punct("-") {
            self.i += 1;
            let (s, ty) = number(self.unary()?)?;
            return Ok((format!("(- {s})"), ty));
        }
        if self.punct("+") {
            self.i += 1;
            return number(self.unary()?);
        }
        if self.punct("!") && self.cmp_op().is_none() {
            self.i += 1;
            let e = self.unary()?;
            return Ok((format!("(NOT {})", as_cond(e)?), Ty::Bool));
        }
        self.primary()
    }

    fn primary(&mut self) -> R {
        if self.i >= self.end {
            return Err("the expression ends early".into());
        }
        let i = self.i;
        let tok = self.t.toks[i];
        let text = self.t.text(i);
        match tok.kind {
            Tok::Num => {
                self.i += 1;
                number_literal(text)
            }
            Tok::Str => {
                self.i += 1;
                string_literal(text, self.t.backslash)
            }
            Tok::Punct if self.punct("(") => {
                self.i += 1;
                let e = self.expr()?;
                if self.punct(",") {
                    return Err("row values have no PostgreSQL column equivalent".into());
                }
                self.expect_punct(")")?;
                Ok((format!("({})", e.0), e.1))
            }
            Tok::Punct => Err(format!(
                "operator `{}` has no exact PostgreSQL equivalent",
                String::from_utf8_lossy(text)
            )),
            Tok::Word if self.t.is_punct(i + 1, "(") => {
                let name = String::from_utf8_lossy(text).to_ascii_lowercase();
                self.i += 2;
                let mut args = Vec::new();
                if !self.punct(")") {
                    args.push(self.expr()?);
                    while self.punct(",") {
                        self.i += 1;
                        args.push(self.expr()?);
                    }
                }
                self.expect_punct(")")?;
                if self.non_utf8 && matches!(name.as_str(), "length" | "octet_length") {
                    return Err(format!(
                        "{name}() counts bytes, and a column is not UTF-8 in MySQL"
                    ));
                }
                function(&name, args)
            }
            Tok::Word if self.kw("NULL") => {
                self.i += 1;
                Ok(("NULL".into(), Ty::Null))
            }
            Tok::Word if self.kw("TRUE") || self.kw("FALSE") => {
                self.i += 1;
                Ok((
                    if self.t.is_kw(i, "TRUE") { "1" } else { "0" }.into(),
                    Ty::Int,
                ))
            }
            Tok::Word if self.kw("CASE") => self.case(),
            Tok::Word
                if [
                    "CURRENT_TIMESTAMP",
                    "CURRENT_DATE",
                    "CURRENT_TIME",
                    "LOCALTIME",
                    "LOCALTIMESTAMP",
                    "CURRENT_USER",
                ]
                .iter()
                .any(|k| self.kw(k)) =>
            {
                Err(format!(
                    "{} is not immutable in PostgreSQL (a generation expression must be)",
                    String::from_utf8_lossy(text).to_ascii_uppercase()
                ))
            }
            Tok::Word | Tok::QIdent => {
                if self.t.is_punct(i + 1, ".") {
                    return Err("qualified column names are not read".into());
                }
                self.i += 1;
                let c = (self.cols)(&self.t.name(i))?;
                self.non_utf8 |= c.ty == Ty::Text && !c.utf8;
                let sql = if c.real {
                    format!("({})::double precision", c.pg)
                } else {
                    c.pg
                };
                Ok((sql, c.ty))
            }
        }
    }

    /// `CASE WHEN c THEN x … [ELSE y] END` (the searched form).
    fn case(&mut self) -> R {
        self.i += 1;
        if !self.kw("WHEN") {
            return Err("CASE x WHEN compares with the column's collation".into());
        }
        let mut sql = String::from("CASE");
        let mut ty = Ty::Null;
        while self.kw("WHEN") {
            self.i += 1;
            let c = as_cond(self.expr()?)?;
            self.expect_kw("THEN")?;
            let v = self.expr()?;
            ty = unify(ty, v.1)?;
            sql.push_str(&format!(" WHEN {c} THEN {}", v.0));
        }
        if self.kw("ELSE") {
            self.i += 1;
            let v = self.expr()?;
            ty = unify(ty, v.1)?;
            sql.push_str(&format!(" ELSE {}", v.0));
        }
        self.expect_kw("END")?;
        sql.push_str(" END");
        Ok((format!("({sql})"), ty))
    }
}

/// A condition: comparisons and boolean columns as they are, numbers as `<> 0`.
fn as_cond((s, ty): (String, Ty)) -> Result<String, String> {
    match ty {
        Ty::Bool | Ty::Flag | Ty::Null => Ok(s),
        Ty::Int | Ty::Numeric | Ty::Float => Ok(format!("({s} <> 0)")),
        Ty::Text | Ty::Json | Ty::Other => Err(format!(
            "a {} value used as a condition converts to a number in MySQL",
            ty_name(ty)
        )),
    }
}

/// A numeric operand: comparison results become 0 / 1 as in MySQL.
fn number((s, ty): (String, Ty)) -> R {
    match ty {
        Ty::Int | Ty::Numeric | Ty::Float | Ty::Null => Ok((s, ty)),
        Ty::Bool => Ok((format!("({s})::integer"), Ty::Int)),
        Ty::Text => Err("text compared or computed with follows MySQL's collation and conversions: no exact PostgreSQL equivalent".into()),
        Ty::Flag => Err("a boolean (tinyint(1)) column used as a number: its MySQL value may have been any integer".into()),
        Ty::Json | Ty::Other => {
            Err("a value that is not text or a number used in an operation".into())
        }
    }
}

/// `a op b` for `+ - *`. Integers are computed as `bigint`, as MySQL does.
fn arith(a: (String, Ty), op: &str, b: (String, Ty)) -> R {
    let (a, b) = (number(a)?, number(b)?);
    let ty = match (a.1, b.1) {
        (Ty::Float, _) | (_, Ty::Float) => Ty::Float,
        (Ty::Numeric, _) | (_, Ty::Numeric) => Ty::Numeric,
        (Ty::Null, _) | (_, Ty::Null) => Ty::Null,
        _ => Ty::Int,
    };
    let left = if ty == Ty::Int {
        format!("({})::bigint", a.0)
    } else {
        a.0
    };
    Ok((format!("({left} {op} {})", b.0), ty))
}

/// MySQL's `/`: NULL when dividing by zero; with a float operand a double, else a
/// decimal. Its shown scale is the dividend's plus `div_precision_increment` (4), but
/// that rounding happens only when a query's result is sent: inside an expression, and
/// in what a generated column stores (double, decimal or text alike), MariaDB keeps the
/// quotient truncated to whole 9-digit groups of fraction (`2 / 3` is 0.666666666 in a
/// DOUBLE generated column). Exact only where the dividend's scale is known: an integer
/// (0 + 4 digits: one group, 9).
fn divide(a: (String, Ty), b: (String, Ty)) -> R {
    let (a, b) = (number(a)?, number(b)?);
    match (a.1, b.1) {
        (Ty::Null, _) | (_, Ty::Null) => Ok(("NULL::numeric".into(), Ty::Null)),
        (Ty::Float, _) | (_, Ty::Float) => Ok((
            format!(
                "(({})::double precision / NULLIF(({})::double precision, 0))",
                a.0, b.0
            ),
            Ty::Float,
        )),
        (Ty::Int, _) => Ok((
            format!("trunc(({})::numeric / NULLIF(({})::numeric, 0), 9)", a.0, b.0),
            Ty::Numeric,
        )),
        _ => Err("division of a decimal: MySQL's result has the scale of the dividend plus div_precision_increment, which is not known here".into()),
    }
}

/// MySQL's `DIV` (`op` `/`) and `%` / `MOD` on integers: truncated toward zero, the
/// remainder with the dividend's sign, NULL for a zero divisor — as PostgreSQL's
/// integer `/` and `%` with NULLIF.
fn int_divide(a: (String, Ty), op: &str, b: (String, Ty)) -> R {
    let (a, b) = (number(a)?, number(b)?);
    match (a.1, b.1) {
        (Ty::Null, _) | (_, Ty::Null) => Ok(("NULL::bigint".into(), Ty::Null)),
        (Ty::Int, Ty::Int) => Ok((
            format!("(({})::bigint {op} NULLIF(({})::bigint, 0))", a.0, b.0),
            Ty::Int,
        )),
        _ => Err("DIV or MOD of a non-integer: MySQL's rounding and scale differ".into()),
    }
}

/// The common kind of two branches (CASE, COALESCE).
fn unify(a: Ty, b: Ty) -> Result<Ty, String> {
    use Ty::*;
    Ok(match (a, b) {
        (Null, x) | (x, Null) => x,
        (x, y) if x == y => x,
        (Int | Numeric | Bool, Int | Numeric | Bool) => Numeric,
        (Float, Int | Numeric | Float) | (Int | Numeric, Float) => Float,
        (x, y) => {
            return Err(format!(
                "branches of {} and {} values have no common exact type",
                ty_name(x),
                ty_name(y)
            ))
        }
    })
}

/// Branch values of a CASE / COALESCE of kind `ty`: comparison results as integers
/// when numbers are mixed in.
fn branch((s, t): (String, Ty), ty: Ty) -> String {
    if t == Ty::Bool && ty != Ty::Bool {
        format!("({s})::integer")
    } else {
        s
    }
}

fn number_literal(text: &[u8]) -> R {
    let s = String::from_utf8_lossy(text).into_owned();
    let b = text;
    if b.len() > 1 && b[0] == b'0' && matches!(b[1], b'x' | b'X' | b'b' | b'B') {
        return Err("hexadecimal and bit literals are strings in MySQL".into());
    }
    if !b
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return Err(format!("cannot read the number {s}"));
    }
    let ty = if b.iter().any(|c| matches!(c, b'e' | b'E')) {
        Ty::Float
    } else if b.contains(&b'.') {
        Ty::Numeric
    } else {
        Ty::Int
    };
    Ok((s, ty))
}

fn string_literal(text: &[u8], backslash: bool) -> R {
    let lower = text.to_ascii_lowercase();
    let plain = text.first().is_some_and(|&c| c == b'\'' || c == b'"')
        || ((lower.starts_with(b"_utf8")
            || lower.starts_with(b"_ascii")
            || lower.starts_with(b"n'"))
            && !lower.starts_with(b"_binary"));
    if !plain {
        return Err(format!(
            "the literal {} is not a text literal",
            String::from_utf8_lossy(text)
        ));
    }
    let lit =
        super::types::sql_string(text, backslash).ok_or("a string literal that is not UTF-8")?;
    Ok((lit, Ty::Text))
}

/// A constant JSON path of `json_extract` (`'$.a."b c"[0]'`, as a PostgreSQL literal)
/// as the keys of `#>`, each a PostgreSQL literal. Wildcards, `last` and ranges are
/// refused.
fn json_path(lit: &str) -> Result<Vec<String>, String> {
    let refuse = || format!("the JSON path {lit} is not a constant path of keys and indexes");
    let inner = lit
        .strip_prefix('\'')
        .and_then(|x| x.strip_suffix('\''))
        .ok_or_else(refuse)?
        .replace("''", "'");
    let mut rest = inner.strip_prefix('$').ok_or_else(refuse)?;
    let mut keys = Vec::new();
    let quote = |k: &str| format!("'{}'", k.replace('\'', "''"));
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            if let Some(q) = r.strip_prefix('"') {
                let end = q.find('"').ok_or_else(refuse)?;
                let key = &q[..end];
                if key.contains('\\') {
                    return Err(refuse());
                }
                keys.push(quote(key));
                rest = &q[end + 1..];
            } else {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let key = &r[..end];
                let ok = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
                if !ok {
                    return Err(refuse());
                }
                keys.push(quote(key));
                rest = &r[end..];
            }
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').ok_or_else(refuse)?;
            let idx = r[..end].trim();
            if idx.is_empty() || !idx.bytes().all(|b| b.is_ascii_digit()) {
                return Err(refuse());
            }
            keys.push(quote(idx));
            rest = &r[end + 1..];
        } else {
            return Err(refuse());
        }
    }
    Ok(keys)
}

/// A text argument of a string function: text as it is, a number as MySQL writes it.
fn text_arg(name: &str, (s, ty): (String, Ty)) -> Result<String, String> {
    match ty {
        Ty::Text => Ok(s),
        Ty::Null => Ok("NULL::text".into()),
        Ty::Int => Ok(format!("({s})::text")),
        _ => Err(format!("{name}() of a {} value", ty_name(ty))),
    }
}

/// A translated integer constant (`3`, `(3)`, `-1`).
fn const_int(s: &str) -> Option<i64> {
    s.trim_matches(|c| c == '(' || c == ')')
        .replace(' ', "")
        .parse()
        .ok()
}

/// A function call with translated arguments.
fn function(name: &str, args: Vec<(String, Ty)>) -> R {
    let n = args.len();
    let arity = |ok: bool| -> Result<(), String> {
        if ok {
            Ok(())
        } else {
            Err(format!("{name}() with {n} arguments"))
        }
    };
    match name {
        "concat" => {
            arity(n >= 1)?;
            let mut parts = Vec::with_capacity(n);
            for (s, ty) in args {
                parts.push(match ty {
                    Ty::Text => s,
                    Ty::Null => "NULL::text".into(),
                    Ty::Int | Ty::Numeric => format!("({s})::text"),
                    Ty::Bool => format!("(({s})::integer)::text"),
                    _ => {
                        return Err(format!(
                            "CONCAT of a {} value: MySQL's text for it differs",
                            ty_name(ty)
                        ))
                    }
                });
            }
            Ok((format!("({})", parts.join(" || ")), Ty::Text))
        }
        "ifnull" | "coalesce" => {
            arity(if name == "ifnull" { n == 2 } else { n >= 1 })?;
            let mut ty = Ty::Null;
            for a in &args {
                ty = unify(ty, a.1)?;
            }
            let parts: Vec<String> = args.into_iter().map(|a| branch(a, ty)).collect();
            Ok((format!("COALESCE({})", parts.join(", ")), ty))
        }
        "if" => {
            arity(n == 3)?;
            let mut it = args.into_iter();
            let (Some(c), Some(x), Some(y)) = (it.next(), it.next(), it.next()) else {
                return Err("if() with missing arguments".into());
            };
            let ty = unify(x.1, y.1)?;
            Ok((
                format!(
                    "(CASE WHEN {} THEN {} ELSE {} END)",
                    as_cond(c)?,
                    branch(x, ty),
                    branch(y, ty)
                ),
                ty,
            ))
        }
        "length" | "octet_length" | "char_length" | "character_length" => {
            arity(n == 1)?;
            let Some((s, ty)) = args.into_iter().next() else {
                return Err(format!("{name}() without an argument"));
            };
            let f = if name.starts_with("char") {
                "char_length"
            } else {
                "octet_length"
            };
            match ty {
                Ty::Text => Ok((format!("{f}(({s})::text)"), Ty::Int)),
                Ty::Null => Ok(("NULL::integer".into(), Ty::Int)),
                _ => Err(format!("{name}() of a {} value", ty_name(ty))),
            }
        }
        "lower" | "lcase" | "upper" | "ucase" => {
            arity(n == 1)?;
            let f = if name.starts_with('l') {
                "lower"
            } else {
                "upper"
            };
            match args.into_iter().next() {
                Some((s, Ty::Text)) => Ok((format!("{f}({s})"), Ty::Text)),
                Some((_, Ty::Null)) => Ok(("NULL::text".into(), Ty::Text)),
                Some((_, ty)) => Err(format!("{name}() of a {} value", ty_name(ty))),
                None => Err(format!("{name}() without an argument")),
            }
        }
        // MySQL's string functions whose PostgreSQL twin is immutable and gives the
        // same characters, for the arguments where both agree: positions and lengths
        // constant and positive (MySQL's 0 and negatives mean something else)
        "substr" | "substring" | "mid" | "left" | "right" => {
            let pos_len = matches!(name, "substr" | "substring" | "mid");
            arity(if pos_len { n == 2 || n == 3 } else { n == 2 })?;
            let mut it = args.into_iter();
            let Some(s) = it.next() else {
                return Err(format!("{name}() without an argument"));
            };
            let s = text_arg(name, s)?;
            let mut nums = Vec::new();
            for (a, ty) in it {
                match (ty, const_int(&a)) {
                    (Ty::Int, Some(v)) if v >= 1 || (v == 0 && nums.len() == 1) => nums.push(v),
                    _ => {
                        return Err(format!(
                            "{name}() with a position or length that is not a positive constant"
                        ))
                    }
                }
            }
            let nums: Vec<String> = nums.iter().map(i64::to_string).collect();
            let f = if pos_len { "substr" } else { name };
            Ok((format!("{f}({s}, {})", nums.join(", ")), Ty::Text))
        }
        "trim" | "ltrim" | "rtrim" | "reverse" => {
            // one argument: spaces only, in both
            arity(n == 1)?;
            let Some(s) = args.into_iter().next() else {
                return Err(format!("{name}() without an argument"));
            };
            Ok((format!("{name}({})", text_arg(name, s)?), Ty::Text))
        }
        "replace" => {
            arity(n == 3)?;
            let mut parts = Vec::with_capacity(3);
            for a in args {
                parts.push(text_arg(name, a)?);
            }
            Ok((format!("replace({})", parts.join(", ")), Ty::Text))
        }
        // MySQL's document collections: `json_unquote(json_extract(doc, '$._id'))`
        "json_extract" => {
            arity(n == 2)?;
            let mut it = args.into_iter();
            let (Some((doc, dty)), Some((path, _))) = (it.next(), it.next()) else {
                return Err("json_extract() with missing arguments".into());
            };
            if dty != Ty::Json {
                return Err(format!("json_extract() of a {} value", ty_name(dty)));
            }
            let keys = json_path(&path)?;
            Ok((
                format!("({doc} #> ARRAY[{}]::text[])", keys.join(", ")),
                Ty::Json,
            ))
        }
        "json_unquote" => {
            arity(n == 1)?;
            match args.into_iter().next() {
                // the text of a JSON value, a string without its quotes: `#>> '{}'`
                Some((j, Ty::Json)) => Ok((format!("({j} #>> '{{}}')"), Ty::Text)),
                Some((_, Ty::Null)) => Ok(("NULL::text".into(), Ty::Text)),
                Some((_, ty)) => Err(format!("json_unquote() of a {} value", ty_name(ty))),
                None => Err("json_unquote() without an argument".into()),
            }
        }
        "abs" => {
            arity(n == 1)?;
            let Some(a) = args.into_iter().next() else {
                return Err("abs() without an argument".into());
            };
            let (s, ty) = number(a)?;
            Ok((format!("abs({s})"), ty))
        }
        "round" | "truncate" => {
            arity(if name == "round" {
                n == 1 || n == 2
            } else {
                n == 2
            })?;
            let mut it = args.into_iter();
            let Some(x) = it.next() else {
                return Err(format!("{name}() without an argument"));
            };
            let (x, ty) = number(x)?;
            let d = match it.next() {
                None => 0,
                Some((s, Ty::Int)) => const_int(&s)
                    .and_then(|d| i32::try_from(d).ok())
                    .ok_or_else(|| {
                        format!("{name}() with a number of places that is not a constant")
                    })?,
                Some(_) => {
                    return Err(format!(
                        "{name}() with a number of places that is not an integer"
                    ))
                }
            };
            let f = if name == "round" { "round" } else { "trunc" };
            match ty {
                Ty::Int | Ty::Null if d >= 0 => Ok((x, ty)),
                Ty::Int => Ok((format!("{f}(({x})::numeric, {d})"), Ty::Numeric)),
                Ty::Numeric if n == 1 => Ok((format!("{f}({x})"), Ty::Numeric)),
                Ty::Numeric => Ok((format!("{f}({x}, {d})"), Ty::Numeric)),
                // MySQL rounds doubles with rint() (to even), as PostgreSQL's round(float8)
                Ty::Float if d == 0 && name == "round" => Ok((format!("round({x})"), Ty::Float)),
                _ => Err(format!("{name}() of a {} value to {d} places", ty_name(ty))),
            }
        }
        "now" | "current_timestamp" | "sysdate" | "curdate" | "curtime" | "current_date"
        | "current_time" | "localtime" | "localtimestamp" | "unix_timestamp" | "utc_timestamp"
        | "rand" | "uuid" | "date_format" | "time_format" => Err(format!(
            "{name}() is not immutable in PostgreSQL (a generation expression must be)"
        )),
        _ => Err(format!(
            "{name}() has no exact immutable PostgreSQL equivalent"
        )),
    }
}

/// What a column of PostgreSQL type `pg_type` holds, for generation expressions, and
/// whether it is a `real`.
pub(super) fn column_ty(pg_type: &str, kind: super::values::ValueKind) -> (Ty, bool) {
    use super::values::ValueKind;
    let t = pg_type.to_ascii_lowercase();
    match kind {
        ValueKind::Text
            if t == "text"
                || t.starts_with("character")
                || t.starts_with("varchar")
                || t.starts_with("char") =>
        {
            (Ty::Text, false)
        }
        ValueKind::Int | ValueKind::Year => (Ty::Int, false),
        ValueKind::Numeric => (Ty::Numeric, false),
        ValueKind::Float => (Ty::Float, t.starts_with("real") || t == "float4"),
        ValueKind::Bool => (Ty::Flag, false),
        ValueKind::Json if t == "jsonb" || t == "json" => (Ty::Json, false),
        _ => (Ty::Other, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::Dialect;

    fn col(name: &str) -> Result<ColRef, String> {
        let (ty, real, pg) = match name.to_ascii_lowercase().as_str() {
            "a" | "n" => (Ty::Int, false, "a"),
            "b" => (Ty::Numeric, false, "b"),
            "c" | "first" | "last" => (Ty::Text, false, "c"),
            "d" => (Ty::Float, false, "d"),
            "f" => (Ty::Float, true, "f"),
            "flag" => (Ty::Flag, false, "flag"),
            "dt" => (Ty::Other, false, "dt"),
            "j" => (Ty::Json, false, "j"),
            "mixed" => (Ty::Text, false, "\"Mixed\""),
            _ => return Err(format!("unknown column {name}")),
        };
        Ok(ColRef {
            pg: pg.into(),
            ty,
            real,
            utf8: true,
        })
    }

    /// `e` translates to exactly `want`.
    fn ok(e: &str, target: Ty, want: &str) {
        assert_eq!(tr(e, target).as_deref(), Ok(want), "{e}");
    }

    fn tr(e: &str, target: Ty) -> Result<String, String> {
        let t = crate::sql::tokenize(e.as_bytes(), Dialect::Mysql, true);
        translate(&t, 0, t.len(), &col, target)
    }

    #[test]
    fn division_follows_mysql() {
        use Ty::*;
        ok(
            "(`a` / 2)",
            Numeric,
            "(trunc((a)::numeric / NULLIF((2)::numeric, 0), 9))",
        );
        ok("`a` DIV 2", Int, "((a)::bigint / NULLIF((2)::bigint, 0))");
        ok("`a` % 3", Int, "((a)::bigint % NULLIF((3)::bigint, 0))");
        ok("`a` MOD 3", Int, "((a)::bigint % NULLIF((3)::bigint, 0))");
        ok(
            "`d` / `a`",
            Float,
            "((d)::double precision / NULLIF((a)::double precision, 0))",
        );
        // a decimal dividend: the scale of the result is not known here
        assert!(tr("`b` / 2", Numeric).is_err());
        // JSON documents (MySQL's document collections)
        ok(
            "json_unquote(json_extract(`j`,_utf8mb4'$._id'))",
            Text,
            "((j #> ARRAY['_id']::text[]) #>> '{}')",
        );
        ok(
            "json_extract(`j`,'$.a.\"b c\"[2]')",
            Json,
            "(j #> ARRAY['a', 'b c', '2']::text[])",
        );
        for bad in ["'$.*'", "'$**.a'", "'$[last]'", "'a'", "'$[1 to 2]'"] {
            assert!(
                tr(&format!("json_extract(`j`,{bad})"), Json).is_err(),
                "{bad}"
            );
        }
        assert!(tr("json_extract(`c`,'$.a')", Json).is_err());
        assert!(tr("`a` / 2 / 2", Numeric).is_err());
    }

    #[test]
    fn exact_translations() {
        use Ty::*;
        ok("concat(`First`,' ',`Last`)", Text, "(c || ' ' || c)");
        ok(
            "concat(`c`,_utf8mb4' ',`a`,`b`)",
            Text,
            "(c || ' ' || (a)::text || (b)::text)",
        );
        ok(
            "concat(c,'it\\'s',NULL)",
            Text,
            "(c || 'it''s' || NULL::text)",
        );
        ok("`a` * 2", Int, "((a)::bigint * 2)");
        ok(
            "abs(`a`) + `a` * 3 - 1",
            Int,
            "((((abs(a))::bigint + ((a)::bigint * 3)))::bigint - 1)",
        );
        ok("ifnull(`a`,0)", Int, "COALESCE(a, 0)");
        ok(
            "if(`a` > 1,'big','small')",
            Text,
            "(CASE WHEN (a > 1) THEN 'big' ELSE 'small' END)",
        );
        ok("octet_length(`c`)", Int, "octet_length((c)::text)");
        ok("lcase(`Mixed`)", Text, "lower(\"Mixed\")");
        ok("ucase(c)", Text, "upper(c)");
        ok("substr(`c`,1,3)", Text, "substr(c, 1, 3)");
        ok("substring(c, 2)", Text, "substr(c, 2)");
        ok("mid(c, 2, 0)", Text, "substr(c, 2, 0)");
        ok("left(c, 2)", Text, "left(c, 2)");
        ok("right(a, 2)", Text, "right((a)::text, 2)");
        ok("trim(c)", Text, "trim(c)");
        ok("reverse(c)", Text, "reverse(c)");
        ok("replace(c,'a','b')", Text, "replace(c, 'a', 'b')");
        ok("round(`b`,1)", Numeric, "round(b, 1)");
        ok("round(`d`,0)", Float, "round(d)");
        ok("round(a)", Int, "a");
        ok("truncate(`b`,0)", Int, "trunc(b, 0)");
        ok(
            "`a` <=> NULL",
            Int,
            "((a IS NOT DISTINCT FROM NULL))::integer",
        );
        ok(
            "`a` <> 0 or `a` is not null",
            Flag,
            "((a <> 0) OR (a IS NOT NULL))",
        );
        ok("`a` != 1", Flag, "(a <> 1)");
        ok("`a` between 1 and 2", Int, "((a BETWEEN 1 AND 2))::integer");
        ok("`a` not in (1,2)", Flag, "(a NOT IN (1, 2))");
        ok(
            "case when `a` is null then 'n' else concat('x',`c`) end",
            Text,
            "(CASE WHEN (a IS NULL) THEN 'n' ELSE ('x' || c) END)",
        );
        ok("-`a`", Int, "(- a)");
        ok("f * 2", Float, "((f)::double precision * 2)");
        ok("a + 1", Text, "(((a)::bigint + 1))::text");
        ok("a", Flag, "(a <> 0)");
        ok("dt is null", Flag, "(dt IS NULL)");
        ok("if(flag, 1, 2)", Int, "(CASE WHEN flag THEN 1 ELSE 2 END)");
        ok("'a\\\\b\"c'", Text, "'a\\b\"c'");
    }

    #[test]
    fn inexact_or_mutable_is_refused() {
        for (e, target) in [
            ("date_format(current_timestamp(),'%Y')", Ty::Text),
            ("now()", Ty::Other),
            ("c = 'x'", Ty::Flag),
            ("concat(c, d)", Ty::Text),
            ("concat(c, dt)", Ty::Text),
            ("flag + 1", Ty::Int),
            ("substr(c, 0, 2)", Ty::Text),
            ("substr(c, -2)", Ty::Text),
            ("substr(c, 1, -1)", Ty::Text),
            ("substr(c, a)", Ty::Text),
            ("left(c, -1)", Ty::Text),
            ("right(c, a)", Ty::Text),
            ("substr(d, 1)", Ty::Text),
            ("trim(c, 1)", Ty::Text),
            ("nosuch + 1", Ty::Int),
            ("t.a + 1", Ty::Int),
            ("a + 1", Ty::Other),
            ("d", Ty::Int),
            ("round(d, 2)", Ty::Float),
            ("round(b, a)", Ty::Numeric),
            ("length(a)", Ty::Int),
            ("0x41", Ty::Text),
            ("_binary'x'", Ty::Text),
            ("a + ", Ty::Int),
            ("(a, b)", Ty::Int),
            ("a b", Ty::Int),
            ("case a when 1 then 2 end", Ty::Int),
            ("if(c, 1, 2)", Ty::Int),
            ("coalesce(c, 1)", Ty::Text),
            ("a | 1", Ty::Int),
        ] {
            assert!(tr(e, target).is_err(), "{e} → {:?}", tr(e, target));
        }
        assert!(tr("now()", Ty::Other)
            .unwrap_err()
            .contains("not immutable"));
    }
}
