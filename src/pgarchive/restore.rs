//! The SQL script of an archive, as `pg_restore -f -` writes it with no options
//! (`RestoreArchive`, `restore_toc_entry`, `_printTocEntry`, `_tocEntryRequired`,
//! `_doSetFixedOutputState` in PostgreSQL's `pg_backup_archiver.c`): the same bytes,
//! with the behaviour of the pg_restore of the major version that wrote the archive
//! where they differ (`SET transaction_timeout` from 17, `ALTER SEQUENCE … OWNER`
//! rather than `ALTER TABLE` from 16: pg_restore 16.2 writes it, 15.20 does not).
//!
//! pg_restore writes `\restrict KEY` / `\unrestrict KEY` around the script (13.22,
//! 14.19, 15.14, 16.10, 17.6 and 18 on) with a random key; so does this, with a key of
//! its own, for archives of those releases ([`Header::writes_restrict`]).

use std::io::{self, Write};

use super::{ArchiveError, Header, TocEntry};

/// Why a restore stopped.
#[derive(Debug)]
pub enum Failure {
    /// The archive is malformed.
    Archive(ArchiveError),
    /// Writing the script failed (the reader went away).
    Write(io::Error),
}

impl From<ArchiveError> for Failure {
    fn from(e: ArchiveError) -> Self {
        Failure::Archive(e)
    }
}

/// Where the data of entries comes from (one implementation per format).
pub trait Data {
    /// Write the data of `te` (rows in COPY text, or INSERT statements) to `out`.
    fn rows(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure>;
    /// Write the large objects of the `BLOBS` entry `te` through [`Out::lo_start`],
    /// [`Out::lo_write`] and [`Out::lo_end`].
    fn large_objects(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure>;
}

/// `LOBBUFSIZE`: bytes of a large object per `lowrite` call.
const LO_CHUNK: usize = 16384;

/// The script being written.
pub struct Out<'a> {
    w: &'a mut dyn Write,
    std_strings: bool,
    lo: Option<Vec<u8>>,
    hex: Vec<u8>,
}

impl<'a> Out<'a> {
    /// Write into `w`.
    pub fn new(w: &'a mut dyn Write) -> Self {
        Out {
            w,
            std_strings: false,
            lo: None,
            hex: Vec::new(),
        }
    }

    /// Write `b` (inside a large object: its bytes).
    pub fn put(&mut self, b: &[u8]) -> Result<(), Failure> {
        if self.lo.is_some() {
            return self.lo_write(b);
        }
        self.w.write_all(b).map_err(Failure::Write)
    }

    /// `StartRestoreLO`.
    pub fn lo_start(&mut self, oid: u32) -> Result<(), Failure> {
        self.put(format!("SELECT pg_catalog.lo_open('{oid}', 131072);\n").as_bytes())?;
        self.lo = Some(Vec::with_capacity(LO_CHUNK));
        Ok(())
    }

    /// Bytes of the large object being written: `lowrite` calls of [`LO_CHUNK`]
    /// bytes, as pg_restore buffers them.
    pub fn lo_write(&mut self, mut b: &[u8]) -> Result<(), Failure> {
        while !b.is_empty() {
            let Some(buf) = self.lo.as_mut() else {
                return self.put(b);
            };
            if buf.len() == LO_CHUNK {
                self.flush_lo()?;
                continue;
            }
            let n = (LO_CHUNK - buf.len()).min(b.len());
            buf.extend_from_slice(&b[..n]);
            b = &b[n..];
        }
        Ok(())
    }

    fn flush_lo(&mut self) -> Result<(), Failure> {
        let Some(buf) = self.lo.as_mut() else {
            return Ok(());
        };
        if buf.is_empty() {
            return Ok(());
        }
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.hex.clear();
        self.hex.extend_from_slice(b"SELECT pg_catalog.lowrite(0, ");
        if self.std_strings {
            self.hex.extend_from_slice(b"'\\x");
        } else {
            self.hex.extend_from_slice(b"E'\\\\x");
        }
        for &c in buf.iter() {
            self.hex.push(HEX[usize::from(c >> 4)]);
            self.hex.push(HEX[usize::from(c & 15)]);
        }
        self.hex.extend_from_slice(b"');\n");
        buf.clear();
        self.w.write_all(&self.hex).map_err(Failure::Write)
    }

