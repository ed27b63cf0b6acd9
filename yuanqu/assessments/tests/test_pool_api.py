"""/api/v1/cultivation: pool, plans, actions, notes, recognitions, figures; scoping, the error model."""

import json
from datetime import date

import time_machine
from django.test import TestCase

from yuanqu.accounts.models import ApiToken
from yuanqu.assessments import cultivation
from yuanqu.assessments.models import CultivationPlan, PlanStatus
from yuanqu.core.testing.personas import make_park

from .pool_helpers import eligible_result, gap_result, use_engine

API = "/api/v1/cultivation"
TODAY = "2026-06-15 10:00 +08:00"


class ApiBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        names = ("staff", "grid_worker", "other_grid_worker", "firm_user", "institution_user")
        cls.keys = {name: ApiToken.issue(getattr(cls.a, name), "tests")[1] for name in names}
        cls.keys["b_staff"] = ApiToken.issue(cls.b.staff, "tests")[1]

    def call(self, method, url, who="staff", body=None, **params):
        headers = {"Authorization": f"Bearer {self.keys[who]}"}
        if method == "get":
            return self.client.get(API + url, params, headers=headers)
        send = getattr(self.client, method)
        return send(API + url, json.dumps(body or {}), content_type="application/json", headers=headers)

    def assert_error(self, resp, status, loc=None):
        assert resp.status_code == status, resp.content
        detail = resp.json()["detail"]
        assert detail and all(d["msg"] for d in detail)
        if loc is not None:
            assert loc in [d["loc"] for d in detail], detail


@time_machine.travel(TODAY, tick=False)
class PoolApiTests(ApiBase):
    def setUp(self):
        self.engine = use_engine(self, {self.a.firm.pk: [eligible_result(), gap_result("gazelle")],
                                        self.a.other_firm.pk: [gap_result()]})

    def test_shape_per_tier(self):
        resp = self.call("get", "/pool", year=2025)
        assert resp.status_code == 200, resp.content
        body = resp.json()
        assert body["year"] == 2025 and [t["tier"] for t in body["tiers"]][:2] == ["innovative_sme",
                                                                                    "specialized_sme"]
        spec = body["tiers"][1]
        assert spec["label"] == "专精特新中小企业" and spec["counts"]["eligible"] == 1
        assert [(c["enterprise_id"], c["standing"]) for c in spec["candidates"]] == [
            (self.a.firm.pk, "eligible"), (self.a.other_firm.pk, "close")]
        assert spec["candidates"][1]["gaps"] == ["研发费用占营业收入比重 2.1%，还差 0.9 个百分点"]
        assert set(spec["candidates"][0]) >= {"score", "threshold", "closeness", "missing", "plan_id",
                                              "verified"}
        one = self.call("get", "/pool", tier="gazelle", limit=1).json()
        assert [t["tier"] for t in one["tiers"]] == ["gazelle"] and one["year"] == 2025

    def test_scope_and_errors(self):
        grid = self.call("get", "/pool", "other_grid_worker", tier="specialized_sme").json()["tiers"][0]
        assert [c["enterprise_id"] for c in grid["candidates"]] == [self.a.other_firm.pk]
        assert self.call("get", "/pool", "b_staff").json()["tiers"][1]["candidates"] == []
        self.assert_error(self.call("get", "/pool", "firm_user"), 403)
        self.assert_error(self.call("get", "/pool", "institution_user"), 403)
        self.assert_error(self.call("get", "/pool", tier="unicorn"), 422, ["query", "tier"])
        self.assert_error(self.call("get", "/pool", year=1999), 422)
        self.assert_error(self.call("get", "/pool", limit=0), 422)


