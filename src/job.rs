//! One pipeline for `fix` and `check`: detect → convert (a MySQL dump for a
//! PostgreSQL target) → the target's rules → output. `check` is `fix` with the output
//! thrown away: the same stages, the same findings, the same refusals.

use std::io::Write;

use crate::convert::Converter;
use crate::finding::Finding;
use crate::ignore::Ignores;
use crate::lex::driver::{self, PieceRef};
use crate::lex::{Dialect, Kind};
use crate::pipeline::{self, Dump};
use crate::rewrite::{self, Engine};
use crate::rules::integrity;
use crate::sink::Sink;
use crate::Error;

/// What one run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every finding, at lines of the dump the user gave.
    pub findings: Vec<Finding>,
    /// A problem that leaves no output to keep, with its finding among `findings`:
    /// input that ends inside a statement (D001; the splitter's error, with its byte
    /// offset), or a dump the target cannot take (L022, several databases). `fix`
    /// writes nothing and exits 2; `check` reports the finding.
    pub fatal: Option<Error>,
}

/// Rewrite `dump` for the target of `opts` (None: copy it unchanged) into `out`.
///
/// A MySQL dump for a PostgreSQL target is converted on a thread of its own, and the
/// PostgreSQL it writes streams through a pipe into the target's rules; findings about
/// it carry the MySQL dump's lines. A PostgreSQL dump for a MySQL target is refused.
pub fn run(
    mut dump: Dump,
    opts: Option<rewrite::FixOptions>,
    threads: usize,
    split: &driver::SplitOptions,
    out: &mut Sink<'_>,
) -> crate::Result<Outcome> {
    let Some(opts) = opts else {
        dump.set_bulk_copy(Engine::BULK_COPY);
        dump.for_each_piece(split, |p| out.put(p.bytes))?;
        dump.close();
        return Ok(Outcome::default());
    };
    let target = &opts.target;
    match (dump.dialect(), target.dialect) {
        (a, b) if a == b => {}
        (Dialect::Mysql, Dialect::Postgres) => return from_mysql(dump, opts, threads, split, out),
        (d, _) => {
            return Err(Error::Usage(format!(
                "target {} takes a {} dump, and this is a {} dump ({}); converting {d} to {} is not available",
                target.name,
                target.dialect,
                d,
                dump.detection.producer,
                target.dialect,
            )))
        }
    }
    let mut engine = Engine::new(opts, dump.dialect());
    engine.set_threads(threads);
    engine.set_map(dump.mapped());
    dump.set_bulk_copy(Engine::BULK_COPY);
    let split_result = dump.for_each_piece_ahead(split, |p| engine.piece_ahead(&p, out));
    dump.close();
    let fatal = match split_result {
        Ok(()) => {
            engine.finish(out)?;
            None
        }
        // a rule that stops `fix` has its finding already
        Err(e @ Error::Rule { .. }) => Some((None, e)),
        Err(e) => Some(cut_finding(e).map(|(f, e)| (Some(f), e))?),
    };
    let mut findings = engine.into_findings();
    let fatal = fatal.map(|(f, e)| {
        findings.extend(f);
        e
    });
    Ok(Outcome { findings, fatal })
}

/// Input that ends inside a statement is a truncated dump: a D001 finding. Any other
/// error stays an error.
fn cut_finding(e: Error) -> crate::Result<(Finding, Error)> {
    match &e {
        Error::Syntax {
            message,
            line,
            offset,
            ..
        } if message.contains("unterminated") => {
            Ok((integrity::truncated_at(message, *line, *offset), e))
        }
        _ => Err(e),
    }
}

/// Where the converted text's lines come from: `(converted line, MySQL line, MySQL
/// offset)` at the first output of each statement other than an INSERT (written after
/// every row before it, so the marks do not depend on thread timing). Its size grows
/// with the number of those statements (the schema), not with the number of rows.
#[derive(Debug, Default)]
pub struct LineMap {
    marks: Vec<(u64, u64, u64)>,
}

