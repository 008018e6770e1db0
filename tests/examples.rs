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
