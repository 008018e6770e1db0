//! Criterion benchmarks of `dumpfix convert --to postgresql`, in bytes per second of
//! MySQL input: the library path the binary's `convert` command takes (split +
//! `convert::Converter`) on in-memory mysqldump-shaped data, beside the split alone,
//! and `convert::values::to_copy` on typical MySQL literals of each column kind.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dumpfix::convert::values::{to_copy, Stats, ValueKind as Kind};
use dumpfix::convert::Converter;
use dumpfix::lex::driver::{split_slice, SplitOptions};
use dumpfix::lex::{Dialect, Lexer};

/// Deterministic pseudo-random bytes (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// `bytes` as mysqldump writes them inside a quoted literal.
fn mysql_escape(out: &mut Vec<u8>, bytes: &[u8]) {
    for &b in bytes {
        match b {
            0 => out.extend_from_slice(b"\\0"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x1a => out.extend_from_slice(b"\\Z"),
            _ => out.push(b),
        }
    }
}

const HEADER: &str = "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: localhost    Database: bench\n-- ------------------------------------------------------\n-- Server version\t10.11.19-MariaDB-0+deb12u1\n\n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n\n";

const JOURNAL: &str = "DROP TABLE IF EXISTS `JournalArticle`;\n/*!40101 SET @saved_cs_client     = @@character_set_client */;\n/*!40101 SET character_set_client = utf8mb4 */;\nCREATE TABLE `JournalArticle` (\n  `mvccVersion` bigint(20) NOT NULL DEFAULT 0,\n  `id_` bigint(20) NOT NULL,\n  `resourcePrimKey` bigint(20) DEFAULT NULL,\n  `groupId` bigint(20) DEFAULT NULL,\n  `userName` varchar(75) DEFAULT NULL,\n  `createDate` datetime(6) DEFAULT NULL,\n  `version` double DEFAULT NULL,\n  `urlTitle` varchar(255) DEFAULT NULL,\n  `title` text DEFAULT NULL,\n  `content` longtext DEFAULT NULL,\n  `displayDate` datetime(6) DEFAULT NULL,\n  `expirationDate` date DEFAULT NULL,\n  `indexable` tinyint(1) DEFAULT NULL,\n  `price` decimal(30,16) DEFAULT NULL,\n  `status` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id_`),\n  KEY `IX_85C52EEC` (`groupId`,`urlTitle`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n/*!40101 SET character_set_client = @saved_cs_client */;\n\n--\n-- Dumping data for table `JournalArticle`\n--\n\nLOCK TABLES `JournalArticle` WRITE;\n/*!40000 ALTER TABLE `JournalArticle` DISABLE KEYS */;\n";

const DLCONTENT: &str = "DROP TABLE IF EXISTS `DLContent`;\nCREATE TABLE `DLContent` (\n  `contentId` bigint(20) NOT NULL AUTO_INCREMENT,\n  `groupId` bigint(20) DEFAULT NULL,\n  `path_` varchar(255) DEFAULT NULL,\n  `version` varchar(75) DEFAULT NULL,\n  `data_` longblob DEFAULT NULL,\n  `size_` bigint(20) DEFAULT NULL,\n  PRIMARY KEY (`contentId`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n\nLOCK TABLES `DLContent` WRITE;\n/*!40000 ALTER TABLE `DLContent` DISABLE KEYS */;\n";

const NAMES: [&str; 6] = [
    "Test Test",
    "José Álvarez",
    "山田 太郎",
    "O\\'Brien, Seán",
    "Zoë \\\"Zed\\\" Müller",
    "Иван Петров 🚀",
];

/// One `JournalArticle` row, as MariaDB's mysqldump writes it.
fn journal_row(d: &mut Vec<u8>, s: u64) {
    let title = match s % 4 {
        0 => "Hello, world",
        1 => "It\\'s a \\\"quoted\\\" title",
        2 => "Café crème brûlée\\nline two",
        _ => "Back\\\\slash C:\\\\Program Files\\\\Liferay\\ttab",
    };
    let content = format!(
        "<?xml version=\\\"1.0\\\"?>\\n<root available-locales=\\\"en_US\\\">\\n\\t<dynamic-content><![CDATA[<p>Article {s} — it\\'s a \\\"test\\\" &amp; <b>bold</b></p>\\n<p>Café, naïve, 日本語, 🚀 {s:x}</p>]]></dynamic-content>\\n</root>"
    );
    let expiration = if s.is_multiple_of(9) {
        "NULL".to_string()
    } else if s.is_multiple_of(97) {
        "'0000-00-00'".to_string()
    } else {
        format!("'20{:02}-{:02}-{:02}'", 30 + s % 10, 1 + s % 12, 1 + s % 28)
    };
    d.extend_from_slice(
        format!(
            "(0,{},{},{},'{}','2015-{:02}-{:02} {:02}:{:02}:{:02}.{:06}',{},'article-{s}-caf%C3%A9','{title} #{s}','{content}','2016-06-01 12:00:{:02}.000000',{expiration},{},{},{})",
            20000 + s,
            9_007_199_254_740_993 + s,
            20121 + s % 17,
            NAMES[(s % 6) as usize],
            1 + s % 12,
            1 + s % 28,
            s % 24,
            s % 60,
            (s * 7) % 60,
            (s * 37_000_123) % 1_000_000,
            1.0 + (s % 10) as f64 / 10.0,
            s % 60,
            u8::from(!s.is_multiple_of(4)),
            if s.is_multiple_of(13) {
                "NULL".to_string()
            } else {
                format!("{}.{:016}", s * 12, (s * 1_234_567_890_123) % 10_000_000_000_000_000)
            },
            if s.is_multiple_of(20) { 2 } else { 0 },
        )
        .as_bytes(),
    );
}

/// One `DLContent` row with a 1–4 KB blob, half random bytes and half text.
fn dl_row(d: &mut Vec<u8>, s: u64, rng: &mut Rng) {
    let n = 1024 + (rng.next() % 3072) as usize;
    let blob: Vec<u8> = if s.is_multiple_of(2) {
        (0..n).map(|_| rng.next() as u8).collect()
    } else {
        b"Lorem ipsum \"dolor\" sit amet, it's caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\r\n\tC:\\docs\\x.txt\n"
            .iter()
            .copied()
            .cycle()
            .take(n)
            .collect()
    };
    d.extend_from_slice(
        format!(
            "({},{},'{s}/report.pdf','1.{}','",
            50000 + s,
            20121 + s % 17,
            s % 3
        )
        .as_bytes(),
    );
    mysql_escape(d, &blob);
    d.extend_from_slice(format!("',{n})").as_bytes());
}

const ATTACHMENT: &str = "DROP TABLE IF EXISTS `Attachment`;\nCREATE TABLE `Attachment` (\n  `attachmentId` bigint(20) NOT NULL,\n  `companyId` bigint(20) DEFAULT NULL,\n  `createDate` datetime(6) DEFAULT NULL,\n  `data_` blob DEFAULT NULL,\n  `fileName` varchar(255) DEFAULT NULL,\n  `note` text DEFAULT NULL,\n  PRIMARY KEY (`attachmentId`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n\nLOCK TABLES `Attachment` WRITE;\n";

/// One escape-dense `Attachment` row, as `benches/make-dumps.sh` makes them for
/// `escape.sql`: a BLOB of 16 random bytes and text with quotes, backslashes, line
/// ends and multi-byte UTF-8.
fn attachment_row(d: &mut Vec<u8>, s: u64, rng: &mut Rng) {
    d.extend_from_slice(
        format!(
            "({s},20097,'2015-01-01 00:{:02}:{:02}.{:06}','",
            s % 60,
            (s * 7) % 60,
            (s * 123) % 1_000_000
        )
        .as_bytes(),
    );
    let blob: Vec<u8> = (0..16).map(|_| rng.next() as u8).collect();
    mysql_escape(d, &blob);
    d.extend_from_slice(
        format!(
            "','C:\\\\tmp\\\\{s}.pdf','It\\'s a \\\"note\\\" with C:\\\\path\\\\{s}\\nna\u{ef}ve \u{65e5}\u{672c} \u{1f680} {:016x}\\r\\n\tend\\\\')",
            rng.next()
        )
        .as_bytes(),
    );
}

/// A mysqldump of `bytes` bytes of escape-dense `Attachment` rows.
pub fn escape_dump(bytes: usize) -> Vec<u8> {
    let mut d = HEADER.as_bytes().to_vec();
    d.extend_from_slice(ATTACHMENT.as_bytes());
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    inserts(&mut d, "Attachment", bytes, |d, s| {
        attachment_row(d, s, &mut rng)
    });
    d
}

/// Extended INSERTs of about 1 MiB each, one row per line, as MariaDB 10.11 writes.
fn inserts(d: &mut Vec<u8>, table: &str, bytes: usize, mut row: impl FnMut(&mut Vec<u8>, u64)) {
    let end = d.len() + bytes;
    let mut s = 1u64;
    while d.len() < end {
        d.extend_from_slice(format!("INSERT INTO `{table}` VALUES\n").as_bytes());
        let stmt = d.len();
        loop {
            row(d, s);
            s += 1;
            if d.len() - stmt > 1 << 20 || d.len() >= end {
                break;
            }
            d.extend_from_slice(b",\n");
        }
        d.extend_from_slice(b";\n");
    }
    d.extend_from_slice(
        format!("/*!40000 ALTER TABLE `{table}` ENABLE KEYS */;\nUNLOCK TABLES;\n\n").as_bytes(),
    );
}

/// A mysqldump of `text` bytes of JournalArticle rows and `blob` bytes of DLContent rows.
fn mysqldump(text: usize, blob: usize) -> Vec<u8> {
    let mut d = HEADER.as_bytes().to_vec();
    if text > 0 {
        d.extend_from_slice(JOURNAL.as_bytes());
        inserts(&mut d, "JournalArticle", text, journal_row);
    }
    if blob > 0 {
        d.extend_from_slice(DLCONTENT.as_bytes());
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        inserts(&mut d, "DLContent", blob, |d, s| dl_row(d, s, &mut rng));
    }
    d.extend_from_slice(
        b"/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n\n-- Dump completed on 2024-01-01 10:00:00\n",
    );
    d
}

fn split_only(data: &[u8]) -> usize {
    let mut n = 0;
    split_slice(
        &mut Lexer::new(Dialect::Mysql),
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

/// What `dumpfix convert --to postgresql` does between reading and writing.
fn convert(data: &[u8]) -> usize {
    let mut n = 0usize;
    let mut conv = Converter::new();
    let mut sink = |b: &[u8]| {
        n += b.len();
        Ok(())
    };
    split_slice(
        &mut Lexer::new(Dialect::Mysql),
        data,
        &SplitOptions::default(),
        "bench",
        |p| conv.piece(&p, &mut sink),
    )
    .unwrap();
    conv.finish(&mut sink).unwrap();
    n
}

fn bench_convert(c: &mut Criterion) {
    let inputs = [
        ("journal-text", mysqldump(4 << 20, 0)),
        ("dlcontent-blobs", mysqldump(0, 4 << 20)),
        ("mixed-60-40", mysqldump(3 << 20, 2 << 20)),
        ("escape-dense", escape_dump(4 << 20)),
    ];
    for (name, data) in &inputs {
        // The input must convert cleanly (zero dates and the tinyint(1) → boolean
        // announcement are the only expected notes).
        let mut conv = Converter::new();
        let mut out = Vec::new();
        let mut sink = |b: &[u8]| {
            out.extend_from_slice(b);
            Ok(())
        };
        split_slice(
            &mut Lexer::new(Dialect::Mysql),
            data,
            &SplitOptions::default(),
            "bench",
            |p| conv.piece(&p, &mut sink),
        )
        .unwrap();
        conv.finish(&mut sink).unwrap();
        for n in conv.findings() {
            assert!(
                n.message.contains("zero date") || n.message.contains("become boolean"),
                "{name}: unexpected note at line {}: {}",
                n.line,
                n.message
            );
        }
        assert!(
            out.windows(5).any(|w| w == b"COPY "),
            "{name}: no COPY in the output"
        );
    }
    let mut g = c.benchmark_group("convert");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (name, data) in &inputs {
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.bench_with_input(BenchmarkId::new("split-only", name), data, |b, d| {
            b.iter(|| split_only(d))
        });
        g.bench_with_input(BenchmarkId::new("split+convert", name), data, |b, d| {
            b.iter(|| convert(d))
        });
    }
    g.finish();
}

/// Typical literals of each kind, as mysqldump writes them.
fn literals(kind: Kind, n: u64) -> Vec<Vec<u8>> {
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    (0..n)
        .map(|s| match kind {
            Kind::Int => {
                if s.is_multiple_of(10) {
                    b"NULL".to_vec()
                } else {
                    format!("{}", 9_007_199_254_740_993 + s * 7919).into_bytes()
                }
            }
            Kind::Numeric => format!(
                "{}{}.{:016}",
                if s.is_multiple_of(11) { "-" } else { "" },
                s * 12,
                (s * 1_234_567_890_123) % 10_000_000_000_000_000
            )
            .into_bytes(),
            Kind::Float => format!("{}", s as f64 / 3.0).into_bytes(),
            Kind::Bool => if s.is_multiple_of(3) { b"0" } else { b"1" }.to_vec(),
            Kind::DateTime => format!(
                "'20{:02}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}'",
                10 + s % 20,
                1 + s % 12,
                1 + s % 28,
                s % 24,
                s % 60,
                (s * 7) % 60,
                (s * 37_000_123) % 1_000_000
            )
            .into_bytes(),
            Kind::Date => {
                format!("'20{:02}-{:02}-{:02}'", 10 + s % 20, 1 + s % 12, 1 + s % 28).into_bytes()
            }
            Kind::Text => {
                let mut v = b"'".to_vec();
                let body = match s % 4 {
                    0 => "Hello, world — plain ASCII text of a title".to_string(),
                    1 => format!("It\\'s a \\\"quoted\\\" caf\u{e9} line\\nwith\ttab #{s}"),
                    2 => format!("<p>Article {s}: 日本語, naïve, 🚀 C:\\\\Users\\\\liferay</p>"),
                    _ => "x".repeat(200),
                };
                v.extend_from_slice(body.as_bytes());
                v.push(b'\'');
                v
            }
            Kind::Bytes => {
                let n = 64 + (rng.next() % 512) as usize;
                let raw: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                if s.is_multiple_of(2) {
                    let mut v = b"'".to_vec();
                    mysql_escape(&mut v, &raw);
                    v.push(b'\'');
                    v
                } else {
                    let mut v = b"0x".to_vec();
                    for b in raw {
                        v.extend_from_slice(format!("{b:02X}").as_bytes());
                    }
                    v
                }
            }
            Kind::Json => format!(
                "'{{\\\"id\\\": {s}, \\\"name\\\": \\\"caf\u{e9}\\\", \\\"tags\\\": [1, 2, 3]}}'"
            )
            .into_bytes(),
            _ => b"NULL".to_vec(),
        })
        .collect()
}

fn bench_values(c: &mut Criterion) {
    let kinds = [
        ("int", Kind::Int),
        ("numeric", Kind::Numeric),
        ("float", Kind::Float),
        ("bool", Kind::Bool),
        ("datetime", Kind::DateTime),
        ("date", Kind::Date),
        ("text", Kind::Text),
        ("bytes", Kind::Bytes),
        ("json", Kind::Json),
    ];
    let mut g = c.benchmark_group("to_copy");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let sets = kinds
        .iter()
        .map(|&(name, kind)| (name, kind, literals(kind, 20_000)))
        .chain([
            // what escape.sql's rows hold: 16 random bytes, escaped text
            (
                "bytes16-escaped",
                Kind::Bytes,
                (0..20_000)
                    .map(|_| {
                        let raw: Vec<u8> = (0..16).map(|_| rng.next() as u8).collect();
                        let mut v = b"'".to_vec();
                        mysql_escape(&mut v, &raw);
                        v.push(b'\'');
                        v
                    })
                    .collect(),
            ),
            (
                "text-escaped",
                Kind::Text,
                (0..20_000u64)
                    .map(|s| {
                        format!("'It\\'s a \\\"note\\\" with C:\\\\path\\\\{s}\\nna\u{ef}ve \u{65e5}\u{672c} \u{1f680}\\r\\n\tend\\\\'")
                            .into_bytes()
                    })
                    .collect(),
            ),
        ])
        .collect::<Vec<_>>();
    for (name, kind, lits) in sets {
        let bytes: usize = lits.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(bytes * 2);
        let mut stats = Stats::default();
        for l in &lits {
            to_copy(l, kind, &mut out, &mut stats)
                .unwrap_or_else(|e| panic!("{name}: {} → {e}", String::from_utf8_lossy(l)));
        }
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::new("literal", name), &lits, |b, lits| {
            b.iter(|| {
                out.clear();
                for l in lits {
                    let _ = to_copy(l, kind, &mut out, &mut stats);
                    out.push(b'\t');
                }
                out.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_convert, bench_values);
criterion_main!(benches);
