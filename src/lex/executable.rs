//! MySQL's executable comments: `/*!50001 CREATE … */` (run by servers of version
//! 5.00.01 and later), `/*!*/`, and MariaDB's `/*M!100101 … */`. One scanner finds
//! their openings and closings outside strings ([`walk`]); the readers of a statement
//! build on it:
//!
//! - [`blank_markers`]: the markers blanked, so a parser reads the code they hold at
//!   the same offsets (the MySQL-only-function rules, the view translator);
//! - [`blank_mysql57`] and [`without_mysql57`]: the comments MariaDB skips (MySQL
//!   5.7 and later, `/*!NNNNN` with NNNNN ≥ 50700) blanked or removed, as MariaDB
//!   loads the statement (the converter).
//!
//! Strings are skipped as the lexer reads them ([`super::scan::closing_quote`]):
//! `'…'` and `"…"` with backslash escapes unless `NO_BACKSLASH_ESCAPES`
//! (`backslash` false), `` `…` `` without. Other comments are not skipped: inside a
//! `/* … */` comment the server reads no executable comment either, but mysqldump
//! never writes one there.

use std::borrow::Cow;

use super::scan::closing_quote;

/// The opening of an executable comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opening {
    /// Offset of its `/`.
    pub at: usize,
    /// Offset of the code it holds (after the marker and the version digits).
    pub code: usize,
    /// Number of version digits.
    pub digits: usize,
    /// The version (0 when there are none or they do not fit).
    pub version: u32,
    /// MariaDB's `/*M!`.
    pub mariadb: bool,
}

impl Opening {
    /// One that MariaDB skips: MySQL 5.7 and later (`/*!NNNNN`, NNNNN ≥ 50700).
    pub fn mysql57(&self) -> bool {
        !self.mariadb && self.digits == 5 && self.version >= 50700
    }
}

/// What [`walk`] finds.
pub enum Mark<'a> {
    /// An executable comment's opening.
    Open(&'a Opening),
    /// The offset of the `*/` that ends one that was entered.
    Close(usize),
}

/// What [`walk`] does after an opening (after a closing, nothing changes).
pub enum Then {
    /// Read the comment's code; its `*/` is reported.
    Enter,
    /// Go on from this offset (the comment was taken whole).
    SkipTo(usize),
    /// Go on after its `/`, as if it were not one (its `*/` is not reported).
    Pass,
}

