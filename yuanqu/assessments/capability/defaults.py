"""The default indicator system (seeded by a data migration; used when a park has none stored).

See docs/assessments-capability.md for why each indicator is there.
"""

from .spec import IndicatorSpec, SystemSpec

# (code, Chinese name, dimension, formula, higher is better, weight, unit)
DEFAULT_INDICATORS = (
    ("profit_margin", "营业利润率", "profitability", "total_profit / revenue", True, 0.6, "percent"),
    ("tax_per_mu", "亩均税收", "profitability", "tax_paid / land_area_mu", True, 0.4, "wan_yuan_per_mu"),
    ("revenue_growth", "营业收入增长率", "development",
     "(revenue - prev.revenue) / prev.revenue", True, 0.6, "percent"),
    ("employee_growth", "从业人员增长率", "development",
     "(employees - prev.employees) / prev.employees", True, 0.4, "percent"),
    ("investment_intensity", "固定资产投资占营收比重", "investment",
     "fixed_asset_investment / revenue", True, 0.6, "percent"),
    ("asset_growth", "总资产增长率", "investment",
     "(total_assets - prev.total_assets) / prev.total_assets", True, 0.4, "percent"),
    ("rd_intensity", "研发费用占营业收入比重", "innovation", "rd_expense / revenue", True, 0.4, "percent"),
    ("invention_patents", "有效发明专利", "innovation", "invention_patents", True, 0.3, "count"),
    ("rd_staff_share", "研发人员占比", "innovation", "rd_staff / employees", True, 0.3, "percent"),
    ("debt_ratio", "资产负债率", "growth", "total_liabilities / total_assets", False, 0.5, "percent"),
    ("main_business_share", "主营业务收入占比", "growth",
     "main_business_revenue / revenue", True, 0.3, "percent"),
    ("equity_financing", "股权融资额", "growth", "equity_financing", True, 0.2, "wan_yuan"),
    ("tax_paid", "纳税总额", "responsibility", "tax_paid", True, 0.6, "wan_yuan"),
    ("employees", "从业人员", "responsibility", "employees", True, 0.4, "count"),
)
DEFAULT_DIMENSION_WEIGHTS = {"profitability": 0.20, "development": 0.15, "investment": 0.15,
                             "innovation": 0.20, "growth": 0.15, "responsibility": 0.15}
DEFAULT_PER_MU_WEIGHTS = {"tax_per_mu": 0.40, "revenue_per_mu": 0.20, "rd_intensity": 0.15,
                          "value_added_per_energy": 0.15, "labour_productivity": 0.10}
DEFAULT_GRADE_SHARES = {"A": 0.20, "B": 0.50, "C": 0.20}  # D: the remaining 10 %
DEFAULT_NAME = "六大能力评价体系（默认）"


def default_spec() -> SystemSpec:
    """The default system as a spec (when no row is stored, e.g. after a test flushed the tables)."""
    return SystemSpec(
        name=DEFAULT_NAME, version=1,
        indicators=tuple(IndicatorSpec(code, name, dim, formula, higher, weight, unit)
                         for code, name, dim, formula, higher, weight, unit in DEFAULT_INDICATORS),
        dimension_weights=dict(DEFAULT_DIMENSION_WEIGHTS), normalisation="minmax", peer_min_size=5,
        per_mu_weights=dict(DEFAULT_PER_MU_WEIGHTS), grade_shares=dict(DEFAULT_GRADE_SHARES))
