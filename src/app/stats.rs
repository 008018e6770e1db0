//! `dumpfix stats`: what a dump holds (dialect, producer, statements by kind, rows per
//! table), as text or JSON.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use super::cli::{Format, StatsArgs};
use super::input::{open, split_options, InputNotes};
use super::output::with_stdout;
use super::progress::Progress;
use crate::stats::Collector;
use crate::Result;

/// `dumpfix stats`: the dump read to its end through the statistics collector.
pub(crate) fn stats(args: StatsArgs, notes: &mut InputNotes) -> Result<ExitCode> {
    let StatsArgs { input, format } = args;
    let mut dump = open(&input, notes)?;
    let progress = Progress::start(&input, &dump);
    let mut c = Collector::new(dump.dialect());
    dump.for_each_piece(&split_options(&input), |p| {
        c.piece(&p);
        Ok(())
    })?;
    progress.done();
    let d = dump.detection.clone();
    let encoding = dump.layers().iter().map(crate::io::Layer::label).collect();
    let compressed = (!dump.layers().is_empty()).then(|| dump.input.raw_read.clone());
    let raw_size = dump.input.raw_size;
    dump.close();
    let mut stats = c.finish(&d.producer, d.version, encoding);
    // after close: the decoding thread has counted every byte it read
    stats.compressed_bytes =
        compressed.map(|n| raw_size.unwrap_or_else(|| n.load(Ordering::Relaxed)));
    with_stdout(|so| match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *so, &stats)?;
            writeln!(so)
        }
        Format::Human => print_stats(so, &stats),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn print_stats(w: &mut impl Write, s: &crate::stats::Stats) -> std::io::Result<()> {
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
    writeln!(w, "input       {enc}")?;
    match s.compressed_bytes {
        Some(c) => {
            let ratio = if c > 0 {
                format!(", {:.1}x", s.bytes as f64 / c as f64)
            } else {
                String::new()
            };
            writeln!(
                w,
                "size        {} decompressed SQL, {} compressed{ratio}",
                human_size(s.bytes),
                human_size(c)
            )?;
        }
        None => writeln!(w, "size        {}", human_size(s.bytes))?,
    }
    writeln!(w, "lines       {}", s.lines)?;
    writeln!(w, "statements  {}", s.statements)?;
    let mut kinds: Vec<_> = s.kinds.iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    // one width for both lists, from the longest name and number, so the columns
    // line up whatever the table names
    let name_w = kinds
        .iter()
        .map(|(k, _)| k.chars().count())
        .chain(s.tables.iter().map(|t| t.name.chars().count()))
        .max()
        .unwrap_or(0)
        .max(28);
    let num_w = kinds
        .iter()
        .map(|(_, n)| n.to_string().len())
        .chain(s.tables.iter().map(|t| t.rows.to_string().len()))
        .max()
        .unwrap_or(0)
        .max(10);
    for (k, n) in kinds {
        writeln!(w, "  {k:<name_w$} {n:>num_w$}")?;
    }
    if s.commands > 0 {
        writeln!(w, "commands    {}", s.commands)?;
    }
    let rows: u64 = s.tables.iter().map(|t| t.rows).sum();
    writeln!(w, "tables      {} ({rows} rows)", s.tables.len())?;
    for t in &s.tables {
        writeln!(w, "  {:<name_w$} {:>num_w$}", t.name, t.rows)?;
    }
    Ok(())
}

/// `123456789 bytes (117.7 MiB)`: exact, and readable.
fn human_size(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let (mut v, mut u) = (n as f64 / 1024.0, 0);
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    format!("{n} bytes ({v:.1} {})", UNITS[u])
}
