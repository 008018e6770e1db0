//! The output sink: plain, gzip, zstd or tar.gz, to stdout or a file.
//!
//! A regular-file output is written under a temporary name in the same folder and
//! renamed over the final name only when everything was written: an error, a panic
//! or `kill -9` never leaves a partial file under the name the user asked for, and
//! the temporary file is removed on an error and on SIGINT/SIGTERM/SIGHUP/SIGQUIT
//! (see [`super::cleanup`]). A symbolic link is followed to the file it names, as
//! `cp` does (the link stays a link), and a replaced file keeps its mode. An output
//! that is not a regular file (`/dev/null`, `/dev/full`, a FIFO), and any path under
//! `/dev` or `/proc` (`/dev/stdout`, `/proc/self/fd/N`), is written directly and
//! never replaced; `/dev/stdout` and its aliases are the process's standard output. Plain output is written and gzip compressed on a
//! thread of their own, zstd with its worker threads, so the rewrite does not wait
//! on the codec or the kernel.

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

use crate::error::{Error, Result};

/// Output encodings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Compression {
    /// Plain SQL.
    None,
    /// gzip (one member, readable by gunzip and pigz).
    Gzip,
    /// zstd.
    Zstd,
    /// A tar.gz archive holding `database.gz` (Liferay Cloud's older upload form).
    Tgz,
    /// A pg_dump custom-format archive (what `pg_dump -Fc` writes; pg_restore reads it),
    /// from PostgreSQL SQL (see [`crate::pgarchive::write`]).
    Custom,
}

