"""/api/v1/dispatch: shapes, scoping by role, the error model, report downloads."""

import io
from datetime import date, timedelta
from urllib.parse import unquote

import openpyxl
import time_machine
from django.test import TestCase
from docx import Document

from yuanqu.accounts.models import ApiToken
from yuanqu.core.testing.personas import make_district_admin
from yuanqu.projects.models import Action, Meeting

from .dispatch_fixtures import NOW, TODAY, add_milestones, add_problem, add_project, dispatch_park

API = "/api/v1/dispatch"


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class DispatchApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = dispatch_park("a")
        cls.b = dispatch_park("b", offset=10)
        cls.district = make_district_admin()
        cls.red = add_project(cls.a.park, "智能装备产业园", health="red", lead=cls.a.lead, total="120000")
        add_milestones(cls.red, [("cap", "主体封顶", date(2026, 4, 30))])
        cls.green = add_project(cls.a.park, "智慧物流园", total="5000")
        cls.problem = add_problem(cls.green, "厂区道路未通", enterprise=cls.a.firm)
        cls.other = add_project(cls.b.park, "B园区项目")
        cls.keys = {name: ApiToken.issue(getattr(cls.a, name), "t")[1]
                    for name in ("admin", "staff", "grid_worker", "firm_user", "institution_user")}
        cls.keys["b_staff"] = ApiToken.issue(cls.b.staff, "t")[1]
        cls.keys["district"] = ApiToken.issue(cls.district, "t")[1]

    def setUp(self):
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def call(self, method, url, body=None, who="staff", **params):
        headers = {"Authorization": f"Bearer {self.keys[who]}"}
        if method == "get":
            return self.client.get(API + url, params, headers=headers)
        return getattr(self.client, method)(API + url, data=body, content_type="application/json",
                                            headers=headers)

    def error(self, response, status):
        assert response.status_code == status, response.content
        items = response.json()["detail"]
        assert items and all(has_chinese(i["msg"]) for i in items), items
        return items

    def meeting(self, **body):
        resp = self.call("post", "", {"held_on": "2026-05-11", **body})
        assert resp.status_code == 201, resp.content
        return resp.json()

    def test_create_read_and_list(self):
        m = self.meeting(chair="王主任")
        assert m["title"] == "园区a重点项目周调度会（2026年第20周）" and m["agenda"] == [] and not m["closed"]
        listed = self.call("get", "", who="grid_worker").json()
        assert listed["count"] == 1
        assert listed["items"][0] | {"id": 0} == {"id": 0, "park_id": self.a.park.pk, "held_on": "2026-05-11",
                                                  "title": m["title"], "chair": "王主任", "closed": False,
                                                  "agenda_count": 0, "open_actions": 0, "overdue_actions": 0}

    def test_roles_and_parks(self):
        m = self.meeting()
        for who in ("firm_user", "institution_user"):
            self.error(self.call("get", "", who=who), 403)
            self.error(self.call("post", "", {"held_on": "2026-05-11"}, who=who), 403)
        self.error(self.call("post", "", {"held_on": "2026-05-11"}, who="grid_worker"), 403)
        self.error(self.call("get", f"/{m['id']}", who="b_staff"), 404)  # another park's: as if missing
        self.error(self.call("get", "/999999"), 404)
        assert self.call("get", f"/{m['id']}", who="grid_worker").status_code == 200
        self.error(self.call("post", f"/{m['id']}/agenda", who="grid_worker"), 403)
        assert self.call("get", "", who="district").json()["count"] == 1

    def test_district_names_the_park(self):
        self.error(self.call("post", "", {"held_on": "2026-05-11"}, who="district"), 422)
        resp = self.call("post", "", {"held_on": "2026-05-11", "park_id": self.b.park.pk}, who="district")
        assert resp.status_code == 201 and resp.json()["park_id"] == self.b.park.pk

    def test_generate_agenda_is_idempotent(self):
        m = self.meeting()
        first = self.call("post", f"/{m['id']}/agenda")
        assert first.status_code == 200, first.content
        assert [i["reason"] for i in first.json()] == ["red", "problem"]
        assert first.json()[0]["summary"] == "【红】智能装备产业园：主体封顶 逾期 5 个工作日，责任人 张三"
        assert first.json()[1]["demand_id"] == self.problem.demand_id
        assert self.call("post", f"/{m['id']}/agenda").json() == first.json()

    def test_actions_create_update_close_and_list_by_state(self):
        m = self.meeting()
        body = {"decision": "加快供电接入", "action": "协调供电公司", "due_on": "2026-05-08",
                "owner_id": self.a.lead.pk, "project_id": self.red.pk}
        self.error(self.call("post", f"/{m['id']}/actions", body), 422)  # before the meeting
        resp = self.call("post", f"/{m['id']}/actions", {**body, "due_on": "2026-05-15"})
        assert resp.status_code == 201, resp.content
        action = resp.json()
        assert action["state"] == "open" and action["owner_id"] == self.a.lead.pk
        resp = self.call("patch", f"/actions/{action['id']}", {"due_on": "2026-05-12", "owner_name": "李四"})
        assert resp.json()["due_on"] == "2026-05-12" and resp.json()["owner_name"] == "李四"
        with time_machine.travel("2026-05-13 10:00 +08:00", tick=False):
            assert self.call("get", "/actions", state="overdue").json()["count"] == 1
            closed = self.call("post", f"/actions/{action['id']}/close", {"result": "已接入"})
        assert closed.json()["state"] == "done" and closed.json()["done_on"] == "2026-05-13"
        self.error(self.call("post", f"/actions/{action['id']}/close", {"result": "again"}), 409)
        assert self.call("get", "/actions", state="done", meeting_id=m["id"]).json()["count"] == 1
        items = self.error(self.call("get", "/actions", state="late"), 422)
        assert items[0]["loc"] == ["query", "state"]

    def test_ids_from_another_park_are_422_on_their_field(self):
        m = self.meeting()
        body = {"decision": "x", "action": "y", "due_on": "2026-05-15"}
        cases = [({"project_id": self.other.pk}, "project_id"), ({"owner_id": self.b.staff.pk}, "owner_id"),
                 ({}, "owner_name")]
        for extra, loc in cases:
            items = self.error(self.call("post", f"/{m['id']}/actions", {**body, **extra}), 422)
            assert items[0]["loc"] == ["body", loc], items
        assert not Action.objects.exists()

    def test_final_minutes_are_409_for_changes(self):
        m = self.meeting(minutes="会议纪要")
        body = {"decision": "x", "action": "y", "due_on": "2026-05-15", "owner_name": "李四"}
        action = self.call("post", f"/{m['id']}/actions", body).json()
        assert self.call("post", f"/{m['id']}/finalize").json()["closed"] is True
        self.error(self.call("post", f"/{m['id']}/agenda"), 409)
        self.error(self.call("patch", f"/{m['id']}", {"minutes": "改"}), 409)
        self.error(self.call("patch", f"/actions/{action['id']}", {"action": "改"}), 409)
        assert self.call("post", f"/actions/{action['id']}/close", {"result": "已办"}).status_code == 200

    def test_bad_bodies_are_422_in_chinese(self):
        self.error(self.call("post", "", {"held_on": "2026-13-01"}), 422)
        m = self.meeting()
        self.error(self.call("post", f"/{m['id']}/actions", {"decision": "x"}), 422)
        self.error(self.call("post", f"/{m['id']}/finalize"), 422)  # no minutes yet

    def test_report_downloads_open_and_show_the_red_project(self):
        m = self.meeting()
        self.call("post", f"/{m['id']}/agenda")
        resp = self.call("get", f"/{m['id']}/report.docx", who="grid_worker")
        assert resp.status_code == 200
        assert resp["Content-Type"].endswith("wordprocessingml.document")
        disposition = resp["Content-Disposition"]
        assert "filename*=UTF-8''" in disposition
        assert unquote(disposition.split("''")[1]) == "园区a重点项目周调度报告（第20周）.docx"
        doc = Document(io.BytesIO(resp.content))
        texts = [p.text for p in doc.paragraphs]
        red = texts.index("一、红色（逾期）项目")
        assert texts[red + 1].startswith("1. 智能装备产业园：主体封顶 逾期 5 个工作日")
        ledger = self.call("get", f"/{m['id']}/ledger.xlsx")
        wb = openpyxl.load_workbook(io.BytesIO(ledger.content))
        assert wb["重点项目台账"]["B4"].value == "智能装备产业园" and wb["重点项目台账"]["H4"].value == "红"
        self.error(self.call("get", f"/{m['id']}/report.docx", who="firm_user"), 404)
        self.error(self.call("get", f"/{m['id']}/ledger.xlsx", who="b_staff"), 404)


class DispatchApiMeetingListTests(TestCase):
    def test_overdue_counts_on_the_list(self):
        a = dispatch_park("a")
        m = Meeting.objects.create(park=a.park, held_on=TODAY - timedelta(days=14), title="第18周")
        for days in (-3, 3):
            Action.objects.create(meeting=m, decision="d", action="a", owner_name="x",
                                  due_on=TODAY + timedelta(days=days))
        self.client.force_login(a.staff)
        with time_machine.travel(NOW, tick=False):
            row = self.client.get(API).json()["items"][0]
        assert (row["open_actions"], row["overdue_actions"]) == (2, 1)
