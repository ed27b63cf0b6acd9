"""The matching pages: who sees which panel, list and report; park isolation; 404 for the invisible."""

import datetime
import io
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.core.testing.personas import make_district_admin
from yuanqu.demands.tests.helpers import demand_park, file_demand
from yuanqu.matching import index, introductions
from yuanqu.matching.engine import Query
from yuanqu.matching.models import Feedback, Introduction

from .panel_helpers import engine, make_resource, stock_park


class PanelCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = stock_park(demand_park("a"))
        cls.b = stock_park(demand_park("b", offset=10))
        cls.demand = file_demand(cls.p)
        cls.demand.title, cls.demand.text = "压铸件供应不上", "铝合金压铸件缺货，需要检测认证和技术改造补贴"
        cls.demand.save(update_fields=["title", "text"])

    def get(self, user, url, **kwargs):
        self.client.force_login(user)
        with engine():
            return self.client.get(url, **kwargs)

    def post(self, user, url, data=None):
        self.client.force_login(user)
        with engine(), self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data or {})


class DemandPanelTests(PanelCase):
    def url(self, demand=None):
        return reverse("matching:demand_panel", args=[(demand or self.demand).pk])

    def test_staff_see_top_resources_with_reasons_and_buttons(self):
        resp = self.get(self.p.staff, self.url())
        shown = [m.resource for m in resp.context["matches"]]
        assert self.p.parts in shown and self.p.testing in shown
        assert self.p.own_product not in shown and self.p.need not in shown  # own firm's, and no needs
        assert len(shown) <= 5
        body = resp.content.decode()
        assert "命中关键词" in body and 'data-testid="accept"' in body and 'data-testid="introduce"' in body

    def test_the_firm_sees_its_own_demand_read_only_with_help_kinds(self):
        resp = self.get(self.p.firm_user, self.url())
        kinds = {m.resource.kind for m in resp.context["matches"]}
        assert kinds and kinds <= {"service", "policy", "technology"}
        assert 'data-testid="accept"' not in resp.content.decode()

    def test_who_may_not_see_the_panel(self):
        assert self.get(self.p.institution_user, self.url()).status_code == 404  # not its demand
        assert self.get(self.b.staff, self.url()).status_code == 404
        assert self.get(self.p.other_grid_worker, self.url()).status_code == 404
        other = file_demand(self.p, enterprise=self.p.other_firm, actor=self.p.staff)
        assert self.get(self.p.firm_user, self.url(other)).status_code == 404

    def test_no_match_says_so_in_chinese(self):
        self.demand.title, self.demand.text = "食堂", "员工食堂的菜太咸了，希望改进口味"
        self.demand.save(update_fields=["title", "text"])
        assert "暂无与该诉求匹配的资源" in self.get(self.p.staff, self.url()).content.decode()

    def test_accept_then_reject_keeps_one_verdict_with_rank_and_features(self):
        url = reverse("matching:demand_feedback", args=[self.demand.pk, self.p.parts.pk])
        self.post(self.p.staff, url, {"accepted": "1"})
        resp = self.post(self.p.staff, url, {"accepted": "0"})
        row = Feedback.objects.get()
        assert not row.accepted and row.rank >= 1 and "bigram_coverage" in row.features
        assert "已记录" in resp.content.decode()

    def test_an_accepted_suggestion_carries_its_past_outcome_into_the_next_search(self):
        url = reverse("matching:demand_feedback", args=[self.demand.pk, self.p.parts.pk])
        self.post(self.p.staff, url, {"accepted": "1"})  # rebuilds, records, syncs on commit
        hits = index.search(Query("铝合金压铸件", park_id=self.p.park.pk))
        hit = next(h for h in hits if h.id == self.p.parts.pk)
        assert hit.features["prior"] > 0 and "工作人员在以往匹配中采纳过" in hit.reasons

    def test_firm_users_cannot_judge_or_introduce(self):
        for name in ("demand_feedback", "demand_introduce"):
            url = reverse(f"matching:{name}", args=[self.demand.pk, self.p.testing.pk])
            assert self.post(self.p.firm_user, url, {"accepted": "1"}).status_code == 403
        assert not Feedback.objects.exists() and not Introduction.objects.exists()

    def test_introduce_from_the_panel(self):
        url = reverse("matching:demand_introduce", args=[self.demand.pk, self.p.parts.pk])
        resp = self.post(self.p.staff, url)
        intro = Introduction.objects.get()
        assert intro.seeker == self.p.firm and intro.demand == self.demand and intro.resource == self.p.parts
        assert 'data-testid="introduced"' in resp.content.decode()

    def test_introducing_a_resource_without_owner_shows_the_reason(self):
        url = reverse("matching:demand_introduce", args=[self.demand.pk, self.p.policy.pk])
        assert "无法撮合" in self.post(self.p.staff, url).content.decode()

    def test_the_demand_page_loads_the_panel_for_the_office_and_the_firm_only(self):
        page = reverse("demands:demand_detail", args=[self.demand.pk])
        assert 'id="match-panel"' in self.get(self.p.staff, page).content.decode()
        assert 'id="match-panel"' in self.get(self.p.firm_user, page).content.decode()


