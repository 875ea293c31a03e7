#!/usr/bin/env bash
# Rewrites the chart reference images (tests/ref/*.png, tests/ref/matrix/*.png)
# after a deliberate change to the drawing, then runs the chart tests against
# them. Look at the images before committing them (git diff --stat tests/ref).
# Usage: scripts/refresh-refs.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target test_chart jindu -j2
cd "$build/tests"
export JINDU_SOURCE_DIR="$root" JINDU_DATA_DIR="$root" JINDU_BINARY="$build/jindu"
JINDU_UPDATE_REFS=1 ./test_chart >/dev/null
./test_chart | grep -v '^ok' || true
echo "refreshed: $(ls "$root"/tests/ref/*.png "$root"/tests/ref/matrix/*.png | wc -l) reference images"
