//! INSERTs as COPY blocks: the plan of an INSERT (the columns and value kinds its
//! tuples carry), the conversion of each tuple ([`TupleWork`], on the calling thread
//! or the row threads), rows larger than the window fragment by fragment
//! ([`bigrow`](super::bigrow)), and what is wrong with a row, reported as notes.

use super::charset::decoded_value;
use super::ident::quote_ident;
use super::{bigrow, values, Converter, C};
use crate::lex::driver::PieceRef;
use crate::lex::Dialect;
use crate::pool::RowWork;
use crate::rows::split::{scan_tuple, Scan, TupleEnd};
use crate::sql::{self, table};
use values::ValueKind;

/// The table and column names (as written in MySQL) of an INSERT head.
pub(super) fn insert_head_target(
    bytes: &[u8],
    backslash: bool,
) -> Option<(String, Option<Vec<String>>)> {
    let t = sql::tokenize(bytes, Dialect::Mysql, backslash);
    let (rel, cols) = table::insert_target(&t)?;
    let cols = cols.map(|c| c.into_iter().map(|i| t.name(i)).collect());
    Some((t.name(rel), cols))
}

/// How the INSERTs into a table become COPY rows.
struct Plan {
    name: String,
    /// PostgreSQL name of each value's column.
    cols: Vec<String>,
    kinds: Vec<ValueKind>,
    /// Values left out (generated columns).
    skip: Vec<bool>,
    /// NOT NULL columns (a zero date is `-infinity` there).
    not_null: Vec<bool>,
}

/// Converts the tuples of one INSERT into COPY rows, on any thread.
#[derive(Clone)]
pub struct TupleWork {
    pub(super) kinds: std::sync::Arc<[ValueKind]>,
    pub(super) cols: std::sync::Arc<[String]>,
    /// Values not written: those of generated columns (mariadb-dump writes them,
    /// PostgreSQL computes them and refuses values for them).
    pub(super) skip: std::sync::Arc<[bool]>,
    /// NOT NULL columns: a zero date is written `-infinity` there (NULL would fail the
    /// row), else NULL (pgloader's choice).
    pub(super) not_null: std::sync::Arc<[bool]>,
    pub(super) stats: values::Stats,
    /// The INSERT's strings use backslash escapes (else `NO_BACKSLASH_ESCAPES`).
    pub(super) backslash: bool,
    /// The dump's client character set when its text is not UTF-8 (`SET NAMES
    /// latin1`): quoted text is decoded from it.
    pub(super) charset: Option<&'static encoding_rs::Encoding>,
    /// The INSERT head whose tuples these are, as the splitter handed it out: the
    /// tuples taken ahead ([`RowWork::lines`]) go on into the INSERTs that follow
    /// with the very same head.
    pub(super) head: Option<std::sync::Arc<[u8]>>,
}

/// What is wrong with a tuple.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowBad {
    /// The value of a column (`table.column`) could not be converted (written as NULL).
    Value(String, values::Problem),
    /// The tuple has `.0` values for `.1` columns.
    Count(usize, usize),
    /// NUL bytes were removed from the text of a column.
    Nul(String),
    /// A zero date of a column was written as NULL (`false`) or, the column being NOT
    /// NULL, as `-infinity` (`true`).
    ZeroDate(String, bool),
}

impl TupleWork {
    /// Value `i` of a row, `v` as it stands between its commas, into `out` as a COPY
    /// field (with the tab before it unless `first`); what is wrong into `bad`. The
    /// one conversion of a value, for whole rows and for the values of rows streamed
    /// in fragments ([`bigrow`]) alike.
    pub(super) fn value(
        &mut self,
        i: usize,
        v: &[u8],
        first: &mut bool,
        out: &mut Vec<u8>,
        bad: &mut Vec<RowBad>,
    ) {
        if self.skip.get(i).copied().unwrap_or(false) {
            return;
        }
        if !*first {
            out.push(b'\t');
        }
        *first = false;
        let k = self.kinds.get(i).copied().unwrap_or(ValueKind::Text);
        let mark = out.len();
        let stats = &mut self.stats;
        let before = (stats.nul_removed, stats.zero_dates);
        let col = || self.cols.get(i).map_or("?", String::as_str).to_string();
        let decoded = match (self.charset, k) {
            (Some(enc), ValueKind::Text | ValueKind::Json | ValueKind::Set) => {
                decoded_value(v, enc)
            }
            _ => None,
        };
        let v = decoded.as_deref().unwrap_or(v);
        if let Err(e) = values::to_copy_with(v, k, self.backslash, out, stats) {
            out.truncate(mark);
            out.extend_from_slice(b"\\N");
            bad.push(RowBad::Value(col(), e));
        }
        if stats.nul_removed != before.0 {
            bad.push(RowBad::Nul(col()));
        }
        if stats.zero_dates != before.1 {
            let infinity = self.not_null.get(i).copied().unwrap_or(false);
            if infinity {
                // values.rs wrote `\N` at `mark`
                out.truncate(mark);
                out.extend_from_slice(b"-infinity");
            }
            bad.push(RowBad::ZeroDate(col(), infinity));
        }
    }
}

