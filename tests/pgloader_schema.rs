//! The schema `dumpfix convert --to postgresql` makes of sakila, compared with the one
//! pgloader makes of the same MariaDB database (issue 5: "at least as good as
//! pgloader's").
//!
//! 1. The corpus sakila scripts are loaded into a MariaDB database of a unique name
//!    (their `CREATE SCHEMA sakila; USE sakila;` and `sakila.` qualifiers rewritten by
//!    [`common::retarget_script`]), so no lock on the name `sakila` is needed.
//! 2. pgloader (Debian 12's package: `pgloader --version` says 3.6.7~devel, the package
//!    is 3.6.9-1) copies that database into a fresh PostgreSQL database with its
//!    defaults, as a MariaDB user of this test's own (`dumpfix_pgl_schema`, password
//!    login over TCP, as pgloader needs; created idempotently, granted on the test's
//!    database only, revoked at the end). Its tables land in a schema named after the
//!    MariaDB database.
//! 3. `mariadb-dump --routines --triggers` (= Debian's `mysqldump`) of the same database
//!    goes through `dumpfix convert --to postgresql` and `psql -v ON_ERROR_STOP=1
//!    --single-transaction` into another fresh database (schema `public`). The dump,
//!    not the corpus scripts: it is what pgloader reads too (the live catalog, e.g. no
//!    `location` column, as MariaDB skips `/*!50705 … */`; the keys InnoDB made for
//!    foreign keys), and what `mysqldump db | dumpfix convert` is for.
//! 4. Per table and column: `format_type(atttypid, atttypmod)`, NOT NULL, default and
//!    enum labels; primary keys, foreign keys, indexes (unique or not), the triggers
//!    pgloader makes for `ON UPDATE CURRENT_TIMESTAMP`; row counts.
//!
//! Every table and column pgloader made must exist in dumpfix's schema, with the same
//! type, NOT NULL and default, or a difference listed in [`ALLOWED`] (each with why
//! dumpfix's choice is at least as good);
//! dumpfix's NOT NULL and defaults must also be MariaDB's. Every primary key, foreign
//! key and index of pgloader's must have its equal in dumpfix's schema, or be listed in
//! [`ALLOWED_INDEXES`]. Equal after normalising (not differences): a `nextval(…)`
//! default (serial) and an identity column are both `auto`; `NULL::type` is no default;
//! `'3'::smallint` is `3`; a foreign key's `ON DELETE/UPDATE RESTRICT` is the default
//! `NO ACTION` (InnoDB treats the two alike, and `mariadb-dump` does not write RESTRICT;
//! on PostgreSQL both refuse to delete a referenced row, NO ACTION checks at the end of
//! the statement); index names are not compared.
//!
//! The comparison table is printed (`--nocapture`); BENCHMARKS.md ("sakila: dumpfix
//! convert vs pgloader schema") holds a copy with the reasons.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{
    convert_to_pg, corpus_and_servers, run, skip_or_fail, unique_name, Maria, Pg, SAKILA_SCRIPTS,
};

/// The MariaDB user pgloader logs in as (pgloader needs TCP and a password).
const PGL_USER: &str = "dumpfix_pgl_schema";
const PGL_PASSWORD: &str = "dumpfix_pgl_schema";
/// Seconds one pgloader run may take before it is stopped (it takes ~10 s).
const PGL_TIMEOUT: &str = "900";

// ------------------------------------------------------------------ the allowlist

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Aspect {
    Type,
    NotNull,
    Default,
    EnumLabels,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// dumpfix's schema says more, or says it more exactly.
    Better,
    /// Same values and behaviour for what MySQL can hold; a different spelling.
    Equivalent,
}

impl Verdict {
    fn label(self) -> &'static str {
        match self {
            Verdict::Better => "dumpfix better",
            Verdict::Equivalent => "equivalent",
        }
    }
}

/// One accepted column difference between pgloader's schema and dumpfix's.
struct Allowed {
    id: &'static str,
    aspect: Aspect,
    /// MariaDB column types it applies to: `COLUMN_TYPE`, plus ` auto_increment` for
    /// such columns; exact, or a prefix when it ends with `*`.
    source: &'static [&'static str],
    /// pgloader's and dumpfix's value (normalised, see the module doc); `{table}` and
    /// `{column}` stand for the column's names.
    pgloader: &'static str,
    dumpfix: &'static str,
    verdict: Verdict,
    why: &'static str,
}

