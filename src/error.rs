//! Errors of the library. Each says where in the input it happened (byte offset and,
//! where known, line), and maps to the process exit code in `main.rs`.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong while reading, splitting or writing a dump.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// The input is empty.
    #[error("{source_name}: the input is empty")]
    #[diagnostic(
        code(dumpfix::empty),
        help("give a mysqldump or pg_dump file, or pipe one in")
    )]
    Empty {
        /// Where the input came from.
        source_name: String,
    },

    /// The input is not a SQL dump.
    #[error("{source_name}: not a SQL dump: {reason} (at byte {offset})")]
    #[diagnostic(
        code(dumpfix::not_sql),
        help("dumpfix reads mysqldump / mariadb-dump / pg_dump plain-format output, plain or gzip/zstd/tar compressed")
    )]
    NotSql {
        /// Where the input came from.
        source_name: String,
        /// What was found instead.
        reason: String,
        /// Byte offset in the decoded input.
        offset: u64,
    },

    /// The dump is malformed or cut short.
    #[error("{source_name}: {message} (byte {offset}, line {line})")]
    #[diagnostic(code(dumpfix::syntax), help("{help}"))]
    Syntax {
        /// Where the input came from.
        source_name: String,
        /// What is wrong.
        message: String,
        /// Byte offset in the decoded input.
        offset: u64,
        /// 1-based line in the decoded input.
        line: u64,
        /// A hint.
        help: String,
    },

    /// The input is a format dumpfix does not read (yet), such as a pg_dump custom
    /// archive or a bzip2 file: what it is, and the command that turns it into one
    /// it reads.
    #[error("{source_name}: {what}, which dumpfix does not read")]
    #[diagnostic(code(dumpfix::format), help("{help}"))]
    Unsupported {
        /// Where the input came from.
        source_name: String,
        /// What it is.
        what: String,
        /// What to do.
        help: String,
    },

    /// The compressed or archived input is damaged.
    #[error("{source_name}: {message}")]
    #[diagnostic(code(dumpfix::decode))]
    Decode {
        /// Where the input came from.
        source_name: String,
        /// What is wrong, with the offset.
        message: String,
    },

    /// The input could not be opened or read.
    #[error("cannot read {path}")]
    #[diagnostic(code(dumpfix::read))]
    Read {
        /// The path or `<stdin>`.
        path: String,
        /// The OS error.
        #[source]
        source: io::Error,
    },

    /// The output could not be created or written.
    #[error("cannot write {path}")]
    #[diagnostic(code(dumpfix::write))]
    Write {
        /// The path or `<stdout>`.
        path: String,
        /// The OS error.
        #[source]
        source: io::Error,
    },

    /// Standard output could not be written (every write to stdout, of every command,
    /// ends here: `main` prints it as one line and exits 2; a closed pipe ends quietly).
    #[error("cannot write to stdout: {0}")]
    #[diagnostic(code(dumpfix::write))]
    Stdout(io::Error),

    /// A compressor could not get the memory it needs (a `ulimit -v`, a container).
    #[error("cannot write {path}: {message}")]
    #[diagnostic(code(dumpfix::memory), help("{help}"))]
    OutOfMemory {
        /// The path or `<stdout>`.
        path: String,
        /// What ran out, with the settings and the limit.
        message: String,
        /// What to change.
        help: String,
    },

    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    #[diagnostic(code(dumpfix::usage))]
    Usage(String),

    /// A rule found something `fix` cannot repair and must not pass through.
    #[error("{message} (byte {offset}, line {line})")]
    #[diagnostic(code(dumpfix::rule))]
    Rule {
        /// What was found.
        message: String,
        /// 1-based line.
        line: u64,
        /// Byte offset.
        offset: u64,
    },

    /// `bundle` cannot make the upload pair from what it was given (a link or a device
    /// in the document library, a pair over the size limit, …).
    #[error("{message}")]
    #[diagnostic(code(dumpfix::bundle), help("{help}"))]
    Bundle {
        /// What is wrong, naming the path.
        message: String,
        /// What to do.
        help: String,
    },

    /// A thread of dumpfix's own stopped (a bug: please report it).
    #[error("internal error: {0}")]
    #[diagnostic(code(dumpfix::internal))]
    Internal(String),

    /// Writing to the input file would destroy it.
    #[error("refusing to write the output over the input file {0}")]
    #[diagnostic(code(dumpfix::usage), help("write to another file, then rename it"))]
    OutputIsInput(PathBuf),
}

impl Error {
    /// Whether this is a closed stdout (`dumpfix … | head`), which ends quietly.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Stdout(e) | Error::Write { source: e, .. } => {
                e.kind() == io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error carried through `io::Read` by a decoding layer, so that the consumer can
/// recover the precise message instead of a generic I/O error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DecodeFailure(pub String);

/// Turn an error from reading the (decoded) input into an [`Error`].
pub fn read_error(source_name: &str, e: io::Error) -> Error {
    if e.get_ref().is_some_and(|inner| inner.is::<DecodeFailure>()) {
        return Error::Decode {
            source_name: source_name.to_string(),
            message: e.into_inner().map(|i| i.to_string()).unwrap_or_default(),
        };
    }
    Error::Read {
        path: source_name.to_string(),
        source: e,
    }
}
