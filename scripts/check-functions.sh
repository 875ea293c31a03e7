#!/usr/bin/env bash
# No function in src/ longer than MAX lines (default 120), body braces
# included: long functions are split into named steps (ARCHITECTURE.md).
# Prints every longer function as FILE:LINE: NAME (N lines); exits 1 if any.
set -uo pipefail
cd "$(dirname "$0")/.."
MAX=${1:-120}
find src -name '*.c' | sort | xargs awk -v max="$MAX" '
  FNR == 1 { sig = ""; start = 0 }
  /^[A-Za-z_].*\(/ && !/;[[:space:]]*$/ { sig = $0; sigline = FNR }
  /^\{/ { start = FNR; name = sig; sub(/\(.*/, "", name); n = split(name, w, /[ *]+/); name = w[n] }
  /^\}/ && start {
    len = FNR - sigline + 1
    if (len > max) { printf "%s:%d: %s (%d lines)\n", FILENAME, sigline, name, len; bad = 1 }
    start = 0
  }
  END { exit bad }
' && echo "check-functions: no function over $MAX lines in src/"
