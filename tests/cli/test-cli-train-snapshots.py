#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli train --snapshots: training watched from random vectors (TAP).

Trains on a small corpus written here, in which king and man go with "his",
queen and woman with "her", and checks the snapshot files a tutorial would
plot: one from the random start, one every N words, a final one equal to the
saved model; each map is the PCA of the chosen words' vectors (distances as
scikit-learn's PCA gives them) turned onto the previous map (scipy's
orthogonal Procrustes finds nothing left to turn); the rank of queen for
king - man + woman is gensim's; and errors exit with the documented codes.
"""
import hashlib
import json
import os
import random
import sys
import tempfile

from tapcli import PYTHON, check, cli_missing, report, run

ORACLE = r"""
import json, sys
import numpy as np
from gensim.models import KeyedVectors
from scipy.linalg import orthogonal_procrustes
from sklearn.decomposition import PCA

snap_dir, model = sys.argv[1], sys.argv[2]
names = sorted(n for n in __import__("os").listdir(snap_dir) if n.endswith(".json"))
snaps = [json.load(open(__import__("os").path.join(snap_dir, n))) for n in names]
out = {"turns": [], "distance_errors": []}
for prev, cur in zip(snaps, snaps[1:]):
    r, _ = orthogonal_procrustes(np.array(cur["map"]), np.array(prev["map"]))
    out["turns"].append(float(np.abs(r - np.eye(2)).max()))
for s in snaps:
    v = np.array(s["vectors"], dtype=np.float64)
    ref = PCA(n_components=2, svd_solver="full").fit_transform(v)
    m = np.array(s["map"])
    d_ref = np.linalg.norm(ref[:, None] - ref[None], axis=2)
    d_map = np.linalg.norm(m[:, None] - m[None], axis=2)
    out["distance_errors"].append(float(np.abs(d_ref - d_map).max()))
kv = KeyedVectors.load_word2vec_format(model, binary=True)
ranked = [w for w, _ in kv.most_similar(positive=["king", "woman"], negative=["man"], topn=len(kv))]
out["gensim_rank"] = ranked.index("queen") + 1
last = snaps[-1]
out["final_vectors_equal"] = all(
    np.array_equal(np.array(last["vectors"][i], dtype=np.float32), kv[w])
    for i, w in enumerate(last["words"]))
