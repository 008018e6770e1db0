//! The Mendix backup archive: `files_and_database-….tar.gz`, as the Mendix Cloud
//! and Private Cloud portals download and restore it.
//!
//! A gzip tar holding `.metadata` (a JSON object whose values are all strings),
//! `db/db.backup` (a `pg_dump -O -x -Fc` archive of version 1.14 or lower: Mendix
//! restores it with pg_restore 15 as `pg_restore --clean --if-exists -O -n public -x`)
//! and `tree/<xx>/<yy>/<uuid>` (the uploaded files, named by their uuid, `xx` and `yy`
//! its first two pairs of characters; older backups have them flat as `tree/<uuid>`).
//!
//! `mendix pack` writes `.metadata` first, then `db/db.backup` (made beforehand by
//! `fix`'s pipeline into a spool file, since a tar header states its size), then
//! the files, each streamed from its file into the tar: the tree is never held, nor
//! copied. `mendix verify` reads an archive to its end and checks each part
//! ([`verify`]); `mendix unpack` extracts it.
//!
//! What `.metadata` holds is not published by Mendix. What dumpfix writes (all
//! values strings, sizes in bytes): `dumpSize` (the size of `db/db.backup`),
//! `filesSize` (the sum of the sizes of the files under `tree/`), `databaseSize`
//! (the bytes of SQL the archive restores: its definitions and its data, uncompressed;
//! Mendix's own backups seem to give the database's size on the server, which cannot
//! be known without one), `modelVersion` (`--model-version`, default `1.0.0.0`) and
//! `duration` (seconds taken to make the database archive).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::finding::{Finding, Fix, Meta, Severity};

/// Archive versions, as `ReadHead` composes them.
const fn version(minor: u32) -> u32 {
    (1 << 16) | (minor << 8)
}
const V1_12: u32 = version(12);
const V1_14: u32 = version(14);
const V1_15: u32 = version(15);
const V1_16: u32 = version(16);
const BLK_DATA: u8 = 1;
const BLK_BLOBS: u8 = 3;
/// The most bytes of `.metadata` read (it is a few hundred bytes).
const MAX_METADATA: u64 = 1 << 20;

/// X001: an entry of the archive that is not a regular file or folder, or has an
/// unsafe or unexpected name.
pub static BAD_ENTRY: Meta = Meta {
    code: "X001",
    name: "mendix-bad-entry",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "Mendix backup: a link, device, absolute path, `..`, or a name outside .metadata, db/, tree/",
    doc: r#"## What it does
`mendix verify` reads every entry of a Mendix backup archive
(`files_and_database-….tar.gz`): it must be a regular file or folder, with a relative
name without `..`, and be `.metadata`, `db/db.backup` or under `tree/`.

## Why it matters
The Mendix portal restores the database from `db/db.backup` and the files from
`tree/`; anything else is ignored at best, and a link or `..` can write outside the
folder it is unpacked into.

## Example
An archive made with `tar czf backup.tar.gz -C app .` that also holds `./model/`.

## Use instead
`dumpfix mendix pack --db DUMP --files DIR -o files_and_database.tar.gz`.

## Fix safety
Not fixable.
"#,
};

/// X002: `.metadata` missing, not a JSON object of strings, or not the sizes of the
/// archive.
pub static BAD_METADATA: Meta = Meta {
    code: "X002",
    name: "mendix-bad-metadata",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "Mendix backup: .metadata missing, not a JSON object of strings, or sizes that are not the archive's",
    doc: r#"## What it does
Checks that the archive holds `.metadata`, a JSON object whose values are all
strings, and that its `dumpSize` is the size of `db/db.backup` and its `filesSize`
the sum of the sizes of the files under `tree/` (when those fields are present).

## Why it matters
The Mendix portal reads `.metadata` before it restores anything; Mendix does not
publish which fields it needs, so dumpfix writes the fields of Mendix's own backups
and checks the ones it can.

## Example
`{"dumpSize": 94769}` (a number, not a string), or a `dumpSize` of a backup whose
`db/db.backup` was replaced.

## Use instead
Make the archive with `dumpfix mendix pack`.

## Fix safety
Not fixable.
"#,
};

