"""/api/v1/assessments (system, AHP, ranking, per-mu) and the entries the firm assessments list gets."""

import json

from django.test import TestCase

from yuanqu.assessments.capability import api_entries
from yuanqu.assessments.capability.defaults import default_spec
from yuanqu.core.testing.personas import make_district_admin, make_park

from .capability_helpers import add_firms, add_indicators, figures

API = "/api/v1/assessments"


def system_payload(**override):
    spec = default_spec()
    body = {"name": "园区体系", "normalisation": "minmax", "peer_min_size": 5,
            "dimension_weights": spec.dimension_weights, "per_mu_weights": spec.per_mu_weights,
            "grade_shares": spec.grade_shares,
            "indicators": [{"code": i.code, "name": i.name, "dimension": i.dimension, "formula": i.formula,
                            "direction": "higher" if i.higher_is_better else "lower", "weight": i.weight,
                            "unit": i.unit} for i in spec.indicators]}
    return {**body, **override}


class CapabilityApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        add_indicators(cls.a.firm, 2024, **figures(0.9))
        add_indicators(cls.a.firm, 2025, **figures(1.0))
        add_firms(cls.a.park, 5, start=100)

    def call(self, user, method, path, body=None):
        self.client.force_login(user)
        kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
        return getattr(self.client, method)(f"{API}{path}", **kwargs)

    def test_administrators_read_the_system(self):
        resp = self.call(self.a.admin, "get", "/system")
        assert resp.status_code == 200
        data = resp.json()
        assert data["rule_version"] == "capability-default-v1" and len(data["indicators"]) == 14
        assert self.call(self.a.staff, "get", "/system").status_code == 403

    def test_put_replaces_the_system(self):
        resp = self.call(self.a.admin, "put", "/system", system_payload())
        assert resp.status_code == 200, resp.content
        assert resp.json()["park"] == "a" and resp.json()["name"] == "园区体系"
        assert self.call(self.a.admin, "get", "/system").json()["rule_version"] == resp.json()["rule_version"]

    def test_put_names_what_is_wrong(self):
        payload = system_payload(dimension_weights={**default_spec().dimension_weights, "growth": 0.5})
        resp = self.call(self.a.admin, "put", "/system", payload)
        assert resp.status_code == 422
        message = "六大能力维度的权重之和为 1.350，应为 1（允许误差 0.001）。"
        assert resp.json()["detail"] == [{"loc": ["body", "dimensions"], "msg": message}]
        payload = system_payload()
        payload["indicators"][0]["formula"] = "open('x')"
        resp = self.call(self.a.admin, "put", "/system", payload)
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "indicators.0.formula"]
        payload["indicators"][0]["dimension"] = "luck"
        assert self.call(self.a.admin, "put", "/system", payload).status_code == 422
        assert self.call(self.a.staff, "put", "/system", system_payload()).status_code == 403
        assert self.call(self.a.admin, "put", "/system?park=b", system_payload()).json()["park"] == "a"

    def test_ahp_endpoint(self):
        resp = self.call(self.a.admin, "post", "/ahp", {"matrix": [[1, 2, 5], ["1/2", 1, 2], ["1/5", "1/2",
                                                                                              1]]})
        assert resp.status_code == 200
        assert [round(w, 3) for w in resp.json()["weights"]] == [0.595, 0.276, 0.128]
        assert round(resp.json()["cr"], 4) == 0.0048
        resp = self.call(self.a.admin, "post", "/ahp", {"matrix": [[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9",
                                                                                                  1]]})
        assert resp.status_code == 422 and "CR = 6.130" in resp.json()["detail"][0]["msg"]
        assert resp.json()["detail"][0]["loc"] == ["body", "matrix"]

    def test_ranking_and_per_mu(self):
        resp = self.call(self.a.staff, "get", "/ranking?year=2025")
        assert resp.status_code == 200 and resp.json()["count"] == 6
        first = resp.json()["items"][0]
        assert first["rank"] == 1 and set(first["dimensions"]) == {
            "profitability", "development", "investment", "innovation", "growth", "responsibility"}
        assert self.call(self.a.staff, "get", "/ranking?sort=luck").status_code == 422
        assert self.call(self.a.firm_user, "get", "/ranking").status_code == 403
        assert self.call(self.district, "get", "/ranking").status_code == 422
        assert self.call(self.district, "get", "/ranking?park=a").json()["count"] == 6
        assert self.call(self.b.staff, "get", "/ranking").status_code == 422  # no figures in park b
        grades = self.call(self.a.staff, "get", "/per-mu?year=2025").json()["items"]
        assert grades[0]["grade"] == "A" and {g["grade"] for g in grades} <= set("ABCD")

    def test_api_entries_have_the_tier_shape(self):
        six, per_mu = api_entries(self.a.firm, 2025)
        for entry in (six, per_mu):
            assert {"tier", "rule_version", "eligible", "score", "breakdown", "gaps", "missing"} <= set(entry)
            assert all(set(line) == {"indicator", "value", "band", "points"} for line in entry["breakdown"])
        assert six["tier"] == "six_capability" and six["rule_version"] == "capability-default-v1"
        assert per_mu["tier"] == "per_mu" and per_mu["grade"] in "ABCD"
        empty = api_entries(self.a.firm, 2010)
        assert empty[0]["score"] is None and "2010" in empty[0]["missing"][0]
