//! V001 `nul-in-text`, V002 `zero-date`, V003 `invalid-utf8`: MySQL values that
//! PostgreSQL refuses. The conversion reports them (a MySQL dump for a PostgreSQL
//! target is always converted), per table and column with the first line seen. And the
//! tuple splitter the conversion reads MySQL rows with.

use crate::finding::{Fix, Meta, Severity};

/// V001: NUL bytes in text.
pub static NUL_IN_TEXT: Meta = Meta {
    code: "V001",
    name: "nul-in-text",
    severity: Severity::Warning,
    fix: Fix::Unsafe,
    summary: "NUL byte in a text value (PostgreSQL text cannot hold it)",
    doc: r#"## What it does
On the PostgreSQL target, counts text values of a MySQL dump holding a NUL byte (`\0`).

## Why it matters
PostgreSQL's `text` and `varchar` cannot store 0x00: the row fails to load.

## Example
```sql
INSERT INTO `Note` VALUES (1,'abc\0def');
```

## Use instead
Remove the NUL bytes at the source, or store the column as `bytea`.

## Fix safety
Unsafe: the conversion removes the NUL bytes (the rest of the text is kept), and reports each
table and column with the first line and the count of values changed.
"#,
};

/// V002: zero dates.
pub static ZERO_DATE: Meta = Meta {
    code: "V002",
    name: "zero-date",
    severity: Severity::Warning,
    fix: Fix::Unsafe,
    summary: "MySQL zero date (0000-00-00) that PostgreSQL cannot store",
    doc: r#"## What it does
On the PostgreSQL target, counts `0000-00-00` dates and dates with a zero month or day in
date, datetime and timestamp columns.

## Why it matters
They are out of range for PostgreSQL: the row fails to load.

## Example
```sql
INSERT INTO `User_` VALUES (1,'0000-00-00 00:00:00');
```

## Use instead
NULL, or `-infinity` where the column cannot be NULL.

## Fix safety
Unsafe: the conversion writes NULL, as pgloader does (a column whose default is a zero date
loses its NOT NULL). In a column that stays NOT NULL (a key, a column without a zero
default) NULL would fail the row: there it writes `-infinity`, which PostgreSQL's date
and timestamp types hold and which sorts before every other date, as the zero date
does in MySQL. Each table and column is reported with the first line, the count of
values changed and what they became.
"#,
};

/// V003: invalid UTF-8 in text.
pub static INVALID_UTF8: Meta = Meta {
    code: "V003",
    name: "invalid-utf8",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "text value that is not valid UTF-8",
    doc: r#"## What it does
On the PostgreSQL target, counts text values of a MySQL dump whose bytes are not valid
UTF-8 (latin1 data in a utf8 column, truncated multi-byte characters).

## Why it matters
A UTF-8 PostgreSQL database refuses them: "invalid byte sequence for encoding UTF8".

## Example
A `varchar` holding the latin1 byte 0xE9 for "é".

## Use instead
Convert the column's data to UTF-8 at the source.

## Fix safety
Not fixed.
"#,
};
