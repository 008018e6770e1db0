//! Hostile input and faults, beyond the bad-input cases of `tests/cli.rs`:
//!
//! * a pg_dump cut inside a COPY block, and a mysqldump cut inside an INSERT tuple,
//!   run through the *rewriting* targets (`fix --target liferay-postgresql|mysql -o
//!   FILE`): exit 2, one message naming the byte and line where the open construct
//!   began, no panic, nothing left at `-o`;
//! * `convert --to postgresql` and `check` on random bytes, gzip and zstd of garbage,
//!   and SQL headers followed by garbage: exit 2 (or a clean 0/1), no panic, no `-o`
//!   file;
//! * `kill -9` while writing `-o out.sql.gz` / `-o out.tgz`: the final name never
//!   appears (only dot-named `*.dumpfix-tmp` files beside it may stay);
//! * bounded memory on hostile input: dumpfix's own peak RSS, from `wait4` in GNU
//!   time (see [`measure`] for why not `wait4` on our own child): a 2 GB line without a newline (MySQL statement, pg COPY row), a string
//!   literal never closed for 1 GB, a gzip bomb (1 GB of zeros, and a SQL header
//!   followed by 1 GB of zeros). Peak RSS must stay under 100 MiB.
//!
//! The multi-GB inputs run at full size when `DUMPFIX_BIG=1` (as `scripts/test.sh`
//! sets) or under `CI=true`; otherwise at 64 MiB, so a quick `cargo test` stays fast.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{dumpfix, in_ci};

/// The project's memory bound for any input.
const RSS_LIMIT_KIB: i64 = 100 * 1024;
/// A generous bound on one hostile run (they take seconds).
const WALL_LIMIT: Duration = Duration::from_secs(120);

fn big() -> bool {
    std::env::var("DUMPFIX_BIG").is_ok_and(|v| v == "1") || in_ci()
}

/// `full` when big tests are on, else 64 MiB.
fn size(full: u64) -> u64 {
    if big() {
        full
    } else {
        64 << 20
    }
}

// ------------------------------------------------------------------ running

/// What stdin gets.
enum Feed {
    Bytes(Vec<u8>),
    File(PathBuf),
    /// `prefix`, then `n` copies of `fill`, written by a thread (never held in memory).
    Stream {
        prefix: Vec<u8>,
        fill: u8,
        n: u64,
    },
}

/// The outcome of one run: exit code, output, the child's peak RSS and wall time.
struct Measured {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// Peak resident set of dumpfix in KiB (`None` without GNU time).
    rss_kib: Option<i64>,
    wall: Duration,
}

impl Measured {
    fn expect_code(&self, what: &str, codes: &[i32]) {
        assert!(
            self.code.is_some_and(|c| codes.contains(&c)),
            "{what}: exit {:?}, expected one of {codes:?}\nstderr:\n{}",
            self.code,
            clip(&self.stderr)
        );
        assert!(
            !self.stderr.contains("panicked"),
            "{what}: panic:\n{}",
            self.stderr
        );
    }

    fn expect_bounded(&self, what: &str) {
        let Some(rss) = self.rss_kib else {
            eprintln!(
                "{what}: exit {:?}, wall {:.2}s",
                self.code,
                self.wall.as_secs_f64()
            );
            common::skip_or_fail::<()>(
                what,
                "no /usr/bin/time (apt-get install time) to measure peak RSS",
            );
            return;
        };
        eprintln!(
            "{what}: exit {:?}, peak RSS {rss} KiB ({:.1} MiB), wall {:.2}s",
            self.code,
            rss as f64 / 1024.0,
            self.wall.as_secs_f64()
        );
        assert!(
            rss < RSS_LIMIT_KIB,
            "{what}: peak RSS {rss} KiB >= {RSS_LIMIT_KIB} KiB"
        );
        assert!(
            self.wall < WALL_LIMIT,
            "{what}: took {:.1}s",
            self.wall.as_secs_f64()
        );
    }
}

