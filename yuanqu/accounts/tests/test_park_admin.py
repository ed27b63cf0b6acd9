"""The park back office at /manage/ lets in active park administrators of a park, nobody else."""

from django.test import TestCase

from yuanqu.accounts.permissions import can_use_park_back_office
from yuanqu.core.testing.personas import make_district_admin, make_park


class ParkBackOfficeAccessTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.district = make_district_admin()

    def test_only_park_admins_get_in(self):
        for user in (self.a.staff, self.a.firm_user, self.a.grid_worker, self.district):
            self.client.force_login(user)
            assert self.client.get("/manage/").status_code == 302
        self.client.force_login(self.a.admin)
        assert self.client.get("/manage/").status_code == 200

    def test_predicate_needs_an_active_admin_with_a_park(self):
        assert can_use_park_back_office(self.a.admin)
        self.a.admin.is_active = False
        assert not can_use_park_back_office(self.a.admin)
        self.district.is_superuser = True  # the district works in /admin/, even as a superuser
        assert not can_use_park_back_office(self.district)
