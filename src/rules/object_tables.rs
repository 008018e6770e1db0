//! L003 `object-table`: Liferay Objects tables carry the company id in their names.

use crate::finding::{Fix, Meta, Severity};
use crate::rules::context::Context;
use crate::rules::rule::Rule;

/// L003: a per-company Liferay Objects table.
pub static OBJECT_TABLE: Meta = Meta {
    code: "L003",
    name: "object-table",
    severity: Severity::Info,
    fix: Fix::Unsafe,
    summary: "per-company Liferay Objects table (renamed with --company-id OLD=NEW)",
    doc: r#"## What it does
Lists Liferay Objects tables, whose names hold a company id: `O_<id>_…` (custom
objects), `L_<id>_…` (modifiable system objects), `…_x_<id>` (extensions of built-in
tables such as `User_x_20097`), and `R_…` (many-to-many).

## Why it matters
When the database moves to a new company id, Liferay looks for the tables under the
new id; the Liferay Cloud documentation tells users to adjust all of them.

## Example
```sql
CREATE TABLE `O_20097_Ticket` (…);
```

## Use instead
`dumpfix fix --company-id 20097=35001` renames them and every reference:
```sql
CREATE TABLE `O_35001_Ticket` (…);
```

## Fix safety
Unsafe unless the new id is right: only names that match the patterns with the old id are
changed; data (the companyId column values) is not.
"#,
};

/// `O_<digits>_…`, `L_<digits>_…`, `…_x_<digits>`, `R_…` in any case.
pub fn is_object_table(name: &str) -> bool {
    company_of(name).is_some() || name.len() > 2 && name.as_bytes()[..2].eq_ignore_ascii_case(b"R_")
}

/// The company id in an object table name, with its byte range.
fn company_of(name: &str) -> Option<(usize, usize)> {
    let b = name.as_bytes();
    if b.len() > 3 && matches!(b[0], b'O' | b'o' | b'L' | b'l') && b[1] == b'_' {
        let end = 2 + b[2..].iter().take_while(|c| c.is_ascii_digit()).count();
        if end > 2 && b.get(end) == Some(&b'_') && end + 1 < b.len() {
            return Some((2, end));
        }
    }
    let digits = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let start = b.len() - digits;
    if digits > 0 && start >= 4 && b[start - 3..start].eq_ignore_ascii_case(b"_x_") {
        return Some((start, b.len()));
    }
    None
}

/// `name` with company id `old` replaced by `new`, when it holds `old` where object
/// tables hold it (`O_<id>_…`, `L_<id>_…`, `…_x_<id>`; also their constraints'
/// and indexes' names, such as `O_20097_Thing_pkey`).
pub fn with_company_id(name: &str, old: &str, new: &str) -> Option<String> {
    match company_of(name) {
        Some((s, e)) if &name[s..e] == old => Some(format!("{}{}{}", &name[..s], new, &name[e..])),
        _ => None,
    }
}

/// L003, a rule of its own (no state).
#[derive(Default)]
pub struct ObjectTables;

impl Rule for ObjectTables {
    const CODES: &'static [&'static Meta] = &[&OBJECT_TABLE];

    fn rename(
        &mut self,
        cx: &mut Context,
        name: &str,
        _quoted: bool,
        at: (u64, u64),
        report: bool,
    ) -> Option<String> {
        rename(cx, name, at, report)
    }
}

/// The name with the company id replaced (`--company-id OLD=NEW`), when it changes.
fn rename(cx: &mut Context, name: &str, at: (u64, u64), report: bool) -> Option<String> {
    if !cx.renames(&OBJECT_TABLE) || !is_object_table(name) {
        return None;
    }
    let renamed = cx
        .company
        .as_ref()
        .and_then(|(old, new)| with_company_id(name, old, new));
    // with --company-id, tables already under the new id are done
    let done = matches!((&cx.company, company_of(name)), (Some((_, new)), Some((s, e))) if &name[s..e] == new);
    if report && !done {
        let msg = match &renamed {
            Some(n) => format!("object table {name} → {n}"),
            None => format!("object table {name} (company id in the name; see --company-id)"),
        };
        cx.report(&OBJECT_TABLE, name, at.0, at.1, || msg);
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert_eq!(company_of("O_20097_Ticket"), Some((2, 7)));
        assert_eq!(company_of("l_20097_x"), Some((2, 7)));
        assert_eq!(company_of("User_x_20097"), Some((7, 12)));
        assert_eq!(company_of("O_Ticket"), None);
        assert_eq!(company_of("Layout"), None);
        assert!(is_object_table("R_abc"));
        assert!(!is_object_table("Region"));
    }
}
