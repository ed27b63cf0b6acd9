"""The demo park matches the 2021 report's figures and is deterministic."""

import io

from django.core.management import call_command
from django.test import TestCase

from yuanqu.accounts.models import Role, User
from yuanqu.demo.builders import DEMO_PASSWORD
from yuanqu.enterprises.models import Enterprise, Qualification


class SeedDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())

    def test_park_figures_follow_the_annual_report(self):
        assert Enterprise.objects.count() == 120
        count = lambda kind: Qualification.objects.filter(kind=kind).count()  # noqa: E731
        assert (count("above_scale"), count("specialized"), count("gazelle")) == (44, 8, 1)
        sectors = set(Enterprise.objects.values_list("industry__section", flat=True))
        assert "C" in sectors

    def test_every_firm_has_three_years_valid_codes_and_a_grid_worker(self):
        for ent in Enterprise.objects.prefetch_related("indicators"):
            assert [i.year for i in ent.indicators.all()] == [2023, 2024, 2025]
            ent.full_clean()
            assert ent.grid_worker is not None and ent.size_class

    def test_above_scale_firms_meet_the_threshold(self):
        for q in Qualification.objects.filter(kind="above_scale").select_related("enterprise"):
            latest = q.enterprise.indicators.get(year=2025)
            assert latest.main_business_revenue >= 2000

    def test_one_login_per_role(self):
        roles = set(User.objects.values_list("role", flat=True))
        assert roles == set(Role.values)
        firm = User.objects.get(username="firm")
        assert firm.check_password(DEMO_PASSWORD)
        assert firm.membership.enterprise.name == "青岛恒荣新材料有限公司"

    def test_running_again_changes_nothing_and_reset_is_deterministic(self):
        codes = list(Enterprise.objects.order_by("credit_code").values_list("credit_code", "name"))
        call_command("seed_demo", stdout=io.StringIO())
        assert Enterprise.objects.count() == 120
        call_command("seed_demo", reset=True, stdout=io.StringIO())
        assert list(Enterprise.objects.order_by("credit_code").values_list("credit_code", "name")) == codes
