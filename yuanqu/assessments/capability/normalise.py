"""Scores 0–100 within a peer group: min–max or percentile rank; medians and shares below (pure)."""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

NEUTRAL = 50.0  # every peer has the same value: nobody is better or worse


def minmax(values: Sequence[float | None], higher_is_better: bool = True) -> list[float | None]:
    """(x − min) / (max − min) × 100, turned round when lower is better; missing stays missing."""
    present = [v for v in values if v is not None]
    if not present:
        return [None] * len(values)
    low, high = min(present), max(present)
    if high == low:
        return [None if v is None else NEUTRAL for v in values]
    span = high - low
    if higher_is_better:
        return [None if v is None else (v - low) / span * 100 for v in values]
    return [None if v is None else (high - v) / span * 100 for v in values]


def percentile(values: Sequence[float | None], higher_is_better: bool = True) -> list[float | None]:
    """Share of the other peers this value beats (ties count half) × 100; one peer alone scores 50."""
    present = sorted(v for v in values if v is not None)
    n = len(present)
    out: list[float | None] = []
    for v in values:
        if v is None:
            out.append(None)
            continue
        below, equal = bisect_left(present, v), bisect_right(present, v) - bisect_left(present, v)
        worse = below if higher_is_better else n - below - equal
        out.append(NEUTRAL if n == 1 else (worse + 0.5 * (equal - 1)) / (n - 1) * 100)
    return out


def normalise(values, higher_is_better=True, method="minmax"):
    """Scores by the system's method (`minmax` or `percentile`)."""
    if method == "percentile":
        return percentile(values, higher_is_better)
    return minmax(values, higher_is_better)


def share_beaten(value: float, ordered: Sequence[float]) -> float:
    """Share of the *other* peers with a strictly lower value, 0–1 (`value` is one of the peers,
    `ordered` all of them in ascending order: sort once, ask for each)."""
    others = len(ordered) - 1
    return bisect_left(ordered, value) / others if others > 0 else 0.0


def median(values: Sequence[float | None]) -> float | None:
    present = sorted(v for v in values if v is not None)
    if not present:
        return None
    mid = len(present) // 2
    return present[mid] if len(present) % 2 else (present[mid - 1] + present[mid]) / 2


def weighted_mean(pairs: Sequence[tuple[float | None, float]]) -> float | None:
    """Weighted mean of the present scores, weights renormalised over them (None if none present)."""
    total = weighted = 0.0
    for s, w in pairs:
        if s is not None and w > 0:
            total += w
            weighted += s * w
    return weighted / total if total > 0 else None
