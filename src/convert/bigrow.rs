//! A MySQL row larger than the window, converted as its fragments arrive.
//!
//! The lexer hands out a tuple larger than the window in fragments (`partial` on all
//! but the last, `continued` on all but the first). [`RowStream`] reads them with the
//! same three readings the whole-row path ([`TupleWork::row`]) makes, each turned into
//! a state machine that keeps its state across fragments:
//!
//! 1. [`Filter`]: `lex::executable::without_mysql57` (the `/*!5…*/` executable comments
//!    MariaDB skips), with the quote it is in and at most the 8 bytes of a
//!    `/*!NNNNN` that a fragment cuts carried over;
//! 2. the tuple splitter of `each_value_with`: depth, the quote it is in and a
//!    pending backslash;
//! 3. the value. A value is held until it ends, up to `limit` bytes (the window),
//!    and then converted by the very code of the whole-row path
//!    ([`TupleWork::value`]): numbers, NULL, dates, booleans, sets, short strings
//!    come out exactly as in a whole row. A value that grows past `limit` is streamed
//!    ([`VStream`]) when it can be: a quoted string or a hex literal (`0x…`, `X'…'`)
//!    for a text, JSON or bytea column. Its COPY field is written as it is read, with
//!    the pending escape, doubled quote, odd hex digit and incomplete UTF-8 sequence
//!    at a fragment's end carried. Any other value larger than `limit` (a number, a
//!    date, a set, `b'…'`, a string for an integer column) stops the conversion with
//!    an error naming the row's line and byte offset: no such value is ever that
//!    large in a real dump, and holding it would break the memory bound.
//!
//! The whole-row path writes `\N` (with a finding) for a value it cannot convert,
//! which it knows only at the value's end. A streamed value's first bytes are written
//! by then, so what would make it `\N` stops the conversion instead (an error naming
//! the column, never a silent change): text that is not UTF-8 (checked as it streams,
//! with NULs kept, as the whole path checks it: V003), bytes after the closing quote,
//! a byte that is not a hex digit, an odd number of hex digits (the whole path pads
//! the first digit, which would have to be known before the first byte is written;
//! mysqldump's `--hex-blob` always writes whole bytes). JSON is not validated by the
//! whole-row path either (PostgreSQL checks it when it loads), so a streamed JSON
//! value is text to both. NUL bytes removed from streamed text are counted and
//! reported (V001) exactly as for a whole row.
//!
//! Findings are the whole-row path's (`RowBad`, in the same order); the tests below
//! convert rows whole and in fragments cut everywhere and compare output, findings and
//! totals.

use super::values::{self, copy_byte, hex_digit, hex_into, unescape, ValueKind};
use super::{RowBad, TupleWork};

/// What `lex::executable::without_mysql57` is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FSt {
    Code,
    Quote { q: u8, esc: bool },
    Comment { star: bool },
}

/// `lex::executable::without_mysql57`, fed in fragments.
#[derive(Debug)]
pub(super) struct Filter {
    st: FSt,
    /// The start of a possible `/*!NNNNN` cut by the end of the last fragment.
    hold: Vec<u8>,
    bs: bool,
}

/// What a `/` in code starts.
enum Slash {
    /// Not a skipped comment: the `/` is kept.
    Keep,
    /// `/*!NNNNN` with NNNNN ≥ 50700: skipped to its `*/`.
    Skip,
    /// Cannot tell before the next fragment.
    Need,
}

fn slash_at(r: &[u8], last: bool) -> Slash {
    const OPEN: &[u8] = b"/*!";
    let n = r.len().min(3);
    if r[..n] != OPEN[..n] {
        return Slash::Keep;
    }
    if r.len() < 3 {
        return if last { Slash::Keep } else { Slash::Need };
    }
    // exactly five digits (a sixth makes it another comment)
    let digits = r[3..]
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits < 6 && 3 + digits == r.len() && !last {
        return Slash::Need;
    }
    if digits == 5 {
        let ver = r[3..8]
            .iter()
            .fold(0u32, |a, c| a * 10 + u32::from(c - b'0'));
        if ver >= 50700 {
            return Slash::Skip;
        }
    }
    Slash::Keep
}

impl Filter {
    pub(super) fn new(bs: bool) -> Filter {
        Filter {
            st: FSt::Code,
            hold: Vec::new(),
            bs,
        }
    }

    /// Append to `out` what `lex::executable::without_mysql57` keeps of `s`, the next bytes of
    /// the tuple (`last`: the tuple ends with them).
    pub(super) fn feed(&mut self, s: &[u8], last: bool, out: &mut Vec<u8>) {
        let joined;
        let s = if self.hold.is_empty() {
            s
        } else {
            let mut h = std::mem::take(&mut self.hold);
            h.extend_from_slice(s);
            joined = h;
            &joined[..]
        };
        let mut i = 0;
        while i < s.len() {
            match self.st {
                FSt::Quote { q, esc: true } => {
                    out.push(s[i]);
                    i += 1;
                    self.st = FSt::Quote { q, esc: false };
                }
                FSt::Quote { q, esc: false } => {
                    let other = if q != b'`' && self.bs { b'\\' } else { q };
                    match crate::lex::scan::find2(&s[i..], q, other) {
                        None => {
                            out.extend_from_slice(&s[i..]);
                            i = s.len();
                        }
                        Some(k) => {
                            let c = s[i + k];
                            out.extend_from_slice(&s[i..=i + k]);
                            i += k + 1;
                            self.st = if c == q {
                                FSt::Code
                            } else {
                                FSt::Quote { q, esc: true }
                            };
                        }
                    }
                }
                FSt::Comment { star } => {
                    if star && s[i] == b'/' {
                        i += 1;
                        self.st = FSt::Code;
                        continue;
                    }
                    match memchr::memmem::find(&s[i..], b"*/") {
                        Some(k) => {
                            i += k + 2;
                            self.st = FSt::Code;
                        }
                        None => {
                            self.st = FSt::Comment {
                                star: s.last() == Some(&b'*'),
                            };
                            i = s.len();
                        }
                    }
                }
                FSt::Code => {
                    let rest = &s[i..];
                    let Some(k) = rest
                        .iter()
                        .position(|&c| matches!(c, b'\'' | b'"' | b'`' | b'/'))
                    else {
                        out.extend_from_slice(rest);
                        break;
                    };
                    out.extend_from_slice(&rest[..k]);
                    i += k;
                    let c = s[i];
                    if c != b'/' {
                        out.push(c);
                        i += 1;
                        self.st = FSt::Quote { q: c, esc: false };
                        continue;
                    }
                    match slash_at(&s[i..], last) {
                        Slash::Keep => {
                            out.push(b'/');
                            i += 1;
                        }
                        Slash::Skip => {
                            i += 8;
                            self.st = FSt::Comment { star: false };
                        }
                        Slash::Need => {
                            self.hold = s[i..].to_vec();
                            break;
                        }
                    }
                }
            }
        }
    }
}

