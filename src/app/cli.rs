//! The command line's arguments: the clap definitions of every subcommand and
//! option, and the parsers of their values (sizes, company ids).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::io::output::Compression;
use crate::report;

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
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb;
    /// CLICOLOR_FORCE=1 forces them), always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output written to a stream that `is_terminal` or not.
    pub fn enabled(self, is_terminal: bool) -> bool {
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
pub enum OutFormat {
    /// SQL text (plain or compressed).
    Sql,
    /// A pg_dump custom-format archive.
    Custom,
}

#[derive(Subcommand)]
pub enum Command {
    /// Rewrite a dump for a target and write it out (with no target: copy it exactly)
    #[command(
        after_help = "Examples:\n  dumpfix fix --target liferay-mysql dump.sql -o database.gz\n  mysqldump db | dumpfix fix --target liferay-mysql > out.sql\n  dumpfix fix --target liferay-postgresql mysqldump.sql -o database.gz\n  dumpfix fix database.tgz -o plain.sql         # no target: unpack, copy as is\n  dumpfix fix dump.sql.zst --compress gzip --level 9 -o dump.sql.gz\n\nWith no --target (and no `target` in dumpfix.toml) the dump is copied unchanged,\nwhich a note on stderr says. Output names ending in .bz2, .xz, .zip, .7z or .lz4\nare refused: dumpfix writes plain SQL, gzip, zstd and tar.gz.\n\nA MySQL dump given with a PostgreSQL target is converted on the way (as `dumpfix\nconvert --to postgresql` does, streamed into the target's rules): what the conversion\nchanges or cannot carry is a finding at its MySQL line, like every other.\n\n`dumpfix check` runs exactly these stages with the output thrown away: the same\nfindings, the same refusals. On stderr, fix lists what it could not fix and counts\nwhat it changed per rule; --report FILE writes every finding as JSON. Exit 1 when a\nfinding it could not fix is an error.\n\nA file given with -o is written under a temporary name and renamed when complete,\nso a failed run never leaves a partial file behind. Devices and FIFOs are written directly."
    )]
    Fix(FixArgs),
    /// Show what a dump holds: dialect, producer, statements by kind, rows per table
    #[command(
        after_help = "Examples:\n  dumpfix stats world.sql\n  dumpfix stats --format json database.gz | jq '.tables[] | select(.rows > 0)'"
    )]
    Stats(StatsArgs),
    /// Report what a target rejects, without writing anything (exit 1 on findings)
    #[command(
        after_help = "Examples:\n  dumpfix check --target liferay-postgresql database.gz\n  dumpfix check --target liferay-mysql --format concise dumps/*.sql\n  dumpfix check --target liferay-mysql --format json dump.sql | jq .findings\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error."
    )]
    Check(CheckArgs),
    /// Convert a MySQL dump into a PostgreSQL script (types, values, INSERT → COPY)
    #[command(
        after_help = "Examples:\n  dumpfix convert --to postgresql dump.sql.gz -o pg.sql\n  mysqldump db | dumpfix convert --to postgresql -o pg.sql\n  psql -v ON_ERROR_STOP=1 --single-transaction -f pg.sql newdb\n\nTables go to the database's default schema; load into an existing empty database.\nViews are translated (written after the data, each after the views it reads) and\ntriggers become PL/pgSQL trigger functions, where every MySQL function and operator\nthey use has an exact PostgreSQL equivalent (IFNULL, IF, CONCAT, GROUP_CONCAT,\nDATE_FORMAT, LIMIT a,b, <=>, DIV, …). Stored procedures and functions, and views or\ntriggers using anything else (WEEK(), `/`, DECLARE, …), are written commented out\nand listed on stderr with their line (exit 1).\n\nKEY/INDEX/UNIQUE keys become indexes after the data; FULLTEXT keys GIN indexes on\nto_tsvector('simple', coalesce(col::text, '') || ' ' || …) (no stemming, like MySQL's\nparser; queries must use that expression with @@ to use them). Generated columns become\nGENERATED ALWAYS AS (…) STORED when the expression translates exactly to an immutable\nPostgreSQL one. mysqldump never writes their values, so any other generated column is\nNULL in every row: an error finding (C008), with its NOT NULL and primary key dropped\nso that the script still loads.\n\nEverything the conversion changes, drops or cannot carry is a finding with a code\n(C001-C011, V001-V003; `dumpfix rule CODE` explains each) at its MySQL line."
    )]
    Convert(ConvertArgs),
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

