//! Column type declarations: `tinyint(4) unsigned zerofill`, `character varying(75)`,
//! `timestamp(6) with time zone`, `pg_catalog.bool`, `enum('a','b')`.

use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while, take_while1};
use nom::character::complete::{char, multispace0, multispace1};
use nom::combinator::{opt, recognize};
use nom::multi::many0;
use nom::sequence::{delimited, pair, preceded, tuple};
use nom::IResult;

/// A parsed column type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColType {
    /// The base type, lower case and normalised: `tinyint`, `smallint`, `integer`,
    /// `bigint`, `boolean`, `varchar`, `char`, `text`, `longtext`, `timestamp`,
    /// `timestamptz`, `datetime`, `double`, `bytea`, `oid`, `longblob`, …
    pub base: String,
    /// What was inside the parentheses (`4`, `30,16`, `'a','b'`), if any.
    pub args: Option<String>,
    /// `unsigned`.
    pub unsigned: bool,
    /// `[]` array suffix.
    pub array: bool,
}

impl ColType {
    /// The first type argument as a number (`tinyint(1)` → 1, `varchar(75)` → 75).
    pub fn width(&self) -> Option<u32> {
        self.args.as_deref()?.split(',').next()?.trim().parse().ok()
    }

    /// An integer type narrower than `integer` (a likely boolean carrier).
    pub fn is_small_int(&self) -> bool {
        matches!(self.base.as_str(), "tinyint" | "smallint") && !self.array
    }

    /// Any integer type.
    pub fn is_int(&self) -> bool {
        matches!(
            self.base.as_str(),
            "tinyint" | "smallint" | "mediumint" | "integer" | "bigint"
        ) && !self.array
    }
}

fn word(i: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while1(|b: u8| b.is_ascii_alphanumeric() || b == b'_')(i)
}

fn paren_args(i: &[u8]) -> IResult<&[u8], &[u8]> {
    delimited(
        pair(multispace0, char('(')),
        recognize(take_while(|b: u8| b != b')')),
        char(')'),
    )(i)
}

/// `with time zone` / `without time zone`
fn tz(i: &[u8]) -> IResult<&[u8], bool> {
    let (i, w) = preceded(
        multispace1,
        alt((tag_no_case("without"), tag_no_case("with"))),
    )(i)?;
    let (i, _) = tuple((
        multispace1,
        tag_no_case("time"),
        multispace1,
        tag_no_case("zone"),
    ))(i)?;
    Ok((i, w.len() == 4))
}

fn parse(i: &[u8]) -> IResult<&[u8], ColType> {
    let (i, _) = multispace0(i)?;
    // optional schema qualifier: pg_catalog.bool, public."type"
    let (i, _) = opt(pair(word, char('.')))(i)?;
    let (i, _) = opt(char('"'))(i)?;
    let (i, first) = word(i)?;
    let (i, _) = opt(char('"'))(i)?;
    let first = String::from_utf8_lossy(first).to_ascii_lowercase();
    // second word of two-word types
    let (i, second) = match first.as_str() {
        "double" => opt(preceded(multispace1, tag_no_case("precision")))(i)?,
        "character" | "char" | "bit" | "national" => {
            opt(preceded(multispace1, tag_no_case("varying")))(i)?
        }
        _ => (i, None),
    };
    let (i, args) = opt(paren_args)(i)?;
    let (i, with_tz) = opt(tz)(i)?;
    let (i, flags) = many0(preceded(multispace1, word))(i)?;
    let (i, array) = opt(preceded(multispace0, tag_no_case("[]")))(i)?;
    let mut unsigned = false;
    for f in &flags {
        if f.eq_ignore_ascii_case(b"unsigned") {
            unsigned = true;
        }
    }
    let base = match (first.as_str(), second.is_some(), with_tz) {
        ("double", _, _) | ("float8", _, _) => "double".to_string(),
        ("character" | "char", true, _) => "varchar".to_string(),
        ("character", false, _) | ("bpchar", _, _) => "char".to_string(),
        ("bit", true, _) => "varbit".to_string(),
        ("timestamp", _, Some(true)) | ("timestamptz", _, _) => "timestamptz".to_string(),
        ("time", _, Some(true)) | ("timetz", _, _) => "timetz".to_string(),
        ("int" | "int4" | "integer", _, _) => "integer".to_string(),
        ("int2", _, _) => "smallint".to_string(),
        ("int8", _, _) => "bigint".to_string(),
        ("bool" | "boolean", _, _) => "boolean".to_string(),
        ("float4", _, _) => "real".to_string(),
        ("decimal", _, _) => "numeric".to_string(),
        _ => first,
    };
    Ok((
        i,
        ColType {
            base,
            args: args.map(|a| String::from_utf8_lossy(a).trim().to_string()),
            unsigned,
            array: array.is_some(),
        },
    ))
}

/// Parse a type declaration; `None` when it is not one this grammar knows.
pub fn parse_type(text: &[u8]) -> Option<ColType> {
    match parse(text) {
        Ok((rest, t)) if rest.iter().all(|b| b.is_ascii_whitespace()) => Some(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> ColType {
        parse_type(s.as_bytes()).unwrap_or_else(|| panic!("no parse: {s}"))
    }

    #[test]
    fn mysql_types() {
        assert_eq!(p("tinyint(4)").base, "tinyint");
        assert_eq!(p("tinyint(1)").width(), Some(1));
        assert!(p("int(10) unsigned zerofill").unsigned);
        assert_eq!(p("int unsigned").base, "integer");
        assert_eq!(p("decimal(30,16)").args.as_deref(), Some("30,16"));
        assert_eq!(p("enum('a','b')").base, "enum");
        assert_eq!(p("datetime(6)").base, "datetime");
        assert_eq!(p("longblob").base, "longblob");
    }

    #[test]
    fn postgres_types() {
        assert_eq!(p("character varying(75)").base, "varchar");
        assert_eq!(p("character varying").args, None);
        assert_eq!(p("timestamp with time zone").base, "timestamptz");
        assert_eq!(p("timestamp(6) with time zone").base, "timestamptz");
        assert_eq!(p("timestamp without time zone").base, "timestamp");
        assert_eq!(p("double precision").base, "double");
        assert_eq!(p("pg_catalog.bool").base, "boolean");
        assert_eq!(p("numeric(30,16)").base, "numeric");
        assert!(p("text[]").array);
        assert_eq!(p("smallint").base, "smallint");
    }

    #[test]
    fn not_types() {
        assert_eq!(parse_type(b"(select 1)"), None);
        assert_eq!(parse_type(b""), None);
    }
}
