//! Comparing a MySQL database (MariaDB) with PostgreSQL, or two PostgreSQL databases,
//! by value: each column pair gets a normalisation ([`Canon`], chosen by [`canon`] from
//! both servers' types), each server computes one canonical text per value (NULL is
//! `~`, columns joined with `|`), and each table's rows are compared as a sorted
//! multiset ([`compare`]). `tests/convert.rs` documents the normalisation and tests it
//! (`harness_*`); `tests/no_loss.rs` uses the per-column expressions ([`maria_expr`],
//! [`pg_expr`]) inside its checksums, `tests/properties.rs` for its generated rows.

use std::collections::BTreeMap;

use super::{my_ident, pg_ident, Maria, Pg};

/// How a column's values are normalised (chosen per column pair).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Canon {
    Bool,
    Num,
    /// Floats exactly: each server's shortest text, parsed and printed again in Rust
    /// ([`finish`]).
    Float,
    /// Floats exactly at single precision (a pair with a MySQL FLOAT or a PostgreSQL
    /// `real`), parsed as `f32` in Rust.
    Float32,
    DateTime,
    Date,
    Time,
    Text,
    Bytes,
    Set,
    // Never chosen by [`canon`]; tests/properties.rs names them for its columns.
    /// A MySQL TIME as PostgreSQL's `time` holds it: values outside 00:00:00 to
    /// 24:00:00 are NULL on MariaDB (the converter writes NULL for them).
    TimeInPgRange,
    /// Any `bit(n)` as its binary digits without leading zeros (`0` for zero): no
    /// overflow past 63 bits, unlike [`Canon::Num`].
    BitString,
    /// JSON as the hex of its text, for the caller to parse and compare as JSON.
    JsonHex,
    /// JSON, parsed and printed again in Rust with sorted keys ([`finish`]).
    Json,
}

/// The normalisations finished in Rust, on the row texts ([`finish_row`]).
pub fn finishes(c: Canon) -> bool {
    matches!(c, Canon::Float | Canon::Float32 | Canon::Json)
}

/// One field's canonical text, finished ([`Canon::Float`]: the number's shortest
/// round-trip form; [`Canon::Json`]: the value with sorted keys, no spaces). A field
/// that does not parse is kept, marked `?`.
pub fn finish(c: Canon, field: &str) -> String {
    if field == "~" {
        return field.to_owned();
    }
    match c {
        Canon::Float => match field.parse::<f64>() {
            // `+ 0.0`: -0 and 0 alike
            Ok(v) => format!("{:e}", v + 0.0),
            Err(_) => format!("?{field}"),
        },
        Canon::Float32 => match field.parse::<f32>() {
            Ok(v) => format!("{:e}", v + 0.0),
            Err(_) => format!("?{field}"),
        },
        Canon::Json => match serde_json::from_slice::<serde_json::Value>(&super::unhex(field)) {
            Ok(v) => v.to_string(),
            Err(_) => format!("?{field}"),
        },
        _ => field.to_owned(),
    }
}

/// A row text (`|`-joined fields, one per entry of `canons`) with its fields finished.
pub fn finish_row(canons: &[Canon], line: &str) -> String {
    if !canons.iter().any(|&c| finishes(c)) {
        return line.to_owned();
    }
    let fields: Vec<&str> = line.split('|').collect();
    assert_eq!(
        fields.len(),
        canons.len(),
        "a row text with {} fields for {} columns: {line:?}",
        fields.len(),
        canons.len()
    );
    fields
        .iter()
        .zip(canons)
        .map(|(f, &c)| finish(c, f))
        .collect::<Vec<_>>()
        .join("|")
}

/// What a column holds, from either server's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Logical {
    /// PG boolean
    Bool,
    /// integers, year
    Int,
    Decimal,
    /// MariaDB DOUBLE, PostgreSQL `double precision`.
    Float,
    /// MariaDB FLOAT, PostgreSQL `real`.
    Real,
    /// MariaDB FLOAT(M,D) / DOUBLE(M,D): the value as shown (rounded to D digits) is
    /// what mysqldump writes; the stored double may differ from it.
    ScaledFloat,
    Bit,
    DateTime,
    Date,
    Time,
    Text,
    Enum,
    /// MariaDB set (its elements) or PG array
    Set(Vec<String>),
    Bytes,
    /// PostgreSQL `oid`: a large object's bytes (read through `lo_get`).
    Lo,
    Json,
    /// PostgreSQL `inet`: compared by its address text (`host()`, no `/128`).
    Inet,
    Other,
}

