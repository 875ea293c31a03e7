#!/usr/bin/env bash
# Scale: corpora of 1, 100, 1,000 and 10,000 documents generated from the
# project's own documents (data/corpus, tests/docs: a realistic mix of
# national, provincial and county reports, some in traditional script), and
# for each, side by side in one run:
#   - extraction MB/s per core (user+sys CPU), simplified and traditional
#     (the traditional corpus is the same text through OpenCC's s2t);
#   - report and build wall time and peak memory;
#   - the incremental-edit ratio: a rebuild after one figure changed in one
#     document, against the first build (chart files whose digest did not
#     change are kept undrawn; documents whose bytes did not change come
#     from the extraction cache, .jindu-extract-cache);
#   - where an edit's time goes: the same edit in a project without the
#     briefing (report=) and in one with the figures only (report=, charts=);
#     the differences are the briefing's rendering and the charts with the
#     briefing's composition;
#   - a forced rebuild drawing every chart on 1 thread and on 2 (--jobs);
# and once, on the sample corpus with PNG, SVG and PDF chart files: the time
# the build spends in fsync/syncfs (strace -c), for OLD (a jindu that syncs
# each file; default /work/main/build/jindu when present) and for BINARY.
# Usage: bench/scale/run.sh [BINARY] [SIZES]   e.g. bench/scale/run.sh build/jindu "1 100 1000"
#        OLD=path/to/old/jindu bench/scale/run.sh
#        NO_JOBS=1 skips the --jobs comparison, NO_SYNC=1 the fsync count
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(realpath "${1:-$ROOT/build/jindu}")
SIZES=${2:-"1 100 1000 10000"}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export SOURCE_DATE_EPOCH=1688083200 JINDU_DATA_DIR=$ROOT
command -v opencc >/dev/null || { echo "needs opencc (apt-get install opencc)"; exit 2; }

