#!/usr/bin/env bash
# make-dumps.sh [OUTDIR] [SIZE_MB]
#
# Builds the large benchmark dumps with the REAL mysqldump and pg_dump:
#   1. creates and fills a MariaDB and a PostgreSQL database `dumpfix_bench`
#      (server-side: MariaDB sequence engine / PostgreSQL generate_series) with a
#      Liferay-ish mix of tables, scaled so that each dump is >= SIZE_MB MiB;
#   2. dumps them: OUTDIR/mysql.sql (mysqldump, extended inserts) and
#      OUTDIR/pg.sql (pg_dump plain, COPY);
#   3. compresses each: .gz (pigz -6) and .zst (zstd -3 -T2);
#   4. writes OUTDIR/big-insert.sql (one single-line INSERT of BIG_INSERT_MB MiB,
#      default 1024) with gen-big-insert.py, after loading a 5 MiB one into
#      MariaDB once to prove the format is valid.
# Steps whose outputs already exist (and are big enough / newer than their input)
# are skipped, so reruns are cheap. Remove OUTDIR (or a file in it) to redo a step.
#
# Needs: MariaDB + PostgreSQL running (scripts/servers.sh start), the current
# user able to connect to both as a superuser (MariaDB root via unix socket, a
# PostgreSQL superuser role for $USER or PG* env vars), pigz, zstd, python3.
# Env: BIG_INSERT_MB (default 1024), MYSQL_CMD (default mariadb or mysql),
#      DUMPFIX_BENCH_DB (default dumpfix_bench), ESCAPE_DUMPS (default 1; 0 skips
#      escape.sql / escape-hex.sql, which only the speed benchmarks use).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-$ROOT/bench-data}
SIZE_MB=${2:-550}
BIG_INSERT_MB=${BIG_INSERT_MB:-1024}
DB=${DUMPFIX_BENCH_DB:-dumpfix_bench}
MIB=1048576
TARGET=$((SIZE_MB * MIB))

case $SIZE_MB in '' | *[!0-9]*) echo "SIZE_MB must be a positive integer" >&2; exit 2 ;; esac
[ "$SIZE_MB" -ge 1 ] || { echo "SIZE_MB must be >= 1" >&2; exit 2; }

if [ -n "${MYSQL_CMD:-}" ]; then
    read -r -a MYSQL <<<"$MYSQL_CMD"
elif command -v mariadb >/dev/null 2>&1; then MYSQL=(mariadb)
else MYSQL=(mysql); fi
if command -v mariadb-dump >/dev/null 2>&1; then MYSQLDUMP=mariadb-dump; else MYSQLDUMP=mysqldump; fi
# the brief names `mysqldump`; on MariaDB both names are the same binary
command -v mysqldump >/dev/null 2>&1 && MYSQLDUMP=mysqldump
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

for t in "${MYSQL[0]}" "$MYSQLDUMP" psql pg_dump createdb dropdb pigz zstd python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "error: '$t' not found in PATH" >&2; exit 1; }
done

mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)

