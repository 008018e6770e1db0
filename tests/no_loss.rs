//! No loss, proven: every corpus dump goes through every transformation that applies to
//! it; the original and each output are loaded into real servers (PostgreSQL 15,
//! MariaDB) and every table is compared by row count and by an order-independent
//! checksum of its rows. The totals (dumps, transformations, tables, rows, mismatches)
//! are printed at the end (`cargo test --release --test no_loss -- --nocapture`), and
//! mismatches must be 0.
//!
//! | dump       | transformation                                    | loaded into | compared with the original |
//! |------------|---------------------------------------------------|-------------|----------------------------|
//! | pg_dump    | `fix` (no target)                                 | PostgreSQL  | exact                      |
//! | pg_dump    | `fix --target liferay-postgresql`                 | PostgreSQL  | exact, or per changed type |
//! | mysqldump  | `fix` (no target)                                 | MariaDB     | exact                      |
//! | mysqldump  | `fix --target liferay-mysql --database FRESH`¹    | MariaDB     | exact                      |
//! | mysqldump  | `convert --to postgresql`                         | PostgreSQL  | normalised per type        |
//! | mysqldump  | `fix --target liferay-postgresql` (the dump converted on the way) | PostgreSQL | normalised per type |
//!
//!
//! A dump of several files (a schema file and a data file) is loaded file by file as
//! the original, and transformed as one stream (their concatenation on stdin), as
//! `cat schema.sql data.sql | dumpfix …` would.
//!
//! **The checksum.** Each row becomes one text: its columns' canonical texts joined with
//! `|`, NULL as `~`. The table's checksum is the row count and two sums, over all rows,
//! of 60-bit slices of `md5(row text)` (hex digits 1–15 and 16–30, as exact integers:
//! `numeric` on PostgreSQL, `DECIMAL` on MariaDB). A sum is independent of row order and
//! of the server, and counts duplicates (a multiset hash). The canonical texts are
//! computed by the server, so the rows never leave it unless a table differs (then both
//! sides' rows are fetched and the differing ones shown).
//!
//! **Exact** (same server, same column types — `fix`, `liferay-mysql`, and the columns
//! `liferay-postgresql` leaves alone): PostgreSQL `col::text` (numbers, booleans,
//! dates and times) or `md5(col::text)` (everything else); MariaDB `CAST(col AS CHAR)`
//! (numbers, dates and times, read with `time_zone = '+00:00'` on both sides), `col + 0`
//! (bit) or `MD5(col)` (strings, binary, enum, set, geometry: the stored bytes). Column
//! names, order and types must be the same on both sides.
//!
//! **`liferay-postgresql`** changes some column types; those columns are compared by
//! value, and listed in the output:
//!
//! | original → output                 | original side                          | output side                 |
//! |-----------------------------------|----------------------------------------|-----------------------------|
//! | smallint/integer/bigint → boolean | `0` → `f`, `1` → `t`, other → `int:N`  | `f` / `t`                   |
//! | bytea → oid (large object)        | `md5(col)`                             | `md5(lo_get(col))`          |
//! | timestamptz → timestamp           | `(col AT TIME ZONE 'UTC')::text`       | `col::text`                 |
//! | any other change (varchar → text) | `md5(col::text)`                       | `md5(col::text)`            |
//!
//! **MySQL → PostgreSQL** uses the normalisation of `tests/convert.rs`
//! (`tests/common/compare.rs`, shared), with `oid` columns read through `lo_get` for
//! the Liferay chain: integers and decimals as numbers without trailing zeros; floats
//! exactly (each server's text parsed and printed again in Rust: FLOAT ↔ `real` as
//! `f32`, MariaDB's FLOAT read widened since its own text has 6 digits; DOUBLE as `f64`;
//! FLOAT(M,D)/DOUBLE(M,D) as MariaDB shows them, which is what mysqldump writes); `tinyint(1)`/`bit(1)` ↔ boolean as `f`/`t`;
//! `bit(n)` as binary digits; dates and times formatted alike; text as md5 of its
//! UTF-8; binary and spatial columns (bytea after the conversion) as md5 of the bytes;
//! `set` ↔ `text[]` as md5 of the sorted elements; JSON parsed and printed with sorted
//! keys in Rust; inet4/inet6/uuid by their text. A column pair with no rule fails.
//!
//! **Reported changes only.** Each transformation runs with `--report` (`convert`: its
//! stderr). Values the conversion cannot carry — a `tinyint(1)` holding 2 (NULL), a zero
//! date (NULL), NUL bytes in text (removed), a TIME outside 00:00–24:00 (NULL) — are
//! compared as the converter writes them only in the columns its findings name
//! (C001, V001, V002: [`LOSS_CODES`]); in every other column they keep a text no
//! PostgreSQL value has (`int:2`, `zero-date`, the NUL bytes), so a silent change fails.
//!
//! **Per column.** Besides the row checksum, each column's canonical texts get a
//! checksum of their own: the totals count values (rows × columns) compared, and a
//! mismatch names the columns that differ. Tables with floats or JSON are compared row by
//! row in Rust (the finished texts, sorted).
//!
//! **Generated dumps** ([`Root::Generated`]): `tests/data/gen/mariadb-every-type.sql`
//! builds every column type and table option of MariaDB 10.11 (edge values, NUL bytes,
//! 4-byte UTF-8, every byte value, latin1/cp1251 columns, generated columns over JSON,
//! arithmetic and strings, `bit(1..64)`, sequences, system versioning, partitions,
//! `AUTO_INCREMENT=N`, inet4/inet6/uuid, spatial, enum/set edge members, zero dates),
//! dumped by the real `mariadb-dump` with each common option set (`--hex-blob`,
//! `--complete-insert --skip-extended-insert`, `--insert-ignore`, `--routines --events
//! --triggers`, `--compact`, `--skip-opt`, `--skip-tz-utc`, `--databases
//! --add-drop-database`). `tests/data/peer/` holds our own SQL for the cases MariaDB's
//! `mysql-test/main/mysqldump*.test` and PostgreSQL's `src/bin/pg_dump/t/002_pg_dump.pl`
//! check their dumpers on (each case names the peer test it mirrors), dumped by
//! `mariadb-dump` (default; `--hex-blob --skip-extended-insert --complete-insert`) and
//! `pg_dump` (default; `--inserts`; `--column-inserts --rows-per-insert=7 --create`).
//!
//! Tables are matched case-insensitively (the Liferay targets change the case of table
//! names, `convert` lower-cases them, `liferay-postgresql` moves every schema to
//! `public`) and up to 63 bytes (PostgreSQL's limit; the converter reports such renames,
//! C003); columns too. A table or column missing on either side is a mismatch.
//!
//! **Exclusions.** Every dump of the corpus is run (a corpus `.sql` file missing from
//! [`DUMPS`] fails the test). What cannot be compared as is is listed in [`DUMPS`]
//! (`load_errors`), [`EXCEPTIONS`] and [`OWN_DATABASE`], each with its reason, and
//! printed.
//!
//! Dumps that create their own database (`world`, `sakila`, `test014`, `Chinook` on
//! MariaDB; `chinook`, `exercises` on PostgreSQL) are loaded under that name, holding a
//! MariaDB named lock as `tests/convert.rs` does. Every database is dropped afterwards
//! (`DUMPFIX_KEEP_DBS=1` keeps them). The dumps run on 2 worker threads, the costliest
//! first (`DUMPFIX_NO_LOSS_JOBS=N` to change); each dump's transformations run in
//! sequence. `DUMPFIX_NO_LOSS_ONLY=label,label` runs only those dumps (for debugging;
//! the coverage check is skipped then).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Mutex;
use std::time::Instant;

use common::compare::{
    canon, finish_row, finishes, maria_expr_lossy, multiset_diff, my_lit, pg_expr, Canon, Logical,
    Loss,
};
use common::{
    corpus_sql_files, dumpfix, my_ident, output_with_files_on_stdin, pg_ident, require_corpus, run,
    stats_json, unique_name, Maria, MariaLock, Pg, TestDb,
};

// ------------------------------------------------------------------ the dumps

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    Pg,
    My,
}

/// Where a dump's files live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Root {
    /// `../shared/corpus` (or `$DUMPFIX_CORPUS`).
    Corpus,
    /// `corpus/examples` of this crate.
    Examples,
    /// Made by the test: `files[0]` is a script under `tests/data` that builds a
    /// database (on the dump's own server), which the real dumper (`mariadb-dump` /
    /// `pg_dump`) then dumps with the dump's `dumper` options.
    Generated,
}

struct Dump {
    label: &'static str,
    dialect: Dialect,
    root: Root,
    /// [`Root::Generated`]: the dumper's options.
    dumper: &'static [&'static str],
    /// Loaded in this order; transformed as one stream (their concatenation).
    files: &'static [&'static str],
    /// The database the dump creates itself (`CREATE DATABASE` + `USE` / `\connect`).
    own_db: Option<&'static str>,
    /// psql errors tolerated in every PostgreSQL load of this dump, the original's
    /// included (`(substring of the error line, why)`). Such loads run with
    /// `ON_ERROR_STOP=0 ON_ERROR_ROLLBACK=on`; any other error fails the test.
    load_errors: &'static [(&'static str, &'static str)],
}

const DR5HN_FK: &str = "the project's pg_dump of countries has foreign keys to `regions` and \
     `subregions`, tables that are in neither dump file: those two ALTER TABLE statements \
     fail, everything else loads (as in tests/convert.rs)";
const EX17_ROLES: &str = "ex17 (a pgFormatter test input) sets owners and grants for roles \
     `gilles` and `userdb` that this server does not have; liferay-postgresql removes them \
     (L041), the original and the `fix` copy keep them";

