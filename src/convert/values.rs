//! One MySQL literal, exactly as `mysqldump` / `mariadb-dump` write it inside an
//! INSERT tuple, turned into one PostgreSQL `COPY … FROM stdin` text-format field.
//!
//! Forms the real dump tools write (checked with MariaDB 10.11's `mysqldump`):
//!
//! - numbers bare (`-12.345`, `0.00000015`, `2024`), `NULL` bare;
//! - strings in single quotes with `\0 \' \" \n \r \Z \\` escaped and every other
//!   byte (tab, backspace, bytes ≥ 0x80) raw;
//! - `binary`/`varbinary`/`blob` and `bit(n)` as quoted strings of their raw bytes
//!   (`'\0'`, `'<0x01>'`; MySQL 8 puts `_binary ` in front), or with `--hex-blob` as
//!   `0xDEADBEEF` (upper case; an empty value stays `''`);
//! - dates and times quoted: `'2024-01-02'`, `'2024-01-02 10:00:00.000000'`,
//!   `'-838:59:59'`, zero dates as `'0000-00-00'`.
//!
//! The COPY field is written straight into the caller's buffer; on error the buffer is
//! truncated back to where the field began.

use std::fmt;

/// What the target column is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Integer (`smallint`, `integer`, `bigint`).
    Int,
    /// `numeric` / `decimal`.
    Numeric,
    /// `real` / `double precision`.
    Float,
    /// `boolean` (from `tinyint(1)` or `bit(1)`).
    Bool,
    /// `text` / `varchar` / `char` (also enums).
    Text,
    /// `bytea`.
    Bytes,
    /// `date`.
    Date,
    /// `timestamp`.
    DateTime,
    /// `time`: 00:00:00 to 24:00:00 (MySQL's TIME, down to `-838:59:59` and up to
    /// `838:59:59`, holds more: such values are refused, so written as NULL).
    Time,
    /// `integer` from MySQL `year`.
    Year,
    /// `json` / `jsonb`.
    Json,
    /// `bit varying` from MySQL `bit(n)`, n > 1.
    Bit,
    /// `text[]` from MySQL `set(…)`.
    Set,
}

impl ValueKind {
    /// Every kind.
    pub const ALL: [ValueKind; 13] = [
        ValueKind::Int,
        ValueKind::Numeric,
        ValueKind::Float,
        ValueKind::Bool,
        ValueKind::Text,
        ValueKind::Bytes,
        ValueKind::Date,
        ValueKind::DateTime,
        ValueKind::Time,
        ValueKind::Year,
        ValueKind::Json,
        ValueKind::Bit,
        ValueKind::Set,
    ];
}

/// Counts of what was changed or refused (per column; the caller aggregates).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// NUL bytes dropped from text (PostgreSQL text cannot hold them).
    pub nul_removed: u64,
    /// Zero dates (month or day `00`) written as `\N`.
    pub zero_dates: u64,
    /// Text values refused because they are not UTF-8.
    pub invalid_utf8: u64,
}

impl Stats {
    /// Add another batch's counts.
    pub fn add(&mut self, o: Stats) {
        self.nul_removed += o.nul_removed;
        self.zero_dates += o.zero_dates;
        self.invalid_utf8 += o.invalid_utf8;
    }
}

/// Why a literal could not be converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A well-formed literal for a boolean column that is neither 0 nor 1 (the literal).
    NotBoolean(Vec<u8>),
    /// Text that is not UTF-8.
    NotUtf8,
    /// A literal that is not one of the forms of its column's kind (the literal).
    Unparsable(Vec<u8>),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotBoolean(v) => {
                write!(f, "not a boolean: {}", String::from_utf8_lossy(v))
            }
            Problem::NotUtf8 => f.write_str("text that is not UTF-8"),
            Problem::Unparsable(v) => {
                write!(f, "unexpected value: {}", String::from_utf8_lossy(v))
            }
        }
    }
}

impl std::error::Error for Problem {}

/// Append the COPY field for MySQL literal `v` of a column of kind `k` to `out`.
/// On Err nothing usable was written for the field (the caller reports it and writes `\N` or stops).
pub fn to_copy(
    v: &[u8],
    k: ValueKind,
    out: &mut Vec<u8>,
    stats: &mut Stats,
) -> Result<(), Problem> {
    to_copy_with(v, k, true, out, stats)
}

/// [`to_copy`] for a literal whose strings use backslash escapes (`backslash`, MySQL's
/// default) or not (sql_mode `NO_BACKSLASH_ESCAPES`: `\` is an ordinary byte, only
/// a doubled quote escapes, so `'C:\'` is the two bytes `C:\`). The COPY field
/// escapes a backslash either way.
pub fn to_copy_with(
    v: &[u8],
    k: ValueKind,
    backslash: bool,
    out: &mut Vec<u8>,
    stats: &mut Stats,
) -> Result<(), Problem> {
    let v = v.trim_ascii();
    // The shapes most values have, without the general path's large frame: NULL, an
    // integer's digits, text with nothing to unescape or escape. (What the general
    // path makes of them, byte for byte: `fast_paths_agree_with_the_general_one`.)
    match (k, v) {
        (_, b"NULL") => {
            out.extend_from_slice(b"\\N");
            return Ok(());
        }
        (ValueKind::Int, [b'0'..=b'9' | b'-', ..]) if plain_number(v, false) => {
            out.extend_from_slice(v);
            return Ok(());
        }
        (ValueKind::Numeric | ValueKind::Float, [b'0'..=b'9' | b'-', ..])
            if plain_number(v, true) =>
        {
            out.extend_from_slice(v);
            return Ok(());
        }
        // (a valid date holds digits, `-`, ` `, `T`, `:` and `.` only: nothing to
        // unescape)
        (ValueKind::DateTime, [b'\'', body @ .., b'\''])
            if matches!(datetime(body), Some(DateShape::Valid)) =>
        {
            out.extend_from_slice(body);
            return Ok(());
        }
        (ValueKind::Text | ValueKind::Json, [b'\'', body @ .., b'\''])
            if crate::lex::scan::find_text_special(body).is_none()
                && (body.is_ascii() || simdutf8::basic::from_utf8(body).is_ok()) =>
        {
            out.extend_from_slice(body);
            return Ok(());
        }
        _ => {}
    }
    general(v, k, backslash, out, stats)
}