    /// `EndRestoreLO`.
    pub fn lo_end(&mut self) -> Result<(), Failure> {
        self.flush_lo()?;
        self.lo = None;
        self.put(b"SELECT pg_catalog.lo_close(0);\n\n")
    }
}

/// `RESTORE_PASS_*`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Main,
    Acl,
    PostAcl,
}

const REQ_SCHEMA: u8 = 1;
const REQ_DATA: u8 = 2;
const REQ_SPECIAL: u8 = 4;
const REQ_STATS: u8 = 8;

/// `RELKIND_PARTITIONED_TABLE`.
const RELKIND_PARTITIONED_TABLE: i64 = b'p' as i64;

/// Keywords that are not unreserved (`pg_get_keywords()` with `catcode <> 'U'` on
/// PostgreSQL 15): `fmtId` quotes them.
const KEYWORDS_15: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

/// Keywords that became not unreserved in PostgreSQL 16 (SQL/JSON constructors,
/// `SYSTEM_USER`).
const KEYWORDS_16: &[&str] = &[
    "json_array",
    "json_arrayagg",
    "json_object",
    "json_objectagg",
    "system_user",
];

/// … and in PostgreSQL 17 (SQL/JSON query functions, `MERGE_ACTION`).
const KEYWORDS_17: &[&str] = &[
    "json",
    "json_exists",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "merge_action",
];

/// The pg_restore being imitated.
struct Restorer<'h> {
    major: u32,
    header: &'h Header,
    encoding: Vec<u8>,
    std_strings: bool,
    search_path: Option<Vec<u8>>,
    curr_schema: Option<Vec<u8>>,
    curr_tablespace: Option<Vec<u8>>,
    curr_tableam: Option<Vec<u8>>,
}

