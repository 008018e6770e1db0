//! The Liferay targets on hand-written cases and on the real corpus dumps: the CLI
//! (`targets`, `rules`, `rule`), options (`--company-id`, `--table-names`,
//! `--reference`, `--database`), errors, idempotence on every corpus dump, and real
//! loads of fixed corpus dumps.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{corpus_sql_files, dumpfix, require_corpus, stats_json, unique_name, Maria, Pg};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn run(args: &[&str]) -> Output {
    dumpfix().args(args).output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `fix --target T` of `input` with extra args; returns (exit code, output bytes, stderr).
fn fix(target: &str, input: &Path, extra: &[&str]) -> (i32, Vec<u8>, String) {
    let dir = tmp();
    let out = dir.path().join("out.sql");
    let mut args = vec!["fix", "--target", target];
    args.extend_from_slice(extra);
    let (i, o) = (input.to_str().unwrap(), out.to_str().unwrap());
    args.extend_from_slice(&[i, "-o", o]);
    let r = run(&args);
    let mut bytes = Vec::new();
    if let Ok(mut f) = std::fs::File::open(&out) {
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
    }
    (code(&r), bytes, text(&r.stderr))
}

const MYSQL_HEAD: &str = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: lportal\n-- ------------------------------------------------------\n/*!40101 SET NAMES utf8mb4 */;\n";
const MYSQL_TAIL: &str = "-- Dump completed on 2024-01-01 10:00:00\n";
const PG_TAIL: &str = "\n--\n-- PostgreSQL database dump complete\n--\n";
const PG_HEAD: &str = "--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.8\n-- Dumped by pg_dump version 15.8\n\nSET standard_conforming_strings = on;\nSELECT pg_catalog.set_config('search_path', '', false);\n\n";