const DUMPS: &[Dump] = &[
    // ---------------------------------------------------------------- pg_dump
    Dump {
        label: "chinook_pg_script",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["chinook/Chinook_PostgreSql.sql"],
        // DROP DATABASE IF EXISTS chinook; CREATE DATABASE chinook; \c chinook;
        own_db: Some("chinook"),
        load_errors: &[],
    },
    Dump {
        label: "dr5hn_pg",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        // states refer to countries: one database
        files: &[
            "mysql-pg-dr5hn-world/pg_dump-countries.sql",
            "mysql-pg-dr5hn-world/pg_dump-states.sql",
        ],
        own_db: None,
        load_errors: &[
            ("relation \"public.regions\" does not exist", DR5HN_FK),
            ("relation \"public.subregions\" does not exist", DR5HN_FK),
        ],
    },
    Dump {
        label: "jooq_sakila",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &[
            "pg-jooq-sakila-copy/postgres-sakila-schema.sql",
            "pg-jooq-sakila-copy/postgres-sakila-insert-data-using-copy.sql",
        ],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "neon_chinook",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-neon-sample-dbs/chinook.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "neon_happiness_index",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-neon-sample-dbs/happiness_index.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "neon_netflix",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-neon-sample-dbs/netflix.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "neon_periodic_table",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-neon-sample-dbs/periodic_table.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "neon_titanic",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-neon-sample-dbs/titanic.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "northwind",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-northwind/northwind.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "pagila",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-pagila/pagila-schema.sql", "pg-pagila/pagila-data.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "pgexercises_clubdata",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-pgexercises/clubdata.sql"],
        // CREATE DATABASE exercises; \c exercises
        own_db: Some("exercises"),
        load_errors: &[],
    },
    Dump {
        label: "pgformatter_ex17",
        dialect: Dialect::Pg,
        root: Root::Corpus,
        dumper: &[],
        files: &["pg-pgformatter-ex17/ex17.sql"],
        own_db: None,
        load_errors: &[
            ("role \"gilles\" does not exist", EX17_ROLES),
            ("role \"userdb\" does not exist", EX17_ROLES),
        ],
    },
    // ---------------------------------------------------------------- mysqldump
    Dump {
        label: "sakila",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &[
            "mysql-sakila-official/sakila-schema.sql",
            "mysql-sakila-official/sakila-data.sql",
        ],
        own_db: Some("sakila"),
        load_errors: &[],
    },
    Dump {
        label: "world",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["mysql-world/world.sql"],
        own_db: Some("world"),
        load_errors: &[],
    },
    Dump {
        label: "wordpress_dump",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["mysql-wordpress-wpbrowser/dump.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "wordpress_mu_subdir",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["mysql-wordpress-wpbrowser/mu-subdir-dump.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "wordpress_url_replacement",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["mysql-wordpress-wpbrowser/url-replacement-test-01.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "dr5hn_countries",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["mysql-pg-dr5hn-world/mysqldump-countries.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "dr5hn_states",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["mysql-pg-dr5hn-world/mysqldump-states.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "f1db_circuits",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["mysql-pgloader-fixtures/f1db.circuits.my.sql"],
        own_db: None,
        load_errors: &[],
    },
    Dump {
        label: "mysqldump_php_test014",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["mysql-mysqldump-php-test014/test014.src.sql"],
        own_db: Some("test014"),
        load_errors: &[],
    },
    Dump {
        label: "chinook_mysql_script",
        dialect: Dialect::My,
        root: Root::Corpus,
        dumper: &[],
        files: &["chinook/Chinook_MySql.sql"],
        own_db: Some("Chinook"),
        load_errors: &[],
    },
    Dump {
        label: "example_liferay_mysql",
        dialect: Dialect::My,
        root: Root::Examples,
        dumper: &[],
        files: &["liferay-mysql.sql"],
        own_db: None,
        load_errors: &[],
    },
    // ---------------------------------------------------------------- generated
    // tests/data/gen/mariadb-every-type.sql: every column type and table option of
    // MariaDB 10.11, dumped with mariadb-dump's common option sets.
    gen_my("gen_default", &[]),
    gen_my("gen_hex_blob", &["--hex-blob"]),
    gen_my(
        "gen_complete_single_row",
        &["--complete-insert", "--skip-extended-insert"],
    ),
    gen_my("gen_insert_ignore", &["--insert-ignore"]),
    gen_my(
        "gen_routines_events_triggers",
        &["--routines", "--events", "--triggers"],
    ),
    gen_my("gen_compact", &["--compact"]),
    gen_my("gen_skip_opt", &["--skip-opt"]),
    gen_my("gen_skip_tz_utc", &["--skip-tz-utc"]),
    gen_my("gen_databases", &["--databases", "--add-drop-database"]),
    // tests/data/peer/*.sql: the kinds of objects MariaDB's mysqldump*.test and
    // PostgreSQL's 002_pg_dump.pl check their dumpers on.
    gen_peer_my("peer_mariadb", &[]),
    gen_peer_my(
        "peer_mariadb_hex_single_row",
        &["--hex-blob", "--skip-extended-insert", "--complete-insert"],
    ),
    gen_peer_pg("peer_pg", &[], None),
    gen_peer_pg("peer_pg_inserts", &["--inserts"], None),
    gen_peer_pg(
        "peer_pg_column_inserts_create",
        &["--column-inserts", "--rows-per-insert=7", "--create"],
        Some(GEN_PG_DB),
    ),
];

/// The database the generated dumps are made from (fixed: `--databases` and
/// `pg_dump --create` write its name into the dump).
const GEN_MY_DB: &str = "dumpfix_gen_src";
const GEN_PG_DB: &str = "dumpfix_gen_src";

/// A dump of tests/data/peer/mariadb-cases.sql (loaded like [`gen_my`]'s).
const fn gen_peer_my(label: &'static str, dumper: &'static [&'static str]) -> Dump {
    Dump {
        files: &["peer/mariadb-cases.sql"],
        ..gen_my(label, dumper)
    }
}

/// A pg_dump of tests/data/peer/pg-cases.sql.
const fn gen_peer_pg(
    label: &'static str,
    dumper: &'static [&'static str],
    own_db: Option<&'static str>,
) -> Dump {
    Dump {
        label,
        dialect: Dialect::Pg,
        root: Root::Generated,
        dumper,
        files: &["peer/pg-cases.sql"],
        own_db,
        load_errors: &[],
    }
}

/// A dump of tests/data/gen/mariadb-every-type.sql; its originals load under the
/// source's name (mariadb-dump qualifies sequences with it, see [`my_load`]).
const fn gen_my(label: &'static str, dumper: &'static [&'static str]) -> Dump {
    Dump {
        label,
        dialect: Dialect::My,
        root: Root::Generated,
        dumper,
        files: &["gen/mariadb-every-type.sql"],
        own_db: Some(GEN_MY_DB),
        load_errors: &[],
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Transform {
    /// `fix` with no target: a byte-for-byte copy.
    Fix,
    /// `fix --target liferay-postgresql`.
    LiferayPg,
    /// `fix --target liferay-mysql --database FRESH`.
    LiferayMy,
    /// `convert --to postgresql`.
    Convert,
    /// `fix --target liferay-postgresql` of the MySQL dump (converted on the way).
    ConvertLiferayPg,
}

impl Transform {
    fn name(self) -> &'static str {
        match self {
            Transform::Fix => "fix",
            Transform::LiferayPg => "fix --target liferay-postgresql",
            Transform::LiferayMy => "fix --target liferay-mysql",
            Transform::Convert => "convert --to postgresql",
            Transform::ConvertLiferayPg => "fix --target liferay-postgresql (converted)",
        }
    }
}

/// One table left out of one transformation's comparison (its counts are still
/// printed), and the load errors it causes.
struct Exception {
    dump: &'static str,
    transform: Transform,
    /// Lower-case table name.
    table: &'static str,
    /// psql error lines this causes in the output's load, tolerated.
    load_errors: &'static [&'static str],
    reason: &'static str,
}

// (The corpus needs none since a table counts as Liferay's only when its columns match
// the catalog's.)
const EXCEPTIONS: &[Exception] = &[
    case_twins("peer_pg"),
    case_twins("peer_pg_inserts"),
    case_twins("peer_pg_column_inserts_create"),
    merge_table("peer_mariadb", Transform::Convert),
    merge_table("peer_mariadb", Transform::ConvertLiferayPg),
    merge_table("peer_mariadb_hex_single_row", Transform::Convert),
    merge_table("peer_mariadb_hex_single_row", Transform::ConvertLiferayPg),
];

/// tests/data/peer/pg-cases.sql's `peer_main."UPPER"` and `peer_main.upper`: one table
/// once liferay-postgresql lower-cases names (L001), which it reports as an error
/// (L007); the second CREATE TABLE fails and its rows go into the first.
const fn case_twins(dump: &'static str) -> Exception {
    Exception {
        dump,
        transform: Transform::LiferayPg,
        table: "upper",
        load_errors: &["relation \"upper\" already exists"],
        reason: "two tables, \"UPPER\" and upper, that lower-casing (L001) makes one: \
                 reported as an error (L007), the fixed dump does not load them apart",
    }
}

/// The MERGE table of tests/data/peer/mariadb-cases.sql: its rows are its UNION tables'
/// (compared on their own), mysqldump writes none for it, and PostgreSQL has no such
/// engine: an empty table, reported (C014).
const fn merge_table(dump: &'static str, transform: Transform) -> Exception {
    Exception {
        dump,
        transform,
        table: "merge_all",
        load_errors: &[],
        reason: "a MERGE table (ENGINE=MRG_MyISAM): its rows are those of its UNION tables, \
                 which are compared; PostgreSQL gets an empty table, reported (C014)",
    }
}

/// MySQL dumps run through `liferay-mysql` without `--database` (so keeping their own
/// database name), and why.
// Empty since `--database` renames `db.table` qualifiers too (sakila's view
// actor_info names `sakila.film`, `sakila.actor`, …).
const OWN_DATABASE: &[(&str, &str)] = &[];

// ------------------------------------------------------------------ the test

#[derive(Default)]
struct Totals {
    dumps: usize,
    transforms: usize,
    tables: usize,
    rows: u64,
    values: u64,
    mismatches: Vec<String>,
    excluded: Vec<String>,
}

struct Cx<'a> {
    pg: &'a Pg,
    m: &'a Maria,
    corpus: PathBuf,
    tmp: tempfile::TempDir,
}

#[test]
fn no_loss_on_every_corpus_dump() {
    const TEST: &str = "no_loss_on_every_corpus_dump";
    let Some(corpus) = require_corpus(TEST) else {
        return;
    };
    let Some(pg) = Pg::connect(TEST) else {
        return;
    };
    let Some(m) = Maria::connect(TEST) else {
        return;
    };
    let only: Option<Vec<String>> = std::env::var("DUMPFIX_NO_LOSS_ONLY")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.split(',').map(|x| x.trim().to_owned()).collect());
    let cx = Cx {
        pg: &pg,
        m: &m,
        corpus,
        tmp: tempfile::tempdir().unwrap(),
    };
    let started = Instant::now();
    let chosen: Vec<&Dump> = DUMPS
        .iter()
        .filter(|d| only.as_ref().is_none_or(|o| o.iter().any(|l| l == d.label)))
        .collect();
    generate(&cx, &chosen);
    if only.is_none() {
        check_coverage(&cx);
    }
    print_exclusions();

    // The dumps, the costliest first, shared by `jobs` workers (servers do the work;
    // two keep both busy on this 2-core machine).
    let mut queue: Vec<(u64, &Dump)> = chosen
        .iter()
        .map(|&d| (cost(&dump_paths(&cx, d)), d))
        .collect();
    queue.sort_by_key(|(c, _)| *c);
    let queue = Mutex::new(queue);
    let jobs: usize = std::env::var("DUMPFIX_NO_LOSS_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .filter(|&j| j > 0)
        .unwrap_or(2);
    let totals = Mutex::new(Totals::default());
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let Some((_, dump)) = lock(&queue).pop() else {
                    break;
                };
                let t = Instant::now();
                match dump.dialect {
                    Dialect::Pg => run_pg_dump(&cx, dump, &totals),
                    Dialect::My => run_my_dump(&cx, dump, &totals),
                }
                lock(&totals).dumps += 1;
                eprintln!(
                    "no_loss[{}]: done in {:.1}s",
                    dump.label,
                    t.elapsed().as_secs_f64()
                );
            });
        }
    });
    let totals = totals.into_inner().unwrap_or_else(|e| e.into_inner());

    eprintln!("\n==================== no_loss totals ====================");
    eprintln!("dumps:            {}", totals.dumps);
    eprintln!("transformations:  {}", totals.transforms);
    eprintln!("tables compared:  {}", totals.tables);
    eprintln!("rows compared:    {}", totals.rows);
    eprintln!("values compared:  {}", totals.values);
    eprintln!("mismatches:       {}", totals.mismatches.len());
    eprintln!(
        "tables left out:  {} (reasons listed at the start)",
        totals.excluded.len()
    );
    for e in &totals.excluded {
        eprintln!("    {e}");
    }
    eprintln!("time:             {:.1}s", started.elapsed().as_secs_f64());
    eprintln!("========================================================");
    assert!(totals.transforms > 0 && totals.rows > 0, "nothing compared");
    assert!(
        totals.mismatches.is_empty(),
        "{} mismatch(es):\n{}",
        totals.mismatches.len(),
        totals.mismatches.join("\n")
    );
}

