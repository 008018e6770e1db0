//! dumpfix: lint and repair SQL database dumps (mysqldump, mariadb-dump, pg_dump plain
//! format) in one streaming pass with bounded memory.
//!
//! The data flow is `source → decode → split → (rules) → encode → sink`; see
//! `DESIGN.md`. This crate is the library behind the `dumpfix` binary.

pub mod app;
pub mod bundle;
pub mod catalog;
pub mod config;
pub mod convert;
pub mod detect;
pub mod error;
pub mod finding;
pub mod ignore;
pub mod io;
pub mod job;
pub mod lex;
pub mod namemap;
pub mod pgarchive;
pub mod pipeline;
pub mod pool;
pub mod reference;
pub mod report;
pub mod rewrite;
pub mod rows;
pub mod rules;
pub mod schema;
pub mod sink;
pub mod sql;
pub mod stats;
pub mod targets;

pub use error::{Error, Result};
pub use lex::{Dialect, Kind, Lexer, Piece};
