//! The `dumpfix` command line: parse arguments, call the library, map errors to exit
//! codes (0 clean, 1 findings, 2 usage or input error; a closed stdout ends quietly).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use dumpfix::io::output::{Compression, Output, OutputOptions};
use dumpfix::io::{OpenOptions, Source};
use dumpfix::lex::driver;
use dumpfix::stats::Collector;
use dumpfix::{pipeline, Dialect, Error, Result};

#[derive(Parser)]
#[command(
    name = "dumpfix",
    version,
    about = "Lint and repair SQL database dumps (mysqldump, mariadb-dump, pg_dump) in one streaming pass",
    long_about = "dumpfix reads a SQL dump — mysqldump / mariadb-dump or pg_dump plain format, \
from a file or stdin, plain or gzip / zstd / tar.gz compressed (detected by magic bytes) — \
splits it into statements without ever holding a whole statement in memory, and writes it back \
out, rewritten for a target or byte for byte.",
    after_help = "Examples:\n  dumpfix stats database.gz\n  mysqldump lportal | dumpfix fix -o database.gz\n  dumpfix fix database.tgz --compress zstd -o database.sql.zst\n\nExit codes: 0 ok, 1 findings, 2 usage or input error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Rewrite a dump for a target and write it out (with no --target: copy it exactly)
    #[command(
        after_help = "Examples:\n  dumpfix fix dump.sql -o database.gz          # gzip by extension\n  mysqldump db | dumpfix fix > out.sql          # stdin to stdout\n  dumpfix fix database.tgz -o plain.sql         # unpack a Liferay Cloud tgz\n  dumpfix fix dump.sql.zst --compress gzip --level 9 -o dump.sql.gz\n\nA file given with -o is written under a temporary name and renamed when complete,\nso a failed run never leaves a partial file behind. Devices and FIFOs are written directly."
    )]
    Fix {
        #[command(flatten)]
        input: InputArgs,
        /// Output file (default: stdout); `.gz`, `.zst`, `.tgz` choose the compression
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Target to rewrite the dump for (see `dumpfix targets`); none: copy unchanged
        #[arg(long, value_name = "TARGET")]
        target: Option<String>,
        /// Output compression (default: from the output file's extension, else none)
        #[arg(long, value_enum, value_name = "C")]
        compress: Option<Compression>,
        /// Compression level (gzip 0-9, default 6; zstd 1-22, default 3)
        #[arg(long, value_name = "N")]
        level: Option<i32>,
        /// Threads for compression (default: one per core)
        #[arg(long, value_name = "N", default_value_t = 0)]
        threads: usize,
    },
    /// Show what a dump holds: dialect, producer, statements by kind, rows per table
    #[command(
        after_help = "Examples:\n  dumpfix stats world.sql\n  dumpfix stats --format json database.gz | jq '.tables[] | select(.rows > 0)'"
    )]
    Stats {
        #[command(flatten)]
        input: InputArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// List the targets `fix --target` accepts
    Targets,
}

