#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The gensim side of the scale benchmark (run by bench-scale.py).

One process, phase by phase (wall, CPU, peak RSS of the phase: VmHWM is reset
through /proc/self/clear_refs before each phase):
  load_bin_1..k   KeyedVectors.load_word2vec_format(binary=True)
  (each load reads its file through first and records how much of it was in
  the page cache before and after: pagecache.py)
  first_query     most_similar(positive=[king, woman], negative=[man], topn=10);
                  gensim computes its norms here
  next_queries    the same queries Wordspace ran (--queries-from its JSON),
                  or --queries random ones; median
  similarity      median of 200 kv.similarity calls
  native_save, native_load_mmap, mmap_first_query   (--native DIR)
  load_txt_1      load_word2vec_format(binary=False)
Also the SHA-1 of each loaded float32 matrix, to compare with Wordspace's.
Run with /usr/bin/python3 (Debian's gensim).
"""
import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time

import pagecache


def status_mib(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return None


class Phase:
    def __init__(self, results, name):
        self.results, self.name = results, name

    def __enter__(self):
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
            self.can_reset = True
        except OSError:
            self.can_reset = False
        self.cpu0 = time.process_time()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.results[self.name] = {
            "wall_s": time.perf_counter() - self.t0,
            "cpu_s": time.process_time() - self.cpu0,
            "rss_after_MiB": status_mib("VmRSS"),
            "peak_MiB": status_mib("VmHWM") if self.can_reset else None,
        }
        return False


def sha1(kv):
    h = hashlib.sha1()
    h.update(memoryview(kv.vectors).cast("B"))
    return h.hexdigest()


def times_summary(times):
    return {"n": len(times), "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--txt")
    ap.add_argument("--bin-runs", type=int, default=1)
    ap.add_argument("--queries-from", metavar="JSON", help="bench-scale's output: ask the same queries")
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--native", metavar="DIR", help="also save gensim's native format there and reopen it mmap'd")
    ap.add_argument("--json", metavar="OUT")
    args = ap.parse_args()

    import gensim
    import numpy as np
    from gensim.models import KeyedVectors

    R = {"versions": {"python": sys.version.split()[0], "gensim": gensim.__version__, "numpy": np.__version__}}
    kv = None
    for run in range(1, args.bin_runs + 1):
        kv = None
        warmed = pagecache.warm(args.bin)
        with Phase(R, "load_bin_%d" % run):
            kv = KeyedVectors.load_word2vec_format(args.bin, binary=True)
        R["load_bin_%d" % run]["shape"] = list(kv.vectors.shape)
        R["load_bin_%d" % run].update(warmed)
        print("gensim-scale: load_bin_%d done" % run, file=sys.stderr)
    R["bin_sha1"] = sha1(kv)

    if args.queries_from:
        with open(args.queries_from) as f:
            asked = [(q["positive"], q["negative"]) for q in json.load(f)["queries"]]
    else:
        rnd = random.Random(7)
        n = len(kv.index_to_key)
        asked = [(["king", "woman"], ["man"])] + [
            ([kv.index_to_key[rnd.randrange(n)] for _ in range(2)], [kv.index_to_key[rnd.randrange(n)]])
            for _ in range(args.queries)]

    queries = []
    with Phase(R, "first_query"):
        t = time.perf_counter()
        res = kv.most_similar(positive=asked[0][0], negative=asked[0][1], topn=10)
        t = time.perf_counter() - t
    queries.append({"positive": asked[0][0], "negative": asked[0][1], "seconds": t,
                    "top10": [[w, float(s)] for w, s in res]})
    times = []
    with Phase(R, "next_queries"):
        for pos, neg in asked[1:]:
            t = time.perf_counter()
            res = kv.most_similar(positive=pos, negative=neg, topn=10)
            times.append(time.perf_counter() - t)
            queries.append({"positive": pos, "negative": neg, "seconds": times[-1],
                            "top10": [[w, float(s)] for w, s in res]})
    R["next_queries"].update(times_summary(times))
    R["queries"] = queries

    rnd = random.Random(11)
    n = len(kv.index_to_key)
    pairs = [(kv.index_to_key[rnd.randrange(n)], kv.index_to_key[rnd.randrange(n)]) for _ in range(200)]
    st = []
    with Phase(R, "similarity"):
        for a, b in pairs:
            t = time.perf_counter()
            kv.similarity(a, b)
            st.append(time.perf_counter() - t)
    R["similarity"].update(times_summary(st))

    if args.native:
        os.makedirs(args.native, exist_ok=True)
        base = os.path.join(args.native, os.path.basename(args.bin) + ".kv")
        kv.norms = None
        with Phase(R, "native_save"):
            kv.save(base)
        kv = None
        with Phase(R, "native_load_mmap"):
            kv2 = KeyedVectors.load(base, mmap="r")
        with Phase(R, "mmap_first_query"):
            r2 = kv2.most_similar(positive=asked[0][0], negative=asked[0][1], topn=10)
        R["mmap_first_query"]["same_top10"] = [w for w, _ in r2] == [w for w, _ in queries[0]["top10"]]
        kv2 = None

    if args.txt:
        kv = None
        warmed = pagecache.warm(args.txt)
        with Phase(R, "load_txt_1"):
            kv = KeyedVectors.load_word2vec_format(args.txt, binary=False)
        R["load_txt_1"]["shape"] = list(kv.vectors.shape)
        R["load_txt_1"].update(warmed)
        print("gensim-scale: load_txt_1 done", file=sys.stderr)
        R["txt_sha1"] = sha1(kv)

    out = json.dumps(R, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(out)
    else:
        print(out)


if __name__ == "__main__":
    main()
