"""The pool, plan and recognition pages: access, what they show, forms, errors, bounded queries."""

import io
from datetime import date

import time_machine
from django.test import TestCase
from openpyxl import load_workbook

from yuanqu.assessments import cultivation
from yuanqu.assessments.models import CultivationPlan, PlanStatus, Recognition
from yuanqu.core.testing.personas import make_district_admin, make_enterprise, make_park

from .pool_helpers import eligible_result, gap_result, use_engine

TODAY = "2026-06-15 10:00 +08:00"


@time_machine.travel(TODAY, tick=False)
class PoolPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        cls.plan = cultivation.create_plan(enterprise=cls.a.other_firm, tier="specialized_sme",
                                           officer=cls.a.staff, target_year=2027, actor=cls.a.staff)

    def setUp(self):
        use_engine(self, {self.a.firm.pk: [eligible_result(), gap_result("gazelle", missing=["信用评分"])],
                          self.a.other_firm.pk: [gap_result(), gap_result("gazelle", closeness=0.7)]})

    def get(self, user, url="/assessments/pool/", **params):
        self.client.force_login(user)
        return self.client.get(url, params)

    def test_tabs_counts_gaps_and_plan_links(self):
        resp = self.get(self.a.staff)
        html = resp.content.decode()
        assert resp.status_code == 200 and "<title>梯度培育库" in html
        assert 'data-testid="tier-tab-gazelle"' in html and "已达标 1 家 · 接近门槛 1 家" in html
        assert "还差 0.9 个百分点" in html and "制定计划" in html
        assert f"/assessments/plans/{self.plan.pk}/" in html
        assert html.index(self.a.firm.name) < html.index(self.a.other_firm.name)  # eligible first
        gazelle = self.get(self.a.staff, tier="gazelle", missing="yes").content.decode()
        assert "缺失数据：信用评分" in gazelle
        assert self.a.other_firm.name not in gazelle.split("tier-counts")[1]

    def test_who_may_open_it(self):
        assert self.get(self.a.grid_worker).status_code == 200
        assert "制定计划" not in self.get(self.a.grid_worker).content.decode()
        assert self.get(self.district).status_code == 200
        for user in (self.a.firm_user, self.a.institution_user):
            assert self.get(user).status_code == 403

    def test_bad_filters_are_named_and_the_defaults_apply(self):
        resp = self.get(self.a.staff, industry="3x", year="1999", tier="nonsense")
        html = resp.content.decode()
        assert resp.status_code == 200 and 'data-field-error="industry"' in html
        assert 'data-field-error="year"' in html and "专精特新中小企业" in html

    def test_queries_do_not_grow_with_the_firms(self):
        self.client.force_login(self.a.staff)
        self.client.get("/assessments/pool/")  # warm the session and content types

        def count():
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as ctx:
                assert self.client.get("/assessments/pool/").status_code == 200
            return len(ctx.captured_queries)

        before = count()
        for n in range(20, 35):
            make_enterprise(self.a.park, n=n, grid=self.a.grid_b)
        assert count() == before

    def test_export_has_a_sheet_per_tier_or_the_chosen_one(self):
        resp = self.get(self.a.staff, "/assessments/pool/export/")
        assert resp.status_code == 200 and "filename*=UTF-8''" in resp["Content-Disposition"]
        wb = load_workbook(io.BytesIO(resp.content))
        assert wb.sheetnames == ["创新型中小企业", "专精特新中小企业", "专精特新“小巨人”企业", "瞪羚企业",
                                 "规上企业"]
        rows = list(wb["专精特新中小企业"].values)
        assert rows[0][:4] == ("企业", "行业", "网格", "状态") and rows[1][0] == self.a.firm.name
        assert rows[2][8] == "研发费用占营业收入比重 2.1%，还差 0.9 个百分点" and rows[2][10] == "是"
        resp = self.get(self.a.staff, "/assessments/pool/export/", tier="gazelle")
        one = load_workbook(io.BytesIO(resp.content))
        assert one.sheetnames == ["瞪羚企业"]
        assert self.get(self.a.firm_user, "/assessments/pool/export/").status_code == 403


