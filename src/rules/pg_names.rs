//! L005 `identifier-case` and L008 `constraint-or-index-name`: on the PostgreSQL
//! target, the names Liferay's own schema has.
//!
//! Liferay creates its PostgreSQL schema with unquoted identifiers (folded to lower
//! case) and PostgreSQL's default constraint names, and its SQL and upgrade code rely on
//! both. A database copied by pgloader with `quote identifiers`, or dumped from a
//! schema someone made by hand, has quoted camelCase names, `idx_16518_…` index names
//! and primary keys named after anything.

use std::collections::{HashMap, HashSet};

use crate::namemap::NameMap;

use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Mode, Out, Stmt};
use crate::rules::rule::Rule;
use crate::sql::{Edit, Tok, Tokens};

/// L005: a quoted identifier with upper-case letters.
pub static IDENTIFIER_CASE: Meta = Meta {
    code: "L005",
    name: "identifier-case",
    severity: Severity::Error,
    fix: Fix::Safe,
    summary: "quoted column, constraint or index name with upper-case letters on PostgreSQL",
    doc: r#"## What it does
On the PostgreSQL target, finds quoted identifiers with upper-case letters: columns
(`"accountEntryId"`), constraints (`"AccountEntry_pkey"`), indexes, sequences, types —
every name except tables (L001), schemas (L040), roles (L041) and collations
(`COLLATE pg_catalog."C"`, whose case is part of the name).

## Why it matters
Liferay creates its schema with unquoted names, which PostgreSQL folds to lower case,
and its SQL never quotes them: against a quoted `"accountEntryId"` column every query
fails with `column "accountentryid" does not exist`.

## Example
```sql
CREATE TABLE public.accountentry ("accountEntryId" bigint NOT NULL, …);
COPY public.accountentry ("accountEntryId", …) FROM stdin;
```

## Use instead
```sql
CREATE TABLE public.accountentry ("accountentryid" bigint NOT NULL, …);
COPY public.accountentry ("accountentryid", …) FROM stdin;
```

## Fix safety
Safe for the dump's SQL: every quoted name is lowered wherever it appears outside
string literals, and in the names of `'…'::regclass` and `nextval('…')` literals, so
references stay consistent. Function bodies (strings) are not rewritten. Two names that
differ only in case in one table (`"Name"` and `"name"`) would become one: reported as
an error and left as they are.
"#,
};

/// L008: a constraint or index not named as Liferay names it.
pub static CONSTRAINT_INDEX_NAME: Meta = Meta {
    code: "L008",
    name: "constraint-or-index-name",
    severity: Severity::Warning,
    fix: Fix::Safe,
    summary: "primary key not named <table>_pkey, or a Liferay index not named IX_…",
    doc: r#"## What it does
On the PostgreSQL target, finds:
- primary keys not named `<table>_pkey` (PostgreSQL's default, which Liferay's schema
  has): `"AccountEntry_pkey"`, pgloader's `idx_16518_primary`;
- indexes of Liferay's tables whose name carries a prefix before Liferay's own
  `IX_…` name: `accountentry_ix_48cb043` (`dumpfix convert`),
  `idx_16518_ix_48cb043` (pgloader);
- constraint and index names that hold the old company id of a renamed object table
  (`--company-id 20097=30000`: `o_20097_thing_pkey`).

## Why it matters
Liferay's upgrade code renames and drops primary keys by the name `<table>_pkey`, and
recognises its indexes by their `IX_` names: under other names the upgrade fails, or
creates every index a second time.

## Example
```sql
ALTER TABLE ONLY public.accountentry ADD CONSTRAINT idx_16518_primary PRIMARY KEY (accountentryid);
CREATE INDEX idx_16518_ix_48cb043 ON public.accountentry USING btree (companyid);
```

## Use instead
```sql
ALTER TABLE ONLY public.accountentry ADD CONSTRAINT accountentry_pkey PRIMARY KEY (accountentryid);
CREATE INDEX ix_48cb043 ON public.accountentry USING btree (companyid);
```

## Fix safety
Safe: the new names are given where the constraint or index is made and at every later
reference (`ALTER INDEX`, `CLUSTER ON`, `USING INDEX`, `ATTACH PARTITION`,
`COMMENT ON INDEX/CONSTRAINT`, `DROP/VALIDATE CONSTRAINT`). A name already taken is
not given twice: the second keeps its own, with a finding.
"#,
};