impl LineMap {
    /// Output from converted line `out_line` on comes from MySQL line `in_line`, byte
    /// `in_offset`.
    fn mark(&mut self, out_line: u64, in_line: u64, in_offset: u64) {
        if let Some(&(o, i, _)) = self.marks.last() {
            if (o, i) == (out_line, in_line) {
                return;
            }
            if o == out_line {
                self.marks.pop();
            }
        }
        self.marks.push((out_line, in_line, in_offset));
    }

    /// The MySQL line and offset of converted line `line`: the first line of the
    /// statement whose output holds it.
    pub fn source(&self, line: u64) -> (u64, u64) {
        let i = self.marks.partition_point(|&(o, _, _)| o <= line);
        if i == 0 {
            return (line, 0);
        }
        let (o, l, off) = self.marks[i - 1];
        // line by line where the output has as many lines as the input (blanks,
        // comments), else the statement's first line
        let at = match self.marks.get(i) {
            Some(&(next_o, next_l, _)) if next_o - o == next_l.saturating_sub(l) => l + (line - o),
            _ => l,
        };
        (at, if at == l { off } else { 0 })
    }
}

/// Where the output of a MySQL statement (other than an INSERT) starts in the
/// converted text, sent by the converter thread before the bytes it points to.
struct Mark {
    /// Byte of the converted text.
    at: u64,
    /// The MySQL statement's line and offset.
    line: u64,
    offset: u64,
    /// The codes `-- dumpfix-ignore` comments silence for it.
    ignored: Vec<String>,
    /// The codes `-- dumpfix-ignore-file` comments named since the last mark.
    ignored_file: Vec<String>,
}

/// The reading side of the [`Mark`]s. The thread that reads the converted text
/// counts lines anyway: it turns the offsets into lines as its pieces pass (the
/// [`LineMap`]), so the converter thread need not count them. And it knows which
/// MySQL statement each converted one comes from, so the codes silenced for that
/// statement are silenced for every statement its conversion wrote (`CREATE TYPE`
/// before a `CREATE TABLE`, …), not only for the first; and the codes silenced for
/// the whole dump from there on, whatever the conversion wrote of the comments.
struct MarkReader {
    marks: std::sync::mpsc::Receiver<Mark>,
    /// A mark past the pieces read so far.
    next: Option<Mark>,
    /// The codes silenced for the MySQL statement being read.
    ignored: Vec<String>,
    /// Codes silenced for the whole dump, not yet handed to the target's rules.
    ignored_file: Vec<String>,
    map: LineMap,
}

impl MarkReader {
    /// The marks that fall before the end of piece `p` of the converted text, at its
    /// lines.
    fn piece(&mut self, p: &PieceRef<'_>) {
        let end = p.offset + p.bytes.len() as u64;
        while let Some(m) = self.next.take().or_else(|| self.marks.try_recv().ok()) {
            if m.at >= end {
                self.next = Some(m);
                return;
            }
            let before = p
                .bytes
                .get(..m.at.saturating_sub(p.offset) as usize)
                .unwrap_or_default();
            let out_line = p.line + memchr::memchr_iter(b'\n', before).count() as u64;
            self.map.mark(out_line, m.line, m.offset);
            self.ignored = m.ignored;
            self.ignored_file.extend(m.ignored_file);
        }
    }
}

/// What the converter thread hands back.
struct MysqlSide {
    notes: Vec<Finding>,
    /// The input ended inside a statement: the splitter's error.
    cut: Option<Error>,
    /// `-- dumpfix-ignore` comments of the MySQL dump: the line of the statement they
    /// precede, and the codes they silence there.
    ignores: Vec<(u64, Vec<String>)>,
    /// And what its `-- dumpfix-ignore-file` comments silence.
    file_ignores: Ignores,
    truncated: Option<Finding>,
}

