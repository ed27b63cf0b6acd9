"""Bad input at the edge: NUL, broken UTF-8, oversized bodies, out-of-range numbers, unknown paths.

Each is a 4xx in the caller's error model (the API's, Open311's, a page's plain text), in Chinese,
and nothing is stored."""

import json

from django.test import Client, TestCase

from yuanqu.accounts.models import ApiToken
from yuanqu.core.testing.personas import credit_code
from yuanqu.demands.models import Demand
from yuanqu.demands.tests.helpers import demand_park, file_demand
from yuanqu.demands.tests.stubs import fixed_classifier
from yuanqu.enterprises.models import Enterprise

API, OPEN311 = "/api/v1", "/open311/v2"
MB = 1024 * 1024


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class BadInputCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park("a")
        cls.admin_key = ApiToken.issue(cls.p.admin, "t")[1]
        cls.firm_key = ApiToken.issue(cls.p.firm_user, "t")[1]
        cls.demand = file_demand(cls.p)

    def setUp(self):
        stub = fixed_classifier()
        stub.__enter__()
        self.addCleanup(stub.__exit__, None, None, None)

    def api(self, method, url, body=None, key=None, content_type="application/json"):
        return getattr(self.client, method)(API + url, data=body, content_type=content_type,
                                            headers={"Authorization": f"Bearer {key or self.admin_key}"})

    def assert_api_error(self, response, status, loc=None):
        assert response.status_code == status, response.content
        items = response.json()["detail"]
        assert isinstance(items, list) and all(has_chinese(i["msg"]) for i in items), items
        if loc is not None:
            assert items[0]["loc"] == loc, items
        return items

    def assert_open311_error(self, response, status):
        assert response.status_code == status, response.content
        body = response.json()
        assert [e["code"] for e in body] == [status] and has_chinese(body[0]["description"]), body


class NulTests(BadInputCase):
    def test_nul_in_api_query_is_400_in_the_error_model(self):
        for url in ("/enterprises?q=a%00b", "/demands?q=a%00b"):
            self.assert_api_error(self.api("get", url), 400, ["query", "q"])

    def test_nul_in_api_json_is_400_located_and_nothing_stored(self):
        body = '{"title": "停电\\u0000", "text": "孔雀河三路厂区今天上午突然停电"}'
        self.assert_api_error(self.api("post", "/demands", body, key=self.firm_key), 400, ["body", "title"])
        assert Demand.objects.count() == 1

    def test_escaped_backslash_before_u0000_is_no_nul(self):
        body = json.dumps({"title": "停电\\u0000", "text": "孔雀河三路厂区今天上午突然停电"})
        assert self.api("post", "/demands", body, key=self.firm_key).status_code == 201

    def test_nul_in_api_json_update_changes_nothing(self):
        firm = self.p.firm
        body = json.dumps({"address": "香江路\x00一号"})
        self.assert_api_error(self.api("put", f"/enterprises/{firm.pk}", body), 400, ["body", "address"])
        assert Enterprise.objects.get(pk=firm.pk).address == firm.address

    def test_nul_on_open311_is_400_in_its_model(self):
        query = f"{OPEN311}/requests.json?api_key={self.admin_key}&service_code=a%00"
        self.assert_open311_error(self.client.get(query), 400)
        form = {"api_key": self.firm_key, "service_code": "policy", "description": "厂区门口道路破损\x00严重"}
        self.assert_open311_error(self.client.post(f"{OPEN311}/requests.json", form), 400)
        assert Demand.objects.count() == 1

    def test_nul_in_a_page_query_is_a_chinese_400(self):
        self.client.force_login(self.p.firm_user)
        for response in (self.client.get("/demands/?q=a%00"), self.client.get("/enterprises/?q=a%00")):
            assert response.status_code == 400 and has_chinese(response.content.decode())

    def test_nul_in_a_page_form_is_a_field_error_with_the_form_kept(self):
        self.client.force_login(self.p.firm_user)
        text = "孔雀河三路厂区今天上午突然停电，生产线停了"
        response = self.client.post("/demands/new/", {"title": "停电\x00", "urgency": "normal", "text": text})
        assert response.status_code == 200
        form = response.context["form"]
        assert "title" in form.errors and has_chinese(" ".join(form.errors["title"]))
        assert "不能包含空字符" in form.errors["title"][0]  # ours: Django's zh-hans text is garbled
        assert text in response.content.decode()  # what was typed is still there
        assert Demand.objects.count() == 1


    def test_nul_in_any_page_form_is_refused_by_the_form_never_a_500(self):
        self.client.force_login(self.p.staff)
        firm, demand, nul = self.p.firm.pk, self.demand.pk, "停电\x00"
        posts = [("/accounts/tokens/", {"name": nul}),
                 (f"/enterprises/{firm}/edit/", {"name": nul, "legal_rep": nul}),
                 (f"/enterprises/{firm}/offering/new/", {"kind": "product", "name": nul, "tags": nul}),
                 (f"/enterprises/{firm}/contact/new/", {"name": nul, "phone": nul}),
                 (f"/enterprises/{firm}/indicators/", {"year": "2025\x00", "revenue": "1\x00"}),
                 (f"/demands/{demand}/action/accept/", {"note": nul}),
                 (f"/demands/{demand}/triage/", {"category": "1\x00", "urgency": nul}),
                 ("/demands/new/", {"enterprise": f"{firm}\x00", "title": nul, "text": nul})]
        for url, data in posts:
            response = self.client.post(url, data)
            assert response.status_code < 500, url
        assert all("\x00" not in f"{e.name}{e.legal_rep}" for e in Enterprise.objects.all())
        assert Demand.objects.count() == 1
        login = Client().post("/accounts/login/", {"username": "a\x00", "password": "x\x00"})
        assert login.status_code == 200


