//! Criterion benchmarks of `dumpfix check`, in bytes per second of dump: the library
//! path the binary's `check` command takes (`dumpfix::job::run`, `fix`'s pipeline with
//! a no-op sink, then the JSON report) on in-memory Liferay-shaped dumps — a pg_dump
//! against `liferay-postgresql`, a mysqldump against `liferay-mysql`, and the same
//! mysqldump against `liferay-postgresql` (converted on the way, as `fix` does) —
//! beside the split alone.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dumpfix::catalog::Catalog;
use dumpfix::lex::driver::{split_slice, SplitOptions};
use dumpfix::lex::{Dialect, Lexer};
use dumpfix::report;
use dumpfix::rewrite;
use dumpfix::rules::context::Mode;

const MYSQL_HEAD: &str = "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: localhost    Database: lportal\n-- ------------------------------------------------------\n-- Server version\t10.11.19-MariaDB-0+deb12u1\n\n/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n\nDROP TABLE IF EXISTS `user_`;\nCREATE TABLE `user_` (\n  `mvccVersion` bigint(20) NOT NULL DEFAULT 0,\n  `userId` bigint(20) NOT NULL,\n  `companyId` bigint(20) DEFAULT NULL,\n  `createDate` datetime(6) DEFAULT NULL,\n  `defaultUser` tinyint(4) DEFAULT NULL,\n  `screenName` varchar(75) DEFAULT NULL,\n  `emailAddress` varchar(254) DEFAULT NULL,\n  `greeting` varchar(255) DEFAULT NULL,\n  `comments` longtext DEFAULT NULL,\n  `loginDate` datetime(6) DEFAULT NULL,\n  `agreedToTermsOfUse` tinyint(4) DEFAULT NULL,\n  `status` int(11) DEFAULT NULL,\n  PRIMARY KEY (`userId`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n\nLOCK TABLES `user_` WRITE;\n/*!40000 ALTER TABLE `user_` DISABLE KEYS */;\n";

const MYSQL_TAIL: &str = "/*!40000 ALTER TABLE `user_` ENABLE KEYS */;\nUNLOCK TABLES;\n\n/*!50001 DROP VIEW IF EXISTS `user_summary`*/;\n/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n/*!50001 VIEW `user_summary` AS select `user_`.`companyId` AS `companyId`,group_concat(`user_`.`screenName` separator ',') AS `names`,ifnull(max(`user_`.`loginDate`),'1970-01-01') AS `last` from `user_` group by `user_`.`companyId` */;\n\nDELIMITER ;;\nCREATE DEFINER=`root`@`localhost` PROCEDURE `touch_user`(IN uid BIGINT)\nBEGIN\n  UPDATE user_ SET loginDate = NOW() WHERE userId = uid LIMIT 1;\nEND ;;\nDELIMITER ;\n/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n\n-- Dump completed on 2024-01-01 10:00:00\n";

/// mysqldump of a lower-case Liferay `user_` table, one row per line as MariaDB
/// writes it, with a view and a procedure, about `bytes` long.
fn mysql_data(bytes: usize) -> Vec<u8> {
    let mut d = MYSQL_HEAD.as_bytes().to_vec();
    let end = d.len() + bytes;
    let mut i = 1u64;
    while d.len() < end {
        d.extend_from_slice(b"INSERT INTO `user_` VALUES\n");
        let stmt = d.len();
        loop {
            let login = if i.is_multiple_of(7) {
                "NULL".to_string()
            } else if i.is_multiple_of(501) {
                "'0000-00-00 00:00:00.000000'".to_string()
            } else {
                format!(
                    "'2023-{:02}-{:02} 08:{:02}:00.000000'",
                    1 + i % 12,
                    1 + i % 28,
                    i % 60
                )
            };
            let comments = if i.is_multiple_of(3) {
                "NULL".to_string()
            } else {
                format!("'line 1\\ntab\there; path C:\\\\temp\\\\x{i}\\r\\nend'")
            };
            d.extend_from_slice(
                format!(
                    "(0,{},20097,'2012-03-{:02} 05:06:07.{:06}',{},'user{i}','user{i}@liferay.com','Welcome {}!',{comments},{login},1,0)",
                    30000 + i,
                    1 + i % 28,
                    (i * 123_457) % 1_000_000,
                    u8::from(i == 1),
                    ["José Álvarez", "山田 太郎", "O\\'Brien", "Zoë \\\"Z\\\" Müller", "Test 🚀"][(i % 5) as usize],
                )
                .as_bytes(),
            );
            i += 1;
            if d.len() - stmt > 1 << 20 || d.len() >= end {
                break;
            }
            d.extend_from_slice(b",\n");
        }
        d.extend_from_slice(b";\n");
    }
    d.extend_from_slice(MYSQL_TAIL.as_bytes());
    d
}