impl Compression {
    /// The encoding an output file's name asks for.
    pub fn from_path(p: &Path) -> Compression {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with(".dump") || name.ends_with(".backup") {
            Compression::Custom
        } else if name.ends_with(".tgz") || name.ends_with(".tar.gz") {
            Compression::Tgz
        } else if name.ends_with(".gz") {
            Compression::Gzip
        } else if name.ends_with(".zst") || name.ends_with(".zstd") {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// Extensions of compressed or archive formats dumpfix cannot write, with the
/// format's name: `-o out.sql.bz2` must not silently write plain SQL.
const UNWRITABLE: &[(&str, &str)] = &[
    (".bz2", "bzip2"),
    (".tbz2", "bzip2"),
    (".tbz", "bzip2"),
    (".xz", "xz"),
    (".txz", "xz"),
    (".lzma", "lzma"),
    (".zip", "zip"),
    (".7z", "7z"),
    (".lz4", "lz4"),
    (".lz", "lzip"),
    (".br", "brotli"),
    (".z", "compress"),
    (".rar", "rar"),
];

/// What dumpfix writes, for messages.
pub const WRITABLE: &str =
    "plain SQL (any other name), .gz, .zst/.zstd, .tgz/.tar.gz, .dump/.backup (pg_dump custom archive)";

/// The format named by an output file's extension that dumpfix cannot write.
pub fn unwritable(p: &Path) -> Option<&'static str> {
    let name = p.file_name()?.to_string_lossy().to_ascii_lowercase();
    UNWRITABLE
        .iter()
        .find(|(ext, _)| name.ends_with(ext) && name.len() > ext.len())
        .map(|(_, what)| *what)
}

/// An error from creating a temporary file, without its name: tempfile adds the
/// path (`… at path "/dir/.out.sql.Ab12.dumpfix-tmp"`), which means nothing to the
/// user (they named the output) and must not appear in messages.
fn scrub(e: io::Error) -> io::Error {
    let inner = e
        .get_ref()
        .and_then(|i| i.source())
        .and_then(|s| s.downcast_ref::<io::Error>());
    match inner {
        Some(i) => match i.raw_os_error() {
            Some(code) => io::Error::from_raw_os_error(code),
            None => io::Error::new(i.kind(), i.to_string()),
        },
        None => match e.raw_os_error() {
            Some(code) => io::Error::from_raw_os_error(code),
            None if e.to_string().contains("dumpfix-tmp") => io::Error::from(e.kind()),
            None => e,
        },
    }
}

/// How to create the output.
#[derive(Clone, Debug, Default)]
pub struct OutputOptions {
    /// The file, or `None`/`-` for stdout.
    pub path: Option<PathBuf>,
    /// The encoding; `None` means: from the file name's extension, else plain.
    pub compression: Option<Compression>,
    /// Compression level (gzip 0–9, default 6; zstd 1–19, default 3).
    pub level: Option<i32>,
    /// Device and inode of the input, to refuse writing over it.
    pub input_identity: Option<(u64, u64)>,
    /// Threads for the gzip and zstd encoders (0 = one per core); the bytes are the
    /// same for any count.
    pub threads: usize,
    /// The archive version of a custom-format output (default 1.14).
    pub archive_version: Option<crate::pgarchive::write::ArchiveVersion>,
    /// No notes on stderr (what a custom archive leaves out).
    pub quiet: bool,
}

/// Where the encoded bytes go.
enum Target {
    Stdout,
    /// A device or FIFO, written in place.
    Direct,
    /// A temporary file renamed to `path` on success, with `mode`.
    Temp {
        tmp: tempfile::NamedTempFile,
        path: PathBuf,
        mode: u32,
        _registered: super::cleanup::Registered,
    },
}

/// Where `-o PATH` leads.
#[derive(Debug, PartialEq, Eq)]
enum Dest {
    /// The process's own standard output (`/dev/stdout`, `/dev/fd/1`,
    /// `/proc/self/fd/1`, or a link to one of them).
    Stdout,
    /// A stream or device (`/dev/*`, `/proc/*/fd/*`, a FIFO, a socket): opened and
    /// written in place, never replaced.
    Direct(PathBuf),
    /// A regular file (existing or not), after following symbolic links: written
    /// under a temporary name in its folder, then renamed over it.
    File(PathBuf),
}

/// `/dev/…` and `/proc/…` paths are streams: written through, never replaced (a
/// rename there would replace the system's `/dev/stdout` link, or a process's fd).
fn is_stream_path(p: &Path) -> bool {
    p.starts_with("/dev") || p.starts_with("/proc")
}

fn is_own_stdout(p: &Path) -> bool {
    [
        "/dev/stdout",
        "/dev/fd/1",
        "/proc/self/fd/1",
        "/proc/thread-self/fd/1",
    ]
    .iter()
    .any(|s| p == Path::new(s))
        || p == Path::new(&format!("/proc/{}/fd/1", std::process::id()))
}

/// Follow `p` through symbolic links, as `cp` writes through them: to the file the
/// last link names (created if missing), or to a stream path where one is reached.
fn destination(p: &Path) -> io::Result<Dest> {
    let mut cur = p.to_path_buf();
    for _ in 0..40 {
        if is_own_stdout(&cur) {
            return Ok(Dest::Stdout);
        }
        if is_stream_path(&cur) {
            return Ok(Dest::Direct(cur));
        }
        match fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&cur)?;
                cur = match cur.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            Ok(m) if m.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "is a directory",
                ))
            }
            Ok(m) if !m.is_file() => return Ok(Dest::Direct(cur)),
            Ok(_) => return Ok(Dest::File(cur)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Dest::File(cur)),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The mode a new file gets: 0666 less the umask (read from /proc/self/status, so
/// the process-wide umask is never changed while other threads create files).
fn new_file_mode() -> u32 {
    let mut status = String::new();
    let umask = fs::File::open("/proc/self/status")
        .and_then(|mut f| io::Read::read_to_string(&mut f, &mut status))
        .ok()
        .and_then(|_| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    0o666 & !umask
}

/// An open output. Write the dump to it, then call [`Output::finish`]; dropping it
/// unfinished deletes the temporary file.
pub struct Output {
    name: String,
    sink: Option<Box<dyn Sink>>,
    target: Target,
    /// Bytes written to the destination.
    written: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// The zstd encoder's settings, to explain its allocation failures.
    zstd: Option<ZstdSettings>,
}

/// What the zstd encoder was asked for.
#[derive(Clone, Copy, Debug)]
struct ZstdSettings {
    level: i32,
    threads: usize,
}

trait Sink: Write + Send {
    fn finish(self: Box<Self>) -> io::Result<()>;
    /// Write the bytes of `v` and leave it empty; a sink that can may keep the
    /// buffer itself and put another in its place.
    fn write_vec(&mut self, v: &mut Vec<u8>) -> io::Result<()> {
        self.write_all(v)?;
        v.clear();
        Ok(())
    }
}

const BUF: usize = 1 << 20;

impl Output {
    /// Create the output described by `opts`.
    pub fn create(opts: &OutputOptions) -> Result<Output> {
        let path = opts.path.as_deref().filter(|p| p.as_os_str() != "-");
        if let Some((p, what)) = path.and_then(|p| Some((p, unwritable(p)?))) {
            return Err(Error::Usage(format!(
                "cannot write {what} ({}): dumpfix writes {WRITABLE}; name the output \
                 accordingly (e.g. -o out.sql.gz), or pipe plain SQL into {what}",
                p.display()
            )));
        }
        let compression = opts.compression.unwrap_or_else(|| {
            path.map(Compression::from_path)
                .unwrap_or(Compression::None)
        });
        if compression == Compression::None {
            if let Some(l) = opts.level {
                return Err(Error::Usage(format!(
                    "--level {l} is for compressed output, and this output is plain SQL \
                     (use --compress gzip|zstd, or an output name ending in .gz or .zst)"
                )));
            }
        }
        let name = path
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<stdout>".to_string());
        let to_stdout = match path {
            None => true,
            Some(p) => is_own_stdout(p),
        };
        if compression != Compression::None && to_stdout && io::stdout().is_terminal() {
            // as gzip does: compressed bytes on a terminal are of no use to anyone
            return Err(Error::Usage(
                "refusing to write compressed data to a terminal: redirect stdout \
                 (> dump.sql.gz) or give -o FILE"
                    .into(),
            ));
        }
        let werr = |e: io::Error| match path {
            None => Error::Stdout(e),
            Some(_) => Error::Write {
                path: name.clone(),
                source: e,
            },
        };
        let (raw, target): (Box<dyn Write + Send>, Target) = match path {
            None => (Box::new(io::stdout()), Target::Stdout),
            Some(p) => {
                let dest = destination(p).map_err(werr)?;
                if let (Some(id), Dest::File(f) | Dest::Direct(f)) = (opts.input_identity, &dest) {
                    use std::os::unix::fs::MetadataExt;
                    if fs::metadata(f).is_ok_and(|m| (m.dev(), m.ino()) == id) {
                        return Err(Error::OutputIsInput(p.to_path_buf()));
                    }
                }
                match dest {
                    Dest::Stdout => (Box::new(io::stdout()), Target::Stdout),
                    Dest::Direct(d) => {
                        // O_TRUNC is ignored by devices and FIFOs; a regular file
                        // behind an fd link is written from its start, as `cp` does
                        let f = fs::OpenOptions::new()
                            .write(true)
                            .truncate(true)
                            .open(&d)
                            .map_err(werr)?;
                        (Box::new(f), Target::Direct)
                    }
                    Dest::File(path) => {
                        use std::os::unix::fs::PermissionsExt;
                        let dir = match path.parent() {
                            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                            _ => PathBuf::from("."),
                        };
                        let base = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_else(|| "output".into());
                        // replacing a file keeps its mode; a new one gets 0666 & ~umask
                        let mode = fs::metadata(&path)
                            .map(|m| m.permissions().mode() & 0o7777)
                            .unwrap_or_else(|_| new_file_mode());
                        let tmp = tempfile::Builder::new()
                            .prefix(&format!(".{base}."))
                            .suffix(".dumpfix-tmp")
                            .tempfile_in(&dir)
                            .map_err(|e| werr(scrub(e)))?;
                        let registered = super::cleanup::register(tmp.path());
                        let f = tmp.as_file().try_clone().map_err(werr)?;
                        (
                            Box::new(f),
                            Target::Temp {
                                tmp,
                                path,
                                mode,
                                _registered: registered,
                            },
                        )
                    }
                }
            }
        };
        let written = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let raw: Box<dyn Write + Send> = Box::new(CountingWriter {
            inner: raw,
            count: written.clone(),
        });
        let level = opts.level;
        let threads = crate::pool::threads(opts.threads).max(1);
        let mut zstd_settings = None;
        let sink: Box<dyn Sink> = match compression {
            Compression::None => {
                let file = match &target {
                    Target::Temp { tmp, .. } => tmp.as_file().try_clone().ok(),
                    _ => None,
                };
                Box::new(plain_sink(raw, file))
            }
            Compression::Gzip => Box::new(gzip_sink(raw, gzip_level(level)?, threads)),
            Compression::Zstd => {
                let lvl = level.unwrap_or(3);
                if !(1..=22).contains(&lvl) {
                    return Err(Error::Usage(format!(
                        "zstd level must be 1..=22, not {lvl}"
                    )));
                }
                let settings = ZstdSettings {
                    level: lvl,
                    threads,
                };
                zstd_settings = Some(settings);
                let zerr = |e| write_error(&name, Some(settings), e);
                let mut enc =
                    zstd::stream::write::Encoder::new(BufWriter::with_capacity(BUF, raw), lvl)
                        .map_err(zerr)?;
                // Always zstd's multi-threaded mode, with one worker for `--threads 1`:
                // its frame is cut into jobs by size alone (the job size follows from
                // the level), so the bytes are the same for any number of workers,
                // where the single-threaded mode would write others.
                enc.multithread(threads as u32).map_err(zerr)?;
                Box::new(Zstd(BufWriter::with_capacity(BUF, enc)))
            }
            Compression::Custom => {
                let quiet = opts.quiet;
                let spool_dir = match &target {
                    Target::Temp { path, .. } => match path.parent() {
                        Some(d) if !d.as_os_str().is_empty() => Some(d.to_path_buf()),
                        _ => Some(PathBuf::from(".")),
                    },
                    _ => None,
                };
                let aopts = crate::pgarchive::write::ArchiveOptions {
                    version: opts
                        .archive_version
                        .unwrap_or(crate::pgarchive::write::ArchiveVersion::V1_14),
                    level: gzip_level(level)?,
                    dbname: "postgres".into(),
                    spool_dir,
                };
                Box::new(custom_sink(raw, aopts, quiet))
            }
            Compression::Tgz => {
                let dir = match &target {
                    Target::Temp { path, .. } => match path.parent() {
                        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                        _ => PathBuf::from("."),
                    },
                    _ => std::env::temp_dir(),
                };
                let tmp_err = |e| Error::Write {
                    path: dir.display().to_string(),
                    source: scrub(e),
                };
                let inner = tempfile::Builder::new()
                    .prefix(".database.gz.")
                    .suffix(".dumpfix-tmp")
                    .tempfile_in(&dir)
                    .map_err(tmp_err)?;
                let registered = super::cleanup::register(inner.path());
                let f = inner.as_file().try_clone().map_err(tmp_err)?;
                Box::new(Tgz {
                    gz: Some(gzip_sink(Box::new(f), gzip_level(level)?, threads)),
                    inner,
                    out: Some(raw),
                    _registered: registered,
                })
            }
        };
        Ok(Output {
            name,
            sink: Some(sink),
            target,
            written,
            zstd: zstd_settings,
        })
    }

    /// How errors name the output.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The error for a failed write: [`Error::Stdout`] for stdout, like every other
    /// write to it.
    fn werr(&self, e: io::Error) -> Error {
        match self.target {
            Target::Stdout if self.zstd.is_none() || !is_allocation_failure(&e) => Error::Stdout(e),
            _ => write_error(&self.name, self.zstd, e),
        }
    }

    /// Write bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let r = match self.sink.as_mut() {
            Some(s) => s.write_all(bytes),
            None => Ok(()),
        };
        r.map_err(|e| self.werr(e))
    }

    /// Write the bytes of `v` and leave it empty. Plain output takes a large buffer
    /// as it is (to its writer thread), without copying it, and leaves a spare one
    /// in its place.
    pub fn write_vec(&mut self, v: &mut Vec<u8>) -> Result<()> {
        let r = match self.sink.as_mut() {
            Some(s) => s.write_vec(v),
            None => {
                v.clear();
                Ok(())
            }
        };
        r.map_err(|e| self.werr(e))
    }

    /// Flush and close the encoders, then give the file its final name.
    pub fn finish(self) -> Result<()> {
        self.complete()?.persist()
    }

    /// Bytes written to the destination so far (after compression; the encoder
    /// threads may hold up to a few MiB more).
    pub fn written(&self) -> u64 {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Flush and close the encoders and write the file to disk, under its temporary
    /// name: [`Completed::persist`] gives it its final name. `bundle` completes both
    /// files of the pair before renaming either, so that an error in the second
    /// leaves neither.
    pub fn complete(mut self) -> Result<Completed> {
        if let Some(s) = self.sink.take() {
            s.finish().map_err(|e| self.werr(e))?;
        }
        let target = std::mem::replace(&mut self.target, Target::Stdout);
        if let Target::Temp { tmp, .. } = &target {
            tmp.as_file().sync_all().map_err(|e| self.werr(e))?;
        }
        Ok(Completed {
            name: self.name.clone(),
            target,
            size: self.written(),
        })
    }
}

/// An output written in full (see [`Output::complete`]); dropped without
/// [`Completed::persist`], its temporary file is deleted.
pub struct Completed {
    name: String,
    target: Target,
    size: u64,
}

impl Completed {
    /// The bytes written.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Give the file its final name (and mode).
    pub fn persist(self) -> Result<()> {
        match self.target {
            Target::Temp {
                tmp,
                path,
                mode,
                _registered,
            } => {
                let _ = fs::set_permissions(
                    tmp.path(),
                    std::os::unix::fs::PermissionsExt::from_mode(mode),
                );
                tmp.persist(&path).map_err(|e| Error::Write {
                    path: self.name.clone(),
                    source: scrub(e.error),
                })?;
            }
            Target::Stdout | Target::Direct => {}
        }
        Ok(())
    }
}

/// Counts the bytes written through it (for [`Output::written`]).
struct CountingWriter {
    inner: Box<dyn Write + Send>,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl crate::sink::Put for Output {
    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        self.write_all(bytes)
    }
    fn put_vec(&mut self, v: &mut Vec<u8>) -> Result<()> {
        self.write_vec(v)
    }
}

/// An error writing the output `name`. An allocation failure of the zstd encoder
/// (libzstd says "Allocation error : not enough memory"; every worker thread holds its
/// own window and match tables, and level 19 on two threads takes over 256 MiB) is
/// said to be memory, with what to change.
fn write_error(name: &str, zstd: Option<ZstdSettings>, e: io::Error) -> Error {
    match zstd {
        Some(z) if is_allocation_failure(&e) => {
            out_of_memory(name, z, super::address_space_limit())
        }
        _ => Error::Write {
            path: name.to_string(),
            source: e,
        },
    }
}

fn is_allocation_failure(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::OutOfMemory || e.to_string().contains("Allocation error")
}

fn out_of_memory(name: &str, z: ZstdSettings, limit: Option<u64>) -> Error {
    let threads = match z.threads {
        1 => "1 thread".to_string(),
        n => format!("{n} threads"),
    };
    let limit = limit
        .map(|l| format!(", under ulimit -v {} MiB", l >> 20))
        .unwrap_or_default();
    let mut fixes = Vec::new();
    if z.threads > 1 {
        fixes.push("--threads 1 (each zstd thread holds its own window and tables)".to_string());
    }
    if z.level > 3 {
        fixes.push(format!(
            "a lower --level ({} takes more memory than the default 3)",
            z.level
        ));
    }
    fixes.push("more memory for the process".to_string());
    Error::OutOfMemory {
        path: name.to_string(),
        message: format!(
            "the zstd compressor ran out of memory (level {} on {threads}{limit})",
            z.level
        ),
        help: format!("use {}", fixes.join(", or ")),
    }
}

fn gzip_level(level: Option<i32>) -> Result<u32> {
    let l = level.unwrap_or(6);
    if !(0..=9).contains(&l) {
        return Err(Error::Usage(format!("gzip level must be 0..=9, not {l}")));
    }
    Ok(l as u32)
}

struct Zstd<W: Write + Send>(BufWriter<zstd::stream::write::Encoder<'static, W>>);

impl<W: Write + Send> Write for Zstd<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<W: Write + Send> Sink for Zstd<W> {
    fn finish(self: Box<Self>) -> io::Result<()> {
        let enc = self.0.into_inner().map_err(|e| e.into_error())?;
        enc.finish()?.flush()
    }
}

/// Bytes handed to a writer or encoder running on its own thread, in chunks. The
/// thread gives each chunk back when done with it, so the buffers are reused
/// instead of being allocated (and page-faulted in) again for every chunk.
struct Threaded {
    buf: Vec<u8>,
    /// Whole buffers may be handed over as chunks (plain output: where the chunks
    /// are cut does not change the bytes written).
    whole: bool,
    tx: Option<SyncSender<Vec<u8>>>,
    spare: Receiver<Vec<u8>>,
    handle: Option<JoinHandle<io::Result<()>>>,
}

const CHUNK: usize = 1 << 20;
/// Capacity of the buffers made here. Those given back for a whole buffer
/// ([`Sink::write_vec`]) go on to hold a row batch's output (up to 1 MiB and a few
/// bytes): a quarter more than a chunk, so that the first batch does not double them.
const SPARE: usize = CHUNK + CHUNK / 4;
/// Chunks queued for the thread (and so at most this many + 2 buffers in all). With
/// 4, a row-rewriting run to a new file stalled its row threads whenever the writer
/// (the kernel's page-cache writes, about one core) fell behind: 16 made
/// `fix --target liferay-postgresql` of a 618 MiB dump to a file 5-8% faster.
const QUEUED: usize = 16;

/// The thread's side: the chunks to write, and where to give them back.
struct Chunks {
    rx: Receiver<Vec<u8>>,
    back: SyncSender<Vec<u8>>,
}

impl Chunks {
    /// Call `f` on every chunk, in order, returning each buffer for reuse.
    fn each(self, mut f: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        for mut chunk in self.rx {
            f(&chunk)?;
            chunk.clear();
            let _ = self.back.try_send(chunk);
        }
        Ok(())
    }
}

impl Threaded {
    fn spawn<F>(name: &str, work: F) -> Threaded
    where
        F: FnOnce(Chunks) -> io::Result<()> + Send + 'static,
    {
        let (tx, rx) = sync_channel::<Vec<u8>>(QUEUED);
        let (back, spare) = sync_channel::<Vec<u8>>(QUEUED + 1);
        let handle = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || work(Chunks { rx, back }))
            .ok();
        Threaded {
            buf: Vec::with_capacity(SPARE),
            whole: false,
            tx: Some(tx),
            spare,
            handle,
        }
    }

    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let next = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(SPARE));
        let chunk = std::mem::replace(&mut self.buf, next);
        self.send_chunk(chunk)
    }

    fn send_chunk(&mut self, chunk: Vec<u8>) -> io::Result<()> {
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(chunk).is_ok());
        if sent {
            Ok(())
        } else {
            // The thread stopped: its error says why.
            self.tx = None;
            Err(self
                .join()
                .err()
                .unwrap_or_else(|| io::Error::other("the writer thread stopped")))
        }
    }

    fn join(&mut self) -> io::Result<()> {
        match self.handle.take() {
            Some(h) => h
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked"))),
            None => Err(io::Error::other("the writer thread could not start")),
        }
    }
}

