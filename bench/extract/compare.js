// Side-by-side with Microsoft Recognizers-Text (Chinese number, percentage
// and dimension models): recall on the seed gold table for both tools, and
// the throughput of Recognizers-Text on a prefix of the benchmark input.
//   node compare.js recall GOLD.tsv SEEDS_DIR JINDU_BINARY
//   node compare.js throughput FILE MEGABYTES
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const R = require('@microsoft/recognizers-text-suite');

const culture = R.Culture.Chinese;
const models = [
  (t) => R.recognizeNumber(t, culture),
  (t) => R.recognizePercentage(t, culture),
  (t) => R.recognizeDimension(t, culture),
];

function recognize(text) {
  const out = [];
  for (const m of models) for (const r of m(text)) out.push(r);
  return out;
}

// Every number a Recognizers result stands for, in jindu's base units, so
// that it gets every benefit of the doubt (no qualifier, no sign needed).
function valuesOf(r) {
  const res = r.resolution || {};
  const vals = [];
  const raw = res.value !== undefined ? String(res.value) : '';
  const num = parseFloat(raw.replace('%', ''));
  if (!isNaN(num)) {
    vals.push(num);
    const unit = (res.unit || '').toLowerCase();
    if (unit === 'gram') vals.push(num / 1000);
    if (unit === 'ton' || unit === 'metric ton') vals.push(num * 1000);
  }
  return vals;
}

function loadGold(file) {
  return fs.readFileSync(file, 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('doc\t'))
    .map((l) => {
      const c = l.split('\t');
      return { doc: c[0], line: +c[1], value: +c[6], unit: c[7], qualifier: c[8] };
    });
}

const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function recall(goldFile, seedsDir, jindu) {
  const gold = loadGold(goldFile);
  const docs = [...new Set(gold.map((g) => g.doc))];
  let rtHits = 0, jdHits = 0, rtOut = 0, jdOut = 0;
  for (const doc of fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()) {
    const lines = fs.readFileSync(path.join(seedsDir, doc), 'utf8').split('\n');
    const rt = lines.map((l) => recognize(l));
    rt.forEach((rs) => { rtOut += rs.length; });
    const jsonl = execFileSync(jindu, ['extract', '--format', 'jsonl', path.join(seedsDir, doc)],
      { encoding: 'utf8' });
    const jd = jsonl.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    jdOut += jd.length;
    const usedRt = new Set(), usedJd = new Set();
    for (const g of gold.filter((x) => x.doc === doc)) {
      const rs = rt[g.line - 1] || [];
      const i = rs.findIndex((r, k) => !usedRt.has(`${g.line}:${k}`) &&
        valuesOf(r).some((v) => close(v, g.value) || close(v, Math.abs(g.value))));
      if (i >= 0) { rtHits++; usedRt.add(`${g.line}:${i}`); }
      const j = jd.findIndex((f, k) => !usedJd.has(k) && f.line === g.line &&
        close(+f.value, g.value) && f.unit === g.unit && f.qualifier === g.qualifier);
      if (j >= 0) { jdHits++; usedJd.add(j); }
    }
  }
  const n = gold.length;
  console.log(JSON.stringify({
    gold: n,
    recognizers: { matched: rtHits, recall: rtHits / n, results: rtOut, precision: rtHits / rtOut },
    jindu: { matched: jdHits, recall: jdHits / n, results: jdOut, precision: jdHits / jdOut },
    recall_ratio_jindu_over_recognizers: (jdHits / n) / (rtHits / n),
  }, null, 2));
  void docs;
}

function throughput(file, megabytes) {
  const limit = megabytes * 1024 * 1024;
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(limit);
  const n = fs.readSync(fd, buf, 0, limit, 0);
  fs.closeSync(fd);
  let text = buf.subarray(0, n).toString('utf8');
  text = text.slice(0, text.lastIndexOf('\n') + 1);
  const bytes = Buffer.byteLength(text);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let results = 0;
  for (const line of text.split('\n')) if (line) results += recognize(line).length;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({ bytes, seconds: secs, cpu_seconds: cpuSecs,
    mb_per_s: bytes / 1048576 / secs, cpu_mb_per_s: bytes / 1048576 / cpuSecs, results,
    peak_rss_mb: process.memoryUsage().rss / 1048576 }, null, 2));
}

const [mode, a, b, c] = process.argv.slice(2);
if (mode === 'recall') recall(a, b, c);
else if (mode === 'throughput') throughput(a, +(b || 2));
else { console.error('usage: compare.js recall GOLD SEEDS JINDU | throughput FILE MB'); process.exit(2); }
