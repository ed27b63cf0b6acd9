"""Bad input never crashes the engine: zero or missing revenue, negative values, a year without data,
inconsistent figures. What is missing is said, never guessed (pure)."""

from dataclasses import replace

import pytest

from yuanqu.assessments.tiers import FirmYear, assess_firm

from .tiers_firms import D, Y, run, strong, with_facts, with_ind


def every(firm):
    return assess_firm(firm)


def test_an_empty_firm_is_assessed_with_everything_missing():
    firm = FirmYear(Y, None, None, None, {}, {}, frozenset())
    results = every(firm)
    assert {r.tier for r in results} == {"innovative_sme", "specialized_sme", "little_giant", "gazelle",
                                         "above_scale"}
    for result in results:
        assert result.eligible in (None, False)
        assert result.missing
        assert 0 <= result.closeness < 1
    innovative = results[0]
    assert "缺少 2025 年营业收入" in innovative.missing
    assert "缺少企业规模（中小企业划型）" in innovative.missing


def test_zero_revenue_makes_ratios_missing_not_a_division_error():
    firm = with_ind(strong(), revenue=D(0), main_business_revenue=D(0))
    result = run("innovative_sme", "miit-2022-63", firm)
    assert "2025 年营业收入为 0，无法计算研发费用占营业收入比重" in result.missing
    assert result.breakdown[1].points is None and result.breakdown[1].value is None
    assert all(r.eligible is not True for r in every(firm) if r.tier in ("above_scale", "gazelle"))


def test_zero_previous_revenue_makes_growth_missing():
    firm = with_ind(strong(), Y - 1, main_business_revenue=D(0))
    result = run("innovative_sme", "miit-2022-63", firm)
    assert "2024 年主营业务收入为 0，无法计算增长率" in result.missing


def test_negative_values_are_noted_and_treated_as_missing():
    firm = with_ind(strong(), rd_expense=D(-5))
    result = run("innovative_sme", "miit-2022-63", firm)
    assert "2025 年研发费用为负数（-5），按无效数据处理" in result.notes
    assert "缺少 2025 年研发费用" in result.missing


def test_a_loss_is_a_valid_profit():
    firm = with_ind(strong(), total_profit=D(-300))
    for result in every(firm):
        assert not any("利润总额为负数" in n for n in result.notes)


def test_main_business_revenue_above_revenue_is_inconsistent():
    firm = with_ind(strong(), revenue=D(1000), main_business_revenue=D(1200))
    result = run("innovative_sme", "miit-2022-63", firm)
    assert "2025 年主营业务收入（1,200）高于营业收入（1,000），数据不一致，请核对" in result.notes
    assert "无法计算 2025 年主营业务收入占营业收入比重（数据不一致）" in result.missing
    assert result.breakdown[5].points is None


def test_rd_staff_above_employees_is_inconsistent():
    firm = with_ind(strong(), employees=10, rd_staff=20)
    result = run("specialized_sme", "miit-2022-63", firm)
    assert any("研发人员（20）高于从业人员（10）" in n for n in result.notes)


def test_a_year_without_data():
    firm = replace(strong(), year=2030, facts={}, qualifications=frozenset())
    results = every(firm)
    assert all(r.eligible is not True for r in results)
    assert "缺少 2030 年营业收入" in results[0].missing and results[0].eligible is None


def test_unknown_facts_are_unknown_not_false():
    firm = replace(strong(), facts={})
    result = run("specialized_sme", "miit-2022-63", firm)
    assert result.eligible is None
    assert "未填写 2025 年企业情况：从事特定细分市场年限" in result.missing


def test_missing_data_gives_a_score_range_and_a_lowest_score():
    firm = with_facts(strong(), strategic_emerging=None)
    result = run("innovative_sme", "miit-2022-63", firm)
    assert result.score == 95 and result.eligible is True
    assert "部分指标缺少数据：显示的得分为最低可能值，实际得分在 95 至 100 分之间" in result.notes


@pytest.mark.parametrize("value", [None, D(0), D(-1)])
def test_debt_ratio_without_assets(value):
    firm = with_ind(strong(), total_assets=value)
    result = run("little_giant", "miit-2022-63", firm)
    assert result.eligible is None


def test_closeness_orders_candidates():
    near = with_ind(strong(), main_business_revenue=D(1950))
    far = with_ind(strong(), main_business_revenue=D(500))
    near_r, far_r = run("above_scale", "nbs-2011", near), run("above_scale", "nbs-2011", far)
    assert 0 < far_r.closeness < near_r.closeness < 1
    assert run("above_scale", "nbs-2011", strong()).closeness == 1
