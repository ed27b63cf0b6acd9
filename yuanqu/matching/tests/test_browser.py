"""In chromium, desktop and phone width: an institution files a service, an admin edits the thesaurus."""

import os

import pytest
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import make_park
from yuanqu.matching.models import Kind, Resource, SynonymLine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = os.environ.get("YUANQU_SCREENSHOTS", "")  # a directory to keep screenshots in, for a look


@pytest.fixture
def park(reference_data):
    return make_park("a")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_institution_files_a_service_with_an_error_then_fixes_it(page, live_server, park, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, park.institution_user)
    page.goto(f"{live_server.url}/matching/resources/new/")
    assert page.locator("#id_kind").count() == 0  # an institution offers services only
    page.fill("#id_title", "CMA/CNAS 第三方检测")
    page.fill("#id_description", "盐雾试验、高低温湿热循环，5个工作日出报告")
    page.fill("#id_tags", "检测、盐雾试验")
    page.fill("#id_industry", "99")
    page.click("[data-testid=resource-form] button[type=submit]")
    expect(page.locator("[data-field-error=industry]")).to_be_visible()
    shot(page, f"resource_form_error_{width}")
    page.fill("#id_industry", "")
    page.click("[data-testid=resource-form] button[type=submit]")
    expect(page.locator("h1")).to_contain_text("CMA/CNAS 第三方检测")
    shot(page, f"resource_detail_{width}")
    r = Resource.objects.get()
    assert r.kind == Kind.SERVICE and r.institution_id == park.institution_user.institution_id
    page.goto(f"{live_server.url}/matching/resources/?mine=1")
    expect(page.locator("[data-testid=resource-title]")).to_have_count(1)
    shot(page, f"resource_list_{width}")
    assert not page.js_errors


@pytest.mark.parametrize("width", [1280, 390])
def test_admin_adds_a_bad_then_a_good_thesaurus_line_and_deletes_it(page, live_server, park, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, park.admin)
    page.goto(f"{live_server.url}/matching/thesaurus/")
    expect(page.locator("[data-testid=bundled-lines]")).to_contain_text("货车 卡车 货运车")
    page.fill("#id_line", "叉车")
    page.click("[data-testid=thesaurus-form] button[type=submit]")
    expect(page.locator("[data-field-error=line]")).to_be_visible()
    shot(page, f"thesaurus_error_{width}")
    page.fill("#id_line", "叉车 铲车")
    page.click("[data-testid=thesaurus-form] button[type=submit]")
    expect(page.locator("[data-testid=added-lines]")).to_contain_text("叉车 铲车")
    shot(page, f"thesaurus_{width}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=added-lines] button[type=submit]")
    expect(page.locator("[data-testid=added-lines]")).not_to_contain_text("叉车 铲车")
    assert not SynonymLine.objects.exists()
    assert not page.js_errors
