#!/usr/bin/env bash
# The sample briefing's first page next to the GB/T 9704-2012 page drawn
# from the standard's measurements, and the page with the standard's frame
# laid over it: 版心 156 × 225 mm at 天头 37 mm / 订口 28 mm, the 22-line
# grid of the body, and the page number's line 7 mm below the 版心.
#   bench/gongwen/compare.sh [build/jindu] [out-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
JINDU=${1:-build/jindu}
OUT=${2:-bench/gongwen}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$JINDU" report data/corpus --overrides data/overrides.csv --issue 1 --date 2023-06-30 \
  --organisation 禁毒信息简报编辑部（样例） --report-to 禁毒委员会办公室（样例） --copies 40 \
  -o "$tmp/b.pdf" 2>/dev/null
# 2 px per point: A4 = 1191 × 1684
pdftoppm -png -r 144 -f 1 -l 1 -singlefile "$tmp/b.pdf" "$tmp/page"
mm() { python3 -c "print(round($1 * 144 / 25.4))"; }
L=$(mm 28); T=$(mm 37); R=$(mm $((28 + 156))); B=$(mm $((37 + 225))); PN=$(mm $((37 + 225 + 7)))
grid=""
for i in $(seq 1 22); do
  y=$(python3 -c "print(round((37 + 225 * $i / 22) * 144 / 25.4))")
  grid="$grid line $L,$y $R,$y"
done
frame="rectangle $L,$T $R,$B"
convert -size 1191x1684 xc:white -stroke '#1060c0' -strokewidth 2 -fill none -draw "$frame" \
  -stroke '#a0c0e0' -strokewidth 1 -draw "$grid" -stroke '#c01010' -draw "line $L,$PN $R,$PN" \
  -fill '#1060c0' -stroke none -font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf -pointsize 28 \
  -draw "text $((L + 10)),$((T + 40)) 'GB/T 9704: 156 x 225 mm, 22 lines'" "$tmp/standard.png"
convert "$tmp/page.png" -stroke '#1060c0' -strokewidth 2 -fill none -draw "$frame" \
  -stroke '#a0c0e0' -strokewidth 1 -draw "$grid" -stroke '#c01010' -draw "line $L,$PN $R,$PN" \
  "$tmp/overlay.png"
convert "$tmp/page.png" "$tmp/standard.png" "$tmp/overlay.png" -resize 40% +append -colors 64 "$OUT/first-page-vs-gbt9704.png"
echo "wrote $OUT/first-page-vs-gbt9704.png"