#[test]
fn targets_rules_and_manuals_are_listed() {
    let o = run(&["targets"]);
    assert_eq!(code(&o), 0);
    let s = text(&o.stdout);
    assert!(
        s.contains("liferay-postgresql") && s.contains("liferay-mysql"),
        "{s}"
    );

    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    let s = text(&o.stdout);
    for c in [
        "L001", "L010", "L011", "L020", "L021", "L030", "L031", "L040", "L041", "L050",
    ] {
        assert!(s.contains(c), "{c} missing from `rules`:\n{s}");
    }

    let o = run(&["rule", "l010"]);
    assert_eq!(code(&o), 0);
    let s = text(&o.stdout);
    assert!(
        s.contains("boolean-column-not-boolean") && s.contains("## Why it matters"),
        "{s}"
    );
    assert!(s.contains("liferay-postgresql"), "targets of the rule: {s}");

    let o = run(&["rule", "Z999"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn wrong_dialect_for_target_is_a_usage_error_and_writes_nothing() {
    // PostgreSQL cannot be turned into MySQL: a pg_dump with the MySQL target.
    let dir = tmp();
    let input = dir.path().join("pg.sql");
    std::fs::write(
        &input,
        format!("{PG_HEAD}CREATE TABLE public.user_ (userid bigint);\n"),
    )
    .unwrap();
    let out = dir.path().join("database.gz");
    let o = run(&[
        "fix",
        "--target",
        "liferay-mysql",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    let err = text(&o.stderr);
    assert!(err.contains("postgresql dump"), "{err}");
    assert!(!err.contains("panicked"));
    assert!(!out.exists());
}

#[test]
fn mysql_dump_with_the_postgresql_target_is_converted() {
    // The other way is a conversion: the README's example, whose stored procedure
    // cannot be translated and is listed with its MySQL line (exit 1).
    let dir = tmp();
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/examples/liferay-mysql.sql");
    let out = dir.path().join("database.sql");
    let o = run(&[
        "fix",
        "--target",
        "liferay-postgresql",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = text(&o.stderr);
    assert_eq!(code(&o), 1, "{err}");
    assert!(
        err.contains("liferay-mysql.sql:72: error[C002] statement-not-converted: procedure count_users is not converted"),
        "{err}"
    );
    let sql = small_file(&out);
    assert!(
        sql.contains("COPY user_ ("),
        "data as COPY into lower-case tables"
    );
    assert!(
        sql.lines().all(|l| l.starts_with("--") || !l.contains('`')),
        "no MySQL quoting left outside comments"
    );
    let fixed_again = dir.path().join("again.sql");
    let o = run(&[
        "fix",
        "--target",
        "liferay-postgresql",
        out.to_str().unwrap(),
        "-o",
        fixed_again.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(
        small_file(&fixed_again),
        sql,
        "fixing the result again changes nothing"
    );
}

/// A small output file's text (the example dump's, a few kB).
fn small_file(p: &Path) -> String {
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::fs::File::open(p).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn several_databases_stop_fix_and_fail_check() {
    let dir = tmp();
    let sql = format!(
        "{MYSQL_HEAD}USE `lportal`;\nCREATE TABLE `user_` (`userId` bigint);\nUSE `other`;\nCREATE TABLE `t` (`a` int);\n"
    );
    let input = write(dir.path(), "two.sql", sql.as_bytes());
    let out = dir.path().join("out.sql");
    let o = run(&[
        "fix",
        "--target",
        "liferay-mysql",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("`other`") && err.contains("line 8"), "{err}");
    assert!(!out.exists(), "no half-written output");

    let o = run(&[
        "check",
        "--target",
        "liferay-mysql",
        "--format",
        "json",
        input.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.contains(&"L022".to_string()), "{codes:?}");
}

#[test]
fn renames_reach_references_but_never_string_data() {
    let dir = tmp();
    let sql = format!(
        "{MYSQL_HEAD}DROP TABLE IF EXISTS `user_`;\nCREATE TABLE `user_` (`userId` bigint, `groupId` bigint, `comment` longtext, PRIMARY KEY (`userId`), CONSTRAINT `fk` FOREIGN KEY (`groupId`) REFERENCES `group_` (`groupId`));\nLOCK TABLES `user_` WRITE, `group_` READ;\nINSERT INTO `user_` VALUES (1,2,'see user_ and `group_` in INSERT INTO user_'),(2,2,'user_');\nUNLOCK TABLES;\n/*!50001 CREATE VIEW `v` AS select `u`.`userId` AS `id` from (`user_` `u` join `group_` `g` on(`u`.`groupId` = `g`.`groupId`)) */;\n-- Dump completed\n{MYSQL_TAIL}"
    );
    let input = write(dir.path(), "in.sql", sql.as_bytes());
    let (c, out, err) = fix("liferay-mysql", &input, &["--database", "lportal"]);
    assert_eq!(c, 0, "{err}");
    let out = text(&out);
    assert!(out.contains("DROP TABLE IF EXISTS `User_`;"), "{out}");
    assert!(out.contains("CREATE TABLE `User_` ("));
    assert!(out.contains("REFERENCES `Group_` (`groupId`)"));
    assert!(out.contains("LOCK TABLES `User_` WRITE, `Group_` READ;"));
    assert!(out.contains("INSERT INTO `User_` VALUES (1,2,'see user_ and `group_` in INSERT INTO user_'),(2,2,'user_');"), "{out}");
    assert!(
        out.contains("from (`User_` `u` join `Group_` `g` on(`u`.`groupId` = `g`.`groupId`))"),
        "{out}"
    );
    // the envelope comes before the first table statement, after the header SETs
    let drop_db = out.find("DROP DATABASE IF EXISTS `lportal`").unwrap();
    let create_db = out.find("CREATE DATABASE").unwrap();
    let use_db = out.find("USE `lportal`;").unwrap();
    let first_table = out.find("DROP TABLE").unwrap();
    assert!(out.find("SET NAMES").unwrap() < drop_db);
    assert!(drop_db < create_db && create_db < use_db && use_db < first_table);
}

#[test]
fn company_ids_rename_object_tables_only_when_asked() {
    let dir = tmp();
    let sql = format!(
        "{MYSQL_HEAD}USE `lportal`;\nCREATE TABLE `O_20097_Ticket` (`c_ticketId_` bigint);\nCREATE TABLE `User_x_20097` (`c_x_` bigint);\nCREATE TABLE `O_1_Other` (`a` int);\nINSERT INTO `O_20097_Ticket` VALUES (20097);\n{MYSQL_TAIL}"
    );
    let input = write(dir.path(), "obj.sql", sql.as_bytes());
    let (c, out, err) = fix("liferay-mysql", &input, &["--company-id", "20097=35001"]);
    assert_eq!(c, 0, "{err}");
    let out = text(&out);
    assert!(out.contains("CREATE TABLE `O_35001_Ticket`"), "{out}");
    assert!(out.contains("CREATE TABLE `User_x_35001`"));
    assert!(
        out.contains("CREATE TABLE `O_1_Other`"),
        "other company untouched"
    );
    assert!(
        out.contains("INSERT INTO `O_35001_Ticket` VALUES (20097);"),
        "data untouched"
    );

    // without the option: listed as information, names kept
    let o = run(&[
        "check",
        "--target",
        "liferay-mysql",
        "--format",
        "json",
        input.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let infos: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "L003")
        .map(|f| f["severity"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(infos, ["info", "info", "info"]);

    let o = run(&[
        "fix",
        "--target",
        "liferay-mysql",
        "--company-id",
        "x=1",
        input.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2, "bad --company-id is a usage error");
}

#[test]
fn table_names_file_adds_canonical_names() {
    let dir = tmp();
    let sql = format!("{MYSQL_HEAD}USE `lportal`;\nCREATE TABLE `mymoduleentry` (`a` int);\nINSERT INTO mymoduleentry VALUES (1);\n{MYSQL_TAIL}");
    let input = write(dir.path(), "in.sql", sql.as_bytes());
    let (c, out, _) = fix("liferay-mysql", &input, &[]);
    assert_eq!(c, 0);
    assert!(
        text(&out).contains("CREATE TABLE `mymoduleentry`"),
        "unknown names are not guessed"
    );

    let names = write(dir.path(), "names.txt", b"# module tables\nMyModuleEntry\n");
    let (c, out, err) = fix(
        "liferay-mysql",
        &input,
        &["--table-names", names.to_str().unwrap()],
    );
    assert_eq!(c, 0, "{err}");
    let out = text(&out);
    assert!(out.contains("CREATE TABLE `MyModuleEntry`"), "{out}");
    assert!(
        out.contains("INSERT INTO MyModuleEntry VALUES (1);"),
        "{out}"
    );
}

#[test]
fn reference_schema_decides_booleans_of_module_tables() {
    let dir = tmp();
    // a module table the built-in catalog does not know, with an integer flag column
    let input = write(
        dir.path(),
        "in.sql",
        format!("{PG_HEAD}CREATE TABLE public.fooentry (\n    id bigint NOT NULL,\n    flag integer DEFAULT 1,\n    n integer\n);\n\nCOPY public.fooentry (id, flag, n) FROM stdin;\n1\t1\t7\n2\t0\t\\N\n\\.\n\n{PG_TAIL}").as_bytes(),
    );
    let (c, out, _) = fix("liferay-postgresql", &input, &[]);
    assert_eq!(c, 0);
    assert!(
        text(&out).contains("flag integer DEFAULT 1"),
        "not a Liferay table: untouched"
    );

    // Liferay's own PostgreSQL schema says flag is a boolean
    let reference = write(
        dir.path(),
        "ref.sql",
        format!("{PG_HEAD}CREATE TABLE public.fooentry (\n    id bigint NOT NULL,\n    flag boolean,\n    n integer\n);\n{PG_TAIL}").as_bytes(),
    );
    let (c, out, err) = fix(
        "liferay-postgresql",
        &input,
        &["--reference", reference.to_str().unwrap()],
    );
    assert_eq!(c, 0, "{err}");
    let out = text(&out);
    assert!(out.contains("flag boolean DEFAULT true"), "{out}");
    assert!(out.contains("1\tt\t7\n2\tf\t\\N\n"), "{out}");
}

#[test]
fn values_that_are_not_booleans_are_reported_not_mapped() {
    let dir = tmp();
    let input = write(
        dir.path(),
        "in.sql",
        format!("{PG_HEAD}CREATE TABLE public.user_ (\n    userid bigint NOT NULL,\n    active_ smallint\n);\n\nCOPY public.user_ (userid, active_) FROM stdin;\n1\t1\n2\t2\n3\t\\N\n4\t7\n\\.\n\n{PG_TAIL}").as_bytes(),
    );
    let (c, out, err) = fix("liferay-postgresql", &input, &[]);
    assert_eq!(c, 1, "unfixable findings: exit 1\n{err}");
    assert!(
        err.contains("user_.active_") && err.contains("\"2\"") && err.contains(":18:"),
        "{err}"
    );
    assert!(err.contains("×2"), "counted: {err}");
    let out = text(&out);
    assert!(out.contains("1\tt\n2\t2\n3\t\\N\n4\t7\n"), "{out}");
}

/// Every corpus dump: `fix --target` for its dialect succeeds (or reports), and
/// fixing the output again changes nothing.
#[test]
fn fix_is_idempotent_on_every_corpus_dump() {
    let Some(_) = require_corpus("fix_is_idempotent_on_every_corpus_dump") else {
        return;
    };
    let mut n = 0;
    for path in corpus_sql_files() {
        let (v, _) = stats_json(&path);
        // Scripts that are not real dumps (Chinook) are detected by their content;
        // the second pass is told the dialect, as a user would.
        let (target, from) = match v["dialect"].as_str() {
            Some("mysql") => ("liferay-mysql", "mysql"),
            _ => ("liferay-postgresql", "postgresql"),
        };
        let (c, once, err) = fix(target, &path, &["-q"]);
        assert!(c == 0 || c == 1, "{}: exit {c}\n{err}", path.display());
        assert!(!once.is_empty(), "{}", path.display());
        let dir = tmp();
        let first = write(dir.path(), "once.sql", &once);
        let (c2, twice, err2) = fix(target, &first, &["-q", "--from", from]);
        assert!(
            c2 == 0 || c2 == 1,
            "{}: second pass exit {c2}\n{err2}",
            path.display()
        );
        assert!(once == twice, "{}: fix is not idempotent", path.display());
        n += 1;
    }
    assert!(n >= 20, "{n} corpus dumps");
}

/// pgexercises' clubdata: `CREATE DATABASE`, `\c`, `CREATE SCHEMA cd`,
/// `SET search_path = cd`: fixed, it loads into an existing database with every
/// table in public and every row.
#[test]
fn pg_schema_dump_moves_to_public_and_loads() {
    let Some(corpus) = require_corpus("pg_schema_dump_moves_to_public_and_loads") else {
        return;
    };
    let Some(pg) = Pg::connect("pg_schema_dump_moves_to_public_and_loads") else {
        return;
    };
    let path = corpus.join("pg-pgexercises/clubdata.sql");
    let (_, stats) = stats_json(&path);
    let (c, out, err) = fix("liferay-postgresql", &path, &[]);
    assert_eq!(c, 0, "{err}");
    let db = pg.create_db(&unique_name("dfx_club"));
    pg.load_bytes(db.name(), &out);
    let counts = pg.row_counts(db.name());
    assert!(
        counts.keys().all(|k| k.starts_with("public.")),
        "{counts:?}"
    );
    assert_eq!(counts.len(), 3, "{counts:?}");
    for (t, n) in &stats {
        assert_eq!(counts.get(&format!("public.{t}")), Some(n), "table {t}");
    }
}

/// A sequence in the moved schema owned by a mixed-case table: `OWNED BY` follows
/// the table's new name, `setval`'s literal the new schema (and both the lower-case
/// name, L005); the result loads and the
/// sequence goes on where the dump left it.
#[test]
fn owned_sequence_follows_its_table_to_public() {
    const TEST: &str = "owned_sequence_follows_its_table_to_public";
    let Some(pg) = Pg::connect(TEST) else { return };
    let dir = tmp();
    let input = dir.path().join("seq.sql");
    std::fs::write(
        &input,
        format!(
            "{PG_HEAD}CREATE SCHEMA lportal;\nCREATE TABLE lportal.\"User_\" (userid bigint NOT NULL);\n\
             CREATE SEQUENCE lportal.\"User_Seq\" START WITH 1;\n\
             ALTER SEQUENCE lportal.\"User_Seq\" OWNED BY lportal.\"User_\".userid;\n\
             SELECT pg_catalog.setval('lportal.\"User_Seq\"', 41, true);\n\
             COPY lportal.\"User_\" (userid) FROM stdin;\n1\n\\.\n\n\
             -- PostgreSQL database dump complete\n"
        ),
    )
    .unwrap();
    let (c, out, err) = fix("liferay-postgresql", &input, &[]);
    assert_eq!(c, 0, "{err}");
    let sql = String::from_utf8_lossy(&out);
    assert!(sql.contains("OWNED BY public.\"user_\".userid"), "{sql}");
    // the sequence's quoted name is lowered too (L005), in its literal as well
    assert!(sql.contains("CREATE SEQUENCE public.\"user_seq\""), "{sql}");
    assert!(sql.contains("setval('public.\"user_seq\"'"), "{sql}");
    let db = pg.create_db(&unique_name("dfx_seq"));
    pg.load_bytes(db.name(), &out);
    assert_eq!(
        pg.query(db.name(), "SELECT nextval('user_seq')").trim(),
        "42"
    );
    assert_eq!(
        pg.query(
            db.name(),
            "SELECT pg_get_serial_sequence('user_', 'userid')"
        )
        .trim(),
        "public.user_seq"
    );
}

/// world.sql carries `DROP/CREATE DATABASE world` + `USE world`: with `--database`
/// the envelope names the new database, and the rows arrive there.
#[test]
fn mysql_envelope_is_renamed_and_loads() {
    let Some(corpus) = require_corpus("mysql_envelope_is_renamed_and_loads") else {
        return;
    };
    let Some(m) = Maria::connect("mysql_envelope_is_renamed_and_loads") else {
        return;
    };
    let path = corpus.join("mysql-world/world.sql");
    let (_, stats) = stats_json(&path);
    let name = unique_name("dfx_world");
    let (c, out, err) = fix("liferay-mysql", &path, &["--database", &name]);
    assert!(c == 0, "{err}");
    let s = text(&out);
    for stmt in [
        "DROP DATABASE IF EXISTS `world`",
        "CREATE DATABASE `world`",
        "USE `world`",
    ] {
        assert!(!s.contains(stmt), "old database name left: {stmt}");
    }
    assert!(s.contains(&format!("USE `{name}`;")));
    let db = m.guard_db(&name);
    m.load_bytes("", &out);
    // `country` has Liferay's name, but not its columns: not Liferay's `Country`, so
    // it keeps its name
    let counts = m.row_counts(db.name());
    let expected: std::collections::BTreeMap<_, _> = stats.into_iter().collect();
    assert_eq!(counts, expected);
}

#[test]
fn schema_moves_reach_sequences_and_search_path() {
    let dir = tmp();
    let input = write(
        dir.path(),
        "in.sql",
        format!("{PG_HEAD}CREATE SCHEMA lportal;\nALTER SCHEMA lportal OWNER TO liferay;\nSET search_path = lportal, pg_catalog;\nCREATE SEQUENCE lportal.mytable_id_seq;\nCREATE TABLE lportal.mytable (\n    id integer DEFAULT nextval('lportal.mytable_id_seq'::regclass) NOT NULL,\n    note text DEFAULT 'lportal.x'\n);\nALTER SEQUENCE lportal.mytable_id_seq OWNED BY lportal.mytable.id;\nCOMMENT ON TABLE lportal.mytable IS 'see lportal.mytable';\nGRANT ALL ON TABLE lportal.mytable TO reporting;\n{PG_TAIL}").as_bytes(),
    );
    let (c, out, err) = fix("liferay-postgresql", &input, &[]);
    assert_eq!(c, 0, "{err}");
    let out = text(&out);
    assert!(
        !out.contains("CREATE SCHEMA") && !out.contains("OWNER TO") && !out.contains("GRANT"),
        "{out}"
    );
    assert!(
        out.contains("SET search_path = public, pg_catalog;"),
        "{out}"
    );
    assert!(out.contains("CREATE SEQUENCE public.mytable_id_seq;"));
    assert!(
        out.contains("nextval('public.mytable_id_seq'::regclass)"),
        "{out}"
    );
    assert!(out.contains("DEFAULT 'lportal.x'"), "string data untouched");
    assert!(out.contains("OWNED BY public.mytable.id;"), "{out}");
    assert!(
        out.contains("COMMENT ON TABLE public.mytable IS 'see lportal.mytable';"),
        "{out}"
    );
}

/// `check` with both targets on every corpus dump: never a crash or an input error,
/// always a report that parses, in JSON and SARIF.
#[test]
fn check_reads_every_corpus_dump_with_both_targets() {
    let Some(_) = require_corpus("check_reads_every_corpus_dump_with_both_targets") else {
        return;
    };
    let mut n = 0;
    for path in corpus_sql_files() {
        for target in ["liferay-postgresql", "liferay-mysql"] {
            for format in ["json", "sarif"] {
                let o = run(&[
                    "check",
                    "-q",
                    "--target",
                    target,
                    "--format",
                    format,
                    path.to_str().unwrap(),
                ]);
                let c = code(&o);
                // a PostgreSQL dump for the MySQL target is refused, as fix refuses it
                if c == 2
                    && text(&o.stderr).contains("converting postgresql to mysql is not available")
                {
                    continue;
                }
                assert!(
                    c == 0 || c == 1,
                    "{} {target}: exit {c}\n{}",
                    path.display(),
                    text(&o.stderr)
                );
                let v: serde_json::Value = serde_json::from_slice(&o.stdout)
                    .unwrap_or_else(|e| panic!("{} {target} {format}: {e}", path.display()));
                assert!(v.is_object(), "{}", path.display());
            }
        }
        n += 1;
    }
    assert!(n >= 20);
}

#[test]
fn database_rename_reaches_qualified_references() {
    let dir = tmp();
    let dump = format!(
        "{MYSQL_HEAD}DROP DATABASE IF EXISTS `shop`;\nCREATE DATABASE `shop`;\nUSE `shop`;\n\
         CREATE TABLE `film` (`id` int, `title` varchar(20));\n\
         INSERT INTO `film` VALUES (1,'shop.film stays');\n\
         CREATE VIEW `v` AS SELECT `shop`.`film`.`id` AS `id`, `f`.`title` FROM `shop`.`film` `f`;\n\
         CREATE VIEW `w` AS SELECT shop.film.title FROM shop.film;\n{MYSQL_TAIL}"
    );
    let input = write(dir.path(), "in.sql", dump.as_bytes());
    let (c, out, err) = fix("liferay-mysql", &input, &["--database", "lportal"]);
    assert_eq!(c, 0, "{err}");
    let s = text(&out);
    assert!(
        s.contains("SELECT `lportal`.`film`.`id` AS `id`, `f`.`title` FROM `lportal`.`film` `f`;"),
        "{s}"
    );
    assert!(
        s.contains("SELECT lportal.film.title FROM lportal.film;"),
        "{s}"
    );
    assert!(s.contains("'shop.film stays'"), "string data untouched");
    assert!(!s.contains("`shop`"), "{s}");
}
