#!/usr/bin/env bash
# Checks that man/jindu.1 documents every command `jindu help` lists and every
# long option each `jindu COMMAND --help` prints (commands still placeholders
# are reported and skipped). Usage: packaging/check-man.sh [JINDU]
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/jindu}
man=man/jindu.1
fail=0
cmds=$("$bin" help | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1} f&&/^$/{exit}')
for c in $cmds; do
  grep -q "^\.BR $c " "$man" || { echo "man page lacks command: $c"; fail=1; }
  help=$("$bin" "$c" --help 2>&1 | sed '/^Exit codes:/,$d')
  if echo "$help" | grep -q "not available"; then echo "skipped (not landed): $c"; continue; fi
  for o in $(echo "$help" | grep -oE '(^|[ ,])--[a-z][-a-z0-9]*' | tr -d ' ,' | sort -u); do
    case $o in --help|--help-all) continue ;; esac
    esc=$(echo "$o" | sed 's/-/\\\\-/g')
    # The option must appear in the command's own paragraph of COMMANDS.
    awk -v c="$c" '/^\.TP/{p=0} $0 ~ "^\\.BR " c " "{p=1} p' "$man" | grep -q -- "$esc" ||
      { echo "man page lacks: jindu $c $o"; fail=1; }
  done
done
# Every key of the commented default configuration is documented.
if [ -f jindu.ini ]; then
  for k in $(grep -oE '^[a-z_]+=' jindu.ini | tr -d = | sort -u); do
    grep -qF "\\fB$k\\fR" "$man" || { echo "man page lacks config key: $k"; fail=1; }
  done
fi
[ $fail -eq 0 ] && echo "man page in sync with --help ($(echo $cmds | wc -w) commands)"
exit $fail
