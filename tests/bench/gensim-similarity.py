#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times gensim 4.2's queries on a word2vec binary file, for bench-similarity.

    /usr/bin/python3 gensim-similarity.py FILE REPEATS WORD1 WORD2 WORD3

Prints one JSON object: seconds for each phase (medians over REPEATS warm
runs; NAME_cpu: the process CPU time, less inflated on a loaded machine)
and gensim's top-10 answers, so the benchmark can check both sides agree.
"""
import json
import statistics
import sys
import time

from gensim.models import KeyedVectors


def median_time(repeats, fn):
    """Medians of the wall and the process CPU time of warm runs (after one
    untimed run), and the first timed run's result."""
    fn()
    times, cpus, results = [], [], []
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        results.append(fn())
        cpus.append(time.process_time() - c)
        times.append(time.perf_counter() - t)
    return statistics.median(times), statistics.median(cpus), results[0]


def main(path, repeats, a, b, c):
    repeats = int(repeats)
    t = time.perf_counter()
    kv = KeyedVectors.load_word2vec_format(path, binary=True)
    out = {"load": time.perf_counter() - t}
    t = time.perf_counter()
    kv.most_similar(a, topn=10)
    out["first_most_similar"] = time.perf_counter() - t  # includes fill_norms

    phases = {
        "neighbors": lambda: kv.most_similar(a, topn=10),
        "analogy": lambda: kv.most_similar(positive=[a, c], negative=[b], topn=10),
        "restrict_vocab": lambda: kv.most_similar(a, topn=10, restrict_vocab=len(kv) // 10),
        "cosmul": lambda: kv.most_similar_cosmul(positive=[a, c], negative=[b], topn=10),
        "rank": lambda: kv.rank(a, c),
        "similarity": lambda: kv.similarity(a, b),
    }
    answers = {}
    for name, fn in phases.items():
        out[name], out[name + "_cpu"], result = median_time(repeats, fn)
        if isinstance(result, list):
            answers[name] = [w for w, _ in result]
    out["answers"] = answers
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
