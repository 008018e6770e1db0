//! Every format on one fixed list of findings (snapshots in `snapshots/`), the edges
//! a dump can put in a snippet (non-ASCII, CR line endings, control characters, a
//! column past the cut), and the SARIF output against the OASIS schema.

use std::path::Path;
use std::process::Command;

use super::*;
use crate::rules::REGISTRY;

/// The findings every format is shown with: an error with a snippet that has a
/// non-ASCII character before the column (bytes and characters differ), a warning
/// whose message has `%`, `,`, `:` and a newline, and an info without snippet.
fn findings() -> Vec<Finding> {
    vec![
        Finding {
            code: "L010",
            name: "boolean-column-not-boolean",
            severity: Severity::Error,
            message: "column `Zoë`.`actif` is tinyint(1): PostgreSQL needs boolean".into(),
            line: 12,
            offset: 345,
            count: 3,
            fixable: true,
            // "CREATE TABLE `Zoë` (" is 21 bytes, 20 characters.
            column: 22,
            snippet: Some("CREATE TABLE `Zoë` (`actif` tinyint(1) NOT NULL,".into()),
            help: Some("`dumpfix fix` makes it boolean and maps 0/1 to false/true".into()),
            file: None,
        },
        Finding {
            code: "L090",
            name: "statement-not-inspected",
            severity: Severity::Warning,
            message: "SET sql_mode = 'A,B': 100% unknown\nit is copied as is".into(),
            line: 3,
            offset: 80,
            count: 1,
            fixable: false,
            column: 1,
            snippet: Some("SET sql_mode = 'A,B';".into()),
            help: None,
            file: None,
        },
        Finding {
            code: "L004",
            name: "table-not-in-catalog",
            severity: Severity::Info,
            message: "table `Legacy_Table` is not in the Liferay catalog".into(),
            line: 40,
            offset: 1200,
            count: 2,
            fixable: false,
            column: 14,
            snippet: None,
            help: Some("a custom table: it is copied unchanged".into()),
            file: None,
        },
    ]
}

fn cx() -> Context<'static> {
    Context {
        file: "dumps/lportal 2024.sql",
        target: "liferay-postgresql",
        color: false,
    }
}

