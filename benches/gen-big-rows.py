#!/usr/bin/env python3
"""A MySQL dump with rows far larger than dumpfix's window, for BENCHMARKS.md's
"Rows larger than the window": one longtext row of TEXT_MB (UTF-8 text with quotes,
backslashes, newlines, tabs) and one longblob row of BLOB_MB (random bytes), escaped as
mysqldump escapes them.

    python3 benches/gen-big-rows.py OUT.sql [TEXT_MB=200] [BLOB_MB=1000]
"""
import os
import random
import sys


def esc(b: bytes) -> bytes:
    return (b.replace(b'\\', b'\\\\').replace(b'\0', b'\\0').replace(b"'", b"\\'")
            .replace(b'"', b'\\"').replace(b'\n', b'\\n').replace(b'\r', b'\\r')
            .replace(b'\x1a', b'\\Z'))


def main() -> None:
    out = sys.argv[1]
    text_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    blob_mb = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    random.seed(1)
    blob = esc(os.urandom(1 << 20))
    unit = "café 中文 😀 'quoted' \"d\" back\\slash\n\ttab "
    text = esc((unit * (2 * (1 << 20) // len(unit.encode()))).encode())[: 1 << 20]
    # end on a whole character and a whole escape
    while True:
        try:
            text.decode()
            break
        except UnicodeDecodeError as e:
            text = text[: e.start]
    while text.endswith(b'\\'):
        text = text[:-1]
    with open(out, 'wb') as f:
        f.write(b"-- MySQL dump 10.13  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n"
                b"/*!40101 SET NAMES utf8mb4 */;\n"
                b"CREATE TABLE `doc` (`id` int NOT NULL, `data` longblob, `body` longtext, "
                b"PRIMARY KEY (`id`));\n"
                b"INSERT INTO `doc` VALUES (1,NULL,'")
        n = 0
        while n < text_mb * 1_000_000:
            f.write(text)
            n += len(text)
        f.write(b"'),(2,'")
        n = 0
        while n < blob_mb * 1_000_000:
            f.write(blob)
            n += len(blob)
        f.write(b"','tail'),(3,'x','y');\n-- Dump completed on 2026-12-07  0:00:00\n")


main()
