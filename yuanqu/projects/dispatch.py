"""Write side of the weekly dispatch (周调度): meetings, their generated agenda, minutes and actions.

The only code that changes these records. Each verb is atomic, checks the `can_*` predicates itself,
validates with `full_clean()`, writes an audit row on the meeting, and sends notices after commit. Final
minutes freeze the meeting: its agenda, fields and actions no longer change, except that actions are still
closed (they are tracked to closure, often weeks later).
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.core.audit import diff, record, snapshot
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction
from yuanqu.notifications.services import notify

from .dispatch_queries import agenda_for, stored_agenda_keys
from .models import Action, AgendaItem, Meeting
from .permissions import can_close_action, can_edit_meeting, can_manage_meetings

MEETING_FIELDS = ["held_on", "title", "chair", "minutes", "closed"]
MEETING_EDITABLE = {"held_on", "title", "chair", "minutes"}
ACTION_FIELDS = ["project", "decision", "action", "owner", "owner_name", "due_on", "done_on", "result"]
ACTION_EDITABLE = {"project", "decision", "action", "owner", "owner_name", "due_on"}


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _require_draft(meeting):
    if meeting.closed:
        raise Conflict(_("The minutes are final: the agenda and the actions can no longer change."))


def _unknown(fields: dict, allowed: set):
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"not editable here: {', '.join(unknown)}")


def _locked(meeting) -> Meeting:
    """The meeting row, locked until commit, so finalising and writing the minutes take turns."""
    return Meeting.objects.select_for_update().select_related("park").get(pk=meeting.pk)


def default_title(park, held_on: date) -> str:
    """「XX园区重点项目周调度会（2025年第20周）」"""
    year, week, _day = held_on.isocalendar()
    return _("%(park)s key project weekly dispatch meeting (week %(week)d of %(year)d)") % {
        "park": park.name, "week": week, "year": year}


@transaction.atomic
def create_meeting(park, *, held_on: date, actor, title: str = "", chair: str = "", minutes: str = "") \
        -> Meeting:
    """A new meeting of `park`; without a title it is named after the park and the ISO week."""
    _require(can_manage_meetings(actor, park))
    if not title.strip() and held_on:
        title = default_title(park, held_on)
    meeting = Meeting(park=park, held_on=held_on, title=title.strip(), chair=chair.strip(), minutes=minutes,
                      created_by=actor)
    meeting.full_clean()
    meeting.save()
    record(actor, AuditAction.CREATE, meeting, entity=_("Dispatch meeting"),
           changes=diff({}, snapshot(meeting, MEETING_FIELDS)))
    return meeting


def _check_action_dates(meeting):
    """A meeting cannot move after the deadline (or closing) of an action it decided."""
    held_on = meeting.held_on
    if held_on and meeting.actions.filter(Q(due_on__lt=held_on) | Q(done_on__lt=held_on)).exists():
        raise ValidationError({"held_on": _("An action of this meeting is due or done before that date.")})


@transaction.atomic
def update_meeting(meeting, *, actor, **fields) -> Meeting:
    """Change the date, title, chair or minutes text of a meeting whose minutes are not final."""
    _unknown(fields, MEETING_EDITABLE)
    stored = _locked(meeting)
    _require(can_edit_meeting(actor, stored))
    _require_draft(stored)
    before = snapshot(stored, MEETING_FIELDS)
    for name, value in fields.items():
        setattr(stored, name, value.strip() if isinstance(value, str) and name != "minutes" else value)
    stored.full_clean(exclude=["created_by"])  # None once its creator's account is deleted
    _check_action_dates(stored)
    stored.save(update_fields=[*fields, "updated_at"])
    changes = diff(before, snapshot(stored, MEETING_FIELDS))
    if changes:
        record(actor, AuditAction.UPDATE, stored, entity=_("Minutes"), changes=changes)
    return stored


def _agenda_rows(meeting, lines) -> list[AgendaItem]:
    rows = [AgendaItem(meeting=meeting, order=n, reason=line.reason, project_id=line.project_id,
                       problem_id=line.problem_id, action_id=line.action_id, summary=line.summary)
            for n, line in enumerate(lines, 1)]
    for row in rows:  # the foreign keys come from our own queries: not checked again, one query each
        row.full_clean(exclude=["meeting", "project", "problem", "action"])
    return rows


@transaction.atomic
def generate_agenda(meeting, *, actor, today: date | None = None) -> list[AgendaItem]:
    """(Re)build the agenda from the park's red and yellow projects, open problems and earlier meetings'
    open actions. Idempotent: when nothing changed, nothing is written (no audit row either)."""
    stored = _locked(meeting)
    _require(can_edit_meeting(actor, stored))
    _require_draft(stored)
    lines = agenda_for(stored, today or timezone.localdate())
    before = stored_agenda_keys(stored)
    if [line.key() for line in lines] == before:
        return list(stored.agenda.order_by("order", "id"))
    rows = _agenda_rows(stored, lines)
    AgendaItem.objects.filter(meeting=stored).delete()
    AgendaItem.objects.bulk_create(rows)
    record(actor, AuditAction.UPDATE, stored, entity=_("Agenda"),
           changes={"agenda": [len(before), len(rows)]},
           note=_("Agenda generated: %(n)d items.") % {"n": len(rows)})
    return rows


@transaction.atomic
def finalize_minutes(meeting, *, actor) -> Meeting:
    """Mark the minutes final: the agenda, the minutes and the actions freeze (actions still close)."""
    stored = _locked(meeting)
    _require(can_edit_meeting(actor, stored))
    if not stored.minutes.strip():
        raise ValidationError({"minutes": _("Write the minutes before making them final.")})
    # Conditional UPDATE: of two clicks, one finalises; the other is told so.
    if not Meeting.objects.filter(pk=stored.pk, closed=False).update(closed=True, updated_at=timezone.now()):
        raise Conflict(_("The minutes are already final."))
    stored.closed = meeting.closed = True
    record(actor, AuditAction.TRANSITION, stored, entity=_("Minutes"), changes={"closed": [False, True]})
    return stored


def _notify_owner(action, actor):
    if action.owner_id and action.owner_id != getattr(actor, "pk", None):
        notify([action.owner], action.meeting,
               _("Dispatch action for you: %(action)s (due %(due)s)") % {
                   "action": action.action, "due": action.due_on.isoformat()})


@transaction.atomic
def add_action(meeting, *, actor, decision: str, action: str, due_on: date, owner=None, owner_name: str = "",
               project=None) -> Action:
    """A decision's action with its owner (a user, or a name) and deadline, optionally for a project."""
    stored = _locked(meeting)
    _require(can_edit_meeting(actor, stored))
    _require_draft(stored)
    obj = Action(meeting=stored, decision=decision.strip(), action=action.strip(), due_on=due_on, owner=owner,
                 owner_name=owner_name.strip(), project=project)
    obj.full_clean()
    obj.save()
    record(actor, AuditAction.CREATE, stored, entity=_("Dispatch action"),
           changes=diff({}, snapshot(obj, ACTION_FIELDS)), note=obj.action)
    _notify_owner(obj, actor)
    return obj


