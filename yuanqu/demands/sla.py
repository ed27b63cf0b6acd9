"""Deadline arithmetic on a working-day calendar (pure; the calendar is passed in)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from yuanqu.calendar.workdays import WorkCalendar


@dataclass(frozen=True)
class Limit:
    """A time limit: working days, or calendar hours for emergencies."""

    days: int = 0
    hours: int = 0


def deadline(calendar: WorkCalendar, start: datetime, limit: Limit) -> datetime:
    if limit.hours:
        return start + timedelta(hours=limit.hours)
    return calendar.add_working_days(start, limit.days)


def warn_at(start: datetime, due: datetime) -> datetime:
    """When to warn the handler: with a quarter of the allowed time left."""
    return due - (due - start) / 4


def traffic_light(now: datetime, warn: datetime | None, due: datetime | None) -> str:
    """green / yellow / red for lists, read from the stored columns (nothing recomputed)."""
    if due is None:
        return "green"
    if now >= due:
        return "red"
    return "yellow" if warn is not None and now >= warn else "green"


def time_left(calendar: WorkCalendar, now: datetime, due: datetime | None) -> tuple[str, int] | None:
    """("workdays"|"hours", n) until `due`, or ("overdue_days"|"overdue_hours", n) past it."""
    if due is None:
        return None
    gap = abs(due - now)  # both local times: working days are counted on local dates
    hours = -(-gap // timedelta(hours=1))  # ceiling: 10 minutes left reads "1 hour"
    if now >= due:
        return ("overdue_hours", hours) if gap < timedelta(days=1) else ("overdue_days", gap.days)
    days = calendar.working_days_between(now.date(), due.date())
    return ("hours", hours) if gap < timedelta(days=1) or days == 0 else ("workdays", days)
