//! The splitter gives the same pieces for every corpus file whatever the read size
//! (1, 2, 7, 64, 4096 bytes and the default), through the reader path, the mmap path
//! and compressed input; and the pieces join back to the file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs::File;
use std::io::Write;
use std::path::Path;

use common::{corpus_sql_files, require_corpus};
use dumpfix::io::{OpenOptions, Source};
use dumpfix::lex::driver::{split_reader, split_slice, SplitOptions};
use dumpfix::lex::{Kind, Lexer};
use dumpfix::pipeline;

/// (kind, offset, len, partial, continued) for each piece, plus a check that the
/// pieces cover the input exactly.
type Pieces = Vec<(Kind, u64, usize, bool, bool)>;

fn record(out: &mut Pieces, next: &mut u64, p: dumpfix::lex::driver::PieceRef<'_>) {
    assert_eq!(p.offset, *next, "pieces must be contiguous");
    *next += p.bytes.len() as u64;
    out.push((
        p.kind(),
        p.offset,
        p.bytes.len(),
        p.piece.partial,
        p.piece.continued,
    ));
}

fn via_reader(path: &Path, opts: SplitOptions, dialect: dumpfix::Dialect) -> Pieces {
    let mut out = Vec::new();
    let mut next = 0;
    let mut lx = Lexer::new(dialect);
    split_reader(&mut lx, File::open(path).unwrap(), &opts, "t", |p| {
        record(&mut out, &mut next, p);
        Ok(())
    })
    .unwrap();
    assert_eq!(next, std::fs::metadata(path).unwrap().len());
    out
}

fn via_pipeline(path: &Path, mmap: bool, window: usize) -> (Pieces, dumpfix::Dialect) {
    let mut d = pipeline::open(&Source::Path(path.into()), OpenOptions { mmap }, None).unwrap();
    let dialect = d.dialect();
    let mut out = Vec::new();
    let mut next = 0;
    let opts = SplitOptions {
        window,
        ..SplitOptions::default()
    };
    d.for_each_piece(&opts, |p| {
        record(&mut out, &mut next, p);
        Ok(())
    })
    .unwrap();
    d.close();
    (out, dialect)
}

#[test]
fn statement_boundaries_do_not_depend_on_buffer_sizes() {
    let Some(_) = require_corpus("statement_boundaries_do_not_depend_on_buffer_sizes") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut total_pieces = 0;
    for f in corpus_sql_files() {
        // Default window, and a small one that forces long pieces into fragments.
        for window in [SplitOptions::default().window, 4096] {
            let (reference, dialect) = via_pipeline(&f, true, window);
            total_pieces += reference.len();
            let (streamed, _) = via_pipeline(&f, false, window);
            assert_eq!(
                streamed,
                reference,
                "{}: read path, window {window}",
                f.display()
            );
            for rs in [1usize, 2, 7, 64, 4096, SplitOptions::default().read_size] {
                let opts = SplitOptions {
                    read_size: rs,
                    window,
                };
                assert_eq!(
                    via_reader(&f, opts, dialect),
                    reference,
                    "{}: read size {rs}, window {window}",
                    f.display()
                );
            }
            // Through gzip: the decoding thread hands over chunks of its own size.
            let gz = dir.path().join("x.sql.gz");
            let mut e = flate2::write::GzEncoder::new(
                File::create(&gz).unwrap(),
                flate2::Compression::fast(),
            );
            std::io::copy(&mut File::open(&f).unwrap(), &mut e).unwrap();
            e.finish().unwrap().flush().unwrap();
            let (zipped, _) = via_pipeline(&gz, true, window);
            assert_eq!(zipped, reference, "{}: gzip, window {window}", f.display());
        }
    }
    let files = corpus_sql_files().len();
    eprintln!("{files} files, {total_pieces} pieces compared");
    // an empty or unreadable corpus must not pass as proof
    assert!(files >= 20, "only {files} corpus files");
    assert!(total_pieces > 10_000, "only {total_pieces} pieces");
}

#[test]
fn slice_and_reader_agree_on_synthetic_fragments() {
    // A dump whose single INSERT and COPY row are far larger than the window.
    let mut data = b"-- MySQL dump 10.13\nINSERT INTO `t` VALUES ".to_vec();
    for i in 0..2000 {
        data.extend_from_slice(format!("({i},'{}\\'\\\\',NULL),", "x".repeat(i % 97)).as_bytes());
    }
    data.extend_from_slice(b"(0,'");
    data.extend(std::iter::repeat_n(b'y', 50_000));
    data.extend_from_slice(b"');\n");
    let mut slice_pieces = Vec::new();
    let mut next = 0;
    let opts = SplitOptions {
        read_size: 3,
        window: 2048,
    };
    split_slice(
        &mut Lexer::new(dumpfix::Dialect::Mysql),
        &data,
        &opts,
        "t",
        |p| {
            record(&mut slice_pieces, &mut next, p);
            Ok(())
        },
    )
    .unwrap();
    let mut reader_pieces = Vec::new();
    next = 0;
    split_reader(
        &mut Lexer::new(dumpfix::Dialect::Mysql),
        &data[..],
        &opts,
        "t",
        |p| {
            record(&mut reader_pieces, &mut next, p);
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(slice_pieces, reader_pieces);
    // 2001 logical tuples, the last one in fragments.
    let tuples = slice_pieces
        .iter()
        .filter(|p| p.0 == Kind::Tuple && !p.4)
        .count();
    assert_eq!(tuples, 2001);
    assert!(slice_pieces.iter().any(|p| p.3), "expected fragments");
}
