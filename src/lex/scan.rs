//! Finding the bytes that matter inside quoted strings, 16 at a time.
//!
//! A string in a real dump is short and, in binary and escaped columns, full of
//! backslashes: mysqldump writes 16 random bytes as about 20 bytes holding four or
//! five `\0`, `\'`, `\\`, `\n`, `\Z` escapes. A general search (`memchr2`) pays its
//! set-up on every call, and it is called once per escape. Here one 16-byte compare
//! finds every quote and backslash of a block at once (the first stage of simdjson,
//! narrowed to the two bytes a string cares about), and the lexer walks the bits of
//! the block without searching again. Past a few blocks (a document in a BLOB) the
//! search goes back to `memchr2`, whose wider loop is faster on long runs.
//!
//! The SSE2 path is the x86_64 baseline (every x86_64 CPU has it, so it needs no
//! detection); elsewhere a portable loop gives the same answers. Both are tested
//! against each other and against a byte-by-byte reference.

/// Where the end of a string was looked for: see [`string_end`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringScan {
    /// The index of the closing quote.
    End(usize),
    /// Not decided in whole blocks: go on byte by byte from this index, which is not
    /// an escaped byte (fewer than 64 bytes are left, or a run of quotes reaches the
    /// end of a block and its length decides whether it closes the string).
    From(usize),
}

/// The end of a string that starts at `s[0]` (just after its opening quote `q`;
/// `backslash`: a backslash escapes the next byte), found 64 bytes at a time: one
/// pass over a block gives the bit masks of its quotes and backslashes, the escaped
/// bytes follow from the backslash mask by carry arithmetic (simdjson's
/// `json_escape_scanner`), and the first run of unescaped quotes of odd length
/// closes the string (a doubled quote is a literal one).
#[inline]
pub fn string_end(s: &[u8], q: u8, backslash: bool) -> StringScan {
    let mut at = 0;
    while s.len() - at >= 64 {
        let (quotes, backslashes) = masks64(&s[at..at + 64], q, b'\\');
        let (escaped, escapes_next) = if backslash {
            escaped_bytes(backslashes)
        } else {
            (0, false)
        };
        let mut open = quotes & !escaped;
        while open != 0 {
            let first = open.trailing_zeros();
            let run = (!(open >> first)).trailing_zeros();
            if first + run == 64 {
                return StringScan::From(at + first as usize);
            }
            if run % 2 == 1 {
                return StringScan::End(at + (first + run - 1) as usize);
            }
            open &= !(((1u64 << run) - 1) << first);
        }
        // The block's last byte escapes the next one: start again at that backslash.
        at += 64 - usize::from(escapes_next);
    }
    StringScan::From(at)
}

/// The number of bytes equal to `b` in `s`: 16 at a time with the inline compare
/// for the short slices most pieces are (one row), `memchr`'s counter for long ones.
#[inline]
pub fn count_byte(s: &[u8], b: u8) -> usize {
    if s.len() > 512 {
        return memchr::memchr_iter(b, s).count();
    }
    let mut n = 0;
    let mut blocks = s.chunks_exact(16);
    for block in &mut blocks {
        n += mask16(block, b, b).count_ones() as usize;
    }
    n + blocks.remainder().iter().filter(|&&c| c == b).count()
}

/// The index in `s` of the first byte that a MySQL string or a PostgreSQL COPY text
/// field treats specially: NUL, `\`, `'`, `"`, newline, carriage return or tab.
///
/// The 16-byte compare takes every byte up to 13 as a candidate (one unsigned
/// compare instead of four), and candidates that are not special are passed over.
#[inline]
pub fn find_text_special(s: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 16 <= s.len() {
        let mut m = text_candidates16(&s[i..i + 16]);
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            if TEXT_SPECIAL[usize::from(s[i + k])] {
                return Some(i + k);
            }
            m &= m - 1;
        }
        i += 16;
    }
    s[i..]
        .iter()
        .position(|&c| TEXT_SPECIAL[usize::from(c)])
        .map(|k| i + k)
}

