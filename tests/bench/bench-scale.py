#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Google-News-scale benchmark: gensim and Wordspace on the same generated files.

  /usr/bin/python3 tests/bench/bench-scale.py [--words 3000000] [--dim 300]
        [--keep-files DIR] [--json OUT]
  meson test -C _build --benchmark scale

Makes a word2vec binary file and the same vectors as text with ws-make-vectors
(seeded; queen = king - man + woman planted), then, one process after the
other (never two at once: each side peaks near 8 GB at 3 M x 300):
  1. bench-scale (Wordspace): binary load twice, first and warm most_similar,
     similarity, autocomplete index and keystrokes, text load;
  2. gensim on the binary file with native save + mmap reopen: the peer's
     gensim_bench.py when it is there (--gensim-bench), else gensim-scale.py;
  3. gensim-scale.py: binary load again (run 2), the very queries Wordspace
     ran, text load.
Prints one table with gensim / Wordspace ratios against the goals of issue 6,
and checks that both sides load the same floats and give the same answers.
Exits 77 (skipped) when gensim is not installed, 1 when the answers differ.

--gensim-text-from JSON skips gensim's text load (12 min at 3 M x 300 on an
idle machine) and takes its figures, and the SHA-1 of its floats, from an
earlier run's --json of the same size (the generator is seeded, so the files
are the same); the table then says where they come from.

Memory states: "run 1" of a load is the first time its process asks for that
much memory; on a virtual machine the first touch of memory the guest never
used can run at ~0.5 GB/s against 13-25 GB/s once warm. "run 2" reuses what
run 1 freed. touch_probe in the JSON says how fast fresh memory came when
Wordspace's process started.

