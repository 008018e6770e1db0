//! Input and output: decoding by magic bytes (plain, gzip with any number of
//! members, zstd, tar, tar.gz, pg_dump archives: custom `PGDMP`, a tar whose first
//! member is `toc.dat`, a directory holding `toc.dat`, read as the script
//! `pg_restore -f -` prints, see [`crate::pgarchive`]), memory-mapping plain files,
//! and the output sink (plain, gzip, zstd, tar.gz) written under a temporary name and
//! renamed when complete.

pub mod chunks;
pub mod cleanup;
pub mod gzip;
pub mod output;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::error::{DecodeFailure, Error, Result};

/// Where the input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Source {
    /// `None` or `-` means stdin.
    pub fn from_arg(arg: Option<&Path>) -> Source {
        match arg {
            None => Source::Stdin,
            Some(p) if p.as_os_str() == "-" => Source::Stdin,
            Some(p) => Source::Path(p.to_path_buf()),
        }
    }

    /// How errors name it.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::Path(p) => p.display().to_string(),
        }
    }
}

/// One layer of encoding found around the SQL text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "member")]
pub enum Layer {
    /// gzip (all members are read).
    Gzip,
    /// zstd.
    Zstd,
    /// A tar archive; the member that holds the dump.
    Tar(String),
    /// A pg_dump archive (custom, tar or directory format): the SQL is the script
    /// `pg_restore -f -` writes for it.
    #[serde(rename = "pg_archive")]
    PgArchive {
        /// Custom, tar or directory.
        format: crate::pgarchive::Format,
        /// Archive version (`1.16`).
        version: String,
        /// Compression of its data.
        compression: crate::pgarchive::Compression,
    },
}

impl Layer {
    /// How `stats` names it: `gzip`, `zstd`, `tar:member`, `pg_dump:custom-1.16-gzip`.
    pub fn label(&self) -> String {
        match self {
            Layer::Gzip => "gzip".to_string(),
            Layer::Zstd => "zstd".to_string(),
            Layer::Tar(m) => format!("tar:{m}"),
            Layer::PgArchive {
                format,
                version,
                compression,
            } => format!("pg_dump:{}-{version}-{}", format.name(), compression.name()),
        }
    }
}

/// The decoded input.
pub enum Body {
    /// A plain file, memory-mapped.
    Mapped(memmap2::Mmap),
    /// A stream of decoded bytes.
    Stream(Box<dyn Read + Send>),
}

/// An opened input.
pub struct Input {
    /// Its name in messages.
    pub name: String,
    /// Encoding layers, outermost first (empty for plain).
    pub layers: Vec<Layer>,
    /// The bytes.
    pub body: Body,
    /// Size of the raw input in bytes, when known (a regular file).
    pub raw_size: Option<u64>,
    /// Raw bytes consumed so far (for progress display).
    pub raw_read: Arc<AtomicU64>,
    /// Device and inode of the input file, to refuse writing over it.
    pub identity: Option<(u64, u64)>,
    /// Notes for the user about how the input was read (tar members skipped), complete
    /// once the body was read to its end.
    pub notes: Arc<Mutex<Vec<String>>>,
    decoder: Option<JoinHandle<()>>,
}

impl Input {
    /// Plain bytes from `reader` (another stage of this process, such as the
    /// converter's output), named `name` in messages.
    pub fn from_reader(name: String, reader: Box<dyn Read + Send>) -> Input {
        Input {
            name,
            layers: Vec::new(),
            body: Body::Stream(reader),
            raw_size: None,
            raw_read: Arc::new(AtomicU64::new(0)),
            identity: None,
            notes: Arc::default(),
            decoder: None,
        }
    }

    /// Wait for the decoding thread (if any) after the body was read to the end.
    pub fn close(mut self) {
        if let Some(h) = self.decoder.take() {
            let _ = h.join();
        }
    }
}

/// How to open inputs.
#[derive(Clone, Copy, Debug)]
pub struct OpenOptions {
    /// Memory-map plain regular files.
    pub mmap: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { mmap: true }
    }
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
/// Bytes needed to recognise a tar header ("ustar" at offset 257).
const PEEK: usize = 512;
/// Layers of compression/archive nesting accepted (database.tgz ⊃ database.gz).
const MAX_LAYERS: usize = 4;
/// Size of the chunks the decoding thread hands over.
const CHUNK: usize = 256 * 1024;