impl Restorer<'_> {
    /// `fmtId`: bare when a lower-case identifier that is not a keyword (other than
    /// unreserved), else in double quotes.
    fn fmt_id(&self, id: &[u8]) -> Vec<u8> {
        super::fmt_id(id, |w| self.is_keyword(w))
    }

    fn is_keyword(&self, id: &[u8]) -> bool {
        let Ok(s) = std::str::from_utf8(id) else {
            return false;
        };
        KEYWORDS_15.binary_search(&s).is_ok()
            || (self.major >= 16 && KEYWORDS_16.contains(&s))
            || (self.major >= 17 && KEYWORDS_17.contains(&s))
    }

    fn fmt_qualified(&self, schema: Option<&[u8]>, id: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        if let Some(s) = schema.filter(|s| !s.is_empty()) {
            v.extend_from_slice(&self.fmt_id(s));
            v.push(b'.');
        }
        v.extend_from_slice(&self.fmt_id(id));
        v
    }

    /// `_tocEntryRequired` with pg_restore's default options.
    fn required(&self, te: &TocEntry, section: i64) -> u8 {
        let mut res = REQ_SCHEMA | REQ_DATA;
        if te.is("ENCODING") || te.is("STDSTRINGS") || te.is("SEARCHPATH") {
            return REQ_SPECIAL;
        }
        if self.major >= 18 && te.is("STATISTICS DATA") {
            res = REQ_STATS;
        }
        if te.is("DATABASE") || te.is("DATABASE PROPERTIES") {
            return 0;
        }
        if !(2..=4).contains(&section) {
            return 0;
        }
        if (te.is("ACL") || te.is("COMMENT") || te.is("SECURITY LABEL"))
            && te
                .tag
                .as_deref()
                .is_some_and(|t| t.starts_with(b"DATABASE "))
        {
            return 0;
        }
        let tag = te.tag.as_deref().unwrap_or_default();
        if !te.had_dumper {
            let lo = tag.starts_with(b"LARGE OBJECT");
            if te.is("SEQUENCE SET")
                || te.is("BLOB")
                || te.is("BLOB METADATA")
                || (te.is("ACL") && lo)
                || (te.is("COMMENT") && lo)
                || (te.is("SECURITY LABEL") && lo)
            {
                res &= REQ_DATA;
            } else {
                res &= !REQ_DATA;
            }
        }
        let defn = te.defn.as_deref().unwrap_or_default();
        if defn.is_empty() || defn.starts_with(b"-- load via partition root ") {
            res &= !REQ_SCHEMA;
        }
        if te.is("<Init>") && tag == b"Max OID" {
            return 0;
        }
        res
    }

    /// `_tocEntryRestorePass`.
    fn pass(te: &TocEntry) -> Pass {
        if te.is("ACL") || te.is("ACL LANGUAGE") || te.is("DEFAULT ACL") {
            return Pass::Acl;
        }
        if te.is("EVENT TRIGGER") || te.is("MATERIALIZED VIEW DATA") {
            return Pass::PostAcl;
        }
        if (te.is("COMMENT") || te.is("SECURITY LABEL"))
            && te
                .tag
                .as_deref()
                .is_some_and(|t| t.starts_with(b"EVENT TRIGGER "))
        {
            return Pass::PostAcl;
        }
        if te.is("STATISTICS DATA") && te.section == 4 {
            return Pass::PostAcl;
        }
        Pass::Main
    }

    /// `_doSetFixedOutputState`.
    fn fixed_state(&self, out: &mut Out<'_>) -> Result<(), Failure> {
        let mut s = Vec::new();
        s.extend_from_slice(
            b"SET statement_timeout = 0;\nSET lock_timeout = 0;\n\
              SET idle_in_transaction_session_timeout = 0;\n",
        );
        if self.major >= 17 {
            s.extend_from_slice(b"SET transaction_timeout = 0;\n");
        }
        s.extend_from_slice(b"SET client_encoding = '");
        s.extend_from_slice(&self.encoding);
        s.extend_from_slice(b"';\nSET standard_conforming_strings = ");
        s.extend_from_slice(if self.std_strings { b"on" } else { b"off" });
        s.extend_from_slice(b";\n");
        if let Some(p) = &self.search_path {
            s.extend_from_slice(p);
        }
        s.extend_from_slice(
            b"SET check_function_bodies = false;\nSET xmloption = content;\n\
              SET client_min_messages = warning;\n",
        );
        if !self.std_strings {
            s.extend_from_slice(b"SET escape_string_warning = off;\n");
        }
        s.extend_from_slice(b"SET row_security = off;\n\n");
        out.put(&s)
    }

    /// `_getObjectDescription`: what follows `ALTER` in `ALTER … OWNER TO`, or
    /// nothing for objects without an owner of their own.
    fn object_description(&self, te: &TocEntry) -> Vec<u8> {
        let mut ty: &[u8] = &te.desc;
        if self.major < 16 && (ty == b"VIEW" || ty == b"SEQUENCE" || ty == b"MATERIALIZED VIEW") {
            ty = b"TABLE";
        }
        const PLAIN: &[&[u8]] = &[
            b"COLLATION",
            b"CONVERSION",
            b"DOMAIN",
            b"FOREIGN TABLE",
            b"MATERIALIZED VIEW",
            b"SEQUENCE",
            b"STATISTICS",
            b"TABLE",
            b"TEXT SEARCH DICTIONARY",
            b"TEXT SEARCH CONFIGURATION",
            b"TYPE",
            b"VIEW",
            b"DATABASE",
            b"PROCEDURAL LANGUAGE",
            b"SCHEMA",
            b"EVENT TRIGGER",
            b"FOREIGN DATA WRAPPER",
            b"SERVER",
            b"PUBLICATION",
            b"SUBSCRIPTION",
        ];
        const FROM_DROP: &[&[u8]] = &[
            b"AGGREGATE",
            b"FUNCTION",
            b"OPERATOR",
            b"OPERATOR CLASS",
            b"OPERATOR FAMILY",
            b"PROCEDURE",
        ];
        let mut v = Vec::new();
        if PLAIN.contains(&ty) {
            v.extend_from_slice(ty);
            v.push(b' ');
            if let Some(ns) = te.namespace.as_deref().filter(|n| !n.is_empty()) {
                v.extend_from_slice(&self.fmt_id(ns));
                v.push(b'.');
            }
            v.extend_from_slice(&self.fmt_id(te.tag.as_deref().unwrap_or_default()));
        } else if ty == b"BLOB" {
            v.extend_from_slice(b"LARGE OBJECT ");
            v.extend_from_slice(te.tag.as_deref().unwrap_or_default());
        } else if FROM_DROP.contains(&ty) {
            let drop = te.drop_stmt.as_deref().unwrap_or_default();
            let mut first = drop.get(5..).unwrap_or_default();
            while let Some((&last, rest)) = first.split_last() {
                if last == b'\n' || last == b';' {
                    first = rest;
                } else {
                    break;
                }
            }
            v.extend_from_slice(first);
        }
        v
    }

    /// `IssueCommandPerBlob`: `begin OID end;` for each OID line of the entry's
    /// definition, then an empty line.
    fn per_blob(
        &self,
        blob: &TocEntry,
        begin: &[u8],
        end: &[u8],
        out: &mut Out<'_>,
    ) -> Result<(), Failure> {
        let defn = blob.defn.as_deref().unwrap_or_default();
        let mut s = Vec::new();
        let mut rest = defn;
        while let Some(nl) = rest.iter().position(|&c| c == b'\n') {
            s.extend_from_slice(begin);
            s.extend_from_slice(&rest[..nl]);
            s.extend_from_slice(end);
            s.extend_from_slice(b";\n");
            rest = &rest[nl + 1..];
        }
        s.push(b'\n');
        out.put(&s)
    }

    /// `IssueACLPerBlob`: the GRANT/REVOKE commands of an `ACL` entry for `LARGE
    /// OBJECTS a..b`, applied to each large object of the BLOB METADATA entry it
    /// depends on.
    fn acl_per_blob(
        &self,
        te: &TocEntry,
        toc: &[TocEntry],
        out: &mut Out<'_>,
    ) -> Result<(), Failure> {
        let Some(blob) = te
            .deps
            .first()
            .and_then(|d| toc.iter().find(|t| t.dump_id == *d))
        else {
            return Err(Failure::Archive(ArchiveError {
                offset: 0,
                message: format!(
                    "could not find the entry {} that {} depends on",
                    te.deps.first().copied().unwrap_or(0),
                    te.describe()
                ),
            }));
        };
        let buf = te.defn.as_deref().unwrap_or_default();
        let mut inquotes = false;
        let mut st = 0;
        let mut st2: Option<(usize, usize)> = None;
        let mut en = 0;
        while en < buf.len() {
            if buf[en] == b'"' {
                inquotes = !inquotes;
            }
            if inquotes {
                en += 1;
                continue;
            }
            if buf[en..].starts_with(b"LARGE OBJECT ") {
                en += 13;
                let first_end = en;
                while en < buf.len() && buf[en].is_ascii_digit() {
                    en += 1;
                }
                st2 = Some((first_end, en));
            } else if buf[en] == b';' {
                let (first_end, second) = st2.unwrap_or((en, en));
                self.per_blob(blob, &buf[st..first_end], &buf[second..en], out)?;
                en += 1;
                while en < buf.len() && buf[en].is_ascii_whitespace() {
                    en += 1;
                }
                st = en;
                st2 = None;
            } else {
                en += 1;
            }
        }
        Ok(())
    }

    /// `_printTocEntry`.
    fn print_entry(
        &mut self,
        te: &TocEntry,
        toc: &[TocEntry],
        pfx: &str,
        out: &mut Out<'_>,
    ) -> Result<(), Failure> {
        let mut s = Vec::new();
        if self.search_path.is_none() {
            if let Some(ns) = te.namespace.as_deref().filter(|n| !n.is_empty()) {
                if self.curr_schema.as_deref() != Some(ns) {
                    s.extend_from_slice(b"SET search_path = ");
                    s.extend_from_slice(&self.fmt_id(ns));
                    if ns != b"pg_catalog" {
                        s.extend_from_slice(b", pg_catalog");
                    }
                    s.extend_from_slice(b";\n\n");
                    self.curr_schema = Some(ns.to_vec());
                }
            }
        }
        if let Some(ts) = te.tablespace.as_deref() {
            if self.curr_tablespace.as_deref() != Some(ts) {
                if ts.is_empty() {
                    s.extend_from_slice(b"SET default_tablespace = '';\n\n");
                } else {
                    s.extend_from_slice(b"SET default_tablespace = ");
                    s.extend_from_slice(&self.fmt_id(ts));
                    s.extend_from_slice(b";\n\n");
                }
                self.curr_tablespace = Some(ts.to_vec());
            }
        }
        if te.relkind != RELKIND_PARTITIONED_TABLE {
            if let Some(am) = te.tableam.as_deref() {
                if self.curr_tableam.as_deref() != Some(am) {
                    s.extend_from_slice(b"SET default_table_access_method = ");
                    s.extend_from_slice(&self.fmt_id(am));
                    s.extend_from_slice(b";\n\n");
                    self.curr_tableam = Some(am.to_vec());
                }
            }
        }
        let sanitize = |v: Option<&[u8]>, hyphen: bool| -> Vec<u8> {
            match v {
                None if hyphen => b"-".to_vec(),
                None => Vec::new(),
                Some(b) => b
                    .iter()
                    .map(|&c| if c == b'\n' || c == b'\r' { b' ' } else { c })
                    .collect(),
            }
        };
        s.extend_from_slice(b"--\n-- ");
        s.extend_from_slice(pfx.as_bytes());
        s.extend_from_slice(b"Name: ");
        s.extend_from_slice(&sanitize(te.tag.as_deref(), false));
        s.extend_from_slice(b"; Type: ");
        s.extend_from_slice(&te.desc);
        s.extend_from_slice(b"; Schema: ");
        s.extend_from_slice(&sanitize(te.namespace.as_deref(), true));
        s.extend_from_slice(b"; Owner: ");
        s.extend_from_slice(&sanitize(te.owner.as_deref(), true));
        if let Some(ts) = te.tablespace.as_deref().filter(|t| !t.is_empty()) {
            s.extend_from_slice(b"; Tablespace: ");
            s.extend_from_slice(&sanitize(Some(ts), false));
        }
        s.extend_from_slice(b"\n--\n\n");
        out.put(&s)?;
        s.clear();

        let defn = te.defn.as_deref().unwrap_or_default();
        let tag = te.tag.as_deref().unwrap_or_default();
        if te.is("BLOB METADATA") {
            self.per_blob(te, b"SELECT pg_catalog.lo_create('", b"')", out)?;
        } else if te.is("ACL") && tag.starts_with(b"LARGE OBJECTS") {
            self.acl_per_blob(te, toc, out)?;
        } else if !defn.is_empty() {
            s.extend_from_slice(defn);
            s.extend_from_slice(b"\n\n");
        }

        let owner = te.owner.as_deref().unwrap_or_default();
        let drop = te.drop_stmt.as_deref().unwrap_or_default();
        if !owner.is_empty() && !drop.is_empty() {
            if te.is("BLOB METADATA") {
                out.put(&s)?;
                s.clear();
                let mut end = b" OWNER TO ".to_vec();
                end.extend_from_slice(&self.fmt_id(owner));
                self.per_blob(te, b"ALTER LARGE OBJECT ", &end, out)?;
            } else {
                let d = self.object_description(te);
                if !d.is_empty() {
                    s.extend_from_slice(b"ALTER ");
                    s.extend_from_slice(&d);
                    s.extend_from_slice(b" OWNER TO ");
                    s.extend_from_slice(&self.fmt_id(owner));
                    s.extend_from_slice(b";\n\n");
                }
            }
        }
        if te.relkind == RELKIND_PARTITIONED_TABLE {
            if let Some(am) = te.tableam.as_deref() {
                s.extend_from_slice(b"ALTER TABLE ");
                s.extend_from_slice(&self.fmt_qualified(te.namespace.as_deref(), tag));
                s.extend_from_slice(b" SET ACCESS METHOD ");
                s.extend_from_slice(&self.fmt_id(am));
                s.extend_from_slice(b";\n\n");
            }
        }
        out.put(&s)
    }

    /// `restore_toc_entry`.
    fn restore_entry(
        &mut self,
        te: &TocEntry,
        reqs: u8,
        toc: &[TocEntry],
        data: &mut dyn Data,
        out: &mut Out<'_>,
    ) -> Result<(), Failure> {
        let mut defn_dumped = false;
        if reqs & REQ_SCHEMA != 0 {
            self.print_entry(te, toc, "", out)?;
            defn_dumped = true;
        }
        if reqs & REQ_DATA != 0 {
            if te.had_dumper {
                self.print_entry(te, toc, "Data for ", out)?;
                if te.is("BLOBS") || te.is("BLOB COMMENTS") {
                    let in_txn = te.is("BLOBS");
                    if in_txn {
                        out.put(b"BEGIN;\n\n")?;
                    }
                    data.large_objects(te, out)?;
                    if in_txn {
                        out.put(b"COMMIT;\n\n")?;
                    }
                } else {
                    if let Some(c) = te.copy_stmt.as_deref().filter(|c| !c.is_empty()) {
                        out.put(c)?;
                    }
                    data.rows(te, out)?;
                }
            } else if !defn_dumped {
                self.print_entry(te, toc, "", out)?;
            }
        }
        if reqs & REQ_STATS != 0 {
            self.print_entry(te, toc, "Statistics for ", out)?;
        }
        Ok(())
    }
}

