"""Seed the default six-capability indicator system (docs/assessments-capability.md)."""

from django.db import migrations

# A copy of capability/defaults.py as of this migration, so later edits there do not rewrite history.
INDICATORS = (
    ("profit_margin", "营业利润率", "profitability", "total_profit / revenue", "higher", "0.6", "percent"),
    ("tax_per_mu", "亩均税收", "profitability", "tax_paid / land_area_mu", "higher", "0.4", "wan_yuan_per_mu"),
    ("revenue_growth", "营业收入增长率", "development", "(revenue - prev.revenue) / prev.revenue", "higher",
     "0.6", "percent"),
    ("employee_growth", "从业人员增长率", "development", "(employees - prev.employees) / prev.employees",
     "higher", "0.4", "percent"),
    ("investment_intensity", "固定资产投资占营收比重", "investment", "fixed_asset_investment / revenue",
     "higher", "0.6", "percent"),
    ("asset_growth", "总资产增长率", "investment", "(total_assets - prev.total_assets) / prev.total_assets",
     "higher", "0.4", "percent"),
    ("rd_intensity", "研发费用占营业收入比重", "innovation", "rd_expense / revenue", "higher", "0.4", "percent"),
    ("invention_patents", "有效发明专利", "innovation", "invention_patents", "higher", "0.3", "count"),
    ("rd_staff_share", "研发人员占比", "innovation", "rd_staff / employees", "higher", "0.3", "percent"),
    ("debt_ratio", "资产负债率", "growth", "total_liabilities / total_assets", "lower", "0.5", "percent"),
    ("main_business_share", "主营业务收入占比", "growth", "main_business_revenue / revenue", "higher", "0.3",
     "percent"),
    ("equity_financing", "股权融资额", "growth", "equity_financing", "higher", "0.2", "wan_yuan"),
    ("tax_paid", "纳税总额", "responsibility", "tax_paid", "higher", "0.6", "wan_yuan"),
    ("employees", "从业人员", "responsibility", "employees", "higher", "0.4", "count"),
)
DIMENSION_WEIGHTS = {"profitability": 0.20, "development": 0.15, "investment": 0.15, "innovation": 0.20,
                     "growth": 0.15, "responsibility": 0.15}
PER_MU_WEIGHTS = {"tax_per_mu": 0.40, "revenue_per_mu": 0.20, "rd_intensity": 0.15,
                  "value_added_per_energy": 0.15, "labour_productivity": 0.10}
GRADE_SHARES = {"A": 0.20, "B": 0.50, "C": 0.20}


def seed(apps, schema_editor):
    system_model = apps.get_model("assessments", "IndicatorSystem")
    indicator_model = apps.get_model("assessments", "CapabilityIndicator")
    if system_model.objects.filter(is_default=True).exists():
        return
    system = system_model.objects.create(
        is_default=True, name="六大能力评价体系（默认）", version=1, normalisation="minmax", peer_min_size=5,
        dimension_weights=DIMENSION_WEIGHTS, per_mu_weights=PER_MU_WEIGHTS, grade_shares=GRADE_SHARES,
        weight_methods={})
    indicator_model.objects.bulk_create(
        indicator_model(system=system, code=code, name=name, dimension=dim, formula=formula, direction=direction,
                        weight=weight, unit=unit, order=order)
        for order, (code, name, dim, formula, direction, weight, unit) in enumerate(INDICATORS))


def unseed(apps, schema_editor):
    apps.get_model("assessments", "IndicatorSystem").objects.filter(is_default=True).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
