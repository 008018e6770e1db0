//! The rule registry. A rule has a code (a letter and digits, never reused), a
//! kebab-case name that says what it finds, a severity, the targets it belongs to,
//! its manual (the `doc` text), a check, and a fix where one exists.
//!
//! Rules are driven by the rewrite engine ([`crate::rewrite`]): it splits the dump,
//! parses what the rules need (table names, `CREATE TABLE` columns), and calls each
//! rule type's hooks ([`rule::Rule`]) in the order of `declare_rules!` below. A rule's check reports [`Finding`]s; its fix edits the
//! statement, drops it, or adds statements. `check` reports what `fix` would change.

// The modules of the rule types (booleans, database, …) are declared by
// `declare_rules!` below, one line a rule; these are the others.
pub mod context;
pub mod conversion;
pub mod data_values;
pub mod rule;
pub mod upload;

use std::sync::LazyLock;

use crate::finding::Meta;
use crate::lex::driver::PieceRef;

/// The rules that rename (tables, schemas, constraints and indexes, identifiers,
/// the database): a name must be the same in every statement that uses it, so
/// `-- dumpfix-ignore` silences their findings and leaves their renaming on
/// ([`Context::renames`]). Every other rule that a comment silences leaves the
/// statement as it was read.
pub static RENAMING: &[&Meta] = &[
    &table_case::TABLE_NAME_CASE,
    &pg_names::IDENTIFIER_CASE,
    &pg_names::CONSTRAINT_INDEX_NAME,
    &object_tables::OBJECT_TABLE,
    &non_public_schema::NON_PUBLIC_SCHEMA,
    &database::DATABASE_ENVELOPE,
];

/// Whether `-- dumpfix-ignore-file` comments (`ignores`) drop finding `f`, wherever
/// in the dump it was made: those of rules that only report, and of rules that
/// rename; a fix made before the comment was read keeps its finding (that statement
/// was written fixed, and nothing changes in silence).
pub fn file_ignore_drops(ignores: &crate::ignore::Ignores, f: &crate::finding::Finding) -> bool {
    let fixed_here = f.fixable && !RENAMING.iter().any(|r| r.code == f.code);
    ignores.silences_file(f.code) && !fixed_here
}

/// Codes reported by others than the rule types of [`RuleSet`]: the conversion (C),
/// statements too large to inspect (L090, the engine), the upload size (S001), values
/// (V), uploads (U) and Mendix backup archives (X).
static OTHER_CODES: &[&Meta] = &[
    &conversion::VALUE_AS_NULL,
    &conversion::NOT_CONVERTED,
    &conversion::TABLE_RENAMED,
    &conversion::ENUM_AS_CHECK,
    &conversion::FULLTEXT_PARSER,
    &conversion::CONSTRAINT_DROPPED,
    &conversion::INDEX_DROPPED,
    &conversion::GENERATED_LOST,
    &conversion::ROWS_BEFORE_TRIGGER,
    &conversion::ROWS_LOST,
    &conversion::FOREIGN_KEY_DROPPED,
    &conversion::GENERATED_AS_PLAIN,
    &conversion::TINYINT_AS_BOOLEAN,
    &conversion::CLAUSE_DROPPED,
    &conversion::DEFAULT_DROPPED,
    &conversion::GEOMETRY_AS_BYTES,
    &database::UNINSPECTED_STATEMENT,
    &integrity::UPLOAD_TOO_LARGE,
    &upload::BAD_ARCHIVE,
    &upload::NO_DOCUMENT_LIBRARY,
    &upload::EXTRA_VOLUME_ENTRY,
    &upload::UNSAFE_VOLUME_ENTRY,
    &data_values::NUL_IN_TEXT,
    &data_values::ZERO_DATE,
    &data_values::INVALID_UTF8,
    &crate::pgarchive::mendix::BAD_ENTRY,
    &crate::pgarchive::mendix::BAD_METADATA,
    &crate::pgarchive::mendix::BAD_DB_BACKUP,
    &crate::pgarchive::mendix::ACL_ENTRY,
    &crate::pgarchive::mendix::NON_PUBLIC_ENTRY,
    &crate::pgarchive::mendix::BAD_TREE_NAME,
];

