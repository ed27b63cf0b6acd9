"""Land pages: list with totals and query counts, detail per role, forms with Chinese errors, flows."""

import io
import json
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.enterprises.models import AnnualIndicator
from yuanqu.land import services
from yuanqu.land.models import DisposalMethod, DisposalPlan, PlanStatus, Plot, PlotStatus

from .helpers import cell, make_plot

# session, user, count, totals by status, the user's park, unread notifications, the page's rows
LIST_QUERIES = 7


class PlotPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.q = make_park("b", offset=10)
        cls.district = make_district_admin()
        cls.own = make_plot(cls.p.park, cls.p.admin, "A-01", occupant=cls.p.firm, name="东区一号")
        cls.idle = make_plot(cls.p.park, cls.p.admin, "A-02", i=1, status=PlotStatus.IDLE)
        cls.other = make_plot(cls.q.park, cls.q.admin, "B-01")

    def get(self, user, url, status=200):
        self.client.force_login(user)
        response = self.client.get(url)
        assert response.status_code == status, (url, response.status_code)
        return response

    def test_the_list_shows_totals_and_does_not_grow_queries_per_row(self):
        self.client.force_login(self.p.staff)
        with self.assertNumQueries(LIST_QUERIES):
            html = self.client.get("/land/plots/").content.decode()
        assert "A-01" in html and "B-01" not in html and "30.02" not in html
        for i in range(2, 12):
            make_plot(self.p.park, self.p.admin, f"A-{i + 1:02d}", i=i, occupant=self.p.other_firm)
        with self.assertNumQueries(LIST_QUERIES):
            self.client.get("/land/plots/")
        html = self.get(self.p.staff, "/land/plots/?status=idle").content.decode()
        assert 'data-testid="total-idle">15.01' in html and "A-01</a>" not in html

    def test_pages_have_chinese_titles_and_no_dashes(self):
        self.client.force_login(self.p.admin)
        pages = ["/land/plots/", "/land/plots/new/", f"/land/plots/{self.idle.pk}/",
                 f"/land/plots/{self.idle.pk}/edit/", f"/land/plots/{self.idle.pk}/plan/new/",
                 "/land/plots/import/", "/land/plans/", "/land/needs/", "/land/needs/new/", "/land/figures/"]
        titles = set()
        for url in pages:
            html = self.client.get(url).content.decode()
            assert "---------" not in html, url
            titles.add(html.split("<title>")[1].split("</title>")[0].strip())
        assert len(titles) == len(pages) and "园区管理平台" not in titles

    def test_a_service_institution_has_no_land_needs_page(self):
        self.get(self.p.institution_user, "/land/needs/", status=403)
        self.get(self.p.firm_user, "/land/needs/")  # a firm sees its own needs

    def test_an_htmx_filter_renders_only_the_results(self):
        self.client.force_login(self.p.staff)
        html = self.client.get("/land/plots/?status=idle", headers={"HX-Request": "true"}).content.decode()
        assert html.lstrip().startswith('<div id="results">') and "A-02" in html

    def test_the_export_follows_the_filters(self):
        response = self.get(self.p.staff, "/land/plots/export/?status=idle")
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert len(rows) == 2 and rows[1][0] == "A-02"

    def test_who_sees_the_plot_page(self):
        html = self.get(self.p.grid_worker, f"/land/plots/{self.own.pk}/").content.decode()
        assert "东区一号" in html and 'id="plot-shape"' in html and "编辑" not in html
        self.get(self.p.firm_user, f"/land/plots/{self.own.pk}/")
        self.get(self.p.firm_user, f"/land/plots/{self.idle.pk}/", 404)
        self.get(self.p.staff, f"/land/plots/{self.other.pk}/", 404)
        self.get(self.p.firm_user, "/land/plots/", 403)
        self.get(self.p.institution_user, f"/land/plots/{self.own.pk}/", 404)
        self.get(self.district, f"/land/plots/{self.other.pk}/")

    def test_a_bad_shape_is_reported_in_chinese_next_to_the_field(self):
        self.client.force_login(self.p.staff)
        bow = {"type": "Polygon", "coordinates": [[[120, 36], [121, 37], [121, 36], [120, 37], [120, 36]]]}
        response = self.client.post("/land/plots/new/", {"code": "A-09", "geometry": json.dumps(bow),
                                                          "use": "industrial", "status": "in_use"})
        html = response.content.decode()
        assert response.status_code == 200 and 'data-field-error="geometry"' in html and "自相交" in html
        assert not Plot.objects.filter(code="A-09").exists()

    def test_a_plot_from_an_uploaded_geojson_file(self):
        self.client.force_login(self.p.staff)
        feature = {"type": "Feature", "geometry": cell(5)}
        upload = SimpleUploadedFile("a.geojson", json.dumps(feature).encode())
        response = self.client.post("/land/plots/new/", {"code": "A-09", "geometry_file": upload,
                                                          "use": "industrial", "status": "idle"})
        plot = Plot.objects.get(code="A-09")
        assert response.status_code == 302 and response["Location"] == f"/land/plots/{plot.pk}/"
        assert plot.area_mu == Decimal("15.01")

    def test_an_edit_keeps_the_shape_and_the_district_picks_a_park(self):
        self.client.force_login(self.p.admin)
        form = self.client.get(f"/land/plots/{self.idle.pk}/edit/").context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None and k not in ("occupant", "id")}
        data.update(geometry=form["geometry"].value(), name="改了名")
        data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
        response = self.client.post(f"/land/plots/{self.idle.pk}/edit/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert Plot.objects.get(pk=self.idle.pk).name == "改了名"
        html = self.get(self.district, "/land/plots/new/").content.decode()
        assert f"?park={self.p.park.pk}" in html

    def test_status_change_and_flags_from_the_list(self):
        self.client.force_login(self.p.staff)
        self.client.post(f"/land/plots/{self.own.pk}/status/", {"status": "low_efficiency", "note": "核查"})
        assert Plot.objects.get(pk=self.own.pk).status == PlotStatus.LOW_EFFICIENCY
        AnnualIndicator.objects.create(enterprise=self.p.firm, year=2025, tax_paid=Decimal("30"),
                                       revenue=Decimal("1500"))
        response = self.client.post("/land/plots/flag/", {"year": 2025}, follow=True)
        assert "1 个地块列为低效" in response.content.decode()
        assert Plot.objects.get(pk=self.own.pk).flagged_low_efficiency
        self.client.force_login(self.p.grid_worker)
        assert self.client.post("/land/plots/flag/", {"year": 2025}).status_code == 403

    def test_import_page_lists_the_errors_and_offers_the_report(self):
        self.client.force_login(self.p.staff)
        text = "地块编号,地块图形（GeoJSON）\nX-1,{oops\n"
        upload = SimpleUploadedFile("p.csv", text.encode("utf-8"))
        html = self.client.post("/land/plots/import/", {"file": upload}).content.decode()
        assert 'data-testid="import-errors"' in html and "JSON" in html
        report = self.client.get("/land/plots/import/errors/")
        assert report.status_code == 200 and report.content[:2] == b"PK"


class PlanAndNeedPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.plot = make_plot(cls.p.park, cls.p.admin, "A-01", status=PlotStatus.IDLE, price_per_mu=30,
                             has_road=True, has_power=True)
        cls.need = services.create_need(cls.p.park, actor=cls.p.admin, enterprise=cls.p.firm,
                                        title="扩产用地", min_area_mu=12, max_area_mu=20, needs_gas=True,
                                        needs_power=True, budget=600)

    def test_a_plan_from_draft_to_done_through_the_pages(self):
        self.client.force_login(self.p.staff)
        url = f"/land/plots/{self.plot.pk}/plan/new/"
        response = self.client.post(url, {"method": DisposalMethod.GRAFT, "status": PlanStatus.ACTIVE,
                                          "goal": "引进高新技术企业", "owner": self.p.staff.pk})
        assert response.status_code == 302
        plan = DisposalPlan.objects.get()
        self.client.post(f"/land/plans/{plan.pk}/steps/new/", {"title": "签订协议", "deadline": "2026-05-01"})
        step = plan.steps.get()
        html = self.client.get(f"/land/plots/{self.plot.pk}/").content.decode()
        assert "签订协议" in html and "盘活中" in html
        html = self.client.post(f"/land/plans/{plan.pk}/complete/", {}).content.decode()
        assert "签订协议" in html  # an open step: refused, the form says which
        self.client.post(f"/land/steps/{step.pk}/done/")
        response = self.client.post(f"/land/plans/{plan.pk}/complete/", {
            "placed_enterprise": self.p.firm.pk, "completed_on": "2025-12-01"})
        assert response.status_code == 302
        html = self.client.get("/land/figures/?year=2025").content.decode()
        assert 'data-testid="mu">15.01' in html and 'data-testid="firms">1' in html
        assert self.client.get("/land/plans/").status_code == 200

    def test_the_need_page_ranks_plots_with_reasons(self):
        self.client.force_login(self.p.staff)
        html = self.client.get(f"/land/needs/{self.need.pk}/").content.decode()
        assert 'data-plot-code="A-01"' in html
        assert "面积 15.01 亩，在需求 12–20 亩范围内" in html and "缺少供气" in html
        assert "预算 600 万元 ≥ 挂牌价×面积 450.3 万元" in html
        self.client.force_login(self.p.firm_user)
        html = self.client.get(f"/land/needs/{self.need.pk}/").content.decode()
        assert "扩产用地" in html and "A-01" not in html

    def test_a_need_form_error_is_in_chinese(self):
        self.client.force_login(self.p.staff)
        response = self.client.post("/land/needs/new/", {"title": "新需求", "min_area_mu": 30,
                                                          "max_area_mu": 10, "use": "industrial"})
        assert "不能小于最小面积" in response.content.decode()
        self.client.post("/land/needs/new/", {"title": "新需求", "min_area_mu": 30, "use": "industrial"})
        assert self.client.get("/land/needs/").content.decode().count("新需求") == 1