impl Logical {
    fn numeric(&self) -> bool {
        matches!(self, Logical::Int | Logical::Decimal | Logical::Bit)
    }

    pub fn from_maria(data_type: &str, column_type: &str) -> Logical {
        match data_type {
            "tinyint" | "smallint" | "mediumint" | "int" | "bigint" | "year" => Logical::Int,
            "decimal" => Logical::Decimal,
            "float" | "double" if column_type.contains(',') => Logical::ScaledFloat,
            "float" => Logical::Real,
            "double" => Logical::Float,
            "bit" => Logical::Bit,
            "date" => Logical::Date,
            "datetime" | "timestamp" => Logical::DateTime,
            "time" => Logical::Time,
            "char" | "varchar" | "tinytext" | "text" | "mediumtext" | "longtext" => Logical::Text,
            "enum" => Logical::Enum,
            "set" => Logical::Set(set_elements(column_type)),
            "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" => {
                Logical::Bytes
            }
            "json" => Logical::Json,
            // MariaDB's address and UUID types: compared by their text
            "inet4" | "inet6" | "uuid" => Logical::Text,
            // the stored bytes (SRID + WKB)
            "geometry" | "point" | "linestring" | "polygon" | "multipoint" | "multilinestring"
            | "multipolygon" | "geometrycollection" => Logical::Bytes,
            _ => Logical::Other,
        }
    }

    /// From `format_type()` and `pg_type.typtype`.
    pub fn from_pg(format_type: &str, typtype: &str) -> Logical {
        let t = format_type;
        if t.ends_with("[]") {
            return Logical::Set(Vec::new());
        }
        if typtype == "e" {
            return Logical::Enum;
        }
        match t {
            "boolean" => Logical::Bool,
            "smallint" | "integer" | "bigint" => Logical::Int,
            "real" => Logical::Real,
            "double precision" => Logical::Float,
            "date" => Logical::Date,
            "text" | "name" | "citext" | "uuid" => Logical::Text,
            "inet" => Logical::Inet,
            "bytea" => Logical::Bytes,
            "oid" => Logical::Lo,
            "json" | "jsonb" => Logical::Json,
            _ if t.starts_with("numeric") => Logical::Decimal,
            _ if t.starts_with("timestamp") => Logical::DateTime,
            _ if t.starts_with("time") || t.starts_with("interval") => Logical::Time,
            _ if t.starts_with("character") => Logical::Text,
            _ if t.starts_with("bit") => Logical::Bit,
            _ => Logical::Other,
        }
    }
}

/// `set('a','b''c')` → `["a", "b'c"]`.
pub fn set_elements(column_type: &str) -> Vec<String> {
    let inner = column_type
        .strip_prefix("set(")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or_else(|| panic!("odd set type {column_type}"));
    let mut out = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue; // the commas between elements
        }
        let mut e = String::new();
        loop {
            match chars.next() {
                Some('\'') if chars.peek() == Some(&'\'') => {
                    chars.next();
                    e.push('\'');
                }
                Some('\'') | None => break,
                Some(c) => e.push(c),
            }
        }
        out.push(e);
    }
    out
}

/// The normalisation for a pair of columns; `None`: not compared (still counted).
pub fn canon(a: &Logical, b: &Logical) -> Option<Canon> {
    use Logical as L;
    let either = |f: &dyn Fn(&Logical) -> bool| f(a) || f(b);
    if either(&|l| *l == L::Json)
        && matches!(a, L::Json | L::Text)
        && matches!(b, L::Json | L::Text)
    {
        // MariaDB's JSON is a LONGTEXT; PostgreSQL's jsonb reorders keys
        return Some(Canon::Json);
    }
    if either(&|l| matches!(l, L::Other | L::Json)) {
        return None;
    }
    let numberish = |l: &Logical| l.numeric() || *l == L::Bool;
    if either(&|l| *l == L::Bool) && numberish(a) && numberish(b) {
        return Some(Canon::Bool);
    }
    if *a == L::Bit && *b == L::Bit {
        return Some(Canon::BitString);
    }
    let floaty = |l: &Logical| matches!(l, L::Float | L::Real | L::ScaledFloat);
    if either(&floaty) && (numberish(a) || floaty(a)) && (numberish(b) || floaty(b)) {
        return Some(if either(&|l| *l == L::Real) {
            Canon::Float32
        } else {
            Canon::Float
        });
    }
    if a.numeric() && b.numeric() {
        return Some(Canon::Num);
    }
    if either(&|l| matches!(l, L::Set(_))) {
        return Some(Canon::Set);
    }
    let datish = |l: &Logical| matches!(l, L::Date | L::DateTime);
    if datish(a) && datish(b) {
        return Some(if *a == L::Date && *b == L::Date {
            Canon::Date
        } else {
            Canon::DateTime
        });
    }
    if *a == L::Time && *b == L::Time {
        return Some(Canon::Time);
    }
    if either(&|l| matches!(l, L::Bytes | L::Lo)) {
        return Some(Canon::Bytes);
    }
    Some(Canon::Text)
}

