#!/bin/sh
# Loader + numeral scan benchmark (issue 2 targets: >= 200 MB/s on one core,
# peak RSS < 64 MB whatever the input size).
#   bench/loader/run.sh [BUILD_DIR] [SIZE_MB]
# Builds bench_loader against BUILD_DIR/libjindu_core.a (default: build),
# concatenates the seed documents (../shared/corpus/seeds, or $JINDU_SEEDS_DIR)
# into a SIZE_MB file in /tmp (default 200), plus GB18030 and traditional
# copies of its first 20 MB (OpenCC's own converter is slow to make them), and
# reports MB/s and peak RSS for each, plus `jindu normalize`. Wall-clock MB/s
# suffers when other jobs share the cores; the CPU-time figure does less.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
size_mb=${2:-200}
seeds=${JINDU_SEEDS_DIR:-$src/../shared/corpus/seeds}
work=${TMPDIR:-/tmp}/jindu-bench-loader
mkdir -p "$work"

cc -O2 -I"$src/include" "$here/bench_loader.c" "$build/libjindu_core.a" \
  $(pkg-config --cflags --libs glib-2.0 opencc) -lm -o "$work/bench_loader"

corpus="$work/corpus-${size_mb}mb.txt"
if [ ! -s "$corpus" ]; then
  cat "$seeds"/*.txt > "$work/one.txt"
  : > "$corpus"
  limit=$((size_mb * 1000 * 1000))
  while [ "$(stat -c %s "$corpus")" -lt "$limit" ]; do
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$work/one.txt"; done >> "$corpus"
  done
  head -c "$limit" "$corpus" > "$corpus.tmp" && mv "$corpus.tmp" "$corpus"
  # cut at a line end so the file stays valid UTF-8
  sed -i '$d' "$corpus"
fi
small="$work/corpus-20mb.txt"
if [ ! -s "$small" ]; then
  head -c 20000000 "$corpus" > "$small"
  sed -i '$d' "$small"
fi
if [ ! -s "$small.gb18030" ]; then
  iconv -f UTF-8 -t GB18030 "$small" > "$small.gb18030"
fi
if [ ! -s "$small.trad" ] && command -v opencc >/dev/null 2>&1; then
  opencc -c s2t.json -i "$small" -o "$small.trad"
fi

run() {
  label=$1
  shift
  /usr/bin/time -v "$@" > "$work/out.txt" 2> "$work/time.txt"
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
  echo "$label: $(tail -1 "$work/out.txt") peak_rss_kb=$rss"
}

run "utf8 loader+scan" "$work/bench_loader" "$corpus"
run "gb18030 loader+scan (20 MB)" "$work/bench_loader" "$small.gb18030"
if [ -s "$small.trad" ]; then run "traditional loader+scan (20 MB)" "$work/bench_loader" "$small.trad"; fi
start=$(date +%s.%N)
/usr/bin/time -v "$build/jindu" normalize "$corpus" > /dev/null 2> "$work/time.txt"
end=$(date +%s.%N)
rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
echo "jindu normalize: $(echo "$(stat -c %s "$corpus") / 1000000 / ($end - $start)" | bc -l | cut -c1-6) MB/s peak_rss_kb=$rss"
