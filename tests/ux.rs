//! Issue 20: safe defaults, errors a person can act on, reports for CI. Each test
//! runs the binary as a user would (a file, a pipe, a terminal through `script`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{dumpfix, output_with_stdin};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/examples/liferay-mysql.sql")
}

fn example_bytes() -> Vec<u8> {
    read(&example())
}

fn read(p: &Path) -> Vec<u8> {
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::open(p).unwrap(), &mut v).unwrap();
    v
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut c = dumpfix();
    c.args(args);
    output_with_stdin(c, stdin)
}

/// A MySQL dump with 15 tables Liferay does not know, each with a tinyint(1) column:
/// many findings of the same rules.
fn many_tables() -> Vec<u8> {
    let mut s = String::from(
        "-- MySQL dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n/*!40101 SET NAMES utf8mb4 */;\n",
    );
    for i in 0..15 {
        s.push_str(&format!(
            "CREATE TABLE `Extra_Table_{i}` (`id` int NOT NULL, `flag` tinyint(1) DEFAULT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;\nINSERT INTO `Extra_Table_{i}` VALUES (1,1),(2,0);\n"
        ));
    }
    s.push_str("-- Dump completed on 2024-01-01 10:00:00\n");
    s.into_bytes()
}

/// `sh -c CMD` with stdin, stdout and stderr on a terminal (`script`), stdin open
/// until it ends; its exit code and everything it wrote. `None` without `script`.
fn on_terminal(cmd: &str, env: &[(&str, &str)]) -> Option<(i32, String)> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping: no `script` (util-linux) for a terminal");
        return None;
    }
    let mut c = Command::new("timeout");
    c.args(["20", "script", "-qefc", cmd, "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take();
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    let mut all = text(&out.stdout);
    all.push_str(&text(&out.stderr));
    Some((out.status.code().unwrap_or(-1), all))
}

fn bin() -> String {
    env!("CARGO_BIN_EXE_dumpfix").to_string()
}

// ------------------------------------------------------------------ §2 safe by default

#[test]
fn fix_takes_the_target_from_dumpfix_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dumpfix.toml"),
        "target = \"liferay-mysql\"\n",
    )
    .unwrap();
    let o = dumpfix()
        .current_dir(dir.path())
        .args(["fix", "--quiet"])
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let with_flag = dumpfix()
        .args(["fix", "--quiet", "--target", "liferay-mysql"])
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(o.stdout, with_flag.stdout);
    assert_ne!(o.stdout, example_bytes(), "the target changes this dump");
}

#[test]
fn fix_without_a_target_says_it_copies() {
    let dir = tempfile::tempdir().unwrap();
    let o = dumpfix()
        .current_dir(dir.path())
        .arg("fix")
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, example_bytes());
    let err = text(&o.stderr);
    let notes: Vec<_> = err.lines().filter(|l| l.contains("no target")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(notes[0].contains("copied unchanged") && notes[0].contains("--target"));
    let quiet = dumpfix()
        .current_dir(dir.path())
        .args(["fix", "--quiet"])
        .arg(example())
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty(), "{}", text(&quiet.stderr));
}

#[test]
fn top_level_help_example_names_a_target() {
    let o = run(&["--help"], b"");
    let s = text(&o.stdout);
    assert!(
        s.contains("mysqldump lportal | dumpfix fix --target liferay-mysql -o database.gz"),
        "{s}"
    );
    assert!(!s.contains("dumpfix fix -o database.gz"), "{s}");
}

