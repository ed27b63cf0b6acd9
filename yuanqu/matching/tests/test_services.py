"""Resource and thesaurus writes: who may, what is audited, retire/restore, index on commit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.models import AuditAction
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.matching import index, services
from yuanqu.matching.models import Kind, Resource, SynonymLine


class Recorder:
    """Stands in for the index glue: the calls the services make after commit."""

    def __init__(self):
        self.synced, self.removed = [], []

    def sync(self, resource):
        self.synced.append((resource.pk, resource.is_active))

    def remove(self, ids):
        self.removed.extend(ids)


class ResourceServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()

    def setUp(self):
        self.recorder = Recorder()
        patcher = pytest.MonkeyPatch()
        patcher.setattr(index, "sync", self.recorder.sync)
        patcher.setattr(index, "remove", self.recorder.remove)
        self.addCleanup(patcher.undo)

    def create(self, actor=None, park=None, **kw):
        fields = {"kind": Kind.POLICY, "title": "研发费用加计扣除政策", "description": "按100%加计扣除", **kw}
        return services.create_resource(park or self.a.park, actor=actor or self.a.staff, **fields)

    def test_staff_creates_audited_and_indexed_on_commit(self):
        with self.captureOnCommitCallbacks(execute=True):
            r = self.create(tags="财税、加计扣除; 研发|财税")
        assert r.tags == ["财税", "加计扣除", "研发"]
        event = history_for(r).get()
        assert event.action == AuditAction.CREATE and event.actor == self.a.staff
        assert event.changes["title"] == [None, "研发费用加计扣除政策"]
        assert self.recorder.synced == [(r.pk, True)]

    def test_nothing_reaches_the_index_when_the_transaction_rolls_back(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.create()
        assert len(callbacks) == 1 and self.recorder.synced == []

    def test_institution_user_creates_only_its_own_services(self):
        user = self.a.institution_user
        r = self.create(actor=user, title="CMA检测服务", kind=Kind.SERVICE)
        assert r.kind == Kind.SERVICE and r.institution_id == user.institution_id
        with pytest.raises(PermissionDenied):  # the institution cannot name another owner
            self.create(actor=user, title="X", owner=self.a.firm)
        with pytest.raises(PermissionDenied):
            self.create(actor=user, park=self.b.park, title="检测")

    def test_institution_kind_is_forced_to_service(self):
        r = services.create_resource(self.a.park, actor=self.a.institution_user, title="专利代理")
        assert r.kind == Kind.SERVICE

    def test_firm_user_grid_worker_and_other_park_are_refused(self):
        for actor, park in [(self.a.firm_user, self.a.park), (self.a.grid_worker, self.a.park),
                            (self.b.staff, self.a.park)]:
            with self.subTest(actor=actor.username), pytest.raises(PermissionDenied):
                self.create(actor=actor, park=park)
        assert not Resource.objects.exists()

    def test_district_creates_in_any_park(self):
        assert self.create(actor=self.district, park=self.b.park).park == self.b.park

    def test_bad_fields_are_refused_by_field_in_chinese(self):
        cases = {"title": {"title": ""}, "kind": {"kind": "land"}, "industry": {"industry_id": "99"},
                 "tags": {"tags": ["长" * 60]}, "description": {"description": "<script>x</script>"}}
        for field, bad in cases.items():
            with self.subTest(field), pytest.raises(ValidationError) as info:
                self.create(**bad)
            assert field in info.value.message_dict
        assert not Resource.objects.exists()

    def test_update_records_before_and_after(self):
        r = self.create()
        services.update_resource(r, actor=self.a.admin, title="研发费用加计扣除新政")
        event = history_for(r).first()
        assert event.action == AuditAction.UPDATE
        assert event.changes == {"title": ["研发费用加计扣除政策", "研发费用加计扣除新政"]}

    def test_institution_manages_only_its_own_service(self):
        own = self.create(actor=self.a.institution_user, title="检测")
        services.update_resource(own, actor=self.a.institution_user, description="CNAS认可实验室")
        with pytest.raises(PermissionDenied):
            services.update_resource(own, actor=self.a.institution_user, kind=Kind.POLICY)
        policy = self.create()
        with pytest.raises(PermissionDenied):
            services.update_resource(policy, actor=self.a.institution_user, title="改")
        with pytest.raises(PermissionDenied):
            services.retire_resource(own, actor=self.b.institution_user)

    def test_retire_and_restore_are_audited_and_synced(self):
        r = self.create()
        with self.captureOnCommitCallbacks(execute=True):
            services.retire_resource(r, actor=self.a.staff)
        assert Resource.objects.get(pk=r.pk).is_active is False
        with self.captureOnCommitCallbacks(execute=True):
            services.restore_resource(r, actor=self.a.staff)
        assert Resource.objects.get(pk=r.pk).is_active is True
        changes = [e.changes for e in history_for(r).order_by("id")][1:]
        assert changes == [{"is_active": [True, False]}, {"is_active": [False, True]}]
        assert self.recorder.synced[-2:] == [(r.pk, False), (r.pk, True)]

    def test_registry_copies_are_not_edited_here(self):
        offering = self.a.firm.offerings.create(name="阳极氧化加工", kind="capability")
        with pytest.raises(PermissionDenied):
            services.retire_resource(offering.resource, actor=self.a.admin)

    def test_a_failing_index_never_undoes_the_write(self):
        def broken(resource):
            raise OSError("disk full")

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(index, "sync", broken)
            with self.captureOnCommitCallbacks(execute=True):
                r = self.create()
        assert Resource.objects.filter(pk=r.pk).exists()


class SynonymLineServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()

    def test_admin_adds_a_line_for_the_park_audited(self):
        line = services.add_synonym_line(self.a.park, "  叉车 铲车  ", actor=self.a.admin)
        assert line.line == "叉车 铲车" and line.park == self.a.park
        assert history_for(line).get().changes == {"line": [None, "叉车 铲车"]}

    def test_bad_line_names_the_reason(self):
        for bad in ["叉车", "A => ", "", "# 注释", "A => B => C"]:
            with self.subTest(bad), pytest.raises(ValidationError) as info:
                services.add_synonym_line(self.a.park, bad, actor=self.a.admin)
            assert info.value.message_dict["line"][0]
        assert not SynonymLine.objects.exists()

    def test_only_admins_of_the_park_add_and_delete(self):
        for actor in (self.a.staff, self.a.firm_user, self.b.admin):
            with self.subTest(actor.username), pytest.raises(PermissionDenied):
                services.add_synonym_line(self.a.park, "叉车 铲车", actor=actor)
        line = services.add_synonym_line(None, "叉车 铲车", actor=self.district)
        with pytest.raises(PermissionDenied):  # a line for every park is the district's
            services.delete_synonym_line(line, actor=self.a.admin)
        services.delete_synonym_line(line, actor=self.district)
        assert not SynonymLine.objects.exists()