/// Walk `b` outside strings, calling `f` at each executable comment's opening and
/// at each `*/` that ends one that was entered.
pub fn walk(b: &[u8], backslash: bool, mut f: impl FnMut(Mark<'_>) -> Then) {
    let n = b.len();
    let mut depth = 0u32;
    let mut i = 0;
    while i < n {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                let bs = backslash && q != b'`';
                i = match closing_quote(&b[i + 1..], q, bs) {
                    Some(e) => i + 1 + e + 1,
                    None => n,
                };
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*')
                && (b.get(i + 2) == Some(&b'!') || b[i + 2..].starts_with(b"M!")) =>
            {
                let mariadb = b[i + 2] == b'M';
                let digits_at = i + if mariadb { 4 } else { 3 };
                let digits = b[digits_at..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                let version = std::str::from_utf8(&b[digits_at..digits_at + digits])
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                let o = Opening {
                    at: i,
                    code: digits_at + digits,
                    digits,
                    version,
                    mariadb,
                };
                match f(Mark::Open(&o)) {
                    Then::Enter => {
                        depth += 1;
                        i = o.code;
                    }
                    Then::SkipTo(j) => i = j.max(i + 1),
                    Then::Pass => i += 1,
                }
                continue;
            }
            b'*' if depth > 0 && b.get(i + 1) == Some(&b'/') => {
                f(Mark::Close(i));
                depth -= 1;
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// Where the comment opened by `o` ends: after its first `*/`, or at the end of `b`.
fn comment_end(b: &[u8], o: &Opening) -> usize {
    memchr::memmem::find(&b[o.at..], b"*/").map_or(b.len(), |e| o.at + e + 2)
}

/// `text` with the executable comments' markers (`/*!50001`, `/*M!100000`, and
/// their `*/`) replaced by spaces, so a parser sees the code they hold at the same
/// offsets.
pub fn blank_markers(text: &str, backslash: bool) -> String {
    let mut b = text.as_bytes().to_vec();
    let mut blanks = Vec::new();
    walk(text.as_bytes(), backslash, |m| {
        blanks.push(match m {
            Mark::Open(o) => (o.at, o.code),
            Mark::Close(at) => (at, at + 2),
        });
        Then::Enter
    });
    for (from, to) in blanks {
        b[from..to].fill(b' ');
    }
    // only ASCII bytes were replaced by spaces: still UTF-8
    String::from_utf8(b).unwrap_or_else(|_| text.to_string())
}

/// Where the comments MariaDB skips ([`Opening::mysql57`]) are in `b`: from their
/// `/*!` to after their first `*/` (or the end).
fn mysql57_spans(b: &[u8], backslash: bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    walk(b, backslash, |m| match m {
        Mark::Open(o) if o.mysql57() => {
            let end = comment_end(b, o);
            spans.push((o.at, end));
            Then::SkipTo(end)
        }
        // the others are code here: read on inside them
        _ => Then::Pass,
    });
    spans
}

/// `b` with the comments MariaDB skips ([`Opening::mysql57`]) blanked, line breaks
/// kept (so a parser's lines stay the dump's); other executable comments are left.
pub fn blank_mysql57(b: &[u8], backslash: bool) -> Vec<u8> {
    let mut out = b.to_vec();
    for (from, to) in mysql57_spans(b, backslash) {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    }
    out
}

/// `b` without the comments MariaDB skips ([`Opening::mysql57`]), such as sakila's
/// `/*!50705 location GEOMETRY … */` column and its values. What is removed depends
/// only on the bytes around each comment, so that a row streamed in fragments loses
/// exactly the same bytes; borrowed when there is no `/*!` at all.
pub fn without_mysql57(b: &[u8], backslash: bool) -> Cow<'_, [u8]> {
    // (called for every tuple: the searcher is built once)
    static OPEN: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    if OPEN
        .get_or_init(|| memchr::memmem::Finder::new(b"/*!"))
        .find(b)
        .is_none()
    {
        return Cow::Borrowed(b);
    }
    let cuts = mysql57_spans(b, backslash);
    if cuts.is_empty() {
        return Cow::Borrowed(b);
    }
    let mut out = Vec::with_capacity(b.len());
    let mut at = 0;
    for (from, to) in cuts {
        out.extend_from_slice(&b[at..from]);
        at = to;
    }
    out.extend_from_slice(&b[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_blanked_at_the_same_offsets() {
        let s = "/*!50001 CREATE ALGORITHM=UNDEFINED */ /*M!100101 x */ /*!*/ v";
        let b = blank_markers(s, true);
        assert_eq!(b.len(), s.len());
        assert_eq!(
            b,
            "         CREATE ALGORITHM=UNDEFINED               x          v"
        );
        // not in strings; a `*/` outside an executable comment stays
        let s = "SELECT '/*!50001 a */', \"\\\"/*!1\", `/*!2` /* c */";
        assert_eq!(blank_markers(s, true), s);
    }

    #[test]
    fn strings_are_read_as_the_sql_mode_says() {
        // with backslash escapes `'C:\'` does not end at its second quote
        let s = "SELECT 'C:\\', '/*!50001 x */'";
        assert_eq!(blank_markers(s, true), "SELECT 'C:\\', '         x   '");
        assert_eq!(blank_markers(s, false), s);
        assert_eq!(
            String::from_utf8(blank_mysql57(b"'\\' /*!50705 g */ x", false)).unwrap(),
            "'\\'               x"
        );
        assert_eq!(
            String::from_utf8(blank_mysql57(b"'\\' /*!50705 g */ x", true)).unwrap(),
            "'\\' /*!50705 g */ x"
        );
    }

    #[test]
    fn mysql57_comments_are_removed_or_blanked_and_the_others_kept() {
        let row = b"(1,/*!50705 0x0101 */'a',/*!40101 2*/ '/*!50705 in a string */')";
        assert_eq!(
            &*without_mysql57(row, true),
            &b"(1,'a',/*!40101 2*/ '/*!50705 in a string */')"[..]
        );
        assert!(matches!(
            without_mysql57(b"(1,'/*!50705 x */')", true),
            Cow::Owned(_) | Cow::Borrowed(_)
        ));
        assert!(matches!(without_mysql57(b"(1,2)", true), Cow::Borrowed(_)));
        // an unclosed one runs to the end
        assert_eq!(&*without_mysql57(b"a /*!50705 b", true), &b"a "[..]);
        let text = b"CREATE VIEW v AS SELECT /*!50705 g,\n*/ a";
        let blanked = blank_mysql57(text, true);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(
            &blanked[..],
            &b"CREATE VIEW v AS SELECT            \n   a"[..]
        );
        // MariaDB's own and older ones stay
        assert_eq!(
            blank_mysql57(b"/*M!100101 a */ /*!50699 b */", true),
            b"/*M!100101 a */ /*!50699 b */"
        );
    }
}
