"""Write side of land: plots, their status and low-efficiency flags, disposal plans and their steps,
land needs. Every verb is atomic, checks the permission predicates, runs `full_clean()` and writes
an audit row.

Geometry rules (see geometry.py): the GeoJSON is checked and stored normalised, the bounding-box
columns follow it, a recorded area must agree with the drawn one within `LAND_AREA_TOLERANCE`
(left blank, the drawn area is taken), and a plot may not overlap another plot of its park. The
overlap check locks the park row first, so two concurrent writes of one park take turns (on
PostgreSQL; SQLite serialises writers anyway).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.accounts.models import Park
from yuanqu.accounts.permissions import in_park, is_office
from yuanqu.core.audit import build_event, diff, record, snapshot
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction, AuditEvent
from yuanqu.enterprises.models import AnnualIndicator, Enterprise

from . import geometry
from .efficiency import assess
from .models import (
    INFRASTRUCTURE,
    DisposalPlan,
    LandNeed,
    LandThresholds,
    PlanStatus,
    PlanStep,
    Plot,
    PlotStatus,
)
from .permissions import can_delete_plot, can_edit_land

PLOT_FIELDS = ["code", "name", "geometry", "area_mu", "use", "status", "occupant", "owner_name",
               *INFRASTRUCTURE, "plot_ratio_min", "plot_ratio_max", "height_limit_m", "price_per_mu",
               "available_on", "note"]
PLAN_FIELDS = ["method", "status", "goal", "owner", "deadline", "placed_enterprise", "revitalised_mu",
               "completed_on"]
STEP_FIELDS = ["order", "title", "owner", "deadline", "done_on"]
NEED_FIELDS = ["enterprise", "title", "min_area_mu", "max_area_mu", "use", "needs_road", "needs_water",
               "needs_power", "needs_gas", "needs_drainage", "needs_telecom", "needs_heat", "budget",
               "needed_by", "min_plot_ratio", "description", "is_open"]
FLAG_FIELDS = ["flagged_low_efficiency", "flag_reason", "flagged_on"]
PLANNABLE = {PlotStatus.IDLE, PlotStatus.LOW_EFFICIENCY, PlotStatus.REVITALISING}
OPEN_PLAN = {PlanStatus.DRAFT, PlanStatus.ACTIVE}
ASSESSED_STATUSES = {PlotStatus.IN_USE, PlotStatus.LOW_EFFICIENCY}  # occupied plots the flags look at


def _require(allowed: bool):
    """Services check the permission predicates themselves, so no caller can forget."""
    if not allowed:
        raise PermissionDenied


def _editable(fields: dict, allowed: list[str]) -> dict:
    """`fields` keyed by attribute (occupant and occupant_id both accepted); unknown names refused."""
    names = set(allowed) | {f"{n}_id" for n in allowed}
    unknown = sorted(set(fields) - names)
    if unknown:
        raise TypeError(f"not editable here: {', '.join(unknown)}")
    return fields


def _assign(obj, fields: dict):
    for key, value in fields.items():
        setattr(obj, key, value)


def _clean(obj, extra_errors=None, drop=()):
    """full_clean(); `extra_errors` (field → message) win over the model's for the same field."""
    errors = {}
    try:
        obj.full_clean()
    except ValidationError as exc:
        errors = {k: v for k, v in exc.message_dict.items() if k not in drop}
    errors.update({k: [v] for k, v in (extra_errors or {}).items()})
    if errors:
        raise ValidationError(errors)


def area_tolerance() -> dict:
    """{"ratio": 0.02, "mu": 0.1} unless settings.LAND_AREA_TOLERANCE says otherwise."""
    return {**geometry.DEFAULT_TOLERANCE, **getattr(settings, "LAND_AREA_TOLERANCE", {})}


# ---- plots -----------------------------------------------------------------------------------------

def lock_park(park_id):
    """Plot writes of one park take turns: overlap checks see each other's plots."""
    Park.objects.select_for_update().filter(pk=park_id).first()