/// A mutex even when a panicking worker poisoned it (the panic fails the test anyway).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Cx<'_> {
    fn gen_dir(&self) -> PathBuf {
        self.tmp.path().join("generated")
    }
}

/// Make the [`Root::Generated`] dumps: each script is loaded once into a fresh database
/// (named [`GEN_MY_DB`] / [`GEN_PG_DB`], under a lock on that name), and the real dumper
/// writes one dump per option set.
fn generate(cx: &Cx, dumps: &[&Dump]) {
    let dir = cx.gen_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut scripts: Vec<(Dialect, &str)> = dumps
        .iter()
        .filter(|d| d.root == Root::Generated)
        .map(|d| (d.dialect, d.files[0]))
        .collect();
    scripts.sort_by_key(|(d, s)| (*d == Dialect::Pg, *s));
    scripts.dedup();
    for (dialect, script) in scripts {
        let t = Instant::now();
        let path = data.join(script);
        let users = dumps
            .iter()
            .filter(|d| d.root == Root::Generated && d.files[0] == script);
        let mut made = Vec::new();
        match dialect {
            Dialect::My => {
                let _lock =
                    cx.m.named_lock(&format!("dumpfix_tests_db_{GEN_MY_DB}"), 1800);
                let db = cx.m.create_db(GEN_MY_DB);
                cx.m.load_file(db.name(), &path);
                for d in users {
                    let mut cmd = std::process::Command::new("mariadb-dump");
                    // with --databases the name is read as a database's too
                    cmd.args(&cx.m.extra_args).args(d.dumper).arg(db.name());
                    cmd.stdin(Stdio::null());
                    made.push((d.label, run(cmd, None)));
                }
            }
            Dialect::Pg => {
                let _lock =
                    cx.m.named_lock(&format!("dumpfix_tests_pgdb_{GEN_PG_DB}"), 1800);
                let db = cx.pg.create_db(GEN_PG_DB);
                let mut cmd = cx.pg.psql(db.name());
                cmd.arg("-f").arg(&path).stdin(Stdio::null());
                run(cmd, None)
                    .unwrap_or_else(|e| panic!("loading {} into PostgreSQL: {e}", path.display()));
                for d in users {
                    let mut cmd = std::process::Command::new("pg_dump");
                    cmd.args(["-h", &cx.pg.host, "-U", &cx.pg.user])
                        .args(d.dumper)
                        .arg(db.name())
                        .stdin(Stdio::null());
                    made.push((d.label, run(cmd, None)));
                }
            }
        }
        for (label, out) in made {
            let out = out.unwrap_or_else(|e| panic!("{label}: the dumper failed: {e}"));
            std::fs::write(dir.join(format!("{label}.sql")), &out.stdout).unwrap();
        }
        eprintln!(
            "no_loss: dumped {} ({:.1}s)",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
}

/// A guess at a dump's cost, to start the slow ones first: its bytes, plus 150 kB per
/// table it creates (DDL dominates the small dumps on MariaDB).
fn cost(paths: &[PathBuf]) -> u64 {
    use std::io::BufRead;
    paths
        .iter()
        .map(|p| {
            let f = std::fs::File::open(p).unwrap();
            let bytes = f.metadata().unwrap().len();
            let tables = std::io::BufReader::new(f)
                .split(b'\n')
                .filter(|l| {
                    let l = l.as_ref().unwrap();
                    let l = String::from_utf8_lossy(&l[..l.len().min(40)]);
                    l.trim_start()
                        .to_ascii_uppercase()
                        .starts_with("CREATE TABLE")
                })
                .count() as u64;
            bytes + 150_000 * tables
        })
        .sum()
}

fn dump_paths(cx: &Cx, dump: &Dump) -> Vec<PathBuf> {
    let root = match dump.root {
        Root::Corpus => cx.corpus.clone(),
        Root::Examples => Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/examples"),
        Root::Generated => return vec![cx.gen_dir().join(format!("{}.sql", dump.label))],
    };
    dump.files.iter().map(|f| root.join(f)).collect()
}

/// Every corpus `.sql` file belongs to exactly one dump of [`DUMPS`], and every file of
/// [`DUMPS`] has the dialect the entry says.
fn check_coverage(cx: &Cx) {
    let listed: Vec<&str> = DUMPS
        .iter()
        .filter(|d| d.root == Root::Corpus)
        .flat_map(|d| d.files.iter().copied())
        .collect();
    let mut missing = Vec::new();
    for path in corpus_sql_files() {
        let rel = path
            .strip_prefix(&cx.corpus)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        match listed.iter().filter(|f| **f == rel).count() {
            1 => {}
            0 => missing.push(rel),
            n => panic!("{rel} is listed {n} times in DUMPS"),
        }
    }
    assert!(
        missing.is_empty(),
        "corpus dumps not in DUMPS (add them, with their dialect and database): {missing:?}"
    );
    for dump in DUMPS {
        for path in dump_paths(cx, dump) {
            assert!(path.is_file(), "{}: {} missing", dump.label, path.display());
            let (v, _) = stats_json(&path);
            let want = match dump.dialect {
                Dialect::Pg => "postgresql",
                Dialect::My => "mysql",
            };
            assert_eq!(
                v["dialect"].as_str(),
                Some(want),
                "{}: {} is detected as {}",
                dump.label,
                path.display(),
                v["dialect"]
            );
        }
    }
}

fn print_exclusions() {
    eprintln!("no_loss: what is tolerated or left out, and why:");
    for d in DUMPS {
        for (e, why) in d.load_errors {
            eprintln!(
                "  - {}: psql error `{e}` tolerated in every load: {why}",
                d.label
            );
        }
    }
    for e in EXCEPTIONS {
        eprintln!(
            "  - {} / {}: table {} not compared{}: {}",
            e.dump,
            e.transform.name(),
            e.table,
            if e.load_errors.is_empty() {
                String::new()
            } else {
                format!(" (load errors tolerated: `{}`)", e.load_errors.join("`, `"))
            },
            e.reason
        );
    }
    for (d, why) in OWN_DATABASE {
        eprintln!("  - {d} / liferay-mysql: no --database: {why}");
    }
}

/// The load errors the exceptions tolerate.
fn tolerated(exc: &[&Exception]) -> Vec<&'static str> {
    exc.iter()
        .flat_map(|e| e.load_errors.iter().copied())
        .collect()
}

fn exceptions(dump: &Dump, t: Transform) -> Vec<&'static Exception> {
    EXCEPTIONS
        .iter()
        .filter(|e| e.dump == dump.label && e.transform == t)
        .collect()
}

/// A MariaDB named lock for a database name the dump fixes itself (shared with
/// tests/convert.rs for the MariaDB names).
fn fixed_name_lock(cx: &Cx, dump: &Dump) -> Option<MariaLock> {
    let name = dump.own_db?;
    let prefix = match dump.dialect {
        Dialect::My => "dumpfix_tests_db_",
        Dialect::Pg => "dumpfix_tests_pgdb_",
    };
    Some(cx.m.named_lock(&format!("{prefix}{name}"), 1800))
}

