"""Tests for yuanqu.enterprises.sizing (pure Python: no Django, no database)."""

from decimal import Decimal

import pytest

from yuanqu.enterprises.sizing import (
    SECTOR_RULES,
    SizeClass,
    classify_size,
    sector_for_industry,
    size_from_years,
)

L, M, S, W = SizeClass.LARGE, SizeClass.MEDIUM, SizeClass.SMALL, SizeClass.MICRO

# (industry code, employees, revenue 万元, total assets 万元, expected)
# Each sector: 大型 at the exact 中型 upper bound, one step below it, the 中型
# floor, one step below it on each indicator, the 小型 floor and one below.
BOUNDARY_CASES = [
    # 农、林、牧、渔业 — revenue only
    ("0111", None, 20000, None, L),
    ("0111", None, 19999, None, M),
    ("0111", None, 500, None, M),
    ("0111", None, 499, None, S),
    ("0111", None, 50, None, S),
    ("0111", None, 49, None, W),
    # 工业
    ("3062", 1000, 40000, None, L),
    ("3062", 999, 40000, None, M),
    ("3062", 1000, 39999, None, M),
    ("3062", 300, 2000, None, M),
    ("3062", 299, 2000, None, S),
    ("3062", 300, 1999, None, S),
    ("3062", 20, 300, None, S),
    ("3062", 19, 300, None, W),
    ("3062", 20, 299, None, W),
    # 建筑业 — revenue + assets
    ("4710", None, 80000, 80000, L),
    ("4710", None, 80000, 79999, M),
    ("4710", None, 6000, 5000, M),
    ("4710", None, 5999, 5000, S),
    ("4710", None, 6000, 4999, S),
    ("4710", None, 300, 300, S),
    ("4710", None, 300, 299, W),
    ("4710", None, 299, 300, W),
    # 批发业
    ("5111", 200, 40000, None, L),
    ("5111", 199, 40000, None, M),
    ("5111", 20, 5000, None, M),
    ("5111", 19, 5000, None, S),
    ("5111", 5, 1000, None, S),
    ("5111", 4, 1000, None, W),
    ("5111", 5, 999, None, W),
    # 零售业
    ("5211", 300, 20000, None, L),
    ("5211", 300, 19999, None, M),
    ("5211", 50, 500, None, M),
    ("5211", 49, 500, None, S),
    ("5211", 10, 100, None, S),
    ("5211", 9, 100, None, W),
    # 交通运输业
    ("5431", 1000, 30000, None, L),
    ("5431", 999, 30000, None, M),
    ("5431", 300, 3000, None, M),
    ("5431", 300, 2999, None, S),
    ("5431", 20, 200, None, S),
    ("5431", 20, 199, None, W),
    # 仓储业
    ("5920", 200, 30000, None, L),
    ("5920", 199, 30000, None, M),
    ("5920", 100, 1000, None, M),
    ("5920", 99, 1000, None, S),
    ("5920", 20, 100, None, S),
    ("5920", 19, 100, None, W),
    # 邮政业
    ("6010", 1000, 30000, None, L),
    ("6010", 1000, 29999, None, M),
    ("6010", 300, 2000, None, M),
    ("6010", 300, 1999, None, S),
    ("6010", 20, 100, None, S),
    ("6010", 20, 99, None, W),
    # 住宿业
    ("6110", 300, 10000, None, L),
    ("6110", 299, 10000, None, M),
    ("6110", 100, 2000, None, M),
    ("6110", 100, 1999, None, S),
    ("6110", 10, 100, None, S),
    ("6110", 9, 100, None, W),
    # 餐饮业
    ("6210", 300, 10000, None, L),
    ("6210", 300, 9999, None, M),
    ("6210", 100, 2000, None, M),
    ("6210", 99, 2000, None, S),
    ("6210", 10, 100, None, S),
    ("6210", 10, 99, None, W),
    # 信息传输业
    ("6311", 2000, 100000, None, L),
    ("6311", 1999, 100000, None, M),
    ("6311", 100, 1000, None, M),
    ("6311", 99, 1000, None, S),
    ("6311", 10, 100, None, S),
    ("6311", 10, 99, None, W),
    # 软件和信息技术服务业
    ("6513", 300, 10000, None, L),
    ("6513", 300, 9999, None, M),
    ("6513", 100, 1000, None, M),
    ("6513", 100, 999, None, S),
    ("6513", 10, 50, None, S),
    ("6513", 9, 50, None, W),
    # 房地产开发经营 — revenue + assets
    ("7010", None, 200000, 10000, L),
    ("7010", None, 200000, 9999, M),
    ("7010", None, 1000, 5000, M),
    ("7010", None, 999, 5000, S),
    ("7010", None, 100, 2000, S),
    ("7010", None, 100, 1999, W),
    # 物业管理
    ("7020", 1000, 5000, None, L),
    ("7020", 1000, 4999, None, M),
    ("7020", 300, 1000, None, M),
    ("7020", 299, 1000, None, S),
    ("7020", 100, 500, None, S),
    ("7020", 99, 500, None, W),
    # 租赁和商务服务业 — employees + assets, revenue ignored
    ("7211", 300, None, 120000, L),
    ("7211", 299, None, 120000, M),
    ("7211", 100, None, 8000, M),
    ("7211", 100, None, 7999, S),
    ("7211", 10, None, 100, S),
    ("7211", 9, None, 100, W),
    # 其他未列明行业 — employees only
    ("7310", 300, None, None, L),
    ("7310", 299, None, None, M),
    ("7310", 100, None, None, M),
    ("7310", 99, None, None, S),
    ("7310", 10, None, None, S),
    ("7310", 9, None, None, W),
]