impl RowWork for TupleWork {
    type Bad = RowBad;
    type Summary = values::Stats;

    fn row(&mut self, bytes: &[u8], out: &mut Vec<u8>, bad: &mut Vec<RowBad>) {
        let (mark, marked, stats) = (out.len(), bad.len(), self.stats);
        // one pass over the tuple, unless it holds a comment: then MySQL's executable
        // comments are taken out first (what MariaDB loads) and it is read again
        if self.tuple_row(bytes, Scan::StopAtComment, out, bad) == TupleEnd::Stopped {
            out.truncate(mark);
            bad.truncate(marked);
            self.stats = stats;
            let bytes = crate::lex::executable::without_mysql57(bytes, self.backslash);
            self.tuple_row(&bytes, Scan::Plain, out, bad);
        }
    }

    fn summary(&mut self) -> values::Stats {
        std::mem::take(&mut self.stats)
    }

    /// Tuples taken ahead of the splitter ([`crate::pool::Pool::take_ahead`]), from
    /// just after a tuple's `)` or (later runs) after a `,\n` or `;\n`: as long as
    /// the bytes are tuples that the splitter would hand out as this code reads them,
    /// each followed by `,` and the next, by `,\n`, or by `;\n` and the same head
    /// again. Stops (and says where, to `watch`) before the first that is not: the
    /// splitter reads on from there. Each run ends after `,\n` or `;\n`
    /// ([`Self::run_end`]), where the splitter can go on.
    fn lines(
        &mut self,
        run: &[u8],
        out: &mut Vec<u8>,
        bad: &mut Vec<(u64, u64, RowBad)>,
        watch: Option<crate::pool::Watch<'_>>,
    ) -> (u64, Option<usize>) {
        let Some(w) = watch else {
            return (0, Some(0));
        };
        let mut after = match w.before() {
            [_, b')'] => After::Tuple,
            [b',', b'\n'] => After::Comma,
            [b';', b'\n'] => After::Statement,
            _ => After::Neither,
        };
        let (mut at, mut lines) = (0usize, 0u64);
        let mut found = Vec::new();
        while at < run.len() {
            if w.ended_before() {
                return (lines, Some(at));
            }
            let mark = (out.len(), bad.len(), self.stats);
            match self.unit(run, at, after, out, &mut found) {
                Some((end, next, statement)) => {
                    for (i, b) in found.drain(..) {
                        let line = lines + crate::lex::driver::count_lines(&run[at..i]);
                        bad.push((line, i as u64, b));
                    }
                    if let Some(s) = statement {
                        w.statement_at(s);
                    }
                    lines += crate::lex::driver::count_lines(&run[at..end]);
                    at = end;
                    after = next;
                }
                None => {
                    out.truncate(mark.0);
                    bad.truncate(mark.1);
                    self.stats = mark.2;
                    found.clear();
                    w.end_at(at);
                    return (lines, Some(at));
                }
            }
        }
        (lines, None)
    }

    /// After the last `,\n` or `;\n` of `window`: where a run of tuples taken ahead
    /// may end.
    fn run_end(&self, window: &[u8]) -> Option<usize> {
        let mut end = window.len();
        while let Some(j) = memchr::memrchr(b'\n', &window[..end]) {
            if j > 0 && matches!(window[j - 1], b',' | b';') {
                return Some(j + 1);
            }
            end = j;
        }
        None
    }
}

/// What a unit of tuples taken ahead follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// A tuple's `)`: a separator comes first.
    Tuple,
    /// `,\n`: a tuple.
    Comma,
    /// `;\n`: the same INSERT head again, then a tuple.
    Statement,
    /// Anything else: nothing can be taken.
    Neither,
}

