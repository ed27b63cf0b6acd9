"""The development set in bench/data/matching is whole: counts, unique ids, judgements that resolve."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from yuanqu.matching.evaluation import (
    DEV_SET,
    KINDS,
    load_qrels,
    load_queries,
    load_resources,
)

INDUSTRY_CODES = Path(__file__).resolve().parents[2] / "reference" / "data" / "gbt4754_2017_industry.csv"
MINIMUM_PER_KIND = {"product": 70, "capability": 38, "service": 65, "policy": 24, "technology": 16}


@pytest.fixture(scope="module")
def dev_set():
    return load_resources(), load_queries(), load_qrels()


def test_counts_and_kinds(dev_set):
    resources, queries, _qrels = dev_set
    assert len(resources) >= 220 and len(queries) >= 220
    kinds = Counter(r.kind for r in resources.values())
    assert all(kinds[kind] >= n for kind, n in MINIMUM_PER_KIND.items()), kinds
    assert set(kinds) <= set(KINDS) and {q.kind for q in queries.values()} <= {*KINDS, ""}


def test_ids_are_unique_in_the_files(dev_set):
    # The loaders refuse duplicates; this also catches an id reused across the two id spaces.
    resources, queries, _qrels = dev_set
    assert not set(resources) & set(queries)
    for name, column in (("resources.csv", "id"), ("queries.csv", "qid")):
        with open(DEV_SET / name, encoding="utf-8") as handle:
            ids = [row[column] for row in csv.DictReader(handle)]
        assert len(ids) == len(set(ids)), name


def test_every_judgement_points_at_a_known_query_and_resource(dev_set):
    resources, queries, qrels = dev_set
    assert set(qrels) == set(queries)  # every query judged, no judgement of an unknown query
    assert {rid for judged in qrels.values() for rid in judged} <= set(resources)


def test_every_query_has_a_useful_answer_and_enough_judgements(dev_set):
    _resources, _queries, qrels = dev_set
    assert all(max(judged.values()) >= 2 for judged in qrels.values())
    assert sum(len(judged) for judged in qrels.values()) / len(qrels) >= 3
    grades = Counter(g for judged in qrels.values() for g in judged.values())
    assert grades[0] >= len(qrels) // 2  # distractors are judged, not just left out


def test_texts_are_within_their_lengths_and_industry_codes_exist(dev_set):
    resources, queries, _qrels = dev_set
    with open(INDUSTRY_CODES, encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    assert all(30 <= len(r.description) <= 200 for r in resources.values())
    assert all(10 <= len(q.text) <= 150 for q in queries.values())
    assert all(r.industry_code in codes for r in resources.values() if r.industry_code)
