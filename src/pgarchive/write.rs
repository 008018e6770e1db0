//! Writing a pg_dump custom-format archive (`pg_dump -Fc`) from plain PostgreSQL SQL,
//! without a server: what `fix -o x.dump` / `--format custom` and `mendix pack` write.
//!
//! The SQL is split with the crate's lexer. A dump written by pg_dump has a
//! `-- Name: x; Type: T; Schema: s; Owner: o` comment before each object: each such
//! comment opens a TOC entry of that type, tag and schema, and the statements up to
//! the next one are its definition. SQL without them (a MySQL dump converted on the
//! way) is classified statement by statement (`CREATE TABLE` → TABLE, `COPY … FROM
//! stdin` → TABLE DATA, `CREATE INDEX` → INDEX, …). The archive follows
//! `pg_backup_archiver.c` (`WriteHead`, `WriteToc`) and `pg_backup_custom.c`
//! (`_StartData`, `_EndData`, `_StartLOs`): archive version 1.14 (pg_dump 12–15, what
//! Mendix restores) or 1.16 (pg_dump 17+, large objects as `BLOB METADATA`).
//!
//! As `pg_dump -O -x` writes them: no owners (`ALTER … OWNER TO` statements are
//! dropped) and no privileges (`GRANT`/`REVOKE` and ACL entries are dropped). Every
//! entry that belongs to a schema carries it, and large objects carry `public`,
//! because `pg_restore -n public` (Mendix's restore) skips entries without one. The
//! `SET` statements that pg_restore writes itself are dropped; `client_encoding`,
//! `standard_conforming_strings` and `search_path` become the ENCODING, STDSTRINGS and
//! SEARCHPATH entries, as pg_dump makes them.
//!
//! Memory stays bounded whatever the data size: COPY lines, INSERT tuples and large
//! object chunks are compressed as they come (a zlib stream per data block, as
//! pg_dump's gzip compression) into a spool file; only the TOC (the schema's text) is
//! held. At the end the header and TOC are written with the real data offsets (every
//! offset field has the same width, so the TOC's size is known before the offsets
//! are), then the spooled data is copied after them.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::lex::driver::{self, PieceRef};
use crate::lex::{Dialect, Kind, Lexer};
use crate::sql::{self, Tok, Tokens};

const MAGIC: &[u8] = b"PGDMP";
/// `archCustom` in pg_backup.h.
const FORMAT_CUSTOM: u8 = 1;
const INT_SIZE: u8 = 4;
const OFF_SIZE: u8 = 8;
/// Block types of pg_backup_custom.c.
const BLK_DATA: u8 = 1;
const BLK_BLOBS: u8 = 3;
/// Offset flags of pg_backup_archiver.h.
const K_OFFSET_POS_SET: u8 = 2;
const K_OFFSET_NO_DATA: u8 = 3;
/// `teSection` of pg_backup.h.
const SECTION_NONE: i64 = 1;
const SECTION_PRE_DATA: i64 = 2;
const SECTION_DATA: i64 = 3;
const SECTION_POST_DATA: i64 = 4;
/// Compressed bytes per data chunk (pg_dump writes what zlib gives it per 4 KiB of
/// input; any size reads back).
const CHUNK: usize = 64 << 10;
/// Large objects per `BLOB METADATA` entry (pg_dump 17 groups 1000).
const LO_GROUP: usize = 1000;

/// The archive versions dumpfix writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum ArchiveVersion {
    /// 1.14: pg_dump 12 to 15 (what Mendix restores; the default).
    #[value(name = "1.14")]
    V1_14,
    /// 1.16: pg_dump 17 and later (large objects as `BLOB METADATA` entries).
    #[value(name = "1.16")]
    V1_16,
}

impl ArchiveVersion {
    fn minor(self) -> u8 {
        match self {
            ArchiveVersion::V1_14 => 14,
            ArchiveVersion::V1_16 => 16,
        }
    }
}

/// How to write the archive.
#[derive(Clone, Debug)]
pub struct ArchiveOptions {
    /// The archive version.
    pub version: ArchiveVersion,
    /// zlib level of the data blocks, 0 (none) to 9.
    pub level: u32,
    /// The database name recorded in the header.
    pub dbname: String,
    /// Where the data is spooled until the TOC is known (default: the temp dir).
    pub spool_dir: Option<PathBuf>,
}

