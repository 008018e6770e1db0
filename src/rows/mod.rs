//! Rewriting values in data rows: `COPY` lines and `INSERT` tuples, streamed (a row
//! may arrive in fragments), touching only the columns whose type changed.

use std::mem::MaybeUninit;
use std::sync::Arc;

use crate::pool::{one_by_one, RowWork, Watch};
use crate::schema::{DumpTable, ValueRewrite};
use timezone::{put_day_hour, tz_to_utc_into, whole_hour_in_month};

pub mod split;
pub mod timezone;

/// A value the rewrite could not map: column position and the raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadValue {
    /// Column position (0-based).
    pub column: usize,
    /// Column name.
    pub name: String,
    /// The value (truncated).
    pub value: Vec<u8>,
}

/// Longest value an edited column may hold; longer ones are not booleans or
/// timestamps and are reported.
const MAX_VALUE: usize = 64;

/// Rewrites the rows of one INSERT or COPY.
#[derive(Clone)]
pub struct RowEditor {
    // shared by the copies handed to the row threads (one per batch)
    rewrite: Arc<[Option<ValueRewrite>]>,
    /// Positions of the edited columns, ascending.
    edited: Arc<[usize]>,
    names: Arc<[String]>,
    last: usize,
    copy: bool,
    /// `\` escapes in the tuples' strings (MySQL without `NO_BACKSLASH_ESCAPES`).
    backslash: bool,
    // streaming state
    field: usize,
    depth: u32,
    quote: Option<u8>,
    esc: bool,
    prev: u8,
    done: bool,
    value: Vec<u8>,
    overflow: bool,
    bad: Option<BadValue>,
}

/// Row editors go to the worker pool's threads, a batch of rows each.
impl RowWork for RowEditor {
    type Bad = BadValue;
    type Summary = ();
    fn row(&mut self, bytes: &[u8], out: &mut Vec<u8>, bad: &mut Vec<BadValue>) {
        bad.extend(RowEditor::row(self, bytes, false, false, out));
    }
    fn lines(
        &mut self,
        run: &[u8],
        out: &mut Vec<u8>,
        bad: &mut Vec<(u64, u64, BadValue)>,
        watch: Option<Watch<'_>>,
    ) -> (u64, Option<usize>) {
        if self.is_copy() {
            self.copy_lines(run, out, bad, watch)
        } else {
            one_by_one(self, run, out, bad, watch)
        }
    }
    fn summary(&mut self) {}
}

/// An editor for the rows of table `t` with the given column list (None: all, in
/// order), or None when no column of it changes. `backslash`: `\` escapes in the
/// rows' strings (see [`crate::lex::Piece::backslash`]).
pub fn editor_for(
    t: &DumpTable,
    columns: Option<&[String]>,
    copy: bool,
    backslash: bool,
) -> Option<RowEditor> {
    if !t.any_xf() {
        return None;
    }
    let (rewrite, names): (Vec<_>, Vec<_>) = match columns {
        Some(cols) => cols
            .iter()
            .map(|c| {
                let x = t
                    .columns()
                    .find(|d| d.name.eq_ignore_ascii_case(c))
                    .and_then(|d| d.rewrite);
                (x, c.clone())
            })
            .unzip(),
        None => t.columns().map(|c| (c.rewrite, c.name.to_string())).unzip(),
    };
    let last = rewrite.iter().rposition(|x| x.is_some())?;
    Some(RowEditor {
        edited: (0..rewrite.len())
            .filter(|&i| rewrite[i].is_some())
            .collect(),
        rewrite: rewrite.into(),
        names: names.into(),
        last,
        copy,
        backslash,
        field: 0,
        depth: 0,
        quote: None,
        esc: false,
        prev: 0,
        done: false,
        value: Vec::new(),
        overflow: false,
        bad: None,
    })
}

impl RowEditor {
    /// Rewrite one row (or a fragment of one: `continued` says it continues the
    /// previous call's row) into `out`. Returns a value that could not be mapped.
    pub fn row(
        &mut self,
        bytes: &[u8],
        continued: bool,
        partial: bool,
        out: &mut Vec<u8>,
    ) -> Option<BadValue> {
        if self.copy && !continued && !partial {
            self.bad = None;
            self.field = 0;
            self.copy_whole_row(bytes, out);
            return self.bad.take();
        }
        if !continued {
            self.field = 0;
            self.depth = 0;
            self.quote = None;
            self.esc = false;
            self.prev = 0;
            self.done = false;
            self.value.clear();
            self.overflow = false;
        }
        self.bad = None;
        if self.copy {
            self.copy_row(bytes, out);
            if !partial && !self.done {
                // the row ends without its line feed (at the end of the input): the
                // value being gathered ends too
                if let Some(rewrite) = self.editing().filter(|_| self.field <= self.last) {
                    self.end_value(rewrite, out);
                }
            }
        } else {
            self.tuple(bytes, out);
        }
        self.bad.take()
    }

