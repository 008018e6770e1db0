//! The bundled example dump is real mysqldump-shaped SQL: MariaDB loads it, and
//! `dumpfix stats` agrees with the server's row counts; `fix` copies it exactly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{dumpfix, unique_name, Maria};

#[test]
fn example_loads_and_counts_match() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/examples/liferay-mysql.sql");
    let out = dumpfix()
        .args(["stats", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["producer"], "mysqldump");
    assert_eq!(v["tables"][0]["name"], "user_");
    assert_eq!(v["tables"][0]["rows"], 3);
    assert_eq!(v["tables"][1]["rows"], 2);
    assert_eq!(v["kinds"]["CREATE PROCEDURE"], 1);
    let fixed = dumpfix().arg("fix").arg(&path).output().unwrap();
    let mut original = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::open(&path).unwrap(), &mut original).unwrap();
    assert!(fixed.stdout == original);

    let Some(m) = Maria::connect("example_loads_and_counts_match") else {
        return;
    };
    let db = m.create_db(&unique_name("example"));
    m.load_file(db.name(), &path);
    let counts = m.row_counts(db.name());
    assert_eq!(counts.get("user_"), Some(&3));
    assert_eq!(counts.get("dlcontent"), Some(&2));
    assert_eq!(
        m.query(db.name(), "SELECT SUM(LENGTH(data_)) FROM dlcontent"),
        "32"
    );
}

/// The README's main command: the example fixed for Liferay Cloud on MySQL is a
/// gzip that restores with `mysql < dump` into one database with Liferay's table
/// names, the procedure following the rename.
#[test]
fn example_fixes_for_liferay_mysql() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/examples/liferay-mysql.sql");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("database.gz");
    let name = unique_name("example_lr");
    let o = dumpfix()
        .args(["fix", "--target", "liferay-mysql", "--database", &name])
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let plain = dumpfix().arg("fix").arg(&out).output().unwrap();
    let text = String::from_utf8_lossy(&plain.stdout).into_owned();
    assert!(text.contains(&format!("USE `{name}`;")));
    assert!(text.contains("CREATE TABLE `User_`") && text.contains("CREATE TABLE `DLContent`"));
    assert!(
        text.contains("FROM User_ WHERE IFNULL(status, 0) = 0"),
        "procedure body renamed"
    );

    let Some(m) = Maria::connect("example_fixes_for_liferay_mysql") else {
        return;
    };
    let db = m.guard_db(&name);
    m.load_bytes("", &plain.stdout);
    let counts = m.row_counts(db.name());
    assert_eq!(counts.get("User_"), Some(&3));
    assert_eq!(counts.get("DLContent"), Some(&2));
    assert_eq!(
        m.query(db.name(), "SELECT SUM(LENGTH(data_)) FROM DLContent"),
        "32"
    );
}