/// The index in `s` of the first byte that `table` marks, or `s.len()`: the lexer's
/// search for the next byte that matters outside strings (quotes, parentheses,
/// comment starts, the delimiter). `table` must mark only bytes up to `/` (0x2F),
/// `;`, `` ` `` and `extra` (the delimiter's first byte): those are the candidates
/// one 16-byte compare finds, and candidates the table does not mark (commas,
/// spaces, dots) are passed over. Long runs of other bytes (the digits of a `0x…`
/// literal, numbers, words) are skipped 16 at a time.
#[inline]
pub fn find_code_special(s: &[u8], table: &[bool; 256], extra: u8) -> usize {
    let mut i = 0;
    while i + 16 <= s.len() {
        let mut m = code_candidates16(&s[i..i + 16], extra);
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            if table[usize::from(s[i + k])] {
                return i + k;
            }
            m &= m - 1;
        }
        i += 16;
    }
    s[i..]
        .iter()
        .position(|&c| table[usize::from(c)])
        .map_or(s.len(), |k| i + k)
}

/// Whether [`find_code_special`] can search for the bytes `table` marks.
pub fn code_table_fits(table: &[bool; 256], extra: u8) -> bool {
    table
        .iter()
        .enumerate()
        .all(|(b, &on)| !on || b <= 0x2F || b == 0x3B || b == 0x60 || b == usize::from(extra))
}

/// Bit `k` set when `block[k]` is at most `/`, or `;`, `` ` `` or `extra`.
#[inline(always)]
fn code_candidates16(block: &[u8], extra: u8) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::code_candidates16(block, extra)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable_code_candidates16(block, extra)
    }
}

/// The portable form of [`code_candidates16`].
#[inline(always)]
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable_code_candidates16(block: &[u8], extra: u8) -> u32 {
    block[..16]
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c <= 0x2F || c == b';' || c == b'`' || c == extra)
        .fold(0, |m, (k, _)| m | 1 << k)
}

/// The bytes [`find_text_special`] finds.
pub const TEXT_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[0] = true;
    t[b'\\' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\t' as usize] = true;
    t
};

/// Bit `k` set when `block[k]` may be special: at most 13, or `\`, `'`, `"`.
#[inline(always)]
fn text_candidates16(block: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::text_candidates16(block)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable_text_candidates16(block)
    }
}

/// The portable form of [`text_candidates16`].
#[inline(always)]
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable_text_candidates16(block: &[u8]) -> u32 {
    let mut m = 0u32;
    for (k, &c) in block.iter().take(16).enumerate() {
        m |= u32::from(c <= 13 || c == b'\\' || c == b'\'' || c == b'"') << k;
    }
    m
}

/// What [`string_body`] makes of a backslash escape.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Escapes {
    /// `\` is an ordinary byte.
    None,
    /// `\x` is kept as its two bytes.
    Keep,
    /// `\x` is read as `x`.
    Decode,
}

/// The body of a string whose opening quote `q` is just before `s`, for the small
/// readers of settings (`SET sql_mode = '…'`, `SET standard_conforming_strings = …`):
/// a doubled quote is one, escapes as `escapes` says. Returns the body and the offset
/// after the closing quote, or `None` for the offset when `s` ends first.
pub fn string_body(s: &[u8], q: u8, escapes: Escapes) -> (Vec<u8>, Option<usize>) {
    let n = s.len();
    let mut body = Vec::new();
    let mut i = 0;
    while i < n {
        let c = s[i];
        if c == b'\\' && escapes != Escapes::None && i + 1 < n {
            match escapes {
                Escapes::Keep => body.extend_from_slice(&s[i..i + 2]),
                _ => body.push(s[i + 1]),
            }
            i += 2;
        } else if c == q && s.get(i + 1) == Some(&q) {
            body.push(c);
            i += 2;
        } else if c == q {
            return (body, Some(i + 1));
        } else {
            body.push(c);
            i += 1;
        }
    }
    (body, None)
}

/// The index in `s` of the quote `q` that closes a string starting at `s[0]` (just
/// after its opening quote), or `None` when `s` ends first: [`string_end`] over
/// whole blocks, then byte by byte. A doubled quote is a literal one; `backslash`: a
/// backslash escapes the next byte.
#[inline]
pub fn closing_quote(s: &[u8], q: u8, backslash: bool) -> Option<usize> {
    let mut i = match string_end(s, q, backslash) {
        StringScan::End(e) => return Some(e),
        StringScan::From(k) => k,
    };
    let other = if backslash { b'\\' } else { q };
    loop {
        i += find2(s.get(i..)?, q, other)?;
        // an escape, or a doubled quote: two bytes of the string
        if (s[i] == b'\\' && backslash) || s.get(i + 1) == Some(&q) {
            i += 2;
        } else {
            return Some(i);
        }
    }
}

