"""The floor for resource matching: BM25 (k1=1.2, b=0.75) on the development set, three ways of cutting text.

Indexes title + description + tags of bench/data/matching/resources.csv and ranks every resource for
each query (kind is not used), then prints nDCG@10, Recall@10 and MRR:
  bigrams      normalised text, character bigrams within each run of letters/digits (a lone character
               stays a unigram) — the plain baseline issue 10 measures against
  words        yuanqu.nlp.segment.tokens (rjieba + the park dictionary, stop words dropped)
  words+thes   the same words, the query expanded with yuanqu.nlp.thesaurus (documents are not)
Query terms count once each. Usage: python bench/match_baseline.py"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")

from yuanqu.core import threads  # noqa: E402

threads.configure()

import django  # noqa: E402
import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402

django.setup()

from yuanqu.matching.evaluation import evaluate, load_qrels, load_queries, load_resources  # noqa: E402
from yuanqu.nlp import thesaurus  # noqa: E402
from yuanqu.nlp.features import char_bigrams  # noqa: E402
from yuanqu.nlp.normalize import normalize  # noqa: E402
from yuanqu.nlp.segment import tokens  # noqa: E402

K1, B = 1.2, 0.75
def bigrams(text: str) -> list[str]:
    """Character bigrams (yuanqu.nlp.features.char_bigrams) of the normalised, lower-cased text."""
    return char_bigrams(normalize(text).lower())


def bm25_matrix(docs: list[list[str]]):
    """(documents × terms BM25 weights as CSR, term → column)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, doc in enumerate(docs):
        for term in doc:
            rows.append(i)
            cols.append(vocab.setdefault(term, len(vocab)))
    tf = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocab)))
    tf.sum_duplicates()
    lengths = np.asarray(tf.sum(axis=1)).ravel()
    df = np.bincount(tf.indices, minlength=len(vocab))
    idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
    norm = K1 * (1 - B + B * lengths / lengths.mean())
    per_row = np.repeat(norm, np.diff(tf.indptr))
    tf.data = idf[tf.indices] * tf.data * (K1 + 1) / (tf.data + per_row)
    return tf, vocab


def run(resources, queries, doc_terms, query_terms) -> dict[str, list[str]]:
    """qid → resource ids, best first (ties in file order)."""
    ids = list(resources)
    matrix, vocab = bm25_matrix([doc_terms(r.text) for r in resources.values()])
    out = {}
    for qid, query in queries.items():
        columns = sorted({vocab[t] for t in query_terms(query.text) if t in vocab})
        scores = np.asarray(matrix[:, columns].sum(axis=1)).ravel()
        out[qid] = [ids[i] for i in np.argsort(-scores, kind="stable")[:100]]
    return out


def main():
    resources, queries, qrels = load_resources(), load_queries(), load_qrels()
    methods = {
        "bigrams": (bigrams, bigrams),
        "words": (tokens, tokens),
        "words+thes": (tokens, lambda text: thesaurus.expand(tokens(text))),
    }
    print(f"{len(resources)} resources, {len(queries)} queries, "
          f"{sum(map(len, qrels.values()))} judgements; BM25 k1={K1} b={B}")
    print(f"{'method':<12} {'nDCG@10':>8} {'R@10':>6} {'MRR':>6}")
    for name, (doc_terms, query_terms) in methods.items():
        scores = evaluate(run(resources, queries, doc_terms, query_terms), qrels)
        print(f"{name:<12} {scores['ndcg@10']:>8.3f} {scores['recall@10']:>6.3f} {scores['mrr']:>6.3f}")


if __name__ == "__main__":
    main()
