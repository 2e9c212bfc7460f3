#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the training corpus of the bundled model from freely licensed text in
# Debian packages (see README.md beside this script for each source and its
# licence): installs the packages, extracts plain text, lowercases and
# tokenises it, one sentence per line.
#
# Usage: build-aux/corpus/make-corpus.sh [OUTPUT]   (default: _corpus/corpus.txt)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
out="${1:-$top/_corpus/corpus.txt}"
parts="$(dirname "$out")/parts"
python=/usr/bin/python3

# The order the sources are concatenated in; each is one package set.
# extract-corpus.py also knows handbook, reference, python, perl and manpages
# (Debian's and the languages' documentation): tried and left out, see README.md.
sources=(gcide wordnet kjv web austen foldoc jargon fortunes
         tdavid mhcc scofield mobydick devil anarchism)
packages=(dict-gcide wordnet-base sword-text-kjv sword-text-web diatheke
          r-base-core r-cran-janeaustenr dict-foldoc dict-jargon fortunes fortunes-min
          sword-comm-tdavid sword-comm-mhcc sword-comm-scofield r-cran-tokenizers
          dict-devil fortune-anarchism)

. "$here/packages.sh"
ws_corpus_install make-corpus.sh "${packages[@]}"

mkdir -p "$parts"
pids=()
for s in "${sources[@]}"; do
  "$python" "$here/extract-corpus.py" "$s" "$parts/$s.txt" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid"
done

for s in "${sources[@]}"; do
  cat "$parts/$s.txt"
done > "$out.tmp"
mv "$out.tmp" "$out"
echo "==> $out: $(wc -w < "$out") tokens, $(wc -l < "$out") lines" >&2
