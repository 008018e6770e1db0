//! Input encodings as other tools write them, read like the plain dump:
//!
//! * zstd streams with skippable frames (`pzstd` writes one before every frame; the
//!   magic is 0x184D2A50..=0x184D2A5F), before, between and after the frames;
//! * gzip (one or more members) followed by zero padding, which `gzip -dc` ignores;
//!   anything else after the last member stays an error naming its byte;
//! * tar and tar.gz holding a dump next to files that are not dumps (a README, a
//!   document volume): only dumps count, the others are named in a note on stderr;
//!   two dumps stay an error naming both.
//!
//! "Read like the plain dump": `fix` with no target writes the dump back byte for byte,
//! and `stats --format json` says what it says of the plain dump (but the encoding).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use common::{dumpfix, output_with_stdin};

fn dump() -> Vec<u8> {
    let mut d = b"-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
/*!40101 SET NAMES utf8mb4 */;\n\
CREATE TABLE `t` (`a` int, `b` text);\n"
        .to_vec();
    for i in 0..2000 {
        d.extend_from_slice(
            format!("INSERT INTO `t` VALUES ({i},'row {i}'),({i},'x');\n").as_bytes(),
        );
    }
    d.extend_from_slice(b"-- Dump completed on 2024-01-01  0:00:00\n");
    d
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// Two gzip members, the dump cut in the middle of a line.
fn gzip_two_members(data: &[u8]) -> Vec<u8> {
    let half = data.len() / 2 + 3;
    let mut two = gzip(&data[..half]);
    two.extend(gzip(&data[half..]));
    two
}

/// A zstd skippable frame: magic `0x184D2A50 + nibble`, size, payload.
fn skippable(nibble: u8, payload: &[u8]) -> Vec<u8> {
    let mut f = (0x184D_2A50u32 + u32::from(nibble)).to_le_bytes().to_vec();
    f.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    f.extend_from_slice(payload);
    f
}

fn tar(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, name, *data).unwrap();
    }
    b.into_inner().unwrap()
}

fn run(args: &[&str], file: Option<&Path>, stdin: &[u8]) -> Output {
    let mut cmd: Command = dumpfix();
    cmd.args(args);
    if let Some(f) = file {
        cmd.arg(f);
    }
    output_with_stdin(cmd, stdin)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `stats --format json` without the encoding and the compressed size, which differ
/// by design.
fn stats_of(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "stats: {}", stderr(o));
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v.as_object_mut().unwrap().remove("encoding");
    v.as_object_mut().unwrap().remove("compressed_bytes");
    v
}

/// `encoded` is read, from a file and from stdin, as the plain `plain`: `fix` writes
/// `plain` back, `stats` says the same. Returns fix's stderr (from the file).
fn reads_like_plain(label: &str, encoded: &[u8], plain: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::write(&input, encoded).unwrap();
    let plain_path = dir.path().join("plain.sql");
    std::fs::write(&plain_path, plain).unwrap();
    let want = stats_of(&run(&["stats", "--format", "json"], Some(&plain_path), b""));
    let mut first_stderr = None;
    for via_file in [true, false] {
        let how = if via_file { "file" } else { "stdin" };
        let (file, stdin) = if via_file {
            (Some(input.as_path()), &b""[..])
        } else {
            (None, encoded)
        };
        let fixed = run(&["fix"], file, stdin);
        assert_eq!(
            fixed.status.code(),
            Some(0),
            "{label} ({how}): fix: {}",
            stderr(&fixed)
        );
        assert!(
            fixed.stdout == plain,
            "{label} ({how}): fix wrote {} bytes, not the {} of the dump",
            fixed.stdout.len(),
            plain.len()
        );
        let stats = run(&["stats", "--format", "json"], file, stdin);
        assert_eq!(stats_of(&stats), want, "{label} ({how}): stats");
        first_stderr.get_or_insert_with(|| stderr(&fixed));
    }
    first_stderr.unwrap_or_default()
}

