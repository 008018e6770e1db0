//! Issue 20 §5: what is shipped besides the binary. The shell completions and the
//! manual page in dist/ are what the CLI generates today; the bash completion
//! completes; the GitHub Action's check step and the pre-commit hook run for real on a
//! dump with findings and on a clean one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{dumpfix, skip_or_fail};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_text(p: &Path) -> String {
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::fs::File::open(p).unwrap(), &mut s).unwrap();
    s
}

fn bin_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dumpfix"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// PATH with the dumpfix under test first.
fn path_with_dumpfix() -> String {
    format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn completions_and_man_page_are_current() {
    let cases = [
        (vec!["completions", "bash"], "dist/completions/dumpfix.bash"),
        (vec!["completions", "zsh"], "dist/completions/_dumpfix"),
        (vec!["completions", "fish"], "dist/completions/dumpfix.fish"),
        (
            vec!["completions", "powershell"],
            "dist/completions/_dumpfix.ps1",
        ),
        (vec!["man"], "dist/dumpfix.1"),
    ];
    for (args, file) in cases {
        let o = dumpfix().args(&args).output().unwrap();
        assert!(o.status.success(), "{args:?}");
        let now = String::from_utf8(o.stdout).unwrap();
        assert!(
            now == read_text(&root().join(file)),
            "{file} is out of date: run `bash scripts/dist.sh`"
        );
    }
    let man = read_text(&root().join("dist/dumpfix.1"));
    assert!(man.contains(".TH dumpfix") && man.contains("completions"));
}

#[test]
fn bash_completion_completes_commands_and_shells() {
    let script = root().join("dist/completions/dumpfix.bash");
    // bash calls the function with the command, the word being completed and the one
    // before it
    let run = |words: &str, cword: usize, prev: &str| -> String {
        let o = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source {}; COMP_WORDS=({words}); COMP_CWORD={cword}; _dumpfix dumpfix '' {prev}; echo \"${{COMPREPLY[@]}}\"",
                script.display()
            ))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let subcommands = run("dumpfix ''", 1, "dumpfix");
    for c in ["fix", "check", "convert", "bundle", "completions"] {
        assert!(
            subcommands.split_whitespace().any(|w| w == c),
            "{c} in {subcommands}"
        );
    }
    let shells = run("dumpfix completions ''", 2, "completions");
    assert!(
        shells.contains("bash") && shells.contains("powershell"),
        "{shells}"
    );
}

const BAD: &str = "--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'UTF8';\nCREATE SCHEMA lportal;\nCREATE TABLE lportal.user_ (userid bigint NOT NULL);\n\n--\n-- PostgreSQL database dump complete\n--\n\n";
const GOOD: &str = "--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'UTF8';\nCREATE TABLE public.user_ (userid bigint NOT NULL);\n\n--\n-- PostgreSQL database dump complete\n--\n\n";

/// The `run:` block of the action's step named `name`, as bash gets it.
fn action_step(name: &str) -> String {
    let text = read_text(&root().join("action.yml"));
    let mut lines = text.lines();
    lines
        .by_ref()
        .find(|l| l.trim() == format!("- name: {name}"))
        .unwrap_or_else(|| panic!("no step {name}"));
    lines.by_ref().find(|l| l.trim() == "run: |").unwrap();
    let body: Vec<&str> = lines
        .take_while(|l| l.is_empty() || l.starts_with("        "))
        .collect();
    body.iter()
        .map(|l| l.strip_prefix("        ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn github_action_check_step_annotates_and_fails() {
    let text = read_text(&root().join("action.yml"));
    assert!(text.contains("using: composite"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.sql"), BAD).unwrap();
    std::fs::write(dir.path().join("good.sql"), GOOD).unwrap();
    let step = action_step("dumpfix check");
    let install = action_step("Install dumpfix");
    let summary = dir.path().join("summary.md");
    let run = |files: &str| {
        // the install step finds dumpfix on PATH and builds nothing
        Command::new("bash")
            .arg("-c")
            .arg(format!("set -e\n{install}\n{step}"))
            .current_dir(dir.path())
            .env("PATH", path_with_dumpfix())
            .env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("DUMPFIX_FILES", files)
            .env("DUMPFIX_TARGET", "liferay-postgresql")
            .env("DUMPFIX_FAIL_ON", "warning")
            .output()
            .unwrap()
    };
    let o = run("*.sql");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("::error file=bad.sql"), "{out}");
    assert!(!out.contains("file=good.sql"), "{out}");
    assert!(read_text(&summary).contains("L040"));
    let o = run("good.sql");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// A virtualenv under target/ with pre-commit (from PyPI), or None (skipped; a
/// failure under CI=true).
fn pre_commit(test: &str) -> Option<PathBuf> {
    let venv = root().join("target/pre-commit-venv");
    let bin = venv.join("bin/pre-commit");
    if !bin.exists() {
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(venv.join("bin/pip"))
                .args([
                    "install",
                    "-q",
                    "--disable-pip-version-check",
                    "pre-commit==4.*",
                ])
                .status()
                .is_ok_and(|s| s.success());
        if !ok {
            return skip_or_fail(
                test,
                "cannot install pre-commit into a virtualenv (no network?)",
            );
        }
    }
    Some(bin)
}

#[test]
fn pre_commit_hook_runs_on_committed_dumps() {
    const TEST: &str = "pre_commit_hook_runs_on_committed_dumps";
    let Some(pc) = pre_commit(TEST) else { return };
    let o = Command::new(&pc)
        .arg("validate-manifest")
        .arg(root().join(".pre-commit-hooks.yaml"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    git(&["init", "-q"]);
    std::fs::write(dir.path().join("bad.sql"), BAD).unwrap();
    std::fs::write(dir.path().join("good.sql"), GOOD).unwrap();
    git(&["add", "bad.sql", "good.sql"]);
    // the hooks' repository: a git repository holding this checkout's manifest (the
    // checkout itself need not be a git work tree)
    let hooks = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join(".pre-commit-hooks.yaml"),
        hooks.path().join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    for args in [
        &["init", "-q"][..],
        &["add", ".pre-commit-hooks.yaml"],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "-m",
            "hooks",
        ],
    ] {
        let o = Command::new("git")
            .args(args)
            .current_dir(hooks.path())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let run = |file: &str| {
        Command::new(&pc)
            .arg("try-repo")
            .arg(hooks.path())
            .args(["dumpfix-check-system", "--files", file])
            .current_dir(dir.path())
            .env("PATH", path_with_dumpfix())
            .env("PRE_COMMIT_HOME", dir.path().join(".cache"))
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap()
    };
    let o = run("bad.sql");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("L040"), "{out}");
    let o = run("good.sql");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