/// X003: `db/db.backup` missing, not a custom archive, of a newer version than the
/// limit, or with a header, TOC or data that cannot be read.
pub static BAD_DB_BACKUP: Meta = Meta {
    code: "X003",
    name: "mendix-bad-db-backup",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "Mendix backup: db/db.backup missing, not a pg_dump custom archive, newer than 1.14, or unreadable",
    doc: r#"## What it does
Reads `db/db.backup` to its end as a pg_dump custom-format archive: header, table of
contents and every data block; its archive version must be at most 1.14 (pg_dump 15
and older), or what `--max-archive-version` says.

## Why it matters
Mendix restores with pg_restore 15, which refuses archives of version 1.15 and later
("unsupported version (1.16) in file header"): a backup made by pg_dump 16 or newer
does not restore.

## Example
A `db.backup` made with pg_dump 17 (`Dump Version: 1.16-0`).

## Use instead
`dumpfix mendix pack` writes version 1.14 from a plain dump; `dumpfix fix --format
custom --archive-version 1.14`.

## Fix safety
Not fixable.
"#,
};

/// X004: ACL entries in `db/db.backup`.
pub static ACL_ENTRY: Meta = Meta {
    code: "X004",
    name: "mendix-acl-entry",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "Mendix backup: db/db.backup holds privileges (ACL entries): make it with pg_dump -x",
    doc: r#"## What it does
Looks for `ACL` and `DEFAULT ACL` entries in the table of contents of `db/db.backup`.

## Why it matters
Mendix backups are made with `pg_dump -O -x`: privileges name roles of the source
server, which the Mendix database does not have.

## Example
A `db.backup` made with `pg_dump -Fc` without `-x`.

## Use instead
`pg_dump -Fc -O -x`, or `dumpfix mendix pack`.

## Fix safety
Not fixable.
"#,
};

/// X005: a restorable entry outside schema `public`.
pub static NON_PUBLIC_ENTRY: Meta = Meta {
    code: "X005",
    name: "mendix-non-public-entry",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "Mendix backup: an entry of db/db.backup outside schema public, which Mendix's pg_restore -n public skips",
    doc: r#"## What it does
Lists the entries of `db/db.backup` that `pg_restore -n public` leaves out: those
of another schema and those without one (pg_dump writes large objects without a
schema).

## Why it matters
Mendix restores with `pg_restore -n public`: what is elsewhere is not restored, and
no error says so.

## Example
`BLOB - 16385` (a large object without a schema), or `TABLE audit log`.

## Use instead
Move the objects to `public`; `dumpfix mendix pack` gives large objects the schema
`public`.

## Fix safety
Not fixable.
"#,
};

/// X006: a name under `tree/` that is not `tree/<xx>/<yy>/<uuid>` or `tree/<uuid>`.
pub static BAD_TREE_NAME: Meta = Meta {
    code: "X006",
    name: "mendix-bad-tree-name",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "Mendix backup: a file under tree/ not named tree/<xx>/<yy>/<uuid> (or the older tree/<uuid>)",
    doc: r#"## What it does
Checks the name of every file under `tree/`: a uuid (36 characters, hexadecimal
digits and dashes) under folders named by its first and second pairs of characters,
`tree/ab/cd/abcdef01-…`, or directly under `tree/` as older backups have them.

## Why it matters
Mendix finds a file of a `FileDocument` by its uuid at that place: a file elsewhere is
lost to the application.

## Example
`tree/ab/abcdef01-2345-6789-abcd-ef0123456789` (one level), or `tree/cd/ab/abcd…`.

## Use instead
`dumpfix mendix pack --files DIR` places the files by their names.

## Fix safety
Not fixable.
"#,
};

/// The rules of `mendix verify`.
pub const RULES: [&Meta; 6] = [
    &BAD_ENTRY,
    &BAD_METADATA,
    &BAD_DB_BACKUP,
    &ACL_ENTRY,
    &NON_PUBLIC_ENTRY,
    &BAD_TREE_NAME,
];