#[test]
fn unwritable_output_extensions_are_refused() {
    for ext in ["sql.bz2", "zip", "sql.xz", "7z", "sql.lz4"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(format!("out.{ext}"));
        let o = dumpfix()
            .args(["fix", "--quiet"])
            .arg(example())
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{ext}: {err}");
        assert!(err.contains(".gz") && err.contains(".zst"), "{ext}: {err}");
        assert!(err.contains(&format!("out.{ext}")), "{ext}: {err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "{ext}");
    }
    // what it can write still works
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.sql.zst");
    let o = dumpfix()
        .args(["fix", "--quiet"])
        .arg(example())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn level_with_plain_output_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.sql");
    let o = dumpfix()
        .args(["fix", "--quiet", "--level", "9"])
        .arg(example())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--level"), "{}", text(&o.stderr));
    assert!(!out.exists());
    let o = run(&["fix", "--quiet", "--level", "3"], &example_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    // with compression it is fine
    let o = run(
        &["fix", "--quiet", "--compress", "gzip", "--level", "3"],
        &example_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stdout.starts_with(&[0x1f, 0x8b]));
}

#[test]
fn compressed_output_to_a_terminal_is_refused() {
    let ex = example().display().to_string();
    let Some((code, out)) =
        on_terminal(&format!("{} fix --quiet --compress gzip {ex}", bin()), &[])
    else {
        return;
    };
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("terminal"), "{out}");
    assert!(!out.contains('\u{1f}'), "no gzip bytes on the terminal");
    let Some((code, out)) = on_terminal(
        &format!("{} fix --quiet --compress zstd {ex} -o /dev/stdout", bin()),
        &[],
    ) else {
        return;
    };
    assert_eq!(code, 2, "{out}");
    // plain SQL to a terminal is fine
    let Some((code, out)) = on_terminal(&format!("{} fix --quiet {ex}", bin()), &[]) else {
        return;
    };
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("CREATE TABLE"), "{out}");
}

// ------------------------------------------------------------------ §3 errors

/// The lines of stderr of a failed run, which must be one `dumpfix: error: …` line
/// and at most one `hint: …` line.
fn one_line_error(o: &Output) -> (String, Option<String>) {
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with("dumpfix: note:"))
        .collect();
    assert!(!lines.is_empty() && lines.len() <= 2, "{err}");
    assert!(lines[0].starts_with("dumpfix: error: "), "{err}");
    assert!(!err.contains("dumpfix::"), "no miette code in logs: {err}");
    let hint = lines.get(1).map(|h| {
        assert!(h.starts_with("hint: "), "{err}");
        h.to_string()
    });
    (lines[0].to_string(), hint)
}

#[test]
fn errors_are_one_line_with_a_hint_when_stderr_is_not_a_terminal() {
    let o = run(
        &["fix", "--quiet"],
        b"SELECT 1;\nINSERT INTO t VALUES (1,'abc",
    );
    let (line, hint) = one_line_error(&o);
    assert!(line.contains("unterminated string literal"), "{line}");
    assert!(
        line.contains("line 2") && line.contains("byte 34"),
        "{line}"
    );
    assert!(hint.is_some());
    // a cause is on the same line
    let o = run(
        &[
            "check",
            "--target",
            "liferay-mysql",
            "/nonexistent/dump.sql",
        ],
        b"",
    );
    let (line, _) = one_line_error(&o);
    assert!(
        line.contains("cannot read /nonexistent/dump.sql: No such file"),
        "{line}"
    );
}

#[test]
fn errors_on_a_terminal_stay_graphical() {
    let Some((code, out)) = on_terminal(
        &format!(
            "echo 'SELECT 1; INSERT INTO t VALUES (1,' | {} fix --quiet",
            bin()
        ),
        &[("NO_COLOR", "1")],
    ) else {
        return;
    };
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("dumpfix::syntax"), "{out}");
    assert!(!out.contains('\u{1b}'), "NO_COLOR: {out}");
    // --color never too
    let Some((code, out)) = on_terminal(
        &format!(
            "echo 'SELECT 1; INSERT INTO t VALUES (1,' | {} --color never fix --quiet",
            bin()
        ),
        &[("TERM", "xterm")],
    ) else {
        return;
    };
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("dumpfix::syntax") && !out.contains('\u{1b}'),
        "{out}"
    );
}