#[derive(Clone, Debug)]
pub struct Col {
    pub name: String,
    /// The server's own spelling of the type, for messages.
    pub ty: String,
    pub logical: Logical,
    pub pk: bool,
}

/// One database to compare.
pub enum Side<'a> {
    Maria {
        m: &'a Maria,
        db: &'a str,
        /// Read TIMESTAMP columns in UTC.
        utc: bool,
    },
    Pg {
        pg: &'a Pg,
        db: &'a str,
    },
}

pub fn my_lit(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
}

/// MariaDB: a number's text without trailing fractional zeros (`10.50` → `10.5`,
/// `3.00` → `3`).
fn my_trim_zeros(s: &str) -> String {
    format!("IF(LOCATE('.', {s}) > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM {s})), {s})")
}

impl Side<'_> {
    pub fn label(&self) -> String {
        match self {
            Side::Maria { db, .. } => format!("MariaDB {db}"),
            Side::Pg { db, .. } => format!("PG {db}"),
        }
    }

    /// Every base table with its columns in order.
    pub fn tables(&self) -> BTreeMap<String, Vec<Col>> {
        let mut tables: BTreeMap<String, Vec<Col>> = BTreeMap::new();
        match self {
            Side::Maria { m, db, .. } => {
                let out = m.query(
                    "",
                    &format!(
                        "SELECT c.table_name, c.column_name, c.data_type, c.column_type, c.column_key \
                         FROM information_schema.columns c JOIN information_schema.tables t \
                         ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
                         WHERE c.table_schema = {} AND t.table_type = 'BASE TABLE' \
                         ORDER BY c.table_name, c.ordinal_position",
                        my_lit(db)
                    ),
                );
                for line in out.lines().filter(|l| !l.is_empty()) {
                    let f: Vec<&str> = line.split('\t').collect();
                    assert_eq!(f.len(), 5, "odd column line {line:?}");
                    tables.entry(f[0].to_owned()).or_default().push(Col {
                        name: f[1].to_owned(),
                        ty: f[3].to_owned(),
                        logical: Logical::from_maria(&f[2].to_ascii_lowercase(), f[3]),
                        pk: f[4] == "PRI",
                    });
                }
            }
            Side::Pg { pg, db } => {
                let out = pg.query(
                    db,
                    "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), \
                     t.typtype, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid \
                     AND i.indisprimary AND a.attnum = ANY (i.indkey)) \
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
                     JOIN pg_type t ON t.oid = a.atttypid \
                     WHERE n.nspname = 'public' AND c.relkind = 'r' \
                     ORDER BY c.relname, a.attnum",
                );
                for line in out.lines().filter(|l| !l.is_empty()) {
                    let f: Vec<&str> = line.split('\t').collect();
                    assert_eq!(f.len(), 5, "odd column line {line:?}");
                    tables.entry(f[0].to_owned()).or_default().push(Col {
                        name: f[1].to_owned(),
                        ty: f[2].to_owned(),
                        logical: Logical::from_pg(f[2], f[3]),
                        pk: f[4] == "t",
                    });
                }
            }
        }
        tables
    }

    /// The SQL expression giving `col`'s canonical text (NULL for NULL).
    fn expr(&self, col: &Col, canon: Canon) -> String {
        match self {
            Side::Maria { .. } => maria_expr(&col.name, &col.logical, canon),
            Side::Pg { .. } => pg_expr(&col.name, &col.logical, canon),
        }
    }

    /// One canonical line per row: the columns' canonical texts joined with `|`, `~`
    /// for NULL.
    pub fn canon_rows(&self, table: &str, cols: &[(&Col, Canon)]) -> Vec<String> {
        let exprs: Vec<String> = cols
            .iter()
            .map(|(c, k)| format!("COALESCE({}, '~')", self.expr(c, *k)))
            .collect();
        let out = match self {
            Side::Maria { m, db, utc } => {
                let row = if exprs.is_empty() {
                    "'#'".to_owned()
                } else {
                    format!("CONCAT_WS('|', {})", exprs.join(", "))
                };
                let tz = if *utc {
                    "SET time_zone = '+00:00'; "
                } else {
                    ""
                };
                m.query(
                    "",
                    &format!("{tz}SELECT {row} FROM {}.{}", my_ident(db), my_ident(table)),
                )
            }
            Side::Pg { pg, db } => {
                let row = if exprs.is_empty() {
                    "'#'".to_owned()
                } else {
                    exprs.join(" || '|' || ")
                };
                pg.query(db, &format!("SELECT {row} FROM public.{}", pg_ident(table)))
            }
        };
        let canons: Vec<Canon> = cols.iter().map(|(_, k)| *k).collect();
        out.lines().map(|l| finish_row(&canons, l)).collect()
    }
}

