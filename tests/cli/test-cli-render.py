#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli render: files, sizes, the scene it reports, exit codes (TAP).

Writes a small word2vec text model in which queen = king - man + woman (plus
a little noise), renders its map to PNG, SVG and PDF and checks what a
person would: the files are real images of the asked size, queen is the
highlighted answer, the analogy's arrows run man -> king and woman -> the
computed point, every word has a label and no two labels overlap. Checks
that need a model are skipped while the build has no vector loader yet.
"""
import json
import os
import random
import struct
import tempfile
import time

from tapcli import CLI, check, report, run, skip

DIM = 16


def make_model(path):
    rng = random.Random(11)
    named = ["king", "man", "woman", "queen", "prince", "princess", "boy", "girl"]
    words = named + ["filler%02d" % i for i in range(40)]
    vec = {w: [rng.uniform(-1, 1) for _ in range(DIM)] for w in words}
    vec["queen"] = [k - m + w + 0.05 * rng.uniform(-1, 1)
                    for k, m, w in zip(vec["king"], vec["man"], vec["woman"])]
    vec["prince"] = [k + 0.4 * rng.uniform(-1, 1) for k in vec["king"]]
    vec["princess"] = [q + 0.4 * rng.uniform(-1, 1) for q in vec["queen"]]
    with open(path, "w") as f:
        f.write("%d %d\n" % (len(words), DIM))
        for w in words:
            f.write(w + " " + " ".join("%.6f" % x for x in vec[w]) + "\n")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def overlap(a, b):
    eps = 1e-6
    return (a[0] < b[0] + b[2] - eps and b[0] < a[0] + a[2] - eps and
            a[1] < b[1] + b[3] - eps and b[1] < a[1] + a[3] - eps)


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print("1..0 # SKIP $WS_CLI is not set to the wordspace-cli program")
        return 77

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-render-test-")
    model = os.path.join(tmp.name, "royal.txt")
    make_model(model)
    m = ["--model", model, "--quiet"]
    out = lambda name: os.path.join(tmp.name, name)

    # Usage errors are found before any model is read, and write nothing.
    for name, args in [
        ("no --query", ["--out", out("u1.png")]),
        ("no --out", ["--query", "king"]),
        ("an unknown extension", ["--query", "king", "--out", out("u2.bmp")]),
        ("a bad theme", ["--query", "king", "--out", out("u3.png"), "--theme", "pink"]),
        ("a zero width", ["--query", "king", "--out", out("u4.png"), "--width", "0"]),
        ("a bad method", ["--query", "king", "--out", out("u5.png"), "--method", "tsne"]),
        ("a zero scale", ["--query", "king", "--out", out("u6.png"), "--scale", "0"]),
    ]:
        rc, so, se = run("render", *m, *args)
        written = [f for f in os.listdir(tmp.name) if f.startswith("u")]
        check("usage: " + name, rc == 2 and so == "" and se and not written,
              "exit %d, stdout %r, stderr %r, files %r" % (rc, so, se, written))
    rc, so, se = run("render", *m, "--query", "bmp", "--out", out("u2.bmp"))
    check("an unknown extension is named in the message", ".png, .svg or .pdf" in se, se)

    rc, so, se = run("render", *m, "--query", "king - - (", "--out", out("p.png"))
    check("a parse error exits 1 with a caret", rc == 1 and "^" in se and not os.path.exists(out("p.png")),
          "exit %d, stderr %r" % (rc, se))

    rc, _, _ = run("info", *m)
    if rc != 0:
        for name in ["png", "png at scale 2", "svg", "pdf", "json scene", "labels",
                     "arrows", "dark differs", "unknown word", "unwritable", "analogy method",
                     "neighbors", "png: two runs write the same bytes",
                     "svg: two runs write the same bytes", "pdf: two runs write the same bytes",
                     "pdf: a fixed date without SOURCE_DATE_EPOCH",
                     "pdf: SOURCE_DATE_EPOCH=1234567890 gives D:20090213233130Z",
                     "pdf: SOURCE_DATE_EPOCH=12x gives D:19700101000000Z"]:
            skip("render " + name, "no vector loader in this build yet")
        return report()

    q = ["--query", "king - man + woman"]
    rc, so, se = run("render", *m, *q, "--out", out("map.png"))
    check("render png: exit 0 and the answer printed", rc == 0 and "queen" in so, so + se)
    check("render png: 1280 x 800 pixels", png_size(out("map.png")) == (1280, 800),
          repr(png_size(out("map.png"))))

    rc, so, se = run("render", *m, *q, "--out", out("map2.png"), "--width", "640",
                     "--height", "400", "--scale", "2")
    check("render png at scale 2: 1280 x 800 pixels", rc == 0 and png_size(out("map2.png")) == (1280, 800),
          se + repr(png_size(out("map2.png"))))

    rc, so, se = run("render", *m, *q, "--out", out("map.svg"))
    svg = open(out("map.svg"), encoding="utf-8").read() if rc == 0 else ""
    check("render svg: an SVG document 1280pt x 800pt",
          svg.startswith("<?xml") and 'width="1280pt"' in svg and 'height="800pt"' in svg
          and svg.rstrip().endswith("</svg>"), se)

    rc, so, se = run("render", *m, *q, "--out", out("map.pdf"), "--width", "800", "--height", "600")
    pdf = open(out("map.pdf"), "rb").read() if rc == 0 else b""
    check("render pdf: a PDF page 800 x 600",
          pdf.startswith(b"%PDF-") and b"/MediaBox [ 0 0 800 600 ]" in pdf and b"%%EOF" in pdf[-16:], se)

    # Same scene, same bytes: two runs (more than a second apart, as a PDF
    # date would show), in every format.
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    for ext in ["png", "svg", "pdf"]:
        runs = []
        for i in range(2):
            if i == 1:
                time.sleep(1.1)
            rc, so, se = run("render", *m, *q, "--out", out("same%d.%s" % (i, ext)))
            runs.append(open(out("same%d.%s" % (i, ext)), "rb").read() if rc == 0 else None)
        check("render %s: two runs write the same bytes" % ext,
              runs[0] is not None and runs[0] == runs[1], se)
    pdf = open(out("same0.pdf"), "rb").read()
    check("render pdf: a fixed date without SOURCE_DATE_EPOCH",
          b"/CreationDate (D:19700101000000Z)" in pdf and b"/ModDate (D:19700101000000Z)" in pdf,
          repr([l for l in pdf.split(b"\n") if b"Date" in l]))

    # SOURCE_DATE_EPOCH, in UTC whatever the time zone; a value that is no
    # number of seconds is ignored.
    for value, date in [("1234567890", b"D:20090213233130Z"), ("12x", b"D:19700101000000Z")]:
        os.environ["SOURCE_DATE_EPOCH"] = value
        os.environ["TZ"] = "America/New_York"
        try:
            rc, so, se = run("render", *m, *q, "--out", out("dated.pdf"))
        finally:
            del os.environ["SOURCE_DATE_EPOCH"]
            del os.environ["TZ"]
        pdf = open(out("dated.pdf"), "rb").read() if rc == 0 else b""
        check("render pdf: SOURCE_DATE_EPOCH=%s gives %s" % (value, date.decode()),
              b"/CreationDate (" + date + b")" in pdf and b"/ModDate (" + date + b")" in pdf,
              se + repr([l for l in pdf.split(b"\n") if b"Date" in l]))

    rc, so, se = run("render", *m, *q, "--out", out("scene.png"), "--json")
    try:
        doc = json.loads(so)
    except ValueError:
        doc = {}
    points = {p["word"]: p for p in doc.get("points", [])}
    check("render json scene: roles", rc == 0 and doc.get("command") == "render"
          and points.get("queen", {}).get("role") == "answer"
          and points.get("king", {}).get("role") == "query-positive"
          and points.get("woman", {}).get("role") == "query-positive"
          and points.get("man", {}).get("role") == "query-negative"
          and points.get("king − man + woman", {}).get("role") == "predicted"
          and doc.get("analogy") is True, so[:2000] + se)

    labels = [p["screen"]["label"] for p in doc.get("points", []) if p["screen"]["visible"]]
    clashes = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:] if overlap(a, b)]
    inside = all(0 <= l[0] and 0 <= l[1] and l[0] + l[2] <= 1280 and l[1] + l[3] <= 800 for l in labels)
    check("render labels: every word labelled, none overlapping, all on the canvas",
          labels and len(labels) == len(points) and all(l[2] > 0 for l in labels)
          and not clashes and inside, repr(clashes))

    arrows = [(a["from"], a["to"]) for a in doc.get("arrows", [])]
    check("render arrows: man -> king and woman -> the computed point",
          arrows == [("man", "king"), ("woman", "king − man + woman")], repr(arrows))

    rc, so, se = run("render", *m, *q, "--out", out("dark.png"), "--theme", "dark")
    check("render dark differs from light", rc == 0 and
          open(out("dark.png"), "rb").read() != open(out("map.png"), "rb").read(), se)

    rc, so, se = run("render", *m, "--query", "king - kingg", "--out", out("unknown.png"))
    check("render unknown word: exit 1, named, no file",
          rc == 1 and "kingg" in se and not os.path.exists(out("unknown.png")), "exit %d %r" % (rc, se))

    rc, so, se = run("render", *m, *q, "--out", os.path.join(tmp.name, "no", "such", "dir.png"))
    check("render unwritable: exit 4 naming the file", rc == 4 and "dir.png" in se, "exit %d %r" % (rc, se))

    rc, so, se = run("render", *m, "--query", "king + woman", "--method", "analogy", "--out", out("a.png"))
    check("render analogy method on a sum: exit 1", rc == 1 and "analogy" in se, "exit %d %r" % (rc, se))

    rc, so, se = run("render", *m, *q, "--neighbors", "2", "--topn", "3", "--json", "--out", out("n.png"))
    try:
        doc = json.loads(so)
    except ValueError:
        doc = {}
    roles = [p["role"] for p in doc.get("points", [])]
    check("render neighbors: 2 new words around each of the 3 query words",
          rc == 0 and roles.count("neighbor") == 6 and roles.count("result") + roles.count("answer") == 3,
          repr(roles) + se)

    # Thousands of neighbours are allowed (labels without room are
    # deferred), and the scene saved with them reads back.
    rc, so, se = run("render", *m, *q, "--neighbors", "5000", "--json", "--out", out("many.png"),
                     "--save-scene", out("many.wordspace"))
    try:
        doc = json.loads(so)
    except ValueError:
        doc = {}
    shown = [p for p in doc.get("points", []) if p["screen"]["visible"]]
    drawn = [p["screen"]["label"] for p in shown if not p["screen"]["label_deferred"]]
    clashes = [(a, b) for i, a in enumerate(drawn) for b in drawn[i + 1:] if overlap(a, b)]
    query_labelled = all(p["screen"]["label"][2] > 0 for p in shown
                         if p["role"] in ("query-positive", "query-negative", "predicted", "answer"))
    check("render --neighbors 5000: every word of the model on the map, no labels overlapping",
          rc == 0 and len(shown) == 48 + 1 and drawn and not clashes and query_labelled,
          "exit %d, %d shown %r %s" % (rc, len(shown), clashes, se))
    rc, so, se = run("render", "--scene", out("many.wordspace"), *m, "--out", out("many2.png"))
    check("render --scene with 5000 neighbours reads back", rc == 0, "exit %d %r" % (rc, se))
    rc, so, se = run("render", *m, *q, "--neighbors", "10001", "--out", out("toomany.png"))
    check("render --neighbors 10001: a usage error naming the bound",
          rc == 2 and "10000" in se and not os.path.exists(out("toomany.png")), "exit %d %r" % (rc, se))
    return report()


if __name__ == "__main__":
    raise SystemExit(main())
