//! `-o` never writes where the user did not mean to: links are written through (as
//! `cp` does), `/dev/*` and `/proc/*/fd/*` are streams, a replaced file keeps its mode,
//! the input (also on stdin) is never the output, and no temporary file is left
//! behind on an error or on a signal that can be caught.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::dumpfix;

fn dump() -> Vec<u8> {
    let mut d = b"-- MySQL dump 10.13\n/*!40101 SET NAMES utf8 */;\nCREATE TABLE `t` (`a` int, `b` text);\n".to_vec();
    for i in 0..2000 {
        d.extend_from_slice(format!("INSERT INTO `t` VALUES ({i},'row {i}');\n").as_bytes());
    }
    d.extend_from_slice(b"-- Dump completed on 2024-01-01 10:00:00\n");
    d
}

fn read(p: &Path) -> Vec<u8> {
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut std::fs::File::open(p).unwrap(), &mut v).unwrap();
    v
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.sql");
    std::fs::write(&input, dump()).unwrap();
    (dir, input)
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("dumpfix-tmp"))
        .collect()
}

/// `fix IN -o LINK` with stdout redirected to `stdout_file`: exit status and stderr.
fn fix_with_stdout(input: &Path, out: &str, stdout_file: &Path) -> (Option<i32>, String) {
    let o = dumpfix()
        .args(["fix", "--quiet"])
        .arg(input)
        .args(["-o", out])
        .stdout(Stdio::from(std::fs::File::create(stdout_file).unwrap()))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A link to `/proc/self/fd/1` (and `-o /dev/fd/1`, `-o /proc/self/fd/1`) writes to
/// standard output; the link stays a link. It was replaced by a regular file, and
/// stdout got nothing.
#[test]
fn links_to_stdout_write_to_stdout() {
    let (dir, input) = setup();
    let link = dir.path().join("out");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let link_s = link.display().to_string();
    for out in [link_s.as_str(), "/dev/fd/1", "/proc/self/fd/1"] {
        let f = dir.path().join("f.sql");
        let (code, err) = fix_with_stdout(&input, out, &f);
        assert_eq!(code, Some(0), "-o {out}: {err}");
        assert!(read(&f) == dump(), "-o {out}: stdout must hold the dump");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "-o {out}: the link must stay a link"
        );
        assert!(leftovers(dir.path()).is_empty());
    }
}

/// A link to a regular file is written through: the file gets the output, the link
/// stays; a dangling link creates the file it names (as `cp` does).
#[test]
fn links_are_written_through() {
    let (dir, input) = setup();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let real = sub.join("real.sql");
    std::fs::write(&real, b"old").unwrap();
    let link = dir.path().join("link.sql");
    std::os::unix::fs::symlink("sub/real.sql", &link).unwrap();
    let dangling = dir.path().join("dangling.sql");
    std::os::unix::fs::symlink("sub/new.sql", &dangling).unwrap();
    for (l, target) in [(&link, &real), (&dangling, &sub.join("new.sql"))] {
        let o = dumpfix()
            .args(["fix", "--quiet"])
            .arg(&input)
            .arg("-o")
            .arg(l)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::symlink_metadata(l)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(
            read(target) == dump(),
            "{} must hold the output",
            target.display()
        );
        assert!(leftovers(dir.path()).is_empty() && leftovers(&sub).is_empty());
    }
}

/// Replacing a file keeps its mode (664 became 644); a new file gets 0666 & ~umask.
#[test]
fn a_replaced_file_keeps_its_mode() {
    let (dir, input) = setup();
    let out = dir.path().join("out.sql");
    std::fs::write(&out, b"old").unwrap();
    for mode in [0o664, 0o600, 0o640] {
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(mode)).unwrap();
        let o = dumpfix()
            .args(["fix", "--quiet"])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success());
        let now = std::fs::metadata(&out).unwrap().permissions().mode() & 0o7777;
        assert_eq!(now, mode, "mode {mode:o} became {now:o}");
    }
    let fresh = dir.path().join("new.sql");
    let o = Command::new("sh")
        .arg("-c")
        .arg("umask 027; exec \"$0\" fix --quiet \"$1\" -o \"$2\"")
        .arg(env!("CARGO_BIN_EXE_dumpfix"))
        .arg(&input)
        .arg(&fresh)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "a new file under umask 027");
}

/// `fix -o f < f` is refused like `fix f -o f`: stdin's file is the input.
#[test]
fn output_over_stdin_file_is_refused() {
    let (dir, input) = setup();
    let o = dumpfix()
        .args(["fix", "--quiet", "-o"])
        .arg(&input)
        .stdin(Stdio::from(std::fs::File::open(&input).unwrap()))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("refusing"), "{err}");
    assert!(read(&input) == dump(), "the input must be untouched");
    // through a link to it as well
    let link = dir.path().join("link.sql");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let o = dumpfix()
        .args(["fix", "--quiet", "-o"])
        .arg(&link)
        .stdin(Stdio::from(std::fs::File::open(&input).unwrap()))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(read(&input) == dump());
}

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT while the output is written: the process ends
/// by the signal and leaves no temporary file (they were left behind, up to GBs).
#[test]
fn signals_leave_no_temporary_file() {
    for sig in ["INT", "TERM", "HUP", "QUIT"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.sql.gz");
        let mut child = dumpfix()
            .args(["fix", "--quiet", "-o"])
            .arg(&out)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // feed a first part and keep stdin open: the run waits for more
        let mut si = child.stdin.take().unwrap();
        // feed rows, keeping stdin open, until the output's temporary file exists
        let mut head = dump();
        head.truncate(head.len() - 41); // without the completion comment
        std::io::Write::write_all(&mut si, &head).unwrap();
        let start = Instant::now();
        let mut i = 0u64;
        while leftovers(dir.path()).is_empty() {
            assert!(
                start.elapsed() < Duration::from_secs(20) && i < 2_000_000,
                "SIG{sig}: no temporary file appeared ({:?})",
                child.try_wait()
            );
            let mut chunk = Vec::new();
            for _ in 0..1000 {
                i += 1;
                chunk.extend_from_slice(
                    format!("INSERT INTO `t` VALUES ({i},'more');\n").as_bytes(),
                );
            }
            std::io::Write::write_all(&mut si, &chunk).unwrap();
        }
        let k = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(k.success());
        let status = child.wait().unwrap();
        drop(si);
        use std::os::unix::process::ExitStatusExt;
        assert!(
            status.signal().is_some() || status.code().is_some_and(|c| c > 128),
            "SIG{sig}: {status:?}"
        );
        assert!(
            leftovers(dir.path()).is_empty(),
            "SIG{sig} left {:?}",
            leftovers(dir.path())
        );
        assert!(!out.exists(), "SIG{sig}: no output under the final name");
    }
}

/// Over the file size limit (SIGXFSZ): a clear error, exit 2, nothing left.
#[test]
fn file_size_limit_is_an_error_not_a_core_dump() {
    let (dir, input) = setup();
    let out = dir.path().join("out.sql");
    // ulimit -f counts 512-byte blocks in dash; 16 blocks = 8 KiB, the dump is ~50 KiB
    let o = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 16; exec \"$0\" fix --quiet \"$1\" -o \"$2\"")
        .arg(env!("CARGO_BIN_EXE_dumpfix"))
        .arg(&input)
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err} {:?}", o.status);
    assert!(err.contains("too large"), "{err}");
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
    assert!(!out.exists());
}
