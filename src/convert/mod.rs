//! MySQL → PostgreSQL conversion of a dump, offline and streamed: `CREATE TABLE`s
//! with pgloader's default casts, extended INSERTs as `COPY … FROM stdin` blocks
//! (row by row), keys and foreign keys after the data, sequences set past the data,
//! then views; triggers where the dump defines them (`views.rs`). Statements that
//! cannot be translated exactly (stored routines, views and triggers using MySQL-only
//! functions, …) are written commented out, with a finding at their line.

mod translate;
pub mod values;
mod views;

use std::collections::HashMap;

use crate::lex::driver::PieceRef;
use crate::lex::{Dialect, Kind};
use crate::rewrite::par::{threads as par_threads, Pool, RowWork};
use crate::sql::coltype::{parse_type, ColType};
use crate::sql::table;
use crate::sql::{self, Tok, Tokens};
use values::Kind as VKind;

/// `bytes` without the MySQL executable comments MariaDB skips: `/*!NNNNN … */`
/// for MySQL 5.7 and later (NNNNN ≥ 50700), such as sakila's
/// `/*!50705 location GEOMETRY … */` column and its values. The converter follows
/// what MariaDB loads.
pub fn without_mysql57_comments(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if memchr::memmem::find(bytes, b"/*!5").is_none() {
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
                if bytes[i] == b'\\' && b != b'`' {
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

/// The table (as written) and PostgreSQL column names of an INSERT head.
fn insert_head_target(bytes: &[u8]) -> Option<(String, Option<Vec<String>>)> {
    let t = sql::tokenize(bytes, Dialect::Mysql, true);
    let (rel, cols) = table::insert_target(&t)?;
    let cols = cols.map(|c| c.into_iter().map(|i| pg_ident(&t.name(i))).collect());
    Some((t.name(rel), cols))
}

/// Something the conversion changed or could not do, with where.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Note {
    /// 1-based line in the MySQL dump.
    pub line: u64,
    /// What.
    pub message: String,
    /// How many times (per table and column for data).
    pub count: u64,
}

/// Choices of one conversion.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `datetime`/`timestamp` → `timestamptz` (values read as UTC) instead of `timestamp`.
    pub timestamptz: bool,
    /// `--cast`: `(table, column)` or `(mysql type, "")` → PostgreSQL type.
    pub casts: Vec<Cast>,
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
    name: String,
    kind: VKind,
}

/// A converted table.
#[derive(Clone, Debug)]
struct Table {
    name: String,
    columns: Vec<Column>,
    /// Primary key columns (PostgreSQL names), as the converted table declares them.
    pk: Vec<String>,
}

/// The converter.
pub struct Converter {
    tables: HashMap<String, Table>,
    /// Indexes, foreign keys and sequence updates, written after the data.
    post: Vec<u8>,
    /// The INSERT being turned into COPY rows: table, column names, and the work
    /// that converts each tuple.
    copy: Option<(String, TupleWork)>,
    /// Threads converting tuples (1: on the calling thread).
    threads: usize,
    /// The tuple-converting threads, started at the first tuple.
    pool: Option<Pool<TupleWork>>,
    notes: Vec<Note>,
    note_index: HashMap<String, usize>,
    started: bool,
    index_names: HashMap<String, u32>,
    row: Vec<u8>,
    stats: values::Stats,
    /// A COPY block is open (its INSERT ended; the next may continue it).
    open: bool,
    /// Foreign keys: referenced table, line, statement (made at the end when the
    /// referenced table is in the dump).
    fks: Vec<(String, u64, String)>,
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
    let lower = name.to_lowercase();
    let plain = lower
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && lower
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'$')
        && !RESERVED.contains(&lower.as_str());
    let short = truncate_ident(&lower);
    if plain {
        short
    } else {
        format!("\"{}\"", short.replace('"', "\"\""))
    }
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
        "enum" => (s("text"), VKind::Text),
        "set" => (s("text[]"), VKind::Set),
        _ => (s("text"), VKind::Text),
    }
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

/// The column names in the parenthesis opened at `open` (prefix lengths dropped).
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
            cols.push(pg_ident(&t.name(i)));
        }
    }
    Some((cols, close))
}

/// The first line of `convert`'s output (detection reads it as PostgreSQL).
pub const HEADER_MARK: &[u8] = b"-- Converted from MySQL by dumpfix convert --to postgresql";

