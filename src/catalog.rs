//! The Liferay table catalog: canonical table names (`User_`, `DLContent`,
//! `OAuth2Application`) and, where known, each column's Liferay template type
//! (`BOOLEAN`, `DATE`, `BLOB`, …).
//!
//! The built-in catalog (`rules/liferay/catalog.txt`) is generated from Liferay's
//! `portal-tables.sql` and its table list by `dumpfix catalog`; users add names with
//! `--table-names FILE` and whole schemas with `--reference FILE` (a schema dump of a
//! fresh Liferay database, whose names and types then win).

use std::collections::HashMap;
use std::fmt;

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_till, take_while1};
use nom::character::complete::{char, digit1, multispace0, multispace1};
use nom::combinator::{map, opt, recognize};
use nom::multi::separated_list1;
use nom::sequence::{delimited, pair, preceded, terminated, tuple};
use nom::IResult;

use crate::sql::coltype::ColType;

/// Liferay's portable column types (`portal-tables.sql`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Template {
    /// 64-bit integer.
    Long,
    /// 32-bit integer.
    Integer,
    /// Double.
    Double,
    /// `decimal(30,16)`.
    BigDecimal,
    /// Boolean: `tinyint` on MySQL, `bool` on PostgreSQL.
    Boolean,
    /// Timestamp without time zone.
    Date,
    /// Text up to 4000 characters (`longtext` / `text`).
    String,
    /// Long text.
    Text,
    /// `varchar(n)`.
    Varchar(u32),
    /// Large binary object: `longblob` / `oid` with the large-object rules.
    Blob,
    /// Small binary: `longblob` / `bytea`.
    Sblob,
}

impl Template {
    fn parse(s: &str) -> Option<Template> {
        let u = s.trim().to_ascii_uppercase();
        Some(match u.as_str() {
            "LONG" => Template::Long,
            "INTEGER" => Template::Integer,
            "DOUBLE" => Template::Double,
            "BIGDECIMAL" => Template::BigDecimal,
            "BOOLEAN" => Template::Boolean,
            "DATE" => Template::Date,
            "STRING" => Template::String,
            "TEXT" => Template::Text,
            "BLOB" => Template::Blob,
            "SBLOB" => Template::Sblob,
            _ => {
                let n = u.strip_prefix("VARCHAR(")?.strip_suffix(')')?;
                Template::Varchar(n.trim().parse().ok()?)
            }
        })
    }

    /// The template type a PostgreSQL or MySQL column type of a Liferay-made
    /// database stands for (used to learn from a reference schema).
    pub fn from_column(t: &ColType) -> Option<Template> {
        Some(match t.base.as_str() {
            "bigint" => Template::Long,
            "integer" | "int" => Template::Integer,
            "double" => Template::Double,
            "numeric" => Template::BigDecimal,
            "boolean" | "tinyint" => Template::Boolean,
            "timestamp" | "datetime" => Template::Date,
            "text" | "longtext" => Template::Text,
            "varchar" => Template::Varchar(t.width()?),
            "oid" => Template::Blob,
            "bytea" => Template::Sblob,
            _ => return None,
        })
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Template::Long => f.write_str("LONG"),
            Template::Integer => f.write_str("INTEGER"),
            Template::Double => f.write_str("DOUBLE"),
            Template::BigDecimal => f.write_str("BIGDECIMAL"),
            Template::Boolean => f.write_str("BOOLEAN"),
            Template::Date => f.write_str("DATE"),
            Template::String => f.write_str("STRING"),
            Template::Text => f.write_str("TEXT"),
            Template::Varchar(n) => write!(f, "VARCHAR({n})"),
            Template::Blob => f.write_str("BLOB"),
            Template::Sblob => f.write_str("SBLOB"),
        }
    }
}

/// One Liferay table.
#[derive(Clone, Debug, Default)]
pub struct CatalogTable {
    /// Canonical name (MySQL spelling).
    pub name: String,
    /// Known columns (lower-case name → template type), in declaration order.
    pub columns: Vec<(String, Template)>,
}

impl CatalogTable {
    /// The template type of column `col` (any case), if known.
    pub fn column(&self, col: &str) -> Option<Template> {
        self.columns
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(col))
            .map(|(_, t)| *t)
    }
}

/// Where a catalog entry came from (later sources override earlier ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with dumpfix.
    Builtin,
    /// `--table-names`.
    Names,
    /// `--reference`.
    Reference,
}

