"""Open311 GeoReport v2: discovery, services, filing and following demands with an api_key."""

import re
from dataclasses import asdict, dataclass
from datetime import timedelta
from unittest.mock import patch
from xml.etree import ElementTree as ET

from django.test import Client, TestCase
from django.utils import timezone

from yuanqu.accounts.models import ApiToken
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.demands import services
from yuanqu.demands.models import Category, Channel, Demand
from yuanqu.demands.workflow import Action

BASE = "/open311/v2/"
NUMBER = re.compile(r"^SQ\d{4}-\d{6}$")


@dataclass
class StubPrediction:
    """What the classifier returns, fixed so the tests do not depend on a trained model."""

    category: str = "policy"
    confidence: float = 0.9
    subtype: str = ""
    urgency: str = "normal"

    def as_dict(self):
        return asdict(self)


def parse_xml(content):
    """Parse our own response (trusted test data, so the stdlib parser is fine)."""
    return ET.fromstring(content)  # noqa: S314


def stub_classifier():
    return patch("yuanqu.demands.services.classify_text", return_value=StubPrediction())


def file_demand(people, firm, text, *, actor=None, code="policy"):
    category = Category.objects.get(park=people.park, code=code)
    data = {"title": text[:30], "text": text, "category": category}
    with stub_classifier():
        return services.submit(enterprise=firm, data=data, actor=actor or people.admin, channel=Channel.STAFF)


class Open311Tests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a, cls.b = make_park("a"), make_park("b", offset=10)
        # The default taxonomy is installed before make_park adds the department it routes to.
        Category.objects.filter(park=cls.a.park, code="policy").update(department=cls.a.department)
        cls.firm_key = ApiToken.issue(cls.a.firm_user, "firm app")[1]
        cls.staff_key = ApiToken.issue(cls.a.staff, "12345 hotline")[1]
        cls.b_staff_key = ApiToken.issue(cls.b.staff, "park b")[1]
        cls.b_firm_key = ApiToken.issue(cls.b.firm_user, "park b firm")[1]
        cls.own = file_demand(cls.a, cls.a.firm, "厂区门口道路破损严重，影响货车通行")
        cls.other = file_demand(cls.a, cls.a.other_firm, "希望了解高新技术企业认定的申报条件",
                                code="talent")
        cls.closed = file_demand(cls.a, cls.a.firm, "申请研发费用补贴需要准备哪些材料")
        services.transition(cls.closed, Action.ACCEPT, actor=cls.a.admin)
        services.transition(cls.closed, Action.RESOLVE, actor=cls.a.admin, reply="材料清单已发送。")
        cls.old = file_demand(cls.a, cls.a.firm, "去年的一条诉求：园区路灯不亮")
        Demand.objects.filter(pk=cls.old.pk).update(created_at=timezone.now() - timedelta(days=120))

    def setUp(self):
        stub = stub_classifier()
        stub.start()
        self.addCleanup(stub.stop)

    def get(self, path, key=None, **params):
        if key:
            params["api_key"] = key
        return self.client.get(BASE + path, params)

    def post(self, fmt="json", key=None, **form):
        if key:
            form["api_key"] = key
        return Client(enforce_csrf_checks=True).post(f"{BASE}requests.{fmt}", form)

    def ids(self, response):
        assert response.status_code == 200, response.content
        return [item["service_request_id"] for item in response.json()]

    def assert_error(self, response, status):
        assert response.status_code == status, response.content
        body = response.json()
        assert [e["code"] for e in body] == [status] and body[0]["description"]
        return body[0]["description"]