impl TupleWork {
    /// One unit of tuples taken ahead, from `at` in `run`: the head when `after` a
    /// statement, tuples separated by `,`, up to `,\n` or `;\n`. Converts them into
    /// `out` (what is wrong into `bad`, with the offset of its tuple) and returns where
    /// the unit ends, what the next follows, and where a head it holds begins; `None`
    /// when the bytes are not such a unit (what was written is then to be dropped).
    fn unit(
        &mut self,
        run: &[u8],
        at: usize,
        after: After,
        out: &mut Vec<u8>,
        bad: &mut Vec<(usize, RowBad)>,
    ) -> Option<(usize, After, Option<usize>)> {
        let mut i = at;
        let mut statement = None;
        match after {
            After::Tuple | After::Comma => {}
            After::Statement => {
                let head = self.head.as_deref()?;
                if !run[i..].starts_with(head) {
                    return None;
                }
                statement = Some(i);
                i += head.len();
            }
            After::Neither => return None,
        }
        let mut tuple = after != After::Tuple;
        let mut found = Vec::new();
        loop {
            if tuple {
                if run.get(i) != Some(&b'(') {
                    return None;
                }
                let TupleEnd::Closed(end) =
                    self.tuple_row(&run[i..], Scan::Strict, out, &mut found)
                else {
                    return None;
                };
                bad.extend(found.drain(..).map(|b| (i, b)));
                i += end;
            }
            tuple = true;
            match run.get(i..i + 2) {
                Some([b',', b'(']) => i += 1,
                Some([b',', b'\n']) => return Some((i + 2, After::Comma, statement)),
                Some([b';', b'\n']) => return Some((i + 2, After::Statement, statement)),
                _ => return None,
            }
        }
    }

    /// The tuple piece `bytes` (its first `(` opens the tuple) as one COPY row into
    /// `out`, line end included, its bytes outside strings read as `how` says; what
    /// is wrong into `bad`, a wrong number of values too. Returns where the reading
    /// ended: when [`TupleEnd::Stopped`], what was written is to be dropped.
    #[inline(always)]
    fn tuple_row(
        &mut self,
        bytes: &[u8],
        how: Scan,
        out: &mut Vec<u8>,
        bad: &mut Vec<RowBad>,
    ) -> TupleEnd {
        let (mut n, mut first) = (0, true);
        let end = match memchr::memchr(b'(', bytes) {
            Some(open) => scan_tuple(bytes, open, self.backslash, how, |i, v| {
                n = i + 1;
                self.value(i, v, &mut first, out, bad);
            }),
            None => TupleEnd::Open,
        };
        if end != TupleEnd::Stopped {
            out.push(b'\n');
            if n != self.kinds.len() {
                bad.push(RowBad::Count(n, self.kinds.len()));
            }
        }
        end
    }
}

impl Converter {
    /// Take in what the tuple threads found: totals, and problems as notes (a row
    /// with the wrong number of values is an error).
    pub(super) fn pool_results(&mut self) -> crate::Result<()> {
        let Some(pool) = self.pool.as_mut() else {
            return Ok(());
        };
        for s in pool.summaries.drain(..) {
            self.stats.add(s);
        }
        for b in std::mem::take(&mut pool.bad) {
            self.row_bad(&b.table, b.value, b.line)?;
        }
        Ok(())
    }

    /// Report one problem of a tuple of `table` at `line`.
    pub(super) fn row_bad(&mut self, table: &str, bad: RowBad, line: u64) -> crate::Result<()> {
        match bad {
            RowBad::Count(n, want) => Err(crate::Error::Usage(format!(
                "line {line}: a row of {table} has {n} values for {want} columns"
            ))),
            RowBad::Value(col, e) => {
                let col = format!("{table}.{col}");
                let rule = match e {
                    values::Problem::NotUtf8 => &crate::rules::data_values::INVALID_UTF8,
                    _ => &C::VALUE_AS_NULL,
                };
                self.note(rule, &format!("val@{col}"), line, || {
                    format!("{col}: {e}: written as NULL")
                });
                Ok(())
            }
            RowBad::Nul(col) => {
                let col = format!("{table}.{col}");
                let rule = &crate::rules::data_values::NUL_IN_TEXT;
                self.note(rule, &format!("nul@{col}"), line, || {
                    format!("{col}: NUL bytes removed from text (PostgreSQL text cannot hold them)")
                });
                Ok(())
            }
            RowBad::ZeroDate(col, infinity) => {
                let col = format!("{table}.{col}");
                let rule = &crate::rules::data_values::ZERO_DATE;
                self.note(rule, &format!("zero@{col}"), line, || {
                    if infinity {
                        format!("{col}: zero date written as -infinity (the column is NOT NULL; before every other date, as MySQL's zero date)")
                    } else {
                        format!("{col}: zero date written as NULL")
                    }
                });
                Ok(())
            }
        }
    }

