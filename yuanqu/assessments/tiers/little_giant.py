"""专精特新"小巨人" under 工信部企业〔2022〕63号 附件3 (rules-criteria.md §1.3).

All six aspects (专、精、特、新、链、品) and an existing 专精特新 title. Aspects 五 (产业链配套) and 六
(主导产品所属领域) are ✖ (wording from background knowledge), so every result is unverified and
says so. New applications use miit-2026-2 from 2026-04-01; the 2026 复核 still applies this set
(工信厅企业函〔2026〕117号), hence review_to."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from . import common, text
from .base import FirmYear, RuleSet, TierResult
from .logic import MET, UNKNOWN, Cond, both, either, flag
from .sheet import Sheet
from .text import tr as _

VERSION = "miit-2022-63"


def evaluate(firm: FirmYear) -> TierResult:
    s = Sheet(firm, "little_giant", VERSION, verified=True)
    s.require(common.holds(s, {"specialized", "little_giant"},
                           _("Not yet recognised as a specialised and sophisticated SME")))
    s.require(common.sme(s))
    s.require(specialisation(s))
    s.require(refinement(s))
    s.require(feature(s))
    s.require(either(lambda: innovation_general(s), lambda: innovation_direct(s)))
    s.require(chain(s))
    s.require(product_field(s))
    s.note(_("Valid until 2026-03-31 for new applications; the 2026 reviews still apply it"))
    return s.result()


def specialisation(s: Sheet) -> Cond:
    """一、专业化: 细分市场 ≥ 3 年, 主营占比 ≥ 70%, 近2年主营业务收入平均增长率 ≥ 5%."""
    niche = s.fact("niche_years")
    share = s.share("main_business_revenue", "revenue")
    growth = s.avg_growth2("main_business_revenue")
    s.info(_("years in the niche market"), None if niche is None else text.years(niche),
           text.at_least(text.years(3)))
    s.info(_("main-business revenue as a share of operating revenue"), _pct(share), text.at_least("70%"))
    s.info(_("average main-business revenue growth, last two years"), _pct(growth), text.at_least("5%"))
    return both(UNKNOWN if niche is None else s.at_least(_("years in the niche market"), Decimal(niche), 3,
                                                         text.years),
                s.pct_at_least(_("main-business revenue as a share of operating revenue"), share, 70),
                s.pct_at_least(_("average main-business revenue growth, last two years"), growth, 5))


def refinement(s: Sheet) -> Cond:
    """二、精细化: a core process on an information system; a management-system or developed-market
    product certificate; 资产负债率 ≤ 70%."""
    debt = s.share("total_liabilities", "total_assets")
    s.info(_(text.DEBT_RATIO), _pct(debt), text.at_most("70%"))
    cert = either(lambda: flag(s.fact("quality_system_cert")), lambda: flag(s.fact("intl_product_cert")))
    return both(flag(s.fact("core_it_system"), _("No core process runs on an information system")),
                cert if cert.ok is not False else Cond(False, 0.0, (
                    _("No management-system certificate or developed-market product certificate"),)),
                s.pct_at_most(_(text.DEBT_RATIO), debt, 70))


def feature(s: Sheet) -> Cond:
    """三、特色化: 全国细分市场占有率 ≥ 10%, and an own brand (知名度 is left to the experts)."""
    share = s.fact("national_market_share")
    s.info(_("national market share of the main product (%)"), _pct(share), text.at_least("10%"))
    return both(s.pct_at_least(_("national market share of the main product"),
                               None if share is None else Decimal(share), 10),
                flag(s.fact("own_brand"), _("No own brand")))


def innovation_general(s: Sheet) -> Cond:
    """四、创新能力 一般性条件: R&D by revenue band, an R&D institution, ≥ 2 class I IP."""
    level = s.fact("rd_institution_level")
    institution = UNKNOWN if level is None else flag(level != "none", _("No R&D institution"))
    return both(rd_by_revenue(s), institution,
                s.at_least(_("class I IP"), s.ind("class1_ip"), 2, text.items))


def rd_by_revenue(s: Sheet) -> Cond:
    """≥ 1亿: 近2年 R&D ≥ 3% each; 5000万–1亿: ≥ 6% each; < 5000万: 近2年股权融资 ≥ 8000万,
    研发费用 (近2年合计) ≥ 3000万 and 研发人员占比 ≥ 50%. 以上 includes the number: exactly 1亿 is
    in the first band, exactly 5000万 in the second."""
    revenue = s.ind("revenue")
    if revenue is None:
        return UNKNOWN
    name = _(text.RD_INTENSITY)
    if revenue >= 5000:
        floor = 3 if revenue >= 10000 else 6
        return both(*(s.pct_at_least(text.in_year(name, year), s.share("rd_expense", "revenue", year), floor)
                      for year in (s.year - 1, s.year)))
    s.note(_("Revenue under 50 million yuan: R&D expense is read as the two-year total"))
    return both(s.total_at_least("equity_financing", 2, 8000, _("new equity financing, last two years")),
                s.total_at_least("rd_expense", 2, 3000, _("R&D expense, last two years")),
                s.pct_at_least(_("R&D staff as a share of employees"), s.share("rd_staff", "employees"), 50))


def innovation_direct(s: Sheet) -> Cond:
    """创新直通: 近三年国家级科技奖励 (top three), or 创客中国 national top 50."""
    award = common.award_within(s, {"national": 3})
    if award.ok:
        return MET
    maker = s.fact("maker_china")
    return either(lambda: award, lambda: UNKNOWN if maker is None else flag(maker == "top50"))


def chain(s: Sheet) -> Cond:
    """五、产业链配套 (✖ wording): the main product serves a key link of an industrial chain."""
    s.unverified_part(_("Aspect 5 (industrial-chain role) is not verified; read here as a main "
                        "product in a key link of an industrial chain"))
    field = s.fact("main_product_field")
    return UNKNOWN if field is None else flag(field == "key_link", _("The main product is not in a key "
                                                                    "link of an industrial chain"))


def product_field(s: Sheet) -> Cond:
    """六、主导产品所属领域 (✖ wording): 六基 fields, or a 制造强国 / 网络强国 key field."""
    s.unverified_part(_("Aspect 6 (field of the main product) is not verified; read here as the six "
                        "industrial foundations or a national key field"))
    if s.quiet_fact("main_product_field") == "six_foundations" or s.quiet_fact("priority_sector"):
        return MET
    values = (s.fact("main_product_field"), s.fact("priority_sector"))
    if None in values:
        return UNKNOWN
    return Cond(False, 0.0, (_("The main product is neither in the six industrial foundations nor in a "
                               "national key field"),))


def _pct(value) -> str | None:
    return None if value is None else text.pct(Decimal(value))


RULESET = RuleSet("little_giant", VERSION, date(2022, 8, 1), date(2026, 3, 31), True, evaluate,
                  source="工信部企业〔2022〕63号 附件3", review_to=date(2026, 12, 31))