/// L005 and L008, a rule of their own. What they remember across the dump: names
/// given, names taken. Its size follows the schema (constraints and indexes), not the
/// data.
#[derive(Debug, Default)]
pub struct PgNames {
    /// Constraint and index names renamed: the dump's name → the new one.
    renamed: HashMap<String, String>,
    /// Names given so far (lower case), so that no two objects get one.
    given: NameMap<()>,
}

/// `name` as PostgreSQL SQL: bare when it is a plain lower-case identifier (as
/// Liferay's names are), else quoted.
fn pg_name(name: &str) -> String {
    let b = name.as_bytes();
    let plain = b
        .first()
        .is_some_and(|c| c.is_ascii_lowercase() || *c == b'_')
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_');
    if plain {
        name.to_string()
    } else {
        crate::sql::quote_like(name, crate::lex::Dialect::Postgres, true)
    }
}

fn has_upper(b: &[u8]) -> bool {
    b.iter().any(u8::is_ascii_uppercase)
}

/// Statements whose quoted names are roles, settings or server objects, not schema
/// objects.
fn skipped_statement(st: &Stmt<'_>) -> bool {
    const LEADS: &[&[&str]] = &[
        &["GRANT"],
        &["REVOKE"],
        &["SET"],
        &["RESET"],
        &["ALTER", "DEFAULT", "PRIVILEGES"],
        &["CREATE", "ROLE"],
        &["CREATE", "USER"],
        &["ALTER", "ROLE"],
        &["ALTER", "USER"],
        &["CREATE", "COLLATION"],
        &["CREATE", "EXTENSION"],
        &["COMMENT", "ON", "EXTENSION"],
        &["CREATE", "PUBLICATION"],
        &["CREATE", "SUBSCRIPTION"],
        &["ALTER", "PUBLICATION"],
        &["ALTER", "SUBSCRIPTION"],
        &["SECURITY", "LABEL"],
        &["CREATE", "DATABASE"],
        &["ALTER", "DATABASE"],
        &["COMMENT", "ON", "DATABASE"],
        &["CREATE", "TABLESPACE"],
    ];
    LEADS.iter().any(|l| st.starts(l))
        || (st.starts(&["SELECT"]) && (0..st.t.len()).any(|i| st.t.is_kw(i, "set_config")))
}

/// Token `i` names a collation, role or tablespace: its case is its own.
fn foreign_name(t: &Tokens<'_>, i: usize) -> bool {
    let before = |k: usize, kw: &str| i >= k && t.is_kw(i - k, kw);
    // COLLATE "C", COLLATE pg_catalog."C"
    before(1, "COLLATE")
        || (before(3, "COLLATE") && t.is_punct(i - 1, "."))
        || (before(2, "OWNER") && before(1, "TO"))
        || before(1, "AUTHORIZATION")
        || before(1, "TABLESPACE")
}

/// The dump's name of a constraint or index, if token `i` (a name) is one: after
/// `CONSTRAINT`, `INDEX [CONCURRENTLY] [IF NOT EXISTS]`, `CLUSTER ON`, `USING INDEX`,
/// `ATTACH PARTITION` of `ALTER INDEX`.
fn object_name_position(t: &Tokens<'_>, i: usize, alter_index: bool) -> bool {
    if !t.is_ident(i) {
        return false;
    }
    let mut k = i;
    // `INDEX IF NOT EXISTS name`, `INDEX CONCURRENTLY name`
    while k >= 1 && (t.is_kw(k - 1, "EXISTS") || t.is_kw(k - 1, "CONCURRENTLY")) {
        if t.is_kw(k - 1, "EXISTS") {
            k = k.saturating_sub(if t.is_kw(k.saturating_sub(2), "NOT") {
                3
            } else {
                2
            });
        } else {
            k -= 1;
        }
    }
    // a schema-qualified name: `INDEX public.name`
    if k >= 2 && t.is_punct(k - 1, ".") && t.is_ident(k - 2) {
        k -= 2;
    }
    if k == 0 {
        return false;
    }
    let prev = k - 1;
    if t.is_kw(i, "ON") {
        return false; // `CREATE INDEX ON t (c)`: no name
    }
    t.is_kw(prev, "CONSTRAINT")
        || t.is_kw(prev, "INDEX")
        || (t.is_kw(prev, "ON") && prev >= 1 && t.is_kw(prev - 1, "CLUSTER"))
        || (alter_index && t.is_kw(prev, "PARTITION") && prev >= 1 && t.is_kw(prev - 1, "ATTACH"))
}