# ---------------------------------------------------------------- helpers ---
now() { date +%s.%N; }
PHASES=()
T_START=$(now)
# phase NAME CMD...: run CMD, print and record its wall time
phase() {
    local name=$1; shift
    local t0 t1 dt
    t0=$(now)
    echo "==> $name" >&2
    "$@"
    t1=$(now)
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
    echo "    $name: ${dt}s" >&2
    PHASES+=("$(printf '%-44s %8ss' "$name" "$dt")")
}
fsize() { if [ -e "$1" ]; then stat -c %s "$1"; else echo 0; fi; }
mib() { awk -v b="$1" 'BEGIN{printf "%.1f", b/1048576}'; }
# fresh FILE [INPUT]: FILE exists, is non-empty and (if INPUT given) newer than INPUT
fresh() { [ -s "$1" ] && { [ $# -lt 2 ] || [ "$1" -nt "$2" ]; }; }

my() { "${MYSQL[@]}" --default-character-set=utf8mb4 --batch --skip-column-names "$@"; }
pg() { "${PSQL[@]}" "$@"; }

check_servers() {
    if ! my -e 'SELECT 1' >/dev/null 2>&1; then
        echo "error: cannot connect to MariaDB with '${MYSQL[*]}' (start it: scripts/servers.sh start)" >&2
        exit 1
    fi
    if ! pg -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
        echo "error: cannot connect to PostgreSQL (database 'postgres') as '${PGUSER:-$(id -un)}'" >&2
        echo "       (start it: scripts/servers.sh start; needs a superuser role for this user)" >&2
        exit 1
    fi
}

# --------------------------------------------------------------- sizing ---
# Dump bytes per row, measured on MariaDB 10.11 / PostgreSQL 15 (approximate,
# slightly conservative). Rows are split so that ~60% of the dump is the wide
# JournalArticle table and ~40% the DLContent blob table. If a dump still comes
# out short, rows are topped up and the dump redone (see fill_and_dump).
MY_JA_BPR=1450; MY_DL_BPR=3850
PG_JA_BPR=1400; PG_DL_BPR=7150
JA_SHARE=60
rows_for() { # BYTES SHARE_PERCENT BYTES_PER_ROW
    awk -v b="$1" -v s="$2" -v r="$3" 'BEGIN{n=int(b*s/100/r*1.02)+1; print n}'
}

BATCH_JA=100000
BATCH_DL=25000

# ------------------------------------------------------------- MariaDB ---
mysql_schema() {
    cat <<SQL
DROP DATABASE IF EXISTS \`$DB\`;
CREATE DATABASE \`$DB\` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE \`$DB\`;

CREATE TABLE Counter (
  name varchar(150) NOT NULL,
  currentId bigint(20) DEFAULT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ClassName_ (
  mvccVersion bigint(20) NOT NULL DEFAULT 0,
  ctCollectionId bigint(20) NOT NULL DEFAULT 0,
  classNameId bigint(20) NOT NULL,
  value varchar(200) DEFAULT NULL,
  PRIMARY KEY (classNameId, ctCollectionId),
  UNIQUE KEY IX_B27A301F (value, ctCollectionId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE User_ (
  mvccVersion bigint(20) NOT NULL DEFAULT 0,
  ctCollectionId bigint(20) NOT NULL DEFAULT 0,
  uuid_ varchar(75) DEFAULT NULL,
  externalReferenceCode varchar(75) DEFAULT NULL,
  userId bigint(20) NOT NULL,
  companyId bigint(20) DEFAULT NULL,
  createDate datetime(6) DEFAULT NULL,
  modifiedDate datetime(6) DEFAULT NULL,
  defaultUser tinyint(4) DEFAULT NULL,
  contactId bigint(20) DEFAULT NULL,
  password_ varchar(255) DEFAULT NULL,
  passwordEncrypted tinyint(4) DEFAULT NULL,
  screenName varchar(75) DEFAULT NULL,
  emailAddress varchar(254) DEFAULT NULL,
  languageId varchar(75) DEFAULT NULL,
  timeZoneId varchar(75) DEFAULT NULL,
  greeting varchar(255) DEFAULT NULL,
  comments longtext DEFAULT NULL,
  firstName varchar(75) DEFAULT NULL,
  lastName varchar(75) DEFAULT NULL,
  jobTitle varchar(100) DEFAULT NULL,
  loginDate datetime(6) DEFAULT NULL,
  failedLoginAttempts int(11) DEFAULT NULL,
  agreedToTermsOfUse tinyint(4) DEFAULT NULL,
  emailAddressVerified tinyint(4) DEFAULT NULL,
  status int(11) DEFAULT NULL,
  PRIMARY KEY (userId, ctCollectionId),
  UNIQUE KEY IX_615E9F7A (companyId, emailAddress, ctCollectionId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE JournalArticle (
  mvccVersion bigint(20) NOT NULL DEFAULT 0,
  ctCollectionId bigint(20) NOT NULL DEFAULT 0,
  uuid_ varchar(75) DEFAULT NULL,
  id_ bigint(20) NOT NULL,
  resourcePrimKey bigint(20) DEFAULT NULL,
  groupId bigint(20) DEFAULT NULL,
  companyId bigint(20) DEFAULT NULL,
  userId bigint(20) DEFAULT NULL,
  userName varchar(75) DEFAULT NULL,
  createDate datetime(6) DEFAULT NULL,
  modifiedDate datetime(6) DEFAULT NULL,
  classNameId bigint(20) DEFAULT NULL,
  articleId varchar(75) DEFAULT NULL,
  version double DEFAULT NULL,
  urlTitle varchar(255) DEFAULT NULL,
  title text DEFAULT NULL,
  description longtext DEFAULT NULL,
  content longtext DEFAULT NULL,
  DDMStructureKey varchar(75) DEFAULT NULL,
  displayDate datetime(6) DEFAULT NULL,
  expirationDate datetime(6) DEFAULT NULL,
  reviewDate datetime(6) DEFAULT NULL,
  indexable tinyint(4) DEFAULT NULL,
  smallImage tinyint(4) DEFAULT NULL,
  smallImageURL text DEFAULT NULL,
  priority double DEFAULT NULL,
  price decimal(30,16) DEFAULT NULL,
  status int(11) DEFAULT NULL,
  statusByUserName varchar(75) DEFAULT NULL,
  statusDate datetime(6) DEFAULT NULL,
  PRIMARY KEY (id_, ctCollectionId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE DLContent (
  mvccVersion bigint(20) NOT NULL DEFAULT 0,
  ctCollectionId bigint(20) NOT NULL DEFAULT 0,
  contentId bigint(20) NOT NULL,
  groupId bigint(20) DEFAULT NULL,
  companyId bigint(20) DEFAULT NULL,
  repositoryId bigint(20) DEFAULT NULL,
  path_ varchar(255) DEFAULT NULL,
  version varchar(75) DEFAULT NULL,
  data_ longblob DEFAULT NULL,
  size_ bigint(20) DEFAULT NULL,
  PRIMARY KEY (contentId, ctCollectionId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- an empty table: mysqldump writes LOCK/ALTER ... DISABLE KEYS with no INSERT
CREATE TABLE Ticket (
  ticketId bigint(20) NOT NULL,
  companyId bigint(20) DEFAULT NULL,
  createDate datetime(6) DEFAULT NULL,
  key_ varchar(75) DEFAULT NULL,
  extraInfo longtext DEFAULT NULL,
  expirationDate datetime(6) DEFAULT NULL,
  PRIMARY KEY (ticketId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO Counter VALUES
  ('com.liferay.counter.kernel.model.Counter', 1200100),
  ('com.liferay.portal.kernel.model.Resource', 3400),
  ('com.liferay.journal.model.JournalArticle', 42),
  ('com.liferay.document.library.kernel.model.DLFileEntry\'s "weird" key', 7);

INSERT INTO ClassName_ (classNameId, value)
SELECT 20000 + seq, ELT(1 + seq % 8,
  'com.liferay.portal.kernel.model.User', 'com.liferay.portal.kernel.model.Group',
  'com.liferay.journal.model.JournalArticle', 'com.liferay.document.library.kernel.model.DLFileEntry',
  'com.liferay.blogs.model.BlogsEntry', 'com.liferay.wiki.model.WikiPage',
  'com.liferay.message.boards.model.MBMessage', 'com.liferay.asset.kernel.model.AssetEntry')
FROM seq_0_to_7;

INSERT INTO User_ (uuid_, externalReferenceCode, userId, companyId, createDate, modifiedDate,
  defaultUser, contactId, password_, passwordEncrypted, screenName, emailAddress, languageId,
  timeZoneId, greeting, comments, firstName, lastName, jobTitle, loginDate,
  failedLoginAttempts, agreedToTermsOfUse, emailAddressVerified, status)
SELECT MD5(CONCAT('u', seq)), CONCAT('erc-', seq), 30000 + seq, 20097,
  TIMESTAMPADD(MICROSECOND, seq * 86400123457, '2012-03-04 05:06:07'),
  TIMESTAMPADD(MICROSECOND, seq * 86400123457 + 3600000001, '2012-03-04 05:06:07'),
  seq = 1, 40000 + seq,
  CONCAT('AAAAoAAB9ABa', TO_BASE64(UNHEX(SHA2(seq, 256)))), 1,
  CONCAT('user', seq), CONCAT('user', seq, '@liferay.com'),
  ELT(1 + seq % 4, 'en_US', 'fr_FR', 'ja_JP', 'de_DE'), 'UTC',
  CONCAT('Welcome ', ELT(1 + seq % 5, 'José Álvarez', '山田 太郎', 'O''Brien', 'Zoë "Z" Müller', 'Test 🚀'), '!'),
  IF(seq % 3 = 0, NULL, CONCAT('line 1', CHAR(10), 'tab', CHAR(9), 'here; path C:\\\\temp\\\\x', CHAR(13), CHAR(10), 'end')),
  ELT(1 + seq % 5, 'José', '太郎', 'Seán', 'Zoë', 'Test'),
  ELT(1 + seq % 5, 'Álvarez', '山田', 'O''Brien', 'Müller', 'Test🙂'),
  IF(seq % 2 = 0, '', 'Senior "Developer"'),
  IF(seq % 7 = 0, NULL, TIMESTAMPADD(SECOND, seq * 977, '2023-01-01')),
  seq % 4, 1, seq % 5 <> 0, 0
FROM seq_1_to_5000;
SQL
}

# rows [a, b] of JournalArticle, in batches
mysql_fill_ja() {
    local a=$1 b=$2 lo hi
    echo "USE \`$DB\`;"
    echo "SET SESSION unique_checks = 0, foreign_key_checks = 0;"
    for ((lo = a; lo <= b; lo += BATCH_JA)); do
        hi=$((lo + BATCH_JA - 1)); [ "$hi" -gt "$b" ] && hi=$b
        cat <<SQL
INSERT INTO JournalArticle
SELECT 0, 0,
  CONCAT(LEFT(h, 8), '-', MID(h, 9, 4), '-4', MID(h, 14, 3), '-a', MID(h, 18, 3), '-', RIGHT(h, 12)),
  20000 + s,
  9007199254740993 + s,
  20121 + s % 17,
  20097,
  30000 + s % 5000,
  ELT(1 + s % 6, 'Test Test', 'José Álvarez', '山田 太郎', 'O''Brien, Seán', 'Zoë "Zed" Müller', 'Иван Петров 🚀'),
  TIMESTAMPADD(MICROSECOND, s * 37000123, '2015-01-01 00:00:00'),
  TIMESTAMPADD(MICROSECOND, s * 37000123 + (s % 1000) * 1000003, '2015-01-01 00:00:00'),
  IF(s % 10 = 0, 20103, 0),
  CAST(100000 + s AS CHAR),
  1 + (s % 10) / 10,
  CONCAT('article-', s, '-', ELT(1 + s % 4, 'hello-world', 'caf%C3%A9', 'it-s-a-test', 'r%C3%A9sum%C3%A9')),
  CONCAT(ELT(1 + s % 8, 'Hello, world', 'It''s a "quoted" title', 'Café crème brûlée', '日本語のタイトル',
        'Back\\\\slash C:\\\\Program Files\\\\Liferay', 'Emoji 🎉🚀 time', 'Tab\there', CONCAT('Line one', CHAR(10), 'line two')),
        ' #', s),
  IF(s % 5 = 0, NULL, CONCAT('Summary for ', s, ':', CHAR(10), CHAR(9), '- it''s "fine" — ',
        ELT(1 + s % 3, 'ünïcödé', '中文 / 日本', '🙂 smile'), CHAR(10), 'sha=', LEFT(h2, 16))),
  CONCAT('<?xml version="1.0"?>', CHAR(10),
        '<root available-locales="en_US,ja_JP" default-locale="en_US">', CHAR(10),
        CHAR(9), '<dynamic-element name="content" type="text_area" index-type="text" instance-id="', LEFT(h, 8), '">', CHAR(10),
        REPEAT(CONCAT(CHAR(9), CHAR(9), '<dynamic-content language-id="en_US"><![CDATA[<p>Article ', s,
            ' — it''s a "test" with a path C:\\\\Users\\\\liferay\\\\', h, '.pdf &amp; <b>bold</b></p>', CHAR(10),
            '<p>Café, naïve, 日本語, 🚀 checksum ', h2, '</p>]]></dynamic-content>', CHAR(10)), 1 + s % 4),
        CHAR(9), '</dynamic-element>', CHAR(10), '</root>'),
  'BASIC-WEB-CONTENT',
  TIMESTAMPADD(SECOND, s * 41, '2016-06-01 12:00:00'),
  IF(s % 9 = 0, TIMESTAMPADD(SECOND, s * 41, '2030-01-01 00:00:00'), NULL),
  NULL,
  s % 4 <> 0,
  s % 3 = 0,
  IF(s % 3 = 0, CONCAT('/image/journal/article?img_id=', s, '&t=', s * 7), ''),
  s / 3e0,
  IF(s % 13 = 0, NULL, IF(s % 11 = 0, -1, 1) * CAST(s * 1234.5678901234567 / 97 AS DECIMAL(30,16))),
  IF(s % 20 = 0, 2, 0),
  ELT(1 + s % 3, 'Test Test', 'José Álvarez', '山田 太郎'),
  TIMESTAMPADD(MICROSECOND, s * 37000123 + 999999, '2015-01-01 00:00:00')
FROM (SELECT seq AS s, MD5(seq) AS h, SHA2(seq, 256) AS h2 FROM seq_${lo}_to_${hi}) x;
SQL
    done
}

# rows [a, b] of DLContent, in batches; blobs come from a deterministic pool of
# 1024 blobs (half pseudo-random bytes, half text-like), each 1.2-6 KB
mysql_fill_dl() {
    local a=$1 b=$2 lo hi
    cat <<SQL
USE \`$DB\`;
SET SESSION unique_checks = 0, foreign_key_checks = 0, group_concat_max_len = 1048576;
CREATE TEMPORARY TABLE blobpool (id int NOT NULL PRIMARY KEY, b longblob NOT NULL) ENGINE=InnoDB;
INSERT INTO blobpool
SELECT p.seq,
  CONCAT(ELT(1 + p.seq % 4, '%PDF-1.4\n%', UNHEX('89504E470D0A1A0A'), 'GIF89a\0\Z', UNHEX('504B030400005C27')),
         GROUP_CONCAT(UNHEX(SHA2(CONCAT(p.seq, '/', k.seq), 512)) ORDER BY k.seq SEPARATOR ''))
FROM seq_0_to_511 p JOIN seq_1_to_96 k ON k.seq <= 16 + p.seq % 80
GROUP BY p.seq;
INSERT INTO blobpool
SELECT 512 + seq,
  REPEAT(CONCAT('Lorem ipsum "dolor" sit amet, it''s café 日本 🚀 ', MD5(seq), CHAR(10), CHAR(9),
                'C:\\\\docs\\\\', seq, '.txt', CHAR(13), CHAR(10)), 12 + seq % 50)
FROM seq_0_to_511;
SQL
    for ((lo = a; lo <= b; lo += BATCH_DL)); do
        hi=$((lo + BATCH_DL - 1)); [ "$hi" -gt "$b" ] && hi=$b
        cat <<SQL
INSERT INTO DLContent
SELECT 0, 0, 50000 + s.seq, 20121 + s.seq % 17, 20097, 20121 + s.seq % 17,
  CONCAT(s.seq, '/', ELT(1 + s.seq % 4, 'report.pdf', 'logo.png', 'anim.gif', 'Résumé 日本.zip')),
  ELT(1 + s.seq % 3, '1.0', '1.1', 'PWC'),
  CONCAT(p.b, s.seq),
  LENGTH(p.b) + LENGTH(s.seq)
FROM seq_${lo}_to_${hi} s JOIN blobpool p ON p.id = s.seq % 1024;
SQL
    done
}

mysql_objects() {
    cat <<SQL
USE \`$DB\`;
ALTER TABLE JournalArticle ADD KEY IX_85C52EEC (groupId, articleId, ctCollectionId),
  ADD KEY IX_71520099 (uuid_, ctCollectionId);
ALTER TABLE DLContent ADD KEY IX_6A83A66A (companyId, repositoryId, ctCollectionId);
CREATE OR REPLACE VIEW JournalArticleCount AS
  SELECT groupId, COUNT(*) AS n, MAX(modifiedDate) AS lastModified FROM JournalArticle GROUP BY groupId;
DROP TRIGGER IF EXISTS JournalArticle_bu;
DELIMITER ;;
CREATE TRIGGER JournalArticle_bu BEFORE UPDATE ON JournalArticle FOR EACH ROW
BEGIN
  SET NEW.modifiedDate = NOW(6);
  SET NEW.mvccVersion = OLD.mvccVersion + 1;
END;;
CREATE PROCEDURE bench_touch_group(IN gid BIGINT)
BEGIN
  -- a comment with a 'quote'; and a semicolon
  UPDATE JournalArticle SET status = 0 WHERE groupId = gid AND status = 2;
  SELECT ROW_COUNT() AS touched;
END;;
CREATE FUNCTION bench_title(aid BIGINT) RETURNS text CHARSET utf8mb4 READS SQL DATA
BEGIN
  DECLARE t text;
  SELECT title INTO t FROM JournalArticle WHERE id_ = aid AND ctCollectionId = 0;
  RETURN CONCAT('«', t, '»');
END;;
DELIMITER ;
SQL
}

# ---------------------------------------------------------- PostgreSQL ---
pg_schema() {
    cat <<'SQL'
SET client_min_messages = warning;
CREATE TABLE counter (
  name varchar(150) NOT NULL PRIMARY KEY,
  currentid bigint
);
CREATE TABLE classname_ (
  mvccversion bigint DEFAULT 0 NOT NULL,
  ctcollectionid bigint DEFAULT 0 NOT NULL,
  classnameid bigint NOT NULL,
  value varchar(200),
  PRIMARY KEY (classnameid, ctcollectionid)
);
CREATE TABLE user_ (
  mvccversion bigint DEFAULT 0 NOT NULL,
  ctcollectionid bigint DEFAULT 0 NOT NULL,
  uuid_ varchar(75),
  externalreferencecode varchar(75),
  userid bigint NOT NULL,
  companyid bigint,
  createdate timestamp(6) without time zone,
  modifieddate timestamp(6) without time zone,
  defaultuser boolean,
  contactid bigint,
  password_ varchar(255),
  passwordencrypted boolean,
  screenname varchar(75),
  emailaddress varchar(254),
  languageid varchar(75),
  timezoneid varchar(75),
  greeting varchar(255),
  comments text,
  firstname varchar(75),
  lastname varchar(75),
  jobtitle varchar(100),
  logindate timestamp(6) without time zone,
  failedloginattempts integer,
  agreedtotermsofuse boolean,
  emailaddressverified boolean,
  status integer,
  PRIMARY KEY (userid, ctcollectionid)
);
CREATE TABLE journalarticle (
  mvccversion bigint DEFAULT 0 NOT NULL,
  ctcollectionid bigint DEFAULT 0 NOT NULL,
  uuid_ varchar(75),
  id_ bigint NOT NULL,
  resourceprimkey bigint,
  groupid bigint,
  companyid bigint,
  userid bigint,
  username varchar(75),
  createdate timestamp(6) without time zone,
  modifieddate timestamp(6) without time zone,
  classnameid bigint,
  articleid varchar(75),
  version double precision,
  urltitle varchar(255),
  title text,
  description text,
  content text,
  ddmstructurekey varchar(75),
  displaydate timestamp(6) without time zone,
  expirationdate timestamp(6) without time zone,
  reviewdate timestamp(6) without time zone,
  indexable boolean,
  smallimage boolean,
  smallimageurl text,
  priority double precision,
  price numeric(30,16),
  status integer,
  statusbyusername varchar(75),
  statusdate timestamp(6) with time zone
);
CREATE TABLE dlcontent (
  mvccversion bigint DEFAULT 0 NOT NULL,
  ctcollectionid bigint DEFAULT 0 NOT NULL,
  contentid bigint NOT NULL,
  groupid bigint,
  companyid bigint,
  repositoryid bigint,
  path_ varchar(255),
  version varchar(75),
  data_ bytea,
  size_ bigint
);
CREATE TABLE ticket (
  ticketid bigint NOT NULL PRIMARY KEY,
  companyid bigint,
  createdate timestamp(6) without time zone,
  key_ varchar(75),
  extrainfo text,
  expirationdate timestamp(6) without time zone
);
COMMENT ON TABLE journalarticle IS 'Web content; it''s "Liferay-ish" — 日本語 🚀';

INSERT INTO counter VALUES
  ('com.liferay.counter.kernel.model.Counter', 1200100),
  ('com.liferay.portal.kernel.model.Resource', 3400),
  ('com.liferay.journal.model.JournalArticle', 42),
  (E'com.liferay.document.library.kernel.model.DLFileEntry''s "weird" \\ key', 7);

INSERT INTO classname_ (classnameid, value)
SELECT 20000 + s, (ARRAY['com.liferay.portal.kernel.model.User', 'com.liferay.portal.kernel.model.Group',
  'com.liferay.journal.model.JournalArticle', 'com.liferay.document.library.kernel.model.DLFileEntry',
  'com.liferay.blogs.model.BlogsEntry', 'com.liferay.wiki.model.WikiPage',
  'com.liferay.message.boards.model.MBMessage', 'com.liferay.asset.kernel.model.AssetEntry'])[1 + s % 8]
FROM generate_series(0, 7) s;

INSERT INTO user_ (uuid_, externalreferencecode, userid, companyid, createdate, modifieddate,
  defaultuser, contactid, password_, passwordencrypted, screenname, emailaddress, languageid,
  timezoneid, greeting, comments, firstname, lastname, jobtitle, logindate,
  failedloginattempts, agreedtotermsofuse, emailaddressverified, status)
SELECT md5('u' || s), 'erc-' || s, 30000 + s, 20097,
  timestamp '2012-03-04 05:06:07' + s * interval '86400.123457 seconds',
  timestamp '2012-03-04 05:06:07' + s * interval '86400.123457 seconds' + interval '3600.000001 seconds',
  s = 1, 40000 + s,
  'AAAAoAAB9ABa' || encode(sha256(s::text::bytea), 'base64'), true,
  'user' || s, 'user' || s || '@liferay.com',
  (ARRAY['en_US', 'fr_FR', 'ja_JP', 'de_DE'])[1 + s % 4], 'UTC',
  'Welcome ' || (ARRAY['José Álvarez', '山田 太郎', 'O''Brien', 'Zoë "Z" Müller', 'Test 🚀'])[1 + s % 5] || '!',
  CASE WHEN s % 3 = 0 THEN NULL ELSE E'line 1\ntab\there; path C:\\temp\\x\r\nend' END,
  (ARRAY['José', '太郎', 'Seán', 'Zoë', 'Test'])[1 + s % 5],
  (ARRAY['Álvarez', '山田', 'O''Brien', 'Müller', 'Test🙂'])[1 + s % 5],
  CASE WHEN s % 2 = 0 THEN '' ELSE 'Senior "Developer"' END,
  CASE WHEN s % 7 = 0 THEN NULL ELSE timestamp '2023-01-01' + s * interval '977 seconds' END,
  s % 4, true, s % 5 <> 0, 0
FROM generate_series(1, 5000) s;
SQL
}

pg_fill_ja() {
    local a=$1 b=$2 lo hi
    echo "SET synchronous_commit = off;"
    for ((lo = a; lo <= b; lo += BATCH_JA)); do
        hi=$((lo + BATCH_JA - 1)); [ "$hi" -gt "$b" ] && hi=$b
        cat <<SQL
INSERT INTO journalarticle
SELECT 0, 0,
  substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12),
  20000 + s,
  9007199254740993 + s,
  20121 + s % 17,
  20097,
  30000 + s % 5000,
  (ARRAY['Test Test', 'José Álvarez', '山田 太郎', 'O''Brien, Seán', 'Zoë "Zed" Müller', 'Иван Петров 🚀'])[1 + s % 6],
  timestamp '2015-01-01' + s * interval '37.000123 seconds',
  timestamp '2015-01-01' + s * interval '37.000123 seconds' + (s % 1000) * interval '1.000003 seconds',
  CASE WHEN s % 10 = 0 THEN 20103 ELSE 0 END,
  (100000 + s)::text,
  1 + (s % 10) / 10.0,
  'article-' || s || '-' || (ARRAY['hello-world', 'caf%C3%A9', 'it-s-a-test', 'r%C3%A9sum%C3%A9'])[1 + s % 4],
  (ARRAY['Hello, world', 'It''s a "quoted" title', 'Café crème brûlée', '日本語のタイトル',
         E'Back\\\\slash C:\\\\Program Files\\\\Liferay', 'Emoji 🎉🚀 time', E'Tab\\there', E'Line one\\nline two'])[1 + s % 8]
    || ' #' || s,
  CASE WHEN s % 5 = 0 THEN NULL ELSE 'Summary for ' || s || E':\\n\\t- it''s "fine" — '
    || (ARRAY['ünïcödé', '中文 / 日本', '🙂 smile'])[1 + s % 3] || E'\\nsha=' || left(h2, 16) END,
  E'<?xml version="1.0"?>\\n<root available-locales="en_US,ja_JP" default-locale="en_US">\\n'
    || E'\\t<dynamic-element name="content" type="text_area" index-type="text" instance-id="' || left(h, 8) || E'">\\n'
    || repeat(E'\\t\\t<dynamic-content language-id="en_US"><![CDATA[<p>Article ' || s
        || E' — it''s a "test" with a path C:\\\\Users\\\\liferay\\\\' || h || E'.pdf &amp; <b>bold</b></p>\\n'
        || '<p>Café, naïve, 日本語, 🚀 checksum ' || h2 || E'</p>]]></dynamic-content>\\n', 1 + s % 4)
    || E'\\t</dynamic-element>\\n</root>',
  'BASIC-WEB-CONTENT',
  timestamp '2016-06-01 12:00:00' + s * interval '41 seconds',
  CASE WHEN s % 9 = 0 THEN timestamp '2030-01-01' + s * interval '41 seconds' END,
  NULL,
  s % 4 <> 0,
  s % 3 = 0,
  CASE WHEN s % 3 = 0 THEN '/image/journal/article?img_id=' || s || '&t=' || s * 7 ELSE '' END,
  s / 3.0::float8,
  CASE WHEN s % 13 = 0 THEN NULL
       ELSE (CASE WHEN s % 11 = 0 THEN -1 ELSE 1 END) * round(s * 1234.5678901234567 / 97, 16) END,
  CASE WHEN s % 20 = 0 THEN 2 ELSE 0 END,
  (ARRAY['Test Test', 'José Álvarez', '山田 太郎'])[1 + s % 3],
  timestamptz '2015-01-01 00:00:00+00' + s * interval '37.000123 seconds' + interval '0.999999 seconds'
FROM (SELECT s, md5(s::text) AS h, encode(sha256(s::text::bytea), 'hex') AS h2
      FROM generate_series($lo, $hi) s) x;
SQL
    done
}

pg_fill_dl() {
    local a=$1 b=$2 lo hi
    cat <<'SQL'
SET synchronous_commit = off;
CREATE TEMPORARY TABLE blobpool AS
SELECT p AS id,
  (ARRAY['\x255044462d312e340a25'::bytea, '\x89504e470d0a1a0a'::bytea, '\x4749463839610000'::bytea,
         '\x504b030400005c27'::bytea])[1 + p % 4]
  || (SELECT string_agg(sha512((p || '/' || k)::bytea), ''::bytea ORDER BY k)
      FROM generate_series(1, 16 + p % 80) k) AS b
FROM generate_series(0, 511) p
UNION ALL
SELECT 512 + p, convert_to(repeat('Lorem ipsum "dolor" sit amet, it''s café 日本 🚀 ' || md5(p::text)
                 || E'\n\tC:\\docs\\' || p || E'.txt\r\n', 12 + p % 50), 'UTF8')
FROM generate_series(0, 511) p;
CREATE INDEX ON blobpool (id);
ANALYZE blobpool;
SQL
    for ((lo = a; lo <= b; lo += BATCH_DL)); do
        hi=$((lo + BATCH_DL - 1)); [ "$hi" -gt "$b" ] && hi=$b
        cat <<SQL
INSERT INTO dlcontent
SELECT 0, 0, 50000 + s, 20121 + s % 17, 20097, 20121 + s % 17,
  s || '/' || (ARRAY['report.pdf', 'logo.png', 'anim.gif', 'Résumé 日本.zip'])[1 + s % 4],
  (ARRAY['1.0', '1.1', 'PWC'])[1 + s % 3],
  p.b || convert_to(s::text, 'UTF8'),
  length(p.b) + length(s::text)
FROM generate_series($lo, $hi) s JOIN blobpool p ON p.id = s % 1024;
SQL
    done
}

pg_objects() {
    cat <<'SQL'
SET client_min_messages = warning;
ALTER TABLE journalarticle ADD PRIMARY KEY (id_, ctcollectionid);
ALTER TABLE dlcontent ADD PRIMARY KEY (contentid, ctcollectionid);
CREATE INDEX ix_85c52eec ON journalarticle (groupid, articleid, ctcollectionid);
CREATE UNIQUE INDEX ix_615e9f7a ON user_ (companyid, emailaddress, ctcollectionid);
CREATE SEQUENCE IF NOT EXISTS bench_counter_seq START 1000 INCREMENT 50;
SELECT setval('bench_counter_seq', 123450) \g /dev/null
CREATE OR REPLACE VIEW journalarticlecount AS
  SELECT groupid, count(*) AS n, max(modifieddate) AS lastmodified FROM journalarticle GROUP BY groupid;
CREATE OR REPLACE FUNCTION journalarticle_bu() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a comment with a 'quote'; and a semicolon
  NEW.modifieddate := now();
  NEW.mvccversion := OLD.mvccversion + 1;
  RETURN NEW;
END;
$$;
CREATE TRIGGER journalarticle_bu BEFORE UPDATE ON journalarticle
  FOR EACH ROW EXECUTE FUNCTION journalarticle_bu();
CREATE OR REPLACE FUNCTION bench_title(aid bigint) RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT '«' || title || '»' FROM journalarticle WHERE id_ = aid AND ctcollectionid = 0
$fn$;
ANALYZE;
SQL
}

# ---------------------------------------------------------- fill+dump ---
# row_counts KIND -> "JA DL" for the current TARGET
row_counts() {
    local ja_bpr dl_bpr
    if [ "$1" = mysql ]; then ja_bpr=$MY_JA_BPR; dl_bpr=$MY_DL_BPR; else ja_bpr=$PG_JA_BPR; dl_bpr=$PG_DL_BPR; fi
    echo "$(rows_for "$TARGET" "$JA_SHARE" "$ja_bpr") $(rows_for "$TARGET" $((100 - JA_SHARE)) "$dl_bpr")"
}

do_mysql_dump() {
    "$MYSQLDUMP" --databases --add-drop-database --routines --triggers "$DB" >"$OUTDIR/mysql.sql.tmp"
    mv "$OUTDIR/mysql.sql.tmp" "$OUTDIR/mysql.sql"
}
do_pg_dump() {
    pg_dump --format=plain "$DB" >"$OUTDIR/pg.sql.tmp"
    mv "$OUTDIR/pg.sql.tmp" "$OUTDIR/pg.sql"
}

# fill_and_dump mysql|pg : fill the database, dump it, top up if short
fill_and_dump() {
    local kind=$1 out ja dl ja_done=0 dl_done=0 try size more
    out=$OUTDIR/$kind.sql
    if [ "$(fsize "$out")" -ge "$TARGET" ]; then
        echo "==> $kind: $out exists ($(mib "$(fsize "$out")") MiB >= $SIZE_MB MiB), skipping fill+dump" >&2
        return
    fi
    read -r ja dl < <(row_counts "$kind")
    if [ "$kind" = mysql ]; then
        phase "mysql: create schema + small tables" my < <(mysql_schema)
    else
        dropdb --if-exists "$DB"
        createdb -E UTF8 -T template0 "$DB"
        phase "pg: create schema + small tables" pg -d "$DB" < <(pg_schema)
    fi
    for try in 1 2 3; do
        if [ "$kind" = mysql ]; then
            phase "mysql: fill JournalArticle $((ja_done + 1))..$ja" my < <(mysql_fill_ja $((ja_done + 1)) "$ja")
            phase "mysql: fill DLContent $((dl_done + 1))..$dl" my < <(mysql_fill_dl $((dl_done + 1)) "$dl")
            [ "$try" = 1 ] && phase "mysql: indexes, view, trigger, routines" my < <(mysql_objects)
            phase "mysql: mysqldump" do_mysql_dump
        else
            phase "pg: fill journalarticle $((ja_done + 1))..$ja" pg -d "$DB" < <(pg_fill_ja $((ja_done + 1)) "$ja")
            phase "pg: fill dlcontent $((dl_done + 1))..$dl" pg -d "$DB" < <(pg_fill_dl $((dl_done + 1)) "$dl")
            [ "$try" = 1 ] && phase "pg: keys, indexes, view, trigger, functions" pg -d "$DB" < <(pg_objects)
            phase "pg: pg_dump" do_pg_dump
        fi
        ja_done=$ja; dl_done=$dl
        size=$(fsize "$out")
        echo "    $kind.sql: $(mib "$size") MiB ($ja JournalArticle + $dl DLContent rows)" >&2
        [ "$size" -ge "$TARGET" ] && return
        # short: scale both tables up by the missing fraction (+5%) and redo the dump
        more=$(awk -v t="$TARGET" -v s="$size" 'BEGIN{printf "%.6f", (t/s)*1.05}')
        echo "    $kind.sql is below $SIZE_MB MiB, topping up (x$more)" >&2
        ja=$(awk -v n="$ja" -v m="$more" 'BEGIN{print int(n*m)+1}')
        dl=$(awk -v n="$dl" -v m="$more" 'BEGIN{print int(n*m)+1}')
    done
    echo "error: $out still below $SIZE_MB MiB after 3 tries" >&2
    exit 1
}

compress() { # INPUT
    local in=$1
    if fresh "$in.gz" "$in"; then
        echo "==> $(basename "$in").gz is up to date, skipping" >&2
    else
        # shellcheck disable=SC2016 # sh -c expands $1
        phase "pigz -6 $(basename "$in")" sh -c 'pigz -6 -c "$1" > "$1.gz.tmp" && mv "$1.gz.tmp" "$1.gz"' _ "$in"
    fi
    if fresh "$in.zst" "$in"; then
        echo "==> $(basename "$in").zst is up to date, skipping" >&2
    else
        # shellcheck disable=SC2016 # sh -c expands $1
        phase "zstd -3 -T2 $(basename "$in")" sh -c 'zstd -q -3 -T2 -c "$1" > "$1.zst.tmp" && mv "$1.zst.tmp" "$1.zst"' _ "$in"
    fi
}

verify_big_insert() {
    local f=$OUTDIR/big-insert-5mb.sql n
    python3 "$ROOT/benches/gen-big-insert.py" 5 >"$f"
    # the file has no CREATE DATABASE/USE: load it into a scratch database
    my -e "DROP DATABASE IF EXISTS \`${DB}_bigins\`; CREATE DATABASE \`${DB}_bigins\` DEFAULT CHARACTER SET utf8mb4"
    "${MYSQL[@]}" --max-allowed-packet=1G "${DB}_bigins" <"$f"
    n=$(my -e "SELECT COUNT(*) FROM \`${DB}_bigins\`.t")
    echo "    MariaDB loaded the 5 MiB single-INSERT file: $n rows in \`t\`" >&2
    my -e "DROP DATABASE \`${DB}_bigins\`"
    rm -f "$f"
    touch "$OUTDIR/.big-insert-verified"
}

gen_big_insert() {
    python3 "$ROOT/benches/gen-big-insert.py" "$BIG_INSERT_MB" >"$OUTDIR/big-insert.sql.tmp"
    mv "$OUTDIR/big-insert.sql.tmp" "$OUTDIR/big-insert.sql"
}

# ------------------------------------------------- escape-dense dumps ---
# A MariaDB table whose rows carry what production rows carry: a BLOB of 16
# random bytes (mariadb-dump writes \0, \', \\, \n, \Z… inside strings) and text
# with ', ", \, newlines and multi-byte UTF-8 in every row. Dumped twice by the
# real mariadb-dump: escape.sql (default) and escape-hex.sql (--hex-blob).
ESC_DB=${DB}_esc
ESC_BPR=185  # dump bytes per row, measured (MariaDB 10.11: 1868447 bytes for 10000 rows)
esc_schema() {
    cat <<SQL
DROP DATABASE IF EXISTS \`$ESC_DB\`;
CREATE DATABASE \`$ESC_DB\` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE \`$ESC_DB\`;
CREATE TABLE Attachment (
  attachmentId bigint(20) NOT NULL,
  companyId bigint(20) DEFAULT NULL,
  createDate datetime(6) DEFAULT NULL,
  data_ blob DEFAULT NULL,
  fileName varchar(255) DEFAULT NULL,
  note text DEFAULT NULL,
  PRIMARY KEY (attachmentId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
SQL
}
esc_fill() { # ROWS
    local n=$1 lo hi
    echo "USE \`$ESC_DB\`;"
    echo "SET SESSION unique_checks = 0, foreign_key_checks = 0;"
    for ((lo = 1; lo <= n; lo += BATCH_JA)); do
        hi=$((lo + BATCH_JA - 1)); [ "$hi" -gt "$n" ] && hi=$n
        cat <<SQL
INSERT INTO Attachment
SELECT seq, 20097, TIMESTAMPADD(MICROSECOND, seq * 37000123, '2015-01-01 00:00:00'),
  RANDOM_BYTES(16),
  CONCAT(ELT(1 + seq % 4, 'O''Brien\\\\', 'Résumé "final"', '日本語', 'C:\\\\tmp\\\\'), seq, '.pdf'),
  CONCAT('It''s a "note" with C:\\\\path\\\\', seq, CHAR(10), 'naïve 日本 🚀 ', MD5(seq), CHAR(13), CHAR(10), CHAR(9), 'end\\\\')
FROM seq_${lo}_to_${hi};
SQL
    done
}
make_escape_dumps() {
    local rows
    rows=$(awk -v b="$TARGET" -v r="$ESC_BPR" 'BEGIN{print int(b/r*1.02)+1}')
    if [ "$(fsize "$OUTDIR/escape.sql")" -ge "$TARGET" ] && [ "$(fsize "$OUTDIR/escape-hex.sql")" -ge "$TARGET" ]; then
        echo "==> escape.sql and escape-hex.sql exist, skipping" >&2
        return
    fi
    phase "mysql: escape-dense schema" my < <(esc_schema)
    phase "mysql: fill Attachment 1..$rows" my < <(esc_fill "$rows")
    # shellcheck disable=SC2016 # sh -c expands $1..
    phase "mysql: mariadb-dump escape.sql" sh -c '"$1" --databases "$2" > "$3.tmp" && mv "$3.tmp" "$3"' _ "$MYSQLDUMP" "$ESC_DB" "$OUTDIR/escape.sql"
    # shellcheck disable=SC2016
    phase "mysql: mariadb-dump --hex-blob escape-hex.sql" sh -c '"$1" --hex-blob --databases "$2" > "$3.tmp" && mv "$3.tmp" "$3"' _ "$MYSQLDUMP" "$ESC_DB" "$OUTDIR/escape-hex.sql"
    my -e "DROP DATABASE \`$ESC_DB\`"
}

# ---------------------------------------------------------------- main ---
echo "make-dumps: OUTDIR=$OUTDIR SIZE_MB=$SIZE_MB (MiB) BIG_INSERT_MB=$BIG_INSERT_MB" >&2

need_db=0
[ "$(fsize "$OUTDIR/mysql.sql")" -ge "$TARGET" ] || need_db=1
[ "$(fsize "$OUTDIR/pg.sql")" -ge "$TARGET" ] || need_db=1
[ -e "$OUTDIR/.big-insert-verified" ] || need_db=1
ESCAPE_DUMPS=${ESCAPE_DUMPS:-1}
if [ "$ESCAPE_DUMPS" != 0 ]; then
    [ "$(fsize "$OUTDIR/escape.sql")" -ge "$TARGET" ] || need_db=1
    [ "$(fsize "$OUTDIR/escape-hex.sql")" -ge "$TARGET" ] || need_db=1
fi
[ "$need_db" = 0 ] || check_servers

fill_and_dump mysql
fill_and_dump pg
compress "$OUTDIR/mysql.sql"
compress "$OUTDIR/pg.sql"
[ "$ESCAPE_DUMPS" = 0 ] || make_escape_dumps

if [ -e "$OUTDIR/.big-insert-verified" ]; then
    echo "==> big-insert format already verified against MariaDB, skipping" >&2
else
    phase "verify 5 MiB big-insert loads in MariaDB" verify_big_insert
fi
if [ "$(fsize "$OUTDIR/big-insert.sql")" -ge $((BIG_INSERT_MB * MIB)) ] &&
    [ "$(fsize "$OUTDIR/big-insert.sql")" -lt $(((BIG_INSERT_MB + 1) * MIB)) ]; then
    echo "==> big-insert.sql exists, skipping" >&2
else
    phase "gen-big-insert.py $BIG_INSERT_MB" gen_big_insert
fi

T_END=$(now)
echo
echo "Phases:"
if [ ${#PHASES[@]} -eq 0 ]; then echo "  (nothing to do: all outputs up to date)"; fi
for p in "${PHASES[@]}"; do echo "  $p"; done
printf '  %-44s %8ss\n' "total" "$(awk -v a="$T_START" -v b="$T_END" 'BEGIN{printf "%.1f", b-a}')"
echo
echo "Files in $OUTDIR:"
for f in mysql.sql mysql.sql.gz mysql.sql.zst escape.sql escape-hex.sql pg.sql pg.sql.gz pg.sql.zst big-insert.sql; do
    [ -e "$OUTDIR/$f" ] && printf '  %-16s %14s bytes  %9s MiB\n' "$f" "$(fsize "$OUTDIR/$f")" "$(mib "$(fsize "$OUTDIR/$f")")"
done