impl Write for Threaded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }
    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            let room = CHUNK - self.buf.len();
            let n = room.min(buf.len());
            self.buf.extend_from_slice(&buf[..n]);
            buf = &buf[n..];
            if self.buf.len() >= CHUNK {
                self.send()?;
            }
        }
        Ok(())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Buffers at least this large are handed to the thread whole (see [`Threaded::whole`]).
const WHOLE: usize = 64 << 10;

impl Sink for Threaded {
    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.send()?;
        self.tx = None;
        self.join()
    }

    fn write_vec(&mut self, v: &mut Vec<u8>) -> io::Result<()> {
        if !self.whole || v.len() < WHOLE {
            self.write_all(v)?;
            v.clear();
            return Ok(());
        }
        self.send()?;
        let spare = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(SPARE));
        let chunk = std::mem::replace(v, spare);
        self.send_chunk(chunk)
    }
}

/// gzip on a thread of its own, deflating blocks on `threads` threads (on that thread
/// alone for 1); the blocks, and so the bytes, are the same for any count.
fn gzip_sink(out: Box<dyn Write + Send>, level: u32, threads: usize) -> Threaded {
    Threaded::spawn("gzip", move |chunks| {
        let mut w = ParallelGzip::new(BufWriter::with_capacity(BUF, out), level)?;
        if threads > 1 {
            w.pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|i| format!("gzip-{i}"))
                .build()
                .ok();
        }
        chunks.each(|chunk| w.write_chunk(chunk))?;
        w.finish()
    })
}

