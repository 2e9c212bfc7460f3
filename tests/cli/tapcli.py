# SPDX-License-Identifier: GPL-3.0-or-later
"""What the CLI test scripts share: running $WS_CLI and reporting TAP."""
import os
import subprocess

CLI = os.environ.get("WS_CLI")
PYTHON = os.environ.get("WS_PYTHON", "/usr/bin/python3")
TESTDATA = os.environ.get("WS_TESTDATA", "")

results = []


def cli_missing():
    """True (after printing a TAP skip plan) when $WS_CLI is not a program."""
    if CLI and os.access(CLI, os.X_OK):
        return False
    print("1..0 # SKIP $WS_CLI is not set to the wordspace-cli program")
    return True


def run(*args, timeout=120):
    """Runs wordspace-cli with no standard input: (exit code, stdout, stderr)."""
    p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail, None))


def skip(name, why):
    results.append((name, True, "", why))


def report():
    """Prints the TAP plan and one line per check; 1 when any failed."""
    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, detail, why) in enumerate(results, 1):
        if why is not None:
            print("ok %d - %s # SKIP %s" % (i, name, why))
            continue
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in str(detail).splitlines():
                print("#   " + line)
    return 1 if failed else 0
