//! `dumpfix check`'s lint rules on dumps made by the real `mysqldump` and `pg_dump`.
//!
//! * A MariaDB database with a view, a procedure and a trigger that use MySQL-only
//!   functions (`GROUP_CONCAT`, `DAY`, `IFNULL`), and rows whose text looks like those
//!   functions and like `DELIMITER ;;`, is dumped with `mysqldump --routines --triggers`
//!   and checked against `liferay-postgresql` in every `--format`. The dump is converted
//!   first (as `fix` does): the view translates exactly and gets no finding, the
//!   procedure is written commented out (C002), the trigger gets R002, each at its line
//!   of the MySQL dump; data never gets a finding. The expected lines are found by reading
//!   the dump itself (MariaDB rewrites the view: `DAY(` comes back as `dayofmonth(`).
//! * Real dumps (that mysqldump, the corpus's `mysql-world/world.sql`, a `pg_dump`) cut
//!   at a line boundary and in the middle of a data line are reported as truncated
//!   (D001); the whole dumps are not.
//!
//! Needs MariaDB and PostgreSQL 15 (`bash scripts/servers.sh start`): a skip locally, a
//! failure under `CI=true`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use common::{dumpfix, require_corpus, run, unique_name, Maria, Pg};

const PG_TARGET: &str = "liferay-postgresql";
const MY_TARGET: &str = "liferay-mysql";