fn clip(s: &str) -> String {
    let s = s.trim_end();
    if s.len() <= 3000 {
        return s.to_owned();
    }
    let cut = (0..=3000)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    format!("{}… ({} bytes more)", &s[..cut], s.len() - cut)
}

fn write_stream(mut stdin: ChildStdin, prefix: &[u8], fill: u8, n: u64) {
    // EPIPE: the child stopped reading (it failed early); its exit status says why.
    if stdin.write_all(prefix).is_err() {
        return;
    }
    let chunk = vec![fill; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len() as u64) as usize;
        if stdin.write_all(&chunk[..k]).is_err() {
            return;
        }
        left -= k as u64;
    }
}

fn read_all(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = r.read_to_end(&mut v);
        String::from_utf8_lossy(&v).into_owned()
    })
}

/// GNU time, which reports its child's peak RSS (`%M`, from `wait4`).
fn gnu_time() -> Option<&'static Path> {
    let p = Path::new("/usr/bin/time");
    p.is_file().then_some(p)
}

/// Run `dumpfix ARGS` with `feed` on stdin, in `dir`, under GNU time for its peak RSS.
///
/// Why not `wait4` on our own child, as `tests/big_dumps.rs` does: `Command` spawns
/// with `vfork`, so at `exec` Linux records the *parent's* RSS high-water mark into
/// the child's `ru_maxrss`. This test process holds 15 MB dumps (several at once on
/// parallel test threads), and every child spawned after that "peaked" at 50 MiB and
/// more, even one that exits at once. GNU time forks from its own small image and
/// reports its child's `wait4` rusage, so the figure is dumpfix's own.
fn measure(args: &[&str], feed: Feed, dir: &Path) -> Measured {
    let rss_file = tempfile::NamedTempFile::new().unwrap();
    let mut cmd = match gnu_time() {
        Some(time) => {
            let mut c = Command::new(time);
            c.args(["-f", "%M", "-o"])
                .arg(rss_file.path())
                .arg(env!("CARGO_BIN_EXE_dumpfix"));
            c
        }
        None => dumpfix(),
    };
    cmd.args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let (stdin, writer_input) = match feed {
        Feed::File(p) => (Stdio::from(File::open(p).unwrap()), None),
        other => (Stdio::piped(), Some(other)),
    };
    cmd.stdin(stdin);
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let writer = writer_input.map(|feed| {
        let si = child.stdin.take().unwrap();
        std::thread::spawn(move || match feed {
            Feed::Bytes(b) => write_stream(si, &b, 0, 0),
            Feed::Stream { prefix, fill, n } => write_stream(si, &prefix, fill, n),
            Feed::File(_) => unreachable!(),
        })
    });
    let out = read_all(child.stdout.take().unwrap());
    let err = read_all(child.stderr.take().unwrap());
    let status = child.wait().unwrap();
    let wall = started.elapsed();
    if let Some(w) = writer {
        w.join().unwrap();
    }
    // GNU time writes "Command exited with non-zero status N" first, then `%M`.
    let rss_kib = gnu_time().map(|_| {
        let mut text = String::new();
        File::open(rss_file.path())
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let last = text.lines().last().unwrap_or_default().trim().to_owned();
        last.parse::<i64>()
            .unwrap_or_else(|_| panic!("GNU time wrote {text:?}"))
    });
    Measured {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        rss_kib,
        wall,
    }
}

/// The names in `dir` other than `keep`.
fn leftovers(dir: &Path, keep: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect();
    v.sort();
    v
}

fn assert_nothing_written(what: &str, dir: &Path, keep: &[&str]) {
    let left = leftovers(dir, keep);
    assert!(left.is_empty(), "{what}: left behind {left:?}");
}

// ------------------------------------------------------------------ dumps

