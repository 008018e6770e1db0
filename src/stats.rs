//! `dumpfix stats`: what a dump holds — dialect, producer, statement counts by kind,
//! and per table the rows its INSERTs and COPY blocks carry.

use std::collections::{BTreeMap, HashMap};

use crate::lex::driver::PieceRef;
use crate::lex::{Dialect, Kind};

/// Rows per table.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TableRows {
    /// The table name, unquoted, schema-qualified as the dump writes it.
    pub name: String,
    /// Rows in its INSERT tuples and COPY lines.
    pub rows: u64,
}

/// The figures of a dump.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Stats {
    /// `mysql` or `postgresql`.
    pub dialect: String,
    /// Which program wrote it.
    pub producer: String,
    /// The producer's version, if known.
    pub version: Option<String>,
    /// Encoding layers around the SQL (`gzip`, `zstd`, `tar:member`).
    pub encoding: Vec<String>,
    /// Decoded bytes.
    pub bytes: u64,
    /// Bytes of the compressed or archived input (absent for plain input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compressed_bytes: Option<u64>,
    /// Lines.
    pub lines: u64,
    /// SQL statements (an extended INSERT counts once).
    pub statements: u64,
    /// Statements by kind (`INSERT`, `CREATE TABLE`, `SET`, …).
    pub kinds: BTreeMap<String, u64>,
    /// Client commands (`DELIMITER`, psql `\connect`, …).
    pub commands: u64,
    /// Tables in order of first appearance (created or filled).
    pub tables: Vec<TableRows>,
}

/// Accumulates [`Stats`] from pieces.
pub struct Collector {
    dialect: Dialect,
    stats: Stats,
    index: HashMap<String, usize>,
    /// Table whose rows the following tuples / COPY lines are.
    current: Option<usize>,
    last_end_line: u64,
    ends_with_newline: bool,
}

impl Collector {
    /// A collector for a dump in `dialect`.
    pub fn new(dialect: Dialect) -> Self {
        Collector {
            dialect,
            stats: Stats {
                dialect: dialect.to_string(),
                ..Stats::default()
            },
            index: HashMap::new(),
            current: None,
            last_end_line: 1,
            ends_with_newline: true,
        }
    }

    fn table(&mut self, name: String) -> usize {
        if let Some(&i) = self.index.get(&name) {
            return i;
        }
        let i = self.stats.tables.len();
        self.index.insert(name.clone(), i);
        self.stats.tables.push(TableRows { name, rows: 0 });
        i
    }

    /// Count one piece.
    pub fn piece(&mut self, p: &PieceRef<'_>) {
        self.stats.bytes += p.bytes.len() as u64;
        if let Some(&last) = p.bytes.last() {
            self.ends_with_newline = last == b'\n';
            self.last_end_line = p.line + crate::lex::driver::count_lines(p.bytes);
        }
        if p.piece.continued {
            return;
        }
        // The piece is the first fragment of a longer one: a name running to its end
        // goes on in the next fragment.
        let cut = p.piece.partial;
        match p.kind() {
            Kind::Statement => {
                let words = leading_words(p.bytes, 12);
                let kind = statement_kind(&words);
                self.stats.statements += 1;
                *self.stats.kinds.entry(kind.clone()).or_default() += 1;
                self.current = None;
                match kind.as_str() {
                    "CREATE TABLE" => {
                        if let Some(name) = name_after(p.bytes, &["table"], self.dialect, cut) {
                            self.table(name);
                        }
                    }
                    "COPY" => {
                        if let Some(name) = name_after(p.bytes, &["copy"], self.dialect, cut) {
                            self.current = Some(self.table(name));
                        }
                    }
                    _ => {}
                }
            }
            Kind::InsertHead => {
                let words = leading_words(p.bytes, 1);
                let kind = words.first().cloned().unwrap_or_else(|| "INSERT".into());
                self.stats.statements += 1;
                *self.stats.kinds.entry(kind).or_default() += 1;
                self.current =
                    name_after(p.bytes, &["into", "insert", "replace"], self.dialect, cut)
                        .map(|n| self.table(n));
            }
            Kind::Tuple | Kind::CopyRow => {
                if let Some(i) = self.current {
                    self.stats.tables[i].rows += 1;
                }
            }
            Kind::CopyRows => {
                if let Some(i) = self.current {
                    self.stats.tables[i].rows += crate::lex::driver::count_lines(p.bytes);
                }
            }
            Kind::InsertTail | Kind::CopyEnd => self.current = None,
            Kind::Command => self.stats.commands += 1,
            Kind::Blank => {}
        }
    }

