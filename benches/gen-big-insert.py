#!/usr/bin/env python3
"""gen-big-insert.py SIZE_MB > file.sql

Writes a mysqldump-shaped file (MariaDB 10.11 mysqldump header, SET preamble,
DROP/CREATE TABLE `t`, LOCK TABLES, `-- Dump completed` trailer) whose data is
ONE extended INSERT statement of at least SIZE_MB MiB on a single line:

    INSERT INTO `t` VALUES (1,'...','...',1,'2021-...'),(2,...),...;

Strings are escaped the way mysqldump (mysql_real_escape_string) does it, so
they contain \\' \\" \\\\ \\n \\r \\0 \\Z, raw tabs, SQL-looking text and
multi-byte UTF-8 (é, 日本, emoji); some columns are NULL.
The output is deterministic and streamed in ~8 MiB chunks (never held in
memory); 1024 MiB takes a few seconds.
"""
import sys

MIB = 1 << 20
CHUNK = 8 * MIB

HEADER = """/*M!999999\\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: bench
-- ------------------------------------------------------
-- Server version	10.11.19-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Table structure for table `t`
--

DROP TABLE IF EXISTS `t`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `t` (
  `id` int(11) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `body` text DEFAULT NULL,
  `active` tinyint(4) NOT NULL DEFAULT 0,
  `created` datetime DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `t`
--

LOCK TABLES `t` WRITE;
/*!40000 ALTER TABLE `t` DISABLE KEYS */;
INSERT INTO `t` VALUES """

TRAILER = """;
/*!40000 ALTER TABLE `t` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2024-05-01 12:00:00
"""

_ESC = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\0": "\\0", "\x1a": "\\Z"}


def esc(s: str) -> str:
    """Quote a string like mysqldump does (mysql_real_escape_string)."""
    return "'" + "".join(_ESC.get(c, c) for c in s) + "'"


NAMES = [
    "O'Brien", 'Zoë "Zed" Müller', "José Álvarez", "山田 太郎", "Иван Петров",
    "C:\\Users\\admin", "plain name", "emoji 🚀🎉", "tab\there", "semi;colon, (paren)",
]
BODIES = [
    "It's a \"test\" — line one\nline two\nline three",
    "Path C:\\Program Files\\Liferay\\tomcat\\bin and a trailing backslash \\",
    "Café crème brûlée, naïve façade; 日本語のテキスト; 中文; 한국어; 🙂👍🏽",
    "SQL-ish text: INSERT INTO x VALUES ('a','b'); -- not a comment /* nor this */",
    "CRLF line\r\nnext\r\nNUL byte here:\0 and ctrl-Z:\x1a end",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud.",
    "",
    "),(' tricky: looks like a row separator '),(",
]


def tails():
    """1009 distinct row tails (everything after the id), as bytes."""
    out = []
    for k in range(1009):
        name = NAMES[k % len(NAMES)] + " #" + str(k * 7919 % 100003)
        body = BODIES[k % len(BODIES)]
        body = (body + "\n") * (1 + k % 4) + "sum=" + format(k * 2654435761 % (1 << 32), "08x")
        name_sql = "NULL" if k % 17 == 0 else esc(name)
        body_sql = "NULL" if k % 23 == 0 else esc(body)
        created = "NULL" if k % 29 == 0 else "'20%02d-%02d-%02d %02d:%02d:%02d'" % (
            10 + k % 15, 1 + k % 12, 1 + k % 28, k % 24, k % 60, (k * 7) % 60)
        out.append(("%s,%s,%d,%s)" % (name_sql, body_sql, k % 2, created)).encode("utf-8"))
    return out


def main() -> int:
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.stderr.write("usage: gen-big-insert.py SIZE_MB > file.sql   (SIZE_MB in MiB, >= 1)\n")
        return 2
    target = int(sys.argv[1]) * MIB
    out = sys.stdout.buffer
    out.write(HEADER.encode("utf-8"))

    rows = tails()
    n_tails = len(rows)
    # first row without the leading comma
    first = b"(1," + rows[1]
    out.write(first)
    written = len(first)
    row_id = 2
    avg = sum(len(r) for r in rows) // n_tails + 12
    per_chunk = max(1, CHUNK // avg)
    while written < target:
        # a chunk of rows; the last chunk is trimmed to end right after target
        remaining_rows = (target - written) // avg + 1
        n = min(per_chunk, remaining_rows)
        ids = range(row_id, row_id + n)
        buf = b"".join([b",(%d,%s" % (i, rows[i % n_tails]) for i in ids])
        out.write(buf)
        written += len(buf)
        row_id += n
    out.write(TRAILER.encode("utf-8"))
    out.flush()
    sys.stderr.write("gen-big-insert: %d rows, INSERT statement %d bytes\n" % (row_id - 1, written + 24))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.exit(1)
