#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli render --scene: figures rebuilt from their scene (TAP).

On a small word2vec text model: a scene saved by `render --save-scene`
rebuilds byte-identical PNG, SVG and PDF files, run after run; a figure
carries its scene (read back here with a PNG chunk reader of our own) and
rebuilds itself byte for byte from the figure alone; a missing model or a
changed one stops with exit 3 naming the file expected; each malformed
scene stops with exit 5 and a message naming the file and what is wrong.
Also --format markdown|csv|tsv against --json.
"""
import csv
import io
import json
import os
import random
import shutil
import struct
import tempfile
import zlib

from tapcli import check, cli_missing, report, run

DIM = 16


def make_model(path):
    rng = random.Random(5)
    named = ["king", "man", "woman", "queen", "prince", "princess", "boy", "girl", "lunch|box"]
    words = named + ["filler%02d" % i for i in range(40)]
    vec = {w: [rng.uniform(-1, 1) for _ in range(DIM)] for w in words}
    vec["queen"] = [k - m + w + 0.05 * rng.uniform(-1, 1)
                    for k, m, w in zip(vec["king"], vec["man"], vec["woman"])]
    with open(path, "w") as f:
        f.write("%d %d\n" % (len(words), DIM))
        for w in words:
            f.write(w + " " + " ".join("%.6f" % x for x in vec[w]) + "\n")


def png_chunks(data):
    """[(type, body, offset)] of a PNG, CRCs checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, out = 8, []
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + size]
        crc, = struct.unpack(">I", data[pos + 8 + size:pos + 12 + size])
        assert crc == zlib.crc32(kind + body) & 0xffffffff, "bad CRC at %d" % pos
        out.append((kind, body, pos))
        pos += 12 + size
    return out


def png_scene(data):
    for kind, body, _ in png_chunks(data):
        if kind == b"iTXt" and body.startswith(b"wordspace-scene\0"):
            rest = body[len(b"wordspace-scene\0"):]
            assert rest[:2] == b"\0\0", "compressed"
            rest = rest[2:]
            rest = rest[rest.index(b"\0") + 1:]
            rest = rest[rest.index(b"\0") + 1:]
            return rest
    return None


