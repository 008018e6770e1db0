//! Writing `volume.tgz`: a tar of the document library (as `document_library/`) and
//! of the folders given with `--include` (each under its own name), streamed into
//! the parallel gzip writer of [`crate::io::output`].
//!
//! Only regular files and folders go in, at relative paths; a symbolic link, a
//! device, a FIFO or a socket is refused with its path (Liferay Cloud could not
//! restore it, and a link would archive nothing or something outside the folder).
//! Folder entries are sorted by name (bytes) and owners are written as 0, so the same
//! tree gives the same archive. Files are read in chunks of [`CHUNK`] bytes: memory
//! does not grow with the library, and nothing is written to disk besides the output.
//! The tar format is GNU's, as `tar -czf` writes it (long names in `././@LongLink`
//! entries, sizes over 8 GiB in base-256), and every file is read to exactly the size
//! its header states: a file that changes size while it is read is an error.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::output::Output;

/// A folder to archive: `dir` on disk, `name` at the top of the archive.
#[derive(Clone, Debug)]
pub struct Folder {
    /// The folder on disk (a link to a folder is followed here, and only here).
    pub dir: PathBuf,
    /// Its name in the archive (`document_library`, `license`).
    pub name: String,
}

/// What a walk counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Regular files.
    pub files: u64,
    /// Folders, the top ones included.
    pub folders: u64,
    /// Bytes of the files.
    pub bytes: u64,
    /// Bytes of the tar archive (headers, data, padding, end blocks).
    pub tar: u64,
}

/// Bytes read from a file at a time.
const CHUNK: usize = 1 << 20;
const BLOCK: u64 = 512;

/// One entry of the walk.
enum Item<'a> {
    Folder {
        path: &'a [u8],
        meta: &'a fs::Metadata,
    },
    File {
        disk: &'a Path,
        path: &'a [u8],
        meta: &'a fs::Metadata,
    },
}

fn read_err(p: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Read {
        path: p.display().to_string(),
        source: e,
    }
}