fn render(format: Format, findings: &[Finding], cx: &Context<'_>) -> String {
    let mut out = Vec::new();
    write(format, findings, cx, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn one(snippet: &str, column: u64) -> Finding {
    Finding {
        snippet: Some(snippet.into()),
        column,
        count: 1,
        help: None,
        ..findings().remove(0)
    }
}

#[test]
fn human() {
    insta::assert_snapshot!(render(Format::Human, &findings(), &cx()));
}

#[test]
fn human_shows_the_dump_line_number_and_character_column() {
    let out = render(Format::Human, &findings(), &cx());
    assert!(out.contains("[dumps/lportal 2024.sql:12:21]"), "{out}");
    assert!(out.contains("12 | CREATE TABLE"), "{out}");
    assert!(
        out.contains("error[L010] boolean-column-not-boolean: column"),
        "{out}"
    );
    assert!(out.contains("(×3)"), "{out}");
    assert!(out.contains(
        "dumps/lportal 2024.sql:40:14: info[L004] table-not-in-catalog: table `Legacy_Table`"
    ));
    assert!(out.ends_with(
        "3 findings (1 error, 1 warning, 1 info); 1 fixable with `dumpfix fix --target liferay-postgresql`\n"
    ));
    assert!(
        !out.contains('╭') && !out.contains('│'),
        "no box drawing without color"
    );
    assert!(!out.contains('\u{1b}'), "no escapes without color");
}

#[test]
fn human_in_color_uses_unicode_and_ansi() {
    let cx = Context {
        color: true,
        ..cx()
    };
    let out = render(Format::Human, &findings(), &cx);
    assert!(out.contains('╭') && out.contains('\u{1b}'), "{out}");
}

#[test]
fn human_without_findings() {
    assert_eq!(
        render(Format::Human, &[], &cx()),
        "0 findings (0 errors, 0 warnings, 0 info)\n"
    );
}

/// A dump with CR line endings makes the "line" a run of CR-separated lines; control
/// characters and tabs come through as they are in the dump.
#[test]
fn human_snippets_with_cr_tab_and_control_characters() {
    let cr = one("INSERT INTO t VALUES (1);\rINSERT INTO `ü` VALUES (2);", 39);
    let esc = one("INSERT INTO t VALUES ('\u{1b}[31mred',\t`x`);", 35);
    let out = render(Format::Human, &[cr, esc], &cx());
    assert!(!out.contains('\r') && !out.contains('\u{1b}'), "{out:?}");
    insta::assert_snapshot!(out);
}

/// Columns past the snippet (a line cut at 400 bytes), inside a character (bytes
/// replaced by lossy decoding), at its end, or 0, and an empty snippet: no panic,
/// the label stays in the line.
#[test]
fn human_columns_outside_the_snippet() {
    let list = [
        one("abc", 500),
        one("é", 2),
        one("abc", 4),
        one("abc", 0),
        one("", 7),
        one(&"x".repeat(200), 1),
    ];
    for f in &list {
        let out = render(Format::Human, std::slice::from_ref(f), &cx());
        if f.snippet.as_deref() == Some("") {
            assert!(
                out.starts_with("dumps/lportal 2024.sql:12:7: error[L010]"),
                "{out}"
            );
        } else {
            assert!(out.contains("12 | "), "{out}");
        }
        assert!(!out.contains("Failed to read"), "{out}");
        // The other formats take the same finding.
        for format in [Format::Json, Format::Sarif, Format::Github, Format::Gitlab] {
            render(format, std::slice::from_ref(f), &cx());
        }
    }
    let out = render(Format::Human, &list[5..], &cx());
    assert!(out.contains(&format!("| {}\n", "x".repeat(200))), "{out}");
}

#[test]
fn json() {
    let out = render(Format::Json, &findings(), &cx());
    insta::assert_snapshot!(out);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["file"], "dumps/lportal 2024.sql");
    assert_eq!(v["findings"][0]["column"], 22, "bytes, as found");
    assert_eq!(v["findings"][1]["snippet"], "SET sql_mode = 'A,B';");
    assert_eq!(
        v["summary"],
        serde_json::json!({"errors": 1, "warnings": 1, "info": 1, "fixable": 1})
    );
}

/// The SARIF log with what changes on its own (the version, the registry's rules and
/// their order) checked here and replaced, so the snapshot is about the results.
#[test]
fn sarif() {
    let out = render(Format::Sarif, &findings(), &cx());
    let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(v["version"], "2.1.0");
    let driver = &mut v["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "dumpfix");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    driver["version"] = "VERSION".into();
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), REGISTRY.len());
    for (r, m) in rules.iter().zip(REGISTRY.iter()) {
        assert_eq!(r["id"], m.code);
        assert_eq!(r["name"], m.name);
        assert_eq!(r["shortDescription"]["text"], m.summary);
        assert_eq!(r["fullDescription"]["markdown"], m.doc);
        assert_eq!(r["help"]["markdown"], m.doc);
        let level = match m.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(r["defaultConfiguration"]["level"], level);
    }
    driver["rules"] = "RULES".into();
    for r in v["runs"][0]["results"].as_array_mut().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(r["ruleId"], REGISTRY[i].code);
        r["ruleIndex"] = "INDEX".into();
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&v).unwrap());
}

#[test]
fn sarif_uris() {
    assert_eq!(
        sarif::uri("dumps/lportal 2024.sql"),
        "dumps/lportal%202024.sql"
    );
    assert_eq!(sarif::uri("<stdin>"), "%3Cstdin%3E");
    assert_eq!(
        sarif::uri("/srv/dumps/a:b.sql"),
        "file:///srv/dumps/a%3Ab.sql"
    );
    assert_eq!(sarif::uri(r"C:\dumps\x.sql"), "file:///C:/dumps/x.sql");
    assert_eq!(sarif::uri("c:x.sql"), "c%3Ax.sql");
    assert_eq!(sarif::uri("Zoë.sql"), "Zo%C3%AB.sql");
}

#[test]
fn github() {
    let cx = Context {
        file: "dumps/a,b:c.sql",
        ..cx()
    };
    assert_eq!(
        render(Format::Github, &findings(), &cx),
        "::error file=dumps/a%2Cb%3Ac.sql,line=12,col=21,title=L010 boolean-column-not-boolean::column `Zoë`.`actif` is tinyint(1): PostgreSQL needs boolean (×3)%0Ahelp: `dumpfix fix` makes it boolean and maps 0/1 to false/true\n\
         ::warning file=dumps/a%2Cb%3Ac.sql,line=3,col=1,title=L090 statement-not-inspected::SET sql_mode = 'A,B': 100%25 unknown%0Ait is copied as is\n\
         ::notice file=dumps/a%2Cb%3Ac.sql,line=40,col=14,title=L004 table-not-in-catalog::table `Legacy_Table` is not in the Liferay catalog (×2)%0Ahelp: a custom table: it is copied unchanged\n"
    );
    assert_eq!(render(Format::Github, &[], &cx), "");
}

#[test]
fn gitlab() {
    let out = render(Format::Gitlab, &findings(), &cx());
    insta::assert_snapshot!(out);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fps: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fps.len(), 3);
    assert!(fps[0] != fps[1] && fps[1] != fps[2] && fps[0] != fps[2]);
    // Stable: the same finding elsewhere in the dump, or in another file, differs.
    let mut moved = findings();
    moved[0].line += 1;
    let other = render(Format::Gitlab, &moved, &cx());
    assert!(!other.contains(&fps[0]) && other.contains(&fps[1]));
    assert_eq!(render(Format::Gitlab, &[], &cx()), "[]\n");
}

