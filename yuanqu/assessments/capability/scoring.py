"""Six-capability scores of every firm of a park for one year, normalised within peer groups (pure).

A firm's peer group is its industry division (the first two digits of its GB/T 4754 class) when the
park has at least `peer_min_size` firms with figures in that division that year, otherwise the
whole park. Indicator values become 0–100 within the group (min–max or percentile), a dimension
is the weighted mean of its present indicators, the total the weighted mean of the present
dimensions (weights renormalised over what is present; what is absent is listed, never filled in).
"""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from .formula import Missing
from .inputs import FirmInput
from .normalise import NEUTRAL
from .spec import DIMENSIONS, IndicatorSpec, SystemSpec

PARK_GROUP = "park"


@dataclass(slots=True)
class IndicatorResult:
    spec: IndicatorSpec
    value: float | None
    score: float | None
    missing: Missing | None = None


@dataclass(slots=True)
class DimensionResult:
    code: str
    weight: float
    score: float | None
    peer_share: float | None = None  # share of the peer group's other firms this score beats, 0–1
    peer_median: float | None = None


@dataclass(slots=True)
class FirmScore:
    """One firm's result: indicator values and scores, six dimensions, total, peer group and rank."""

    enterprise_id: int
    name: str
    industry: str | None
    year: int
    peer_group: str  # "park" or a two-digit division code
    peer_size: int
    source: FirmInput
    specs: tuple[IndicatorSpec, ...]
    values: list  # per indicator: the value, or None when missing
    scores: list  # per indicator: 0–100 within the peer group, or None
    dim_scores: list = field(default_factory=list)  # in DIMENSIONS order
    dim_shares: list = field(default_factory=list)
    medians: dict = field(default_factory=dict)  # the peer group's, shared by its firms
    weights: dict = field(default_factory=dict)  # the dimension weights, shared
    total: float | None = None
    total_share: float | None = None
    rank: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def indicators(self) -> list[IndicatorResult]:
        """Each indicator's value, score and, when missing, why (worked out when asked, per firm)."""
        out = []
        for ind, value, score in zip(self.specs, self.values, self.scores, strict=True):
            reason = None
            if value is None:
                reason = ind.compiled().evaluate(self.source.current, self.source.previous)
                reason = reason if isinstance(reason, Missing) else Missing(zero_denominator=True)
            out.append(IndicatorResult(ind, value, score, reason))
        return out

    @property
    def by_industry(self) -> bool:
        return self.peer_group != PARK_GROUP

    @property
    def dimensions(self) -> list[DimensionResult]:
        return [self.dimension(code) for code in DIMENSIONS]

    def dimension(self, code) -> DimensionResult:
        k = DIMENSIONS.index(code)
        return DimensionResult(code, self.weights.get(code, 0.0), self.dim_scores[k], self.dim_shares[k],
                               self.medians.get(code))


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
    """Scores of `firms` (all of one park, one year) under `spec`, computed column-wise (numpy)."""
    specs = spec.indicators
    values = _values(specs, firms)
    groups = peer_groups(firms, spec.peer_min_size)
    members = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    members = {g: np.array(idx) for g, idx in members.items()}
    scores = np.full(values.shape, np.nan)
    for idx in members.values():
        for k, ind in enumerate(specs):
            scores[idx, k] = normalise_column(values[idx, k], ind.higher_is_better, spec.normalisation)
    dims, totals = _aggregate(spec, scores)
    results = _results(spec, firms, year, groups, members, values, scores)
    medians = {g: _peer_statistics([results[firms[i].enterprise_id] for i in idx], dims[idx], totals[idx],
                                  spec.dimension_weights)
               for g, idx in members.items()}
    ranked = _rank(results, firms, totals)
    return ParkScores(year, spec, results, medians, ranked)


def _nan(value):
    return np.nan if value is None else value


def _values(specs, firms) -> np.ndarray:
    """Firms × indicators, NaN where missing (an input absent, a denominator 0)."""
    formulas = [ind.compiled() for ind in specs]
    current = {f: np.array([_nan(x.current.get(f)) for x in firms], dtype=float)
               for f in set().union(*(fm.fields for fm in formulas))}
    previous = {f: np.array([_nan(x.previous.get(f)) if x.previous else np.nan for x in firms], dtype=float)
                for f in set().union(*(fm.previous_fields for fm in formulas))}
    columns = [fm.array(current, previous, len(firms)) for fm in formulas]
    return np.column_stack(columns) if columns else np.empty((len(firms), 0))


