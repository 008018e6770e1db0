//! The loops that feed a [`Lexer`]: from any `io::Read` through a roll buffer (the
//! shape of ripgrep's `LineBuffer`), or from a slice such as a memory-mapped file.
//!
//! Both present the lexer with a *window* of at most [`Options::window`] bytes that
//! starts at the current piece. When the lexer needs more than the window holds, the
//! piece goes out as a fragment ([`Lexer::cut`]). So memory is bounded by the window
//! plus one read, and both paths hand out exactly the same pieces whatever the read
//! size.

use std::io::{self, Read};

use super::{Kind, LexError, Lexer, Piece};
use crate::error::{read_error, Error, Result};

/// Buffer sizes for splitting.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Bytes asked of the reader per `read` call.
    pub read_size: usize,
    /// The most bytes of one piece held at once; larger pieces are fragmented.
    pub window: usize,
}

/// The smallest window the driver accepts: well above the lexer's lookahead.
pub const MIN_WINDOW: usize = 1024;

impl Default for Options {
    fn default() -> Self {
        Options {
            read_size: 1 << 20,
            window: 8 << 20,
        }
    }
}

impl Options {
    fn window(&self) -> usize {
        self.window.max(MIN_WINDOW)
    }
}

/// A piece with its bytes and its place in the input.
#[derive(Clone, Copy, Debug)]
pub struct PieceRef<'a> {
    /// Kind, length and fragment flags.
    pub piece: Piece,
    /// Absolute byte offset of the first byte in the (decoded) input.
    pub offset: u64,
    /// 1-based line of the first byte.
    pub line: u64,
    /// The bytes.
    pub bytes: &'a [u8],
}

impl PieceRef<'_> {
    /// The kind of the piece.
    pub fn kind(&self) -> Kind {
        self.piece.kind
    }
}

/// Count `\n` bytes.
#[inline]
pub fn count_lines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Position bookkeeping shared by both loops.
struct Tracker<'s> {
    source_name: &'s str,
    offset: u64,
    line: u64,
    /// Line where the current (possibly fragmented) piece began.
    piece_line: u64,
    /// Offset and line of the last statement (a COPY's data errors point at it).
    statement: (u64, u64),
}

impl<'s> Tracker<'s> {
    fn new(source_name: &'s str) -> Self {
        Tracker {
            source_name,
            offset: 0,
            line: 1,
            piece_line: 1,
            statement: (0, 1),
        }
    }

    fn hand_out<F>(&mut self, piece: Piece, bytes: &[u8], f: &mut F) -> Result<()>
    where
        F: FnMut(PieceRef<'_>) -> Result<()>,
    {
        if !piece.continued {
            self.piece_line = self.line;
            if matches!(piece.kind, Kind::Statement | Kind::InsertHead) {
                self.statement = (self.offset, self.line);
            }
        }
        let r = PieceRef {
            piece,
            offset: self.offset,
            line: self.line,
            bytes,
        };
        self.offset += bytes.len() as u64;
        // A COPY data line holds no line end but its last byte (the lexer cuts at the
        // first one): no need to count.
        self.line += if piece.kind == Kind::CopyRow {
            u64::from(bytes.last() == Some(&b'\n'))
        } else {
            count_lines(bytes)
        };
        f(r)
    }

    /// A lexer error, with the line of its offset when that lies in `window` (which
    /// starts at the current offset), else the line where the piece began.
    fn lex_error(&self, e: LexError, window: &[u8]) -> Error {
        let at = e.offset();
        let line = if at == self.statement.0 {
            self.statement.1
        } else if at >= self.offset && ((at - self.offset) as usize) <= window.len() {
            self.line + count_lines(&window[..(at - self.offset) as usize])
        } else {
            self.piece_line
        };
        let LexError::Unterminated { what, .. } = &e;
        Error::Syntax {
            source_name: self.source_name.to_string(),
            message: format!("unterminated {what} at end of input"),
            offset: at,
            line,
            help: "the dump looks truncated: was it cut short while being written or copied?"
                .to_string(),
        }
    }

    fn stuck(&self) -> Error {
        Error::Syntax {
            source_name: self.source_name.to_string(),
            message: "the splitter made no progress".to_string(),
            offset: self.offset,
            line: self.line,
            help: "this is a bug in dumpfix; please report it with the input".to_string(),
        }
    }
}

/// Split everything `reader` yields, calling `f` with each piece in order.
pub fn split_reader<R, F>(
    lexer: &mut Lexer,
    mut reader: R,
    opts: &Options,
    source_name: &str,
    mut f: F,
) -> Result<()>
where
    R: Read,
    F: FnMut(PieceRef<'_>) -> Result<()>,
{
    let window = opts.window();
    let read_size = opts.read_size.max(1);
    let mut buf: Vec<u8> = Vec::new();
    let (mut start, mut end) = (0usize, 0usize);
    let mut eof = false;
    let mut tr = Tracker::new(source_name);
    loop {
        let avail = end - start;
        let win_end = start + avail.min(window);
        let last = eof && avail <= window;
        match lexer.next(&buf[start..win_end], last) {
            Err(e) => return Err(tr.lex_error(e, &buf[start..win_end])),
            Ok(Some(p)) => {
                tr.hand_out(p, &buf[start..start + p.len], &mut f)?;
                start += p.len;
            }
            Ok(None) if last => return Ok(()),
            // Cut only when more than a window is held: with exactly a window and no
            // end of input seen yet, read first, since the piece may end with the input
            // (as split_slice sees it).
            Ok(None) if avail > window => match lexer.cut(&buf[start..win_end]) {
                Some(p) => {
                    tr.hand_out(p, &buf[start..start + p.len], &mut f)?;
                    start += p.len;
                }
                None => return Err(tr.stuck()),
            },
            Ok(None) => {
                // Refill: move the unconsumed bytes to the front, then read.
                if start > 0 {
                    buf.copy_within(start..end, 0);
                    end -= start;
                    start = 0;
                }
                if buf.len() < end + read_size {
                    buf.resize(end + read_size, 0);
                }
                loop {
                    match reader.read(&mut buf[end..end + read_size]) {
                        Ok(0) => {
                            eof = true;
                            break;
                        }
                        Ok(n) => {
                            end += n;
                            break;
                        }
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(read_error(source_name, e)),
                    }
                }
            }
        }
    }
}

/// Split `data` (all of the input), calling `f` with each piece in order. Gives the
/// same pieces as [`split_reader`] on the same bytes.
pub fn split_slice<F>(
    lexer: &mut Lexer,
    data: &[u8],
    opts: &Options,
    source_name: &str,
    mut f: F,
) -> Result<()>
where
    F: FnMut(PieceRef<'_>) -> Result<()>,
{
    let window = opts.window();
    let mut start = 0usize;
    let mut tr = Tracker::new(source_name);
    loop {
        let avail = data.len() - start;
        let win_end = start + avail.min(window);
        let last = avail <= window;
        match lexer.next(&data[start..win_end], last) {
            Err(e) => return Err(tr.lex_error(e, &data[start..win_end])),
            Ok(Some(p)) => {
                tr.hand_out(p, &data[start..start + p.len], &mut f)?;
                start += p.len;
            }
            Ok(None) if last => return Ok(()),
            Ok(None) => match lexer.cut(&data[start..win_end]) {
                Some(p) => {
                    tr.hand_out(p, &data[start..start + p.len], &mut f)?;
                    start += p.len;
                }
                None => return Err(tr.stuck()),
            },
        }
    }
}
