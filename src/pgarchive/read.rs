//! The primitives of the archive format (`ReadInt`, `ReadStr`, `ReadOffset` in
//! PostgreSQL's `pg_backup_archiver.c`), the header (`ReadHead`) and the table of
//! contents (`ReadToc`), read from a stream that is never sought.

use std::io::{self, Read};

use super::{ArchiveError, Compression, Format, Header, TocEntry};

/// Archive versions read: 1.12 (PostgreSQL 9.5) to 1.16 (PostgreSQL 17 and 18).
pub const MIN_VERSION: (u8, u8) = (1, 12);
/// See [`MIN_VERSION`].
pub const MAX_VERSION: (u8, u8) = (1, 16);

/// Longest string accepted in a header or TOC entry (a view or function body can be
/// long; a length beyond this is a corrupt archive, not a definition).
const MAX_STR: u64 = 1 << 30;

/// A reader that counts the bytes it consumed, for error messages.
pub struct Reader<R> {
    inner: R,
    /// Bytes consumed so far.
    pub pos: u64,
    /// Bytes of an integer (after its sign byte); 4 on every platform pg_dump runs on.
    pub int_size: usize,
    /// Bytes of a data offset.
    pub off_size: usize,
}

impl<R: Read> Reader<R> {
    /// Wrap `inner`, positioned at byte `pos` of the archive.
    pub fn new(inner: R, pos: u64) -> Self {
        Reader {
            inner,
            pos,
            int_size: 4,
            off_size: 8,
        }
    }

    /// The error for `what` at the current position.
    pub fn err(&self, what: impl Into<String>) -> ArchiveError {
        ArchiveError {
            offset: self.pos,
            message: what.into(),
        }
    }

    fn io_err(&self, e: io::Error, what: &str) -> ArchiveError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            self.err(format!("the archive ends inside {what} (truncated?)"))
        } else {
            self.err(format!("cannot read {what}: {e}"))
        }
    }

    /// Fill `buf` exactly; `what` names the thing for the error.
    pub fn exact(&mut self, buf: &mut [u8], what: &str) -> Result<(), ArchiveError> {
        let mut filled = 0;
        while filled < buf.len() {
            match self.inner.read(&mut buf[filled..]) {
                Ok(0) => {
                    self.pos += filled as u64;
                    return Err(self.io_err(io::ErrorKind::UnexpectedEof.into(), what));
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.pos += filled as u64;
                    return Err(self.io_err(e, what));
                }
            }
        }
        self.pos += buf.len() as u64;
        Ok(())
    }

    /// One byte, or `None` at the end of the input.
    pub fn byte_or_eof(&mut self) -> Result<Option<u8>, ArchiveError> {
        let mut b = [0u8; 1];
        loop {
            match self.inner.read(&mut b) {
                Ok(0) => return Ok(None),
                Ok(_) => {
                    self.pos += 1;
                    return Ok(Some(b[0]));
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.io_err(e, "a block header")),
            }
        }
    }

    /// One byte.
    pub fn byte(&mut self, what: &str) -> Result<u8, ArchiveError> {
        let mut b = [0u8; 1];
        self.exact(&mut b, what)?;
        Ok(b[0])
    }

    /// `ReadInt`: a sign byte (non-zero: negative), then `int_size` bytes, least
    /// significant first.
    pub fn int(&mut self, what: &str) -> Result<i64, ArchiveError> {
        let start = self.pos;
        let sign = self.byte(what)?;
        let mut buf = [0u8; 32];
        let n = self.int_size;
        self.exact(&mut buf[..n], what)?;
        let mut mag: u64 = 0;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == 0 {
                continue;
            }
            if i >= 8 || (i == 7 && b > 0x7f) {
                return Err(ArchiveError {
                    offset: start,
                    message: format!("{what}: integer out of range"),
                });
            }
            mag |= u64::from(b) << (8 * i);
        }
        // below 2^63 by the check above
        let v = mag as i64;
        Ok(if sign != 0 { -v } else { v })
    }

    /// `ReadStr`: a length ([`Reader::int`]), then that many bytes; a negative length
    /// is NULL.
    pub fn str(&mut self, what: &str) -> Result<Option<Vec<u8>>, ArchiveError> {
        let start = self.pos;
        let len = self.int(what)?;
        if len < 0 {
            return Ok(None);
        }
        let len = len as u64;
        if len > MAX_STR {
            return Err(ArchiveError {
                offset: start,
                message: format!("{what}: a string of {len} bytes (corrupt archive?)"),
            });
        }
        let mut v = Vec::new();
        // Grown as the bytes arrive: a corrupt length cannot allocate ahead of them.
        let got = (&mut self.inner)
            .take(len)
            .read_to_end(&mut v)
            .map_err(|e| self.io_err(e, what))?;
        self.pos += got as u64;
        if (got as u64) < len {
            return Err(self.err(format!("the archive ends inside {what} (truncated?)")));
        }
        Ok(Some(v))
    }

    /// `ReadOffset`: a flag byte (1 not set, 2 set, 3 no data), then `off_size`
    /// bytes, least significant first.
    pub fn offset(&mut self, what: &str) -> Result<(u8, u64), ArchiveError> {
        let start = self.pos;
        let flag = self.byte(what)?;
        if !(1..=3).contains(&flag) {
            return Err(ArchiveError {
                offset: start,
                message: format!("unexpected data offset flag {flag}"),
            });
        }
        let mut buf = [0u8; 32];
        let n = self.off_size;
        self.exact(&mut buf[..n], what)?;
        let mut o: u64 = 0;
        for (i, &b) in buf[..n].iter().enumerate() {
            if i < 8 {
                o |= u64::from(b) << (8 * i);
            } else if b != 0 {
                return Err(ArchiveError {
                    offset: start,
                    message: "file offset in dump file is too large".into(),
                });
            }
        }
        Ok((flag, o))
    }

    /// The wrapped reader (for data blocks).
    pub fn inner(&mut self) -> &mut R {
        &mut self.inner
    }
}