/// A file's name is a uuid: 8-4-4-4-12 hexadecimal digits.
pub fn is_uuid(name: &[u8]) -> bool {
    name.len() == 36
        && name.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// The place of the file `uuid` in the archive.
pub fn tree_name(uuid: &str) -> String {
    format!("tree/{}/{}/{uuid}", &uuid[..2], &uuid[2..4])
}

/// A file of the tree: where it is, and its uuid.
#[derive(Clone, Debug)]
pub struct TreeFile {
    /// The file.
    pub path: PathBuf,
    /// Its name (a uuid).
    pub uuid: String,
    /// Its size when listed.
    pub size: u64,
}

/// The files under `dir` (flat or in folders), sorted by name. A file whose name is
/// not a uuid, a link, or the same uuid twice is an error.
pub fn list_tree(dir: &Path) -> Result<Vec<TreeFile>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let rerr = |p: &Path, e: io::Error| Error::Read {
        path: p.display().to_string(),
        source: e,
    };
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| rerr(&d, e))? {
            let entry = entry.map_err(|e| rerr(&d, e))?;
            let path = entry.path();
            let ft = entry.file_type().map_err(|e| rerr(&path, e))?;
            if ft.is_dir() {
                stack.push(path);
                continue;
            }
            if !ft.is_file() {
                return Err(Error::Usage(format!(
                    "{}: not a regular file (links, devices and FIFOs are not packed)",
                    path.display()
                )));
            }
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !is_uuid(name.as_bytes()) {
                return Err(Error::Usage(format!(
                    "{}: a file of the Mendix tree is named by its uuid (8-4-4-4-12 hexadecimal digits), not {name:?}",
                    path.display()
                )));
            }
            let size = entry.metadata().map_err(|e| rerr(&path, e))?.len();
            out.push(TreeFile {
                path,
                uuid: name.to_ascii_lowercase(),
                size,
            });
        }
    }
    out.sort_by(|a, b| a.uuid.cmp(&b.uuid));
    if let Some(w) = out.windows(2).find(|w| w[0].uuid == w[1].uuid) {
        return Err(Error::Usage(format!(
            "{} and {}: the same uuid twice",
            w[0].path.display(),
            w[1].path.display()
        )));
    }
    Ok(out)
}

/// `.metadata`: a JSON object of strings, in a fixed order.
pub fn metadata_json(fields: &[(&str, String)]) -> Vec<u8> {
    let map: serde_json::Map<String, serde_json::Value> = fields
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::to_vec(&serde_json::Value::Object(map)).unwrap_or_default()
}

fn header(size: u64, mode: u32, dir: bool) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_size(size);
    h.set_mode(mode);
    h.set_mtime(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    );
    h.set_entry_type(if dir {
        tar::EntryType::Directory
    } else {
        tar::EntryType::Regular
    });
    h
}

/// Write the tar of a backup to `out`: `.metadata`, `db/db.backup` (read from
/// `db`), then the tree's files. A file that changed size since it was listed is an
/// error (the metadata gave its size).
pub fn write_tar<W: Write>(
    out: W,
    metadata: &[u8],
    db: &mut File,
    db_size: u64,
    tree: &[TreeFile],
) -> io::Result<W> {
    let mut tar = tar::Builder::new(out);
    tar.mode(tar::HeaderMode::Deterministic);
    tar.append_data(
        &mut header(metadata.len() as u64, 0o644, false),
        ".metadata",
        metadata,
    )?;
    tar.append_data(&mut header(0, 0o755, true), "db/", io::empty())?;
    tar.append_data(&mut header(db_size, 0o644, false), "db/db.backup", &mut *db)?;
    tar.append_data(&mut header(0, 0o755, true), "tree/", io::empty())?;
    let mut dirs: (String, String) = (String::new(), String::new());
    for f in tree {
        let (a, b) = (&f.uuid[..2], &f.uuid[2..4]);
        if dirs.0 != a {
            tar.append_data(
                &mut header(0, 0o755, true),
                format!("tree/{a}/"),
                io::empty(),
            )?;
            dirs = (a.to_string(), String::new());
        }
        if dirs.1 != b {
            tar.append_data(
                &mut header(0, 0o755, true),
                format!("tree/{a}/{b}/"),
                io::empty(),
            )?;
            dirs.1 = b.to_string();
        }
        let file = File::open(&f.path)?;
        let now = file.metadata()?.len();
        if now != f.size {
            return Err(io::Error::other(format!(
                "{} changed size while packing ({} bytes, then {now})",
                f.path.display(),
                f.size
            )));
        }
        tar.append_data(
            &mut header(f.size, 0o644, false),
            tree_name(&f.uuid),
            file.take(f.size),
        )?;
    }
    tar.into_inner()
}

