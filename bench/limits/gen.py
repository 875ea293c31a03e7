#!/usr/bin/env python3
"""Inputs for the tested limits (bench/limits/run.sh, tests/test_limits.c),
made from the project's own sample documents (data/corpus: invented text) or
from nothing at all:

  gen.py rows N OUT.csv      a figures table of N rows: 5 metrics x 250
                             regions x periods 1990-2023, one row per line
                             of 1,000-row documents, plausible values
  gen.py doc MB OUT.txt      one document of MB megabytes: the sample
                             documents over and over, each copy's years moved
  gen.py docs N DIR          N documents: sample document k mod 10, its years
                             moved by k / 10 (so no two are the same)

Deterministic: the same arguments give the same bytes."""
import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
METRICS = [("cases_solved", "case", 10, 20000), ("suspects_arrested", "person", 10, 30000),
           ("drugs_seized", "kg", 1, 5000), ("users_registered", "person", 100, 900000),
           ("compulsory_isolation", "person", 10, 50000)]


def regions(n):
    out = []
    with open(os.path.join(SRC, "data", "lexicon", "regions.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            name = line.split("\t")[1]
            if name not in out:
                out.append(name)
            if len(out) == n:
                break
    return out


def rows(n, path):
    regs = regions(250)
    years = list(range(1990, 2024))
    x = 12345
    with open(path, "w", encoding="utf-8") as f:
        f.write("doc,line,metric,region,period,value,unit,kind\n")
        for i in range(n):
            m, unit, lo, hi = METRICS[i % len(METRICS)]
            r = regs[(i // len(METRICS)) % len(regs)]
            y = years[(i // (len(METRICS) * len(regs))) % len(years)]
            x = (x * 1103515245 + 12345) % 2147483648
            v = lo + x % (hi - lo)
            f.write(f"d{i // 1000:05d}.txt,{i % 1000 + 1},{m},{r},{y},{v},{unit},level\n")


def templates():
    d = os.path.join(SRC, "data", "corpus")
    out = []
    for n in sorted(os.listdir(d)):
        try:
            out.append(open(os.path.join(d, n), encoding="utf-8").read())
        except UnicodeDecodeError:
            continue  # the GB18030 sample
    return out


YEAR = re.compile(r"(20[0-2][0-9])(年)")


def moved(text, k):
    return YEAR.sub(lambda m: f"{int(m.group(1)) - k % 30}{m.group(2)}", text)


def doc(mb, path):
    tpl = templates()
    want = int(mb * 1024 * 1024)
    size = 0
    k = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < want:
            t = moved(tpl[k % len(tpl)], k // len(tpl)) + "\n"
            f.write(t)
            size += len(t.encode())
            k += 1


def docs(n, d):
    tpl = templates()
    os.makedirs(d, exist_ok=True)
    for k in range(n):
        with open(os.path.join(d, f"{k:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(moved(tpl[k % len(tpl)], k // len(tpl)))


if __name__ == "__main__":
    what, n, out = sys.argv[1], sys.argv[2], sys.argv[3]
    {"rows": lambda: rows(int(n), out), "doc": lambda: doc(float(n), out),
     "docs": lambda: docs(int(n), out)}[what]()
