//! The rewrite engine: takes the splitter's pieces in order, lets the target's rules
//! check and fix each statement, rewrites data rows whose columns change type, and
//! adds what must come after the data (large-object rules). Used by both `fix`
//! (edits applied, output written) and `check` (findings only).

#[cfg(test)]
pub mod harness;

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::finding::{Finding, Findings};
use crate::lex::driver::{Ahead, PieceRef};
use crate::lex::{Dialect, Kind};
use crate::namemap::NameMap;
use crate::pool::threads as par_threads;
use crate::rows::{self, RowEditor};
use crate::rules;
use crate::rules::context::CodeSet;
use crate::rules::context::{Context, Mode, Out, Stmt};
use crate::rules::RuleSet;
use crate::schema::{DumpColumn, DumpTable};
use crate::sink::Sink;
use crate::sql::coltype::parse_type;
use crate::sql::table::{self, NameRef, Role};
use crate::sql::{self, Edit, Tok, Tokens};
use crate::targets::Target;

/// Options of one `fix` or `check` run.
pub struct FixOptions {
    /// The target and its rules.
    pub target: Target,
    /// Fix or check.
    pub mode: Mode,
    /// Liferay table catalog (built-in plus user additions).
    pub catalog: Catalog,
    /// `--database NAME` (MySQL target).
    pub database: Option<String>,
    /// `--company-id OLD=NEW`.
    pub company: Option<(String, String)>,
    /// Program that wrote the dump (from detection).
    pub producer: String,
    /// `--max-packet` (bytes).
    pub max_packet: u64,
    /// `--strip-restrict`: remove psql's `\restrict` / `\unrestrict` lines.
    pub strip_restrict: bool,
}

/// MySQL's default `max_allowed_packet` on Liferay Cloud (and MySQL 8).
pub const DEFAULT_MAX_PACKET: u64 = 268_435_456;

/// Of a statement larger than the window, the bytes the rules see.
const HEAD_RULED: usize = 1 << 20;

/// The engine.
pub struct Engine {
    /// Shared state.
    pub cx: Context,
    /// The rules that are types of their own, those the target enables.
    rule_set: RuleSet,
    row: Option<RowEditor>,
    /// Table the current INSERT / COPY fills.
    row_table: Option<String>,
    /// The current INSERT / COPY has had no row yet: the rules' `first_row` is
    /// called at its first (the table's final name in `first_row_table`).
    first_row_pending: bool,
    first_row_table: String,
    /// Trailing blanks and commands held back so that additions at the end of the
    /// dump go before the closing comments.
    held: Vec<u8>,
    /// Rewritten rows not yet written (written in batches).
    rows: Vec<u8>,
    buf: Vec<u8>,
    /// The current statement is being passed through in fragments.
    in_fragment: bool,
    /// The rules dropped the first fragment of the current statement: its other
    /// fragments are dropped too.
    fragment_dropped: bool,
    /// The last statement handed to the rules was dropped.
    dropped: bool,
    /// The output so far ends inside a statement: the input ended before its
    /// delimiter, or its pieces are still coming.
    stmt_open: bool,
    /// Threads rewriting rows (1: on the calling thread).
    threads: usize,
    /// The dump's mapped file, when it is one (see [`Self::set_map`]).
    map: Option<std::sync::Arc<memmap2::Mmap>>,
    /// The caller lets COPY lines be taken ahead ([`Self::piece_ahead`]), and what
    /// was taken.
    ahead_ok: bool,
    taken: Ahead,
    /// The row-rewriting threads, started at the first row to rewrite.
    pool: Option<crate::pool::Pool<RowEditor>>,
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Rewritten rows are written in batches of about this many bytes.
const ROW_BATCH: usize = 256 << 10;

/// Most bytes of trailing blanks held back before they are written anyway.
const MAX_HELD: usize = 1 << 20;

impl Engine {
    /// A new engine for a dump in `dialect`.
    pub fn new(opts: FixOptions, dialect: Dialect) -> Engine {
        let enabled = CodeSet::of(&opts.target);
        Engine {
            rule_set: RuleSet::new(&enabled),
            cx: Context {
                dialect,
                backslash: dialect == Dialect::Mysql,
                target: opts.target,
                enabled,
                mode: opts.mode,
                catalog: opts.catalog,
                database: opts.database,
                company: opts.company,
                findings: Findings::default(),
                tables: NameMap::new(),
                not_liferay: HashMap::new(),
                delimiter: None,
                fatal: None,
                ignores: Default::default(),
                producer: opts.producer,
                strip_restrict: opts.strip_restrict,
                max_packet: opts.max_packet,
                stmt_size: (0, 0, 0),
                last_pos: (1, 0),
            },
            row: None,
            row_table: None,
            first_row_pending: false,
            first_row_table: String::new(),
            held: Vec::new(),
            rows: Vec::new(),
            buf: Vec::new(),
            in_fragment: false,
            fragment_dropped: false,
            dropped: false,
            stmt_open: false,
            threads: 1,
            map: None,
            ahead_ok: false,
            taken: Ahead::default(),
            pool: None,
        }
    }