    /// How INSERTs into `raw` (with the column list `explicit`) become COPY rows.
    fn plan(&self, raw: &str, explicit: &Option<Vec<String>>) -> Option<Plan> {
        let table = self.tables.get(raw.to_lowercase().as_str());
        Some(match (table, explicit) {
            (Some(tb), Some(cols)) => {
                let mut plan = Plan {
                    name: tb.name.to_string(),
                    cols: Vec::with_capacity(cols.len()),
                    kinds: Vec::with_capacity(cols.len()),
                    skip: Vec::with_capacity(cols.len()),
                    not_null: Vec::with_capacity(cols.len()),
                };
                for c in cols {
                    match tb.column(c) {
                        Some(col) => {
                            plan.cols.push(col.name().to_string());
                            plan.kinds.push(col.kind);
                            plan.skip.push(col.generated);
                            plan.not_null.push(col.not_null);
                        }
                        None => {
                            plan.cols.push(self.ident(c));
                            plan.kinds.push(ValueKind::Text);
                            plan.skip.push(false);
                            plan.not_null.push(false);
                        }
                    }
                }
                plan
            }
            (Some(tb), None) => Plan {
                name: tb.name.to_string(),
                cols: tb.columns.iter().map(|c| c.name().to_string()).collect(),
                kinds: tb.columns.iter().map(|c| c.kind).collect(),
                skip: tb.columns.iter().map(|c| c.generated).collect(),
                not_null: tb.columns.iter().map(|c| c.not_null).collect(),
            },
            (None, Some(cols)) => Plan {
                name: self
                    .table_names
                    .get_key_value(&raw.to_lowercase())
                    .map_or_else(
                        || self.ident(raw),
                        |(k, b)| quote_ident(b.as_deref().unwrap_or(k)),
                    ),
                cols: cols.iter().map(|c| self.ident(c)).collect(),
                kinds: vec![ValueKind::Text; cols.len()],
                skip: vec![false; cols.len()],
                not_null: vec![false; cols.len()],
            },
            (None, None) => return None,
        })
    }

    pub(super) fn insert_head(
        &mut self,
        (raw, explicit): (String, Option<Vec<String>>),
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        if let Some(trig) = self.late_trigger_tables.get(&raw.to_lowercase()) {
            let trig = trig.clone();
            self.note(&C::ROWS_BEFORE_TRIGGER, &format!("late@{raw}"), p.line, || {
                format!("rows of {raw} after trigger {trig}, which is created at the end (it refers to a table defined later): MySQL fired it for them, PostgreSQL does not")
            });
        }
        if let Some(cols) = &explicit {
            let table = raw.to_lowercase();
            for g in self.plain_gens.iter_mut().filter(|g| g.table == table) {
                if g.lost_at.is_none() && !cols.iter().any(|c| c.to_lowercase() == g.raw) {
                    g.lost_at = Some(p.line);
                }
            }
        }
        let Some(plan) = self.plan(&raw, &explicit) else {
            self.note(&C::ROWS_LOST, &format!("notable@{raw}"), p.line, || {
                format!("INSERT into {raw}, whose CREATE TABLE is not in the dump, without a column list: not converted")
            });
            return Ok(());
        };
        let listed: Vec<&str> = plan
            .cols
            .iter()
            .zip(&plan.skip)
            .filter(|(_, &skip)| !skip)
            .map(|(c, _)| c.as_str())
            .collect();
        if listed.is_empty() {
            self.note(&C::ROWS_LOST, &format!("onlygen@{raw}"), p.line, || {
                format!("INSERT into {raw} lists only generated columns: not converted")
            });
            return Ok(());
        }
        out.put(format!("COPY {} ({}) FROM stdin;\n", plan.name, listed.join(", ")).as_bytes())?;
        let work = TupleWork {
            kinds: plan.kinds.into(),
            cols: plan.cols.into(),
            skip: plan.skip.into(),
            not_null: plan.not_null.into(),
            stats: values::Stats::default(),
            backslash: p.piece.backslash,
            charset: self.charset.current,
            head: None,
        };
        self.copy = Some((plan.name, work));
        Ok(())
    }