/// The name a Liferay index of `table` has in Liferay's schema, when `name` is that
/// name behind a prefix: `<table>_ix_48cb043` (dumpfix convert) or
/// `idx_16518_ix_48cb043` (pgloader) → `ix_48cb043`.
fn liferay_index_name(table: &str, name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix(&format!("{table}_")) {
        r
    } else if let Some(r) = lower.strip_prefix("idx_") {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || r.as_bytes().get(digits) != Some(&b'_') {
            return None;
        }
        &r[digits + 1..]
    } else {
        return None;
    };
    let hex = rest.strip_prefix("ix_")?;
    (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then(|| rest.to_string())
}

/// The name with the company id of `--company-id OLD=NEW` replaced, for the
/// constraints and indexes of object tables: `O_20097_Thing_pkey` → `O_30000_Thing_pkey`.
fn with_company(cx: &Context, name: &str) -> Option<String> {
    let (old, new) = cx.company.as_ref()?;
    super::object_tables::with_company_id(name, old, new)
}

impl Rule for PgNames {
    const CODES: &'static [&'static Meta] = &[&IDENTIFIER_CASE, &CONSTRAINT_INDEX_NAME];

    fn statement_end(
        &mut self,
        cx: &mut Context,
        st: &Stmt<'_>,
        relation: Option<&str>,
        o: &mut Out,
    ) {
        statement(cx, self, st, relation, o);
    }
}