    /// Silence `codes` for the next statement, as a `-- dumpfix-ignore` comment
    /// before it does (for a dump converted from another, whose comments stood
    /// before the statement the converted ones come from).
    pub fn silence_next(&mut self, codes: &[String]) {
        self.cx.ignores.name_next(codes);
    }

    /// Silence `codes` for the whole dump, as a `-- dumpfix-ignore-file` comment
    /// does (for a dump converted from another, whose comments the conversion may
    /// not have written).
    pub fn silence_file(&mut self, codes: &[String]) {
        self.cx.ignores.name_file(codes);
    }

    /// Rewrite data rows on `n` threads besides the calling one (0: as many as there
    /// are cores; 1, the default: on the calling thread). The output is the same.
    pub fn set_threads(&mut self, n: usize) {
        self.threads = par_threads(n);
    }

    /// The dump's mapped file (`Dump::mapped`): rows that are slices of it go to the
    /// row threads without a copy.
    pub fn set_map(&mut self, map: Option<std::sync::Arc<memmap2::Mmap>>) {
        self.map = map;
    }

    /// Report the values the row threads could not map.
    fn pool_findings(&mut self) {
        if let Some(pool) = self.pool.as_mut() {
            pool.summaries.clear();
            for b in pool.bad.drain(..) {
                rules::booleans::bad_value(&mut self.cx, &b.table, &b.value, b.line, b.offset);
            }
        }
    }

    /// The most bytes of one run of COPY lines the engine takes as one piece (see
    /// [`crate::pipeline::Dump::set_bulk_copy`]).
    pub const BULK_COPY: usize = crate::pool::BATCH;

    /// [`Self::piece`], where the COPY data lines that follow a
    /// [`Kind::CopyRows`] piece of the mapped file ([`Self::set_map`]) may be taken
    /// too: a table's rows that change go to the row threads a batch at a time
    /// without this thread looking for their end (see [`crate::pool::Pool::take_ahead`]).
    /// Returns what was taken, for the splitter to skip
    /// ([`crate::pipeline::Dump::for_each_piece_ahead`]).
    pub fn piece_ahead(&mut self, p: &PieceRef<'_>, out: &mut Sink<'_>) -> crate::Result<Ahead> {
        self.ahead_ok = true;
        let r = self.piece(p, out);
        self.ahead_ok = false;
        r?;
        Ok(std::mem::take(&mut self.taken))
    }

