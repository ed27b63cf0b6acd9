"""Every rule set, and which apply: by version, by date, or for a 上年度."""

from __future__ import annotations

from datetime import date

from . import above_scale, innovative
from .base import FirmYear, RuleSet, TierResult

RULESETS: tuple[RuleSet, ...] = (
    innovative.RULESET,
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
    return [r.evaluate(firm) for r in chosen]