/// Converts the tuples of one INSERT into COPY rows, on any thread.
#[derive(Clone)]
pub struct TupleWork {
    kinds: std::sync::Arc<[VKind]>,
    cols: std::sync::Arc<[String]>,
    stats: values::Stats,
}

/// What is wrong with a tuple.
pub enum RowBad {
    /// The value of a column (`table.column`) could not be converted (written as NULL).
    Value(String, values::Problem),
    /// The tuple has `.0` values for `.1` columns.
    Count(usize, usize),
}

impl RowWork for TupleWork {
    type Bad = RowBad;
    type Summary = values::Stats;

    fn row(&mut self, bytes: &[u8], out: &mut Vec<u8>, bad: &mut Vec<RowBad>) {
        let mut n = 0;
        let kinds = &self.kinds;
        let stats = &mut self.stats;
        let bytes = without_mysql57_comments(bytes);
        crate::rules::data_values::each_value(&bytes, |i, v| {
            if i > 0 {
                out.push(b'\t');
            }
            let k = kinds.get(i).copied().unwrap_or(VKind::Text);
            let mark = out.len();
            if let Err(e) = values::to_copy(v, k, out, stats) {
                out.truncate(mark);
                out.extend_from_slice(b"\\N");
                let col = self.cols.get(i).map_or("?", String::as_str);
                bad.push(RowBad::Value(col.to_string(), e));
            }
            n = i + 1;
        });
        out.push(b'\n');
        if n != kinds.len() {
            bad.push(RowBad::Count(n, kinds.len()));
        }
    }