/// Device and inode of standard input when it is a regular file (`< dump.sql`), so
/// that `-o dump.sql` is refused like naming the input file.
fn stdin_identity() -> Option<(u64, u64)> {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
    let meta = File::from(fd).metadata().ok()?;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

fn is_tar(head: &[u8]) -> bool {
    head.len() >= 262 && &head[257..262] == b"ustar"
}

/// A zstd skippable frame starts with one of 0x184D2A50..=0x184D2A5F (little endian),
/// then its size in 4 bytes. `pzstd` writes one before every frame; the decoder skips
/// them wherever they are, but the stream must be recognised as zstd by them too.
fn is_zstd_skippable(head: &[u8]) -> bool {
    head.len() >= 8 && head[0] & 0xf0 == 0x50 && head[1..4] == [0x2a, 0x4d, 0x18]
}

fn sniff(head: &[u8]) -> Option<Layer> {
    if head.starts_with(GZIP_MAGIC) {
        Some(Layer::Gzip)
    } else if head.starts_with(ZSTD_MAGIC) || is_zstd_skippable(head) {
        Some(Layer::Zstd)
    } else if is_tar(head) {
        Some(Layer::Tar(String::new()))
    } else if head.starts_with(b"PGDMP") {
        Some(pg_layer(head, crate::pgarchive::Format::Custom))
    } else {
        None
    }
}

/// The layer of a pg_dump archive whose header starts `head` (version and
/// compression `?` when `head` is too short to say; the reader reports why).
fn pg_layer(head: &[u8], format: crate::pgarchive::Format) -> Layer {
    let mut r = crate::pgarchive::read::Reader::new(head, 0);
    match crate::pgarchive::read::read_header(&mut r, format) {
        Ok(h) => Layer::PgArchive {
            format,
            version: h.version_text(),
            compression: h.compression,
        },
        Err(_) => Layer::PgArchive {
            format,
            version: "?".into(),
            compression: crate::pgarchive::Compression::None,
        },
    }
}

/// Bytes looked at for a pg_dump archive's header (its strings are short).
const PG_HEAD: usize = 8192;

/// A writer that hands what it is given to the reading side in chunks.
struct ChanWriter<'a> {
    tx: &'a SyncSender<Msg>,
    buf: Vec<u8>,
}

impl ChanWriter<'_> {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.tx
            .send(Msg::Data(chunk))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

impl io::Write for ChanWriter<'_> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        if self.buf.len() + b.len() > CHUNK && !self.buf.is_empty() {
            self.send()?;
        }
        self.buf.extend_from_slice(b);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// Write the script of a pg_dump archive through `run` to the reading side: the
/// layers first, then the text; a malformed archive is an error naming the byte.
fn pg_restore_into(
    layers: Vec<Layer>,
    cx: &Ctx<'_>,
    run: impl FnOnce(
        &mut dyn io::Write,
        &str,
    ) -> std::result::Result<(), crate::pgarchive::restore::Failure>,
) -> std::result::Result<Decoded, String> {
    use crate::pgarchive::restore::Failure;
    let what = match layers.last() {
        Some(Layer::PgArchive { format, .. }) => {
            format!("pg_dump {}-format archive", format.name())
        }
        _ => "pg_dump archive".to_string(),
    };
    let inner = &layers[..layers.len().saturating_sub(1)];
    let within = match inner.last() {
        None => String::new(),
        Some(l) => within(std::slice::from_ref(l)),
    };
    if cx.tx.send(Msg::Layers(layers.clone())).is_err() {
        return Ok(Decoded::Sent);
    }
    let mut w = ChanWriter {
        tx: cx.tx,
        buf: Vec::with_capacity(CHUNK),
    };
    let key = crate::pgarchive::restore::restrict_key();
    let result = run(&mut w, &key).and_then(|()| io::Write::flush(&mut w).map_err(Failure::Write));
    match result {
        Ok(()) => Ok(Decoded::Sent),
        // The reader went away (an error downstream): stop quietly.
        Err(Failure::Write(_)) => Ok(Decoded::Sent),
        // no offset of the archive's own (a tar around it failed): the input's
        Err(Failure::Archive(e)) if e.offset == 0 => Err(format!(
            "{what}: {} (near {} {} of the input)",
            e.message,
            unit(inner),
            cx.raw.load(Ordering::Relaxed)
        )),
        Err(Failure::Archive(e)) => Err(format!(
            "{what}: {} at byte {}{within}",
            e.message, e.offset
        )),
    }
}

/// Formats people hand over that dumpfix does not read: what the input is, and the
/// command that turns it into a plain dump (`FILE` stands for the input's name).
fn foreign(head: &[u8]) -> Option<(&'static str, &'static str)> {
    if head.len() >= 4 && head.starts_with(b"BZh") && (b'1'..=b'9').contains(&head[3]) {
        Some((
            "bzip2-compressed",
            "bzcat FILE | dumpfix …  (or recompress it with gzip or zstd)",
        ))
    } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0x00]) {
        Some((
            "xz-compressed",
            "xzcat FILE | dumpfix …  (or recompress it with gzip or zstd)",
        ))
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Some((
            "a zip archive",
            "unzip -p FILE | dumpfix …  (unzip -l FILE lists its members)",
        ))
    } else if head.starts_with(&[b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c]) {
        Some(("a 7z archive", "7z x -so FILE | dumpfix …"))
    } else if head.starts_with(&[0x04, 0x22, 0x4d, 0x18]) {
        Some(("lz4-compressed", "lz4 -dc FILE | dumpfix …"))
    } else {
        None
    }
}