/// Where the tuple splitter (`each_value_with`) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Split {
    /// Before the tuple's `(`.
    Before,
    /// In a value, outside quotes, at this parenthesis depth.
    Code { depth: u32 },
    /// In a quoted string of a value. A doubled quote is read as the string closing
    /// and another opening, which splits the same.
    Quote { depth: u32, q: u8, esc: bool },
    /// After the tuple's `)`: what follows is not read.
    Done,
}

/// The form of a value being streamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// A quoted string into a text field.
    Text { q: u8 },
    /// A hex literal into a text field (`quoted`: `X'…'`, else `0x…`).
    TextHex { quoted: bool },
    /// A quoted string into a bytea hex field.
    Bytes { q: u8 },
    /// A hex literal into a bytea hex field.
    BytesHex { quoted: bool },
}

/// How a long value begins: its form and where its body starts (after the opening
/// quote or the `0x`), read as `values::classify` reads a whole literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    Quoted {
        q: u8,
        body: usize,
        introduced: bool,
    },
    Hex {
        quoted: bool,
        body: usize,
    },
}

fn head(v: &[u8]) -> Option<Head> {
    let lead = v.len() - v.trim_ascii_start().len();
    let t = &v[lead..];
    let s = values::without_introducer(t)?;
    let at = v.len() - s.len();
    let introduced = s.len() != t.len();
    match s {
        [q @ (b'\'' | b'"'), ..] => Some(Head::Quoted {
            q: *q,
            body: at + 1,
            introduced,
        }),
        [b'0', b'x', ..] => Some(Head::Hex {
            quoted: false,
            body: at + 2,
        }),
        [b'x' | b'X', b'\'', ..] => Some(Head::Hex {
            quoted: true,
            body: at + 2,
        }),
        _ => None,
    }
}

/// UTF-8 checked in pieces: the incomplete sequence at the end of one piece is
/// carried into the next.
#[derive(Debug, Default)]
struct Utf8 {
    carry: [u8; 4],
    n: usize,
    bad: bool,
}

impl Utf8 {
    fn feed(&mut self, mut s: &[u8]) {
        if self.bad || s.is_empty() {
            return;
        }
        if self.n > 0 {
            let need = match self.carry[0] {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let take = (need - self.n).min(s.len());
            self.carry[self.n..self.n + take].copy_from_slice(&s[..take]);
            self.n += take;
            s = &s[take..];
            if self.n < need {
                return;
            }
            if std::str::from_utf8(&self.carry[..need]).is_err() {
                self.bad = true;
                return;
            }
            self.n = 0;
        }
        if let Err(e) = simdutf8::compat::from_utf8(s) {
            if e.error_len().is_some() {
                self.bad = true;
            } else {
                let rest = &s[e.valid_up_to()..];
                self.carry[..rest.len()].copy_from_slice(rest);
                self.n = rest.len();
            }
        }
    }

    fn valid(&self) -> bool {
        !self.bad && self.n == 0
    }
}

/// Why a streamed value cannot be written.
enum Stop {
    NotUtf8,
    Malformed(&'static str),
}

/// One value streamed into its COPY field.
struct VStream {
    form: Form,
    bs: bool,
    /// A backslash was the last byte read.
    esc: bool,
    /// The quote was the last byte read: a doubled quote or the end.
    quote: bool,
    /// Past the literal: only whitespace may follow.
    closed: bool,
    /// The first digit of a pair (text from hex); for bytea, whether the count is odd.
    nibble: Option<u8>,
    odd: bool,
    nuls: u64,
    utf8: Utf8,
    /// Where in `out` the bytes not yet checked for UTF-8 begin.
    mark: usize,
    /// The client character set's decoder (a quoted string for a text column of a
    /// dump that is not UTF-8), and its output.
    decoder: Option<encoding_rs::Decoder>,
    decoded: Vec<u8>,
}

impl VStream {
    fn new(form: Form, bs: bool, decoder: Option<encoding_rs::Decoder>) -> VStream {
        VStream {
            form,
            bs,
            esc: false,
            quote: false,
            closed: false,
            nibble: None,
            odd: false,
            nuls: 0,
            utf8: Utf8::default(),
            mark: 0,
            decoder,
            decoded: Vec::new(),
        }
    }

    fn text(&self) -> bool {
        matches!(self.form, Form::Text { .. } | Form::TextHex { .. })
    }

    /// The next bytes of the value (after its opening quote or `0x`).
    fn feed(&mut self, s: &[u8], out: &mut Vec<u8>) -> Result<(), Stop> {
        match self.decoder.take() {
            None => self.read(s, out),
            Some(mut d) => {
                let r = self.decode(&mut d, s, false, out);
                self.decoder = Some(d);
                r
            }
        }
    }