# Templates: one per source document, UTF-8 only.
mkdir -p "$W/t"
i=0
for f in "$ROOT"/data/corpus/*.txt "$ROOT"/tests/docs/*.txt; do
  iconv -f utf-8 -t utf-8 "$f" >/dev/null 2>&1 || continue
  cp "$f" "$W/t/$(printf %03d $i).txt"; i=$((i + 1))
done
ntpl=$i

# make_corpus N DIR SCRIPT: document k is template k mod ntpl with every year
# moved by k / ntpl (so documents differ), in simplified or traditional.
make_corpus() {
  local n=$1 dir=$2 script=$3
  mkdir -p "$dir"
  for ((k = 0; k < n; k++)); do
    local tpl=$W/t/$(printf %03d $((k % ntpl))).txt shift=$(((k / ntpl) % 7))
    if [ "$script" = trad ]; then
      opencc -c s2t.json -i "$tpl" -o "$dir/doc-$k.txt"
    else
      cp "$tpl" "$dir/doc-$k.txt"
    fi
    if [ $shift -gt 0 ]; then
      printf '\n%d年全市破获毒品案件%d起。\n' $((2015 + shift)) $((k % 900 + 10)) >>"$dir/doc-$k.txt"
    fi
  done
}

# measure LABEL CMD...: prints wall s, CPU s, peak KB and the exit code.
measure() {
  local label=$1; shift
  local rc=0
  /usr/bin/time -f "%e %U %S %M" -o "$W/time" "$@" >"$W/out" 2>"$W/err" || rc=$?
  read -r wall user sys kb <"$W/time" || true
  printf '%s %s %s %s %s\n' "$wall" "$(echo "$user + $sys" | bc)" "$kb" "$rc" "$label"
}

printf '%-7s %-28s %8s %8s %9s %10s %4s\n' docs step wall_s cpu_s peak_MiB MB/s/core rc
for n in $SIZES; do
  for script in simp trad; do
    c=$W/c-$n-$script
    make_corpus "$n" "$c" "$script"
    bytes=$(cat "$c"/*.txt | wc -c)
    read -r wall cpu kb rc _ < <(measure extract "$BIN" extract "$c" -o "$W/f-$n-$script.csv")
    mbs=$(echo "scale=2; $bytes / ($cpu + 0.0001) / 1048576" | bc)
    printf '%-7s %-28s %8s %8s %9s %10s %4s\n' "$n" "extract ($script, $((bytes / 1024)) KiB)" "$wall" "$cpu" $((kb / 1024)) "$mbs" "$rc"
  done
  c=$W/c-$n-simp
  read -r wall cpu kb rc _ < <(measure report "$BIN" report "$W/f-$n-simp.csv" --date 2023-06-30 -o "$W/b-$n.pdf")
  printf '%-7s %-28s %8s %8s %9s %10s %4s\n' "$n" report "$wall" "$cpu" $((kb / 1024)) - "$rc"
  mkdir -p "$W/build-$n"
  cat >"$W/build-$n/jindu.ini" <<INI
[input]
documents=$c
[output]
dir=out
INI
  read -r wall1 cpu1 kb rc _ < <(measure build "$BIN" build -c "$W/build-$n/jindu.ini")
  printf '%-7s %-28s %8s %8s %9s %10s %4s\n' "$n" "build (first)" "$wall1" "$cpu1" $((kb / 1024)) - "$rc"
  read -r wall cpu kb rc _ < <(measure noop "$BIN" build -c "$W/build-$n/jindu.ini")
  printf '%-7s %-28s %8s %8s %9s %10s %4s\n' "$n" "build (no-op)" "$wall" "$cpu" $((kb / 1024)) - "$rc"
  # the same corpus without the briefing, and with the figures only
  mkdir -p "$W/nobrief-$n" "$W/figonly-$n"
  printf '[input]\ndocuments=%s\n[output]\ndir=out\nreport=\n' "$c" >"$W/nobrief-$n/jindu.ini"
  printf '[input]\ndocuments=%s\n[output]\ndir=out\nreport=\ncharts=\n' "$c" >"$W/figonly-$n/jindu.ini"
  "$BIN" build -q -c "$W/nobrief-$n/jindu.ini" >/dev/null 2>&1 || true
  "$BIN" build -q -c "$W/figonly-$n/jindu.ini" >/dev/null 2>&1 || true
  # one new figure that the cases chart draws (a year no document states)
  printf '\n2024年全国共破获毒品犯罪案件%d起。\n' $((41000 + n)) >>"$c/doc-0.txt"
  read -r wall2 cpu kb rc _ < <(measure edit "$BIN" build -c "$W/build-$n/jindu.ini")
  ratio=$(echo "scale=2; $wall2 / ($wall1 + 0.0001)" | bc)
  cratio=$(echo "scale=2; $cpu / ($cpu1 + 0.0001)" | bc)
  printf '%-7s %-28s %8s %8s %9s %10s %4s\n' "$n" "build (one figure edited)" "$wall2" "$cpu" $((kb / 1024)) "x$ratio" "$rc"
  printf '%-7s %-28s %8s %8s %9s %10s\n' "$n" "  edit/first, CPU" - - - "x$cratio"
  grep -o '[0-9]* charts\? drawn, [0-9]* kept undrawn' "$W/out" | sed 's/^/        (/; s/$/)/' || true
  grep -o '[0-9]* documents\? read, [0-9]* from the extraction cache' "$W/out" | sed 's/^/        (/; s/$/)/' || true
  ecpu=$cpu
  read -r wall cpu kb rc _ < <(measure edit "$BIN" build -c "$W/nobrief-$n/jindu.ini")
  printf '%-7s %-28s %8s %8s %9s %10s %4s\n' "$n" "  same edit, no briefing" "$wall" "$cpu" $((kb / 1024)) - "$rc"
  nbcpu=$cpu
  read -r wall cpu kb rc _ < <(measure edit "$BIN" build -c "$W/figonly-$n/jindu.ini")
  printf '%-7s %-28s %8s %8s %9s %10s %4s\n' "$n" "  same edit, figures only" "$wall" "$cpu" $((kb / 1024)) - "$rc"
  printf '%-7s %-28s %8s %8s %9s %10s\n' "$n" "  edit CPU: briefing render" - "$(echo "$ecpu - $nbcpu" | bc)" - \
    "$(echo "scale=0; 100 * ($ecpu - $nbcpu) / ($ecpu + 0.0001)" | bc)%"
  printf '%-7s %-28s %8s %8s %9s %10s\n' "$n" "  edit CPU: compose+charts" - "$(echo "$nbcpu - $cpu" | bc)" - \
    "$(echo "scale=0; 100 * ($nbcpu - $cpu) / ($ecpu + 0.0001)" | bc)%"
  [ -n "${NO_JOBS:-}" ] && continue
  # every chart drawn again; the least wall time of three (the machine may be shared)
  for j in 1 2; do
    best=
    for k in 1 2 3; do
      read -r wall cpu kb rc _ < <(measure jobs "$BIN" build --force --jobs $j -c "$W/build-$n/jindu.ini")
      if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best=$wall bcpu=$cpu; fi
    done
    printf '%-7s %-28s %8s %8s %9s %10s %4s\n' "$n" "build --force --jobs $j (best/3)" "$best" "$bcpu" $((kb / 1024)) - "$rc"
  done
done

# fsync: the sample corpus, PNG, SVG and PDF chart files, clean builds
OLD=${OLD:-/work/main/build/jindu}
OLD_DATA=${OLD_DATA:-$(cd "$(dirname "$OLD")/.." 2>/dev/null && pwd)} # its own data/
if [ -z "${NO_SYNC:-}" ] && command -v strace >/dev/null; then
  mkdir -p "$W/sync/docs" && cp "$ROOT"/data/corpus/* "$W/sync/docs/"
  printf '[input]\ndocuments=docs\n[output]\ndir=out\nchart_formats=png;svg;pdf\n[report]\ndate=2023-06-30\n' >"$W/sync/jindu.ini"
  echo
  printf '%-40s %6s %10s %8s\n' "sync (sample corpus, png+svg+pdf charts)" calls sync_s wall_s
  for b in "$OLD" "$BIN"; do
    [ -x "$b" ] || continue
    for k in 1 2 3; do
      rm -rf "$W/sync/out" # a clean build: every file written
      data=$ROOT; [ "$b" = "$BIN" ] || data=$OLD_DATA
      JINDU_DATA_DIR=$data /usr/bin/time -f %e -o "$W/time" strace -f -c -w -e trace=fsync,fdatasync,syncfs -o "$W/strace" \
        "$b" build -q -c "$W/sync/jindu.ini" >/dev/null 2>&1 || true
      calls=$(awk '$NF ~ /^(fsync|fdatasync|syncfs)$/ {c += $4} END {print c + 0}' "$W/strace")
      secs=$(awk '$NF ~ /^(fsync|fdatasync|syncfs)$/ {s += $2} END {printf "%.4f", s}' "$W/strace")
      printf '%-40s %6s %10s %8s\n' "$( [ "$b" = "$BIN" ] && echo new || echo old) run $k" "$calls" "$secs" "$(cat "$W/time")"
    done
  done
fi
