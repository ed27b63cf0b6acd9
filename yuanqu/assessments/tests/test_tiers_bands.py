"""Every band of every official scoring table, at and around each cut-off (pure, no database).

The tables are copied here from rules-criteria.md §1.1 (附件1) and §1.2 (附件2) rather than read from
the engine, so a slip in either shows. Boundary convention: a value on a cut-off scores in the band
with more points (以上/以下 include the number)."""

import pytest

from .tiers_firms import D, Y, band_code, run, strong, with_facts, with_ind

EPS = D("0.01")
INNOVATIVE = ("innovative_sme", "miit-2022-63")
SPECIALIZED = ("specialized_sme", "miit-2022-63")


def cases(rows, *, up=True):
    """(value, band, points) just past, on and just inside every cut-off of a table."""
    out = []
    for i, (code, cut, pts) in enumerate(rows[:-1]):
        worse = rows[i + 1]
        step = -EPS if up else EPS
        out += [(D(cut) + step, worse[0], worse[2]), (D(cut), code, pts), (D(cut) - step, code, pts)]
    return out


# -- setters: put one value in place, keep the rest of the strong firm --------------------------
def rd_share(firm, pct):
    return with_ind(firm, revenue=D(10000), main_business_revenue=D(9000), rd_expense=pct * 100)


def growth_1y(firm, pct):
    firm = with_ind(firm, Y - 1, revenue=D(30000), main_business_revenue=D(10000))
    return with_ind(firm, revenue=D(30000), main_business_revenue=D(10000) * (1 + pct / 100))


def growth_2y(firm, pct):
    first = D(10000) * (1 + pct / 100)
    firm = with_ind(firm, Y - 2, revenue=D(30000), main_business_revenue=D(10000))
    firm = with_ind(firm, Y - 1, revenue=D(30000), main_business_revenue=first)
    return with_ind(firm, revenue=D(30000), main_business_revenue=first * (1 + pct / 100))


def debt(firm, pct):
    return with_ind(firm, total_assets=D(10000), total_liabilities=pct * 100)


def main_share(firm, pct):
    return with_ind(firm, revenue=D(10000), main_business_revenue=pct * 100)


def net_margin(firm, pct):
    return with_facts(with_ind(firm, revenue=D(10000), main_business_revenue=D(9000)), net_profit=pct * 100)


def rd_staff(firm, pct):
    return with_ind(firm, employees=10000, rd_staff=int(pct * 100))


def rd_amount(firm, amount):
    return with_ind(firm, revenue=D(100000), main_business_revenue=D(90000), rd_expense=amount)


def rd_share_small(firm, pct):
    return with_ind(firm, revenue=D(1000), main_business_revenue=D(900), rd_expense=pct * 10)


# -- 附件1 创新型中小企业评价标准 ------------------------------------------------------------------------
INN_RD = [("A", 5, 20), ("B", 3, 15), ("C", 2, 10), ("D", 1, 5), ("E", None, 0)]
INN_GROWTH = [("A", 15, 20), ("B", 10, 15), ("C", 5, 10), ("D", 0, 5), ("E", None, 0)]
INN_DEBT = [("A", 55, 10), ("B", 75, 5), ("C", None, 0)]
INN_MAIN = [("A", 70, 20), ("B", 60, 15), ("C", 55, 10), ("D", 50, 5), ("E", None, 0)]

INNOVATIVE_TABLES = [
    (1, rd_share, INN_RD, True),
    (2, growth_1y, INN_GROWTH, True),
    (3, debt, INN_DEBT, False),
    (5, main_share, INN_MAIN, True),
]


@pytest.mark.parametrize(("index", "setter", "value", "band", "points"), [
    (index, setter, value, band, points)
    for index, setter, rows, up in INNOVATIVE_TABLES for value, band, points in cases(rows, up=up)
])
def test_innovative_numeric_bands(index, setter, value, band, points):
    result = run(*INNOVATIVE, setter(strong(), value))
    assert (band_code(result, index), result.breakdown[index].points) == (band, points)