print(json.dumps(out))
"""


PEOPLE = {
    ("m", "royal", "adult"): "king", ("f", "royal", "adult"): "queen",
    ("m", "royal", "young"): "prince", ("f", "royal", "young"): "princess",
    ("m", "common", "adult"): "man", ("f", "common", "adult"): "woman",
    ("m", "common", "young"): "boy", ("f", "common", "young"): "girl",
}
CONTEXT = {
    "m": ["he", "his", "him"], "f": ["she", "her", "hers"],
    "royal": ["crown", "throne", "palace"], "common": ["field", "plough", "cottage"],
    "adult": ["grown", "elder", "rules"], "young": ["small", "play", "little"],
}


def write_corpus(path):
    """Sentences about one person each: the person's word among words of its
    gender, rank and age, so king - man + woman lands on queen."""
    r = random.Random(5)
    lines = []
    for _ in range(3000):
        key = (r.choice("mf"), r.choice(["royal", "common"]), r.choice(["adult", "young"]))
        pool = CONTEXT[key[0]] + CONTEXT[key[1]] + CONTEXT[key[2]]
        words = [r.choice(pool) for _ in range(6)] + [PEOPLE[key]] * 2
        r.shuffle(words)
        lines.append(" ".join(words))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    if cli_missing():
        return 0
    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-snapshots-")
    corpus = os.path.join(tmp.name, "corpus.txt")
    model = os.path.join(tmp.name, "model.bin")
    snaps = os.path.join(tmp.name, "snaps")
    write_corpus(corpus)

    code, out, err = run("train", "--corpus", corpus, "--out", model, "--snapshots", snaps,
                         "--snapshot-every", "25000", "--words", "crown,field,kingdom",
                         "--min-count", "1", "--dim", "16", "--threads", "1", "--iter", "4",
                         "--json", "--quiet")
    check("train --snapshots exits 0", code == 0, err)
    if code != 0:
        return report()
    summary = json.loads(out)
    names = sorted(os.listdir(snaps))
    total = summary["train_words"] * 4
    # 24,000 words a pass, 4 passes: the start, 3 snapshots (25,000, 50,000,
    # 75,000) and the end.
    check("one file per snapshot, 0000.json to 0004.json",
          names == ["%04d.json" % i for i in range(5)] and summary["snapshots"] == 5, names)
    docs = [json.load(open(os.path.join(snaps, n))) for n in names]
    check("indices count up", [d["index"] for d in docs] == list(range(5)))
    check("the first is the random start", docs[0]["words_done"] == 0 and not docs[0]["final"])
    check("one every 25,000 words (at the next look-in)",
          all(k * 25000 <= docs[k]["words_done"] < k * 25000 + 10100 for k in range(1, 4)),
          [d["words_done"] for d in docs])
    check("the last is final, at the end",
          docs[-1]["final"] and docs[-1]["words_done"] == total == docs[-1]["total_words"],
          docs[-1]["words_done"])
    check("the learning rate falls", all(a["alpha"] >= b["alpha"] for a, b in zip(docs, docs[1:])))
    check("chosen words: the defaults and --words, in order; kingdom missing",
          docs[0]["words"] == ["king", "queen", "man", "woman", "prince", "princess", "boy", "girl",
                               "crown", "field"] and docs[0]["missing"] == ["kingdom"],
          (docs[0]["words"], docs[0]["missing"]))
    check("a vector and a 2-D point per word",
          all(len(d["vectors"]) == 10 and all(len(v) == 16 for v in d["vectors"])
              and len(d["map"]) == 10 and all(len(p) == 2 for p in d["map"]) for d in docs))
    check("the random start does not answer queen; the end does",
          docs[0]["analogy"]["rank"] > 1 and docs[-1]["analogy"]["rank"] == 1
          and docs[-1]["analogy"]["top"] == "queen" and summary["analogy_rank"] == 1,
          [d["analogy"] for d in docs])

    p = __import__("subprocess").run([PYTHON, "-c", ORACLE, snaps, model],
                                     capture_output=True, timeout=300)
    if p.returncode != 0 and b"No module named" in p.stderr:
        check("oracles (gensim, scipy, scikit-learn) available", False, p.stderr.decode())
    else:
        oracle = json.loads(p.stdout) if p.returncode == 0 else None
        check("the oracle ran", oracle is not None, p.stderr.decode())
        if oracle:
            check("each map is turned onto the one before (scipy finds a turn within 1e-6 of none)",
                  max(oracle["turns"]) < 1e-6, oracle["turns"])
            check("each map has scikit-learn's PCA distances (within 1e-5)",
                  max(oracle["distance_errors"]) < 1e-5, oracle["distance_errors"])
            check("the final rank of queen is gensim's on the saved model",
                  oracle["gensim_rank"] == docs[-1]["analogy"]["rank"], oracle["gensim_rank"])
            check("the final vectors are the saved model's", oracle["final_vectors_equal"])

    code, out, err = run("train", "--corpus", corpus, "--out", model, "--snapshot-every", "10")
    check("--snapshot-every without --snapshots: exit 2",
          code == 2 and "--snapshots DIR" in err, err)
    blocker = os.path.join(tmp.name, "file")
    open(blocker, "w").close()
    code, out, err = run("train", "--corpus", corpus, "--out", model, "--min-count", "1",
                         "--snapshots", os.path.join(blocker, "snaps"), "--quiet")
    check("a snapshot folder that can't be made: exit 4, named",
          code == 4 and "snapshot folder" in err and "file" in err, err)
    check_demo(tmp.name)
    return report()


def check_demo(tmp):
    """The lecture preset: its corpus as recorded, and a one-pass run."""
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    corpus = os.path.join(top, "data", "wordspace-demo-corpus.txt")
    with open(os.path.join(top, "data", "wordspace-demo-corpus.PROVENANCE.md")) as f:
        provenance = f.read()
    with open(corpus, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    check("the demo corpus is the one its PROVENANCE.md records", digest in provenance, digest)

    model = os.path.join(tmp, "demo.bin")
    code, out, err = run("train", "--demo", "--corpus", corpus, "--out", model)
    check("--demo with --corpus: exit 2", code == 2 and "--demo" in err, err)
    code, out, err = run("train", "--demo", "--iter", "1", "--out", model, "--json", "--quiet")
    check("--demo --iter 1 exits 0", code == 0, err)
    if code != 0:
        return
    doc = json.loads(out)
    check("--demo trains on the demo corpus with 50 dimensions",
          doc["corpus_words"] == 1064206 and doc["settings"]["dim"] == 50
          and doc["settings"]["iter"] == 1 and doc["settings"]["threads"] == 2, doc)
    check("--demo watches: about 20 snapshots and a rank for queen",
          15 <= doc["snapshots"] <= 23 and isinstance(doc["analogy_rank"], int), doc)


sys.exit(main())
