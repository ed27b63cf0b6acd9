"""Rule versions by date, by 上年度 and for reviews; the gap wording (pure)."""

from dataclasses import replace
from datetime import date

import pytest

from yuanqu.assessments.tiers import RULESETS, TIERS, assess_firm, ruleset, rulesets

from .tiers_firms import D, run, strong, with_facts, with_ind


def versions(sets):
    return sorted((r.tier, r.version) for r in sets)


def test_every_tier_has_a_rule_set_and_versions_are_unique():
    assert {r.tier for r in RULESETS} == set(TIERS)
    assert len({(r.tier, r.version) for r in RULESETS}) == len(RULESETS)


@pytest.mark.parametrize(("on", "expected"), [
    (date(2026, 3, 31), {("specialized_sme", "miit-2022-63"), ("little_giant", "miit-2022-63")}),
    (date(2026, 4, 1), {("specialized_sme", "miit-2026-2"), ("little_giant", "miit-2026-2")}),
])
def test_2026_2_replaces_63_from_april_2026(on, expected):
    chosen = {(r.tier, r.version) for r in rulesets(on=on) if r.tier in ("specialized_sme", "little_giant")}
    assert chosen == expected


def test_innovative_stays_on_annex_1_after_2026():
    assert versions(r for r in rulesets(on=date(2027, 6, 1)) if r.tier == "innovative_sme") == [
        ("innovative_sme", "miit-2022-63")]


@pytest.mark.parametrize(("on", "review", "included"), [
    (date(2026, 11, 1), True, True), (date(2026, 11, 1), False, False), (date(2027, 1, 1), True, False)])
def test_2026_little_giant_reviews_still_use_2022(on, review, included):
    chosen = versions(rulesets(on=on, review=review))
    assert (("little_giant", "miit-2022-63") in chosen) is included


def test_before_63_took_effect_only_the_older_rule_sets_apply():
    assert versions(rulesets(on=date(2022, 7, 31))) == [("above_scale", "nbs-2011"),
                                                         ("gazelle", "sd-gazelle-2020")]


@pytest.mark.parametrize(("year", "expected"), [
    (2023, ["above_scale", "gazelle", "innovative_sme", "little_giant", "specialized_sme"]),
    (2025, ["above_scale", "gazelle", "innovative_sme", "little_giant", "little_giant", "specialized_sme",
            "specialized_sme"]),
    (2026, ["above_scale", "gazelle", "innovative_sme", "little_giant", "specialized_sme"]),
])
def test_a_year_gets_every_version_in_force_in_the_application_year(year, expected):
    results = assess_firm(replace(strong(), year=year))
    assert sorted(r.tier for r in results) == expected


def test_assess_on_a_date():
    results = assess_firm(strong(), on=date(2026, 5, 1))
    assert ("little_giant", "miit-2022-63") not in {(r.tier, r.rule_version) for r in results}
    results = assess_firm(strong(), on=date(2026, 5, 1), review=True)
    assert ("little_giant", "miit-2022-63") in {(r.tier, r.rule_version) for r in results}


def test_ruleset_lookup():
    assert ruleset("innovative_sme", "miit-2022-63").source.endswith("附件1")
    with pytest.raises(KeyError):
        ruleset("innovative_sme", "nope")


# -- wording ----------------------------------------------------------------------------------------------
def test_rd_share_gap_in_words():
    firm = with_ind(strong(), revenue=D(10000), main_business_revenue=D(9000), rd_expense=D(210))
    result = run("specialized_sme", "miit-2022-63", firm)
    assert "研发费用占营业收入比重 2.1%，还差 0.9 个百分点（需达到 3%）" in result.gaps


def test_debt_gap_in_words():
    firm = with_ind(strong(), total_assets=D(10000), total_liabilities=D(7850))
    result = run("little_giant", "miit-2022-63", firm)
    assert "资产负债率 78.5%，需不高于 70%，还需降低 8.5 个百分点" in result.gaps


def test_score_gap_and_next_band_hints():
    firm = with_ind(strong(), rd_expense=D(100), revenue=D(13500), class1_ip=0, class2_ip=0,
                    total_assets=D(10000), total_liabilities=D(9000))
    firm = with_facts(firm, high_tech_enterprise=False, rd_institution_level="none", strategic_emerging=False,
                      high_value_class1_ip=0, self_developed_class1_ip=0)
    result = run("innovative_sme", "miit-2022-63", firm)
    assert result.eligible is False
    assert result.gaps[0].startswith("评价得分 ")
    assert "创新能力得分 0 分，距 20 分还差 20 分" in result.gaps
    assert any(g.startswith("上年度研发费用占营业收入比重 0.74%，达到 1% 可再得 5 分") for g in result.gaps)
    assert any(g.startswith("或：满足任一直通条件") for g in result.gaps)
