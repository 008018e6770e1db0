//! Where a statement names tables, and what a `CREATE TABLE` declares.

use super::{Tok, Tokens};

/// A dotted name `a.b.c` as token indices (each a word or quoted identifier).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    /// Token index of each part.
    pub parts: Vec<usize>,
    /// The chain is followed by `(` (a function call or a column list).
    pub call: bool,
}

/// What a chain denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A table (or view, sequence) in a position where only a relation can stand:
    /// the last part is the relation, the one before it its schema.
    Relation,
    /// Anything else: `t.c`, `s.t.c`, `s.f(…)`, `old.c`.
    Other,
}

/// A chain and its role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRef {
    /// The parts.
    pub chain: Chain,
    /// Its role.
    pub role: Role,
}

impl NameRef {
    /// The token of the relation name, when the role says there is one.
    pub fn relation(&self) -> Option<usize> {
        match self.role {
            Role::Relation => self.chain.parts.last().copied(),
            Role::Other => None,
        }
    }

    /// The token of the schema qualifier of a relation.
    pub fn schema(&self) -> Option<usize> {
        let p = &self.chain.parts;
        match self.role {
            Role::Relation if p.len() >= 2 => Some(p[p.len() - 2]),
            _ => None,
        }
    }
}

/// Read a chain starting at token `i`.
pub fn chain_at(t: &Tokens<'_>, i: usize) -> Option<(Chain, usize)> {
    if !t.is_ident(i) {
        return None;
    }
    let mut parts = vec![i];
    let mut j = i + 1;
    while t.is_punct(j, ".") && t.is_ident(j + 1) {
        parts.push(j + 1);
        j += 2;
    }
    let call = t.is_punct(j, "(");
    Some((Chain { parts, call }, j))
}

const MODIFIERS: &[&str] = &[
    "IF",
    "NOT",
    "EXISTS",
    "ONLY",
    "LOW_PRIORITY",
    "HIGH_PRIORITY",
    "DELAYED",
    "IGNORE",
    "QUICK",
];

/// Functions whose arguments use `FROM` (`EXTRACT(DAY FROM d)`).
const FROM_FUNCTIONS: &[&str] = &[
    "EXTRACT",
    "SUBSTRING",
    "TRIM",
    "OVERLAY",
    "POSITION",
    "SUBSTR",
];

/// Words before `INTO` in `INSERT INTO` / `REPLACE INTO` (not `SELECT … INTO var`).
const INSERT_WORDS: &[&str] = &[
    "INSERT",
    "REPLACE",
    "IGNORE",
    "LOW_PRIORITY",
    "DELAYED",
    "HIGH_PRIORITY",
    "MERGE",
];

/// Words after which a relation name may follow in a list (`FROM a, b`,
/// `LOCK TABLES a WRITE, b READ`, `DROP TABLE a, b`).
const LIST_WORDS: &[&str] = &["FROM", "TABLES", "TABLE", "TRUNCATE"];

/// Words that end an alias / lock-mode run in a name list.
const NOT_ALIAS: &[&str] = &[
    "WHERE",
    "JOIN",
    "LEFT",
    "RIGHT",
    "INNER",
    "OUTER",
    "CROSS",
    "FULL",
    "NATURAL",
    "ON",
    "USING",
    "GROUP",
    "ORDER",
    "HAVING",
    "LIMIT",
    "UNION",
    "WINDOW",
    "SET",
    "VALUES",
    "SELECT",
    "CASCADE",
    "RESTRICT",
    "WITH",
    "FOR",
    "INTO",
    "STRAIGHT_JOIN",
    "LATERAL",
    "OFFSET",
    "RETURNING",
    "EXCEPT",
    "INTERSECT",
    "FETCH",
    "PARTITION",
    "DO",
    "AS",
    "TO",
];

