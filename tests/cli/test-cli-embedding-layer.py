#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli embedding-layer: torch's weights and printout, JSON, errors (TAP).

The seed notebook's cells (torch.manual_seed(123); torch.nn.Embedding(6, 3),
its weight, and the rows of ids [2, 3, 5, 1]) are checked against the text
the notebook shows. When python3-torch is installed, the text of many more
layers is compared with what torch itself prints, for both kernels: sizes
below and above torch's 16-value threshold, rows that wrap at 80 columns,
matrices past 1000 values that torch summarises with "...", values that
switch torch to scientific notation, seeds up to 2**64 - 1 and negative ones.
"""
import json
import os
import subprocess
import sys

from tapcli import PYTHON, check, cli_missing, report, run, skip

NOTEBOOK = """Parameter containing:
tensor([[ 0.3374, -0.1778, -0.1690],
        [ 0.9178,  1.5810,  1.3010],
        [ 1.2753, -0.2010, -0.1606],
        [-0.4015,  0.9666, -1.1481],
        [-1.1589,  0.3255, -0.6315],
        [-2.8400, -0.7849, -1.4096]], requires_grad=True)

tensor([[ 1.2753, -0.2010, -0.1606],
        [-0.4015,  0.9666, -1.1481],
        [-2.8400, -0.7849, -1.4096],
        [ 0.9178,  1.5810,  1.3010]], grad_fn=<EmbeddingBackward0>)
"""

# (V, D, seed, ids)
CASES = [
    (6, 3, 123, "2,3,5,1"),
    (5, 3, 123, "0,4"),            # 15 values: torch's double path
    (1, 1, 0, "0"),
    (2, 2, 5, "1"),
    (4, 5, 1027, "3"),             # a value below 1e-4: scientific notation
    (3, 3, 19, "0,1,2"),           # magnitudes a factor 1000 apart
    (10, 100, 1, "9,0"),           # 1000 values, not summarised: rows wrap
    (3, 400, 2, "1"),              # summarised columns only
    (40, 30, 3, "0,39,5,5,5,5,5,5,5"),
    (1000, 300, 7, "1,2,3,4,5,6,7"),
    (50000, 3, 42, "49999"),
    (7, 7, 18446744073709551615, "6"),
    (7, 7, -1, "6"),
    (20, 9, 2147483648, "19,0"),
]

ORACLE = r"""
import json, sys
try:
    import torch
except ImportError:
    sys.exit(77)
show = torch.__config__.show()
capability = [l.split(":", 1)[1].strip() for l in show.splitlines() if "CPU capability usage:" in l]
out = {"capability": capability[0] if capability else "unknown", "texts": []}
for v, d, seed, ids in json.loads(sys.argv[1]):
    torch.manual_seed(seed)
    layer = torch.nn.Embedding(v, d)
    rows = layer(torch.tensor([int(i) for i in ids.split(",")]))
    out["texts"].append(repr(layer.weight) + "\n\n" + repr(rows) + "\n")