/// Every rule, sorted by code: the codes of the rule types in [`RuleSet`] and
/// [`OTHER_CODES`]. A rule type added to `declare_rules!` is in it with no other
/// line.
pub static REGISTRY: LazyLock<Vec<&'static Meta>> = LazyLock::new(|| {
    let mut v = RuleSet::metas();
    v.extend(OTHER_CODES);
    v.sort_by_key(|m| m.code);
    v
});

// The rules that are types of their own (see [`rule`]), in the order the engine
// calls their hooks: `RuleSet`.
use crate::rules::context::{CodeSet, Context, Out, Stmt};
use crate::schema::DumpColumn;
use crate::sql::coltype::ColType;
use crate::sql::table::ColumnDef;
use rule::Rule;

rule::declare_rules! {
    integrity: integrity::Integrity,
    database: database::Database,
    object_tables: object_tables::ObjectTables,
    table_case: table_case::TableCaseRule,
    owners: owners::Owners,
    pg_compat: pg_compat::PgCompat,
    non_public_schema: non_public_schema::NonPublicSchema,
    booleans: booleans::Booleans,
    liferay_types: liferay_types::LiferayTypes,
    pg_names: pg_names::PgNames,
    mysql_functions: mysql_functions::MysqlFunctions,
    proprietary: proprietary::Proprietary,
    large_objects: large_objects::LargeObjects,
    replication: replication::Replication,
    extensions: extensions::Extensions,
    catalog_tables: catalog_tables::CatalogTables,
}

/// The rule with `code` (any case).
pub fn by_code(code: &str) -> Option<&'static Meta> {
    REGISTRY
        .iter()
        .copied()
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

/// The rule with this code (`L010`) or name (`table-name-case`), in any case.
pub fn lookup(code_or_name: &str) -> Option<&'static Meta> {
    let s = code_or_name.trim();
    by_code(s).or_else(|| {
        REGISTRY
            .iter()
            .copied()
            .find(|m| m.name.eq_ignore_ascii_case(s))
    })
}

/// The codes `target` enables that no rule has (a target file's typo).
pub fn unknown_codes(target: &crate::targets::Target) -> Vec<&str> {
    target
        .rules
        .iter()
        .map(String::as_str)
        .filter(|c| by_code(c).is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Fix;

    #[test]
    fn targets_name_known_rules_only() {
        for (f, text) in crate::targets::FILES {
            let t = crate::targets::parse(text, f).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(unknown_codes(&t), Vec::<&str>::new(), "{f}");
        }
        let typo = crate::targets::parse(
            "name='x'\ndescription=''\ndialect='mysql'\ntable_case='lower'\nrules=['L010','Z999']",
            "t",
        )
        .expect("parses");
        assert_eq!(unknown_codes(&typo), ["Z999"]);
    }

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let codes: Vec<_> = REGISTRY.iter().map(|m| m.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        // the registry is sorted when built: this finds a code given twice
        assert_eq!(codes, sorted, "codes must be unique");
        for m in REGISTRY.iter() {
            assert!(
                m.code.len() == 4
                    && m.code.as_bytes()[0].is_ascii_uppercase()
                    && m.code[1..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                m.code
            );
            assert!(
                m.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                m.name
            );
            for section in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## Use instead",
                "## Fix safety",
            ] {
                assert!(m.doc.contains(section), "{} lacks {section}", m.code);
            }
            // the manual's "Fix safety" says what `fix` declares
            let safety = m
                .doc
                .split("## Fix safety")
                .nth(1)
                .map(str::trim_start)
                .unwrap_or_default();
            let says = if safety.starts_with("Safe") {
                Fix::Safe
            } else if safety.starts_with("Unsafe") {
                Fix::Unsafe
            } else {
                Fix::None
            };
            assert_eq!(says, m.fix, "{}: Fix safety says {safety:.40}", m.code);
        }
    }
}
