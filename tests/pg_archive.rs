//! pg_dump archives as input (issue 19 §1): the script dumpfix reads from a custom,
//! tar or directory archive is byte for byte what `pg_restore -f -` of the pg_dump
//! version that wrote it prints (the random `\restrict` key aside), for pg_dump 15,
//! 16, 17 and 18, every compression the build has, archives written with `-f` and to
//! stdout, piped in, gzip-wrapped; the rules see the same script; a broken archive
//! is an error with a byte offset (exit 2).
//!
//! Needs the PostgreSQL test server (`bash scripts/servers.sh start`), Debian's
//! pg_dump 15, and pg_dump 16, 17 and 18 through `DUMPFIX_PG_DUMPS` (`16=/path,…`,
//! pg_restore next to each); what is missing is skipped locally, a failure under CI.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{dumpfix, output_with_files_on_stdin, skip_or_fail, unique_name, Pg};

/// The test database: many types, awkward text and bytes, every kind of object
/// pg_restore prints differently, large objects (one over 16 kB: several `lowrite`
/// calls; an empty one; one with a comment and a grant).
const FIXTURE: &str = r#"
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE SEQUENCE counter START 42;
CREATE TABLE t1 (
  id serial PRIMARY KEY,
  name text NOT NULL,
  note varchar(200),
  amount numeric(12,4),
  tags text[],
  doc json,
  docb jsonb,
  bin bytea,
  m mood,
  p posint,
  ts timestamptz DEFAULT '2020-01-02 03:04:05+00',
  f double precision
);
COMMENT ON TABLE t1 IS 'a table with ''quotes''';
COMMENT ON COLUMN t1.name IS E'the name\non two lines';
CREATE INDEX t1_name ON t1 (name);
CREATE UNIQUE INDEX t1_note ON t1 (lower(note));
INSERT INTO t1 (name, note, amount, tags, doc, docb, bin, m, p, f) VALUES
 ('it''s', E'back\\slash', 1.5, ARRAY['a','b c','d"e'], '{"a":1}', '{"b":[1,2]}', '\x00ff0a0d5c27'::bytea, 'happy', 3, 1e300),
 (E'new\nline\ttab\r', NULL, -0.0001, '{}', 'null', '{}', ''::bytea, 'sad', 1, 'NaN'),
 ('ünïcødé €', 'x', 99999999.9999, NULL, '[]', '"s"', '\xc328'::bytea, NULL, NULL, '-Infinity');
INSERT INTO t1 (name, note, bin) SELECT 'row ' || g, md5(g::text), decode(md5(g::text), 'hex') FROM generate_series(1, 30000) g;
CREATE TABLE t2 (a int REFERENCES t1(id), b text, CONSTRAINT b_nonempty CHECK (b <> ''));
INSERT INTO t2 VALUES (1, 'one'), (2, E'two\\.'), (1, E'\\.');
CREATE TABLE "Mixed Case" ("Col" int);
INSERT INTO "Mixed Case" VALUES (1);
CREATE TABLE "order" ("user" text);
INSERT INTO "order" VALUES ('keyword names');
CREATE TABLE empty_t (x int);
CREATE TABLE parted (k int, v text) PARTITION BY RANGE (k);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (100);
INSERT INTO parted VALUES (1, 'one'), (50, 'fifty');
CREATE VIEW v1 AS SELECT id, name FROM t1 WHERE id < 10;
CREATE FUNCTION add1(integer) RETURNS integer LANGUAGE sql AS $$ SELECT $1 + 1 $$;
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.b := coalesce(NEW.b, 'x'); RETURN NEW; END $$;
CREATE TRIGGER t2_trg BEFORE INSERT ON t2 FOR EACH ROW EXECUTE FUNCTION trg();
CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int);
CREATE SCHEMA other;
CREATE TABLE other.t3 (k text PRIMARY KEY, v int);
INSERT INTO other.t3 VALUES ('k1', 1);
CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t1;
SELECT setval('counter', 50);
GRANT SELECT ON t1 TO PUBLIC;
SELECT lo_from_bytea(0, '\x000102035c27ff'::bytea);
SELECT lo_from_bytea(0, convert_to(repeat('large object text ', 2000), 'UTF8'));
SELECT lo_from_bytea(0, ''::bytea);
DO $$
DECLARE o oid;
BEGIN
  o := lo_from_bytea(0, '\x41'::bytea);
  EXECUTE format('COMMENT ON LARGE OBJECT %s IS %L', o, 'a commented large object');
  EXECUTE format('GRANT SELECT ON LARGE OBJECT %s TO PUBLIC', o);
