//! PostgreSQL's `standard_conforming_strings`: which `SET` / `RESET` statements of a
//! dump switch a session between standard strings (`'C:\dir\'`, the default since
//! PostgreSQL 9.1) and backslash-escaped ones, read as the server reads the
//! assignment (see `sqlmode` for MySQL's `NO_BACKSLASH_ESCAPES`).

use super::scan::{string_body, Escapes};
use super::{is_word, is_ws};

/// Whether `\` escapes in `'…'` strings after `stmt` (a whole statement), when it sets
/// `standard_conforming_strings`; None when it does not (or to a value PostgreSQL
/// refuses). `backslash`: how the statement's own strings are read.
pub(super) fn backslash_after(stmt: &[u8], backslash: bool) -> Option<bool> {
    match pg_setting(stmt, b"standard_conforming_strings", backslash)? {
        // the default since PostgreSQL 9.1, which the lexer starts with
        PgValue::Default => Some(false),
        PgValue::Given(v) => parse_pg_bool(&v).map(|on| !on),
    }
}

/// A PostgreSQL setting's new value.
#[derive(Debug, PartialEq, Eq)]
enum PgValue {
    /// `DEFAULT`, or `RESET`.
    Default,
    /// A word, number or string (quotes removed; not lower-cased).
    Given(Vec<u8>),
}

/// The value `stmt`, a whole PostgreSQL `SET` or `RESET` statement, gives parameter
/// `name`: `SET [SESSION | LOCAL] name { = | TO } { value | 'value' | DEFAULT }`,
/// `RESET name`, `RESET ALL`. Only that shape counts: a name inside a string or a
/// comment (`SET application_name = 'standard_conforming_strings = off'`) does not.
/// `backslash`: whether `\` escapes in `'…'` strings.
fn pg_setting(stmt: &[u8], name: &[u8], backslash: bool) -> Option<PgValue> {
    let toks = pg_tokens(stmt, backslash)?;
    let word = |t: Option<&PgTok>, w: &[u8]| matches!(t, Some(PgTok::Word(x)) if x.eq_ignore_ascii_case(w));
    let is_name = |t: Option<&PgTok>| match t {
        Some(PgTok::Word(x)) => x.eq_ignore_ascii_case(name),
        // PostgreSQL finds settings by name in any case, quoted or not
        Some(PgTok::Quoted(x)) => x.eq_ignore_ascii_case(name),
        _ => false,
    };
    let mut i = 1;
    if word(toks.first(), b"reset") {
        return (toks.len() == 2 && (is_name(toks.get(1)) || word(toks.get(1), b"all")))
            .then_some(PgValue::Default);
    }
    if !word(toks.first(), b"set") {
        return None;
    }
    if (word(toks.get(1), b"session") || word(toks.get(1), b"local"))
        && matches!(toks.get(2), Some(PgTok::Word(_) | PgTok::Quoted(_)))
    {
        i = 2;
    }
    if !is_name(toks.get(i)) {
        return None;
    }
    if !(matches!(toks.get(i + 1), Some(PgTok::Equals)) || word(toks.get(i + 1), b"to")) {
        return None;
    }
    if toks.len() != i + 3 {
        // no value, or a list (which a boolean setting refuses)
        return None;
    }
    match toks.get(i + 2) {
        Some(PgTok::Word(w)) if w.eq_ignore_ascii_case(b"default") => Some(PgValue::Default),
        Some(PgTok::Word(w)) | Some(PgTok::Str(w)) => Some(PgValue::Given(w.clone())),
        _ => None,
    }
}

/// PostgreSQL's `parse_bool`: `on`, `off`, `true`, `false`, `yes`, `no`, `1`, `0`
/// in any case, and unambiguous prefixes of the words (`t`, `of`, …).
fn parse_pg_bool(v: &[u8]) -> Option<bool> {
    let v = v.to_ascii_lowercase();
    let prefix = |w: &[u8], min: usize| v.len() >= min && w.starts_with(&v);
    if prefix(b"true", 1) || prefix(b"yes", 1) || prefix(b"on", 2) || v == b"1" {
        Some(true)
    } else if prefix(b"false", 1) || prefix(b"no", 1) || prefix(b"off", 2) || v == b"0" {
        Some(false)
    } else {
        None
    }
}

#[derive(Debug, PartialEq, Eq)]
enum PgTok {
    /// A word or number (`.` included: `my.setting`), as written.
    Word(Vec<u8>),
    /// A double-quoted identifier's name.
    Quoted(Vec<u8>),
    /// A string's value.
    Str(Vec<u8>),
    /// `=`.
    Equals,
    /// Any other byte.
    Other(u8),
}