#[derive(clap::Args)]
struct InputArgs {
    /// The dump: a file, or `-` / nothing for stdin (plain, gzip, zstd, tar, tar.gz)
    #[arg(value_name = "INPUT")]
    input: Option<PathBuf>,
    /// The dump's dialect, when detection from its header guesses wrong
    #[arg(long, value_enum, value_name = "D")]
    from: Option<FromDialect>,
    /// No progress bar
    #[arg(short, long)]
    quiet: bool,
    /// Read files with read(2) instead of memory-mapping them
    #[arg(long, hide = true)]
    no_mmap: bool,
    /// Largest piece held in memory, in bytes (larger ones are streamed in fragments)
    #[arg(long, hide = true, value_name = "BYTES")]
    window: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FromDialect {
    Mysql,
    #[value(alias = "postgres", alias = "pg")]
    Postgresql,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// Targets known to this build (the Liferay rules come in their own modules).
const TARGETS: &[(&str, &str)] = &[];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            if !std::io::stderr().is_terminal() {
                // Logs and CI: one line per message, never wrapped mid-word.
                let _ = miette::set_hook(Box::new(|_| {
                    Box::new(
                        miette::MietteHandlerOpts::new()
                            .wrap_lines(false)
                            .color(false)
                            .unicode(false)
                            .build(),
                    )
                }));
            }
            let report = miette::Report::new(e);
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Fix {
            input,
            output,
            target,
            compress,
            level,
            threads,
        } => {
            if let Some(t) = target {
                if !TARGETS.iter().any(|(n, _)| *n == t) {
                    return Err(Error::Usage(format!(
                        "unknown target '{t}' (see `dumpfix targets`)"
                    )));
                }
            }
            let mut dump = open(&input)?;
            let out_opts = OutputOptions {
                path: output,
                compression: compress,
                level,
                input_identity: dump.input.identity,
                threads,
            };
            let mut out = Output::create(&out_opts)?;
            let progress = Progress::start(&input, &dump);
            dump.for_each_piece(&split_options(&input), |p| out.write_all(p.bytes))?;
            out.finish()?;
            progress.done();
            dump.close();
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { input, format } => {
            let mut dump = open(&input)?;
            let progress = Progress::start(&input, &dump);
            let mut c = Collector::new(dump.dialect());
            dump.for_each_piece(&split_options(&input), |p| {
                c.piece(&p);
                Ok(())
            })?;
            progress.done();
            let d = dump.detection.clone();
            let encoding = dump
                .layers()
                .iter()
                .map(|l| match l {
                    dumpfix::io::Layer::Gzip => "gzip".to_string(),
                    dumpfix::io::Layer::Zstd => "zstd".to_string(),
                    dumpfix::io::Layer::Tar(m) => format!("tar:{m}"),
                })
                .collect();
            dump.close();
            let stats = c.finish(&d.producer, d.version, encoding);
            let mut so = std::io::stdout().lock();
            let w = |e| Error::Write {
                path: "<stdout>".into(),
                source: e,
            };
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut so, &stats).map_err(|e| w(e.into()))?;
                    writeln!(so).map_err(w)?;
                }
                Format::Human => print_stats(&mut so, &stats).map_err(w)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Targets => {
            if TARGETS.is_empty() {
                println!("no targets in this build yet: `dumpfix fix` without --target copies the dump unchanged");
            }
            for (name, about) in TARGETS {
                println!("{name:24} {about}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn open(args: &InputArgs) -> Result<pipeline::Dump> {
    let source = Source::from_arg(args.input.as_deref());
    let forced = args.from.map(|d| match d {
        FromDialect::Mysql => Dialect::Mysql,
        FromDialect::Postgresql => Dialect::Postgres,
    });
    pipeline::open(
        &source,
        OpenOptions {
            mmap: !args.no_mmap,
        },
        forced,
    )
}

fn split_options(args: &InputArgs) -> driver::Options {
    let mut o = driver::Options::default();
    if let Some(w) = args.window {
        o.window = w;
    }
    o
}

fn print_stats(w: &mut impl Write, s: &dumpfix::stats::Stats) -> std::io::Result<()> {
    let version = s
        .version
        .as_deref()
        .map(|v| format!(" {v}"))
        .unwrap_or_default();
    writeln!(w, "dialect     {} ({}{})", s.dialect, s.producer, version)?;
    let enc = if s.encoding.is_empty() {
        "plain".to_string()
    } else {
        s.encoding.join(" > ")
    };
    writeln!(w, "input       {enc}, {} bytes, {} lines", s.bytes, s.lines)?;
    writeln!(w, "statements  {}", s.statements)?;
    let mut kinds: Vec<_> = s.kinds.iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (k, n) in kinds {
        writeln!(w, "  {k:<28} {n:>10}")?;
    }
    if s.commands > 0 {
        writeln!(w, "commands    {}", s.commands)?;
    }
    let rows: u64 = s.tables.iter().map(|t| t.rows).sum();
    writeln!(w, "tables      {} ({rows} rows)", s.tables.len())?;
    for t in &s.tables {
        writeln!(w, "  {:<28} {:>10}", t.name, t.rows)?;
    }
    Ok(())
}

/// A progress bar on stderr, when it is a terminal.
struct Progress {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(args: &InputArgs, dump: &pipeline::Dump) -> Progress {
        let stop = Arc::new(AtomicBool::new(false));
        if args.quiet || !std::io::stderr().is_terminal() {
            return Progress { stop, handle: None };
        }
        let counter: Arc<AtomicU64> = dump.input.raw_read.clone();
        let size = dump.input.raw_size;
        let flag = stop.clone();
        let handle = std::thread::spawn(move || {
            let bar = match size {
                Some(n) => indicatif::ProgressBar::new(n).with_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                ),
                None => indicatif::ProgressBar::new_spinner().with_style(
                    indicatif::ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                ),
            };
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(5));
            while !flag.load(Ordering::Relaxed) {
                bar.set_position(counter.load(Ordering::Relaxed));
                std::thread::sleep(Duration::from_millis(200));
            }
            bar.finish_and_clear();
        });
        Progress {
            stop,
            handle: Some(handle),
        }
    }

    fn done(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