/// A custom-format archive made on a thread of its own from the SQL written to it.
fn custom_sink(
    out: Box<dyn Write + Send>,
    opts: crate::pgarchive::write::ArchiveOptions,
    quiet: bool,
) -> Threaded {
    Threaded::spawn("pgarchive", move |chunks| {
        let input = ChunkReader {
            chunks,
            cur: Vec::new(),
            pos: 0,
        };
        crate::pgarchive::write::write_archive(input, out, &opts)
            .map(|summary| {
                // nothing is left out in silence (offsets: in the script the
                // pipeline wrote, which is the input when no rule changed it)
                for line in summary.left_out.iter().filter(|_| !quiet) {
                    eprintln!("dumpfix: note: the custom archive leaves out {line}");
                }
            })
            .map_err(|e| match e {
                Error::Write { source, .. } => source,
                e => io::Error::other(e.to_string()),
            })
    })
}

/// The chunks handed to a [`Threaded`] sink, read as one stream.
struct ChunkReader {
    chunks: Chunks,
    cur: Vec<u8>,
    pos: usize,
}

impl io::Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.cur.len() {
            let Ok(next) = self.chunks.rx.recv() else {
                return Ok(0);
            };
            let mut old = std::mem::replace(&mut self.cur, next);
            old.clear();
            let _ = self.chunks.back.try_send(old);
            self.pos = 0;
        }
        let n = buf.len().min(self.cur.len() - self.pos);
        buf[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Plain bytes written by a thread of their own: the rewrite goes on while the
/// kernel copies the last chunk into the page cache or a pipe. When the output is a
/// new file (`file`), the disk writes are started as the chunks arrive, so that the
/// `fsync` before the final rename has little left to wait for.
fn plain_sink(mut out: Box<dyn Write + Send>, file: Option<fs::File>) -> Threaded {
    let mut t = Threaded::spawn("write", move |chunks| {
        let mut writeback = file.map(Writeback::new);
        chunks.each(|chunk| {
            out.write_all(chunk)?;
            if let Some(w) = writeback.as_mut() {
                w.written(chunk.len());
            }
            Ok(())
        })?;
        out.flush()
    });
    t.whole = true;
    t
}

/// Starts the disk writes of a file's pages behind the writer (`sync_file_range`
/// with `SYNC_FILE_RANGE_WRITE`, which does not wait), every [`WRITEBACK`] bytes.
struct Writeback {
    file: fs::File,
    /// Bytes written, and the end of the range already handed to the disk.
    written: u64,
    started: u64,
}

const WRITEBACK: u64 = 8 << 20;

impl Writeback {
    fn new(file: fs::File) -> Writeback {
        Writeback {
            file,
            written: 0,
            started: 0,
        }
    }

    fn written(&mut self, n: usize) {
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK {
            self.start(self.started, self.written - self.started);
            self.started = self.written;
        }
    }

    /// Only a hint: an error here shows again, and is reported, at the `fsync`.
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    fn start(&self, offset: u64, len: u64) {
        use std::os::fd::AsRawFd;
        let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
            return;
        };
        // SAFETY: the descriptor is open (we own `file`); the call reads no memory.
        let _ = unsafe {
            libc::sync_file_range(
                self.file.as_raw_fd(),
                offset,
                len,
                libc::SYNC_FILE_RANGE_WRITE,
            )
        };
    }

    #[cfg(not(target_os = "linux"))]
    fn start(&self, _offset: u64, _len: u64) {}
}