END $$;
"#;

/// A pg_dump and the pg_restore next to it.
struct Tools {
    major: String,
    pg_dump: PathBuf,
    pg_restore: PathBuf,
}

/// pg_dump 15 (Debian's) and those of `DUMPFIX_PG_DUMPS`; a missing one is skipped
/// (said on stderr) locally, a failure under CI.
fn tools(test: &str) -> Vec<Tools> {
    let mut found = Vec::new();
    let debian = Path::new("/usr/bin/pg_dump");
    if debian.is_file() {
        found.push(("15".to_string(), debian.to_path_buf()));
    } else {
        let _: Option<()> =
            skip_or_fail(test, "no /usr/bin/pg_dump (Debian's postgresql-client-15)");
    }
    let list = std::env::var("DUMPFIX_PG_DUMPS").unwrap_or_default();
    for (v, p) in list.split(',').filter_map(|kv| kv.split_once('=')) {
        let p = PathBuf::from(p);
        if p.is_file() {
            found.push((v.to_string(), p));
        }
    }
    for want in ["17", "18"] {
        if !found.iter().any(|(v, _)| v == want) {
            let _: Option<()> = skip_or_fail(
                test,
                &format!(
                    "no pg_dump {want} (run `bash scripts/pg-dump-versions.sh` and set \
                     DUMPFIX_PG_DUMPS, as scripts/test.sh does)"
                ),
            );
        }
    }
    found
        .into_iter()
        .filter_map(|(major, pg_dump)| {
            let pg_restore = pg_dump.with_file_name("pg_restore");
            if pg_restore.is_file() {
                Some(Tools {
                    major,
                    pg_dump,
                    pg_restore,
                })
            } else {
                skip_or_fail(
                    test,
                    &format!("no pg_restore next to {}", pg_dump.display()),
                )
            }
        })
        .collect()
}

/// `\restrict KEY` and `\unrestrict KEY` lines with the key replaced (the only
/// bytes that differ between two runs of pg_restore).
fn normalise(script: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(script.len());
    for line in script.split_inclusive(|&b| b == b'\n') {
        if line.starts_with(b"\\restrict ") {
            out.extend_from_slice(b"\\restrict KEY\n");
        } else if line.starts_with(b"\\unrestrict ") {
            out.extend_from_slice(b"\\unrestrict KEY\n");
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

/// Where two scripts first differ, for the failure message.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let w: Vec<&[u8]> = want.split(|&b| b == b'\n').collect();
    let g: Vec<&[u8]> = got.split(|&b| b == b'\n').collect();
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            return format!(
                "line {}: pg_restore {:?}, dumpfix {:?} ({} and {} bytes in all)",
                i + 1,
                a.map(|l| String::from_utf8_lossy(l).into_owned()),
                b.map(|l| String::from_utf8_lossy(l).into_owned()),
                want.len(),
                got.len()
            );
        }
    }
    "no line differs".into()
}

fn output(mut cmd: Command) -> Output {
    cmd.stdin(Stdio::null());
    cmd.output().unwrap()
}

