"""Chinese sentences about results: values with units, why a value is missing, strengths and
weaknesses against the peer group (pure)."""

from django.utils.translation import gettext as _

from .formula import Missing
from .scoring import FirmScore
from .spec import DIMENSION_LABELS

# A dimension beating at least STRONG of its peers is a strength, at most WEAK a weakness.
STRONG, WEAK = 0.6, 0.4
MAX_ITEMS = 2


def format_value(value: float | None, unit: str) -> str:
    """A value as people read it: ratios as %, money in 万元, counts whole."""
    if value is None:
        return "—"
    if unit == "percent":
        return f"{value * 100:.1f}%"
    if unit == "count":
        return f"{value:,.0f}"
    suffix = {"wan_yuan": " 万元", "wan_yuan_per_mu": " 万元/亩", "wan_yuan_per_tce": " 万元/吨标煤",
              "wan_yuan_per_person": " 万元/人"}.get(unit, "")
    return f"{value:,.2f}{suffix}"


def field_labels() -> dict[str, str]:
    """Chinese labels of the annual-indicator fields (from the model, translated)."""
    from yuanqu.enterprises.models import INDICATOR_FIELDS, AnnualIndicator

    return {f: str(AnnualIndicator._meta.get_field(f).verbose_name) for f in INDICATOR_FIELDS}


def missing_text(name: str, reason: Missing, labels: dict[str, str]) -> str:
    """"研发人员占比：从业人员为 0，无法计算" and the like."""
    if reason.zero_denominator:
        return _("%(indicator)s: the denominator is zero, so it cannot be computed") % {"indicator": name}
    label = labels.get(reason.field, reason.field)
    if reason.previous:
        return _("%(indicator)s: %(field)s of the previous year is missing") % {
            "indicator": name, "field": label}
    return _("%(indicator)s: %(field)s is missing") % {"indicator": name, "field": label}


def peers_phrase(firm: FirmScore) -> str:
    return _("the same industry") if firm.by_industry else _("the park")


def strengths(firm: FirmScore) -> list[str]:
    """"技术创新能力 86 分，高于同行业 80% 的企业" for the best dimensions against the peers."""
    strong = sorted((d for d in firm.dimensions if d.peer_share is not None and d.peer_share >= STRONG),
                    key=lambda d: -d.peer_share)[:MAX_ITEMS]
    return [_("%(dim)s %(score).0f points, better than %(share).0f%% of firms in %(peers)s") % {
        "dim": DIMENSION_LABELS[d.code], "score": d.score, "share": d.peer_share * 100,
        "peers": peers_phrase(firm)} for d in strong]


def weaknesses(firm: FirmScore) -> list[str]:
    """"持续成长能力 41 分，资产负债率 78.0% 偏高": the weakest dimensions and their weakest indicator."""
    weak = sorted((d for d in firm.dimensions if d.peer_share is not None and d.peer_share <= WEAK),
                  key=lambda d: d.peer_share)[:MAX_ITEMS]
    return [_weakness(firm, d) for d in weak]


def _weakness(firm, dim) -> str:
    lines = [ln for ln in firm.indicators if ln.spec.dimension == dim.code and ln.score is not None]
    label = DIMENSION_LABELS[dim.code]
    if not lines:
        return _("%(dim)s %(score).0f points, behind %(share).0f%% of firms in %(peers)s") % {
            "dim": label, "score": dim.score, "share": (1 - dim.peer_share) * 100,
            "peers": peers_phrase(firm)}
    worst = min(lines, key=lambda ln: ln.score)
    template = (_("%(dim)s %(score).0f points; %(indicator)s %(value)s is low") if worst.spec.higher_is_better
                else _("%(dim)s %(score).0f points; %(indicator)s %(value)s is high"))
    return template % {"dim": label, "score": dim.score, "indicator": worst.spec.name,
                       "value": format_value(worst.value, worst.spec.unit)}


def summary(firm: FirmScore) -> str:
    """Strengths then weaknesses in one sentence, separated by "；"."""
    return "；".join(strengths(firm) + weaknesses(firm))