/// pigz-style parallel gzip: the input is cut into blocks that are deflated
/// independently on the rayon pool, each primed with the 32 KiB before it as its
/// dictionary (so the ratio stays that of one stream) and ended with a sync flush
/// (so the blocks concatenate into one deflate stream). The result is one ordinary
/// gzip member that any gunzip reads. The blocks are cut at fixed offsets of the
/// input, so the bytes do not depend on the threads that deflate them.
struct ParallelGzip<W: Write> {
    out: W,
    level: u32,
    /// The threads that deflate the blocks; none: one after another, on this thread.
    pool: Option<rayon::ThreadPool>,
    crc: crc32fast::Hasher,
    size: u64,
    /// The last 32 KiB of input, the next block's dictionary.
    dict: Vec<u8>,
}

const GZ_BLOCK: usize = 128 * 1024;
const GZ_DICT: usize = 32 * 1024;

impl<W: Write> ParallelGzip<W> {
    fn new(mut out: W, level: u32) -> io::Result<Self> {
        // Header: magic, deflate, no flags, mtime 0, extra flags, OS unknown.
        let xfl = match level {
            9 => 2,
            1 => 4,
            _ => 0,
        };
        out.write_all(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 255])?;
        Ok(ParallelGzip {
            out,
            level,
            pool: None,
            crc: crc32fast::Hasher::new(),
            size: 0,
            dict: Vec::new(),
        })
    }

    fn write_chunk(&mut self, chunk: &[u8]) -> io::Result<()> {
        use rayon::prelude::*;
        let blocks: Vec<(&[u8], &[u8])> = chunk
            .chunks(GZ_BLOCK)
            .enumerate()
            .map(|(k, block)| {
                let dict: &[u8] = if k == 0 {
                    &self.dict
                } else {
                    let start = k * GZ_BLOCK;
                    &chunk[start.saturating_sub(GZ_DICT)..start]
                };
                (dict, block)
            })
            .collect();
        let level = self.level;
        let deflate = |(dict, block): &(&[u8], &[u8])| deflate_block(dict, block, level);
        let parts: Vec<io::Result<(Vec<u8>, crc32fast::Hasher)>> = match &self.pool {
            Some(pool) => pool.install(|| blocks.par_iter().map(deflate).collect()),
            None => blocks.iter().map(deflate).collect(),
        };
        for part in parts {
            let (bytes, crc) = part?;
            self.out.write_all(&bytes)?;
            self.crc.combine(&crc);
        }
        self.size += chunk.len() as u64;
        if chunk.len() >= GZ_DICT {
            self.dict.clear();
            self.dict.extend_from_slice(&chunk[chunk.len() - GZ_DICT..]);
        } else {
            self.dict.extend_from_slice(chunk);
            let excess = self.dict.len().saturating_sub(GZ_DICT);
            self.dict.drain(..excess);
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        // A final empty block closes the deflate stream.
        let mut c = flate2::Compress::new(flate2::Compression::new(self.level), false);
        let mut tail = Vec::with_capacity(64);
        c.compress_vec(&[], &mut tail, flate2::FlushCompress::Finish)
            .map_err(io::Error::other)?;
        self.out.write_all(&tail)?;
        let crc = self.crc.clone().finalize();
        self.out.write_all(&crc.to_le_bytes())?;
        self.out.write_all(&(self.size as u32).to_le_bytes())?;
        self.out.flush()
    }
}

