#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scale benchmark's gz case: opening gzipped word2vec files, Wordspace
against gensim's load_word2vec_format, same files, same run.

  /usr/bin/python3 tests/bench/bench-scale.py --case gz [--words 1000000]
        [--text-words 300000] [--dim 300] [--runs 2] [--keep-files DIR] [--json OUT]

Makes a binary and a text word2vec file, gzipped (ws-make-vectors -z, zlib
level 6, one gzip member, as gensim-data's files are), then per file and run,
one process after the other, the file read through the page cache first:
  - wordspace-cli info --no-cache (a full parse; the model cache is not used);
  - the same with WS_READER_GZIP_STREAM=1 (the streaming zlib inflate that
    large or multi-member files still take), for comparison;
  - gensim: KeyedVectors.load_word2vec_format (path, binary=...), timed inside
    the process around the call (import time excluded).
Wall and CPU time (user + system, all threads) of each. Prints gensim / Wordspace
ratios of wall time (the goal of issue 20: 5x for both files) and of CPU
time (steadier when other work shares the machine). Exits 1 when
a ratio misses it or the two sides disagree on the words and dimensions.
"""
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import pagecache

GENSIM_LOAD = r"""
import json, resource, sys, time
from gensim.models import KeyedVectors
path, binary = sys.argv[1], sys.argv[2] == "1"
r0 = resource.getrusage(resource.RUSAGE_SELF)
t = time.perf_counter()
kv = KeyedVectors.load_word2vec_format(path, binary=binary)
wall = time.perf_counter() - t
r1 = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall_s": wall, "cpu_s": (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime),
                  "words": len(kv.index_to_key), "dim": kv.vector_size,
                  "peak_rss_mib": r1.ru_maxrss / 1024}))
"""


def timed(cmd, env=None):
    """Runs @cmd; (wall s, CPU s of the child, stdout)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit("bench-gz: %s failed (exit %d)" % (" ".join(cmd), p.returncode))
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu, p.stdout.decode()


def wordspace(cli, path, stream, workdir):
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = os.path.join(workdir, "cache-home")
    if stream:
        env["WS_READER_GZIP_STREAM"] = "1"
    else:
        env.pop("WS_READER_GZIP_STREAM", None)
    wall, cpu, out = timed([cli, "info", "--no-cache", "--quiet", "--json", "--model", path], env)
    m = json.loads(out)["model"]
    return {"wall_s": wall, "cpu_s": cpu, "words": m["words"], "dim": m["dimensions"]}


def gensim(python, path, binary):
    _, proc_cpu, out = timed([python, "-c", GENSIM_LOAD, path, "1" if binary else "0"])
    d = json.loads(out)
    d["process_cpu_s"] = proc_cpu
    return d


def run_case(args, machine_state):
    build = os.environ.get("MESON_BUILD_ROOT") or os.path.join(os.path.dirname(__file__), "..", "..", "_build")
    make_vectors = args.make_vectors or os.path.join(build, "tests", "bench", "ws-make-vectors")
    cli = args.cli or os.path.join(build, "src", "cli", "wordspace-cli")
    for prog in (make_vectors, cli):
        if not os.access(prog, os.X_OK):
            sys.exit("bench-gz: %s is not built; pass --make-vectors/--cli" % prog)
    if subprocess.run([args.python, "-c", "import gensim"], capture_output=True).returncode != 0:
        print("bench-gz: gensim is not importable by %s; skipping" % args.python)
        return 77

    workdir = args.keep_files or tempfile.mkdtemp(prefix="ws-bench-gz-")
    os.makedirs(workdir, exist_ok=True)
    files = {"binary": os.path.join(workdir, "gz-%dx%d.bin.gz" % (args.words, args.dim)),
             "text": os.path.join(workdir, "gz-%dx%d.txt.gz" % (args.text_words, args.dim))}
    R = {"words": args.words, "text_words": args.text_words, "dim": args.dim,
         "machine_before": machine_state(), "runs": []}
    try:
        if not os.path.exists(files["binary"]):
            subprocess.run([make_vectors, "-q", "-z", "-n", str(args.words), "-d", str(args.dim),
                            "-b", files["binary"]], check=True)
        if not os.path.exists(files["text"]):
            subprocess.run([make_vectors, "-q", "-z", "-n", str(args.text_words), "-d", str(args.dim),
                            "-t", files["text"]], check=True)
        R["file_bytes"] = {k: os.path.getsize(v) for k, v in files.items()}
        for run in range(args.runs):
            for kind, path in files.items():
                row = {"run": run + 1, "file": kind}
                for side in ("wordspace", "wordspace_stream", "gensim"):
                    pagecache.warm(path)
                    row["loadavg_before_" + side] = open("/proc/loadavg").read().split()[:3]
                    if side == "gensim":
                        row[side] = gensim(args.python, path, kind == "binary")
                    else:
                        row[side] = wordspace(cli, path, side == "wordspace_stream", workdir)
                    print("bench-gz: run %d, %s, %s: %.2f s wall, %.2f s CPU" %
                          (run + 1, kind, side, row[side]["wall_s"], row[side]["cpu_s"]),
                          file=sys.stderr, flush=True)
                R["runs"].append(row)
    finally:
        if not args.keep_files:
            shutil.rmtree(workdir, ignore_errors=True)
    R["machine_after"] = machine_state()
    ok = report(R, args.goal)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(R, f, indent=1)
    return 0 if ok else 1


def report(R, goal):
    ok = True
    print("\ngz case: %d x %d binary (%.0f MB .gz), %d x %d text (%.0f MB .gz)" %
          (R["words"], R["dim"], R["file_bytes"]["binary"] / 1e6, R["text_words"], R["dim"],
           R["file_bytes"]["text"] / 1e6))
    print("%-4s %-7s %18s %18s %18s %8s %8s %8s" % ("run", "file", "gensim wall/CPU", "Wordspace wall/CPU",
                                                  "stream wall/CPU", "ratio", "CPU", "stream"))
    for row in R["runs"]:
        g, w, s = row["gensim"], row["wordspace"], row["wordspace_stream"]
        ratio = g["wall_s"] / w["wall_s"]
        same = (g["words"], g["dim"]) == (w["words"], w["dim"]) == (s["words"], s["dim"])
        print("%-4d %-7s %8.2f / %6.2f s %8.2f / %6.2f s %8.2f / %6.2f s %7.1fx %7.1fx %7.1fx%s" %
              (row["run"], row["file"], g["wall_s"], g["cpu_s"], w["wall_s"], w["cpu_s"],
               s["wall_s"], s["cpu_s"], ratio, g["cpu_s"] / w["cpu_s"], g["wall_s"] / s["wall_s"],
               "" if same else "  (words/dimensions differ!)"))
        ok = ok and same and ratio >= goal
    print("goal: gensim / Wordspace >= %.0fx on every row: %s" % (goal, "met" if ok else "NOT met"))
    print("load average before / after: %s / %s" % (" ".join(R["machine_before"]["loadavg"]),
                                                  " ".join(R["machine_after"]["loadavg"])))
    return ok
