#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes data/screenshots/main.png, the picture the README and the AppStream
# metainfo show: the GUI test suite drives the real window under Xvfb and
# saves its main states; this keeps the one on the bundled model (or, until
# that model is built, on the test's small model) and lists the others.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

builddir="${WS_BUILDDIR:-$ws_top/_build}"
ws_install_packages
ws_build "$builddir"

shots="$(mktemp -d)"
trap 'rm -rf "$shots"' EXIT
WS_SCREENSHOT_DIR="$shots" meson test -C "$builddir" --suite gui window --print-errorlogs

mkdir -p "$ws_top/data/screenshots"
if [ -f "$shots/main.png" ]; then
  cp "$shots/main.png" "$ws_top/data/screenshots/main.png"
else
  echo "The bundled model is not built: the screenshot shows the test model." >&2
  cp "$shots/analogy.png" "$ws_top/data/screenshots/main.png"
fi
cp "$shots/dark.png" "$ws_top/data/screenshots/dark.png"
echo "==> data/screenshots/main.png and dark.png updated; every state the test saved:"
mkdir -p "$builddir/screenshots"
cp "$shots"/*.png "$builddir/screenshots/"
ls "$builddir/screenshots"
