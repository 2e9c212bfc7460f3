#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# How responsive the window stays while a large model loads: generates a
# word2vec binary file (default 1,000,000 words × 300, 1.2 GB; WORDS and
# DIM change it), then drives the window under Xvfb while it loads and
# prints the longest gap between frames and between 10 ms main-loop timers.
# With WS_SCREENSHOT_DIR set it also saves loading.png there (which holds the
# main loop while it is taken). WS_LOAD_FILE=FILE measures an existing file.
# Needs about 3 GB of memory and twice the file's size of free disk in $TMPDIR
# (the file and its model cache).
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
builddir="${WS_BUILDDIR:-$top/_build}"
words="${WORDS:-1000000}"
dim="${DIM:-300}"
file="${WS_LOAD_FILE:-${TMPDIR:-/tmp}/wordspace-app-load-$words-$dim.bin}"

if [ ! -f "$file" ]; then
  "$builddir/tests/bench/ws-make-vectors" -n "$words" -d "$dim" -b "$file" -q
fi
# Twice: a first open parses the file (and writes the model cache), the
# second reopens it from the cache. The cache lives in a folder of its own.
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
# The machine's state: load average, and the CPU time the host took from
# this (virtual) machine (steal, in /proc/stat) during the run.
steal () { awk '/^cpu / { print $9 }' /proc/stat; }
for run in "first open" "reopen from the cache"; do
  echo "==> $run (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  steal_before=$(steal)
  if ! WS_LOAD_FILE="$file" XDG_CACHE_HOME="$cache" OPENBLAS_NUM_THREADS=1 GSK_RENDERER=cairo \
  GDK_DEBUG=gl-disable GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$builddir/data" GTK_A11Y=none \
  LC_ALL=C.UTF-8 \
  DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent \
    xvfb-run -a -s '-screen 0 1400x900x24' "$builddir/tests/test-window" \
    -p /window/load-responsiveness --verbose 2>&1 | grep -E 'responsiveness|held up|after the load|completion|loaded|^ok|^not ok|SKIP'; then
    echo "# the window test failed (exit status ${PIPESTATUS[0]})"
  fi
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg); CPU time stolen by the host: $(( ($(steal) - steal_before) * 10 )) ms"
done
[ -n "${KEEP:-}" ] || [ -n "${WS_LOAD_FILE:-}" ] || rm -f "$file"
