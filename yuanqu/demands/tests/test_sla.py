"""Demand deadline arithmetic, pure (WorkCalendar itself is tested in the calendar app)."""

from datetime import date, datetime, timedelta

from yuanqu.calendar.workdays import WorkCalendar
from yuanqu.demands.sla import Limit, deadline, traffic_light, warn_at

NATIONAL_DAY = WorkCalendar(
    holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
    workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}))


def test_normal_limits_are_working_days():
    start = datetime(2026, 9, 30, 9, 0)
    assert deadline(NATIONAL_DAY, start, Limit(days=3)) == datetime(2026, 10, 10, 9, 0)


def test_emergency_limits_are_calendar_hours():
    start = datetime(2026, 10, 3, 23, 0)
    assert deadline(NATIONAL_DAY, start, Limit(hours=4)) == start + timedelta(hours=4)


def test_traffic_light_and_warning_time():
    start, due = datetime(2026, 1, 5, 9), datetime(2026, 1, 9, 9)
    warn = warn_at(start, due)
    assert warn == datetime(2026, 1, 8, 9)
    assert traffic_light(start, warn, due) == "green"
    assert traffic_light(warn, warn, due) == "yellow"
    assert traffic_light(due, warn, due) == "red"


def test_time_left_in_working_days_hours_or_overdue():
    from yuanqu.demands.sla import time_left

    due = datetime(2026, 10, 9, 17)  # Friday after National Day; Oct 1–7 are holidays
    assert time_left(NATIONAL_DAY, datetime(2026, 9, 30, 9), due) == ("workdays", 2)  # Oct 8, Oct 9
    assert time_left(NATIONAL_DAY, datetime(2026, 10, 9, 9, 30), due) == ("hours", 8)
    assert time_left(NATIONAL_DAY, datetime(2026, 10, 9, 16, 50), due) == ("hours", 1)
    assert time_left(NATIONAL_DAY, datetime(2026, 10, 9, 20), due) == ("overdue_hours", 3)
    assert time_left(NATIONAL_DAY, datetime(2026, 10, 12, 18), due) == ("overdue_days", 3)
    assert time_left(NATIONAL_DAY, due, None) is None
