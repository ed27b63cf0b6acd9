"""Three-valued logic (True / False / None = unknown) and the conditions built on it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .text import tr as _

UNKNOWN_CLOSENESS = 0.5


@dataclass(frozen=True)
class Cond:
    """A checked condition: met, not met or unknown; how close (0..1); what is missing, in words."""

    ok: bool | None
    closeness: float
    gaps: tuple[str, ...] = ()


MET = Cond(True, 1.0)
UNKNOWN = Cond(None, UNKNOWN_CLOSENESS)


def and3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if False in values:
        return False
    return None if None in values else True


def or3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if True in values:
        return True
    return None if None in values else False


def both(*conds: Cond) -> Cond:
    """All must hold: the gaps of every failed part; closeness is the mean."""
    ok = and3(c.ok for c in conds)
    closeness = 1.0 if ok else sum(c.closeness for c in conds) / len(conds)
    return Cond(ok, closeness, tuple(g for c in conds for g in c.gaps))


def either(*branches: Callable[[], Cond]) -> Cond:
    """Any one suffices; branches are evaluated lazily, so data an earlier branch makes
    unnecessary is never reported missing. The gaps of the first branch, then "or: …" for the rest."""
    seen = []
    for branch in branches:
        cond = branch()
        if cond.ok:
            return MET
        seen.append(cond)
    ok = or3(c.ok for c in seen)
    gaps = list(seen[0].gaps) + [_("or: %(gap)s") % {"gap": g} for c in seen[1:] for g in c.gaps]
    return Cond(ok, max(c.closeness for c in seen), tuple(gaps))


def flag(value: bool | None, gap: str | None = None) -> Cond:
    if value is None:
        return UNKNOWN
    return MET if value else Cond(False, 0.0, (gap,) if gap else ())


def ratio_closeness(value: Decimal, target: Decimal) -> float:
    if target <= 0:
        return 1.0 if value >= target else 0.0
    return max(0.0, min(1.0, float(value / target)))
