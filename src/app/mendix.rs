//! `dumpfix mendix pack|verify|unpack`: Mendix backups (files_and_database-….tar.gz).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::check::check_exit;
use super::cli::{ColorChoice, InputArgs, MendixCommand, MendixVerifyArgs, PackArgs};
use super::fix::{fix_exit, run_fix};
use super::input::InputNotes;
use super::output::{print_findings, report_fix};
use super::settings::{find_target, load_config};
use crate::io::output::{Compression, Output, OutputOptions};
use crate::pgarchive::mendix;
use crate::{config, Error, Result};

/// `mendix pack|verify|unpack`.
pub(crate) fn mendix(
    command: MendixCommand,
    color: ColorChoice,
    notes: &mut InputNotes,
) -> Result<ExitCode> {
    match command {
        MendixCommand::Pack(args) => pack(args, notes),
        MendixCommand::Verify(args) => verify(args, color),
        MendixCommand::Unpack { archive, dir } => unpack(&archive, &dir),
    }
}

/// `mendix pack`: the dump through `fix` into a custom archive spooled next to the
/// output, then the backup: .metadata, db/db.backup and the files under tree/.
fn pack(args: PackArgs, notes: &mut InputNotes) -> Result<ExitCode> {
    let PackArgs {
        db,
        files,
        output,
        target,
        rules,
        model_version,
        level,
        threads,
        quiet,
    } = args;
    let config = load_config(&rules)?;
    let target = target
        .or_else(|| config.target.clone())
        .map(|t| find_target(&t, &config, &rules))
        .transpose()?;
    let tree = match &files {
        Some(d) => mendix::list_tree(d)?,
        None => Vec::new(),
    };
    let files_size: u64 = tree.iter().map(|f| f.size).sum();
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let werr = |e: std::io::Error| Error::Write {
        path: output.display().to_string(),
        source: e,
    };
    let spool = tempfile::Builder::new()
        .prefix(".db.backup.")
        .suffix(".dumpfix-tmp")
        .tempfile_in(&dir)
        .map_err(werr)?;
    let start = std::time::Instant::now();
    let input = InputArgs {
        input: Some(db.clone()),
        from: None,
        no_backslash_escapes: false,
        quiet: true,
        no_mmap: false,
        window: None,
        stdin_filename: None,
    };
    let out_opts = OutputOptions {
        path: Some(spool.path().to_path_buf()),
        compression: Some(Compression::Custom),
        level: None,
        input_identity: None,
        threads,
        archive_version: Some(crate::pgarchive::write::ArchiveVersion::V1_14),
        quiet,
    };
    let fixed = run_fix(
        &input,
        target.as_ref(),
        &rules,
        &config,
        out_opts,
        threads,
        None,
        notes,
    )?;
    fixed.out.finish()?;
    let duration = start.elapsed().as_secs();
    let mut dbf = std::fs::File::open(spool.path()).map_err(werr)?;
    let db_size = dbf.metadata().map_err(werr)?.len();
    let info = mendix::read_archive(std::io::BufReader::new(&mut dbf)).map_err(werr)?;
    std::io::Seek::seek(&mut dbf, std::io::SeekFrom::Start(0)).map_err(werr)?;
    let metadata = mendix::metadata_json(&[
        ("duration", duration.to_string()),
        ("dumpSize", db_size.to_string()),
        ("modelVersion", model_version),
        ("databaseSize", info.sql_bytes.to_string()),
        ("filesSize", files_size.to_string()),
    ]);
    let mut out = Output::create(&OutputOptions {
        path: Some(output.clone()),
        compression: Some(Compression::Gzip),
        level,
        input_identity: None,
        threads,
        archive_version: None,
        quiet,
    })?;
    struct W<'a>(&'a mut Output);
    impl std::io::Write for W<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .write_all(buf)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    mendix::write_tar(W(&mut out), &metadata, &mut dbf, db_size, &tree).map_err(werr)?;
    out.finish()?;
    if !quiet {
        report_fix(&fixed.findings, &fixed.name);
        let _ = writeln!(
        std::io::stderr().lock(),
        "dumpfix: wrote {}: db/db.backup ({db_size} bytes, {} TOC entries), {} files ({files_size} bytes)",
        output.display(),
        info.entries.len(),
        tree.len()
    );
    }
    Ok(fix_exit(&fixed.findings))
}

/// `mendix verify`: the backup read to its end and checked (X001-X006).
fn verify(args: MendixVerifyArgs, color: ColorChoice) -> Result<ExitCode> {
    let MendixVerifyArgs {
        archive,
        max_archive_version,
        format,
        fail_on,
        quiet,
    } = args;
    let max = max_archive_version
        .split_once('.')
        .and_then(|(a, b)| Some((a.parse::<u8>().ok()?, b.parse::<u8>().ok()?)))
        .ok_or_else(|| {
            Error::Usage(format!(
                "--max-archive-version {max_archive_version}: give MAJOR.MINOR, e.g. 1.14"
            ))
        })?;
    let v = mendix::verify(&archive, max)?;
    if !quiet {
        let _ = writeln!(
            std::io::stderr().lock(),
            "dumpfix: verified {}: db/db.backup {}, {} files under tree/",
            archive.display(),
            v.db.as_ref().map_or("not read".to_string(), |d| format!(
                "version {}.{}, {} TOC entries",
                d.version.0,
                d.version.1,
                d.entries.len()
            )),
            v.files
        );
    }
    let name = archive.display().to_string();
    print_findings(&v.findings, &name, format, "mendix", color)?;
    Ok(check_exit(&v.findings, fail_on, &config::Config::default()))
}

/// `mendix unpack`: the backup extracted into a folder.
fn unpack(archive: &Path, dir: &Path) -> Result<ExitCode> {
    let n = mendix::unpack(archive, dir)?;
    let _ = writeln!(
        std::io::stderr().lock(),
        "dumpfix: unpacked {n} entries of {} into {}",
        archive.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
