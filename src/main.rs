//! The `dumpfix` command line: parse arguments, call the library, map errors to exit
//! codes (0 clean, 1 findings, 2 usage or input error; a closed stdout ends quietly).

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use dumpfix::finding::{Finding, Severity};
use dumpfix::io::output::{Compression, Output, OutputOptions};
use dumpfix::io::{OpenOptions, Source};
use dumpfix::lex::driver;
use dumpfix::rewrite;
use dumpfix::rules;
use dumpfix::rules::context::Mode;
use dumpfix::stats::Collector;
use dumpfix::{catalog, config, job, pipeline, report, targets, Dialect, Error, Result};

#[derive(Parser)]
#[command(
    name = "dumpfix",
    version,
    about = "Lint and repair SQL database dumps (mysqldump, mariadb-dump, pg_dump) in one streaming pass",
    long_about = "dumpfix reads a SQL dump — mysqldump / mariadb-dump or pg_dump (plain, or a \
custom / tar / directory archive, read as the script pg_restore -f - prints), from a file or stdin, plain or gzip / zstd / tar.gz compressed (detected by magic bytes) — \
splits it into statements without ever holding a whole statement in memory, and writes it back \
out, rewritten for a target or byte for byte.",
    after_help = "Examples:\n  dumpfix stats database.gz\n  mysqldump lportal | dumpfix fix --target liferay-mysql -o database.gz\n  dumpfix fix database.tgz --compress zstd -o database.sql.zst\n\nExit codes: 0 ok, 1 findings, 2 usage or input error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb;
    /// CLICOLOR_FORCE=1 forces them), always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output written to a stream that `is_terminal` or not.
    fn enabled(self, is_terminal: bool) -> bool {
        let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            // https://no-color.org, https://bixense.com/clicolors/
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto
                if std::env::var_os("CLICOLOR_FORCE")
                    .is_some_and(|x| !x.is_empty() && x != "0") =>
            {
                true
            }
            ColorChoice::Auto if std::env::var_os("TERM").is_some_and(|t| t == "dumb") => false,
            ColorChoice::Auto => is_terminal,
        }
    }
}

/// What `fix` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    /// SQL text (plain or compressed).
    Sql,
    /// A pg_dump custom-format archive.
    Custom,
}