/// `[-]digits`, and with `fraction` `[-]digits[.digits]`: numbers as dumps write
/// them, which every numeric column takes as they are.
#[inline]
fn plain_number(v: &[u8], fraction: bool) -> bool {
    let d = v.strip_prefix(b"-").unwrap_or(v);
    let int = d.iter().take_while(|c| c.is_ascii_digit()).count();
    match d.get(int..) {
        Some([]) => int > 0,
        Some([b'.', f @ ..]) => {
            fraction && int > 0 && !f.is_empty() && f.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// [`to_copy_with`] for a trimmed value of any shape.
#[inline(never)]
fn general(
    v: &[u8],
    k: ValueKind,
    backslash: bool,
    out: &mut Vec<u8>,
    stats: &mut Stats,
) -> Result<(), Problem> {
    let start = out.len();
    let r = convert(v, k, backslash, out, stats, start);
    if r.is_err() {
        out.truncate(start);
    }
    r
}

/// A literal, classified by its syntax.
enum Lit<'a> {
    /// `NULL`.
    Null,
    /// A bare number (sign, digits, fraction, exponent: checked later per kind).
    Bare(&'a [u8]),
    /// `'…'` or `"…"` (after any introducer): the whole literal, quotes included.
    Quoted(&'a [u8]),
    /// `0x…` / `X'…'`: the hex digits.
    Hex(&'a [u8]),
    /// `b'…'` / `0b…`: the binary digits.
    Bits(&'a [u8]),
}

/// A trimmed literal without its character-set introducer (`_binary '…'`,
/// `_utf8mb4'…'`, `_latin1 0x…`) or `N` prefix (`N'…'`); `None` when an introducer has
/// no name or nothing after it.
pub(crate) fn without_introducer(v: &[u8]) -> Option<&[u8]> {
    let mut s = v;
    if let Some(rest) = s.strip_prefix(b"_") {
        let n = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count();
        if n == 0 {
            return None;
        }
        s = rest[n..].trim_ascii_start();
        if s.is_empty() {
            return None;
        }
    } else if s.len() >= 2 && (s[0] == b'N' || s[0] == b'n') && s[1] == b'\'' {
        s = &s[1..];
    }
    Some(s)
}

/// Classify a trimmed literal; `None` when it is none of the forms.
fn classify(v: &[u8]) -> Option<Lit<'_>> {
    if v.eq_ignore_ascii_case(b"NULL") {
        return Some(Lit::Null);
    }
    let s = without_introducer(v)?;
    let introduced = s.len() != v.len();
    match s {
        [b'\'' | b'"', ..] => Some(Lit::Quoted(s)),
        [b'0', b'x', d @ ..] => Some(Lit::Hex(d)),
        [b'0', b'b', d @ ..] => Some(Lit::Bits(d)),
        [b'x' | b'X', b'\'', d @ .., b'\''] => Some(Lit::Hex(d)),
        [b'b' | b'B', b'\'', d @ .., b'\''] => Some(Lit::Bits(d)),
        [b'0'..=b'9' | b'-' | b'+' | b'.', ..] if !introduced => Some(Lit::Bare(s)),
        _ => None,
    }
}

fn convert(
    raw: &[u8],
    k: ValueKind,
    bs: bool,
    out: &mut Vec<u8>,
    stats: &mut Stats,
    start: usize,
) -> Result<(), Problem> {
    let bad = || Problem::Unparsable(raw.to_vec());
    let lit = classify(raw).ok_or_else(bad)?;
    if let Lit::Null = lit {
        out.extend_from_slice(b"\\N");
        return Ok(());
    }
    match k {
        ValueKind::Int | ValueKind::Numeric | ValueKind::Float | ValueKind::Year => {
            let ok = |s: &[u8]| match k {
                ValueKind::Int => is_integer(s),
                ValueKind::Year => {
                    !s.is_empty() && s.len() <= 4 && s.iter().all(u8::is_ascii_digit)
                }
                _ => is_number(s),
            };
            match lit {
                Lit::Bare(s) if ok(s) => out.extend_from_slice(s),
                Lit::Quoted(q) => {
                    unquote_into(q, bs, out).ok_or_else(bad)?;
                    if !ok(&out[start..]) {
                        return Err(bad());
                    }
                }
                _ => return Err(bad()),
            }
        }
        ValueKind::Bool => {
            let value = match lit {
                Lit::Bare(s) => match s {
                    b"0" => Some(false),
                    b"1" => Some(true),
                    _ if is_number(s) => None,
                    _ => return Err(bad()),
                },
                // `b''` is 0 in MySQL
                Lit::Bits([]) => Some(false),
                Lit::Bits(d) => {
                    if !d.iter().all(|c| *c == b'0' || *c == b'1') {
                        return Err(bad());
                    }
                    let ones = d.iter().filter(|c| **c == b'1').count();
                    match (ones, d.last()) {
                        (0, _) => Some(false),
                        (1, Some(b'1')) => Some(true),
                        _ => None,
                    }
                }
                other => {
                    bytes_of(&other, bs, |b| out.push(b)).ok_or_else(bad)?;
                    let v = match &out[start..] {
                        // `''`, `_binary ''`: an empty bit value is 0 in MySQL
                        [] | [0] | b"0" => Some(false),
                        [1] | b"1" => Some(true),
                        _ => None,
                    };
                    out.truncate(start);
                    v
                }
            };
            match value {
                Some(b) => out.push(if b { b't' } else { b'f' }),
                None => return Err(Problem::NotBoolean(raw.to_vec())),
            }
        }
        ValueKind::Text | ValueKind::Json => match lit {
            Lit::Bare(s) if is_number(s) => out.extend_from_slice(s),
            Lit::Bare(_) => return Err(bad()),
            other => text(&other, bs, out, stats, start).ok_or_else(bad)??,
        },
        ValueKind::Bytes => {
            if let Lit::Bare(_) = lit {
                return Err(bad());
            }
            out.extend_from_slice(b"\\\\x");
            match lit {
                Lit::Quoted(q) => quoted_hex(q, bs, out).ok_or_else(bad)?,
                Lit::Hex(d) => hex_digits(d, out).ok_or_else(bad)?,
                _ => bytes_of(&lit, bs, |b| hex_into(&[b], out)).ok_or_else(bad)?,
            }
        }
        ValueKind::Date | ValueKind::DateTime | ValueKind::Time => {
            let Lit::Quoted(q) = lit else {
                return Err(bad());
            };
            unquote_into(q, bs, out).ok_or_else(bad)?;
            let check = |s: &[u8]| match k {
                ValueKind::Date => date(s),
                ValueKind::DateTime => datetime(s),
                _ => time(s).then_some(DateShape::Valid),
            };
            let mut shape = check(&out[start..]);
            // MySQL's relaxed forms ('2021/1/2', '21-1-2 3:4:5'): written out in full
            if shape.is_none() && k != ValueKind::Time {
                if let Some(full) = relaxed_datetime(&out[start..], k == ValueKind::DateTime) {
                    out.truncate(start);
                    out.extend_from_slice(&full);
                    shape = check(&out[start..]);
                }
            }
            match shape {
                Some(DateShape::Valid) => {}
                Some(DateShape::Zero) => {
                    out.truncate(start);
                    out.extend_from_slice(b"\\N");
                    stats.zero_dates += 1;
                }
                None => return Err(bad()),
            }
        }
        ValueKind::Bit => {
            match lit {
                Lit::Bits(d) if d.iter().all(|c| *c == b'0' || *c == b'1') => {
                    out.extend_from_slice(d)
                }
                Lit::Bare(_) | Lit::Bits(_) => return Err(bad()),
                other => bytes_of(&other, bs, |b| {
                    for i in (0..8).rev() {
                        out.push(if (b >> i) & 1 == 1 { b'1' } else { b'0' });
                    }
                })
                .ok_or_else(bad)?,
            }
            // `b''`, `''`, `_binary ''`: an empty bit value is 0 in MySQL
            if out.len() == start {
                out.push(b'0');
            }
        }
        ValueKind::Set => {
            let Lit::Quoted(q) = lit else {
                return Err(bad());
            };
            let mut body = Vec::with_capacity(q.len());
            let mut nuls = 0u64;
            unquote(q, bs, |b| {
                if b == 0 {
                    nuls += 1;
                } else {
                    body.push(b);
                }
            })
            .ok_or_else(bad)?;
            if nuls > 0 && !utf8_with_nuls(&lit, bs) {
                stats.invalid_utf8 += 1;
                return Err(Problem::NotUtf8);
            }
            if std::str::from_utf8(&body).is_err() {
                stats.invalid_utf8 += 1;
                return Err(Problem::NotUtf8);
            }
            stats.nul_removed += nuls;
            set_array(&body, out);
        }
    }
    Ok(())
}

/// Text / JSON: the bytes of a string-like literal, NULs removed, UTF-8 checked,
/// COPY-escaped. Outer `None`: malformed literal; inner `Err`: not UTF-8.
fn text(
    lit: &Lit<'_>,
    bs: bool,
    out: &mut Vec<u8>,
    stats: &mut Stats,
    start: usize,
) -> Option<Result<(), Problem>> {
    let mut nuls = 0u64;
    match lit {
        Lit::Quoted(q) => nuls = quoted_text(q, bs, out)?,
        _ => bytes_of(lit, bs, |b| copy_byte(b, out, &mut nuls))?,
    }
    // COPY escaping only swaps ASCII bytes for ASCII pairs, so the field is UTF-8
    // exactly when the value without its NULs is; removing a NUL may have joined the
    // halves of a broken sequence, so then the value with its NULs is checked too.
    // (most fields are short and ASCII: is_ascii is cheaper there than the validator,
    // which hands inputs under 64 bytes to the standard library's)
    let field = &out[start..];
    let valid = (field.is_ascii() || simdutf8::basic::from_utf8(field).is_ok())
        && (nuls == 0 || utf8_with_nuls(lit, bs));
    if !valid {
        stats.invalid_utf8 += 1;
        return Some(Err(Problem::NotUtf8));
    }
    stats.nul_removed += nuls;
    Some(Ok(()))
}

/// One byte of a text value into a COPY field: NULs counted and dropped, the COPY
/// specials escaped.
#[inline]
pub(super) fn copy_byte(b: u8, out: &mut Vec<u8>, nuls: &mut u64) {
    match b {
        0 => *nuls += 1,
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        _ => out.push(b),
    }
}

/// A quoted MySQL string straight into a COPY text field: what [`unquote`] and
/// [`copy_byte`] do byte by byte, with runs of ordinary bytes copied at once. The
/// number of NULs dropped; `None` when the literal is malformed. `bs`: backslash
/// escapes (else a backslash is a byte like any other, doubled for COPY).
fn quoted_text(q: &[u8], bs: bool, out: &mut Vec<u8>) -> Option<u64> {
    let (&quote, body) = q.split_first()?;
    let mut nuls = 0;
    let mut i = 0;
    loop {
        let run = crate::lex::scan::find_text_special(body.get(i..)?)?;
        out.extend_from_slice(&body[i..i + run]);
        i += run;
        let c = body[i];
        if c == b'\\' && bs {
            let e = *body.get(i + 1)?;
            if matches!(e, b'%' | b'_') {
                copy_byte(b'\\', out, &mut nuls);
                copy_byte(e, out, &mut nuls);
            } else {
                copy_byte(unescape(e), out, &mut nuls);
            }
            i += 2;
        } else if c == quote {
            if body.get(i + 1) == Some(&quote) {
                copy_byte(quote, out, &mut nuls);
                i += 2;
            } else {
                // The closing quote must be the literal's last byte.
                return (i + 1 == body.len()).then_some(nuls);
            }
        } else {
            copy_byte(c, out, &mut nuls);
            i += 1;
        }
    }
}

/// The two lower-case hex digits of each byte, as a little-endian `u16`.
static HEX_PAIRS: [u16; 256] = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut t = [0u16; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = u16::from_le_bytes([HEX[b >> 4], HEX[b & 15]]);
        b += 1;
    }
    t
};

/// Bytes as lower-case hex digits, four bytes to one 8-byte store.
#[inline]
pub(super) fn hex_into(bytes: &[u8], out: &mut Vec<u8>) {
    out.reserve(bytes.len() * 2);
    let pair = |b: u8| u64::from(HEX_PAIRS[usize::from(b)]);
    let mut quads = bytes.chunks_exact(4);
    for q in &mut quads {
        let v = pair(q[0]) | pair(q[1]) << 16 | pair(q[2]) << 32 | pair(q[3]) << 48;
        out.extend_from_slice(&v.to_le_bytes());
    }
    for &b in quads.remainder() {
        out.extend_from_slice(&HEX_PAIRS[usize::from(b)].to_le_bytes());
    }
}

/// A quoted MySQL string as the hex digits of its bytes (for a `bytea` COPY field):
/// what [`unquote`] gives, with runs of ordinary bytes converted at once.
fn quoted_hex(q: &[u8], bs: bool, out: &mut Vec<u8>) -> Option<()> {
    let (&quote, body) = q.split_first()?;
    let mut i = 0;
    loop {
        let rest = body.get(i..)?;
        let run = crate::lex::scan::find2(rest, quote, if bs { b'\\' } else { quote })?;
        hex_into(&body[i..i + run], out);
        i += run;
        if body[i] == b'\\' && bs {
            let e = *body.get(i + 1)?;
            match e {
                b'%' | b'_' => hex_into(&[b'\\', e], out),
                _ => hex_into(&[unescape(e)], out),
            }
            i += 2;
        } else if body.get(i + 1) == Some(&quote) {
            hex_into(&[quote], out);
            i += 2;
        } else {
            return (i + 1 == body.len()).then_some(());
        }
    }
}

/// The byte a MySQL backslash escape `\e` stands for (`\%` and `\_` keep their
/// backslash and are handled by the callers).
#[inline]
pub(super) fn unescape(e: u8) -> u8 {
    match e {
        b'0' => 0,
        b'b' => 8,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'Z' => 0x1a,
        _ => e,
    }
}

/// Whether the value of a string-like literal, NULs kept, is UTF-8 (the rare path).
fn utf8_with_nuls(lit: &Lit<'_>, bs: bool) -> bool {
    let mut all = Vec::new();
    bytes_of(lit, bs, |b| all.push(b)).is_some() && std::str::from_utf8(&all).is_ok()
}

/// A PostgreSQL array literal for `text[]` from a MySQL SET value (`a,b`), COPY-escaped.
fn set_array(body: &[u8], out: &mut Vec<u8>) {
    // COPY escaping of one byte of the array literal.
    fn put(out: &mut Vec<u8>, b: u8) {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => out.push(b),
        }
    }
    out.push(b'{');
    if !body.is_empty() {
        for (i, e) in body.split(|c| *c == b',').enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let quote = e.is_empty()
                || e.eq_ignore_ascii_case(b"NULL")
                || e.iter().any(|c| {
                    matches!(
                        c,
                        b'"' | b'\\'
                            | b'{'
                            | b'}'
                            | b','
                            | b' '
                            | b'\t'
                            | b'\n'
                            | b'\r'
                            | 0x0b
                            | 0x0c
                    )
                });
            if quote {
                out.push(b'"');
                for &c in e {
                    if c == b'"' || c == b'\\' {
                        put(out, b'\\');
                    }
                    put(out, c);
                }
                out.push(b'"');
            } else {
                for &c in e {
                    put(out, c);
                }
            }
        }
    }
    out.push(b'}');
}

/// Feed the bytes a string-like literal stands for to `f`; `None` if malformed or
/// not string-like (a bare number).
fn bytes_of(lit: &Lit<'_>, bs: bool, f: impl FnMut(u8)) -> Option<()> {
    match lit {
        Lit::Quoted(q) => unquote(q, bs, f),
        Lit::Hex(d) => unhex(d, f),
        Lit::Bits(d) => unbits(d, f),
        Lit::Null | Lit::Bare(_) => None,
    }
}

/// [`unquote`] into `out`, with the runs between escapes copied at once (dates and
/// numbers in quotes rarely hold an escape: usually one run).
fn unquote_into(q: &[u8], bs: bool, out: &mut Vec<u8>) -> Option<()> {
    let (&quote, body) = q.split_first()?;
    let mut i = 0;
    loop {
        let rest = body.get(i..)?;
        let run = crate::lex::scan::find2(rest, quote, if bs { b'\\' } else { quote })?;
        out.extend_from_slice(&rest[..run]);
        i += run;
        if body[i] == b'\\' && bs {
            let e = *body.get(i + 1)?;
            if matches!(e, b'%' | b'_') {
                out.push(b'\\');
                out.push(e);
            } else {
                out.push(unescape(e));
            }
            i += 2;
        } else if body.get(i + 1) == Some(&quote) {
            out.push(quote);
            i += 2;
        } else {
            // The closing quote must be the literal's last byte.
            return (i + 1 == body.len()).then_some(());
        }
    }
}

/// Decode a MySQL quoted string (`q` starts with its quote and must end with the same
/// quote), feeding its bytes to `f`. `None` when it is not exactly one well-formed
/// string literal. `bs`: backslash escapes (MySQL's default sql_mode).
fn unquote(q: &[u8], bs: bool, mut f: impl FnMut(u8)) -> Option<()> {
    let (&quote, body) = q.split_first()?;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c == b'\\' && bs {
            let e = *body.get(i + 1)?;
            if matches!(e, b'%' | b'_') {
                f(b'\\');
                f(e);
            } else {
                f(unescape(e));
            }
            i += 2;
        } else if c == quote {
            if body.get(i + 1) == Some(&quote) {
                f(quote);
                i += 2;
            } else {
                // The closing quote must be the literal's last byte.
                return (i + 1 == body.len()).then_some(());
            }
        } else {
            f(c);
            i += 1;
        }
    }
    None
}

pub(super) fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Hex digits to bytes; an odd count is left-padded with a zero (MySQL does that for
/// `0x…`; for `X'…'` MySQL refuses odd counts, and mysqldump never writes them).
/// `0x…` / `X'…'` straight into a `bytea` hex field: the same digits in lower case,
/// with a leading zero for an odd count (what [`unhex`] then [`hex_into`] give).
fn hex_digits(d: &[u8], out: &mut Vec<u8>) -> Option<()> {
    if !d.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    if d.len() % 2 == 1 {
        out.push(b'0');
    }
    out.extend(d.iter().map(u8::to_ascii_lowercase));
    Some(())
}

fn unhex(d: &[u8], mut f: impl FnMut(u8)) -> Option<()> {
    if !d.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let (head, rest) = d.split_at(d.len() % 2);
    if let [h] = head {
        f(hex_digit(*h)?);
    }
    for p in rest.chunks_exact(2) {
        f((hex_digit(p[0])? << 4) | hex_digit(p[1])?);
    }
    Some(())
}

/// Binary digits to bytes, left-padded to whole bytes.
fn unbits(d: &[u8], mut f: impl FnMut(u8)) -> Option<()> {
    if !d.iter().all(|c| *c == b'0' || *c == b'1') {
        return None;
    }
    let (head, rest) = d.split_at(d.len() % 8);
    let byte = |s: &[u8]| s.iter().fold(0u8, |a, c| (a << 1) | (c - b'0'));
    if !head.is_empty() {
        f(byte(head));
    }
    for p in rest.chunks_exact(8) {
        f(byte(p));
    }
    Some(())
}

/// `[+-]digits`.
fn is_integer(s: &[u8]) -> bool {
    let d = s
        .strip_prefix(b"-")
        .or_else(|| s.strip_prefix(b"+"))
        .unwrap_or(s);
    !d.is_empty() && d.iter().all(u8::is_ascii_digit)
}

/// `[+-](digits[.digits] | .digits)[(e|E)[+-]digits]` — no `inf`/`nan`.
fn is_number(s: &[u8]) -> bool {
    let s = s
        .strip_prefix(b"-")
        .or_else(|| s.strip_prefix(b"+"))
        .unwrap_or(s);
    let digits = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
    let a = digits(s);
    let mut s = &s[a..];
    let mut b = 0;
    if let Some(rest) = s.strip_prefix(b".") {
        b = digits(rest);
        s = &rest[b..];
    }
    if a + b == 0 {
        return false;
    }
    if let Some(rest) = s.strip_prefix(b"e").or_else(|| s.strip_prefix(b"E")) {
        let rest = rest
            .strip_prefix(b"-")
            .or_else(|| rest.strip_prefix(b"+"))
            .unwrap_or(rest);
        let c = digits(rest);
        return c > 0 && c == rest.len();
    }
    s.is_empty()
}

enum DateShape {
    /// A date PostgreSQL takes.
    Valid,
    /// Month or day `00` (MySQL's zero date and partial zero dates).
    Zero,
}

/// `n` ASCII digits as a number.
fn num(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0')))
}

/// `YYYY-MM-DD`. Zero month or day → Zero; a day past the month's end or year 0
/// (which PostgreSQL refuses) → None.
fn date(s: &[u8]) -> Option<DateShape> {
    if s.len() != 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(&s[..4])?, num(&s[5..7])?, num(&s[8..10])?);
    if m == 0 || d == 0 {
        return Some(DateShape::Zero);
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let last = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (y > 0 && d <= last).then_some(DateShape::Valid)
}

/// `YYYY-MM-DD[ HH:MM:SS[.ffffff]]` (MySQL also accepts `T`).
fn datetime(s: &[u8]) -> Option<DateShape> {
    let shape = date(s.get(..10)?)?;
    match s.get(10) {
        None => Some(shape),
        Some(b' ' | b'T') => {
            let t = &s[11..];
            let ok = t.len() >= 8
                && t[2] == b':'
                && t[5] == b':'
                && num(&t[..2]).is_some_and(|h| h < 24)
                && num(&t[3..5]).is_some_and(|m| m < 60)
                && num(&t[6..8]).is_some_and(|x| x < 60)
                && fraction(&t[8..]);
            ok.then_some(shape)
        }
        Some(_) => None,
    }
}

/// A date or datetime in one of MySQL's relaxed forms (any punctuation between the
/// parts, one-digit months and days, two-digit years) as `YYYY-MM-DD[ HH:MM:SS[.f]]`.
fn relaxed_datetime(s: &[u8], with_time: bool) -> Option<Vec<u8>> {
    let (main, frac) = match s.iter().rposition(|&b| b == b'.') {
        Some(p) if with_time && s[p + 1..].iter().all(u8::is_ascii_digit) && p + 1 < s.len() => {
            (&s[..p], Some(&s[p..]))
        }
        _ => (s, None),
    };
    if !main.first().is_some_and(u8::is_ascii_digit)
        || !main.last().is_some_and(u8::is_ascii_digit)
        || !main
            .iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_punctuation() || *b == b' ' || *b == b'T')
    {
        return None;
    }
    let parts: Vec<&[u8]> = main
        .split(|b| !b.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 && !(with_time && parts.len() == 6) {
        return None;
    }
    if parts.iter().any(|p| p.len() > 4) || parts[1..].iter().any(|p| p.len() > 2) {
        return None;
    }
    let mut y = num(parts[0])?;
    if parts[0].len() <= 2 {
        y += if y < 70 { 2000 } else { 1900 };
    }
    let mut out = format!("{y:04}-{:02}-{:02}", num(parts[1])?, num(parts[2])?);
    if parts.len() == 6 {
        out.push_str(&format!(
            " {:02}:{:02}:{:02}",
            num(parts[3])?,
            num(parts[4])?,
            num(parts[5])?
        ));
    }
    let mut v = out.into_bytes();
    if let Some(f) = frac {
        v.extend_from_slice(f);
    }
    Some(v)
}

/// `H…H:MM:SS[.ffffff]` within PostgreSQL's `time`, 00:00:00 to 24:00:00. MySQL's
/// TIME also holds negative values and up to 838 hours, which `time` refuses (the
/// whole load would fail).
fn time(s: &[u8]) -> bool {
    let h = s.iter().take_while(|c| c.is_ascii_digit()).count();
    let t = &s[h..];
    let shaped = (1..=3).contains(&h)
        && t.len() >= 6
        && t[0] == b':'
        && t[3] == b':'
        && num(&t[1..3]).is_some_and(|m| m < 60)
        && num(&t[4..6]).is_some_and(|x| x < 60)
        && fraction(&t[6..]);
    shaped
        && match num(&s[..h]) {
            Some(h) if h < 24 => true,
            Some(24) => t.iter().all(|&c| matches!(c, b'0' | b':' | b'.')),
            _ => false,
        }
}

/// Empty, or `.` and 1 to 6 digits.
fn fraction(s: &[u8]) -> bool {
    match s.strip_prefix(b".") {
        None => s.is_empty(),
        Some(d) => (1..=6).contains(&d.len()) && d.iter().all(u8::is_ascii_digit),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fast_paths_agree_with_the_general_one() {
        let values: &[&[u8]] = &[
            b"-2147483648",
            b"-",
            b"--1",
            b"-1.5",
            b"1.",
            b".5",
            b"12.50",
            b"1.2.3",
            b"1e5",
            b"-0",
            b"'2024-02-29 23:59:59.123456'",
            b"'2023-02-29 00:00:00'",
            b"'2024-01-01'",
            b"'0000-00-00 00:00:00'",
            b"'2024-01-01T10:00:00'",
            b"'2024/1/2 3:4:5'",
            b"'2024-01-01 10:00:00.'",
            b"'2024-01-01 24:00:00'",
            b"\"2024-01-01 10:00:00\"",
            b"'10:00:00'",
            b"NULL",
            b"null",
            b" NULL ",
            b"0",
            b"007",
            b"123456789012345678901234",
            b"-1",
            b"0x1F",
            b"0b1",
            b"1e3",
            b"''",
            b"'abc'",
            b"'caf\xc3\xa9'",
            b"'\xff'",
            b"'a\\'b'",
            b"'a''b'",
            b"'tab\there'",
            b"'nl\nx'",
            b"'q\"x'",
            b"'\x00'",
            b"'a\\\\b'",
            b"_utf8mb4'x'",
            b"'x",
            b"x'",
            b"'",
            b"\"dq\"",
        ];
        for &v in values {
            for k in ValueKind::ALL {
                for bs in [true, false] {
                    let (mut fast, mut slow) = (b"x".to_vec(), b"x".to_vec());
                    let (mut sf, mut ss) = (Stats::default(), Stats::default());
                    let a = to_copy_with(v, k, bs, &mut fast, &mut sf);
                    let b = general(v.trim_ascii(), k, bs, &mut slow, &mut ss);
                    let what = format!("{:?} {k:?} {bs}", String::from_utf8_lossy(v));
                    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{what}");
                    assert_eq!(fast, slow, "{what}");
                    assert_eq!(sf, ss, "{what}");
                }
            }
        }
    }

    #[test]
    fn hex_digits_of_every_byte_at_every_length() {
        let all: Vec<u8> = (0..=255u8).rev().chain(0..=255).collect();
        for len in [0, 1, 2, 3, 4, 5, 7, 8, 9, all.len()] {
            let mut out = b"x".to_vec();
            hex_into(&all[..len], &mut out);
            let want: String = all[..len].iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(out, [b"x", want.as_bytes()].concat(), "{len}");
        }
    }

    use super::*;

    /// The run-copying text path gives what the byte-by-byte one gives, on literals
    /// built from the bytes that matter (quotes, backslash escapes, COPY specials, NUL,
    /// non-ASCII) in pseudo-random order, well-formed or not.
    #[test]
    fn quoted_text_and_hex_match_byte_by_byte() {
        const PARTS: &[&[u8]] = &[
            b"a",
            b"xyz",
            b"\\",
            b"\\\\",
            b"\\'",
            b"''",
            b"\"",
            b"\\n",
            b"\\0",
            b"\\Z",
            b"\\%",
            b"\\_",
            b"\t",
            b"\n",
            b"\r",
            b"\0",
            "é".as_bytes(),
            b"\xff",
            b"'",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for n in 0..20_000 {
            let mut q = vec![if n % 3 == 0 { b'"' } else { b'\'' }];
            // short literals, and long ones that the 16-byte searches go through
            let parts = if n % 4 == 0 { n % 61 } else { n % 9 };
            for _ in 0..parts {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                q.extend_from_slice(PARTS[(seed % PARTS.len() as u64) as usize]);
            }
            if n % 5 != 4 {
                q.push(q[0]);
            }
            for bs in [true, false] {
                let mut slow = Vec::new();
                let mut slow_nuls = 0;
                let s = unquote(&q, bs, |b| copy_byte(b, &mut slow, &mut slow_nuls))
                    .map(|()| slow_nuls);
                let mut fast = Vec::new();
                let f = quoted_text(&q, bs, &mut fast);
                assert_eq!(f, s, "{:?} {bs}", String::from_utf8_lossy(&q));
                if s.is_some() {
                    assert_eq!(fast, slow, "{:?} {bs}", String::from_utf8_lossy(&q));
                }
                let mut slow_bytes = Vec::new();
                let sb = unquote(&q, bs, |b| slow_bytes.push(b));
                let mut fast_bytes = b"prev".to_vec();
                assert_eq!(unquote_into(&q, bs, &mut fast_bytes), sb);
                if sb.is_some() {
                    assert_eq!(fast_bytes[4..], slow_bytes[..]);
                }
                let mut slow_hex = Vec::new();
                let sh = unquote(&q, bs, |b| hex_into(&[b], &mut slow_hex));
                let mut fast_hex = Vec::new();
                assert_eq!(quoted_hex(&q, bs, &mut fast_hex), sh);
                if sh.is_some() {
                    assert_eq!(fast_hex, slow_hex);
                }
            }
        }
    }

    #[test]
    fn hex_digits_match_decoding_and_encoding() {
        for d in [
            &b""[..],
            b"0",
            b"A",
            b"0aFf",
            b"DEADbeef1",
            b"00ff10",
            b"xz",
            b"12g4",
        ] {
            let mut slow = Vec::new();
            let s = unhex(d, |b| hex_into(&[b], &mut slow));
            let mut fast = Vec::new();
            assert_eq!(hex_digits(d, &mut fast), s, "{d:?}");
            if s.is_some() {
                assert_eq!(fast, slow, "{d:?}");
            }
        }
    }

    fn conv(v: &[u8], k: ValueKind) -> (Result<Vec<u8>, Problem>, Stats) {
        let mut out = b"prev\t".to_vec();
        let mut st = Stats::default();
        let r = to_copy(v, k, &mut out, &mut st);
        let field = out[5..].to_vec();
        match r {
            Ok(()) => (Ok(field), st),
            Err(e) => {
                assert!(field.is_empty(), "output left behind on error: {field:?}");
                assert_eq!(&out, b"prev\t");
                (Err(e), st)
            }
        }
    }

    fn ok(v: &[u8], k: ValueKind) -> Vec<u8> {
        match conv(v, k).0 {
            Ok(f) => f,
            Err(e) => panic!("{:?} as {k:?}: {e:?}", String::from_utf8_lossy(v)),
        }
    }

    #[track_caller]
    fn is(v: &[u8], k: ValueKind, want: &[u8]) {
        assert_eq!(
            String::from_utf8_lossy(&ok(v, k)),
            String::from_utf8_lossy(want),
            "{:?} as {k:?}",
            String::from_utf8_lossy(v)
        );
    }

    #[track_caller]
    fn unparsable(v: &[u8], k: ValueKind) {
        assert_eq!(
            conv(v, k).0,
            Err(Problem::Unparsable(v.trim_ascii().to_vec())),
            "{k:?}"
        );
    }

    #[test]
    fn null_any_case_and_whitespace() {
        for k in ValueKind::ALL {
            is(b"NULL", k, b"\\N");
            is(b"null", k, b"\\N");
            is(b" \n NuLl\t ", k, b"\\N");
        }
        // A quoted 'NULL' is a string.
        is(b"'NULL'", ValueKind::Text, b"NULL");
    }

    #[test]
    fn numbers() {
        is(b"-12", ValueKind::Int, b"-12");
        is(b" 42 ", ValueKind::Int, b"42");
        is(b"'12'", ValueKind::Int, b"12");
        is(
            b"18446744073709551615",
            ValueKind::Numeric,
            b"18446744073709551615",
        );
        is(b"-12.345", ValueKind::Numeric, b"-12.345");
        is(b"3.25", ValueKind::Numeric, b"3.25");
        is(b"'3.25'", ValueKind::Numeric, b"3.25");
        is(b"0.000", ValueKind::Numeric, b"0.000");
        is(b"1.5e-7", ValueKind::Float, b"1.5e-7");
        is(b"0.00000015", ValueKind::Float, b"0.00000015");
        is(
            b"-1.7976931348623157e308",
            ValueKind::Float,
            b"-1.7976931348623157e308",
        );
        is(b"1E+10", ValueKind::Float, b"1E+10");
        is(b".5", ValueKind::Float, b".5");
        is(b"0", ValueKind::Float, b"0");
        is(b"2024", ValueKind::Year, b"2024");
        is(b"'2024'", ValueKind::Year, b"2024");
        is(b"0000", ValueKind::Year, b"0000");
        for bad in [
            &b"1.5"[..],
            b"abc",
            b"0x1F",
            b"''",
            b"'1'2",
            b"'12",
            b"1e5",
            b"--1",
            b"- 1",
        ] {
            unparsable(bad, ValueKind::Int);
        }
        for bad in [
            &b"inf"[..],
            b"nan",
            b"'inf'",
            b"'NaN'",
            b"1e",
            b"e5",
            b".",
            b"-",
            b"1.2.3",
            b"' 1'",
        ] {
            unparsable(bad, ValueKind::Float);
            unparsable(bad, ValueKind::Numeric);
        }
        for bad in [&b"20245"[..], b"-2024", b"'24x'", b"b'1'", b"2024.0"] {
            unparsable(bad, ValueKind::Year);
        }
    }

    #[test]
    fn booleans_every_form() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"0", b"f"),
            (b"1", b"t"),
            (b"'0'", b"f"),
            (b"'1'", b"t"),
            (b"b'0'", b"f"),
            (b"b'1'", b"t"),
            (b"B'01'", b"t"),
            (b"0b1", b"t"),
            (b"0x00", b"f"),
            (b"0x01", b"t"),
            (b"0x0", b"f"),
            (b"X'01'", b"t"),
            // What mariadb-dump 10.11 writes for bit(1) without --hex-blob: the raw
            // byte, quoted (`\0` escaped, 0x01 raw).
            (b"'\\0'", b"f"),
            (b"'\x01'", b"t"),
            // MySQL 8's mysqldump: the same with `_binary `.
            (b"_binary '\\0'", b"f"),
            (b"_binary '\x01'", b"t"),
            (b"_binary'\x01'", b"t"),
            (b"  1  ", b"t"),
        ];
        for (v, want) in cases {
            is(v, ValueKind::Bool, want);
        }
        for v in [
            &b"2"[..],
            b"-1",
            b"10",
            b"1.0",
            b"'2'",
            b"'true'",
            b"b'10'",
            b"0x02",
            b"0x0001",
            b"'\\0\\0'",
        ] {
            assert_eq!(
                conv(v, ValueKind::Bool).0,
                Err(Problem::NotBoolean(v.to_vec())),
                "{:?}",
                String::from_utf8_lossy(v)
            );
        }
        for v in [&b"yes"[..], b"'1", b"b'12'", b"0xZZ", b"_ '1'", b"1 2"] {
            unparsable(v, ValueKind::Bool);
        }
    }

    #[test]
    fn text_every_escape() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"'plain'", b"plain"),
            (b"''", b""),
            (b"\"dq\"", b"dq"),
            (b"'it\\'s'", b"it's"),
            (b"'it''s'", b"it's"),
            (b"'say \\\"hi\\\"'", b"say \"hi\""),
            (b"\"say \"\"hi\"\"\"", b"say \"hi\""),
            (b"'a\\bb'", b"a\x08b"),
            (b"'a\\nb'", b"a\\nb"),
            (b"'a\\rb'", b"a\\rb"),
            (b"'a\\tb'", b"a\\tb"),
            (b"'a\tb'", b"a\\tb"),
            (b"'a\nb\rc'", b"a\\nb\\rc"),
            (b"'\\Z'", b"\x1a"),
            (b"'back\\\\slash'", b"back\\\\slash"),
            (b"'\\%'", b"\\\\%"),
            (b"'\\_'", b"\\\\_"),
            (b"'\\q\\y'", b"qy"),
            (b"'caf\xc3\xa9'", b"caf\xc3\xa9"),
            (b"'\\\xc3\xa9'", b"\xc3\xa9"),
            (b"'\\.'", b"."),
            (b"'\\\\.'", b"\\\\."),
            (b"_utf8mb4'x'", b"x"),
            (b"_utf8mb4 'x'", b"x"),
            (b"N'x'", b"x"),
            (b"_binary 'x'", b"x"),
            (b"0x41420A", b"AB\\n"),
            (b"X'4142'", b"AB"),
            (b"x''", b""),
            (b"0x", b""),
            (b"12", b"12"),
            (b"-1.5e3", b"-1.5e3"),
            (b"  'pad'\n", b"pad"),
        ];
        for (v, want) in cases {
            is(v, ValueKind::Text, want);
            is(v, ValueKind::Json, want);
        }
        // The real dump of `concat('a\'', char(0), 'b\nc\td\r', char(26), '\\%_é"\b')`.
        let (r, st) = conv(
            b"'a\\'\\0b\\nc\td\\r\\Z\\\\%_\xc3\xa9\\\"\x08'",
            ValueKind::Text,
        );
        assert_eq!(r, Ok(b"a'b\\nc\\td\\r\x1a\\\\%_\xc3\xa9\"\x08".to_vec()));
        assert_eq!(
            st,
            Stats {
                nul_removed: 1,
                ..Stats::default()
            }
        );
        is(
            b"'{\\\"k\\\": \\\"v\\\\\\\"q\\\"}'",
            ValueKind::Json,
            b"{\"k\": \"v\\\\\"q\"}",
        );
    }

    #[test]
    fn no_backslash_escapes_literals() {
        // sql_mode NO_BACKSLASH_ESCAPES: `\` is a byte like any other (doubled in
        // COPY), only a doubled quote escapes
        let conv_nbe = |v: &[u8], k: ValueKind| {
            let mut out = Vec::new();
            let mut st = Stats::default();
            let r = to_copy_with(v, k, false, &mut out, &mut st);
            (r.map(|()| out), st)
        };
        let cases: &[(&[u8], &[u8])] = &[
            (b"'C:\\path\\'", b"C:\\\\path\\\\"),
            (b"'\\'", b"\\\\"),
            (b"'it''s \\'' x'", b"it's \\\\' x"),
            (b"'a\\nb\\tc'", b"a\\\\nb\\\\tc"),
            (b"'x\\0y'", b"x\\\\0y"),
            (b"'\\%\\_'", b"\\\\%\\\\_"),
            (b"\"dq\\\"", b"dq\\\\"),
            (b"'tab\there\nnl'", b"tab\\there\\nnl"),
            (b"_utf8mb4'\\'", b"\\\\"),
        ];
        for (v, want) in cases {
            let (r, _) = conv_nbe(v, ValueKind::Text);
            assert_eq!(
                r.as_deref().map(String::from_utf8_lossy),
                Ok(String::from_utf8_lossy(want)),
                "{:?}",
                String::from_utf8_lossy(v)
            );
        }
        // a raw NUL is still dropped; `\0` is not a NUL
        let (r, st) = conv_nbe(b"'a\0b\\0'", ValueKind::Text);
        assert_eq!(r, Ok(b"ab\\\\0".to_vec()));
        assert_eq!(st.nul_removed, 1);
        // bytea: the bytes as written
        assert_eq!(
            conv_nbe(b"'\\'''", ValueKind::Bytes).0,
            Ok(b"\\\\x5c27".to_vec())
        );
        // a boolean stored as a string, and numbers and dates in quotes
        assert_eq!(conv_nbe(b"'1'", ValueKind::Bool).0, Ok(b"t".to_vec()));
        assert_eq!(conv_nbe(b"'12'", ValueKind::Int).0, Ok(b"12".to_vec()));
        assert_eq!(
            conv_nbe(b"'2024-01-02'", ValueKind::Date).0,
            Ok(b"2024-01-02".to_vec())
        );
        assert_eq!(
            conv_nbe(b"'a,b\\'", ValueKind::Set).0,
            Ok(b"{a,\"b\\\\\\\\\"}".to_vec())
        );
        // malformed: a quote after the closing one
        assert!(conv_nbe(b"'a\\'b'", ValueKind::Text).0.is_err());
        // with escapes the same bytes are an unterminated string
        assert!(conv(b"'\\'''", ValueKind::Text).0.is_err());
    }

    #[test]
    fn text_nul_removed_and_counted() {
        let (r, st) = conv(b"'a\\0b\x00c\\0'", ValueKind::Text);
        assert_eq!(r, Ok(b"abc".to_vec()));
        assert_eq!(st.nul_removed, 3);
        let (r, st) = conv(b"0x610062", ValueKind::Text);
        assert_eq!(r, Ok(b"ab".to_vec()));
        assert_eq!(st.nul_removed, 1);
        let (r, st) = conv(b"'\\0'", ValueKind::Text);
        assert_eq!(r, Ok(b"".to_vec()));
        assert_eq!(st.nul_removed, 1);
        // `\\0` is a backslash and a zero, not a NUL.
        let (r, st) = conv(b"'\\\\0'", ValueKind::Text);
        assert_eq!(r, Ok(b"\\\\0".to_vec()));
        assert_eq!(st, Stats::default());
    }

    #[test]
    fn text_invalid_utf8() {
        for v in [
            &b"'caf\xe9'"[..],
            b"_latin1'caf\xe9'",
            b"0x636166E9",
            b"'\xc3'",
            b"'\xed\xa0\x80'",
            b"'\xff'",
        ] {
            let (r, st) = conv(v, ValueKind::Text);
            assert_eq!(r, Err(Problem::NotUtf8), "{v:?}");
            assert_eq!(
                st,
                Stats {
                    invalid_utf8: 1,
                    ..Stats::default()
                }
            );
        }
        // A NUL that splits a broken sequence: refused, and no NUL counted.
        let (r, st) = conv(b"'\xc3\\0\xa9'", ValueKind::Text);
        assert_eq!(r, Err(Problem::NotUtf8));
        assert_eq!(
            st,
            Stats {
                invalid_utf8: 1,
                ..Stats::default()
            }
        );
        let mut st = Stats::default();
        let mut out = Vec::new();
        assert_eq!(
            to_copy(b"'\xe9'", ValueKind::Json, &mut out, &mut st),
            Err(Problem::NotUtf8)
        );
        assert!(out.is_empty());
    }

    #[test]
    fn text_malformed() {
        for v in [
            &b"'abc"[..],
            b"'abc\\'",
            b"'a'b'",
            b"'a' 'b'",
            b"'a'x",
            b"abc",
            b"0xABZ",
            b"X'ABC",
            b"_utf8mb4",
            b"_utf8mb4 12",
            b"b'102'",
            b"TRUE",
            b"now()",
            b"'",
            b"",
        ] {
            unparsable(v, ValueKind::Text);
        }
    }

    #[test]
    fn bytes_every_form() {
        let cases: &[(&[u8], &[u8])] = &[
            // mariadb-dump without --hex-blob: raw bytes, quoted, with escapes.
            (b"'\\'\\0\\\\\\n'", b"\\\\x27005c0a"),
            (b"'\\0\x01\x02\x03'", b"\\\\x00010203"),
            (b"'\xde\xad\xbe\xef'", b"\\\\xdeadbeef"),
            (b"'\x80\xff\\0'", b"\\\\x80ff00"),
            (b"'\\r\\Z\\\"\t\x08\\b'", b"\\\\x0d1a22090808"),
            (b"'a''b'", b"\\\\x612762"),
            (b"_binary '\\0\x01'", b"\\\\x0001"),
            // With --hex-blob: upper-case hex; an empty value stays ''.
            (b"0xDEADBEEF", b"\\\\xdeadbeef"),
            (b"0x00010203", b"\\\\x00010203"),
            (b"X'abcd'", b"\\\\xabcd"),
            (b"x'ABCD'", b"\\\\xabcd"),
            (b"0xABC", b"\\\\x0abc"),
            (b"b'100000001'", b"\\\\x0101"),
            (b"''", b"\\\\x"),
            (b"0x", b"\\\\x"),
            (b"X''", b"\\\\x"),
        ];
        for (v, want) in cases {
            let (r, st) = conv(v, ValueKind::Bytes);
            assert_eq!(r.as_deref(), Ok(*want), "{:?}", String::from_utf8_lossy(v));
            assert_eq!(st, Stats::default());
        }
        for v in [&b"12"[..], b"'ab", b"0xG0", b"abc"] {
            unparsable(v, ValueKind::Bytes);
        }
    }

    #[test]
    fn dates_and_times() {
        is(b"'2021/1/2'", ValueKind::Date, b"2021-01-02");
        is(b"'2024-1-2'", ValueKind::Date, b"2024-01-02");
        is(b"'2024/01/02'", ValueKind::Date, b"2024-01-02");
        is(b"'2021/1/2'", ValueKind::DateTime, b"2021-01-02");
        is(
            b"'21-1-2 3:4:5.25'",
            ValueKind::DateTime,
            b"2021-01-02 03:04:05.25",
        );
        is(b"'2024-01-02'", ValueKind::Date, b"2024-01-02");
        is(b"'2024-02-29'", ValueKind::Date, b"2024-02-29");
        is(b"'2000-02-29'", ValueKind::Date, b"2000-02-29");
        is(b"'1000-01-01'", ValueKind::Date, b"1000-01-01");
        is(b"'9999-12-31'", ValueKind::Date, b"9999-12-31");
        is(
            b"'2024-01-02 10:00:00.123456'",
            ValueKind::DateTime,
            b"2024-01-02 10:00:00.123456",
        );
        is(
            b"'2024-02-29 00:00:00.000000'",
            ValueKind::DateTime,
            b"2024-02-29 00:00:00.000000",
        );
        is(
            b"'2024-01-02 23:59:59'",
            ValueKind::DateTime,
            b"2024-01-02 23:59:59",
        );
        is(b"'2024-01-02'", ValueKind::DateTime, b"2024-01-02");
        is(b"'23:59:59.999999'", ValueKind::Time, b"23:59:59.999999");
        is(b"'24:00:00'", ValueKind::Time, b"24:00:00");
        is(b"'00:00:00'", ValueKind::Time, b"00:00:00");
        is(b"'10:11:12.5'", ValueKind::Time, b"10:11:12.5");
        is(b"'1:02:03'", ValueKind::Time, b"1:02:03");
        for (v, k) in [
            (&b"'0000-00-00'"[..], ValueKind::Date),
            (b"'2024-00-10'", ValueKind::Date),
            (b"'2024-05-00'", ValueKind::Date),
            (b"'0000-00-00 00:00:00'", ValueKind::DateTime),
            (b"'0000-00-00 00:00:00.000000'", ValueKind::DateTime),
            (b"'2024-05-00 01:02:03.000000'", ValueKind::DateTime),
            (b"'2024-00-00'", ValueKind::DateTime),
        ] {
            let (r, st) = conv(v, k);
            assert_eq!(r, Ok(b"\\N".to_vec()), "{:?}", String::from_utf8_lossy(v));
            assert_eq!(
                st,
                Stats {
                    zero_dates: 1,
                    ..Stats::default()
                }
            );
        }
        for v in [
            &b"'2024-02-30'"[..],
            b"'2023-02-29'",
            b"'1900-02-29'",
            b"'2024-13-01'",
            b"'2024-04-31'",
            b"'0000-01-01'",
            b"20240102",
            b"'2024-01-02 10:00:00'",
            b"'2024-01-02x'",
            b"'garbage'",
            b"''",
            b"0x32",
        ] {
            unparsable(v, ValueKind::Date);
        }
        for v in [
            &b"'2024-01-02 24:00:00'"[..],
            b"'2024-01-02 10:60:00'",
            b"'2024-01-02 10:00'",
            b"'2024-01-02 10:00:00.'",
            b"'2024-01-02 10:00:00.1234567'",
            b"'2024-01-02 10:00:00 '",
            b"'2024-02-30 00:00:00'",
        ] {
            unparsable(v, ValueKind::DateTime);
        }
        for v in [
            &b"'1000:00:00'"[..],
            b"'10:60:00'",
            b"'10:00'",
            b"'x'",
            b"100000",
            b"'--1:00:00'",
            // MySQL TIME values PostgreSQL's time cannot hold
            b"'838:59:59'",
            b"'-838:59:59'",
            b"'-00:00:01'",
            b"'24:00:00.000001'",
            b"'100:00:00'",
        ] {
            unparsable(v, ValueKind::Time);
        }
    }

    #[test]
    fn bits() {
        is(b"b'0101'", ValueKind::Bit, b"0101");
        is(b"B'1'", ValueKind::Bit, b"1");
        is(b"0b0011", ValueKind::Bit, b"0011");
        // an empty value is 0 (MySQL), in every form mysqldump writes
        for v in [&b"b''"[..], b"''", b"_binary ''", b"X''"] {
            is(v, ValueKind::Bit, b"0");
        }
        for v in [
            &b"b''"[..],
            b"''",
            b"_binary ''",
            b"_binary '\\0'",
            b"b'0'",
            b"0x00",
        ] {
            is(v, ValueKind::Bool, b"f");
        }
        for v in [&b"_binary '\x01'"[..], b"b'1'", b"0x01", b"1"] {
            is(v, ValueKind::Bool, b"t");
        }
        // --hex-blob and raw-byte forms of bit(9) b'101010101'.
        is(b"0x0155", ValueKind::Bit, b"0000000101010101");
        is(b"'\x01U'", ValueKind::Bit, b"0000000101010101");
        is(b"_binary '\x01U'", ValueKind::Bit, b"0000000101010101");
        is(b"'\\0\\0'", ValueKind::Bit, b"0000000000000000");
        is(b"X'80'", ValueKind::Bit, b"10000000");
        for v in [&b"5"[..], b"b'012'", b"'\\0", b"0xZ"] {
            unparsable(v, ValueKind::Bit);
        }
    }

    #[test]
    fn sets() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"''", b"{}"),
            (b"'a'", b"{a}"),
            (b"'a,b'", b"{a,b}"),
            (b"'a,b c'", b"{a,\"b c\"}"),
            (b"'a,{x}'", b"{a,\"{x}\"}"),
            (b"'q\\\"'", b"{\"q\\\\\"\"}"),
            (b"'q\\\\'", b"{\"q\\\\\\\\\"}"),
            (
                b"'a,b c,{x},q\\\"\\\\'",
                b"{a,\"b c\",\"{x}\",\"q\\\\\"\\\\\\\\\"}",
            ),
            (b"'NULL,null,x'", b"{\"NULL\",\"null\",x}"),
            (b"'a,'", b"{a,\"\"}"),
            (b"',a'", b"{\"\",a}"),
            (b"'t\\tx'", b"{\"t\\tx\"}"),
            (b"'n\\nx'", b"{\"n\\nx\"}"),
            (b"'caf\xc3\xa9'", b"{caf\xc3\xa9}"),
            (b"_utf8mb4'a'", b"{a}"),
        ];
        for (v, want) in cases {
            is(v, ValueKind::Set, want);
        }
        let (r, st) = conv(b"'a\\0,b'", ValueKind::Set);
        assert_eq!(r, Ok(b"{a,b}".to_vec()));
        assert_eq!(st.nul_removed, 1);
        let (r, st) = conv(b"'caf\xe9'", ValueKind::Set);
        assert_eq!(r, Err(Problem::NotUtf8));
        assert_eq!(st.invalid_utf8, 1);
        for v in [&b"3"[..], b"0x61", b"'a", b"b'1'"] {
            unparsable(v, ValueKind::Set);
        }
    }

    #[test]
    fn appends_after_existing_output() {
        let mut out = b"1\t".to_vec();
        let mut st = Stats::default();
        assert!(to_copy(b"'x\\ty'", ValueKind::Text, &mut out, &mut st).is_ok());
        out.push(b'\t');
        assert!(to_copy(b"0xFF", ValueKind::Bytes, &mut out, &mut st).is_ok());
        out.push(b'\t');
        assert_eq!(
            to_copy(b"'\xe9'", ValueKind::Text, &mut out, &mut st),
            Err(Problem::NotUtf8)
        );
        assert_eq!(out, b"1\tx\\ty\t\\\\xff\t");
        assert_eq!(st.invalid_utf8, 1);
    }

    #[test]
    fn problem_display() {
        assert_eq!(
            Problem::NotBoolean(b"2".to_vec()).to_string(),
            "not a boolean: 2"
        );
        assert_eq!(Problem::NotUtf8.to_string(), "text that is not UTF-8");
        assert_eq!(
            Problem::Unparsable(b"x".to_vec()).to_string(),
            "unexpected value: x"
        );
    }
}