/// The error for a [`foreign`] input.
fn unsupported(name: &str, what: &str, help: &str, is_stdin: bool) -> Error {
    let file = if is_stdin { "FILE" } else { name };
    Error::Unsupported {
        source_name: name.to_string(),
        what: format!("this is {what}"),
        help: format!("convert it first: {}", help.replace("FILE", file)),
    }
}

/// What a tar archive written by `pg_dump -Ft` holds first, and a directory written
/// by `pg_dump -Fd`.
const PG_TOC: &str = "toc.dat";

/// UTF-16 with a byte order mark (what Windows PowerShell's `mysqldump > dump.sql`
/// writes): `Some(true)` little-endian, `Some(false)` big-endian.
fn utf16_bom(head: &[u8]) -> Option<bool> {
    if head.starts_with(&[0xff, 0xfe]) {
        Some(true)
    } else if head.starts_with(&[0xfe, 0xff]) {
        Some(false)
    } else {
        None
    }
}

/// The note for a UTF-16 input.
fn utf16_note(le: bool) -> String {
    format!(
        "read as UTF-16{} (it starts with a byte order mark) and converted to UTF-8; \
         byte offsets and the output are UTF-8 (PowerShell's `>` writes UTF-16: \
         `mysqldump --result-file=dump.sql` writes the dump as it is)",
        if le { "LE" } else { "BE" }
    )
}

/// A reader that converts UTF-16 with a byte order mark to UTF-8 as it streams (the
/// mark is removed; an unpaired surrogate becomes U+FFFD).
pub struct Utf16ToUtf8<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    in_start: usize,
    in_end: usize,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    eof: bool,
    done: bool,
}

impl<R: Read> Utf16ToUtf8<R> {
    /// Wrap `inner`, which starts with a UTF-16 byte order mark (little-endian: `le`).
    pub fn new(inner: R, le: bool) -> Self {
        let encoding = if le {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        Utf16ToUtf8 {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; 64 * 1024],
            in_start: 0,
            in_end: 0,
            output: vec![0; 3 * 64 * 1024 + 16],
            out_start: 0,
            out_end: 0,
            eof: false,
            done: false,
        }
    }
}

impl<R: Read> Read for Utf16ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let n = buf.len().min(self.out_end - self.out_start);
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            if self.in_start == self.in_end && !self.eof {
                self.in_start = 0;
                self.in_end = 0;
                match self.inner.read(&mut self.input) {
                    Ok(0) => self.eof = true,
                    Ok(n) => self.in_end = n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.in_start..self.in_end],
                &mut self.output,
                self.eof,
            );
            self.in_start += read;
            self.out_start = 0;
            self.out_end = written;
            if self.eof && result == encoding_rs::CoderResult::InputEmpty {
                self.done = true;
            }
        }
    }
}