// The arguments of `dumpfix fix`.
#[derive(clap::Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output file (default: stdout); `.gz`, `.zst`, `.tgz` choose the compression
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Target to rewrite the dump for (see `dumpfix targets`; default: `target` in
    /// dumpfix.toml); none: copy unchanged
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output compression (default: from the output file's extension, else none)
    #[arg(long, value_enum, value_name = "C")]
    pub compress: Option<Compression>,
    /// Compression level (gzip 0-9, default 6; zstd 1-22, default 3; custom archive:
    /// zlib 0-9 of its data blocks, 0 none, default 6)
    #[arg(long, value_name = "N")]
    pub level: Option<i32>,
    /// Output format: sql (plain SQL, compressed as --compress says) or custom (a
    /// pg_dump custom-format archive, as `pg_dump -Fc -O -x` writes; also chosen by an
    /// output name ending in .dump or .backup). custom needs PostgreSQL SQL: a pg_dump
    /// plain dump, or a MySQL dump with a PostgreSQL target
    #[arg(long, value_enum, value_name = "F")]
    pub format: Option<OutFormat>,
    /// Archive version of a custom archive: 1.14 (pg_dump 12-15; Mendix needs it) or
    /// 1.16 (pg_dump 17+)
    #[arg(long, value_enum, value_name = "V")]
    pub archive_version: Option<crate::pgarchive::write::ArchiveVersion>,
    /// Threads for rewriting rows and for compression (default 0: one per core; 1: none besides the main one)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Also write every finding (what was changed, and what could not be) to FILE,
    /// as JSON in the schema of `check --format json`
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

// The arguments of `dumpfix stats`.
#[derive(clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

// The arguments of `dumpfix check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Target to check against (see `dumpfix targets`; default: `target` in dumpfix.toml)
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,
    /// The document library archive that goes with the dump (volume.tgz): read to its end and
    /// checked as `bundle verify` checks it (S002-S005), its size added to the 2 TB check (S001)
    #[arg(long, value_name = "FILE")]
    pub volume: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Report format: human (source snippets), concise (one line each), json, sarif (SARIF 2.1.0), github (annotations), gitlab (Code Quality)
    #[arg(long, value_enum, default_value_t = report::Format::Human)]
    pub format: report::Format,
    /// After the report, count the findings per rule and per table (on stderr
    /// for the json, sarif, github and gitlab formats)
    #[arg(long)]
    pub statistics: bool,
    /// Lowest severity that makes the exit code 1 [default: warning, or `fail-on` in dumpfix.toml]
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Threads for checking data rows (default 0: one per core; 1: none besides the main one)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// More dumps, checked into the same report (each finding names its file)
    #[arg(value_name = "MORE")]
    pub more: Vec<PathBuf>,
}

// The arguments of `dumpfix convert`.
#[derive(clap::Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The target database (only PostgreSQL: MySQL → PostgreSQL)
    #[arg(long, value_enum, value_name = "DB")]
    pub to: ConvertTo,
    /// Output file (default: stdout); `.gz`, `.zst` choose the compression
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// datetime/timestamp become `timestamp with time zone` (values read as UTC)
    #[arg(long)]
    pub timestamptz: bool,
    /// Type of one column or of every column of a MySQL type:
    /// `--cast user_.flags=integer`, `--cast char=text` (repeatable; an enum column
    /// cast this way gets exactly that type, without enum type or CHECK)
    #[arg(long, value_name = "WHAT=TYPE")]
    pub cast: Vec<crate::convert::Cast>,
    /// Keep the case of table, column, index, constraint and type names (names that
    /// are not all lower case are then double-quoted and must be quoted in queries);
    /// by default every name is lower-cased
    #[arg(long)]
    pub keep_case: bool,
    /// An enum column becomes `text` with a CHECK of its members (and of '', MySQL's
    /// value for an invalid member); by default each enum column gets a type of its
    /// own, `CREATE TYPE <table>_<column> AS ENUM ('', members…)`
    #[arg(long)]
    pub enum_as_check: bool,
    /// Output compression (default: from the output file's extension, else none)
    #[arg(long, value_enum, value_name = "C")]
    pub compress: Option<Compression>,
    /// Compression level
    #[arg(long, value_name = "N")]
    pub level: Option<i32>,
    /// Threads for compression (default: one per core)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

#[derive(clap::Args)]
pub struct BundleArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Target to fix the dump for (liferay-mysql or liferay-postgresql)
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,
    /// The document library folder (Liferay's data/document_library): volume.tgz holds it as document_library/
    #[arg(long, value_name = "DIR", required = true)]
    pub document_library: Option<PathBuf>,
    /// Another folder for volume.tgz, under its own name after document_library/ (e.g. license; repeatable)
    #[arg(long, value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// The folder to write database.gz (or database.tgz) and volume.tgz into (created if missing)
    #[arg(short, long, value_name = "OUTDIR", required = true)]
    pub output: Option<PathBuf>,
    /// database.gz, or database.tgz (a tar holding database.gz: MySQL and upgrade flows)
    #[arg(long, value_enum, value_name = "FORM", default_value_t = DatabaseForm::Gz)]
    pub database_form: DatabaseForm,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// gzip level of both files (0-9, default 6)
    #[arg(long, value_name = "N")]
    pub level: Option<i32>,
    /// Threads for rewriting and compression (default 0: one per core)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Also write every finding about the dump to FILE, as JSON (as `fix --report`)
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DatabaseForm {
    /// database.gz
    Gz,
    /// database.tgz: a tar.gz holding database.gz
    Tgz,
}

// parsed once, at start: the size of the variants does not matter
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum MendixCommand {
    /// Write a Mendix backup (files_and_database-….tar.gz): .metadata, db/db.backup (a
    /// pg_dump custom archive, version 1.14) and tree/<xx>/<yy>/<uuid>
    #[command(
        after_help = "Examples:\n  dumpfix mendix pack --db app.sql --files uploads -o files_and_database-app.tar.gz\n  dumpfix mendix pack --db mysql.sql.gz --target liferay-postgresql --files files -o backup.tar.gz\n\n--db is a plain pg_dump dump (any compression dumpfix reads), or a MySQL dump with a\nPostgreSQL --target that converts it; it becomes db/db.backup as `fix --format custom`\nwrites it (no owners, no privileges, large objects in schema public). --files is a\nfolder of files named by their uuid, flat or in folders; each is streamed into\ntree/<xx>/<yy>/<uuid>. .metadata holds dumpSize, filesSize, databaseSize,\nmodelVersion and duration, all strings (see the README for what each is).\n\nExit codes: 0 written, 1 written but the dump has errors fix could not repair,\n2 usage or input error (nothing written)."
    )]
    Pack(PackArgs),
    /// Check a Mendix backup: gzip and tar to the end, .metadata, db/db.backup's version,
    /// TOC and data, ACLs, schemas, tree names (X001-X006)
    #[command(
        after_help = "Reports as `check` does (--format), with codes X001 (an entry that is not a regular\nfile or folder, or not .metadata, db/db.backup or under tree/), X002 (.metadata\nmissing, not a JSON object of strings, or sizes that are not the archive's), X003\n(db/db.backup missing, unreadable, or newer than --max-archive-version), X004 (ACL\nentries), X005 (entries outside schema public: a warning), X006 (tree names).\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error or an archive\nthat cannot be read to its end (gzip or tar damaged or cut short)."
    )]
    Verify(MendixVerifyArgs),
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

