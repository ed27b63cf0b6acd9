"""Every rule set, and which apply: by version, by date, or for a 上年度."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from datetime import date

from django.utils.translation import get_language

from . import above_scale, gazelle, innovative, little_giant, revision_2026, specialized
from .base import FirmYear, RuleSet, TierResult
from .sheet import FIRM_MEMO
from .text import LANGUAGE

RULESETS: tuple[RuleSet, ...] = (
    innovative.RULESET,
    specialized.RULESET,
    revision_2026.SPECIALIZED,
    little_giant.RULESET,
    revision_2026.LITTLE_GIANT,
    gazelle.RULESET,
    above_scale.RULESET,
)
BY_VERSION = {(r.tier, r.version): r for r in RULESETS}


def ruleset(tier: str, version: str) -> RuleSet:
    return BY_VERSION[(tier, version)]


def rulesets(*, on: date | None = None, year: int | None = None, review: bool = False) -> list[RuleSet]:
    """The rule sets in force on `on` (for a review when `review`), or, given the 上年度 `year`,
    every one in force at some time of the application year `year + 1`; all without either."""
    if on is not None:
        return [r for r in RULESETS if r.in_force(on, review=review)]
    if year is not None:
        return [r for r in RULESETS if r.overlaps(date(year + 1, 1, 1), date(year + 1, 12, 31))]
    return list(RULESETS)


def assess_firm(firm: FirmYear, *, on: date | None = None, review: bool = False) -> list[TierResult]:
    """All tiers for one firm: every rule version that applies to applications in the year after
    firm.year (or only those in force on `on`)."""
    chosen = rulesets(on=on, review=review) if on else rulesets(year=firm.year)
    token, memo = LANGUAGE.set(get_language()), FIRM_MEMO.set((firm, {}))
    try:
        return [r.evaluate(firm) for r in chosen]
    finally:
        FIRM_MEMO.reset(memo)
        LANGUAGE.reset(token)


def assess_many(firms: Mapping[int, FirmYear], *, on: date | None = None,
                review: bool = False) -> dict[int, list[TierResult]]:
    """assess_firm for many firms ({key: FirmYear} as loading.firm_years gives). The cyclic garbage
    collector is paused meanwhile: results hold no cycles, and its passes over tens of thousands of
    fresh results cost about a quarter of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return {key: assess_firm(firm, on=on, review=review) for key, firm in firms.items()}
    finally:
        if enabled:
            gc.enable()
