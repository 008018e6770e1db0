//! Smoke tests for the test harness itself: the servers answer, and the helpers in
//! `tests/common` create, load, count and drop databases.

mod common;

use common::{require_corpus, unique_name, Maria, Pg};

const TINY_PG: &str = "\
CREATE SCHEMA app;
CREATE TABLE app.\"Mixed Case\" (id int PRIMARY KEY, name text);
INSERT INTO app.\"Mixed Case\" VALUES (1, 'a'), (2, 'b\tc'), (3, NULL);
CREATE TABLE public.empty (id int);
CREATE TABLE public.events (id int, day date) PARTITION BY RANGE (day);
CREATE TABLE public.events_2024 PARTITION OF public.events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.events_2025 PARTITION OF public.events
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO public.events VALUES (1, '2024-05-01'), (2, '2025-05-01'), (3, '2025-06-01');
COPY public.empty (id) FROM stdin;
7
8
\\.
";

const TINY_MARIA: &str = "\
CREATE TABLE `t1` (id INT PRIMARY KEY, name VARCHAR(20));
INSERT INTO `t1` VALUES (1,'a'),(2,'b'),(3,NULL);
CREATE TABLE `odd name` (x INT);
CREATE TABLE `empty` (x INT);
INSERT INTO `odd name` VALUES (1),(2);
CREATE VIEW `v1` AS SELECT * FROM `t1`;
";

#[test]
fn pg_tiny_roundtrip() {
    let Some(pg) = Pg::connect("pg_tiny_roundtrip") else {
        return;
    };
    let db = pg.create_db(&unique_name("smoke_pg"));
    pg.load_bytes(&db, TINY_PG.as_bytes());
    let counts = pg.row_counts(&db);
    let got: Vec<(&str, u64)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        got,
        [
            ("app.Mixed Case", 3),
            ("public.empty", 2),
            ("public.events_2024", 1),
            ("public.events_2025", 2),
        ]
    );
    assert_eq!(
        pg.query(
            &db,
            "SELECT id, name FROM app.\"Mixed Case\" WHERE id <= 2 ORDER BY id"
        ),
        "1\ta\n2\tb\tc"
    );
    // Errors surface as panics carrying psql's message, and roll the load back.
    let err =
        std::panic::catch_unwind(|| pg.load_bytes(&db, b"CREATE TABLE x (a int);\nSELECT nope;\n"))
            .expect_err("bad SQL must panic");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("nope"), "{msg}");
    assert_eq!(
        pg.row_counts(&db).len(),
        4,
        "--single-transaction rolled back"
    );
}

#[test]
fn maria_tiny_roundtrip() {
    let Some(m) = Maria::connect("maria_tiny_roundtrip") else {
        return;
    };
    let db = m.create_db(&unique_name("smoke_maria"));
    m.load_bytes(&db, TINY_MARIA.as_bytes());
    let counts = m.row_counts(&db);
    let got: Vec<(&str, u64)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(got, [("empty", 0), ("odd name", 2), ("t1", 3)]);
    assert_eq!(
        m.query(&db, "SELECT id, name FROM t1 ORDER BY id LIMIT 2"),
        "1\ta\n2\tb"
    );
    let name = db.name().to_owned();
    drop(db);
    assert_eq!(
        m.query("", &format!("SHOW DATABASES LIKE '{name}'")),
        "",
        "guard dropped the database"
    );
}

#[test]
fn maria_loads_world_as_is() {
    let test = "maria_loads_world_as_is";
    let Some(corpus) = require_corpus(test) else {
        return;
    };
    let Some(m) = Maria::connect(test) else {
        return;
    };
    // world.sql carries its own `CREATE DATABASE world` / `USE world`: load it with no
    // default database and let the guard drop `world` before and after.
    let world = m.guard_db("world");
    m.load_file("", &corpus.join("mysql-world/world.sql"));
    let counts = m.row_counts(&world);
    eprintln!("world: {counts:?}");
    assert_eq!(counts.get("city"), Some(&4079));
    assert_eq!(counts.get("country"), Some(&239));
    assert_eq!(counts.get("countrylanguage"), Some(&984));
    assert_eq!(counts.len(), 3);
}

#[test]
fn pg_loads_neon_chinook() {
    let test = "pg_loads_neon_chinook";
    let Some(corpus) = require_corpus(test) else {
        return;
    };
    let Some(pg) = Pg::connect(test) else {
        return;
    };
    let db = pg.create_db(&unique_name("smoke_chinook"));
    pg.load_file(&db, &corpus.join("pg-neon-sample-dbs/chinook.sql"));
    let counts = pg.row_counts(&db);
    eprintln!("chinook: {counts:#?}");
    assert_eq!(counts.len(), 11, "{counts:?}");
    for table in [
        "public.Album",
        "public.Artist",
        "public.Track",
        "public.Invoice",
    ] {
        let n = counts.get(table).copied().unwrap_or(0);
        assert!(n > 0, "{table} should have rows: {counts:?}");
    }
    let total: u64 = counts.values().sum();
    assert_eq!(total, 15_607, "COPY rows per INDEX.md");
}
