"""Write side for demands: the only code that changes them. Each action is one transaction that
sets status, timestamps, deadline and the timeline row together; notifications follow the commit."""


from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from yuanqu.accounts.permissions import is_enterprise_user, is_grid_worker
from yuanqu.accounts.queries import park_admins
from yuanqu.calendar.queries import work_calendar
from yuanqu.core.audit import actor_name, record
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction
from yuanqu.notifications.services import notify

from . import sla, tasks
from .models import EVENT_LABELS, Category, Channel, Demand, DemandCounter, DemandEvent, Rating, Urgency
from .permissions import can_act, can_attach, can_submit_for, can_triage, confirms_category_on_submit
from .routing import route_for
from .uploads import check_upload
from .workflow import SPECS, Action, Status, TransitionError, next_status, unknown_params

RETURN_WINDOW_DAYS = 2
DEMAND_FIELDS = {"title", "text", "contact_name", "contact_phone", "address", "urgency"}


def next_number(now) -> str:
    """SQ<year>-<6 digits>, unique under concurrent submissions (row lock on the year counter)."""
    DemandCounter.objects.bulk_create([DemandCounter(year=now.year)], ignore_conflicts=True)
    counter = DemandCounter.objects.select_for_update().get(year=now.year)
    counter.value += 1
    counter.save(update_fields=["value"])
    return f"SQ{now.year}-{counter.value:06d}"


AUDIT_ACTIONS = {"submit": AuditAction.CREATE, **{a: AuditAction.TRANSITION for a in Action.values}}


def event_label(action):
    """The timeline's word for an action (受理, 分拨, …), also the audit row's part."""
    return (dict(Action.choices) | dict(EVENT_LABELS)).get(action, action)


def event(demand, action, actor, *, before="", note="", data=None, changes=None, by_system=""):
    """The timeline row users read, and the audit row every change of a record writes."""
    changes = dict(changes or {})
    if before and before != demand.status:
        changes["status"] = [before, demand.status]
    record(actor, AUDIT_ACTIONS.get(action, AuditAction.UPDATE), demand, entity=str(event_label(action)),
           changes=changes or (data or {}), note=note)
    # `by_system` credits an automatic step to the system on the timeline; the audit keeps the actor.
    return DemandEvent.objects.create(
        demand=demand, actor=None if by_system else actor, actor_repr=by_system or actor_name(actor),
        action=action, from_status=before, to_status=demand.status, note=note[:2000], data=data or {})


def limit_for(demand) -> sla.Limit:
    cat = demand.category
    if cat is None:
        return sla.Limit(days=10 if demand.urgency == Urgency.NORMAL else 3)
    if demand.urgency == Urgency.EMERGENCY:
        return sla.Limit(hours=cat.hours_emergency)
    return sla.Limit(days=cat.days_urgent if demand.urgency == Urgency.URGENT else cat.days_normal)


DEADLINE_FIELDS = ("deadline_at", "warn_at", "warned_at", "escalated_at")


def set_deadline(demand, start):
    """Store the deadline and the warning time (lists and scans read these columns)."""
    demand.deadline_at = sla.deadline(work_calendar(), start, limit_for(demand))
    demand.warn_at = sla.warn_at(start, demand.deadline_at)
    demand.warned_at = demand.escalated_at = None


def _apply_prediction(demand, prediction):
    if prediction is None:  # no model loaded (logged by the classifier): staff triage it by hand
        demand.ai, demand.needs_triage = {}, True
        return
    demand.ai = prediction.as_dict()
    low = prediction.confidence < settings.DEMAND_TRIAGE_THRESHOLD
    if demand.category_id is None:
        _take_suggestion(demand, prediction)
    demand.needs_triage = low or demand.category_id is None


def _take_suggestion(demand, prediction) -> bool:
    """Set the predicted category, sub-type and (only ever raised) urgency; False if the park lacks it."""
    category = Category.objects.filter(park_id=demand.park_id, code=prediction.category,
                                       active=True).first()
    if category is None:
        return False
    demand.category = category
    demand.subtype = category.subtypes.filter(name=prediction.subtype).first()
    demand.urgency = _max_urgency(demand.urgency, prediction.urgency)
    return True


def _max_urgency(given, predicted):
    order = [Urgency.NORMAL, Urgency.URGENT, Urgency.EMERGENCY]
    return max(given, predicted, key=lambda u: order.index(u) if u in order else 0)


def classify_text(text, *, quick=False):
    from .classifier import classify

    return classify(text, quick=quick)


def channel_for(user) -> str:
    """The intake channel of a demand filed on the pages by `user`."""
    if is_enterprise_user(user):
        return Channel.PORTAL
    return Channel.GRID if is_grid_worker(user) else Channel.STAFF


