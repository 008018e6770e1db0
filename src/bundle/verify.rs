//! Reading an upload pair back: which file is which, and `volume.tgz` read to its
//! end (every gzip member's CRC-32 and length, every tar header, every entry's data),
//! with the checks of `check --volume` and `bundle verify`: a top-level
//! `document_library/` (S003), other top-level entries (S004, a warning), absolute
//! paths, `..`, links, devices and FIFOs (S005), and anything that cannot be read to
//! its end (S002). The database file is checked by `check`'s own pipeline.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::error::{DecodeFailure, Error, Result};
use crate::finding::{Finding, Findings, Meta};
use crate::io::gzip::GzMembers;
use crate::io::Peek;
use crate::rules::upload::{
    BAD_ARCHIVE, EXTRA_VOLUME_ENTRY, NO_DOCUMENT_LIBRARY, UNSAFE_VOLUME_ENTRY,
};

/// What reading a volume found.
#[derive(Debug, Default)]
pub struct VolumeCheck {
    /// Findings, each naming the volume as its file.
    pub findings: Vec<Finding>,
    /// The file's size in bytes.
    pub size: u64,
    /// Entries read (files, folders and others).
    pub entries: u64,
}

/// The reader of the raw file: counts the bytes read, and keeps an I/O error of the
/// file itself apart from errors in the data (a disk error is the input's, exit 2; a
/// bad CRC is a finding).
struct Raw {
    file: File,
    pos: Rc<RefCell<(u64, Option<io::Error>)>>,
}

impl Read for Raw {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.file.read(buf) {
            Ok(n) => {
                self.pos.borrow_mut().0 += n as u64;
                Ok(n)
            }
            Err(e) => {
                let copy = io::Error::new(e.kind(), e.to_string());
                self.pos.borrow_mut().1 = Some(copy);
                Err(e)
            }
        }
    }
}

