//! The statement splitter: a byte-level, dialect-aware lexer that cuts a dump into
//! *pieces* and keeps its state across buffer refills.
//!
//! Every byte of the input belongs to exactly one piece, so writing the pieces back
//! in order reproduces the input byte for byte. The kinds of piece are:
//!
//! * [`Kind::Blank`]: whitespace and comments between statements;
//! * [`Kind::Statement`]: one statement, with its delimiter;
//! * [`Kind::InsertHead`], [`Kind::Tuple`], [`Kind::InsertTail`]: an
//!   `INSERT … VALUES` statement, handed out as its head (up to the first `(`), each
//!   value tuple (with the `,` and whitespace before it), and the tail (up to and
//!   including the delimiter), so that a 1 GB extended INSERT never has to be held;
//! * [`Kind::CopyRow`], [`Kind::CopyEnd`]: the data lines of a
//!   `COPY … FROM stdin;` block and its `\.` terminator (the `COPY` statement itself
//!   is a `Statement`); a caller that asks for it ([`Lexer::set_bulk_copy`]) gets
//!   runs of whole data lines as one [`Kind::CopyRows`] piece;
//! * [`Kind::Command`]: a client command line: mysql's `DELIMITER ;;`, psql's
//!   `\connect`, `\restrict KEY`, …
//!
//! The lexer never looks more than [`MAX_LOOKAHEAD`] bytes past its scan position, so
//! it can stop anywhere and resume when the caller has more bytes (see [`driver`]). A
//! piece larger than the caller's window is handed out in fragments ([`Lexer::cut`]):
//! memory stays bounded whatever the length of one statement or one string.
//!
//! Quoting rules follow the clients that replay dumps: `mysql` (mysql.cc `add_line`:
//! backslash escapes unless `NO_BACKSLASH_ESCAPES`, `/*!NNNNN … */` executable comments
//! are code, the delimiter ends a statement wherever it is outside quotes and
//! comments) and `psql` (psqlscan.l: parentheses and `BEGIN … END` bodies of
//! `CREATE FUNCTION` hide `;`, dollar quotes, `E'…'`, nested `/* */`,
//! `standard_conforming_strings`).
//!
//! The string setting (backslash escapes or not) follows the dump's `SET sql_mode` /
//! `SET standard_conforming_strings` statements (see `sqlmode` for how MySQL's is
//! tracked), starts from [`Lexer::set_no_backslash_escapes`] when the caller knows
//! better, and is handed out with every piece ([`Piece::backslash`]) so that whatever
//! reads the piece's strings reads them the same way.

pub mod driver;
pub mod executable;
mod pgsettings;
pub(crate) mod scan;
mod sqlmode;

use std::fmt;

/// The SQL dialect of a dump, which decides how it is lexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// mysqldump, mariadb-dump, mysqldump-php and MySQL scripts.
    Mysql,
    /// pg_dump plain format and psql scripts.
    Postgres,
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Mysql => "mysql",
            Dialect::Postgres => "postgresql",
        })
    }
}

/// What a piece of the dump is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Whitespace and comments between statements.
    Blank,
    /// A whole statement including its delimiter (or up to end of input).
    Statement,
    /// `INSERT … VALUES ` up to (not including) the first tuple's `(`.
    InsertHead,
    /// One value tuple `(…)`, preceded by the separator (`,`, whitespace) before it.
    Tuple,
    /// What follows the last tuple, up to and including the delimiter.
    InsertTail,
    /// One line of `COPY … FROM stdin` data, with its line end.
    CopyRow,
    /// Several whole lines of COPY data, each with its line end (only when asked
    /// for with [`Lexer::set_bulk_copy`]).
    CopyRows,
    /// The `\.` line that ends COPY data.
    CopyEnd,
    /// A client command line (`DELIMITER ;;`, psql `\connect db`).
    Command,
}

impl Kind {
    /// A short lower-case name, used in debug output and tests.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Blank => "blank",
            Kind::Statement => "statement",
            Kind::InsertHead => "insert-head",
            Kind::Tuple => "tuple",
            Kind::InsertTail => "insert-tail",
            Kind::CopyRow => "copy-row",
            Kind::CopyRows => "copy-rows",
            Kind::CopyEnd => "copy-end",
            Kind::Command => "command",
        }
    }
}

/// One piece handed out by the lexer: `len` bytes from the start of the buffer it
/// was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// What the bytes are.
    pub kind: Kind,
    /// How many bytes.
    pub len: usize,
    /// More bytes of the same piece follow (the piece was too large for the window).
    pub partial: bool,
    /// This continues a piece whose earlier bytes were handed out as `partial`.
    pub continued: bool,
    /// Whether `\` is an escape character in the piece's `'…'` strings (and MySQL's
    /// `"…"`): MySQL without `NO_BACKSLASH_ESCAPES` in its sql_mode, PostgreSQL with
    /// `standard_conforming_strings` off. A `SET` that changes it applies from the next
    /// piece on: the `SET` statement itself is read in the setting it was lexed with.
    pub backslash: bool,
    /// The input ended inside this statement, before its delimiter (a statement or
    /// INSERT tail handed out at the end of the input, which clients still run). Only
    /// the last piece of the input can have it; an INSERT whose input ends right after a
    /// tuple has no tail piece, so readers that care keep an INSERT open until its tail.
    pub unterminated: bool,
}

/// An error in the input found by the lexer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LexError {
    /// End of input inside a construct that must be closed.
    #[error("unterminated {what} starting at byte {offset}")]
    Unterminated {
        /// What was left open (`string literal`, `COPY data`, …).
        what: &'static str,
        /// Absolute byte offset where it began.
        offset: u64,
    },
}

impl LexError {
    /// The absolute byte offset the error points at.
    pub fn offset(&self) -> u64 {
        match self {
            LexError::Unterminated { offset, .. } => *offset,
        }
    }
}

/// The new delimiter a mysql client command line sets (`DELIMITER //`): its first
/// argument, which runs to the next whitespace (mysql.cc's `com_delimiter`), when it
/// is 1 to 16 bytes. The lexer and the engine (which writes the delimiter after a
/// statement the input left open) both read `DELIMITER` with this.
pub fn delimiter_command(line: &[u8]) -> Option<&[u8]> {
    if line.len() < 9 || !line[..9].eq_ignore_ascii_case(b"delimiter") {
        return None;
    }
    let rest = trim_start(&line[9..]);
    let end = rest.iter().position(|&b| is_ws(b)).unwrap_or(rest.len());
    let d = &rest[..end];
    (!d.is_empty() && d.len() <= 16).then_some(d)
}