    fn editing(&self) -> Option<ValueRewrite> {
        self.rewrite.get(self.field).copied().flatten()
    }

    fn push_value(&mut self, b: &[u8], out: &mut Vec<u8>) {
        if self.overflow {
            out.extend_from_slice(b);
            return;
        }
        self.value.extend_from_slice(b);
        if self.value.len() > MAX_VALUE {
            self.report(self.value.clone());
            out.extend_from_slice(&self.value);
            self.value.clear();
            self.overflow = true;
        }
    }

    fn report(&mut self, v: Vec<u8>) {
        if self.bad.is_none() {
            let mut value = v;
            value.truncate(MAX_VALUE);
            self.bad = Some(BadValue {
                column: self.field,
                name: self.names.get(self.field).cloned().unwrap_or_default(),
                value,
            });
        }
    }

    /// End of an edited field: write its rewritten value.
    fn end_value(&mut self, rewrite: ValueRewrite, out: &mut Vec<u8>) {
        if self.overflow {
            self.overflow = false;
            return;
        }
        let v = std::mem::take(&mut self.value);
        // COPY fields are taken as they are (as the whole-line path does); tuple
        // values lose the blanks around them
        let (lead, core, trail) = if self.copy {
            (&v[..0], &v[..], &v[..0])
        } else {
            trim(&v)
        };
        out.extend_from_slice(lead);
        if !map_into(rewrite, core, self.copy, out) {
            self.report(core.to_vec());
            out.extend_from_slice(core);
        }
        out.extend_from_slice(trail);
        self.value = v;
        self.value.clear();
    }

    /// A whole COPY line, through [`Self::copy_lines`].
    fn copy_whole_row(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        let mut bad = Vec::new();
        self.copy_lines(bytes, out, &mut bad, None);
        if let Some((_, _, b)) = bad.into_iter().next() {
            self.field = b.column;
            self.bad = Some(b);
        }
    }

