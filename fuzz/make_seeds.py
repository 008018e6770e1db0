#!/usr/bin/env python3
"""Build the seed corpora of the fuzz targets from the SQL dumps of the corpus.

    python3 fuzz/make_seeds.py [--out fuzz/corpus] DIR...

Reads every `*.sql` under the DIRs (default: ../shared/corpus and corpus/ next to the
crate) and writes, one file per seed (named by its SHA-1, so reruns add nothing):

  split_mysql/, split_postgres/  statement-aligned chunks of at most 4 KiB of the
                                 dumps of that dialect (the first chunk of each dump
                                 keeps its header)
  fix_path/                      small whole dumps (corpus/rules/*, examples) and the
                                 first statement-aligned chunks of every dump
  insert_tuples/                 2 control bytes + INSERT statements (≤ 4 KiB, long
                                 ones cut between tuples)
  copy_rows/                     2 control bytes + COPY data lines (≤ 4 KiB)
  convert_value/                 single values from INSERT tuples (deduplicated by
                                 shape) plus hand-written MySQL literals

The seeds are generated, not kept in the repository (fuzz/corpus is ignored); libFuzzer
adds the inputs it finds interesting to the same directories.
"""

import argparse
import hashlib
import os
import random
import re
import sys

MAX = 4096
PER_FILE = 24  # chunks taken from one dump per target (first ones + spread)
CONTROLS = [b"\x00\x00", b"\x09\x00", b"\x2b\x29", b"\x57\x80", b"\xff\xff", b"\x13\x52"]

LITERALS = [
    b"NULL", b"0", b"1", b"-12.345", b"0.00000015", b"1e10", b"2024", b"''", b"'abc'",
    b"'a\\'b\\\\c\\n\\r\\t\\0\\Z'", b"'it''s'", b'"dq"', b"_binary 'x\\0y'", b"_utf8mb4'\xc3\xa9'",
    b"N'n'", b"0xDEADBEEF", b"X'0a0B'", b"b'101'", b"0b11", b"'2024-01-02'",
    b"'2024-01-02 10:00:00.000000'", b"'0000-00-00'", b"'0000-00-00 00:00:00'",
    b"'2021/1/2'", b"'21-1-2 3:4:5'", b"'-838:59:59'", b"'838:59:59.5'", b"'a,b,c'",
    b"'{\"k\": [1, 2]}'", b"'\\x01'", b"'\xff\xfe'", b"_latin1 0x41", b"'1'", b"'0'",
]


def dialect(data):
    head = data[:65536]
    if b"PostgreSQL database dump" in head or b"FROM stdin;" in data or b"pg_catalog" in head:
        return "postgres"
    return "mysql"


def statements(data):
    """Split at `;` + line end (good enough for seeds: the fuzzer finds the rest)."""
    out = []
    start = 0
    for m in re.finditer(rb";[ \t]*\r?\n", data):
        out.append(data[start:m.end()])
        start = m.end()
    if start < len(data):
        out.append(data[start:])
    return out


def chunks(data):
    """Statement-aligned chunks of at most MAX bytes; longer statements are cut."""
    cur = b""
    for st in statements(data):
        if len(cur) + len(st) <= MAX:
            cur += st
            continue
        if cur:
            yield cur
        while len(st) > MAX:
            yield st[:MAX]
            st = st[MAX:]
        cur = st
    if cur:
        yield cur