def f32(x):
    """@x rounded to a 32-bit float, as the model's scores are."""
    return struct.unpack("f", struct.pack("f", x))[0]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    if cli_missing():
        return 77
    tmp = tempfile.TemporaryDirectory(prefix="wordspace-scene-test-")
    d = tmp.name
    p = lambda name: os.path.join(d, name)
    model = p("royal.txt")
    make_model(model)

    # A scene from a query, with the author's choices.
    rc, so, se = run("render", "--model", model, "--quiet", "--query", "king - man + woman",
                     "-k", "2", "--pin", "boy", "--hide", "princess", "--highlight", "queen",
                     "--out", p("first.png"), "--save-scene", p("royal.wordspace"))
    check("render --save-scene writes a scene", rc == 0 and os.path.exists(p("royal.wordspace")),
          "exit %d, %s" % (rc, se))
    scene = json.loads(read(p("royal.wordspace")))
    check("the scene records the model, query and choices",
          scene["format"] == "wordspace-scene" and scene["version"] == "1.0" and
          scene["model"]["path"] == os.path.realpath(model) and
          scene["model"]["size"] == os.path.getsize(model) and
          scene["model"]["dimensions"] == DIM and scene["model"]["words"] == 49 and
          scene["model"]["fingerprint"].startswith("sha256-ends:") and
          scene["query"] == "king - man + woman" and scene["projection"]["neighbors"] == 2 and
          scene["pinned"] == ["boy"] and scene["hidden"] == ["princess"] and
          scene["highlights"] == ["queen"], json.dumps(scene, indent=1))
    check("the PNG carries the same scene, byte for byte",
          png_scene(read(p("first.png"))) == read(p("royal.wordspace")))

    # Annotations, a view and a theme, as the window would write them.
    scene["annotations"] = [
        {"word": "queen", "text": "the answer", "offset": [60, -50]},
        {"at": [0.0, 0.0], "text": "origin «0»", "offset": [-30, 40]},
    ]
    scene["view"] = {"zoom": 1.2, "pan": [15, -10]}
    scene["appearance"] = {"theme": "dark", "text_scale": 1.25}
    scene["size"] = {"width": 900, "height": 600, "scale": 1.5}
    with open(p("s.wordspace"), "w") as f:
        json.dump(scene, f, ensure_ascii=False, indent=2)

    for fmt in ("png", "svg", "pdf"):
        a, b, c, e = (p("a." + fmt), p("b." + fmt), p("c." + fmt), p("e." + fmt))
        rc1, _, se1 = run("render", "--quiet", "--scene", p("s.wordspace"), "--out", a)
        rc2, _, se2 = run("render", "--quiet", "--scene", p("s.wordspace"), "--out", b)
        check("%s: render --scene succeeds" % fmt, rc1 == 0 and rc2 == 0, se1 + se2)
        check("%s: two runs give identical bytes" % fmt, read(a) == read(b))
        rc, _, se = run("render", "--quiet", "--scene", a, "--out", c)
        check("%s: the figure alone rebuilds identical bytes" % fmt,
              rc == 0 and read(a) == read(c), se)
        # Across formats: the PNG's scene makes the same SVG/PDF as the file's.
        rc, _, se = run("render", "--quiet", "--scene", p("a.png"), "--out", e)
        check("%s: scene -> PNG -> %s is the scene's %s" % (fmt, fmt, fmt),
              rc == 0 and read(e) == read(a), se)
    png = read(p("a.png"))
    w, h = struct.unpack(">II", png[16:24])
    check("the scene's size and scale make the PNG", (w, h) == (1350, 900), (w, h))
    check("the SVG carries the scene in <metadata>",
          b"<metadata><wordspace:scene" in read(p("a.svg")))
    check("the PDF carries the scene in its Keywords",
          b"/Keywords (wordspace-scene:" in read(p("a.pdf")))

    # The scene saved from a figure is the scene it was made from.
    rc, _, se = run("render", "--quiet", "--scene", p("a.pdf"), "--save-scene", p("again.wordspace"))
    again = json.loads(read(p("again.wordspace")))
    check("--save-scene from a PDF gives the scene back",
          rc == 0 and again == json.loads(json.dumps(scene)), se)

    # The model missing: exit 3, naming the file expected; --model finds it.
    moved = p("moved.txt")
    shutil.move(model, moved)
    rc, so, se = run("render", "--quiet", "--scene", p("a.png"), "--out", p("m.png"))
    check("a missing model: exit 3, naming it", rc == 3 and os.path.realpath(model) in se and
          not os.path.exists(p("m.png")), "exit %d, %s" % (rc, se))
    check("a missing model: the scene says what is missing, the CLI how to point to it",
          ("wordspace-cli: The scene was made with the model %s, which is not there\n"
           "wordspace-cli: point to the model where it is now with --model FILE\n"
           % os.path.realpath(model)) in se, se)
    rc, so, se = run("render", "--quiet", "--scene", p("a.png"), "--model", moved, "--out", p("m.png"))
    check("--model points to the moved model", rc == 0, se)
    shutil.move(moved, model)

    # A changed model: the fingerprint tells; --ignore-fingerprint draws anyway.
    changed = p("changed.txt")
    lines = open(model).read().splitlines(True)
    lines[-1] = lines[-1].replace("0", "1", 1)
    with open(changed, "w") as f:
        f.writelines(lines)
    rc, so, se = run("render", "--quiet", "--scene", p("a.png"), "--model", changed, "--out", p("x.png"))
    check("a changed model: exit 3, naming the file expected", rc == 3 and
          "not the one the scene was made with" in se and os.path.realpath(model) in se and
          not os.path.exists(p("x.png")), "exit %d, %s" % (rc, se))
    check("a changed model: the CLI names --model and --ignore-fingerprint, once",
          se.count("--ignore-fingerprint") == 1 and
          "wordspace-cli: give the original model with --model FILE, or draw with this one "
          "anyway with --ignore-fingerprint\n" in se, se)
    rc, so, se = run("render", "--quiet", "--scene", p("a.png"), "--model", changed,
                     "--ignore-fingerprint", "--out", p("x.png"))
    check("--ignore-fingerprint draws with the changed model", rc == 0, se)

    # Malformed scenes: exit 5, the file and what is wrong in the message.
    def variant(name, change):
        s = json.loads(json.dumps(scene))
        change(s)
        with open(p(name), "w") as f:
            json.dump(s, f)
        return p(name)

    def drop(key):
        return lambda s: s.pop(key)

    with open(p("broken.wordspace"), "w") as f:
        f.write('{\n  "format": "wordspace-scene",\n  "version": "1.0",\n  "model": {"path": 3\n')
    png_bare = bytearray(png)
    chunk = [c for c in png_chunks(png) if c[0] == b"iTXt"][0]
    del png_bare[chunk[2]:chunk[2] + 12 + len(chunk[1])]
    with open(p("bare.png"), "wb") as f:
        f.write(png_bare)
    png_bad = bytearray(png)
    png_bad[chunk[2] + 40] ^= 1
    with open(p("damaged.png"), "wb") as f:
        f.write(png_bad)
    with open(p("notes.txt"), "w") as f:
        f.write("hello\n")
    cases = [
        ("not JSON", p("broken.wordspace"), ["broken.wordspace:4:", "not a valid scene"]),
        ("a newer major version", variant("v2.wordspace", lambda s: s.update(version="2.0")),
         ["v2.wordspace", "version 2.0", "newer Wordspace"]),
        ("no query", variant("nq.wordspace", drop("query")), ["nq.wordspace", "“query”"]),
        ("a bad method", variant("m.wordspace", lambda s: s["projection"].update(method="tsne")),
         ["m.wordspace", "projection.method", "“local”, “global” or “analogy”"]),
        ("a zero width", variant("w.wordspace", lambda s: s["size"].update(width=0)),
         ["w.wordspace", "size.width", "from 1 to 32767"]),
        ("an annotation without text", variant("a.wordspace", lambda s: s["annotations"][1].pop("text")),
         ["a.wordspace", "annotations[1].text", "a string"]),
        ("a PNG without a scene", p("bare.png"), ["bare.png", "carries no Wordspace scene"]),
        ("a PNG with a damaged scene", p("damaged.png"), ["damaged.png", "CRC"]),
        ("a text file", p("notes.txt"), ["notes.txt", "not a valid scene"]),
        ("no such file", p("nowhere.wordspace"), ["nowhere.wordspace"]),
    ]
    for name, path, needles in cases:
        rc, so, se = run("render", "--quiet", "--scene", path, "--out", p("bad.png"))
        check("malformed, %s: exit 5 with a clear message" % name,
              rc == 5 and all(n in se for n in needles) and not os.path.exists(p("bad.png")),
              "exit %d, stderr %r" % (rc, se))
    rc, so, se = run("render", "--quiet", "--scene", p("s.wordspace"), "--query", "king", "--out", p("q.png"))
    check("--scene with --query is a usage error", rc == 2 and "--scene" in se, se)
    rc, so, se = run("render", "--quiet", "--query", "king", "--ignore-fingerprint", "--out", p("q.png"))
    check("--ignore-fingerprint without --scene is a usage error", rc == 2, se)

    # --format: the same results as --json, as Markdown, CSV and TSV.
    m = ["--model", model, "--quiet", "-n", "4"]
    rc, so, se = run("query", *m, "--json", "king - man + woman")
    want = [(r["word"], r["score"]) for r in json.loads(so)["results"]]
    rc, so, se = run("query", *m, "--format", "csv", "king - man + woman")
    rows = list(csv.reader(io.StringIO(so, newline="")))
    check("query --format csv: a header and the JSON's results",
          rc == 0 and rows[0] == ["rank", "word", "score"] and
          [(r[1], f32(float(r[2]))) for r in rows[1:]] == [(w, f32(s)) for w, s in want] and
          [r[0] for r in rows[1:]] == ["1", "2", "3", "4"] and so.endswith("\r\n"),
          so)
    rc, so, se = run("query", *m, "--format", "tsv", "king - man + woman")
    lines = so.splitlines()
    check("query --format tsv", rc == 0 and lines[0] == "rank\tword\tscore" and
          [l.split("\t")[1] for l in lines[1:]] == [w for w, _ in want], so)
    rc, so, se = run("query", *m, "--format", "markdown", "king - man + woman")
    lines = so.splitlines()
    check("query --format markdown", rc == 0 and lines[0] == "| rank | word | score |" and
          lines[1] == "| ---: | --- | ---: |" and
          lines[2] == "| 1 | %s | %.4f |" % want[0], so)
    rc, so, se = run("neighbors", *m, "--format", "markdown", "-n", "48", "king")
    check("a | in a word is escaped in Markdown", rc == 0 and "| lunch\\|box |" in so, so)
    rc, so, se = run("similarity", *m, "--format", "csv", "king", "queen", "man", "woman")
    rows = list(csv.reader(io.StringIO(so, newline="")))
    check("similarity --format csv", rc == 0 and rows[0] == ["word_a", "word_b", "score"] and
          [r[:2] for r in rows[1:]] == [["king", "queen"], ["man", "woman"]], so)
    rc, so, se = run("doesnt-match", *m, "--format", "tsv", "king", "queen", "filler07")
    check("doesnt-match --format tsv", rc == 0 and so.splitlines()[0] == "word\todd_one_out" and
          so.count("\ttrue") == 1, so)
    rc, so, se = run("cosmul", *m, "--format", "markdown", "king - man + woman")
    check("cosmul --format markdown", rc == 0 and so.startswith("| rank | word | score |"), so)
    for args, why in [(["query", "--format", "xml", "king"], "an unknown format"),
                      (["query", "--format", "csv", "--json", "king"], "--json with --format csv"),
                      (["info", "--format", "csv"], "a table format for info")]:
        rc, so, se = run(*args, "--model", model, "--quiet")
        check("--format: %s is a usage error" % why, rc == 2 and so == "" and "--format" in se, se)
    return report()


if __name__ == "__main__":
    raise SystemExit(main())
