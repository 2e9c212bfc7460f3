#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Set up, build and launch Wordspace on its bundled model.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

builddir="${WS_BUILDDIR:-$ws_top/_build}"
ws_install_packages
ws_build "$builddir"

if [ -x "$builddir/src/app/wordspace" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec "$builddir/src/app/wordspace" "$@"
fi

# No window yet (or no display): a short tour of the engine on the command line.
cli="$builddir/src/cli/wordspace-cli"
echo "==> wordspace-cli info"
"$cli" info
echo "==> wordspace-cli query 'king - man + woman'"
"$cli" query 'king - man + woman'
