//! The library's modules form layers, each depending only on the layers below it
//! (and on its own), and no modules import each other in a cycle. This test reads
//! the `crate::…` and `super::…` paths in `src/` (comments aside) and fails on an
//! import that goes up a layer, on a cycle between top-level modules, and on a cycle
//! between the files of one module (siblings; a parent and its child may use each
//! other). Unit-test modules are not read: a test may drive its code through a
//! neighbour. A new top-level module must be given a layer here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom first. A module may use its own layer's modules (without a cycle) and
/// those of the layers below.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "errors, findings, name maps",
        &["error", "finding", "ignore", "namemap", "sink"],
    ),
    ("lexing (dialects)", &["lex"]),
    ("statements and the worker pool", &["sql", "pool"]),
    (
        "format detection and pg_dump archives",
        &["detect", "pgarchive"],
    ),
    ("input and output", &["io"]),
    (
        "the dump, tables seen, catalog, row editing",
        &[
            "pipeline",
            "stats",
            "catalog",
            "reference",
            "targets",
            "schema",
            "rows",
        ],
    ),
    ("rules", &["rules"]),
    (
        "rewrite engine and converter",
        &["rewrite", "convert", "bundle"],
    ),
    ("jobs, reports, configuration", &["job", "report", "config"]),
    ("the application", &["app"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&module))
}

/// A file's module path (`src/rules/mod.rs` → `rules`, `src/io/gzip.rs` → `io::gzip`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The file's text without `//` comments (doc links name modules they need not use)
/// and without the contents of string literals; bytes that are not ASCII are blanks.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let b = line.as_bytes();
        let mut i = 0;
        let mut in_str = false;
        while i < b.len() {
            let c = b[i];
            if in_str {
                if c == b'\\' {
                    i += 2;
                    continue;
                }
                if c == b'"' {
                    in_str = false;
                    out.push('"');
                }
                i += 1;
                continue;
            }
            if c == b'/' && b.get(i + 1) == Some(&b'/') {
                break;
            }
            if c == b'"' && (i == 0 || b[i - 1] != b'\'') {
                in_str = true;
            }
            // paths are ASCII: anything else is a blank here
            out.push(if c.is_ascii() { c as char } else { ' ' });
            i += 1;
        }
        out.push('\n');
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The module paths a file's code names: every `crate::a::b…` (and
/// `crate::{a::b, c}`), and `super::…` resolved from `module`. Paths are cut at the
/// first segment that is not a module of the crate (`modules`).
fn references(code: &str, module: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<Vec<String>> {
    let b = code.as_bytes();
    let mut refs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts_word = i == 0 || !(is_ident(b[i - 1]) || b[i - 1] == b':');
        let rest = &code[i..];
        let base: Option<(Vec<String>, usize)> = if !starts_word {
            None
        } else if rest.starts_with("crate::") {
            Some((Vec::new(), "crate::".len()))
        } else if rest.starts_with("super::") {
            // `super::super::x` too
            let mut base = module.to_vec();
            let mut n = 0;
            while code[i + n..].starts_with("super::") {
                base.pop();
                n += "super::".len();
            }
            Some((base, n))
        } else {
            None
        };
        let Some((base, skip)) = base else {
            i += 1;
            continue;
        };
        let at = i + skip;
        if b.get(at) == Some(&b'{') {
            // a group: each item's leading path
            let end = code[at..].find('}').map_or(code.len(), |e| at + e);
            for item in code[at + 1..end].split(',') {
                let segs: Vec<&str> = item.trim().split("::").collect();
                refs.push(resolve(&base, &segs, modules));
            }
            i = end;
            continue;
        }
        let mut end = at;
        while end < b.len() && (is_ident(b[end]) || b[end] == b':') {
            end += 1;
        }
        let segs: Vec<&str> = code[at..end].split("::").collect();
        refs.push(resolve(&base, &segs, modules));
        i = end.max(i + 1);
    }
    refs
}

fn resolve(base: &[String], segs: &[&str], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    let mut path = base.to_vec();
    for s in segs {
        let s = s.trim().trim_start_matches("self");
        if s.is_empty() {
            continue;
        }
        let s = s.split_whitespace().next().unwrap_or(s);
        path.push(s.to_string());
        if !modules.contains(&path) {
            path.pop();
            break;
        }
    }
    path
}