const ALLOWED: &[Allowed] = &[
    Allowed {
        id: "T1",
        aspect: Aspect::Type,
        source: &["datetime"],
        pgloader: "timestamp with time zone",
        dumpfix: "timestamp without time zone",
        verdict: Verdict::Better,
        why: "DATETIME is a wall-clock time without a zone, which is what `timestamp` is; \
              `timestamptz` turns each value into an instant through the TimeZone of the \
              session that loads it, and shows it shifted to every reader's zone",
    },
    Allowed {
        id: "T2",
        aspect: Aspect::Type,
        source: &["timestamp"],
        pgloader: "timestamp with time zone",
        dumpfix: "timestamp without time zone",
        verdict: Verdict::Equivalent,
        why: "same values: mysqldump writes TIMESTAMPs in UTC (TIME_ZONE='+00:00') and \
              dumpfix loads them with SET TIME ZONE 'UTC', so they are the UTC times; \
              `timestamptz` is closer to MySQL for clients with another session zone, \
              and is what `dumpfix convert --timestamptz` makes; the default keeps \
              TIMESTAMP and DATETIME columns of one schema of one type",
    },
    Allowed {
        id: "T3",
        aspect: Aspect::Type,
        source: &["tinyint(3) unsigned auto_increment"],
        pgloader: "integer",
        dumpfix: "smallint",
        verdict: Verdict::Better,
        why: "0..255 fits a smallint; the columns referring to it (customer.store_id, \
              film_category.category_id, …) are smallint in both schemas, so dumpfix's \
              keys and foreign keys have one type, pgloader's (serial = integer) two",
    },
    Allowed {
        id: "T4",
        aspect: Aspect::Type,
        source: &["int(11)", "int(11) auto_increment"],
        pgloader: "bigint",
        dumpfix: "integer",
        verdict: Verdict::Better,
        why: "a signed INT holds exactly PostgreSQL integer's range; the (11) is a display \
              width, which pgloader's cast rule (int of precision >= 10 -> bigint, \
              bigserial) reads as a size: 4 bytes more per value, same values",
    },
    Allowed {
        id: "T5",
        aspect: Aspect::Type,
        source: &["set(*"],
        pgloader: "{table}_{column}[]",
        dumpfix: "text[]",
        verdict: Verdict::Equivalent,
        why: "pgloader makes an enum type of the SET's members and an array of it; \
              dumpfix's text[] carries CHECK (col <@ ARRAY[members]::text[]): both \
              store members only (the test tries a non-member); mysqldump writes the \
              members in definition order, so the arrays hold the same values",
    },
    Allowed {
        id: "N1",
        aspect: Aspect::NotNull,
        source: &["timestamp"],
        pgloader: "",
        dumpfix: "NOT NULL",
        verdict: Verdict::Better,
        why: "MariaDB's column is NOT NULL; pgloader's default cast drops NOT NULL from \
              timestamp columns, dumpfix keeps it",
    },
    Allowed {
        id: "D1",
        aspect: Aspect::Default,
        source: &["timestamp"],
        pgloader: "",
        dumpfix: "CURRENT_TIMESTAMP",
        verdict: Verdict::Better,
        why: "MariaDB's default is current_timestamp(); pgloader drops it (a row inserted \
              without the column gets NULL), dumpfix keeps it (both make a BEFORE UPDATE \
              trigger for ON UPDATE CURRENT_TIMESTAMP)",
    },
    Allowed {
        id: "E1",
        aspect: Aspect::EnumLabels,
        source: &["enum(*"],
        pgloader: "{labels}",
        dumpfix: "'',{labels}",
        verdict: Verdict::Better,
        why: "'' first: the value MySQL stores for an invalid member (non-strict \
              sql_mode) and mysqldump writes, which pgloader's type would refuse; the \
              members keep their MySQL order",
    },
];

/// One accepted index difference: pgloader's index (after `USING`), and how dumpfix's
/// for the same MySQL key starts.
struct AllowedIndex {
    id: &'static str,
    table: &'static str,
    pgloader: &'static str,
    dumpfix_prefix: &'static str,
    verdict: Verdict,
    why: &'static str,
}

const ALLOWED_INDEXES: &[AllowedIndex] = &[AllowedIndex {
    id: "I1",
    table: "film_text",
    pgloader: "btree (title, description)",
    dumpfix_prefix: "gin (to_tsvector('simple'::regconfig, ",
    verdict: Verdict::Better,
    why: "MySQL's FULLTEXT(title, description): pgloader makes a btree on the two \
          columns, which serves no text search and cannot hold a row whose title and \
          description pass btree's ~2.7 kB entry limit; dumpfix makes a GIN index on \
          to_tsvector('simple', …) (queries must use that expression)",
}];