print(json.dumps(out))
"""


def torch_texts(capability):
    """torch's printouts of CASES under ATEN_CPU_CAPABILITY=capability, or None."""
    env = dict(os.environ, ATEN_CPU_CAPABILITY=capability, OMP_NUM_THREADS="1")
    p = subprocess.run([PYTHON, "-c", ORACLE, json.dumps(CASES)], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if p.returncode == 77:
        return None, "python3-torch is not installed"
    if p.returncode != 0:
        return None, "torch failed: " + p.stderr.decode()
    return json.loads(p.stdout), None


def cli_text(v, d, seed, ids, kernel):
    return run("embedding-layer", "--vocab-size", str(v), "--dim", str(d), "--seed", str(seed),
               "--ids", ids, "--kernel", kernel)


def check_against_torch():
    for capability, kernel, vector in (("avx2", "vector", True), ("default", "scalar", False)):
        oracle, why = torch_texts(capability)
        if oracle is None:
            skip("%s kernel: text equals torch's printout" % kernel, why)
            continue
        runs_vector = oracle["capability"] in ("AVX2", "AVX512")
        if runs_vector != vector:
            skip("%s kernel: text equals torch's printout" % kernel,
                 "torch runs its %s kernels on this processor" % oracle["capability"])
            continue
        for (v, d, seed, ids), expected in zip(CASES, oracle["texts"]):
            code, out, err = cli_text(v, d, seed, ids, kernel)
            check("%s kernel, V=%d D=%d seed=%d ids=%s: torch's printout" % (kernel, v, d, seed, ids),
                  code == 0 and out == expected,
                  "exit %d %s\n--- ours\n%s--- torch\n%s" % (code, err, out, expected))


def check_notebook():
    for kernel in ("vector", "scalar"):
        code, out, err = cli_text(6, 3, 123, "2,3,5,1", kernel)
        check("%s kernel: the notebook's cells" % kernel, code == 0 and out == NOTEBOOK,
              "exit %d %s\n%s" % (code, err, out))
    code, out, err = run("embedding-layer", "-V", "6", "-D", "3", "-s", "123")
    check("without --ids only the weight",
          code == 0 and out == NOTEBOOK.split("\n\n")[0] + "\n", out)
    env_code, env_out, _ = run_locale("de_DE.UTF-8", "embedding-layer", "-V", "6", "-D", "3",
                                      "-s", "123", "--ids", "2,3,5,1")
    check("a German locale still prints 0.3374", env_code == 0 and env_out == NOTEBOOK, env_out)


def run_locale(locale, *args):
    saved = os.environ.get("LC_ALL")
    os.environ["LC_ALL"] = locale
    try:
        return run(*args)
    finally:
        if saved is None:
            del os.environ["LC_ALL"]
        else:
            os.environ["LC_ALL"] = saved


def check_json():
    code, out, err = run("embedding-layer", "--vocab-size", "6", "--dim", "3", "--seed", "123",
                         "--ids", "[2, 3, 5, 1]", "--json")
    check("--json exits 0", code == 0, err)
    if code != 0:
        return
    doc = json.loads(out)
    weight = doc["weight"]
    check("--json weight is 6 x 3", len(weight) == 6 and all(len(r) == 3 for r in weight))
    check("--json weight [0] is torch's 0.33737018704414368 (float32 0x1.597792p-2)",
          weight[0][0] == float.fromhex("0x1.597792p-2"), weight[0])
    check("--json weight prints as the notebook's",
          ["%.4f" % x for x in weight[5]] == ["-2.8400", "-0.7849", "-1.4096"], weight[5])
    check("--json ids", doc["ids"] == [2, 3, 5, 1], doc["ids"])
    check("--json rows are the weight's rows 2, 3, 5, 1",
          doc["rows"] == [weight[2], weight[3], weight[5], weight[1]], doc["rows"])
    check("--json seed, kernel, sizes",
          (doc["seed"], doc["kernel"], doc["vocab_size"], doc["dim"]) == ("123", "vector", 6, 3), doc)
    check("--json cost: lookup 0 multiplications and 12 copies, one-hot 4 x 6 x 3 = 72",
          doc["cost"] == {"lookup_multiplications": 0, "lookup_copies": 12,
                          "one_hot_entries": 24, "one_hot_multiplications": 72,
                          "one_hot_additions": 60}, doc["cost"])
    check("--json the one-hot product equals the lookup", doc["one_hot_product_equals_lookup"] is True)

    code, out, err = run("embedding-layer", "-V", "3", "-D", "2", "-s", "-1", "--json")
    doc = json.loads(out) if code == 0 else {}
    check("--json without ids: empty ids and rows, seed -1 as torch's 18446744073709551615",
          code == 0 and doc["ids"] == [] and doc["rows"] == []
          and doc["seed"] == "18446744073709551615", out + err)


def check_errors():
    cases = [
        (("--ids", "2,x,5"), 1, "wordspace-cli: Token ids: “x” at byte 2 is not a whole number ≥ 0 (write ids as 2,3,5,1)\n"),
        (("--ids", "2,6"), 1, "wordspace-cli: Token id 6 (number 2 in the list) is out of range: a vocabulary of 6 has ids 0 to 5\n"),
        (("--ids", "-1"), 1, "wordspace-cli: Token ids: “-1” at byte 0 is not a whole number ≥ 0 (write ids as 2,3,5,1)\n"),
        (("--ids", " "), 1, "wordspace-cli: Token ids: the list is empty\n"),
        (("--kernel", "gpu"), 2, "wordspace-cli embedding-layer: --kernel takes vector or scalar, not “gpu”\n"),
        (("extra",), 2, "wordspace-cli embedding-layer: unexpected argument “extra”; ids are given with --ids LIST\n"),
    ]
    for extra, want_code, want_err in cases:
        code, out, err = run("embedding-layer", "-V", "6", "-D", "3", "-s", "123", *extra)
        check("%s: exit %d and a clear message" % (" ".join(extra), want_code),
              code == want_code and err == want_err and out == "", "exit %d\n%s" % (code, err))

    usage = [
        ("-V", "6", "-D", "3"),
        ("-V", "0", "-D", "3", "-s", "1"),
        ("-V", "6", "-D", "-2", "-s", "1"),
        ("-V", "six", "-D", "3", "-s", "1"),
        ("-V", "6", "-D", "3", "-s", "1.5"),
        ("-V", "6", "-D", "3", "-s", "18446744073709551616"),
    ]
    for args in usage:
        code, out, err = run("embedding-layer", *args)
        check("%s: usage error, exit 2" % " ".join(args),
              code == 2 and out == "" and err.startswith("wordspace-cli embedding-layer: "),
              "exit %d\n%s" % (code, err))


def main():
    if cli_missing():
        return 0
    check_notebook()
    check_json()
    check_errors()
    check_against_torch()
    return report()


sys.exit(main())