/// Liferay tables by lower-case name.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    tables: HashMap<String, CatalogTable>,
}

/// A table named like a catalog table whose columns are not that table's
/// ([`Catalog::mismatch`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The table's name, as given.
    pub table: String,
    /// The catalog table's name.
    pub liferay_name: String,
    /// How many of the table's columns the catalog table has.
    pub known: usize,
    /// How many columns the table has.
    pub columns: usize,
}

/// The shipped catalog text.
pub const BUILTIN: &str = include_str!("../rules/liferay/catalog.txt");

/// An error in a catalog or template file.
#[derive(Debug, thiserror::Error)]
#[error("{what} line {line}: {message}")]
pub struct CatalogError {
    /// The file.
    pub what: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Catalog {
    /// An empty catalog.
    pub fn new() -> Catalog {
        Catalog::default()
    }

    /// The catalog shipped with dumpfix.
    pub fn builtin() -> Catalog {
        let mut c = Catalog::new();
        // The shipped file is tested to parse (tests in this module).
        let _ = c.add_catalog_text(BUILTIN, "builtin catalog");
        c
    }

    /// Number of tables.
    pub fn len(&self) -> usize {
        self.tables.len()
    }

    /// No tables.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// The table called `name` in any case.
    pub fn get(&self, name: &str) -> Option<&CatalogTable> {
        self.tables.get(&name.to_ascii_lowercase())
    }

    /// Whether a table called like a catalog table, with `columns`, is not that
    /// table: fewer than half of its columns are the catalog's *and* fewer than half
    /// of the catalog's columns are in it (the catalog lists every column of a portal
    /// table but only the typed ones of some module tables). A small table is judged
    /// only when none of its columns is Liferay's; a catalog entry of fewer than four
    /// columns is too thin to judge by, and the table is taken by its name. So a
    /// `country (Code, Name, …)` table is not Liferay's `Country`.
    pub fn mismatch(&self, name: &str, columns: &[String]) -> Option<Mismatch> {
        let cat = self.get(name)?;
        if cat.columns.len() < 4 || columns.is_empty() {
            return None;
        }
        let known = columns.iter().filter(|c| cat.column(c).is_some()).count();
        let present = cat
            .columns
            .iter()
            .filter(|(c, _)| columns.iter().any(|d| d.eq_ignore_ascii_case(c)))
            .count();
        let small = columns.len() < 4;
        if (small && known > 0)
            || (!small && (known * 2 >= columns.len() || present * 2 >= cat.columns.len()))
        {
            return None;
        }
        Some(Mismatch {
            table: name.to_string(),
            liferay_name: cat.name.clone(),
            known,
            columns: columns.len(),
        })
    }

    /// All tables, sorted by canonical name.
    pub fn tables(&self) -> Vec<&CatalogTable> {
        let mut v: Vec<_> = self.tables.values().collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    }

    /// Add or update a table. A name from a later source replaces the spelling; its
    /// columns replace the known ones when given.
    pub fn add(&mut self, name: &str, columns: Vec<(String, Template)>) {
        let e = self.tables.entry(name.to_ascii_lowercase()).or_default();
        e.name = name.to_string();
        for (c, t) in columns {
            let lc = c.to_ascii_lowercase();
            match e
                .columns
                .iter_mut()
                .find(|(x, _)| x.eq_ignore_ascii_case(&lc))
            {
                Some(slot) => slot.1 = t,
                None => e.columns.push((lc, t)),
            }
        }
    }

    /// Add names, one per line (`#` comments and blank lines ignored).
    pub fn add_names(&mut self, text: &str, what: &str) -> Result<usize, CatalogError> {
        let mut n = 0;
        for (i, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            if !l
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
            {
                return Err(CatalogError {
                    what: what.into(),
                    line: i + 1,
                    message: format!("'{l}' is not a table name"),
                });
            }
            self.add(l, Vec::new());
            n += 1;
        }
        Ok(n)
    }

    /// Add the catalog format: one table per line, `Name col:TYPE col:TYPE …`.
    pub fn add_catalog_text(&mut self, text: &str, what: &str) -> Result<usize, CatalogError> {
        let mut n = 0;
        for (i, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let mut parts = l.split_whitespace();
            let Some(name) = parts.next() else { continue };
            let mut cols = Vec::new();
            for p in parts {
                let parsed = p
                    .split_once(':')
                    .and_then(|(c, t)| Some((c.to_string(), Template::parse(t)?)));
                let Some(ct) = parsed else {
                    return Err(CatalogError {
                        what: what.into(),
                        line: i + 1,
                        message: format!("'{p}' is not column:TYPE"),
                    });
                };
                cols.push(ct);
            }
            self.add(name, cols);
            n += 1;
        }
        Ok(n)
    }

    /// Add the tables of a Liferay template schema (`portal-tables.sql`).
    pub fn add_template(&mut self, text: &str, what: &str) -> Result<usize, CatalogError> {
        let mut rest = text;
        let mut n = 0;
        loop {
            let trimmed = skip_ws_comments(rest);
            if trimmed.is_empty() {
                return Ok(n);
            }
            match template_table(trimmed) {
                Ok((r, (name, cols))) => {
                    self.add(name, cols);
                    n += 1;
                    rest = r;
                }
                Err(_) => {
                    let line = text[..text.len() - trimmed.len()].lines().count() + 1;
                    return Err(CatalogError {
                        what: what.into(),
                        line,
                        message: "expected `create table NAME (…);`".into(),
                    });
                }
            }
        }
    }

    /// The catalog in its text format, sorted by name.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for t in self.tables() {
            out.push_str(&t.name);
            for (c, ty) in &t.columns {
                out.push(' ');
                out.push_str(c);
                out.push(':');
                out.push_str(&ty.to_string());
            }
            out.push('\n');
        }
        out
    }
}

