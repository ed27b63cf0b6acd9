"""Lists read well on a phone (390 × 844): no sideways scrolling, names on one line; screenshots."""

import os
import tempfile
from pathlib import Path

import pytest

from yuanqu.core.testing.browser import login
from yuanqu.demands.tests.helpers import demand_park, file_demand
from yuanqu.notifications.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or tempfile.gettempdir()) / "yuanqu-shots"
LONG_NAME = "青岛恒荣新材料科技股份有限公司"


@pytest.fixture
def park(reference_data):
    p = demand_park()
    type(p.firm).objects.filter(pk=p.firm.pk).update(name=LONG_NAME)
    p.firm.refresh_from_db()
    p.demand = file_demand(p, actor=p.staff)
    file_demand(p, confidence=0.3)
    notify([p.staff], p.demand, "新诉求已分派给您：孔雀河三路厂区今天上午突然停电，生产线停了")
    return p



def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_lists_read_well_on_a_phone(page, live_server, park):
    page.set_viewport_size(PHONE)
    login(page, live_server, park.staff)
    page.goto(f"{live_server.url}/enterprises/")
    cell = page.locator("[data-testid=firm-name]", has_text=LONG_NAME).bounding_box()
    assert cell["width"] > 150 and cell["height"] < 60  # one or two lines, not a character per line
    assert no_sideways_scroll(page)
    shoot(page, "phone-enterprises")
    page.goto(f"{live_server.url}/demands/")
    title = page.locator("[data-testid=demand-title]").first.bounding_box()
    assert title["width"] > 150
    assert no_sideways_scroll(page)
    shoot(page, "phone-demands")
    page.goto(f"{live_server.url}/notifications/")
    assert no_sideways_scroll(page)
    shoot(page, "phone-notifications")
    page.goto(f"{live_server.url}/demands/{park.demand.pk}/")
    assert no_sideways_scroll(page)
    shoot(page, "phone-demand-detail")
    assert not page.js_errors
    page.goto(f"{live_server.url}/no-such-page/")
    assert "页面不存在" in page.content() and no_sideways_scroll(page)
    shoot(page, "phone-404")


def test_desktop_screenshots(page, live_server, park):
    login(page, live_server, park.admin)
    for name, url in [("enterprises", "/enterprises/"), ("demands", "/demands/"),
                      ("demand-detail", f"/demands/{park.demand.pk}/"), ("tokens", "/accounts/tokens/"),
                      ("404", "/no-such-page/"), ("notifications", "/notifications/")]:
        page.goto(f"{live_server.url}{url}")
        shoot(page, f"desktop-{name}")
    page.context.clear_cookies()
    login(page, live_server, park.institution_user)
    page.goto(f"{live_server.url}/enterprises/import/")
    assert "您无权打开此页面" in page.content()
    shoot(page, "desktop-403")