/// From the mask of a block's backslashes (the byte before the block escaping
/// nothing): the mask of the bytes they escape, and whether the block's last byte
/// is a backslash that escapes the byte after the block.
///
/// A run of backslashes escapes every second byte from its second, and the byte
/// after it when its length is odd. Subtracting the run from the odd bits (shifted
/// so that the run starts on one) carries through exactly that pattern.
#[inline(always)]
fn escaped_bytes(backslashes: u64) -> (u64, bool) {
    const ODD_BITS: u64 = 0xAAAA_AAAA_AAAA_AAAA;
    let maybe_escaped_and_odd = (backslashes << 1) | ODD_BITS;
    let even_series_and_odd = maybe_escaped_and_odd.wrapping_sub(backslashes);
    let escape_and_terminal = even_series_and_odd ^ ODD_BITS;
    let escaped = escape_and_terminal ^ backslashes;
    let escape = escape_and_terminal & backslashes;
    (escaped, escape >> 63 == 1)
}

/// The masks of the bytes equal to `a` and to `b` in a block of 64.
#[inline(always)]
fn masks64(block: &[u8], a: u8, b: u8) -> (u64, u64) {
    let (mut ma, mut mb) = (0u64, 0u64);
    for k in 0..4 {
        let part = &block[16 * k..16 * k + 16];
        ma |= u64::from(mask16(part, a, a)) << (16 * k);
        mb |= u64::from(mask16(part, b, b)) << (16 * k);
    }
    (ma, mb)
}

/// Blocks searched with the inline compare before handing over to `memchr2`.
const SHORT_BLOCKS: usize = 4;

/// The index in `s` of the first byte equal to `a` or `b`.
#[inline]
pub fn find2(s: &[u8], a: u8, b: u8) -> Option<usize> {
    let mut i = 0;
    let mut blocks = 0;
    while i + 16 <= s.len() && blocks < SHORT_BLOCKS {
        let m = mask16(&s[i..i + 16], a, b);
        if m != 0 {
            return Some(i + m.trailing_zeros() as usize);
        }
        i += 16;
        blocks += 1;
    }
    if blocks == SHORT_BLOCKS {
        return memchr::memchr2(a, b, &s[i..]).map(|j| i + j);
    }
    s[i..].iter().position(|&c| c == a || c == b).map(|j| i + j)
}

/// Bit `k` set when `block[k]` is `a` or `b` (`block` holds 16 bytes).
#[inline(always)]
fn mask16(block: &[u8], a: u8, b: u8) -> u32 {
    debug_assert_eq!(block.len(), 16);
    #[cfg(target_arch = "x86_64")]
    {
        sse2::mask16(block, a, b)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable_mask16(block, a, b)
    }
}