def submit(*, enterprise, data: dict, actor, channel, attachments=()) -> Demand:
    """File a demand for `enterprise`: validate, classify, number, route, start the clock."""
    if not can_submit_for(actor, enterprise):
        raise PermissionDenied
    demand = Demand(park_id=enterprise.park_id, enterprise=enterprise, channel=channel,
                    submitted_by=actor, **{k: v for k, v in data.items() if k in DEMAND_FIELDS})
    demand.category = data.get("category")
    demand.subtype = data.get("subtype")
    demand.full_clean(exclude=["number"])
    for upload in attachments:
        check_upload(upload)
    # The lexical answer, in milliseconds; the full model refines it after the commit (refine_suggestion).
    prediction = classify_text(_classified_text(demand), quick=True)  # CPU work outside the transaction
    return _save_new(demand, prediction, actor, attachments)


def _classified_text(demand) -> str:
    return f"{demand.title}。{demand.text}"


@transaction.atomic
def _save_new(demand, prediction, actor, attachments):
    now = timezone.now()
    demand.category_confirmed = demand.category_id is not None and confirms_category_on_submit(actor)
    recategorise = demand.category_id is None  # a category the submitter chose is never replaced
    _apply_prediction(demand, prediction)
    demand.number = next_number(now)
    set_deadline(demand, now)
    demand.save()
    event(demand, "submit", actor, data={"ai": demand.ai})
    for upload in attachments:
        add_attachment(demand, upload, actor=actor)
    if not demand.needs_triage:
        _route(demand, actor, now)
    else:
        notify(_triage_staff(demand), demand, _("New demand waits for triage"))
    if _refines_later(prediction):
        transaction.on_commit(partial(tasks.refine_suggestion.enqueue, demand.pk, recategorise))
    return demand


def _refines_later(prediction) -> bool:
    from .classifier import QUICK  # loaded by classify_text already; services import no sklearn

    return getattr(prediction, "stage", None) == QUICK  # getattr: test doubles may lack the stage


REFINE_ATTEMPTS = 3


def refine_suggestion(demand, *, recategorise=False) -> bool:
    """Store the full model's suggestion over the quick one; returns whether it was stored.

    The category follows it only while it is still the classifier's guess (_suggestion_open):
    never over a category staff confirmed or the submitter chose, never on a routed demand."""
    prediction = classify_text(_classified_text(demand))  # seconds of CPU: outside any transaction
    if prediction is None:
        return False
    for _attempt in range(REFINE_ATTEMPTS):
        try:
            return _store_refinement(demand, prediction, recategorise)
        except Conflict:  # someone changed the demand meanwhile: re-read it and re-check the rules
            demand.refresh_from_db()
    return False


@transaction.atomic
def _store_refinement(demand, prediction, recategorise) -> bool:
    before, ai = demand.category.code if demand.category_id else None, prediction.as_dict()
    if recategorise and _suggestion_open(demand) and _take_suggestion(demand, prediction):
        set_deadline(demand, demand.created_at)  # the category and urgency set the time limit
        _claim(demand, {"ai": ai, "category": demand.category, "subtype": demand.subtype,
                        "urgency": demand.urgency, **{f: getattr(demand, f) for f in DEADLINE_FIELDS}})
    else:
        # Only the advice changes: no version claim, so no one's open form goes stale over it.
        Demand.objects.filter(pk=demand.pk).update(ai=ai)
        demand.ai = ai
    after = demand.category.code if demand.category_id else None
    record(None, AuditAction.UPDATE, demand, entity=_("AI suggestion refined"),
           changes={"ai": ai, **({"category": [before, after]} if before != after else {})})
    return True


def _suggestion_open(demand) -> bool:
    """Whether the category is still the classifier's to change: unconfirmed, in triage, not routed."""
    return (not demand.category_confirmed and demand.needs_triage and demand.status == Status.PENDING
            and demand.routed_at is None and demand.department_id is None)


def _triage_staff(demand):
    return park_admins(demand.park_id)


def _route(demand, actor, now):
    route = route_for(demand)
    _claim(demand, {"department": route.department, "handler": route.handler, "routed_at": now,
                    "needs_triage": False})
    demand.co_departments.set(route.co_departments)
    # The routing rules chose the department, not whoever filed or confirmed the demand.
    event(demand, "route", actor, by_system=_("System (automatic routing)"), data={
        "department": str(route.department or ""), "handler": str(route.handler or ""),
        "co_departments": [str(d) for d in route.co_departments]})
    notify([demand.handler, *(_members(route.department))], demand, _("New demand assigned to you"))


def _members(department):
    return list(department.members.filter(is_active=True)) if department else []


