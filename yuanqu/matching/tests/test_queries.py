"""Who sees which resources, and matching scoped to them (the engine stood in for)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import TestCase

from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.matching import index, queries
from yuanqu.matching.models import Kind, SynonymLine
from yuanqu.matching.permissions import OFFER_KINDS

from .helpers import FakeSearch, add


class ScopeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        cls.policy = add(cls.a.park, Kind.POLICY, "研发费用加计扣除")
        cls.own_need = add(cls.a.park, Kind.NEED, "找不锈钢板材供应商", owner=cls.a.firm)
        cls.other_need = add(cls.a.park, Kind.NEED, "招聘叉车司机", owner=cls.a.other_firm)
        cls.product = add(cls.a.park, Kind.PRODUCT, "304不锈钢板", owner=cls.a.other_firm)
        cls.retired = add(cls.a.park, Kind.SERVICE, "旧服务", is_active=False)
        cls.park_b = add(cls.b.park, Kind.SERVICE, "B园区检测")

    def ids(self, user):
        return set(queries.visible_resources(user).values_list("pk", flat=True))

    def test_a_firm_never_sees_another_firms_needs(self):
        assert self.ids(self.a.firm_user) == {self.policy.pk, self.own_need.pk, self.product.pk}

    def test_staff_see_their_park_retired_included_district_all(self):
        park_a = {self.policy.pk, self.own_need.pk, self.other_need.pk, self.product.pk, self.retired.pk}
        assert self.ids(self.a.staff) == park_a
        assert self.ids(self.district) == park_a | {self.park_b.pk}

    def test_institutions_and_grid_workers_see_active_needs_of_their_park(self):
        active = {self.policy.pk, self.own_need.pk, self.other_need.pk, self.product.pk}
        assert self.ids(self.a.institution_user) == active
        assert self.ids(self.a.grid_worker) == active

    def test_park_b_never_sees_park_a(self):
        for user in (self.b.admin, self.b.staff, self.b.firm_user, self.b.institution_user):
            assert self.ids(user) <= {self.park_b.pk}

    def test_get_for_user_is_404_when_invisible_403_when_read_only(self):
        with pytest.raises(Http404):
            queries.get_resource_for_user(self.a.firm_user, self.other_need.pk)
        with pytest.raises(Http404):
            queries.get_resource_for_user(self.b.staff, self.policy.pk)
        with pytest.raises(Http404):
            queries.get_resource_for_user(self.a.staff, "x")
        with pytest.raises(PermissionDenied):
            queries.get_resource_for_user(self.a.institution_user, self.policy.pk, write=True)
        assert queries.get_resource_for_user(self.a.staff, self.policy.pk, write=True) == self.policy


class MatchForUserTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.service = add(cls.a.park, Kind.SERVICE, "CMA检测")
        cls.other_need = add(cls.a.park, Kind.NEED, "找检测机构", owner=cls.a.other_firm)
        cls.park_b = add(cls.b.park, Kind.SERVICE, "B园区检测")
        cls.retired = add(cls.a.park, Kind.SERVICE, "旧检测", is_active=False)

    def search(self, ids):
        fake = FakeSearch(ids)
        patcher = pytest.MonkeyPatch()
        patcher.setattr(index, "search", fake)
        self.addCleanup(patcher.undo)
        return fake

    def test_hits_the_user_may_not_see_are_dropped_order_kept(self):
        self.search([self.park_b.pk, self.other_need.pk, 999999, self.retired.pk, self.service.pk])
        pairs = queries.match_for_user(self.a.firm_user, "检测")
        assert [r.pk for r, _hit in pairs] == [self.service.pk]
        assert pairs[0][1].reasons == ("命中“检测”",)

    def test_limit_cuts_after_filtering(self):
        extra = add(self.a.park, Kind.POLICY, "检测补贴")
        self.search([self.service.pk, extra.pk])
        assert [r.pk for r, _h in queries.match_for_user(self.a.staff, "检测", limit=1)] == [self.service.pk]

    def test_the_query_carries_park_firm_and_thesaurus(self):
        SynonymLine.objects.create(park=self.a.park, line="检测 检验")
        fake = self.search([])
        queries.match_for_user(self.a.firm_user, "检测", want="service", limit=5)
        q = fake.queries[0]
        assert (q.park_id, q.exclude_owner, q.industry_code, q.want) == (
            self.a.park.pk, self.a.firm.pk, self.a.firm.industry_id, "service")
        assert set(q.kinds) == set(OFFER_KINDS) and q.limit >= 5
        assert "检验" in fake.kwargs[0]["thesaurus"].synonyms("检测")

    def test_staff_asking_for_a_firm_use_that_firms_industry(self):
        fake = self.search([])
        queries.match_for_user(self.a.staff, "检测", kind="need", seeker=self.a.other_firm)
        q = fake.queries[0]
        assert (q.kinds, q.exclude_owner, q.industry_code) == (("need",), self.a.other_firm.pk, "1811")

    def test_bad_input_is_a_validation_error_on_its_field(self):
        self.search([])
        cases = {"q": [{"text": ""}, {"text": "  \n\t"}, {"text": "检" * 2001}],
                 "kind": [{"text": "x", "kind": "land"}], "want": [{"text": "x", "want": "x"}],
                 "limit": [{"text": "x", "limit": 0}, {"text": "x", "limit": 51}]}
        for field, calls in cases.items():
            for kw in calls:
                text = kw.pop("text")
                with self.subTest(field=field, **kw), pytest.raises(ValidationError) as info:
                    queries.match_for_user(self.a.staff, text, **kw)
                assert list(info.value.message_dict) == [field]