/// Walk `folders` in archive order, calling `f` for every folder and file.
fn walk(folders: &[Folder], f: &mut dyn FnMut(Item<'_>) -> Result<()>) -> Result<()> {
    for top in folders {
        let meta = fs::metadata(&top.dir).map_err(read_err(&top.dir))?;
        if !meta.is_dir() {
            return Err(Error::Bundle {
                message: format!("{}: not a folder", top.dir.display()),
                help: "give the folder that holds the documents (Liferay's data/document_library)"
                    .into(),
            });
        }
        let mut path = top.name.as_bytes().to_vec();
        path.push(b'/');
        walk_dir(&top.dir, &mut path, &meta, f)?;
    }
    Ok(())
}

fn walk_dir(
    dir: &Path,
    path: &mut Vec<u8>,
    meta: &fs::Metadata,
    f: &mut dyn FnMut(Item<'_>) -> Result<()>,
) -> Result<()> {
    f(Item::Folder { path, meta })?;
    let mut names: Vec<OsString> = Vec::new();
    for entry in fs::read_dir(dir).map_err(read_err(dir))? {
        names.push(entry.map_err(read_err(dir))?.file_name());
    }
    names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    for name in names {
        let disk = dir.join(&name);
        let meta = fs::symlink_metadata(&disk).map_err(read_err(&disk))?;
        let len = path.len();
        path.extend_from_slice(name.as_bytes());
        let ft = meta.file_type();
        if ft.is_dir() {
            path.push(b'/');
            walk_dir(&disk, path, &meta, f)?;
        } else if ft.is_file() {
            f(Item::File {
                disk: &disk,
                path,
                meta: &meta,
            })?;
        } else {
            return Err(refused(&disk, &ft));
        }
        path.truncate(len);
    }
    Ok(())
}

/// The error for what is neither a file nor a folder.
fn refused(p: &Path, ft: &fs::FileType) -> Error {
    let what = if ft.is_symlink() {
        match fs::read_link(p) {
            Ok(to) => format!("a symbolic link (to {})", to.display()),
            Err(_) => "a symbolic link".to_string(),
        }
    } else if ft.is_char_device() {
        "a character device".to_string()
    } else if ft.is_block_device() {
        "a block device".to_string()
    } else if ft.is_fifo() {
        "a FIFO".to_string()
    } else if ft.is_socket() {
        "a socket".to_string()
    } else {
        "neither a file nor a folder".to_string()
    };
    Error::Bundle {
        message: format!(
            "{}: {what}; volume.tgz holds regular files and folders only",
            p.display()
        ),
        help: "copy what a link points to into the folder (cp -rL), or remove the entry, then run bundle again"
            .into(),
    }
}

/// Walk `folders` without reading any file: check that they hold only files and
/// folders, and count what the archive will hold.
pub fn survey(folders: &[Folder]) -> Result<Tally> {
    let mut t = Tally::default();
    walk(folders, &mut |item| {
        match item {
            Item::Folder { path, .. } => {
                t.folders += 1;
                t.tar += header_len(path);
            }
            Item::File { path, meta, .. } => {
                t.files += 1;
                t.bytes += meta.len();
                t.tar += header_len(path) + padded(meta.len());
            }
        }
        Ok(())
    })?;
    t.tar += 2 * BLOCK;
    Ok(t)
}

/// Write the tar of `folders` to `out` (which compresses it). `check` is called with
/// the output after every chunk, to stop a pair that grows over the size limit.
pub fn write(
    folders: &[Folder],
    out: &mut Output,
    check: &mut dyn FnMut(&Output) -> Result<()>,
) -> Result<Tally> {
    let mut t = Tally::default();
    let mut buf = vec![0u8; CHUNK];
    let mut head = Vec::with_capacity(4 * BLOCK as usize);
    walk(folders, &mut |item| {
        head.clear();
        match item {
            Item::Folder { path, meta } => {
                push_header(&mut head, path, tar::EntryType::Directory, 0, meta);
                out.write_all(&head)?;
                t.folders += 1;
                t.tar += head.len() as u64;
            }
            Item::File { disk, path, meta } => {
                let size = meta.len();
                push_header(&mut head, path, tar::EntryType::Regular, size, meta);
                out.write_all(&head)?;
                t.tar += head.len() as u64;
                copy_file(disk, size, out, &mut buf, check)?;
                let pad = padded(size) - size;
                out.write_all(&[0u8; BLOCK as usize][..pad as usize])?;
                t.files += 1;
                t.bytes += size;
                t.tar += padded(size);
            }
        }
        check(out)
    })?;
    out.write_all(&[0u8; 2 * BLOCK as usize])?;
    t.tar += 2 * BLOCK;
    Ok(t)
}

/// Copy exactly `size` bytes of the file at `disk` to `out`.
fn copy_file(
    disk: &Path,
    size: u64,
    out: &mut Output,
    buf: &mut [u8],
    check: &mut dyn FnMut(&Output) -> Result<()>,
) -> Result<()> {
    let changed = || {
        Error::Bundle {
        message: format!(
            "{}: the file changed size while it was archived ({size} bytes when it was listed)",
            disk.display()
        ),
        help: "stop what writes to the document library (Liferay) while the bundle is made, or archive a copy"
            .into(),
    }
    };
    let mut f = File::open(disk).map_err(read_err(disk))?;
    let mut left = size;
    while left > 0 {
        let want = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
        let n = match f.read(&mut buf[..want]) {
            Ok(0) => return Err(changed()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_err(disk)(e)),
        };
        out.write_all(&buf[..n])?;
        left -= n as u64;
        check(out)?;
    }
    // one byte more, or a different size now: it grew while read
    let grew = matches!(f.read(&mut buf[..1]), Ok(n) if n > 0);
    if grew || f.metadata().map_err(read_err(disk))?.len() != size {
        return Err(changed());
    }
    Ok(())
}

/// `n` rounded up to whole tar blocks.
fn padded(n: u64) -> u64 {
    n.div_ceil(BLOCK) * BLOCK
}

/// Bytes of the header(s) for `path`: one block, and a `././@LongLink` entry before
/// it when the name does not fit in the header's 100 bytes.
fn header_len(path: &[u8]) -> u64 {
    if path.len() > 100 {
        2 * BLOCK + padded(path.len() as u64 + 1)
    } else {
        BLOCK
    }
}

/// The GNU tar header(s) of an entry, as GNU tar writes them (owner 0, no owner
/// names: the archive does not depend on who made it).
fn push_header(
    out: &mut Vec<u8>,
    path: &[u8],
    kind: tar::EntryType,
    size: u64,
    meta: &fs::Metadata,
) {
    if path.len() > 100 {
        let mut h = tar::Header::new_gnu();
        set_name(&mut h, b"././@LongLink");
        h.set_entry_type(tar::EntryType::GNULongName);
        h.set_size(path.len() as u64 + 1);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_uid(0);
        h.set_gid(0);
        h.set_cksum();
        out.extend_from_slice(h.as_bytes());
        let start = out.len();
        out.extend_from_slice(path);
        out.push(0);
        let len = (out.len() - start) as u64;
        out.resize(start + padded(len) as usize, 0);
    }
    let mut h = tar::Header::new_gnu();
    set_name(&mut h, &path[..path.len().min(100)]);
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(meta.mode() & 0o777);
    h.set_mtime(u64::try_from(meta.mtime()).unwrap_or(0));
    h.set_uid(0);
    h.set_gid(0);
    h.set_cksum();
    out.extend_from_slice(h.as_bytes());
}

fn set_name(h: &mut tar::Header, name: &[u8]) {
    if let Some(g) = h.as_gnu_mut() {
        let n = name.len().min(g.name.len());
        g.name = [0; 100];
        g.name[..n].copy_from_slice(&name[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_get_a_longlink_entry_that_tar_reads() {
        let dir = tempfile::tempdir().unwrap();
        let meta = fs::metadata(dir.path()).unwrap();
        let long = format!("document_library/{}/x.bin", "d".repeat(150));
        let mut bytes = Vec::new();
        push_header(
            &mut bytes,
            long.as_bytes(),
            tar::EntryType::Regular,
            3,
            &meta,
        );
        assert_eq!(bytes.len() as u64, header_len(long.as_bytes()));
        bytes.extend_from_slice(b"abc");
        bytes.resize(bytes.len() + 509 + 1024, 0);
        let mut a = tar::Archive::new(&bytes[..]);
        let mut entries = a.entries().unwrap();
        let e = entries.next().unwrap().unwrap();
        assert_eq!(&*e.path_bytes(), long.as_bytes());
        assert_eq!(e.size(), 3);
        assert!(entries.next().is_none());
    }
}
