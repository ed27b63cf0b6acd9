"""/api/v1/demands: classify, create, read, actions with 409/404/422."""

from django.test import TestCase

from yuanqu.accounts.models import ApiToken
from yuanqu.demands.models import Demand

from .helpers import demand_park, file_demand
from .stubs import fixed_classifier

BASE = "/api/v1/demands"


class DemandApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = demand_park("a")
        cls.b = demand_park("b", offset=10)
        cls.keys = {name: ApiToken.issue(getattr(cls.a, name), "t")[1]
                    for name in ("firm_user", "grid_worker", "staff")}

    def call(self, method, url, who="firm_user", **body):
        return getattr(self.client, method)(url, data=body if method != "get" else None,
                                            content_type="application/json",
                                            headers={"Authorization": f"Bearer {self.keys[who]}"})

    def test_classify_returns_proposal_and_saves_nothing(self):
        with fixed_classifier():
            body = self.call("post", f"{BASE}/classify", text="厂区停电").json()
        assert body["category"] == "infrastructure" and body["alternatives"][0]["category"] == "safety"
        assert body["keywords"] == ["停电"] and not Demand.objects.exists()

    def test_classify_rejects_empty_and_oversized_text(self):
        assert self.call("post", f"{BASE}/classify", text="").status_code == 422
        assert self.call("post", f"{BASE}/classify", text="长" * 10001).status_code == 422

    def test_firm_files_and_follows_its_demand(self):
        with fixed_classifier():
            resp = self.call("post", BASE, title="停电", text="厂区停电两个小时了")
        assert resp.status_code == 201, resp.content
        body = resp.json()
        assert body["number"].startswith("SQ") and body["events"][0]["action"] == "submit"
        assert self.call("get", f"{BASE}/{body['id']}").status_code == 200

    def test_an_idempotency_key_replays_the_first_answer_for_24_hours(self):
        import time_machine
        from django.utils import timezone

        from yuanqu.core.models import IdempotencyKey

        def post(key, **body):
            return self.client.post(BASE, data=body, content_type="application/json", headers={
                "Authorization": f"Bearer {self.keys['firm_user']}", "Idempotency-Key": key})

        with fixed_classifier():
            first = post("k-1", title="停电", text="厂区停电两个小时了")
            again = post("k-1", text="厂区停电两个小时了", title="停电")
            other = post("k-1", title="停水", text="厂区停水两个小时了")
        assert first.status_code == again.status_code == 201 and again.content == first.content
        assert Demand.objects.count() == 1
        assert other.status_code == 422 and other.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
        assert "24" in other.json()["detail"][0]["msg"]
        with fixed_classifier(), time_machine.travel(timezone.now() + timezone.timedelta(hours=25)):
            assert post("k-1", title="停水", text="厂区停水两个小时了").status_code == 201
        assert Demand.objects.count() == 2 and IdempotencyKey.objects.count() == 1

    def test_a_key_claimed_by_a_concurrent_request_replays_its_answer(self):
        """The unique (user, key) index decides a race: the loser replays the winner's answer."""
        from django.db import IntegrityError

        from yuanqu.core import idempotency
        from yuanqu.core.models import IdempotencyKey

        winner = IdempotencyKey.objects.create(
            user=self.a.firm_user, key="k-2", status=201, body=b'{"id": 1}', content_type="application/json",
            request_hash=idempotency.fingerprint("s", {"a": 1}))
        real_create = IdempotencyKey.objects.create

        def racing_create(**kw):  # the other request inserted between our expiry pass and our insert
            raise IntegrityError("uniq_idempotency_key")

        IdempotencyKey.objects.create = racing_create
        try:
            resp = idempotency.idempotent(self.a.firm_user, "k-2", winner.request_hash,
                                          lambda: self.fail("must not run twice"))
        finally:
            IdempotencyKey.objects.create = real_create
        assert (resp.status_code, resp.content) == (201, b'{"id": 1}')

    def test_markup_is_422_with_field(self):
        with fixed_classifier():
            resp = self.call("post", BASE, title="<b>停电</b>", text="厂区停电两个小时了")
        assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "title"]

    def test_other_firms_demand_is_404(self):
        d = file_demand(self.b, actor=self.b.firm_user, enterprise=self.b.firm)
        assert self.call("get", f"{BASE}/{d.pk}").status_code == 404
        mine_other = file_demand(self.a, actor=self.a.staff, enterprise=self.a.other_firm)
        assert self.call("get", f"{BASE}/{mine_other.pk}").status_code == 404

    def test_actions_and_conflicts(self):
        d = file_demand(self.a)
        url = f"{BASE}/{d.pk}/actions/"
        assert self.call("post", url + "accept").status_code == 403  # firms do not accept
        resp = self.call("post", url + "resolve", who="grid_worker", reply="x")
        assert resp.status_code == 409 and resp.json()["detail"][0]["msg"]
        assert self.call("post", url + "accept", who="grid_worker").json()["status"] == "accepted"
        assert self.call("post", url + "resolve", who="grid_worker").status_code == 422
        assert self.call("post", url + "resolve", who="grid_worker", reply="已恢复").status_code == 200
        assert self.call("post", url + "rate", rating="satisfied").json()["status"] == "rated"
        assert self.call("post", url + "fly", who="staff").status_code == 404

    def test_every_answer_is_listed_after_a_reopen(self):
        d = file_demand(self.a)
        url = f"{BASE}/{d.pk}/actions/"
        self.call("post", url + "accept", who="grid_worker")
        self.call("post", url + "resolve", who="grid_worker", reply=" 第一次答复 ")
        self.call("post", url + "rate", rating="unsatisfied", note="没解决")
        body = self.call("post", url + "resolve", who="grid_worker", reply="第二次答复").json()
        assert body["reply"] == "第二次答复"
        assert [a["text"] for a in body["answers"]] == ["第一次答复", "第二次答复"]
        assert body["answers"][0]["actor"] and body["answers"][0]["answered_at"]

    def test_triage_confirmation(self):
        d = file_demand(self.a, confidence=0.3)
        resp = self.call("post", f"{BASE}/{d.pk}/classification", who="staff", category="safety",
                         subtype="消防安全", urgency="urgent")
        assert resp.status_code == 200 and resp.json()["category"] == "safety"
        assert resp.json()["needs_triage"] is False
        assert self.call("post", f"{BASE}/{d.pk}/classification", who="firm_user",
                         category="safety").status_code == 403

    def test_classification_rejects_bad_urgency_and_unknown_subtype(self):
        d = file_demand(self.a, confidence=0.3)
        url = f"{BASE}/{d.pk}/classification"
        for body, field in [({"urgency": "bogus"}, "urgency"), ({"urgency": "x" * 11}, "urgency"),
                            ({"subtype": "不存在的子类"}, "subtype")]:
            resp = self.call("post", url, who="staff", category="safety", **body)
            assert resp.status_code == 422, (body, resp.content)
            item = resp.json()["detail"][0]
            assert item["loc"][-1] == field and any("\u4e00" <= c <= "\u9fff" for c in item["msg"])
        d.refresh_from_db()
        assert (d.category.code, d.urgency, d.category_confirmed) == ("infrastructure", "normal", False)
        assert not d.events.filter(action="classify").exists()

    def test_queue_views(self):
        file_demand(self.a)
        assert self.call("get", f"{BASE}?view=queue", who="grid_worker").json()["count"] == 1
        assert self.call("get", f"{BASE}?view=triage", who="staff").json()["count"] == 0