#[derive(Subcommand)]
enum Command {
    /// Rewrite a dump for a target and write it out (with no target: copy it exactly)
    #[command(
        after_help = "Examples:\n  dumpfix fix --target liferay-mysql dump.sql -o database.gz\n  mysqldump db | dumpfix fix --target liferay-mysql > out.sql\n  dumpfix fix --target liferay-postgresql mysqldump.sql -o database.gz\n  dumpfix fix database.tgz -o plain.sql         # no target: unpack, copy as is\n  dumpfix fix dump.sql.zst --compress gzip --level 9 -o dump.sql.gz\n\nWith no --target (and no `target` in dumpfix.toml) the dump is copied unchanged,\nwhich a note on stderr says. Output names ending in .bz2, .xz, .zip, .7z or .lz4\nare refused: dumpfix writes plain SQL, gzip, zstd and tar.gz.\n\nA MySQL dump given with a PostgreSQL target is converted on the way (as `dumpfix\nconvert --to postgresql` does, streamed into the target's rules): what the conversion\nchanges or cannot carry is a finding at its MySQL line, like every other.\n\n`dumpfix check` runs exactly these stages with the output thrown away: the same\nfindings, the same refusals. On stderr, fix lists what it could not fix and counts\nwhat it changed per rule; --report FILE writes every finding as JSON. Exit 1 when a\nfinding it could not fix is an error.\n\nA file given with -o is written under a temporary name and renamed when complete,\nso a failed run never leaves a partial file behind. Devices and FIFOs are written directly."
    )]
    Fix {
        #[command(flatten)]
        input: InputArgs,
        /// Output file (default: stdout); `.gz`, `.zst`, `.tgz` choose the compression
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Target to rewrite the dump for (see `dumpfix targets`; default: `target` in
        /// dumpfix.toml); none: copy unchanged
        #[arg(long, value_name = "TARGET")]
        target: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
        /// Output compression (default: from the output file's extension, else none)
        #[arg(long, value_enum, value_name = "C")]
        compress: Option<Compression>,
        /// Compression level (gzip 0-9, default 6; zstd 1-22, default 3; custom archive:
        /// zlib 0-9 of its data blocks, 0 none, default 6)
        #[arg(long, value_name = "N")]
        level: Option<i32>,
        /// Output format: sql (plain SQL, compressed as --compress says) or custom (a
        /// pg_dump custom-format archive, as `pg_dump -Fc -O -x` writes; also chosen by an
        /// output name ending in .dump or .backup). custom needs PostgreSQL SQL: a pg_dump
        /// plain dump, or a MySQL dump with a PostgreSQL target
        #[arg(long, value_enum, value_name = "F")]
        format: Option<OutFormat>,
        /// Archive version of a custom archive: 1.14 (pg_dump 12-15; Mendix needs it) or
        /// 1.16 (pg_dump 17+)
        #[arg(long, value_enum, value_name = "V")]
        archive_version: Option<dumpfix::pgarchive::write::ArchiveVersion>,
        /// Threads for rewriting rows and for compression (default 0: one per core; 1: none besides the main one)
        #[arg(long, value_name = "N", default_value_t = 0)]
        threads: usize,
        /// Also write every finding (what was changed, and what could not be) to FILE,
        /// as JSON in the schema of `check --format json`
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    /// Show what a dump holds: dialect, producer, statements by kind, rows per table
    #[command(
        after_help = "Examples:\n  dumpfix stats world.sql\n  dumpfix stats --format json database.gz | jq '.tables[] | select(.rows > 0)'"
    )]
    Stats {
        #[command(flatten)]
        input: InputArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Report what a target rejects, without writing anything (exit 1 on findings)
    #[command(
        after_help = "Examples:\n  dumpfix check --target liferay-postgresql database.gz\n  dumpfix check --target liferay-mysql --format concise dumps/*.sql\n  dumpfix check --target liferay-mysql --format json dump.sql | jq .findings\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error."
    )]
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// Target to check against (see `dumpfix targets`; default: `target` in dumpfix.toml)
        #[arg(long, value_name = "TARGET")]
        target: Option<String>,
        /// The document library archive that goes with the dump (volume.tgz): read to its end and
        /// checked as `bundle verify` checks it (S002-S005), its size added to the 2 TB check (S001)
        #[arg(long, value_name = "FILE")]
        volume: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
        /// Report format: human (source snippets), concise (one line each), json, sarif (SARIF 2.1.0), github (annotations), gitlab (Code Quality)
        #[arg(long, value_enum, default_value_t = report::Format::Human)]
        format: report::Format,
        /// After the report, count the findings per rule and per table (on stderr
        /// for the json, sarif, github and gitlab formats)
        #[arg(long)]
        statistics: bool,
        /// Lowest severity that makes the exit code 1 [default: warning, or `fail-on` in dumpfix.toml]
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<FailOn>,
        /// Threads for checking data rows (default 0: one per core; 1: none besides the main one)
        #[arg(long, value_name = "N", default_value_t = 0)]
        threads: usize,
        /// More dumps, checked into the same report (each finding names its file)
        #[arg(value_name = "MORE")]
        more: Vec<PathBuf>,
    },
    /// Convert a MySQL dump into a PostgreSQL script (types, values, INSERT → COPY)
    #[command(
        after_help = "Examples:\n  dumpfix convert --to postgresql dump.sql.gz -o pg.sql\n  mysqldump db | dumpfix convert --to postgresql -o pg.sql\n  psql -v ON_ERROR_STOP=1 --single-transaction -f pg.sql newdb\n\nTables go to the database's default schema; load into an existing empty database.\nViews are translated (written after the data, each after the views it reads) and\ntriggers become PL/pgSQL trigger functions, where every MySQL function and operator\nthey use has an exact PostgreSQL equivalent (IFNULL, IF, CONCAT, GROUP_CONCAT,\nDATE_FORMAT, LIMIT a,b, <=>, DIV, …). Stored procedures and functions, and views or\ntriggers using anything else (WEEK(), `/`, DECLARE, …), are written commented out\nand listed on stderr with their line (exit 1).\n\nKEY/INDEX/UNIQUE keys become indexes after the data; FULLTEXT keys GIN indexes on\nto_tsvector('simple', coalesce(col::text, '') || ' ' || …) (no stemming, like MySQL's\nparser; queries must use that expression with @@ to use them). Generated columns become\nGENERATED ALWAYS AS (…) STORED when the expression translates exactly to an immutable\nPostgreSQL one. mysqldump never writes their values, so any other generated column is\nNULL in every row: an error finding (C008), with its NOT NULL and primary key dropped\nso that the script still loads.\n\nEverything the conversion changes, drops or cannot carry is a finding with a code\n(C001-C011, V001-V003; `dumpfix rule CODE` explains each) at its MySQL line."
    )]
    Convert {
        #[command(flatten)]
        input: InputArgs,
        /// The target database (only PostgreSQL: MySQL → PostgreSQL)
        #[arg(long, value_enum, value_name = "DB")]
        to: ConvertTo,
        /// Output file (default: stdout); `.gz`, `.zst` choose the compression
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// datetime/timestamp become `timestamp with time zone` (values read as UTC)
        #[arg(long)]
        timestamptz: bool,
        /// Type of one column or of every column of a MySQL type:
        /// `--cast user_.flags=integer`, `--cast char=text` (repeatable; an enum column
        /// cast this way gets exactly that type, without enum type or CHECK)
        #[arg(long, value_name = "WHAT=TYPE")]
        cast: Vec<dumpfix::convert::Cast>,
        /// Keep the case of table, column, index, constraint and type names (names that
        /// are not all lower case are then double-quoted and must be quoted in queries);
        /// by default every name is lower-cased
        #[arg(long)]
        keep_case: bool,
        /// An enum column becomes `text` with a CHECK of its members (and of '', MySQL's
        /// value for an invalid member); by default each enum column gets a type of its
        /// own, `CREATE TYPE <table>_<column> AS ENUM ('', members…)`
        #[arg(long)]
        enum_as_check: bool,
        /// Output compression (default: from the output file's extension, else none)
        #[arg(long, value_enum, value_name = "C")]
        compress: Option<Compression>,
        /// Compression level
        #[arg(long, value_name = "N")]
        level: Option<i32>,
        /// Threads for compression (default: one per core)
        #[arg(long, value_name = "N", default_value_t = 0)]
        threads: usize,
    },
    /// Mendix backups (files_and_database-….tar.gz): pack, verify, unpack
    Mendix {
        #[command(subcommand)]
        command: MendixCommand,
    },
    /// Make the Liferay Cloud upload pair: database.gz (as `fix` writes it) and volume.tgz
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = "Examples:\n  dumpfix bundle --target liferay-mysql lportal.sql --document-library /opt/liferay/data/document_library -o upload\n  dumpfix bundle --target liferay-postgresql db.sql.gz --document-library dl --include license -o upload\n  dumpfix bundle verify upload/\n  dumpfix bundle verify --target liferay-mysql backup-lfr-acme-prd-123.tgz volume.tgz\n\nWrites OUTDIR/database.gz (byte for byte what `fix --target T -o database.gz` writes;\n--database-form tgz: database.tgz, a tar holding database.gz) and OUTDIR/volume.tgz: the\ndocument library as document_library/, then each --include folder under its own name,\nregular files and folders only (a link, device or FIFO is refused, naming it), sorted,\ngzip-compressed on every core, streamed. Both are written under temporary names and\nrenamed only when both are complete; a pair over Liferay Cloud's 2 TB is refused. Then\nit prints the upload command (it uploads nothing).\n\nExit codes: 0 written, 1 written but the dump has errors fix could not repair,\n2 usage or input error (nothing written)."
    )]
    Bundle {
        #[command(subcommand)]
        verify: Option<BundleCommand>,
        #[command(flatten)]
        args: Box<BundleArgs>,
    },
    /// List the targets `fix --target` and `check --target` accept
    Targets,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(
        after_help = "Examples:\n  dumpfix completions bash > /etc/bash_completion.d/dumpfix\n  dumpfix completions zsh > \"${fpath[1]}/_dumpfix\"\n  dumpfix completions fish > ~/.config/fish/completions/dumpfix.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `dumpfix man > dumpfix.1; man -l dumpfix.1`
    Man,
    /// List every rule: code, name, severity, whether `fix` repairs it
    Rules {
        /// Output format (json: code, name, severity, fixable, summary, targets, manual)
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the manual of one rule
    Rule {
        /// The rule's code or name (e.g. L010 or table-name-case)
        code: String,
    },
    /// Build the Liferay catalog from Liferay's table list and template schema
    #[command(hide = true)]
    Catalog {
        /// tables.txt: one canonical name per line
        #[arg(long)]
        names: PathBuf,
        /// portal-tables.sql: Liferay's template schema
        #[arg(long)]
        template: PathBuf,
    },
}

#[derive(clap::Args)]
struct BundleArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Target to fix the dump for (liferay-mysql or liferay-postgresql)
    #[arg(long, value_name = "TARGET")]
    target: Option<String>,
    /// The document library folder (Liferay's data/document_library): volume.tgz holds it as document_library/
    #[arg(long, value_name = "DIR", required = true)]
    document_library: Option<PathBuf>,
    /// Another folder for volume.tgz, under its own name after document_library/ (e.g. license; repeatable)
    #[arg(long, value_name = "DIR")]
    include: Vec<PathBuf>,
    /// The folder to write database.gz (or database.tgz) and volume.tgz into (created if missing)
    #[arg(short, long, value_name = "OUTDIR", required = true)]
    output: Option<PathBuf>,
    /// database.gz, or database.tgz (a tar holding database.gz: MySQL and upgrade flows)
    #[arg(long, value_enum, value_name = "FORM", default_value_t = DatabaseForm::Gz)]
    database_form: DatabaseForm,
    #[command(flatten)]
    rules: RuleArgs,
    /// gzip level of both files (0-9, default 6)
    #[arg(long, value_name = "N")]
    level: Option<i32>,
    /// Threads for rewriting and compression (default 0: one per core)
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Also write every finding about the dump to FILE, as JSON (as `fix --report`)
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum DatabaseForm {
    /// database.gz
    Gz,
    /// database.tgz: a tar.gz holding database.gz
    Tgz,
}

// parsed once, at start: the size of the variants does not matter
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum MendixCommand {
    /// Write a Mendix backup (files_and_database-….tar.gz): .metadata, db/db.backup (a
    /// pg_dump custom archive, version 1.14) and tree/<xx>/<yy>/<uuid>
    #[command(
        after_help = "Examples:\n  dumpfix mendix pack --db app.sql --files uploads -o files_and_database-app.tar.gz\n  dumpfix mendix pack --db mysql.sql.gz --target liferay-postgresql --files files -o backup.tar.gz\n\n--db is a plain pg_dump dump (any compression dumpfix reads), or a MySQL dump with a\nPostgreSQL --target that converts it; it becomes db/db.backup as `fix --format custom`\nwrites it (no owners, no privileges, large objects in schema public). --files is a\nfolder of files named by their uuid, flat or in folders; each is streamed into\ntree/<xx>/<yy>/<uuid>. .metadata holds dumpSize, filesSize, databaseSize,\nmodelVersion and duration, all strings (see the README for what each is).\n\nExit codes: 0 written, 1 written but the dump has errors fix could not repair,\n2 usage or input error (nothing written)."
    )]
    Pack {
        /// The database dump
        #[arg(long, value_name = "DUMP")]
        db: PathBuf,
        /// The folder of uploaded files (named by uuid)
        #[arg(long, value_name = "DIR")]
        files: Option<PathBuf>,
        /// The archive to write
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
        /// Target to rewrite the dump for (a PostgreSQL one; needed for a MySQL dump)
        #[arg(long, value_name = "TARGET")]
        target: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
        /// The modelVersion written in .metadata
        #[arg(long, value_name = "V", default_value = "1.0.0.0")]
        model_version: String,
        /// gzip level of the archive (0-9, default 6)
        #[arg(long, value_name = "N")]
        level: Option<i32>,
        /// Threads for rewriting and compression (default 0: one per core)
        #[arg(long, value_name = "N", default_value_t = 0)]
        threads: usize,
        /// No notes on stderr
        #[arg(short, long)]
        quiet: bool,
    },
    /// Check a Mendix backup: gzip and tar to the end, .metadata, db/db.backup's version,
    /// TOC and data, ACLs, schemas, tree names (X001-X006)
    #[command(
        after_help = "Reports as `check` does (--format), with codes X001 (an entry that is not a regular\nfile or folder, or not .metadata, db/db.backup or under tree/), X002 (.metadata\nmissing, not a JSON object of strings, or sizes that are not the archive's), X003\n(db/db.backup missing, unreadable, or newer than --max-archive-version), X004 (ACL\nentries), X005 (entries outside schema public: a warning), X006 (tree names).\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error or an archive\nthat cannot be read to its end (gzip or tar damaged or cut short)."
    )]
    Verify {
        /// The archive
        #[arg(value_name = "ARCHIVE")]
        archive: PathBuf,
        /// The newest archive version db/db.backup may have
        #[arg(long, value_name = "V", default_value = "1.14")]
        max_archive_version: String,
        /// Report format: human, concise, json, sarif, github, gitlab
        #[arg(long, value_enum, default_value_t = report::Format::Human)]
        format: report::Format,
        /// Lowest severity that makes the exit code 1 [default: warning]
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<FailOn>,
        /// No notes on stderr
        #[arg(short, long)]
        quiet: bool,
    },
    /// Extract a Mendix backup into a folder (links, devices, absolute paths and `..` are refused)
    Unpack {
        /// The archive
        #[arg(value_name = "ARCHIVE")]
        archive: PathBuf,
        /// The folder to extract into
        #[arg(short = 'C', long = "directory", value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum BundleCommand {
    /// Check an upload pair: every gzip CRC, the tars to their end, the dump (as `check`), volume.tgz's entries, the 2 TB limit
    #[command(
        after_help = "PATH: the folder holding the pair (its database.gz or database.tgz and volume.tgz), or\nthe two files under any names (downloaded backups are called\nbackup-lfr-<project>-prd-<id>.tgz): which is which is told by name, else by content.\n\nReports as `check` does (--format), with codes: the dump's findings, S001 (2 TB),\nS002 (a file damaged or cut short: gzip CRC or length, tar, not one dump), S003 (no\ntop-level document_library/), S004 (other top-level entries: a warning), S005\n(absolute paths, `..`, links, devices, FIFOs).\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error or a file that\ncannot be read."
    )]
    Verify {
        /// The folder holding the pair, or the two files
        #[arg(value_name = "PATH", required = true, num_args = 1..=2)]
        paths: Vec<PathBuf>,
        /// Target the dump must pass (default: `target` in dumpfix.toml)
        #[arg(long, value_name = "TARGET")]
        target: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
        /// Report format: human, json, sarif, github, gitlab
        #[arg(long, value_enum, default_value_t = report::Format::Human)]
        format: report::Format,
        /// Lowest severity that makes the exit code 1 [default: warning]
        #[arg(long, value_enum, value_name = "LEVEL")]
        fail_on: Option<FailOn>,
        /// Threads for checking data rows (default 0: one per core)
        #[arg(long, value_name = "N", default_value_t = 0)]
        threads: usize,
        /// No progress bar and no notes on stderr
        #[arg(short, long)]
        quiet: bool,
    },
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Database name for the MySQL envelope (default: the dump's, else lportal)
    #[arg(long, value_name = "NAME")]
    database: Option<String>,
    /// Rename per-company Liferay Objects tables from company id OLD to NEW
    #[arg(long, value_name = "OLD=NEW", value_parser = parse_company)]
    company_id: Option<(String, String)>,
    /// Schema dump of a fresh Liferay database: its table names and column types win
    #[arg(long, value_name = "FILE")]
    reference: Option<PathBuf>,
    /// More canonical table names, one per line
    #[arg(long, value_name = "FILE")]
    table_names: Option<PathBuf>,
    /// Largest statement the server accepts (MySQL max_allowed_packet), in bytes or
    /// with a K, M or G suffix (e.g. 256M)
    #[arg(long, value_name = "SIZE", value_parser = parse_size_u64)]
    max_packet: Option<u64>,
    /// Remove psql's \restrict / \unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+),
    /// which a psql older than 15.14 refuses (PostgreSQL target; L025)
    #[arg(long)]
    strip_restrict: bool,
    /// Settings file (default: dumpfix.toml in this directory or the nearest parent)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Run only these rules, by code or name (comma-separated, repeatable; turns on
    /// rules the target leaves off); applied after dumpfix.toml's [rules]
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    select: Vec<String>,
    /// Never run these rules, by code or name (comma-separated, repeatable); applied
    /// after dumpfix.toml's [rules] and --select
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    ignore: Vec<String>,
}

