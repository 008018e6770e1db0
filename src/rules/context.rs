//! What the rules share: the statement being looked at ([`Stmt`]), what they decide
//! for it ([`Out`]), and the run's [`Context`] (target, mode, catalog, tables seen,
//! findings).

use std::collections::HashMap;

use crate::catalog::{Catalog, CatalogTable, Mismatch, Template};
use crate::finding::{Findings, Meta};
use crate::ignore::Ignores;
use crate::lex::Dialect;
use crate::namemap::NameMap;
use crate::schema::DumpTable;
use crate::sql::{Edit, Tokens};
use crate::targets::Target;

/// Whether edits are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Rewrite the dump.
    Fix,
    /// Only report (the fuzz targets compare it with `Fix`; `dumpfix check` runs `Fix`
    /// with the output thrown away, see [`crate::job`]).
    Check,
}

/// A statement being looked at by the rules.
pub struct Stmt<'a> {
    /// Its tokens.
    pub t: Tokens<'a>,
    /// Line of its first byte.
    pub line: u64,
    /// Offset of its first byte.
    pub offset: u64,
    /// Leading keywords, upper case.
    pub lead: Vec<String>,
}

impl Stmt<'_> {
    /// Leading keywords are exactly `words` (prefix).
    pub fn starts(&self, words: &[&str]) -> bool {
        words.len() <= self.lead.len() && words.iter().zip(&self.lead).all(|(a, b)| a == b)
    }

    /// Line of byte `at` of the statement.
    pub fn line_at(&self, at: usize) -> u64 {
        self.t.line_of(at, self.line)
    }
}

/// What the rules decided for one statement.
#[derive(Default)]
pub struct Out {
    /// Byte edits.
    pub edits: Vec<Edit>,
    /// Remove the statement.
    pub drop: bool,
    /// Bytes to write before it.
    pub before: Vec<u8>,
}

/// State shared by the rules across the dump.
pub struct Context {
    /// The dump's dialect (equal to the target's).
    pub dialect: Dialect,
    /// Whether `\` escapes in the strings of the statement being handled (MySQL
    /// without `NO_BACKSLASH_ESCAPES`; see [`crate::lex::Piece::backslash`]). Rows
    /// are read the way their INSERT was.
    pub backslash: bool,
    /// The target.
    pub target: Target,
    /// The codes it enables.
    pub enabled: CodeSet,
    /// Fix or check.
    pub mode: Mode,
    /// Liferay catalog.
    pub catalog: Catalog,
    /// `--database`.
    pub database: Option<String>,
    /// `--company-id`.
    pub company: Option<(String, String)>,
    /// What was found.
    pub findings: Findings,
    /// Tables by lower-case final name.
    pub tables: NameMap<DumpTable>,
    /// Tables named like Liferay's whose columns are not (lower case): not Liferay's.
    /// The engine decides this at each `CREATE TABLE`, before names are read
    /// ([`crate::catalog::Catalog::mismatch`]), whichever rules run.
    pub not_liferay: HashMap<String, Mismatch>,
    /// The mysql client's delimiter, when a `DELIMITER` command made it other than
    /// `;` (the engine reads it with [`crate::lex::delimiter_command`]).
    pub delimiter: Option<Vec<u8>>,
    /// A fatal problem (several databases): fix stops with this message.
    pub fatal: Option<(String, u64, u64)>,
    /// Rule codes silenced by `-- dumpfix-ignore` comments (the engine reads them).
    pub ignores: Ignores,
    /// Program that wrote the dump (`mysqldump`, `pg_dump`, …).
    pub producer: String,
    /// `--strip-restrict`.
    pub strip_restrict: bool,
    /// Largest statement the server accepts (`max_allowed_packet`).
    pub max_packet: u64,
    /// Size, line and offset of the statement being streamed (INSERT or fragments).
    pub stmt_size: (u64, u64, u64),
    /// Line and offset of the end of the input seen so far.
    pub last_pos: (u64, u64),
}

impl Context {
    /// Whether rule `m` runs on the statement at hand: enabled for this run and not
    /// silenced by a `-- dumpfix-ignore` comment. A rule that is not on neither
    /// reports nor fixes, so a silenced statement is written as it was read.
    pub fn on(&self, m: &Meta) -> bool {
        self.enabled.contains(m.code) && !self.ignored(m)
    }

