//! `dumpfix mendix pack | verify | unpack`: the Mendix backup archive
//! (`files_and_database-….tar.gz`: `.metadata`, `db/db.backup`, `tree/<xx>/<yy>/<uuid>`).
//! A backup packed from a plain pg_dump and a folder of files verifies, unpacks, and
//! its `db/db.backup` restores with Mendix's pg_restore 15 flags into a database equal
//! to the source; archives broken in each way verify with the code that names it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{dumpfix, skip_or_fail, unique_name, Pg};

const SOURCE: &str = r#"
CREATE TABLE doc (id bigint PRIMARY KEY, name text, data bytea, at timestamptz);
INSERT INTO doc SELECT g, E'n\t' || g || ' ''q'' \\', decode(md5(g::text), 'hex'), '2024-01-01'::timestamptz + g * interval '1 hour'
  FROM generate_series(1, 5000) g;
CREATE TABLE "system$filedocument" (id bigint PRIMARY KEY, uuid text UNIQUE, doc bigint REFERENCES doc(id));
INSERT INTO "system$filedocument" VALUES (1, '0a1b2c3d-4e5f-6789-abcd-ef0123456789', 1);
CREATE SEQUENCE mendixsystem$seq START 7;
SELECT lo_from_bytea(0, '\x0001020304');
GRANT SELECT ON doc TO PUBLIC;
"#;

const UUIDS: [&str; 3] = [
    "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    "ffeeddcc-0000-1111-2222-333344445555",
    "12345678-9abc-def0-1234-56789abcdef0",
];