    fn decode(
        &mut self,
        d: &mut encoding_rs::Decoder,
        s: &[u8],
        last: bool,
        out: &mut Vec<u8>,
    ) -> Result<(), Stop> {
        let mut decoded = std::mem::take(&mut self.decoded);
        let max = d
            .max_utf8_buffer_length(s.len())
            .ok_or(Stop::Malformed("a value too large to decode"))?;
        decoded.clear();
        decoded.resize(max, 0);
        let (_, read, written, _) = d.decode_to_utf8(s, &mut decoded, last);
        decoded.truncate(written);
        let r = if read == s.len() {
            self.read(&decoded, out)
        } else {
            Err(Stop::Malformed("a value that does not decode"))
        };
        self.decoded = decoded;
        r
    }

    /// One byte of text into the field: a NUL is dropped and counted (checked for
    /// UTF-8 where it stood, as the whole-row path checks the value with its NULs).
    #[inline]
    fn put(&mut self, b: u8, out: &mut Vec<u8>) {
        if b == 0 {
            self.utf8.feed(&out[self.mark..]);
            self.utf8.feed(b"\0");
            self.nuls += 1;
            self.mark = out.len();
        } else {
            copy_byte(b, out, &mut self.nuls);
        }
    }

    /// One byte of a value's bytes into its field.
    #[inline]
    fn byte(&mut self, b: u8, out: &mut Vec<u8>) {
        if self.text() {
            self.put(b, out);
        } else {
            hex_into(&[b], out);
        }
    }

    fn read(&mut self, s: &[u8], out: &mut Vec<u8>) -> Result<(), Stop> {
        self.mark = out.len();
        let r = match self.form {
            Form::Text { q } | Form::Bytes { q } => self.quoted(q, s, out),
            Form::TextHex { quoted } | Form::BytesHex { quoted } => self.hex(quoted, s, out),
        };
        if self.text() {
            self.utf8.feed(&out[self.mark..]);
            self.mark = out.len();
            if self.utf8.bad {
                return Err(Stop::NotUtf8);
            }
        }
        r
    }

    fn trailing(s: &[u8]) -> Result<(), Stop> {
        if s.iter().all(u8::is_ascii_whitespace) {
            Ok(())
        } else {
            Err(Stop::Malformed("bytes after the closing quote"))
        }
    }

    fn quoted(&mut self, q: u8, s: &[u8], out: &mut Vec<u8>) -> Result<(), Stop> {
        let text = self.text();
        let mut i = 0;
        while i < s.len() {
            if self.closed {
                return Self::trailing(&s[i..]);
            }
            let c = s[i];
            if self.quote {
                self.quote = false;
                if c == q {
                    self.byte(q, out);
                    i += 1;
                } else {
                    self.closed = true;
                }
                continue;
            }
            if self.esc {
                self.esc = false;
                if matches!(c, b'%' | b'_') {
                    self.byte(b'\\', out);
                    self.byte(c, out);
                } else {
                    self.byte(unescape(c), out);
                }
                i += 1;
                continue;
            }
            let rest = &s[i..];
            let found = if text {
                crate::lex::scan::find_text_special(rest)
            } else {
                crate::lex::scan::find2(rest, q, if self.bs { b'\\' } else { q })
            };
            let run = found.unwrap_or(rest.len());
            if text {
                out.extend_from_slice(&rest[..run]);
            } else {
                hex_into(&rest[..run], out);
            }
            i += run;
            if found.is_none() {
                break;
            }
            let c = s[i];
            i += 1;
            if c == b'\\' && self.bs {
                self.esc = true;
            } else if c == q {
                self.quote = true;
            } else {
                self.byte(c, out);
            }
        }
        Ok(())
    }

    fn hex(&mut self, quoted: bool, s: &[u8], out: &mut Vec<u8>) -> Result<(), Stop> {
        let text = self.text();
        let mut i = 0;
        while i < s.len() {
            if self.closed {
                return Self::trailing(&s[i..]);
            }
            let rest = &s[i..];
            let run = rest
                .iter()
                .position(|c| !c.is_ascii_hexdigit())
                .unwrap_or(rest.len());
            let digits = &rest[..run];
            if text {
                for &c in digits {
                    let d = hex_digit(c).unwrap_or(0);
                    match self.nibble.take() {
                        Some(h) => self.put((h << 4) | d, out),
                        None => self.nibble = Some(d),
                    }
                }
            } else {
                out.extend(digits.iter().map(u8::to_ascii_lowercase));
                self.odd ^= run % 2 == 1;
            }
            i += run;
            let Some(&c) = s.get(i) else { break };
            i += 1;
            if (quoted && c == b'\'') || (!quoted && c.is_ascii_whitespace()) {
                self.closed = true;
            } else {
                return Err(Stop::Malformed("a byte that is not a hex digit"));
            }
        }
        Ok(())
    }

    /// The value has ended; NULs removed, or why it cannot be written.
    fn finish(&mut self, out: &mut Vec<u8>) -> Result<u64, Stop> {
        if let Some(mut d) = self.decoder.take() {
            self.decode(&mut d, &[], true, out)?;
        }
        if self.quote {
            self.quote = false;
            self.closed = true;
        }
        let closed = match self.form {
            Form::Text { .. } | Form::Bytes { .. } | Form::TextHex { quoted: true } => self.closed,
            Form::BytesHex { quoted } => !quoted || self.closed,
            Form::TextHex { quoted: false } => true,
        };
        if !closed || self.esc {
            return Err(Stop::Malformed("a literal that does not end"));
        }
        if self.nibble.is_some() || self.odd {
            return Err(Stop::Malformed("an odd number of hex digits"));
        }
        if self.text() && !self.utf8.valid() {
            return Err(Stop::NotUtf8);
        }
        Ok(self.nuls)
    }
}

/// The value being read.
enum Val {
    /// A generated column's value: not written.
    Skip,
    /// Held in `RowStream::buf` until it ends.
    Held,
    Stream(Box<VStream>),
}

/// Bytes read the slow way (byte by byte through the filter and the splitter) before
/// looking again for a string to cross in one scan.
const SLOW: usize = if cfg!(test) { 7 } else { 4096 };

/// A row larger than the window, converted fragment by fragment.
pub(super) struct RowStream {
    filter: Filter,
    split: Split,
    /// The index of the value being read.
    field: usize,
    /// Values seen.
    n: usize,
    /// No field written yet.
    first: bool,
    val: Val,
    buf: Vec<u8>,
    /// The largest value held whole.
    limit: usize,
    filtered: Vec<u8>,
    /// Line of the row's `(` and byte offset of its first fragment.
    pub(super) line: u64,
    pub(super) offset: u64,
}

impl RowStream {
    pub(super) fn new(bs: bool, limit: usize, line: u64, offset: u64) -> RowStream {
        RowStream {
            filter: Filter::new(bs),
            split: Split::Before,
            field: 0,
            n: 0,
            first: true,
            val: Val::Held,
            buf: Vec::new(),
            limit: limit.max(64),
            filtered: Vec::new(),
            line,
            offset,
        }
    }