// The arguments of `dumpfix mendix pack`.
#[derive(clap::Args)]
pub struct PackArgs {
    /// The database dump
    #[arg(long, value_name = "DUMP")]
    pub db: PathBuf,
    /// The folder of uploaded files (named by uuid)
    #[arg(long, value_name = "DIR")]
    pub files: Option<PathBuf>,
    /// The archive to write
    #[arg(short, long, value_name = "PATH")]
    pub output: PathBuf,
    /// Target to rewrite the dump for (a PostgreSQL one; needed for a MySQL dump)
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// The modelVersion written in .metadata
    #[arg(long, value_name = "V", default_value = "1.0.0.0")]
    pub model_version: String,
    /// gzip level of the archive (0-9, default 6)
    #[arg(long, value_name = "N")]
    pub level: Option<i32>,
    /// Threads for rewriting and compression (default 0: one per core)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// No notes on stderr
    #[arg(short, long)]
    pub quiet: bool,
}

// The arguments of `dumpfix mendix verify`.
#[derive(clap::Args)]
pub struct MendixVerifyArgs {
    /// The archive
    #[arg(value_name = "ARCHIVE")]
    pub archive: PathBuf,
    /// The newest archive version db/db.backup may have
    #[arg(long, value_name = "V", default_value = "1.14")]
    pub max_archive_version: String,
    /// Report format: human, concise, json, sarif, github, gitlab
    #[arg(long, value_enum, default_value_t = report::Format::Human)]
    pub format: report::Format,
    /// Lowest severity that makes the exit code 1 [default: warning]
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// No notes on stderr
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Check an upload pair: every gzip CRC, the tars to their end, the dump (as `check`), volume.tgz's entries, the 2 TB limit
    #[command(
        after_help = "PATH: the folder holding the pair (its database.gz or database.tgz and volume.tgz), or\nthe two files under any names (downloaded backups are called\nbackup-lfr-<project>-prd-<id>.tgz): which is which is told by name, else by content.\n\nReports as `check` does (--format), with codes: the dump's findings, S001 (2 TB),\nS002 (a file damaged or cut short: gzip CRC or length, tar, not one dump), S003 (no\ntop-level document_library/), S004 (other top-level entries: a warning), S005\n(absolute paths, `..`, links, devices, FIFOs).\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error or a file that\ncannot be read."
    )]
    Verify(VerifyArgs),
}

