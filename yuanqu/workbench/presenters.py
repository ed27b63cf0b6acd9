"""Shape the workbench page: tiles (a count and the filtered list it links to) and panels."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from yuanqu.calendar.queries import work_calendar
from yuanqu.demands.permissions import can_submit, can_triage
from yuanqu.demands.presenters import with_lights
from yuanqu.notifications.queries import unread_count

from . import permissions as may
from . import queries


@dataclass(frozen=True)
class Tile:
    """One figure on the workbench and the list that shows what it counts."""

    key: str
    label: str
    count: int
    url: str
    tone: str = "primary"


def demands_url(name="demands:demand_list", **params) -> str:
    """A demand list URL with DemandFilter query parameters."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return reverse(name) + (f"?{query}" if query else "")


def queue_tiles(user, now) -> list[Tile]:
    counts = queries.queue_counts(user, now)
    q = "demands:work_queue"
    tiles = [Tile("to_accept", _("To accept"), counts["to_accept"], demands_url(q, status="pending")),
             Tile("to_handle", _("Being handled"), counts["to_handle"], demands_url(q, state="handling")),
             Tile("due_soon", _("Due soon"), counts["due_soon"], demands_url(q, overdue="soon"), "warning"),
             Tile("overdue", _("Overdue"), counts["overdue"], demands_url(q, overdue="true"), "danger")]
    if can_triage(user):
        tiles.append(Tile("to_confirm", _("To confirm (triage)"), queries.triage_count(user),
                          demands_url("demands:triage_queue"), "secondary"))
    return tiles


def firm_tiles(user) -> list[Tile]:
    counts = queries.firm_counts(user)
    return [Tile("open", _("My open demands"), counts["open"], demands_url(state="open")),
            Tile("to_rate", _("To rate"), counts["to_rate"], demands_url(status="resolved"), "warning")]


def message_tile(unread: int) -> Tile:
    return Tile("unread", _("Unread messages"), unread, reverse("notifications:list"), "info")


def tiles_for(user, now, unread) -> list[Tile]:
    tiles = queue_tiles(user, now) if may.sees_work_queue(user) else []
    tiles += firm_tiles(user) if may.sees_firm_panel(user) else []
    return [*tiles, message_tile(unread)]


def linked(rows, param) -> list[dict]:
    """Give each statistics row the demand lists behind its figures (none for "not assigned")."""
    for row in rows:
        key = row["key"]
        row["urls"] = {} if key is None else {
            "total": demands_url(**{param: key}), "open": demands_url(**{param: key}, state="open"),
            "overdue": demands_url(**{param: key}, overdue="true")}
    return rows


def panels_for(user, now) -> dict:
    """The role's panels; each is one or two queries, whatever the number of demands."""
    panels = {}
    if may.sees_park_breakdown(user):
        panels["breakdown"] = [(dim, linked(rows, dim))
                               for dim, rows in queries.park_breakdown(user, now).items()]
    if may.sees_park_comparison(user):
        panels["parks"] = linked(queries.park_comparison(user, now), "park")
    if may.sees_grid_demands(user) or may.sees_firm_panel(user):
        panels["open_demands"] = list(queries.open_demands(user))
        panels["open_total"] = queries.open_total(user)
    if may.sees_service_requests(user):
        panels["service_requests"] = list(queries.assigned_demands(user))
    return panels


def home_context(user) -> dict:
    """The page's context; the unread count is also the nav badge's (counted once)."""
    now, unread = timezone.now(), unread_count(user)
    panels, recent = panels_for(user, now), list(queries.recent_demands(user))
    # The lists' lights and time left, as on the demand pages. The calendar is read once, whether
    # or not a list shows an open demand, so each role pays a fixed number of queries.
    with_lights([*panels.get("open_demands", []), *panels.get("service_requests", []), *recent],
                work_calendar())
    return {"tiles": tiles_for(user, now, unread), **panels, "unread_notifications": unread,
            "recent_demands": recent,
            "recent_events": queries.recent_events(user),
            "can_submit": can_submit(user), "is_institution": may.sees_service_requests(user),
            "open_list_url": demands_url(state="open")}
