//! The worker pool: rewriting data rows on worker threads.
//!
//! Whole rows of a table whose columns change are gathered into batches of up to
//! [`BATCH`] bytes; each batch goes to a worker thread with its own copy of the row
//! work (the rewrite engine's row editor, `convert`'s tuple converter: a [`RowWork`]).
//! Everything the engine writes goes through [`Pool::emit`], which keeps the
//! output in input order: while batches are out, bytes are queued behind them, and a
//! batch's rows are written when it comes back and everything before it has been
//! written. Buffers are reused, and the number of batches out and the bytes queued
//! behind them are bounded, so memory stays flat whatever the dump size.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use memmap2::Mmap;

use crate::lex::driver::Ahead;
use crate::sink::Sink;

/// What a worker does to each row of a batch.
pub trait RowWork: Clone + Send + 'static {
    /// Something wrong with a row, reported by the calling thread.
    type Bad: Send + 'static;
    /// Totals of a batch, merged by the calling thread.
    type Summary: Send + 'static;
    /// Rewrite one whole row into `out`; what is wrong with it into `bad`.
    fn row(&mut self, bytes: &[u8], out: &mut Vec<u8>, bad: &mut Vec<Self::Bad>);
    /// Rewrite a run of whole lines, each a row ending in `\n`, into `out`; what is
    /// wrong into `bad`, with the line's index in the run and its byte offset. With a
    /// `watch`, stop where it says the rows end. Returns the number of lines and,
    /// when it stopped early, where.
    fn lines(
        &mut self,
        run: &[u8],
        out: &mut Vec<u8>,
        bad: &mut Vec<(u64, u64, Self::Bad)>,
        watch: Option<Watch<'_>>,
    ) -> (u64, Option<usize>) {
        one_by_one(self, run, out, bad, watch)
    }
    /// The totals since the last call.
    fn summary(&mut self) -> Self::Summary;
    /// Where a run handed out ahead ([`Pool::take_ahead`]) may end in `window` (the
    /// bytes after the last run): after its last line end, by default.
    fn run_end(&self, window: &[u8]) -> Option<usize> {
        memchr::memrchr(b'\n', window).map(|j| j + 1)
    }
}

/// [`RowWork::lines`] as calls of [`RowWork::row`], one per line.
pub fn one_by_one<W: RowWork>(
    work: &mut W,
    run: &[u8],
    out: &mut Vec<u8>,
    bad: &mut Vec<(u64, u64, W::Bad)>,
    watch: Option<Watch<'_>>,
) -> (u64, Option<usize>) {
    let mut found = Vec::new();
    let (mut at, mut line) = (0, 0u64);
    while at < run.len() {
        if watch.is_some_and(|w| w.ends_here(&run[at..], at)) {
            return (line, Some(at));
        }
        let end = memchr::memchr(b'\n', &run[at..]).map_or(run.len(), |j| at + j + 1);
        work.row(&run[at..end], out, &mut found);
        bad.extend(found.drain(..).map(|b| (line, at as u64, b)));
        line += 1;
        at = end;
    }
    (line, None)
}

/// The watch on a run of rows handed out before the splitter knew where they end
/// ([`Pool::take_ahead`]).
#[derive(Clone, Copy)]
pub struct Watch<'a> {
    /// The smallest offset in the map where a worker found an end.
    found: &'a AtomicUsize,
    /// Offset of the run in the map.
    start: usize,
    /// The two bytes before the run in the map.
    before: [u8; 2],
    /// Where in the run the last statement that the rows cross begins.
    statement: &'a std::cell::Cell<Option<usize>>,
}

impl<'a> Watch<'a> {
    /// A watch for a run at `start` in the map (the bytes `before` it), as a worker
    /// makes one: for tests of a [`RowWork::lines`].
    #[cfg(test)]
    pub fn new(
        found: &'a AtomicUsize,
        start: usize,
        before: [u8; 2],
        statement: &'a std::cell::Cell<Option<usize>>,
    ) -> Self {
        Watch {
            found,
            start,
            before,
            statement,
        }
    }

    /// The two bytes before the run (for a reader whose start depends on them).
    pub fn before(&self) -> [u8; 2] {
        self.before
    }

