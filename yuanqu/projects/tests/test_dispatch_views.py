"""Dispatch pages: access by role, forms and their errors, htmx partials, downloads, query counts."""

import io
from datetime import date, timedelta
from urllib.parse import unquote

import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from docx import Document

from yuanqu.core.testing.personas import make_district_admin
from yuanqu.projects import dispatch, dispatch_queries
from yuanqu.projects.models import Action, Meeting

from .dispatch_fixtures import (
    NOW,
    TODAY,
    add_invested,
    add_milestones,
    add_problem,
    add_project,
    dispatch_park,
)

HTMX = {"HX-Request": "true"}


class DispatchPageCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = dispatch_park("a")
        cls.b = dispatch_park("b", offset=10)
        cls.district = make_district_admin()
        cls.red = add_project(cls.a.park, "智能装备产业园", health="red", lead=cls.a.lead, total="120000",
                              annual="30000")
        add_milestones(cls.red, [("sign", "签约", date(2026, 3, 2), date(2026, 3, 2)),
                                 ("cap", "主体封顶", date(2026, 4, 30))])
        add_invested(cls.red, date(2026, 4, 1), "15000")
        cls.yellow = add_project(cls.a.park, "新材料中试平台", health="yellow")
        add_milestones(cls.yellow, [("done", "竣工验收", date(2026, 5, 20), None, date(2026, 5, 25))])
        add_problem(cls.yellow, "厂区道路未通", enterprise=cls.a.firm)
        cls.meeting = Meeting.objects.create(park=cls.a.park, held_on=TODAY, title="第20周调度会",
                                             chair="王主任")
        cls.action = Action.objects.create(meeting=cls.meeting, project=cls.red, decision="加快供电接入",
                                           action="协调供电公司", owner=cls.a.lead,
                                           due_on=TODAY + timedelta(days=4))

    def setUp(self):
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def get(self, user, url, **headers):
        self.client.force_login(user)
        return self.client.get(url, headers=headers)

    def post(self, user, url, data=None, follow=False, **headers):
        self.client.force_login(user)
        return self.client.post(url, data or {}, headers=headers, follow=follow)

    def url(self, name, pk=None):
        from django.urls import reverse

        return reverse(f"projects:{name}", args=[pk] if pk else [])


class AccessTests(DispatchPageCase):
    def test_office_grid_and_district_read_firms_and_institutions_do_not(self):
        detail = self.url("meeting_detail", self.meeting.pk)
        for user in (self.a.admin, self.a.staff, self.a.grid_worker, self.district):
            with self.subTest(user=user.username):
                assert self.get(user, self.url("meeting_list")).status_code == 200
                assert self.get(user, detail).status_code == 200
        for user in (self.a.firm_user, self.a.institution_user):
            with self.subTest(user=user.username):
                assert self.get(user, self.url("meeting_list")).status_code == 403
                assert self.get(user, detail).status_code == 404
        assert self.get(self.b.staff, detail).status_code == 404

    def test_grid_workers_see_no_forms_and_cannot_post(self):
        html = self.get(self.a.grid_worker, self.url("meeting_detail", self.meeting.pk)).content.decode()
        assert 'data-testid="minutes-form"' not in html and 'data-testid="generate-agenda"' not in html
        assert 'data-testid="close-form"' not in html
        for name in ("meeting_agenda", "meeting_finalize", "meeting_update", "meeting_action_create"):
            assert self.post(self.a.grid_worker, self.url(name, self.meeting.pk)).status_code == 403, name
        assert self.post(self.a.grid_worker, self.url("action_close", self.action.pk)).status_code == 403
        assert self.get(self.a.grid_worker, self.url("meeting_create")).status_code == 403