/// Open `source`, detect its encoding by magic bytes, and return the decoded bytes.
pub fn open(source: &Source, opts: OpenOptions) -> Result<Input> {
    let name = source.name();
    let raw_read = Arc::new(AtomicU64::new(0));
    let read_err = |e: io::Error| Error::Read {
        path: name.clone(),
        source: e,
    };
    let (raw, raw_size, identity, file): (Box<dyn Read + Send>, _, _, Option<File>) = match source {
        Source::Stdin => (Box::new(io::stdin()), None, stdin_identity(), None),
        Source::Path(p) => {
            let meta = std::fs::metadata(p).map_err(read_err)?;
            if meta.is_dir() {
                if p.join(PG_TOC).is_file() {
                    return open_pg_directory(name, p);
                }
                return Err(read_err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    format!(
                        "is a directory, and not a pg_dump directory-format archive \
                         (-Fd): it has no {PG_TOC}; give the dump file in it"
                    ),
                )));
            }
            let f = File::open(p).map_err(read_err)?;
            let size = meta.is_file().then_some(meta.len());
            let id = {
                use std::os::unix::fs::MetadataExt;
                Some((meta.dev(), meta.ino()))
            };
            let clone = f.try_clone().map_err(read_err)?;
            (Box::new(clone), size, id, Some(f))
        }
    };
    let mut raw = Peek::new(Counting {
        inner: raw,
        count: raw_read.clone(),
    });
    let head = raw.peek(PEEK).map_err(read_err)?;
    if head.is_empty() {
        return Err(Error::Empty { source_name: name });
    }
    if let Some((what, help)) = foreign(head) {
        return Err(unsupported(&name, what, help, *source == Source::Stdin));
    }
    if let Some(le) = utf16_bom(head) {
        return Ok(Input {
            name,
            layers: Vec::new(),
            body: Body::Stream(Box::new(Utf16ToUtf8::new(raw, le))),
            raw_size,
            raw_read,
            identity,
            notes: Arc::new(Mutex::new(vec![utf16_note(le)])),
            decoder: None,
        });
    }
    let layer = sniff(head);
    if layer.is_none() && opts.mmap {
        if let (Some(f), Some(size)) = (&file, raw_size) {
            if let Some(map) = map_file(f, size) {
                let _ = map.advise(memmap2::Advice::Sequential);
                raw_read.store(0, Ordering::Relaxed);
                return Ok(Input {
                    name,
                    layers: Vec::new(),
                    body: Body::Mapped(map),
                    raw_size: Some(size),
                    raw_read,
                    identity,
                    notes: Arc::default(),
                    decoder: None,
                });
            }
            // Not mapped: read like a pipe (the bytes peeked at are kept).
        }
    }
    if layer.is_none() {
        return Ok(Input {
            name,
            layers: Vec::new(),
            body: Body::Stream(Box::new(raw)),
            raw_size,
            raw_read,
            identity,
            notes: Arc::default(),
            decoder: None,
        });
    }
    // Compressed or archived: decode on a thread of its own, hand chunks over.
    on_decoder_thread(name, raw_size, raw_read, identity, move |cx| {
        decode(Box::new(raw), Vec::new(), cx, 0, Gate::Any).map(|_| ())
    })
}

/// The input whose plain bytes `decode` sends from a thread of its own (as
/// [`Msg`]s: first the layers found, then the data, or an error); waits for the
/// first message, so that an input that cannot be decoded is an error here.
fn on_decoder_thread(
    name: String,
    raw_size: Option<u64>,
    raw_read: Arc<AtomicU64>,
    identity: Option<(u64, u64)>,
    decode: impl FnOnce(&Ctx<'_>) -> std::result::Result<(), String> + Send + 'static,
) -> Result<Input> {
    let (tx, rx) = sync_channel::<Msg>(4);
    let count = raw_read.clone();
    let notes = Arc::new(Mutex::new(Vec::new()));
    let thread_notes = notes.clone();
    let handle = std::thread::Builder::new()
        .name("decode".into())
        .spawn(move || {
            let cx = Ctx {
                tx: &tx,
                raw: &count,
                notes: &thread_notes,
            };
            if let Err(msg) = decode(&cx) {
                let _ = tx.send(Msg::Err(msg));
            }
        })
        .map_err(|e| Error::Read {
            path: name.clone(),
            source: e,
        })?;
    // The first message says which layers were found (or an error).
    let layers = match rx.recv() {
        Ok(Msg::Layers(l)) => l,
        Ok(Msg::Err(m)) => {
            let _ = handle.join();
            return Err(Error::Decode {
                source_name: name,
                message: m,
            });
        }
        _ => {
            let _ = handle.join();
            return Err(Error::Empty { source_name: name });
        }
    };
    Ok(Input {
        name,
        layers,
        body: Body::Stream(Box::new(ChannelReader {
            rx,
            cur: Vec::new(),
            pos: 0,
            done: false,
        })),
        raw_size,
        raw_read,
        identity,
        notes,
        decoder: Some(handle),
    })
}

/// A directory written by `pg_dump -Fd`: its script, made on a thread of its own.
fn open_pg_directory(name: String, dir: &Path) -> Result<Input> {
    let header = crate::pgarchive::data::dir_header(dir).map_err(|e| Error::Decode {
        source_name: name.clone(),
        message: match e {
            crate::pgarchive::restore::Failure::Archive(a) => {
                format!(
                    "pg_dump directory-format archive: {} (byte {} of {PG_TOC})",
                    a.message, a.offset
                )
            }
            crate::pgarchive::restore::Failure::Write(w) => w.to_string(),
        },
    })?;
    let layer = Layer::PgArchive {
        format: crate::pgarchive::Format::Directory,
        version: header.version_text(),
        compression: header.compression,
    };
    let dir = dir.to_path_buf();
    on_decoder_thread(name, None, Arc::default(), None, move |cx| {
        pg_restore_into(vec![layer], cx, |w, key| {
            crate::pgarchive::data::dir_to_sql(&dir, w, key)
        })
        .map(|_| ())
    })
}

/// Address space a run needs besides the map: thread stacks, allocator arenas, the
/// zstd encoder's windows (level 19 on two threads takes over 256 MiB), row buffers.
const MAP_RESERVE: u64 = 512 << 20;

/// Map a plain regular file of `size` bytes, or `None` to read it instead: when the
/// map would take address space that the rest of the run needs (a finite
/// `ulimit -v` that the file and [`MAP_RESERVE`] do not fit in: mapping a 500 MB file
/// under 256 MiB fails with ENOMEM, and a map that fits but leaves too little makes
/// the encoders fail later), or when mapping fails (ENOMEM, a file system that cannot
/// map). Reading costs a copy per buffer and little time; the output is the same.
fn map_file(f: &File, size: u64) -> Option<memmap2::Mmap> {
    if let Some(limit) = address_space_limit() {
        if size.saturating_add(MAP_RESERVE) > limit {
            return None;
        }
    }
    // SAFETY: the map is read-only and private to this process. If another process
    // truncates the file while we read it, the access faults (SIGBUS); that is the
    // documented risk of mapping, accepted for regular files whose size we just
    // checked. `--no-mmap` avoids it.
    #[allow(unsafe_code)]
    let map = unsafe { memmap2::Mmap::map(f) }.ok()?;
    Some(map)
}

/// The soft limit on this process's address space (`ulimit -v`), when there is one.
#[cfg(unix)]
pub(crate) fn address_space_limit() -> Option<u64> {
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `rl` is a valid, writable rlimit for the call to fill; nothing else is
    // read or kept.
    #[allow(unsafe_code)]
    let r = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut rl) };
    // rlim_t is not u64 on every target.
    #[allow(clippy::unnecessary_cast)]
    let cur = rl.rlim_cur as u64;
    (r == 0 && rl.rlim_cur != libc::RLIM_INFINITY).then_some(cur)
}

