"""The menu offers each role exactly the pages it may open."""

from django.test import TestCase

from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.navigation import entries


class MenuTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.district = make_district_admin()

    def offered(self, user):
        return {name for name, shown in entries(user).items() if shown}

    def test_each_role_is_offered_its_pages(self):
        matching = {"introductions", "suggestions"}  # suggestions: a flag (panels on pages), not a page
        park_work = {"projects", "land", "assessments"}
        office = {"enterprises", "demands", "submit", "work_queue", "triage", "statistics", "match_report",
                  "resources", *matching, *park_work}
        assert self.offered(self.p.admin) == office | {"park_back_office", "thesaurus"}
        assert self.offered(self.p.staff) == office
        assert self.offered(self.p.grid_worker) == {"enterprises", "demands", "submit", "work_queue",
                                                    "resources", *matching, *park_work}
        assert self.offered(self.p.firm_user) == {"enterprises", "demands", "firm", "submit", "resources",
                                                  *matching}
        assert self.offered(self.p.institution_user) == {"resources", "my_services", "servable_needs"}
        # the district files nothing itself (it has no park) and uses /admin/, not /manage/
        assert self.offered(self.district) == {"enterprises", "demands", "work_queue", "triage", "statistics",
                                               "match_report", "resources", "thesaurus", *matching,
                                               *park_work,
                                               "parks"}  # a flag (park columns in lists), not a page

    def test_every_offered_page_opens(self):
        pages = {"enterprises": "/enterprises/", "demands": "/demands/", "submit": "/demands/new/",
                 "work_queue": "/demands/queue/", "triage": "/demands/triage/",
                 "statistics": "/demands/statistics/", "park_back_office": "/manage/",
                 "resources": "/matching/resources/", "my_services": "/matching/resources/?mine=1",
                 "thesaurus": "/matching/thesaurus/",
                 "introductions": "/matching/introductions/", "match_report": "/matching/report/",
                 "projects": "/projects/", "land": "/land/plots/", "assessments": "/assessments/pool/"}
        for user in (self.p.admin, self.p.staff, self.p.grid_worker, self.p.firm_user, self.district,
                     self.p.institution_user):
            self.client.force_login(user)
            for name in self.offered(user) - {"firm", "parks", "suggestions", "servable_needs"}:
                assert self.client.get(pages[name]).status_code == 200, (user, name)
