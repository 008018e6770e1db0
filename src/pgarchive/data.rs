//! The data of archive entries, per format: custom-format data blocks
//! (`pg_backup_custom.c`: a block type, the entry's dump ID, then length-prefixed
//! chunks of one compressed stream, ending with a zero length), tar members
//! (`pg_backup_tar.c`) and the files of a directory archive
//! (`pg_backup_directory.c`), each decompressed as a stream.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, TrySendError};
use std::thread::JoinHandle;

use super::read::{read_header, read_toc, Reader};
use super::restore::{restore, Data, Failure, Out};
use super::{ArchiveError, Compression, Format, Header, TocEntry};

/// `BLK_DATA`: a table's data.
const BLK_DATA: u8 = 1;
/// `BLK_BLOBS`: large objects.
const BLK_BLOBS: u8 = 3;
/// `K_OFFSET_NO_DATA`.
const NO_DATA: u8 = 3;
/// Bytes decompressed per step.
const STEP: usize = 128 * 1024;
/// Buffer of the archive's reader.
const READ_BUF: usize = 256 * 1024;
/// Compressed chunks (4 kB each for gzip) are handed to a worker in batches of this
/// many bytes, not one by one.
const BATCH: usize = 64 * 1024;

/// The script of a custom-format archive read from `r`, written to `w`.
pub fn custom_to_sql<R: Read>(r: R, w: &mut dyn Write, key: &str) -> Result<(), Failure> {
    // Integers are read a byte at a time: buffered, not a system call each.
    let mut rd = Reader::new(BufReader::with_capacity(READ_BUF, r), 0);
    let header = read_header(&mut rd, Format::Custom)?;
    let toc = read_toc(&mut rd, &header)?;
    let mut data = CustomData {
        rd,
        compression: header.compression,
        next: None,
        peeked: None,
    };
    restore(&header, &toc, &mut data, w, key)?;
    // The rest (pg_dump 17 and 18 writing to a pipe put a second copy of the TOC
    // after the data) is read, not interpreted: a layer around the archive (gzip)
    // then checks its own end.
    let mut sink = io::sink();
    io::copy(data.rd.inner(), &mut sink)
        .map_err(|e| Failure::Archive(data.rd.err(format!("cannot read the archive: {e}"))))?;
    Ok(())
}

/// Reads the chunks of one data stream: a length, that many bytes, …, a zero length.
struct Chunks<'a, R> {
    rd: &'a mut Reader<R>,
    left: u64,
    done: bool,
}

impl<R: Read> Chunks<'_, R> {
    /// Read up to the zero length.
    fn drain(&mut self) -> Result<(), ArchiveError> {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match self.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(e) => return Err(unwrap_archive(e, self.rd)),
            }
        }
    }
}

impl<R: Read> Read for Chunks<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.left == 0 {
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            let at = self.rd.pos;
            let n = self
                .rd
                .int("a data chunk's length")
                .map_err(io::Error::other)?;
            if n == 0 {
                self.done = true;
                return Ok(0);
            }
            if n < 0 {
                return Err(io::Error::other(ArchiveError {
                    offset: at,
                    message: format!("negative data chunk length {n}"),
                }));
            }
            self.left = n as u64;
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = match self.rd.inner().read(&mut buf[..want]) {
            Ok(0) => {
                return Err(io::Error::other(
                    self.rd
                        .err("the archive ends inside a data block (truncated?)"),
                ))
            }
            Ok(n) => n,
            Err(e) => return Err(e),
        };
        self.rd.pos += n as u64;
        self.left -= n as u64;
        Ok(n)
    }
}

/// The [`ArchiveError`] inside `e`, or one made at the reader's position.
fn unwrap_archive<R: Read>(e: io::Error, rd: &Reader<R>) -> ArchiveError {
    if e.get_ref().is_some_and(|i| i.is::<ArchiveError>()) {
        if let Some(inner) = e.into_inner() {
            if let Ok(a) = inner.downcast::<ArchiveError>() {
                return *a;
            }
        }
        return rd.err("corrupt data block");
    }
    rd.err(format!("cannot read the archive: {e}"))
}

