#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds data/wordspace-demo-corpus.txt, the corpus of `wordspace-cli train
# --demo`: the text of Debian's World English Bible module (public domain),
# extracted and tokenised by extract-corpus.py as for the bundled model's
# corpus (see README.md beside this script). Installs sword-text-web and
# diatheke when they are missing (as root). The result is the same bytes on
# every run: data/wordspace-demo-corpus.PROVENANCE.md records its checksum.
#
# Usage: build-aux/corpus/make-demo-corpus.sh [OUTPUT]
#        (default: data/wordspace-demo-corpus.txt)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
out="${1:-$top/data/wordspace-demo-corpus.txt}"
packages=(sword-text-web diatheke)

. "$here/packages.sh"
ws_corpus_install make-demo-corpus.sh "${packages[@]}"

/usr/bin/python3 "$here/extract-corpus.py" web "$out.tmp"
mv "$out.tmp" "$out"
echo "==> $out: $(wc -w < "$out") tokens, $(wc -l < "$out") lines, sha256 $(sha256sum "$out" | cut -d' ' -f1)" >&2
