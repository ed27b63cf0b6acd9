"""专精特新中小企业 under 工信部企业〔2022〕63号 附件2 (rules-criteria.md §1.2).

C1 ∧ C2 ∧ C3 ∧ (score ≥ 60 ∨ Z1 ∨ Z2 ∨ Z3 ∨ Z4), on top of the basic conditions. The 13-indicator
table is ✔ except the band splits of items 12 and 13 (✖: only their maxima 5 and 10 are
confirmed): those two always mark the result unverified, with a note on whether they decide it.
Item 9 (特色化, 15 points) is set by each province; Shandong's indicators are not encoded, so the
firm's provincial score is recorded as a fact (local_feature_score). Replaced by miit-2026-2 from
2026-04-01."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_noop as N_

from . import common, text
from .bands import table
from .base import FirmYear, RuleSet, TierResult
from .facts import choice_label
from .logic import UNKNOWN, Cond, both, either, flag
from .sheet import Sheet
from .text import tr as _

VERSION = "miit-2022-63"
THRESHOLD = 60
PRO, FINE, FEATURE, INNOVATION = "specialisation", "refinement", "feature", "innovation"
UNVERIFIED = frozenset({"rd_staff_share", "rd_institution"})

MAIN_SHARE = table(N_("main-business revenue as a share of operating revenue, last year"), 5,
                   [("A", 80, 5), ("B", 70, 3), ("C", 60, 1), ("D", None, 0)])
AVG_GROWTH = table(N_("average main-business revenue growth, last two years"), 10,
                   [("A", 10, 10), ("B", 8, 8), ("C", 6, 6), ("D", 4, 4), ("E", 0, 2), ("F", None, 0)])
NET_MARGIN = table(N_("net profit margin, last year"), 10,
                   [("A", 10, 10), ("B", 8, 8), ("C", 6, 6), ("D", 4, 4), ("E", 2, 2), ("F", None, 0)])
DEBT = table(N_("debt ratio, last year"), 5, [("A", 50, 5), ("B", 60, 3), ("C", 70, 1), ("D", None, 0)],
             up=False)
RD_AMOUNT = table(N_("R&D expense, last year"), 10,
                  [("A", 500, 10), ("B", 400, 8), ("C", 300, 6), ("D", 200, 4), ("E", 100, 2),
                   ("-", None, 0)], unit="wan")
RD_SHARE = table(N_("R&D expense as a share of operating revenue, last year"), 10,
                 [("A", 10, 10), ("B", 8, 8), ("C", 6, 6), ("D", 4, 4), ("E", 3, 2), ("-", None, 0)])
RD_STAFF = table(N_("R&D staff as a share of employees, last year"), 5,
                 [("A", 20, 5), ("B", 10, 3), ("C", 5, 1), ("D", None, 0)])
IP_POINTS = (10, 8, 6, 2, 0)
FIELD = {"key_link": ("A", 5), "six_foundations": ("B", 3), "other": ("C", 0)}
DIGITAL = ((3, "A", 5), (2, "B", 3), (1, "C", 0))
INSTITUTION = {"national": ("A", 10), "provincial": ("B", 8), "municipal": ("C", 4), "below": ("D", 2),
               "none": ("E", 0)}
QUALITY_ITEMS = ("quality_award", "quality_system_cert", "own_brand", "standards_drafted")


def evaluate(firm: FirmYear) -> TierResult:
    s = Sheet(firm, "specialized_sme", VERSION, verified=True)
    score_lines(s)
    s.require(common.sme(s))
    s.require(c1_niche(s, 2))
    s.require(c2_rd(s))
    s.require(c3_scale(s))
    s.require(either(lambda: s.score_cond(_("tier evaluation score"), THRESHOLD), lambda: direct(s)))
    flag_unverified_items(s)
    s.note_score_range()
    lo, _hi = s.score_range()
    return s.result(score=lo, threshold=THRESHOLD, hints=lo < THRESHOLD)


# -- the four conditions ------------------------------------------------------------------------
def c1_niche(s: Sheet, years: int) -> Cond:
    value = s.fact("niche_years")
    if value is None:
        return UNKNOWN
    return s.at_least(_("years in the niche market"), Decimal(value), years, text.years)


def c2_rd(s: Sheet) -> Cond:
    """上年度研发费用 ≥ 100 万元 and ≥ 3% of operating revenue."""
    amount = s.at_least(text.label("rd_expense"), s.ind("rd_expense"), 100)
    share = s.pct_at_least(_(text.RD_INTENSITY),
                           s.share("rd_expense", "revenue"), 3)
    return both(amount, share)


def c3_scale(s: Sheet) -> Cond:
    """上年度营业收入 ≥ 1000 万元, or 近2年新增股权融资 ≥ 2000 万元."""
    return either(lambda: s.at_least(text.label("revenue"), s.ind("revenue"), 1000),
                  lambda: s.total_at_least("equity_financing", 2, 2000,
                                           _("new equity financing, last two years")))


def direct(s: Sheet) -> Cond:
    """Z1-Z4: a direct route past the score."""
    gap = _("meet a direct condition: a provincial S&T award (top three) or national award (top five) "
            "in the last three years, average R&D expense of 10 million yuan over two years, 60 million "
            "yuan of new equity financing over two years, or the Maker China national top 500")
    cond = either(lambda: common.award_within(s, {"provincial": 3, "national": 5}),
                  lambda: s.total_at_least("rd_expense", 2, 2000, _("R&D expense, last two years")),
                  lambda: s.total_at_least("equity_financing", 2, 6000,
                                           _("new equity financing, last two years")),
                  lambda: maker_china(s, ("top50", "top500")))
    return cond if cond.ok else Cond(cond.ok, cond.closeness, (gap,))


def maker_china(s: Sheet, good: tuple[str, ...]) -> Cond:
    value = s.fact("maker_china")
    return UNKNOWN if value is None else flag(value in good)


# -- the score table -------------------------------------------------------------------------------
def score_lines(s: Sheet) -> None:
    s.band_line(MAIN_SHARE, s.share("main_business_revenue", "revenue"), PRO)
    s.band_line(AVG_GROWTH, s.avg_growth2("main_business_revenue"), PRO)
    niche_line(s)
    choice_line(s, _("field of the main product"), "main_product_field", FIELD, PRO)
    digital_line(s)
    quality_line(s)
    s.band_line(NET_MARGIN, net_margin(s), FINE)
    s.band_line(DEBT, s.share("total_liabilities", "total_assets"), FINE)
    feature_line(s)
    value, band, lo, hi = common.ip_band(s, IP_POINTS)
    s.line(_("valid IP related to the main product"), value, band, lo, hi, INNOVATION)
    rd_input_line(s)
    s.band_line(RD_STAFF, s.share("rd_staff", "employees"), "rd_staff_share")
    choice_line(s, _("level of the R&D institution"), "rd_institution_level", INSTITUTION, "rd_institution")


def niche_line(s: Sheet) -> None:
    """每满2年得1分，最高不超过5分 (the national text; note a of §1.2)."""
    name = _("years in the niche market")
    value = s.fact("niche_years")
    if value is None:
        s.line(name, None, None, 0, 5, PRO)
        return
    pts = min(int(value) // 2, 5)
    s.line(name, text.years(value), _("1 point per full 2 years, at most 5"), pts, pts, PRO)


def choice_line(s: Sheet, name: str, fact: str, bands: dict, category: str) -> None:
    value = s.fact(fact)
    if value is None or value not in bands:
        pts = [p for _c, p in bands.values()]
        s.line(name, None, None, min(pts), max(pts), category)
        return
    code, pts = bands[value]
    shown = choice_label(fact, value)
    s.line(name, shown, text.band(code, shown), pts, pts, category)


def digital_line(s: Sheet) -> None:
    name = _("digitalisation level")
    value = s.fact("digital_level")
    if value is None:
        s.line(name, None, None, 0, 5, FINE)
        return
    code, pts = next(((c, p) for lvl, c, p in DIGITAL if int(value) >= lvl), ("C", 0))
    s.line(name, _("level %(n)s") % {"n": value}, text.band(code, _("level %(n)s") % {"n": value}),
           pts, pts, FINE)


def quality_line(s: Sheet) -> None:
    """3 points per item met (质量奖, 质量管理体系认证, 自主品牌, 参与制修订标准), at most 5."""
    values = [s.fact(name) for name in QUALITY_ITEMS]
    met, unknown = sum(1 for v in values if v), sum(1 for v in values if v is None)
    lo, hi = min(3 * met, 5), min(3 * (met + unknown), 5)
    shown = _("%(n)s of 4 items met") % {"n": met}
    s.line(_("quality management level"), shown, _("3 points per item, at most 5") if lo == hi else None,
           lo, hi, FINE)


def net_margin(s: Sheet) -> Decimal | None:
    """净利润 ÷ 营业收入; net profit is a fact (the registry holds 利润总额 only)."""
    profit = s.fact("net_profit")
    revenue = s.ind("revenue")
    if profit is None or revenue is None:
        return None
    if revenue == 0:
        s.miss(_("%(year)s %(whole)s is 0: %(name)s cannot be computed") % {
            "year": s.year, "whole": text.label("revenue"), "name": _(text.NET_MARGIN)})
        return None
    return Decimal(profit) * 100 / revenue


def feature_line(s: Sheet) -> None:
    name = _("local feature indicators")
    value = s.fact("local_feature_score")
    if value is None:
        s.line(name, None, None, 0, 15, FEATURE)
        s.note(_("Item 9 (local feature indicators, 15 points) is set by the province; Shandong's "
                 "indicators are not encoded: record the provincial score as a fact"))
        return
    pts = min(max(Decimal(value), Decimal(0)), Decimal(15))
    s.line(name, text.points(pts), _("set by the province"), pts, pts, FEATURE)


def rd_input_line(s: Sheet) -> None:
    """上年度研发费用投入: the better band of the amount and the share ("或")."""
    amount, share = s.ind("rd_expense"), s.share("rd_expense", "revenue")
    found = [(RD_AMOUNT, amount, RD_AMOUNT.find(amount)) if amount is not None else None,
             (RD_SHARE, share, RD_SHARE.find(share)) if share is not None else None]
    known = [f for f in found if f]
    best = max((f[2].points for f in known), default=None)
    name = _("R&D input, last year")
    shown = " / ".join(f[0].fmt(f[1]) for f in known) or None
    if best is not None and (len(known) == 2 or best == 10):
        tbl, value, band = max(known, key=lambda f: f[2].points)
        s.line(name, shown, tbl.describe(band), best, best, INNOVATION)
        better = tbl.better(band)
        if better is not None:
            s.hints.append((_(tbl.label), tbl, value, better.cut, better.points - band.points))
        return
    s.line(name, shown, None, best or 0, 10, INNOVATION)


def flag_unverified_items(s: Sheet) -> None:
    """Items 12 and 13: whatever their true bands, they give 0-15 points; say whether that range
    could change the pass mark here."""
    lo, hi = s.score_range()
    u_lo = sum(r[1] for r in s.ranges if r[0] in UNVERIFIED)
    u_hi = sum(r[2] for r in s.ranges if r[0] in UNVERIFIED)
    settled = lo - u_lo >= THRESHOLD or hi - u_hi + 15 < THRESHOLD
    if settled:
        s.unverified_part(_("Items 12 (R&D staff share) and 13 (R&D institution level) use unverified "
                            "bands (only their maxima, 5 and 10, are verified); they do not decide the "
                            "pass mark here"))
    else:
        s.unverified_part(_("Items 12 (R&D staff share) and 13 (R&D institution level) use unverified "
                            "bands (only their maxima, 5 and 10, are verified) and may decide the pass "
                            "mark here: check them against the official annex"))


RULESET = RuleSet("specialized_sme", VERSION, date(2022, 8, 1), date(2026, 3, 31), True, evaluate,
                  source="工信部企业〔2022〕63号 附件2")