/// Write the script of the archive (`header`, `toc`, data from `data`) to `w`, with
/// `key` in its `\restrict` lines.
pub fn restore(
    header: &Header,
    toc: &[TocEntry],
    data: &mut dyn Data,
    w: &mut dyn Write,
    key: &str,
) -> Result<(), Failure> {
    let mut r = Restorer {
        major: header.dump_major(),
        header,
        encoding: b"SQL_ASCII".to_vec(),
        std_strings: false,
        search_path: None,
        curr_schema: None,
        curr_tablespace: None,
        curr_tableam: None,
    };
    for te in toc {
        let defn = te.defn.as_deref().unwrap_or_default();
        if te.is("ENCODING") {
            let mut parts = defn.split(|&c| c == b'\'');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(_), Some(enc), Some(_)) => r.encoding = enc.to_vec(),
                _ => {
                    return Err(Failure::Archive(ArchiveError {
                        offset: 0,
                        message: format!(
                            "invalid ENCODING item: {}",
                            String::from_utf8_lossy(defn)
                        ),
                    }))
                }
            }
        } else if te.is("STDSTRINGS") {
            let q = defn.iter().position(|&c| c == b'\'').map(|i| &defn[i..]);
            match q {
                Some(q) if q.starts_with(b"'on'") => r.std_strings = true,
                Some(q) if q.starts_with(b"'off'") => r.std_strings = false,
                _ => {
                    return Err(Failure::Archive(ArchiveError {
                        offset: 0,
                        message: format!(
                            "invalid STDSTRINGS item: {}",
                            String::from_utf8_lossy(defn)
                        ),
                    }))
                }
            }
        } else if te.is("SEARCHPATH") {
            r.search_path = Some(defn.to_vec());
        }
    }
    let mut out = Out::new(w);
    out.std_strings = r.std_strings;

    let mut head = b"--\n-- PostgreSQL database dump\n--\n\n".to_vec();
    let restrict = r.header.writes_restrict();
    if restrict {
        head.extend_from_slice(format!("\\restrict {key}\n\n").as_bytes());
    }
    if let Some(v) = &r.header.remote_version {
        head.extend_from_slice(b"-- Dumped from database version ");
        head.extend_from_slice(v);
        head.push(b'\n');
    }
    if let Some(v) = &r.header.dump_version {
        head.extend_from_slice(b"-- Dumped by pg_dump version ");
        head.extend_from_slice(v);
        head.push(b'\n');
    }
    head.push(b'\n');
    out.put(&head)?;
    r.fixed_state(&mut out)?;

    // ProcessArchiveRestoreOptions: mark what is wanted.
    let mut section = 2;
    let reqs: Vec<u8> = toc
        .iter()
        .map(|te| {
            if te.section != 1 {
                section = te.section;
            }
            r.required(te, section)
        })
        .collect();
    let want = REQ_SCHEMA | REQ_DATA | REQ_STATS;
    for pass in [Pass::Main, Pass::Acl, Pass::PostAcl] {
        for (te, &q) in toc.iter().zip(&reqs) {
            if q & want != 0 && Restorer::pass(te) == pass {
                r.restore_entry(te, q, toc, data, &mut out)?;
            }
        }
    }
    out.put(b"--\n-- PostgreSQL database dump complete\n--\n\n")?;
    if restrict {
        out.put(format!("\\unrestrict {key}\n\n").as_bytes())?;
    }
    Ok(())
}

