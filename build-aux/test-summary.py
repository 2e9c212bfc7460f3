#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sums up meson's test logs of one or more build folders as one closing line:
'tests: N passed, N failed, N skipped' (TAP subtests counted one by one)."""
import json
import re
import sys

passed = failed = skipped = 0
for builddir in sys.argv[1:]:
    with open(f"{builddir}/meson-logs/testlog.json", encoding="utf-8") as log:
        for line in log:
            test = json.loads(line)
            subtests = re.findall(r"^(not ok|ok)\b(.*)$", test.get("stdout") or "", re.M)
            if test["result"] == "SKIP" and not subtests:
                skipped += 1
            elif not subtests:
                if test["result"] in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                else:
                    failed += 1
            else:
                for status, rest in subtests:
                    if "# SKIP" in rest.upper():
                        skipped += 1
                    elif status == "ok" or "# TODO" in rest.upper():
                        passed += 1
                    else:
                        failed += 1
                if test["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and \
                        all(s == "ok" for s, _ in subtests):
                    failed += 1  # crashed or timed out after its last subtest
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
