"""Each eligibility rule of each rule set at its boundaries: just short, exactly at, just past
(pure, no database). The strong firm meets everything; each case changes one input."""

from dataclasses import replace

import pytest

from .tiers_firms import D, Y, run, strong, with_facts, with_ind

EPS = D("0.01")
INNOVATIVE = ("innovative_sme", "miit-2022-63")
SPECIALIZED = ("specialized_sme", "miit-2022-63")
GIANT_2022 = ("little_giant", "miit-2022-63")
SPECIALIZED_2026 = ("specialized_sme", "miit-2026-2")
GIANT_2026 = ("little_giant", "miit-2026-2")
GAZELLE = ("gazelle", "sd-gazelle-2020")
ABOVE = ("above_scale", "nbs-2011")


def eligible(rule, firm):
    return run(*rule, firm).eligible


def around(cut, below, at, above, eps=EPS):
    """(value, expected) just below, at and just above a cut-off."""
    cut = D(cut)
    return [(cut - eps, below), (cut, at), (cut + eps, above)]


# -- basic conditions (§1.0), shared by the MIIT tiers ----------------------------------------------
@pytest.mark.parametrize("rule", [INNOVATIVE, SPECIALIZED, GIANT_2022, SPECIALIZED_2026, GIANT_2026])
@pytest.mark.parametrize(("size", "expected"), [
    ("micro", True), ("small", True), ("medium", True), ("large", False), ("", None), (None, None)])
def test_only_smes_qualify(rule, size, expected):
    assert eligible(rule, replace(strong(), size_class=size)) is expected


# -- 创新型 (附件1) ---------------------------------------------------------------------------------------
def weak_innovative(**facts):
    """No direct route: eligibility rests on the score."""
    return with_facts(strong(), sci_award="none", high_tech_enterprise=False, innovation_honour=False,
                      rd_institution_level="municipal", **facts)


@pytest.mark.parametrize(("points", "expected"), [
    # (innovation, growth, specialisation) points → eligible
    ((25, 15, 15), False),  # 55 < 60
    ((25, 20, 15), True),   # 60: on the pass mark
    ((25, 20, 20), True),   # 65
    ((15, 30, 30), False),  # 75 but innovation 15 < floor 20
    ((20, 25, 15), True),   # innovation exactly 20
    ((40, 10, 30), False),  # growth 10 < 15
    ((40, 15, 10), False),  # specialisation 10 < 15
    ((40, 15, 15), True),   # growth and specialisation exactly on their floors
])
def test_innovative_score_route_pass_mark_and_floors(points, expected):
    firm = innovative_with_points(*points)
    result = run(*INNOVATIVE, firm)
    assert result.score == sum(points)
    assert result.eligible is expected


INNOVATION = {15: (10, 5), 20: (10, 10), 25: (15, 10), 40: (20, 20)}       # (ip, rd) points
GROWTH = {10: (5, 5), 15: (10, 5), 20: (15, 5), 25: (15, 10), 30: (20, 10)}  # (growth, debt)
SPECIAL = {10: (5, 5), 15: (10, 5), 20: (10, 10), 30: (10, 20)}            # (field, main share)
IP = {20: (1, 1, 1, 0), 15: (0, 1, 1, 0), 10: (0, 0, 1, 0), 5: (0, 0, 0, 1), 0: (0, 0, 0, 0)}
RD = {20: 5, 15: 3, 10: 2, 5: 1, 0: 0}
GROWTH_PCT = {20: 15, 15: 10, 10: 5, 5: 0, 0: -1}
DEBT_PCT = {10: 55, 5: 75, 0: 80}
MAIN_PCT = {20: 70, 15: 60, 10: 55, 5: 50, 0: 40}


def innovative_with_points(innovation, growth, special):
    """A firm scoring exactly these category points, with no direct route. Figures are chosen so
    every ratio is exact: main-business revenue 231 × (100 + growth) over 23,100 the year before."""
    ip, rd = INNOVATION[innovation]
    g, d = GROWTH[growth]
    field, main = SPECIAL[special]
    hv, sd, c1, c2 = IP[ip]
    firm = weak_innovative(strategic_emerging=field == 10, high_value_class1_ip=hv,
                           self_developed_class1_ip=sd)
    main_y = D(231) * (100 + GROWTH_PCT[g])
    revenue = main_y * 100 / MAIN_PCT[main]
    firm = with_ind(firm, Y - 1, main_business_revenue=D(23100), revenue=D(30000))
    return with_ind(firm, revenue=revenue, main_business_revenue=main_y, rd_expense=revenue * RD[rd] / 100,
                    total_assets=D(10000), total_liabilities=D(DEBT_PCT[d]) * 100, class1_ip=c1, class2_ip=c2)


@pytest.mark.parametrize(("facts", "expected"), [
    ({"sci_award": "provincial"}, True),            # D1
    ({"sci_award": "national"}, True),
    ({"high_tech_enterprise": True}, True),          # D2
    ({"innovation_honour": True}, True),
    ({"rd_institution_level": "provincial"}, True),  # D3
    ({"rd_institution_level": "national"}, True),
    ({"rd_institution_level": "municipal"}, False),
    ({"sci_award": None}, None),                     # unknown award, nothing else: undecided
])
def test_innovative_direct_routes(facts, expected):
    firm = innovative_with_points(15, 15, 15)  # 45 points: the score route fails
    assert eligible(INNOVATIVE, with_facts(firm, **facts)) is expected


