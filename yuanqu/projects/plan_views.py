"""Planning pages: the Gantt of one project's milestones and the monthly ranking (月度排名).

The views are thin; `gantt_data` (pure) shapes the chart's JSON and `ranking_rows` reads what the
ranking needs in three queries, whatever the number of projects.
"""

import re
from collections import defaultdict
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from yuanqu.calendar.queries import work_calendar
from yuanqu.calendar.workdays import WorkCalendar

from .models import Health, Milestone, MonthlyInvestment, Stage
from .permissions import can_see_projects
from .queries import visible_projects
from .schedule import working_days_between
from .status import RankRow, milestone_health, monthly_ranking, project_health

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _visible(user):
    if not can_see_projects(user):
        raise PermissionDenied
    return visible_projects(user).select_related("park")


# --- the Gantt ----------------------------------------------------------------------------------

def _span(start: date | None, finish: date | None) -> list[str] | None:
    if start is None or finish is None:
        return None
    return [start.isoformat(), max(start, finish).isoformat()]


def gantt_row(m, today: date) -> dict:
    """One milestone's bars: planned, forecast (while unfinished) and actual (to today while under way)."""
    finished = m.actual_finish is not None
    return {"key": m.key, "name": m.name, "days": m.duration_days, "critical": m.critical,
            "health": m.health, "float": m.float_days,
            "planned": _span(m.planned_start, m.planned_finish),
            "forecast": None if finished else _span(m.forecast_start, m.forecast_finish),
            "actual": _span(m.actual_start, m.actual_finish or (today if m.actual_start else None))}


def gantt_data(milestones, *, today: date) -> dict:
    """The chart's JSON: one row per milestone in order, today, and the labels in the user's language."""
    return {"today": today.isoformat(), "rows": [gantt_row(m, today) for m in milestones],
            "names": {"planned": _("Planned"), "forecast": pgettext("gantt", "Forecast"),
                      "actual": _("Actual"), "today": _("Today"), "critical": _("Critical"),
                      "float": _("float (working days)"),
                      "health": {h.value: str(h.label) for h in Health}}}


@login_required
def project_gantt(request, pk):
    project = get_object_or_404(_visible(request.user), pk=pk)
    milestones = list(project.milestones.all())
    today = timezone.localdate()
    return render(request, "projects/gantt.html", {
        "project": project, "milestones": milestones, "today": today,
        "chart": gantt_data(milestones, today=today)})


# --- the monthly ranking -----------------------------------------------------------------------

def parse_month(text: str | None, today: date) -> tuple[date, str]:
    """The first day of ?month=YYYY-MM (this month when absent or invalid) and an error, if any."""
    if not text:
        return today.replace(day=1), ""
    match = MONTH.match(text.strip())
    if match and 2000 <= int(match[1]) <= 2100 and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1), ""
    return today.replace(day=1), _("Month: use the form YYYY-MM, e.g. 2026-10.")


def month_end(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _tally(rows, first: date, last: date, ref: date, cal: WorkCalendar) -> dict:
    """Due and finished this month, overdue as of `ref` and the colours as of `ref` of one
    project's milestones (planned_finish, forecast_finish, actual_finish)."""
    out = {"planned": 0, "done": 0, "overdue": 0, "late": 0, "healths": []}
    for planned, forecast, actual in rows:
        actual = actual if actual is not None and actual <= ref else None
        out["healths"].append(milestone_health(planned_finish=planned, forecast_finish=forecast,
                                               actual_finish=actual, today=ref, cal=cal))
        if planned is None:
            continue
        if first <= planned <= last:
            out["planned"] += 1
            out["done"] += actual is not None
        if actual is None and planned < ref:
            out["overdue"] += 1
            out["late"] = max(out["late"], working_days_between(cal, planned, ref))
    return out


def ranking_rows(projects: list, first: date, *, today: date, cal: WorkCalendar) -> list[RankRow]:
    """RankRows of `projects` for the month starting `first`, as the month stood at its end (or
    today, for the current month): two queries, whatever the number of projects."""
    last = month_end(first)
    ref = min(today, last)
    ids = [p.pk for p in projects]
    milestones = defaultdict(list)
    for pid, *dates in (Milestone.objects.filter(project__in=ids).order_by()
                        .values_list("project_id", "planned_finish", "forecast_finish", "actual_finish")):
        milestones[pid].append(dates)
    invested = dict(MonthlyInvestment.objects
                    .filter(project__in=ids, month__gte=first.replace(month=1), month__lte=first)
                    .values("project").annotate(total=Sum("amount")).values_list("project", "total"))
    rows = []
    for p in projects:
        t = _tally(milestones[p.pk], first, last, ref, cal)
        health = p.health if ref == today else project_health(t["healths"])
        rows.append(RankRow(project_id=p.pk, name=p.name, health=health, planned_this_month=t["planned"],
                            finished_this_month=t["done"], invested_ytd=invested.get(p.pk) or 0,
                            annual_plan=p.annual_planned_investment, overdue_milestones=t["overdue"],
                            max_overdue_days=t["late"]))
    return rows


def ranking_context(user, month_text: str | None, *, today: date) -> dict:
    """Everything the ranking page shows; projects in production are left out."""
    projects = {p.pk: p for p in _visible(user).exclude(stage=Stage.OPERATING)}
    first, error = parse_month(month_text, today)
    rows = ranking_rows(list(projects.values()), first, today=today, cal=work_calendar())
    ranked = monthly_ranking(rows, month_of_year=first.month)
    return {"ranked": [(r, projects[r.row.project_id]) for r in ranked], "month": first, "error": error,
            "show_park": len({p.park_id for p in projects.values()}) > 1,
            "previous": (first - timedelta(days=1)).strftime("%Y-%m"),
            "next": (month_end(first) + timedelta(days=1)).strftime("%Y-%m")}


@login_required
def ranking(request):
    context = ranking_context(request.user, request.GET.get("month"), today=timezone.localdate())
    return render(request, "projects/ranking.html", context)
