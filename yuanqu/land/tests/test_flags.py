"""Low-efficiency flags from the occupants' indicators, with hand-computed numbers."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import TestCase

from yuanqu.core.models import AuditEvent
from yuanqu.core.testing.personas import make_enterprise, make_park
from yuanqu.enterprises.models import AnnualIndicator
from yuanqu.land import services
from yuanqu.land.models import LandThresholds, Plot

from .helpers import make_plot

DAY = date(2026, 3, 2)


class FlagTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.third = make_enterprise(cls.p.park, n=3)
        a = cls.p.admin
        # 15.01 亩 each; the firm occupies two plots (30.02 亩).
        make_plot(cls.p.park, a, "A-01", occupant=cls.p.firm)
        make_plot(cls.p.park, a, "A-02", i=1, occupant=cls.p.firm)
        make_plot(cls.p.park, a, "B-01", i=2, occupant=cls.p.other_firm)
        make_plot(cls.p.park, a, "C-01", i=3, occupant=cls.third)
        make_plot(cls.p.park, a, "D-01", i=4, status="idle")
        # 246.2 万元 tax on 30.02 亩 = 8.20; revenue 10,507 = 350.00 per 亩.
        AnnualIndicator.objects.create(enterprise=cls.p.firm, year=2025, tax_paid=Decimal("246.2"),
                                       revenue=Decimal("10507"))
        # Declared land 10 亩: 300 / 10 = 30 and 6,000 / 10 = 600 per 亩 (the 15.01 亩 plot is not used).
        AnnualIndicator.objects.create(enterprise=cls.p.other_firm, year=2025, tax_paid=Decimal("300"),
                                       revenue=Decimal("6000"), land_area_mu=Decimal("10"))

    def flags(self):
        return {p.code: (p.flagged_low_efficiency, p.flag_reason) for p in Plot.objects.all()}

    def test_flags_with_hand_numbers(self):
        summary = services.flag_low_efficiency(self.p.park, 2025, today=DAY)
        flags = self.flags()
        assert flags["A-01"] == (True, "2025 年度：亩均税收 8.2 万元，低于园区标准 15 万元")
        assert flags["A-02"][0] is True
        assert flags["B-01"] == (False, "2025 年度：达到园区标准（亩均税收 30 万元，亩均营收 600 万元）")
        assert flags["C-01"] == (False, "缺少 2025 年度纳税额、营业收入数据，未评价")
        assert flags["D-01"] == (False, "")
        assert (summary.assessed, summary.flagged, summary.not_assessed) == (3, 2, 1)
        assert Plot.objects.get(code="A-01").flagged_on == DAY
        assert LandThresholds.objects.filter(park=self.p.park).exists()  # created with the defaults

    def test_a_second_run_changes_nothing_and_a_recovery_clears_the_flag(self):
        first = services.flag_low_efficiency(self.p.park, 2025, today=DAY)
        assert first.changed == 4 and AuditEvent.objects.filter(entity="低效预警").count() == 4
        assert services.flag_low_efficiency(self.p.park, 2025, today=date(2026, 4, 1)).changed == 0
        assert Plot.objects.get(code="A-01").flagged_on == DAY  # the first day it was flagged
        AnnualIndicator.objects.filter(enterprise=self.p.firm).update(tax_paid=Decimal("600"))
        services.flag_low_efficiency(self.p.park, 2025, today=DAY)
        plot = Plot.objects.get(code="A-01")
        assert not plot.flagged_low_efficiency and plot.flagged_on is None

    def test_a_low_per_mu_grade_flags_a_firm_that_meets_the_thresholds(self):
        grades = {self.p.other_firm.pk: "2025 年亩均效益评价 D 级", self.p.firm.pk: "D 级"}
        summary = services.flag_low_efficiency(self.p.park, 2025, today=DAY, grades=grades)
        flags = self.flags()
        assert flags["B-01"] == (True, "2025 年亩均效益评价 D 级")
        assert flags["A-01"] == (True, "2025 年度：亩均税收 8.2 万元，低于园区标准 15 万元；D 级")
        assert summary.flagged == 3

    def test_the_park_thresholds_apply(self):
        LandThresholds.objects.create(park=self.p.park, min_tax_per_mu=Decimal("5"), min_revenue_per_mu=300)
        services.flag_low_efficiency(self.p.park, 2025, today=DAY)
        assert not Plot.objects.get(code="A-01").flagged_low_efficiency

    def test_only_the_office_flags(self):
        with pytest.raises(PermissionDenied):
            services.flag_low_efficiency(self.p.park, 2025, actor=self.p.grid_worker)

    def test_the_command_flags_every_park_or_one(self):
        call_command("flag_low_efficiency", "--year", "2025", "--park", self.p.park.code, verbosity=0)
        assert Plot.objects.get(code="A-01").flagged_low_efficiency
