#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""wordspace-cli models and download, against a server on 127.0.0.1 (TAP).

The catalogue ($WORDSPACE_CATALOGUE) points at generated models served by an
HTTP server in this script, bound to the loopback address only. Checked: a
download with progress and its md5; a resume after the server drops the
connection halfway; a wrong md5; a 404; Ctrl+C and a resume in a new run;
no room (RLIMIT_FSIZE), before the start and while writing; --model NAME;
the models gensim's downloader left in ~/gensim-data and $GENSIM_DATA_DIR.
"""
import gzip
import hashlib
import http.server
import json
import os
import random
import resource
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

from tapcli import CLI, check, cli_missing, report


def make_model(n_words, dim, seed):
    """A word2vec binary model, gzipped: bytes."""
    rng = random.Random(seed)
    out = [b"%d %d\n" % (n_words, dim)]
    for i in range(n_words):
        vals = [rng.uniform(-1, 1) for _ in range(dim)]
        out.append(b"w%d " % i + struct.pack("<%df" % dim, *vals) + b"\n")
    return gzip.compress(b"".join(out), mtime=0)


class Files:
    """What the server serves, how, and the requests it saw."""
    blobs = {}        # name -> bytes
    mode = {}         # name -> "plain" | "drop" | "slow"
    dropped = set()   # names whose first answer was cut halfway
    requests = []     # (name, Range header or None)
    lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle(self):
        # A client stopped by Ctrl+C closes mid-answer: not an error here.
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        name = self.path.strip("/").split("/")[-1]
        if name.endswith(".gz"):
            name = name[:-3]
        rng = self.headers.get("Range")
        with Files.lock:
            Files.requests.append((name, rng))
        blob = Files.blobs.get(name)
        if blob is None:
            self.send_error(404, "Not Found")
            return
        start = 0
        if rng is not None and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
        if start >= len(blob):
            self.send_response(416)
            self.send_header("Content-Range", "bytes */%d" % len(blob))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = blob[start:]
        self.send_response(206 if start > 0 else 200)
        if start > 0:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(blob) - 1, len(blob)))
        self.send_header("Content-Type", "application/gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        mode = Files.mode.get(name, "plain")
        try:
            if mode == "drop" and name not in Files.dropped:
                Files.dropped.add(name)
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            if mode == "slow":
                for i in range(0, len(body), 8192):
                    self.wfile.write(body[i:i + 8192])
                    self.wfile.flush()
                    time.sleep(0.02)
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def requests_for(name):
    with Files.lock:
        return [r for r in Files.requests if r[0] == name]


def main():
    if cli_missing():
        return 0

    tmp = tempfile.TemporaryDirectory(prefix="wordspace-cli-models-")
    root = tmp.name
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]

    n_words, dim = 3000, 50
    for i, name in enumerate(["good", "drop", "badmd5", "slow", "nosize", "big"]):
        Files.blobs[name] = make_model(n_words, dim, seed=i)
    Files.mode.update(drop="drop", slow="slow")
    gensim_blob = make_model(200, 10, seed=42)

    def entry(name, **over):
        blob = Files.blobs.get(name, b"")
        e = {"name": name, "num_records": n_words, "dimension": dim,
             "file_size": len(blob), "checksum": hashlib.md5(blob).hexdigest(),
             "license": "PDDL", "description": "generated for the test",
             "url": "%s/%s/%s.gz" % (base, name, name)}
        e.update(over)
        return e

    catalogue = {"models": [
        entry("good"), entry("drop"), entry("slow"),
        entry("badmd5", checksum="0" * 32),
        entry("missing", file_size=1000, checksum="1" * 32),
        entry("nosize", file_size=0),
        entry("big", file_size=50 * 1024 * 1024, checksum="2" * 32),
        entry("gensimmodel", num_records=200, dimension=10, file_size=len(gensim_blob),
              checksum=hashlib.md5(gensim_blob).hexdigest()),
        entry("elsewhere", num_records=200, dimension=10, file_size=len(gensim_blob),
              checksum=hashlib.md5(gensim_blob).hexdigest()),
    ]}
    cat_path = os.path.join(root, "catalogue.json")
    with open(cat_path, "w") as f:
        json.dump(catalogue, f)

    env = dict(os.environ)
    env["WORDSPACE_CATALOGUE"] = cat_path
    env["XDG_DATA_HOME"] = os.path.join(root, "data")
    env["XDG_CACHE_HOME"] = os.path.join(root, "cache")
    env["HOME"] = os.path.join(root, "home")
    env.pop("GENSIM_DATA_DIR", None)
    env.pop("WORDSPACE_MODEL", None)
    # Nothing here may leave the machine: no proxy either.
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(var, None)
    env["no_proxy"] = "*"
    models_dir = os.path.join(env["XDG_DATA_HOME"], "wordspace", "models")
    os.makedirs(env["HOME"])

    def run(*args, extra_env=None, preexec=None, timeout=60):
        e = dict(env)
        e.update(extra_env or {})
        p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, env=e, timeout=timeout,
                           preexec_fn=preexec)
        return p.returncode, p.stdout.decode(), p.stderr.decode()

    def here(name):
        return os.path.join(models_dir, name + ".gz")

    def part(name):
        return os.path.join(models_dir, name + ".gz.part")

    def read(path):
        with open(path, "rb") as f:
            return f.read()

    # The list, before anything is here.
    rc, out, err = run("models", "--json")
    doc = json.loads(out) if rc == 0 else {}
    names = [m["name"] for m in doc.get("models", [])]
    check("models --json lists the catalogue in its order",
          rc == 0 and names == [m["name"] for m in catalogue["models"]], out + err)
    good = next((m for m in doc.get("models", []) if m["name"] == "good"), {})
    check("models --json gives records, dimensions, size, licence, md5",
          good.get("records") == n_words and good.get("dimensions") == dim and
          good.get("file_size") == len(Files.blobs["good"]) and good.get("license") == "PDDL" and
          good.get("md5") == hashlib.md5(Files.blobs["good"]).hexdigest() and
          good.get("here") is False and good.get("path") is None, good)
    rc, out, err = run("models")
    line = next((l for l in out.splitlines() if l.startswith("good ")), "")
    check("models prints a row per model: name, records, dimensions, size, licence, here",
          rc == 0 and line.split()[:4] == ["good", str(n_words), str(dim)] + line.split()[3:4] and
          "PDDL" in line and line.rstrip().endswith("no"), out + err)

    # --model NAME before the download: a clear error naming the command.
    rc, out, err = run("info", "--model", "good")
    check("--model NAME not yet here fails with exit 3 and says how to get it",
          rc == 3 and "wordspace-cli download good" in err, (rc, err))

    # A download.
    rc, out, err = run("download", "good")
    check("download succeeds", rc == 0, (rc, out, err))
    check("the file is in $XDG_DATA_HOME/wordspace/models, byte for byte",
          os.path.exists(here("good")) and read(here("good")) == Files.blobs["good"])
    check("no .part is left", not os.path.exists(part("good")))
    check("progress on stderr: bytes of the size, percent",
          "of" in err and "%" in err and "good:" in err, err)
    check("the result names the md5 checked",
          hashlib.md5(Files.blobs["good"]).hexdigest() in out, out)
    n_before = len(requests_for("good"))
    rc, out, err = run("download", "good", "--json")
    doc = json.loads(out) if rc == 0 else {}
    check("a second download finds it here and asks the server nothing",
          rc == 0 and doc.get("already_here") is True and len(requests_for("good")) == n_before,
          (rc, out, err))

    # --model NAME resolves to the downloaded file.
    rc, out, err = run("info", "--json", "--model", "good")
    doc = json.loads(out) if rc == 0 else {}
    model = doc.get("model", {})
    check("--model NAME opens the downloaded model",
          rc == 0 and model.get("path") == here("good") and model.get("words") == n_words and
          model.get("dimensions") == dim and model.get("compressed") is True, (rc, out, err))
    rc, out, err = run("has", "w7", "--model", "good")
    check("a query on --model NAME answers", rc == 0, (rc, out, err))
    rc, out, err = run("info", "--json", extra_env={"WORDSPACE_MODEL": "good"})
    doc = json.loads(out) if rc == 0 else {}
    check("$WORDSPACE_MODEL takes a name too",
          rc == 0 and doc.get("model", {}).get("path") == here("good"), (rc, out, err))
    rc, out, err = run("models", "--json")
    doc = json.loads(out) if rc == 0 else {}
    good = next((m for m in doc.get("models", []) if m["name"] == "good"), {})
    check("models marks it here, with its path",
          good.get("here") is True and good.get("path") == here("good"), good)
    rc, out, err = run("info", "--model", "no-such-file-or-model")
    check("--model with an unknown name is a missing file (exit 3)",
          rc == 3 and "no-such-file-or-model" in err, (rc, err))

    # The server drops the connection halfway: resumed with a Range request.
    rc, out, err = run("download", "drop")
    reqs = requests_for("drop")
    half = (len(Files.blobs["drop"])) // 2
    check("a dropped connection is resumed and the download succeeds",
          rc == 0 and read(here("drop")) == Files.blobs["drop"], (rc, out, err))
    check("the resume asks for the bytes after the first half (HTTP Range)",
          len(reqs) == 2 and reqs[0][1] is None and reqs[1][1] == "bytes=%d-" % half, reqs)

    # A wrong md5: deleted, and said so.
    rc, out, err = run("download", "badmd5")
    check("a wrong md5 fails (exit 4) and says the file was deleted",
          rc == 4 and "md5" in err and "deleted" in err and "0" * 32 in err, (rc, err))
    check("nothing of it is left",
          not os.path.exists(here("badmd5")) and not os.path.exists(part("badmd5")))

    # A 404.
    rc, out, err = run("download", "missing")
    check("a 404 fails (exit 4) naming the status and the address",
          rc == 4 and "404" in err and base + "/missing/missing.gz" in err, (rc, err))
    check("nothing is left after a 404",
          not os.path.exists(here("missing")) and not os.path.exists(part("missing")))
    rc, out, err = run("download", "nonesuch")
    check("an unknown name is a usage error pointing at `models`",
          rc == 2 and "models" in err, (rc, err))

    # Ctrl+C: cancelled cleanly, the .part kept, and a new run resumes.
    e = dict(env)
    p = subprocess.Popen([CLI, "download", "slow"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, env=e)
    deadline = time.time() + 30
    while time.time() < deadline and (not os.path.exists(part("slow")) or
                                      os.path.getsize(part("slow")) < 60000):
        time.sleep(0.02)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    err = err.decode()
    kept = os.path.getsize(part("slow")) if os.path.exists(part("slow")) else 0
    check("SIGINT cancels the download (exit 130) and says how to resume",
          p.returncode == 130 and "cancelled" in err and "wordspace-cli download slow" in err,
          (p.returncode, err))
    check("the .part is kept, partly filled",
          0 < kept < len(Files.blobs["slow"]) and not os.path.exists(here("slow")), kept)
    rc, out, err = run("download", "slow")
    reqs = requests_for("slow")
    check("a new run resumes from the .part and succeeds",
          rc == 0 and read(here("slow")) == Files.blobs["slow"], (rc, err))
    check("the new run asked for the bytes after the kept ones",
          len(reqs) == 2 and reqs[1][1] == "bytes=%d-" % kept, (reqs, kept))

    # No room: a 1 MiB file size limit against a 50 MiB model, found before
    # asking the server; and, with the size unknown, found while writing.
    def limit_files(n):
        return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))

    rc, out, err = run("download", "big", preexec=limit_files(1 << 20))
    check("too little room is found before the download starts",
          rc == 4 and "space" in err and not requests_for("big"), (rc, err, requests_for("big")))
    rc, out, err = run("download", "nosize", preexec=limit_files(100000))
    check("a write that hits the limit fails with the reason, keeping the .part",
          rc == 4 and "too large" in err.lower() and os.path.exists(part("nosize")) and
          not os.path.exists(here("nosize")), (rc, err))
    rc, out, err = run("download", "nosize")
    reqs = requests_for("nosize")
    check("without the limit the same download resumes and succeeds",
          rc == 0 and read(here("nosize")) == Files.blobs["nosize"] and
          reqs[-1][1] == "bytes=100000-", (rc, err, reqs))

    # Models gensim's downloader put in ~/gensim-data are found, not fetched.
    gdir = os.path.join(env["HOME"], "gensim-data", "gensimmodel")
    os.makedirs(gdir)
    with open(os.path.join(gdir, "gensimmodel.gz"), "wb") as f:
        f.write(gensim_blob)
    rc, out, err = run("models", "--json")
    doc = json.loads(out) if rc == 0 else {}
    gm = next((m for m in doc.get("models", []) if m["name"] == "gensimmodel"), {})
    check("a model in ~/gensim-data/NAME/NAME.gz is listed as here",
          gm.get("here") is True and gm.get("path") == os.path.join(gdir, "gensimmodel.gz"), gm)
    rc, out, err = run("models")
    check("the table shows it under ~/gensim-data",
          "~/gensim-data/gensimmodel/gensimmodel.gz" in out, out)
    rc, out, err = run("download", "gensimmodel")
    check("downloading it finds it there and fetches nothing",
          rc == 0 and "already" in out and not requests_for("gensimmodel"), (rc, out, err))
    rc, out, err = run("info", "--json", "--model", "gensimmodel")
    doc = json.loads(out) if rc == 0 else {}
    check("--model NAME opens gensim's copy",
          rc == 0 and doc.get("model", {}).get("words") == 200, (rc, out, err))

    # $GENSIM_DATA_DIR moves gensim's folder, as it does for gensim.
    other = os.path.join(root, "elsewhere-data")
    os.makedirs(os.path.join(other, "elsewhere"))
    with open(os.path.join(other, "elsewhere", "elsewhere.gz"), "wb") as f:
        f.write(gensim_blob)
    rc, out, err = run("models", "--json", extra_env={"GENSIM_DATA_DIR": other})
    doc = json.loads(out) if rc == 0 else {}
    em = next((m for m in doc.get("models", []) if m["name"] == "elsewhere"), {})
    gm = next((m for m in doc.get("models", []) if m["name"] == "gensimmodel"), {})
    check("$GENSIM_DATA_DIR is where gensim's models are looked for",
          em.get("here") is True and gm.get("here") is False, (em, gm))

    # A catalogue that can't be read says which file.
    rc, out, err = run("models", extra_env={"WORDSPACE_CATALOGUE": os.path.join(root, "nope.json")})
    check("an unreadable catalogue names the file", rc == 4 and "nope.json" in err, (rc, err))
    bad = os.path.join(root, "bad.json")
    with open(bad, "w") as f:
        f.write('{"models": [{"name": "a"}, {"nom": "b"}]}')
    rc, out, err = run("models", extra_env={"WORDSPACE_CATALOGUE": bad})
    check("a catalogue entry without a name is reported with its position",
          rc == 4 and "bad.json" in err and "model 2" in err, (rc, err))

    # The bundled model says what it is and where the better ones are
    # (with the shipped catalogue: its sizes and licences).
    shipped = {"WORDSPACE_CATALOGUE": ""}
    rc, out, err = run("info", extra_env=shipped)
    check("info on the bundled model says what it was trained on and why it leans biblical",
          rc == 0 and "the Bible and its commentaries" in out and "biblical" in out, (rc, out, err))
    check("info on the bundled model offers GloVe (modern English, PDDL) and the seed's model",
          "wordspace-cli download glove-wiki-gigaword-100 (134.3\xa0MB, PDDL)" in out and
          "wordspace-cli download word2vec-google-news-300 (1.7\xa0GB)" in out, out)
    rc, out, err = run("info", "--json", extra_env=shipped)
    doc = json.loads(out) if rc == 0 else {}
    check("info --json on the bundled model: bundled, about, better_models",
          doc.get("bundled") is True and "biblical" in doc.get("about", "") and
          [m["name"] for m in doc.get("better_models", [])] ==
          ["glove-wiki-gigaword-100", "word2vec-google-news-300"] and
          doc["better_models"][0]["file_size"] == 134300434, doc)
    rc, out, err = run("info", "--json", "--model", "good")
    doc = json.loads(out) if rc == 0 else {}
    check("info on another model says nothing of the bundled one",
          rc == 0 and "bundled" not in doc and "biblical" not in out, out)

    # Every request went to the loopback server; nothing else was asked for.
    check("the server saw only the expected names",
          {r[0] for r in Files.requests} <= {"good", "drop", "badmd5", "missing", "slow", "nosize"},
          Files.requests)
    server.shutdown()
    return report()


if __name__ == "__main__":
    sys.exit(main())
