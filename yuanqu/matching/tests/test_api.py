"""/api/v1/match and /api/v1/resources: shape, scoping, the error model."""

import pytest
from django.test import TestCase

from yuanqu.accounts.models import ApiToken, Role
from yuanqu.core.testing.personas import make_park, make_user
from yuanqu.matching import index
from yuanqu.matching.models import Kind

from .helpers import FakeSearch, add

MATCH, RESOURCES = "/api/v1/match", "/api/v1/resources"


class ApiBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.service = add(cls.a.park, Kind.SERVICE, "CMA检测认证", external_id="S1", tags=["检测"])
        cls.policy = add(cls.a.park, Kind.POLICY, "高新技术企业认定奖励", description="认定后奖励20万元")
        cls.other_need = add(cls.a.park, Kind.NEED, "找检测机构做盐雾试验", owner=cls.a.other_firm)
        cls.park_b = add(cls.b.park, Kind.SERVICE, "B园区检测")
        _t, cls.staff_key = ApiToken.issue(cls.a.staff, "tests")
        _t, cls.firm_key = ApiToken.issue(cls.a.firm_user, "tests")

    def get(self, url, key=None, **params):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return self.client.get(url, params, headers=headers)


class MatchApiTests(ApiBase):
    def setUp(self):
        self.fake = FakeSearch([self.other_need.pk, self.service.pk, self.park_b.pk])
        patcher = pytest.MonkeyPatch()
        patcher.setattr(index, "search", self.fake)
        self.addCleanup(patcher.undo)

    def test_shape_and_scoping(self):
        resp = self.get(MATCH, self.firm_key, q="做盐雾检测", limit=5)
        assert resp.status_code == 200, resp.content
        assert resp.json() == [{"resource_id": self.service.pk, "external_id": "S1", "kind": "service",
                                "title": "CMA检测认证", "score": 0.99, "reasons": ["命中“检测”"]}]

    def test_unauthenticated_is_401_unbound_firm_user_403(self):
        assert self.get(MATCH, q="检测").status_code == 401
        loner = make_user("loner", Role.ENTERPRISE, self.a.park)
        self.client.force_login(loner)
        resp = self.client.get(MATCH, {"q": "检测"})
        assert resp.status_code == 403 and resp.json()["detail"][0]["msg"]

    def test_bad_input_is_422_in_the_error_model(self):
        cases = [({"q": ""}, "q"), ({"q": "   "}, "q"), ({}, "q"), ({"q": "检" * 5000}, "q"),
                 ({"q": "检测", "kind": "land"}, "kind"), ({"q": "检测", "limit": 0}, "limit"),
                 ({"q": "检测", "limit": 51}, "limit"), ({"q": "检测", "limit": "ten"}, "limit")]
        for params, field in cases:
            with self.subTest(params=str(params)[:40]):
                resp = self.get(MATCH, self.staff_key, **params)
                assert resp.status_code == 422, resp.content
                detail = resp.json()["detail"]
                assert detail[0]["loc"] == ["query", field] and detail[0]["msg"]
        assert self.fake.queries == []


class ResourceApiTests(ApiBase):
    def test_list_is_scoped_filtered_and_paginated(self):
        body = self.get(RESOURCES, self.firm_key).json()
        assert {i["id"] for i in body["items"]} == {self.service.pk, self.policy.pk}
        assert body["count"] == 2
        staff = self.get(RESOURCES, self.staff_key, kind="need").json()
        assert [i["id"] for i in staff["items"]] == [self.other_need.pk]
        assert self.get(RESOURCES, self.staff_key, q="高新").json()["items"][0]["id"] == self.policy.pk
        assert self.get(RESOURCES, self.staff_key, limit=1).json()["count"] == 3
        assert len(self.get(RESOURCES, self.staff_key, limit=1).json()["items"]) == 1

    def test_unknown_kind_is_422(self):
        resp = self.get(RESOURCES, self.staff_key, kind="x")
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["query", "kind"]

    def test_read_and_404_for_invisible(self):
        body = self.get(f"{RESOURCES}/{self.service.pk}", self.firm_key).json()
        assert body["title"] == "CMA检测认证" and body["description"] == "" and body["tags"] == ["检测"]
        assert self.get(f"{RESOURCES}/{self.other_need.pk}", self.firm_key).status_code == 404
        assert self.get(f"{RESOURCES}/{self.park_b.pk}", self.staff_key).status_code == 404
        assert self.get(f"{RESOURCES}/{self.service.pk}").status_code == 401


class RealEngineTests(ApiBase):
    """The API over the real index (built from the database into this test's directory)."""

    def setUp(self):
        index.rebuild_from_db()

    def test_ranked_results_with_reasons(self):
        body = self.get(MATCH, self.staff_key, q="想找家做检测认证的机构").json()
        assert body and body[0]["resource_id"] == self.service.pk
        assert all(item["reasons"] for item in body)
        assert [i["score"] for i in body] == sorted((i["score"] for i in body), reverse=True)
        assert self.park_b.pk not in {i["resource_id"] for i in body}

    def test_punctuation_alone_is_refused_with_the_reason(self):
        resp = self.get(MATCH, self.staff_key, q="％＄＃！")
        assert resp.status_code == 422
        reason = "内容里没有可用于匹配的文字或数字。"
        assert resp.json()["detail"][0] == {"loc": ["query", "q"], "msg": reason}

    def test_odd_text_is_just_text(self):
        for q in ["检测🔬🚀", "'; DROP TABLE matching_resource; --", "<script>alert(1)</script>检测",
                  "CMA检测 testing кириллица ﾃｽﾄ", "檢測認證"]:
            with self.subTest(q=q):
                resp = self.get(MATCH, self.staff_key, q=q)
                assert resp.status_code == 200, resp.content
                assert isinstance(resp.json(), list)

    def test_kind_filter_and_firm_scoping(self):
        body = self.get(MATCH, self.staff_key, q="检测", kind="need").json()
        assert {i["kind"] for i in body} <= {"need"}
        firm = self.get(MATCH, self.firm_key, q="盐雾试验 检测").json()
        assert self.other_need.pk not in {i["resource_id"] for i in firm}
