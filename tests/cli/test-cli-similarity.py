#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli neighbors, similarity and doesnt-match: output and exit codes (TAP).

Runs $WS_CLI on a six-word 2-d model written here, whose answers can be
worked out by hand: a = (1,0), b = (.8,.6), c = (0,1), d = (-1,0), e = 0,
f = (2,0); then compares the commands with gensim on two shared test files.
"""
import json
import os
import sys
import tempfile

from tapcli import CLI, check, report, run, skip

PLANE = "6 2\na 1 0\nb 0.8 0.6\nc 0 1\nd -1 0\ne 0 0\nf 2 0\n"


def expect(name, args, code, stdout=None, stderr_has=None, no_stdout=False):
    rc, out, err = run(*args)
    ok = rc == code
    detail = "exit %d (expected %d)" % (rc, code)
    if stdout is not None and out != stdout:
        ok = False
        detail += "\n--- got ---\n%s--- expected ---\n%s" % (out, stdout)
    if stderr_has is not None and stderr_has not in err:
        ok = False
        detail += "\nstderr lacks %r: %r" % (stderr_has, err)
    if no_stdout and out:
        ok = False
        detail += "\nunexpected output: %r" % out
    check(name, ok, detail + ("\nstderr: " + err if not ok else ""))
    return out


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        # Exit 0: meson's TAP reader takes a status of 77 as an error.
        print("1..0 # SKIP $WS_CLI is not set to the wordspace-cli program")
        return 0

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-test-")
    model = os.path.join(tmp.name, "plane.txt")
    with open(model, "w") as f:
        f.write(PLANE)
    garbage = os.path.join(tmp.name, "garbage.txt")
    with open(garbage, "wb") as f:
        f.write(b"this is not\x00a vector file\n")
    m = ["--model", model, "--quiet"]

    # Usage errors need no model.
    for name, args in [
        ("neighbors without a word", ["neighbors", *m]),
        ("neighbors with two words", ["neighbors", *m, "a", "b"]),
        ("neighbors with a negative --topn", ["neighbors", *m, "--topn", "-1", "a"]),
        ("neighbors with an unknown option", ["neighbors", *m, "--frobnicate", "a"]),
        ("similarity with one word", ["similarity", *m, "a"]),
        ("similarity with an odd number of words", ["similarity", *m, "a", "b", "c"]),
        ("doesnt-match without words", ["doesnt-match", *m]),
    ]:
        expect("usage: " + name, args, 2, no_stdout=True)

    # A model that can't be read: the message names the file.
    missing = os.path.join(tmp.name, "missing.bin")
    for cmd in (["neighbors", "a"], ["similarity", "a", "b"], ["doesnt-match", "a", "b"]):
        expect("missing model: " + cmd[0], [cmd[0], "--quiet", "--model", missing, *cmd[1:]], 3,
               stderr_has="missing.bin", no_stdout=True)
    expect("not a vector file: neighbors", ["neighbors", "--quiet", "--model", garbage, "a"], 3,
           no_stdout=True)

    # cos with a: f 1 (same direction), b 0.8, c 0, d -1, e NaN (zero vector,
    # last, as gensim ranks it); a itself is left out.
    expect("neighbors", ["neighbors", *m, "a"], 0, stdout=(
        "1  f   1.0000\n"
        "2  b   0.8000\n"
        "3  c   0.0000\n"
        "4  d  -1.0000\n"
        "5  e      nan\n"))
    expect("neighbors -n", ["neighbors", *m, "-n", "2", "a"], 0, stdout=(
        "1  f  1.0000\n"
        "2  b  0.8000\n"))
    expect("neighbors --restrict-vocab", ["neighbors", *m, "--restrict-vocab", "3", "a"], 0, stdout=(
        "1  b  0.8000\n"
        "2  c  0.0000\n"))

    out = expect("neighbors --json", ["neighbors", *m, "--json", "--topn", "3", "b"], 0)
    try:
        doc = json.loads(out)
        got = [(r["word"], round(r["score"], 6)) for r in doc["results"]]
        check("neighbors --json: document", doc["command"] == "neighbors"
              and doc["model"]["words"] == 6 and doc["model"]["dimensions"] == 2
              and doc["query"] == {"word": "b", "topn": 3, "restrict_vocab": 0}, out)
        # cos with b: a and f 0.8 (a first: row order), c 0.6.
        check("neighbors --json: results", got == [("a", 0.8), ("f", 0.8), ("c", 0.6)], got)
    except (ValueError, KeyError, TypeError) as e:
        check("neighbors --json: document", False, "%s\n%s" % (e, out))
    rc, out, err = run("neighbors", *m, "--json", "c")
    check("neighbors --json: NaN is null", rc == 0 and json.loads(out)["results"][-1] == {"word": "e", "score": None}, out)

    # Columns, not bytes: CJK characters take two, a combining accent none.
    wide = os.path.join(tmp.name, "wide.txt")
    with open(wide, "w", encoding="utf-8") as f:
        f.write("4 2\n東京 1 0\nab 0.9 0.1\nZürich 0.5 0.5\ncafe\u0301 0 1\n")
    expect("neighbors aligns wide words", ["neighbors", "--quiet", "--model", wide, "ab"], 0, stdout=(
        "1  東京    0.9939\n"
        "2  Zürich  0.7809\n"
        "3  cafe\u0301    0.1104\n"))

    expect("neighbors unknown word", ["neighbors", *m, "zebra"], 1, stderr_has="“zebra”", no_stdout=True)

    expect("similarity", ["similarity", *m, "a", "b", "a", "f", "c", "d", "a", "e"], 0, stdout=(
        "'a'  'b'   0.8000\n"
        "'a'  'f'   1.0000\n"
        "'c'  'd'   0.0000\n"
        "'a'  'e'   0.0000\n"))
    out = expect("similarity --json", ["similarity", *m, "--json", "a", "b", "a", "d"], 0)
    try:
        doc = json.loads(out)
        got = [(r["words"], round(r["score"], 6)) for r in doc["results"]]
        check("similarity --json: results", doc["command"] == "similarity"
              and got == [(["a", "b"], 0.8), (["a", "d"], -1.0)], got)
    except (ValueError, KeyError, TypeError) as e:
        check("similarity --json: results", False, "%s\n%s" % (e, out))
    expect("similarity unknown word", ["similarity", *m, "a", "b", "a", "zebra"], 1,
           stderr_has="“zebra”", no_stdout=True)

    # Unit vectors of a, b, c: c is furthest from their mean; zebra is ignored.
    expect("doesnt-match", ["doesnt-match", "--model", model, "a", "b", "zebra", "c"], 0,
           stdout="c\n", stderr_has="zebra")
    out = expect("doesnt-match --json", ["doesnt-match", *m, "--json", "a", "b", "c", "zebra"], 0)
    try:
        doc = json.loads(out)
        check("doesnt-match --json: result", doc["result"] == "c" and doc["ignored"] == ["zebra"]
              and doc["query"]["words"] == ["a", "b", "c", "zebra"], out)
    except (ValueError, KeyError, TypeError) as e:
        check("doesnt-match --json: result", False, "%s\n%s" % (e, out))
    expect("doesnt-match all unknown", ["doesnt-match", *m, "x", "y"], 1, stderr_has="“x”", no_stdout=True)
    against_gensim(m)
    return report()


def same_ranking(got, want):
    """Same words and scores within 1e-5; neighbours whose gensim scores
    are within 1e-6 may come in either order."""
    if len(got) != len(want):
        return False
    for (gw, gs), (ww, ws) in zip(got, want):
        if abs(gs - ws) > 1e-5:
            return False
        if gw != ww and not any(w == gw and abs(s - ws) <= 1e-6 for w, s in want):
            return False
    return True


def against_gensim(m):
    """The commands print what gensim answers, on real files."""
    data = os.environ.get("WS_TESTDATA", "")
    files = [("test_glove.txt", {"no_header": True}), ("euclidean_vectors.bin", {"binary": True})]
    try:
        from gensim.models import KeyedVectors
    except ImportError:
        for name, _ in files:
            skip("gensim parity: " + name, "gensim is not available")
        return
    for name, args in files:
        path = os.path.join(data, name)
        if not os.path.exists(path):
            skip("gensim parity: " + name, "../shared/testdata is absent")
            continue
        kv = KeyedVectors.load_word2vec_format(path, **args)
        w = kv.index_to_key
        for word in (w[0], w[5], w[len(w) // 2]):
            rc, out, err = run("neighbors", "--quiet", "--model", path, "--json", "-n", "10", word)
            got = [(r["word"], r["score"]) for r in json.loads(out)["results"]] if rc == 0 else []
            want = [(x, float(s)) for x, s in kv.most_similar(word, topn=10)]
            check("gensim parity: %s neighbors %s" % (name, word), same_ranking(got, want),
                  "got %s\nwant %s\n%s" % (got, want, err))
        pairs = [w[0], w[1], w[2], w[len(w) - 1]]
        rc, out, err = run("similarity", "--quiet", "--model", path, "--json", *pairs)
        got = [r["score"] for r in json.loads(out)["results"]] if rc == 0 else []
        want = [float(kv.similarity(pairs[0], pairs[1])), float(kv.similarity(pairs[2], pairs[3]))]
        check("gensim parity: %s similarity" % name,
              len(got) == 2 and all(abs(a - b) <= 1e-5 for a, b in zip(got, want)),
              "got %s, want %s %s" % (got, want, err))
        words = [w[1], w[3], w[len(w) // 3], w[len(w) - 2]]
        rc, out, err = run("doesnt-match", "--quiet", "--model", path, *words)
        check("gensim parity: %s doesnt-match" % name, rc == 0 and out == kv.doesnt_match(words) + "\n",
              "got %r, want %r" % (out, kv.doesnt_match(words)))


if __name__ == "__main__":
    sys.exit(main())
