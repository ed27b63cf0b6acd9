"""Every role opens its workbench in chromium, at desktop width and on a phone (390×844)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import make_district_admin
from yuanqu.demands.models import Demand
from yuanqu.demands.tests.helpers import demand_park, file_demand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture
def parks(reference_data):
    a, b = demand_park("a"), demand_park("b", offset=10)
    overdue = file_demand(a)
    file_demand(a)
    Demand.objects.filter(pk=overdue.pk).update(deadline_at=timezone.now() - timedelta(days=1))
    file_demand(b, enterprise=b.firm, actor=b.firm_user)
    return a, b, make_district_admin()



def expected(a, district):
    """user → the tiles (data-testid suffix → count) the page must show."""
    queue = {"to_accept": "2", "overdue": "1"}
    return [(a.staff, {**queue, "to_confirm": "0"}), (a.admin, {"to_confirm": "0"}),
            (a.grid_worker, {"overdue": "1"}), (a.firm_user, {"open": "2", "to_rate": "0"}),
            (a.institution_user, {"unread": "0"}), (district, {"to_confirm": "0", "unread": "0"})]


def test_every_role_sees_its_workbench_on_desktop_and_phone(page, live_server, parks, tmp_path):
    a, b, district = parks
    shots = Path(os.environ.get("YUANQU_SCREENSHOTS", tmp_path))
    for user, tiles in expected(a, district):
        login(page, live_server, user)
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{live_server.url}/")
            for key, count in tiles.items():
                expect(page.get_by_test_id(f"count-{key}")).to_have_text(count)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (user, size)
            page.screenshot(path=str(shots / f"workbench-{user.username}-{size}.png"), full_page=True)
    expect(page.get_by_test_id("parks")).to_contain_text(b.park.name)
    assert page.js_errors == []


def test_a_tile_opens_the_list_it_counts(page, live_server, parks):
    a, _b, _district = parks
    login(page, live_server, a.staff)
    page.goto(f"{live_server.url}/")
    page.get_by_test_id("tile-overdue").click()
    expect(page.get_by_test_id("result-count")).to_contain_text("1")
