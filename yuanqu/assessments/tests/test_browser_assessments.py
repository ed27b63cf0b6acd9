"""In chromium, desktop and phone width: staff open a firm's assessment (radar chart, tier results, a gap
sentence), then the cultivation pool, and from a candidate its plan with an overdue action.

Screenshots go to $YUANQU_SCREENSHOTS when set (e.g. /tmp/shots-pool)."""

import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from yuanqu.assessments import cultivation
from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import make_park
from yuanqu.enterprises.models import AnnualIndicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = os.environ.get("YUANQU_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def figures(firm, year, revenue):
    """A year of plausible figures (万元) for `revenue`; main business 90 % of it."""
    r = Decimal(revenue)
    AnnualIndicator.objects.create(
        enterprise=firm, year=year, revenue=r, main_business_revenue=r * Decimal("0.9"),
        total_profit=r / 10, tax_paid=r / 25, rd_expense=r * Decimal("0.021"), employees=80, rd_staff=10,
        total_assets=r * Decimal("1.2"), total_liabilities=r * Decimal("0.6"), export_value=0,
        fixed_asset_investment=r / 20, invention_patents=2, class1_ip=2, class2_ip=6, land_area_mu=20,
        energy_consumption_tce=100, equity_financing=0)


@pytest.fixture
def park(reference_data):
    """Last year one firm passed 2000 万元 of main-business revenue (规上, with a plan) and the other is
    just short of it."""
    people = make_park("a")
    last = timezone.localdate().year - 1
    for year, scale in ((last - 2, 1), (last - 1, Decimal("1.2")), (last, Decimal("1.45"))):
        figures(people.firm, year, 2000 * scale)
        figures(people.other_firm, year, 1500 * scale)
    people.plan = cultivation.create_plan(enterprise=people.firm, tier="above_scale",
                                          officer=people.grid_worker, target_year=last + 1,
                                          goal="申请纳入规上统计", actor=people.staff)
    cultivation.add_action(people.plan, title="向区统计局提交入库申请",
                           due_on=timezone.localdate() - timedelta(days=20), actor=people.staff)
    return people


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width + 1


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_open_an_assessment_then_the_pool_and_a_plan(page, live_server, park, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, park.staff)

    page.goto(f"{live_server.url}/assessments/enterprises/{park.other_firm.pk}/")
    expect(page.locator("[data-testid=radar]")).to_have_attribute("data-rendered", "1")
    assert page.locator("[data-testid=radar] canvas").count() == 1
    assert page.locator("[data-testid=tier-result]").count() >= 5
    gaps = page.locator("[data-testid=tier-result][data-tier=above_scale] [data-testid=gaps]")
    expect(gaps).to_contain_text("还差")
    shot(page, f"assessment_{width}")

    page.goto(f"{live_server.url}/assessments/pool/?tier=above_scale")
    rows = page.locator("[data-testid=candidate]")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("data-standing", "eligible")
    expect(rows.nth(1).locator("[data-testid=gap]")).to_contain_text("还差")
    assert fits(page, width)
    shot(page, f"pool_{width}")

    page.locator(f"a[href='/assessments/plans/{park.plan.pk}/']:visible").first.click()
    expect(page.locator("[data-testid=plan-title]")).to_have_text(park.firm.name)
    expect(page.locator("[data-testid=action][data-overdue]")).to_contain_text("向区统计局提交入库申请")
    assert fits(page, width)
    shot(page, f"plan_{width}")
    assert not page.js_errors
