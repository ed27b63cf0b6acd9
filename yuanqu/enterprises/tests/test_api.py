"""/api/v1/enterprises over real HTTP semantics: auth, scoping, validation, indicators."""

from django.test import TestCase

from yuanqu.accounts.models import ApiToken
from yuanqu.core.testing.personas import credit_code, make_district_admin, make_park
from yuanqu.enterprises.models import Enterprise

BASE = "/api/v1/enterprises"


class ApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        _t, cls.admin_key = ApiToken.issue(cls.a.admin, "tests")
        _t, cls.firm_key = ApiToken.issue(cls.a.firm_user, "tests")

    def call(self, method, url, key=None, **body):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        data = None if method in ("get", "delete") else body
        return getattr(self.client, method)(url, data=data, content_type="application/json",
                                            headers=headers)

    def test_no_credentials_is_401_and_bad_token_too(self):
        assert self.call("get", BASE).status_code == 401
        assert self.call("get", BASE, key="yq_wrong").status_code == 401

    def test_revoked_token_is_refused(self):
        token, raw = ApiToken.issue(self.a.admin, "old")
        token.revoke()
        assert self.call("get", BASE, key=raw).status_code == 401

    def test_list_is_scoped_and_filtered(self):
        body = self.call("get", BASE, key=self.admin_key).json()
        assert body["count"] == 2
        names = {i["id"] for i in self.call("get", f"{BASE}?industry=18", key=self.admin_key).json()["items"]}
        assert names == {self.a.other_firm.pk}
        section = self.call("get", f"{BASE}?industry=C&grid={self.a.grid_a.pk}", key=self.admin_key).json()
        assert [i["id"] for i in section["items"]] == [self.a.firm.pk]

    def test_firm_user_lists_only_own_firm(self):
        body = self.call("get", BASE, key=self.firm_key).json()
        assert [i["id"] for i in body["items"]] == [self.a.firm.pk]

    def test_session_login_works_too(self):
        self.client.force_login(self.district)
        assert self.client.get(BASE).json()["count"] == 4

    def test_read_other_park_is_404(self):
        assert self.call("get", f"{BASE}/{self.b.firm.pk}", key=self.admin_key).status_code == 404
        assert self.call("get", f"{BASE}/{self.a.firm.pk}", key=self.admin_key).json()["name"]

    def test_create_returns_201_and_is_audited(self):
        resp = self.call("post", BASE, key=self.admin_key, name="青岛新企业有限公司",
                         credit_code=credit_code(300).lower(), industry_code="3484")
        assert resp.status_code == 201, resp.content
        ent = Enterprise.objects.get(pk=resp.json()["id"])
        assert ent.park == self.a.park and ent.credit_code == credit_code(300)

    def test_validation_errors_are_422_with_field_and_chinese_message(self):
        resp = self.call("post", BASE, key=self.admin_key, name="<b>x</b>",
                         credit_code="91370215MA3CXK8RX7", industry_code="9999")
        assert resp.status_code == 422
        locs = {tuple(d["loc"]) for d in resp.json()["detail"]}
        assert ("body", "name") in locs and ("body", "credit_code") in locs
        assert ("body", "industry") in locs
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in d["msg"]) for d in resp.json()["detail"])

    def test_missing_field_is_422_in_chinese(self):
        resp = self.call("post", BASE, key=self.admin_key, name="x")
        assert resp.status_code == 422
        detail = {tuple(d["loc"]): d["msg"] for d in resp.json()["detail"]}
        assert "必填" in detail[("body", "payload", "credit_code")]

    def test_firm_user_cannot_create_or_delete(self):
        assert self.call("post", BASE, key=self.firm_key, name="x", credit_code=credit_code(301),
                         industry_code="3484").status_code == 403
        assert self.call("delete", f"{BASE}/{self.a.firm.pk}", key=self.firm_key).status_code == 403

    def test_firm_user_edits_own_firm_but_not_office_fields(self):
        url = f"{BASE}/{self.a.firm.pk}"
        assert self.call("put", url, key=self.firm_key, address="孔雀河三路18号").status_code == 200
        assert self.call("put", url, key=self.firm_key, grid_id=self.a.grid_b.pk).status_code == 403
        assert self.call("put", f"{BASE}/{self.a.other_firm.pk}", key=self.firm_key,
                         address="x").status_code == 404

    def test_delete(self):
        assert self.call("delete", f"{BASE}/{self.a.other_firm.pk}", key=self.admin_key).status_code == 204
        assert not Enterprise.objects.filter(pk=self.a.other_firm.pk).exists()

    def test_a_firm_with_demands_is_kept_with_a_409(self):
        from yuanqu.demands.models import Demand

        for n in (1, 2):
            Demand.objects.create(park=self.a.park, enterprise=self.a.other_firm, number=f"SQ2026-90000{n}",
                                  title="停电", text="厂区停电两个小时了", channel="api")
        resp = self.call("delete", f"{BASE}/{self.a.other_firm.pk}", key=self.admin_key)
        assert resp.status_code == 409, resp.content
        assert "2 条诉求" in resp.json()["detail"][0]["msg"]
        assert Enterprise.objects.filter(pk=self.a.other_firm.pk).exists()

    def test_implausible_indicators_are_422(self):
        url = f"{BASE}/{self.a.firm.pk}/indicators/2025"
        resp = self.call("put", url, key=self.firm_key, revenue="99999999999")
        assert resp.status_code == 422, resp.content
        assert resp.json()["detail"] == [{"loc": ["body", "revenue"],
                                          "msg": "营业收入不能超过 10,000,000 万元。"}]
        assert not self.a.firm.indicators.exists()

    def test_put_indicators_and_read_derived_ratios(self):
        url = f"{BASE}/{self.a.firm.pk}/indicators/2025"
        resp = self.call("put", url, key=self.firm_key, revenue="1000", rd_expense="50",
                         total_assets="800", total_liabilities="200", employees=120)
        assert resp.status_code == 200, resp.content
        assert resp.json()["employees"] == 120
        rows = self.call("get", f"{BASE}/{self.a.firm.pk}/indicators", key=self.firm_key).json()
        assert rows[0]["rd_intensity"] == "0.0500" and rows[0]["debt_ratio"] == "0.2500"

    def test_negative_indicator_and_impossible_year_are_422(self):
        url = f"{BASE}/{self.a.firm.pk}/indicators/"
        resp = self.call("put", url + "2025", key=self.admin_key, tax_paid="-5")
        assert resp.status_code == 422
        assert resp.json()["detail"][0]["loc"] == ["body", "tax_paid"]
        assert self.call("put", url + "1800", key=self.admin_key).status_code == 422

    def test_openapi_docs_are_served_locally(self):
        self.client.force_login(self.a.admin)
        schema = self.client.get("/api/v1/openapi.json").json()
        assert "/api/v1/enterprises/{ent_id}/indicators/{year}" in schema["paths"]
        page = self.client.get("/api/v1/docs").content.decode()
        assert "cdn" not in page and "/static/ninja/swagger-ui-bundle.js" in page
