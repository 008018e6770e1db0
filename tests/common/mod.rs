//! Helpers shared by the integration tests (`mod common;`).
//!
//! * Corpus: `DUMPFIX_CORPUS`, else `<crate>/../shared/corpus`.
//! * Servers: PostgreSQL through `psql`, MariaDB through `mariadb` (start them with
//!   `bash scripts/servers.sh start`).
//!
//! Missing corpus or an unreachable server is a *skip* (message on stderr) when run
//! locally, and a *panic* when the env var `CI` is `true`.
#![allow(dead_code)]
// These are test helpers: failing loudly is their job.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

pub mod compare;
pub mod random_sql;

/// True when running under CI (`CI=true`): missing prerequisites are failures there.
pub fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| v.eq_ignore_ascii_case("true") || v == "1")
        .unwrap_or(false)
}

/// Skip (return `None`) locally, panic under CI.
pub fn skip_or_fail<T>(test: &str, why: &str) -> Option<T> {
    if in_ci() {
        panic!("{test}: {why} (CI=true, so this is a failure, not a skip)");
    }
    eprintln!("skipping {test}: {why}");
    None
}

// ------------------------------------------------------------------ corpus

/// The corpus directory: `$DUMPFIX_CORPUS` if set, else `../shared/corpus` next to the
/// crate if it exists.
pub fn corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DUMPFIX_CORPUS").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// The corpus directory, or `None` (skip) locally / panic under CI when it is missing.
pub fn require_corpus(test: &str) -> Option<PathBuf> {
    match corpus_dir() {
        Some(dir) if dir.is_dir() => Some(dir),
        _ => skip_or_fail(test, "corpus not found (set DUMPFIX_CORPUS)"),
    }
}

/// Every `*.sql` file under the corpus (recursive, sorted); empty without a corpus.
pub fn corpus_sql_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                walk(&path, out);
            } else if (ft.is_file() || (ft.is_symlink() && path.is_file()))
                && path.extension().is_some_and(|e| e == "sql")
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    if let Some(dir) = corpus_dir().filter(|d| d.is_dir()) {
        walk(&dir, &mut files);
    }
    files.sort();
    files
}

/// The corpus sakila scripts, schema then data (they make database `sakila` themselves:
/// load them as they are under that name, or into another database with
/// [`Maria::load_script_as`]).
pub const SAKILA_SCRIPTS: [&str; 2] = [
    "mysql-sakila-official/sakila-schema.sql",
    "mysql-sakila-official/sakila-data.sql",
];

// ------------------------------------------------------------------ misc

/// The `dumpfix` binary built for this test run.
pub fn dumpfix() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dumpfix"))
}

/// `dumpfix convert --to postgresql` of `input` (bytes on stdin): exit code, output,
/// stderr. Panics unless it exits 0 or 1 without a panic message.
pub fn convert_to_pg(input: &[u8]) -> (i32, Vec<u8>, String) {
    let mut cmd = dumpfix();
    cmd.args(["convert", "--to", "postgresql"]);
    let o = output_with_stdin(cmd, input);
    let code = o.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(code == 0 || code == 1, "convert exited {code}:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, o.stdout, stderr)
}

/// Run `cmd` with `input` on its stdin (fed from a thread, so that a large input and a
/// large output cannot block each other); its stdout and stderr are captured.
pub fn output_with_stdin(mut cmd: Command, input: &[u8]) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let feeder = std::thread::spawn(move || {
        // EPIPE: the command stopped reading; its exit status says why.
        let _ = stdin.write_all(&data);
    });
    let o = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    o
}

/// Run `cmd` with the files `paths`, one after the other, on its stdin (`cat PATHS |
/// cmd`); its stdout and stderr are captured.
pub fn output_with_files_on_stdin(mut cmd: Command, paths: &[PathBuf]) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let files = paths.to_vec();
    let feeder = std::thread::spawn(move || {
        for p in &files {
            let mut f = std::fs::File::open(p).unwrap();
            // EPIPE: the command stopped reading; its exit status says why.
            if std::io::copy(&mut f, &mut stdin).is_err() {
                break;
            }
        }
    });
    let o = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    o
}

/// The corpus and both servers, for a test that needs all three (`None`: skipped,
/// said why; under CI a panic).
pub fn corpus_and_servers(test: &str) -> Option<(PathBuf, Maria, Pg)> {
    let corpus = require_corpus(test)?;
    let m = Maria::connect(test)?;
    let pg = Pg::connect(test)?;
    Some((corpus, m, pg))
}