    /// Whether an end was found before the run: none of its rows are rows then.
    pub fn ended_before(&self) -> bool {
        self.found.load(Ordering::Relaxed) < self.start
    }

    /// The rows end at `at` in the run.
    pub fn end_at(&self, at: usize) {
        self.found.fetch_min(self.start + at, Ordering::Relaxed);
    }

    /// A statement that the rows cross begins at `at` in the run (its head was taken
    /// too: see [`Ahead::statement`]).
    pub fn statement_at(&self, at: usize) {
        self.statement.set(Some(at));
    }

    /// Whether the rows end at `at` in the run, where `rest` begins: at the line
    /// `\.` that ends COPY data (with `\n` or `\r\n`, as the splitter reads it: a run
    /// never holds the input's last byte), or anywhere once an end was found before
    /// the run (its lines are not COPY data then).
    pub fn ends_here(&self, rest: &[u8], at: usize) -> bool {
        if matches!(
            rest,
            [b'\\', b'.', b'\n', ..] | [b'\\', b'.', b'\r', b'\n', ..]
        ) {
            self.end_at(at);
            return true;
        }
        self.ended_before()
    }
}

/// The `--threads` value: 0 means one per core.
pub fn threads(n: usize) -> usize {
    if n == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        n
    }
}

/// Raw rows per batch (bytes), at most. Each batch costs a few thread wake-ups; with
/// 256 KiB batches those were 5% of a Liferay rewrite's CPU, with 1 MiB about half
/// of that. With many threads batches are smaller (down to [`MIN_BATCH`]), so that the
/// batches out, two per thread, hold about [`IN_FLIGHT`] bytes.
pub const BATCH: usize = 1 << 20;
const MIN_BATCH: usize = 256 << 10;
const IN_FLIGHT: usize = 24 << 20;

/// Bytes queued behind outstanding batches before the engine waits for them.
const MAX_QUEUED: usize = 8 << 20;

/// What a worker found wrong with a row, with the table and where the row began.
pub struct Bad<B> {
    /// Table the row belongs to.
    pub table: String,
    /// What is wrong.
    pub value: B,
    /// Line of the row.
    pub line: u64,
    /// Byte offset of the row.
    pub offset: u64,
}

/// Rows of a batch that were handed over together: one row, or (`lines`) a run of
/// whole COPY lines, each ending in `\n`, that the worker splits itself.
#[derive(Clone, Copy)]
struct Run {
    /// End of the run in the batch's input.
    end: usize,
    /// Line and byte offset of its first row.
    line: u64,
    offset: u64,
    lines: bool,
}

/// Where a batch's rows are: copied into its own buffer, or (when the dump is a
/// mapped file and the rows came straight from it) a range of the map, read by the
/// worker without a copy.
struct Rows {
    owned: Vec<u8>,
    mapped: Option<(Arc<Mmap>, usize, usize)>,
}

impl Rows {
    fn bytes(&self) -> &[u8] {
        match &self.mapped {
            Some((m, start, end)) => m.get(*start..*end).unwrap_or_default(),
            None => &self.owned,
        }
    }

    /// The two bytes before mapped rows (newlines when there are none).
    fn before(&self) -> [u8; 2] {
        match &self.mapped {
            Some((m, start, _)) if *start >= 2 => [m[start - 2], m[start - 1]],
            _ => [b'\n', b'\n'],
        }
    }

    fn len(&self) -> usize {
        match &self.mapped {
            Some((_, start, end)) => end - start,
            None => self.owned.len(),
        }
    }

    /// Append `bytes`: by extending the mapped range when they follow it in `map`,
    /// else by copying (a mapped range is copied out first).
    fn push(&mut self, bytes: &[u8], map: Option<&Arc<Mmap>>) {
        let at = map.and_then(|m| {
            let base = m.as_ptr() as usize;
            let p = bytes.as_ptr() as usize;
            (p >= base && p + bytes.len() <= base + m.len()).then(|| (m, p - base))
        });
        match (&mut self.mapped, at) {
            (Some((_, _, end)), Some((_, at))) if *end == at => {
                *end += bytes.len();
                return;
            }
            (None, Some((m, at))) if self.owned.is_empty() => {
                self.mapped = Some((Arc::clone(m), at, at + bytes.len()));
                return;
            }
            _ => {}
        }
        if let Some((m, start, end)) = self.mapped.take() {
            self.owned
                .extend_from_slice(m.get(start..end).unwrap_or_default());
        }
        self.owned.extend_from_slice(bytes);
    }
}

