
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'dumpfix' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'dumpfix'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'dumpfix' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Rewrite a dump for a target and write it out (with no target: copy it exactly)')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Show what a dump holds: dialect, producer, statements by kind, rows per table')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report what a target rejects, without writing anything (exit 1 on findings)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a MySQL dump into a PostgreSQL script (types, values, INSERT → COPY)')
            [CompletionResult]::new('mendix', 'mendix', [CompletionResultType]::ParameterValue, 'Mendix backups (files_and_database-….tar.gz): pack, verify, unpack')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Make the Liferay Cloud upload pair: database.gz (as `fix` writes it) and volume.tgz')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'List the targets `fix --target` and `check --target` accept')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff), e.g. `dumpfix man > dumpfix.1; man -l dumpfix.1`')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule: code, name, severity, whether `fix` repairs it')
            [CompletionResult]::new('rule', 'rule', [CompletionResultType]::ParameterValue, 'Print the manual of one rule')
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'Build the Liferay catalog from Liferay''s table list and template schema')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dumpfix;fix' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The dump''s dialect, when detection from its header guesses wrong')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row''s long strings and hex literals too, and only a single other value (a number, a date) must fit in it')
            [CompletionResult]::new('--stdin-filename', '--stdin-filename', [CompletionResultType]::ParameterName, 'The name reports give a dump read from stdin (default: `<stdin>`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output file (default: stdout); `.gz`, `.zst`, `.tgz` choose the compression')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output file (default: stdout); `.gz`, `.zst`, `.tgz` choose the compression')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Target to rewrite the dump for (see `dumpfix targets`; default: `target` in dumpfix.toml); none: copy unchanged')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database name for the MySQL envelope (default: the dump''s, else lportal)')
            [CompletionResult]::new('--company-id', '--company-id', [CompletionResultType]::ParameterName, 'Rename per-company Liferay Objects tables from company id OLD to NEW')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Schema dump of a fresh Liferay database: its table names and column types win')
            [CompletionResult]::new('--table-names', '--table-names', [CompletionResultType]::ParameterName, 'More canonical table names, one per line')
            [CompletionResult]::new('--max-packet', '--max-packet', [CompletionResultType]::ParameterName, 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Settings file (default: dumpfix.toml in this directory or the nearest parent)')
            [CompletionResult]::new('--select', '--select', [CompletionResultType]::ParameterName, 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml''s [rules]')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml''s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'Output compression (default: from the output file''s extension, else none)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Compression level (gzip 0-9, default 6; zstd 1-22, default 3; custom archive: zlib 0-9 of its data blocks, 0 none, default 6)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: sql (plain SQL, compressed as --compress says) or custom (a pg_dump custom-format archive, as `pg_dump -Fc -O -x` writes; also chosen by an output name ending in .dump or .backup). custom needs PostgreSQL SQL: a pg_dump plain dump, or a MySQL dump with a PostgreSQL target')
            [CompletionResult]::new('--archive-version', '--archive-version', [CompletionResultType]::ParameterName, 'Archive version of a custom archive: 1.14 (pg_dump 12-15; Mendix needs it) or 1.16 (pg_dump 17+)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Threads for rewriting rows and for compression (default 0: one per core; 1: none besides the main one)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Also write every finding (what was changed, and what could not be) to FILE, as JSON in the schema of `check --format json`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('--no-backslash-escapes', '--no-backslash-escapes', [CompletionResultType]::ParameterName, 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\` in strings as an ordinary character (''C:\dir\'' is a whole string, only '''' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump''s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL''s default mode')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--no-mmap', '--no-mmap', [CompletionResultType]::ParameterName, 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file''s page cache, see README)')
            [CompletionResult]::new('--strip-restrict', '--strip-restrict', [CompletionResultType]::ParameterName, 'Remove psql''s \restrict / \unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dumpfix;stats' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The dump''s dialect, when detection from its header guesses wrong')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row''s long strings and hex literals too, and only a single other value (a number, a date) must fit in it')
            [CompletionResult]::new('--stdin-filename', '--stdin-filename', [CompletionResultType]::ParameterName, 'The name reports give a dump read from stdin (default: `<stdin>`)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('--no-backslash-escapes', '--no-backslash-escapes', [CompletionResultType]::ParameterName, 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\` in strings as an ordinary character (''C:\dir\'' is a whole string, only '''' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump''s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL''s default mode')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--no-mmap', '--no-mmap', [CompletionResultType]::ParameterName, 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file''s page cache, see README)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dumpfix;check' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The dump''s dialect, when detection from its header guesses wrong')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row''s long strings and hex literals too, and only a single other value (a number, a date) must fit in it')
            [CompletionResult]::new('--stdin-filename', '--stdin-filename', [CompletionResultType]::ParameterName, 'The name reports give a dump read from stdin (default: `<stdin>`)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Target to check against (see `dumpfix targets`; default: `target` in dumpfix.toml)')
            [CompletionResult]::new('--volume', '--volume', [CompletionResultType]::ParameterName, 'The document library archive that goes with the dump (volume.tgz): read to its end and checked as `bundle verify` checks it (S002-S005), its size added to the 2 TB check (S001)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database name for the MySQL envelope (default: the dump''s, else lportal)')
            [CompletionResult]::new('--company-id', '--company-id', [CompletionResultType]::ParameterName, 'Rename per-company Liferay Objects tables from company id OLD to NEW')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Schema dump of a fresh Liferay database: its table names and column types win')
            [CompletionResult]::new('--table-names', '--table-names', [CompletionResultType]::ParameterName, 'More canonical table names, one per line')
            [CompletionResult]::new('--max-packet', '--max-packet', [CompletionResultType]::ParameterName, 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Settings file (default: dumpfix.toml in this directory or the nearest parent)')
            [CompletionResult]::new('--select', '--select', [CompletionResultType]::ParameterName, 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml''s [rules]')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml''s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format: human (source snippets), concise (one line each), json, sarif (SARIF 2.1.0), github (annotations), gitlab (Code Quality)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the exit code 1 [default: warning, or `fail-on` in dumpfix.toml]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Threads for checking data rows (default 0: one per core; 1: none besides the main one)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('--no-backslash-escapes', '--no-backslash-escapes', [CompletionResultType]::ParameterName, 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\` in strings as an ordinary character (''C:\dir\'' is a whole string, only '''' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump''s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL''s default mode')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--no-mmap', '--no-mmap', [CompletionResultType]::ParameterName, 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file''s page cache, see README)')
            [CompletionResult]::new('--strip-restrict', '--strip-restrict', [CompletionResultType]::ParameterName, 'Remove psql''s \restrict / \unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)')
            [CompletionResult]::new('--statistics', '--statistics', [CompletionResultType]::ParameterName, 'After the report, count the findings per rule and per table (on stderr for the json, sarif, github and gitlab formats)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dumpfix;convert' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The dump''s dialect, when detection from its header guesses wrong')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row''s long strings and hex literals too, and only a single other value (a number, a date) must fit in it')
            [CompletionResult]::new('--stdin-filename', '--stdin-filename', [CompletionResultType]::ParameterName, 'The name reports give a dump read from stdin (default: `<stdin>`)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The target database (only PostgreSQL: MySQL → PostgreSQL)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output file (default: stdout); `.gz`, `.zst` choose the compression')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output file (default: stdout); `.gz`, `.zst` choose the compression')
            [CompletionResult]::new('--cast', '--cast', [CompletionResultType]::ParameterName, 'Type of one column or of every column of a MySQL type: `--cast user_.flags=integer`, `--cast char=text` (repeatable; an enum column cast this way gets exactly that type, without enum type or CHECK)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'Output compression (default: from the output file''s extension, else none)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Compression level')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Threads for compression (default: one per core)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('--no-backslash-escapes', '--no-backslash-escapes', [CompletionResultType]::ParameterName, 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\` in strings as an ordinary character (''C:\dir\'' is a whole string, only '''' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump''s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL''s default mode')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--no-mmap', '--no-mmap', [CompletionResultType]::ParameterName, 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file''s page cache, see README)')
            [CompletionResult]::new('--timestamptz', '--timestamptz', [CompletionResultType]::ParameterName, 'datetime/timestamp become `timestamp with time zone` (values read as UTC)')
            [CompletionResult]::new('--keep-case', '--keep-case', [CompletionResultType]::ParameterName, 'Keep the case of table, column, index, constraint and type names (names that are not all lower case are then double-quoted and must be quoted in queries); by default every name is lower-cased')
            [CompletionResult]::new('--enum-as-check', '--enum-as-check', [CompletionResultType]::ParameterName, 'An enum column becomes `text` with a CHECK of its members (and of '''', MySQL''s value for an invalid member); by default each enum column gets a type of its own, `CREATE TYPE <table>_<column> AS ENUM ('''', members…)`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dumpfix;mendix' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Write a Mendix backup (files_and_database-….tar.gz): .metadata, db/db.backup (a pg_dump custom archive, version 1.14) and tree/<xx>/<yy>/<uuid>')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a Mendix backup: gzip and tar to the end, .metadata, db/db.backup''s version, TOC and data, ACLs, schemas, tree names (X001-X006)')
            [CompletionResult]::new('unpack', 'unpack', [CompletionResultType]::ParameterValue, 'Extract a Mendix backup into a folder (links, devices, absolute paths and `..` are refused)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dumpfix;mendix;pack' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database dump')
            [CompletionResult]::new('--files', '--files', [CompletionResultType]::ParameterName, 'The folder of uploaded files (named by uuid)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The archive to write')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The archive to write')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Target to rewrite the dump for (a PostgreSQL one; needed for a MySQL dump)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database name for the MySQL envelope (default: the dump''s, else lportal)')
            [CompletionResult]::new('--company-id', '--company-id', [CompletionResultType]::ParameterName, 'Rename per-company Liferay Objects tables from company id OLD to NEW')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Schema dump of a fresh Liferay database: its table names and column types win')
            [CompletionResult]::new('--table-names', '--table-names', [CompletionResultType]::ParameterName, 'More canonical table names, one per line')
            [CompletionResult]::new('--max-packet', '--max-packet', [CompletionResultType]::ParameterName, 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Settings file (default: dumpfix.toml in this directory or the nearest parent)')
            [CompletionResult]::new('--select', '--select', [CompletionResultType]::ParameterName, 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml''s [rules]')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml''s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)')
            [CompletionResult]::new('--model-version', '--model-version', [CompletionResultType]::ParameterName, 'The modelVersion written in .metadata')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'gzip level of the archive (0-9, default 6)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Threads for rewriting and compression (default 0: one per core)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('--strip-restrict', '--strip-restrict', [CompletionResultType]::ParameterName, 'Remove psql''s \restrict / \unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'dumpfix;mendix;verify' {
            [CompletionResult]::new('--max-archive-version', '--max-archive-version', [CompletionResultType]::ParameterName, 'The newest archive version db/db.backup may have')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format: human, concise, json, sarif, github, gitlab')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the exit code 1 [default: warning]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dumpfix;mendix;unpack' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The folder to extract into')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'The folder to extract into')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'dumpfix;mendix;help' {
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Write a Mendix backup (files_and_database-….tar.gz): .metadata, db/db.backup (a pg_dump custom archive, version 1.14) and tree/<xx>/<yy>/<uuid>')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a Mendix backup: gzip and tar to the end, .metadata, db/db.backup''s version, TOC and data, ACLs, schemas, tree names (X001-X006)')
            [CompletionResult]::new('unpack', 'unpack', [CompletionResultType]::ParameterValue, 'Extract a Mendix backup into a folder (links, devices, absolute paths and `..` are refused)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dumpfix;mendix;help;pack' {
            break
        }
        'dumpfix;mendix;help;verify' {
            break
        }
        'dumpfix;mendix;help;unpack' {
            break
        }
        'dumpfix;mendix;help;help' {
            break
        }
        'dumpfix;bundle' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The dump''s dialect, when detection from its header guesses wrong')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row''s long strings and hex literals too, and only a single other value (a number, a date) must fit in it')
            [CompletionResult]::new('--stdin-filename', '--stdin-filename', [CompletionResultType]::ParameterName, 'The name reports give a dump read from stdin (default: `<stdin>`)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Target to fix the dump for (liferay-mysql or liferay-postgresql)')
            [CompletionResult]::new('--document-library', '--document-library', [CompletionResultType]::ParameterName, 'The document library folder (Liferay''s data/document_library): volume.tgz holds it as document_library/')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Another folder for volume.tgz, under its own name after document_library/ (e.g. license; repeatable)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The folder to write database.gz (or database.tgz) and volume.tgz into (created if missing)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The folder to write database.gz (or database.tgz) and volume.tgz into (created if missing)')
            [CompletionResult]::new('--database-form', '--database-form', [CompletionResultType]::ParameterName, 'database.gz, or database.tgz (a tar holding database.gz: MySQL and upgrade flows)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database name for the MySQL envelope (default: the dump''s, else lportal)')
            [CompletionResult]::new('--company-id', '--company-id', [CompletionResultType]::ParameterName, 'Rename per-company Liferay Objects tables from company id OLD to NEW')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Schema dump of a fresh Liferay database: its table names and column types win')
            [CompletionResult]::new('--table-names', '--table-names', [CompletionResultType]::ParameterName, 'More canonical table names, one per line')
            [CompletionResult]::new('--max-packet', '--max-packet', [CompletionResultType]::ParameterName, 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Settings file (default: dumpfix.toml in this directory or the nearest parent)')
            [CompletionResult]::new('--select', '--select', [CompletionResultType]::ParameterName, 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml''s [rules]')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml''s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'gzip level of both files (0-9, default 6)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Threads for rewriting and compression (default 0: one per core)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Also write every finding about the dump to FILE, as JSON (as `fix --report`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('--no-backslash-escapes', '--no-backslash-escapes', [CompletionResultType]::ParameterName, 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\` in strings as an ordinary character (''C:\dir\'' is a whole string, only '''' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump''s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL''s default mode')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)')
            [CompletionResult]::new('--no-mmap', '--no-mmap', [CompletionResultType]::ParameterName, 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file''s page cache, see README)')
            [CompletionResult]::new('--strip-restrict', '--strip-restrict', [CompletionResultType]::ParameterName, 'Remove psql''s \restrict / \unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check an upload pair: every gzip CRC, the tars to their end, the dump (as `check`), volume.tgz''s entries, the 2 TB limit')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dumpfix;bundle;verify' {
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Target the dump must pass (default: `target` in dumpfix.toml)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database name for the MySQL envelope (default: the dump''s, else lportal)')
            [CompletionResult]::new('--company-id', '--company-id', [CompletionResultType]::ParameterName, 'Rename per-company Liferay Objects tables from company id OLD to NEW')
            [CompletionResult]::new('--reference', '--reference', [CompletionResultType]::ParameterName, 'Schema dump of a fresh Liferay database: its table names and column types win')
            [CompletionResult]::new('--table-names', '--table-names', [CompletionResultType]::ParameterName, 'More canonical table names, one per line')
            [CompletionResult]::new('--max-packet', '--max-packet', [CompletionResultType]::ParameterName, 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Settings file (default: dumpfix.toml in this directory or the nearest parent)')
            [CompletionResult]::new('--select', '--select', [CompletionResultType]::ParameterName, 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml''s [rules]')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml''s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format: human, json, sarif, github, gitlab')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the exit code 1 [default: warning]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Threads for checking data rows (default 0: one per core)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('--strip-restrict', '--strip-restrict', [CompletionResultType]::ParameterName, 'Remove psql''s \restrict / \unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bar and no notes on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bar and no notes on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dumpfix;bundle;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check an upload pair: every gzip CRC, the tars to their end, the dump (as `check`), volume.tgz''s entries, the 2 TB limit')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dumpfix;bundle;help;verify' {
            break
        }
        'dumpfix;bundle;help;help' {
            break
        }
        'dumpfix;targets' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'dumpfix;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'dumpfix;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'dumpfix;rules' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (json: code, name, severity, fixable, summary, targets, manual)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'dumpfix;rule' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'dumpfix;catalog' {
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'tables.txt: one canonical name per line')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'portal-tables.sql: Liferay''s template schema')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'dumpfix;help' {
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Rewrite a dump for a target and write it out (with no target: copy it exactly)')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Show what a dump holds: dialect, producer, statements by kind, rows per table')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report what a target rejects, without writing anything (exit 1 on findings)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a MySQL dump into a PostgreSQL script (types, values, INSERT → COPY)')
            [CompletionResult]::new('mendix', 'mendix', [CompletionResultType]::ParameterValue, 'Mendix backups (files_and_database-….tar.gz): pack, verify, unpack')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Make the Liferay Cloud upload pair: database.gz (as `fix` writes it) and volume.tgz')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'List the targets `fix --target` and `check --target` accept')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff), e.g. `dumpfix man > dumpfix.1; man -l dumpfix.1`')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule: code, name, severity, whether `fix` repairs it')
            [CompletionResult]::new('rule', 'rule', [CompletionResultType]::ParameterValue, 'Print the manual of one rule')
            [CompletionResult]::new('catalog', 'catalog', [CompletionResultType]::ParameterValue, 'Build the Liferay catalog from Liferay''s table list and template schema')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dumpfix;help;fix' {
            break
        }
        'dumpfix;help;stats' {
            break
        }
        'dumpfix;help;check' {
            break
        }
        'dumpfix;help;convert' {
            break
        }
        'dumpfix;help;mendix' {
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Write a Mendix backup (files_and_database-….tar.gz): .metadata, db/db.backup (a pg_dump custom archive, version 1.14) and tree/<xx>/<yy>/<uuid>')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a Mendix backup: gzip and tar to the end, .metadata, db/db.backup''s version, TOC and data, ACLs, schemas, tree names (X001-X006)')
            [CompletionResult]::new('unpack', 'unpack', [CompletionResultType]::ParameterValue, 'Extract a Mendix backup into a folder (links, devices, absolute paths and `..` are refused)')
            break
        }
        'dumpfix;help;mendix;pack' {
            break
        }
        'dumpfix;help;mendix;verify' {
            break
        }
        'dumpfix;help;mendix;unpack' {
            break
        }
        'dumpfix;help;bundle' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check an upload pair: every gzip CRC, the tars to their end, the dump (as `check`), volume.tgz''s entries, the 2 TB limit')
            break
        }
        'dumpfix;help;bundle;verify' {
            break
        }
        'dumpfix;help;targets' {
            break
        }
        'dumpfix;help;completions' {
            break
        }
        'dumpfix;help;man' {
            break
        }
        'dumpfix;help;rules' {
            break
        }
        'dumpfix;help;rule' {
            break
        }
        'dumpfix;help;catalog' {
            break
        }
        'dumpfix;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