/// The MariaDB fixture. Row data carries text that looks like the functions, like
/// `DELIMITER ;;` and like mysqldump's trailer; the view, the procedure (its `IFNULL(`
/// on a line of its own) and the trigger use the functions for real.
const MARIA_FIXTURE: &str = r#"
SET NAMES utf8mb4;
CREATE TABLE user_ (
  userId bigint NOT NULL PRIMARY KEY,
  groupId bigint,
  screenName varchar(75),
  createDate datetime(6),
  comments longtext
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE group_ (
  groupId bigint NOT NULL PRIMARY KEY,
  name varchar(150)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO group_ VALUES
  (1, 'GROUP_CONCAT(name SEPARATOR \',\') in a name'),
  (2, 'DELIMITER ;;'),
  (3, 'x\n-- Dump completed on 2024-01-01  0:00:00');
INSERT INTO user_ VALUES
  (10, 1, 'IFNULL(x, y)', '2024-01-02 03:04:05.000006',
   'DAY(createDate) and GROUP_CONCAT(\n  IFNULL(a,b)\nDELIMITER ;;\nCREATE PROCEDURE p() BEGIN SELECT IFNULL(1,2); END ;;\nDELIMITER ;'),
  (11, 2, 'day(', '2023-05-06 07:08:09',
   'CREATE VIEW v AS SELECT GROUP_CONCAT(x SEPARATOR \',\'), DAY(d) FROM t');
INSERT INTO user_
  SELECT seq + 100, 1 + seq % 2, CONCAT('IFNULL(x, y) #', seq),
         CAST('2024-01-02 03:04:05' AS DATETIME(6)) + INTERVAL seq HOUR,
         CONCAT('GROUP_CONCAT(a SEPARATOR \',\') DAY(d) IFNULL(b, c)\nDELIMITER ;;\n',
                REPEAT('x', seq))
  FROM seq_1_to_300;
CREATE VIEW user_groups AS
  SELECT g.groupId AS groupId,
         GROUP_CONCAT(u.screenName ORDER BY u.screenName SEPARATOR ',') AS screenNames,
         MAX(DAY(u.createDate)) AS lastDay
  FROM group_ g JOIN user_ u ON u.groupId = g.groupId
  GROUP BY g.groupId;
DELIMITER ;;
CREATE PROCEDURE user_count(IN gid bigint, OUT n bigint)
BEGIN
  SELECT COUNT(*) INTO n FROM user_ WHERE groupId = gid;
  SET n =
    IFNULL(n, 0);
END;;
CREATE TRIGGER user_bi BEFORE INSERT ON user_ FOR EACH ROW
BEGIN
  SET NEW.screenName = IFNULL(NEW.screenName, 'anonymous');
END;;
DELIMITER ;
"#;

/// The PostgreSQL fixture: enough COPY rows that the middle of the dump is data, and a
/// value holding pg_dump's trailer line (after an escaped newline in COPY).
const PG_FIXTURE: &str = r#"
CREATE TABLE group_ (groupid bigint PRIMARY KEY, name varchar(150));
CREATE TABLE user_ (
  userid bigint PRIMARY KEY,
  screenname varchar(75),
  createdate timestamp,
  comments text
);
INSERT INTO group_ VALUES
  (1, 'GROUP_CONCAT(a) IFNULL(b,c) DAY(d)'),
  (2, E'DELIMITER ;;\n-- PostgreSQL database dump complete'),
  (3, '-- PostgreSQL database dump complete');
INSERT INTO user_
  SELECT g, 'user ' || g, timestamp '2024-01-01' + g * interval '1 hour',
         E'line one\nO''Reilly \\ back\ttab \u00e9 ' || repeat('x', g)
  FROM generate_series(1, 300) AS s(g);
CREATE VIEW user_names AS SELECT g.name, u.screenname FROM user_ u JOIN group_ g ON g.groupid = u.userid % 3;
"#;

// ------------------------------------------------------------------ fixtures

/// `mysqldump --routines --triggers DB` of [`MARIA_FIXTURE`], made once per process (the
/// database is dropped right after dumping).
fn maria_dump(test: &str) -> Option<&'static [u8]> {
    static DUMP: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    DUMP.get_or_init(|| {
        let m = Maria::connect(test)?;
        let db = m.create_db(&unique_name("chk_my"));
        m.load_bytes(db.name(), MARIA_FIXTURE.as_bytes());
        let mut cmd = Command::new("mysqldump");
        cmd.args(&m.extra_args)
            .args(["--routines", "--triggers"])
            .arg(db.name())
            .stdin(Stdio::null());
        let out = run(cmd, None).unwrap_or_else(|e| panic!("{e}"));
        Some(out.stdout)
    })
    .as_deref()
    .or_else(|| {
        eprintln!("skipping {test}: no MariaDB dump (see the first skip message)");
        None
    })
}

/// `pg_dump --no-owner --no-acl DB` of [`PG_FIXTURE`] (the database is dropped after).
fn pg_dump_fixture(test: &str) -> Option<Vec<u8>> {
    let pg = Pg::connect(test)?;
    let db = pg.create_db(&unique_name("chk_pg"));
    pg.load_bytes(db.name(), PG_FIXTURE.as_bytes());
    let mut cmd = Command::new("pg_dump");
    cmd.args([
        "--format=plain",
        "--no-owner",
        "--no-acl",
        "-h",
        &pg.host,
        "-U",
        &pg.user,
        "-d",
    ])
    .arg(db.name())
    .stdin(Stdio::null());
    Some(run(cmd, None).unwrap_or_else(|e| panic!("{e}")).stdout)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn read_all(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    File::open(path)
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

// ------------------------------------------------------------------ dump reading

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An INSERT (row data).
    Data,
    View,
    Routine,
    Trigger,
    Other,
}

/// One statement of a mysqldump: its kind and 1-based first and last line.
#[derive(Debug)]
struct Stmt {
    kind: Kind,
    first: usize,
    last: usize,
}

fn words_upper(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

/// The statements of a mysqldump, line by line: `DELIMITER x` lines switch the
/// delimiter, a statement ends on the line that ends with the delimiter (mysqldump
/// escapes newlines in strings, so a data line never ends inside a string).
fn mysql_statements(lines: &[&str]) -> Vec<Stmt> {
    let mut out = Vec::new();
    let mut delim = ";".to_owned();
    let mut start: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if start.is_none() {
            let t = line.trim();
            if t.is_empty() || t.starts_with("--") {
                continue;
            }
            if t.len() > 10 && t[..10].eq_ignore_ascii_case("DELIMITER ") {
                delim = t[10..].trim().to_owned();
                continue;
            }
            start = Some(i);
        }
        if line.trim_end().ends_with(delim.as_str()) {
            let first = start.take().unwrap();
            let text = lines[first..=i].join("\n");
            let header = text.split('(').next().unwrap_or("");
            let words = words_upper(header);
            let has = |w: &str| words.iter().any(|x| x == w);
            let kind = if header
                .trim_start()
                .to_ascii_uppercase()
                .starts_with("INSERT")
            {
                Kind::Data
            } else if has("CREATE") && has("TRIGGER") {
                Kind::Trigger
            } else if has("CREATE") && (has("PROCEDURE") || has("FUNCTION")) {
                Kind::Routine
            } else if has("CREATE") && has("VIEW") {
                Kind::View
            } else {
                Kind::Other
            };
            out.push(Stmt {
                kind,
                first: first + 1,
                last: i + 1,
            });
        }
    }
    out
}

/// The MySQL-only functions the fixture uses (lower case), as the dump may print them.
const FUNCS: [&str; 4] = ["group_concat", "dayofmonth", "day", "ifnull"];

/// Calls of [`FUNCS`] on `line` outside quotes: (name lower case, 1-based column).
fn calls(line: &str) -> Vec<(String, usize)> {
    let b = line.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    if b[i] == b'\\' && q != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            c if ident(c) => {
                let start = i;
                while i < b.len() && ident(b[i]) {
                    i += 1;
                }
                let name = line[start..i].to_ascii_lowercase();
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && b[j] == b'(' && FUNCS.contains(&name.as_str()) {
                    found.push((name, start + 1));
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// What the MariaDB dump holds, read from its text.
struct Expected {
    /// (function lower case, 1-based line, 1-based column) in views, routines, triggers.
    calls: Vec<(String, usize, usize)>,
    /// Lines of INSERT statements.
    data_lines: BTreeSet<usize>,
    /// Lines of view, routine and trigger statements.
    def_lines: BTreeSet<usize>,
    /// (first, last) line of the procedure and of the trigger.
    routine: (usize, usize),
    trigger: (usize, usize),
}

fn expected_from(dump: &str) -> Expected {
    let lines: Vec<&str> = dump.lines().collect();
    let stmts = mysql_statements(&lines);
    let mut e = Expected {
        calls: Vec::new(),
        data_lines: BTreeSet::new(),
        def_lines: BTreeSet::new(),
        routine: (0, 0),
        trigger: (0, 0),
    };
    let mut shapes = String::new();
    for s in &stmts {
        match s.kind {
            Kind::Data => e.data_lines.extend(s.first..=s.last),
            Kind::View | Kind::Routine | Kind::Trigger => {
                e.def_lines.extend(s.first..=s.last);
                for n in s.first..=s.last {
                    for (name, col) in calls(lines[n - 1]) {
                        e.calls.push((name, n, col));
                    }
                    shapes.push_str(&format!("{n:4}: {}\n", lines[n - 1]));
                }
                shapes.push_str("      ...\n");
                if s.kind == Kind::Routine {
                    e.routine = (s.first, s.last);
                }
                if s.kind == Kind::Trigger {
                    e.trigger = (s.first, s.last);
                }
            }
            Kind::Other => {}
        }
    }
    eprintln!("mysqldump view / routine / trigger statements:\n{shapes}");
    eprintln!(
        "expected MySQL-only calls (name, line, column): {:?}",
        e.calls
    );

    // The fixture is what the test thinks it is.
    let names: BTreeSet<&str> = e.calls.iter().map(|c| c.0.as_str()).collect();
    assert!(
        names.contains("group_concat"),
        "no group_concat( in the view"
    );
    assert!(
        names.contains("day") || names.contains("dayofmonth"),
        "no day( / dayofmonth( in the view"
    );
    let ifnull: BTreeSet<usize> = e
        .calls
        .iter()
        .filter(|c| c.0 == "ifnull")
        .map(|c| c.1)
        .collect();
    assert!(
        ifnull.len() >= 2,
        "IFNULL( in the procedure and the trigger"
    );
    assert!(e.routine.0 > 0, "no CREATE PROCEDURE statement found");
    assert!(e.trigger.0 > 0, "no CREATE TRIGGER statement found");
    assert!(
        ifnull
            .iter()
            .any(|l| (e.routine.0..=e.routine.1).contains(l))
            && ifnull
                .iter()
                .any(|l| (e.trigger.0..=e.trigger.1).contains(l)),
        "IFNULL( lines {ifnull:?} not in the procedure {:?} and the trigger {:?}",
        e.routine,
        e.trigger
    );
    assert!(
        e.routine.1 > e.routine.0,
        "the procedure body is printed over several lines"
    );
    let data_text: String = e
        .data_lines
        .iter()
        .map(|&n| lines[n - 1])
        .collect::<Vec<_>>()
        .join("\n");
    for needle in ["GROUP_CONCAT(", "IFNULL(x, y)", "DAY(", "DELIMITER ;;"] {
        assert!(data_text.contains(needle), "row data lacks {needle:?}");
    }
    e
}

// ------------------------------------------------------------------ dumpfix check

/// `dumpfix check --quiet --target T --format F [EXTRA…] PATH`.
fn check(target: &str, format: &str, extra: &[&str], path: &Path) -> Output {
    dumpfix()
        .args(["check", "--quiet", "--target", target, "--format", format])
        .args(extra)
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn describe(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let cut = stdout
        .char_indices()
        .nth(6000)
        .map_or(stdout.len(), |(i, _)| i);
    format!(
        "status {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        &stdout[..cut],
        String::from_utf8_lossy(&out.stderr)
    )
}

fn json_of(what: &str, out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: stdout is not JSON ({e}):\n{}", describe(out)))
}

/// (code, line, message, severity) of every JSON finding.
struct Finding {
    code: String,
    line: u64,
    message: String,
    severity: String,
}

fn json_findings(v: &serde_json::Value) -> Vec<Finding> {
    let s = |f: &serde_json::Value, k: &str| f[k].as_str().unwrap_or("").to_owned();
    v["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array in {v}"))
        .iter()
        .map(|f| Finding {
            code: s(f, "code"),
            line: f["line"].as_u64().unwrap_or(0),
            message: s(f, "message"),
            severity: s(f, "severity"),
        })
        .collect()
}

/// One GitHub workflow command: `::KIND k=v,k=v::message`.
struct GhLine {
    kind: String,
    props: Vec<(String, String)>,
}

impl GhLine {
    fn parse(l: &str) -> Option<Self> {
        let rest = l.strip_prefix("::")?;
        let (head, _message) = rest.split_once("::")?;
        let (kind, props) = head.split_once(' ').unwrap_or((head, ""));
        Some(GhLine {
            kind: kind.to_owned(),
            props: props
                .split(',')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        })
    }

    fn prop(&self, k: &str) -> &str {
        self.props
            .iter()
            .find(|(x, _)| x == k)
            .map_or("", |(_, v)| v.as_str())
    }
}

#[test]
fn mysqldump_routines_and_triggers_are_reported_in_every_format() {
    const TEST: &str = "mysqldump_routines_and_triggers_are_reported_in_every_format";
    let Some(dump) = maria_dump(TEST) else { return };
    let text = String::from_utf8(dump.to_vec()).expect("the fixture dump is UTF-8");
    let exp = expected_from(&text);
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "routines.sql", dump);
    let mut problems: Vec<String> = Vec::new();

    // ---- json
    let out = check(PG_TARGET, "json", &[], &path);
    if out.status.code() != Some(1) {
        problems.push(format!("json: exit code, want 1: {}", describe(&out)));
    }
    let v = json_of("json", &out);
    for key in ["file", "target", "findings", "summary"] {
        if v.get(key).is_none() {
            problems.push(format!("json: no top-level {key:?}"));
        }
    }
    if v["target"] != PG_TARGET {
        problems.push(format!("json: target is {}", v["target"]));
    }
    let findings = json_findings(&v);
    // A MySQL dump for the PostgreSQL target is converted first (as `fix` does): the
    // view translates exactly (GROUP_CONCAT → string_agg, DAY → extract: no finding),
    // the procedure is written commented out (C002), the trigger is translated and
    // reported as a trigger (R002) — each at its line of the MySQL dump.
    let want = [
        ("C002", exp.routine, "procedure"),
        ("R002", exp.trigger, "trigger"),
    ];
    let in_range =
        |l: u64, (first, last): (usize, usize)| (first as u64..=last as u64).contains(&l);
    for (code, range, what) in want {
        if !findings
            .iter()
            .any(|f| f.code == code && in_range(f.line, range))
        {
            problems.push(format!(
                "json: no {code} finding for the {what} (lines {}..={}); codes: {:?}",
                range.0,
                range.1,
                findings
                    .iter()
                    .map(|f| (f.code.as_str(), f.line))
                    .collect::<Vec<_>>()
            ));
        }
    }
    if let Some(raw) = v["findings"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["code"] == "C002"))
    {
        for key in [
            "code", "name", "severity", "message", "line", "column", "count", "fixable", "snippet",
            "help",
        ] {
            if raw.get(key).is_none() {
                problems.push(format!("json: C002 finding has no {key:?}: {raw}"));
            }
        }
    }
    for f in &findings {
        let line = f.line as usize;
        if exp.data_lines.contains(&line) {
            problems.push(format!(
                "json: {} on line {line}, which is INSERT data: {}",
                f.code, f.message
            ));
        }
        if f.code == "M001" || f.code == "M002" {
            problems.push(format!(
                "json: {} on a converted dump: {}",
                f.code, f.message
            ));
        }
    }
    let severity_of = |code: &str| {
        findings
            .iter()
            .find(|f| f.code == code)
            .map_or("error".to_owned(), |f| f.severity.clone())
    };

    // ---- sarif
    let out = check(PG_TARGET, "sarif", &[], &path);
    if out.status.code() != Some(1) {
        problems.push(format!("sarif: exit code, want 1: {}", describe(&out)));
    }
    let sarif_path = write(tmp.path(), "check.sarif", &out.stdout);
    let s = json_of("sarif", &out);
    if s["version"] != "2.1.0" {
        problems.push(format!("sarif: version {}", s["version"]));
    }
    let results: Vec<(String, u64)> = s["runs"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["results"].as_array().into_iter().flatten())
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or("").to_owned(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap_or(0),
            )
        })
        .collect();
    for (code, range, _) in want {
        if !results
            .iter()
            .any(|(id, l)| id == code && in_range(*l, range))
        {
            problems.push(format!(
                "sarif: no {code} result in lines {}..={}",
                range.0, range.1
            ));
        }
    }
    let validator = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/validate-sarif.py");
    if validator.is_file() {
        let v = Command::new("python3")
            .arg(&validator)
            .arg(&sarif_path)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        if !v.status.success() {
            problems.push(format!(
                "sarif: scripts/validate-sarif.py rejects the output: {}",
                describe(&v)
            ));
        }
    } else {
        eprintln!("{TEST}: scripts/validate-sarif.py missing: SARIF schema validation skipped");
    }

    // ---- github
    let out = check(PG_TARGET, "github", &[], &path);
    if out.status.code() != Some(1) {
        problems.push(format!("github: exit code, want 1: {}", describe(&out)));
    }
    // `::KIND file=F,line=L,col=C,title=CODE name::message`
    let gh: Vec<GhLine> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(GhLine::parse)
        .collect();
    for (code, range, _) in want {
        let gh_kind = match severity_of(code).as_str() {
            "warning" => "warning",
            "info" => "notice",
            _ => "error",
        };
        let ok = gh.iter().any(|g| {
            g.kind == gh_kind
                && g.prop("title").starts_with(code)
                && g.prop("line")
                    .parse::<u64>()
                    .is_ok_and(|l| in_range(l, range))
                && g.prop("file").ends_with("routines.sql")
        });
        if !ok {
            problems.push(format!(
                "github: no `::{gh_kind} file=…routines.sql,line=…,title={code} …::` line in lines {}..={}",
                range.0, range.1
            ));
        }
    }

    // ---- gitlab
    let out = check(PG_TARGET, "gitlab", &[], &path);
    if out.status.code() != Some(1) {
        problems.push(format!("gitlab: exit code, want 1: {}", describe(&out)));
    }
    let g = json_of("gitlab", &out);
    let entries = g.as_array().cloned().unwrap_or_else(|| {
        problems.push("gitlab: not a JSON array".to_owned());
        Vec::new()
    });
    for (code, range, _) in want {
        let ok = entries.iter().any(|e| {
            ["check_name", "description"]
                .iter()
                .any(|k| e[*k].as_str().is_some_and(|s| s.contains(code)))
                && e["location"]["lines"]["begin"]
                    .as_u64()
                    .is_some_and(|l| in_range(l, range))
        });
        if !ok {
            problems.push(format!(
                "gitlab: no {code} entry in lines {}..={}",
                range.0, range.1
            ));
        }
    }
    let fingerprints: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["fingerprint"].as_str())
        .collect();
    let distinct: BTreeSet<&str> = fingerprints.iter().copied().collect();
    if fingerprints.len() != entries.len() || distinct.len() != entries.len() {
        problems.push(format!(
            "gitlab: {} entries, {} fingerprints, {} distinct (each needs its own)",
            entries.len(),
            fingerprints.len(),
            distinct.len()
        ));
    }

    // ---- human
    let out = check(PG_TARGET, "human", &[], &path);
    if out.status.code() != Some(1) {
        problems.push(format!("human: exit code, want 1: {}", describe(&out)));
    }
    let human = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for (code, range, _) in want {
        let at_line = (range.0..=range.1).any(|n| human.contains(&format!(":{n}")));
        if !human.contains(code) || !at_line {
            problems.push(format!(
                "human: {code} in lines {}..={} missing:\n{human}",
                range.0, range.1
            ));
        }
    }

    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

// ------------------------------------------------------------------ truncation

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Flavour {
    My,
    Pg,
}

/// Byte ranges `[start, end)` (without the newline) of the data lines of a dump: rows of
/// INSERT statements (mysqldump) or of COPY blocks (pg_dump).
fn data_lines(bytes: &[u8], flavour: Flavour) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| at + p);
        spans.push((at, end));
        at = end + 1;
    }
    let mut out = Vec::new();
    match flavour {
        Flavour::My => {
            let text: Vec<&str> = spans
                .iter()
                .map(|&(s, e)| std::str::from_utf8(&bytes[s..e]).unwrap_or(""))
                .collect();
            for s in mysql_statements(&text) {
                if s.kind == Kind::Data {
                    out.extend_from_slice(&spans[s.first - 1..s.last]);
                }
            }
        }
        Flavour::Pg => {
            let mut in_copy = false;
            for &(s, e) in &spans {
                let line = &bytes[s..e];
                if in_copy {
                    if line == b"\\." {
                        in_copy = false;
                    } else {
                        out.push((s, e));
                    }
                } else if line.starts_with(b"COPY ") && line.ends_with(b" FROM stdin;") {
                    in_copy = true;
                }
            }
        }
    }
    out
}

