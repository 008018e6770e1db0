//! C001–C016: what the MySQL → PostgreSQL conversion changes, drops or cannot carry.
//! The converter reports them (`convert`, and `fix`/`check` of a MySQL dump for a
//! PostgreSQL target), at the line of the MySQL dump.

use crate::finding::{Fix, Meta, Severity};

/// C001: a value that cannot be stored, written as NULL.
pub static VALUE_AS_NULL: Meta = Meta {
    code: "C001",
    name: "value-written-as-null",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "a MySQL value its PostgreSQL column cannot hold: written as NULL",
    doc: r#"## What it does
Counts, per table and column, the values of a MySQL dump that do not fit the PostgreSQL
type of their column (a boolean column holding 7, a literal of the wrong form), with
the line of the first.

## Why it matters
The row loads, but the value is gone: it is NULL in PostgreSQL.

## Example
```sql
CREATE TABLE t (flag tinyint(1));
INSERT INTO t VALUES (7);
```

## Use instead
`--cast t.flag=smallint` keeps such a column numeric.

## Fix safety
Not fixable: the value is written as NULL, and reported.
"#,
};

/// C002: a statement written commented out.
pub static NOT_CONVERTED: Meta = Meta {
    code: "C002",
    name: "statement-not-converted",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "a statement (routine, view, trigger, …) that is not converted: written commented out",
    doc: r#"## What it does
Reports each MySQL statement the conversion cannot translate exactly: stored procedures
and functions, events, views and triggers that use MySQL-only functions, statements
larger than the window.

## Why it matters
The object does not exist in PostgreSQL until someone writes it by hand: an error, so
that `fix` exits 1 and a CI gate stops.

## Example
```sql
CREATE PROCEDURE p() BEGIN SELECT 1; END
```

## Use instead
Write the object for PostgreSQL; the original is in the output as a comment.

## Fix safety
Not fixable: written commented out, with its MySQL line.
"#,
};

/// C003: a table renamed.
pub static TABLE_RENAMED: Meta = Meta {
    code: "C003",
    name: "table-renamed",
    severity: Severity::Info,
    fix: Fix::Safe,
    summary: "a table or column name over 63 bytes or clashing: renamed",
    doc: r#"## What it does
Reports tables and columns whose PostgreSQL name differs from the lower-cased MySQL
name: names over 63 bytes (PostgreSQL keeps 63), or two names that would be equal.

## Why it matters
Queries must use the new name.

## Example
Tables `Foo` and `foo` in one MySQL database; a column name of 64 characters.

## Use instead
`--keep-case` keeps the case of names.

## Fix safety
Safe: every reference in the dump uses the new name.
"#,
};

/// C004: an enum as text with a CHECK.
pub static ENUM_AS_CHECK: Meta = Meta {
    code: "C004",
    name: "enum-as-check",
    severity: Severity::Info,
    fix: Fix::Safe,
    summary: "an enum with a member PostgreSQL cannot label: text with a CHECK",
    doc: r#"## What it does
Reports enum columns with a member longer than 63 bytes, PostgreSQL's limit for enum
labels. They become `text` with a CHECK of the members.

## Why it matters
The column's type differs from the other enum columns.

## Example
```sql
CREATE TABLE t (e enum('a', '…64 characters…'));
```

## Use instead
Nothing: the values and the check are the same.

## Fix safety
Safe: values are kept.
"#,
};

/// C005: a FULLTEXT parser.
pub static FULLTEXT_PARSER: Meta = Meta {
    code: "C005",
    name: "fulltext-parser",
    severity: Severity::Info,
    fix: Fix::Unsafe,
    summary: "a FULLTEXT key with a parser: its GIN index uses the 'simple' configuration",
    doc: r#"## What it does
Reports FULLTEXT keys declared `WITH PARSER`: the GIN index that replaces them splits
words with PostgreSQL's 'simple' text search configuration.

## Why it matters
Searches may match other words than with the MySQL parser (ngram, mecab).

## Example
```sql
FULLTEXT KEY ft (body) WITH PARSER ngram
```

## Use instead
A text search configuration for the language, made by hand.

## Fix safety
Unsafe: the index is made; only the word splitting differs.
"#,
};

/// C006: a constraint not converted.
pub static CONSTRAINT_DROPPED: Meta = Meta {
    code: "C006",
    name: "constraint-not-converted",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "a CHECK or other constraint that is not converted",
    doc: r#"## What it does
Reports table constraints other than keys and foreign keys (`CONSTRAINT x CHECK (…)`).

## Why it matters
PostgreSQL accepts rows the MySQL table refused.

## Example
```sql
CONSTRAINT positive CHECK (amount > 0)
```

## Use instead
Add the constraint by hand after the load.

## Fix safety
Not fixable: left out, and reported.
"#,
};

