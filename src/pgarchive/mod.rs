//! pg_dump archives (custom `-Fc`, tar `-Ft`, directory `-Fd`) read without a
//! server: the header and table of contents ([`read`]), the data of each entry in
//! the order it is stored (never seeking: the input can be a pipe, and archives
//! written to stdout have no data offsets), and the SQL script that `pg_restore -f -`
//! writes for them ([`restore`]), byte for byte for archives of pg_dump 15, 17
//! and 18.
//!
//! Data blocks are decompressed as streams (zlib for gzip, LZ4 frames, zstd): no
//! block is held whole, whatever the size of a table.
//!
//! Written too: the custom format from a plain PostgreSQL script ([`write`]), and the
//! Mendix backup that holds one ([`mendix`]).

pub mod data;
pub mod mendix;
pub mod read;
pub mod restore;
pub mod write;

use std::fmt;

/// How the archive is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `pg_dump -Fc`: one file, data blocks after the TOC.
    Custom,
    /// `pg_dump -Ft`: a tar of `toc.dat` and one member per table.
    Tar,
    /// `pg_dump -Fd`: a directory of `toc.dat` and one file per table.
    Directory,
}

impl Format {
    /// The code in the header.
    pub fn code(self) -> u8 {
        match self {
            Format::Custom => 1,
            Format::Tar => 3,
            Format::Directory => 5,
        }
    }

    /// The name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Custom => "custom",
            Format::Tar => "tar",
            Format::Directory => "directory",
        }
    }
}

/// The compression of the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// Stored as is.
    None,
    /// zlib streams (custom format), gzip files (directory format).
    Gzip,
    /// LZ4 frames.
    Lz4,
    /// zstd frames.
    Zstd,
}

impl Compression {
    /// The name pg_dump uses.
    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Lz4 => "lz4",
            Compression::Zstd => "zstd",
        }
    }
}

/// The archive header.
#[derive(Clone, Debug)]
pub struct Header {
    /// Archive version (major, minor, revision): 1.14 for pg_dump 15, 1.16 for 17.
    pub version: (u8, u8, u8),
    /// Bytes of an integer.
    pub int_size: u8,
    /// Bytes of an offset.
    pub off_size: u8,
    /// The layout.
    pub format: Format,
    /// The compression of data blocks.
    pub compression: Compression,
    /// Creation time as `struct tm` fields (sec, min, hour, mday, mon, year, isdst).
    pub created: [i64; 7],
    /// The database dumped.
    pub dbname: Option<Vec<u8>>,
    /// The server's version string.
    pub remote_version: Option<Vec<u8>>,
    /// pg_dump's version string.
    pub dump_version: Option<Vec<u8>>,
}

impl Header {
    /// The major version of the pg_dump that wrote the archive (from its version
    /// string, else from the archive version).
    pub fn dump_major(&self) -> u32 {
        let from_text = self.dump_version.as_deref().and_then(|v| {
            let digits: Vec<u8> = v.iter().copied().take_while(u8::is_ascii_digit).collect();
            std::str::from_utf8(&digits).ok()?.parse::<u32>().ok()
        });
        from_text.unwrap_or(match (self.version.0, self.version.1) {
            (1, 16) => 17,
            (1, 15) => 16,
            (1, 14) => 12,
            _ => 11,
        })
    }

    /// Whether the pg_restore of the release that wrote the archive writes
    /// `\restrict KEY` / `\unrestrict KEY` around its script: added in 18 and in the
    /// minor releases of August 2025 (17.6, 16.10, 15.14, 14.19, 13.22). A version
    /// string that does not say (an archive written by dumpfix) gets them, as a current
    /// pg_restore writes them.
    pub fn writes_restrict(&self) -> bool {
        let Some(v) = self.dump_version.as_deref() else {
            return true;
        };
        let text = String::from_utf8_lossy(v);
        let mut parts = text
            .split(|c: char| !c.is_ascii_digit())
            .map(|p| p.parse::<u32>().ok());
        let (Some(Some(major)), Some(minor)) = (parts.next(), parts.next()) else {
            return true;
        };
        // "18devel", "17beta1": no minor number, a version with the feature
        let minor = minor.unwrap_or(u32::MAX);
        match major {
            18.. => true,
            17 => minor >= 6,
            16 => minor >= 10,
            15 => minor >= 14,
            14 => minor >= 19,
            13 => minor >= 22,
            _ => false,
        }
    }

