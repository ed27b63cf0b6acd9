"""The duplicate index scores a typed text as if it had been fitted together with the demands."""

import random

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from yuanqu.demands.classifier import seed_corpus
from yuanqu.nlp.similarity import THRESHOLD, SimilarityIndex


def fitted_together(text, documents):
    """The reference: one TF-IDF fitted on the query and the documents (slow, refit per query)."""
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
    matrix = vectorizer.fit_transform([text, *documents])
    return linear_kernel(matrix[0], matrix[1:]).ravel()


@pytest.mark.parametrize("size", [3, 100, 600])
def test_scores_match_a_joint_fit_for_small_and_large_parks(size):
    texts = [row["text"] for row in seed_corpus()]
    rng = random.Random(size)
    documents = rng.sample(texts, size)
    index = SimilarityIndex.build(list(enumerate(documents)))
    for query in rng.sample(texts, 30) + [doc[:25] for doc in documents[:3]]:
        expected = fitted_together(query, documents)
        got = dict(index.rank(query, limit=size, threshold=0.0))
        scores = [got.get(i, 0.0) for i in range(size)]
        # idf over n documents instead of n + 1 moves scores a little, most where n is tiny, so a
        # verdict may differ only for scores near the threshold
        assert max(abs(a - b) for a, b in zip(expected, scores, strict=True)) < 0.1
        assert all((a >= THRESHOLD) == (b >= THRESHOLD) for a, b in zip(expected, scores, strict=True)
                   if abs(a - THRESHOLD) > 0.1)


def test_words_the_park_has_never_seen_do_not_make_a_match():
    index = SimilarityIndex.build([(1, "招不到焊工，想请园区帮忙对接劳务派遣公司"),
                                   (2, "厂区门口路灯坏了，晚上很黑"), (3, "想了解研发费用加计扣除政策")])
    assert index.rank("想请园区帮忙办理营业执照变更") == []
    assert [key for key, _s in index.rank("厂区门口的路灯坏了好几天")] == [2]
