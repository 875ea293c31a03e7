#!/usr/bin/env bash
# Fault trials of `jindu build` (issue 21): random SIGKILL during builds, a
# full disk (a small tmpfs, when run as root), a read-only output directory.
# Counts trials and survivals: a trial survives when every output left is a
# complete file (the PDF passes qpdf --check, exit 0 or 3 = warnings only; PNGs end in IEND, the CSV is
# re-read by `jindu audit`), and the next build exits 0, leaves no temporary
# file and gives byte-identical outputs to a clean build of the same inputs.
#
#   bench/faults/run.sh [KILL_TRIALS]      default 20
set -uo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
jindu=${JINDU:-$src/build/jindu}
n=${1:-20}
work=$(mktemp -d /tmp/jindu-faults.XXXXXX)
trap 'umount "$work/full" 2>/dev/null; umount "$work/ro" 2>/dev/null; rm -rf "$work"' EXIT
export JINDU_DATA_DIR=$src

project() { # $1 dir, $2 output dir
  mkdir -p "$1/docs"
  cp "$src"/data/corpus/* "$1/docs/"
  cp "$src/data/overrides.csv" "$1/"
  printf '[input]\ndocuments=docs\noverrides=overrides.csv\n[output]\ndir=%s\nlock_timeout=5\n' "$2" >"$1/jindu.ini"
}

complete() { # every output of $1 is whole
  local d=$1 ok=0
  if [ -f "$d/jindu-briefing.pdf" ]; then qpdf --check "$d/jindu-briefing.pdf" >/dev/null 2>&1; q=$?; [ $q = 0 ] || [ $q = 3 ] || ok=1; fi
  for p in "$d"/charts/*.png; do
    [ -e "$p" ] || continue
    [ "$(tail -c 8 "$p" | head -c 4)" = "IEND" ] || ok=1
  done
  [ -f "$d/figures.csv" ] && { "$jindu" audit "$d/figures.csv" >/dev/null 2>&1 || ok=1; }
  return $ok
}

# the reference: a clean build
project "$work/ref" out
"$jindu" build -q -c "$work/ref/jindu.ini" || { echo "reference build failed"; exit 2; }

# how long a build after an edit takes here: the kills land inside it
echo "2021年全市破获毒品案件0起。" >>"$work/ref/docs/$(ls "$work/ref/docs" | head -1)"
t0=$(date +%s.%N)
"$jindu" build -q -c "$work/ref/jindu.ini" >/dev/null 2>&1
span=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.3f", (b - a) * 1.1}')

survived=0
hit=0
for i in $(seq 1 "$n"); do
  t="$work/t$i"
  project "$t" out
  "$jindu" build -q -c "$t/jindu.ini" >/dev/null 2>&1
  echo "2021年全市破获毒品案件$i起。" >>"$t/docs/$(ls "$t/docs" | head -1)"
  "$jindu" build -q -c "$t/jindu.ini" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v s="$RANDOM" -v d="$span" 'BEGIN{srand(s); printf "%.3f", rand()*d}')"
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) # Z: it had finished
  kill -9 "$pid" 2>/dev/null && [ -n "$state" ] && [ "$state" != Z ] && hit=$((hit + 1))
  wait "$pid" 2>/dev/null
  ok=1
  complete "$t/out" || ok=0
  "$jindu" build -q -c "$t/jindu.ini" >/dev/null 2>&1 || ok=0
  # a clean build of the same inputs, elsewhere
  r="$work/r$i"
  mkdir -p "$r" && cp -r "$t/docs" "$t/overrides.csv" "$t/jindu.ini" "$r/"
  "$jindu" build -q -c "$r/jindu.ini" >/dev/null 2>&1
  [ -z "$(find "$t/out" -name '.*jindu-tmp*')" ] || ok=0
  diff -r -x '.jindu*' "$t/out" "$r/out" >/dev/null || ok=0
  rm -rf "$r"
  survived=$((survived + ok))
  rm -rf "$t"
done
echo "SIGKILL during builds: $n trials ($hit killed mid-build, at a random moment of the ${span} s a build takes), $survived survived with nothing lost"

# a full disk: a 2 MB tmpfs (root only)
if [ "$(id -u)" = 0 ] && mkdir -p "$work/full" && mount -t tmpfs -o size=2m tmpfs "$work/full" 2>/dev/null; then
  project "$work/fullp" "$work/full/out"
  mkdir -p "$work/full/out"
  head -c 1800000 /dev/zero >"$work/full/filler"
  "$jindu" build -q -c "$work/fullp/jindu.ini" >/dev/null 2>&1
  rc=$?
  left=$(find "$work/full/out" -name '.*jindu-tmp*' | wc -l)
  ok=0; [ "$rc" = 4 ] && [ "$left" = 0 ] && ok=1
  complete "$work/full/out" || ok=0
  echo "full disk: 1 trial, exit $rc, $left temporary files left, survived: $ok"
  umount "$work/full"
else
  echo "full disk: skipped (needs root for a tmpfs)"
fi

# a read-only output directory: a read-only bind mount (root) or mode 555
project "$work/rop" "$work/ro/out"
mkdir -p "$work/ro/out"
"$jindu" build -q -c "$work/rop/jindu.ini" >/dev/null 2>&1
before=$(cd "$work/ro/out" && sha256sum jindu-briefing.pdf figures.csv)
echo "2021年全市破获毒品案件77起。" >>"$work/rop/docs/$(ls "$work/rop/docs" | head -1)"
if [ "$(id -u)" = 0 ]; then mount --bind "$work/ro" "$work/ro" && mount -o remount,ro,bind "$work/ro"; else chmod 555 "$work/ro/out"; fi
"$jindu" build -q -c "$work/rop/jindu.ini" >/dev/null 2>&1
rc=$?
after=$(cd "$work/ro/out" && sha256sum jindu-briefing.pdf figures.csv)
ok=0; [ "$rc" = 4 ] && [ "$before" = "$after" ] && ok=1
echo "read-only output: 1 trial, exit $rc, outputs unchanged: $ok"