class PageTests(DispatchPageCase):
    def test_create_a_meeting_through_the_form(self):
        data = {"held_on": "2026-05-18", "chair": "王主任"}
        resp = self.post(self.a.staff, self.url("meeting_create"), data)
        m = Meeting.objects.exclude(pk=self.meeting.pk).get()
        self.assertRedirects(resp, self.url("meeting_detail", m.pk))
        assert m.title == "园区a重点项目周调度会（2026年第21周）"
        resp = self.post(self.a.staff, self.url("meeting_create"), {"held_on": ""})
        assert "data-field-error=\"held_on\"" in resp.content.decode()

    def test_district_chooses_the_park(self):
        html = self.get(self.district, self.url("meeting_create")).content.decode()
        assert 'name="park"' in html
        data = {"park": self.b.park.pk, "held_on": "2026-05-18"}
        self.post(self.district, self.url("meeting_create"), data)
        assert Meeting.objects.filter(park=self.b.park).exists()

    def test_generate_agenda_with_htmx_returns_the_agenda_partial(self):
        resp = self.post(self.a.staff, self.url("meeting_agenda", self.meeting.pk), **HTMX)
        html = resp.content.decode()
        assert resp.status_code == 200 and html.lstrip().startswith('<div class="card" id="agenda">')
        assert "【红】智能装备产业园：主体封顶 逾期 5 个工作日，责任人 张三" in html
        assert "<html" not in html and "重新生成议程" in html

    def test_minutes_form_errors_and_save(self):
        url = self.url("meeting_update", self.meeting.pk)
        resp = self.post(self.a.staff, url, {"held_on": "2026-05-20", "title": "第20周调度会"})
        # after the action's deadline
        assert resp.status_code == 200 and 'data-field-error="held_on"' in resp.content.decode()
        data = {"held_on": "2026-05-11", "title": "第20周调度会", "minutes": "听取汇报"}
        resp = self.post(self.a.staff, url, data)
        self.assertRedirects(resp, self.url("meeting_detail", self.meeting.pk))
        self.meeting.refresh_from_db()
        assert self.meeting.minutes == "听取汇报"

    def test_add_an_action_with_an_error_then_right(self):
        url = self.url("meeting_action_create", self.meeting.pk)
        data = {"decision": "完善手续", "action": "办理施工许可", "due_on": "2026-05-01",
                "owner_name": "李四"}
        resp = self.post(self.a.staff, url, data)
        assert resp.status_code == 200
        html = resp.content.decode()
        assert 'data-field-error="due_on"' in html and "完成时限不能早于会议日期" in html
        self.assertRedirects(self.post(self.a.staff, url, {**data, "due_on": "2026-05-20"}),
                             self.url("meeting_detail", self.meeting.pk))
        assert Action.objects.filter(action="办理施工许可", owner_name="李四").exists()

    def test_close_an_action_inline_with_htmx(self):
        url = self.url("action_close", self.action.pk)
        resp = self.post(self.a.staff, url, {"result": ""}, **HTMX)
        html = resp.content.decode()
        assert html.lstrip().startswith('<div class="card mt-3" id="actions">')
        assert 'data-field-error="result"' in html
        resp = self.post(self.a.staff, url, {"result": "已接入"}, **HTMX)
        assert "已接入" in resp.content.decode() and "已办结" in resp.content.decode()
        self.action.refresh_from_db()
        assert self.action.done_on == TODAY

    def test_finalize_without_minutes_says_why(self):
        resp = self.post(self.a.staff, self.url("meeting_finalize", self.meeting.pk), follow=True)
        assert "请先填写会议纪要再定稿" in resp.content.decode()
        dispatch.update_meeting(self.meeting, actor=self.a.staff, minutes="纪要")
        resp = self.post(self.a.staff, self.url("meeting_finalize", self.meeting.pk), follow=True)
        html = resp.content.decode()
        assert "纪要已定稿" in html and 'data-testid="minutes-form"' not in html
        resp = self.post(self.a.staff, self.url("meeting_agenda", self.meeting.pk), follow=True)
        assert "会议纪要已定稿，议程和督办事项不能再修改" in resp.content.decode()

    def test_action_list_filters_overdue_and_the_list_shows_the_badge(self):
        Action.objects.create(meeting=self.meeting, decision="d", action="逾期的事", owner_name="x",
                              due_on=TODAY)
        with time_machine.travel("2026-05-13 10:00 +08:00", tick=False):
            html = self.get(self.a.staff, self.url("action_list") + "?state=overdue").content.decode()
            assert "逾期的事" in html and "协调供电公司" not in html
            listing = self.get(self.a.staff, self.url("meeting_list")).content.decode()
        assert 'data-testid="overdue-badge"' in listing and "逾期 1 项" in listing