/// MariaDB: the canonical text of column `name` holding `logical` (NULL for NULL), with
/// the values the converter writes as NULL or changes (and reports) normalised as it
/// writes them: see [`maria_expr_lossy`].
pub fn maria_expr(name: &str, logical: &Logical, canon: Canon) -> String {
    maria_expr_lossy(name, logical, canon, Loss::AsWritten)
}

/// What a column's values the converter cannot carry are compared as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// As themselves: a text no PostgreSQL value has (`int:2`, `zero-date`, NUL bytes).
    Exact,
    /// As the converter writes them (NULL, NUL bytes removed).
    AsWritten,
    /// As written, zero dates as `-infinity` (a NOT NULL column).
    ZeroAsInfinity,
}

/// MariaDB: the canonical text of column `name`. `loss`: the values the converter
/// cannot carry are normalised as it writes them (booleans other than 0/1 and zero
/// dates as NULL, NUL bytes removed from text; TIME outside PostgreSQL's `time` range
/// is [`Canon::TimeInPgRange`], for the caller to choose); otherwise they keep a text of their own
/// (`int:2`, `zero-date`, the NUL bytes), which no PostgreSQL value matches. Callers
/// pass `lossy` only for columns the conversion reported (C001, V001, V002).
pub fn maria_expr_lossy(name: &str, logical: &Logical, canon: Canon, loss: Loss) -> String {
    let q = my_ident(name);
    let lossy = loss != Loss::Exact;
    match canon {
        Canon::Bool if lossy => {
            format!("CASE WHEN {q} IS NULL THEN NULL WHEN {q} + 0 = 0 THEN 'f' WHEN {q} + 0 = 1 THEN 't' END")
        }
        Canon::Bool => format!(
            "CASE WHEN {q} IS NULL THEN NULL WHEN {q} + 0 = 0 THEN 'f' WHEN {q} + 0 = 1 THEN 't' \
             ELSE CONCAT('int:', {q} + 0) END"
        ),
        Canon::Num => match logical {
            Logical::Decimal => my_trim_zeros(&format!("CAST({q} AS CHAR)")),
            _ => format!("CAST({q} + 0 AS CHAR)"),
        },
        // a FLOAT's exact value widened to a double (its own text has 6 digits only)
        Canon::Float | Canon::Float32 if *logical == Logical::Real => {
            format!("CAST(CAST({q} AS DOUBLE) AS CHAR)")
        }
        Canon::Float | Canon::Float32 => format!("CAST({q} AS CHAR)"),
        Canon::DateTime | Canon::Date => {
            let fmt = if canon == Canon::Date {
                "%Y-%m-%d"
            } else {
                "%Y-%m-%d %H:%i:%s.%f"
            };
            let zero = match loss {
                Loss::Exact => "'zero-date'",
                Loss::AsWritten => "NULL",
                Loss::ZeroAsInfinity => "'-infinity'",
            };
            format!(
                "CASE WHEN {q} IS NULL THEN NULL WHEN YEAR({q}) = 0 OR MONTH({q}) = 0 OR DAYOFMONTH({q}) = 0 \
                 THEN {zero} ELSE DATE_FORMAT({q}, '{fmt}') END"
            )
        }
        Canon::Time => format!("TIME_FORMAT({q}, '%H:%i:%s.%f')"),
        Canon::TimeInPgRange => format!(
            "CASE WHEN {q} < '00:00:00' OR {q} > '24:00:00' THEN NULL ELSE {} END",
            maria_expr_lossy(name, logical, Canon::Time, Loss::Exact)
        ),
        Canon::Text if lossy => {
            format!("MD5(REPLACE(CONVERT({q} USING utf8mb4), CHAR(0 USING utf8mb4), ''))")
        }
        Canon::Text => format!("MD5(CONVERT({q} USING utf8mb4))"),
        Canon::Bytes => match logical {
            Logical::Bytes => format!("MD5({q})"),
            _ => format!("MD5(CONVERT({q} USING utf8mb4))"),
        },
        Canon::Set => match logical {
            Logical::Set(elems) if !elems.is_empty() => {
                let mut sorted = elems.clone();
                sorted.sort(); // bytewise, like COLLATE "C" on PG
                let parts: Vec<String> = sorted
                    .iter()
                    .map(|e| {
                        let l = my_lit(e);
                        format!("IF(FIND_IN_SET({l}, {q}) > 0, {l}, NULL)")
                    })
                    .collect();
                format!(
                    "CASE WHEN {q} IS NULL THEN NULL ELSE MD5(CONVERT(CONCAT_WS(',', {}) USING utf8mb4)) END",
                    parts.join(", ")
                )
            }
            _ => format!("MD5(CONVERT({q} USING utf8mb4))"),
        },
        Canon::BitString => format!("BIN({q} + 0)"),
        Canon::JsonHex | Canon::Json => format!("HEX({q})"),
    }
}

