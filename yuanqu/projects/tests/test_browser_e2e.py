"""End to end in chromium on the demo park: the battle map, a project, a milestone, the dispatch report.

Staff (经发部 李娜, task-force lead of the red 银钻 project) opens the battle map, clicks the
project's plot on the map canvas (the pixel the page exposes for tests), records the overdue
milestone's actual finish on the project page, then downloads this week's dispatch report and the
.docx lists the red projects under 「一、红色（逾期）项目」 with red-shaded status cells. At phone
width the same plot is reached from the side list. With YUANQU_SCREENSHOTS=<dir> the pages are
also kept as screenshots at 1280 and 390 px.
"""

import os
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = os.environ.get("YUANQU_SCREENSHOTS", "")
RED_PLOT = "JM-A-04"  # 银钻精密零部件智能制造项目: its 主体封顶 is overdue


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    """The main demo park (firms, demands, land, key projects, meetings), seeded as `seed_demo` does."""
    from yuanqu.demo.builders import MAIN, build_park

    settings.MEDIA_ROOT = tmp_path / "media"
    park, people = build_park(MAIN)
    return park, people


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _login(page, live_server, user):
    from yuanqu.demo.builders import DEMO_PASSWORD

    login(page, live_server, user, DEMO_PASSWORD)


def _click_plot_on_canvas(page, code):
    page.wait_for_function("() => window.battleMap && window.battleMap.pixelOf")
    x, y = page.evaluate("code => window.battleMap.pixelOf(code)", code)
    page.locator("#battle-map canvas").first.click(position={"x": x, "y": y})


def red_cells(document) -> set[str]:
    """Names of the projects whose status cell is 「红」 on a red (FF0000) shading."""
    names = set()
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            for cell in cells:
                shd = cell._tc.get_or_add_tcPr().find(qn("w:shd"))
                if cell.text.strip() == "红" and shd is not None and shd.get(qn("w:fill")) == "FF0000":
                    names.add(cells[1].text.strip())
    return names


def red_section(document) -> str:
    """The text between 「一、红色（逾期）项目」 and 「二、黄色（滞后）项目」."""
    texts = [p.text for p in document.paragraphs]
    start = texts.index("一、红色（逾期）项目")
    end = next(i for i, t in enumerate(texts) if t.startswith("二、"))
    return "\n".join(texts[start + 1:end])


def test_staff_clicks_a_red_plot_records_a_milestone_and_downloads_the_report(page, live_server, demo):
    from yuanqu.projects.models import Meeting, Milestone, Project

    park, people = demo
    project = Project.objects.get(park=park, plot__code=RED_PLOT)
    topping = project.milestones.get(key="topping")
    assert project.health == "red" and topping.actual_start and not topping.actual_finish
    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, live_server, people["staff"])

    page.goto(f"{live_server.url}{reverse('projects:battle_map')}?color_by=project")
    expect(page.locator(f"[data-plot-code='{RED_PLOT}']")).to_be_visible()
    _click_plot_on_canvas(page, RED_PLOT)
    page.wait_for_url(f"**{reverse('projects:project_detail', args=[project.pk])}")
    expect(page.locator("h1")).to_contain_text(project.name)

    yesterday = timezone.localdate() - timedelta(days=1)
    row = page.locator("tr[data-key='topping']")
    row.locator("[data-testid=edit-milestone]").click()
    form = page.locator("[data-testid=milestone-form]")
    form.locator("#id_actual_finish").fill(yesterday.isoformat())
    form.locator("button[type=submit]").click()
    expect(page.locator("tr[data-key='topping'] [data-testid=actual]")).to_contain_text(yesterday.isoformat())
    assert Milestone.objects.get(pk=topping.pk).actual_finish == yesterday

    red = set(Project.objects.filter(park=park, health="red").values_list("name", flat=True))
    assert project.name in red and len(red) >= 2
    meeting = Meeting.objects.filter(park=park, closed=False).latest("held_on")
    page.goto(f"{live_server.url}{reverse('projects:meeting_detail', args=[meeting.pk])}")
    with page.expect_download() as info:
        page.click("[data-testid=download-docx]")
    document = Document(info.value.path())
    section = red_section(document)
    assert all(name in section for name in red)
    assert red_cells(document) == red
    _shoot_pages(page, live_server, park, project, 1280)
    assert not page.js_errors


def test_on_a_phone_the_side_list_leads_to_the_plot(page, live_server, demo):
    from yuanqu.projects.models import Project

    park, people = demo
    project = Project.objects.get(park=park, plot__code=RED_PLOT)
    page.set_viewport_size({"width": 390, "height": 844})
    _login(page, live_server, people["staff"])
    page.goto(f"{live_server.url}{reverse('projects:battle_map')}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(f"[data-plot-code='{RED_PLOT}']").click()
    page.wait_for_url(f"**{reverse('projects:project_detail', args=[project.pk])}")
    expect(page.locator("h1")).to_contain_text(project.name)
    _shoot_pages(page, live_server, park, project, 390)
    assert not page.js_errors


def _shoot_pages(page, live_server, park, project, width):
    """With YUANQU_SCREENSHOTS set: the battle map, the project, its Gantt, the ranking, the land
    pages and the meeting, at `width`."""
    from yuanqu.land.models import LandNeed, Plot
    from yuanqu.projects.models import Meeting

    if not SHOTS:
        return
    plot = Plot.objects.get(park=park, code="JM-H-01")  # a plot with a plan in progress
    pages = [("battle_map", reverse("projects:battle_map")),
             ("battle_map_land", reverse("projects:battle_map") + "?color_by=land"),
             ("project", reverse("projects:project_detail", args=[project.pk])),
             ("gantt", reverse("projects:project_gantt", args=[project.pk])),
             ("ranking", reverse("projects:ranking")),
             ("projects", reverse("projects:project_list")),
             ("plots", reverse("land:plot_list")), ("plot", reverse("land:plot_detail", args=[plot.pk])),
             ("need", reverse("land:need_detail", args=[LandNeed.objects.filter(park=park).first().pk])),
             ("figures", reverse("land:figures")),
             ("meeting", reverse("projects:meeting_detail",
                                 args=[Meeting.objects.filter(park=park).latest("held_on").pk]))]
    for name, url in pages:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
        shot(page, f"{name}_{width}")
