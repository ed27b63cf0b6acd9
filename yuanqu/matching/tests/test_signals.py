"""Registry offerings and needs mirrored into resources, and the index told after commit."""

import pytest
from django.core.management import call_command
from django.test import TestCase

from yuanqu.core.testing.personas import make_park
from yuanqu.enterprises import services as registry
from yuanqu.enterprises.models import Need, Offering
from yuanqu.matching import index
from yuanqu.matching.models import Kind, Resource
from yuanqu.matching.services import need_title


class MirrorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)

    def setUp(self):
        self.synced, self.removed = [], []
        patcher = pytest.MonkeyPatch()
        patcher.setattr(index, "sync", lambda r: self.synced.append((r.pk, r.is_active)))
        patcher.setattr(index, "remove", lambda ids: self.removed.extend(ids))
        self.addCleanup(patcher.undo)

    def offer(self, **kw):
        data = {"kind": "capability", "name": "阳极氧化加工", "description": "铝合金硬质阳极氧化",
                "tags": ["表面处理", "氧化"], **kw}
        return registry.save_child(self.a.firm, Offering(), data, actor=self.a.firm_user)

    def test_an_offering_becomes_a_resource_of_the_firm(self):
        with self.captureOnCommitCallbacks(execute=True):
            offering = self.offer()
        r = offering.resource
        assert (r.kind, r.title, r.owner, r.park, r.industry_id) == (
            Kind.CAPABILITY, "阳极氧化加工", self.a.firm, self.a.park, self.a.firm.industry_id)
        assert r.tags == ["表面处理", "氧化"] and r.is_active
        assert self.synced == [(r.pk, True)]

    def test_editing_the_offering_updates_the_same_resource(self):
        offering = self.offer()
        registry.save_child(self.a.firm, offering, {"kind": "product", "name": "氧化铝型材",
                                                     "description": "", "tags": []}, actor=self.a.staff)
        assert Resource.objects.get().title == "氧化铝型材" and Resource.objects.get().kind == Kind.PRODUCT

    def test_deleting_the_offering_removes_resource_and_index_entry(self):
        pk = self.offer().resource.pk
        with self.captureOnCommitCallbacks(execute=True):
            registry.delete_child(self.a.firm, Offering.objects.get(), actor=self.a.staff)
        assert not Resource.objects.exists() and self.removed == [pk]

    def test_a_need_is_a_need_resource_and_closing_it_retires_it(self):
        text = "我们每月需要采购约20吨304不锈钢板材，厚度2mm，希望园区内有供应商。交货要快"
        need = registry.save_child(self.a.firm, Need(), {"kind": "supply", "description": text,
                                                         "tags": "不锈钢"}, actor=self.a.firm_user)
        r = need.resource
        assert r.kind == Kind.NEED
        assert r.title == "我们每月需要采购约20吨304不锈钢板材，厚度2mm，希望园区内有供应商"
        with self.captureOnCommitCallbacks(execute=True):
            registry.save_child(self.a.firm, need, {"is_open": False, "description": text, "kind": "supply"},
                                actor=self.a.firm_user)
        assert Resource.objects.get(pk=r.pk).is_active is False
        assert self.synced[-1] == (r.pk, False)

    def test_need_titles_take_the_first_sentence(self):
        assert need_title("找叉车司机。要有证") == "找叉车司机"
        assert need_title("  ") == ""
        assert need_title("长" * 50) == "长" * 39 + "…"

    def test_firm_moving_industry_takes_its_resources_along(self):
        self.offer()
        registry.update_enterprise(self.a.firm, {"industry_id": "3484"}, actor=self.a.staff)
        assert Resource.objects.get().industry_id == "3484"

    def test_sync_registry_resources_is_idempotent(self):
        self.offer()
        Resource.objects.all().delete()  # e.g. rows that predate the matching app
        call_command("sync_registry_resources", verbosity=0)
        call_command("sync_registry_resources", verbosity=0)
        assert Resource.objects.count() == 1