    /// Handle one piece, writing the result to `out`.
    pub fn piece(&mut self, p: &PieceRef<'_>, out: &mut Sink<'_>) -> crate::Result<()> {
        if self.first_row_pending {
            match p.kind() {
                Kind::Tuple | Kind::CopyRow | Kind::CopyRows => {
                    self.first_row_pending = false;
                    let (line, offset) = (p.row_line(), p.offset);
                    self.rule_set
                        .first_row(&mut self.cx, &self.first_row_table, line, offset);
                }
                Kind::Statement | Kind::InsertHead | Kind::CopyEnd | Kind::InsertTail => {
                    self.first_row_pending = false;
                }
                _ => {}
            }
        }
        if p.kind() == Kind::CopyRows {
            return self.copy_rows(p, out);
        }
        let whole_row = matches!(p.kind(), Kind::Tuple | Kind::CopyRow)
            && !p.piece.continued
            && !p.piece.partial;
        if whole_row
            && self.held.is_empty()
            && self.rows.is_empty()
            && self.hand_to_row_threads(p, false, out)?
        {
            return Ok(());
        }
        match self.pool.take() {
            None => self.piece_inner(p, out),
            Some(mut pool) => {
                let r = self.piece_inner(p, &mut |b: &[u8]| pool.emit(b, out));
                self.pool = Some(pool);
                self.pool_findings();
                r
            }
        }
    }

    /// Hand a whole row (or with `lines`, a run of whole COPY lines) of a table whose
    /// rows change to the row threads, starting them if need be. False when there are
    /// none (one thread, or they could not start) or the table's rows do not change.
    fn hand_to_row_threads(
        &mut self,
        p: &PieceRef<'_>,
        lines: bool,
        out: &mut Sink<'_>,
    ) -> crate::Result<bool> {
        let Some(ed) = self.row.as_ref().filter(|_| self.threads > 1) else {
            return Ok(false);
        };
        if self.pool.is_none() {
            self.pool =
                crate::pool::Pool::start(self.threads, self.cx.mode == Mode::Fix, self.map.clone());
        }
        let Some(pool) = self.pool.as_mut() else {
            return Ok(false);
        };
        rules::integrity::piece_bytes(&mut self.cx, p);
        let table = self.row_table.as_deref().unwrap_or_default();
        pool.add(ed, table, p.bytes, (p.row_line(), p.offset), lines, out)?;
        self.pool_findings();
        Ok(true)
    }

    /// A run of whole COPY lines: to the workers in one go when the table's rows
    /// change and nothing needs them one by one on this thread; through unchanged
    /// when no column changes; else line by line.
    fn copy_rows(&mut self, p: &PieceRef<'_>, out: &mut Sink<'_>) -> crate::Result<()> {
        // What is held back goes first (a blank line before the data; rows rewritten
        // one by one), so that the run can take the bulk paths below.
        for b in [&mut self.held, &mut self.rows] {
            if !b.is_empty() {
                match self.pool.as_mut() {
                    Some(pool) => pool.emit(b, out)?,
                    None => out.put(b)?,
                }
                b.clear();
            }
        }
        if self.row.is_none() {
            rules::integrity::piece_bytes(&mut self.cx, p);
            return match self.pool.as_mut() {
                Some(pool) => pool.emit(p.bytes, out),
                None => out.put(p.bytes),
            };
        }
        if self.hand_to_row_threads(p, true, out)? {
            if self.ahead_ok {
                self.take_ahead(p, out)?;
            }
            return Ok(());
        }
        if self.pool.is_none() {
            if let Some(ed) = self.row.as_mut() {
                // on this thread, in one pass (as a row thread would)
                rules::integrity::piece_bytes(&mut self.cx, p);
                let mut buf = std::mem::take(&mut self.buf);
                let mut bad = Vec::new();
                buf.clear();
                ed.copy_lines(p.bytes, &mut buf, &mut bad, None);
                let table = self.row_table.clone().unwrap_or_default();
                for (line, at, value) in bad {
                    rules::booleans::bad_value(
                        &mut self.cx,
                        &table,
                        &value,
                        p.line + line,
                        p.offset + at,
                    );
                }
                let r = out.put(&buf);
                buf.clear();
                self.buf = buf;
                return r;
            }
        }
        let (mut at, mut line) = (0, p.line);
        while at < p.bytes.len() {
            let end = memchr::memchr(b'\n', &p.bytes[at..]).map_or(p.bytes.len(), |j| at + j + 1);
            let row = PieceRef {
                piece: crate::lex::Piece {
                    kind: Kind::CopyRow,
                    len: end - at,
                    partial: false,
                    continued: false,
                    ..p.piece
                },
                offset: p.offset + at as u64,
                line,
                bytes: &p.bytes[at..end],
            };
            self.piece(&row, out)?;
            at = end;
            line += 1;
        }
        Ok(())
    }