/// A key for `\restrict`: 63 letters and digits, as pg_restore makes them
/// (`generate_restrict_key`), so that byte offsets in reports agree with its script.
pub fn restrict_key() -> String {
    use std::hash::{BuildHasher, Hasher};
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut seed = [0u8; 64];
    let from_os = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| io::Read::read_exact(&mut f, &mut seed))
        .is_ok();
    if !from_os {
        for (i, b) in seed.iter_mut().enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            *b = h.finish() as u8;
        }
    }
    seed[..63]
        .iter()
        .map(|&b| ALNUM[usize::from(b) % ALNUM.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pgarchive::{Compression, Format};

    fn header(dump_version: &str) -> Header {
        Header {
            version: (1, 16, 0),
            int_size: 4,
            off_size: 8,
            format: Format::Custom,
            compression: Compression::None,
            created: [0; 7],
            dbname: None,
            remote_version: None,
            dump_version: Some(dump_version.as_bytes().to_vec()),
        }
    }

    #[test]
    fn restrict_lines_by_release() {
        for (v, want) in [
            ("15.20 (Debian 15.20-0+deb12u1)", true),
            ("15.13", false),
            ("16.2", false),
            ("16.10", true),
            ("17.5", false),
            ("17.10", true),
            ("18.6", true),
            ("18devel", true),
            ("12.22", false),
            ("dumpfix", true),
        ] {
            assert_eq!(header(v).writes_restrict(), want, "{v}");
        }
    }

    fn restorer(h: &Header) -> Restorer<'_> {
        Restorer {
            major: h.dump_major(),
            header: h,
            encoding: b"UTF8".to_vec(),
            std_strings: true,
            search_path: None,
            curr_schema: None,
            curr_tablespace: None,
            curr_tableam: None,
        }
    }

    #[test]
    fn fmt_id_quotes_like_pg_dump() {
        let h15 = header("15.20 (Debian 15.20-0+deb12u1)");
        let h17 = header("17.10");
        let r15 = restorer(&h15);
        let r17 = restorer(&h17);
        assert_eq!(r15.major, 15);
        assert_eq!(r17.major, 17);
        for (id, want) in [
            ("t1", "t1"),
            ("_x9", "_x9"),
            ("order", "\"order\""),
            ("user", "\"user\""),
            ("integer", "\"integer\""),
            ("name", "name"),
            ("Mixed Case", "\"Mixed Case\""),
            ("a\"b", "\"a\"\"b\""),
            ("1abc", "\"1abc\""),
            ("ünï", "\"ünï\""),
        ] {
            assert_eq!(r15.fmt_id(id.as_bytes()), want.as_bytes(), "{id}");
        }
        // a keyword only from PostgreSQL 17 on
        assert_eq!(r15.fmt_id(b"json_table"), b"json_table");
        assert_eq!(r17.fmt_id(b"json_table"), b"\"json_table\"");
        // the list is sorted (binary search)
        assert!(KEYWORDS_15.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn owner_statements_by_version() {
        let h15 = header("15.20");
        let h17 = header("17.10");
        let seq = TocEntry {
            desc: b"SEQUENCE".to_vec(),
            tag: Some(b"Counter".to_vec()),
            namespace: Some(b"public".to_vec()),
            ..TocEntry::default()
        };
        assert_eq!(
            restorer(&h15).object_description(&seq),
            b"TABLE public.\"Counter\""
        );
        assert_eq!(
            restorer(&h17).object_description(&seq),
            b"SEQUENCE public.\"Counter\""
        );
        // pg_restore 16.2 (pgserver's build) already writes ALTER SEQUENCE
        assert_eq!(
            restorer(&header("16.2")).object_description(&seq),
            b"SEQUENCE public.\"Counter\""
        );
        let f = TocEntry {
            desc: b"FUNCTION".to_vec(),
            drop_stmt: Some(b"DROP FUNCTION public.add1(integer);\n".to_vec()),
            ..TocEntry::default()
        };
        assert_eq!(
            restorer(&h17).object_description(&f),
            b"FUNCTION public.add1(integer)"
        );
        let idx = TocEntry {
            desc: b"INDEX".to_vec(),
            ..TocEntry::default()
        };
        assert!(restorer(&h17).object_description(&idx).is_empty());
    }

    #[test]
    fn large_object_acls_are_applied_to_each_object() {
        let h = header("17.10");
        let r = restorer(&h);
        let meta = TocEntry {
            dump_id: 7,
            desc: b"BLOB METADATA".to_vec(),
            defn: Some(b"16400\n16401\n".to_vec()),
            ..TocEntry::default()
        };
        let acl = TocEntry {
            dump_id: 9,
            desc: b"ACL".to_vec(),
            tag: Some(b"LARGE OBJECTS 16400..16401".to_vec()),
            defn: Some(
                b"GRANT SELECT ON LARGE OBJECT 16400 TO \"a;b\";\nREVOKE ALL ON LARGE OBJECT 16400 FROM PUBLIC;\n"
                    .to_vec(),
            ),
            deps: vec![7],
            ..TocEntry::default()
        };
        let toc = vec![meta, acl.clone()];
        let mut buf = Vec::new();
        let mut out = Out::new(&mut buf);
        assert!(r.acl_per_blob(&acl, &toc, &mut out).is_ok());
        assert_eq!(
            String::from_utf8_lossy(&buf),
            "GRANT SELECT ON LARGE OBJECT 16400 TO \"a;b\";\n\
             GRANT SELECT ON LARGE OBJECT 16401 TO \"a;b\";\n\n\
             REVOKE ALL ON LARGE OBJECT 16400 FROM PUBLIC;\n\
             REVOKE ALL ON LARGE OBJECT 16401 FROM PUBLIC;\n\n"
        );
    }

    #[test]
    fn large_object_bytes_go_out_in_16k_lowrite_calls() {
        let mut buf = Vec::new();
        let mut out = Out::new(&mut buf);
        out.std_strings = true;
        assert!(out.lo_start(42).is_ok());
        assert!(out.put(&[0xab; 20000]).is_ok());
        assert!(out.lo_end().is_ok());
        let text = String::from_utf8_lossy(&buf);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "SELECT pg_catalog.lo_open('42', 131072);");
        assert_eq!(
            lines[1].len(),
            "SELECT pg_catalog.lowrite(0, '\\x');".len() + 2 * 16384
        );
        assert_eq!(
            lines[2].len(),
            "SELECT pg_catalog.lowrite(0, '\\x');".len() + 2 * (20000 - 16384)
        );
        assert_eq!(lines[3], "SELECT pg_catalog.lo_close(0);");
        // without standard_conforming_strings: E'\\x…'
        let mut buf = Vec::new();
        let mut out = Out::new(&mut buf);
        assert!(out.lo_start(1).is_ok() && out.put(b"\x01").is_ok() && out.lo_end().is_ok());
        assert!(String::from_utf8_lossy(&buf).contains("lowrite(0, E'\\\\x01');\n"));
    }
}