def _apply_geometry(plot, fields: dict) -> tuple[dict, object]:
    """Parse the new or stored geometry onto `plot`; ({field: error}, shapely shape or None)."""
    raw = fields.get("geometry", plot.geometry)
    try:
        shape = geometry.parse(raw)
    except geometry.GeometryError as exc:
        return {"geometry": str(exc)}, None
    plot.geometry = shape.geojson
    plot.min_lon, plot.min_lat, plot.max_lon, plot.max_lat = shape.bbox
    if fields.get("area_mu") in (None, "") and ("geometry" in fields or plot.area_mu is None):
        plot.area_mu = shape.area_mu
        return {}, shape.shape
    try:
        geometry.check_area(plot.area_mu, shape.area_mu, area_tolerance())
    except geometry.GeometryError as exc:
        return {"area_mu": str(exc)}, shape.shape
    return {}, shape.shape


def neighbours(park_id, bbox, exclude_pk=None):
    """Plots of the park whose bounding box meets `bbox` (min_lon, min_lat, max_lon, max_lat)."""
    min_lon, min_lat, max_lon, max_lat = bbox
    return (Plot.objects.filter(park_id=park_id, min_lon__lte=max_lon, max_lon__gte=min_lon,
                                min_lat__lte=max_lat, max_lat__gte=min_lat)
            .exclude(pk=exclude_pk).only("code", "geometry"))


def overlap_error(plot, shape) -> str | None:
    """The Chinese reason when `shape` overlaps another plot of the park, else None."""
    others = [(p.code, geometry.parse(p.geometry).shape)
              for p in neighbours(plot.park_id, shape.bounds, plot.pk)]
    found = geometry.overlaps(shape, others)
    return geometry.overlap_message(found) if found else None


def _save_plot(plot, fields, *, actor, before):
    errors, shape = _apply_geometry(plot, fields)
    missing_area = {"area_mu"} if "geometry" in errors and plot.area_mu is None else set()
    _clean(plot, errors, drop=missing_area)
    lock_park(plot.park_id)
    problem = overlap_error(plot, shape)
    if problem:
        raise ValidationError({"geometry": problem})
    plot.save()
    action = AuditAction.UPDATE if before else AuditAction.CREATE
    changes = diff(before, snapshot(plot, PLOT_FIELDS))
    if changes or not before:
        record(actor, action, plot, entity=_("Plot"), changes=changes)
    return plot


@transaction.atomic
def create_plot(park, *, actor, **fields) -> Plot:
    """A new plot of `park`; `area_mu` left out or blank: the area of the geometry."""
    _require(can_edit_land(actor, park))
    fields = _editable(fields, PLOT_FIELDS)
    plot = Plot(park=park)
    area = fields.pop("area_mu", None)
    _assign(plot, {k: v for k, v in fields.items() if k != "geometry"})
    plot.area_mu = area if area not in ("",) else None
    return _save_plot(plot, {**fields, "area_mu": area}, actor=actor, before={})


@transaction.atomic
def update_plot(plot, *, actor, **fields) -> Plot:
    """Change a plot (the saved row is returned); a new geometry is checked again (validity, area,
    overlaps) and, without an `area_mu`, gives the plot its drawn area."""
    stored = Plot.objects.select_for_update().get(pk=plot.pk)
    _require(can_edit_land(actor, stored.park))
    fields = _editable(fields, PLOT_FIELDS)
    before = snapshot(stored, PLOT_FIELDS)
    _assign(stored, {k: v for k, v in fields.items() if k not in ("geometry", "area_mu")})
    if fields.get("area_mu") not in (None, ""):
        stored.area_mu = fields["area_mu"]
    return _save_plot(stored, fields, actor=actor, before=before)