def test_innovative_high_tech_qualification_counts_as_d2():
    firm = replace(innovative_with_points(15, 15, 15), qualifications=frozenset({"high_tech"}))
    assert eligible(INNOVATIVE, firm) is True


@pytest.mark.parametrize(("total", "expected"), around(500, False, True, True))
def test_innovative_d4_equity_over_three_years(total, expected):
    firm = innovative_with_points(15, 15, 15)
    for year, part in ((Y - 2, total / 2), (Y - 1, total / 4), (Y, total / 4)):
        firm = with_ind(firm, year, equity_financing=part)
    assert eligible(INNOVATIVE, firm) is expected


def test_innovative_d4_missing_year_is_undecided_unless_known_years_suffice():
    firm = with_ind(innovative_with_points(15, 15, 15), Y - 2, equity_financing=None)
    result = run(*INNOVATIVE, firm)
    assert result.eligible is None and "缺少 2023 年股权融资" in result.missing
    firm = with_ind(firm, Y, equity_financing=D(500))
    assert eligible(INNOVATIVE, firm) is True


# -- 专精特新 2022 (附件2) ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("years", "expected"), [(1, False), (2, True), (3, True), (None, None)])
def test_specialized_c1_two_years_in_the_niche(years, expected):
    assert eligible(SPECIALIZED, with_facts(strong(), niche_years=years)) is expected


@pytest.mark.parametrize(("amount", "expected"), around(100, False, True, True))
def test_specialized_c2_rd_amount_at_least_one_million(amount, expected):
    firm = with_ind(strong(), revenue=D(1000), main_business_revenue=D(900), rd_expense=amount)
    assert eligible(SPECIALIZED, firm) is expected


@pytest.mark.parametrize(("pct", "expected"), around(3, False, True, True))
def test_specialized_c2_rd_share_at_least_three_percent(pct, expected):
    firm = with_ind(strong(), revenue=D(10000), main_business_revenue=D(9000), rd_expense=pct * 100)
    assert eligible(SPECIALIZED, firm) is expected


@pytest.mark.parametrize(("revenue", "expected"), around(1000, False, True, True))
def test_specialized_c3_revenue_ten_million(revenue, expected):
    firm = with_ind(strong(), revenue=revenue, main_business_revenue=revenue, rd_expense=D(100))
    assert eligible(SPECIALIZED, firm) is expected


@pytest.mark.parametrize(("equity", "expected"), around(2000, False, True, True))
def test_specialized_c3_or_equity_over_two_years(equity, expected):
    firm = with_ind(strong(), revenue=D(900), main_business_revenue=D(900), rd_expense=D(100),
                    equity_financing=equity / 2)
    firm = with_ind(firm, Y - 1, equity_financing=equity / 2)
    assert eligible(SPECIALIZED, firm) is expected


def specialized_scoring(score):
    """A firm whose total is exactly `score`, with no direct condition (Z1-Z4)."""
    firm = with_facts(strong(), sci_award="none", maker_china="none", local_feature_score=D(0),
                      niche_years=2, digital_level=1, quality_award=False, quality_system_cert=False,
                      own_brand=False, standards_drafted=False)
    # now: 5 + 10 + 1 + 5 + 0 + 0 + 10 + 5 + 0 + 10 + 10 + 5 + 10 = 71; item 9 adds, item 13 removes
    firm = with_facts(firm, rd_institution_level="none")  # 61
    extra = D(score) - 61
    if extra >= 0:
        return with_facts(firm, local_feature_score=extra)
    return with_facts(firm, main_product_field="other", local_feature_score=extra + 5)


@pytest.mark.parametrize(("score", "expected"), [(D("59.99"), False), (D(60), True), (D("60.01"), True)])
def test_specialized_c4_score_sixty(score, expected):
    result = run(*SPECIALIZED, specialized_scoring(score))
    assert result.score == float(score)
    assert result.eligible is expected


@pytest.mark.parametrize(("award", "rank", "expected"), [
    ("provincial", 3, True), ("provincial", 4, False), ("national", 5, True), ("national", 6, False),
    ("provincial", None, None), ("none", None, False)])
def test_specialized_z1_award_ranks(award, rank, expected):
    firm = with_facts(specialized_scoring(D(59)), sci_award=award, sci_award_rank=rank)
    assert eligible(SPECIALIZED, firm) is expected


@pytest.mark.parametrize(("total", "expected"), around(2000, False, True, True))
def test_specialized_z2_average_rd_ten_million_over_two_years(total, expected):
    firm = with_ind(specialized_scoring(D(59)), rd_expense=total / 2)
    assert eligible(SPECIALIZED, with_ind(firm, Y - 1, rd_expense=total / 2)) is expected


@pytest.mark.parametrize(("total", "expected"), around(6000, False, True, True))
def test_specialized_z3_equity_sixty_million_over_two_years(total, expected):
    firm = with_ind(specialized_scoring(D(59)), equity_financing=total / 2)
    firm = with_ind(firm, Y - 1, equity_financing=total / 2)
    assert eligible(SPECIALIZED, firm) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("top500", True), ("top50", True), ("none", False), (None, None)])
def test_specialized_z4_maker_china_top_500(value, expected):
    assert eligible(SPECIALIZED, with_facts(specialized_scoring(D(59)), maker_china=value)) is expected
