"""Write side for demands: the only code that changes them. Each action is one transaction that
sets status, timestamps, deadline and the timeline row together; notifications follow the commit."""


from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.core.audit import actor_name
from yuanqu.core.exceptions import Conflict

from . import sla
from .models import Category, Demand, DemandCounter, DemandEvent, Rating, SubType, Urgency
from .notifications import notify
from .permissions import can_act, can_submit_for, can_triage
from .queries import work_calendar
from .routing import route_for
from .uploads import check_upload
from .workflow import Action, Status, TransitionError, next_status

RETURN_WINDOW_DAYS = 2
DEMAND_FIELDS = {"title", "text", "contact_name", "contact_phone", "address", "urgency"}


def next_number(now) -> str:
    """SQ<year>-<6 digits>, unique under concurrent submissions (row lock on the year counter)."""
    DemandCounter.objects.bulk_create([DemandCounter(year=now.year)], ignore_conflicts=True)
    counter = DemandCounter.objects.select_for_update().get(year=now.year)
    counter.value += 1
    counter.save(update_fields=["value"])
    return f"SQ{now.year}-{counter.value:06d}"


def event(demand, action, actor, *, before="", note="", data=None):
    return DemandEvent.objects.create(
        demand=demand, actor=actor, actor_repr=actor_name(actor), action=action,
        from_status=before, to_status=demand.status, note=note[:2000], data=data or {})


def limit_for(demand) -> sla.Limit:
    cat = demand.category
    if cat is None:
        return sla.Limit(days=10 if demand.urgency == Urgency.NORMAL else 3)
    if demand.urgency == Urgency.EMERGENCY:
        return sla.Limit(hours=cat.hours_emergency)
    return sla.Limit(days=cat.days_urgent if demand.urgency == Urgency.URGENT else cat.days_normal)


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
    category = Category.objects.filter(park_id=demand.park_id, code=prediction.category,
                                       active=True).first()
    low = prediction.confidence < settings.DEMAND_TRIAGE_THRESHOLD
    if demand.category_id is None and category is not None:
        demand.category = category
        demand.subtype = category.subtypes.filter(name=prediction.subtype).first()
        demand.urgency = _max_urgency(demand.urgency, prediction.urgency)
    demand.needs_triage = low or demand.category_id is None


def _max_urgency(given, predicted):
    order = [Urgency.NORMAL, Urgency.URGENT, Urgency.EMERGENCY]
    return max(given, predicted, key=lambda u: order.index(u) if u in order else 0)


def classify_text(text):
    from .classifier import classify

    return classify(text)


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
    prediction = classify_text(f"{demand.title}。{demand.text}")  # CPU work outside the transaction
    return _save_new(demand, prediction, actor, attachments)


@transaction.atomic
def _save_new(demand, prediction, actor, attachments):
    now = timezone.now()
    demand.category_confirmed = demand.category_id is not None and actor.role != "enterprise"
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
    return demand


def _triage_staff(demand):
    from yuanqu.accounts.models import Role, User

    return User.objects.filter(park_id=demand.park_id, role=Role.PARK_ADMIN, is_active=True)


