//! What `convert` makes of MySQL DDL beyond types: column comments and
//! `ON UPDATE CURRENT_TIMESTAMP`, checked in a real PostgreSQL 15.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{dumpfix, require_corpus, unique_name, Pg};

#[test]
fn comments_and_on_update_timestamps_survive() {
    let Some(corpus) = require_corpus("comments_and_on_update_timestamps_survive") else {
        return;
    };
    let Some(pg) = Pg::connect("comments_and_on_update_timestamps_survive") else {
        return;
    };
    let dump = corpus.join("mysql-pg-dr5hn-world/mysqldump-states.sql");
    let out = dumpfix()
        .args(["convert", "-q", "--to", "postgresql"])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    let db = pg.create_db(&unique_name("dfx_cddl"));
    pg.load_bytes(db.name(), &out.stdout);
    assert_eq!(
        pg.query(
            db.name(),
            "SELECT col_description('states'::regclass, attnum) FROM pg_attribute WHERE attrelid = 'states'::regclass AND attname = 'timezone'"
        ),
        "IANA timezone identifier (e.g., America/New_York)"
    );
    // an update of another column moves updated_at; setting it explicitly keeps it
    let before = pg.query(db.name(), "SELECT updated_at FROM states WHERE id = 1");
    pg.query(
        db.name(),
        "UPDATE states SET name = name || 'x' WHERE id = 1",
    );
    let after = pg.query(db.name(), "SELECT updated_at FROM states WHERE id = 1");
    assert_ne!(before, after, "ON UPDATE CURRENT_TIMESTAMP");
    pg.query(
        db.name(),
        "UPDATE states SET name = 'y', updated_at = '2001-02-03 04:05:06' WHERE id = 1",
    );
    assert_eq!(
        pg.query(db.name(), "SELECT updated_at FROM states WHERE id = 1"),
        "2001-02-03 04:05:06"
    );
}

/// `--cast` per column and per MySQL type, `--timestamptz`, in a real PostgreSQL.
#[test]
fn casts_and_timestamptz_choose_types() {
    let Some(corpus) = require_corpus("casts_and_timestamptz_choose_types") else {
        return;
    };
    let Some(pg) = Pg::connect("casts_and_timestamptz_choose_types") else {
        return;
    };
    let dump = corpus.join("mysql-pg-dr5hn-world/mysqldump-states.sql");
    let out = dumpfix()
        .args([
            "convert",
            "-q",
            "--to",
            "postgresql",
            "--timestamptz",
            "--cast",
            "states.latitude=text",
            "--cast",
            "mediumint=bigint",
        ])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = pg.create_db(&unique_name("dfx_cast"));
    pg.load_bytes(db.name(), &out.stdout);
    let types = pg.query(
        db.name(),
        "SELECT column_name || ':' || data_type FROM information_schema.columns WHERE table_name = 'states' AND column_name IN ('latitude', 'id', 'created_at') ORDER BY 1",
    );
    assert_eq!(
        types,
        "created_at:timestamp with time zone\nid:bigint\nlatitude:text"
    );
    let bad = dumpfix()
        .args(["convert", "--to", "postgresql", "--cast", "nonsense"])
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