@pytest.mark.parametrize("value", [D(0), D(1), D("54.99")])
def test_innovative_debt_has_no_lower_limit(value):
    result = run(*INNOVATIVE, debt(strong(), value))
    assert (band_code(result, 3), result.breakdown[3].points) == ("A", 10)


@pytest.mark.parametrize(("hv", "sd", "c1", "c2", "band", "points"), [
    (1, 0, 1, 0, "A", 20), (3, 3, 5, 5, "A", 20), (0, 1, 1, 0, "B", 15), (0, 0, 1, 0, "C", 10),
    (0, 0, 0, 1, "D", 5), (0, 0, 0, 0, "E", 0),
])
def test_innovative_ip_bands(hv, sd, c1, c2, band, points):
    firm = with_facts(with_ind(strong(), class1_ip=c1, class2_ip=c2),
                      high_value_class1_ip=hv, self_developed_class1_ip=sd)
    result = run(*INNOVATIVE, firm)
    assert (band_code(result, 0), result.breakdown[0].points) == (band, points)


@pytest.mark.parametrize(("value", "band", "points"), [(True, "A", 10), (False, "B", 5)])
def test_innovative_main_product_field(value, band, points):
    result = run(*INNOVATIVE, with_facts(strong(), strategic_emerging=value))
    assert (band_code(result, 4), result.breakdown[4].points) == (band, points)


def test_innovative_table_maxima_sum_to_100():
    result = run(*INNOVATIVE, strong())
    assert [line.points for line in result.breakdown] == [20, 20, 20, 10, 10, 20]
    assert result.score == 100


# -- 附件2 专精特新中小企业认定标准 ----------------------------------------------------------------------
SP_MAIN = [("A", 80, 5), ("B", 70, 3), ("C", 60, 1), ("D", None, 0)]
SP_GROWTH = [("A", 10, 10), ("B", 8, 8), ("C", 6, 6), ("D", 4, 4), ("E", 0, 2), ("F", None, 0)]
SP_NET = [("A", 10, 10), ("B", 8, 8), ("C", 6, 6), ("D", 4, 4), ("E", 2, 2), ("F", None, 0)]
SP_DEBT = [("A", 50, 5), ("B", 60, 3), ("C", 70, 1), ("D", None, 0)]
SP_RD_STAFF = [("A", 20, 5), ("B", 10, 3), ("C", 5, 1), ("D", None, 0)]  # ✖ bands
SP_RD_AMOUNT = [("A", 500, 10), ("B", 400, 8), ("C", 300, 6), ("D", 200, 4), ("E", 100, 2), ("-", None, 0)]
SP_RD_SHARE = [("A", 10, 10), ("B", 8, 8), ("C", 6, 6), ("D", 4, 4), ("E", 3, 2), ("-", None, 0)]

SPECIALIZED_TABLES = [
    (0, main_share, SP_MAIN, True),
    (1, growth_2y, SP_GROWTH, True),
    (6, net_margin, SP_NET, True),
    (7, debt, SP_DEBT, False),
    (11, rd_staff, SP_RD_STAFF, True),
    (10, rd_amount, SP_RD_AMOUNT, True),
    (10, rd_share_small, SP_RD_SHARE, True),
]


@pytest.mark.parametrize(("index", "setter", "value", "band", "points"), [
    (index, setter, value, band, points)
    for index, setter, rows, up in SPECIALIZED_TABLES for value, band, points in cases(rows, up=up)
])
def test_specialized_numeric_bands(index, setter, value, band, points):
    result = run(*SPECIALIZED, setter(strong(), value))
    assert (band_code(result, index), result.breakdown[index].points) == (band, points)


