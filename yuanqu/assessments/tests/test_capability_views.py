"""Capability pages: who sees what (404 for others' firms), query counts that do not grow per firm,
the configuration pages and their errors, the Excel export."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.assessments.capability_queries import stored_system
from yuanqu.core.testing.personas import make_district_admin, make_park

from .capability_helpers import add_firms, add_indicators, figures


class CapabilityPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        for year in (2023, 2024, 2025):
            add_indicators(cls.a.firm, year, **figures(1 + (year - 2023) * 0.1))
            add_indicators(cls.a.other_firm, year, **figures(0.7))
        add_firms(cls.a.park, 6, start=100)
        add_firms(cls.b.park, 3, start=200)

    def url(self, firm, **query):
        base = reverse("assessments:enterprise_assessment", args=[firm.pk])
        return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    def get(self, user, url):
        self.client.force_login(user)
        return self.client.get(url)

    def test_office_roles_see_their_parks_firms_and_a_firm_user_only_its_own(self):
        for user in (self.a.staff, self.a.admin, self.a.grid_worker, self.a.other_grid_worker, self.district):
            assert self.get(user, self.url(self.a.firm)).status_code == 200, user
        assert self.get(self.a.firm_user, self.url(self.a.firm)).status_code == 200
        for user, firm in [(self.a.firm_user, self.a.other_firm), (self.b.staff, self.a.firm),
                           (self.a.institution_user, self.a.firm), (self.b.firm_user, self.a.firm)]:
            assert self.get(user, self.url(firm)).status_code == 404
        assert self.get(self.a.staff, "/assessments/enterprises/999999/").status_code == 404

    def test_the_page_shows_scores_radar_grade_trend_and_text(self):
        resp = self.get(self.a.staff, self.url(self.a.firm))
        html = resp.content.decode()
        assert resp.context["year"] == 2025 and resp.context["score"].total is not None
        assert 'data-testid="radar"' in html and 'id="assessment-chart-data"' in html
        assert "assessment_radar.js" in html and "<script>" not in html.replace('<script src', '')
        assert "技术创新能力" in html and 'data-testid="per-mu-grade"' in html
        assert [y for y, _s in resp.context["assessment"].trend] == [2023, 2024, 2025]
        assert resp.context["tier_results"] is None or isinstance(resp.context["tier_results"], list)

    def test_a_year_without_data_says_so(self):
        resp = self.get(self.a.staff, self.url(self.a.firm, year=2019))
        assert resp.status_code == 200 and 'data-testid="no-data"' in resp.content.decode()
        assert "2019" in resp.content.decode()
        resp = self.get(self.b.staff, self.url(self.b.firm))
        assert "尚无年度指标数据" in resp.content.decode()

    def test_the_assessment_page_queries_do_not_grow_with_the_park(self):
        self.client.force_login(self.a.staff)
        with CaptureQueriesContext(connection) as before:
            self.client.get(self.url(self.a.firm))
        add_firms(self.a.park, 8, start=300, years=(2023, 2024, 2025))
        with self.assertNumQueries(len(before)):
            self.client.get(self.url(self.a.firm))

    def test_the_ranking_lists_the_park_and_its_queries_do_not_grow(self):
        self.client.force_login(self.a.staff)
        with CaptureQueriesContext(connection) as before:
            resp = self.client.get(reverse("assessments:capability_ranking"))
        assert resp.status_code == 200 and resp.context["count"] == 8
        ranks = [row.score.rank for row in resp.context["page"]]
        assert ranks == sorted(ranks) and ranks[0] == 1
        add_firms(self.a.park, 8, start=300)
        with self.assertNumQueries(len(before)):
            resp = self.client.get(reverse("assessments:capability_ranking"))
        assert resp.context["count"] == 16

    def test_ranking_filters_by_industry_and_sorts_by_a_dimension(self):
        self.client.force_login(self.a.staff)
        resp = self.client.get(reverse("assessments:capability_ranking") + "?division=18&sort=innovation")
        assert [r.score.enterprise_id for r in resp.context["page"]] == [self.a.other_firm.pk]
        resp = self.client.get(reverse("assessments:capability_ranking") + "?sort=innovation&year=2025")
        scores = [r.score.dimension("innovation").score for r in resp.context["page"]]
        assert scores == sorted(scores, reverse=True)

    def test_ranking_is_for_office_roles(self):
        assert self.get(self.a.firm_user, reverse("assessments:capability_ranking")).status_code == 403
        assert self.get(self.a.institution_user, reverse("assessments:capability_ranking")).status_code == 403
        resp = self.get(self.district, reverse("assessments:capability_ranking") + f"?park={self.b.park.pk}")
        assert resp.context["park"] == self.b.park and resp.context["count"] == 3

    def test_the_excel_export(self):
        from io import BytesIO

        from openpyxl import load_workbook

        resp = self.get(self.a.staff, reverse("assessments:capability_ranking_export") + "?year=2025")
        assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxml")
        sheet = load_workbook(BytesIO(resp.content)).active
        assert sheet.cell(1, 1).value == "排名" and sheet.max_row == 9

    def test_configuration_pages_are_for_administrators(self):
        pages = [reverse("assessments:capability_config"), reverse("assessments:capability_settings"),
                 reverse("assessments:capability_weights", args=["innovation"]),
                 reverse("assessments:capability_indicator_new"),
                 reverse("assessments:capability_indicator_edit", args=["rd_intensity"])]
        for url in pages:
            assert self.get(self.a.admin, url).status_code == 200, url
            assert self.get(self.district, url).status_code == 200, url
            assert self.get(self.a.staff, url).status_code == 403, url
        assert self.get(self.a.admin, reverse("assessments:capability_weights",
                                              args=["nope"])).status_code == 404

    def test_manual_weights_that_do_not_sum_show_the_reason(self):
        self.client.force_login(self.a.admin)
        url = reverse("assessments:capability_weights", args=["innovation"])
        resp = self.client.post(url, {"action": "manual", "w-rd_intensity": "0.5",
                                      "w-invention_patents": "0.3",
                                      "w-rd_staff_share": "0.1"})
        assert resp.status_code == 200 and "权重之和为 0.900" in resp.content.decode()
        resp = self.client.post(url, {"action": "manual", "w-rd_intensity": "0.5",
                                      "w-invention_patents": "0.3",
                                      "w-rd_staff_share": "0.2"})
        assert resp.status_code == 302
        assert float(stored_system(self.a.park).indicators.get(code="rd_intensity").weight) == 0.5

    def test_ahp_form_refuses_an_inconsistent_matrix_and_accepts_a_consistent_one(self):
        self.client.force_login(self.a.admin)
        url = reverse("assessments:capability_weights", args=["innovation"])
        resp = self.client.post(url, {"action": "ahp", "ahp-a_0_1": "9", "ahp-a_0_2": "1/9",
                                      "ahp-a_1_2": "9"})
        assert resp.status_code == 200 and "CR = " in resp.content.decode()
        resp = self.client.post(url, {"action": "ahp", "ahp-a_0_1": "2", "ahp-a_0_2": "4", "ahp-a_1_2": "2"})
        assert resp.status_code == 302
        system = stored_system(self.a.park)
        assert float(system.indicators.get(code="rd_intensity").weight) == round(4 / 7, 4)
        assert system.ahp_matrices["innovation"]["matrix"][1][0] == "1/2"

    def test_entropy_form(self):
        self.client.force_login(self.a.admin)
        resp = self.client.post(reverse("assessments:capability_weights", args=["per_mu"]),
                                {"action": "entropy", "e-year": "2025"})
        assert resp.status_code == 302

    def test_indicator_form_add_and_bad_formula(self):
        self.client.force_login(self.a.admin)
        data = {"code": "export_share", "name": "出口占比", "dimension": "development",
                "formula": "export_value ** 2", "direction": "higher", "unit": "percent"}
        resp = self.client.post(reverse("assessments:capability_indicator_new"), data)
        assert resp.status_code == 200 and 'data-field-error="formula"' in resp.content.decode()
        data["formula"] = "export_value / revenue"
        resp = self.client.post(reverse("assessments:capability_indicator_new"), data)
        assert resp.status_code == 302
        assert stored_system(self.a.park).indicators.filter(code="export_share").exists()

    def test_settings_form_saves_grade_shares(self):
        self.client.force_login(self.a.admin)
        resp = self.client.get(reverse("assessments:capability_settings"))
        data = {k: v for k, v in resp.context["form"].initial.items()}
        data.update(share_A="10", share_B="60", share_C="20", normalisation="percentile")
        resp = self.client.post(reverse("assessments:capability_settings"), data)
        assert resp.status_code == 302
        assert stored_system(self.a.park).grade_shares == {"A": 0.1, "B": 0.6, "C": 0.2}
        data.update(share_A="50", share_B="60")
        resp = self.client.post(reverse("assessments:capability_settings"), data)
        assert "超过 100%" in resp.content.decode()