/// A decompressing reader over `r` for `c` (`Gzip` is a zlib stream in the custom
/// format, a gzip file in the others: `gzip_file`).
fn decoder<'a>(
    r: Box<dyn Read + 'a>,
    c: Compression,
    gzip_file: bool,
) -> io::Result<Box<dyn Read + 'a>> {
    Ok(match c {
        Compression::None => r,
        Compression::Gzip if gzip_file => Box::new(flate2::read::MultiGzDecoder::new(r)),
        Compression::Gzip => Box::new(flate2::read::ZlibDecoder::new(r)),
        Compression::Lz4 => Box::new(lz4_flex::frame::FrameDecoder::new(r)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(r)?),
    })
}

/// Copy all of `r` to `out`; an error of `r` is described by `what` at `offset()`.
fn pump(
    r: &mut dyn Read,
    out: &mut Out<'_>,
    what: &dyn Fn(io::Error) -> Failure,
) -> Result<(), Failure> {
    let mut buf = vec![0u8; STEP];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => out.put(&buf[..n])?,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(what(e)),
        }
    }
}

/// Data blocks of a custom-format archive, read in the order they are stored.
///
/// Compressed table data is decompressed on worker threads ([`Job`]): the block
/// being printed on one, and the next data block on another as soon as the first
/// one's compressed bytes are all read, so that two tables are decompressed at once.
/// The queues between them are bounded ([`JOB_IN`] compressed chunks, [`JOB_OUT`]
/// decompressed pieces of [`STEP`] bytes per job): memory stays flat whatever the
/// size of a table, and the order is the archive's.
struct CustomData<R> {
    rd: Reader<R>,
    compression: Compression,
    /// The next data block, being decompressed ahead.
    next: Option<Job>,
    /// A block header read ahead that is not a data block: (offset, type, id).
    peeked: Option<(u64, u8, i64)>,
}

/// Compressed chunks queued for a worker (pg_dump writes chunks of 4 to 128 kB).
const JOB_IN: usize = 32;
/// Decompressed pieces queued from a worker (8 MB).
const JOB_OUT: usize = 64;

/// A data block decompressed on a worker thread.
struct Job {
    /// The dump ID the block belongs to.
    id: i64,
    /// Where the block starts, for messages.
    start: u64,
    /// Compressed chunks to the worker; `None` once all are sent (or it stopped).
    tx: Option<SyncSender<Vec<u8>>>,
    /// A chunk read but not yet taken by the worker.
    held: Option<Vec<u8>>,
    /// Whether the zero length that ends the block was read.
    input_done: bool,
    /// Decompressed pieces, or the decompressor's error; closed at the end.
    rx: Receiver<Result<Vec<u8>, String>>,
    /// Pieces printed, back to the worker to be filled again (no allocation and
    /// page faults per piece).
    back: std::sync::mpsc::Sender<Vec<u8>>,
    handle: Option<JoinHandle<()>>,
}

impl Job {
    /// Whether compressed bytes of the block are still to be handed to the worker.
    fn pending(&self) -> bool {
        !self.input_done || self.held.is_some()
    }
}

/// A reader over the chunks a worker receives.
struct RecvReader {
    rx: Receiver<Vec<u8>>,
    cur: Vec<u8>,
    pos: usize,
}

impl Read for RecvReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.cur.len() {
            match self.rx.recv() {
                Ok(c) => {
                    self.cur = c;
                    self.pos = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len() - self.pos);
        buf[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The worker: decompress what arrives on `rx`, send the pieces on `tx`.
fn decompress_worker(
    rx: Receiver<Vec<u8>>,
    tx: SyncSender<Result<Vec<u8>, String>>,
    back: Receiver<Vec<u8>>,
    comp: Compression,
) {
    let mut src = BufReader::new(RecvReader {
        rx,
        cur: Vec::new(),
        pos: 0,
    });
    // An empty stream (no chunk at all) is no data, whatever the compression.
    match src.fill_buf() {
        Ok([]) => return,
        Ok(_) => {}
        Err(e) => {
            let _ = tx.send(Err(e.to_string()));
            return;
        }
    }
    let mut d = match decoder(Box::new(src), comp, false) {
        Ok(d) => d,
        Err(e) => {
            let _ = tx.send(Err(e.to_string()));
            return;
        }
    };
    loop {
        let mut buf = back.try_recv().unwrap_or_default();
        buf.resize(STEP, 0);
        match d.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                buf.truncate(n);
                if tx.send(Ok(buf)).is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
                return;
            }
        }
    }
}

impl<R: Read> CustomData<R> {
    /// Whether data blocks are decompressed on worker threads.
    fn parallel(&self) -> bool {
        self.compression != Compression::None
    }