    /// `1.16` for messages.
    pub fn version_text(&self) -> String {
        format!("{}.{}", self.version.0, self.version.1)
    }
}

/// One entry of the table of contents.
#[derive(Clone, Debug, Default)]
pub struct TocEntry {
    /// Its dump ID (data blocks name it).
    pub dump_id: i64,
    /// Whether it has data (a table's rows, large objects).
    pub had_dumper: bool,
    /// Catalog OID of the object's catalog.
    pub table_oid: String,
    /// The object's OID.
    pub oid: String,
    /// Its name.
    pub tag: Option<Vec<u8>>,
    /// Its kind (`TABLE`, `TABLE DATA`, `BLOBS`, …).
    pub desc: Vec<u8>,
    /// Section: 1 none, 2 pre-data, 3 data, 4 post-data.
    pub section: i64,
    /// The SQL that creates it.
    pub defn: Option<Vec<u8>>,
    /// The SQL that drops it.
    pub drop_stmt: Option<Vec<u8>>,
    /// The `COPY … FROM stdin;` before its data.
    pub copy_stmt: Option<Vec<u8>>,
    /// Its schema.
    pub namespace: Option<Vec<u8>>,
    /// Its tablespace.
    pub tablespace: Option<Vec<u8>>,
    /// Its table access method.
    pub tableam: Option<Vec<u8>>,
    /// Its relkind (1.16), 0 when unknown.
    pub relkind: i64,
    /// Its owner.
    pub owner: Option<Vec<u8>>,
    /// Dump IDs it depends on.
    pub deps: Vec<i64>,
    /// Custom format: 1 offset not set, 2 set, 3 no data.
    pub data_state: u8,
    /// Tar and directory formats: the member or file holding its data.
    pub filename: Option<Vec<u8>>,
}

impl TocEntry {
    /// Whether its kind is `d`.
    pub fn is(&self, d: &str) -> bool {
        self.desc == d.as_bytes()
    }

    /// `TABLE DATA public.t1 (entry 3456)` for messages.
    pub fn describe(&self) -> String {
        let ns = self
            .namespace
            .as_deref()
            .map(|n| format!("{}.", String::from_utf8_lossy(n)))
            .unwrap_or_default();
        format!(
            "{} {}{} (TOC entry {})",
            String::from_utf8_lossy(&self.desc),
            ns,
            String::from_utf8_lossy(self.tag.as_deref().unwrap_or_default()),
            self.dump_id
        )
    }
}

/// A malformed or truncated archive, with the byte where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveError {
    /// Byte offset in the archive (the custom file, the tar member or the file named
    /// in the message).
    pub offset: u64,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for ArchiveError {}

/// A name as pg_dump's `fmtId` writes it: bare when a lower-case identifier for
/// which `keyword` is false, else in double quotes (a `"` inside doubled).
pub(crate) fn fmt_id(name: &[u8], keyword: impl Fn(&[u8]) -> bool) -> Vec<u8> {
    let plain = name
        .first()
        .is_some_and(|&c| c.is_ascii_lowercase() || c == b'_')
        && name
            .iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        && !keyword(name);
    if plain {
        return name.to_vec();
    }
    let mut v = Vec::with_capacity(name.len() + 2);
    v.push(b'"');
    for &c in name {
        if c == b'"' {
            v.push(b'"');
        }
        v.push(c);
    }
    v.push(b'"');
    v
}