class DiscoveryAndServiceTests(Open311Tests):
    def test_discovery_names_the_endpoint_and_both_formats(self):
        body = self.get("discovery.json").json()
        endpoint = body["endpoints"][0]
        assert endpoint["url"].endswith(BASE) and endpoint["specification"].endswith("GeoReport_v2")
        assert set(endpoint["formats"]) == {"application/json", "text/xml"}
        root = parse_xml(self.get("discovery.xml").content)
        assert root.tag == "discovery" and len(root.findall("endpoints/endpoint/formats/format")) == 2

    def test_services_list_the_park_categories_in_json(self):
        response = self.get("services.json", self.firm_key)
        assert response["Content-Type"] == "application/json; charset=utf-8"
        services_ = {s["service_code"]: s for s in response.json()}
        assert set(services_) == {"policy", "infrastructure", "talent", "safety", "orders", "community"}
        policy = services_["policy"]
        assert policy["service_name"] == "惠企政策" and policy["type"] == "realtime"
        assert policy["metadata"] is True and "政策咨询" in policy["keywords"].split(",")

    def test_services_list_in_xml(self):
        response = self.get("services.xml", self.firm_key)
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        root = parse_xml(response.content)
        assert root.tag == "services" and len(root.findall("service")) == 6
        assert root.find("service/metadata").text == "true"
        assert {s.findtext("service_code") for s in root} >= {"policy", "safety"}

    def test_inactive_categories_are_not_offered(self):
        Category.objects.filter(park=self.a.park, code="orders").update(active=False)
        codes = [s["service_code"] for s in self.get("services.json", self.staff_key).json()]
        assert "orders" not in codes and len(codes) == 5
        self.assert_error(self.get("services/orders.json", self.staff_key), 404)

    def test_services_without_key_need_a_jurisdiction(self):
        self.assert_error(self.get("services.json"), 400)
        self.assert_error(self.get("services.json", jurisdiction_id="nope"), 404)
        assert len(self.get("services.json", jurisdiction_id="b").json()) == 6

    def test_a_bad_key_is_refused_even_where_none_is_needed(self):
        self.assert_error(self.get("services.json", "yq_not-a-key", jurisdiction_id="a"), 403)

    def test_service_definition_offers_subtypes_and_credit_code(self):
        body = self.get("services/policy.json", self.staff_key).json()
        subtype, credit_code = body["attributes"]
        assert body["service_code"] == "policy" and subtype["datatype"] == "singlevaluelist"
        assert "资质认定" in [v["name"] for v in subtype["values"]]
        assert credit_code["code"] == "credit_code" and credit_code["required"] is True
        firm_view = self.get("services/policy.json", self.firm_key).json()
        assert firm_view["attributes"][1]["required"] is False

    def test_service_definition_in_xml(self):
        root = parse_xml(self.get("services/policy.xml", self.firm_key).content)
        assert root.tag == "service_definition"
        codes = [a.findtext("code") for a in root.findall("attributes/attribute")]
        assert codes == ["subtype", "credit_code"]
        assert len(root.findall("attributes/attribute/values/value")) == 5

    def test_unknown_service_definition_is_404(self):
        self.assert_error(self.get("services/nope.json", self.firm_key), 404)