/// Record one transformation's outcome.
fn record(
    totals: &Mutex<Totals>,
    dump: &Dump,
    t: Transform,
    out: &Outcome,
    extra: &str,
    secs: f64,
) {
    let mut totals = lock(totals);
    totals.transforms += 1;
    totals.tables += out.tables;
    totals.rows += out.rows;
    totals.values += out.values;
    let mut line = format!(
        "no_loss[{}] {}: {} tables, {} rows, {} values, {} mismatches{extra} ({secs:.1}s)",
        dump.label,
        t.name(),
        out.tables,
        out.rows,
        out.values,
        out.problems.len()
    );
    if !out.semantic.is_empty() {
        let _ = write!(
            line,
            "\n    compared by value (type changed): {}",
            out.semantic.join(", ")
        );
    }
    for e in &out.excluded {
        let _ = write!(line, "\n    left out: {e}");
        totals
            .excluded
            .push(format!("{} / {}: {e}", dump.label, t.name()));
    }
    for p in &out.problems {
        let _ = write!(line, "\n    MISMATCH {p}");
        totals
            .mismatches
            .push(format!("{} / {}: {p}", dump.label, t.name()));
    }
    eprintln!("{line}");
}

fn failed(totals: &Mutex<Totals>, dump: &Dump, t: Transform, why: String) {
    let mut totals = lock(totals);
    totals.transforms += 1;
    eprintln!("no_loss[{}] {}: FAILED {why}", dump.label, t.name());
    totals
        .mismatches
        .push(format!("{} / {}: {why}", dump.label, t.name()));
}

// ------------------------------------------------------------------ PostgreSQL dumps

fn run_pg_dump(cx: &Cx, dump: &Dump, totals: &Mutex<Totals>) {
    let paths = dump_paths(cx, dump);
    let _lock = fixed_name_lock(cx, dump);
    let dir = tempfile::tempdir_in(cx.tmp.path()).unwrap();

    // A: the original
    let t = Instant::now();
    let dump_tol: Vec<&str> = dump.load_errors.iter().map(|(e, _)| *e).collect();
    let a = match pg_load(cx.pg, &paths, dump.own_db, &dump_tol) {
        Ok((db, _)) => db,
        Err(e) => panic!("{}: the original does not load: {e}", dump.label),
    };
    let snap_a = snapshot(&Srv::Pg(cx.pg, a.name()));
    eprintln!(
        "no_loss[{}] original: {} tables, {} rows loaded into PostgreSQL ({:.1}s)",
        dump.label,
        snap_a.len(),
        snap_a.iter().map(|s| s.agg.rows).sum::<u64>(),
        t.elapsed().as_secs_f64()
    );

    // C: fix --target liferay-postgresql
    {
        let t = Instant::now();
        let tr = Transform::LiferayPg;
        let out = dir.path().join("liferay-pg.sql");
        let tool = run_tool(&["fix", "--target", "liferay-postgresql"], &paths, &out);
        let exc = exceptions(dump, tr);
        let mut tol = dump_tol.clone();
        tol.extend(tolerated(&exc));
        match tool
            .expect_codes(&[0, 1])
            .and_then(|()| pg_load(cx.pg, &[out], None, &tol))
        {
            Ok((c, n_tol)) => {
                let o = compare_live(
                    &Srv::Pg(cx.pg, a.name()),
                    &Srv::Pg(cx.pg, c.name()),
                    &exc,
                    &tool.lossy,
                );
                record(
                    totals,
                    dump,
                    tr,
                    &o,
                    &tool.note(n_tol),
                    t.elapsed().as_secs_f64(),
                );
            }
            Err(e) => failed(totals, dump, tr, e),
        }
    }
    drop(a);

    // B: fix (no target)
    {
        let t = Instant::now();
        let tr = Transform::Fix;
        let out = dir.path().join("fix.sql");
        let tool = run_tool(&["fix"], &paths, &out);
        match tool
            .expect_codes(&[0])
            .and_then(|()| same_bytes(&paths, &out))
            .and_then(|()| pg_load(cx.pg, &[out], dump.own_db, &dump_tol))
        {
            Ok((b, n_tol)) => {
                let snap_b = snapshot(&Srv::Pg(cx.pg, b.name()));
                let o = compare_snaps(&snap_a, &snap_b, &[]);
                record(
                    totals,
                    dump,
                    tr,
                    &o,
                    &tool.note(n_tol),
                    t.elapsed().as_secs_f64(),
                );
            }
            Err(e) => failed(totals, dump, tr, e),
        }
    }
}

/// Load `files` into a fresh PostgreSQL database (each with `--single-transaction`),
/// or — `creates` — run them from a scratch database, the files creating and
/// `\connect`ing to that database themselves. Errors containing one of `tolerated`
/// are allowed (and counted); any other is an `Err`.
fn pg_load(
    pg: &Pg,
    files: &[PathBuf],
    creates: Option<&str>,
    tolerated: &[&str],
) -> Result<(TestDb, usize), String> {
    let (db, scratch) = match creates {
        Some(name) => (
            pg.guard_db(name),
            Some(pg.create_db(&unique_name("nl_scratch"))),
        ),
        None => (pg.create_db(&unique_name("nl_pg")), None),
    };
    let connect = scratch.as_ref().map_or(db.name(), |s| s.name());
    let mut n_tolerated = 0;
    for f in files {
        let mut cmd = pg.psql(connect);
        if creates.is_none() {
            cmd.arg("--single-transaction");
        }
        if !tolerated.is_empty() {
            cmd.args(["-v", "ON_ERROR_STOP=0", "-v", "ON_ERROR_ROLLBACK=on"]);
        }
        cmd.arg("-f").arg(f).stdin(Stdio::null());
        let out = run(cmd, None).map_err(|e| format!("loading {}: {e}", f.display()))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("ERROR:")).collect();
        let unexpected: Vec<&&str> = errors
            .iter()
            .filter(|l| !tolerated.iter().any(|t| l.contains(t)))
            .collect();
        if !unexpected.is_empty() {
            return Err(format!(
                "loading {}: {} unexpected error(s):\n{}",
                f.display(),
                unexpected.len(),
                clip(&stderr, 3000)
            ));
        }
        n_tolerated += errors.len();
    }
    drop(scratch);
    Ok((db, n_tolerated))
}

// ------------------------------------------------------------------ MySQL dumps

fn run_my_dump(cx: &Cx, dump: &Dump, totals: &Mutex<Totals>) {
    let paths = dump_paths(cx, dump);
    let _lock = fixed_name_lock(cx, dump);
    let dir = tempfile::tempdir_in(cx.tmp.path()).unwrap();
    let utc = paths.iter().any(|p| sets_utc(p));

    // A: the original
    let t = Instant::now();
    let a = my_load(
        cx.m,
        &paths,
        dump.own_db,
        names_db(dump),
        &client_args(dump),
    )
    .unwrap_or_else(|e| panic!("{}: the original does not load: {e}", dump.label));
    let snap_a = snapshot(&Srv::My(cx.m, a.name(), true));
    eprintln!(
        "no_loss[{}] original: {} tables, {} rows loaded into MariaDB ({:.1}s)",
        dump.label,
        snap_a.len(),
        snap_a.iter().map(|s| s.agg.rows).sum::<u64>(),
        t.elapsed().as_secs_f64()
    );
    let left = Srv::My(cx.m, a.name(), utc);

    // convert --to postgresql, and the Liferay chain after it
    let t = Instant::now();
    let converted = dir.path().join("convert.sql");
    let tool = run_tool(&["convert", "--to", "postgresql"], &paths, &converted);
    let exc = exceptions(dump, Transform::Convert);
    match tool.expect_codes(&[0, 1]).and_then(|()| {
        pg_load(
            cx.pg,
            std::slice::from_ref(&converted),
            None,
            &tolerated(&exc),
        )
    }) {
        Ok((p, n_tol)) => {
            let o = compare_live(&left, &Srv::Pg(cx.pg, p.name()), &exc, &tool.lossy);
            let secs = t.elapsed().as_secs_f64();
            record(
                totals,
                dump,
                Transform::Convert,
                &o,
                &tool.note(n_tol),
                secs,
            );
        }
        Err(e) => failed(totals, dump, Transform::Convert, e),
    }
    {
        // the README's main MySQL path: fix --target liferay-postgresql on the MySQL
        // dump itself (the converter on its own thread, streaming into the rules)
        let t = Instant::now();
        let tr = Transform::ConvertLiferayPg;
        let out = dir.path().join("convert-liferay-pg.sql");
        let args = ["fix", "--target", "liferay-postgresql"];
        let tool = run_tool(&args, &paths, &out);
        let exc = exceptions(dump, tr);
        match tool
            .expect_codes(&[0, 1])
            .and_then(|()| pg_load(cx.pg, &[out], None, &tolerated(&exc)))
        {
            Ok((p, n_tol)) => {
                let o = compare_live(&left, &Srv::Pg(cx.pg, p.name()), &exc, &tool.lossy);
                let secs = t.elapsed().as_secs_f64();
                record(totals, dump, tr, &o, &tool.note(n_tol), secs);
            }
            Err(e) => failed(totals, dump, tr, e),
        }
    }
    drop(a);

    // C: fix --target liferay-mysql --database FRESH
    {
        let t = Instant::now();
        let tr = Transform::LiferayMy;
        let out = dir.path().join("liferay-my.sql");
        let own = OWN_DATABASE.iter().any(|(d, _)| *d == dump.label);
        let fresh = unique_name(&format!("nl_lr_{}", dump.label));
        let name = if own {
            dump.own_db
                .expect("OWN_DATABASE dumps have their own database")
        } else {
            fresh.as_str()
        };
        let mut args = vec!["fix", "--target", "liferay-mysql"];
        if !own {
            args.extend(["--database", name]);
        }
        let tool = run_tool(&args, &paths, &out);
        match tool
            .expect_codes(&[0, 1])
            .and_then(|()| my_load(cx.m, &[out], Some(name), false, &client_args(dump)))
        {
            Ok(c) => {
                let snap_c = snapshot(&Srv::My(cx.m, c.name(), true));
                let o = compare_snaps(&snap_a, &snap_c, &exceptions(dump, tr));
                record(
                    totals,
                    dump,
                    tr,
                    &o,
                    &tool.note(0),
                    t.elapsed().as_secs_f64(),
                );
            }
            Err(e) => failed(totals, dump, tr, e),
        }
    }

    // B: fix (no target)
    {
        let t = Instant::now();
        let tr = Transform::Fix;
        let out = dir.path().join("fix.sql");
        let tool = run_tool(&["fix"], &paths, &out);
        match tool
            .expect_codes(&[0])
            .and_then(|()| same_bytes(&paths, &out))
            .and_then(|()| {
                my_load(
                    cx.m,
                    &[out],
                    dump.own_db,
                    names_db(dump),
                    &client_args(dump),
                )
            }) {
            Ok(b) => {
                let snap_b = snapshot(&Srv::My(cx.m, b.name(), true));
                let o = compare_snaps(&snap_a, &snap_b, &[]);
                record(
                    totals,
                    dump,
                    tr,
                    &o,
                    &tool.note(0),
                    t.elapsed().as_secs_f64(),
                );
            }
            Err(e) => failed(totals, dump, tr, e),
        }
    }
}

