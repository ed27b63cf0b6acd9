"""Shape demands for pages (no writes)."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yuanqu.accounts.permissions import is_office, is_staff_member
from yuanqu.calendar import holidays
from yuanqu.calendar.queries import work_calendar

from .forms import ActionForm, RatingForm, TriageForm
from .models import Category, ReplyTemplate, Status
from .permissions import can_act, can_export, can_triage, is_handler_of
from .queries import similar_for_user
from .sla import time_left, traffic_light
from .workflow import FIRM_ACTIONS, Action, allowed_actions

# Actions that need a text box, a department or a target number in their form.
NEEDS = {Action.SUSPEND: "note", Action.RESOLVE: "reply", Action.TRANSFER: "department",
         Action.RETURN: "note", Action.MERGE: "into"}


def with_lights(demands, calendar=None):
    """Each open demand's light (green / yellow / red) and its time left in words (the working-day
    calendar is read when first needed, unless given)."""
    now = timezone.localtime()
    for d in demands:
        d.light = traffic_light(now, d.warn_at, d.deadline_at) if d.is_open else ""
        if d.light and d.deadline_at:
            calendar = calendar or work_calendar()
            d.time_left = time_left_words(time_left(calendar, now, timezone.localtime(d.deadline_at)))
    return demands


def time_left_words(left) -> str:
    """「剩余 2 个工作日」, 「剩余 5 小时」, 「已超期 3 天」 from sla.time_left."""
    if left is None:
        return ""
    kind, n = left
    words = {
        "workdays": ngettext("%(n)d working day left", "%(n)d working days left", n),
        "hours": ngettext("%(n)d hour left", "%(n)d hours left", n),
        "overdue_days": ngettext("Overdue by %(n)d day", "Overdue by %(n)d days", n),
        "overdue_hours": ngettext("Overdue by %(n)d hour", "Overdue by %(n)d hours", n),
    }
    return words[kind] % {"n": n}


# Filters offered on the list page; the others (year, open or closed) still apply from the URL.
LIST_FIELDS = ["q", "status", "category", "department", "grid", "enterprise", "urgency", "channel",
               "created_from", "created_to", "overdue", "park"]


def list_context(request, filterset, view):
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    with_lights(page.object_list)
    query = filterset.cleaned_query()
    export_query = query if view == "mine" else f"view={view}&{query}"
    return {"page": page, "view": view, "filter": filterset, "list_fields": LIST_FIELDS, "query": query,
            "export_query": export_query, "can_export": can_export(request.user),
            "calendar_missing": calendar_warnings(request.user)}


def calendar_warnings(user) -> list[str]:
    """For park staff: the years whose public holidays nobody has entered (their deadlines are off)."""
    if not is_staff_member(user):
        return []
    return holidays.warnings(timezone.localdate())


def _actions(demand, user):
    return [(a, Action(a).label, NEEDS.get(a)) for a in allowed_actions(demand.status)
            if a not in FIRM_ACTIONS and can_act(user, demand, a)]


def detail_context(demand, user):
    firm_rates = demand.status == Status.RESOLVED and can_act(user, demand, Action.RATE)
    triage = can_triage(user) and demand.is_open
    office = is_office(user)
    return {
        "demand": with_lights([demand])[0],
        "events": demand.events.select_related("actor"),
        "attachments": demand.attachments.all(),
        "actions": _actions(demand, user),
        "action_form": ActionForm(park=demand.park),
        "rating_form": RatingForm() if firm_rates else None,
        "triage_form": TriageForm(park=demand.park, initial=_triage_initial(demand)) if triage else None,
        "templates": ReplyTemplate.objects.filter(park_id=demand.park_id, category=demand.category)
        if office else [],
        "similar": _visible_similar(demand, user),
        "is_handler": is_handler_of(user, demand),
        "ai_ranking": _ai_ranking(demand),
        "ai_pending": _ai_pending(demand),
    }


def _ai_pending(demand) -> str:
    """While a demand waits for triage its category is only the classifier's guess: say so."""
    if demand.category_confirmed or not demand.needs_triage or not (demand.ai or {}).get("category"):
        return ""
    name, confidence = _ai_ranking(demand)[0]
    return _("AI suggestion: %(name)s (%(percent)d%%), awaiting confirmation") % {
        "name": name, "percent": round(confidence * 100)}


def _ai_ranking(demand):
    """The classifier's proposal and alternatives as (category name, confidence) for display."""
    ai = demand.ai or {}
    if not ai.get("category"):
        return []
    names = dict(Category.objects.filter(park_id=demand.park_id).values_list("code", "name"))
    ranked = [ai, *ai.get("alternatives", [])]
    return [(names.get(r["category"], r["category"]), r["confidence"]) for r in ranked]


def _visible_similar(demand, user):
    """Similar open demands the user may see: the office all of the park's, a firm its own."""
    return similar_for_user(user, demand.park_id, f"{demand.title} {demand.text}", exclude_pk=demand.pk)[0]


def _triage_initial(demand):
    return {"category": demand.category_id, "subtype": demand.subtype_id, "urgency": demand.urgency}