fn source_matches(patterns: &[&str], source: &str) -> bool {
    patterns.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => source.starts_with(prefix),
        None => source == *p,
    })
}

fn expand(pattern: &str, table: &str, column: &str, labels: &str) -> String {
    pattern
        .replace("{table}", table)
        .replace("{column}", column)
        .replace("{labels}", labels)
}

// ------------------------------------------------------------------ catalogs

/// One PostgreSQL column, normalised (see the module doc).
#[derive(Clone, Debug, Default)]
struct PgColumn {
    ty: String,
    not_null: bool,
    default: String,
    /// Quoted labels of its enum type (or of its array's element type), `,`-joined.
    labels: String,
}

impl PgColumn {
    fn get(&self, aspect: Aspect) -> String {
        match aspect {
            Aspect::Type => self.ty.clone(),
            Aspect::NotNull => if self.not_null { "NOT NULL" } else { "" }.to_owned(),
            Aspect::Default => self.default.clone(),
            Aspect::EnumLabels => self.labels.clone(),
        }
    }

    fn cell(&self) -> String {
        let mut s = self.ty.clone();
        if self.not_null {
            s.push_str(" NN");
        }
        if !self.default.is_empty() {
            let _ = write!(s, " ={}", self.default);
        }
        s
    }
}

/// What the comparison reads of one PostgreSQL schema.
#[derive(Debug, Default)]
struct PgSchema {
    /// (table, column) → column, in table then column order
    columns: BTreeMap<(String, String), PgColumn>,
    /// column order per table, for printing
    order: BTreeMap<String, Vec<String>>,
    /// table → `PRIMARY KEY (…)`
    pks: BTreeMap<String, String>,
    /// (table, FOREIGN KEY … as pg_get_constraintdef prints it, unnormalised)
    fks: Vec<(String, String)>,
    /// (table, unique, what follows `USING` in pg_get_indexdef), primary keys left out
    indexes: Vec<(String, bool, String)>,
    /// table → its BEFORE UPDATE row triggers
    update_triggers: BTreeMap<String, usize>,
    triggers: usize,
    views: usize,
}

/// psql's unaligned rows of `sql` run in `db` with `search_path` set to `schema` (so
/// types, tables and regclasses print unqualified).
fn pg_rows(pg: &Pg, db: &str, schema: &str, sql: &str) -> Vec<Vec<String>> {
    let out = pg.query(db, &format!("SET search_path TO \"{schema}\"; {sql}"));
    out.lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn norm_default(expr: &str, identity: bool) -> String {
    if identity || expr.starts_with("nextval(") {
        return "auto".to_owned();
    }
    if expr.is_empty() || expr == "NULL" || expr.starts_with("NULL::") {
        return String::new();
    }
    // '3'::smallint → 3
    if let Some(rest) = expr.strip_prefix('\'') {
        if let Some((inner, _cast)) = rest.split_once("'::") {
            if inner.parse::<f64>().is_ok() {
                return inner.to_owned();
            }
        }
    }
    expr.to_owned()
}

fn read_pg_schema(pg: &Pg, db: &str, schema: &str) -> PgSchema {
    let mut s = PgSchema::default();
    let tables =
        format!("c.relkind IN ('r', 'p') AND c.relnamespace = '\"{schema}\"'::regnamespace");
    for r in pg_rows(
        pg,
        db,
        schema,
        &format!(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
             coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity <> '', \
             coalesce((SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder) \
                       FROM pg_enum e WHERE e.enumtypid IN (t.oid, t.typelem)), '') \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             JOIN pg_type t ON t.oid = a.atttypid \
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE {tables} AND a.attnum > 0 AND NOT a.attisdropped \
             ORDER BY c.relname, a.attnum"
        ),
    ) {
        let [table, column, ty, nn, def, ident, labels] = <[String; 7]>::try_from(r).unwrap();
        s.order
            .entry(table.clone())
            .or_default()
            .push(column.clone());
        s.columns.insert(
            (table, column),
            PgColumn {
                ty,
                not_null: nn == "t",
                default: norm_default(&def, ident == "t"),
                labels,
            },
        );
    }
    for r in pg_rows(
        pg,
        db,
        schema,
        &format!(
            "SELECT c.relname, k.contype, pg_get_constraintdef(k.oid) FROM pg_constraint k \
             JOIN pg_class c ON c.oid = k.conrelid WHERE {tables} AND k.contype IN ('p', 'f') \
             ORDER BY 1, 3"
        ),
    ) {
        let [table, kind, def] = <[String; 3]>::try_from(r).unwrap();
        if kind == "p" {
            s.pks.insert(table, def);
        } else {
            s.fks.push((table, def));
        }
    }
    for r in pg_rows(
        pg,
        db,
        schema,
        &format!(
            "SELECT c.relname, i.indisunique, \
             regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '') \
             FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid \
             WHERE {tables} AND NOT i.indisprimary ORDER BY 1, 3"
        ),
    ) {
        let [table, unique, def] = <[String; 3]>::try_from(r).unwrap();
        s.indexes.push((table, unique == "t", def));
    }
    for r in pg_rows(
        pg,
        db,
        schema,
        &format!(
            "SELECT c.relname, pg_get_triggerdef(g.oid) FROM pg_trigger g \
             JOIN pg_class c ON c.oid = g.tgrelid WHERE {tables} AND NOT g.tgisinternal"
        ),
    ) {
        let [table, def] = <[String; 2]>::try_from(r).unwrap();
        s.triggers += 1;
        if def.contains(" BEFORE UPDATE ON ") && def.contains(" FOR EACH ROW ") {
            *s.update_triggers.entry(table).or_default() += 1;
        }
    }
    s.views = pg_rows(
        pg,
        db,
        schema,
        &format!("SELECT count(*) FROM pg_views WHERE schemaname = '{schema}'"),
    )[0][0]
        .parse()
        .unwrap();
    s
}

