# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for wordspace-cli: commands, each command's options, and
# the values those options take.

_wordspace_cli ()
{
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -s || return
  else
    # Without bash-completion's helpers: the plain variables.
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local commands="info has vector neighbors query cosmul similarity doesnt-match train project evaluate render embedding-layer models download"
  local common="--model --limit --topn --restrict-vocab --utf8 --json --format --quiet --no-cache --help"

  if [[ $cword -eq 1 ]]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi

  local command=${words[1]}
  case $prev in
    --model|-m)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --format)
      if [ "${COMP_WORDS[1]}" = render ]; then
        COMPREPLY=($(compgen -W "png svg pdf" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "text json markdown csv tsv" -- "$cur"))
      fi
      return ;;
    --utf8)
      COMPREPLY=($(compgen -W "strict replace ignore" -- "$cur")); return ;;
    --theme)
      COMPREPLY=($(compgen -W "light dark high-contrast-light high-contrast-dark" -- "$cur")); return ;;
    --method)
      COMPREPLY=($(compgen -W "local global analogy" -- "$cur")); return ;;
    --kernel)
      COMPREPLY=($(compgen -W "vector scalar" -- "$cur")); return ;;
    --snapshots)
      COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --model-type)
      COMPREPLY=($(compgen -W "cbow skipgram" -- "$cur")); return ;;
    --lesson)
      COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.wordspace-lesson' -- "$cur")); return ;;
    --scene)
      local ext
      COMPREPLY=($(compgen -d -- "$cur"))
      for ext in wordspace png svg pdf; do
        COMPREPLY+=($(compgen -f -X "!*.$ext" -- "$cur"))
      done
      return ;;
    --out|-o|--save-scene|--corpus|-c)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac

  local options
  case $command in
    render)
      options="$common --query --scene --lesson --out --save-scene --ignore-fingerprint --width --height
               --scale --text-scale --theme --neighbors --method --pin --hide --highlight" ;;
    train)
      options="--corpus --out --model-type --dim --window --negative --iter --min-count --max-vocab
               --sample --alpha --min-alpha --threads --seed --limit --snapshots --snapshot-every
               --words --demo --json --quiet --help" ;;
    embedding-layer)
      options="--vocab-size --dim --seed --ids --kernel --json --help" ;;
    models)
      options="--json --help" ;;
    download)
      options="--json --help"
      if [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$(wordspace-cli models --json 2>/dev/null | sed -n 's/.*"name" *: *"\([^"]*\)".*/\1/p')" -- "$cur"))
        return
      fi ;;
    project)
      options="$common --query --neighbors --method --components --unit --stored --global-rows" ;;
    evaluate)
      options="$common --case-sensitive --dummy"
      if [[ $cword -eq 2 ]]; then
        COMPREPLY=($(compgen -W "analogies pairs" -- "$cur"))
        return
      fi ;;
    *)
      options=$common ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ $command == evaluate ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

complete -F _wordspace_cli wordspace-cli
