"""Lists across two parks: the district sees a park column, nobody of park A sees park B."""

import re

from django.test import TestCase

from yuanqu.core.testing.personas import make_district_admin
from yuanqu.demands.tests.helpers import demand_park, file_demand

PARK_COLUMN = re.compile(r"<th[^>]*>园区</th>")  # the column may be hidden on phones


class TwoParkListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = demand_park("a")
        cls.b = demand_park("b", offset=10)
        cls.district = make_district_admin()
        cls.in_a = file_demand(cls.a)
        cls.in_b = file_demand(cls.b, enterprise=cls.b.firm, actor=cls.b.firm_user)

    def body(self, user, url):
        self.client.force_login(user)
        resp = self.client.get(url)
        assert resp.status_code == 200
        return resp.content.decode()

    def test_the_district_sees_a_park_column_in_both_lists(self):
        for url in ("/demands/", "/enterprises/"):
            body = self.body(self.district, url)
            assert PARK_COLUMN.search(body) and self.a.park.name in body and self.b.park.name in body

    def test_park_users_see_no_park_column_and_nothing_of_the_other_park(self):
        for user in (self.a.admin, self.a.staff, self.a.grid_worker, self.a.firm_user):
            for url in ("/demands/", "/enterprises/", "/demands/queue/"):
                if url == "/enterprises/" and user == self.a.firm_user:
                    continue  # firms have no registry list
                body = self.body(user, url)
                assert not PARK_COLUMN.search(body) and self.in_b.number not in body
                assert self.b.firm.name not in body, (user, url)
