//! `dumpfix stats --format json` row counts equal what a real server holds after
//! loading the same dump: MariaDB for mysqldump output, PostgreSQL 15 for pg_dump.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use common::{require_corpus, unique_name, Maria, Pg};

use common::stats_json as stats_rows;

/// Every table the dump fills has the server's count, and every non-empty table on
/// the server is in the stats.
fn assert_same(label: &str, stats: &BTreeMap<String, u64>, server: &BTreeMap<String, u64>) {
    for (t, n) in stats {
        // A partitioned parent holds no rows of its own and is not a leaf table.
        let on_server = server.get(t).copied().unwrap_or(0);
        assert_eq!(
            on_server,
            *n,
            "{label}: table {t}: stats {n}, server {:?}",
            server.get(t)
        );
    }
    for (t, n) in server {
        if *n > 0 {
            assert_eq!(
                stats.get(t),
                Some(n),
                "{label}: server table {t} has {n} rows"
            );
        }
    }
    let total: u64 = stats.values().sum();
    eprintln!(
        "{label}: {} tables, {total} rows agree with the server",
        stats.len()
    );
    assert!(total > 0);
}

#[test]
fn mysql_world_counts_match_mariadb() {
    let Some(corpus) = require_corpus("mysql_world_counts_match_mariadb") else {
        return;
    };
    let Some(m) = Maria::connect("mysql_world_counts_match_mariadb") else {
        return;
    };
    let path = corpus.join("mysql-world/world.sql");
    let (v, stats) = stats_rows(&path);
    assert_eq!(v["dialect"], "mysql");
    assert_eq!(v["producer"], "mysqldump");
    assert_eq!(v["version"], "8.0.19");
    // world.sql creates and uses its own database `world`.
    let db = m.guard_db("world");
    m.load_file("", &path);
    assert_same("world", &stats, &m.row_counts(db.name()));
}

#[test]
fn mysql_states_counts_match_mariadb() {
    let Some(corpus) = require_corpus("mysql_states_counts_match_mariadb") else {
        return;
    };
    let Some(m) = Maria::connect("mysql_states_counts_match_mariadb") else {
        return;
    };
    let path = corpus.join("mysql-pg-dr5hn-world/mysqldump-states.sql");
    let (_, stats) = stats_rows(&path);
    let db = m.create_db(&unique_name("states"));
    m.load_file(db.name(), &path);
    assert_same("states", &stats, &m.row_counts(db.name()));
}

#[test]
fn pagila_counts_match_postgres() {
    let Some(corpus) = require_corpus("pagila_counts_match_postgres") else {
        return;
    };
    let Some(pg) = Pg::connect("pagila_counts_match_postgres") else {
        return;
    };
    let schema = corpus.join("pg-pagila/pagila-schema.sql");
    let data = corpus.join("pg-pagila/pagila-data.sql");
    let (v, stats) = stats_rows(&data);
    assert_eq!(v["dialect"], "postgresql");
    assert_eq!(v["producer"], "pg_dump");
    let db = pg.create_db(&unique_name("pagila"));
    pg.load_file(db.name(), &schema);
    pg.load_file(db.name(), &data);
    // The schema file creates tables that the data file fills: compare per table.
    let (_, schema_stats) = stats_rows(&schema);
    let mut all = schema_stats;
    all.extend(stats);
    assert_same("pagila", &all, &pg.row_counts(db.name()));
}

#[test]
fn neon_chinook_counts_match_postgres() {
    let Some(corpus) = require_corpus("neon_chinook_counts_match_postgres") else {
        return;
    };
    let Some(pg) = Pg::connect("neon_chinook_counts_match_postgres") else {
        return;
    };
    let path = corpus.join("pg-neon-sample-dbs/chinook.sql");
    let (_, stats) = stats_rows(&path);
    let db = pg.create_db(&unique_name("chinook"));
    pg.load_file(db.name(), &path);
    assert_same("chinook", &stats, &pg.row_counts(db.name()));
}
