//! Reference schemas: table names and column types learnt from a fresh Liferay
//! database's dump (`--reference`), added to the catalog.

use crate::catalog::{Catalog, Template};
use crate::lex::{Dialect, Kind};
use crate::sql::coltype::parse_type;
use crate::sql::{self, table};

/// Learn table names and column types from a reference schema dump (a fresh Liferay
/// database dumped by mysqldump or pg_dump). MySQL spellings win; PostgreSQL names,
/// folded to lower case, only add tables the catalog does not know.
pub fn learn_reference(catalog: &mut Catalog, source: &crate::io::Source) -> crate::Result<usize> {
    let mut dump = crate::pipeline::open(source, crate::io::OpenOptions { mmap: true }, None)?;
    let dialect = dump.dialect();
    let mut n = 0;
    dump.for_each_piece(&crate::lex::driver::SplitOptions::default(), |p| {
        if p.kind() != Kind::Statement || p.piece.partial || p.piece.continued {
            return Ok(());
        }
        let t = sql::tokenize(p.bytes, dialect, p.piece.backslash);
        let Some(ct) = table::create_table(&t) else {
            return Ok(());
        };
        let Some(&rel) = ct.name.parts.last() else {
            return Ok(());
        };
        let raw = t.name(rel);
        let name = match (dialect, catalog.get(&raw)) {
            (Dialect::Postgres, Some(known)) => known.name.clone(),
            _ => raw,
        };
        let cols = ct
            .columns
            .iter()
            .filter_map(|c| {
                let ty = parse_type(&t.src[c.type_span.0..c.type_span.1])?;
                let mut tmpl = Template::from_column(&ty)?;
                // MySQL cannot tell BLOB from SBLOB: keep what the catalog knows
                if dialect == Dialect::Mysql && ty.base == "longblob" {
                    tmpl = catalog
                        .get(&name)
                        .and_then(|k| k.column(&c.name))
                        .unwrap_or(Template::Sblob);
                }
                Some((c.name.clone(), tmpl))
            })
            .collect();
        catalog.add(&name, cols);
        n += 1;
        Ok(())
    })?;
    dump.close();
    Ok(n)
}