/// A string of the TOC as text for messages and numbers.
fn text(v: &Option<Vec<u8>>) -> String {
    v.as_deref()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default()
}

/// `ReadHead`: the magic `PGDMP`, the version, sizes, format, compression, the
/// creation time, the database name and the server and pg_dump versions.
pub fn read_header<R: Read>(r: &mut Reader<R>, want: Format) -> Result<Header, ArchiveError> {
    let mut magic = [0u8; 5];
    r.exact(&mut magic, "the header")?;
    if &magic != b"PGDMP" {
        return Err(ArchiveError {
            offset: 0,
            message: "did not find the magic string PGDMP in the header".into(),
        });
    }
    let vmaj = r.byte("the header")?;
    let vmin = r.byte("the header")?;
    let vrev = r.byte("the header")?;
    if (vmaj, vmin) < MIN_VERSION || (vmaj, vmin) > MAX_VERSION {
        return Err(ArchiveError {
            offset: 5,
            message: format!(
                "archive version {vmaj}.{vmin} is not read (dumpfix reads {}.{} to {}.{}, \
                 written by pg_dump 9.5 to 18)",
                MIN_VERSION.0, MIN_VERSION.1, MAX_VERSION.0, MAX_VERSION.1
            ),
        });
    }
    let int_size = r.byte("the header")?;
    if int_size == 0 || int_size > 32 {
        return Err(r.err(format!("sanity check on integer size ({int_size}) failed")));
    }
    let off_size = r.byte("the header")?;
    if off_size == 0 || off_size > 32 {
        return Err(r.err(format!("sanity check on offset size ({off_size}) failed")));
    }
    r.int_size = int_size as usize;
    r.off_size = off_size as usize;
    let at = r.pos;
    let fmt = r.byte("the header")?;
    let format = match fmt {
        1 => Format::Custom,
        3 => Format::Tar,
        5 => Format::Directory,
        _ => {
            return Err(ArchiveError {
                offset: at,
                message: format!("unknown archive format {fmt} in the header"),
            })
        }
    };
    // pg_dump -Fd writes the tar code (3) in its toc.dat
    let format = if want == Format::Directory && format == Format::Tar {
        Format::Directory
    } else {
        format
    };
    if format != want {
        return Err(ArchiveError {
            offset: at,
            message: format!(
                "expected format ({}) differs from format found in file ({})",
                want.code(),
                fmt
            ),
        });
    }
    let version = (vmaj, vmin, vrev);
    let compression = if (vmaj, vmin) >= (1, 15) {
        let at = r.pos;
        match r.byte("the header")? {
            0 => Compression::None,
            1 => Compression::Gzip,
            2 => Compression::Lz4,
            3 => Compression::Zstd,
            c => {
                return Err(ArchiveError {
                    offset: at,
                    message: format!("unknown compression algorithm {c} in the header"),
                })
            }
        }
    } else {
        match r.int("the header")? {
            0 => Compression::None,
            _ => Compression::Gzip,
        }
    };
    let mut created = [0i64; 7];
    for c in created.iter_mut() {
        *c = r.int("the header")?;
    }
    let dbname = r.str("the header")?;
    let remote_version = r.str("the header")?;
    let dump_version = r.str("the header")?;
    Ok(Header {
        version,
        int_size,
        off_size,
        format,
        compression,
        created,
        dbname,
        remote_version,
        dump_version,
    })
}

