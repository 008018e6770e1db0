//! Column types and the values DDL writes: MySQL types as PostgreSQL ones
//! (pgloader's casts, `--cast`), column defaults, enum and set members, string
//! literals, and a generated value fitted to its column's type as MySQL does.

use super::values;
use crate::sql::coltype::ColType;
use values::ValueKind;

/// One `--cast`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cast {
    /// `table.column=type`
    Column {
        /// Table (any case).
        table: String,
        /// Column (any case).
        column: String,
        /// PostgreSQL type.
        to: String,
    },
    /// `mysqltype=type` (a base type name such as `tinyint`, `datetime`, `char`).
    Type {
        /// MySQL base type.
        from: String,
        /// PostgreSQL type.
        to: String,
    },
}

impl std::str::FromStr for Cast {
    type Err = String;
    fn from_str(s: &str) -> Result<Cast, String> {
        let (k, to) = s
            .split_once('=')
            .ok_or_else(|| format!("'{s}': expected table.column=TYPE or mysqltype=TYPE"))?;
        let to = to.trim();
        let type_ok = !to.is_empty()
            && to
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b" _()[],".contains(&b));
        if !type_ok {
            return Err(format!("'{to}' is not a PostgreSQL type name"));
        }
        Ok(match k.trim().split_once('.') {
            Some((t, c)) if !t.is_empty() && !c.is_empty() => Cast::Column {
                table: t.to_lowercase(),
                column: c.to_lowercase(),
                to: to.to_string(),
            },
            Some(_) => return Err(format!("'{k}': expected table.column")),
            None => Cast::Type {
                from: k.trim().to_lowercase(),
                to: to.to_string(),
            },
        })
    }
}

/// The value kind for a PostgreSQL type given with `--cast`.
pub(super) fn kind_of_pg_type(t: &str) -> ValueKind {
    let t = t.to_ascii_lowercase();
    if t.ends_with("[]") {
        ValueKind::Set
    } else if t.starts_with("interval") {
        // (before `int`) MySQL TIME values outside 00:00:00..24:00:00, up to ±838
        // hours, are interval input as written: passed on as text
        ValueKind::Text
    } else if t.starts_with("bool") {
        ValueKind::Bool
    } else if t.starts_with("bytea") {
        ValueKind::Bytes
    } else if t.starts_with("smallint") || t.starts_with("int") || t.starts_with("bigint") {
        ValueKind::Int
    } else if t.starts_with("numeric") || t.starts_with("decimal") {
        ValueKind::Numeric
    } else if t.starts_with("real") || t.starts_with("double") || t.starts_with("float") {
        ValueKind::Float
    } else if t.starts_with("timestamp") {
        ValueKind::DateTime
    } else if t == "date" {
        ValueKind::Date
    } else if t.starts_with("time") {
        ValueKind::Time
    } else if t.starts_with("json") {
        ValueKind::Json
    } else if t.starts_with("bit") {
        ValueKind::Bit
    } else {
        ValueKind::Text
    }
}