struct Job<W: RowWork> {
    work: W,
    input: Rows,
    runs: Vec<Run>,
    out: Vec<u8>,
    keep: bool,
    /// A run handed out ahead ([`Pool::take_ahead`]): where an end was found.
    ahead: Option<Arc<AtomicUsize>>,
    done: SyncSender<Done<W>>,
}

struct Done<W: RowWork> {
    out: Vec<u8>,
    input: Rows,
    runs: Vec<Run>,
    /// What was wrong, with the line and offset of the row (for a run handed out
    /// ahead, the line within the run).
    bad: Vec<(u64, u64, W::Bad)>,
    summary: W::Summary,
    /// Lines rewritten, and where a run handed out ahead stopped.
    lines: u64,
    end: Option<usize>,
    /// Where in the run the last statement its rows cross begins.
    statement: Option<usize>,
}

/// The rows being gathered.
struct Batch<W> {
    work: W,
    table: String,
    input: Rows,
    runs: Vec<Run>,
}

enum Item<W: RowWork> {
    Ready(Vec<u8>),
    Out {
        rx: Receiver<Done<W>>,
        table: String,
    },
    /// A run handed out by [`Pool::take_ahead`].
    Ahead {
        rx: Receiver<Done<W>>,
        table: String,
    },
}

/// The runs of [`Pool::take_ahead`].
struct AheadRuns {
    /// Where the runs begin in the map.
    from: usize,
    /// Line and offset of the piece before them, and once counted, the line at `from`.
    piece: (u64, usize),
    line: Option<u64>,
    /// Runs out, bytes and lines written so far, and whether the end was found.
    out: usize,
    taken: usize,
    lines: u64,
    ended: bool,
    /// Where the last statement crossed begins, from `from`.
    statement: Option<usize>,
}

/// Worker threads and the ordered output queue.
pub struct Pool<W: RowWork> {
    tx: Option<SyncSender<Job<W>>>,
    workers: Vec<JoinHandle<()>>,
    queue: VecDeque<Item<W>>,
    /// Batches out.
    out: usize,
    /// Bytes in `Ready` items.
    queued: usize,
    max_out: usize,
    /// Raw rows per batch.
    batch_bytes: usize,
    keep: bool,
    batch: Option<Batch<W>>,
    free: Vec<Vec<u8>>,
    free_runs: Vec<Vec<Run>>,
    /// The dump's mapped file, when it is one.
    map: Option<Arc<Mmap>>,
    /// What the workers found wrong, in input order, for the caller to report.
    pub bad: Vec<Bad<W::Bad>>,
    /// The batches' totals, for the caller to merge.
    pub summaries: Vec<W::Summary>,
    ahead: Option<AheadRuns>,
}

fn worker<W: RowWork>(rx: Arc<Mutex<Receiver<Job<W>>>>) {
    loop {
        let job = match rx.lock() {
            Ok(r) => r.recv(),
            Err(_) => return,
        };
        let Ok(mut job) = job else { return };
        let mut bad = Vec::new();
        let mut found = Vec::new();
        let mut in_run = Vec::new();
        let mut start = 0;
        let (mut lines, mut end) = (0, None);
        let statement = std::cell::Cell::new(None);
        let before = job.input.before();
        for run in &job.runs {
            let rows = job.input.bytes().get(start..run.end).unwrap_or_default();
            let mark = job.out.len();
            if run.lines {
                let watch = job.ahead.as_deref().map(|found| Watch {
                    found,
                    start: run.offset as usize,
                    before,
                    statement: &statement,
                });
                let (n, stop) = job.work.lines(rows, &mut job.out, &mut in_run, watch);
                lines += n;
                end = stop.map(|at| start + at);
                bad.extend(
                    in_run
                        .drain(..)
                        .map(|(l, at, b)| (run.line + l, run.offset + at, b)),
                );
            } else {
                job.work.row(rows, &mut job.out, &mut found);
                bad.extend(found.drain(..).map(|b| (run.line, run.offset, b)));
            }
            if !job.keep {
                job.out.truncate(mark);
            }
            if end.is_some() {
                break;
            }
            start = run.end;
        }
        // The engine may have stopped waiting (an error): nothing to do then.
        let summary = job.work.summary();
        let _ = job.done.send(Done {
            out: job.out,
            input: job.input,
            runs: job.runs,
            bad,
            summary,
            lines,
            end,
            statement: statement.get(),
        });
    }
}

