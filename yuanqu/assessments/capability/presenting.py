"""What the firm assessment and ranking pages show, built from results (pure: no queries)."""

from django.utils.translation import gettext as _

from . import per_mu, text
from .entries import capability_missing, peer_note, per_mu_missing
from .spec import DIMENSION_LABELS, DIMENSIONS


def _r(value, places=1):
    return None if value is None else round(value, places)


def dimension_rows(score) -> list[dict]:
    """One row per dimension: score, peer median, share of peers beaten, and its indicators."""
    rows = []
    for d in score.dimensions:
        rows.append({
            "code": d.code, "label": DIMENSION_LABELS[d.code], "weight": d.weight, "score": _r(d.score),
            "median": _r(d.peer_median), "share": None if d.peer_share is None else round(d.peer_share * 100),
            "indicators": [{"name": ln.spec.name, "value": text.format_value(ln.value, ln.spec.unit),
                            "score": _r(ln.score), "weight": ln.spec.weight,
                            "lower": not ln.spec.higher_is_better,
                            "missing": ln.missing is not None}
                           for ln in score.indicators if ln.spec.dimension == d.code]})
    return rows


def radar_data(score, medians) -> dict:
    """The radar chart: the six dimensions, the firm's scores and the peer group's medians."""
    return {
        "indicators": [{"name": str(DIMENSION_LABELS[d]), "max": 100} for d in DIMENSIONS],
        "firm": [_r(score.dimension(d).score) for d in DIMENSIONS],
        "median": [_r(medians.get(d)) for d in DIMENSIONS],
        "names": {"firm": score.name, "median": _("Peer group median")},
    }


def trend_data(trend) -> dict:
    """The yearly trend chart: total and each dimension per year."""
    return {
        "years": [str(y) for y, _s in trend],
        "series": [{"name": _("Total"), "data": [_r(s.total) for _y, s in trend]}] + [
            {"name": str(DIMENSION_LABELS[d]), "data": [_r(s.dimension(d).score) for _y, s in trend]}
            for d in DIMENSIONS],
    }


def per_mu_rows(result) -> list[dict]:
    return [{"label": per_mu.LABELS[k], "value": text.format_value(result.metrics[k], per_mu.UNITS[k]),
             "score": _r(result.scores.get(k))} for k in per_mu.FORMULAS]


def assessment_context(assessment, labels) -> dict:
    """The template context of the firm assessment page (besides the firm and the tier results)."""
    score, grade = assessment.score, assessment.per_mu
    ctx = {"assessment": assessment, "score": score, "per_mu": grade, "years": assessment.years,
           "year": assessment.year, "spec": assessment.spec}
    if score is not None:
        ctx.update(dimensions=dimension_rows(score), strengths=text.strengths(score),
                   weaknesses=text.weaknesses(score), missing=capability_missing(score, labels),
                   peer_note=peer_note(score), total=_r(score.total),
                   chart={"radar": radar_data(score, assessment.medians),
                          "trend": trend_data(assessment.trend)})
    if grade is not None:
        ctx.update(per_mu_lines=per_mu_rows(grade), per_mu_missing=per_mu_missing(grade, labels),
                   per_mu_notes=per_mu.notes())
    return ctx
