//! Runs under an address-space limit (`ulimit -v`, as on shared hosts and some CI
//! runners), through `sh -c 'ulimit -v N; exec dumpfix …'`:
//!
//! * a plain file larger than the limit is read (not memory-mapped: the map alone
//!   would not fit) and written out whole;
//! * a plain file that fits the limit but leaves too little beside it for the zstd
//!   encoder's threads is read too, and its `.zst` output decodes to the file;
//! * zstd level 19 on two threads under 256 MiB runs out of memory: the error says
//!   so and names the fix, and the fix (`--threads 1`) works under the same limit.
//!
//! Measured on the 2-core test machine (release build): `fix FILE -o /dev/null`
//! with `--no-mmap` runs under `ulimit -v 32768` (32 MiB); zstd level 3 on two
//! threads needs 64 to 128 MiB, level 19 on two threads over 256 MiB (under 512 MiB),
//! level 19 on one thread 64 to 128 MiB. Before dumpfix read such files, both cases
//! failed ("Cannot allocate memory" from mmap; "Allocation error" from zstd after a
//! map that fit).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The limits, in KiB as `ulimit -v` takes them.
const LIMIT_256M: u64 = 256 * 1024;
const LIMIT_160M: u64 = 160 * 1024;

/// Bytes of the generated dump: 200 MiB, over 160 MiB (the map does not fit) and
/// under 256 MiB (the map fits, with too little left for zstd on two threads).
const DUMP_MIB: usize = 200;

/// Runs dumpfix with `args` under `ulimit -v kib`.
///
/// glibc's malloc reserves 64 MiB of address space for each arena it adds, and it
/// adds one when a thread finds the others busy: how many a run makes depends on
/// how its threads meet, so under a limit the same run would sometimes fail
/// ("memory allocation of 1310720 bytes failed", once in a full run). The arenas are
/// held to two, as on the 2-core machine these limits were measured on, so that
/// the limit measures dumpfix's own use.
fn under_limit(kib: u64, args: &[&str]) -> Output {
    Command::new("sh")
        .env("MALLOC_ARENA_MAX", "2")
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_dumpfix"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A mysqldump of one small table and about `mib` MiB of one-row INSERTs, written in
/// a second or two.
fn big_dump(dir: &Path, mib: usize) -> (PathBuf, u64) {
    let path = dir.join("big.sql");
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&path).unwrap());
    w.write_all(
        b"-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
          CREATE TABLE `t` (`a` int);\n",
    )
    .unwrap();
    let line = b"INSERT INTO `t` VALUES (1);\n";
    let block: Vec<u8> = line
        .iter()
        .copied()
        .cycle()
        .take(((1 << 20) / line.len()) * line.len())
        .collect();
    for _ in 0..mib {
        w.write_all(&block).unwrap();
    }
    w.write_all(b"-- Dump completed on 2024-01-01  0:00:00\n")
        .unwrap();
    w.flush().unwrap();
    drop(w);
    let size = std::fs::metadata(&path).unwrap().len();
    (path, size)
}

