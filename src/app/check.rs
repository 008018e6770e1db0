//! `dumpfix check`: `fix`'s pipeline with the output thrown away, over one dump or
//! several, with `--volume`; the report, and the exit code of every command that
//! reports findings (`check`, `bundle verify`, `mendix verify`).

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use super::cli::{CheckArgs, ColorChoice, FailOn, InputArgs, RuleArgs};
use super::input::{dump_name, open, split_options, InputNotes};
use super::output::{append_summary, print_findings, to_stdout};
use super::progress::Progress;
use super::settings::{check_target, engine_options, load_config, selection};
use crate::finding::{Finding, Severity};
use crate::rules;
use crate::{config, job, report, targets, Error, Result};

/// `dumpfix check`: every dump checked against the target, into one report.
pub(crate) fn check(
    args: CheckArgs,
    color: ColorChoice,
    notes: &mut InputNotes,
) -> Result<ExitCode> {
    let CheckArgs {
        input,
        target,
        volume,
        rules,
        format,
        fail_on,
        threads,
        statistics,
        more,
    } = args;
    let config = load_config(&rules)?;
    let target = check_target(target, &config, &rules)?;
    let mut paths = vec![input.input.clone()];
    paths.extend(more.into_iter().map(Some));
    let several = paths.len() > 1;
    if paths
        .iter()
        .filter(|p| p.as_deref().is_none_or(|p| p.as_os_str() == "-"))
        .count()
        > 1
    {
        return Err(Error::Usage("stdin (`-`) can be read once".into()));
    }
    let (mut findings, mut names, mut raw_size) = (Vec::new(), Vec::new(), 0u64);
    for path in paths {
        let one = InputArgs {
            input: path,
            ..input.clone()
        };
        let (these, size) = run_check(&one, &target, &rules, &config, threads, notes)?;
        raw_size += size.unwrap_or(0);
        let name = dump_name(&one);
        let mut these = these;
        these.sort_by_key(|f| f.line);
        if several {
            for f in &mut these {
                f.file = Some(name.clone());
            }
        }
        findings.extend(these);
        names.push(name);
    }
    config.reclassify(&mut findings);
    // findings of stages besides the rules (the conversion, the end of the
    // dump) follow --select and --ignore too
    let (select, ignore) = selection(&rules)?;
    findings
        .retain(|f| (select.is_empty() || select.contains(&f.code)) && !ignore.contains(&f.code));
    if !several {
        findings.sort_by_key(|f| f.line);
    }
    if let Some(v) = &volume {
        let mut vf = volume_findings(&target, raw_size, v)?;
        config.reclassify(&mut vf);
        findings.extend(vf);
    }
    let name = names.join(", ");
    print_findings(&findings, &name, format, &target.name, color)?;
    if statistics {
        let text = report::statistics(&findings);
        match format {
            report::Format::Human | report::Format::Concise => to_stdout(&text)?,
            _ => {
                let _ = std::io::stderr().lock().write_all(text.as_bytes());
            }
        }
    }
    if format == report::Format::Github {
        if let Some(p) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            let cx = report::Context {
                file: &name,
                target: &target.name,
                color: false,
            };
            append_summary(
                std::path::Path::new(&p),
                &report::github_summary(&findings, &cx),
            )?;
        }
    }
    Ok(check_exit(&findings, fail_on, &config))
}

/// `check`: `fix` with the output thrown away. The findings (not yet reclassified by
/// the settings) and the size of the input: the file's, or the bytes read from stdin.
pub(crate) fn run_check(
    input: &InputArgs,
    target: &targets::Target,
    rules: &RuleArgs,
    config: &config::Config,
    threads: usize,
    notes: &mut InputNotes,
) -> Result<(Vec<Finding>, Option<u64>)> {
    let dump = open(input, notes)?;
    let engine = engine_options(target, rules, config, &dump)?;
    let raw_size = dump.input.raw_size;
    // the bytes read, for the size of a dump from a pipe (S001 with `--volume`)
    let read = dump.input.raw_read.clone();
    let progress = Progress::start(input, &dump);
    // `fix` with the output thrown away
    let mut sink = |_: &[u8]| Ok(());
    let outcome = job::run(
        dump,
        Some(engine),
        threads,
        &split_options(input),
        &mut sink,
    )?;
    progress.done();
    let size = raw_size.or_else(|| Some(read.load(Ordering::Relaxed)));
    Ok((outcome.findings, size))
}

/// The checks of a volume (`check --volume`, `bundle verify`): read to its end
/// (S002–S005), and its size with the database's (S001), as far as the target runs
/// them.
pub(crate) fn volume_findings(
    target: &targets::Target,
    dump_size: u64,
    volume: &std::path::Path,
) -> Result<Vec<Finding>> {
    let v = crate::bundle::verify::check_volume(volume)?;
    let mut findings: Vec<Finding> = rules::integrity::upload_size(dump_size, v.size)
        .into_iter()
        .chain(v.findings)
        .filter(|f| target.enabled(f.code))
        .collect();
    findings.sort_by_key(|f| f.code);
    Ok(findings)
}

/// `check`'s exit code: 1 when a finding is at or above `--fail-on` (or dumpfix.toml's
/// `fail-on`; default warning).
pub(crate) fn check_exit(
    findings: &[Finding],
    fail_on: Option<FailOn>,
    config: &config::Config,
) -> ExitCode {
    let fail_on = fail_on.or_else(|| {
        config
            .fail_on
            .as_deref()
            .map(|f| match f.to_ascii_lowercase().as_str() {
                "info" => FailOn::Info,
                "error" => FailOn::Error,
                _ => FailOn::Warning,
            })
    });
    let min = match fail_on.unwrap_or(FailOn::Warning) {
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
    };
    if findings.iter().any(|f| f.severity >= min) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
