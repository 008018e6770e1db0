//! Which dialect and which program wrote a dump, from its header and first
//! statements; and whether it is SQL at all.

use crate::lex::Dialect;

/// How much of the start of a dump detection looks at.
pub const PREFIX: usize = 1 << 20;

/// What the start of a dump says about it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Detection {
    /// The dialect to split with.
    pub dialect: Dialect,
    /// `mysqldump`, `mariadb-dump`, `mysqldump-php`, `pg_dump`, `phpmyadmin`, or
    /// `unknown` (a script, or a dump whose header was stripped).
    pub producer: String,
    /// The producer's version, when the header gives it.
    pub version: Option<String>,
}

/// Why the input is not a SQL dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotSql {
    /// What was found.
    pub reason: String,
    /// Where.
    pub offset: u64,
}

/// Detect the dialect from `prefix` (the first [`PREFIX`] bytes or all of a shorter
/// input). `forced` overrides the dialect but the producer is still read.
pub fn detect(prefix: &[u8], forced: Option<Dialect>) -> Result<Detection, NotSql> {
    check_sql(prefix)?;
    let (dialect, producer, version) = from_header(prefix).unwrap_or_else(|| {
        let d = if score(prefix) > 0 {
            Dialect::Postgres
        } else {
            Dialect::Mysql
        };
        (d, "unknown", None)
    });
    Ok(Detection {
        dialect: forced.unwrap_or(dialect),
        producer: producer.to_string(),
        version,
    })
}

