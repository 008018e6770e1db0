//! gzip input read as `gzip -dc` reads it: every member, one after the other (pigz,
//! `cat a.gz b.gz`), and after the last member any run of zero bytes up to the end
//! (tape blocks, upload tools that pad to a block size) is padding and ignored, as
//! gzip ignores it ("trailing zero bytes ignored", said only with `-v`). Anything else
//! after a member that is not another member is an error naming its byte offset
//! (gzip warns "trailing garbage ignored" and exits 2; a dump with a stray tail is
//! not one we repair in silence).

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

use crate::error::DecodeFailure;

const BUF: usize = 128 * 1024;

/// All gzip members of `R`, decoded.
pub struct GzMembers<R: Read> {
    /// The member being read; `None` once the stream ended.
    member: Option<GzDecoder<Counted<R>>>,
    /// Says where the stream is, in error messages ("" for the input itself, else
    /// " of the tar member x").
    within: String,
}

impl<R: Read> GzMembers<R> {
    /// Decode `r`, which starts with a gzip member. `within` follows a byte offset in
    /// messages (empty when `r` is the input file itself).
    pub fn new(r: R, within: String) -> Self {
        GzMembers {
            member: Some(GzDecoder::new(Counted::new(r))),
            within,
        }
    }

    /// After a member: another member, zero padding to the end, or an error.
    /// Returns the next member's decoder, or `None` at the end.
    fn next_member(&self, mut r: Counted<R>) -> io::Result<Option<GzDecoder<Counted<R>>>> {
        let end = r.pos;
        let head = r.fill_at_least(2)?;
        if head.is_empty() {
            return Ok(None);
        }
        if head.starts_with(&[0x1f, 0x8b]) {
            return Ok(Some(GzDecoder::new(r)));
        }
        // Zeros to the end are padding.
        loop {
            let buf = r.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            match buf.iter().position(|&b| b != 0) {
                None => {
                    let n = buf.len();
                    r.consume(n);
                }
                Some(k) => {
                    r.consume(k);
                    let at = r.pos;
                    let shown: String = r
                        .fill_at_least(4)?
                        .iter()
                        .take(4)
                        .map(|b| format!("{b:02x}"))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let within = &self.within;
                    let msg = if at == end {
                        format!(
                            "not gzip data after the gzip member that ends at byte {end}{within}: \
                             found {shown} at byte {at}{within} (another member starts with 1f 8b; \
                             only zero bytes may pad the end)"
                        )
                    } else {
                        format!(
                            "not gzip data after the gzip member that ends at byte {end}{within}: \
                             zero bytes, then {shown} at byte {at}{within} (only zero bytes may \
                             pad the end)"
                        )
                    };
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        DecodeFailure(msg),
                    ));
                }
            }
        }
    }
}

impl<R: Read> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(member) = self.member.as_mut() else {
                return Ok(0);
            };
            let n = member.read(buf)?;
            if n > 0 {
                return Ok(n);
            }
            // The member ended (its CRC and size checked).
            let Some(member) = self.member.take() else {
                return Ok(0);
            };
            self.member = self.next_member(member.into_inner())?;
        }
    }
}

/// A buffered reader that counts the bytes consumed, so that a member's end is known
/// to the byte, and can hold a few bytes to look at before consuming them.
struct Counted<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Bytes consumed from the stream.
    pos: u64,
}

impl<R: Read> Counted<R> {
    fn new(inner: R) -> Self {
        Counted {
            inner,
            buf: vec![0; BUF],
            start: 0,
            end: 0,
            pos: 0,
        }
    }

    /// At least `n` buffered bytes (fewer only at the end of the stream).
    fn fill_at_least(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.start < n {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => break,
                Ok(k) => self.end += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(&self.buf[self.start..self.end])
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
            loop {
                match self.inner.read(&mut self.buf) {
                    Ok(k) => {
                        self.end = k;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.start += n;
        self.pos += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// Decode `input` reading `step` bytes at a time from it.
    fn decode(input: &[u8], step: usize) -> io::Result<Vec<u8>> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
                let n = b.len().min(self.1).min(self.0.len());
                b[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        GzMembers::new(Trickle(input, step), String::new()).read_to_end(&mut out)?;
        Ok(out)
    }

    fn message(e: &io::Error) -> String {
        e.get_ref().map(|i| i.to_string()).unwrap_or_default()
    }

    #[test]
    fn members_then_zero_padding() {
        let mut two = gz(b"first ");
        two.extend(gz(b"second"));
        for zeros in [0, 1, 2, 512, 10 * 1024, 300 * 1024] {
            let mut input = two.clone();
            input.resize(two.len() + zeros, 0);
            for step in [1, 2, 3, 7, 4096, usize::MAX] {
                assert_eq!(
                    decode(&input, step).unwrap(),
                    b"first second",
                    "{zeros} zeros, read by {step}"
                );
            }
        }
    }

    #[test]
    fn garbage_after_a_member_names_its_byte() {
        let one = gz(b"text");
        let n = one.len();
        for step in [1, 5, usize::MAX] {
            let mut input = one.clone();
            input.extend_from_slice(b"garbage");
            let m = message(&decode(&input, step).unwrap_err());
            assert!(m.contains(&format!("ends at byte {n}")), "{m}");
            assert!(m.contains(&format!("67 61 72 62 at byte {n}")), "{m}");

            let mut input = one.clone();
            input.extend_from_slice(&[0, 0, 0, b'x']);
            let m = message(&decode(&input, step).unwrap_err());
            assert!(
                m.contains(&format!("zero bytes, then 78 at byte {}", n + 3)),
                "{m}"
            );

            // Zeros, then another member: not padding either (gzip agrees).
            let mut input = one.clone();
            input.extend_from_slice(&[0; 10]);
            input.extend(gz(b"more"));
            let m = message(&decode(&input, step).unwrap_err());
            assert!(
                m.contains(&format!("1f 8b 08 00 at byte {}", n + 10)),
                "{m}"
            );
        }
    }

    #[test]
    fn a_cut_member_is_an_error() {
        let mut two = gz(b"first ");
        let second = gz(b"second");
        two.extend_from_slice(&second[..second.len() - 3]);
        assert!(decode(&two, usize::MAX).is_err());
        // A lone 0x1f at the end is not a member either.
        let mut one = gz(b"x");
        one.push(0x1f);
        assert!(decode(&one, 1).is_err());
    }
}