const PG_HEAD: &str = "--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.14 (Debian 15.14-0+deb12u1)\n-- Dumped by pg_dump version 15.14 (Debian 15.14-0+deb12u1)\n\nSET statement_timeout = 0;\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nSELECT pg_catalog.set_config('search_path', '', false);\n\nCREATE DATABASE lportal WITH TEMPLATE = template0 ENCODING = 'UTF8';\nALTER DATABASE lportal OWNER TO liferay;\n\\connect lportal\n\nCREATE SCHEMA lportal;\nALTER SCHEMA lportal OWNER TO liferay;\n\nCREATE TABLE lportal.user_ (\n    mvccversion bigint DEFAULT 0 NOT NULL,\n    userid bigint NOT NULL,\n    companyid bigint,\n    createdate timestamp with time zone,\n    defaultuser smallint,\n    screenname character varying(75),\n    emailaddress character varying(254),\n    greeting character varying(255),\n    comments character varying,\n    logindate timestamp with time zone,\n    agreedtotermsofuse smallint,\n    status integer\n);\n\nALTER TABLE lportal.user_ OWNER TO liferay;\n\nCREATE TABLE lportal.dlcontent (\n    contentid bigint NOT NULL,\n    companyid bigint,\n    path_ character varying(255),\n    data_ bytea,\n    size_ bigint\n);\n\nALTER TABLE lportal.dlcontent OWNER TO liferay;\n\nCREATE VIEW lportal.user_summary AS\n SELECT user_.companyid,\n    count(*) AS n\n   FROM lportal.user_\n  GROUP BY user_.companyid;\n\nCOPY lportal.user_ (mvccversion, userid, companyid, createdate, defaultuser, screenname, emailaddress, greeting, comments, logindate, agreedtotermsofuse, status) FROM stdin;\n";

/// pg_dump of the same table the way pgloader leaves a Liferay database: schema
/// lportal, smallint booleans, timestamptz dates, a bytea blob table, owners and
/// grants; about `bytes` long.
fn pg_data(bytes: usize) -> Vec<u8> {
    let mut d = PG_HEAD.as_bytes().to_vec();
    let users = d.len() + bytes * 4 / 5;
    let mut i = 1u64;
    while d.len() < users {
        let login = if i.is_multiple_of(7) {
            "\\N".to_string()
        } else {
            format!(
                "2023-{:02}-{:02} 08:{:02}:00+01",
                1 + i % 12,
                1 + i % 28,
                i % 60
            )
        };
        let comments = if i.is_multiple_of(3) {
            "\\N".to_string()
        } else {
            format!("line 1\\ntab\\there; path C:\\\\temp\\\\x{i}\\r\\nend")
        };
        d.extend_from_slice(
            format!(
                "0\t{}\t20097\t2012-03-{:02} 05:06:07.{:06}+01\t{}\tuser{i}\tuser{i}@liferay.com\tWelcome {}!\t{comments}\t{login}\t1\t0\n",
                30000 + i,
                1 + i % 28,
                (i * 123_457) % 1_000_000,
                u8::from(i == 1),
                ["José Álvarez", "山田 太郎", "O'Brien", "Zoë \"Z\" Müller", "Test 🚀"][(i % 5) as usize],
            )
            .as_bytes(),
        );
        i += 1;
    }
    d.extend_from_slice(b"\\.\n\n\nCOPY lportal.dlcontent (contentid, companyid, path_, data_, size_) FROM stdin;\n");
    let end = d.len() + bytes / 5;
    let mut k = 1u64;
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    while d.len() < end {
        d.extend_from_slice(format!("{}\t20097\t{k}/report.pdf\t\\\\x", 50000 + k).as_bytes());
        let n = 512 + (k % 1536) as usize;
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            d.extend_from_slice(format!("{:02x}", x as u8).as_bytes());
        }
        d.extend_from_slice(format!("\t{n}\n").as_bytes());
        k += 1;
    }
    d.extend_from_slice(b"\\.\n\n\nALTER TABLE ONLY lportal.user_\n    ADD CONSTRAINT user__pkey PRIMARY KEY (userid);\n\nCREATE INDEX ix_615e9f7a ON lportal.user_ USING btree (companyid, emailaddress);\n\nGRANT ALL ON SCHEMA lportal TO liferay;\nGRANT SELECT ON TABLE lportal.user_ TO reporting;\n\n--\n-- PostgreSQL database dump complete\n--\n\n");
    d
}

