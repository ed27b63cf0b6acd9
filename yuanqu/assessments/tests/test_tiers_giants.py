"""小巨人 (63号 附件3 and 2026-2) and 专精特新 2026-2: each condition at its boundaries (pure)."""

from dataclasses import replace

import pytest

from .tiers_firms import D, Y, run, strong, with_facts, with_ind

EPS = D("0.01")
GIANT_2022 = ("little_giant", "miit-2022-63")
SPECIALIZED_2026 = ("specialized_sme", "miit-2026-2")
GIANT_2026 = ("little_giant", "miit-2026-2")


def eligible(rule, firm):
    return run(*rule, firm).eligible


def around(cut, below, at, above, eps=EPS):
    cut = D(cut)
    return [(cut - eps, below), (cut, at), (cut + eps, above)]


def main_share(firm, pct):
    """Main-business revenue stays 12,600 (so growth is unchanged); revenue makes the share."""
    return with_ind(firm, revenue=D(1260000) / pct, main_business_revenue=D(12600))


def debt(firm, pct):
    return with_ind(firm, total_assets=D(10000), total_liabilities=pct * 100)


def avg_growth(firm, pct):
    """Both of the last two years grow by `pct` (main-business revenue)."""
    first = D(10000) * (1 + pct / 100)
    firm = with_ind(firm, Y - 2, main_business_revenue=D(10000))
    firm = with_ind(firm, Y - 1, main_business_revenue=first, revenue=D(12000))
    return with_ind(firm, main_business_revenue=first * (1 + pct / 100), revenue=D(12000))


# -- 小巨人 2022 (附件3) ------------------------------------------------------------------------------
def test_strong_firm_is_a_little_giant_but_unverified():
    result = run(*GIANT_2022, strong())
    assert result.eligible is True and result.verified is False
    assert any("第五项" in n for n in result.notes) and any("第六项" in n for n in result.notes)


@pytest.mark.parametrize(("quals", "expected"), [
    ({"specialized"}, True), ({"little_giant"}, True), ({"innovative_sme"}, False), (set(), False)])
def test_giant_2022_needs_the_specialized_title(quals, expected):
    assert eligible(GIANT_2022, replace(strong(), qualifications=frozenset(quals))) is expected


@pytest.mark.parametrize(("years", "expected"), [(2, False), (3, True), (4, True), (None, None)])
def test_giant_2022_three_years_in_the_niche(years, expected):
    assert eligible(GIANT_2022, with_facts(strong(), niche_years=years)) is expected


@pytest.mark.parametrize(("pct", "expected"), around(70, False, True, True))
def test_giant_2022_main_share_seventy(pct, expected):
    assert eligible(GIANT_2022, main_share(strong(), pct)) is expected


@pytest.mark.parametrize(("pct", "expected"), around(5, False, True, True))
def test_giant_2022_average_growth_five(pct, expected):
    assert eligible(GIANT_2022, avg_growth(strong(), pct)) is expected


@pytest.mark.parametrize(("pct", "expected"), around(70, True, True, False))
def test_giant_2022_debt_at_most_seventy(pct, expected):
    assert eligible(GIANT_2022, debt(strong(), pct)) is expected


@pytest.mark.parametrize(("facts", "expected"), [
    ({"core_it_system": False}, False), ({"core_it_system": None}, None),
    ({"quality_system_cert": False}, True),  # the developed-market product certificate suffices
    ({"quality_system_cert": False, "intl_product_cert": False}, False),
    ({"quality_system_cert": False, "intl_product_cert": None}, None),
    ({"own_brand": False}, False),
])
def test_giant_2022_refinement_and_brand(facts, expected):
    assert eligible(GIANT_2022, with_facts(strong(), **facts)) is expected


@pytest.mark.parametrize(("share", "expected"), around(10, False, True, True))
def test_giant_2022_national_market_share_ten(share, expected):
    assert eligible(GIANT_2022, with_facts(strong(), national_market_share=share)) is expected


def rd_two_years(firm, revenue, pct):
    """Revenue `revenue` in both years, R&D at `pct` of it each year, main business growing 10%."""
    main = revenue * D("0.95")
    firm = with_ind(firm, Y - 2, main_business_revenue=main / D("1.21"))
    firm = with_ind(firm, Y - 1, revenue=revenue, main_business_revenue=main / D("1.1"),
                    rd_expense=revenue * pct / 100)
    return with_ind(firm, revenue=revenue, main_business_revenue=main, rd_expense=revenue * pct / 100)


@pytest.mark.parametrize(("revenue", "pct", "expected"), [
    (D(10000), D("2.99"), False), (D(10000), D(3), True),            # ≥ 1亿: 3% (exactly 1亿 included)
    (D("9999.99"), D("5.99"), False), (D("9999.99"), D(6), True),    # 5000万-1亿: 6%
    (D(5000), D("5.99"), False), (D(5000), D(6), True),              # exactly 5000万: the 6% band
])
def test_giant_2022_rd_share_by_revenue_band(revenue, pct, expected):
    firm = with_facts(rd_two_years(strong(), revenue, pct), sci_award="none", maker_china="none")
    assert eligible(GIANT_2022, firm) is expected


