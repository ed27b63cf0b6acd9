"""/api/v1/enterprises/{id}/facts/{year} and /api/v1/enterprises/{id}/assessments (mounted before the
enterprises router)."""

from dataclasses import asdict

from ninja import Router

from yuanqu.enterprises.queries import get_enterprise_for_user

from . import services
from .capability import api_entries
from .models_facts import FACT_NAMES
from .queries import check_year, get_facts, latest_year, tier_results
from .schemas import AssessmentRead, FactsRead, FactsWrite

router = Router(tags=["assessments"])


@router.get("/{int:ent_id}/facts/{int:year}", response=FactsRead)
def read_facts(request, ent_id: int, year: int):
    ent = get_enterprise_for_user(request.user, ent_id)
    check_year(year)
    row = get_facts(ent, year)
    return row or {"enterprise_id": ent.pk, "year": year, **dict.fromkeys(FACT_NAMES)}


@router.put("/{int:ent_id}/facts/{int:year}", response=FactsRead)
def put_facts(request, ent_id: int, year: int, payload: FactsWrite):
    ent = get_enterprise_for_user(request.user, ent_id, write=True)
    return services.record_facts(ent, year, payload.dict(), actor=request.user)


@router.get("/{int:ent_id}/assessments", response=list[AssessmentRead])
def assessments(request, ent_id: int, year: int | None = None):
    """One entry per tier and rule version for the 上年度 `year` (default: the newest with data)."""
    ent = get_enterprise_for_user(request.user, ent_id)
    year = check_year(year, location="query") if year is not None else latest_year(ent)
    return [asdict(r) for r in tier_results(ent, year)] + api_entries(ent, year)