/// `pg_restore -f - ARCHIVE`.
fn pg_restore(t: &Tools, archive: &Path) -> Vec<u8> {
    let mut cmd = Command::new(&t.pg_restore);
    cmd.args(["-f", "-"]).arg(archive);
    let o = output(cmd);
    assert!(
        o.status.success(),
        "pg_restore {} {}: {}",
        t.major,
        archive.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// `dumpfix fix ARCHIVE -o -` (no target: the script as read).
fn dumpfix_script(archive: &Path) -> Vec<u8> {
    let o = output({
        let mut c = dumpfix();
        c.arg("fix").arg(archive).args(["-o", "-"]);
        c
    });
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "dumpfix fix {}: {err}",
        archive.display()
    );
    assert!(!err.contains("panicked"), "{err}");
    o.stdout
}

/// The test database, made once per test; `None` when the server is missing.
fn fixture_db(pg: &Pg) -> common::TestDb {
    let db = pg.create_db(&unique_name("pgarchive"));
    pg.load_bytes(&db, FIXTURE.as_bytes());
    db
}

/// What the dump of each case is compared on.
struct Case {
    label: String,
    archive: PathBuf,
}

/// Dump `db` with `t` as `-F format -Z compression`, with `-f` (`to_stdout`: with
/// `>`); `None` when this build has no such compression.
fn dump(
    pg: &Pg,
    t: &Tools,
    db: &str,
    format: &str,
    z: &str,
    to_stdout: bool,
    dir: &Path,
) -> Option<Case> {
    let label = format!(
        "pg_dump {} -F{format} -Z {z} {}",
        t.major,
        if to_stdout { "> file" } else { "-f file" }
    );
    let archive = dir.join(format!(
        "{}-{format}-{}-{}",
        t.major,
        z.replace(':', "_"),
        if to_stdout { "stdout" } else { "file" }
    ));
    let mut cmd = Command::new(&t.pg_dump);
    cmd.args(["-h", &pg.host, "-U", &pg.user, "-d", db])
        .arg(format!("-F{format}"))
        .args(["-Z", z]);
    if to_stdout {
        cmd.stdout(std::fs::File::create(&archive).unwrap());
    } else {
        cmd.arg("-f").arg(&archive).stdout(Stdio::null());
    }
    let o = cmd.stderr(Stdio::piped()).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    if !o.status.success() {
        if err.contains("does not support compression") {
            eprintln!("{label}: this build has no such compression, not compared");
            return None;
        }
        panic!("{label}: {err}");
    }
    Some(Case { label, archive })
}

/// The compressions each pg_dump is asked for (a build without one says so, and the
/// case is skipped).
fn compressions(major: &str) -> &'static [&'static str] {
    if major == "15" {
        &["0", "6"]
    } else {
        &["none", "gzip:6", "lz4", "zstd"]
    }
}

/// Issue 19 §1: for every pg_dump, format, compression and way of writing, the
/// script dumpfix reads equals `pg_restore -f -` of the same version.
#[test]
fn archives_read_as_pg_restore_prints_them() {
    const TEST: &str = "archives_read_as_pg_restore_prints_them";
    let Some(pg) = Pg::connect(TEST) else { return };
    let tools = tools(TEST);
    if tools.is_empty() {
        return;
    }
    let db = fixture_db(&pg);
    let dir = tempfile::tempdir().unwrap();
    let mut compared = Vec::new();
    for t in &tools {
        for &z in compressions(&t.major) {
            let plain = z == "0" || z == "none";
            let mut cases = Vec::new();
            for to_stdout in [false, true] {
                cases.extend(dump(&pg, t, &db, "c", z, to_stdout, dir.path()));
                if plain {
                    // tar archives are never compressed
                    cases.extend(dump(&pg, t, &db, "t", z, to_stdout, dir.path()));
                }
            }
            cases.extend(dump(&pg, t, &db, "d", z, false, dir.path()));
            for c in cases {
                let want = normalise(&pg_restore(t, &c.archive));
                let got = normalise(&dumpfix_script(&c.archive));
                assert!(
                    want == got,
                    "{}: {}",
                    c.label,
                    first_difference(&want, &got)
                );
                assert!(want.len() > 100_000, "{}: the script is too short", c.label);
                compared.push(c.label);
            }
        }
    }
    eprintln!("byte-identical to pg_restore: {}", compared.join("; "));
    // Debian's 15 alone: 7 cases (custom and tar, -f and stdout, directory; 2 levels)
    assert!(compared.len() >= 7, "{compared:?}");
}