@pytest.mark.parametrize(("code", "employees", "revenue", "assets", "expected"), BOUNDARY_CASES)
def test_boundaries(code, employees, revenue, assets, expected):
    assert classify_size(code, employees, revenue, assets) is expected


def test_every_sector_has_every_class_covered():
    seen = {(sector_for_industry(c[0]), c[4]) for c in BOUNDARY_CASES}
    expected = {(key, size) for key in SECTOR_RULES for size in SizeClass}
    assert seen == expected


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        (5000, 1000, S),  # big headcount, 中型 revenue floor missed → 下划一档
        (5000, 100, W),  # any indicator under the 小型 floor → 微型 ("或")
        (10, 90000, W),
        (999, 100000, M),  # one indicator under the 大型 floor keeps it 中小微
    ],
)
def test_drops_a_class_when_one_indicator_misses(employees, revenue, expected):
    assert classify_size("3062", employees, revenue) is expected


@pytest.mark.parametrize(
    ("code", "sector"),
    [
        ("0111", "agriculture"),
        ("05", "agriculture"),
        ("A", "agriculture"),
        ("0610", "industry"),
        ("11", "industry"),
        ("3062", "industry"),
        ("30", "industry"),
        ("C", "industry"),
        ("C3062", "industry"),
        (" c3062 ", "industry"),
        ("4411", "industry"),
        ("D", "industry"),
        ("4710", "construction"),
        ("50", "construction"),
        ("E", "construction"),
        ("51", "wholesale"),
        ("5211", "retail"),
        ("53", "other"),
        ("5331", "other"),  # 铁路运输业 is excluded from 交通运输业
        ("54", "transport"),
        ("5612", "transport"),
        ("5810", "transport"),
        ("5910", "transport"),
        ("591", "transport"),  # 装卸搬运, see module doc
        ("59", "warehousing"),
        ("5920", "warehousing"),
        ("5990", "warehousing"),
        ("60", "postal"),
        ("61", "accommodation"),
        ("62", "catering"),
        ("63", "info_transmission"),
        ("6421", "info_transmission"),
        ("65", "software"),
        ("6513", "software"),
        ("7010", "real_estate_development"),
        ("701", "real_estate_development"),
        ("7020", "property_management"),
        ("70", "other"),
        ("7030", "other"),
        ("7040", "other"),
        ("K", "other"),
        ("71", "leasing_business"),
        ("7211", "leasing_business"),
        ("L", "leasing_business"),
        ("66", "other"),
        ("73", "other"),
        ("M", "other"),
        ("8010", "other"),
        ("F", "other"),
        ("I", "other"),  # 门类 spans several sectors → ambiguous
    ],
)
def test_sector_for_industry(code, sector):
    assert sector_for_industry(code) == sector