    /// Whether rule `m` renames for this run. A name must be the same in every
    /// statement that uses it, so a rule that renames (tables, schemas, constraints,
    /// identifiers) asks this, which `-- dumpfix-ignore` does not change: the comment
    /// silences its findings only. `[rules] disable` keeps the names as they are.
    pub fn renames(&self, m: &Meta) -> bool {
        debug_assert!(
            crate::rules::RENAMING.iter().any(|r| r.code == m.code),
            "{} renames: list it in rules::RENAMING",
            m.code
        );
        self.enabled.contains(m.code)
    }

    /// Report a finding of `m` (when the rule is on).
    pub fn report(
        &mut self,
        m: &'static Meta,
        subject: &str,
        line: u64,
        offset: u64,
        msg: impl FnOnce() -> String,
    ) {
        if self.on(m) {
            self.findings.add(m, subject, line, offset, msg);
        }
    }

    /// Report a finding of `m` at byte `at` of statement `st`, with the line's text as
    /// snippet, its column, and `help`.
    pub fn report_at(
        &mut self,
        m: &'static Meta,
        subject: &str,
        st: &Stmt<'_>,
        at: usize,
        msg: impl FnOnce() -> String,
        help: Option<&str>,
    ) {
        if !self.on(m) {
            return;
        }
        let line = st.line_at(at);
        let offset = st.offset + at as u64;
        if let Some(f) = self.findings.add(m, subject, line, offset, msg) {
            let src = st.t.src;
            let at = at.min(src.len());
            let ls = memchr::memrchr(b'\n', &src[..at]).map_or(0, |i| i + 1);
            let le = memchr::memchr(b'\n', &src[at..]).map_or(src.len(), |i| at + i);
            f.column = (at - ls) as u64 + 1;
            let text = &src[ls..le.min(ls + 400)];
            f.snippet = Some(
                String::from_utf8_lossy(text)
                    .trim_end_matches('\r')
                    .to_string(),
            );
            f.help = help.map(str::to_string);
        }
    }

    /// A `-- dumpfix-ignore CODE` comment silences `m` for the current statement, or
    /// `-- dumpfix-ignore-file CODE` for the whole dump.
    pub fn ignored(&self, m: &Meta) -> bool {
        self.ignores.silences(m.code)
    }

    /// The Liferay catalog entry for a table name in any case.
    pub fn liferay(&self, name: &str) -> Option<&CatalogTable> {
        if !self.not_liferay.is_empty() && self.not_liferay.contains_key(&name.to_ascii_lowercase())
        {
            return None;
        }
        self.catalog.get(name)
    }

    /// Postgres target.
    pub fn to_postgres(&self) -> bool {
        self.target.dialect == Dialect::Postgres
    }
}

/// The rule codes a run enables: one bit a code (a letter and three digits).
#[derive(Clone, Default)]
pub struct CodeSet {
    bits: Vec<u64>,
}

impl CodeSet {
    fn slot(code: &str) -> Option<usize> {
        let b = code.as_bytes();
        if b.len() != 4 || !b[0].is_ascii_uppercase() || !b[1..].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n: usize = code[1..].parse().ok()?;
        Some(usize::from(b[0] - b'A') * 1000 + n)
    }

    /// The codes `target` enables.
    pub fn of(target: &Target) -> CodeSet {
        let mut s = CodeSet::default();
        for c in &target.rules {
            if let Some(i) = Self::slot(c) {
                if s.bits.len() <= i / 64 {
                    s.bits.resize(i / 64 + 1, 0);
                }
                s.bits[i / 64] |= 1 << (i % 64);
            }
        }
        s
    }

    /// Whether `code` is enabled.
    pub fn contains(&self, code: &str) -> bool {
        Self::slot(code).is_some_and(|i| {
            self.bits
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0)
        })
    }

    /// Whether any of `metas` is enabled.
    pub fn any(&self, metas: &[&Meta]) -> bool {
        metas.iter().any(|m| self.contains(m.code))
    }
}

/// The template type Liferay gives `table.column`, if the table is Liferay's.
pub fn template_of(cx: &Context, table: &str, column: &str) -> (bool, Option<Template>) {
    match cx.liferay(table) {
        Some(t) => (true, t.column(column)),
        None => (false, None),
    }
}