/// Is the end of `prefix` (part of one mysqldump data line) inside a quoted string?
fn inside_mysql_string(prefix: &[u8]) -> bool {
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < prefix.len() {
        let c = prefix[i];
        match quote {
            Some(_) if c == b'\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'\'' || c == b'"' => quote = Some(c),
            None => {}
        }
        i += 1;
    }
    quote.is_some()
}

struct Cut {
    label: String,
    bytes: Vec<u8>,
    /// Inside a string or a COPY block: exit 2 with "truncated" is accepted too.
    lenient: bool,
}

/// The two cuts of `dump`: after the line that crosses the middle, and in the middle
/// of its longest data line (moved back to a UTF-8 character boundary).
fn cuts(name: &str, dump: &[u8], flavour: Flavour) -> Vec<Cut> {
    let data = data_lines(dump, flavour);
    assert!(!data.is_empty(), "{name}: no data lines found");
    let mid = dump.len() / 2;
    let nl = dump[mid..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|p| mid + p)
        .expect("a newline after the middle");
    let at_line = nl + 1;
    assert!(at_line < dump.len(), "{name}: the middle is the last line");
    // A line boundary is inside a COPY block when the next line is a COPY data line.
    let in_copy = flavour == Flavour::Pg && data.iter().any(|&(s, _)| s == at_line);
    let (s, e) = *data.iter().max_by_key(|&&(s, e)| e - s).unwrap();
    let mut at_mid = s + (e - s) / 2;
    while at_mid > s && (dump[at_mid] & 0xC0) == 0x80 {
        at_mid -= 1;
    }
    assert!(
        at_mid > s && at_mid < e,
        "{name}: longest data line too short"
    );
    let in_string = flavour == Flavour::Pg || inside_mysql_string(&dump[s..at_mid]);
    vec![
        Cut {
            label: format!("{name} cut after line-ending byte {nl} (middle)"),
            bytes: dump[..at_line].to_vec(),
            lenient: in_copy,
        },
        Cut {
            label: format!(
                "{name} cut at byte {at_mid}, inside the data line at bytes {s}..{e}{}",
                if in_string { " (inside a value)" } else { "" }
            ),
            bytes: dump[..at_mid].to_vec(),
            lenient: in_string,
        },
    ]
}

