#!/usr/bin/env bash
# Throughput of jindu reading documents as offices have them, per form, side by
# side with the usual peers: `pdftotext` + text extraction for PDF, `pandoc` +
# text extraction for .docx, the plain text itself for the web page, and the
# `tesseract` command for a scanned page.
#   bench/documents/speed.sh [build/jindu] [REPEAT]
# Inputs are made here from the bundled sample and the seeds repeated REPEAT
# times (default 20): .docx and HTML by pandoc, PDF by LibreOffice (one run),
# the scan by ImageMagick. Needs hyperfine, pandoc, poppler-utils, libreoffice,
# imagemagick, tesseract-ocr (all in Debian).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JINDU=$(realpath "${1:-$ROOT/build/jindu}"); REPEAT=${2:-20}
SEEDS=${JINDU_SEEDS_DIR:-$ROOT/../shared/corpus/seeds}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export JINDU_DATA_DIR=$ROOT
src=$(ls "$ROOT"/data/corpus/*.txt | grep -v gb18030)
[ -d "$SEEDS" ] && src="$src $(ls "$SEEDS"/*.txt)"
for _ in $(seq "$REPEAT"); do cat $src; done >"$W/corpus.txt"
# one paragraph per line: a blank line between lines for pandoc's markdown
sed 's/$/\n/' "$W/corpus.txt" >"$W/corpus.md"
pandoc -f markdown -t docx -o "$W/corpus.docx" "$W/corpus.md"
pandoc -f markdown -t html -s --metadata title=corpus -o "$W/corpus.html" "$W/corpus.md"
(cd "$W" && soffice --headless --convert-to pdf corpus.docx >/dev/null 2>&1)
pages=$(pdfinfo "$W/corpus.pdf" | awk '/^Pages:/ {print $2}')
mb() { echo "scale=2; $(stat -c %s "$1") / 1048576" | bc; }
echo "text $(mb "$W/corpus.txt") MB; docx $(mb "$W/corpus.docx") MB; html $(mb "$W/corpus.html") MB;" \
  "pdf $(mb "$W/corpus.pdf") MB, $pages pages"
for f in txt docx html pdf; do
  echo "$f: $(($("$JINDU" extract "$W/corpus.$f" | wc -l) - 1)) figures"
done
run() { hyperfine -N -w 1 -r "${RUNS:-5}" "$@" | grep -E "Benchmark|Time|±|faster|slower" || true; }
echo "== .docx: jindu vs pandoc (to plain text) + jindu on the text"
run "$JINDU extract $W/corpus.docx -o $W/a.csv" "pandoc -t plain -o $W/p.txt $W/corpus.docx" \
    "$JINDU extract $W/corpus.txt -o $W/b.csv"
echo "== PDF: jindu vs pdftotext + jindu on the text"
run "$JINDU extract $W/corpus.pdf -o $W/a.csv" "pdftotext $W/corpus.pdf $W/p.txt"
echo "== web page: jindu on the HTML vs on the text"
run "$JINDU extract $W/corpus.html -o $W/a.csv" "$JINDU extract $W/corpus.txt -o $W/b.csv"
echo "== scan (one A4-wide page at 300 dpi): jindu vs the tesseract command"
page=$(head -c 3000 "$W/corpus.txt" | python3 -c 'import sys, textwrap
print("\n".join(textwrap.wrap(sys.stdin.buffer.read().decode("utf-8", "ignore").replace("\n", ""), 40)[:24]))')
convert -size 2480x3508 xc:white -density 300 -font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
  -pointsize 12 -fill black -annotate +200+300 "$page" "$W/scan.png"
RUNS=3 run "$JINDU extract $W/scan.png -o $W/a.csv" \
    "tesseract $W/scan.png $W/t -l chi_sim+chi_tra"
