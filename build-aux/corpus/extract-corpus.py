#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Extract plain, tokenised English text from Debian-packaged sources.

Usage: extract-corpus.py SOURCE [OUTPUT]

SOURCE is one of: gcide, wordnet, kjv, web, austen, foldoc, jargon, fortunes,
tdavid, mhcc, scofield, mobydick, devil, anarchism, handbook, reference,
python, perl, manpages (the last five, Debian's and the languages'
documentation, were tried and are not in the bundled model's corpus).
Writes one sentence per line: lowercased words (letters, digits and inner
apostrophes) separated by single spaces. The packages must be installed
(make-corpus.sh does that); see README.md for what each source is.
"""

import glob
import gzip
import html
import os
import re
import struct
import subprocess
import sys
import zlib

DICTD = "/usr/share/dictd"
WORDNET = "/usr/share/wordnet"
FORTUNES = "/usr/share/games/fortunes"
COMMENTARIES = "/usr/share/sword/modules/comments/zcom"

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


def sword(module, *extra_ranges):
    """A SWORD bible module, verse by verse, through diatheke: Genesis to
    Revelation, then @extra_ranges (books outside that range)."""
    out = ""
    for keys in ("Genesis 1:1-Revelation of John 22:21",) + extra_ranges:
        out += subprocess.run(
            ["diatheke", "-b", module, "-k", keys],
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
    # The deuterocanonical books (Tobit to IV Maccabees in the module's NRSVA
    # versification) lie outside Genesis-Revelation: diatheke needs a range
    # of their own.
    yield from sword("engWEB2015eb", "Tobit 1:1-IV Maccabees 18:24")


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
                or name in ("ascii-art", "anarchism")):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for cookie in re.split(r"^%\s*$", text, flags=re.M):
            yield from paragraphs_of(cookie)


def devil():
    yield from dictd("devil")


def sword_commentary(module):
    """A compressed SWORD commentary (zCom): every block of ot and nt, each
    entry once (diatheke 1.9 repeats blocks when asked for a range)."""
    text = []
    for testament in ("ot", "nt"):
        index = glob.glob(os.path.join(COMMENTARIES, module, testament + ".?zs"))
        if not index:
            continue
        with open(index[0], "rb") as f:
            blocks = f.read()
        with open(index[0][:-1] + "z", "rb") as f:
            data = f.read()
        for i in range(0, len(blocks) - 11, 12):
            offset, size, _ = struct.unpack("<III", blocks[i:i + 12])
            if size:
                text.append(zlib.decompress(data[offset:offset + size])
                            .decode("utf-8", errors="replace"))
    text = "".join(text)
    text = re.sub(r"<note\b.*?</note>", " ", text, flags=re.S)
    text = re.sub(r"<reference\b.*?</reference>", " ", text, flags=re.S)
    text = re.sub(r"<title\b.*?</title>", "\n\n", text, flags=re.S)
    text = re.sub(r"<(?:div|chapter|p|l|lg|item|list)\b[^>]*>", "\n\n", text)
    text = re.sub(r"<[^>]*>", " ", text)
    yield from paragraphs_of(html.unescape(text))


def tdavid():
    yield from sword_commentary("tdavid")


def mhcc():
    yield from sword_commentary("mhcc")


def scofield():
    yield from sword_commentary("scofield")


def mobydick():
    """Moby-Dick, as the R package tokenizers ships it (Project Gutenberg's
    text; its header and licence are left out)."""
    out = subprocess.run(["Rscript", "-e", "writeLines(tokenizers::mobydick)"],
                         check=True, capture_output=True, text=True,
                         errors="replace").stdout
    start = re.search(r"^\*\*\* ?START OF.*$", out, flags=re.M)
    end = re.search(r"^\*\*\* ?END OF", out, flags=re.M)
    out = out[start.end() if start else 0:end.start() if end else len(out)]
    yield from paragraphs_of(out)


def anarchism():
    """The BLAG fortune assortment of fortune-anarchism."""
    with open(os.path.join(FORTUNES, "anarchism"), encoding="utf-8",
              errors="replace") as f:
        text = f.read()
    for cookie in re.split(r"^%\s*$", text, flags=re.M):
        yield from paragraphs_of(cookie)


def html_prose(paths):
    """Paragraphs of HTML pages: program listings and screens dropped."""
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        text = re.sub(r"<(pre|script|style|head)\b.*?</\1>", " ", text,
                      flags=re.S | re.I)
        text = re.sub(r"</?(?:p|div|li|dt|dd|tr|td|th|h\d|br|table|title)\b[^>]*>",
                      "\n\n", text, flags=re.I)
        text = re.sub(r"<[^>]*>", " ", text)
        yield from paragraphs_of(html.unescape(text))


def handbook():
    yield from html_prose(sorted(glob.glob(
        "/usr/share/doc/debian-handbook/html/en-US/*.html")))


def reference():
    yield from html_prose(sorted(glob.glob(
        "/usr/share/debian-reference/*.en.html")))


def python():
    """The reStructuredText sources of the Python documentation: prose only,
    code blocks, directives and doctest sessions dropped."""
    root = "/usr/share/doc/python3.11/html/_sources"
    for path in sorted(glob.glob(os.path.join(root, "**", "*.txt"),
                                 recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for block in re.split(r"\n\s*\n", text):
            lines = block.split("\n")
            if not lines[0].strip() or lines[0][0] in " \t.>" \
                    or re.match(r"^[=\-~^*#+`:]{3,}\s*$", lines[0]):
                continue                    # code, directive, table, rule
            lines = [l for l in lines if not re.match(r"^[=\-~^*#+`]{3,}\s*$", l)]
            para = " ".join(" ".join(lines).split())
            para = re.sub(r":[\w:.-]+:`~?!?([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", para)
            yield para


def perl():
    """The POD of perl-doc: prose paragraphs, verbatim (code) ones dropped."""
    for path in sorted(glob.glob("/usr/share/perl/5.*/pod/*.pod")):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for block in re.split(r"\n\s*\n", text):
            if not block.strip() or block[0] in " \t":
                continue                    # verbatim: code
            if block.startswith("="):
                command, _, rest = block.partition(" ")
                if command not in ("=head1", "=head2", "=head3", "=head4", "=item"):
                    continue
                block = rest
            para = " ".join(block.split())
            para = re.sub(r"[A-Z]<+\s*", " ", para)     # B<..> C<..> L<..>
            para = re.sub(r"\s*>+", " ", para)
            yield para


ROFF_TEXT_MACROS = ("B", "I", "BR", "RB", "BI", "IB", "IR", "RI", "SH", "SS", "SM")


def manpages():
    """The pages of manpages and manpages-dev: running text of the roff
    source; examples (.nf/.EX), tables and comments dropped."""
    files = subprocess.run(["dpkg", "-L", "manpages", "manpages-dev"],
                           check=True, capture_output=True, text=True).stdout.split()
    for path in sorted(f for f in files if re.search(r"/man/man\d/.*\.gz$", f)):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            text = f.read()
        if text.startswith(".so "):
            continue                        # a link to another page
        para, skip = [], False
        for line in text.split("\n"):
            if re.match(r"^\.\s*(nf|EX|TS)\b", line):
                skip = True
            elif re.match(r"^\.\s*(fi|EE|TE)\b", line):
                skip = False
            elif skip or line.startswith(('.\\"', "'\\\"")):
                continue
            elif line.startswith((".", "'")):
                macro, _, args = line[1:].strip().partition(" ")
                if macro in ROFF_TEXT_MACROS:
                    para.append(args.replace('"', " "))
                else:                       # .PP .TP .IP .SH ...: a break
                    if para:
                        yield roff_clean(" ".join(para))
                    para = []
            else:
                para.append(line)
        if para:
            yield roff_clean(" ".join(para))


def roff_clean(text):
    """Roff escapes out of @text: fonts, special characters, dashes."""
    text = re.sub(r"\\f(?:\[[^\]]*\]|\(..|.)", "", text)
    text = re.sub(r"\\\(aq|\\\(cq|\\\(oq", "'", text)
    text = re.sub(r"\\\[[^\]]*\]|\\\(..|\\[*n]\(..|\\[*n].", " ", text)
    text = re.sub(r"\\[&|^%:]", "", text)
    return re.sub(r"\\.", " ", text)


SOURCES = {
    "gcide": gcide, "wordnet": wordnet, "kjv": kjv, "web": web,
    "austen": austen, "foldoc": foldoc, "jargon": jargon, "fortunes": fortunes,
    "tdavid": tdavid, "mhcc": mhcc, "scofield": scofield, "mobydick": mobydick,
    "devil": devil, "anarchism": anarchism, "handbook": handbook,
    "reference": reference, "python": python, "perl": perl,
    "manpages": manpages,
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
