"""In chromium: the task-force lead opens an overdue project, records a milestone's actual finish
inline, and sees the milestone and the project turn from red to green (desktop and phone width)."""

import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yuanqu.calendar.queries import work_calendar
from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import make_park
from yuanqu.projects import services
from yuanqu.projects.models import Milestone, Project

from .helpers_projects import make_project, small_template

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = os.environ.get("YUANQU_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def overdue(reference_data):
    """A planned project whose first milestone should have finished ten working days ago."""
    p = make_park("a")
    p.project = make_project(p)
    cal, today = work_calendar(), timezone.localdate()
    services.apply_template(p.project, small_template(), cal.add_workdays(today, 20), actor=p.admin)
    late = cal.add_workdays(today, -10)
    Milestone.objects.filter(project=p.project, key="a").update(  # the plan as it stood back then
        planned_start=cal.add_workdays(late, -1), planned_finish=late)
    services.refresh_health(Project.objects.filter(pk=p.project.pk))
    p.late = late
    return p


@pytest.mark.parametrize("width", [1280, 390])
def test_lead_records_an_actual_finish_and_the_colours_change(page, live_server, overdue, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, overdue.staff)
    page.goto(f"{live_server.url}/projects/")
    page.click("[data-testid=project-name] a")
    expect(page.locator("[data-testid=project-title]")).to_have_text("新能源汽车零部件项目")
    row = page.locator("tr[data-key=a]")
    expect(row.locator("[data-health]")).to_have_attribute("data-health", "red")
    expect(page.locator("[data-testid=project-health] [data-health]")).to_have_attribute("data-health", "red")
    shot(page, f"project_detail_red_{width}")
    row.locator("[data-testid=edit-milestone]").click()
    form = page.locator("[data-testid=milestone-form]")
    expect(form).to_be_visible()
    form.locator("#id_actual_finish").fill(overdue.late.isoformat())
    shot(page, f"milestone_form_{width}")
    form.locator("button[type=submit]").click()
    expect(page.locator("tr[data-key=a] [data-health]")).to_have_attribute("data-health", "green")
    project_health = page.locator("[data-testid=project-health] [data-health]")
    expect(project_health).to_have_attribute("data-health", "green")
    expect(page.locator("tr[data-key=a] [data-testid=actual]")).to_contain_text(overdue.late.isoformat())
    shot(page, f"project_detail_green_{width}")
    assert Project.objects.get(pk=overdue.project.pk).health == "green"
    assert not page.js_errors