fn ulimit_works() -> bool {
    Command::new("sh")
        .args(["-c", "ulimit -v 262144 && true"])
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn plain_file_larger_than_the_address_space_limit() {
    if !ulimit_works() {
        common::skip_or_fail::<()>(
            "plain_file_larger_than_the_address_space_limit",
            "sh cannot set ulimit -v",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (dump, size) = big_dump(dir.path(), DUMP_MIB);
    assert!(size > LIMIT_160M * 1024 && size < LIMIT_256M * 1024);
    let dump_arg = dump.to_str().unwrap();

    // The file does not fit under 160 MiB: mapping it fails; reading works.
    let out = dir.path().join("out.sql");
    let o = under_limit(
        LIMIT_160M,
        &["fix", "--quiet", dump_arg, "-o", out.to_str().unwrap()],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "fix under 160 MiB: {}",
        stderr(&o)
    );
    assert_eq!(std::fs::metadata(&out).unwrap().len(), size);
    std::fs::remove_file(&out).unwrap();
    let o = under_limit(LIMIT_160M, &["fix", "--quiet", dump_arg, "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0), "fix -o /dev/null: {}", stderr(&o));

    // It fits under 256 MiB, but zstd on two threads needs more than what is left.
    let zst = dir.path().join("out.sql.zst");
    let o = under_limit(
        LIMIT_256M,
        &[
            "fix",
            "--quiet",
            "--threads",
            "2",
            dump_arg,
            "-o",
            zst.to_str().unwrap(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "fix -o .zst under 256 MiB: {}",
        stderr(&o)
    );
    let mut d = zstd::Decoder::new(File::open(&zst).unwrap()).unwrap();
    let mut n = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let k = d.read(&mut buf).unwrap();
        if k == 0 {
            break;
        }
        n += k as u64;
    }
    assert_eq!(n, size, "the .zst output decodes to the dump's size");
}

#[test]
fn zstd_out_of_memory_says_so_and_names_the_fix() {
    if !ulimit_works() {
        common::skip_or_fail::<()>(
            "zstd_out_of_memory_says_so_and_names_the_fix",
            "sh cannot set ulimit -v",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (dump, _) = big_dump(dir.path(), 3);
    let dump_arg = dump.to_str().unwrap();
    let zst = dir.path().join("out.sql.zst");
    let zst_arg = zst.to_str().unwrap();

    let o = under_limit(
        LIMIT_256M,
        &[
            "fix",
            "--quiet",
            "--threads",
            "2",
            "--level",
            "19",
            dump_arg,
            "-o",
            zst_arg,
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for needle in [
        "cannot write",
        "out.sql.zst",
        "ran out of memory",
        "level 19 on 2 threads",
        "ulimit -v 256 MiB",
        "--threads 1",
        "--level",
    ] {
        assert!(err.contains(needle), "expected {needle:?} in: {err}");
    }
    assert!(!zst.exists(), "no partial output under the final name");

    // The fixes it names work under the same limit. zstd's multi-threaded mode, which
    // `--threads 1` also uses (with one worker, so that the bytes are the same for any
    // number of threads), does not fit level 19 in 256 MiB even on one worker: both
    // fixes together do.
    let o = under_limit(
        LIMIT_256M,
        &[
            "fix",
            "--quiet",
            "--threads",
            "1",
            "--level",
            "15",
            dump_arg,
            "-o",
            zst_arg,
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "--threads 1 --level 15: {}",
        stderr(&o)
    );
    assert!(zst.exists());
}

// ------------------------------------------------------------ memory per table

/// A mysqldump (`pg` false) or pg_dump (`pg` true) of `n` small tables: five columns
/// of mixed types and a primary key, and one row each (what a Liferay database looks
/// like, table by table). Returns the path and the bytes of one CREATE TABLE.
fn many_tables(dir: &Path, n: usize, pg: bool) -> (PathBuf, usize) {
    let path = dir.join(format!("{}-{n}.sql", if pg { "pg" } else { "my" }));
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&path).unwrap());
    let mut ddl = 0;
    if pg {
        w.write_all(b"--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.5\n-- Dumped by pg_dump version 15.5\n\nSET client_encoding = 'UTF8';\n\n").unwrap();
        for i in 0..n {
            let c = format!("CREATE TABLE public.tbl_{i} (\n    id bigint NOT NULL,\n    name character varying(75),\n    createdate timestamp without time zone,\n    amount double precision,\n    flag boolean\n);\n");
            ddl = c.len();
            w.write_all(c.as_bytes()).unwrap();
        }
        for i in 0..n {
            writeln!(w, "COPY public.tbl_{i} (id, name, createdate, amount, flag) FROM stdin;\n1\tx{i}\t2024-01-01 00:00:00\t1.5\tt\n\\.\n").unwrap();
        }
        for i in 0..n {
            writeln!(w, "ALTER TABLE ONLY public.tbl_{i}\n    ADD CONSTRAINT tbl_{i}_pkey PRIMARY KEY (id);\n").unwrap();
        }
        w.write_all(b"--\n-- PostgreSQL database dump complete\n--\n\n")
            .unwrap();
    } else {
        w.write_all(b"-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: lportal\n\n").unwrap();
        for i in 0..n {
            let c = format!("CREATE TABLE `Tbl_{i}` (\n  `id` bigint NOT NULL,\n  `name` varchar(75) DEFAULT NULL,\n  `createDate` datetime(6) DEFAULT NULL,\n  `amount` double DEFAULT NULL,\n  `flag` tinyint(1) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n");
            ddl = c.len();
            write!(w, "DROP TABLE IF EXISTS `Tbl_{i}`;\n{c}INSERT INTO `Tbl_{i}` VALUES (1,'x{i}','2024-01-01 00:00:00.000000',1.5,1);\n").unwrap();
        }
        w.write_all(b"-- Dump completed on 2024-01-01  0:00:00\n")
            .unwrap();
    }
    w.flush().unwrap();
    (path, ddl)
}

/// Peak RSS in KiB of `dumpfix ARGS`, from GNU time (see `tests/hostile.rs` for why
/// not `wait4` on our own child), and the exit code, reading `stdin`.
fn peak_rss_kib(args: &[&str], stdin: &Path) -> (i64, Option<i32>) {
    let rss_file = tempfile::NamedTempFile::new().unwrap();
    let o = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(rss_file.path())
        .arg(env!("CARGO_BIN_EXE_dumpfix"))
        .args(args)
        .stdin(File::open(stdin).unwrap())
        .output()
        .unwrap();
    let mut text = String::new();
    File::open(rss_file.path())
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    let kib = text
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .parse::<i64>()
        .unwrap_or_else(|_| panic!("GNU time wrote {text:?}"));
    (kib, o.status.code())
}

/// What each table costs, to the end of the dump: the slope of peak RSS between a
/// dump of 5,000 tables and one of 50,000, for each command that keeps something of
/// every table (the columns whose values it rewrites, keys and names the end of the
/// dump needs).
///
/// The dumps are read from stdin: a file named on the command line is mapped, and
/// its pages read so far count in RSS, which would charge each table the bytes of
/// its own statements (380 of the 875 bytes a table first measured on the pg_dump).
/// Each figure is the least of two runs (one run varies by ±3 MB, as the output
/// queue fills or not).
///
/// Measured on the 2-core test machine (release, stdin, 5k → 50k tables), before and
/// after the names were kept in one buffer a map (`namemap`) and the converter's
/// columns shrank from 56 to 48 bytes with names inline:
/// `fix --target liferay-postgresql` of a mysqldump 1329 → 877 bytes a table,
/// `check` of it 1313 → 848, `convert` 877 → 594, `fix --target liferay-mysql` 324 →
/// 221, a pg_dump through `fix --target liferay-postgresql` 480 → 358. A CREATE TABLE
/// of these dumps is 281 bytes (MySQL) and 180 (PostgreSQL). The bounds leave room
/// for noise (runs agree within 20 bytes a table), not for the old figures.
#[test]
fn memory_per_table_is_bounded() {
    if !Path::new("/usr/bin/time").is_file() {
        common::skip_or_fail::<()>("memory_per_table_is_bounded", "no GNU time");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (small, large) = (5_000usize, 50_000usize);
    let my = [
        many_tables(dir.path(), small, false),
        many_tables(dir.path(), large, false),
    ];
    let pg = [
        many_tables(dir.path(), small, true),
        many_tables(dir.path(), large, true),
    ];
    type Dumps = [(PathBuf, usize); 2];
    let cases: [(&[&str], &Dumps, i64); 5] = [
        (&["fix", "--target", "liferay-postgresql"], &my, 1050),
        (&["check", "--target", "liferay-postgresql"], &my, 1050),
        (&["convert", "--to", "postgresql"], &my, 720),
        (&["fix", "--target", "liferay-mysql"], &my, 290),
        (&["fix", "--target", "liferay-postgresql"], &pg, 440),
    ];
    let mut report = Vec::new();
    let mut over = Vec::new();
    for (args, dumps, bound) in cases {
        let mut rss = [0i64; 2];
        for (k, (path, _)) in dumps.iter().enumerate() {
            let mut a: Vec<&str> = args.to_vec();
            a.push("--quiet");
            if args[0] != "check" {
                a.extend(["-o", "/dev/null"]);
            }
            let runs = [(); 2].map(|()| peak_rss_kib(&a, path));
            let (kib, code) = (runs.iter().map(|r| r.0).min().unwrap(), runs[0].1);
            let ok: &[i32] = if args[0] == "fix" { &[0] } else { &[0, 1] };
            assert!(
                code.is_some_and(|c| ok.contains(&c)),
                "{args:?} on {} tables exited {code:?}",
                [small, large][k]
            );
            rss[k] = kib;
        }
        let per_table = (rss[1] - rss[0]) * 1024 / (large - small) as i64;
        let line = format!(
            "{}: {} → {} KiB, {per_table} bytes a table (CREATE TABLE {} bytes, bound {bound})",
            args.join(" "),
            rss[0],
            rss[1],
            dumps[0].1
        );
        eprintln!("{line}");
        if per_table > bound {
            over.push(line.clone());
        }
        report.push(line);
    }
    assert!(
        over.is_empty(),
        "over the bound: {over:#?}\nall: {report:#?}"
    );
}