/// `ReadToc`: the entries, each followed by what the format adds (custom: the data
/// offset; tar and directory: the data file's name).
pub fn read_toc<R: Read>(r: &mut Reader<R>, h: &Header) -> Result<Vec<TocEntry>, ArchiveError> {
    let at = r.pos;
    let count = r.int("the TOC")?;
    if count < 0 {
        return Err(ArchiveError {
            offset: at,
            message: format!("negative TOC entry count {count}"),
        });
    }
    let v = (h.version.0, h.version.1);
    // No allocation from the count: entries are pushed as they are read.
    let mut toc = Vec::new();
    for _ in 0..count {
        let at = r.pos;
        let what = "a TOC entry";
        let dump_id = r.int(what)?;
        if dump_id <= 0 || dump_id > i64::from(i32::MAX) {
            return Err(ArchiveError {
                offset: at,
                message: format!("entry ID {dump_id} out of range -- perhaps a corrupt TOC"),
            });
        }
        let had_dumper = r.int(what)? != 0;
        let table_oid = text(&r.str(what)?);
        let oid = text(&r.str(what)?);
        let tag = r.str(what)?;
        let desc = r.str(what)?.unwrap_or_default();
        let section = r.int(what)?;
        let defn = r.str(what)?;
        let drop_stmt = r.str(what)?;
        let copy_stmt = r.str(what)?;
        let namespace = r.str(what)?;
        let tablespace = r.str(what)?;
        let tableam = if v >= (1, 14) { r.str(what)? } else { None };
        let relkind = if v >= (1, 16) { r.int(what)? } else { 0 };
        let owner = r.str(what)?;
        let with_oids = r.str(what)?;
        if with_oids.as_deref() == Some(b"true") {
            return Err(ArchiveError {
                offset: at,
                message: "a table WITH OIDS: restoring those is not supported anymore".into(),
            });
        }
        let mut deps = Vec::new();
        while let Some(d) = r.str(what)? {
            deps.push(
                std::str::from_utf8(&d)
                    .ok()
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .unwrap_or(0),
            );
        }
        let (data_state, filename) = match h.format {
            Format::Custom => (r.offset(what)?.0, None),
            Format::Tar | Format::Directory => {
                let f = r.str(what)?.filter(|f| !f.is_empty());
                (0, f)
            }
        };
        toc.push(TocEntry {
            dump_id,
            had_dumper,
            table_oid,
            oid,
            tag,
            desc,
            section,
            defn,
            drop_stmt,
            copy_stmt,
            namespace,
            tablespace,
            tableam,
            relkind,
            owner,
            deps,
            data_state,
            filename,
        });
    }
    Ok(toc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: &[u8], int_size: usize) -> Reader<&[u8]> {
        let mut r = Reader::new(bytes, 0);
        r.int_size = int_size;
        r
    }

    #[test]
    fn read_int_sign_byte_then_little_endian() {
        let mut r = reader(&[0, 0x01, 0x02, 0, 0, 1, 0x05, 0, 0, 0], 4);
        assert_eq!(r.int("x").ok(), Some(0x0201));
        assert_eq!(r.int("x").ok(), Some(-5));
        assert_eq!(r.pos, 10);
        // 8-byte integers
        let mut r = reader(&[0, 0, 0, 0, 0, 1, 0, 0, 0], 8);
        assert_eq!(r.int("x").ok(), Some(1 << 32));
        // an OID above 2^31 is written as a negative int; the reader gives it back
        let mut r = reader(&[1, 0x00, 0x00, 0x00, 0x80], 4);
        let v = r.int("x").ok();
        assert_eq!(v.map(|v| v as i32 as u32), Some(0x8000_0000));
    }

    #[test]
    fn read_int_truncated_says_where() {
        let mut r = reader(&[0, 1, 2], 4);
        let e = r.int("the TOC").err().map(|e| (e.offset, e.message));
        assert_eq!(
            e,
            Some((
                3,
                "the archive ends inside the TOC (truncated?)".to_string()
            ))
        );
    }

    #[test]
    fn read_str_length_then_bytes_and_null() {
        let mut r = reader(
            &[
                0, 3, 0, 0, 0, b'a', b'\n', 0xff, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
            ],
            4,
        );
        assert_eq!(r.str("s").ok(), Some(Some(b"a\n\xff".to_vec())));
        assert_eq!(r.str("s").ok(), Some(None));
        assert_eq!(r.str("s").ok(), Some(Some(Vec::new())));
        // a length beyond the input
        let mut r = reader(&[0, 9, 0, 0, 0, b'a'], 4);
        let e = r.str("a TOC entry").err().map(|e| e.offset);
        assert_eq!(e, Some(6));
    }

    #[test]
    fn read_offset_flag_and_bytes() {
        let mut r = reader(
            &[2, 0x10, 0x27, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0],
            4,
        );
        assert_eq!(r.offset("o").ok(), Some((2, 10000)));
        assert_eq!(r.offset("o").ok(), Some((3, 0)));
        let mut r = reader(&[7, 0, 0, 0, 0, 0, 0, 0, 0], 4);
        assert!(r.offset("o").is_err());
    }
}