class ProfilePanelTests(PanelCase):
    def url(self, ent):
        return reverse("matching:enterprise_panel", args=[ent.pk])

    def test_staff_see_buyers_and_suppliers(self):
        resp = self.get(self.p.staff, self.url(self.p.firm))
        buyers = {m.resource for _own, ms in resp.context["buyers"] for m in ms}
        suppliers = {m.resource for _need, ms in resp.context["suppliers"] for m in ms}
        assert buyers == {self.p.other_need} and self.p.parts in suppliers
        assert all(r.kind in ("product", "capability", "service", "technology") for r in suppliers)

    def test_a_firm_sees_suppliers_for_its_needs_but_no_other_firms_needs(self):
        resp = self.get(self.p.firm_user, self.url(self.p.firm))
        assert resp.context["buyers"] == [] and not resp.context["show_buyers"]
        assert "采购压铸件模具" not in resp.content.decode()
        assert resp.context["suppliers"][0][1]

    def test_other_firms_and_parks_answer_404(self):
        assert self.get(self.p.firm_user, self.url(self.p.other_firm)).status_code == 404
        assert self.get(self.b.staff, self.url(self.p.firm)).status_code == 404
        assert self.get(self.p.institution_user, self.url(self.p.firm)).status_code == 404


class InstitutionPanelTests(PanelCase):
    def test_needs_and_demands_its_services_serve_linked_only_where_visible(self):
        resp = self.get(self.p.institution_user, reverse("matching:institution_panel"))
        rows = resp.context["rows"]
        assert {r.service for r in rows} == {self.p.testing}
        demand_rows = [r for r in rows if r.demand]
        assert demand_rows and demand_rows[0].demand == self.demand and demand_rows[0].url == ""
        assert any(r.demand is None and r.title == self.p.need.title for r in rows)
        assert len(rows) <= 20

    def test_only_institutions_get_it(self):
        assert self.get(self.p.staff, reverse("matching:institution_panel")).status_code == 403

    def test_the_workbench_loads_it(self):
        body = self.get(self.p.institution_user, reverse("home")).content.decode()
        assert reverse("matching:institution_panel") in body


