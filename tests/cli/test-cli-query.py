#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli query and cosmul: output, --json, exit codes, and the
answers of Debian's gensim 4.2 on test_glove.txt (TAP).

Run by meson with WS_CLI (the program), WS_TESTDATA (../shared/testdata) and
WS_PYTHON set. Checks needing the shared data or gensim are skipped when it
is missing.
"""

import json
import os
import re
import subprocess
import sys

CLI = os.environ.get("WS_CLI", "wordspace-cli")
DATA = os.environ.get("WS_TESTDATA", "")
GLOVE = os.path.join(DATA, "test_glove.txt") if DATA else ""
HAVE_DATA = bool(GLOVE) and os.path.isfile(GLOVE)

count = 0
failed = 0


def report(ok, name, detail=""):
    global count, failed
    count += 1
    if not ok:
        failed += 1
    print(f"{'ok' if ok else 'not ok'} {count} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()


def skip(name, why):
    global count
    count += 1
    print(f"ok {count} - {name} # SKIP {why}")


def run(*args, model=GLOVE):
    cmd = [CLI] + list(args[:1])
    if model is not None:
        cmd += ["--model", model]
    cmd += list(args[1:])
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(name, cond, *detail):
    report(bool(cond), name, "\n".join(str(d) for d in detail))


# --- Without a model: usage and parse errors come first -------------------

code, out, err = run("query", model=None)
check("query without EXPR is a usage error (2)", code == 2, code, err)
check("… and says what it takes", "expression" in err, err)

code, out, err = run("query", "king + + man", model="/nonexistent/model.txt")
check("a parse error exits 1 before the model is read", code == 1, code, err)
lines = err.splitlines()
check("… names the column", "Expected a word after “+” at column 8" in err, err)
check("… shows the query and a caret under column 8",
      len(lines) >= 3 and lines[-2] == "  king + + man" and lines[-1] == "  " + " " * 7 + "^",
      repr(lines))

code, out, err = run("query", "New York", "--json", model="/nonexistent/model.txt")
doc = None
try:
    doc = json.loads(out)
except ValueError as e:
    pass
check("a parse error with --json prints one JSON document", doc is not None, out, err)
if doc is not None:
    check("… with the error’s code, column and span",
          doc["error"]["code"] == "parse" and doc["error"]["column"] == 5
          and doc["error"]["start"] == 4 and doc["error"]["end"] == 8
          and "New_York" in doc["error"]["message"] and doc["query"] == "New York", doc)

code, out, err = run("cosmul", "", model="/nonexistent/model.txt")
check("an empty query exits 1", code == 1 and "empty" in err, code, err)

code, out, err = run("query", "king", model="/nonexistent/model.txt")
check("an unreadable model exits 3", code == 3, code, err)

# --- On test_glove.txt ------------------------------------------------------

if not HAVE_DATA:
    skip("answers on test_glove.txt", "../shared/testdata is absent")
    print(f"1..{count}")
    sys.exit(0)

ROW = re.compile(r"^ *(\d+)  (\S+) *  (-?\d\.\d{4})$")

code, out, err = run("query", "he - she + her")
rows = [ROW.match(line) for line in out.splitlines()]
check("query prints 10 results by default, exit 0", code == 0 and len(rows) == 10, code, out, err)
check("… one line each: rank, word, score to 4 places, aligned",
      all(rows) and [int(m.group(1)) for m in rows] == list(range(1, 11))
      and len({len(line) for line in out.splitlines()}) == 1, out)
check("… best first", all(rows) and
      [float(m.group(3)) for m in rows] == sorted((float(m.group(3)) for m in rows), reverse=True),
      out)
check("… the input words are left out",
      all(rows) and not {"he", "she", "her"} & {m.group(2) for m in rows}, out)

code, out, err = run("query", "-n", "3", "he", "-", "she", "+", "her")
check("-n 3 gives 3 lines, and the words may come as separate arguments",
      code == 0 and len(out.splitlines()) == 3, code, out, err)

code, out2, err = run("query", "-n", "3", "he - she + her")
check("… the same lines as one argument", out2 == out, out, out2)

code, out, err = run("query", "-n", "3", "-she + he + her")
check("an expression that starts with “-” is not taken for an option",
      code == 0 and len(out.splitlines()) == 3, code, out, err)
code, out2, err = run("query", "-n", "3", "--", "-she")
check("… and “--” lets a lone “-word” through", code == 0 and len(out2.splitlines()) == 3,
      code, out2, err)


def query_json(command, expr, *extra):
    code, out, err = run(command, "--json", *extra, expr)
    try:
        return code, json.loads(out), err
    except ValueError as e:
        return code, None, f"{e}: {out!r} {err}"


code, doc, err = query_json("query", "he - she + her", "-n", "5")
check("--json is one valid JSON document, exit 0", code == 0 and doc is not None, code, err)
if doc is not None:
    check("… with the command, the model, the query and how it was read",
          doc["command"] == "query" and doc["model"]["path"] == GLOVE
          and doc["model"]["words"] == 76 and doc["model"]["dimensions"] == 50
          and doc["query"] == "he - she + her" and doc["kind"] == "arithmetic"
          and doc["expression"] == "he - she + her" and doc["method"] == "most_similar"
          and doc["topn"] == 5, doc)
    check("… the terms with their weights and spans",
          [(t["word"], t["weight"], t["start"], t["end"]) for t in doc["terms"]]
          == [("he", 1.0, 0, 2), ("she", -1.0, 5, 8), ("her", 1.0, 11, 14)], doc["terms"])
    check("… and 5 results with rank, word, score",
          [r["rank"] for r in doc["results"]] == [1, 2, 3, 4, 5]
          and all(isinstance(r["word"], str) and isinstance(r["score"], float)
                  for r in doc["results"]), doc["results"])

code, doc, err = query_json("query", "she:he::her:?")
check("an analogy reads as b - a + c, with its roles in --json",
      code == 0 and doc["kind"] == "analogy"
      and doc["analogy"] == {"a": "she", "b": "he", "c": "her"}
      and doc["expression"] == "she : he :: her : ?", code, doc, err)
code, doc2, err = query_json("query", "he - she + her")
check("… and gives the same answer as he - she + her",
      doc is not None and doc2 is not None and doc["results"] == doc2["results"], doc, doc2)

code, doc, err = query_json("query", "said")
check("one word: its neighbours", code == 0 and doc["kind"] == "neighbors"
      and len(doc["results"]) == 10 and "said" not in [r["word"] for r in doc["results"]], doc)

code, out, err = run("query", "kingg + he")
check("an unknown word exits 1", code == 1, code, out, err)
check("… with a message naming it, on stderr", "“kingg” is not in the model." in err and out == "",
      err, out)
code, out, err = run("query", "Said - He")
lines = err.splitlines()
check("… and suggestions, other casings first, one line a word, then the words marked",
      code == 1 and len(lines) == 4
      and lines[0] == "wordspace-cli: “Said” is not in the model. Did you mean: said, and, had?"
      and lines[1].startswith("wordspace-cli: “He” is not in the model. Did you mean: he, the")
      and lines[2] == "  Said - He" and lines[3] == "  ^~~~   ^~", err)
code, doc, err = query_json("query", "Said - He")
check("… listed in the --json document too",
      code == 1 and doc is not None and doc["error"]["code"] == "unknown-word"
      and [(u["word"], u["start"], u["end"], u["suggestions"][0]) for u in doc["error"]["unknown"]]
      == [("Said", 0, 4, "said"), ("He", 7, 9, "he")], doc, err)

code, out, err = run("cosmul", "2*he - she")
check("cosmul refuses weights, exit 1", code == 1 and "3CosMul takes no weights" in err, code, err)

code, out, err = run("query", "é", "--restrict-vocab", "5")
check("--restrict-vocab 5 searches the first 5 words only",
      code == 0 and {ROW.match(l).group(2) for l in out.splitlines()} <= {"the", "ö", "é", "हु", "ü"}
      and len(out.splitlines()) == 4, out, err)

# --- The same answers as gensim ---------------------------------------------

try:
    from gensim.models import KeyedVectors
except ImportError as e:
    KeyedVectors = None
    skip("parity with gensim", f"gensim is missing ({e})")

EXPRESSIONS = [
    ("query", "he - she + her", []),
    ("query", "he + her - she", []),
    ("query", "she : he :: her : ?", []),
    ("query", "said", ["-n", "20"]),
    ("query", "-year + people", []),
    ("query", "-year", ["--"]),
    ("query", "2*new - 0.5 year + first", ["-n", "15"]),
    ("query", "two - (one - first)", []),
    ("query", "ö + é", ["--restrict-vocab", "40"]),
    ("query", "people, year, percent", []),
    ("cosmul", "he - she + her", []),
    ("cosmul", "she:he::her:?", ["-n", "25"]),
    ("cosmul", "would", []),
]

if KeyedVectors is not None:
    kv = KeyedVectors.load_word2vec_format(GLOVE, binary=False, no_header=True)
    for command, expr, extra in EXPRESSIONS:
        code, doc, err = query_json(command, expr, *extra)
        if code != 0 or doc is None:
            report(False, f"{command} {expr!r} answers", f"{code} {err}")
            continue
        topn = doc["topn"]
        restrict = doc["restrict_vocab"] or None
        # gensim's call, as a person writes it: positive words, then negative.
        pos = [(t["word"], t["weight"]) for t in doc["terms"] if t["weight"] > 0]
        neg = [(t["word"], t["weight"]) for t in doc["terms"] if t["weight"] < 0]
        if command == "cosmul":
            want = kv.most_similar_cosmul(positive=[w for w, _ in pos],
                                          negative=[w for w, _ in neg],
                                          topn=topn, restrict_vocab=restrict)
        else:
            want = kv.most_similar(positive=pos, negative=neg, topn=topn,
                                   restrict_vocab=restrict)
        got = [(r["word"], r["score"]) for r in doc["results"]]
        same = (len(got) == len(want)
                and all(g[0] == w[0] and abs(g[1] - w[1]) <= 1e-5 for g, w in zip(got, want)))
        report(same, f"{command} {expr!r} {' '.join(extra)}: the words and scores gensim gives",
               f"wordspace: {got}\ngensim:    {want}")

# The same on other shared files, with words taken from their first rows.
OTHER_FILES = [
    ("pang_lee_polarity_fasttext.vec", False, False),
    ("crime-and-punishment.vec", False, False),
    ("euclidean_vectors.bin", True, False),
    ("word2vec_pre_kv_c", False, False),
    ("lee_fasttext.vec", False, False),
]
PLAIN = re.compile(r"^\w[\w'.]*$")

if KeyedVectors is not None:
    for name, binary, no_header in OTHER_FILES:
        path = os.path.join(DATA, name)
        if not os.path.isfile(path):
            skip(f"parity on {name}", "file absent")
            continue
        utf8 = "strict"
        try:
            kv = KeyedVectors.load_word2vec_format(path, binary=binary, no_header=no_header)
        except UnicodeDecodeError:
            # A file with invalid UTF-8 (pang_lee…): both replace the bytes.
            utf8 = "replace"
            kv = KeyedVectors.load_word2vec_format(path, binary=binary, no_header=no_header,
                                                   unicode_errors="replace")
        plain = [w for w in kv.index_to_key[5:200] if PLAIN.match(w) and not w.isdigit()]
        a, b, c = plain[0], plain[7], plain[11]
        cases = [
            ("query", f"{a} - {b} + {c}", kv.most_similar(positive=[a, c], negative=[b])),
            ("query", f"{b} : {a} :: {c} : ?", kv.most_similar(positive=[a, c], negative=[b])),
            ("query", a, kv.most_similar(a)),
            ("cosmul", f"{a} - {b} + {c}",
             kv.most_similar_cosmul(positive=[a, c], negative=[b])),
        ]
        for command, expr, want in cases:
            code, out, err = run(command, "--json", "--utf8", utf8, expr, model=path)
            try:
                got = [(r["word"], r["score"]) for r in json.loads(out)["results"]]
            except (ValueError, KeyError) as e:
                report(False, f"{name}: {command} {expr!r}", f"{code} {e} {err}")
                continue
            same = (len(got) == len(want)
                    and all(g[0] == w[0] and abs(g[1] - w[1]) <= 1e-5
                            for g, w in zip(got, want)))
            report(same, f"{name}: {command} {expr!r}: the words and scores gensim gives",
                   f"wordspace: {got}\ngensim:    {want}")

print(f"1..{count}")
sys.exit(1 if failed else 0)
