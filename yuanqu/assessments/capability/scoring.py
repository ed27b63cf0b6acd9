"""Six-capability scores of every firm of a park for one year, normalised within peer groups (pure).

A firm's peer group is its industry division (the first two digits of its GB/T 4754 class) when the
park has at least `peer_min_size` firms with figures in that division that year, otherwise the
whole park. Indicator values become 0–100 within the group (min–max or percentile), a dimension
is the weighted mean of its present indicators, the total the weighted mean of the present
dimensions (weights renormalised over what is present; what is absent is listed, never filled in).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from .formula import Missing
from .inputs import FirmInput
from .normalise import median, normalise, share_beaten, weighted_mean
from .spec import DIMENSIONS, IndicatorSpec, SystemSpec

PARK_GROUP = "park"


@dataclass
class IndicatorResult:
    spec: IndicatorSpec
    value: float | None
    score: float | None
    missing: Missing | None = None


@dataclass
class DimensionResult:
    code: str
    weight: float
    score: float | None
    peer_share: float | None = None  # share of the peer group's other firms this score beats, 0–1
    peer_median: float | None = None


@dataclass
class FirmScore:
    """One firm's result: indicator values and scores, six dimensions, total, peer group and rank."""

    enterprise_id: int
    name: str
    industry: str | None
    year: int
    peer_group: str  # "park" or a two-digit division code
    peer_size: int
    indicators: list[IndicatorResult]
    dimensions: list[DimensionResult] = field(default_factory=list)
    total: float | None = None
    total_share: float | None = None
    rank: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def by_industry(self) -> bool:
        return self.peer_group != PARK_GROUP

    def dimension(self, code) -> DimensionResult:
        return next(d for d in self.dimensions if d.code == code)


@dataclass
class ParkScores:
    """Every scored firm of a park for `year`, and each peer group's medians by dimension."""

    year: int
    spec: SystemSpec
    firms: dict[int, FirmScore]
    medians: dict[str, dict[str, float | None]]  # group -> dimension -> median score
    ranked: int = 0

    def get(self, enterprise_id) -> FirmScore | None:
        return self.firms.get(enterprise_id)


def division(industry: str | None) -> str | None:
    return industry[:2] if industry and len(industry) >= 2 else None


def peer_groups(firms: list[FirmInput], min_size: int) -> list[str]:
    """Each firm's group: its division when that has ≥ min_size firms here, else the park."""
    sizes = defaultdict(int)
    for f in firms:
        sizes[division(f.industry)] += 1
    return [d if d is not None and sizes[d] >= min_size else PARK_GROUP
            for d in (division(f.industry) for f in firms)]


def score_park(spec: SystemSpec, firms: list[FirmInput], year: int) -> ParkScores:
    """Scores of `firms` (all of one park, one year) under `spec`."""
    compiled = [(ind, ind.compiled()) for ind in spec.indicators]
    raw = [[formula.evaluate(f.current, f.previous) for _ind, formula in compiled] for f in firms]
    groups = peer_groups(firms, spec.peer_min_size)
    members = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    scores = _indicator_scores(spec, raw, members, groups, len(firms))
    results = {}
    for i, f in enumerate(firms):
        lines = [IndicatorResult(ind, _number(raw[i][k]), scores[i][k], _reason(raw[i][k]))
                 for k, (ind, _formula) in enumerate(compiled)]
        results[f.enterprise_id] = FirmScore(f.enterprise_id, f.name, f.industry, year, groups[i],
                                             len(members[groups[i]]), lines, notes=f.notes)
    _dimensions(spec, results)
    medians = _peer_statistics(results, members, firms)
    ranked = _rank(results)
    return ParkScores(year, spec, results, medians, ranked)


def _number(value):
    return None if isinstance(value, Missing) else value


def _reason(value):
    return value if isinstance(value, Missing) else None


def _indicator_scores(spec, raw, members, groups, n):
    scores = [[None] * len(spec.indicators) for _ in range(n)]
    for idx in members.values():
        for k, ind in enumerate(spec.indicators):
            column = normalise([_number(raw[i][k]) for i in idx], ind.higher_is_better, spec.normalisation)
            for i, s in zip(idx, column, strict=True):
                scores[i][k] = s
    return scores


def _dimensions(spec, results):
    for firm in results.values():
        for dim in DIMENSIONS:
            pairs = [(line.score, line.spec.weight) for line in firm.indicators if line.spec.dimension == dim]
            firm.dimensions.append(DimensionResult(dim, spec.dimension_weights.get(dim, 0.0),
                                                   weighted_mean(pairs)))
        firm.total = weighted_mean([(d.score, d.weight) for d in firm.dimensions])


def _peer_statistics(results, members, firms):
    """Peer shares and medians of the dimension scores and the total, per group."""
    medians = {}
    for group, idx in members.items():
        group_firms = [results[firms[i].enterprise_id] for i in idx]
        medians[group] = {}
        for k, dim in enumerate(DIMENSIONS):
            column = [f.dimensions[k].score for f in group_firms]
            present = [s for s in column if s is not None]
            medians[group][dim] = median(column)
            for f in group_firms:
                d = f.dimensions[k]
                d.peer_median = medians[group][dim]
                d.peer_share = None if d.score is None else share_beaten(d.score, present)
        totals = [f.total for f in group_firms if f.total is not None]
        medians[group]["total"] = median(totals)
        for f in group_firms:
            f.total_share = None if f.total is None else share_beaten(f.total, totals)
    return medians


def _rank(results) -> int:
    """Competition ranks (1, 2, 2, 4) by total within the park; firms without a total get none."""
    ordered = sorted((f for f in results.values() if f.total is not None), key=lambda f: -f.total)
    previous, rank = None, 0
    for position, firm in enumerate(ordered, start=1):
        if firm.total != previous:
            rank, previous = position, firm.total
        firm.rank = rank
    return len(ordered)
