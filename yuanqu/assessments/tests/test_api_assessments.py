"""/api/v1/enterprises/{id}/facts/{year} and /{id}/assessments over HTTP: scoping, PUT semantics,
validation in Chinese, the entries per tier and rule version."""

from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from yuanqu.core.models import AuditEvent
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.enterprises.models import AnnualIndicator, Enterprise, Qualification

from ..models import EnterpriseFacts

BASE = "/api/v1/enterprises"
YEAR = timezone.localdate().year - 1


class AssessmentApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        firm = cls.a.firm
        for year, revenue, main in ((YEAR - 2, 1600, 1500), (YEAR - 1, 1800, 1700), (YEAR, 2100, 1850)):
            AnnualIndicator.objects.create(
                enterprise=firm, year=year, revenue=Decimal(revenue), main_business_revenue=Decimal(main),
                rd_expense=Decimal("44"), total_assets=Decimal(3000), total_liabilities=Decimal(1500),
                class1_ip=2, class2_ip=5, employees=50, rd_staff=8, total_profit=Decimal(100))
        Qualification.objects.create(enterprise=firm, kind="high_tech", granted_on=timezone.localdate())
        Enterprise.objects.filter(pk=firm.pk).update(size_class="small")

    def call(self, method, url, user, body=None):
        self.client.force_login(user)
        return getattr(self.client, method)(url, data=body, content_type="application/json")

    def facts_url(self, firm=None, year=YEAR):
        return f"{BASE}/{(firm or self.a.firm).pk}/facts/{year}"

    # -- facts -----------------------------------------------------------------------------------------
    def test_unrecorded_facts_read_as_all_unknown(self):
        body = self.call("get", self.facts_url(), self.a.staff).json()
        assert body["year"] == YEAR and body["niche_years"] is None and body["own_brand"] is None

    def test_put_replaces_the_years_facts_and_is_audited(self):
        r = self.call("put", self.facts_url(), self.a.staff, {"niche_years": 6, "own_brand": True,
                                                               "rd_institution_level": "provincial"})
        assert r.status_code == 200, r.content
        assert r.json()["niche_years"] == 6 and r.json()["own_brand"] is True
        r = self.call("put", self.facts_url(), self.a.staff, {"niche_years": 7})
        body = r.json()
        assert body["niche_years"] == 7 and body["own_brand"] is None  # not given: unknown again
        assert EnterpriseFacts.objects.filter(enterprise=self.a.firm).count() == 1
        events = AuditEvent.objects.filter(object_id=str(self.a.firm.pk), entity__contains=str(YEAR))
        assert events.count() == 2

    def test_false_is_kept_apart_from_unknown(self):
        self.call("put", self.facts_url(), self.a.staff, {"own_brand": False})
        row = EnterpriseFacts.objects.get(enterprise=self.a.firm, year=YEAR)
        assert row.own_brand is False and row.quality_award is None

    def test_the_firm_records_its_own_facts_but_not_another_firms(self):
        assert self.call("put", self.facts_url(), self.a.firm_user, {"niche_years": 3}).status_code == 200
        other = self.facts_url(self.a.other_firm)
        assert self.call("put", other, self.a.firm_user, {"niche_years": 3}).status_code == 404
        assert self.call("get", other, self.a.firm_user).status_code == 404

    def test_other_parks_and_institutions_get_404(self):
        assert self.call("get", self.facts_url(), self.b.admin).status_code == 404
        assert self.call("put", self.facts_url(), self.a.institution_user, {}).status_code == 404

    def test_grid_worker_of_another_grid_gets_404(self):
        assert self.call("get", self.facts_url(), self.a.other_grid_worker).status_code == 404
        assert self.call("put", self.facts_url(), self.a.grid_worker, {"niche_years": 2}).status_code == 200

    def test_bad_values_answer_422_naming_the_field_in_chinese(self):
        cases = [
            ({"digital_level": 4}, "digital_level"),
            ({"digital_level": 0}, "digital_level"),
            ({"rd_institution_level": "county"}, "rd_institution_level"),
            ({"niche_years": -1}, "niche_years"),
            ({"national_market_share": "101"}, "national_market_share"),
            ({"sci_award": "none", "sci_award_rank": 2}, "sci_award_rank"),
            ({"niche_years": "many"}, "niche_years"),
            ({"niche_year": 3}, "niche_year"),  # a typo is refused, not silently dropped
        ]
        for body, field in cases:
            r = self.call("put", self.facts_url(), self.a.staff, body)
            assert r.status_code == 422, (body, r.content)
            detail = r.json()["detail"]
            assert any(d["loc"][-1] == field for d in detail), (body, detail)
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in d["msg"]) for d in detail), detail
        assert not EnterpriseFacts.objects.exists()

    def test_an_invalid_year_is_422(self):
        for year in (1989, timezone.localdate().year + 1):
            r = self.call("put", self.facts_url(year=year), self.a.staff, {})
            assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["path", "year"]
            assert self.call("get", self.facts_url(year=year), self.a.staff).status_code == 422

    # -- assessments -----------------------------------------------------------------------------------
    def assess(self, user, firm=None, query=f"?year={YEAR}"):
        return self.call("get", f"{BASE}/{(firm or self.a.firm).pk}/assessments{query}", user)

    def test_one_entry_per_tier_and_rule_version(self):
        r = self.assess(self.a.staff)
        assert r.status_code == 200, r.content
        entries = r.json()
        keys = {(e["tier"], e["rule_version"]) for e in entries}
        assert {("innovative_sme", "miit-2022-63"), ("above_scale", "nbs-2011"),
                ("gazelle", "sd-gazelle-2020")} <= keys
        for entry in entries:
            assert {"tier", "rule_version", "eligible", "score", "breakdown", "gaps", "missing", "verified",
                    "notes"} <= entry.keys()
            for line in entry["breakdown"]:
                assert set(line) == {"indicator", "value", "band", "points"}

    def test_entries_carry_gaps_and_missing_in_chinese(self):
        entries = {(e["tier"], e["rule_version"]): e for e in self.assess(self.a.staff).json()}
        above = entries[("above_scale", "nbs-2011")]
        assert above["eligible"] is False
        assert above["gaps"] == ["主营业务收入 1,850 万元，距 2,000 万元还差 150 万元"]
        innovative = entries[("innovative_sme", "miit-2022-63")]
        assert innovative["eligible"] is True  # 高新技术企业 qualification: direct route D2
        specialized = next(e for k, e in entries.items() if k[0] == "specialized_sme")
        assert "研发费用占营业收入比重 2.1%，还差 0.9 个百分点（需达到 3%）" in specialized["gaps"]
        assert specialized["verified"] is False and specialized["notes"]

    def test_recorded_facts_feed_the_assessment(self):
        def by_tier():
            entries = self.assess(self.a.staff).json()
            return {e["tier"]: e for e in entries if e["rule_version"] == "miit-2022-63"}

        before = by_tier()
        self.call("put", self.facts_url(), self.a.staff, {"niche_years": 1})
        after = by_tier()
        missing = f"未填写 {YEAR} 年企业情况：从事特定细分市场年限"
        assert missing in before["specialized_sme"]["missing"]
        assert missing not in after["specialized_sme"]["missing"]
        assert "从事特定细分市场年限 1 年，距 2 年还差 1 年" in after["specialized_sme"]["gaps"]

    def test_a_year_without_data_says_what_is_missing(self):
        entries = self.assess(self.a.staff, query=f"?year={YEAR - 5}").json()
        assert entries and all(e["eligible"] is not True or e["tier"] == "innovative_sme" for e in entries)
        above = next(e for e in entries if e["tier"] == "above_scale")
        assert above["missing"] == [f"缺少 {YEAR - 5} 年主营业务收入"] and above["eligible"] is None

    def test_invalid_year_is_422_and_default_year_is_the_newest(self):
        r = self.assess(self.a.staff, query="?year=1800")
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "year"]
        assert self.assess(self.a.staff, query="?year=abc").status_code == 422
        assert self.assess(self.a.staff, query="").json() == self.assess(self.a.staff).json()

    def test_visibility(self):
        assert self.assess(self.a.firm_user).status_code == 200
        assert self.assess(self.a.firm_user, firm=self.a.other_firm).status_code == 404
        assert self.assess(self.b.staff).status_code == 404
        assert self.assess(self.a.institution_user).status_code == 404
        assert self.assess(self.a.other_grid_worker).status_code == 404
        assert self.assess(self.district).status_code == 200

    def test_assessment_is_a_bounded_number_of_queries(self):
        self.client.force_login(self.a.staff)
        url = f"{BASE}/{self.a.firm.pk}/assessments?year={YEAR}"
        self.client.get(url)
        # session, user, firm; tiers: indicators, facts, qualifications, firm row; six capabilities and
        # per 亩: the park's system, the default system, its indicators, the firm's years, the park's figures
        with self.assertNumQueries(12):
            self.client.get(url)