class PostRequestTests(Open311Tests):
    def test_without_key_403_in_the_error_model(self):
        self.assert_error(self.post(service_code="policy", description="路面破损需要修补"), 403)
        response = self.post("xml", service_code="policy", description="路面破损需要修补")
        root = parse_xml(response.content)
        assert response.status_code == 403 and root.tag == "errors"
        assert root.findtext("error/code") == "403" and root.findtext("error/description")

    def test_a_revoked_key_is_refused(self):
        token, raw = ApiToken.issue(self.a.firm_user, "old")
        token.revoke()
        self.assert_error(self.post(key=raw, service_code="policy", description="路面破损需要修补"), 403)

    def test_unknown_service_code_is_404(self):
        self.assert_error(self.post(key=self.firm_key, service_code="nope", description="路面破损需要修补"),
                          404)

    def test_missing_description_is_400(self):
        self.assert_error(self.post(key=self.firm_key, service_code="policy"), 400)

    def test_model_validation_becomes_400_naming_the_parameter(self):
        message = self.assert_error(self.post(key=self.firm_key, service_code="policy", description="太短"),
                                    400)
        assert message.startswith("description: ")

    def test_a_client_request_id_makes_a_retry_safe(self):
        form = {"key": self.firm_key, "service_code": "policy", "description": "路面破损需要修补，请尽快处理",
                "attribute[client_request_id]": "app-7f3a"}
        first, again = self.post(**form), self.post(**form)
        assert first.status_code == again.status_code == 201 and again.content == first.content
        assert Demand.objects.filter(text="路面破损需要修补，请尽快处理").count() == 1
        other = self.post(**{**form, "description": "另一件事：路灯坏了需要维修"})
        assert "client_request_id" in self.assert_error(other, 422)
        assert not Demand.objects.filter(text="另一件事：路灯坏了需要维修").exists()

    def test_enterprise_key_files_for_its_own_firm(self):
        text = "我公司新建厂房需要接入市政供水管网，希望园区协调办理，施工时间比较紧张"
        subtype = self.a.park.demand_categories.get(code="infrastructure").subtypes.get(name="水电气暖")
        response = self.post(key=self.firm_key, service_code="infrastructure", description=text,
                             **{"attribute[subtype]": subtype.pk}, first_name="三", last_name="张",
                             phone="13800000000", address_string="孔雀河片区3号", email="z@example.com")
        assert response.status_code == 201, response.content
        [item] = response.json()
        assert NUMBER.match(item["service_request_id"]) and item["account_id"] is None
        demand = Demand.objects.get(number=item["service_request_id"])
        assert demand.channel == Channel.OPEN311 and demand.enterprise == self.a.firm
        assert demand.submitted_by == self.a.firm_user and demand.subtype == subtype
        assert (demand.title, demand.text) == (text[:30], text)
        contact = (demand.contact_name, demand.contact_phone, demand.address)
        assert contact == ("张三", "13800000000", "孔雀河片区3号")

    def test_enterprise_key_cannot_file_for_another_firm(self):
        response = self.post(key=self.firm_key, service_code="policy", description="路面破损需要修补",
                             **{"attribute[credit_code]": self.a.other_firm.credit_code})
        self.assert_error(response, 404)

    def test_staff_key_names_the_firm_by_credit_code(self):
        response = self.post("xml", key=self.staff_key, service_code="safety",
                             description="消防通道被货物占用",
                             **{"attribute[credit_code]": self.a.other_firm.credit_code.lower()})
        assert response.status_code == 201, response.content
        number = parse_xml(response.content).findtext("request/service_request_id")
        demand = Demand.objects.get(number=number)
        assert demand.enterprise == self.a.other_firm and demand.submitted_by == self.a.staff

    def test_staff_key_needs_a_visible_credit_code(self):
        form = {"service_code": "safety", "description": "消防通道被货物占用"}
        self.assert_error(self.post(key=self.staff_key, **form), 400)
        other_park = {"attribute[credit_code]": self.b.firm.credit_code}
        self.assert_error(self.post(key=self.staff_key, **form, **other_park), 404)

    def test_unknown_subtype_and_bad_coordinates_are_400(self):
        form = {"service_code": "policy", "description": "路面破损需要修补"}
        self.assert_error(self.post(key=self.firm_key, **form, **{"attribute[subtype]": "999999"}), 400)
        self.assert_error(self.post(key=self.firm_key, **form, lat="north", long="120.4"), 400)
        assert not Demand.objects.filter(channel=Channel.OPEN311).exists()