struct Crate {
    /// Each file's module path and the module paths it names.
    files: Vec<(Vec<String>, Vec<Vec<String>>)>,
    top: BTreeSet<String>,
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let paths: Vec<(PathBuf, Vec<String>)> = files
        .into_iter()
        .filter(|f| f.file_name().is_some_and(|n| n != "main.rs"))
        .map(|f| {
            let m = module_path(&src, &f);
            (f, m)
        })
        .collect();
    let modules: BTreeSet<Vec<String>> = paths.iter().map(|(_, m)| m.clone()).collect();
    let top = modules.iter().filter_map(|m| m.first().cloned()).collect();
    let files = paths
        .iter()
        .map(|(f, m)| {
            #[allow(clippy::disallowed_methods)] // a source file, not a dump
            let text = std::fs::read_to_string(f).expect("read a source file");
            // unit tests (at the end of a file) may use what they test with
            let text = text.split("#[cfg(test)]\nmod ").next().unwrap_or(&text);
            (m.clone(), references(&code_of(text), m, &modules))
        })
        .collect();
    Crate { files, top }
}

/// A cycle in `edges`, if there is one (depth-first search).
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for d in edges.get(n).into_iter().flatten() {
            match state.get(d.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|s| s == d).unwrap_or(0);
                    let mut c = stack[from..].to_vec();
                    c.push(d.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(d, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, edges, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn every_module_has_a_layer() {
    let c = read_crate();
    let missing: Vec<_> = c
        .top
        .iter()
        .filter(|m| layer_of(m).is_none())
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "give these modules a layer in tests/layering.rs: {missing:?}"
    );
}

#[test]
fn modules_import_only_their_layer_and_below() {
    let c = read_crate();
    let mut bad = BTreeSet::new();
    for (m, refs) in &c.files {
        let (Some(top), true) = (m.first(), !m.is_empty()) else {
            continue; // lib.rs
        };
        let Some(own) = layer_of(top) else { continue };
        for r in refs {
            let Some(dep) = r.first() else { continue };
            if let Some(l) = layer_of(dep) {
                if l > own {
                    bad.insert(format!(
                        "{} ({}) imports {} ({})",
                        m.join("::"),
                        LAYERS[own].0,
                        r.join("::"),
                        LAYERS[l].0
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "imports up a layer:\n{}", {
        let v: Vec<_> = bad.into_iter().collect();
        v.join("\n")
    });
}

#[test]
fn no_import_cycles() {
    let c = read_crate();
    // between top-level modules
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // between the files of one module (siblings)
    let mut siblings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, refs) in &c.files {
        let Some(first) = m.first() else { continue };
        for r in refs {
            let Some(dep) = r.first() else { continue };
            if dep != first {
                top.entry(first.clone()).or_default().insert(dep.clone());
            }
            // the deepest common parent; the two children of it, when both exist
            let common = m.iter().zip(r).take_while(|(a, b)| a == b).count();
            if common < m.len() && common < r.len() {
                let a = m[..=common].join("::");
                let b = r[..=common].join("::");
                siblings.entry(a).or_default().insert(b);
            }
        }
    }
    if let Some(cycle) = find_cycle(&top) {
        panic!(
            "top-level modules import each other: {}",
            cycle.join(" -> ")
        );
    }
    if let Some(cycle) = find_cycle(&siblings) {
        panic!(
            "files of a module import each other: {}",
            cycle.join(" -> ")
        );
    }
}

/// The checks above can fail: a made-up upward import and a made-up cycle are found.
#[test]
fn the_checks_find_what_they_look_for() {
    let modules: BTreeSet<Vec<String>> = [
        vec!["lex".to_string()],
        vec!["rules".to_string()],
        vec!["rewrite".to_string()],
        vec!["rewrite".to_string(), "data".to_string()],
        vec!["rewrite".to_string(), "par".to_string()],
    ]
    .into_iter()
    .collect();
    let code = code_of(
        "use crate::{rules::Finding, lex};\n// crate::io::x in a comment\nlet s = \"crate::job\";\nfn f() { super::par::Pool::new() }\n",
    );
    let refs = references(&code, &["rewrite".into(), "data".into()], &modules);
    assert_eq!(
        refs,
        [
            vec!["rules".to_string()],
            vec!["lex".to_string()],
            vec!["rewrite".to_string(), "par".to_string()],
        ]
    );
    assert!(layer_of("lex") < layer_of("rules"));
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&edges), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&edges).map(|c| c.join(" -> ")),
        Some("a -> b -> c -> a".to_string())
    );
}
