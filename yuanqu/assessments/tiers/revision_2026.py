"""专精特新 and 小巨人 under 《优质中小企业梯度培育管理办法》（工信部企业〔2026〕2号）, in force from
2026-04-01 (rules-criteria.md §1.6). Every item is ◐: reported by third-party datasets citing MIIT
URLs, the official text not read. So these rule sets are unverified as a whole and each result
says so. The 专精特新发展评价得分 is computed by the MIIT platform (工信厅企业〔2024〕75号) and
recorded as a fact; "市场占有率较为靠前" and 知名度 are expert judgements, noted, not decided here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from . import common, text
from .base import FirmYear, RuleSet, TierResult
from .logic import MET, UNKNOWN, Cond, both, either, flag
from .sheet import Sheet
from .text import tr as _

VERSION = "miit-2026-2"
START = date(2026, 4, 1)


def _sheet(firm: FirmYear, tier: str) -> Sheet:
    s = Sheet(firm, tier, VERSION, verified=False)
    s.unverified_part(_("The 2026 measure (工信部企业〔2026〕2号) is known only from third-party "
                        "copies; its thresholds are not verified against the official text"))
    return s


def specialized(firm: FirmYear) -> TierResult:
    """专精特新中小企业 (2026)."""
    s = _sheet(firm, "specialized_sme")
    s.require(common.holds(s, {"innovative_sme", "tech_sme"},
                           _("Not yet recognised as a tech-based or innovative SME")))
    s.require(common.sme(s))
    s.require(niche(s, 3))
    s.require(either(lambda: s.at_least(text.label("revenue"), s.ind("revenue"), 1500),
                     lambda: s.total_at_least("equity_financing", 2, 2000,
                                              _("new equity financing, last two years"))))
    s.require(main_share(s, 80))
    s.require(debt(s, 80))
    s.require(rd_each_year(s, amount=100))
    s.require(either(lambda: s.at_least(_("class I IP"), s.ind("class1_ip"), 1, text.items),
                     lambda: ip_waiver(s)))
    s.note(_("\"Market share of the main product near the top\" is an expert judgement, not checked here"))
    score = development_score(s, 50)
    return s.result(score=score, threshold=50)


def little_giant(firm: FirmYear) -> TierResult:
    """专精特新"小巨人" (2026), new applications (复核 of 2026 still uses miit-2022-63)."""
    s = _sheet(firm, "little_giant")
    s.require(common.holds(s, {"specialized", "little_giant"},
                           _("Not yet recognised as a specialised and sophisticated SME")))
    s.require(common.sme(s))
    s.require(niche(s, 3))
    revenue = s.ind("revenue")
    s.info(text.label("revenue"), None if revenue is None else text.wan(revenue),
           text.at_least(text.wan(5000)))
    s.require(s.at_least(text.label("revenue"), revenue, 5000))
    s.require(main_share(s, 90))
    growth = s.cagr2("revenue")
    name = _("compound revenue growth, last two years")
    s.info(name, None if growth is None else text.pct(growth), text.at_least("5%"))
    s.require(s.pct_at_least(name, growth, 5))
    s.require(debt(s, 75))
    s.require(rd_each_year(s, amount=None, total=1200))
    s.require(either(lambda: s.at_least(_("class I IP"), s.ind("class1_ip"), 4, text.items),
                     lambda: common.award_within(s, {"national": 3})))
    s.require(market_position(s))
    s.require(key_field(s))
    score = development_score(s, 60)
    return s.result(score=score, threshold=60)


def niche(s: Sheet, years: int) -> Cond:
    value = s.fact("niche_years")
    s.info(_("years in the niche market"), None if value is None else text.years(value),
           text.at_least(text.years(years)))
    if value is None:
        return UNKNOWN
    return s.at_least(_("years in the niche market"), Decimal(value), years, text.years)


def main_share(s: Sheet, floor: int) -> Cond:
    name = _("main-business revenue as a share of operating revenue")
    value = s.share("main_business_revenue", "revenue")
    s.info(name, None if value is None else text.pct(value), text.at_least(f"{floor}%"))
    return s.pct_at_least(name, value, floor)


def debt(s: Sheet, ceiling: int) -> Cond:
    value = s.share("total_liabilities", "total_assets")
    s.info(_(text.DEBT_RATIO), None if value is None else text.pct(value), text.at_most(f"{ceiling}%"))
    return s.pct_at_most(_(text.DEBT_RATIO), value, ceiling)


def rd_each_year(s: Sheet, *, amount: int | None, total: int | None = None) -> Cond:
    """近两年: R&D ≥ 3% of revenue each year; and ≥ `amount` each year or ≥ `total` together."""
    share = _(text.RD_INTENSITY)
    parts = [s.pct_at_least(text.in_year(share, y), s.share("rd_expense", "revenue", y), 3)
             for y in (s.year - 1, s.year)]
    if amount is not None:
        parts += [s.at_least(text.in_year(text.label("rd_expense"), y), s.ind("rd_expense", y), amount)
                  for y in (s.year - 1, s.year)]
    if total is not None:
        parts.append(s.total_at_least("rd_expense", 2, total, _("R&D expense, last two years")))
    return both(*parts)


def ip_waiver(s: Sheet) -> Cond:
    """No class I IP needed with a provincial-or-higher S&T award (top three) or R&D institution."""
    level = s.quiet_fact("rd_institution_level")
    if level in ("national", "provincial"):
        return MET
    return common.award_within(s, {"national": 3, "provincial": 3})


def market_position(s: Sheet) -> Cond:
    """细分市场占有率 ≥ 10% or top three in China."""
    share, rank = s.quiet_fact("national_market_share"), s.quiet_fact("national_market_rank")
    if (share is not None and Decimal(share) >= 10) or (rank is not None and rank <= 3):
        return MET
    if share is None and rank is None:
        s.miss(text.missing(_("national market share or rank of the main product"), s.year))
        return UNKNOWN
    return Cond(False, 0.0, (_("National market share under 10% and not in the top three"),))


def key_field(s: Sheet) -> Cond:
    field = s.fact("main_product_field")
    return UNKNOWN if field is None else flag(field in ("six_foundations", "key_link"), _(
        "The main product is neither in the six industrial foundations nor in a key industrial-chain link"))


def development_score(s: Sheet, threshold: int):
    """专精特新发展评价得分 from the MIIT platform, recorded as a fact."""
    value = s.fact("development_score")
    name = _("specialised development evaluation score")
    s.info(name, None if value is None else text.points(value), text.at_least(text.points(threshold)))
    s.require(UNKNOWN if value is None else s.at_least(name, Decimal(value), threshold, text.points))
    return value


SPECIALIZED = RuleSet("specialized_sme", VERSION, START, None, False, specialized,
                      source="工信部企业〔2026〕2号")
LITTLE_GIANT = RuleSet("little_giant", VERSION, START, None, False, little_giant,
                       source="工信部企业〔2026〕2号")