const PG_HEADER: &str = "--\n-- PostgreSQL database dump\n--\n\n\
-- Dumped from database version 15.8\n-- Dumped by pg_dump version 15.8\n\n\
SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n\
SET standard_conforming_strings = on;\n\
SELECT pg_catalog.set_config('search_path', '', false);\n\n";

const MY_HEADER: &str = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n\
-- Host: localhost    Database: lportal\n\
-- ------------------------------------------------------\n\
-- Server version\t8.0.36\n\n\
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n\
/*!40101 SET NAMES utf8mb4 */;\n\
/*!40103 SET TIME_ZONE='+00:00' */;\n\n";

fn line_of(data: &[u8], offset: usize) -> usize {
    1 + data[..offset].iter().filter(|&&b| b == b'\n').count()
}

/// A Liferay pg_dump: `user_` with a `smallint` boolean column (rewritten to
/// `boolean`, its values to `f`/`t`) and `rows` COPY rows.
struct PgDump {
    data: Vec<u8>,
    /// Offset of the `COPY` statement.
    copy: usize,
    /// First data byte, and the offset of the `\.` line.
    rows: (usize, usize),
}

fn pg_dump(rows: usize) -> PgDump {
    let mut d = PG_HEADER.as_bytes().to_vec();
    d.extend_from_slice(
        b"CREATE TABLE public.\"User_\" (\n    mvccversion bigint DEFAULT 0 NOT NULL,\n    \
          userid bigint NOT NULL,\n    companyid bigint,\n    \
          createdate timestamp without time zone,\n    screenname character varying(75),\n    \
          emailaddress character varying(254),\n    lockout smallint,\n    status integer\n);\n\n\
          ALTER TABLE public.\"User_\" OWNER TO liferay;\n\n\
          --\n-- Data for Name: User_; Type: TABLE DATA; Schema: public; Owner: liferay\n--\n\n",
    );
    let copy = d.len();
    d.extend_from_slice(
        b"COPY public.\"User_\" (mvccversion, userid, companyid, createdate, screenname, \
          emailaddress, lockout, status) FROM stdin;\n",
    );
    let first = d.len();
    for i in 0..rows {
        d.extend_from_slice(
            format!(
                "0\t{}\t20097\t2024-03-01 09:{:02}:{:02}\tuser {i}\\ttab\tu{i}@liferay.com\t{}\t0\n",
                20101 + i,
                (i / 60) % 60,
                i % 60,
                i % 2
            )
            .as_bytes(),
        );
    }
    let end = d.len();
    d.extend_from_slice(
        b"\\.\n\n\nALTER TABLE ONLY public.\"User_\"\n    ADD CONSTRAINT user__pkey PRIMARY KEY (userid);\n\n\
          --\n-- PostgreSQL database dump complete\n--\n\n",
    );
    PgDump {
        data: d,
        copy,
        rows: (first, end),
    }
}

/// A Liferay mysqldump: lower-case `user_` (renamed `User_` by the target) filled by
/// extended INSERTs of 500 tuples. `mark` is the tuple whose offsets are recorded.
struct MyDump {
    data: Vec<u8>,
    /// Offset of the marked tuple's `(` and of its string's opening quote.
    tuple: usize,
    quote: usize,
}

fn my_dump(rows: usize, mark: usize) -> MyDump {
    let mut d = MY_HEADER.as_bytes().to_vec();
    d.extend_from_slice(
        b"DROP TABLE IF EXISTS `user_`;\nCREATE TABLE `user_` (\n  `userId` bigint NOT NULL,\n  \
          `companyId` bigint DEFAULT NULL,\n  `screenName` varchar(75) DEFAULT NULL,\n  \
          `lockout` tinyint DEFAULT NULL,\n  PRIMARY KEY (`userId`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\n\
          LOCK TABLES `user_` WRITE;\n",
    );
    let (mut tuple, mut quote) = (0, 0);
    for i in 0..rows {
        if i % 500 == 0 {
            if i > 0 {
                d.extend_from_slice(b";\n");
            }
            d.extend_from_slice(b"INSERT INTO `user_` VALUES ");
        } else {
            d.push(b',');
        }
        if i == mark {
            tuple = d.len();
        }
        d.extend_from_slice(format!("({},20097,", 20101 + i).as_bytes());
        if i == mark {
            quote = d.len();
        }
        d.extend_from_slice(
            format!("'user {i}: it\\'s a \\\\ (path); \\n next',{})", i % 2).as_bytes(),
        );
    }
    d.extend_from_slice(b";\nUNLOCK TABLES;\n\n-- Dump completed on 2024-03-01 10:00:00\n");
    MyDump {
        data: d,
        tuple,
        quote,
    }
}

