//! A byte stream between two threads of one process: what an OS pipe does for the
//! converter thread and the target's rules (`job.rs`), without a system call per
//! 64 KiB, and with the buffers handed back for reuse. Bounded: at most `depth`
//! chunks are in flight, so a writer ahead of its reader waits, as on a full pipe.

use std::io::{self, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// The writing end: bytes are gathered into chunks of `chunk` bytes, each sent when
/// full (and the last one by [`Write::flush`] or on drop). Writing after the reader
/// went away is a broken pipe.
pub struct ChunkWriter {
    tx: SyncSender<Vec<u8>>,
    back: Receiver<Vec<u8>>,
    cur: Vec<u8>,
    chunk: usize,
}

/// The reading end: end of input when the writer is dropped and everything it sent
/// was read.
pub struct ChunkReader {
    rx: Receiver<Vec<u8>>,
    back: SyncSender<Vec<u8>>,
    cur: Vec<u8>,
    pos: usize,
}

/// A stream of chunks of `chunk` bytes, `depth` of them at most in flight.
pub fn channel(chunk: usize, depth: usize) -> (ChunkWriter, ChunkReader) {
    let chunk = chunk.max(1);
    let (tx, rx) = sync_channel(depth.max(1));
    // room for every buffer there is: handing one back never waits
    let (back_tx, back_rx) = sync_channel(depth.max(1) + 2);
    (
        ChunkWriter {
            tx,
            back: back_rx,
            cur: Vec::with_capacity(chunk),
            chunk,
        },
        ChunkReader {
            rx,
            back: back_tx,
            cur: Vec::new(),
            pos: 0,
        },
    )
}

fn broken() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the reading end was closed")
}

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.cur.is_empty() {
            return Ok(());
        }
        let next = match self.back.try_recv() {
            Ok(mut v) => {
                v.clear();
                v
            }
            Err(_) => Vec::with_capacity(self.chunk),
        };
        let full = std::mem::replace(&mut self.cur, next);
        self.tx.send(full).map_err(|_| broken())
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // (never full here: a full chunk is sent at once)
        let room = self.chunk - self.cur.len();
        let n = buf.len().min(room);
        self.cur.extend_from_slice(&buf[..n]);
        if self.cur.len() >= self.chunk {
            self.send()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

impl Drop for ChunkWriter {
    fn drop(&mut self) {
        // what was written is read, as from a pipe whose writer exits
        let _ = self.send();
    }
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.cur.len() {
            match self.rx.recv() {
                Ok(next) => {
                    let old = std::mem::replace(&mut self.cur, next);
                    self.pos = 0;
                    if old.capacity() > 0 {
                        // (no room, or the writer is gone: the buffer is dropped)
                        let _ = self.back.try_send(old);
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_arrive_in_order_whatever_the_write_sizes() {
        let (mut w, mut r) = channel(7, 2);
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 31 % 251) as u8).collect();
        let sent = data.clone();
        let t = std::thread::spawn(move || {
            let mut i = 0;
            let mut step = 1;
            while i < sent.len() {
                let end = (i + step).min(sent.len());
                w.write_all(&sent[i..end]).unwrap();
                i = end;
                step = step % 23 + 1;
            }
            // dropped without flush: the tail still arrives
        });
        let mut got = Vec::new();
        r.read_to_end(&mut got).unwrap();
        t.join().unwrap();
        assert_eq!(got, data);
    }

    #[test]
    fn a_closed_reader_is_a_broken_pipe() {
        let (mut w, r) = channel(4, 1);
        drop(r);
        let e = w.write_all(b"0123456789").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn flush_sends_a_partial_chunk() {
        let (mut w, mut r) = channel(1 << 20, 1);
        w.write_all(b"abc").unwrap();
        w.flush().unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(r.read(&mut buf).unwrap(), 3);
        assert_eq!(&buf[..3], b"abc");
        drop(w);
        assert_eq!(r.read(&mut buf).unwrap(), 0);
    }
}
