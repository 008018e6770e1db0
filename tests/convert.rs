//! `dumpfix convert --to postgresql` against real servers: every corpus MySQL dump that
//! MariaDB 10.11 loads is loaded into MariaDB, converted, loaded into a fresh PostgreSQL
//! database (`psql -v ON_ERROR_STOP=1 --single-transaction -f OUT`), and every MariaDB
//! table is compared with the PostgreSQL table of the lower-cased name: row count and
//! the values of every column, normalised per type so both servers print the same text.
//!
//! Normalisation (one canonical text per value; NULL is `~`, columns are joined with `|`,
//! each table's rows are compared as a sorted multiset):
//!
//! | values                            | canonical text                                       |
//! |-----------------------------------|------------------------------------------------------|
//! | integers, decimals, year, bit     | the number, trailing fractional zeros removed        |
//! | float, double, real               | exactly, parsed and printed again in Rust: a FLOAT ↔ `real` pair as `f32` (MariaDB's FLOAT read widened, its own text having 6 digits), DOUBLE as `f64`, FLOAT(M,D)/DOUBLE(M,D) as shown (what mysqldump writes) |
//! | PG boolean ↔ tinyint(1), bit(1)   | `f` for 0, 1 `t`, other values NULL (as converted; C001) |
//! | date                              | `YYYY-MM-DD`                                         |
//! | datetime, timestamp               | `YYYY-MM-DD HH:MM:SS.ffffff`; zero dates are NULL    |
//! | time                              | `HH:MM:SS.ffffff`                                    |
//! | char, varchar, *text, enum        | md5 of the UTF-8 bytes, NUL bytes removed            |
//! | binary, varbinary, *blob, bytea   | md5 of the bytes                                     |
//! | set, text[]                       | md5 of the elements sorted bytewise, joined with `,` |
//! | anything else (geometry, json)    | left out of the values (listed), rows still counted  |
//!
//! The kind is chosen per column *pair* (MariaDB type, PG type), so a `tinyint(1)` that
//! became `boolean` compares as `t`/`f` and one that stayed a number compares as a number.
//!
//! Also: the dr5hn countries/states converted from the mysqldump equal the project's own
//! pg_dump of the same data, and bad input (random bytes, empty file, `--to mysql`) is
//! exit 2 with no output file. The comparison lives in `tests/common/compare.rs`
//! (shared with `tests/no_loss.rs` and `tests/properties.rs`); the `harness_*` tests
//! here check it on tables made by hand, so they run before the converter exists.
//!
//! Dumps that create their own database (`sakila`, `world`, `test014`, `Chinook`) are
//! loaded under that name: those tests hold [`FIXED_DBS`] and a MariaDB named lock, so
//! they never run at the same time as each other or as another run of this file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use common::compare::{
    canon, compare, plan_columns, set_elements, Canon, Col, Comparison, Logical, Names, Side,
};
use common::{
    corpus_and_servers, dumpfix, output_with_files_on_stdin, require_corpus, unique_name, Maria,
    MariaLock, Pg, SAKILA_SCRIPTS,
};

// ------------------------------------------------------------------ the dumps

/// One corpus dump: one file, or several loaded into MariaDB in order and converted as
/// one stream (their concatenation).
struct Dump {
    label: &'static str,
    /// Corpus-relative paths, loaded and converted in this order.
    files: &'static [&'static str],
    /// The database the dump creates (or `USE`s) itself: loaded with no default database
    /// into a guard of that name. `None`: loaded into a fresh database of our own.
    own_db: Option<&'static str>,
    /// Tables MariaDB fills through triggers the dump defines, which PostgreSQL may
    /// leave empty (a trigger the converter writes commented out, exit 1).
    trigger_filled: &'static [&'static str],
    /// The dump holds text with NUL bytes: the converter removes them and says so (exit 1).
    has_nul_text: bool,
}