@transaction.atomic
def delete_plot(plot, *, actor) -> None:
    """Delete a plot; refused while key projects point at it or a finished plan counts in the figures."""
    _require(can_delete_plot(actor, plot))
    projects = list(plot.projects.values_list("name", flat=True)[:5])
    if projects:
        raise Conflict(_("Plot %(plot)s is the site of the key project %(projects)s; it cannot be "
                         "deleted.") % {"plot": plot.code, "projects": "、".join(projects)})
    if DisposalPlan.objects.filter(plot=plot, status=PlanStatus.DONE).exists():
        raise Conflict(_("Plot %(plot)s has a finished disposal plan (counted in the yearly figures); "
                         "it cannot be deleted.") % {"plot": plot.code})
    record(actor, AuditAction.DELETE, plot, entity=_("Plot"), changes=diff(snapshot(plot, PLOT_FIELDS), {}))
    plot.delete()


@transaction.atomic
def set_status(plot, status, *, actor, note="") -> Plot:
    """Change only the plot's land status (在用/闲置/低效/盘活中/已盘活/储备)."""
    _require(can_edit_land(actor, plot.park))
    if status not in PlotStatus.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": str(status)[:30]}})
    old = Plot.objects.select_for_update().values_list("status", flat=True).get(pk=plot.pk)
    if old != status:
        plot.status = status
        plot.save(update_fields=["status", "updated_at"])
        record(actor, AuditAction.TRANSITION, plot, entity=_("Plot"), changes={"status": [old, status]},
               note=note)
    return plot


# ---- low-efficiency flags --------------------------------------------------------------------------

@dataclass
class FlagSummary:
    """What one `flag_low_efficiency` run found."""

    year: int
    assessed: int = 0
    flagged: int = 0
    not_assessed: int = 0
    changed: int = 0


def thresholds_for(park) -> LandThresholds:
    """The park's per-亩 thresholds, created with the defaults when missing."""
    return LandThresholds.objects.get_or_create(park=park)[0]


def _firm_areas(plots) -> dict:
    areas = {}
    for plot in plots:
        areas[plot.occupant_id] = areas.get(plot.occupant_id, 0) + plot.area_mu
    return areas


def _assess_plot(plot, ind, firm_area, year, limits):
    """The plot's flag from its occupant's indicators: the firm's declared land area when it
    reported one, else the area of all its plots in the park."""
    area = ind.land_area_mu if ind is not None and ind.land_area_mu else firm_area
    result = assess(year=year, tax=ind.tax_paid if ind else None, revenue=ind.revenue if ind else None,
                    area_mu=area, min_tax=limits.min_tax_per_mu, min_revenue=limits.min_revenue_per_mu)
    reason = result.reason if not result.assessed else \
        _("%(year)s: %(reason)s") % {"year": year, "reason": result.reason}
    return result, reason[:300]


def _with_grade(result, reason: str, grade_reason: str | None) -> tuple[bool, str]:
    """The threshold verdict, flagged as well when the per-亩 evaluation graded the firm low."""
    if not grade_reason:
        return result.flagged, reason
    if result.flagged:
        return True, f"{reason}；{grade_reason}"[:300]
    return True, grade_reason[:300]


def _flag_values(plot, flagged: bool, reason: str, today) -> dict | None:
    """Set the flag columns; their old values when any changed, else None."""
    before = snapshot(plot, FLAG_FIELDS)
    plot.flagged_low_efficiency, plot.flag_reason = flagged, reason
    plot.flagged_on = (plot.flagged_on or today) if flagged else None
    return before if snapshot(plot, FLAG_FIELDS) != before else None


