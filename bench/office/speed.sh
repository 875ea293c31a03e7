#!/usr/bin/env bash
# The briefing of the bundled sample in every format side by side (.pdf,
# .docx, .html, .pptx), and the figures as CSV beside the workbook (.xlsx),
# with hyperfine: what an editable output costs next to the PDF.
#   bench/office/speed.sh [build/jindu] [RUNS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
J=$(realpath "${1:-$ROOT/build/jindu}"); RUNS=${2:-5}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export JINDU_DATA_DIR=$ROOT SOURCE_DATE_EPOCH=1688083200
"$J" extract "$ROOT/data/corpus" -o "$W/f.csv"
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)"; exit 2; }
hyperfine -N -w 1 -r "$RUNS" \
  "$J report $W/f.csv -o $W/b.pdf" "$J report $W/f.csv -o $W/b.docx" \
  "$J report $W/f.csv -o $W/b.html" "$J report $W/f.csv -o $W/b.pptx" | grep -E "Benchmark|±"
hyperfine -N -w 1 -r "$RUNS" \
  "$J analyze --format csv $W/f.csv -o $W/a.csv" "$J analyze --format xlsx $W/f.csv -o $W/a.xlsx" |
  grep -E "Benchmark|±"
ls -l "$W"/b.* "$W"/a.* | awk '{print $5, $9}' | sed "s|$W/||"