fn split_only(data: &[u8], dialect: Dialect) -> usize {
    let mut n = 0;
    split_slice(
        &mut Lexer::new(dialect),
        data,
        &SplitOptions::default(),
        "bench",
        |p| {
            n += p.bytes.len();
            Ok(())
        },
    )
    .unwrap();
    n
}

/// What `dumpfix check --target TARGET --format json` does with the dump: returns the
/// number of findings and the report's length.
fn check(data: &[u8], target: &str) -> (usize, usize) {
    // (a copy of the dump per run: the reader must own what it reads)
    let input = dumpfix::io::Input::from_reader(
        "bench".into(),
        Box::new(std::io::Cursor::new(data.to_vec())),
    );
    let dump = dumpfix::pipeline::from_input(input, None).expect("detect");
    let target = dumpfix::targets::find(target).expect("target");
    let target_name = target.name.clone();
    let opts = rewrite::FixOptions {
        target,
        mode: Mode::Fix,
        catalog: Catalog::builtin(),
        database: None,
        company: None,
        producer: dump.detection.producer.clone(),
        max_packet: rewrite::DEFAULT_MAX_PACKET,
        strip_restrict: false,
    };
    let mut sink = |_: &[u8]| Ok(());
    let outcome =
        dumpfix::job::run(dump, Some(opts), 0, &SplitOptions::default(), &mut sink).unwrap();
    let mut findings = outcome.findings;
    findings.sort_by_key(|f| f.line);
    let mut out = Vec::new();
    report::write(
        report::Format::Json,
        &findings,
        &report::Context {
            file: "bench.sql",
            target: &target_name,
            color: false,
        },
        &mut out,
    )
    .unwrap();
    (findings.len(), out.len())
}

fn bench_check(c: &mut Criterion) {
    let pg = pg_data(6 << 20);
    let my = mysql_data(6 << 20);
    let cases: [(&str, Dialect, &str, &[u8]); 3] = [
        ("pg_dump", Dialect::Postgres, "liferay-postgresql", &pg),
        ("mysqldump", Dialect::Mysql, "liferay-mysql", &my),
        ("mysqldump", Dialect::Mysql, "liferay-postgresql", &my),
    ];
    for (name, _, target, data) in &cases {
        let (n, _) = check(data, target);
        assert!(n > 0, "{name} against {target}: no findings");
    }
    let mut g = c.benchmark_group("check");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let mut split_done = Vec::new();
    for (name, dialect, target, data) in cases {
        g.throughput(Throughput::Bytes(data.len() as u64));
        if !split_done.contains(&name) {
            split_done.push(name);
            g.bench_with_input(BenchmarkId::new("split-only", name), data, |b, d| {
                b.iter(|| split_only(d, dialect))
            });
        }
        g.bench_with_input(
            BenchmarkId::new(format!("check-{target}"), name),
            data,
            |b, d| b.iter(|| check(d, target)),
        );
    }
    g.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