fn stopped() -> crate::Error {
    crate::Error::Internal("a row-rewriting thread stopped".into())
}

impl<W: RowWork> Pool<W> {
    /// Start `threads` workers; `keep` says whether the rewritten rows are written
    /// (fix) or only checked (check). Rows that are slices of `map` (the dump's mapped
    /// file) are read from it by the workers, not copied.
    pub fn start(threads: usize, keep: bool, map: Option<Arc<Mmap>>) -> Option<Pool<W>> {
        let (tx, rx) = mpsc::sync_channel::<Job<W>>(threads * 2);
        let rx = Arc::new(Mutex::new(rx));
        let mut workers = Vec::new();
        for i in 0..threads {
            let rx = Arc::clone(&rx);
            let h = std::thread::Builder::new()
                .name(format!("rows-{i}"))
                .spawn(move || worker::<W>(rx))
                .ok()?;
            workers.push(h);
        }
        Some(Pool {
            tx: Some(tx),
            workers,
            queue: VecDeque::new(),
            out: 0,
            queued: 0,
            max_out: threads * 2 + 1,
            batch_bytes: (IN_FLIGHT / (threads * 2 + 1)).clamp(MIN_BATCH, BATCH),
            keep,
            batch: None,
            free: Vec::new(),
            free_runs: Vec::new(),
            map,
            bad: Vec::new(),
            summaries: Vec::new(),
            ahead: None,
        })
    }