/// The PostgreSQL type and value kind for a MySQL column type.
pub(super) fn cast(t: &ColType) -> (String, ValueKind) {
    let w = t.width();
    let s = |x: &str| x.to_string();
    match t.base.as_str() {
        "tinyint" if w == Some(1) => (s("boolean"), ValueKind::Bool),
        // MySQL's BOOL / BOOLEAN is tinyint(1)
        "boolean" => (s("boolean"), ValueKind::Bool),
        "bit" if w.unwrap_or(1) == 1 => (s("boolean"), ValueKind::Bool),
        // MySQL writes bit values as whole bytes: the column takes any length
        "bit" => (s("bit varying"), ValueKind::Bit),
        "tinyint" => (s("smallint"), ValueKind::Int),
        "smallint" if t.unsigned => (s("integer"), ValueKind::Int),
        "smallint" => (s("smallint"), ValueKind::Int),
        "mediumint" => (s("integer"), ValueKind::Int),
        "integer" if t.unsigned => (s("bigint"), ValueKind::Int),
        "integer" => (s("integer"), ValueKind::Int),
        "bigint" if t.unsigned => (s("numeric(20)"), ValueKind::Numeric),
        "bigint" => (s("bigint"), ValueKind::Int),
        "float" => (s("real"), ValueKind::Float),
        "double" | "real" => (s("double precision"), ValueKind::Float),
        "numeric" => match &t.args {
            Some(a) => (format!("numeric({a})"), ValueKind::Numeric),
            None => (s("numeric"), ValueKind::Numeric),
        },
        "char" => (format!("character({})", w.unwrap_or(1)), ValueKind::Text),
        "varchar" => match w {
            Some(n) => (format!("character varying({n})"), ValueKind::Text),
            None => (s("text"), ValueKind::Text),
        },
        "tinytext" | "text" | "mediumtext" | "longtext" => (s("text"), ValueKind::Text),
        "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" => {
            (s("bytea"), ValueKind::Bytes)
        }
        "date" => (s("date"), ValueKind::Date),
        "datetime" | "timestamp" => (s("timestamp without time zone"), ValueKind::DateTime),
        "time" => (s("time without time zone"), ValueKind::Time),
        "year" => (s("integer"), ValueKind::Year),
        "json" => (s("jsonb"), ValueKind::Json),
        // MariaDB's address and UUID types have PostgreSQL twins (same text form)
        "inet4" | "inet6" => (s("inet"), ValueKind::Text),
        "uuid" => (s("uuid"), ValueKind::Text),
        "enum" => (s("text"), ValueKind::Text),
        "set" => (s("text[]"), ValueKind::Set),
        // the stored bytes (a 4-byte SRID, then WKB): kept exactly, PostGIS not assumed
        g if is_geometry(g) => (s("bytea"), ValueKind::Bytes),
        _ => (s("text"), ValueKind::Text),
    }
}

/// MySQL's spatial types.
pub(super) fn is_geometry(base: &str) -> bool {
    matches!(
        base,
        "geometry"
            | "point"
            | "linestring"
            | "polygon"
            | "multipoint"
            | "multilinestring"
            | "multipolygon"
            | "geometrycollection"
            | "geomcollection"
    )
}

/// A MySQL column default as a PostgreSQL one, when it translates.
pub(super) fn default_value(d: &[u8], kind: ValueKind, backslash: bool) -> Option<String> {
    let s = String::from_utf8_lossy(d).trim().to_string();
    let upper = s.to_ascii_uppercase();
    if upper == "NULL" {
        return None;
    }
    if upper.starts_with("CURRENT_TIMESTAMP") || upper == "NOW()" {
        return Some("CURRENT_TIMESTAMP".into());
    }
    if kind == ValueKind::Bool && (upper == "TRUE" || upper == "FALSE") {
        return Some(upper.to_lowercase());
    }
    let mut out = Vec::new();
    let mut st = values::Stats::default();
    values::to_copy_with(d, kind, backslash, &mut out, &mut st).ok()?;
    if out == b"\\N" {
        return None;
    }
    let v = unescape_copy(&out);
    match kind {
        ValueKind::Int | ValueKind::Numeric | ValueKind::Float | ValueKind::Year => {
            v.parse::<f64>().ok().map(|_| v)
        }
        ValueKind::Bool => Some(if v == "t" {
            "true".into()
        } else {
            "false".into()
        }),
        _ => Some(format!("'{}'", v.replace('\'', "''"))),
    }
}

/// The members of a MySQL `enum('a','b\\c',…)` as PostgreSQL literals for a CHECK,
/// plus `''`: MySQL stores a value that is not a member as the empty string (its
/// "error value"), in any enum column. Unparsable lists are kept as written.
pub(super) fn enum_members(args: &str, backslash: bool) -> String {
    match enum_values(args, backslash) {
        Some(vals) => {
            let mut members: Vec<String> = vals.iter().map(|v| pg_literal(v)).collect();
            members.push("''".to_string());
            members.join(",")
        }
        None => args.to_string(),
    }
}

