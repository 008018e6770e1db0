-- dumpfix peer-case fixture for PostgreSQL 15.
--
-- Load into an empty database as a superuser:
--   psql -v ON_ERROR_STOP=1 -d DBNAME -f pg-cases.sql
--
-- Builds the kinds of objects that pg_dump's own TAP test
-- (src/bin/pg_dump/t/002_pg_dump.pl, the %tests hash) requires it to get
-- right, restricted to objects that hold or shape data. Every statement is
-- written from scratch with our own names and values; the comment above each
-- case names the %tests entry it mirrors. Cases marked "extra" have no direct
-- entry there.
--
-- Rules kept: no CREATE DATABASE / \connect, no roles (grants go to PUBLIC),
-- no now()/random() in stored data, large objects use fixed OIDs, every
-- table except peer_main.empty_table holds rows.
--
-- Known peer-dumper limit kept on purpose, isolated in its own table:
-- peer_main.t_float_negzero holds float -0, which survives the default COPY
-- dump but comes back as +0 from pg_dump --inserts / --column-inserts.
-- peer_main.mv_not_populated is WITH NO DATA and stays unpopulated.
--
-- Left out: %tests entries that hold no data and need roles or cluster-wide
-- state (roles, default privileges, ownership, publications, subscriptions,
-- foreign data wrappers/servers/foreign tables, user mappings, procedural
-- languages, casts, transforms, conversions, operator classes/families),
-- and exclusion constraints.

SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
SET standard_conforming_strings = on;

-- every byte value 0x00..0xFF in ascending and descending order (session only)
CREATE TEMP TABLE tmp_bytes AS
SELECT decode(string_agg(lpad(to_hex(i), 2, '0'), '' ORDER BY i), 'hex') AS asc_bytes,
       decode(string_agg(lpad(to_hex(i), 2, '0'), '' ORDER BY i DESC), 'hex') AS desc_bytes
FROM generate_series(0, 255) AS i;

-- ---------------------------------------------------------------------------
-- Schemas
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE SCHEMA dump_test' / 'CREATE SCHEMA dump_test_second_schema'
CREATE SCHEMA peer_main;
CREATE SCHEMA peer_parts;
-- extra: schema whose name needs quoting
CREATE SCHEMA "Peer Mixed ""Schema""";
COMMENT ON SCHEMA peer_main IS 'main schema for the ''peer'' cases';

-- ---------------------------------------------------------------------------
-- Types, domains, collations, text search
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE TYPE dump_test.planets AS ENUM' / 'COMMENT ON TYPE ... - ENUM'
CREATE TYPE peer_main.mood AS ENUM ('sad', 'ok', 'it''s fine', 'with space', 'UPPER', 'ünïcödé', '');
ALTER TYPE peer_main.mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE peer_main.mood ADD VALUE 'elated' AFTER 'UPPER';
COMMENT ON TYPE peer_main.mood IS 'enum with quote, space, empty label and values added out of order';

-- mirrors 002_pg_dump.pl: 'CREATE COLLATION test0 FROM "C"' / 'CREATE COLLATION icu_collation'
CREATE COLLATION peer_main.coll_c FROM "C";
COMMENT ON COLLATION peer_main.coll_c IS 'copy of "C"';
CREATE COLLATION peer_main.coll_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- mirrors 002_pg_dump.pl: 'CREATE TYPE dump_test.textrange AS RANGE' / 'COMMENT ON TYPE ... - RANGE'
CREATE TYPE peer_main.labelrange AS RANGE (subtype = text, collation = peer_main.coll_c);
COMMENT ON TYPE peer_main.labelrange IS 'text range over our own collation';
-- extra: range over float8 with a subtype_diff function
CREATE TYPE peer_main.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);

-- mirrors 002_pg_dump.pl: 'CREATE DOMAIN dump_test.us_postal_code' (COLLATE, DEFAULT, CHECK, comment on constraint)
CREATE DOMAIN peer_main.fi_postcode AS text COLLATE "C" DEFAULT '00100'
  CONSTRAINT fi_postcode_check CHECK (VALUE ~ '^[0-9]{5}$');
COMMENT ON CONSTRAINT fi_postcode_check ON DOMAIN peer_main.fi_postcode IS 'five ''digits''';
-- extra: NOT NULL domain over numeric, and a domain over an array type
CREATE DOMAIN peer_main.positive_amount AS numeric(12,2) NOT NULL CHECK (VALUE > 0);
CREATE DOMAIN peer_main.short_int_list AS int[] CHECK (cardinality(VALUE) <= 5);

-- mirrors 002_pg_dump.pl: 'CREATE TYPE dump_test.composite' / 'COMMENT ON COLUMN dump_test.composite.f1'
CREATE TYPE peer_main.pair AS (label text, amount numeric(12,2), tags text[]);
COMMENT ON COLUMN peer_main.pair.label IS 'comment on an attribute of a composite type';

-- mirrors 002_pg_dump.pl: 'CREATE TYPE dump_test.int42' / 'int42_in' / 'int42_out' /
-- 'CREATE TYPE dump_test.int42 populated' (a base type with its own I/O functions)
CREATE TYPE peer_main.int4alias;
CREATE FUNCTION peer_main.int4alias_in(cstring) RETURNS peer_main.int4alias
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'int4in';
CREATE FUNCTION peer_main.int4alias_out(peer_main.int4alias) RETURNS cstring
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'int4out';
CREATE FUNCTION peer_main.int4alias_recv(internal) RETURNS peer_main.int4alias
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'int4recv';
CREATE FUNCTION peer_main.int4alias_send(peer_main.int4alias) RETURNS bytea
  LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'int4send';
CREATE TYPE peer_main.int4alias (
  input = peer_main.int4alias_in, output = peer_main.int4alias_out,
  receive = peer_main.int4alias_recv, send = peer_main.int4alias_send,
  like = int4, category = 'N', default = '-7');
COMMENT ON TYPE peer_main.int4alias IS 'base type sharing int4 I/O';

-- mirrors 002_pg_dump.pl: 'CREATE TYPE dump_test.undefined' (shell type left undefined)
CREATE TYPE peer_main.never_defined;

-- mirrors 002_pg_dump.pl: 'CREATE TEXT SEARCH CONFIGURATION dump_test.alt_ts_conf1' /
-- 'CREATE TEXT SEARCH DICTIONARY dump_test.alt_ts_dict1'
CREATE TEXT SEARCH DICTIONARY peer_main.peer_simple_dict (template = simple, stopwords = english);
CREATE TEXT SEARCH CONFIGURATION peer_main.peer_ts (copy = english);
ALTER TEXT SEARCH CONFIGURATION peer_main.peer_ts ALTER MAPPING FOR asciiword WITH peer_main.peer_simple_dict;
COMMENT ON TEXT SEARCH CONFIGURATION peer_main.peer_ts IS 'english copy, ascii words unstemmed';

