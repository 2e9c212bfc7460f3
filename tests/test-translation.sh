#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every translation compiles with its format strings checked, and the
# German one covers every string of the application (its C files, .ui
# files and data files); strings of the engine and CLI that arrive later
# are reported, not failed. Speaks TAP.
set -u
top="${1:?usage: test-translation.sh SOURCE_ROOT}"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "1..3"
n=1
ok=true
for lang in $(grep -v '^#' po/LINGUAS); do
  if ! msgfmt -c --check-format -o /dev/null "po/$lang.po" 2> "$tmp/err" ||
     grep -q 'error' "$tmp/err"; then
    ok=false
    sed 's/^/# /' "$tmp/err"
  fi
done
$ok && echo "ok $n every translation compiles, formats checked" || echo "not ok $n a translation does not compile"

# The strings as xgettext finds them, in two sets: the application's, all.
extract () {
  xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dngettext:2,3 --flag=N_:1:pass-c-format --flag=_:1:pass-c-format \
    --add-comments --directory="$top" --files-from="$1" --output="$2" 2> /dev/null
}
grep -v '^#' po/POTFILES.in | grep -E '^(src/app/|ui/|data/)' > "$tmp/app-files"
grep -v '^#' po/POTFILES.in > "$tmp/all-files"
# How many of @1's strings po/de.po leaves untranslated.
count_missing () {
  msgmerge --quiet --no-fuzzy-matching "po/de.po" "$1" -o "$tmp/merged.po" 2> /dev/null
  msgattrib --no-obsolete "$tmp/merged.po" 2> /dev/null |
    msgfmt --statistics -o /dev/null - 2>&1 |
    sed -n 's/.* \([0-9][0-9]*\) untranslated.*/\1/p' | grep . || echo 0
}

n=2
if extract "$tmp/app-files" "$tmp/app.pot"; then
  missing=$(count_missing "$tmp/app.pot")
  if [ "$missing" -eq 0 ]; then
    echo "ok $n the German translation covers every application string"
  else
    echo "not ok $n $missing application strings lack a German translation:"
    msgattrib --untranslated --no-obsolete "$tmp/merged.po" 2> /dev/null | grep '^msgid ' | sed 's/^/# /'
  fi
else
  echo "not ok $n xgettext failed on the application's files"
fi

n=3
if extract "$tmp/all-files" "$tmp/all.pot"; then
  missing=$(count_missing "$tmp/all.pot")
  echo "ok $n # German: $missing engine and CLI strings added since the last translation"
else
  echo "not ok $n xgettext failed on po/POTFILES.in"
fi
