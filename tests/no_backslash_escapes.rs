//! Dumps read under MySQL's `NO_BACKSLASH_ESCAPES` (issue 5), against real servers.
//!
//! The test starts its own MariaDB (`mariadb-install-db` + `mariadbd
//! --sql-mode=NO_BACKSLASH_ESCAPES` on a private socket, no TCP), so the shared
//! server's global settings are never touched, and fills it with strings that end in
//! a backslash, hold `\'`-, `\n`- and `\0`-looking sequences, quotes, raw control
//! bytes, and a `tinyint(1)` column. Then:
//!
//! * the real `mariadb-dump` of it: table data backslash-escaped under the header's
//!   `SQL_MODE='NO_AUTO_VALUE_ON_ZERO'`, trigger and procedure bodies verbatim between
//!   `SET sql_mode = 'NO_BACKSLASH_ESCAPES'` and `SET sql_mode = @saved_sql_mode`;
//! * the same dump written for a `NO_BACKSLASH_ESCAPES` session: its header sets that
//!   mode and each INSERT is the one the server itself builds in such a session
//!   (`CONCAT('''', REPLACE(col, '''', ''''''), '''')`), as a tool honouring the mode
//!   would write it (the real dump tools never do: they reset their session's mode);
//! * that dump with the mode left out of its header, read with and without
//!   `--no-backslash-escapes`.
//!
//! Each is split (statement count = what the server executes), converted and loaded
//! into PostgreSQL 15 (`psql -v ON_ERROR_STOP=1 --single-transaction`), fixed and
//! loaded back into MariaDB, and checked; every value is compared with the source's
//! `HEX()`.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{dumpfix, os_user, run, skip_or_fail, unique_name, Maria, Pg};

const TEST: &str = "no_backslash_escapes";

/// A MariaDB server of our own, on a unix socket in a temporary directory, stopped
/// and removed on drop.
struct PrivateMaria {
    dir: tempfile::TempDir,
    child: Child,
    maria: Maria,
}

