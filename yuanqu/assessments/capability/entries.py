"""The six-capability and per-mu results as entries of the firm assessments list (same shape as the
tier entries: tier, rule_version, eligible, score, breakdown, gaps, missing, notes)."""

from django.utils.translation import gettext as _

from . import per_mu, text
from .scoring import FirmScore
from .spec import DIMENSION_LABELS, SystemSpec


def _round(value, places=1):
    return None if value is None else round(value, places)


def no_data(year: int) -> str:
    return _("There are no annual indicators of this firm for %(year)d.") % {"year": year}


def peer_note(score: FirmScore) -> str:
    if score.by_industry:
        return _("Compared with the %(n)d firms of industry division %(division)s in the park.") % {
            "n": score.peer_size, "division": score.peer_group}
    return _("Compared with all %(n)d firms of the park (the industry has too few firms here).") % {
        "n": score.peer_size}


def capability_missing(score: FirmScore, labels) -> list[str]:
    return [text.missing_text(line.spec.name, line.missing, labels)
            for line in score.indicators if line.missing is not None]


def six_capability_entry(spec: SystemSpec, score: FirmScore | None, year: int, labels) -> dict:
    """The firm's six-capability result as an assessments-list entry."""
    entry = {"tier": "six_capability", "rule_version": spec.rule_version, "verified": True, "eligible": None,
             "threshold": None, "score": None, "breakdown": [], "dimensions": [], "gaps": [],
             "strengths": [], "missing": [], "notes": [], "rank": None, "closeness": 0.0}
    if score is None:
        return {**entry, "missing": [no_data(year)]}
    return {**entry, "score": _round(score.total), "rank": score.rank, "closeness": (score.total or 0) / 100,
            "breakdown": [{"indicator": line.spec.name, "value": _value(line.value, line.spec.unit),
                           "band": str(DIMENSION_LABELS[line.spec.dimension]), "points": _round(line.score)}
                          for line in score.indicators],
            "dimensions": [{"dimension": d.code, "label": str(DIMENSION_LABELS[d.code]),
                            "score": _round(d.score),
                            "weight": d.weight, "peer_share": _round(d.peer_share, 3),
                            "peer_median": _round(d.peer_median)} for d in score.dimensions],
            "gaps": text.weaknesses(score), "strengths": text.strengths(score),
            "missing": capability_missing(score, labels), "notes": [peer_note(score), *score.notes]}


def _value(value, unit):
    return None if value is None else text.format_value(value, unit)


def per_mu_missing(result, labels) -> list[str]:
    return [text.missing_text(str(per_mu.LABELS[k]), reason, labels) for k, reason in result.reasons.items()]


def per_mu_entry(spec: SystemSpec, result, year: int, labels) -> dict:
    """The firm's per-mu result as an assessments-list entry (grade A–D in `grade`)."""
    entry = {"tier": "per_mu", "rule_version": spec.per_mu_rule_version, "verified": True, "eligible": None,
             "threshold": None, "score": None, "grade": None, "low_efficiency": False, "breakdown": [],
             "gaps": [], "missing": [], "notes": per_mu.notes(), "rank": None, "graded": 0, "closeness": 0.0}
    if result is None:
        return {**entry, "missing": [no_data(year)]}
    gaps = [_("Per-mu grade D: low land-use efficiency.")] if result.low_efficiency else []
    return {**entry, "score": _round(result.score), "grade": result.grade,
            "low_efficiency": result.low_efficiency,
            "rank": result.rank, "graded": result.graded, "closeness": (result.score or 0) / 100,
            "gaps": gaps,
            "breakdown": [{"indicator": str(per_mu.LABELS[k]),
                           "value": _value(result.metrics[k], per_mu.UNITS[k]),
                           "band": result.grade, "points": _round(result.scores.get(k))}
                          for k in per_mu.FORMULAS],
            "missing": per_mu_missing(result, labels)}