/// One MariaDB column as information_schema describes it.
#[derive(Debug)]
struct MyColumn {
    /// `COLUMN_TYPE`, plus ` auto_increment`
    source: String,
    nullable: bool,
    default: Option<String>,
}

impl MyColumn {
    fn cell(&self) -> String {
        let mut s = self.source.replace(" auto_increment", " AI");
        if !self.nullable {
            s.push_str(" NN");
        }
        if let Some(d) = &self.default {
            let _ = write!(s, " ={d}");
        }
        s
    }
}

fn read_maria_columns(m: &Maria, db: &str) -> BTreeMap<(String, String), MyColumn> {
    let out = m.query(
        "",
        &format!(
            "SELECT c.table_name, c.column_name, c.column_type, c.is_nullable, \
             coalesce(c.column_default, '(none)'), c.extra \
             FROM information_schema.columns c JOIN information_schema.tables t \
             ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
             WHERE c.table_schema = '{db}' AND t.table_type = 'BASE TABLE'"
        ),
    );
    out.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let [table, column, ty, nullable, default, extra] = <[&str; 6]>::try_from(f)
                .unwrap_or_else(|f| panic!("odd information_schema row {f:?}"));
            let mut source = ty.to_owned();
            if extra.contains("auto_increment") {
                source.push_str(" auto_increment");
            }
            let default = match default {
                "(none)" | "NULL" => None,
                d => Some(d.to_owned()),
            };
            (
                (table.to_lowercase(), column.to_lowercase()),
                MyColumn {
                    source,
                    nullable: nullable == "YES",
                    default,
                },
            )
        })
        .collect()
}

/// MariaDB's default as PostgreSQL prints the equivalent one (for the "dumpfix keeps
/// MariaDB's default" check): `current_timestamp()` → `CURRENT_TIMESTAMP`, quotes and
/// `b'1'`-style booleans as dumpfix writes them.
fn maria_default_as_pg(d: &Option<String>, pg_type: &str) -> String {
    let Some(d) = d else {
        return String::new();
    };
    if d.eq_ignore_ascii_case("current_timestamp()") {
        return "CURRENT_TIMESTAMP".to_owned();
    }
    if pg_type == "boolean" {
        return if d.trim_matches('\'') == "0" {
            "false"
        } else {
            "true"
        }
        .to_owned();
    }
    match d.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        Some(inner) if inner.parse::<f64>().is_ok() => inner.to_owned(),
        Some(inner) => format!("'{inner}'::{pg_type}"),
        None => d.clone(),
    }
}

// ------------------------------------------------------------------ pgloader

/// The MariaDB user pgloader logs in as, granted on one database until dropped.
struct PgloaderGrant<'a> {
    m: &'a Maria,
    db_pattern: String,
}

const PGL_HOSTS: [&str; 2] = ["127.0.0.1", "localhost"];

