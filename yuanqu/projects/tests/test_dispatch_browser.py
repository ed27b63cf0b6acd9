"""In chromium: the park office runs a weekly dispatch meeting end to end and downloads the report; the
.docx opens and shows the red projects."""

import os
from datetime import date, timedelta

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from playwright.sync_api import expect

from yuanqu.core.testing.browser import login
from yuanqu.projects.models import Action, Meeting

from .dispatch_fixtures import add_invested, add_milestones, add_problem, add_project, dispatch_park

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = os.environ.get("YUANQU_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def park(reference_data):
    p = dispatch_park("a")
    today = timezone.localdate()
    red = add_project(p.park, "智能装备产业园", health="red", lead=p.lead, total="120000", annual="30000",
                      level="city")
    add_milestones(red, [("sign", "签约", today - timedelta(days=90), today - timedelta(days=90)),
                         ("cap", "主体封顶", today - timedelta(days=20)),
                         ("done", "竣工验收", today + timedelta(days=120))])
    add_invested(red, today.replace(day=1), "45000")
    yellow = add_project(p.park, "新材料中试平台", health="yellow", total="9000")
    add_milestones(yellow, [("land", "土地摘牌", today + timedelta(days=10), None,
                             today + timedelta(days=20))])
    add_problem(yellow, "厂区道路未通", enterprise=p.firm, department=p.department)
    add_project(p.park, "智慧物流园", total="96000", stage="operating")
    earlier = Meeting.objects.create(park=p.park, held_on=today - timedelta(days=14), title="前期调度会")
    Action.objects.create(meeting=earlier, project=red, decision="协调供电", action="完成供电接入",
                          owner_name="李四", due_on=today - timedelta(days=3))
    return p


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_runs_a_dispatch_meeting_and_downloads_the_report(page, live_server, park, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, park.staff)
    page.goto(f"{live_server.url}/projects/meetings/")
    expect(page.locator("[data-testid=meeting-row]")).to_have_count(1)
    expect(page.locator("[data-testid=overdue-badge]")).to_be_visible()
    shot(page, f"meeting_list_{width}")
    page.click("[data-testid=new-meeting]")
    page.fill("#id_held_on", timezone.localdate().isoformat())
    page.fill("#id_chair", "王主任")
    page.click("[data-testid=meeting-form] button[type=submit]")
    expect(page.locator("[data-testid=meeting-title]")).to_contain_text("重点项目周调度会")

    page.click("[data-testid=generate-agenda]")  # htmx swaps the agenda card in place
    items = page.locator("[data-testid=agenda-item]")
    expect(items).to_have_count(4)
    expect(items.nth(0)).to_contain_text("【红】智能装备产业园：主体封顶 逾期")
    expect(items.nth(2)).to_contain_text("【问题】新材料中试平台：厂区道路未通")
    expect(items.nth(3)).to_contain_text("【督办】智能装备产业园：完成供电接入")

    form = page.locator("[data-testid=action-form]")
    form.locator("#id_decision").fill("加快主体施工，两周内完成封顶")
    form.locator("#id_action").fill("督促施工单位增加作业班组")
    form.locator("#id_owner_name").fill("区住建局 王科长")
    form.locator("#id_due_on").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-field-error=due_on]")).to_contain_text("完成时限不能早于会议日期")
    form = page.locator("[data-testid=action-form]")
    form.locator("#id_due_on").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=action-row]")).to_have_count(1)
    shot(page, f"meeting_detail_{width}")

    row = page.locator("[data-testid=action-row]").first
    row.locator("[data-testid=close-action]").click()  # no result: the row says why
    expect(page.locator("#actions [data-field-error=result]")).to_be_visible()
    row = page.locator("[data-testid=action-row]").first
    row.locator("input[name=result]").fill("已增加两个班组")
    row.locator("[data-testid=close-action]").click()
    expect(page.locator("[data-testid=action-row] [data-testid=action-state]")).to_contain_text("已办结")

    page.fill("#id_minutes", "会议听取了各专班汇报，要求红色项目一周内拿出整改方案。")
    page.click("[data-testid=minutes-form] button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("纪要已保存")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=finalize]")
    expect(page.locator("[data-testid=minutes-state]")).to_contain_text("纪要已定稿")
    expect(page.locator("[data-testid=generate-agenda]")).to_have_count(0)
    shot(page, f"meeting_final_{width}")

    with page.expect_download() as info:
        page.click("[data-testid=download-docx]")
    download = info.value
    assert download.suggested_filename.startswith("园区a重点项目周调度会议纪要（第")
    doc = Document(download.path())
    texts = [p.text for p in doc.paragraphs]
    red = texts.index("一、红色（逾期）项目")
    assert texts[red + 1].startswith("1. 智能装备产业园：主体封顶 逾期")
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "项目名称")
    red_rows = [row.cells[1].text for row in table.rows[1:] if row.cells[7].text == "红"
                and row.cells[7]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FF0000"]
    assert red_rows == ["智能装备产业园"]
    assert not page.js_errors


def test_grid_worker_reads_the_meeting_without_forms(page, live_server, park):
    meeting = Meeting.objects.create(park=park.park, held_on=date.today(), title="第20周调度会")
    login(page, live_server, park.grid_worker)
    page.goto(f"{live_server.url}/projects/meetings/{meeting.pk}/")
    expect(page.locator("[data-testid=meeting-title]")).to_have_text("第20周调度会")
    expect(page.locator("[data-testid=minutes-form]")).to_have_count(0)
    expect(page.locator("[data-testid=download-docx]")).to_be_visible()
    assert not page.js_errors