    pub(super) fn tuple(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        let Some((table, work)) = self.copy.as_mut() else {
            return Ok(());
        };
        if p.piece.partial || p.piece.continued {
            return self.big_tuple(p, out);
        }
        self.row.clear();
        let mut bad = Vec::new();
        work.row(p.bytes, &mut self.row, &mut bad);
        self.stats.add(work.summary());
        if bad.is_empty() {
            return out.put(&self.row);
        }
        let table = table.clone();
        if !bad.iter().any(|b| matches!(b, RowBad::Count(..))) {
            out.put(&self.row)?;
        }
        for b in bad {
            self.row_bad(&table, b, p.row_line())?;
        }
        Ok(())
    }

    /// A fragment of a row larger than the window (see [`bigrow`]): converted as it
    /// comes, what is wrong reported at the row's line as for a whole row.
    fn big_tuple(
        &mut self,
        p: &PieceRef<'_>,
        out: &mut crate::sink::Sink<'_>,
    ) -> crate::Result<()> {
        let Some((table, work)) = self.copy.as_mut() else {
            return Ok(());
        };
        let big = match self.big.as_mut() {
            Some(b) if p.piece.continued => b,
            None if p.piece.continued => {
                return Err(crate::Error::Internal(format!(
                    "byte {}: the rest of a row whose start was not read",
                    p.offset
                )))
            }
            _ => self.big.insert(bigrow::RowStream::new(
                work.backslash,
                self.window,
                p.row_line(),
                p.offset,
            )),
        };
        let (line, offset) = (big.line, big.offset);
        let table = table.clone();
        // in slices of 1 MiB, each written out before the next: the converted bytes
        // held stay small whatever the window (what is wrong is a few notes per value,
        // and a row has at most 4096 values)
        let mut rest = p.bytes;
        let mut bad = Vec::new();
        loop {
            let n = rest.len().min(1 << 20);
            let last = !p.piece.partial && n == rest.len();
            self.row.clear();
            let r = big.feed(work, &rest[..n], last, &mut self.row, &mut bad);
            rest = &rest[n..];
            if let Err(e) = r {
                self.stats.add(work.summary());
                self.big = None;
                return Err(crate::Error::Usage(format!(
                    "line {line}, byte {offset}: a row of {table} larger than the window: {e}"
                )));
            }
            out.put(&self.row)?;
            if rest.is_empty() {
                break;
            }
        }
        self.stats.add(work.summary());
        if !p.piece.partial {
            self.big = None;
        }
        for b in bad {
            self.row_bad(&table, b, line)?;
        }
        Ok(())
    }