    /// Rewrite a run of whole COPY lines (the last may lack its `\n`) into `out`, as
    /// [`Self::row`] would one by one, in one pass: the unedited bytes between two
    /// edited fields are copied in one piece, across line ends. Values that could not
    /// be mapped (the first of a line) go to `bad`, with the line's index in the run
    /// and its byte offset.
    ///
    /// With a `watch` (a run handed out before its end was known), it stops at the
    /// line `\.` that ends COPY data, or as soon as an end is found before the run.
    /// Returns the number of lines rewritten and, when it stopped early, where.
    pub fn copy_lines(
        &mut self,
        run: &[u8],
        out: &mut Vec<u8>,
        bad: &mut Vec<(u64, u64, BadValue)>,
        watch: Option<Watch<'_>>,
    ) -> (u64, Option<usize>) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("popcnt")
        {
            #[allow(unsafe_code)]
            // SAFETY: the CPU has AVX2 and POPCNT, checked just above.
            return unsafe { copy_lines_avx2(self, run, out, bad, watch) };
        }
        copy_lines_portable(self, run, out, bad, watch)
    }

    /// Whether rows are COPY lines (else INSERT tuples).
    pub fn is_copy(&self) -> bool {
        self.copy
    }

    fn copy_row(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        let mut i = 0;
        while i < bytes.len() {
            if self.field > self.last {
                out.extend_from_slice(&bytes[i..]);
                return;
            }
            let next = memchr::memchr2(b'\t', b'\n', &bytes[i..]).map(|j| i + j);
            match self.editing() {
                Some(rewrite) => match next {
                    Some(j) => {
                        self.push_value(&bytes[i..j], out);
                        // a \r before the final \n stays outside the value
                        let cr = bytes[j] == b'\n' && self.value.last() == Some(&b'\r');
                        if cr {
                            self.value.pop();
                        }
                        self.end_value(rewrite, out);
                        if cr {
                            out.push(b'\r');
                        }
                        out.push(bytes[j]);
                        self.field += 1;
                        self.done = bytes[j] == b'\n';
                        i = j + 1;
                    }
                    None => {
                        self.push_value(&bytes[i..], out);
                        return;
                    }
                },
                None => match next {
                    Some(j) => {
                        out.extend_from_slice(&bytes[i..=j]);
                        self.field += 1;
                        self.done = bytes[j] == b'\n';
                        i = j + 1;
                    }
                    None => {
                        out.extend_from_slice(&bytes[i..]);
                        return;
                    }
                },
            }
        }
    }

    fn tuple(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        let mut i = 0;
        let n = bytes.len();
        while i < n {
            if self.done || (self.depth >= 1 && self.field > self.last) {
                out.extend_from_slice(&bytes[i..]);
                return;
            }
            let b = bytes[i];
            let capture = self.depth >= 1 && self.editing().is_some();
            if let Some(q) = self.quote {
                if self.esc {
                    self.esc = false;
                } else if b == b'\\' && (self.backslash || self.prev == 1) {
                    self.esc = true;
                } else if b == q {
                    self.quote = None;
                }
            } else {
                match b {
                    b'\'' | b'"' | b'`' => {
                        // PostgreSQL E'…' strings use backslash escapes; mark with prev=1
                        let e = matches!(self.prev, b'E' | b'e');
                        self.quote = Some(b);
                        if capture {
                            self.push_value(&[b], out);
                        } else {
                            out.push(b);
                        }
                        self.prev = if e { 1 } else { b };
                        i += 1;
                        continue;
                    }
                    b'(' => {
                        self.depth += 1;
                        if self.depth == 1 {
                            out.push(b);
                            self.prev = b;
                            i += 1;
                            continue;
                        }
                    }
                    b')' => {
                        if self.depth == 1 {
                            if let Some(rewrite) = self.editing() {
                                self.end_value(rewrite, out);
                            }
                            self.depth = 0;
                            self.done = true;
                            out.push(b);
                            i += 1;
                            continue;
                        }
                        self.depth = self.depth.saturating_sub(1);
                    }
                    b',' if self.depth == 1 => {
                        if let Some(rewrite) = self.editing() {
                            self.end_value(rewrite, out);
                        }
                        out.push(b);
                        self.field += 1;
                        self.prev = b;
                        i += 1;
                        continue;
                    }
                    _ => {}
                }
            }
            if capture {
                self.push_value(&[b], out);
            } else {
                out.push(b);
            }
            if self.quote.is_some() && self.prev == 1 {
                // keep the E-string marker while inside the string
            } else {
                self.prev = b;
            }
            i += 1;
        }
    }
}

/// Where [`copy_lines_with`] is in its run: what is copied, and the line it is on.
struct Cursor<'a> {
    run: &'a [u8],
    out: &'a mut Vec<u8>,
    bad: &'a mut Vec<(u64, u64, BadValue)>,
    /// Bytes of the run copied or rewritten so far.
    copied: usize,
    /// Index and offset of the current line, and whether a value of it was reported.
    line: u64,
    at: usize,
    reported: bool,
}

/// Copies up to this long are made as one fixed-size copy (see [`Cursor::copy_to`]).
const SHORT: usize = 64;

impl Cursor<'_> {
    /// Copy the run's bytes from `copied` to `to` (exclusive) to the output. Most are a
    /// few dozen bytes between two edited values: rather than a call to `memcpy`
    /// each, those copy [`SHORT`] bytes at once into the output's spare capacity and
    /// keep what they need.
    #[inline(always)]
    fn copy_to(&mut self, to: usize) {
        let n = to - self.copied;
        if n <= SHORT {
            let len = self.out.len();
            let src = (self.run.get(self.copied..self.copied + SHORT))
                .and_then(|s| <&[u8; SHORT]>::try_from(s).ok());
            let dst = (self.out.spare_capacity_mut().get_mut(..SHORT))
                .and_then(|d| <&mut [MaybeUninit<u8>; SHORT]>::try_from(d).ok());
            if let (Some(src), Some(dst)) = (src, dst) {
                *dst = src.map(MaybeUninit::new);
                #[allow(unsafe_code)]
                // SAFETY: the first `n` <= SHORT bytes of the spare capacity were just
                // written (with the run's bytes `copied..to`).
                unsafe {
                    self.out.set_len(len + n);
                }
                return;
            }
        }
        self.out.extend_from_slice(&self.run[self.copied..to]);
    }

    /// The value of edited field `field` of the current line spans `a..b` (its end,
    /// when it ends the line, before a `\r`): copy what comes before it, then it
    /// mapped (or as it is, reported, when it does not map).
    #[inline(always)]
    fn value(&mut self, ed: &RowEditor, field: usize, a: usize, mut b: usize, line_end: bool) {
        let Some(Some(rewrite)) = ed.rewrite.get(field).copied() else {
            return;
        };
        if line_end && b > a && self.run[b - 1] == b'\r' {
            b -= 1;
        }
        let v = &self.run[a..b];
        // the common cases copy the value with what comes before it, then patch it
        match (rewrite, v) {
            (ValueRewrite::Bool, [d @ (b'0' | b'1')]) => {
                self.copy_to(b);
                if let Some(last) = self.out.last_mut() {
                    *last = if *d == b'0' { b'f' } else { b't' };
                }
                self.copied = b;
                return;
            }
            (ValueRewrite::TzToUtc, _) => {
                if let Some(dh) = whole_hour_in_month(v) {
                    self.copy_to(b - 3);
                    let at = self.out.len() - (b - 3 - a);
                    put_day_hour(&mut self.out[at..], dh);
                    self.copied = b;
                    return;
                }
            }
            _ => {}
        }
        self.copy_to(a);
        let mapped = map_into(rewrite, v, true, self.out);
        if !mapped {
            if !self.reported {
                self.reported = true;
                self.bad.push((
                    self.line,
                    self.at as u64,
                    BadValue {
                        column: field,
                        name: ed.names.get(field).cloned().unwrap_or_default(),
                        value: v[..v.len().min(MAX_VALUE)].to_vec(),
                    },
                ));
            }
            self.out.extend_from_slice(v);
        }
        self.copied = b;
    }
}

