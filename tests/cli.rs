//! Bad input and output on the command line: exit code 2, one clear message naming
//! the offset or line, no panic, no output file left at `-o`; a closed stdout ends
//! quietly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::dumpfix;

fn run(cmd: &mut Command, stdin: &[u8]) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut si = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let t = std::thread::spawn(move || {
        let _ = si.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    t.join().unwrap();
    out
}

/// Runs `dumpfix fix <args> -o <tmp>/out.sql`, expects exit 2, a message containing
/// every `needles`, no panic, and no output file.
fn expect_error(args: &[&str], stdin: &[u8], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.sql.gz");
    let out = run(
        dumpfix()
            .arg("fix")
            .arg("--quiet")
            .args(args)
            .arg("-o")
            .arg(&out_path),
        stdin,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: expected {n:?} in: {err}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{args:?}: left {left:?}");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn pseudo_random(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn dump() -> Vec<u8> {
    let mut d = b"-- MySQL dump 10.13\n/*!40101 SET NAMES utf8 */;\nCREATE TABLE `t` (`a` int, `b` text);\n".to_vec();
    for i in 0..3000 {
        d.extend_from_slice(
            format!("INSERT INTO `t` VALUES ({i},'row {i} with \\'quotes\\''),({i},'x');\n")
                .as_bytes(),
        );
    }
    d
}

#[test]
fn empty_input() {
    expect_error(&[], b"", &["empty"]);
}

#[test]
fn random_bytes() {
    expect_error(&[], &pseudo_random(100_000), &["not a SQL dump", "byte 0"]);
    // Also as gzip of garbage.
    expect_error(&[], &gzip(&pseudo_random(10_000)), &["not a SQL dump"]);
}

#[test]
fn truncated_gzip_and_zstd() {
    let d = dump();
    let gz = gzip(&d);
    expect_error(&[], &gz[..gz.len() / 2], &["gzip", "truncated"]);
    let zst = zstd::encode_all(&d[..], 3).unwrap();
    expect_error(&[], &zst[..zst.len() / 2], &["zstd"]);
}

#[test]
fn unterminated_string_and_copy() {
    expect_error(
        &[],
        b"SELECT 1;\nINSERT INTO t VALUES (1,'abc",
        &["unterminated string literal", "line 2", "byte 34"],
    );
    expect_error(
        &[],
        b"--\n-- PostgreSQL database dump\n--\nCOPY public.t (a) FROM stdin;\n1\n2\n",
        &["unterminated COPY data", "line 4"],
    );
    expect_error(
        &["--from", "postgresql"],
        b"SELECT $f$ never closed",
        &["dollar-quoted"],
    );
    // A dump cut in the middle: the original minus its second half.
    let d = dump();
    let cut = &d[..d.len() / 2 + 17];
    let out = run(dumpfix().args(["fix", "--quiet"]), cut);
    // Cut between statements is legal SQL; cut inside a string is an error.
    if !out.status.success() {
        assert_eq!(out.status.code(), Some(2));
    }
}

#[test]
fn directory_and_missing_file() {
    expect_error(&["/"], b"", &["is a directory"]);
    expect_error(
        &["/nonexistent/dump.sql"],
        b"",
        &["cannot read", "/nonexistent/dump.sql"],
    );
}

#[test]
fn unknown_target() {
    expect_error(
        &["--target", "no-such-target"],
        &dump(),
        &["unknown target"],
    );
}

#[test]
fn tar_with_two_dumps() {
    let mut b = tar::Builder::new(Vec::new());
    for name in ["a.sql", "b.sql"] {
        let d = dump();
        let mut h = tar::Header::new_gnu();
        h.set_size(d.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, name, &d[..]).unwrap();
    }
    let tgz = gzip(&b.into_inner().unwrap());
    expect_error(&[], &tgz, &["more than one dump", "a.sql", "b.sql"]);
}

#[test]
fn output_to_dev_full() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let out = run(
        dumpfix().args(["fix", "--quiet", "-o", "/dev/full"]),
        &dump(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("/dev/full"), "{err}");
    // /dev/full is a device: still there, not replaced.
    assert!(Path::new("/dev/full").exists());
    // Output to /dev/null works and leaves /dev/null a device.
    let out = run(
        dumpfix().args(["fix", "--quiet", "-o", "/dev/null"]),
        &dump(),
    );
    assert!(out.status.success());
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn output_over_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dump.sql");
    std::fs::write(&p, dump()).unwrap();
    let out = run(dumpfix().arg("fix").arg(&p).arg("-o").arg(&p), b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
    let mut now = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::open(&p).unwrap(), &mut now).unwrap();
    assert!(now == dump(), "the input must be untouched");
}

#[test]
fn closed_stdout_ends_quietly() {
    let mut big = Vec::new();
    for _ in 0..30 {
        big.extend_from_slice(&dump());
    }
    let mut child = dumpfix()
        .args(["fix", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut si = child.stdin.take().unwrap();
    let t = std::thread::spawn(move || {
        let _ = si.write_all(&big);
    });
    // Read a little, then close our end, like `| head -c 100`.
    let mut so = child.stdout.take().unwrap();
    let mut buf = [0u8; 100];
    std::io::Read::read_exact(&mut so, &mut buf).unwrap();
    drop(so);
    let out = child.wait_with_output().unwrap();
    t.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn stats_json_shape() {
    let out = run(dumpfix().args(["stats", "--format", "json"]), &dump());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["dialect"], "mysql");
    assert_eq!(v["producer"], "mysqldump");
    assert_eq!(v["statements"], 3002);
    assert_eq!(v["tables"][0]["name"], "t");
    assert_eq!(v["tables"][0]["rows"], 6000);
}

#[test]
fn help_has_examples() {
    let out = run(dumpfix().args(["fix", "--help"]), b"");
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Examples:") && s.contains("--compress"), "{s}");
}