/// `dumpfix fix` of `encoded` (a file) exits 2 with every one of `needles` in its
/// message.
fn refused(label: &str, encoded: &[u8], needles: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::write(&input, encoded).unwrap();
    let o = run(&["fix", "--quiet"], Some(&input), b"");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{label}: {err}");
    assert!(!err.contains("panicked"), "{label}: {err}");
    for n in needles {
        assert!(err.contains(n), "{label}: expected {n:?} in: {err}");
    }
    err
}

// ------------------------------------------------------------------ zstd

#[test]
fn zstd_with_skippable_frames_reads_like_the_plain_dump() {
    let d = dump();
    let half = d.len() / 2;
    let frame = |part: &[u8]| zstd::encode_all(part, 3).unwrap();

    // What pzstd writes: a skippable frame (4 bytes: the next frame's size) first.
    let one = frame(&d);
    let mut first = skippable(0, &(one.len() as u32).to_le_bytes());
    first.extend_from_slice(&one);
    reads_like_plain("skippable frame first", &first, &d);

    // Skippable frames of every magic, empty and not, before, between and after two
    // frames.
    let mut many = skippable(0xF, b"");
    many.extend(skippable(0x3, b"any payload at all"));
    many.extend(frame(&d[..half]));
    many.extend(skippable(0x7, &[0u8; 1000]));
    many.extend(frame(&d[half..]));
    many.extend(skippable(0x0, b"end"));
    reads_like_plain("skippable frames around two frames", &many, &d);

    // A skippable frame and nothing else holds no dump.
    refused(
        "only a skippable frame",
        &skippable(0, b"abcd"),
        &["no data"],
    );

    // The real pzstd, when installed (Debian package zstd).
    let Ok(probe) = Command::new("pzstd").arg("--version").output() else {
        eprintln!("pzstd not installed: only the hand-made frames were tested");
        return;
    };
    assert!(probe.status.success());
    let dir = tempfile::tempdir().unwrap();
    let mut big = Vec::new();
    for _ in 0..200 {
        big.extend_from_slice(&d);
    }
    let plain = dir.path().join("big.sql");
    std::fs::write(&plain, &big).unwrap();
    let out = dir.path().join("big.sql.zst");
    let st = Command::new("pzstd")
        .args(["-q", "-f", "-p", "4", "-o"])
        .arg(&out)
        .arg(&plain)
        .status()
        .unwrap();
    assert!(st.success());
    let mut z = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::open(&out).unwrap(), &mut z).unwrap();
    assert_eq!(
        &z[..4],
        &[0x50, 0x2a, 0x4d, 0x18],
        "pzstd starts with a skippable frame"
    );
    reads_like_plain("pzstd", &z, &big);
}

// ------------------------------------------------------------------ gzip

#[test]
fn gzip_then_zero_padding_reads_like_the_plain_dump() {
    let d = dump();
    let two = gzip_two_members(&d);
    for zeros in [1usize, 512, 10 * 1024] {
        let mut padded = two.clone();
        padded.resize(two.len() + zeros, 0);
        reads_like_plain(
            &format!("two gzip members + {zeros} zero bytes"),
            &padded,
            &d,
        );
    }
    // database.tgz padded: the zeros follow the outer gzip.
    let mut tgz = gzip(&tar(&[("database.gz", &gzip(&d))]));
    tgz.resize(tgz.len() + 512, 0);
    reads_like_plain("tar.gz holding database.gz + 512 zero bytes", &tgz, &d);
}

#[test]
fn gzip_then_garbage_is_an_error_at_its_byte() {
    let d = dump();
    let two = gzip_two_members(&d);
    let n = two.len();

    let mut garbage = two.clone();
    garbage.extend_from_slice(b"garbage");
    refused(
        "two members + garbage",
        &garbage,
        &[
            "not gzip data",
            &format!("ends at byte {n}"),
            &format!("67 61 72 62 at byte {n}"),
        ],
    );

    // Zeros, then something else: the byte of the first non-zero.
    let mut late = two.clone();
    late.resize(n + 512, 0);
    late.extend_from_slice(b"\x01tail");
    refused(
        "two members + zeros + garbage",
        &late,
        &["not gzip data", &format!("at byte {}", n + 512)],
    );

    // Inside a tar member, the offset is the member's.
    let mut inner = gzip(&d);
    let m = inner.len();
    inner.extend_from_slice(b"junk");
    refused(
        "tar holding database.gz + junk",
        &tar(&[("database.gz", &inner)]),
        &[&format!("at byte {m} of the tar member database.gz")],
    );
}