@transaction.atomic
def flag_low_efficiency(park, year: int, *, actor=None, today=None, grades=None) -> FlagSummary:
    """Flag the park's occupied plots whose firm's tax or revenue per 亩 in `year` is below the
    park's thresholds; clear the flag elsewhere. Idempotent (the command runs it yearly).

    `grades` ({enterprise id: reason}) comes from the per-亩 evaluation of the assessments app
    (grade D): those firms' plots are flagged too, with that reason, even when they meet the
    thresholds (land cannot import assessments, so the caller passes the grades in)."""
    if actor is not None:
        _require(can_edit_land(actor, park))
    today, limits, summary = today or timezone.localdate(), thresholds_for(park), FlagSummary(year)
    plots = list(Plot.objects.select_for_update().filter(park=park).order_by("pk"))
    occupied = [p for p in plots if p.occupant_id and p.status in ASSESSED_STATUSES]
    indicators = {i.enterprise_id: i for i in AnnualIndicator.objects.filter(
        enterprise_id__in={p.occupant_id for p in occupied}, year=year)}
    areas, changed, assessed_ids = _firm_areas(occupied), [], {p.pk for p in occupied}
    for plot in plots:
        if plot.pk in assessed_ids:
            result, reason = _assess_plot(plot, indicators.get(plot.occupant_id),
                                          areas[plot.occupant_id], year, limits)
            flagged, reason = _with_grade(result, reason, (grades or {}).get(plot.occupant_id))
            summary.assessed += result.assessed
            summary.not_assessed += not result.assessed
            summary.flagged += flagged
        else:
            flagged, reason = False, ""
        before = _flag_values(plot, flagged, reason, today)
        if before is not None:
            changed.append((plot, before))
    _write_flags(changed, actor)
    summary.changed = len(changed)
    return summary


def _write_flags(changed, actor):
    Plot.objects.bulk_update([p for p, _old in changed], FLAG_FIELDS, batch_size=500)
    events = [build_event(actor, AuditAction.UPDATE, plot, entity=_("Low-efficiency flag"),
                          changes=diff(before, snapshot(plot, FLAG_FIELDS))) for plot, before in changed]
    AuditEvent.objects.bulk_create(events, batch_size=500)


# ---- disposal plans (一地一策) ------------------------------------------------------------------------

def _check_owner(owner, park_id, field="owner") -> dict:
    if owner is None or (is_office(owner) and in_park(owner, park_id)):
        return {}
    return {field: _("The responsible official must work for this park.")}


def _check_firm(firm, park_id, field) -> dict:
    if firm is None or firm.park_id == park_id:
        return {}
    return {field: _("The firm must belong to this park.")}


def _plan_editable(plan):
    if plan.status in (PlanStatus.DONE, PlanStatus.CANCELLED):
        raise Conflict(_("The plan is %(status)s and can no longer be changed.")
                       % {"status": plan.get_status_display()})


def _plot_revitalising(plan, actor):
    """An active plan puts its plot into 盘活中."""
    plot = plan.plot
    if plan.status == PlanStatus.ACTIVE and plot.status != PlotStatus.REVITALISING:
        record(actor, AuditAction.TRANSITION, plot, entity=_("Plot"),
               changes={"status": [plot.status, PlotStatus.REVITALISING]}, note=_("Disposal plan started"))
        plot.status = PlotStatus.REVITALISING
        plot.save(update_fields=["status", "updated_at"])


def _resolve(fields, name, model):
    """The object behind `name` or `name_id` in `fields` (None when neither or None is given)."""
    if name in fields:
        return fields[name]
    pk = fields.get(f"{name}_id")
    return model.objects.filter(pk=pk).first() if pk else None


@transaction.atomic
def create_plan(plot, *, actor, **fields) -> DisposalPlan:
    """一地一策: the one disposal plan of an idle, low-efficiency or being-revitalised plot."""
    _require(can_edit_land(actor, plot.park))
    fields = _editable(fields, ["method", "status", "goal", "owner", "deadline"])
    stored = Plot.objects.select_for_update().get(pk=plot.pk)
    if stored.status not in PLANNABLE:
        raise Conflict(_("Only idle, low-efficiency or being-revitalised plots get a disposal plan; plot "
                         "%(plot)s is %(status)s.") % {"plot": stored.code,
                                                       "status": stored.get_status_display()})
    if DisposalPlan.objects.filter(plot=stored).exists():
        raise Conflict(_("One plot, one plan: plot %(plot)s already has a disposal plan.")
                       % {"plot": stored.code})
    plan = DisposalPlan(plot=stored)
    _assign(plan, fields)
    if plan.status not in OPEN_PLAN:
        raise ValidationError({"status": _("A new plan is a draft or in progress.")})
    _clean(plan, _check_owner(_resolve(fields, "owner", get_user_model()), stored.park_id))
    plan.save()
    record(actor, AuditAction.CREATE, plan, entity=_("Disposal plan"),
           changes=diff({}, snapshot(plan, PLAN_FIELDS)))
    _plot_revitalising(plan, actor)
    return plan


