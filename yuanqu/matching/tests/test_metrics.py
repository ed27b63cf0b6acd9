"""nDCG@10, Recall@10 and MRR against values worked out by hand."""

import math

import pytest

from yuanqu.matching.evaluation import evaluate, mrr, ndcg_at, recall_at

GRADES = {"a": 3, "b": 2, "c": 0, "d": 1}
RANKED = ["c", "a", "x", "b"]  # x was never judged: it counts as 0


def test_ndcg_uses_graded_gains_a_log2_discount_and_the_ideal_of_every_judged_grade():
    dcg = 0 + 7 / math.log2(3) + 0 + 3 / math.log2(5)  # 5.7085
    ideal = 7 + 3 / math.log2(3) + 1 / math.log2(4)  # 9.3928: a, b, d in grade order
    assert ndcg_at(RANKED, GRADES) == pytest.approx(dcg / ideal)
    assert ndcg_at(RANKED, GRADES) == pytest.approx(0.60775, abs=1e-5)


def test_ndcg_cuts_both_the_run_and_the_ideal_at_k():
    assert ndcg_at(RANKED, GRADES, k=2) == pytest.approx((7 / math.log2(3)) / (7 + 3 / math.log2(3)))
    assert ndcg_at(["a", "b", "d"], GRADES) == pytest.approx(1.0)


def test_ndcg_counts_a_repeated_result_once_and_is_zero_without_any_relevant_judgement():
    assert ndcg_at(["a", "a", "b"], GRADES) == pytest.approx((7 + 3 / math.log2(3)) / 9.392789, abs=1e-6)
    assert ndcg_at(["a"], {"a": 0, "b": 0}) == 0.0
    assert ndcg_at([], GRADES) == 0.0


def test_recall_counts_results_at_or_above_the_minimum_grade_in_the_first_k():
    assert recall_at(RANKED, GRADES) == 1.0
    assert recall_at(RANKED, GRADES, k=2) == 0.5
    assert recall_at(RANKED, GRADES, min_grade=1) == pytest.approx(2 / 3)
    assert recall_at(["a", "a"], GRADES) == 0.5
    assert recall_at(RANKED, {"c": 0}) == 0.0


def test_mrr_is_the_reciprocal_rank_of_the_first_relevant_result():
    assert mrr(RANKED, GRADES) == 0.5
    assert mrr(["c", "b", "a"], GRADES, min_grade=3) == pytest.approx(1 / 3)
    assert mrr(["c", "c", "a"], GRADES) == 0.5  # the repeat does not push a down
    assert mrr(["c", "d"], GRADES) == 0.0


def test_evaluate_averages_over_every_judged_query_and_a_missing_run_scores_zero():
    qrels = {"q1": GRADES, "q2": {"z": 2}}
    result = evaluate({"q1": RANKED, "q9": ["z"]}, qrels)
    assert result["queries"] == 2
    assert result["ndcg@10"] == pytest.approx(0.60775 / 2, abs=1e-5)
    assert result["recall@10"] == 0.5
    assert result["mrr"] == 0.25
    assert evaluate({}, {}) == {"ndcg@10": 0.0, "recall@10": 0.0, "mrr": 0.0, "queries": 0}