/// `dumpfix fix --target TARGET -o OUT` on `input` (stdin or a file): exit 2, a
/// message containing every needle, no panic, nothing at `-o`.
fn expect_fix_error(target: &str, input: &[u8], via_file: bool, out: &str, needles: &[String]) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["fix", "--quiet", "--target", target, "-o", out];
    let feed = if via_file {
        std::fs::write(dir.path().join("in.sql"), input).unwrap();
        args.push("in.sql");
        Feed::File(PathBuf::from("/dev/null"))
    } else {
        Feed::Bytes(input.to_vec())
    };
    let m = measure(&args, feed, dir.path());
    let what = format!("fix --target {target} -o {out} ({} bytes)", input.len());
    m.expect_code(&what, &[2]);
    for n in needles {
        assert!(
            m.stderr.contains(n.as_str()),
            "{what}: expected {n:?} in:\n{}",
            m.stderr
        );
    }
    assert_nothing_written(&what, dir.path(), &["in.sql"]);
}

// ------------------------------------------------------------------ cut dumps

#[test]
fn pg_dump_cut_inside_copy_with_rewriting_target() {
    let d = pg_dump(200_000);
    assert!(
        d.data.len() > 10 << 20,
        "big enough that output was flushed"
    );
    let (first, end) = d.rows;
    let line = line_of(&d.data, d.copy);
    let mid_row = first + (end - first) / 2;
    let row_start = mid_row
        - d.data[..mid_row]
            .iter()
            .rev()
            .position(|&b| b == b'\n')
            .unwrap();
    let cuts = [
        ("right after the COPY line", first),
        ("at a row start", row_start),
        ("in the middle of a row", mid_row),
        ("after a tab inside a row", row_start + 2),
        ("before the \\. line", end),
        ("after the backslash of \\.", end + 1),
    ];
    for (i, (what, cut)) in cuts.into_iter().enumerate() {
        let out = ["out.sql", "out.sql.gz", "out.sql.zst", "database.tgz"][i % 4];
        eprintln!("pg_dump cut {what} (byte {cut}) -> -o {out}");
        expect_fix_error(
            "liferay-postgresql",
            &d.data[..cut],
            i % 2 == 0,
            out,
            &[
                "unterminated COPY data".to_string(),
                format!("(byte {}, line {line})", d.copy),
            ],
        );
    }
}

