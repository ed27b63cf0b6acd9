"""Near-duplicate search among a park's demands: character n-gram TF-IDF cosine (pure)."""

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

THRESHOLD = 0.35


@dataclass(frozen=True)
class SimilarityIndex:
    """TF-IDF vectors of a fixed set of documents, fitted once and queried many times."""

    keys: tuple
    vectorizer: TfidfVectorizer | None
    matrix: object

    @classmethod
    def build(cls, documents: list[tuple[object, str]]) -> "SimilarityIndex":
        """documents: (key, text) pairs."""
        if not documents:
            return cls((), None, None)
        keys, texts = zip(*documents, strict=True)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True,
                                     dtype=np.float32)
        return cls(tuple(keys), vectorizer, vectorizer.fit_transform(texts))

    def rank(self, text, *, limit=5, threshold=THRESHOLD, exclude=None) -> list[tuple[object, float]]:
        """[(key, score)] of documents at least `threshold` similar to `text`, best first."""
        text = (text or "").strip()
        if len(text) < 4 or self.vectorizer is None:
            return []
        scores = linear_kernel(self.vectorizer.transform([text]), self.matrix).ravel()
        found = []
        for i in scores.argsort()[::-1]:
            if scores[i] < threshold or len(found) == limit:
                break
            if self.keys[i] != exclude:
                found.append((self.keys[i], round(float(scores[i]), 3)))
        return found