/// Read the volume at `path` to its end. An error is returned only when the file
/// cannot be opened or read (missing, a folder, a disk error); everything wrong with
/// what it holds is a finding.
pub fn check_volume(path: &Path) -> Result<VolumeCheck> {
    let name = path.display().to_string();
    let read_err = |e: io::Error| Error::Read {
        path: name.clone(),
        source: e,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(read_err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    let mut v = VolumeCheck {
        size: meta.len(),
        ..VolumeCheck::default()
    };
    let state = Rc::new(RefCell::new((0u64, None)));
    let raw = Raw {
        file: File::open(path).map_err(read_err)?,
        pos: state.clone(),
    };
    let mut findings = Findings::default();
    let mut scan = Scan::default();
    let mut r = Peek::new(raw);
    let head = r.peek(512).map_err(read_err)?;
    let outcome = if head.is_empty() {
        Err("the file is empty".to_string())
    } else if !head.starts_with(&[0x1f, 0x8b]) {
        let shown: Vec<String> = head.iter().take(4).map(|b| format!("{b:02x}")).collect();
        let tar = head.len() >= 262 && &head[257..262] == b"ustar";
        Err(if tar {
            "not gzip-compressed: a tar archive without gzip (Liferay Cloud takes volume.tgz, a gzip-compressed tar: `gzip` it)".to_string()
        } else {
            format!(
                "not a gzip file: it starts with {} (a gzip file starts with 1f 8b)",
                shown.join(" ")
            )
        })
    } else {
        let mut archive = tar::Archive::new(GzMembers::new(r, String::new()));
        let read = scan_entries(&mut archive, &mut scan, &mut findings).and_then(|()| {
            // the tar ends with zero blocks; the gzip stream goes on to its CRC
            let mut rest = archive.into_inner();
            io::copy(&mut rest, &mut io::sink()).map(|_| ())
        });
        read.map_err(|e| {
            let (pos, _) = &*state.borrow();
            describe(e, *pos, v.size)
        })
    };
    if let Some(e) = state.borrow_mut().1.take() {
        return Err(read_err(e));
    }
    v.entries = scan.entries;
    match outcome {
        Err(message) => {
            findings.add(&BAD_ARCHIVE, "archive", 1, 0, || message);
        }
        Ok(()) if !scan.document_library => {
            let tops: Vec<String> = scan
                .tops
                .iter()
                .take(5)
                .map(|t| String::from_utf8_lossy(t).into_owned())
                .collect();
            findings.add(&NO_DOCUMENT_LIBRARY, "", 1, 0, || {
                if tops.is_empty() {
                    "volume.tgz has no top-level document_library/ (the archive holds no entries)"
                        .to_string()
                } else {
                    format!(
                        "volume.tgz has no top-level document_library/ (its top-level entries: {})",
                        tops.join(", ")
                    )
                }
            });
        }
        Ok(()) => {}
    }
    let mut list = findings.into_vec();
    for f in &mut list {
        f.file = Some(name.clone());
    }
    v.findings = list;
    Ok(v)
}

/// A read error as a finding's message.
fn describe(e: io::Error, pos: u64, size: u64) -> String {
    if e.get_ref().is_some_and(|i| i.is::<DecodeFailure>()) {
        return e.into_inner().map(|i| i.to_string()).unwrap_or_default();
    }
    let why = if e.kind() == io::ErrorKind::UnexpectedEof {
        "the data ends early (truncated?)".to_string()
    } else {
        e.to_string()
    };
    format!("cannot read the archive to its end: {why} (near byte {pos} of {size})")
}

/// What the entries showed.
#[derive(Default)]
struct Scan {
    document_library: bool,
    /// Top-level names other than `document_library`, each reported once.
    tops: BTreeSet<Vec<u8>>,
    entries: u64,
}

fn scan_entries<R: Read>(
    archive: &mut tar::Archive<R>,
    scan: &mut Scan,
    findings: &mut Findings,
) -> io::Result<()> {
    for entry in archive.entries()? {
        let entry = entry?;
        scan.entries += 1;
        let path = entry.path_bytes().into_owned();
        let offset = entry.raw_header_position();
        let shown = String::from_utf8_lossy(&path).into_owned();
        let mut unsafe_entry = |what: String| {
            findings.add(&UNSAFE_VOLUME_ENTRY, &shown, 1, offset, || {
                format!("{shown}: {what}")
            });
        };
        use tar::EntryType as T;
        let kind = entry.header().entry_type();
        let link = || {
            entry
                .link_name_bytes()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .unwrap_or_default()
        };
        let mut ok_kind = true;
        match kind {
            T::Regular | T::Continuous | T::GNUSparse | T::Directory => {}
            // metadata for the entries after them
            T::XGlobalHeader | T::XHeader | T::GNULongName | T::GNULongLink => continue,
            T::Symlink => {
                unsafe_entry(format!(
                    "a symbolic link (to {}): Liferay Cloud restores files and folders only",
                    link()
                ));
                ok_kind = false;
            }
            T::Link => {
                unsafe_entry(format!(
                    "a hard link (to {}): Liferay Cloud restores files and folders only",
                    link()
                ));
                ok_kind = false;
            }
            T::Char | T::Block | T::Fifo => {
                let what = match kind {
                    T::Char => "a character device",
                    T::Block => "a block device",
                    _ => "a FIFO",
                };
                unsafe_entry(format!(
                    "{what}: Liferay Cloud restores files and folders only"
                ));
                ok_kind = false;
            }
            other => {
                unsafe_entry(format!(
                    "an entry of tar type {:?} ('{}'), not a file or a folder",
                    other,
                    char::from(other.as_byte())
                ));
                ok_kind = false;
            }
        }
        if path.starts_with(b"/") {
            unsafe_entry(
                "an absolute path: it would be restored outside the restore folder".into(),
            );
            continue;
        }
        let mut parts = path
            .split(|&b| b == b'/')
            .filter(|c| !c.is_empty() && *c != b".");
        if path.split(|&b| b == b'/').any(|c| c == b"..") {
            unsafe_entry(
                "a `..` in its path: it would be restored outside the restore folder".into(),
            );
            continue;
        }
        let Some(top) = parts.next() else {
            continue; // `./`: the archive's own top
        };
        if top == b"document_library" {
            if ok_kind {
                scan.document_library = true;
            }
        } else if !scan.tops.contains(top) {
            scan.tops.insert(top.to_vec());
            let folder = kind == T::Directory || parts.next().is_some();
            let top_shown = format!(
                "{}{}",
                String::from_utf8_lossy(top),
                if folder { "/" } else { "" }
            );
            findings.add(&EXTRA_VOLUME_ENTRY, &top_shown, 1, offset, || {
                format!("top-level entry {top_shown} besides document_library/")
            });
        }
    }
    Ok(())
}

/// Which file of a pair a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `database.gz` or `database.tgz`.
    Database,
    /// `volume.tgz`.
    Volume,
}

/// The role a file's name gives it (`database.gz`, `database.tgz`, `volume.tgz`, and
/// names starting with `database` / `volume`), if any.
pub fn role_by_name(p: &Path) -> Option<Role> {
    let base = p.file_name()?.to_string_lossy().to_ascii_lowercase();
    if base.starts_with("volume") {
        Some(Role::Volume)
    } else if base.starts_with("database") {
        Some(Role::Database)
    } else {
        None
    }
}

/// The role a file's content gives it: a (gzip-compressed) tar whose first entry is
/// not a dump (a folder, a document) is a volume; anything else (gzip of SQL, a tar
/// holding `database.gz`) is a database. Reads at most the first 64 KiB of the
/// decoded data; `None` when that cannot be read.
pub fn role_by_content(p: &Path) -> Option<Role> {
    let mut r = Peek::new(File::open(p).ok()?);
    let head = r.peek(2).ok()?.to_vec();
    let mut prefix = Vec::new();
    let limit = 64 << 10;
    let got = if head.starts_with(&[0x1f, 0x8b]) {
        GzMembers::new(r, String::new())
            .take(limit)
            .read_to_end(&mut prefix)
    } else {
        r.take(limit).read_to_end(&mut prefix)
    };
    if got.is_err() && prefix.len() < 512 {
        return None;
    }
    if prefix.len() < 262 || &prefix[257..262] != b"ustar" {
        return Some(Role::Database);
    }
    let mut a = tar::Archive::new(&prefix[..]);
    let first = a.entries().ok()?.find_map(|e| {
        let e = e.ok()?;
        use tar::EntryType as T;
        match e.header().entry_type() {
            T::XGlobalHeader | T::XHeader => None,
            kind => Some((kind, e.path_bytes().into_owned())),
        }
    });
    let (kind, path) = first?;
    let lower = String::from_utf8_lossy(&path).to_ascii_lowercase();
    let dumpish = [".sql", ".gz", ".zst", ".zstd"]
        .iter()
        .any(|x| lower.ends_with(x));
    Some(if kind.is_file() && dumpish && !lower.contains('/') {
        Role::Database
    } else {
        Role::Volume
    })
}

/// The files `bundle verify` was given, by role: folders are looked into (their
/// `database.gz` / `database.tgz` and `volume.tgz`, or else the one or two files
/// they hold), and each file gets its role from its name or, failing that or when
/// both names say the same, from its content.
pub fn find_pair(paths: &[PathBuf]) -> Result<(Option<PathBuf>, Option<PathBuf>)> {
    let mut files: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_dir() {
            files.extend(files_in(p)?);
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() || files.len() > 2 {
        return Err(Error::Usage(format!(
            "bundle verify takes the two files of an upload (a database and a volume), or the folder holding them; found {}{}",
            files.len(),
            if files.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    files
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        )));
    }
    let mut roles: Vec<Option<Role>> = files.iter().map(|f| role_by_name(f)).collect();
    let same = files.len() == 2 && roles[0] == roles[1];
    for (f, r) in files.iter().zip(roles.iter_mut()) {
        if r.is_none() || same {
            *r = role_by_content(f).or(*r);
        }
    }
    if files.len() == 2 {
        match (roles[0], roles[1]) {
            (Some(a), Some(b)) if a == b => {
                return Err(Error::Usage(format!(
                    "cannot tell which of {} and {} is the database and which the volume: both look like a {}",
                    files[0].display(),
                    files[1].display(),
                    if a == Role::Database { "database" } else { "volume" }
                )))
            }
            (Some(a), None) => roles[1] = Some(other(a)),
            (None, Some(b)) => roles[0] = Some(other(b)),
            (None, None) => roles = vec![Some(Role::Database), Some(Role::Volume)],
            _ => {}
        }
    }
    let mut db = None;
    let mut vol = None;
    for (f, r) in files.into_iter().zip(roles) {
        match r.unwrap_or(Role::Database) {
            Role::Database => db = Some(f),
            Role::Volume => vol = Some(f),
        }
    }
    Ok((db, vol))
}

fn other(r: Role) -> Role {
    match r {
        Role::Database => Role::Volume,
        Role::Volume => Role::Database,
    }
}

/// The files of a folder to verify: its `database.gz`/`database.tgz` and
/// `volume.tgz` when it has them, else its files (hidden ones left out: dumpfix's
/// own temporary files start with a dot).
fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let read_err = |e| Error::Read {
        path: dir.display().to_string(),
        source: e,
    };
    let mut all = Vec::new();
    for e in std::fs::read_dir(dir).map_err(read_err)? {
        let e = e.map_err(read_err)?;
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if e.path().is_file() {
            all.push(e.path());
        }
    }
    all.sort();
    let named = |n: &str| {
        all.iter()
            .find(|p| p.file_name().is_some_and(|f| f == n))
            .cloned()
    };
    let db = named("database.gz").or_else(|| named("database.tgz"));
    let vol = named("volume.tgz");
    Ok(match (db, vol) {
        (Some(d), Some(v)) => vec![d, v],
        _ => all,
    })
}

/// A finding of `rule` about `file` (not the dump the report is for).
pub fn finding_about(rule: &'static Meta, file: &Path, message: String) -> Finding {
    let mut f = Finding::new(rule, message, 1, 0);
    f.file = Some(file.display().to_string());
    f
}