@pytest.mark.parametrize(("amount", "revenue", "points"), [
    (D(100), D(1000), 10),    # 100 万元 → E (2), 10% → A (10): the better band counts
    (D(500), D(100000), 10),  # 500 万元 → A (10), 0.5% → none
    (D(250), D(5000), 4),     # 200-300 万元 → D (4), 5% → D (4)
    (D(350), D(3500), 10),    # 300-400 万元 → C (6), 10% → A (10)
    (D(450), D(9000), 8),     # 400-500 万元 → B (8), 5% → D (4)
    (D(99), D(100000), 0),    # under both E cut-offs
])
def test_specialized_rd_input_takes_the_better_criterion(amount, revenue, points):
    firm = with_ind(strong(), revenue=revenue, main_business_revenue=revenue * D("0.9"), rd_expense=amount)
    assert run(*SPECIALIZED, firm).breakdown[10].points == points


@pytest.mark.parametrize(("years", "points"), [
    (0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3), (8, 4), (9, 4), (10, 5), (11, 5),
    (12, 5), (30, 5)])
def test_specialized_niche_years_one_point_per_two_years_capped_at_five(years, points):
    assert run(*SPECIALIZED, with_facts(strong(), niche_years=years)).breakdown[2].points == points


@pytest.mark.parametrize(("field", "band", "points"), [
    ("key_link", "A", 5), ("six_foundations", "B", 3), ("other", "C", 0)])
def test_specialized_main_product_field(field, band, points):
    result = run(*SPECIALIZED, with_facts(strong(), main_product_field=field))
    assert (band_code(result, 3), result.breakdown[3].points) == (band, points)


@pytest.mark.parametrize(("level", "band", "points"), [(3, "A", 5), (2, "B", 3), (1, "C", 0)])
def test_specialized_digital_level(level, band, points):
    result = run(*SPECIALIZED, with_facts(strong(), digital_level=level))
    assert (band_code(result, 4), result.breakdown[4].points) == (band, points)


@pytest.mark.parametrize(("items", "points"), [
    ((False, False, False, False), 0), ((True, False, False, False), 3), ((False, True, False, False), 3),
    ((False, False, True, False), 3), ((False, False, False, True), 3), ((True, True, False, False), 5),
    ((True, True, True, False), 5), ((True, True, True, True), 5)])
def test_specialized_quality_three_points_per_item_capped_at_five(items, points):
    names = ("quality_award", "quality_system_cert", "own_brand", "standards_drafted")
    result = run(*SPECIALIZED, with_facts(strong(), **dict(zip(names, items, strict=True))))
    assert result.breakdown[5].points == points


@pytest.mark.parametrize(("score", "points"), [(D(0), 0), (D("7.5"), 7.5), (D(15), 15)])
def test_specialized_local_feature_score_is_the_provincial_score(score, points):
    assert run(*SPECIALIZED, with_facts(strong(), local_feature_score=score)).breakdown[8].points == points


@pytest.mark.parametrize(("hv", "sd", "c1", "c2", "band", "points"), [
    (1, 0, 1, 0, "A", 10), (0, 1, 1, 0, "B", 8), (0, 0, 1, 0, "C", 6), (0, 0, 0, 1, "D", 2),
    (0, 0, 0, 0, "E", 0)])
def test_specialized_ip_bands(hv, sd, c1, c2, band, points):
    firm = with_facts(with_ind(strong(), class1_ip=c1, class2_ip=c2),
                      high_value_class1_ip=hv, self_developed_class1_ip=sd)
    result = run(*SPECIALIZED, firm)
    assert (band_code(result, 9), result.breakdown[9].points) == (band, points)


@pytest.mark.parametrize(("level", "band", "points"), [
    ("national", "A", 10), ("provincial", "B", 8), ("municipal", "C", 4), ("below", "D", 2),
    ("none", "E", 0)])
def test_specialized_rd_institution_level_unverified_bands(level, band, points):
    result = run(*SPECIALIZED, with_facts(strong(), rd_institution_level=level))
    assert (band_code(result, 12), result.breakdown[12].points) == (band, points)
    assert result.verified is False
    assert any("12" in note and "13" in note for note in result.notes)


def test_specialized_table_maxima_sum_to_100():
    result = run(*SPECIALIZED, strong())
    assert [line.points for line in result.breakdown] == [5, 10, 5, 5, 5, 5, 10, 5, 15, 10, 10, 5, 10]
    assert result.score == 100