    /// One chunk of the current block, `None` at its end.
    fn read_chunk(&mut self) -> Result<Option<Vec<u8>>, Failure> {
        let at = self.rd.pos;
        let n = self.rd.int("a data chunk's length")?;
        if n == 0 {
            return Ok(None);
        }
        if !(0..=1 << 30).contains(&n) {
            return Err(Failure::Archive(ArchiveError {
                offset: at,
                message: format!("data chunk length {n} (corrupt archive?)"),
            }));
        }
        let mut v = Vec::new();
        let got = self
            .rd
            .inner()
            .take(n as u64)
            .read_to_end(&mut v)
            .map_err(|e| Failure::Archive(self.rd.err(format!("cannot read the archive: {e}"))))?;
        self.rd.pos += got as u64;
        if (got as u64) < n as u64 {
            return Err(Failure::Archive(
                self.rd
                    .err("the archive ends inside a data block (truncated?)"),
            ));
        }
        Ok(Some(v))
    }

    /// Start a worker for the data block `id` whose header was just read at `start`.
    fn start_job(&self, id: i64, start: u64) -> Result<Job, Failure> {
        let (tx_in, rx_in) = std::sync::mpsc::sync_channel(JOB_IN);
        let (tx_out, rx_out) = std::sync::mpsc::sync_channel(JOB_OUT);
        let (back, back_rx) = std::sync::mpsc::channel();
        let comp = self.compression;
        let handle = std::thread::Builder::new()
            .name("pg-inflate".into())
            .spawn(move || decompress_worker(rx_in, tx_out, back_rx, comp))
            .map_err(Failure::Write)?;
        Ok(Job {
            id,
            start,
            tx: Some(tx_in),
            held: None,
            input_done: false,
            rx: rx_out,
            back,
            handle: Some(handle),
        })
    }

    /// Hand a batch of chunks of `job`'s block to its worker; whether that made
    /// progress (false: its queue is full).
    fn feed(&mut self, job: &mut Job) -> Result<bool, Failure> {
        let chunk = match job.held.take() {
            Some(c) => c,
            None => {
                let mut batch = Vec::new();
                while batch.len() < BATCH {
                    match self.read_chunk()? {
                        Some(c) if batch.is_empty() => batch = c,
                        Some(c) => batch.extend_from_slice(&c),
                        None => {
                            job.input_done = true;
                            break;
                        }
                    }
                }
                if batch.is_empty() {
                    job.tx = None;
                    return Ok(true);
                }
                batch
            }
        };
        let Some(tx) = job.tx.as_ref() else {
            return Ok(true);
        };
        match tx.try_send(chunk) {
            Ok(()) => {
                if job.input_done {
                    job.tx = None;
                }
                Ok(true)
            }
            Err(TrySendError::Full(c)) => {
                job.held = Some(c);
                Ok(false)
            }
            Err(TrySendError::Disconnected(_)) => {
                job.tx = None;
                Ok(true)
            }
        }
    }

    /// Read the rest of `job`'s block (its worker is done or given up) and wait
    /// for the worker.
    fn finish(&mut self, mut job: Job) -> Result<(), Failure> {
        job.tx = None;
        job.held = None;
        drop(job.rx);
        while !job.input_done {
            if self.read_chunk()?.is_none() {
                job.input_done = true;
            }
        }
        if let Some(h) = job.handle.take() {
            let _ = h.join();
        }
        Ok(())
    }

    /// Work on the block after the current one: read its header, start its worker,
    /// feed it; whether that made progress.
    fn prefetch(&mut self) -> Result<bool, Failure> {
        if self.peeked.is_some() {
            return Ok(false);
        }
        if let Some(mut next) = self.next.take() {
            let progress = next.pending() && self.feed(&mut next)?;
            self.next = Some(next);
            return Ok(progress);
        }
        let at = self.rd.pos;
        let Some(ty) = self.rd.byte_or_eof()? else {
            return Ok(false);
        };
        let id = self.rd.int("a block header")?;
        if ty == BLK_DATA {
            self.next = Some(self.start_job(id, at)?);
            Ok(true)
        } else {
            self.peeked = Some((at, ty, id));
            Ok(false)
        }
    }

