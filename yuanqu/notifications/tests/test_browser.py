"""In chromium: the nav badge counts down as htmx marks notifications read, with no script errors."""

import pytest
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.notifications.models import Notification

from .helpers import mail_park

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_mark_read_then_all_read_updates_list_and_badge(page, live_server, reference_data):
    p = mail_park()
    for i in range(3):
        Notification.objects.create(user=p.grid_worker, subject=p.firm, subject_title=p.firm.name,
                                    url=p.firm.get_absolute_url(), text=f"请核实企业信息{i}")
    login(page, live_server, p.grid_worker)
    badge = page.locator("[data-testid=unread-count]")
    expect(badge).to_contain_text("3")
    page.click("[data-testid=notifications]")
    page.locator("[data-testid=notification] button").first.click()
    expect(badge).to_contain_text("2")
    expect(page.locator("[data-testid=notification].list-group-item-primary")).to_have_count(2)
    page.click("[data-testid=mark-all-read]")
    expect(badge).to_have_count(0)
    expect(page.locator("[data-testid=notification].list-group-item-primary")).to_have_count(0)
    assert not Notification.objects.filter(read_at=None).exists()
    assert page.url.endswith("/notifications/") and not page.js_errors
