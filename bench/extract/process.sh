#!/usr/bin/env bash
# What a jindu process costs before it reads a byte, and what each file costs
# on top of its bytes (issue 20, item 3: one-document process <= 15 ms CPU,
# per-file overhead <= 10%). Runs two binaries side by side, interleaved, in
# one run, so the machine's load falls on both alike:
#   1. `jindu extract` of a one-line document: CPU time (perf stat -r RUNS
#      task-clock; /usr/bin/time over RUNS runs without perf);
#   2. `jindu --version` (loads the commands module in a modular jindu);
#   3. per-file overhead: N small documents (the project's own sample
#      documents, data/corpus and tests/docs, cycled; UTF-8 only) in one
#      `jindu extract DIR`, against the same bytes as one file; MB/s of CPU
#      (perf task-clock, best of REPEAT);
#   4. the same N documents as N processes (one `jindu extract FILE` each,
#      as a shard runner such as GNU parallel would start them).
# Usage: bench/extract/process.sh OLD_BINARY NEW_BINARY [N] [RUNS] [REPEAT]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OLD=$(realpath "$1"); NEW=$(realpath "$2")
N=${3:-1000}; RUNS=${4:-50}; REPEAT=${5:-5}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export JINDU_DATA_DIR=$ROOT LC_ALL=C.UTF-8

printf '2023年全市共破获毒品刑事案件120起。\n' >"$W/one-line.txt"
mkdir -p "$W/many"
tpl=()
for f in "$ROOT"/data/corpus/*.txt "$ROOT"/tests/docs/*.txt; do
  iconv -f utf-8 -t utf-8 "$f" >/dev/null 2>&1 && tpl+=("$f")
done
for ((k = 0; k < N; k++)); do cp "${tpl[k % ${#tpl[@]}]}" "$W/many/$(printf %05d $k).txt"; done
cat "$W"/many/*.txt >"$W/all.txt"
bytes=$(stat -c %s "$W/all.txt")

have_perf=0
command -v perf >/dev/null && perf stat -r 2 -e task-clock true >/dev/null 2>&1 && have_perf=1
# runs_ms R CMD...: CPU ms per run of CMD over R runs (children included):
# perf stat's task-clock, else /usr/bin/time's user+sys (10 ms resolution)
runs_ms() {
  local r=$1; shift
  if [ $have_perf = 1 ]; then
    perf stat -r "$r" -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ { printf "%.2f", $1 }'
  else
    /usr/bin/time -f '%U %S' -o "$W/t" bash -c 'r=$1; shift; for ((i = 0; i < r; i++)); do "$@" >/dev/null; done' _ "$r" "$@"
    awk -v r="$r" '{ printf "%.2f", ($1 + $2) * 1000 / r }' "$W/t"
  fi
}
per_run_ms() { runs_ms "$RUNS" "$@"; }
cpu_ms() { runs_ms 1 "$@"; }
best() { sort -g | head -1; }
libs() { ldd "$1" | grep -c '=>'; }

echo "jindu process cost: OLD=$OLD NEW=$NEW"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
echo "libraries the executable maps at start (ldd): old $(libs "$OLD"), new $(libs "$NEW")"
for what in "extract one-line.txt" "--version"; do
  read -ra args <<<"$what"
  o=$(cd "$W" && per_run_ms "$OLD" "${args[@]}"); n=$(cd "$W" && per_run_ms "$NEW" "${args[@]}")
  printf '%-22s old %7s ms CPU   new %7s ms CPU   (%s runs each)\n' "jindu $what" "$o" "$n" "$RUNS"
done

echo "per-file overhead: $N files, $bytes bytes (best of $REPEAT, CPU: perf task-clock)"
for b in OLD NEW; do
  bin=${!b}
  one=(); many=(); procs=()
  for ((r = 0; r < REPEAT; r++)); do
    one+=("$(cpu_ms "$bin" extract -o /dev/null "$W/all.txt")")
    many+=("$(cpu_ms "$bin" extract -o /dev/null "$W/many")")
  done
  for ((r = 0; r < (REPEAT < 2 ? REPEAT : 2); r++)); do
    procs+=("$(cpu_ms bash -c 'for f in "$1"/*.txt; do "$2" extract "$f" >/dev/null; done' _ "$W/many" "$bin")")
  done
  o=$(printf '%s\n' "${one[@]}" | best); m=$(printf '%s\n' "${many[@]}" | best)
  p=$(printf '%s\n' "${procs[@]}" | best)
  awk -v b="$b" -v o="$o" -v m="$m" -v p="$p" -v by="$bytes" -v n="$N" 'BEGIN {
    printf "%-3s one file %7.1f ms (%5.1f MB/s)   %d files, one process %7.1f ms (%5.1f MB/s, overhead %+.1f%%)   %d processes %7.0f ms (%.2f ms each)\n",
      b, o, by / o / 1000, n, m, by / m / 1000, (m - o) / o * 100, n, p, p / n }'
done
