"""The periodic overdue scan of cultivation plans: tell each officer once about an action past its
deadline in a plan still in progress.

Idempotent: each action is claimed with a conditional UPDATE on reminded_at, so a second (or
concurrent) scan finds nothing left to do; changing the deadline clears the mark."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.notifications.services import notify

from .models_cultivation import OPEN_ACTION_STATUSES, PlanAction, PlanStatus

CHUNK = 1000


def _due(today: date):
    return (PlanAction.objects.filter(due_on__lt=today, reminded_at__isnull=True,
                                      status__in=OPEN_ACTION_STATUSES, plan__status=PlanStatus.ACTIVE)
            .order_by("due_on", "id").values_list("pk", flat=True))


def _claim(ids, now) -> list[int]:
    rows = PlanAction.objects.select_for_update(skip_locked=True).filter(pk__in=ids, reminded_at__isnull=True)
    claimed = list(rows.values_list("pk", flat=True))
    PlanAction.objects.filter(pk__in=claimed).update(reminded_at=now)
    return claimed


def _tell(ids):
    for action in PlanAction.objects.filter(pk__in=ids).select_related("plan__officer", "plan__enterprise"):
        text = _("Overdue measure %(title)s (deadline %(due)s) in %(plan)s.")
        notify([action.plan.officer], action.plan,
               text % {"title": action.title, "due": action.due_on, "plan": action.plan})


def remind_overdue(now=None) -> int:
    """Notify the officers of actions overdue at `now`; returns how many actions were reminded."""
    now = now or timezone.now()
    today, total = timezone.localdate(now), 0
    while True:
        ids = list(_due(today)[:CHUNK])
        if not ids:
            return total
        with transaction.atomic():
            claimed = _claim(ids, now)
            _tell(claimed)
        total += len(claimed)
