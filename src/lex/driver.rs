//! The loops that feed a [`Lexer`]: from any `io::Read` through a roll buffer (the
//! shape of ripgrep's `LineBuffer`), or from a slice such as a memory-mapped file.
//!
//! Both present the lexer with a *window* of at most [`SplitOptions::window`] bytes that
//! starts at the current piece. When the lexer needs more than the window holds, the
//! piece goes out as a fragment ([`Lexer::cut`]). So memory is bounded by the window
//! plus one read, and both paths hand out exactly the same pieces whatever the read
//! size.

use std::io::{self, Read};

use super::{Kind, LexError, Lexer, Piece};
use crate::error::{read_error, Error, Result};

/// Buffer sizes for splitting.
#[derive(Clone, Copy, Debug)]
pub struct SplitOptions {
    /// Bytes asked of the reader per `read` call.
    pub read_size: usize,
    /// The most bytes of one piece held at once; larger pieces are fragmented.
    pub window: usize,
}

/// The smallest window the driver accepts: well above the lexer's lookahead.
pub const MIN_WINDOW: usize = 1024;

impl Default for SplitOptions {
    fn default() -> Self {
        SplitOptions {
            read_size: 1 << 20,
            window: 8 << 20,
        }
    }
}

/// What a caller did besides handling a piece: after a [`Kind::CopyRows`] piece of a
/// slice it may take the whole COPY data lines that follow, and after a whole
/// [`Kind::Tuple`] the tuples that follow, up to one followed by `,\n` or `;\n` (and
/// past the end of its INSERT into the next ones that start with the same head): `bytes`
/// of them, holding `lines` line ends, straight from the slice. The splitter then goes
/// on after them, in the value list or (after `;\n`) between statements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ahead {
    /// Bytes taken after the piece.
    pub bytes: usize,
    /// Line ends in them.
    pub lines: u64,
    /// Where in them the last INSERT begins whose head was taken (from the piece's
    /// end).
    pub statement: Option<usize>,
}

impl SplitOptions {
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

impl<'a> PieceRef<'a> {
    /// The kind of the piece.
    pub fn kind(&self) -> Kind {
        self.piece.kind
    }

    /// A client command's name (`\connect`, `\restrict`, `DELIMITER`: up to the first
    /// white space) and the rest of its bytes.
    pub fn command_word(&self) -> (&'a [u8], &'a [u8]) {
        let s = self.bytes;
        let end = s
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(s.len());
        s.split_at(end)
    }

    /// The line of the row itself: for a tuple, the line of its `(` (the separator
    /// before it may end a line: `),\n(`); for any other piece, [`PieceRef::line`].
    pub fn row_line(&self) -> u64 {
        if self.piece.kind != Kind::Tuple || self.piece.continued {
            return self.line;
        }
        let open = memchr::memchr(b'(', self.bytes).unwrap_or(0);
        self.line + count_lines(&self.bytes[..open])
    }
}

/// Count `\n` bytes.
#[inline]
pub fn count_lines(bytes: &[u8]) -> u64 {
    super::scan::count_byte(bytes, b'\n') as u64
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
    /// Offset and line of the constructs ([`Lexer::openings`]) that began in a
    /// fragment, noted as it was cut (an error about a string opened in an earlier
    /// fragment of a long piece points at them), and last of the one that outlasts the
    /// piece it began in ([`Lexer::open_across`]).
    openings: [(u64, u64); 4],
}

impl<'s> Tracker<'s> {
    fn new(source_name: &'s str) -> Self {
        Tracker {
            source_name,
            offset: 0,
            line: 1,
            piece_line: 1,
            statement: (0, 1),
            openings: [(u64::MAX, 0); 4],
        }
    }

    /// Go on after the tuples that a caller took after a whole tuple piece (`taken`,
    /// `ahead`): in the value list after `,\n`, between statements after `;\n`. The
    /// offsets and lines were counted on in [`Self::hand_out_counted`].
    fn skip_tuples(&mut self, lexer: &mut Lexer, taken: &[u8], ahead: Ahead) -> bool {
        let between = taken.ends_with(b";\n");
        if !between && !taken.ends_with(b",\n") {
            return false;
        }
        // an INSERT begun in them is still open: errors point at it
        let statement = match ahead.statement.filter(|_| !between) {
            Some(s) => {
                let Some(rest) = taken.get(s..) else {
                    return false;
                };
                self.statement = (
                    self.offset - rest.len() as u64,
                    self.line - count_lines(rest),
                );
                Some(s)
            }
            None => None,
        };
        lexer.skip_tuples(taken.len(), between, statement)
    }

