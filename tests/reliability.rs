//! Reliability cases found by trying dumpfix adversarially (the second round): each
//! was reproduced before its fix.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Instant;

use common::dumpfix;

fn run(args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut cmd = dumpfix();
    cmd.args(args);
    let o = common::output_with_stdin(cmd, input);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const END: &str = "-- Dump completed on 2024-01-01 10:00:00\n";

/// MySQL's INSERT and REPLACE without `INTO` (`INSERT t VALUES`, `INSERT IGNORE t`,
/// `INSERT HIGH_PRIORITY t`, `REPLACE t`, `REPLACE LOW_PRIORITY t (cols)`): `convert`
/// and `fix --target liferay-postgresql` carry every row, and `liferay-mysql` renames
/// the table in each. Their rows were dropped with exit 0 and no finding.
#[test]
fn inserts_without_into_are_read() {
    let dump = format!(
        "-- MySQL dump 10.13\nCREATE TABLE `user_` (\n  `userId` bigint NOT NULL,\n  `s` varchar(10) DEFAULT NULL\n);\n\
         INSERT `user_` VALUES (1,'a');\nINSERT IGNORE user_ VALUES (2,'b');\n\
         INSERT HIGH_PRIORITY user_ VALUES (3,'c');\nREPLACE user_ VALUES (4,'d');\n\
         REPLACE LOW_PRIORITY `user_` (`userId`,`s`) VALUES (5,'e');\n\
         INSERT DELAYED IGNORE user_ (`userId`) VALUE (6);\n{END}"
    );
    for args in [
        &["convert", "--to", "postgresql"][..],
        &["fix", "--target", "liferay-postgresql"][..],
    ] {
        let (code, out, err) = run(args, dump.as_bytes());
        assert!(code == 0 || code == 1, "{args:?}: {err}");
        for row in [
            "\n1\ta\n", "\n2\tb\n", "\n3\tc\n", "\n4\td\n", "\n5\te\n", "\n6\n",
        ] {
            assert!(out.contains(row), "{args:?}: row {row:?} missing:\n{out}");
        }
    }
    let (code, out, err) = run(
        &["fix", "--target", "liferay-mysql", "--database", "lportal"],
        dump.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    for stmt in [
        "INSERT `User_` VALUES",
        "INSERT IGNORE User_ VALUES",
        "INSERT HIGH_PRIORITY User_ VALUES",
        "REPLACE User_ VALUES",
        "REPLACE LOW_PRIORITY `User_` (",
        "INSERT DELAYED IGNORE User_ (",
    ] {
        assert!(out.contains(stmt), "{stmt} missing:\n{out}");
    }
}

/// A mysqldump without its completion comment is truncated for `convert` as for
/// `check` and `fix`: a D001 error and exit 1 (it was exit 0, silent).
#[test]
fn a_truncated_mysql_dump_is_reported_by_every_command() {
    let dump = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: shop\n\
                CREATE TABLE `t` (\n  `id` int NOT NULL\n);\nINSERT INTO `t` VALUES (1),(2);\n";
    for args in [
        &["convert", "--to", "postgresql"][..],
        &["fix", "--target", "liferay-postgresql"][..],
        &["check", "--target", "liferay-postgresql"][..],
    ] {
        let (code, out, err) = run(args, dump.as_bytes());
        assert_eq!(code, 1, "{args:?}: {err}");
        // (check writes its findings to stdout)
        let said = if args[0] == "check" { out } else { err };
        assert!(said.contains("D001"), "{args:?}: {said}");
    }
    // complete: no D001
    let (code, _, err) = run(
        &["convert", "--to", "postgresql"],
        format!("{dump}{END}").as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
}

/// A PostgreSQL script with lone-CR line ends (old Mac) splits as psql runs it: the
/// rules see its statements (it was one long comment: `fix` changed nothing).
#[test]
fn lone_cr_postgresql_scripts_are_split_as_psql_does() {
    let dump = "--\r-- PostgreSQL database dump\r--\r\rCREATE TABLE public.user_ (userid bigint);\rALTER TABLE public.user_ OWNER TO liferay;\r\r--\r-- PostgreSQL database dump complete\r--\r";
    let (code, out, err) = run(&["fix", "--target", "liferay-postgresql"], dump.as_bytes());
    assert!(code == 0 || code == 1, "{err}");
    assert!(!out.contains("OWNER TO"), "the owner is dropped:\n{out}");
    assert!(out.contains("CREATE TABLE public.user_"), "{out}");
    let (_, _, err) = run(
        &[
            "check",
            "--target",
            "liferay-postgresql",
            "--format",
            "json",
        ],
        dump.as_bytes(),
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// A data-only dump (`mysqldump --no-create-info`) gets no `DROP DATABASE` from
/// `--target liferay-mysql` (a load would delete the database it fills), and a
/// warning says so (L023); a full dump still gets the drop.
#[test]
fn data_only_dumps_get_no_drop_database() {
    let head = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: lportal\n\n/*!40101 SET NAMES utf8mb4 */;\n";
    let data = "LOCK TABLES `User_` WRITE;\n/*!40000 ALTER TABLE `User_` DISABLE KEYS */;\nINSERT INTO `User_` VALUES (1);\n/*!40000 ALTER TABLE `User_` ENABLE KEYS */;\nUNLOCK TABLES;\n";
    let (code, out, err) = run(
        &["fix", "--target", "liferay-mysql"],
        format!("{head}{data}{END}").as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("DROP DATABASE IF EXISTS `"), "{out}");
    // and fixing the fixed dump adds none either
    let (_, again, _) = run(&["fix", "--target", "liferay-mysql"], out.as_bytes());
    assert_eq!(again, out, "idempotent");
    assert!(
        out.contains("CREATE DATABASE") && out.contains("USE `lportal`"),
        "{out}"
    );
    let (_, json, _) = run(
        &["check", "--target", "liferay-mysql", "--format", "json"],
        format!("{head}{data}{END}").as_bytes(),
    );
    assert!(json.contains("\"L023\""), "{json}");
    let create = "CREATE TABLE `User_` (`userId` bigint NOT NULL);\n";
    let (_, out, _) = run(
        &["fix", "--target", "liferay-mysql"],
        format!("{head}{create}{data}{END}").as_bytes(),
    );
    assert!(out.contains("DROP DATABASE IF EXISTS `lportal`"), "{out}");
}

/// Many columns of one name: reported (MySQL refuses them), and converted in linear
/// time (16 k took 20 s; 200 k now take well under a second of work per 10 k).
#[test]
fn duplicate_columns_are_reported_and_linear() {
    let n = 200_000;
    let mut dump = String::from("-- MySQL dump 10.13\nCREATE TABLE `t` (\n");
    dump.push_str(&vec!["  `c` int"; n].join(",\n"));
    dump.push_str("\n);\n");
    dump.push_str(END);
    let start = Instant::now();
    let (code, out, err) = run(&["convert", "--to", "postgresql"], dump.as_bytes());
    let took = start.elapsed();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("there twice"), "{err}");
    assert!(out.contains(&format!("c_{n}")), "the last column is c_{n}");
    // quadratic would be minutes; linear is a fraction of a second (debug builds too)
    assert!(took.as_secs() < 30, "{n} duplicate columns took {took:?}");
}

/// A statement larger than the window (`--window` here, 8 MiB by default) still goes
/// through the rules with its head: for liferay-mysql the envelope comes before it and
/// its table is renamed (it was written before the envelope, unrenamed: nothing
/// loaded); for liferay-postgresql a dropped statement is dropped whole.
#[test]
fn statements_over_the_window_meet_the_rules() {
    let big = "x".repeat(300_000);
    let my = format!(
        "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: lportal\n\
         /*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `user_` (\n  `userId` bigint NOT NULL COMMENT '{big}',\n  PRIMARY KEY (`userId`)\n) ENGINE=InnoDB;\n\
         INSERT INTO `user_` VALUES (1);\n{END}"
    );
    let (code, out, err) = run(
        &["fix", "--target", "liferay-mysql", "--window", "65536"],
        my.as_bytes(),
    );
    assert!(code == 0 || code == 1, "{err}");
    let envelope = out.find("USE `lportal`;").expect("the envelope");
    let create = out
        .find("CREATE TABLE `User_` (")
        .expect("the table renamed");
    assert!(envelope < create, "the envelope comes first");
    assert!(out.contains(&big) && out.contains("INSERT INTO `User_` VALUES (1);"));
    assert!(err.contains("L090"), "{err}");

    let pg = format!(
        "--\n-- PostgreSQL database dump\n--\n\nCOMMENT ON DATABASE lportal IS '{big}';\n\nCREATE TABLE public.user_ (userid bigint);\n\n--\n-- PostgreSQL database dump complete\n--\n"
    );
    let (code, out, err) = run(
        &["fix", "--target", "liferay-postgresql", "--window", "65536"],
        pg.as_bytes(),
    );
    assert!(code == 0 || code == 1, "{err}");
    assert!(
        !out.contains("COMMENT ON DATABASE") && !out.contains("xxxx"),
        "dropped whole"
    );
    assert!(
        out.contains("CREATE TABLE public.user_ (userid bigint);"),
        "{out}"
    );
}

/// A MySQL row larger than the window is converted in fragments, to the bytes the same
/// row gives whole (with a window it fits in); a value in it that cannot be streamed (a
/// number larger than the window) stops `convert` with exit 2 and a message giving the
/// line, the byte offset and the column.
#[test]
fn rows_over_the_window_convert_as_whole_rows() {
    let dump = format!(
        "-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int, `b` longblob);\nINSERT INTO `t` VALUES (1,'{}');\n{END}",
        "x".repeat(300_000)
    );
    let (code, small, err) = run(
        &["convert", "--to", "postgresql", "--window", "64K"],
        dump.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(small.contains("\\\\x787878"), "the blob as bytea");
    let (code, out, err) = run(
        &["convert", "--to", "postgresql", "--window", "1M"],
        dump.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(small, out, "streamed and whole give the same bytes");
    let dump = format!(
        "-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int, `b` longblob);\nINSERT INTO `t` VALUES (1{},'x');\n{END}",
        "0".repeat(300_000)
    );
    let (code, _, err) = run(
        &["convert", "--to", "postgresql", "--window", "64K"],
        dump.as_bytes(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("line 3, byte 86") && err.contains("id: a value larger than the window"),
        "{err}"
    );
    let (_, help, _) = run(&["convert", "--help"], b"");
    assert!(help.contains("--window <SIZE>"), "{help}");
    // sizes with units, and a clear error for a bad one
    let (code, _, err) = run(
        &["check", "--target", "liferay-mysql", "--max-packet", "1X"],
        b"",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a size unit"), "{err}");
}
