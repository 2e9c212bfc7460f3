#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# po/POTFILES.in must list, in sorted order, every source file with a
# translatable string: C files using _( or N_(, .ui files with
# translatable="yes", and the data files merged by i18n. Speaks TAP.
set -u
top="${1:?usage: test-potfiles.sh SOURCE_ROOT}"
cd "$top" || exit 1

listed=$(mktemp) found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in > "$listed"
{
  grep -rlE '(^|[^A-Za-z0-9_])N?_\(' --include='*.c' src
  grep -rl 'translatable="yes"' --include='*.ui' ui
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null
} | LC_ALL=C sort -u > "$found"

echo "1..3"
missing=$(LC_ALL=C comm -13 "$listed" "$found")
if [ -z "$missing" ]; then
  echo "ok 1 every file with translatable strings is listed"
else
  echo "not ok 1 files with translatable strings missing from po/POTFILES.in:"
  echo "$missing" | sed 's/^/#   /'
fi
stale=""
while read -r f; do
  [ -f "$f" ] || stale="$stale $f"
done < "$listed"
if [ -z "$stale" ]; then
  echo "ok 2 every listed file exists"
else
  echo "not ok 2 listed but absent:$stale"
fi
if LC_ALL=C sort -c "$listed" 2>/dev/null; then
  echo "ok 3 po/POTFILES.in is sorted"
else
  echo "not ok 3 po/POTFILES.in is not sorted (LC_ALL=C sort)"
fi