def pick(items, n, rng):
    if len(items) <= n:
        return items
    first = items[: n // 2]
    rest = rng.sample(items[n // 2:], n - len(first))
    return first + rest


def insert_seeds(data):
    for st in statements(data):
        s = st.lstrip()
        if not re.match(rb"(?i)(insert|replace)\s", s):
            continue
        if len(st) <= MAX - 2:
            yield st
            continue
        # cut between tuples and close the statement
        cut = st.rfind(b"),(", 0, MAX - 8)
        if cut > 0:
            yield st[: cut + 1] + b";\n"


def copy_seeds(data):
    for m in re.finditer(rb"FROM stdin;\r?\n(.*?)^\\\.\r?$", data, re.S | re.M):
        body = m.group(1)
        cur = b""
        for line in body.splitlines(keepends=True):
            if len(cur) + len(line) > MAX - 2:
                if cur:
                    yield cur
                cur = b""
            cur += line[: MAX - 2]
        if cur:
            yield cur


def values(data):
    """Values of INSERT tuples, split at commas outside quotes (MySQL escapes)."""
    for st in statements(data):
        s = st.lstrip()
        if not re.match(rb"(?i)insert\s", s):
            continue
        i = s.find(b"VALUES")
        if i < 0:
            continue
        body = s[i + 6:]
        depth, q, esc, start = 0, None, False, None
        for j, c in enumerate(body):
            ch = bytes([c])
            if q:
                if esc:
                    esc = False
                elif ch == b"\\":
                    esc = True
                elif ch == q:
                    q = None
                continue
            if ch in (b"'", b'"'):
                q = ch
            elif ch == b"(":
                depth += 1
                if depth == 1:
                    start = j + 1
            elif ch in (b",", b")") and depth == 1:
                v = body[start:j].strip()
                if v and len(v) <= 256:
                    yield v
                start = j + 1
                if ch == b")":
                    depth = 0
            elif ch == b")":
                depth -= 1


def shape(v):
    """A coarse shape of a value, so that seeds differ in kind, not only in content."""
    s = re.sub(rb"[0-9]+", b"9", v[:16])
    s = re.sub(rb"[a-zA-Z \x80-\xff]+", b"a", s)
    return s + bytes([min(len(v) // 32, 8)])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    crate = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(here, "corpus"))
    ap.add_argument("dirs", nargs="*",
                    default=[os.path.join(crate, "..", "shared", "corpus"),
                             os.path.join(crate, "corpus")])
    a = ap.parse_args()
    rng = random.Random(20240601)
    seeds = {t: set() for t in ["split_mysql", "split_postgres", "fix_path",
                                "insert_tuples", "copy_rows", "convert_value"]}
    files = []
    for d in a.dirs:
        if not os.path.isdir(d):
            print(f"make_seeds: no directory {d}, skipped", file=sys.stderr)
            continue
        for root, _, names in os.walk(d):
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".sql")]
    files.sort()
    shapes = {}
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        dia = dialect(data)
        cs = list(chunks(data))
        for c in pick(cs, PER_FILE, rng):
            seeds["split_" + dia].add(c)
        if len(data) <= MAX:
            seeds["fix_path"].add(data)
        for c in cs[:4]:
            seeds["fix_path"].add(c)
        ins = list(insert_seeds(data))
        for k, st in enumerate(pick(ins, PER_FILE, rng)):
            seeds["insert_tuples"].add(CONTROLS[k % len(CONTROLS)] + st)
        cps = list(copy_seeds(data))
        for k, c in enumerate(pick(cps, PER_FILE, rng)):
            seeds["copy_rows"].add(CONTROLS[k % len(CONTROLS)] + c)
        for v in values(data):
            sh = shape(v)
            if shapes.get(sh, 0) < 2:
                shapes[sh] = shapes.get(sh, 0) + 1
                seeds["convert_value"].add(v)
    seeds["convert_value"].update(LITERALS)
    total = 0
    for t, ss in seeds.items():
        d = os.path.join(a.out, t)
        os.makedirs(d, exist_ok=True)
        for s in ss:
            name = hashlib.sha1(s).hexdigest()
            p = os.path.join(d, name)
            if not os.path.exists(p):
                with open(p, "wb") as fh:
                    fh.write(s)
        size = sum(len(s) for s in ss)
        total += size
        print(f"seeds {t:15} {len(ss):5} files {size:9} bytes")
    print(f"seeds total {total} bytes from {len(files)} dumps")


if __name__ == "__main__":
    main()