    fn summary(&mut self) -> values::Stats {
        std::mem::take(&mut self.stats)
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
            tables: HashMap::new(),
            post: Vec::new(),
            copy: None,
            notes: Vec::new(),
            note_index: HashMap::new(),
            started: false,
            index_names: HashMap::new(),
            row: Vec::new(),
            stats: values::Stats::default(),
            open: false,
            fks: Vec::new(),
            threads: 1,
            pool: None,
            db: None,
            views: Vec::new(),
            late_triggers: Vec::new(),
            late_trigger_tables: HashMap::new(),
            trigger_kinds: HashMap::new(),
        }
    }

    /// Convert tuples on `n` threads besides the calling one (0: one per core; 1, the
    /// default: on the calling thread). The output is the same.
    pub fn set_threads(&mut self, n: usize) {
        self.threads = par_threads(n);
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
                self.note(&format!("val@{col}"), line, || {
                    format!("{col}: {e}: written as NULL")
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
        if whole && self.threads > 1 {
            if let Some((table, work)) = &self.copy {
                if self.pool.is_none() {
                    self.pool = Pool::start(self.threads, true);
                }
                if let Some(pool) = self.pool.as_mut() {
                    pool.row(work, table, p.bytes, p.line, p.offset, out)?;
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

    fn note(&mut self, key: &str, line: u64, message: impl FnOnce() -> String) {
        if let Some(&i) = self.note_index.get(key) {
            self.notes[i].count += 1;
            return;
        }
        self.note_index.insert(key.to_string(), self.notes.len());
        self.notes.push(Note {
            line,
            message: message(),
            count: 1,
        });
    }

    /// What was changed or not converted.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    fn piece_inner(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        if !self.started {
            self.started = true;
            out(HEADER_MARK)?;
            out(b"\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nSET check_function_bodies = false;\nSET TIME ZONE 'UTC';\n\n")?;
        }
        // Consecutive INSERTs into the same table share one COPY block: it stays
        // open across the blanks between them.
        let head = (p.kind() == Kind::InsertHead && !p.piece.partial && !p.piece.continued)
            .then(|| insert_head_target(p.bytes))
            .flatten();
        let keeps_open = matches!(p.kind(), Kind::Blank | Kind::Tuple | Kind::InsertTail)
            || head.as_ref().is_some_and(|h| self.same_insert(h));
        if self.open && !keeps_open {
            out(b"\\.\n\n")?;
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
                    out(p.bytes)?;
                }
                Ok(())
            }
            Kind::Command => Ok(()), // DELIMITER, the MariaDB sandbox line
            Kind::Statement => {
                if p.piece.partial || p.piece.continued {
                    if !p.piece.continued {
                        self.note(&format!("big@{}", p.line), p.line, || {
                            "statement larger than the window: not converted".into()
                        });
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
            Kind::CopyRow | Kind::CopyEnd => out(p.bytes),
        }
    }

    fn statement(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        let bytes = without_mysql57_comments(p.bytes);
        let t = sql::tokenize(&bytes, Dialect::Mysql, true);
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
            ("SET", _)
            | ("LOCK", _)
            | ("UNLOCK", _)
            | ("START", _)
            | ("COMMIT", _)
            | ("BEGIN", _) => Ok(()),
            ("ALTER", "TABLE") if t.len() < 12 && (0..t.len()).any(|i| t.is_kw(i, "KEYS")) => {
                Ok(()) // DISABLE / ENABLE KEYS
            }
            ("DROP", "DATABASE") | ("CREATE", "DATABASE") | ("CREATE", "SCHEMA") => Ok(()),
            ("DROP", "TABLE") => {
                let refs = table::name_refs(&t);
                let names: Vec<String> = refs
                    .iter()
                    .filter_map(|r| r.relation().map(|i| pg_ident(&t.name(i))))
                    .collect();
                if names.is_empty() {
                    return Ok(());
                }
                // a MySQL 5 view stand-in is a table dropped before the view is made
                for r in &refs {
                    if let Some(i) = r.relation() {
                        self.tables.remove(&t.name(i).to_lowercase());
                    }
                }
                out(format!("DROP TABLE IF EXISTS {} CASCADE;\n", names.join(", ")).as_bytes())
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
                out(format!("DROP {kind} IF EXISTS {}{cascade};\n", names.join(", ")).as_bytes())
            }
            ("CREATE", "TABLE") | ("CREATE", "TEMPORARY") => self.create_table(&t, p, out),
            ("CREATE", _) => match views::created_kind(&t) {
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
                out(tr.sql.as_bytes())
            }
            Err(b) if b.missing.is_some() && !last => {
                let table = trig.table_name.to_string().to_lowercase();
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
        self.note(&format!("stmt@{line}"), line, || {
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
        out(&s)
    }

    /// The views, each after those it reads; those not translated commented out.
    fn finish_views(&mut self, out: &mut crate::rewrite::Sink<'_>) -> crate::Result<()> {
        let mut pending = std::mem::take(&mut self.views);
        if pending.is_empty() {
            return Ok(());
        }
        out(b"\n-- views\n")?;
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
                        out(sql.sql.as_bytes())?;
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
        self.note(&format!("stmt@{}", p.line), p.line, || {
            format!("{what} is not converted: written commented out")
        });
        let mut s = format!("-- dumpfix: not converted (MySQL line {}):\n", p.line).into_bytes();
        for line in p.bytes.split(|&b| b == b'\n') {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            s.extend_from_slice(b"-- ");
            s.extend_from_slice(line);
            s.push(b'\n');
        }
        out(&s)
    }

    /// A name for an index or constraint of `table`, unique in the schema and at
    /// most 63 bytes (PostgreSQL would cut longer ones and make them collide).
    fn index_name(&mut self, table: &str, name: &str) -> String {
        let base = truncate_ident(&format!(
            "{}_{}",
            table.trim_matches('"'),
            name.to_lowercase()
        ));
        let mut candidate = base.clone();
        let mut n = 1;
        while self.index_names.contains_key(&candidate) {
            n += 1;
            let suffix = format!("_{n}");
            let mut keep = base.len().min(63 - suffix.len());
            while !base.is_char_boundary(keep) {
                keep -= 1;
            }
            candidate = format!("{}{suffix}", &base[..keep]);
        }
        self.index_names.insert(candidate.clone(), 1);
        pg_ident(&candidate)
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
        let tname = pg_ident(&raw);
        let mut cols_sql: Vec<String> = Vec::new();
        let mut columns = Vec::new();
        let mut post = String::new();
        let mut pk = Vec::new();
        for &(s, e) in &elements {
            match element_kind(t, s) {
                None => {
                    let Some(cd) = table::column_def(t, s, e) else {
                        continue;
                    };
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
                    if let Some(to) = chosen {
                        kind = kind_of_pg_type(&to);
                        pg_type = to;
                    }
                    let cname = pg_ident(&cd.name);
                    let mut def = format!("{cname} {pg_type}");
                    let has = |kw: &str| (s..e).any(|i| t.is_kw(i, kw));
                    let not_null = (s..e).any(|i| t.is_kw(i, "NOT") && t.is_kw(i + 1, "NULL"));
                    if has("AUTO_INCREMENT") {
                        if pg_type.starts_with("numeric") {
                            // bigint unsigned auto_increment: an identity must be an integer
                            def = format!("{cname} bigint");
                        }
                        def.push_str(" GENERATED BY DEFAULT AS IDENTITY");
                        post.push_str(&format!(
                            "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('{tq}', '{cq}'), COALESCE(max({cname}), 0) + 1, false) FROM {tname};\n",
                            tq = tname.replace('\'', "''"),
                            cq = cname.trim_matches('"').replace('\'', "''"),
                        ));
                    } else if let Some((a, b)) = cd.default_span {
                        if let Some(d) = default_value(&t.src[a..b], kind) {
                            def.push_str(" DEFAULT ");
                            def.push_str(&d);
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
                    if let (Some(ty), true) = (&ty, ty.as_ref().is_some_and(|x| x.base == "enum")) {
                        if let Some(args) = &ty.args {
                            def.push_str(&format!(" CHECK ({cname} IN ({}))", enum_members(args)));
                        }
                    }
                    if (s..e).any(|i| {
                        t.is_kw(i, "GENERATED") || (t.is_kw(i, "AS") && t.is_punct(i + 1, "("))
                    }) {
                        self.note(&format!("gen@{}.{}", raw, cd.name), p.line, || {
                            format!(
                                "generated column {raw}.{} is converted as a plain column",
                                cd.name
                            )
                        });
                    }
                    // ON UPDATE CURRENT_TIMESTAMP: a trigger does it on PostgreSQL
                    let on_update = (s..e).any(|i| {
                        t.is_kw(i, "ON")
                            && t.is_kw(i + 1, "UPDATE")
                            && (t.is_kw(i + 2, "CURRENT_TIMESTAMP") || t.is_kw(i + 2, "NOW"))
                    });
                    if on_update {
                        let bare_t = tname.trim_matches('"');
                        let bare_c = cname.trim_matches('"');
                        let func = pg_ident(&format!("on_update_{bare_t}_{bare_c}"));
                        let trig = pg_ident(&format!("{bare_t}_{bare_c}_on_update"));
                        post.push_str(&format!(
                            "CREATE FUNCTION {func}() RETURNS trigger LANGUAGE plpgsql AS $dumpfix$ BEGIN IF NEW IS DISTINCT FROM OLD AND NEW.{cname} IS NOT DISTINCT FROM OLD.{cname} THEN NEW.{cname} := CURRENT_TIMESTAMP; END IF; RETURN NEW; END $dumpfix$;\nCREATE TRIGGER {trig} BEFORE UPDATE ON {tname} FOR EACH ROW EXECUTE FUNCTION {func}();\n"
                        ));
                    }
                    // COMMENT 'text' → COMMENT ON COLUMN
                    if let Some(c) = (s..e).find(|&i| t.is_kw(i, "COMMENT")) {
                        if t.toks.get(c + 1).is_some_and(|x| x.kind == Tok::Str) {
                            if let Some(text) = sql_string(t.text(c + 1)) {
                                post.push_str(&format!(
                                    "COMMENT ON COLUMN {tname}.{cname} IS {text};\n"
                                ));
                            }
                        }
                    }
                    cols_sql.push(def);
                    columns.push(Column { name: cname, kind });
                }
                Some("PRIMARY") => {
                    let open = (s..e).find(|&i| t.is_punct(i, "("));
                    if let Some((cols, _)) = open.and_then(|o| column_list(t, o)) {
                        cols_sql.push(format!("PRIMARY KEY ({})", cols.join(", ")));
                        pk = cols;
                    }
                }
                Some(k @ ("UNIQUE" | "KEY" | "INDEX")) => {
                    let unique = k == "UNIQUE";
                    let open = (s..e).find(|&i| t.is_punct(i, "("));
                    let name = (s + 1..open.unwrap_or(e))
                        .find(|&i| t.is_ident(i) && !t.is_kw(i, "KEY") && !t.is_kw(i, "INDEX"))
                        .map(|i| t.name(i))
                        .unwrap_or_else(|| "idx".to_string());
                    if let Some((cols, _)) = open.and_then(|o| column_list(t, o)) {
                        let iname = self.index_name(&tname, &name);
                        post.push_str(&format!(
                            "CREATE {}INDEX {iname} ON {tname} ({});\n",
                            if unique { "UNIQUE " } else { "" },
                            cols.join(", ")
                        ));
                    }
                }
                Some("CONSTRAINT") if (s..e).any(|i| t.is_kw(i, "PRIMARY")) => {
                    let open = (s..e).find(|&i| t.is_punct(i, "("));
                    if let Some((cols, _)) = open.and_then(|o| column_list(t, o)) {
                        cols_sql.push(format!("PRIMARY KEY ({})", cols.join(", ")));
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
                        let iname = self.index_name(&tname, &name);
                        post.push_str(&format!(
                            "CREATE UNIQUE INDEX {iname} ON {tname} ({});\n",
                            cols.join(", ")
                        ));
                    }
                }
                Some("CONSTRAINT" | "FOREIGN") => {
                    let fk = (s..e).find(|&i| t.is_kw(i, "FOREIGN"));
                    let Some(fk) = fk else {
                        // CONSTRAINT x UNIQUE / CHECK: CHECK expressions are MySQL
                        self.note(&format!("cons@{}", p.line), p.line, || {
                            format!("a constraint of {raw} is not converted")
                        });
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
                    let iname = self.index_name(&tname, &cname);
                    self.fks.push((
                        t.name(rt).to_lowercase(),
                        p.line,
                        format!(
                            "ALTER TABLE {tname} ADD CONSTRAINT {iname} FOREIGN KEY ({}) REFERENCES {} ({}){tail};\n",
                            cols.join(", "),
                            pg_ident(&t.name(rt)),
                            rcols.join(", ")
                        ),
                    ));
                }
                Some(other) => {
                    self.note(&format!("idx@{}.{}", raw, s), p.line, || {
                        format!("{other} index of {raw} is not converted")
                    });
                }
            }
        }
        let mut sql = format!(
            "CREATE TABLE {tname} (\n    {}\n);\n",
            cols_sql.join(",\n    ")
        );
        if (0..t.len()).any(|i| t.is_kw(i, "COMMENT")) {
            // table comments: COMMENT='…' after the body
            let body_end = elements.last().map_or(0, |&(_, e)| e);
            if let Some(c) = (body_end..t.len()).find(|&i| t.is_kw(i, "COMMENT")) {
                let v = if t.is_punct(c + 1, "=") { c + 2 } else { c + 1 };
                if v < t.len() && t.toks[v].kind == Tok::Str {
                    if let Some(text) = sql_string(t.text(v)) {
                        sql.push_str(&format!("COMMENT ON TABLE {tname} IS {text};\n"));
                    }
                }
            }
        }
        self.post.extend_from_slice(post.as_bytes());
        self.tables.insert(
            raw.to_lowercase(),
            Table {
                name: tname,
                columns,
                pk,
            },
        );
        out(sql.as_bytes())
    }

    fn insert_head(
        &mut self,
        (raw, explicit): (String, Option<Vec<String>>),
        p: &PieceRef<'_>,
        out: &mut crate::rewrite::Sink<'_>,
    ) -> crate::Result<()> {
        if let Some(trig) = self.late_trigger_tables.get(&raw.to_lowercase()) {
            let trig = trig.clone();
            self.note(&format!("late@{raw}"), p.line, || {
                format!("rows of {raw} after trigger {trig}, which is created at the end (it refers to a table defined later): MySQL fired it for them, PostgreSQL does not")
            });
        }
        let table = self.tables.get(&raw.to_lowercase()).cloned();
        let (name, cols, kinds) = match (table, explicit) {
            (Some(tb), Some(cols)) => {
                let kinds = cols
                    .iter()
                    .map(|c| {
                        tb.columns
                            .iter()
                            .find(|x| &x.name == c)
                            .map_or(VKind::Text, |x| x.kind)
                    })
                    .collect();
                (tb.name, cols, kinds)
            }
            (Some(tb), None) => (
                tb.name.clone(),
                tb.columns.iter().map(|c| c.name.clone()).collect(),
                tb.columns.iter().map(|c| c.kind).collect(),
            ),
            (None, Some(cols)) => {
                let n = cols.len();
                (pg_ident(&raw), cols, vec![VKind::Text; n])
            }
            (None, None) => {
                self.note(&format!("notable@{raw}"), p.line, || {
                    format!("INSERT into {raw}, whose CREATE TABLE is not in the dump, without a column list: not converted")
                });
                return Ok(());
            }
        };
        out(format!("COPY {name} ({}) FROM stdin;\n", cols.join(", ")).as_bytes())?;
        let work = TupleWork {
            kinds: kinds.into(),
            cols: cols.into(),
            stats: values::Stats::default(),
        };
        self.copy = Some((name, work));
        Ok(())
    }

    fn tuple(&mut self, p: &PieceRef<'_>, out: &mut crate::rewrite::Sink<'_>) -> crate::Result<()> {
        let Some((table, work)) = self.copy.as_mut() else {
            return Ok(());
        };
        if p.piece.partial || p.piece.continued {
            return Err(crate::Error::Usage(format!(
                "line {}: a row of {table} is larger than the window; raise --window to convert it",
                p.line
            )));
        }
        self.row.clear();
        let mut bad = Vec::new();
        work.row(p.bytes, &mut self.row, &mut bad);
        self.stats.add(work.summary());
        if bad.is_empty() {
            return out(&self.row);
        }
        let table = table.clone();
        if !bad.iter().any(|b| matches!(b, RowBad::Count(..))) {
            out(&self.row)?;
        }
        for b in bad {
            self.row_bad(&table, b, p.line)?;
        }
        Ok(())
    }

    /// An INSERT head into the table and columns of the open COPY block.
    fn same_insert(&self, (raw, explicit): &(String, Option<Vec<String>>)) -> bool {
        let (Some((name, work)), true) = (&self.copy, self.open) else {
            return false;
        };
        let Some(tb) = self.tables.get(&raw.to_lowercase()) else {
            return false;
        };
        &tb.name == name
            && match explicit {
                Some(c) => c[..] == work.cols[..],
                None => tb.columns.iter().map(|c| &c.name).eq(work.cols.iter()),
            }
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

    fn finish_inner(&mut self, out: &mut crate::rewrite::Sink<'_>) -> crate::Result<()> {
        self.open = false;
        if self.copy.take().is_some() {
            out(b"\\.\n\n")?;
        }
        for (target, line, sql) in std::mem::take(&mut self.fks) {
            if self.tables.contains_key(&target) {
                self.post.extend_from_slice(sql.as_bytes());
            } else {
                self.note(&format!("fk@{line}"), line, || {
                    format!("foreign key to {target}, which is not in the dump: not created")
                });
            }
        }
        if !self.post.is_empty() {
            out(b"\n-- keys, foreign keys and sequences, after the data\n")?;
            out(&self.post)?;
        }
        for (line, raw, trig) in std::mem::take(&mut self.late_triggers) {
            self.emit_trigger(line, &raw, trig, true, out)?;
        }
        self.finish_views(out)?;
        let s = self.stats;
        if s.nul_removed > 0 {
            self.note("nul", 0, || {
                format!("{} NUL bytes removed from text", s.nul_removed)
            });
        }
        if s.zero_dates > 0 {
            self.note("zero", 0, || {
                format!("{} zero dates written as NULL", s.zero_dates)
            });
        }
        Ok(())
    }
}

/// A MySQL column default as a PostgreSQL one, when it translates.
fn default_value(d: &[u8], kind: VKind) -> Option<String> {
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
    values::to_copy(d, kind, &mut out, &mut st).ok()?;
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
fn enum_members(args: &str) -> String {
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
                        None => return args.to_string(),
                        Some(b'\\') => i += 2,
                        Some(&c) if c == q && b.get(i + 1) == Some(&q) => i += 2,
                        Some(&c) if c == q => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
                match sql_string(&b[start..i]) {
                    Some(m) => members.push(m),
                    None => return args.to_string(),
                }
            }
            _ => return args.to_string(),
        }
    }
    members.push("''".to_string());
    members.join(",")
}

/// A MySQL string literal as a PostgreSQL one (`'…'` with `''` doubling).
fn sql_string(lit: &[u8]) -> Option<String> {
    let mut text = Vec::new();
    let mut st = values::Stats::default();
    values::to_copy(lit, VKind::Text, &mut text, &mut st).ok()?;
    Some(format!("'{}'", unescape_copy(&text).replace('\'', "''")))
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
