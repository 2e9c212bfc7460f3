#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Oracle for test-evaluate: what Debian's gensim answers on a benchmark.

Usage: gensim_evaluate.py analogies|pairs MODEL BENCHMARK [--binary]
       [--no-header] [--unicode-errors strict|replace|ignore]
       [--restrict-vocab N (0: the whole vocabulary)] [--case-sensitive]
       [--dummy4unknown] [--time]

Prints plain lines the C test reads:
  analogies: "score S", "oov_ratio R", then "section CORRECT INCORRECT NAME"
             per section (the last is "Total accuracy"), then one
             "question SECTION OK A B C D" per question gensim listed.
  pairs:     "pearson R P", "spearman R P", "oov_ratio R".
  Either:    "error MESSAGE" when gensim refuses the input (exit 0).
  --time adds "seconds S" and "cpu_seconds S": the evaluation alone,
  without loading the model (wall-clock and processor time).
"""
import argparse
import logging
import sys
import time

from gensim.models import KeyedVectors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["analogies", "pairs"])
    parser.add_argument("model")
    parser.add_argument("benchmark")
    parser.add_argument("--binary", action="store_true")
    parser.add_argument("--no-header", action="store_true")
    parser.add_argument("--unicode-errors", default="strict")
    parser.add_argument("--restrict-vocab", type=int, default=300000)
    parser.add_argument("--case-sensitive", action="store_true")
    parser.add_argument("--dummy4unknown", action="store_true")
    parser.add_argument("--time", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)

    kv = KeyedVectors.load_word2vec_format(
        args.model, binary=args.binary, no_header=args.no_header,
        unicode_errors=args.unicode_errors)
    restrict = args.restrict_vocab if args.restrict_vocab > 0 else None
    out = sys.stdout
    start = time.perf_counter()
    cpu_start = time.process_time()
    try:
        if args.kind == "analogies":
            score, sections = kv.evaluate_word_analogies(
                args.benchmark, restrict_vocab=restrict,
                case_insensitive=not args.case_sensitive,
                dummy4unknown=args.dummy4unknown)
        else:
            pearson, spearman, oov_ratio = kv.evaluate_word_pairs(
                args.benchmark, restrict_vocab=restrict,
                case_insensitive=not args.case_sensitive,
                dummy4unknown=args.dummy4unknown)
    except (ValueError, ZeroDivisionError) as e:
        out.write("error %s\n" % str(e).replace("\n", " "))
        return
    if args.time:
        out.write("seconds %r\n" % (time.perf_counter() - start))
        out.write("cpu_seconds %r\n" % (time.process_time() - cpu_start))

    if args.kind == "analogies":
        total = sections[-1]
        n_answered = len(total["correct"]) + len(total["incorrect"])
        out.write("score %r\n" % float(score))
        out.write("answered %d\n" % n_answered)
        for s in sections:
            out.write("section %d %d %s\n" % (len(s["correct"]), len(s["incorrect"]), s["section"]))
        # Per question, in file order within each section: correct ones are
        # listed before incorrect ones by gensim, so print both lists.
        for i, s in enumerate(sections[:-1]):
            for ok in ("correct", "incorrect"):
                for q in s[ok]:
                    out.write("question %d %d %s\n" % (i, ok == "correct", " ".join(q)))
    else:
        out.write("pearson %r %r\n" % (float(pearson[0]), float(pearson[1])))
        out.write("spearman %r %r\n" % (float(spearman[0]), float(spearman[1])))
        out.write("oov_ratio %r\n" % float(oov_ratio))


if __name__ == "__main__":
    main()
