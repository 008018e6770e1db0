//! MySQL → PostgreSQL conversion of a dump, offline and streamed: `CREATE TABLE`s
//! with pgloader's default casts, extended INSERTs as `COPY … FROM stdin` blocks
//! (row by row), keys and foreign keys after the data, sequences set past the data,
//! then views; triggers where the dump defines them (`views.rs`). Statements that
//! cannot be translated exactly (stored routines, views and triggers using MySQL-only
//! functions, …) are written commented out, with a finding at their line.
//!
//! DDL beyond types: an `enum` becomes a `CREATE TYPE … AS ENUM` per column (or text
//! with a CHECK), `FULLTEXT` keys GIN indexes on `to_tsvector('simple', …)`, generated
//! columns `GENERATED ALWAYS AS (…) STORED` when [`expr`] translates them exactly
//! (their dumped values are then left out of the COPY rows). Names are lower-cased
//! (or kept with `keep_case`), quoted where PostgreSQL needs it, cut to 63 bytes, and
//! made unique in the schema for tables, types and indexes.

mod bigrow;
pub mod expr;
mod translate;
pub mod values;
mod views;

use std::collections::{HashMap, HashSet};

use crate::lex::driver::PieceRef;
use crate::lex::{Dialect, Kind};
use crate::rewrite::par::{threads as par_threads, Pool, RowWork};
use crate::rules::conversion as C;
use crate::sql::coltype::{parse_type, ColType};
use crate::sql::table;
use crate::sql::{self, Tok, Tokens};
use values::Kind as VKind;

/// `bytes` without the MySQL executable comments MariaDB skips: `/*!NNNNN … */`
/// for MySQL 5.7 and later (NNNNN ≥ 50700), such as sakila's
/// `/*!50705 location GEOMETRY … */` column and its values. The converter follows
/// what MariaDB loads. `backslash`: strings use backslash escapes (else
/// `NO_BACKSLASH_ESCAPES`). What is removed depends only on the bytes around each
/// comment (the quick test for `/*!` changes nothing when it fails), so that a row
/// streamed in fragments (`bigrow`) loses exactly the same bytes.
pub fn without_mysql57_comments(bytes: &[u8], backslash: bool) -> std::borrow::Cow<'_, [u8]> {
    // (called for every tuple: the searcher is built once)
    static OPEN: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    if OPEN
        .get_or_init(|| memchr::memmem::Finder::new(b"/*!"))
        .find(bytes)
        .is_none()
    {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b == b'\'' || b == b'"' || b == b'`' {
            let start = i;
            i += 1;
            while i < n && bytes[i] != b {
                if bytes[i] == b'\\' && b != b'`' && backslash {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(n);
            out.extend_from_slice(&bytes[start..i]);
            continue;
        }
        if bytes[i..].starts_with(b"/*!") {
            let d = bytes[i + 3..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let ver: u32 = std::str::from_utf8(&bytes[i + 3..i + 3 + d])
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if d == 5 && ver >= 50700 {
                match memchr::memmem::find(&bytes[i..], b"*/") {
                    Some(e) => {
                        i += e + 2;
                        continue;
                    }
                    None => break,
                }
            }
        }
        out.push(b);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// The table and column names (as written in MySQL) of an INSERT head.
fn insert_head_target(bytes: &[u8], backslash: bool) -> Option<(String, Option<Vec<String>>)> {
    let t = sql::tokenize(bytes, Dialect::Mysql, backslash);
    let (rel, cols) = table::insert_target(&t)?;
    let cols = cols.map(|c| c.into_iter().map(|i| t.name(i)).collect());
    Some((t.name(rel), cols))
}

/// Something the conversion changed or could not do, with where.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Note {
    /// The rule it is a finding of.
    #[serde(serialize_with = "rule_code")]
    pub rule: &'static crate::finding::Meta,
    /// 1-based line in the MySQL dump.
    pub line: u64,
    /// What.
    pub message: String,
    /// How many times (per table and column for data).
    pub count: u64,
}

fn rule_code<S: serde::Serializer>(
    m: &&'static crate::finding::Meta,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(m.code)
}

/// Choices of one conversion.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `datetime`/`timestamp` → `timestamptz` (values read as UTC) instead of `timestamp`.
    pub timestamptz: bool,
    /// `--cast`: `(table, column)` or `(mysql type, "")` → PostgreSQL type.
    pub casts: Vec<Cast>,
    /// `--keep-case`: identifiers keep their case (quoted when not all lower case)
    /// instead of being lower-cased.
    pub keep_case: bool,
    /// `--enum-as-check`: an `enum` column becomes `text` with a CHECK of its members
    /// instead of a `CREATE TYPE … AS ENUM` of its own.
    pub enum_as_check: bool,
}

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
fn kind_of_pg_type(t: &str) -> VKind {
    let t = t.to_ascii_lowercase();
    if t.ends_with("[]") {
        VKind::Set
    } else if t.starts_with("interval") {
        // (before `int`) MySQL TIME values outside 00:00:00..24:00:00, up to ±838
        // hours, are interval input as written: passed on as text
        VKind::Text
    } else if t.starts_with("bool") {
        VKind::Bool
    } else if t.starts_with("bytea") {
        VKind::Bytes
    } else if t.starts_with("smallint") || t.starts_with("int") || t.starts_with("bigint") {
        VKind::Int
    } else if t.starts_with("numeric") || t.starts_with("decimal") {
        VKind::Numeric
    } else if t.starts_with("real") || t.starts_with("double") || t.starts_with("float") {
        VKind::Float
    } else if t.starts_with("timestamp") {
        VKind::DateTime
    } else if t == "date" {
        VKind::Date
    } else if t.starts_with("time") {
        VKind::Time
    } else if t.starts_with("json") {
        VKind::Json
    } else if t.starts_with("bit") {
        VKind::Bit
    } else {
        VKind::Text
    }
}

/// A converted column.
#[derive(Clone, Debug)]
struct Column {
    /// The MySQL name, lower case (MySQL column names ignore case).
    raw: Box<str>,
    /// The PostgreSQL name as written in SQL, when it is not `raw` (it mostly is: one
    /// copy is kept, as a table's columns stay to the end of the dump).
    pg: Option<Box<str>>,
    kind: VKind,
    /// What it holds, for generation expressions.
    ty: expr::Ty,
    /// A `real` column.
    real: bool,
    /// Its MySQL charset is UTF-8.
    utf8: bool,
    /// A PostgreSQL generated column: its dumped values are left out of COPY.
    generated: bool,
    /// Declared NOT NULL in PostgreSQL: a zero date cannot be NULL there.
    not_null: bool,
}

/// A converted table.
#[derive(Clone, Debug)]
struct Table {
    /// The PostgreSQL name as written in SQL.
    name: String,
    columns: Box<[Column]>,
    /// Primary key columns (PostgreSQL names), as the converted table declares them.
    pk: Box<[String]>,
}

impl Table {
    fn column(&self, raw: &str) -> Option<&Column> {
        let raw = raw.to_lowercase();
        self.columns.iter().find(|c| *c.raw == *raw)
    }
}

impl Column {
    /// A column named `raw` in MySQL (lower case) and `name` in PostgreSQL's SQL.
    #[allow(clippy::too_many_arguments)]
    fn new(
        raw: String,
        name: String,
        kind: VKind,
        ty: expr::Ty,
        real: bool,
        utf8: bool,
        generated: bool,
        not_null: bool,
    ) -> Self {
        let pg = (name != raw).then(|| name.into_boxed_str());
        Column {
            raw: raw.into_boxed_str(),
            pg,
            kind,
            ty,
            real,
            utf8,
            generated,
            not_null,
        }
    }

    /// The PostgreSQL name as written in SQL.
    fn name(&self) -> &str {
        self.pg.as_deref().unwrap_or(&self.raw)
    }
}

/// A statement written after the data.
#[derive(Clone, Debug)]
enum Post {
    /// As it is.
    Sql(String),
    /// `{head}{name}{tail}`: an index or constraint named `{table}_{hint}`, the name
    /// chosen at the end, when every table is known (an index shares the schema's
    /// namespace with tables and types).
    Named {
        head: String,
        table: String,
        hint: String,
        tail: String,
    },
}

/// A generated column whose expression does not translate: a plain column, whose
/// NOT NULL and primary key wait until the end, when it is known whether the dump
/// carried its values (mariadb-dump writes them; MySQL's mysqldump leaves generated
/// columns out of its INSERTs).
#[derive(Clone, Debug)]
struct PlainGen {
    /// The table's MySQL name, lower case, and its PostgreSQL name in SQL.
    table: String,
    tname: String,
    /// The column's MySQL name, lower case, and its PostgreSQL name in SQL.
    raw: String,
    column: String,
    /// Line of the CREATE TABLE.
    line: u64,
    /// Why the expression does not translate.
    why: String,
    /// It was NOT NULL.
    not_null: bool,
    /// The table's primary key, when it includes the column.
    pk: Option<Vec<String>>,
    /// Line of the first INSERT that lists its columns without this one.
    lost_at: Option<u64>,
}

/// A foreign key, made at the end when the referenced table is in the dump.
#[derive(Clone, Debug)]
struct ForeignKey {
    line: u64,
    /// The table it is on (as written in SQL, and bare).
    table: String,
    bare: String,
    /// Constraint name as in MySQL.
    hint: String,
    columns: Vec<String>,
    /// Referenced table and columns, as in MySQL.
    target: String,
    target_columns: Vec<String>,
    /// `ON DELETE …` and the like, upper case.
    tail: String,
}

/// How the INSERTs into a table become COPY rows.
struct Plan {
    name: String,
    /// PostgreSQL name of each value's column.
    cols: Vec<String>,
    kinds: Vec<VKind>,
    /// Values left out (generated columns).
    skip: Vec<bool>,
    /// NOT NULL columns (a zero date is `-infinity` there).
    not_null: Vec<bool>,
}

/// The converter.
pub struct Converter {
    /// The dump's client character set (`SET NAMES`).
    charset: ClientCharset,
    tables: HashMap<Box<str>, Table>,
    /// Indexes, foreign keys and sequence updates, written after the data.
    post: Vec<Post>,
    /// The INSERT being turned into COPY rows: table, column names, and the work
    /// that converts each tuple.
    copy: Option<(String, TupleWork)>,
    /// Threads converting tuples (1: on the calling thread).
    threads: usize,
    /// The dump's mapped file, when it is one (see [`Self::set_map`]).
    map: Option<std::sync::Arc<memmap2::Mmap>>,
    /// The tuple-converting threads, started at the first tuple.
    pool: Option<Pool<TupleWork>>,
    notes: Vec<Note>,
    note_index: HashMap<String, usize>,
    /// Generated columns converted as plain ones.
    plain_gens: Vec<PlainGen>,
    started: bool,
    /// Names taken in the schema (unquoted): tables, types, indexes, and the names
    /// PostgreSQL gives primary keys and identity sequences.
    names: Taken,
    /// PostgreSQL name (unquoted) of each MySQL table (lower case); None when it is
    /// the key itself (mostly: one copy of the name a table).
    table_names: HashMap<String, Option<Box<str>>>,
    /// Enum types made (unquoted names).
    types: HashSet<String>,
    /// Tables (lower case) the dump drops before creating them.
    dropped: HashSet<String>,
    row: Vec<u8>,
    stats: values::Stats,
    /// A COPY block is open (its INSERT ended; the next may continue it).
    open: bool,
    fks: Vec<ForeignKey>,
    opts: Options,
    /// The database of the last `USE`: `db.table` in views loses the qualifier.
    db: Option<String>,
    /// Views, written at the end (a later definition replaces a stand-in).
    views: Vec<views::PendingView>,
    /// Triggers that refer to a table not seen yet: line, statement, definition.
    late_triggers: Vec<(u64, Vec<u8>, Box<sqlparser::ast::CreateTrigger>)>,
    /// Tables with such a trigger: rows loaded after it did not fire it.
    late_trigger_tables: HashMap<String, String>,
    /// Translated triggers per table and kind (`BEFORE INSERT`): the last name.
    trigger_kinds: HashMap<(String, String), String>,
    /// The row larger than the window being converted fragment by fragment.
    big: Option<bigrow::RowStream>,
    /// The splitter's window: the largest value of such a row held whole.
    window: usize,
}

/// PostgreSQL reserved words (those that cannot be column or table names unquoted).
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "current_catalog",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "grant",
    "group",
    "having",
    "in",
    "initially",
    "intersect",
    "into",
    "lateral",
    "leading",
    "limit",
    "localtime",
    "localtimestamp",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "placing",
    "primary",
    "references",
    "returning",
    "select",
    "session_user",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "when",
    "where",
    "window",
    "with",
    "authorization",
    "binary",
    "collation",
    "concurrently",
    "cross",
    "current_schema",
    "freeze",
    "full",
    "ilike",
    "inner",
    "is",
    "isnull",
    "join",
    "left",
    "like",
    "natural",
    "notnull",
    "outer",
    "overlaps",
    "right",
    "similar",
    "tablesample",
    "verbose",
];

/// A PostgreSQL identifier for MySQL name `name`: lower case, quoted when needed.
pub fn pg_ident(name: &str) -> String {
    pg_ident_case(name, false)
}

/// A PostgreSQL identifier for MySQL name `name`: lower case (or as written with
/// `keep_case`), at most 63 bytes, quoted when needed.
pub fn pg_ident_case(name: &str, keep_case: bool) -> String {
    let folded = if keep_case {
        name.to_string()
    } else {
        name.to_lowercase()
    };
    quote_ident(&truncate_ident(&folded))
}

/// A PostgreSQL name as written in SQL: bare when PostgreSQL reads it back unchanged
/// (lower case, not a reserved word), else in double quotes.
pub fn quote_ident(name: &str) -> String {
    let plain = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'$')
        && !RESERVED.contains(&name);
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// Names in use, and for each base name the next suffix to try, so that many
/// columns of one name are numbered in linear time (it was quadratic: 16 k columns
/// of one name took 20 s).
#[derive(Debug, Default)]
struct Taken {
    set: HashSet<Box<str>>,
    next: HashMap<String, usize>,
}

impl Taken {
    fn insert(&mut self, name: String) -> bool {
        self.set.insert(name.into_boxed_str())
    }
}

/// `base` cut to 63 bytes, or with `_2`, `_3`, … when `taken` holds it; the result
/// is added to `taken`.
fn unique_in(taken: &mut Taken, base: &str) -> String {
    let base = truncate_ident(base);
    let mut candidate = base.clone();
    let mut n = taken.next.get(&base).copied().unwrap_or(1);
    if n > 1 {
        candidate = suffixed(&base, n);
    }
    while taken.set.contains(candidate.as_str()) {
        n += 1;
        candidate = suffixed(&base, n);
    }
    // the counter is kept only past 1 (a miss means 1): one name a table, not two
    if n > 1 {
        taken.next.insert(base, n);
    }
    taken.set.insert(candidate.clone().into_boxed_str());
    candidate
}

/// `base` with `_n`, cut so that the whole fits 63 bytes.
fn suffixed(base: &str, n: usize) -> String {
    let suffix = format!("_{n}");
    let mut keep = base.len().min(63 - suffix.len());
    while !base.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}{suffix}", &base[..keep])
}

