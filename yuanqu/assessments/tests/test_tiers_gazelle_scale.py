"""Shandong 瞪羚 (鲁工信发〔2020〕8号) and 规上 (国统字〔2010〕87号) at their boundaries (pure)."""

from dataclasses import replace
from datetime import date

import pytest

from .tiers_firms import D, Y, run, strong, with_facts, with_ind

EPS = D("0.01")
GAZELLE = ("gazelle", "sd-gazelle-2020")
ABOVE = ("above_scale", "nbs-2011")


def eligible(rule, firm):
    return run(*rule, firm).eligible


def around(cut, below, at, above, eps=EPS):
    cut = D(cut)
    return [(cut - eps, below), (cut, at), (cut + eps, above)]


def growing(revenue, rate, *, profit_rate=None):
    """Revenue `revenue` last year after two years of `rate` % growth; R&D 6% throughout."""
    factor = 1 + D(rate) / 100
    firm = strong()
    values = {Y: revenue, Y - 1: revenue / factor, Y - 2: revenue / factor / factor}
    for year, value in values.items():
        firm = with_ind(firm, year, revenue=value, main_business_revenue=value * D("0.9"),
                        rd_expense=value * D("0.06"), total_profit=D(100))
    if profit_rate is not None:
        p = 1 + D(profit_rate) / 100
        for year, value in {Y: D(1000), Y - 1: D(1000) / p, Y - 2: D(1000) / p / p}.items():
            firm = with_ind(firm, year, total_profit=value)
    return firm


def test_strong_firm_is_a_gazelle_and_verified():
    result = run(*GAZELLE, strong())
    assert result.eligible is True and result.verified is True


@pytest.mark.parametrize(("founded", "expected"), [
    (date(Y - 2, 1, 1), True), (date(Y - 2, 1, 2), False), (date(Y - 3, 12, 31), True), (None, None)])
def test_gazelle_three_full_fiscal_years(founded, expected):
    assert eligible(GAZELLE, replace(strong(), founded_on=founded)) is expected


@pytest.mark.parametrize(("pct", "expected"), around(70, True, False, False))
def test_gazelle_debt_below_seventy(pct, expected):
    firm = with_ind(strong(), total_assets=D(10000), total_liabilities=pct * 100)
    assert eligible(GAZELLE, firm) is expected


@pytest.mark.parametrize(("listed", "expected"), [(False, True), (True, False), (None, None)])
def test_gazelle_not_listed(listed, expected):
    assert eligible(GAZELLE, with_facts(strong(), listed=listed)) is expected


@pytest.mark.parametrize(("facts", "expected"), [
    ({"strategic_emerging": False, "sd_priority_industry": True}, True),
    ({"strategic_emerging": True, "sd_priority_industry": False}, True),
    ({"strategic_emerging": False, "sd_priority_industry": False}, False),
    ({"strategic_emerging": False, "sd_priority_industry": None}, None),
])
def test_gazelle_sector(facts, expected):
    assert eligible(GAZELLE, with_facts(strong(), **facts)) is expected


@pytest.mark.parametrize(("revenue", "rate", "expected"), [
    (D("999.99"), 50, False),                                  # under the 1000 万元 floor
    (D(1000), 24, False), (D(1000), 26, True),                 # 1000万-2000万: 25%
    (D("1999.99"), 24, False), (D(2000), 24, True),            # 2000万-1亿: 20%
    (D("9999.99"), 19, False), (D(10000), 19, True),           # 1亿-4亿: 15%
    (D("39999.99"), 14, False), (D(40000), 14, True),          # 4亿以上: 10%
])
def test_gazelle_growth_band_follows_last_years_revenue(revenue, rate, expected):
    assert eligible(GAZELLE, growing(revenue, rate, profit_rate=0)) is expected


@pytest.mark.parametrize(("revenue", "rate", "expected"), [
    # revenues whose two earlier years are exact at the band's rate
    (D(1000), D("24.99"), False), (D(1000), 25, True), (D(1000), D("25.01"), True),
    (D(3600), D("19.99"), False), (D(3600), 20, True), (D(3600), D("20.01"), True),
    (D(13225), D("14.99"), False), (D(13225), 15, True), (D(13225), D("15.01"), True),
    (D(48400), D("9.99"), False), (D(48400), 10, True), (D(48400), D("10.01"), True),
])
def test_gazelle_growth_rate_at_each_band(revenue, rate, expected):
    assert eligible(GAZELLE, growing(revenue, rate, profit_rate=0)) is expected