const DUMPS: &[Dump] = &[
    Dump {
        label: "sakila",
        files: &SAKILA_SCRIPTS,
        // DROP SCHEMA IF EXISTS sakila; CREATE SCHEMA sakila; USE sakila; (data: USE sakila)
        own_db: Some("sakila"),
        // ins_film copies film into film_text (the data file has no film_text rows):
        // the converted trigger is made where the schema makes it, before the rows,
        // so PostgreSQL fills film_text as MariaDB does.
        trigger_filled: &[],
        has_nul_text: false,
    },
    Dump {
        label: "world",
        files: &["mysql-world/world.sql"],
        own_db: Some("world"),
        trigger_filled: &[],
        has_nul_text: false,
    },
    Dump {
        label: "wordpress_dump",
        files: &["mysql-wordpress-wpbrowser/dump.sql"],
        own_db: None,
        trigger_filled: &[],
        // wp_actionscheduler_actions.schedule: PHP-serialized objects with \0*\0.
        has_nul_text: true,
    },
    Dump {
        label: "wordpress_mu_subdir",
        files: &["mysql-wordpress-wpbrowser/mu-subdir-dump.sql"],
        own_db: None,
        trigger_filled: &[],
        has_nul_text: false,
    },
    Dump {
        label: "wordpress_url_replacement",
        files: &["mysql-wordpress-wpbrowser/url-replacement-test-01.sql"],
        own_db: None,
        trigger_filled: &[],
        has_nul_text: false,
    },
    Dump {
        label: "dr5hn_countries",
        files: &["mysql-pg-dr5hn-world/mysqldump-countries.sql"],
        own_db: None,
        trigger_filled: &[],
        has_nul_text: false,
    },
    Dump {
        label: "dr5hn_states",
        files: &["mysql-pg-dr5hn-world/mysqldump-states.sql"],
        own_db: None,
        trigger_filled: &[],
        has_nul_text: false,
    },
    Dump {
        label: "f1db_circuits",
        files: &["mysql-pgloader-fixtures/f1db.circuits.my.sql"],
        own_db: None,
        trigger_filled: &[],
        has_nul_text: false,
    },
    Dump {
        label: "mysqldump_php_test014",
        files: &["mysql-mysqldump-php-test014/test014.src.sql"],
        own_db: Some("test014"),
        trigger_filled: &[],
        has_nul_text: false,
    },
    Dump {
        label: "chinook",
        files: &["chinook/Chinook_MySql.sql"],
        own_db: Some("Chinook"),
        trigger_filled: &[],
        has_nul_text: false,
    },
];

#[test]
fn convert_sakila() {
    convert_dump("sakila");
}

#[test]
fn convert_world() {
    convert_dump("world");
}

#[test]
fn convert_wordpress_dump() {
    convert_dump("wordpress_dump");
}

#[test]
fn convert_wordpress_mu_subdir() {
    convert_dump("wordpress_mu_subdir");
}

#[test]
fn convert_wordpress_url_replacement() {
    convert_dump("wordpress_url_replacement");
}

#[test]
fn convert_dr5hn_countries() {
    convert_dump("dr5hn_countries");
}

#[test]
fn convert_dr5hn_states() {
    convert_dump("dr5hn_states");
}

#[test]
fn convert_f1db_circuits() {
    convert_dump("f1db_circuits");
}

#[test]
fn convert_mysqldump_php_test014() {
    convert_dump("mysqldump_php_test014");
}

#[test]
fn convert_chinook() {
    convert_dump("chinook");
}

/// Tests that load a database under a fixed name run one at a time.
static FIXED_DBS: Mutex<()> = Mutex::new(());

/// Held while a fixed-name database is in use: this file's mutex, and a MariaDB named
/// lock so a second `cargo test` run (another checkout, same server) waits too.
struct FixedDb {
    _lock: MariaLock,
    _serial: MutexGuard<'static, ()>,
}

fn fixed_db(m: &Maria, name: &str) -> FixedDb {
    // A test that panicked while holding the mutex poisons it; the databases are
    // dropped by their guards, so the next test can go on.
    let serial = FIXED_DBS.lock().unwrap_or_else(|e| e.into_inner());
    FixedDb {
        _lock: m.named_lock(&format!("dumpfix_tests_db_{name}"), 1800),
        _serial: serial,
    }
}