/// Deflate one block (raw, sync-flushed) with `dict` as its dictionary.
fn deflate_block(
    dict: &[u8],
    block: &[u8],
    level: u32,
) -> io::Result<(Vec<u8>, crc32fast::Hasher)> {
    let mut c = flate2::Compress::new(flate2::Compression::new(level), false);
    if !dict.is_empty() {
        c.set_dictionary(dict).map_err(io::Error::other)?;
    }
    let mut out = Vec::with_capacity(block.len() / 2 + 1024);
    loop {
        let consumed = c.total_in() as usize;
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.capacity().max(4096));
        }
        let before_out = c.total_out();
        c.compress_vec(&block[consumed..], &mut out, flate2::FlushCompress::Sync)
            .map_err(io::Error::other)?;
        // Done when all input is in and the flush left room to spare in `out`.
        if c.total_in() as usize == block.len() && out.len() < out.capacity() {
            break;
        }
        if c.total_out() == before_out
            && c.total_in() as usize == consumed
            && out.len() < out.capacity()
        {
            break;
        }
    }
    let mut crc = crc32fast::Hasher::new();
    crc.update(block);
    Ok((out, crc))
}

/// tar.gz holding `database.gz`: the inner gzip goes to a temporary file first,
/// because a tar header states the member's size before its bytes.
struct Tgz {
    gz: Option<Threaded>,
    inner: tempfile::NamedTempFile,
    out: Option<Box<dyn Write + Send>>,
    /// Dropped after `inner` (which deletes the file).
    _registered: super::cleanup::Registered,
}

