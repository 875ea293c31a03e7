#!/usr/bin/env bash
# Speed of two jindu binaries side by side (ratios in one run, alternating),
# on the same inputs: extraction of a corpus made from the sample, the seeds
# and tests/docs; the analysis of its figures; the briefing of the sample.
# Uses hyperfine when installed, else plain alternating runs with `time`.
#   bench/layout/speed.sh /tmp/jindu-before build/jindu [REPEAT]
# OLD_DATA=DIR: the data directory (lexicon, themes) of the old binary, when its
# tables differ from this checkout's (a checkout of the old commit).
# Also prints instruction counts with valgrind --tool=callgrind when present
# (repeatable whatever the machine's load).
set -euo pipefail
OLD=$(realpath "$1"); NEW=$(realpath "$2"); REPEAT=${3:-100}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEEDS=${JINDU_SEEDS_DIR:-$ROOT/../shared/corpus/seeds}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export SOURCE_DATE_EPOCH=1688083200
OLD_DATA=${OLD_DATA:-$ROOT}
old() { JINDU_DATA_DIR=$OLD_DATA "$OLD" "$@"; }
new() { JINDU_DATA_DIR=$ROOT "$NEW" "$@"; }
src=$(ls "$ROOT"/data/corpus/*.txt "$ROOT"/tests/docs/*.txt | grep -v gb18030)
[ -d "$SEEDS" ] && src="$src $(ls "$SEEDS"/*.txt)"
for _ in $(seq "$REPEAT"); do cat $src; done >"$W/corpus.txt"
new extract "$W/corpus.txt" -o "$W/figures.csv"
echo "corpus: $(du -h "$W/corpus.txt" | cut -f1), $(($(wc -l <"$W/figures.csv") - 1)) figures"
cmds=("extract $W/corpus.txt -o $W/out.csv" "analyze --format csv $W/figures.csv -o $W/a.csv"
      "report $ROOT/data/corpus --date 2023-06-30 -o $W/b.pdf")
for c in "${cmds[@]}"; do
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 1 -r 5 "env JINDU_DATA_DIR=$OLD_DATA $OLD $c" "env JINDU_DATA_DIR=$ROOT $NEW $c" |
      grep -E "±|faster|slower"
  else
    for i in 1 2 3; do
      for w in old new; do
        if [ $w = old ]; then d=$OLD_DATA b=$OLD; else d=$ROOT b=$NEW; fi
        # shellcheck disable=SC2086
        /usr/bin/time -f "$w ${c%% *}: %e s wall, %M KB" env JINDU_DATA_DIR="$d" "$b" $c >/dev/null
      done
    done
  fi
done
if command -v valgrind >/dev/null; then
  head -c 1000000 "$W/corpus.txt" | iconv -f utf-8 -t utf-8 -c >"$W/mid.txt"
  for w in old new; do
    printf '%s extract 1 MB, instructions: ' "$w"
    if [ $w = old ]; then d=$OLD_DATA b=$OLD; else d=$ROOT b=$NEW; fi
    JINDU_DATA_DIR=$d valgrind --tool=callgrind --callgrind-out-file="$W/cg" "$b" extract "$W/mid.txt" \
      -o "$W/cg.csv" 2>&1 | sed -n 's/.*I *refs: *//p'
  done
fi