fn copy_lines_portable(
    ed: &mut RowEditor,
    run: &[u8],
    out: &mut Vec<u8>,
    bad: &mut Vec<(u64, u64, BadValue)>,
    watch: Option<Watch<'_>>,
) -> (u64, Option<usize>) {
    copy_lines_with!(ed, run, out, bad, watch, masks64)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
fn copy_lines_avx2(
    ed: &mut RowEditor,
    run: &[u8],
    out: &mut Vec<u8>,
    bad: &mut Vec<(u64, u64, BadValue)>,
    watch: Option<Watch<'_>>,
) -> (u64, Option<usize>) {
    copy_lines_with!(ed, run, out, bad, watch, masks64_avx2)
}

/// The loop of [`RowEditor::copy_lines`], with `$masks` giving the tab and line-feed
/// masks of a 64-byte block. Each line is scanned from its start sixty-four bytes at a
/// time; a popcount of the tabs skips the blocks that hold no boundary of an edited
/// field, and each edited value is rewritten as soon as its end is seen. After the
/// last edited field, the line's end is found with `memchr` (the rest of a row can be
/// long: text, bytea).
macro_rules! copy_lines_with {
    ($ed:expr, $run:expr, $out:expr, $bad:expr, $watch:expr, $masks:expr) => {{
        let (ed, run, watch): (&RowEditor, &[u8], Option<Watch<'_>>) = ($ed, $run, $watch);
        const DONE: usize = usize::MAX;
        let fields: &[usize] = &ed.edited;
        let mut c = Cursor {
            run,
            out: $out,
            bad: $bad,
            copied: 0,
            line: 0,
            at: 0,
            reported: false,
        };
        c.out.reserve(run.len() + SHORT);
        let mut stop = None;
        let mut tail = [0u8; 64];
        while c.at < run.len() {
            let at = c.at;
            if let Some(w) = watch {
                if w.ends_here(&run[at..], at) {
                    stop = Some(at);
                    break;
                }
            }
            c.reported = false;
            let mut k = 0; // index in `fields` of the field we are looking for
            let mut want = fields.first().copied().unwrap_or(DONE);
            let mut start = at; // its start, once known
            let mut tabs = 0usize; // tabs seen so far = number of the field at the scan position
            let mut base = at;
            let end = loop {
                if base >= run.len() {
                    // a last line without its line feed
                    if tabs == want {
                        c.value(ed, want, start, run.len(), true);
                    }
                    break run.len();
                }
                let block: &[u8; 64] = match run.get(base..base + 64) {
                    Some(b) => b.try_into().unwrap_or(&tail),
                    None => {
                        tail = [0u8; 64];
                        tail[..run.len() - base].copy_from_slice(&run[base..]);
                        &tail
                    }
                };
                let (mut t, n): (u64, u64) = $masks(block);
                let end = if n != 0 {
                    let e = n.trailing_zeros();
                    t &= (1u64 << e) - 1;
                    Some(base + e as usize)
                } else {
                    None
                };
                // tab number n ends field n and starts field n + 1
                while want != DONE {
                    if tabs < want {
                        // drop the tabs before the one that starts the wanted field
                        let skip = want - 1 - tabs;
                        let count = t.count_ones() as usize;
                        if count <= skip {
                            tabs += count;
                            break;
                        }
                        for _ in 0..skip {
                            t &= t - 1;
                        }
                        start = base + t.trailing_zeros() as usize + 1;
                        t &= t - 1;
                        tabs = want;
                    }
                    if t == 0 {
                        break;
                    }
                    let pos = base + t.trailing_zeros() as usize;
                    t &= t - 1;
                    c.value(ed, want, start, pos, false);
                    tabs = want + 1;
                    k += 1;
                    match fields.get(k) {
                        Some(&f) => {
                            want = f;
                            if tabs == want {
                                start = pos + 1;
                            }
                        }
                        None => want = DONE,
                    }
                }
                if let Some(e) = end {
                    if tabs == want {
                        c.value(ed, want, start, e, true);
                    }
                    break e;
                }
                base += 64;
                if want == DONE {
                    let rest = run.get(base..).unwrap_or_default();
                    break memchr::memchr(b'\n', rest).map_or(run.len(), |j| base + j);
                }
            };
            c.at = (end + 1).min(run.len());
            c.line += 1;
        }
        let to = stop.unwrap_or(run.len());
        c.out.extend_from_slice(&run[c.copied..to]);
        (c.line, stop)
    }};
}
use copy_lines_with;

/// Bit i of the first mask set when byte i of the block is a tab, of the second when
/// it is a line feed.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(unsafe_code)]
fn masks64_avx2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8,
    };
    let tab = _mm256_set1_epi8(b'\t' as i8);
    let nl = _mm256_set1_epi8(b'\n' as i8);
    let p = block.as_ptr().cast::<__m256i>();
    // SAFETY: `block` is 64 readable bytes; both loads are unaligned 32-byte reads
    // inside it.
    let (a, b) = unsafe { (_mm256_loadu_si256(p), _mm256_loadu_si256(p.add(1))) };
    let m = |v, c| _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, c)) as u32 as u64;
    (m(a, tab) | m(b, tab) << 32, m(a, nl) | m(b, nl) << 32)
}

