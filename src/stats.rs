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
        match p.kind() {
            Kind::Statement => {
                let words = leading_words(p.bytes, 12);
                let kind = statement_kind(&words);
                self.stats.statements += 1;
                *self.stats.kinds.entry(kind.clone()).or_default() += 1;
                self.current = None;
                match kind.as_str() {
                    "CREATE TABLE" => {
                        if let Some(name) = name_after(p.bytes, &["table"], self.dialect) {
                            self.table(name);
                        }
                    }
                    "COPY" => {
                        if let Some(name) = name_after(p.bytes, &["copy"], self.dialect) {
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
                self.current = name_after(p.bytes, &["into", "insert", "replace"], self.dialect)
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
            out.push(String::from_utf8_lossy(&s[st..i]).to_ascii_uppercase());
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
            i = memchr::memchr(b, &s[i + 1..]).map_or(s.len(), |j| i + j + 2);
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
fn name_after(s: &[u8], after: &[&str], dialect: Dialect) -> Option<String> {
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
    let mut parts: Vec<String> = Vec::new();
    loop {
        let tok = t.next()?;
        match tok {
            Tok::Word(w)
                if parts.is_empty()
                    && SKIP.iter().any(|k| w.eq_ignore_ascii_case(k.as_bytes())) =>
            {
                continue
            }
            Tok::Word(w) => parts.push(match dialect {
                Dialect::Postgres => String::from_utf8_lossy(w).to_lowercase(),
                Dialect::Mysql => String::from_utf8_lossy(w).into_owned(),
            }),
            Tok::Quoted(q) => parts.push(q),
            Tok::Other => return None,
        }
        if !t.dot() {
            break;
        }
    }
    Some(parts.join("."))
}

enum Tok<'a> {
    Word(&'a [u8]),
    Quoted(String),
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
            let mut out = Vec::new();
            let mut j = self.i + 1;
            while j < s.len() {
                if s[j] == b {
                    if s.get(j + 1) == Some(&b) {
                        out.push(b);
                        j += 2;
                        continue;
                    }
                    break;
                }
                out.push(s[j]);
                j += 1;
            }
            self.i = j + 1;
            return Some(Tok::Quoted(String::from_utf8_lossy(&out).into_owned()));
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
    fn names() {
        let m = Dialect::Mysql;
        let p = Dialect::Postgres;
        assert_eq!(
            name_after(b"INSERT INTO `city` VALUES ", &["into", "insert"], m).as_deref(),
            Some("city")
        );
        assert_eq!(
            name_after(
                b"INSERT  IGNORE INTO `t` (`a`) VALUES ",
                &["into", "insert"],
                m
            )
            .as_deref(),
            Some("t")
        );
        assert_eq!(
            name_after(b"REPLACE INTO db.t VALUES ", &["into", "replace"], m).as_deref(),
            Some("db.t")
        );
        assert_eq!(
            name_after(b"COPY public.\"Actor\" (a) FROM stdin;", &["copy"], p).as_deref(),
            Some("public.Actor")
        );
        assert_eq!(
            name_after(b"COPY Public.Actor FROM stdin;", &["copy"], p).as_deref(),
            Some("public.actor")
        );
        assert_eq!(
            name_after(b"CREATE TABLE IF NOT EXISTS `x` (", &["table"], m).as_deref(),
            Some("x")
        );
        assert_eq!(
            name_after(b"CREATE UNLOGGED TABLE public.x (", &["table"], p).as_deref(),
            Some("public.x")
        );
    }
}