/// PostgreSQL: the canonical text of column `name` holding `logical` (NULL for NULL).
pub fn pg_expr(name: &str, logical: &Logical, canon: Canon) -> String {
    let q = pg_ident(name);
    match canon {
        Canon::Bool => match logical {
            Logical::Bool => format!("CASE WHEN {q} THEN 't' WHEN NOT {q} THEN 'f' END"),
            Logical::Bit => {
                format!("CASE WHEN {q}::int = 0 THEN 'f' WHEN {q} IS NOT NULL THEN 't' END")
            }
            _ => format!("CASE WHEN {q} = 0 THEN 'f' WHEN {q} IS NOT NULL THEN 't' END"),
        },
        Canon::Num => match logical {
            Logical::Bit => format!("({q})::bigint::text"),
            _ => format!("trim_scale({q}::numeric)::text"),
        },
        Canon::Float | Canon::Float32 => format!("{q}::text"),
        // ±infinity as such (to_char gives NULL for them)
        Canon::DateTime => format!(
            "CASE WHEN isfinite({q}) THEN to_char({q}::timestamp, 'YYYY-MM-DD HH24:MI:SS.US') ELSE {q}::text END"
        ),
        Canon::Date => {
            format!("CASE WHEN isfinite({q}) THEN to_char({q}, 'YYYY-MM-DD') ELSE {q}::text END")
        }
        Canon::Time | Canon::TimeInPgRange => format!("to_char({q}::interval, 'HH24:MI:SS.US')"),
        Canon::Text if *logical == Logical::Inet => format!("md5(host({q}))"),
        Canon::Text => format!("md5({q}::text)"),
        Canon::Bytes => match logical {
            Logical::Bytes => format!("md5({q})"),
            Logical::Lo => format!("md5(lo_get({q}))"),
            _ => format!("md5({q}::text)"),
        },
        Canon::Set => {
            let elems = match logical {
                Logical::Set(_) => q.clone(),
                _ => format!("string_to_array({q}::text, ',')"),
            };
            format!(
                "CASE WHEN {q} IS NULL THEN NULL ELSE md5(array_to_string(ARRAY(\
                 SELECT e::text FROM unnest({elems}) AS e ORDER BY e::text COLLATE \"C\"), ',')) END"
            )
        }
        Canon::BitString => format!(
            "CASE WHEN {q} IS NULL THEN NULL ELSE COALESCE(NULLIF(ltrim({q}::text, '0'), ''), '0') END"
        ),
        Canon::JsonHex | Canon::Json => format!("encode(convert_to({q}::text, 'UTF8'), 'hex')"),
    }
}

