//! Reading the input: the dump opened as the input options say, its name in reports,
//! the notes its reading leaves for the end of the run, and small text files that
//! options name.

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use super::cli::{FromDialect, InputArgs};
use crate::io::{OpenOptions, Source};
use crate::lex::driver;
use crate::{pipeline, Dialect, Error, Result};

/// Notes from reading the input (tar members that are not dumps), printed on stderr
/// when the run ends, unless `--quiet`.
#[derive(Default)]
pub(crate) struct InputNotes(Vec<(String, Arc<std::sync::Mutex<Vec<String>>>)>);

impl InputNotes {
    pub(crate) fn print(&self) {
        let mut err = std::io::stderr().lock();
        for (name, notes) in &self.0 {
            let Ok(notes) = notes.lock() else {
                continue;
            };
            for n in notes.iter() {
                let _ = writeln!(err, "dumpfix: note: {name}: {n}");
            }
        }
    }
}

/// Open the dump `args` name (stdin when none, refused when stdin is a terminal),
/// its notes kept for the end of the run unless `--quiet`.
pub(crate) fn open(args: &InputArgs, notes: &mut InputNotes) -> Result<pipeline::Dump> {
    let source = Source::from_arg(args.input.as_deref());
    if source == Source::Stdin && std::io::stdin().is_terminal() {
        // not a silent wait for a dump that is not coming
        return Err(Error::Usage(
            "no dump given: name a file (dumpfix check --target NAME dump.sql) or pipe one in (mysqldump db | dumpfix …)".into(),
        ));
    }
    let forced = args.from.map(|d| match d {
        FromDialect::Mysql => Dialect::Mysql,
        FromDialect::Postgresql => Dialect::Postgres,
    });
    let mut dump = pipeline::open(
        &source,
        OpenOptions {
            mmap: !args.no_mmap,
        },
        forced,
    )?;
    if args.no_backslash_escapes && dump.dialect() != Dialect::Mysql {
        return Err(Error::Usage(format!(
            "--no-backslash-escapes is a MySQL sql_mode, and this is a {} dump ({})",
            dump.dialect(),
            dump.detection.producer
        )));
    }
    dump.no_backslash_escapes = args.no_backslash_escapes;
    if !args.quiet {
        notes
            .0
            .push((dump.input.name.clone(), dump.input.notes.clone()));
    }
    Ok(dump)
}

/// The dump's name in reports: its path, else `--stdin-filename`, else `<stdin>`.
pub(crate) fn dump_name(args: &InputArgs) -> String {
    match args.input.as_deref() {
        Some(p) if p.as_os_str() != "-" => p.display().to_string(),
        _ => args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string()),
    }
}

/// The splitter's options: `--window`, else the default.
pub(crate) fn split_options(args: &InputArgs) -> driver::SplitOptions {
    let mut o = driver::SplitOptions::default();
    if let Some(w) = args.window {
        o.window = w;
    }
    o
}

/// A small text file an option names (table names, the catalog's sources), whole.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String> {
    let mut s = String::new();
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_to_string(&mut f, &mut s))
        .map_err(|e| Error::Read {
            path: path.display().to_string(),
            source: e,
        })?;
    Ok(s)
}
