"""Weights by the entropy method over one year's values of a set of indicators (pure).

Each column is min–max normalised (turned round when lower is better), p = x / Σx, the entropy
e = −Σ p ln p / ln n (0·ln 0 = 0), the divergence d = 1 − e and the weight d / Σd. Only firms with
every value present are used (no value is imputed); a column without spread carries no information.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

MIN_ROWS = 3


class EntropyError(ValueError):
    """Too few complete rows, or no column varies (Chinese message)."""


@dataclass(frozen=True)
class EntropyResult:
    weights: tuple[float, ...]
    entropies: tuple[float, ...]
    rows_used: int
    rows_left_out: int


def entropy_weights(rows, higher_is_better, *, min_rows: int = MIN_ROWS) -> EntropyResult:
    """Weights of the columns of `rows` (lists of float or None), one direction per column."""
    complete = [r for r in rows if all(v is not None for v in r)]
    if len(complete) < min_rows:
        raise EntropyError(_("The entropy method needs at least %(n)d firms with every value present; "
                             "there are %(m)d.") % {"n": min_rows, "m": len(complete)})
    columns = list(zip(*complete, strict=True))
    entropies = [_entropy(col, up) for col, up in zip(columns, higher_is_better, strict=True)]
    divergence = [0.0 if e is None else 1 - e for e in entropies]
    total = sum(divergence)
    if total <= 0:
        raise EntropyError(_("The values do not vary between firms, so the entropy method cannot weigh "
                             "them."))
    weights = tuple(d / total for d in divergence)
    return EntropyResult(weights, tuple(1.0 if e is None else e for e in entropies), len(complete),
                         len(rows) - len(complete))


def _entropy(column, higher_is_better) -> float | None:
    low, high = min(column), max(column)
    if high == low:
        return None
    x = [(v - low) / (high - low) if higher_is_better else (high - v) / (high - low) for v in column]
    total = sum(x)
    p = [v / total for v in x]
    return -sum(q * math.log(q) for q in p if q > 0) / math.log(len(column))