    /// An INSERT head into the table and columns of the open COPY block.
    pub(super) fn same_insert(&self, (raw, explicit): &(String, Option<Vec<String>>)) -> bool {
        let (Some((name, work)), true) = (&self.copy, self.open) else {
            return false;
        };
        let Some(tb) = self.tables.get(raw.to_lowercase().as_str()) else {
            return false;
        };
        if explicit.is_none() {
            // the common case, once per INSERT: no allocation
            return tb.name == name
                && tb.columns.len() == work.cols.len()
                && tb
                    .columns
                    .iter()
                    .zip(work.cols.iter().zip(work.skip.iter()))
                    .all(|(c, (w, &skip))| c.name() == w.as_str() && c.generated == skip);
        }
        let Some(plan) = self.plan(raw, explicit) else {
            return false;
        };
        &plan.name == name && plan.cols[..] == work.cols[..] && plan.skip[..] == work.skip[..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::Watch;
    use std::cell::Cell;
    use std::sync::atomic::{AtomicUsize, Ordering};

    const HEAD: &[u8] = b"INSERT INTO `t` VALUES\n";

    fn work() -> TupleWork {
        TupleWork {
            kinds: vec![ValueKind::Int, ValueKind::Text].into(),
            cols: vec!["id".to_string(), "s".to_string()].into(),
            skip: vec![false, false].into(),
            not_null: vec![false, false].into(),
            stats: values::Stats::default(),
            backslash: true,
            charset: None,
            head: Some(HEAD.into()),
        }
    }

    struct Taken {
        rows: String,
        lines: u64,
        stop: Option<usize>,
        statement: Option<usize>,
        found: usize,
        bad: Vec<(u64, u64, RowBad)>,
    }

    /// Take `run` (at offset 1000 of a map) ahead, after the bytes `before`, an end
    /// having been found at `found` already.
    fn take_after(run: &str, before: &[u8; 2], found: usize) -> Taken {
        let found = AtomicUsize::new(found);
        let statement = Cell::new(None);
        let watch = Watch::new(&found, 1000, *before, &statement);
        let (mut out, mut bad) = (Vec::new(), Vec::new());
        let (lines, stop) = work().lines(run.as_bytes(), &mut out, &mut bad, Some(watch));
        Taken {
            rows: String::from_utf8(out).unwrap(),
            lines,
            stop,
            statement: statement.get(),
            found: found.load(Ordering::Relaxed),
            bad,
        }
    }

    fn take(run: &str, before: &[u8; 2]) -> Taken {
        take_after(run, before, usize::MAX)
    }

    #[test]
    fn tuples_taken_ahead_until_one_the_splitter_would_read_otherwise() {
        // after the first tuple's `)`: on into the next INSERT with the same head
        let run = ",\n(2,'b'),\n(3,'c');\nINSERT INTO `t` VALUES\n(4,'d'),\n";
        let t = take(run, b"')");
        assert_eq!(
            (t.rows.as_str(), t.lines, t.stop),
            ("2\tb\n3\tc\n4\td\n", 5, None)
        );
        assert_eq!(t.statement, run.find("INSERT"));
        assert_eq!(t.found, usize::MAX);
        // tuples side by side, a raw line end inside a string
        let t = take("(2,'b'),(3,'c\nd'),\n(4,'e');\n", b",\n");
        assert_eq!(
            (t.rows.as_str(), t.lines, t.stop),
            ("2\tb\n3\tc\\nd\n4\te\n", 3, None)
        );
        // after `;\n`: the same head first
        let t = take("INSERT INTO `t` VALUES\n(4,'d');\n", b";\n");
        assert_eq!((t.lines, t.stop, t.statement), (2, None, Some(0)));
        // a value too many: taken, and said
        let t = take("(2,'b',3),\n", b",\n");
        assert_eq!((t.rows.as_str(), t.stop), ("2\tb\t3\n", None));
        assert_eq!(t.bad, [(0, 0, RowBad::Count(3, 2))]);

        // what stops it: the unit holding it is not taken, the end is noted
        for (run, before, taken) in [
            ("INSERT INTO `u` VALUES\n(1,'x');\n", b";\n", ""),
            (
                "(2,'b'),\n(3,'c'), /* x */\n(4,'d'),\n",
                b",\n",
                "(2,'b'),\n",
            ),
            ("(2,'b'),\n(3,'c'),\r\n", b",\n", "(2,'b'),\n"),
            ("(2,'b'),\n-- c\n(3,'c'),\n", b",\n", "(2,'b'),\n"),
            ("(2,'b'),\n# c\n(3,'c'),\n", b",\n", "(2,'b'),\n"),
            ("(2,'b'),\n(3,/* c */'c'),\n", b",\n", "(2,'b'),\n"),
            ("(2,'b'),\n(3,'c\n", b",\n", "(2,'b'),\n"),
            ("(2,'b'),\n(3,'c')", b",\n", "(2,'b'),\n"),
            ("(2,'b') ,\n", b",\n", ""),
            ("(2,'b'),\n", b"x\n", ""),
            ("(2,'b'),\n", b"';", ""),
        ] {
            let t = take(run, before);
            assert_eq!(t.stop, Some(taken.len()), "{run:?}");
            assert_eq!(t.found, 1000 + taken.len(), "{run:?}");
            assert_eq!(t.lines, taken.matches('\n').count() as u64, "{run:?}");
            assert_eq!(
                t.rows.lines().count(),
                taken.matches('(').count(),
                "{run:?}"
            );
        }
        // an end found before the run: nothing of it is rows
        let t = take_after("(2,'b'),\n", b",\n", 999);
        assert_eq!((t.rows.as_str(), t.stop, t.found), ("", Some(0), 999));
    }

    #[test]
    fn runs_of_tuples_taken_ahead_end_after_a_separator() {
        let w = work();
        assert_eq!(w.run_end(b",\n(1,'a'),\n(2,'b');\n(3,'c"), Some(20));
        assert_eq!(w.run_end(b"(1,'a'),\n(2,'b\nc"), Some(9));
        assert_eq!(w.run_end(b"(1,'a\nb\nc"), None);
    }
}