fn read(p: &Path) -> Vec<u8> {
    let mut v = Vec::new();
    std::fs::File::open(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .read_to_end(&mut v)
        .unwrap();
    v
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Members of a tar: names and bytes.
type Members = Vec<(String, Vec<u8>)>;

/// The members of a .tar.gz, in order, with their bytes (directories empty).
fn members(p: &Path) -> Vec<(String, Vec<u8>)> {
    let gz = flate2::read::MultiGzDecoder::new(std::fs::File::open(p).unwrap());
    let mut tar = tar::Archive::new(gz);
    let mut out = Vec::new();
    for e in tar.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut v = Vec::new();
        e.read_to_end(&mut v).unwrap();
        out.push((name, v));
    }
    out
}

/// A .tar.gz of `members` (a name ending in `/` is a folder).
fn tar_gz(p: &Path, members: &[(String, Vec<u8>)]) {
    let f = std::fs::File::create(p).unwrap();
    let gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    let mut b = tar::Builder::new(gz);
    for (name, data) in members {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(if name.ends_with('/') {
            tar::EntryType::Directory
        } else {
            tar::EntryType::Regular
        });
        b.append_data(&mut h, name, &data[..]).unwrap();
    }
    b.into_inner().unwrap().finish().unwrap().flush().unwrap();
}

fn verify(archive: &Path, extra: &[&str]) -> (i32, Vec<String>, String) {
    let o = dumpfix()
        .args(["mendix", "verify", "--format", "json"])
        .args(extra)
        .arg(archive)
        .output()
        .unwrap();
    let stdout = text(&o.stdout);
    let codes = serde_json::from_str::<serde_json::Value>(&stdout)
        .ok()
        .and_then(|v| {
            v["findings"].as_array().map(|a| {
                a.iter()
                    .map(|f| f["code"].as_str().unwrap_or("").to_string())
                    .collect()
            })
        })
        .unwrap_or_default();
    (
        o.status.code().unwrap_or(-1),
        codes,
        format!("{stdout}\n{}", text(&o.stderr)),
    )
}

fn run_ok(mut cmd: Command) -> Output {
    let what = format!("{cmd:?}");
    let o = cmd.stdin(Stdio::null()).output().unwrap();
    assert!(o.status.success(), "{what}: {}", text(&o.stderr));
    o
}

struct Source {
    pg: Pg,
    db: common::TestDb,
    dir: tempfile::TempDir,
    plain: PathBuf,
    files: PathBuf,
}

fn source(test: &str) -> Option<Source> {
    let pg = Pg::connect(test)?;
    if !Path::new("/usr/bin/pg_restore").exists() {
        return skip_or_fail(test, "/usr/bin/pg_restore not found");
    }
    let db = pg.create_db(&unique_name("mx_src"));
    pg.load_bytes(db.name(), SOURCE.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("app.sql");
    run_ok({
        let mut c = Command::new("/usr/bin/pg_dump");
        c.args(["-h", &pg.host, "-U", &pg.user, "-f"])
            .arg(&plain)
            .arg(db.name());
        c
    });
    // files flat and already nested, of several sizes
    let files = dir.path().join("files");
    std::fs::create_dir_all(files.join("ab/cd")).unwrap();
    std::fs::write(files.join(UUIDS[0]), vec![7u8; 300_000]).unwrap();
    std::fs::write(files.join("ab/cd").join(UUIDS[1]), b"hello").unwrap();
    std::fs::write(files.join(UUIDS[2]), b"").unwrap();
    Some(Source {
        pg,
        db,
        dir,
        plain,
        files,
    })
}

fn pack(s: &Source, name: &str) -> PathBuf {
    let out = s.dir.path().join(name);
    let o = dumpfix()
        .args([
            "mendix",
            "pack",
            "-q",
            "--model-version",
            "1.0.0.40",
            "--db",
        ])
        .arg(&s.plain)
        .arg("--files")
        .arg(&s.files)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    out
}

fn table_sums(pg: &Pg, db: &str) -> String {
    pg.query(
        db,
        "SELECT (SELECT count(*) || md5(string_agg(d::text, ',' ORDER BY d.id)) FROM doc d) \
         || ' ' || (SELECT md5(string_agg(f::text, ',')) FROM \"system$filedocument\" f) \
         || ' ' || (SELECT last_value FROM mendixsystem$seq) \
         || ' ' || (SELECT string_agg(encode(lo_get(oid), 'hex'), ',') FROM pg_largeobject_metadata)",
    )
}

#[test]
fn a_packed_backup_verifies_unpacks_and_restores_equal() {
    let test = "a_packed_backup_verifies_unpacks_and_restores_equal";
    let Some(s) = source(test) else {
        return;
    };
    let archive = pack(&s, "files_and_database-app.tar.gz");
    let m = members(&archive);
    let names: Vec<&str> = m.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], ".metadata");
    assert!(names.contains(&"db/db.backup"), "{names:?}");
    for u in UUIDS {
        let want = format!("tree/{}/{}/{u}", &u[..2], &u[2..4]);
        assert!(names.contains(&want.as_str()), "no {want} in {names:?}");
    }
    // .metadata: strings only, and the archive's sizes
    let meta: serde_json::Value = serde_json::from_slice(&m[0].1).unwrap();
    let meta = meta.as_object().unwrap();
    assert!(meta.values().all(|v| v.is_string()), "{meta:?}");
    let db = &m.iter().find(|(n, _)| n == "db/db.backup").unwrap().1;
    assert_eq!(meta["dumpSize"], db.len().to_string());
    assert_eq!(meta["filesSize"], (300_000 + 5).to_string());
    assert_eq!(meta["modelVersion"], "1.0.0.40");
    let sql_size = std::fs::metadata(&s.plain).unwrap().len();
    let db_size: u64 = meta["databaseSize"].as_str().unwrap().parse().unwrap();
    assert!(
        db_size > sql_size / 2 && db_size < sql_size * 2,
        "{db_size} vs {sql_size}"
    );
    assert_eq!(&db[..7], b"PGDMP\x01\x0e");

    let (code, codes, out) = verify(&archive, &[]);
    assert_eq!((code, codes.len()), (0, 0), "{out}");

    // unpack, then restore db/db.backup as Mendix does
    let un = s.dir.path().join("un");
    let o = dumpfix()
        .args(["mendix", "unpack"])
        .arg(&archive)
        .arg("-C")
        .arg(&un)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        read(&un.join("tree/0a/1b").join(UUIDS[0])),
        vec![7u8; 300_000]
    );
    assert_eq!(read(&un.join("tree/ff/ee").join(UUIDS[1])), b"hello");
    let dst = s.pg.create_db(&unique_name("mx_dst"));
    run_ok({
        let mut c = Command::new("/usr/bin/pg_restore");
        c.args([
            "--clean",
            "--if-exists",
            "-O",
            "-n",
            "public",
            "-x",
            "--exit-on-error",
            "-h",
            &s.pg.host,
            "-U",
            &s.pg.user,
            "-d",
            dst.name(),
        ])
        .arg(un.join("db/db.backup"));
        c
    });
    let want = table_sums(&s.pg, s.db.name());
    assert!(want.ends_with(" 0001020304"), "{want}");
    assert_eq!(table_sums(&s.pg, dst.name()), want);

    // Every command reads the backup archive itself: its db/db.backup, as the SQL
    // pg_restore 15 prints for it (the tree's files are skipped, counted in a note).
    let script = run_ok({
        let mut c = Command::new("/usr/bin/pg_restore");
        c.args(["-f", "-"]).arg(un.join("db/db.backup"));
        c
    })
    .stdout;
    let o = run_ok({
        let mut c = dumpfix();
        c.args(["fix"]).arg(&archive).args(["-o", "-"]);
        c
    });
    let unrestrict = |b: &[u8]| {
        text(b)
            .lines()
            .filter(|l| !l.starts_with("\\restrict") && !l.starts_with("\\unrestrict"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(unrestrict(&o.stdout), unrestrict(&script));
    assert!(
        text(&o.stderr).contains("skipped the tar members that are not dumps: tree/"),
        "{}",
        text(&o.stderr)
    );
    let o = run_ok({
        let mut c = dumpfix();
        c.args(["stats", "--format", "json"]).arg(&archive);
        c
    });
    assert!(
        text(&o.stdout).contains("db/db.backup"),
        "{}",
        text(&o.stdout)
    );

    // ... and a backup packs again from its own db.backup (a custom archive as --db)
    let again = s.dir.path().join("files_and_database-again.tar.gz");
    run_ok({
        let mut c = dumpfix();
        c.args(["mendix", "pack", "-q", "--db"])
            .arg(un.join("db/db.backup"))
            .arg("--files")
            .arg(&s.files)
            .arg("-o")
            .arg(&again);
        c
    });
    let (code, codes, out) = verify(&again, &[]);
    assert_eq!((code, codes.len()), (0, 0), "{out}");
}

#[test]
fn broken_backups_are_reported_with_their_code() {
    let test = "broken_backups_are_reported_with_their_code";
    let Some(s) = source(test) else {
        return;
    };
    let archive = pack(&s, "good.tar.gz");
    let good = members(&archive);
    let dir = s.dir.path();
    let variant = |name: &str, f: &dyn Fn(&mut Members)| {
        let mut m = good.clone();
        f(&mut m);
        let p = dir.join(name);
        tar_gz(&p, &m);
        p
    };

    // no .metadata: X002
    let p = variant("no-metadata.tar.gz", &|m| {
        m.retain(|(n, _)| n != ".metadata")
    });
    let (code, codes, out) = verify(&p, &[]);
    assert_eq!((code, codes), (1, vec!["X002".to_string()]), "{out}");

    // .metadata with a number, and a dumpSize that is not db.backup's: X002
    let p = variant("bad-metadata.tar.gz", &|m| {
        m[0].1 = br#"{"dumpSize":"1","filesSize":300005}"#.to_vec();
    });
    let (code, codes, out) = verify(&p, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(codes, vec!["X002", "X002"], "{out}");

    // db.backup of version 1.15 (its compression a byte, as pg_dump 16 writes): X003,
    // unless --max-archive-version allows it
    let p = variant("v115.tar.gz", &|m| {
        let db = &mut m.iter_mut().find(|(n, _)| n == "db/db.backup").unwrap().1;
        assert_eq!(db[6], 14);
        db[6] = 15;
        db.splice(11..16, [1u8]);
    });
    let (code, codes, out) = verify(&p, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(codes.contains(&"X003".to_string()), "{out}");
    assert!(out.contains("version 1.15"), "{out}");
    let (code, codes, out) = verify(&p, &["--max-archive-version", "1.15"]);
    assert!(!codes.contains(&"X003".to_string()), "{out}");
    assert_eq!(code, 1, "{out}"); // the sizes in .metadata are the old ones
                                  // no db.backup: X003
    let p = variant("no-db.tar.gz", &|m| {
        m.retain(|(n, _)| !n.starts_with("db/"))
    });
    let (_, codes, out) = verify(&p, &[]);
    assert!(codes.contains(&"X003".to_string()), "{out}");

    // a file one level deep, or under the wrong pairs: X006 (flat tree/<uuid> is fine)
    let p = variant("bad-tree.tar.gz", &|m| {
        for (n, _) in m.iter_mut() {
            if n.ends_with(UUIDS[0]) {
                *n = format!("tree/0a/{}", UUIDS[0]);
            } else if n.ends_with(UUIDS[1]) {
                *n = format!("tree/ee/ff/{}", UUIDS[1]);
            } else if n.ends_with(UUIDS[2]) {
                *n = format!("tree/{}", UUIDS[2]);
            }
        }
    });
    let (code, codes, out) = verify(&p, &[]);
    assert_eq!(
        (code, codes),
        (1, vec!["X006".to_string(), "X006".to_string()]),
        "{out}"
    );

    // pg_dump's own archive without -O -x: ACLs (X004), a large object without
    // schema (X005, which pg_restore -n public skips)
    let theirs = dir.join("theirs.dump");
    run_ok({
        let mut c = Command::new("/usr/bin/pg_dump");
        c.args(["-Fc", "-h", &s.pg.host, "-U", &s.pg.user, "-f"])
            .arg(&theirs)
            .arg(s.db.name());
        c
    });
    let theirs = read(&theirs);
    let p = variant("acl.tar.gz", &|m| {
        m[0].1 = br#"{"modelVersion":"1.0.0.40"}"#.to_vec();
        m.iter_mut().find(|(n, _)| n == "db/db.backup").unwrap().1 = theirs.clone();
    });
    let (code, codes, out) = verify(&p, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(codes.contains(&"X004".to_string()), "{out}");
    assert!(codes.contains(&"X005".to_string()), "{out}");
    assert!(out.contains("BLOB"), "{out}");

    // a symbolic link and a stray member: X001
    let p = dir.join("link.tar.gz");
    {
        let f = std::fs::File::create(&p).unwrap();
        let gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
        let mut b = tar::Builder::new(gz);
        for (name, data) in &good {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_entry_type(if name.ends_with('/') {
                tar::EntryType::Directory
            } else {
                tar::EntryType::Regular
            });
            b.append_data(&mut h, name, &data[..]).unwrap();
        }
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        b.append_link(&mut h, "tree/evil", "/etc/passwd").unwrap();
        let mut h = tar::Header::new_gnu();
        h.set_size(2);
        b.append_data(&mut h, "model/x", &b"hi"[..]).unwrap();
        b.into_inner().unwrap().finish().unwrap();
    }
    let (code, codes, out) = verify(&p, &[]);
    assert_eq!(
        (code, codes),
        (1, vec!["X001".to_string(), "X001".to_string()]),
        "{out}"
    );
    // unpack refuses the link, and leaves nothing outside its folder
    let o = dumpfix()
        .args(["mendix", "unpack"])
        .arg(&p)
        .arg("-C")
        .arg(dir.join("un-link"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));

    // a gzip cut short: the archive cannot be read to its end, exit 2
    let bytes = read(&archive);
    let p = dir.join("cut.tar.gz");
    std::fs::write(&p, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let (code, _, out) = verify(&p, &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("cannot be read to its end"), "{out}");
    // a flipped byte in the gzip trailer (CRC): exit 2
    let mut flipped = bytes.clone();
    let n = flipped.len();
    flipped[n - 6] ^= 0xff;
    let p = dir.join("crc.tar.gz");
    std::fs::write(&p, &flipped).unwrap();
    let (code, _, out) = verify(&p, &[]);
    assert_eq!(code, 2, "{out}");

    // the good one still verifies
    let (code, codes, out) = verify(&archive, &[]);
    assert_eq!((code, codes.len()), (0, 0), "{out}");
}

#[test]
fn pack_refuses_files_not_named_by_uuid_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("a.sql");
    std::fs::write(
        &plain,
        "SET client_encoding = 'UTF8';\nCREATE TABLE public.t (a int);\n",
    )
    .unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    std::fs::write(files.join("notes.txt"), b"x").unwrap();
    let out = dir.path().join("b.tar.gz");
    let o = dumpfix()
        .args(["mendix", "pack", "-q", "--db"])
        .arg(&plain)
        .arg("--files")
        .arg(&files)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("uuid"), "{}", text(&o.stderr));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn a_mysql_dump_packs_with_a_postgresql_target_only() {
    let test = "a_mysql_dump_packs_with_a_postgresql_target_only";
    let Some(corpus) = common::require_corpus(test) else {
        return;
    };
    let dump = corpus.join("mysql-world/world.sql");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w.tar.gz");
    let o = dumpfix()
        .args(["mendix", "pack", "-q", "--db"])
        .arg(&dump)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("--target"), "{}", text(&o.stderr));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let o = dumpfix()
        .args([
            "mendix",
            "pack",
            "-q",
            "--target",
            "liferay-postgresql",
            "--db",
        ])
        .arg(&dump)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let (code, codes, report) = verify(&out, &[]);
    assert_eq!((code, codes.len()), (0, 0), "{report}");
    let m = members(&out);
    let meta: serde_json::Value = serde_json::from_slice(&m[0].1).unwrap();
    assert_eq!(meta["filesSize"], "0");
    let db = &m.iter().find(|(n, _)| n == "db/db.backup").unwrap().1;
    // the three tables and their rows are in it
    let file = dir.path().join("db.backup");
    std::fs::write(&file, db).unwrap();
    if Path::new("/usr/bin/pg_restore").exists() {
        let o = run_ok({
            let mut c = Command::new("/usr/bin/pg_restore");
            c.arg("-l").arg(&file);
            c
        });
        let l = text(&o.stdout);
        for t in ["city", "country", "countrylanguage"] {
            assert!(l.contains(&format!("TABLE DATA public {t} ")), "{l}");
        }
    }
}