    /// Hand the COPY lines after `p` (just handed to the row threads) to them too,
    /// when `p` is a slice of the mapped file: see [`Self::piece_ahead`].
    fn take_ahead(&mut self, p: &PieceRef<'_>, out: &mut Sink<'_>) -> crate::Result<()> {
        let in_map = self.map.as_ref().is_some_and(|m| {
            m.get(p.offset as usize..)
                .is_some_and(|rest| rest.as_ptr() == p.bytes.as_ptr())
        });
        let (Some(ed), Some(pool)) = (self.row.as_ref(), self.pool.as_mut()) else {
            return Ok(());
        };
        let from = p.offset as usize + p.bytes.len();
        let at_end = self
            .map
            .as_ref()
            .is_some_and(|m| m.get(from..).is_some_and(|rest| rest.starts_with(b"\\.")));
        if !in_map || !ed.is_copy() || at_end {
            return Ok(());
        }
        let table = self.row_table.as_deref().unwrap_or_default();
        self.taken = pool.take_ahead(ed, table, (p.line, p.offset, p.bytes.len()), out)?;
        self.pool_findings();
        Ok(())
    }

    fn flush_held(&mut self, out: &mut Sink<'_>) -> crate::Result<()> {
        if !self.held.is_empty() {
            out.put(&self.held)?;
            self.held.clear();
        }
        Ok(())
    }