-- ---------------------------------------------------------------------------
-- Column types
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE TABLE test_fifth_table' / 'COPY test_fifth_table'
-- (NULL, booleans, bit(5) and a float8 NaN), extended to all numeric edges
CREATE TABLE peer_main.t_numeric (
  id    int PRIMARY KEY,
  i2    int2,
  i4    int4,
  i8    int8,
  num   numeric,
  num_p numeric(20,5),
  r     real,
  d     double precision,
  flag  boolean
);
INSERT INTO peer_main.t_numeric VALUES
  (1, -32768, -2147483648, -9223372036854775808, 'NaN', -999999999999999.99999, 'NaN', 'NaN', true),
  (2, 32767, 2147483647, 9223372036854775807, 'Infinity', 999999999999999.99999, 'Infinity', 'Infinity', false),
  (3, 0, 0, 0, '-Infinity', 0, '-Infinity', '-Infinity', NULL),
  (4, -1, -1, -1, '-0.0', -0.00001, -1e-10, -1e-300, true),
  (5, 1, 1, 1, 1e-300, 0.00001, 1.4e-45, 5e-324, false),
  (6, 2, 2, 2, 1e300, 1, 3.4028235e38, 1.7976931348623157e308, true),
  (7, 3, 3, 3, 0.1, 0.1, 1.17549435e-38, 2.2250738585072014e-308, false),
  (8, 4, 4, 4, 0.1, 0.1, 0.1, 0.1, true),
  (9, 5, 5, 5, 123456789012345678901234567890.123456789012345678901234567890, 12345.67891, 16777217, 9007199254740993, false),
  (10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (11, 6, 6, 6, 1.500000, 1.5, 1.00000012, 0.30000000000000004, true),
  (12, 7, 7, 7, -0.000000000000000000000000000001, -0.5, -3.4028235e38, -1.7976931348623157e308, false);

-- extra: negative zero floats, kept apart on purpose: COPY output keeps the sign, but
-- pg_dump --inserts / --column-inserts print a bare -0 that reloads as +0 (array
-- elements are quoted and survive)
CREATE TABLE peer_main.t_float_negzero (
  id int PRIMARY KEY,
  r  real,
  d  double precision,
  da float8[]
);
INSERT INTO peer_main.t_float_negzero VALUES (1, '-0', '-0', '{-0,0}'), (2, 0, 0, '{0}');

-- mirrors 002_pg_dump.pl: 'COPY test_second_table' (text values through COPY), extended
-- with COPY-hostile text: tabs, newlines, backslashes, a line that is just "\.",
-- the two characters \N, and the string 'NULL' next to a real NULL
CREATE TABLE peer_main.t_text (
  id    int PRIMARY KEY,
  label text NOT NULL,
  t     text,
  vc    varchar(40),
  ch    char(5),
  qch   "char",
  nm    name
);
INSERT INTO peer_main.t_text VALUES
  (1, 'tab', E'a\tb\t', E'\t', E'\t', 'x', 'tab'),
  (2, 'newline', E'line1\nline2\n', E'\n', E'\n', 'y', 'newline'),
  (3, 'carriage return', E'a\rb\r\n', E'\r', E'\r\n', 'z', 'cr'),
  (4, 'backslash', 'C:\dir\sub\file.txt', '\', '\\', '\', 'back\slash'),
  (5, 'trailing backslash', 'ends with \', 'x\', 'x\', '\', 'x\'),
  (6, 'end-of-copy marker line', E'first\n\\.\nlast', E'\\.', '\.', '.', '\.'),
  (7, 'end-of-copy marker only', '\.', E'\\.\n', E'\n\\.', '\', E'\\.\n'),
  (8, 'backslash N', '\N', '\\N', 'N\', 'N', '\N'),
  (9, 'string NULL', 'NULL', 'null', 'NULL', 'n', 'NULL'),
  (10, 'SQL NULL', NULL, NULL, NULL, NULL, NULL),
  (11, 'empty string', '', '', '', '', ''),
  (12, 'quotes', 'it''s "quoted" `tick`', '''', '"', '''', 'it''s'),
  (13, 'control chars', E'\x01\x07\x08\x0b\x0c\x1b\x7f', E'\x1a', E'\x01', ' ', 'ctl'),
  (14, 'SQL lookalike', '''); DROP TABLE peer_main.t_text; --', ';', ';;', ';', 'drop'),
  (15, 'psql lookalike', E'\\! echo hi\n\\connect other\n\\copy x from stdin', '\q', '\.', '\', 'psql'),
  (16, 'dollar quotes', '$$ $_$ $a$ $$;', '$1', '$$', '$', '$$'),
  (17, 'COPY lookalike', E'COPY peer_main.t_text (id) FROM stdin;\n1\n\\.\n', 'COPY', 'COPY', 'C', 'copy'),
  (18, 'unicode', 'Grüße 😀 👩‍👩‍👧 漢字 שלום', '𝄞 clef', 'ä😀', 'u', 'ünï'),
  (19, 'line separators', E'a\u2028b\u2029c\ufeffd\u00a0e', E'\u0085', 'é́', 'v', 'sep'),
  (20, 'padding', '  leading and trailing  ', '   ', 'ab', ' ', ' pad '),
  (21, 'long name value', repeat('n', 200), repeat('v', 40), 'abcde', 'w', repeat('m', 63)),
  (22, 'hex-ish', '\x41424344', E'\\x00', '\000', '0', '\x'),
  (23, 'octal escapes', E'\\101\\102 \\t', E'\\\\', '\\\\', '\', '\\');

-- extra: single-column table where whole COPY lines are hostile on their own
CREATE TABLE peer_main.t_copy_line (v text);
INSERT INTO peer_main.t_copy_line VALUES
  ('\.'), (E'\\.\n'), ('\N'), (NULL), (''), (' '), (E'\t'), (E'\n'), ('\'), (E'\\\n\\.'), ('.'), ('\.\.');

-- mirrors 002_pg_dump.pl: 'CREATE TABLE test_sixth_table' (bytea column), with every byte value
CREATE TABLE peer_main.t_bytea (
  id int PRIMARY KEY,
  b  bytea
);
INSERT INTO peer_main.t_bytea SELECT 1, asc_bytes FROM tmp_bytes;
INSERT INTO peer_main.t_bytea SELECT 2, desc_bytes FROM tmp_bytes;
INSERT INTO peer_main.t_bytea VALUES
  (3, '\x'),
  (4, NULL),
  (5, '\x5c0a090d00272200'),
  (6, decode(repeat('00ff5c0a', 25000), 'hex')),
  (7, convert_to(E'\\.\nCOPY\tx\n', 'UTF8')),
  (8, '\x00');

-- extra: dates and times including infinities, BC dates and range ends
CREATE TABLE peer_main.t_datetime (
  id   int PRIMARY KEY,
  d    date,
  tm   time(6),
  tmtz timetz,
  ts   timestamp(6),
  tstz timestamptz,
  iv   interval
);
INSERT INTO peer_main.t_datetime VALUES
  (1, 'infinity', '00:00:00', '00:00:00+15:59', 'infinity', 'infinity', '178000000 years'),
  (2, '-infinity', '23:59:59.999999', '23:59:59.999999-15:59', '-infinity', '-infinity', '-178000000 years'),
  (3, '4713-01-01 BC', '24:00:00', '24:00:00+00', '4713-01-01 00:00:00 BC', '4713-01-01 00:00:00+00 BC', '1 mon -1 day +02:03:04.000005'),
  (4, '5874897-12-31', '12:34:56.789012', '12:34:56.789-03:30', '294276-12-31 23:59:59.999999', '294276-12-31 23:59:59.999999+00', '-1 microseconds'),
  (5, '2000-02-29', '00:00:00.000001', '00:00:00.000001+05:45', '2000-02-29 12:00:00', '2038-01-19 03:14:08+00', '1 year 2 mons 3 days 04:05:06.789'),
  (6, '0001-01-01', '01:02:03', '01:02:03+01', '0001-01-01 00:00:00', '1901-12-13 20:45:51.999999+00', '2147483647 days'),
  (7, '1970-01-01', '13:00:00', '13:00:00-12', '1970-01-01 00:00:00', '1999-12-31 23:59:59.5-12', '-2147483648 days'),
  (8, NULL, NULL, NULL, NULL, NULL, NULL),
  (9, '2024-03-31', '02:30:00', '02:30:00+02', '2024-03-31 02:30:00', '2024-03-31 02:30:00+02', '2562047788 hours 54.775807 seconds'),
  (10, '1582-10-10', '10:10:10', '10:10:10-00:30', '1582-10-10 10:10:10', '1582-10-10 10:10:10+00:30', '0');

-- extra: json keeps text verbatim (whitespace, duplicate keys, \u0000); jsonb normalises
CREATE TABLE peer_main.t_json (
  id int PRIMARY KEY,
  js json,
  jb jsonb,
  x  xml
);
INSERT INTO peer_main.t_json VALUES
  (1, '{"b": 1,   "a": 2, "a": 3}', '{"b": 1, "a": 2, "a": 3}', '<a b="c">text &amp; more</a>'),
  (2, '  [ 1 , 2.50 , -3e10 , true , false , null ]  ', '[1, 2.50, -3e10, true, false, null]', 'just a text fragment'),
  (3, '{"nul": "\u0000", "tab": "a\tb"}', '{"tab": "a\tb", "quote": "it''s \"q\"", "bs": "a\\b"}', '<?xml version="1.0"?><root><!-- c --><x/></root>'),
  (4, '"just a string"', '"just a string"', '<r attr=''single'' other="dbl">&lt;&gt;</r>'),
  (5, 'null', 'null', NULL),
  (6, NULL, NULL, NULL),
  (7, '{"big": 123456789012345678901234567890.123456789012345678901234567890, "e": 1e400}',
      '{"big": 123456789012345678901234567890.123456789012345678901234567890, "e": 1e400}', '<ü>😀</ü>'),
  (8, '{"emoji": "😀", "esc": "\ud83d\ude00", "nl": "x\ny", "key with \"quotes\"": {}}',
      '{"emoji": "😀", "esc": "\ud83d\ude00", "nl": "x\ny", "key with \"quotes\"": {}, "deep": [[[[{"a": [[]]}]]]]}', ''),
  (9, '{}', '[]', '<e/>');

-- extra: arrays, multi-dimensional, non-default lower bounds, NULL elements
CREATE TABLE peer_main.t_array (
  id  int PRIMARY KEY,
  ia  int[],
  ta  text[],
  na  numeric[],
  fa  float8[],
  ba  bytea[],
  ea  peer_main.mood[],
  ra  int4range[],
  ja  jsonb[]
);
INSERT INTO peer_main.t_array VALUES
  (1, '{1,2,3}', ARRAY['a,b', 'c"d', 'e\f', NULL, 'NULL', '', ' spaced ', '{braces}', E'new\nline', E'tab\there'],
      '{1.5,NaN,Infinity,-Infinity}', '{0.1,-0,NaN,Infinity}', ARRAY['\x00ff'::bytea, '\x'::bytea, NULL],
      '{sad,ok,"it''s fine","with space",""}', ARRAY['[1,2)'::int4range, 'empty', NULL], ARRAY['{"a":1}'::jsonb, 'null', NULL]),
  (2, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}'),
  (3, '{{1,2},{3,4}}', '{{"a","b"},{NULL,"d"}}', '{{1},{2}}', '{{1e300},{-1e-300}}', NULL, NULL, NULL, NULL),
  (4, '{{{1}},{{2}}}', '{"\\.","\\N","NULL",NULL}', NULL, NULL, NULL, '{UPPER,meh,elated}', NULL, NULL),
  (5, '[0:2]={7,8,9}', '[-1:0]={"neg","zero"}', '[5:5]={0}', NULL, NULL, NULL, NULL, NULL),
  (6, '[-1:0][1:2]={{1,2},{3,4}}', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (7, '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{NULL}'),
  (8, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- extra: network and geometric types
CREATE TABLE peer_main.t_network_geo (
  id    int PRIMARY KEY,
  ip    inet,
  net   cidr,
  mac   macaddr,
  mac8  macaddr8,
  pt    point,
  ln    line,
  seg   lseg,
  bx    box,
  pth   path,
  poly  polygon,
  circ  circle
);
INSERT INTO peer_main.t_network_geo VALUES
  (1, '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', '(1,2)', '{1,-1,0}', '[(0,0),(1,1)]', '(1,1),(0,0)', '[(0,0),(1,1),(2,0)]', '((0,0),(0,1),(1,0))', '<(0,0),5>'),
  (2, '::1', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff', 'ff:ff:ff:ff:ff:ff:ff:ff', '(-1.5e300,1e-300)', '{0,1,-0.5}', '[(-1,-1),(1,1)]', '(0.1,0.2),(-0.3,-0.4)', '((0,0),(1,1),(2,0))', '((0,0),(0,10),(10,10),(10,0))', '<(1.5,-2.5),0.1>'),
  (3, '::ffff:1.2.3.4/128', '0.0.0.0/0', '00:00:00:00:00:00', '00:00:00:00:00:00:00:00', '(0,0)', '{1,0,0}', '[(0,0),(0,0)]', '(0,0),(0,0)', '[(1,2)]', '((0,0))', '<(0,0),0>'),
  (4, '0.0.0.0/0', '192.168.100.128/25', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- mirrors 002_pg_dump.pl: 'COPY test_fifth_table' (bit(5) value), extended to the remaining
-- scalar types: money, varbit, full text, ranges, uuid, enum, domain, composite, base type
CREATE TABLE peer_main.t_misc (
  id    int PRIMARY KEY,
  m     money,
  bt    bit(5),
  vb    varbit(16),
  tsv   tsvector,
  tsq   tsquery,
  i4r   int4range,
  nr    numrange,
  tsr   tstzrange,
  dr    daterange,
  mr    int4multirange,
  trg   peer_main.labelrange,
  fr    peer_main.floatrange,
  u     uuid,
  mood  peer_main.mood,
  zip   peer_main.fi_postcode,
  amt   peer_main.positive_amount,
  ints  peer_main.short_int_list,
  pr    peer_main.pair,
  prs   peer_main.pair[],
  alias peer_main.int4alias,
  o     oid,
  lsn   pg_lsn
);
INSERT INTO peer_main.t_misc VALUES
  (1, '12.34', B'10110', B'', 'a:1A fat:2B,4C cat:5D', 'fat & (rat | !cat)', 'empty', '[1.5,2.5]', '[2020-01-01 00:00+00,infinity)', '[2000-01-01,)', '{[1,3), [5,7)}', '["a","b c")', '[-Infinity,0]',
      '00000000-0000-0000-0000-000000000000', 'sad', '00100', 0.01, '{1,2,3}', ROW('a,"b"(c)\d', 12.50, ARRAY['x', NULL]), ARRAY[ROW('one', 1, '{}')::peer_main.pair, NULL], '123', 0, '0/0'),
  (2, '-0.01', B'00000', B'1', '''it''''s'':1 ''a b'':2', '''a b'' <-> c', '(,)', '(,)', '(,)', '(,)', '{}', '(,)', '(,)',
      'ffffffff-ffff-ffff-ffff-ffffffffffff', 'it''s fine', '99999', 9999999999.99, '{}', ROW(NULL, NULL, NULL), '{}', '-2147483648', 4294967295, 'FFFFFFFF/FFFFFFFF'),
  (3, '92233720368547758.07', B'10101', B'1010101010101010', '', 'a:* & !b:AB', '(,5]', '(0,1)', '[1999-12-31 23:59:59.999999+00,2000-01-01 00:00:00+00]', '[2024-02-29,2024-03-01]', '{[1,2], [3,4]}', '[,"z")', '(0.1,0.2]',
      '123e4567-e89b-12d3-a456-426614174000', '', '12345', 1, '{-1,0,1,2,3}', ROW('', 0, ARRAY['']), ARRAY[ROW('\.', -1, ARRAY['\N'])::peer_main.pair], '2147483647', 1, '16/B374D848'),
  (4, '-92233720368547758.08', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, 5, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, '0', B'11111', B'0', 'ünï:1 😀:2', 'ünï', '[-2147483648,2147483647)', '[NaN,NaN]', '(2020-01-01 00:00+05,2020-01-02 00:00-05)', 'empty', '{[1,10)}', 'empty', '[1e-300,1e300)',
      '6ccd780c-baba-1026-9564-5b8c656024db', 'ünïcödé', '00000', 123.45, '{7}', ROW(E'multi\nline', -12.34, ARRAY['a,b','{}']), NULL, '0', 42, '1/1');

-- extra: nondeterministic (case-insensitive ICU) collation column and a "C" collation column
CREATE TABLE peer_main.t_collation (
  id int PRIMARY KEY,
  ci text COLLATE peer_main.coll_ci,
  cs text COLLATE peer_main.coll_c
);
INSERT INTO peer_main.t_collation VALUES (1, 'abc', 'abc'), (2, 'ABC', 'ABC'), (3, 'Straße', 'Strasse'), (4, NULL, '');

-- ---------------------------------------------------------------------------
-- Identity, serial, sequences
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE TABLE test_table_identity' / 'COPY test_table_identity' /
-- 'INSERT INTO test_table_identity' (OVERRIDING SYSTEM VALUE in --column-inserts)
CREATE TABLE peer_main.ident_always (
  id   int GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 7) PRIMARY KEY,
  note text
);
INSERT INTO peer_main.ident_always (note) VALUES ('first'), ('second'), ('third');
INSERT INTO peer_main.ident_always OVERRIDING SYSTEM VALUE VALUES (1, 'explicit low id');

-- extra: identity BY DEFAULT with a descending sequence
CREATE TABLE peer_main.ident_default (
  id   bigint GENERATED BY DEFAULT AS IDENTITY (START WITH -10 INCREMENT BY -5 MINVALUE -1000 MAXVALUE -10) PRIMARY KEY,
  note text
);
INSERT INTO peer_main.ident_default (note) VALUES ('auto a'), ('auto b');
INSERT INTO peer_main.ident_default VALUES (3, 'explicit positive');

-- mirrors 002_pg_dump.pl: 'CREATE SEQUENCE test_table_col1_seq' / 'ALTER SEQUENCE test_table_col1_seq'
-- (serial columns own their sequences)
CREATE TABLE peer_main.serials (
  s    serial,
  bs   bigserial,
  ss   smallserial,
  note text
);
INSERT INTO peer_main.serials (note) VALUES ('one'), ('two'), ('three');
INSERT INTO peer_main.serials (s, bs, ss, note) VALUES (100, 9223372036854775807, 32767, 'max');

-- extra: stand-alone sequences with custom options and state
CREATE SEQUENCE peer_main.seq_custom AS integer START WITH 7 INCREMENT BY 7 MINVALUE 7 MAXVALUE 700 CYCLE CACHE 1;
SELECT nextval('peer_main.seq_custom'), nextval('peer_main.seq_custom');
CREATE SEQUENCE peer_main."Odd Seq ""q""" START WITH -5 INCREMENT BY -3 MINVALUE -1000 MAXVALUE -5;
SELECT setval('peer_main."Odd Seq ""q"""', -20, false);
CREATE SEQUENCE peer_parts.seq_shared AS bigint START WITH 1 INCREMENT BY 1000;
COMMENT ON SEQUENCE peer_parts.seq_shared IS 'used as a default in another schema';
CREATE TABLE peer_main.seq_user (
  id   bigint DEFAULT nextval('peer_parts.seq_shared') PRIMARY KEY,
  note text
);
INSERT INTO peer_main.seq_user (note) VALUES ('a'), ('b'), ('c');

-- ---------------------------------------------------------------------------
-- Table shapes
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE TABLE test_table' (serial PK, CHECK with comment,
-- storage parameters), 'ALTER TABLE ... SET STATISTICS / SET STORAGE / n_distinct',
-- 'ALTER TABLE test_table CLUSTER ON', 'ENABLE ROW LEVEL SECURITY', 'CREATE POLICY p1..p6',
-- 'COMMENT ON TABLE / COLUMN', 'CREATE TRIGGER test_trigger' (WHEN clause)
CREATE TABLE peer_main.tuned (
  id        bigserial PRIMARY KEY,
  bucket    int,
  note_ext  text,
  note_main text,
  note_pglz text COMPRESSION pglz,
  note_lz4  text COMPRESSION lz4,
  CONSTRAINT tuned_bucket_range CHECK (bucket BETWEEN 0 AND 5000)
) WITH (fillfactor = 60, autovacuum_enabled = off, autovacuum_vacuum_scale_factor = 0.5);
COMMENT ON CONSTRAINT tuned_bucket_range ON peer_main.tuned IS 'bucket ''range''';
COMMENT ON TABLE peer_main.tuned IS E'table comment with ''quotes'', "double quotes"\nand a second line';
COMMENT ON COLUMN peer_main.tuned.note_pglz IS 'compressed with pglz';
ALTER TABLE peer_main.tuned ALTER COLUMN note_ext SET STORAGE EXTERNAL;
ALTER TABLE peer_main.tuned ALTER COLUMN note_main SET STORAGE MAIN;
ALTER TABLE peer_main.tuned ALTER COLUMN bucket SET STATISTICS 250;
ALTER TABLE peer_main.tuned ALTER COLUMN bucket SET (n_distinct = -0.5);
INSERT INTO peer_main.tuned (bucket, note_ext, note_main, note_pglz, note_lz4) VALUES
  (1, repeat('external ', 20000), repeat('main ', 20000), repeat('pglz ', 25000), repeat('lz4 ', 30000)),
  (2, 'short', 'short', 'short', 'short'),
  (NULL, NULL, NULL, NULL, NULL);
ALTER TABLE peer_main.tuned CLUSTER ON tuned_pkey;
ALTER TABLE peer_main.tuned REPLICA IDENTITY FULL;
ALTER TABLE peer_main.tuned ENABLE ROW LEVEL SECURITY;
CREATE POLICY tuned_all ON peer_main.tuned USING (id > 0) WITH CHECK (id < 1000000);
CREATE POLICY tuned_select ON peer_main.tuned FOR SELECT TO PUBLIC USING (bucket IS DISTINCT FROM 0);
CREATE POLICY tuned_restrict ON peer_main.tuned AS RESTRICTIVE FOR UPDATE USING (bucket IS NOT NULL);
COMMENT ON POLICY tuned_all ON peer_main.tuned IS 'permissive policy';
CREATE FUNCTION peer_main.skip_row() RETURNS trigger LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE NOTICE 'skipping row % of %', NEW.id, TG_TABLE_NAME;
  RETURN NULL;
END;
$$;
CREATE TRIGGER tuned_skip_big BEFORE INSERT ON peer_main.tuned
  FOR EACH ROW WHEN (NEW.bucket > 4000) EXECUTE FUNCTION peer_main.skip_row();
COMMENT ON TRIGGER tuned_skip_big ON peer_main.tuned IS 'drops rows with bucket > 4000';

-- mirrors 002_pg_dump.pl: 'CREATE TABLE test_third_table_generated_cols' / 'COPY test_third_table' /
-- 'INSERT INTO test_third_table' (generated columns next to a dropped column and a
-- mixed-case quoted column)
CREATE TABLE peer_main.gen_dropped (
  gone_first  text,
  width       numeric,
  area        numeric GENERATED ALWAYS AS (width * width) STORED,
  gone_middle int,
  "Label"     text,
  shout       text GENERATED ALWAYS AS (upper("Label") || '!') STORED
);
ALTER TABLE peer_main.gen_dropped DROP COLUMN gone_first;
ALTER TABLE peer_main.gen_dropped DROP COLUMN gone_middle;
INSERT INTO peer_main.gen_dropped (width, "Label") VALUES (1.5, 'square'), (NULL, 'none'), (-2, NULL);

-- mirrors 002_pg_dump.pl: 'CREATE TABLE test_table_generated' and its two inheritance
-- children (without and with local columns)
CREATE TABLE peer_main.gen_parent (
  k      bigint PRIMARY KEY,
  square bigint GENERATED ALWAYS AS (k * k + 1) STORED,
  tag    text
);
CREATE TABLE peer_main.gen_child_plain () INHERITS (peer_main.gen_parent);
CREATE TABLE peer_main.gen_child_local (k bigint, square bigint, tag text, own text) INHERITS (peer_main.gen_parent);
INSERT INTO peer_main.gen_parent (k, tag) VALUES (1, 'parent'), (2, NULL);
INSERT INTO peer_main.gen_child_plain (k, tag) VALUES (10, 'plain'), (20, 'plain');
INSERT INTO peer_main.gen_child_local (k, tag, own) VALUES (100, 'local', 'own column');

-- extra: generated tsvector using the custom text search configuration
CREATE TABLE peer_main.docs (
  id   int PRIMARY KEY,
  body text,
  tsv  tsvector GENERATED ALWAYS AS (to_tsvector('peer_main.peer_ts'::regconfig, coalesce(body, ''))) STORED
);
INSERT INTO peer_main.docs (id, body) VALUES
  (1, 'The quick brown foxes jumped'), (2, 'Running runners run'), (3, NULL), (4, 'it''s a "quoted" text');

-- mirrors 002_pg_dump.pl: 'CREATE TABLE test_fourth_table_zero_col' / 'COPY test_fourth_table' /
-- 'INSERT INTO test_fourth_table' (rows in a table without columns)
CREATE TABLE peer_main.zero_cols ();
INSERT INTO peer_main.zero_cols DEFAULT VALUES;
INSERT INTO peer_main.zero_cols DEFAULT VALUES;
INSERT INTO peer_main.zero_cols DEFAULT VALUES;

-- extra: a table with no rows at all
CREATE TABLE peer_main.empty_table (
  id  int PRIMARY KEY,
  txt text,
  b   bytea,
  ts  timestamptz DEFAULT now()
);

-- extra: table with only a primary key, composite keys and no key at all (duplicate rows)
CREATE TABLE peer_main.only_pk (id bigint PRIMARY KEY);
INSERT INTO peer_main.only_pk VALUES (-9223372036854775808), (0), (9223372036854775807);
CREATE TABLE peer_main.only_pk_composite (a int, b text, PRIMARY KEY (a, b));
INSERT INTO peer_main.only_pk_composite VALUES (1, 'a'), (1, 'b'), (2, ''), (-1, 'x');
CREATE TABLE peer_main.nopk_dupes (a int, b text);
INSERT INTO peer_main.nopk_dupes VALUES (1, 'x'), (1, 'x'), (1, 'x'), (NULL, NULL), (NULL, NULL), (2, 'y');

-- extra: defaults of several kinds (rows give explicit values for now()-style ones)
CREATE TABLE peer_main.defaults_all (
  id      int PRIMARY KEY,
  created timestamptz NOT NULL DEFAULT now(),
  day     date DEFAULT CURRENT_DATE,
  n       int DEFAULT -42,
  expr    int DEFAULT (6 * 7),
  q       text DEFAULT 'it''s "quoted"',
  bs      text DEFAULT 'back\slash',
  esc     text DEFAULT E'tab\there\nnewline',
  empty_s text NOT NULL DEFAULT '',
  arr     int[] DEFAULT '{1,2}',
  js      jsonb DEFAULT '{"k": "v"}',
  m       peer_main.mood DEFAULT 'ok',
  zip     peer_main.fi_postcode,
  u       uuid DEFAULT gen_random_uuid()
);
INSERT INTO peer_main.defaults_all (id, created, day, u) VALUES
  (1, '2020-01-01 00:00:00+00', '2020-01-01', '00000000-0000-0000-0000-000000000001'),
  (2, '2021-06-15 12:00:00+02', NULL, NULL);
INSERT INTO peer_main.defaults_all VALUES
  (3, '1999-09-09 09:09:09+00', '1999-09-09', 0, 0, '', '', '', '', '{}', 'null', 'sad', '99999', '6ccd780c-baba-1026-9564-5b8c656024db');

-- mirrors 002_pg_dump.pl: 'CREATE TABLE regress_pg_dump_table_am' / 'CREATE ACCESS METHOD
-- regress_test_table_am' (tables switching default_table_access_method in the dump)
CREATE ACCESS METHOD peer_heap TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE peer_main.am_heap_first (v int) USING heap;
CREATE TABLE peer_main.am_custom (v int, t text) USING peer_heap;
CREATE TABLE peer_main.am_heap_last (v int) USING heap;
INSERT INTO peer_main.am_heap_first VALUES (1);
INSERT INTO peer_main.am_custom VALUES (1, 'custom am'), (2, E'x\ty');
INSERT INTO peer_main.am_heap_last VALUES (3);

-- extra: unlogged table with rows (data is dumped unless --no-unlogged-table-data)
CREATE UNLOGGED TABLE peer_main.scratch (k text PRIMARY KEY, v jsonb);
INSERT INTO peer_main.scratch VALUES ('a', '{"x": 1}'), ('b', '[]'), ('', 'null');

-- ---------------------------------------------------------------------------
-- Awkward names
-- ---------------------------------------------------------------------------

-- extra: quoted mixed-case names with spaces, quotes and reserved words
CREATE TABLE "Peer Mixed ""Schema"""."Mixed Case ""Quoted"" Table" (
  "Id"                 int PRIMARY KEY,
  "Column With Spaces" text,
  "select"             int,
  "a;b"                text,
  "trailing "          text,
  "ümlaut"             text,
  "$dollar"            text,
  "back\slash"         text,
  "it's"               text
);
INSERT INTO "Peer Mixed ""Schema"""."Mixed Case ""Quoted"" Table" VALUES
  (1, 'spaces', 1, ';', 't', 'ü', '$', '\', ''''),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE peer_main."user" ("order" int, "group" text, "from" text);
INSERT INTO peer_main."user" VALUES (1, 'g', 'f'), (2, 'select', 'where');
CREATE TABLE peer_main."UPPER" (v int);
CREATE TABLE peer_main.upper (v int);
INSERT INTO peer_main."UPPER" VALUES (1);
INSERT INTO peer_main.upper VALUES (-1), (-2);
CREATE TABLE peer_main."123" ("456" int);
INSERT INTO peer_main."123" VALUES (789);
CREATE TABLE peer_main.t_63_chars_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx (
  c_63_chars_yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy int);
INSERT INTO peer_main.t_63_chars_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx VALUES (63);
CREATE TABLE peer_main."new
line" ("new
col" int);
INSERT INTO peer_main."new
line" VALUES (1), (2);

-- ---------------------------------------------------------------------------
-- Foreign keys
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE TABLE fk_reference_test_table' / 'COPY fk_reference_test_table'
-- (the referencing table sorts before the referenced one)
CREATE TABLE peer_main.zz_fk_parent (
  id   int PRIMARY KEY,
  code char(3) UNIQUE NOT NULL
);
INSERT INTO peer_main.zz_fk_parent VALUES (1, 'AAA'), (2, 'BBB'), (3, 'CCC');
CREATE TABLE peer_main.aa_fk_child (
  id        int PRIMARY KEY REFERENCES peer_main.zz_fk_parent,
  parent_id int REFERENCES peer_main.zz_fk_parent (id) ON DELETE CASCADE,
  code      char(3) REFERENCES peer_main.zz_fk_parent (code) ON UPDATE CASCADE ON DELETE SET NULL
                    DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO peer_main.aa_fk_child VALUES (1, 1, 'AAA'), (2, 1, 'BBB'), (3, NULL, NULL);

-- extra: self-referencing tree, composite MATCH FULL key, NOT VALID key with an orphan
CREATE TABLE peer_main.fk_tree (
  id     int PRIMARY KEY,
  parent int REFERENCES peer_main.fk_tree (id),
  label  text
);
INSERT INTO peer_main.fk_tree VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a.1'), (5, 4, 'a.1.x');
CREATE TABLE peer_main.fk_target (a int, b text, PRIMARY KEY (a, b));
INSERT INTO peer_main.fk_target VALUES (1, 'x'), (1, 'y'), (2, 'x');
CREATE TABLE peer_main.fk_source (
  id int PRIMARY KEY,
  ra int,
  rb text,
  CONSTRAINT "fk ""composite""" FOREIGN KEY (ra, rb) REFERENCES peer_main.fk_target MATCH FULL ON DELETE RESTRICT
);
INSERT INTO peer_main.fk_source VALUES (1, 1, 'x'), (2, 1, 'y'), (3, NULL, NULL);
CREATE TABLE peer_main.fk_lax (id int PRIMARY KEY, parent int);
INSERT INTO peer_main.fk_lax VALUES (1, 1), (2, 999);
ALTER TABLE peer_main.fk_lax ADD CONSTRAINT fk_lax_parent FOREIGN KEY (parent) REFERENCES peer_main.zz_fk_parent NOT VALID;

-- extra: CHECK constraints, including a NOT VALID one that existing rows violate
CREATE TABLE peer_main.checked (
  id  int PRIMARY KEY,
  qty int CHECK (qty >= 0),
  lo  int,
  hi  int,
  CONSTRAINT "lo <= hi" CHECK (lo <= hi)
);
INSERT INTO peer_main.checked VALUES (1, 0, 1, 2), (2, 5, -1, -1), (3, NULL, NULL, 5), (4, 7, 0, 0);
ALTER TABLE peer_main.checked ADD CONSTRAINT checked_qty_small CHECK (qty < 5) NOT VALID;

-- ---------------------------------------------------------------------------
-- Partitioning and inheritance
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE TABLE measurement PARTITIONED BY', 'Partition
-- measurement_y2006m2 creation' (partition in another schema with its own DEFAULT and CHECK),
-- 'COPY measurement', 'CREATE INDEX ON ONLY measurement', 'ALTER TABLE measurement PRIMARY KEY',
-- 'Creation of row-level trigger in partitioned table', 'Disabled / Replica / Always trigger on
-- partition is altered'
CREATE TABLE peer_main.readings (
  station   text NOT NULL,
  observed  date NOT NULL,
  seq_no    serial NOT NULL,
  rain_mm   numeric(6,1) CONSTRAINT readings_rain_nonneg CHECK (rain_mm >= 0),
  wind_kmh  int
) PARTITION BY RANGE (observed);
CREATE TABLE peer_parts.readings_2020 PARTITION OF peer_main.readings (
  wind_kmh DEFAULT 5 CONSTRAINT readings_2020_wind CHECK (wind_kmh < 200)
) FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE peer_parts.readings_2021 PARTITION OF peer_main.readings FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE TABLE peer_parts.readings_2022 PARTITION OF peer_main.readings FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
CREATE TABLE peer_parts.readings_rest PARTITION OF peer_main.readings DEFAULT;
-- a partition created separately with another column order, then attached
CREATE TABLE peer_parts.readings_2023 (
  wind_kmh int,
  rain_mm  numeric(6,1) CONSTRAINT readings_rain_nonneg CHECK (rain_mm >= 0),
  seq_no   int NOT NULL,
  observed date NOT NULL,
  station  text NOT NULL
);
ALTER TABLE peer_main.readings ATTACH PARTITION peer_parts.readings_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE INDEX ON peer_main.readings (station, observed);
ALTER TABLE peer_main.readings ADD PRIMARY KEY (station, observed, seq_no);
CREATE FUNCTION peer_main.noop_trigger() RETURNS trigger LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE NOTICE 'truncate on %', TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER readings_after_insert AFTER INSERT ON peer_main.readings
  FOR EACH ROW EXECUTE FUNCTION peer_main.noop_trigger();
ALTER TABLE peer_parts.readings_2021 DISABLE TRIGGER readings_after_insert;
ALTER TABLE peer_parts.readings_2022 ENABLE REPLICA TRIGGER readings_after_insert;
ALTER TABLE peer_parts.readings_2023 ENABLE ALWAYS TRIGGER readings_after_insert;
INSERT INTO peer_main.readings (station, observed, seq_no, rain_mm, wind_kmh) VALUES
  ('HEL', '2020-03-14', 1, 2.5, 12), ('HEL', '2020-12-31', 2, 0, DEFAULT),
  ('TKU', '2021-06-01', 1, 11.0, 30), ('OUL', '2022-01-01', 1, NULL, 0),
  ('HEL', '2023-07-04', 1, 0.1, 2), ('Åbo', '1999-01-01', 1, 0, NULL), ('it''s', '2099-12-31', 1, 999.9, 9);
INSERT INTO peer_main.readings (station, observed, rain_mm) VALUES ('HEL', '2020-05-05', 1.0), ('TKU', '2021-05-05', 3.0);

-- mirrors 002_pg_dump.pl: 'ALTER TABLE (partitioned) ADD CONSTRAINT ... FOREIGN KEY'
-- (a partitioned table referencing a plain table)
CREATE TABLE peer_main.part_fk (
  parent_id int REFERENCES peer_main.zz_fk_parent (id),
  n int
) PARTITION BY RANGE (parent_id);
CREATE TABLE peer_parts.part_fk_low PARTITION OF peer_main.part_fk FOR VALUES FROM (0) TO (2);
CREATE TABLE peer_parts.part_fk_high PARTITION OF peer_main.part_fk FOR VALUES FROM (2) TO (10);
INSERT INTO peer_main.part_fk VALUES (1, 10), (2, 20), (3, 30);

-- extra: list partitions (quote and NULL in bounds, default partition), hash partitions,
-- sub-partitioning, and a foreign key that references a partitioned table
CREATE TABLE peer_main.orders_by_region (
  id     int NOT NULL,
  region text,
  amount numeric(10,2)
) PARTITION BY LIST (region);
CREATE TABLE peer_parts.orders_north PARTITION OF peer_main.orders_by_region FOR VALUES IN ('FI', 'SE', 'NO');
CREATE TABLE peer_parts.orders_quoted PARTITION OF peer_main.orders_by_region FOR VALUES IN ('O''Land', 'with space');
CREATE TABLE peer_parts.orders_null PARTITION OF peer_main.orders_by_region FOR VALUES IN (NULL);
CREATE TABLE peer_parts.orders_south PARTITION OF peer_main.orders_by_region FOR VALUES IN ('IT', 'ES')
  PARTITION BY RANGE (amount);
CREATE TABLE peer_parts.orders_south_small PARTITION OF peer_parts.orders_south FOR VALUES FROM (MINVALUE) TO (100);
CREATE TABLE peer_parts.orders_south_big PARTITION OF peer_parts.orders_south FOR VALUES FROM (100) TO (MAXVALUE);
CREATE TABLE peer_parts.orders_other PARTITION OF peer_main.orders_by_region DEFAULT;
INSERT INTO peer_main.orders_by_region VALUES
  (1, 'FI', 10.00), (2, 'SE', 20.50), (3, 'O''Land', 1.00), (4, 'with space', 2.00),
  (5, NULL, 3.00), (6, 'IT', 99.99), (7, 'ES', 100.00), (8, 'US', -1.00), (9, '', 0);
CREATE TABLE peer_main.by_hash (id int PRIMARY KEY, v text) PARTITION BY HASH (id);
CREATE TABLE peer_parts.by_hash_0 PARTITION OF peer_main.by_hash FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE peer_parts.by_hash_1 PARTITION OF peer_main.by_hash FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE peer_parts.by_hash_2 PARTITION OF peer_main.by_hash FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO peer_main.by_hash SELECT i, 'h' || i FROM generate_series(1, 12) AS i;
CREATE TABLE peer_main.hash_ref (ref int REFERENCES peer_main.by_hash (id) ON DELETE CASCADE, note text);
INSERT INTO peer_main.hash_ref VALUES (1, 'one'), (12, 'twelve'), (NULL, 'none');

-- mirrors 002_pg_dump.pl: 'CREATE TABLE test_inheritance_parent' / 'test_inheritance_child'
-- (child redeclares a column and adds its own CHECK)
CREATE TABLE peer_main.vehicle (
  id     int NOT NULL,
  wheels int CHECK (wheels >= 0)
);
CREATE TABLE peer_main.truck (
  id      int NOT NULL,
  payload int,
  CONSTRAINT truck_wheels CHECK (wheels >= 6)
) INHERITS (peer_main.vehicle);
CREATE TABLE peer_main.boat (id int NOT NULL, hull text);
CREATE TABLE peer_main.amphibian (extra text) INHERITS (peer_main.vehicle, peer_main.boat);
INSERT INTO peer_main.vehicle VALUES (1, 4), (2, 2);
INSERT INTO peer_main.truck VALUES (3, 6, 1000), (4, 18, 40000);
INSERT INTO peer_main.boat VALUES (5, 'wood');
INSERT INTO peer_main.amphibian VALUES (6, 4, 'steel', 'both');

-- ---------------------------------------------------------------------------
-- Indexes and statistics
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE TABLE table_with_stats' (expression index with per-column
-- statistics), 'CREATE STATISTICS extended_stats_*', 'ALTER STATISTICS extended_stats_options'
CREATE TABLE peer_main.indexed (
  id     int PRIMARY KEY,
  email  text,
  score  int,
  body   jsonb,
  during tstzrange,
  bx     box,
  note   text
);
INSERT INTO peer_main.indexed VALUES
  (1, 'A@Example.org', 10, '{"tags": ["x", "y"]}', '[2020-01-01,2020-02-01)', '(1,1),(0,0)', 'first'),
  (2, 'b@example.org', NULL, '{"tags": []}', '[2020-03-01,2020-04-01)', '(2,2),(1,1)', NULL),
  (3, NULL, 30, '{}', 'empty', '(0,0),(0,0)', 'third'),
  (4, 'c@example.org', 40, 'null', NULL, NULL, 'fourth');
CREATE UNIQUE INDEX indexed_email_lower ON peer_main.indexed (lower(email));
CREATE INDEX indexed_score_partial ON peer_main.indexed (score) WHERE score IS NOT NULL AND score > 15;
CREATE INDEX indexed_multi ON peer_main.indexed (score DESC NULLS FIRST, email COLLATE "C") INCLUDE (note);
CREATE INDEX indexed_expr_stats ON peer_main.indexed (id, (coalesce(score, -1)), (length(note)));
ALTER INDEX peer_main.indexed_expr_stats ALTER COLUMN 2 SET STATISTICS 333;
ALTER INDEX peer_main.indexed_expr_stats ALTER COLUMN 3 SET STATISTICS 777;
CREATE INDEX indexed_gin ON peer_main.indexed USING gin (body jsonb_path_ops);
CREATE INDEX indexed_gist ON peer_main.indexed USING gist (during);
CREATE INDEX indexed_brin ON peer_main.indexed USING brin (id) WITH (pages_per_range = 16);
CREATE INDEX indexed_hash ON peer_main.indexed USING hash (note);
COMMENT ON INDEX peer_main.indexed_email_lower IS 'case-insensitive uniqueness';
CREATE STATISTICS peer_main.indexed_stats_plain ON email, note FROM peer_main.indexed;
CREATE STATISTICS peer_main.indexed_stats_opts (dependencies, mcv) ON score, note FROM peer_main.indexed;
ALTER STATISTICS peer_main.indexed_stats_opts SET STATISTICS 640;
CREATE STATISTICS peer_main.indexed_stats_expr ON (lower(email)) FROM peer_main.indexed;

-- ---------------------------------------------------------------------------
-- Functions, procedures, aggregates
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE FUNCTION dump_test.trigger_func' / 'CREATE PROCEDURE
-- dump_test.ptest1' / 'CREATE FUNCTION ... SUPPORT' / 'CREATE AGGREGATE dump_test.newavg'
CREATE PROCEDURE peer_main.add_order(p_id int, p_region text)
  LANGUAGE sql AS $$ INSERT INTO peer_main.orders_by_region (id, region, amount) VALUES (p_id, p_region, 0) $$;
CALL peer_main.add_order(10, 'NO');
CREATE FUNCTION peer_main.with_support(v varchar) RETURNS varchar LANGUAGE sql IMMUTABLE
  AS $$ SELECT v $$ SUPPORT varchar_support;
CREATE AGGREGATE peer_main.concat_all (text) (
  sfunc = textcat, stype = text, initcond = '');
COMMENT ON AGGREGATE peer_main.concat_all (text) IS 'concatenates in input order';

-- extra: SQL-standard body, plpgsql with nested dollar quotes, RETURNS TABLE, OUT/VARIADIC/
-- default arguments, SECURITY DEFINER with a pinned search_path
CREATE FUNCTION peer_main.add_tax(amount numeric, rate numeric DEFAULT 0.24) RETURNS numeric
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN round(amount * (1 + rate), 2);
CREATE FUNCTION peer_main.quote_it(s text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE
  AS $body$
DECLARE
  q text := $q$it's "quoted" $$ inside$q$;
BEGIN
  -- semicolons; and a line with only a backslash-dot follow
  RETURN s || ' / ' || q || E'\n\\.';
END;
$body$;
CREATE FUNCTION peer_main.order_totals(OUT region text, OUT total numeric)
  RETURNS SETOF record LANGUAGE sql STABLE
  AS $$ SELECT region, sum(amount) FROM peer_main.orders_by_region GROUP BY region $$;
CREATE FUNCTION peer_main.pick(VARIADIC vals int[]) RETURNS TABLE (pos int, val int)
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT i, vals[i] FROM generate_subscripts(vals, 1) AS i $$;
CREATE FUNCTION peer_main.definer_count() RETURNS bigint
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT count(*) FROM peer_main.t_text $$;
COMMENT ON FUNCTION peer_main.add_tax(numeric, numeric) IS 'adds ''VAT''';
REVOKE EXECUTE ON FUNCTION peer_main.definer_count() FROM PUBLIC;

-- extra: expression index and CHECK constraint calling a user function (bodies are
-- schema-qualified so restores with an empty search_path still work)
CREATE TABLE peer_main.priced (id int PRIMARY KEY, net numeric(10,2) CHECK (peer_main.add_tax(net, 0) >= 0));
CREATE INDEX priced_gross ON peer_main.priced (peer_main.add_tax(net));
INSERT INTO peer_main.priced VALUES (1, 100.00), (2, 0.01), (3, 0);

-- ---------------------------------------------------------------------------
-- Views and materialized views
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE VIEW test_view' (check_option, security_barrier) /
-- 'ALTER VIEW test_view SET DEFAULT'
CREATE VIEW peer_main.v_checked WITH (check_option = 'local', security_barrier = true) AS
  SELECT id, qty FROM peer_main.checked WHERE qty IS NOT NULL;
ALTER VIEW peer_main.v_checked ALTER COLUMN qty SET DEFAULT 3;
COMMENT ON VIEW peer_main.v_checked IS 'view with options';

-- extra: view over a join, view on a view, recursive view, updatable view with INSTEAD OF
-- trigger, view with a rule
CREATE VIEW peer_main.v_join AS
  SELECT p.id AS parent_id, p.code, count(c.id) AS children
  FROM peer_main.zz_fk_parent p LEFT JOIN peer_main.aa_fk_child c ON c.parent_id = p.id
  GROUP BY p.id, p.code;
CREATE VIEW peer_main.v_join_busy AS SELECT * FROM peer_main.v_join WHERE children > 0;
CREATE RECURSIVE VIEW peer_main.v_tree_paths (id, path) AS
  SELECT id, label FROM peer_main.fk_tree WHERE parent IS NULL
  UNION ALL
  SELECT t.id, p.path || '/' || t.label FROM peer_main.fk_tree t JOIN v_tree_paths p ON t.parent = p.id;
CREATE VIEW peer_main.v_docs_entry AS SELECT id, body FROM peer_main.docs;
CREATE FUNCTION peer_main.v_docs_entry_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO peer_main.docs (id, body) VALUES (NEW.id, upper(NEW.body));
  RETURN NEW;
END;
$$;
CREATE TRIGGER v_docs_entry_ins INSTEAD OF INSERT ON peer_main.v_docs_entry
  FOR EACH ROW EXECUTE FUNCTION peer_main.v_docs_entry_insert();
INSERT INTO peer_main.v_docs_entry VALUES (5, 'inserted through a view');
CREATE RULE v_join_no_delete AS ON DELETE TO peer_main.v_join DO INSTEAD NOTHING;
CREATE VIEW "Peer Mixed ""Schema"""."View ""Quoted""" AS
  SELECT "Id", "Column With Spaces" AS "renamed col" FROM "Peer Mixed ""Schema"""."Mixed Case ""Quoted"" Table";

-- mirrors 002_pg_dump.pl: 'CREATE MATERIALIZED VIEW matview' / 'matview_second' (matview on a
-- matview) / 'matview_third' (WITH NO DATA) / 'REFRESH MATERIALIZED VIEW matview'
CREATE MATERIALIZED VIEW peer_main.mv_totals (region, total) AS
  SELECT region, sum(amount) FROM peer_main.orders_by_region GROUP BY region;
CREATE UNIQUE INDEX mv_totals_region ON peer_main.mv_totals (region) NULLS NOT DISTINCT;
CREATE MATERIALIZED VIEW peer_main.mv_totals_big (region) AS
  SELECT region FROM peer_main.mv_totals WHERE total > 5;
CREATE MATERIALIZED VIEW peer_main.mv_not_populated (region) AS
  SELECT region FROM peer_main.mv_totals_big WITH NO DATA;
COMMENT ON MATERIALIZED VIEW peer_main.mv_totals IS 'totals per region';
-- mirrors 002_pg_dump.pl: 'CREATE MATERIALIZED VIEW regress_pg_dump_matview_am'
CREATE MATERIALIZED VIEW peer_main.mv_custom_am USING peer_heap AS
  SELECT v, t FROM peer_main.am_custom;

-- ---------------------------------------------------------------------------
-- More triggers
-- ---------------------------------------------------------------------------

-- extra: BEFORE trigger that rewrote the stored rows, AFTER UPDATE OF column, statement
-- trigger with a transition table, deferrable constraint trigger
CREATE TABLE peer_main.audited (id int PRIMARY KEY, v text, changed int DEFAULT 0);
CREATE TABLE peer_main.audit_log (tbl text, op text, n int);
CREATE FUNCTION peer_main.audited_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.v := coalesce(NEW.v, '(null)') || ' [seen]';
  RETURN NEW;
END;
$$;
CREATE FUNCTION peer_main.audited_after_stmt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO peer_main.audit_log SELECT TG_TABLE_NAME, TG_OP, count(*) FROM new_rows;
  RETURN NULL;
END;
$$;
CREATE TRIGGER audited_b BEFORE INSERT OR UPDATE ON peer_main.audited
  FOR EACH ROW EXECUTE FUNCTION peer_main.audited_before();
CREATE TRIGGER audited_stmt AFTER INSERT ON peer_main.audited
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION peer_main.audited_after_stmt();
CREATE CONSTRAINT TRIGGER audited_deferred AFTER UPDATE OF v ON peer_main.audited
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION peer_main.noop_trigger();
INSERT INTO peer_main.audited (id, v) VALUES (1, 'one'), (2, NULL), (3, E'tab\tand\\backslash');
UPDATE peer_main.audited SET v = 'uno', changed = 1 WHERE id = 1;

-- ---------------------------------------------------------------------------
-- Large objects
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'LO create (using lo_from_bytea)', 'LO load (using lo_from_bytea)',
-- 'LO create (with no data)', 'COMMENT ON LARGE OBJECT ...' (fixed OIDs keep it deterministic)
SELECT lo_from_bytea(424201, asc_bytes || desc_bytes) FROM tmp_bytes;
SELECT lo_from_bytea(424202, convert_to(E'line 1\nline 2\n\\.\nafter the marker\n', 'UTF8'));
SELECT lo_create(424203);
COMMENT ON LARGE OBJECT 424201 IS 'every byte value, up and down';
GRANT SELECT ON LARGE OBJECT 424202 TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Privileges (PUBLIC only, no roles)
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'GRANT SELECT ON TABLE test_table', 'GRANT INSERT(col1) ON TABLE
-- test_second_table', 'GRANT USAGE ON DOMAIN/TYPE ...' (granted to PUBLIC here)
GRANT USAGE ON SCHEMA peer_main TO PUBLIC;
GRANT SELECT ON TABLE peer_main.t_text TO PUBLIC;
GRANT INSERT (id, label) ON TABLE peer_main.t_text TO PUBLIC;
REVOKE USAGE ON TYPE peer_main.mood FROM PUBLIC;
GRANT USAGE, SELECT ON SEQUENCE peer_main.seq_custom TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Event trigger (last, so it does not fire on the DDL above)
-- ---------------------------------------------------------------------------

-- mirrors 002_pg_dump.pl: 'CREATE FUNCTION dump_test.event_trigger_func' /
-- 'CREATE EVENT TRIGGER test_event_trigger'
CREATE FUNCTION peer_main.ddl_watch() RETURNS event_trigger LANGUAGE plpgsql
  AS $$
BEGIN
  IF tg_tag = 'DROP SCHEMA' THEN
    RAISE NOTICE 'schema dropped';
  END IF;
END;
$$;
CREATE EVENT TRIGGER peer_ddl_watch ON ddl_command_start
  EXECUTE FUNCTION peer_main.ddl_watch();
