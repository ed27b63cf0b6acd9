"""Normalisation, peer groups, dimension and total scores, missing data, ranking, text (no database)."""

import pytest
from django.utils import translation

from yuanqu.assessments.capability import text
from yuanqu.assessments.capability.defaults import default_spec
from yuanqu.assessments.capability.entries import per_mu_entry, six_capability_entry
from yuanqu.assessments.capability.inputs import FirmInput, firm_input
from yuanqu.assessments.capability.normalise import median, minmax, percentile, share_beaten, weighted_mean
from yuanqu.assessments.capability.scoring import PARK_GROUP, peer_groups, score_park
from yuanqu.assessments.capability.spec import IndicatorSpec, SystemSpec, system_errors, weight_sum_error

LABELS = {"revenue": "营业收入", "main_business_revenue": "主营业务收入", "land_area_mu": "用地面积"}


def test_minmax_both_directions_and_missing():
    assert minmax([10, 20, None, 30]) == [0, 50, None, 100]
    assert minmax([10, 20, 30], higher_is_better=False) == [100, 50, 0]
    assert minmax([5, 5, None]) == [50, 50, None]
    assert minmax([None, None]) == [None, None]


def test_percentile_ranks_with_ties():
    assert percentile([1, 2, 3, 4, 5]) == [0, 25, 50, 75, 100]
    assert percentile([1, 2, 2, 3]) == pytest.approx([0, 50, 50, 100])
    assert percentile([1, 2, 3], higher_is_better=False) == [100, 50, 0]
    assert percentile([7]) == [50] and percentile([None, 3]) == [None, 50]


def test_helpers():
    assert median([3, None, 1, 2]) == 2 and median([1, 2, 3, 4]) == 2.5 and median([None]) is None
    assert share_beaten(80, [10, 20, 80, 90, 100]) == 0.5
    assert weighted_mean([(80, 0.5), (None, 0.3), (60, 0.2)]) == pytest.approx((80 * 0.5 + 60 * 0.2) / 0.7)
    assert weighted_mean([(None, 1)]) is None


def spec(**kw):
    indicators = (
        IndicatorSpec("margin", "利润率", "profitability", "total_profit / revenue", True, 1.0, "percent"),
        IndicatorSpec("growth", "营收增长率", "development", "(revenue - prev.revenue) / prev.revenue", True,
                      1.0,
                      "percent"),
        IndicatorSpec("invest", "投资强度", "investment", "fixed_asset_investment / revenue", True, 1.0,
                      "percent"),
        IndicatorSpec("rd", "研发强度", "innovation", "rd_expense / revenue", True, 0.5, "percent"),
        IndicatorSpec("staff", "研发人员占比", "innovation", "rd_staff / employees", True, 0.5, "percent"),
        IndicatorSpec("debt", "资产负债率", "growth", "total_liabilities / total_assets", False, 1.0,
                      "percent"),
        IndicatorSpec("tax", "纳税总额", "responsibility", "tax_paid", True, 1.0, "wan_yuan"),
    )
    base = dict(name="t", version=3, indicators=indicators, dimension_weights={
        "profitability": 0.2, "development": 0.2, "investment": 0.1, "innovation": 0.2, "growth": 0.2,
        "responsibility": 0.1}, peer_min_size=3, per_mu_weights=default_spec().per_mu_weights,
        grade_shares=default_spec().grade_shares)
    return SystemSpec(**{**base, **kw})


def firm(n, industry="3062", previous=True, **values):
    cur = {"revenue": 1000.0 + 100 * n, "total_profit": 50.0 + 10 * n,
           "fixed_asset_investment": 40.0 + 20 * n,
           "rd_expense": 30.0 + 5 * n, "rd_staff": 10 + n, "employees": 100,
           "total_liabilities": 500.0 - 20 * n,
           "total_assets": 1000.0, "tax_paid": 20.0 + n, **values}
    return FirmInput(n, f"企业{n}", industry, 2025, cur, {"revenue": 1000.0} if previous else None)


def test_peer_group_is_the_division_when_large_enough_else_the_park():
    firms = [firm(1, "3062"), firm(2, "3091"), firm(3, "3011"), firm(4, "1811"), firm(5, None)]
    assert peer_groups(firms, 3) == ["30", "30", "30", PARK_GROUP, PARK_GROUP]
    assert peer_groups(firms, 4) == [PARK_GROUP] * 5


def test_scores_dimensions_total_and_rank():
    result = score_park(spec(), [firm(n) for n in range(5)], 2025)
    best, worst = result.get(4), result.get(0)
    assert best.peer_group == "30" and best.peer_size == 5 and best.by_industry
    assert best.dimension("innovation").score == 100 and worst.dimension("innovation").score == 0
    assert best.dimension("growth").score == 100  # lowest debt ratio, lower is better
    assert best.dimension("development").score == 100
    assert best.total == pytest.approx(100) and worst.total == pytest.approx(0)
    assert [result.get(n).rank for n in range(5)] == [5, 4, 3, 2, 1] and result.ranked == 5
    assert best.dimension("innovation").peer_share == 1
    assert best.dimension("responsibility").peer_median == 50  # tax 20..24: linear, so the median scores 50


