#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli project: coordinates, the variance line, --json and exit codes (TAP).

A hand-made model checks what a person would work out: two words sit at
plus and minus half their distance on x; an analogy a : b :: c puts a at the
origin and b on the x axis at |b - a|. Real vector files check the numbers
against scikit-learn's PCA (signs included) when ../shared/testdata is there.
"""
import json
import math
import os
import sys
import tempfile

from tapcli import CLI, check, report, run, skip

# a, b, c, d: corners of a square on the unit circle (d = c + b - a); e, f
# elsewhere. Unit vectors, so the analogy plane shows the square as it is.
S = math.sqrt(0.5)
MODEL = ("6 3\n"
         "a 1 0 0\n"
         "b 0 1 0\n"
         "c 0 -1 0\n"
         "d -1 0 0\n"
         "e %r %r 0.5\n"
         "f 0 0 2\n") % (S * 0.5, S * 0.5)


def expect(name, args, code, stderr_has=None, no_stdout=False):
    rc, out, err = run(*args)
    ok = rc == code
    detail = "exit %d (expected %d)" % (rc, code)
    if stderr_has is not None and stderr_has not in err:
        ok = False
        detail += "\nstderr lacks %r: %r" % (stderr_has, err)
    if no_stdout and out:
        ok = False
        detail += "\nunexpected output: %r" % out
    check(name, ok, detail + ("\nstderr: " + err if not ok else ""))
    return out


def project_json(*args):
    rc, out, err = run("project", "--json", *args)
    if rc != 0:
        raise ValueError("exit %d: %s" % (rc, err))
    return json.loads(out)


def close(x, y, tolerance=1e-6):
    return abs(x - y) <= tolerance


def hand_made(m):
    # Two words: at ± half their distance, the first one positive. By
    # default the unit vectors (f = (0, 0, 2) becomes (0, 0, 1)), as the
    # window's map and render place them; --stored takes them as stored.
    for name, args, half, unit in [
            ("two words: ± half the distance of their unit vectors on x", [], math.sqrt(2) / 2, True),
            ("--stored: ± half their distance as stored on x", ["--stored"], math.sqrt(1 + 4) / 2, False)]:
        try:
            doc = project_json(*m, *args, "a", "f")
            p = {q["word"]: q for q in doc["points"]}
            check(name,
                  close(p["a"]["x"], half) and close(p["f"]["x"], -half)
                  and close(p["a"]["y"], 0) and doc["method"] == "local"
                  and doc["unit_vectors"] == unit
                  and close(doc["explained_variance_ratio"][0], 1.0), json.dumps(doc))
        except (ValueError, KeyError) as e:
            check(name, False, str(e))
    expect("usage: --unit and --stored", ["project", *m, "--unit", "--stored", "a", "f"], 2,
           no_stdout=True)

    # The text table: a header, one aligned line per word, the variance line.
    rc, out, err = run("project", *m, "a", "b", "f")
    lines = out.splitlines()
    check("text: header, words and variance line",
          rc == 0 and lines[0].split() == ["word", "x", "y"]
          and [l.split()[0] for l in lines[1:4]] == ["a", "b", "f"]
          and lines[-1].startswith("Explained variance: x ")
          and len({len(l) for l in lines[:4]}) == 1, out + err)

    # The analogy a : b :: c : ?, with d = c + b - a among the words.
    try:
        doc = project_json(*m, "--method", "analogy", "a", "b", "c", "d", "e")
        p = {q["word"]: q for q in doc["points"]}
        ab = math.sqrt(2)
        check("analogy: a at the origin, b on x at |b - a|",
              close(p["a"]["x"], 0) and close(p["a"]["y"], 0)
              and close(p["b"]["x"], ab) and close(p["b"]["y"], 0), json.dumps(p))
        check("analogy: the parallelogram b - a = d - c",
              close(p["b"]["x"] - p["a"]["x"], p["d"]["x"] - p["c"]["x"])
              and close(p["b"]["y"] - p["a"]["y"], p["d"]["y"] - p["c"]["y"])
              and p["c"]["y"] > 0, json.dumps(p))
        check("analogy: ratios are null (undefined), unit vectors",
              doc["explained_variance_ratio"] == [None, None] and doc["unit_vectors"]
              and doc["analogy"] == {"a": "a", "b": "b", "c": "c"}, json.dumps(doc))
    except (ValueError, KeyError) as e:
        check("analogy", False, str(e))

    # A query that is an analogy takes analogy axes, and its neighbours.
    try:
        doc = project_json(*m, "--query", "a : b :: c : ?", "--neighbors", "1")
        words = [q["word"] for q in doc["points"]]
        check("--query analogy: the three words, then the nearest neighbour",
              doc["method"] == "analogy" and doc["kind"] == "analogy"
              and words == ["a", "b", "c", "d"], json.dumps(doc))
    except (ValueError, KeyError) as e:
        check("--query analogy", False, str(e))

    # Three components.
    try:
        doc = project_json(*m, "--components", "3", "a", "b", "c", "f")
        check("--components 3: x, y and z", all("z" in q for q in doc["points"])
              and len(doc["explained_variance_ratio"]) == 3, json.dumps(doc))
    except (ValueError, KeyError) as e:
        check("--components 3", False, str(e))

    expect("unknown word: exit 1", ["project", *m, "a", "zebra"], 1, stderr_has="“zebra”",
           no_stdout=True)
    expect("one word for a local PCA: exit 1", ["project", *m, "a"], 1, stderr_has="at least 2",
           no_stdout=True)
    expect("a : a :: c: exit 1", ["project", *m, "--method", "analogy", "a", "a", "c"], 1,
           no_stdout=True)
    expect("--query that does not parse: exit 1", ["project", *m, "--query", "a + + b"], 1,
           no_stdout=True)
    expect("--query analogy method on a non-analogy: exit 1",
           ["project", *m, "--method", "analogy", "--query", "a + b"], 1, no_stdout=True)


def against_sklearn(data):
    """Local and global projections equal scikit-learn's PCA, signs included."""
    files = [("EN.1-10.cbow1_wind5_hs0_neg10_size300_smpl1e-05.txt", {}),
             ("euclidean_vectors.bin", {"binary": True})]
    try:
        import numpy as np
        from gensim.models import KeyedVectors
        from sklearn.decomposition import PCA
    except ImportError:
        for name, _ in files:
            skip("scikit-learn parity: " + name, "gensim or scikit-learn is missing")
        return
    for name, args in files:
        path = os.path.join(data, name)
        if not os.path.exists(path):
            skip("scikit-learn parity: " + name, "../shared/testdata is absent")
            continue
        kv = KeyedVectors.load_word2vec_format(path, **args)
        words = kv.index_to_key[3:15]
        raw = np.array(kv.vectors, dtype=np.float64)
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        unit = np.divide(raw, norms, out=np.zeros_like(raw), where=norms > 0)
        # Unit vectors by default (as the map), the vectors as stored with --stored.
        for what, every, flags in [("unit vectors", unit, []), ("--stored", raw, ["--stored"])]:
            x = every[[kv.key_to_index[w] for w in words]]
            want = PCA(n_components=2, svd_solver="full").fit(x)
            want_xy = want.transform(x)
            name = "local PCA equals scikit-learn, %s: %s" % (what, name_of(path))
            try:
                doc = project_json("--model", path, "--quiet", *flags, *words)
                got = np.array([[q["x"], q["y"]] for q in doc["points"]])
                check(name,
                      np.abs(got - want_xy).max() <= 1e-4
                      and np.abs(np.array(doc["explained_variance_ratio"])
                                 - want.explained_variance_ratio_).max() <= 1e-4,
                      "%s\n%s" % (got, want_xy))
            except (ValueError, KeyError) as e:
                check(name, False, str(e))

            whole = PCA(n_components=2, svd_solver="full").fit(every)
            want_xy = whole.transform(x)
            name = "global PCA equals scikit-learn on the whole file, %s: %s" % (what, name_of(path))
            try:
                doc = project_json("--model", path, "--quiet", "--method", "global", *flags, *words)
                got = np.array([[q["x"], q["y"]] for q in doc["points"]])
                check(name,
                      np.abs(got - want_xy).max() <= 1e-4
                      and np.abs(np.array(doc["explained_variance_ratio"])
                                 - whole.explained_variance_ratio_).max() <= 1e-4,
                      "%s\n%s" % (got, want_xy))
            except (ValueError, KeyError) as e:
                check(name, False, str(e))


def name_of(path):
    return os.path.basename(path)


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print("1..0 # SKIP $WS_CLI is not set to the wordspace-cli program")
        return 77

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-test-")
    model = os.path.join(tmp.name, "square.txt")
    with open(model, "w") as f:
        f.write(MODEL)
    m = ["--model", model, "--quiet"]

    for name, args in [
        ("no words", ["project", *m]),
        ("--method nonsense", ["project", *m, "--method", "tsne", "a", "b"]),
        ("--components 4", ["project", *m, "--components", "4", "a", "b"]),
        ("--query and words", ["project", *m, "--query", "a", "b"]),
        ("--neighbors without --query", ["project", *m, "--neighbors", "3", "a", "b"]),
        ("analogy with two words", ["project", *m, "--method", "analogy", "a", "b"]),
    ]:
        expect("usage: " + name, args, 2, no_stdout=True)

    hand_made(m)
    against_sklearn(os.environ.get("WS_TESTDATA", ""))
    return report()


if __name__ == "__main__":
    sys.exit(main())
