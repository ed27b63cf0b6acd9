"""/api/v1/assessments: the six-capability indicator system (administrators), AHP weights, the park
ranking and the per-mu grades. Thin: parse → access → query/service → schema."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from yuanqu.accounts.models import Park
from yuanqu.core.pagination import LimitOffset

from . import capability_services as services
from .capability.defaults import default_spec
from .capability.spec import DIMENSIONS
from .capability_queries import park_years, per_mu_results, ranking, spec_for, stored_system, to_spec
from .models_capability import Direction, Normalisation, Unit
from .permissions import can_configure_capability, can_see_capability_config, can_see_capability_ranking

router = Router(tags=["assessments"])


class IndicatorIO(Schema):
    code: str = Field(..., max_length=40)
    name: str = Field(..., max_length=50)
    dimension: str = Field(...,
                           description="profitability | development | investment | innovation | growth | "
                                            "responsibility")
    formula: str = Field(..., max_length=300)
    direction: Direction = Direction.HIGHER
    weight: float = Field(..., ge=0, le=1, description="weight within its dimension")
    unit: Unit = Unit.PLAIN


class SystemRead(Schema):
    name: str
    version: int
    rule_version: str
    park: str | None
    normalisation: str
    peer_min_size: int
    dimension_weights: dict[str, float]
    per_mu_weights: dict[str, float]
    grade_shares: dict[str, float]
    indicators: list[IndicatorIO]


class SystemUpdate(Schema):
    name: str = Field(..., max_length=100)
    normalisation: Normalisation = Normalisation.MINMAX
    peer_min_size: int = Field(5, ge=2, le=1000)
    dimension_weights: dict[str, float]
    per_mu_weights: dict[str, float]
    grade_shares: dict[str, float]
    indicators: list[IndicatorIO] = Field(..., max_length=100)


class AhpIn(Schema):
    matrix: list[list[float | str]] = Field(...,
                                            description='pairwise comparisons, e.g. [[1, 3], ["1/3", 1]]')


class AhpOut(Schema):
    weights: list[float]
    lambda_max: float
    ci: float
    cr: float


class RankingOut(Schema):
    rank: int | None
    enterprise_id: int
    name: str
    industry: str | None
    peer_group: str
    total: float | None
    dimensions: dict[str, float | None]
    per_mu_score: float | None
    per_mu_grade: str | None


class PerMuOut(Schema):
    enterprise_id: int
    year: int
    score: float | None
    grade: str | None
    low_efficiency: bool
    rank: int | None
    metrics: dict[str, float | None]


def _r(value, places=2):
    return None if value is None else round(value, places)


def _query_error(exc: ValidationError):
    exc.location = "query"
    return exc


def _park_by_code(user, code: str):
    """The user's park; the district names one with ?park=<code> (none: the default system)."""
    if user.park_id:
        return user.park
    if not code:
        return None
    park = Park.objects.filter(code=code).first()
    if park is None:
        raise Http404
    return park


def _spec_out(spec) -> dict:
    return {"name": spec.name, "version": spec.version, "rule_version": spec.rule_version,
            "park": spec.park_code or None, "normalisation": spec.normalisation,
            "peer_min_size": spec.peer_min_size,
            "dimension_weights": spec.dimension_weights, "per_mu_weights": spec.per_mu_weights,
            "grade_shares": spec.grade_shares,
            "indicators": [{"code": i.code, "name": i.name, "dimension": i.dimension, "formula": i.formula,
                            "direction": Direction.HIGHER if i.higher_is_better else Direction.LOWER,
                            "weight": i.weight, "unit": i.unit} for i in spec.indicators]}


@router.get("/system", response=SystemRead)
def read_system(request, park: str = ""):
    """The indicator system a park is scored with (its own or the default), for administrators."""
    if not can_see_capability_config(request.user):
        raise PermissionDenied
    target = _park_by_code(request.user, park)
    system = stored_system(target)
    return _spec_out(to_spec(system) if system else default_spec())


@router.put("/system", response=SystemRead)
def replace_system(request, data: SystemUpdate, park: str = ""):
    """Replace the whole system; 422 naming the level whose weights do not sum to 1, a bad formula …"""
    target = _park_by_code(request.user, park)
    if not can_configure_capability(request.user, target):
        raise PermissionDenied
    unknown = set(i.dimension for i in data.indicators) - set(DIMENSIONS)
    if unknown:
        message = _("Unknown dimension: %(codes)s.") % {"codes": "、".join(sorted(unknown))}
        raise ValidationError({"indicators": message})
    payload = data.dict()
    indicators = payload.pop("indicators")
    system = services.replace_system(target, actor=request.user, indicators=indicators, **payload)
    return _spec_out(to_spec(system))


@router.post("/ahp", response=AhpOut)
def ahp(request, data: AhpIn):
    """AHP weights of a pairwise comparison matrix (principal eigenvector); 422 with the CR when CR ≥ 0.1."""
    if not can_see_capability_config(request.user):
        raise PermissionDenied
    result = services.ahp_result(data.matrix)
    return {"weights": [round(w, 6) for w in result.weights], "lambda_max": round(result.lambda_max, 6),
            "ci": round(result.ci, 6), "cr": round(result.cr, 6)}


def _ranking_park(request, park):
    if not can_see_capability_ranking(request.user):
        raise PermissionDenied
    target = _park_by_code(request.user, park)
    if target is None:
        raise _query_error(ValidationError({"park": _("Name the park by its code (park).")}))
    return target


def _year(target, year):
    if year is None:
        years = park_years(target)
        if not years:
            message = _("No firm of this park has annual indicators yet.")
            raise _query_error(ValidationError({"year": message}))
        return years[-1]
    return year


@router.get("/ranking", response=list[RankingOut])
@paginate(LimitOffset)
def ranking_list(request, year: int | None = None, division: str = "", sort: str = "total", park: str = ""):
    """The park's firms by six-capability total (or `sort` = a dimension code), best first."""
    target = _ranking_park(request, park)
    if sort not in ("total", *DIMENSIONS):
        message = _("Rank by total or by one of the six dimension codes.")
        raise _query_error(ValidationError({"sort": message}))
    rows = ranking(target, _year(target, year), division=division, sort=sort)
    return [{"rank": r.score.rank, "enterprise_id": r.score.enterprise_id, "name": r.score.name,
             "industry": r.score.industry, "peer_group": r.score.peer_group, "total": _r(r.score.total),
             "dimensions": {d.code: _r(d.score) for d in r.score.dimensions},
             "per_mu_score": _r(r.per_mu.score) if r.per_mu else None,
             "per_mu_grade": r.per_mu.grade if r.per_mu else None} for r in rows]


@router.get("/per-mu", response=list[PerMuOut])
@paginate(LimitOffset)
def per_mu_list(request, year: int | None = None, park: str = ""):
    """Per-mu grades of the park's firms (A–D; D is flagged low efficiency), best first."""
    target = _ranking_park(request, park)
    year = _year(target, year)
    results = per_mu_results(target, year, spec=spec_for(target))
    ordered = sorted(results.values(), key=lambda r: (r.rank is None, r.rank or 0, r.enterprise_id))
    return [{"enterprise_id": r.enterprise_id, "year": r.year, "score": _r(r.score), "grade": r.grade,
             "low_efficiency": r.low_efficiency, "rank": r.rank,
             "metrics": {k: _r(v, 4) for k, v in r.metrics.items()}} for r in ordered]
