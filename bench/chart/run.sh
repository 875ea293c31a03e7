#!/usr/bin/env bash
# The chart benchmark: jindu side by side with the peers of
# ../shared/bench/peers on the same reference chart (grouped bar, Chinese
# title, legend, value labels, footnote; PNG 1920×1080, PDF 960×540 pt), in
# one hyperfine run per format, then per-chart times in-process, file sizes
# and the PDF text check. Run bench/chart/setup.sh once first.
# Env: BUILD_DIR (default build), RUNS (default 10), PEERS (peer scripts dir).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "$root/${BUILD_DIR:-build}" && pwd)
peers=${PEERS:-$root/../shared/bench/peers}
runs=${RUNS:-10}
out=$here/out
mkdir -p "$out"
cd "$here"
J="$build/jindu"
[ -x "$J" ] || { echo "run: build jindu first ($J missing)" >&2; exit 1; }
libs="glib-2.0 gio-2.0 pangocairo pangoft2 cairo-pdf cairo-svg libpng opencc gsl fontconfig harfbuzz"
cc -O2 -o "$out/floor_chart" "$peers/floor_chart.c" $(pkg-config --cflags --libs pangocairo cairo-pdf libpng)
cc -O2 -std=c11 -o "$out/chart_bench" chart_bench.c -I"$root/include" "$build/libjindu_core.a" \
  $(pkg-config --cflags --libs $libs) $(pkg-config --exists harfbuzz-subset && pkg-config --libs harfbuzz-subset) -lm
export ECHARTS="$here/node_modules/echarts" JINDU_DATA_DIR="$root"

for fmt in png pdf; do
  echo "== whole process, $fmt (hyperfine, $runs runs)"
  if [ $fmt = png ]; then ech="rsvg-convert -w 1920 -h 1080 -o $out/echarts.png $out/echarts.svg"
  else ech="rsvg-convert -f pdf -o $out/echarts.pdf $out/echarts.svg"; fi
  hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/whole-$fmt.md" \
    -n jindu "$J chart --spec reference.ini -o $out/jindu.$fmt" \
    -n floor "$out/floor_chart $out/floor.$fmt" \
    -n gnuplot "gnuplot -e \"out='$out/gnuplot.$fmt'; n=1\" $peers/gnuplot_chart.gp" \
    -n echarts+rsvg "node $peers/echarts_chart.js $out/echarts.svg && $ech" \
    -n matplotlib "/usr/bin/python3 $peers/mpl_chart.py $out/mpl.$fmt" \
    -n ggplot2 "Rscript $peers/ggplot_chart.R $out/ggplot.$fmt"
done

echo "== in-process, per chart"
for fmt in png pdf svg; do printf "jindu %s: " $fmt; "$out/chart_bench" reference.ini "$out/inproc.$fmt" 50; done
for fmt in png pdf; do printf "floor %s: " $fmt; "$out/floor_chart" "$out/floor-n.$fmt" 50 2>&1 | tail -1; done

echo "== peak memory (max RSS, KB)"
for c in "$J chart --spec reference.ini -o $out/jindu.png" "$out/floor_chart $out/floor.png" \
         "/usr/bin/python3 $peers/mpl_chart.py $out/mpl.png"; do
  /usr/bin/time -f "%M KB  $c" $c 2>&1 >/dev/null | tail -1
done

echo "== sizes"
ls -l "$out"/*.png "$out"/*.pdf | awk '{printf "%8.1f KB  %s\n", $5/1024, $9}'
echo "== PDF text check"
/usr/bin/python3 "$peers/check_pdf.py" "$out/jindu.pdf" "$out/floor.pdf" "$out/mpl.pdf" | grep -aE "^==|text:" || true
