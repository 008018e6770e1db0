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
