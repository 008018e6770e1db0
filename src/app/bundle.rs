//! `dumpfix bundle`: the Liferay Cloud upload pair, database.gz (through `fix`) and
//! volume.tgz, written at the same time and renamed into place together.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use super::cli::{BundleArgs, DatabaseForm};
use super::fix::{fix_exit, run_fix};
use super::input::InputNotes;
use super::output::{report_fix, to_stdout};
use super::settings::{find_target, load_config};
use crate::io::output::{Compression, Output, OutputOptions};
use crate::{Error, Result};

/// `bundle`: `database.gz` (or `database.tgz`) through `fix`, then `volume.tgz`,
/// both under temporary names in OUTDIR, renamed only when both are complete and
/// within the size limit; then the upload command.
pub(crate) fn bundle(a: BundleArgs, notes: &mut InputNotes) -> Result<ExitCode> {
    use crate::bundle::volume::{self, Folder};
    use crate::rules::integrity::{human_size, upload_limit};
    let config = load_config(&a.rules)?;
    let target = match a.target.clone().or_else(|| config.target.clone()) {
        Some(t) => find_target(&t, &config, &a.rules)?,
        None => {
            return Err(Error::Usage(
                "bundle needs a target: --target liferay-mysql or liferay-postgresql (see `dumpfix targets`)".into(),
            ))
        }
    };
    let usage =
        |what: &str| Error::Usage(format!("bundle needs {what} (see `dumpfix bundle --help`)"));
    let outdir = a.output.clone().ok_or_else(|| usage("-o OUTDIR"))?;
    let library = a
        .document_library
        .clone()
        .ok_or_else(|| usage("--document-library DIR"))?;
    let mut folders = vec![Folder {
        dir: library,
        name: "document_library".into(),
    }];
    for inc in &a.include {
        let name = inc
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| {
                std::fs::canonicalize(inc)
                    .ok()
                    .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
            })
            .filter(|n| !n.is_empty() && n != "." && n != "..")
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--include {}: a folder with a name is needed (it goes into volume.tgz under that name)",
                    inc.display()
                ))
            })?;
        if folders.iter().any(|f| f.name == name) {
            return Err(Error::Usage(format!(
                "--include {}: volume.tgz already holds a top-level {name}/",
                inc.display()
            )));
        }
        folders.push(Folder {
            dir: inc.clone(),
            name,
        });
    }
    let werr = |p: &std::path::Path| {
        let p = p.display().to_string();
        move |e| Error::Write { path: p, source: e }
    };
    std::fs::create_dir_all(&outdir).map_err(werr(&outdir))?;
    // OUTDIR inside an archived folder would archive the files being written
    let out_real = std::fs::canonicalize(&outdir).map_err(werr(&outdir))?;
    for f in &folders {
        if let Ok(real) = std::fs::canonicalize(&f.dir) {
            if out_real.starts_with(&real) {
                return Err(Error::Usage(format!(
                    "-o {} is inside {}, which goes into volume.tgz: write the bundle elsewhere",
                    outdir.display(),
                    f.dir.display()
                )));
            }
        }
    }
    // Links and devices are refused, and the size estimated, before anything is written.
    let survey = volume::survey(&folders)?;
    let limit = upload_limit();
    let over = |what: String| Error::Bundle {
        message: format!(
            "{what}: over Liferay Cloud's upload limit of {} ({limit} bytes); nothing was written",
            human_size(limit)
        ),
        help: "clean up the document library (old versions, trash) or move part of it separately"
            .into(),
    };
    if survey.tar > limit {
        return Err(over(format!(
            "the document library and the included folders hold {} in {} files",
            human_size(survey.bytes),
            survey.files
        )));
    }
    let (db_name, db_form) = match a.database_form {
        DatabaseForm::Gz => ("database.gz", Compression::Gzip),
        DatabaseForm::Tgz => ("database.tgz", Compression::Tgz),
    };
    let db_path = outdir.join(db_name);
    let vol_path = outdir.join("volume.tgz");
    let out_opts = |path: PathBuf, compression| OutputOptions {
        path: Some(path),
        compression: Some(compression),
        level: a.level,
        input_identity: None,
        threads: a.threads,
        archive_version: None,
        quiet: a.input.quiet,
    };
    if !a.input.quiet {
        let _ = writeln!(
            std::io::stderr().lock(),
            "dumpfix: archiving {} files ({}) in {} folders into volume.tgz",
            survey.files,
            human_size(survey.bytes),
            survey.folders
        );
    }
    // The database and the volume are written at the same time, each compressed on
    // every core: the rewrite's serial parts and each file's last blocks overlap the
    // other's work.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (fixed, volume) = std::thread::scope(|s| {
        let vol_thread = std::thread::Builder::new()
            .name("volume".into())
            .spawn_scoped(s, || -> Result<_> {
                let mut out = Output::create(&out_opts(vol_path.clone(), Compression::Gzip))?;
                let written = volume::write(&folders, &mut out, &mut |o| {
                    if stop.load(Ordering::Relaxed) {
                        return Err(Error::Internal("stopped: the database failed".into()));
                    }
                    if o.written() > limit {
                        return Err(over(format!(
                            "volume.tgz, at {} and growing,",
                            human_size(o.written())
                        )));
                    }
                    Ok(())
                })?;
                Ok((out.complete()?, written))
            });
        let fixed = run_fix(
            &a.input,
            Some(&target),
            &a.rules,
            &config,
            out_opts(db_path.clone(), db_form),
            a.threads,
            a.report.as_deref(),
            notes,
        )
        .and_then(|f| Ok((f.out.complete()?, f.findings, f.name)));
        if fixed.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        let volume = match vol_thread {
            Ok(h) => h
                .join()
                .unwrap_or_else(|_| Err(Error::Internal("the volume thread panicked".into()))),
            Err(e) => Err(Error::Internal(format!(
                "cannot start the volume thread: {e}"
            ))),
        };
        (fixed, volume)
    });
    let (database, findings, name) = fixed?;
    let (vol, written) = volume?;
    let db_size = database.size();
    if db_size.saturating_add(vol.size()) > limit {
        return Err(over(format!(
            "{db_name} of {} and volume.tgz of {}",
            human_size(db_size),
            human_size(vol.size())
        )));
    }
    database.persist()?;
    vol.persist()?;
    let vol_size = std::fs::metadata(&vol_path).map(|m| m.len()).unwrap_or(0);
    if !a.input.quiet {
        report_fix(&findings, &name);
        let _ = writeln!(
            std::io::stderr().lock(),
            "dumpfix: wrote {} ({}) and {} ({}; {} files, {} folders)",
            db_path.display(),
            human_size(db_size),
            vol_path.display(),
            human_size(vol_size),
            written.files,
            written.folders
        );
    }
    let code = fix_exit(&findings);
    if code != ExitCode::SUCCESS && !a.input.quiet {
        let _ = writeln!(
            std::io::stderr().lock(),
            "dumpfix: the dump has errors fix could not repair (above): Liferay Cloud may refuse it"
        );
    }
    let command = crate::bundle::upload_command(&db_path, &vol_path);
    to_stdout(&format!("{command}\n"))?;
    Ok(code)
}
