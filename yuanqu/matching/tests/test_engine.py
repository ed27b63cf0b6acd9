"""The matching engine without a database: index, journal, generations, ranking, explanations, bad input."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.utils import translation

from yuanqu.matching.engine import Doc, MatchError, MatchIndex, Query, build, learn, segment
from yuanqu.matching.engine.rank import FEATURES
from yuanqu.nlp.thesaurus import parse

ROOT = Path(__file__).resolve().parents[3]
DOCS = [
    Doc(1, "service", "压铸件X射线探伤检测",
        "工业CT与X射线实时成像，查铸件内部气孔、缩松、夹渣，出具检测报告。", ("无损检测", "探伤"), "7452",
        park_id=1),
    Doc(2, "capability", "铝合金阳极氧化加工",
        "本色、黑色阳极氧化及硬质氧化，适用于铝型材与压铸外壳。", ("表面处理", "阳极氧化"), "3360",
        park_id=1, owner_id=10),
    Doc(3, "product", "重型卡车",
        "8x4自卸卡车，载重31吨，适合砂石与渣土运输。", ("卡车",), "3611", park_id=2),
    Doc(4, "need", "求购铝合金外壳阳极氧化", "每月约5000件铝合金压铸外壳需要黑色阳极氧化。", (), "3990",
        park_id=1, owner_id=11),
    Doc(5, "service", "道路运输驾驶员劳务派遣",
        "为物流与制造企业派遣持A2、B2证货车司机。", ("劳务派遣", "司机"), "7251", park_id=1),
]


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def index(tmp_path):
    idx = MatchIndex.open(tmp_path / "index")
    idx.rebuild(DOCS)
    return idx


def ids(hits):
    return [h.id for h in hits]


def test_a_search_ranks_the_resource_that_fits_first_and_explains_it(index):
    hits = index.search(Query("想找家做阳极氧化的，铝外壳要黑色", want="capability"))
    assert hits[0].id == 2
    assert any(r.startswith("命中关键词：") and "阳极" in r for r in hits[0].reasons)
    assert hits[0].reasons[-1].startswith("得分 ")
    assert set(hits[0].features) == set(FEATURES)


def test_a_need_is_not_offered_as_the_answer_to_a_supply_request(index):
    assert 4 not in ids(index.search(Query("铝合金外壳阳极氧化", want="capability")))
    assert ids(index.search(Query("铝合金外壳阳极氧化", want="need")))[0] == 4  # buyers for a capability


def test_filters_kinds_parks_and_the_asking_firm(index):
    assert 4 not in ids(index.search(Query("阳极氧化", kinds=("capability", "service"))))
    assert 3 not in ids(index.search(Query("卡车", parks=(1,))))
    assert 2 not in ids(index.search(Query("阳极氧化", exclude_owner=10)))


def test_same_park_and_industry_are_signals_with_their_reasons(index):
    hit = index.search(Query("阳极氧化加工", park_id=1, industry_code="3360"))[0]
    assert hit.id == 2 and hit.features["same_park"] == 1 and hit.features["industry"] == 1
    assert "同一园区" in hit.reasons and any("3360" in r for r in hit.reasons)


def test_a_resource_up_or_downstream_of_the_asking_firm_gets_the_chain_signal(index):
    hit = next(h for h in index.search(Query("阳极氧化 外壳", industry_code="3130", want="capability"))
               if h.id == 2)  # a steel maker (31) asking; anodising (33) is downstream of it
    assert hit.features["chain"] == 1
    assert any("产业链上下游" in r and "钢铁—金属制品" in r for r in hit.reasons)


def test_learning_keeps_the_default_weight_of_a_signal_the_examples_never_vary():
    rng = np.random.default_rng(2)
    matrix = rng.random((20, len(FEATURES))).astype(np.float32)
    matrix[:, FEATURES.index("same_park")] = 0
    weights = learn.fit([(matrix, (matrix[:, 0] * 3).round(), 1.0)])
    others = [f for f in FEATURES if f != "same_park"]
    scale = sum(abs(weights[f]) for f in others) / sum(learn.DEFAULT_WEIGHTS[f] for f in others)
    assert weights["same_park"] == pytest.approx(learn.DEFAULT_WEIGHTS["same_park"] * scale, rel=1e-3)


def test_the_thesaurus_brings_in_words_the_firm_did_not_write_and_says_so(index):
    thesaurus = parse(["拍片子 => 探伤 X射线", "货车 卡车"])
    hits = index.search(Query("零件里面有气泡，想拍片子看看"), thesaurus=thesaurus)
    assert hits[0].id == 1
    assert any(r.startswith("近义扩展：") and "拍片子→探伤" in r for r in hits[0].reasons)
    assert 3 in ids(index.search(Query("买辆货车"), thesaurus=thesaurus))


def test_a_change_is_searchable_at_once_in_another_open_index_without_a_rebuild(index, tmp_path):
    other = MatchIndex.open(tmp_path / "index")
    generation = other.base
    index.upsert([Doc(6, "service", "冷库库位出租", "零下18度冷冻库位按月出租。", ("冷链",), park_id=1)])
    assert ids(other.search(Query("冻货放不下，想租冷库")))[0] == 6
    index.upsert([Doc(2, "capability", "钣金激光切割", "不锈钢钣金切割折弯。", (), park_id=1)])
    assert 2 not in ids(other.search(Query("阳极氧化")))
    index.remove([6])
    assert 6 not in ids(other.search(Query("冷库")))
    assert other.base is generation  # followed through the journal, not by reloading


def test_a_journalled_copy_scores_exactly_as_the_built_one(index, tmp_path):
    """The replaced copy in the big segment must not count twice in the statistics."""
    query = Query("铝合金外壳阳极氧化 压铸件探伤", park_id=1)
    before = {h.id: h.features for h in index.search(query)}
    index.upsert([DOCS[1], DOCS[0]])
    assert {h.id: h.features for h in index.search(query)} == before
    fresh = MatchIndex.open(tmp_path / "fresh")
    fresh.upsert(DOCS)  # everything journalled, nothing built
    assert {h.id: h.features for h in fresh.search(query)} == before


def test_a_change_made_in_another_process_is_seen(index, tmp_path):
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from yuanqu.matching.engine import MatchIndex, Doc\n"
            f"MatchIndex.open({str(tmp_path / 'index')!r}).upsert("
            "[Doc(7, 'technology', '退役锂电池回收', '湿法回收正极材料', ())])")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert ids(index.search(Query("锂电池回收")))[0] == 7


def test_the_index_is_persisted_memory_mapped_and_reloads(index, tmp_path):
    index.upsert([Doc(8, "policy", "研发费用加计扣除", "研发费用按100%加计扣除。", ())])
    again = MatchIndex.open(tmp_path / "index")
    assert isinstance(again.base.docs, np.memmap)
    assert ids(again.search(Query("阳极氧化")))[0] == 2
    assert ids(again.search(Query("加计扣除")))[0] == 8
    assert len(again) == 6


def test_a_rebuild_keeps_changes_journalled_while_it_ran(index, tmp_path):
    other = MatchIndex.open(tmp_path / "index")

    def docs():
        other.upsert([Doc(9, "service", "专利申请代理", "发明专利与实用新型申请。", ())])
        yield from DOCS

    index.rebuild(docs())
    assert ids(MatchIndex.open(tmp_path / "index").search(Query("专利申请")))[0] == 9
    assert len([p for p in (tmp_path / "index").iterdir() if p.name.startswith("gen-")]) == 1


def test_an_interrupted_rebuild_leaves_the_old_index_serving(index, tmp_path):
    def broken():
        yield DOCS[0]
        raise OSError("disk full")

    with pytest.raises(OSError):
        index.rebuild(broken())
    assert ids(MatchIndex.open(tmp_path / "index").search(Query("阳极氧化")))[0] == 2
    assert not [p for p in (tmp_path / "index").iterdir() if p.name.startswith(".building")]


def test_the_journal_asks_for_compaction_past_its_bound(index):
    assert not index.needs_compaction(floor=3)
    index.upsert(DOCS[:4])
    assert index.journalled == 4 and index.needs_compaction(floor=3)
    index.rebuild(DOCS)
    assert index.journalled == 0


def test_only_one_rebuild_runs_at_a_time(index, tmp_path):
    other = MatchIndex.open(tmp_path / "index")
    with index.rebuilding() as first, other.rebuilding() as second:
        assert first and not second
    with other.rebuilding() as again:
        assert again


def test_changes_before_any_rebuild_are_kept(tmp_path):
    idx = MatchIndex.open(tmp_path / "fresh")
    assert idx.search(Query("阳极氧化")) == []
    idx.upsert(DOCS[:2])
    assert ids(idx.search(Query("阳极氧化")))[0] == 2


def test_a_build_in_chunks_on_two_processes_equals_a_build_in_one_piece(monkeypatch):
    docs = [Doc(i, DOCS[i % 5].kind, f"{DOCS[i % 5].title}{i}", DOCS[i % 5].description * (1 + i % 3),
                DOCS[i % 5].tags, DOCS[i % 5].industry_code, park_id=i % 3) for i in range(1, 24)]
    whole = build.build_stream(iter(docs))
    monkeypatch.setattr(build, "CHUNK", 4)  # 6 chunks: three windows of two, in a fork pool
    chunked = build.build_stream(iter(docs))
    single = segment.build(docs, [segment.analyse(d) for d in docs])
    for name in segment.ARRAYS:
        np.testing.assert_array_equal(getattr(chunked, name), getattr(whole, name), err_msg=name)
        np.testing.assert_allclose(getattr(single, name), getattr(whole, name), rtol=1e-5, err_msg=name)
    assert len(chunked) == 23


def test_a_stream_out_of_id_order_is_refused(tmp_path):
    with pytest.raises(MatchError):
        MatchIndex.open(tmp_path / "x").rebuild(iter([DOCS[1], DOCS[0]]))
    assert ids(MatchIndex.open(tmp_path / "x").search(Query("阳极氧化"))) == []


@pytest.mark.parametrize(("text", "field"), [("", "q"), ("   \t\n", "q"), ("？！……😀", "q")])
def test_a_query_with_nothing_to_match_is_refused_in_chinese(index, text, field):
    with pytest.raises(MatchError) as caught:
        index.search(Query(text))
    assert caught.value.field == field and "请" in str(caught.value) or "没有" in str(caught.value)


def test_unknown_kinds_and_limits_are_refused(index):
    with pytest.raises(MatchError, match="未知的类型") as caught:
        index.search(Query("阳极氧化", kinds=("land",)))
    assert caught.value.field == "kind"
    with pytest.raises(MatchError):
        index.search(Query("阳极氧化", limit=0))


@pytest.mark.parametrize("text", [
    "阳极氧化" * 1250,                                   # 5,000 characters
    "阳极氧化'; DROP TABLE matching_resource; --",
    "<script>alert('x')</script>阳极氧化",
    "😀 阳极氧化 anodizing 陽極氧化 ＡＢＣ１２３",
])
def test_odd_but_real_text_is_matched_not_crashed_on(index, text):
    assert ids(index.search(Query(text)))[0] == 2


def test_traditional_and_full_width_text_match_simplified_resources(index):
    assert ids(index.search(Query("鋁合金陽極氧化")))[0] == 2
    assert 2 in ids(index.search(Query("ａｌ合金阳极氧化")))


def test_learning_to_rank_gives_weight_to_the_feature_that_orders_the_grades():
    rng = np.random.default_rng(1)
    groups = []
    for _ in range(30):
        matrix = rng.random((20, len(FEATURES))).astype(np.float32)
        grades = (matrix[:, FEATURES.index("kind_fit")] * 3).round()
        groups.append((matrix, grades, 1.0))
    weights = learn.fit(groups)
    others = [abs(w) for f, w in weights.items() if f not in ("kind_fit", "bigram")]
    assert weights["kind_fit"] > 5 * max(others)


def test_the_sentence_vector_signal_ranks_with_its_own_weights_and_tolerates_missing_vectors(index):
    def dense(text, ids):
        return np.where(ids == 5, 0.95, 0.85)  # only 5 reads like the request

    hits = index.search(Query("司机 货车 卡车"), dense=dense)
    assert hits[0].id == 5 and hits[0].features["dense"] == 1
    assert index.dense_weights["dense"] > 0 and index.weights["dense"] == 0
    blind = index.search(Query("司机 货车 卡车"), dense=lambda text, ids: np.full(len(ids), np.nan))
    assert all(h.features["dense"] == 0 for h in blind)


def test_learned_weights_beside_the_index_are_picked_up(index, tmp_path):
    weights = dict.fromkeys(FEATURES, 0.0) | {"same_park": 1.0, "bigram": 0.01}
    learn.save(weights, tmp_path / "index" / "ranker.json")
    hits = index.search(Query("铝合金 卡车", park_id=2))
    assert hits[0].id == 3
