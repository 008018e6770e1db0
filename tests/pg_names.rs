//! Issue 18 §1 on small dumps: the names Liferay's PostgreSQL schema has (L005
//! identifier-case, L008 constraint-or-index-name), what newer pg_dump versions write
//! (L024 SET transaction_timeout, L025 \restrict) and documents in the database (L032).
//! Each fixed dump is loaded into PostgreSQL 15 where a server is running.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{dumpfix, unique_name, Pg};

const PG_HEAD: &str = "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nSELECT pg_catalog.set_config('search_path', '', false);\n\n";
const PG_TAIL: &str = "\n--\n-- PostgreSQL database dump complete\n--\n\n";

fn fix(dir: &Path, sql: &str, args: &[&str]) -> (String, String) {
    let input = dir.join("in.sql");
    std::fs::write(&input, sql).unwrap();
    let o = dumpfix()
        .args(["fix", "--target", "liferay-postgresql"])
        .args(args)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// `check --format json`: the codes found, with their messages.
fn findings(dir: &Path, sql: &str, args: &[&str]) -> Vec<(String, String, u64)> {
    findings_for(dir, sql, "liferay-postgresql", args)
}

fn findings_for(dir: &Path, sql: &str, target: &str, args: &[&str]) -> Vec<(String, String, u64)> {
    let input = dir.join("check.sql");
    std::fs::write(&input, sql).unwrap();
    let o = dumpfix()
        .args(["check", "--format", "json", "--target", target])
        .args(args)
        .arg(&input)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn load(test: &str, sql: &str) {
    let Some(pg) = Pg::connect(test) else { return };
    let db = pg.create_db(&unique_name("pg_names"));
    pg.load_bytes(db.name(), sql.as_bytes());
}

#[test]
fn quoted_names_are_lowered_everywhere_but_collations() {
    let dir = tempfile::tempdir().unwrap();
    let sql = format!(
        "{PG_HEAD}CREATE SEQUENCE public.\"Thing_thingId_seq\";\n\
         CREATE TABLE public.\"Thing\" (\n    \"thingId\" bigint DEFAULT nextval('public.\"Thing_thingId_seq\"'::regclass) NOT NULL,\n    \"Title\" text COLLATE pg_catalog.\"C\",\n    \"createDate\" timestamp without time zone\n);\n\
         ALTER SEQUENCE public.\"Thing_thingId_seq\" OWNED BY public.\"Thing\".\"thingId\";\n\
         COPY public.\"Thing\" (\"thingId\", \"Title\", \"createDate\") FROM stdin;\n1\tAbC \"Quoted\"\t2024-01-01 00:00:00\n\\.\n\
         SELECT pg_catalog.setval('public.\"Thing_thingId_seq\"', 1, true);\n\
         ALTER TABLE ONLY public.\"Thing\"\n    ADD CONSTRAINT \"Thing_pkey\" PRIMARY KEY (\"thingId\");\n\
         CREATE UNIQUE INDEX \"Thing_Title_key\" ON public.\"Thing\" USING btree (\"Title\");\n\
         COMMENT ON COLUMN public.\"Thing\".\"createDate\" IS 'When \"createDate\" was set';\n{PG_TAIL}"
    );
    let (out, err) = fix(dir.path(), &sql, &[]);
    for want in [
        "\"thingid\" bigint DEFAULT nextval('public.\"thing_thingid_seq\"'::regclass)",
        "\"title\" text COLLATE pg_catalog.\"C\"",
        "OWNED BY public.\"thing\".\"thingid\"",
        "COPY public.\"thing\" (\"thingid\", \"title\", \"createdate\") FROM stdin;\n1\tAbC \"Quoted\"\t",
        "setval('public.\"thing_thingid_seq\"', 1, true)",
        "ADD CONSTRAINT thing_pkey PRIMARY KEY (\"thingid\")",
        "CREATE UNIQUE INDEX thing_title_key ON",
        "IS 'When \"createDate\" was set'",
    ] {
        assert!(out.contains(want), "expected {want:?} in:\n{out}");
    }
    assert!(err.contains("L005 identifier-case"), "{err}");
    // nothing upper case is left quoted, but the collation, the data and the comment
    let left: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with('1') && !l.starts_with("COMMENT"))
        .filter(|l| {
            l.split('"')
                .skip(1)
                .step_by(2)
                .any(|q| q != "C" && q.bytes().any(|b| b.is_ascii_uppercase()))
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
    load("quoted_names_are_lowered_everywhere_but_collations", &out);

    // check reports each name with its line, and fix is idempotent
    let f = findings(dir.path(), &sql, &[]);
    assert!(f
        .iter()
        .any(|(c, m, l)| c == "L005" && m.contains("\"thingId\" → \"thingid\"") && *l == 12));
    let (again, _) = fix(dir.path(), &out, &[]);
    assert_eq!(again, out);
}

#[test]
fn columns_differing_only_in_case_are_an_error_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let sql = format!(
        "{PG_HEAD}CREATE TABLE public.thing (\n    \"Name\" text,\n    \"name\" text\n);\n{PG_TAIL}"
    );
    let f = findings(dir.path(), &sql, &[]);
    assert!(
        f.iter()
            .any(|(c, m, _)| c == "L005" && m.contains("differ only in case")),
        "{f:?}"
    );
    let (out, _) = fix(dir.path(), &sql, &[]);
    assert!(out.contains("\"Name\" text,\n    \"name\" text"), "{out}");
}

#[test]
fn constraint_and_index_names_follow_liferays() {
    let dir = tempfile::tempdir().unwrap();
    let sql = format!(
        "{PG_HEAD}CREATE TABLE lportal.accountentry (\n    accountentryid bigint NOT NULL,\n    companyid bigint\n);\n\
         CREATE TABLE lportal.o_20097_thing (\n    thingid bigint NOT NULL\n);\n\
         ALTER TABLE ONLY lportal.accountentry\n    ADD CONSTRAINT idx_16518_primary PRIMARY KEY (accountentryid);\n\
         ALTER TABLE ONLY lportal.o_20097_thing\n    ADD CONSTRAINT o_20097_thing_pkey PRIMARY KEY (thingid);\n\
         CREATE INDEX idx_16518_ix_48cb043 ON lportal.accountentry USING btree (companyid);\n\
         CREATE INDEX accountentry_ix_9a1b2c3 ON lportal.accountentry (companyid, accountentryid);\n\
         CREATE INDEX o_20097_thing_ix_1 ON lportal.o_20097_thing (thingid);\n\
         ALTER TABLE lportal.accountentry CLUSTER ON idx_16518_ix_48cb043;\n\
         COMMENT ON INDEX lportal.idx_16518_ix_48cb043 IS 'companies';\n{PG_TAIL}"
    );
    let (out, err) = fix(dir.path(), &sql, &["--company-id", "20097=30000"]);
    for want in [
        "ADD CONSTRAINT accountentry_pkey PRIMARY KEY (accountentryid)",
        "ADD CONSTRAINT o_30000_thing_pkey PRIMARY KEY (thingid)",
        "CREATE INDEX ix_48cb043 ON public.accountentry USING btree (companyid)",
        "CREATE INDEX ix_9a1b2c3 ON public.accountentry (companyid, accountentryid)",
        // the table of an index without USING is renamed too (it was not)
        "CREATE INDEX o_30000_thing_ix_1 ON public.o_30000_thing (thingid)",
        "CLUSTER ON ix_48cb043",
        "COMMENT ON INDEX public.ix_48cb043",
    ] {
        assert!(out.contains(want), "expected {want:?} in:\n{out}");
    }
    assert!(err.contains("L008 constraint-or-index-name"), "{err}");
    load("constraint_and_index_names_follow_liferays", &out);
}

#[test]
fn newer_pg_dump_settings_and_restrict() {
    let dir = tempfile::tempdir().unwrap();
    let sql = format!(
        "--\n-- PostgreSQL database dump\n--\n\n\\restrict k3y\n\n-- Dumped by pg_dump version 17.10\n\nSET statement_timeout = 0;\nSET transaction_timeout = 0;\nSET client_encoding = 'UTF8';\nCREATE TABLE public.t (a integer);\n{PG_TAIL}\\unrestrict k3y\n\n"
    );
    let f = findings(dir.path(), &sql, &[]);
    assert!(f
        .iter()
        .any(|(c, m, l)| c == "L024" && m.contains("transaction_timeout") && *l == 10));
    assert_eq!(f.iter().filter(|(c, _, _)| c == "L025").count(), 2, "{f:?}");
    let (out, _) = fix(dir.path(), &sql, &[]);
    assert!(!out.contains("transaction_timeout"), "{out}");
    assert!(out.contains("SET statement_timeout = 0;"));
    assert!(out.contains("\\restrict k3y") && out.contains("\\unrestrict k3y"));
    load("newer_pg_dump_settings_and_restrict", &out);
    let (stripped, _) = fix(dir.path(), &sql, &["--strip-restrict"]);
    assert!(!stripped.contains("restrict k3y"), "{stripped}");
    let (_, err) = fix(dir.path(), &sql, &["--strip-restrict", "--quiet"]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn documents_in_dlcontent_are_reported_on_both_targets() {
    let dir = tempfile::tempdir().unwrap();
    let pg = format!(
        "{PG_HEAD}CREATE TABLE public.dlcontent (contentid bigint NOT NULL, data_ oid);\nCOPY public.dlcontent (contentid, data_) FROM stdin;\n\\.\nCOPY public.dlcontent (contentid, data_) FROM stdin;\n1\t\\N\n\\.\n{PG_TAIL}"
    );
    let f = findings(dir.path(), &pg, &[]);
    let l032: Vec<_> = f.iter().filter(|(c, _, _)| c == "L032").collect();
    assert_eq!(l032.len(), 1, "{f:?}");
    assert_eq!(l032[0].2, 14, "the line of the first row");
    // an empty COPY is no document
    let empty = pg.replace("1\t\\N\n", "");
    assert!(!findings(dir.path(), &empty, &[])
        .iter()
        .any(|(c, _, _)| c == "L032"));
    // a MySQL dump, for both targets
    let my = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `DLContent` (`contentId` bigint NOT NULL, `data_` longblob, PRIMARY KEY (`contentId`));\nINSERT INTO `DLContent` VALUES (1,'abc');\n-- Dump completed on 2024-01-01 10:00:00\n";
    // (converted for PostgreSQL, the rows' lines map to the line of the statement
    // before their INSERT: the CREATE TABLE)
    for (target, line) in [("liferay-postgresql", 3), ("liferay-mysql", 4)] {
        let f = findings_for(dir.path(), my, target, &[]);
        assert!(
            f.iter().any(|(c, _, l)| c == "L032" && *l == line),
            "{target}: {f:?}"
        );
    }
}