    /// Hand out a fragment cut by `lexer`, noting the lines of the constructs that
    /// began in it. The lines are counted once, in segments (only here, on the path
    /// that cuts fragments, never for whole pieces).
    fn hand_out_cut<F>(
        &mut self,
        lexer: &Lexer,
        piece: Piece,
        bytes: &[u8],
        f: &mut F,
    ) -> Result<Ahead>
    where
        F: FnMut(PieceRef<'_>) -> Result<Ahead>,
    {
        let end = self.offset + bytes.len() as u64;
        let mut inside: Vec<(u64, usize)> = lexer
            .openings()
            .into_iter()
            .enumerate()
            .filter(|&(_, at)| at >= self.offset && at < end)
            .map(|(slot, at)| (at, slot))
            .collect();
        inside.sort_unstable();
        let (mut from, mut line) = (0usize, self.line);
        for (at, slot) in inside {
            let k = (at - self.offset) as usize;
            line += count_lines(&bytes[from..k]);
            from = k;
            self.openings[slot] = (at, line);
        }
        // hand_out counts the lines of the whole fragment again: give it the count.
        let lines = line - self.line + count_lines(&bytes[from..]);
        self.hand_out_counted(piece, bytes, lines, f)
    }

    /// Hand out a whole piece (or the last fragment of one) that `lexer` just ended.
    fn hand_out_whole<F>(
        &mut self,
        lexer: &Lexer,
        piece: Piece,
        bytes: &[u8],
        f: &mut F,
    ) -> Result<Ahead>
    where
        F: FnMut(PieceRef<'_>) -> Result<Ahead>,
    {
        if let Some(at) = lexer.open_across() {
            // rare: an executable comment left open by a tuple
            let end = self.offset + bytes.len() as u64;
            if at >= self.offset && at < end {
                let k = (at - self.offset) as usize;
                self.openings[3] = (at, self.line + count_lines(&bytes[..k]));
            }
        }
        self.hand_out(piece, bytes, f)
    }

    fn hand_out<F>(&mut self, piece: Piece, bytes: &[u8], f: &mut F) -> Result<Ahead>
    where
        F: FnMut(PieceRef<'_>) -> Result<Ahead>,
    {
        // A COPY data line holds no line end but its last byte (the lexer cuts at the
        // first one): no need to count.
        let lines = if piece.kind == Kind::CopyRow {
            u64::from(bytes.last() == Some(&b'\n'))
        } else {
            count_lines(bytes)
        };
        self.hand_out_counted(piece, bytes, lines, f)
    }

    /// Hand out a piece of `lines` line ends.
    fn hand_out_counted<F>(
        &mut self,
        piece: Piece,
        bytes: &[u8],
        lines: u64,
        f: &mut F,
    ) -> Result<Ahead>
    where
        F: FnMut(PieceRef<'_>) -> Result<Ahead>,
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
        self.line += lines;
        let ahead = f(r)?;
        self.offset += ahead.bytes as u64;
        self.line += ahead.lines;
        Ok(ahead)
    }

    /// A lexer error, with the line of its offset: the statement's, the line within
    /// `window` (which starts at the current offset), or the one noted when the
    /// fragment holding it was cut (else, which should not happen, the line where the
    /// piece began).
    fn lex_error(&self, e: LexError, window: &[u8]) -> Error {
        let at = e.offset();
        let line = if at == self.statement.0 {
            self.statement.1
        } else if at >= self.offset && ((at - self.offset) as usize) <= window.len() {
            self.line + count_lines(&window[..(at - self.offset) as usize])
        } else if let Some(&(_, line)) = self.openings.iter().find(|o| o.0 == at) {
            line
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
    opts: &SplitOptions,
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
    // Nothing can be taken ahead of a reader's window.
    let mut f = |p: PieceRef<'_>| f(p).map(|()| Ahead::default());
    loop {
        let avail = end - start;
        let win_end = start + avail.min(window);
        let last = eof && avail <= window;
        match lexer.next(&buf[start..win_end], last) {
            Err(e) => return Err(tr.lex_error(e, &buf[start..win_end])),
            Ok(Some(p)) => {
                tr.hand_out_whole(lexer, p, &buf[start..start + p.len], &mut f)?;
                start += p.len;
            }
            Ok(None) if last => return Ok(()),
            // Cut only when more than a window is held: with exactly a window and no
            // end of input seen yet, read first, since the piece may end with the input
            // (as split_slice sees it).
            Ok(None) if avail > window => match lexer.cut(&buf[start..win_end]) {
                Some(p) => {
                    tr.hand_out_cut(lexer, p, &buf[start..start + p.len], &mut f)?;
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
    opts: &SplitOptions,
    source_name: &str,
    mut f: F,
) -> Result<()>
where
    F: FnMut(PieceRef<'_>) -> Result<()>,
{
    split_slice_ahead(lexer, data, opts, source_name, |p| {
        f(p).map(|()| Ahead::default())
    })
}

/// [`split_slice`], where `f` may take the COPY data lines after a
/// [`Kind::CopyRows`] piece, or the tuples after a whole [`Kind::Tuple`], itself (see
/// [`Ahead`]): they are then not handed out.
pub fn split_slice_ahead<F>(
    lexer: &mut Lexer,
    data: &[u8],
    opts: &SplitOptions,
    source_name: &str,
    mut f: F,
) -> Result<()>
where
    F: FnMut(PieceRef<'_>) -> Result<Ahead>,
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
                let ahead = tr.hand_out_whole(lexer, p, &data[start..start + p.len], &mut f)?;
                start += p.len;
                if ahead.bytes > 0 {
                    let skipped = data
                        .get(start..start + ahead.bytes)
                        .is_some_and(|taken| match p.kind {
                            Kind::CopyRows => lexer.skip_copy_lines(ahead.bytes),
                            Kind::Tuple => tr.skip_tuples(lexer, taken, ahead),
                            _ => false,
                        });
                    if !skipped {
                        return Err(Error::Internal(format!(
                            "{} bytes taken ahead of a {:?} piece at byte {}",
                            ahead.bytes,
                            p.kind,
                            tr.offset - ahead.bytes as u64
                        )));
                    }
                    start += ahead.bytes;
                }
            }
            Ok(None) if last => return Ok(()),
            Ok(None) => match lexer.cut(&data[start..win_end]) {
                Some(p) => {
                    let ahead = tr.hand_out_cut(lexer, p, &data[start..start + p.len], &mut f)?;
                    if ahead.bytes > 0 {
                        return Err(Error::Internal(format!(
                            "bytes taken ahead of a fragment at byte {}",
                            tr.offset
                        )));
                    }
                    start += p.len;
                }
                None => return Err(tr.stuck()),
            },
        }
    }
}
