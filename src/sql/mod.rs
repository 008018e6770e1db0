//! Small SQL understanding for rules: a token scanner over one statement's bytes,
//! qualified names, the table references of a statement, and the columns of a
//! `CREATE TABLE`.
//!
//! Everything works on `&[u8]` and reports byte ranges, so that rules can rewrite a
//! statement by splicing edits into the original text: formatting, comments and
//! everything a rule does not touch survive byte for byte.

pub mod coltype;
pub mod table;

use std::borrow::Cow;

use crate::lex::Dialect;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A bare word: keyword or unquoted identifier.
    Word,
    /// A quoted identifier: `` `x` `` (MySQL) or `"x"` (PostgreSQL).
    QIdent,
    /// A string literal (with its prefix: `E'…'`, `_utf8mb4'…'`, `x'…'`), or a
    /// dollar-quoted string.
    Str,
    /// A number.
    Num,
    /// One punctuation byte (`(`, `)`, `,`, `.`, `;`, `=`, …) or a multi-byte operator
    /// such as `::`.
    Punct,
}

/// One token: its kind and byte range in the statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The kind.
    pub kind: Tok,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A statement's tokens (whitespace and comments dropped; the bodies of MySQL
/// executable comments `/*!NNNNN … */` are tokens like any code).
pub struct Tokens<'a> {
    /// The statement's bytes.
    pub src: &'a [u8],
    /// The tokens in order.
    pub toks: Vec<Token>,
    /// The dialect they were scanned with.
    pub dialect: Dialect,
    /// Whether `\` escaped in the statement's strings (MySQL without
    /// `NO_BACKSLASH_ESCAPES`): whoever reads a string token's value must know.
    pub backslash: bool,
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Scan `src` into tokens. `backslash` says whether `'…'` strings use backslash
/// escapes (MySQL without `NO_BACKSLASH_ESCAPES`); PostgreSQL's `E'…'` always does.
/// Scanning never fails: an unterminated construct runs to the end.
pub fn tokenize(src: &[u8], dialect: Dialect, backslash: bool) -> Tokens<'_> {
    let mysql = dialect == Dialect::Mysql;
    let mut toks = Vec::with_capacity(src.len() / 4 + 4);
    let n = src.len();
    let mut i = 0;
    let mut cond_depth = 0u32;
    while i < n {
        let b = src[i];
        let start = i;
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c => {
                i += 1;
                continue;
            }
            b'-' if src.get(i + 1) == Some(&b'-')
                && (!mysql || src.get(i + 2).is_none_or(|c| c.is_ascii_whitespace())) =>
            {
                i = memchr::memchr(b'\n', &src[i..]).map_or(n, |j| i + j + 1);
                continue;
            }
            b'#' if mysql => {
                i = memchr::memchr(b'\n', &src[i..]).map_or(n, |j| i + j + 1);
                continue;
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                if mysql && matches!(src.get(i + 2), Some(b'!')) {
                    i += 3;
                    while i < n && src[i].is_ascii_digit() {
                        i += 1;
                    }
                    cond_depth += 1;
                    continue;
                }
                if mysql && src[i + 2..].starts_with(b"M!") {
                    i += 4;
                    while i < n && src[i].is_ascii_digit() {
                        i += 1;
                    }
                    cond_depth += 1;
                    continue;
                }
                i = skip_block_comment(src, i, !mysql);
                continue;
            }
            b'*' if cond_depth > 0 && src.get(i + 1) == Some(&b'/') => {
                cond_depth -= 1;
                i += 2;
                continue;
            }
            b'\'' => {
                i = skip_quoted(src, i, b'\'', backslash && mysql);
                toks.push(Token {
                    kind: Tok::Str,
                    start,
                    end: i,
                });
                continue;
            }
            b'"' => {
                i = skip_quoted(src, i, b'"', mysql && backslash);
                let kind = if mysql { Tok::Str } else { Tok::QIdent };
                toks.push(Token {
                    kind,
                    start,
                    end: i,
                });
                continue;
            }
            b'`' if mysql => {
                i = skip_quoted(src, i, b'`', false);
                toks.push(Token {
                    kind: Tok::QIdent,
                    start,
                    end: i,
                });
                continue;
            }
            b'$' if !mysql => {
                if let Some(tag_end) = dollar_tag(src, i) {
                    let tag = &src[i..tag_end];
                    i = memchr::memmem::find(&src[tag_end..], tag)
                        .map_or(n, |j| tag_end + j + tag.len());
                    toks.push(Token {
                        kind: Tok::Str,
                        start,
                        end: i,
                    });
                    continue;
                }
                i += 1;
                while i < n && src[i].is_ascii_digit() {
                    i += 1;
                }
                toks.push(Token {
                    kind: Tok::Punct,
                    start,
                    end: i,
                });
                continue;
            }
            b'0'..=b'9' => {
                while i < n && (src[i].is_ascii_alphanumeric() || src[i] == b'.' || src[i] == b'_')
                {
                    if (src[i] == b'e' || src[i] == b'E')
                        && matches!(src.get(i + 1), Some(b'+' | b'-'))
                    {
                        i += 1;
                    }
                    i += 1;
                }
                toks.push(Token {
                    kind: Tok::Num,
                    start,
                    end: i,
                });
                continue;
            }
            _ if is_word_start(b) => {
                while i < n && is_word_byte(src[i]) {
                    i += 1;
                }
                // String prefixes: E'…', N'…', X'…', B'…', U&'…', _charset'…'
                if i < n && src[i] == b'\'' {
                    let w = &src[start..i];
                    let esc = w.eq_ignore_ascii_case(b"e");
                    let prefix = w.len() == 1 && b"eEnNxXbB".contains(&w[0]) || w[0] == b'_';
                    if prefix {
                        i = skip_quoted(src, i, b'\'', (esc && !mysql) || (mysql && backslash));
                        toks.push(Token {
                            kind: Tok::Str,
                            start,
                            end: i,
                        });
                        continue;
                    }
                }
                toks.push(Token {
                    kind: Tok::Word,
                    start,
                    end: i,
                });
                continue;
            }
            b':' if src.get(i + 1) == Some(&b':') => {
                i += 2;
            }
            _ => {
                i += 1;
            }
        }
        toks.push(Token {
            kind: Tok::Punct,
            start,
            end: i,
        });
    }
    Tokens {
        src,
        toks,
        dialect,
        backslash: backslash && mysql,
    }
}

