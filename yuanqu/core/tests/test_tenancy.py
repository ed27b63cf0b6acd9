"""One tenancy rule: rows of the parks a user may see."""

from django.contrib.auth.models import AnonymousUser
from django.test import TestCase

from yuanqu.accounts.models import Grid
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.enterprises.models import Enterprise


class RestrictToParksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a, cls.b = make_park("a"), make_park("b", offset=100)
        cls.district = make_district_admin("d")

    def ids(self, user, qs=None, via="park"):
        qs = Enterprise.objects.all() if qs is None else qs
        return set(restrict_to_parks(qs, user, via=via).values_list("pk", flat=True))

    def test_district_sees_every_park(self):
        assert self.ids(self.district) == set(Enterprise.objects.values_list("pk", flat=True))

    def test_park_users_see_only_their_park(self):
        for user in (self.a.admin, self.a.firm_user, self.a.institution_user):
            assert self.ids(user) == {self.a.firm.pk, self.a.other_firm.pk}

    def test_anonymous_and_parkless_users_see_nothing(self):
        assert self.ids(AnonymousUser()) == set()
        self.a.staff.park = None  # an account left without a park (not saved)
        assert self.ids(self.a.staff) == set()

    def test_a_longer_path_to_the_park(self):
        grids = restrict_to_parks(Grid.objects.all(), self.b.admin, via="park")
        assert set(grids) == {self.b.grid_a, self.b.grid_b}
        via_firm = restrict_to_parks(Enterprise.objects.all(), self.b.admin, via="grid__park")
        assert set(via_firm) <= {self.b.firm, self.b.other_firm}

    def test_the_registry_and_demands_use_it(self):
        from yuanqu.demands import queries as demand_queries
        from yuanqu.enterprises import queries as firm_queries

        for module in (firm_queries, demand_queries):
            assert module.restrict_to_parks is restrict_to_parks