impl Write for Tgz {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.gz.as_mut() {
            Some(g) => g.write(buf),
            None => Ok(buf.len()),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self.gz.as_mut() {
            Some(g) => g.write_all(buf),
            None => Ok(()),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink for Tgz {
    fn finish(mut self: Box<Self>) -> io::Result<()> {
        if let Some(g) = self.gz.take() {
            Box::new(g).finish()?;
        }
        let mut f = File::open(self.inner.path())?;
        let size = f.metadata()?.len();
        let out = self
            .out
            .take()
            .ok_or_else(|| io::Error::other("tgz output already finished"))?;
        // The member is compressed already: store it without compressing again.
        let enc = flate2::write::GzEncoder::new(
            BufWriter::with_capacity(BUF, out),
            flate2::Compression::none(),
        );
        let mut tar = tar::Builder::new(enc);
        let mut h = tar::Header::new_gnu();
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        );
        h.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut h, "database.gz", &mut f)?;
        tar.into_inner()?.finish()?.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn sample(n: usize) -> Vec<u8> {
        let mut x: u32 = 1;
        (0..n)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                if i % 7 == 0 {
                    (x >> 16) as u8
                } else {
                    b"INSERT INTO t VALUES (1,'abc');\n"[i % 32]
                }
            })
            .collect()
    }