/// `i` is the last word of a statement's leading `INSERT`/`REPLACE` words and no
/// `INTO` follows: MySQL's `INSERT t VALUES …`, `INSERT IGNORE t …`, `REPLACE t …`
/// (the table comes next).
fn insert_without_into(t: &Tokens<'_>, i: usize) -> bool {
    if t.is_empty() || !(t.is_kw(0, "INSERT") || t.is_kw(0, "REPLACE")) {
        return false;
    }
    let lead = (0..=i).all(|k| is_any_kw(t, k, INSERT_WORDS) && (k == 0 || !t.is_kw(k, "REPLACE")));
    lead && t.is_ident(i + 1) && !is_any_kw(t, i + 1, INSERT_WORDS) && !t.is_kw(i + 1, "INTO")
}

fn is_any_kw(t: &Tokens<'_>, i: usize, kws: &[&str]) -> bool {
    kws.iter().any(|k| t.is_kw(i, k))
}

/// Every dotted name in the statement, with its role.
pub fn name_refs(t: &Tokens<'_>) -> Vec<NameRef> {
    let lead = t.leading_words(8);
    let has = |w: &str| lead.iter().any(|x| x == w);
    let create_like = lead.first().is_some_and(|w| w == "CREATE");
    let on_is_table = create_like && (has("INDEX") || has("TRIGGER"));
    let to_is_table = create_like && has("RULE");
    let rename_stmt = lead.first().is_some_and(|w| w == "RENAME");
    let mut on_used = false;
    let mut to_used = false;
    let mut out = Vec::new();
    let mut claimed = vec![false; t.len()];
    let n = t.len();
    // the word before each open parenthesis: `EXTRACT(… FROM …)` is no table
    let mut parens: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < n {
        let tk = t.toks[i];
        if t.is_punct(i, "(") {
            parens.push(i > 0 && is_any_kw(t, i - 1, FROM_FUNCTIONS));
        } else if t.is_punct(i, ")") {
            parens.pop();
        }
        if tk.kind != Tok::Word {
            i += 1;
            continue;
        }
        if t.is_kw(i, "FROM")
            && (parens.last() == Some(&true) || (i > 0 && t.is_kw(i - 1, "DISTINCT")))
        {
            i += 1;
            continue;
        }
        let w = t.text(i);
        let kw = |k: &str| w.eq_ignore_ascii_case(k.as_bytes());
        let insert_head = insert_without_into(t, i);
        let table_kw = kw("TABLE")
            || (kw("INTO") && i > 0 && is_any_kw(t, i - 1, INSERT_WORDS))
            || insert_head
            || kw("FROM")
            || kw("JOIN")
            || kw("UPDATE")
            || kw("REFERENCES")
            || kw("TABLES")
            || kw("COPY") && i == 0
            || kw("TRUNCATE")
            || (kw("ON") && on_is_table && !on_used)
            || (kw("TO") && ((to_is_table && !to_used) || rename_stmt || prev_is(t, i, "RENAME")))
            || (kw("RENAME") && i > 0 && t.is_kw(i - 1, "TO"));
        if !table_kw {
            i += 1;
            continue;
        }
        if kw("ON") {
            on_used = true;
        }
        if kw("TO") {
            to_used = true;
        }
        let list = LIST_WORDS.iter().any(|k| kw(k)) || rename_stmt;
        let mut j = i + 1;
        while is_any_kw(t, j, MODIFIERS) {
            j += 1;
        }
        // `FROM ((a JOIN b) …)`: parentheses around a join list
        if kw("FROM") || kw("JOIN") {
            while t.is_punct(j, "(") {
                j += 1;
            }
        }
        while let Some((chain, next)) = chain_at(t, j) {
            // `FROM func(…)` is a function, not a table; `UPDATE CASCADE` a keyword.
            // `CREATE INDEX i ON t (c)`: the table of an index, not a call.
            if chain.call
                && !(kw("TABLE")
                    || kw("REFERENCES")
                    || kw("INTO")
                    || kw("COPY")
                    || kw("ON")
                    || insert_head)
            {
                break;
            }
            if chain.parts.len() == 1 && t.toks[j].kind == Tok::Word && is_reserved(t.text(j)) {
                break;
            }
            for &p in &chain.parts {
                claimed[p] = true;
            }
            out.push(NameRef {
                chain,
                role: Role::Relation,
            });
            j = next;
            if !list {
                break;
            }
            // skip an alias, `AS alias`, lock modes `READ LOCAL`, `WRITE`
            let mut k = j;
            while k < n
                && (t.toks[k].kind == Tok::Word || t.toks[k].kind == Tok::QIdent)
                && !is_any_kw(t, k, NOT_ALIAS)
                && k - j < 3
            {
                k += 1;
            }
            if t.is_kw(k, "AS") && t.is_ident(k + 1) {
                k += 2;
            }
            if t.is_punct(k, ",") || (rename_stmt && t.is_kw(k, "TO")) {
                j = k + 1;
                continue;
            }
            break;
        }
        i = j.max(i + 1);
    }
    // Every other dotted name.
    let mut i = 0;
    while i < n {
        if claimed[i] || !t.is_ident(i) || (i > 0 && t.is_punct(i - 1, ".")) {
            i += 1;
            continue;
        }
        match chain_at(t, i) {
            Some((chain, next)) if chain.parts.len() >= 2 => {
                if chain.parts.iter().all(|&p| !claimed[p]) {
                    out.push(NameRef {
                        chain,
                        role: Role::Other,
                    });
                }
                i = next;
            }
            _ => i += 1,
        }
    }
    out
}