fn parse_company(s: &str) -> std::result::Result<(String, String), String> {
    let (a, b) = s
        .split_once('=')
        .ok_or_else(|| "expected OLD=NEW, e.g. 20097=35001".to_string())?;
    let ok = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
    if !ok(a) || !ok(b) {
        return Err("company ids are numbers: OLD=NEW, e.g. 20097=35001".into());
    }
    Ok((a.to_string(), b.to_string()))
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
enum FailOn {
    Info,
    Warning,
    Error,
}

#[derive(clap::Args, Clone)]
struct InputArgs {
    /// The dump: a file, or `-` / nothing for stdin (plain, gzip, zstd, tar, tar.gz)
    ///
    /// From a tar (or tar.gz, such as database.tgz) the one member that is a dump is
    /// read: a member named *.sql, *.sql.gz, *.sql.zst or *.sql.zstd, a pg_dump archive
    /// named *.dump or *.backup (a Mendix backup's db/db.backup), or another *.gz, *.zst
    /// or *.zstd (database.gz) that holds SQL. Other members (a README, a document
    /// volume) are skipped and named in a note on stderr; two dumps are an error naming
    /// both.
    #[arg(value_name = "INPUT")]
    input: Option<PathBuf>,
    /// The dump's dialect, when detection from its header guesses wrong
    #[arg(long, value_enum, value_name = "D")]
    from: Option<FromDialect>,
    /// MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without
    /// saying so: read `\` in strings as an ordinary character ('C:\dir\' is a whole
    /// string, only '' escapes a quote). A `SET sql_mode` in the dump still switches
    /// (mysqldump's header turns escapes back on for its data); without this option
    /// strings start backslash-escaped, as in MySQL's default mode
    #[arg(long)]
    no_backslash_escapes: bool,
    /// No progress bar, and no summary of findings or notes on stderr (the exit code still tells)
    #[arg(short, long)]
    quiet: bool,
    /// Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few
    /// MiB; mapped pages are the file's page cache, see README)
    #[arg(long)]
    no_mmap: bool,
    /// Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements
    /// and rows are streamed in fragments; `convert` streams a larger MySQL row's long
    /// strings and hex literals too, and only a single other value (a number, a date)
    /// must fit in it
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    window: Option<usize>,
    /// The name reports give a dump read from stdin (default: `<stdin>`)
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ConvertTo {
    #[value(alias = "postgres", alias = "pg")]
    Postgresql,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FromDialect {
    Mysql,
    #[value(alias = "postgres", alias = "pg")]
    Postgresql,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    let mut notes = InputNotes::default();
    let result = run(cli, &mut notes);
    notes.print();
    match result {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(Error::Stdout(e)) => {
            // one line, whatever the command: `dumpfix rules > /dev/full`
            let _ = writeln!(
                std::io::stderr().lock(),
                "dumpfix: error: cannot write to stdout: {e}"
            );
            ExitCode::from(2)
        }
        Err(e) => {
            // a closed stderr must not turn the error into a panic
            if std::io::stderr().is_terminal() {
                if !color.enabled(true) {
                    let _ = miette::set_hook(Box::new(|_| {
                        Box::new(miette::MietteHandlerOpts::new().color(false).build())
                    }));
                }
                let report = miette::Report::new(e);
                let _ = writeln!(std::io::stderr().lock(), "{report:?}");
            } else {
                // Logs and CI: `dumpfix: error: …` and a `hint: …`, one line each.
                let _ = std::io::stderr()
                    .lock()
                    .write_all(plain_error(&e).as_bytes());
            }
            ExitCode::from(2)
        }
    }
}

/// An error as `dumpfix: error: MESSAGE: CAUSE` and, when there is help, a line
/// `hint: …`: each one line, whatever the message holds.
fn plain_error(e: &Error) -> String {
    use miette::Diagnostic as _;
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut msg = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let t = c.to_string();
        if !msg.contains(&t) {
            msg.push_str(": ");
            msg.push_str(&t);
        }
        cause = c.source();
    }
    let mut out = format!("dumpfix: error: {}\n", one_line(&msg));
    if let Some(h) = e.help().map(|h| one_line(&h.to_string())) {
        if !h.is_empty() {
            out.push_str(&format!("hint: {h}\n"));
        }
    }
    out
}

/// The candidate closest to a misspelled `name`, when one is close enough to be meant.
fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Notes from reading the input (tar members that are not dumps), printed on stderr
/// when the run ends, unless `--quiet`.
#[derive(Default)]
struct InputNotes(Vec<(String, Arc<std::sync::Mutex<Vec<String>>>)>);

impl InputNotes {
    fn print(&self) {
        let mut err = std::io::stderr().lock();
        for (name, notes) in &self.0 {
            let Ok(notes) = notes.lock() else {
                continue;
            };
            for n in notes.iter() {
                let _ = writeln!(err, "dumpfix: note: {name}: {n}");
            }
        }
    }
}

fn run(cli: Cli, notes: &mut InputNotes) -> Result<ExitCode> {
    let color = cli.color;
    match cli.command {
        Command::Fix {
            input,
            output,
            target,
            rules,
            compress,
            level,
            format,
            archive_version,
            threads,
            report,
        } => {
            let compress = match (format, compress) {
                (Some(OutFormat::Custom), Some(c)) if c != Compression::Custom => {
                    return Err(Error::Usage(format!(
                        "--format custom and --compress {c:?} do not go together: a custom archive compresses its data blocks itself (--level 0-9)"
                    )
                    .to_lowercase()));
                }
                (Some(OutFormat::Custom), _) => Some(Compression::Custom),
                (Some(OutFormat::Sql), Some(Compression::Custom)) => {
                    return Err(Error::Usage(
                        "--format sql and --compress custom do not go together".into(),
                    ));
                }
                (Some(OutFormat::Sql), None) => {
                    let named = output.as_deref().map(Compression::from_path);
                    match named {
                        Some(Compression::Custom) | None => Some(Compression::None),
                        Some(c) => Some(c),
                    }
                }
                (_, c) => c,
            };
            let custom = compress.or_else(|| {
                output
                    .as_deref()
                    .filter(|p| p.as_os_str() != "-")
                    .map(Compression::from_path)
            }) == Some(Compression::Custom);
            if archive_version.is_some() && !custom {
                return Err(Error::Usage(
                    "--archive-version is for a custom archive: add --format custom, or name the output *.dump or *.backup".into(),
                ));
            }
            let config = load_config(&rules)?;
            let target = target
                .or_else(|| config.target.clone())
                .map(|t| find_target(&t, &config, &rules))
                .transpose()?;
            if target.is_none() && (!rules.select.is_empty() || !rules.ignore.is_empty()) {
                return Err(Error::Usage(
                    "--select and --ignore choose rules of a target: give --target NAME".into(),
                ));
            }
            if target.is_none() && !input.quiet {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "dumpfix: note: no target: the dump is copied unchanged (choose one with --target NAME or `target = \"NAME\"` in dumpfix.toml; `dumpfix targets` lists them)"
                );
            }
            let out_opts = OutputOptions {
                path: output,
                compression: compress,
                level,
                input_identity: None,
                threads,
                archive_version,
                quiet: input.quiet,
            };
            let fixed = run_fix(
                &input,
                target.as_ref(),
                &rules,
                &config,
                out_opts,
                threads,
                report.as_deref(),
                notes,
            )?;
            fixed.out.finish()?;
            if !input.quiet {
                report_fix(&fixed.findings, &fixed.name);
            }
            Ok(fix_exit(&fixed.findings))
        }
        Command::Check {
            input,
            target,
            volume,
            rules,
            format,
            fail_on,
            threads,
            statistics,
            more,
        } => {
            let config = load_config(&rules)?;
            let target = match target.or_else(|| config.target.clone()) {
                Some(t) => find_target(&t, &config, &rules)?,
                None => {
                    return Err(Error::Usage(
                        "check needs a target: --target NAME, or `target = \"NAME\"` in dumpfix.toml (see `dumpfix targets`)".into(),
                    ))
                }
            };
            let mut paths = vec![input.input.clone()];
            paths.extend(more.into_iter().map(Some));
            let several = paths.len() > 1;
            if paths
                .iter()
                .filter(|p| p.as_deref().is_none_or(|p| p.as_os_str() == "-"))
                .count()
                > 1
            {
                return Err(Error::Usage("stdin (`-`) can be read once".into()));
            }
            let (mut findings, mut names, mut raw_size) = (Vec::new(), Vec::new(), 0u64);
            for path in paths {
                let one = InputArgs {
                    input: path,
                    ..input.clone()
                };
                let (these, size) = run_check(&one, &target, &rules, &config, threads, notes)?;
                raw_size += size.unwrap_or(0);
                let name = dump_name(&one);
                let mut these = these;
                these.sort_by_key(|f| f.line);
                if several {
                    for f in &mut these {
                        f.file = Some(name.clone());
                    }
                }
                findings.extend(these);
                names.push(name);
            }
            config.reclassify(&mut findings);
            // findings of stages besides the rules (the conversion, the end of the
            // dump) follow --select and --ignore too
            let (select, ignore) = selection(&rules)?;
            findings.retain(|f| {
                (select.is_empty() || select.contains(&f.code)) && !ignore.contains(&f.code)
            });
            if !several {
                findings.sort_by_key(|f| f.line);
            }
            if let Some(v) = &volume {
                let mut vf = volume_findings(&target, raw_size, v)?;
                config.reclassify(&mut vf);
                findings.extend(vf);
            }
            let name = names.join(", ");
            print_findings(&findings, &name, format, &target.name, color)?;
            if statistics {
                let text = report::statistics(&findings);
                match format {
                    report::Format::Human | report::Format::Concise => to_stdout(&text)?,
                    _ => {
                        let _ = std::io::stderr().lock().write_all(text.as_bytes());
                    }
                }
            }
            if format == report::Format::Github {
                if let Some(p) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
                    let cx = report::Context {
                        file: &name,
                        target: &target.name,
                        color: false,
                    };
                    append_summary(
                        std::path::Path::new(&p),
                        &report::github_summary(&findings, &cx),
                    )?;
                }
            }
            Ok(check_exit(&findings, fail_on, &config))
        }
        Command::Mendix { command } => run_mendix(command, color, notes),
        Command::Bundle { verify, args } => match verify {
            Some(BundleCommand::Verify {
                paths,
                target,
                rules,
                format,
                fail_on,
                threads,
                quiet,
            }) => run_verify(
                &paths, target, &rules, format, fail_on, threads, quiet, color, notes,
            ),
            None => run_bundle(*args, notes),
        },
        Command::Stats { input, format } => {
            let mut dump = open(&input, notes)?;
            let progress = Progress::start(&input, &dump);
            let mut c = Collector::new(dump.dialect());
            dump.for_each_piece(&split_options(&input), |p| {
                c.piece(&p);
                Ok(())
            })?;
            progress.done();
            let d = dump.detection.clone();
            let encoding = dump
                .layers()
                .iter()
                .map(dumpfix::io::Layer::label)
                .collect();
            let compressed = (!dump.layers().is_empty()).then(|| dump.input.raw_read.clone());
            let raw_size = dump.input.raw_size;
            dump.close();
            let mut stats = c.finish(&d.producer, d.version, encoding);
            // after close: the decoding thread has counted every byte it read
            stats.compressed_bytes =
                compressed.map(|n| raw_size.unwrap_or_else(|| n.load(Ordering::Relaxed)));
            with_stdout(|so| match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut *so, &stats)?;
                    writeln!(so)
                }
                Format::Human => print_stats(so, &stats),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Convert {
            input,
            to,
            output,
            timestamptz,
            cast,
            keep_case,
            enum_as_check,
            compress,
            level,
            threads,
        } => {
            let ConvertTo::Postgresql = to;
            let mut dump = open(&input, notes)?;
            if dump.dialect() != Dialect::Mysql {
                return Err(Error::Usage(format!(
                    "convert --to postgresql reads a MySQL dump, and this is a {} dump ({})",
                    dump.dialect(),
                    dump.detection.producer
                )));
            }
            let out_opts = OutputOptions {
                path: output,
                compression: compress,
                level,
                input_identity: dump.input.identity,
                threads,
                archive_version: None,
                quiet: input.quiet,
            };
            let mut out = Output::create(&out_opts)?;
            let progress = Progress::start(&input, &dump);
            let mut conv = dumpfix::convert::Converter::with_options(dumpfix::convert::Options {
                timestamptz,
                casts: cast,
                keep_case,
                enum_as_check,
            });
            conv.set_threads(threads);
            conv.set_map(dump.mapped());
            conv.set_window(split_options(&input).window);
            // a dump without its producer's completion comment is truncated (D001),
            // as `check` and `fix` say; one that ends inside a statement is an error
            let producer = dump.detection.producer.clone();
            let (mut end_marker, mut last) = (false, (1u64, 0u64));
            {
                dump.for_each_piece(&split_options(&input), |p| {
                    if p.kind() == dumpfix::lex::Kind::Blank {
                        end_marker |= rules::integrity::is_end_marker(p.bytes);
                    }
                    last = (p.line, p.offset + p.bytes.len() as u64);
                    conv.piece(&p, &mut out)
                })?;
                conv.finish(&mut out)?;
            }
            out.finish()?;
            progress.done();
            dump.close();
            let name = dump_name(&input);
            let mut findings: Vec<Finding> = conv
                .notes()
                .iter()
                .map(|n| {
                    let mut f = Finding::new(n.rule, n.message.clone(), n.line, 0);
                    f.count = n.count;
                    f
                })
                .collect();
            findings.extend(rules::integrity::missing_end(
                &producer, end_marker, last.0, last.1,
            ));
            if !input.quiet {
                let mut err = std::io::stderr().lock();
                for f in &findings {
                    let _ = writeln!(err, "{}", human_line(f, &name));
                }
            }
            Ok(if findings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "dumpfix", &mut out);
            with_stdout(|so| so.write_all(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(Error::Stdout)?;
            with_stdout(|so| so.write_all(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Targets => {
            let mut o = String::new();
            for t in targets::all() {
                let _ = writeln!(o, "{:24} {}", t.name, t.description);
            }
            to_stdout(&o)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules {
            format: Format::Json,
        } => {
            let list: Vec<serde_json::Value> = rules::REGISTRY
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "severity": m.severity.to_string(),
                        "fixable": m.fixable(),
                        "summary": m.summary,
                        "targets": targets::all()
                            .iter()
                            .filter(|t| t.enabled(m.code))
                            .map(|t| t.name.clone())
                            .collect::<Vec<_>>(),
                        "doc": m.doc,
                    })
                })
                .collect();
            with_stdout(|so| {
                serde_json::to_writer_pretty(&mut *so, &list)?;
                writeln!(so)
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules {
            format: Format::Human,
        } => {
            let mut o = String::new();
            let _ = writeln!(o, "{:6} {:36} {:8} fix", "code", "name", "severity");
            for m in rules::REGISTRY {
                let _ = writeln!(
                    o,
                    "{:6} {:36} {:8} {}",
                    m.code,
                    m.name,
                    m.severity.to_string(),
                    if m.fixable() { "yes" } else { "no" }
                );
            }
            to_stdout(&o)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rule { code } => {
            let mut o = String::new();
            let m = rules::lookup(&code).ok_or_else(|| {
                let names = rules::REGISTRY.iter().flat_map(|m| [m.code, m.name]);
                Error::Usage(match did_you_mean(&code, names) {
                    Some(near) => {
                        format!("no rule '{code}': did you mean '{near}'? (see `dumpfix rules`)")
                    }
                    None => format!("no rule '{code}' (see `dumpfix rules`)"),
                })
            })?;
            let _ = writeln!(o, "# {} {}\n", m.code, m.name);
            let _ = writeln!(
                o,
                "Severity: {}. Fixable: {}. Targets: {}.\n",
                m.severity,
                if m.fixable() { "yes" } else { "no" },
                targets::all()
                    .iter()
                    .filter(|t| t.enabled(m.code))
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = write!(o, "{}", m.doc);
            to_stdout(&o)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Catalog { names, template } => {
            let names = read_text(&names)?;
            let template = read_text(&template)?;
            let c = catalog::build(&names, &template).map_err(|e| Error::Usage(e.to_string()))?;
            let mut o = String::new();
            let _ = writeln!(
                o,
                "# Liferay table catalog: `Name column:TEMPLATE …`, one table per line."
            );
            let _ =
                writeln!(o,
                "# Generated by `dumpfix catalog --names tables.txt --template portal-tables.sql`"
            );
            let _ = writeln!(o, "# from Liferay's table list and template schema, plus the BLOB columns Liferay stores as large objects.");
            let _ = write!(o, "{}", c.to_text());
            to_stdout(&o)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// What `fix`'s pipeline left: the output, written but not yet finished (renamed),
/// and the findings.
struct Fixed {
    out: Output,
    findings: Vec<Finding>,
    name: String,
}

/// `fix`: open the dump, rewrite it for `target` (none: copy it) into the output of
/// `out_opts`. `bundle` writes its `database.gz` through here too, so that it is
/// byte for byte what `fix -o database.gz` writes. A dump that leaves nothing to keep
/// (one that ends inside a statement) is an error, and its output is removed.
#[allow(clippy::too_many_arguments)]
fn run_fix(
    input: &InputArgs,
    target: Option<&targets::Target>,
    rules: &RuleArgs,
    config: &config::Config,
    mut out_opts: OutputOptions,
    threads: usize,
    report: Option<&std::path::Path>,
    notes: &mut InputNotes,
) -> Result<Fixed> {
    let dump = open(input, notes)?;
    let engine = match target {
        Some(t) => Some(engine_options(t, rules, config, &dump)?),
        None => None,
    };
    out_opts.input_identity = dump.input.identity;
    let custom = out_opts.compression.or_else(|| {
        out_opts
            .path
            .as_deref()
            .filter(|p| p.as_os_str() != "-")
            .map(Compression::from_path)
    }) == Some(Compression::Custom);
    if custom {
        let out_dialect = target.map_or(dump.dialect(), |t| t.dialect);
        if out_dialect != Dialect::Postgres {
            return Err(Error::Usage(format!(
                "{}: a custom archive (pg_dump -Fc) holds PostgreSQL SQL, and this dump is {}{}",
                dump_name(input),
                dump.dialect(),
                if target.is_some() { " for a MySQL target" } else { "" }
            ) + ": give a PostgreSQL target (e.g. --target liferay-postgresql) to convert it, or write SQL (-o out.sql)"));
        }
    }
    let mut out = Output::create(&out_opts)?;
    let progress = Progress::start(input, &dump);
    let outcome = job::run(dump, engine, threads, &split_options(input), &mut out)?;
    progress.done();
    let name = dump_name(input);
    let mut findings = outcome.findings;
    config.reclassify(&mut findings);
    findings.sort_by_key(|f| f.line);
    if let Some(path) = report {
        write_report(path, &findings, &name, target)?;
    }
    if let Some(e) = outcome.fatal {
        // never keep a dump that ends inside a statement (the temporary file
        // is removed when `out` is dropped); the report has its D001
        drop(out);
        return Err(e);
    }
    Ok(Fixed {
        out,
        findings,
        name,
    })
}

/// `fix`'s exit code: 1 when a finding it could not fix is an error.
fn fix_exit(findings: &[Finding]) -> ExitCode {
    let failing = findings
        .iter()
        .any(|f| !f.fixable && f.severity >= Severity::Error);
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The target of `check` and `bundle verify`: `--target`, else dumpfix.toml's.
fn check_target(
    target: Option<String>,
    config: &config::Config,
    rules: &RuleArgs,
) -> Result<targets::Target> {
    match target.or_else(|| config.target.clone()) {
        Some(t) => find_target(&t, config, rules),
        None => Err(Error::Usage(
            "check needs a target: --target NAME, or `target = \"NAME\"` in dumpfix.toml (see `dumpfix targets`)".into(),
        )),
    }
}

/// `check`: `fix` with the output thrown away. The findings (not yet reclassified by
/// the settings) and the size of the input: the file's, or the bytes read from stdin.
fn run_check(
    input: &InputArgs,
    target: &targets::Target,
    rules: &RuleArgs,
    config: &config::Config,
    threads: usize,
    notes: &mut InputNotes,
) -> Result<(Vec<Finding>, Option<u64>)> {
    let dump = open(input, notes)?;
    let engine = engine_options(target, rules, config, &dump)?;
    let raw_size = dump.input.raw_size;
    // the bytes read, for the size of a dump from a pipe (S001 with `--volume`)
    let read = dump.input.raw_read.clone();
    let progress = Progress::start(input, &dump);
    // `fix` with the output thrown away
    let mut sink = |_: &[u8]| Ok(());
    let outcome = job::run(
        dump,
        Some(engine),
        threads,
        &split_options(input),
        &mut sink,
    )?;
    progress.done();
    let size = raw_size.or_else(|| Some(read.load(Ordering::Relaxed)));
    Ok((outcome.findings, size))
}

/// The checks of a volume (`check --volume`, `bundle verify`): read to its end
/// (S002–S005), and its size with the database's (S001), as far as the target runs
/// them.
fn volume_findings(
    target: &targets::Target,
    dump_size: u64,
    volume: &std::path::Path,
) -> Result<Vec<Finding>> {
    let v = dumpfix::bundle::verify::check_volume(volume)?;
    let mut findings: Vec<Finding> = rules::integrity::upload_size(dump_size, v.size)
        .into_iter()
        .chain(v.findings)
        .filter(|f| target.enabled(f.code))
        .collect();
    findings.sort_by_key(|f| f.code);
    Ok(findings)
}

/// `check`'s exit code: 1 when a finding is at or above `--fail-on` (or dumpfix.toml's
/// `fail-on`; default warning).
fn check_exit(findings: &[Finding], fail_on: Option<FailOn>, config: &config::Config) -> ExitCode {
    let fail_on = fail_on.or_else(|| {
        config
            .fail_on
            .as_deref()
            .map(|f| match f.to_ascii_lowercase().as_str() {
                "info" => FailOn::Info,
                "error" => FailOn::Error,
                _ => FailOn::Warning,
            })
    });
    let min = match fail_on.unwrap_or(FailOn::Warning) {
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
    };
    if findings.iter().any(|f| f.severity >= min) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `bundle verify PATH…`: the database through `check`'s pipeline, the volume read to
/// its end on a thread of its own at the same time, the sizes together; one report.
#[allow(clippy::too_many_arguments)]
fn run_verify(
    paths: &[PathBuf],
    target: Option<String>,
    rules: &RuleArgs,
    format: report::Format,
    fail_on: Option<FailOn>,
    threads: usize,
    quiet: bool,
    color: ColorChoice,
    notes: &mut InputNotes,
) -> Result<ExitCode> {
    use dumpfix::bundle::verify;
    let config = load_config(rules)?;
    let target = check_target(target, &config, rules)?;
    let (db, vol) = verify::find_pair(paths)?;
    let volume_thread = vol.clone().map(|v| {
        std::thread::Builder::new()
            .name("verify-volume".into())
            .spawn(move || verify::check_volume(&v))
    });
    let mut findings = Vec::new();
    let mut db_size = 0;
    if let Some(db) = &db {
        db_size = std::fs::metadata(db)
            .map_err(|e| Error::Read {
                path: db.display().to_string(),
                source: e,
            })?
            .len();
        // Liferay Cloud takes database.gz or database.tgz: gzip, whatever it holds
        let mut head = [0u8; 2];
        let gzip = std::fs::File::open(db)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok()
            && head == [0x1f, 0x8b];
        if !gzip && db_size > 0 {
            findings.push(verify::finding_about(
                &rules::upload::BAD_ARCHIVE,
                db,
                "the database file is not gzip-compressed: Liferay Cloud takes database.gz (gzip of the dump) or database.tgz (a tar.gz holding database.gz)".into(),
            ));
        }
        let input = InputArgs {
            input: Some(db.clone()),
            from: None,
            no_backslash_escapes: false,
            quiet,
            no_mmap: false,
            window: None,
            stdin_filename: None,
        };
        match run_check(&input, &target, rules, &config, threads, notes) {
            Ok((f, _)) => findings.extend(f),
            // what `check` calls an input error is, for the file of an upload pair,
            // a damaged file: a finding, so that every report format carries it
            Err(Error::Decode { message, .. }) => findings.push(verify::finding_about(
                &rules::upload::BAD_ARCHIVE,
                db,
                message,
            )),
            Err(Error::NotSql { reason, offset, .. }) => findings.push(verify::finding_about(
                &rules::upload::BAD_ARCHIVE,
                db,
                format!("the database file holds no SQL dump: {reason} (at byte {offset} of the decoded data)"),
            )),
            Err(Error::Empty { .. }) => findings.push(verify::finding_about(
                &rules::upload::BAD_ARCHIVE,
                db,
                "the database file is empty".into(),
            )),
            Err(e) => return Err(e),
        }
        config.reclassify(&mut findings);
        findings.sort_by_key(|f| f.line);
    }
    if let Some(handle) = volume_thread {
        let checked = handle
            .map_err(|e| Error::Internal(format!("cannot start the volume thread: {e}")))?
            .join()
            .map_err(|_| Error::Internal("the volume thread panicked".into()))??;
        let mut vf: Vec<Finding> = rules::integrity::upload_size(db_size, checked.size)
            .into_iter()
            .chain(checked.findings)
            .filter(|f| target.enabled(f.code))
            .collect();
        vf.sort_by_key(|f| f.code);
        config.reclassify(&mut vf);
        findings.extend(vf);
    }
    if !quiet {
        let mut err = std::io::stderr().lock();
        let show = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or("none".to_string(), |p| p.display().to_string())
        };
        let _ = writeln!(
            err,
            "dumpfix: verified database {} and volume {}",
            show(&db),
            show(&vol)
        );
    }
    let name = db
        .as_ref()
        .or(vol.as_ref())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    print_findings(&findings, &name, format, &target.name, color)?;
    Ok(check_exit(&findings, fail_on, &config))
}

/// `mendix pack|verify|unpack`.
fn run_mendix(
    command: MendixCommand,
    color: ColorChoice,
    notes: &mut InputNotes,
) -> Result<ExitCode> {
    use dumpfix::pgarchive::mendix;
    match command {
        MendixCommand::Pack {
            db,
            files,
            output,
            target,
            rules,
            model_version,
            level,
            threads,
            quiet,
        } => {
            let config = load_config(&rules)?;
            let target = target
                .or_else(|| config.target.clone())
                .map(|t| find_target(&t, &config, &rules))
                .transpose()?;
            let tree = match &files {
                Some(d) => mendix::list_tree(d)?,
                None => Vec::new(),
            };
            let files_size: u64 = tree.iter().map(|f| f.size).sum();
            let dir = match output.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let werr = |e: std::io::Error| Error::Write {
                path: output.display().to_string(),
                source: e,
            };
            let spool = tempfile::Builder::new()
                .prefix(".db.backup.")
                .suffix(".dumpfix-tmp")
                .tempfile_in(&dir)
                .map_err(werr)?;
            let start = std::time::Instant::now();
            let input = InputArgs {
                input: Some(db.clone()),
                from: None,
                no_backslash_escapes: false,
                quiet: true,
                no_mmap: false,
                window: None,
                stdin_filename: None,
            };
            let out_opts = OutputOptions {
                path: Some(spool.path().to_path_buf()),
                compression: Some(Compression::Custom),
                level: None,
                input_identity: None,
                threads,
                archive_version: Some(dumpfix::pgarchive::write::ArchiveVersion::V1_14),
                quiet,
            };
            let fixed = run_fix(
                &input,
                target.as_ref(),
                &rules,
                &config,
                out_opts,
                threads,
                None,
                notes,
            )?;
            fixed.out.finish()?;
            let duration = start.elapsed().as_secs();
            let mut dbf = std::fs::File::open(spool.path()).map_err(werr)?;
            let db_size = dbf.metadata().map_err(werr)?.len();
            let info = mendix::read_archive(std::io::BufReader::new(&mut dbf)).map_err(werr)?;
            std::io::Seek::seek(&mut dbf, std::io::SeekFrom::Start(0)).map_err(werr)?;
            let metadata = mendix::metadata_json(&[
                ("duration", duration.to_string()),
                ("dumpSize", db_size.to_string()),
                ("modelVersion", model_version),
                ("databaseSize", info.sql_bytes.to_string()),
                ("filesSize", files_size.to_string()),
            ]);
            let mut out = Output::create(&OutputOptions {
                path: Some(output.clone()),
                compression: Some(Compression::Gzip),
                level,
                input_identity: None,
                threads,
                archive_version: None,
                quiet,
            })?;
            struct W<'a>(&'a mut Output);
            impl std::io::Write for W<'_> {
                fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                    self.0
                        .write_all(buf)
                        .map_err(|e| std::io::Error::other(e.to_string()))?;
                    Ok(buf.len())
                }
                fn flush(&mut self) -> std::io::Result<()> {
                    Ok(())
                }
            }
            mendix::write_tar(W(&mut out), &metadata, &mut dbf, db_size, &tree).map_err(werr)?;
            out.finish()?;
            if !quiet {
                report_fix(&fixed.findings, &fixed.name);
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "dumpfix: wrote {}: db/db.backup ({db_size} bytes, {} TOC entries), {} files ({files_size} bytes)",
                    output.display(),
                    info.entries.len(),
                    tree.len()
                );
            }
            Ok(fix_exit(&fixed.findings))
        }
        MendixCommand::Verify {
            archive,
            max_archive_version,
            format,
            fail_on,
            quiet,
        } => {
            let max = max_archive_version
                .split_once('.')
                .and_then(|(a, b)| Some((a.parse::<u8>().ok()?, b.parse::<u8>().ok()?)))
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "--max-archive-version {max_archive_version}: give MAJOR.MINOR, e.g. 1.14"
                    ))
                })?;
            let v = mendix::verify(&archive, max)?;
            if !quiet {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "dumpfix: verified {}: db/db.backup {}, {} files under tree/",
                    archive.display(),
                    v.db.as_ref().map_or("not read".to_string(), |d| format!(
                        "version {}.{}, {} TOC entries",
                        d.version.0,
                        d.version.1,
                        d.entries.len()
                    )),
                    v.files
                );
            }
            let name = archive.display().to_string();
            print_findings(&v.findings, &name, format, "mendix", color)?;
            Ok(check_exit(&v.findings, fail_on, &config::Config::default()))
        }
        MendixCommand::Unpack { archive, dir } => {
            let n = mendix::unpack(&archive, &dir)?;
            let _ = writeln!(
                std::io::stderr().lock(),
                "dumpfix: unpacked {n} entries of {} into {}",
                archive.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `bundle`: `database.gz` (or `database.tgz`) through `fix`, then `volume.tgz`,
/// both under temporary names in OUTDIR, renamed only when both are complete and
/// within the size limit; then the upload command.
fn run_bundle(a: BundleArgs, notes: &mut InputNotes) -> Result<ExitCode> {
    use dumpfix::bundle::volume::{self, Folder};
    use dumpfix::rules::integrity::{human_size, upload_limit};
    let config = load_config(&a.rules)?;
    let target = match a.target.clone().or_else(|| config.target.clone()) {
        Some(t) => find_target(&t, &config, &a.rules)?,
        None => {
            return Err(Error::Usage(
                "bundle needs a target: --target liferay-mysql or liferay-postgresql (see `dumpfix targets`)".into(),
            ))
        }
    };
    let usage =
        |what: &str| Error::Usage(format!("bundle needs {what} (see `dumpfix bundle --help`)"));
    let outdir = a.output.clone().ok_or_else(|| usage("-o OUTDIR"))?;
    let library = a
        .document_library
        .clone()
        .ok_or_else(|| usage("--document-library DIR"))?;
    let mut folders = vec![Folder {
        dir: library,
        name: "document_library".into(),
    }];
    for inc in &a.include {
        let name = inc
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| {
                std::fs::canonicalize(inc)
                    .ok()
                    .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
            })
            .filter(|n| !n.is_empty() && n != "." && n != "..")
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--include {}: a folder with a name is needed (it goes into volume.tgz under that name)",
                    inc.display()
                ))
            })?;
        if folders.iter().any(|f| f.name == name) {
            return Err(Error::Usage(format!(
                "--include {}: volume.tgz already holds a top-level {name}/",
                inc.display()
            )));
        }
        folders.push(Folder {
            dir: inc.clone(),
            name,
        });
    }
    let werr = |p: &std::path::Path| {
        let p = p.display().to_string();
        move |e| Error::Write { path: p, source: e }
    };
    std::fs::create_dir_all(&outdir).map_err(werr(&outdir))?;
    // OUTDIR inside an archived folder would archive the files being written
    let out_real = std::fs::canonicalize(&outdir).map_err(werr(&outdir))?;
    for f in &folders {
        if let Ok(real) = std::fs::canonicalize(&f.dir) {
            if out_real.starts_with(&real) {
                return Err(Error::Usage(format!(
                    "-o {} is inside {}, which goes into volume.tgz: write the bundle elsewhere",
                    outdir.display(),
                    f.dir.display()
                )));
            }
        }
    }
    // Links and devices are refused, and the size estimated, before anything is written.
    let survey = volume::survey(&folders)?;
    let limit = upload_limit();
    let over = |what: String| Error::Bundle {
        message: format!(
            "{what}: over Liferay Cloud's upload limit of {} ({limit} bytes); nothing was written",
            human_size(limit)
        ),
        help: "clean up the document library (old versions, trash) or move part of it separately"
            .into(),
    };
    if survey.tar > limit {
        return Err(over(format!(
            "the document library and the included folders hold {} in {} files",
            human_size(survey.bytes),
            survey.files
        )));
    }
    let (db_name, db_form) = match a.database_form {
        DatabaseForm::Gz => ("database.gz", Compression::Gzip),
        DatabaseForm::Tgz => ("database.tgz", Compression::Tgz),
    };
    let db_path = outdir.join(db_name);
    let vol_path = outdir.join("volume.tgz");
    let out_opts = |path: PathBuf, compression| OutputOptions {
        path: Some(path),
        compression: Some(compression),
        level: a.level,
        input_identity: None,
        threads: a.threads,
        archive_version: None,
        quiet: a.input.quiet,
    };
    if !a.input.quiet {
        let _ = writeln!(
            std::io::stderr().lock(),
            "dumpfix: archiving {} files ({}) in {} folders into volume.tgz",
            survey.files,
            human_size(survey.bytes),
            survey.folders
        );
    }
    // The database and the volume are written at the same time, each compressed on
    // every core: the rewrite's serial parts and each file's last blocks overlap the
    // other's work.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (fixed, volume) = std::thread::scope(|s| {
        let vol_thread = std::thread::Builder::new()
            .name("volume".into())
            .spawn_scoped(s, || -> Result<_> {
                let mut out = Output::create(&out_opts(vol_path.clone(), Compression::Gzip))?;
                let written = volume::write(&folders, &mut out, &mut |o| {
                    if stop.load(Ordering::Relaxed) {
                        return Err(Error::Internal("stopped: the database failed".into()));
                    }
                    if o.written() > limit {
                        return Err(over(format!(
                            "volume.tgz, at {} and growing,",
                            human_size(o.written())
                        )));
                    }
                    Ok(())
                })?;
                Ok((out.complete()?, written))
            });
        let fixed = run_fix(
            &a.input,
            Some(&target),
            &a.rules,
            &config,
            out_opts(db_path.clone(), db_form),
            a.threads,
            a.report.as_deref(),
            notes,
        )
        .and_then(|f| Ok((f.out.complete()?, f.findings, f.name)));
        if fixed.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        let volume = match vol_thread {
            Ok(h) => h
                .join()
                .unwrap_or_else(|_| Err(Error::Internal("the volume thread panicked".into()))),
            Err(e) => Err(Error::Internal(format!(
                "cannot start the volume thread: {e}"
            ))),
        };
        (fixed, volume)
    });
    let (database, findings, name) = fixed?;
    let (vol, written) = volume?;
    let db_size = database.size();
    if db_size.saturating_add(vol.size()) > limit {
        return Err(over(format!(
            "{db_name} of {} and volume.tgz of {}",
            human_size(db_size),
            human_size(vol.size())
        )));
    }
    database.persist()?;
    vol.persist()?;
    let vol_size = std::fs::metadata(&vol_path).map(|m| m.len()).unwrap_or(0);
    if !a.input.quiet {
        report_fix(&findings, &name);
        let _ = writeln!(
            std::io::stderr().lock(),
            "dumpfix: wrote {} ({}) and {} ({}; {} files, {} folders)",
            db_path.display(),
            human_size(db_size),
            vol_path.display(),
            human_size(vol_size),
            written.files,
            written.folders
        );
    }
    let code = fix_exit(&findings);
    if code != ExitCode::SUCCESS && !a.input.quiet {
        let _ = writeln!(
            std::io::stderr().lock(),
            "dumpfix: the dump has errors fix could not repair (above): Liferay Cloud may refuse it"
        );
    }
    let command = dumpfix::bundle::upload_command(&db_path, &vol_path);
    to_stdout(&format!("{command}\n"))?;
    Ok(code)
}