    fn piece_inner(&mut self, p: &PieceRef<'_>, out: &mut Sink<'_>) -> crate::Result<()> {
        let row = matches!(p.kind(), Kind::Tuple | Kind::CopyRow);
        if !row && !self.rows.is_empty() {
            out.put(&self.rows)?;
            self.rows.clear();
        }
        if !matches!(p.kind(), Kind::Blank | Kind::Command) {
            self.flush_held(out)?;
        }
        if !p.piece.continued {
            if matches!(p.kind(), Kind::Statement | Kind::InsertHead) {
                // the codes named before it are silenced for it
                self.cx.ignores.statement();
            }
            rules::integrity::piece_start(&mut self.cx, p);
        }
        if rules::integrity::piece_bytes(&mut self.cx, p) {
            self.rule_set.statement_size(&mut self.cx);
        }
        match p.kind() {
            Kind::Statement | Kind::InsertTail => {
                self.stmt_open = p.piece.partial || p.piece.unterminated;
            }
            Kind::InsertHead => self.stmt_open = true,
            Kind::CopyEnd => self.stmt_open = false,
            _ => {}
        }
        match p.kind() {
            Kind::Blank => {
                self.cx.ignores.blank(p.bytes);
                self.rule_set.blank(&mut self.cx, p.bytes);
                if self.held.len() + p.bytes.len() > MAX_HELD {
                    self.flush_held(out)?;
                    return out.put(p.bytes);
                }
                self.held.extend_from_slice(p.bytes);
                Ok(())
            }
            Kind::Command => {
                if self.cx.dialect == Dialect::Mysql && !p.piece.partial && !p.piece.continued {
                    if let Some(d) = crate::lex::delimiter_command(p.bytes) {
                        self.cx.delimiter = (d != b";").then(|| d.to_vec());
                    }
                }
                let drop = self.rule_set.command(&mut self.cx, p);
                if drop {
                    return Ok(());
                }
                self.held.extend_from_slice(p.bytes);
                Ok(())
            }
            Kind::Statement | Kind::InsertHead => {
                self.flush_held(out)?;
                if p.piece.continued || p.piece.partial || self.in_fragment {
                    // Too large to hold. Its first fragment (a window's worth) goes
                    // through the rules, so that what they do at a statement's head
                    // (the database envelope before it, the table's name, dropping
                    // it) is done; the other fragments pass as they are, or are
                    // dropped with the head.
                    let head = !p.piece.continued;
                    if head {
                        self.cx.report(
                            &rules::database::UNINSPECTED_STATEMENT,
                            &p.offset.to_string(),
                            p.line,
                            p.offset,
                            || {
                                format!("statement larger than the window: the rules saw its first {} bytes only; the rest passed through as it is", p.bytes.len().min(HEAD_RULED))
                            },
                        );
                        self.row = None;
                        self.row_table = None;
                    }
                    self.in_fragment = p.piece.partial;
                    if head && p.kind() == Kind::Statement {
                        // its first HEAD_RULED bytes (what the rules act on: the
                        // statement's start) are tokenized; a window of anything would
                        // take 24 bytes of tokens a byte
                        let cut = p.bytes.len().min(HEAD_RULED);
                        let mut first = *p;
                        first.bytes = &p.bytes[..cut];
                        first.piece.len = cut;
                        self.statement(&first, out)?;
                        if !self.dropped {
                            out.put(&p.bytes[cut..])?;
                        }
                        self.fragment_dropped = self.dropped;
                        if self.dropped && p.piece.partial {
                            // nothing of it is written: nothing stays open
                            self.stmt_open = false;
                        }
                        return Ok(());
                    }
                    if self.fragment_dropped {
                        if !p.piece.partial {
                            self.fragment_dropped = false;
                        }
                        self.stmt_open = false;
                        return Ok(());
                    }
                    return out.put(p.bytes);
                }
                self.statement(p, out)
            }
            Kind::Tuple | Kind::CopyRow => self.row_piece(p, out),
            Kind::CopyRows => self.copy_rows(p, out),
            Kind::InsertTail | Kind::CopyEnd => {
                if !p.piece.partial {
                    self.row = None;
                    self.row_table = None;
                }
                out.put(p.bytes)
            }
        }
    }

    fn row_piece(&mut self, p: &PieceRef<'_>, out: &mut Sink<'_>) -> crate::Result<()> {
        match self.row.as_mut() {
            Some(ed) => {
                let mark = self.rows.len();
                let bad = ed.row(p.bytes, p.piece.continued, p.piece.partial, &mut self.rows);
                if let Some(bad) = bad {
                    let t = self.row_table.clone().unwrap_or_default();
                    rules::booleans::bad_value(&mut self.cx, &t, &bad, p.row_line(), p.offset);
                }
                if self.cx.mode != Mode::Fix {
                    self.rows.truncate(mark);
                } else if self.rows.len() >= ROW_BATCH {
                    out.put(&self.rows)?;
                    self.rows.clear();
                }
                Ok(())
            }
            None => {
                if !self.rows.is_empty() {
                    out.put(&self.rows)?;
                    self.rows.clear();
                }
                out.put(p.bytes)
            }
        }
    }