fn skip_block_comment(src: &[u8], mut i: usize, nested: bool) -> usize {
    let n = src.len();
    let mut depth = 0usize;
    while i < n {
        if src[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if src[i..].starts_with(b"*/") {
            depth = depth.saturating_sub(1);
            i += 2;
            if depth == 0 || !nested {
                return i;
            }
        } else {
            i += 1;
        }
    }
    n
}

/// Index one past the closing quote of the quoted text starting at `i` (the end of
/// `src` when it has none), as the lexer reads strings.
fn skip_quoted(src: &[u8], i: usize, q: u8, backslash: bool) -> usize {
    let from = (i + 1).min(src.len());
    crate::lex::scan::closing_quote(&src[from..], q, backslash).map_or(src.len(), |e| from + e + 1)
}

/// If a dollar-quote tag starts at `i`, the index one past it.
fn dollar_tag(src: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < src.len() && j - i < 66 {
        let b = src[j];
        if b == b'$' {
            return Some(j + 1);
        }
        let ok = if j == i + 1 {
            b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
        } else {
            is_word_byte(b) && b != b'$'
        };
        if !ok {
            return None;
        }
        j += 1;
    }
    None
}

impl<'a> Tokens<'a> {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// No tokens at all (a blank or comment-only statement).
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The bytes of token `i`.
    pub fn text(&self, i: usize) -> &'a [u8] {
        let t = self.toks[i];
        &self.src[t.start..t.end]
    }

    /// Token `i` is the keyword `kw` (an unquoted word, any case).
    pub fn is_kw(&self, i: usize, kw: &str) -> bool {
        i < self.toks.len()
            && self.toks[i].kind == Tok::Word
            && self.text(i).eq_ignore_ascii_case(kw.as_bytes())
    }

    /// Token `i` is the punctuation `p`.
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == Tok::Punct && self.text(i) == p.as_bytes()
    }

    /// Token `i` is a word or a quoted identifier.
    pub fn is_ident(&self, i: usize) -> bool {
        i < self.toks.len() && matches!(self.toks[i].kind, Tok::Word | Tok::QIdent)
    }

    /// The identifier value of token `i`: quotes removed and doubled quotes undone.
    /// Unquoted words are returned as written (case folding is the caller's choice).
    pub fn ident(&self, i: usize) -> Cow<'a, [u8]> {
        let t = self.toks[i];
        let s = &self.src[t.start..t.end];
        if t.kind != Tok::QIdent || s.len() < 2 {
            return Cow::Borrowed(s);
        }
        let q = s[0];
        let inner = &s[1..s.len() - 1];
        if memchr::memchr(q, inner).is_none() {
            return Cow::Borrowed(inner);
        }
        let mut out = Vec::with_capacity(inner.len());
        let mut k = 0;
        while k < inner.len() {
            out.push(inner[k]);
            if inner[k] == q && inner.get(k + 1) == Some(&q) {
                k += 1;
            }
            k += 1;
        }
        Cow::Owned(out)
    }

    /// The name token `i` denotes as the server sees it: PostgreSQL folds unquoted
    /// names to lower case; MySQL keeps them.
    pub fn name(&self, i: usize) -> String {
        let v = self.ident(i);
        let s = String::from_utf8_lossy(&v).into_owned();
        if self.dialect == Dialect::Postgres && self.toks[i].kind == Tok::Word {
            s.to_ascii_lowercase()
        } else {
            s
        }
    }

    /// Index of the token that closes the parenthesis opened at `open`.
    pub fn matching_paren(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for j in open..self.toks.len() {
            if self.is_punct(j, "(") {
                depth += 1;
            } else if self.is_punct(j, ")") {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(j);
                }
            }
        }
        None
    }

    /// The 1-based line of byte `at`, given the statement starts on `first_line`.
    pub fn line_of(&self, at: usize, first_line: u64) -> u64 {
        first_line + crate::lex::driver::count_lines(&self.src[..at.min(self.src.len())])
    }

    /// The leading keywords, upper-cased (at most `n`, stopping at a non-word).
    pub fn leading_words(&self, n: usize) -> Vec<String> {
        self.toks
            .iter()
            .take(n)
            .take_while(|t| t.kind == Tok::Word)
            .map(|t| String::from_utf8_lossy(&self.src[t.start..t.end]).to_ascii_uppercase())
            .collect()
    }
}

/// Quote `name` for `dialect` in the style of the token it replaces (`quoted`), or
/// bare when the token was bare.
pub fn quote_like(name: &str, dialect: Dialect, quoted: bool) -> String {
    if !quoted {
        return name.to_string();
    }
    match dialect {
        Dialect::Mysql => format!("`{}`", name.replace('`', "``")),
        Dialect::Postgres => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

/// One replacement of a byte range of a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// First byte replaced.
    pub start: usize,
    /// One past the last byte replaced.
    pub end: usize,
    /// The new bytes.
    pub text: Vec<u8>,
}

/// Apply `edits` to `src`. Edits are sorted by position; an edit overlapping an
/// earlier one is skipped (the first rule to claim a range wins).
pub fn apply_edits(src: &[u8], edits: &mut [Edit], out: &mut Vec<u8>) {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut at = 0;
    for e in edits.iter() {
        if e.start < at || e.end > src.len() {
            continue;
        }
        out.extend_from_slice(&src[at..e.start]);
        out.extend_from_slice(&e.text);
        at = e.end;
    }
    out.extend_from_slice(&src[at..]);
}

#[cfg(test)]
mod tests;
