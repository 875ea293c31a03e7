#!/usr/bin/env bash
# Benchmark of `jindu build` on the bundled sample (data/corpus, ~10 documents,
# 8 charts): full build, no-op rebuild, peak memory, report size. Run from
# anywhere after building jindu into build/ (BUILD_DIR to change). Targets
# (issue 6): full build < 0.5 s, peak < 150 MB, no-op < 50 ms, PDF < 400 KB.
# On a shared machine compare hyperfine's User+System (CPU) with the targets:
# wall time there includes waiting for the other processes.
#
# Measured 2026-11-22 (2 cores shared, load average ~10; sample: 10 documents,
# 115 figures, 8 charts, 15 pages):
#   full build     CPU 0.57 s (user 0.40 + sys 0.17), wall 1.46 s under load
#   no-op rebuild  CPU 33 ms (user 15 + sys 18), wall 34-94 ms under load
#   peak memory    85 MB
#   report PDF     279 KB (fonts subset: Noto Sans CJK SC regular and bold)
# After the report drew its text with HarfBuzz subsets (the chart module's PDF
# fonts: a dry layout pass collects the glyphs; cairo's own CFF subsets keep
# every subroutine), same machine, 16 pages (taller charts):
#   full build     CPU 0.48 s (user 0.39-0.40 + sys 0.08), was 0.58 s side by side
#   peak memory    63 MB (was 85 MB)
#   report PDF     189 KB (was 279 KB)
# After the layout pass (sections flow on, no orphan lines, tables sized to
# their content, names kept whole), load average ~7: 12 pages (was 16),
#   full build     CPU 0.48 s (user 0.41 + sys 0.07), wall 0.61-0.88 s under load
#   no-op rebuild  CPU 32 ms (user 12 + sys 20)
#   peak memory    63 MB
#   report PDF     185 KB
set -euo pipefail
cd "$(dirname "$0")/../.."
JINDU=${JINDU:-${BUILD_DIR:-build}/jindu}
[ -x "$JINDU" ] || { echo "bench/pipeline/run.sh: $JINDU not found: build jindu first" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench/pipeline/run.sh: hyperfine not found: apt-get install hyperfine" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# a copy of the sample project, so the repository's reports/ is left alone
cp -r data "$work/data"
sed -e "s|^dir=.*|dir=$work/out|" jindu.ini > "$work/jindu.ini"
"$JINDU" build -c "$work/jindu.ini" >/dev/null

echo "== full build (--force; outputs rendered, unchanged files not rewritten)"
hyperfine --warmup 2 --runs ${RUNS:-10} "$JINDU build -q --force -c $work/jindu.ini"
echo "== full build from scratch (empty output directory)"
hyperfine --warmup 1 --runs ${RUNS:-10} --prepare "rm -rf $work/out" "$JINDU build -q -c $work/jindu.ini"
echo "== no-op rebuild (nothing changed)"
hyperfine --warmup 3 --runs ${RUNS:-30} -N "$JINDU build -q -c $work/jindu.ini"
echo "== peak memory and CPU of a full build"
rm -rf "$work/out"
/usr/bin/time -v "$JINDU" build -c "$work/jindu.ini" 2>&1 | \
  grep -E "jindu:|Elapsed|User time|System time|Maximum resident"
echo "== outputs"
ls -l "$work/out/jindu-briefing.pdf"
ls -l "$work/out/charts" | sed 1d
printf 'pages: '; pdfinfo "$work/out/jindu-briefing.pdf" 2>/dev/null | awk '/^Pages/{print $2}'
