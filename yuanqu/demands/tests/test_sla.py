"""Working-day deadline arithmetic, pure."""

from datetime import date, datetime, timedelta

from yuanqu.demands.sla import Limit, WorkCalendar, deadline, traffic_light, warn_at

NATIONAL_DAY = WorkCalendar(
    holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
    workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}))


def test_weekends_are_skipped():
    cal = WorkCalendar()
    friday = datetime(2026, 11, 27, 10, 0)
    assert cal.add_working_days(friday, 1) == datetime(2026, 11, 30, 10, 0)
    assert cal.add_working_days(friday, 5) == datetime(2026, 12, 4, 10, 0)


def test_holidays_and_adjusted_working_days():
    start = datetime(2026, 9, 30, 9, 0)
    # 10-01..07 off, 10-08 Thu, 10-09 Fri, 10-10 Sat is a working day.
    assert NATIONAL_DAY.add_working_days(start, 3) == datetime(2026, 10, 10, 9, 0)
    assert NATIONAL_DAY.is_workday(date(2026, 9, 20))


def test_submission_on_a_day_off_counts_from_the_next_working_morning():
    saturday = datetime(2026, 11, 28, 22, 0)
    assert WorkCalendar().add_working_days(saturday, 1) == datetime(2026, 12, 1, 8, 30)


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


def test_working_days_between():
    assert WorkCalendar().working_days_between(date(2026, 11, 27), date(2026, 12, 1)) == 2
