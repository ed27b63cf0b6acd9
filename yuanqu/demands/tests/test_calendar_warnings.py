"""Demands warn park staff when the official calendar lacks a year's public holidays."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from yuanqu.calendar.models import CalendarDay

from .helpers import demand_park

pytestmark = pytest.mark.django_db


def test_scan_sla_and_the_staff_lists_warn_about_a_missing_year(client):
    CalendarDay.objects.all().delete()
    err = io.StringIO()
    call_command("scan_sla", stdout=io.StringIO(), stderr=err)
    assert "法定节假日尚未录入" in err.getvalue()
    p = demand_park()
    client.force_login(p.staff)
    page = client.get("/demands/").content.decode()
    assert 'data-testid="calendar-missing"' in page and "请区级管理员在后台录入" in page
    client.force_login(p.firm_user)
    assert 'data-testid="calendar-missing"' not in client.get("/demands/").content.decode()


def test_the_warning_links_to_the_calendar_for_those_who_may_edit_it(client):
    CalendarDay.objects.all().delete()
    p = demand_park()
    p.staff.is_staff = True
    p.staff.save(update_fields=["is_staff"])
    p.staff.user_permissions.add(Permission.objects.get(
        content_type__app_label="calendar", codename="change_calendarday"))
    client.force_login(p.staff)
    page = client.get("/demands/").content.decode()
    assert 'href="/admin/calendar/calendarday/"' in page
    assert client.get("/admin/calendar/calendarday/?date__year=2026").status_code == 200
