//! The tables seen in the dump: each table's columns as the rules left them (name,
//! declared type, and how its values are rewritten), kept compact because a dump may
//! create a million tables.

use crate::sql::coltype::ColType;

/// A value rewrite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueRewrite {
    /// Integer `0`/`1` → boolean (`false`/`true` in INSERT, `f`/`t` in COPY).
    Bool,
    /// `timestamp with time zone` text → the UTC wall-clock time, no offset.
    TzToUtc,
}

/// A column of the table being created, while the rules look at it.
#[derive(Clone, Debug)]
pub struct DumpColumn {
    /// Name as the server sees it.
    pub name: String,
    /// Declared type (after this run's edits).
    pub ty: Option<ColType>,
    /// Rewrite applied to its values.
    pub rewrite: Option<ValueRewrite>,
}

/// What the end of the dump needs of a column's type (large objects): `oid`,
/// `bytea`, or something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseKind {
    /// `oid`.
    Oid,
    /// `bytea`.
    Bytea,
    /// Any other type, or none parsed.
    Other,
}

impl BaseKind {
    fn of(ty: Option<&ColType>) -> Self {
        match ty.map(|t| t.base.as_str()) {
            Some("oid") => Self::Oid,
            Some("bytea") => Self::Bytea,
            _ => Self::Other,
        }
    }
}

/// A stored column: where its name ends in [`DumpTable`]'s name text, its type's
/// kind and the rewrite of its values (8 bytes).
#[derive(Clone, Copy, Debug)]
struct ColMeta {
    end: u32,
    base: BaseKind,
    rewrite: Option<ValueRewrite>,
}

/// A column of a [`DumpTable`].
#[derive(Clone, Copy, Debug)]
pub struct ColumnRef<'a> {
    /// Name as the server sees it.
    pub name: &'a str,
    /// Its type's kind (after this run's edits).
    pub base: BaseKind,
    /// Rewrite applied to its values.
    pub rewrite: Option<ValueRewrite>,
}

/// A table seen in the dump, kept to the end of the dump (one per table, so kept
/// small: the column names in one string, 8 bytes more a column; the table's name is
/// its key in [`Context::tables`]).
#[derive(Clone, Debug)]
pub struct DumpTable {
    /// Column names, one after the other.
    names: Box<str>,
    /// Columns in declaration order.
    cols: Box<[ColMeta]>,
    /// Line of its CREATE TABLE.
    pub line: u64,
    /// Offset of its CREATE TABLE.
    pub offset: u64,
}

impl DumpTable {
    /// A table of `columns`, created at `line` and `offset`. Columns past 4 GiB of
    /// names are not kept.
    pub fn new(columns: &[DumpColumn], line: u64, offset: u64) -> Self {
        let mut names = String::with_capacity(columns.iter().map(|c| c.name.len()).sum());
        let mut cols = Vec::with_capacity(columns.len());
        for c in columns {
            names.push_str(&c.name);
            let Ok(end) = u32::try_from(names.len()) else {
                names.truncate(names.len() - c.name.len());
                break;
            };
            cols.push(ColMeta {
                end,
                base: BaseKind::of(c.ty.as_ref()),
                rewrite: c.rewrite,
            });
        }
        DumpTable {
            names: names.into_boxed_str(),
            cols: cols.into_boxed_slice(),
            line,
            offset,
        }
    }

    /// Its columns in declaration order.
    pub fn columns(&self) -> impl Iterator<Item = ColumnRef<'_>> + '_ {
        let mut start = 0usize;
        self.cols.iter().map(move |m| {
            let end = m.end as usize;
            let name = self.names.get(start..end).unwrap_or("");
            start = end;
            ColumnRef {
                name,
                base: m.base,
                rewrite: m.rewrite,
            }
        })
    }

    /// Whether the values of some column are rewritten.
    pub fn any_xf(&self) -> bool {
        self.cols.iter().any(|c| c.rewrite.is_some())
    }

    /// `ALTER TABLE … MODIFY/ALTER/ADD COLUMN name type`: the column's new type, or a
    /// new column when `add`.
    pub fn alter_column(&mut self, name: &str, ty: Option<&ColType>, add: bool) {
        let base = BaseKind::of(ty);
        let found = self
            .columns()
            .position(|c| c.name.eq_ignore_ascii_case(name));
        if let Some(i) = found {
            if let Some(m) = self.cols.get_mut(i) {
                m.base = base;
            }
            return;
        }
        if !add {
            return;
        }
        let mut names = String::from(std::mem::take(&mut self.names));
        names.push_str(name);
        let Ok(end) = u32::try_from(names.len()) else {
            names.truncate(names.len() - name.len());
            self.names = names.into_boxed_str();
            return;
        };
        let mut cols = Vec::from(std::mem::take(&mut self.cols));
        cols.push(ColMeta {
            end,
            base,
            rewrite: None,
        });
        self.names = names.into_boxed_str();
        self.cols = cols.into_boxed_slice();
    }
}