/// A name unique to this process: `prefix_<pid>_<n>`, lower case, `[a-z0-9_]`, starting
/// with a letter, at most 60 bytes: safe as an (unquoted) PG / MariaDB database name.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut clean: String = prefix
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if !clean.starts_with(|c: char| c.is_ascii_lowercase()) {
        clean.insert(0, 't');
    }
    format!("{clean}_{}_{n}", std::process::id())
}

/// The OS user name (`id -un`, else `$USER`/`$LOGNAME`, else `root`).
pub fn os_user() -> String {
    Command::new("id")
        .arg("-un")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
        .or_else(|| std::env::var("LOGNAME").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "root".to_owned())
}

/// A PostgreSQL identifier, quoted.
pub fn pg_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A MySQL identifier, quoted.
pub fn my_ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

fn my_string(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Run `cmd`, optionally feeding `stdin` from memory (on a thread, so a chatty client
/// cannot deadlock us). Returns the output, or a description of the failure.
pub fn run(mut cmd: Command, stdin: Option<&[u8]>) -> Result<Output, String> {
    let what = describe(&cmd);
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run `{what}`: {e}"))?;
    let writer = stdin.map(|data| {
        let mut pipe = child.stdin.take().expect("stdin was piped");
        let data = data.to_vec();
        std::thread::spawn(move || {
            // A write error (EPIPE) means the client quit early; its exit status says why.
            let _ = pipe.write_all(&data);
        })
    });
    let out = child
        .wait_with_output()
        .map_err(|e| format!("waiting for `{what}`: {e}"))?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    if out.status.success() {
        Ok(out)
    } else {
        Err(format!(
            "`{what}` failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr),
            tail(&out.stdout)
        ))
    }
}

fn tail(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let s = s.trim_end();
    if s.is_empty() {
        return String::new();
    }
    let start = s.len().saturating_sub(2000);
    let start = (start..=s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    format!("--- stdout (tail) ---\n{}\n", &s[start..])
}

fn stdout_string(out: &Output) -> String {
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    while s.ends_with('\n') || s.ends_with('\r') {
        s.pop();
    }
    s
}

fn open_file(path: &Path) -> std::fs::File {
    std::fs::File::open(path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()))
}

// ------------------------------------------------------------------ PostgreSQL

/// A PostgreSQL server reached with `psql` (`$PGHOST`, default `/var/run/postgresql`;
/// `$PGUSER`, default the OS user; `$PGPORT` is honoured by psql itself).
#[derive(Clone, Debug)]
pub struct Pg {
    pub host: String,
    pub user: String,
}

impl Pg {
    /// Connect to the admin db `postgres`; skip locally / panic under CI if that fails.
    pub fn connect(test: &str) -> Option<Self> {
        let pg = Pg {
            host: std::env::var("PGHOST")
                .ok()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "/var/run/postgresql".to_owned()),
            user: std::env::var("PGUSER")
                .ok()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(os_user),
        };
        let mut cmd = pg.psql("postgres");
        cmd.env("PGCONNECT_TIMEOUT", "10")
            .args(["-At", "-c", "SELECT 1"])
            .stdin(Stdio::null());
        match run(cmd, None) {
            Ok(out) if stdout_string(&out) == "1" => Some(pg),
            Ok(_) => skip_or_fail(test, "PostgreSQL answered `SELECT 1` oddly"),
            Err(e) => skip_or_fail(
                test,
                &format!(
                    "PostgreSQL not reachable at {} as {} (run `bash scripts/servers.sh start`): {e}",
                    pg.host, pg.user
                ),
            ),
        }
    }

    /// `psql -X -q -v ON_ERROR_STOP=1 -h HOST -U USER -d DB` (empty db = `postgres`).
    pub fn psql(&self, db: &str) -> Command {
        let mut cmd = Command::new("psql");
        cmd.args([
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            &self.host,
            "-U",
            &self.user,
        ])
        .arg("-d")
        .arg(if db.is_empty() { "postgres" } else { db });
        if std::env::var_os("PGOPTIONS").is_none() {
            // keep NOTICEs (e.g. "table does not exist, skipping") out of stderr
            cmd.env("PGOPTIONS", "-c client_min_messages=warning");
        }
        cmd
    }

    /// Run `sql` in the admin db `postgres`; panics with psql's stderr on failure.
    pub fn admin(&self, sql: &str) {
        let mut cmd = self.psql("postgres");
        cmd.args(["-c", sql]).stdin(Stdio::null());
        run(cmd, None).unwrap_or_else(|e| panic!("{e}"));
    }

    fn drop_db_sql(name: &str) -> String {
        format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", pg_ident(name))
    }

    /// Drop any leftover database `name`, create it (UTF8, from template0) and return a
    /// guard that drops it again.
    pub fn create_db(&self, name: &str) -> TestDb {
        let guard = self.guard_db(name);
        self.admin(&format!(
            "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'",
            pg_ident(name)
        ));
        guard
    }

    /// Drop any leftover database `name` now and return a guard that drops it on Drop
    /// (for databases created by the loaded SQL itself).
    pub fn guard_db(&self, name: &str) -> TestDb {
        self.admin(&Self::drop_db_sql(name));
        TestDb {
            name: name.to_owned(),
            server: Server::Pg(self.clone()),
        }
    }

    /// `psql --single-transaction -f PATH` into `db`; panics with psql's stderr on failure.
    pub fn load_file(&self, db: &str, path: &Path) {
        let mut cmd = self.psql(db);
        cmd.arg("--single-transaction")
            .arg("-f")
            .arg(path)
            .stdin(Stdio::null());
        if let Err(e) = run(cmd, None) {
            panic!("loading {} into PG db {db}: {e}", path.display());
        }
    }

    /// Like [`Pg::load_file`], from memory via stdin.
    pub fn load_bytes(&self, db: &str, sql: &[u8]) {
        let mut cmd = self.psql(db);
        cmd.args(["--single-transaction", "-f", "-"]);
        if let Err(e) = run(cmd, Some(sql)) {
            panic!("loading {} bytes of SQL into PG db {db}: {e}", sql.len());
        }
    }

    /// Run `sql` in `db`; tab-separated unaligned tuples (`psql -At -F '\t'`), trailing
    /// newline removed.
    pub fn query(&self, db: &str, sql: &str) -> String {
        let mut cmd = self.psql(db);
        cmd.args(["-At", "-F", "\t", "-c", sql])
            .stdin(Stdio::null());
        match run(cmd, None) {
            Ok(out) => stdout_string(&out),
            Err(e) => panic!("PG query in {db} failed: {sql}\n{e}"),
        }
    }

    /// Exact `count(*)` of every leaf table (relkind 'r') outside the system schemas,
    /// keyed `schema.table` (unquoted names). Partitioned parents are not listed; their
    /// partitions are.
    pub fn row_counts(&self, db: &str) -> BTreeMap<String, u64> {
        // NUL separators: names may contain anything but NUL.
        let mut cmd = self.psql(db);
        cmd.args([
            "-At",
            "-z",
            "-0",
            "-c",
            "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c \
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' \
             AND n.nspname !~ '^pg_' ORDER BY 1, 2",
        ])
        .stdin(Stdio::null());
        let out = run(cmd, None).unwrap_or_else(|e| panic!("listing tables of PG db {db}: {e}"));
        let fields: Vec<String> = out
            .stdout
            .split(|&b| b == 0)
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let tables: Vec<(String, String)> = fields
            .chunks(2)
            .filter(|c| c.len() == 2)
            .map(|c| (c[0].clone(), c[1].clone()))
            .collect();
        let sql: Vec<String> = tables
            .iter()
            .enumerate()
            .map(|(i, (s, t))| {
                format!(
                    "SELECT {i}, count(*) FROM ONLY {}.{}",
                    pg_ident(s),
                    pg_ident(t)
                )
            })
            .collect();
        let keys: Vec<String> = tables.iter().map(|(s, t)| format!("{s}.{t}")).collect();
        collect_counts(&keys, &sql, |q| self.query(db, q))
    }
}

/// Run the `SELECT i, count` queries in batches and map them back to `keys`.
fn collect_counts(
    keys: &[String],
    selects: &[String],
    mut query: impl FnMut(&str) -> String,
) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for batch in selects.chunks(200) {
        let out = query(&batch.join(" UNION ALL "));
        for line in out.lines().filter(|l| !l.is_empty()) {
            let (i, n) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("unexpected count line {line:?}"));
            let i: usize = i.trim().parse().expect("table index");
            let n: u64 = n.trim().parse().expect("row count");
            counts.insert(keys[i].clone(), n);
        }
    }
    assert_eq!(counts.len(), keys.len(), "every table must be counted");
    counts
}

