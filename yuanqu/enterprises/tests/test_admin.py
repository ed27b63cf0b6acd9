"""The district's Django admin writes through the audited services (inlines and indicators too)."""


from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.enterprises.models import AnnualIndicator, Contact, Offering


class AdminAuditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.district = make_district_admin()
        cls.district.is_staff = cls.district.is_superuser = True  # as seed_demo makes it
        cls.district.save()

    def setUp(self):
        self.client.force_login(self.district)

    def entities(self):
        return [e.entity for e in history_for(self.p.firm)]

    def test_an_indicator_year_added_in_the_admin_is_audited_and_sizes_the_firm(self):
        resp = self.client.post("/admin/enterprises/annualindicator/add/", {
            "enterprise": self.p.firm.pk, "year": 2025, "revenue": "50000", "employees": "1200",
            "total_assets": "90000"})
        assert resp.status_code == 302, resp.content.decode()[:2000]
        assert any("2025" in e for e in self.entities())
        self.p.firm.refresh_from_db()
        assert self.p.firm.size_class == "large"
        row = AnnualIndicator.objects.get(enterprise=self.p.firm, year=2025)
        self.client.post(f"/admin/enterprises/annualindicator/{row.pk}/delete/", {"post": "yes"})
        assert not AnnualIndicator.objects.filter(pk=row.pk).exists()
        self.p.firm.refresh_from_db()
        assert self.p.firm.size_class == ""
        assert history_for(self.p.firm).filter(action="delete").exists()

    def test_inline_contacts_are_saved_through_the_service(self):
        url = f"/admin/enterprises/enterprise/{self.p.firm.pk}/change/"
        form = self.client.get(url).context["adminform"].form
        data = {k: ("" if v is None else v) for k, v in form.initial.items() if not isinstance(v, list)}
        data.update({"industry": "3062", "founded_on": "", "registered_capital": "",
                     "qualifications-TOTAL_FORMS": 0, "qualifications-INITIAL_FORMS": 0,
                     "contacts-TOTAL_FORMS": 1, "contacts-INITIAL_FORMS": 0,
                     "contacts-0-name": "王会计", "contacts-0-role": "财务", "contacts-0-phone": "0532-1"})
        data = {k: v for k, v in data.items() if v is not None}
        resp = self.client.post(url, data)
        assert resp.status_code == 302, resp.context["errors"] if resp.context else resp
        assert Contact.objects.filter(enterprise=self.p.firm, name="王会计").exists()
        assert any("王会计" in e for e in self.entities())

    def test_a_product_edited_in_the_admin_is_audited(self):
        offering = Offering.objects.create(enterprise=self.p.firm, name="碳纤维预浸料")
        resp = self.client.post(f"/admin/enterprises/offering/{offering.pk}/change/", {
            "enterprise": self.p.firm.pk, "kind": offering.kind, "name": "碳纤维预浸料 T700",
            "description": "", "tags": "[]"})
        assert resp.status_code == 302, resp.content.decode()[:3000]
        assert history_for(self.p.firm).filter(changes__name__1="碳纤维预浸料 T700").exists()
