#!/usr/bin/env python3
"""Builds the fuzz seed corpora at run time from the shared seed documents and
the project's own sample data (nothing derived from the seeds is stored in
the repository). Usage: make_seeds.py SEEDS_DIR SOURCE_DIR OUT_DIR [JINDU]

OUT_DIR/<target>/ gets one file per seed. Targets whose first input byte
selects a mode (text, figures, theme) get that byte prepended."""
import hashlib
import os
import re
import subprocess
import sys

seeds_dir, source_dir, out_dir = sys.argv[1:4]
jindu = sys.argv[4] if len(sys.argv) > 4 else None


def put(target, data):
    d = os.path.join(out_dir, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def documents():
    """(name, utf8 text) of the shared seeds and the sample corpus."""
    docs = []
    for d in (seeds_dir, os.path.join(source_dir, "data", "corpus")):
        if not os.path.isdir(d):
            continue
        for n in sorted(os.listdir(d)):
            p = os.path.join(d, n)
            if not os.path.isfile(p):
                continue
            raw = open(p, "rb").read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gb18030", errors="replace")
            docs.append((p, text))
    return docs


def to_traditional(text):
    try:
        return subprocess.run(["opencc", "-c", "s2t"], input=text.encode(), capture_output=True,
                              check=True, timeout=60).stdout.decode()
    except (OSError, subprocess.SubprocessError):
        return None


docs = documents()

# text: chunks of 15 lines, as UTF-8 (strict and lenient), GB18030 and
# traditional, with CRLF; the option byte first.
for path, text in docs:
    lines = text.splitlines()
    for i in range(0, len(lines), 15):
        chunk = "\n".join(lines[i:i + 15])
        put("text", b"\x00" + chunk.encode())
        put("text", b"\x04" + chunk.replace("\n", "\r\n").encode("utf-8"))
        put("text", b"\x00" + chunk.encode("gb18030", errors="replace"))
    trad = to_traditional("\n".join(lines[:40]))
    if trad:
        put("text", b"\x00" + trad.encode())
        put("text", b"\x08" + trad.encode())

# numeral and extract: clauses / lines that hold a number.
num_re = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")
clauses = set()
for _, text in docs:
    for line in text.splitlines():
        line = line.strip()
        if num_re.search(line) and len(line.encode()) <= 2000:
            put("extract", line.encode())
        for c in re.split(r"[，。；：！？,;:!?\n]", line):
            c = c.strip()
            if num_re.search(c) and 0 < len(c.encode()) <= 160:
                clauses.add(c)
for c in sorted(clauses)[:3000]:
    put("numeral", c.encode())

# figures: jindu's own CSV/JSONL of the seeds when extract works, else rows
# synthesized from the seed lines; chunks of 25 rows; mode byte 0/1 CSV, 2 JSONL.
header = "doc,line,quote,metric,drug,region,period,value,unit,qualifier,kind,base_period"


def chunks(lines, head, n=25):
    for i in range(0, len(lines), n):
        yield "\n".join(([head] if head else []) + lines[i:i + n]) + "\n"


made = False
if jindu:
    for fmt, modes in (("csv", (b"\x00", b"\x01")), ("jsonl", (b"\x02",))):
        try:
            out = subprocess.run([jindu, "extract", "--format", fmt] + [p for p, _ in docs],
                                 capture_output=True, timeout=120).stdout.decode()
        except (OSError, subprocess.SubprocessError):
            out = ""
        rows = out.splitlines()
        if len(rows) < 2:
            continue
        head = rows[0] if fmt == "csv" else None
        body = rows[1:] if fmt == "csv" else rows
        for c in chunks(body, head):
            for m in modes:
                put("figures", m + c.encode())
        if fmt == "csv":  # analyze: larger chunks keep a document's shares and changes together
            for c in chunks(body, head, 120):
                put("analyze", b"\x00" + c.encode())
                put("analyze", b"\x03" + c.encode())
        made = True
if not made:
    rows = []
    for path, text in docs:
        for n, line in enumerate(text.splitlines(), 1):
            m = re.search(r"(\d+(?:\.\d+)?)", line)
            if not m:
                continue
            quote = line.strip()[:60].replace('"', '""')
            rows.append('%s,%d,"%s",cases_solved,all,全国,2019,%s,case,more_than,level,' % (
                os.path.basename(path), n, quote, m.group(1)))
    for c in chunks(rows, header):
        put("figures", b"\x00" + c.encode())
        put("figures", b"\x01" + ("\ufeff" + c).encode())
        put("analyze", b"\x00" + c.encode())
put("figures", b"\x00" + (header + '\na.txt,1,"x, ""y""\nz",m,,,2019,1e308,kg,about,rate,2018\n').encode())

# theme: the project's themes (mode byte 0) and chart specs (mode byte 1).
for sub, mode in (("data/themes", b"\x00"), ("tests", b"\x01"), ("data/charts", b"\x01")):
    d = os.path.join(source_dir, sub)
    if os.path.isdir(d):
        for n in sorted(os.listdir(d)):
            if n.endswith(".ini"):
                data = open(os.path.join(d, n), "rb").read()
                put("theme", (b"\x01" if b"[chart]" in data else mode) + data)
put("theme", b"\x01" + "[chart]\ntype=bar\ntitle=标题\ncategories=2018;2019\n[series A]\nvalues=1;2\n".encode())

# config: the default jindu.ini and any other key files of the build.
for n in ("jindu.ini",):
    p = os.path.join(source_dir, n)
    if os.path.isfile(p):
        put("config", open(p, "rb").read())
put("config", b"[input]\ndocuments=data/corpus\n[output]\ndir=reports\n")

for t in sorted(os.listdir(out_dir)):
    print("seeds: %-8s %d" % (t, len(os.listdir(os.path.join(out_dir, t)))))