def small_revenue(equity="8000", rd_total="3000", rd_staff=5000):
    """Revenue under 5000万: equity ≥ 8000万, R&D ≥ 3000万 (two years), R&D staff ≥ 50%."""
    firm = with_facts(strong(), sci_award="none", maker_china="none")
    for year in (Y - 1, Y):
        firm = with_ind(firm, year, revenue=D(4000), main_business_revenue=D(3800),
                        equity_financing=D(equity) / 2, rd_expense=D(rd_total) / 2)
    firm = with_ind(firm, Y - 2, main_business_revenue=D(3400))
    return with_ind(firm, employees=10000, rd_staff=rd_staff)


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, True),
    ({"equity": "7999.99"}, False), ({"equity": "8000"}, True),
    ({"rd_total": "2999.99"}, False), ({"rd_total": "3000"}, True),
    ({"rd_staff": 4999}, False), ({"rd_staff": 5000}, True), ({"rd_staff": 5001}, True),
])
def test_giant_2022_under_fifty_million(kwargs, expected):
    assert eligible(GIANT_2022, small_revenue(**kwargs)) is expected


@pytest.mark.parametrize(("facts", "class1", "expected"), [
    ({"rd_institution_level": "below"}, 10, True),   # any R&D institution
    ({"rd_institution_level": "none"}, 10, False),
    ({}, 1, False), ({}, 2, True),                    # ≥ 2 class I IP
    ({"rd_institution_level": "none", "sci_award": "national", "sci_award_rank": 3}, 1, True),  # 直通
    ({"rd_institution_level": "none", "sci_award": "national", "sci_award_rank": 4}, 1, False),
    ({"rd_institution_level": "none", "maker_china": "top50"}, 1, True),
    ({"rd_institution_level": "none", "maker_china": "top500"}, 1, False),
])
def test_giant_2022_innovation_general_or_direct(facts, class1, expected):
    firm = with_facts(with_ind(strong(), class1_ip=class1), **facts)
    assert eligible(GIANT_2022, firm) is expected


@pytest.mark.parametrize(("field", "priority", "expected"), [
    ("key_link", True, True),           # aspect 5 (key link) and 6 (national key field)
    ("key_link", False, False),         # aspect 6 fails: neither 六基 nor a national key field
    ("key_link", None, None),
    ("six_foundations", True, False),   # aspect 5 fails: not a key link
    ("other", True, False),
    (None, True, None),
])
def test_giant_2022_chain_and_field(field, priority, expected):
    firm = with_facts(strong(), main_product_field=field, priority_sector=priority)
    assert eligible(GIANT_2022, firm) is expected


# -- 专精特新 2026-2 ---------------------------------------------------------------------------------------
def test_strong_firm_is_specialized_2026_unverified():
    result = run(*SPECIALIZED_2026, strong())
    assert result.eligible is True and result.verified is False and result.score == 80
    assert any("2026" in n for n in result.notes)


@pytest.mark.parametrize(("quals", "expected"), [
    ({"innovative_sme"}, True), ({"tech_sme"}, True), ({"high_tech"}, False), (set(), False)])
def test_specialized_2026_needs_the_tier_one_title(quals, expected):
    assert eligible(SPECIALIZED_2026, replace(strong(), qualifications=frozenset(quals))) is expected


@pytest.mark.parametrize(("years", "expected"), [(2, False), (3, True)])
def test_specialized_2026_three_years_in_the_niche(years, expected):
    assert eligible(SPECIALIZED_2026, with_facts(strong(), niche_years=years)) is expected


@pytest.mark.parametrize(("revenue", "expected"), around(1500, False, True, True))
def test_specialized_2026_revenue_fifteen_million(revenue, expected):
    firm = with_ind(strong(), revenue=revenue, main_business_revenue=revenue * D("0.9"),
                    rd_expense=D(100))
    firm = with_ind(firm, Y - 1, revenue=D(1500), rd_expense=D(100))
    assert eligible(SPECIALIZED_2026, firm) is expected


@pytest.mark.parametrize(("equity", "expected"), around(2000, False, True, True))
def test_specialized_2026_or_equity_twenty_million(equity, expected):
    firm = with_ind(strong(), revenue=D(1400), main_business_revenue=D(1300), rd_expense=D(100),
                    equity_financing=equity / 2)
    firm = with_ind(firm, Y - 1, revenue=D(1400), rd_expense=D(100), equity_financing=equity / 2)
    assert eligible(SPECIALIZED_2026, firm) is expected


@pytest.mark.parametrize(("pct", "expected"), around(80, False, True, True))
def test_specialized_2026_main_share_eighty(pct, expected):
    assert eligible(SPECIALIZED_2026, main_share(strong(), pct)) is expected


@pytest.mark.parametrize(("pct", "expected"), around(80, True, True, False))
def test_specialized_2026_debt_at_most_eighty(pct, expected):
    assert eligible(SPECIALIZED_2026, debt(strong(), pct)) is expected