fn line_value<'a>(prefix: &'a [u8], marker: &[u8]) -> Option<&'a [u8]> {
    let at = memchr::memmem::find(prefix, marker)?;
    let rest = &prefix[at + marker.len()..];
    let end = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The word after `Distrib ` (mysqldump's header), without a trailing comma.
fn distrib(line: &[u8]) -> Option<String> {
    let at = memchr::memmem::find(line, b"Distrib ")?;
    let rest = &line[at + 8..];
    let end = rest
        .iter()
        .position(|&b| b == b',' || b == b' ')
        .unwrap_or(rest.len());
    Some(String::from_utf8_lossy(&rest[..end]).into_owned())
}

fn first_word(s: &[u8]) -> Option<String> {
    let s = trim(s);
    let end = s.iter().position(|&b| b == b' ').unwrap_or(s.len());
    (end > 0).then(|| String::from_utf8_lossy(&s[..end]).into_owned())
}

fn trim(s: &[u8]) -> &[u8] {
    let a = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let b = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(a, |k| k + 1);
    &s[a..b.max(a)]
}

/// The first line of `convert`'s output: detection reads what follows it as
/// PostgreSQL, whatever the MySQL header kept after it says.
pub const HEADER_MARK: &[u8] = b"-- Converted from MySQL by dumpfix convert --to postgresql";

fn from_header(prefix: &[u8]) -> Option<(Dialect, &'static str, Option<String>)> {
    let head = &prefix[..prefix.len().min(64 * 1024)];
    // `dumpfix convert` output keeps the MySQL dump's header comment after its own
    if head.starts_with(HEADER_MARK) {
        return Some((Dialect::Postgres, "dumpfix-convert", None));
    }
    if let Some(l) = line_value(head, b"-- MySQL dump ") {
        return Some((Dialect::Mysql, "mysqldump", distrib(l)));
    }
    if let Some(l) = line_value(head, b"-- MariaDB dump ") {
        return Some((Dialect::Mysql, "mariadb-dump", distrib(l)));
    }
    if line_value(head, b"-- mysqldump-php").is_some() {
        return Some((Dialect::Mysql, "mysqldump-php", None));
    }
    if line_value(head, b"-- phpMyAdmin SQL Dump").is_some() {
        let v = line_value(head, b"-- version ").and_then(first_word);
        return Some((Dialect::Mysql, "phpmyadmin", v));
    }
    if let Some(l) = line_value(head, b"-- Dumped by pg_dump version ") {
        return Some((Dialect::Postgres, "pg_dump", first_word(l)));
    }
    if line_value(head, b"-- PostgreSQL database dump").is_some() {
        return Some((Dialect::Postgres, "pg_dump", None));
    }
    None
}

/// Positive: looks like PostgreSQL; zero or negative: MySQL.
fn score(p: &[u8]) -> i64 {
    let count = |needle: &[u8]| memchr::memmem::find_iter(p, needle).count().min(50) as i64;
    let mysql = count(b"`")
        + 5 * count(b"/*!")
        + 5 * count(b"ENGINE=")
        + 3 * count(b"AUTO_INCREMENT")
        + 5 * count(b"LOCK TABLES")
        + 3 * count(b"SET NAMES")
        + 5 * count(b"\nDELIMITER ")
        + 5 * count(b"\nUSE ")
        + 2 * count(b"\\'");
    let pg = 5 * count(b"\n\\connect ")
        + 5 * count(b"\n\\c ")
        + 5 * count(b"FROM stdin;")
        + 3 * count(b"pg_catalog.")
        + 2 * count(b"::")
        + 3 * count(b"SET search_path")
        + 5 * count(b"standard_conforming_strings")
        + 3 * count(b"OWNER TO")
        + 2 * count(b"character varying")
        + count(b"public.")
        + 2 * count(b"SERIAL")
        + 2 * count(b"$$");
    pg - mysql
}

const KEYWORDS: &[&str] = &[
    "abort",
    "alter",
    "analyze",
    "begin",
    "call",
    "checkpoint",
    "close",
    "cluster",
    "comment",
    "commit",
    "copy",
    "create",
    "deallocate",
    "declare",
    "delete",
    "delimiter",
    "discard",
    "do",
    "drop",
    "end",
    "execute",
    "explain",
    "flush",
    "grant",
    "handler",
    "import",
    "insert",
    "install",
    "load",
    "lock",
    "merge",
    "notify",
    "optimize",
    "prepare",
    "reassign",
    "refresh",
    "reindex",
    "release",
    "rename",
    "repair",
    "replace",
    "reset",
    "revoke",
    "rollback",
    "savepoint",
    "security",
    "select",
    "set",
    "show",
    "start",
    "table",
    "truncate",
    "unlock",
    "update",
    "use",
    "vacuum",
    "values",
    "with",
];

/// The input must start (after whitespace and comments) with a SQL statement, an
/// executable comment or a client command.
fn check_sql(p: &[u8]) -> Result<(), NotSql> {
    check_sql_with(p, false).or_else(|e| {
        // PostgreSQL block comments nest: `/* a /* b */ c */` is one comment.
        if memchr::memmem::find(p, b"/*").is_some() {
            check_sql_with(p, true).map_err(|_| e)
        } else {
            Err(e)
        }
    })
}

/// Where the block comment that `s` starts with ends (just past its `*/`), counting
/// nested `/* … */` pairs.
fn nested_comment_end(s: &[u8]) -> Option<usize> {
    let (mut depth, mut k) = (0usize, 0usize);
    while k + 1 < s.len() {
        match &s[k..k + 2] {
            b"/*" => {
                depth += 1;
                k += 2;
            }
            b"*/" => {
                depth -= 1;
                k += 2;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => k += 1,
        }
    }
    None
}

fn check_sql_with(p: &[u8], nested: bool) -> Result<(), NotSql> {
    let mut i = 0;
    // A UTF-8 byte order mark.
    if p.starts_with(b"\xef\xbb\xbf") {
        i = 3;
    }
    let mut saw_comment = false;
    loop {
        while i < p.len() && p[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= p.len() {
            return if saw_comment || p.len() >= PREFIX {
                Ok(())
            } else {
                Err(NotSql {
                    reason: "no SQL statement found".into(),
                    offset: i as u64,
                })
            };
        }
        let rest = &p[i..];
        if rest.starts_with(b"--") || rest.starts_with(b"#") {
            saw_comment = true;
            match memchr::memchr(b'\n', rest) {
                Some(j) => i += j + 1,
                None => i = p.len(),
            }
            continue;
        }
        if rest.starts_with(b"/*!") || rest.starts_with(b"/*M!") || rest.starts_with(b"\\") {
            return Ok(());
        }
        if rest.starts_with(b"/*") {
            saw_comment = true;
            let end = if nested {
                nested_comment_end(rest)
            } else {
                memchr::memmem::find(&rest[2..], b"*/").map(|j| j + 4)
            };
            match end {
                Some(j) => i += j,
                None => return Ok(()),
            }
            continue;
        }
        if rest.starts_with(b";") || rest.starts_with(b"(") {
            return Ok(());
        }
        let end = rest
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let word = String::from_utf8_lossy(&rest[..end]).to_ascii_lowercase();
        if KEYWORDS.contains(&word.as_str()) {
            return Ok(());
        }
        let shown: String = rest
            .iter()
            .take(16)
            .map(|&b| {
                if b.is_ascii_graphic() || b == b' ' {
                    (b as char).to_string()
                } else {
                    format!("\\x{b:02x}")
                }
            })
            .collect();
        return Err(NotSql {
            reason: format!("expected a SQL statement, found \"{shown}\""),
            offset: i as u64,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convert_output_is_postgresql_despite_the_mysql_header_it_keeps() {
        let mut out = HEADER_MARK.to_vec();
        out.extend_from_slice(
            b"\nSET client_encoding = 'UTF8';\n\n-- MySQL dump 10.19  Distrib 10.11.6-MariaDB\n\nCREATE TABLE t (id integer);\n",
        );
        let d = detect(&out, None).unwrap();
        assert_eq!(
            (d.dialect, d.producer.as_str()),
            (Dialect::Postgres, "dumpfix-convert")
        );
    }

    #[test]
    fn headers() {
        let d = detect(
            b"-- MySQL dump 10.13  Distrib 8.0.19, for osx10.14 (x86_64)\n",
            None,
        )
        .unwrap();
        assert_eq!(
            (d.dialect, d.producer.as_str(), d.version.as_deref()),
            (Dialect::Mysql, "mysqldump", Some("8.0.19"))
        );
        let d = detect(
            b"-- MariaDB dump 10.19  Distrib 10.5.12-MariaDB, for debian\n",
            None,
        )
        .unwrap();
        assert_eq!(
            (d.producer.as_str(), d.version.as_deref()),
            ("mariadb-dump", Some("10.5.12-MariaDB"))
        );
        let d = detect(b"--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 12.11\n-- Dumped by pg_dump version 15beta2\n", None).unwrap();
        assert_eq!(
            (d.dialect, d.producer.as_str(), d.version.as_deref()),
            (Dialect::Postgres, "pg_dump", Some("15beta2"))
        );
    }

    #[test]
    fn headerless() {
        assert_eq!(
            detect(
                b"SET client_encoding = 'UTF8';\nSET standard_conforming_strings = off;\n",
                None
            )
            .unwrap()
            .dialect,
            Dialect::Postgres
        );
        assert_eq!(
            detect(
                b"DROP TABLE IF EXISTS `a`;\nCREATE TABLE `a` (x int) ENGINE=InnoDB;\n",
                None
            )
            .unwrap()
            .dialect,
            Dialect::Mysql
        );
        assert_eq!(
            detect(
                b"/* x */\n\\c chinook;\nCREATE TABLE \"A\" (x int);\n",
                None
            )
            .unwrap()
            .dialect,
            Dialect::Postgres
        );
        assert_eq!(
            detect(b"SELECT 1;", Some(Dialect::Postgres))
                .unwrap()
                .dialect,
            Dialect::Postgres
        );
    }

    #[test]
    fn not_sql() {
        assert!(detect(b"\x89PNG\r\n\x1a\n....", None).is_err());
        assert!(detect(b"hello world\n", None).is_err());
        assert!(detect(b"   \n", None).is_err());
        let e = detect(b"-- comment\n\x00\x01\x02", None).unwrap_err();
        assert_eq!(e.offset, 11);
    }
}