/// C007: an index not converted.
pub static INDEX_DROPPED: Meta = Meta {
    code: "C007",
    name: "index-not-converted",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "an index kind PostgreSQL has no equivalent for (SPATIAL, …): not made",
    doc: r#"## What it does
Reports keys other than PRIMARY, UNIQUE, KEY/INDEX and FULLTEXT, such as SPATIAL keys.

## Why it matters
Queries that used the index are slower.

## Example
```sql
SPATIAL KEY g (location)
```

## Use instead
A GiST index on a PostGIS column, made by hand.

## Fix safety
Not fixable: left out, and reported.
"#,
};

/// C008: a generated column whose values are lost.
pub static GENERATED_LOST: Meta = Meta {
    code: "C008",
    name: "generated-column-lost",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "a generated column that does not translate, whose values the dump lacks: lost",
    doc: r#"## What it does
Reports generated columns (`GENERATED ALWAYS AS (…) VIRTUAL|STORED`) whose expression
has no exact, immutable PostgreSQL translation, when the dump's INSERTs leave the
column out (MySQL's mysqldump does: it writes no values for generated columns). The
column is then NULL in every row. Its NOT NULL is dropped, and a primary key on it is
not made (nor foreign keys to that key), so that the dump still loads. At the line of
the first INSERT without it.

## Why it matters
The values are lost.

## Example
```sql
CREATE TABLE t (d date, y int GENERATED ALWAYS AS (week(d)) VIRTUAL);
```

## Use instead
Compute the column in PostgreSQL after the load (`UPDATE t SET y = …`), or
`ALTER TABLE … ADD COLUMN … GENERATED ALWAYS AS (…) STORED` by hand.

## Fix safety
Not fixable: the column is kept, NULL, and reported.
"#,
};

/// C012: a generated column converted as a plain column holding the dumped values.
pub static GENERATED_AS_PLAIN: Meta = Meta {
    code: "C012",
    name: "generated-column-as-plain",
    severity: Severity::Warning,
    fix: Fix::Unsafe,
    summary: "a generated column that does not translate: a plain column with the dumped values",
    doc: r#"## What it does
Reports generated columns whose expression has no exact, immutable PostgreSQL
translation, when every INSERT of the dump carries their values (mariadb-dump writes
them). The column becomes a plain one holding those values; its NOT NULL and a primary
key on it are made after the data.

## Why it matters
The values are MySQL's, but PostgreSQL will not compute the column for rows written
after the load.

## Example
```sql
CREATE TABLE t (d date, y int GENERATED ALWAYS AS (week(d)) VIRTUAL);
INSERT INTO t VALUES ('2024-03-04',10);
```

## Use instead
A trigger, or the application, computing the column.

## Fix safety
Unsafe: the values are kept; only the computing of new ones is lost.
"#,
};

/// C009: rows loaded before a trigger that MySQL fired for them.
pub static ROWS_BEFORE_TRIGGER: Meta = Meta {
    code: "C009",
    name: "rows-before-trigger",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "rows inserted after a trigger that PostgreSQL only gets at the end",
    doc: r#"## What it does
Reports INSERTs that follow a trigger the dump defines before them, when the trigger is
created at the end of the converted script (it refers to a table defined later).

## Why it matters
MySQL ran the trigger for those rows while loading the dump; PostgreSQL does not.

## Example
A trigger on `a` that writes into `b`, dumped before `b` and before rows of `a`.

## Use instead
Check the rows the trigger would have written.

## Fix safety
Not fixable: reported.
"#,
};

/// C010: rows of a table that is not in the dump.
pub static ROWS_LOST: Meta = Meta {
    code: "C010",
    name: "rows-not-converted",
    severity: Severity::Error,
    fix: Fix::None,
    summary: "rows of a table whose definition is not in the dump, without a column list",
    doc: r#"## What it does
Reports INSERTs into tables whose CREATE TABLE is not in the dump when they name no
columns: their values cannot be typed or placed.

## Why it matters
Those rows are not in the converted script.

## Example
A data-only dump (`mysqldump --no-create-info`).

## Use instead
Dump with the table definitions, or with `--complete-insert`.

## Fix safety
Not fixable: the rows are left out, and reported.
"#,
};

/// C011: a foreign key to a table that is not in the dump.
pub static FOREIGN_KEY_DROPPED: Meta = Meta {
    code: "C011",
    name: "foreign-key-not-made",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "a foreign key to a table that is not in the dump: not made",
    doc: r#"## What it does
Reports foreign keys whose referenced table is not defined in the dump.

## Why it matters
PostgreSQL would refuse the key; without it, the reference is not enforced.

## Example
A dump of some tables of a database (`mysqldump db t1 t2`).

## Use instead
Add the key after loading the other table.

## Fix safety
Not fixable: left out, and reported.
"#,
};

/// C013: tinyint(1) columns as boolean.
pub static TINYINT_AS_BOOLEAN: Meta = Meta {
    code: "C013",
    name: "tinyint1-as-boolean",
    severity: Severity::Info,
    fix: Fix::Safe,
    summary: "tinyint(1) columns become boolean (pgloader's cast), counted once for the dump",
    doc: r#"## What it does
Counts the `tinyint(1)` columns (MySQL's BOOLEAN) that the conversion makes `boolean`,
as pgloader does, with the first at its line. Liferay declares its BOOLEAN columns this
way on MySQL; a custom table may use `tinyint(1)` for a small number.

## Why it matters
A value other than 0, 1 or NULL has no boolean: it is written as NULL and reported
(C001).

## Example
```sql
CREATE TABLE `my_flags` (`enabled` tinyint(1) DEFAULT NULL);
```

## Use instead
`--cast tinyint=smallint` (every such column) or `--cast my_flags.level=smallint`.

## Fix safety
Safe: 0 and 1 become false and true.
"#,
};

/// C014: a table clause with no PostgreSQL equivalent.
pub static CLAUSE_DROPPED: Meta = Meta {
    code: "C014",
    name: "clause-not-converted",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "a table clause PostgreSQL has no equivalent for (PARTITION BY, WITH SYSTEM VERSIONING, a MERGE engine): left out",
    doc: r#"## What it does
Reports table options the conversion leaves out: `PARTITION BY …` (the table becomes one
PostgreSQL table), `WITH SYSTEM VERSIONING` (MariaDB's history: mysqldump writes the
current rows only), `ENGINE=MRG_MyISAM` (a MERGE table: its rows are those of its UNION
tables, which mysqldump dumps on their own; the table is empty in PostgreSQL).

## Why it matters
The rows all arrive, but the partitioning or the history does not.

## Example
```sql
CREATE TABLE `log` (`id` int, `y` int) PARTITION BY RANGE (`y`) (PARTITION p0 VALUES LESS THAN (2000));
```

## Use instead
Declarative partitioning in PostgreSQL (`PARTITION BY RANGE`), made by hand before the
load; a history table with triggers.

## Fix safety
Not fixable: left out, and reported.
"#,
};

/// C015: a column default with no PostgreSQL translation.
pub static DEFAULT_DROPPED: Meta = Meta {
    code: "C015",
    name: "default-not-converted",
    severity: Severity::Warning,
    fix: Fix::None,
    summary: "a column DEFAULT expression that does not convert: the column has none",
    doc: r#"## What it does
Reports column defaults the conversion cannot translate (expressions other than
literals, `CURRENT_TIMESTAMP` and MariaDB's `nextval(sequence)`).

## Why it matters
Rows inserted after the load without the column get NULL (or fail on NOT NULL).

## Example
```sql
CREATE TABLE t (id int, code varchar(10) DEFAULT (uuid()));
```

## Use instead
`ALTER TABLE … ALTER COLUMN … SET DEFAULT …` with the PostgreSQL expression.

## Fix safety
Not fixable: left out, and reported.
"#,
};

/// C016: spatial columns as bytea.
pub static GEOMETRY_AS_BYTES: Meta = Meta {
    code: "C016",
    name: "geometry-as-bytes",
    severity: Severity::Warning,
    fix: Fix::Safe,
    summary: "spatial columns (geometry, point, polygon, …) become bytea holding MySQL's bytes",
    doc: r#"## What it does
Counts the spatial columns of a MySQL dump (`geometry`, `point`, `linestring`,
`polygon`, the `multi…` types, `geometrycollection`), with the first at its line. The
conversion makes them `bytea` holding exactly the bytes MySQL stores: a 4-byte
little-endian SRID followed by the geometry as WKB.

## Why it matters
No value is lost, but PostgreSQL has no spatial type without the PostGIS extension,
which the target may not have: the column holds bytes, not geometries, and spatial
indexes are not made (C007).

## Example
```sql
CREATE TABLE `place` (`id` int, `at` point NOT NULL, SPATIAL KEY (`at`));
```

## Use instead
With PostGIS, after the load:
`ALTER TABLE place ALTER at TYPE geometry USING ST_SetSRID(ST_GeomFromWKB(substring(at from 5)), (get_byte(at, 0) + get_byte(at, 1) * 256 + get_byte(at, 2) * 65536 + get_byte(at, 3) * 16777216));`

## Fix safety
Safe: the bytes are kept exactly; the type changes.
"#,
};