@time_machine.travel(TODAY, tick=False)
class PlanApiTests(ApiBase):
    def setUp(self):
        use_engine(self)

    def create(self, who="staff", **body):
        data = {"enterprise_id": self.a.firm.pk, "tier": "specialized_sme",
                "officer_id": self.a.grid_worker.pk, "target_year": 2027, "goal": "补齐研发投入"} | body
        return self.call("post", "/plans", who, data)

    def test_create_read_update_close_delete(self):
        resp = self.create()
        assert resp.status_code == 201, resp.content
        plan = resp.json()
        assert (plan["officer_name"], plan["progress"], plan["actions"], plan["status"]) == (
            "a-grid", 0, [], "active")
        pid = plan["id"]
        assert self.call("get", f"/plans/{pid}", "firm_user").json()["goal"] == "补齐研发投入"
        resp = self.call("patch", f"/plans/{pid}", body={"officer_id": self.a.admin.pk, "target_year": 2028})
        assert resp.status_code == 200 and resp.json()["officer_id"] == self.a.admin.pk
        self.assert_error(self.call("patch", f"/plans/{pid}", body={"officer_id": 99999}), 422,
                          ["body", "officer_id"])
        self.assert_error(self.call("post", f"/plans/{pid}/close", body={"reason": ""}), 422,
                          ["body", "close_reason"])
        closed = self.call("post", f"/plans/{pid}/close", body={"reason": "企业迁出"})
        assert closed.json()["status"] == "closed"
        self.assert_error(self.call("post", f"/plans/{pid}/close", body={"reason": "again"}), 409)
        self.assert_error(self.call("patch", f"/plans/{pid}", body={"goal": "x"}), 409)
        assert self.call("delete", f"/plans/{pid}").status_code == 204
        self.assert_error(self.call("get", f"/plans/{pid}"), 404)

    def test_bad_input_and_who_may(self):
        self.assert_error(self.create(tier="unicorn"), 422, ["body", "tier"])
        self.assert_error(self.create(officer_id=self.b.staff.pk), 422, ["body", "officer"])
        self.assert_error(self.create(target_year=2020), 422, ["body", "target_year"])
        self.assert_error(self.create(target_year="soon"), 422)
        self.assert_error(self.create(enterprise_id=self.b.firm.pk), 404)
        self.assert_error(self.create("grid_worker"), 403)
        self.assert_error(self.create("firm_user"), 403)
        assert self.create().status_code == 201
        self.assert_error(self.create(), 422)  # one plan in progress per firm and tier

    def test_actions_notes_and_the_list(self):
        pid = self.create().json()["id"]
        resp = self.call("post", f"/plans/{pid}/actions", "grid_worker",
                         {"title": "申请发明专利", "due_on": "2026-05-01"})
        assert resp.status_code == 201 and resp.json()["overdue"] is True
        aid = resp.json()["id"]
        bad_day = {"title": "x", "due_on": "tomorrow"}
        self.assert_error(self.call("post", f"/plans/{pid}/actions", body=bad_day), 422,
                          ["body", "payload", "due_on"])
        self.assert_error(self.call("patch", f"/plans/{pid}/actions/{aid}", body={"status": "finished"}), 422,
                          ["body", "status"])
        self.assert_error(self.call("post", f"/plans/{pid}/actions", "firm_user",
                                    {"title": "x", "due_on": "2026-07-01"}), 403)
        self.assert_error(self.call("post", f"/plans/{pid}/actions", "other_grid_worker",
                                    {"title": "x", "due_on": "2026-07-01"}), 404)
        overdue = self.call("get", "/plans", overdue=True).json()
        assert overdue["count"] == 1 and overdue["items"][0]["overdue_actions"] == 1
        done = self.call("patch", f"/plans/{pid}/actions/{aid}", "grid_worker", {"status": "done"}).json()
        assert (done["done_on"], done["overdue"]) == ("2026-06-15", False)
        assert self.call("get", "/plans", overdue=True).json()["count"] == 0
        note = self.call("post", f"/plans/{pid}/notes", "grid_worker", {"text": "企业已提交材料"})
        assert note.status_code == 201 and note.json()["author"] == "a-grid"
        self.assert_error(self.call("post", f"/plans/{pid}/notes", body={"text": "<script>x</script>"}), 422,
                          ["body", "text"])
        plan = self.call("get", f"/plans/{pid}").json()
        assert plan["progress"] == 100 and [n["text"] for n in plan["notes"]] == ["企业已提交材料"]
        assert self.call("get", "/plans", "firm_user").json()["count"] == 1
        assert self.call("get", "/plans", "b_staff").json()["count"] == 0
        self.assert_error(self.call("get", "/plans", status="done"), 422, ["query", "status"])
        self.assert_error(self.call("get", "/plans", "institution_user"), 403)


@time_machine.travel(TODAY, tick=False)
class RecognitionApiTests(ApiBase):
    def test_record_closes_the_plan_lists_and_counts(self):
        plan = cultivation.create_plan(enterprise=self.a.firm, tier="gazelle", officer=self.a.staff,
                                       target_year=2026, actor=self.a.staff)
        body = {"enterprise_id": self.a.firm.pk, "tier": "gazelle", "year": 2026,
                "recognised_on": "2026-05-30", "document_number": "鲁工信发〔2026〕5号"}
        resp = self.call("post", "/recognitions", body=body)
        assert resp.status_code == 201, resp.content
        assert resp.json()["plan_id"] == plan.pk
        assert CultivationPlan.objects.get(pk=plan.pk).status == PlanStatus.RECOGNISED
        self.assert_error(self.call("post", "/recognitions", body=body), 422)
        self.assert_error(self.call("post", "/recognitions", body=body | {"year": 2027}), 422,
                          ["body", "recognised_on"])
        self.assert_error(self.call("post", "/recognitions", "grid_worker", body | {"year": 2025}), 403)
        listed = self.call("get", "/recognitions", year=2026).json()
        assert listed["count"] == 1 and listed["items"][0]["enterprise_name"] == self.a.firm.name
        assert self.call("get", "/recognitions", "firm_user").json()["count"] == 1
        assert self.call("get", "/recognitions", "other_grid_worker").json()["count"] == 0
        figures = self.call("get", "/figures", first=2025, last=2026).json()
        gazelle = {(r["year"], t["tier"]): (t["recognised"], t["holders"])
                   for r in figures for t in r["tiers"]}
        assert gazelle[(2026, "gazelle")] == (1, 1) and gazelle[(2025, "gazelle")] == (0, 0)
        self.assert_error(self.call("get", "/figures", first=2026, last=2020), 422, ["query", "first"])
        assert date(2026, 5, 30).isoformat() == listed["items"][0]["recognised_on"]