#[test]
fn format_names() {
    use clap::ValueEnum;
    let names: Vec<_> = Format::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value())
        .map(|v| v.get_name().to_string())
        .collect();
    assert_eq!(
        names,
        ["human", "concise", "json", "sarif", "github", "gitlab"]
    );
}

/// The SARIF output, with and without findings, validates against the OASIS SARIF
/// 2.1.0 schema (`tests/data/sarif-schema-2.1.0.json`) through
/// `scripts/validate-sarif.py`. Needs python3 with `jsonschema` (Debian:
/// python3-jsonschema); skipped without, except under CI=true.
#[test]
fn sarif_validates_against_the_schema() {
    let Some(validate) = validator() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut edges = findings();
    edges.extend([one("abc", 500), one("é", 2), one("", 0)]);
    edges.push(Finding {
        line: 0,
        code: "X999",
        ..findings().remove(2)
    });
    let stdin = Context {
        file: "<stdin>",
        ..cx()
    };
    for (i, (list, cx)) in [(&findings(), cx()), (&edges, stdin), (&Vec::new(), cx())]
        .into_iter()
        .enumerate()
    {
        let path = dir.path().join(format!("{i}.sarif"));
        std::fs::write(&path, render(Format::Sarif, list, &cx)).unwrap();
        let out = validate(&path);
        assert!(
            out.status.success(),
            "scripts/validate-sarif.py {}:\n{}{}",
            path.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The validator finds errors: a log without `runs`, and a result with line 0.
#[test]
fn the_sarif_validator_rejects_invalid_logs() {
    let Some(validate) = validator() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let good = render(Format::Sarif, &findings(), &cx());
    for bad in [
        good.replace("\"runs\"", "\"rnus\""),
        good.replace("\"startLine\": 12", "\"startLine\": 0"),
        good.replace("\"level\": \"note\"", "\"level\": \"info\""),
    ] {
        assert_ne!(bad, good);
        let path = dir.path().join("bad.sarif");
        std::fs::write(&path, bad).unwrap();
        let out = validate(&path);
        assert!(
            !out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// A command that runs `scripts/validate-sarif.py` on a file, with the first python3
/// that has `jsonschema`; None (and a message) without one, a failure under CI=true.
fn validator() -> Option<impl Fn(&Path) -> std::process::Output> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/validate-sarif.py");
    let python = ["python3", "/usr/bin/python3"].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import jsonschema"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(python) = python else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "CI=true and no python3 with jsonschema: apt-get install python3-jsonschema"
        );
        eprintln!("skipped: no python3 with jsonschema (apt-get install python3-jsonschema)");
        return None;
    };
    Some(move |path: &Path| {
        Command::new(python)
            .arg(&script)
            .arg(path)
            .output()
            .unwrap()
    })
}

#[test]
fn table_of_reads_the_table_a_message_names() {
    let with = |m: &str| Finding {
        message: m.into(),
        ..findings().remove(0)
    };
    let cases = [
        ("column `Zoë`.`actif` is tinyint(1)", Some("Zoë")),
        (
            "table `Legacy_Table` is not in the Liferay catalog",
            Some("Legacy_Table"),
        ),
        (
            "table extra_table_0 is not a Liferay table",
            Some("extra_table_0"),
        ),
        (
            "table \"User_\" is not lower case: rename to user_",
            Some("User_"),
        ),
        (
            "table public.t becomes T, the name table x (line 3) already took",
            Some("t"),
        ),
        ("column user_.flags is bytea", Some("user_")),
        (
            "user_.defaultuser is smallint: Liferay declares it BOOLEAN",
            Some("user_"),
        ),
        ("the first table statement is data", None),
        ("a subtable foo", None),
        (
            "objects in schema s: Liferay's tables belong in public",
            None,
        ),
    ];
    for (m, want) in cases {
        assert_eq!(table_of(&with(m)).as_deref(), want, "{m}");
    }
}

#[test]
fn concise_is_one_line_per_finding() {
    let s = render(Format::Concise, &findings(), &cx());
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 4, "{s}");
    assert_eq!(
        lines[0],
        "dumps/lportal 2024.sql:12:21: L010 [*] column `Zoë`.`actif` is tinyint(1): PostgreSQL needs boolean (×3)"
    );
    assert!(lines[1].starts_with("dumps/lportal 2024.sql:3:1: L090 SET sql_mode"));
    assert!(
        lines[1].ends_with("100% unknown it is copied as is"),
        "{}",
        lines[1]
    );
    assert!(lines[3].starts_with("Found 3 findings"));
}
