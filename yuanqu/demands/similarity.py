"""Near-duplicate search among a park's demands: character n-gram TF-IDF cosine (pure)."""

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

THRESHOLD = 0.35


def _doc(demand):
    return f"{demand.title} {demand.text}"


def rank_similar(text, candidates, *, limit=5, threshold=THRESHOLD):
    """[(demand, score)] of candidates at least `threshold` similar to `text`, best first."""
    text = (text or "").strip()
    if len(text) < 4 or not candidates:
        return []
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
    matrix = vectorizer.fit_transform([text, *(_doc(d) for d in candidates)])
    scores = linear_kernel(matrix[0], matrix[1:]).ravel()
    order = scores.argsort()[::-1][:limit]
    return [(candidates[i], round(float(scores[i]), 3)) for i in order if scores[i] >= threshold]