    /// Print the output of `job` (the block of `te`) as it comes, feeding it and
    /// the block after it meanwhile.
    fn run(&mut self, mut job: Job, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        let corrupt = |this: &Self, m: String, start: u64| {
            Failure::Archive(ArchiveError {
                offset: this.rd.pos,
                message: format!(
                    "corrupt {} data in the data of {} (its block starts at byte {start}): {m}",
                    this.compression.name(),
                    te.describe()
                ),
            })
        };
        loop {
            loop {
                match job.rx.try_recv() {
                    Ok(Ok(b)) => {
                        out.put(&b)?;
                        let _ = job.back.send(b);
                    }
                    Ok(Err(m)) => return Err(corrupt(self, m, job.start)),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => return self.finish(job),
                }
            }
            let progress = if job.pending() {
                self.feed(&mut job)?
            } else {
                self.prefetch()?
            };
            if progress {
                continue;
            }
            match job.rx.recv() {
                Ok(Ok(b)) => {
                    out.put(&b)?;
                    let _ = job.back.send(b);
                }
                Ok(Err(m)) => return Err(corrupt(self, m, job.start)),
                Err(_) => return self.finish(job),
            }
        }
    }

    /// Give up the block decompressed ahead (it is not the one asked for).
    fn drop_next(&mut self) -> Result<(), Failure> {
        match self.next.take() {
            Some(job) => self.finish(job),
            None => Ok(()),
        }
    }

    /// Read block headers, skipping other entries' blocks, up to the block of `te`;
    /// its type.
    fn find(&mut self, te: &TocEntry) -> Result<u8, Failure> {
        self.drop_next()?;
        loop {
            let (at, ty, id) = match self.peeked.take() {
                Some(h) => h,
                None => {
                    let at = self.rd.pos;
                    let Some(ty) = self.rd.byte_or_eof()? else {
                        return Err(Failure::Archive(ArchiveError {
                            offset: at,
                            message: format!(
                                "could not find the data block of {} in the archive \
                                 (truncated, or stored before a block already read)",
                                te.describe()
                            ),
                        }));
                    };
                    (at, ty, self.rd.int("a block header")?)
                }
            };
            if ty != BLK_DATA && ty != BLK_BLOBS {
                return Err(Failure::Archive(ArchiveError {
                    offset: at,
                    message: format!("unrecognized data block type {ty} (corrupt archive?)"),
                }));
            }
            if id == te.dump_id {
                return Ok(ty);
            }
            if ty == BLK_DATA {
                self.skip_stream()?;
            } else {
                loop {
                    let oid = self.rd.int("a large object's OID")?;
                    if oid == 0 {
                        break;
                    }
                    self.skip_stream()?;
                }
            }
        }
    }

    fn skip_stream(&mut self) -> Result<(), Failure> {
        let mut c = Chunks {
            rd: &mut self.rd,
            left: 0,
            done: false,
        };
        c.drain().map_err(Failure::Archive)
    }