#[cfg(not(unix))]
pub(crate) fn address_space_limit() -> Option<u64> {
    None
}

enum Msg {
    Layers(Vec<Layer>),
    Data(Vec<u8>),
    Err(String),
}

/// What the decoding thread shares: where the plain bytes go, the raw bytes read so
/// far (for messages), and the notes for the user.
struct Ctx<'a> {
    tx: &'a SyncSender<Msg>,
    raw: &'a AtomicU64,
    notes: &'a Mutex<Vec<String>>,
}

/// Which plain data [`decode`] sends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// Whatever it is (the input itself, a tar member named as a dump): the splitter
    /// says whether it is SQL.
    Any,
    /// Only SQL; anything else (a tar inside, bytes that are not SQL) is reported
    /// back, not sent.
    IfSql,
    /// Send nothing: only say whether it is SQL.
    Probe,
}

/// What [`decode`] did.
#[derive(Debug, PartialEq, Eq)]
enum Decoded {
    /// Sent the plain bytes.
    Sent,
    /// SQL, not sent ([`Gate::Probe`]).
    Sql,
    /// Not SQL, not sent; why.
    NotSql(String),
}

/// Decode `r` (already known to be encoded, or plain at depth > 0) and send its plain
/// bytes, as `gate` says. Runs on the decoding thread.
fn decode(
    r: Box<dyn Read + '_>,
    mut layers: Vec<Layer>,
    cx: &Ctx<'_>,
    depth: usize,
    gate: Gate,
) -> std::result::Result<Decoded, String> {
    let mut r = Peek::new(r);
    let head = r
        .peek(PEEK)
        .map_err(|e| describe(&layers, "reading", e, cx.raw))?;
    if head.is_empty() {
        return Err(format!(
            "{} holds no data",
            layers.last().map(layer_name).unwrap_or("the input")
        ));
    }
    let bom = utf16_bom(head);
    let Some(layer) = sniff(head) else {
        if gate != Gate::Any {
            let head = r
                .peek(crate::detect::PREFIX)
                .map_err(|e| describe(&layers, "decoding", e, cx.raw))?;
            if let Err(e) = crate::detect::detect(head, None) {
                return Ok(Decoded::NotSql(e.reason));
            }
            if gate == Gate::Probe {
                return Ok(Decoded::Sql);
            }
        }
        // Plain: announce the layers, then pump.
        if cx.tx.send(Msg::Layers(layers.clone())).is_err() {
            return Ok(Decoded::Sent);
        }
        if let Some(le) = bom {
            if let Ok(mut n) = cx.notes.lock() {
                n.push(utf16_note(le));
            }
            let mut t = Utf16ToUtf8::new(r, le);
            pump(&mut t, cx.tx).map_err(|e| describe(&layers, "decoding", e, cx.raw))?;
            return Ok(Decoded::Sent);
        }
        pump(&mut r, cx.tx).map_err(|e| describe(&layers, "decoding", e, cx.raw))?;
        return Ok(Decoded::Sent);
    };
    if depth >= MAX_LAYERS {
        return Err(format!(
            "more than {MAX_LAYERS} nested layers of compression or archives"
        ));
    }
    match layer {
        Layer::Gzip => {
            let within = within(&layers);
            layers.push(Layer::Gzip);
            let members = gzip::GzMembers::new(r, within);
            decode(Box::new(members), layers, cx, depth + 1, gate)
        }
        Layer::Zstd => {
            layers.push(Layer::Zstd);
            let d = zstd::Decoder::new(r).map_err(|e| describe(&layers, "opening", e, cx.raw))?;
            decode(Box::new(d), layers, cx, depth + 1, gate)
        }
        // A compressed tar member that is itself a tar (a document volume) is not a
        // dump: its members are not looked at.
        Layer::Tar(_) if gate != Gate::Any => Ok(Decoded::NotSql("a tar archive".into())),
        Layer::Tar(_) => decode_tar(r, layers, cx, depth),
        Layer::PgArchive { .. } if gate != Gate::Any => {
            Ok(Decoded::NotSql("a pg_dump custom-format archive".into()))
        }
        Layer::PgArchive { .. } => {
            let head = r
                .peek(PG_HEAD)
                .map_err(|e| describe(&layers, "reading", e, cx.raw))?;
            layers.push(pg_layer(head, crate::pgarchive::Format::Custom));
            pg_restore_into(layers, cx, |w, key| {
                crate::pgarchive::data::custom_to_sql(r, w, key)
            })
        }
    }
}

