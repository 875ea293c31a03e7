#!/usr/bin/env bash
# Checks that two jindu binaries extract the same figures, byte for byte:
# `jindu extract` (CSV, JSON Lines and --explain) on every seed document, the
# seeds in traditional script (OpenCC s2t), every gold case of tests/gold
# (one document per case), data/corpus, tests/docs, and the seeds
# concatenated; stderr and exit codes too. Run it before each commit of a
# change that must not change behaviour.
#
#   bench/extract/same-output.sh OLD_BINARY NEW_BINARY
#
# Both run with JINDU_DATA_DIR set to this checkout (same lexicon).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OLD=$(realpath "$1")
NEW=$(realpath "${2:-$ROOT/build/jindu}")
SEEDS=${JINDU_SEEDS_DIR:-$ROOT/../shared/corpus/seeds}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export JINDU_DATA_DIR=$ROOT SOURCE_DATE_EPOCH=1688083200

mkdir -p "$W/docs"
n=0
for f in "$SEEDS"/*.txt "$ROOT"/data/corpus/* "$ROOT"/tests/docs/*; do
  [ -f "$f" ] || continue
  cp "$f" "$W/docs/$(basename "$f")"
  n=$((n + 1))
done
if command -v opencc >/dev/null; then
  for f in "$SEEDS"/*.txt; do
    [ -f "$f" ] || continue
    opencc -c s2t.json -i "$f" -o "$W/docs/trad-$(basename "$f")"
    n=$((n + 1))
  done
fi
# every gold case as its own document (the lines between ### and ---)
for g in "$ROOT"/tests/gold/cases*.txt; do
  awk -v dir="$W/docs" -v base="$(basename "$g" .txt)" '
    /^### / { k++; out = sprintf("%s/%s-%04d.txt", dir, base, k); inside = 1; next }
    /^---$/ { inside = 0; close(out); next }
    inside { print > out }' "$g"
done
# the seeds concatenated (one long document)
cat "$SEEDS"/*.txt "$SEEDS"/*.txt "$SEEDS"/*.txt > "$W/docs/zz-seeds-x3.txt"
total=$(find "$W/docs" -type f | wc -l)

# run BIN TAG: every document alone (csv, jsonl, explain) and the whole folder
run() {
  local bin=$1 tag=$2 out=$W/$2
  mkdir -p "$out"
  for f in "$W"/docs/*; do
    b=$(basename "$f")
    rc=0
    "$bin" extract "$f" -o "$out/$b.csv" 2>"$out/$b.err" || rc=$?
    echo "$rc" >"$out/$b.rc"
    "$bin" extract --format jsonl "$f" -o "$out/$b.jsonl" 2>>"$out/$b.err" || true
    "$bin" extract --explain "$f" >"$out/$b.explain" 2>>"$out/$b.err" || true
  done
  "$bin" extract "$W/docs" -o "$out/all.csv" 2>"$out/all.err" || echo "rc $?" >>"$out/all.err"
}
run "$OLD" old
run "$NEW" new
if diff -r "$W/old" "$W/new" >"$W/diff"; then
  figures=$(($(wc -l <"$W/new/all.csv") - 1))
  echo "same output: $total documents ($figures figures), csv, jsonl, --explain, stderr, exit codes"
else
  head -40 "$W/diff"
  echo "DIFFERENT output ($(grep -c '^diff\|^Only' "$W/diff" || true) files differ)"
  exit 1
fi