class IntroductionPageTests(PanelCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.mine = introductions.introduce(seeker=cls.p.firm, resource=cls.p.parts, actor=cls.p.staff)
        spray = make_resource(cls.p.park, "capability", "喷涂加工", owner=cls.p.other_firm)
        third = make_resource(cls.p.park, "capability", "仓储物流", owner=cls.p.other_firm)
        cls.others = introductions.introduce(seeker=cls.p.other_firm, resource=cls.p.testing,
                                             actor=cls.p.staff)
        cls.other_park = introductions.introduce(seeker=cls.b.firm, resource=cls.b.parts, actor=cls.b.staff)
        for resource in (spray, third):  # a bigger list for the query count
            introductions.introduce(seeker=cls.p.firm, resource=resource, actor=cls.p.staff)
        introductions.record_outcome(cls.mine, outcome="signed", amount=Decimal("88"),
                                     signed_on=datetime.date(2026, 1, 5), actor=cls.p.staff)

    def test_staff_list_with_counts_in_fixed_queries(self):
        self.client.force_login(self.p.staff)
        url = reverse("matching:introduction_list")
        self.client.get(url)  # warm the session and content types
        with self.assertNumQueries(9):  # session, user, page count, 2 counts, badge, park, firms, rows
            resp = self.client.get(url)
        assert len(resp.context["page"].object_list) == 4
        assert resp.context["counts"] == {"total": 4, "firms_matched": 2, "amount": Decimal("88")}

    def test_filters(self):
        url = reverse("matching:introduction_list")
        resp = self.get(self.p.staff, url, data={"outcome": "signed"})
        assert list(resp.context["page"]) == [self.mine]
        resp = self.get(self.p.staff, url, data={"firm": self.p.other_firm.pk})
        assert len(resp.context["page"]) == 4  # as seeker (3) and as owner of the parts (1)

    def test_a_firm_sees_only_introductions_involving_itself(self):
        resp = self.get(self.p.firm_user, reverse("matching:introduction_list"))
        assert self.others not in resp.context["page"] and self.mine in resp.context["page"]
        assert self.get(self.p.firm_user, self.others.get_absolute_url()).status_code == 404
        assert self.get(self.b.staff, self.mine.get_absolute_url()).status_code == 404

    def test_a_firm_reads_but_does_not_record_outcomes(self):
        resp = self.get(self.p.firm_user, self.mine.get_absolute_url())
        assert resp.status_code == 200 and resp.context["form"] is None
        resp = self.post(self.p.firm_user, self.mine.get_absolute_url(), {"outcome": "failed"})
        assert resp.status_code == 403

    def test_recording_a_signed_order_needs_amount_and_date(self):
        url = self.others.get_absolute_url()
        resp = self.post(self.p.staff, url, {"outcome": "signed"})
        assert "签约订单需填写金额" in resp.content.decode()
        signed = {"outcome": "signed", "amount": "12.5", "signed_on": "2026-01-02"}
        resp = self.post(self.p.staff, url, signed)
        assert resp.status_code == 302
        self.others.refresh_from_db()
        assert self.others.amount == Decimal("12.5")

    def test_create_from_the_form(self):
        url = reverse("matching:introduction_create")
        assert self.get(self.p.firm_user, url).status_code == 403
        data = {"seeker": self.p.other_firm.pk, "resource": self.p.own_product.pk}
        resp = self.post(self.p.staff, url, data)
        assert resp.status_code == 302 and Introduction.objects.filter(resource=self.p.own_product).exists()
        resp = self.post(self.p.staff, url, {"seeker": self.p.firm.pk, "resource": self.b.parts.pk})
        assert resp.status_code == 200 and resp.context["form"].errors  # another park's resource is no choice


class ReportPageTests(PanelCase):
    def test_staff_see_pairs_grouped_by_the_needing_firm(self):
        resp = self.get(self.p.staff, reverse("matching:report"), data={"threshold": "0.1"})
        pairs = [(p.need, p.supplier) for g in resp.context["groups"] for p in g.pairs]
        assert (self.p.need.title, self.p.other_firm.name) in pairs
        assert (self.p.other_need.title, self.p.firm.name) in pairs
        assert all(self.b.firm.name not in pair for pair in pairs)

    def test_the_threshold_cuts_pairs(self):
        resp = self.get(self.p.staff, reverse("matching:report"), data={"threshold": "1"})
        assert resp.context["groups"] == [] and "降低最低匹配度" in resp.content.decode()

    def test_only_staff_and_district(self):
        for user in (self.p.grid_worker, self.p.firm_user, self.p.institution_user):
            assert self.get(user, reverse("matching:report")).status_code == 403
        assert self.get(make_district_admin(), reverse("matching:report")).status_code == 200

    def test_xlsx_export_holds_the_same_pairs(self):
        data = {"threshold": "0.1", "group": "industry"}
        resp = self.get(self.p.staff, reverse("matching:report_export"), data=data)
        assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
        ws = load_workbook(io.BytesIO(resp.content)).active
        assert ws.title == "订单撮合" and "匹配度 ≥ 0.1" in ws["A1"].value
        assert [c.value for c in ws[2]] == ["分组", "需求企业", "需求", "候选供应商", "产品/能力", "类型",
                                            "匹配度", "匹配理由"]
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
        assert [self.p.firm.name, self.p.need.title, self.p.other_firm.name] in [r[1:4] for r in rows]
        assert all(r[0].startswith(("3062", "1811")) for r in rows)
