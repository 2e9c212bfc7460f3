#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The man page of wordspace-cli formats without warnings, and names every
# command; the bash completion parses and completes commands, options and
# option values (TAP).
src=$1
cli=$2
man_page=$src/data/wordspace-cli.1
completion=$src/data/wordspace-cli.bash
n=0
fail=0
check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

echo "1..7"
out=$(groff -z -ww -man "$man_page" 2>&1)
check $([ -z "$out" ] && echo 0 || echo 1) "groff -ww reads the man page without a warning"
[ -n "$out" ] && echo "$out" | sed 's/^/# /'

# Every command wordspace-cli lists is in the man page.
# troff writes a hyphen that is typed as \-; read the page with plain ones.
plain=$(sed 's/\\-/-/g' "$man_page")
missing=""
for c in $("$cli" --help | sed -n 's/^  \([a-z-]*\) .*/\1/p'); do
  printf '%s\n' "$plain" | grep -q "^\.B.* $c\|^\.B $c\|^\.BI $c \|^\.BI \"$c\|^\.B $c " || missing="$missing $c"
done
check $([ -z "$missing" ] && echo 0 || echo 1) "the man page names every command"
[ -n "$missing" ] && echo "# missing:$missing"

bash -n "$completion"
check $? "bash -n reads the completion script"

complete_words () {
  # $1: the index of the word to complete; the rest: the words
  bash -c '. "$0"; cword=$1; shift; COMP_WORDS=("$@"); COMP_CWORD=$cword; _wordspace_cli; echo "${COMPREPLY[*]}"' \
    "$completion" "$@"
}
got=$(complete_words 1 wordspace-cli ren)
check $([ "$got" = "render" ] && echo 0 || echo 1) "completes a command (got: $got)"
got=$(complete_words 2 wordspace-cli render --sc)
check $([ "$got" = "--scene --scale" ] && echo 0 || echo 1) "completes render's options (got: $got)"
got=$(complete_words 3 wordspace-cli query --format m)
check $([ "$got" = "markdown" ] && echo 0 || echo 1) "completes --format's values (got: $got)"
got=$(complete_words 3 wordspace-cli render --theme "")
check $([ "$got" = "light dark high-contrast-light high-contrast-dark" ] && echo 0 || echo 1) "completes --theme's values (got: $got)"
exit $fail