@pytest.mark.parametrize("year", [Y - 1, Y])
@pytest.mark.parametrize(("amount", "expected"), around(100, False, True, True))
def test_specialized_2026_rd_each_year_one_million(year, amount, expected):
    firm = with_ind(strong(), year, revenue=D(2000), main_business_revenue=D(1900), rd_expense=amount)
    assert eligible(SPECIALIZED_2026, firm) is expected


@pytest.mark.parametrize("year", [Y - 1, Y])
@pytest.mark.parametrize(("pct", "expected"), around(3, False, True, True))
def test_specialized_2026_rd_each_year_three_percent(year, pct, expected):
    firm = with_ind(strong(), year, revenue=D(10000), main_business_revenue=D(9500), rd_expense=pct * 100)
    assert eligible(SPECIALIZED_2026, firm) is expected


@pytest.mark.parametrize(("class1", "facts", "expected"), [
    (1, {}, True), (0, {"rd_institution_level": "municipal"}, False),
    (0, {"rd_institution_level": "provincial"}, True),  # waived: 省部级以上研发机构
    (0, {"rd_institution_level": "none", "sci_award": "provincial", "sci_award_rank": 3}, True),
    (0, {"rd_institution_level": "none", "sci_award": "provincial", "sci_award_rank": 4}, False),
])
def test_specialized_2026_class1_ip_or_waiver(class1, facts, expected):
    firm = with_facts(with_ind(strong(), class1_ip=class1), **facts)
    assert eligible(SPECIALIZED_2026, firm) is expected


@pytest.mark.parametrize(("score", "expected"), around(50, False, True, True) + [(None, None)])
def test_specialized_2026_development_score_fifty(score, expected):
    assert eligible(SPECIALIZED_2026, with_facts(strong(), development_score=score)) is expected


# -- 小巨人 2026-2 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("revenue", "expected"), around(5000, False, True, True))
def test_giant_2026_revenue_fifty_million(revenue, expected):
    firm = with_ind(strong(), Y - 2, revenue=revenue / D("1.21"))
    firm = with_ind(firm, Y - 1, revenue=revenue / D("1.1"), rd_expense=D(600))
    firm = with_ind(firm, revenue=revenue, main_business_revenue=revenue * D("0.95"), rd_expense=D(600))
    assert eligible(GIANT_2026, firm) is expected


@pytest.mark.parametrize(("pct", "expected"), around(90, False, True, True))
def test_giant_2026_main_share_ninety(pct, expected):
    assert eligible(GIANT_2026, main_share(strong(), pct)) is expected


@pytest.mark.parametrize(("pct", "expected"), around(5, False, True, True))
def test_giant_2026_compound_revenue_growth_five(pct, expected):
    base = D(10000)
    firm = with_ind(strong(), Y - 2, revenue=base)
    firm = with_ind(firm, revenue=base * (1 + pct / 100) ** 2, main_business_revenue=base)
    assert eligible(GIANT_2026, firm) is expected


@pytest.mark.parametrize(("pct", "expected"), around(75, True, True, False))
def test_giant_2026_debt_at_most_seventy_five(pct, expected):
    assert eligible(GIANT_2026, debt(strong(), pct)) is expected


@pytest.mark.parametrize(("total", "expected"), around(1200, False, True, True))
def test_giant_2026_rd_twelve_million_over_two_years(total, expected):
    firm = with_ind(strong(), rd_expense=total / 2)
    assert eligible(GIANT_2026, with_ind(firm, Y - 1, rd_expense=total / 2)) is expected


@pytest.mark.parametrize(("class1", "facts", "expected"), [
    (3, {}, False), (4, {}, True),
    (3, {"sci_award": "national", "sci_award_rank": 3}, True),
    (3, {"sci_award": "national", "sci_award_rank": 4}, False),
    (3, {"sci_award": "provincial", "sci_award_rank": 1}, False),
])
def test_giant_2026_four_class1_ip_or_national_award(class1, facts, expected):
    firm = with_facts(with_ind(strong(), class1_ip=class1), **facts)
    assert eligible(GIANT_2026, firm) is expected


@pytest.mark.parametrize(("share", "rank", "expected"), [
    (D("9.99"), 4, False), (D(10), 4, True), (D("9.99"), 3, True), (D("9.99"), None, False),
    (None, None, None), (None, 3, True)])
def test_giant_2026_market_share_ten_or_top_three(share, rank, expected):
    firm = with_facts(strong(), national_market_share=share, national_market_rank=rank)
    assert eligible(GIANT_2026, firm) is expected


@pytest.mark.parametrize(("field", "expected"), [
    ("key_link", True), ("six_foundations", True), ("other", False), (None, None)])
def test_giant_2026_main_product_field(field, expected):
    assert eligible(GIANT_2026, with_facts(strong(), main_product_field=field)) is expected


@pytest.mark.parametrize(("score", "expected"), around(60, False, True, True))
def test_giant_2026_development_score_sixty(score, expected):
    assert eligible(GIANT_2026, with_facts(strong(), development_score=score)) is expected
