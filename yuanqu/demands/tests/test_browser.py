"""One demand end to end in chromium: a firm files it, it is routed, handled, answered and rated."""

import pytest
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.demands.models import Demand

from .helpers import demand_park, file_demand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def park(settings, tmp_path, reference_data):
    settings.DEMAND_TRIAGE_THRESHOLD = 0.0  # this walk is about routing; triage has its own tests
    return demand_park()



def test_demand_from_submission_to_rating(page, live_server, park, tmp_path):
    login(page, live_server, park.firm_user)
    page.goto(f"{live_server.url}/demands/new/")
    page.fill("#id_title", "厂区门口路灯坏了")
    page.fill("#id_text", "孔雀河三路厂区门口的路灯坏了一个多星期，晚上道路一片漆黑，"
                          "货车进出很危险，请尽快维修。")
    page.click("#demand-form button[type=submit]")
    expect(page.locator("[data-testid=status]")).to_have_text("待受理")
    expect(page.locator("[data-testid=ai]")).to_be_visible()
    demand = Demand.objects.get()
    assert demand.handler == park.grid_worker and demand.department is not None
    page.screenshot(path=str(tmp_path / "submitted.png"), full_page=True)

    login(page, live_server, park.grid_worker)
    page.goto(f"{live_server.url}/demands/queue/")
    page.click(f"text={demand.number}")
    for action in ("accept", "start"):
        page.click(f"form[data-action={action}] button")
        expect(page.locator(".alert-success")).to_be_visible()
    page.fill("form[data-action=resolve] textarea[name=reply]", "已联系路灯维护单位更换灯具，今晚恢复照明。")
    page.click("form[data-action=resolve] button")
    expect(page.locator("[data-testid=status]")).to_have_text("已办结")

    login(page, live_server, park.firm_user)
    page.goto(f"{live_server.url}/demands/{demand.pk}/")
    expect(page.locator("[data-testid=reply]")).to_contain_text("恢复照明")
    page.check("#rating-form input[value=satisfied]")
    page.fill("#rating-form textarea", "处理及时")
    page.click("#rating-form button[type=submit]")
    expect(page.locator("[data-testid=status]")).to_have_text("已评价")
    timeline = page.locator("[data-testid=timeline] li")
    expect(timeline).to_have_count(6)  # submit, route, accept, start, resolve, rate
    assert not page.js_errors


def test_similar_open_demands_appear_while_a_firm_types_chinese(page, live_server, park):
    earlier = file_demand(park)
    login(page, live_server, park.firm_user)
    page.goto(f"{live_server.url}/demands/new/")
    # Chinese characters arrive as text input (as from an IME or a paste), without key events.
    page.type("#id_text", "孔雀河三路厂区又停电了，生产线停了")
    expect(page.locator("[data-testid=similar]")).to_contain_text(earlier.number)
    assert not page.js_errors
