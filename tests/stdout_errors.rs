//! Every command that writes to stdout — the listings (`rules`, `targets`, `rule`),
//! `stats`, `check` in every format, and the dump of `fix` and `convert`, plain or
//! compressed — fails alike when stdout cannot be written: exit 2 and one line,
//! `dumpfix: error: cannot write to stdout: …` (`> /dev/full`); and ends quietly with
//! exit 0 when stdout is a pipe whose reader is gone (`| head`), never with a panic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::dumpfix;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/examples/liferay-mysql.sql")
}

/// The commands, each with arguments that make it write something to stdout.
fn commands() -> Vec<Vec<String>> {
    let ex = example().display().to_string();
    let mut v: Vec<Vec<&str>> = vec![
        vec!["rules"],
        vec!["targets"],
        vec!["rule", "L010"],
        vec!["stats", &ex],
        vec!["stats", "--format", "json", &ex],
        vec!["fix", &ex],
        vec!["fix", "--threads", "1", &ex],
        vec!["fix", "--target", "liferay-mysql", &ex],
        vec!["fix", "--target", "liferay-postgresql", &ex],
        vec!["fix", "--compress", "gzip", &ex],
        vec!["fix", "--compress", "zstd", &ex],
        vec!["fix", "--compress", "tgz", &ex],
        vec!["convert", "--to", "postgresql", &ex],
    ];
    for f in ["human", "json", "sarif", "github", "gitlab"] {
        v.push(vec![
            "check",
            "--target",
            "liferay-postgresql",
            "--fail-on",
            "error",
            "--format",
            f,
            &ex,
        ]);
    }
    v.into_iter()
        .map(|a| {
            let mut a: Vec<String> = a.into_iter().map(String::from).collect();
            if !matches!(a[0].as_str(), "rules" | "targets" | "rule") {
                // no progress bar, no summary on stderr
                a.push("--quiet".into());
            }
            a
        })
        .collect()
}

fn run(args: &[String], stdout: Stdio) -> Output {
    dumpfix()
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("dumpfix runs")
}

/// Each command writes something when it can (else the tests below prove nothing).
#[test]
fn every_command_here_writes_to_stdout() {
    for args in commands() {
        let o = run(&args, Stdio::piped());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{args:?}: {:?}: {err}",
            o.status
        );
        assert!(!o.stdout.is_empty(), "{args:?} wrote nothing");
    }
}

#[test]
fn stdout_on_a_full_device_is_one_error_line_and_exit_2() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for args in commands() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = run(&args, Stdio::from(full));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(
            err, "dumpfix: error: cannot write to stdout: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

#[test]
fn stdout_to_a_closed_pipe_ends_quietly() {
    for args in commands() {
        let (reader, writer) = std::io::pipe().unwrap();
        // the reader is gone before the first write: every write fails with EPIPE
        drop(reader);
        let o = run(&args, Stdio::from(writer));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {:?}: {err}", o.status);
        assert_eq!(err, "", "{args:?}");
    }
}