/// Bit i of the first mask set when byte i of the block is a tab, of the second when
/// it is a line feed.
#[cfg(target_arch = "x86_64")]
#[inline]
#[allow(unsafe_code)]
fn masks64(block: &[u8; 64]) -> (u64, u64) {
    // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it, and the
    // function only reads its argument.
    unsafe { masks64_sse2(block) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn masks64_sse2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set1_epi8, _mm_set_epi64x};
    let (mut tabs, mut nls) = (0u64, 0u64);
    for (i, q) in block.chunks_exact(16).enumerate() {
        let mut lo = [0u8; 8];
        let mut hi = [0u8; 8];
        lo.copy_from_slice(&q[..8]);
        hi.copy_from_slice(&q[8..]);
        let v = _mm_set_epi64x(i64::from_le_bytes(hi), i64::from_le_bytes(lo));
        let t = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\t' as i8))) as u32;
        let n = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\n' as i8))) as u32;
        tabs |= u64::from(t) << (16 * i);
        nls |= u64::from(n) << (16 * i);
    }
    (tabs, nls)
}

/// Bit i of the first mask set when byte i of the block is a tab, of the second when
/// it is a line feed (portable SWAR: exact, no false positives).
#[cfg(not(target_arch = "x86_64"))]
fn masks64(block: &[u8; 64]) -> (u64, u64) {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let find = |byte: u8| {
        let pattern = u64::from(byte) * 0x0101_0101_0101_0101;
        let mut out = 0u64;
        for (word, bytes) in block.chunks_exact(8).enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(bytes);
            let x = u64::from_le_bytes(w) ^ pattern;
            let mut m = !(((x & LO7).wrapping_add(LO7)) | x | LO7);
            while m != 0 {
                out |= 1 << (m.trailing_zeros() / 8 + 8 * word as u32);
                m &= m - 1;
            }
        }
        out
    };
    (find(b'\t'), find(b'\n'))
}

fn trim(v: &[u8]) -> (&[u8], &[u8], &[u8]) {
    let s = v
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(v.len());
    let e = v
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(s, |p| p + 1);
    (&v[..s], &v[s..e], &v[e..])
}

