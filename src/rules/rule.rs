//! A rule as a type that owns its state ([`Rule`]), the set of rules a run uses
//! ([`RuleSet`], one field a rule, built by [`declare_rules!`] as oxc's
//! `declare_all_lint_rules!`: static dispatch, no `dyn`), and the codes a target
//! enables ([`CodeSet`], a bitset as Ruff's `RuleSet`, in `context`).
//!
//! Adding a rule: write its file under `src/rules/` (its `Meta`, a type implementing
//! [`Rule`], its tests with [`crate::rewrite::harness`]), add one line
//! `file_name: file_name::Type,` to the `declare_rules!` list in `rules/mod.rs` (which
//! declares the module, puts the rule in [`RuleSet`] and its codes in
//! [`REGISTRY`](super::REGISTRY)), and name its code in a target's TOML under
//! `rules/`. The engine calls the hooks; a rule never needs an edit of the engine.

use super::context::{Context, Out, Stmt};
use crate::finding::Meta;
use crate::lex::driver::PieceRef;
use crate::schema::DumpColumn;
use crate::sql::coltype::ColType;
use crate::sql::table::ColumnDef;

/// A rule's hooks, each with a no-op default. The engine calls them per statement,
/// per column an `ALTER TABLE` changes, and at the end of the dump: never per row
/// or per byte. What the rule remembers between calls is its own fields. In a
/// statement, the hooks come in this order: `statement_head`, (the engine reads the
/// names: `schema_qualifier`, `database_qualifier` and `rename` for each), `statement`,
/// `column` for each column of a `CREATE TABLE` or `altered_column` for each of an
/// `ALTER TABLE`, `statement_end`, `table_created` for a `CREATE TABLE`; `first_row`
/// at the first row of an INSERT or COPY. Between statements: `command` for a client
/// command, `blank` for comments and white space.
pub trait Rule: Default {
    /// The codes it reports: the rule runs when the target enables one of them.
    const CODES: &'static [&'static Meta];

    /// A client command between statements (psql's `\connect`, mysql's
    /// `DELIMITER`), before the engine writes it: true drops it.
    fn command(&mut self, _cx: &mut Context, _p: &PieceRef<'_>) -> bool {
        false
    }

    /// Whitespace and comments between statements (a dump's header among them).
    fn blank(&mut self, _cx: &mut Context, _bytes: &[u8]) {}

    /// A qualifier that may name a PostgreSQL schema: token `i` of `st`. `relation`:
    /// the `s` of `s.t` in a table's place; else the first name of `x.y` or `x.y.z`.
    /// True when the rule takes it for a schema of its own (the engine then does not
    /// offer it to [`Rule::database_qualifier`]).
    fn schema_qualifier(
        &mut self,
        _cx: &mut Context,
        _st: &Stmt<'_>,
        _i: usize,
        _relation: bool,
        _o: &mut Out,
    ) -> bool {
        false
    }

    /// A qualifier that may name the dump's database: token `i` of `st`, the `s` of
    /// `s.t` where `t` is a table, or the first name of `x.y.z` or of `x.y` where `x`
    /// is no table (`nextval(db.seq)`, `db.func(…)`).
    fn database_qualifier(&mut self, _cx: &mut Context, _st: &Stmt<'_>, _i: usize, _o: &mut Out) {}

    /// The first row of an INSERT or COPY into `table` (its final name): once a
    /// statement, never per row.
    fn first_row(&mut self, _cx: &mut Context, _table: &str, _line: u64, _offset: u64) {}

    /// A statement, before the engine reads the names in it (renames, schema
    /// qualifiers): a rule that drops whole statements drops them here, so that no
    /// other rule reports on them.
    fn statement_head(&mut self, _cx: &mut Context, _st: &Stmt<'_>, _o: &mut Out) {}

    /// A statement (its tokens, line and offset), after the engine read its names:
    /// report with `cx`, edit or drop it through `o`.
    fn statement(&mut self, _cx: &mut Context, _st: &Stmt<'_>, _o: &mut Out) {}

    /// A column of a `CREATE TABLE` (of final name `table`), as the sql reader saw it
    /// (`def`) and as the dump's table will hold it (`col`: its type and value
    /// rewrite, which the rule may change).
    fn column(
        &mut self,
        _cx: &mut Context,
        _st: &Stmt<'_>,
        _table: &str,
        _def: &ColumnDef,
        _col: &mut DumpColumn,
        _o: &mut Out,
    ) {
    }

    /// A statement, after the engine recorded what it creates or alters; `relation`
    /// is the final (renamed) name of its first table, if it has one.
    fn statement_end(
        &mut self,
        _cx: &mut Context,
        _st: &Stmt<'_>,
        _relation: Option<&str>,
        _o: &mut Out,
    ) {
    }

    /// A statement ended (its last piece read, rows streamed included): its size,
    /// line and offset are `cx.stmt_size`.
    fn statement_size(&mut self, _cx: &mut Context) {}

    /// The name a table gets, when this rule changes it (`name` as the rules before
    /// it left it; `quoted` as written). `report`: add findings (false for
    /// qualifiers, which may be aliases, and for names seen again).
    fn rename(
        &mut self,
        _cx: &mut Context,
        _name: &str,
        _quoted: bool,
        _at: (u64, u64),
        _report: bool,
    ) -> Option<String> {
        None
    }

    /// Statement `st` created table `table` (its final name): `source` is the name
    /// as the dump gives it (schema-qualified when it is), `key` the final one as
    /// `schema.table` in lower case.
    fn table_created(
        &mut self,
        _cx: &mut Context,
        _st: &Stmt<'_>,
        _table: &str,
        _key: &str,
        _source: &str,
    ) {
    }

    /// `ALTER TABLE table … column type` changed or added a column (`table` is the
    /// final name, lower case).
    fn altered_column(
        &mut self,
        _cx: &mut Context,
        _table: &str,
        _column: &str,
        _ty: Option<&ColType>,
    ) {
    }

    /// The end of the dump: report what only the whole dump shows; with `fix`,
    /// statements to add at the end go to `add`.
    fn finish(&mut self, _cx: &mut Context, _add: &mut Vec<u8>) {}
}

/// Declares [`RuleSet`]: a field a rule (None when the target enables none of its
/// codes) and each hook calling the rules in the order listed.
macro_rules! declare_rules {
    ($($field:ident: $rule:ty,)*) => {
        // each rule's module (its file under src/rules/, named as its field)
        $(pub mod $field;)*

        /// The rules of one run, in the order their hooks are called.
        #[derive(Default)]
        pub struct RuleSet {
            $(
                #[doc = concat!("`", stringify!($rule), "`, when enabled.")]
                pub $field: Option<$rule>,
            )*
        }

        impl RuleSet {
            /// The rules `enabled` asks for.
            pub fn new(enabled: &CodeSet) -> RuleSet {
                RuleSet {
                    $($field: enabled.any(<$rule as Rule>::CODES).then(<$rule>::default),)*
                }
            }

            /// Every rule of the set's codes, whether enabled or not.
            pub fn metas() -> Vec<&'static Meta> {
                let mut v = Vec::new();
                $(v.extend(<$rule as Rule>::CODES.iter().copied());)*
                v
            }

            /// [`Rule::command`] of each rule, until one drops the command.
            pub fn command(&mut self, cx: &mut Context, p: &PieceRef<'_>) -> bool {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        if r.command(cx, p) {
                            return true;
                        }
                    }
                )*
                false
            }

            /// [`Rule::statement_size`] of each rule.
            pub fn statement_size(&mut self, cx: &mut Context) {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        r.statement_size(cx);
                    }
                )*
            }

            /// [`Rule::blank`] of each rule.
            pub fn blank(&mut self, cx: &mut Context, bytes: &[u8]) {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        r.blank(cx, bytes);
                    }
                )*
            }

            /// [`Rule::schema_qualifier`] of each rule, until one takes the qualifier.
            pub fn schema_qualifier(
                &mut self,
                cx: &mut Context,
                st: &Stmt<'_>,
                i: usize,
                relation: bool,
                o: &mut Out,
            ) -> bool {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        if r.schema_qualifier(cx, st, i, relation, o) {
                            return true;
                        }
                    }
                )*
                false
            }

            /// [`Rule::database_qualifier`] of each rule.
            pub fn database_qualifier(
                &mut self,
                cx: &mut Context,
                st: &Stmt<'_>,
                i: usize,
                o: &mut Out,
            ) {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        r.database_qualifier(cx, st, i, o);
                    }
                )*
            }

            /// [`Rule::first_row`] of each rule.
            pub fn first_row(&mut self, cx: &mut Context, table: &str, line: u64, offset: u64) {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        r.first_row(cx, table, line, offset);
                    }
                )*
            }

            /// [`Rule::statement_head`] of each rule, until one drops the statement.
            pub fn statement_head(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
                $(
                    if o.drop {
                        return;
                    }
                    if let Some(r) = self.$field.as_mut() {
                        r.statement_head(cx, st, o);
                    }
                )*
            }

            /// [`Rule::statement`] of each rule, until one drops the statement.
            pub fn statement(&mut self, cx: &mut Context, st: &Stmt<'_>, o: &mut Out) {
                $(
                    if o.drop {
                        return;
                    }
                    if let Some(r) = self.$field.as_mut() {
                        r.statement(cx, st, o);
                    }
                )*
            }

            /// [`Rule::column`] of each rule.
            pub fn column(
                &mut self,
                cx: &mut Context,
                st: &Stmt<'_>,
                table: &str,
                def: &ColumnDef,
                col: &mut DumpColumn,
                o: &mut Out,
            ) {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        r.column(cx, st, table, def, col, o);
                    }
                )*
            }

            /// [`Rule::statement_end`] of each rule, until one drops the statement.
            pub fn statement_end(
                &mut self,
                cx: &mut Context,
                st: &Stmt<'_>,
                relation: Option<&str>,
                o: &mut Out,
            ) {
                $(
                    if o.drop {
                        return;
                    }
                    if let Some(r) = self.$field.as_mut() {
                        r.statement_end(cx, st, relation, o);
                    }
                )*
            }

            /// The name a table gets, when it changes: [`Rule::rename`] of each rule in
            /// turn (per-company object tables, then the target's case).
            pub fn final_name(
                &mut self,
                cx: &mut Context,
                name: &str,
                quoted: bool,
                at: (u64, u64),
                report: bool,
            ) -> Option<String> {
                let mut cur: Option<String> = None;
                $(
                    if let Some(r) = self.$field.as_mut() {
                        let now = cur.as_deref().unwrap_or(name);
                        if let Some(n) = r.rename(cx, now, quoted, at, report) {
                            cur = Some(n);
                        }
                    }
                )*
                cur
            }

            /// [`Rule::table_created`] of each rule.
            pub fn table_created(
                &mut self,
                cx: &mut Context,
                st: &Stmt<'_>,
                table: &str,
                key: &str,
                source: &str,
            ) {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        r.table_created(cx, st, table, key, source);
                    }
                )*
            }

            /// [`Rule::altered_column`] of each rule.
            pub fn altered_column(
                &mut self,
                cx: &mut Context,
                table: &str,
                column: &str,
                ty: Option<&ColType>,
            ) {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        r.altered_column(cx, table, column, ty);
                    }
                )*
            }

            /// [`Rule::finish`] of each rule.
            pub fn finish(&mut self, cx: &mut Context, add: &mut Vec<u8>) {
                $(
                    if let Some(r) = self.$field.as_mut() {
                        r.finish(cx, add);
                    }
                )*
            }
        }
    };
}
pub(crate) use declare_rules;

