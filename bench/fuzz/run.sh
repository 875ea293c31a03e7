#!/usr/bin/env bash
# Runs every libFuzzer target in fuzz/ for a chosen time, from seed corpora
# made at run time (bench/fuzz/make_seeds.py). New crashing, hanging or
# out-of-memory inputs are copied to fuzz/regressions/TARGET/ (commit them
# once fixed: ctest replays that folder) and make the run fail.
#
#   bench/fuzz/run.sh [SECONDS] [TARGET...]   default 300 s each, every target
#   bench/fuzz/run.sh --smoke                 10 s each (CI)
#   bench/fuzz/run.sh --merge-only [TARGET...] minimise the kept corpora only
#   bench/fuzz/run.sh --seconds N [TARGET...] long mode: N s each, one target
#                                             after the other (one core), from and
#                                             into the kept corpus fuzz/corpus/TARGET/
#
# Long mode starts from fuzz/corpus/TARGET/ and seeds made from the project's
# own sample data only (data/corpus: nothing from the shared seed documents
# may enter the repository), then minimises what it found into
# fuzz/corpus/TARGET/ with -merge=1 (commit it: ctest replays it, the
# fuzz_corpus_* tests). It prints libFuzzer's last cov/ft and fails if the
# kept corpora pass 2 MB.
#
# Needs clang (Debian's, with libFuzzer). Builds into build-fuzz/; corpora and
# logs go to bench/out/fuzz/.
set -uo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
seconds=300
long=0
if [ "${1:-}" = "--smoke" ]; then seconds=10; shift
elif [ "${1:-}" = "--merge-only" ]; then
  seconds=0; long=1; shift
elif [ "${1:-}" = "--seconds" ]; then
  [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "usage: $0 --seconds N [TARGET...]" >&2; exit 2; }
  seconds=$2; long=1; shift 2
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi

bdir=${FUZZ_BUILD_DIR:-build-fuzz}
out=bench/out/fuzz
mkdir -p "$out"
CC=clang cmake -S . -B "$bdir" -DJINDU_FUZZ=ON -DJINDU_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2
cmake --build "$bdir" -j2 >"$out.build.log" 2>&1 || { cat "$out.build.log"; exit 2; }
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cd "$bdir/fuzz" && ls fuzz_* 2>/dev/null | sed 's/^fuzz_//' | sort)
fi
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets built yet"; exit 0; }

# The sample build binary (for CSV seeds from real extraction), if present.
jindu=""
[ -x build/jindu ] && jindu=$src/build/jindu
rm -rf "$out/seeds"
mkdir -p "$out/seeds"
seeds=${JINDU_SEEDS_DIR:-$src/../shared/corpus/seeds}
# the kept corpus must hold nothing derived from the shared seeds
[ $long = 1 ] && { seeds=$out/no-seeds; mkdir -p "$seeds"; }
JINDU_DATA_DIR=$src python3 bench/fuzz/make_seeds.py "$seeds" "$src" "$out/seeds" $jindu || exit 2

export JINDU_DATA_DIR=$src
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$src/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# keep_corpus TARGET BIN: minimises everything reached (the kept corpus, this
# run's, the seeds) into fuzz/corpus/TARGET/ with -merge=1, inputs cut to at
# most 4096 bytes, then 2048, 1024 … until the target's corpus holds at most
# $KEEP_KB KB (all targets together stay under 2 MB).
KEEP_KB=${KEEP_KB:-200}
keep_corpus() {
  local t=$1 bin=$2 ml
  for ml in 4096 2048 1024 512 256 128; do
    rm -rf "$out/merged/$t"; mkdir -p "$out/merged/$t"
    "$bin" -merge=1 -timeout=10 -rss_limit_mb=2048 -max_len=$ml "$out/merged/$t" \
      "fuzz/corpus/$t" "$out/corpus/$t" "$out/seeds/$t" >"$out/$t.merge.log" 2>&1 || return 1
    [ "$(du -sb "$out/merged/$t" | cut -f1)" -le $((KEEP_KB * 1024)) ] && break
  done
  rm -rf "fuzz/corpus/$t"; mv "$out/merged/$t" "fuzz/corpus/$t"
}

failed=0
printf '%-8s %8s %10s %8s %6s %6s %s\n' target seconds execs exec/s cov ft result
for t in "${targets[@]}"; do
  bin=$bdir/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "$t: not built (its module has not landed)"; continue; }
  mkdir -p "$out/corpus/$t" "$out/artifacts/$t" "$out/seeds/$t"
  kept=()
  if [ $long = 1 ]; then mkdir -p "fuzz/corpus/$t"; kept=("fuzz/corpus/$t"); fi
  log=$out/$t.log
  if [ "$seconds" = 0 ]; then keep_corpus "$t" "$bin"; echo "$t: kept corpus minimised"; continue; fi
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$t/" \
    "$out/corpus/$t" "${kept[@]}" "$out/seeds/$t" >"$log" 2>&1
  rc=$?
  execs=$(awk '/stat::number_of_executed_units:/{print $2}' "$log")
  speed=$(awk '/stat::average_exec_per_sec:/{print $2}' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  [ $long = 1 ] && keep_corpus "$t" "$bin"
  result=ok
  shopt -s nullglob
  for a in "$out/artifacts/$t"/crash-* "$out/artifacts/$t"/timeout-* "$out/artifacts/$t"/oom-* "$out/artifacts/$t"/leak-*; do
    mkdir -p "fuzz/regressions/$t"
    cp "$a" "fuzz/regressions/$t/$(basename "$a")"
    result="FOUND $(basename "$a") (fuzz/regressions/$t/, log $log)"
    failed=1
    rm -f "$a"
  done
  for a in "$out/artifacts/$t"/slow-unit-*; do
    # over 10 s once (libFuzzer's report_slow_units): kept, replayed by ctest
    mkdir -p "fuzz/regressions/$t"
    cp "$a" "fuzz/regressions/$t/$(basename "$a")"
    [ "$result" = ok ] && result="slow $(basename "$a") (kept in fuzz/regressions/$t/)"
    rm -f "$a"
  done
  shopt -u nullglob
  if [ $rc -ne 0 ] && [ "$result" = ok ]; then result="exit $rc (log $log)"; failed=1; fi
  printf '%-8s %8s %10s %8s %6s %6s %s\n' "$t" "$seconds" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
if [ $long = 1 ] && [ -d fuzz/corpus ]; then
  kb=$(( $(find fuzz/corpus -type f -printf '%s\n' | awk '{s+=$1} END{print s+0}') / 1024 ))
  echo "kept corpora: $(find fuzz/corpus -type f | wc -l) files, ${kb} KB"
  [ "$kb" -lt 2048 ] || { echo "kept corpora over 2 MB: keep fewer (-max_len) before committing"; failed=1; }
fi
rm -f /tmp/jindu-fuzz-*
exit $failed
