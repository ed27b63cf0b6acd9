"""Deadline arithmetic on a working-day calendar (pure; the calendar is passed in)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class WorkCalendar:
    """Weekends are days off unless listed in `workdays` (调休上班); `holidays` are days off."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The same clock time `days` working days after `start` (a start on a day off counts
        from the next working day's beginning)."""
        current = start
        if not self.is_workday(current.date()):
            current = self._next_workday_start(current)
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_workday(current.date()):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_workday(day)
        return count

    def _next_workday_start(self, moment: datetime) -> datetime:
        day = moment.date()
        while not self.is_workday(day):
            day += timedelta(days=1)
        return moment.replace(year=day.year, month=day.month, day=day.day, hour=8, minute=30,
                              second=0, microsecond=0)


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
