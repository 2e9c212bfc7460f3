#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Rebuilds the bundled model, data/wordspace-en.bin, in one command: builds
# the corpus from Debian packages (build-aux/corpus/make-corpus.sh, which
# installs them as root), trains word2vec CBOW on it with wordspace-cli and
# keeps the 50,000 most frequent words. See data/wordspace-en.PROVENANCE.md.
#
# Usage: build-aux/make-model.sh [OUTPUT]     (default: data/wordspace-en.bin)
# Environment: WS_BUILDDIR (default _build), WS_CORPUS (reuse a corpus file).
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$top/data/wordspace-en.bin}"
builddir="${WS_BUILDDIR:-$top/_build}"
corpus="${WS_CORPUS:-}"

if [ -z "$corpus" ]; then
  corpus="$top/_corpus/corpus.txt"
  "$top/build-aux/corpus/make-corpus.sh" "$corpus"
fi

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$top"
fi
meson compile -C "$builddir" wordspace-cli

# The settings of the bundled model (data/wordspace-en.PROVENANCE.md).
"$builddir/src/cli/wordspace-cli" train \
  --corpus "$corpus" --out "$out.tmp" \
  --model-type cbow --dim 100 --window 8 --negative 10 --iter 10 \
  --min-count 5 --sample 1e-4 --alpha 0.05 --threads 2 --seed 1 \
  --limit 50000 --json > "$(dirname "$corpus")/train.json"
mv "$out.tmp" "$out"
echo "==> $out ($(du -h "$out" | cut -f1)); summary in $(dirname "$corpus")/train.json" >&2
