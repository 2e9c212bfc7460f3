#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli train: output file, JSON summary, progress, exit codes (TAP).

Trains on a small corpus written here (two topics that never share a line)
and checks what a person would: the file gensim's word2vec binary layout
with the vocabulary by descending count, the --json summary, the progress
line on stderr, and clear errors with the documented exit codes.
"""
import json
import os
import random
import struct
import subprocess
import sys
import tempfile

CLI = os.environ.get("WS_CLI")
results = []


def run(*args):
    p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def read_word2vec(path):
    with open(path, "rb") as f:
        n, dim = (int(x) for x in f.readline().split())
        words, rows = [], []
        for _ in range(n):
            word = b""
            while True:
                c = f.read(1)
                if c == b" ":
                    break
                word += c
            rows.append(struct.unpack("<%df" % dim, f.read(4 * dim)))
            words.append(word.decode("utf-8"))
            assert f.read(1) == b"\n"
        assert f.read() == b""
    return n, dim, words, rows


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print("1..0 # SKIP $WS_CLI is not set to the wordspace-cli program")
        return 77

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-train-")
    corpus = os.path.join(tmp.name, "corpus.txt")
    rng = random.Random(5)
    fruit = ["apple", "pear", "plum", "cherry"]
    tools = ["hammer", "saw", "drill", "chisel"]
    with open(corpus, "w") as f:
        for i in range(600):
            group = fruit if i % 2 == 0 else tools
            f.write(" ".join(rng.choice(group) for _ in range(8)) + "\n")
        f.write("rare\n")
    out = os.path.join(tmp.name, "out.bin")

    rc, stdout, err = run("train", "--corpus", corpus, "--out", out, "--dim", "16",
                          "--min-count", "2", "--threads", "1", "--seed", "3", "--json")
    check("train exits 0", rc == 0, "exit %d: %s" % (rc, err))
    summary = json.loads(stdout) if rc == 0 else {}
    check("JSON names the command and counts the words",
          summary.get("command") == "train" and summary.get("corpus_words") == 4801
          and summary.get("vocab_size") == 8 and summary.get("words_written") == 8,
          repr(summary))
    check("JSON gives the settings",
          summary.get("settings", {}).get("model_type") == "cbow"
          and summary.get("settings", {}).get("dim") == 16
          and summary.get("settings", {}).get("alpha") == 0.05, repr(summary))
    check("JSON gives words per second", summary.get("words_per_second", 0) > 0, repr(summary))
    check("progress on stderr", "Training:" in err and "100.0%" in err and "words/s" in err, err)

    n, dim, words, rows = read_word2vec(out)
    check("header N D", (n, dim) == (8, 16), "%d %d" % (n, dim))
    check("rare word below min-count left out", "rare" not in words, repr(words))
    check("all words kept", sorted(words) == sorted(fruit + tools), repr(words))

    # Same seed, one thread: the same bytes.
    out2 = os.path.join(tmp.name, "out2.bin")
    rc, _, err = run("train", "--corpus", corpus, "--out", out2, "--dim", "16",
                     "--min-count", "2", "--threads", "1", "--seed", "3", "--quiet")
    check("same seed, same file", rc == 0 and open(out, "rb").read() == open(out2, "rb").read(),
          err)

    # --limit keeps the most frequent words, skip-gram works.
    rc, _, err = run("train", "--corpus", corpus, "--out", out2, "--dim", "16",
                     "--min-count", "2", "--limit", "3", "--model-type", "skipgram", "-q")
    n, dim, words3, _ = read_word2vec(out2) if rc == 0 else (0, 0, [], [])
    check("--limit 3 writes the 3 most frequent", rc == 0 and words3 == words[:3],
          "%r vs %r %s" % (words3, words[:3], err))

    for name, args, code, msg in [
        ("no --corpus", ["train", "--out", out2], 2, "--corpus FILE and --out FILE"),
        ("no --out", ["train", "--corpus", corpus], 2, "--corpus FILE and --out FILE"),
        ("bad --model-type", ["train", "--corpus", corpus, "--out", out2, "--model-type", "glove"],
         2, "cbow or skipgram"),
        ("--dim 0", ["train", "--corpus", corpus, "--out", out2, "--dim", "0"], 2, "≥ 1"),
        ("--sample 2", ["train", "--corpus", corpus, "--out", out2, "--sample", "2"], 2,
         "sample threshold"),
        ("stray argument", ["train", "--corpus", corpus, "--out", out2, "extra"], 2, "extra"),
        ("missing corpus", ["train", "--corpus", os.path.join(tmp.name, "nope.txt"), "--out", out2],
         4, "nope.txt"),
        ("unwritable output", ["train", "--corpus", corpus, "--out",
                               os.path.join(tmp.name, "no", "dir.bin"), "--min-count", "2", "-q"],
         4, "dir.bin"),
    ]:
        rc, stdout, err = run(*args)
        check("error: " + name, rc == code and msg in err and stdout == "",
              "exit %d (expected %d), stderr %r" % (rc, code, err))

    # The bundled model's accuracy on questions-words.txt over its 30,000
    # most frequent words (gensim's evaluate_word_analogies): the goal is 35%;
    # the shipped model measures 36.2% (data/wordspace-en.PROVENANCE.md).
    questions = os.path.join(os.environ.get("WS_TESTDATA", ""), "questions-words.txt")
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data",
                           "wordspace-en.bin")
    if not os.path.exists(questions):
        results.append(("bundled model: questions-words accuracy # SKIP no shared test data",
                        True, ""))
    else:
        rc, stdout, err = run("evaluate", "analogies", questions, "--model", bundled,
                              "--restrict-vocab", "30000", "--quiet", "--json")
        accuracy = json.loads(stdout).get("accuracy", 0) if rc == 0 else 0
        check("bundled model: questions-words accuracy %.1f%% ≥ 35%%" % (100 * accuracy),
              rc == 0 and accuracy >= 0.35, "exit %d, stderr %r" % (rc, err))
        rc, stdout, err = run("query", "--model", bundled, "--quiet", "--json",
                              "king - man + woman")
        first = json.loads(stdout)["results"][0]["word"] if rc == 0 else None
        check("bundled model: king - man + woman gives queen first", first == "queen",
              "exit %d, first %r, stderr %r" % (rc, first, err))

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            for line in detail.splitlines():
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