Page cache: before each timed load, of either side, the file is read through
(this VM's page cache does not keep both files), and the JSON records how much
of it was in the page cache before and after (pagecache.py); the table says
the lowest fraction any load started with.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pagecache

HERE = os.path.dirname(os.path.abspath(__file__))
PEER_BENCH = "/work/shared/peer/gensim_bench.py"


def machine_state():
    s = {"date_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
         "nproc": os.cpu_count(), "loadavg": open("/proc/loadavg").read().split()[:3]}
    with open("/proc/meminfo") as f:
        for line in f:
            k, v = line.split(":", 1)
            if k in ("MemTotal", "MemAvailable", "Cached"):
                s[k + "_GiB"] = round(int(v.split()[0]) / 2**20, 1)
    try:
        with open("/proc/cpuinfo") as f:
            s["cpu"] = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    s["kernel"] = os.uname().release
    return s


def run(cmd, what, log):
    print("== %s: %s" % (what, " ".join(cmd)), file=sys.stderr, flush=True)
    t = time.perf_counter()
    before = machine_state()
    p = subprocess.run(cmd)
    log.append({"what": what, "wall_s": time.perf_counter() - t, "loadavg_before": before["loadavg"],
                "loadavg_after": machine_state()["loadavg"], "rc": p.returncode})
    if p.returncode != 0:
        sys.exit("bench-scale: %s failed (exit %d)" % (what, p.returncode))


def get(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def fmt_s(x):
    if x is None:
        return "—"
    if x < 1e-3:
        return "%.1f µs" % (x * 1e6)
    if x < 1:
        return "%.1f ms" % (x * 1e3)
    return "%.2f s" % x


def fmt_mib(x):
    return "—" if x is None else "%.0f MiB" % x


def main():
    # The gz case (issue 20) has options and a report of its own: bench-gz.py.
    if "--case" in sys.argv[1:3] and "gz" in sys.argv[1:3]:
        return gz_main([a for a in sys.argv[1:] if a not in ("--case", "gz")])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", choices=("scale", "gz"), default="scale",
                    help="scale (default): this table; gz: opening .gz files (see bench_gz.py)")
    ap.add_argument("--words", type=int, default=3_000_000)
    ap.add_argument("--dim", type=int, default=300)
    ap.add_argument("--keep-files", metavar="DIR",
                    help="make (or reuse) the vector files in DIR and keep them; default: a temporary "
                         "directory, deleted afterwards")
    ap.add_argument("--json", metavar="OUT", help="write every measurement here")
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--txt-runs", type=int, default=1, help="Wordspace text loads (1)")
    ap.add_argument("--scan-threads", type=int, default=2, choices=(1, 2),
                    help="threads of Wordspace's quantized scan (2, the app's default on two cores or "
                         "more; gensim's numpy uses OpenBLAS's threads, 2 here)")
    ap.add_argument("--make-vectors", default=None, help="ws-make-vectors (default: from the build tree)")
    ap.add_argument("--bench-scale", default=None, help="bench-scale program (default: from the build tree)")
    ap.add_argument("--python", default="/usr/bin/python3", help="the Python that has gensim")
    ap.add_argument("--gensim-bench", default=PEER_BENCH,
                    help="the peer's gensim_bench.py, used when it exists (default %(default)s)")
    ap.add_argument("--report", metavar="JSON", help="only print the table of an earlier run's --json")
    ap.add_argument("--gensim-text-from", metavar="JSON",
                    help="skip gensim's text load; take it from this earlier run's --json (same size)")
    args = ap.parse_args()
    if args.report:
        return 0 if report(json.load(open(args.report))) else 1
    earlier = None
    if args.gensim_text_from:
        earlier = json.load(open(args.gensim_text_from))
        if (earlier.get("words"), earlier.get("dim")) != (args.words, args.dim) or \
                not get(earlier, "gensim_same_queries_text", "load_txt_1"):
            sys.exit("bench-scale: %s holds no gensim text load of %d x %d" %
                     (args.gensim_text_from, args.words, args.dim))

    build = os.environ.get("MESON_BUILD_ROOT") or os.path.join(HERE, "..", "..", "_build")
    make_vectors = args.make_vectors or os.path.join(build, "tests", "bench", "ws-make-vectors")
    bench = args.bench_scale or os.path.join(build, "tests", "bench", "bench-scale")
    for prog in (make_vectors, bench):
        if not os.access(prog, os.X_OK):
            sys.exit("bench-scale: %s is not built; pass --make-vectors/--bench-scale" % prog)
    if subprocess.run([args.python, "-c", "import gensim"], capture_output=True).returncode != 0:
        print("bench-scale: gensim is not importable by %s; skipping" % args.python)
        return 77

    workdir = args.keep_files or tempfile.mkdtemp(prefix="ws-bench-scale-")
    os.makedirs(workdir, exist_ok=True)
    base = os.path.join(workdir, "gnews-%dx%d" % (args.words, args.dim))
    binf, txtf = base + ".bin", base + ".txt"
    native = os.path.join(workdir, "gensim-native")
    raw = args.words * args.dim * 4
    # the model cache (raw and unit rows, 2.05×) is removed before gensim's native copy is made
    need = raw * (1 + 2.6 + 2.05) if not os.path.exists(txtf) else raw * 2.05
    free = shutil.disk_usage(workdir).free
    if free < need:
        sys.exit("bench-scale: %s has %.1f GB free, %.1f GB needed" % (workdir, free / 1e9, need / 1e9))

    log = []
    R = {"words": args.words, "dim": args.dim, "machine_before": machine_state(), "processes": log}
    try:
        if not (os.path.exists(binf) and os.path.exists(txtf)):
            run([make_vectors, "-n", str(args.words), "-d", str(args.dim), "-b", binf, "-t", txtf],
                "generate", log)
        R["file_bytes"] = {"bin": os.path.getsize(binf), "txt": os.path.getsize(txtf)}

        wsj = os.path.join(workdir, "wordspace.json")
        # Wordspace's model cache goes here, not in the user's cache folder.
        os.environ["XDG_CACHE_HOME"] = os.path.join(workdir, "cache-home")
        run([bench, "--bin", binf, "--txt", txtf, "--queries", str(args.queries),
             "--txt-runs", str(args.txt_runs), "--scan-threads", str(args.scan_threads), "--json", wsj],
            "wordspace", log)
        ws = json.load(open(wsj))

        peer = os.path.exists(args.gensim_bench)
        gbj = os.path.join(workdir, "gensim-native.json")
        gsj = os.path.join(workdir, "gensim-scale.json")
        if peer:
            # the peer's script does not warm its file itself
            warmed = pagecache.warm(binf)
            run([args.python, args.gensim_bench, binf, "--binary", "--skip-pca-all", "--native", native,
                 "--queries", str(args.queries), "--json", gbj], "gensim_bench.py (binary, native)", log)
            g1 = json.load(open(gbj))
            # the peer script's names -> ours
            g1 = {"load_bin_1": g1.get("load"), "first_query": g1.get("first_query"),
                  "next_queries": g1.get("next_queries"), "native_save": g1.get("native_save"),
                  "native_load_mmap": g1.get("native_load_mmap"),
                  "mmap_first_query": g1.get("mmap_first_query"), "versions": g1.get("versions"),
                  "script": args.gensim_bench}
            if g1["load_bin_1"]:
                g1["load_bin_1"].update(warmed)
        else:
            run([args.python, os.path.join(HERE, "gensim-scale.py"), "--bin", binf, "--native", native,
                 "--queries-from", wsj, "--json", gbj], "gensim-scale.py (binary, native)", log)
            g1 = json.load(open(gbj))
            g1["script"] = "gensim-scale.py"
        shutil.rmtree(native, ignore_errors=True)
        run([args.python, os.path.join(HERE, "gensim-scale.py"), "--bin", binf]
            + ([] if earlier else ["--txt", txtf]) + ["--queries-from", wsj, "--json", gsj],
            "gensim-scale.py (binary run 2, same queries%s)" % ("" if earlier else ", text"), log)
        g2 = json.load(open(gsj))
        if earlier:
            e = earlier["gensim_same_queries_text"]
            g2["load_txt_1"] = e["load_txt_1"]
            g2["txt_sha1"] = e.get("txt_sha1")
            g2["load_txt_1_from"] = {"file": os.path.abspath(args.gensim_text_from),
                                     "machine": earlier.get("machine_before"),
                                     "same_floats": get(earlier, "wordspace", "bin_sha1") == ws.get("bin_sha1")}
    finally:
        if not args.keep_files:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            shutil.rmtree(native, ignore_errors=True)

    R.update({"wordspace": ws, "gensim_binary_native": g1, "gensim_same_queries_text": g2,
              "machine_after": machine_state()})
    ok = report(R)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(R, f, indent=1)
    return 0 if ok else 1


def report(R):
    ws, g1, g2 = R["wordspace"], R["gensim_binary_native"], R["gensim_same_queries_text"]
    rows = []  # (what, gensim s, wordspace s, goal text, pass?)

    def ratio_row(what, g, w, goal=None, need=None, unit="s", cpu=None):
        r = (g / w) if (g is not None and w) else None
        ok = None if (need is None or r is None) else r >= need
        rows.append((what, g, w, r, goal or "", ok, unit))
        if cpu:
            gc, wc = get(cpu[0], cpu[1], "cpu_s"), get(cpu[2], cpu[3], "cpu_s")
            rows.append(("    CPU time (user + system)", gc, wc, (gc / wc) if gc is not None and wc else None,
                         "", None, "s"))

    ratio_row("load binary, run 1 (fresh memory)", get(g1, "load_bin_1", "wall_s"), get(ws, "load_bin_1", "wall_s"),
              "≥10×", 10, cpu=(g1, "load_bin_1", ws, "load_bin_1"))
    ratio_row("load binary, run 2 (warm memory)", get(g2, "load_bin_1", "wall_s"), get(ws, "load_bin_2", "wall_s"),
              "≥10×", 10, cpu=(g2, "load_bin_1", ws, "load_bin_2"))
    ratio_row("load text", get(g2, "load_txt_1", "wall_s"), get(ws, "load_txt_1", "wall_s"), "≥10×", 10,
              cpu=(g2, "load_txt_1", ws, "load_txt_1"))
    ratio_row("first most_similar after load", get(g1, "first_query", "wall_s"), get(ws, "first_query", "wall_s"),
              cpu=(g1, "first_query", ws, "first_query"))
    ratio_row("warm most_similar top-10, median", get(g2, "next_queries", "median_s"),
              get(ws, "next_queries", "median_s"), "≥3×", 3)
    ratio_row("similarity, median", get(g2, "similarity", "median_s"), get(ws, "similarity", "median_s"))
    ratio_row("write the reopenable copy (gensim: native save)", get(g1, "native_save", "wall_s"),
              get(ws, "cache_write", "wall_s"))
    g_reopen = None
    if get(g1, "native_load_mmap", "wall_s") is not None:
        g_reopen = g1["native_load_mmap"]["wall_s"] + g1["mmap_first_query"]["wall_s"]
    w_reopen = get(ws, "reopen_first_answer", "wall_s")
    label = "reopen to first answer (gensim: native mmap)"
    if w_reopen is None and get(ws, "load_bin_2", "wall_s") is not None:
        # no cache in the engine yet: reopening is loading the binary again
        w_reopen = ws["load_bin_2"]["wall_s"] + ws["first_query"]["wall_s"]
        label = "reopen to first answer (WS: no cache, reload)"
    rows.append((label, g_reopen, w_reopen,
                 (g_reopen / w_reopen) if (g_reopen and w_reopen) else None, "≤1 s warm",
                 None if w_reopen is None else w_reopen <= 1.0, "s"))

    def peak(d, names):
        vals = [get(d, n, "peak_MiB") for n in names]
        vals = [v for v in vals if v is not None]
        return max(vals) if vals else None

    g_peak = peak(g1, ["load_bin_1", "first_query", "next_queries"])
    w_peak = peak(ws, ["load_bin_2", "first_query", "next_queries"])
    rows.append(("peak RSS, load + queries", g_peak, w_peak, (w_peak / g_peak) if g_peak and w_peak else None,
                 "ours ≤0.55× theirs", None if not (g_peak and w_peak) else w_peak / g_peak <= 0.55, "MiB"))
    g_tpeak = get(g2, "load_txt_1", "peak_MiB")
    w_tpeak = get(ws, "load_txt_1", "peak_MiB")
    rows.append(("peak RSS, text load", g_tpeak, w_tpeak, (w_tpeak / g_tpeak) if g_tpeak and w_tpeak else None,
                 "", None, "MiB"))

    print()
    print("Google-News-scale benchmark: %d × %d, binary %.2f GB, text %.2f GB" %
          (R["words"], R["dim"], R["file_bytes"]["bin"] / 1e9, R["file_bytes"]["txt"] / 1e9))
    m = R["machine_before"]
    print("machine: %s, %s cores, %s GiB RAM (%s available), load %s; %s UTC" %
          (m.get("cpu", "?"), m["nproc"], m.get("MemTotal_GiB"), m.get("MemAvailable_GiB"),
           " ".join(m["loadavg"]), m["date_utc"]))
    tp = ws.get("touch_probe", {})
    print("fresh-memory probe at Wordspace start: first touch %.2f GB/s, warm %.1f GB/s" %
          (tp.get("fresh_GBps", 0), tp.get("warm_GBps", 0)))
    starts = [(side, name, get(d, name, "page_cache_at_start"))
              for side, d, names in (("Wordspace", ws, ("load_bin_1", "load_bin_2", "load_txt_1")),
                                     ("gensim", g1, ("load_bin_1",)), ("gensim", g2, ("load_bin_1", "load_txt_1")))
              for name in names if get(d, name) is not None]
    known = [f for _, _, f in starts if f is not None]
    if known:
        print("page cache at the start of each load (files read through first): lowest %.1f%%; "
              "before reading: %s" % (100 * min(known), ", ".join(
                  "%s %s %.0f%%" % (side, name, 100 * get(d, name, "page_cache_before_warming"))
                  for side, d, names in (("Wordspace", ws, ("load_bin_1", "load_txt_1")),
                                         ("gensim", g1, ("load_bin_1",)), ("gensim", g2, ("load_txt_1",)))
                  for name in names
                  if get(d, name, "page_cache_before_warming") is not None)))
    print("gensim %s via %s; Wordspace's scan on %s thread(s)" %
          (get(g2, "versions", "gensim"), g1.get("script"), ws.get("scan_threads", 1)))
    print()
    print("%-46s %12s %12s %9s  %-20s" % ("phase", "gensim", "Wordspace", "ratio", "goal"))
    for what, g, w, r, goal, ok, unit in rows:
        f = fmt_mib if unit == "MiB" else fmt_s
        rs = "—" if r is None else ("%.2f×" % r)
        verdict = "" if ok is None else ("met" if ok else "NOT met")
        print("%-46s %12s %12s %9s  %-20s %s" % (what, f(g), f(w), rs, goal, verdict))
    print("(ratio = gensim ÷ Wordspace for times, Wordspace ÷ gensim for memory)")

    # no extra pass at the first query
    fq, med = get(ws, "first_query", "wall_s"), get(ws, "next_queries", "median_s")
    extra = fq is not None and med and fq > 2 * med + 0.05
    print("first query / warm median (Wordspace): %.2f (%s: no extra pass means ≤ 2 × median + 50 ms)" %
          (fq / med if med else float("nan"), "NOT met" if extra else "met"))
    print("Wordspace autocomplete: index build %s (peak %s); keystroke median %s, worst %s ('%s'), "
          "warm pass median %s, worst %s ('%s'); goal ≤5 ms" %
          (fmt_s(get(ws, "prefix_build", "wall_s")), fmt_mib(get(ws, "prefix_build", "peak_MiB")),
           fmt_s(get(ws, "keystrokes_1", "median_s")), fmt_s(get(ws, "keystrokes_1", "max_s")),
           get(ws, "keystrokes_1", "worst_prefix"),
           fmt_s(get(ws, "keystrokes_2", "median_s")), fmt_s(get(ws, "keystrokes_2", "max_s")),
           get(ws, "keystrokes_2", "worst_prefix")))
    for name in ("load_bin_1", "load_bin_2", "load_txt_1", "first_query"):
        p = ws.get(name)
        if p:
            print("Wordspace %-12s wall %s, cpu %s (system %s), %d minor faults, peak %s" %
                  (name, fmt_s(p["wall_s"]), fmt_s(p["cpu_s"]), fmt_s(p["sys_s"]), p["minflt"],
                   fmt_mib(p["peak_MiB"])))
    src = g2.get("load_txt_1_from")
    if src:
        m = src.get("machine") or {}
        print("gensim's text load not run here: taken from %s (%s UTC, load %s; same floats as "
              "this run's binary file: %s)" % (src["file"], m.get("date_utc", "?"),
                                               " ".join(m.get("loadavg", ["?"])), src.get("same_floats")))
    for name, d in (("gensim bin run 1", get(g1, "load_bin_1")), ("gensim first_q", get(g1, "first_query")),
                    ("gensim bin run 2", get(g2, "load_bin_1")), ("gensim text", get(g2, "load_txt_1"))):
        if d:
            print("%-26s wall %s, cpu %s, peak %s" % (name, fmt_s(d["wall_s"]), fmt_s(d["cpu_s"]),
                                                     fmt_mib(d["peak_MiB"])))

    # agreement
    ok = True
    wq, gq = ws.get("queries", []), g2.get("queries", [])
    q0w = wq[0]["top10"][0][0] if wq else None
    q0g = gq[0]["top10"][0][0] if gq else None
    print("first answer to king - man + woman: Wordspace %s, gensim %s" % (q0w, q0g))
    if q0w != "queen" or q0g != "queen":
        ok = False
    same = sum(1 for a, b in zip(wq, gq) if [x[0] for x in a["top10"]] == [x[0] for x in b["top10"]])
    print("same top-10 words on %d of %d queries" % (same, len(wq)))
    if same != len(wq) or len(wq) != len(gq):
        ok = False
        for a, b in zip(wq, gq):
            if [x[0] for x in a["top10"]] != [x[0] for x in b["top10"]]:
                print("  differ: %s - %s: %s vs %s" % (a["positive"], a["negative"], a["top10"][:3], b["top10"][:3]))
    for fmt in ("bin", "txt"):
        a, b = ws.get(fmt + "_sha1"), g2.get(fmt + "_sha1")
        print("%s floats bit-identical to gensim's: %s" % (fmt, a == b))
        ok = ok and a == b
    return ok


def gz_main(argv):
    import bench_gz
    ap = argparse.ArgumentParser(description=bench_gz.__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--text-words", type=int, default=300_000)
    ap.add_argument("--dim", type=int, default=300)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--goal", type=float, default=5.0)
    ap.add_argument("--keep-files", metavar="DIR")
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--make-vectors", default=None)
    ap.add_argument("--bench-scale", default=None, help="unused by the gz case")
    ap.add_argument("--cli", default=None, help="wordspace-cli (default: from the build tree)")
    ap.add_argument("--python", default="/usr/bin/python3")
    return bench_gz.run_case(ap.parse_args(argv), machine_state)


if __name__ == "__main__":
    sys.exit(main())