/// What a tar member's name says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    /// `*.sql`, `*.sql.gz`, `*.sql.zst`, `*.sql.zstd`, and pg_dump archives by
    /// their usual names `*.dump`, `*.backup` (Mendix's `db/db.backup`): a dump.
    Dump,
    /// Another `*.gz`, `*.zst`, `*.zstd` (`database.gz`, `lportal.gz`): a dump when
    /// what it holds is SQL.
    Compressed,
    /// Anything else (README, `*.txt`, `*.tar`, …): not a dump.
    Other,
}

/// The rule by which a tar member counts as a dump (README and `--help` say it).
fn named(base: &str) -> Named {
    let lower = base.to_ascii_lowercase();
    let stem = [".gz", ".zst", ".zstd"]
        .iter()
        .find_map(|ext| lower.strip_suffix(ext));
    match stem {
        _ if lower.ends_with(".sql") || lower.ends_with(".dump") || lower.ends_with(".backup") => {
            Named::Dump
        }
        Some(s) if s.ends_with(".sql") => Named::Dump,
        Some(s) if !s.is_empty() => Named::Compressed,
        _ => Named::Other,
    }
}

/// Read a tar archive: the one member that is a dump is decoded (see [`named`]); the
/// other files are listed in a note; a second dump is an error naming both.
fn decode_tar(
    r: Peek<Box<dyn Read + '_>>,
    layers: Vec<Layer>,
    cx: &Ctx<'_>,
    depth: usize,
) -> std::result::Result<Decoded, String> {
    let mut archive = tar::Archive::new(r);
    let mut entries = archive
        .entries()
        .map_err(|e| describe(&layers, "reading tar", e, cx.raw))?;
    let mut used: Option<String> = None;
    // Files that are not dumps, with the reason (for the note and the error).
    let mut skipped = Listed::default();
    // Everything else that is no file (folders, links, empty files, macOS metadata).
    let mut other = Listed::default();
    // the last member seen: an archive cut inside it fails at the next header
    let mut last: Option<String> = None;
    while let Some(entry) = entries.next() {
        let entry = entry.map_err(|e| describe_tar(&layers, last.as_deref(), e, cx.raw))?;
        let path = entry
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| "?".into());
        last = Some(path.clone());
        let is_file = matches!(
            entry.header().entry_type(),
            tar::EntryType::Regular | tar::EntryType::Continuous
        );
        let base = path.rsplit('/').next().unwrap_or(&path).to_string();
        if used.is_none() && base == PG_TOC && depth <= 1 {
            // pg_dump -Ft: toc.dat first, then NNNN.dat, blob_NNN.dat, and a
            // restore.sql that only loads the data files from a path given when it
            // is run: the script is pg_restore's
            let mut toc = Peek::new(entry);
            let head = toc
                .peek(PG_HEAD)
                .map_err(|e| describe(&layers, "reading tar", e, cx.raw))?;
            let mut pg_layers = layers.clone();
            pg_layers.push(pg_layer(head, crate::pgarchive::Format::Tar));
            let result = pg_restore_into(pg_layers, cx, |w, key| {
                crate::pgarchive::data::tar_to_sql(toc, &mut entries, w, key)
            });
            if result.is_ok() {
                io::copy(&mut archive.into_inner(), &mut io::sink())
                    .map_err(|e| describe(&layers, "reading tar", e, cx.raw))?;
            }
            return result;
        }
        if !is_file || entry.size() == 0 || base.starts_with("._") || base == ".metadata" {
            other.add(path);
            continue;
        }
        let kind = named(&base);
        if kind == Named::Other {
            skipped.add(format!("{path} (not a dump by its name)"));
            continue;
        }
        let mut member_layers = layers.clone();
        member_layers.push(Layer::Tar(path.clone()));
        let gate = match (kind, &used) {
            (Named::Dump, None) => Gate::Any,
            (_, None) => Gate::IfSql,
            (_, Some(_)) => Gate::Probe,
        };
        if let (Named::Dump, Some(first)) = (kind, &used) {
            return Err(two_dumps(first, &path));
        }
        match decode(Box::new(entry), member_layers, cx, depth + 1, gate)? {
            Decoded::Sent => used = Some(path),
            Decoded::Sql => {
                return Err(two_dumps(used.as_deref().unwrap_or("?"), &path));
            }
            Decoded::NotSql(why) => skipped.add(format!("{path} (not SQL: {why})")),
        }
    }
    // Read the archive to its end (the zero blocks and padding after the last entry):
    // a gzip or zstd layer around it then reaches its own end and checks it (CRC-32
    // and length of every gzip member), as `bundle verify` promises.
    io::copy(&mut archive.into_inner(), &mut io::sink())
        .map_err(|e| describe_tar(&layers, last.as_deref(), e, cx.raw))?;
    if used.is_none() {
        let all = [skipped.to_string(), other.to_string()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>();
        return Err(format!(
            "the tar archive holds no dump: a dump is a member named *.sql, *.sql.gz, \
             *.sql.zst, *.dump or *.backup, or a *.gz or *.zst holding SQL (members: {})",
            if all.is_empty() {
                "none".to_string()
            } else {
                all.join(", ")
            }
        ));
    }
    if !skipped.is_empty() {
        if let Ok(mut n) = cx.notes.lock() {
            n.push(format!(
                "skipped the tar members that are not dumps: {skipped}"
            ));
        }
    }
    Ok(Decoded::Sent)
}