@transaction.atomic
def confirm_category(demand, *, category, subtype=None, urgency=None, actor) -> Demand:
    """Staff confirm or correct the category in triage; the demand is then routed.

    Confirmed categories are the training data of the next classifier run."""
    if not can_triage(actor):
        raise PermissionDenied
    if category.park_id != demand.park_id or (subtype and subtype.category_id != category.pk):
        raise ValidationError({"category": _("Choose a category of this park and one of its sub-types.")})
    if urgency is not None and urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Choose normal, urgent or emergency.")})
    before = {"category": demand.category.code if demand.category else None}
    demand.category, demand.subtype = category, subtype
    demand.urgency = urgency or demand.urgency
    set_deadline(demand, demand.created_at)
    _claim(demand, {"category": category, "subtype": subtype, "urgency": demand.urgency,
                    "category_confirmed": True, **{f: getattr(demand, f) for f in DEADLINE_FIELDS}})
    event(demand, "classify", actor, data={"from": before["category"], "to": category.code,
                                            "subtype": subtype.name if subtype else None},
          changes={"category": [before["category"], category.code]})
    if demand.status == Status.PENDING:
        _route(demand, actor, timezone.now())
    return demand


def _claim(demand, changes: dict):
    """Conditional UPDATE on the row version the caller read: of two concurrent changes to the same
    demand only the first wins, whatever each depends on (its status, department, handler…)."""
    changes.update(version=demand.version + 1, updated_at=timezone.now())
    if Demand.objects.filter(pk=demand.pk, version=demand.version).update(**changes) != 1:
        raise Conflict(_("The demand was changed by someone else; reload and try again."))
    for key, value in changes.items():
        setattr(demand, key, value)


def _check(demand, action, actor, params):
    if action not in Action.values:
        raise Http404
    unknown = unknown_params(action, params)
    if unknown:
        raise TypeError(f"{action} takes no {', '.join(unknown)}")
    if not can_act(actor, demand, action):
        raise PermissionDenied
    try:
        return next_status(demand.status, action)
    except TransitionError:
        raise Conflict(_("“%(action)s” is not possible while the demand is “%(status)s”.") % {
            "action": Action(action).label, "status": demand.get_status_display()}) from None


def _require_fields(action, values: dict):
    """Every field the action cannot do without, with the action's own reason when it is missing."""
    for name in SPECS[action].required:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValidationError({name: MISSING.get((action, name), _("This field is required."))})


@transaction.atomic
def transition(demand, action, *, actor, note="", **params) -> Demand:
    """Apply one workflow action: permission, table lookup, side effects, timeline row.

    `params` are the action's own arguments (workflow.SPECS); any other name is a TypeError."""
    target = _check(demand, action, actor, params)
    _require_fields(action, {"note": note, **params})
    before, now = demand.status, timezone.now()
    changes = {"status": target, **EFFECTS[action](demand, now, note=note, **params)}
    _claim(demand, changes)
    event(demand, action, actor, before=before, note=note, data=_event_data(params, changes))
    AFTER[action](demand, actor)
    return demand


def _event_data(extra, changes):
    """The action's arguments as stored; an answer as saved, since `reply` keeps only the latest."""
    data = {k: str(v) for k, v in extra.items() if v is not None}
    if "reply" in changes:
        data["reply"] = changes["reply"]
    return data


def _accept(demand, now, note=""):
    return {"accepted_at": now}


def _start(demand, now, note=""):
    return {"accepted_at": demand.accepted_at or now}


def _suspend(demand, now, note=""):
    return {"suspended_at": now}


def _resume(demand, now, note=""):
    """The clock stopped while suspended: push the deadline and warning back by the pause."""
    paused = now - (demand.suspended_at or now)
    return {"suspended_at": None, "deadline_at": demand.deadline_at and demand.deadline_at + paused,
            "warn_at": demand.warn_at and demand.warn_at + paused, "warned_at": None, "escalated_at": None}


def _resolve(demand, now, note="", reply=""):
    answer = reply.strip()
    _validate_field(demand, "reply", answer)
    return {"resolved_at": now, "reply": answer}


def _validate_field(demand, name, value):
    field = Demand._meta.get_field(name)
    try:
        field.run_validators(value)
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from None


def _rate(demand, now, note="", rating=""):
    if rating not in (Rating.SATISFIED, Rating.BASIC):
        raise ValidationError({"rating": _("Choose 满意 or 基本满意; 不满意 reopens the demand.")})
    _validate_field(demand, "rating_comment", note)
    return {"rated_at": now, "rating": rating, "rating_comment": note[:500]}


def _reopen(demand, now, note=""):
    _validate_field(demand, "rating_comment", note)
    due = sla.deadline(work_calendar(), now, limit_for(demand))
    return {"rating": Rating.UNSATISFIED, "rating_comment": note[:500], "rated_at": now,
            "resolved_at": None, "reopen_count": demand.reopen_count + 1, "deadline_at": due,
            "warn_at": sla.warn_at(now, due), "warned_at": None, "escalated_at": None}


