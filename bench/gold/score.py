#!/usr/bin/env python3
"""Score jindu's extraction against a hand-written gold table.

usage: score.py JINDU_BINARY DOCS_DIR GOLD.tsv [--quiet]

For every document named in GOLD.tsv the scorer runs
    JINDU extract --format jsonl DOC
    JINDU audit --format json DOC
(from DOCS_DIR) and matches extracted figures to gold rows one to one by
(doc, line, value within 0.5%, unit); among the candidates of one gold row it
prefers the same metric, then the same kind, drug and the nearest value.

Reported:
  recall, precision            matched gold / gold rows, matched extracted / extracted rows
  field accuracy               metric, scope (if jindu prints it), drug, region, period, year,
                               qualifier, kind of the matched pairs
  headline recall              gold rows of a headline metric with empty scope and kind
                               level/change_*: matched with the same metric (and empty scope
                               when jindu prints scope)
  headline misattribution      extracted rows of a headline metric, kind level/change_*, with
                               empty or no scope, matched to a gold row whose metric differs
                               or whose scope is not empty
  period-year accuracy         first year of the period equal, over matched rows whose year is
                               stated in the text (gold `# year-not-in-text:` lines are left out)
  audit errors                 error-severity findings of `jindu audit` on documents the gold
                               marks consistent (`# consistent: DOC true`; default true)

Works on the older gold tables (tests/gold/docs.tsv: no scope/span columns, no comments about
consistency): scope is then taken as empty.  Python 3 standard library only.
"""
import json
import os
import re
import subprocess
import sys
from collections import defaultdict, Counter

HEADLINE = {"cases_solved", "suspects_arrested", "drugs_seized", "users_registered",
            "new_users", "users_checked", "compulsory_isolation", "abstinent_3y"}
HEADLINE_KINDS = {"level", "change_pct", "change_abs", "change_pp"}
TOL = 0.005


def read_gold(path):
    rows, consistent, urls, noyear = [], {}, {}, []
    header = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                m = re.match(r"#\s*consistent:\s*(\S+)\s+(true|false)\b", line)
                if m:
                    consistent[m.group(1)] = (m.group(2) == "true")
                m = re.match(r"#\s*source:\s*(\S+)\s+(\S+)", line)
                if m and m.group(1) != "DOC":
                    urls[m.group(1)] = m.group(2)
                m = re.match(r"#\s*year-not-in-text:\s*(\S+)\s*$", line)
                if m and m.group(1) != "DOC":
                    noyear.append(m.group(1).split(":"))
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            r = dict(zip(header, cols + [""] * (len(header) - len(cols))))
            try:
                r["line"] = int(r["line"])
                r["value"] = float(r["value"])
            except ValueError:
                continue
            r.setdefault("scope", "")
            r["has_scope_col"] = "scope" in header
            rows.append(r)
    return rows, consistent, urls, noyear, header


def year_of(period):
    m = re.search(r"(\d{4})", period or "")
    return m.group(1) if m else None


def close(a, b):
    if a == b:
        return True
    if (a < 0) != (b < 0):
        return False
    return abs(a - b) <= TOL * max(abs(a), abs(b))


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def extract(jindu, docs_dir, doc):
    rc, out, err = run([jindu, "extract", "--format", "jsonl", doc], docs_dir)
    recs = []
    for ln in out.splitlines():
        ln = ln.strip()
        if ln:
            try:
                recs.append(json.loads(ln))
            except json.JSONDecodeError:
                pass
    if rc != 0:
        sys.stderr.write("score.py: %s extract %s: exit %d: %s\n" % (jindu, doc, rc, err.strip()))
    for r in recs:
        r["value"] = float(r.get("value", 0))
        r["line"] = int(r.get("line", 0))
    return recs


def audit_errors(jindu, docs_dir, doc):
    rc, out, err = run([jindu, "audit", "--format", "json", doc], docs_dir)
    errs = []
    try:
        findings = json.loads(out) if out.strip() else []
        for f in findings:
            if f.get("severity") == "error":
                errs.append(f)
        return errs
    except json.JSONDecodeError:
        pass
    # fall back to the text format: count 【错误】 / [错误 error] headings
    rc, out, err = run([jindu, "audit", doc], docs_dir)
    for ln in out.splitlines():
        if "【错误】" in ln or "[错误" in ln or "[error" in ln.lower():
            errs.append({"title": ln.strip(), "explanation": ""})
    return errs


