#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Set up, build and run every test twice: a normal build, then an
# AddressSanitizer + UndefinedBehaviorSanitizer build.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ws_install_packages

normal="${WS_BUILDDIR:-$ws_top/_build}"
sanitized="${WS_ASAN_BUILDDIR:-$ws_top/_build-asan}"

start=$(date +%s)
echo "==> Normal build: $normal"
ws_build "$normal"
meson test -C "$normal" --print-errorlogs "$@"

echo "==> AddressSanitizer + UndefinedBehaviorSanitizer build: $sanitized"
ws_build "$sanitized" -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0" \
LSAN_OPTIONS="suppressions=$ws_top/tests/lsan.supp:print_suppressions=0" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  meson test -C "$sanitized" --print-errorlogs --timeout-multiplier 4 "$@"

echo "==> All tests passed in both builds ($(( $(date +%s) - start )) s)"
/usr/bin/python3 "$ws_top/build-aux/test-summary.py" "$normal" "$sanitized"
