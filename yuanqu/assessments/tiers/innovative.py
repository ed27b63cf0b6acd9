"""创新型中小企业 under 工信部企业〔2022〕63号 附件1 (rules-criteria.md §1.1, ✔).

Eligible when the basic conditions hold and either a direct-qualification condition (D1-D4) or
the score route (≥ 60 with floors 创新能力 ≥ 20, 成长性 ≥ 15, 专业化 ≥ 15) is met. 2号文 第三十条
keeps 附件1 in force until the merged 科技和创新型 standard is published, so this rule set has no end."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_noop as N_

from . import common, text
from .bands import table
from .base import FirmYear, RuleSet, TierResult
from .logic import MET, UNKNOWN, Cond, both, either, flag
from .sheet import Sheet
from .text import tr as _

VERSION = "miit-2022-63"
INNOVATION, GROWTH, SPECIALISATION = "innovation", "growth", "specialisation"
THRESHOLD = 60
FLOORS = {INNOVATION: (N_("innovation capability score"), 20),
          GROWTH: (N_("growth score"), 15),
          SPECIALISATION: (N_("specialisation score"), 15)}

IP_POINTS = (20, 15, 10, 5, 0)
RD_SHARE = table(N_("R&D expense as a share of operating revenue, last year"), 20,
                 [("A", 5, 20), ("B", 3, 15), ("C", 2, 10), ("D", 1, 5), ("E", None, 0)])
GROWTH_RATE = table(N_("main-business revenue growth, last year"), 20,
                    [("A", 15, 20), ("B", 10, 15), ("C", 5, 10), ("D", 0, 5), ("E", None, 0)])
DEBT = table(N_("debt ratio, last year"), 10, [("A", 55, 10), ("B", 75, 5), ("C", None, 0)], up=False)
MAIN_SHARE = table(N_("main-business revenue as a share of operating revenue, last year"), 20,
                   [("A", 70, 20), ("B", 60, 15), ("C", 55, 10), ("D", 50, 5), ("E", None, 0)])
FIELD_POINTS = {True: ("A", 10), False: ("B", 5)}


def evaluate(firm: FirmYear) -> TierResult:
    s = Sheet(firm, "innovative_sme", VERSION, verified=True)
    score_lines(s)
    s.require(common.sme(s))
    s.require(either(lambda: score_route(s), lambda: direct(s)))
    s.note_score_range()
    lo, _hi = s.score_range()
    return s.result(score=lo, threshold=THRESHOLD, hints=lo < THRESHOLD)


def score_lines(s: Sheet) -> None:
    value, band, lo, hi = common.ip_band(s, IP_POINTS)
    s.line(_("valid IP related to the main product"), value, band, lo, hi, INNOVATION)
    s.band_line(RD_SHARE, s.share("rd_expense", "revenue"), INNOVATION)
    s.band_line(GROWTH_RATE, s.growth("main_business_revenue"), GROWTH)
    s.band_line(DEBT, s.share("total_liabilities", "total_assets"), GROWTH)
    field_line(s)
    s.band_line(MAIN_SHARE, s.share("main_business_revenue", "revenue"), SPECIALISATION)


def field_line(s: Sheet) -> None:
    name = _("field of the main product")
    value = s.fact("strategic_emerging")
    if value is None:
        s.line(name, None, None, 5, 10, SPECIALISATION)
        return
    code, pts = FIELD_POINTS[bool(value)]
    span = _("in the strategic emerging industries classification") if value else _("another field")
    s.line(name, span, text.band(code, span),
           pts, pts, SPECIALISATION)


def score_route(s: Sheet) -> Cond:
    """评价得分 ≥ 60 and each category at its floor."""
    parts = [s.score_cond(_("tier evaluation score"), THRESHOLD)]
    parts += [s.score_cond(_(name), floor, cat) for cat, (name, floor) in FLOORS.items()]
    return both(*parts)


def direct(s: Sheet) -> Cond:
    """D1-D4: any one qualifies directly (直通)."""
    gap = _("meet a direct-qualification condition: a national or provincial S&T award in the last "
            "three years, a high-tech enterprise or similar honour in force, a recognised provincial or "
            "higher R&D institution, or 5 million yuan of new equity financing in the last three years")
    equity = _("new equity financing, last three years")
    cond = either(lambda: d1_award(s), lambda: d2_honour(s), lambda: d3_institution(s),
                  lambda: s.total_at_least("equity_financing", 3, 500, equity))
    return cond if cond.ok else Cond(cond.ok, cond.closeness, (gap,))


def d1_award(s: Sheet) -> Cond:
    award = s.fact("sci_award")
    return UNKNOWN if award is None else flag(award in ("national", "provincial"))


def d2_honour(s: Sheet) -> Cond:
    if "high_tech" in s.firm.qualifications or s.quiet_fact("high_tech_enterprise") \
            or s.quiet_fact("innovation_honour"):
        return MET
    values = [s.fact("high_tech_enterprise"), s.fact("innovation_honour")]
    return UNKNOWN if None in values else Cond(False, 0.0)


def d3_institution(s: Sheet) -> Cond:
    level = s.fact("rd_institution_level")
    return UNKNOWN if level is None else flag(level in ("national", "provincial"))


RULESET = RuleSet("innovative_sme", VERSION, date(2022, 8, 1), None, True, evaluate,
                  source="工信部企业〔2022〕63号 附件1")