@transaction.atomic
def update_plan(plan, *, actor, **fields) -> DisposalPlan:
    """Change an open plan (method, goal, owner, deadline; status draft, in progress or cancelled)."""
    stored = DisposalPlan.objects.select_for_update().select_related("plot__park").get(pk=plan.pk)
    _require(can_edit_land(actor, stored.plot.park))
    fields = _editable(fields, ["method", "status", "goal", "owner", "deadline"])
    _plan_editable(stored)
    if fields.get("status") == PlanStatus.DONE:
        raise ValidationError({"status": _("Finish a plan with “complete”: it records the firm placed and "
                                           "the area revitalised.")})
    before = snapshot(stored, PLAN_FIELDS)
    _assign(stored, fields)
    _clean(stored, _check_owner(_resolve(fields, "owner", get_user_model()), stored.plot.park_id)
           if "owner" in fields or "owner_id" in fields else None)
    stored.save()
    record(actor, AuditAction.UPDATE, stored, entity=_("Disposal plan"),
           changes=diff(before, snapshot(stored, PLAN_FIELDS)))
    _plot_revitalising(stored, actor)
    return stored


def _check_completion(plan, revitalised_mu, completed_on) -> dict:
    errors = {}
    if revitalised_mu is not None and not 0 < revitalised_mu <= plan.plot.area_mu:
        errors["revitalised_mu"] = _("Must be more than 0 and at most the plot's area (%(area)s mu).") % {
            "area": plan.plot.area_mu}
    if completed_on > timezone.localdate():
        errors["completed_on"] = _("Cannot be in the future.")
    return errors


@transaction.atomic
def complete_plan(plan, *, actor, placed_enterprise=None, revitalised_mu=None, completed_on=None) \
        -> DisposalPlan:
    """Finish a plan: the firm placed, the 亩 revitalised (default: the whole plot) and the date
    (default: today) are recorded; the plot becomes 已盘活 and is occupied by the firm placed."""
    stored = DisposalPlan.objects.select_for_update().select_related("plot__park").get(pk=plan.pk)
    _require(can_edit_land(actor, stored.plot.park))
    _plan_editable(stored)
    open_steps = list(stored.steps.filter(done_on=None).values_list("title", flat=True)[:5])
    if open_steps:
        raise Conflict(_("Steps not done yet: %(steps)s.") % {"steps": "、".join(open_steps)})
    completed_on = completed_on or timezone.localdate()
    errors = {**_check_completion(stored, revitalised_mu, completed_on),
              **_check_firm(placed_enterprise, stored.plot.park_id, "placed_enterprise")}
    if errors:
        raise ValidationError(errors)
    before = snapshot(stored, PLAN_FIELDS)
    _assign(stored, {"status": PlanStatus.DONE, "placed_enterprise": placed_enterprise,
                     "revitalised_mu": revitalised_mu or stored.plot.area_mu, "completed_on": completed_on})
    _clean(stored)
    stored.save()
    record(actor, AuditAction.TRANSITION, stored, entity=_("Disposal plan"),
           changes=diff(before, snapshot(stored, PLAN_FIELDS)))
    _plot_revitalised(stored.plot, placed_enterprise, actor)
    return stored


def _plot_revitalised(plot, firm, actor):
    before = snapshot(plot, ["status", "occupant", *FLAG_FIELDS])
    plot.status = PlotStatus.REVITALISED
    plot.occupant = firm or plot.occupant
    plot.flagged_low_efficiency, plot.flag_reason, plot.flagged_on = False, "", None
    plot.save(update_fields=["status", "occupant", *FLAG_FIELDS, "updated_at"])
    record(actor, AuditAction.TRANSITION, plot, entity=_("Plot"),
           changes=diff(before, snapshot(plot, ["status", "occupant", *FLAG_FIELDS])),
           note=_("Disposal plan completed"))


