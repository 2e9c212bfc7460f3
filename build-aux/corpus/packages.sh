# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the corpus scripts: ws_corpus_install SCRIPT PACKAGE… installs
# the Debian packages that hold a corpus's sources when they are missing
# (as root; otherwise it says what to install and stops).

ws_corpus_install () {
  local script="$1"
  shift
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "==> Installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "$script: run as root (or with sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}
