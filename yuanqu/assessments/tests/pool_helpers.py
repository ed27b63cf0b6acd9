"""A stand-in for the tier engine in the pool's page, API and query tests: the pool's job is to sort,
filter, count and scope the engine's results, which the engine's own tests check."""

from dataclasses import dataclass, field

import pytest

from yuanqu.assessments import cultivation_queries


@dataclass(frozen=True)
class FakeResult:
    """The fields of tiers.TierResult."""

    tier: str
    eligible: bool | None = False
    closeness: float = 0.0
    score: float | None = None
    threshold: float | None = 60
    rule_version: str = "miit-2022-63"
    verified: bool = True
    breakdown: list = field(default_factory=list)
    gaps: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    notes: list = field(default_factory=list)


class FakeEngine:
    """Results per firm id; every firm without its own gets `default` (far from every tier)."""

    def __init__(self, by_firm=None, default=None):
        self.by_firm = by_firm or {}
        self.default = default if default is not None else [FakeResult(t, closeness=0.1) for t in TIERS]
        self.years = []

    def assess_park(self, enterprises, year):
        self.years.append(year)
        return {pk: self.by_firm.get(pk, self.default) for pk in enterprises.values_list("pk", flat=True)}

    def firm_results(self, enterprise, year):
        return self.by_firm.get(enterprise.pk, self.default)

    def versions_in_force(self, year, on):
        return {}


TIERS = ["innovative_sme", "specialized_sme", "little_giant", "gazelle", "above_scale"]


def use_engine(testcase, by_firm=None, default=None) -> FakeEngine:
    """Install a FakeEngine for the rest of the test."""
    engine = FakeEngine(by_firm, default)
    patcher = pytest.MonkeyPatch()
    for name in ("assess_park", "firm_results", "versions_in_force"):
        patcher.setattr(cultivation_queries, name, getattr(engine, name))
    testcase.addCleanup(patcher.undo)
    return engine


def gap_result(tier="specialized_sme", closeness=0.8, **extra):
    gaps = ["研发费用占营业收入比重 2.1%，还差 0.9 个百分点"]
    return FakeResult(tier, eligible=False, closeness=closeness, score=52, gaps=gaps, **extra)


def eligible_result(tier="specialized_sme", score=75, **extra):
    return FakeResult(tier, eligible=True, closeness=1.0, score=score, **extra)
