//! Criterion benchmarks of the output encoders (`dumpfix::io::output`), in bytes per
//! second of uncompressed dump: plain, gzip level 6 (pigz-style parallel blocks on
//! a rayon pool of one thread per core) and zstd level 3 (its worker threads, one per
//! core), each through the public `Output` API into `/dev/null`, written in
//! statement-sized pieces as `dumpfix fix` writes them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dumpfix::io::output::{Compression, Output, OutputOptions};

/// About `bytes` of a mysqldump-like text: extended INSERT rows of mixed text,
/// numbers and dates, one in eight rows carrying 1 KB of pseudo-random hex digits
/// (the bench prints the compression ratios it gets).
fn dump(bytes: usize) -> Vec<u8> {
    let mut d =
        b"-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB\n/*!40101 SET NAMES utf8mb4 */;\n"
            .to_vec();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut i = 0u64;
    while d.len() < bytes {
        d.extend_from_slice(b"INSERT INTO `JournalArticle` VALUES\n");
        for k in 0..500 {
            if k > 0 {
                d.extend_from_slice(b",\n");
            }
            d.extend_from_slice(
                format!(
                    "({i},{},20097,'2015-{:02}-{:02} 10:{:02}:00.{:06}','article-{i}','It\\'s a \\\"test\\\" caf\u{e9} 日本 🚀 #{i}','<p>Article {i} — C:\\\\Users\\\\liferay\\\\{:x}.pdf</p>',{},'",
                    9_007_199_254_740_993 + i,
                    1 + i % 12,
                    1 + i % 28,
                    i % 60,
                    (i * 37_000_123) % 1_000_000,
                    i.wrapping_mul(0x9e37_79b9),
                    i % 4
                )
                .as_bytes(),
            );
            if i.is_multiple_of(8) {
                for _ in 0..1024 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // printable, as a --hex-blob or escaped blob would mostly be
                    d.push(b"0123456789ABCDEF"[(x & 15) as usize]);
                }
            }
            d.extend_from_slice(b"')");
            i += 1;
        }
        d.extend_from_slice(b";\n");
    }
    d
}

/// Pieces as the splitter hands them out: the INSERT rows one by one.
fn pieces(data: &[u8]) -> Vec<&[u8]> {
    data.split_inclusive(|&b| b == b'\n').collect()
}

fn encode(pieces: &[&[u8]], compression: Compression, level: Option<i32>, to: &Path) {
    let mut out = Output::create(&OutputOptions {
        path: Some(to.to_path_buf()),
        compression: Some(compression),
        level,
        input_identity: None,
        threads: 0,
        archive_version: None,
        quiet: true,
    })
    .unwrap();
    for p in pieces {
        out.write_all(p).unwrap();
    }
    out.finish().unwrap();
}

fn bench_encode(c: &mut Criterion) {
    let data = dump(16 << 20);
    let ps = pieces(&data);
    let dir = tempfile::tempdir().unwrap();
    for (name, compression, level) in [
        ("gzip -6", Compression::Gzip, 6),
        ("zstd -3", Compression::Zstd, 3),
    ] {
        let f = dir.path().join("out");
        encode(&ps, compression, Some(level), &f);
        let n = std::fs::metadata(&f).unwrap().len();
        eprintln!(
            "encode: {name}: {} bytes -> {n} bytes (ratio {:.2})",
            data.len(),
            data.len() as f64 / n as f64
        );
    }
    let null = Path::new("/dev/null");
    let mut g = c.benchmark_group("encode");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(data.len() as u64));
    for (name, compression, level) in [
        ("plain", Compression::None, None),
        ("gzip-6", Compression::Gzip, Some(6)),
        ("zstd-3", Compression::Zstd, Some(3)),
    ] {
        g.bench_with_input(BenchmarkId::new(name, "16MiB"), &ps, |b, ps| {
            b.iter(|| encode(ps, compression, level, null))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_encode);
criterion_main!(benches);
