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


class PasswordAuditTests(TestCase):
    def test_a_password_set_in_the_admin_is_audited(self):
        from yuanqu.core.audit import history_for
        from yuanqu.core.testing.personas import make_district_admin, make_park

        p, district = make_park("a"), make_district_admin()
        district.is_staff = district.is_superuser = True
        district.save()
        self.client.force_login(district)
        resp = self.client.post(f"/admin/accounts/user/{p.firm_user.pk}/password/",
                                {"password1": "Neu-Passwort-2026", "password2": "Neu-Passwort-2026",
                                 "usable_password": "true"})
        assert resp.status_code == 302
        assert history_for(p.firm_user).filter(actor=district, changes__password=["***", "***"]).exists()