impl<'a> PgloaderGrant<'a> {
    fn new(m: &'a Maria, db: &str) -> Self {
        // `_` is a wildcard in a GRANT's database name: escaped, the grant is this
        // database's only.
        let db_pattern = db.replace('_', "\\_");
        let mut sql = String::new();
        for host in PGL_HOSTS {
            let who = format!("'{PGL_USER}'@'{host}'");
            let _ = write!(
                sql,
                "CREATE USER IF NOT EXISTS {who} IDENTIFIED BY '{PGL_PASSWORD}'; \
                 ALTER USER {who} IDENTIFIED BY '{PGL_PASSWORD}'; \
                 GRANT SELECT, SHOW VIEW, LOCK TABLES, TRIGGER ON `{db_pattern}`.* TO {who}; "
            );
        }
        m.query("", &sql);
        PgloaderGrant { m, db_pattern }
    }
}

impl Drop for PgloaderGrant<'_> {
    fn drop(&mut self) {
        let sql: String = PGL_HOSTS
            .iter()
            .map(|h| {
                format!(
                    "REVOKE ALL PRIVILEGES ON `{}`.* FROM '{PGL_USER}'@'{h}'; ",
                    self.db_pattern
                )
            })
            .collect();
        let mut cmd = self.m.client("");
        cmd.args(["-e", &sql]).stdin(Stdio::null());
        if let Err(e) = run(cmd, None) {
            eprintln!("warning: could not revoke {PGL_USER}'s grant: {e}");
        }
    }
}

/// pgloader's option sets, tried in turn while it runs out of heap (as
/// benches/pgloader.sh does; sakila needs none of them).
const PGL_ATTEMPTS: &[&[&str]] = &[
    &[],
    &["--with", "prefetch rows = 10000"],
    &[
        "--dynamic-space-size",
        "8192",
        "--with",
        "prefetch rows = 5000",
        "--with",
        "workers = 1",
        "--with",
        "concurrency = 1",
    ],
];

/// Run pgloader from MariaDB database `src` into PG database `dst` (made empty first);
/// panics unless it exits 0 with no error in its summary. Returns its summary line.
fn run_pgloader(m: &Maria, pg: &Pg, src: &str, dst: &str, root: &Path) -> String {
    let port = m.query("", "SELECT @@port");
    let src_url = format!("mysql://{PGL_USER}:{PGL_PASSWORD}@127.0.0.1:{port}/{src}");
    let pg_port = std::env::var("PGPORT")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "5432".to_owned());
    let dst_url = if pg.host.starts_with('/') {
        format!("postgresql://{}@unix:{}:{pg_port}/{dst}", pg.user, pg.host)
    } else {
        format!("postgresql://{}@{}:{pg_port}/{dst}", pg.user, pg.host)
    };
    let mut failures = Vec::new();
    for (k, opts) in PGL_ATTEMPTS.iter().enumerate() {
        pg.admin(&format!("DROP DATABASE IF EXISTS \"{dst}\" WITH (FORCE)"));
        pg.admin(&format!(
            "CREATE DATABASE \"{dst}\" TEMPLATE template0 ENCODING 'UTF8'"
        ));
        let dir = root.join(format!("attempt-{k}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut cmd = Command::new("timeout");
        cmd.args([PGL_TIMEOUT, "pgloader"])
            .args(*opts)
            .arg("--root-dir")
            .arg(&dir)
            .args([&src_url, &dst_url])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let out = cmd.output().expect("cannot run timeout/pgloader");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // pgloader can exit 0 with errors in its summary: its "Total import time" line
        // must say ✓ (or 0) in the errors column, and no line may be an ERROR/FATAL.
        let total = text
            .lines()
            .find(|l| l.contains("Total import time"))
            .map(|l| l.trim().to_owned());
        let errors_ok = total.as_deref().is_some_and(|l| {
            l.split_whitespace()
                .nth(3)
                .is_some_and(|e| e == "✓" || e == "0")
        });
        let bad: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(" ERROR ") || l.contains(" FATAL ") || l.contains("KABOOM"))
            .take(5)
            .collect();
        if out.status.success() && errors_ok && bad.is_empty() {
            return total.unwrap();
        }
        let why = format!(
            "pgloader {opts:?} ({}): summary {total:?}; {}\n--- output (tail) ---\n{}",
            out.status,
            bad.join(" | "),
            tail_lines(&text, 40)
        );
        if text.contains("Heap exhausted") && k + 1 < PGL_ATTEMPTS.len() {
            eprintln!("pgloader ran out of heap; retrying with the next options");
            failures.push(why);
            continue;
        }
        failures.push(why);
        break;
    }
    panic!("pgloader failed:\n{}", failures.join("\n\n"));
}