/// Piped in (no file to seek in), and gzip-wrapped: the same script.
#[test]
fn archives_on_stdin_and_gzip_wrapped() {
    const TEST: &str = "archives_on_stdin_and_gzip_wrapped";
    let Some(pg) = Pg::connect(TEST) else { return };
    let tools = tools(TEST);
    if tools.is_empty() {
        return;
    }
    let db = fixture_db(&pg);
    let dir = tempfile::tempdir().unwrap();
    for t in &tools {
        let z = if t.major == "15" { "6" } else { "gzip:6" };
        let cases = [
            dump(&pg, t, &db, "c", z, true, dir.path()),
            dump(
                &pg,
                t,
                &db,
                "t",
                if t.major == "15" { "0" } else { "none" },
                true,
                dir.path(),
            ),
        ];
        for c in cases.into_iter().flatten() {
            let want = normalise(&pg_restore(t, &c.archive));
            let mut cmd = dumpfix();
            cmd.args(["fix", "-o", "-"]);
            let o = output_with_files_on_stdin(cmd, std::slice::from_ref(&c.archive));
            assert!(
                o.status.success(),
                "{}: {}",
                c.label,
                String::from_utf8_lossy(&o.stderr)
            );
            let got = normalise(&o.stdout);
            assert!(
                want == got,
                "{} on stdin: {}",
                c.label,
                first_difference(&want, &got)
            );

            let gz = dir.path().join("wrapped.gz");
            let mut enc = flate2::write::GzEncoder::new(
                std::fs::File::create(&gz).unwrap(),
                flate2::Compression::fast(),
            );
            std::io::copy(&mut std::fs::File::open(&c.archive).unwrap(), &mut enc).unwrap();
            enc.finish().unwrap().flush().unwrap();
            let got = normalise(&dumpfix_script(&gz));
            assert!(
                want == got,
                "{} gzip-wrapped: {}",
                c.label,
                first_difference(&want, &got)
            );
        }
    }
}

/// `check --target liferay-postgresql` finds the same on the archive as on the
/// script pg_restore prints for it (the `\restrict` keys have the same length, so
/// the offsets agree too).
#[test]
fn check_on_an_archive_finds_what_it_finds_on_the_script() {
    const TEST: &str = "check_on_an_archive_finds_what_it_finds_on_the_script";
    let Some(pg) = Pg::connect(TEST) else { return };
    let tools = tools(TEST);
    let Some(t) = tools.first() else { return };
    let db = fixture_db(&pg);
    let dir = tempfile::tempdir().unwrap();
    let z = if t.major == "15" { "6" } else { "gzip:6" };
    let c = dump(&pg, t, &db, "c", z, false, dir.path()).unwrap();
    let plain = dir.path().join("plain.sql");
    std::fs::write(&plain, pg_restore(t, &c.archive)).unwrap();
    let findings = |p: &Path| {
        let o = output({
            let mut c = dumpfix();
            c.args([
                "check",
                "--quiet",
                "--target",
                "liferay-postgresql",
                "--format",
                "json",
            ])
            .arg(p);
            c
        });
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"].clone()
    };
    let on_archive = findings(&c.archive);
    let on_script = findings(&plain);
    assert!(
        on_archive.as_array().is_some_and(|a| a.len() > 3),
        "{on_archive}"
    );
    assert_eq!(on_archive, on_script);
}

/// A truncated or corrupt archive: exit 2, a message with the byte offset, no panic,
/// and no script written (the output file is not created).
#[test]
fn broken_archives_are_errors_with_an_offset() {
    const TEST: &str = "broken_archives_are_errors_with_an_offset";
    let Some(pg) = Pg::connect(TEST) else { return };
    let tools = tools(TEST);
    let Some(t) = tools.first() else { return };
    let db = fixture_db(&pg);
    let dir = tempfile::tempdir().unwrap();
    let z = if t.major == "15" { "6" } else { "gzip:6" };
    let c = dump(&pg, t, &db, "c", z, false, dir.path()).unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::open(&c.archive).unwrap(), &mut bytes).unwrap();
    let len = bytes.len();
    let mut broken: Vec<(String, Vec<u8>)> = Vec::new();
    for cut in [20, 200, len / 3, len / 2, len - 10] {
        broken.push((format!("cut at {cut}"), bytes[..cut].to_vec()));
    }
    // compressed data damaged in the middle of the largest table's block
    let mut flipped = bytes.clone();
    for b in &mut flipped[len / 2..len / 2 + 64] {
        *b ^= 0x5a;
    }
    broken.push(("64 bytes flipped".into(), flipped));
    for (what, data) in broken {
        let p = dir.path().join("broken.dump");
        std::fs::write(&p, &data).unwrap();
        let out = dir.path().join("out.sql");
        let o = output({
            let mut c = dumpfix();
            c.arg("fix").arg(&p).arg("-o").arg(&out);
            c
        });
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
        assert!(
            err.contains("pg_dump custom-format archive: ") && err.contains(" at byte "),
            "{what}: {err}"
        );
        assert!(!out.exists(), "{what}: a half-written output is left");
    }
}
