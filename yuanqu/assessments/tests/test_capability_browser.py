"""In chromium, desktop and phone width: staff open the ranking, then a firm's assessment with its radar
chart; an administrator's AHP comparisons are refused when inconsistent."""

import os

import pytest
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import make_park

from .capability_helpers import add_firms, add_indicators, figures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = os.environ.get("YUANQU_SCREENSHOTS", "")


@pytest.fixture
def park(reference_data):
    people = make_park("a")
    for year in (2023, 2024, 2025):
        add_indicators(people.firm, year, **figures(1 + (year - 2023) * 0.2))
    add_firms(people.park, 6, start=100, years=(2023, 2024, 2025))
    return people


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_open_the_ranking_then_a_firms_assessment(page, live_server, park, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, park.staff)
    page.goto(f"{live_server.url}/assessments/ranking/")
    expect(page.locator("[data-testid=ranking-row]")).to_have_count(7)
    shot(page, f"capability_ranking_{width}")
    page.get_by_role("link", name=park.firm.name).click()
    expect(page.locator("[data-testid=assessment-title]")).to_contain_text(park.firm.name)
    expect(page.locator("[data-testid=radar]")).to_have_attribute("data-rendered", "1")
    assert page.locator("[data-testid=radar] canvas").count() == 1
    expect(page.locator("[data-testid=total-score]")).not_to_have_text("—")
    expect(page.locator("[data-testid=dimension-table]")).to_contain_text("技术创新能力")
    expect(page.locator("[data-testid=per-mu-grade]")).to_be_visible()
    shot(page, f"enterprise_assessment_{width}")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width + 1  # nothing overflows a phone screen
    assert not page.js_errors


def test_a_firm_user_sees_its_own_assessment(page, live_server, park):
    login(page, live_server, park.firm_user)
    page.goto(f"{live_server.url}/assessments/enterprises/{park.firm.pk}/?year=2024")
    expect(page.locator("[data-testid=years] .active")).to_have_text("2024")
    expect(page.locator("[data-testid=radar]")).to_have_attribute("data-rendered", "1")
    response = page.goto(f"{live_server.url}/assessments/enterprises/{park.other_firm.pk}/")
    assert response.status == 404


def test_admin_sets_weights_by_ahp(page, live_server, park):
    login(page, live_server, park.admin)
    page.goto(f"{live_server.url}/assessments/capability/weights/innovation/")
    page.select_option("#id_ahp-a_0_1", "9")
    page.select_option("#id_ahp-a_0_2", "1/9")
    page.select_option("#id_ahp-a_1_2", "9")
    page.click("[data-testid=ahp-form] button[type=submit]")
    expect(page.locator("[data-testid=ahp-form] [data-field-error]")).to_contain_text("CR = ")
    shot(page, "capability_ahp_error")
    page.select_option("#id_ahp-a_0_1", "2")
    page.select_option("#id_ahp-a_0_2", "4")
    page.select_option("#id_ahp-a_1_2", "2")
    page.click("[data-testid=ahp-form] button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("层次分析法")
    expect(page.locator("[data-testid=dimension-innovation]")).to_be_visible()
    shot(page, "capability_config")
    assert not page.js_errors
