"""Learning to rank from the park's own history: staff verdicts (采纳 / 不合适) on suggestions.

Each demand (or query) whose suggestions got at least one acceptance and one rejection is a ranked
list: the accepted above the rejected, with the features the ranker saw when it suggested them. The
development set in bench/data/matching is the prior every park starts from; each verdict list
counts VERDICT_WEIGHT times a judged query, so a park's history takes over as it grows.
"""

import tempfile
from collections import defaultdict

import numpy as np
from django.conf import settings

from .engine import MatchIndex, Query, learn
from .engine.rank import FEATURES
from .evaluation import load_qrels, load_queries, load_resources
from .loading import docs_from_devset
from .models import Feedback

VERDICT_WEIGHT = 3.0


def feedback_groups() -> list[tuple[np.ndarray, np.ndarray, float]]:
    """(features, grades, weight) per demand or query with both an accepted and a rejected suggestion."""
    lists = defaultdict(dict)
    rows = Feedback.objects.values_list("demand_id", "query", "resource_id", "accepted", "features")
    for demand_id, query, resource_id, accepted, features in rows.order_by("created_at", "pk"):
        lists[demand_id or query][resource_id] = (accepted, features or {})  # the latest verdict wins
    groups = []
    for verdicts in lists.values():
        grades = np.array([1.0 if ok else 0.0 for ok, _ in verdicts.values()])
        if 0 < grades.sum() < len(grades):
            matrix = np.array([[float(f.get(name, 0.0)) for name in FEATURES] for _, f in verdicts.values()])
            groups.append((matrix, grades, VERDICT_WEIGHT))
    return groups


def devset_groups() -> list[tuple[np.ndarray, np.ndarray, float]]:
    """(features, grades, 1.0) per query of the repository's development set."""
    resources, queries, qrels = load_resources(), load_queries(), load_qrels()
    docs, number = docs_from_devset(resources)
    with tempfile.TemporaryDirectory() as directory:
        index = MatchIndex.open(directory)
        index.rebuild(docs)
        groups = []
        for qid, q in queries.items():
            ids, matrix = index.candidates(Query(text=q.text, want=q.kind))
            grades = np.array([qrels.get(qid, {}).get(number[i], 0) for i in ids], dtype=np.float64)
            groups.append((matrix, grades, 1.0))
    return groups


def train(*, use_devset: bool = True) -> dict:
    """Fit the weights, write them beside the index (every worker picks them up) and say what they
    were trained on."""
    history = feedback_groups()
    groups = history + (devset_groups() if use_devset else [])
    weights = learn.fit(groups)
    about = {"verdict_lists": len(history), "devset_queries": len(groups) - len(history)}
    learn.save(weights, settings.MATCHING_INDEX_DIR / "ranker.json", **about)
    return {"weights": weights, **about}