    /// The figures, with the producer filled in.
    pub fn finish(
        mut self,
        producer: &str,
        version: Option<String>,
        encoding: Vec<String>,
    ) -> Stats {
        self.stats.producer = producer.to_string();
        self.stats.version = version;
        self.stats.encoding = encoding;
        self.stats.lines = if self.stats.bytes == 0 {
            0
        } else if self.ends_with_newline {
            self.last_end_line - 1
        } else {
            self.last_end_line
        };
        self.stats
    }
}

/// Up to `n` upper-cased words at the start of a statement, skipping comments,
/// MySQL executable-comment markers and quoted text.
fn leading_words(s: &[u8], n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() && out.len() < n {
        let b = s[i];
        if b.is_ascii_alphabetic() || b == b'_' {
            let st = i;
            while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
                i += 1;
            }
            // keywords are short: a longer word is kept cut (a hostile 8 MiB word costs
            // no more than a keyword)
            let word = &s[st..i.min(st + MAX_KEYWORD)];
            out.push(String::from_utf8_lossy(word).to_ascii_uppercase());
        } else if s[i..].starts_with(b"/*!") || s[i..].starts_with(b"/*M!") {
            i += if s[i + 2] == b'!' { 3 } else { 4 };
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
        } else if s[i..].starts_with(b"--") || b == b'#' {
            i = memchr::memchr(b'\n', &s[i..]).map_or(s.len(), |j| i + j + 1);
        } else if s[i..].starts_with(b"/*") {
            i = memchr::memmem::find(&s[i + 2..], b"*/").map_or(s.len(), |j| i + j + 4);
        } else if b == b'\'' || b == b'"' || b == b'`' {
            // the lexer's string scan (a doubled quote inside is one; no dialect is
            // known here, so a backslash is a byte like any other)
            i = crate::lex::scan::closing_quote(&s[i + 1..], b, false)
                .map_or(s.len(), |j| i + j + 2);
        } else if b == b'(' || b == b';' {
            break;
        } else {
            i += 1;
        }
    }
    out
}

const OBJECTS: &[&str] = &[
    "TABLE",
    "VIEW",
    "INDEX",
    "FUNCTION",
    "PROCEDURE",
    "TRIGGER",
    "EVENT",
    "SEQUENCE",
    "SCHEMA",
    "DATABASE",
    "TYPE",
    "DOMAIN",
    "EXTENSION",
    "AGGREGATE",
    "RULE",
    "POLICY",
    "PUBLICATION",
    "SUBSCRIPTION",
    "SERVER",
    "USER",
    "ROLE",
    "COLLATION",
    "OPERATOR",
    "CAST",
    "CONVERSION",
    "LANGUAGE",
    "TABLESPACE",
    "STATISTICS",
    "TEXT",
    "FOREIGN",
    "MATERIALIZED",
    "DEFAULT",
];

/// `INSERT`, `CREATE TABLE`, `DROP VIEW`, `SET`, …
fn statement_kind(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return "EMPTY".to_string();
    };
    if matches!(first.as_str(), "CREATE" | "DROP" | "ALTER") {
        for (k, w) in words.iter().enumerate().skip(1) {
            if OBJECTS.contains(&w.as_str()) {
                let next = words.get(k + 1).map(String::as_str);
                return match (w.as_str(), next) {
                    ("MATERIALIZED", Some("VIEW")) => format!("{first} MATERIALIZED VIEW"),
                    ("FOREIGN", Some("TABLE")) => format!("{first} FOREIGN TABLE"),
                    ("TEXT", Some("SEARCH")) => format!("{first} TEXT SEARCH"),
                    ("DEFAULT", Some("PRIVILEGES")) => format!("{first} DEFAULT PRIVILEGES"),
                    _ => format!("{first} {w}"),
                };
            }
        }
    }
    first.clone()
}

