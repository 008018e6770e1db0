//! Large real dumps (≥ 500 MB, made by the real mysqldump and pg_dump from databases
//! that `benches/make-dumps.sh` fills, plus a dump whose single INSERT is 1 GB) pass
//! through `dumpfix fix` unchanged with peak resident memory under 64 MiB when read
//! from stdin.
//!
//! Heavy (a few minutes): runs when `DUMPFIX_BIG=1` (as `scripts/test.sh` sets) or
//! under `CI=true`; otherwise it says it skipped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{dumpfix, in_ci, Maria, Pg};

const LIMIT_KB: i64 = 64 * 1024;
const MIN_SIZE: u64 = 500 * 1000 * 1000;

fn enabled() -> bool {
    std::env::var("DUMPFIX_BIG").is_ok_and(|v| v == "1") || in_ci()
}

fn bench_dir() -> PathBuf {
    std::env::var_os("DUMPFIX_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-data"))
}

/// Make (or reuse) the dumps with the real tools, once per test process (the tests
/// run on parallel threads and must not fill the same databases twice at once).
fn make_dumps() -> PathBuf {
    static MADE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    MADE.get_or_init(make_dumps_now).clone()
}

fn make_dumps_now() -> PathBuf {
    let dir = bench_dir();
    let status = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/make-dumps.sh"))
        .arg(&dir)
        .arg("550")
        // escape.sql / escape-hex.sql are for the speed benchmarks only
        .env("ESCAPE_DUMPS", "0")
        .status()
        .expect("run benches/make-dumps.sh");
    assert!(status.success(), "benches/make-dumps.sh failed");
    dir
}

fn crc_of(mut r: impl Read) -> (u32, u64) {
    let mut h = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let k = r.read(&mut buf).unwrap();
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    (h.finalize(), n)
}

/// Run `dumpfix fix` with `path` on stdin; return (crc and size of its output, peak RSS in KiB).
#[allow(clippy::zombie_processes)] // reaped with wait4 below, for its rusage
fn pass_through(path: &Path) -> ((u32, u64), i64) {
    let mut child = dumpfix()
        .args(["fix", "--quiet"])
        .stdin(File::open(path).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let digest = crc_of(out);
    let mut status = 0;
    // The rusage of exactly this child, through wait4.
    let mut ru: libc::rusage = unsafe_zeroed();
    let pid = child.id() as libc::pid_t;
    let r = wait4(pid, &mut status, &mut ru);
    assert_eq!(r, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "dumpfix failed on {}",
        path.display()
    );
    (digest, ru.ru_maxrss)
}

#[allow(unsafe_code)]
fn unsafe_zeroed() -> libc::rusage {
    // SAFETY: rusage is plain old data; all-zero is a valid value.
    unsafe { std::mem::zeroed() }
}

#[allow(unsafe_code)]
fn wait4(pid: libc::pid_t, status: &mut i32, ru: &mut libc::rusage) -> libc::pid_t {
    // SAFETY: valid pointers to locals; pid is our own unreaped child.
    unsafe { libc::wait4(pid, status, 0, ru) }
}

#[test]
fn big_dumps_pass_through_unchanged_in_bounded_memory() {
    if !enabled() {
        eprintln!("skipping big_dumps: set DUMPFIX_BIG=1 (scripts/test.sh does) to build and run the ≥500 MB dumps");
        return;
    }
    let dir = make_dumps();
    for (name, min) in [
        ("mysql.sql", MIN_SIZE),
        ("pg.sql", MIN_SIZE),
        ("big-insert.sql", 1 << 30),
    ] {
        let path = dir.join(name);
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size >= min, "{name} is only {size} bytes");
        let expected = crc_of(File::open(&path).unwrap());
        let (got, rss_kb) = pass_through(&path);
        eprintln!(
            "{name}: {size} bytes, output identical: {}, peak RSS {rss_kb} KiB",
            got == expected
        );
        assert_eq!(got, expected, "{name}: output differs from input");
        assert!(rss_kb < LIMIT_KB, "{name}: peak RSS {rss_kb} KiB >= 64 MiB");
    }
}

fn stats_rows(path: &Path) -> std::collections::BTreeMap<String, u64> {
    common::stats_json(path).1
}

#[test]
fn big_dump_stats_match_the_servers_they_came_from() {
    if !enabled() {
        eprintln!("skipping big_dump_stats: set DUMPFIX_BIG=1");
        return;
    }
    let dir = make_dumps();
    let db = std::env::var("DUMPFIX_BENCH_DB").unwrap_or_else(|_| "dumpfix_bench".into());
    if let Some(m) = Maria::connect("big_dump_stats_match_the_servers_they_came_from") {
        let server = m.row_counts(&db);
        let stats = stats_rows(&dir.join("mysql.sql"));
        assert!(
            !server.is_empty(),
            "database {db} missing: remove bench-data to rebuild it"
        );
        assert_eq!(stats, server, "mysql.sql vs MariaDB {db}");
        eprintln!(
            "mysql.sql: {} tables, {} rows agree with MariaDB",
            stats.len(),
            stats.values().sum::<u64>()
        );
    }
    if let Some(pg) = Pg::connect("big_dump_stats_match_the_servers_they_came_from") {
        let server = pg.row_counts(&db);
        let stats = stats_rows(&dir.join("pg.sql"));
        assert!(
            !server.is_empty(),
            "database {db} missing: remove bench-data to rebuild it"
        );
        assert_eq!(stats, server, "pg.sql vs PostgreSQL {db}");
        eprintln!(
            "pg.sql: {} tables, {} rows agree with PostgreSQL",
            stats.len(),
            stats.values().sum::<u64>()
        );
    }
}
