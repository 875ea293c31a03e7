#!/usr/bin/env bash
# Checks the dependency rule of src/ (ARCHITECTURE.md): every folder is one
# stage and may use only the stages below it.
#
#   util ← text, numeral ← lexicon ← period ← figure ← extract, analyze ← report ← schedule ← cli
#   util ← render ← chart ← report        (chart also reads numeral's qualifier words)
#
# 1. Every #include "…" in src/ and include/jindu/ is checked against the rule
#    (a public header include/jindu/X.h belongs to the folder that implements it).
# 2. With a build directory (default build/, skipped when absent): the symbols
#    each object file uses are resolved to the object that defines them, and
#    the rule is checked again on real calls; then no circle may remain
#    between the files of the library (A uses B and B, maybe through others,
#    uses A).
# Exits 1 naming every violation.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}

# The folders each folder may use (besides itself).
allowed() {
  case $1 in
    util) echo "" ;;
    text | numeral | render) echo "util" ;;
    lexicon) echo "util numeral" ;;
    period) echo "util numeral lexicon" ;;
    figure) echo "util numeral lexicon period" ;;
    extract) echo "util text numeral lexicon period figure" ;;
    analyze) echo "util numeral lexicon period figure" ;;
    chart) echo "util render numeral" ;;
    report) echo "util text numeral lexicon period figure extract analyze render chart" ;;
    schedule) echo "util text numeral lexicon period figure extract analyze render chart report" ;;
    cli) echo "util text numeral lexicon period figure extract analyze render chart report schedule" ;;
    *) echo "?" ;;
  esac
}
# The folder a public header belongs to.
header_owner() {
  case $1 in
    jindu.h) echo util ;;
    names.h | catalog.h) echo lexicon ;;
    build.h | review.h) echo schedule ;;
    diff.h) echo analyze ;;
    plot.h) echo report ;;
    report-formats.h) echo report ;;
    workbook.h) echo analyze ;;
    *) echo "${1%.h}" ;;
  esac
}
folder_of() { # path -> folder
  case $1 in
    include/jindu/*) header_owner "${1#include/jindu/}" ;;
    src/*/*) local r=${1#src/}; echo "${r%%/*}" ;;
    *) echo "" ;;
  esac
}
may_use() { # folder target -> 0 if allowed
  [ "$1" = "$2" ] && return 0
  local a; a=" $(allowed "$1") "
  [[ $a == *" $2 "* ]]
}

status=0
n=0
while IFS= read -r file; do
  from=$(folder_of "$file")
  [ -n "$from" ] || continue
  if [ "$(allowed "$from")" = "?" ]; then
    echo "$file: folder '$from' is not in the dependency rule (scripts/check-layers.sh)"; status=1; continue
  fi
  while IFS=: read -r line inc; do
    inc=${inc#*\"}; inc=${inc%%\"*}
    case $inc in
      jindu/*) to=$(header_owner "${inc#jindu/}") ;;
      jindu-config.h) to=util ;;
      */*) to=${inc%%/*} ;;
      *) to=$from ;; # a header beside the file (cli/commands.h)
    esac
    n=$((n + 1))
    if ! may_use "$from" "$to"; then
      echo "$file:$line: $from includes $inc ($to) — the rule allows $from to use only: $(allowed "$from")"
      status=1
    fi
  done < <(grep -n '^#include "' "$file")
done < <(find src include/jindu -name '*.[ch]' | sort)
echo "check-layers: $n #include lines checked"

# The objects of every part of the program (CMakeLists.txt): the core in the
# executable (jindu_base), the modules' objects (jindu_readers_objects,
# jindu_commands_objects) and the commands in the executable (jindu) and in the
# commands module (jindu_commands).
obj_dir="$BUILD_DIR/CMakeFiles/jindu_base.dir/src"
obj_dirs=()
for d in jindu_base jindu_readers_objects jindu_commands_objects jindu jindu_commands; do
  [ -d "$BUILD_DIR/CMakeFiles/$d.dir/src" ] && obj_dirs+=("$BUILD_DIR/CMakeFiles/$d.dir/src")
done
if [ -d "$obj_dir" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  for o in $(find "${obj_dirs[@]}" -name '*.o' 2>/dev/null | sort); do
    rel=${o#"$BUILD_DIR"/CMakeFiles/*/}; rel=${rel%.o}
    [ -f "$rel" ] || continue # left over from a file since moved
    nm -g --defined-only "$o" | awk -v f="$rel" 'NF == 3 { print $3, f }' >>"$tmp/defs"
    nm -g --undefined-only "$o" | awk -v f="$rel" '{ print f, $NF }' >>"$tmp/uses"
  done
  # file uses file (through a symbol), once per pair
  awk 'NR == FNR { def[$1] = $2; next } ($2 in def) && def[$2] != $1 { print $1, def[$2], $2 }' \
    "$tmp/defs" "$tmp/uses" | sort -u -k1,2 >"$tmp/edges"
  while read -r a b sym; do
    fa=$(folder_of "$a"); fb=$(folder_of "$b")
    if ! may_use "$fa" "$fb"; then
      echo "$a calls $sym of $b: $fa may not use $fb"
      status=1
    fi
  done <"$tmp/edges"
  # circles between files of the library: depth-first search for a back edge
  awk '
    { if (!($1 in seen_node)) { nodes[++nn] = $1; seen_node[$1] = 1 }
      adj[$1] = adj[$1] " " $2 }
    function dfs(u,   i, k, n, v, vs) {
      state[u] = 1; stack[++sp] = u
      n = split(adj[u], vs, " ")
      for (i = 1; i <= n; i++) {
        v = vs[i]
        if (state[v] == 1) {
          path = v; for (k = sp; k >= 1 && stack[k] != v; k--) path = stack[k] " -> " path
          print "circle: " v " -> " path; bad = 1
        } else if (state[v] == 0) dfs(v)
      }
      sp--; state[u] = 2
    }
    END { for (i = 1; i <= nn; i++) if (!state[nodes[i]]) dfs(nodes[i]); exit bad }
  ' "$tmp/edges" || status=1
  echo "check-layers: $(wc -l <"$tmp/edges") file-to-file uses checked (from $BUILD_DIR)"
else
  echo "check-layers: no $obj_dir; calls and circles not checked (build first)"
fi
[ $status -eq 0 ] && echo "check-layers: the dependency rule holds; no circle"
exit $status