    /// Convert the next fragment `s` of the row (`last`: the row ends with it) into
    /// `out`; what is wrong with its values into `bad` (a wrong number of values at the
    /// end). `Err`: the row cannot be converted (the message names the column).
    pub(super) fn feed(
        &mut self,
        work: &mut TupleWork,
        s: &[u8],
        last: bool,
        out: &mut Vec<u8>,
        bad: &mut Vec<RowBad>,
    ) -> Result<(), String> {
        let mut s = s;
        while !s.is_empty() {
            if let Some(n) = self.in_string(s) {
                self.bytes(work, &s[..n], out)?;
                s = &s[n..];
                continue;
            }
            // a few KiB the slow way: to the next string, where the fast way goes on
            let n = s.len().min(SLOW);
            let mut f = std::mem::take(&mut self.filtered);
            f.clear();
            self.filter.feed(&s[..n], last && n == s.len(), &mut f);
            let r = self.split(work, &f, out, bad);
            self.filtered = f;
            r?;
            s = &s[n..];
        }
        if last && !self.filter.hold.is_empty() {
            // (an empty last fragment: what the filter held is decided now)
            let mut f = std::mem::take(&mut self.filtered);
            f.clear();
            self.filter.feed(&[], true, &mut f);
            let r = self.split(work, &f, out, bad);
            self.filtered = f;
            r?;
        }
        if last {
            if self.split != Split::Done {
                if let Val::Stream(_) = self.val {
                    return Err(format!(
                        "{}: the row ends inside the value",
                        col(work, self.field)
                    ));
                }
                // (the whole-row path does not see the last value either)
            }
            out.push(b'\n');
            if self.n != work.kinds.len() {
                bad.push(RowBad::Count(self.n, work.kinds.len()));
            }
        }
        Ok(())
    }

    /// When the filter and the splitter are both inside the same quoted string (where
    /// a long value spends its bytes), the bytes of `s` that stay in it, up to and
    /// including its closing quote, found in one fast scan: the filter keeps them all
    /// and the splitter hands them all to the value, so both are moved past them here
    /// without reading them byte by byte. `None` when they are not both in a string.
    fn in_string(&mut self, s: &[u8]) -> Option<usize> {
        let FSt::Quote { q, esc: false } = self.filter.st else {
            return None;
        };
        let Split::Quote {
            depth,
            q: q2,
            esc: false,
        } = self.split
        else {
            return None;
        };
        if q != q2 || !self.filter.hold.is_empty() {
            return None;
        }
        let bs = self.filter.bs;
        match crate::lex::scan::closing_quote(s, q, bs) {
            // (a doubled quote is read here as one string, by the two machines as two
            // strings side by side: the same state after it)
            Some(e) => {
                self.filter.st = FSt::Code;
                self.split = Split::Code { depth };
                Some(e + 1)
            }
            None => {
                // still in the string: a backslash escapes the first byte of the next
                // fragment when the run of them that ends this one is odd (the byte
                // before the run, escaped or not, is not a backslash)
                let run = s.iter().rev().take_while(|&&c| c == b'\\').count();
                let esc = bs && run % 2 == 1;
                self.filter.st = FSt::Quote { q, esc };
                self.split = Split::Quote { depth, q, esc };
                Some(s.len())
            }
        }
    }

    fn split(
        &mut self,
        work: &mut TupleWork,
        s: &[u8],
        out: &mut Vec<u8>,
        bad: &mut Vec<RowBad>,
    ) -> Result<(), String> {
        let bs = work.backslash;
        let mut i = 0;
        // the start of the bytes of the current value in `s`
        let mut from = 0;
        while i < s.len() {
            match self.split {
                Split::Done => return Ok(()),
                Split::Before => match memchr::memchr(b'(', &s[i..]) {
                    None => return Ok(()),
                    Some(k) => {
                        i += k + 1;
                        from = i;
                        self.split = Split::Code { depth: 1 };
                        self.start(work, 0);
                    }
                },
                Split::Quote { depth, q, esc } => {
                    if esc {
                        i += 1;
                        self.split = Split::Quote {
                            depth,
                            q,
                            esc: false,
                        };
                        continue;
                    }
                    let other = if bs { b'\\' } else { q };
                    match crate::lex::scan::find2(&s[i..], q, other) {
                        None => i = s.len(),
                        Some(k) => {
                            i += k;
                            if s[i] == b'\\' && bs {
                                self.split = Split::Quote {
                                    depth,
                                    q,
                                    esc: true,
                                };
                            } else {
                                self.split = Split::Code { depth };
                            }
                            i += 1;
                        }
                    }
                }
                Split::Code { depth } => {
                    let Some(k) = s[i..]
                        .iter()
                        .position(|&c| matches!(c, b'\'' | b'"' | b'(' | b')' | b','))
                    else {
                        break;
                    };
                    i += k;
                    match s[i] {
                        b'(' => self.split = Split::Code { depth: depth + 1 },
                        b')' if depth == 1 => {
                            self.bytes(work, &s[from..i], out)?;
                            self.end(work, out, bad)?;
                            self.split = Split::Done;
                            return Ok(());
                        }
                        b')' => self.split = Split::Code { depth: depth - 1 },
                        b',' if depth == 1 => {
                            self.bytes(work, &s[from..i], out)?;
                            self.end(work, out, bad)?;
                            from = i + 1;
                            self.start(work, self.field + 1);
                        }
                        b',' => {}
                        q => {
                            self.split = Split::Quote {
                                depth,
                                q,
                                esc: false,
                            }
                        }
                    }
                    i += 1;
                }
            }
        }
        if matches!(self.split, Split::Code { .. } | Split::Quote { .. }) {
            self.bytes(work, &s[from.min(s.len())..], out)?;
        }
        Ok(())
    }

