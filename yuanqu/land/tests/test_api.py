"""/api/v1/land: scoping, Chinese 422s naming the field, 409 for 一地一策, matches, map, import."""

import io
import json

from django.test import TestCase

from yuanqu.accounts.models import ApiToken
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.land import services
from yuanqu.land.models import DisposalPlan, Plot, PlotStatus

from .helpers import cell, make_plot, square

BASE = "/api/v1/land"


class LandApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        _t, cls.staff = ApiToken.issue(cls.a.staff, "tests")
        _t, cls.grid = ApiToken.issue(cls.a.grid_worker, "tests")
        _t, cls.firm = ApiToken.issue(cls.a.firm_user, "tests")
        cls.plot = make_plot(cls.a.park, cls.a.admin, "A-01", occupant=cls.a.firm)
        cls.idle = make_plot(cls.a.park, cls.a.admin, "A-02", i=1, status=PlotStatus.IDLE, price_per_mu=20,
                             has_power=True)
        make_plot(cls.b.park, cls.b.admin, "B-01")

    def call(self, verb, url, key=None, **body):
        headers = {"Authorization": f"Bearer {key or self.staff}"}
        data = None if verb in ("get", "delete") else body
        return getattr(self.client, verb)(f"{BASE}{url}", data=data, content_type="application/json",
                                            headers=headers)

    def test_the_list_is_scoped_and_filtered(self):
        body = self.call("get", "/plots").json()
        assert [i["code"] for i in body["items"]] == ["A-01", "A-02"]
        assert body["items"][0]["bbox"] == [120.0, 36.0, 120.001, 36.001]
        assert [i["code"] for i in self.call("get", "/plots?status=idle").json()["items"]] == ["A-02"]
        assert [i["code"] for i in self.call("get", "/plots", self.firm).json()["items"]] == ["A-01"]
        bad = self.call("get", "/plots?status=nonsense")
        assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "status"]

    def test_create_returns_the_drawn_area_and_refuses_bad_shapes_in_chinese(self):
        response = self.call("post", "/plots", code="A-03", geometry=cell(3), use="warehouse")
        assert response.status_code == 201, response.json()
        assert response.json()["area_mu"] == "15.01" and response.json()["geometry"]["type"] == "Polygon"
        overlap = self.call("post", "/plots", code="A-04", geometry=square(120.0005, 36.0))
        assert overlap.status_code == 422
        detail = overlap.json()["detail"][0]
        assert detail["loc"] == ["body", "geometry"] and "A-01" in detail["msg"] and "重叠" in detail["msg"]
        text = json.dumps({"type": "Polygon", "coordinates": [[[120, 36], [120.1, 36], [120, 36.1]]]})
        short = self.call("post", "/plots", code="A-05", geometry=text)
        assert "至少需要 4 个点" in short.json()["detail"][0]["msg"]
        off = self.call("post", "/plots", code="A-06", geometry=cell(9), area_mu="20")
        assert off.json()["detail"][0]["loc"] == ["body", "area_mu"]
        assert not Plot.objects.filter(code__in=["A-04", "A-05", "A-06"]).exists()

    def test_who_may_write(self):
        assert self.call("post", "/plots", self.grid, code="X", geometry=cell(7)).status_code == 403
        assert self.call("patch", f"/plots/{self.plot.pk}", self.grid, name="x").status_code == 403
        assert self.call("get", f"/plots/{self.idle.pk}", self.firm).status_code == 404
        other = Plot.objects.get(code="B-01")
        assert self.call("get", f"/plots/{other.pk}").status_code == 404
        self.client.force_login(self.district)
        response = self.client.post(f"{BASE}/plots", data={"code": "D-1", "geometry": cell(8)},
                                    content_type="application/json")
        assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "park_id"]

    def test_patch_status_and_delete(self):
        response = self.call("patch", f"/plots/{self.plot.pk}", name="新名", geometry=cell(0, 0, 0.0008))
        assert response.status_code == 200 and response.json()["area_mu"] == "9.60"  # 0.64 × 15.01
        assert self.call("post", f"/plots/{self.plot.pk}/status", status="idle").json()["status"] == "idle"
        assert self.call("delete", f"/plots/{self.plot.pk}").status_code == 403  # staff, not the admin
        _t, admin = ApiToken.issue(self.a.admin, "tests")
        assert self.call("delete", f"/plots/{self.plot.pk}", admin).status_code == 204

    def test_a_plan_with_steps_to_completion(self):
        url = f"/plots/{self.idle.pk}/plan"
        plan = self.call("post", url, method="graft", status="active", owner_id=self.a.staff.pk).json()
        assert plan["status"] == "active" and plan["steps"] == []
        again = self.call("post", url, method="reclaim")
        assert again.status_code == 409 and "一地一策" in again.json()["detail"][0]["msg"]
        busy = self.call("post", f"/plots/{self.plot.pk}/plan", method="reclaim")
        assert busy.status_code == 409
        step = self.call("post", f"/plans/{plan['id']}/steps", title="签约").json()
        firm_id = self.a.other_firm.pk
        blocked = self.call("post", f"/plans/{plan['id']}/complete", placed_enterprise_id=firm_id)
        assert blocked.status_code == 409 and "签约" in blocked.json()["detail"][0]["msg"]
        assert self.call("post", f"/steps/{step['id']}/done").json()["done_on"]
        done = self.call("post", f"/plans/{plan['id']}/complete", placed_enterprise_id=self.a.other_firm.pk,
                         completed_on="2025-10-01").json()
        assert done["status"] == "done" and done["revitalised_mu"] == "15.01"
        figures = self.call("get", "/figures?year=2025").json()
        assert figures == {"year": 2025, "park_id": self.a.park.pk, "plots_revitalised": 1,
                           "mu_revitalised": "15.01", "firms_placed": 1, "plan_ids": [plan["id"]]}
        assert self.call("get", "/plans", self.firm).json()["count"] == 0
        spare = make_plot(self.a.park, self.a.admin, "A-09", i=9, status=PlotStatus.RESERVE)
        services.set_status(spare, PlotStatus.IDLE, actor=self.a.admin)
        missing = self.call("post", f"/plots/{spare.pk}/plan", method="graft", owner_id=99999)
        assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body", "owner_id"]

    def test_needs_and_their_matches(self):
        need = self.call("post", "/needs", title="新能源电池项目用地", min_area_mu="10", max_area_mu="20",
                         needs_power=True, needs_gas=True, budget="400").json()
        matches = self.call("get", f"/needs/{need['id']}/matches").json()
        assert [m["code"] for m in matches] == ["A-02"]  # the occupied A-01 is not offered
        reasons = [r["text"] for r in matches[0]["reasons"]]
        assert "缺少供气" in reasons and "预算 400 万元 ≥ 挂牌价×面积 300.2 万元" in reasons
        bad = self.call("post", "/needs", title="x", min_area_mu="30", max_area_mu="10")
        assert bad.json()["detail"][0]["loc"] == ["body", "max_area_mu"]
        assert self.call("get", f"/needs/{need['id']}/matches?limit=0").status_code == 422
        assert self.call("get", "/needs", self.firm).json()["count"] == 0

    def test_the_map_as_geojson(self):
        data = self.call("get", "/map?color_by=land").json()
        assert data["type"] == "FeatureCollection" and len(data["features"]) == 2
        assert data["features"][1]["properties"]["status_label"] == "闲置"
        assert self.call("get", "/map", self.firm).status_code == 403

    def test_import_through_the_api(self):
        doc = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "G-1"}, "geometry": cell(5)},
            {"type": "Feature", "properties": {"code": "G-2"}, "geometry": cell(0)}]}  # overlaps A-01
        upload = io.BytesIO(json.dumps(doc).encode())
        upload.name = "plots.geojson"
        response = self.client.post(f"{BASE}/plots/import", {"file": upload},
                                    headers={"Authorization": f"Bearer {self.staff}"})
        assert response.status_code == 422
        assert [(e["row"], "A-01" in e["message"]) for e in response.json()["errors"]] == [(2, True)]
        assert not Plot.objects.filter(code__startswith="G-").exists()
        assert DisposalPlan.objects.count() == 0
