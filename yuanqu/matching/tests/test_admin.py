"""The park back office and the district admin: scoped, audited, the index told."""

import pytest
from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.testing.personas import make_park
from yuanqu.matching import index
from yuanqu.matching.models import Kind, Resource, SynonymLine

from .helpers import add


class ParkBackOfficeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.theirs = add(cls.b.park, Kind.POLICY, "B园区政策")

    def setUp(self):
        self.synced = []
        patcher = pytest.MonkeyPatch()
        patcher.setattr(index, "sync", lambda r: self.synced.append(r.pk))
        self.addCleanup(patcher.undo)
        self.client.force_login(self.a.admin)

    def test_add_resource_is_scoped_audited_and_indexed(self):
        with self.captureOnCommitCallbacks(execute=True):
            resp = self.client.post("/manage/matching/resource/add/", {
                "kind": "policy", "title": "人才公寓补贴", "description": "", "tags": "[]",
                "industry": "", "owner": "", "institution": "", "external_id": "", "is_active": "on"})
        assert resp.status_code == 302, resp.content.decode()[:2000]
        r = Resource.objects.get(title="人才公寓补贴")
        assert r.park == self.a.park and history_for(r).exists() and self.synced == [r.pk]
        listing = self.client.get("/manage/matching/resource/").content.decode()
        assert "人才公寓补贴" in listing and "B园区政策" not in listing

    def test_thesaurus_line_is_checked_and_set_to_the_park(self):
        resp = self.client.post("/manage/matching/synonymline/add/", {"line": "叉车"})
        assert resp.status_code == 200 and not SynonymLine.objects.exists()
        resp = self.client.post("/manage/matching/synonymline/add/", {"line": "叉车 铲车"})
        line = SynonymLine.objects.get()
        assert resp.status_code == 302 and line.park == self.a.park and line.created_by == self.a.admin
        assert history_for(line).exists()
