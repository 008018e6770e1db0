# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dumpfix_global_optspecs
    string join \n color= h/help V/version
end

function __fish_dumpfix_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_dumpfix_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_dumpfix_using_subcommand
    set -l cmd (__fish_dumpfix_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c dumpfix -n "__fish_dumpfix_needs_command" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -s V -l version -d 'Print version'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "fix" -d 'Rewrite a dump for a target and write it out (with no target: copy it exactly)'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "stats" -d 'Show what a dump holds: dialect, producer, statements by kind, rows per table'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "check" -d 'Report what a target rejects, without writing anything (exit 1 on findings)'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "convert" -d 'Convert a MySQL dump into a PostgreSQL script (types, values, INSERT → COPY)'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "mendix" -d 'Mendix backups (files_and_database-….tar.gz): pack, verify, unpack'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "bundle" -d 'Make the Liferay Cloud upload pair: database.gz (as `fix` writes it) and volume.tgz'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "targets" -d 'List the targets `fix --target` and `check --target` accept'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "man" -d 'Print the manual page (roff), e.g. `dumpfix man > dumpfix.1; man -l dumpfix.1`'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "rules" -d 'List every rule: code, name, severity, whether `fix` repairs it'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "rule" -d 'Print the manual of one rule'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "catalog" -d 'Build the Liferay catalog from Liferay\'s table list and template schema'
complete -c dumpfix -n "__fish_dumpfix_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l from -d 'The dump\'s dialect, when detection from its header guesses wrong' -r -f -a "mysql\t''
postgresql\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l window -d 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row\'s long strings and hex literals too, and only a single other value (a number, a date) must fit in it' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l stdin-filename -d 'The name reports give a dump read from stdin (default: `<stdin>`)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -s o -l output -d 'Output file (default: stdout); `.gz`, `.zst`, `.tgz` choose the compression' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l target -d 'Target to rewrite the dump for (see `dumpfix targets`; default: `target` in dumpfix.toml); none: copy unchanged' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l database -d 'Database name for the MySQL envelope (default: the dump\'s, else lportal)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l company-id -d 'Rename per-company Liferay Objects tables from company id OLD to NEW' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l reference -d 'Schema dump of a fresh Liferay database: its table names and column types win' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l table-names -d 'More canonical table names, one per line' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l max-packet -d 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l config -d 'Settings file (default: dumpfix.toml in this directory or the nearest parent)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l select -d 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml\'s [rules]' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l ignore -d 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml\'s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l compress -d 'Output compression (default: from the output file\'s extension, else none)' -r -f -a "none\t'Plain SQL'
gzip\t'gzip (one member, readable by gunzip and pigz)'
zstd\t'zstd'
tgz\t'A tar.gz archive holding `database.gz` (Liferay Cloud\'s older upload form)'
custom\t'A pg_dump custom-format archive (what `pg_dump -Fc` writes; pg_restore reads it), from PostgreSQL SQL (see [`crate::pgarchive::write`])'"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l level -d 'Compression level (gzip 0-9, default 6; zstd 1-22, default 3; custom archive: zlib 0-9 of its data blocks, 0 none, default 6)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l format -d 'Output format: sql (plain SQL, compressed as --compress says) or custom (a pg_dump custom-format archive, as `pg_dump -Fc -O -x` writes; also chosen by an output name ending in .dump or .backup). custom needs PostgreSQL SQL: a pg_dump plain dump, or a MySQL dump with a PostgreSQL target' -r -f -a "sql\t'SQL text (plain or compressed)'
custom\t'A pg_dump custom-format archive'"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l archive-version -d 'Archive version of a custom archive: 1.14 (pg_dump 12-15; Mendix needs it) or 1.16 (pg_dump 17+)' -r -f -a "1.14\t'1.14: pg_dump 12 to 15 (what Mendix restores; the default)'
1.16\t'1.16: pg_dump 17 and later (large objects as `BLOB METADATA` entries)'"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l threads -d 'Threads for rewriting rows and for compression (default 0: one per core; 1: none besides the main one)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l report -d 'Also write every finding (what was changed, and what could not be) to FILE, as JSON in the schema of `check --format json`' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l no-backslash-escapes -d 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\\` in strings as an ordinary character (\'C:\\dir\\\' is a whole string, only \'\' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump\'s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL\'s default mode'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -s q -l quiet -d 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l no-mmap -d 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file\'s page cache, see README)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -l strip-restrict -d 'Remove psql\'s \\restrict / \\unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand fix" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -l from -d 'The dump\'s dialect, when detection from its header guesses wrong' -r -f -a "mysql\t''
postgresql\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -l window -d 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row\'s long strings and hex literals too, and only a single other value (a number, a date) must fit in it' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -l stdin-filename -d 'The name reports give a dump read from stdin (default: `<stdin>`)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -l format -d 'Output format' -r -f -a "human\t''
json\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -l no-backslash-escapes -d 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\\` in strings as an ordinary character (\'C:\\dir\\\' is a whole string, only \'\' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump\'s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL\'s default mode'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -s q -l quiet -d 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -l no-mmap -d 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file\'s page cache, see README)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l from -d 'The dump\'s dialect, when detection from its header guesses wrong' -r -f -a "mysql\t''
postgresql\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l window -d 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row\'s long strings and hex literals too, and only a single other value (a number, a date) must fit in it' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l stdin-filename -d 'The name reports give a dump read from stdin (default: `<stdin>`)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l target -d 'Target to check against (see `dumpfix targets`; default: `target` in dumpfix.toml)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l volume -d 'The document library archive that goes with the dump (volume.tgz): read to its end and checked as `bundle verify` checks it (S002-S005), its size added to the 2 TB check (S001)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l database -d 'Database name for the MySQL envelope (default: the dump\'s, else lportal)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l company-id -d 'Rename per-company Liferay Objects tables from company id OLD to NEW' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l reference -d 'Schema dump of a fresh Liferay database: its table names and column types win' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l table-names -d 'More canonical table names, one per line' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l max-packet -d 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l config -d 'Settings file (default: dumpfix.toml in this directory or the nearest parent)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l select -d 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml\'s [rules]' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l ignore -d 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml\'s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l format -d 'Report format: human (source snippets), concise (one line each), json, sarif (SARIF 2.1.0), github (annotations), gitlab (Code Quality)' -r -f -a "human\t'Diagnostics with the dump\'s line, for people'
concise\t'One line per finding: `file:line:col: CODE message`'
json\t'The findings as JSON, for scripts (`jq`)'
sarif\t'SARIF 2.1.0, for code-scanning tools'
github\t'GitHub Actions annotations (`::error file=…`)'
gitlab\t'GitLab Code Quality report'"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l fail-on -d 'Lowest severity that makes the exit code 1 [default: warning, or `fail-on` in dumpfix.toml]' -r -f -a "info\t''
warning\t''
error\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l threads -d 'Threads for checking data rows (default 0: one per core; 1: none besides the main one)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l no-backslash-escapes -d 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\\` in strings as an ordinary character (\'C:\\dir\\\' is a whole string, only \'\' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump\'s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL\'s default mode'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -s q -l quiet -d 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l no-mmap -d 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file\'s page cache, see README)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l strip-restrict -d 'Remove psql\'s \\restrict / \\unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -l statistics -d 'After the report, count the findings per rule and per table (on stderr for the json, sarif, github and gitlab formats)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l from -d 'The dump\'s dialect, when detection from its header guesses wrong' -r -f -a "mysql\t''
postgresql\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l window -d 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row\'s long strings and hex literals too, and only a single other value (a number, a date) must fit in it' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l stdin-filename -d 'The name reports give a dump read from stdin (default: `<stdin>`)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l to -d 'The target database (only PostgreSQL: MySQL → PostgreSQL)' -r -f -a "postgresql\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -s o -l output -d 'Output file (default: stdout); `.gz`, `.zst` choose the compression' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l cast -d 'Type of one column or of every column of a MySQL type: `--cast user_.flags=integer`, `--cast char=text` (repeatable; an enum column cast this way gets exactly that type, without enum type or CHECK)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l compress -d 'Output compression (default: from the output file\'s extension, else none)' -r -f -a "none\t'Plain SQL'
gzip\t'gzip (one member, readable by gunzip and pigz)'
zstd\t'zstd'
tgz\t'A tar.gz archive holding `database.gz` (Liferay Cloud\'s older upload form)'
custom\t'A pg_dump custom-format archive (what `pg_dump -Fc` writes; pg_restore reads it), from PostgreSQL SQL (see [`crate::pgarchive::write`])'"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l level -d 'Compression level' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l threads -d 'Threads for compression (default: one per core)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l no-backslash-escapes -d 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\\` in strings as an ordinary character (\'C:\\dir\\\' is a whole string, only \'\' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump\'s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL\'s default mode'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -s q -l quiet -d 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l no-mmap -d 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file\'s page cache, see README)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l timestamptz -d 'datetime/timestamp become `timestamp with time zone` (values read as UTC)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l keep-case -d 'Keep the case of table, column, index, constraint and type names (names that are not all lower case are then double-quoted and must be quoted in queries); by default every name is lower-cased'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -l enum-as-check -d 'An enum column becomes `text` with a CHECK of its members (and of \'\', MySQL\'s value for an invalid member); by default each enum column gets a type of its own, `CREATE TYPE <table>_<column> AS ENUM (\'\', members…)`'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and not __fish_seen_subcommand_from pack verify unpack help" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and not __fish_seen_subcommand_from pack verify unpack help" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and not __fish_seen_subcommand_from pack verify unpack help" -f -a "pack" -d 'Write a Mendix backup (files_and_database-….tar.gz): .metadata, db/db.backup (a pg_dump custom archive, version 1.14) and tree/<xx>/<yy>/<uuid>'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and not __fish_seen_subcommand_from pack verify unpack help" -f -a "verify" -d 'Check a Mendix backup: gzip and tar to the end, .metadata, db/db.backup\'s version, TOC and data, ACLs, schemas, tree names (X001-X006)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and not __fish_seen_subcommand_from pack verify unpack help" -f -a "unpack" -d 'Extract a Mendix backup into a folder (links, devices, absolute paths and `..` are refused)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and not __fish_seen_subcommand_from pack verify unpack help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l db -d 'The database dump' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l files -d 'The folder of uploaded files (named by uuid)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -s o -l output -d 'The archive to write' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l target -d 'Target to rewrite the dump for (a PostgreSQL one; needed for a MySQL dump)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l database -d 'Database name for the MySQL envelope (default: the dump\'s, else lportal)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l company-id -d 'Rename per-company Liferay Objects tables from company id OLD to NEW' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l reference -d 'Schema dump of a fresh Liferay database: its table names and column types win' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l table-names -d 'More canonical table names, one per line' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l max-packet -d 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l config -d 'Settings file (default: dumpfix.toml in this directory or the nearest parent)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l select -d 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml\'s [rules]' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l ignore -d 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml\'s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l model-version -d 'The modelVersion written in .metadata' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l level -d 'gzip level of the archive (0-9, default 6)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l threads -d 'Threads for rewriting and compression (default 0: one per core)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -l strip-restrict -d 'Remove psql\'s \\restrict / \\unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -s q -l quiet -d 'No notes on stderr'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from pack" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from verify" -l max-archive-version -d 'The newest archive version db/db.backup may have' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from verify" -l format -d 'Report format: human, concise, json, sarif, github, gitlab' -r -f -a "human\t'Diagnostics with the dump\'s line, for people'
concise\t'One line per finding: `file:line:col: CODE message`'
json\t'The findings as JSON, for scripts (`jq`)'
sarif\t'SARIF 2.1.0, for code-scanning tools'
github\t'GitHub Actions annotations (`::error file=…`)'
gitlab\t'GitLab Code Quality report'"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from verify" -l fail-on -d 'Lowest severity that makes the exit code 1 [default: warning]' -r -f -a "info\t''
warning\t''
error\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from verify" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'No notes on stderr'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from unpack" -s C -l directory -d 'The folder to extract into' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from unpack" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from unpack" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from help" -f -a "pack" -d 'Write a Mendix backup (files_and_database-….tar.gz): .metadata, db/db.backup (a pg_dump custom archive, version 1.14) and tree/<xx>/<yy>/<uuid>'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a Mendix backup: gzip and tar to the end, .metadata, db/db.backup\'s version, TOC and data, ACLs, schemas, tree names (X001-X006)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from help" -f -a "unpack" -d 'Extract a Mendix backup into a folder (links, devices, absolute paths and `..` are refused)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand mendix; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l from -d 'The dump\'s dialect, when detection from its header guesses wrong' -r -f -a "mysql\t''
postgresql\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l window -d 'Largest piece held in memory (default 8M; K, M, G suffixes). Larger statements and rows are streamed in fragments; `convert` streams a larger MySQL row\'s long strings and hex literals too, and only a single other value (a number, a date) must fit in it' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l stdin-filename -d 'The name reports give a dump read from stdin (default: `<stdin>`)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l target -d 'Target to fix the dump for (liferay-mysql or liferay-postgresql)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l document-library -d 'The document library folder (Liferay\'s data/document_library): volume.tgz holds it as document_library/' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l include -d 'Another folder for volume.tgz, under its own name after document_library/ (e.g. license; repeatable)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -s o -l output -d 'The folder to write database.gz (or database.tgz) and volume.tgz into (created if missing)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l database-form -d 'database.gz, or database.tgz (a tar holding database.gz: MySQL and upgrade flows)' -r -f -a "gz\t'database.gz'
tgz\t'database.tgz: a tar.gz holding database.gz'"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l database -d 'Database name for the MySQL envelope (default: the dump\'s, else lportal)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l company-id -d 'Rename per-company Liferay Objects tables from company id OLD to NEW' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l reference -d 'Schema dump of a fresh Liferay database: its table names and column types win' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l table-names -d 'More canonical table names, one per line' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l max-packet -d 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l config -d 'Settings file (default: dumpfix.toml in this directory or the nearest parent)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l select -d 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml\'s [rules]' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l ignore -d 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml\'s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l level -d 'gzip level of both files (0-9, default 6)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l threads -d 'Threads for rewriting and compression (default 0: one per core)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l report -d 'Also write every finding about the dump to FILE, as JSON (as `fix --report`)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l no-backslash-escapes -d 'MySQL dump written for a session whose sql_mode has NO_BACKSLASH_ESCAPES, without saying so: read `\\` in strings as an ordinary character (\'C:\\dir\\\' is a whole string, only \'\' escapes a quote). A `SET sql_mode` in the dump still switches (mysqldump\'s header turns escapes back on for its data); without this option strings start backslash-escaped, as in MySQL\'s default mode'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -s q -l quiet -d 'No progress bar, and no summary of findings or notes on stderr (the exit code still tells)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l no-mmap -d 'Read a plain file with read(2) instead of memory-mapping it (RSS then stays a few MiB; mapped pages are the file\'s page cache, see README)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -l strip-restrict -d 'Remove psql\'s \\restrict / \\unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -a "verify" -d 'Check an upload pair: every gzip CRC, the tars to their end, the dump (as `check`), volume.tgz\'s entries, the 2 TB limit'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and not __fish_seen_subcommand_from verify help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l target -d 'Target the dump must pass (default: `target` in dumpfix.toml)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l database -d 'Database name for the MySQL envelope (default: the dump\'s, else lportal)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l company-id -d 'Rename per-company Liferay Objects tables from company id OLD to NEW' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l reference -d 'Schema dump of a fresh Liferay database: its table names and column types win' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l table-names -d 'More canonical table names, one per line' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l max-packet -d 'Largest statement the server accepts (MySQL max_allowed_packet), in bytes or with a K, M or G suffix (e.g. 256M)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l config -d 'Settings file (default: dumpfix.toml in this directory or the nearest parent)' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l select -d 'Run only these rules, by code or name (comma-separated, repeatable; turns on rules the target leaves off); applied after dumpfix.toml\'s [rules]' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l ignore -d 'Never run these rules, by code or name (comma-separated, repeatable); applied after dumpfix.toml\'s [rules] and --select. In the dump, a comment `-- dumpfix-ignore CODE, CODE` turns rules off for the next statement (no finding and no fix: it is written as read; rules that rename only lose their findings), and `-- dumpfix-ignore-file CODE` for the whole dump (put it at the top: statements before it are already fixed)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l format -d 'Report format: human, json, sarif, github, gitlab' -r -f -a "human\t'Diagnostics with the dump\'s line, for people'
concise\t'One line per finding: `file:line:col: CODE message`'
json\t'The findings as JSON, for scripts (`jq`)'
sarif\t'SARIF 2.1.0, for code-scanning tools'
github\t'GitHub Actions annotations (`::error file=…`)'
gitlab\t'GitLab Code Quality report'"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l fail-on -d 'Lowest severity that makes the exit code 1 [default: warning]' -r -f -a "info\t''
warning\t''
error\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l threads -d 'Threads for checking data rows (default 0: one per core)' -r
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l strip-restrict -d 'Remove psql\'s \\restrict / \\unrestrict lines (pg_dump 17.6+, 16.10+, 15.14+), which a psql older than 15.14 refuses (PostgreSQL target; L025)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'No progress bar and no notes on stderr'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check an upload pair: every gzip CRC, the tars to their end, the dump (as `check`), volume.tgz\'s entries, the 2 TB limit'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand targets" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand targets" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand completions" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand completions" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand man" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand man" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand rules" -l format -d 'Output format (json: code, name, severity, fixable, summary, targets, manual)' -r -f -a "human\t''
json\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand rules" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand rules" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand rule" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand rule" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand catalog" -l names -d 'tables.txt: one canonical name per line' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand catalog" -l template -d 'portal-tables.sql: Liferay\'s template schema' -r -F
complete -c dumpfix -n "__fish_dumpfix_using_subcommand catalog" -l color -d 'Colours in reports: auto (a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE=1 forces them), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dumpfix -n "__fish_dumpfix_using_subcommand catalog" -s h -l help -d 'Print help'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "fix" -d 'Rewrite a dump for a target and write it out (with no target: copy it exactly)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "stats" -d 'Show what a dump holds: dialect, producer, statements by kind, rows per table'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "check" -d 'Report what a target rejects, without writing anything (exit 1 on findings)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "convert" -d 'Convert a MySQL dump into a PostgreSQL script (types, values, INSERT → COPY)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "mendix" -d 'Mendix backups (files_and_database-….tar.gz): pack, verify, unpack'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "bundle" -d 'Make the Liferay Cloud upload pair: database.gz (as `fix` writes it) and volume.tgz'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "targets" -d 'List the targets `fix --target` and `check --target` accept'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "man" -d 'Print the manual page (roff), e.g. `dumpfix man > dumpfix.1; man -l dumpfix.1`'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "rules" -d 'List every rule: code, name, severity, whether `fix` repairs it'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "rule" -d 'Print the manual of one rule'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "catalog" -d 'Build the Liferay catalog from Liferay\'s table list and template schema'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and not __fish_seen_subcommand_from fix stats check convert mendix bundle targets completions man rules rule catalog help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and __fish_seen_subcommand_from mendix" -f -a "pack" -d 'Write a Mendix backup (files_and_database-….tar.gz): .metadata, db/db.backup (a pg_dump custom archive, version 1.14) and tree/<xx>/<yy>/<uuid>'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and __fish_seen_subcommand_from mendix" -f -a "verify" -d 'Check a Mendix backup: gzip and tar to the end, .metadata, db/db.backup\'s version, TOC and data, ACLs, schemas, tree names (X001-X006)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and __fish_seen_subcommand_from mendix" -f -a "unpack" -d 'Extract a Mendix backup into a folder (links, devices, absolute paths and `..` are refused)'
complete -c dumpfix -n "__fish_dumpfix_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "verify" -d 'Check an upload pair: every gzip CRC, the tars to their end, the dump (as `check`), volume.tgz\'s entries, the 2 TB limit'