class GetRequestTests(Open311Tests):
    def test_list_needs_a_key(self):
        self.assert_error(self.get("requests.json"), 403)

    def test_default_window_is_the_last_90_days(self):
        numbers = self.ids(self.get("requests.json", self.staff_key))
        assert set(numbers) == {self.own.number, self.other.number, self.closed.number}

    def test_filter_by_status(self):
        assert self.ids(self.get("requests.json", self.staff_key, status="closed")) == [self.closed.number]
        open_ = self.ids(self.get("requests.json", self.staff_key, status="open"))
        assert set(open_) == {self.own.number, self.other.number}
        self.assert_error(self.get("requests.json", self.staff_key, status="pending"), 400)

    def test_filter_by_service_code(self):
        talent = self.ids(self.get("requests.json", self.staff_key, service_code="talent"))
        assert talent == [self.other.number]
        both = self.ids(self.get("requests.json", self.staff_key, service_code="talent,policy"))
        assert len(both) == 3

    def test_request_ids_override_the_other_filters(self):
        wanted = f"{self.old.number},{self.closed.number}"
        response = self.get("requests.json", self.staff_key, service_request_id=wanted, status="open")
        numbers = self.ids(response)
        assert set(numbers) == {self.old.number, self.closed.number}

    def test_filter_by_dates(self):
        start = (timezone.now() - timedelta(days=200)).isoformat()
        end = (timezone.now() - timedelta(days=100)).isoformat()
        assert self.ids(self.get("requests.json", self.staff_key, start_date=start, end_date=end)) == [
            self.old.number]
        assert len(self.ids(self.get("requests.json", self.staff_key, start_date=start))) == 4
        self.assert_error(self.get("requests.json", self.staff_key, start_date="yesterday"), 400)
        self.assert_error(self.get("requests.json", self.staff_key, start_date=end, end_date=start), 400)

    def test_paging(self):
        first = self.ids(self.get("requests.json", self.staff_key, page_size=2))
        second = self.ids(self.get("requests.json", self.staff_key, page_size=2, page=2))
        assert len(first) == 2 and len(second) == 1 and not set(first) & set(second)
        assert self.ids(self.get("requests.json", self.staff_key, page_size=2, page=3)) == []
        self.assert_error(self.get("requests.json", self.staff_key, page=0), 400)

    def test_list_takes_three_queries_whatever_its_length(self):
        # key lookup, its last-used stamp, the page of demands
        with self.assertNumQueries(3):
            assert len(self.ids(self.get("requests.json", self.staff_key))) == 3

    def test_one_request_in_json(self):
        [item] = self.get(f"requests/{self.closed.number}.json", self.firm_key).json()
        assert item["service_request_id"] == self.closed.number and item["status"] == "closed"
        assert item["status_notes"] == "材料清单已发送。" and item["service_code"] == "policy"
        assert item["agency_responsible"] == "经济发展部" and item["description"] == self.closed.text
        assert item["requested_datetime"].endswith("+08:00") and item["lat"] is None

    def test_one_request_in_xml(self):
        root = parse_xml(self.get(f"requests/{self.own.number}.xml", self.firm_key).content)
        assert root.tag == "service_requests"
        assert root.findtext("request/service_request_id") == self.own.number
        assert root.findtext("request/status") == "open"
        assert root.findtext("request/expected_datetime")

    def test_token_lookup_returns_the_request_id(self):
        [item] = self.get(f"tokens/{self.own.number}.json", self.firm_key).json()
        assert item == {"service_request_id": self.own.number, "token": self.own.number}

    def test_a_firm_sees_only_its_own_requests(self):
        self.assert_error(self.get(f"requests/{self.other.number}.json", self.firm_key), 404)
        numbers = self.ids(self.get("requests.json", self.firm_key))
        assert self.other.number not in numbers and self.own.number in numbers

    def test_another_park_sees_nothing_of_park_a(self):
        for key in (self.b_staff_key, self.b_firm_key):
            self.assert_error(self.get(f"requests/{self.own.number}.json", key), 404)
            self.assert_error(self.get(f"tokens/{self.own.number}.json", key), 404)
            assert self.ids(self.get("requests.json", key)) == []

    def test_district_keys_see_every_park_or_the_one_named(self):
        key = ApiToken.issue(make_district_admin(), "district")[1]
        assert len(self.ids(self.get("requests.json", key))) == 3
        assert self.ids(self.get("requests.json", key, jurisdiction_id="b")) == []
