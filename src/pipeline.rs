//! Opening a dump: decode, detect the dialect, and hand out its pieces.

use std::io::Read;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::detect::{self, Detection};
use crate::error::{read_error, Error, Result};
use crate::io::{self, Body, Input, Layer, Peek, Source};
use crate::lex::driver::{self, PieceRef};
use crate::lex::{Dialect, Lexer};

/// An opened dump, ready to be split.
pub struct Dump {
    /// The decoded input (its body is taken by [`Dump::for_each_piece`]).
    pub input: Input,
    /// Dialect and producer.
    pub detection: Detection,
    /// MySQL: read strings as a session with `NO_BACKSLASH_ESCAPES` in its sql_mode
    /// would, until the dump sets its own mode (`--no-backslash-escapes`).
    pub no_backslash_escapes: bool,
    body: Option<DumpBody>,
    bulk_copy: usize,
}

enum DumpBody {
    Mapped(Arc<memmap2::Mmap>),
    Stream(Peek<Box<dyn Read + Send>>),
}

/// Open `source`, decode it, and detect its dialect (or use `forced`).
pub fn open(source: &Source, opts: io::OpenOptions, forced: Option<Dialect>) -> Result<Dump> {
    from_input(io::open(source, opts)?, forced)
}

/// Detect the dialect of an opened input (or use `forced`).
pub fn from_input(mut input: Input, forced: Option<Dialect>) -> Result<Dump> {
    let name = input.name.clone();
    let not_sql = |e: detect::NotSql| Error::NotSql {
        source_name: name.clone(),
        reason: e.reason,
        offset: e.offset,
    };
    let body = std::mem::replace(&mut input.body, Body::Stream(Box::new(std::io::empty())));
    let (detection, body) = match body {
        Body::Mapped(m) => {
            let d = detect::detect(&m[..m.len().min(detect::PREFIX)], forced).map_err(not_sql)?;
            (d, DumpBody::Mapped(Arc::new(m)))
        }
        Body::Stream(r) => {
            let mut p = Peek::new(r);
            let head = p.peek(detect::PREFIX).map_err(|e| read_error(&name, e))?;
            if head.is_empty() {
                return Err(Error::Empty { source_name: name });
            }
            let d = detect::detect(head, forced).map_err(not_sql)?;
            (d, DumpBody::Stream(p))
        }
    };
    Ok(Dump {
        input,
        detection,
        no_backslash_escapes: false,
        body: Some(body),
        bulk_copy: 0,
    })
}

impl Dump {
    /// The dialect the dump is split with.
    pub fn dialect(&self) -> Dialect {
        self.detection.dialect
    }

    /// Encoding layers around the SQL (empty for plain).
    pub fn layers(&self) -> &[Layer] {
        &self.input.layers
    }

    /// Hand out COPY data in runs of whole lines of at most `max` bytes
    /// ([`crate::lex::Kind::CopyRows`]) for a caller that handles them.
    pub fn set_bulk_copy(&mut self, max: usize) {
        self.bulk_copy = max;
    }

    /// The mapped file when the input is a plain regular file: every piece handed out
    /// is then a slice of it, which row workers can read without a copy.
    pub fn mapped(&self) -> Option<Arc<memmap2::Mmap>> {
        match &self.body {
            Some(DumpBody::Mapped(m)) => Some(Arc::clone(m)),
            _ => None,
        }
    }

    /// Split the dump, calling `f` with every piece in order. Can be called once.
    pub fn for_each_piece<F>(&mut self, opts: &driver::SplitOptions, mut f: F) -> Result<()>
    where
        F: FnMut(PieceRef<'_>) -> Result<()>,
    {
        self.for_each_piece_ahead(opts, |p| f(p).map(|()| driver::Ahead::default()))
    }

    /// [`Self::for_each_piece`], where `f` may take the COPY data lines after a
    /// [`crate::lex::Kind::CopyRows`] piece, or the tuples after a whole
    /// [`crate::lex::Kind::Tuple`], itself, from [`Self::mapped`] (see
    /// [`driver::Ahead`]); it must not when the dump is not mapped.
    pub fn for_each_piece_ahead<F>(&mut self, opts: &driver::SplitOptions, mut f: F) -> Result<()>
    where
        F: FnMut(PieceRef<'_>) -> Result<driver::Ahead>,
    {
        let mut lexer = Lexer::new(self.dialect());
        lexer.set_bulk_copy(self.bulk_copy);
        lexer.set_no_backslash_escapes(self.no_backslash_escapes);
        let name = self.input.name.clone();
        match self.body.take() {
            Some(DumpBody::Mapped(m)) => {
                let progress = self.input.raw_read.clone();
                let r = driver::split_slice_ahead(&mut lexer, &m, opts, &name, |p| {
                    progress.store(p.offset, Ordering::Relaxed);
                    f(p)
                });
                progress.store(m.len() as u64, Ordering::Relaxed);
                r
            }
            Some(DumpBody::Stream(r)) => {
                driver::split_reader(&mut lexer, r, opts, &name, |p| match f(p)? {
                    a if a == driver::Ahead::default() => Ok(()),
                    _ => Err(Error::Internal("rows taken ahead of a stream".into())),
                })
            }
            None => Err(Error::Usage("the dump was already read".into())),
        }
    }

    /// Wait for the decoder thread.
    pub fn close(self) {
        self.input.close();
    }
}
