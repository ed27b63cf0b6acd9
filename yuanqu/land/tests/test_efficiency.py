"""Per-亩 efficiency without a database: hand-computed figures and reasons."""

from decimal import Decimal

from yuanqu.land.efficiency import assess, number, per_mu

LIMITS = {"min_tax": Decimal("15"), "min_revenue": Decimal("300")}


def test_per_mu_divides_and_rounds_to_cents():
    assert per_mu(Decimal("246"), Decimal("30")) == Decimal("8.20")
    assert per_mu(Decimal("100"), Decimal("3")) == Decimal("33.33")
    assert per_mu(None, Decimal("3")) is None
    assert per_mu(Decimal("1"), Decimal("0")) is None


def test_numbers_print_like_park_reports():
    assert number(Decimal("1200.00")) == "1,200"
    assert number(Decimal("8.20")) == "8.2"
    assert number(Decimal("15")) == "15"


def test_low_tax_is_flagged_with_both_numbers():
    # 246 万元 tax and 10,500 万元 revenue on 30 亩: 8.2 and 350 per 亩.
    result = assess(year=2025, tax=Decimal("246"), revenue=Decimal("10500"), area_mu=Decimal("30"), **LIMITS)
    assert result.flagged and result.assessed
    assert result.tax_per_mu == Decimal("8.20") and result.revenue_per_mu == Decimal("350.00")
    assert result.reason == "亩均税收 8.2 万元，低于园区标准 15 万元"


def test_both_below_name_both():
    result = assess(year=2025, tax=Decimal("60"), revenue=Decimal("2000"), area_mu=Decimal("20"), **LIMITS)
    assert result.flagged
    assert result.reason == "亩均税收 3 万元，低于园区标准 15 万元；亩均营收 100 万元，低于园区标准 300 万元"


def test_a_firm_at_the_thresholds_is_not_flagged():
    result = assess(year=2025, tax=Decimal("300"), revenue=Decimal("6000"), area_mu=Decimal("20"), **LIMITS)
    assert not result.flagged and result.assessed
    assert "达到园区标准" in result.reason and "15" in result.reason and "300" in result.reason


def test_missing_data_is_not_flagged_and_says_what_is_missing():
    result = assess(year=2025, tax=None, revenue=Decimal("6000"), area_mu=None, **LIMITS)
    assert not result.flagged and not result.assessed
    assert result.reason == "缺少 2025 年度纳税额、用地面积数据，未评价"
