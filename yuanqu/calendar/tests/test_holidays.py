"""The official holiday calendar: bundled notices, loading files, missing years."""

import io
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from yuanqu.calendar import holidays
from yuanqu.calendar.models import CalendarDay
from yuanqu.calendar.workdays import WorkCalendar

pytestmark = pytest.mark.django_db

HEADER = "from,to,kind,name\n"


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "holidays.csv"
    path.write_bytes((HEADER + text).encode(encoding))
    return path


def test_a_fresh_database_has_the_bundled_official_holidays():
    # Loaded by demands 0003 into the table calendar 0001 took over (SeparateDatabaseAndState):
    # 春节 2026 is off, and the Saturday before it is worked (调休).
    assert CalendarDay.objects.get(date=date(2026, 2, 17)).kind == "holiday"
    assert CalendarDay.objects.get(date=date(2026, 2, 14)).kind == "workday"
    assert CalendarDay.objects.filter(date__year=2026, kind="holiday").count() == 33
    tables = connection.introspection.table_names()
    assert "calendar_calendarday" in tables and "demands_calendarday" not in tables


def test_deadlines_skip_the_holidays_that_were_loaded():
    from yuanqu.calendar.queries import work_calendar

    # Filed on Friday 13 Feb 2026 with 3 working days: Sat 14 (调休) is worked, 15–23 are 春节.
    filed = datetime(2026, 2, 13, 10, 0)
    assert work_calendar().add_working_days(filed, 3) == datetime(2026, 2, 25, 10, 0)
    assert WorkCalendar().add_working_days(filed, 3) == datetime(2026, 2, 18, 10, 0)


def test_bad_rows_are_all_reported_and_nothing_is_loaded(tmp_path):
    path = write(tmp_path, "2027-01-01,2027-01-01,holiday,元旦\n"
                           "2027-13-01,2027-13-02,holiday,错日\n"
                           "2027-02-01,2027-02-03,vacation,春节\n"
                           "2027-05-05,2027-05-01,holiday,劳动节\n"
                           "2027-01-01,2027-01-02,holiday,元旦\n"
                           "2027-06-01,2027-06-01,holiday,<b>端午</b>\n")
    with pytest.raises(holidays.CalendarFileError) as info:
        holidays.read(path)
    assert [row for row, _reason in info.value.errors] == [3, 4, 5, 6, 7]
    reasons = dict(info.value.errors)
    assert "YYYY-MM-DD" in reasons[3] and "vacation" in reasons[4]
    assert reasons[6] == "2027-01-01 已在第 2 行出现"
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何日期"):
        call_command("load_holidays", str(path), stdout=io.StringIO(), stderr=err)
    assert "第 5 行" in err.getvalue()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_errors_name_the_line_in_the_file_also_after_a_blank_line(tmp_path):
    path = write(tmp_path, "2027-01-01,2027-01-01,holiday,元旦\n\n2027-13-01,2027-13-01,holiday,错日\n")
    with pytest.raises(holidays.CalendarFileError) as info:
        holidays.read(path)
    assert [row for row, _reason in info.value.errors] == [4]


def test_a_file_that_is_not_a_calendar_is_refused(tmp_path):
    wrong = tmp_path / "firms.csv"
    wrong.write_text("name,code\n甲,1\n", encoding="utf-8")
    with pytest.raises(holidays.CalendarFileError, match="from, to, kind"):
        holidays.read(wrong)
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("load_holidays", str(write(tmp_path, "2027-01-01,2027-01-01,holiday,元旦\n", "gbk")))
    with pytest.raises(CommandError, match="无法读取"):
        call_command("load_holidays", str(tmp_path / "missing.csv"))


def test_loading_adds_new_days_and_keeps_corrected_ones(tmp_path):
    CalendarDay.objects.filter(date=date(2026, 10, 10)).update(kind="holiday", name="园区补休")
    path = write(tmp_path, "2026-10-10,2026-10-10,workday,调休上班\n2027-01-01,2027-01-01,holiday,元旦\n")
    out, err = io.StringIO(), io.StringIO()
    call_command("load_holidays", str(path), stdout=out, stderr=err)
    assert "新增 1 天，已有 1 天保持不变" in out.getvalue()
    assert "2026-10-10" in err.getvalue() and "园区补休" in err.getvalue()  # the difference is shown
    assert CalendarDay.objects.get(date=date(2026, 10, 10)).name == "园区补休"
    assert CalendarDay.objects.get(date=date(2027, 1, 1)).kind == "holiday"
    call_command("load_holidays", str(path), stdout=out, stderr=io.StringIO())  # idempotent
    assert CalendarDay.objects.filter(date__year=2027).count() == 1


def test_missing_years_are_this_year_and_next_year_from_november():
    assert holidays.missing_years(date(2026, 6, 1)) == []
    assert holidays.missing_years(date(2026, 11, 1)) == [2027]
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦")
    assert holidays.missing_years(date(2026, 11, 28)) == []
    assert holidays.missing_years(date(2028, 3, 1)) == [2028]