#[test]
fn mysqldump_cut_inside_insert_with_rewriting_target() {
    let d = my_dump(200_000, 150_321);
    assert!(
        d.data.len() > 10 << 20,
        "big enough that output was flushed"
    );
    let string = |at: usize| {
        vec![
            "unterminated string literal".to_string(),
            format!("(byte {}, line {})", d.quote, line_of(&d.data, at)),
        ]
    };
    let tuple = vec![
        "unterminated value list (unbalanced parenthesis)".to_string(),
        format!("(byte {}, line {})", d.tuple, line_of(&d.data, d.tuple)),
    ];
    // The marked string is `'user N: it\'s a \\ (path); \n next'`.
    let find = |needle: &[u8]| {
        d.quote
            + d.data[d.quote..]
                .windows(needle.len())
                .position(|w| w == needle)
                .unwrap()
    };
    let esc_quote = find(b"\\'");
    let esc_backslash = find(b"\\\\");
    let cuts = [
        (
            "right after the opening quote",
            d.quote + 1,
            string(d.quote),
        ),
        ("inside the string", d.quote + 9, string(d.quote)),
        (
            "between a backslash and the quote it escapes",
            esc_quote + 1,
            string(d.quote),
        ),
        ("after an escaped quote", esc_quote + 2, string(d.quote)),
        (
            "after an escaped backslash",
            esc_backslash + 2,
            string(d.quote),
        ),
        (
            "after a ; inside the string",
            find(b";") + 1,
            string(d.quote),
        ),
        ("right after the tuple's (", d.tuple + 1, tuple.clone()),
        ("inside the first number", d.tuple + 3, tuple.clone()),
        ("after a comma in the tuple", d.quote, tuple.clone()),
    ];
    for (i, (what, cut, needles)) in cuts.into_iter().enumerate() {
        let out = ["out.sql", "database.gz", "out.sql.zst", "database.tgz"][i % 4];
        eprintln!(
            "mysqldump cut {what} (byte {cut}, ...{:?}) -> -o {out}",
            String::from_utf8_lossy(&d.data[cut.saturating_sub(12)..cut])
        );
        expect_fix_error("liferay-mysql", &d.data[..cut], i % 2 == 1, out, &needles);
    }
}

// ------------------------------------------------------------------ garbage

