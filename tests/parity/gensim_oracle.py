#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gensim as the oracle of Wordspace's query parity test (tests/test-parity.c).

    /usr/bin/python3 gensim_oracle.py [--dump] [--testdata DIR] [PATH[:binary|:text|:glove]]...

Loads every vector file of DIR (and each PATH) with Debian's gensim 4.2, asks
it a fixed, seeded list of queries and prints one JSON document:

    {"gensim": "4.2.0", "files": [{"name", "path", "binary", "no_header",
      "unicode_errors", "load_error" | "shape", ["words", "vectors"],
      "queries": [{"op": ..., arguments..., "result": ...}]}]}

--dump adds each model's words and float32 vectors, so that the test can
check the queries on exactly gensim's model even without Wordspace's loader.
Scores are floats, NaN is null. Exits 77 when gensim cannot be imported.
"""
import json
import math
import os
import sys
import warnings

try:
    import numpy as np
    import gensim
    from gensim.models import KeyedVectors
except ImportError as e:  # pragma: no cover - depends on the machine
    print("gensim_oracle: gensim is not available (%s)" % e, file=sys.stderr)
    sys.exit(77)

warnings.filterwarnings("ignore")  # 0/0 for zero vectors, as gensim warns
import logging
logging.disable(logging.WARNING)

# Files of the test data folder that are not vector files.
NOT_VECTORS = {"PROVENANCE.md", "gensim_reference.json", "questions-words.txt",
               "simlex999.txt", "wordsim353.tsv"}
UNKNOWN = "__no_such_word__"
TIE = 1e-6  # scores this close may come out in either order


def score(x):
    x = float(x)
    return None if math.isnan(x) else x


def ranked(pairs):
    return [[w, score(s)] for w, s in pairs]


def load_args(path, kind):
    """How gensim must be told to read the file."""
    if kind is None:
        if path.endswith(".bin"):
            kind = "binary"
        else:
            with open(path, "rb") as f:
                first = f.readline()
            if path.endswith(".gz"):
                import gzip
                with gzip.open(path, "rb") as f:
                    first = f.readline()
            parts = first.split()
            kind = "text" if len(parts) == 2 and all(p.isdigit() for p in parts) else "glove"
    return {"binary": kind == "binary", "no_header": kind == "glove"}


def load(path, args):
    try:
        return KeyedVectors.load_word2vec_format(path, **args), "strict"
    except UnicodeDecodeError:
        return KeyedVectors.load_word2vec_format(path, unicode_errors="replace", **args), "replace"


def most_similar(kv, terms, topn, restrict_vocab=0):
    """terms: (word or ndarray, effective weight); gensim is given tuples."""
    positive = [(t, w) for t, w in terms]
    q = {"op": "most_similar", "topn": topn, "restrict_vocab": restrict_vocab,
         "terms": [({"vector": [float(x) for x in t]} if isinstance(t, np.ndarray) else {"word": t})
                   | {"weight": w} for t, w in terms]}
    try:
        q["result"] = ranked(kv.most_similar(positive=positive, topn=topn,
                                             restrict_vocab=restrict_vocab or None))
    except KeyError:
        q["error"] = "unknown-word"
    else:
        zero_vector(kv, [t for t, _ in terms if isinstance(t, str)], q)
    return q


def zero_vector(kv, words, q):
    """A word whose vector is all zeros makes gensim score every row NaN;
    Wordspace refuses such a query instead."""
    kv.fill_norms()
    if any(kv.norms[kv.get_index(w)] == 0 for w in words):
        q["error"] = "zero-vector"
        del q["result"]


def cosmul(kv, positive, negative, topn, restrict_vocab=0):
    q = {"op": "cosmul", "positive": positive, "negative": negative,
         "topn": topn, "restrict_vocab": restrict_vocab}
    try:
        if not restrict_vocab:
            q["result"] = ranked(kv.most_similar_cosmul(positive=positive, negative=negative,
                                                        topn=topn))
        else:
            # gensim 4.2 ignores restrict_vocab here; what its documentation
            # promises is the best of the first rows, input words left out.
            dists = kv.most_similar_cosmul(positive=positive, negative=negative, topn=None)
            inputs = {kv.get_index(w) for w in positive + negative}
            rows = [i for i in range(min(restrict_vocab, len(kv))) if i not in inputs]
            order = sorted(rows, key=lambda i: (math.isnan(dists[i]), -dists[i] if not math.isnan(dists[i]) else 0, i))
            q["result"] = ranked((kv.index_to_key[i], dists[i]) for i in order[:topn])
            q["emulated"] = True
    except KeyError:
        q["error"] = "unknown-word"
    else:
        zero_vector(kv, positive + negative, q)
    return q


def similarity(kv, a, b):
    q = {"op": "similarity", "words": [a, b]}
    try:
        q["result"] = score(kv.similarity(a, b))
    except KeyError:
        q["error"] = "unknown-word"
    return q


def doesnt_match(kv, words):
    q = {"op": "doesnt_match", "words": words, "result": kv.doesnt_match(words)}
    # Words whose distance is within TIE of the odd one's: either answer is right.
    ranking = kv.rank_by_centrality(words)
    low = float(ranking[-1][0])
    q["ties"] = sorted({w for d, w in ranking if abs(float(d) - low) <= TIE})
    return q


def rank(kv, a, b):
    q = {"op": "rank", "words": [a, b], "result": kv.rank(a, b)}
    d = kv.distances(a)
    d2 = d[kv.get_index(b)]
    near = np.abs(d - d2) <= TIE
    near[kv.get_index(a)] = False
    near[kv.get_index(b)] = False
    q["slack"] = int(np.count_nonzero(near))
    return q


def queries(kv):
    n = len(kv)
    w = kv.index_to_key
    rng = np.random.default_rng(20261128)
    qs = []
    probes = sorted({0, 1, 2, n // 2, n - 1} | set(int(i) for i in rng.choice(n, min(n, 8), replace=False)))
    probes = [p for p in probes if p < n]
    full = n + 5 if n <= 300 else 50

    for p in probes:
        qs.append(most_similar(kv, [(w[p], 1.0)], 10))
    for p in probes[:3]:
        qs.append(most_similar(kv, [(w[p], 1.0)], full))
    qs.append(most_similar(kv, [(w[0], 1.0)], 3))
    qs.append(most_similar(kv, [(w[0], 1.0)], 10, max(1, n // 4)))
    qs.append(most_similar(kv, [(w[n - 1], 1.0)], 5, max(1, n // 2)))
    qs.append(most_similar(kv, [(w[n // 2], 1.0)], 10, n + 10))
    qs.append(most_similar(kv, [(UNKNOWN, 1.0)], 10))

    if n >= 4:
        qs.append(most_similar(kv, [(w[0], 1.0), (w[1], 1.0), (w[2], -1.0)], 10))
        qs.append(most_similar(kv, [(w[1], 1.0), (w[0], -1.0)], 10))
        qs.append(most_similar(kv, [(w[0], 1.0), (w[1], 1.0), (w[2], 1.0)], 10))
        qs.append(most_similar(kv, [(w[2], 1.0), (w[3], -1.0), (w[1], -1.0)], 10))
        qs.append(most_similar(kv, [(w[0], 1.0), (w[1], 1.0), (w[2], -1.0)], 10, max(2, n // 3)))
        qs.append(most_similar(kv, [(w[0], 1.0), (w[0], 1.0), (w[1], -1.0)], 10))
        qs.append(most_similar(kv, [(w[3], -1.0)], 10))
        for _ in range(4):
            a, b, c = (int(i) for i in rng.choice(n, 3, replace=False))
            qs.append(most_similar(kv, [(w[a], 1.0), (w[b], 1.0), (w[c], -1.0)], 10))
        # Weighted terms; a negative word given a positive weight adds.
        qs.append(most_similar(kv, [(w[0], 2.0), (w[1], 0.5), (w[2], -0.75)], 10))
        qs.append(most_similar(kv, [(w[1], 1.0), (w[3], 1.0)], 10))
        qs.append(most_similar(kv, [(w[1], 0.0)], 10))
        # Raw vectors are used as given, not made unit.
        vec = (kv[w[0]] + np.float32(0.5) * kv[w[1]]).astype(np.float32)
        qs.append(most_similar(kv, [(vec, 1.0)], 10))
        qs.append(most_similar(kv, [(vec, 1.0), (w[2], 1.0), (w[3], -1.0)], 10))
        qs.append(most_similar(kv, [(vec, 1.0)], 10, max(1, n // 2)))

        qs.append(cosmul(kv, [w[0], w[1]], [w[2]], 10))
        qs.append(cosmul(kv, [w[0]], [], 10))
        qs.append(cosmul(kv, [w[1], w[2]], [w[0], w[3]], 10))
        qs.append(cosmul(kv, [w[0], w[1]], [w[2]], 10, max(2, n // 2)))
        qs.append(cosmul(kv, [w[0], w[1]], [UNKNOWN], 10))
        for _ in range(3):
            a, b, c = (int(i) for i in rng.choice(n, 3, replace=False))
            qs.append(cosmul(kv, [w[a], w[b]], [w[c]], 10))

        qs.append({"op": "n_similarity", "words1": [w[0], w[1]], "words2": [w[2]],
                   "result": score(kv.n_similarity([w[0], w[1]], [w[2]]))})
        qs.append({"op": "n_similarity", "words1": [w[0], w[1], w[2]], "words2": [w[3], w[n - 1]],
                   "result": score(kv.n_similarity([w[0], w[1], w[2]], [w[3], w[n - 1]]))})
        qs.append({"op": "n_similarity", "words1": [w[0], UNKNOWN], "words2": [w[1]],
                   "result": score(kv.n_similarity([w[0], UNKNOWN], [w[1]]))})

        qs.append(doesnt_match(kv, [w[0], w[1], w[2], w[n - 1]]))
        qs.append(doesnt_match(kv, [w[0], w[1], UNKNOWN, w[3]]))
        for _ in range(3):
            qs.append(doesnt_match(kv, [w[int(i)] for i in rng.choice(n, min(n, 5), replace=False)]))

    qs.append(similarity(kv, w[0], w[0]))
    if n >= 2:
        qs.append(similarity(kv, w[0], w[1]))
        qs.append(similarity(kv, w[1], w[n - 1]))
        qs.append(similarity(kv, w[0], UNKNOWN))
        for _ in range(10):
            a, b = (int(i) for i in rng.choice(n, 2, replace=False))
            qs.append(similarity(kv, w[a], w[b]))

        qs.append(rank(kv, w[0], w[1]))
        qs.append(rank(kv, w[0], w[n - 1]))
        qs.append(rank(kv, w[1], w[n // 2]))
        tenth = kv.most_similar(w[probes[-1]], topn=10)[-1][0]
        qs.append(rank(kv, w[probes[-1]], tenth))
        for _ in range(5):
            a, b = (int(i) for i in rng.choice(n, 2, replace=False))
            qs.append(rank(kv, w[a], w[b]))

    kv.fill_norms()
    zeros = [int(i) for i in np.flatnonzero(kv.norms == 0)]
    if zeros:
        # Zero vectors in the model: NaN scores, ranked last by both.
        qs.append(most_similar(kv, [(w[zeros[0]], 1.0)], 10))
        qs.append(similarity(kv, w[0], w[zeros[0]]))
        qs.append(rank(kv, w[0], w[zeros[0]]))
        qs.append(rank(kv, w[zeros[0]], w[0]))
        longest = int(np.argmax(kv.norms))
        qs.append(most_similar(kv, [(w[longest], 1.0)], n + 5 if n <= 5000 else 50))

    if all(x in kv.key_to_index for x in ("king", "man", "woman")):
        qs.append(most_similar(kv, [("king", 1.0), ("woman", 1.0), ("man", -1.0)], 10))
        qs.append(cosmul(kv, ["king", "woman"], ["man"], 10))
    return qs


def oracle(path, kind, dump):
    args = load_args(path, kind)
    entry = {"name": os.path.basename(path), "path": os.path.abspath(path)} | args
    try:
        kv, errors = load(path, args)
    except Exception as e:
        entry["load_error"] = "%s: %s" % (type(e).__name__, e)
        return entry
    entry["unicode_errors"] = errors
    entry["shape"] = list(kv.vectors.shape)
    if dump:
        entry["words"] = list(kv.index_to_key)
        entry["vectors"] = [[float(x) for x in row] for row in kv.vectors]
    entry["queries"] = queries(kv)
    return entry


def main(argv):
    dump = "--dump" in argv
    argv = [a for a in argv if a != "--dump"]
    specs = []
    if len(argv) >= 2 and argv[0] == "--testdata":
        folder = argv[1]
        argv = argv[2:]
        for name in sorted(os.listdir(folder)):
            if name not in NOT_VECTORS and os.path.isfile(os.path.join(folder, name)):
                specs.append((os.path.join(folder, name), None))
    for a in argv:
        path, _, kind = a.rpartition(":") if a.rsplit(":", 1)[-1] in ("binary", "text", "glove") else (a, "", None)
        specs.append((path, kind or None))

    out = {"gensim": gensim.__version__, "numpy": np.__version__,
           "files": [oracle(path, kind, dump) for path, kind in specs]}
    json.dump(out, sys.stdout, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
