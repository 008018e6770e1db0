//! MySQL → PostgreSQL conversion of a dump, offline and streamed: `CREATE TABLE`s
//! with pgloader's default casts, extended INSERTs as `COPY … FROM stdin` blocks
//! (row by row), keys and foreign keys after the data, sequences set past the data,
//! then views; triggers where the dump defines them (`views.rs`). Statements that
//! cannot be translated exactly (stored routines, views and triggers using MySQL-only
//! functions, …) are written commented out, with a finding at their line.
//!
//! DDL beyond types: an `enum` becomes a `CREATE TYPE … AS ENUM` per column (or text
//! with a CHECK), `FULLTEXT` keys GIN indexes on `to_tsvector('simple', …)`, generated
//! columns `GENERATED ALWAYS AS (…) STORED` when the translator's generation mode
//! (`translate/stored.rs`) translates them exactly
//! (their dumped values are then left out of the COPY rows). Names are lower-cased
//! (or kept with `keep_case`), quoted where PostgreSQL needs it, cut to 63 bytes, and
//! made unique in the schema for tables, types and indexes.

//!
//! The files: this one drives the conversion (the [`Converter`], its pieces and
//! statements, what is written at the end); `ident.rs` names, `types.rs` column
//! types and DDL values, `charset.rs` character sets, `ddl.rs` `CREATE TABLE` and
//! sequences, `rows.rs` INSERTs as COPY rows (`bigrow.rs` rows larger than the
//! window, `values.rs` each value), `views.rs` views and triggers (`translate.rs` the
//! SQL of views, triggers and generation expressions).

mod bigrow;
mod charset;
mod ddl;
mod ident;
mod rows;
mod translate;
mod types;
pub mod values;
mod views;

pub use charset::mysql_charset;
pub use ident::{pg_ident, pg_ident_case, quote_ident};
pub use rows::{RowBad, TupleWork};
pub use types::Cast;

use std::collections::{HashMap, HashSet};

use crate::lex::driver::{Ahead, PieceRef};
use compact_str::CompactString;

use crate::finding::{Finding, Findings};
use crate::lex::{Dialect, Kind};
use crate::namemap::NameMap;
use crate::pool::{threads as par_threads, Pool};
use crate::rules::conversion as C;
use crate::sql::table;
use crate::sql::{self, Tokens};
use charset::ClientCharset;
use ident::Taken;
use rows::insert_head_target;
use values::ValueKind;

