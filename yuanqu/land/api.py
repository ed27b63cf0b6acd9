"""/api/v1/land: plots, disposal plans and steps, land needs and their matches, the map, the yearly
figures, the plot import — thin handlers over queries and services."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from yuanqu.accounts.models import Park
from yuanqu.core.api_errors import query_error
from yuanqu.core.pagination import LimitOffset
from yuanqu.enterprises.models import Enterprise

from . import services
from .filters import PlotFilter
from .importing import import_plots
from .matching import match_need
from .models import DisposalPlan
from .permissions import can_edit_land, can_import_land, can_see_land
from .queries import (
    get_need_for_user,
    get_plan_for_user,
    get_plot_for_user,
    get_step_for_user,
    list_plots,
    map_features_json,
    visible_needs,
    visible_plans,
    yearly_figures,
)
from .schemas import (
    FiguresOut,
    ImportOut,
    MatchOut,
    NeedCreate,
    NeedRead,
    NeedUpdate,
    PlanComplete,
    PlanCreate,
    PlanRead,
    PlanUpdate,
    PlotCreate,
    PlotFilters,
    PlotList,
    PlotRead,
    PlotUpdate,
    StatusChange,
    StepDone,
    StepRead,
    StepUpdate,
    StepWrite,
)

router = Router(tags=["land"])
MAX_MATCHES = 100


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _park(request, park_id):
    """The park a new record goes to: the user's own, or the one a district user names."""
    user = request.user
    if not user.is_district:
        return user.park
    if park_id is None:
        raise ValidationError({"park_id": _("This field is required.")})
    return get_object_or_404(Park, pk=park_id)


def _pick(model, pk, field):
    """The `model` row `pk` (None stays None); a missing one is a 422 on `field`."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _("No such record.")})
    return found


# ---- plots -----------------------------------------------------------------------------------------

@router.get("/plots", response=list[PlotList])
@paginate(LimitOffset)
def plot_list(request, filters: Query[PlotFilters]):
    """Plots the user may see, filtered like the ledger page."""
    params = filters.dict(exclude_none=True)
    filterset = PlotFilter(params, queryset=list_plots(request.user), request=request)
    if not filterset.is_valid():
        raise query_error(filterset.form.errors)
    return filterset.qs.defer("geometry")


@router.post("/plots", response={201: PlotRead})
def plot_create(request, payload: PlotCreate):
    """A new plot; 422 for an invalid or self-intersecting shape, an area off the drawn one, an overlap."""
    data = payload.dict()
    park = _park(request, data.pop("park_id"))
    _require(can_edit_land(request.user, park))
    return Status(201, services.create_plot(park, actor=request.user, **data))


@router.get("/plots/{int:plot_id}", response=PlotRead)
def plot_read(request, plot_id: int):
    return get_plot_for_user(request.user, plot_id)


@router.patch("/plots/{int:plot_id}", response=PlotRead)
def plot_update(request, plot_id: int, payload: PlotUpdate):
    plot = get_plot_for_user(request.user, plot_id, write=True)
    return services.update_plot(plot, actor=request.user, **payload.dict(exclude_unset=True))


@router.delete("/plots/{int:plot_id}", response={204: None})
def plot_delete(request, plot_id: int):
    services.delete_plot(get_plot_for_user(request.user, plot_id, delete=True), actor=request.user)
    return Status(204, None)


@router.post("/plots/{int:plot_id}/status", response=PlotRead)
def plot_status(request, plot_id: int, payload: StatusChange):
    plot = get_plot_for_user(request.user, plot_id, write=True)
    return services.set_status(plot, payload.status, actor=request.user, note=payload.note)


@router.post("/plots/import", response={200: ImportOut, 422: ImportOut})
def plot_import(request, file: File[UploadedFile]):
    """Import plots (.xlsx, .csv, .geojson) into the user's park: all rows or none (422 with the errors)."""
    _require(can_import_land(request.user))
    result = import_plots(request.user.park, file, file.name or "", actor=request.user)
    return Status(200 if result.ok else 422, vars(result))


@router.get("/map", response=dict)
def map_data(request, color_by: str = "land", park: int | None = None):
    """The plots as a GeoJSON FeatureCollection coloured by land status (`color_by=land`) or project
    health (`project`); each feature's properties: id, code, name, status, status_label, color,
    area_mu, use_label, occupant, project_id, project_name, project_health, url."""
    _require(can_see_land(request.user))
    chosen = get_object_or_404(Park, pk=park) if park is not None else None
    text = map_features_json(request.user, color_by=color_by, park=chosen)
    return HttpResponse(text, content_type="application/json; charset=utf-8")


@router.get("/figures", response=FiguresOut)
def figures(request, year: int | None = None, park: int | None = None):
    """亩 revitalised and firms placed in a year, from the plans completed that year."""
    _require(can_see_land(request.user))
    chosen = get_object_or_404(Park, pk=park) if park is not None and request.user.is_district else \
        (None if request.user.is_district else request.user.park)
    result = yearly_figures(chosen, year or timezone.localdate().year)
    return {"year": result.year, "park_id": chosen.pk if chosen else None, "plots_revitalised": result.plots,
            "mu_revitalised": result.mu_revitalised, "firms_placed": result.firms_placed,
            "plan_ids": [p.pk for p in result.plans]}