impl Default for ArchiveOptions {
    fn default() -> Self {
        ArchiveOptions {
            version: ArchiveVersion::V1_14,
            level: 6,
            dbname: "postgres".into(),
            spool_dir: None,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// TOC entries.
    pub entries: usize,
    /// Entries with a data block (tables and large objects).
    pub data_blocks: usize,
    /// Large objects.
    pub large_objects: usize,
    /// Bytes of the archive.
    pub bytes: u64,
    /// What the script had that the archive leaves out (`-O -x`, transaction
    /// control), one line each: the kind, how many, the first one's byte offset.
    pub left_out: Vec<String>,
}

/// Kinds of statement the archive leaves out, counted for the user.
const LEFT_OUT: [&str; 3] = [
    "ALTER … OWNER TO statements (an archive without owners, as pg_dump -O)",
    "GRANT/REVOKE statements and ACL entries (no privileges, as pg_dump -x)",
    "transaction statements (BEGIN/COMMIT: pg_restore has --single-transaction)",
];

/// One TOC entry.
#[derive(Debug, Default)]
struct Entry {
    id: i64,
    /// `catalogId.oid`: a large object's OID (pg_restore's `--clean` drops it by it).
    oid: u32,
    tag: Vec<u8>,
    desc: String,
    section: i64,
    defn: Vec<u8>,
    drop: Vec<u8>,
    copy: Option<Vec<u8>>,
    namespace: Option<Vec<u8>>,
    /// 1.16's relkind (`r` for a table, 0 otherwise).
    relkind: i64,
    deps: Vec<i64>,
    /// Offset of the data block in the spool.
    data: Option<u64>,
    /// The entry has a data block (`hadDumper`).
    dumper: bool,
    /// The object's table, for the dependencies of indexes, constraints, data.
    table: Option<(Option<Vec<u8>>, Vec<u8>)>,
    /// Left out of the archive (an ACL: `-x` semantics).
    skip: bool,
}

/// The open data block.
enum Block {
    /// A table's data; `comp` is `None` for uncompressed.
    Data(Stream),
    /// Large objects; the stream of the open one.
    Blobs(Option<Stream>),
}

/// A compressed (or stored) stream of chunks in the spool.
struct Stream {
    comp: Option<flate2::Compress>,
    buf: Vec<u8>,
}

/// An entry's desc, schema and tag.
type ObjectKey = (String, Option<Vec<u8>>, Vec<u8>);

/// Builds the TOC and the spooled data as pieces come.
struct Builder {
    opts: ArchiveOptions,
    entries: Vec<Entry>,
    /// The entry statements go to.
    cur: Option<usize>,
    /// The dump has pg_dump's `-- Name:` comments.
    headers: bool,
    /// The current header entry is skipped (ACL): its statements are dropped.
    skipping: bool,
    spool: BufWriter<File>,
    spool_len: u64,
    block: Option<(usize, Block)>,
    /// The statement being collected (from fragments).
    stmt: Vec<u8>,
    stmt_backslash: bool,
    stmt_offset: u64,
    /// The INSERT being collected into a data block.
    in_insert: bool,
    /// Relations by (schema, name): their entry's dump id.
    relations: HashMap<(Option<Vec<u8>>, Vec<u8>), i64>,
    /// Other entries by (desc, schema, tag), for comments' parents.
    objects: HashMap<ObjectKey, i64>,
    encoding: Option<Vec<u8>>,
    stdstrings: Option<Vec<u8>>,
    searchpath: Option<Vec<u8>>,
    /// Statements seen before any entry, put before the first one's definition.
    pending: Vec<u8>,
    large_objects: usize,
    next_id: i64,
    /// The last section an entry opened in (for statements of no known kind).
    section: i64,
    /// Per kind of [`LEFT_OUT`]: how many, and the first one's byte offset.
    left_out: [(u64, u64); 3],
}

/// Write a custom archive of the PostgreSQL SQL read from `input` to `out`.
pub fn write_archive<R: Read, W: Write>(
    input: R,
    out: W,
    opts: &ArchiveOptions,
) -> Result<Summary> {
    let spool = match &opts.spool_dir {
        Some(d) => tempfile::tempfile_in(d),
        None => tempfile::tempfile(),
    }
    .map_err(|e| Error::Write {
        path: "the archive's spool file".into(),
        source: e,
    })?;
    let mut b = Builder {
        opts: opts.clone(),
        entries: Vec::new(),
        cur: None,
        headers: false,
        skipping: false,
        spool: BufWriter::with_capacity(1 << 20, spool),
        spool_len: 0,
        block: None,
        stmt: Vec::new(),
        stmt_backslash: false,
        stmt_offset: 0,
        left_out: [(0, 0); 3],
        in_insert: false,
        relations: HashMap::new(),
        objects: HashMap::new(),
        encoding: None,
        stdstrings: None,
        searchpath: None,
        pending: Vec::new(),
        large_objects: 0,
        // 1-3: ENCODING, STDSTRINGS, SEARCHPATH
        next_id: 4,
        section: SECTION_PRE_DATA,
    };
    let mut lexer = Lexer::new(Dialect::Postgres);
    lexer.set_bulk_copy(1 << 20);
    driver::split_reader(
        &mut lexer,
        input,
        &driver::SplitOptions::default(),
        "<archive input>",
        |p| b.piece(p),
    )?;
    b.finish(out)
}

fn werr(e: io::Error) -> Error {
    Error::Write {
        path: "the archive's spool file".into(),
        source: e,
    }
}

fn put_int(out: &mut Vec<u8>, v: i64) {
    out.push(u8::from(v < 0));
    let a = v.unsigned_abs() as u32;
    out.extend_from_slice(&a.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: Option<&[u8]>) {
    match s {
        None => put_int(out, -1),
        Some(s) => {
            put_int(out, s.len() as i64);
            out.extend_from_slice(s);
        }
    }
}

fn int_bytes(v: i64) -> [u8; 5] {
    let a = (v.unsigned_abs() as u32).to_le_bytes();
    [u8::from(v < 0), a[0], a[1], a[2], a[3]]
}

/// The section pg_dump gives entries of type `desc`.
fn section_of(desc: &str) -> i64 {
    match desc {
        "COMMENT" | "ACL" | "SECURITY LABEL" | "DEFAULT ACL" => SECTION_NONE,
        "TABLE DATA" | "SEQUENCE SET" | "BLOBS" => SECTION_DATA,
        "CONSTRAINT"
        | "CHECK CONSTRAINT"
        | "FK CONSTRAINT"
        | "INDEX"
        | "INDEX ATTACH"
        | "TRIGGER"
        | "EVENT TRIGGER"
        | "RULE"
        | "POLICY"
        | "ROW SECURITY"
        | "STATISTICS"
        | "MATERIALIZED VIEW DATA"
        | "PUBLICATION TABLE"
        | "PUBLICATION TABLES IN SCHEMA" => SECTION_POST_DATA,
        _ => SECTION_PRE_DATA,
    }
}

/// A name as `fmtId` writes it: bare when it is a plain lower-case identifier
/// (the names written here are the archive's own, keywords or not).
fn fmt_id(name: &[u8]) -> Vec<u8> {
    super::fmt_id(name, |_| false)
}

fn qualified(ns: &Option<Vec<u8>>, name: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    if let Some(ns) = ns {
        v.extend_from_slice(&fmt_id(ns));
        v.push(b'.');
    }
    v.extend_from_slice(&fmt_id(name));
    v
}

/// The name token `i` denotes (unquoted words folded to lower case).
fn ident(t: &Tokens<'_>, i: usize) -> Vec<u8> {
    let v = t.ident(i).into_owned();
    if t.toks[i].kind == Tok::Word {
        v.to_ascii_lowercase()
    } else {
        v
    }
}

/// A possibly qualified name at token `i`: (schema, name, next token).
fn qname(t: &Tokens<'_>, i: usize) -> Option<(Option<Vec<u8>>, Vec<u8>, usize)> {
    if !t.is_ident(i) {
        return None;
    }
    let mut parts = vec![ident(t, i)];
    let mut j = i + 1;
    while t.is_punct(j, ".") && t.is_ident(j + 1) {
        parts.push(ident(t, j + 1));
        j += 2;
    }
    let name = parts.pop()?;
    Some((parts.pop(), name, j))
}

/// Skip the keywords `kws` (in order, each optional) from token `i`.
fn skip_kws(t: &Tokens<'_>, mut i: usize, kws: &[&str]) -> usize {
    for kw in kws {
        if t.is_kw(i, kw) {
            i += 1;
        }
    }
    i
}

/// What a statement without a pg_dump comment is.
struct Class {
    desc: String,
    tag: Vec<u8>,
    ns: Option<Vec<u8>>,
    table: Option<(Option<Vec<u8>>, Vec<u8>)>,
}

fn public() -> Option<Vec<u8>> {
    Some(b"public".to_vec())
}

fn class(desc: &str, tag: Vec<u8>, ns: Option<Vec<u8>>) -> Class {
    Class {
        desc: desc.into(),
        tag,
        ns: ns.or_else(public),
        table: None,
    }
}

/// Classify a statement by its leading words.
fn classify(t: &Tokens<'_>) -> Class {
    let w = t.leading_words(4);
    let w: Vec<&str> = w.iter().map(|s| s.as_str()).collect();
    let generic = || {
        let desc = w.iter().take(2).copied().collect::<Vec<_>>().join(" ");
        // the tag: the first name after the leading keywords (`DROP TABLE IF EXISTS x`)
        let mut k = w.len().min(2);
        while k < t.len()
            && t.toks[k].kind == Tok::Word
            && ["IF", "NOT", "EXISTS", "ONLY", "TO", "ON", "COLUMN"]
                .iter()
                .any(|kw| t.is_kw(k, kw))
        {
            k += 1;
        }
        match qname(t, k) {
            Some((ns, name, _)) if desc != "SET TIME" => class(&desc, name, ns),
            _ => class(&desc, Vec::new(), None),
        }
    };
    match w.first().copied() {
        Some("CREATE") => {
            let mut i = skip_kws(t, 1, &["OR", "REPLACE"]);
            i = skip_kws(t, i, &["GLOBAL", "LOCAL", "TEMPORARY", "TEMP", "UNLOGGED"]);
            if t.is_kw(i, "TABLE") || t.is_kw(i, "SEQUENCE") || t.is_kw(i, "VIEW") {
                let desc = String::from_utf8_lossy(t.text(i)).to_ascii_uppercase();
                let i = skip_kws(t, i + 1, &["IF", "NOT", "EXISTS"]);
                if let Some((ns, name, _)) = qname(t, i) {
                    return class(&desc, name, ns);
                }
            } else if t.is_kw(i, "MATERIALIZED") && t.is_kw(i + 1, "VIEW") {
                let i = skip_kws(t, i + 2, &["IF", "NOT", "EXISTS"]);
                if let Some((ns, name, _)) = qname(t, i) {
                    return class("MATERIALIZED VIEW", name, ns);
                }
            } else if t.is_kw(i, "UNIQUE") || t.is_kw(i, "INDEX") {
                let mut i = skip_kws(t, i, &["UNIQUE", "INDEX", "CONCURRENTLY"]);
                i = skip_kws(t, i, &["IF", "NOT", "EXISTS"]);
                let (iname, i) = match qname(t, i) {
                    Some((_, n, j)) if !t.is_kw(i, "ON") => (n, j),
                    _ => (Vec::new(), i),
                };
                let i = skip_kws(t, i, &["ON", "ONLY"]);
                if let Some((ns, tname, _)) = qname(t, i) {
                    let mut c = class("INDEX", iname, ns.clone());
                    c.table = Some((ns.or_else(public), tname));
                    return c;
                }
            } else if t.is_kw(i, "FUNCTION") || t.is_kw(i, "PROCEDURE") {
                let desc = String::from_utf8_lossy(t.text(i)).to_ascii_uppercase();
                if let Some((ns, name, _)) = qname(t, i + 1) {
                    return class(&desc, name, ns);
                }
            } else if t.is_kw(i, "TRIGGER") {
                if let Some((_, name, mut j)) = qname(t, i + 1) {
                    while j < t.len() && !t.is_kw(j, "ON") {
                        j += 1;
                    }
                    if let Some((ns, tname, _)) = qname(t, j + 1) {
                        let mut tag = tname.clone();
                        tag.push(b' ');
                        tag.extend_from_slice(&name);
                        let mut c = class("TRIGGER", tag, ns.clone());
                        c.table = Some((ns.or_else(public), tname));
                        return c;
                    }
                }
            } else if t.is_kw(i, "TYPE") || t.is_kw(i, "DOMAIN") {
                let desc = String::from_utf8_lossy(t.text(i)).to_ascii_uppercase();
                if let Some((ns, name, _)) = qname(t, i + 1) {
                    return class(&desc, name, ns);
                }
            } else if t.is_kw(i, "SCHEMA") || t.is_kw(i, "EXTENSION") {
                let desc = String::from_utf8_lossy(t.text(i)).to_ascii_uppercase();
                let j = skip_kws(t, i + 1, &["IF", "NOT", "EXISTS"]);
                if t.is_ident(j) {
                    let mut c = class(&desc, ident(t, j), None);
                    c.ns = None;
                    return c;
                }
            }
            generic()
        }
        Some("ALTER") if t.is_kw(1, "TABLE") => {
            let i = skip_kws(t, 2, &["IF", "EXISTS", "ONLY"]);
            let Some((ns, tname, j)) = qname(t, i) else {
                return generic();
            };
            let table = Some((ns.clone().or_else(public), tname.clone()));
            let mut tag = tname.clone();
            let desc;
            if t.is_kw(j, "ADD") {
                let k = skip_kws(t, j + 1, &["CONSTRAINT"]);
                let mut rest = k;
                if t.is_kw(j + 1, "CONSTRAINT") && t.is_ident(k) {
                    tag.push(b' ');
                    tag.extend_from_slice(&ident(t, k));
                    rest = k + 1;
                }
                let fk = (rest..t.len().min(rest + 3)).any(|x| t.is_kw(x, "FOREIGN"));
                desc = if fk { "FK CONSTRAINT" } else { "CONSTRAINT" };
            } else if t.is_kw(j, "ALTER") {
                let k = skip_kws(t, j + 1, &["COLUMN"]);
                if t.is_ident(k) && t.is_kw(k + 1, "SET") && t.is_kw(k + 2, "DEFAULT") {
                    tag.push(b' ');
                    tag.extend_from_slice(&ident(t, k));
                    desc = "DEFAULT";
                } else {
                    desc = "ALTER TABLE";
                }
            } else {
                desc = "ALTER TABLE";
            }
            let mut c = class(desc, tag, ns);
            c.table = table;
            c
        }
        Some("ALTER") if t.is_kw(1, "SEQUENCE") => match qname(t, 2) {
            Some((ns, name, j)) if t.is_kw(j, "OWNED") => class("SEQUENCE OWNED BY", name, ns),
            _ => generic(),
        },
        Some("COMMENT") if t.is_kw(1, "ON") => {
            // the tag: the object's kind and name, as pg_dump writes it
            let mut k = 2;
            let mut kind = Vec::new();
            while k < t.len() && t.toks[k].kind == Tok::Word && !t.is_kw(k, "IS") {
                let is_kind = matches!(
                    t.text(k).to_ascii_uppercase().as_slice(),
                    b"TABLE"
                        | b"COLUMN"
                        | b"VIEW"
                        | b"SEQUENCE"
                        | b"INDEX"
                        | b"FUNCTION"
                        | b"PROCEDURE"
                        | b"TYPE"
                        | b"DOMAIN"
                        | b"SCHEMA"
                        | b"EXTENSION"
                        | b"MATERIALIZED"
                        | b"CONSTRAINT"
                        | b"TRIGGER"
                        | b"LARGE"
                        | b"OBJECT"
                        | b"DATABASE"
                        | b"FOREIGN"
                );
                if !is_kind {
                    break;
                }
                if !kind.is_empty() {
                    kind.push(b' ');
                }
                kind.extend_from_slice(&t.text(k).to_ascii_uppercase());
                k += 1;
            }
            let mut tag = kind.clone();
            let mut ns = None;
            if kind == b"LARGE OBJECT" {
                tag.push(b' ');
                tag.extend_from_slice(t.text(k.min(t.len().saturating_sub(1))));
            } else if kind == b"COLUMN" {
                // schema.table.column, table.column
                let mut parts = Vec::new();
                let mut j = k;
                while t.is_ident(j) {
                    parts.push(ident(t, j));
                    if t.is_punct(j + 1, ".") {
                        j += 2;
                    } else {
                        break;
                    }
                }
                if parts.len() == 3 {
                    ns = Some(parts.remove(0));
                }
                tag.push(b' ');
                tag.extend_from_slice(&parts.join(&b'.'));
            } else if let Some((n, name, _)) = qname(t, k) {
                ns = n;
                tag.push(b' ');
                tag.extend_from_slice(&name);
            }
            class("COMMENT", tag, ns)
        }
        Some("SELECT") => {
            let lower = t.src.to_ascii_lowercase();
            if memchr::memmem::find(&lower, b"setval(").is_some() {
                // SELECT pg_catalog.setval('public.s', 3, true);
                let name = (0..t.len())
                    .find(|&k| t.toks[k].kind == Tok::Str)
                    .map(|k| {
                        let s = t.text(k);
                        s.get(1..s.len().saturating_sub(1)).unwrap_or(b"").to_vec()
                    })
                    .unwrap_or_default();
                let sub = sql::tokenize(&name, Dialect::Postgres, false);
                let (ns, name) = match qname(&sub, 0) {
                    Some((ns, n, _)) => (ns, n),
                    None => (None, name),
                };
                class("SEQUENCE SET", name, ns)
            } else if memchr::memmem::find(&lower, b"lo_create(").is_some() {
                let oid = (0..t.len())
                    .find(|&k| matches!(t.toks[k].kind, Tok::Str | Tok::Num))
                    .map(|k| {
                        t.text(k)
                            .iter()
                            .copied()
                            .filter(u8::is_ascii_digit)
                            .collect::<Vec<u8>>()
                    })
                    .unwrap_or_default();
                class("BLOB", oid, None)
            } else {
                generic()
            }
        }
        _ => generic(),
    }
}

/// The statement `stmt` (as given) with one line end.
fn with_newline(stmt: &[u8]) -> Vec<u8> {
    let mut v = stmt.to_vec();
    while v.last().is_some_and(|c| c.is_ascii_whitespace()) {
        v.pop();
    }
    v.push(b'\n');
    v
}

/// `SELECT pg_catalog.lowrite(0, '\x…')` (or `E'\\x…'`): the bytes written.
fn lowrite_bytes(stmt: &[u8]) -> Option<Vec<u8>> {
    let q = memchr::memchr(b'\'', stmt)?;
    let rest = &stmt[q + 1..];
    let end = memchr::memchr(b'\'', rest)?;
    let lit = &rest[..end];
    let hex = lit
        .strip_prefix(b"\\\\x")
        .or_else(|| lit.strip_prefix(b"\\x"))?;
    if hex.len() % 2 != 0 {
        return None;
    }
    let val = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    hex.chunks(2)
        .map(|p| Some((val(p[0])? << 4) | val(p[1])?))
        .collect()
}

/// The first number in quotes or bare after `(` in `stmt`: `lo_open('123', …)`.
fn first_oid(stmt: &[u8]) -> Option<u32> {
    let p = memchr::memchr(b'(', stmt)?;
    let digits: Vec<u8> = stmt[p + 1..]
        .iter()
        .copied()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(u8::is_ascii_digit)
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

impl Builder {
    fn piece(&mut self, p: PieceRef<'_>) -> Result<()> {
        match p.kind() {
            Kind::Blank => self.blank(p.bytes),
            Kind::Statement => {
                if !p.piece.continued {
                    self.stmt.clear();
                    self.stmt_offset = p.offset;
                    self.stmt_backslash = p.piece.backslash;
                }
                self.stmt.extend_from_slice(p.bytes);
                if p.piece.partial {
                    return Ok(());
                }
                let stmt = std::mem::take(&mut self.stmt);
                let r = self.statement(&stmt);
                self.stmt = stmt;
                r
            }
            Kind::InsertHead => {
                if !p.piece.continued {
                    let t = sql::tokenize(p.bytes, Dialect::Postgres, p.piece.backslash);
                    self.insert_start(&t, p.offset)?;
                }
                self.data(p.bytes)
            }
            Kind::Tuple => self.data(p.bytes),
            Kind::InsertTail => {
                self.data(p.bytes)?;
                if !p.piece.partial {
                    self.in_insert = false;
                    self.data(b"\n")?;
                }
                Ok(())
            }
            Kind::CopyRow | Kind::CopyRows => self.data(p.bytes),
            Kind::CopyEnd => {
                // as pg_dump's dumpTableData_copy ends the data
                self.data(b"\\.\n\n\n")?;
                self.close_block()
            }
            // psql's \connect, \restrict: pg_restore writes its own
            Kind::Command => Ok(()),
        }
    }

    /// Comments between statements: pg_dump's `-- Name: …` opens an entry.
    fn blank(&mut self, bytes: &[u8]) -> Result<()> {
        for line in bytes.split(|&c| c == b'\n') {
            let Some(rest) = line.strip_prefix(b"-- ") else {
                continue;
            };
            let rest = rest.strip_prefix(b"Data for ").unwrap_or(rest);
            let Some(rest) = rest.strip_prefix(b"Name: ") else {
                continue;
            };
            let find = |hay: &[u8], pat: &[u8]| memchr::memmem::rfind(hay, pat);
            let Some(o) = find(rest, b"; Owner: ") else {
                continue;
            };
            let Some(s) = find(&rest[..o], b"; Schema: ") else {
                continue;
            };
            let Some(ty) = find(&rest[..s], b"; Type: ") else {
                continue;
            };
            let tag = rest[..ty].to_vec();
            let desc = String::from_utf8_lossy(&rest[ty + 8..s]).into_owned();
            let schema = &rest[s + 10..o];
            let ns = (schema != b"-").then(|| schema.to_vec());
            self.headers = true;
            self.header(desc, tag, ns)?;
        }
        Ok(())
    }

    fn header(&mut self, desc: String, tag: Vec<u8>, ns: Option<Vec<u8>>) -> Result<()> {
        let skip = matches!(desc.as_str(), "ACL" | "DEFAULT ACL");
        self.open_entry(&desc, tag, ns)?;
        self.skipping = skip;
        if let (true, Some(i)) = (skip, self.cur) {
            self.entries[i].skip = true;
        }
        Ok(())
    }

    /// Start entry `desc`; statements go to it from now on.
    fn open_entry(&mut self, desc: &str, tag: Vec<u8>, ns: Option<Vec<u8>>) -> Result<usize> {
        self.close_block()?;
        self.skipping = false;
        let id = self.next_id;
        self.next_id += 1;
        let section = section_of(desc);
        if section != SECTION_NONE {
            self.section = section;
        }
        let large = matches!(desc, "BLOB" | "BLOBS");
        let mut e = Entry {
            id,
            tag,
            desc: desc.to_string(),
            section,
            namespace: if large { public() } else { ns },
            relkind: if desc == "TABLE" { i64::from(b'r') } else { 0 },
            ..Entry::default()
        };
        if desc == "BLOB" {
            e.oid = std::str::from_utf8(&e.tag)
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(0);
            e.drop = format!("SELECT pg_catalog.lo_unlink('{}');\n", e.oid).into_bytes();
            self.large_objects += 1;
        }
        if desc == "BLOBS" {
            e.tag = b"BLOBS".to_vec();
            e.dumper = true;
        }
        if !self.pending.is_empty() {
            e.defn = std::mem::take(&mut self.pending);
        }
        self.entries.push(e);
        let idx = self.entries.len() - 1;
        self.cur = Some(idx);
        self.link(idx);
        Ok(idx)
    }

    /// Record an entry's name, and its dependencies on what it belongs to.
    fn link(&mut self, idx: usize) {
        let e = &self.entries[idx];
        let key_ns = e.namespace.clone();
        let (id, desc, tag) = (e.id, e.desc.clone(), e.tag.clone());
        let mut deps = Vec::new();
        match desc.as_str() {
            "TABLE" | "VIEW" | "SEQUENCE" | "MATERIALIZED VIEW" | "FOREIGN TABLE" => {
                self.relations.insert((key_ns.clone(), tag.clone()), id);
            }
            "TABLE DATA" | "SEQUENCE SET" | "SEQUENCE OWNED BY" | "MATERIALIZED VIEW DATA" => {
                deps.extend(self.relations.get(&(key_ns.clone(), tag.clone())));
            }
            "COMMENT" => {
                deps.extend(self.comment_parent(&key_ns, &tag));
            }
            _ => {}
        }
        self.objects.insert((desc, key_ns, tag), id);
        self.entries[idx].deps = deps;
    }

    /// The entry a `COMMENT` of tag `tag` (`TABLE t`, `COLUMN t.c`, …) is about.
    fn comment_parent(&self, ns: &Option<Vec<u8>>, tag: &[u8]) -> Option<i64> {
        let sp = memchr::memchr(b' ', tag)?;
        let (kind, name) = (&tag[..sp], &tag[sp + 1..]);
        let rel = |n: &[u8]| self.relations.get(&(ns.clone(), n.to_vec())).copied();
        match kind {
            b"COLUMN" => {
                let dot = memchr::memrchr(b'.', name)?;
                rel(&name[..dot])
            }
            b"LARGE" => {
                let oid = name.strip_prefix(b"OBJECT ")?;
                self.objects
                    .get(&("BLOB".to_string(), public(), oid.to_vec()))
                    .copied()
            }
            _ => {
                let desc = String::from_utf8_lossy(kind).into_owned();
                rel(name).or_else(|| {
                    self.objects
                        .get(&(desc, ns.clone(), name.to_vec()))
                        .copied()
                })
            }
        }
    }

    /// Append a statement to the current entry's definition; the first one also gives
    /// its drop statement and dependencies.
    fn append(&mut self, idx: usize, stmt: &[u8], t: &Tokens<'_>) {
        let first = self.entries[idx].defn.is_empty();
        let e = &mut self.entries[idx];
        if !e.defn.is_empty() {
            e.defn.push(b'\n');
        }
        e.defn.extend_from_slice(&with_newline(stmt));
        if !first || !e.drop.is_empty() {
            return;
        }
        let c = classify(t);
        if e.table.is_none() {
            e.table = c.table.clone();
        }
        let ns = e.namespace.clone();
        let tag = e.tag.clone();
        let drop: Vec<u8> = match e.desc.as_str() {
            "TABLE" | "VIEW" | "SEQUENCE" | "MATERIALIZED VIEW" | "INDEX" | "TYPE" | "DOMAIN" => {
                let mut v = format!("DROP {} ", e.desc).into_bytes();
                let name = if c.tag.is_empty() { tag } else { c.tag.clone() };
                v.extend_from_slice(&qualified(&ns, &name));
                v.extend_from_slice(b";\n");
                v
            }
            "SCHEMA" | "EXTENSION" => {
                let mut v = format!("DROP {} ", e.desc).into_bytes();
                v.extend_from_slice(&fmt_id(&tag));
                v.extend_from_slice(b";\n");
                v
            }
            "FUNCTION" | "PROCEDURE" if memchr::memchr(b'(', &tag).is_some() => {
                let mut v = format!("DROP {} ", e.desc).into_bytes();
                if let Some(ns) = &ns {
                    v.extend_from_slice(&fmt_id(ns));
                    v.push(b'.');
                }
                v.extend_from_slice(&tag);
                v.extend_from_slice(b";\n");
                v
            }
            "CONSTRAINT" | "FK CONSTRAINT" | "CHECK CONSTRAINT" => {
                // ALTER TABLE ONLY t ADD CONSTRAINT c …
                let k = (0..t.len()).find(|&k| t.is_kw(k, "CONSTRAINT"));
                match (&c.table, k) {
                    (Some((tns, tname)), Some(k)) if t.is_ident(k + 1) => {
                        let mut v = b"ALTER TABLE ONLY ".to_vec();
                        v.extend_from_slice(&qualified(tns, tname));
                        v.extend_from_slice(b" DROP CONSTRAINT ");
                        v.extend_from_slice(&fmt_id(&ident(t, k + 1)));
                        v.extend_from_slice(b";\n");
                        v
                    }
                    _ => Vec::new(),
                }
            }
            "DEFAULT" => match (&c.table, memchr::memchr(b' ', &c.tag)) {
                (Some((tns, tname)), Some(sp)) => {
                    let mut v = b"ALTER TABLE ONLY ".to_vec();
                    v.extend_from_slice(&qualified(tns, tname));
                    v.extend_from_slice(b" ALTER COLUMN ");
                    v.extend_from_slice(&fmt_id(&c.tag[sp + 1..]));
                    v.extend_from_slice(b" DROP DEFAULT;\n");
                    v
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        e.drop = drop;
        if let Some(key) = e.table.clone() {
            if let Some(&dep) = self.relations.get(&key) {
                let e = &mut self.entries[idx];
                if !e.deps.contains(&dep) && dep != e.id {
                    e.deps.push(dep);
                }
            }
        }
    }

    fn statement(&mut self, stmt: &[u8]) -> Result<()> {
        let head = &stmt[..stmt.len().min(64 << 10)];
        let t = sql::tokenize(head, Dialect::Postgres, self.stmt_backslash);
        if t.is_empty() {
            return Ok(());
        }
        let words = t.leading_words(3);
        let w: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        let lower_head = head[..head.len().min(200)].to_ascii_lowercase();
        let has = |pat: &[u8]| memchr::memmem::find(&lower_head, pat).is_some();
        // session settings: the special entries, or dropped (pg_restore sets them)
        if w.first() == Some(&"SET") {
            let name = if t.is_kw(1, "SESSION") || t.is_kw(1, "LOCAL") {
                2
            } else {
                1
            };
            let var = t
                .toks
                .get(name)
                .map(|_| String::from_utf8_lossy(t.text(name)).to_ascii_lowercase())
                .unwrap_or_default();
            let value = |k: usize| -> Vec<u8> {
                let k = if t.is_punct(k, "=") || t.is_kw(k, "TO") {
                    k + 1
                } else {
                    k
                };
                if k >= t.len() {
                    return Vec::new();
                }
                let v = t.text(k);
                v.strip_prefix(b"'")
                    .and_then(|v| v.strip_suffix(b"'"))
                    .unwrap_or(v)
                    .to_vec()
            };
            match var.as_str() {
                "client_encoding" => {
                    let mut d = b"SET client_encoding = '".to_vec();
                    d.extend_from_slice(&value(name + 1));
                    d.extend_from_slice(b"';\n");
                    self.encoding = Some(d);
                }
                "standard_conforming_strings" => {
                    let v = value(name + 1).to_ascii_lowercase();
                    let on = !matches!(v.as_slice(), b"off" | b"false" | b"0");
                    self.stdstrings = Some(
                        format!(
                            "SET standard_conforming_strings = '{}';\n",
                            if on { "on" } else { "off" }
                        )
                        .into_bytes(),
                    );
                }
                "search_path" if self.searchpath.is_none() && self.entries.is_empty() => {
                    self.searchpath = Some(with_newline(stmt));
                }
                "statement_timeout"
                | "lock_timeout"
                | "idle_in_transaction_session_timeout"
                | "transaction_timeout"
                | "check_function_bodies"
                | "xmloption"
                | "client_min_messages"
                | "row_security"
                | "default_tablespace"
                | "default_table_access_method"
                | "default_with_oids"
                | "escape_string_warning" => {}
                _ => self.keep(stmt, &t)?,
            }
            return Ok(());
        }
        if w.first() == Some(&"SELECT") && has(b"set_config('search_path'") {
            if self.searchpath.is_none() {
                self.searchpath = Some(with_newline(stmt));
            }
            return Ok(());
        }
        // -O -x: no owners, no privileges (an ACL entry's statements: skipping);
        // transaction control: pg_restore has its own (--single-transaction)
        let left_out = if self.skipping || matches!(w.first(), Some(&"GRANT") | Some(&"REVOKE")) {
            Some(1)
        } else if w.first() == Some(&"ALTER") && owner_to(&t) {
            Some(0)
        } else if matches!(
            w.as_slice(),
            ["BEGIN"] | ["COMMIT"] | ["END"] | ["START", "TRANSACTION"] | ["ROLLBACK"]
        ) {
            Some(2)
        } else {
            None
        };
        if let Some(k) = left_out {
            let (n, first) = &mut self.left_out[k];
            if *n == 0 {
                *first = self.stmt_offset;
            }
            *n += 1;
            return Ok(());
        }
        if w.first() == Some(&"SELECT") {
            if has(b"lo_open(") {
                return self.lo_open(stmt);
            }
            if has(b"lowrite(") {
                let bytes = lowrite_bytes(stmt).ok_or_else(|| self.bad("a lowrite() call"))?;
                return self.lo_write(&bytes);
            }
            if has(b"lo_close(") {
                return self.lo_close();
            }
        }
        if w.first() == Some(&"COPY") {
            return self.copy(stmt, &t);
        }
        if w.first() == Some(&"INSERT") {
            self.insert_start(&t, self.stmt_offset)?;
            self.data(stmt)?;
            self.in_insert = false;
            return self.data(b"\n");
        }
        self.keep(stmt, &t)
    }

    /// A statement that is part of an entry's definition.
    fn keep(&mut self, stmt: &[u8], t: &Tokens<'_>) -> Result<()> {
        let idx = match self.cur {
            Some(i) if self.headers && self.block.is_none() => i,
            Some(i)
                if self.headers
                    && matches!(self.block, Some((_, Block::Data(_))))
                    && self.entries[i].copy.is_none() =>
            {
                // a statement after `--inserts` data: still this entry's, after it
                self.close_block()?;
                i
            }
            _ => {
                let c = classify(t);
                if self.headers && self.cur.is_none() && c.desc.contains(' ') && !known(&c.desc) {
                    // before the first pg_dump comment: keep for the first entry
                    if !self.pending.is_empty() {
                        self.pending.push(b'\n');
                    }
                    self.pending.extend_from_slice(&with_newline(stmt));
                    return Ok(());
                }
                let idx = self.open_entry(&c.desc, c.tag, c.ns)?;
                if !known(&c.desc) {
                    self.entries[idx].section = match self.section {
                        SECTION_DATA => SECTION_POST_DATA,
                        s => s,
                    };
                }
                self.entries[idx].table = c.table;
                idx
            }
        };
        self.append(idx, stmt, t);
        Ok(())
    }

    fn bad(&self, what: &str) -> Error {
        Error::Syntax {
            source_name: "<archive input>".into(),
            message: format!("cannot read {what} for the archive"),
            offset: self.stmt_offset,
            line: 0,
            help:
                "large objects are read as pg_dump writes them: lo_open, lowrite('\\x…'), lo_close"
                    .into(),
        }
    }

    /// The table data entry for the rows of table `(ns, name)` that follow.
    fn data_entry(&mut self, ns: Option<Vec<u8>>, name: Vec<u8>) -> Result<usize> {
        let ns = ns.or_else(public);
        if let Some(i) = self.cur {
            let e = &self.entries[i];
            let same =
                e.desc == "TABLE DATA" && (self.headers || (e.namespace == ns && e.tag == name));
            if same && e.copy.is_none() {
                return Ok(i);
            }
        }
        let i = self.open_entry("TABLE DATA", name.clone(), ns.clone())?;
        self.entries[i].table = Some((ns, name));
        Ok(i)
    }

    fn copy(&mut self, stmt: &[u8], t: &Tokens<'_>) -> Result<()> {
        let (ns, name) = match qname(t, 1) {
            Some((ns, n, _)) => (ns, n),
            None => (None, Vec::new()),
        };
        let from_stdin = (0..t.len()).any(|k| t.is_kw(k, "STDIN"));
        if !from_stdin {
            return self.keep(stmt, t);
        }
        let i = match self.cur {
            Some(i)
                if self.headers
                    && self.entries[i].desc == "TABLE DATA"
                    && self.entries[i].copy.is_none()
                    && self.entries[i].data.is_none() =>
            {
                i
            }
            _ => {
                let i = self.open_entry("TABLE DATA", name.clone(), ns.clone().or_else(public))?;
                self.entries[i].table = Some((ns.or_else(public), name));
                self.link(i);
                i
            }
        };
        self.entries[i].copy = Some(with_newline(stmt));
        self.open_data(i)
    }

    fn insert_start(&mut self, t: &Tokens<'_>, offset: u64) -> Result<()> {
        self.stmt_offset = offset;
        let k = skip_kws(t, 1, &["INTO"]);
        let (ns, name) = match qname(t, k) {
            Some((ns, n, _)) => (ns, n),
            None => (None, Vec::new()),
        };
        let i = self.data_entry(ns, name)?;
        if !matches!(self.block, Some((b, Block::Data(_))) if b == i) {
            self.open_data(i)?;
        }
        self.in_insert = true;
        Ok(())
    }

    fn spool_write(&mut self, bytes: &[u8]) -> Result<()> {
        self.spool.write_all(bytes).map_err(werr)?;
        self.spool_len += bytes.len() as u64;
        Ok(())
    }

    fn new_stream(&self) -> Stream {
        Stream {
            comp: (self.opts.level > 0)
                .then(|| flate2::Compress::new(flate2::Compression::new(self.opts.level), true)),
            buf: Vec::with_capacity(CHUNK),
        }
    }

    fn open_data(&mut self, idx: usize) -> Result<()> {
        self.close_block()?;
        let e = &mut self.entries[idx];
        e.data = Some(self.spool_len);
        e.dumper = true;
        let id = e.id;
        self.spool_write(&[BLK_DATA])?;
        self.spool_write(&int_bytes(id))?;
        let s = self.new_stream();
        self.block = Some((idx, Block::Data(s)));
        Ok(())
    }

    /// Bytes of the open table data block.
    fn data(&mut self, bytes: &[u8]) -> Result<()> {
        match self.block.take() {
            Some((i, Block::Data(mut s))) => {
                let r = self.stream_write(&mut s, bytes);
                self.block = Some((i, Block::Data(s)));
                r
            }
            other => {
                self.block = other;
                Err(Error::Internal(
                    "table data outside a data block in the archive writer".into(),
                ))
            }
        }
    }

    fn emit_chunk(&mut self, chunk: &[u8]) -> Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        self.spool_write(&int_bytes(chunk.len() as i64))?;
        self.spool_write(chunk)
    }

    fn stream_write(&mut self, s: &mut Stream, mut bytes: &[u8]) -> Result<()> {
        match s.comp.as_mut() {
            None => {
                while !bytes.is_empty() {
                    let n = (CHUNK - s.buf.len()).min(bytes.len());
                    s.buf.extend_from_slice(&bytes[..n]);
                    bytes = &bytes[n..];
                    if s.buf.len() >= CHUNK {
                        let buf = std::mem::take(&mut s.buf);
                        self.emit_chunk(&buf)?;
                        s.buf = buf;
                        s.buf.clear();
                    }
                }
            }
            Some(_) => {
                while !bytes.is_empty() {
                    let c = s
                        .comp
                        .as_mut()
                        .ok_or_else(|| Error::Internal("zlib".into()))?;
                    let before = c.total_in();
                    c.compress_vec(bytes, &mut s.buf, flate2::FlushCompress::None)
                        .map_err(|e| werr(io::Error::other(e)))?;
                    let used = (c.total_in() - before) as usize;
                    bytes = &bytes[used..];
                    if s.buf.len() == s.buf.capacity() {
                        let buf = std::mem::take(&mut s.buf);
                        self.emit_chunk(&buf)?;
                        s.buf = buf;
                        s.buf.clear();
                    }
                }
            }
        }
        Ok(())
    }

    /// End a stream: the rest of its bytes, then the zero-length chunk.
    fn stream_end(&mut self, mut s: Stream) -> Result<()> {
        if let Some(mut c) = s.comp.take() {
            loop {
                let st = c
                    .compress_vec(&[], &mut s.buf, flate2::FlushCompress::Finish)
                    .map_err(|e| werr(io::Error::other(e)))?;
                if st == flate2::Status::StreamEnd {
                    break;
                }
                if s.buf.len() == s.buf.capacity() {
                    let buf = std::mem::take(&mut s.buf);
                    self.emit_chunk(&buf)?;
                    s.buf = buf;
                    s.buf.clear();
                }
            }
        }
        let buf = std::mem::take(&mut s.buf);
        self.emit_chunk(&buf)?;
        self.spool_write(&int_bytes(0))
    }

    fn close_block(&mut self) -> Result<()> {
        self.in_insert = false;
        match self.block.take() {
            None => Ok(()),
            Some((_, Block::Data(s))) => self.stream_end(s),
            Some((_, Block::Blobs(open))) => {
                if let Some(s) = open {
                    self.stream_end(s)?;
                }
                // an OID of 0 ends the large objects
                self.spool_write(&int_bytes(0))
            }
        }
    }

    fn lo_open(&mut self, stmt: &[u8]) -> Result<()> {
        let oid = first_oid(stmt).ok_or_else(|| self.bad("a lo_open() call"))?;
        let in_blobs = matches!(self.block, Some((_, Block::Blobs(_))));
        if !in_blobs {
            let idx = match self.cur {
                Some(i) if self.entries[i].desc == "BLOBS" && self.entries[i].data.is_none() => i,
                _ => self.open_entry("BLOBS", b"BLOBS".to_vec(), public())?,
            };
            self.close_block()?;
            let e = &mut self.entries[idx];
            e.data = Some(self.spool_len);
            e.dumper = true;
            let id = e.id;
            self.spool_write(&[BLK_BLOBS])?;
            self.spool_write(&int_bytes(id))?;
            self.block = Some((idx, Block::Blobs(None)));
        }
        if let Some((i, Block::Blobs(open))) = self.block.take() {
            if let Some(s) = open {
                self.stream_end(s)?;
            }
            self.spool_write(&int_bytes(i64::from(oid)))?;
            let s = self.new_stream();
            self.block = Some((i, Block::Blobs(Some(s))));
        }
        Ok(())
    }

    fn lo_write(&mut self, bytes: &[u8]) -> Result<()> {
        match self.block.take() {
            Some((i, Block::Blobs(Some(mut s)))) => {
                let r = self.stream_write(&mut s, bytes);
                self.block = Some((i, Block::Blobs(Some(s))));
                r
            }
            other => {
                self.block = other;
                Err(self.bad("a lowrite() outside lo_open()/lo_close()"))
            }
        }
    }

    fn lo_close(&mut self) -> Result<()> {
        match self.block.take() {
            Some((i, Block::Blobs(Some(s)))) => {
                self.block = Some((i, Block::Blobs(None)));
                self.stream_end(s)
            }
            other => {
                self.block = other;
                Ok(())
            }
        }
    }

    /// Close the last block, then write header, TOC and data to `out`.
    fn finish<W: Write>(mut self, out: W) -> Result<Summary> {
        self.close_block()?;
        let mut spool = self.spool.into_inner().map_err(|e| werr(e.into_error()))?;
        let v = self.opts.version;
        let mut toc_entries: Vec<Entry> = Vec::new();
        let special = |id, desc: &str, defn: Vec<u8>| Entry {
            id,
            tag: desc.as_bytes().to_vec(),
            desc: desc.into(),
            section: SECTION_PRE_DATA,
            defn,
            ..Entry::default()
        };
        toc_entries.push(special(
            1,
            "ENCODING",
            self.encoding
                .take()
                .unwrap_or_else(|| b"SET client_encoding = 'UTF8';\n".to_vec()),
        ));
        toc_entries.push(special(
            2,
            "STDSTRINGS",
            self.stdstrings
                .take()
                .unwrap_or_else(|| b"SET standard_conforming_strings = 'on';\n".to_vec()),
        ));
        if let Some(sp) = self.searchpath.take() {
            toc_entries.push(special(3, "SEARCHPATH", sp));
        }
        let mut pending = std::mem::take(&mut self.pending);
        let mut group: Vec<Entry> = Vec::new();
        let flush_group = |group: &mut Vec<Entry>, toc: &mut Vec<Entry>| {
            // 1.16: BLOB METADATA entries of up to 1000 OIDs, one per line
            for g in group.chunks(LO_GROUP) {
                let mut defn = Vec::new();
                for e in g {
                    defn.extend_from_slice(format!("{}\n", e.oid).as_bytes());
                }
                let first = &g[0];
                toc.push(Entry {
                    id: first.id,
                    oid: first.oid,
                    tag: first.tag.clone(),
                    desc: "BLOB METADATA".into(),
                    section: SECTION_PRE_DATA,
                    defn,
                    namespace: public(),
                    ..Entry::default()
                });
            }
            group.clear();
        };
        for mut e in self.entries.drain(..) {
            if e.skip {
                continue;
            }
            if !pending.is_empty() {
                let mut d = std::mem::take(&mut pending);
                d.push(b'\n');
                d.extend_from_slice(&e.defn);
                e.defn = d;
            }
            if v >= ArchiveVersion::V1_16 && e.desc == "BLOB" {
                group.push(e);
                continue;
            }
            flush_group(&mut group, &mut toc_entries);
            toc_entries.push(e);
        }
        flush_group(&mut group, &mut toc_entries);
        if !pending.is_empty() {
            let id = self.next_id;
            let mut e = special(id, "SQL", pending);
            e.namespace = public();
            toc_entries.push(e);
        }
        // header
        let mut head = Vec::new();
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&[1, v.minor(), 0, INT_SIZE, OFF_SIZE, FORMAT_CUSTOM]);
        match v {
            ArchiveVersion::V1_14 => {
                // the zlib level (-1: zlib's default, as pg_dump without -Z)
                put_int(
                    &mut head,
                    if self.opts.level == 6 {
                        -1
                    } else {
                        i64::from(self.opts.level)
                    },
                )
            }
            ArchiveVersion::V1_16 => head.push(u8::from(self.opts.level > 0)),
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        for f in tm_fields(now) {
            put_int(&mut head, f);
        }
        put_str(&mut head, Some(self.opts.dbname.as_bytes()));
        put_str(&mut head, Some(b"15.0 (dumpfix)"));
        put_str(
            &mut head,
            Some(format!("dumpfix {}", env!("CARGO_PKG_VERSION")).as_bytes()),
        );
        let toc = |base: u64| -> Vec<u8> {
            let mut t = Vec::new();
            put_int(&mut t, toc_entries.len() as i64);
            for e in &toc_entries {
                put_int(&mut t, e.id);
                put_int(&mut t, i64::from(e.dumper));
                put_str(&mut t, Some(b"0"));
                put_str(&mut t, Some(e.oid.to_string().as_bytes()));
                put_str(&mut t, Some(&e.tag));
                put_str(&mut t, Some(e.desc.as_bytes()));
                put_int(&mut t, e.section);
                put_str(&mut t, Some(&e.defn));
                put_str(&mut t, Some(&e.drop));
                put_str(&mut t, Some(e.copy.as_deref().unwrap_or(b"")));
                put_str(&mut t, e.namespace.as_deref());
                put_str(&mut t, None);
                put_str(&mut t, None);
                if v >= ArchiveVersion::V1_16 {
                    put_int(&mut t, e.relkind);
                }
                // no owner (-O)
                put_str(&mut t, None);
                put_str(&mut t, Some(b"false"));
                for d in &e.deps {
                    put_str(&mut t, Some(d.to_string().as_bytes()));
                }
                put_str(&mut t, None);
                match e.data {
                    Some(off) => {
                        t.push(K_OFFSET_POS_SET);
                        t.extend_from_slice(&(base + off).to_le_bytes());
                    }
                    None => {
                        t.push(K_OFFSET_NO_DATA);
                        t.extend_from_slice(&0u64.to_le_bytes());
                    }
                }
            }
            t
        };
        let len = toc(0).len() as u64;
        let base = head.len() as u64 + len;
        let toc_bytes = toc(base);
        let mut out = BufWriter::with_capacity(1 << 20, out);
        let io = |e: io::Error| Error::Write {
            path: "the archive".into(),
            source: e,
        };
        out.write_all(&head).map_err(io)?;
        out.write_all(&toc_bytes).map_err(io)?;
        spool.seek(SeekFrom::Start(0)).map_err(werr)?;
        let copied = io::copy(&mut spool, &mut out).map_err(io)?;
        out.flush().map_err(io)?;
        Ok(Summary {
            entries: toc_entries.len(),
            data_blocks: toc_entries.iter().filter(|e| e.data.is_some()).count(),
            large_objects: self.large_objects,
            bytes: base + copied,
            left_out: LEFT_OUT
                .iter()
                .zip(self.left_out)
                .filter(|(_, (n, _))| *n > 0)
                .map(|(what, (n, first))| format!("{n} {what}, the first at byte {first}"))
                .collect(),
        })
    }
}

/// The desc names pg_dump uses for the entries `classify` makes.
fn known(desc: &str) -> bool {
    matches!(
        desc,
        "TABLE"
            | "VIEW"
            | "SEQUENCE"
            | "MATERIALIZED VIEW"
            | "INDEX"
            | "FUNCTION"
            | "PROCEDURE"
            | "TRIGGER"
            | "TYPE"
            | "DOMAIN"
            | "SCHEMA"
            | "EXTENSION"
            | "CONSTRAINT"
            | "FK CONSTRAINT"
            | "DEFAULT"
            | "SEQUENCE OWNED BY"
            | "COMMENT"
            | "SEQUENCE SET"
            | "BLOB"
    )
}

/// `ALTER … OWNER TO …`.
fn owner_to(t: &Tokens<'_>) -> bool {
    (1..t.len()).any(|k| t.is_kw(k, "OWNER") && t.is_kw(k + 1, "TO"))
}

/// `struct tm` fields (UTC) of a Unix time: sec, min, hour, mday, mon (0-11), year
/// since 1900, isdst.
fn tm_fields(secs: i64) -> [i64; 7] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // civil from days (Howard Hinnant's algorithm)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    [rem % 60, (rem / 60) % 60, rem / 3600, d, m - 1, y - 1900, 0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_are_sign_and_four_bytes() {
        let mut v = Vec::new();
        put_int(&mut v, -1);
        put_int(&mut v, 26);
        put_str(&mut v, None);
        put_str(&mut v, Some(b"ab"));
        assert_eq!(
            v,
            [1, 1, 0, 0, 0, 0, 26, 0, 0, 0, 1, 1, 0, 0, 0, 0, 2, 0, 0, 0, b'a', b'b']
        );
    }

    #[test]
    fn tm_of_a_known_time() {
        // 2026-12-06 21:56:29 UTC
        assert_eq!(tm_fields(1_796_594_189), [29, 56, 21, 6, 11, 126, 0]);
    }

    #[test]
    fn lowrite_literals() {
        assert_eq!(
            lowrite_bytes(b"SELECT pg_catalog.lowrite(0, '\\x00ff10');"),
            Some(vec![0, 255, 16])
        );
        assert_eq!(
            lowrite_bytes(b"SELECT pg_catalog.lowrite(0, E'\\\\x4142');"),
            Some(vec![0x41, 0x42])
        );
        assert_eq!(
            lowrite_bytes(b"SELECT pg_catalog.lowrite(0, '\\x4');"),
            None
        );
    }
}
