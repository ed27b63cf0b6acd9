"""The per-亩 evaluation feeds the land module's low-efficiency flags (grade D flags a firm's plots)."""

from datetime import date
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from yuanqu.assessments.capability_queries import per_mu_results
from yuanqu.assessments.capability_services import flag_land
from yuanqu.core.testing.personas import make_enterprise, make_park
from yuanqu.enterprises.models import AnnualIndicator
from yuanqu.land.models import LandThresholds, Plot
from yuanqu.land.tests.helpers import make_plot

YEAR = 2025


class PerMuLandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        # Thresholds nobody falls below: only the grade can flag.
        LandThresholds.objects.create(park=cls.p.park, min_tax_per_mu=0, min_revenue_per_mu=0)
        cls.firms = [make_enterprise(cls.p.park, n=10 + i) for i in range(10)]
        for i, firm in enumerate(cls.firms):
            k = Decimal(i + 1)
            AnnualIndicator.objects.create(
                enterprise=firm, year=YEAR, revenue=1000 * k, main_business_revenue=1000 * k, tax_paid=50 * k,
                rd_expense=30 * k, total_profit=80 * k, employees=int(20 * k), land_area_mu=Decimal("10"),
                energy_consumption_tce=Decimal("100"))
            make_plot(cls.p.park, cls.p.admin, f"P-{i:02d}", i=i, occupant=firm)

    def test_grade_d_flags_the_firms_plots_with_the_grade_as_reason(self):
        graded = per_mu_results(self.p.park, YEAR)
        low = {eid for eid, r in graded.items() if r.low_efficiency}
        assert low and self.firms[0].pk in low and self.firms[-1].pk not in low
        summary = flag_land(self.p.park, YEAR, actor=self.p.admin, today=date(2026, 3, 2))
        flagged = {p.occupant_id: p for p in Plot.objects.filter(flagged_low_efficiency=True)}
        assert set(flagged) == low and summary.flagged == len(low)
        assert "D" in flagged[self.firms[0].pk].flag_reason

    def test_the_command_runs_for_one_park(self):
        call_command("grade_per_mu", park=self.p.park.code, year=YEAR, stdout=StringIO())
        assert Plot.objects.filter(flagged_low_efficiency=True).exists()
