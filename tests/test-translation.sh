#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every translation compiles with its format strings checked, and the
# German one covers every string of po/POTFILES.in: the application's
# (its C files, .ui files and data files) and the engine's and CLI's.
# A string without a German translation, or with only a fuzzy one, fails;
# so does a string that xgettext cuts short at a format macro such as
# G_GSIZE_FORMAT (its msgid never matches at run time). Speaks TAP.
set -u
top="${1:?usage: test-translation.sh SOURCE_ROOT}"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "1..4"
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
# How many of $1's strings po/de.po leaves untranslated or fuzzy (a fuzzy
# translation is never shown).
count_missing () {
  msgmerge --quiet --no-fuzzy-matching "po/de.po" "$1" -o "$tmp/merged.po" 2> /dev/null
  msgattrib --no-obsolete "$tmp/merged.po" -o "$tmp/current.po" 2> /dev/null
  msgfmt --statistics -o /dev/null "$tmp/current.po" 2>&1 |
    grep -E -o '[0-9]+ (fuzzy|untranslated)' |
    awk '{ n += $1 } END { print n + 0 }'
}
# The untranslated and fuzzy msgids of the last count_missing, as comments.
list_missing () {
  { msgattrib --untranslated "$tmp/current.po"; msgattrib --only-fuzzy "$tmp/current.po"; } 2> /dev/null |
    awk '/^msgid / { if ($0 == "msgid \"\"") { getline; if ($0 ~ /^msgstr/) next } print "# " $0 }'
}

n=2
if extract "$tmp/app-files" "$tmp/app.pot"; then
  missing=$(count_missing "$tmp/app.pot")
  if [ "$missing" -eq 0 ]; then
    echo "ok $n the German translation covers every application string"
  else
    echo "not ok $n $missing application strings lack a German translation:"
    list_missing
  fi
else
  echo "not ok $n xgettext failed on the application's files"
fi

n=3
if extract "$tmp/all-files" "$tmp/all.pot"; then
  missing=$(count_missing "$tmp/all.pot")
  total=$(grep -c '^msgid ' "$tmp/all.pot" | awk '{ print $1 - 1 }')
  if [ "$missing" -eq 0 ]; then
    echo "ok $n the German translation covers all $total strings of po/POTFILES.in"
  else
    echo "not ok $n $missing of the $total strings of po/POTFILES.in lack a German translation"
    echo "# (run: meson compile -C _build wordspace-pot wordspace-update-po, then translate po/de.po):"
    list_missing
  fi
else
  echo "not ok $n xgettext failed on po/POTFILES.in"
fi

# xgettext stops a string at a macro it cannot expand ("%" G_GSIZE_FORMAT):
# such a msgid is never looked up whole, so the text stays English. Use
# %zu, or PRIu64 and the like, which xgettext understands.
n=4
msgcat --no-wrap "$tmp/all.pot" -o "$tmp/all-nowrap.pot" 2> /dev/null
grep -E -B4 '^msgid "(.*[^%])?(%%)*%"$' "$tmp/all-nowrap.pot" | grep '^#: ' > "$tmp/cut" 2> /dev/null
cut=$(grep -E -c '^msgid "(.*[^%])?(%%)*%"$' "$tmp/all-nowrap.pot")
if [ "$cut" -eq 0 ]; then
  echo "ok $n no translatable string is cut short at a format macro"
else
  echo "not ok $n $cut translatable strings are cut short at a format macro (use %zu, PRIu64 and the like):"
  sed 's/^#: /# /' "$tmp/cut"
fi