/// The (qualified) name that follows the first of `after` (a keyword, matched
/// case-insensitively) in a statement head, unquoted. For `table`, `IF [NOT] EXISTS`
/// and `ONLY` are skipped; for `insert`/`replace`, their modifiers.
///
/// A name longer than [`MAX_NAME`] bytes is cut there and marked with its length
/// (`aaa… (600 bytes)`; `aaa… (name longer than the window)` when it runs to the
/// end of a `cut` piece, the first fragment of a statement longer than the
/// splitter's window), so that the figures of a dump holding an 8 MiB identifier stay
/// small and readable. (Two such names that differ only after their first
/// [`MAX_NAME`] bytes are counted as one table.)
fn name_after(s: &[u8], after: &[&str], dialect: Dialect, cut: bool) -> Option<String> {
    let mut t = Tokens { s, i: 0 };
    // Find the keyword.
    let mut found = false;
    'outer: for kw in after {
        let mut probe = Tokens { s, i: 0 };
        while let Some(tok) = probe.next() {
            if let Tok::Word(w) = tok {
                if w.eq_ignore_ascii_case(kw.as_bytes()) {
                    t = probe;
                    found = true;
                    break 'outer;
                }
            }
        }
    }
    if !found {
        return None;
    }
    const SKIP: &[&str] = &[
        "if",
        "not",
        "exists",
        "only",
        "into",
        "ignore",
        "low_priority",
        "delayed",
        "high_priority",
        "temporary",
        "unlogged",
    ];
    let mut name = Name::default();
    loop {
        let tok = t.next()?;
        match tok {
            Tok::Word(w)
                if name.parts == 0 && SKIP.iter().any(|k| w.eq_ignore_ascii_case(k.as_bytes())) =>
            {
                continue
            }
            Tok::Word(w) => {
                // a word running to the end of a cut piece goes on in the next fragment
                let open = cut && t.i >= s.len();
                match dialect {
                    Dialect::Postgres => {
                        let head = &w[..w.len().min(MAX_NAME)];
                        let lower = String::from_utf8_lossy(head).to_lowercase();
                        let len = if head.len() == w.len() {
                            lower.len()
                        } else {
                            w.len()
                        };
                        name.push(lower.as_bytes(), len, open);
                    }
                    Dialect::Mysql => name.push(w, w.len(), open),
                }
            }
            Tok::Quoted { head, len, closed } => name.push(&head, len, !closed),
            Tok::Other => return None,
        }
        if name.open || !t.dot() {
            break;
        }
        name.push(b".", 1, false);
        name.parts -= 1;
    }
    Some(name.finish())
}

/// Longest table name `stats` keeps whole, in bytes. Real ones are at most 64
/// characters (MySQL) or 63 bytes (PostgreSQL), schema-qualified at most twice that.
pub const MAX_NAME: usize = 256;

/// Longest word [`leading_words`] keeps (the longest keyword it looks for is shorter).
const MAX_KEYWORD: usize = 32;

/// A (qualified) name being put together from its parts: at most [`MAX_NAME`] bytes
/// of it are kept, and its whole length is counted.
#[derive(Default)]
struct Name {
    kept: Vec<u8>,
    /// Bytes of the whole name.
    len: usize,
    /// The last part runs to the end of the piece: the name goes on after it.
    open: bool,
    /// Parts pushed (the dots between them not counted).
    parts: usize,
}

impl Name {
    /// Add a part of `len` bytes whose first bytes are `head`.
    fn push(&mut self, head: &[u8], len: usize, open: bool) {
        let room = MAX_NAME.saturating_sub(self.kept.len());
        self.kept.extend_from_slice(&head[..head.len().min(room)]);
        self.len += len;
        self.open |= open;
        self.parts += 1;
    }