#[cfg(test)]
mod tests {
    use crate::rules::context::CodeSet;
    use crate::rules::RuleSet;

    #[test]
    fn code_sets_hold_the_target_codes_only() {
        let t = crate::targets::find("liferay-postgresql").expect("built in");
        let s = CodeSet::of(&t);
        for m in super::super::REGISTRY.iter() {
            assert_eq!(s.contains(m.code), t.enabled(m.code), "{}", m.code);
        }
        assert!(!s.contains("bad") && !s.contains("Z999") && !s.contains(""));
        // only a letter and three digits name a code (`+12` parses as a number)
        assert!(!s.contains("L+10") && s.contains("L010"));
    }

    #[test]
    fn a_rule_runs_when_the_target_enables_one_of_its_codes() {
        let pg = CodeSet::of(&crate::targets::find("liferay-postgresql").expect("built in"));
        let set = RuleSet::new(&pg);
        assert!(set.large_objects.is_some() && set.mysql_functions.is_some());
        let none = RuleSet::new(&CodeSet::default());
        assert!(none.large_objects.is_none() && none.proprietary.is_none());
        // every code a rule of the set reports is in the registry, once
        for m in RuleSet::metas() {
            assert!(super::super::by_code(m.code).is_some(), "{}", m.code);
            assert_eq!(
                super::super::REGISTRY
                    .iter()
                    .filter(|r| r.code == m.code)
                    .count(),
                1
            );
        }
    }
}
