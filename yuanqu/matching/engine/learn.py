"""Learning to rank: linear weights from graded lists (a judged set, or staff verdicts).

Pairwise logistic regression (RankNet's linear case): for every two candidates of one query with
different grades, the better one's features minus the worse one's is a positive example. Rows are
standardised so the regularisation treats every feature alike; the fitted weights are mapped back
to raw features so the index uses them as they are.
"""

import json
from pathlib import Path

import numpy as np

from .rank import DEFAULT_WEIGHTS, FEATURES

MAX_PAIRS_PER_QUERY = 2000


def pairs(groups, rng=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(differences, labels, weights) from [(features, grades, weight)]; a query's pairs share its weight."""
    rng = rng or np.random.default_rng(0)
    xs, ys, ws = [], [], []
    for matrix, grades, weight in groups:
        better, worse = np.nonzero(grades[:, None] > grades[None, :])
        if len(better) > MAX_PAIRS_PER_QUERY:
            keep = rng.choice(len(better), MAX_PAIRS_PER_QUERY, replace=False)
            better, worse = better[keep], worse[keep]
        if not len(better):
            continue
        diff = matrix[better] - matrix[worse]
        xs += [diff, -diff]
        ys += [np.ones(len(diff)), np.zeros(len(diff))]
        ws += [np.full(2 * len(diff), weight / len(diff))]
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0), np.zeros(0)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit(groups, c: float = 1.0) -> dict[str, float]:
    """Weights per feature; the defaults when the groups hold no usable pair."""
    from sklearn.linear_model import LogisticRegression

    x, y, w = pairs(groups)
    if not len(y):
        return dict(DEFAULT_WEIGHTS)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
    model.fit(x / scale, y, sample_weight=w * len(groups))
    coef = model.coef_[0] / scale
    coef = coef / max(abs(coef[FEATURES.index("bigram")]), 1e-6)  # read as "worth N wordings"
    # A signal the examples never vary (no asking firm's industry in a judged set, no park, no past
    # outcomes yet) teaches nothing about its weight: it keeps the default rather than dropping to 0.
    # Its default is put on the learned scale, so that it weighs against the others as it would
    # among the defaults.
    silent = x.std(axis=0) == 0
    defaults = np.array([DEFAULT_WEIGHTS[f] for f in FEATURES])
    scale = np.abs(coef[~silent]).sum() / max(np.abs(defaults[~silent]).sum(), 1e-9) if (~silent).any() else 1
    coef[silent] = defaults[silent] * scale
    return {f: round(float(v), 4) for f, v in zip(FEATURES, coef, strict=True)}


def save(weights: dict[str, float], path: Path, *, dense: bool = False, **about) -> None:
    """Write weights (and what they were trained on) for MatchIndex to pick up: the lexical set, or
    with dense=True the set fitted with the sentence-vector signal; the other set in the file stays."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(path.read_text()) if path.exists() else {}
    data["dense_weights" if dense else "weights"] = weights
    data["dense_about" if dense else "about"] = about
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    tmp.replace(path)