def _close(demand, now, note=""):
    return {"closed_at": now}


def _transfer(demand, now, note="", department=None):
    if department.park_id != demand.park_id:
        raise ValidationError({"department": _("Choose a department of this park.")})
    if department.pk == demand.department_id:
        raise ValidationError({"department": _("The demand is already with this department.")})
    # The old handler lets go: they must no longer see, accept or be told about it as its handler.
    return {"department": department, "handler": None, "accepted_at": None, "routed_at": now}


def _return(demand, now, note=""):
    """A mis-routed demand may be sent back to triage within 2 working days of routing."""
    routed = demand.routed_at or demand.created_at
    if work_calendar().working_days_between(timezone.localdate(routed), timezone.localdate(now)) \
            > RETURN_WINDOW_DAYS:
        raise Conflict(_("A demand can only be returned within 2 working days of being routed."))
    return {"department": None, "handler": None, "accepted_at": None, "needs_triage": True}


def _merge(demand, now, note="", into=None):
    if into.pk == demand.pk or into.park_id != demand.park_id or not into.is_open:
        raise ValidationError({"into": _("Choose another open demand of this park.")})
    return {"merged_into": into, "closed_at": now}


# What each action changes besides the status (every Action has one; a test checks).
EFFECTS = {Action.ACCEPT: _accept, Action.START: _start, Action.SUSPEND: _suspend,
           Action.RESUME: _resume, Action.RESOLVE: _resolve, Action.RATE: _rate,
           Action.REOPEN: _reopen, Action.CLOSE: _close, Action.TRANSFER: _transfer,
           Action.RETURN: _return, Action.MERGE: _merge}

# Why an action cannot go ahead without a field (workflow.SPECS says which fields).
MISSING = {
    (Action.SUSPEND, "note"): _lazy("Give the reason for suspending."),
    (Action.RESOLVE, "reply"): _lazy("Write the answer the enterprise will receive."),
    (Action.RATE, "rating"): _lazy("Choose 满意 or 基本满意; 不满意 reopens the demand."),
    (Action.TRANSFER, "department"): _lazy("Choose a department of this park."),
    (Action.TRANSFER, "note"): _lazy("Give the reason for the transfer."),
    (Action.RETURN, "note"): _lazy("Say why the demand is not yours."),
    (Action.MERGE, "into"): _lazy("Choose another open demand of this park."),
}


def _firm_users(demand):
    return [m.user for m in demand.enterprise.members.select_related("user")]


def _nothing_after(demand, actor):
    """Accept, start, suspend, resume and close tell nobody: the timeline shows them."""


def _after_resolve(demand, actor):
    notify(_firm_users(demand), demand, _("Your demand has been answered; please rate it"))


def _after_reopen(demand, actor):
    notify([demand.handler, *_members(demand.department)], demand,
           _("The enterprise is unsatisfied; the demand is reopened"))


def _after_transfer(demand, actor):
    demand.co_departments.clear()
    notify(_members(demand.department), demand, _("A demand was transferred to your department"))


def _after_return(demand, actor):
    notify(_triage_staff(demand), demand, _("A demand was returned as mis-routed"))


def _after_merge(demand, actor):
    event(demand.merged_into, "merged", actor, note=demand.number)
    notify(_firm_users(demand), demand, _("Your demand was merged with an identical one"))


# Follow-up rows and notifications (sent after commit) of each action; a test checks every Action.
AFTER = {Action.ACCEPT: _nothing_after, Action.START: _nothing_after, Action.SUSPEND: _nothing_after,
         Action.RESUME: _nothing_after, Action.RESOLVE: _after_resolve, Action.RATE: _nothing_after,
         Action.REOPEN: _after_reopen, Action.CLOSE: _nothing_after, Action.TRANSFER: _after_transfer,
         Action.RETURN: _after_return, Action.MERGE: _after_merge}


def rate(demand, rating, *, actor, comment=""):
    """The firm's rating: satisfied/basic closes the loop, unsatisfied reopens the demand."""
    if rating == Rating.UNSATISFIED:
        return transition(demand, Action.REOPEN, actor=actor, note=comment)
    return transition(demand, Action.RATE, actor=actor, note=comment, rating=rating)


@transaction.atomic
def add_attachment(demand, upload, *, actor):
    """Attach a checked file to the demand (timeline and audit rows)."""
    from .uploads import save_attachment

    if not can_attach(actor, demand):
        raise PermissionDenied
    attachment = save_attachment(demand, upload, actor)
    event(demand, "attach", actor, note=attachment.name)
    return attachment
