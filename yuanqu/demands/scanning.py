"""The periodic SLA scan: warn handlers before the deadline, escalate to the head after it.

Idempotent: each demand is claimed with a conditional UPDATE on its warned_at / escalated_at
column, so a second (or concurrent) scan finds nothing left to do."""

from django.db import transaction
from django.utils.translation import gettext as _

from yuanqu.notifications.services import notify

from .models import Demand, DemandEvent
from .workflow import OPEN

CHUNK = 1000


def _due(field, stamp, now):
    return (Demand.objects.filter(**{f"{field}__lte": now, f"{stamp}__isnull": True},
                                  status__in=list(OPEN))
            .order_by(field).values_list("pk", flat=True))


def _claim(ids, stamp, now):
    """Mark the chunk; return the ids this scan actually claimed."""
    rows = Demand.objects.select_for_update(skip_locked=True).filter(pk__in=ids, **{f"{stamp}__isnull": True})
    claimed = list(rows.values_list("pk", flat=True))
    Demand.objects.filter(pk__in=claimed).update(**{stamp: now})
    return claimed


def scan(now, *, kind):
    """kind 'warn' (warn_at passed) or 'escalate' (deadline passed). Returns how many were handled."""
    field, stamp = ("warn_at", "warned_at") if kind == "warn" else ("deadline_at", "escalated_at")
    total = 0
    while True:
        ids = list(_due(field, stamp, now)[:CHUNK])
        if not ids:
            return total
        with transaction.atomic():
            claimed = _claim(ids, stamp, now)
            _record(claimed, kind)
        total += len(claimed)


def _record(ids, kind):
    demands = Demand.objects.filter(pk__in=ids).select_related("handler", "department__head")
    DemandEvent.objects.bulk_create([
        DemandEvent(demand=d, action=kind, actor_repr=_("System"), from_status=d.status,
                    to_status=d.status) for d in demands])
    for d in demands:
        if kind == "warn":
            notify([d.handler], d, _("Deadline approaching: %(due)s") % {"due": _local(d.deadline_at)})
        else:
            head = d.department.head if d.department else None
            notify([head, d.handler], d, _("Overdue, escalated to the department head"))


def _local(moment):
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