# ---- plans and steps -------------------------------------------------------------------------------

def _plan(plan):
    """The plan as the API shows it, with its steps (read again after a write)."""
    return DisposalPlan.objects.select_related("plot").prefetch_related("steps").get(pk=plan.pk)


@router.get("/plans", response=list[PlanRead])
@paginate(LimitOffset)
def plan_list(request, status: str | None = None):
    qs = visible_plans(request.user).select_related("plot").prefetch_related("steps").order_by("plot__code")
    return qs.filter(status=status) if status else qs


@router.post("/plots/{int:plot_id}/plan", response={201: PlanRead})
def plan_create(request, plot_id: int, payload: PlanCreate):
    """一地一策: 409 when the plot already has a plan or is not idle, low-efficiency or being revitalised."""
    plot = get_plot_for_user(request.user, plot_id, write=True)
    data = payload.dict()
    data["owner"] = _pick(get_user_model(), data.pop("owner_id"), "owner_id")
    return Status(201, _plan(services.create_plan(plot, actor=request.user, **data)))


@router.get("/plans/{int:plan_id}", response=PlanRead)
def plan_read(request, plan_id: int):
    return _plan(get_plan_for_user(request.user, plan_id))


@router.patch("/plans/{int:plan_id}", response=PlanRead)
def plan_update(request, plan_id: int, payload: PlanUpdate):
    plan = get_plan_for_user(request.user, plan_id, write=True)
    data = payload.dict(exclude_unset=True)
    if "owner_id" in data:
        data["owner"] = _pick(get_user_model(), data.pop("owner_id"), "owner_id")
    return _plan(services.update_plan(plan, actor=request.user, **data))


@router.post("/plans/{int:plan_id}/complete", response=PlanRead)
def plan_complete(request, plan_id: int, payload: PlanComplete):
    """Finish the plan: firm placed, 亩 revitalised, date; 409 while steps are open."""
    plan = get_plan_for_user(request.user, plan_id, write=True)
    firm = _pick(Enterprise, payload.placed_enterprise_id, "placed_enterprise_id")
    done = services.complete_plan(plan, actor=request.user, placed_enterprise=firm,
                                  revitalised_mu=payload.revitalised_mu, completed_on=payload.completed_on)
    return _plan(done)


@router.post("/plans/{int:plan_id}/steps", response={201: StepRead})
def step_create(request, plan_id: int, payload: StepWrite):
    plan = get_plan_for_user(request.user, plan_id, write=True)
    data = payload.dict()
    data["owner"] = _pick(get_user_model(), data.pop("owner_id"), "owner_id")
    return Status(201, services.add_step(plan, actor=request.user, **data))


@router.patch("/steps/{int:step_id}", response=StepRead)
def step_update(request, step_id: int, payload: StepUpdate):
    step = get_step_for_user(request.user, step_id, write=True)
    data = payload.dict(exclude_unset=True)
    if "owner_id" in data:
        data["owner"] = _pick(get_user_model(), data.pop("owner_id"), "owner_id")
    return services.update_step(step, actor=request.user, **data)


@router.post("/steps/{int:step_id}/done", response=StepRead)
def step_done(request, step_id: int, payload: StepDone):
    step = get_step_for_user(request.user, step_id, write=True)
    return services.complete_step(step, actor=request.user, done_on=payload.done_on)


@router.delete("/steps/{int:step_id}", response={204: None})
def step_delete(request, step_id: int):
    services.delete_step(get_step_for_user(request.user, step_id, write=True), actor=request.user)
    return Status(204, None)


# ---- land needs ------------------------------------------------------------------------------------

@router.get("/needs", response=list[NeedRead])
@paginate(LimitOffset)
def need_list(request, open_only: bool = False):
    qs = visible_needs(request.user).order_by("-created_at", "-id")
    return qs.filter(is_open=True) if open_only else qs


@router.post("/needs", response={201: NeedRead})
def need_create(request, payload: NeedCreate):
    data = payload.dict()
    park = _park(request, data.pop("park_id"))
    _require(can_edit_land(request.user, park))
    return Status(201, services.create_need(park, actor=request.user, **data))


@router.get("/needs/{int:need_id}", response=NeedRead)
def need_read(request, need_id: int):
    return get_need_for_user(request.user, need_id)


@router.patch("/needs/{int:need_id}", response=NeedRead)
def need_update(request, need_id: int, payload: NeedUpdate):
    need = get_need_for_user(request.user, need_id, write=True)
    return services.update_need(need, actor=request.user, **payload.dict(exclude_unset=True))


@router.get("/needs/{int:need_id}/matches", response=list[MatchOut])
def need_matches(request, need_id: int, limit: int = 20):
    """The park's available plots ranked for the need, each with a 0–100 score and Chinese reasons."""
    need = get_need_for_user(request.user, need_id)
    _require(can_see_land(request.user))
    if not 1 <= limit <= MAX_MATCHES:
        raise query_error({"limit": [_("Must be between 1 and %(n)s.") % {"n": MAX_MATCHES}]})
    return [{"plot_id": m.plot.pk, "code": m.plot.code, "name": m.plot.name, "area_mu": m.plot.area_mu,
             "status": m.plot.status, "score": m.score, "reasons": [vars(r) for r in m.reasons]}
            for m in match_need(need, today=timezone.localdate(), limit=limit)]
