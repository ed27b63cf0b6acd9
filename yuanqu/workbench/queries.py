"""Read side of the workbench: each figure is one query, whatever the number of demands."""

from django.db.models import Count, F, Q

from yuanqu.accounts.models import Park
from yuanqu.core.models import AuditEvent
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.demands import queries as demand_queries
from yuanqu.demands import stats
from yuanqu.demands.filters import HANDLING
from yuanqu.demands.models import Demand, DemandEvent
from yuanqu.demands.workflow import OPEN, Status

RECENT = 5
LISTED = 10


def _open():
    return Q(status__in=sorted(OPEN))


def queue_counts(user, now) -> dict:
    """The user's work queue: to accept, being handled, due soon (warning window), overdue."""
    queue = Demand.objects.filter(pk__in=demand_queries.work_queue(user).values("pk"))
    return queue.aggregate(
        to_accept=Count("pk", filter=Q(status=Status.PENDING)),
        to_handle=Count("pk", filter=Q(status__in=HANDLING)),
        due_soon=Count("pk", filter=_open() & Q(warn_at__lte=now, deadline_at__gte=now)),
        overdue=Count("pk", filter=_open() & Q(deadline_at__lt=now)))


def firm_counts(user) -> dict:
    """A firm's own demands: open, and resolved ones waiting for its rating."""
    return demand_queries.visible_demands(user).aggregate(
        open=Count("pk", filter=_open()), to_rate=Count("pk", filter=Q(status=Status.RESOLVED)))


def triage_count(user) -> int:
    return demand_queries.triage_queue(user).count()


def open_demands(user, *, limit=LISTED) -> list:
    """Open demands the user may see, overdue first (earliest deadline first, none last)."""
    qs = demand_queries.list_demands(user).filter(_open())
    return list(qs.order_by(F("deadline_at").asc(nulls_last=True), "created_at")[:limit])


def open_total(user) -> int:
    return demand_queries.visible_demands(user).filter(_open()).count()


def assigned_demands(user, *, limit=LISTED) -> list:
    """Demands handed to the user personally (a service institution's requests)."""
    return list(demand_queries.list_demands(user).filter(handler=user).order_by("-created_at")[:limit])


def recent_demands(user, *, limit=RECENT) -> list:
    """Demands the user filed, handles or acted on (its timeline names them), newest first."""
    acted = DemandEvent.objects.filter(actor=user).values("demand_id")
    mine = Q(submitted_by=user) | Q(handler=user) | Q(pk__in=acted)
    return list(demand_queries.list_demands(user).filter(mine).order_by("-updated_at", "-id")[:limit])


def recent_events(user, *, limit=RECENT) -> list:
    """The audit events the user's own actions wrote, newest first."""
    return list(AuditEvent.objects.filter(actor=user).order_by("-created_at", "-id")[:limit])


def park_breakdown(user, now) -> dict:
    """The park office's demands by lead department and by grid, with on-time rates."""
    qs = demand_queries.visible_demands(user)
    return {dim: stats.by_dimension(qs, dim, now) for dim in ("department", "grid")}


def park_comparison(user, now) -> list[dict]:
    """Each park the user may see side by side (parks without demands show zeros)."""
    rows = {row["key"]: row for row in stats.by_dimension(demand_queries.visible_demands(user), "park", now)}
    parks = restrict_to_parks(Park.objects.order_by("name"), user, via="pk")
    return [rows.get(park.pk) or _empty_row(park) for park in parks]


def _empty_row(park) -> dict:
    return {"key": park.pk, "label": park.name, "total": 0, "open": 0, "overdue": 0,
            "on_time_rate": None, "satisfaction_rate": None}