fn xorshift(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// `convert --to postgresql -o out.sql` and `check` for both targets on `input`:
/// exit 2, the message has every needle, no panic, no output file.
fn expect_refused(label: &str, input: &[u8], needles: &[&str]) {
    let runs: [&[&str]; 3] = [
        &["convert", "--to", "postgresql", "--quiet", "-o", "out.sql"],
        &["check", "--quiet", "--target", "liferay-postgresql"],
        &["check", "--quiet", "--target", "liferay-mysql"],
    ];
    for args in runs {
        let dir = tempfile::tempdir().unwrap();
        let m = measure(args, Feed::Bytes(input.to_vec()), dir.path());
        let what = format!("{label}: {}", args.join(" "));
        m.expect_code(&what, &[2]);
        for n in needles {
            assert!(
                m.stderr.contains(n),
                "{what}: expected {n:?} in:\n{}",
                m.stderr
            );
        }
        assert!(m.stdout.is_empty(), "{what}: printed {:?}", m.stdout);
        assert_nothing_written(&what, dir.path(), &[]);
    }
}

#[test]
fn convert_and_check_refuse_garbage() {
    let noise = xorshift(0x9E37_79B9_7F4A_7C15, 100_000);
    expect_refused("random bytes", &noise, &["not a SQL dump", "(at byte 0)"]);
    expect_refused("gzip of random bytes", &gzip(&noise), &["not a SQL dump"]);
    expect_refused(
        "zstd of random bytes",
        &zstd::encode_all(&noise[..], 3).unwrap(),
        &["not a SQL dump"],
    );
    // Garbage that claims to be gzip: a gzip header, then noise.
    let mut fake = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    fake.extend_from_slice(&noise[..4096]);
    expect_refused("a gzip header then noise", &fake, &["gzip"]);
    // Garbage in a tar: a ustar header around noise.
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_ustar();
    h.set_size(10_000);
    h.set_mode(0o644);
    h.set_entry_type(tar::EntryType::Regular);
    b.append_data(&mut h, "database.sql", &noise[..10_000])
        .unwrap();
    expect_refused(
        "tar.gz of random bytes",
        &gzip(&b.into_inner().unwrap()),
        &["not a SQL dump"],
    );
}

/// A real header, then noise: detection passes, so the splitter and every rule see
/// the garbage. Any outcome but a panic is fine; exit 2 names a byte and a line and
/// leaves no output file.
#[test]
fn header_then_noise_never_panics() {
    let started = Instant::now();
    let mut runs = 0;
    let mut codes = std::collections::BTreeMap::new();
    for seed in 1..=8u64 {
        // Biased noise: many quotes, parentheses, semicolons, backslashes, newlines.
        let alphabet = b"'\"`();\\\n\t -/*#$.,0123456789abcINSERTVALUESCOPYFROMstdin\x00\xff\xc3";
        let noise: Vec<u8> = xorshift(seed.wrapping_mul(0x2545_F491_4F6C_DD1D), 60_000)
            .into_iter()
            .enumerate()
            .map(|(i, b)| {
                if i % 3 == 0 {
                    b
                } else {
                    alphabet[b as usize % alphabet.len()]
                }
            })
            .collect();
        for (header, targets) in [
            (
                MY_HEADER,
                &[
                    &["fix", "--target", "liferay-mysql", "-o", "out.sql.gz"][..],
                    &["check", "--target", "liferay-postgresql"],
                    &["convert", "--to", "postgresql", "-o", "out.sql"],
                    &["stats"],
                ][..],
            ),
            (
                PG_HEADER,
                &[
                    &["fix", "--target", "liferay-postgresql", "-o", "out.sql"][..],
                    &[
                        "check",
                        "--target",
                        "liferay-postgresql",
                        "--format",
                        "sarif",
                    ],
                    &["fix", "-o", "out.tgz"],
                ][..],
            ),
        ] {
            let mut input = header.as_bytes().to_vec();
            input.extend_from_slice(&noise);
            for args in targets {
                let dir = tempfile::tempdir().unwrap();
                let mut a = args.to_vec();
                a.push("--quiet");
                let m = measure(&a, Feed::Bytes(input.clone()), dir.path());
                let what = format!("seed {seed}: {}", args.join(" "));
                m.expect_code(&what, &[0, 1, 2]);
                runs += 1;
                *codes.entry(m.code.unwrap()).or_insert(0) += 1;
                if m.code == Some(2) {
                    assert!(
                        m.stderr.contains("byte ") && m.stderr.contains("line "),
                        "{what}: exit 2 must name the byte and line:\n{}",
                        m.stderr
                    );
                    assert_nothing_written(&what, dir.path(), &[]);
                }
            }
        }
    }
    eprintln!(
        "header + noise: {runs} runs, exit codes {codes:?}, {:.1}s",
        started.elapsed().as_secs_f64()
    );
}

// ------------------------------------------------------------------ kill -9

/// Feed a generated pg_dump slowly (about 40 MB/s, never all of it) into
/// `fix --target liferay-postgresql -o OUT`, `kill -9` it once the temporary file has
/// data, and look at what is left: never a file under the final name.
fn kill_while_writing(out: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut child = dumpfix()
        .args([
            "fix",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "-o",
            out,
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let mut si = child.stdin.take().unwrap();
    let flag = stop.clone();
    let feeder = std::thread::spawn(move || {
        let d = pg_dump(0);
        if si.write_all(&d.data[..d.rows.0]).is_err() {
            return 0u64;
        }
        let mut fed = d.rows.0 as u64;
        let mut i = 0u64;
        // At most 2 GB; the test kills the child long before.
        while !flag.load(Ordering::Relaxed) && fed < 2 << 30 {
            let mut chunk = Vec::with_capacity(1 << 20);
            while chunk.len() < (1 << 20) - 200 {
                chunk.extend_from_slice(
                    format!(
                        "0\t{i}\t20097\t2024-03-01 09:00:00\tuser {i}\tu{i}@liferay.com\t{}\t0\n",
                        i % 2
                    )
                    .as_bytes(),
                );
                i += 1;
            }
            if si.write_all(&chunk).is_err() {
                break;
            }
            fed += chunk.len() as u64;
            std::thread::sleep(Duration::from_millis(25));
        }
        fed
    });
    // Wait until the temporary file beside `out` holds compressed data.
    let started = Instant::now();
    let written = loop {
        let grown = std::fs::read_dir(dir.path()).unwrap().flatten().find(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with('.')
                && name.ends_with(".dumpfix-tmp")
                && e.metadata().is_ok_and(|m| m.len() > 256 << 10)
        });
        if let Some(e) = grown {
            break e.metadata().unwrap().len();
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "{out}: dumpfix ended before it was killed"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{out}: no temporary file with data after 60s: {:?}",
            leftovers(dir.path(), &[])
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    let fed = feeder.join().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGKILL), "{out}: {status}");
    let left = leftovers(dir.path(), &[]);
    eprintln!(
        "kill -9 during -o {out}: after {:.1}s, {fed} bytes fed, temporary file at {written} bytes; left: {left:?}",
        started.elapsed().as_secs_f64()
    );
    assert!(
        !dir.path().join(out).exists(),
        "{out}: a file under the final name after kill -9"
    );
    for name in &left {
        assert!(
            name.starts_with('.') && name.ends_with(".dumpfix-tmp"),
            "{out}: {name:?} left behind does not look temporary"
        );
    }
    left
}

#[test]
fn kill_9_while_writing_leaves_no_final_file() {
    let gz = kill_while_writing("out.sql.gz");
    assert!(gz.iter().all(|n| n.starts_with(".out.sql.gz.")), "{gz:?}");
    let tgz = kill_while_writing("database.tgz");
    assert!(
        tgz.iter()
            .all(|n| n.starts_with(".database.tgz.") || n.starts_with(".database.gz.")),
        "{tgz:?}"
    );
}

// ------------------------------------------------------------------ memory

#[test]
fn bounded_memory_on_a_2gb_line() {
    let n = size(2 << 30);
    let dir = tempfile::tempdir().unwrap();
    // (a) MySQL: one statement of `n` × 'x', no newline, no delimiter. It is legal
    // (the client runs what is left at the end), too large for max_allowed_packet.
    let stmt = || Feed::Stream {
        prefix: b"SELECT ".to_vec(),
        fill: b'x',
        n,
    };
    for args in [
        // (no --quiet: fix lists the findings it could not fix on stderr)
        &["fix", "--target", "liferay-mysql", "-o", "/dev/null"][..],
        &["check", "--quiet", "--target", "liferay-mysql"],
    ] {
        let what = format!("{n}-byte line, {}", args.join(" "));
        let m = measure(args, stmt(), dir.path());
        // Over max_allowed_packet (D002, an error): exit 1; smaller: fixable findings only.
        m.expect_code(&what, if n > 268_435_456 { &[1] } else { &[0, 1] });
        m.expect_bounded(&what);
        if n > 268_435_456 {
            assert!(
                m.stderr.contains("D002") || m.stdout.contains("D002"),
                "{what}: {}{}",
                m.stdout,
                m.stderr
            );
        }
    }
    // (b) pg_dump: a COPY row of `n` bytes never ended: exit 2, nothing at -o.
    let mut prefix = PG_HEADER.as_bytes().to_vec();
    let copy = prefix.len();
    prefix.extend_from_slice(b"CREATE TABLE public.t (a text);\nCOPY public.t (a) FROM stdin;\n");
    let what = format!("{n}-byte COPY row, fix --target liferay-postgresql -o out.sql");
    let m = measure(
        &[
            "fix",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "-o",
            "out.sql",
        ],
        Feed::Stream {
            prefix: prefix.clone(),
            fill: b'x',
            n,
        },
        dir.path(),
    );
    m.expect_code(&what, &[2]);
    let line = line_of(&prefix, copy) + 1;
    assert!(
        m.stderr.contains("unterminated COPY data") && m.stderr.contains(&format!("line {line})")),
        "{what}: {}",
        m.stderr
    );
    m.expect_bounded(&what);
    assert_nothing_written(&what, dir.path(), &[]);
}

#[test]
fn bounded_memory_on_a_string_never_closed() {
    let n = size(1 << 30);
    let dir = tempfile::tempdir().unwrap();
    let feed = || Feed::Stream {
        prefix: b"INSERT INTO t VALUES ('".to_vec(),
        fill: b'x',
        n,
    };
    for (args, code) in [
        (
            &[
                "fix",
                "--quiet",
                "--target",
                "liferay-mysql",
                "-o",
                "out.sql",
            ][..],
            2,
        ),
        (
            &["convert", "--quiet", "--to", "postgresql", "-o", "out.sql"],
            2,
        ),
        // check reports the truncation as a finding (D001)
        (&["check", "--quiet", "--target", "liferay-mysql"], 1),
    ] {
        let what = format!("string of {n} bytes never closed, {}", args.join(" "));
        let m = measure(args, feed(), dir.path());
        m.expect_code(&what, &[code]);
        let text = format!("{}{}", m.stdout, m.stderr);
        assert!(
            text.contains("unterminated string literal")
                && (code == 1 || text.contains("(byte 22, line 1)")),
            "{what}: {text}"
        );
        m.expect_bounded(&what);
        assert_nothing_written(&what, dir.path(), &[]);
    }
}

/// Stream `prefix` + `zeros` zero bytes through gzip into `path` (never in memory).
fn gzip_bomb(path: &Path, prefix: &[u8], zeros: u64) -> u64 {
    let f = std::io::BufWriter::new(File::create(path).unwrap());
    let mut e = flate2::write::GzEncoder::new(f, flate2::Compression::default());
    e.write_all(prefix).unwrap();
    let chunk = vec![0u8; 1 << 20];
    let mut left = zeros;
    while left > 0 {
        let k = left.min(chunk.len() as u64) as usize;
        e.write_all(&chunk[..k]).unwrap();
        left -= k as u64;
    }
    e.finish().unwrap().flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn bounded_memory_on_a_gzip_bomb() {
    let n = size(1 << 30);
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let bomb = dir.path().join("bomb.gz");
    let bomb_size = gzip_bomb(&bomb, b"", n);
    let framed = dir.path().join("framed.gz");
    let framed_size = gzip_bomb(&framed, b"-- MySQL dump 10.13\nSELECT 1;\n", n);
    eprintln!(
        "gzip bombs: {n} zeros -> {bomb_size} bytes, with a SQL header -> {framed_size} bytes ({:.1}s to make)",
        t.elapsed().as_secs_f64()
    );
    // Zeros alone are not SQL: refused at once.
    for args in [
        &[
            "fix",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "-o",
            "out.sql",
        ][..],
        &["convert", "--quiet", "--to", "postgresql", "-o", "out.sql"],
        &["check", "--quiet", "--target", "liferay-mysql"],
    ] {
        let what = format!("gzip bomb, {}", args.join(" "));
        let m = measure(args, Feed::File(bomb.clone()), dir.path());
        m.expect_code(&what, &[2]);
        assert!(m.stderr.contains("not a SQL dump"), "{what}: {}", m.stderr);
        m.expect_bounded(&what);
        assert_nothing_written(&what, dir.path(), &["bomb.gz", "framed.gz"]);
    }
    // A header, then the zeros: all of it is decompressed and split (one statement of
    // NULs up to the end), in bounded memory.
    for (args, code) in [
        (&["fix", "--quiet", "-o", "/dev/null"][..], 0),
        (&["check", "--quiet", "--target", "liferay-mysql"], 1),
        (
            &[
                "convert",
                "--quiet",
                "--to",
                "postgresql",
                "-o",
                "/dev/null",
            ],
            1,
        ),
    ] {
        let what = format!("header + gzip bomb, {}", args.join(" "));
        let m = measure(args, Feed::File(framed.clone()), dir.path());
        m.expect_code(&what, &[code]);
        m.expect_bounded(&what);
    }
}
