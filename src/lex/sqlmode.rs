//! MySQL's `NO_BACKSLASH_ESCAPES`: which `SET` statements of a dump switch a MySQL
//! session between backslash-escaped strings (`'it\'s'`) and standard ones, where `\`
//! is an ordinary byte and only `''` escapes a quote (`'C:\dir\'` is complete).
//!
//! What the real tools write (checked with MariaDB 10.11's `mariadb-dump` against a
//! server started with `--sql-mode=NO_BACKSLASH_ESCAPES`): table data is always
//! backslash-escaped, because the dump tool resets its own session's sql_mode, and
//! the header sets `/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE,
//! SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;` for the load. The mode shows only around
//! triggers, routines and events created under it, whose bodies are written as they
//! were created:
//!
//! ```sql
//! /*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
//! /*!50003 SET sql_mode              = 'NO_BACKSLASH_ESCAPES' */ ;
//! … CREATE TRIGGER … SET NEW.s = CONCAT(NEW.s, 'C:\dir\') …
//! /*!50003 SET sql_mode              = @saved_sql_mode */ ;
//! ```
//!
//! Other tools and hand-written scripts may set the mode once at the top and write
//! every string that way.
//!
//! The tracking, done in order, assignment by assignment, as the server would:
//!
//! * `sql_mode`, `SESSION`/`LOCAL sql_mode`, `@@[session.|local.]sql_mode` set to a
//!   string (the mode list), a number (the bit mask: `NO_BACKSLASH_ESCAPES` is
//!   1 << 20), `DEFAULT` (the mode the dump started in), `@@sql_mode`, or a user
//!   variable;
//! * a user variable set from `@@sql_mode` (`SET @OLD_SQL_MODE=@@SQL_MODE`), from a
//!   string, or from another known variable remembers that setting (a few at most),
//!   so that `SET SQL_MODE=@OLD_SQL_MODE` restores exactly what was saved;
//! * `SET sql_mode = @v` with a variable never seen set (the dump was cut, or set it
//!   with `SELECT … INTO @v`) returns to the setting before the last literal
//!   assignment: that is what the save/set/restore pattern of the dump tools means;
//! * `CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')` turns it on and
//!   `REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')` off; any other expression
//!   leaves the setting as it was;
//! * `GLOBAL`/`@@global.` assignments do not change the session (a scope keyword
//!   carries on to the next assignments of the statement, as in the server), and
//!   MariaDB's `SET STATEMENT … FOR …` changes nothing either: its statement is parsed
//!   in the session's mode.
//!
//! Only whole `SET` statements are read (a fragment of one larger than the window
//! changes nothing).

use super::scan::{string_body, Escapes};

/// The `NO_BACKSLASH_ESCAPES` bit of a numeric sql_mode.
const NO_BACKSLASH_ESCAPES_BIT: u64 = 1 << 20;

/// The most user variables remembered.
const MAX_VARS: usize = 16;

/// What the lexer knows of the session's sql_mode, for `NO_BACKSLASH_ESCAPES`.
#[derive(Clone, Debug)]
pub(super) struct SqlMode {
    /// Backslash escapes at the start of the dump (for `DEFAULT`).
    pub(super) initial: bool,
    /// The setting before the last literal assignment (for unknown variables).
    saved: bool,
    /// User variables holding a known setting: lower-case name (with its `@`), and
    /// whether backslash escapes were on.
    vars: Vec<(Vec<u8>, bool)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum SqlModeToken {
    /// A word, lower case, with any `@`/`@@` prefix and `.` parts.
    Word(Vec<u8>),
    /// A string literal's raw body.
    Str(Vec<u8>),
    /// An unsigned integer.
    Num(u64),
    /// `,`, `=` (also `:=`), `(`, `)`, or any other byte.
    Punct(u8),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Session,
    Global,
}

impl SqlMode {
    pub(super) fn new(initial: bool) -> SqlMode {
        SqlMode {
            initial,
            saved: initial,
            vars: Vec::new(),
        }
    }

    /// Whether `stmt`, a whole statement whose first word is `SET`, can concern the
    /// mode at all (the cheap test before reading it).
    pub(super) fn concerns(&self, stmt: &[u8]) -> bool {
        super::contains_ci(stmt, b"sql_mode")
            || super::contains_ci(stmt, b"backslash")
            || (!self.vars.is_empty() && memchr::memchr(b'@', stmt).is_some())
    }

