"""Attachment names: a long name is shortened in its stem, never losing its extension."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from yuanqu.accounts.models import ApiToken

from .helpers import demand_park, file_demand


class LongNameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()
        cls.key = ApiToken.issue(cls.p.firm_user, "t")[1]

    def test_300_character_name_keeps_its_extension_within_200(self):
        demand = file_demand(self.p)
        pdf = SimpleUploadedFile("长" * 300 + ".pdf", b"%PDF-1.4 test")
        response = self.client.post(f"/api/v1/demands/{demand.pk}/attachments", {"file": pdf},
                                    headers={"Authorization": f"Bearer {self.key}"})
        assert response.status_code == 201, response.content
        name = demand.attachments.get().name
        assert len(name) == 200 and name.endswith("长.pdf") and response.json()["name"] == name

    def test_short_name_is_kept(self):
        demand = file_demand(self.p)
        pdf = SimpleUploadedFile("说明.pdf", b"%PDF-1.4 test")
        self.client.post(f"/api/v1/demands/{demand.pk}/attachments", {"file": pdf},
                         headers={"Authorization": f"Bearer {self.key}"})
        assert demand.attachments.get().name == "说明.pdf"
