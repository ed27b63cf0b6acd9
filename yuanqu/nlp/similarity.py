"""Near-duplicate search among short texts (a park's demands): character n-gram TF-IDF cosine (pure)."""

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel
from sklearn.preprocessing import normalize

THRESHOLD = 0.35


@dataclass(frozen=True)
class SimilarityIndex:
    """TF-IDF vectors of a fixed set of documents, fitted once and queried many times.

    A query is weighted over *all* its n-grams, including those no indexed document contains
    (given the idf of a term found in one document of n + 1, as if the query had been fitted
    with the documents). Normalising over the known n-grams only would score a text by the
    little it shares with the park's demands and call unrelated texts similar.
    """

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
                                     norm=None, dtype=np.float64)
        return cls(tuple(keys), vectorizer, normalize(vectorizer.fit_transform(texts)))

    def _query(self, text: str):
        """The query's unnormalised tf-idf over the known n-grams, divided by its full norm."""
        known = self.vectorizer.transform([text])
        unseen_idf = math.log((len(self.keys) + 2) / 2) + 1  # smooth idf of df = 1 among n + 1
        vocabulary = self.vectorizer.vocabulary_
        unseen = sum((1 + math.log(count)) ** 2 for gram, count in
                     Counter(self.vectorizer.build_analyzer()(text)).items() if gram not in vocabulary)
        norm = math.sqrt(known.multiply(known).sum() + unseen * unseen_idf ** 2)
        return known / norm if norm else known

    def rank(self, text, *, limit=5, threshold=THRESHOLD, exclude=None) -> list[tuple[object, float]]:
        """[(key, score)] of documents at least `threshold` similar to `text`, best first."""
        text = (text or "").strip()
        if len(text) < 4 or self.vectorizer is None:
            return []
        scores = linear_kernel(self._query(text), self.matrix).ravel()
        found = []
        for i in scores.argsort()[::-1]:
            if scores[i] < threshold or len(found) == limit:
                break
            if self.keys[i] != exclude:
                found.append((self.keys[i], round(float(scores[i]), 3)))
        return found
