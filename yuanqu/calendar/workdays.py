"""Working-day arithmetic on a calendar of exceptions (pure; the calendar's days are passed in).

Conventions for the date helpers:
- `next_workday(day)` / `previous_workday(day)`: the first working day strictly after / before
  `day`, whether or not `day` itself is a working day.
- `add_workdays(day, n)`: the n-th working day after `day` (n > 0) or before it (n < 0); `day`
  itself is never counted, so a start on a day off does not matter. n = 0 returns `day` as given.
  Forward, `working_days_between(day, add_workdays(day, n)) == n`.
- Backward scheduling: a task of n working days that ends on working day `due` (`due` included)
  starts on `add_workdays(due, -(n - 1))`; one that must be done before `due` starts on
  `add_workdays(due, -n)`.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    """Weekends are days off unless listed in `workdays` (调休上班); `holidays` are days off."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_workday(self, day: date) -> date:
        """The first working day after `day` (not `day` itself)."""
        return self._step(day, ONE_DAY)

    def previous_workday(self, day: date) -> date:
        """The last working day before `day` (not `day` itself)."""
        return self._step(day, -ONE_DAY)

    def add_workdays(self, day: date, n: int) -> date:
        """The n-th working day after `day`, or before it for negative n (see the module notes)."""
        step = ONE_DAY if n > 0 else -ONE_DAY
        for _i in range(abs(n)):
            day = self._step(day, step)
        return day

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The same clock time `days` working days after `start` (a start on a day off counts
        from the next working day's beginning)."""
        current = start
        if not self.is_workday(current.date()):
            current = self._next_workday_start(current)
        remaining = days
        while remaining > 0:
            current += ONE_DAY
            if self.is_workday(current.date()):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`."""
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_workday(day)
        return count

    def _step(self, day: date, step: timedelta) -> date:
        # Terminates: only finitely many weekdays can be holidays.
        day += step
        while not self.is_workday(day):
            day += step
        return day

    def _next_workday_start(self, moment: datetime) -> datetime:
        day = self.next_workday(moment.date())
        return moment.replace(year=day.year, month=day.month, day=day.day, hour=8, minute=30,
                              second=0, microsecond=0)
