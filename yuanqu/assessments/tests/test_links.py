"""The firm profile leads to the firm's assessment, for everyone who may open both."""

from django.test import TestCase

from yuanqu.core.testing.personas import make_park


class ProfileLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")

    def test_the_profile_links_to_the_assessment_that_opens(self):
        for user in (self.p.staff, self.p.firm_user):
            self.client.force_login(user)
            html = self.client.get(f"/enterprises/{self.p.firm.pk}/").content.decode()
            url = f"/assessments/enterprises/{self.p.firm.pk}/"
            assert f'href="{url}"' in html
            assert self.client.get(url).status_code == 200