fn prev_is(t: &Tokens<'_>, i: usize, kw: &str) -> bool {
    i > 0 && t.is_kw(i - 1, kw)
}

/// Words that can follow a table keyword without being a name.
fn is_reserved(w: &[u8]) -> bool {
    const R: &[&str] = &[
        "SELECT",
        "CURRENT_TIMESTAMP",
        "CASCADE",
        "RESTRICT",
        "SET",
        "NO",
        "ACTION",
        "NULL",
        "DEFAULT",
        "STDIN",
        "STDOUT",
        "LOCAL",
        "DUAL",
        "LATERAL",
        "UNNEST",
        "OF",
    ];
    R.iter().any(|k| w.eq_ignore_ascii_case(k.as_bytes()))
}

/// One column of a `CREATE TABLE` (or `ALTER TABLE … ADD/ALTER COLUMN … TYPE`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnDef {
    /// Token of the column name.
    pub name_tok: usize,
    /// The name as the server sees it (PostgreSQL folds unquoted names).
    pub name: String,
    /// Byte range of the type declaration.
    pub type_span: (usize, usize),
    /// Byte range of the `DEFAULT` expression, if any.
    pub default_span: Option<(usize, usize)>,
}

/// What a `CREATE TABLE … (…)` declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateTable {
    /// Index into [`name_refs`]' result is not kept: the table's chain itself.
    pub name: Chain,
    /// Its columns in order.
    pub columns: Vec<ColumnDef>,
}

/// Words that start a table element that is not a column.
const CONSTRAINT_START: &[&str] = &[
    "PRIMARY",
    "KEY",
    "INDEX",
    "UNIQUE",
    "CONSTRAINT",
    "FOREIGN",
    "FULLTEXT",
    "SPATIAL",
    "CHECK",
    "EXCLUDE",
    "LIKE",
    "PERIOD",
];

/// Words that end a column's type.
const TYPE_END: &[&str] = &[
    "NOT",
    "NULL",
    "DEFAULT",
    "PRIMARY",
    "UNIQUE",
    "REFERENCES",
    "CHECK",
    "COLLATE",
    "AUTO_INCREMENT",
    "COMMENT",
    "GENERATED",
    "ON",
    "CONSTRAINT",
    "KEY",
    "AS",
    "USING",
    "STORAGE",
    "COMPRESSION",
    // MariaDB's compressed columns: `blob /*M!100301 COMPRESSED*/`
    "COMPRESSED",
    "INVISIBLE",
    "VISIBLE",
    "COLUMN_FORMAT",
    "SERIAL",
    "IDENTITY",
];