    #[test]
    fn zstd_allocation_failure_says_memory_and_the_fix() {
        // What the zstd crate makes of ZSTD_error_memory_allocation.
        let alloc = || io::Error::other("Allocation error : not enough memory");
        let z = |level, threads| Some(ZstdSettings { level, threads });
        let e = write_error("o.zst", z(19, 2), alloc());
        let Error::OutOfMemory { message, help, .. } = &e else {
            panic!("{e:?}");
        };
        assert!(message.contains("ran out of memory"), "{message}");
        assert!(message.contains("level 19 on 2 threads"), "{message}");
        assert!(
            help.contains("--threads 1") && help.contains("--level"),
            "{help}"
        );
        assert!(e.to_string().starts_with("cannot write o.zst: "), "{e}");
        // One thread already: only the level (and memory) to change.
        let Error::OutOfMemory { help, .. } = write_error("o.zst", z(19, 1), alloc()) else {
            panic!();
        };
        assert!(
            !help.contains("--threads") && help.contains("--level"),
            "{help}"
        );
        // With a limit, the message gives it.
        let Error::OutOfMemory { message, .. } = out_of_memory(
            "o.zst",
            ZstdSettings {
                level: 3,
                threads: 1,
            },
            Some(256 << 20),
        ) else {
            panic!();
        };
        assert!(message.ends_with("under ulimit -v 256 MiB)"), "{message}");
        // Other errors, and allocation errors of other outputs, stay write errors.
        let other = io::Error::other("No space left on device");
        assert!(matches!(
            write_error("o.zst", z(19, 2), other),
            Error::Write { .. }
        ));
        assert!(matches!(
            write_error("o.gz", None, alloc()),
            Error::Write { .. }
        ));
    }

    #[test]
    fn parallel_gzip_is_one_valid_member() {
        for n in [
            0,
            1,
            1000,
            GZ_DICT,
            GZ_BLOCK,
            GZ_BLOCK + 1,
            3 * GZ_BLOCK + 17,
            2_500_000,
        ] {
            let data = sample(n);
            let gzip = |threads: usize| {
                let mut out = Vec::new();
                let mut g = ParallelGzip::new(&mut out, 6).unwrap();
                if threads > 1 {
                    g.pool = Some(
                        rayon::ThreadPoolBuilder::new()
                            .num_threads(threads)
                            .build()
                            .unwrap(),
                    );
                }
                // Uneven chunks, as the sink thread receives them.
                for c in data.chunks(300_001) {
                    g.write_chunk(c).unwrap();
                }
                g.finish().unwrap();
                out
            };
            let out = gzip(1);
            // the same bytes on a pool of threads
            assert!(gzip(3) == out, "size {n}");
            // The single-member decoder reads all of it: it is one member.
            #[allow(clippy::disallowed_types)]
            let mut d = flate2::read::GzDecoder::new(&out[..]);
            let mut back = Vec::new();
            d.read_to_end(&mut back).unwrap();
            assert!(back == data, "size {n}");
            if n > 100_000 {
                assert!(out.len() < n / 2, "compressed {n} to {}", out.len());
            }
        }
    }
}