class Utf8Tests(BadInputCase):
    BROKEN = b"%FF%FE%E5%8E%82%E5%8C%BA%E9%81%93%E8%B7%AF%E7%A0%B4%E6%8D%9F%E4%B8%A5%E9%87%8D"

    def test_broken_utf8_form_on_open311_is_refused(self):
        body = b"api_key=" + self.firm_key.encode() + b"&service_code=policy&description=" + self.BROKEN
        response = self.client.post(f"{OPEN311}/requests.json", body,
                                    content_type="application/x-www-form-urlencoded")
        self.assert_open311_error(response, 400)
        assert Demand.objects.count() == 1

    def test_broken_utf8_form_on_a_page_is_refused(self):
        self.client.force_login(self.p.firm_user)
        body = b"urgency=normal&title=%E5%81%9C%E7%94%B5&text=" + self.BROKEN
        response = self.client.post("/demands/new/", body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400 and has_chinese(response.content.decode())
        assert Demand.objects.count() == 1

    def test_broken_utf8_json_is_400_in_the_error_model(self):
        body = b'{"title": "\xff\xfe", "text": "x"}'
        self.assert_api_error(self.api("post", "/demands", body, key=self.firm_key), 400, ["body"])


class RangeTests(BadInputCase):
    def test_huge_offset_is_422(self):
        for url in ("/enterprises?offset=99999999999999999999", "/demands?offset=99999999999999999999"):
            self.assert_api_error(self.api("get", url), 422, ["query", "offset"])

    def test_huge_year_is_4xx(self):
        response = self.api("put", f"/enterprises/{self.p.firm.pk}/indicators/99999999999", "{}")
        self.assert_api_error(response, 422)
        assert self.api("get", "/demands?year=99999999999").status_code == 422

    def test_year_one_on_open311_and_the_api_is_400(self):
        for name in ("end_date", "start_date"):
            query = {"api_key": self.admin_key, name: "0001-01-01"}
            self.assert_open311_error(self.client.get(f"{OPEN311}/requests.json", query), 400)
        self.assert_api_error(self.api("get", "/demands?created_from=0001-01-01"), 422)

    def test_unknown_grid_is_422_on_update_and_create(self):
        firm = self.p.firm
        response = self.api("put", f"/enterprises/{firm.pk}", json.dumps({"grid_id": 9999}))
        self.assert_api_error(response, 422, ["body", "grid"])
        assert Enterprise.objects.get(pk=firm.pk).grid_id == firm.grid_id
        body = {"name": "青岛新企业有限公司", "credit_code": credit_code(99), "industry_code": "3062",
                "grid_id": 99999999999999999999}
        self.assert_api_error(self.api("post", "/enterprises", json.dumps(body)), 422, ["body", "grid"])
        assert Enterprise.objects.count() == 2


class SizeTests(BadInputCase):
    def test_10mb_json_is_413_in_the_error_model(self):
        body = json.dumps({"title": "停电", "text": "x" * (10 * MB)})
        self.assert_api_error(self.api("post", "/demands", body, key=self.firm_key), 413, ["body"])
        assert Demand.objects.count() == 1

    def test_6mb_form_on_open311_is_413_in_its_model(self):
        form = {"api_key": self.firm_key, "service_code": "policy", "description": "厂" * (2 * MB)}
        self.assert_open311_error(self.client.post(f"{OPEN311}/requests.json", form), 413)
        response = self.client.post(f"{OPEN311}/requests.xml", form)
        assert response.status_code == 413 and b"<code>413</code>" in response.content


class ApiErrorModelTests(BadInputCase):
    def test_unparsable_body_is_the_error_model(self):
        self.assert_api_error(self.api("post", "/demands", "{bad", key=self.firm_key), 400)

    def test_csrf_failure_is_the_error_model(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.p.firm_user)
        response = client.post(f"{API}/demands", "{}", content_type="application/json")
        self.assert_api_error(response, 403)

    def test_malformed_and_unknown_paths_are_404_in_the_error_model(self):
        for url in ("/demands/abc", "/enterprises/1x/indicators", "/nothing-here"):
            self.assert_api_error(self.api("get", url), 404)


NASTY_TEXT = ["\x00", "a\x00b", "\ufffd", "99999999999999999999", "-1", "0", "0001-01-01", "9999-12-31",
              "1e309", "NaN", "长" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "%", " ", "[]"]
NASTY_JSON = [*NASTY_TEXT, 10 ** 20, -(10 ** 20), -1, 0, 1.5, float("inf"), True, None, [], {}]


class FuzzTests(BadInputCase):
    """Nasty values in every parameter of every API endpoint and Open311 call: never a 500."""

    def assert_no_500(self, response, what):
        assert response.status_code < 500, (what, response.status_code, response.content[:300])

    def test_api_queries_and_paths(self):
        d, firm = self.demand.pk, self.p.firm.pk
        params = {"/demands": ["q", "state", "category", "urgency", "year", "created_from", "created_to",
                               "enterprise", "overdue", "view", "limit", "offset"],
                  "/enterprises": ["q", "industry", "zone", "grid", "size_class", "qualification",
                                   "status", "park", "limit", "offset"]}
        for url, names in params.items():
            for name in names:
                for value in NASTY_TEXT:
                    self.assert_no_500(self.client.get(API + url, {name: value}, headers=self.auth()),
                                       (url, name, value))
        for value in ["99999999999999999999", "-1", "abc", "%00", "1.5"]:
            for url in (f"/demands/{value}", f"/enterprises/{value}", f"/enterprises/{value}/indicators",
                        f"/enterprises/{firm}/indicators/{value}", f"/demands/{d}/actions/{value}"):
                self.assert_no_500(self.api("get", url), url)
                self.assert_no_500(self.api("put", url, "{}"), url)

    def auth(self):
        return {"Authorization": f"Bearer {self.admin_key}"}

    def test_api_json_bodies(self):
        firm, d = self.p.firm.pk, self.demand.pk
        bodies = {("put", f"/enterprises/{firm}"): ["name", "credit_code", "founded_on", "registered_capital",
                                                    "grid_id", "grid_worker_id", "industry_code", "status"],
                  ("post", "/enterprises"): ["park_id", "grid_id", "founded_on", "registered_capital"],
                  ("put", f"/enterprises/{firm}/indicators/2024"): ["revenue", "employees", "land_area_mu"],
                  ("post", "/demands"): ["title", "text", "enterprise_id", "category", "urgency"],
                  ("post", "/demands/classify"): ["text"],
                  ("post", f"/demands/{d}/actions/forward"): ["note", "department_id", "into_number"],
                  ("post", f"/demands/{d}/classification"): ["category", "subtype", "urgency"]}
        for (method, url), names in bodies.items():
            for name in names:
                for value in NASTY_JSON:
                    response = self.api(method, url, json.dumps({name: value}))
                    self.assert_no_500(response, (url, name, value))

    def test_open311_parameters(self):
        gets = ["jurisdiction_id", "service_code", "status", "start_date", "end_date", "service_request_id",
                "page", "page_size"]
        for name in gets:
            for value in NASTY_TEXT:
                query = {"api_key": self.admin_key, name: value}
                self.assert_no_500(self.client.get(f"{OPEN311}/requests.json", query), (name, value))
        posts = ["service_code", "description", "lat", "long", "first_name", "last_name", "phone",
                 "address_string", "attribute[subtype]", "attribute[credit_code]", "jurisdiction_id"]
        base = {"api_key": self.firm_key, "service_code": "policy", "description": "厂区门口道路破损严重"}
        for name in posts:
            for value in NASTY_TEXT:
                response = self.client.post(f"{OPEN311}/requests.xml", {**base, name: value})
                self.assert_no_500(response, (name, value))
        for value in ["abc", "99999999999999999999", "a%00"]:
            for path in (f"/requests/{value}.json", f"/services/{value}.json", f"/tokens/{value}.json"):
                self.assert_no_500(self.client.get(OPEN311 + path, {"api_key": self.admin_key}), path)


def test_an_http_error_raised_by_our_code_keeps_its_own_message():
    """Only ninja's own parse and CSRF messages are reworded; a 403 of ours is not a CSRF failure."""
    from django.test import RequestFactory
    from ninja.errors import HttpError

    from yuanqu.api import on_http_error

    request = RequestFactory().get("/api/v1/x")
    body = json.loads(on_http_error(request, HttpError(403, "该字段仅园区管委会可修改")).content)
    assert body == {"detail": [{"loc": [], "msg": "该字段仅园区管委会可修改"}]}
    csrf = json.loads(on_http_error(request, HttpError(403, "CSRF check Failed")).content)
    assert has_chinese(csrf["detail"][0]["msg"])
