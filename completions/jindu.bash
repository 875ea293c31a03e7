# bash completion for jindu: commands from `jindu help`, each command's
# options from `jindu COMMAND --help`, so it follows the installed version.
_jindu_options()
{
  local cmd=$1
  "$2" "$cmd" --help 2>/dev/null |
    grep -oE '(^|[[:space:],])--?[A-Za-z0-9][-A-Za-z0-9@]*' | tr -d ' ,\t' | sort -u
}

# The first column of a `jindu metrics`/`regions` table (ids and names, from
# the lexicon the program reads, so a metric added to data/lexicon completes).
_jindu_column()
{
  "$@" --format tsv 2>/dev/null | tail -n +2 | cut -f1
}

_jindu()
{
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -s || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi
  local jindu=${words[0]}

  if [[ $cword -eq 1 ]]; then
    local cmds
    cmds=$("$jindu" help 2>/dev/null | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1} f&&/^$/{exit}')
    COMPREPLY=($(compgen -W "$cmds help --version --help" -- "$cur"))
    return
  fi

  local cmd=${words[1]}
  case $prev in
    -o|--output)
      _filedir 2>/dev/null || COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --config|-c)
      _filedir ini 2>/dev/null || COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur"))
      return ;;
    --spec)
      _filedir ini 2>/dev/null || COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --theme)
      COMPREPLY=($(compgen -W "default dark official" -- "$cur"))
      [[ ${#COMPREPLY[@]} -eq 0 ]] && { _filedir ini 2>/dev/null || COMPREPLY=($(compgen -f -- "$cur")); }
      return ;;
    --format)
      COMPREPLY=($(compgen -W "csv jsonl json text xlsx" -- "$cur"))
      return ;;
    --headers)
      COMPREPLY=($(compgen -W "en zh" -- "$cur"))
      return ;;
    --encoding)
      COMPREPLY=($(compgen -W "auto utf-8 gb18030 gb2312 big5" -- "$cur"))
      return ;;
    -m|--metric)
      COMPREPLY=($(compgen -W "$(_jindu_column "$jindu" metrics)" -- "$cur"))
      return ;;
    -d|--drug)
      COMPREPLY=($(compgen -W "$(_jindu_column "$jindu" metrics --drugs)" -- "$cur"))
      return ;;
    -r|--region)
      COMPREPLY=($(compgen -W "$(_jindu_column "$jindu" regions)" -- "$cur"))
      return ;;
    --group-by)
      COMPREPLY=($(compgen -W "region metric drug" -- "$cur"))
      return ;;
    --compare)
      COMPREPLY=($(compgen -W "region" -- "$cur"))
      return ;;
    --ocr)
      COMPREPLY=($(compgen -W "auto never always" -- "$cur"))
      return ;;
    --preset|--size)
      COMPREPLY=($(compgen -W "slide slide@2x slide-4x3 a4-half" -- "$cur"))
      return ;;
    --type)
      COMPREPLY=($(compgen -W "$("$jindu" chart --help 2>/dev/null | sed -n 's/^Types: //p' | sed 's/(.*//; s/,/ /g')" -- "$cur"))
      return ;;
  esac

  if [[ $cmd == help ]]; then
    local cmds
    cmds=$("$jindu" help 2>/dev/null | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1} f&&/^$/{exit}')
    COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_jindu_options "$cmd" "$jindu")" -- "$cur"))
    return
  fi
  _filedir 2>/dev/null || COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _jindu jindu
