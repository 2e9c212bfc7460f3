#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli's human output groups counts as the locale does (TAP).

"Words: 1,234" in en_US.UTF-8, "1.234" in de_DE.UTF-8, "1234" in C; counts
take their plural forms; --json keeps plain numbers. The two locales are
built with localedef (Debian's "locales" package) into a temporary
$LOCPATH, so nothing is installed; each check that needs one skips when it
cannot be built.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile

from tapcli import CLI, check, report, skip


def run_in(env_locale, locpath, *args):
    env = dict(os.environ, LC_ALL=env_locale, LANGUAGE="")
    env.pop("LANG", None)
    if locpath:
        env["LOCPATH"] = locpath
    p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, env=env, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def build_locale(locpath, name, source):
    """True when localedef built @name (e.g. en_US.UTF-8) into @locpath."""
    try:
        p = subprocess.run(["localedef", "-i", source, "-f", "UTF-8", os.path.join(locpath, name)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False
    # localedef exits 1 on warnings alone; what counts is a locale that loads.
    return os.path.isfile(os.path.join(locpath, name, "LC_NUMERIC"))


def write_model(path, n, duplicates):
    """@n distinct words w0…, then @duplicates repeats of w0, 3 dimensions."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("%d 3\n" % (n + duplicates))
        for i in range(n):
            f.write("w%d %d %d %d\n" % (i, i % 7 + 1, i % 11 - 5, i % 13 + 2))
        for _ in range(duplicates):
            f.write("w0 9 9 9\n")


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print("1..0 # SKIP $WS_CLI is not set to the wordspace-cli program")
        return 77

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-locale-")
    big = os.path.join(tmp.name, "big.txt")
    two = os.path.join(tmp.name, "two-duplicates.txt")
    write_model(big, 1234, 1)
    write_model(two, 5, 2)
    m = ["--quiet", "--no-cache", "--model", big]

    # In C: no grouping; plural forms by count.
    rc, out, err = run_in("C.UTF-8", None, "info", "--no-cache", "--model", big)
    check("C: info prints 1234 words, ungrouped", rc == 0 and "Words:       1234\n" in out, out + err)
    check("C: one duplicate, in the singular",
          "1 duplicate word ignored (the first vector of each word is kept)" in err, err)
    rc, out, err = run_in("C.UTF-8", None, "info", "--no-cache", "--model", two)
    check("C: two duplicates, in the plural", "2 duplicate words ignored (" in err, err)

    locpath = os.path.join(tmp.name, "locales")
    os.mkdir(locpath)
    have_en = build_locale(locpath, "en_US.UTF-8", "en_US")
    have_de = build_locale(locpath, "de_DE.UTF-8", "de_DE")
    why = "localedef could not build the locale (Debian's “locales” package)"

    if have_en:
        rc, out, err = run_in("en_US.UTF-8", locpath, "info", *m)
        check("en_US: info groups the word count: 1,234", rc == 0 and "Words:       1,234\n" in out,
              out + err)
        rc, out, err = run_in("en_US.UTF-8", locpath, "info", "--json", *m)
        doc = json.loads(out) if rc == 0 else {}
        check("en_US: info --json keeps a plain number",
              doc.get("model", {}).get("words") == 1234 and "1,234" not in out, out + err)
        rc, out, err = run_in("en_US.UTF-8", locpath, "neighbors", *m, "--topn", "1233", "w1")
        lines = out.splitlines()
        check("en_US: neighbors ranks grouped and aligned (    1 … 1,000 … 1,233)",
              rc == 0 and len(lines) == 1233 and lines[0].startswith("    1  w")
              and lines[999].startswith("1,000  w") and lines[-1].startswith("1,233  w"),
              "\n".join(lines[:2] + lines[998:1001]) + err)
        rc, out, err = run_in("en_US.UTF-8", locpath, "project", *m, "--method", "global", "w1", "w2")
        check("en_US: project names the rows of the global PCA in one sentence, grouped",
              rc == 0 and "Method: global PCA of the model’s first 1,234 words (unit vectors)\n"
              in out, out + err)
    else:
        for name in ("info groups", "info --json", "neighbors ranks", "project global"):
            skip("en_US: " + name, why)

    if have_de:
        rc, out, err = run_in("de_DE.UTF-8", locpath, "info", *m)
        check("de_DE: info groups the word count with a dot: 1.234",
              rc == 0 and re.search(r":\s+1\.234\n", out) is not None, out + err)
        # Cosines stay machine-readable: a point, whatever the locale.
        rc, out, err = run_in("de_DE.UTF-8", locpath, "neighbors", *m, "--topn", "3", "w1")
        check("de_DE: neighbors writes cosines with a decimal point",
              rc == 0 and len(re.findall(r"  -?[01]\.\d{4}$", out, re.M)) == 3 and "," not in out,
              out + err)
    else:
        skip("de_DE: info groups", why)
        skip("de_DE: neighbors cosines", why)

    # The program in the build tree speaks German with the catalogues just
    # built there, with no variable pointing at them; a copy outside the
    # build tree (as an installed one) looks in the install prefix only.
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="de")
    p = subprocess.run([CLI, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, env=env, timeout=120)
    out = p.stdout.decode("utf-8")
    check("LANGUAGE=de: the build tree's wordspace-cli finds the German catalogue",
          p.returncode == 0 and "Rückgabewert:" in out and "Exit status:" not in out, out)
    copy = os.path.join(tmp.name, "wordspace-cli")
    shutil.copy(CLI, copy)
    p = subprocess.run([copy, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, env=env, timeout=120)
    out = p.stdout.decode("utf-8")
    installed = [d for d in ("/usr/local/share/locale", "/usr/share/locale")
                 if os.path.isfile(os.path.join(d, "de", "LC_MESSAGES", "wordspace.mo"))]
    if installed:
        skip("LANGUAGE=de: a copy outside the build tree is not translated",
             "a German catalogue is installed in " + installed[0])
    else:
        check("LANGUAGE=de: a copy outside the build tree is not translated",
              p.returncode == 0 and "Exit status:" in out, out)
    return report()


if __name__ == "__main__":
    raise SystemExit(main())