    fn buffer(&mut self) -> Vec<u8> {
        let n = self.batch_bytes;
        self.free
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(n + (n >> 2)))
    }

    /// Add rows of `table` that start at `at` (line, byte offset), to be rewritten by
    /// (a copy of) `work`: one whole row, or with `lines` whole COPY lines, each ending
    /// in `\n`, that the worker splits.
    pub fn add(
        &mut self,
        work: &W,
        table: &str,
        bytes: &[u8],
        (line, offset): (u64, u64),
        lines: bool,
        out: &mut Sink<'_>,
    ) -> crate::Result<()> {
        if self.batch.as_ref().is_some_and(|b| b.table != table) {
            self.submit(out)?;
        }
        if self.batch.is_none() {
            let input = Rows {
                owned: self.buffer(),
                mapped: None,
            };
            let runs = self.free_runs.pop().unwrap_or_default();
            self.batch = Some(Batch {
                work: work.clone(),
                table: table.to_string(),
                input,
                runs,
            });
        }
        if let Some(b) = self.batch.as_mut() {
            b.input.push(bytes, self.map.as_ref());
            b.runs.push(Run {
                end: b.input.len(),
                line,
                offset,
                lines,
            });
            if b.input.len() >= self.batch_bytes {
                self.submit(out)?;
            }
        }
        Ok(())
    }

    /// Hand the rows gathered so far to a worker.
    fn submit(&mut self, out: &mut Sink<'_>) -> crate::Result<()> {
        let Some(b) = self.batch.take() else {
            return Ok(());
        };
        let (done, rx) = mpsc::sync_channel(1);
        let job = Job {
            work: b.work,
            input: b.input,
            runs: b.runs,
            out: self.buffer(),
            keep: self.keep,
            ahead: None,
            done,
        };
        let tx = self.tx.as_ref().ok_or_else(stopped)?;
        tx.send(job).map_err(|_| stopped())?;
        self.queue.push_back(Item::Out { rx, table: b.table });
        self.out += 1;
        self.drain(out, false)
    }

    /// Write `bytes` after everything before them.
    pub fn emit(&mut self, bytes: &[u8], out: &mut Sink<'_>) -> crate::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.submit(out)?;
        if self.queue.is_empty() {
            return out.put(bytes);
        }
        if let Some(Item::Ready(v)) = self.queue.back_mut() {
            v.extend_from_slice(bytes);
        } else {
            let mut v = self.buffer();
            v.extend_from_slice(bytes);
            self.queue.push_back(Item::Ready(v));
        }
        self.queued += bytes.len();
        self.drain(out, false)
    }

    /// Write what is ready at the front of the queue; wait for batches while too many
    /// are out or too much is queued, or for all of them when `all`.
    fn drain(&mut self, out: &mut Sink<'_>, all: bool) -> crate::Result<()> {
        loop {
            let wait = all || self.out >= self.max_out || self.queued > MAX_QUEUED;
            if !self.take_front(out, wait)? {
                return Ok(());
            }
        }
    }

    /// Write the item at the front of the queue, waiting for it when `wait`. False
    /// when there is none, or it is not back yet.
    fn take_front(&mut self, out: &mut Sink<'_>, wait: bool) -> crate::Result<bool> {
        let Some(front) = self.queue.front() else {
            return Ok(false);
        };
        let done = match front {
            Item::Ready(_) => None,
            Item::Out { rx, .. } | Item::Ahead { rx, .. } => {
                let r = if wait {
                    rx.recv().map_err(|_| stopped())
                } else {
                    match rx.try_recv() {
                        Ok(d) => Ok(d),
                        Err(TryRecvError::Empty) => return Ok(false),
                        Err(TryRecvError::Disconnected) => Err(stopped()),
                    }
                };
                Some(r?)
            }
        };
        let (table, mut d, ahead) = match (self.queue.pop_front(), done) {
            (Some(Item::Ready(mut v)), _) => {
                self.queued -= v.len();
                let r = out.put_vec(&mut v);
                v.clear();
                self.free.push(v);
                r?;
                return Ok(true);
            }
            (Some(Item::Out { table, .. }), Some(d)) => (table, d, false),
            (Some(Item::Ahead { table, .. }), Some(d)) => (table, d, true),
            _ => return Ok(false),
        };
        self.out -= 1;
        let mut line = 0;
        let mut rows = true;
        if ahead {
            match self.ahead_done(&d) {
                Some(l) => line = l,
                None => {
                    // after the end of the rows: not rows
                    d.out.clear();
                    d.bad.clear();
                    rows = false;
                }
            }
        }
        if rows {
            self.summaries.push(d.summary);
        }
        for (l, offset, value) in d.bad.drain(..) {
            self.bad.push(Bad {
                table: table.clone(),
                value,
                line: line + l,
                offset,
            });
        }
        let r = if d.out.is_empty() {
            Ok(())
        } else {
            out.put_vec(&mut d.out)
        };
        d.out.clear();
        d.input.owned.clear();
        d.runs.clear();
        self.free.push(d.out);
        if d.input.owned.capacity() > 0 {
            self.free.push(d.input.owned);
        }
        self.free_runs.push(d.runs);
        r?;
        Ok(true)
    }

    /// Account for a run of [`Self::take_ahead`] that came back: the line of its
    /// first row, or None when it lies after the end of the COPY data (its rows are
    /// then dropped).
    fn ahead_done(&mut self, d: &Done<W>) -> Option<u64> {
        let a = self.ahead.as_mut()?;
        a.out -= 1;
        if a.ended {
            return None;
        }
        let line = if d.bad.is_empty() {
            0
        } else {
            let (piece_line, piece_at) = a.piece;
            let from = a.from;
            let map = self.map.as_deref();
            let at_from = *a.line.get_or_insert_with(|| {
                let piece = map.and_then(|m| m.get(piece_at..from)).unwrap_or_default();
                piece_line + crate::lex::driver::count_lines(piece)
            });
            at_from + a.lines
        };
        if let Some(s) = d.statement {
            a.statement = Some(a.taken + s);
        }
        a.taken += d.end.unwrap_or(d.input.len());
        a.lines += d.lines;
        a.ended = d.end.is_some();
        Some(line)
    }

    /// Hand the rows of `table` that follow a piece (its line, byte offset and
    /// length; a slice of the mapped file) to the workers, a batch at a time, before
    /// anyone knows where they end: COPY lines up to the line `\\.`, INSERT tuples up to
    /// what is not one (the work's [`RowWork::lines`] finds the end, with a
    /// [`Watch`]; [`RowWork::run_end`] cuts the batches). Once the end is found, or the
    /// bytes run out (a batch with no place to cut, the input's last byte: those are
    /// left to the splitter), returns the bytes and lines taken. Their rows are
    /// written in order, as those of [`Self::add`].
    pub fn take_ahead(
        &mut self,
        work: &W,
        table: &str,
        (line, offset, len): (u64, u64, usize),
        out: &mut Sink<'_>,
    ) -> crate::Result<Ahead> {
        let Some(map) = self.map.clone() else {
            return Ok(Ahead::default());
        };
        let from = offset as usize + len;
        // The input's last byte is never taken: the splitter sees how the input ends.
        let limit = map.len().saturating_sub(1);
        if from >= limit {
            return Ok(Ahead::default());
        }
        self.submit(out)?;
        let found = Arc::new(AtomicUsize::new(usize::MAX));
        self.ahead = Some(AheadRuns {
            from,
            piece: (line, offset as usize),
            line: None,
            out: 0,
            taken: 0,
            lines: 0,
            ended: false,
            statement: None,
        });
        let (mut pos, mut more) = (from, true);
        loop {
            while more && self.out < self.max_out && !self.ahead.as_ref().is_some_and(|a| a.ended) {
                let hi = (pos + self.batch_bytes).min(limit);
                let Some(j) = map
                    .get(pos..hi)
                    .and_then(|b| work.run_end(b))
                    .filter(|&j| j > 0)
                else {
                    more = false;
                    break;
                };
                let end = pos + j;
                self.send_ahead(work, table, &map, (pos, end), &found)?;
                pos = end;
            }
            let Some(a) = self.ahead.as_ref() else { break };
            if a.ended || (!more && a.out == 0) || !self.take_front(out, true)? {
                break;
            }
        }
        // The runs after the end stop at their first line: wait for them, drop them.
        while self.ahead.as_ref().is_some_and(|a| a.out > 0) {
            if !self.take_front(out, true)? {
                break;
            }
        }
        let a = self.ahead.take();
        Ok(a.map_or(Ahead::default(), |a| Ahead {
            bytes: a.taken,
            lines: a.lines,
            statement: a.statement,
        }))
    }

    fn send_ahead(
        &mut self,
        work: &W,
        table: &str,
        map: &Arc<Mmap>,
        (start, end): (usize, usize),
        found: &Arc<AtomicUsize>,
    ) -> crate::Result<()> {
        let mut runs = self.free_runs.pop().unwrap_or_default();
        runs.push(Run {
            end: end - start,
            line: 0,
            offset: start as u64,
            lines: true,
        });
        let (done, rx) = mpsc::sync_channel(1);
        let job = Job {
            work: work.clone(),
            input: Rows {
                owned: Vec::new(),
                mapped: Some((Arc::clone(map), start, end)),
            },
            runs,
            out: self.buffer(),
            keep: self.keep,
            ahead: Some(Arc::clone(found)),
            done,
        };
        let tx = self.tx.as_ref().ok_or_else(stopped)?;
        tx.send(job).map_err(|_| stopped())?;
        self.queue.push_back(Item::Ahead {
            rx,
            table: table.to_string(),
        });
        self.out += 1;
        if let Some(a) = self.ahead.as_mut() {
            a.out += 1;
        }
        Ok(())
    }

    /// Submit the last rows and write everything, in order.
    pub fn finish(&mut self, out: &mut Sink<'_>) -> crate::Result<()> {
        self.submit(out)?;
        self.drain(out, true)
    }
}

impl<W: RowWork> Drop for Pool<W> {
    fn drop(&mut self) {
        self.queue.clear();
        self.tx = None;
        for h in self.workers.drain(..) {
            let _ = h.join();
        }
    }
}