/// Parse `CREATE [..] TABLE [IF NOT EXISTS] name (elements)`.
pub fn create_table(t: &Tokens<'_>) -> Option<CreateTable> {
    if !t.is_kw(0, "CREATE") {
        return None;
    }
    let mut i = 1;
    while i < t.len() && !t.is_kw(i, "TABLE") {
        if !t.is_kw(i, "TEMPORARY")
            && !t.is_kw(i, "TEMP")
            && !t.is_kw(i, "UNLOGGED")
            && !t.is_kw(i, "GLOBAL")
            && !t.is_kw(i, "LOCAL")
            && !t.is_kw(i, "OR")
            && !t.is_kw(i, "REPLACE")
        {
            return None;
        }
        i += 1;
    }
    let (name, elements) = table_elements(t, i + 1)?;
    let columns = elements
        .into_iter()
        .filter_map(|(el, end)| column_def(t, el, end))
        .collect();
    Some(CreateTable { name, columns })
}

/// From token `i` (after `TABLE`) of a `CREATE TABLE`: `[IF NOT EXISTS] name (…)`,
/// the name and the token ranges `[start, end)` of each element.
fn table_elements(t: &Tokens<'_>, mut i: usize) -> Option<(Chain, Vec<(usize, usize)>)> {
    while is_any_kw(t, i, &["IF", "NOT", "EXISTS"]) {
        i += 1;
    }
    let (name, next) = chain_at(t, i)?;
    if !t.is_punct(next, "(") {
        return None;
    }
    let close = t.matching_paren(next)?;
    let mut out = Vec::new();
    let mut el = next + 1;
    while el < close {
        let end = element_end(t, el, close);
        out.push((el, end));
        el = end + 1;
    }
    Some((name, out))
}

/// The table name and the token ranges `[start, end)` of each element (column or
/// constraint) of `CREATE TABLE name (…)`.
pub fn create_table_elements(t: &Tokens<'_>) -> Option<(Chain, Vec<(usize, usize)>)> {
    if !t.is_kw(0, "CREATE") {
        return None;
    }
    let mut i = 1;
    while i < t.len() && !t.is_kw(i, "TABLE") {
        i += 1;
    }
    table_elements(t, i + 1)
}

/// The index of the `,` or `)` that ends the element starting at `start`.
fn element_end(t: &Tokens<'_>, start: usize, close: usize) -> usize {
    let mut depth = 0usize;
    let mut j = start;
    while j < close {
        if t.is_punct(j, "(") {
            depth += 1;
        } else if t.is_punct(j, ")") {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && t.is_punct(j, ",") {
            return j;
        }
        j += 1;
    }
    close
}

/// The table an `INSERT`/`REPLACE`/`COPY` head fills (its name token), and the
/// tokens of its column list when the head gives one.
pub fn insert_target(t: &Tokens<'_>) -> Option<(usize, Option<Vec<usize>>)> {
    let refs = name_refs(t);
    let first = refs.iter().find(|r| r.role == Role::Relation)?;
    let rel = first.relation()?;
    let after = *first.chain.parts.last()? + 1;
    if !t.is_punct(after, "(") {
        return Some((rel, None));
    }
    let close = t.matching_paren(after)?;
    let cols = (after + 1..close).filter(|&i| t.is_ident(i)).collect();
    Some((rel, Some(cols)))
}

/// A column definition in tokens `[start, end)`, or None for a constraint.
pub fn column_def(t: &Tokens<'_>, start: usize, end: usize) -> Option<ColumnDef> {
    if start >= end || !t.is_ident(start) {
        return None;
    }
    if t.toks[start].kind == Tok::Word && is_any_kw(t, start, CONSTRAINT_START) {
        return None;
    }
    let ty_first = start + 1;
    let mut j = ty_first;
    let mut depth = 0usize;
    while j < end {
        if t.is_punct(j, "(") {
            depth += 1;
        } else if t.is_punct(j, ")") {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            if t.toks[j].kind == Tok::Word && is_any_kw(t, j, TYPE_END) {
                break;
            }
            // MySQL `CHARACTER SET x` / `CHARSET x` after the type
            if (t.is_kw(j, "CHARACTER") && t.is_kw(j + 1, "SET")) || t.is_kw(j, "CHARSET") {
                break;
            }
        }
        j += 1;
    }
    if j == ty_first {
        return None;
    }
    let type_span = (t.toks[ty_first].start, t.toks[j - 1].end);
    let mut default_span = None;
    let mut k = j;
    while k < end {
        if t.is_kw(k, "DEFAULT") {
            let first = k + 1;
            let mut m = first;
            let mut depth = 0usize;
            while m < end {
                if t.is_punct(m, "(") {
                    depth += 1;
                } else if t.is_punct(m, ")") {
                    depth = depth.saturating_sub(1);
                } else if depth == 0
                    && t.toks[m].kind == Tok::Word
                    && is_any_kw(t, m, TYPE_END)
                    && (!t.is_kw(m, "NULL") || m > first)
                {
                    break;
                }
                m += 1;
            }
            if m > first {
                default_span = Some((t.toks[first].start, t.toks[m - 1].end));
            }
            break;
        }
        k += 1;
    }
    Some(ColumnDef {
        name_tok: start,
        name: t.name(start),
        type_span,
        default_span,
    })
}

/// A column change in an `ALTER TABLE`: `ADD [COLUMN] c type …` or
/// `ALTER [COLUMN] c [SET DATA] TYPE type …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlterColumn {
    /// Column name.
    pub name: String,
    /// Byte range of the new type.
    pub type_span: (usize, usize),
    /// `ADD` (a new column) rather than a type change.
    pub add: bool,
}

