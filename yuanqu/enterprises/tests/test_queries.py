"""Who sees which firm: each persona, and never across parks."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import TestCase

from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.enterprises.queries import get_enterprise_for_user, visible_enterprises


class VisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()

    def ids(self, user):
        return set(visible_enterprises(user).values_list("pk", flat=True))

    def test_district_sees_every_park(self):
        assert self.ids(self.district) == {self.a.firm.pk, self.a.other_firm.pk,
                                           self.b.firm.pk, self.b.other_firm.pk}

    def test_staff_and_admin_see_their_whole_park_only(self):
        for user in (self.a.admin, self.a.staff):
            assert self.ids(user) == {self.a.firm.pk, self.a.other_firm.pk}

    def test_grid_worker_sees_their_grid(self):
        assert self.ids(self.a.grid_worker) == {self.a.firm.pk}
        assert self.ids(self.a.other_grid_worker) == {self.a.other_firm.pk}

    def test_firm_user_sees_only_their_firm(self):
        assert self.ids(self.a.firm_user) == {self.a.firm.pk}

    def test_institution_user_sees_no_firm_records(self):
        assert self.ids(self.a.institution_user) == set()

    def test_missing_and_invisible_both_404(self):
        with pytest.raises(Http404):
            get_enterprise_for_user(self.a.admin, self.b.firm.pk)
        with pytest.raises(Http404):
            get_enterprise_for_user(self.a.admin, 999999)
        with pytest.raises(Http404):
            get_enterprise_for_user(self.a.firm_user, self.a.other_firm.pk)

    def test_institution_cannot_write(self):
        with pytest.raises(Http404):
            get_enterprise_for_user(self.a.institution_user, self.a.firm.pk, write=True)

    def test_firm_user_may_write_own_firm(self):
        assert get_enterprise_for_user(self.a.firm_user, self.a.firm.pk, write=True) == self.a.firm

    def test_visible_but_read_only_is_403(self):
        from unittest import mock

        with mock.patch("yuanqu.enterprises.queries.can_edit", return_value=False), \
                pytest.raises(PermissionDenied):
            get_enterprise_for_user(self.a.staff, self.a.firm.pk, write=True)
