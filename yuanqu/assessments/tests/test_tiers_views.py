"""The tier results page and the facts form: access, rendering, saving through the service."""

from decimal import Decimal

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from yuanqu.core.testing.personas import make_park
from yuanqu.enterprises.models import AnnualIndicator, Enterprise

from ..models import EnterpriseFacts

YEAR = timezone.localdate().year - 1


class TierPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        for year, revenue in ((YEAR - 2, 1600), (YEAR - 1, 1800), (YEAR, 2100)):
            AnnualIndicator.objects.create(
                enterprise=cls.a.firm, year=year, revenue=Decimal(revenue),
                main_business_revenue=Decimal(revenue - 250), rd_expense=Decimal(44))
        Enterprise.objects.filter(pk=cls.a.firm.pk).update(size_class="small")

    def page(self, user, firm=None, query=""):
        self.client.force_login(user)
        return self.client.get(reverse("assessments:tier_results", args=[(firm or self.a.firm).pk]) + query)

    def facts_url(self, firm=None, year=YEAR):
        return reverse("assessments:facts_edit", args=[(firm or self.a.firm).pk, year])

    def test_page_shows_every_tier_with_badges_gaps_and_missing(self):
        r = self.page(self.a.staff)
        assert r.status_code == 200
        html = r.content.decode()
        assert html.count('data-testid="tier-result"') == len(r.context["tier_results"]) >= 5
        assert "规上企业" in html and "创新型中小企业" in html and "瞪羚企业" in html
        assert "主营业务收入 1,850 万元，距 2,000 万元还差 150 万元" in html
        assert "含未核实规则" in html  # 专精特新 2022 items 12/13, the 2026 revision
        assert f"未填写 {YEAR} 年企业情况" in html
        assert r.context["year"] == YEAR

    def test_year_choice_and_bad_year(self):
        assert self.page(self.a.staff, query=f"?year={YEAR - 1}").context["year"] == YEAR - 1
        assert self.page(self.a.staff, query="?year=abc").status_code == 404
        assert self.page(self.a.staff, query="?year=1700").status_code == 404

    def test_visibility(self):
        assert self.page(self.a.firm_user).status_code == 200
        assert self.page(self.a.firm_user, firm=self.a.other_firm).status_code == 404
        assert self.page(self.b.admin).status_code == 404
        assert self.page(self.a.institution_user).status_code == 404

    def test_page_is_a_bounded_number_of_queries(self):
        self.page(self.a.staff)
        url = reverse("assessments:tier_results", args=[self.a.firm.pk])
        # session, user, firm, years; indicators, facts, qualifications, firm row; the menu's two
        with self.assertNumQueries(10):
            self.client.get(url)

    def test_facts_form_saves_through_the_service_and_keeps_unknown(self):
        self.client.force_login(self.a.staff)
        assert self.client.get(self.facts_url()).status_code == 200
        body = {"niche_years": "4", "own_brand": "false", "digital_level": "2"}
        r = self.client.post(self.facts_url(), body)
        assert r.status_code == 302
        row = EnterpriseFacts.objects.get(enterprise=self.a.firm, year=YEAR)
        assert (row.niche_years, row.own_brand, row.digital_level, row.quality_award) == (4, False, 2, None)
        r = self.client.post(self.facts_url(), {"niche_years": "5"})
        row.refresh_from_db()
        assert (row.niche_years, row.own_brand) == (5, None)
        assert EnterpriseFacts.objects.count() == 1

    def test_facts_form_errors_in_chinese_next_to_the_field(self):
        self.client.force_login(self.a.staff)
        body = {"digital_level": "7", "sci_award": "none", "sci_award_rank": "2"}
        r = self.client.post(self.facts_url(), body)
        html = r.content.decode()
        assert r.status_code == 200
        assert 'data-field-error="digital_level"' in html and 'data-field-error="sci_award_rank"' in html
        assert "填写获奖单位排名须先选择国家级或省级科技奖励" in html
        assert not EnterpriseFacts.objects.exists()

    def test_facts_form_access(self):
        self.client.force_login(self.a.firm_user)
        assert self.client.get(self.facts_url()).status_code == 200
        assert self.client.get(self.facts_url(self.a.other_firm)).status_code == 404
        self.client.force_login(self.b.staff)
        assert self.client.post(self.facts_url(), {"niche_years": "3"}).status_code == 404
        self.client.force_login(self.a.staff)
        assert self.client.get(self.facts_url(year=1700)).status_code == 404
