//! R001 `stored-routine`, R002 `trigger`, R003 `event`, R004 `definer-clause`,
//! R005 `security-definer-view`: objects Liferay never creates.

use super::mysql_functions::object_kind;
use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::{Context, Out, Stmt};
use crate::rules::rule::Rule;

macro_rules! object_rule {
    ($id:ident, $code:literal, $name:literal, $summary:literal, $what:literal, $why:literal, $ex:literal, $instead:literal) => {
        #[doc = $summary]
        pub static $id: Meta = Meta {
            code: $code,
            name: $name,
            severity: Severity::Warning,
            fix: Fix::None,
            summary: $summary,
            doc: concat!(
                "## What it does\n",
                $what,
                "\n\n## Why it matters\n",
                $why,
                "\n\n## Example\n```sql\n",
                $ex,
                "\n```\n\n## Use instead\n",
                $instead,
                "\n\n## Fix safety\nNot fixed: the object is reported, never dropped.\n"
            ),
        };
    };
}

object_rule!(
    STORED_ROUTINE,
    "R001",
    "stored-routine",
    "stored procedure or function in the dump",
    "Lists stored procedures and functions.",
    "Liferay creates none; they come from other software sharing the database, are written in one vendor's language, and with MySQL's `DEFINER` they fail to restore under another user.",
    "CREATE DEFINER=`root`@`localhost` PROCEDURE `count_users`() BEGIN … END",
    "Keep them out of the Liferay database, or port them to the target and load them separately."
);

object_rule!(
    TRIGGER,
    "R002",
    "trigger",
    "trigger in the dump",
    "Lists triggers.",
    "Liferay creates no triggers; a trigger copied with the data keeps firing on Liferay's writes, and MySQL trigger bodies do not run on PostgreSQL.",
    "CREATE TRIGGER `user_bi` BEFORE INSERT ON `User_` FOR EACH ROW SET NEW.status = IFNULL(NEW.status, 0)",
    "Drop the trigger before dumping, or port it deliberately."
);

object_rule!(
    EVENT,
    "R003",
    "event",
    "scheduled event in the dump",
    "Lists MySQL scheduled events.",
    "Events run on their own schedule after the restore, on a database that now belongs to Liferay Cloud.",
    "CREATE EVENT `purge` ON SCHEDULE EVERY 1 DAY DO DELETE FROM …",
    "Dump without `--events`."
);

object_rule!(
    DEFINER_CLAUSE,
    "R004",
    "definer-clause",
    "DEFINER= clause naming a user of the source server",
    "Finds `DEFINER=user@host` in views, routines, triggers and events.",
    "The restoring user is not that user and lacks the privilege to create objects for another one: the restore fails with \"Access denied; you need the SUPER privilege\".",
    "/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */",
    "Dump with `mysqldump --skip-definer` (MySQL 8) or remove the clauses."
);

object_rule!(
    SECURITY_DEFINER_VIEW,
    "R005",
    "security-definer-view",
    "view that runs with its definer's rights",
    "Finds views declared `SQL SECURITY DEFINER`.",
    "Such a view runs with the rights of a user who does not exist on the target, and fails for everyone.",
    "CREATE SQL SECURITY DEFINER VIEW `v` AS SELECT …",
    "`SQL SECURITY INVOKER`."
);

/// R001–R005: stored routines, triggers, events, DEFINER clauses and SQL SECURITY
/// DEFINER views, which Liferay's database does not hold.
#[derive(Default)]
pub struct Proprietary;

impl Rule for Proprietary {
    const CODES: &'static [&'static Meta] = &[
        &STORED_ROUTINE,
        &TRIGGER,
        &EVENT,
        &DEFINER_CLAUSE,
        &SECURITY_DEFINER_VIEW,
    ];

    fn statement(&mut self, cx: &mut Context, st: &Stmt<'_>, _: &mut Out) {
        statement(cx, st);
    }
}

/// Scan one statement.
fn statement(cx: &mut Context, st: &Stmt<'_>) {
    let Some(kind) = object_kind(st) else { return };
    let t = &st.t;
    if !t.is_kw(0, "CREATE") {
        return;
    }
    let kw = (1..t.len().min(40)).find(|&i| t.is_kw(i, &kind));
    let name = kw
        .filter(|&i| t.is_ident(i + 1))
        .map(|i| t.name(i + 1))
        .unwrap_or_default();
    let at = kw.map_or(0, |i| t.toks[i].start);
    let (rule, what) = match kind.as_str() {
        "PROCEDURE" => (Some(&STORED_ROUTINE), "procedure"),
        "FUNCTION" => (Some(&STORED_ROUTINE), "function"),
        "TRIGGER" => (Some(&TRIGGER), "trigger"),
        "EVENT" => (Some(&EVENT), "event"),
        _ => (None, ""),
    };
    if let Some(rule) = rule {
        cx.report_at(
            rule,
            &format!("{kind} {name}"),
            st,
            at,
            || format!("{what} {name}"),
            None,
        );
    }
    for i in 0..t.len().min(60) {
        if t.is_kw(i, "DEFINER") && t.is_punct(i + 1, "=") {
            cx.report_at(
                &DEFINER_CLAUSE,
                &format!("{kind} {name}"),
                st,
                t.toks[i].start,
                || format!("{} {name} has a DEFINER= clause", kind.to_ascii_lowercase()),
                Some("mysqldump --skip-definer, or remove the clause"),
            );
        }
        if kind == "VIEW" && t.is_kw(i, "SECURITY") && t.is_kw(i + 1, "DEFINER") {
            cx.report_at(
                &SECURITY_DEFINER_VIEW,
                &format!("view {name}"),
                st,
                t.toks[i].start,
                || format!("view {name} is SQL SECURITY DEFINER"),
                Some("SQL SECURITY INVOKER"),
            );
        }
    }
}