@pytest.mark.parametrize("code", ["", "   ", "9999", "99", "1", "XYZ", "C30X", "?"])
def test_unknown_code_is_other(code):
    assert sector_for_industry(code) == "other"


def test_unknown_code_is_sized_as_other():
    assert classify_size("ZZZ", 150, None) is M
    assert classify_size("9999", 300, 1) is L
    assert classify_size("9999", 9, 10**9) is W


@pytest.mark.parametrize(
    ("code", "employees", "revenue", "assets"),
    [
        ("3062", None, 5000, None),
        ("3062", 500, None, None),
        ("3062", None, None, None),
        ("0111", 10, None, None),
        ("4710", 10, 5000, None),  # 建筑业 needs 资产总额
        ("4710", 10, None, 5000),
        ("7010", None, 5000, None),
        ("7211", 50, 5000, None),  # 租赁和商务服务业 needs 资产总额, not revenue
        ("7211", None, None, 5000),
        ("7310", None, 5000, 5000),
        ("3062", 500, float("nan"), None),
        ("3062", 500, Decimal("NaN"), None),
        ("", 500, 5000, 5000),
        ("  ", 500, 5000, 5000),
    ],
)
def test_missing_data_gives_none(code, employees, revenue, assets):
    assert classify_size(code, employees, revenue, assets) is None


def test_indicators_a_sector_does_not_use_may_be_missing():
    assert classify_size("0111", None, 600) is M
    assert classify_size("7310", 150, None) is M
    assert classify_size("7211", 150, None, total_assets=9000) is M
    assert classify_size("4710", None, 7000, total_assets=6000) is M


def test_accepts_decimal_float_and_int_amounts():
    assert classify_size("3062", 1000, Decimal("40000.00")) is L
    assert classify_size("3062", 1000, Decimal("39999.99")) is M
    assert classify_size("3062", 1000, 39999.99) is M
    assert classify_size("3062", 20, 300.0) is S
    assert classify_size("7211", 100, None, Decimal("8000")) is M


def test_size_class_is_a_string_enum():
    assert SizeClass.LARGE == "large"
    assert isinstance(SizeClass.MICRO, str) and f"{SizeClass.MICRO}" == "micro"
    assert [s.value for s in SizeClass] == ["large", "medium", "small", "micro"]


def test_rule_table_has_the_sixteen_sectors():
    names = [rule.name for rule in SECTOR_RULES.values()]
    assert len(names) == 16
    assert names[0] == "农、林、牧、渔业" and names[-1] == "其他未列明行业"


UNITS = {
    "employees": ("从业人员", "人"),
    "revenue": ("营业收入", "万元"),
    "total_assets": ("资产总额", "万元"),
}


def _clauses(wording):
    """Split the 规定 text into its 中小微 / 中型 / 小型 / 微型 clauses."""
    parts = []
    for marker in ("的为中小微型企业", "的为中型企业", "的为小型企业", "的为微型企业"):
        head, _, wording = wording.partition(marker)
        parts.append(head)
    return parts


@pytest.mark.parametrize("key", list(SECTOR_RULES))
def test_thresholds_match_the_quoted_wording(key):
    # Guards against the numbers drifting from the 规定 text kept next to them.
    rule = SECTOR_RULES[key]
    sme, medium, small, micro = _clauses(rule.wording)
    assert rule.article.startswith("第四条")
    for floor in rule.floors:
        label, unit = UNITS[floor.metric]
        assert floor.large > floor.medium > floor.small > 0
        assert f"{label}{floor.large}{unit}以下" in sme
        assert f"{label}{floor.medium}{unit}及以上" in medium
        assert f"{label}{floor.small}{unit}及以上" in small
        assert f"{label}{floor.small}{unit}以下" in micro


def test_size_comes_from_the_newest_year_with_the_needed_figures():
    years = [(None, Decimal("6000"), None), (350, Decimal("5000"), None), (10, Decimal("100"), None)]
    assert size_from_years("3062", years) == M
    assert size_from_years("3062", [(None, Decimal("6000"), None)]) is None
    assert size_from_years("3062", []) is None