/// What was read of a custom archive.
#[derive(Debug, Default)]
pub struct ArchiveInfo {
    /// Major, minor, revision.
    pub version: (u8, u8, u8),
    /// TOC entries: (desc, tag, namespace).
    pub entries: Vec<(String, String, Option<String>)>,
    /// Bytes of the definitions and the data, uncompressed.
    pub sql_bytes: u64,
}

struct Rd<R: Read> {
    r: R,
    int_size: usize,
    off_size: usize,
    pos: u64,
}

impl<R: Read> Rd<R> {
    fn bytes(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut v = vec![0; n];
        self.r.read_exact(&mut v)?;
        self.pos += n as u64;
        Ok(v)
    }
    fn byte(&mut self) -> io::Result<u8> {
        Ok(self.bytes(1)?[0])
    }
    /// `ReadInt`: a sign byte, then `int_size` bytes, least significant first.
    fn int(&mut self) -> io::Result<i64> {
        let b = self.bytes(1 + self.int_size)?;
        let mut v: i64 = 0;
        for (k, &x) in b[1..].iter().enumerate() {
            if k < 8 {
                v |= i64::from(x) << (8 * k);
            }
        }
        Ok(if b[0] != 0 { -v } else { v })
    }
    fn str(&mut self) -> io::Result<Option<Vec<u8>>> {
        let n = self.int()?;
        if n < 0 {
            return Ok(None);
        }
        if n > 1 << 30 {
            return Err(io::Error::other(format!(
                "a string of {n} bytes at byte {}",
                self.pos
            )));
        }
        self.bytes(n as usize).map(Some)
    }
}