#[test]
fn messages_never_name_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["out.sql", "out.tgz"] {
        let out = dir.path().join("missing-folder").join(name);
        let o = dumpfix()
            .args(["fix", "--quiet"])
            .arg(example())
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let (line, _) = one_line_error(&o);
        assert!(!line.contains("dumpfix-tmp"), "{line}");
        assert!(line.contains("missing-folder"), "{line}");
    }
}

fn tar_with(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in members {
        let mut h = tar::Header::new_ustar();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, name, *data).unwrap();
    }
    b.into_inner().unwrap()
}

#[test]
fn archives_and_compressions_it_cannot_read_say_what_to_do() {
    // pg_dump archives are read (tests/pg_archive.rs); a broken one says where
    let pg_tar = tar_with(&[
        ("toc.dat", b"PGDMP toc"),
        ("3344.dat", b"1\tx\n\\.\n"),
        ("restore.sql", b"SELECT 1;\n"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, what) in [
        (
            "custom.dump",
            b"PGDMP\x01\x0e\x00\x04\x08\x01\x01".to_vec(),
            "pg_dump custom-format archive: the archive ends inside the header (truncated?) at byte 12",
        ),
        (
            "dump.tar",
            pg_tar,
            "pg_dump tar-format archive: archive version 32.116 is not read",
        ),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let o = run(&["stats", p.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(2), "{name}");
        let (line, _) = one_line_error(&o);
        assert!(line.contains(what), "{name}: {line}");
    }
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "dump.sql.bz2",
            b"BZh91AY&SY\x00\x00".to_vec(),
            "bzip2",
            "bzcat",
        ),
        (
            "dump.sql.xz",
            b"\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4\x46".to_vec(),
            "xz",
            "xzcat",
        ),
        (
            "dump.zip",
            b"PK\x03\x04\x14\x00\x00\x00".to_vec(),
            "zip",
            "unzip -p",
        ),
        (
            "dump.7z",
            b"7z\xbc\xaf\x27\x1c\x00\x04".to_vec(),
            "7z",
            "7z x -so",
        ),
    ];
    for (name, bytes, what, cmd) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let o = run(
            &["check", "--target", "liferay-mysql", p.to_str().unwrap()],
            b"",
        );
        let (line, hint) = one_line_error(&o);
        assert!(line.contains(what), "{name}: {line}");
        let hint = hint.unwrap_or_default();
        assert!(hint.contains(cmd) && hint.contains(name), "{name}: {hint}");
        // piped in, the same
        let o = run(&["fix", "--target", "liferay-mysql"], &bytes);
        let (line, hint) = one_line_error(&o);
        assert!(line.contains(what), "{name} on stdin: {line}");
        assert!(hint.unwrap_or_default().contains(cmd), "{name} on stdin");
        assert!(o.stdout.is_empty());
    }
    // a pg_dump -Fd directory
    let d = dir.path().join("dumpdir");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("toc.dat"), b"PGDMP").unwrap();
    let o = run(&["stats", d.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    let (line, _) = one_line_error(&o);
    assert!(
        line.contains("directory-format archive: the archive ends inside the header (truncated?)"),
        "{line}"
    );
}

fn utf16(s: &[u8], le: bool) -> Vec<u8> {
    let text = std::str::from_utf8(s).unwrap();
    let mut out = if le {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for u in text.encode_utf16() {
        let b = if le { u.to_le_bytes() } else { u.to_be_bytes() };
        out.extend_from_slice(&b);
    }
    out
}

#[test]
fn utf16_with_a_byte_order_mark_is_read_as_utf8() {
    let mut dump = example_bytes();
    // a character outside the BMP (a surrogate pair in UTF-16) and an accent
    dump.extend_from_slice("-- café 😀\n".as_bytes());
    let expected = run(&["fix", "--quiet", "--target", "liferay-mysql"], &dump);
    assert_eq!(expected.status.code(), Some(0));
    for le in [true, false] {
        let o = run(&["fix", "--target", "liferay-mysql"], &utf16(&dump, le));
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(o.stdout == expected.stdout, "le={le}: output differs");
        assert!(err.contains("UTF-16"), "{err}");
        // from a file, and gzip-compressed
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("dump.sql.gz");
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&utf16(&dump, le)).unwrap();
        std::fs::write(&p, e.finish().unwrap()).unwrap();
        let o = dumpfix()
            .args(["fix", "--target", "liferay-mysql"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(o.stdout == expected.stdout, "gzip le={le}: output differs");
        assert!(text(&o.stderr).contains("UTF-16"));
    }
}

#[test]
fn a_misspelled_target_gets_did_you_mean() {
    let o = run(
        &[
            "check",
            "--target",
            "liferay-postgres",
            example().to_str().unwrap(),
        ],
        b"",
    );
    let (line, _) = one_line_error(&o);
    assert!(line.contains("did you mean 'liferay-postgresql'"), "{line}");
    let o = run(&["fix", "--target", "lifray-mysql"], &example_bytes());
    let (line, _) = one_line_error(&o);
    assert!(line.contains("did you mean 'liferay-mysql'"), "{line}");
    // nothing close: no guess
    let o = run(&["fix", "--target", "oracle"], &example_bytes());
    let (line, _) = one_line_error(&o);
    assert!(!line.contains("did you mean"), "{line}");
}

#[test]
fn rule_takes_names_as_well_as_codes() {
    let by_name = run(&["rule", "table-name-case"], b"");
    assert_eq!(by_name.status.code(), Some(0), "{}", text(&by_name.stderr));
    let s = text(&by_name.stdout);
    let code = s
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap()
        .to_string();
    assert!(s.starts_with(&format!("# {code} table-name-case")), "{s}");
    let by_code = run(&["rule", &code.to_ascii_lowercase()], b"");
    assert_eq!(by_code.stdout, by_name.stdout);
    let o = run(&["rule", "table-name-cas"], b"");
    let (line, _) = one_line_error(&o);
    assert!(line.contains("did you mean 'table-name-case'"), "{line}");
}

#[test]
fn no_input_and_a_terminal_on_stdin_is_an_error_not_a_wait() {
    for cmd in ["check --target liferay-mysql", "fix", "stats"] {
        let Some((code, out)) = on_terminal(&format!("{} {cmd}", bin()), &[]) else {
            return;
        };
        assert_eq!(code, 2, "{cmd}: {out}");
        assert!(out.contains("pipe"), "{cmd}: {out}");
    }
}

#[test]
fn convert_offers_only_postgresql() {
    let o = run(&["convert", "--help"], b"");
    let s = text(&o.stdout);
    let to = s
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("--to <DB>"))
        .take(4)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(to.contains("postgresql") && !to.contains("mysql"), "{to}");
    let o = run(&["convert", "--to", "mysql"], &example_bytes());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_examples_are_not_wrapped() {
    for sub in ["fix", "check", "convert", "stats", ""] {
        let mut c = dumpfix();
        if !sub.is_empty() {
            c.arg(sub);
        }
        let o = c.arg("--help").env("COLUMNS", "80").output().unwrap();
        let s = text(&o.stdout);
        let examples: Vec<&str> = s
            .lines()
            .skip_while(|l| !l.starts_with("Examples:"))
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .collect();
        assert!(!examples.is_empty(), "{sub}: {s}");
        for l in examples {
            assert!(
                l.starts_with("  ") && l.chars().count() <= 80,
                "{sub}: a wrapped or long example line: {l:?}"
            );
        }
    }
}

#[test]
fn stats_of_a_gzip_dump_gives_both_sizes_and_aligned_columns() {
    let mut dump = example_bytes();
    dump.extend_from_slice(
        b"CREATE TABLE `a_table_with_a_name_much_longer_than_twenty_eight` (`id` int);\nINSERT INTO `a_table_with_a_name_much_longer_than_twenty_eight` VALUES (1),(2),(3);\n",
    );
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(&dump).unwrap();
    let gz = e.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dump.sql.gz");
    std::fs::write(&p, &gz).unwrap();
    for from_stdin in [false, true] {
        let o = if from_stdin {
            run(&["stats"], &gz)
        } else {
            run(&["stats", p.to_str().unwrap()], b"")
        };
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let s = text(&o.stdout);
        let size = s.lines().find(|l| l.starts_with("size")).unwrap();
        assert!(
            size.contains(&format!("{} bytes", dump.len()))
                && size.contains("decompressed")
                && size.contains(&format!("{} bytes", gz.len()))
                && size.contains("compressed"),
            "{size}"
        );
        // every count in the two lists ends in the same column
        let ends: std::collections::BTreeSet<usize> = s
            .lines()
            .filter(|l| l.starts_with("  "))
            .map(|l| l.trim_end().chars().count())
            .collect();
        assert_eq!(ends.len(), 1, "{s}");
        let o = run(&["stats", "--format", "json", p.to_str().unwrap()], b"");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["bytes"], dump.len() as u64);
        assert_eq!(v["compressed_bytes"], gz.len() as u64);
    }
    // plain: no compressed size
    let o = run(
        &["stats", "--format", "json", example().to_str().unwrap()],
        b"",
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.get("compressed_bytes").is_none());
}

// ------------------------------------------------------------------ §4 reports for CI

fn check(args: &[&str], dump: &[u8]) -> Output {
    let mut a = vec![
        "check",
        "--quiet",
        "--target",
        "liferay-postgresql",
        "--fail-on",
        "error",
    ];
    a.extend_from_slice(args);
    run(&a, dump)
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let json = check(&["--format", "json"], &many_tables());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() > 10);
    let o = check(
        &["--format", "concise", "--stdin-filename", "db/many.sql"],
        &many_tables(),
    );
    let s = text(&o.stdout);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), findings.len() + 1, "{s}");
    for (l, f) in lines.iter().zip(findings) {
        let want = format!(
            "db/many.sql:{}:{}: {} ",
            f["line"].as_u64().unwrap().max(1),
            f["column"].as_u64().unwrap().max(1),
            f["code"].as_str().unwrap()
        );
        assert!(l.starts_with(&want), "{l} / {want}");
    }
    assert!(lines.last().unwrap().starts_with("Found "), "{s}");
}

