"""End to end in chromium: each role logs in, filters the list, opens a profile, imports a file."""

import pytest
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import credit_code, make_park

from .xlsx import firm_row, workbook

# serialized_rollback: the flush after each test would otherwise erase the migrated reference data.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def park(reference_data):
    return make_park("a")



def test_each_role_lands_where_it_works_and_sees_only_its_firms(page, live_server, park):
    expected = {park.admin: 2, park.staff: 2, park.grid_worker: 1, park.other_grid_worker: 1}
    for user, count in expected.items():
        login(page, live_server, user)
        assert page.url == f"{live_server.url}/"  # every role lands on its workbench
        page.goto(f"{live_server.url}/enterprises/")
        assert page.locator("tbody tr").count() == count
        page.click("nav button[type=submit]")  # log out
        page.wait_for_url("**/accounts/login/")
    login(page, live_server, park.firm_user)
    page.goto(f"{live_server.url}/enterprises/{park.firm.pk}/")
    assert page.locator("h1").inner_text().startswith(park.firm.name)
    page.click("nav button[type=submit]")
    login(page, live_server, park.institution_user)
    assert "科创服务" in page.content()
    assert not page.js_errors


def test_filter_open_profile_and_import_with_an_error_row(page, live_server, park, tmp_path):
    type(park.firm).objects.filter(pk=park.firm.pk).update(name="青岛恒荣新材料有限公司")
    login(page, live_server, park.staff)
    page.goto(f"{live_server.url}/enterprises/")
    expect(page.locator("#results tbody tr")).to_have_count(2)
    page.type("input[name=q]", "恒荣新材")  # Chinese arrives as text input (IME, paste), not key events
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results tbody")).to_contain_text("青岛恒荣新材料有限公司")
    page.fill("input[name=q]", "")
    page.select_option("#id_zone", "马山片区")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert "zone=" in page.url  # htmx pushed the filter into the address bar
    page.click(f"text={park.other_firm.name}")
    page.wait_for_url(f"**/enterprises/{park.other_firm.pk}/")
    assert "企业画像" in page.content()

    bad = tmp_path / "firms.xlsx"
    bad.write_bytes(workbook([firm_row(credit_code(400)), firm_row("91370215MA3CXK8RX7", name="坏行")]))
    page.goto(f"{live_server.url}/enterprises/import/")
    page.set_input_files("#id_file", str(bad))
    page.click("#import-form button[type=submit]")
    errors = page.locator("[data-testid=import-errors] tbody tr")
    assert errors.count() == 1
    assert errors.first.locator("td").first.inner_text() == "3"
    assert "校验" in errors.first.inner_text()
    page.screenshot(path=str(tmp_path / "import.png"))
    with page.expect_download() as dl:
        page.click("text=下载错误报告")
    assert dl.value.suggested_filename.endswith(".xlsx")

    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook([firm_row(credit_code(401), name="青岛浏览器导入有限公司")]))
    page.set_input_files("#id_file", str(good))
    page.click("#import-form button[type=submit]")
    page.wait_for_url("**/enterprises/")
    assert "青岛浏览器导入有限公司" in page.content() or "已导入" in page.content()
    assert not page.js_errors


def test_profile_chart_renders(page, live_server, park):
    from decimal import Decimal

    from yuanqu.enterprises import services

    for year in (2024, 2025):
        services.save_indicators(park.firm, year, {"revenue": Decimal(1000 + year)}, actor=park.admin)
    login(page, live_server, park.firm_user)
    page.goto(f"{live_server.url}/enterprises/{park.firm.pk}/")
    page.wait_for_selector("#chart-money canvas")
    assert not page.js_errors