/// Load `files` into a fresh MariaDB database, or — `creates` — with no default
/// database, the files creating and `USE`ing that database themselves.
///
/// `named`: the dump names database `creates` without creating it (mariadb-dump
/// qualifies a sequence in a DEFAULT with its database: `nextval(db.seq)`); it is
/// created empty and the files are loaded into it.
fn my_load(
    m: &Maria,
    files: &[PathBuf],
    creates: Option<&str>,
    named: bool,
    client_args: &[&str],
) -> Result<TestDb, String> {
    let db = match creates {
        Some(name) if named => m.create_db(name),
        Some(name) => m.guard_db(name),
        None => m.create_db(&unique_name("nl_my")),
    };
    for f in files {
        let mut cmd = m.client(if creates.is_some() && !named {
            ""
        } else {
            db.name()
        });
        cmd.args(client_args).stdin(std::fs::File::open(f).unwrap());
        run(cmd, None).map_err(|e| format!("loading {}: {e}", f.display()))?;
    }
    Ok(db)
}

/// Client options for loading a generated MySQL dump and its outputs: what the dump's
/// header sets but some option sets leave out. mariadb-dump writes utf8mb4 (the client's
/// default, utf8mb3, would turn 4-byte characters into `?` where `--skip-opt` drops
/// `SET NAMES`), and `--compact` drops `SQL_MODE='NO_AUTO_VALUE_ON_ZERO'` (without it
/// the values mariadb-dump writes for generated columns are an error in strict mode).
fn client_args(dump: &Dump) -> Vec<&'static str> {
    let mut args = Vec::new();
    if dump.root == Root::Generated {
        args.push("--default-character-set=utf8mb4");
        if dump.dumper.contains(&"--compact") {
            args.push("--init-command=SET sql_mode='NO_AUTO_VALUE_ON_ZERO'");
        }
    }
    args
}

/// A generated MySQL dump made without `--databases`: it names its database (see
/// [`my_load`]) but does not create it.
fn names_db(dump: &Dump) -> bool {
    dump.root == Root::Generated && !dump.dumper.contains(&"--databases")
}

/// The dump sets `TIME_ZONE='+00:00'` (mysqldump's header does): its TIMESTAMP literals
/// are UTC, so MariaDB is read in UTC for the comparison with PostgreSQL (as in
/// tests/convert.rs). Otherwise they were loaded, and are read, in the server's zone.
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

// ------------------------------------------------------------------ running dumpfix

struct Tool {
    what: String,
    code: i32,
    stderr: String,
    /// `table.column` (lower case) of the columns with a [`LOSS_CODES`] finding.
    lossy: BTreeMap<String, Loss>,
}

impl Tool {
    fn expect_codes(&self, ok: &[i32]) -> Result<(), String> {
        if ok.contains(&self.code) && !self.stderr.contains("panicked") {
            Ok(())
        } else {
            Err(format!(
                "`{}` exited {}:\n{}",
                self.what,
                self.code,
                clip(&self.stderr, 3000)
            ))
        }
    }

    /// `, exit N (error findings: …), K load errors tolerated` for the summary line.
    fn note(&self, tolerated: usize) -> String {
        let mut s = format!(", exit {}", self.code);
        // What made it exit 1: the findings other than info, a few shown.
        let said: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| {
                !l.trim().is_empty() && !l.contains(": info[") && !l.starts_with("dumpfix: fixed")
            })
            .collect();
        if self.code != 0 && !said.is_empty() {
            let shown: Vec<String> = said.iter().take(2).map(|l| clip(l, 160)).collect();
            let _ = write!(
                s,
                " ({} lines on stderr, e.g. {})",
                said.len(),
                shown.join(" | ")
            );
        }
        if tolerated > 0 {
            let _ = write!(s, ", {tolerated} tolerated load errors");
        }
        s
    }
}

/// `dumpfix ARGS [INPUT] -o OUT`: one input by path, several as their concatenation on
/// stdin. Runs in a scratch directory, so no `dumpfix.toml` around the crate applies.
fn run_tool(args: &[&str], inputs: &[PathBuf], out: &Path) -> Tool {
    let mut cmd = dumpfix();
    cmd.args(args)
        .arg("-o")
        .arg(out)
        .current_dir(out.parent().unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let report = out.with_extension("report.json");
    if args.first() == Some(&"fix") {
        cmd.arg("--report").arg(&report);
    }
    let mut what = format!("dumpfix {}", args.join(" "));
    let o = if let [one] = inputs {
        let _ = write!(what, " {}", one.display());
        cmd.arg(one).stdin(Stdio::null()).output().unwrap()
    } else {
        let _ = write!(what, " < cat {} files", inputs.len());
        output_with_files_on_stdin(cmd, inputs)
    };
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    // the findings: `fix --report` lists them all; `convert` prints them on stderr
    let mut messages: Vec<(String, String)> = stderr
        .lines()
        .filter_map(|l| {
            let (_, rest) = l.split_once('[')?;
            let (code, rest) = rest.split_once(']')?;
            let (_, msg) = rest.split_once(": ")?;
            Some((code.to_owned(), msg.to_owned()))
        })
        .collect();
    if let Ok(f) = std::fs::File::open(&report) {
        let v: serde_json::Value = serde_json::from_reader(f).unwrap();
        for f in v["findings"].as_array().into_iter().flatten() {
            messages.push((
                f["code"].as_str().unwrap_or_default().to_owned(),
                f["message"].as_str().unwrap_or_default().to_owned(),
            ));
        }
    }
    let mut lossy = BTreeMap::new();
    for (code, msg) in &messages {
        let Some((col, rest)) = msg.split_once(": ") else {
            continue;
        };
        if !LOSS_CODES.contains(&code.as_str()) {
            continue;
        }
        let loss = if code == "V002" && rest.contains("-infinity") {
            Loss::ZeroAsInfinity
        } else {
            Loss::AsWritten
        };
        lossy.insert(unquote_pair(col), loss);
    }
    Tool {
        what,
        code: o.status.code().unwrap_or(-1),
        stderr,
        lossy,
    }
}

/// `table.column` as a finding names it (either part maybe `"quoted"`), lower case,
/// unquoted.
fn unquote_pair(s: &str) -> String {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    parts.push(cur);
    parts
        .iter()
        .map(|p| name_key(p))
        .collect::<Vec<_>>()
        .join(".")
}

/// A table or column name as matched across servers: lower case (the targets fold
/// case), cut to PostgreSQL's 63 bytes (the converter renames longer ones, C003).
fn name_key(name: &str) -> String {
    let mut s = name.to_lowercase();
    let mut end = s.len().min(63);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// The findings that report a value written otherwise than it was (as NULL, without its
/// NUL bytes, a zero date as NULL): their `table.column` is compared with the
/// conversion's normalisation ([`maria_expr_lossy`]); every other column exactly.
const LOSS_CODES: &[&str] = &["C001", "V001", "V002"];

/// `fix` with no target promises a byte-for-byte copy.
fn same_bytes(inputs: &[PathBuf], out: &Path) -> Result<(), String> {
    let mut want: Box<dyn Read> = Box::new(std::io::empty());
    for p in inputs {
        want = Box::new(want.chain(std::fs::File::open(p).unwrap()));
    }
    let mut got = std::fs::File::open(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let (mut a, mut b) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    let mut at = 0u64;
    loop {
        let n = fill(&mut want, &mut a);
        let m = fill(&mut got, &mut b);
        if let Some(i) = a[..n].iter().zip(&b[..m]).position(|(x, y)| x != y) {
            return Err(format!(
                "fix without a target is not a byte-for-byte copy: first difference at byte {}",
                at + i as u64
            ));
        }
        if n != m {
            return Err(format!(
                "fix without a target is not a byte-for-byte copy: {} ends at byte {}",
                if n < m { "the input" } else { "the output" },
                at + n.min(m) as u64
            ));
        }
        if n == 0 {
            return Ok(());
        }
        at += n as u64;
    }
}

/// Read until `buf` is full or the input ends; the bytes read.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => panic!("read: {e}"),
        }
    }
    n
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

// ------------------------------------------------------------------ servers, tables

/// A name read as hex (UTF-8).
fn unhex_name(h: &str) -> String {
    String::from_utf8(common::unhex(h)).unwrap()
}

/// One loaded database.
enum Srv<'a> {
    Pg(&'a Pg, &'a str),
    /// MariaDB; `true`: read TIMESTAMP columns in UTC.
    My(&'a Maria, &'a str, bool),
}

#[derive(Clone, Debug)]
struct Col {
    name: String,
    /// The server's spelling of the type: `format_type()` / `COLUMN_TYPE`.
    ty: String,
    /// PostgreSQL `pg_type.typtype` / MariaDB `DATA_TYPE`.
    base: String,
    logical: Logical,
}

#[derive(Clone, Debug)]
struct Table {
    /// PostgreSQL schema; empty on MariaDB.
    schema: String,
    name: String,
    cols: Vec<Col>,
}

impl Table {
    fn label(&self) -> String {
        if self.schema.is_empty() {
            self.name.clone()
        } else {
            format!("{}.{}", self.schema, self.name)
        }
    }

    fn key(&self) -> String {
        name_key(&self.name)
    }