/// The longest lookahead the lexer ever asks for (a dollar-quote tag is at most 63
/// bytes, as PostgreSQL identifiers are, plus its two `$`).
pub const MAX_LOOKAHEAD: usize = 80;

/// Longest word the lexer reads as a keyword; longer words are skipped.
const MAX_WORD: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Between statements: whitespace and comments.
    Between,
    /// A statement begins at offset 0 of the piece; decide which kind.
    Start,
    /// A statement that is not (or not yet known to be) an `INSERT … VALUES`.
    Stmt,
    /// An INSERT/REPLACE statement before `VALUES (`.
    InsHead,
    /// After the head or a tuple: separators before the next tuple, or the tail.
    InsSep,
    /// Inside a value tuple.
    InsTuple,
    /// After the last tuple, up to the delimiter.
    InsTail,
    /// The rest of the line after `COPY … FROM stdin;`.
    CopyNewline,
    /// COPY data lines.
    CopyData,
    /// A client command line.
    Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Code,
    LineComment,
    BlockComment { depth: u32 },
    Quote { q: u8, backslash: bool },
    Dollar,
}

/// What the lexer tracks of the statement in progress.
#[derive(Clone, Copy, Debug, Default)]
struct StmtInfo {
    /// Words seen at parenthesis depth 0 (saturating).
    words: u32,
    /// The first word, lower case (`insert`, `copy`, `set`, …), zero padded.
    first: [u8; 16],
    /// COPY … FROM stdin detection: 0 not copy, 1 copy, 2 saw FROM, 3 FROM STDIN.
    copy: u8,
    /// psql's heuristic for `CREATE [OR REPLACE] FUNCTION|PROCEDURE`: the first
    /// letters of the leading create/or/replace/function/procedure words.
    idents: [u8; 4],
    /// psql's `begin_depth`: `;` inside `BEGIN ATOMIC … END` does not end it.
    begin_depth: u32,
}

impl StmtInfo {
    fn first_is(&self, w: &[u8]) -> bool {
        w.len() < 16 && &self.first[..w.len()] == w && self.first[w.len()] == 0
    }

    fn in_pg_routine(&self) -> bool {
        let i = &self.idents;
        i[0] == b'c'
            && (i[1] == b'f'
                || i[1] == b'p'
                || (i[1] == b'o' && i[2] == b'r' && (i[3] == b'f' || i[3] == b'p')))
    }
}

/// Byte classes.
const WS: u8 = 1;
const WORD: u8 = 2;
const WORD_START: u8 = 4;

