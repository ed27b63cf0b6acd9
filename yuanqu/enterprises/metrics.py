"""Derived ratios of annual indicators, computed here and nowhere else (pure)."""

from decimal import ROUND_HALF_UP, Decimal


def _ratio(numerator, denominator, places=4):
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rd_intensity(ind):
    """R&D expense ÷ operating revenue."""
    return _ratio(ind.rd_expense, ind.revenue)


def debt_ratio(ind):
    """Total liabilities ÷ total assets."""
    return _ratio(ind.total_liabilities, ind.total_assets)


def main_business_share(ind):
    return _ratio(ind.main_business_revenue, ind.revenue)


def tax_per_mu(ind):
    """Tax paid (万元) per 亩 of land: the park's 亩均税收."""
    return _ratio(ind.tax_paid, ind.land_area_mu, places=2)


def revenue_per_mu(ind):
    return _ratio(ind.revenue, ind.land_area_mu, places=2)


def growth(current, previous, field="revenue"):
    """Year-on-year growth of `field` between two indicator rows (None without a base)."""
    if previous is None:
        return None
    now, before = getattr(current, field), getattr(previous, field)
    if now is None or not before:
        return None
    return _ratio(Decimal(now) - Decimal(before), before)


def derived(rows):
    """Per-year derived ratios for a firm's indicator rows (sorted by year)."""
    rows = sorted(rows, key=lambda r: r.year)
    out, prev = [], None
    for row in rows:
        base = prev if prev is not None and prev.year == row.year - 1 else None
        out.append({
            "year": row.year, "rd_intensity": rd_intensity(row), "debt_ratio": debt_ratio(row),
            "main_business_share": main_business_share(row), "tax_per_mu": tax_per_mu(row),
            "revenue_per_mu": revenue_per_mu(row), "revenue_growth": growth(row, base),
        })
        prev = row
    return out