class DownloadTests(DispatchPageCase):
    def test_the_docx_download_has_a_chinese_name_and_the_red_project(self):
        resp = self.get(self.a.grid_worker, self.url("meeting_docx", self.meeting.pk))
        assert resp.status_code == 200
        assert unquote(resp["Content-Disposition"].split("''")[1]) == "园区a重点项目周调度报告（第20周）.docx"
        doc = Document(io.BytesIO(resp.content))
        table = next(t for t in doc.tables if t.rows[0].cells[1].text == "项目名称")
        first = [c.text for c in table.rows[1].cells]
        assert first == ["1", "智能装备产业园", "园区级", "120000", "30000", "15000", "在建", "红",
                         "主体封顶 逾期 5 个工作日", "张三"]
        second = [c.text for c in table.rows[2].cells]
        assert second[7:9] == ["黄", "竣工验收 预计滞后 3 个工作日；厂区道路未通"]

    def test_the_ledger_download(self):
        resp = self.get(self.a.staff, self.url("meeting_ledger", self.meeting.pk))
        assert resp["Content-Type"].endswith("spreadsheetml.sheet")
        assert unquote(resp["Content-Disposition"].split("''")[1]) == "园区a重点项目台账（20260511）.xlsx"


class QueryCountTests(DispatchPageCase):
    def add_projects(self, n):
        for i in range(n):
            p = add_project(self.a.park, f"批量项目{i}", health=("red", "yellow", "green")[i % 3],
                            lead=self.a.lead)
            add_milestones(p, [("sign", "签约", date(2026, 3, 2), date(2026, 3, 2)),
                               ("cap", "主体封顶", date(2026, 4, 30)), ("done", "竣工", date(2026, 9, 30))])
            add_invested(p, date(2026, 4, 1), "100")
            add_problem(p, f"问题{i}", enterprise=self.a.firm)
            Action.objects.create(meeting=self.meeting, project=p, decision="d", action=f"事项{i}",
                                  owner=self.a.lead, due_on=TODAY)

    def count(self, fn):
        with CaptureQueriesContext(connection) as ctx:
            fn()
        return len(ctx.captured_queries)

    def test_the_report_assembly_does_not_grow_per_project(self):
        meeting = Meeting.objects.select_related("park").get(pk=self.meeting.pk)
        with self.assertNumQueries(7):  # calendar, actions, projects, milestones, invested, problems, carried
            dispatch_queries.build_report(meeting)
        self.add_projects(12)
        with self.assertNumQueries(7):
            report = dispatch_queries.build_report(meeting)
        assert len(report.projects) == 14 and len(report.actions) == 13

    def test_the_meeting_page_does_not_grow_per_project_or_action(self):
        dispatch.generate_agenda(self.meeting, actor=self.a.staff)
        self.client.force_login(self.a.staff)
        url = self.url("meeting_detail", self.meeting.pk)
        before = self.count(lambda: self.client.get(url))
        self.add_projects(12)
        dispatch.generate_agenda(self.meeting, actor=self.a.staff)
        assert self.count(lambda: self.client.get(url)) == before

    def test_the_lists_do_not_grow_per_row(self):
        self.client.force_login(self.a.staff)
        urls = [self.url("meeting_list"), self.url("action_list")]
        before = [self.count(lambda u=u: self.client.get(u)) for u in urls]
        self.add_projects(6)
        for n in range(5):
            Meeting.objects.create(park=self.a.park, held_on=TODAY - timedelta(days=7 * n + 7),
                                   title=f"会{n}")
        assert [self.count(lambda u=u: self.client.get(u)) for u in urls] == before
