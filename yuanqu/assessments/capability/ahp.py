"""Weights by AHP pairwise comparison: Saaty's 1–9 scale, principal eigenvector, consistency ratio."""

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from django.utils.translation import gettext as _

# Saaty's random consistency index by matrix order (Saaty 1980; the table most textbooks print).
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}
MAX_ORDER = max(RANDOM_INDEX)
CR_LIMIT = 0.1
SCALE = sorted({float(k) for k in range(1, 10)} | {1 / k for k in range(2, 10)})
_TOLERANCE = 0.01  # entries typed as 0.333 stand for 1/3


class AhpError(ValueError):
    """The matrix cannot give weights; the message says which entry or that CR is too high (Chinese)."""

    def __init__(self, message, cr=None):
        super().__init__(message)
        self.cr = cr


@dataclass(frozen=True)
class AhpResult:
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float


def entry(value) -> float:
    """A matrix entry from a number or a string such as "1/3" (AhpError when it is neither)."""
    try:
        number = float(Fraction(str(value).strip())) if isinstance(value, str) else float(value)
    except (ValueError, ZeroDivisionError, TypeError):
        raise AhpError(_("“%(value)s” is not a number.") % {"value": value}) from None
    return number


def _on_scale(value: float) -> bool:
    return any(abs(value - s) <= _TOLERANCE * max(s, 1) for s in SCALE)


def check_matrix(raw) -> np.ndarray:
    """The matrix as floats: square, order 1–15, ones on the diagonal, Saaty values, reciprocal."""
    rows = [list(r) for r in raw] if raw else []
    n = len(rows)
    if not 1 <= n <= MAX_ORDER or any(len(r) != n for r in rows):
        raise AhpError(_("The comparison matrix must be square, with 1 to %(n)d rows.") % {"n": MAX_ORDER})
    m = np.array([[entry(v) for v in r] for r in rows], dtype=float)
    for i in range(n):
        for j in range(n):
            _check_entry(m, i, j)
    return m


def _check_entry(m, i, j):
    where = {"row": i + 1, "col": j + 1}
    if i == j and abs(m[i, j] - 1) > 1e-9:
        raise AhpError(_("Row %(row)d, column %(col)d: an item compared with itself must be 1.") % where)
    if not _on_scale(m[i, j]):
        raise AhpError(_("Row %(row)d, column %(col)d: use Saaty's scale 1–9 or its reciprocals "
                         "1/2–1/9.") % where)
    if abs(m[i, j] * m[j, i] - 1) > _TOLERANCE * 3:
        raise AhpError(_("Row %(row)d, column %(col)d must be the reciprocal of row %(col)d, column "
                         "%(row)d.") % where)


def ahp_weights(raw, *, cr_limit: float = CR_LIMIT) -> AhpResult:
    """Principal-eigenvector weights; AhpError (with the CR) when CR ≥ `cr_limit`."""
    m = check_matrix(raw)
    n = m.shape[0]
    values, vectors = np.linalg.eig(m)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    weights = vector / vector.sum()
    lambda_max = float(values[k].real)
    ci = (lambda_max - n) / (n - 1) if n > 2 else 0.0
    cr = ci / RANDOM_INDEX[n] if RANDOM_INDEX[n] else 0.0
    cr = max(cr, 0.0)
    if cr >= cr_limit:
        raise AhpError(_("The comparisons are not consistent enough: CR = %(cr).3f, it must be below "
                         "%(limit).2f. Revise the comparisons.") % {"cr": cr, "limit": cr_limit}, cr=cr)
    return AhpResult(tuple(float(w) for w in weights), lambda_max, max(ci, 0.0), cr)
