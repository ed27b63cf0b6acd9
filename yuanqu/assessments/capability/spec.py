"""The indicator system as plain values (what the scoring reads), its codes and its checks."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formula import Formula, FormulaError, parse

# The six capabilities, in display order (the codes are stable; labels are translated).
DIMENSIONS = ("profitability", "development", "investment", "innovation", "growth", "responsibility")
DIMENSION_LABELS = {
    "profitability": gettext_lazy("Profitability"),
    "development": gettext_lazy("Development capability"),
    "investment": gettext_lazy("Investment capability"),
    "innovation": gettext_lazy("Technological innovation capability"),
    "growth": gettext_lazy("Sustainable growth capability"),
    "responsibility": gettext_lazy("Social responsibility capability"),
}
DIMENSION_LEVEL = "dimensions"  # the weight level of the six dimensions; a dimension code names its own
PER_MU_LEVEL = "per_mu"
PER_MU_METRICS = ("tax_per_mu", "revenue_per_mu", "rd_intensity", "value_added_per_energy",
                  "labour_productivity")
GRADES = ("A", "B", "C", "D")
WEIGHT_TOLERANCE = 0.001


@lru_cache(maxsize=1024)
def _parsed(text: str) -> Formula:
    """Formulas are parsed once per process (a failing one raises each time; errors are not cached)."""
    return parse(text)


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator: its dimension, formula, direction (higher or lower is better), weight, unit."""

    code: str
    name: str
    dimension: str
    formula: str
    higher_is_better: bool = True
    weight: float = 1.0
    unit: str = "plain"  # percent | wan_yuan | wan_yuan_per_mu | count | plain

    def compiled(self) -> Formula:
        return _parsed(self.formula)


@dataclass(frozen=True)
class SystemSpec:
    """A whole indicator system and its per-mu settings, as the pure scoring reads it."""

    name: str
    version: int
    indicators: tuple[IndicatorSpec, ...]
    dimension_weights: dict[str, float]
    normalisation: str = "minmax"  # minmax | percentile
    peer_min_size: int = 5
    per_mu_weights: dict[str, float] = field(default_factory=dict)
    grade_shares: dict[str, float] = field(default_factory=dict)  # A, B, C; D is the rest
    park_code: str = ""

    @property
    def rule_version(self) -> str:
        return f"capability-{self.park_code or 'default'}-v{self.version}"

    @property
    def per_mu_rule_version(self) -> str:
        return f"per-mu-{self.park_code or 'default'}-v{self.version}"

    def in_dimension(self, dimension: str) -> list[IndicatorSpec]:
        return [i for i in self.indicators if i.dimension == dimension]


def level_label(level: str) -> str:
    if level == DIMENSION_LEVEL:
        return _("the six dimensions")
    if level == PER_MU_LEVEL:
        return _("the per-mu indicators")
    return str(DIMENSION_LABELS.get(level, level))


def weight_sum_error(level: str, weights: dict[str, float]) -> str | None:
    """A Chinese message when `weights` are negative or do not sum to 1 (within 0.001), else None."""
    negative = [k for k, w in weights.items() if w is None or w < 0]
    if negative:
        return _("Weights of %(level)s must not be negative.") % {"level": level_label(level)}
    total = sum(weights.values())
    if abs(total - 1) > WEIGHT_TOLERANCE:
        return _("The weights of %(level)s sum to %(sum).3f; they must sum to 1 (within 0.001).") % {
            "level": level_label(level), "sum": total}
    return None


def grade_share_error(shares: dict[str, float]) -> str | None:
    """Shares of A, B and C (D takes the rest): each between 0 and 1, together at most 1."""
    values = [shares.get(g) for g in GRADES[:3]]
    if any(v is None or v < 0 or v > 1 for v in values):
        return _("The shares of grades A, B and C must each be between 0 and 100%.")
    if sum(values) > 1 + WEIGHT_TOLERANCE:
        return _("The shares of grades A, B and C add up to more than 100%.")
    return None


def system_errors(spec: SystemSpec) -> dict[str, list[str]]:
    """Every problem of a system, by level or indicator code: formulas, empty dimensions, weight sums."""
    errors: dict[str, list[str]] = {}
    for ind in spec.indicators:
        try:
            ind.compiled()
        except FormulaError as exc:
            errors.setdefault(ind.code, []).append(f"{ind.name}：{exc}")
    for dim in DIMENSIONS:
        members = spec.in_dimension(dim)
        if not members:
            errors.setdefault(dim, []).append(
                _("%(dim)s needs at least one indicator.") % {"dim": DIMENSION_LABELS[dim]})
        elif msg := weight_sum_error(dim, {i.code: i.weight for i in members}):
            errors.setdefault(dim, []).append(msg)
    for level, weights in ((DIMENSION_LEVEL, spec.dimension_weights), (PER_MU_LEVEL, spec.per_mu_weights)):
        keys = DIMENSIONS if level == DIMENSION_LEVEL else PER_MU_METRICS
        if set(weights) != set(keys):
            errors.setdefault(level, []).append(
                _("Give a weight for each of %(level)s.") % {"level": level_label(level)})
        elif msg := weight_sum_error(level, weights):
            errors.setdefault(level, []).append(msg)
    if msg := grade_share_error(spec.grade_shares):
        errors.setdefault("grade_shares", []).append(msg)
    return errors