fn tail_lines(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

fn first_line(mut cmd: Command) -> String {
    cmd.stdin(Stdio::null());
    match run(cmd, None) {
        Ok(o) => {
            let s = format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            s.lines().next().unwrap_or("").trim().to_owned()
        }
        Err(e) => e.lines().next().unwrap_or("").to_owned(),
    }
}

// ------------------------------------------------------------------ the test

#[test]
fn sakila_schema_vs_pgloader() {
    let test = "sakila_schema_vs_pgloader";
    let Some((corpus, m, pg)) = corpus_and_servers(test) else {
        return;
    };
    for tool in ["pgloader", "mariadb-dump", "timeout"] {
        let found = Command::new(tool)
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if !found {
            let _: Option<()> = skip_or_fail(
                test,
                &format!("`{tool}` not found (Debian: apt-get install pgloader)"),
            );
            return;
        }
    }
    let started = Instant::now();

    // 1. MariaDB: the corpus scripts in a database of our own
    let mdb = m.create_db(&unique_name("pgls_sakila"));
    for f in SAKILA_SCRIPTS {
        m.load_script_as(&mdb, &corpus.join(f), "sakila");
    }
    let t_maria = started.elapsed();

    // 2. pgloader, into schema `<mdb>` of its own database
    let tmp = tempfile::tempdir().unwrap();
    let pgl_db = pg.guard_db(&unique_name("pgls_pgloader"));
    let summary = {
        let _grant = PgloaderGrant::new(&m, &mdb);
        run_pgloader(&m, &pg, &mdb, &pgl_db, tmp.path())
    };
    let t_pgloader = started.elapsed() - t_maria;

    // 3. mariadb-dump | dumpfix convert | psql, into schema public
    let t = Instant::now();
    let dumped = m.dump(&[mdb.name()]);
    let (code, converted, stderr) = convert_to_pg(&dumped);
    let df_db = pg.create_db(&unique_name("pgls_dumpfix"));
    pg.load_bytes(&df_db, &converted);
    let t_dumpfix = t.elapsed();
    // A SET column takes its members only, as pgloader's enum array does (T5).
    let set_to = |v: &str| {
        let mut cmd = pg.psql(&df_db);
        cmd.args(["-v", "ON_ERROR_STOP=1", "-c"])
            .arg(format!(
                "UPDATE film SET special_features = '{v}' WHERE film_id = 1"
            ))
            .stdin(Stdio::null());
        run(cmd, None)
    };
    assert!(
        set_to("{Trailers,\"Deleted Scenes\"}").is_ok(),
        "members are accepted"
    );
    assert!(set_to("{}").is_ok(), "the empty set is accepted");
    assert!(
        set_to("{Bogus}").is_err(),
        "a string that is not a member is refused"
    );

    // 4. compare
    let maria = read_maria_columns(&m, &mdb);
    let pgl = read_pg_schema(&pg, &pgl_db, &mdb);
    let df = read_pg_schema(&pg, &df_db, "public");
    let mut problems: Vec<String> = Vec::new();
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    let mut table = String::new();
    let mut identical = 0;
    let mut differing = 0;
    let row = |t: &mut String, cells: [&str; 5]| {
        let _ = writeln!(
            t,
            "| {:<28} | {:<34} | {:<40} | {:<40} | {:<6} |",
            cells[0], cells[1], cells[2], cells[3], cells[4]
        );
    };
    row(
        &mut table,
        ["column", "MariaDB", "pgloader", "dumpfix", "diff"],
    );
    row(&mut table, ["---", "---", "---", "---", "---"]);
    assert!(!pgl.columns.is_empty(), "pgloader made no columns");
    for (tname, cols) in &pgl.order {
        for cname in cols {
            let key = (tname.clone(), cname.clone());
            let p = &pgl.columns[&key];
            let src = maria.get(&key);
            let src_cell = src.map_or("(not in MariaDB)".to_owned(), MyColumn::cell);
            let Some(d) = df.columns.get(&key) else {
                problems.push(format!(
                    "{tname}.{cname}: in pgloader's schema, not dumpfix's"
                ));
                row(
                    &mut table,
                    [
                        &format!("{tname}.{cname}"),
                        &src_cell,
                        &p.cell(),
                        "(missing)",
                        "!!",
                    ],
                );
                differing += 1;
                continue;
            };
            let source = src.map_or("", |s| s.source.as_str());
            let mut notes = Vec::new();
            for aspect in [
                Aspect::Type,
                Aspect::NotNull,
                Aspect::Default,
                Aspect::EnumLabels,
            ] {
                let (pv, dv) = (p.get(aspect), d.get(aspect));
                // labels are part of the type: compared when both have the same one
                if pv == dv || (aspect == Aspect::EnumLabels && p.ty != d.ty) {
                    continue;
                }
                let hit = ALLOWED.iter().find(|a| {
                    a.aspect == aspect
                        && source_matches(a.source, source)
                        && expand(a.pgloader, tname, cname, &p.labels) == pv
                        && expand(a.dumpfix, tname, cname, &p.labels) == dv
                });
                match hit {
                    Some(a) => {
                        *used.entry(a.id).or_default() += 1;
                        notes.push(a.id.to_owned());
                    }
                    None => {
                        notes.push("!!".to_owned());
                        problems.push(format!(
                            "{tname}.{cname} ({source}): {aspect:?} differs and is not in ALLOWED: \
                             pgloader {pv:?}, dumpfix {dv:?}"
                        ));
                    }
                }
            }
            // dumpfix's NOT NULL and default are MariaDB's
            if let Some(s) = src {
                if d.not_null == s.nullable {
                    problems.push(format!(
                        "{tname}.{cname}: dumpfix NOT NULL {} but MariaDB's column is {}",
                        d.not_null,
                        if s.nullable { "nullable" } else { "NOT NULL" }
                    ));
                }
                let want = maria_default_as_pg(&s.default, &d.ty);
                let auto = s.source.ends_with(" auto_increment");
                if !(auto && d.default == "auto") && d.default != want {
                    problems.push(format!(
                        "{tname}.{cname}: dumpfix default {:?}, MariaDB's {:?} (as PG: {want:?})",
                        d.default, s.default
                    ));
                }
            }
            if notes.is_empty() {
                identical += 1;
            } else {
                differing += 1;
            }
            row(
                &mut table,
                [
                    &format!("{tname}.{cname}"),
                    &src_cell,
                    &p.cell(),
                    &d.cell(),
                    &notes.join(" "),
                ],
            );
        }
    }
    let extra_cols: Vec<String> = df
        .columns
        .keys()
        .filter(|k| !pgl.columns.contains_key(*k))
        .map(|(t, c)| format!("{t}.{c}"))
        .collect();

    // keys and indexes
    for (t, pk) in &pgl.pks {
        if df.pks.get(t) != Some(pk) {
            problems.push(format!(
                "{t}: pgloader's {pk}, dumpfix's {:?}",
                df.pks.get(t)
            ));
        }
    }
    let norm_fk = |def: &str| {
        def.replace(" ON UPDATE RESTRICT", "")
            .replace(" ON DELETE RESTRICT", "")
    };
    let df_fks: BTreeSet<(String, String)> = df
        .fks
        .iter()
        .map(|(t, d)| (t.clone(), norm_fk(d)))
        .collect();
    let mut fk_restrict = 0;
    for (t, def) in &pgl.fks {
        if !df_fks.contains(&(t.clone(), norm_fk(def))) {
            problems.push(format!(
                "{t}: pgloader's {def} has no equal in dumpfix's schema"
            ));
        } else if !df.fks.contains(&(t.clone(), def.clone())) {
            fk_restrict += 1;
        }
    }
    let mut index_notes = Vec::new();
    for (t, unique, def) in &pgl.indexes {
        if df.indexes.contains(&(t.clone(), *unique, def.clone())) {
            continue;
        }
        let hit = ALLOWED_INDEXES.iter().find(|a| {
            a.table == t
                && a.pgloader == def
                && df
                    .indexes
                    .iter()
                    .any(|(dt, du, dd)| dt == t && du == unique && dd.starts_with(a.dumpfix_prefix))
        });
        match hit {
            Some(a) => {
                *used.entry(a.id).or_default() += 1;
                index_notes.push(format!(
                    "{t}: pgloader `{def}`, dumpfix `{}…` ({})",
                    a.dumpfix_prefix, a.id
                ));
            }
            None => problems.push(format!(
                "{t}: pgloader's {}index {def} has no equal in dumpfix's schema",
                if *unique { "unique " } else { "" }
            )),
        }
    }
    for (t, n) in &pgl.update_triggers {
        if df.update_triggers.get(t).copied().unwrap_or(0) < *n {
            problems.push(format!(
                "{t}: pgloader made {n} BEFORE UPDATE trigger(s) (ON UPDATE CURRENT_TIMESTAMP), dumpfix {}",
                df.update_triggers.get(t).copied().unwrap_or(0)
            ));
        }
    }
    let count = |s: &PgSchema, unique: bool| s.indexes.iter().filter(|i| i.1 == unique).count();
    if df.fks.len() < pgl.fks.len()
        || df.pks.len() < pgl.pks.len()
        || count(&df, true) < count(&pgl, true)
    {
        problems.push("dumpfix keeps fewer keys than pgloader".to_owned());
    }

    // rows: both loads complete
    let maria_rows = m.row_counts(&mdb);
    let strip = |c: BTreeMap<String, u64>| -> BTreeMap<String, u64> {
        c.into_iter()
            .map(|(k, v)| (k.split_once('.').map_or(k.clone(), |x| x.1.to_owned()), v))
            .collect()
    };
    let pgl_rows = strip(pg.row_counts(&pgl_db));
    let df_rows = strip(pg.row_counts(&df_db));
    if pgl_rows != maria_rows || df_rows != maria_rows {
        problems.push(format!(
            "row counts differ: MariaDB {maria_rows:?}\npgloader {pgl_rows:?}\ndumpfix {df_rows:?}"
        ));
    }

    // report
    let mut report = String::new();
    let _ = writeln!(
        report,
        "sakila: dumpfix convert vs pgloader schema\n\
         pgloader: {} (Debian package {}); {}; {}; PostgreSQL {}\n\
         pgloader: {summary}\n\
         dumpfix convert exit {code} ({} findings); MariaDB load {:.1}s, pgloader {:.1}s, \
         mariadb-dump|convert|psql {:.1}s\n",
        first_line({
            let mut c = Command::new("pgloader");
            c.arg("--version");
            c
        }),
        first_line({
            let mut c = Command::new("dpkg-query");
            c.args(["-W", "-f", "${Version}", "pgloader"]);
            c
        }),
        first_line({
            let mut c = Command::new("mariadb-dump");
            c.arg("--version");
            c
        }),
        m.query("", "SELECT CONCAT('MariaDB ', VERSION())"),
        pg.query("postgres", "SHOW server_version"),
        stderr.lines().count(),
        t_maria.as_secs_f64(),
        t_pgloader.as_secs_f64(),
        t_dumpfix.as_secs_f64(),
    );
    report.push_str(&table);
    let _ = writeln!(
        report,
        "\n{} columns in pgloader's schema: {identical} identical, {differing} differ; \
         dumpfix-only columns: {extra_cols:?}",
        identical + differing
    );
    let _ = writeln!(report, "\ndifferences (id, times, verdict, why):");
    for a in ALLOWED {
        let _ = writeln!(
            report,
            "  {} ×{:<2} {:<17} {:?} {} → pgloader {:?}, dumpfix {:?}: {}",
            a.id,
            used.get(a.id).copied().unwrap_or(0),
            a.verdict.label(),
            a.aspect,
            a.source.join(" | "),
            a.pgloader,
            a.dumpfix,
            a.why
        );
    }
    for a in ALLOWED_INDEXES {
        let _ = writeln!(
            report,
            "  {} ×{:<2} {:<17} index on {}: {}",
            a.id,
            used.get(a.id).copied().unwrap_or(0),
            a.verdict.label(),
            a.table,
            a.why
        );
    }
    let _ = writeln!(
        report,
        "\nkeys: primary keys pgloader {} / dumpfix {}; foreign keys {} / {} ({fk_restrict} \
         equal once ON DELETE RESTRICT is read as NO ACTION); unique indexes {} / {}; other \
         indexes {} / {}{}\ntriggers {} / {} (BEFORE UPDATE on {} / {} tables); views {} / {}; \
         rows equal to MariaDB's in all {} tables: {}",
        pgl.pks.len(),
        df.pks.len(),
        pgl.fks.len(),
        df.fks.len(),
        count(&pgl, true),
        count(&df, true),
        count(&pgl, false),
        count(&df, false),
        index_notes
            .iter()
            .map(|n| format!("\n  {n}"))
            .collect::<String>(),
        pgl.triggers,
        df.triggers,
        pgl.update_triggers.len(),
        df.update_triggers.len(),
        pgl.views,
        df.views,
        maria_rows.len(),
        pgl_rows == maria_rows && df_rows == maria_rows,
    );
    println!("{report}");

    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}\n\n{report}",
        problems.len(),
        problems.join("\n")
    );
    // every allowlist entry is still needed (a fixed difference must leave the list)
    let unused: Vec<&str> = ALLOWED
        .iter()
        .map(|a| a.id)
        .chain(ALLOWED_INDEXES.iter().map(|a| a.id))
        .filter(|id| !used.contains_key(id))
        .collect();
    assert!(
        unused.is_empty(),
        "allowlist entries no longer used: {unused:?}\n{report}"
    );
}
