"""Read side of the six-capability assessment and the per-mu evaluation.

Every firm of a park is scored together (scores are relative to peers), from one query for the
figures of the years asked and the year before each; pages and the API read these functions.
"""

from dataclasses import dataclass, field

from django.db.models import FloatField, Max
from django.db.models.functions import Cast
from django.http import Http404

from yuanqu.accounts.permissions import is_enterprise_user, is_office
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.enterprises.models import INDICATOR_FIELDS, AnnualIndicator, Enterprise, Status
from yuanqu.enterprises.permissions import member_enterprise_id

from .capability import per_mu, text
from .capability.defaults import default_spec
from .capability.inputs import FirmInput, firm_input
from .capability.per_mu import PerMuResult
from .capability.scoring import FirmScore, ParkScores, score_park
from .capability.spec import IndicatorSpec, SystemSpec
from .models_capability import Direction, IndicatorSystem

TREND_YEARS = 5


def visible_assessed_enterprises(user):
    """Firms whose assessment `user` may read: office roles their park(s), a firm user its own firm."""
    qs = restrict_to_parks(Enterprise.objects.all(), user)
    if is_office(user):
        return qs
    if is_enterprise_user(user):
        return qs.filter(pk=member_enterprise_id(user) or 0)
    return qs.none()


def get_assessed_enterprise(user, pk) -> Enterprise:
    """The firm, or 404 whether it is missing or not `user`'s to see."""
    try:
        return visible_assessed_enterprises(user).select_related("park", "industry").get(pk=pk)
    except (Enterprise.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def stored_system(park) -> IndicatorSystem | None:
    """The park's own system, else the default one (None when neither is stored)."""
    systems = IndicatorSystem.objects.prefetch_related("indicators")
    own = systems.filter(park=park).first() if park is not None else None
    return own or systems.filter(is_default=True).first()


def to_spec(system: IndicatorSystem) -> SystemSpec:
    """The stored system as the pure scoring reads it."""
    indicators = tuple(
        IndicatorSpec(i.code, i.name, i.dimension, i.formula, i.direction == Direction.HIGHER,
                      float(i.weight),
                      i.unit) for i in system.indicators.all())
    return SystemSpec(
        name=system.name, version=system.version, indicators=indicators,
        dimension_weights={k: float(v) for k, v in system.dimension_weights.items()},
        normalisation=system.normalisation, peer_min_size=system.peer_min_size,
        per_mu_weights={k: float(v) for k, v in system.per_mu_weights.items()},
        grade_shares={k: float(v) for k, v in system.grade_shares.items()},
        park_code=system.park.code if system.park_id else "")


def spec_for(park) -> SystemSpec:
    """The system a park is scored with (its own, the default, or the built-in default)."""
    system = stored_system(park)
    return to_spec(system) if system is not None else default_spec()


def load_inputs(park, years) -> dict[int, list[FirmInput]]:
    """Each year's FirmInputs of the park's operating firms, from one query (years and years − 1)."""
    years = sorted(set(years))
    wanted = set(years) | {y - 1 for y in years}
    # Floats straight from the database: scores are ratios, and 10,000 firms × 17 Decimals cost seconds.
    floats = {f"f_{name}": Cast(name, FloatField()) for name in INDICATOR_FIELDS}
    rows = (AnnualIndicator.objects
            .filter(enterprise__park=park, enterprise__status=Status.ACTIVE, year__in=wanted)
            .annotate(**floats)
            .values_list("enterprise_id", "enterprise__name", "enterprise__industry_id", "year", *floats))
    by_key, names = {}, {}
    for ent_id, name, industry, year, *values in rows:
        by_key[(ent_id, year)] = dict(zip(INDICATOR_FIELDS, values, strict=True))
        names[ent_id] = (name, industry)
    labels = text.field_labels()
    out = {y: [] for y in years}
    for (ent_id, year), values in sorted(by_key.items()):
        if year in out:
            name, industry = names[ent_id]
            out[year].append(firm_input(ent_id, name, industry, year, values, by_key.get((ent_id, year - 1)),
                                        labels))
    return out


def park_scores(park, year, *, spec=None, inputs=None) -> ParkScores:
    """Six-capability scores of every operating firm of `park` with figures for `year`."""
    spec = spec or spec_for(park)
    firms = inputs if inputs is not None else load_inputs(park, [year])[year]
    return score_park(spec, firms, year)


def per_mu_results(park, year, *, spec=None, inputs=None) -> dict[int, PerMuResult]:
    """Per-mu evaluation of the park's firms for `year`: {enterprise_id: PerMuResult}.

    The land module's hook: a result with `low_efficiency` (grade D) flags the firm's plots."""
    spec = spec or spec_for(park)
    firms = inputs if inputs is not None else load_inputs(park, [year])[year]
    return per_mu.grade_park(firms, year, spec.per_mu_weights, spec.grade_shares)


def latest_year(park) -> int | None:
    return AnnualIndicator.objects.filter(enterprise__park=park).aggregate(y=Max("year"))["y"]


def firm_years(enterprise) -> list[int]:
    return list(AnnualIndicator.objects.filter(enterprise=enterprise).order_by("year")
                .values_list("year", flat=True))


@dataclass
class FirmAssessment:
    """Everything the firm assessment page and the API show for one firm and year."""

    enterprise: Enterprise
    year: int
    spec: SystemSpec
    score: FirmScore | None
    per_mu: PerMuResult | None
    park: ParkScores
    trend: list[tuple[int, FirmScore]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def medians(self) -> dict:
        return self.park.medians.get(self.score.peer_group, {}) if self.score else {}


def firm_assessment(enterprise, year, *, with_trend=True) -> FirmAssessment:
    """The firm's scores for `year` and, for the trend, for each of its last years with figures."""
    spec = spec_for(enterprise.park)
    years = firm_years(enterprise)
    trend_years = [y for y in years if y <= year][-TREND_YEARS:] if with_trend else []
    inputs = load_inputs(enterprise.park, [year, *trend_years])
    scores = {y: park_scores(enterprise.park, y, spec=spec, inputs=inputs[y]) for y in inputs}
    grades = per_mu_results(enterprise.park, year, spec=spec, inputs=inputs[year])
    trend = [(y, scores[y].get(enterprise.pk)) for y in trend_years if scores[y].get(enterprise.pk)]
    return FirmAssessment(enterprise, year, spec, scores[year].get(enterprise.pk), grades.get(enterprise.pk),
                          scores[year], trend, years)


def park_years(park) -> list[int]:
    """Years with figures for any operating firm of the park, ascending."""
    return list(AnnualIndicator.objects.filter(enterprise__park=park, enterprise__status=Status.ACTIVE)
                .order_by("year").values_list("year", flat=True).distinct())


@dataclass
class RankingRow:
    score: FirmScore
    per_mu: PerMuResult | None


def ranking(park, year, *, division: str = "", sort: str = "total") -> list[RankingRow]:
    """The park's firms for `year`, best first by `sort` (total or a dimension), optionally one division."""
    spec = spec_for(park)
    inputs = load_inputs(park, [year])[year]
    scores = park_scores(park, year, spec=spec, inputs=inputs)
    grades = per_mu_results(park, year, spec=spec, inputs=inputs)
    rows = [RankingRow(s, grades.get(s.enterprise_id)) for s in scores.firms.values()
            if not division or (s.industry or "").startswith(division)]
    rows.sort(key=lambda r: (_sort_value(r.score, sort) is None, -(_sort_value(r.score, sort) or 0),
                             r.score.name))
    return rows


def _sort_value(score: FirmScore, sort: str):
    if sort == "total":
        return score.total
    return score.dimension(sort).score


def division_choices(park) -> list[tuple[str, str]]:
    """The industry divisions (two-digit codes) of the park's firms, with their names."""
    from yuanqu.reference.models import IndustryCode

    codes = {c[:2] for c in Enterprise.objects.filter(park=park).values_list("industry_id", flat=True) if c}
    names = dict(IndustryCode.objects.filter(code__in=codes).values_list("code", "name"))
    return [(c, f"{c} {names.get(c, '')}".strip()) for c in sorted(codes)]