/// Names of tar members for a message: the first few, and how many more (a Mendix
/// backup's `tree/` holds thousands of files; memory stays bounded).
#[derive(Default)]
struct Listed {
    names: Vec<String>,
    more: usize,
}

impl Listed {
    const NAMED: usize = 8;

    fn add(&mut self, name: String) {
        if self.names.len() < Self::NAMED {
            self.names.push(name);
        } else {
            self.more += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

impl std::fmt::Display for Listed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.names.join(", "))?;
        if self.more > 0 {
            write!(f, " and {} more", self.more)?;
        }
        Ok(())
    }
}

fn two_dumps(first: &str, second: &str) -> String {
    format!(
        "the tar archive holds more than one dump: {first} and {second}; extract the one to use"
    )
}

fn layer_name(l: &Layer) -> &'static str {
    match l {
        Layer::Gzip => "the gzip stream",
        Layer::Zstd => "the zstd stream",
        Layer::Tar(_) => "the tar member",
        Layer::PgArchive { .. } => "the pg_dump archive",
    }
}

/// What follows a byte offset inside the innermost of `layers` in messages: nothing
/// when there is no layer (the offset is the input's own).
fn within(layers: &[Layer]) -> String {
    match layers.last() {
        None => String::new(),
        Some(Layer::Tar(m)) => format!(" of the tar member {m}"),
        Some(Layer::Gzip) => " of the decoded gzip stream".into(),
        Some(Layer::Zstd) => " of the decoded zstd stream".into(),
        Some(Layer::PgArchive { .. }) => " of the pg_dump archive's script".into(),
    }
}

fn describe(layers: &[Layer], doing: &str, e: io::Error, raw: &AtomicU64) -> String {
    if e.get_ref().is_some_and(|i| i.is::<DecodeFailure>()) {
        // A message that says where itself.
        return e.into_inner().map(|i| i.to_string()).unwrap_or_default();
    }
    let what = match layers.last() {
        Some(Layer::Gzip) => "gzip data".to_string(),
        Some(Layer::Zstd) => "zstd data".to_string(),
        Some(Layer::Tar(m)) => format!("tar member {m}"),
        Some(Layer::PgArchive { .. }) => "pg_dump archive".to_string(),
        None => "input".to_string(),
    };
    // the tar members the failing layer is inside of (a `.sql.gz` member of a tar)
    let inside: String = layers
        .iter()
        .take(layers.len().saturating_sub(1))
        .filter_map(|l| match l {
            Layer::Tar(m) => Some(format!(" in tar member {m}")),
            _ => None,
        })
        .collect();
    let at = raw.load(Ordering::Relaxed);
    format!(
        "error {doing} {what}{inside} near {} {at}: {}",
        unit(layers),
        why(&e)
    )
}

