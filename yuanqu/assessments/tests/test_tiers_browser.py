"""In chromium: staff open a firm's tier results, fill in its facts, and see the gaps change."""

import os
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import make_park
from yuanqu.enterprises.models import AnnualIndicator, Enterprise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = os.environ.get("YUANQU_SCREENSHOTS", "")
YEAR = timezone.localdate().year - 1


@pytest.fixture
def park(reference_data):
    people = make_park("a")
    for year, revenue in ((YEAR - 2, 1600), (YEAR - 1, 1800), (YEAR, 2100)):
        AnnualIndicator.objects.create(
            enterprise=people.firm, year=year, revenue=Decimal(revenue),
            main_business_revenue=Decimal(revenue - 250), rd_expense=Decimal(80), total_assets=Decimal(3000),
            total_liabilities=Decimal(1500), class1_ip=2, class2_ip=5, employees=60, rd_staff=9,
            total_profit=Decimal(150))
    Enterprise.objects.filter(pk=people.firm.pk).update(size_class="small")
    return people


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_read_tier_results_and_fill_in_facts(page, live_server, park, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, park.staff)
    page.goto(f"{live_server.url}/assessments/enterprises/{park.firm.pk}/tiers/")
    cards = page.locator("[data-testid=tier-result]")
    expect(cards.first).to_be_visible()
    above = page.locator("[data-testid=tier-result][data-tier=above_scale]")
    expect(above.locator("[data-testid=gaps]")).to_contain_text("距 2,000 万元还差 150 万元")
    specialized = page.locator("[data-testid=tier-result][data-tier=specialized_sme]").first
    expect(specialized.locator("[data-testid=missing]")).to_contain_text("从事特定细分市场年限")
    expect(specialized.locator("[data-testid=unverified]")).to_be_visible()
    shot(page, f"tier_results_{width}")

    page.click("[data-testid=edit-facts]")
    page.fill("#id_digital_level", "2")
    page.fill("#id_niche_years", "1")
    page.fill("#id_national_market_share", "120")
    page.click("[data-testid=facts-form] button[type=submit]")
    expect(page.locator("[data-field-error=national_market_share]")).to_be_visible()
    shot(page, f"facts_form_error_{width}")
    page.fill("#id_national_market_share", "12")
    page.click("[data-testid=facts-form] button[type=submit]")

    specialized = page.locator("[data-testid=tier-result][data-tier=specialized_sme]").first
    gap = "从事特定细分市场年限 1 年，距 2 年还差 1 年"
    expect(specialized.locator("[data-testid=gaps]")).to_contain_text(gap)
    expect(specialized.locator("[data-testid=missing]")).not_to_contain_text("从事特定细分市场年限")
    specialized.locator("summary", has_text="得分明细").click()
    expect(specialized.locator("[data-testid=breakdown]")).to_contain_text("数字化水平")
    shot(page, f"tier_results_after_facts_{width}")


def test_a_firm_user_sees_its_own_tiers(page, live_server, park):
    login(page, live_server, park.firm_user)
    page.goto(f"{live_server.url}/assessments/enterprises/{park.firm.pk}/tiers/")
    expect(page.locator("[data-testid=tier-result]").first).to_be_visible()
    response = page.goto(f"{live_server.url}/assessments/enterprises/{park.other_firm.pk}/tiers/")
    assert response.status == 404