#[test]
fn statistics_count_per_rule_and_per_table() {
    let json = check(&["--format", "json"], &many_tables());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut per_rule = std::collections::BTreeMap::<String, usize>::new();
    for f in v["findings"].as_array().unwrap() {
        *per_rule
            .entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let o = check(&["--format", "concise", "--statistics"], &many_tables());
    let s = text(&o.stdout);
    let stats = &s[s.find("Found ").unwrap()..];
    for (code, n) in &per_rule {
        assert!(
            stats.lines().any(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                w.len() > 3 && w[0] == n.to_string() && w[2] == code
            }),
            "{code} ×{n} in:\n{stats}"
        );
    }
    assert!(stats.contains("table"), "{stats}");
    assert!(
        stats.contains("Extra_Table_3") || stats.contains("extra_table_3"),
        "{stats}"
    );
    // machine formats stay machine-readable: the statistics go to stderr
    let o = check(&["--format", "json", "--statistics"], &many_tables());
    serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap();
    assert!(text(&o.stderr).contains("occurrences"));
}

fn codes(o: &Output) -> std::collections::BTreeSet<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn select_and_ignore_by_code_or_name() {
    let all = codes(&check(&["--format", "json"], &many_tables()));
    assert!(all.len() >= 2, "{all:?}");
    let mut it = all.iter();
    let (a, b) = (it.next().unwrap().clone(), it.next().unwrap().clone());
    let rules: serde_json::Value =
        serde_json::from_slice(&run(&["rules", "--format", "json"], b"").stdout).unwrap();
    let name_of = |code: &str| {
        rules
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // --ignore by name removes just that rule
    let o = check(
        &["--format", "json", "--ignore", &name_of(&a)],
        &many_tables(),
    );
    let left = codes(&o);
    assert!(!left.contains(&a) && left.contains(&b), "{left:?}");
    // --select by code (comma-separated, any case) keeps only those
    let o = check(
        &[
            "--format",
            "json",
            "--select",
            &format!("{},{}", a.to_lowercase(), name_of(&b)),
        ],
        &many_tables(),
    );
    assert_eq!(codes(&o), [a.clone(), b.clone()].into_iter().collect());
    // repeated, and --ignore after --select
    let o = check(
        &[
            "--format", "json", "--select", &a, "--select", &b, "--ignore", &b,
        ],
        &many_tables(),
    );
    assert_eq!(codes(&o), [a.clone()].into_iter().collect());
    // combined with dumpfix.toml: the file disables a, --select b keeps only b
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("dumpfix.toml");
    std::fs::write(&cfg, format!("[rules]\ndisable = [\"{}\"]\n", name_of(&a))).unwrap();
    let o = check(
        &["--format", "json", "--config", cfg.to_str().unwrap()],
        &many_tables(),
    );
    let left = codes(&o);
    assert!(!left.contains(&a) && left.contains(&b), "{left:?}");
    // an unknown rule is a usage error with a guess
    let o = check(&["--select", "table-name-cse"], &many_tables());
    let (line, _) = one_line_error(&o);
    assert!(line.contains("did you mean 'table-name-case'"), "{line}");
    // fix takes them too: ignoring what fix would change leaves it unchanged
    let fixed = run(
        &["fix", "--quiet", "--target", "liferay-mysql"],
        &example_bytes(),
    );
    assert_ne!(fixed.stdout, example_bytes());
    let all_fix: Vec<String> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    let o = run(
        &[
            "fix",
            "--quiet",
            "--target",
            "liferay-mysql",
            "--ignore",
            &all_fix.join(","),
        ],
        &example_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stdout == example_bytes(), "no rule ran, nothing changed");
}

#[test]
fn stdin_filename_names_piped_input_in_reports() {
    let o = check(
        &["--format", "sarif", "--stdin-filename", "dumps/db.sql"],
        &many_tables(),
    );
    let s = text(&o.stdout);
    assert!(s.contains("\"dumps/db.sql\""), "{s}");
    assert!(!s.contains("%3Cstdin%3E") && !s.contains("<stdin>"), "{s}");
    let o = check(
        &["--format", "github", "--stdin-filename", "db.sql"],
        &many_tables(),
    );
    assert!(text(&o.stdout).contains("file=db.sql,"));
    // a file named on the command line keeps its name
    let o = check(
        &[
            "--format",
            "concise",
            "--stdin-filename",
            "x.sql",
            example().to_str().unwrap(),
        ],
        b"",
    );
    assert!(text(&o.stdout).contains("liferay-mysql.sql:"));
}

#[test]
fn github_annotations_are_capped_per_rule_and_summarised() {
    let json = check(&["--format", "json"], &many_tables());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut per_rule = std::collections::BTreeMap::<String, usize>::new();
    for f in v["findings"].as_array().unwrap() {
        *per_rule
            .entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let (big, n) = per_rule.iter().max_by_key(|(_, n)| **n).unwrap();
    assert!(*n > 10, "{per_rule:?}");
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let mut c = dumpfix();
    c.args([
        "check",
        "--quiet",
        "--target",
        "liferay-postgresql",
        "--format",
        "github",
    ])
    .env("GITHUB_STEP_SUMMARY", &summary);
    let o = output_with_stdin(c, &many_tables());
    let s = text(&o.stdout);
    for (code, n) in &per_rule {
        let annotated = s
            .lines()
            .filter(|l| !l.starts_with("::notice file=") || l.contains(",line="))
            .filter(|l| l.contains(&format!("title={code} ")))
            .count();
        assert_eq!(annotated, (*n).min(10), "{code}: {s}");
    }
    let closing: Vec<&str> = s
        .lines()
        .filter(|l| l.contains(&format!("{} more finding", n - 10)) && l.contains(big.as_str()))
        .collect();
    assert_eq!(closing.len(), 1, "{s}");
    let md = text(&read(&summary));
    assert!(md.starts_with("earlier step\n"), "appended: {md}");
    assert!(md.contains("| Rule |"), "{md}");
    assert!(
        md.contains(&format!("| {big} |")) && md.contains(&format!("| {n} |")),
        "{md}"
    );
    // without the variable, no file is written anywhere (and the report is the same)
    let o2 = check(&["--format", "github"], &many_tables());
    assert_eq!(text(&o2.stdout), s);
}

#[test]
fn colour_follows_no_color_clicolor_force_term_and_the_option() {
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    let with = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = dumpfix();
        c.args([
            "check",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "--fail-on",
            "error",
        ])
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            c.env(k, v);
        }
        output_with_stdin(c, &many_tables())
    };
    assert!(!esc(&with(&[], &[])), "a pipe: no colour");
    assert!(esc(&with(&[], &[("CLICOLOR_FORCE", "1")])));
    assert!(!esc(&with(&[], &[("CLICOLOR_FORCE", "0")])));
    assert!(!esc(&with(
        &[],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    )));
    assert!(esc(&with(&["--color", "always"], &[])));
    assert!(esc(&with(&["--color", "always"], &[("NO_COLOR", "1")])));
    assert!(!esc(&with(
        &["--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    )));
    // on a terminal: colour unless NO_COLOR or TERM=dumb
    let cmd = format!(
        "{} check --quiet --target liferay-postgresql --fail-on error {}",
        bin(),
        example().display()
    );
    let Some((_, out)) = on_terminal(&cmd, &[("TERM", "xterm")]) else {
        return;
    };
    assert!(out.contains('\u{1b}'), "{out}");
    let Some((_, out)) = on_terminal(&cmd, &[("TERM", "dumb")]) else {
        return;
    };
    assert!(!out.contains('\u{1b}'), "{out}");
    let Some((_, out)) = on_terminal(&cmd, &[("TERM", "xterm"), ("NO_COLOR", "1")]) else {
        return;
    };
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn rules_as_json() {
    let o = run(&["rules", "--format", "json"], b"");
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    let human = text(&run(&["rules"], b"").stdout);
    assert_eq!(list.len(), human.lines().count() - 1);
    for r in list {
        for k in [
            "code", "name", "severity", "fixable", "summary", "targets", "doc",
        ] {
            assert!(r.get(k).is_some(), "{k} in {r}");
        }
        assert!(human.contains(r["name"].as_str().unwrap()));
    }
    assert!(list.iter().any(|r| r["targets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "liferay-mysql")));
}

/// A pg_dump of Liferay's user_ with five columns of types Liferay does not create
/// on PostgreSQL: five L050 findings about one table.
const WIDE_PG: &[u8] = b"--\n-- PostgreSQL database dump\n--\nCREATE TABLE public.user_ (userid bigint NOT NULL, createdate timestamp with time zone, modifieddate timestamp with time zone, logindate timestamp with time zone, lastlogindate timestamp with time zone, greeting character varying, comments character varying);\n--\n-- PostgreSQL database dump complete\n--\n";

#[test]
fn human_report_groups_findings_of_one_rule_per_table() {
    let o = run(
        &["check", "--quiet", "--target", "liferay-postgresql"],
        WIDE_PG,
    );
    let s = text(&o.stdout);
    // the first with its snippet, then one line for each other
    assert_eq!(s.matches("CREATE TABLE public.user_").count(), 1, "{s}");
    assert!(
        s.contains("… and 4 more warning[L050] liferay-column-type in table user_:"),
        "{s}"
    );
    for col in ["modifieddate", "logindate", "lastlogindate", "comments"] {
        let l = s
            .lines()
            .find(|l| l.contains(&format!("user_.{col} is")))
            .unwrap_or_else(|| panic!("{col}: {s}"));
        assert!(l.starts_with("    <stdin>:4:"), "{l}");
    }
    assert!(s.contains("5 findings"), "{s}");
    // two findings of a rule in a table stay apart (the example's two L010)
    let o = run(
        &[
            "check",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "--fail-on",
            "error",
        ],
        &example_bytes(),
    );
    assert!(!text(&o.stdout).contains("… and"), "{}", text(&o.stdout));
}

#[test]
fn check_takes_several_dumps_into_one_report() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.sql");
    let b = dir.path().join("b.sql");
    std::fs::write(&a, many_tables()).unwrap();
    std::fs::write(&b, WIDE_PG).unwrap();
    let one = |p: &Path| {
        let o = run(
            &[
                "check",
                "--quiet",
                "--target",
                "liferay-postgresql",
                "--format",
                "json",
                p.to_str().unwrap(),
            ],
            b"",
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"].as_array().unwrap().len()
    };
    let (na, nb) = (one(&a), one(&b));
    let o = run(
        &[
            "check",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "--format",
            "concise",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let s = text(&o.stdout);
    let from = |p: &Path| {
        s.lines()
            .filter(|l| l.starts_with(&format!("{}:", p.display())))
            .count()
    };
    assert_eq!((from(&a), from(&b)), (na, nb), "{s}");
    assert!(s.contains(&format!("Found {} findings", na + nb)), "{s}");
    // SARIF: each result names its own file
    let o = run(
        &[
            "check",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "--format",
            "sarif",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        b"",
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let uris: std::collections::BTreeSet<String> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(uris.len(), 2, "{uris:?}");
    // a clean dump and a bad one: exit 1; two clean ones: 0
    let o = run(
        &[
            "check",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "--select",
            "L050",
            b.to_str().unwrap(),
            a.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let o = run(
        &[
            "check",
            "--quiet",
            "--target",
            "liferay-postgresql",
            "--select",
            "L050",
            a.to_str().unwrap(),
            a.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
}

/// `fix --select/--ignore` filter every finding `fix` reports, the conversion's too
/// (C002: the example's stored procedure is written commented out), on stderr and in
/// `--report`; the output itself does not depend on which findings are shown.
#[test]
fn fix_ignore_filters_conversion_findings_too() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "fix".to_string(),
            "--target".into(),
            "liferay-postgresql".into(),
            "--report".into(),
            report.display().to_string(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let codes = |o: &Output| -> (String, Vec<String>) {
        let r: serde_json::Value = serde_json::from_slice(&read(&report)).unwrap();
        let list = r["findings"].as_array().unwrap();
        let codes = list
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        (text(&o.stderr), codes)
    };
    let all = args(&[]);
    let a: Vec<&str> = all.iter().map(String::as_str).collect();
    let plain = run(&a, &example_bytes());
    // an error fix cannot repair is left: exit 1
    assert_eq!(plain.status.code(), Some(1), "{}", text(&plain.stderr));
    let (err, found) = codes(&plain);
    assert!(err.contains("[C002]"), "{err}");
    assert!(found.iter().any(|c| c == "C002"), "{found:?}");
    let ignoring = args(&["--ignore", "C002"]);
    let a: Vec<&str> = ignoring.iter().map(String::as_str).collect();
    let o = run(&a, &example_bytes());
    // … not once it is ignored
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let (err, found) = codes(&o);
    assert!(!err.contains("C002"), "{err}");
    assert!(!found.iter().any(|c| c == "C002"), "{found:?}");
    assert!(found.iter().any(|c| c == "L010"), "{found:?}");
    assert_eq!(
        o.stdout, plain.stdout,
        "the output does not depend on the report"
    );
    let selecting = args(&["--select", "statement-not-converted"]);
    let a: Vec<&str> = selecting.iter().map(String::as_str).collect();
    let o = run(&a, &example_bytes());
    let (_, found) = codes(&o);
    assert!(
        !found.is_empty() && found.iter().all(|c| c == "C002"),
        "{found:?}"
    );
}
