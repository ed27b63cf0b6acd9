"""The write side: validation in the model, atomic audited changes, size class upkeep."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.models import AuditAction
from yuanqu.core.testing.personas import credit_code, make_park
from yuanqu.enterprises import services
from yuanqu.enterprises.models import Enterprise, Offering


class EnterpriseServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")

    def data(self, **kw):
        return {"name": "青岛新建材料有限公司", "credit_code": credit_code(500),
                "industry_id": "3062", **kw}

    def create(self, **kw):
        return services.create_enterprise(park=self.p.park, data=self.data(**kw), actor=self.p.admin)

    def test_create_normalises_code_assigns_grid_worker_and_audits(self):
        ent = self.create(credit_code=" " + credit_code(500).lower(), grid=self.p.grid_a)
        assert ent.credit_code == credit_code(500)
        assert ent.grid_worker == self.p.grid_worker
        event = history_for(ent).get()
        assert event.action == AuditAction.CREATE and event.actor == self.p.admin
        assert event.changes["name"] == [None, "青岛新建材料有限公司"]

    def test_update_records_old_and_new_values(self):
        ent = self.p.firm
        services.update_enterprise(ent, {"legal_rep": "王五"}, actor=self.p.staff)
        event = history_for(ent).first()
        assert event.changes == {"legal_rep": ["", "王五"]}
        assert event.actor_repr == self.p.staff.full_name

    def test_update_without_change_writes_no_audit_row(self):
        services.update_enterprise(self.p.firm, {"legal_rep": ""}, actor=self.p.staff)
        assert not history_for(self.p.firm).exists()

    def test_bad_input_is_refused_field_by_field_and_nothing_saved(self):
        cases = {
            "credit_code": {"credit_code": credit_code(500)[:-1] + "0"},
            "industry": {"industry_id": "30"},
            "registered_capital": {"registered_capital": Decimal("-1")},
            "founded_on": {"founded_on": __import__("datetime").date(2999, 1, 1)},
            "name": {"name": "<script>alert(1)</script>"},
        }
        for field, bad in cases.items():
            with self.subTest(field), pytest.raises(ValidationError) as info:
                self.create(**bad)
            assert field in info.value.message_dict
        assert not Enterprise.objects.filter(name="青岛新建材料有限公司").exists()

    def test_duplicate_credit_code_in_same_park_is_refused(self):
        with pytest.raises(ValidationError) as info:
            self.create(credit_code=self.p.firm.credit_code)
        assert "统一社会信用代码" in str(info.value)

    def test_same_credit_code_may_exist_in_another_park(self):
        other = make_park("b", offset=50)
        services.create_enterprise(park=other.park, data=self.data(credit_code=self.p.firm.credit_code),
                                   actor=other.admin)

    def test_grid_from_another_park_is_refused(self):
        other = make_park("b", offset=50)
        with pytest.raises(ValidationError) as info:
            self.create(grid=other.grid_a)
        assert "grid" in info.value.message_dict

    def test_indicators_upsert_audit_and_size_class(self):
        ent = self.p.firm
        services.save_indicators(ent, 2025, {"revenue": Decimal("5000"), "employees": 350},
                                 actor=self.p.staff)
        ent.refresh_from_db()
        assert ent.size_class == "medium"
        services.save_indicators(ent, 2025, {"revenue": Decimal("200"), "employees": 12},
                                 actor=self.p.staff)
        ent.refresh_from_db()
        assert ent.size_class == "micro"
        assert ent.indicators.count() == 1
        assert history_for(ent).first().changes["revenue"] == ["5000", "200"]

    def test_implausible_indicators_are_refused_with_the_unit(self):
        with pytest.raises(ValidationError) as info:
            services.save_indicators(self.p.firm, 2025, {
                "revenue": Decimal("99999999999"), "employees": 300001, "total_profit": Decimal("-3000000")},
                actor=self.p.staff)
        errors = info.value.message_dict
        assert errors["revenue"] == ["营业收入不能超过 10,000,000 万元。"]
        assert "200,000 人" in errors["employees"][0] and "-2,000,000 万元" in errors["total_profit"][0]
        assert not self.p.firm.indicators.exists()

    def test_a_year_without_the_sizing_figures_keeps_the_size_of_an_earlier_year(self):
        ent = self.p.firm
        services.save_indicators(ent, 2024, {"revenue": Decimal("5000"), "employees": 350},
                                 actor=self.p.staff)
        services.save_indicators(ent, 2025, {"revenue": Decimal("6000")}, actor=self.p.staff)
        ent.refresh_from_db()
        assert ent.size_class == "medium"
        services.update_enterprise(ent, {"address": "孔雀河三路1号"}, actor=self.p.staff)
        assert Enterprise.objects.get(pk=ent.pk).size_class == "medium"

    def test_indicator_rules(self):
        with pytest.raises(ValidationError) as info:
            services.save_indicators(self.p.firm, 2025, {"revenue": Decimal("100"),
                                     "main_business_revenue": Decimal("200"), "tax_paid": Decimal("-1")},
                                     actor=self.p.staff)
        assert {"main_business_revenue", "tax_paid"} <= set(info.value.message_dict)
        with pytest.raises(ValidationError):
            services.save_indicators(self.p.firm, 1800, {}, actor=self.p.staff)
        assert not self.p.firm.indicators.exists()

    def test_children_are_audited_on_the_firm(self):
        obj = services.save_child(self.p.firm, Offering(), {"name": "碳纤维预浸料", "tags": ["碳纤维"]},
                                  actor=self.p.firm_user)
        services.delete_child(self.p.firm, obj, actor=self.p.firm_user)
        actions = list(history_for(self.p.firm).values_list("action", flat=True))
        assert actions == [AuditAction.DELETE, AuditAction.CREATE]

    def test_delete_keeps_an_audit_row(self):
        pk = self.p.other_firm.pk
        services.delete_enterprise(self.p.other_firm, actor=self.p.admin)
        from yuanqu.core.models import AuditEvent

        assert AuditEvent.objects.filter(object_id=str(pk), action=AuditAction.DELETE).exists()


class BackOfficeAuditTests(TestCase):
    def test_admin_changes_are_audited(self):
        from yuanqu.core.testing.personas import make_district_admin

        p = make_park("a")
        root = make_district_admin()
        root.is_staff = root.is_superuser = True
        root.save()
        self.client.force_login(root)
        url = f"/admin/enterprises/enterprise/{p.firm.pk}/change/"
        form = self.client.get(url).context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update({"legal_rep": "后台修改", "industry": "3062", "park": p.park.pk,
                     "qualifications-TOTAL_FORMS": 0, "qualifications-INITIAL_FORMS": 0,
                     "contacts-TOTAL_FORMS": 0, "contacts-INITIAL_FORMS": 0})
        data.pop("grid_worker", None)
        data["grid"] = p.grid_a.pk
        resp = self.client.post(url, data)
        assert resp.status_code == 302, resp.context["adminform"].form.errors if resp.context else resp
        event = history_for(p.firm).first()
        assert event.actor == root and event.changes["legal_rep"] == ["", "后台修改"]
