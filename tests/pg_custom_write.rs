//! `fix -o x.dump` / `--format custom`: pg_dump custom-format archives written without
//! a server, read back by the real pg_restore 15 (`-l`, `-f -`, and a restore with
//! the flags Mendix's restore uses: `--clean --if-exists -O -n public -x -d`), the
//! restored database compared with the source (tables, row counts, a checksum of every
//! table's values, large objects).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{dumpfix, skip_or_fail, unique_name, Pg};

/// A database with many kinds of value and object: text with quotes, backslashes,
/// tabs and newlines, bytea, numerics, arrays, json, a sequence, a view, a function,
/// indexes, foreign keys, comments and large objects (one of 240 kB, written by
/// pg_dump in several `lowrite` calls).
const SOURCE: &str = r#"
CREATE TABLE t1 (id serial PRIMARY KEY, s text, b bytea, n numeric(20,5), a int[], j jsonb, ts timestamptz, f float8);
INSERT INTO t1 (s,b,n,a,j,ts,f) VALUES
 (E'it''s a \\ back\nslash\ttab "q"', '\x00ff10', 12345.6789, '{1,2,3}', '{"a":[1,"x\"y"]}', '2024-02-29 12:00:00+00', 1.5e300),
 (NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 ('ünïcødé ✓', '\x', -0.5, '{}', 'null', '2020-01-01', 'NaN'),
 (E'\\N literally', '\x5c4e', 0, '{NULL,7}', '[]', '-infinity', '-Infinity');
CREATE TABLE "Mixed Case" (id int PRIMARY KEY, "Value" text);
INSERT INTO "Mixed Case" SELECT g, repeat('x', g) FROM generate_series(1, 50) g;
CREATE TABLE t2 (id int PRIMARY KEY, t1_id int REFERENCES t1(id), label varchar(20) UNIQUE, m int REFERENCES "Mixed Case"(id));
INSERT INTO t2 SELECT g, 1 + g % 3, 'l' || g, 1 + g % 50 FROM generate_series(1, 20000) g;
CREATE INDEX t2_label_idx ON t2 (lower(label));
CREATE VIEW v AS SELECT t2.label, t1.s FROM t2 JOIN t1 ON t1.id = t2.t1_id;
CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x + 1; END; $$;
CREATE SEQUENCE myseq START 100; SELECT nextval('myseq');
COMMENT ON TABLE t1 IS 'table one';
COMMENT ON COLUMN t1.s IS 'the ''s'' column';
SELECT lo_from_bytea(0, '\x68656c6c6f');
SELECT lo_from_bytea(0, decode(repeat('0001feff', 60000), 'hex'));
SELECT lo_from_bytea(0, '\x');
"#;

/// Tables (`schema.name`) with their row count and a checksum of their values; the
/// large objects' count and checksum; the sequences' states; the objects of `public`.
fn fingerprint(pg: &Pg, db: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let tables = pg.query(
        db,
        "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables \
         WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    );
    for t in tables.lines().filter(|l| !l.is_empty()) {
        let v = pg.query(
            db,
            &format!(
                "SELECT count(*) || ' ' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '-') FROM {t} x"
            ),
        );
        out.insert(format!("table {t}"), v);
    }
    out.insert(
        "large objects".into(),
        pg.query(
            db,
            "SELECT count(*) || ' ' || coalesce(md5(string_agg(oid::text || ':' || md5(lo_get(oid)), ',' ORDER BY oid)), '-') \
             FROM pg_largeobject_metadata",
        ),
    );
    out.insert(
        "sequences".into(),
        pg.query(
            db,
            "SELECT string_agg(format('%s=%s', sequencename, last_value), ',' ORDER BY sequencename) FROM pg_sequences",
        ),
    );
    out.insert(
        "objects".into(),
        pg.query(
            db,
            "SELECT string_agg(format('%s:%s', relkind, relname), ',' ORDER BY relname) FROM pg_class \
             WHERE relnamespace = 'public'::regnamespace",
        ),
    );
    out.insert(
        "constraints".into(),
        pg.query(
            db,
            "SELECT string_agg(conname || ':' || contype::text, ',' ORDER BY conname) FROM pg_constraint \
             WHERE connamespace = 'public'::regnamespace",
        ),
    );
    out.insert(
        "comments".into(),
        pg.query(
            db,
            "SELECT string_agg(coalesce(description, ''), ',' ORDER BY description) FROM pg_description d \
             JOIN pg_class c ON c.oid = d.objoid WHERE c.relnamespace = 'public'::regnamespace",
        ),
    );
    out
}

fn tool(name: &str) -> Option<PathBuf> {
    let p = Path::new("/usr/bin").join(name);
    p.exists().then_some(p)
}

/// pg_dump and pg_restore 15 and a server, or skip.
fn setup(test: &str) -> Option<(Pg, PathBuf, PathBuf)> {
    let pg = Pg::connect(test)?;
    let (Some(dump), Some(restore)) = (tool("pg_dump"), tool("pg_restore")) else {
        return skip_or_fail(test, "pg_dump / pg_restore not found in /usr/bin");
    };
    let v = Command::new(&restore).arg("--version").output().ok()?;
    let v = String::from_utf8_lossy(&v.stdout).into_owned();
    if !v.contains(" 15.") {
        return skip_or_fail(test, &format!("pg_restore is not version 15: {v}"));
    }
    Some((pg, dump, restore))
}

fn run_ok(mut cmd: Command) -> Vec<u8> {
    let what = format!("{cmd:?}");
    let o = cmd.stdin(Stdio::null()).output().unwrap();
    assert!(
        o.status.success(),
        "{what} failed ({}):\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// `pg_restore -l` and `-f -` accept `archive`; then restore it with Mendix's flags
/// into a new database, and return that database.
fn restore(pg: &Pg, restore: &Path, archive: &Path, name: &str) -> common::TestDb {
    let list = run_ok({
        let mut c = Command::new(restore);
        c.arg("-l").arg(archive);
        c
    });
    let list = String::from_utf8_lossy(&list).into_owned();
    assert!(list.contains("Format: CUSTOM"), "{list}");
    // every restorable entry carries its schema (`pg_restore -n` skips the others)
    for line in list
        .lines()
        .filter(|l| !l.starts_with(';') && !l.is_empty())
    {
        assert!(
            line.contains(" public "),
            "an entry without namespace public: {line}"
        );
        assert!(!line.contains(" ACL "), "an ACL entry: {line}");
    }
    let script = run_ok({
        let mut c = Command::new(restore);
        c.args(["-f", "-"]).arg(archive);
        c
    });
    assert!(!script.is_empty());
    let db = pg.create_db(name);
    let mut c = Command::new(restore);
    c.args([
        "--clean",
        "--if-exists",
        "-O",
        "-n",
        "public",
        "-x",
        "--exit-on-error",
        "-h",
        &pg.host,
        "-U",
        &pg.user,
        "-d",
        db.name(),
    ])
    .arg(archive);
    run_ok(c);
    db
}

#[test]
fn a_plain_pg_dump_becomes_an_archive_that_pg_restore_15_restores_equal() {
    let test = "a_plain_pg_dump_becomes_an_archive_that_pg_restore_15_restores_equal";
    let Some((pg, pg_dump, pg_restore)) = setup(test) else {
        return;
    };
    let src = pg.create_db(&unique_name("cw_src"));
    pg.load_bytes(src.name(), SOURCE.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("src.sql");
    run_ok({
        let mut c = Command::new(&pg_dump);
        c.args(["-h", &pg.host, "-U", &pg.user, "-f"])
            .arg(&plain)
            .arg(src.name());
        c
    });
    let want = fingerprint(&pg, src.name());
    assert!(want["large objects"].starts_with("3 "), "{want:?}");
    // by the name's extension (zlib data blocks), and uncompressed by --format
    let gz = dir.path().join("x.dump");
    let none = dir.path().join("x.out");
    let o = dumpfix()
        .args(["fix", "-q"])
        .arg(&plain)
        .arg("-o")
        .arg(&gz)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = dumpfix()
        .args(["fix", "-q", "--format", "custom", "--level", "0"])
        .arg(&plain)
        .arg("-o")
        .arg(&none)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let size = |p: &Path| std::fs::metadata(p).unwrap().len();
    assert!(
        size(&gz) * 3 < size(&none),
        "{} vs {}",
        size(&gz),
        size(&none)
    );
    for (archive, level) in [(&gz, "Compression: -1"), (&none, "Compression: 0")] {
        let list = run_ok({
            let mut c = Command::new(&pg_restore);
            c.arg("-l").arg(archive);
            c
        });
        let list = String::from_utf8_lossy(&list).into_owned();
        assert!(list.contains(level), "{list}");
        assert!(list.contains("Dump Version: 1.14-0"), "{list}");
        for entry in [
            "TABLE public t1",
            "TABLE DATA public t1",
            "TABLE DATA public Mixed Case",
            "SEQUENCE SET public myseq",
            "INDEX public t2_label_idx",
            "FK CONSTRAINT public t2 t2_t1_id_fkey",
            "COMMENT public COLUMN t1.s",
            "FUNCTION public f(integer)",
            "VIEW public v",
            "BLOB public ",
            "BLOBS public BLOBS",
        ] {
            assert!(list.contains(entry), "no {entry} in\n{list}");
        }
        let dst = restore(&pg, &pg_restore, archive, &unique_name("cw_dst"));
        assert_eq!(fingerprint(&pg, dst.name()), want, "{}", archive.display());
        assert_eq!(pg.query(dst.name(), "SELECT public.f(41)"), "42");
    }
    // pg_restore -f - writes the same SQL for our archive as for pg_dump's own -O -x one,
    // but for what pg_restore takes from the server (versions, \restrict keys,
    // tablespace and access method SETs) and the schema of large objects
    let theirs = dir.path().join("theirs.dump");
    run_ok({
        let mut c = Command::new(&pg_dump);
        c.args(["-Fc", "-O", "-x", "-h", &pg.host, "-U", &pg.user, "-f"])
            .arg(&theirs)
            .arg(src.name());
        c
    });
    let script = |p: &Path| {
        let out = run_ok({
            let mut c = Command::new(&pg_restore);
            c.args(["-O", "-x", "-f", "-"]).arg(p);
            c
        });
        String::from_utf8_lossy(&out)
            .lines()
            .filter(|l| {
                !(l.starts_with("\\restrict")
                    || l.starts_with("\\unrestrict")
                    || l.starts_with("-- Dumped")
                    || l.starts_with("SET default_tablespace")
                    || l.starts_with("SET default_table_access_method")
                    || l.is_empty())
            })
            .map(|l| {
                let l = l.replace("Schema: -;", "Schema: public;");
                match l.find("; Owner: ") {
                    Some(o) => format!("{}; Owner: -", &l[..o]),
                    None => l,
                }
            })
            .collect::<Vec<_>>()
    };
    let (ours, theirs) = (script(&gz), script(&theirs));
    let first = ours.iter().zip(&theirs).position(|(a, b)| a != b);
    assert!(
        first.is_none() && ours.len() == theirs.len(),
        "pg_restore -f - differs at line {first:?}: {:?} vs {:?}",
        first.map(|i| &ours[i]),
        first.map(|i| &theirs[i])
    );
}

#[test]
fn a_mysql_dump_converted_on_the_way_restores_as_its_sql_loads() {
    let test = "a_mysql_dump_converted_on_the_way_restores_as_its_sql_loads";
    let Some((pg, _, pg_restore)) = setup(test) else {
        return;
    };
    let Some(corpus) = common::require_corpus(test) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for dump in [
        "mysql-world/world.sql",
        "mysql-sakila-official/sakila-schema.sql",
    ] {
        let input = corpus.join(dump);
        let sql = dir.path().join("c.sql");
        let archive = dir.path().join("c.backup");
        for out in [&sql, &archive] {
            let o = dumpfix()
                .args(["fix", "-q", "--target", "liferay-postgresql"])
                .arg(&input)
                .arg("-o")
                .arg(out)
                .output()
                .unwrap();
            assert!(
                o.status.code() == Some(0) || o.status.code() == Some(1),
                "{dump}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let a = pg.create_db(&unique_name("cw_sql"));
        let mut c = pg.psql(a.name());
        c.arg("-f").arg(&sql);
        // what loads from the SQL (errors and all) is what the archive must give
        let _ = c.output().unwrap();
        let b = restore(&pg, &pg_restore, &archive, &unique_name("cw_arc"));
        let want = fingerprint(&pg, a.name());
        assert!(
            want.keys().any(|k| k.starts_with("table ")),
            "{dump}: {want:?}"
        );
        assert_eq!(fingerprint(&pg, b.name()), want, "{dump}");
    }
}

#[test]
fn a_mysql_dump_without_a_postgresql_target_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("m.sql");
    std::fs::write(
        &input,
        "-- MySQL dump 10.13\n/*!40101 SET NAMES utf8 */;\nCREATE TABLE `t` (`a` int);\nINSERT INTO `t` VALUES (1);\n",
    )
    .unwrap();
    let out = dir.path().join("m.dump");
    let o = dumpfix()
        .args(["fix", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("PostgreSQL") && err.contains("--target"),
        "{err}"
    );
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // --archive-version with an output that is not an archive: a usage error
    let sql = dir.path().join("p.sql");
    std::fs::write(&sql, "CREATE TABLE public.t (a int);\n").unwrap();
    let o = dumpfix()
        .args(["fix", "-q", "--archive-version", "1.16"])
        .arg(&sql)
        .arg("-o")
        .arg(dir.path().join("out.sql"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format custom"));
    assert!(!dir.path().join("out.sql").exists());
}

#[test]
fn version_1_16_is_refused_by_pg_restore_15_and_read_by_a_newer_one() {
    let test = "version_1_16_is_refused_by_pg_restore_15_and_read_by_a_newer_one";
    let Some(pg_restore) = tool("pg_restore") else {
        skip_or_fail::<()>(test, "pg_restore not found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.sql");
    std::fs::write(
        &input,
        "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n\
         CREATE TABLE public.t (a int);\nCOPY public.t (a) FROM stdin;\n1\n2\n\\.\n\
         SELECT pg_catalog.lo_create('4242');\nBEGIN;\nSELECT pg_catalog.lo_open('4242', 131072);\n\
         SELECT pg_catalog.lowrite(0, '\\x616263');\nSELECT pg_catalog.lo_close(0);\nCOMMIT;\n",
    )
    .unwrap();
    let out = dir.path().join("p.dump");
    let o = dumpfix()
        .args(["fix", "-q", "--archive-version", "1.16"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new(&pg_restore)
        .arg("-l")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("unsupported version (1.16)"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // a pg_restore 17 or 18 reads it: the one beside a pg_dump of $DUMPFIX_PG_DUMPS
    // (`17=/path/pg_dump,18=/path/pg_dump`, set by scripts/test.sh)
    let newer = std::env::var("DUMPFIX_PG_DUMPS")
        .unwrap_or_default()
        .split(',')
        .filter_map(|e| e.split_once('='))
        .filter(|(v, _)| v.parse::<u32>().is_ok_and(|v| v >= 17))
        .map(|(_, dump)| Path::new(dump).with_file_name("pg_restore"))
        .find(|p| p.exists());
    let Some(newer) = newer else {
        skip_or_fail::<()>(
            test,
            "no pg_restore 17+ (set DUMPFIX_PG_DUMPS=17=/path/pg_dump as scripts/test.sh does)",
        );
        return;
    };
    let list = run_ok({
        let mut c = Command::new(&newer);
        c.arg("-l").arg(&out);
        c
    });
    let list = String::from_utf8_lossy(&list);
    assert!(list.contains("BLOB METADATA public 4242"), "{list}");
    let script = run_ok({
        let mut c = Command::new(&newer);
        c.args(["-f", "-"]).arg(&out);
        c
    });
    let script = String::from_utf8_lossy(&script);
    assert!(
        script.contains("SELECT pg_catalog.lo_create('4242');"),
        "{script}"
    );
    assert!(script.contains("lowrite(0, '\\x616263')"), "{script}");
    assert!(
        script.contains("COPY public.t (a) FROM stdin;\n1\n2\n\\.\n"),
        "{script}"
    );
}

/// A plain pg_dump-style dump of about `mib` MiB of COPY rows, with one row holding a
/// 24 MiB value (longer than the splitter's window) and one large object of 4 MiB.
fn big_pg_dump(path: &Path, mib: usize) -> u64 {
    use std::io::Write;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    w.write_all(
        b"SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n\
          SELECT pg_catalog.set_config('search_path', '', false);\n\n\
          --\n-- Name: t; Type: TABLE; Schema: public; Owner: x\n--\n\n\
          CREATE TABLE public.t (a bigint, b text);\n\n\
          --\n-- Data for Name: t; Type: TABLE DATA; Schema: public; Owner: x\n--\n\n\
          COPY public.t (a, b) FROM stdin;\n",
    )
    .unwrap();
    let mut rows = 0u64;
    let mut written = 0usize;
    while written < mib << 20 {
        let line = format!("{rows}\tsome text of row {rows} with a \\t tab\n");
        written += line.len();
        w.write_all(line.as_bytes()).unwrap();
        rows += 1;
    }
    w.write_all(format!("{rows}\t").as_bytes()).unwrap();
    for _ in 0..24 {
        w.write_all(&vec![b'z'; 1 << 20]).unwrap();
    }
    w.write_all(b"\n\\.\n\n").unwrap();
    rows += 1;
    w.write_all(
        b"--\n-- Name: 7001; Type: BLOB; Schema: -; Owner: x\n--\n\n\
          SELECT pg_catalog.lo_create('7001');\n\n\
          --\n-- Data for Name: BLOBS; Type: BLOBS; Schema: -; Owner: -\n--\n\n\
          BEGIN;\n\nSELECT pg_catalog.lo_open('7001', 131072);\n",
    )
    .unwrap();
    let hex = "ab".repeat(16384);
    for _ in 0..256 {
        w.write_all(format!("SELECT pg_catalog.lowrite(0, '\\x{hex}');\n").as_bytes())
            .unwrap();
    }
    w.write_all(b"SELECT pg_catalog.lo_close(0);\n\nCOMMIT;\n")
        .unwrap();
    w.flush().unwrap();
    rows
}

#[test]
fn a_large_dump_is_written_in_bounded_memory() {
    let test = "a_large_dump_is_written_in_bounded_memory";
    let ulimit = Command::new("sh")
        .args(["-c", "ulimit -v 262144 && true"])
        .status()
        .is_ok_and(|s| s.success());
    if !ulimit {
        skip_or_fail::<()>(test, "sh cannot set ulimit -v");
        return;
    }
    let Some(pg_restore) = tool("pg_restore") else {
        skip_or_fail::<()>(test, "pg_restore not found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.sql");
    let rows = big_pg_dump(&input, 150);
    let out = dir.path().join("big.dump");
    // 128 MiB of address space for a 175 MiB dump: the rows, the long value and the
    // large object are streamed, never held
    let o = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 131072 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_dumpfix"))
        // glibc gives each thread that allocates first while another holds the lock
        // an arena of its own, reserving 64 MiB of address space (not memory) each:
        // on a loaded machine the reader, writer and main threads took three and
        // the limit failed a 16 MiB allocation (the run needs 80-90 MiB otherwise)
        .env("MALLOC_ARENA_MAX", "1")
        .args(["fix", "-q", "--no-mmap", "--threads", "1"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // pg_restore reads every block back: the rows, the long one, the large object
    let mut child = Command::new(&pg_restore)
        .args(["-f", "-"])
        .arg(&out)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = 0u64;
    let mut longest = 0usize;
    let mut lowrites = 0usize;
    {
        use std::io::BufRead;
        let r = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut in_copy = false;
        for l in r.split(b'\n') {
            let l = l.unwrap();
            if l.starts_with(b"COPY public.t") {
                in_copy = true;
            } else if l == b"\\." {
                in_copy = false;
            } else if in_copy {
                lines += 1;
                longest = longest.max(l.len());
            } else if l.starts_with(b"SELECT pg_catalog.lowrite(0, ") {
                lowrites += l.len() - "SELECT pg_catalog.lowrite(0, '\\x');".len();
            }
        }
    }
    assert!(child.wait().unwrap().success());
    assert_eq!(lines, rows);
    assert!(longest > 24 << 20, "{longest}");
    assert_eq!(lowrites, 2 * (4 << 20));
}

/// What the archive leaves out (`-O -x`, transaction control) is said, with the first
/// one's byte offset; `-q` silences it.
#[test]
fn what_the_archive_leaves_out_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("owned.sql");
    let sql = "SET standard_conforming_strings = on;\n\
               CREATE TABLE public.t (a integer);\n\
               ALTER TABLE public.t OWNER TO alice;\n\
               GRANT SELECT ON TABLE public.t TO bob;\n\
               BEGIN;\n\
               COPY public.t (a) FROM stdin;\n1\n\\.\n\
               COMMIT;\n";
    std::fs::write(&input, sql).unwrap();
    let out = dir.path().join("owned.dump");
    let o = dumpfix()
        .arg("fix")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    let owner_at = sql.find("ALTER TABLE").unwrap();
    let grant_at = sql.find("GRANT").unwrap();
    let begin_at = sql.find("BEGIN").unwrap();
    assert!(
        err.contains(&format!("leaves out 1 ALTER … OWNER TO statements (an archive without owners, as pg_dump -O), the first at byte {owner_at}")),
        "{err}"
    );
    assert!(
        err.contains(&format!("leaves out 1 GRANT/REVOKE statements and ACL entries (no privileges, as pg_dump -x), the first at byte {grant_at}")),
        "{err}"
    );
    assert!(
        err.contains(&format!("leaves out 2 transaction statements (BEGIN/COMMIT: pg_restore has --single-transaction), the first at byte {begin_at}")),
        "{err}"
    );
    let o = dumpfix()
        .args(["fix", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