/// The portable form of [`mask16`].
#[inline(always)]
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable_mask16(block: &[u8], a: u8, b: u8) -> u32 {
    let mut m = 0u32;
    for (k, &c) in block.iter().enumerate() {
        m |= u32::from(c == a || c == b) << k;
    }
    m
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// [`super::text_candidates16`] with SSE2.
    #[inline(always)]
    #[allow(unsafe_code)]
    pub(super) fn text_candidates16(block: &[u8]) -> u32 {
        assert!(block.len() >= 16);
        // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes
        // `block` holds (checked above).
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            // v <= 13 (unsigned) exactly when min(v, 13) == v
            let low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(13)), v);
            let quotes = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\'' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8)),
            );
            let bs = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
            _mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(quotes, bs))) as u32
        }
    }

    /// [`super::code_candidates16`] with SSE2.
    #[inline(always)]
    #[allow(unsafe_code)]
    pub(super) fn code_candidates16(block: &[u8], extra: u8) -> u32 {
        assert!(block.len() >= 16);
        // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 16 bytes
        // `block` holds (checked above).
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            // v <= 0x2F (unsigned) exactly when min(v, 0x2F) == v
            let low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x2F)), v);
            let semi_tick = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b';' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'`' as i8)),
            );
            let extra = _mm_cmpeq_epi8(v, _mm_set1_epi8(extra as i8));
            _mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(semi_tick, extra))) as u32
        }
    }

    /// [`super::mask16`] with SSE2, which every x86_64 CPU has.
    #[inline(always)]
    #[allow(unsafe_code)]
    pub(super) fn mask16(block: &[u8], a: u8, b: u8) -> u32 {
        assert!(block.len() >= 16);
        // SAFETY: SSE2 is part of the x86_64 baseline, so these intrinsics are always
        // available; the unaligned load reads 16 bytes, which `block` holds (checked
        // above).
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            let eq = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(a as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8)),
            );
            _mm_movemask_epi8(eq) as u32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(s: &[u8], a: u8, b: u8) -> Option<usize> {
        s.iter().position(|&c| c == a || c == b)
    }

    /// A small deterministic generator (xorshift), so the test needs no crate.
    fn bytes(seed: u64, len: usize, alphabet: &[u8]) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                alphabet[(x % alphabet.len() as u64) as usize]
            })
            .collect()
    }

    #[test]
    fn every_path_finds_the_first_quote_or_backslash() {
        // Sparse and dense targets, at every length up to past the hand-over to
        // memchr2, from every start.
        for (seed, alphabet) in [
            (1u64, &b"abcdefgh'\\"[..]),
            (
                2,
                &b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"[..],
            ),
            (3, &b"\\\\\\'"[..]),
            (4, &b"xyz"[..]),
        ] {
            let s = bytes(seed, 300, alphabet);
            for start in 0..s.len() {
                for end in start..s.len().min(start + 140) {
                    let t = &s[start..end];
                    assert_eq!(find2(t, b'\'', b'\\'), reference(t, b'\'', b'\\'), "{t:?}");
                }
            }
        }
    }

    /// The escaped bytes of `s` (nothing escaped before it), byte by byte.
    fn escaped_reference(s: &[u8]) -> (u64, bool) {
        let (mut mask, mut escaping) = (0u64, false);
        for (k, &c) in s.iter().enumerate() {
            if escaping {
                mask |= 1 << k;
                escaping = false;
            } else if c == b'\\' {
                escaping = true;
            }
        }
        (mask, escaping)
    }

    /// The end of a string byte by byte, as the lexer's scalar loop reads it.
    fn string_end_reference(s: &[u8], q: u8, backslash: bool) -> Option<usize> {
        let mut i = 0;
        while i < s.len() {
            if backslash && s[i] == b'\\' {
                i += 2;
            } else if s[i] == q {
                if s.get(i + 1) == Some(&q) {
                    i += 2;
                } else {
                    return Some(i);
                }
            } else {
                i += 1;
            }
        }
        None
    }

    /// Whether byte `k` of `s` is not escaped (a place to start reading again).
    fn unescaped_at(s: &[u8], k: usize) -> bool {
        let mut i = 0;
        while i < k {
            i += if s[i] == b'\\' { 2 } else { 1 };
        }
        i == k
    }

    #[test]
    fn escaped_bytes_match_the_byte_by_byte_reading() {
        for seed in 1..2000u64 {
            let alphabet: &[u8] = match seed % 4 {
                0 => b"\\\\\\a",
                1 => b"\\a",
                2 => b"\\abcdefgh",
                _ => b"\\\\'",
            };
            let block = bytes(seed, 64, alphabet);
            let (_, backslashes) = masks64(&block, b'\'', b'\\');
            assert_eq!(
                escaped_bytes(backslashes),
                escaped_reference(&block),
                "{block:?}"
            );
        }
        let all = [b'\\'; 64];
        assert_eq!(escaped_bytes(u64::MAX), escaped_reference(&all));
        assert_eq!(escaped_bytes(u64::MAX), (0xAAAA_AAAA_AAAA_AAAA, false));
    }

    #[test]
    fn string_end_agrees_with_the_scalar_reading() {
        // Where string_end decides, it must agree with the reference; where it hands
        // over, the reference from that index must give the same end.
        let mut decided = 0;
        for seed in 1..3000u64 {
            let alphabet: &[u8] = match seed % 5 {
                0 => b"ab'\\",
                1 => b"''''\\x",
                2 => b"abcdefghijklmnopqrstuvwxyz\\",
                3 => b"\\\\\\''",
                _ => b"abcdefghijklmnopqrstuvwxyz0123456789'",
            };
            let len = 60 + (seed as usize * 7) % 300;
            let s = bytes(seed, len, alphabet);
            for backslash in [true, false] {
                let want = string_end_reference(&s, b'\'', backslash);
                match string_end(&s, b'\'', backslash) {
                    StringScan::End(e) => {
                        decided += 1;
                        assert_eq!(Some(e), want, "{s:?} {backslash}")
                    }
                    StringScan::From(k) => {
                        assert!(k <= s.len());
                        assert!(!backslash || unescaped_at(&s, k), "{s:?} {k}");
                        let rest = string_end_reference(&s[k..], b'\'', backslash);
                        assert_eq!(rest.map(|e| e + k), want, "{s:?} {backslash} from {k}");
                    }
                }
            }
        }
        assert!(decided > 1000, "only {decided} strings decided in blocks");
    }

    #[test]
    fn closing_quote_agrees_with_the_scalar_reading() {
        for seed in 1..3000u64 {
            let alphabet: &[u8] = match seed % 4 {
                0 => b"ab'\\",
                1 => b"abcdefghijklmnopqrstuvwxyz\\",
                2 => b"\\\\\\'x",
                _ => b"abcdefghijklmnopqrstuvwxyz0123456789'",
            };
            let s = bytes(seed, (seed as usize * 13) % 400, alphabet);
            for backslash in [true, false] {
                assert_eq!(
                    closing_quote(&s, b'\'', backslash),
                    string_end_reference(&s, b'\'', backslash),
                    "{s:?} {backslash}"
                );
            }
        }
    }

    #[test]
    fn text_specials_are_found_on_every_path() {
        let s = bytes(
            11,
            3000,
            b"abc\x01\x0b\x0d\x0e\x80\xff'\"\\\n\t\0 xyzxyzxyzxyz",
        );
        for start in 0..400 {
            for len in [0, 1, 15, 16, 17, 40, 200, 2000] {
                let t = &s[start..(start + len).min(s.len())];
                let want = t.iter().position(|&c| TEXT_SPECIAL[usize::from(c)]);
                assert_eq!(find_text_special(t), want, "{t:?}");
            }
        }
        for k in 0..s.len() - 16 {
            let block = &s[k..k + 16];
            assert_eq!(text_candidates16(block), portable_text_candidates16(block));
        }
    }

    #[test]
    fn code_specials_are_found_on_every_path() {
        // the lexer's tables: MySQL, PostgreSQL, and a DELIMITER starting with `$`
        let mut tables = Vec::new();
        for (set, extra) in [
            (&b"'\"()-/;`#*"[..], b';'),
            (&b"'\"()-/;$"[..], b';'),
            (&b"'\"()-/;`#*$"[..], b'$'),
        ] {
            let mut t = [false; 256];
            for &b in set {
                t[usize::from(b)] = true;
            }
            assert!(code_table_fits(&t, extra));
            tables.push((t, extra));
        }
        let mut letters = tables[0].0;
        letters[usize::from(b'a')] = true;
        assert!(!code_table_fits(&letters, b';'));
        let alphabet = b"0123456789abcdefxX,. \n()'\"`;$#*-/\\\xff\x80";
        for seed in 1..300u64 {
            let len = (seed as usize * 7) % 90;
            let s = bytes(seed, len, alphabet);
            for (t, extra) in &tables {
                let want = s.iter().position(|&c| t[usize::from(c)]).unwrap_or(s.len());
                assert_eq!(find_code_special(&s, t, *extra), want, "{s:?}");
                for k in 0..s.len().saturating_sub(15) {
                    let block = &s[k..k + 16];
                    assert_eq!(
                        code_candidates16(block, *extra),
                        portable_code_candidates16(block, *extra)
                    );
                }
            }
        }
    }

    #[test]
    fn count_byte_counts_on_every_path() {
        let s = bytes(5, 3000, b"ab\ncdefgh\n\n");
        for start in 0..300 {
            for len in [0, 1, 15, 16, 17, 100, 511, 512, 513, 2000] {
                let t = &s[start..(start + len).min(s.len())];
                let want = t.iter().filter(|&&c| c == b'\n').count();
                assert_eq!(count_byte(t, b'\n'), want);
            }
        }
    }

    #[test]
    fn the_block_masks_agree() {
        let s = bytes(9, 4096, b"ab'\\\"\n\0\xff\x80");
        for k in 0..s.len() - 16 {
            let block = &s[k..k + 16];
            for (a, b) in [(b'\'', b'\\'), (b'"', b'\\'), (0xff, 0x80), (0, b'\n')] {
                assert_eq!(mask16(block, a, b), portable_mask16(block, a, b));
            }
        }
    }
}