    fn start(&mut self, work: &TupleWork, field: usize) {
        self.field = field;
        self.buf.clear();
        self.val = if work.skip.get(field).copied().unwrap_or(false) {
            Val::Skip
        } else {
            Val::Held
        };
    }

    /// More bytes of the current value.
    fn bytes(&mut self, work: &mut TupleWork, b: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        match &mut self.val {
            Val::Skip => Ok(()),
            Val::Stream(v) => v.feed(b, out).map_err(|e| self.stopped(work, e)),
            Val::Held => {
                self.buf.extend_from_slice(b);
                if self.buf.len() > self.limit {
                    self.stream(work, out)?;
                }
                Ok(())
            }
        }
    }

    fn stopped(&self, work: &TupleWork, e: Stop) -> String {
        let col = col(work, self.field);
        match e {
            Stop::NotUtf8 => format!(
                "{col}: text that is not UTF-8 (V003) in a value larger than the window ({} bytes), whose first bytes are written already: it cannot be written as NULL as a smaller one is; convert the column's data to UTF-8 at the source",
                self.limit
            ),
            Stop::Malformed(what) => format!(
                "{col}: {what} in a value larger than the window ({} bytes), whose first bytes are written already: it cannot be written as NULL as a smaller one is",
                self.limit
            ),
        }
    }

    /// The held value has grown past the limit: stream it from here on.
    fn stream(&mut self, work: &mut TupleWork, out: &mut Vec<u8>) -> Result<(), String> {
        let k = work
            .kinds
            .get(self.field)
            .copied()
            .unwrap_or(ValueKind::Text);
        let h = head(&self.buf);
        let (form, body) = match (k, h) {
            (ValueKind::Text | ValueKind::Json, Some(Head::Quoted { q, body, .. })) => {
                (Form::Text { q }, body)
            }
            (ValueKind::Text | ValueKind::Json, Some(Head::Hex { quoted, body })) => {
                (Form::TextHex { quoted }, body)
            }
            (ValueKind::Bytes, Some(Head::Quoted { q, body, .. })) => (Form::Bytes { q }, body),
            (ValueKind::Bytes, Some(Head::Hex { quoted, body })) => (Form::BytesHex { quoted }, body),
            _ => {
                return Err(format!(
                    "{}: a value larger than the window ({} bytes) that is not a quoted string or hex literal of a text or bytea column ({k:?}): only those are streamed",
                    col(work, self.field),
                    self.limit
                ))
            }
        };
        // as `decoded_value`: a string that starts with its quote, in a dump whose
        // client character set is not UTF-8
        let decoder = match (work.charset, h) {
            (
                Some(enc),
                Some(Head::Quoted {
                    introduced: false, ..
                }),
            ) if matches!(form, Form::Text { .. }) => Some(enc.new_decoder_without_bom_handling()),
            _ => None,
        };
        if !self.first {
            out.push(b'\t');
        }
        self.first = false;
        if matches!(form, Form::Bytes { .. } | Form::BytesHex { .. }) {
            out.extend_from_slice(b"\\\\x");
        }
        let mut v = Box::new(VStream::new(form, work.backslash, decoder));
        // (the held bytes are let go: the row's memory is the window's)
        let held = std::mem::take(&mut self.buf);
        let r = v.feed(&held[body..], out);
        r.map_err(|e| self.stopped(work, e))?;
        self.val = Val::Stream(v);
        Ok(())
    }

    /// The current value has ended.
    fn end(
        &mut self,
        work: &mut TupleWork,
        out: &mut Vec<u8>,
        bad: &mut Vec<RowBad>,
    ) -> Result<(), String> {
        self.n = self.field + 1;
        match std::mem::replace(&mut self.val, Val::Skip) {
            Val::Skip => Ok(()),
            Val::Held => {
                work.value(self.field, &self.buf, &mut self.first, out, bad);
                Ok(())
            }
            Val::Stream(mut v) => {
                let nuls = v.finish(out).map_err(|e| self.stopped(work, e))?;
                if nuls > 0 {
                    work.stats.nul_removed += nuls;
                    bad.push(RowBad::Nul(col(work, self.field)));
                }
                Ok(())
            }
        }
    }
}

fn col(work: &TupleWork, i: usize) -> String {
    work.cols.get(i).map_or("?", String::as_str).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::values;
    use crate::lex::executable::without_mysql57;
    use crate::pool::RowWork;

    /// xorshift: the same rows on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
            xs[self.below(xs.len())]
        }
    }

    /// Cut points: every byte when `every`, else a few random ones.
    fn cuts(rng: &mut Rng, len: usize, every: bool) -> Vec<usize> {
        let mut c: Vec<usize> = if every {
            (1..len).collect()
        } else {
            (0..1 + rng.below(6)).map(|_| rng.below(len + 1)).collect()
        };
        c.push(len);
        c.sort_unstable();
        c.dedup();
        c
    }