def match(gold, ext):
    """One-to-one matching inside (line, unit); returns list of (g, e) and leftovers."""
    pairs = []
    used = set()
    # gold rows with fewer candidates first, so a plain row does not steal another's only match
    cand = {}
    for gi, g in enumerate(gold):
        cand[gi] = [ei for ei, e in enumerate(ext)
                    if e["line"] == g["line"] and e.get("unit") == g["unit"] and close(e["value"], g["value"])]
    for gi in sorted(cand, key=lambda i: len(cand[i])):
        g = gold[gi]
        best, bkey = None, None
        for ei in cand[gi]:
            if ei in used:
                continue
            e = ext[ei]
            key = (e.get("metric") != g["metric"], e.get("kind") != g["kind"],
                   (e.get("drug") or "") != (g.get("drug") or ""), abs(e["value"] - g["value"]))
            if bkey is None or key < bkey:
                best, bkey = ei, key
        if best is not None:
            used.add(best)
            pairs.append((g, ext[best]))
    matched_g = {id(g) for g, _ in pairs}
    misses = [g for g in gold if id(g) not in matched_g]
    spurious = [e for i, e in enumerate(ext) if i not in used]
    return pairs, misses, spurious


def excluded_year(noyear, doc, line, value):
    for parts in noyear:
        if parts[0] != doc:
            continue
        if len(parts) == 1:
            return True
        if int(parts[1]) != line:
            continue
        if len(parts) == 2 or close(float(parts[2]), value):
            return True
    return False


def pct(a, b):
    return "%5.1f%% (%d/%d)" % (100.0 * a / b, a, b) if b else "  n/a (0/0)"


def fmt_g(g):
    sc = (" [" + g["scope"] + "]") if g.get("scope") else ""
    return "L%d %s%s %s %s %s %g %s %s" % (g["line"], g["metric"], sc, g.get("drug", ""), g.get("period", ""),
                                          g["kind"], g["value"], g["unit"], g.get("qualifier", ""))


