//! Criterion benchmarks of the rewrite stage, in bytes per second: the same synthetic
//! Liferay-shaped dump split and passed through, against split + the Liferay target's
//! rules (table renames on MySQL; booleans, timestamps, schema on PostgreSQL).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dumpfix::catalog::Catalog;
use dumpfix::lex::driver::{split_slice, SplitOptions};
use dumpfix::lex::{Dialect, Lexer};
use dumpfix::rewrite::{self, Engine};
use dumpfix::rules::context::Mode;

/// mysqldump of a lower-case Liferay `user_` table: one row per line, as MariaDB's
/// mysqldump writes it.
fn mysql_data(rows: usize) -> Vec<u8> {
    let mut d = b"-- MySQL dump 10.13  Distrib 10.11.6-MariaDB\n/*!40101 SET NAMES utf8mb4 */;\nDROP TABLE IF EXISTS `user_`;\nCREATE TABLE `user_` (\n  `userId` bigint(20) NOT NULL,\n  `companyId` bigint(20) DEFAULT NULL,\n  `createDate` datetime(6) DEFAULT NULL,\n  `defaultUser` tinyint(4) DEFAULT NULL,\n  `screenName` varchar(75) DEFAULT NULL,\n  `greeting` varchar(255) DEFAULT NULL,\n  `agreedToTermsOfUse` tinyint(4) DEFAULT NULL,\n  `status` int(11) DEFAULT NULL,\n  PRIMARY KEY (`userId`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\nLOCK TABLES `user_` WRITE;\n".to_vec();
    let mut i = 0;
    while i < rows {
        d.extend_from_slice(b"INSERT INTO `user_` VALUES ");
        for k in 0..1000 {
            if k > 0 {
                d.extend_from_slice(b",\n");
            }
            d.extend_from_slice(
                format!(
                    "({i},20097,'2024-01-0{} 10:00:00.000000',0,'user{i}','Welcome J\\'s caf\\xc3\\xa9 \\\\ user_!',1,0)",
                    i % 9 + 1
                )
                .as_bytes(),
            );
            i += 1;
        }
        d.extend_from_slice(b";\n");
    }
    d.extend_from_slice(b"UNLOCK TABLES;\n-- Dump completed on 2024-01-01 10:00:00\n");
    d
}

/// pg_dump of the same table the way pgloader leaves it: schema lportal, smallint
/// booleans, timestamptz dates.
fn pg_data(rows: usize) -> Vec<u8> {
    let mut d = b"--\n-- PostgreSQL database dump\n--\nSELECT pg_catalog.set_config('search_path', '', false);\nCREATE SCHEMA lportal;\nCREATE TABLE lportal.user_ (\n    userid bigint NOT NULL,\n    companyid bigint,\n    createdate timestamp with time zone,\n    defaultuser smallint,\n    screenname character varying(75),\n    greeting character varying(255),\n    agreedtotermsofuse smallint,\n    status integer\n);\nALTER TABLE lportal.user_ OWNER TO liferay;\nCOPY lportal.user_ (userid, companyid, createdate, defaultuser, screenname, greeting, agreedtotermsofuse, status) FROM stdin;\n".to_vec();
    for i in 0..rows {
        d.extend_from_slice(
            format!(
                "{i}\t20097\t2024-01-0{} 10:00:00.123456+01\t0\tuser{i}\tWelcome J's caf\\303\\251 user_!\t1\t0\n",
                i % 9 + 1
            )
            .as_bytes(),
        );
    }
    d.extend_from_slice(b"\\.\n\n--\n-- PostgreSQL database dump complete\n--\n");
    d
}

fn run(data: &[u8], dialect: Dialect, target: Option<&str>) -> usize {
    let mut lexer = Lexer::new(dialect);
    let mut n = 0usize;
    match target {
        None => {
            split_slice(&mut lexer, data, &SplitOptions::default(), "bench", |p| {
                n += p.bytes.len();
                Ok(())
            })
            .unwrap();
        }
        Some(t) => {
            let mut engine = Engine::new(
                rewrite::FixOptions {
                    target: dumpfix::targets::find(t).unwrap(),
                    mode: Mode::Fix,
                    catalog: Catalog::builtin(),
                    database: None,
                    company: None,
                    producer: "bench".into(),
                    max_packet: rewrite::DEFAULT_MAX_PACKET,
                    strip_restrict: false,
                },
                dialect,
            );
            let mut sink = |b: &[u8]| {
                n += b.len();
                Ok(())
            };
            split_slice(&mut lexer, data, &SplitOptions::default(), "bench", |p| {
                engine.piece(&p, &mut sink)
            })
            .unwrap();
            engine.finish(&mut sink).unwrap();
        }
    }
    n
}

fn bench_rewrite(c: &mut Criterion) {
    let inputs = [
        (
            "mysql",
            Dialect::Mysql,
            "liferay-mysql",
            mysql_data(300_000),
        ),
        (
            "pg",
            Dialect::Postgres,
            "liferay-postgresql",
            pg_data(600_000),
        ),
    ];
    let mut g = c.benchmark_group("rewrite");
    g.sample_size(10);
    for (name, dialect, target, data) in &inputs {
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.bench_with_input(BenchmarkId::new("pass-through", name), data, |b, d| {
            b.iter(|| run(d, *dialect, None))
        });
        g.bench_with_input(BenchmarkId::new(*target, name), data, |b, d| {
            b.iter(|| run(d, *dialect, Some(target)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_rewrite);
criterion_main!(benches);
