#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages Wordspace needs (when root), then configures and
# builds it in $WS_BUILDDIR (default: _build). Sourced by run.sh and test.sh.
set -euo pipefail

ws_top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ws_missing_packages () {
  local pkgs
  pkgs=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$ws_top/build-aux/packages.txt")
  # shellcheck disable=SC2086
  dpkg-query -W -f='${Package} ${db:Status-Status}\n' $pkgs 2>/dev/null \
    | awk '$2 == "installed" { print $1 }' > /tmp/ws-installed.$$ || true
  for p in $pkgs; do
    grep -qx "$p" /tmp/ws-installed.$$ || echo "$p"
  done
  rm -f /tmp/ws-installed.$$
}

ws_install_packages () {
  local missing
  missing=$(ws_missing_packages | tr '\n' ' ')
  if [ -z "${missing// /}" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "Wordspace needs these Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends $missing" >&2
    exit 1
  fi
  echo "==> Installing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
}

# ws_build BUILDDIR [meson options…]
ws_build () {
  local dir="$1"
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$ws_top" "$@"
  fi
  meson compile -C "$dir"
}