/// Write `text` to stdout (see [`with_stdout`]).
fn to_stdout(text: &str) -> Result<()> {
    with_stdout(|so| so.write_all(text.as_bytes()))
}

/// Every write of a listing, report or figures to stdout goes through here (the dump
/// itself, through `Output`, whose errors are the same [`Error::Stdout`]): written
/// and flushed, a failed write is `Error::Stdout` — one line and exit 2 in `main`, or
/// a quiet exit 0 for a closed pipe.
fn with_stdout(
    f: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>,
) -> Result<()> {
    let mut so = std::io::stdout().lock();
    f(&mut so).and_then(|()| so.flush()).map_err(Error::Stdout)
}

fn read_text(path: &std::path::Path) -> Result<String> {
    let mut s = String::new();
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_to_string(&mut f, &mut s))
        .map_err(|e| Error::Read {
            path: path.display().to_string(),
            source: e,
        })?;
    Ok(s)
}

fn load_config(args: &RuleArgs) -> Result<config::Config> {
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir().ok().and_then(|d| config::find(&d)),
    };
    match path {
        Some(p) => config::Config::load(&p).map_err(Error::Usage),
        None => Ok(config::Config::default()),
    }
}

fn find_target(name: &str, config: &config::Config, args: &RuleArgs) -> Result<targets::Target> {
    let mut t = targets::find(name).ok_or_else(|| {
        let names: Vec<_> = targets::all().into_iter().map(|t| t.name).collect();
        let near = did_you_mean(name, names.iter().map(String::as_str))
            .map(|n| format!("did you mean '{n}'? "))
            .unwrap_or_default();
        Error::Usage(format!(
            "unknown target '{name}': {near}(known: {}; see `dumpfix targets`)",
            names.join(", ")
        ))
    })?;
    config.apply(&mut t);
    let (select, ignore) = selection(args)?;
    config::Config::select(&mut t, &select, &ignore);
    Ok(t)
}

