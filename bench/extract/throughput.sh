#!/usr/bin/env bash
# Extraction throughput, two binaries side by side (issue 20, item 3): runs
# alternate OLD, NEW, OLD, NEW … so that a shared, noisy machine loads both
# alike; prints the least and the median CPU time (user+sys) of each, as MB/s
# per core, and the peak RSS.
#
#   bench/extract/throughput.sh OLD_BINARY NEW_BINARY [RUNS]
#
# Corpora (made in a temporary directory, never committed):
#   seeds-x40   the seed documents concatenated 40 times (one file)
#   seeds-x400  the same, 400 times (start-up cost out of the way)
#   mix-x40     the realistic mix of bench/scale (data/corpus and tests/docs,
#               UTF-8 ones: national, provincial and county reports, some in
#               traditional script), concatenated 40 times
#   mix-x400    the same, 400 times
#   mix-dir     the mix as 40 copies of each document (1,000+ files, one run)
#   trad-x40    the seeds through OpenCC s2t, 40 times
#   trad-x400   the same, 400 times
# Both binaries read the lexicon of this checkout (JINDU_DATA_DIR).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OLD=$(realpath "$1")
NEW=$(realpath "$2")
RUNS=${3:-5}
SEEDS=${JINDU_SEEDS_DIR:-$ROOT/../shared/corpus/seeds}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export JINDU_DATA_DIR=$ROOT
command -v opencc >/dev/null || { echo "needs opencc (apt-get install opencc)"; exit 2; }

times() { # FILE N OUT: FILE repeated N times into OUT
  : >"$3"
  for ((i = 0; i < $2; i++)); do cat "$1" >>"$3"; done
}
cat "$SEEDS"/*.txt >"$W/seeds.txt"
for f in "$SEEDS"/*.txt; do opencc -c s2t.json -i "$f" -o "$W/t-$(basename "$f")"; done
cat "$W"/t-*.txt >"$W/trad.txt"
mkdir -p "$W/mix" "$W/mix-dir"
for f in "$ROOT"/data/corpus/*.txt "$ROOT"/tests/docs/*.txt; do
  iconv -f utf-8 -t utf-8 "$f" >/dev/null 2>&1 || continue
  { cat "$f"; echo; } >>"$W/mix.txt"
  for ((k = 0; k < 40; k++)); do cp "$f" "$W/mix-dir/$k-$(basename "$f")"; done
done
times "$W/seeds.txt" 40 "$W/seeds-x40"
times "$W/seeds.txt" 400 "$W/seeds-x400"
times "$W/mix.txt" 40 "$W/mix-x40"
times "$W/mix.txt" 400 "$W/mix-x400"
times "$W/trad.txt" 40 "$W/trad-x40"
times "$W/trad.txt" 400 "$W/trad-x400"

# one INPUT with BIN: "cpu_seconds peak_kb"
one() {
  /usr/bin/time -f "%U %S %M" -o "$W/time" "$1" extract "$2" -o /dev/null 2>/dev/null
  awk '{printf "%.3f %d\n", $1 + $2, $3}' "$W/time"
}

printf '%-11s %9s %-4s %8s %8s %9s %9s %8s\n' corpus MB binary min_s median_s MB/s_min MB/s_med peak_MiB
for c in seeds-x40 seeds-x400 mix-x40 mix-x400 mix-dir trad-x40 trad-x400; do
  input=$W/$c
  if [ -d "$input" ]; then bytes=$(cat "$input"/* | wc -c); else bytes=$(wc -c <"$input"); fi
  : >"$W/old.t"
  : >"$W/new.t"
  for ((r = 0; r < RUNS; r++)); do
    one "$OLD" "$input" >>"$W/old.t"
    one "$NEW" "$input" >>"$W/new.t"
  done
  for b in old new; do
    sort -n "$W/$b.t" | awk -v c="$c" -v b="$b" -v by="$bytes" '
      { t[NR] = $1; if ($2 > m) m = $2 }
      END {
        med = t[int((NR + 1) / 2)]; mn = t[1]
        printf "%-11s %9.2f %-4s %8.3f %8.3f %9.1f %9.1f %8.1f\n", c, by / 1e6, b, mn, med,
               by / 1e6 / (mn > 0 ? mn : 0.001), by / 1e6 / (med > 0 ? med : 0.001), m / 1024 }'
  done
done
