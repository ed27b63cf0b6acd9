"""/api/v1/projects: scoping, status codes and the error model."""

import tempfile
from datetime import date

import time_machine
from django.test import TestCase, override_settings

from yuanqu.accounts.models import ApiToken
from yuanqu.core.testing.personas import make_park
from yuanqu.demands.tests.stubs import fixed_classifier
from yuanqu.projects import services
from yuanqu.projects.models import Milestone, ProgressNote, Project

from .helpers_projects import TARGET, TODAY, district, fake_image, make_project, png, project_park

BASE = "/api/v1/projects"
MEDIA = tempfile.mkdtemp(prefix="yuanqu-project-api-")


@override_settings(MEDIA_ROOT=MEDIA)
@time_machine.travel(TODAY, tick=False)
class ProjectApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")
        cls.q = make_park("b", offset=10)
        cls.other = make_project(cls.q, name="别园项目")
        cls.district = district()
        cls.keys = {name: ApiToken.issue(user, "tests")[1] for name, user in [
            ("admin", cls.p.admin), ("staff", cls.p.staff), ("grid", cls.p.grid_worker),
            ("grid2", cls.p.other_grid_worker), ("firm", cls.p.firm_user), ("inst", cls.p.institution_user),
            ("district", cls.district), ("q_admin", cls.q.admin)]}

    def call(self, method, url, who="admin", body=None, **extra):
        headers = {"Authorization": f"Bearer {self.keys[who]}"}
        if method in ("get", "delete"):
            return getattr(self.client, method)(url, headers=headers)
        return getattr(self.client, method)(url, data=body or {}, content_type="application/json",
                                            headers=headers, **extra)

    def url(self, project=None, tail=""):
        return f"{BASE}/{(project or self.p.project).pk}{tail}"

    def plan(self):
        services.apply_template(self.p.project, self.p.template, TARGET, actor=self.p.admin)

    def test_list_is_scoped_and_filtered(self):
        assert self.call("get", BASE).json()["count"] == 1
        assert self.call("get", BASE, "district").json()["count"] == 2
        assert self.call("get", f"{BASE}?level=city").json()["count"] == 0
        assert self.call("get", f"{BASE}?industry=C").json()["count"] == 1
        firm = self.call("get", BASE, "firm").json()
        assert [i["name"] for i in firm["items"]] == ["新能源汽车零部件项目"]
        assert firm["items"][0]["investor"] == self.p.firm.name
        assert self.call("get", BASE, "inst").status_code == 403
        assert self.client.get(BASE).status_code == 401

    def test_create_read_update_delete(self):
        body = {"name": "集成电路封测项目", "year": 2026, "total_investment": "60000",
                "investor_id": self.p.firm.pk, "industry_code": "3973", "level": "city", "score_tax": 80}
        resp = self.call("post", BASE, body=body)
        assert resp.status_code == 201, resp.json()
        pid = resp.json()["id"]
        assert resp.json()["investor"] == self.p.firm.name and resp.json()["level"] == "city"
        assert self.call("post", BASE, "staff", body={**body, "name": "x"}).status_code == 403
        resp = self.call("patch", f"{BASE}/{pid}",
                         body={"stage": "building", "annual_planned_investment": "9000"})
        assert resp.status_code == 200 and resp.json()["stage"] == "building"
        assert self.call("patch", f"{BASE}/{pid}", "staff", body={"stage": "signed"}).status_code == 403
        assert self.call("get", f"{BASE}/{pid}", "q_admin").status_code == 404
        assert self.call("delete", f"{BASE}/{pid}", "staff").status_code == 403
        assert self.call("delete", f"{BASE}/{pid}").status_code == 204
        assert not Project.objects.filter(pk=pid).exists()

    def test_bad_input_is_422_naming_the_field(self):
        resp = self.call("post", BASE, body={"name": "无投资方", "year": 2026, "total_investment": "1"})
        assert resp.status_code == 422
        assert resp.json()["detail"][0]["loc"] == ["body", "investor_name"]
        resp = self.call("post", BASE, body={"name": "别园企业", "year": 2026, "total_investment": "1",
                                             "investor_id": self.q.firm.pk})
        assert resp.json()["detail"][0]["loc"] == ["body", "investor"]
        resp = self.call("post", BASE, body={"name": "x", "year": 2026, "total_investment": "1",
                                             "investor_name": "y", "plot_id": 999999})
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "plot"]
        resp = self.call("post", BASE, body={"name": "x", "year": "二〇二六", "total_investment": "1"})
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"][-1] == "year"

    def test_patch_target_and_task_force(self):
        self.plan()
        resp = self.call("patch", self.url(), "staff", body={"target_date": "2026-02-01"})
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "target_date"]
        resp = self.call("patch", self.url(), "staff", body={"target_date": "2026-04-30"})
        assert resp.status_code == 200 and resp.json()["target_date"] == "2026-04-30"
        assert Milestone.objects.get(project=self.p.project, key="d").planned_finish == date(2026, 4, 30)
        team = {"lead_id": self.p.admin.pk, "member_ids": [self.p.staff.pk]}
        resp = self.call("patch", self.url(), body=team)
        assert resp.json()["lead_id"] == self.p.admin.pk and resp.json()["member_ids"] == [self.p.staff.pk]
        resp = self.call("patch", self.url(), body={"member_ids": [self.q.staff.pk]})
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "members"]

    def test_milestones(self):
        self.plan()
        rows = self.call("get", self.url(tail="/milestones"), "firm").json()
        assert [r["key"] for r in rows] == ["a", "b", "c", "d"] and rows[0]["critical"] is True
        url = self.url(tail="/milestones/a")
        resp = self.call("patch", url, "grid", body={"actual_finish": "2026-03-05"})
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "actual_finish"]
        resp = self.call("patch", url, "grid",
                         body={"actual_start": "2026-02-27", "actual_finish": "2026-03-02"})
        assert resp.status_code == 200 and resp.json()["actual_finish"] == "2026-03-02"
        resp = self.call("patch", url, "grid", body={"actual_finish": None})
        assert resp.json()["actual_finish"] is None and resp.json()["actual_start"] == "2026-02-27"
        assert self.call("patch", url, "grid2", body={"note": "x"}).status_code == 403
        assert self.call("patch", url, "firm", body={"note": "x"}).status_code == 403
        assert self.call("patch", self.url(tail="/milestones/zz"), "grid", body={}).status_code == 404
        assert self.call("get", self.url(self.other, "/milestones")).status_code == 404

    def test_apply_template(self):
        url = self.url(tail="/apply-template")
        resp = self.call("post", url, body={"template_id": 999999, "target": "2026-03-20"})
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "template_id"]
        resp = self.call("post", url, body={"template_id": self.p.template.pk, "target": "2026-03-20"})
        assert resp.status_code == 200 and resp.json()[-1]["planned_finish"] == "2026-03-20"
        assert self.call("post", url, "grid", body={"template_id": self.p.template.pk,
                                                    "target": "2026-03-20"}).status_code == 403
        services.update_milestone(Milestone.objects.get(project=self.p.project, key="a"),
                                  actual_finish=TODAY, actor=self.p.admin)
        resp = self.call("post", url, body={"template_id": self.p.template.pk, "target": "2026-04-20"})
        assert resp.status_code == 409 and resp.json()["detail"][0]["msg"]

    def test_notes_as_json_and_multipart(self):
        url = self.url(tail="/notes")
        resp = self.call("post", url, "firm", body={"on": "2026-03-02", "text": "设备进场"})
        assert resp.status_code == 201 and resp.json()["author"] == self.p.firm_user.full_name
        resp = self.call("post", url, "firm", body={"on": "2026-03-02", "text": "x", "month_amount": "5"})
        assert resp.status_code == 403
        resp = self.call("post", url, "staff", body={"on": "2026-03-02"})
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "text"]
        headers = {"Authorization": f"Bearer {self.keys['staff']}"}
        resp = self.client.post(url, {"on": "2026-03-02", "text": "主体施工", "month_amount": "300",
                                      "photos": [png(), png("b.png")]}, headers=headers)
        assert resp.status_code == 201, resp.content
        photos = resp.json()["photos"]
        assert len(photos) == 2 and photos[0]["url"].startswith("/projects/photos/")
        resp = self.client.post(url, {"on": "2026-03-02", "text": "假图", "photos": [fake_image()]},
                                headers=headers)
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "photos"]
        assert ProgressNote.objects.count() == 2
        assert len(self.call("get", url, "firm").json()) == 2

    def test_problems(self):
        url = self.url(tail="/problems")
        with fixed_classifier():
            resp = self.call("post", url, "staff",
                             body={"title": "施工许可办理慢", "text": "施工许可材料已报送两周未批复"})
        assert resp.status_code == 201 and resp.json()["number"].startswith("SQ2026-")
        assert self.call("get", url, "grid").json()[0]["title"] == "施工许可办理慢"
        project = make_project(self.p, name="外地投资项目", investor=False)
        resp = self.call("post", self.url(project, "/problems"), body={"title": "x", "text": "需要协调土地"})
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "investor"]
        assert self.call("post", url, "firm", body={"title": "x", "text": "yyyyyy"}).status_code == 403