    /// The key on PostgreSQL → PostgreSQL copies (`fix`): schema and name exactly (a
    /// pg_dump may hold `s."UPPER"` and `s.upper`, or one name in several schemas);
    /// on MariaDB [`Table::key`] (liferay-mysql changes the case).
    fn full_key(&self) -> String {
        if self.schema.is_empty() {
            self.key()
        } else {
            format!("{}.{}", self.schema, self.name)
        }
    }
}

impl Srv<'_> {
    fn label(&self) -> String {
        match self {
            Srv::Pg(_, db) => format!("PostgreSQL {db}"),
            Srv::My(_, db, _) => format!("MariaDB {db}"),
        }
    }

    /// Run `sql` (on stdin: the checksum queries of wide tables pass the 128 KiB limit
    /// of one argument); tab-separated rows, no header, trailing newline removed.
    fn query(&self, sql: &str) -> String {
        let (cmd, sql) = match self {
            Srv::Pg(pg, db) => {
                let mut cmd = pg.psql(db);
                cmd.args(["-At", "-F", "\t", "-f", "-"]);
                (cmd, sql.to_owned())
            }
            Srv::My(m, _, utc) => {
                let tz = if *utc {
                    "SET SESSION time_zone = '+00:00'; "
                } else {
                    ""
                };
                let mut cmd = m.client("");
                cmd.args(["-N", "-B"]);
                (cmd, format!("SET NAMES utf8mb4; {tz}{sql};"))
            }
        };
        match run(cmd, Some(sql.as_bytes())) {
            Ok(out) => String::from_utf8_lossy(&out.stdout)
                .trim_end_matches('\n')
                .to_owned(),
            Err(e) => panic!(
                "query on {} failed: {}\n{e}",
                self.label(),
                clip(&sql, 3000)
            ),
        }
    }

    /// Every base table (PostgreSQL: relkind `r` outside the system schemas — leaf
    /// partitions, not their parents; MariaDB: `BASE TABLE`) with its columns in order.
    fn tables(&self) -> Vec<Table> {
        let mut tables: Vec<Table> = Vec::new();
        let out = match self {
            Srv::Pg(..) => self.query(
                "SELECT encode(convert_to(n.nspname, 'UTF8'), 'hex'), \
                 encode(convert_to(c.relname, 'UTF8'), 'hex'), \
                 encode(convert_to(a.attname, 'UTF8'), 'hex'), format_type(a.atttypid, a.atttypmod), \
                 t.typtype FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
                 JOIN pg_type t ON t.oid = a.atttypid \
                 WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' \
                 AND n.nspname !~ '^pg_' ORDER BY n.nspname, c.relname, a.attnum",
            ),
            Srv::My(_, db, _) => self.query(&format!(
                "SELECT '', HEX(c.table_name), HEX(c.column_name), c.column_type, LOWER(c.data_type) \
                 FROM information_schema.columns c \
                 JOIN information_schema.tables t ON t.table_schema = c.table_schema \
                 AND BINARY t.table_name = BINARY c.table_name WHERE c.table_schema = {} \
                 AND t.table_type IN ('BASE TABLE', 'SYSTEM VERSIONED') \
                 ORDER BY BINARY c.table_name, c.ordinal_position",
                my_lit(db)
            )),
        };
        for line in out.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 5, "odd column line {line:?}");
            // names in hex: they may hold tabs, newlines and backslashes, which the
            // clients' tab-separated output escapes or splits on
            let (schema, table, name) = (unhex_name(f[0]), unhex_name(f[1]), unhex_name(f[2]));
            let (schema, table) = (schema.as_str(), table.as_str());
            let logical = match self {
                Srv::Pg(..) => Logical::from_pg(f[3], f[4]),
                Srv::My(..) => Logical::from_maria(f[4], f[3]),
            };
            let col = Col {
                name,
                ty: f[3].to_owned(),
                base: f[4].to_owned(),
                logical,
            };
            match tables.last_mut() {
                Some(t) if t.schema == schema && t.name == table => t.cols.push(col),
                _ => tables.push(Table {
                    schema: schema.to_owned(),
                    name: table.to_owned(),
                    cols: vec![col],
                }),
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for t in &tables {
            assert!(
                seen.insert((t.schema.clone(), t.name.clone())),
                "table {} listed in pieces",
                t.label()
            );
        }
        tables
    }

    fn from(&self, t: &Table) -> String {
        match self {
            Srv::Pg(..) => format!("ONLY {}.{}", pg_ident(&t.schema), pg_ident(&t.name)),
            Srv::My(_, db, _) => format!("{}.{}", my_ident(db), my_ident(&t.name)),
        }
    }

    /// The row text from the columns' canonical expressions (each NULL for NULL).
    fn row_expr(&self, exprs: &[String]) -> String {
        if exprs.is_empty() {
            return "'#'".to_owned();
        }
        let fields: Vec<String> = exprs.iter().map(|e| self.or_tilde(e)).collect();
        match self {
            Srv::Pg(..) => fields.join(" || '|' || "),
            Srv::My(..) => format!("CONCAT_WS('|', {})", fields.join(", ")),
        }
    }

    /// A canonical expression with NULL as `~`.
    fn or_tilde(&self, e: &str) -> String {
        match self {
            Srv::Pg(..) => format!("coalesce({e}, '~')"),
            Srv::My(..) => format!("IFNULL({e}, '~')"),
        }
    }

    /// Count, row checksum and per-column checksums of each `(table, canonical column
    /// expressions)`.
    fn aggregates(&self, items: &[(&Table, Vec<String>)]) -> Vec<Agg> {
        let pg = matches!(self, Srv::Pg(..));
        let slice = |col: &str, from: usize| {
            if pg {
                format!("coalesce(sum(('x' || substr({col}, {from}, 15))::bit(60)::bigint), 0)")
            } else {
                format!(
                    "IFNULL(SUM(CAST(CONV(SUBSTRING({col}, {from}, 15), 16, 10) AS UNSIGNED)), 0)"
                )
            }
        };
        let md5 = if pg { "md5" } else { "MD5" };
        let selects: Vec<(Vec<String>, String)> = items
            .iter()
            .enumerate()
            .map(|(i, (t, exprs))| {
                let row = self.row_expr(exprs);
                let from = self.from(t);
                let mut outer = vec![
                    i.to_string(),
                    "count(*)".to_owned(),
                    slice("h", 1),
                    slice("h", 16),
                ];
                let mut inner = vec![format!("{md5}({row}) AS h")];
                for (k, e) in exprs.iter().enumerate() {
                    outer.push(slice(&format!("c{k}"), 1));
                    inner.push(format!("{md5}({}) AS c{k}", self.or_tilde(e)));
                }
                (
                    outer,
                    format!("FROM (SELECT {} FROM {from}) q", inner.join(", ")),
                )
            })
            .collect();
        let mut aggs: Vec<Option<Agg>> = vec![None; items.len()];
        for batch in selects.chunks(25) {
            // UNION ALL wants one width: pad with zeros (cut off again below)
            let width = batch.iter().map(|(o, _)| o.len()).max().unwrap_or(0);
            let sql: Vec<String> = batch
                .iter()
                .map(|(outer, from)| {
                    let mut outer = outer.clone();
                    outer.resize(width, "0".to_owned());
                    format!("SELECT {} {from}", outer.join(", "))
                })
                .collect();
            let out = self.query(&sql.join("\nUNION ALL\n"));
            for line in out.lines().filter(|l| !l.is_empty()) {
                let f: Vec<&str> = line.split('\t').collect();
                let [i, rows, h1, h2, cols @ ..] = &f[..] else {
                    panic!("odd checksum line {line:?}");
                };
                let i = i.parse::<usize>().unwrap();
                aggs[i] = Some(Agg {
                    rows: rows.parse().unwrap(),
                    sum: format!("{h1}/{h2}"),
                    cols: cols[..items[i].1.len()]
                        .iter()
                        .map(|c| (*c).to_owned())
                        .collect(),
                });
            }
        }
        aggs.into_iter()
            .map(|a| a.expect("a checksum for every table"))
            .collect()
    }

    /// The row texts of `t`, finished ([`finish_row`]) and sorted.
    fn rows(&self, t: &Table, exprs: &[String], canons: &[Canon]) -> Vec<String> {
        let out = self.query(&format!(
            "SELECT {} FROM {}",
            self.row_expr(exprs),
            self.from(t)
        ));
        let mut rows: Vec<String> = if out.is_empty() {
            Vec::new()
        } else {
            out.lines().map(|l| finish_row(canons, l)).collect()
        };
        rows.sort_unstable();
        rows
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Agg {
    rows: u64,
    /// The two 60-bit sums of the row texts' md5, `h1/h2`.
    sum: String,
    /// Per column, the 60-bit sum of its canonical texts' md5: the values compared
    /// column by column (and the column named when they differ).
    cols: Vec<String>,
}

impl Agg {
    /// The columns (by index) whose sums differ.
    fn differing(&self, other: &Agg) -> Vec<usize> {
        (0..self.cols.len().max(other.cols.len()))
            .filter(|&i| self.cols.get(i) != other.cols.get(i))
            .collect()
    }
}

// ------------------------------------------------------------------ exact comparison

/// A table's columns (with types) and its exact checksum.
struct Snap {
    table: Table,
    agg: Agg,
}

/// The exact canonical expression of a column (same server, same type on both sides),
/// on PostgreSQL (`pg`) or MariaDB.
fn exact_expr(pg: bool, c: &Col) -> String {
    if pg {
        let q = pg_ident(&c.name);
        let t = c.ty.as_str();
        let clear = matches!(
            t,
            "smallint" | "integer" | "bigint" | "boolean" | "date" | "real" | "double precision"
        ) || t.starts_with("numeric")
            || t.starts_with("timestamp")
            || t.starts_with("time");
        return if clear {
            format!("{q}::text")
        } else {
            format!("md5({q}::text)")
        };
    }
    let q = my_ident(&c.name);
    match c.base.as_str() {
        "tinyint" | "smallint" | "mediumint" | "int" | "bigint" | "decimal" | "float"
        | "double" | "date" | "datetime" | "timestamp" | "time" | "year" => {
            format!("CAST({q} AS CHAR)")
        }
        "bit" => format!("CAST({q} + 0 AS CHAR)"),
        _ => format!("MD5({q})"),
    }
}

fn snapshot(srv: &Srv) -> Vec<Snap> {
    let tables = srv.tables();
    let items: Vec<(&Table, Vec<String>)> = tables
        .iter()
        .map(|t| {
            let pg = matches!(srv, Srv::Pg(..));
            (t, t.cols.iter().map(|c| exact_expr(pg, c)).collect())
        })
        .collect();
    let aggs = srv.aggregates(&items);
    tables
        .iter()
        .cloned()
        .zip(aggs)
        .map(|(table, agg)| Snap { table, agg })
        .collect()
}

#[derive(Default)]
struct Outcome {
    tables: usize,
    rows: u64,
    /// Values compared: rows × columns of each compared table.
    values: u64,
    problems: Vec<String>,
    /// Columns whose type changed, compared by value: `table.column (a → b)`.
    semantic: Vec<String>,
    /// Tables left out by an [`Exception`], with their counts.
    excluded: Vec<String>,
}

/// Index `tables` by lower-case name; two tables with one key is an error of the test
/// set-up (it would need a mapping by schema too).
fn index(tables: impl Iterator<Item = (String, usize)>, side: &str) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for (key, i) in tables {
        assert!(
            map.insert(key.clone(), i).is_none(),
            "two tables named {key} (up to case and schema) in {side}"
        );
    }
    map
}