// The arguments of `dumpfix bundle verify`.
#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The folder holding the pair, or the two files
    #[arg(value_name = "PATH", required = true, num_args = 1..=2)]
    pub paths: Vec<PathBuf>,
    /// Target the dump must pass (default: `target` in dumpfix.toml)
    #[arg(long, value_name = "TARGET")]
    pub target: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Report format: human, json, sarif, github, gitlab
    #[arg(long, value_enum, default_value_t = report::Format::Human)]
    pub format: report::Format,
    /// Lowest severity that makes the exit code 1 [default: warning]
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Threads for checking data rows (default 0: one per core)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// No progress bar and no notes on stderr
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(clap::Args)]
pub struct RuleArgs {
    /// Database name for the MySQL envelope (default: the dump's, else lportal)
    #[arg(long, value_name = "NAME")]
    pub database: Option<String>,
    /// Rename per-company Liferay Objects tables from company id OLD to NEW
    #[arg(long, value_name = "OLD=NEW", value_parser = parse_company)]
    pub company_id: Option<(String, String)>,
    /// Schema dump of a fresh Liferay database: its table names and column types win
    #[arg(long, value_name = "FILE")]
    pub reference: Option<PathBuf>,
    /// More canonical table names, one per line
    #[arg(long, value_name = "FILE")]
    pub table_names: Option<PathBuf>,
    /// Largest statement the server accepts (MySQL max_allowed_packet), in bytes or
    /// with a K, M or G suffix (e.g. 256M)
    #[arg(long, value_name = "SIZE", value_parser = parse_size_u64)]
    pub max_packet: Option<u64>,
    /// Remove psql's \restrict / \unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+),
    /// which a psql older than 15.14 refuses (PostgreSQL target; L025)
    #[arg(long)]
    pub strip_restrict: bool,
    /// Settings file (default: dumpfix.toml in this directory or the nearest parent)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Run only these rules, by code or name (comma-separated, repeatable; turns on
    /// rules the target leaves off); applied after dumpfix.toml's [rules]
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never run these rules, by code or name (comma-separated, repeatable); applied
    /// after dumpfix.toml's [rules] and --select. In the dump, a comment
    /// `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no
    /// finding and no fix: it is written as read; rules that rename only lose their
    /// findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at
    /// the top: statements before it are already fixed)
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

/// `--company-id OLD=NEW`: two company ids, both numbers.
pub fn parse_company(s: &str) -> std::result::Result<(String, String), String> {
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
pub enum FailOn {
    Info,
    Warning,
    Error,
}

#[derive(clap::Args, Clone)]
pub struct InputArgs {
    /// The dump: a file, or `-` / nothing for stdin (plain, gzip, zstd, tar, tar.gz)
    ///
    /// From a tar (or tar.gz, such as database.tgz) the one member that is a dump is
    /// read: a member named *.sql, *.sql.gz, *.sql.zst or *.sql.zstd, a pg_dump archive
    /// named *.dump or *.backup (a Mendix backup's db/db.backup), or another *.gz, *.zst
    /// or *.zstd (database.gz) that holds SQL. Other members (a README, a document
    /// volume) are skipped and named in a note on stderr; two dumps are an error naming
    /// both.
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// The dump's dialect, when detection from its header guesses wrong
    #[arg(long, value_enum, value_name = "D")]
    pub from: Option<FromDialect>,
    /// MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without
    /// saying so: read `\` in strings as an ordinary character ('C:\dir\' is a whole
    /// string, only '' escapes a quote). A `SET sql_mode` in the dump still switches
    /// (mysqldump's header turns escapes back on for its data); without this option
    /// strings start backslash-escaped, as in MySQL's default mode
    #[arg(long)]
    pub no_backslash_escapes: bool,
    /// No progress bar, and no summary of findings or notes on stderr (the exit code still tells)
    #[arg(short, long)]
    pub quiet: bool,
    /// Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few
    /// MiB; mapped pages are the file's page cache, see README)
    #[arg(long)]
    pub no_mmap: bool,
    /// Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements
    /// and rows are streamed in fragments; `convert` streams a larger MySQL row's long
    /// strings and hex literals too, and only a single other value (a number, a date)
    /// must fit in it
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub window: Option<usize>,
    /// The name reports give a dump read from stdin (default: `<stdin>`)
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ConvertTo {
    #[value(alias = "postgres", alias = "pg")]
    Postgresql,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FromDialect {
    Mysql,
    #[value(alias = "postgres", alias = "pg")]
    Postgresql,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// A size in bytes: `8388608`, `64K`, `256M`, `1G` (powers of 1024, any case, an
/// optional `B`/`iB`).
pub fn parse_size(s: &str) -> std::result::Result<usize, String> {
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

/// [`parse_size`] for options in `u64`.
pub fn parse_size_u64(s: &str) -> std::result::Result<u64, String> {
    parse_size(s).map(|n| n as u64)
}
