"""record_facts: permission, PUT semantics, validation, audit; loading.firm_years in four queries."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from yuanqu.core.models import AuditEvent
from yuanqu.core.testing.personas import make_park
from yuanqu.enterprises.models import AnnualIndicator, Enterprise, Qualification

from ..loading import firm_years
from ..models import EnterpriseFacts
from ..services import record_facts


class RecordFactsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)

    def test_replaces_the_year_and_audits_each_change(self):
        record_facts(self.a.firm, 2024, {"niche_years": 3, "own_brand": True}, actor=self.a.staff)
        record_facts(self.a.firm, 2024, {"niche_years": 4}, actor=self.a.staff)
        row = EnterpriseFacts.objects.get(enterprise=self.a.firm, year=2024)
        assert (row.niche_years, row.own_brand) == (4, None)
        events = list(AuditEvent.objects.filter(object_id=str(self.a.firm.pk)).order_by("id"))
        assert [e.action for e in events] == ["create", "update"]
        assert events[1].changes == {"niche_years": [3, 4], "own_brand": [True, None]}

    def test_an_unchanged_save_writes_no_audit_row(self):
        record_facts(self.a.firm, 2024, {"niche_years": 3}, actor=self.a.staff)
        record_facts(self.a.firm, 2024, {"niche_years": 3}, actor=self.a.staff)
        assert AuditEvent.objects.filter(object_id=str(self.a.firm.pk)).count() == 1

    def test_years_are_separate(self):
        record_facts(self.a.firm, 2023, {"niche_years": 2}, actor=self.a.staff)
        record_facts(self.a.firm, 2024, {"niche_years": 3}, actor=self.a.staff)
        assert EnterpriseFacts.objects.filter(enterprise=self.a.firm).count() == 2

    def test_who_may_record(self):
        for user in (self.a.admin, self.a.staff, self.a.grid_worker, self.a.firm_user):
            record_facts(self.a.firm, 2024, {}, actor=user)
        for user in (self.a.institution_user, self.a.other_grid_worker, self.b.admin):
            with self.assertRaises(PermissionDenied):
                record_facts(self.a.firm, 2024, {}, actor=user)
        with self.assertRaises(PermissionDenied):
            record_facts(self.a.other_firm, 2024, {}, actor=self.a.firm_user)

    def test_invalid_values_and_years_are_refused_and_nothing_is_written(self):
        for data in ({"digital_level": 4}, {"credit_score": Decimal("100.5")}, {"maker_china": "top5"},
                     {"local_feature_score": Decimal("16")}, {"sci_award": "none", "sci_award_rank": 1}):
            with self.assertRaises(ValidationError):
                record_facts(self.a.firm, 2024, data, actor=self.a.staff)
        for year in (1989, date.today().year + 1):
            with self.assertRaises(ValidationError):
                record_facts(self.a.firm, year, {}, actor=self.a.staff)
        assert not EnterpriseFacts.objects.exists()


class LoadingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        for firm in (cls.a.firm, cls.a.other_firm):
            for year in (2022, 2023, 2024, 2025):
                AnnualIndicator.objects.create(enterprise=firm, year=year, revenue=Decimal(year - 2000))
        EnterpriseFacts.objects.create(enterprise=cls.a.firm, year=2025, niche_years=5, own_brand=False)
        EnterpriseFacts.objects.create(enterprise=cls.a.firm, year=2024, niche_years=4)
        Qualification.objects.create(enterprise=cls.a.firm, kind="specialized", granted_on=date(2024, 1, 1))
        Qualification.objects.create(enterprise=cls.a.firm, kind="gazelle", granted_on=date(2020, 1, 1),
                                     expires_on=date(2022, 12, 31))

    def test_firm_years_in_four_queries(self):
        with self.assertNumQueries(4):
            firms = firm_years(Enterprise.objects.all(), 2025, on=date(2026, 6, 1))
        firm = firms[self.a.firm.pk]
        assert sorted(firm.indicators) == [2023, 2024, 2025]
        assert firm.indicators[2025]["revenue"] == Decimal(25)
        assert firm.facts["niche_years"] == 5 and firm.facts["own_brand"] is False
        assert firm.facts["quality_award"] is None
        assert firm.qualifications == frozenset({"specialized"})
        assert firm.industry_code == "3062" and firm.founded_on == date(2015, 6, 1)
        other = firms[self.a.other_firm.pk]
        assert other.facts["niche_years"] is None and other.qualifications == frozenset()
