"""Write side of the cultivation pool: plans, their actions and progress notes, recognitions.

Every verb checks its predicate, validates the model, writes an audit row in the same transaction and
sends notices only after commit. Status changes claim the row with a conditional UPDATE, so two clicks
or two users cannot close a plan twice.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.core.audit import diff, record, snapshot
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction
from yuanqu.enterprises import services as registry
from yuanqu.enterprises.models import Qualification
from yuanqu.notifications.services import notify

from .models_cultivation import (
    QUALIFICATION_OF,
    ActionStatus,
    CultivationPlan,
    PlanAction,
    PlanStatus,
    ProgressNote,
    Recognition,
    Tier,
)
from .permissions import can_create_plan, can_manage_plan, can_record_recognition, can_work_on_plan

PLAN_FIELDS = ["enterprise", "tier", "officer", "target_year", "goal", "status", "closed_on", "close_reason"]
PLAN_EDITABLE = ["officer", "officer_id", "target_year", "goal"]
ACTION_FIELDS = ["title", "detail", "due_on", "status", "done_on"]
ACTION_EDITABLE = ["title", "detail", "due_on", "status", "done_on"]
RECOGNITION_FIELDS = ["enterprise", "tier", "year", "recognised_on", "document_number", "note", "plan"]


def _require(allowed: bool):
    """Services check the predicates themselves, so no caller can forget."""
    if not allowed:
        raise PermissionDenied


def _require_active(plan):
    if plan.status != PlanStatus.ACTIVE:
        raise Conflict(_("The plan is no longer in progress."))


def _unknown(data: dict, allowed):
    extra = sorted(set(data) - set(allowed))
    if extra:
        raise ValidationError({name: _("This field cannot be changed here.") for name in extra})


def _save_new(obj, message):
    """Insert `obj`; a duplicate that slipped past full_clean in a race is a 409, not a 500."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise Conflict(message) from None


def _tell_officer(plan, actor):
    if plan.officer_id != actor.pk:
        notify([plan.officer], plan, _("You are the service officer of the cultivation plan %(plan)s.")
               % {"plan": plan})


# ---- plans -----------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(*, enterprise, tier, officer, target_year, goal="", actor) -> CultivationPlan:
    """Open a plan to bring `enterprise` to `tier`, with a service officer and a target year."""
    _require(can_create_plan(actor, enterprise))
    plan = CultivationPlan(park_id=enterprise.park_id, enterprise=enterprise, tier=tier, officer=officer,
                           target_year=target_year, goal=goal, created_by=actor)
    plan.full_clean()
    _save_new(plan, _("This firm already has a plan in progress for this tier."))
    record(actor, AuditAction.CREATE, plan, entity=_("Cultivation plan"),
           changes=diff({}, snapshot(plan, PLAN_FIELDS)))
    _tell_officer(plan, actor)
    return plan


@transaction.atomic
def update_plan(plan, data: dict, *, actor) -> CultivationPlan:
    """Change a plan's officer, target year or goal (only while it is in progress)."""
    _require(can_manage_plan(actor, plan))
    _unknown(data, PLAN_EDITABLE)
    plan = CultivationPlan.objects.select_for_update().get(pk=plan.pk)
    _require_active(plan)
    before = snapshot(plan, PLAN_FIELDS)
    for key, value in data.items():
        setattr(plan, key, value)
    plan.full_clean()
    changes = diff(before, snapshot(plan, PLAN_FIELDS))
    if changes:
        plan.save(update_fields=[*data, "updated_at"])
        record(actor, AuditAction.UPDATE, plan, entity=_("Cultivation plan"), changes=changes)
        if "officer" in changes:
            _tell_officer(plan, actor)
    return plan


def _finish(plan, status, *, on, reason, actor, note=""):
    """Claim the plan in progress and give it its final status; 409 if it was no longer in progress."""
    claimed = CultivationPlan.objects.filter(pk=plan.pk, status=PlanStatus.ACTIVE).update(
        status=status, closed_on=on, close_reason=reason, updated_at=timezone.now())
    if not claimed:
        raise Conflict(_("The plan is no longer in progress."))
    before = snapshot(plan, PLAN_FIELDS)
    plan.status, plan.closed_on, plan.close_reason = status, on, reason
    record(actor, AuditAction.TRANSITION, plan, entity=_("Cultivation plan"),
           changes=diff(before, snapshot(plan, PLAN_FIELDS)), note=note)
    return plan


@transaction.atomic
def close_plan(plan, *, reason: str, actor) -> CultivationPlan:
    """Close a plan without a recognition (the firm moved, gave up, or another tier fits better)."""
    _require(can_manage_plan(actor, plan))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"close_reason": _("Say why the plan is closed.")})
    try:
        CultivationPlan._meta.get_field("close_reason").clean(reason, plan)
    except ValidationError as exc:
        raise ValidationError({"close_reason": exc.messages}) from None
    return _finish(plan, PlanStatus.CLOSED, on=timezone.localdate(), reason=reason, actor=actor)


