"""/api/v1/cultivation: the pool per tier and year, plans (CRUD), their actions and notes, recognitions
and the yearly figures. Thin handlers over cultivation_queries and the cultivation services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from yuanqu.accounts.models import User
from yuanqu.core.pagination import LimitOffset
from yuanqu.enterprises.queries import get_enterprise_for_user

from . import cultivation
from . import cultivation_queries as q
from .models_cultivation import PlanStatus, Tier
from .permissions import can_see_plans, can_see_pool
from .schemas_pool import (
    ActionCreate,
    ActionRead,
    ActionUpdate,
    NoteCreate,
    NoteRead,
    PlanClose,
    PlanCreate,
    PlanFilters,
    PlanList,
    PlanRead,
    PlanUpdate,
    PoolOut,
    PoolQuery,
    RecognitionCreate,
    RecognitionFilters,
    RecognitionRead,
    YearFigures,
)

router = Router(tags=["cultivation"])


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _query_error(field, message):
    exc = ValidationError({field: [message]})
    exc.location = "query"
    return exc


def _check_tier(value, field="tier", *, query=True):
    if value and value not in Tier.values:
        message = _("Unknown tier %(value)s (one of %(all)s).") % {
            "value": value, "all": ", ".join(Tier.values)}
        if query:
            raise _query_error(field, message)
        raise ValidationError({field: [message]})


def _entry(e) -> dict:
    r = e.result
    return {"enterprise_id": e.firm.id, "name": e.firm.name, "industry": e.firm.industry, "grid": e.firm.grid,
            "standing": e.standing, "rule_version": r.rule_version if r else None,
            "verified": r.verified if r else None, "eligible": r.eligible if r else None,
            "score": r.score if r else None, "threshold": r.threshold if r else None,
            "closeness": r.closeness if r else None, "gaps": list(r.gaps) if r else [],
            "missing": list(r.missing) if r else [], "plan_id": e.plan_id, "held": e.held}


@router.get("/pool", response=PoolOut)
def pool(request, params: Query[PoolQuery]):
    """Candidates per tier for the year's figures: eligible firms then close ones (by closeness), each
    with its gaps and missing data, recognised firms apart; `limit` rows per list."""
    _require(can_see_pool(request.user))
    _check_tier(params.tier)
    filters = q.PoolFilters(year=params.year or q.default_year(), tiers=(params.tier,) if params.tier else (),
                            industry=params.industry, grid_id=params.grid_id, park_id=params.park_id,
                            missing=params.missing, version=params.version)
    pools = q.pool_for_user(request.user, filters)
    return {"year": filters.year, "tiers": [
        {"tier": p.tier, "label": p.label, "rule_version": p.version, "rule_versions": p.versions,
         "counts": p.counts(), "candidates": [_entry(e) for e in p.candidates[:params.limit]],
         "recognised": [_entry(e) for e in p.recognised[:params.limit]]} for p in pools]}


# ---- plans -----------------------------------------------------------------------------------------


@router.get("/plans", response=list[PlanList])
@paginate(LimitOffset)
def plans(request, filters: Query[PlanFilters]):
    """Plans the user may see (the office: its park's; a grid worker: its grid's and its own; a firm:
    its own), newest first."""
    _require(can_see_plans(request.user))
    _check_tier(filters.tier)
    qs = q.list_plans(request.user)
    if filters.status:
        if filters.status not in PlanStatus.values:
            raise _query_error("status", _("Unknown status %(value)s.") % {"value": filters.status})
        qs = qs.filter(status=filters.status)
    for name in ("tier", "enterprise_id", "officer_id"):
        if getattr(filters, name):
            qs = qs.filter(**{name: getattr(filters, name)})
    if filters.overdue:
        qs = qs.filter(n_overdue__gt=0)
    return qs.order_by("-created_at", "-id")


def _officer(user_id):
    """The user named as officer (the plan's own check says whether they may be one)."""
    officer = User.objects.filter(pk=user_id).first()
    if officer is None:
        raise ValidationError({"officer_id": [_("No user with id %(value)s.") % {"value": user_id}]})
    return officer


@router.post("/plans", response={201: PlanRead})
def create_plan(request, payload: PlanCreate):
    _check_tier(payload.tier, query=False)
    firm = get_enterprise_for_user(request.user, payload.enterprise_id)
    plan = cultivation.create_plan(enterprise=firm, tier=payload.tier, officer=_officer(payload.officer_id),
                                   target_year=payload.target_year, goal=payload.goal, actor=request.user)
    return Status(201, q.get_plan_for_user(request.user, plan.pk))


@router.get("/plans/{int:plan_id}", response=PlanRead)
def read_plan(request, plan_id: int):
    return q.get_plan_for_user(request.user, plan_id)


@router.patch("/plans/{int:plan_id}", response=PlanRead)
def update_plan(request, plan_id: int, payload: PlanUpdate):
    plan = q.get_plan_for_user(request.user, plan_id)
    data = payload.dict(exclude_unset=True)
    if "officer_id" in data:
        data["officer"] = _officer(data.pop("officer_id"))
    cultivation.update_plan(plan, data, actor=request.user)
    return q.get_plan_for_user(request.user, plan_id)


@router.post("/plans/{int:plan_id}/close", response=PlanRead)
def close_plan(request, plan_id: int, payload: PlanClose):
    """End a plan without a recognition (409 if it is no longer in progress)."""
    cultivation.close_plan(q.get_plan_for_user(request.user, plan_id), reason=payload.reason,
                           actor=request.user)
    return q.get_plan_for_user(request.user, plan_id)


@router.delete("/plans/{int:plan_id}", response={204: None})
def delete_plan(request, plan_id: int):
    cultivation.delete_plan(q.get_plan_for_user(request.user, plan_id), actor=request.user)
    return Status(204, None)


@router.post("/plans/{int:plan_id}/actions", response={201: ActionRead})
def add_action(request, plan_id: int, payload: ActionCreate):
    plan = q.get_plan_for_user(request.user, plan_id, write=True)
    return Status(201, cultivation.add_action(plan, actor=request.user, **payload.dict()))


@router.patch("/plans/{int:plan_id}/actions/{int:action_id}", response=ActionRead)
def update_action(request, plan_id: int, action_id: int, payload: ActionUpdate):
    """Change an action; `status: done` stamps today's date, another status clears it."""
    plan = q.get_plan_for_user(request.user, plan_id, write=True)
    action = get_object_or_404(plan.actions, pk=action_id)
    return cultivation.update_action(action, payload.dict(exclude_unset=True), actor=request.user)


@router.post("/plans/{int:plan_id}/notes", response={201: NoteRead})
def add_note(request, plan_id: int, payload: NoteCreate):
    plan = q.get_plan_for_user(request.user, plan_id, write=True)
    return Status(201, cultivation.add_note(plan, text=payload.text, actor=request.user))


# ---- recognitions ----------------------------------------------------------------------------------


@router.get("/recognitions", response=list[RecognitionRead])
@paginate(LimitOffset)
def recognitions(request, filters: Query[RecognitionFilters]):
    _require(can_see_plans(request.user))
    _check_tier(filters.tier)
    qs = q.list_recognitions(request.user)
    for name in ("year", "tier", "enterprise_id"):
        if getattr(filters, name):
            qs = qs.filter(**{name: getattr(filters, name)})
    return qs.order_by("-recognised_on", "-id")


@router.post("/recognitions", response={201: RecognitionRead})
def record_recognition(request, payload: RecognitionCreate):
    """Record a recognition: closes the firm's plan for the tier and puts the title in the registry."""
    _check_tier(payload.tier, query=False)
    firm = get_enterprise_for_user(request.user, payload.enterprise_id)
    data = payload.dict(exclude={"enterprise_id"})
    return Status(201, cultivation.record_recognition(enterprise=firm, actor=request.user, **data))


@router.get("/figures", response=list[YearFigures])
def figures(request, first: int | None = None, last: int | None = None):
    """Per year from `first` to `last` (default: the last four years): new recognitions per tier and the
    firms holding each title on 31 December."""
    _require(can_see_pool(request.user))
    last = last or timezone.localdate().year
    first = first or last - 3
    if not (2000 <= first <= last <= 2100 and last - first < 30):
        raise _query_error("first", _("Choose years from 2000 to 2100, at most 30 of them, "
                                      "first before last."))
    return q.yearly_figures(request.user, range(first, last + 1))