impl PrivateMaria {
    fn start(test: &str, sql_mode: &str) -> Option<PrivateMaria> {
        for bin in ["mariadb-install-db", "mariadbd", "mariadb-dump", "mariadb"] {
            let found = Command::new(bin)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !found {
                return skip_or_fail(
                    test,
                    &format!("{bin} not found (apt-get install mariadb-server)"),
                );
            }
        }
        let dir = tempfile::Builder::new()
            .prefix("dumpfix-nbe-")
            .tempdir_in("/tmp")
            .expect("temporary directory");
        let data = dir.path().join("data");
        let small = ["--innodb-log-file-size=4M", "--innodb-buffer-pool-size=16M"];
        let mut install = Command::new("mariadb-install-db");
        install
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"])
            .args(small)
            .stdin(Stdio::null());
        if let Err(e) = run(install, None) {
            return skip_or_fail(test, &format!("mariadb-install-db failed: {e}"));
        }
        let sock = dir.path().join("sock");
        let mut server = Command::new("mariadbd");
        server
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", sock.display()))
            .arg(format!("--pid-file={}", dir.path().join("pid").display()))
            .arg(format!(
                "--log-error={}",
                dir.path().join("err.log").display()
            ))
            .arg("--skip-networking")
            .arg(format!("--sql-mode={sql_mode}"))
            .args(small)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if os_user() == "root" {
            server.arg("--user=root");
        }
        let child = match server.spawn() {
            Ok(c) => c,
            Err(e) => return skip_or_fail(test, &format!("cannot start mariadbd: {e}")),
        };
        let mut me = PrivateMaria {
            maria: Maria {
                extra_args: vec![
                    "--no-defaults".into(),
                    format!("--socket={}", sock.display()),
                    "--user=root".into(),
                    "--default-character-set=utf8mb4".into(),
                ],
            },
            dir,
            child,
        };
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let mut ping = me.maria.client("");
            ping.args(["-N", "-B", "-e", "SELECT 1"])
                .stdin(Stdio::null());
            if run(ping, None).is_ok() {
                return Some(me);
            }
            if Instant::now() > deadline || me.child.try_wait().ok().flatten().is_some() {
                let mut log = String::new();
                if let Ok(mut f) = std::fs::File::open(me.dir.path().join("err.log")) {
                    let _ = std::io::Read::read_to_string(&mut f, &mut log);
                }
                panic!("the private mariadbd did not start:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn socket(&self) -> PathBuf {
        self.dir.path().join("sock")
    }

    /// `mariadb-dump` of database `db`, routines and triggers included.
    fn dump(&self, db: &str) -> Vec<u8> {
        let mut cmd = Command::new("mariadb-dump");
        cmd.arg("--no-defaults")
            .arg(format!("--socket={}", self.socket().display()))
            .args(["--user=root", "--routines", "--triggers", db])
            .stdin(Stdio::null());
        run(cmd, None).unwrap_or_else(|e| panic!("{e}")).stdout
    }

    /// Load `sql` into `db` with the client in binary mode (raw CR and NUL bytes are
    /// data), the session starting in `session_mode`. Returns the number of statements
    /// the server executed (its `Questions` counter, without the one asking).
    fn load(&self, db: &str, sql: &[u8], session_mode: &str) -> u64 {
        let mut input = sql.to_vec();
        input.extend_from_slice(b"\nSHOW SESSION STATUS LIKE 'Questions';\n");
        let mut cmd = self.maria.client(db);
        cmd.args(["-N", "-B", "--binary-mode"]).arg(format!(
            "--init-command=SET SESSION sql_mode='{session_mode}'"
        ));
        let out = run(cmd, Some(&input)).unwrap_or_else(|e| panic!("loading into {db}: {e}"));
        let text = String::from_utf8_lossy(&out.stdout);
        let n: u64 = text
            .lines()
            .filter_map(|l| l.strip_prefix("Questions\t"))
            .next_back()
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no Questions count in {text:?}"));
        // minus the init command and the SHOW itself
        n - 2
    }
}

impl Drop for PrivateMaria {
    fn drop(&mut self) {
        let mut stop = Command::new("mariadb-admin");
        stop.arg("--no-defaults")
            .arg(format!("--socket={}", self.socket().display()))
            .args(["--user=root", "shutdown"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let _ = stop.status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The source data, typed in a `NO_BACKSLASH_ESCAPES` session: every `\` below is
/// one backslash byte.
const SOURCE: &str = r#"
CREATE TABLE t (id int PRIMARY KEY, s varchar(100), flag tinyint(1), b blob, note text) DEFAULT CHARSET=utf8mb4;
INSERT INTO t VALUES
 (1, 'C:\path\', 1, 'x\y', 'ends with a backslash'),
 (2, 'it''s \'' not', 0, NULL, 'a backslash before a quote'),
 (3, 'a\nb\tc\\', 1, 'x\0y', 'x\0y is no NUL'),
 (4, '\', 0, '\''', '\'),
 (5, 'semi;colon\', NULL, ')\', '),(6,''x'');'),
 (6, '"dq\"', 1, '', 'double \" quotes'),
 (7, CONCAT('raw', CHAR(10), 'newline', CHAR(9), 'tab', CHAR(13), 'cr'), 0, UNHEX('00FF5C27'), '\N'),
 (8, 'é ü \ ''', 1, '\Z', '-- not a comment\');
CREATE TABLE u (id int PRIMARY KEY, v varchar(50), active tinyint(1)) DEFAULT CHARSET=utf8mb4;
INSERT INTO u VALUES (1, 'after the trigger\', 1), (2, '\''', 0), (3, 'x\', NULL);
CREATE TABLE w (id int PRIMARY KEY, s varchar(20), ok tinyint(1));
INSERT INTO w VALUES (1, 'x\', 2), (2, '\', 1);
CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW SET NEW.note = CONCAT('C:\dir\', IFNULL(NEW.note, ''));
CREATE PROCEDURE p() SELECT 'back\slash\', IFNULL(NULL, 'x\');
"#;

/// Every value of the source, as HEX, one line per row.
const MARIA_VALUES: &str = "SELECT 't', id, IFNULL(HEX(s),'NULL'), IFNULL(flag,'NULL'), IFNULL(HEX(b),'NULL'), IFNULL(HEX(note),'NULL') FROM t \
     UNION ALL SELECT 'u', id, IFNULL(HEX(v),'NULL'), IFNULL(active,'NULL'), '', '' FROM u ORDER BY 1, 2";

const PG_VALUES: &str =
    "SELECT 't', id, COALESCE(upper(encode(convert_to(s,'UTF8'),'hex')),'NULL'), \
     COALESCE(flag::int::text,'NULL'), COALESCE(upper(encode(b,'hex')),'NULL'), \
     COALESCE(upper(encode(convert_to(note,'UTF8'),'hex')),'NULL') FROM t \
     UNION ALL SELECT 'u', id, COALESCE(upper(encode(convert_to(v,'UTF8'),'hex')),'NULL'), \
     COALESCE(active::int::text,'NULL'), '', '' FROM u ORDER BY 1, 2";

/// The INSERT a tool honouring `NO_BACKSLASH_ESCAPES` writes for `table`, made by the
/// server itself in such a session: each string quoted with its quotes doubled, every
/// other byte raw.
fn nbe_insert(m: &Maria, db: &str, table: &str, cols: &[(&str, bool)]) -> Vec<u8> {
    let values: Vec<String> = cols
        .iter()
        .map(|(c, quoted)| {
            if *quoted {
                format!("IFNULL(CONCAT('''', REPLACE({c}, '''', ''''''), ''''), 'NULL')")
            } else {
                format!("IFNULL({c}, 'NULL')")
            }
        })
        .collect();
    let sql = format!(
        "SET SESSION group_concat_max_len = 1048576; \
         SELECT CONCAT('INSERT INTO `{table}` VALUES ', \
         GROUP_CONCAT(CONCAT('(', {}, ')') ORDER BY id SEPARATOR ','), ';') FROM {table}",
        values.join(", ',', ")
    );
    let mut cmd = m.client(db);
    cmd.args(["-N", "-B", "--raw", "-e", &sql])
        .stdin(Stdio::null());
    let mut out = run(cmd, None).unwrap_or_else(|e| panic!("{e}")).stdout;
    assert_eq!(out.pop(), Some(b'\n'));
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `dump` with the INSERT of `table` (up to its `ENABLE KEYS` line) replaced by
/// `insert`.
fn replace_insert(dump: &[u8], table: &str, insert: &[u8]) -> Vec<u8> {
    let head = format!("INSERT INTO `{table}` VALUES");
    let tail = format!("/*!40000 ALTER TABLE `{table}` ENABLE KEYS */;");
    let a = find(dump, head.as_bytes()).expect("the INSERT");
    let b = a + find(&dump[a..], tail.as_bytes()).expect("ENABLE KEYS after it");
    let mut out = dump[..a].to_vec();
    out.extend_from_slice(insert);
    out.push(b'\n');
    out.extend_from_slice(&dump[b..]);
    out
}

fn replace_once(dump: &[u8], from: &str, to: &str) -> Vec<u8> {
    let at = find(dump, from.as_bytes()).unwrap_or_else(|| panic!("{from:?} not in the dump"));
    let mut out = dump[..at].to_vec();
    out.extend_from_slice(to.as_bytes());
    out.extend_from_slice(&dump[at + from.len()..]);
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write the dump");
    p
}

fn dumpfix_out(args: &[&str], file: &Path) -> Output {
    let mut cmd = dumpfix();
    cmd.args(args).arg(file).stdin(Stdio::null());
    cmd.output().expect("run dumpfix")
}

/// `dumpfix stats`: statements (INSERTs count once).
fn statement_count(file: &Path, extra: &[&str]) -> Option<u64> {
    let mut args = vec!["stats", "--format", "json"];
    args.extend_from_slice(extra);
    let out = dumpfix_out(&args, file);
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    v["statements"].as_u64()
}

/// `dumpfix convert --to postgresql`, loaded into a fresh PostgreSQL database:
/// its values, or why it failed.
fn convert_and_load(pg: &Pg, file: &Path, extra: &[&str]) -> Result<String, String> {
    let mut args = vec!["convert", "--to", "postgresql", "--quiet"];
    args.extend_from_slice(extra);
    let out = dumpfix_out(&args, file);
    // exit 1: notes (the trigger and the procedure are written commented out)
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "convert failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let db = pg.create_db(&unique_name("nbe_pg"));
    let mut psql = pg.psql(&db);
    psql.args(["--single-transaction", "-f", "-"]);
    run(psql, Some(&out.stdout)).map_err(|e| format!("psql refused the conversion: {e}"))?;
    Ok(pg.query(&db, PG_VALUES))
}

/// Findings of `dumpfix check --format json`: (code, line, message), and the exit
/// code.
fn check(file: &Path, target: &str, extra: &[&str]) -> (Vec<(String, u64, String)>, Option<i32>) {
    let mut args = vec!["check", "--target", target, "--format", "json", "--quiet"];
    args.extend_from_slice(extra);
    let out = dumpfix_out(&args, file);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check output is not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let findings = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    (findings, out.status.code())
}

fn line_of(dump: &[u8], needle: &str) -> u64 {
    let at = find(dump, needle.as_bytes()).unwrap_or_else(|| panic!("{needle:?}"));
    1 + dump[..at].iter().filter(|&&b| b == b'\n').count() as u64
}

/// The servers, the work directory, and the source's values.
struct Setup<'a> {
    m: &'a PrivateMaria,
    pg: &'a Pg,
    dir: &'a Path,
    want: &'a str,
}

/// What every dump variant must give: the server's statement count, PostgreSQL
/// values equal to the source's, clean checks, and a `fix` that keeps every string
/// byte and loads back into MariaDB with the same values. `extra`: dumpfix options;
/// `session_mode`: the sql_mode of the sessions that load it into MariaDB.
fn assert_reads_right(s: &Setup<'_>, name: &str, dump: &[u8], extra: &[&str], session_mode: &str) {
    let Setup { m, pg, dir, want } = *s;
    let file = write(dir, name, dump);
    // (d) statements: dumpfix's split and the server's count
    let load_db = unique_name("nbe_count");
    let _loaded = m.maria.create_db(&load_db);
    let executed = m.load(&load_db, dump, session_mode);
    assert_eq!(
        m.maria.query(&load_db, MARIA_VALUES),
        want,
        "{name}: MariaDB itself loads the dump"
    );
    assert_eq!(
        statement_count(&file, extra),
        Some(executed),
        "{name}: statements split = statements the server executed"
    );

    // (a) convert → PostgreSQL 15: every value equal
    let got = convert_and_load(pg, &file, extra).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(got, want, "{name}: PostgreSQL holds the source's values");

    // (c) check: no truncation, no false NUL / UTF-8 findings, the one value that is
    // not a boolean (w.ok = 2, after a string ending in a backslash) found, and the
    // IFNULL in the trigger body seen (it is code, not part of a string)
    let (mysql_findings, code) = check(&file, "liferay-mysql", extra);
    assert!(matches!(code, Some(0 | 1)), "{name}: check exit {code:?}");
    assert!(
        !mysql_findings.iter().any(|f| f.0 == "D001"),
        "{name}: {mysql_findings:?}"
    );
    let (pg_findings, code) = check(&file, "liferay-postgresql", extra);
    assert!(matches!(code, Some(0 | 1)), "{name}: check exit {code:?}");
    for bad in ["D001", "V001", "V003"] {
        assert!(
            !pg_findings.iter().any(|f| f.0 == bad),
            "{name}: {bad} in {pg_findings:?}"
        );
    }
    // (the dump is converted for the PostgreSQL target: the value that is no boolean
    // is written as NULL, C001)
    let c001: Vec<&str> = pg_findings
        .iter()
        .filter(|f| f.0 == "C001")
        .map(|f| f.2.as_str())
        .collect();
    assert!(
        c001.len() == 1 && c001[0].starts_with("w.ok: not a boolean: 2"),
        "{name}: {c001:?}"
    );
    // the trigger's body was read as code, at its line: it is not translated (it holds
    // a backslash in NO_BACKSLASH_ESCAPES mode), and says so
    let trigger_line = line_of(dump, "TRIGGER tr ");
    assert!(
        pg_findings
            .iter()
            .any(|f| f.0 == "C002" && f.1 == trigger_line && f.2.contains("NO_BACKSLASH_ESCAPES")),
        "{name}: the trigger at line {trigger_line}: {pg_findings:?}"
    );

    // (b) fix: plain fix copies every byte; the liferay-mysql fix keeps every string
    // and loads back with the same values
    let out = dumpfix_out(&[&["fix"], extra].concat(), &file);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout == dump, "{name}: plain fix is byte for byte");
    let fixed_db = unique_name("nbe_fixed");
    let out = dumpfix_out(
        &[
            &["fix", "--target", "liferay-mysql", "--database", &fixed_db],
            extra,
        ]
        .concat(),
        &file,
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = out.stdout;
    for table in ["t", "u", "w"] {
        let head = format!("INSERT INTO `{table}` VALUES");
        let a = find(dump, head.as_bytes()).expect("INSERT");
        let end = a + find(&dump[a..], b");\n").expect("end of the INSERT") + 3;
        assert!(
            find(&fixed, &dump[a..end]).is_some(),
            "{name}: the INSERT into {table} is kept byte for byte"
        );
    }
    let _guard = m.maria.guard_db(&fixed_db);
    m.load("", &fixed, session_mode);
    assert_eq!(
        m.maria.query(&fixed_db, MARIA_VALUES),
        want,
        "{name}: the fixed dump loads back with the same values"
    );
}

#[test]
fn no_backslash_escapes_dumps_convert_check_and_fix_exactly() {
    let Some(pg) = Pg::connect(TEST) else { return };
    let Some(m) = PrivateMaria::start(TEST, "NO_BACKSLASH_ESCAPES") else {
        return;
    };
    let src = unique_name("nbe_src");
    let _src = m.maria.create_db(&src);
    m.maria.load_bytes(&src, SOURCE.as_bytes());
    let want = m.maria.query(&src, MARIA_VALUES);
    // the source is what the literals say, read without escapes
    assert!(want.contains("433A5C706174685C"), "{want}"); // C:\path\
    assert!(want.contains("69742773205C27206E6F74"), "{want}"); // it's \' not
    assert!(want.contains("785C3079"), "{want}"); // x\0y
    let dir = tempfile::tempdir().expect("tempdir");

    // 1. What the real tool writes: data escaped under the header's mode, the trigger
    // and procedure bodies verbatim under NO_BACKSLASH_ESCAPES.
    let real = m.dump(&src);
    let text = String::from_utf8_lossy(&real);
    assert!(
        text.contains("SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;"),
        "{text}"
    );
    assert!(text.contains("(1,'C:\\\\path\\\\',1,'x\\\\y',"), "{text}");
    assert!(
        text.contains("SET sql_mode              = 'NO_BACKSLASH_ESCAPES'"),
        "{text}"
    );
    assert!(
        text.contains("CONCAT('C:\\dir\\', IFNULL(NEW.note, ''))"),
        "{text}"
    );
    assert!(
        text.contains("SELECT 'back\\slash\\', IFNULL(NULL, 'x\\')"),
        "{text}"
    );
    let setup = Setup {
        m: &m,
        pg: &pg,
        dir: dir.path(),
        want: &want,
    };
    assert_reads_right(&setup, "real.sql", &real, &[], "");

    // 2. The dump written for a NO_BACKSLASH_ESCAPES session, saying so in its header.
    let t_cols = [
        ("id", false),
        ("s", true),
        ("flag", false),
        ("b", true),
        ("note", true),
    ];
    let u_cols = [("id", false), ("v", true), ("active", false)];
    let w_cols = [("id", false), ("s", true), ("ok", false)];
    let t_insert = nbe_insert(&m.maria, &src, "t", &t_cols);
    assert!(find(&t_insert, b"(1,'C:\\path\\',1,'x\\y',").is_some());
    let mut nbe = replace_insert(&real, "t", &t_insert);
    nbe = replace_insert(&nbe, "u", &nbe_insert(&m.maria, &src, "u", &u_cols));
    nbe = replace_insert(&nbe, "w", &nbe_insert(&m.maria, &src, "w", &w_cols));
    let nbe = replace_once(
        &nbe,
        "SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;",
        "SQL_MODE='NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES' */;",
    );
    assert_reads_right(&setup, "nbe.sql", &nbe, &[], "");

    // 3. The same dump with the mode left out: read as MySQL's default mode it goes
    // wrong; --no-backslash-escapes reads it right (loaded into a session in that mode).
    let silent = replace_once(
        &nbe,
        ", SQL_MODE='NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES'",
        "",
    );
    let silent_file = write(dir.path(), "silent.sql", &silent);
    let wrong = convert_and_load(&pg, &silent_file, &[]);
    assert!(
        wrong.as_deref() != Ok(want.as_str()),
        "without the mode the values cannot match"
    );
    assert_reads_right(
        &setup,
        "silent.sql",
        &silent,
        &["--no-backslash-escapes"],
        "NO_BACKSLASH_ESCAPES",
    );
}