/// `--select` and `--ignore` as rule codes.
fn selection(args: &RuleArgs) -> Result<(Vec<&'static str>, Vec<&'static str>)> {
    let codes = |list: &[String], option: &str| -> Result<Vec<&'static str>> {
        list.iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                rules::lookup(s).map(|m| m.code).ok_or_else(|| {
                    let names = rules::REGISTRY.iter().flat_map(|m| [m.code, m.name]);
                    let near = did_you_mean(s.trim(), names)
                        .map(|n| format!(": did you mean '{n}'?"))
                        .unwrap_or_default();
                    Error::Usage(format!(
                        "{option}: no rule '{}'{near} (see `dumpfix rules`)",
                        s.trim()
                    ))
                })
            })
            .collect()
    };
    Ok((
        codes(&args.select, "--select")?,
        codes(&args.ignore, "--ignore")?,
    ))
}

/// Append the markdown `summary` to the file `$GITHUB_STEP_SUMMARY` names.
fn append_summary(path: &std::path::Path, summary: &str) -> Result<()> {
    let werr = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source: e,
    };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(werr)?;
    f.write_all(summary.as_bytes()).map_err(werr)
}

fn engine_options(
    target: &targets::Target,
    args: &RuleArgs,
    config: &config::Config,
    dump: &pipeline::Dump,
) -> Result<rewrite::Options> {
    let mut catalog = catalog::Catalog::builtin();
    if let Some(p) = args.table_names.as_ref().or(config.table_names.as_ref()) {
        let text = read_text(p)?;
        catalog
            .add_names(&text, &p.display().to_string())
            .map_err(|e| Error::Usage(e.to_string()))?;
    }
    if let Some(p) = args.reference.as_ref().or(config.reference.as_ref()) {
        dumpfix::reference::learn_reference(&mut catalog, &Source::from_arg(Some(p)))?;
    }
    Ok(rewrite::Options {
        target: target.clone(),
        mode: Mode::Fix,
        catalog,
        database: args.database.clone().or_else(|| config.database.clone()),
        company: args.company_id.clone(),
        producer: dump.detection.producer.clone(),
        max_packet: args
            .max_packet
            .or(config.max_packet)
            .unwrap_or(rewrite::DEFAULT_MAX_PACKET),
        strip_restrict: args.strip_restrict,
    })
}

