"""The battle map (挂图作战): access, the embedded GeoJSON in bounded queries, and in chromium a click
on a plot's centre in the canvas (and on the side list, built from the same data) that opens the plot
or its project."""

import json
import os
import re
from decimal import Decimal

import pytest
from django.test import TestCase
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.land.tests.helpers import make_plot
from yuanqu.projects.models import Project

SHOTS = os.environ.get("YUANQU_SCREENSHOTS", "")


def build(park_people):
    plots = [make_plot(park_people.park, park_people.admin, f"A-{i:02d}", i=i % 3, j=i // 3,
                       name=f"地块{i}", status="idle" if i == 4 else "in_use") for i in range(6)]
    Project.objects.create(park=park_people.park, name="高端装备产业园", year=2025,
                           investor_name="青岛某公司", total_investment=Decimal("80000"), plot=plots[0],
                           health="red")
    return plots


def embedded(html):
    match = re.search(r'<script id="battle-map-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


class BattleMapPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.q = make_park("b", offset=10)
        cls.district = make_district_admin()
        cls.plots = build(cls.p)
        make_plot(cls.q.park, cls.q.admin, "B-01")

    def test_office_people_see_their_park_s_map(self):
        for user in [self.p.staff, self.p.grid_worker]:
            self.client.force_login(user)
            response = self.client.get("/projects/map/")
            assert response.status_code == 200
            data = embedded(response.content.decode())
            assert [f["properties"]["code"] for f in data["features"]][:2] == ["A-00", "A-01"]
            assert len(data["features"]) == 6 and data["color_by"] == "project"
            assert data["features"][0]["properties"]["project_health"] == "red"
        for user in [self.p.firm_user, self.p.institution_user]:
            self.client.force_login(user)
            assert self.client.get("/projects/map/").status_code == 403

    def test_colour_by_land_and_the_side_list(self):
        self.client.force_login(self.p.staff)
        html = self.client.get("/projects/map/?color_by=land").content.decode()
        assert embedded(html)["features"][4]["properties"]["color"] == "#fc8452"
        assert 'data-testid="plot-list"' in html and "按土地状态" in html and "闲置" in html

    def test_the_district_picks_one_park(self):
        self.client.force_login(self.district)
        html = self.client.get(f"/projects/map/?park={self.q.park.pk}").content.decode()
        assert [f["properties"]["code"] for f in embedded(html)["features"]] == ["B-01"]
        assert self.client.get("/projects/map/?park=999").status_code == 404

    def test_queries_do_not_grow_with_the_plots(self):
        self.client.force_login(self.p.staff)
        self.client.get("/projects/map/")
        with self.assertNumQueries(6):  # session, user, plots, projects, park, unread count
            self.client.get("/projects/map/")
        for i in range(6, 20):
            make_plot(self.p.park, self.p.admin, f"A-{i:02d}", i=i % 3, j=i // 3)
        with self.assertNumQueries(6):
            self.client.get("/projects/map/")


@pytest.fixture
def mapped_park(reference_data):
    people = make_park("a")
    return people, build(people)


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def canvas_point(page, code):
    page.wait_for_function("window.battleMap !== undefined")
    x, y = page.evaluate("(code) => window.battleMap.pixelOf(code)", code)
    box = page.locator("#battle-map").bounding_box()
    return box["x"] + x, box["y"] + y


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", [1366, 390])
def test_clicking_a_plot_on_the_canvas_opens_it(page, live_server, mapped_park, width):
    people, plots = mapped_park
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, people.staff)
    page.goto(f"{live_server.url}/projects/map/?color_by=land")
    expect(page.locator("[data-testid=legend]")).to_contain_text("闲置")
    expect(page.locator("[data-testid=plot-list] a[data-plot-code]")).to_have_count(6)
    shot(page, f"battle_map_{width}")
    target = plots[4]  # no project on it: the click opens the plot page
    page.mouse.click(*canvas_point(page, target.code))
    page.wait_for_url(f"**/land/plots/{target.pk}/")
    expect(page.locator("h1")).to_contain_text(target.code)
    page.go_back()
    page.click(f"[data-plot-code='{plots[1].code}']")
    page.wait_for_url(f"**/land/plots/{plots[1].pk}/")
    shot(page, f"plot_detail_{width}")
    assert not page.js_errors, page.js_errors