/// Map one value into `out`; false (and nothing written) when it cannot be mapped.
pub fn map_into(rewrite: ValueRewrite, v: &[u8], copy: bool, out: &mut Vec<u8>) -> bool {
    match rewrite {
        ValueRewrite::Bool => {
            let unq = if v.len() >= 2 && v[0] == b'\'' && v[v.len() - 1] == b'\'' {
                &v[1..v.len() - 1]
            } else {
                v
            };
            let r: &[u8] = match (unq, copy) {
                (b"\\N", true) => b"\\N",
                (b"0" | b"f" | b"false", true) => b"f",
                (b"1" | b"t" | b"true", true) => b"t",
                (b"0" | b"false", false) => b"false",
                (b"1" | b"true", false) => b"true",
                _ if !copy && v.eq_ignore_ascii_case(b"NULL") => b"NULL",
                _ if !copy && v.eq_ignore_ascii_case(b"false") => b"false",
                _ if !copy && v.eq_ignore_ascii_case(b"true") => b"true",
                _ => return false,
            };
            out.extend_from_slice(r);
            true
        }
        ValueRewrite::TzToUtc => {
            if copy {
                if v == b"\\N" {
                    out.extend_from_slice(v);
                    return true;
                }
                return tz_to_utc_into(v, out);
            }
            if v.eq_ignore_ascii_case(b"NULL") {
                out.extend_from_slice(v);
                return true;
            }
            let Some(inner) = v.strip_prefix(b"'").and_then(|x| x.strip_suffix(b"'")) else {
                return false;
            };
            let mark = out.len();
            out.push(b'\'');
            if !tz_to_utc_into(inner, out) {
                out.truncate(mark);
                return false;
            }
            out.push(b'\'');
            true
        }
    }
}