/// Compare exact snapshots: the same tables (names up to case), the same columns (names
/// up to case, identical types), the same counts and checksums.
fn compare_snaps(a: &[Snap], b: &[Snap], exc: &[&Exception]) -> Outcome {
    let mut o = Outcome::default();
    let bi = index(
        b.iter().enumerate().map(|(i, s)| (s.table.full_key(), i)),
        "the output",
    );
    let ai = index(
        a.iter().enumerate().map(|(i, s)| (s.table.full_key(), i)),
        "the original",
    );
    for sa in a {
        let sb = bi.get(&sa.table.full_key()).map(|&i| &b[i]);
        if exc.iter().any(|e| e.table == sa.table.key()) {
            o.excluded.push(format!(
                "{} ({} rows in the original, {} in the output)",
                sa.table.label(),
                sa.agg.rows,
                sb.map_or("no table".to_owned(), |s| s.agg.rows.to_string()),
            ));
            continue;
        }
        let Some(sb) = sb else {
            o.problems
                .push(format!("table {}: missing in the output", sa.table.label()));
            continue;
        };
        o.tables += 1;
        o.rows += sa.agg.rows;
        let cols = |s: &Snap| -> Vec<(String, String)> {
            s.table
                .cols
                .iter()
                .map(|c| (name_key(&c.name), c.ty.clone()))
                .collect()
        };
        if cols(sa) != cols(sb) {
            o.problems.push(format!(
                "table {}: columns differ: {:?} vs {:?}",
                sa.table.label(),
                cols(sa),
                cols(sb)
            ));
            continue;
        }
        o.values += sa.agg.rows * sa.table.cols.len() as u64;
        if sa.agg != sb.agg {
            let cols: Vec<&str> = sa
                .agg
                .differing(&sb.agg)
                .into_iter()
                .filter_map(|i| sa.table.cols.get(i).map(|c| c.name.as_str()))
                .collect();
            o.problems.push(format!(
                "table {} → {}: {} rows (checksum {}) in the original, {} rows (checksum {}) in the output; columns that differ: {}",
                sa.table.label(),
                sb.table.label(),
                sa.agg.rows,
                sa.agg.sum,
                sb.agg.rows,
                sb.agg.sum,
                cols.join(", ")
            ));
        }
    }
    for sb in b {
        if !ai.contains_key(&sb.table.full_key()) {
            o.problems.push(format!(
                "table {}: in the output only ({} rows)",
                sb.table.label(),
                sb.agg.rows
            ));
        }
    }
    o
}

// ------------------------------------------------------------------ comparison by value

/// Canonical expressions for a column pair whose servers or types differ, their
/// normalisation (`None`: PostgreSQL → PostgreSQL, finished on the server), and a note
/// when the type changed. `loss`: how values the conversion reported ([`LOSS_CODES`]) in this column
/// are compared.
type PairExprs = (String, String, Option<Canon>, Option<String>);

fn pair_exprs(left: &Srv, right: &Srv, lc: &Col, rc: &Col, loss: Loss) -> Option<PairExprs> {
    match (left, right) {
        (Srv::Pg(..), Srv::Pg(..)) => {
            let (a, b, note) = pg_pair(lc, rc);
            Some((a, b, None, note))
        }
        (Srv::My(..), Srv::Pg(..)) => {
            let k = canon(&lc.logical, &rc.logical)?;
            let note = (rc.ty == "oid").then(|| format!("{} → oid (large object)", lc.ty));
            // a reported TIME outside 00:00–24:00 is NULL in a PostgreSQL `time`
            let mk = if loss != Loss::Exact && k == Canon::Time && rc.ty.starts_with("time") {
                Canon::TimeInPgRange
            } else {
                k
            };
            Some((
                maria_expr_lossy(&lc.name, &lc.logical, mk, loss),
                pg_expr(&rc.name, &rc.logical, k),
                Some(k),
                note,
            ))
        }
        _ => panic!("no comparison from {} to {}", left.label(), right.label()),
    }
}

/// PostgreSQL → PostgreSQL (liferay-postgresql): exact where the type is unchanged,
/// else by value (see the file's doc).
fn pg_pair(lc: &Col, rc: &Col) -> (String, String, Option<String>) {
    let (lq, rq) = (pg_ident(&lc.name), pg_ident(&rc.name));
    let (lt, rt) = (lc.ty.as_str(), rc.ty.as_str());
    let note = Some(format!("{lt} → {rt}"));
    if lt == rt {
        return (exact_expr(true, lc), exact_expr(true, rc), None);
    }
    let int = matches!(lt, "smallint" | "integer" | "bigint");
    if int && rt == "boolean" {
        return (
            format!(
                "CASE WHEN {lq} IS NULL THEN NULL WHEN {lq} = 0 THEN 'f' WHEN {lq} = 1 THEN 't' \
                 ELSE 'int:' || {lq}::text END"
            ),
            format!("CASE WHEN {rq} THEN 't' WHEN NOT {rq} THEN 'f' END"),
            note,
        );
    }
    if lt == "bytea" && rt == "oid" {
        return (format!("md5({lq})"), format!("md5(lo_get({rq}))"), note);
    }
    if lt.ends_with("with time zone")
        && rt.starts_with("timestamp")
        && rt.ends_with("without time zone")
    {
        return (
            format!("({lq} AT TIME ZONE 'UTC')::text"),
            format!("{rq}::text"),
            note,
        );
    }
    (format!("md5({lq}::text)"), format!("md5({rq}::text)"), note)
}

/// (left table, right table, left exprs, right exprs, normalisations)
type Plan<'t> = (&'t Table, &'t Table, Vec<String>, Vec<String>, Vec<Canon>);

/// Compare two live databases column pair by column pair (liferay-postgresql,
/// convert): `left` is the original; `lossy` the `table.column`s whose values the
/// transformation reported written otherwise (see [`LOSS_CODES`]).
fn compare_live(
    left: &Srv,
    right: &Srv,
    exc: &[&Exception],
    lossy: &BTreeMap<String, Loss>,
) -> Outcome {
    let lt = left.tables();
    let rt = right.tables();
    // tables left out by an exception are not indexed (two tables the target makes
    // one, L007, are such)
    let kept = |t: &&Table| !exc.iter().any(|e| e.table == t.key());
    let ri = index(
        rt.iter()
            .enumerate()
            .filter(|(_, t)| kept(t))
            .map(|(i, t)| (t.key(), i)),
        &right.label(),
    );
    let li = index(
        lt.iter()
            .enumerate()
            .filter(|(_, t)| kept(t))
            .map(|(i, t)| (t.key(), i)),
        &left.label(),
    );
    let mut o = Outcome::default();
    // (left table, right table, left exprs, right exprs, normalisations)
    let mut plans: Vec<Plan> = Vec::new();
    let mut excluded: Vec<(&Table, Option<&Table>, &Exception)> = Vec::new();
    for l in &lt {
        if let Some(e) = exc.iter().find(|e| e.table == l.key()) {
            // not indexed: found by name for its count
            excluded.push((l, rt.iter().find(|t| t.key() == l.key()), e));
            continue;
        }
        let r = ri.get(&l.key()).map(|&i| &rt[i]);
        let Some(r) = r else {
            o.problems
                .push(format!("table {}: missing in {}", l.label(), right.label()));
            continue;
        };
        let (mut le, mut re, mut ks) = (Vec::new(), Vec::new(), Vec::new());
        for lc in &l.cols {
            let Some(rc) = r
                .cols
                .iter()
                .find(|c| name_key(&c.name) == name_key(&lc.name))
            else {
                o.problems.push(format!(
                    "{}.{}: column missing in {}",
                    l.label(),
                    lc.name,
                    right.label()
                ));
                continue;
            };
            let loss = lossy
                .get(&format!("{}.{}", l.key(), name_key(&lc.name)))
                .copied()
                .unwrap_or(Loss::Exact);
            let is_lossy = loss != Loss::Exact;
            match pair_exprs(left, right, lc, rc, loss) {
                Some((a, b, k, note)) => {
                    le.push(a);
                    re.push(b);
                    // `Canon::Text`: any normalisation finished on the server
                    ks.push(k.unwrap_or(Canon::Text));
                    if is_lossy {
                        o.semantic.push(format!(
                            "{}.{} (values reported as written otherwise: compared as written)",
                            r.name, rc.name
                        ));
                    }
                    if let Some(n) = note {
                        o.semantic.push(format!("{}.{} ({n})", r.name, rc.name));
                    }
                }
                // every column is compared: a pair without a rule fails the test
                // (it used to be skipped and printed)
                None => o.problems.push(format!(
                    "{}.{} ({} / {}): no comparison rule for these types",
                    l.label(),
                    lc.name,
                    lc.ty,
                    rc.ty
                )),
            }
        }
        for rc in &r.cols {
            if !l
                .cols
                .iter()
                .any(|c| name_key(&c.name) == name_key(&rc.name))
            {
                o.problems.push(format!(
                    "{}.{}: column only in {}",
                    r.label(),
                    rc.name,
                    right.label()
                ));
            }
        }
        plans.push((l, r, le, re, ks));
    }
    for r in &rt {
        if kept(&r) && !li.contains_key(&r.key()) {
            o.problems
                .push(format!("table {}: only in {}", r.label(), right.label()));
        }
    }
    let la = left.aggregates(
        &plans
            .iter()
            .map(|(l, _, le, _, _)| (*l, le.clone()))
            .collect::<Vec<_>>(),
    );
    let ra = right.aggregates(
        &plans
            .iter()
            .map(|(_, r, _, re, _)| (*r, re.clone()))
            .collect::<Vec<_>>(),
    );
    for (((l, r, le, re, ks), a), b) in plans.iter().zip(&la).zip(&ra) {
        o.tables += 1;
        o.rows += a.rows;
        o.values += a.rows * ks.len() as u64;
        if ks.iter().any(|&k| finishes(k)) {
            // floats and JSON are finished in Rust: compare the finished row texts
            let lrows = left.rows(l, le, ks);
            let rrows = right.rows(r, re, ks);
            if lrows != rrows {
                o.problems
                    .push(describe_diff(left, right, l, r, le, re, ks, a, b));
            }
        } else if a != b {
            o.problems
                .push(describe_diff(left, right, l, r, le, re, ks, a, b));
        }
    }
    if !excluded.is_empty() {
        let items: Vec<(&Table, Vec<String>)> =
            excluded.iter().map(|(l, _, _)| (*l, Vec::new())).collect();
        let counts = left.aggregates(&items);
        for ((l, r, _), a) in excluded.iter().zip(counts) {
            let rrows = match r {
                Some(r) => right.aggregates(&[(*r, Vec::new())])[0].rows.to_string(),
                None => "no table".to_owned(),
            };
            o.excluded.push(format!(
                "{} ({} rows in the original, {rrows} in the output)",
                l.label(),
                a.rows,
            ));
        }
    }
    o.semantic.sort();
    o.semantic.dedup();
    o
}

