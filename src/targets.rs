//! Targets: named sets of rules with options, kept as TOML files under `rules/` and
//! built into the binary.

use crate::lex::Dialect;

/// How table names must be spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableCase {
    /// All lower case (PostgreSQL).
    Lower,
    /// The canonical spelling from the catalog (MySQL).
    Catalog,
    /// Leave names alone.
    Keep,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetFile {
    name: String,
    description: String,
    dialect: String,
    table_case: TableCase,
    rules: Vec<String>,
}

/// A target.
#[derive(Clone, Debug)]
pub struct Target {
    /// Its name (`liferay-postgresql`).
    pub name: String,
    /// One line about it.
    pub description: String,
    /// The SQL dialect of dumps for it.
    pub dialect: Dialect,
    /// Table-name spelling.
    pub table_case: TableCase,
    /// Enabled rule codes.
    pub rules: Vec<String>,
}

impl Target {
    /// Whether rule `code` is on.
    pub fn enabled(&self, code: &str) -> bool {
        self.rules.iter().any(|r| r == code)
    }
}

/// The target files built in.
pub const FILES: &[(&str, &str)] = &[
    (
        "rules/liferay-mysql.toml",
        include_str!("../rules/liferay-mysql.toml"),
    ),
    (
        "rules/liferay-postgresql.toml",
        include_str!("../rules/liferay-postgresql.toml"),
    ),
];

/// Parse a target file. The rule codes it names are checked against the registry by
/// [`crate::rules::unknown_codes`] (a test holds the built-in files to it).
pub fn parse(text: &str, file: &str) -> Result<Target, String> {
    let f: TargetFile = toml::from_str(text).map_err(|e| format!("{file}: {e}"))?;
    let dialect = match f.dialect.as_str() {
        "mysql" => Dialect::Mysql,
        "postgresql" => Dialect::Postgres,
        d => return Err(format!("{file}: unknown dialect '{d}'")),
    };
    Ok(Target {
        name: f.name,
        description: f.description,
        dialect,
        table_case: f.table_case,
        rules: f.rules,
    })
}

/// All built-in targets, sorted by name.
pub fn all() -> Vec<Target> {
    let mut v: Vec<Target> = FILES.iter().filter_map(|(f, t)| parse(t, f).ok()).collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// The target called `name`.
pub fn find(name: &str) -> Option<Target> {
    all().into_iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_targets_parse() {
        for (f, t) in FILES {
            let target = parse(t, f).unwrap_or_else(|e| panic!("{e}"));
            assert!(!target.rules.is_empty());
        }
        assert_eq!(all().len(), FILES.len());
        assert_eq!(
            find("liferay-postgresql").map(|t| t.dialect),
            Some(Dialect::Postgres)
        );
        assert!(parse(
            "name='x'\ndescription=''\ndialect='sqlite'\ntable_case='lower'\nrules=[]",
            "t"
        )
        .is_err());
    }
}