def test_the_whole_park_is_the_group_when_the_division_is_small():
    result = score_park(spec(), [firm(1, "3062"), firm(2, "1811"), firm(3, "3062")], 2025)
    assert all(f.peer_group == PARK_GROUP and f.peer_size == 3 for f in result.firms.values())
    assert set(result.medians) == {PARK_GROUP}


def test_a_missing_indicator_is_left_out_of_its_dimension_and_listed():
    firms = [firm(n) for n in range(4)] + [firm(9, rd_staff=None, employees=None, previous=False)]
    result = score_park(spec(), firms, 2025).get(9)
    staff = next(ln for ln in result.indicators if ln.spec.code == "staff")
    rd = next(ln for ln in result.indicators if ln.spec.code == "rd")
    assert staff.score is None and staff.missing.field == "rd_staff"
    assert result.dimension("innovation").score == rd.score  # weights renormalised over what is present
    assert result.dimension("development").score is None
    assert result.total == pytest.approx(weighted_mean([(d.score, d.weight) for d in result.dimensions]))
    with translation.override("zh-hans"):
        from yuanqu.assessments.capability.entries import capability_missing

        lines = capability_missing(result, {"rd_staff": "研发人员", "revenue": "营业收入"})
    assert any("研发人员" in line for line in lines) and any("上年" in line for line in lines)


def test_zero_revenue_is_missing_and_no_error():
    firms = [firm(n) for n in range(3)] + [firm(7, revenue=0.0)]
    result = score_park(spec(), firms, 2025).get(7)
    margin = next(ln for ln in result.indicators if ln.spec.code == "margin")
    assert margin.value is None and margin.missing.zero_denominator
    assert result.dimension("profitability").score is None and result.total is not None


def test_a_firm_with_nothing_present_has_no_total_and_no_rank():
    empty = FirmInput(8, "空企业", "3062", 2025, {}, None)
    result = score_park(spec(), [firm(1), firm(2), empty], 2025)
    assert result.get(8).total is None and result.get(8).rank is None and result.ranked == 2


def test_inconsistent_and_negative_figures_are_left_out_with_a_note():
    with translation.override("zh-hans"):
        f = firm_input(1, "x", "3062", 2025, {"revenue": 100, "main_business_revenue": 120, "tax_paid": -5,
                                              "total_profit": -30}, None, LABELS)
    assert f.current["main_business_revenue"] is None and f.current["tax_paid"] is None
    assert f.current["total_profit"] == -30  # a loss is a figure, not an error
    assert any("主营业务收入" in n for n in f.notes) and any("负" in n for n in f.notes)


def test_percentile_normalisation_is_selectable():
    result = score_park(spec(normalisation="percentile"), [firm(n) for n in range(5)], 2025)
    assert result.get(3).dimension("responsibility").score == 75


def test_strengths_and_weaknesses_in_chinese():
    firms = [firm(n) for n in range(5)]
    firms[4] = firm(4, total_liabilities=900.0)  # best on everything but debt
    result = score_park(spec(), firms, 2025).get(4)
    with translation.override("zh-hans"):
        strong, weak = text.strengths(result), text.weaknesses(result)
    assert strong[0].startswith("盈利能力 100 分，高于同行业 100% 的企业")
    assert weak == ["持续成长能力 0 分，资产负债率 90.0% 偏高"]


def test_format_value():
    assert text.format_value(0.021, "percent") == "2.1%"
    assert text.format_value(1234.5, "wan_yuan") == "1,234.50 万元"
    assert text.format_value(7, "count") == "7" and text.format_value(None, "percent") == "—"


def test_weight_sums_are_checked_per_level():
    with translation.override("zh-hans"):
        assert weight_sum_error("innovation", {"a": 0.5, "b": 0.4}) == (
            "技术创新能力的权重之和为 0.900，应为 1（允许误差 0.001）。")
        assert weight_sum_error("innovation", {"a": 0.5, "b": 0.5004}) is None
        assert "负" in weight_sum_error("dimensions", {"a": -0.5, "b": 1.5})
        errors = system_errors(spec(dimension_weights={**spec().dimension_weights, "growth": 0.3}))
    assert list(errors) == ["dimensions"] and "1.100" in errors["dimensions"][0]


def test_the_default_system_is_complete():
    assert system_errors(default_spec()) == {}


def test_entries_have_the_tier_shape():
    s = spec()
    result = score_park(s, [firm(n) for n in range(5)], 2025)
    entry = six_capability_entry(s, result.get(2), 2025, LABELS)
    assert {"tier", "rule_version", "eligible", "score", "breakdown", "gaps", "missing"} <= set(entry)
    assert entry["tier"] == "six_capability" and entry["rule_version"] == "capability-default-v3"
    assert entry["breakdown"][0] == {"indicator": "利润率", "value": "5.8%", "band": "盈利能力",
                                   "points": 58.3}
    assert per_mu_entry(s, None, 2025, LABELS)["missing"] and six_capability_entry(s, None, 2025,
                                                                                   LABELS)["score"] is None
