#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli evaluate analogies|pairs: tables, JSON and exit codes (TAP).

Runs $WS_CLI on an eight-word model written here (the one test-evaluate.c
works out by hand): man, woman, king, queen, boy, girl, prince, and "Woman",
a case variant of woman. Checks that need a model are skipped while the
build has no vector loader yet.
"""
import json
import os
import sys
import tempfile

from tapcli import CLI, check, report, run, skip


MODEL = """8 6
man 1 0 0 0 0 0
woman 0 1 0 0 0 0
king 1 0 1 0 0 0
queen 0 1 1 0 0 0
boy 1 0 0 1 0 0
girl 0 1 0 0.9 0 0
prince 1 0 1 1 0.2 0
Woman 0 1 0 0 0 0.05
"""

ANALOGIES = """: gender
man king woman queen
man boy woman girl
man king woman girl
man king woman duchess
man king woman

: case and ties
MAN KING WOMAN QUEEN
man man woman girl
man man woman Woman
"""

PAIRS = """# Word 1\tWord 2\tHuman (mean)
king\tqueen\t8.5
man\twoman\t8.3
boy\tKING\t2.1
king\tduchess\t7.0
girl\tprince\t3.0
girl\tqueen\tseven
"""


def expect(name, args, code, stdout_has=(), stderr_has=(), no_stdout=False):
    rc, out, err = run(*args)
    problems = []
    if rc != code:
        problems.append("exit %d (expected %d)" % (rc, code))
    for s in stdout_has:
        if s not in out:
            problems.append("stdout lacks %r" % s)
    for s in stderr_has:
        if s not in err:
            problems.append("stderr lacks %r" % s)
    if no_stdout and out:
        problems.append("unexpected output %r" % out)
    detail = "\n".join(problems)
    if problems:
        detail += "\n--- stdout ---\n%s--- stderr ---\n%s" % (out, err)
    check(name, not problems, detail)
    return out


def write(directory, name, text, mode="w"):
    path = os.path.join(directory, name)
    with open(path, mode) as f:
        f.write(text)
    return path


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print("1..0 # SKIP $WS_CLI is not set to the wordspace-cli program")
        return 77

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-test-")
    model = write(tmp.name, "hand.txt", MODEL)
    analogies = write(tmp.name, "analogies.txt", ANALOGIES)
    pairs = write(tmp.name, "pairs.tsv", PAIRS)
    no_header = write(tmp.name, "no-header.txt", "man king woman queen\n")
    unknown = write(tmp.name, "unknown.tsv", "cat\tdog\t7\n")
    m = ["--model", model, "--quiet"]

    # Usage errors need no model.
    for name, args in [
        ("no kind", ["evaluate", *m]),
        ("an unknown kind", ["evaluate", *m, "synonyms", analogies]),
        ("no file", ["evaluate", *m, "pairs"]),
        ("a file that does not exist", ["evaluate", *m, "pairs", os.path.join(tmp.name, "nope")]),
        ("a negative --restrict-vocab", ["evaluate", *m, "--restrict-vocab", "-5", "pairs", pairs]),
    ]:
        expect("usage: " + name, ["evaluate", *args[1:]], 2, no_stdout=True)

    rc, out, err = run("info", *m)
    if rc != 0:
        why = "the build cannot load a model yet: " + err.strip()
        for name in ["analogies table", "analogies --json", "analogies --case-sensitive",
                     "analogies --restrict-vocab", "pairs table", "pairs --json",
                     "malformed analogy file", "pairs all unknown", "unreadable model"]:
            skip(name, why)
        return report()

    expect("analogies table", ["evaluate", *m, "analogies", analogies], 0,
           stdout_has=["gender", "2        3     66.7%", "case and ties",
                       "Total accuracy", "4        6     66.7%",
                       "Questions: 7", "1 (14.3%)"],
           stderr_has=[])
    rc, out, err = run("evaluate", "--model", model, "analogies", analogies)
    check("analogies: skipped line reported on stderr",
          rc == 0 and "analogies.txt:6: expected 4 words, found 3" in err, err)

    rc, out, err = run("evaluate", *m, "--json", "analogies", analogies)
    try:
        doc = json.loads(out)
        ok = (rc == 0 and doc["command"] == "evaluate"
              and doc["benchmark"]["kind"] == "analogies"
              and doc["benchmark"]["restrict_vocab"] == 300000
              and doc["benchmark"]["case_insensitive"] is True
              and [s["section"] for s in doc["sections"]] == ["gender", "case and ties"]
              and [(s["correct"], s["total"]) for s in doc["sections"]] == [(2, 3), (2, 3)]
              and doc["total"]["section"] == "Total accuracy"
              and doc["total"]["correct"] == 4 and doc["total"]["total"] == 6
              and abs(doc["accuracy"] - 4 / 6) < 1e-12
              and doc["questions"] == 7 and doc["unknown"] == 1
              and doc["benchmark"]["skipped_lines"] == ["analogies.txt:6: expected 4 words, found 3"])
        check("analogies --json", ok, out)
    except (ValueError, KeyError) as e:
        check("analogies --json", False, "%s\n%s" % (e, out))

    # Case-sensitive: MAN KING… is unknown, "Woman" answers man man woman.
    rc, out, err = run("evaluate", *m, "--json", "--case-sensitive", "analogies", analogies)
    try:
        doc = json.loads(out)
        check("analogies --case-sensitive",
              rc == 0 and doc["total"]["correct"] == 3 and doc["total"]["total"] == 5
              and doc["unknown"] == 2, out)
    except (ValueError, KeyError) as e:
        check("analogies --case-sensitive", False, "%s\n%s" % (e, out))

    rc, out, err = run("evaluate", *m, "--json", "--case-sensitive", "--restrict-vocab", "5",
                       "analogies", analogies)
    try:
        doc = json.loads(out)
        check("analogies --restrict-vocab",
              rc == 0 and doc["total"]["correct"] == 1 and doc["total"]["total"] == 1
              and doc["unknown"] == 6, out)
    except (ValueError, KeyError) as e:
        check("analogies --restrict-vocab", False, "%s\n%s" % (e, out))

    out = expect("pairs table", ["evaluate", *m, "pairs", pairs], 0,
                 stdout_has=["Pearson", "Spearman", "Pairs: 5; used: 4",
                             "1 (20.0%)"])
    rc, out, err = run("evaluate", *m, "--json", "pairs", pairs)
    try:
        doc = json.loads(out)
        # Spearman of gold (8.5, 8.3, 2.1, 3.0) against the cosines
        # (0.5, 0, 0.5, 0.384): ranks (4, 3, 1, 2) and (3.5, 1, 3.5, 2).
        ok = (rc == 0 and doc["benchmark"]["kind"] == "pairs"
              and doc["used"] == 4 and doc["unknown"] == 1
              and abs(doc["unknown_percent"] - 20.0) < 1e-12
              and abs(doc["spearman"]["rho"] - (-0.10540925533894598)) < 1e-9
              and -1 <= doc["pearson"]["r"] <= 1 and 0 <= doc["pearson"]["p"] <= 1)
        check("pairs --json", ok, out)
    except (ValueError, KeyError, TypeError) as e:
        check("pairs --json", False, "%s\n%s" % (e, out))

    expect("malformed analogy file", ["evaluate", *m, "analogies", no_header], 1,
           stderr_has=["no-header.txt:1: "], no_stdout=True)
    expect("pairs all unknown", ["evaluate", *m, "pairs", unknown], 1,
           stderr_has=["none of the word pairs"], no_stdout=True)
    expect("unreadable model", ["evaluate", "--quiet", "--model", pairs, "pairs", pairs], 3,
           no_stdout=True)
    return report()


if __name__ == "__main__":
    sys.exit(main())
