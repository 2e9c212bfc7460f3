#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli and the model cache (TAP).

A first command parses the file and writes the cache (in $XDG_CACHE_HOME,
here a temporary folder, never beside the file); the next one reopens it,
says so in `info` and --json, and answers the same; --no-cache parses again.
"""
import json
import os
import struct
import sys
import tempfile
import time

from tapcli import check, cli_missing, report, run as run_cli


def run(env, *args):
    """Runs wordspace-cli with $XDG_CACHE_HOME from @env."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
    try:
        return run_cli(*args)
    finally:
        if saved is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = saved


def main():
    if cli_missing():
        return 0

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-cache-")
    model_dir = os.path.join(tmp.name, "models")
    os.mkdir(model_dir)
    model = os.path.join(model_dir, "small.bin")
    words = ["king", "queen", "man", "woman", "apple", "pear", "plum", "car"]
    dim = 4
    with open(model, "wb") as f:
        f.write(b"%d %d\n" % (len(words), dim))
        for i, w in enumerate(words):
            vals = [((i * 7 + j * 3) % 11) / 5.0 - 1.0 for j in range(dim)]
            f.write(w.encode() + b" " + struct.pack("<%df" % dim, *vals) + b"\n")
    # A file written just now is not cached yet (a same-size rewrite in the
    # same clock tick would go unseen): make it an hour old.
    old = time.time() - 3600
    os.utime(model, (old, old))

    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = os.path.join(tmp.name, "cache-home")

    rc, out, err = run(env, "info", "--json", "-m", model)
    first = json.loads(out) if rc == 0 else {}
    check("first info succeeds", rc == 0, err)
    check("first info parsed the file", first.get("model", {}).get("from_cache") is False, out)
    cache_dir = os.path.join(env["XDG_CACHE_HOME"], "wordspace")
    files = os.listdir(cache_dir) if os.path.isdir(cache_dir) else []
    check("the cache is written in $XDG_CACHE_HOME/wordspace",
          len([f for f in files if f.endswith(".wsvc")]) == 1, repr(files))
    check("nothing is written beside the model", os.listdir(model_dir) == ["small.bin"],
          repr(os.listdir(model_dir)))

    rc, out, err = run(env, "info", "--json", "-m", model)
    second = json.loads(out) if rc == 0 else {}
    check("second info reopens the cache", second.get("model", {}).get("from_cache") is True, out)
    check("same words from the cache", second.get("first_words") == first.get("first_words"),
          out)

    rc, out, err = run(env, "info", "-m", model)
    check("info says the model came from the cache",
          rc == 0 and "reopened from the model cache" in out, out)

    rc, out, err = run(env, "info", "--no-cache", "-m", model)
    check("--no-cache parses the file", rc == 0 and "parsed from the file" in out, out + err)

    rc, cached, err = run(env, "neighbors", "--json", "-m", model, "king")
    rc2, parsed, err2 = run(env, "neighbors", "--json", "--no-cache", "-m", model, "king")
    ok = rc == 0 and rc2 == 0
    a = json.loads(cached) if ok else {}
    b = json.loads(parsed) if ok else {}
    check("same answer from the cache and from the file",
          ok and a.get("results") == b.get("results") and a.get("results"),
          cached + err + parsed + err2)

    # The cache follows the file: a changed model is parsed again.
    with open(model, "ab") as f:
        f.write(b"extra " + struct.pack("<4f", 1, 2, 3, 4) + b"\n")
    with open(model, "r+b") as f:
        f.write(b"%d %d\n" % (len(words) + 1, dim))
    os.utime(model, (old + 10, old + 10))
    rc, out, err = run(env, "info", "--json", "-m", model)
    third = json.loads(out) if rc == 0 else {}
    check("a changed file is parsed again",
          third.get("model", {}).get("from_cache") is False and
          third.get("model", {}).get("words") == len(words) + 1, out + err)

    # An unusable cache folder never stops a command.
    env_bad = dict(env)
    env_bad["XDG_CACHE_HOME"] = os.path.join(tmp.name, "a-file")
    with open(env_bad["XDG_CACHE_HOME"], "w") as f:
        f.write("not a folder")
    rc, out, err = run(env_bad, "info", "-m", model)
    check("an unusable cache folder is no error", rc == 0 and "parsed from the file" in out,
          out + err)

    return report()


if __name__ == "__main__":
    sys.exit(main())