fn dump_name(args: &InputArgs) -> String {
    match args.input.as_deref() {
        Some(p) if p.as_os_str() != "-" => p.display().to_string(),
        _ => args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string()),
    }
}

/// `fix`'s summary on stderr: what it could not fix, one line each, then the count of
/// what it changed, per rule.
fn report_fix(findings: &[Finding], name: &str) {
    let mut err = std::io::stderr().lock();
    for f in findings.iter().filter(|f| !f.fixable) {
        let _ = writeln!(err, "{}", human_line(f, name));
    }
    let mut per_rule: std::collections::BTreeMap<(&str, &str), (u64, usize)> =
        std::collections::BTreeMap::new();
    for f in findings.iter().filter(|f| f.fixable) {
        let e = per_rule.entry((f.code, f.name)).or_default();
        e.0 += f.count;
        e.1 += 1;
    }
    if !per_rule.is_empty() {
        let list: Vec<String> = per_rule
            .iter()
            .map(|((code, rule), (n, _))| format!("{code} {rule} ×{n}"))
            .collect();
        let _ = writeln!(
            err,
            "dumpfix: fixed {} (`--report FILE` lists each)",
            list.join(", ")
        );
    }
}

/// `fix --report FILE`: the findings as `check --format json` writes them.
fn write_report(
    path: &std::path::Path,
    findings: &[Finding],
    name: &str,
    target: Option<&targets::Target>,
) -> Result<()> {
    let werr = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source: e,
    };
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).map_err(werr)?);
    let cx = report::Context {
        file: name,
        target: target.map_or("", |t| t.name.as_str()),
        color: false,
    };
    report::write(report::Format::Json, findings, &cx, &mut f).map_err(werr)?;
    f.flush().map_err(werr)
}