const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' || b == 0x0b || b == 0x0c {
            c |= WS;
        }
        if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            c |= WORD | WORD_START;
        }
        if b.is_ascii_digit() || b == b'$' {
            c |= WORD;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CLASS: [u8; 256] = byte_classes();

#[inline]
fn is_ws(b: u8) -> bool {
    CLASS[b as usize] & WS != 0
}

#[inline]
fn is_word(b: u8) -> bool {
    CLASS[b as usize] & WORD != 0
}

#[inline]
fn is_word_start(b: u8) -> bool {
    CLASS[b as usize] & WORD_START != 0
}

/// The resumable lexer. Feed it with [`Lexer::next`]; see [`driver`] for the loops
/// that do so from a reader or a slice.
#[derive(Clone, Debug)]
pub struct Lexer {
    dialect: Dialect,
    mode: Mode,
    tok: Tok,
    /// Scan position, relative to the start of the current piece.
    pos: usize,
    /// Parenthesis depth at the scan position.
    depth: u32,
    /// Inside a MySQL executable comment `/*!NNNNN … */`.
    in_cond: bool,
    /// The current statement delimiter (`;` unless a `DELIMITER` command changed it).
    delim: Vec<u8>,
    /// Whether `\` escapes in `'…'` (and MySQL `"…"`) strings. Read only where a
    /// quote opens, so the scanning loops are the same in both settings.
    backslash: bool,
    /// MySQL: what is known of the session's sql_mode (see [`sqlmode`]).
    sql_mode: sqlmode::SqlMode,
    /// The setting a `SET` statement just ended makes, applied once it is handed out.
    pending_backslash: Option<bool>,
    /// Absolute offset of the current piece.
    base: u64,
    /// The current piece continues a fragment.
    continued: bool,
    /// Absolute offset where the open token (string, comment, dollar quote) or COPY
    /// data began.
    open_at: u64,
    /// Absolute offset of the outermost open parenthesis (a value tuple's `(`).
    paren_at: u64,
    /// Absolute offset of the open MySQL executable comment `/*!`.
    cond_at: u64,
    /// Absolute offset of the current statement's first byte.
    stmt_at: u64,
    /// An `INSERT … VALUES` list has a `,` after its last tuple (more must follow).
    ins_comma: bool,
    /// Dollar-quote tag of the open `$tag$` (without the dollars).
    tag: Vec<u8>,
    /// The two bytes before the piece start when a fragment was cut (for look-behind).
    carry: [u8; 2],
    stmt: StmtInfo,
    /// Bytes that need a look at in code: rebuilt when the delimiter changes.
    special: [bool; 256],
    /// Same plus word-start bytes, used while words matter.
    special_words: [bool; 256],
    /// `special` can be searched 16 bytes at a time ([`scan::find_code_special`]).
    special_fits: bool,
    /// Most bytes of one `CopyRows` piece (0: hand out COPY data line by line).
    bulk_copy: usize,
}

enum Step {
    /// Scanning stopped at `pos` for want of input.
    More,
    /// A piece of this kind and length ends here.
    Emit(Kind, usize),
}

impl Lexer {
    /// A lexer for a dump in `dialect`, positioned at its first byte.
    pub fn new(dialect: Dialect) -> Lexer {
        let mut lx = Lexer {
            dialect,
            mode: Mode::Between,
            tok: Tok::Code,
            pos: 0,
            depth: 0,
            in_cond: false,
            delim: b";".to_vec(),
            backslash: dialect == Dialect::Mysql,
            sql_mode: sqlmode::SqlMode::new(dialect == Dialect::Mysql),
            pending_backslash: None,
            base: 0,
            continued: false,
            open_at: 0,
            paren_at: 0,
            cond_at: 0,
            stmt_at: 0,
            ins_comma: false,
            tag: Vec::new(),
            carry: [b'\n', b'\n'],
            stmt: StmtInfo::default(),
            special: [false; 256],
            special_words: [false; 256],
            special_fits: false,
            bulk_copy: 0,
        };
        lx.build_tables();
        lx
    }

    /// Hand out COPY data as runs of whole lines ([`Kind::CopyRows`]) of at most
    /// `max` bytes, for a caller that splits them itself (0, the default: one
    /// [`Kind::CopyRow`] per line). A line longer than `max` still comes alone.
    pub fn set_bulk_copy(&mut self, max: usize) {
        self.bulk_copy = max;
    }

    /// Skip `n` bytes of whole COPY data lines that the caller took itself, right
    /// after a [`Kind::CopyRows`] piece: the next piece starts `n` bytes further on,
    /// still in the COPY data. False (and nothing skipped) anywhere else.
    pub fn skip_copy_lines(&mut self, n: usize) -> bool {
        if self.mode != Mode::CopyData || self.pos != 0 || self.continued {
            return false;
        }
        self.base += n as u64;
        true
    }

    /// Skip `n` bytes of whole INSERT tuples that the caller took itself, right after
    /// a [`Kind::Tuple`] piece (see [`crate::lex::driver::Ahead`]): they end in `,\n`,
    /// and the next piece is the value list's next tuple, or (`between`) in `;\n`, and
    /// it is the next statement. `statement`: where in them the INSERT still open
    /// begins, when it is not the one the piece was of. False (and nothing skipped)
    /// anywhere else.
    pub fn skip_tuples(&mut self, n: usize, between: bool, statement: Option<usize>) -> bool {
        if self.mode != Mode::InsSep
            || self.pos != 0
            || self.continued
            || self.depth != 0
            || self.in_cond
            || self.pending_backslash.is_some()
        {
            return false;
        }
        if let Some(s) = statement {
            self.stmt_at = self.base + s as u64;
            self.open_at = self.stmt_at;
        }
        self.base += n as u64;
        if between {
            self.mode = Mode::Between;
            self.ins_comma = false;
            self.carry = [b';', b'\n'];
        } else {
            self.ins_comma = true;
            self.carry = [b',', b'\n'];
        }
        true
    }

    /// A MySQL lexer that starts as a session whose sql_mode holds
    /// `NO_BACKSLASH_ESCAPES` (`on`) or not: for dumps written for such a session that
    /// do not say so. A `SET sql_mode` in the dump still switches it, and
    /// `SET sql_mode = DEFAULT` comes back to it. Call before the first piece. Does
    /// nothing for PostgreSQL.
    pub fn set_no_backslash_escapes(&mut self, on: bool) {
        if self.dialect == Dialect::Mysql {
            self.backslash = !on;
            self.sql_mode = sqlmode::SqlMode::new(!on);
        }
    }

    /// Whether `\` escapes in strings of the next piece (see [`Piece::backslash`]).
    pub fn backslash_escapes(&self) -> bool {
        self.pending_backslash.unwrap_or(self.backslash)
    }

    /// The dialect this lexer splits.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Absolute offset of the next piece's first byte.
    pub fn offset(&self) -> u64 {
        self.base
    }

    /// Absolute offsets where the constructs a [`LexError`] may point at began (a
    /// token, the outermost parenthesis, an executable comment), whether still open or
    /// not: the driver notes the lines of those inside a fragment when it cuts one, so
    /// that an error about a construct opened in an earlier fragment gets its line.
    pub fn openings(&self) -> [u64; 3] {
        [self.open_at, self.paren_at, self.cond_at]
    }

    /// Where a construct still open after the last piece began, when one can outlast
    /// a piece: a MySQL executable comment `/*! …` holding tuples of an INSERT (each
    /// tuple a piece of its own). The driver notes the line of one that began in the
    /// piece it hands out, as it does for fragments ([`Lexer::openings`]).
    pub fn open_across(&self) -> Option<u64> {
        self.in_cond.then_some(self.cond_at)
    }

    /// The current MySQL delimiter.
    pub fn delimiter(&self) -> &[u8] {
        &self.delim
    }

    fn build_tables(&mut self) {
        let mut s = [false; 256];
        for &b in b"'\"()-/;" {
            s[b as usize] = true;
        }
        match self.dialect {
            Dialect::Mysql => {
                for &b in b"`#*" {
                    s[b as usize] = true;
                }
            }
            Dialect::Postgres => s[b'$' as usize] = true,
        }
        if let Some(&d) = self.delim.first() {
            s[d as usize] = true;
        }
        let mut w = s;
        for (b, slot) in w.iter_mut().enumerate() {
            if is_word_start(b as u8) {
                *slot = true;
            }
        }
        self.special_fits = self
            .delim
            .first()
            .is_some_and(|&d| scan::code_table_fits(&s, d));
        self.special = s;
        self.special_words = w;
    }

    fn need_words(&self) -> bool {
        self.stmt.words == 0
            || self.mode == Mode::InsHead
            || matches!(self.stmt.copy, 1 | 2)
            || (self.dialect == Dialect::Postgres
                && self.stmt.idents[0] == b'c'
                && (self.stmt.words < 4 || self.stmt.in_pg_routine()))
    }

    /// Scan `buf`, which starts at the first byte of the current piece, for the end of
    /// that piece. `eof` says no bytes follow `buf`.
    ///
    /// Returns `Ok(Some(piece))` when a piece ends within `buf` (the caller drops its
    /// `piece.len` bytes and calls again with the rest), `Ok(None)` when more input
    /// is needed (or, with `eof` and an empty `buf`, when the input is done).
    pub fn next(&mut self, buf: &[u8], eof: bool) -> Result<Option<Piece>, LexError> {
        if buf.is_empty() {
            return if eof { self.finish() } else { Ok(None) };
        }
        let step = match self.mode {
            Mode::Between => self.scan_between(buf, eof),
            Mode::Start => self.start(buf, eof),
            Mode::Command => self.scan_command(buf, eof),
            Mode::CopyNewline => self.scan_copy_newline(buf, eof),
            Mode::CopyData => self.scan_copy(buf, eof),
            _ => self.scan_code(buf, eof),
        };
        match step {
            Step::More => {
                if eof {
                    // The scan reached the end of all input inside a piece.
                    self.at_eof(buf.len())
                } else {
                    Ok(None)
                }
            }
            Step::Emit(kind, len) => Ok(Some(self.emit(kind, len, false))),
        }
    }

    /// Hand out the bytes scanned so far as a fragment of the current piece (which
    /// continues in the next one). `buf` is the same window given to the last
    /// [`Lexer::next`] call, which returned `Ok(None)`. Returns `None` if nothing was
    /// scanned (the window is shorter than the lookahead the lexer needs).
    pub fn cut(&mut self, buf: &[u8]) -> Option<Piece> {
        let len = self.pos;
        if len == 0 {
            return None;
        }
        let kind = match self.mode {
            Mode::Between | Mode::CopyNewline => Kind::Blank,
            Mode::Start | Mode::Stmt => Kind::Statement,
            Mode::InsHead => {
                // Too long to be a head: treat the rest as a plain statement.
                self.mode = Mode::Stmt;
                Kind::Statement
            }
            Mode::InsSep | Mode::InsTuple => Kind::Tuple,
            Mode::InsTail => Kind::InsertTail,
            Mode::CopyData => Kind::CopyRow,
            Mode::Command => Kind::Command,
        };
        self.carry = [
            if len >= 2 {
                buf[len - 2]
            } else {
                self.carry[1]
            },
            buf[len - 1],
        ];
        Some(self.emit(kind, len, true))
    }

    fn emit(&mut self, kind: Kind, len: usize, partial: bool) -> Piece {
        let piece = Piece {
            kind,
            len,
            partial,
            continued: self.continued,
            backslash: self.backslash,
            unterminated: false,
        };
        if let Some(b) = self.pending_backslash.take() {
            self.backslash = b;
        }
        self.continued = partial;
        self.base += len as u64;
        self.pos -= len;
        if !partial {
            // Look-behind across a whole piece is never needed: pieces end at
            // delimiters, line ends, `)` or before a statement's first byte.
            self.carry = [b'\n', b'\n'];
        }
        piece
    }

    /// End of input with nothing unconsumed.
    fn finish(&mut self) -> Result<Option<Piece>, LexError> {
        self.check_closed()?;
        if self.continued {
            // The last bytes went out as a fragment: close the piece.
            let kind = self.eof_kind();
            self.mode = Mode::Between;
            let mut piece = self.emit(kind, 0, false);
            piece.unterminated = matches!(kind, Kind::Statement | Kind::InsertTail);
            return Ok(Some(piece));
        }
        Ok(None)
    }

    /// End of input with `len` unconsumed bytes in the current piece.
    fn at_eof(&mut self, len: usize) -> Result<Option<Piece>, LexError> {
        self.pos = len;
        self.check_closed()?;
        let kind = self.eof_kind();
        let mut piece = self.emit(kind, len, false);
        piece.unterminated = matches!(kind, Kind::Statement | Kind::InsertTail);
        self.mode = Mode::Between;
        self.tok = Tok::Code;
        Ok(Some(piece))
    }

    /// At end of input: is a construct that must be closed still open?
    fn check_closed(&self) -> Result<(), LexError> {
        match self.mode {
            Mode::CopyData | Mode::CopyNewline => Err(LexError::Unterminated {
                what: "COPY data (no \\. line)",
                offset: self.open_at,
            }),
            Mode::InsTuple => Err(self.open_error()),
            Mode::Between => match self.tok {
                Tok::Code | Tok::LineComment => Ok(()),
                _ => Err(self.open_error()),
            },
            _ => match self.tok {
                Tok::Code | Tok::LineComment if !self.in_cond => self.check_statement_closed(),
                _ => Err(self.open_error()),
            },
        }
    }

    /// At end of input outside quotes and comments, inside a statement: was the
    /// statement cut? Its delimiter may be missing (clients run the last statement
    /// anyway), but not the end of what it opened, nor the rest of a value list.
    fn check_statement_closed(&self) -> Result<(), LexError> {
        let (what, offset) = if self.mode == Mode::InsSep && self.ins_comma {
            (
                "INSERT statement (its value list ends with a comma)",
                self.stmt_at,
            )
        } else if self.depth > 0 {
            ("parenthesis", self.paren_at)
        } else if self.stmt.begin_depth > 0 {
            ("routine body (BEGIN without its END)", self.stmt_at)
        } else {
            return Ok(());
        };
        Err(LexError::Unterminated { what, offset })
    }

    /// The kind of the piece in progress when input ends.
    fn eof_kind(&self) -> Kind {
        match self.mode {
            Mode::Between | Mode::CopyNewline => Kind::Blank,
            Mode::Command => Kind::Command,
            Mode::InsSep | Mode::InsTail => Kind::InsertTail,
            Mode::InsTuple => Kind::Tuple,
            Mode::CopyData => Kind::CopyRow,
            Mode::Start | Mode::Stmt | Mode::InsHead => Kind::Statement,
        }
    }

    fn open_error(&self) -> LexError {
        let what = match self.tok {
            Tok::Quote { q: b'\'', .. } => "string literal",
            Tok::Quote { q: b'"', .. } => "double-quoted string or identifier",
            Tok::Quote { .. } => "quoted identifier",
            Tok::BlockComment { .. } => "comment",
            Tok::Dollar => "dollar-quoted string",
            Tok::Code | Tok::LineComment if self.mode == Mode::InsTuple => {
                return LexError::Unterminated {
                    what: "value list (unbalanced parenthesis)",
                    offset: self.paren_at,
                };
            }
            Tok::Code | Tok::LineComment => {
                return LexError::Unterminated {
                    what: "executable comment /*! … */",
                    offset: self.cond_at,
                };
            }
        };
        LexError::Unterminated {
            what,
            offset: self.open_at,
        }
    }

    /// The byte before `i` in the piece, or from the carry at a fragment start.
    #[inline]
    fn before(&self, buf: &[u8], i: usize, back: usize) -> u8 {
        if i >= back {
            buf[i - back]
        } else {
            self.carry[2 - (back - i)]
        }
    }

    fn reset_statement(&mut self) {
        self.stmt = StmtInfo::default();
        self.depth = 0;
        self.in_cond = false;
    }

    // ---------------------------------------------------------------- between

    fn scan_between(&mut self, buf: &[u8], eof: bool) -> Step {
        let mut i = self.pos;
        let n = buf.len();
        loop {
            match self.tok {
                Tok::LineComment => match self.line_end(&buf[i..]) {
                    Some(j) => {
                        i += j + 1;
                        self.tok = Tok::Code;
                    }
                    None => {
                        self.pos = n;
                        return Step::More;
                    }
                },
                Tok::BlockComment { .. } => match self.skip_block_comment(buf, i, eof) {
                    Some(j) => i = j,
                    None => return Step::More,
                },
                _ => {
                    while i < n && is_ws(buf[i]) {
                        i += 1;
                    }
                    if i >= n {
                        self.pos = n;
                        return Step::More;
                    }
                    match self.comment_start(buf, i, eof) {
                        Some(Some(j)) => {
                            i = j;
                            continue;
                        }
                        Some(None) => {}
                        None => {
                            self.pos = i;
                            return Step::More;
                        }
                    }
                    // A statement begins at i.
                    self.pos = i;
                    self.mode = Mode::Start;
                    self.reset_statement();
                    if i > 0 {
                        return Step::Emit(Kind::Blank, i);
                    }
                    if self.continued {
                        // The blanks before went out as fragments (a comment longer
                        // than the window): close them with an empty last fragment,
                        // so that the statement is a piece of its own and not the
                        // end of the blank run.
                        return Step::Emit(Kind::Blank, 0);
                    }
                    return self.start(buf, eof);
                }
            }
        }
    }

    /// Where a `--` comment ends in `rest`: at `\n`, and for PostgreSQL also at a lone
    /// `\r` (psql's lexer takes both as a newline, so a script with old Mac line ends
    /// is not one long comment).
    #[inline]
    fn line_end(&self, rest: &[u8]) -> Option<usize> {
        match self.dialect {
            Dialect::Postgres => memchr::memchr2(b'\n', b'\r', rest),
            Dialect::Mysql => memchr::memchr(b'\n', rest),
        }
    }

    /// At `i` in code: does a comment (not an executable one) start here? `Some(Some(j))`:
    /// yes, its opening ends at `j` and `self.tok` is set; `Some(None)`: no;
    /// `None`: need more bytes to tell.
    fn comment_start(&mut self, buf: &[u8], i: usize, eof: bool) -> Option<Option<usize>> {
        let n = buf.len();
        let at = |k: usize| if i + k < n { Some(buf[i + k]) } else { None };
        let more = |k: usize| i + k >= n && !eof;
        match buf[i] {
            b'-' => {
                if more(1) {
                    return None;
                }
                if at(1) != Some(b'-') {
                    return Some(None);
                }
                if self.dialect == Dialect::Mysql {
                    // MySQL: "--" starts a comment only before whitespace or a control
                    // character (or at end of input).
                    if more(2) {
                        return None;
                    }
                    match at(2) {
                        Some(c) if c > b' ' => return Some(None),
                        _ => {}
                    }
                }
                self.tok = Tok::LineComment;
                self.open_at = self.base + i as u64;
                Some(Some(i + 2))
            }
            b'#' if self.dialect == Dialect::Mysql => {
                self.tok = Tok::LineComment;
                Some(Some(i + 1))
            }
            b'/' => {
                if more(1) {
                    return None;
                }
                if at(1) != Some(b'*') {
                    return Some(None);
                }
                if self.dialect == Dialect::Mysql {
                    if more(2) {
                        return None;
                    }
                    match at(2) {
                        Some(b'!') => return Some(None),
                        Some(b'M') => {
                            if more(3) {
                                return None;
                            }
                            if at(3) == Some(b'!') {
                                return Some(None);
                            }
                        }
                        _ => {}
                    }
                }
                self.tok = Tok::BlockComment { depth: 1 };
                self.open_at = self.base + i as u64;
                Some(Some(i + 2))
            }
            _ => Some(None),
        }
    }

    /// Inside a block comment from `i`: returns the index after its end, or `None`
    /// (with `self.pos` set) when the buffer ends first.
    fn skip_block_comment(&mut self, buf: &[u8], mut i: usize, eof: bool) -> Option<usize> {
        let n = buf.len();
        let Tok::BlockComment { mut depth } = self.tok else {
            return Some(i);
        };
        let nests = self.dialect == Dialect::Postgres;
        loop {
            let found = if nests {
                memchr::memchr2(b'*', b'/', &buf[i..])
            } else {
                memchr::memchr(b'*', &buf[i..])
            };
            let Some(j) = found else {
                self.pos = n;
                self.tok = Tok::BlockComment { depth };
                return None;
            };
            i += j;
            if i + 1 >= n {
                // Need the next byte to tell; at end of input the comment is open.
                self.pos = if eof { n } else { i };
                self.tok = Tok::BlockComment { depth };
                return None;
            }
            if buf[i] == b'*' && buf[i + 1] == b'/' {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    self.tok = Tok::Code;
                    return Some(i);
                }
            } else if buf[i] == b'/' && buf[i + 1] == b'*' {
                depth += 1;
                i += 2;
            } else {
                i += 1;
            }
        }
    }

    // ---------------------------------------------------------------- start

    fn start(&mut self, buf: &[u8], eof: bool) -> Step {
        debug_assert_eq!(self.pos, 0);
        self.open_at = self.base;
        self.stmt_at = self.base;
        match self.dialect {
            Dialect::Postgres if buf.first() == Some(&b'\\') => {
                self.mode = Mode::Command;
                return self.scan_command(buf, eof);
            }
            Dialect::Mysql => {
                // MariaDB 10.5.25+/10.11.8+ dumps open with `/*M!999999\- enable the
                // sandbox mode */`: a client command (`\-`) hidden in a versioned
                // comment, with no delimiter. The client takes the line on its own.
                const SANDBOX: &[u8] = b"/*M!999999\\-";
                if buf.len() < SANDBOX.len() && !eof && SANDBOX.starts_with(buf) {
                    return Step::More;
                }
                if buf.starts_with(SANDBOX) {
                    self.mode = Mode::Command;
                    return self.scan_command(buf, eof);
                }
                const KW: &[u8] = b"delimiter";
                let k = KW.len();
                if buf.len() <= k && !eof && KW[..buf.len()].eq_ignore_ascii_case(buf) {
                    return Step::More;
                }
                if buf.len() > k && buf[..k].eq_ignore_ascii_case(KW) && is_ws(buf[k]) {
                    self.mode = Mode::Command;
                    return self.scan_command(buf, eof);
                }
            }
            _ => {}
        }
        self.mode = Mode::Stmt;
        self.scan_code(buf, eof)
    }

    // ---------------------------------------------------------------- command lines

    fn scan_command(&mut self, buf: &[u8], eof: bool) -> Step {
        match memchr::memchr(b'\n', &buf[self.pos..]) {
            Some(j) => {
                let end = self.pos + j + 1;
                self.pos = end;
                self.apply_command(&buf[..end]);
                self.mode = Mode::Between;
                Step::Emit(Kind::Command, end)
            }
            None => {
                self.pos = buf.len();
                if eof && self.continued {
                    // A fragmented command line: nothing to apply.
                    self.mode = Mode::Between;
                    return Step::Emit(Kind::Command, buf.len());
                }
                if eof {
                    self.apply_command(buf);
                    self.mode = Mode::Between;
                    return Step::Emit(Kind::Command, buf.len());
                }
                Step::More
            }
        }
    }

    fn apply_command(&mut self, line: &[u8]) {
        if self.dialect != Dialect::Mysql || self.continued {
            return;
        }
        if let Some(d) = delimiter_command(line) {
            self.delim = d.to_vec();
            self.build_tables();
        }
    }

    // ---------------------------------------------------------------- COPY data

    fn scan_copy_newline(&mut self, buf: &[u8], eof: bool) -> Step {
        match memchr::memchr(b'\n', &buf[self.pos..]) {
            Some(j) => {
                let end = self.pos + j + 1;
                self.pos = end;
                self.mode = Mode::CopyData;
                Step::Emit(Kind::Blank, end)
            }
            None => {
                self.pos = buf.len();
                if eof {
                    self.mode = Mode::CopyData;
                    return Step::Emit(Kind::Blank, buf.len());
                }
                Step::More
            }
        }
    }

    fn scan_copy(&mut self, buf: &[u8], eof: bool) -> Step {
        let n = buf.len();
        if self.pos == 0 && !self.continued && buf[0] == b'\\' {
            // The end marker is a line holding just "\." (psql also accepts it at EOF).
            if !eof && n < 4 && (b"\\.\r\n".starts_with(buf) || b"\\.\n".starts_with(buf)) {
                return Step::More;
            }
            if n >= 2 && buf[1] == b'.' {
                let end = match buf.get(2) {
                    None => Some(2),
                    Some(b'\n') => Some(3),
                    Some(b'\r') if buf.get(3) == Some(&b'\n') => Some(4),
                    Some(b'\r') if n == 3 => Some(3),
                    _ => None,
                };
                if let Some(end) = end {
                    self.pos = end;
                    self.mode = Mode::Between;
                    return Step::Emit(Kind::CopyEnd, end);
                }
            }
        }
        if self.bulk_copy > 0 && self.pos == 0 && !self.continued {
            // Whole lines up to the one that may be the end marker (`\.` can start
            // no data line: COPY text escapes a backslash as `\\`).
            let lim = n.min(self.bulk_copy);
            let mut stop = lim;
            for j in memchr::memmem::find_iter(&buf[..lim], b"\\.") {
                if j > 0 && buf[j - 1] == b'\n' {
                    stop = j;
                    break;
                }
            }
            if let Some(j) = memchr::memrchr(b'\n', &buf[..stop]) {
                let end = j + 1;
                if memchr::memchr(b'\n', &buf[..j]).is_some() {
                    self.pos = end;
                    return Step::Emit(Kind::CopyRows, end);
                }
            }
        }
        match memchr::memchr(b'\n', &buf[self.pos..]) {
            Some(j) => {
                let end = self.pos + j + 1;
                self.pos = end;
                Step::Emit(Kind::CopyRow, end)
            }
            None => {
                self.pos = n;
                Step::More
            }
        }
    }

    // ---------------------------------------------------------------- code

    /// Scan statement code (any of the statement modes) from `self.pos`.
    fn scan_code(&mut self, buf: &[u8], eof: bool) -> Step {
        let n = buf.len();
        let mut i = self.pos;
        loop {
            match self.tok {
                Tok::Code => {}
                Tok::LineComment => match self.line_end(&buf[i..]) {
                    Some(j) => {
                        i += j + 1;
                        self.tok = Tok::Code;
                        continue;
                    }
                    None => {
                        self.pos = n;
                        return Step::More;
                    }
                },
                Tok::BlockComment { .. } => match self.skip_block_comment(buf, i, eof) {
                    Some(j) => {
                        i = j;
                        continue;
                    }
                    None => return Step::More,
                },
                Tok::Quote { q, backslash } => match self.skip_quote(buf, i, eof, q, backslash) {
                    Some(j) => {
                        i = j;
                        continue;
                    }
                    None => return Step::More,
                },
                Tok::Dollar => match self.skip_dollar(buf, i, eof) {
                    Some(j) => {
                        i = j;
                        continue;
                    }
                    None => return Step::More,
                },
            }
            // Code.
            if self.mode == Mode::InsSep {
                while i < n && (is_ws(buf[i]) || buf[i] == b',') {
                    self.ins_comma |= buf[i] == b',';
                    i += 1;
                }
                if i >= n {
                    self.pos = n;
                    return Step::More;
                }
                match buf[i] {
                    b'(' => {
                        self.mode = Mode::InsTuple;
                        self.depth = 1;
                        self.paren_at = self.base + i as u64;
                        self.ins_comma = false;
                        i += 1;
                    }
                    b'-' | b'#' | b'/' => match self.comment_start(buf, i, eof) {
                        Some(Some(j)) => {
                            i = j;
                            continue;
                        }
                        Some(None) => self.mode = Mode::InsTail,
                        None => {
                            self.pos = i;
                            return Step::More;
                        }
                    },
                    _ => self.mode = Mode::InsTail,
                }
                continue;
            }
            if self.need_words() {
                let table = &self.special_words;
                while i < n && !table[buf[i] as usize] {
                    i += 1;
                }
            } else if self.special_fits {
                i += scan::find_code_special(&buf[i..], &self.special, self.delim[0]);
            } else {
                let table = &self.special;
                while i < n && !table[buf[i] as usize] {
                    i += 1;
                }
            }
            if i >= n {
                self.pos = n;
                return Step::More;
            }
            let b = buf[i];
            // Delimiter (checked before other meanings of its first byte).
            if b == self.delim[0] && self.delimiter_allowed() {
                let d = self.delim.len();
                if i + d > n {
                    if !eof {
                        self.pos = i;
                        return Step::More;
                    }
                } else if buf[i..i + d] == self.delim[..] {
                    let end = i + d;
                    self.pos = end;
                    return Step::Emit(self.end_statement(&buf[..end]), end);
                }
            }
            match b {
                b'\'' => {
                    let backslash = self.backslash || self.escape_string_prefix(buf, i);
                    self.tok = Tok::Quote { q: b, backslash };
                    self.open_at = self.base + i as u64;
                    i += 1;
                }
                b'"' => {
                    let backslash = self.dialect == Dialect::Mysql && self.backslash;
                    self.tok = Tok::Quote { q: b, backslash };
                    self.open_at = self.base + i as u64;
                    i += 1;
                }
                b'`' => {
                    self.tok = Tok::Quote {
                        q: b,
                        backslash: false,
                    };
                    self.open_at = self.base + i as u64;
                    i += 1;
                }
                b'(' => {
                    if self.depth == 0 {
                        self.paren_at = self.base + i as u64;
                    }
                    self.depth += 1;
                    i += 1;
                }
                b')' => {
                    self.depth = self.depth.saturating_sub(1);
                    i += 1;
                    if self.mode == Mode::InsTuple && self.depth == 0 {
                        self.mode = Mode::InsSep;
                        self.pos = i;
                        return Step::Emit(Kind::Tuple, i);
                    }
                }
                b'-' | b'#' => match self.comment_start(buf, i, eof) {
                    Some(Some(j)) => i = j,
                    Some(None) => i += 1,
                    None => {
                        self.pos = i;
                        return Step::More;
                    }
                },
                b'/' => {
                    if self.dialect == Dialect::Mysql && !self.in_cond {
                        // Executable comment /*!NNNNN … */ or MariaDB's /*M!NNNNNN … */.
                        if i + 3 >= n && !eof {
                            self.pos = i;
                            return Step::More;
                        }
                        let bang = match (buf.get(i + 1), buf.get(i + 2), buf.get(i + 3)) {
                            (Some(b'*'), Some(b'!'), _) => 3,
                            (Some(b'*'), Some(b'M'), Some(b'!')) => 4,
                            _ => 0,
                        };
                        if bang > 0 {
                            self.in_cond = true;
                            self.cond_at = self.base + i as u64;
                            i += bang;
                            continue;
                        }
                    }
                    match self.comment_start(buf, i, eof) {
                        Some(Some(j)) => i = j,
                        Some(None) => i += 1,
                        None => {
                            self.pos = i;
                            return Step::More;
                        }
                    }
                }
                b'*' => {
                    if self.in_cond {
                        if i + 1 >= n && !eof {
                            self.pos = i;
                            return Step::More;
                        }
                        if buf.get(i + 1) == Some(&b'/') {
                            self.in_cond = false;
                            i += 2;
                            continue;
                        }
                    }
                    i += 1;
                }
                b'$' if self.dialect == Dialect::Postgres => match self.dollar_start(buf, i, eof) {
                    Some(Some(j)) => i = j,
                    Some(None) => i += 1,
                    None => {
                        self.pos = i;
                        return Step::More;
                    }
                },
                _ if is_word_start(b) => {
                    // A delimiter made of word bytes (`DELIMITER $$`) ends the token: the
                    // client finds it anywhere outside quotes and comments. (`b` itself
                    // is not the start of the delimiter: that was checked above.)
                    let d0 = self.delim[0];
                    let mut j = i + 1;
                    while j < n && is_word(buf[j]) && !(buf[j] == d0 && self.delimiter_allowed()) {
                        j += 1;
                    }
                    // Checked before asking for more input: the rest of a token whose
                    // start was already scanned must not be read again as a word
                    // (where the scan stops would then depend on the read sizes).
                    if is_word(self.before(buf, i, 1)) {
                        // Inside a longer token (after a letter, digit, `$` or a cut:
                        // the bytes the loop above takes as one token): not a word.
                        i = j;
                        continue;
                    }
                    if j == n && !eof && j - i < MAX_WORD {
                        self.pos = i;
                        return Step::More;
                    }
                    match self.word(buf, i, j, eof) {
                        WordAction::Continue => i = j,
                        WordAction::More => {
                            self.pos = i;
                            return Step::More;
                        }
                        WordAction::EmitHead(at) => {
                            self.pos = at;
                            self.mode = Mode::InsSep;
                            self.depth = 0;
                            self.ins_comma = false;
                            return Step::Emit(Kind::InsertHead, at);
                        }
                    }
                }
                _ => i += 1,
            }
        }
    }

    fn delimiter_allowed(&self) -> bool {
        match self.dialect {
            // mysql.cc splits on the delimiter wherever it is outside quotes and
            // comments; only inside a value tuple do we insist on balanced parentheses.
            Dialect::Mysql => self.mode != Mode::InsTuple,
            // psqlscan.l: not inside parentheses or a BEGIN … END routine body.
            Dialect::Postgres => self.depth == 0 && self.stmt.begin_depth == 0,
        }
    }

    /// PostgreSQL `E'…'` / `e'…'`: the quote follows a lone E.
    fn escape_string_prefix(&self, buf: &[u8], i: usize) -> bool {
        if self.dialect != Dialect::Postgres {
            return false;
        }
        let p = self.before(buf, i, 1);
        (p == b'E' || p == b'e') && !is_word(self.before(buf, i, 2))
    }

    /// Inside a quoted string from `i`: returns the index after its closing quote,
    /// or `None` (with `self.pos` set) when the buffer ends first.
    fn skip_quote(
        &mut self,
        buf: &[u8],
        mut i: usize,
        eof: bool,
        q: u8,
        backslash: bool,
    ) -> Option<usize> {
        let n = buf.len();
        // Whole blocks first; the last bytes of the buffer (and a run of quotes
        // across a block's end) byte by byte below.
        match scan::string_end(&buf[i..], q, backslash) {
            scan::StringScan::End(j) => {
                self.tok = Tok::Code;
                return Some(i + j + 1);
            }
            scan::StringScan::From(j) => i += j,
        }
        loop {
            let found = scan::find2(&buf[i..], q, if backslash { b'\\' } else { q });
            let Some(j) = found else {
                self.pos = n;
                return None;
            };
            i += j;
            if i + 1 >= n && !eof {
                // Need the next byte: an escaped byte, or a doubled quote?
                self.pos = i;
                return None;
            }
            if buf[i] == b'\\' {
                if i + 1 >= n {
                    self.pos = n;
                    return None;
                }
                i += 2;
                continue;
            }
            // A quote: doubled means a literal quote.
            if i + 1 < n && buf[i + 1] == q {
                i += 2;
                continue;
            }
            self.tok = Tok::Code;
            return Some(i + 1);
        }
    }

    /// At a `$` in PostgreSQL code: does a dollar quote `$tag$` open here?
    fn dollar_start(&mut self, buf: &[u8], i: usize, eof: bool) -> Option<Option<usize>> {
        if is_word(self.before(buf, i, 1)) {
            // `$` inside an identifier such as foo$bar.
            return Some(None);
        }
        let n = buf.len();
        let mut j = i + 1;
        while j < n && j - i <= 64 {
            let c = buf[j];
            if c == b'$' {
                self.tag.clear();
                self.tag.extend_from_slice(&buf[i + 1..j]);
                self.tok = Tok::Dollar;
                self.open_at = self.base + i as u64;
                return Some(Some(j + 1));
            }
            let ok = if j == i + 1 {
                is_word_start(c)
            } else {
                is_word(c) && c != b'$'
            };
            if !ok {
                return Some(None);
            }
            j += 1;
        }
        if j >= n && !eof && j - i <= 64 {
            return None;
        }
        Some(None)
    }

    /// Inside a dollar-quoted string: returns the index after the closing `$tag$`.
    fn skip_dollar(&mut self, buf: &[u8], mut i: usize, eof: bool) -> Option<usize> {
        let n = buf.len();
        let t = self.tag.len();
        loop {
            let Some(j) = memchr::memchr(b'$', &buf[i..]) else {
                self.pos = n;
                return None;
            };
            i += j;
            if i + t + 2 > n {
                if eof {
                    self.pos = n;
                    return None;
                }
                self.pos = i;
                return None;
            }
            if buf[i + 1..i + 1 + t] == self.tag[..] && buf[i + 1 + t] == b'$' {
                self.tok = Tok::Code;
                return Some(i + t + 2);
            }
            i += 1;
        }
    }

    /// A word `buf[i..j]` in code.
    fn word(&mut self, buf: &[u8], i: usize, j: usize, eof: bool) -> WordAction {
        let w = &buf[i..j];
        let top = self.depth == 0;
        if !top {
            return WordAction::Continue;
        }
        let first = self.stmt.words == 0;
        self.stmt.words = self.stmt.words.saturating_add(1);
        if first {
            let m = w.len().min(15);
            if w.len() <= 15 {
                for (k, &c) in w[..m].iter().enumerate() {
                    self.stmt.first[k] = c.to_ascii_lowercase();
                }
            }
            if self.stmt.first_is(b"insert") || self.stmt.first_is(b"replace") {
                self.mode = Mode::InsHead;
            } else if self.stmt.first_is(b"copy") {
                self.stmt.copy = 1;
            }
        }
        if self.dialect == Dialect::Postgres {
            self.pg_routine_word(w);
        }
        match self.stmt.copy {
            1 if w.eq_ignore_ascii_case(b"from") => self.stmt.copy = 2,
            2 if w.eq_ignore_ascii_case(b"stdin") => self.stmt.copy = 3,
            2 => self.stmt.copy = 1,
            _ => {}
        }
        if self.mode == Mode::InsHead
            && (w.eq_ignore_ascii_case(b"values") || w.eq_ignore_ascii_case(b"value"))
            && !first
        {
            // The head ends before the first tuple's "(", after any whitespace.
            let n = buf.len();
            let mut k = j;
            while k < n && is_ws(buf[k]) && k - j < MAX_LOOKAHEAD {
                k += 1;
            }
            if k >= n {
                if !eof && k - j < MAX_LOOKAHEAD {
                    return WordAction::More;
                }
                return WordAction::Continue;
            }
            if buf[k] == b'(' {
                return WordAction::EmitHead(k);
            }
        }
        WordAction::Continue
    }

    /// psqlscan.l's heuristic for `;` inside `CREATE FUNCTION … BEGIN ATOMIC … END`.
    fn pg_routine_word(&mut self, w: &[u8]) {
        let s = &mut self.stmt;
        let k = (s.words - 1) as usize;
        if k < 4 {
            for kw in [&b"create"[..], b"function", b"procedure", b"or", b"replace"] {
                if w.eq_ignore_ascii_case(kw) {
                    s.idents[k] = kw[0];
                }
            }
        }
        if s.in_pg_routine() {
            if w.eq_ignore_ascii_case(b"begin") {
                s.begin_depth += 1;
            } else if w.eq_ignore_ascii_case(b"case") {
                if s.begin_depth >= 1 {
                    s.begin_depth += 1;
                }
            } else if w.eq_ignore_ascii_case(b"end") && s.begin_depth > 0 {
                s.begin_depth -= 1;
            }
        }
    }

    /// A statement ends with its delimiter at the end of `stmt` (which holds the
    /// whole statement unless it was fragmented). Returns the piece kind.
    fn end_statement(&mut self, stmt: &[u8]) -> Kind {
        let kind = match self.mode {
            Mode::InsSep | Mode::InsTail => Kind::InsertTail,
            _ => Kind::Statement,
        };
        if kind == Kind::Statement
            && !self.continued
            && (self.stmt.first_is(b"set") || self.stmt.first_is(b"reset"))
        {
            self.apply_set(stmt);
        }
        self.mode = if self.stmt.copy == 3 && kind == Kind::Statement {
            // COPY data errors point at the COPY statement (not at the start of its
            // last fragment)
            self.open_at = self.stmt_at;
            Mode::CopyNewline
        } else {
            Mode::Between
        };
        self.in_cond = false;
        self.depth = 0;
        kind
    }

    /// Track the session settings that change how strings are lexed. The change
    /// applies after the statement is handed out.
    fn apply_set(&mut self, stmt: &[u8]) {
        let new = match self.dialect {
            Dialect::Postgres => match pgsettings::backslash_after(stmt, self.backslash) {
                Some(b) => b,
                None => return,
            },
            Dialect::Mysql => {
                if !self.sql_mode.concerns(stmt) {
                    return;
                }
                self.sql_mode.after_set(stmt, self.backslash)
            }
        };
        if new != self.backslash {
            self.pending_backslash = Some(new);
        }
    }
}

enum WordAction {
    Continue,
    More,
    EmitHead(usize),
}

fn trim_start(s: &[u8]) -> &[u8] {
    let k = s.iter().position(|&b| !is_ws(b)).unwrap_or(s.len());
    &s[k..]
}

/// Case-insensitive search.
pub(crate) fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&k| hay[k..k + needle.len()].eq_ignore_ascii_case(needle))
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    find_ci(hay, needle).is_some()
}

#[cfg(test)]
mod tests;
