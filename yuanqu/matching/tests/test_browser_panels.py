"""The 推荐资源 panel and the 订单撮合 report in chromium, at desktop width and on a phone (390 px)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.demands.tests.helpers import demand_park, file_demand
from yuanqu.matching.models import Feedback, Introduction

from .panel_helpers import engine, stock_park

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture
def park(reference_data):
    p = stock_park(demand_park("a"))
    p.demand = file_demand(p)
    p.demand.title, p.demand.text = "压铸件供应不上", "铝合金压铸件缺货，需要检测认证和技术改造补贴"
    p.demand.save(update_fields=["title", "text"])
    with engine():
        yield p


def shots(tmp_path):
    return Path(os.environ.get("YUANQU_SCREENSHOTS", tmp_path))


def test_staff_accept_reject_and_introduce_from_the_demand_panel(page, live_server, park, tmp_path):
    login(page, live_server, park.staff)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/demands/{park.demand.pk}/")
        panel = page.get_by_test_id("match-panel")
        row = panel.locator(f'[data-resource="{park.parts.pk}"]')
        expect(row).to_contain_text("铝合金压铸件加工")
        row.locator("summary").click()
        expect(row.get_by_test_id("reasons")).to_contain_text("命中关键词")
        row.get_by_test_id("accept").click()
        expect(page.get_by_test_id("match-notice")).to_be_visible()
        expect(page.locator(f'[data-resource="{park.parts.pk}"] [data-testid=accept]')).to_have_attribute(
            "aria-pressed", "true")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, size
        page.screenshot(path=str(shots(tmp_path) / f"match-panel-{size}.png"), full_page=True)
    page.locator(f'[data-resource="{park.parts.pk}"] [data-testid=reject]').click()
    expect(page.locator(f'[data-resource="{park.parts.pk}"] [data-testid=reject]')).to_have_attribute(
        "aria-pressed", "true")
    assert Feedback.objects.get().accepted is False
    page.locator(f'[data-resource="{park.parts.pk}"] [data-testid=introduce]').click()
    expect(page.locator(f'[data-resource="{park.parts.pk}"] [data-testid=introduced]')).to_be_visible()
    assert Introduction.objects.get().seeker == park.firm
    assert page.js_errors == []


def test_the_firm_sees_its_demand_panel_read_only(page, live_server, park):
    login(page, live_server, park.firm_user)
    page.goto(f"{live_server.url}/demands/{park.demand.pk}/")
    expect(page.get_by_test_id("match-panel")).to_contain_text("产品检测认证服务")
    expect(page.get_by_test_id("match-panel")).not_to_contain_text("铝合金压铸件加工")
    expect(page.get_by_test_id("accept")).to_have_count(0)
    assert page.js_errors == []


def test_report_at_desktop_and_phone_and_its_export(page, live_server, park, tmp_path):
    login(page, live_server, park.staff)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/matching/report/?threshold=0.1")
        expect(page.get_by_test_id("group").first).to_be_visible()
        expect(page.get_by_test_id("pair").first).to_contain_text(park.firm.name)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, size
        page.screenshot(path=str(shots(tmp_path) / f"match-report-{size}.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#export-link")
    assert info.value.suggested_filename.endswith(".xlsx")
    assert page.js_errors == []
