"""The tier engine's data: what a rule reads (FirmYear), what it returns (TierResult), and the
versioned rule set that links the two. Pure: no models, no database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

TIERS = ("innovative_sme", "specialized_sme", "little_giant", "gazelle", "above_scale")


@dataclass(frozen=True)
class FirmYear:
    """Everything a rule reads about one firm, for the 上年度 `year` (money in 万元)."""

    year: int
    founded_on: date | None
    industry_code: str | None
    size_class: str | None
    indicators: dict[int, dict[str, Decimal | int | None]]
    facts: dict[str, object]
    qualifications: frozenset[str]


@dataclass(frozen=True)
class Line:
    """One row of a score breakdown: the indicator, its value as shown, the band and its points."""

    indicator: str
    value: str | None
    band: str | None
    points: float | None


@dataclass(frozen=True)
class TierResult:
    """One firm against one rule set: eligibility (None when missing data decides), score, gaps."""

    tier: str
    rule_version: str
    verified: bool
    eligible: bool | None
    score: float | None
    threshold: float | None
    breakdown: list[Line]
    gaps: list[str]
    missing: list[str]
    notes: list[str]
    closeness: float


@dataclass(frozen=True)
class RuleSet:
    """A versioned rule set: in force from `effective_from` to `effective_to` (inclusive, None =
    open); `review_to` extends its use for reviews (复核) of firms already recognised."""

    tier: str
    version: str
    effective_from: date
    effective_to: date | None
    verified: bool
    evaluate: Callable[[FirmYear], TierResult] = field(compare=False, repr=False)
    source: str = ""
    review_to: date | None = None

    def in_force(self, on: date, *, review: bool = False) -> bool:
        end = self.review_to if review and self.review_to else self.effective_to
        return self.effective_from <= on and (end is None or on <= end)

    def overlaps(self, start: date, end: date) -> bool:
        last = self.review_to or self.effective_to
        return self.effective_from <= end and (last is None or start <= last)
