//! Every corpus dump comes back byte-identical through `dumpfix fix` with no target,
//! whatever wraps it: plain (mapped and streamed), stdin, gzip, two-member gzip,
//! zstd, tar, tar.gz holding `database.gz`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use common::{corpus_sql_files, dumpfix, require_corpus};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn tar_of(name: &str, data: &[u8]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_entry_type(tar::EntryType::Regular);
    b.append_data(&mut h, name, data).unwrap();
    b.into_inner().unwrap()
}

/// The encodings a user may hand us, each as (label, bytes).
fn encodings(data: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let half = data.len() / 2;
    let mut two = gzip(&data[..half]);
    two.extend(gzip(&data[half..]));
    vec![
        ("gzip", gzip(data)),
        ("gzip-2-members", two),
        ("zstd", zstd::encode_all(data, 3).unwrap()),
        ("tar", tar_of("dump/world.sql", data)),
        (
            "tgz(database.gz)",
            gzip(&tar_of("database.gz", &gzip(data))),
        ),
    ]
}

fn run_fix(args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    let mut cmd = dumpfix();
    cmd.arg("fix").arg("--quiet").args(args);
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(data) = stdin {
        let mut si = child.stdin.take().unwrap();
        let data = data.to_vec();
        std::thread::spawn(move || {
            let _ = si.write_all(&data);
        });
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dumpfix fix {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn read(p: &Path) -> Vec<u8> {
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::open(p).unwrap(), &mut v).unwrap();
    v
}

#[test]
fn corpus_is_byte_identical_through_every_encoding() {
    let Some(_) = require_corpus("corpus_is_byte_identical_through_every_encoding") else {
        return;
    };
    let files = corpus_sql_files();
    assert!(files.len() >= 20, "corpus has {} files", files.len());
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for f in &files {
        let data = read(f);
        let name = f.display().to_string();
        // Plain file (memory-mapped), plain file read(2), stdin.
        assert!(run_fix(&[&name], None) == data, "{name}: mapped");
        assert!(run_fix(&["--no-mmap", &name], None) == data, "{name}: read");
        assert!(run_fix(&[], Some(&data)) == data, "{name}: stdin");
        for (label, enc) in encodings(&data) {
            let p = dir.path().join("in.bin");
            std::fs::write(&p, &enc).unwrap();
            let out = run_fix(&[p.to_str().unwrap()], None);
            assert!(
                out == data,
                "{name}: {label} ({} bytes out of {})",
                out.len(),
                data.len()
            );
            checked += 1;
        }
        // Compressed on stdin too.
        assert!(
            run_fix(&[], Some(&gzip(&data))) == data,
            "{name}: gzip on stdin"
        );
    }
    eprintln!(
        "{} files x {} encodings byte-identical",
        files.len(),
        checked / files.len()
    );
}

#[test]
fn output_encodings_round_trip() {
    let Some(corpus) = require_corpus("output_encodings_round_trip") else {
        return;
    };
    let src = corpus.join("mysql-world/world.sql");
    let data = read(&src);
    let dir = tempfile::tempdir().unwrap();
    for (file, extra) in [
        ("out.sql", vec![]),
        ("out.sql.gz", vec![]),
        ("out.sql.zst", vec![]),
        ("database.tgz", vec![]),
        ("forced.bin", vec!["--compress", "gzip", "--level", "1"]),
    ] {
        let out = dir.path().join(file);
        let mut args = vec![src.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend(extra.iter().copied());
        run_fix(&args, None);
        let raw = read(&out);
        match file {
            "out.sql.gz" | "forced.bin" => assert_eq!(&raw[..2], &[0x1f, 0x8b], "{file}"),
            "out.sql.zst" => assert_eq!(&raw[..4], &[0x28, 0xb5, 0x2f, 0xfd], "{file}"),
            "database.tgz" => {
                // A tar.gz whose only member is database.gz.
                let mut a = tar::Archive::new(flate2::read::MultiGzDecoder::new(&raw[..]));
                let names: Vec<String> = a
                    .entries()
                    .unwrap()
                    .map(|e| e.unwrap().path().unwrap().display().to_string())
                    .collect();
                assert_eq!(names, vec!["database.gz"]);
            }
            _ => assert_eq!(raw, data),
        }
        // Whatever the encoding, reading it back gives the original.
        assert!(run_fix(&[out.to_str().unwrap()], None) == data, "{file}");
        // No temporary files are left next to the output.
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("dumpfix-tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    // The gzip output is one member that the real gzip reads.
    let gz = dir.path().join("out.sql.gz");
    let out = std::process::Command::new("gzip")
        .arg("-dc")
        .arg(&gz)
        .output();
    if let Ok(out) = out {
        assert!(out.status.success());
        assert!(out.stdout == data);
    }
}