/// How right-hand names are found for left-hand ones.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// The right name is the left name lower-cased (the converter's promise).
    Lower,
    /// Case-insensitive (two PG databases made by different tools).
    Fold,
}

impl Names {
    fn find<'a>(self, left: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
        let want = left.to_lowercase();
        let mut found = None;
        for c in candidates {
            let hit = match self {
                Names::Lower => c == want,
                Names::Fold => c.to_lowercase() == want,
            };
            if hit {
                assert!(found.is_none(), "two matches for {left}");
                found = Some(c);
            }
        }
        found
    }
}

#[derive(Clone, Debug, Default)]
pub struct Comparison {
    pub tables: usize,
    pub rows: u64,
    /// Rows present on one side only (the larger of the two one-sided counts, per table).
    pub mismatched_rows: u64,
    pub problems: Vec<String>,
    /// Columns left out of the values: `table.column (left type / right type)`.
    pub skipped: Vec<String>,
    /// Right-hand tables with no left-hand counterpart.
    pub extra: Vec<String>,
    /// Right-hand columns with no left-hand counterpart: `table.column (type)`.
    pub extra_columns: Vec<String>,
    /// Trigger-filled tables that are empty on the right.
    pub trigger_empty: Vec<String>,
}

impl Comparison {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} tables, {} rows compared, {} mismatched rows, {} problems",
            self.tables,
            self.rows,
            self.mismatched_rows,
            self.problems.len()
        );
        if !self.skipped.is_empty() {
            s.push_str(&format!(
                "; values not compared: {}",
                self.skipped.join(", ")
            ));
        }
        if !self.trigger_empty.is_empty() {
            s.push_str(&format!(
                "; empty on PG (filled by MySQL triggers): {}",
                self.trigger_empty.join(", ")
            ));
        }
        if !self.extra.is_empty() {
            s.push_str(&format!("; extra tables: {}", self.extra.join(", ")));
        }
        if !self.extra_columns.is_empty() {
            s.push_str(&format!(
                "; extra columns: {}",
                self.extra_columns.join(", ")
            ));
        }
        s
    }
}

/// Pair `lcols` with `rcols` and choose each pair's normalisation; missing columns go to
/// `cmp.problems`, pairs that cannot be compared to `cmp.skipped`.
pub fn plan_columns<'c>(
    table: &str,
    lcols: &'c [Col],
    rcols: &'c [Col],
    names: Names,
    right_label: &str,
    cmp: &mut Comparison,
) -> Vec<(&'c Col, &'c Col, Canon)> {
    let mut plan = Vec::new();
    for lc in lcols {
        let Some(rname) = names.find(&lc.name, rcols.iter().map(|c| c.name.as_str())) else {
            let have: Vec<&str> = rcols.iter().map(|c| c.name.as_str()).collect();
            cmp.problems.push(format!(
                "{table}.{}: column missing in {right_label} (has: {})",
                lc.name,
                have.join(", ")
            ));
            continue;
        };
        let rc = rcols.iter().find(|c| c.name == rname).unwrap();
        match canon(&lc.logical, &rc.logical) {
            Some(k) => plan.push((lc, rc, k)),
            None => cmp
                .skipped
                .push(format!("{table}.{} ({} / {})", lc.name, lc.ty, rc.ty)),
        }
    }
    for rc in rcols {
        if !lcols.iter().any(|lc| {
            names
                .find(&lc.name, std::iter::once(rc.name.as_str()))
                .is_some()
        }) {
            cmp.extra_columns
                .push(format!("{table}.{} ({})", rc.name, rc.ty));
        }
    }
    plan
}