    fn statement(&mut self, p: &PieceRef<'_>, out: &mut Sink<'_>) -> crate::Result<()> {
        self.cx.backslash = p.piece.backslash;
        let t = sql::tokenize(p.bytes, self.cx.dialect, p.piece.backslash);
        let lead = t.leading_words(6);
        let st = Stmt {
            t,
            line: p.line,
            offset: p.offset,
            lead,
        };
        let mut o = Out::default();
        self.rules(&st, &mut o, p.kind() == Kind::InsertHead);
        self.dropped = o.drop;
        if let Some((msg, line, offset)) = self.cx.fatal.take() {
            if self.cx.mode == Mode::Fix {
                return Err(crate::Error::Rule {
                    message: msg,
                    line,
                    offset,
                });
            }
        }
        // A UTF-8 byte order mark stays the first bytes of the output: what is added
        // before the first statement goes after it (MariaDB refuses a BOM later on).
        let bom = if p.offset == 0 && !o.before.is_empty() && p.bytes.starts_with(BOM) {
            out.put(BOM)?;
            BOM.len()
        } else {
            0
        };
        if !o.before.is_empty() {
            out.put(&o.before)?;
        }
        if o.drop {
            // the rest of an INSERT would follow: never drop one
            if p.kind() == Kind::Statement {
                // nothing of it is written: nothing is left open
                self.stmt_open = false;
            }
            return Ok(());
        }
        if o.edits.is_empty() {
            return out.put(&p.bytes[bom..]);
        }
        self.buf.clear();
        sql::apply_edits(p.bytes, &mut o.edits, &mut self.buf);
        let bom = if self.buf.starts_with(BOM) { bom } else { 0 };
        out.put(&self.buf[bom..])
    }

    fn rules(&mut self, st: &Stmt<'_>, o: &mut Out, insert_head: bool) {
        let cx = &mut self.cx;
        self.row = None;
        self.row_table = None;
        if st.t.is_empty() {
            return;
        }
        // the rules that are types of their own (rules::rule), in their order
        self.rule_set.statement_head(cx, st, o);
        if o.drop {
            return;
        }
        let create = if st.starts(&["CREATE"]) {
            table::create_table(&st.t)
        } else {
            None
        };
        if let Some(rel) = create.as_ref().and_then(|ct| ct.name.parts.last()) {
            let cols: Vec<String> = create
                .iter()
                .flat_map(|ct| ct.columns.iter().map(|c| c.name.clone()))
                .collect();
            // is it Liferay's? decided before its names are read
            let table = st.t.name(*rel);
            if let Some(m) = cx.catalog.mismatch(&table, &cols) {
                cx.not_liferay.insert(table.to_ascii_lowercase(), m);
            }
        }
        // names
        let refs = table::name_refs(&st.t);
        let mut relation: Option<String> = None;
        for r in &refs {
            self.name_ref(st, r, o, &mut relation);
        }
        let cx = &mut self.cx;
        self.rule_set.statement(cx, st, o);
        if st.starts(&["CREATE"]) {
            if let Some(ct) = &create {
                create_table(cx, &mut self.rule_set, st, ct, o);
            }
        } else if st.starts(&["ALTER", "TABLE"]) {
            if let Some((name, cols)) = table::alter_table(&st.t) {
                alter_table(cx, &mut self.rule_set, st, &name, &cols);
            }
        }
        self.rule_set.statement_end(cx, st, relation.as_deref(), o);
        // data
        let copy = st.starts(&["COPY"]) && cx.dialect == Dialect::Postgres;
        if insert_head || copy {
            let Some(table) = relation else { return };
            self.first_row_pending = true;
            self.first_row_table.clear();
            self.first_row_table.push_str(&table);
            let cols = explicit_columns(&st.t);
            let ed = cx
                .tables
                .get(table.to_ascii_lowercase().as_str())
                .and_then(|t| rows::editor_for(t, cols.as_deref(), copy, cx.backslash));
            if let Some(ed) = ed {
                self.row = Some(ed);
                self.row_table = Some(table);
            }
        }
    }

