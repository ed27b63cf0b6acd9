"""山东省瞪羚企业 under 《山东省瞪羚、独角兽企业认定管理办法》（鲁工信发〔2020〕8号）
(rules-criteria.md §2.1: ✔ from two matching reproductions; the official text was not read).
Qingdao has no measure of its own on record, so Qingdao firms are judged by the provincial one.

"持续达到" is read as each of the last two years reaching the rate (which implies the compound
rate). The registry holds 利润总额, not 净利润: the profit route uses it, and a result that only
that route (or the class II IP approximation) qualifies is marked unverified."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from . import text
from .base import FirmYear, RuleSet, TierResult
from .logic import MET, UNKNOWN, Cond, both, either, flag
from .sheet import Sheet
from .text import tr as _

VERSION = "sd-gazelle-2020"
# (上年度营业收入 floor in 万元, required growth %), highest band first; 以上 includes the number.
GROWTH_BANDS = ((40000, 10), (10000, 15), (2000, 20), (1000, 25))


def evaluate(firm: FirmYear) -> TierResult:
    s = Sheet(firm, "gazelle", VERSION, verified=True)
    s.note(_("Registration in Shandong, tax and credit standing and the annual notice's sector limits "
             "are checked by hand"))
    s.require(sector(s))
    s.require(three_years(s))
    debt = s.share("total_liabilities", "total_assets")
    s.info(_(text.DEBT_RATIO), None if debt is None else text.pct(debt), _("below 70%"))
    s.require(s.pct_at_most(_(text.DEBT_RATIO), debt, 70, strict=True))
    s.require(flag(None if s.fact("listed") is None else not s.fact("listed"),
                   _("Listed, or controlled by a listed company")))
    s.require(growth(s))
    s.require(innovation(s))
    credit = s.fact("credit_score")
    s.info(_("third-party credit score"), None if credit is None else text.points(credit),
           text.at_least(text.points(75)))
    s.require(UNKNOWN if credit is None else s.at_least(_("third-party credit score"), Decimal(credit), 75,
                                                         text.points))
    return s.result()


def sector(s: Sheet) -> Cond:
    """产业领域: 战略新兴产业 or the province's strategic fields (十强, 四基 …)."""
    if s.quiet_fact("strategic_emerging") or s.quiet_fact("sd_priority_industry"):
        return MET
    values = (s.fact("strategic_emerging"), s.fact("sd_priority_industry"))
    if None in values:
        return UNKNOWN
    return Cond(False, 0.0, (_("Not in a strategic industry of the province"),))


def three_years(s: Sheet) -> Cond:
    """持续经营三年以上（满三个会计年度）: founded by 1 January of year - 2."""
    founded = s.firm.founded_on
    s.info(_("founding date"), None if founded is None else founded.isoformat(),
           _("three full fiscal years"))
    if founded is None:
        s.miss(text.missing(_("founding date")))
        return UNKNOWN
    if founded <= date(s.year - 2, 1, 1):
        return MET
    return Cond(False, 0.0, (_("Fewer than three full fiscal years in operation"),))


def required_rate(revenue: Decimal) -> int | None:
    return next((rate for floor, rate in GROWTH_BANDS if revenue >= floor), None)


def growth(s: Sheet) -> Cond:
    """近两年营收或净利润增长率持续达到 the rate of the firm's revenue band."""
    revenue = s.ind("revenue")
    if revenue is None:
        return UNKNOWN
    rate = required_rate(revenue)
    if rate is None:
        return Cond(False, 0.0, (text.short(text.label("revenue"), revenue, Decimal(1000), text.wan),))
    s.info(_("required growth in each of the last two years"), text.wan(revenue), text.at_least(f"{rate}%"))
    name = _("operating revenue growth")
    by_revenue = both(*(s.pct_at_least(text.in_year(name, y), s.growth("revenue", y), rate)
                        for y in (s.year - 1, s.year)))
    if by_revenue.ok:
        return MET
    by_profit = both(*(s.pct_at_least(text.in_year(_("total profit growth"), y), s.growth("total_profit", y),
                                      rate) for y in (s.year - 1, s.year)))
    if by_profit.ok:
        s.unverified_part(_("Qualifies on the profit route, computed from total profit (net profit is "
                            "not in the registry)"))
        return MET
    return either(lambda: by_revenue, lambda: by_profit)


def innovation(s: Sheet) -> Cond:
    """R&D intensity in each of the last two years (≥ 2.5% at 1亿 revenue, else ≥ 5%) and one IP test."""
    revenue = s.ind("revenue")
    floor = Decimal("2.5") if revenue is not None and revenue >= 10000 else Decimal(5)
    name = _(text.RD_INTENSITY)
    rd = both(*(s.pct_at_least(text.in_year(name, y), s.share("rd_expense", "revenue", y), floor)
                for y in (s.year - 1, s.year)))
    if revenue is None:
        rd = both(rd, UNKNOWN)
    return both(rd, ip(s))


def ip(s: Sheet) -> Cond:
    """发明专利 ≥ 2, or 实用新型 + 软件著作权 ≥ 8, or 主导制定标准 ≥ 1."""
    patents = s.ind("invention_patents")
    if patents is not None and patents >= 2:
        return MET
    class2 = s.ind("class2_ip")
    if class2 is not None and class2 >= 8:
        s.unverified_part(_("The utility-model and software-copyright test is read from class II IP, "
                            "which also counts design patents"))
        return MET
    led = s.fact("standards_led")
    if led:
        return MET
    if None in (patents, class2, led):
        return UNKNOWN
    return Cond(False, 0.0, (_("Fewer than 2 invention patents, fewer than 8 utility models and software "
                               "copyrights, and no standard led"),))


RULESET = RuleSet("gazelle", VERSION, date(2020, 9, 1), None, True, evaluate,
                  source="鲁工信发〔2020〕8号")