def test_gazelle_growth_each_year_not_only_compound():
    firm = growing(D(5000), 20)
    firm = with_ind(firm, Y - 1, revenue=D(5000) / D("1.5"))  # 50% then 0%: compound 22%, not each year
    firm = with_ind(firm, Y - 2, revenue=D(5000) / D("1.44"), total_profit=D(100))
    assert eligible(GAZELLE, firm) is False


def test_gazelle_profit_route_qualifies_but_is_flagged():
    result = run(*GAZELLE, growing(D(5000), 5, profit_rate=20))
    assert result.eligible is True and result.verified is False
    assert any("利润总额" in n for n in result.notes)


@pytest.mark.parametrize(("revenue", "pct", "expected"), [
    (D(10000), D("2.49"), False), (D(10000), D("2.5"), True),      # 1亿以上: 2.5%
    (D("9999.99"), D("4.99"), False), (D("9999.99"), D(5), True),  # otherwise: 5%
])
def test_gazelle_rd_intensity_both_years(revenue, pct, expected):
    firm = growing(revenue, 20, profit_rate=0)
    for year in (Y - 1, Y):
        value = firm.indicators[year]["revenue"]
        firm = with_ind(firm, year, rd_expense=value * pct / 100)
    assert eligible(GAZELLE, firm) is expected


@pytest.mark.parametrize(("patents", "class2", "led", "expected"), [
    (2, 0, False, True), (1, 7, False, False), (1, 8, False, True), (1, 7, True, True), (1, 7, None, None)])
def test_gazelle_ip_test(patents, class2, led, expected):
    firm = with_facts(with_ind(strong(), invention_patents=patents, class2_ip=class2), standards_led=led)
    assert eligible(GAZELLE, firm) is expected


def test_gazelle_class2_route_is_flagged():
    firm = with_facts(with_ind(strong(), invention_patents=0, class2_ip=8), standards_led=False)
    assert run(*GAZELLE, firm).verified is False


@pytest.mark.parametrize(("score", "expected"), around(75, False, True, True) + [(None, None)])
def test_gazelle_credit_score(score, expected):
    assert eligible(GAZELLE, with_facts(strong(), credit_score=score)) is expected


# -- 规上 -------------------------------------------------------------------------------------------------
SECTORS = [
    # (industry code, field, threshold 万元)
    ("3062", "main_business_revenue", 2000), ("0610", "main_business_revenue", 2000),
    ("4411", "main_business_revenue", 2000), ("4690", "main_business_revenue", 2000),
    ("5191", "main_business_revenue", 2000), ("5211", "main_business_revenue", 500),
    ("5411", "revenue", 2000), ("6010", "revenue", 2000), ("6110", "main_business_revenue", 200),
    ("6210", "main_business_revenue", 200), ("6520", "revenue", 2000), ("7020", "revenue", 1000),
    ("7040", "revenue", 1000), ("7212", "revenue", 1000), ("7320", "revenue", 1000),
    ("7721", "revenue", 2000), ("8011", "revenue", 500), ("8310", "revenue", 1000),
    ("8411", "revenue", 2000), ("8510", "revenue", 500), ("8610", "revenue", 500),
]


@pytest.mark.parametrize(("code", "field", "threshold"), SECTORS)
@pytest.mark.parametrize(("delta", "expected"), [(-EPS, False), (D(0), True), (EPS, True)])
def test_above_scale_threshold_per_sector(code, field, threshold, delta, expected):
    value = D(threshold) + delta
    firm = replace(with_ind(strong(), revenue=D(100000), main_business_revenue=D(100000)), industry_code=code)
    firm = with_ind(firm, **{field: value})
    if field == "main_business_revenue":
        firm = with_ind(firm, revenue=D(100000))
    else:
        firm = with_ind(firm, main_business_revenue=D(0))
    assert eligible(ABOVE, firm) is expected


def test_above_scale_gap_in_words():
    firm = with_ind(strong(), main_business_revenue=D(1850))
    assert run(*ABOVE, firm).gaps == ["主营业务收入 1,850 万元，距 2,000 万元还差 150 万元"]


@pytest.mark.parametrize(("code", "expected"), [
    ("0111", False), ("6621", False), ("9221", False),   # agriculture, finance, public bodies: outside
    ("4710", None), ("7010", None), ("", None), (None, None)])
def test_above_scale_sectors_not_judged_by_revenue(code, expected):
    assert eligible(ABOVE, replace(strong(), industry_code=code)) is expected
