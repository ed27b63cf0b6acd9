"""POST /api/v1/projects/schedule through HTTP: the answer, the 422 cases, access, nothing stored.
Today is fixed at 2026-09-01; the test database holds the bundled 2026 holidays (国庆 Oct 1–7 off,
Saturday Oct 10 worked)."""

import json

import time_machine
from django.test import TestCase

from yuanqu.accounts.models import ApiToken
from yuanqu.core.models import AuditEvent
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.projects.models import Milestone, Project

URL = "/api/v1/projects/schedule"
CHAIN = [{"key": "a", "name": "土地摘牌", "duration_days": 3, "after": []},
         {"key": "b", "name": "施工许可", "duration_days": 2, "after": ["a", "c"]},
         {"key": "c", "name": "环评", "duration_days": 1}]


@time_machine.travel("2026-09-01 09:00 +08:00", tick=False)
class ScheduleApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.keys = {name: ApiToken.issue(user, "tests")[1] for name, user in [
            ("staff", cls.a.staff), ("grid", cls.a.grid_worker), ("firm", cls.a.firm_user),
            ("inst", cls.a.institution_user), ("district", make_district_admin())]}

    def post(self, body, who="staff"):
        headers = {"Authorization": f"Bearer {self.keys[who]}"} if who else {}
        return self.client.post(URL, json.dumps(body), content_type="application/json", headers=headers)

    def test_backward_schedule_across_national_day(self):
        resp = self.post({"target": "2026-10-11", "milestones": CHAIN})
        assert resp.status_code == 200, resp.content
        body = resp.json()
        assert body["critical_path"] == ["a", "b"] and body["start"] == "2026-09-29"
        rows = {m["key"]: m for m in body["milestones"]}
        assert [m["key"] for m in body["milestones"]] == ["a", "b", "c"]
        assert {k: (m["latest_start"], m["latest_finish"], m["float_days"]) for k, m in rows.items()} == {
            "a": ("2026-09-29", "2026-10-08", 0), "b": ("2026-10-09", "2026-10-10", 0),
            "c": ("2026-10-08", "2026-10-08", 2)}
        assert (rows["c"]["earliest_start"], rows["c"]["critical"]) == ("2026-09-29", False)

    def test_every_office_role_may_plan_firms_may_not(self):
        for who in ("grid", "district"):
            assert self.post({"target": "2026-10-11", "milestones": CHAIN}, who).status_code == 200
        for who in ("firm", "inst"):
            assert self.post({"target": "2026-10-11", "milestones": CHAIN}, who).status_code == 403
        assert self.post({"target": "2026-10-11", "milestones": CHAIN}, None).status_code == 401

    def test_a_cycle_names_the_milestones_on_it(self):
        cycle = [{"key": "x", "name": "甲", "duration_days": 1, "after": ["z"]},
                 {"key": "ok", "name": "独立", "duration_days": 1},
                 {"key": "y", "name": "乙", "duration_days": 1, "after": ["x"]},
                 {"key": "z", "name": "丙", "duration_days": 1, "after": ["y"]}]
        resp = self.post({"target": "2026-12-31", "milestones": cycle})
        assert resp.status_code == 422
        detail = resp.json()["detail"]
        assert [d["loc"] for d in detail] == [["body", "milestones", i, "after"] for i in (0, 2, 3)]
        assert "甲 → 乙 → 丙 → 甲" in detail[0]["msg"] and "成环" in detail[0]["msg"]

    def test_unknown_key_negative_duration_and_duplicates(self):
        bad = [{"key": "a", "name": "甲", "duration_days": -1},
               {"key": "b", "name": "乙", "duration_days": 2, "after": ["nope"]},
               {"key": "b", "name": "乙二", "duration_days": 2}]
        resp = self.post({"target": "2026-12-31", "milestones": bad})
        assert resp.status_code == 422
        detail = {(tuple(d["loc"]), d["msg"]) for d in resp.json()["detail"]}
        locs = {loc for loc, _m in detail}
        assert ("body", "milestones", 0, "duration_days") in locs
        assert ("body", "milestones", 1, "after") in locs
        assert {("body", "milestones", 1, "key"), ("body", "milestones", 2, "key")} <= locs
        text = " ".join(m for _l, m in detail)
        assert "不能为负数" in text and "“nope”不存在" in text and "重复" in text

    def test_target_before_today_and_bad_shapes(self):
        resp = self.post({"target": "2026-08-31", "milestones": CHAIN})
        assert resp.status_code == 422
        assert resp.json()["detail"] == [{"loc": ["body", "target"],
                                          "msg": "目标日期 2026-08-31 早于今天（2026-09-01）。"}]
        both = self.post({"target": "2026-08-31", "milestones": [{"key": "a", "duration_days": -2}]})
        assert [d["loc"] for d in both.json()["detail"]] == [["body", "target"],
                                                               ["body", "milestones", 0, "duration_days"]]
        blank_key = [{"key": " ", "duration_days": 1}]
        for body in ({"target": "2026-13-01", "milestones": CHAIN}, {"milestones": CHAIN},
                     {"target": "2026-12-31", "milestones": []},
                     {"target": "2026-12-31", "milestones": blank_key},
                     {"target": "2026-12-31", "milestones": [{"key": "a", "duration_days": "three"}]}):
            with self.subTest(body=str(body)[:60]):
                resp = self.post(body)
                assert resp.status_code == 422, resp.content
                assert all(any("\u4e00" <= c <= "\u9fff" for c in d["msg"]) for d in resp.json()["detail"])

    def test_nothing_is_stored(self):
        before = (Project.objects.count(), Milestone.objects.count(), AuditEvent.objects.count())
        self.post({"target": "2026-10-11", "milestones": CHAIN})
        self.post({"target": "2026-10-11", "milestones": [{"key": "a", "duration_days": -1}]})
        assert (Project.objects.count(), Milestone.objects.count(), AuditEvent.objects.count()) == before