def _audit_step(actor, plan, before, step):
    """Steps are audited on their plan (the plan's history shows them)."""
    after = snapshot(step, STEP_FIELDS) if step is not None else {}
    record(actor, AuditAction.UPDATE, plan, entity=_("Plan step"), changes=diff(before, after),
           note=(step.title if step else before.get("title", ""))[:200])


def _step_plan(step_or_plan):
    plan = getattr(step_or_plan, "plan", step_or_plan)
    return DisposalPlan.objects.select_for_update().select_related("plot__park").get(pk=plan.pk)


@transaction.atomic
def add_step(plan, *, actor, title, owner=None, deadline=None, order=None) -> PlanStep:
    """A step of an open plan, with its owner and deadline (appended unless `order` says where)."""
    stored = _step_plan(plan)
    _require(can_edit_land(actor, stored.plot.park))
    _plan_editable(stored)
    if order is None:
        order = (max(stored.steps.values_list("order", flat=True), default=0) or 0) + 1
    step = PlanStep(plan=stored, title=title, owner=owner, deadline=deadline, order=order)
    _clean(step, _check_owner(owner, stored.plot.park_id))
    step.save()
    _audit_step(actor, stored, {}, step)
    return step


@transaction.atomic
def update_step(step, *, actor, **fields) -> PlanStep:
    """Change a step's title, owner, deadline or order."""
    stored = _step_plan(step)
    _require(can_edit_land(actor, stored.plot.park))
    _plan_editable(stored)
    fields = _editable(fields, ["title", "owner", "deadline", "order"])
    step = PlanStep.objects.get(pk=step.pk)
    before = snapshot(step, STEP_FIELDS)
    _assign(step, fields)
    _clean(step, _check_owner(_resolve(fields, "owner", get_user_model()), stored.plot.park_id))
    step.save()
    _audit_step(actor, stored, before, step)
    return step


@transaction.atomic
def complete_step(step, *, actor, done_on=None) -> PlanStep:
    """Mark a step done (today unless `done_on` says when; not in the future)."""
    stored = _step_plan(step)
    _require(can_edit_land(actor, stored.plot.park))
    _plan_editable(stored)
    step = PlanStep.objects.get(pk=step.pk)
    if step.done_on is not None:
        raise Conflict(_("The step “%(step)s” is already done.") % {"step": step.title})
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Cannot be in the future.")})
    step.done_on = done_on
    step.save(update_fields=["done_on"])
    record(actor, AuditAction.UPDATE, stored, entity=_("Plan step"),
           changes={"done_on": [None, done_on.isoformat()]}, note=step.title[:200])
    return step


@transaction.atomic
def delete_step(step, *, actor) -> None:
    stored = _step_plan(step)
    _require(can_edit_land(actor, stored.plot.park))
    _plan_editable(stored)
    _audit_step(actor, stored, snapshot(step, STEP_FIELDS), None)
    step.delete()


# ---- land needs ------------------------------------------------------------------------------------

def _save_need(need, fields, *, actor, before):
    _assign(need, fields)
    _clean(need, _check_firm(_resolve(fields, "enterprise", Enterprise),
                             need.park_id, "enterprise"))
    need.save()
    changes = diff(before, snapshot(need, NEED_FIELDS))
    record(actor, AuditAction.UPDATE if before else AuditAction.CREATE, need, entity=_("Land need"),
           changes=changes)
    return need


@transaction.atomic
def create_need(park, *, actor, **fields) -> LandNeed:
    """A firm's or project's land need (area, use, infrastructure, budget, timing) in `park`."""
    _require(can_edit_land(actor, park))
    return _save_need(LandNeed(park=park), _editable(fields, NEED_FIELDS), actor=actor, before={})


@transaction.atomic
def update_need(need, *, actor, **fields) -> LandNeed:
    stored = LandNeed.objects.select_for_update().select_related("park").get(pk=need.pk)
    _require(can_edit_land(actor, stored.park))
    before = snapshot(stored, NEED_FIELDS)
    return _save_need(stored, _editable(fields, NEED_FIELDS), actor=actor, before=before)