    /// The backslash setting after `stmt`, a whole `SET …` statement read with
    /// `current` (the setting in force while it was lexed).
    pub(super) fn after_set(&mut self, stmt: &[u8], current: bool) -> bool {
        let toks = tokens(stmt, current);
        let mut cur = current;
        match toks.first() {
            Some(SqlModeToken::Word(w)) if w == b"set" => {}
            _ => return cur,
        }
        if matches!(toks.get(1), Some(SqlModeToken::Word(w)) if w == b"statement") {
            return cur;
        }
        let mut scope = Scope::Session;
        for a in split_top(&toks[1..]) {
            let mut a = a;
            if let Some(SqlModeToken::Word(w)) = a.first() {
                let s = match w.as_slice() {
                    b"global" | b"persist" | b"persist_only" => Some(Scope::Global),
                    b"session" | b"local" => Some(Scope::Session),
                    _ => None,
                };
                if let Some(s) = s {
                    if a.len() > 1 {
                        scope = s;
                        a = &a[1..];
                    }
                }
            }
            let [SqlModeToken::Word(name), SqlModeToken::Punct(b'='), rhs @ ..] = a else {
                continue;
            };
            let target = match name.as_slice() {
                b"sql_mode" => Some(scope == Scope::Session),
                b"@@sql_mode" | b"@@session.sql_mode" | b"@@local.sql_mode" => Some(true),
                _ => None,
            };
            match target {
                Some(false) => {}
                Some(true) => {
                    let literal = matches!(rhs, [SqlModeToken::Str(_) | SqlModeToken::Num(_)]);
                    match self.value(rhs, cur) {
                        Some(v) => {
                            if literal {
                                self.saved = cur;
                            }
                            cur = v;
                        }
                        // An unknown variable: restore what the last literal replaced.
                        None if matches!(rhs, [SqlModeToken::Word(w)] if is_user_var(w)) => {
                            cur = self.saved;
                        }
                        None => {}
                    }
                }
                None if is_user_var(name) => {
                    let v = self.value(rhs, cur);
                    self.remember(name, v);
                }
                None => {}
            }
        }
        cur
    }