    fn name_ref(&mut self, st: &Stmt<'_>, r: &NameRef, o: &mut Out, relation: &mut Option<String>) {
        let cx = &mut self.cx;
        let t = &st.t;
        let at = |i: usize| {
            (
                st.line_at(t.toks[i].start),
                st.offset + t.toks[i].start as u64,
            )
        };
        match r.role {
            Role::Relation => {
                let Some(rel) = r.relation() else { return };
                if let Some(s) = r.schema() {
                    self.rule_set.schema_qualifier(cx, st, s, true, o);
                    self.rule_set.database_qualifier(cx, st, s, o);
                }
                let name = t.name(rel);
                let quoted = t.toks[rel].kind == Tok::QIdent;
                let fin = self.rule_set.final_name(cx, &name, quoted, at(rel), true);
                if let Some(new) = &fin {
                    if cx.mode == Mode::Fix {
                        o.edits.push(Edit {
                            start: t.toks[rel].start,
                            end: t.toks[rel].end,
                            text: sql::quote_like(new, cx.target.dialect, quoted).into_bytes(),
                        });
                    }
                }
                if relation.is_none() {
                    *relation = Some(fin.unwrap_or(name));
                }
            }
            Role::Other => {
                let parts = &r.chain.parts;
                let first = parts[0];
                let first_name = t.name(first).to_ascii_lowercase();
                if self.rule_set.schema_qualifier(cx, st, first, false, o) {
                    if parts.len() < 3 {
                        return;
                    }
                    // `lportal."User_".userid` (OWNED BY): the table is renamed too
                } else if parts.len() >= 3 || !cx.tables.contains_key(first_name.as_str()) {
                    // `db.t.c`, and `db.x` where `db` is no table: `nextval(db.seq)`,
                    // `db.func(…)` (the database is renamed everywhere)
                    self.rule_set.database_qualifier(cx, st, first, o);
                }
                // `t.c`, `s.t.c`: the table qualifier
                let tq = if parts.len() >= 3 { parts[1] } else { first };
                if parts.len() == 2 && r.chain.call {
                    return; // schema.function(…)
                }
                let name = t.name(tq);
                let known = cx.tables.contains_key(name.to_ascii_lowercase().as_str())
                    || cx.liferay(&name).is_some();
                if !known {
                    return;
                }
                let quoted = t.toks[tq].kind == Tok::QIdent;
                if let Some(new) = self.rule_set.final_name(cx, &name, quoted, at(tq), false) {
                    if cx.mode == Mode::Fix {
                        o.edits.push(Edit {
                            start: t.toks[tq].start,
                            end: t.toks[tq].end,
                            text: sql::quote_like(&new, cx.target.dialect, quoted).into_bytes(),
                        });
                    }
                }
            }
        }
    }

    /// End of the dump: add what must follow the data, then the held-back tail.
    pub fn finish(&mut self, out: &mut Sink<'_>) -> crate::Result<()> {
        match self.pool.take() {
            None => self.finish_inner(out),
            Some(mut pool) => {
                let mut emit = |b: &[u8]| pool.emit(b, out);
                let r = self.finish_inner(&mut emit);
                let r = r.and_then(|()| pool.finish(out));
                self.pool = Some(pool);
                self.pool_findings();
                r
            }
        }
    }

    fn finish_inner(&mut self, out: &mut Sink<'_>) -> crate::Result<()> {
        self.cx.ignores.end();
        if !self.rows.is_empty() {
            out.put(&self.rows)?;
            self.rows.clear();
        }
        let mut add = Vec::new();
        self.rule_set.finish(&mut self.cx, &mut add);
        if self.cx.mode == Mode::Fix && !add.is_empty() {
            out.put(b"\n")?;
            if self.stmt_open {
                // The input ended before the last statement's delimiter (clients run
                // it all the same): end it, on a line of its own (it may end in a
                // `--` comment), or the addition would become part of it. The lexer
                // refused input where the delimiter would not end it (a parenthesis,
                // a routine body or a value list left open).
                out.put(self.delimiter())?;
                out.put(b"\n")?;
                self.stmt_open = false;
            }
            out.put(&add)?;
        }
        self.flush_held(out)
    }