    #[test]
    fn the_filter_removes_what_the_whole_reading_removes() {
        let parts: &[&[u8]] = &[
            b"/*!50705 ",
            b"/*!50700",
            b"/*!50699 ",
            b"/*!80000*/",
            b"/*!507051 ",
            b"/*!5070",
            b"/*!",
            b"/*",
            b"*/",
            b"*",
            b"/",
            b"'",
            b"\"",
            b"`",
            b"\\",
            b"ab",
            b"0x1F",
            b",",
            b"(",
            b")",
            b"5",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..4000 {
            let n = 1 + rng.below(14);
            let mut s = Vec::new();
            for _ in 0..n {
                s.extend_from_slice(rng.pick(parts));
            }
            for bs in [true, false] {
                let want = without_mysql57(&s, bs).into_owned();
                let c = cuts(&mut rng, s.len(), round % 4 == 0);
                let mut f = Filter::new(bs);
                let mut got = Vec::new();
                let mut at = 0;
                for &e in &c {
                    f.feed(&s[at..e], e == s.len(), &mut got);
                    at = e;
                }
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&want),
                    "{:?} cut at {c:?}, backslash {bs}",
                    String::from_utf8_lossy(&s)
                );
            }
        }
    }

    #[test]
    fn utf8_in_pieces_agrees_with_the_whole() {
        let alphabet: &[&[u8]] = &[
            b"a",
            "é".as_bytes(),
            "中".as_bytes(),
            "😀".as_bytes(),
            b"\xe9",
            b"\xc3",
            b"\xa9",
            b"\xf0\x9f",
            b"\xed\xa0\x80",
            b"\0",
        ];
        let mut rng = Rng(7);
        for round in 0..3000 {
            let mut s = Vec::new();
            for _ in 0..rng.below(10) {
                s.extend_from_slice(rng.pick(alphabet));
            }
            let c = cuts(&mut rng, s.len(), round % 3 == 0);
            let mut u = Utf8::default();
            let mut at = 0;
            for &e in &c {
                u.feed(&s[at..e]);
                at = e;
            }
            assert_eq!(u.valid(), std::str::from_utf8(&s).is_ok(), "{s:?} {c:?}");
        }
    }

    const KINDS: &[ValueKind] = &[
        ValueKind::Int,
        ValueKind::Text,
        ValueKind::Bytes,
        ValueKind::Json,
        ValueKind::Date,
        ValueKind::DateTime,
        ValueKind::Bool,
        ValueKind::Set,
        ValueKind::Time,
        ValueKind::Float,
        ValueKind::Text,
        ValueKind::Bytes,
        ValueKind::Bit,
        ValueKind::Numeric,
    ];

    fn work(
        kinds: &[ValueKind],
        bs: bool,
        charset: Option<&'static encoding_rs::Encoding>,
    ) -> TupleWork {
        let n = kinds.len();
        TupleWork {
            kinds: kinds.to_vec().into(),
            cols: (0..n).map(|i| format!("c{i}")).collect::<Vec<_>>().into(),
            // one generated column, left out
            skip: (0..n).map(|i| i == 9).collect::<Vec<_>>().into(),
            not_null: (0..n).map(|i| i == 5).collect::<Vec<_>>().into(),
            stats: values::Stats::default(),
            backslash: bs,
            charset,
            head: None,
        }
    }

    /// A MySQL string literal body of random text (as mysqldump escapes it when
    /// `bs`), `long` making it longer than the test limit. Invalid UTF-8 only when
    /// short (a long one stops the streamed row: tested apart).
    fn text_body(rng: &mut Rng, long: bool, bs: bool, latin: bool) -> Vec<u8> {
        let escaped: &[&[u8]] = if bs {
            &[
                b"\\0", b"\\'", b"\\\"", b"\\n", b"\\r", b"\\Z", b"\\\\", b"\\%", b"\\_", b"\\b",
                b"\\t", b"''",
            ]
        } else {
            &[b"''", b"\\", b"\\0"]
        };
        let plain: &[&[u8]] = if latin {
            &[
                b"abc",
                b"\xe9",
                b"\xfc\xdf",
                b" ",
                b"\t",
                b"\n",
                b",",
                b"(",
                b")",
                b"\"",
            ]
        } else {
            &[
                b"abc",
                "é".as_bytes(),
                "中文".as_bytes(),
                "😀".as_bytes(),
                b" ",
                b"\t",
                b"\n",
                b",",
                b"(",
                b")",
                b"\"",
                b"\x00",
                b"/*!50705 x*/",
            ]
        };
        let target = if long {
            70 + rng.below(300)
        } else {
            rng.below(20)
        };
        let mut s = Vec::new();
        while s.len() < target {
            if rng.below(3) == 0 {
                s.extend_from_slice(rng.pick(escaped));
            } else {
                s.extend_from_slice(rng.pick(plain));
            }
        }
        if !long && !latin && rng.below(8) == 0 {
            s.extend_from_slice(rng.pick(&[&b"\xe9"[..], b"\xc3", b"\xc3\\0\xa9"]));
        }
        s
    }

    /// `0x…` of random bytes, or (`text`) of UTF-8 text when long.
    fn hex(rng: &mut Rng, long: bool, text: bool) -> Vec<u8> {
        let n = if long {
            40 + rng.below(200)
        } else {
            rng.below(8)
        };
        let bytes: Vec<u8> = if text && long {
            "aé中😀\n\0'".repeat(n / 8 + 1).into_bytes()
        } else {
            (0..n).map(|_| rng.below(256) as u8).collect()
        };
        let mut s = b"0x".to_vec();
        for b in bytes {
            s.extend_from_slice(format!("{b:02X}").as_bytes());
        }
        s
    }

    fn value(rng: &mut Rng, k: ValueKind, bs: bool, latin: bool) -> Vec<u8> {
        let long = rng.below(3) == 0;
        let q = |b: Vec<u8>| [&b"'"[..], &b, b"'"].concat();
        let mut v = match k {
            ValueKind::Text | ValueKind::Json => match rng.below(9) {
                0 => b"NULL".to_vec(),
                1 => b"12.5".to_vec(),
                2 => {
                    let h = hex(rng, long, true);
                    if latin {
                        b"NULL".to_vec()
                    } else {
                        h
                    }
                }
                3 if !latin => [&b"_utf8mb4 "[..], &q(text_body(rng, long, bs, false))].concat(),
                4 => b"'it''s'".to_vec(),
                _ => q(text_body(rng, long, bs, latin)),
            },
            ValueKind::Bytes => match rng.below(6) {
                0 => b"NULL".to_vec(),
                1 => hex(rng, long, false),
                2 => b"''".to_vec(),
                3 => [&b"_binary "[..], &q(text_body(rng, long, bs, true))].concat(),
                4 => {
                    let h = hex(rng, long, false);
                    [&b"X'"[..], &h[2..], b"'"].concat()
                }
                _ => q(text_body(rng, long, bs, true)),
            },
            _ => rng
                .pick(&[
                    &b"NULL"[..],
                    b"1",
                    b"0",
                    b"-7",
                    b"2",
                    b"'12'",
                    b"1.5e3",
                    b"'2024-01-02'",
                    b"'0000-00-00'",
                    b"'2024-01-02 10:00:00'",
                    b"'0000-00-00 00:00:00'",
                    b"'10:11:12'",
                    b"'a,b'",
                    b"b'1'",
                    b"0x01",
                    b"'x'",
                    b"/*!50705 0x00*/",
                    b"/*!40101 1*/",
                ])
                .to_vec(),
        };
        match rng.below(12) {
            0 => v.splice(0..0, b" \n".iter().copied()).for_each(drop),
            1 => v.extend_from_slice(b" "),
            _ => {}
        }
        v
    }

    fn row(rng: &mut Rng, kinds: &[ValueKind], bs: bool, latin: bool) -> Vec<u8> {
        let mut r = if rng.below(2) == 0 {
            b",\n(".to_vec()
        } else {
            b" (".to_vec()
        };
        let mut n = kinds.len();
        match rng.below(40) {
            0 => n -= 1,
            1 => n += 1,
            _ => {}
        }
        for i in 0..n {
            if i > 0 {
                r.push(b',');
            }
            let k = kinds.get(i).copied().unwrap_or(ValueKind::Text);
            r.extend_from_slice(&value(rng, k, bs, latin));
        }
        r.push(b')');
        r
    }

    /// Output, findings and totals of a row converted whole.
    fn whole(w: &TupleWork, r: &[u8]) -> (Vec<u8>, Vec<RowBad>, values::Stats) {
        let mut w = w.clone();
        let (mut out, mut bad) = (Vec::new(), Vec::new());
        w.row(r, &mut out, &mut bad);
        (out, bad, w.summary())
    }

    /// The same through a [`RowStream`] fed the fragments ending at `cuts`.
    fn streamed(
        w: &TupleWork,
        r: &[u8],
        cuts: &[usize],
        limit: usize,
    ) -> Result<(Vec<u8>, Vec<RowBad>, values::Stats), String> {
        let mut w = w.clone();
        let (mut out, mut bad) = (Vec::new(), Vec::new());
        let mut s = RowStream::new(w.backslash, limit, 1, 0);
        let mut at = 0;
        for &e in cuts {
            s.feed(&mut w, &r[at..e], e == r.len(), &mut out, &mut bad)?;
            at = e;
        }
        Ok((out, bad, w.summary()))
    }

    fn show(b: &[u8]) -> String {
        String::from_utf8_lossy(b).into_owned()
    }

    /// The central property: a row converted in fragments, cut anywhere, gives the
    /// bytes, findings and totals of the same row converted whole. Values longer than
    /// the limit (64 bytes here) are streamed; the rest are held and converted whole.
    #[test]
    fn rows_in_fragments_convert_as_whole_rows() {
        let mut rng = Rng(0x5eed);
        let mut streamed_values = 0;
        for round in 0..6000 {
            let bs = round % 5 != 4;
            let latin = round % 7 == 3;
            let charset = latin.then_some(encoding_rs::WINDOWS_1252);
            let w = work(KINDS, bs, charset);
            let r = row(&mut rng, KINDS, bs, latin);
            let want = whole(&w, &r);
            // every value longer than the limit is one of the streamed forms
            streamed_values += usize::from(r.len() > 200);
            let c = cuts(&mut rng, r.len(), round % 10 == 0);
            let got = streamed(&w, &r, &c, 64).unwrap_or_else(|e| {
                panic!("{e}\nrow {}\ncuts {c:?}", show(&r));
            });
            assert_eq!(show(&got.0), show(&want.0), "row {}\ncuts {c:?}", show(&r));
            assert_eq!(got.1, want.1, "row {}", show(&r));
            assert_eq!(got.2, want.2, "row {}", show(&r));
        }
        assert!(streamed_values > 1000, "{streamed_values}");
    }

    /// What makes a whole row's value `\N` stops a streamed one, naming the column;
    /// a held value still becomes `\N` with its finding.
    #[test]
    fn streamed_values_that_cannot_be_written_stop_the_row() {
        let long = "x".repeat(100);
        let cases: &[(ValueKind, Vec<u8>, &str)] = &[
            (
                ValueKind::Text,
                format!("'{long}\u{e9}\\0'").into_bytes(),
                "ok",
            ),
            (
                ValueKind::Text,
                [format!("'{long}").as_bytes(), b"\xe9\\0'"].concat(),
                "not UTF-8",
            ),
            (
                ValueKind::Text,
                [format!("'{long}").as_bytes(), b"\xc3\\0\xa9'"].concat(),
                "not UTF-8",
            ),
            (
                ValueKind::Text,
                format!("'{long}'x").into_bytes(),
                "after the closing quote",
            ),
            (
                ValueKind::Bytes,
                format!("'{long}' 'y'").into_bytes(),
                "after the closing quote",
            ),
            (
                ValueKind::Bytes,
                format!("0x{}ABC", "AB".repeat(50)).into_bytes(),
                "odd number",
            ),
            (
                ValueKind::Text,
                format!("0x{}A", "41".repeat(50)).into_bytes(),
                "odd number",
            ),
            (
                ValueKind::Bytes,
                format!("0x{}G0", "AB".repeat(50)).into_bytes(),
                "not a hex digit",
            ),
            (
                ValueKind::Int,
                "1".repeat(100).into_bytes(),
                "only those are streamed",
            ),
            (
                ValueKind::Date,
                format!("'{long}'").into_bytes(),
                "only those are streamed",
            ),
            (
                ValueKind::Set,
                format!("'{long}'").into_bytes(),
                "only those are streamed",
            ),
            (
                ValueKind::Bytes,
                format!("b'{}'", "1".repeat(100)).into_bytes(),
                "only those",
            ),
        ];
        for (k, v, what) in cases {
            let w = work(&[ValueKind::Int, *k], true, None);
            let r = [&b"(1,"[..], v, b")"].concat();
            let c = cuts(&mut Rng(3), r.len(), false);
            let want = whole(&w, &r);
            match streamed(&w, &r, &c, 64) {
                Ok(got) if *what == "ok" => assert_eq!(got, want),
                Ok(_) => panic!("{}: converted", show(&r)),
                Err(e) => assert!(e.contains("c1: ") && e.contains(what), "{}: {e}", show(&r)),
            }
            // the same value held (a larger limit) is the whole row's
            let got = streamed(&w, &r, &c, 1 << 20).expect("held");
            assert_eq!(got, want, "{}", show(&r));
        }
        // invalid UTF-8 in a streamed JSON value stops it too
        let w = work(&[ValueKind::Json], true, None);
        let r = [format!("('{long}").as_bytes(), b"\xe9')"].concat();
        assert!(streamed(&w, &r, &[r.len()], 64).is_err());
        assert!(streamed(&w, &r, &[r.len()], 1 << 20).is_ok());
    }

    /// A whole long value in a dump whose client character set is latin1 decodes
    /// to the same UTF-8, cut anywhere (the decoder's state across fragments).
    #[test]
    fn latin1_text_decodes_in_fragments() {
        let w = work(
            &[ValueKind::Text, ValueKind::Json],
            true,
            Some(encoding_rs::WINDOWS_1252),
        );
        let body = b"caf\xe9 \x80uro \\'q\\' \x9c".repeat(20);
        let r = [&b"('"[..], &body, b"','", &body, b"')"].concat();
        let want = whole(&w, &r);
        assert!(show(&want.0).contains("café €uro 'q' œ"));
        for e in 1..r.len() {
            let got = streamed(&w, &r, &[e, r.len()], 64).expect("converts");
            assert_eq!(got.0, want.0, "cut at {e}");
        }
    }

    /// Convert `sql` with the splitter's window `window` on `threads` threads: the
    /// output and the notes (rule, line, message, count).
    fn convert(sql: &[u8], window: usize, threads: usize) -> (Vec<u8>, Vec<String>) {
        use crate::lex::driver::{split_slice, SplitOptions};
        let mut conv = super::super::Converter::new();
        conv.set_threads(threads);
        conv.set_window(window);
        let mut out = Vec::new();
        {
            let mut sink = |b: &[u8]| {
                out.extend_from_slice(b);
                Ok(())
            };
            let opts = SplitOptions {
                read_size: 1 << 20,
                window,
            };
            split_slice(
                &mut crate::lex::Lexer::new(crate::lex::Dialect::Mysql),
                sql,
                &opts,
                "test",
                |p| conv.piece(&p, &mut sink),
            )
            .expect("convert");
            conv.finish(&mut sink).expect("finish");
        }
        let notes = conv
            .findings()
            .iter()
            .map(|n| format!("{} {} {} x{}", n.code, n.line, n.message, n.count))
            .collect();
        (out, notes)
    }

    /// A dump of many rows, some of them larger than the window, converts to the same
    /// bytes and notes with the smallest window as with one every row fits in, on one
    /// thread and on several (the rows before a streamed one are written first).
    #[test]
    fn a_dump_converts_the_same_whatever_the_window() {
        let mut rng = Rng(0xb16);
        let mut sql = b"-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\n\
            CREATE TABLE `t` (`id` int NOT NULL, `t` longtext, `b` longblob, `j` json, \
            `d` date, `dt` datetime NOT NULL, `f` tinyint(1), `s` set('a','b'), `tm` time, \
            `x` double, `t2` text, `b2` blob, `bits` bit(8), `n` decimal(10,2), PRIMARY KEY (`id`));\n"
            .to_vec();
        let kinds = KINDS;
        let mut big = 0;
        for stmt in 0..12 {
            sql.extend_from_slice(b"INSERT INTO `t` VALUES ");
            for r in 0..30 {
                if r > 0 {
                    sql.push(b',');
                }
                let mut row = b"(".to_vec();
                for (i, k) in kinds.iter().enumerate() {
                    if i > 0 {
                        row.push(b',');
                    }
                    let mut v = value(&mut rng, *k, true, false);
                    if matches!(k, ValueKind::Text | ValueKind::Bytes) && rng.below(6) == 0 {
                        // past the window: a string of a few KiB
                        let body = text_body(&mut rng, true, true, *k == ValueKind::Bytes);
                        v = [&b"'"[..], &body.repeat(30), b"'"].concat();
                    }
                    row.extend_from_slice(&v);
                }
                row.push(b')');
                big += usize::from(row.len() > 1024);
                sql.extend_from_slice(&row);
            }
            sql.extend_from_slice(if stmt % 2 == 0 { b";\n" } else { b";\n-- x\n" });
        }
        sql.extend_from_slice(b"-- Dump completed on 2024-01-01\n");
        assert!(big > 50, "{big} rows larger than the window");
        let (want, want_notes) = convert(&sql, 64 << 20, 1);
        assert!(!want_notes.is_empty());
        for threads in [1, 3] {
            let (got, notes) = convert(&sql, 1024, threads);
            assert!(got == want, "threads {threads}: the output differs");
            assert_eq!(notes, want_notes, "threads {threads}");
        }
    }
}
