//! `dumpfix fix`: rewrite a dump for a target (or copy it) into the output. Its
//! pipeline and its exit code are those of every command that writes a dump (`fix`,
//! `bundle`, `mendix pack`).

use std::io::Write;
use std::process::ExitCode;

use super::cli::{FixArgs, InputArgs, OutFormat, RuleArgs};
use super::input::{dump_name, open, split_options, InputNotes};
use super::output::{report_fix, write_report};
use super::progress::Progress;
use super::settings::{engine_options, find_target, load_config};
use crate::finding::{Finding, Severity};
use crate::io::output::{Compression, Output, OutputOptions};
use crate::{config, job, targets, Dialect, Error, Result};

/// `dumpfix fix`: the output options checked against each other, the settings and the
/// target, then [`run_fix`]; the output is renamed into place only when complete.
pub(crate) fn fix(args: FixArgs, notes: &mut InputNotes) -> Result<ExitCode> {
    let FixArgs {
        input,
        output,
        target,
        rules,
        compress,
        level,
        format,
        archive_version,
        threads,
        report,
    } = args;
    let compress = match (format, compress) {
        (Some(OutFormat::Custom), Some(c)) if c != Compression::Custom => {
            return Err(Error::Usage(format!(
                "--format custom and --compress {c:?} do not go together: a custom archive compresses its data blocks itself (--level 0-9)"
            )
            .to_lowercase()));
        }
        (Some(OutFormat::Custom), _) => Some(Compression::Custom),
        (Some(OutFormat::Sql), Some(Compression::Custom)) => {
            return Err(Error::Usage(
                "--format sql and --compress custom do not go together".into(),
            ));
        }
        (Some(OutFormat::Sql), None) => {
            let named = output.as_deref().map(Compression::from_path);
            match named {
                Some(Compression::Custom) | None => Some(Compression::None),
                Some(c) => Some(c),
            }
        }
        (_, c) => c,
    };
    let custom = compress.or_else(|| {
        output
            .as_deref()
            .filter(|p| p.as_os_str() != "-")
            .map(Compression::from_path)
    }) == Some(Compression::Custom);
    if archive_version.is_some() && !custom {
        return Err(Error::Usage(
            "--archive-version is for a custom archive: add --format custom, or name the output *.dump or *.backup".into(),
        ));
    }
    let config = load_config(&rules)?;
    let target = target
        .or_else(|| config.target.clone())
        .map(|t| find_target(&t, &config, &rules))
        .transpose()?;
    if target.is_none() && (!rules.select.is_empty() || !rules.ignore.is_empty()) {
        return Err(Error::Usage(
            "--select and --ignore choose rules of a target: give --target NAME".into(),
        ));
    }
    if target.is_none() && !input.quiet {
        let _ = writeln!(
            std::io::stderr().lock(),
            "dumpfix: note: no target: the dump is copied unchanged (choose one with --target NAME or `target = \"NAME\"` in dumpfix.toml; `dumpfix targets` lists them)"
        );
    }
    let out_opts = OutputOptions {
        path: output,
        compression: compress,
        level,
        input_identity: None,
        threads,
        archive_version,
        quiet: input.quiet,
    };
    let fixed = run_fix(
        &input,
        target.as_ref(),
        &rules,
        &config,
        out_opts,
        threads,
        report.as_deref(),
        notes,
    )?;
    fixed.out.finish()?;
    if !input.quiet {
        report_fix(&fixed.findings, &fixed.name);
    }
    Ok(fix_exit(&fixed.findings))
}

/// What `fix`'s pipeline left: the output, written but not yet finished (renamed),
/// and the findings.
pub(crate) struct Fixed {
    pub(crate) out: Output,
    pub(crate) findings: Vec<Finding>,
    pub(crate) name: String,
}

/// `fix`: open the dump, rewrite it for `target` (none: copy it) into the output of
/// `out_opts`. `bundle` writes its `database.gz` through here too, so that it is
/// byte for byte what `fix -o database.gz` writes. A dump that leaves nothing to keep
/// (one that ends inside a statement) is an error, and its output is removed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_fix(
    input: &InputArgs,
    target: Option<&targets::Target>,
    rules: &RuleArgs,
    config: &config::Config,
    mut out_opts: OutputOptions,
    threads: usize,
    report: Option<&std::path::Path>,
    notes: &mut InputNotes,
) -> Result<Fixed> {
    let dump = open(input, notes)?;
    let engine = match target {
        Some(t) => Some(engine_options(t, rules, config, &dump)?),
        None => None,
    };
    out_opts.input_identity = dump.input.identity;
    let custom = out_opts.compression.or_else(|| {
        out_opts
            .path
            .as_deref()
            .filter(|p| p.as_os_str() != "-")
            .map(Compression::from_path)
    }) == Some(Compression::Custom);
    if custom {
        let out_dialect = target.map_or(dump.dialect(), |t| t.dialect);
        if out_dialect != Dialect::Postgres {
            return Err(Error::Usage(format!(
                "{}: a custom archive (pg_dump -Fc) holds PostgreSQL SQL, and this dump is {}{}",
                dump_name(input),
                dump.dialect(),
                if target.is_some() { " for a MySQL target" } else { "" }
            ) + ": give a PostgreSQL target (e.g. --target liferay-postgresql) to convert it, or write SQL (-o out.sql)"));
        }
    }
    let mut out = Output::create(&out_opts)?;
    let progress = Progress::start(input, &dump);
    let outcome = job::run(dump, engine, threads, &split_options(input), &mut out)?;
    progress.done();
    let name = dump_name(input);
    let mut findings = outcome.findings;
    config.reclassify(&mut findings);
    findings.sort_by_key(|f| f.line);
    if let Some(path) = report {
        write_report(path, &findings, &name, target)?;
    }
    if let Some(e) = outcome.fatal {
        // never keep a dump that ends inside a statement (the temporary file
        // is removed when `out` is dropped); the report has its D001
        drop(out);
        return Err(e);
    }
    Ok(Fixed {
        out,
        findings,
        name,
    })
}

/// `fix`'s exit code: 1 when a finding it could not fix is an error.
pub(crate) fn fix_exit(findings: &[Finding]) -> ExitCode {
    let failing = findings
        .iter()
        .any(|f| !f.fixable && f.severity >= Severity::Error);
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
