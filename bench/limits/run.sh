#!/usr/bin/env bash
# The tested limits of README's "Hostile and huge inputs" (issue 21): wall
# time and peak memory (/usr/bin/time -v: "Maximum resident set size") of
#   - analyze over a figures table of ROWS rows        (default 1,000,000)
#   - extract of one document of MB megabytes          (default 200)
#   - extract and report over a folder of DOCS documents (default 10,000)
# Inputs come from bench/limits/gen.py (the project's own sample documents,
# or nothing). Prints a Markdown table for bench/limits/RESULTS.md.
#
#   bench/limits/run.sh [BINARY] [ROWS] [MB] [DOCS]
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(realpath "${1:-$ROOT/build/jindu}")
ROWS=${2:-1000000}
MB=${3:-200}
DOCS=${4:-10000}
W=$(mktemp -d /tmp/jindu-limits.XXXXXX); trap 'rm -rf "$W"' EXIT
export JINDU_DATA_DIR=$ROOT SOURCE_DATE_EPOCH=1688083200
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }

python3 "$ROOT/bench/limits/gen.py" rows "$ROWS" "$W/rows.csv" || exit 2
python3 "$ROOT/bench/limits/gen.py" doc "$MB" "$W/big.txt" || exit 2
python3 "$ROOT/bench/limits/gen.py" docs "$DOCS" "$W/docs" || exit 2

# measure LABEL INPUT-SIZE COMMAND...: one table row; fails on a non-zero exit
failed=0
measure() {
  local label=$1 size=$2; shift 2
  /usr/bin/time -v -o "$W/time" "$@" >"$W/out" 2>"$W/err"
  local rc=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$W/time")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2 / 1024}' "$W/time")
  printf '| %s | %s | %s | %s MB | %s |\n' "$label" "$size" "$wall" "$rss" "$rc"
  [ "$rc" = 0 ] || { failed=1; tail -3 "$W/err" >&2; }
}

echo "jindu $("$BIN" --version 2>/dev/null | head -1), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| what | input | wall (m:ss) | peak RSS | exit |"
echo "|---|---|---|---|---|"
measure "analyze a figures table" "$ROWS rows, $(du -h "$W/rows.csv" | cut -f1)" \
  "$BIN" analyze "$W/rows.csv"
measure "extract one document" "$MB MB" "$BIN" extract "$W/big.txt"
bigfigures=$(($(wc -l <"$W/out") - 1))
measure "extract a folder" "$DOCS documents" "$BIN" extract "$W/docs"
measure "report a folder" "$DOCS documents" "$BIN" report "$W/docs" --date 2023-06-30 -o "$W/r.pdf"
echo
echo "The $MB MB document gave $bigfigures figures."
exit $failed