    /// What ends a statement in the output: `;`, or mysql's `DELIMITER`.
    fn delimiter(&self) -> &[u8] {
        match self.cx.dialect {
            Dialect::Mysql => self.cx.delimiter.as_deref().unwrap_or(b";"),
            Dialect::Postgres => b";",
        }
    }

    /// The findings so far.
    pub fn into_findings(mut self) -> Vec<Finding> {
        if let Some(mut pool) = self.pool.take() {
            // Rows still out (the dump ended early): their findings, not their bytes.
            if pool.finish(&mut |_: &[u8]| Ok(())).is_ok() {
                self.pool = Some(pool);
                self.pool_findings();
            }
        }
        let ignores = &self.cx.ignores;
        let mut findings = self.cx.findings.into_vec();
        // `-- dumpfix-ignore-file`: also what was found before the comment
        findings.retain(|f| !rules::file_ignore_drops(ignores, f));
        findings
    }
}

/// The column list of `INSERT INTO t (a, b) VALUES` / `COPY t (a, b) FROM`.
fn explicit_columns(t: &Tokens<'_>) -> Option<Vec<String>> {
    let (_, cols) = table::insert_target(t)?;
    Some(cols?.into_iter().map(|i| t.name(i)).collect())
}

fn create_table(
    cx: &mut Context,
    rule_set: &mut RuleSet,
    st: &Stmt<'_>,
    ct: &table::CreateTable,
    o: &mut Out,
) {
    let t = &st.t;
    let Some(name) = final_table_name(cx, rule_set, st, &ct.name) else {
        return;
    };
    let mut columns = Vec::with_capacity(ct.columns.len());
    for c in &ct.columns {
        let ty_text = &t.src[c.type_span.0..c.type_span.1];
        let mut col = DumpColumn {
            name: c.name.clone(),
            ty: parse_type(ty_text),
            rewrite: None,
        };
        rule_set.column(cx, st, &name, c, &mut col, o);
        columns.push(col);
    }
    let table = DumpTable::new(&columns, st.line, st.offset);
    drop(columns);
    // the final schema: `public` where L040 moves every schema there, else the dump's
    let parts: Vec<String> = ct.name.parts.iter().map(|&i| t.name(i)).collect();
    let schema = if cx.to_postgres() && cx.renames(&rules::non_public_schema::NON_PUBLIC_SCHEMA) {
        "public".to_string()
    } else {
        parts[..parts.len() - 1].join(".").to_ascii_lowercase()
    };
    rule_set.table_created(
        cx,
        st,
        &name,
        &format!("{schema}.{}", name.to_ascii_lowercase()),
        &parts.join("."),
    );
    cx.tables.insert(&name.to_ascii_lowercase(), table);
}

/// The final name of the table `chain` names (its last part, renamed by the rules
/// without findings: the statement's names were reported already).
fn final_table_name(
    cx: &mut Context,
    rule_set: &mut RuleSet,
    st: &Stmt<'_>,
    chain: &table::Chain,
) -> Option<String> {
    let t = &st.t;
    let &rel = chain.parts.last()?;
    let raw = t.name(rel);
    let quoted = t.toks[rel].kind == Tok::QIdent;
    Some(
        rule_set
            .final_name(cx, &raw, quoted, (st.line, st.offset), false)
            .unwrap_or(raw),
    )
}

fn alter_table(
    cx: &mut Context,
    rule_set: &mut RuleSet,
    st: &Stmt<'_>,
    name: &table::Chain,
    cols: &[table::AlterColumn],
) {
    let t = &st.t;
    let Some(name) = final_table_name(cx, rule_set, st, name) else {
        return;
    };
    let key = name.to_ascii_lowercase();
    for c in cols {
        let ty = parse_type(&t.src[c.type_span.0..c.type_span.1]);
        rule_set.altered_column(cx, &key, &c.name, ty.as_ref());
        if let Some(tbl) = cx.tables.get_mut(key.as_str()) {
            tbl.alter_column(&c.name, ty.as_ref(), c.add);
        }
    }
}