    /// Decompress one stream of chunks into `out`.
    fn stream(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        let start = self.rd.pos;
        let comp = self.compression;
        let mut chunks = Chunks {
            rd: &mut self.rd,
            left: 0,
            done: false,
        };
        // An empty stream (no chunk at all) is no data, whatever the compression.
        let mut first = [0u8; 1];
        let n = match chunks.read(&mut first) {
            Ok(n) => n,
            Err(e) => return Err(Failure::Archive(unwrap_archive(e, chunks.rd))),
        };
        if n == 0 {
            return Ok(());
        }
        let result = {
            let head: &[u8] = &first[..n];
            let joined: Box<dyn Read + '_> = Box::new(head.chain(&mut chunks));
            match decoder(joined, comp, false) {
                Ok(mut d) => pump(&mut *d, out, &|e| {
                    Failure::Archive(io_to_archive(e, start, comp, te))
                }),
                Err(e) => Err(Failure::Archive(io_to_archive(e, start, comp, te))),
            }
        };
        match result {
            Ok(()) => chunks.drain().map_err(Failure::Archive),
            Err(Failure::Archive(e)) if e.offset == u64::MAX => {
                Err(Failure::Archive(ArchiveError {
                    offset: chunks.rd.pos,
                    message: e.message,
                }))
            }
            Err(e) => Err(e),
        }
    }
}

/// A decompression error (or an [`ArchiveError`] from the chunks under it): for
/// corrupt compressed data the offset is filled in by the caller (`u64::MAX`).
fn io_to_archive(e: io::Error, start: u64, c: Compression, te: &TocEntry) -> ArchiveError {
    if e.get_ref().is_some_and(|i| i.is::<ArchiveError>()) {
        if let Some(inner) = e.into_inner() {
            if let Ok(a) = inner.downcast::<ArchiveError>() {
                return *a;
            }
        }
        return ArchiveError {
            offset: u64::MAX,
            message: format!("corrupt data in the data of {}", te.describe()),
        };
    }
    ArchiveError {
        offset: u64::MAX,
        message: format!(
            "corrupt {} data in the data of {} (its block starts at byte {start}): {e}",
            c.name(),
            te.describe()
        ),
    }
}

impl<R: Read> Data for CustomData<R> {
    fn rows(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        if te.data_state == NO_DATA {
            return Ok(());
        }
        if self.next.as_ref().is_some_and(|j| j.id == te.dump_id) {
            if let Some(job) = self.next.take() {
                return self.run(job, te, out);
            }
        }
        let at = self.rd.pos;
        match self.find(te)? {
            BLK_DATA if self.parallel() => {
                let job = self.start_job(te.dump_id, at)?;
                self.run(job, te, out)
            }
            BLK_DATA => self.stream(te, out),
            ty => Err(Failure::Archive(ArchiveError {
                offset: at,
                message: format!("unexpected block type {ty} for {}", te.describe()),
            })),
        }
    }