    fn finish(mut self) -> String {
        if self.len <= MAX_NAME && !self.open {
            return String::from_utf8_lossy(&self.kept).into_owned();
        }
        // the cut may have split the last UTF-8 character: drop what is left of it
        if let Some(lead) = self.kept.iter().rposition(|&b| b & 0xC0 != 0x80) {
            let want = match self.kept[lead] {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            if self.kept.len() - lead < want {
                self.kept.truncate(lead);
            }
        }
        let head = String::from_utf8_lossy(&self.kept);
        if self.open {
            // Only the part in this fragment is known, and how much of it there is
            // depends on the statement around it: said the same way whatever the
            // statement, so that a table's CREATE and its COPY rows meet in one entry.
            format!("{head}… (name longer than the window)")
        } else {
            format!("{head}… ({} bytes)", self.len)
        }
    }
}

enum Tok<'a> {
    Word(&'a [u8]),
    /// A quoted name: its first [`MAX_NAME`] bytes unquoted, its unquoted length, and
    /// whether its closing quote is in the piece.
    Quoted {
        head: Vec<u8>,
        len: usize,
        closed: bool,
    },
    Other,
}

struct Tokens<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Tokens<'a> {
    fn skip_space(&mut self) {
        loop {
            let s = self.s;
            while self.i < s.len() && s[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
            let rest = &s[self.i..];
            if rest.starts_with(b"/*!") || rest.starts_with(b"/*M!") {
                self.i += if rest[2] == b'!' { 3 } else { 4 };
                while self.i < s.len() && s[self.i].is_ascii_digit() {
                    self.i += 1;
                }
            } else if rest.starts_with(b"*/") {
                self.i += 2;
            } else if rest.starts_with(b"/*") {
                self.i =
                    memchr::memmem::find(&rest[2..], b"*/").map_or(s.len(), |j| self.i + j + 4);
            } else if rest.starts_with(b"-- ") || rest.starts_with(b"--\n") {
                self.i = memchr::memchr(b'\n', rest).map_or(s.len(), |j| self.i + j + 1);
            } else {
                return;
            }
        }
    }

    /// Consume a `.` between name parts.
    fn dot(&mut self) -> bool {
        self.skip_space();
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn next(&mut self) -> Option<Tok<'a>> {
        self.skip_space();
        let s = self.s;
        let b = *s.get(self.i)?;
        if b == b'`' || b == b'"' {
            let mut head = Vec::new();
            let mut len = 0;
            let mut closed = false;
            let mut j = self.i + 1;
            while j < s.len() {
                let c = s[j];
                if c == b {
                    if s.get(j + 1) != Some(&b) {
                        closed = true;
                        break;
                    }
                    // a doubled quote stands for one
                    j += 1;
                }
                if head.len() < MAX_NAME {
                    head.push(c);
                }
                len += 1;
                j += 1;
            }
            // past the closing quote; at the end of the piece when there is none
            self.i = (j + 1).min(s.len());
            return Some(Tok::Quoted { head, len, closed });
        }
        if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 {
            let st = self.i;
            while self.i < s.len()
                && (s[self.i].is_ascii_alphanumeric()
                    || s[self.i] == b'_'
                    || s[self.i] == b'$'
                    || s[self.i] >= 0x80)
            {
                self.i += 1;
            }
            return Some(Tok::Word(&s[st..self.i]));
        }
        self.i += 1;
        Some(Tok::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> String {
        statement_kind(&leading_words(s.as_bytes(), 12))
    }

    #[test]
    fn kinds() {
        assert_eq!(w("/*!40101 SET NAMES utf8 */;"), "SET");
        assert_eq!(w("CREATE TABLE `t` (a int);"), "CREATE TABLE");
        assert_eq!(w("/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n/*!50001 VIEW `v` AS select 1 */;"), "CREATE VIEW");
        assert_eq!(
            w("CREATE OR REPLACE FUNCTION f() RETURNS int"),
            "CREATE FUNCTION"
        );
        assert_eq!(w("CREATE UNIQUE INDEX i ON t (a);"), "CREATE INDEX");
        assert_eq!(
            w("CREATE MATERIALIZED VIEW public.m AS SELECT 1;"),
            "CREATE MATERIALIZED VIEW"
        );
        assert_eq!(w("ALTER TABLE ONLY public.t ADD CONSTRAINT"), "ALTER TABLE");
    }

    #[test]
    fn long_names_are_cut_with_their_length() {
        let m = Dialect::Mysql;
        let long = "é".repeat(300); // 600 bytes
        let sql = format!("INSERT INTO `{long}` VALUES ");
        let n = name_after(sql.as_bytes(), &["into"], m, false).unwrap();
        assert_eq!(n, format!("{}… (600 bytes)", "é".repeat(MAX_NAME / 2)));
        // cut inside a character: the rest of it is dropped
        let sql = format!("INSERT INTO `x{long}` VALUES ");
        let n = name_after(sql.as_bytes(), &["into"], m, false).unwrap();
        assert_eq!(n, format!("x{}… (601 bytes)", "é".repeat(MAX_NAME / 2 - 1)));
        // a quoted name running to the end of the piece (the first fragment of a
        // statement longer than the window)
        let sql = format!("CREATE TABLE db.`{}", "a".repeat(1000));
        let n = name_after(sql.as_bytes(), &["table"], m, true).unwrap();
        assert_eq!(
            n,
            format!(
                "db.{}… (name longer than the window)",
                "a".repeat(MAX_NAME - 3)
            )
        );
        // the same for a bare word, and in PostgreSQL
        let sql = format!("COPY public.{}", "B".repeat(1000));
        let n = name_after(sql.as_bytes(), &["copy"], Dialect::Postgres, true).unwrap();
        assert_eq!(
            n,
            format!(
                "public.{}… (name longer than the window)",
                "b".repeat(MAX_NAME - 7)
            )
        );
        // at the end of a whole statement a word is whole
        let n = name_after(b"COPY public.x", &["copy"], Dialect::Postgres, false).unwrap();
        assert_eq!(n, "public.x");
        // a name of exactly MAX_NAME bytes is kept as it is
        let sql = format!("INSERT INTO `{}` VALUES ", "c".repeat(MAX_NAME));
        let n = name_after(sql.as_bytes(), &["into"], m, false).unwrap();
        assert_eq!(n, "c".repeat(MAX_NAME));
        // doubled quotes count once
        let n = name_after(b"INSERT INTO `a``b` VALUES ", &["into"], m, false).unwrap();
        assert_eq!(n, "a`b");
    }

    #[test]
    fn names() {
        let m = Dialect::Mysql;
        let p = Dialect::Postgres;
        assert_eq!(
            name_after(b"INSERT INTO `city` VALUES ", &["into", "insert"], m, false).as_deref(),
            Some("city")
        );
        assert_eq!(
            name_after(
                b"INSERT  IGNORE INTO `t` (`a`) VALUES ",
                &["into", "insert"],
                m,
                false
            )
            .as_deref(),
            Some("t")
        );
        assert_eq!(
            name_after(b"REPLACE INTO db.t VALUES ", &["into", "replace"], m, false).as_deref(),
            Some("db.t")
        );
        assert_eq!(
            name_after(
                b"COPY public.\"Actor\" (a) FROM stdin;",
                &["copy"],
                p,
                false
            )
            .as_deref(),
            Some("public.Actor")
        );
        assert_eq!(
            name_after(b"COPY Public.Actor FROM stdin;", &["copy"], p, false).as_deref(),
            Some("public.actor")
        );
        assert_eq!(
            name_after(b"CREATE TABLE IF NOT EXISTS `x` (", &["table"], m, false).as_deref(),
            Some("x")
        );
        assert_eq!(
            name_after(b"CREATE UNLOGGED TABLE public.x (", &["table"], p, false).as_deref(),
            Some("public.x")
        );
    }
}
