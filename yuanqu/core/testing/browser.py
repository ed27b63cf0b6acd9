"""Playwright driving Debian's chromium (never a downloaded browser build)."""

import shutil

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("Debian's chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.js_errors = errors
    yield pg
    context.close()


@pytest.fixture
def reference_data(transactional_db):
    """Live-server tests flush the database afterwards; put the migrated reference tables back."""
    from yuanqu.reference.loaders import load_reference
    from yuanqu.reference.models import IndustryCode, Region

    load_reference(IndustryCode, Region)


def login(page, live_server, user, password=None):
    """Log `user` in through the real login form (cookies of an earlier login cleared)."""
    from .personas import PASSWORD

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password or PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()
