"""Services check the permission predicates themselves: no caller can forget."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from yuanqu.core.testing.personas import credit_code, make_park
from yuanqu.enterprises import services
from yuanqu.enterprises.forms import EnterpriseForm
from yuanqu.enterprises.models import Offering, Qualification
from yuanqu.enterprises.permissions import OFFICE_FIELDS, can_edit_field


class ServicePermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p, cls.q = make_park("a"), make_park("b", offset=100)

    def test_create_needs_the_office_of_that_park(self):
        data = {"name": "青岛新建材料有限公司", "credit_code": credit_code(500), "industry_id": "3062"}
        for actor in (self.p.firm_user, self.p.grid_worker, self.q.admin):
            with pytest.raises(PermissionDenied):
                services.create_enterprise(park=self.p.park, data=data, actor=actor)

    def test_a_firm_user_may_not_change_office_fields_from_any_caller(self):
        with pytest.raises(PermissionDenied):
            services.update_enterprise(self.p.firm, {"credit_code": credit_code(777)}, actor=self.p.firm_user)
        with pytest.raises(PermissionDenied):
            services.update_enterprise(self.p.firm, {"grid_id": self.p.grid_b.pk}, actor=self.p.firm_user)
        updated = services.update_enterprise(self.p.firm, {"legal_rep": "新法人"}, actor=self.p.firm_user)
        assert updated.legal_rep == "新法人"
        # sending an office field unchanged is not a change
        services.update_enterprise(self.p.firm, {"grid_id": self.p.firm.grid_id}, actor=self.p.firm_user)

    def test_another_firms_user_and_institutions_may_not_write(self):
        for actor in (self.q.firm_user, self.p.institution_user):
            with pytest.raises(PermissionDenied):
                services.save_indicators(self.p.firm, 2025, {"revenue": Decimal(1)}, actor=actor)
            with pytest.raises(PermissionDenied):
                services.save_child(self.p.firm, Offering(), {"name": "x"}, actor=actor)

    def test_qualifications_are_the_offices(self):
        with pytest.raises(PermissionDenied):
            services.save_child(self.p.firm, Qualification(), {"kind": "high_tech"}, actor=self.p.firm_user)
        services.save_child(self.p.firm, Qualification(), {"kind": "high_tech",
                                                           "granted_on": "2025-01-01"}, actor=self.p.staff)

    def test_delete_is_for_park_admins(self):
        with pytest.raises(PermissionDenied):
            services.delete_enterprise(self.p.firm, actor=self.p.staff)
        with pytest.raises(PermissionDenied):
            services.delete_enterprise(self.p.firm, actor=self.q.admin)


class OfficeFieldRuleTests(TestCase):
    """The firm form and the update service read the same rule."""

    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")

    def test_the_form_offers_exactly_the_fields_the_rule_allows(self):
        for user in (self.p.firm_user, self.p.grid_worker, self.p.staff):
            form = EnterpriseForm(user=user, park=self.p.park, instance=self.p.firm)
            for name in form.Meta.fields:
                assert (name in form.fields) == can_edit_field(user, name), (user, name)
        assert OFFICE_FIELDS - {"park"} <= set(EnterpriseForm.Meta.fields)
