"""A rule set's working sheet: reads a FirmYear (recording what is missing or odd), checks
conditions, collects score lines, and turns all of it into a TierResult."""

from __future__ import annotations

from contextvars import ContextVar
from decimal import Decimal

from django.utils.translation import gettext_noop as N_

from . import text
from .bands import Band, Table
from .base import FirmYear, Line, TierResult
from .facts import fact_label
from .logic import MET, UNKNOWN, Cond, and3, ratio_closeness
from .text import tr as _

SIGNED = {"total_profit"}
# (part, whole): the part cannot exceed the whole; a ratio of inconsistent figures is not computed.
PARTS = {("main_business_revenue", "revenue"), ("rd_staff", "employees")}
# Ratios and growth rates computed for one firm, shared by the rule sets assessing it (a firm's seven
# rule sets read the same ratios; assess_firm sets this per firm): (firm, {key: (value, missing, notes)}).
FIRM_MEMO: ContextVar[tuple | None] = ContextVar("tier_firm_memo", default=None)


class Sheet:
    def __init__(self, firm: FirmYear, tier: str, version: str, verified: bool = True):
        self.firm, self.year, self.tier, self.version = firm, firm.year, tier, version
        self.verified = verified
        self.lines: list[Line] = []
        self.ranges: list[tuple[str | None, float, float]] = []
        self.conds: list[Cond] = []
        self.missing: list[str] = []
        self.notes: list[str] = []
        self.unverified: list[str] = []
        self.hints: list[tuple] = []  # (name, table, value, better cut, extra points), worded on demand
        shared = FIRM_MEMO.get()
        self.memo = shared[1] if shared and shared[0] is firm else {}

    # -- bookkeeping ------------------------------------------------------------------------
    @staticmethod
    def _add(bucket: list[str], sentence: str) -> None:
        if sentence not in bucket:
            bucket.append(sentence)

    def miss(self, sentence: str) -> None:
        self._add(self.missing, sentence)

    def note(self, sentence: str) -> None:
        self._add(self.notes, sentence)

    def unverified_part(self, sentence: str) -> None:
        """An unverified band or reading decided part of this result: say so, and flag it."""
        self._add(self.unverified, sentence)

    def require(self, cond: Cond) -> Cond:
        self.conds.append(cond)
        return cond

    def _memo(self, key, compute):
        """compute() once per firm: later rule sets get the value and replay what it recorded."""
        hit = self.memo.get(key)
        if hit is None:
            saved = self.missing, self.notes
            self.missing, self.notes = [], []
            try:
                value = compute()
            finally:
                hit = self.memo[key] = (value, tuple(self.missing), tuple(self.notes))
                self.missing, self.notes = saved
        for sentence in hit[1]:
            self.miss(sentence)
        for sentence in hit[2]:
            self.note(sentence)
        return hit[0]

    # -- reading ----------------------------------------------------------------------------
    def ind(self, name: str, year: int | None = None) -> Decimal | None:
        """An annual indicator of `year` (default the 上年度); None, recorded as missing, if
        absent or negative where it cannot be."""
        year = self.year if year is None else year
        row = self.firm.indicators.get(year)
        value = row.get(name) if row else None
        if value is None:
            self.miss(text.cached(("ind", name, year), lambda: text.missing(text.label(name), year)))
            return None
        value = Decimal(value)
        if value < 0 and name not in SIGNED:
            self.note(_("%(year)s %(name)s is negative (%(value)s): treated as invalid") % {
                "year": year, "name": text.label(name), "value": text.num(value)})
            self.miss(text.missing(text.label(name), year))
            return None
        return value

    def fact(self, name: str):
        value = self.firm.facts.get(name)
        if value is None:
            self.miss(text.cached(("fact", name, self.year), lambda: _(
                "%(year)s facts not filled in: %(name)s") % {"year": self.year, "name": fact_label(name)}))
        return value

    def quiet_fact(self, name: str):
        """A fact that only helps when known (a shortcut); its absence is not reported."""
        return self.firm.facts.get(name)

    def share(self, part: str, whole: str, year: int | None = None) -> Decimal | None:
        """part / whole in percent, or None (missing, zero or inconsistent figures recorded)."""
        year = self.year if year is None else year
        return self._memo(("share", part, whole, year), lambda: self._share(part, whole, year))

    def _share(self, part, whole, year):
        d, n = self.ind(whole, year), self.ind(part, year)
        if d is None or n is None:
            return None
        name = ratio_name(part, whole)
        if d == 0:
            self.miss(_("%(year)s %(whole)s is 0: %(name)s cannot be computed") % {
                "year": year, "whole": text.label(whole), "name": name})
            return None
        if (part, whole) in PARTS and n > d:
            self.note(_("%(year)s %(part)s (%(p)s) exceeds %(whole)s (%(w)s): the figures disagree, "
                        "check them") % {"year": year, "part": text.label(part), "p": text.num(n),
                                          "whole": text.label(whole), "w": text.num(d)})
            self.miss(_("%(year)s %(name)s cannot be computed (inconsistent figures)") % {
                "year": year, "name": name})
            return None
        return n * 100 / d

    def growth(self, name: str, year: int | None = None) -> Decimal | None:
        """Growth of `name` in `year` over the year before, in percent."""
        year = self.year if year is None else year
        return self._memo(("growth", name, year), lambda: self._growth(name, year))

    def _growth(self, name, year):
        before, now = self.ind(name, year - 1), self.ind(name, year)
        if before is None or now is None:
            return None
        if before <= 0:
            self.miss(_("%(year)s %(name)s is %(value)s: growth cannot be computed") % {
                "year": year - 1, "name": text.label(name), "value": text.num(before)})
            return None
        return (now - before) * 100 / before

    def avg_growth2(self, name: str) -> Decimal | None:
        """近2年平均增长率: the mean of the last two years' growth rates."""
        last, first = self.growth(name, self.year), self.growth(name, self.year - 1)
        if last is None or first is None:
            return None
        return (last + first) / 2

    def cagr2(self, name: str) -> Decimal | None:
        """近两年复合增长率: (value[y] / value[y-2]) ** 0.5 - 1, in percent."""
        return self._memo(("cagr2", name), lambda: self._cagr2(name))

    def _cagr2(self, name):
        base, now = self.ind(name, self.year - 2), self.ind(name, self.year)
        if base is None or now is None:
            return None
        if base <= 0 or now < 0:
            self.miss(_("%(year)s %(name)s is %(value)s: growth cannot be computed") % {
                "year": self.year - 2, "name": text.label(name), "value": text.num(base)})
            return None
        return ((now / base).sqrt() - 1) * 100

    def total(self, name: str, span: int) -> tuple[Decimal, list[int]]:
        """Sum over the last `span` years of the values known, and the years without one."""
        known, unknown = Decimal(0), []
        for year in range(self.year - span + 1, self.year + 1):
            row = self.firm.indicators.get(year)
            value = row.get(name) if row else None
            if value is None or value < 0:
                unknown.append(year)
            else:
                known += Decimal(value)
        return known, unknown

    # -- conditions ---------------------------------------------------------------------------
    def at_least(self, name: str, value, target, fmt=text.wan) -> Cond:
        if value is None:
            return UNKNOWN
        target = Decimal(str(target))
        if value >= target:
            return MET
        return Cond(False, ratio_closeness(value, target), (text.short(name, value, target, fmt),))

    def pct_at_least(self, name: str, value, target) -> Cond:
        if value is None:
            return UNKNOWN
        target = Decimal(str(target))
        if value >= target:
            return MET
        return Cond(False, ratio_closeness(value, target), (text.short_pct(name, value, target),))

    def pct_at_most(self, name: str, value, target, *, strict=False) -> Cond:
        if value is None:
            return UNKNOWN
        target = Decimal(str(target))
        if value < target or (value == target and not strict):
            return MET
        closeness = ratio_closeness(target, value) if value > 0 else 0.0
        return Cond(False, closeness, (text.over_pct(name, value, target, strict=strict),))

    def total_at_least(self, name: str, span: int, target, label: str) -> Cond:
        """A sum over the last `span` years reaches `target` (万元). Years without data are
        missing only when the known years do not already reach it."""
        known, unknown = self.total(name, span)
        target = Decimal(str(target))
        if known >= target:
            return MET
        if unknown:
            for year in unknown:
                self.miss(text.missing(text.label(name), year))
            return Cond(None, ratio_closeness(known, target))
        return Cond(False, ratio_closeness(known, target), (text.short(label, known, target, text.wan),))

    # -- score lines ----------------------------------------------------------------------------
    def line(self, indicator: str, value: str | None, band: str | None, lo, hi, category=None) -> None:
        """A breakdown row; points are shown only when certain (lo == hi)."""
        self.lines.append(Line(indicator, value, band, float(lo) if lo == hi else None))
        self.ranges.append((category, float(lo), float(hi)))

    def info(self, indicator: str, value: str | None, requirement: str) -> None:
        """A breakdown row for a condition (no points): its value and what the rule requires."""
        self.lines.append(Line(indicator, value, requirement, None))
        self.ranges.append((None, 0.0, 0.0))

    def band_line(self, tbl: Table, value: Decimal | None, category=None) -> Band | None:
        name = _(tbl.label)
        if value is None:
            self.line(name, None, None, tbl.min_points(), tbl.max_points, category)
            return None
        band = tbl.find(value)
        self.line(name, tbl.fmt(value), tbl.describe(band), band.points, band.points, category)
        better = tbl.better(band)
        if better is not None:
            self.hints.append((name, tbl, value, better.cut, better.points - band.points))
        return band

    def score_range(self, category=None) -> tuple[float, float]:
        rows = [r for r in self.ranges if category is None or r[0] == category]
        return sum(r[1] for r in rows), sum(r[2] for r in rows)

    def score_cond(self, name: str, threshold: float, category=None) -> Cond:
        """score >= threshold, knowing only a range when some indicators lack data."""
        lo, hi = self.score_range(category)
        if lo >= threshold:
            return MET
        if hi < threshold:
            return Cond(False, max(0.0, lo / threshold),
                        (text.short(name, Decimal(str(lo)), Decimal(str(threshold)), text.points),))
        return Cond(None, max(0.0, lo / threshold))

    def note_score_range(self) -> None:
        lo, hi = self.score_range()
        if lo != hi:
            self.note(_("Some indicators lack data: the score shown is the lowest possible; it lies "
                        "between %(lo)s and %(hi)s") % {
                "lo": text.num(lo), "hi": text.num(hi)})

    # -- the result -----------------------------------------------------------------------------
    def result(self, *, score=None, threshold=None, hints=False) -> TierResult:
        ok = and3(c.ok for c in self.conds)
        gaps = [] if ok else [g for c in self.conds if c.ok is not True for g in c.gaps]
        if hints and not ok:
            gaps += [text.next_band(name, tbl.fmt(value), tbl.fmt(cut), extra)
                     for name, tbl, value, cut, extra in self.hints]
        closeness = 1.0 if ok else (
            min(0.99, sum(c.closeness for c in self.conds) / len(self.conds)) if self.conds else 0.0)
        return TierResult(
            tier=self.tier, rule_version=self.version,
            verified=self.verified and not self.unverified, eligible=ok,
            score=None if score is None else float(score),
            threshold=None if threshold is None else float(threshold),
            breakdown=self.lines, gaps=list(dict.fromkeys(gaps)), missing=self.missing,
            notes=self.unverified + self.notes, closeness=round(closeness, 4))


RATIO_NAMES = {
    ("rd_expense", "revenue"): text.RD_INTENSITY,
    ("main_business_revenue", "revenue"): N_("main-business revenue as a share of operating revenue"),
    ("total_liabilities", "total_assets"): text.DEBT_RATIO,
    ("rd_staff", "employees"): N_("R&D staff as a share of employees"),
}


def ratio_name(part: str, whole: str) -> str:
    return _(RATIO_NAMES.get((part, whole), f"{part}/{whole}"))