def normalise_column(column: np.ndarray, higher_is_better=True, method="minmax") -> np.ndarray:
    """normalise.minmax / normalise.percentile over a numpy column (NaN: missing)."""
    present = ~np.isnan(column)
    out = np.full(column.shape, np.nan)
    if not present.any():
        return out
    values = column[present]
    if method == "percentile":
        ordered = np.sort(values)
        below = np.searchsorted(ordered, values, "left")
        equal = np.searchsorted(ordered, values, "right") - below
        worse = below if higher_is_better else len(values) - below - equal
        out[present] = NEUTRAL if len(values) == 1 else (worse + 0.5 * (equal - 1)) / (len(values) - 1) * 100
        return out
    low, high = values.min(), values.max()
    if high == low:
        out[present] = NEUTRAL
    else:
        out[present] = ((values - low) if higher_is_better else (high - values)) / (high - low) * 100
    return out


def _weighted(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Row-wise weighted mean of the present scores, weights renormalised over them (NaN if none)."""
    present = ~np.isnan(scores)
    numerator = np.where(present, scores, 0.0) @ weights
    denominator = present.astype(float) @ weights
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def _aggregate(spec, scores):
    """Dimension scores (firms × 6) and totals."""
    by_dimension = np.zeros((len(spec.indicators), len(DIMENSIONS)))
    for k, ind in enumerate(spec.indicators):
        if ind.dimension in DIMENSIONS and ind.weight > 0:
            by_dimension[k, DIMENSIONS.index(ind.dimension)] = ind.weight
    dims = np.column_stack([_weighted(scores, by_dimension[:, [d]])[:, 0] if scores.shape[1] else
                            np.full(scores.shape[0], np.nan) for d in range(len(DIMENSIONS))])
    dimension_weights = np.array([[max(spec.dimension_weights.get(d, 0.0), 0.0)] for d in DIMENSIONS])
    return dims, _weighted(dims, dimension_weights)[:, 0]


def _plain(row) -> list:
    """A numpy row as Python floats, None for NaN (NaN is the one value unequal to itself)."""
    return [None if v != v else v for v in row.tolist()]


def _results(spec, firms, year, groups, members, values, scores):
    out = {}
    sizes = {g: len(idx) for g, idx in members.items()}
    for i, f in enumerate(firms):
        out[f.enterprise_id] = FirmScore(
            f.enterprise_id, f.name, f.industry, year, groups[i], sizes[groups[i]], f, spec.indicators,
            _plain(values[i]), _plain(scores[i]), notes=f.notes)
    return out


def _peer_statistics(group_firms, dims, totals, weights):
    """Medians of the group's dimension scores and total; each firm's share of peers beaten."""
    medians = {}
    columns = [(dim, dims[:, k]) for k, dim in enumerate(DIMENSIONS)] + [("total", totals)]
    for name, column in columns:
        present = np.sort(column[~np.isnan(column)])
        medians[name] = float(np.median(present)) if present.size else None
        beaten = (np.searchsorted(present, column, "left") / max(present.size - 1, 1)).tolist()
        scores = _plain(column)
        if name == "total":
            for f, v, b in zip(group_firms, scores, beaten, strict=True):
                f.total, f.total_share = v, None if v is None else b
            continue
        for f, v, b in zip(group_firms, scores, beaten, strict=True):
            f.dim_scores.append(v)
            f.dim_shares.append(None if v is None else b)
    for f in group_firms:
        f.medians, f.weights = medians, weights
    return medians


def _rank(results, firms, totals) -> int:
    """Competition ranks (1, 2, 2, 4) by total within the park; firms without a total get none."""
    ordered = np.sort(totals[~np.isnan(totals)])
    higher = ordered.size - np.searchsorted(ordered, totals, "right")
    for f, total, above in zip(firms, _plain(totals), higher.tolist(), strict=True):
        results[f.enterprise_id].rank = None if total is None else above + 1
    return int(ordered.size)