fn human_line(f: &Finding, name: &str) -> String {
    let times = if f.count > 1 {
        format!(" (×{})", f.count)
    } else {
        String::new()
    };
    format!(
        "{name}:{}: {}[{}] {}: {}{times}",
        f.line, f.severity, f.code, f.name, f.message
    )
}

fn print_findings(
    findings: &[Finding],
    name: &str,
    format: report::Format,
    target: &str,
    color: ColorChoice,
) -> Result<()> {
    let cx = report::Context {
        file: name,
        target,
        color: format == report::Format::Human && color.enabled(std::io::stdout().is_terminal()),
    };
    with_stdout(|so| report::write(format, findings, &cx, so))
}

fn open(args: &InputArgs, notes: &mut InputNotes) -> Result<pipeline::Dump> {
    let source = Source::from_arg(args.input.as_deref());
    if source == Source::Stdin && std::io::stdin().is_terminal() {
        // not a silent wait for a dump that is not coming
        return Err(Error::Usage(
            "no dump given: name a file (dumpfix check --target NAME dump.sql) or pipe one in (mysqldump db | dumpfix …)".into(),
        ));
    }
    let forced = args.from.map(|d| match d {
        FromDialect::Mysql => Dialect::Mysql,
        FromDialect::Postgresql => Dialect::Postgres,
    });
    let mut dump = pipeline::open(
        &source,
        OpenOptions {
            mmap: !args.no_mmap,
        },
        forced,
    )?;
    if args.no_backslash_escapes && dump.dialect() != Dialect::Mysql {
        return Err(Error::Usage(format!(
            "--no-backslash-escapes is a MySQL sql_mode, and this is a {} dump ({})",
            dump.dialect(),
            dump.detection.producer
        )));
    }
    dump.no_backslash_escapes = args.no_backslash_escapes;
    if !args.quiet {
        notes
            .0
            .push((dump.input.name.clone(), dump.input.notes.clone()));
    }
    Ok(dump)
}

