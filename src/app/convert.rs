//! `dumpfix convert --to postgresql`: a MySQL dump converted into a PostgreSQL script;
//! what the conversion could not carry listed on stderr (exit 1).

use std::io::Write;
use std::process::ExitCode;

use super::cli::{ConvertArgs, ConvertTo};
use super::input::{dump_name, open, split_options, InputNotes};
use super::output::human_line;
use super::progress::Progress;
use crate::finding::Finding;
use crate::io::output::{Output, OutputOptions};
use crate::rules;
use crate::{Dialect, Error, Result};

/// `dumpfix convert`: the dump streamed through the converter into the output.
pub(crate) fn convert(args: ConvertArgs, notes: &mut InputNotes) -> Result<ExitCode> {
    let ConvertArgs {
        input,
        to,
        output,
        timestamptz,
        cast,
        keep_case,
        enum_as_check,
        compress,
        level,
        threads,
    } = args;
    let ConvertTo::Postgresql = to;
    let mut dump = open(&input, notes)?;
    if dump.dialect() != Dialect::Mysql {
        return Err(Error::Usage(format!(
            "convert --to postgresql reads a MySQL dump, and this is a {} dump ({})",
            dump.dialect(),
            dump.detection.producer
        )));
    }
    let out_opts = OutputOptions {
        path: output,
        compression: compress,
        level,
        input_identity: dump.input.identity,
        threads,
        archive_version: None,
        quiet: input.quiet,
    };
    let mut out = Output::create(&out_opts)?;
    let progress = Progress::start(&input, &dump);
    let mut conv = crate::convert::Converter::with_options(crate::convert::ConvertOptions {
        timestamptz,
        casts: cast,
        keep_case,
        enum_as_check,
    });
    conv.set_threads(threads);
    conv.set_map(dump.mapped());
    conv.set_window(split_options(&input).window);
    // a dump without its producer's completion comment is truncated (D001),
    // as `check` and `fix` say; one that ends inside a statement is an error
    let producer = dump.detection.producer.clone();
    let (mut end_marker, mut last) = (false, (1u64, 0u64));
    {
        dump.for_each_piece_ahead(&split_options(&input), |p| {
            if p.kind() == crate::lex::Kind::Blank {
                end_marker |= rules::integrity::is_end_marker(p.bytes);
            }
            last = (p.line, p.offset + p.bytes.len() as u64);
            conv.piece_ahead(&p, &mut out)
        })?;
        conv.finish(&mut out)?;
    }
    out.finish()?;
    progress.done();
    dump.close();
    let name = dump_name(&input);
    let mut findings: Vec<Finding> = conv.findings();
    findings.extend(rules::integrity::missing_end(
        &producer, end_marker, last.0, last.1,
    ));
    if !input.quiet {
        let mut err = std::io::stderr().lock();
        for f in &findings {
            let _ = writeln!(err, "{}", human_line(f, &name));
        }
    }
    Ok(if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