    fn large_objects(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        if te.data_state == NO_DATA {
            return Ok(());
        }
        let at = self.rd.pos;
        let ty = self.find(te)?;
        if ty != BLK_BLOBS {
            return Err(Failure::Archive(ArchiveError {
                offset: at,
                message: format!("unexpected block type {ty} for {}", te.describe()),
            }));
        }
        loop {
            let oid = self.rd.int("a large object's OID")?;
            if oid == 0 {
                return Ok(());
            }
            // WriteInt of an unsigned OID: above 2^31 it is written negative.
            out.lo_start(oid as i32 as u32)?;
            self.stream(te, out)?;
            out.lo_end()?;
        }
    }
}

/// The compression a data file's name says (directory format; tar members of old
/// archives).
fn by_suffix(name: &[u8]) -> Compression {
    if name.ends_with(b".gz") {
        Compression::Gzip
    } else if name.ends_with(b".lz4") {
        Compression::Lz4
    } else if name.ends_with(b".zst") {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// The script of a tar-format archive: `toc_entry` is its first member (`toc.dat`),
/// `entries` the members after it.
pub fn tar_to_sql<'a, R, I>(
    toc_entry: impl Read,
    entries: I,
    w: &mut dyn Write,
    key: &str,
) -> Result<(), Failure>
where
    R: Read + 'a,
    I: Iterator<Item = io::Result<tar::Entry<'a, R>>>,
{
    let (header, toc) = {
        // buffered: integers are read a byte at a time (the member bounds the reads)
        let mut rd = Reader::new(BufReader::new(toc_entry), 0);
        let header = read_header(&mut rd, Format::Tar).map_err(|e| in_member("toc.dat", e))?;
        let toc = read_toc(&mut rd, &header).map_err(|e| in_member("toc.dat", e))?;
        (header, toc)
    };
    let mut data = TarData {
        entries,
        seen: Vec::new(),
    };
    restore(&header, &toc, &mut data, w, key)?;
    // Read the tar to its end (restore.sql, padding): a layer around it checks its
    // own end.
    for e in data.entries.by_ref() {
        let mut e = e.map_err(|e| tar_err("the tar", e))?;
        io::copy(&mut e, &mut io::sink()).map_err(|e| tar_err("the tar", e))?;
    }
    Ok(())
}

fn in_member(name: &str, e: ArchiveError) -> Failure {
    Failure::Archive(ArchiveError {
        offset: e.offset,
        message: format!("{} (tar member {name})", e.message),
    })
}

fn tar_err(name: &str, e: io::Error) -> Failure {
    let why =
        if e.kind() == io::ErrorKind::UnexpectedEof || e.to_string().contains("unexpected EOF") {
            "the tar ends early (truncated?)".to_string()
        } else {
            e.to_string()
        };
    Failure::Archive(ArchiveError {
        offset: 0,
        message: format!("cannot read {name}: {why}"),
    })
}

struct TarData<I> {
    entries: I,
    /// Members passed over, for the message when one of them is asked for later.
    seen: Vec<Vec<u8>>,
}

impl<'a, R, I> TarData<I>
where
    R: Read + 'a,
    I: Iterator<Item = io::Result<tar::Entry<'a, R>>>,
{
    fn copy_member(
        &mut self,
        entry: tar::Entry<'a, R>,
        name: &[u8],
        te: &TocEntry,
        out: &mut Out<'_>,
    ) -> Result<(), Failure> {
        let shown = String::from_utf8_lossy(name).into_owned();
        if entry.size() == 0 {
            return Ok(());
        }
        let comp = by_suffix(name);
        let mut d = decoder(Box::new(entry), comp, true).map_err(|e| tar_err(&shown, e))?;
        pump(&mut *d, out, &|e| {
            Failure::Archive(ArchiveError {
                offset: 0,
                message: format!(
                    "cannot read the data of {} from tar member {shown}: {e}",
                    te.describe()
                ),
            })
        })
    }
}

impl<'a, R, I> Data for TarData<I>
where
    R: Read + 'a,
    I: Iterator<Item = io::Result<tar::Entry<'a, R>>>,
{
    fn rows(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        let Some(want) = te.filename.clone() else {
            return Ok(());
        };
        loop {
            let entry = match self.entries.next() {
                Some(Ok(e)) => e,
                Some(Err(e)) => return Err(tar_err("the tar", e)),
                None => {
                    let shown = String::from_utf8_lossy(&want);
                    let why = if self.seen.contains(&want) {
                        "it comes before data already read: restoring data out of order is \
                         not supported in this archive format"
                    } else {
                        "the tar has no such member (truncated?)"
                    };
                    return Err(Failure::Archive(ArchiveError {
                        offset: 0,
                        message: format!("the data of {} ({shown}): {why}", te.describe()),
                    }));
                }
            };
            let name = entry.path_bytes().into_owned();
            if name == want {
                return self.copy_member(entry, &name, te, out);
            }
            self.seen.push(name);
        }
    }

    fn large_objects(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        if te.filename.is_none() {
            return Ok(());
        }
        // As pg_restore does: the blob_NNN.dat members come before the blobs TOC
        // member, so every blob_ member up to the first other member after them is a
        // large object of this entry.
        let mut found = false;
        for entry in self.entries.by_ref() {
            let mut entry = entry.map_err(|e| tar_err("the tar", e))?;
            let name = entry.path_bytes().into_owned();
            let oid = name
                .strip_prefix(b"blob_")
                .map(|rest| {
                    rest.iter()
                        .take_while(|c| c.is_ascii_digit())
                        .copied()
                        .collect::<Vec<u8>>()
                })
                .and_then(|d| std::str::from_utf8(&d).ok()?.parse::<u32>().ok())
                .filter(|&o| o != 0);
            match oid {
                Some(oid) => {
                    out.lo_start(oid)?;
                    let shown = String::from_utf8_lossy(&name).into_owned();
                    let comp = if entry.size() == 0 {
                        Compression::None
                    } else {
                        by_suffix(&name)
                    };
                    let mut d = decoder(Box::new(&mut entry), comp, true)
                        .map_err(|e| tar_err(&shown, e))?;
                    pump(&mut *d, out, &|e| tar_err(&shown, e))?;
                    out.lo_end()?;
                    found = true;
                }
                None => {
                    self.seen.push(name);
                    if found {
                        break;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The script of a directory-format archive in `dir`.
pub fn dir_to_sql(dir: &Path, w: &mut dyn Write, key: &str) -> Result<(), Failure> {
    let toc_path = dir.join("toc.dat");
    let f = File::open(&toc_path).map_err(|e| file_err(&toc_path, e))?;
    let mut rd = Reader::new(BufReader::new(f), 0);
    let named = |e: ArchiveError| {
        Failure::Archive(ArchiveError {
            offset: e.offset,
            message: format!("{} (in {})", e.message, toc_path.display()),
        })
    };
    let header = read_header(&mut rd, Format::Directory).map_err(named)?;
    let toc = read_toc(&mut rd, &header).map_err(named)?;
    let mut data = DirData {
        dir: dir.to_path_buf(),
    };
    restore(&header, &toc, &mut data, w, key)
}

/// Read the header and TOC of a directory archive (to describe it).
pub fn dir_header(dir: &Path) -> Result<Header, Failure> {
    let toc_path = dir.join("toc.dat");
    let f = File::open(&toc_path).map_err(|e| file_err(&toc_path, e))?;
    let mut rd = Reader::new(BufReader::new(f), 0);
    Ok(read_header(&mut rd, Format::Directory)?)
}

fn file_err(p: &Path, e: io::Error) -> Failure {
    Failure::Archive(ArchiveError {
        offset: 0,
        message: format!("cannot read {}: {e}", p.display()),
    })
}

struct DirData {
    dir: PathBuf,
}

impl DirData {
    /// `InitDiscoverCompressFileHandle`: the file as named, else with `.gz`, `.lz4`
    /// or `.zst`.
    fn open(&self, name: &[u8]) -> Result<(PathBuf, Compression, File), Failure> {
        let base = String::from_utf8_lossy(name).into_owned();
        if base.contains('/') || base == ".." {
            return Err(Failure::Archive(ArchiveError {
                offset: 0,
                message: format!("a data file name with a path in the TOC: {base}"),
            }));
        }
        let mut first_err = None;
        for suffix in ["", ".gz", ".lz4", ".zst"] {
            let p = self.dir.join(format!("{base}{suffix}"));
            match File::open(&p) {
                Ok(f) => {
                    let c = by_suffix(format!("{base}{suffix}").as_bytes());
                    return Ok((p, c, f));
                }
                Err(e) => {
                    if first_err.is_none() {
                        first_err = Some((p, e));
                    }
                }
            }
        }
        match first_err {
            Some((p, e)) => Err(file_err(&p, e)),
            None => Err(file_err(&self.dir, io::ErrorKind::NotFound.into())),
        }
    }

    fn copy_file(&self, name: &[u8], te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        let (p, c, f) = self.open(name)?;
        // an empty file is no data, whatever the compression (pg_dump writes no
        // frame for an empty large object)
        if f.metadata().map(|m| m.len() == 0).unwrap_or(false) {
            return Ok(());
        }
        let mut d = decoder(Box::new(BufReader::new(f)), c, true).map_err(|e| file_err(&p, e))?;
        pump(&mut *d, out, &|e| {
            Failure::Archive(ArchiveError {
                offset: 0,
                message: format!(
                    "cannot read the data of {} from {}: {e}",
                    te.describe(),
                    p.display()
                ),
            })
        })
    }
}

impl Data for DirData {
    fn rows(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        match te.filename.clone() {
            Some(f) => self.copy_file(&f, te, out),
            None => Ok(()),
        }
    }

    fn large_objects(&mut self, te: &TocEntry, out: &mut Out<'_>) -> Result<(), Failure> {
        let Some(name) = te.filename.clone() else {
            return Ok(());
        };
        let (p, c, f) = self.open(&name)?;
        let d = decoder(Box::new(BufReader::new(f)), c, true).map_err(|e| file_err(&p, e))?;
        let mut lines = BufReader::new(d);
        let mut line = Vec::new();
        let mut n = 0u64;
        loop {
            line.clear();
            n += 1;
            let got = lines
                .read_until(b'\n', &mut line)
                .map_err(|e| file_err(&p, e))?;
            if got == 0 {
                return Ok(());
            }
            let text = String::from_utf8_lossy(&line);
            let mut parts = text.split_whitespace();
            let (Some(oid), Some(file)) = (
                parts.next().and_then(|o| o.parse::<u32>().ok()),
                parts.next(),
            ) else {
                return Err(Failure::Archive(ArchiveError {
                    offset: 0,
                    message: format!(
                        "invalid line {n} in large object TOC file {}: {}",
                        p.display(),
                        text.trim_end()
                    ),
                }));
            };
            out.lo_start(oid)?;
            self.copy_file(file.as_bytes(), te, out)?;
            out.lo_end()?;
        }
    }
}