@time_machine.travel(TODAY, tick=False)
class PlanPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.plan = cultivation.create_plan(enterprise=cls.a.firm, tier="specialized_sme",
                                           officer=cls.a.grid_worker, target_year=2027,
                                           goal="两年内达到专精特新", actor=cls.a.staff)
        cls.late = cultivation.add_action(cls.plan, title="申请发明专利", due_on=date(2026, 5, 1),
                                          actor=cls.a.staff)

    def setUp(self):
        use_engine(self, {self.a.firm.pk: [gap_result()]})

    def page(self, user, url, data=None):
        self.client.force_login(user)
        return self.client.post(url, data) if data is not None else self.client.get(url)

    def url(self, suffix=""):
        return f"/assessments/plans/{self.plan.pk}/{suffix}"

    def test_detail_shows_progress_overdue_gaps_and_the_forms_to_the_office(self):
        html = self.page(self.a.staff, self.url()).content.decode()
        assert "两年内达到专精特新" in html and 'data-overdue="1"' in html and "已逾期" in html
        assert "还差 0.9 个百分点" in html and 'data-testid="action-form"' in html
        assert 'data-testid="close-form"' in html and "登记认定" in html

    def test_the_firm_reads_its_plan_without_forms_others_get_404(self):
        html = self.page(self.a.firm_user, self.url()).content.decode()
        assert "两年内达到专精特新" in html and "还差 0.9 个百分点" in html
        assert "<form" not in html.split("</nav>")[1]
        assert self.page(self.a.other_grid_worker, self.url()).status_code == 404
        assert self.page(self.b.staff, self.url()).status_code == 404
        assert self.page(self.a.firm_user, self.url("notes/"), {"text": "x"}).status_code == 403

    def test_grid_worker_works_on_it_but_does_not_close_it(self):
        html = self.page(self.a.grid_worker, self.url()).content.decode()
        assert 'data-testid="action-form"' in html and 'data-testid="close-form"' not in html
        visit = {"title": "走访企业", "due_on": "2026-07-01"}
        resp = self.page(self.a.grid_worker, self.url("actions/"), visit)
        assert resp.status_code == 302 and self.plan.actions.count() == 2
        self.page(self.a.grid_worker, self.url(f"actions/{self.late.pk}/"), {"status": "done"})
        self.late.refresh_from_db()
        assert self.late.done_on == date(2026, 6, 15)
        self.page(self.a.grid_worker, self.url("notes/"), {"text": "已走访，企业同意申报"})
        assert self.plan.notes.get().text == "已走访，企业同意申报"
        assert self.page(self.a.grid_worker, self.url("close/"), {"close_reason": "x"}).status_code == 403

    def test_bad_input_comes_back_as_a_message(self):
        resp = self.page(self.a.staff, self.url("actions/"), {"title": "<b>x</b>", "due_on": "2026-07-01"})
        assert resp.status_code == 302
        html = self.client.get(self.url()).content.decode()
        assert "alert-danger" in html and self.plan.actions.count() == 1
        self.page(self.a.staff, self.url(f"actions/{self.late.pk}/"), {"status": "finished"})
        assert "alert-danger" in self.client.get(self.url()).content.decode()

    def test_create_edit_close_and_delete(self):
        new = f"/assessments/plans/new/?enterprise={self.a.other_firm.pk}"
        resp = self.page(self.a.staff, new + "&tier=gazelle")
        html = resp.content.decode()
        assert resp.status_code == 200 and self.a.other_firm.name in html and self.a.firm.name not in html
        resp = self.page(self.a.staff, f"/assessments/plans/new/?enterprise={self.a.other_firm.pk}",
                         {"enterprise": self.a.other_firm.pk, "tier": "gazelle", "officer": self.b.staff.pk,
                          "target_year": 2027})
        assert 'data-field-error="officer"' in resp.content.decode()
        resp = self.page(self.a.staff, "/assessments/plans/new/",
                         {"enterprise": self.a.other_firm.pk, "tier": "gazelle", "officer": self.a.staff.pk,
                          "target_year": 2027, "goal": "冲刺瞪羚"})
        plan = CultivationPlan.objects.get(tier="gazelle")
        assert resp.status_code == 302 and resp["Location"] == f"/assessments/plans/{plan.pk}/"
        dup = self.page(self.a.staff, "/assessments/plans/new/",
                        {"enterprise": self.a.other_firm.pk, "tier": "gazelle", "officer": self.a.staff.pk,
                         "target_year": 2027})
        assert "已有进行中的培育计划" in dup.content.decode()
        self.page(self.a.staff, f"/assessments/plans/{plan.pk}/edit/",
                  {"officer": self.a.admin.pk, "target_year": 2028, "goal": "改"})
        plan.refresh_from_db()
        assert (plan.officer, plan.target_year) == (self.a.admin, 2028)
        self.page(self.a.staff, f"/assessments/plans/{plan.pk}/close/", {"close_reason": "企业迁出"})
        assert CultivationPlan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED
        assert self.page(self.a.grid_worker, "/assessments/plans/new/").status_code == 403
        resp = self.page(self.a.staff, f"/assessments/plans/{plan.pk}/delete/", {})
        assert resp.status_code == 302 and not CultivationPlan.objects.filter(pk=plan.pk).exists()

    def test_recognition_from_the_plan_closes_it_and_shows_in_the_figures(self):
        url = f"/assessments/recognitions/new/?enterprise={self.a.firm.pk}&tier=specialized_sme"
        assert self.page(self.a.staff, url).status_code == 200
        resp = self.page(self.a.staff, url, {"enterprise": self.a.firm.pk, "tier": "specialized_sme",
                                             "year": 2026, "recognised_on": "2026-06-01",
                                             "document_number": "青工信字〔2026〕18号"})
        assert resp.status_code == 302 and resp["Location"] == self.url()
        assert Recognition.objects.get().plan == self.plan
        html = self.page(self.a.staff, self.url()).content.decode()
        assert "已认定" in html and "青工信字〔2026〕18号" in html and 'data-testid="action-form"' not in html
        figures = self.page(self.a.staff, "/assessments/recognitions/").content.decode()
        assert 'data-testid="figures-2026"' in figures and self.a.firm.name in figures
        resp = self.page(self.a.staff, url, {"enterprise": self.a.firm.pk, "tier": "specialized_sme",
                                             "year": 2026, "recognised_on": "2026-06-20"})
        assert 'data-field-error="recognised_on"' in resp.content.decode()
        assert self.page(self.a.grid_worker, "/assessments/recognitions/new/").status_code == 403
        assert self.page(self.a.firm_user, "/assessments/recognitions/").status_code == 403

    def test_plan_list_filters_and_bounded_queries(self):
        cultivation.create_plan(enterprise=self.a.other_firm, tier="gazelle", officer=self.a.staff,
                                target_year=2027, actor=self.a.staff)
        html = self.page(self.a.staff, "/assessments/plans/?overdue=1").content.decode()
        assert html.count('data-testid="plan"') == 1 and 'data-testid="overdue"' in html
        html = self.page(self.a.grid_worker, "/assessments/plans/?mine=1").content.decode()
        assert html.count('data-testid="plan"') == 1
        html = self.page(self.a.firm_user, "/assessments/plans/").content.decode()
        assert html.count('data-testid="plan"') == 1
        assert self.page(self.a.institution_user, "/assessments/plans/").status_code == 403

        def count():
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            self.client.force_login(self.a.staff)
            with CaptureQueriesContext(connection) as ctx:
                self.client.get("/assessments/plans/?status=all")
            return len(ctx.captured_queries)

        before = count()
        for n in range(20, 26):
            firm = make_enterprise(self.a.park, n=n)
            cultivation.create_plan(enterprise=firm, tier="above_scale", officer=self.a.staff,
                                    target_year=2027, actor=self.a.staff)
        assert count() == before