// ------------------------------------------------------------------ MariaDB

/// A MariaDB server reached with the `mariadb` client as the OS user (root via
/// unix_socket) over the default socket; `$DUMPFIX_MYSQL_ARGS` (whitespace separated)
/// is put first on every command line (so `--defaults-file=...` works).
#[derive(Clone, Debug)]
pub struct Maria {
    pub extra_args: Vec<String>,
}

impl Maria {
    /// Check the server answers `SELECT 1`; skip locally / panic under CI if not.
    pub fn connect(test: &str) -> Option<Self> {
        let m = Maria {
            extra_args: std::env::var("DUMPFIX_MYSQL_ARGS")
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
        };
        let mut cmd = m.client("");
        cmd.args(["--connect-timeout=10", "-N", "-B", "-e", "SELECT 1"])
            .stdin(Stdio::null());
        match run(cmd, None) {
            Ok(out) if stdout_string(&out) == "1" => Some(m),
            Ok(_) => skip_or_fail(test, "MariaDB answered `SELECT 1` oddly"),
            Err(e) => skip_or_fail(
                test,
                &format!("MariaDB not reachable (run `bash scripts/servers.sh start`): {e}"),
            ),
        }
    }

    /// `mariadb $DUMPFIX_MYSQL_ARGS [DB]` (empty db = no default database). Options added
    /// by the caller go after the db name, which the client accepts.
    pub fn client(&self, db: &str) -> Command {
        let mut cmd = Command::new("mariadb");
        cmd.args(&self.extra_args);
        if !db.is_empty() {
            cmd.arg(format!("--database={db}"));
        }
        cmd
    }