/// The tokens of a small PostgreSQL statement, comments and the final `;` left out;
/// None when something is left open (never for a statement the lexer handed out
/// whole).
fn pg_tokens(s: &[u8], backslash: bool) -> Option<Vec<PgTok>> {
    let n = s.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let b = s[i];
        if is_ws(b) {
            i += 1;
        } else if s[i..].starts_with(b"--") {
            i = memchr::memchr(b'\n', &s[i..]).map_or(n, |j| i + j + 1);
        } else if s[i..].starts_with(b"/*") {
            let mut depth = 0u32;
            loop {
                if s[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if s[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else if i < n {
                    i += 1;
                } else {
                    return None;
                }
            }
        } else if b == b'\'' || b == b'"' {
            // E'…': read as a word `E` right before this quote
            let e_prefix = b == b'\''
                && i > 0
                && s[i - 1].eq_ignore_ascii_case(&b'e')
                && matches!(out.last(), Some(PgTok::Word(w)) if w.eq_ignore_ascii_case(b"e"));
            if e_prefix {
                out.pop();
            }
            let esc = b == b'\'' && (backslash || e_prefix);
            let escapes = if esc { Escapes::Decode } else { Escapes::None };
            let (body, end) = string_body(&s[i + 1..], b, escapes);
            i += 1 + end?;
            out.push(if b == b'"' {
                PgTok::Quoted(body)
            } else {
                PgTok::Str(body)
            });
        } else if b == b'$' {
            // $tag$…$tag$
            let close = memchr::memchr(b'$', &s[i + 1..])? + i + 1;
            let tag = &s[i..=close];
            if !tag[1..tag.len() - 1]
                .iter()
                .all(|&c| is_word(c) && c != b'$')
            {
                out.push(PgTok::Other(b));
                i += 1;
                continue;
            }
            let body_at = close + 1;
            let end = memchr::memmem::find(&s[body_at..], tag)? + body_at;
            out.push(PgTok::Str(s[body_at..end].to_vec()));
            i = end + tag.len();
        } else if is_word(b) {
            let start = i;
            while i < n && (is_word(s[i]) || s[i] == b'.') {
                i += 1;
            }
            out.push(PgTok::Word(s[start..i].to_vec()));
        } else {
            out.push(if b == b'=' {
                PgTok::Equals
            } else {
                PgTok::Other(b)
            });
            i += 1;
        }
    }
    while matches!(out.last(), Some(PgTok::Other(b';'))) {
        out.pop();
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pg_settings_come_from_the_assignment_only() {
        let scs = |s: &str| pg_setting(s.as_bytes(), b"standard_conforming_strings", false);
        let given = |v: &str| Some(PgValue::Given(v.as_bytes().to_vec()));
        assert_eq!(scs("SET standard_conforming_strings = off;"), given("off"));
        assert_eq!(
            scs("SET LOCAL standard_conforming_strings TO 'off'"),
            given("off")
        );
        assert_eq!(
            scs("SET SESSION \"standard_conforming_strings\"=E'o\\ff';"),
            given("off")
        );
        assert_eq!(
            scs("SET standard_conforming_strings = $x$on$x$;"),
            given("on")
        );
        assert_eq!(
            scs("SET standard_conforming_strings TO DEFAULT;"),
            Some(PgValue::Default)
        );
        assert_eq!(
            scs("RESET standard_conforming_strings;"),
            Some(PgValue::Default)
        );
        assert_eq!(scs("RESET ALL;"), Some(PgValue::Default));
        // settings are found by name in any case, quoted or not
        assert_eq!(
            scs("SET \"Standard_Conforming_Strings\" = off;"),
            given("off")
        );
        for s in [
            "SET application_name = 'standard_conforming_strings = off';",
            "SET /* standard_conforming_strings = off */ x = 1;",
            "SET x = 1 -- standard_conforming_strings = off",
            "SET standard_conforming_strings = off, on;",
            "SET standard_conforming_strings;",
            "SET SESSION AUTHORIZATION standard_conforming_strings;",
            "RESET application_name;",
            "SELECT standard_conforming_strings = off;",
        ] {
            assert_eq!(scs(s), None, "{s}");
        }
        for (v, b) in [
            ("on", Some(true)),
            ("OFF", Some(false)),
            ("of", Some(false)),
            ("o", None),
            ("t", Some(true)),
            ("fals", Some(false)),
            ("yes", Some(true)),
            ("n", Some(false)),
            ("1", Some(true)),
            ("0", Some(false)),
            ("10", None),
            ("onn", None),
            ("", None),
        ] {
            assert_eq!(parse_pg_bool(v.as_bytes()), b, "{v}");
        }
    }
}
