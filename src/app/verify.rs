//! `dumpfix bundle verify`: an upload pair checked (the dump as `check` checks it,
//! volume.tgz read to its end, the size limit), into one report.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::check::{check_exit, run_check};
use super::cli::{ColorChoice, InputArgs, VerifyArgs};
use super::input::InputNotes;
use super::output::print_findings;
use super::settings::{check_target, load_config};
use crate::finding::Finding;
use crate::rules;
use crate::{Error, Result};

/// `bundle verify PATH…`: the database through `check`'s pipeline, the volume read to
/// its end on a thread of its own at the same time, the sizes together; one report.
pub(crate) fn verify(
    args: VerifyArgs,
    color: ColorChoice,
    notes: &mut InputNotes,
) -> Result<ExitCode> {
    let VerifyArgs {
        paths,
        target,
        rules,
        format,
        fail_on,
        threads,
        quiet,
    } = args;
    let rules = &rules;
    use crate::bundle::verify;
    let config = load_config(rules)?;
    let target = check_target(target, &config, rules)?;
    let (db, vol) = verify::find_pair(&paths)?;
    let volume_thread = vol.clone().map(|v| {
        std::thread::Builder::new()
            .name("verify-volume".into())
            .spawn(move || verify::check_volume(&v))
    });
    let mut findings = Vec::new();
    let mut db_size = 0;
    if let Some(db) = &db {
        db_size = std::fs::metadata(db)
            .map_err(|e| Error::Read {
                path: db.display().to_string(),
                source: e,
            })?
            .len();
        // Liferay Cloud takes database.gz or database.tgz: gzip, whatever it holds
        let mut head = [0u8; 2];
        let gzip = std::fs::File::open(db)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok()
            && head == [0x1f, 0x8b];
        if !gzip && db_size > 0 {
            findings.push(verify::finding_about(
                &rules::upload::BAD_ARCHIVE,
                db,
                "the database file is not gzip-compressed: Liferay Cloud takes database.gz (gzip of the dump) or database.tgz (a tar.gz holding database.gz)".into(),
            ));
        }
        let input = InputArgs {
            input: Some(db.clone()),
            from: None,
            no_backslash_escapes: false,
            quiet,
            no_mmap: false,
            window: None,
            stdin_filename: None,
        };
        match run_check(&input, &target, rules, &config, threads, notes) {
            Ok((f, _)) => findings.extend(f),
            // what `check` calls an input error is, for the file of an upload pair,
            // a damaged file: a finding, so that every report format carries it
            Err(Error::Decode { message, .. }) => findings.push(verify::finding_about(
                &rules::upload::BAD_ARCHIVE,
                db,
                message,
            )),
            Err(Error::NotSql { reason, offset, .. }) => findings.push(verify::finding_about(
                &rules::upload::BAD_ARCHIVE,
                db,
                format!("the database file holds no SQL dump: {reason} (at byte {offset} of the decoded data)"),
            )),
            Err(Error::Empty { .. }) => findings.push(verify::finding_about(
                &rules::upload::BAD_ARCHIVE,
                db,
                "the database file is empty".into(),
            )),
            Err(e) => return Err(e),
        }
        config.reclassify(&mut findings);
        findings.sort_by_key(|f| f.line);
    }
    if let Some(handle) = volume_thread {
        let checked = handle
            .map_err(|e| Error::Internal(format!("cannot start the volume thread: {e}")))?
            .join()
            .map_err(|_| Error::Internal("the volume thread panicked".into()))??;
        let mut vf: Vec<Finding> = rules::integrity::upload_size(db_size, checked.size)
            .into_iter()
            .chain(checked.findings)
            .filter(|f| target.enabled(f.code))
            .collect();
        vf.sort_by_key(|f| f.code);
        config.reclassify(&mut vf);
        findings.extend(vf);
    }
    if !quiet {
        let mut err = std::io::stderr().lock();
        let show = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or("none".to_string(), |p| p.display().to_string())
        };
        let _ = writeln!(
            err,
            "dumpfix: verified database {} and volume {}",
            show(&db),
            show(&vol)
        );
    }
    let name = db
        .as_ref()
        .or(vol.as_ref())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    print_findings(&findings, &name, format, &target.name, color)?;
    Ok(check_exit(&findings, fail_on, &config))
}
