#!/bin/sh
# Extraction benchmark: `jindu extract` over the seed documents concatenated
# to 200 MB (throughput on one core, peak memory), then Microsoft
# Recognizers-Text (Chinese number + percentage + dimension models) side by
# side: its throughput on a prefix of the same input and both tools' recall
# on the seed gold table.
#
#   bench/extract/run.sh [SIZE_MB] [RT_PREFIX_MB]
#
# Needs: cmake, a C compiler, GNU time (/usr/bin/time), node + npm (for the
# comparison; `npm install` runs into bench/extract/node_modules).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
size_mb=${1:-200}
rt_mb=${2:-2}
seeds=${JINDU_SEEDS_DIR:-$src/../shared/corpus/seeds}
out=$here/out
build=$out/build
mkdir -p "$out"

echo "== building jindu (Release)"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJINDU_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target jindu >/dev/null
jindu=$build/jindu

input=$out/seeds-${size_mb}mb.txt
if [ ! -s "$input" ]; then
  echo "== making $input from $seeds"
  : > "$input"
  target=$((size_mb * 1048576))
  while [ "$(stat -c %s "$input")" -lt "$target" ]; do
    cat "$seeds"/*.txt "$seeds"/*.txt "$seeds"/*.txt "$seeds"/*.txt >> "$input"
  done
  # cut at a line end: a cut through a UTF-8 character makes jindu stop with
  # "not valid UTF-8" on the last line
  head -c "$target" "$input" | sed '$d' > "$input.tmp"
  mv "$input.tmp" "$input"
fi
bytes=$(stat -c %s "$input")

echo "== jindu extract over $((bytes / 1048576)) MB"
JINDU_DATA_DIR=$src /usr/bin/time -f "%e %U %M" -o "$out/time.txt" \
  "$jindu" extract "$input" -o "$out/figures.csv"
read -r wall user rss < "$out/time.txt"
figures=$(($(wc -l < "$out/figures.csv") - 1))
awk -v b="$bytes" -v w="$wall" -v u="$user" -v r="$rss" -v f="$figures" 'BEGIN {
  printf "jindu: %d figures, wall %.2f s (%.1f MB/s), cpu %.2f s (%.1f MB/s), peak RSS %.1f MB\n",
    f, w, b / 1048576 / w, u, b / 1048576 / (u > 0 ? u : 1e-9), r / 1024 }'

if ! command -v node >/dev/null; then
  echo "node not found: skipping Recognizers-Text"
  exit 0
fi
echo "== Microsoft Recognizers-Text"
[ -d "$here/node_modules/@microsoft/recognizers-text-suite" ] ||
  (cd "$here" && npm install --no-audit --no-fund >/dev/null)
node "$here/compare.js" throughput "$input" "$rt_mb" > "$out/rt-throughput.json"
cat "$out/rt-throughput.json"
JINDU_DATA_DIR=$src node "$here/compare.js" recall "$src/tests/gold/seeds.tsv" "$seeds" "$jindu" \
  > "$out/recall.json"
cat "$out/recall.json"
rt_mbs=$(node -e "console.log(require('$out/rt-throughput.json').cpu_mb_per_s)")
awk -v b="$bytes" -v u="$user" -v r="$rt_mbs" 'BEGIN {
  j = b / 1048576 / (u > 0 ? u : 1e-9);
  printf "throughput ratio jindu / Recognizers-Text (cpu): %.0fx\n", j / r }'