@transaction.atomic
def update_action(item: Action, *, actor, **fields) -> Action:
    """Change an open action (`item`; its fields may include `action`, the text) of a draft meeting."""
    _unknown(fields, ACTION_EDITABLE)
    meeting = _locked(item.meeting)
    _require(can_edit_meeting(actor, meeting))
    _require_draft(meeting)
    stored = Action.objects.select_for_update().get(pk=item.pk)
    if stored.done_on:
        raise Conflict(_("The action is closed."))
    stored.meeting = meeting
    before = snapshot(stored, ACTION_FIELDS)
    for name, value in fields.items():
        setattr(stored, name, value.strip() if isinstance(value, str) else value)
    stored.full_clean()
    stored.save(update_fields=[*fields, "updated_at"])
    changes = diff(before, snapshot(stored, ACTION_FIELDS))
    if changes:
        record(actor, AuditAction.UPDATE, meeting, entity=_("Dispatch action"), changes=changes,
               note=stored.action)
        if "owner" in fields and changes.get("owner"):
            _notify_owner(stored, actor)
    return stored


@transaction.atomic
def close_action(action, *, actor, result: str, done_on: date | None = None) -> Action:
    """Close an action with its result and the day it was done (default today; never in the future).
    Allowed after the minutes are final: actions are tracked to closure."""
    stored = Action.objects.select_for_update().select_related("meeting").get(pk=action.pk)
    _require(can_close_action(actor, stored))
    today = timezone.localdate()
    done_on = done_on or today
    if stored.done_on:
        raise Conflict(_("The action is already closed."))
    if done_on > today:
        raise ValidationError({"done_on": _("The date cannot be in the future.")})
    stored.done_on, stored.result = done_on, (result or "").strip()
    stored.full_clean()
    claimed = Action.objects.filter(pk=stored.pk, done_on__isnull=True).update(
        done_on=stored.done_on, result=stored.result, updated_at=timezone.now())
    if not claimed:
        raise Conflict(_("The action is already closed."))
    record(actor, AuditAction.TRANSITION, stored.meeting, entity=_("Dispatch action"),
           changes={"done_on": [None, done_on.isoformat()], "result": ["", stored.result]},
           note=stored.action)
    return stored