/// Counts, checksums, the columns that differ and a few differing rows of one table.
#[allow(clippy::too_many_arguments)]
fn describe_diff(
    left: &Srv,
    right: &Srv,
    l: &Table,
    r: &Table,
    le: &[String],
    re: &[String],
    ks: &[Canon],
    a: &Agg,
    b: &Agg,
) -> String {
    let mut s = format!(
        "table {} → {}: {} rows (checksum {}) in {}, {} rows (checksum {}) in {}",
        l.label(),
        r.label(),
        a.rows,
        a.sum,
        left.label(),
        b.rows,
        b.sum,
        right.label()
    );
    if !ks.iter().any(|&k| finishes(k)) {
        let cols: Vec<&str> = a
            .differing(b)
            .into_iter()
            .filter_map(|i| l.cols.get(i).map(|c| c.name.as_str()))
            .collect();
        let _ = write!(s, "; columns that differ: {}", cols.join(", "));
    }
    let lrows = left.rows(l, le, ks);
    let rrows = right.rows(r, re, ks);
    let (only_l, only_r) = multiset_diff(&lrows, &rrows);
    let _ = write!(
        s,
        "; {} rows only in the original, {} only in the output",
        only_l.len(),
        only_r.len()
    );
    let cols: Vec<&str> = l.cols.iter().map(|c| c.name.as_str()).collect();
    let _ = write!(s, "\n      columns: {}", cols.join(" | "));
    for x in only_l.iter().take(5) {
        let _ = write!(s, "\n      original only: {}", clip(x, 400));
    }
    for x in only_r.iter().take(5) {
        let _ = write!(s, "\n      output only:   {}", clip(x, 400));
    }
    s
}

// ------------------------------------------------------------------ harness self-test

/// The checksum itself: the same rows in another order and on the other server give
/// the same sums; one changed value, a lost duplicate, or a boolean that is not 0/1
/// change them.
#[test]
fn harness_checksum_is_order_and_server_independent() {
    const TEST: &str = "harness_checksum_is_order_and_server_independent";
    let Some(pg) = Pg::connect(TEST) else {
        return;
    };
    let Some(m) = Maria::connect(TEST) else {
        return;
    };
    let p1 = pg.create_db(&unique_name("nl_h1"));
    let p2 = pg.create_db(&unique_name("nl_h2"));
    let my = m.create_db(&unique_name("nl_h3"));
    pg.load_bytes(
        &p1,
        b"CREATE TABLE t (id int, name text, flag smallint, raw bytea, ts timestamptz);
          INSERT INTO t VALUES (1, 'a', 1, '\\x00ff', '2020-01-01 10:00:00+02'),
            (2, 'b', 0, NULL, NULL), (2, 'b', 0, NULL, NULL), (3, NULL, NULL, '', now());",
    );
    // the Liferay shape: boolean, large object, UTC wall clock
    pg.load_bytes(
        &p2,
        b"CREATE TABLE t (id int, name text, flag boolean, raw oid, ts timestamp);
          INSERT INTO t VALUES (3, NULL, NULL, lo_from_bytea(0, ''), NULL),
            (2, 'b', false, NULL, NULL),
            (1, 'a', true, lo_from_bytea(0, '\\x00ff'), '2020-01-01 08:00:00'),
            (2, 'b', false, NULL, NULL);",
    );
    let ts3 = pg.query(
        &p1,
        "SELECT (ts AT TIME ZONE 'UTC')::text FROM t WHERE id = 3",
    );
    pg.query(&p2, &format!("UPDATE t SET ts = '{ts3}' WHERE id = 3"));
    let (s1, s2) = (Srv::Pg(&pg, p1.name()), Srv::Pg(&pg, p2.name()));
    let o = compare_live(&s1, &s2, &[], &Default::default());
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    assert_eq!((o.tables, o.rows), (1, 4));
    assert_eq!(o.semantic.len(), 3, "{:?}", o.semantic);

    // A lost duplicate is found.
    pg.query(
        &p2,
        "DELETE FROM t WHERE ctid = (SELECT min(ctid) FROM t WHERE id = 2)",
    );
    let o = compare_live(&s1, &s2, &[], &Default::default());
    assert_eq!(o.problems.len(), 1, "{:?}", o.problems);
    assert!(
        o.problems[0].contains("1 rows only in the original"),
        "{}",
        o.problems[0]
    );
    pg.query(&p2, "INSERT INTO t VALUES (2, 'b', false, NULL, NULL)");
    assert!(compare_live(&s1, &s2, &[], &Default::default())
        .problems
        .is_empty());

    // A boolean from a value that is not 0/1 is a difference.
    pg.query(&p1, "UPDATE t SET flag = 2 WHERE id = 1");
    assert_eq!(
        compare_live(&s1, &s2, &[], &Default::default())
            .problems
            .len(),
        1
    );
    pg.query(&p1, "UPDATE t SET flag = 1 WHERE id = 1");

    // A changed large object is a difference.
    pg.query(
        &p2,
        "UPDATE t SET raw = lo_from_bytea(0, '\\x00fe') WHERE id = 1",
    );
    assert_eq!(
        compare_live(&s1, &s2, &[], &Default::default())
            .problems
            .len(),
        1
    );

    // Exact snapshots: same rows in another order are equal; a changed value is not.
    pg.query(&p1, "CREATE TABLE u AS SELECT id, name FROM t ORDER BY id");
    pg.query(
        &p2,
        "CREATE TABLE u AS SELECT id, name FROM t ORDER BY id DESC",
    );
    let (a, b) = (snapshot(&s1), snapshot(&s2));
    let ua = a.iter().find(|s| s.table.name == "u").unwrap();
    let ub = b.iter().find(|s| s.table.name == "u").unwrap();
    assert_eq!(ua.agg, ub.agg);
    pg.query(&p2, "UPDATE u SET name = 'c' WHERE name = 'b' AND ctid = (SELECT min(ctid) FROM u WHERE name = 'b')");
    let ub = snapshot(&s2)
        .into_iter()
        .find(|s| s.table.name == "u")
        .unwrap();
    assert_eq!(ua.agg.rows, ub.agg.rows);
    assert_ne!(ua.agg.sum, ub.agg.sum);

    // Server independence: MariaDB and PostgreSQL agree on the sums of the same rows.
    m.load_bytes(
        &my,
        b"CREATE TABLE `T` (`Id` int, `Name` varchar(10), `Flag` tinyint(1), `Raw` blob, `At` datetime);
          INSERT INTO `T` VALUES (2, 'b', 0, NULL, NULL), (1, 'a', 1, 0x00ff, '2020-01-01 08:00:00'),
            (2, 'b', 0, NULL, NULL);",
    );
    let p3 = pg.create_db(&unique_name("nl_h4"));
    pg.load_bytes(
        &p3,
        b"CREATE TABLE t (id integer, name character varying(10), flag boolean, raw bytea, at timestamp);
          INSERT INTO t VALUES (1, 'a', true, '\\x00ff', '2020-01-01 08:00:00'),
            (2, 'b', false, NULL, NULL), (2, 'b', false, NULL, NULL);",
    );
    let (sm, s3) = (Srv::My(&m, my.name(), true), Srv::Pg(&pg, p3.name()));
    let o = compare_live(&sm, &s3, &[], &Default::default());
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    assert_eq!((o.tables, o.rows), (1, 3));
    pg.query(&p3, "UPDATE t SET name = 'B' WHERE id = 1");
    let o = compare_live(&sm, &s3, &[], &Default::default());
    assert_eq!(o.problems.len(), 1, "{:?}", o.problems);

    // Exact MariaDB snapshots of a copy under another table case are equal.
    m.query(
        my.name(),
        "CREATE TABLE `t` AS SELECT * FROM `T` ORDER BY `Id` DESC",
    );
    let snaps = snapshot(&sm);
    let (upper, lower) = (
        snaps.iter().find(|s| s.table.name == "T").unwrap(),
        snaps.iter().find(|s| s.table.name == "t").unwrap(),
    );
    assert_eq!(upper.agg, lower.agg);
    assert_eq!(upper.agg.rows, 3);
    assert_eq!((upper.table.cols.len(), lower.table.cols.len()), (5, 5));
}
