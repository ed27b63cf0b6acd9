"""A FirmYear that meets every tier (the 上年度 is 2025), and helpers that change one thing."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from yuanqu.assessments.tiers import FirmYear
from yuanqu.assessments.tiers.registry import ruleset

Y = 2025
D = Decimal


def strong() -> FirmYear:
    """Meets every condition of every rule set, with room to spare."""
    common = dict(employees=200, rd_staff=50, total_assets=D(10000), total_liabilities=D(4000),
                  invention_patents=10, class1_ip=10, class2_ip=20, equity_financing=D(0))
    indicators = {
        Y - 2: dict(common, revenue=D(10000), main_business_revenue=D(9500), total_profit=D(1000),
                    rd_expense=D(800)),
        Y - 1: dict(common, revenue=D(11500), main_business_revenue=D(11000), total_profit=D(1200),
                    rd_expense=D(900)),
        Y: dict(common, revenue=D(13500), main_business_revenue=D(12800), total_profit=D(1500),
                rd_expense=D(1000)),
    }
    facts = dict(
        high_value_class1_ip=2, self_developed_class1_ip=5, strategic_emerging=True, niche_years=12,
        digital_level=3, quality_award=True, quality_system_cert=True, own_brand=True,
        standards_drafted=True, rd_institution_level="national", main_product_field="key_link",
        national_market_share=D(15), high_tech_enterprise=True, sci_award="none", sci_award_rank=None,
        innovation_honour=False, maker_china="none", net_profit=D(1350), local_feature_score=D(15),
        core_it_system=True, intl_product_cert=True, priority_sector=True, national_market_rank=2,
        development_score=D(80), sd_priority_industry=True, listed=False, standards_led=True,
        credit_score=D(90),
    )
    return FirmYear(Y, date(2012, 5, 1), "3062", "small", indicators, facts,
                    frozenset({"innovative_sme", "specialized"}))


def with_ind(firm: FirmYear, year: int = Y, **values) -> FirmYear:
    indicators = {y: dict(row) for y, row in firm.indicators.items()}
    indicators.setdefault(year, {}).update(values)
    return replace(firm, indicators=indicators)


def with_facts(firm: FirmYear, **values) -> FirmYear:
    return replace(firm, facts={**firm.facts, **values})


def run(tier: str, version: str, firm: FirmYear):
    return ruleset(tier, version).evaluate(firm)


def line(result, index: int):
    return result.breakdown[index]


def band_code(result, index: int) -> str | None:
    band = result.breakdown[index].band
    return band[0] if band else None