/// Map one value; None when it cannot be mapped (and must be reported).
pub fn map_value(rewrite: ValueRewrite, v: &[u8], copy: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    map_into(rewrite, v, copy, &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::Dialect;

    fn ed(rewrite: Vec<Option<ValueRewrite>>, copy: bool, dialect: Dialect) -> RowEditor {
        let last = rewrite.iter().rposition(|x| x.is_some()).expect("some");
        RowEditor {
            edited: (0..rewrite.len())
                .filter(|&i| rewrite[i].is_some())
                .collect(),
            names: (0..rewrite.len()).map(|i| format!("c{i}")).collect(),
            rewrite: rewrite.into(),
            last,
            copy,
            backslash: dialect == Dialect::Mysql,
            field: 0,
            depth: 0,
            quote: None,
            esc: false,
            prev: 0,
            done: false,
            value: Vec::new(),
            overflow: false,
            bad: None,
        }
    }

    fn run(e: &mut RowEditor, chunks: &[&[u8]]) -> (Vec<u8>, Option<BadValue>) {
        let mut out = Vec::new();
        let mut bad = None;
        for (k, c) in chunks.iter().enumerate() {
            if let Some(b) = e.row(c, k > 0, k + 1 < chunks.len(), &mut out) {
                bad.get_or_insert(b);
            }
        }
        (out, bad)
    }

    #[test]
    fn copy_rows_map_booleans_and_keep_the_rest() {
        let mut e = ed(
            vec![
                None,
                Some(ValueRewrite::Bool),
                None,
                Some(ValueRewrite::Bool),
            ],
            true,
            Dialect::Postgres,
        );
        assert_eq!(run(&mut e, &[b"1\t0\ta\\tb\t1\n"]).0, b"1\tf\ta\\tb\tt\n");
        assert_eq!(run(&mut e, &[b"2\t\\N\tx\t0\n"]).0, b"2\t\\N\tx\tf\n");
        // in fragments, split inside the edited value
        assert_eq!(
            run(&mut e, &[b"3\t", b"1", b"\tyy\t", b"0\n"]).0,
            b"3\tt\tyy\tf\n"
        );
        let (out, bad) = run(&mut e, &[b"4\t2\tz\t1\n"]);
        assert_eq!(out, b"4\t2\tz\tt\n");
        let bad = bad.expect("reported");
        assert_eq!((bad.column, bad.value.as_slice()), (1, &b"2"[..]));
    }

    #[test]
    fn tuples_map_booleans_outside_strings() {
        let mut e = ed(
            vec![
                None,
                Some(ValueRewrite::Bool),
                None,
                Some(ValueRewrite::Bool),
            ],
            false,
            Dialect::Mysql,
        );
        let (out, bad) = run(&mut e, &[b",(1,0,'a,b\\',c)',1)"]);
        assert_eq!(out, b",(1,false,'a,b\\',c)',true)");
        assert!(bad.is_none());
        let (out, _) = run(&mut e, &[b"\n(", b"2, NU", b"LL, f(1,2), 1)"]);
        assert_eq!(out, b"\n(2, NULL, f(1,2), true)");
        let mut p = ed(
            vec![Some(ValueRewrite::TzToUtc), Some(ValueRewrite::Bool)],
            false,
            Dialect::Postgres,
        );
        let (out, _) = run(&mut p, &[b"('2024-03-01 00:30:00+02', 1)"]);
        assert_eq!(out, b"('2024-02-29 22:30:00', true)");
    }

    #[test]
    fn tuples_without_backslash_escapes() {
        // NO_BACKSLASH_ESCAPES: `'a\'` ends at its second quote, `''` is a quote
        let mut e = ed(
            vec![
                None,
                Some(ValueRewrite::Bool),
                None,
                Some(ValueRewrite::Bool),
            ],
            false,
            Dialect::Mysql,
        );
        e.backslash = false;
        let (out, bad) = run(&mut e, &[b",(1,0,'C:\\',1)"]);
        assert_eq!(out, b",(1,false,'C:\\',true)");
        assert!(bad.is_none());
        let (out, bad) = run(&mut e, &[b"(2,1,'it''s \\'', x',0)"]);
        assert_eq!(out, b"(2,true,'it''s \\'', x',false)");
        assert!(bad.is_none());
        // in fragments, cut right after the backslash
        let (out, bad) = run(&mut e, &[b"(3,1,'x\\", b"',1)"]);
        assert_eq!(out, b"(3,true,'x\\',true)");
        assert!(bad.is_none());
        // read with escapes, the string swallows the last value: left unmapped
        let mut esc = ed(
            vec![
                None,
                Some(ValueRewrite::Bool),
                None,
                Some(ValueRewrite::Bool),
            ],
            false,
            Dialect::Mysql,
        );
        let (out, _) = run(&mut esc, &[b",(1,0,'C:\\',1)"]);
        assert_eq!(out, b",(1,false,'C:\\',1)");
    }

    #[test]
    fn long_values_are_reported_not_mangled() {
        let mut e = ed(
            vec![Some(ValueRewrite::Bool), None],
            true,
            Dialect::Postgres,
        );
        let long = vec![b'7'; 200];
        let mut row = long.clone();
        row.extend_from_slice(b"\tx\n");
        let (out, bad) = run(&mut e, &[&row[..100], &row[100..]]);
        assert_eq!(out, row);
        assert!(bad.is_some());
    }

    /// The byte ranges of all tab-separated fields of `line`, the plain way.
    fn tab_fields(line: &[u8]) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        let mut st = 0;
        for (i, &b) in line.iter().enumerate() {
            if b == b'\t' {
                v.push((st, i));
                st = i + 1;
            }
        }
        v.push((st, line.len()));
        v
    }

    /// A small deterministic pseudo-random sequence (xorshift64).
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    /// One COPY line rewritten the plain way: split at the tabs, each edited field
    /// mapped (or kept and reported), joined again.
    fn plain_line(rewrite: &[Option<ValueRewrite>], line: &[u8]) -> (Vec<u8>, Option<usize>) {
        let mut body = line.strip_suffix(b"\n").unwrap_or(line);
        let mut end = &line[body.len()..];
        if let Some(b) = body.strip_suffix(b"\r") {
            body = b;
            end = &line[body.len()..];
        }
        let (mut out, mut bad) = (Vec::new(), None);
        for (i, (a, b)) in tab_fields(body).into_iter().enumerate() {
            if i > 0 {
                out.push(b'\t');
            }
            let v = &body[a..b];
            match rewrite.get(i).copied().flatten() {
                Some(x) if map_into(x, v, true, &mut out) => {}
                Some(_) => {
                    bad.get_or_insert(i);
                    out.extend_from_slice(v);
                }
                None => out.extend_from_slice(v),
            }
        }
        out.extend_from_slice(end);
        (out, bad)
    }

    #[test]
    fn copy_lines_match_plain_split_across_blocks() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let edits: [&[usize]; 5] = [&[0], &[3], &[1, 7, 8], &[0, 20, 40], &[63, 64, 65]];
        for len in 0..300 {
            for density in [2u64, 5, 17, 64] {
                let mut line: Vec<u8> = (0..len)
                    .map(|i| {
                        let r = next();
                        if r.is_multiple_of(density) || (i % 64 == 63 && r.is_multiple_of(3)) {
                            b'\t'
                        } else if r.is_multiple_of(7) {
                            b'0' + (r % 2) as u8
                        } else {
                            b'a' + (r % 26) as u8
                        }
                    })
                    .collect();
                if next().is_multiple_of(4) {
                    line.push(b'\r');
                }
                for edited in edits {
                    let mut rewrite = vec![None; 66];
                    for &f in edited {
                        rewrite[f] = Some(ValueRewrite::Bool);
                    }
                    let (want, want_bad) = plain_line(&rewrite, &line);
                    // alone without a line feed, and followed by other lines
                    let mut rows = line.clone();
                    rows.extend_from_slice(b"\n0\t1\t\\N\n");
                    let mut then = plain_line(&rewrite, &rows[..=line.len()]).0;
                    then.extend_from_slice(&plain_line(&rewrite, b"0\t1\t\\N\n").0);
                    for (input, want) in [(&line, &want), (&rows, &then)] {
                        if input.is_empty() {
                            continue; // no line at all
                        }
                        let mut e = ed(rewrite.clone(), true, Dialect::Postgres);
                        let (mut got, mut bad) = (Vec::new(), Vec::new());
                        let r = copy_lines_portable(&mut e, input, &mut got, &mut bad, None);
                        let lines = 1 + u64::from(input.len() > line.len());
                        assert_eq!(r, (lines, None), "{len} {density}");
                        assert_eq!(&got, want, "portable {len} {density} {edited:?}");
                        let first = bad.first().filter(|b| b.0 == 0).map(|b| b.2.column);
                        assert_eq!(first, want_bad, "portable {len} {density} {edited:?}");
                        let (mut got2, mut bad2) = (Vec::new(), Vec::new());
                        e.copy_lines(input, &mut got2, &mut bad2, None);
                        assert_eq!((got2, bad2), (got, bad), "dispatched {len} {density}");
                    }
                }
            }
        }
    }

    #[test]
    fn copy_lines_equal_rows_streamed_one_by_one() {
        let mut rng = xorshift(0x9e37_79b9_7f4a_7c15);
        let mut next = move |n: u64| rng() % n;
        let values: [&[u8]; 12] = [
            b"0",
            b"1",
            b"\\N",
            b"2",
            b"2024-03-01 00:30:00.5+02",
            b"2024-03-05 23:30:00+02",
            b"2024-03-05 22:30:00.25-03",
            b"2020-06-13 19:49:49+00",
            b"text with \\t an escape",
            b"",
            b"x\r",
            b"0123456789012345678901234567890123456789012345678901234567890123456789",
        ];
        let rewrites = [
            vec![
                None,
                Some(ValueRewrite::Bool),
                None,
                Some(ValueRewrite::TzToUtc),
            ],
            vec![Some(ValueRewrite::Bool)],
            vec![
                None,
                None,
                None,
                None,
                None,
                None,
                Some(ValueRewrite::TzToUtc),
            ],
            vec![
                Some(ValueRewrite::TzToUtc),
                None,
                Some(ValueRewrite::Bool),
                Some(ValueRewrite::Bool),
                None,
                None,
            ],
        ];
        for rewrite in rewrites {
            let mut reported = 0;
            for _ in 0..200 {
                let mut run = Vec::new();
                for _ in 0..next(12) {
                    let fields = next(rewrite.len() as u64 + 3);
                    for f in 0..fields {
                        if f > 0 {
                            run.push(b'\t');
                        }
                        run.extend_from_slice(values[next(values.len() as u64) as usize]);
                    }
                    if next(4) == 0 {
                        run.push(b'\r');
                    }
                    run.push(b'\n');
                }
                if next(3) == 0 {
                    run.extend_from_slice(b"1\t0");
                }
                // each line in two fragments: the streaming path, which shares no
                // code with the whole-line one
                let mut one = ed(rewrite.clone(), true, Dialect::Postgres);
                let (mut want, mut want_bad) = (Vec::new(), Vec::new());
                let (mut at, mut line) = (0, 0u64);
                while at < run.len() {
                    let end = memchr::memchr(b'\n', &run[at..]).map_or(run.len(), |j| at + j + 1);
                    let cut = at + next((end - at) as u64 + 1) as usize;
                    let first = one.row(&run[at..cut], false, true, &mut want);
                    let second = one.row(&run[cut..end], true, false, &mut want);
                    if let Some(b) = first.or(second) {
                        want_bad.push((line, at as u64, b));
                    }
                    at = end;
                    line += 1;
                }
                let mut all = ed(rewrite.clone(), true, Dialect::Postgres);
                let (mut got, mut got_bad) = (Vec::new(), Vec::new());
                let (lines, stop) = all.copy_lines(&run, &mut got, &mut got_bad, None);
                assert_eq!((lines, stop), (line, None));
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&want),
                    "{:?}",
                    String::from_utf8_lossy(&run)
                );
                assert_eq!(got_bad, want_bad);
                reported += got_bad.len();
            }
            assert!(reported > 0, "some values did not map");
        }
    }
}