/// PostgreSQL keeps 63 bytes of a name.
fn truncate_ident(s: &str) -> String {
    if s.len() <= 63 {
        return s.to_string();
    }
    let mut end = 63;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

/// The PostgreSQL type and value kind for a MySQL column type.
fn cast(t: &ColType) -> (String, VKind) {
    let w = t.width();
    let s = |x: &str| x.to_string();
    match t.base.as_str() {
        "tinyint" if w == Some(1) => (s("boolean"), VKind::Bool),
        // MySQL's BOOL / BOOLEAN is tinyint(1)
        "boolean" => (s("boolean"), VKind::Bool),
        "bit" if w.unwrap_or(1) == 1 => (s("boolean"), VKind::Bool),
        // MySQL writes bit values as whole bytes: the column takes any length
        "bit" => (s("bit varying"), VKind::Bit),
        "tinyint" => (s("smallint"), VKind::Int),
        "smallint" if t.unsigned => (s("integer"), VKind::Int),
        "smallint" => (s("smallint"), VKind::Int),
        "mediumint" => (s("integer"), VKind::Int),
        "integer" if t.unsigned => (s("bigint"), VKind::Int),
        "integer" => (s("integer"), VKind::Int),
        "bigint" if t.unsigned => (s("numeric(20)"), VKind::Numeric),
        "bigint" => (s("bigint"), VKind::Int),
        "float" => (s("real"), VKind::Float),
        "double" | "real" => (s("double precision"), VKind::Float),
        "numeric" => match &t.args {
            Some(a) => (format!("numeric({a})"), VKind::Numeric),
            None => (s("numeric"), VKind::Numeric),
        },
        "char" => (format!("character({})", w.unwrap_or(1)), VKind::Text),
        "varchar" => match w {
            Some(n) => (format!("character varying({n})"), VKind::Text),
            None => (s("text"), VKind::Text),
        },
        "tinytext" | "text" | "mediumtext" | "longtext" => (s("text"), VKind::Text),
        "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" => {
            (s("bytea"), VKind::Bytes)
        }
        "date" => (s("date"), VKind::Date),
        "datetime" | "timestamp" => (s("timestamp without time zone"), VKind::DateTime),
        "time" => (s("time without time zone"), VKind::Time),
        "year" => (s("integer"), VKind::Year),
        "json" => (s("jsonb"), VKind::Json),
        // MariaDB's address and UUID types have PostgreSQL twins (same text form)
        "inet4" | "inet6" => (s("inet"), VKind::Text),
        "uuid" => (s("uuid"), VKind::Text),
        "enum" => (s("text"), VKind::Text),
        "set" => (s("text[]"), VKind::Set),
        // the stored bytes (a 4-byte SRID, then WKB): kept exactly, PostGIS not assumed
        g if is_geometry(g) => (s("bytea"), VKind::Bytes),
        _ => (s("text"), VKind::Text),
    }
}

/// MySQL's spatial types.
fn is_geometry(base: &str) -> bool {
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

/// Words that start a non-column element of `CREATE TABLE`.
fn element_kind(t: &Tokens<'_>, i: usize) -> Option<&'static str> {
    if t.toks[i].kind != Tok::Word {
        return None;
    }
    [
        "PRIMARY",
        "UNIQUE",
        "KEY",
        "INDEX",
        "FULLTEXT",
        "SPATIAL",
        "CONSTRAINT",
        "FOREIGN",
        "CHECK",
    ]
    .into_iter()
    .find(|k| t.is_kw(i, k))
}

/// The column names (as in MySQL) in the parenthesis opened at `open` (prefix
/// lengths dropped).
fn column_list(t: &Tokens<'_>, open: usize) -> Option<(Vec<String>, usize)> {
    let close = t.matching_paren(open)?;
    let mut cols = Vec::new();
    let mut depth = 0;
    for i in open + 1..close {
        if t.is_punct(i, "(") {
            depth += 1;
        } else if t.is_punct(i, ")") {
            depth -= 1;
        } else if depth == 0 && t.is_ident(i) && !t.is_kw(i, "ASC") && !t.is_kw(i, "DESC") {
            cols.push(t.name(i));
        }
    }
    Some((cols, close))
}

use crate::detect::HEADER_MARK;

/// Converts the tuples of one INSERT into COPY rows, on any thread.
#[derive(Clone)]
pub struct TupleWork {
    kinds: std::sync::Arc<[VKind]>,
    cols: std::sync::Arc<[String]>,
    /// Values not written: those of generated columns (mariadb-dump writes them,
    /// PostgreSQL computes them and refuses values for them).
    skip: std::sync::Arc<[bool]>,
    /// NOT NULL columns: a zero date is written `-infinity` there (NULL would fail the
    /// row), else NULL (pgloader's choice).
    not_null: std::sync::Arc<[bool]>,
    stats: values::Stats,
    /// The INSERT's strings use backslash escapes (else `NO_BACKSLASH_ESCAPES`).
    backslash: bool,
    /// The dump's client character set when its text is not UTF-8 (`SET NAMES
    /// latin1`): quoted text is decoded from it.
    charset: Option<&'static encoding_rs::Encoding>,
}

/// The encoding of a MySQL character set whose text must be decoded to UTF-8:
/// `Ok(None)` for UTF-8 itself, ASCII and `binary` (bytes as they are), `Err` for a
/// character set that is not read (multi-byte ones whose second bytes can be `\` or
/// a quote: sjis, big5, gbk…; ucs2, utf16, utf32).
pub fn mysql_charset(name: &str) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    use encoding_rs as e;
    let n = name
        .trim_matches(|c| c == '\'' || c == '"' || c == '`')
        .to_ascii_lowercase();
    Ok(Some(match n.as_str() {
        "utf8" | "utf8mb3" | "utf8mb4" | "ascii" | "binary" | "default" => return Ok(None),
        // MySQL's latin1 is Windows-1252 (its 0x81, 0x8D, 0x8F, 0x90, 0x9D are the C1
        // controls, as in encoding_rs)
        "latin1" | "cp1252" => e::WINDOWS_1252,
        "cp1250" => e::WINDOWS_1250,
        "cp1251" => e::WINDOWS_1251,
        "cp1256" => e::WINDOWS_1256,
        "cp1257" => e::WINDOWS_1257,
        "latin2" => e::ISO_8859_2,
        "latin7" => e::ISO_8859_13,
        "greek" => e::ISO_8859_7,
        "hebrew" => e::ISO_8859_8,
        "koi8r" => e::KOI8_R,
        "koi8u" => e::KOI8_U,
        "cp866" => e::IBM866,
        "macroman" => e::MACINTOSH,
        "tis620" => e::WINDOWS_874,
        "ujis" | "eucjpms" => e::EUC_JP,
        "euckr" => e::EUC_KR,
        _ => return Err(format!("text in the character set {n} is not read")),
    }))
}

/// The character set a MySQL dump's text is written in: `SET NAMES x` sets it (and the
/// one `SET character_set_client = @saved_cs_client` returns to), `SET
/// character_set_client = x` and `SET CHARACTER SET x` change it. `None`: UTF-8.
#[derive(Debug, Default)]
struct ClientCharset {
    names: Option<&'static encoding_rs::Encoding>,
    current: Option<&'static encoding_rs::Encoding>,
}

/// `v` (one value of an INSERT tuple) decoded from `enc` when it is a plain quoted
/// string with bytes outside ASCII; `None` when it stays as it is. Escapes are ASCII in
/// every character set read here, so the escaped form decodes as the text would.
fn decoded_value(v: &[u8], enc: &'static encoding_rs::Encoding) -> Option<Vec<u8>> {
    let t = v.trim_ascii();
    if !matches!(t.first(), Some(b'\'' | b'"')) || t.is_ascii() {
        return None;
    }
    let (text, _) = enc.decode_without_bom_handling(t);
    Some(text.into_owned().into_bytes())
}

/// What is wrong with a tuple.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowBad {
    /// The value of a column (`table.column`) could not be converted (written as NULL).
    Value(String, values::Problem),
    /// The tuple has `.0` values for `.1` columns.
    Count(usize, usize),
    /// NUL bytes were removed from the text of a column.
    Nul(String),
    /// A zero date of a column was written as NULL (`false`) or, the column being NOT
    /// NULL, as `-infinity` (`true`).
    ZeroDate(String, bool),
}

impl TupleWork {
    /// Value `i` of a row, `v` as it stands between its commas, into `out` as a COPY
    /// field (with the tab before it unless `first`); what is wrong into `bad`. The
    /// one conversion of a value, for whole rows and for the values of rows streamed
    /// in fragments ([`bigrow`]) alike.
    fn value(
        &mut self,
        i: usize,
        v: &[u8],
        first: &mut bool,
        out: &mut Vec<u8>,
        bad: &mut Vec<RowBad>,
    ) {
        if self.skip.get(i).copied().unwrap_or(false) {
            return;
        }
        if !*first {
            out.push(b'\t');
        }
        *first = false;
        let k = self.kinds.get(i).copied().unwrap_or(VKind::Text);
        let mark = out.len();
        let stats = &mut self.stats;
        let before = (stats.nul_removed, stats.zero_dates);
        let col = || self.cols.get(i).map_or("?", String::as_str).to_string();
        let decoded = match (self.charset, k) {
            (Some(enc), VKind::Text | VKind::Json | VKind::Set) => decoded_value(v, enc),
            _ => None,
        };
        let v = decoded.as_deref().unwrap_or(v);
        if let Err(e) = values::to_copy_with(v, k, self.backslash, out, stats) {
            out.truncate(mark);
            out.extend_from_slice(b"\\N");
            bad.push(RowBad::Value(col(), e));
        }
        if stats.nul_removed != before.0 {
            bad.push(RowBad::Nul(col()));
        }
        if stats.zero_dates != before.1 {
            let infinity = self.not_null.get(i).copied().unwrap_or(false);
            if infinity {
                // values.rs wrote `\N` at `mark`
                out.truncate(mark);
                out.extend_from_slice(b"-infinity");
            }
            bad.push(RowBad::ZeroDate(col(), infinity));
        }
    }
}

impl RowWork for TupleWork {
    type Bad = RowBad;
    type Summary = values::Stats;

    fn row(&mut self, bytes: &[u8], out: &mut Vec<u8>, bad: &mut Vec<RowBad>) {
        let (mark, marked, stats) = (out.len(), bad.len(), self.stats);
        // one pass over the tuple, unless it holds a comment: then MySQL's executable
        // comments are taken out first (what MariaDB loads) and it is read again
        let n = match self.values(bytes, true, out, bad) {
            Some(n) => n,
            None => {
                out.truncate(mark);
                bad.truncate(marked);
                self.stats = stats;
                let bytes = without_mysql57_comments(bytes, self.backslash);
                self.values(&bytes, false, out, bad).unwrap_or(0)
            }
        };
        out.push(b'\n');
        if n != self.kinds.len() {
            bad.push(RowBad::Count(n, self.kinds.len()));
        }
    }

    fn summary(&mut self) -> values::Stats {
        std::mem::take(&mut self.stats)
    }
}

impl TupleWork {
    /// The COPY fields of the tuple `bytes` into `out`, and the number of values it
    /// has; `None` when `stop_at_comment` and a `/*` outside its strings stopped it
    /// (what was written is then to be dropped).
    fn values(
        &mut self,
        bytes: &[u8],
        stop_at_comment: bool,
        out: &mut Vec<u8>,
        bad: &mut Vec<RowBad>,
    ) -> Option<usize> {
        let mut n = 0;
        let mut first = true;
        let bs = self.backslash;
        let whole = crate::rows::split::split_values(bytes, bs, stop_at_comment, |i, v| {
            n = i + 1;
            self.value(i, v, &mut first, out, bad);
        });
        whole.then_some(n)
    }
}

impl Default for Converter {
    fn default() -> Self {
        Self::new()
    }
}

impl Converter {
    /// A converter.
    pub fn new() -> Converter {
        Self::with_options(Options::default())
    }

    /// A converter with `--timestamptz` / `--cast` choices.
    pub fn with_options(opts: Options) -> Converter {
        Converter {
            opts,
            charset: ClientCharset::default(),
            tables: HashMap::new(),
            post: Vec::new(),
            copy: None,
            notes: Vec::new(),
            note_index: HashMap::new(),
            plain_gens: Vec::new(),
            started: false,
            names: Taken::default(),
            table_names: HashMap::new(),
            types: HashSet::new(),
            dropped: HashSet::new(),
            row: Vec::new(),
            stats: values::Stats::default(),
            open: false,
            fks: Vec::new(),
            threads: 1,
            map: None,
            pool: None,
            db: None,
            views: Vec::new(),
            late_triggers: Vec::new(),
            late_trigger_tables: HashMap::new(),
            trigger_kinds: HashMap::new(),
            big: None,
            window: crate::lex::driver::Options::default().window,
        }
    }

    /// Convert tuples on `n` threads besides the calling one (0: one per core; 1, the
    /// default: on the calling thread). The output is the same.
    pub fn set_threads(&mut self, n: usize) {
        self.threads = par_threads(n);
    }

    /// The splitter's window (`--window`): a row larger than it arrives in fragments and
    /// is converted as they come, each value held whole up to this size; a longer
    /// quoted string or hex literal for a text or bytea column is streamed, any other
    /// longer value is an error.
    pub fn set_window(&mut self, window: usize) {
        self.window = window;
    }

    /// The dump's mapped file (`Dump::mapped`): rows that are slices of it go to the
    /// row threads without a copy.
    pub fn set_map(&mut self, map: Option<std::sync::Arc<memmap2::Mmap>>) {
        self.map = map;
    }

    /// Take in what the tuple threads found: totals, and problems as notes (a row
    /// with the wrong number of values is an error).
    fn pool_results(&mut self) -> crate::Result<()> {
        let Some(pool) = self.pool.as_mut() else {
            return Ok(());
        };
        for s in pool.summaries.drain(..) {
            self.stats.add(s);
        }
        for b in std::mem::take(&mut pool.bad) {
            self.row_bad(&b.table, b.value, b.line)?;
        }
        Ok(())
    }

    /// Report one problem of a tuple of `table` at `line`.
    fn row_bad(&mut self, table: &str, bad: RowBad, line: u64) -> crate::Result<()> {
        match bad {
            RowBad::Count(n, want) => Err(crate::Error::Usage(format!(
                "line {line}: a row of {table} has {n} values for {want} columns"
            ))),
            RowBad::Value(col, e) => {
                let col = format!("{table}.{col}");
                let rule = match e {
                    values::Problem::NotUtf8 => &crate::rules::data_values::INVALID_UTF8,
                    _ => &C::VALUE_AS_NULL,
                };
                self.note(rule, &format!("val@{col}"), line, || {
                    format!("{col}: {e}: written as NULL")
                });
                Ok(())
            }
            RowBad::Nul(col) => {
                let col = format!("{table}.{col}");
                let rule = &crate::rules::data_values::NUL_IN_TEXT;
                self.note(rule, &format!("nul@{col}"), line, || {
                    format!("{col}: NUL bytes removed from text (PostgreSQL text cannot hold them)")
                });
                Ok(())
            }
            RowBad::ZeroDate(col, infinity) => {
                let col = format!("{table}.{col}");
                let rule = &crate::rules::data_values::ZERO_DATE;
                self.note(rule, &format!("zero@{col}"), line, || {
                    if infinity {
                        format!("{col}: zero date written as -infinity (the column is NOT NULL; before every other date, as MySQL's zero date)")
                    } else {
                        format!("{col}: zero date written as NULL")
                    }
                });
                Ok(())
            }
        }
    }

    /// Convert one piece.
    pub fn piece(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let whole = p.kind() == Kind::Tuple && !p.piece.partial && !p.piece.continued;
        if p.kind() == Kind::Tuple && p.piece.partial && !p.piece.continued {
            // a row larger than the window is converted here, fragment by fragment:
            // the rows before it first, and their findings before its own
            self.settle(out)?;
        }
        if whole && self.threads > 1 {
            if let Some((table, work)) = &self.copy {
                if self.pool.is_none() {
                    self.pool = Pool::start(self.threads, true, self.map.clone());
                }
                if let Some(pool) = self.pool.as_mut() {
                    pool.add(work, table, p.bytes, (p.row_line(), p.offset), false, out)?;
                    return self.pool_results();
                }
            }
        }
        match self.pool.take() {
            None => self.piece_inner(p, out),
            Some(mut pool) => {
                let r = self.piece_inner(p, &mut |b: &[u8]| pool.emit(b, out));
                self.pool = Some(pool);
                r.and(self.pool_results())
            }
        }
    }

    /// Write out every row still being converted on the threads, so that what is
    /// written next follows all of the output so far (used to tie output lines to
    /// input lines deterministically).
    pub fn settle(&mut self, out: &mut crate::rewrite::Sink<'_>) -> crate::Result<()> {
        match self.pool.as_mut() {
            None => Ok(()),
            Some(pool) => {
                pool.finish(out)?;
                self.pool_results()
            }
        }
    }

    fn note(
        &mut self,
        rule: &'static crate::finding::Meta,
        key: &str,
        line: u64,
        message: impl FnOnce() -> String,
    ) {
        if let Some(&i) = self.note_index.get(key) {
            self.notes[i].count += 1;
            return;
        }
        self.note_index.insert(key.to_string(), self.notes.len());
        self.notes.push(Note {
            rule,
            line,
            message: message(),
            count: 1,
        });
    }

    /// What was changed or not converted, by line (then code and message: rows
    /// converted on threads report in any order).
    pub fn notes(&self) -> Vec<Note> {
        let mut notes = self.notes.clone();
        notes.sort_by(|a, b| {
            (a.line, a.rule.code, &a.message).cmp(&(b.line, b.rule.code, &b.message))
        });
        notes
    }

    fn piece_inner(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        if !self.started {
            self.started = true;
            out.put(HEADER_MARK)?;
            out.put(b"\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nSET check_function_bodies = false;\nSET TIME ZONE 'UTC';\n\n")?;
        }
        // Consecutive INSERTs into the same table share one COPY block: it stays
        // open across the blanks between them.
        let head = (p.kind() == Kind::InsertHead && !p.piece.partial && !p.piece.continued)
            .then(|| insert_head_target(p.bytes, p.piece.backslash))
            .flatten();
        let keeps_open = matches!(p.kind(), Kind::Blank | Kind::Tuple | Kind::InsertTail)
            || head.as_ref().is_some_and(|h| self.same_insert(h));
        if self.open && !keeps_open {
            out.put(b"\\.\n\n")?;
            self.open = false;
            self.copy = None;
        }
        match p.kind() {
            Kind::Blank => {
                // `#` comments are not SQL to PostgreSQL; keep `--` ones
                let keep = !self.open
                    && memchr::memchr(b'#', p.bytes).is_none()
                    && !p.bytes.starts_with(b"/*");
                if keep {
                    out.put(p.bytes)?;
                }
                Ok(())
            }
            Kind::Command => Ok(()), // DELIMITER, the MariaDB sandbox line
            Kind::Statement => {
                if p.piece.partial || p.piece.continued {
                    if !p.piece.continued {
                        self.note(
                            &C::NOT_CONVERTED,
                            &format!("big@{}", p.line),
                            p.line,
                            || "statement larger than the window: not converted".into(),
                        );
                    }
                    return Ok(());
                }
                self.statement(p, out)
            }
            Kind::InsertHead => match head {
                Some(h) if !self.open => self.insert_head(h, p, out),
                _ => Ok(()),
            },
            Kind::Tuple => self.tuple(p, out),
            Kind::InsertTail => {
                self.open = self.copy.is_some();
                Ok(())
            }
            Kind::CopyRow | Kind::CopyRows | Kind::CopyEnd => out.put(p.bytes),
        }
    }

    /// `SET NAMES x`, `SET CHARACTER SET x`, `SET character_set_client = x|@var`.
    fn set_charset(&mut self, t: &sql::Tokens<'_>, line: u64) {
        let word = |i: usize| String::from_utf8_lossy(t.text(i)).to_ascii_lowercase();
        let (names, value) = if t.is_kw(1, "NAMES") {
            (true, 2)
        } else if t.is_kw(1, "CHARACTER") && t.is_kw(2, "SET") {
            (false, 3)
        } else if t.is_kw(1, "CHARSET") {
            (false, 2)
        } else {
            // `SET [@@[session.]]character_set_client = x`
            // (the variable assigned, not `SET @OLD=@@CHARACTER_SET_CLIENT`)
            let Some(i) = (1..t.len().min(8)).find(|&i| {
                t.toks[i].kind == sql::Tok::Word
                    && word(i)
                        .trim_start_matches('@')
                        .trim_start_matches("session.")
                        == "character_set_client"
            }) else {
                return;
            };
            let target = (1..i).all(|k| {
                t.is_punct(k, "@")
                    || t.is_punct(k, "@@")
                    || t.is_punct(k, ".")
                    || t.is_kw(k, "SESSION")
            });
            if !target || !t.is_punct(i + 1, "=") {
                return;
            }
            let v = i + 2;
            if t.is_punct(v, "@") || t.text(v).starts_with(b"@") {
                self.charset.current = self.charset.names;
                return;
            }
            (false, v)
        };
        if value >= t.len() || !(t.is_ident(value) || t.toks[value].kind == sql::Tok::Str) {
            return;
        }
        let name = word(value);
        match mysql_charset(&name) {
            Ok(enc) => {
                self.charset.current = enc;
                if names {
                    self.charset.names = enc;
                }
            }
            Err(why) => {
                self.note(&C::VALUE_AS_NULL, &format!("charset@{name}"), line, || {
                    format!("the dump's text is in {name} ({why}): values not in UTF-8 are written as NULL and counted per column")
                });
            }
        }
    }

    fn statement(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let mut bytes = without_mysql57_comments(p.bytes, p.piece.backslash);
        // a statement in the dump's client character set (`SET NAMES latin1`): its text
        // (defaults, comments, enum members) decoded to UTF-8; escapes and quotes are
        // ASCII in every character set read. Not when it holds `_binary` bytes.
        if let Some(enc) = self.charset.current {
            if !bytes.is_ascii() && memchr::memmem::find(&bytes, b"_binary").is_none() {
                let (text, _) = enc.decode_without_bom_handling(&bytes);
                bytes = std::borrow::Cow::Owned(text.into_owned().into_bytes());
            }
        }
        let t = sql::tokenize(&bytes, Dialect::Mysql, p.piece.backslash);
        if t.is_empty() {
            return Ok(());
        }
        let lead = t.leading_words(3);
        let w = |i: usize| lead.get(i).map(String::as_str).unwrap_or("");
        match (w(0), w(1)) {
            ("USE", _) => {
                if t.len() >= 2 && t.is_ident(1) {
                    self.db = Some(t.name(1).to_lowercase());
                }
                Ok(())
            }
            ("SET", _) => {
                self.set_charset(&t, p.line);
                Ok(())
            }
            ("LOCK", _) | ("UNLOCK", _) | ("START", _) | ("COMMIT", _) | ("BEGIN", _) => Ok(()),
            ("ALTER", "TABLE") if t.len() < 12 && (0..t.len()).any(|i| t.is_kw(i, "KEYS")) => {
                Ok(()) // DISABLE / ENABLE KEYS
            }
            ("DROP", "DATABASE") | ("CREATE", "DATABASE") | ("CREATE", "SCHEMA") => Ok(()),
            ("DROP", "SEQUENCE") | ("CREATE", "SEQUENCE") | ("DO" | "SELECT", "SETVAL") => {
                match self.sequence(&t) {
                    Some(sql) => out.put(sql.as_bytes()),
                    None => self.comment_out(&t, p, out),
                }
            }
            ("DROP", "TABLE") => {
                let refs = table::name_refs(&t);
                let mut names = Vec::new();
                let mut before = String::new();
                for r in &refs {
                    if let Some(i) = r.relation() {
                        let raw = t.name(i);
                        let (bare, renames) = self.table_name(&raw);
                        before.push_str(&renames);
                        self.dropped.insert(raw.to_lowercase());
                        // a MySQL 5 view stand-in is a table dropped before the view
                        self.tables.remove(raw.to_lowercase().as_str());
                        names.push(quote_ident(&bare));
                    }
                }
                if names.is_empty() {
                    return Ok(());
                }
                before.push_str(&format!(
                    "DROP TABLE IF EXISTS {} CASCADE;\n",
                    names.join(", ")
                ));
                out.put(before.as_bytes())
            }
            ("DROP", "VIEW") | ("DROP", "FUNCTION") | ("DROP", "PROCEDURE") => {
                // DROP VIEW [IF EXISTS] a, db.b …
                let mut i = 2;
                if t.is_kw(i, "IF") && t.is_kw(i + 1, "EXISTS") {
                    i += 2;
                }
                let mut names = Vec::new();
                while let Some((chain, next)) = table::chain_at(&t, i) {
                    if let Some(&x) = chain.parts.last() {
                        names.push(pg_ident(&t.name(x)));
                    }
                    if !t.is_punct(next, ",") {
                        break;
                    }
                    i = next + 1;
                }
                if names.is_empty() {
                    return self.comment_out(&t, p, out);
                }
                let kind = w(1);
                let cascade = if kind == "VIEW" { " CASCADE" } else { "" };
                out.put(
                    format!("DROP {kind} IF EXISTS {}{cascade};\n", names.join(", ")).as_bytes(),
                )
            }
            ("CREATE", "TABLE") | ("CREATE", "TEMPORARY") => self.create_table(&t, p, out),
            ("CREATE", _) => match views::created_kind(&t) {
                Some((kind @ ("VIEW" | "TRIGGER"), _)) if self.opts.keep_case => {
                    let why = format!(
                        "{} not translated with --keep-case (views and triggers are translated with lower-case names only)",
                        kind.to_lowercase()
                    );
                    self.comment_out_because(p.line, p.bytes, &why, out)
                }
                Some((kind @ ("VIEW" | "TRIGGER"), _))
                    if !p.piece.backslash && memchr::memchr(b'\\', p.bytes).is_some() =>
                {
                    let why = format!(
                        "{} not translated: it holds a backslash in NO_BACKSLASH_ESCAPES mode",
                        kind.to_lowercase()
                    );
                    self.comment_out_because(p.line, p.bytes, &why, out)
                }
                Some(("VIEW", _)) => self.view_statement(&t, p, out),
                Some(("TRIGGER", _)) => self.trigger_statement(&t, p, out),
                Some((kind @ ("FUNCTION" | "PROCEDURE"), i)) => {
                    let name = table::chain_at(&t, i + 1)
                        .and_then(|(c, _)| c.parts.last().map(|&x| t.name(x)))
                        .unwrap_or_default();
                    let why = format!(
                        "{} {name} is not converted (MySQL stored routines are not translated)",
                        kind.to_lowercase()
                    );
                    self.comment_out_because(p.line, p.bytes, &why, out)
                }
                _ => self.comment_out(&t, p, out),
            },
            _ => self.comment_out(&t, p, out),
        }
    }

    /// A `CREATE VIEW`: kept for the end of the dump, replacing an earlier
    /// definition of the same view (mysqldump's stand-in).
    fn view_statement(
        &mut self,
        t: &Tokens<'_>,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let name_key = views::created_kind(t)
            .and_then(|(_, i)| table::chain_at(t, i + 1))
            .and_then(|(c, _)| c.parts.last().map(|&x| t.name(x).to_lowercase()));
        if let Some(k) = &name_key {
            self.views.retain(|v| &v.key != k);
        }
        let parsed = views::prepare(p.bytes)
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
                views::parse(&text)
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
                self.views.push(views::PendingView {
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
    fn trigger_statement(
        &mut self,
        t: &Tokens<'_>,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let name = views::created_kind(t)
            .and_then(|(_, i)| table::chain_at(t, i + 1))
            .and_then(|(c, _)| c.parts.last().map(|&x| t.name(x)))
            .unwrap_or_default();
        let parsed = views::prepare(p.bytes)
            .map_err(|what| translate::Bad {
                what,
                line: 0,
                missing: None,
            })
            .and_then(|text| views::parse(&text));
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
    fn emit_trigger(
        &mut self,
        line: u64,
        raw: &[u8],
        trig: Box<sqlparser::ast::CreateTrigger>,
        last: bool,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let empty = HashMap::new();
        let cat = views::Cat {
            tables: &self.tables,
            views: &empty,
        };
        let name = trig
            .name
            .0
            .last()
            .and_then(|x| x.as_ident())
            .map_or_else(|| trig.name.to_string(), |i| i.value.clone());
        match views::trigger(&cat, self.db.as_deref(), &trig) {
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

    /// Write statement `bytes` of `line` commented out, with a note saying `why`.
    fn comment_out_because(
        &mut self,
        line: u64,
        bytes: &[u8],
        why: &str,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        self.note(&C::NOT_CONVERTED, &format!("stmt@{line}"), line, || {
            format!("{why}: written commented out")
        });
        let mut s = format!("-- dumpfix: not converted (MySQL line {line}): {why}\n").into_bytes();
        for l in bytes.split(|&b| b == b'\n') {
            if l.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            s.extend_from_slice(b"-- ");
            s.extend_from_slice(l);
            s.push(b'\n');
        }
        out.put(&s)
    }

    /// The views, each after those it reads; those not translated commented out.
    fn finish_views(&mut self, out: &mut crate::rewrite::Sink<'_>) -> crate::Result<()> {
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
                let cat = views::Cat {
                    tables: &self.tables,
                    views: &done,
                };
                match views::view(&cat, self.db.as_deref(), &v.view) {
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

    /// Write a statement commented out, with a note.
    fn comment_out(
        &mut self,
        t: &Tokens<'_>,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let what = t.leading_words(4).join(" ");
        let what = if what.is_empty() {
            "statement".to_string()
        } else {
            what
        };
        self.note(
            &C::NOT_CONVERTED,
            &format!("stmt@{}", p.line),
            p.line,
            || format!("{what} is not converted: written commented out"),
        );
        let mut s = format!("-- dumpfix: not converted (MySQL line {}):\n", p.line).into_bytes();
        for line in p.bytes.split(|&b| b == b'\n') {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            s.extend_from_slice(b"-- ");
            s.extend_from_slice(line);
            s.push(b'\n');
        }
        out.put(&s)
    }

    /// `name` lower-cased, or as written with `--keep-case`.
    /// `DEFAULT nextval(db.seq)` (MariaDB) as `nextval('seq'::regclass)`.
    fn nextval_default(&self, d: &[u8], backslash: bool) -> Option<String> {
        let t = sql::tokenize(d, Dialect::Mysql, backslash);
        if !(t.is_kw(0, "NEXTVAL") && t.is_punct(1, "(")) {
            return None;
        }
        let (chain, next) = table::chain_at(&t, 2)?;
        if !t.is_punct(next, ")") || next + 1 != t.len() {
            return None;
        }
        let name = quote_ident(&self.fold(&t.name(*chain.parts.last()?)));
        Some(format!("nextval('{}'::regclass)", name.replace('\'', "''")))
    }

    /// MariaDB's sequences: `DROP SEQUENCE`, `CREATE SEQUENCE … ENGINE=…` and
    /// `DO SETVAL(s, next, is_used)` as PostgreSQL's (the next value is the same).
    fn sequence(&self, t: &Tokens<'_>) -> Option<String> {
        // the sequence: the last part of the first name chain after the keywords
        let first = (0..t.len()).find(|&i| {
            t.is_ident(i)
                && ![
                    "DROP", "CREATE", "SEQUENCE", "IF", "NOT", "EXISTS", "DO", "SELECT", "SETVAL",
                    "OR", "REPLACE",
                ]
                .iter()
                .any(|k| t.is_kw(i, k))
        })?;
        let (chain, next) = table::chain_at(t, first)?;
        let name = quote_ident(&self.fold(&t.name(*chain.parts.last()?)));
        let num =
            |i: usize| -> Option<String> {
                let neg = t.is_punct(i, "-");
                let j = if neg { i + 1 } else { i };
                let v = String::from_utf8_lossy(t.text(j)).to_string();
                (t.toks.get(j)?.kind == Tok::Num && v.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| if neg { format!("-{v}") } else { v })
            };
        if t.is_kw(0, "DROP") {
            return Some(format!("DROP SEQUENCE IF EXISTS {name};\n"));
        }
        if t.is_kw(1, "SETVAL") {
            // SETVAL(s, n, is_used[, round])
            let n = num(next + 1)?;
            // `, is_used` after the number (`-8` is two tokens)
            let used = num(next + 3 + usize::from(n.starts_with('-')))?;
            let called = if used == "0" { "false" } else { "true" };
            let lit = name.replace('\'', "''");
            // mariadb-dump writes the next value not cached, which may lie past the
            // bounds (`cache 1000` on a sequence of 20 values): PostgreSQL refuses
            // that, so it is clamped and marked used, and the next nextval() cycles or
            // reports the sequence exhausted, as MariaDB's would
            return Some(format!(
                "SELECT pg_catalog.setval('{lit}', LEAST(GREATEST({n}, seqmin), seqmax), {called} OR {n} NOT BETWEEN seqmin AND seqmax) FROM pg_catalog.pg_sequence WHERE seqrelid = '{lit}'::regclass;\n"
            ));
        }
        let mut sql = format!("CREATE SEQUENCE {name} AS bigint");
        let mut i = next;
        while i < t.len() {
            let opt = |pg: &str, at: usize| num(at).map(|v| format!(" {pg} {v}"));
            // the tokens from `i` to past the number at `at` (`-5` is two)
            let past = |at: usize| at - i + if t.is_punct(at, "-") { 2 } else { 1 };
            let (piece, step) = if t.is_kw(i, "START") {
                let at = if t.is_kw(i + 1, "WITH") { i + 2 } else { i + 1 };
                (opt("START WITH", at), past(at))
            } else if t.is_kw(i, "INCREMENT") {
                let at = if t.is_kw(i + 1, "BY") { i + 2 } else { i + 1 };
                (opt("INCREMENT BY", at), past(at))
            } else if t.is_kw(i, "MINVALUE") || t.is_kw(i, "MAXVALUE") || t.is_kw(i, "CACHE") {
                let at = if t.is_punct(i + 1, "=") { i + 2 } else { i + 1 };
                let k = String::from_utf8_lossy(t.text(i)).to_ascii_uppercase();
                (opt(&k, at), past(at))
            } else if t.is_kw(i, "NOCYCLE") || (t.is_kw(i, "NO") && t.is_kw(i + 1, "CYCLE")) {
                (
                    Some(" NO CYCLE".to_string()),
                    if t.is_kw(i, "NO") { 2 } else { 1 },
                )
            } else if t.is_kw(i, "CYCLE") {
                (Some(" CYCLE".to_string()), 1)
            } else if t.is_kw(i, "NOMINVALUE") || t.is_kw(i, "NOMAXVALUE") || t.is_kw(i, "NOCACHE")
            {
                (Some(String::new()), 1)
            } else if t.is_kw(i, "ENGINE") || t.is_kw(i, "COMMENT") {
                break; // table options: nothing in PostgreSQL
            } else if t.is_punct(i, ";") {
                break;
            } else {
                return None; // an option not read: commented out, reported
            };
            sql.push_str(&piece?);
            i += step;
        }
        sql.push_str(";\n");
        Some(sql)
    }

    fn fold(&self, name: &str) -> String {
        if self.opts.keep_case {
            name.to_string()
        } else {
            name.to_lowercase()
        }
    }

    /// MySQL name `name` as a PostgreSQL identifier in SQL (folded, cut, quoted).
    fn ident(&self, name: &str) -> String {
        pg_ident_case(name, self.opts.keep_case)
    }

    /// The PostgreSQL name (unquoted) of MySQL table `raw`, chosen where the dump
    /// first names it: folded, cut to 63 bytes, unique in the schema. When an enum
    /// type made earlier holds the name, the type gives it up: the `ALTER TYPE … RENAME`
    /// to write first is returned too.
    fn table_name(&mut self, raw: &str) -> (String, String) {
        let key = raw.to_lowercase();
        if let Some(n) = self.table_names.get(&key) {
            return (n.as_deref().unwrap_or(&key).to_string(), String::new());
        }
        let want = truncate_ident(&self.fold(raw));
        let mut before = String::new();
        let bare = if self.types.remove(&want) {
            let new = unique_in(&mut self.names, &want);
            before = format!(
                "ALTER TYPE {} RENAME TO {};\n",
                quote_ident(&want),
                quote_ident(&new)
            );
            self.types.insert(new);
            want
        } else {
            unique_in(&mut self.names, &want)
        };
        let stored = (bare != key).then(|| bare.clone().into_boxed_str());
        self.table_names.insert(key, stored);
        (bare, before)
    }

    /// A name for an index or constraint of table `bare`, unique in the schema and at
    /// most 63 bytes (PostgreSQL would cut longer ones and make them collide).
    fn index_name(&mut self, bare: &str, hint: &str) -> String {
        let base = format!("{bare}_{}", self.fold(hint));
        quote_ident(&unique_in(&mut self.names, &base))
    }

    /// The PostgreSQL names of MySQL columns `raw` of a table with `columns`.
    fn column_names(&self, columns: &[Column], raw: &[String]) -> Vec<String> {
        raw.iter()
            .map(|r| {
                let l = r.to_lowercase();
                columns
                    .iter()
                    .find(|c| *c.raw == *l)
                    .map_or_else(|| self.ident(r), |c| c.name().to_string())
            })
            .collect()
    }

    fn create_table(
        &mut self,
        t: &Tokens<'_>,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let Some((chain, elements)) = table::create_table_elements(t) else {
            return self.comment_out(t, p, out);
        };
        let Some(&rel) = chain.parts.last() else {
            return self.comment_out(t, p, out);
        };
        let raw = t.name(rel);
        let (tbare, mut pre) = self.table_name(&raw);
        if tbare != self.fold(&raw) {
            self.note(&C::TABLE_RENAMED, &format!("tname@{raw}"), p.line, || {
                format!("table {raw} is named {tbare} in PostgreSQL (63 bytes at most, unique in the schema)")
            });
        }
        let tname = quote_ident(&tbare);
        let body_end = elements.last().map_or(0, |&(_, e)| e);
        // table options: AUTO_INCREMENT=N (the identity goes on from there), and the
        // clauses PostgreSQL gets no equivalent of
        let mut auto_increment = None;
        for i in body_end..t.len() {
            if t.is_kw(i, "AUTO_INCREMENT") {
                let v = if t.is_punct(i + 1, "=") { i + 2 } else { i + 1 };
                let n = String::from_utf8_lossy(t.text(v)).to_string();
                if t.toks.get(v).is_some_and(|x| x.kind == Tok::Num)
                    && n.bytes().all(|b| b.is_ascii_digit())
                {
                    auto_increment = Some(n);
                }
            }
            let clause = if t.is_kw(i, "PARTITION") && t.is_kw(i + 1, "BY") {
                Some("PARTITION BY (the table is one table in PostgreSQL)")
            } else if t.is_kw(i, "SYSTEM") && t.is_kw(i + 1, "VERSIONING") {
                Some("WITH SYSTEM VERSIONING (the dump holds the current rows only; PostgreSQL keeps no history)")
            } else if t.is_kw(i, "ENGINE")
                && [i + 1, i + 2]
                    .iter()
                    .any(|&k| t.is_kw(k, "MRG_MyISAM") || t.is_kw(k, "MERGE"))
            {
                // mysqldump writes no rows for it: they are its UNION tables' rows
                Some("ENGINE=MRG_MyISAM (a MERGE table shows the rows of its UNION tables; in PostgreSQL it is an empty table: a view over them, UNION ALL, does what it did)")
            } else {
                None
            };
            if let Some(what) = clause {
                self.note(
                    &C::CLAUSE_DROPPED,
                    &format!("clause@{raw}.{i}"),
                    p.line,
                    || format!("{what} of {raw} is not converted"),
                );
            }
        }
        let table_utf8 = charset_in(t, body_end, t.len(), |_| true).map(|c| is_utf8(&c));
        let mut col_taken = Taken::default();
        let mut seen_cols: HashSet<String> = HashSet::new();
        let mut cols_sql: Vec<String> = Vec::new();
        let mut pk = Vec::new();
        let mut columns: Vec<Column> = Vec::new();
        let mut gens = Vec::new();
        let mut post: Vec<Post> = Vec::new();
        for &(s, e) in &elements {
            match element_kind(t, s) {
                None => {
                    let Some(cd) = table::column_def(t, s, e) else {
                        // not a column: `PERIOD FOR SYSTEM_TIME (…)`, anything else
                        // this reader does not know: left out, and said
                        let words: Vec<String> = (s..e.min(s + 4))
                            .map(|i| String::from_utf8_lossy(t.text(i)).to_string())
                            .collect();
                        let what = words.join(" ");
                        self.note(
                            &C::CLAUSE_DROPPED,
                            &format!("clause@{raw}.{s}"),
                            p.line,
                            || format!("`{what} …` of {raw} is not converted"),
                        );
                        continue;
                    };
                    // a generated column: `[GENERATED ALWAYS] AS (expr) [VIRTUAL|STORED|PERSISTENT]`
                    let gen = (s + 1..e)
                        .find(|&i| t.is_kw(i, "AS") && t.is_punct(i + 1, "("))
                        .and_then(|a| t.matching_paren(a + 1).map(|c| (a, c)));
                    // the rest of the definition, without the expression
                    let outside = |i: usize| gen.is_none_or(|(a, c)| i < a || i > c);
                    let ty_text = &t.src[cd.type_span.0..cd.type_span.1];
                    let ty = parse_type(ty_text);
                    let (mut pg_type, mut kind) = match &ty {
                        Some(ty) => cast(ty),
                        None => ("text".to_string(), VKind::Text),
                    };
                    if self.opts.timestamptz && kind == VKind::DateTime {
                        pg_type = "timestamp with time zone".into();
                    }
                    let (lt, lc) = (raw.to_lowercase(), cd.name.to_lowercase());
                    let base = ty.as_ref().map(|x| x.base.clone()).unwrap_or_default();
                    let chosen = self.opts.casts.iter().find_map(|c| match c {
                        Cast::Column { table, column, to } if *table == lt && *column == lc => {
                            Some(to.clone())
                        }
                        _ => None,
                    });
                    let chosen = chosen.or_else(|| {
                        self.opts.casts.iter().find_map(|c| match c {
                            Cast::Type { from, to } if *from == base => Some(to.clone()),
                            _ => None,
                        })
                    });
                    let cast_chosen = chosen.is_some();
                    if let Some(to) = chosen {
                        kind = kind_of_pg_type(&to);
                        pg_type = to;
                    }
                    let folded = self.fold(&cd.name);
                    // MySQL compares column names without case
                    let duplicate = !seen_cols.insert(cd.name.to_lowercase());
                    let cbare = unique_in(&mut col_taken, &folded);
                    if cbare != folded {
                        let col = format!("{raw}.{}", cd.name);
                        self.note(&C::TABLE_RENAMED, &format!("cname@{col}"), p.line, || {
                            if duplicate {
                                format!("column {col} is there twice (MySQL refuses a table with two columns of one name): the second is named {cbare} in PostgreSQL")
                            } else {
                                format!("column {col} is named {cbare} in PostgreSQL (63 bytes at most, unique in the table)")
                            }
                        });
                    }
                    let cname = quote_ident(&cbare);
                    let tinyint1 = ty
                        .as_ref()
                        .is_some_and(|x| x.base == "tinyint" && x.width() == Some(1));
                    if tinyint1 && kind == VKind::Bool {
                        let col = format!("{raw}.{}", cd.name);
                        self.note(&C::TINYINT_AS_BOOLEAN, "tinyint1", p.line, || {
                            format!("tinyint(1) columns become boolean (the first: {col}); a value other than 0, 1 or NULL is written as NULL and reported (C001); --cast tinyint=smallint keeps them numbers")
                        });
                    }
                    if !cast_chosen && ty.as_ref().is_some_and(|x| is_geometry(&x.base)) {
                        let col = format!("{raw}.{}", cd.name);
                        self.note(&C::GEOMETRY_AS_BYTES, "geometry", p.line, || {
                            format!("spatial columns become bytea holding MySQL's bytes (SRID + WKB) (the first: {col}); PostGIS: ST_GeomFromWKB(substring(col from 5))")
                        });
                    }
                    // enum: a type of its own, or text with a CHECK (a --cast wins)
                    let mut check = None;
                    let mut enum_type = false;
                    let enum_args = ty
                        .as_ref()
                        .filter(|x| x.base == "enum" && !cast_chosen)
                        .and_then(|x| x.args.clone());
                    if let Some(args) = &enum_args {
                        match enum_values(args, t.backslash) {
                            Some(vals)
                                if !self.opts.enum_as_check
                                    && vals.iter().all(|v| v.len() <= 63) =>
                            {
                                let tyname =
                                    unique_in(&mut self.names, &format!("{tbare}_{cbare}"));
                                self.types.insert(tyname.clone());
                                let q = quote_ident(&tyname);
                                if self.dropped.contains(&lt) {
                                    pre.push_str(&format!("DROP TYPE IF EXISTS {q} CASCADE;\n"));
                                }
                                pre.push_str(&format!(
                                    "CREATE TYPE {q} AS ENUM ({});\n",
                                    enum_labels(&vals)
                                ));
                                pg_type = q;
                                enum_type = true;
                            }
                            Some(_) => {
                                if !self.opts.enum_as_check {
                                    self.note(&C::ENUM_AS_CHECK, &format!("enum@{raw}.{}", cd.name), p.line, || {
                                        format!(
                                            "enum {raw}.{} has a member over 63 bytes (PostgreSQL's limit for enum labels): text with a CHECK",
                                            cd.name
                                        )
                                    });
                                }
                                check = Some(enum_members(args, t.backslash));
                            }
                            None => check = Some(args.clone()),
                        }
                    }
                    let mut def = format!("{cname} {pg_type}");
                    let gen_at = def.len();
                    let has = |kw: &str| (s..e).any(|i| outside(i) && t.is_kw(i, kw));
                    let not_null =
                        (s..e).any(|i| outside(i) && t.is_kw(i, "NOT") && t.is_kw(i + 1, "NULL"));
                    if gen.is_none() && has("AUTO_INCREMENT") {
                        let seq = truncate_ident(&format!("{tbare}_{cbare}_seq"));
                        // MySQL goes on from max(AUTO_INCREMENT=N, max + 1)
                        let mut next = match &auto_increment {
                            Some(n) => format!("GREATEST({n}, COALESCE(max({cname}), 0) + 1)"),
                            None => format!("COALESCE(max({cname}), 0) + 1"),
                        };
                        if pg_type.starts_with("numeric") {
                            next = format!("LEAST({next}, 9223372036854775807)::bigint");
                            // bigint unsigned auto_increment: an identity must be a
                            // bigint, but the values (and the foreign keys to them) need
                            // numeric(20): a sequence of its own feeds the default
                            let seq = unique_in(&mut self.names, &seq);
                            let sq = quote_ident(&seq);
                            pre.push_str(&format!("CREATE SEQUENCE IF NOT EXISTS {sq};\n"));
                            def.push_str(&format!(
                                " DEFAULT nextval('{}'::regclass)",
                                sq.replace('\'', "''")
                            ));
                            post.push(Post::Sql(format!(
                                "ALTER SEQUENCE {sq} OWNED BY {tname}.{cname};\n"
                            )));
                        } else {
                            def.push_str(" GENERATED BY DEFAULT AS IDENTITY");
                            self.names.insert(seq);
                        }
                        post.push(Post::Sql(format!(
                            "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('{tq}', '{cq}'), {next}, false) FROM {tname};\n",
                            tq = tname.replace('\'', "''"),
                            cq = cbare.replace('\'', "''"),
                        )));
                    } else if let (Some((a, b)), None) = (cd.default_span, gen) {
                        let d = &t.src[a..b];
                        let pg = self
                            .nextval_default(d, t.backslash)
                            .or_else(|| default_value(d, kind, t.backslash));
                        match pg {
                            Some(pg) => {
                                def.push_str(" DEFAULT ");
                                def.push_str(&pg);
                            }
                            None if !String::from_utf8_lossy(d)
                                .trim()
                                .eq_ignore_ascii_case("NULL") =>
                            {
                                let col = format!("{raw}.{}", cd.name);
                                let what = String::from_utf8_lossy(d).trim().to_string();
                                let why = if memchr::memmem::find(d, b"0000-00-00").is_some() {
                                    "a zero date, NULL in PostgreSQL: the column has no default and no NOT NULL (as pgloader does)"
                                } else {
                                    "not converted: the column has none"
                                };
                                self.note(
                                    &C::DEFAULT_DROPPED,
                                    &format!("default@{col}"),
                                    p.line,
                                    || format!("the default of {col}, {what}, is {why}"),
                                );
                            }
                            None => {}
                        }
                    }
                    // pgloader's rule: a date column defaulting to a zero date loses
                    // the default and NOT NULL, as its zero dates become NULL
                    let zero_default = matches!(kind, VKind::Date | VKind::DateTime)
                        && cd.default_span.is_some_and(|(a, b)| {
                            let d = &t.src[a..b];
                            memchr::memmem::find(d, b"0000-00-00").is_some()
                        });
                    let not_null = not_null && !zero_default;
                    if not_null {
                        def.push_str(" NOT NULL");
                    }
                    if let Some(members) = check {
                        def.push_str(&format!(" CHECK ({cname} IN ({members}))"));
                    }
                    // set: text[] holding members only (what MySQL can store)
                    let set_members = ty
                        .as_ref()
                        .filter(|x| x.base == "set" && !cast_chosen)
                        .and_then(|x| x.args.as_deref())
                        .and_then(|a| enum_values(a, t.backslash));
                    if let Some(vals) = set_members {
                        let lits: Vec<String> = vals.iter().map(|v| pg_literal(v)).collect();
                        def.push_str(&format!(
                            " CHECK ({cname} <@ ARRAY[{}]::text[])",
                            lits.join(", ")
                        ));
                    }
                    // ON UPDATE CURRENT_TIMESTAMP: a trigger does it on PostgreSQL
                    let on_update = (s..e).any(|i| {
                        outside(i)
                            && t.is_kw(i, "ON")
                            && t.is_kw(i + 1, "UPDATE")
                            && (t.is_kw(i + 2, "CURRENT_TIMESTAMP") || t.is_kw(i + 2, "NOW"))
                    });
                    if on_update {
                        let func =
                            quote_ident(&truncate_ident(&format!("on_update_{tbare}_{cbare}")));
                        let trig =
                            quote_ident(&truncate_ident(&format!("{tbare}_{cbare}_on_update")));
                        let what = format!("{tbare}.{cbare}").replace(char::is_control, "?");
                        post.push(Post::Sql(format!(
                            "-- dumpfix: written for ON UPDATE CURRENT_TIMESTAMP of {what}\n-- dumpfix-ignore R001\nCREATE FUNCTION {func}() RETURNS trigger LANGUAGE plpgsql AS $dumpfix$ BEGIN IF NEW IS DISTINCT FROM OLD AND NEW.{cname} IS NOT DISTINCT FROM OLD.{cname} THEN NEW.{cname} := CURRENT_TIMESTAMP; END IF; RETURN NEW; END $dumpfix$;\n-- dumpfix-ignore R002\nCREATE TRIGGER {trig} BEFORE UPDATE ON {tname} FOR EACH ROW EXECUTE FUNCTION {func}();\n"
                        )));
                    }
                    // COMMENT 'text' → COMMENT ON COLUMN
                    if let Some(c) = (s..e).find(|&i| outside(i) && t.is_kw(i, "COMMENT")) {
                        if t.toks.get(c + 1).is_some_and(|x| x.kind == Tok::Str) {
                            if let Some(text) = sql_string(t.text(c + 1), t.backslash) {
                                post.push(Post::Sql(format!(
                                    "COMMENT ON COLUMN {tname}.{cname} IS {text};\n"
                                )));
                            }
                        }
                    }
                    let utf8 = charset_in(t, s, e, outside)
                        .map(|c| is_utf8(&c))
                        .or(table_utf8)
                        .unwrap_or(false);
                    let (ety, real) = if enum_type {
                        (expr::Ty::Other, false)
                    } else {
                        expr_ty(&pg_type, kind)
                    };
                    if let Some((a, c)) = gen {
                        gens.push(Gen {
                            column: columns.len(),
                            def: cols_sql.len(),
                            at: gen_at,
                            from: a + 2,
                            to: c,
                            name: cd.name.clone(),
                            mysql_type: ty.clone().filter(|_| !cast_chosen),
                        });
                    }
                    cols_sql.push(def);
                    columns.push(Column::new(
                        lc, cname, kind, ety, real, utf8, false, not_null,
                    ));
                }
                Some("PRIMARY") => {
                    let open = (s..e).find(|&i| t.is_punct(i, "("));
                    if let Some((cols, _)) = open.and_then(|o| column_list(t, o)) {
                        let cols = self.column_names(&columns, &cols);
                        cols_sql.push(format!("PRIMARY KEY ({})", cols.join(", ")));
                        self.names.insert(truncate_ident(&format!("{tbare}_pkey")));
                        pk = cols;
                    }
                }
                Some(k @ ("UNIQUE" | "KEY" | "INDEX" | "FULLTEXT")) => {
                    let unique = k == "UNIQUE";
                    let open = (s..e).find(|&i| t.is_punct(i, "("));
                    let name = (s + 1..open.unwrap_or(e))
                        .find(|&i| t.is_ident(i) && !t.is_kw(i, "KEY") && !t.is_kw(i, "INDEX"))
                        .map(|i| t.name(i));
                    let Some((cols, close)) = open.and_then(|o| column_list(t, o)) else {
                        continue;
                    };
                    let pg_cols = self.column_names(&columns, &cols);
                    let tail = if k == "FULLTEXT" {
                        // MySQL's full-text parser splits words without stemming: the
                        // 'simple' configuration does the same
                        if (close..e).any(|i| t.is_kw(i, "PARSER")) {
                            self.note(&C::FULLTEXT_PARSER, &format!("ftp@{raw}.{s}"), p.line, || {
                                format!("a FULLTEXT key of {raw} names a parser: its GIN index uses the 'simple' text search configuration")
                            });
                        }
                        let doc: Vec<String> = pg_cols
                            .iter()
                            .map(|c| format!("coalesce(({c})::text, '')"))
                            .collect();
                        format!(
                            " ON {tname} USING gin (to_tsvector('simple', {}));\n",
                            doc.join(" || ' ' || ")
                        )
                    } else {
                        format!(" ON {tname} ({});\n", pg_cols.join(", "))
                    };
                    post.push(Post::Named {
                        head: format!("CREATE {}INDEX ", if unique { "UNIQUE " } else { "" }),
                        table: tbare.clone(),
                        hint: name.unwrap_or_else(|| {
                            if k == "FULLTEXT" { "fts" } else { "idx" }.to_string()
                        }),
                        tail,
                    });
                }
                Some("CONSTRAINT") if (s..e).any(|i| t.is_kw(i, "PRIMARY")) => {
                    let open = (s..e).find(|&i| t.is_punct(i, "("));
                    if let Some((cols, _)) = open.and_then(|o| column_list(t, o)) {
                        let cols = self.column_names(&columns, &cols);
                        cols_sql.push(format!("PRIMARY KEY ({})", cols.join(", ")));
                        self.names.insert(truncate_ident(&format!("{tbare}_pkey")));
                        pk = cols;
                    }
                }
                Some("CONSTRAINT") if (s..e).any(|i| t.is_kw(i, "UNIQUE")) => {
                    let name = if t.is_ident(s + 1) {
                        t.name(s + 1)
                    } else {
                        "uq".into()
                    };
                    let open = (s..e).find(|&i| t.is_punct(i, "("));
                    if let Some((cols, _)) = open.and_then(|o| column_list(t, o)) {
                        let cols = self.column_names(&columns, &cols);
                        post.push(Post::Named {
                            head: "CREATE UNIQUE INDEX ".into(),
                            table: tbare.clone(),
                            hint: name,
                            tail: format!(" ON {tname} ({});\n", cols.join(", ")),
                        });
                    }
                }
                Some("CONSTRAINT" | "FOREIGN") => {
                    let fk = (s..e).find(|&i| t.is_kw(i, "FOREIGN"));
                    let Some(fk) = fk else {
                        // CONSTRAINT x UNIQUE / CHECK: CHECK expressions are MySQL
                        self.note(
                            &C::CONSTRAINT_DROPPED,
                            &format!("cons@{}", p.line),
                            p.line,
                            || format!("a constraint of {raw} is not converted"),
                        );
                        continue;
                    };
                    let cname = (s..fk)
                        .find(|&i| t.is_ident(i) && !t.is_kw(i, "CONSTRAINT"))
                        .map(|i| t.name(i))
                        .unwrap_or_else(|| "fk".into());
                    let open = (fk..e).find(|&i| t.is_punct(i, "("));
                    let Some((cols, close)) = open.and_then(|o| column_list(t, o)) else {
                        continue;
                    };
                    let Some(r) = (close..e).find(|&i| t.is_kw(i, "REFERENCES")) else {
                        continue;
                    };
                    let Some((refchain, next)) = table::chain_at(t, r + 1) else {
                        continue;
                    };
                    let Some(&rt) = refchain.parts.last() else {
                        continue;
                    };
                    let Some((rcols, rclose)) = column_list(t, next) else {
                        continue;
                    };
                    let mut tail = String::new();
                    let mut i = rclose + 1;
                    while i < e {
                        tail.push(' ');
                        tail.push_str(&String::from_utf8_lossy(t.text(i)).to_ascii_uppercase());
                        i += 1;
                    }
                    self.fks.push(ForeignKey {
                        line: p.line,
                        table: tname.clone(),
                        bare: tbare.clone(),
                        hint: cname,
                        columns: self.column_names(&columns, &cols),
                        target: t.name(rt),
                        target_columns: rcols,
                        tail,
                    });
                }
                Some(other) => {
                    self.note(
                        &C::INDEX_DROPPED,
                        &format!("idx@{}.{}", raw, s),
                        p.line,
                        || format!("{other} index of {raw} is not converted"),
                    );
                }
            }
        }
        // generated columns, once every column is known (in order: PostgreSQL refuses
        // an expression that uses another generated column)
        for g in gens {
            let translated = {
                let cols = &columns;
                let resolve = |n: &str| -> Result<expr::ColRef, String> {
                    let l = n.to_lowercase();
                    let c = cols
                        .iter()
                        .find(|c| *c.raw == *l)
                        .ok_or_else(|| format!("no column {n}"))?;
                    if c.generated {
                        return Err(format!(
                            "it uses the generated column {n} (PostgreSQL does not allow that)"
                        ));
                    }
                    Ok(expr::ColRef {
                        pg: c.name().to_string(),
                        ty: c.ty,
                        real: c.real,
                        utf8: c.utf8,
                    })
                };
                let target = columns.get(g.column).map_or(expr::Ty::Other, |c| c.ty);
                match &g.mysql_type {
                    None => Err("its type is chosen with --cast".to_string()),
                    Some(mt) => {
                        expr::translate(t, g.from, g.to, &resolve, target).and_then(|sql| {
                            fit_to(mt, &sql).ok_or_else(|| {
                                format!("a value of type {} is not computed here", mt.base)
                            })
                        })
                    }
                }
            };
            match (
                translated,
                cols_sql.get_mut(g.def),
                columns.get_mut(g.column),
            ) {
                (Ok(sql), Some(def), Some(col)) => {
                    def.insert_str(g.at, &format!(" GENERATED ALWAYS AS ({sql}) STORED"));
                    col.generated = true;
                }
                (Err(why), def, col) => {
                    // a plain column: its values are those the dump carries, if it
                    // does; NOT NULL and the primary key are added after the data
                    // when every INSERT carried them (see `finish_plain_gens`)
                    let mut not_null = false;
                    if let Some(def) = def {
                        if let Some(i) = def.find(" NOT NULL") {
                            def.replace_range(i..i + " NOT NULL".len(), "");
                            not_null = true;
                        }
                    }
                    let mut key = None;
                    if let Some(col) = col.as_ref() {
                        if pk.iter().any(|k| k == col.name()) {
                            let before = cols_sql.len();
                            cols_sql.retain(|c| !c.starts_with("PRIMARY KEY ("));
                            if cols_sql.len() < before {
                                key = Some(pk.clone());
                            }
                        }
                    }
                    let (raw_col, column) = match col {
                        Some(c) => (c.raw.to_string(), c.name().to_string()),
                        None => (g.name.to_lowercase(), quote_ident(&g.name.to_lowercase())),
                    };
                    self.plain_gens.push(PlainGen {
                        table: raw.to_lowercase(),
                        tname: tname.clone(),
                        raw: raw_col,
                        column,
                        line: p.line,
                        why: format!("{raw}.{}: {why}", g.name),
                        not_null,
                        pk: key,
                        lost_at: None,
                    });
                }
                _ => {}
            }
        }
        let mut sql = pre;
        sql.push_str(&format!(
            "CREATE TABLE {tname} (\n    {}\n);\n",
            cols_sql.join(",\n    ")
        ));
        if (0..t.len()).any(|i| t.is_kw(i, "COMMENT")) {
            // table comments: COMMENT='…' after the body
            if let Some(c) = (body_end..t.len()).find(|&i| t.is_kw(i, "COMMENT")) {
                let v = if t.is_punct(c + 1, "=") { c + 2 } else { c + 1 };
                if v < t.len() && t.toks[v].kind == Tok::Str {
                    if let Some(text) = sql_string(t.text(v), t.backslash) {
                        sql.push_str(&format!("COMMENT ON TABLE {tname} IS {text};\n"));
                    }
                }
            }
        }
        self.post.extend(post);
        self.tables.insert(
            raw.to_lowercase().into_boxed_str(),
            Table {
                name: tname,
                columns: columns.into_boxed_slice(),
                pk: pk.into_boxed_slice(),
            },
        );
        out.put(sql.as_bytes())
    }

    /// How INSERTs into `raw` (with the column list `explicit`) become COPY rows.
    fn plan(&self, raw: &str, explicit: &Option<Vec<String>>) -> Option<Plan> {
        let table = self.tables.get(raw.to_lowercase().as_str());
        Some(match (table, explicit) {
            (Some(tb), Some(cols)) => {
                let mut plan = Plan {
                    name: tb.name.clone(),
                    cols: Vec::with_capacity(cols.len()),
                    kinds: Vec::with_capacity(cols.len()),
                    skip: Vec::with_capacity(cols.len()),
                    not_null: Vec::with_capacity(cols.len()),
                };
                for c in cols {
                    match tb.column(c) {
                        Some(col) => {
                            plan.cols.push(col.name().to_string());
                            plan.kinds.push(col.kind);
                            plan.skip.push(col.generated);
                            plan.not_null.push(col.not_null);
                        }
                        None => {
                            plan.cols.push(self.ident(c));
                            plan.kinds.push(VKind::Text);
                            plan.skip.push(false);
                            plan.not_null.push(false);
                        }
                    }
                }
                plan
            }
            (Some(tb), None) => Plan {
                name: tb.name.clone(),
                cols: tb.columns.iter().map(|c| c.name().to_string()).collect(),
                kinds: tb.columns.iter().map(|c| c.kind).collect(),
                skip: tb.columns.iter().map(|c| c.generated).collect(),
                not_null: tb.columns.iter().map(|c| c.not_null).collect(),
            },
            (None, Some(cols)) => Plan {
                name: self
                    .table_names
                    .get_key_value(&raw.to_lowercase())
                    .map_or_else(
                        || self.ident(raw),
                        |(k, b)| quote_ident(b.as_deref().unwrap_or(k)),
                    ),
                cols: cols.iter().map(|c| self.ident(c)).collect(),
                kinds: vec![VKind::Text; cols.len()],
                skip: vec![false; cols.len()],
                not_null: vec![false; cols.len()],
            },
            (None, None) => return None,
        })
    }

    fn insert_head(
        &mut self,
        (raw, explicit): (String, Option<Vec<String>>),
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        if let Some(trig) = self.late_trigger_tables.get(&raw.to_lowercase()) {
            let trig = trig.clone();
            self.note(&C::ROWS_BEFORE_TRIGGER, &format!("late@{raw}"), p.line, || {
                format!("rows of {raw} after trigger {trig}, which is created at the end (it refers to a table defined later): MySQL fired it for them, PostgreSQL does not")
            });
        }
        if let Some(cols) = &explicit {
            let table = raw.to_lowercase();
            for g in self.plain_gens.iter_mut().filter(|g| g.table == table) {
                if g.lost_at.is_none() && !cols.iter().any(|c| c.to_lowercase() == g.raw) {
                    g.lost_at = Some(p.line);
                }
            }
        }
        let Some(plan) = self.plan(&raw, &explicit) else {
            self.note(&C::ROWS_LOST, &format!("notable@{raw}"), p.line, || {
                format!("INSERT into {raw}, whose CREATE TABLE is not in the dump, without a column list: not converted")
            });
            return Ok(());
        };
        let listed: Vec<&str> = plan
            .cols
            .iter()
            .zip(&plan.skip)
            .filter(|(_, &skip)| !skip)
            .map(|(c, _)| c.as_str())
            .collect();
        if listed.is_empty() {
            self.note(&C::ROWS_LOST, &format!("onlygen@{raw}"), p.line, || {
                format!("INSERT into {raw} lists only generated columns: not converted")
            });
            return Ok(());
        }
        out.put(format!("COPY {} ({}) FROM stdin;\n", plan.name, listed.join(", ")).as_bytes())?;
        let work = TupleWork {
            kinds: plan.kinds.into(),
            cols: plan.cols.into(),
            skip: plan.skip.into(),
            not_null: plan.not_null.into(),
            stats: values::Stats::default(),
            backslash: p.piece.backslash,
            charset: self.charset.current,
        };
        self.copy = Some((plan.name, work));
        Ok(())
    }

    fn tuple(&mut self, p: &PieceRef<'_>, out: &mut crate::rewrite::Sink<'_>) -> crate::Result<()> {
        let Some((table, work)) = self.copy.as_mut() else {
            return Ok(());
        };
        if p.piece.partial || p.piece.continued {
            return self.big_tuple(p, out);
        }
        self.row.clear();
        let mut bad = Vec::new();
        work.row(p.bytes, &mut self.row, &mut bad);
        self.stats.add(work.summary());
        if bad.is_empty() {
            return out.put(&self.row);
        }
        let table = table.clone();
        if !bad.iter().any(|b| matches!(b, RowBad::Count(..))) {
            out.put(&self.row)?;
        }
        for b in bad {
            self.row_bad(&table, b, p.row_line())?;
        }
        Ok(())
    }

    /// A fragment of a row larger than the window (see [`bigrow`]): converted as it
    /// comes, what is wrong reported at the row's line as for a whole row.
    fn big_tuple(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let Some((table, work)) = self.copy.as_mut() else {
            return Ok(());
        };
        let big = match self.big.as_mut() {
            Some(b) if p.piece.continued => b,
            None if p.piece.continued => {
                return Err(crate::Error::Internal(format!(
                    "byte {}: the rest of a row whose start was not read",
                    p.offset
                )))
            }
            _ => self.big.insert(bigrow::RowStream::new(
                work.backslash,
                self.window,
                p.row_line(),
                p.offset,
            )),
        };
        let (line, offset) = (big.line, big.offset);
        let table = table.clone();
        // in slices of 1 MiB, each written out before the next: the converted bytes
        // held stay small whatever the window (what is wrong is a few notes per value,
        // and a row has at most 4096 values)
        let mut rest = p.bytes;
        let mut bad = Vec::new();
        loop {
            let n = rest.len().min(1 << 20);
            let last = !p.piece.partial && n == rest.len();
            self.row.clear();
            let r = big.feed(work, &rest[..n], last, &mut self.row, &mut bad);
            rest = &rest[n..];
            if let Err(e) = r {
                self.stats.add(work.summary());
                self.big = None;
                return Err(crate::Error::Usage(format!(
                    "line {line}, byte {offset}: a row of {table} larger than the window: {e}"
                )));
            }
            out.put(&self.row)?;
            if rest.is_empty() {
                break;
            }
        }
        self.stats.add(work.summary());
        if !p.piece.partial {
            self.big = None;
        }
        for b in bad {
            self.row_bad(&table, b, line)?;
        }
        Ok(())
    }

    /// An INSERT head into the table and columns of the open COPY block.
    fn same_insert(&self, (raw, explicit): &(String, Option<Vec<String>>)) -> bool {
        let (Some((name, work)), true) = (&self.copy, self.open) else {
            return false;
        };
        let Some(tb) = self.tables.get(raw.to_lowercase().as_str()) else {
            return false;
        };
        if explicit.is_none() {
            // the common case, once per INSERT: no allocation
            return &tb.name == name
                && tb.columns.len() == work.cols.len()
                && tb
                    .columns
                    .iter()
                    .zip(work.cols.iter().zip(work.skip.iter()))
                    .all(|(c, (w, &skip))| c.name() == w.as_str() && c.generated == skip);
        }
        let Some(plan) = self.plan(raw, explicit) else {
            return false;
        };
        &plan.name == name && plan.cols[..] == work.cols[..] && plan.skip[..] == work.skip[..]
    }

    /// End of the dump: indexes, foreign keys, sequences.
    pub fn finish(&mut self, out: &mut crate::rewrite::Sink<'_>) -> crate::Result<()> {
        match self.pool.take() {
            None => self.finish_inner(out),
            Some(mut pool) => {
                // the rows still out come first: they may end the conversion
                let r = pool.finish(out);
                self.pool = Some(pool);
                r.and(self.pool_results())?;
                self.pool = None;
                self.finish_inner(out)
            }
        }
    }

    /// Generated columns converted as plain ones: reported, and their NOT NULL and
    /// primary key made after the data when the dump carried their values. Returns the
    /// tables (lower case) left without their primary key.
    fn finish_plain_gens(&mut self) -> HashSet<String> {
        let mut keyless = HashSet::new();
        let mut restore = Vec::new();
        let mut keyed = HashSet::new();
        for g in std::mem::take(&mut self.plain_gens) {
            match g.lost_at {
                Some(line) => {
                    let mut lost = Vec::new();
                    if g.not_null {
                        lost.push("its NOT NULL is dropped");
                    }
                    if g.pk.is_some() {
                        lost.push("the primary key on it is not made");
                        keyless.insert(g.table.clone());
                        if let Some(t) = self.tables.get_mut(g.table.as_str()) {
                            t.pk = Box::default();
                        }
                    }
                    let also = if lost.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", lost.join(", "))
                    };
                    let why = g.why;
                    self.note(&C::GENERATED_LOST, &format!("gen@{}.{}", g.table, g.raw), line, || {
                        format!("generated column {why}; the dump's INSERTs leave it out (as MySQL's mysqldump does), so it is NULL in every row{also}")
                    });
                }
                None => {
                    let why = g.why;
                    self.note(&C::GENERATED_AS_PLAIN, &format!("gen@{}.{}", g.table, g.raw), g.line, || {
                        format!("generated column {why}: a plain column holding the dumped values (PostgreSQL will not compute it for new rows)")
                    });
                    if g.not_null {
                        restore.push(format!(
                            "ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;\n",
                            g.tname, g.column
                        ));
                    }
                    if let Some(pk) = g.pk {
                        if keyed.insert(g.table.clone()) {
                            restore.push(format!(
                                "ALTER TABLE {} ADD PRIMARY KEY ({});\n",
                                g.tname,
                                pk.join(", ")
                            ));
                        }
                    }
                }
            }
        }
        // before the indexes and foreign keys (which may need the key)
        for (i, sql) in restore.into_iter().enumerate() {
            self.post.insert(i, Post::Sql(sql));
        }
        keyless
    }

    fn finish_inner(&mut self, out: &mut crate::rewrite::Sink<'_>) -> crate::Result<()> {
        self.open = false;
        if self.copy.take().is_some() {
            out.put(b"\\.\n\n")?;
        }
        let keyless = self.finish_plain_gens();
        for fk in std::mem::take(&mut self.fks) {
            if keyless.contains(&fk.target.to_lowercase()) {
                let (line, target) = (fk.line, fk.target.to_lowercase());
                self.note(&C::FOREIGN_KEY_DROPPED, &format!("fk@{line}"), line, || {
                    format!("foreign key to {target}, whose primary key is not made (C008): not created")
                });
                continue;
            }
            let Some(target) = self.tables.get(fk.target.to_lowercase().as_str()) else {
                let (line, target) = (fk.line, fk.target.to_lowercase());
                self.note(&C::FOREIGN_KEY_DROPPED, &format!("fk@{line}"), line, || {
                    format!("foreign key to {target}, which is not in the dump: not created")
                });
                continue;
            };
            let rcols = self.column_names(&target.columns, &fk.target_columns);
            let tail = format!(
                " FOREIGN KEY ({}) REFERENCES {} ({}){};\n",
                fk.columns.join(", "),
                target.name,
                rcols.join(", "),
                fk.tail
            );
            self.post.push(Post::Named {
                head: format!("ALTER TABLE {} ADD CONSTRAINT ", fk.table),
                table: fk.bare,
                hint: fk.hint,
                tail,
            });
        }
        let mut text = String::new();
        for item in std::mem::take(&mut self.post) {
            match item {
                Post::Sql(s) => text.push_str(&s),
                Post::Named {
                    head,
                    table,
                    hint,
                    tail,
                } => {
                    let name = self.index_name(&table, &hint);
                    text.push_str(&head);
                    text.push_str(&name);
                    text.push_str(&tail);
                }
            }
        }
        if !text.is_empty() {
            out.put(b"\n-- keys, foreign keys and sequences, after the data\n")?;
            out.put(text.as_bytes())?;
        }
        for (line, raw, trig) in std::mem::take(&mut self.late_triggers) {
            self.emit_trigger(line, &raw, trig, true, out)?;
        }
        self.finish_views(out)?;
        Ok(())
    }
}

/// A MySQL column default as a PostgreSQL one, when it translates.
fn default_value(d: &[u8], kind: VKind, backslash: bool) -> Option<String> {
    let s = String::from_utf8_lossy(d).trim().to_string();
    let upper = s.to_ascii_uppercase();
    if upper == "NULL" {
        return None;
    }
    if upper.starts_with("CURRENT_TIMESTAMP") || upper == "NOW()" {
        return Some("CURRENT_TIMESTAMP".into());
    }
    if kind == VKind::Bool && (upper == "TRUE" || upper == "FALSE") {
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
        VKind::Int | VKind::Numeric | VKind::Float | VKind::Year => {
            v.parse::<f64>().ok().map(|_| v)
        }
        VKind::Bool => Some(if v == "t" {
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
fn enum_members(args: &str, backslash: bool) -> String {
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
fn enum_labels(vals: &[String]) -> String {
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
fn enum_values(args: &str, backslash: bool) -> Option<Vec<String>> {
    let b = args.as_bytes();
    let mut members = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
            q @ (b'\'' | b'"') => {
                let start = i;
                i += 1;
                loop {
                    match b.get(i) {
                        None => return None,
                        Some(b'\\') if backslash => i += 2,
                        Some(&c) if c == q && b.get(i + 1) == Some(&q) => i += 2,
                        Some(&c) if c == q => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
                members.push(sql_value(&b[start..i], backslash)?);
            }
            _ => return None,
        }
    }
    Some(members)
}

/// A PostgreSQL string literal of `v`.
fn pg_literal(v: &str) -> String {
    format!("'{}'", v.replace('\'', "''"))
}

/// A MySQL string literal as a PostgreSQL one (`'…'` with `''` doubling).
fn sql_string(lit: &[u8], backslash: bool) -> Option<String> {
    sql_value(lit, backslash).map(|v| pg_literal(&v))
}

/// The value of a MySQL string literal.
fn sql_value(lit: &[u8], backslash: bool) -> Option<String> {
    let mut text = Vec::new();
    let mut st = values::Stats::default();
    values::to_copy_with(lit, VKind::Text, backslash, &mut text, &mut st).ok()?;
    Some(unescape_copy(&text))
}

/// A generated column of the table being converted, translated once every column is
/// known.
struct Gen {
    /// Index in the table's columns and in the column definitions.
    column: usize,
    def: usize,
    /// Where its definition takes the GENERATED clause.
    at: usize,
    /// The expression's tokens.
    from: usize,
    to: usize,
    /// The MySQL column name.
    name: String,
    /// Its MySQL type (`None` when `--cast` chose the PostgreSQL one).
    mysql_type: Option<ColType>,
}

/// `sql` as MySQL fits a value into a column of type `ty` (in non-strict mode, and
/// always for a virtual column, computed when read): integers and decimals clipped to
/// the type's range, strings cut to the declared length. `None` for a type whose
/// conversion is not followed here.
fn fit_to(ty: &ColType, sql: &str) -> Option<String> {
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

/// The charset named by `CHARACTER SET x`, `CHARSET x` or `CHARSET=x` among tokens
/// `[from, to)` that `take` accepts, lower case.
fn charset_in(
    t: &Tokens<'_>,
    from: usize,
    to: usize,
    take: impl Fn(usize) -> bool,
) -> Option<String> {
    (from..to).filter(|&i| take(i)).find_map(|i| {
        let mut v = if t.is_kw(i, "CHARACTER") && t.is_kw(i + 1, "SET") {
            i + 2
        } else if t.is_kw(i, "CHARSET") {
            i + 1
        } else {
            return None;
        };
        if t.is_punct(v, "=") {
            v += 1;
        }
        (v < to && t.is_ident(v)).then(|| t.name(v).to_lowercase())
    })
}

/// A MySQL charset whose bytes are the UTF-8 ones.
fn is_utf8(charset: &str) -> bool {
    charset.starts_with("utf8") || charset == "ascii"
}

/// What a column of PostgreSQL type `pg_type` holds, for generation expressions, and
/// whether it is a `real`.
fn expr_ty(pg_type: &str, kind: VKind) -> (expr::Ty, bool) {
    let t = pg_type.to_ascii_lowercase();
    match kind {
        VKind::Text
            if t == "text"
                || t.starts_with("character")
                || t.starts_with("varchar")
                || t.starts_with("char") =>
        {
            (expr::Ty::Text, false)
        }
        VKind::Int | VKind::Year => (expr::Ty::Int, false),
        VKind::Numeric => (expr::Ty::Numeric, false),
        VKind::Float => (expr::Ty::Float, t.starts_with("real") || t == "float4"),
        VKind::Bool => (expr::Ty::Flag, false),
        VKind::Json if t == "jsonb" || t == "json" => (expr::Ty::Json, false),
        _ => (expr::Ty::Other, false),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(pg_ident("User_"), "user_");
        assert_eq!(pg_ident("order"), "\"order\"");
        assert_eq!(pg_ident("a b"), "\"a b\"");
        assert_eq!(pg_ident(&"x".repeat(70)).len(), 63);
    }

    /// Convert `sql` (a MySQL dump) with `opts` on `threads` threads: output, notes.
    fn run(opts: Options, threads: usize, sql: &str) -> (String, Vec<Note>) {
        use crate::lex::driver::{split_slice, Options as SplitOptions};
        let mut conv = Converter::with_options(opts);
        conv.set_threads(threads);
        let mut out = Vec::new();
        {
            let mut sink = |b: &[u8]| {
                out.extend_from_slice(b);
                Ok(())
            };
            split_slice(
                &mut crate::lex::Lexer::new(Dialect::Mysql),
                sql.as_bytes(),
                &SplitOptions::default(),
                "test",
                |p| conv.piece(&p, &mut sink),
            )
            .expect("convert");
            conv.finish(&mut sink).expect("finish");
        }
        (String::from_utf8(out).expect("utf-8"), conv.notes())
    }

    #[test]
    fn identifiers_keep_case_and_stay_unique() {
        assert_eq!(pg_ident_case("MixedCase", true), "\"MixedCase\"");
        assert_eq!(pg_ident_case("mixed", true), "mixed");
        assert_eq!(pg_ident_case("Order", false), "\"order\"");
        assert_eq!(pg_ident_case("Order", true), "\"Order\"");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        let mut taken = Taken::default();
        let long = "é".repeat(40); // 80 bytes
        let a = unique_in(&mut taken, &long);
        let b = unique_in(&mut taken, &long);
        let c = unique_in(&mut taken, &long);
        assert_eq!(a.len(), 62, "cut on a character boundary");
        assert!(b.ends_with("_2") && b.len() <= 63, "{b}");
        assert!(c.ends_with("_3") && c.len() <= 63, "{c}");
        assert_eq!(unique_in(&mut taken, "t_x"), "t_x");
        assert_eq!(unique_in(&mut taken, "t_x"), "t_x_2");
    }

    #[test]
    fn enum_labels_put_the_error_value_first_once() {
        let vals = enum_values("'G','PG','it\\'s','x\\\\y'", true).expect("members");
        assert_eq!(vals, ["G", "PG", "it's", "x\\y"]);
        assert_eq!(enum_labels(&vals), "'', 'G', 'PG', 'it''s', 'x\\y'");
        let with_empty = enum_values("'','a'", true).expect("members");
        assert_eq!(enum_labels(&with_empty), "'', 'a'");
        assert_eq!(enum_values("'a',b", true), None);
        assert_eq!(enum_members("'a','b'", true), "'a','b',''");
    }

    #[test]
    fn fit_follows_mysql_column_ranges() {
        let f = |ty: &str| fit_to(&parse_type(ty.as_bytes()).expect("type"), "x");
        assert_eq!(
            f("tinyint(4)").as_deref(),
            Some("(CASE WHEN x < -128 THEN -128 WHEN x > 127 THEN 127 ELSE x END)")
        );
        assert!(f("int(10) unsigned").is_some_and(|s| s.contains("x > 4294967295")));
        assert!(f("decimal(4,1)").is_some_and(|s| s.contains("x < -999.9")));
        assert!(f("decimal(2,2)").is_some_and(|s| s.contains("x > 0.99")));
        assert_eq!(f("varchar(3)").as_deref(), Some("left(x, 3)"));
        assert_eq!(f("tinyint(1)").as_deref(), Some("x"));
        assert_eq!(f("longtext").as_deref(), Some("x"));
        assert_eq!(f("datetime"), None);
    }

    const HEAD: &str =
        "-- MySQL dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)\n";

    #[test]
    fn tuples_with_comments_read_as_mariadb_loads_them() {
        // `/*!50705 … */` (MySQL 5.7+) is skipped as MariaDB skips it; a `/*` inside a
        // string is text; a plain comment before a value is reported, not dropped in
        // silence. The one-pass split stops at a comment and reads the tuple again.
        let sql = format!(
            "{HEAD}CREATE TABLE `t` (`id` int NOT NULL, `a` text, `b` text);\n\
             INSERT INTO `t` VALUES (1,'x /* not a comment */',/*!50705 'skipped',*/'y'),\
             (2,/* plain */'p','/*!50705 q*/'),(3,'it\\'s /*','*/');\n"
        );
        let (out, notes) = run(Options::default(), 1, &sql);
        assert!(
            out.contains(
                "COPY t (id, a, b) FROM stdin;\n1\tx /* not a comment */\ty\n2\t\\N\t/*!50705 q*/\n3\tit's /*\t*/\n"
            ),
            "{out}"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0]
            .message
            .contains("t.a: unexpected value: /* plain */'p'"));
    }

    #[test]
    fn enum_types_indexes_and_tables_share_one_namespace() {
        // `t.k` makes the type `t_k`; a later table is named `t_k`, and table `t` has
        // an index named `k_idx` while a table `t_k_idx` follows.
        let sql = format!(
            "{HEAD}DROP TABLE IF EXISTS `t`;\nCREATE TABLE `t` (\n  `id` int NOT NULL,\n  `k` enum('a','b') DEFAULT 'a',\n  PRIMARY KEY (`id`),\n  KEY `k_idx` (`k`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\
             CREATE TABLE `t_k` (`x` int);\nCREATE TABLE `t_k_idx` (`y` int);\nINSERT INTO `t` VALUES (1,'b'),(2,'');\n"
        );
        let (out, notes) = run(Options::default(), 1, &sql);
        assert!(
            out.contains("DROP TABLE IF EXISTS t CASCADE;\n\nDROP TYPE IF EXISTS t_k CASCADE;\nCREATE TYPE t_k AS ENUM ('', 'a', 'b');\nCREATE TABLE t (\n    id integer NOT NULL,\n    k t_k DEFAULT 'a',"),
            "{out}"
        );
        assert!(
            out.contains("ALTER TYPE t_k RENAME TO t_k_2;\nCREATE TABLE t_k ("),
            "{out}"
        );
        assert!(out.contains("CREATE INDEX t_k_idx_2 ON t (k);"), "{out}");
        assert!(
            out.contains("COPY t (id, k) FROM stdin;\n1\tb\n2\t\n"),
            "{out}"
        );
        assert!(notes.is_empty(), "{notes:?}");
        // --enum-as-check: today's text + CHECK, no type
        let (out, _) = run(
            Options {
                enum_as_check: true,
                ..Options::default()
            },
            1,
            &sql,
        );
        assert!(
            out.contains("k text DEFAULT 'a' CHECK (k IN ('a','b',''))"),
            "{out}"
        );
        assert!(!out.contains("CREATE TYPE"), "{out}");
        // a --cast wins over both
        let (out, _) = run(
            Options {
                casts: vec!["t.k=varchar(5)".parse().expect("cast")],
                ..Options::default()
            },
            1,
            &sql,
        );
        assert!(out.contains("k varchar(5) DEFAULT 'a',"), "{out}");
        assert!(!out.contains("CREATE TYPE"), "{out}");
    }

    #[test]
    fn unsigned_bigint_auto_increment_keeps_numeric_for_foreign_keys() {
        // an identity would be bigint: 2^64 - 1 would not load, and a foreign key from
        // a `bigint unsigned` (numeric(20)) column could not be made
        let sql = format!(
            "{HEAD}CREATE TABLE `a` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, `p` bigint unsigned, PRIMARY KEY (`id`), CONSTRAINT `f` FOREIGN KEY (`p`) REFERENCES `a` (`id`)) AUTO_INCREMENT=50;\n\
             INSERT INTO `a` VALUES (1,NULL),(18446744073709551615,1);\n"
        );
        let (out, _) = run(Options::default(), 1, &sql);
        for want in [
            "CREATE SEQUENCE IF NOT EXISTS a_id_seq;\nCREATE TABLE a (",
            "id numeric(20) DEFAULT nextval('a_id_seq'::regclass) NOT NULL,",
            "p numeric(20),",
            "18446744073709551615\t1\n",
            "ALTER SEQUENCE a_id_seq OWNED BY a.id;",
            "LEAST(GREATEST(50, COALESCE(max(id), 0) + 1), 9223372036854775807)::bigint, false) FROM a;",
            "FOREIGN KEY (p) REFERENCES a (id)",
        ] {
            assert!(out.contains(want), "{want}\nnot in:\n{out}");
        }
    }

    #[test]
    fn geometry_columns_become_bytea_with_a_finding() {
        let sql = format!(
            "{HEAD}CREATE TABLE `g` (`id` int, `at` point NOT NULL, `shape` geometry, SPATIAL KEY (`at`));\n\
             INSERT INTO `g` VALUES (1,_binary 0x000000000101000000000000000000F03F0000000000000040,NULL);\n"
        );
        let (out, notes) = run(Options::default(), 1, &sql);
        assert!(out.contains("at bytea NOT NULL,"), "{out}");
        assert!(out.contains("shape bytea"), "{out}");
        assert!(
            out.contains("1\t\\\\x000000000101000000000000000000f03f0000000000000040\t\\N"),
            "{out}"
        );
        let codes: Vec<&str> = notes.iter().map(|n| n.rule.code).collect();
        assert!(codes.contains(&"C016"), "{codes:?}");
        assert!(codes.contains(&"C007"), "the spatial key: {codes:?}");
    }

    #[test]
    fn keep_case_quotes_every_name() {
        let sql = format!(
            "{HEAD}DROP TABLE IF EXISTS `MixedCase`;\nCREATE TABLE `MixedCase` (\n  `Id` int NOT NULL AUTO_INCREMENT,\n  `Rating` enum('G','PG') DEFAULT 'G',\n  `Title` varchar(20) DEFAULT NULL COMMENT 'the title',\n  `Upd` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),\n  `Par` int DEFAULT NULL,\n  PRIMARY KEY (`Id`),\n  KEY `ByTitle` (`Title`),\n  FULLTEXT KEY `Ft` (`Title`),\n  CONSTRAINT `FkSelf` FOREIGN KEY (`Par`) REFERENCES `MixedCase` (`Id`)\n);\n\
             INSERT INTO `MixedCase` (`Id`, `Rating`, `Title`, `Upd`, `Par`) VALUES (1,'G','x','2020-01-01 00:00:00',NULL);\n"
        );
        let (out, notes) = run(
            Options {
                keep_case: true,
                ..Options::default()
            },
            1,
            &sql,
        );
        assert!(notes.is_empty(), "{notes:?}");
        for want in [
            "DROP TABLE IF EXISTS \"MixedCase\" CASCADE;",
            "CREATE TYPE \"MixedCase_Rating\" AS ENUM ('', 'G', 'PG');",
            "\"Id\" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,",
            "\"Rating\" \"MixedCase_Rating\" DEFAULT 'G',",
            "PRIMARY KEY (\"Id\")",
            "COPY \"MixedCase\" (\"Id\", \"Rating\", \"Title\", \"Upd\", \"Par\") FROM stdin;",
            "pg_get_serial_sequence('\"MixedCase\"', 'Id'), COALESCE(max(\"Id\"), 0) + 1, false) FROM \"MixedCase\";",
            "COMMENT ON COLUMN \"MixedCase\".\"Title\" IS 'the title';",
            "CREATE TRIGGER \"MixedCase_Upd_on_update\" BEFORE UPDATE ON \"MixedCase\"",
            "CREATE INDEX \"MixedCase_ByTitle\" ON \"MixedCase\" (\"Title\");",
            "CREATE INDEX \"MixedCase_Ft\" ON \"MixedCase\" USING gin (to_tsvector('simple', coalesce((\"Title\")::text, '')));",
            "ALTER TABLE \"MixedCase\" ADD CONSTRAINT \"MixedCase_FkSelf\" FOREIGN KEY (\"Par\") REFERENCES \"MixedCase\" (\"Id\");",
        ] {
            assert!(out.contains(want), "{want}\nnot in:\n{out}");
        }
        // by default: all lower case, no quotes
        let (out, _) = run(Options::default(), 1, &sql);
        assert!(
            out.contains("CREATE TYPE mixedcase_rating AS ENUM"),
            "{out}"
        );
        assert!(
            out.contains("COPY mixedcase (id, rating, title, upd, par) FROM stdin;"),
            "{out}"
        );
        assert!(!out.contains('"'), "{out}");
    }

    #[test]
    fn generated_values_leave_the_copy_rows() {
        // mariadb-dump writes the values of generated columns, with and without a
        // column list; PostgreSQL refuses them
        let sql = format!(
            "{HEAD}CREATE TABLE `g` (\n  `a` int(11) DEFAULT NULL,\n  `b` int(11) GENERATED ALWAYS AS (`a` * 2) VIRTUAL,\n  `c` varchar(10) GENERATED ALWAYS AS (date_format(current_timestamp(),'%Y')) VIRTUAL,\n  `d` varchar(20) AS (concat('x',`a`)) PERSISTENT,\n  `e` int(11) GENERATED ALWAYS AS (if(`a` is not null, 1, 0)) STORED NOT NULL\n) DEFAULT CHARSET=utf8mb4;\n\
             INSERT INTO `g` VALUES (1,2,'2026','x1',1),(NULL,NULL,'2026',NULL,0);\n\
             INSERT INTO `g` VALUES (7,14,'2026','x7',1);\n\
             INSERT INTO `g` (`a`, `b`, `c`, `d`, `e`) VALUES (3,6,'2026','x3',1);\n\
             INSERT INTO `g` (`a`, `c`) VALUES (4,'2026');\n"
        );
        for threads in [1, 3] {
            let (out, notes) = run(Options::default(), threads, &sql);
            assert!(
                out.contains(
                    "b integer GENERATED ALWAYS AS ((CASE WHEN ((a)::bigint * 2) < -2147483648"
                ),
                "{out}"
            );
            assert!(out.contains("    c character varying(10),\n"), "{out}");
            assert!(out.contains("d character varying(20) GENERATED ALWAYS AS (left(('x' || (a)::text), 20)) STORED"), "{out}");
            // NOT NULL after the expression, and `is not null` inside it is no NOT NULL
            assert!(out.contains("e integer GENERATED ALWAYS AS ((CASE WHEN (CASE WHEN (a IS NOT NULL) THEN 1 ELSE 0 END) < -2147483648"), "{out}");
            assert!(out.contains("ELSE 0 END) END)) STORED NOT NULL"), "{out}");
            assert!(
                out.contains(
                    "COPY g (a, c) FROM stdin;\n1\t2026\n\\N\t2026\n7\t2026\n3\t2026\n\\.\n"
                ),
                "{out}"
            );
            assert!(
                out.contains("COPY g (a, c) FROM stdin;\n4\t2026\n"),
                "{out}"
            );
            assert_eq!(notes.len(), 1, "{notes:?}");
            assert!(
                notes[0].message.contains("generated column g.c: ")
                    && notes[0]
                        .message
                        .contains("a plain column holding the dumped values")
                    && notes[0].message.contains("not immutable")
                    && notes[0].rule.code == "C012",
                "{notes:?}"
            );
        }
    }

    #[test]
    fn casts_follow_pgloader() {
        let c = |s: &str| cast(&parse_type(s.as_bytes()).expect("type")).0;
        assert_eq!(c("tinyint(1)"), "boolean");
        assert_eq!(c("BOOLEAN"), "boolean");
        assert_eq!(c("tinyint(4)"), "smallint");
        assert_eq!(c("int(10) unsigned"), "bigint");
        assert_eq!(c("bigint(20) unsigned"), "numeric(20)");
        assert_eq!(c("decimal(10,2)"), "numeric(10,2)");
        assert_eq!(c("varchar(75)"), "character varying(75)");
        assert_eq!(c("longtext"), "text");
        assert_eq!(c("longblob"), "bytea");
        assert_eq!(c("datetime(6)"), "timestamp without time zone");
        assert_eq!(c("year(4)"), "integer");
        assert_eq!(c("set('a','b')"), "text[]");
        assert_eq!(c("json"), "jsonb");
        assert_eq!(c("double"), "double precision");
        assert_eq!(c("float"), "real");
    }
}