// ------------------------------------------------------------------ tar

#[test]
fn tar_with_files_that_are_not_dumps_reads_the_dump() {
    let d = dump();
    let gz = gzip(&d);
    // A Liferay Cloud backup: the database, its document volume (a tar.gz), a README.
    let volume = gzip(&tar(&[("document_library/20101/a.pdf", b"%PDF-1.4\n")]));
    let readme: &[u8] = b"# lportal backup\n\nRestore with psql.\n";
    // Text that reads like SQL, but whose name says it is no dump.
    let notes: &[u8] = b"CREATE TABLE is in database.gz\n";
    let members: Vec<(&str, &[u8])> = vec![
        ("README.md", readme),
        ("backup/volume.gz", &volume),
        ("backup/database.gz", &gz),
        ("backup/notes.txt", notes),
    ];
    for (label, bytes) in [("tar", tar(&members)), ("tgz", gzip(&tar(&members)))] {
        let err = reads_like_plain(label, &bytes, &d);
        for name in ["README.md", "backup/volume.gz", "backup/notes.txt"] {
            assert!(
                err.contains("note") && err.contains(name),
                "{label}: no note naming {name}: {err}"
            );
        }
        assert!(!err.contains("backup/database.gz"), "{label}: {err}");
        // --quiet: no note.
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("database.tgz");
        std::fs::write(&f, &bytes).unwrap();
        let o = run(&["fix", "--quiet", "-o", "/dev/null"], Some(&f), b"");
        assert_eq!(o.status.code(), Some(0), "{label}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{label} --quiet: {}", stderr(&o));
    }
    // Every name that makes a dump, each next to a README.
    let zst = zstd::encode_all(&d[..], 3).unwrap();
    for (name, data) in [
        ("dump.sql", &d[..]),
        ("DUMP.SQL", &d[..]),
        ("lportal.sql.gz", &gz[..]),
        ("lportal.sql.zst", &zst[..]),
        ("lportal.zstd", &zst[..]),
        ("mydb-2024-01-01.gz", &gz[..]),
    ] {
        let t = tar(&[("README", readme), (name, data)]);
        let err = reads_like_plain(name, &t, &d);
        assert!(err.contains("README"), "{name}: {err}");
    }
}

#[test]
fn tar_with_two_dumps_names_both() {
    let d = dump();
    let gz = gzip(&d);
    let readme: &[u8] = b"read me\n";
    for (a, b) in [
        ("database.gz", "schema.sql"),
        ("a.sql", "b.sql.gz"),
        ("lportal.sql.gz", "other.gz"),
    ] {
        let data = |n: &str| {
            if n.ends_with(".gz") {
                gz.clone()
            } else {
                d.clone()
            }
        };
        let (da, db) = (data(a), data(b));
        let t = tar(&[(a, &da), ("README", readme), (b, &db)]);
        for (label, bytes) in [("tar", t.clone()), ("tgz", gzip(&t))] {
            refused(
                &format!("{label} of {a} and {b}"),
                &bytes,
                &["more than one dump", a, b],
            );
        }
    }
}

#[test]
fn tar_without_a_dump_lists_its_members() {
    let volume = gzip(&tar(&[("a.pdf", b"%PDF-1.4\n")]));
    let t = tar(&[
        ("README", b"read me\n"),
        ("volume.gz", &volume),
        ("photo.gz", &gzip(b"\x89PNG\r\n\x1a\n")),
    ]);
    refused(
        "tar of a README and a volume",
        &gzip(&t),
        &[
            "holds no dump",
            "README (not a dump by its name)",
            "volume.gz (not SQL: a tar archive)",
            "photo.gz (not SQL",
        ],
    );
}
