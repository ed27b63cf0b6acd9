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