/// Compare every table of `left` with its counterpart in `right`.
pub fn compare(left: &Side, right: &Side, names: Names, trigger_filled: &[&str]) -> Comparison {
    let lt = left.tables();
    let rt = right.tables();
    let mut cmp = Comparison::default();
    let mut matched = Vec::new();
    for (table, lcols) in &lt {
        let Some(rtable) = names.find(table, rt.keys().map(String::as_str)) else {
            cmp.problems
                .push(format!("table {table}: missing in {}", right.label()));
            continue;
        };
        matched.push(rtable.to_owned());
        let rcols = &rt[rtable];
        let plan = plan_columns(table, lcols, rcols, names, &right.label(), &mut cmp);
        let lplan: Vec<(&Col, Canon)> = plan.iter().map(|(l, _, k)| (*l, *k)).collect();
        let rplan: Vec<(&Col, Canon)> = plan.iter().map(|(_, r, k)| (*r, *k)).collect();
        let mut lrows = left.canon_rows(table, &lplan);
        let mut rrows = right.canon_rows(rtable, &rplan);
        cmp.tables += 1;
        if rrows.is_empty() && !lrows.is_empty() && trigger_filled.contains(&table.as_str()) {
            cmp.trigger_empty.push(table.clone());
            continue;
        }
        cmp.rows += lrows.len() as u64;
        lrows.sort_unstable();
        rrows.sort_unstable();
        let (only_l, only_r) = multiset_diff(&lrows, &rrows);
        if lrows.len() != rrows.len() || !only_l.is_empty() || !only_r.is_empty() {
            cmp.mismatched_rows += only_l.len().max(only_r.len()) as u64;
            cmp.problems.push(describe_diff(
                table, &plan, left, right, &lrows, &rrows, &only_l, &only_r,
            ));
        }
    }
    cmp.extra = rt
        .keys()
        .filter(|k| !matched.contains(k))
        .cloned()
        .collect();
    cmp
}

/// Elements of sorted `a` not in sorted `b`, and the other way round (as multisets).
pub fn multiset_diff<'a>(a: &'a [String], b: &'a [String]) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut i, mut j) = (0, 0);
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                only_a.push(x.as_str());
                i += 1;
            }
            (Some(_), Some(y)) => {
                only_b.push(y.as_str());
                j += 1;
            }
            (Some(x), None) => {
                only_a.push(x.as_str());
                i += 1;
            }
            (None, Some(y)) => {
                only_b.push(y.as_str());
                j += 1;
            }
            (None, None) => break,
        }
    }
    (only_a, only_b)
}

/// A readable account of one table's differences: counts, then a few rows paired by
/// primary key with the columns that differ.
#[allow(clippy::too_many_arguments)]
fn describe_diff(
    table: &str,
    plan: &[(&Col, &Col, Canon)],
    left: &Side,
    right: &Side,
    lrows: &[String],
    rrows: &[String],
    only_l: &[&str],
    only_r: &[&str],
) -> String {
    let mut s = format!(
        "table {table}: {} rows in {}, {} in {}; {} rows only in the first, {} only in the second",
        lrows.len(),
        left.label(),
        rrows.len(),
        right.label(),
        only_l.len(),
        only_r.len()
    );
    let pk: Vec<usize> = plan
        .iter()
        .enumerate()
        .filter(|(_, (l, _, _))| l.pk)
        .map(|(i, _)| i)
        .collect();
    let key = |row: &str| -> Option<String> {
        if pk.is_empty() {
            return None;
        }
        let f: Vec<&str> = row.split('|').collect();
        Some(
            pk.iter()
                .map(|&i| f.get(i).copied().unwrap_or("?"))
                .collect::<Vec<_>>()
                .join("|"),
        )
    };
    let by_key: BTreeMap<String, &str> = only_r
        .iter()
        .filter_map(|r| key(r).map(|k| (k, *r)))
        .collect();
    for l in only_l.iter().take(5) {
        let lf: Vec<&str> = l.split('|').collect();
        match key(l).and_then(|k| by_key.get(&k).map(|r| (k, *r))) {
            Some((k, r)) => {
                let rf: Vec<&str> = r.split('|').collect();
                s.push_str(&format!("\n  key {k}:"));
                for (i, (lc, rc, canon)) in plan.iter().enumerate() {
                    if lf.get(i) != rf.get(i) {
                        s.push_str(&format!(
                            "\n    {} ({} / {}, {canon:?}): {:?} vs {:?}",
                            lc.name,
                            lc.ty,
                            rc.ty,
                            lf.get(i).unwrap_or(&""),
                            rf.get(i).unwrap_or(&"")
                        ));
                    }
                }
            }
            None => s.push_str(&format!("\n  only in the first: {l}")),
        }
    }
    for r in only_r.iter().take(5) {
        if key(r).is_some_and(|k| only_l.iter().take(5).any(|l| key(l) == Some(k.clone()))) {
            continue;
        }
        s.push_str(&format!("\n  only in the second: {r}"));
    }
    if !plan.is_empty() {
        s.push_str(&format!(
            "\n  columns: {}",
            plan.iter()
                .map(|(l, _, k)| format!("{}:{k:?}", l.name))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    s
}