fn from_mysql(
    mut dump: Dump,
    mut opts: rewrite::FixOptions,
    threads: usize,
    split: &driver::SplitOptions,
    out: &mut Sink<'_>,
) -> crate::Result<Outcome> {
    let target = opts.target.clone();
    // (in-process: an OS pipe cost a system call per 64 KiB each way)
    let (mut w, reader) = crate::io::chunks::channel(1 << 20, 4);
    let producer = dump.detection.producer.clone();
    let conv_split = *split;
    let (marks, received) = std::sync::mpsc::channel();
    let mut mark_reader = MarkReader {
        marks: received,
        next: None,
        ignored: Vec::new(),
        ignored_file: Vec::new(),
        map: LineMap::default(),
    };
    let converter = std::thread::Builder::new()
        .name("convert".into())
        .spawn(move || -> crate::Result<MysqlSide> {
            let mut conv = Converter::new();
            conv.set_threads(threads);
            conv.set_map(dump.mapped());
            conv.set_window(conv_split.window);
            let pipe_err = |e: std::io::Error| Error::Write {
                path: "<the pipe to the target's rules>".into(),
                source: e,
            };
            // the statement being converted, until its first output is tied to it
            let here = std::cell::Cell::new(None::<Mark>);
            // how many of the file-wide codes were sent with a mark
            let mut file_sent = 0;
            let mut out_bytes = 0u64;
            let mut end_marker = false;
            let mut ignores: Vec<(u64, Vec<String>)> = Vec::new();
            let mut named = Ignores::default();
            let mut last = (1u64, 0u64);
            let split_result = {
                let mut sink = |b: &[u8]| {
                    if let Some(mut m) = here.take() {
                        m.at = out_bytes;
                        // (the reader is gone only when the pipe is: the write says so)
                        let _ = marks.send(m);
                    }
                    out_bytes += b.len() as u64;
                    w.write_all(b).map_err(pipe_err)
                };
                let r = dump.for_each_piece_ahead(&conv_split, |p: PieceRef<'_>| {
                    match p.kind() {
                        Kind::Blank => {
                            end_marker |= integrity::is_end_marker(p.bytes);
                            named.blank(p.bytes);
                        }
                        Kind::Statement | Kind::InsertHead if !p.piece.continued => {
                            let codes = named.take_next();
                            if p.kind() == Kind::Statement {
                                // everything before it written first (rows converted
                                // on the threads), so that its output starts at a
                                // known line
                                conv.settle(&mut sink)?;
                                here.set(Some(Mark {
                                    at: 0,
                                    line: p.line,
                                    offset: p.offset,
                                    ignored: codes.clone(),
                                    ignored_file: named.file_codes()[file_sent..].to_vec(),
                                }));
                                file_sent = named.file_codes().len();
                            }
                            if !codes.is_empty() {
                                ignores.push((p.line, codes));
                            }
                        }
                        _ => {}
                    }
                    last = (p.line, p.offset + p.bytes.len() as u64);
                    conv.piece_ahead(&p, &mut sink)
                });
                match r {
                    Ok(()) => {
                        // what is written at the end (keys, views…) is of the last line
                        conv.settle(&mut sink)?;
                        here.set(Some(Mark {
                            at: 0,
                            line: last.0,
                            offset: last.1,
                            ignored: Vec::new(),
                            ignored_file: named.file_codes()[file_sent..].to_vec(),
                        }));
                        conv.finish(&mut sink).map(|()| None)
                    }
                    Err(e) => cut_finding(e).map(Some),
                }
            };
            let (truncated, cut) = match split_result? {
                Some((f, e)) => (Some(f), Some(e)),
                None => {
                    w.flush().map_err(pipe_err)?;
                    let f = integrity::missing_end(&producer, end_marker, last.0, last.1);
                    (f, None)
                }
            };
            dump.close();
            Ok(MysqlSide {
                cut,
                notes: conv.findings(),
                ignores,
                file_ignores: named,
                truncated,
            })
        })
        .map_err(|e| Error::Internal(format!("cannot start the converter thread: {e}")))?;
    let rewrite = (|| -> crate::Result<Vec<Finding>> {
        let stream =
            crate::io::Input::from_reader("(the converted dump)".to_string(), Box::new(reader));
        let mut pg = pipeline::from_input(stream, Some(Dialect::Postgres))?;
        opts.producer = pg.detection.producer.clone();
        let mut engine = Engine::new(opts, Dialect::Postgres);
        engine.set_threads(threads);
        pg.set_bulk_copy(Engine::BULK_COPY);
        pg.for_each_piece(split, |p| {
            if !matches!(p.kind(), Kind::CopyRows | Kind::CopyRow | Kind::Tuple) {
                mark_reader.piece(&p);
                if !mark_reader.ignored_file.is_empty() {
                    engine.silence_file(&std::mem::take(&mut mark_reader.ignored_file));
                }
                if matches!(p.kind(), Kind::Statement | Kind::InsertHead) && !p.piece.continued {
                    engine.silence_next(&mark_reader.ignored);
                }
            }
            engine.piece(&p, out)
        })?;
        engine.finish(out)?;
        Ok(engine.into_findings())
    })();
    // (the pipe's reading end is closed by now: a converter still writing stops)
    let conversion = converter
        .join()
        .unwrap_or_else(|_| Err(Error::Internal("the converter thread panicked".into())));
    let (side, found) = match (conversion, rewrite) {
        // the converter's own error (bad input) explains a stream cut short
        (Err(e), _) if !e.is_broken_pipe() => return Err(e),
        (Ok(side), Err(_)) if side.cut.is_some() => {
            // the input ended inside a statement: the converted text may end anywhere
            return Ok(Outcome {
                findings: side.truncated.into_iter().collect(),
                fatal: side.cut,
            });
        }
        (_, Err(e)) | (Err(e), Ok(_)) => return Err(e),
        (Ok(side), Ok(found)) => (side, found),
    };
    // a comment before the statement at MySQL line `line` names `code`
    let ignored_at = |code: &str, line: u64| {
        side.ignores
            .iter()
            .any(|(l, codes)| *l == line && codes.iter().any(|c| c == code))
    };
    // the conversion's own findings: silenced by either form (it wrote PostgreSQL
    // all the same)
    let mut findings: Vec<Finding> = side
        .notes
        .into_iter()
        .filter(|f| {
            target.enabled(f.code)
                && !side.file_ignores.silences_file(f.code)
                && !ignored_at(f.code, f.line)
        })
        .collect();
    for mut f in found {
        let (line, offset) = mark_reader.map.source(f.line);
        f.line = line;
        f.offset = offset;
        // the snippet and column were of the converted text
        f.snippet = None;
        f.column = 1;
        // the target's rules heeded the comments themselves, through the marks; a
        // file-wide comment after the last statement reached them too late
        if !crate::rules::file_ignore_drops(&side.file_ignores, &f) {
            findings.push(f);
        }
    }
    // (as the rules' own D001 at the end of a PostgreSQL dump, a file-wide ignore
    // silences the missing end marker)
    findings.extend(
        side.truncated
            .filter(|f| target.enabled(f.code) && !side.file_ignores.silences_file(f.code)),
    );
    Ok(Outcome {
        findings,
        fatal: side.cut,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_map_follows_statements() {
        let mut m = LineMap::default();
        // statements at MySQL lines 1, 5, 11 (an INSERT whose rows take converted
        // lines 11-110), 12 and 14; the end at line 20
        m.mark(1, 1, 0);
        m.mark(5, 5, 40);
        m.mark(11, 11, 100);
        m.mark(111, 12, 5000);
        m.mark(113, 14, 5020);
        m.mark(113, 20, 6000); // nothing written for line 14: replaced
        assert_eq!(m.source(3), (3, 0));
        assert_eq!(m.source(5), (5, 40));
        assert_eq!(m.source(11), (11, 100));
        assert_eq!(m.source(60), (11, 100));
        assert_eq!(m.source(110), (11, 100));
        assert_eq!(m.source(111), (12, 5000));
        assert_eq!(m.source(112), (12, 5000));
        assert_eq!(m.source(113), (20, 6000));
        assert_eq!(m.source(150), (20, 6000));
        assert_eq!(m.marks.len(), 5, "{:?}", m.marks);
    }
}