/// What the offset of the input counts: compressed bytes when a layer decompresses.
fn unit(layers: &[Layer]) -> &'static str {
    if layers
        .iter()
        .any(|l| matches!(l, Layer::Gzip | Layer::Zstd))
    {
        "compressed byte"
    } else {
        "byte"
    }
}

/// A cut input, in messages.
const EARLY_END: &str = "input ended early (truncated?)";

/// What went wrong, for a message: a cut input says so (the tar crate's "unexpected
/// EOF during skip" and the like are about its own workings).
fn why(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::UnexpectedEof || e.to_string().contains("unexpected EOF") {
        EARLY_END.to_string()
    } else {
        e.to_string()
    }
}

/// A tar archive that fails after the member `last` (the next header, or the skip to
/// it): ended early, inside that member when it was cut.
fn describe_tar(layers: &[Layer], last: Option<&str>, e: io::Error, raw: &AtomicU64) -> String {
    match last {
        Some(m) if why(&e) == EARLY_END => format!(
            "the tar archive ends inside its member {m} (truncated?) near {} {}",
            unit(layers),
            raw.load(Ordering::Relaxed)
        ),
        _ => describe(layers, "reading tar", e, raw),
    }
}

/// Send everything `r` yields in chunks.
fn pump(r: &mut dyn Read, tx: &SyncSender<Msg>) -> io::Result<()> {
    loop {
        let mut chunk = vec![0u8; CHUNK];
        let mut filled = 0;
        while filled < CHUNK {
            match r.read(&mut chunk[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
        if filled == 0 {
            return Ok(());
        }
        chunk.truncate(filled);
        if tx.send(Msg::Data(chunk)).is_err() {
            // The reader went away (an error downstream): stop quietly.
            return Ok(());
        }
        if filled < CHUNK {
            return Ok(());
        }
    }
}

struct ChannelReader {
    rx: Receiver<Msg>,
    cur: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.cur.len() {
            if self.done {
                return Ok(0);
            }
            match self.rx.recv() {
                Ok(Msg::Data(d)) => {
                    self.cur = d;
                    self.pos = 0;
                }
                Ok(Msg::Err(m)) => {
                    self.done = true;
                    return Err(io::Error::other(DecodeFailure(m)));
                }
                Ok(Msg::Layers(_)) => {}
                Err(_) => {
                    self.done = true;
                    return Ok(0);
                }
            }
        }
        let n = buf.len().min(self.cur.len() - self.pos);
        buf[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// A reader that can look at its first bytes before they are read.
pub struct Peek<R> {
    inner: R,
    head: Vec<u8>,
    pos: usize,
}

impl<R: Read> Peek<R> {
    /// Wrap `inner`.
    pub fn new(inner: R) -> Self {
        Peek {
            inner,
            head: Vec::new(),
            pos: 0,
        }
    }

    /// The first `n` bytes (fewer at end of input), without consuming them.
    pub fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.head.len() < n {
            let old = self.head.len();
            self.head.resize(n, 0);
            match self.inner.read(&mut self.head[old..]) {
                Ok(0) => {
                    self.head.truncate(old);
                    break;
                }
                Ok(k) => self.head.truncate(old + k),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => self.head.truncate(old),
                Err(e) => {
                    self.head.truncate(old);
                    return Err(e);
                }
            }
        }
        Ok(&self.head[self.pos..self.head.len().min(n)])
    }
}

impl<R: Read> Read for Peek<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.head.len() {
            let n = buf.len().min(self.head.len() - self.pos);
            buf[..n].copy_from_slice(&self.head[self.pos..self.pos + n]);
            self.pos += n;
            if self.pos == self.head.len() {
                self.head = Vec::new();
                self.pos = 0;
            }
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tar_members_named_as_dumps() {
        for n in [
            "a.sql",
            "A.SQL",
            "a.sql.gz",
            "a.sql.zst",
            "a.sql.zstd",
            "x.y.sql",
        ] {
            assert_eq!(named(n), Named::Dump, "{n}");
        }
        for n in ["database.gz", "lportal.zst", "b.zstd", "volume.tar.gz"] {
            assert_eq!(named(n), Named::Compressed, "{n}");
        }
        for n in [
            "README", "a.txt", "a.tar", "a.tgz", ".gz", "sql", "a.sql.xz", "a.sqlite",
        ] {
            assert_eq!(named(n), Named::Other, "{n}");
        }
    }

    #[test]
    fn zstd_skippable_frames_are_zstd() {
        for nibble in 0..16u8 {
            let head = [0x50 | nibble, 0x2a, 0x4d, 0x18, 0, 0, 0, 0];
            assert_eq!(sniff(&head), Some(Layer::Zstd));
        }
        assert_eq!(sniff(&[0x60, 0x2a, 0x4d, 0x18, 0, 0, 0, 0]), None);
    }
}
