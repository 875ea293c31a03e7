#!/usr/bin/env bash
# Writes every output jindu makes of the bundled sample and of the shared seed
# documents into OUTDIR, with one binary, so that two binaries (before and after
# a change meant to keep behaviour) can be compared byte for byte:
#
#   bench/layout/outputs.sh OLD/jindu /tmp/out-old
#   bench/layout/outputs.sh build/jindu /tmp/out-new
#   diff -r /tmp/out-old /tmp/out-new && echo identical
#
# Exit codes are recorded too (OUTDIR/status), and stderr of every command.
set -uo pipefail
JINDU=$(realpath "$1"); DEST=$(realpath -m "$2")
# Work in one fixed directory so that paths inside outputs (the manifest) agree.
OUT=${JINDU_OUTPUTS_WORK:-${TMPDIR:-/tmp}/jindu-outputs-work}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEEDS=${JINDU_SEEDS_DIR:-$ROOT/../shared/corpus/seeds}
export SOURCE_DATE_EPOCH=1688083200
# Both binaries read the data (lexicon, themes, fonts) of this checkout.
export JINDU_DATA_DIR=$ROOT
rm -rf "$OUT"; mkdir -p "$OUT"
cd "$ROOT"
run() { # name, command...
  local name=$1; shift
  "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
  echo "$name $?" >>"$OUT/status"
}
# The scheduled build of the sample, in a copy of the configuration.
mkdir -p "$OUT/build"
sed -e "s#^documents=.*#documents=$ROOT/data/corpus#" -e "s#^overrides=.*#overrides=$ROOT/data/overrides.csv#" \
    -e "s#^dir=.*#dir=$OUT/build/reports#" -e "s#^chart_formats=.*#chart_formats=png;svg;pdf#" jindu.ini >"$OUT/build/jindu.ini"
run build "$JINDU" build -c "$OUT/build/jindu.ini"
run build-again "$JINDU" build -c "$OUT/build/jindu.ini"
rm -f "$OUT/build/reports/.jindu-lock"
for set in sample seeds; do
  if [ $set = sample ]; then src=data/corpus; else src=$SEEDS; fi
  [ -d "$src" ] || continue
  run $set-normalize "$JINDU" normalize --lines "$src"
  run $set-extract-csv "$JINDU" extract "$src" -o "$OUT/$set.csv"
  run $set-extract-jsonl "$JINDU" extract --format jsonl "$src"
  run $set-explain "$JINDU" extract --explain "$src"
  run $set-analyze "$JINDU" analyze "$OUT/$set.csv"
  run $set-analyze-json "$JINDU" analyze --format json "$OUT/$set.csv"
  run $set-analyze-csv "$JINDU" analyze --format csv "$OUT/$set.csv"
  run $set-audit "$JINDU" audit "$OUT/$set.csv"
  run $set-report "$JINDU" report "$OUT/$set.csv" --date 2023-06-30 --issue 2 -o "$OUT/$set-briefing.pdf" --charts "$OUT/$set-charts"
  for m in cases_solved suspects_arrested drugs_seized users_registered; do
    for t in bar line; do
      run $set-chart-$m-$t "$JINDU" chart "$OUT/$set.csv" -m $m --type $t -o "$OUT/$set-$m-$t.png"
    done
    run $set-chart-$m-svg "$JINDU" chart "$OUT/$set.csv" -m $m -o "$OUT/$set-$m.svg"
    run $set-chart-$m-pdf "$JINDU" chart "$OUT/$set.csv" -m $m -o "$OUT/$set-$m.pdf"
  done
  run $set-chart-kpi "$JINDU" chart "$OUT/$set.csv" -m cases_solved --type kpi --size 1920x1080 -o "$OUT/$set-kpi.png"
  run $set-chart-dark "$JINDU" chart "$OUT/$set.csv" -m cases_solved --theme dark -o "$OUT/$set-dark.png"
done
# Error paths: messages and exit codes.
run err-missing "$JINDU" extract /nonexistent.txt
run err-usage "$JINDU" chart --type nosuch
printf 'ab\0cd\n' >"$OUT/binary.txt"
run err-binary "$JINDU" extract "$OUT/binary.txt"
rm "$OUT/binary.txt"
# Paths inside the outputs name OUT; make them comparable.
grep -rl --null "$OUT" "$OUT" 2>/dev/null | xargs -0 -r sed -i "s#$OUT#OUT#g"
# The manifest names the program by size and time, and hashes the renders with it.
sed -i -e '/\tprogram$/d' -e '/\toutputs$/d' "$OUT/build/reports/.jindu-manifest"
rm -rf "$DEST"; mv "$OUT" "$DEST"
exit 0
