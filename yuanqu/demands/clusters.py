"""类案: problems several firms raise in similar words, found by clustering demand texts (pure core)."""

from collections import Counter
from datetime import timedelta

import numpy as np
from django.utils import timezone
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

try:
    from yuanqu.nlp.segment import tokens
except ImportError:  # the word segmenter is optional; character n-grams still group similar texts
    tokens = None

THRESHOLD = 0.6  # cosine distance under which two groups of demands merge (average linkage)
MAX_DEMANDS = 3000  # the n×n distance matrix must stay small (3000² floats ≈ 72 MB)
MIN_FIRMS = 2
TOP_KEYWORDS = 5


def _vectorizer() -> TfidfVectorizer:
    if tokens is None:
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
    return TfidfVectorizer(tokenizer=tokens, token_pattern=None, lowercase=False, sublinear_tf=True)


def _labels(matrix, threshold) -> np.ndarray:
    """Cluster label per row. Cosine distances are precomputed from the sparse matrix, because
    metric="cosine" on raw input would need a dense copy of the whole vocabulary per demand."""
    distances = np.clip(cosine_distances(matrix), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=threshold)
    return model.fit_predict(distances)


def _keywords(matrix, rows, vocabulary) -> list[str]:
    """The terms with the highest mean tf-idf over the cluster's rows."""
    means = np.asarray(matrix[rows].mean(axis=0)).ravel()
    best = means.argsort()[::-1][:TOP_KEYWORDS]
    return [str(vocabulary[i]) for i in best if means[i] > 0]


def _demand_row(demand) -> dict:
    enterprise, status = getattr(demand, "enterprise", None), getattr(demand, "status", "")
    display = getattr(demand, "get_status_display", None)
    return {"id": getattr(demand, "pk", getattr(demand, "id", None)), "number": getattr(demand, "number", ""),
            "title": demand.title, "enterprise": getattr(enterprise, "name", ""),
            "created_at": getattr(demand, "created_at", None), "status": status,
            "status_label": display() if display else status}


def _categories(members) -> list[str]:
    names = Counter(getattr(getattr(d, "category", None), "name", None) for d in members)
    return [name for name, _count in names.most_common() if name]


def _cluster(members, keywords) -> dict:
    return {"size": len(members), "firms": len({d.enterprise_id for d in members}),
            "categories": _categories(members), "keywords": keywords,
            "demands": [_demand_row(d) for d in members]}


def _spread(demands, labels, matrix, vocabulary):
    """Yield each cluster that spans at least MIN_FIRMS firms."""
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        members = [demands[i] for i in rows]
        if len({d.enterprise_id for d in members}) >= MIN_FIRMS:
            yield _cluster(members, _keywords(matrix, rows, vocabulary))


def cluster_demands(demands: list, threshold: float = THRESHOLD) -> list[dict]:
    """Clusters of similar demands raised by at least two firms, widest spread first."""
    if len(demands) < 2:
        return []
    vectorizer = _vectorizer()
    try:
        matrix = vectorizer.fit_transform([f"{d.title} {d.text}" for d in demands])
    except ValueError:  # no usable term in any text
        return []
    found = _spread(demands, _labels(matrix, threshold), matrix, vectorizer.get_feature_names_out())
    return sorted(found, key=lambda c: (-c["firms"], -c["size"]))


def recurring_problems(qs, *, days: int = 365, now=None, threshold: float = THRESHOLD) -> list[dict]:
    """Cluster the most recent demands of the last `days` days of `qs` (at most MAX_DEMANDS)."""
    since = (now or timezone.now()) - timedelta(days=days)
    demands = list(qs.filter(created_at__gte=since).select_related("enterprise", "category")
                   .only("number", "title", "text", "status", "created_at", "enterprise_id", "category_id",
                         "enterprise__name", "category__name")
                   .order_by("-created_at", "-id")[:MAX_DEMANDS])
    return cluster_demands(demands, threshold)
