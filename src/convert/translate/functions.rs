//! Function calls: MySQL's aggregate, scalar and conditional functions mapped to
//! PostgreSQL ones with the same results (the list is
//! `crate::rules::mysql_functions::FUNCTIONS`), `DATE_FORMAT` formats as `to_char`
//! ones; a function without an exact equivalent is a [`Bad`].

use super::*;

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
    let mut after_spec = false;
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            after_spec = false;
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
                after_spec = false;
                continue;
            }
            _ => return None,
        };
        // to_char reads patterns greedily (`YY` then `YYYY` would be `YYYY` `YY`):
        // an empty quoted text keeps two apart
        if lit.is_empty() && after_spec {
            out.push_str("\"\"");
        }
        flush(&mut lit, &mut out);
        out.push_str(spec);
        after_spec = true;
    }
    flush(&mut lit, &mut out);
    Some(out)
}

/// The current time at MySQL's precision: `NOW()` is the statement's start, in
/// whole seconds.
pub(super) const NOW: &str = "date_trunc('second', CAST(statement_timestamp() AS timestamp))";

impl Translator<'_> {
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

    pub(super) fn arity(
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

    pub(super) fn function(&mut self, f: &Function, e: &Expr) -> R<Translated> {
        let Some(name) = one_name(&f.name).map(|n| n.to_ascii_uppercase()) else {
            return self.untranslated(f, e);
        };
        if self.generating() {
            let args = self.plain_args(f, e)?;
            if let Some(r) = self.stored_function(&name, &args, e) {
                return r;
            }
        }
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
    ) -> R<Translated> {
        let d = if distinct { "DISTINCT " } else { "" };
        if name != "GROUP_CONCAT" && !clauses.is_empty() {
            return Err(self.bad(e, format!("{name}(… ORDER BY)")));
        }
        match name {
            "COUNT" if star && args.is_empty() && !distinct => {
                Ok(Translated::new("count(*)".into(), Ty::Int))
            }
            "COUNT" if args.len() == 1 && !star => {
                let v = self.expr(args[0])?;
                Ok(Translated::new(format!("count({d}{})", v.s), Ty::Int))
            }
            "SUM" if args.len() == 1 && !star => {
                let v = self.num(args[0])?;
                match v.t {
                    Ty::Int => Ok(Translated::new(format!("sum({d}{})", v.s), Ty::Int)),
                    Ty::Num | Ty::Null => Ok(Translated::new(format!("sum({d}{})", v.s), Ty::Num)),
                    _ => Err(self.bad(e, "SUM of floating-point values (MySQL sums in double)")),
                }
            }
            "AVG" if args.len() == 1 && !star => {
                let v = self.num(args[0])?;
                match v.t {
                    // MySQL: 4 more decimals than the argument (div_precision_increment)
                    Ty::Int => Ok(Translated::new(
                        format!("round(avg({d}{}), 4)", v.s),
                        Ty::Num,
                    )),
                    _ => Err(self.bad(e, "AVG of a decimal or floating-point value")),
                }
            }
            "MIN" | "MAX" if args.len() == 1 && !star => {
                let v = self.expr(args[0])?;
                match v.t {
                    Ty::Bool => {
                        let f = if name == "MIN" { "bool_and" } else { "bool_or" };
                        Ok(Translated::new(format!("{f}({})", v.s), Ty::Bool))
                    }
                    Ty::Bytes | Ty::Other => {
                        Err(self.bad(e, format!("{name} of binary, JSON, SET or BIT values")))
                    }
                    t => Ok(Translated::new(
                        format!("{}({d}{})", name.to_lowercase(), v.s),
                        t,
                    )),
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
                Ok(Translated::new(
                    format!("string_agg({d}{x}, {sep}{order})"),
                    Ty::Text,
                ))
            }
            _ => Err(self.bad(e, format!("{name}() with these arguments"))),
        }
    }

    fn scalar(&mut self, name: &str, f: &Function, e: &Expr) -> R<Translated> {
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
                Ok(Translated::new(format!("({} IS NULL)", v.s), Ty::Bool))
            }
            "CONCAT" => {
                self.arity(name, a, 1..=usize::MAX, e)?;
                let mut parts = Vec::new();
                for x in a {
                    parts.push(self.text(x, "CONCAT")?);
                }
                // `||` is NULL when any part is, as CONCAT (PostgreSQL's concat() is not)
                Ok(Translated::new(
                    format!("({})", parts.join(" || ")),
                    Ty::Text,
                ))
            }
            "CONCAT_WS" => {
                self.arity(name, a, 2..=usize::MAX, e)?;
                let mut parts = Vec::new();
                for x in a {
                    parts.push(self.text(x, "CONCAT_WS")?);
                }
                Ok(Translated::new(
                    format!("concat_ws({})", parts.join(", ")),
                    Ty::Text,
                ))
            }
            "UPPER" | "UCASE" | "LOWER" | "LCASE" => {
                self.arity(name, a, 1..=1, e)?;
                let before = self.columns_read;
                let x = self.text(a[0], name)?;
                self.stored_collated(before, name, e)?;
                let f = if name.starts_with('U') {
                    "upper"
                } else {
                    "lower"
                };
                Ok(Translated::new(format!("{f}({x})"), Ty::Text))
            }
            "LENGTH" | "OCTET_LENGTH" => {
                self.arity(name, a, 1..=1, e)?;
                let before = self.non_utf8_read;
                let x = self.text(a[0], name)?;
                if self.non_utf8_read != before {
                    return Err(self.bad(
                        e,
                        format!("{name}() counts bytes, and a column is not UTF-8 in MySQL"),
                    ));
                }
                Ok(Translated::new(format!("octet_length({x})"), Ty::Int))
            }
            "CHAR_LENGTH" | "CHARACTER_LENGTH" => {
                self.arity(name, a, 1..=1, e)?;
                let x = self.text(a[0], name)?;
                Ok(Translated::new(format!("char_length({x})"), Ty::Int))
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
                Ok(Translated::new(
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
                Ok(Translated::new(format!("strpos({h}, {n})"), Ty::Int))
            }
            "REPLACE" => {
                self.arity(name, a, 3..=3, e)?;
                let before = self.columns_read;
                let mut p = Vec::new();
                for x in a {
                    p.push(self.text(x, name)?);
                }
                self.stored_collated(before, name, e)?;
                Ok(Translated::new(
                    format!("replace({})", p.join(", ")),
                    Ty::Text,
                ))
            }
            "TRIM" | "LTRIM" | "RTRIM" | "REVERSE" => {
                self.arity(name, a, 1..=1, e)?;
                let x = self.text(a[0], name)?;
                Ok(Translated::new(
                    format!("{}({x})", name.to_lowercase()),
                    Ty::Text,
                ))
            }
            "REPEAT" => {
                self.arity(name, a, 2..=2, e)?;
                let x = self.text(a[0], name)?;
                let n = self.int(a[1])?.s;
                Ok(Translated::new(format!("repeat({x}, {n})"), Ty::Text))
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
                    Ok(Translated::new(
                        format!("split_part({x}, {d}, 1)"),
                        Ty::Text,
                    ))
                } else {
                    Ok(Translated::new(
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
                Ok(Translated::new(
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
                Ok(Translated::new(s, Ty::Int))
            }
            "DATE" => {
                self.arity(name, a, 1..=1, e)?;
                let v = self.date(a[0], false)?;
                Ok(Translated::new(format!("CAST({} AS date)", v.s), Ty::Date))
            }
            "TO_DAYS" => {
                self.arity(name, a, 1..=1, e)?;
                let x = self.date(a[0], false)?;
                // days since year 0, as MySQL counts them (proleptic Gregorian)
                Ok(Translated::new(
                    format!("(CAST({} AS date) - DATE '0001-01-01' + 366)", x.s),
                    Ty::Int,
                ))
            }
            "DATEDIFF" => {
                self.arity(name, a, 2..=2, e)?;
                let x = self.date(a[0], false)?;
                let y = self.date(a[1], false)?;
                Ok(Translated::new(
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
                Ok(Translated::new(
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
                Ok(Translated::new(s, Ty::DateTime))
            }
            "CURDATE" | "CURRENT_DATE" if a.is_empty() => Ok(Translated::new(
                "CAST(statement_timestamp() AS date)".into(),
                Ty::Date,
            )),
            "CURTIME" | "CURRENT_TIME" if a.is_empty() => {
                Ok(Translated::new(format!("CAST({NOW} AS time)"), Ty::Time))
            }
            "ABS" => {
                self.arity(name, a, 1..=1, e)?;
                let v = self.num(a[0])?;
                Ok(Translated::new(format!("abs({})", v.s), v.t).unsure(v.scale_unsure))
            }
            "CEIL" | "CEILING" | "FLOOR" => {
                self.arity(name, a, 1..=1, e)?;
                let v = self.num(a[0])?;
                if v.t == Ty::Float {
                    return Err(self.bad(e, format!("{name}() of a floating-point value")));
                }
                // PostgreSQL's floor(integer) is floor(double precision)
                if matches!(v.t, Ty::Int | Ty::Null) {
                    return Ok(v);
                }
                let f = if name == "FLOOR" { "floor" } else { "ceil" };
                Ok(Translated::new(format!("{f}({})", v.s), v.t))
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
                    Ty::Int => Ok(Translated::new(
                        format!("{f}(CAST({} AS numeric), {places})", v.s),
                        Ty::Num,
                    )),
                    Ty::Num => Ok(Translated::new(format!("{f}({}, {places})", v.s), Ty::Num)),
                    // MySQL rounds doubles with rint() (to even), as PostgreSQL's round(float8)
                    Ty::Float if places == 0 && name == "ROUND" => {
                        Ok(Translated::new(format!("round({})", v.s), Ty::Float))
                    }
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
                self.decimal_remainder(&x, &y, e)?;
                let t = self.unify_types(&[x.t, y.t]).unwrap_or(Ty::Num);
                Ok(
                    Translated::new(format!("mod({}, NULLIF({}, 0))", x.s, y.s), t)
                        .unsure(x.scale_unsure || y.scale_unsure),
                )
            }
            "RAND" if a.is_empty() => Ok(Translated::new("random()".into(), Ty::Float)),
            _ => self.untranslated(f, e),
        }
    }

    /// IF, IFNULL, COALESCE, NULLIF, GREATEST, LEAST.
    fn conditional(&mut self, name: &str, a: &[&Expr], e: &Expr) -> R<Translated> {
        match name {
            "IF" => {
                self.arity(name, a, 3..=3, e)?;
                let c = self.cond(a[0])?;
                let mut vs = [self.expr(a[1])?, self.expr(a[2])?];
                let t = self.unify_results(&mut vs, e)?;
                Ok(Translated::new(
                    format!("CASE WHEN {c} THEN {} ELSE {} END", vs[0].s, vs[1].s),
                    t,
                )
                .unsure(true))
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
                if name != "IFNULL" && name != "COALESCE" {
                    // they compare
                    self.stored_operands(&vs, e)?;
                }
                let t = self.unify_results(&mut vs, e)?;
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
                Ok(Translated::new(s, t).unsure(name != "NULLIF" || vs[0].scale_unsure))
            }
        }
    }

    /// A function without a translation here: a stored function (routines are not
    /// translated) or a MySQL function without an exact PostgreSQL equivalent.
    fn untranslated(&self, f: &Function, e: &Expr) -> R<Translated> {
        Err(self.bad(e, format!("{}() (no exact PostgreSQL translation)", f.name)))
    }
}