/// Both rules on one statement. `relation` is the final (renamed) name of the
/// statement's first table, if it has one.
fn statement(
    cx: &mut Context,
    names: &mut PgNames,
    st: &Stmt<'_>,
    relation: Option<&str>,
    o: &mut Out,
) {
    if !cx.to_postgres() || skipped_statement(st) {
        return;
    }
    let t = &st.t;
    let names_on = cx.renames(&CONSTRAINT_INDEX_NAME);
    let case_on = cx.renames(&IDENTIFIER_CASE);
    if !names_on && !case_on {
        return;
    }
    let alter_index = st.starts(&["ALTER", "INDEX"]);
    let create_index = st.lead.first().is_some_and(|w| w == "CREATE")
        && st.lead.iter().take(3).any(|w| w == "INDEX");
    let table = relation.map(str::to_ascii_lowercase);
    let liferay_table = table.as_deref().is_some_and(|n| cx.liferay(n).is_some());
    let mut edited: Vec<(usize, usize)> = o.edits.iter().map(|e| (e.start, e.end)).collect();
    let covered =
        |edited: &[(usize, usize)], s: usize, e: usize| edited.iter().any(|&(a, b)| a < e && s < b);

    // Columns of a CREATE TABLE that differ only in case: left as they are.
    let mut clash: HashSet<String> = HashSet::new();
    if case_on && st.starts(&["CREATE"]) {
        if let Some(ct) = crate::sql::table::create_table(t) {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for c in &ct.columns {
                let l = c.name.to_ascii_lowercase();
                if let Some(first) = seen.get(&l) {
                    if *first != c.name {
                        let (a, b) = (first.to_string(), c.name.clone());
                        cx.report_at(
                            &IDENTIFIER_CASE,
                            &format!("clash {l}"),
                            st,
                            t.toks[c.name_tok].start,
                            || format!("columns \"{a}\" and \"{b}\" differ only in case: lowered they would be one column, so both keep their names (Liferay's unquoted SQL reaches neither)"),
                            None,
                        );
                        clash.insert(a);
                        clash.insert(b);
                    }
                } else {
                    seen.insert(l, &c.name);
                }
            }
        }
    }

    for i in 0..t.len() {
        let tok = t.toks[i];
        if !matches!(tok.kind, Tok::QIdent | Tok::Word) || covered(&edited, tok.start, tok.end) {
            continue;
        }
        if tok.kind == Tok::Word && t.is_kw(i, "PRIMARY") {
            continue;
        }
        let name = String::from_utf8_lossy(&t.ident(i)).into_owned();
        // L008: constraint and index names
        if names_on && object_name_position(t, i, alter_index) {
            let folded = if tok.kind == Tok::Word {
                name.to_ascii_lowercase()
            } else {
                name.clone()
            };
            let defining = (t.is_kw(i.saturating_sub(1), "CONSTRAINT")
                && (st.starts(&["ALTER", "TABLE"]) || st.starts(&["CREATE"])))
                || (create_index && !alter_index);
            let new = if let Some(n) = names.renamed.get(&folded) {
                Some(n.clone())
            } else if defining {
                define_name(
                    cx,
                    names,
                    st,
                    t,
                    i,
                    &folded,
                    table.as_deref(),
                    liferay_table,
                )
            } else {
                None
            };
            if let Some(new) = new {
                if cx.mode == Mode::Fix {
                    o.edits.push(Edit {
                        start: tok.start,
                        end: tok.end,
                        text: pg_name(&new).into_bytes(),
                    });
                }
                edited.push((tok.start, tok.end));
                continue;
            }
        }
        // L005: quoted names with upper case
        if !case_on
            || tok.kind != Tok::QIdent
            || !has_upper(&t.text(i)[1..])
            || foreign_name(t, i)
            || clash.contains(&name)
        {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        let subject = name.clone();
        cx.report_at(
            &IDENTIFIER_CASE,
            &subject,
            st,
            tok.start,
            || format!("\"{name}\" → \"{lower}\": Liferay's SQL names it unquoted, which PostgreSQL folds to lower case"),
            None,
        );
        if cx.mode == Mode::Fix {
            o.edits.push(Edit {
                start: tok.start,
                end: tok.end,
                text: crate::sql::quote_like(
                    &name.to_ascii_lowercase(),
                    crate::lex::Dialect::Postgres,
                    true,
                )
                .into_bytes(),
            });
        }
        edited.push((tok.start, tok.end));
    }
    if case_on {
        regclass_names(cx, st, o, &edited);
    }
}

/// The name a constraint or index made by this statement gets, when not its own.
#[allow(clippy::too_many_arguments)]
fn define_name(
    cx: &mut Context,
    names: &mut PgNames,
    st: &Stmt<'_>,
    t: &Tokens<'_>,
    i: usize,
    folded: &str,
    table: Option<&str>,
    liferay_table: bool,
) -> Option<String> {
    let primary = t.is_kw(i + 1, "PRIMARY") && t.is_kw(i + 2, "KEY");
    // (the name, why, whether it is L008's)
    let pick: Option<(String, &str, bool)> = if primary {
        table.map(|tb| {
            (
                format!("{tb}_pkey"),
                "primary keys are named <table>_pkey in Liferay's schema (its upgrades find them by that name)",
                true,
            )
        })
    } else if liferay_table && !t.is_kw(i.saturating_sub(1), "CONSTRAINT") {
        table
            .and_then(|tb| liferay_index_name(tb, folded))
            .map(|n| {
                (
                    n,
                    "Liferay's own index name (its upgrades recognise indexes by it)",
                    true,
                )
            })
    } else {
        None
    };
    let pick = pick
        .or_else(|| {
            with_company(cx, folded).map(|n| {
                (
                    n.to_ascii_lowercase(),
                    "the company id of the renamed object table",
                    true,
                )
            })
        })
        .or_else(|| {
            has_upper(folded.as_bytes()).then(|| {
                (
                    folded.to_ascii_lowercase(),
                    "lower case, as Liferay's unquoted names are",
                    false,
                )
            })
        });
    let (want, why, l008) = match pick {
        Some((w, why, l008)) => (Some(w), why, l008),
        None => (None, "", false),
    };
    let want = want.filter(|w| w != folded);
    let Some(want) = want else {
        names.given.add(&folded.to_ascii_lowercase());
        return None;
    };
    let at = t.toks[i].start;
    if !names.given.add(&want) {
        let (f, w) = (folded.to_string(), want.clone());
        cx.report_at(
            &CONSTRAINT_INDEX_NAME,
            &format!("taken {f}"),
            st,
            at,
            || format!("{f} would be named {w}, which an earlier constraint or index has: it keeps its name"),
            None,
        );
        return None;
    }
    let (f, w) = (folded.to_string(), want.clone());
    let rule = if l008 {
        &CONSTRAINT_INDEX_NAME
    } else {
        &IDENTIFIER_CASE
    };
    cx.report_at(rule, &f, st, at, || format!("{f} → {w}: {why}"), None);
    names.renamed.insert(f, w.clone());
    Some(w)
}

/// `'public."AccountEntry_seq"'::regclass`, `nextval('"Seq"')`: the quoted names
/// inside lowered like everywhere else.
fn regclass_names(cx: &mut Context, st: &Stmt<'_>, o: &mut Out, edited: &[(usize, usize)]) {
    let t = &st.t;
    for i in 0..t.len() {
        if t.toks[i].kind != Tok::Str
            || !crate::rules::non_public_schema::names_an_object(t, i)
            || t.is_kw(i + 2, "regcollation")
        {
            continue;
        }
        let s = t.text(i);
        if !has_upper(s) || !s.starts_with(b"'") {
            continue;
        }
        // the text as another rule left it (L040 moves the schema)
        let (from, text) = match o
            .edits
            .iter()
            .position(|e| e.start == t.toks[i].start && e.end == t.toks[i].end)
        {
            Some(k) => (Some(k), o.edits[k].text.clone()),
            None => {
                if edited
                    .iter()
                    .any(|&(a, b)| a < t.toks[i].end && t.toks[i].start < b)
                {
                    continue;
                }
                (None, s.to_vec())
            }
        };
        let mut out = Vec::with_capacity(text.len());
        let mut quoted = false;
        let mut changed = false;
        for &b in &text {
            if b == b'"' {
                quoted = !quoted;
            }
            if quoted && b.is_ascii_uppercase() {
                out.push(b.to_ascii_lowercase());
                changed = true;
            } else {
                out.push(b);
            }
        }
        if !changed {
            continue;
        }
        let shown = String::from_utf8_lossy(s).into_owned();
        cx.report_at(
            &IDENTIFIER_CASE,
            &shown,
            st,
            t.toks[i].start,
            || format!("{shown}: the quoted name inside is lowered with the object it names"),
            None,
        );
        if cx.mode != Mode::Fix {
            continue;
        }
        match from {
            Some(k) => o.edits[k].text = out,
            None => o.edits.push(Edit {
                start: t.toks[i].start,
                end: t.toks[i].end,
                text: out,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liferay_index_names() {
        assert_eq!(
            liferay_index_name("accountentry", "accountentry_ix_48cb043").as_deref(),
            Some("ix_48cb043")
        );
        assert_eq!(
            liferay_index_name("accountentry", "idx_16518_IX_48CB043").as_deref(),
            Some("ix_48cb043")
        );
        assert_eq!(
            liferay_index_name("accountentry", "idx_16518_primary"),
            None
        );
        assert_eq!(liferay_index_name("accountentry", "my_index"), None);
        assert_eq!(liferay_index_name("accountentry", "idx_x_ix_1"), None);
    }

    #[test]
    fn names_are_quoted_when_they_must_be() {
        assert_eq!(pg_name("accountentry_pkey"), "accountentry_pkey");
        assert_eq!(
            pg_name("mixed case \"q\" t_pkey"),
            "\"mixed case \"\"q\"\" t_pkey\""
        );
        assert_eq!(pg_name("1abc"), "\"1abc\"");
        assert_eq!(pg_name("é_pkey"), "\"é_pkey\"");
    }
}
