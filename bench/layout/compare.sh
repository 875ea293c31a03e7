#!/usr/bin/env bash
# Compares every output of two jindu binaries byte for byte (see outputs.sh):
#   bench/layout/compare.sh /tmp/jindu-before/bin/jindu build/jindu
# (the old binary with its modules: `cmake --install build --prefix /tmp/jindu-before`
# before the change; see ARCHITECTURE.md)
# Exits 0 and prints "identical" when they agree, else prints the differences.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
a=$(mktemp -d); b=$(mktemp -d)
trap 'rm -rf "$a" "$b"' EXIT
# one work directory per comparison, the same for both runs (paths inside
# outputs agree), so that comparisons run side by side do not mix
export JINDU_OUTPUTS_WORK=$a/work
"$here/outputs.sh" "$1" "$a/out" && "$here/outputs.sh" "$2" "$b/out" || exit 2
if diff -r "$a/out" "$b/out"; then echo identical; else exit 1; fi
