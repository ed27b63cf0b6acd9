"""Working-day arithmetic, pure (no database)."""

from datetime import date, datetime, timedelta

import pytest

from yuanqu.calendar import holidays
from yuanqu.calendar.workdays import WorkCalendar

NATIONAL_DAY = WorkCalendar(
    holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
    workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}))
# 春节 2026: 15–23 Feb off; Saturdays 14 and 28 Feb are worked (调休).
SPRING_FESTIVAL = WorkCalendar(
    holidays=frozenset(date(2026, 2, d) for d in range(15, 24)),
    workdays=frozenset({date(2026, 2, 14), date(2026, 2, 28)}))


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
    assert SPRING_FESTIVAL.add_working_days(datetime(2026, 2, 18, 12, 0), 0) == datetime(2026, 2, 24, 8, 30)


def test_working_days_between():
    assert WorkCalendar().working_days_between(date(2026, 11, 27), date(2026, 12, 1)) == 2


def test_next_and_previous_workday_never_return_the_day_itself():
    cal = SPRING_FESTIVAL
    assert cal.next_workday(date(2026, 2, 13)) == date(2026, 2, 14)  # Friday → the 调休 Saturday
    assert cal.next_workday(date(2026, 2, 14)) == date(2026, 2, 24)  # across 春节
    assert cal.next_workday(date(2026, 2, 18)) == date(2026, 2, 24)  # from inside the holiday
    assert cal.previous_workday(date(2026, 2, 24)) == date(2026, 2, 14)
    assert cal.previous_workday(date(2026, 2, 18)) == date(2026, 2, 14)
    assert cal.previous_workday(date(2026, 2, 14)) == date(2026, 2, 13)
    assert WorkCalendar().previous_workday(date(2026, 11, 30)) == date(2026, 11, 27)  # Monday → Friday


def test_add_workdays_backwards_across_spring_festival_and_an_adjusted_weekend():
    cal = SPRING_FESTIVAL
    assert cal.add_workdays(date(2026, 3, 2), -1) == date(2026, 2, 28)  # the 调休 Saturday counts
    assert cal.add_workdays(date(2026, 3, 2), -2) == date(2026, 2, 27)
    assert cal.add_workdays(date(2026, 2, 25), -1) == date(2026, 2, 24)
    assert cal.add_workdays(date(2026, 2, 25), -2) == date(2026, 2, 14)  # 15–23 Feb skipped
    assert cal.add_workdays(date(2026, 2, 25), -3) == date(2026, 2, 13)
    assert NATIONAL_DAY.add_workdays(date(2026, 10, 12), -4) == date(2026, 9, 30)  # Sat 10 Oct worked


def test_add_workdays_forwards_and_zero():
    cal = SPRING_FESTIVAL
    assert cal.add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert cal.add_workdays(date(2026, 2, 21), 1) == date(2026, 2, 24)  # a start on a day off
    assert cal.add_workdays(date(2026, 2, 21), 0) == date(2026, 2, 21)  # zero steps: as given


@pytest.mark.parametrize("n", [1, 2, 5, 10, 20])
def test_add_workdays_agrees_with_working_days_between_and_undoes_itself(n):
    days = holidays.read()  # the bundled 2026 notice; a file, no database
    cal = WorkCalendar(holidays=frozenset(d.date for d in days if d.kind == "holiday"),
                       workdays=frozenset(d.date for d in days if d.kind == "workday"))
    for day in (date(2026, 1, 1) + timedelta(days=i) for i in range(365)):
        later = cal.add_workdays(day, n)
        assert cal.working_days_between(day, later) == n
        assert cal.add_workdays(later, -n) == (day if cal.is_workday(day) else cal.previous_workday(day))


def test_the_standard_library_calendar_is_not_shadowed():
    import calendar

    assert calendar.isleap(2028) and calendar.monthrange(2026, 2) == (6, 28)