/// Parse `ALTER TABLE [IF EXISTS] [ONLY] name action[, action…]` for column types.
pub fn alter_table(t: &Tokens<'_>) -> Option<(Chain, Vec<AlterColumn>)> {
    if !t.is_kw(0, "ALTER") || !t.is_kw(1, "TABLE") {
        return None;
    }
    let mut i = 2;
    while is_any_kw(t, i, &["IF", "EXISTS", "ONLY"]) {
        i += 1;
    }
    let (name, next) = chain_at(t, i)?;
    let n = t.len();
    let mut out = Vec::new();
    let mut a = next;
    while a < n {
        let end = {
            let mut depth = 0usize;
            let mut j = a;
            while j < n {
                if t.is_punct(j, "(") {
                    depth += 1;
                } else if t.is_punct(j, ")") {
                    depth = depth.saturating_sub(1);
                } else if depth == 0 && (t.is_punct(j, ",") || t.is_punct(j, ";")) {
                    break;
                }
                j += 1;
            }
            j
        };
        if t.is_kw(a, "ADD") {
            let mut c = a + 1;
            if t.is_kw(c, "COLUMN") {
                c += 1;
            }
            while is_any_kw(t, c, &["IF", "NOT", "EXISTS"]) {
                c += 1;
            }
            if let Some(cd) = column_def(t, c, end) {
                out.push(AlterColumn {
                    name: cd.name,
                    type_span: cd.type_span,
                    add: true,
                });
            }
        } else if t.is_kw(a, "ALTER") || t.is_kw(a, "MODIFY") || t.is_kw(a, "CHANGE") {
            let mut c = a + 1;
            if t.is_kw(c, "COLUMN") {
                c += 1;
            }
            if t.is_ident(c) {
                let name = t.name(c);
                let mut ty = c + 1;
                if t.is_kw(a, "CHANGE") {
                    ty += 1; // CHANGE old new type
                }
                if t.is_kw(ty, "SET") && t.is_kw(ty + 1, "DATA") {
                    ty += 2;
                }
                if t.is_kw(ty, "TYPE") {
                    ty += 1;
                }
                let is_type_change = t.is_kw(a, "MODIFY")
                    || t.is_kw(a, "CHANGE")
                    || (ty > 0 && t.is_kw(ty - 1, "TYPE"));
                if is_type_change {
                    if let Some(cd) = column_def(t, ty - 1, end) {
                        out.push(AlterColumn {
                            name,
                            type_span: cd.type_span,
                            add: false,
                        });
                    }
                }
            }
        }
        a = end + 1;
    }
    Some((name, out))
}