fn convert_dump(label: &str) {
    let dump = DUMPS
        .iter()
        .find(|d| d.label == label)
        .unwrap_or_else(|| panic!("no dump {label} in DUMPS"));
    let test = format!("convert_{label}");
    let Some(corpus) = require_corpus(&test) else {
        return;
    };
    let Some(m) = Maria::connect(&test) else {
        return;
    };
    let Some(pg) = Pg::connect(&test) else {
        return;
    };
    let paths: Vec<PathBuf> = dump.files.iter().map(|f| corpus.join(f)).collect();

    // 1. MariaDB
    let _fixed = dump.own_db.map(|name| fixed_db(&m, name));
    let started = Instant::now();
    let mdb = match dump.own_db {
        Some(name) => m.guard_db(name),
        None => m.create_db(&unique_name(&format!("cv_{label}"))),
    };
    for p in &paths {
        m.load_file(if dump.own_db.is_some() { "" } else { &mdb }, p);
    }
    let utc = paths.iter().any(|p| sets_utc(p));
    let t_maria = started.elapsed();

    // 2. convert: one file by name; several (schema, then data that INSERTs without
    // column lists) as one stream on stdin, as `cat schema.sql data.sql | dumpfix
    // convert` would: the data alone does not say which column is a tinyint(1).
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.sql");
    let t = Instant::now();
    let o = match paths.as_slice() {
        [one] => convert(one, &out),
        several => convert_concatenated(several, &out),
    };
    let t_convert = t.elapsed();
    let code = o.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        code == 0 || code == 1,
        "{label}: convert exited {code}:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{label}: {stderr}");
    assert!(out.is_file(), "{label}: no output file; stderr:\n{stderr}");
    if !stderr.trim().is_empty() {
        eprintln!(
            "{label}: convert (exit {code}) said:\n{}",
            clip(&stderr, 3000)
        );
    }

    // 3. PG: psql -v ON_ERROR_STOP=1 --single-transaction -f OUT
    let pdb = pg.create_db(&unique_name(&format!("cv_{label}")));
    pg.load_file(&pdb, &out);
    let t_loaded = started.elapsed();

    // 4. compare
    let left = Side::Maria {
        m: &m,
        db: mdb.name(),
        utc,
    };
    let right = Side::Pg {
        pg: &pg,
        db: pdb.name(),
    };
    let cmp = compare(&left, &right, Names::Lower, dump.trigger_filled);
    let mut problems = cmp.problems.clone();
    if !cmp.trigger_empty.is_empty() && code != 1 {
        problems.push(format!(
            "{:?} are filled by MySQL triggers and empty on PG, yet convert exited {code} \
             (dropped triggers must be reported: exit 1)",
            cmp.trigger_empty
        ));
    }
    if dump.has_nul_text && code != 1 {
        problems.push(format!(
            "the dump has text with NUL bytes, yet convert exited {code} \
             (removed NULs must be reported: exit 1)"
        ));
    }
    eprintln!(
        "convert[{label}]: {} | exit {code} | MariaDB load {:.1}s, convert {:.1}s, PG load {:.1}s, compare {:.1}s",
        cmp.summary(),
        t_maria.as_secs_f64(),
        t_convert.as_secs_f64(),
        (t_loaded - t_maria - t_convert).as_secs_f64(),
        (started.elapsed() - t_loaded).as_secs_f64(),
    );
    assert!(cmp.tables > 0 && cmp.rows > 0, "{label}: nothing compared");
    assert!(
        problems.is_empty(),
        "{label}: {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// `dumpfix convert --to postgresql INPUT -o OUT`.
fn convert(input: &Path, out: &Path) -> Output {
    dumpfix()
        .args(["convert", "--to", "postgresql"])
        .arg(input)
        .arg("-o")
        .arg(out)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// `cat PATHS... | dumpfix convert --to postgresql -o OUT`.
fn convert_concatenated(paths: &[PathBuf], out: &Path) -> Output {
    let mut cmd = dumpfix();
    cmd.args(["convert", "--to", "postgresql", "-o"]).arg(out);
    output_with_files_on_stdin(cmd, paths)
}

/// The dump sets `TIME_ZONE='+00:00'` (mysqldump does, in its header): its TIMESTAMP
/// literals are UTC, so MariaDB must be read in UTC too. Otherwise they were loaded, and
/// are read, in the server's default zone.
fn sets_utc(path: &Path) -> bool {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .unwrap()
        .take(64 * 1024)
        .read_to_end(&mut head)
        .unwrap();
    String::from_utf8_lossy(&head)
        .to_ascii_uppercase()
        .contains("TIME_ZONE='+00:00'")
}

fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let cut = (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    format!("{}… ({} bytes more)", &s[..cut], s.len() - cut)
}

// ------------------------------------------------------------------ dr5hn vs pg_dump

/// The dr5hn dataset ships as mysqldump and as the project's own pg_dump. The
/// converted mysqldump loaded into PG must hold the same values as the pg_dump loaded
/// into PG. First, without the converter, MariaDB (mysqldump) is compared with the
/// pg_dump, so a difference in the two upstream files is not blamed on the converter.
#[test]
fn convert_dr5hn_matches_the_projects_pg_dump() {
    let test = "convert_dr5hn_matches_the_projects_pg_dump";
    let Some((corpus, m, pg)) = corpus_and_servers(test) else {
        return;
    };
    let started = Instant::now();
    let dir = corpus.join("mysql-pg-dr5hn-world");
    let my_files = [
        dir.join("mysqldump-countries.sql"),
        dir.join("mysqldump-states.sql"),
    ];
    let pg_files = [
        dir.join("pg_dump-countries.sql"),
        dir.join("pg_dump-states.sql"),
    ];

    // The project's pg_dump, as is. Its countries table has foreign keys to regions and
    // subregions, which are in neither dump: those two statements fail and are skipped
    // (ON_ERROR_ROLLBACK); any other error fails the test.
    let reference = pg.create_db(&unique_name("cv_dr5hn_pgdump"));
    for f in &pg_files {
        let mut cmd = pg.psql(&reference);
        cmd.args([
            "-v",
            "ON_ERROR_STOP=0",
            "-v",
            "ON_ERROR_ROLLBACK=on",
            "--single-transaction",
        ])
        .arg("-f")
        .arg(f)
        .stdin(Stdio::null());
        let out = common::run(cmd, None).unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let unexpected: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("ERROR:"))
            .filter(|l| {
                !l.contains("relation \"public.regions\" does not exist")
                    && !l.contains("relation \"public.subregions\" does not exist")
            })
            .collect();
        assert!(unexpected.is_empty(), "loading {}:\n{stderr}", f.display());
    }

    // Sanity: MariaDB's load of the mysqldump equals the pg_dump.
    let mdb = m.create_db(&unique_name("cv_dr5hn"));
    for f in &my_files {
        m.load_file(&mdb, f);
    }
    let maria = Side::Maria {
        m: &m,
        db: mdb.name(),
        utc: true,
    };
    let reference_side = Side::Pg {
        pg: &pg,
        db: reference.name(),
    };
    let upstream = compare(&maria, &reference_side, Names::Fold, &[]);
    eprintln!("dr5hn MariaDB vs pg_dump: {}", upstream.summary());
    assert!(
        upstream.problems.is_empty(),
        "the project's mysqldump and pg_dump differ (not the converter's doing):\n{}",
        upstream.problems.join("\n")
    );

    // The converted mysqldump, both files into one database (states refer to countries).
    let tmp = tempfile::tempdir().unwrap();
    let converted = pg.create_db(&unique_name("cv_dr5hn_conv"));
    for (i, f) in my_files.iter().enumerate() {
        let out = tmp.path().join(format!("{i}.sql"));
        let o = convert(f, &out);
        let code = o.status.code().unwrap_or(-1);
        assert!(
            code == 0 || code == 1,
            "convert {} exited {code}:\n{}",
            f.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        pg.load_file(&converted, &out);
    }
    let converted_side = Side::Pg {
        pg: &pg,
        db: converted.name(),
    };
    let cmp = compare(&converted_side, &reference_side, Names::Fold, &[]);
    eprintln!(
        "dr5hn converted vs pg_dump: {} | {:.1}s",
        cmp.summary(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(cmp.tables, 2, "countries and states");
    assert!(
        cmp.problems.is_empty(),
        "converted dr5hn differs from the project's pg_dump:\n{}",
        cmp.problems.join("\n")
    );
}

// ------------------------------------------------------------------ bad input

fn assert_bad_input(name: &str, input: &[u8], to: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, input).unwrap();
    let out = dir.path().join("out.sql");
    let o = dumpfix()
        .args(["convert", "--to", to])
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{name} --to {to}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.trim().is_empty(), "exit 2 says why");
    assert!(
        !out.exists(),
        "{name} --to {to}: an output file was written"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != name)
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn convert_random_bytes_is_bad_input() {
    // xorshift64: the same "random" bytes on every run, with NULs and invalid UTF-8.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..65_536)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 56) as u8
        })
        .collect();
    assert!(bytes.contains(&0) && std::str::from_utf8(&bytes).is_err());
    assert_bad_input("random.sql", &bytes, "postgresql");
}

#[test]
fn convert_empty_file_is_bad_input() {
    assert_bad_input("empty.sql", b"", "postgresql");
}

#[test]
fn convert_to_mysql_is_a_usage_error() {
    let dump = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n\
                -- Host: localhost    Database: shop\n\
                -- ------------------------------------------------------\n\
                /*!40101 SET NAMES utf8mb4 */;\n\
                CREATE TABLE `t` (`id` int NOT NULL, PRIMARY KEY (`id`));\n\
                INSERT INTO `t` VALUES (1),(2);\n\
                -- Dump completed on 2024-01-01 10:00:00\n";
    assert_bad_input("shop.sql", dump.as_bytes(), "mysql");
}

// ------------------------------------------------------------------ harness self-tests

/// The same values typed the MySQL way in MariaDB and the way the converter promises in
/// PG (boolean, numeric, real, bytea, timestamp, integer year, enum type, text[]) must
/// compare equal; a changed value must be found and named.
#[test]
fn harness_normalisation_matches_hand_made_tables() {
    let test = "harness_normalisation_matches_hand_made_tables";
    let Some(m) = Maria::connect(test) else {
        return;
    };
    let Some(pg) = Pg::connect(test) else {
        return;
    };
    let mdb = m.create_db(&unique_name("cv_harness"));
    m.load_bytes(
        &mdb,
        "SET NAMES utf8mb4; SET SESSION sql_mode = ''; SET time_zone = '+00:00';
         CREATE TABLE `Mixed` (
           `Id` int unsigned NOT NULL PRIMARY KEY,
           `Flag` tinyint(1), `Bit1` bit(1), `Small` tinyint, `Big` bigint unsigned,
           `Price` decimal(10,2), `Ratio` float, `Dbl` double,
           `Name` varchar(20), `Fixed` char(5), `Body` mediumtext,
           `Raw` blob, `Bin` binary(4),
           `Born` date, `Seen` datetime(6), `Ts` timestamp NULL DEFAULT NULL, `Dur` time, `Clock` time,
           `Yr` year, `Kind` enum('a','b','c d'), `Tags` set('x','y','z''q')
         ) DEFAULT CHARSET=utf8mb4;
         CREATE TABLE `nopk` (`a` varchar(10), `b` double) CHARACTER SET latin1;
         INSERT INTO `Mixed` VALUES
           (1, 1, b'1', -128, 18446744073709551615, 12.50, 43.7347, 0.1,
            'Ünïcödé 🎉', 'ab', 'line\\nnext\\0nul', 0x00FF10, 'ab',
            '2006-02-15', '2006-02-15 04:34:33.123456', '2020-01-01 00:00:00', '12:34:56', '23:59:59',
            2006, 'c d', 'z''q,x'),
           (2, 0, b'0', 0, 0, 0.00, -2.76083, -123456789.123,
            'trailing  ', 'x', '', '', 'cd',
            '0000-00-00', '0000-00-00 00:00:00', NULL, '-01:00:00', '00:00:00',
            0, 'a', ''),
           (3, 2, NULL, NULL, NULL, NULL, 0, 1e-7,
            NULL, NULL, NULL, NULL, NULL,
            NULL, '2001-00-01 10:00:00', NULL, NULL, NULL,
            NULL, NULL, NULL);
         INSERT INTO `nopk` VALUES ('é', 1.5), ('é', 1.5), (NULL, NULL);"
            .as_bytes(),
    );
    let pdb = pg.create_db(&unique_name("cv_harness"));
    let pg_sql = "CREATE TYPE mixed_kind AS ENUM ('a', 'b', 'c d');
         CREATE TABLE mixed (
           id bigint PRIMARY KEY, flag boolean, bit1 boolean, small smallint, big numeric(20),
           price numeric(10,2), ratio real, dbl double precision,
           name varchar(20), fixed char(5), body text, raw bytea, bin bytea,
           born date, seen timestamp(6), ts timestamp, dur interval, clock time,
           yr integer, kind mixed_kind, tags text[]);
         CREATE TABLE nopk (a varchar(10), b double precision);
         INSERT INTO mixed VALUES
           (1, true, true, -128, 18446744073709551615, 12.5, 43.7347, 0.1,
            'Ünïcödé 🎉', 'ab', E'line\\nnextnul', '\\x00ff10', '\\x61620000',
            '2006-02-15', '2006-02-15 04:34:33.123456', '2020-01-01 00:00:00', '12:34:56', '23:59:59',
            2006, 'c d', '{x,z''q}'),
           (2, false, false, 0, 0, 0, -2.76083, -123456789.123,
            'trailing  ', 'x', '', '', '\\x63640000',
            NULL, NULL, NULL, '-01:00:00', '00:00:00',
            0, 'a', '{}'),
           (3, NULL, NULL, NULL, NULL, NULL, 0, 1e-7,
            NULL, NULL, NULL, NULL, NULL,
            NULL, NULL, NULL, NULL, NULL,
            NULL, NULL, NULL);
         INSERT INTO nopk VALUES ('é', 1.5), (NULL, NULL), ('é', 1.5);";
    pg.load_bytes(&pdb, pg_sql.as_bytes());

    let left = Side::Maria {
        m: &m,
        db: mdb.name(),
        utc: true,
    };
    let right = Side::Pg {
        pg: &pg,
        db: pdb.name(),
    };
    let cmp = compare(&left, &right, Names::Lower, &[]);
    eprintln!("harness: {}", cmp.summary());
    assert!(cmp.problems.is_empty(), "{}", cmp.problems.join("\n"));
    assert_eq!((cmp.tables, cmp.rows), (2, 6));
    assert!(cmp.skipped.is_empty(), "{:?}", cmp.skipped);

    // What the canonical rows look like (md5s checked with Python's hashlib): md5 of
    // 'Ünïcödé 🎉', 'ab', "line\nnextnul" (NUL gone), 00ff10, 'ab\0\0' (binary(4)
    // padding), 'c d', "x,z'q" (set sorted), 'trailing  ', 'cd\0\0', 'a', ''.
    let (lt, rt) = (left.tables(), right.tables());
    let plan = plan_columns(
        "Mixed",
        &lt["Mixed"],
        &rt["mixed"],
        Names::Lower,
        "",
        &mut Comparison::default(),
    );
    let lplan: Vec<(&Col, Canon)> = plan.iter().map(|(l, _, k)| (*l, *k)).collect();
    let mut rows = left.canon_rows("Mixed", &lplan);
    rows.sort();
    assert_eq!(
        rows,
        [
            "1|t|t|-128|18446744073709551615|12.5|4.37347e1|1e-1|15245abaea1d56532c48d5f3d9160543|\
             187ef4436122d1cc2f40dc2b92f0eba0|4331289b0308ab30ad98fb6621f890b5|\
             481e4551ec039aada760901cf52b1917|66271d2e70372c1b4dc5b46e79a6f001|2006-02-15|\
             2006-02-15 04:34:33.123456|2020-01-01 00:00:00.000000|12:34:56.000000|\
             23:59:59.000000|2006|a761a01e4e85131529c1b1948648cd9a|\
             1549e1f929872f0a558eb3309a85ec0d",
            "2|f|f|0|0|0|-2.76083e0|-1.23456789123e8|7f677ed235d92406dec53c65b688a372|\
             9dd4e461268c8034f5c8564e155c67a6|d41d8cd98f00b204e9800998ecf8427e|\
             d41d8cd98f00b204e9800998ecf8427e|cbeef16218555467fac38cf683658b1e|~|~|~|\
             -01:00:00.000000|00:00:00.000000|0|0cc175b9c0f1b6a831c399e269772661|\
             d41d8cd98f00b204e9800998ecf8427e",
            // flag 2 has no boolean: NULL, as the converter writes it (and reports, C001)
            "3|~|~|~|~|~|0e0|1e-7|~|~|~|~|~|~|~|~|~|~|~|~|~",
        ]
    );

    // The same values again: stable.
    let again = compare(&left, &right, Names::Lower, &[]);
    assert!(again.problems.is_empty());

    // One changed value per kind is found, and the column is named.
    for (update, column) in [
        ("UPDATE mixed SET name = 'Unicode' WHERE id = 1", "Name"),
        ("UPDATE mixed SET flag = false WHERE id = 3", "Flag"),
        // floats are compared exactly (they were rounded to 6 digits)
        ("UPDATE mixed SET dbl = -123456789.124 WHERE id = 2", "Dbl"),
        ("UPDATE mixed SET dbl = 1.0000001e-7 WHERE id = 3", "Dbl"),
        ("UPDATE mixed SET price = 12.51 WHERE id = 1", "Price"),
        ("UPDATE mixed SET ratio = 43.7357 WHERE id = 1", "Ratio"),
        (
            "UPDATE mixed SET seen = seen + interval '1 microsecond' WHERE id = 1",
            "Seen",
        ),
        ("UPDATE mixed SET born = '2006-02-15' WHERE id = 2", "Born"),
        ("UPDATE mixed SET raw = '\\x00ff11' WHERE id = 1", "Raw"),
        ("UPDATE mixed SET tags = '{x}' WHERE id = 1", "Tags"),
        ("UPDATE mixed SET kind = 'b' WHERE id = 1", "Kind"),
        ("UPDATE mixed SET body = body || ' ' WHERE id = 1", "Body"),
    ] {
        pg.query(&pdb, update);
        let c = compare(&left, &right, Names::Lower, &[]);
        assert_eq!(c.mismatched_rows, 1, "{update}: {}", c.problems.join("\n"));
        assert!(
            c.problems
                .iter()
                .any(|p| p.contains(&format!("\n    {column} ("))),
            "{update}: column {column} not named:\n{}",
            c.problems.join("\n")
        );
        // Put the original back (reload the table).
        pg.query(
            &pdb,
            "DROP TABLE mixed; DROP TABLE nopk; DROP TYPE mixed_kind",
        );
        pg.load_bytes(&pdb, pg_sql.as_bytes());
    }

    // A duplicate lost on one side is a mismatch (multiset comparison).
    pg.query(
        &pdb,
        "DELETE FROM nopk WHERE ctid = (SELECT min(ctid) FROM nopk WHERE a = 'é')",
    );
    let c = compare(&left, &right, Names::Lower, &[]);
    assert_eq!(c.mismatched_rows, 1, "{}", c.problems.join("\n"));
}

/// Pairs of types pick the expected normalisation.
#[test]
fn harness_canon_pairs() {
    use Logical as L;
    let my = |dt: &str, ct: &str| Logical::from_maria(dt, ct);
    let pg = |t: &str| Logical::from_pg(t, "b");
    assert_eq!(
        canon(&my("tinyint", "tinyint(1)"), &pg("boolean")),
        Some(Canon::Bool)
    );
    assert_eq!(
        canon(&my("tinyint", "tinyint(1)"), &pg("smallint")),
        Some(Canon::Num)
    );
    assert_eq!(
        canon(&my("bit", "bit(1)"), &pg("boolean")),
        Some(Canon::Bool)
    );
    assert_eq!(canon(&pg("smallint"), &pg("boolean")), Some(Canon::Bool));
    assert_eq!(
        canon(&my("bigint", "bigint(20) unsigned"), &pg("numeric(20,0)")),
        Some(Canon::Num)
    );
    assert_eq!(
        canon(&my("decimal", "decimal(10,2)"), &pg("numeric(10,2)")),
        Some(Canon::Num)
    );
    assert_eq!(
        canon(&my("float", "float"), &pg("real")),
        Some(Canon::Float32)
    );
    assert_eq!(
        canon(&my("double", "double"), &pg("numeric")),
        Some(Canon::Float)
    );
    assert_eq!(
        canon(&my("year", "year(4)"), &pg("integer")),
        Some(Canon::Num)
    );
    assert_eq!(
        canon(
            &my("datetime", "datetime"),
            &pg("timestamp without time zone")
        ),
        Some(Canon::DateTime)
    );
    assert_eq!(canon(&my("date", "date"), &pg("date")), Some(Canon::Date));
    assert_eq!(
        canon(&my("enum", "enum('a')"), &Logical::from_pg("k", "e")),
        Some(Canon::Text)
    );
    assert_eq!(
        canon(&my("enum", "enum('a')"), &pg("text")),
        Some(Canon::Text)
    );
    assert_eq!(
        canon(&my("set", "set('a','b')"), &pg("text[]")),
        Some(Canon::Set)
    );
    assert_eq!(
        canon(&my("longblob", "longblob"), &pg("bytea")),
        Some(Canon::Bytes)
    );
    assert_eq!(
        canon(&my("enum", "enum('T','F')"), &pg("boolean")),
        Some(Canon::Text)
    );
    // spatial columns are converted to bytea holding their bytes; JSON is parsed
    assert_eq!(
        canon(&my("geometry", "geometry"), &pg("bytea")),
        Some(Canon::Bytes)
    );
    assert_eq!(
        canon(&my("longtext", "longtext"), &pg("jsonb")),
        Some(Canon::Json)
    );
    assert_eq!(
        canon(&my("bit", "bit(9)"), &pg("bit varying")),
        Some(Canon::BitString)
    );
    assert_eq!(
        set_elements("set('Trailers','Deleted Scenes','it''s')"),
        vec!["Trailers", "Deleted Scenes", "it's"]
    );
    assert_eq!(pg("character varying(255)"), L::Text);
    assert_eq!(pg("character(3)"), L::Text);
    assert_eq!(pg("time without time zone"), L::Time);
    assert_eq!(pg("timestamp with time zone"), L::DateTime);
}

// ------------------------------------------------------------------ rows over the window

/// Rows larger than the window — a document of 9.5 MB (over the default 8 MiB window)
/// and of 9 MB of text, rows of a few hundred KB, made in MariaDB and dumped by the real
/// mariadb-dump, plain and with `--hex-blob` — convert in fragments (`--window 64K`
/// and the default window) to the bytes they give whole (`--window 64M`), load into
/// PostgreSQL, and hold what MariaDB holds: per row the md5 and length of the blob and
/// the text, the date and the boolean. `check` and `fix --target liferay-postgresql`
/// read the same dump (the converter streams the rows there too).
#[test]
fn rows_over_the_window_load_as_mariadb_holds_them() {
    let test = "rows_over_the_window_load_as_mariadb_holds_them";
    let Some(m) = Maria::connect(test) else {
        return;
    };
    let Some(pg) = Pg::connect(test) else {
        return;
    };
    let db = unique_name("bigrows");
    let _mdb = m.create_db(&db);
    m.load_bytes(
        &db,
        b"SET NAMES utf8mb4;\n\
          CREATE TABLE doc (id int NOT NULL PRIMARY KEY, data longblob, body longtext, \
          created datetime NOT NULL, flag tinyint(1)) DEFAULT CHARSET=utf8mb4;\n\
          INSERT INTO doc VALUES (1, REPEAT(RANDOM_BYTES(1000), 200), \
            REPEAT('caf\xc3\xa9 \xe4\xb8\xad\xf0\x9f\x98\x80 \\'q\\' \"d\" back\\\\slash\\n\\ttab\\r,(x) ', 4000), '2024-01-02 10:11:12', 1);\n\
          INSERT INTO doc VALUES (2, REPEAT(RANDOM_BYTES(1000), 9500), 'small', '1999-12-31 23:59:59', 0);\n\
          INSERT INTO doc VALUES (3, 'x', 'y', '2000-01-01 00:00:00', NULL);\n\
          INSERT INTO doc VALUES (4, NULL, REPEAT('\xc3\xa9t\xc3\xa9 \xe2\x82\xac uro \\\\%_ ', 600000), '2024-02-29 00:00:00', 1);\n\
          INSERT INTO doc VALUES (5, '', '', '2024-03-01 00:00:00', 0);\n",
    );
    let want = m.query(
        &db,
        "SELECT id, COALESCE(MD5(data),'~'), COALESCE(LENGTH(data),'~'), COALESCE(MD5(body),'~'), \
         COALESCE(CHAR_LENGTH(body),'~'), DATE_FORMAT(created, '%Y-%m-%d %H:%i:%s'), COALESCE(flag,'~') \
         FROM doc ORDER BY id",
    );
    assert_eq!(want.lines().count(), 5, "{want}");
    let big: u64 = m
        .query(&db, "SELECT LENGTH(data) FROM doc WHERE id = 2")
        .parse()
        .unwrap();
    assert!(big > 9 << 20, "row 2 is over the default window: {big}");
    let tmp = tempfile::tempdir().unwrap();
    for hex in [false, true] {
        let mut args = vec!["--skip-dump-date"];
        if hex {
            args.push("--hex-blob");
        }
        args.push(&db);
        let dump = m.dump(&args);
        let input = tmp.path().join(format!("dump-{hex}.sql"));
        std::fs::write(&input, &dump).unwrap();
        let convert_with = |window: &str| {
            let out = tmp.path().join(format!("out-{hex}-{window}.sql"));
            let o = dumpfix()
                .args(["convert", "--to", "postgresql", "--window", window])
                .arg(&input)
                .arg("-o")
                .arg(&out)
                .stdin(Stdio::null())
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                matches!(o.status.code(), Some(0 | 1)),
                "window {window}: {:?} {err}",
                o.status
            );
            // nothing written as NULL, no text changed
            assert!(
                !err.contains("[V00") && !err.contains("[C001]"),
                "window {window}: {err}"
            );
            let mut bytes = Vec::new();
            std::fs::File::open(&out)
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
            (out, bytes)
        };
        let (whole_path, whole) = convert_with("64M");
        for window in ["64K", "8M"] {
            let (_, streamed) = convert_with(window);
            assert!(
                streamed == whole,
                "hex {hex}, window {window}: the output differs from the whole rows' ({} and {} bytes)",
                streamed.len(),
                whole.len()
            );
        }
        let pdb = unique_name("bigrows_pg");
        let _pdb = pg.create_db(&pdb);
        pg.load_file(&pdb, &whole_path);
        let got = pg.query(
            &pdb,
            "SELECT id, COALESCE(md5(data),'~'), COALESCE(length(data)::text,'~'), COALESCE(md5(body),'~'), \
             COALESCE(char_length(body)::text,'~'), to_char(created, 'YYYY-MM-DD HH24:MI:SS'), \
             COALESCE(flag::int::text,'~') FROM doc ORDER BY id",
        );
        assert_eq!(got, want, "hex {hex}: PostgreSQL holds what MariaDB holds");

        // fix and check for Liferay's PostgreSQL: the same converter, streaming too
        for cmd in ["check", "fix"] {
            let o = dumpfix()
                .args([cmd, "--target", "liferay-postgresql", "--window", "64K"])
                .arg(&input)
                .stdin(Stdio::null())
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                matches!(o.status.code(), Some(0 | 1)),
                "{cmd}: {:?} {err}",
                o.status
            );
            assert!(!err.contains("larger than the window"), "{cmd}: {err}");
            if cmd == "fix" {
                // the 9.5 MB document as one COPY line: `2\t\\x` and its hex digits
                let line = o
                    .stdout
                    .split(|&b| b == b'\n')
                    .find(|l| l.starts_with(b"2\t\\\\x"))
                    .expect("row 2 in fix's output");
                assert!(line.len() as u64 > 2 * big, "{}", line.len());
            }
        }
    }
}
