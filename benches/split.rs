//! Criterion benchmarks of the splitter, in bytes per second: synthetic mysqldump and
//! pg_dump data made in memory, and the corpus' largest real dumps when present.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dumpfix::lex::driver::{split_reader, split_slice, SplitOptions};
use dumpfix::lex::{Dialect, Lexer};

fn mysql_data(rows: usize) -> Vec<u8> {
    let mut d =
        b"-- MySQL dump 10.13  Distrib 10.11.6-MariaDB\n/*!40101 SET NAMES utf8mb4 */;\n".to_vec();
    let mut i = 0;
    while i < rows {
        d.extend_from_slice(b"INSERT INTO `User_` VALUES ");
        for k in 0..1000 {
            if k > 0 {
                d.push(b',');
            }
            d.extend_from_slice(
                format!(
                    "({i},0,20097,'2024-01-0{} 10:00:00.000000','user{i}@example.com','J\\'s name \\\\ caf\\xc3\\xa9',1,0,NULL,3.25)",
                    i % 9 + 1
                )
                .as_bytes(),
            );
            i += 1;
        }
        d.extend_from_slice(b";\n");
    }
    d
}

fn pg_data(rows: usize) -> Vec<u8> {
    let mut d = b"--\n-- PostgreSQL database dump\n--\nCOPY public.user_ (id, flag, name, created) FROM stdin;\n".to_vec();
    for i in 0..rows {
        d.extend_from_slice(
            format!("{i}\tt\tuser {i} caf\\303\\251\t2024-01-01 10:00:00\n").as_bytes(),
        );
    }
    d.extend_from_slice(b"\\.\n");
    d
}

fn corpus(rel: &str) -> Option<Vec<u8>> {
    let base = std::env::var_os("DUMPFIX_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut v = Vec::new();
    let mut f = std::fs::File::open(base.join(rel)).ok()?;
    std::io::Read::read_to_end(&mut f, &mut v).ok()?;
    Some(v)
}

fn bench_split(c: &mut Criterion) {
    let mut inputs = vec![
        ("mysql-extended-insert", Dialect::Mysql, mysql_data(200_000)),
        ("pg-copy", Dialect::Postgres, pg_data(600_000)),
    ];
    if let Some(d) = corpus("mysql-mysqldump-php-test014/test014.src.sql") {
        inputs.push(("corpus-test014", Dialect::Mysql, d));
    }
    if let Some(d) = corpus("pg-pagila/pagila-data.sql") {
        inputs.push(("corpus-pagila-data", Dialect::Postgres, d));
    }
    let mut g = c.benchmark_group("split");
    g.sample_size(10);
    for (name, dialect, data) in &inputs {
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.bench_with_input(BenchmarkId::new("slice", name), data, |b, data| {
            b.iter(|| {
                let mut n = 0u64;
                split_slice(
                    &mut Lexer::new(*dialect),
                    data,
                    &SplitOptions::default(),
                    "b",
                    |p| {
                        n += p.bytes.len() as u64;
                        Ok(())
                    },
                )
                .ok();
                n
            })
        });
        g.bench_with_input(BenchmarkId::new("reader", name), data, |b, data| {
            b.iter(|| {
                let mut n = 0u64;
                split_reader(
                    &mut Lexer::new(*dialect),
                    &data[..],
                    &SplitOptions::default(),
                    "b",
                    |p| {
                        n += p.bytes.len() as u64;
                        Ok(())
                    },
                )
                .ok();
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_split);
criterion_main!(benches);