def fmt_e(e):
    sc = (" [" + e["scope"] + "]") if e.get("scope") else ""
    return "%s%s %s %s %s %s" % (e.get("metric"), sc, e.get("drug", ""), e.get("region", ""), e.get("period", ""),
                                e.get("kind"))


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    quiet = "--quiet" in argv
    if len(args) != 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    jindu, docs_dir, gold_path = args
    jindu = os.path.abspath(jindu) if os.path.sep in jindu else jindu
    gold, consistent, urls, noyear, header = read_gold(gold_path)
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    has_span = "span" in header

    tot = Counter()
    jindu_has_scope = None
    per_doc_out = []
    all_pairs = []
    audit_report = []
    for doc in sorted(by_doc):
        if not os.path.exists(os.path.join(docs_dir, doc)):
            sys.stderr.write("score.py: %s: not in %s\n" % (doc, docs_dir))
            continue
        gold_d = by_doc[doc]
        ext = extract(jindu, docs_dir, doc)
        if ext and jindu_has_scope is None:
            jindu_has_scope = "scope" in ext[0]
        pairs, misses, spurious = match(gold_d, ext)
        all_pairs += [(doc, g, e) for g, e in pairs]
        tot["gold"] += len(gold_d)
        tot["ext"] += len(ext)
        tot["matched"] += len(pairs)
        lines = []
        mis = []
        # headline recall
        for g in gold_d:
            if g["metric"] in HEADLINE and not g.get("scope") and g["kind"] in HEADLINE_KINDS:
                tot["hl_gold"] += 1
        for g, e in pairs:
            if g["metric"] in HEADLINE and not g.get("scope") and g["kind"] in HEADLINE_KINDS:
                if e.get("metric") == g["metric"] and not (jindu_has_scope and e.get("scope")):
                    tot["hl_found"] += 1
        # headline misattribution
        for g, e in pairs:
            if e.get("metric") in HEADLINE and e.get("kind") in HEADLINE_KINDS and not e.get("scope"):
                tot["hl_ext_matched"] += 1
                why = []
                if g["metric"] != e.get("metric"):
                    why.append("gold metric " + g["metric"])
                if g.get("scope"):
                    why.append("gold scope '" + g["scope"] + "'")
                if why:
                    tot["hl_misattr"] += 1
                    mis.append("  MISATTRIBUTED %s  <- jindu %s  (%s)  | %s" % (fmt_g(g), fmt_e(e), "; ".join(why),
                                                                              e.get("quote", "")[:60]))
        for e in spurious:
            if e.get("metric") in HEADLINE and e.get("kind") in HEADLINE_KINDS and not e.get("scope"):
                tot["hl_ext_spurious"] += 1
        # audit
        errs = audit_errors(jindu, docs_dir, doc)
        cons = consistent.get(doc, True)
        if cons:
            tot["audit_err"] += len(errs)
            for f in errs:
                audit_report.append("  %s: %s — %s" % (doc, f.get("title", ""), f.get("explanation", "")[:160]))
        else:
            tot["audit_err_inconsistent_docs"] += len(errs)
        if not quiet:
            lines.append("== %s  (gold %d, extracted %d, matched %d%s)" % (
                doc, len(gold_d), len(ext), len(pairs), "" if cons else ", marked INCONSISTENT"))
            for g in sorted(misses, key=lambda x: x["line"]):
                lines.append("  MISS %s" % fmt_g(g))
            lines += mis
            for g, e in pairs:
                if e.get("metric") != g["metric"] and not (e.get("metric") in HEADLINE and not e.get("scope")
                                                           and e.get("kind") in HEADLINE_KINDS):
                    lines.append("  METRIC %s  <- jindu %s" % (fmt_g(g), fmt_e(e)))
            for e in spurious:
                lines.append("  SPURIOUS L%d %g %s %s | %s" % (e["line"], e["value"], e.get("unit"), fmt_e(e),
                                                               e.get("quote", "")[:60]))
            per_doc_out.append("\n".join(lines))

    # field accuracy over matched pairs
    acc = Counter()
    for doc, g, e in all_pairs:
        acc["n"] += 1
        acc["metric"] += e.get("metric") == g["metric"]
        acc["drug"] += (e.get("drug") or "") == (g.get("drug") or "")
        acc["region"] += (e.get("region") or "") == (g.get("region") or "")
        acc["period"] += (e.get("period") or "") == (g.get("period") or "")
        acc["qualifier"] += e.get("qualifier") == g.get("qualifier")
        acc["kind"] += e.get("kind") == g.get("kind")
        if not excluded_year(noyear, doc, g["line"], g["value"]):
            acc["year_n"] += 1
            acc["year"] += year_of(e.get("period")) == year_of(g.get("period"))
        if jindu_has_scope:
            acc["scope_empty"] += bool(e.get("scope")) == bool(g.get("scope"))
            acc["scope_exact"] += (e.get("scope") or "") == (g.get("scope") or "")
        if g["metric"] in HEADLINE and not g.get("scope"):
            pass

    if not quiet:
        print("\n\n".join(per_doc_out))
        print()
        if audit_report:
            print("Error-severity audit findings on documents marked consistent:")
            print("\n".join(audit_report))
            print()
    print("gold: %s   documents: %d   gold rows: %d   extracted: %d   (%s)" % (
        gold_path, len(by_doc), tot["gold"], tot["ext"],
        "scope+span columns" if has_span else "older column set, no scope/span"))
    print("recall                   %s" % pct(tot["matched"], tot["gold"]))
    print("precision                %s" % pct(tot["matched"], tot["ext"]))
    print("metric accuracy (match.) %s" % pct(acc["metric"], acc["n"]))
    print("headline recall          %s" % pct(tot["hl_found"], tot["hl_gold"]))
    print("headline misattribution  %s of matched headline extractions; %d more headline extractions match no gold figure" % (
        pct(tot["hl_misattr"], tot["hl_ext_matched"]), tot["hl_ext_spurious"]))
    print("period-year accuracy     %s" % pct(acc["year"], acc["year_n"]))
    print("period exact (match.)    %s" % pct(acc["period"], acc["n"]))
    if jindu_has_scope:
        print("scope accuracy           %s empty/non-empty agree; %s exact" % (
            pct(acc["scope_empty"], acc["n"]), pct(acc["scope_exact"], acc["n"])))
    else:
        print("scope accuracy           n/a (jindu prints no scope column)")
    print("drug / region / qualifier / kind accuracy (matched): %s / %s / %s / %s" % (
        pct(acc["drug"], acc["n"]), pct(acc["region"], acc["n"]), pct(acc["qualifier"], acc["n"]),
        pct(acc["kind"], acc["n"])))
    print("audit errors on consistent docs: %d   (on docs marked inconsistent: %d)" % (
        tot["audit_err"], tot["audit_err_inconsistent_docs"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
