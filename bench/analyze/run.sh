#!/usr/bin/env bash
# Benchmark of the analysis: 1,000,000 synthesized figure records through
# jd_analyze (time and peak RSS), then end to end through `jindu analyze`
# reading them as CSV (GNU time for wall clock and maximum RSS).
# Targets (issue 4): analysis under 2 s and under 500 MB.
#
#   bench/analyze/run.sh [N]          default N = 1000000
# bench_phases times the CLI's read, analyze and write phases separately.
# Uses the build in build/ (scripts/setup.sh); outputs go to bench/out/analyze/.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
out=bench/out/analyze
mkdir -p "$out"
[ -f build/libjindu_core.a ] || { echo "build first: scripts/setup.sh" >&2; exit 2; }
for b in bench_analyze bench_phases; do
  cc -O2 -std=c11 -Iinclude bench/analyze/$b.c build/libjindu_core.a \
    $(pkg-config --cflags --libs glib-2.0 gio-2.0 opencc gsl) -lm -o "$out/$b"
done
echo "== library: jd_analyze over $n synthesized figures"
"$out/bench_analyze" "$n" --csv "$out/figures.csv"
echo "== CLI: jindu analyze --format csv on the same figures as a CSV file ($(du -h "$out/figures.csv" | cut -f1))"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M kB" build/jindu analyze --format csv -o "$out/analysis.csv" "$out/figures.csv"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M kB" build/jindu audit --min-severity error -o "$out/findings.txt" "$out/figures.csv"
echo "== the CLI's phases (read, analyze, write) through the library, same CSV"
"$out/bench_phases" "$out/figures.csv" -o "$out/analysis.csv"
"$out/bench_phases" "$out/figures.csv" --audit -o "$out/findings.txt"