    /// The backslash setting an expression gives as an sql_mode, when known.
    fn value(&self, rhs: &[SqlModeToken], cur: bool) -> Option<bool> {
        match rhs {
            [SqlModeToken::Str(s)] => Some(!mentions_nbe(s)),
            [SqlModeToken::Num(n)] => Some(n & NO_BACKSLASH_ESCAPES_BIT == 0),
            [SqlModeToken::Word(w)] if w == b"default" => Some(self.initial),
            [SqlModeToken::Word(w)] if is_session_mode(w) => Some(cur),
            [SqlModeToken::Word(w)] if is_user_var(w) => {
                self.vars.iter().find(|(n, _)| n == w).map(|&(_, v)| v)
            }
            [SqlModeToken::Word(f), SqlModeToken::Punct(b'('), args @ ..] => {
                let nbe = args
                    .iter()
                    .any(|t| matches!(t, SqlModeToken::Str(s) if mentions_nbe(s)));
                let from_mode = args
                    .iter()
                    .any(|t| matches!(t, SqlModeToken::Word(w) if is_session_mode(w)));
                match f.as_slice() {
                    b"concat" | b"concat_ws" if nbe => Some(false),
                    b"replace" if nbe => Some(true),
                    b"concat" | b"concat_ws" | b"replace" if from_mode => Some(cur),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn remember(&mut self, name: &[u8], v: Option<bool>) {
        let at = self.vars.iter().position(|(n, _)| n == name);
        match (at, v) {
            (Some(i), Some(v)) => self.vars[i].1 = v,
            (Some(i), None) => {
                self.vars.remove(i);
            }
            (None, Some(v)) => {
                if self.vars.len() >= MAX_VARS {
                    self.vars.remove(0);
                }
                self.vars.push((name.to_vec(), v));
            }
            (None, None) => {}
        }
    }
}

fn is_user_var(w: &[u8]) -> bool {
    w.len() > 1 && w[0] == b'@' && w[1] != b'@'
}

fn is_session_mode(w: &[u8]) -> bool {
    matches!(
        w,
        b"@@sql_mode" | b"@@session.sql_mode" | b"@@local.sql_mode"
    )
}

fn mentions_nbe(s: &[u8]) -> bool {
    super::contains_ci(s, b"no_backslash_escapes")
}

/// The assignments of a `SET` list: split at commas outside parentheses.
fn split_top(toks: &[SqlModeToken]) -> Vec<&[SqlModeToken]> {
    let mut out = Vec::new();
    let mut depth = 0u32;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t {
            SqlModeToken::Punct(b'(') => depth += 1,
            SqlModeToken::Punct(b')') => depth = depth.saturating_sub(1),
            SqlModeToken::Punct(b',') if depth == 0 => {
                out.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&toks[start..]);
    out
}

/// The tokens of a small statement: comments, executable-comment markers
/// (`/*!40101`, `/*M!100000`, `*/`), whitespace and the delimiter dropped. Strings
/// are read with `backslash` escapes or not.
fn tokens(s: &[u8], backslash: bool) -> Vec<SqlModeToken> {
    let n = s.len();
    let mut out = Vec::new();
    let mut i = 0;
    let word_byte = |b: u8| super::is_word(b) || b == b'@' || b == b'.';
    while i < n {
        let b = s[i];
        match b {
            _ if super::is_ws(b) => i += 1,
            b'#' => i = memchr::memchr(b'\n', &s[i..]).map_or(n, |j| i + j + 1),
            b'-' if s.get(i + 1) == Some(&b'-') && s.get(i + 2).is_none_or(|&c| c <= b' ') => {
                i = memchr::memchr(b'\n', &s[i..]).map_or(n, |j| i + j + 1);
            }
            b'/' if s.get(i + 1) == Some(&b'*') => {
                let bang = match (s.get(i + 2), s.get(i + 3)) {
                    (Some(b'!'), _) => 3,
                    (Some(b'M'), Some(b'!')) => 4,
                    _ => 0,
                };
                if bang > 0 {
                    i += bang;
                    while i < n && s[i].is_ascii_digit() {
                        i += 1;
                    }
                } else {
                    i = memchr::memmem::find(&s[i + 2..], b"*/").map_or(n, |j| i + 2 + j + 2);
                }
            }
            b'*' if s.get(i + 1) == Some(&b'/') => i += 2,
            b'\'' | b'"' => {
                let escapes = if backslash {
                    Escapes::Keep
                } else {
                    Escapes::None
                };
                let (body, end) = string_body(&s[i + 1..], b, escapes);
                i = end.map_or(n, |e| i + 1 + e);
                out.push(SqlModeToken::Str(body));
            }
            b'`' => {
                let end = memchr::memchr(b'`', &s[i + 1..]).map_or(n, |j| i + 1 + j);
                out.push(SqlModeToken::Word(s[i + 1..end].to_ascii_lowercase()));
                i = (end + 1).min(n);
            }
            b':' if s.get(i + 1) == Some(&b'=') => {
                out.push(SqlModeToken::Punct(b'='));
                i += 2;
            }
            b'0'..=b'9' => {
                let start = i;
                while i < n && word_byte(s[i]) {
                    i += 1;
                }
                let num = std::str::from_utf8(&s[start..i])
                    .ok()
                    .and_then(|t| t.parse().ok());
                out.push(match num {
                    Some(v) => SqlModeToken::Num(v),
                    None => SqlModeToken::Word(s[start..i].to_ascii_lowercase()),
                });
            }
            _ if super::is_word_start(b) || b == b'@' => {
                let start = i;
                while i < n && word_byte(s[i]) {
                    i += 1;
                }
                // A charset introducer before a string: `_utf8mb4'…'`.
                if b == b'_' && matches!(s.get(i), Some(b'\'' | b'"')) {
                    continue;
                }
                out.push(SqlModeToken::Word(s[start..i].to_ascii_lowercase()));
            }
            _ => {
                out.push(SqlModeToken::Punct(b));
                i += 1;
            }
        }
    }
    // the statement's delimiter
    while matches!(out.last(), Some(SqlModeToken::Punct(b';'))) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The setting after each statement, from `initial`.
    fn run(initial: bool, stmts: &[&str]) -> Vec<bool> {
        let mut m = SqlMode::new(initial);
        let mut cur = initial;
        stmts
            .iter()
            .map(|s| {
                cur = m.after_set(s.as_bytes(), cur);
                cur
            })
            .collect()
    }

    #[test]
    fn literal_modes_in_every_spelling() {
        for s in [
            "SET sql_mode='NO_BACKSLASH_ESCAPES';",
            "SET SQL_MODE = \"ANSI,NO_BACKSLASH_ESCAPES\";",
            "SET SESSION sql_mode='no_backslash_escapes'",
            "SET LOCAL sql_mode='NO_BACKSLASH_ESCAPES'",
            "SET @@SESSION.sql_mode='NO_BACKSLASH_ESCAPES';",
            "SET @@sql_mode := 'NO_BACKSLASH_ESCAPES';",
            "/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES' */;",
            "/*!50003 SET sql_mode              = 'NO_BACKSLASH_ESCAPES' */ ;",
            "SET sql_mode = _utf8mb4'NO_BACKSLASH_ESCAPES';",
            "SET sql_mode = 1048576;",
            "SET NAMES utf8mb4, sql_mode = 'NO_BACKSLASH_ESCAPES';",
            "SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES');",
        ] {
            assert_eq!(run(true, &[s]), [false], "{s}");
        }
        for s in [
            "SET sql_mode='';",
            "SET sql_mode='NO_AUTO_VALUE_ON_ZERO'",
            "SET sql_mode = 0;",
            "SET sql_mode = 1;",
            "SET sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '');",
        ] {
            assert_eq!(run(false, &[s]), [true], "{s}");
        }
        // DEFAULT: the mode the dump started in
        let there_and_back = [
            "SET sql_mode='NO_BACKSLASH_ESCAPES';",
            "SET sql_mode=DEFAULT;",
        ];
        assert_eq!(run(true, &there_and_back), [false, true]);
        let back_and_there = ["SET sql_mode='';", "SET SESSION sql_mode=DEFAULT;"];
        assert_eq!(run(false, &back_and_there), [true, false]);
    }

    #[test]
    fn what_does_not_change_the_session() {
        for s in [
            "SET GLOBAL sql_mode='NO_BACKSLASH_ESCAPES';",
            "SET @@global.sql_mode='NO_BACKSLASH_ESCAPES';",
            "SET GLOBAL max_connections=10, sql_mode='NO_BACKSLASH_ESCAPES';",
            "SET STATEMENT sql_mode='NO_BACKSLASH_ESCAPES' FOR SELECT 1;",
            "SET @saved_sql_mode = @@sql_mode;",
            "SET @x = 'NO_BACKSLASH_ESCAPES';",
            "SET sql_mode = IF(1, 'NO_BACKSLASH_ESCAPES', '');",
            "SET character_set_client = 'no_backslash_escapes';",
            "SET sql_mode_x = 'NO_BACKSLASH_ESCAPES';",
        ] {
            assert_eq!(run(true, &[s]), [true], "{s}");
        }
        // the scope keyword carries on; a later one changes it back
        assert_eq!(
            run(
                true,
                &["SET GLOBAL a=1, SESSION b=2, sql_mode='NO_BACKSLASH_ESCAPES';"]
            ),
            [false]
        );
    }

    #[test]
    fn saved_variables_restore_exactly() {
        // mysqldump's header, a routine made under the mode, the footer
        let dump = [
            "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;",
            "/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;",
            "/*!50003 SET sql_mode              = 'NO_BACKSLASH_ESCAPES' */ ;",
            "/*!50003 SET sql_mode              = @saved_sql_mode */ ;",
            "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;",
        ];
        assert_eq!(run(true, &dump), [true, true, false, true, true]);
        // loaded under the mode (--no-backslash-escapes): the header turns it off, the
        // footer restores the session's own
        assert_eq!(run(false, &dump), [true, true, false, true, false]);
        // the same variable saved twice keeps the later value
        assert_eq!(
            run(
                true,
                &[
                    "SET @m = @@sql_mode;",
                    "SET sql_mode='NO_BACKSLASH_ESCAPES';",
                    "SET @m = @@sql_mode, sql_mode='';",
                    "SET sql_mode=@m;",
                ]
            ),
            [true, false, true, false]
        );
        // a variable from a string, and one copied from another
        assert_eq!(
            run(
                true,
                &[
                    "SET @a = 'ANSI,NO_BACKSLASH_ESCAPES', @b := @a;",
                    "SET sql_mode = @b;",
                ]
            ),
            [true, false]
        );
    }

    #[test]
    fn unknown_variables_undo_the_last_literal() {
        assert_eq!(
            run(
                true,
                &[
                    "/*!50003 SET sql_mode = 'NO_BACKSLASH_ESCAPES' */ ;",
                    "/*!50003 SET sql_mode = @saved_sql_mode */ ;",
                ]
            ),
            [false, true]
        );
        // a variable overwritten by something unknown is forgotten
        assert_eq!(
            run(
                false,
                &[
                    "SET @m = @@sql_mode;",
                    "SET sql_mode = '';",
                    "SET @m = (SELECT 1);",
                    "SET sql_mode = @m;",
                ]
            ),
            [false, true, true, false]
        );
    }

    #[test]
    fn strings_are_read_in_the_current_mode() {
        // `'\'` is a whole string without backslash escapes, so the mode follows
        assert_eq!(
            run(
                false,
                &["SET @x = '\\', sql_mode = 'NO_BACKSLASH_ESCAPES,ANSI';"]
            ),
            [false]
        );
        // with escapes the same bytes are one string: no assignment to sql_mode
        assert_eq!(
            run(
                true,
                &["SET @x = '\\', sql_mode = 'NO_BACKSLASH_ESCAPES,ANSI';"]
            ),
            [true]
        );
    }
}
