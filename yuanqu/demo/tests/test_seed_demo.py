"""The demo parks: the main one matches the 2021 report's figures; both are deterministic."""

import io

from django.core.management import call_command
from django.test import TestCase

from yuanqu.accounts.models import Park, Role, User
from yuanqu.demands.models import Demand
from yuanqu.demo.builders import DEMO_PASSWORD, PARK
from yuanqu.demo.park2 import PARK as PARK2
from yuanqu.enterprises.models import Enterprise, Qualification

MAIN = {"park__code": PARK["code"]}


class SeedDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())

    def test_park_figures_follow_the_annual_report(self):
        assert Enterprise.objects.filter(**MAIN).count() == 120
        count = lambda kind: Qualification.objects.filter(  # noqa: E731
            kind=kind, enterprise__park__code=PARK["code"]).count()
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

    def test_a_second_smaller_park_in_another_district_with_its_own_logins(self):
        park = Park.objects.get(code=PARK2["code"])
        assert park.region_code != PARK["region_code"] and 20 <= park.enterprises.count() <= 30
        for username in ("admin2", "staff2", "grid3", "grid4", "firm2", "institution2"):
            assert User.objects.get(username=username).park == park
        assert User.objects.get(username="firm2").membership.enterprise.park == park
        assert {e.credit_code[2:8] for e in park.enterprises.all()} == {PARK2["region_code"]}
        assert Demand.objects.filter(park=park).exclude(status="pending").exists()

    def test_running_again_changes_nothing_and_reset_is_deterministic(self):
        codes = list(Enterprise.objects.order_by("credit_code").values_list("credit_code", "name"))
        numbers = lambda: list(Demand.objects.order_by("number").values_list(  # noqa: E731
            "number", "park__code", "status"))
        demands = numbers()
        call_command("seed_demo", stdout=io.StringIO())
        assert Enterprise.objects.count() == len(codes) == 144
        call_command("seed_demo", reset=True, stdout=io.StringIO())
        assert list(Enterprise.objects.order_by("credit_code").values_list("credit_code", "name")) == codes
        assert numbers() == demands


class DemoResourceTests(TestCase):
    def test_each_park_has_services_policies_technologies_and_registry_copies_idempotently(self):
        from yuanqu.matching.models import Resource

        call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
        first = Resource.objects.count()
        call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
        assert Resource.objects.count() == first
        for park in Park.objects.all():
            kinds = Resource.objects.filter(park=park)
            assert kinds.filter(kind="service", institution__park=park).count() >= 10
            assert kinds.filter(kind="policy").count() >= 8 and kinds.filter(kind="technology").count() >= 6
            assert kinds.filter(kind="need").exists() and kinds.filter(kind="product").exists()