    fn admin(&self, sql: &str) {
        let mut cmd = self.client("");
        cmd.args(["-N", "-B", "-e", sql]).stdin(Stdio::null());
        run(cmd, None).unwrap_or_else(|e| panic!("{e}"));
    }

    /// Drop any leftover database `name`, create it and return a guard that drops it.
    pub fn create_db(&self, name: &str) -> TestDb {
        let guard = self.guard_db(name);
        self.admin(&format!(
            "CREATE DATABASE {} CHARACTER SET utf8mb4",
            my_ident(name)
        ));
        guard
    }

    /// Drop any leftover database `name` now and return a guard that drops it on Drop
    /// (for dumps that carry their own `CREATE DATABASE`/`USE`).
    pub fn guard_db(&self, name: &str) -> TestDb {
        self.admin(&format!("DROP DATABASE IF EXISTS {}", my_ident(name)));
        TestDb {
            name: name.to_owned(),
            server: Server::Maria(self.clone()),
        }
    }

    /// `mariadb DB < PATH` (empty db = none: for dumps with their own `USE`); panics with
    /// the client's stderr on failure.
    pub fn load_file(&self, db: &str, path: &Path) {
        let mut cmd = self.client(db);
        cmd.stdin(open_file(path));
        if let Err(e) = run(cmd, None) {
            panic!("loading {} into MariaDB db {db:?}: {e}", path.display());
        }
    }

    /// Like [`Maria::load_file`], from memory via stdin.
    pub fn load_bytes(&self, db: &str, sql: &[u8]) {
        let cmd = self.client(db);
        if let Err(e) = run(cmd, Some(sql)) {
            panic!(
                "loading {} bytes of SQL into MariaDB db {db:?}: {e}",
                sql.len()
            );
        }
    }

    /// `mariadb-dump $DUMPFIX_MYSQL_ARGS --routines --triggers [ARGS]` (Debian's
    /// `mysqldump` is a link to it): the dump, or a panic with its stderr.
    pub fn dump(&self, args: &[&str]) -> Vec<u8> {
        let mut cmd = Command::new("mariadb-dump");
        cmd.args(&self.extra_args)
            .args(["--routines", "--triggers"])
            .args(args)
            .stdin(Stdio::null());
        run(cmd, None).unwrap_or_else(|e| panic!("{e}")).stdout
    }