/// Choices of one conversion.
#[derive(Clone, Debug, Default)]
pub struct ConvertOptions {
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

/// A converted column.
#[derive(Clone, Debug)]
struct Column {
    /// The MySQL name, lower case (MySQL column names ignore case). Names of up to
    /// 24 bytes are kept inline, without an allocation of their own (a dump may create
    /// a million tables, and their columns are kept to the end of the dump).
    raw: CompactString,
    /// The PostgreSQL name as written in SQL, when it is not `raw` (it mostly is: one
    /// copy is kept, as a table's columns stay to the end of the dump).
    pg: Option<Box<str>>,
    kind: ValueKind,
    /// What it holds, for generation expressions.
    ty: translate::Ty,
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
    name: CompactString,
    columns: Box<[Column]>,
    /// Primary key columns (PostgreSQL names), as the converted table declares them.
    pk: Box<[CompactString]>,
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
        kind: ValueKind,
        ty: translate::Ty,
        real: bool,
        utf8: bool,
        generated: bool,
        not_null: bool,
    ) -> Self {
        let pg = (name != raw).then(|| name.into_boxed_str());
        Column {
            raw: CompactString::from(raw),
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

/// The converter.
pub struct Converter {
    /// The dump's client character set (`SET NAMES`).
    charset: ClientCharset,
    tables: NameMap<Table>,
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
    /// What the conversion changed or could not do (C001-C016), merged by rule and
    /// subject.
    findings: Findings,
    /// Generated columns converted as plain ones.
    plain_gens: Vec<PlainGen>,
    started: bool,
    /// Names taken in the schema (unquoted): tables, types, indexes, and the names
    /// PostgreSQL gives primary keys and identity sequences.
    names: Taken,
    /// PostgreSQL name (unquoted) of each MySQL table (lower case); None when it is
    /// the key itself (mostly: one copy of the name a table).
    table_names: NameMap<Option<Box<str>>>,
    /// Enum types made (unquoted names).
    types: HashSet<String>,
    /// Tables (lower case) the dump drops before creating them.
    dropped: NameMap<()>,
    row: Vec<u8>,
    stats: values::Stats,
    /// A COPY block is open (its INSERT ended; the next may continue it).
    open: bool,
    fks: Vec<ForeignKey>,
    opts: ConvertOptions,
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
    /// Offset and length of the last whole INSERT head (for the tuples taken ahead).
    head_at: Option<(u64, usize)>,
    /// The tuples after a piece may be taken ([`Self::piece_ahead`]), and what was.
    ahead_ok: bool,
    taken: Ahead,
    /// No tuples are taken ahead before this input offset, and the pause after the
    /// next read ahead that stops early (see [`Self::tuples_ahead`]).
    ahead_from: u64,
    ahead_pause: u64,
}

use crate::detect::HEADER_MARK;

/// Input bytes in which no tuples are taken ahead after a read ahead that stopped
/// early inside an INSERT ([`Converter::tuples_ahead`]): the first such pause, and the
/// longest (each is twice the last).
const AHEAD_PAUSE: (u64, u64) = (1 << 20, 64 << 20);

impl Default for Converter {
    fn default() -> Self {
        Self::new()
    }
}

impl Converter {
    /// A converter.
    pub fn new() -> Converter {
        Self::with_options(ConvertOptions::default())
    }

    /// A converter with `--timestamptz` / `--cast` choices.
    pub fn with_options(opts: ConvertOptions) -> Converter {
        Converter {
            opts,
            charset: ClientCharset::default(),
            tables: NameMap::new(),
            post: Vec::new(),
            copy: None,
            findings: Findings::default(),
            plain_gens: Vec::new(),
            started: false,
            names: Taken::default(),
            table_names: NameMap::new(),
            types: HashSet::new(),
            dropped: NameMap::new(),
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
            window: crate::lex::driver::SplitOptions::default().window,
            head_at: None,
            ahead_ok: false,
            taken: Ahead::default(),
            ahead_from: 0,
            ahead_pause: AHEAD_PAUSE.0,
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

    /// [`Self::piece`], where the tuples that follow a whole tuple of the mapped file
    /// ([`Self::set_map`]) may be taken too: they go to the row threads a batch at a
    /// time without this thread looking for their end (see
    /// [`crate::pool::Pool::take_ahead`]). Returns what was taken, for the splitter to
    /// skip ([`crate::pipeline::Dump::for_each_piece_ahead`]).
    pub fn piece_ahead(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<Ahead> {
        self.ahead_ok = true;
        let r = self.piece(p, out);
        self.ahead_ok = false;
        r?;
        Ok(std::mem::take(&mut self.taken))
    }

    /// Convert one piece.
    pub fn piece(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        if p.kind() == Kind::InsertHead && !p.piece.partial && !p.piece.continued {
            self.head_at = Some((p.offset, p.bytes.len()));
        }
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
                    if self.ahead_ok && p.offset >= self.ahead_from {
                        self.taken = self.tuples_ahead(p, out)?;
                    }
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

    /// Hand the tuples after `p` (a whole tuple just handed to the row threads) to
    /// them too, when `p` is a slice of the mapped file and a tuple follows: see
    /// [`Self::piece_ahead`]. This thread waits until they are converted (it goes on
    /// after them); only when they are more than one batch does that keep every
    /// thread busy. So when they stop early (before less than a batch, inside an
    /// INSERT: a string holding a line end, a comment), tuples are not taken ahead
    /// again for a while, a longer while each time: [`AHEAD_PAUSE`].
    fn tuples_ahead(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<Ahead> {
        let (Some(map), Some((table, work)), Some(pool)) =
            (self.map.as_ref(), self.copy.as_ref(), self.pool.as_mut())
        else {
            return Ok(Ahead::default());
        };
        let in_map = map
            .get(p.offset as usize..)
            .is_some_and(|rest| rest.as_ptr() == p.bytes.as_ptr());
        let from = p.offset as usize + p.bytes.len();
        if !in_map || !matches!(map.get(from..from + 2), Some([b',', b'\n' | b'('])) {
            return Ok(Ahead::default());
        }
        let mut work = work.clone();
        work.head = self
            .head_at
            .and_then(|(at, n)| map.get(at as usize..at as usize + n))
            .map(std::sync::Arc::from);
        let a = pool.take_ahead(&work, table, (p.line, p.offset, p.bytes.len()), out)?;
        let ended_insert = a.bytes > 0 && map.get(from + a.bytes - 2) == Some(&b';');
        // an INSERT that ended in them left its COPY block open for the next
        if a.statement.is_some() || ended_insert {
            self.open = true;
        }
        if a.bytes >= crate::pool::BATCH {
            self.ahead_pause = AHEAD_PAUSE.0;
        } else if !ended_insert {
            self.ahead_from = (from + a.bytes) as u64 + self.ahead_pause;
            self.ahead_pause = (self.ahead_pause * 2).min(AHEAD_PAUSE.1);
        }
        Ok(a)
    }

    /// Write out every row still being converted on the threads, so that what is
    /// written next follows all of the output so far (used to tie output lines to
    /// input lines deterministically).
    pub fn settle(&mut self, out: &mut crate::sink::Sink<'_>) -> crate::Result<()> {
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
        self.findings.add(rule, key, line, 0, message);
    }

    /// What was changed or not converted (the offsets are 0: a line of the MySQL
    /// dump is what its reader needs), by line (then code and message: rows converted
    /// on threads report in any order).
    pub fn findings(&self) -> Vec<Finding> {
        let mut found: Vec<Finding> = self.findings.iter().cloned().collect();
        found.sort_by(|a, b| (a.line, a.code, &a.message).cmp(&(b.line, b.code, &b.message)));
        found
    }

    fn piece_inner(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
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

    fn statement(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        let mut bytes = crate::lex::executable::without_mysql57(p.bytes, p.piece.backslash);
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
                        self.dropped.add(&raw.to_lowercase());
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

    /// Write statement `bytes` of `line` commented out, with a note saying `why`.
    fn comment_out_because(
        &mut self,
        line: u64,
        bytes: &[u8],
        why: &str,
        out: &mut crate::sink::Sink<'_>,
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

    /// Write a statement commented out, with a note.
    fn comment_out(
        &mut self,
        t: &Tokens<'_>,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
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

    /// End of the dump: indexes, foreign keys, sequences.
    pub fn finish(&mut self, out: &mut crate::sink::Sink<'_>) -> crate::Result<()> {
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

    fn finish_inner(&mut self, out: &mut crate::sink::Sink<'_>) -> crate::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::ident::unique_in;
    use super::types::{cast, enum_labels, enum_members, enum_values, fit_to};
    use super::*;
    use crate::sql::coltype::parse_type;

    #[test]
    fn identifiers() {
        assert_eq!(pg_ident("User_"), "user_");
        assert_eq!(pg_ident("order"), "\"order\"");
        assert_eq!(pg_ident("a b"), "\"a b\"");
        assert_eq!(pg_ident(&"x".repeat(70)).len(), 63);
    }

    /// A table's columns are kept to the end of the dump, a million tables' worth:
    /// a column is 48 bytes, its name inline up to 24 bytes (with a `Box<str>` name
    /// and an `Option<CompactString>` it was 56, and every name an allocation).
    #[test]
    fn a_kept_column_is_small_and_short_names_need_no_allocation() {
        assert!(
            std::mem::size_of::<Column>() <= 48,
            "{}",
            std::mem::size_of::<Column>()
        );
        let c = Column::new(
            "createdate_of_the_entry".into(),
            "createdate_of_the_entry".into(),
            ValueKind::DateTime,
            translate::Ty::Text,
            false,
            true,
            false,
            false,
        );
        assert!(!c.raw.is_heap_allocated() && c.pg.is_none());
        assert_eq!(c.name(), "createdate_of_the_entry");
    }

    /// Convert `sql` (a MySQL dump) with `opts` on `threads` threads: output, notes.
    fn run(opts: ConvertOptions, threads: usize, sql: &str) -> (String, Vec<Finding>) {
        use crate::lex::driver::{split_slice, SplitOptions};
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
        (String::from_utf8(out).expect("utf-8"), conv.findings())
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
        let (out, notes) = run(ConvertOptions::default(), 1, &sql);
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
        let (out, notes) = run(ConvertOptions::default(), 1, &sql);
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
            ConvertOptions {
                enum_as_check: true,
                ..ConvertOptions::default()
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
            ConvertOptions {
                casts: vec!["t.k=varchar(5)".parse().expect("cast")],
                ..ConvertOptions::default()
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
        let (out, _) = run(ConvertOptions::default(), 1, &sql);
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
        let (out, notes) = run(ConvertOptions::default(), 1, &sql);
        assert!(out.contains("at bytea NOT NULL,"), "{out}");
        assert!(out.contains("shape bytea"), "{out}");
        assert!(
            out.contains("1\t\\\\x000000000101000000000000000000f03f0000000000000040\t\\N"),
            "{out}"
        );
        let codes: Vec<&str> = notes.iter().map(|n| n.code).collect();
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
            ConvertOptions {
                keep_case: true,
                ..ConvertOptions::default()
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
        let (out, _) = run(ConvertOptions::default(), 1, &sql);
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
            let (out, notes) = run(ConvertOptions::default(), threads, &sql);
            assert!(
                out.contains(
                    "b integer GENERATED ALWAYS AS ((CASE WHEN (CAST(a AS bigint) * 2) < -2147483648"
                ),
                "{out}"
            );
            assert!(out.contains("    c character varying(10),\n"), "{out}");
            assert!(out.contains("d character varying(20) GENERATED ALWAYS AS (left(('x' || CAST(a AS text)), 20)) STORED"), "{out}");
            // NOT NULL after the expression, and `is not null` inside it is no NOT NULL
            assert!(out.contains("e integer GENERATED ALWAYS AS ((CASE WHEN CASE WHEN (a IS NOT NULL) THEN 1 ELSE 0 END < -2147483648"), "{out}");
            assert!(out.contains("ELSE 0 END END)) STORED NOT NULL"), "{out}");
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
                    && notes[0].code == "C012",
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