#[test]
fn a_dump_cut_in_half_is_truncated() {
    const TEST: &str = "a_dump_cut_in_half_is_truncated";
    let mut dumps: Vec<(String, Vec<u8>, Flavour)> = Vec::new();
    if let Some(d) = maria_dump(TEST) {
        dumps.push(("mysqldump".to_owned(), d.to_vec(), Flavour::My));
    }
    if let Some(corpus) = require_corpus(TEST) {
        let world = corpus.join("mysql-world/world.sql");
        if world.is_file() {
            dumps.push(("world.sql".to_owned(), read_all(&world), Flavour::My));
        } else {
            common::skip_or_fail::<()>(TEST, &format!("{} missing", world.display()));
        }
    }
    if let Some(d) = pg_dump_fixture(TEST) {
        dumps.push(("pg_dump".to_owned(), d, Flavour::Pg));
    }
    if dumps.is_empty() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for (n, (name, dump, flavour)) in dumps.iter().enumerate() {
        let target = match flavour {
            Flavour::My => MY_TARGET,
            Flavour::Pg => PG_TARGET,
        };
        // The whole dump: no D001.
        let whole = write(tmp.path(), &format!("{n}-whole.sql"), dump);
        let out = check(target, "json", &["--fail-on", "error"], &whole);
        match out.status.code() {
            Some(0 | 1) => {
                let d001: Vec<String> = json_findings(&json_of(name, &out))
                    .into_iter()
                    .filter(|f| f.code == "D001")
                    .map(|f| format!("line {}: {}", f.line, f.message))
                    .collect();
                if !d001.is_empty() {
                    problems.push(format!("{name} (whole): D001 reported: {d001:?}"));
                }
            }
            _ => problems.push(format!(
                "{name} (whole): check --target {target} failed: {}",
                describe(&out)
            )),
        }
        for (k, cut) in cuts(name, dump, *flavour).into_iter().enumerate() {
            let path = write(tmp.path(), &format!("{n}-cut{k}.sql"), &cut.bytes);
            let out = check(target, "json", &[], &path);
            let code = out.status.code();
            let has_d001 = code == Some(1)
                && serde_json::from_slice::<serde_json::Value>(&out.stdout)
                    .ok()
                    .is_some_and(|v| json_findings(&v).iter().any(|f| f.code == "D001"));
            let usage_truncated = code == Some(2)
                && String::from_utf8_lossy(&out.stderr)
                    .to_ascii_lowercase()
                    .contains("truncated");
            let ok = has_d001 || (cut.lenient && usage_truncated);
            eprintln!(
                "{TEST}: {} ({} bytes): exit {code:?}, D001 {has_d001}",
                cut.label,
                cut.bytes.len()
            );
            if !ok {
                let want = if cut.lenient {
                    "exit 1 with a D001 finding, or exit 2 saying \"truncated\""
                } else {
                    "exit 1 with a D001 finding"
                };
                problems.push(format!(
                    "{}: check --target {target}: want {want}; got {}",
                    cut.label,
                    describe(&out)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
