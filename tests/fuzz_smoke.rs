//! The fuzz targets on stable Rust: their bodies (`fuzz/src/`, whose libFuzzer entries
//! are `fuzz/fuzz_targets/*.rs`, built by `cargo fuzz` on nightly in a workspace of
//! their own) are compiled into this test and run over the seed inputs that
//! `fuzz/make_seeds.py` makes from the repository's `corpus/` and `tests/data/fuzz/`.
//! So a change of the library that breaks a target, or one of its assertions on the
//! seeds, fails `cargo test`. (`.ci/run` also type-checks the libFuzzer entries.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[path = "../fuzz/src/lib.rs"]
mod dumpfix_fuzz;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dumpfix::lex::Dialect;

/// The seeds, made once for all the tests here; `None` (a skip) without python3.
fn seed_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let run = std::process::Command::new("python3")
            .arg(root.join("fuzz/make_seeds.py"))
            .arg("--out")
            .arg(dir.path())
            .arg(root.join("corpus"))
            .arg(root.join("tests/data/fuzz"))
            .output();
        match run {
            Ok(o) if o.status.success() => Some(dir),
            Ok(o) => panic!(
                "fuzz/make_seeds.py failed: {}",
                String::from_utf8_lossy(&o.stderr)
            ),
            Err(e) => common::skip_or_fail("fuzz_smoke", &format!("no python3: {e}")),
        }
    })
    .as_ref()
    .map(|d| d.path())
}

/// Run `body` on every seed of `target` (at least `min` of them), naming the seed
/// that fails.
fn each_seed(target: &str, min: usize, body: impl Fn(&[u8])) {
    let Some(dir) = seed_dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(target))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= min,
        "{target}: {} seeds, expected at least {min}",
        files.len()
    );
    for f in &files {
        let mut data = Vec::new();
        std::fs::File::open(f)
            .unwrap()
            .read_to_end(&mut data)
            .unwrap();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(&data)));
        assert!(r.is_ok(), "{target} fails on the seed {}", f.display());
    }
    eprintln!("{target}: {} seeds", files.len());
}

#[test]
fn split_mysql() {
    each_seed("split_mysql", 20, |d| {
        dumpfix_fuzz::check_split(Dialect::Mysql, d)
    });
}

#[test]
fn split_postgres() {
    each_seed("split_postgres", 10, |d| {
        dumpfix_fuzz::check_split(Dialect::Postgres, d)
    });
}

#[test]
fn insert_tuples() {
    each_seed("insert_tuples", 10, dumpfix_fuzz::insert_tuples::run);
}

#[test]
fn copy_rows() {
    each_seed("copy_rows", 5, dumpfix_fuzz::copy_rows::run);
}

#[test]
fn convert_value() {
    each_seed("convert_value", 20, dumpfix_fuzz::convert_value::run);
}

#[test]
fn fix_path() {
    each_seed("fix_path", 20, dumpfix_fuzz::fix_path::run);
}