fn skip_ws_comments(mut s: &str) -> &str {
    loop {
        s = s.trim_start();
        if s.starts_with("--") || s.starts_with('#') {
            s = s.find('\n').map_or("", |i| &s[i + 1..]);
        } else {
            return s;
        }
    }
}

type Col = (String, Template);

fn ident(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$')(i)
}

fn template_type(i: &str) -> IResult<&str, Template> {
    let (i, t) = alt((
        recognize(tuple((
            tag_no_case("VARCHAR"),
            multispace0,
            char('('),
            digit1,
            char(')'),
        ))),
        ident,
    ))(i)?;
    match Template::parse(&t.replace(' ', "")) {
        Some(t) => Ok((i, t)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// `primary key (a, b)` or `name TYPE [default x] [not null|null] …`
fn element(i: &str) -> IResult<&str, Option<Col>> {
    let pk = map(
        tuple((
            tag_no_case("primary"),
            multispace1,
            tag_no_case("key"),
            multispace0,
            delimited(char('('), take_till(|c| c == ')'), char(')')),
        )),
        |_| None,
    );
    let col = map(
        tuple((
            ident,
            multispace1,
            template_type,
            take_till(|c| c == ',' || c == ')' || c == '\n'),
        )),
        |(n, _, t, _)| Some((n.to_ascii_lowercase(), t)),
    );
    preceded(multispace0, alt((pk, col)))(i)
}

fn template_table(i: &str) -> IResult<&str, (&str, Vec<Col>)> {
    let (i, _) = tuple((
        tag_no_case("create"),
        multispace1,
        tag_no_case("table"),
        multispace1,
    ))(i)?;
    let (i, name) = ident(i)?;
    let (i, _) = pair(multispace0, char('('))(i)?;
    let (i, els) = separated_list1(pair(multispace0, char(',')), element)(i)?;
    let (i, _) = terminated(
        pair(multispace0, char(')')),
        pair(multispace0, opt(tag(";"))),
    )(i)?;
    Ok((i, (name, els.into_iter().flatten().collect())))
}

/// Liferay's BLOB (large-object) columns, which `portal-tables.sql` does not hold.
pub const BLOB_COLUMNS: &[(&str, &str)] = &[
    ("AnalyticsMessage", "body"),
    ("BatchEngineExportTask", "content"),
    ("BatchEngineImportTask", "content"),
    ("CTSContent", "data_"),
    ("DLContent", "data_"),
];

/// Build the catalog from a table list and a template schema (plus the known BLOB
/// columns).
pub fn build(names: &str, template: &str) -> Result<Catalog, CatalogError> {
    let mut c = Catalog::new();
    c.add_names(names, "table list")?;
    c.add_template(template, "template schema")?;
    for (t, col) in BLOB_COLUMNS {
        c.add(t, vec![(col.to_string(), Template::Blob)]);
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_with_a_liferay_name_but_other_columns_is_not_liferays() {
        let c = Catalog::builtin();
        let cols = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // the world database's country table: one column of Liferay's in 15
        let world = cols(&[
            "Code",
            "Name",
            "Continent",
            "Region",
            "SurfaceArea",
            "IndepYear",
            "Population",
            "LifeExpectancy",
            "GNP",
            "GNPOld",
            "LocalName",
            "GovernmentForm",
            "HeadOfState",
            "Capital",
            "Code2",
        ]);
        let m = c.mismatch("country", &world).expect("not Liferay's");
        assert_eq!(
            (
                m.table.as_str(),
                m.liferay_name.as_str(),
                m.known,
                m.columns
            ),
            ("country", "Country", 1, 15)
        );
        // Liferay's own columns, or half of them: Liferay's
        let own = cols(&[
            "countryId",
            "companyId",
            "a2",
            "a3",
            "name",
            "number_",
            "active_",
        ]);
        assert_eq!(c.mismatch("Country", &own), None);
        // a small table is judged only when none of its columns is Liferay's
        assert_eq!(c.mismatch("Country", &cols(&["name", "x"])), None);
        assert!(c.mismatch("Country", &cols(&["x", "y"])).is_some());
        // a name the catalog lacks, or no columns: nothing to judge
        assert_eq!(c.mismatch("nosuchtable", &world), None);
        assert_eq!(c.mismatch("Country", &[]), None);
    }

    #[test]
    fn builtin_catalog_parses_and_knows_liferay_names() {
        let mut c = Catalog::new();
        let n = c.add_catalog_text(BUILTIN, "builtin").expect("parse");
        assert!(n >= 460, "{n} tables");
        for (lower, canon) in [
            ("user_", "User_"),
            ("cpdefinition", "CPDefinition"),
            ("ddmstructure", "DDMStructure"),
            ("oauth2application", "OAuth2Application"),
            ("quartz_locks", "QUARTZ_LOCKS"),
            ("dlcontent", "DLContent"),
        ] {
            assert_eq!(c.get(lower).map(|t| t.name.as_str()), Some(canon));
        }
        let user = c.get("USER_").expect("user_");
        assert_eq!(user.column("agreedToTermsOfUse"), Some(Template::Boolean));
        assert_eq!(
            c.get("dlcontent").and_then(|t| t.column("data_")),
            Some(Template::Blob)
        );
    }

    #[test]
    fn template_parser_reads_columns_and_skips_keys() {
        let mut c = Catalog::new();
        let n = c
            .add_template(
                "create table Foo (\n\tid LONG not null primary key,\n\tok BOOLEAN,\n\tname VARCHAR(75) null,\n\tmodified DATE null,\n\tprimary key (id, ok)\n);\n\ncreate table Bar (x SBLOB);\n",
                "t",
            )
            .expect("parse");
        assert_eq!(n, 2);
        let foo = c.get("foo").expect("foo");
        assert_eq!(
            foo.columns,
            vec![
                ("id".to_string(), Template::Long),
                ("ok".to_string(), Template::Boolean),
                ("name".to_string(), Template::Varchar(75)),
                ("modified".to_string(), Template::Date),
            ]
        );
        let err = c.add_template("create tabel X ();", "bad.sql").unwrap_err();
        assert_eq!(err.line, 1);
    }

    #[test]
    fn names_file_rejects_garbage() {
        let mut c = Catalog::new();
        assert_eq!(c.add_names("# x\nFoo_\n\nBarBaz\n", "n").expect("ok"), 2);
        assert_eq!(c.get("barbaz").map(|t| t.name.as_str()), Some("BarBaz"));
        assert!(c.add_names("a b\n", "n").is_err());
    }

    /// The shipped catalog is what `dumpfix catalog` builds from Liferay's files.
    #[test]
    fn builtin_catalog_matches_the_liferay_sources() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/liferay");
        let (Ok(tables), Ok(names)) = (
            std::fs::File::open(dir.join("portal-tables.sql")),
            std::fs::File::open(dir.join("tables.txt")),
        ) else {
            // under CI the sources must be there: a skip would hide a stale catalog
            let ci = std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
            assert!(
                !ci,
                "../shared/liferay not present (CI=true: a failure, not a skip)"
            );
            eprintln!("skipping: ../shared/liferay not present");
            return;
        };
        let read = |mut f: std::fs::File| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut f, &mut s).expect("read");
            s
        };
        let built = build(&read(names), &read(tables)).expect("build");
        let shipped: String = BUILTIN
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(
            built.to_text() == shipped,
            "rules/liferay/catalog.txt is stale: regenerate with `dumpfix catalog`"
        );
    }
}
