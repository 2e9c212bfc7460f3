#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Extract plain, tokenised English text from Debian-packaged sources.

Usage: extract-corpus.py SOURCE [OUTPUT]

SOURCE is one of: gcide, wordnet, kjv, web, austen, foldoc, jargon, fortunes.
Writes one sentence per line: lowercased words (letters, digits and inner
apostrophes) separated by single spaces. The packages must be installed
(make-corpus.sh does that); see README.md for what each source is.
"""

import glob
import gzip
import os
import re
import subprocess
import sys

DICTD = "/usr/share/dictd"
WORDNET = "/usr/share/wordnet"
FORTUNES = "/usr/share/games/fortunes"

# A word: letters or digits, with apostrophes only inside ("don't", "god's").
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# A sentence ends at . ! ? or ; followed by space; "e.g. " stays rare enough.
SENTENCE = re.compile(r"(?<=[.!?;])\s+")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def tokenise(paragraph):
    """Yields one list of words per sentence of @paragraph."""
    text = paragraph.translate(APOSTROPHES).lower()
    for sentence in SENTENCE.split(text):
        words = WORD.findall(sentence)
        if words:
            yield words


def paragraphs_of(text):
    """Blocks separated by blank lines, each joined into one line."""
    for block in re.split(r"\n\s*\n", text):
        joined = " ".join(block.split())
        if joined:
            yield joined


def dictd(name):
    """A dictd database: entries are blank-line separated blocks."""
    with gzip.open(os.path.join(DICTD, name + ".dict.dz"), "rt",
                   encoding="utf-8", errors="replace") as f:
        text = f.read()
    for para in paragraphs_of(text):
        if para.startswith("00-database") or para.startswith("00database"):
            continue
        para = re.sub(r"\\[^\\]{0,80}\\", " ", para)           # \pro*nun"ci*a`tion\
        para = re.sub(r"\[(?:[^\]]{0,60}(?:Webster|WordNet|PJC|Century|Obs|R\.|F\.)[^\]]{0,60})\]",
                      " ", para)                                  # [1913 Webster]
        para = re.sub(r"\b(?:Syn|Note|Etym):", " ", para)
        yield para


def gcide():
    yield from dictd("gcide")


def foldoc():
    yield from dictd("foldoc")


def jargon():
    yield from dictd("jargon")


def wordnet():
    """The gloss of every synset: definitions and quoted examples."""
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(WORDNET, "data." + pos), encoding="utf-8",
                  errors="replace") as f:
            for line in f:
                if line.startswith("  "):            # the licence header
                    continue
                _, bar, gloss = line.partition(" | ")
                if not bar:
                    continue
                for part in gloss.split(";"):
                    part = part.strip().strip('"')
                    if part:
                        yield part


def sword(module):
    """A SWORD bible module, verse by verse, through diatheke."""
    out = subprocess.run(
        ["diatheke", "-b", module, "-k", "Genesis 1:1-Revelation of John 22:21"],
        check=True, capture_output=True, text=True, errors="replace").stdout
    for line in out.splitlines():
        line = re.sub(r"<note\b.*?</note>", " ", line)
        line = re.sub(r"<title\b.*?</title>", " ", line)
        line = re.sub(r"<[^>]*>", " ", line)
        line = re.sub(r"^.*?\d+:\d+:\s*", "", line, count=1)   # "Genesis 1:1: "
        if line.startswith("(") and line.endswith(")"):
            continue                                            # "(engWEB2015eb)"
        yield line


def kjv():
    yield from sword("engKJV2006eb")


def web():
    yield from sword("engWEB2015eb")


AUSTEN_NOVELS = ("sensesensibility", "prideprejudice", "mansfieldpark",
                 "emma", "northangerabbey", "persuasion")


def austen():
    """Jane Austen's six novels from the R package janeaustenr."""
    script = ("suppressMessages(library(janeaustenr)); "
              "for (n in c(%s)) writeLines(c(get(n), ''))"
              % ", ".join('"%s"' % n for n in AUSTEN_NOVELS))
    out = subprocess.run(["Rscript", "-e", script], check=True,
                         capture_output=True, text=True, errors="replace").stdout
    yield from paragraphs_of(out)


def fortunes():
    """Every fortune file of fortunes and fortunes-min; % separates them."""
    for path in sorted(glob.glob(os.path.join(FORTUNES, "*"))):
        name = os.path.basename(path)
        if (name.endswith((".dat", ".u8")) or os.path.isdir(path)
                or name == "ascii-art"):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for cookie in re.split(r"^%\s*$", text, flags=re.M):
            yield from paragraphs_of(cookie)


SOURCES = {
    "gcide": gcide, "wordnet": wordnet, "kjv": kjv, "web": web,
    "austen": austen, "foldoc": foldoc, "jargon": jargon, "fortunes": fortunes,
}


def main(argv):
    if len(argv) not in (2, 3) or argv[1] not in SOURCES:
        sys.stderr.write(__doc__)
        return 2
    out = open(argv[2], "w", encoding="utf-8") if len(argv) == 3 else sys.stdout
    n = 0
    with out:
        for para in SOURCES[argv[1]]():
            for words in tokenise(para):
                out.write(" ".join(words))
                out.write("\n")
                n += len(words)
    sys.stderr.write("%s: %d tokens\n" % (argv[1], n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