fn bad(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

/// Read a custom archive from `r` to its end: header, TOC, then every data block in
/// order (inflating zlib blocks), as written to a file (offsets set or not).
pub fn read_archive<R: Read>(r: R) -> io::Result<ArchiveInfo> {
    let mut rd = Rd {
        r,
        int_size: 4,
        off_size: 8,
        pos: 0,
    };
    let magic = rd.bytes(5)?;
    if magic != b"PGDMP" {
        return Err(bad("not a pg_dump custom archive (no PGDMP magic)".into()));
    }
    let (maj, min, rev) = (rd.byte()?, rd.byte()?, rd.byte()?);
    let v = (u32::from(maj) << 16) | (u32::from(min) << 8) | u32::from(rev);
    let mut info = ArchiveInfo {
        version: (maj, min, rev),
        ..ArchiveInfo::default()
    };
    if !(V1_12..version(17)).contains(&v) {
        return Err(bad(format!(
            "archive version {maj}.{min} is not one dumpfix reads (1.12 to 1.16)"
        )));
    }
    rd.int_size = usize::from(rd.byte()?);
    rd.off_size = usize::from(rd.byte()?);
    if !(1..=8).contains(&rd.int_size) || !(1..=8).contains(&rd.off_size) {
        return Err(bad("impossible integer or offset size in the header".into()));
    }
    let format = rd.byte()?;
    if format != 1 {
        return Err(bad(format!("archive format {format} is not custom (1)")));
    }
    let compressed = if v >= V1_15 {
        match rd.byte()? {
            0 => false,
            1 => true,
            a => {
                return Err(bad(format!(
                    "data compressed with algorithm {a} (lz4 or zstd), which Mendix's pg_restore cannot read"
                )))
            }
        }
    } else {
        rd.int()? != 0
    };
    for _ in 0..7 {
        rd.int()?;
    }
    for _ in 0..3 {
        rd.str()?;
    }
    let count = rd.int()?;
    if !(0..=10_000_000).contains(&count) {
        return Err(bad(format!("{count} TOC entries")));
    }
    for _ in 0..count {
        let id = rd.int()?;
        if id <= 0 {
            return Err(bad(format!("TOC entry id {id}")));
        }
        rd.int()?; // hadDumper
        rd.str()?; // tableoid
        rd.str()?; // oid
        let tag = rd.str()?.unwrap_or_default();
        let desc = rd.str()?.unwrap_or_default();
        rd.int()?; // section
        let defn = rd.str()?.unwrap_or_default();
        info.sql_bytes += defn.len() as u64;
        rd.str()?; // drop
        rd.str()?; // copy
        let ns = rd.str()?;
        rd.str()?; // tablespace
        if v >= V1_14 {
            rd.str()?; // tableam
        }
        if v >= V1_16 {
            rd.int()?; // relkind
        }
        rd.str()?; // owner
        rd.str()?; // with oids
        while rd.str()?.is_some() {}
        rd.byte()?; // offset flag
        rd.bytes(rd.off_size)?;
        let s = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        info.entries.push((s(desc), s(tag), ns.map(s)));
    }
    // the data blocks, to the end
    let mut chunk = Vec::new();
    loop {
        let mut t = [0u8; 1];
        match rd.r.read(&mut t) {
            Ok(0) => break,
            Ok(_) => rd.pos += 1,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        rd.int()?; // dump id
        let streams = match t[0] {
            BLK_DATA => 1,
            BLK_BLOBS => usize::MAX,
            b => {
                return Err(bad(format!(
                    "unknown data block type {b} at byte {}",
                    rd.pos - 1
                )))
            }
        };
        let mut n = 0;
        while n < streams {
            if streams > 1 && rd.int()? == 0 {
                break; // the OID 0 after the last large object
            }
            n += 1;
            let mut z = compressed.then(|| flate2::Decompress::new(true));
            loop {
                let len = rd.int()?;
                if len == 0 {
                    break;
                }
                if !(0..=1 << 30).contains(&len) {
                    return Err(bad(format!(
                        "a data chunk of {len} bytes at byte {}",
                        rd.pos
                    )));
                }
                chunk.resize(len as usize, 0);
                rd.r.read_exact(&mut chunk)?;
                rd.pos += len as u64;
                match z.as_mut() {
                    None => info.sql_bytes += len as u64,
                    Some(z) => {
                        let mut out = Vec::with_capacity(256 << 10);
                        let mut input = &chunk[..];
                        loop {
                            out.clear();
                            let before = (z.total_in(), z.total_out());
                            let st = z
                                .decompress_vec(input, &mut out, flate2::FlushDecompress::None)
                                .map_err(|e| {
                                    bad(format!("bad zlib data before byte {}: {e}", rd.pos))
                                })?;
                            let used = (z.total_in() - before.0) as usize;
                            input = &input[used..];
                            info.sql_bytes += z.total_out() - before.1;
                            if st == flate2::Status::StreamEnd
                                || (input.is_empty() && out.len() < out.capacity())
                            {
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(info)
}

/// What `mendix verify` found, and the parts it read.
#[derive(Debug, Default)]
pub struct Verified {
    /// Findings.
    pub findings: Vec<Finding>,
    /// `db/db.backup` was found and read.
    pub db: Option<ArchiveInfo>,
    /// Files under `tree/`.
    pub files: u64,
}

fn finding(rule: &'static Meta, msg: String) -> Finding {
    Finding::new(rule, msg, 1, 0)
}

/// Read the backup `path` to its end. A gzip or tar stream that cannot be read to
/// its end (cut short, damaged) is an error (exit 2), what is wrong with the parts a
/// finding.
pub fn verify(path: &Path, max_version: (u8, u8)) -> Result<Verified> {
    let name = path.display().to_string();
    let rerr = |e: io::Error| Error::Decode {
        source_name: name.clone(),
        message: format!("the archive cannot be read to its end: {e}"),
    };
    let file = File::open(path).map_err(|e| Error::Read {
        path: name.clone(),
        source: e,
    })?;
    let mut gz = flate2::read::MultiGzDecoder::new(io::BufReader::with_capacity(1 << 20, file));
    let mut out = Verified::default();
    let mut meta: Option<Vec<u8>> = None;
    let mut db_size = None;
    let mut files_size = 0u64;
    {
        let mut tar = tar::Archive::new(&mut gz);
        for entry in tar.entries().map_err(rerr)? {
            let mut entry = entry.map_err(rerr)?;
            let raw = entry.path_bytes().into_owned();
            let p = raw.strip_prefix(b"./").unwrap_or(&raw).to_vec();
            let shown = String::from_utf8_lossy(&raw).into_owned();
            let kind = entry.header().entry_type();
            let unsafe_name = p.starts_with(b"/") || p.split(|&c| c == b'/').any(|c| c == b"..");
            if unsafe_name || !(kind.is_file() || kind.is_dir()) {
                out.findings.push(finding(
                    &BAD_ENTRY,
                    format!(
                        "{shown}: {}",
                        if unsafe_name {
                            "an absolute path or `..`"
                        } else {
                            "not a regular file or folder"
                        }
                    ),
                ));
                continue;
            }
            if kind.is_dir() {
                if !(p.is_empty() || p == b"db/" || p == b"tree/" || p.starts_with(b"tree/")) {
                    out.findings.push(finding(
                        &BAD_ENTRY,
                        format!("{shown}: a folder outside db/ and tree/"),
                    ));
                }
                continue;
            }
            let size = entry.size();
            if p == b".metadata" {
                let mut v = Vec::new();
                (&mut entry)
                    .take(MAX_METADATA)
                    .read_to_end(&mut v)
                    .map_err(rerr)?;
                meta = Some(v);
            } else if p == b"db/db.backup" {
                db_size = Some(size);
                match read_archive(&mut entry) {
                    Ok(info) => out.db = Some(info),
                    Err(e)
                        if e.kind() == io::ErrorKind::InvalidData
                            || e.kind() == io::ErrorKind::UnexpectedEof =>
                    {
                        out.findings.push(finding(
                            &BAD_DB_BACKUP,
                            format!("db/db.backup cannot be read as a pg_dump custom archive: {e}"),
                        ));
                    }
                    Err(e) => return Err(rerr(e)),
                }
            } else if let Some(rest) = p.strip_prefix(b"tree/") {
                out.files += 1;
                files_size += size;
                let parts: Vec<&[u8]> = rest.split(|&c| c == b'/').collect();
                let ok = match parts.as_slice() {
                    [u] => is_uuid(u),
                    [a, b, u] => {
                        is_uuid(u)
                            && u[..2].eq_ignore_ascii_case(a)
                            && u[2..4].eq_ignore_ascii_case(b)
                    }
                    _ => false,
                };
                if !ok {
                    out.findings.push(finding(
                        &BAD_TREE_NAME,
                        format!("{shown}: not tree/<xx>/<yy>/<uuid> (nor tree/<uuid>)"),
                    ));
                }
            } else {
                out.findings.push(finding(
                    &BAD_ENTRY,
                    format!("{shown}: not .metadata, db/db.backup or under tree/"),
                ));
            }
            // the rest of the entry, so that the tar reads on
            io::copy(&mut entry, &mut io::sink()).map_err(rerr)?;
        }
    }
    // the gzip stream to its end (its CRC and length), past the tar's end blocks
    io::copy(&mut gz, &mut io::sink()).map_err(rerr)?;
    match &meta {
        None => out
            .findings
            .push(finding(&BAD_METADATA, "no .metadata in the archive".into())),
        Some(m) => {
            match serde_json::from_slice::<serde_json::Value>(m) {
                Ok(serde_json::Value::Object(map)) => {
                    let not_strings: Vec<&String> = map
                        .iter()
                        .filter(|(_, v)| !v.is_string())
                        .map(|(k, _)| k)
                        .collect();
                    if !not_strings.is_empty() {
                        out.findings.push(finding(
                            &BAD_METADATA,
                            format!(".metadata: values that are not strings: {not_strings:?}"),
                        ));
                    }
                    let num = |k: &str| {
                        map.get(k)
                            .and_then(|v| v.as_str())
                            .map(|s| s.parse::<u64>())
                    };
                    if let (Some(v), Some(actual)) = (num("dumpSize"), db_size) {
                        if v.as_ref().ok() != Some(&actual) {
                            out.findings.push(finding(
                            &BAD_METADATA,
                            format!(".metadata: dumpSize {} is not the size of db/db.backup ({actual})", map["dumpSize"]),
                        ));
                        }
                    }
                    if let Some(v) = num("filesSize") {
                        if v.as_ref().ok() != Some(&files_size) {
                            out.findings.push(finding(
                            &BAD_METADATA,
                            format!(".metadata: filesSize {} is not the size of the files under tree/ ({files_size})", map["filesSize"]),
                        ));
                        }
                    }
                }
                Ok(_) => out.findings.push(finding(
                    &BAD_METADATA,
                    ".metadata is not a JSON object".into(),
                )),
                Err(e) => out.findings.push(finding(
                    &BAD_METADATA,
                    format!(".metadata is not JSON: {e}"),
                )),
            }
        }
    }
    match (&out.db, db_size) {
        (_, None) => out.findings.push(finding(
            &BAD_DB_BACKUP,
            "no db/db.backup in the archive".into(),
        )),
        (Some(info), _) => {
            let (maj, min, _) = info.version;
            if (maj, min) > max_version {
                out.findings.push(finding(
                    &BAD_DB_BACKUP,
                    format!(
                        "db/db.backup is archive version {maj}.{min}, newer than {}.{} (pg_restore 15, which Mendix uses, reads up to 1.14)",
                        max_version.0, max_version.1
                    ),
                ));
            }
            let mut outside: BTreeMap<String, (u64, String)> = BTreeMap::new();
            for (desc, tag, ns) in &info.entries {
                match desc.as_str() {
                    "ACL" | "DEFAULT ACL" => out
                        .findings
                        .push(finding(&ACL_ENTRY, format!("db/db.backup: {desc} {tag}"))),
                    // restored whatever -n says, or with their parent
                    "ENCODING"
                    | "STDSTRINGS"
                    | "SEARCHPATH"
                    | "DATABASE"
                    | "DATABASE PROPERTIES"
                    | "COMMENT"
                    | "SECURITY LABEL" => {}
                    _ if ns.as_deref() == Some("public") => {}
                    _ => {
                        let e = outside.entry(desc.clone()).or_insert((0, String::new()));
                        e.0 += 1;
                        if e.1.is_empty() {
                            e.1 = format!("{} {tag}", ns.as_deref().unwrap_or("-"));
                        }
                    }
                }
            }
            for (desc, (n, first)) in outside {
                out.findings.push(finding(
                    &NON_PUBLIC_ENTRY,
                    format!("db/db.backup: {n} {desc} entr{} outside schema public (first: {desc} {first}), which pg_restore -n public skips", if n == 1 { "y" } else { "ies" }),
                ));
            }
        }
        (None, Some(_)) => {}
    }
    out.findings.sort_by_key(|f| f.code);
    Ok(out)
}

/// Extract the backup `path` into `dir`: `.metadata`, `db/db.backup`, `tree/…`.
/// Links, devices, absolute paths and `..` are refused.
pub fn unpack(path: &Path, dir: &Path) -> Result<u64> {
    let name = path.display().to_string();
    let rerr = |e: io::Error| Error::Decode {
        source_name: name.clone(),
        message: format!("cannot unpack: {e}"),
    };
    let file = File::open(path).map_err(|e| Error::Read {
        path: name.clone(),
        source: e,
    })?;
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.display().to_string(),
        source: e,
    })?;
    let gz = flate2::read::MultiGzDecoder::new(io::BufReader::with_capacity(1 << 20, file));
    let mut tar = tar::Archive::new(gz);
    let mut n = 0;
    for entry in tar.entries().map_err(rerr)? {
        let mut entry = entry.map_err(rerr)?;
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind.is_dir()) {
            return Err(rerr(io::Error::other(format!(
                "{}: not a regular file or folder",
                String::from_utf8_lossy(&entry.path_bytes())
            ))));
        }
        // unpack_in refuses absolute paths and `..`
        if !entry.unpack_in(dir).map_err(rerr)? {
            return Err(rerr(io::Error::other(format!(
                "{}: a path outside the folder",
                String::from_utf8_lossy(&entry.path_bytes())
            ))));
        }
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_and_their_place() {
        let u = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
        assert!(is_uuid(u.as_bytes()));
        assert!(!is_uuid(b"0a1b2c3d-4e5f-6789-abcd-ef012345678"));
        assert!(!is_uuid(b"0a1b2c3d_4e5f-6789-abcd-ef0123456789"));
        assert_eq!(tree_name(u), format!("tree/0a/1b/{u}"));
    }

    #[test]
    fn metadata_values_are_strings() {
        let m = metadata_json(&[
            ("dumpSize", "12".into()),
            ("modelVersion", "1.0.0.40".into()),
        ]);
        assert_eq!(m, br#"{"dumpSize":"12","modelVersion":"1.0.0.40"}"#);
    }
}
