//! Compressed output does not depend on `--threads`: `fix` and `convert` write the same
//! zstd and gzip bytes with 1, 2 and 4 threads, to stdout and to a file, on an input of
//! several zstd jobs and gzip blocks; and those bytes decode to the plain output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use common::dumpfix;

/// A mysqldump of about `mib` MiB: rows of numbers, dates and text that compress
/// about as a real dump does (neither all alike nor random).
fn dump(mib: usize) -> Vec<u8> {
    let mut s = String::from(
        "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n\
         -- Host: localhost    Database: shop\n\n\
         /*!40101 SET NAMES utf8mb4 */;\n\
         CREATE TABLE `orders` (\n  `id` int NOT NULL,\n  `placed` datetime DEFAULT NULL,\n  \
         `customer` varchar(80) DEFAULT NULL,\n  `note` text,\n  `total` decimal(10,2) DEFAULT NULL,\n  \
         PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n",
    );
    const WORDS: &[&str] = &[
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec",
    ];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut id = 0u64;
    while s.len() < mib << 20 {
        s.push_str("INSERT INTO `orders` VALUES ");
        for k in 0..200 {
            id += 1;
            let r = next();
            let note: Vec<&str> = (0..(r % 9) as usize)
                .map(|j| WORDS[((r >> (j * 5)) % WORDS.len() as u64) as usize])
                .collect();
            if k > 0 {
                s.push(',');
            }
            write!(
                s,
                "({id},'20{:02}-{:02}-{:02} {:02}:{:02}:{:02}','customer {}','{}',{}.{:02})",
                r % 25,
                1 + (r >> 8) % 12,
                1 + (r >> 12) % 28,
                (r >> 16) % 24,
                (r >> 20) % 60,
                (r >> 26) % 60,
                (r >> 32) % 5000,
                note.join(" "),
                (r >> 40) % 10_000,
                (r >> 50) % 100
            )
            .unwrap();
        }
        s.push_str(";\n");
    }
    s.push_str("-- Dump completed on 2024-01-01 10:00:00\n");
    s.into_bytes()
}

/// `dumpfix <args> --threads N <input>` to stdout, and with `-o <dir>/out.<ext>`:
/// both must give the same bytes; those are returned.
fn run(args: &[&str], threads: usize, input: &Path, ext: &str, dir: &Path) -> Vec<u8> {
    let t = threads.to_string();
    let o = dumpfix()
        .args(args)
        .args(["--threads", &t, "--quiet"])
        .arg(input)
        .output()
        .unwrap();
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?} --threads {t}: {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    let file = dir.join(format!("out-{threads}.{ext}"));
    let f = dumpfix()
        .args(args)
        .args(["--threads", &t, "--quiet"])
        .arg(input)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        f.status.code(),
        o.status.code(),
        "{args:?} -o {}",
        file.display()
    );
    let mut written = Vec::new();
    std::fs::File::open(&file)
        .unwrap()
        .read_to_end(&mut written)
        .unwrap();
    assert!(
        written == o.stdout,
        "{args:?} --threads {t}: -o {} differs from stdout",
        file.display()
    );
    o.stdout
}

fn decode(ext: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match ext {
        "zst" => {
            zstd::stream::read::Decoder::new(bytes)
                .unwrap()
                .read_to_end(&mut out)
                .unwrap();
        }
        _ => {
            flate2::read::MultiGzDecoder::new(bytes)
                .read_to_end(&mut out)
                .unwrap();
        }
    }
    out
}

/// For each codec: the bytes with 1, 2 and 4 threads are the same, and decode to the
/// plain output.
fn same_for_1_2_4_threads(command: &[&str], input: &Path, dir: &Path) {
    let plain = run(command, 1, input, "sql", dir);
    assert!(plain.len() > 4 << 20, "{} bytes", plain.len());
    for (codec, ext) in [("zstd", "zst"), ("gzip", "gz")] {
        let mut args = command.to_vec();
        args.extend(["--compress", codec]);
        let one = run(&args, 1, input, ext, dir);
        assert!(
            decode(ext, &one) == plain,
            "{args:?}: does not decode to the plain output"
        );
        for n in [2, 4] {
            let other = run(&args, n, input, ext, dir);
            assert!(
                other == one,
                "{args:?}: --threads {n} wrote {} bytes, --threads 1 {} bytes{}",
                other.len(),
                one.len(),
                if other.len() == one.len() {
                    " (not the same)"
                } else {
                    ""
                }
            );
        }
    }
}

#[test]
fn fix_compresses_alike_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dump.sql");
    std::fs::write(&input, dump(24)).unwrap();
    same_for_1_2_4_threads(&["fix"], &input, dir.path());
}

#[test]
fn convert_compresses_alike_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dump.sql");
    std::fs::write(&input, dump(12)).unwrap();
    same_for_1_2_4_threads(&["convert", "--to", "postgresql"], &input, dir.path());
}