    /// Load the script at `path`, which makes and fills database `from` itself, into
    /// database `db` instead (see [`retarget_script`]): the corpus sakila scripts in a
    /// database of a unique name, so no lock on the name `sakila` is needed.
    pub fn load_script_as(&self, db: &str, path: &Path, from: &str) {
        // held whole to be rewritten: for small scripts (sakila's are 3 MB)
        let mut text = String::new();
        std::io::Read::read_to_string(&mut open_file(path), &mut text)
            .unwrap_or_else(|e| panic!("cannot read {} as UTF-8: {e}", path.display()));
        self.load_bytes(db, retarget_script(&text, from, db).as_bytes());
    }

    /// Run `sql` in `db`; tab-separated rows without headers (`-N -B`), trailing newline
    /// removed.
    pub fn query(&self, db: &str, sql: &str) -> String {
        let mut cmd = self.client(db);
        cmd.args(["-N", "-B", "-e", sql]).stdin(Stdio::null());
        match run(cmd, None) {
            Ok(out) => stdout_string(&out),
            Err(e) => panic!("MariaDB query in {db:?} failed: {sql}\n{e}"),
        }
    }

    /// Exact `COUNT(*)` of every base table of `db`, keyed by table name.
    pub fn row_counts(&self, db: &str) -> BTreeMap<String, u64> {
        // HEX() so odd names survive the batch-mode escaping.
        let listing = self.query(
            "",
            &format!(
                "SELECT HEX(table_name) FROM information_schema.tables \
                 WHERE table_schema = {} AND table_type = 'BASE TABLE' ORDER BY table_name",
                my_string(db)
            ),
        );
        let keys: Vec<String> = listing
            .lines()
            .filter(|l| !l.is_empty())
            .map(|h| String::from_utf8_lossy(&unhex(h.trim())).into_owned())
            .collect();
        let selects: Vec<String> = keys
            .iter()
            .enumerate()
            .map(|(i, t)| format!("SELECT {i}, COUNT(*) FROM {}.{}", my_ident(db), my_ident(t)))
            .collect();
        collect_counts(&keys, &selects, |q| self.query(db, q))
    }
}

/// `script`, which makes database `from` and works in it, rewritten for database `to`
/// (made by the caller): its lines `DROP SCHEMA|DATABASE [IF EXISTS] from;` and
/// `CREATE SCHEMA|DATABASE from;` are blanked (line numbers stay), `USE from;` becomes
/// `USE to;`, and a qualifier `from.` (or quoted) that starts a word becomes `to.`
/// (sakila's views read `sakila.film`). Panics if a `USE` of another database is left,
/// or if nothing was rewritten.
pub fn retarget_script(script: &str, from: &str, to: &str) -> String {
    let to_q = my_ident(to);
    let is = |line: &str, stmt: &str| {
        let l = line.trim().trim_end_matches(';').trim();
        let bare = l.replace('`', "");
        bare.eq_ignore_ascii_case(stmt)
    };
    let mut out = String::with_capacity(script.len() + 1024);
    let mut rewritten = 0;
    for line in script.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        let drops = [
            "DROP SCHEMA IF EXISTS",
            "DROP DATABASE IF EXISTS",
            "DROP SCHEMA",
            "DROP DATABASE",
            "CREATE SCHEMA",
            "CREATE DATABASE",
        ];
        if drops.iter().any(|d| is(body, &format!("{d} {from}"))) {
            rewritten += 1;
            out.push_str(eol);
            continue;
        }
        if is(body, &format!("USE {from}")) {
            rewritten += 1;
            out.push_str(&format!("USE {to_q};"));
            out.push_str(eol);
            continue;
        }
        let trimmed = body.trim_start();
        assert!(
            !(trimmed.len() > 4 && trimmed[..4].eq_ignore_ascii_case("USE ")),
            "retarget_script: a USE of another database than {from}: {body}"
        );
        // qualifiers `from.` / `` `from`. `` at the start of a word
        let mut rest = body;
        while !rest.is_empty() {
            let hit = [format!("`{from}`."), format!("{from}.")]
                .into_iter()
                .filter_map(|pat| {
                    let mut start = 0;
                    while let Some(i) = rest[start..].find(&pat) {
                        let at = start + i;
                        let before = rest[..at].chars().next_back();
                        if !before.is_some_and(|c| {
                            c.is_alphanumeric() || c == '_' || c == '$' || c == '`'
                        }) {
                            return Some((at, pat.len()));
                        }
                        start = at + pat.len();
                    }
                    None
                })
                .min();
            match hit {
                Some((at, len)) => {
                    out.push_str(&rest[..at]);
                    out.push_str(&to_q);
                    out.push('.');
                    rest = &rest[at + len..];
                    rewritten += 1;
                }
                None => {
                    out.push_str(rest);
                    rest = "";
                }
            }
        }
        out.push_str(eol);
    }
    assert!(
        rewritten > 0,
        "retarget_script: nothing names database {from}"
    );
    out
}

