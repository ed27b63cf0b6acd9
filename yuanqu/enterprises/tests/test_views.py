"""Registry pages per role: list + filters, profile, forms, export, template; query counts."""

import io
from decimal import Decimal

from django.test import TestCase
from openpyxl import load_workbook

from yuanqu.core.testing.personas import credit_code, make_enterprise, make_park
from yuanqu.enterprises import services
from yuanqu.enterprises.models import Enterprise, Qualification


class ListPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.other = make_park("b", offset=10)
        for n in range(30, 45):
            ent = make_enterprise(cls.p.park, n=n, grid=cls.p.grid_a)
            Qualification.objects.create(enterprise=ent, kind="high_tech", granted_on="2025-01-01")

    def names(self, resp):
        return {e.name for e in resp.context["page"]}

    def test_staff_sees_the_park_paged(self):
        self.client.force_login(self.p.staff)
        resp = self.client.get("/enterprises/")
        assert resp.context["page"].paginator.count == 17
        assert len(resp.context["page"]) == 20 or len(resp.context["page"]) == 17
        assert self.other.firm.name not in resp.content.decode()

    def test_query_count_does_not_grow_with_rows(self):
        self.client.force_login(self.p.staff)
        self.client.get("/enterprises/")  # warm caches (content types, session)
        with self.assertNumQueries(9):  # 8 + the nav's unread-notification count
            self.client.get("/enterprises/?page=1")
        for n in range(60, 80):
            make_enterprise(self.p.park, n=n, grid=self.p.grid_b)
        with self.assertNumQueries(9):  # 8 + the nav's unread-notification count
            self.client.get("/enterprises/?page=2")

    def test_filters(self):
        self.client.force_login(self.p.admin)
        get = lambda q: self.names(self.client.get("/enterprises/?" + q))  # noqa: E731
        assert get("industry=18") == {self.p.other_firm.name}
        assert get(f"industry=C&grid={self.p.grid_b.pk}") == {self.p.other_firm.name}
        assert len(get("qualification=high_tech")) == 15
        assert get("zone=马山片区") == {self.p.other_firm.name}
        assert get("q=" + self.p.firm.credit_code) == {self.p.firm.name}
        assert get("status=moved_out") == set()

    def test_htmx_request_gets_only_the_results(self):
        self.client.force_login(self.p.admin)
        resp = self.client.get("/enterprises/?industry=18", headers={"HX-Request": "true"})
        body = resp.content.decode()
        assert 'id="results"' in body and "<html" not in body

    def test_the_htmx_results_carry_an_export_link_with_the_current_filters(self):
        self.client.force_login(self.p.admin)
        resp = self.client.get("/enterprises/?industry=18&zone=&page=1", headers={"HX-Request": "true"})
        body = resp.content.decode()
        assert 'id="export-link" href="/enterprises/export/?industry=18&amp;zone="' in body

    def test_grid_worker_sees_their_grid_only(self):
        self.client.force_login(self.p.other_grid_worker)
        assert self.names(self.client.get("/enterprises/")) == {self.p.other_firm.name}

    def test_institution_user_has_no_list(self):
        self.client.force_login(self.p.institution_user)
        assert self.client.get("/enterprises/").status_code == 403

    def test_csp_header_forbids_inline_and_foreign_scripts(self):
        self.client.force_login(self.p.admin)
        csp = self.client.get("/enterprises/").headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


class ProfileAndFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.other = make_park("b", offset=10)
        for year, revenue in ((2024, "800"), (2025, "1000")):
            services.save_indicators(cls.p.firm, year, {"revenue": Decimal(revenue),
                                     "employees": 50, "tax_paid": Decimal("40")}, actor=cls.p.admin)

    def test_profile_has_chart_data_trend_and_history(self):
        self.client.force_login(self.p.firm_user)
        resp = self.client.get(f"/enterprises/{self.p.firm.pk}/")
        assert resp.context["chart"]["years"] == [2024, 2025]
        assert resp.context["chart"]["money"][0]["data"] == [800.0, 1000.0]
        assert b'id="chart-data"' in resp.content and b"echarts.min.js" in resp.content
        assert len(resp.context["history"]) == 2

    def test_firm_user_cannot_open_another_firm(self):
        self.client.force_login(self.p.firm_user)
        assert self.client.get(f"/enterprises/{self.p.other_firm.pk}/").status_code == 404
        assert self.client.get(f"/enterprises/{self.p.other_firm.pk}/edit/").status_code == 404

    def test_firm_user_form_hides_office_fields_and_saves_own_fields(self):
        self.client.force_login(self.p.firm_user)
        url = f"/enterprises/{self.p.firm.pk}/edit/"
        form = self.client.get(url).context["form"]
        assert "grid" not in form.fields and "credit_code" not in form.fields
        data = {"name": self.p.firm.name, "industry": "3062", "address": "孔雀河四路1号",
                "grid": self.p.grid_b.pk}
        assert self.client.post(url, data).status_code == 302
        self.p.firm.refresh_from_db()
        assert self.p.firm.address == "孔雀河四路1号" and self.p.firm.grid == self.p.grid_a

    def test_form_shows_field_errors_and_keeps_input(self):
        self.client.force_login(self.p.admin)
        resp = self.client.post("/enterprises/new/", {
            "name": "青岛表单测试有限公司", "credit_code": "91370215MA3CXK8RX7",
            "industry": "3062", "registered_capital": "-5", "status": "active"})
        assert resp.status_code == 200
        errors = resp.context["form"].errors
        assert {"credit_code", "registered_capital"} <= set(errors)
        assert b'data-field-error="credit_code"' in resp.content
        assert "青岛表单测试有限公司".encode() in resp.content
        assert not Enterprise.objects.filter(name="青岛表单测试有限公司").exists()

    def test_create_page(self):
        self.client.force_login(self.p.staff)
        resp = self.client.post("/enterprises/new/", {
            "name": "青岛表单测试有限公司", "credit_code": credit_code(77), "industry": "3062",
            "status": "active", "grid": self.p.grid_a.pk})
        ent = Enterprise.objects.get(name="青岛表单测试有限公司")
        assert resp.url == f"/enterprises/{ent.pk}/" and ent.grid_worker == self.p.grid_worker

    def test_district_admin_picks_the_park_before_creating(self):
        from yuanqu.core.testing.personas import make_district_admin

        self.client.force_login(make_district_admin())
        resp = self.client.get("/enterprises/new/")
        assert resp.status_code == 200 and "form" not in resp.context
        assert f"?park={self.other.park.pk}" in resp.content.decode()
        assert self.client.get("/enterprises/new/?park=x").status_code == 404
        assert self.client.get("/enterprises/new/?park=999999").status_code == 404
        url = f"/enterprises/new/?park={self.other.park.pk}"
        resp = self.client.get(url)
        assert set(resp.context["form"].fields["grid"].queryset) == {self.other.grid_a, self.other.grid_b}
        resp = self.client.post(url, {"name": "青岛区级新建有限公司", "credit_code": credit_code(78),
                                      "industry": "3062", "status": "active", "grid": self.other.grid_a.pk})
        assert Enterprise.objects.get(name="青岛区级新建有限公司").park == self.other.park

    def test_only_park_admin_deletes(self):
        self.client.force_login(self.p.staff)
        assert self.client.post(f"/enterprises/{self.p.other_firm.pk}/delete/").status_code == 403
        self.client.force_login(self.p.admin)
        assert self.client.post(f"/enterprises/{self.p.other_firm.pk}/delete/").status_code == 302

    def test_a_firm_with_demands_is_kept_and_the_page_says_why(self):
        from yuanqu.demands.models import Demand

        Demand.objects.create(park=self.p.park, enterprise=self.p.other_firm, number="SQ2026-900001",
                              title="停电", text="厂区停电两个小时了", channel="portal")
        self.client.force_login(self.p.admin)
        resp = self.client.post(f"/enterprises/{self.p.other_firm.pk}/delete/", follow=True)
        assert resp.status_code == 200 and "1 条诉求" in resp.content.decode()
        assert Enterprise.objects.filter(pk=self.p.other_firm.pk).exists()

    def test_indicator_form_rejects_implausible_amounts(self):
        self.client.force_login(self.p.firm_user)
        resp = self.client.post(f"/enterprises/{self.p.firm.pk}/indicators/",
                                {"year": 2023, "revenue": "99999999999"})
        assert resp.context["form"].errors["revenue"] == ["营业收入不能超过 10,000,000 万元。"]

    def test_growth_without_a_base_is_a_dash(self):
        services.save_indicators(self.p.firm, 2023, {"revenue": Decimal("0")}, actor=self.p.admin)
        self.client.force_login(self.p.staff)
        resp = self.client.get(f"/enterprises/{self.p.firm.pk}/")
        growth = {row.year: d["revenue_growth"] for row, d in resp.context["indicators"]}
        assert growth[2023] is None and growth[2024] is None and growth[2025] == Decimal("0.25")
        assert resp.context["chart"]["ratios"][2]["data"] == [None, None, 25.0]

    def test_indicator_form_rejects_negative_amounts(self):
        self.client.force_login(self.p.firm_user)
        resp = self.client.post(f"/enterprises/{self.p.firm.pk}/indicators/", {"year": 2023, "revenue": "-1"})
        assert "revenue" in resp.context["form"].errors

    def test_firm_user_may_not_grant_qualifications(self):
        self.client.force_login(self.p.firm_user)
        assert self.client.get(f"/enterprises/{self.p.firm.pk}/qualification/new/").status_code == 403
        resp = self.client.post(f"/enterprises/{self.p.firm.pk}/offering/new/",
                                {"kind": "product", "name": "碳纤维板", "tags": "碳纤维、复合材料"})
        assert resp.status_code == 302
        assert self.p.firm.offerings.get().tags == ["碳纤维", "复合材料"]


class ExcelDownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        services.update_enterprise(cls.p.firm, {"legal_rep": "=HYPERLINK(\"http://x\")",
                                                "address": "@SUM(A1)"}, actor=cls.p.admin)

    def sheet(self, url):
        self.client.force_login(self.p.admin)
        resp = self.client.get(url)
        assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
        return load_workbook(io.BytesIO(resp.content))

    def test_export_follows_filters_and_neutralises_formulas(self):
        ws = self.sheet(f"/enterprises/export/?grid={self.p.grid_a.pk}").active
        rows = list(ws.iter_rows(values_only=True))
        assert len(rows) == 2 and rows[1][0] == self.p.firm.name
        assert rows[1][2].startswith("'=") and rows[1][5].startswith("'@")

    def test_template_has_headers_and_instructions(self):
        wb = self.sheet("/enterprises/template/")
        assert wb.sheetnames == ["企业", "填写说明"]
        assert wb["企业"]["A1"].value == "企业名称*"

    def test_export_reimports_cleanly(self):
        from yuanqu.enterprises.importing import import_enterprises

        self.client.force_login(self.p.admin)
        content = self.client.get("/enterprises/export/").content
        result = import_enterprises(self.p.park, io.BytesIO(content), actor=self.p.admin)
        assert result.ok and result.updated == 2, result.errors
        self.p.firm.refresh_from_db()
        assert self.p.firm.legal_rep == "=HYPERLINK(\"http://x\")"