def _route(demand, actor, now):
    route = route_for(demand)
    demand.department, demand.handler, demand.routed_at = route.department, route.handler, now
    demand.needs_triage = False
    demand.save(update_fields=["department", "handler", "routed_at", "needs_triage", "updated_at"])
    demand.co_departments.set(route.co_departments)
    event(demand, "route", actor, data={
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
    before = {"category": demand.category.code if demand.category else None}
    demand.category, demand.subtype = category, subtype
    demand.urgency = urgency or demand.urgency
    demand.category_confirmed = True
    set_deadline(demand, demand.created_at)
    demand.save(update_fields=["category", "subtype", "urgency", "category_confirmed",
                               "deadline_at", "warn_at", "warned_at", "escalated_at", "updated_at"])
    event(demand, "classify", actor, data={"from": before["category"], "to": category.code,
                                            "subtype": subtype.name if subtype else None})
    if demand.status == Status.PENDING:
        _route(demand, actor, timezone.now())
    return demand


def _claim(demand, before, changes: dict):
    """Conditional UPDATE: only one of two concurrent actions on the same demand wins."""
    changes["updated_at"] = timezone.now()
    if Demand.objects.filter(pk=demand.pk, status=before).update(**changes) != 1:
        raise Conflict(_("The demand was changed by someone else; reload and try again."))
    for key, value in changes.items():
        setattr(demand, key, value)


def _check(demand, action, actor):
    if action not in Action.values:
        raise Http404
    if not can_act(actor, demand, action):
        raise PermissionDenied
    try:
        return next_status(demand.status, action)
    except TransitionError:
        raise Conflict(_("“%(action)s” is not possible while the demand is “%(status)s”.") % {
            "action": Action(action).label, "status": demand.get_status_display()}) from None


@transaction.atomic
def transition(demand, action, *, actor, note="", **extra) -> Demand:
    """Apply one workflow action: permission, table lookup, side effects, timeline row."""
    target = _check(demand, action, actor)
    before = demand.status
    now = timezone.now()
    changes = {"status": target, **EFFECTS[action](demand, now, note=note, **extra)}
    _claim(demand, before, changes)
    event(demand, action, actor, before=before, note=note, data=_event_data(extra))
    _after(demand, action, actor)
    return demand


def _event_data(extra):
    return {k: str(v) for k, v in extra.items() if v is not None}


def _accept(demand, now, **_kw):
    return {"accepted_at": now}


def _start(demand, now, **_kw):
    return {"accepted_at": demand.accepted_at or now}


def _suspend(demand, now, note="", **_kw):
    if not note.strip():
        raise ValidationError({"note": _("Give the reason for suspending.")})
    return {"suspended_at": now}


def _resume(demand, now, **_kw):
    """The clock stopped while suspended: push the deadline and warning back by the pause."""
    paused = now - (demand.suspended_at or now)
    return {"suspended_at": None, "deadline_at": demand.deadline_at and demand.deadline_at + paused,
            "warn_at": demand.warn_at and demand.warn_at + paused, "warned_at": None, "escalated_at": None}


def _resolve(demand, now, note="", reply="", **_kw):
    answer = (reply or note).strip()
    if not answer:
        raise ValidationError({"reply": _("Write the answer the enterprise will receive.")})
    _validate_field(demand, "reply", answer)
    return {"resolved_at": now, "reply": answer}


def _validate_field(demand, name, value):
    field = Demand._meta.get_field(name)
    try:
        field.run_validators(value)
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from None


def _rate(demand, now, rating="", note="", **_kw):
    if rating not in (Rating.SATISFIED, Rating.BASIC):
        raise ValidationError({"rating": _("Choose 满意 or 基本满意; 不满意 reopens the demand.")})
    _validate_field(demand, "rating_comment", note)
    return {"rated_at": now, "rating": rating, "rating_comment": note[:500]}


def _reopen(demand, now, note="", **_kw):
    _validate_field(demand, "rating_comment", note)
    due = sla.deadline(work_calendar(), now, limit_for(demand))
    return {"rating": Rating.UNSATISFIED, "rating_comment": note[:500], "rated_at": now,
            "resolved_at": None, "reopen_count": demand.reopen_count + 1, "deadline_at": due,
            "warn_at": sla.warn_at(now, due), "warned_at": None, "escalated_at": None}


def _close(demand, now, **_kw):
    return {"closed_at": now}


def _transfer(demand, now, note="", department=None, **_kw):
    if department is None or department.park_id != demand.park_id:
        raise ValidationError({"department": _("Choose a department of this park.")})
    if not note.strip():
        raise ValidationError({"note": _("Give the reason for the transfer.")})
    return {"department": department, "accepted_at": None, "routed_at": now}


def _return(demand, now, note="", **_kw):
    """A mis-routed demand may be sent back to triage within 2 working days of routing."""
    routed = demand.routed_at or demand.created_at
    if work_calendar().working_days_between(timezone.localdate(routed), timezone.localdate(now)) \
            > RETURN_WINDOW_DAYS:
        raise Conflict(_("A demand can only be returned within 2 working days of being routed."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the demand is not yours.")})
    return {"department": None, "accepted_at": None, "needs_triage": True}


def _merge(demand, now, into=None, **_kw):
    if into is None or into.pk == demand.pk or into.park_id != demand.park_id or not into.is_open:
        raise ValidationError({"into": _("Choose another open demand of this park.")})
    return {"merged_into": into, "closed_at": now}


EFFECTS = {Action.ACCEPT: _accept, Action.START: _start, Action.SUSPEND: _suspend,
           Action.RESUME: _resume, Action.RESOLVE: _resolve, Action.RATE: _rate,
           Action.REOPEN: _reopen, Action.CLOSE: _close, Action.TRANSFER: _transfer,
           Action.RETURN: _return, Action.MERGE: _merge}


def _after(demand, action, actor):
    """Notifications (sent after commit) and follow-up rows of some actions."""
    firm_users = [m.user for m in demand.enterprise.members.select_related("user")]
    if action == Action.RESOLVE:
        notify(firm_users, demand, _("Your demand has been answered; please rate it"))
    elif action == Action.REOPEN:
        notify([demand.handler, *_members(demand.department)], demand,
               _("The enterprise is unsatisfied; the demand is reopened"))
    elif action == Action.TRANSFER:
        demand.co_departments.clear()
        notify(_members(demand.department), demand, _("A demand was transferred to your department"))
    elif action == Action.RETURN:
        notify(_triage_staff(demand), demand, _("A demand was returned as mis-routed"))
    elif action == Action.MERGE:
        event(demand.merged_into, "merged", actor, note=demand.number)
        notify(firm_users, demand, _("Your demand was merged with an identical one"))


def rate(demand, rating, *, actor, comment=""):
    """The firm's rating: satisfied/basic closes the loop, unsatisfied reopens the demand."""
    if rating == Rating.UNSATISFIED:
        return transition(demand, Action.REOPEN, actor=actor, note=comment)
    return transition(demand, Action.RATE, actor=actor, note=comment, rating=rating)


@transaction.atomic
def add_attachment(demand, upload, *, actor):
    from .uploads import save_attachment

    attachment = save_attachment(demand, upload, actor)
    event(demand, "attach", actor, note=attachment.name)
    return attachment


def subtype_choices(category):
    return list(SubType.objects.filter(category=category, active=True))
