"""Derived ratios, pure."""

from decimal import Decimal
from types import SimpleNamespace

from yuanqu.enterprises import metrics


def row(year, **kw):
    base = dict(revenue=None, rd_expense=None, total_assets=None, total_liabilities=None,
                main_business_revenue=None, tax_paid=None, land_area_mu=None)
    return SimpleNamespace(year=year, **{**base, **kw})


def test_ratios():
    r = row(2025, revenue=Decimal(1000), rd_expense=Decimal(35), total_assets=Decimal(800),
            total_liabilities=Decimal(400), tax_paid=Decimal(60), land_area_mu=Decimal(20))
    assert metrics.rd_intensity(r) == Decimal("0.0350")
    assert metrics.debt_ratio(r) == Decimal("0.5000")
    assert metrics.tax_per_mu(r) == Decimal("3.00")


def test_missing_or_zero_denominators_give_none():
    assert metrics.rd_intensity(row(2025, rd_expense=Decimal(1), revenue=Decimal(0))) is None
    assert metrics.tax_per_mu(row(2025, tax_paid=Decimal(1))) is None


def test_growth_between_years_and_series():
    rows = [row(2024, revenue=Decimal(800)), row(2023, revenue=Decimal(500)),
            row(2025, revenue=Decimal(1000))]
    series = metrics.derived(rows)
    assert [d["year"] for d in series] == [2023, 2024, 2025]
    assert series[0]["revenue_growth"] is None
    assert series[1]["revenue_growth"] == Decimal("0.6000")
    assert series[2]["revenue_growth"] == Decimal("0.2500")