/// The bytes of a server's hex text (`HEX()`, `encode(…, 'hex')`).
pub fn unhex(h: &str) -> Vec<u8> {
    (0..h.len() / 2)
        .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).expect("hex from HEX()"))
        .collect()
}

// ------------------------------------------------------------------ guard

#[derive(Debug)]
enum Server {
    Pg(Pg),
    Maria(Maria),
}

/// A database that is dropped when this guard goes out of scope (set
/// `DUMPFIX_KEEP_DBS=1` to keep it for inspection). Derefs to its name.
#[derive(Debug)]
pub struct TestDb {
    name: String,
    server: Server,
}

impl TestDb {
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Deref for TestDb {
    type Target = str;
    fn deref(&self) -> &str {
        &self.name
    }
}

impl AsRef<str> for TestDb {
    fn as_ref(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for TestDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if std::env::var_os("DUMPFIX_KEEP_DBS").is_some_and(|v| v == "1") {
            eprintln!("keeping test database {} (DUMPFIX_KEEP_DBS=1)", self.name);
            return;
        }
        // Never panic in Drop (it may run while unwinding): report and move on.
        let result = match &self.server {
            Server::Pg(pg) => {
                let mut cmd = pg.psql("postgres");
                cmd.args(["-c", &Pg::drop_db_sql(&self.name)])
                    .stdin(Stdio::null());
                run(cmd, None)
            }
            Server::Maria(m) => {
                let mut cmd = m.client("");
                cmd.args([
                    "-e",
                    &format!("DROP DATABASE IF EXISTS {}", my_ident(&self.name)),
                ])
                .stdin(Stdio::null());
                run(cmd, None)
            }
        };
        if let Err(e) = result {
            eprintln!("warning: could not drop test database {}: {e}", self.name);
        }
    }
}

/// `dumpfix stats --format json PATH`: the whole JSON and its rows per table.
pub fn stats_json(path: &Path) -> (serde_json::Value, BTreeMap<String, u64>) {
    let out = dumpfix()
        .args(["stats", "--quiet", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["rows"].as_u64().unwrap(),
            )
        })
        .collect();
    (v, rows)
}

// ------------------------------------------------------------------ MariaDB named lock

/// A MariaDB named lock (`GET_LOCK`), held by a `mariadb` client process of its own
/// until this guard is dropped (or the test process dies: the connection closes and the
/// server releases it). Serialises tests of *different* processes, e.g. two `cargo test`
/// runs against the same server that load a dump under the same fixed database name.
#[derive(Debug)]
pub struct MariaLock {
    name: String,
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    // Kept open: the client must not see a closed stdout while it holds the lock.
    _stdout: std::io::BufReader<std::process::ChildStdout>,
}

impl Maria {
    /// Wait up to `timeout_secs` for the server-wide lock `name`; panics if it is not
    /// granted in time.
    pub fn named_lock(&self, name: &str, timeout_secs: u32) -> MariaLock {
        use std::io::BufRead;
        let mut cmd = self.client("");
        cmd.args(["-N", "-B", "--unbuffered"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run the mariadb client: {e}"));
        let mut stdin = child.stdin.take().expect("stdin was piped");
        let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout was piped"));
        let mut line = String::new();
        let asked = writeln!(
            stdin,
            "SELECT GET_LOCK({}, {timeout_secs});",
            my_string(name)
        )
        .and_then(|()| stdin.flush())
        .and_then(|()| stdout.read_line(&mut line));
        if asked.is_err() || line.trim() != "1" {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "MariaDB lock {name} not granted within {timeout_secs}s ({asked:?}, answer {:?})",
                line.trim()
            );
        }
        MariaLock {
            name: name.to_owned(),
            child,
            stdin: Some(stdin),
            _stdout: stdout,
        }
    }
}

impl MariaLock {
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for MariaLock {
    fn drop(&mut self) {
        // EOF on stdin: the client quits, its connection closes, the lock is released.
        drop(self.stdin.take());
        if self.child.wait().is_err() {
            let _ = self.child.kill();
        }
    }
}
