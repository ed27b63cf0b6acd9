"""Firms with annual indicators for the capability tests (built in setUpTestData)."""

from decimal import Decimal

from yuanqu.core.testing.personas import make_enterprise
from yuanqu.enterprises.models import AnnualIndicator

BASE = {"revenue": 10000, "main_business_revenue": 9000, "total_profit": 800, "tax_paid": 400,
        "rd_expense": 500, "employees": 200, "rd_staff": 40, "total_assets": 12000, "total_liabilities": 6000,
        "export_value": 1000, "fixed_asset_investment": 600, "invention_patents": 5, "class1_ip": 5,
        "class2_ip": 10, "land_area_mu": 50, "energy_consumption_tce": 300, "equity_financing": 0}


FIXED = {"land_area_mu", "energy_consumption_tce"}  # not scaled, so per-mu figures differ between firms


def figures(scale=1.0, **override) -> dict:
    out = {k: (Decimal(str(round(v * (1 if k in FIXED else scale), 2))) if k not in ("employees", "rd_staff",
                                                                                     "invention_patents",
                                                             "class1_ip", "class2_ip") else round(v * scale))
           for k, v in BASE.items()}
    out.update(override)
    return out


def add_indicators(firm, year, **values):
    return AnnualIndicator.objects.create(enterprise=firm, year=year, **values)


def add_firms(park, count, *, start, industry="3062", years=(2024, 2025)):
    """`count` firms of `industry` with figures growing with their number, for each of `years`."""
    firms = []
    for n in range(count):
        firm = make_enterprise(park, n=start + n, industry=industry)
        for k, year in enumerate(years):
            add_indicators(firm, year, **figures(1 + 0.1 * n + 0.05 * k))
        firms.append(firm)
    return firms
