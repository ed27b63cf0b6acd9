"""Per-mu evaluation (亩均效益) of every firm of a park for one year, graded A–D by percentile (pure).

Value added is not in the registry: it is approximated by total profit + tax paid (wages and
depreciation, the rest of 增加值, are unknown), so value added per unit of energy and labour
productivity understate it alike; every result says so in its notes.
"""

from bisect import bisect_left
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formula import Missing, parse
from .normalise import percentile, weighted_mean
from .spec import GRADES, PER_MU_METRICS

FORMULAS = {
    "tax_per_mu": "tax_paid / land_area_mu",
    "revenue_per_mu": "revenue / land_area_mu",
    "rd_intensity": "rd_expense / revenue",
    "value_added_per_energy": "(total_profit + tax_paid) / energy_consumption_tce",
    "labour_productivity": "(total_profit + tax_paid) / employees",
}
LABELS = {
    "tax_per_mu": gettext_lazy("Tax per mu"),
    "revenue_per_mu": gettext_lazy("Revenue per mu"),
    "rd_intensity": gettext_lazy("R&D intensity"),
    "value_added_per_energy": gettext_lazy("Value added per tonne of coal equivalent"),
    "labour_productivity": gettext_lazy("Labour productivity"),
}
UNITS = {"tax_per_mu": "wan_yuan_per_mu", "revenue_per_mu": "wan_yuan_per_mu", "rd_intensity": "percent",
         "value_added_per_energy": "wan_yuan_per_tce", "labour_productivity": "wan_yuan_per_person"}
REQUIRED = "tax_per_mu"  # no land or no tax figure: the firm is not graded
LOW_EFFICIENCY_GRADES = frozenset({"D"})
_COMPILED = {k: parse(v) for k, v in FORMULAS.items()}


@dataclass
class PerMuResult:
    """A firm's per-mu metrics, their 0–100 scores within the park, composite score and grade."""

    enterprise_id: int
    year: int
    metrics: dict[str, float | None]
    reasons: dict[str, Missing]
    scores: dict[str, float | None] = field(default_factory=dict)
    score: float | None = None
    grade: str | None = None
    rank: int | None = None
    graded: int = 0

    @property
    def low_efficiency(self) -> bool:
        """What the land module flags: a grade in LOW_EFFICIENCY_GRADES (D)."""
        return self.grade in LOW_EFFICIENCY_GRADES


def metrics(current: dict, previous: dict | None = None) -> tuple[dict, dict]:
    """The five metrics (None when missing) and, for the missing ones, why."""
    values, reasons = {}, {}
    for key, formula in _COMPILED.items():
        value = formula.evaluate(current, previous)
        if isinstance(value, Missing):
            values[key], reasons[key] = None, value
        else:
            values[key] = value
    return values, reasons


def grade_for(above_share: float, shares: dict[str, float]) -> str:
    """The grade of a firm with `above_share` of the graded firms strictly ahead of it."""
    cut = 0.0
    for grade in GRADES[:3]:
        cut += shares.get(grade, 0.0)
        if above_share < cut - 1e-9:
            return grade
    return GRADES[-1]


def grade_park(firms, year, weights: dict[str, float], shares: dict[str, float]) -> dict[int, PerMuResult]:
    """Per-mu results of `firms` (FirmInput list of one park and year)."""
    results = {}
    for f in firms:
        values, reasons = metrics(f.current, f.previous)
        results[f.enterprise_id] = PerMuResult(f.enterprise_id, year, values, reasons)
    graded = [r for r in results.values() if r.metrics[REQUIRED] is not None]
    for key in PER_MU_METRICS:
        for r, s in zip(graded, percentile([r.metrics[key] for r in graded]), strict=True):
            r.scores[key] = s
    for r in graded:
        r.score = weighted_mean([(r.scores[k], weights.get(k, 0.0)) for k in PER_MU_METRICS])
    _grade(graded, shares)
    return results


def _grade(graded, shares):
    ordered = sorted(-r.score for r in graded)
    n = len(graded)
    for r in graded:
        ahead = bisect_left(ordered, -r.score)  # firms scoring strictly higher
        r.rank, r.graded = ahead + 1, n
        r.grade = grade_for(ahead / n, shares)


def notes() -> list[str]:
    return [_("Value added is approximated by total profit + tax paid (wages and depreciation are not in "
              "the registry).")]
