#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli render --lesson: one figure per step of a lesson (TAP).

On a small word2vec text model named relative to the lesson: DIR/01.png,
02.png… are written, byte-identical run after run in PNG, SVG and PDF;
each figure carries its step's scene and rebuilds itself with
render --scene; a malformed step stops with exit 5 naming the key from the
top of the lesson; and every lesson shipped in data/lessons/ renders on the
bundled model.
"""
import glob
import json
import os
import random
import struct
import tempfile
import zlib

from tapcli import check, cli_missing, report, run, skip

DIM = 16
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.abspath(__file__)) + "/..")


def make_model(path):
    rng = random.Random(7)
    named = ["king", "man", "woman", "queen", "prince", "princess", "boy", "girl"]
    words = named + ["filler%02d" % i for i in range(40)]
    vec = {w: [rng.uniform(-1, 1) for _ in range(DIM)] for w in words}
    with open(path, "w") as f:
        f.write("%d %d\n" % (len(words), DIM))
        for w in words:
            f.write(w + " " + " ".join("%.6f" % x for x in vec[w]) + "\n")


def png_scene(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + size]
        if kind == b"iTXt" and body.startswith(b"wordspace-scene\0"):
            rest = body[len(b"wordspace-scene\0") + 2:]
            _, _, rest = rest.partition(b"\0")
            _, _, text = rest.partition(b"\0")
            return json.loads(text.decode("utf-8"))
        pos += 12 + size
    return None


LESSON = {
    "format": "wordspace-lesson",
    "version": "1.0",
    "title": "Test lesson",
    "model": {"path": "m.txt"},
    "future_member": {"kept": True},
    "steps": [
        {"title": "One word", "notes": "king alone", "scene": {"query": "king"}},
        {"title": "Analogy", "notes": "", "scene": {
            "query": "king - man + woman", "projection": {"method": "analogy"},
            "highlights": ["queen"], "size": {"width": 640, "height": 400}}},
        {"title": "A list", "scene": {"words": ["boy", "girl", "prince", "princess"]}},
    ],
}


def main():
    if cli_missing():
        return 0
    tmp = tempfile.mkdtemp(prefix="ws-cli-lesson-")
    make_model(os.path.join(tmp, "m.txt"))
    lesson = os.path.join(tmp, "test.wordspace-lesson")
    with open(lesson, "w") as f:
        json.dump(LESSON, f, indent=2)

    for fmt in ("png", "svg", "pdf"):
        outs = []
        for run_no in (1, 2):
            out = os.path.join(tmp, "%s-%d" % (fmt, run_no))
            args = ["render", "--lesson", lesson, "--out", out]
            if fmt != "png":
                args += ["--format", fmt]
            code, stdout, stderr = run(*args)
            check("render --lesson --format %s (run %d) exits 0" % (fmt, run_no), code == 0,
                  stderr)
            names = sorted(os.listdir(out)) if os.path.isdir(out) else []
            check("%s: one file per step, 01.%s to 03.%s" % (fmt, fmt, fmt),
                  names == ["01.%s" % fmt, "02.%s" % fmt, "03.%s" % fmt], names)
            outs.append(out)
        same = all(open(os.path.join(outs[0], n), "rb").read() ==
                   open(os.path.join(outs[1], n), "rb").read()
                   for n in os.listdir(outs[0])) if os.path.isdir(outs[0]) else False
        check("%s: two runs give byte-identical files" % fmt, same)

    fig = os.path.join(tmp, "png-1", "02.png")
    scene = png_scene(open(fig, "rb").read()) if os.path.exists(fig) else None
    check("02.png carries step 2's scene, with the lesson's model",
          scene is not None and scene.get("query") == "king - man + woman" and
          scene["model"]["path"] == os.path.join(tmp, "m.txt") and
          scene["size"]["width"] == 640, scene)
    rebuilt = os.path.join(tmp, "rebuilt.png")
    code, _, stderr = run("render", "--scene", fig, "--out", rebuilt)
    check("the step's figure rebuilds itself byte for byte with render --scene",
          code == 0 and open(rebuilt, "rb").read() == open(fig, "rb").read(), stderr)

    code, stdout, stderr = run("render", "--lesson", lesson, "--out",
                               os.path.join(tmp, "json"), "--json")
    try:
        doc = json.loads(stdout)
    except ValueError:
        doc = {}
    check("--json lists the steps and files",
          code == 0 and [s["title"] for s in doc.get("steps", [])] ==
          ["One word", "Analogy", "A list"] and doc["steps"][2]["out"].endswith("03.png"), stdout)

    # Malformed lessons: exit 5 and the key from the top of the lesson.
    bad_cases = [
        ("a step whose scene has a number for a query",
         {"steps": [LESSON["steps"][0], {"title": "x", "scene": {"query": 5}}]},
         "steps[1].scene.query"),
        ("a step with neither query nor words",
         {"steps": [{"title": "x", "scene": {"projection": {}}}]}, "steps[0].scene"),
        ("a step with a bad projection method",
         {"steps": [LESSON["steps"][0], LESSON["steps"][1],
                    {"scene": {"query": "king", "projection": {"method": "tsne"}}}]},
         "steps[2].scene.projection.method"),
        ("no steps", {"steps": []}, "steps"),
        ("a step title that is a number",
         {"steps": [{"title": 3, "scene": {"query": "king"}}]}, "steps[0].title"),
        ("a scene's format", {"format": "wordspace-scene"}, "not a Wordspace lesson"),
    ]
    for name, change, expected in bad_cases:
        doc = dict(LESSON)
        doc.update(change)
        path = os.path.join(tmp, "bad.wordspace-lesson")
        with open(path, "w") as f:
            json.dump(doc, f)
        code, _, stderr = run("render", "--lesson", path, "--out", os.path.join(tmp, "bad"))
        check("malformed lesson (%s): exit 5 naming %s" % (name, expected),
              code == 5 and expected in stderr and "bad.wordspace-lesson" in stderr,
              "exit %d: %s" % (code, stderr))

    hc = os.path.join(tmp, "hc")
    code, _, stderr = run("render", "--lesson", lesson, "--out", hc, "--theme", "high-contrast-dark")
    fig = os.path.join(hc, "01.png")
    scene = png_scene(open(fig, "rb").read()) if os.path.exists(fig) else None
    check("--theme high-contrast-dark draws every step in it",
          code == 0 and scene is not None and scene["appearance"]["theme"] == "high-contrast-dark",
          stderr)

    code, _, stderr = run("render", "--lesson", lesson)
    check("--lesson without --out: exit 2", code == 2 and "--out" in stderr, stderr)
    code, _, stderr = run("render", "--lesson", lesson, "--out", tmp, "--format", "gif")
    check("--format gif: exit 2", code == 2 and "gif" in stderr, stderr)

    # The shipped lessons, on the bundled model ("@bundled").
    shipped = sorted(glob.glob(os.path.join(SRCDIR, "..", "data", "lessons", "*.wordspace-lesson")))
    check("data/lessons holds lessons", len(shipped) >= 2, shipped)
    if not os.path.exists(os.path.join(SRCDIR, "..", "data", "wordspace-en.bin")):
        skip("shipped lessons render", "the bundled model is not in the source tree")
    else:
        for path in shipped:
            with open(path) as f:
                n = len(json.load(f)["steps"])
            out = os.path.join(tmp, "shipped-" + os.path.basename(path))
            code, _, stderr = run("render", "--lesson", path, "--out", out, timeout=300)
            check("shipped lesson %s renders every step" % os.path.basename(path),
                  code == 0 and len(os.listdir(out)) == n, stderr)
    return report()


if __name__ == "__main__":
    raise SystemExit(main())
