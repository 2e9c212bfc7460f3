#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli info, has and vector (TAP).

`vector` must print what `print(kv[word])` and `kv[word].shape` print in
Python with gensim (the seed notebook's word_vectors['india'] and (300,));
that part runs gensim through $WS_PYTHON on the shared test data and skips
when either is missing.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile

from tapcli import CLI, PYTHON, TESTDATA, check, report, run, skip


def gensim_prints(path, binary, words):
    code = (
        "import sys, numpy\n"
        "from gensim.models import KeyedVectors\n"
        "kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=sys.argv[2] == '1')\n"
        "for w in sys.argv[3:]:\n"
        "    print(kv[w]); print(kv[w].shape)\n"
    )
    p = subprocess.run([PYTHON, "-c", code, path, "1" if binary else "0", *words],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        return None
    return p.stdout.decode("utf-8")


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print("1..0 # SKIP $WS_CLI is not set to the wordspace-cli program")
        return 77

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-model-")
    model = os.path.join(tmp.name, "three.txt")
    with open(model, "w", encoding="utf-8") as f:
        f.write("3 4\nking 0.5 -0.25 1 0\nqueen 0.125 2 -3 0.0625\nZürich 1e-05 2 3 4\n")

    rc, out, err = run("info", "--model", model, "--json")
    doc = json.loads(out) if rc == 0 else {}
    check("info --json: words, dimensions, format, first words",
          doc.get("model", {}).get("words") == 3 and doc["model"]["dimensions"] == 4
          and doc["model"]["format"] == "word2vec-text"
          and doc.get("first_words") == ["king", "queen", "Zürich"], out + err)

    rc, out, err = run("info", "--model", model)
    check("info: readable summary", rc == 0 and "Words:" in out and "3" in out
          and "Dimensions:" in out, out + err)

    rc, out, _ = run("has", "--model", model, "Zürich")
    check("has: a known word exits 0 and gives its index", rc == 0 and "index 2" in out, out)
    rc, out, _ = run("has", "--model", model, "zürich")
    check("has: lookups are case-sensitive; unknown exits 1", rc == 1 and "no" in out, out)

    rc, out, err = run("vector", "--model", model, "queen")
    check("vector: values and shape", rc == 0 and
          out == "[ 0.125   2.     -3.      0.0625]\n(4,)\n", repr(out) + err)
    rc, out, err = run("vector", "--model", model, "--json", "king")
    doc = json.loads(out) if rc == 0 else {}
    check("vector --json: shape and exact values",
          doc.get("shape") == [4] and doc.get("vector") == [0.5, -0.25, 1.0, 0.0], out + err)
    rc, out, err = run("vector", "--model", model, "prince")
    check("vector: an unknown word exits 1 and names it", rc == 1 and "prince" in err, err)
    rc, out, err = run("vector", "--model", model)
    check("vector: no word is a usage error (2)", rc == 2, err)
    rc, out, err = run("info", "--model", os.path.join(tmp.name, "missing.bin"))
    check("info: a missing model exits 3 and names the file",
          rc == 3 and "missing.bin" in err, err)

    # A byte order mark at the start (Windows editors save one) is skipped
    # in every text format, gzip-compressed too.
    bom = b"\xef\xbb\xbf"
    rows = "king 0.5 -0.25 1 0\nqueen 0.125 2 -3 0.0625\n"
    for name, text, fmt in [("bom-w2v.txt", "2 4\n" + rows, "word2vec-text"),
                            ("bom-ft.vec", "2 4 \r\n" + rows.replace("\n", " \r\n"), "word2vec-text"),
                            ("bom-glove.txt", rows, "glove-text")]:
        for gz in (False, True):
            path = os.path.join(tmp.name, name + (".gz" if gz else ""))
            data = bom + text.encode("utf-8")
            with (gzip.open if gz else open)(path, "wb") as f:
                f.write(data)
            rc, out, err = run("info", "--model", path, "--json", "--no-cache")
            doc = json.loads(out) if rc == 0 else {}
            check("info: a leading byte order mark is skipped: " + os.path.basename(path),
                  doc.get("model", {}).get("format") == fmt and doc.get("first_words") == ["king", "queen"],
                  out + err)

    # Binary garbage: the message quotes the bytes escaped, never raw.
    garbage = os.path.join(tmp.name, "garbage.bin")
    with open(garbage, "wb") as f:
        f.write(b"\x93\x01\x02hi\x7f\xff\x1b[2J\x00\nrest\n")
    p = subprocess.run([CLI, "info", "--model", garbage, "--no-cache"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=120)
    try:
        err = p.stderr.decode("utf-8")
    except UnicodeDecodeError:
        err = None
    check("info: binary garbage gets a message in valid UTF-8, bytes escaped (\\x93)",
          p.returncode == 3 and err is not None
          and not any(ord(c) < 0x20 and c != "\n" or 0x7f <= ord(c) < 0xa0 for c in err)
          and "\\x93\\x01\\x02hi\\x7F\\xFF\\x1B[2J\\x00" in err,
          repr(p.stderr))

    # Parity with what Python prints for gensim's vectors.
    cases = [("toy-model.vec", False), ("high_precision.kv.txt", False),
             ("euclidean_vectors.bin", True), ("EN.1-10.cbow1_wind5_hs0_neg10_size300_smpl1e-05.txt", False)]
    for name, binary in cases:
        path = os.path.join(TESTDATA, name)
        if not os.path.exists(path):
            skip("vector prints what numpy prints: " + name, "../shared/testdata is absent")
            continue
        rc, out, _ = run("info", "--model", path, "--json", "--quiet")
        words = json.loads(out)["first_words"][:3] if rc == 0 else []
        expected = gensim_prints(path, binary, words)
        if expected is None:
            skip("vector prints what numpy prints: " + name, "gensim is not installed")
            continue
        got = "".join(run("vector", "--model", path, "--quiet", w)[1] for w in words)
        check("vector prints what numpy prints: " + name, got == expected,
              "--- got ---\n%s--- gensim ---\n%s" % (got, expected))

    return report()


if __name__ == "__main__":
    sys.exit(main())