/// The labels of the `CREATE TYPE … AS ENUM` for a MySQL enum with members `vals`:
/// `''` first, then the members. MySQL stores a value that is not a member (in
/// non-strict mode) as `''`, the "error value" of index 0, and mysqldump writes it
/// as `''`: the label keeps those rows as they are, and first, because MySQL sorts
/// enums by index.
pub(super) fn enum_labels(vals: &[String]) -> String {
    let mut labels = vec!["''".to_string()];
    for v in vals {
        let l = pg_literal(v);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    labels.join(", ")
}

/// The members of a MySQL `enum('a','b\\c',…)` (their values); `None` when the list
/// cannot be read.
pub(super) fn enum_values(args: &str, backslash: bool) -> Option<Vec<String>> {
    let b = args.as_bytes();
    let mut members = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
            q @ (b'\'' | b'"') => {
                let start = i;
                i += 1;
                i += crate::lex::scan::closing_quote(&b[i..], q, backslash)? + 1;
                members.push(sql_value(&b[start..i], backslash)?);
            }
            _ => return None,
        }
    }
    Some(members)
}

/// A PostgreSQL string literal of `v`.
pub(super) fn pg_literal(v: &str) -> String {
    format!("'{}'", v.replace('\'', "''"))
}

/// A MySQL string literal as a PostgreSQL one (`'…'` with `''` doubling).
pub(super) fn sql_string(lit: &[u8], backslash: bool) -> Option<String> {
    sql_value(lit, backslash).map(|v| pg_literal(&v))
}

/// The value of a MySQL string literal.
fn sql_value(lit: &[u8], backslash: bool) -> Option<String> {
    let mut text = Vec::new();
    let mut st = values::Stats::default();
    values::to_copy_with(lit, ValueKind::Text, backslash, &mut text, &mut st).ok()?;
    Some(unescape_copy(&text))
}

/// `sql` as MySQL fits a value into a column of type `ty` (in non-strict mode, and
/// always for a virtual column, computed when read): integers and decimals clipped to
/// the type's range, strings cut to the declared length. `None` for a type whose
/// conversion is not followed here.
pub(super) fn fit_to(ty: &ColType, sql: &str) -> Option<String> {
    // (not GREATEST/LEAST: PostgreSQL's skip NULLs)
    let clip = |lo: String, hi: String| {
        Some(format!(
            "(CASE WHEN {sql} < {lo} THEN {lo} WHEN {sql} > {hi} THEN {hi} ELSE {sql} END)"
        ))
    };
    match ty.base.as_str() {
        "tinyint" if ty.width() == Some(1) => Some(sql.to_string()), // boolean
        "tinyint" | "smallint" | "mediumint" | "integer" | "bigint" => {
            let bits = match ty.base.as_str() {
                "tinyint" => 8,
                "smallint" => 16,
                "mediumint" => 24,
                "integer" => 32,
                _ => 64,
            };
            let (lo, hi): (i128, i128) = if ty.unsigned {
                (0, (1i128 << bits) - 1)
            } else {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            };
            clip(lo.to_string(), hi.to_string())
        }
        "numeric" => {
            let args = ty.args.as_deref().unwrap_or("10,0");
            let mut it = args.split(',').map(|a| a.trim().parse::<usize>());
            let p = it.next()?.ok()?;
            let sc = match it.next() {
                Some(x) => x.ok()?,
                None => 0,
            };
            if p == 0 || sc > p || p > 65 {
                return None;
            }
            let mut max = "9".repeat(p - sc);
            if max.is_empty() {
                max.push('0');
            }
            if sc > 0 {
                max.push('.');
                max.push_str(&"9".repeat(sc));
            }
            let lo = if ty.unsigned {
                "0".to_string()
            } else {
                format!("-{max}")
            };
            clip(lo, max)
        }
        "varchar" | "char" => Some(format!("left({sql}, {})", ty.width().unwrap_or(1))),
        "tinytext" | "text" | "mediumtext" | "longtext" | "double" | "real" | "float" => {
            Some(sql.to_string())
        }
        _ => None,
    }
}

/// Undo COPY text escaping (for values reused as SQL literals).
fn unescape_copy(b: &[u8]) -> String {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            out.push(match b[i + 1] {
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                c => c,
            });
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