/// A size in bytes: `8388608`, `64K`, `256M`, `1G` (powers of 1024, any case, an
/// optional `B`/`iB`).
fn parse_size(s: &str) -> std::result::Result<usize, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let unit_start = lower
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(lower.len());
    let (digits, unit) = lower.split_at(unit_start);
    let n: usize = digits
        .parse()
        .map_err(|_| format!("`{t}` is not a size (e.g. 8388608, 64K, 256M, 1G)"))?;
    let shift = match unit.trim().trim_end_matches("ib").trim_end_matches('b') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        other => return Err(format!("`{other}` is not a size unit (K, M or G)")),
    };
    n.checked_mul(1usize << shift)
        .ok_or_else(|| format!("`{t}` is too large"))
}

fn parse_size_u64(s: &str) -> std::result::Result<u64, String> {
    parse_size(s).map(|n| n as u64)
}

fn split_options(args: &InputArgs) -> driver::Options {
    let mut o = driver::Options::default();
    if let Some(w) = args.window {
        o.window = w;
    }
    o
}

fn print_stats(w: &mut impl Write, s: &dumpfix::stats::Stats) -> std::io::Result<()> {
    let version = s
        .version
        .as_deref()
        .map(|v| format!(" {v}"))
        .unwrap_or_default();
    writeln!(w, "dialect     {} ({}{})", s.dialect, s.producer, version)?;
    let enc = if s.encoding.is_empty() {
        "plain".to_string()
    } else {
        s.encoding.join(" > ")
    };
    writeln!(w, "input       {enc}")?;
    match s.compressed_bytes {
        Some(c) => {
            let ratio = if c > 0 {
                format!(", {:.1}x", s.bytes as f64 / c as f64)
            } else {
                String::new()
            };
            writeln!(
                w,
                "size        {} decompressed SQL, {} compressed{ratio}",
                human_size(s.bytes),
                human_size(c)
            )?;
        }
        None => writeln!(w, "size        {}", human_size(s.bytes))?,
    }
    writeln!(w, "lines       {}", s.lines)?;
    writeln!(w, "statements  {}", s.statements)?;
    let mut kinds: Vec<_> = s.kinds.iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    // one width for both lists, from the longest name and number, so the columns
    // line up whatever the table names
    let name_w = kinds
        .iter()
        .map(|(k, _)| k.chars().count())
        .chain(s.tables.iter().map(|t| t.name.chars().count()))
        .max()
        .unwrap_or(0)
        .max(28);
    let num_w = kinds
        .iter()
        .map(|(_, n)| n.to_string().len())
        .chain(s.tables.iter().map(|t| t.rows.to_string().len()))
        .max()
        .unwrap_or(0)
        .max(10);
    for (k, n) in kinds {
        writeln!(w, "  {k:<name_w$} {n:>num_w$}")?;
    }
    if s.commands > 0 {
        writeln!(w, "commands    {}", s.commands)?;
    }
    let rows: u64 = s.tables.iter().map(|t| t.rows).sum();
    writeln!(w, "tables      {} ({rows} rows)", s.tables.len())?;
    for t in &s.tables {
        writeln!(w, "  {:<name_w$} {:>num_w$}", t.name, t.rows)?;
    }
    Ok(())
}

/// `123456789 bytes (117.7 MiB)`: exact, and readable.
fn human_size(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let (mut v, mut u) = (n as f64 / 1024.0, 0);
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    format!("{n} bytes ({v:.1} {})", UNITS[u])
}

/// A progress bar on stderr, when it is a terminal.
struct Progress {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(args: &InputArgs, dump: &pipeline::Dump) -> Progress {
        let stop = Arc::new(AtomicBool::new(false));
        if args.quiet || !std::io::stderr().is_terminal() {
            return Progress { stop, handle: None };
        }
        let counter: Arc<AtomicU64> = dump.input.raw_read.clone();
        let size = dump.input.raw_size;
        let flag = stop.clone();
        let handle = std::thread::spawn(move || {
            let bar = match size {
                Some(n) => indicatif::ProgressBar::new(n).with_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                ),
                None => indicatif::ProgressBar::new_spinner().with_style(
                    indicatif::ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                ),
            };
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(5));
            while !flag.load(Ordering::Relaxed) {
                bar.set_position(counter.load(Ordering::Relaxed));
                std::thread::sleep(Duration::from_millis(200));
            }
            bar.finish_and_clear();
        });
        Progress {
            stop,
            handle: Some(handle),
        }
    }

    fn done(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
