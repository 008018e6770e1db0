//! Names: PostgreSQL identifiers for MySQL ones (folded, cut to 63 bytes, quoted
//! where PostgreSQL needs it), and names made unique in the schema (tables, types,
//! indexes, constraints) or in a table (columns).

use std::collections::HashMap;

use super::{Column, Converter};
use crate::namemap::NameMap;

/// PostgreSQL reserved words (those that cannot be column or table names unquoted).
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "current_catalog",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "grant",
    "group",
    "having",
    "in",
    "initially",
    "intersect",
    "into",
    "lateral",
    "leading",
    "limit",
    "localtime",
    "localtimestamp",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "placing",
    "primary",
    "references",
    "returning",
    "select",
    "session_user",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "when",
    "where",
    "window",
    "with",
    "authorization",
    "binary",
    "collation",
    "concurrently",
    "cross",
    "current_schema",
    "freeze",
    "full",
    "ilike",
    "inner",
    "is",
    "isnull",
    "join",
    "left",
    "like",
    "natural",
    "notnull",
    "outer",
    "overlaps",
    "right",
    "similar",
    "tablesample",
    "verbose",
];

/// A PostgreSQL identifier for MySQL name `name`: lower case, quoted when needed.
pub fn pg_ident(name: &str) -> String {
    pg_ident_case(name, false)
}

/// A PostgreSQL identifier for MySQL name `name`: lower case (or as written with
/// `keep_case`), at most 63 bytes, quoted when needed.
pub fn pg_ident_case(name: &str, keep_case: bool) -> String {
    let folded = if keep_case {
        name.to_string()
    } else {
        name.to_lowercase()
    };
    quote_ident(&truncate_ident(&folded))
}

/// A PostgreSQL name as written in SQL: bare when PostgreSQL reads it back unchanged
/// (lower case, not a reserved word), else in double quotes.
pub fn quote_ident(name: &str) -> String {
    let plain = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'$')
        && !RESERVED.contains(&name);
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// Names in use, and for each base name the next suffix to try, so that many
/// columns of one name are numbered in linear time (it was quadratic: 16 k columns
/// of one name took 20 s).
#[derive(Debug, Default)]
pub(super) struct Taken {
    set: NameMap<()>,
    next: HashMap<String, usize>,
}

impl Taken {
    pub(super) fn insert(&mut self, name: String) -> bool {
        self.set.add(&name)
    }
}

/// `base` cut to 63 bytes, or with `_2`, `_3`, … when `taken` holds it; the result
/// is added to `taken`.
pub(super) fn unique_in(taken: &mut Taken, base: &str) -> String {
    let base = truncate_ident(base);
    let mut candidate = base.clone();
    let mut n = taken.next.get(&base).copied().unwrap_or(1);
    if n > 1 {
        candidate = suffixed(&base, n);
    }
    while taken.set.contains_key(&candidate) {
        n += 1;
        candidate = suffixed(&base, n);
    }
    // the counter is kept only past 1 (a miss means 1): one name a table, not two
    if n > 1 {
        taken.next.insert(base, n);
    }
    taken.set.add(&candidate);
    candidate
}

/// `base` with `_n`, cut so that the whole fits 63 bytes.
fn suffixed(base: &str, n: usize) -> String {
    let suffix = format!("_{n}");
    let mut keep = base.len().min(63 - suffix.len());
    while !base.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}{suffix}", &base[..keep])
}

/// PostgreSQL keeps 63 bytes of a name.
pub(super) fn truncate_ident(s: &str) -> String {
    if s.len() <= 63 {
        return s.to_string();
    }
    let mut end = 63;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

impl Converter {
    /// `name` lower-cased, or as written with `--keep-case`.
    pub(super) fn fold(&self, name: &str) -> String {
        if self.opts.keep_case {
            name.to_string()
        } else {
            name.to_lowercase()
        }
    }

    /// MySQL name `name` as a PostgreSQL identifier in SQL (folded, cut, quoted).
    pub(super) fn ident(&self, name: &str) -> String {
        pg_ident_case(name, self.opts.keep_case)
    }

    /// The PostgreSQL name (unquoted) of MySQL table `raw`, chosen where the dump
    /// first names it: folded, cut to 63 bytes, unique in the schema. When an enum
    /// type made earlier holds the name, the type gives it up: the `ALTER TYPE … RENAME`
    /// to write first is returned too.
    pub(super) fn table_name(&mut self, raw: &str) -> (String, String) {
        let key = raw.to_lowercase();
        if let Some(n) = self.table_names.get(&key) {
            return (n.as_deref().unwrap_or(&key).to_string(), String::new());
        }
        let want = truncate_ident(&self.fold(raw));
        let mut before = String::new();
        let bare = if self.types.remove(&want) {
            let new = unique_in(&mut self.names, &want);
            before = format!(
                "ALTER TYPE {} RENAME TO {};\n",
                quote_ident(&want),
                quote_ident(&new)
            );
            self.types.insert(new);
            want
        } else {
            unique_in(&mut self.names, &want)
        };
        let stored = (bare != key).then(|| bare.clone().into_boxed_str());
        self.table_names.insert(&key, stored);
        (bare, before)
    }

    /// A name for an index or constraint of table `bare`, unique in the schema and at
    /// most 63 bytes (PostgreSQL would cut longer ones and make them collide).
    pub(super) fn index_name(&mut self, bare: &str, hint: &str) -> String {
        let base = format!("{bare}_{}", self.fold(hint));
        quote_ident(&unique_in(&mut self.names, &base))
    }

    /// The PostgreSQL names of MySQL columns `raw` of a table with `columns`.
    pub(super) fn column_names(&self, columns: &[Column], raw: &[String]) -> Vec<String> {
        raw.iter()
            .map(|r| {
                let l = r.to_lowercase();
                columns
                    .iter()
                    .find(|c| *c.raw == *l)
                    .map_or_else(|| self.ident(r), |c| c.name().to_string())
            })
            .collect()
    }
}