@transaction.atomic
def delete_plan(plan, *, actor) -> None:
    """Delete a plan opened by mistake (its actions and notes with it); recorded on the firm."""
    _require(can_manage_plan(actor, plan))
    if plan.recognitions.exists():
        raise Conflict(_("A recognition refers to this plan: close it instead of deleting it."))
    record(actor, AuditAction.DELETE, plan.enterprise, entity=_("Cultivation plan"),
           changes=diff(snapshot(plan, PLAN_FIELDS), {}))
    plan.delete()


# ---- actions and notes -------------------------------------------------------------------------------


@transaction.atomic
def add_action(plan, *, title, due_on, detail="", actor) -> PlanAction:
    """Add a step with a deadline to a plan in progress."""
    _require(can_work_on_plan(actor, plan))
    _require_active(plan)
    action = PlanAction(plan=plan, title=title, due_on=due_on, detail=detail)
    action.full_clean()
    action.save()
    record(actor, AuditAction.CREATE, plan, entity=_("Plan action"),
           changes=diff({}, snapshot(action, ACTION_FIELDS)))
    return action


@transaction.atomic
def update_action(action, data: dict, *, actor) -> PlanAction:
    """Change an action's status, title, details or deadline; done stamps today's date unless the day it
    was done is given (a date only a done action keeps)."""
    plan = action.plan
    _require(can_work_on_plan(actor, plan))
    _unknown(data, ACTION_EDITABLE)
    _require_active(plan)
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    before = snapshot(action, ACTION_FIELDS)
    for key, value in data.items():
        setattr(action, key, value)
    if action.status == ActionStatus.DONE:
        action.done_on = action.done_on or timezone.localdate()
    else:
        action.done_on = None
    action.full_clean()
    changes = diff(before, snapshot(action, ACTION_FIELDS))
    if "due_on" in changes:
        action.reminded_at = None  # a new deadline earns a new reminder
    if changes:
        action.save(update_fields=[*ACTION_EDITABLE, "reminded_at", "updated_at"])
        record(actor, AuditAction.UPDATE, plan, entity=_("Plan action"), changes=changes,
               note=action.title)
    return action


@transaction.atomic
def add_note(plan, *, text, actor) -> ProgressNote:
    """Write down what happened on a plan (also after it ended: the support that followed)."""
    _require(can_work_on_plan(actor, plan))
    note = ProgressNote(plan=plan, text=(text or "").strip(), author=actor)
    note.full_clean()
    note.save()
    record(actor, AuditAction.CREATE, plan, entity=_("Progress note"), changes={"text": [None, note.text]})
    return note


# ---- recognitions ----------------------------------------------------------------------------------


@transaction.atomic
def record_recognition(*, enterprise, tier, year, recognised_on, document_number="", note="",
                       actor) -> Recognition:
    """Record that `enterprise` was recognised in `tier`: closes its plan for that tier as recognised,
    and the registry's qualification shows the title from that day (for its term)."""
    _require(can_record_recognition(actor, enterprise))
    plan = (CultivationPlan.objects.select_for_update()
            .filter(enterprise=enterprise, tier=tier, status=PlanStatus.ACTIVE).first())
    rec = Recognition(park_id=enterprise.park_id, enterprise=enterprise, tier=tier, year=year,
                      recognised_on=recognised_on, document_number=(document_number or "").strip(),
                      note=(note or "").strip(), plan=plan, recorded_by=actor)
    rec.full_clean()
    _save_new(rec, _("This recognition of the firm is already recorded for this year."))
    record(actor, AuditAction.CREATE, enterprise, entity=_("Recognition"),
           changes=diff({}, snapshot(rec, RECOGNITION_FIELDS)))
    if plan is not None:
        _finish(plan, PlanStatus.RECOGNISED, on=recognised_on, reason="", actor=actor,
                note=rec.document_number)
        notify([plan.officer], plan, _("%(firm)s was recognised as %(tier)s.")
               % {"firm": enterprise, "tier": rec.get_tier_display()})
    _hold_title(enterprise, rec, actor)
    return rec


def _hold_title(enterprise, rec, actor):
    """The registry's qualification of the tier from the recognition's day (a newer one is kept)."""
    kind = QUALIFICATION_OF[Tier(rec.tier)]
    qual = Qualification.objects.filter(enterprise=enterprise, kind=kind).first() or Qualification()
    if qual.pk and qual.granted_on > rec.recognised_on:
        return
    registry.save_child(enterprise, qual, {"kind": kind, "granted_on": rec.recognised_on,
                                           "expires_on": rec.expires_on()}, actor=actor)
