//! DDL: `CREATE TABLE` (columns and their types, defaults, enums, identities,
//! generated columns; keys, indexes, foreign keys and constraints; table options),
//! MariaDB's sequences, and the generated columns settled at the end of the dump.

use std::collections::HashSet;

use super::charset::{charset_in, is_utf8};
use super::ident::{quote_ident, truncate_ident, unique_in, Taken};
use super::translate::{column_ty, generation as generation_expr, ColRef, Ty};
use super::types::{
    cast, default_value, enum_labels, enum_members, enum_values, fit_to, is_geometry,
    kind_of_pg_type, pg_literal, sql_string, Cast,
};
use super::values::ValueKind;
use super::{Column, Converter, ForeignKey, PlainGen, Post, Table, C};
use crate::lex::driver::PieceRef;
use crate::lex::Dialect;
use crate::sql::coltype::{parse_type, ColType};
use crate::sql::table;
use crate::sql::{self, Tok, Tokens};

/// Words that start a non-column element of `CREATE TABLE`.
fn element_kind(t: &Tokens<'_>, i: usize) -> Option<&'static str> {
    if t.toks[i].kind != Tok::Word {
        return None;
    }
    [
        "PRIMARY",
        "UNIQUE",
        "KEY",
        "INDEX",
        "FULLTEXT",
        "SPATIAL",
        "CONSTRAINT",
        "FOREIGN",
        "CHECK",
    ]
    .into_iter()
    .find(|k| t.is_kw(i, k))
}

/// The column names (as in MySQL) in the parenthesis opened at `open` (prefix
/// lengths dropped).
fn column_list(t: &Tokens<'_>, open: usize) -> Option<(Vec<String>, usize)> {
    let close = t.matching_paren(open)?;
    let mut cols = Vec::new();
    let mut depth = 0;
    for i in open + 1..close {
        if t.is_punct(i, "(") {
            depth += 1;
        } else if t.is_punct(i, ")") {
            depth -= 1;
        } else if depth == 0 && t.is_ident(i) && !t.is_kw(i, "ASC") && !t.is_kw(i, "DESC") {
            cols.push(t.name(i));
        }
    }
    Some((cols, close))
}

/// A generated column of the table being converted, translated once every column is
/// known.
struct Gen {
    /// Index in the table's columns and in the column definitions.
    column: usize,
    def: usize,
    /// Where its definition takes the GENERATED clause.
    at: usize,
    /// The expression's tokens.
    from: usize,
    to: usize,
    /// The MySQL column name.
    name: String,
    /// Its MySQL type (`None` when `--cast` chose the PostgreSQL one).
    mysql_type: Option<ColType>,
}

/// A `CREATE TABLE` being converted: what its elements add, element by element.
struct NewTable {
    /// The MySQL name, and the PostgreSQL one unquoted and as written in SQL.
    raw: String,
    tbare: String,
    tname: String,
    /// Line of the CREATE TABLE.
    line: u64,
    /// Statements written before the table: the `ALTER TYPE … RENAME` giving up its
    /// name, enum types, sequences.
    pre: String,
    /// The `AUTO_INCREMENT=N` of the table options.
    auto_increment: Option<String>,
    /// The table's charset is UTF-8 (`None`: it names none).
    table_utf8: Option<bool>,
    /// Column names taken (PostgreSQL's, unquoted) and seen (MySQL's, lower case).
    col_taken: Taken,
    seen_cols: HashSet<String>,
    /// The column definitions and the primary key of the PostgreSQL table.
    cols_sql: Vec<String>,
    pk: Vec<String>,
    columns: Vec<Column>,
    /// Generated columns, translated once every column is known.
    gens: Vec<Gen>,
    /// Statements written after the data.
    post: Vec<Post>,
}

/// The generation expression of `g`, a column of a table with `columns`, in
/// PostgreSQL and fitted to its MySQL type; else why it is not translated.
fn generation(t: &Tokens<'_>, columns: &[Column], g: &Gen) -> Result<String, String> {
    let cols = columns;
    let resolve = |n: &str| -> Result<ColRef, String> {
        let l = n.to_lowercase();
        let c = cols
            .iter()
            .find(|c| *c.raw == *l)
            .ok_or_else(|| format!("no column {n}"))?;
        if c.generated {
            return Err(format!(
                "it uses the generated column {n} (PostgreSQL does not allow that)"
            ));
        }
        Ok(ColRef {
            pg: c.name().to_string(),
            ty: c.ty,
            real: c.real,
            utf8: c.utf8,
        })
    };
    let target = columns.get(g.column).map_or(Ty::Other, |c| c.ty);
    let (Some(first), Some(last)) = (
        t.toks.get(g.from),
        g.to.checked_sub(1).and_then(|i| t.toks.get(i)),
    ) else {
        return Err("an empty expression".to_string());
    };
    let text = t
        .src
        .get(first.start..last.end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .ok_or("the expression is not UTF-8")?;
    match &g.mysql_type {
        None => Err("its type is chosen with --cast".to_string()),
        Some(mt) => generation_expr(text, t.backslash, &resolve, target).and_then(|sql| {
            fit_to(mt, &sql)
                .ok_or_else(|| format!("a value of type {} is not computed here", mt.base))
        }),
    }
}

impl Converter {
    /// `DEFAULT nextval(db.seq)` (MariaDB) as `nextval('seq'::regclass)`.
    fn nextval_default(&self, d: &[u8], backslash: bool) -> Option<String> {
        let t = sql::tokenize(d, Dialect::Mysql, backslash);
        if !(t.is_kw(0, "NEXTVAL") && t.is_punct(1, "(")) {
            return None;
        }
        let (chain, next) = table::chain_at(&t, 2)?;
        if !t.is_punct(next, ")") || next + 1 != t.len() {
            return None;
        }
        let name = quote_ident(&self.fold(&t.name(*chain.parts.last()?)));
        Some(format!("nextval('{}'::regclass)", name.replace('\'', "''")))
    }

    /// MariaDB's sequences: `DROP SEQUENCE`, `CREATE SEQUENCE … ENGINE=…` and
    /// `DO SETVAL(s, next, is_used)` as PostgreSQL's (the next value is the same).
    pub(super) fn sequence(&self, t: &Tokens<'_>) -> Option<String> {
        // the sequence: the last part of the first name chain after the keywords
        let first = (0..t.len()).find(|&i| {
            t.is_ident(i)
                && ![
                    "DROP", "CREATE", "SEQUENCE", "IF", "NOT", "EXISTS", "DO", "SELECT", "SETVAL",
                    "OR", "REPLACE",
                ]
                .iter()
                .any(|k| t.is_kw(i, k))
        })?;
        let (chain, next) = table::chain_at(t, first)?;
        let name = quote_ident(&self.fold(&t.name(*chain.parts.last()?)));
        let num =
            |i: usize| -> Option<String> {
                let neg = t.is_punct(i, "-");
                let j = if neg { i + 1 } else { i };
                let v = String::from_utf8_lossy(t.text(j)).to_string();
                (t.toks.get(j)?.kind == Tok::Num && v.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| if neg { format!("-{v}") } else { v })
            };
        if t.is_kw(0, "DROP") {
            return Some(format!("DROP SEQUENCE IF EXISTS {name};\n"));
        }
        if t.is_kw(1, "SETVAL") {
            // SETVAL(s, n, is_used[, round])
            let n = num(next + 1)?;
            // `, is_used` after the number (`-8` is two tokens)
            let used = num(next + 3 + usize::from(n.starts_with('-')))?;
            let called = if used == "0" { "false" } else { "true" };
            let lit = name.replace('\'', "''");
            // mariadb-dump writes the next value not cached, which may lie past the
            // bounds (`cache 1000` on a sequence of 20 values): PostgreSQL refuses
            // that, so it is clamped and marked used, and the next nextval() cycles or
            // reports the sequence exhausted, as MariaDB's would
            return Some(format!(
                "SELECT pg_catalog.setval('{lit}', LEAST(GREATEST({n}, seqmin), seqmax), {called} OR {n} NOT BETWEEN seqmin AND seqmax) FROM pg_catalog.pg_sequence WHERE seqrelid = '{lit}'::regclass;\n"
            ));
        }
        let mut sql = format!("CREATE SEQUENCE {name} AS bigint");
        let mut i = next;
        while i < t.len() {
            let opt = |pg: &str, at: usize| num(at).map(|v| format!(" {pg} {v}"));
            // the tokens from `i` to past the number at `at` (`-5` is two)
            let past = |at: usize| at - i + if t.is_punct(at, "-") { 2 } else { 1 };
            let (piece, step) = if t.is_kw(i, "START") {
                let at = if t.is_kw(i + 1, "WITH") { i + 2 } else { i + 1 };
                (opt("START WITH", at), past(at))
            } else if t.is_kw(i, "INCREMENT") {
                let at = if t.is_kw(i + 1, "BY") { i + 2 } else { i + 1 };
                (opt("INCREMENT BY", at), past(at))
            } else if t.is_kw(i, "MINVALUE") || t.is_kw(i, "MAXVALUE") || t.is_kw(i, "CACHE") {
                let at = if t.is_punct(i + 1, "=") { i + 2 } else { i + 1 };
                let k = String::from_utf8_lossy(t.text(i)).to_ascii_uppercase();
                (opt(&k, at), past(at))
            } else if t.is_kw(i, "NOCYCLE") || (t.is_kw(i, "NO") && t.is_kw(i + 1, "CYCLE")) {
                (
                    Some(" NO CYCLE".to_string()),
                    if t.is_kw(i, "NO") { 2 } else { 1 },
                )
            } else if t.is_kw(i, "CYCLE") {
                (Some(" CYCLE".to_string()), 1)
            } else if t.is_kw(i, "NOMINVALUE") || t.is_kw(i, "NOMAXVALUE") || t.is_kw(i, "NOCACHE")
            {
                (Some(String::new()), 1)
            } else if t.is_kw(i, "ENGINE") || t.is_kw(i, "COMMENT") {
                break; // table options: nothing in PostgreSQL
            } else if t.is_punct(i, ";") {
                break;
            } else {
                return None; // an option not read: commented out, reported
            };
            sql.push_str(&piece?);
            i += step;
        }
        sql.push_str(";\n");
        Some(sql)
    }

    pub(super) fn create_table(
        &mut self,
        t: &Tokens<'_>,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        let Some((chain, elements)) = table::create_table_elements(t) else {
            return self.comment_out(t, p, out);
        };
        let Some(&rel) = chain.parts.last() else {
            return self.comment_out(t, p, out);
        };
        let raw = t.name(rel);
        let (tbare, pre) = self.table_name(&raw);
        if tbare != self.fold(&raw) {
            self.note(&C::TABLE_RENAMED, &format!("tname@{raw}"), p.line, || {
                format!("table {raw} is named {tbare} in PostgreSQL (63 bytes at most, unique in the schema)")
            });
        }
        let tname = quote_ident(&tbare);
        let body_end = elements.last().map_or(0, |&(_, e)| e);
        let auto_increment = self.table_options(t, body_end, &raw, p.line);
        let table_utf8 = charset_in(t, body_end, t.len(), |_| true).map(|c| is_utf8(&c));
        let mut tb = NewTable {
            raw,
            tbare,
            tname,
            line: p.line,
            pre,
            auto_increment,
            table_utf8,
            col_taken: Taken::default(),
            seen_cols: HashSet::new(),
            cols_sql: Vec::new(),
            pk: Vec::new(),
            columns: Vec::new(),
            gens: Vec::new(),
            post: Vec::new(),
        };
        for &(s, e) in &elements {
            match element_kind(t, s) {
                None => self.column(&mut tb, t, s, e),
                Some("PRIMARY") => self.primary_key(&mut tb, t, s, e),
                Some(k @ ("UNIQUE" | "KEY" | "INDEX" | "FULLTEXT")) => {
                    self.index(&mut tb, t, s, e, k)
                }
                Some("CONSTRAINT") if (s..e).any(|i| t.is_kw(i, "PRIMARY")) => {
                    self.primary_key(&mut tb, t, s, e)
                }
                Some("CONSTRAINT") if (s..e).any(|i| t.is_kw(i, "UNIQUE")) => {
                    self.unique_constraint(&mut tb, t, s, e)
                }
                Some("CONSTRAINT" | "FOREIGN") => self.foreign_key(&mut tb, t, s, e),
                Some(other) => {
                    let raw = &tb.raw;
                    self.note(
                        &C::INDEX_DROPPED,
                        &format!("idx@{}.{}", raw, s),
                        p.line,
                        || format!("{other} index of {raw} is not converted"),
                    );
                }
            }
        }
        self.generated_columns(&mut tb, t);
        let NewTable {
            raw,
            tname,
            pre,
            cols_sql,
            pk,
            columns,
            post,
            ..
        } = tb;
        let mut sql = pre;
        sql.push_str(&format!(
            "CREATE TABLE {tname} (\n    {}\n);\n",
            cols_sql.join(",\n    ")
        ));
        if (0..t.len()).any(|i| t.is_kw(i, "COMMENT")) {
            // table comments: COMMENT='…' after the body
            if let Some(c) = (body_end..t.len()).find(|&i| t.is_kw(i, "COMMENT")) {
                let v = if t.is_punct(c + 1, "=") { c + 2 } else { c + 1 };
                if v < t.len() && t.toks[v].kind == Tok::Str {
                    if let Some(text) = sql_string(t.text(v), t.backslash) {
                        sql.push_str(&format!("COMMENT ON TABLE {tname} IS {text};\n"));
                    }
                }
            }
        }
        self.post.extend(post);
        self.tables.insert(
            &raw.to_lowercase(),
            Table {
                name: tname.into(),
                columns: columns.into_boxed_slice(),
                pk: pk
                    .into_iter()
                    .map(compact_str::CompactString::from)
                    .collect(),
            },
        );
        out.put(sql.as_bytes())
    }

    /// The table options after the body of a `CREATE TABLE` of `raw` at `line`
    /// (tokens from `body_end`): `AUTO_INCREMENT=N`, returned (the identity goes on
    /// from there), and the clauses PostgreSQL gets no equivalent of, reported.
    fn table_options(
        &mut self,
        t: &Tokens<'_>,
        body_end: usize,
        raw: &str,
        line: u64,
    ) -> Option<String> {
        let mut auto_increment = None;
        for i in body_end..t.len() {
            if t.is_kw(i, "AUTO_INCREMENT") {
                let v = if t.is_punct(i + 1, "=") { i + 2 } else { i + 1 };
                let n = String::from_utf8_lossy(t.text(v)).to_string();
                if t.toks.get(v).is_some_and(|x| x.kind == Tok::Num)
                    && n.bytes().all(|b| b.is_ascii_digit())
                {
                    auto_increment = Some(n);
                }
            }
            let clause = if t.is_kw(i, "PARTITION") && t.is_kw(i + 1, "BY") {
                Some("PARTITION BY (the table is one table in PostgreSQL)")
            } else if t.is_kw(i, "SYSTEM") && t.is_kw(i + 1, "VERSIONING") {
                Some("WITH SYSTEM VERSIONING (the dump holds the current rows only; PostgreSQL keeps no history)")
            } else if t.is_kw(i, "ENGINE")
                && [i + 1, i + 2]
                    .iter()
                    .any(|&k| t.is_kw(k, "MRG_MyISAM") || t.is_kw(k, "MERGE"))
            {
                // mysqldump writes no rows for it: they are its UNION tables' rows
                Some("ENGINE=MRG_MyISAM (a MERGE table shows the rows of its UNION tables; in PostgreSQL it is an empty table: a view over them, UNION ALL, does what it did)")
            } else {
                None
            };
            if let Some(what) = clause {
                self.note(
                    &C::CLAUSE_DROPPED,
                    &format!("clause@{raw}.{i}"),
                    line,
                    || format!("{what} of {raw} is not converted"),
                );
            }
        }
        auto_increment
    }

    /// The PostgreSQL type and value kind of column `name` of `raw` of MySQL type `ty`
    /// (`None`: not read), and whether `--cast` chose it: pgloader's cast,
    /// `--timestamptz`, then a `--cast` of the column, else of its MySQL type.
    fn column_type(
        &self,
        ty: &Option<ColType>,
        raw: &str,
        name: &str,
    ) -> (String, ValueKind, bool) {
        let (mut pg_type, mut kind) = match ty {
            Some(ty) => cast(ty),
            None => ("text".to_string(), ValueKind::Text),
        };
        if self.opts.timestamptz && kind == ValueKind::DateTime {
            pg_type = "timestamp with time zone".into();
        }
        let (lt, lc) = (raw.to_lowercase(), name.to_lowercase());
        let base = ty.as_ref().map(|x| x.base.clone()).unwrap_or_default();
        let chosen = self.opts.casts.iter().find_map(|c| match c {
            Cast::Column { table, column, to } if *table == lt && *column == lc => Some(to.clone()),
            _ => None,
        });
        let chosen = chosen.or_else(|| {
            self.opts.casts.iter().find_map(|c| match c {
                Cast::Type { from, to } if *from == base => Some(to.clone()),
                _ => None,
            })
        });
        let cast_chosen = chosen.is_some();
        if let Some(to) = chosen {
            kind = kind_of_pg_type(&to);
            pg_type = to;
        }
        (pg_type, kind, cast_chosen)
    }

    /// The PostgreSQL name (unquoted) of column `name` of the table: folded, cut to
    /// 63 bytes, unique in the table; a new name reported.
    fn column_name(&mut self, tb: &mut NewTable, name: &str) -> String {
        let raw = &tb.raw;
        let folded = self.fold(name);
        // MySQL compares column names without case
        let duplicate = !tb.seen_cols.insert(name.to_lowercase());
        let cbare = unique_in(&mut tb.col_taken, &folded);
        if cbare != folded {
            let col = format!("{raw}.{}", name);
            self.note(&C::TABLE_RENAMED, &format!("cname@{col}"), tb.line, || {
                if duplicate {
                    format!("column {col} is there twice (MySQL refuses a table with two columns of one name): the second is named {cbare} in PostgreSQL")
                } else {
                    format!("column {col} is named {cbare} in PostgreSQL (63 bytes at most, unique in the table)")
                }
            });
        }
        cbare
    }

    /// A MySQL enum column (`cbare` in PostgreSQL) with members `args`: a type of its
    /// own, made in the table's `pre` and put in `pg_type`, or text with a CHECK,
    /// whose members are returned. The second value: an enum type was made.
    fn enum_column(
        &mut self,
        tb: &mut NewTable,
        args: &str,
        backslash: bool,
        name: &str,
        cbare: &str,
        pg_type: &mut String,
    ) -> (Option<String>, bool) {
        let (raw, tbare) = (&tb.raw, &tb.tbare);
        let lt = raw.to_lowercase();
        let mut check = None;
        let mut enum_type = false;
        match enum_values(args, backslash) {
            Some(vals) if !self.opts.enum_as_check && vals.iter().all(|v| v.len() <= 63) => {
                let tyname = unique_in(&mut self.names, &format!("{tbare}_{cbare}"));
                self.types.insert(tyname.clone());
                let q = quote_ident(&tyname);
                if self.dropped.contains_key(&lt) {
                    tb.pre
                        .push_str(&format!("DROP TYPE IF EXISTS {q} CASCADE;\n"));
                }
                tb.pre.push_str(&format!(
                    "CREATE TYPE {q} AS ENUM ({});\n",
                    enum_labels(&vals)
                ));
                *pg_type = q;
                enum_type = true;
            }
            Some(_) => {
                if !self.opts.enum_as_check {
                    self.note(&C::ENUM_AS_CHECK, &format!("enum@{raw}.{}", name), tb.line, || {
                        format!(
                            "enum {raw}.{} has a member over 63 bytes (PostgreSQL's limit for enum labels): text with a CHECK",
                            name
                        )
                    });
                }
                check = Some(enum_members(args, backslash));
            }
            None => check = Some(args.to_string()),
        }
        (check, enum_type)
    }

    /// The identity of an `AUTO_INCREMENT` column `cname` (`cbare` unquoted) of type
    /// `pg_type`, added to its definition `def`, and the statement setting it past
    /// the data (MySQL goes on from max(AUTO_INCREMENT=N, max + 1)).
    fn identity(
        &mut self,
        tb: &mut NewTable,
        pg_type: &str,
        cname: &str,
        cbare: &str,
        def: &mut String,
    ) {
        let (tbare, tname) = (&tb.tbare, &tb.tname);
        let seq = truncate_ident(&format!("{tbare}_{cbare}_seq"));
        // MySQL goes on from max(AUTO_INCREMENT=N, max + 1)
        let mut next = match &tb.auto_increment {
            Some(n) => format!("GREATEST({n}, COALESCE(max({cname}), 0) + 1)"),
            None => format!("COALESCE(max({cname}), 0) + 1"),
        };
        if pg_type.starts_with("numeric") {
            next = format!("LEAST({next}, 9223372036854775807)::bigint");
            // bigint unsigned auto_increment: an identity must be a
            // bigint, but the values (and the foreign keys to them) need
            // numeric(20): a sequence of its own feeds the default
            let seq = unique_in(&mut self.names, &seq);
            let sq = quote_ident(&seq);
            tb.pre
                .push_str(&format!("CREATE SEQUENCE IF NOT EXISTS {sq};\n"));
            def.push_str(&format!(
                " DEFAULT nextval('{}'::regclass)",
                sq.replace('\'', "''")
            ));
            tb.post.push(Post::Sql(format!(
                "ALTER SEQUENCE {sq} OWNED BY {tname}.{cname};\n"
            )));
        } else {
            def.push_str(" GENERATED BY DEFAULT AS IDENTITY");
            self.names.insert(seq);
        }
        tb.post.push(Post::Sql(format!(
            "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('{tq}', '{cq}'), {next}, false) FROM {tname};\n",
            tq = tname.replace('\'', "''"),
            cq = cbare.replace('\'', "''"),
        )));
    }

    /// The MySQL default `d` of column `name` (of value kind `kind`) added to its
    /// definition `def` when it translates, else reported (unless it is NULL).
    fn column_default(
        &mut self,
        tb: &NewTable,
        d: &[u8],
        backslash: bool,
        kind: ValueKind,
        name: &str,
        def: &mut String,
    ) {
        let raw = &tb.raw;
        let pg = self
            .nextval_default(d, backslash)
            .or_else(|| default_value(d, kind, backslash));
        match pg {
            Some(pg) => {
                def.push_str(" DEFAULT ");
                def.push_str(&pg);
            }
            None if !String::from_utf8_lossy(d)
                .trim()
                .eq_ignore_ascii_case("NULL") =>
            {
                let col = format!("{raw}.{}", name);
                let what = String::from_utf8_lossy(d).trim().to_string();
                let why = if memchr::memmem::find(d, b"0000-00-00").is_some() {
                    "a zero date, NULL in PostgreSQL: the column has no default and no NOT NULL (as pgloader does)"
                } else {
                    "not converted: the column has none"
                };
                self.note(
                    &C::DEFAULT_DROPPED,
                    &format!("default@{col}"),
                    tb.line,
                    || format!("the default of {col}, {what}, is {why}"),
                );
            }
            None => {}
        }
    }

    /// A column definition, tokens `[s, e)`, of the table.
    fn column(&mut self, tb: &mut NewTable, t: &Tokens<'_>, s: usize, e: usize) {
        let Some(cd) = table::column_def(t, s, e) else {
            // not a column: `PERIOD FOR SYSTEM_TIME (…)`, anything else
            // this reader does not know: left out, and said
            let raw = &tb.raw;
            let words: Vec<String> = (s..e.min(s + 4))
                .map(|i| String::from_utf8_lossy(t.text(i)).to_string())
                .collect();
            let what = words.join(" ");
            self.note(
                &C::CLAUSE_DROPPED,
                &format!("clause@{raw}.{s}"),
                tb.line,
                || format!("`{what} …` of {raw} is not converted"),
            );
            return;
        };
        // a generated column: `[GENERATED ALWAYS] AS (expr) [VIRTUAL|STORED|PERSISTENT]`
        let gen = (s + 1..e)
            .find(|&i| t.is_kw(i, "AS") && t.is_punct(i + 1, "("))
            .and_then(|a| t.matching_paren(a + 1).map(|c| (a, c)));
        // the rest of the definition, without the expression
        let outside = |i: usize| gen.is_none_or(|(a, c)| i < a || i > c);
        let ty_text = &t.src[cd.type_span.0..cd.type_span.1];
        let ty = parse_type(ty_text);
        let (mut pg_type, kind, cast_chosen) = self.column_type(&ty, &tb.raw, &cd.name);
        let lc = cd.name.to_lowercase();
        let cbare = self.column_name(tb, &cd.name);
        let cname = quote_ident(&cbare);
        let raw = &tb.raw;
        let tinyint1 = ty
            .as_ref()
            .is_some_and(|x| x.base == "tinyint" && x.width() == Some(1));
        if tinyint1 && kind == ValueKind::Bool {
            let col = format!("{raw}.{}", cd.name);
            self.note(&C::TINYINT_AS_BOOLEAN, "tinyint1", tb.line, || {
                format!("tinyint(1) columns become boolean (the first: {col}); a value other than 0, 1 or NULL is written as NULL and reported (C001); --cast tinyint=smallint keeps them numbers")
            });
        }
        if !cast_chosen && ty.as_ref().is_some_and(|x| is_geometry(&x.base)) {
            let col = format!("{raw}.{}", cd.name);
            self.note(&C::GEOMETRY_AS_BYTES, "geometry", tb.line, || {
                format!("spatial columns become bytea holding MySQL's bytes (SRID + WKB) (the first: {col}); PostGIS: ST_GeomFromWKB(substring(col from 5))")
            });
        }
        // enum: a type of its own, or text with a CHECK (a --cast wins)
        let enum_args = ty
            .as_ref()
            .filter(|x| x.base == "enum" && !cast_chosen)
            .and_then(|x| x.args.clone());
        let (check, enum_type) = match &enum_args {
            Some(args) => self.enum_column(tb, args, t.backslash, &cd.name, &cbare, &mut pg_type),
            None => (None, false),
        };
        let mut def = format!("{cname} {pg_type}");
        let gen_at = def.len();
        let has = |kw: &str| (s..e).any(|i| outside(i) && t.is_kw(i, kw));
        let not_null = (s..e).any(|i| outside(i) && t.is_kw(i, "NOT") && t.is_kw(i + 1, "NULL"));
        if gen.is_none() && has("AUTO_INCREMENT") {
            self.identity(tb, &pg_type, &cname, &cbare, &mut def);
        } else if let (Some((a, b)), None) = (cd.default_span, gen) {
            let d = &t.src[a..b];
            self.column_default(tb, d, t.backslash, kind, &cd.name, &mut def);
        }
        // pgloader's rule: a date column defaulting to a zero date loses
        // the default and NOT NULL, as its zero dates become NULL
        let zero_default = matches!(kind, ValueKind::Date | ValueKind::DateTime)
            && cd.default_span.is_some_and(|(a, b)| {
                let d = &t.src[a..b];
                memchr::memmem::find(d, b"0000-00-00").is_some()
            });
        let not_null = not_null && !zero_default;
        if not_null {
            def.push_str(" NOT NULL");
        }
        if let Some(members) = check {
            def.push_str(&format!(" CHECK ({cname} IN ({members}))"));
        }
        // set: text[] holding members only (what MySQL can store)
        let set_members = ty
            .as_ref()
            .filter(|x| x.base == "set" && !cast_chosen)
            .and_then(|x| x.args.as_deref())
            .and_then(|a| enum_values(a, t.backslash));
        if let Some(vals) = set_members {
            let lits: Vec<String> = vals.iter().map(|v| pg_literal(v)).collect();
            def.push_str(&format!(
                " CHECK ({cname} <@ ARRAY[{}]::text[])",
                lits.join(", ")
            ));
        }
        let (tbare, tname) = (&tb.tbare, &tb.tname);
        // ON UPDATE CURRENT_TIMESTAMP: a trigger does it on PostgreSQL
        let on_update = (s..e).any(|i| {
            outside(i)
                && t.is_kw(i, "ON")
                && t.is_kw(i + 1, "UPDATE")
                && (t.is_kw(i + 2, "CURRENT_TIMESTAMP") || t.is_kw(i + 2, "NOW"))
        });
        if on_update {
            let func = quote_ident(&truncate_ident(&format!("on_update_{tbare}_{cbare}")));
            let trig = quote_ident(&truncate_ident(&format!("{tbare}_{cbare}_on_update")));
            let what = format!("{tbare}.{cbare}").replace(char::is_control, "?");
            tb.post.push(Post::Sql(format!(
                "-- dumpfix: written for ON UPDATE CURRENT_TIMESTAMP of {what}\n-- dumpfix-ignore R001\nCREATE FUNCTION {func}() RETURNS trigger LANGUAGE plpgsql AS $dumpfix$ BEGIN IF NEW IS DISTINCT FROM OLD AND NEW.{cname} IS NOT DISTINCT FROM OLD.{cname} THEN NEW.{cname} := CURRENT_TIMESTAMP; END IF; RETURN NEW; END $dumpfix$;\n-- dumpfix-ignore R002\nCREATE TRIGGER {trig} BEFORE UPDATE ON {tname} FOR EACH ROW EXECUTE FUNCTION {func}();\n"
            )));
        }
        // COMMENT 'text' → COMMENT ON COLUMN
        if let Some(c) = (s..e).find(|&i| outside(i) && t.is_kw(i, "COMMENT")) {
            if t.toks.get(c + 1).is_some_and(|x| x.kind == Tok::Str) {
                if let Some(text) = sql_string(t.text(c + 1), t.backslash) {
                    let tname = &tb.tname;
                    tb.post.push(Post::Sql(format!(
                        "COMMENT ON COLUMN {tname}.{cname} IS {text};\n"
                    )));
                }
            }
        }
        let utf8 = charset_in(t, s, e, outside)
            .map(|c| is_utf8(&c))
            .or(tb.table_utf8)
            .unwrap_or(false);
        let (ety, real) = if enum_type {
            (Ty::Other, false)
        } else {
            column_ty(&pg_type, kind)
        };
        if let Some((a, c)) = gen {
            tb.gens.push(Gen {
                column: tb.columns.len(),
                def: tb.cols_sql.len(),
                at: gen_at,
                from: a + 2,
                to: c,
                name: cd.name.clone(),
                mysql_type: ty.clone().filter(|_| !cast_chosen),
            });
        }
        tb.cols_sql.push(def);
        tb.columns.push(Column::new(
            lc, cname, kind, ety, real, utf8, false, not_null,
        ));
    }

    /// A `PRIMARY KEY (…)` or `CONSTRAINT x PRIMARY KEY (…)`, tokens `[s, e)`.
    fn primary_key(&mut self, tb: &mut NewTable, t: &Tokens<'_>, s: usize, e: usize) {
        let open = (s..e).find(|&i| t.is_punct(i, "("));
        if let Some((cols, _)) = open.and_then(|o| column_list(t, o)) {
            let cols = self.column_names(&tb.columns, &cols);
            tb.cols_sql
                .push(format!("PRIMARY KEY ({})", cols.join(", ")));
            self.names
                .insert(truncate_ident(&format!("{}_pkey", tb.tbare)));
            tb.pk = cols;
        }
    }

    /// A `UNIQUE`, `KEY`, `INDEX` or `FULLTEXT` key (`k`), tokens `[s, e)`: an index
    /// made after the data.
    fn index(&mut self, tb: &mut NewTable, t: &Tokens<'_>, s: usize, e: usize, k: &str) {
        let (raw, tname) = (&tb.raw, &tb.tname);
        let unique = k == "UNIQUE";
        let open = (s..e).find(|&i| t.is_punct(i, "("));
        let name = (s + 1..open.unwrap_or(e))
            .find(|&i| t.is_ident(i) && !t.is_kw(i, "KEY") && !t.is_kw(i, "INDEX"))
            .map(|i| t.name(i));
        let Some((cols, close)) = open.and_then(|o| column_list(t, o)) else {
            return;
        };
        let pg_cols = self.column_names(&tb.columns, &cols);
        let tail = if k == "FULLTEXT" {
            // MySQL's full-text parser splits words without stemming: the
            // 'simple' configuration does the same
            if (close..e).any(|i| t.is_kw(i, "PARSER")) {
                self.note(&C::FULLTEXT_PARSER, &format!("ftp@{raw}.{s}"), tb.line, || {
                    format!("a FULLTEXT key of {raw} names a parser: its GIN index uses the 'simple' text search configuration")
                });
            }
            let doc: Vec<String> = pg_cols
                .iter()
                .map(|c| format!("coalesce(({c})::text, '')"))
                .collect();
            format!(
                " ON {tname} USING gin (to_tsvector('simple', {}));\n",
                doc.join(" || ' ' || ")
            )
        } else {
            format!(" ON {tname} ({});\n", pg_cols.join(", "))
        };
        tb.post.push(Post::Named {
            head: format!("CREATE {}INDEX ", if unique { "UNIQUE " } else { "" }),
            table: tb.tbare.clone(),
            hint: name.unwrap_or_else(|| if k == "FULLTEXT" { "fts" } else { "idx" }.to_string()),
            tail,
        });
    }

    /// A `CONSTRAINT x UNIQUE (…)`, tokens `[s, e)`: a unique index made after the
    /// data.
    fn unique_constraint(&mut self, tb: &mut NewTable, t: &Tokens<'_>, s: usize, e: usize) {
        let name = if t.is_ident(s + 1) {
            t.name(s + 1)
        } else {
            "uq".into()
        };
        let open = (s..e).find(|&i| t.is_punct(i, "("));
        if let Some((cols, _)) = open.and_then(|o| column_list(t, o)) {
            let cols = self.column_names(&tb.columns, &cols);
            let tname = &tb.tname;
            tb.post.push(Post::Named {
                head: "CREATE UNIQUE INDEX ".into(),
                table: tb.tbare.clone(),
                hint: name,
                tail: format!(" ON {tname} ({});\n", cols.join(", ")),
            });
        }
    }

    /// A `[CONSTRAINT x] FOREIGN KEY (…) REFERENCES …`, tokens `[s, e)`, kept for the
    /// end; another constraint (a CHECK) is reported.
    fn foreign_key(&mut self, tb: &mut NewTable, t: &Tokens<'_>, s: usize, e: usize) {
        let raw = &tb.raw;
        let fk = (s..e).find(|&i| t.is_kw(i, "FOREIGN"));
        let Some(fk) = fk else {
            // CONSTRAINT x UNIQUE / CHECK: CHECK expressions are MySQL
            self.note(
                &C::CONSTRAINT_DROPPED,
                &format!("cons@{}", tb.line),
                tb.line,
                || format!("a constraint of {raw} is not converted"),
            );
            return;
        };
        let cname = (s..fk)
            .find(|&i| t.is_ident(i) && !t.is_kw(i, "CONSTRAINT"))
            .map(|i| t.name(i))
            .unwrap_or_else(|| "fk".into());
        let open = (fk..e).find(|&i| t.is_punct(i, "("));
        let Some((cols, close)) = open.and_then(|o| column_list(t, o)) else {
            return;
        };
        let Some(r) = (close..e).find(|&i| t.is_kw(i, "REFERENCES")) else {
            return;
        };
        let Some((refchain, next)) = table::chain_at(t, r + 1) else {
            return;
        };
        let Some(&rt) = refchain.parts.last() else {
            return;
        };
        let Some((rcols, rclose)) = column_list(t, next) else {
            return;
        };
        let mut tail = String::new();
        let mut i = rclose + 1;
        while i < e {
            tail.push(' ');
            tail.push_str(&String::from_utf8_lossy(t.text(i)).to_ascii_uppercase());
            i += 1;
        }
        self.fks.push(ForeignKey {
            line: tb.line,
            table: tb.tname.clone(),
            bare: tb.tbare.clone(),
            hint: cname,
            columns: self.column_names(&tb.columns, &cols),
            target: t.name(rt),
            target_columns: rcols,
            tail,
        });
    }

    /// The generated columns of the table, once every column is known (in order:
    /// PostgreSQL refuses an expression that uses another generated column): a
    /// `GENERATED ALWAYS AS (…) STORED` clause, or a plain column (see
    /// `finish_plain_gens`).
    fn generated_columns(&mut self, tb: &mut NewTable, t: &Tokens<'_>) {
        let NewTable {
            raw,
            tname,
            line,
            cols_sql,
            pk,
            columns,
            gens,
            ..
        } = tb;
        for g in std::mem::take(gens) {
            let translated = generation(t, columns, &g);
            match (
                translated,
                cols_sql.get_mut(g.def),
                columns.get_mut(g.column),
            ) {
                (Ok(sql), Some(def), Some(col)) => {
                    def.insert_str(g.at, &format!(" GENERATED ALWAYS AS ({sql}) STORED"));
                    col.generated = true;
                }
                (Err(why), def, col) => {
                    // a plain column: its values are those the dump carries, if it
                    // does; NOT NULL and the primary key are added after the data
                    // when every INSERT carried them (see `finish_plain_gens`)
                    let mut not_null = false;
                    if let Some(def) = def {
                        if let Some(i) = def.find(" NOT NULL") {
                            def.replace_range(i..i + " NOT NULL".len(), "");
                            not_null = true;
                        }
                    }
                    let mut key = None;
                    if let Some(col) = col.as_ref() {
                        if pk.iter().any(|k| k == col.name()) {
                            let before = cols_sql.len();
                            cols_sql.retain(|c| !c.starts_with("PRIMARY KEY ("));
                            if cols_sql.len() < before {
                                key = Some(pk.clone());
                            }
                        }
                    }
                    let (raw_col, column) = match col {
                        Some(c) => (c.raw.to_string(), c.name().to_string()),
                        None => (g.name.to_lowercase(), quote_ident(&g.name.to_lowercase())),
                    };
                    self.plain_gens.push(PlainGen {
                        table: raw.to_lowercase(),
                        tname: tname.clone(),
                        raw: raw_col,
                        column,
                        line: *line,
                        why: format!("{raw}.{}: {why}", g.name),
                        not_null,
                        pk: key,
                        lost_at: None,
                    });
                }
                _ => {}
            }
        }
    }

    /// Generated columns converted as plain ones: reported, and their NOT NULL and
    /// primary key made after the data when the dump carried their values. Returns the
    /// tables (lower case) left without their primary key.
    pub(super) fn finish_plain_gens(&mut self) -> HashSet<String> {
        let mut keyless = HashSet::new();
        let mut restore = Vec::new();
        let mut keyed = HashSet::new();
        for g in std::mem::take(&mut self.plain_gens) {
            match g.lost_at {
                Some(line) => {
                    let mut lost = Vec::new();
                    if g.not_null {
                        lost.push("its NOT NULL is dropped");
                    }
                    if g.pk.is_some() {
                        lost.push("the primary key on it is not made");
                        keyless.insert(g.table.clone());
                        if let Some(t) = self.tables.get_mut(g.table.as_str()) {
                            t.pk = Box::default();
                        }
                    }
                    let also = if lost.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", lost.join(", "))
                    };
                    let why = g.why;
                    self.note(&C::GENERATED_LOST, &format!("gen@{}.{}", g.table, g.raw), line, || {
                        format!("generated column {why}; the dump's INSERTs leave it out (as MySQL's mysqldump does), so it is NULL in every row{also}")
                    });
                }
                None => {
                    let why = g.why;
                    self.note(&C::GENERATED_AS_PLAIN, &format!("gen@{}.{}", g.table, g.raw), g.line, || {
                        format!("generated column {why}: a plain column holding the dumped values (PostgreSQL will not compute it for new rows)")
                    });
                    if g.not_null {
                        restore.push(format!(
                            "ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;\n",
                            g.tname, g.column
                        ));
                    }
                    if let Some(pk) = g.pk {
                        if keyed.insert(g.table.clone()) {
                            restore.push(format!(
                                "ALTER TABLE {} ADD PRIMARY KEY ({});\n",
                                g.tname,
                                pk.join(", ")
                            ));
                        }
                    }
                }
            }
        }
        // before the indexes and foreign keys (which may need the key)
        for (i, sql) in restore.into_iter().enumerate() {
            self.post.insert(i, Post::Sql(sql));
        }
        keyless
    }
}
