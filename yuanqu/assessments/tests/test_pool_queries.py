"""The pool's read side: scope by role, filters, titles held, open plans, bounded queries, yearly figures."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from yuanqu.assessments import cultivation
from yuanqu.assessments.cultivation_queries import (
    PoolFilters,
    get_plan_for_user,
    list_plans,
    pool_for_user,
    progress,
    visible_plans,
    yearly_figures,
)
from yuanqu.assessments.models import Recognition
from yuanqu.core.testing.personas import make_district_admin, make_enterprise, make_park
from yuanqu.enterprises.models import Qualification

from .pool_helpers import FakeResult, eligible_result, gap_result, use_engine

TODAY = "2026-06-15 10:00 +08:00"


def by_tier(pools):
    return {p.tier: p for p in pools}


@time_machine.travel(TODAY, tick=False)
class PoolQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        cls.third = make_enterprise(cls.a.park, n=3, grid=cls.a.grid_a, name="青岛丙科技有限公司")
        cls.gone = make_enterprise(cls.a.park, n=4, grid=cls.a.grid_a, status="moved_out")

    def setUp(self):
        a = self.a
        self.engine = use_engine(self, {
            a.firm.pk: [eligible_result(), gap_result("gazelle", missing=["信用评分"])],
            a.other_firm.pk: [gap_result(), eligible_result("above_scale", score=None)],
            self.third.pk: [gap_result(closeness=0.95), FakeResult("gazelle", closeness=0.2)],
        })

    def pool(self, user, **filters):
        return by_tier(pool_for_user(user, PoolFilters(year=2025, **filters)))

    def test_staff_see_eligible_then_close_with_counts(self):
        pools = self.pool(self.a.staff)
        spec = pools["specialized_sme"]
        assert [e.firm.id for e in spec.candidates] == [self.a.firm.pk, self.third.pk, self.a.other_firm.pk]
        assert [e.standing for e in spec.candidates] == ["eligible", "close", "close"]
        assert spec.candidates[1].result.gaps == ["研发费用占营业收入比重 2.1%，还差 0.9 个百分点"]
        assert pools["gazelle"].counts() == {"eligible": 0, "close": 1, "recognised": 0, "far": 1,
                                             "missing": 1}
        assert self.gone.pk not in {e.firm.id for p in pools.values() for e in p.candidates}
        assert self.engine.years == [2025]

    def test_titles_held_put_firms_apart_and_open_plans_are_linked(self):
        Qualification.objects.create(enterprise=self.a.other_firm, kind="above_scale",
                                     granted_on=date(2024, 3, 1))
        Recognition.objects.create(park=self.a.park, enterprise=self.a.firm, tier="specialized_sme",
                                   year=2025, recognised_on=date(2025, 11, 3))
        Recognition.objects.create(park=self.a.park, enterprise=self.third, tier="specialized_sme", year=2022,
                                   recognised_on=date(2022, 11, 3))  # its term ended
        plan = cultivation.create_plan(enterprise=self.third, tier="specialized_sme", officer=self.a.staff,
                                       target_year=2026, actor=self.a.staff)
        pools = self.pool(self.a.staff)
        spec, above = pools["specialized_sme"], pools["above_scale"]
        assert [(e.firm.id, e.held) for e in spec.recognised] == [(self.a.firm.pk, "2025 年认定")]
        assert [(e.firm.id, e.plan_id) for e in spec.candidates] == [(self.third.pk, plan.pk),
                                                                     (self.a.other_firm.pk, None)]
        assert [e.held for e in above.recognised] == ["自 2024-03-01 起持有该称号"] and not above.eligible

    def test_scope_by_role(self):
        grid = self.pool(self.a.grid_worker)["specialized_sme"]
        assert {e.firm.id for e in grid.candidates} == {self.a.firm.pk, self.third.pk}
        assert self.pool(self.b.staff)["specialized_sme"].candidates == []
        district = self.pool(self.district)["specialized_sme"]
        assert len(district.candidates) == 3 and {e.firm.park for e in district.candidates} == {"园区a"}
        for user in (self.a.firm_user, self.a.institution_user):
            with pytest.raises(PermissionDenied):
                pool_for_user(user, PoolFilters(year=2025))

    def test_filters_industry_grid_park_missing_and_tiers(self):
        assert [e.firm.id for e in self.pool(self.a.staff, industry="18")["specialized_sme"].candidates] == [
            self.a.other_firm.pk]
        assert len(self.pool(self.a.staff, industry="C")["specialized_sme"].candidates) == 3
        grid_b = self.pool(self.a.staff, grid_id=self.a.grid_b.pk)["specialized_sme"]
        assert [e.firm.id for e in grid_b.candidates] == [self.a.other_firm.pk]
        assert self.pool(self.district, park_id=self.b.park.pk)["specialized_sme"].candidates == []
        missing = self.pool(self.a.staff, missing=True)
        assert [e.firm.id for e in missing["gazelle"].candidates] == [self.a.firm.pk]
        assert missing["specialized_sme"].candidates == []
        assert list(self.pool(self.a.staff, tiers=("gazelle",))) == ["gazelle"]

    def test_queries_do_not_grow_with_the_firms(self):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                pool_for_user(self.a.staff, PoolFilters(year=2025))
            return len(ctx.captured_queries)

        before = count()
        for n in range(20, 30):
            make_enterprise(self.a.park, n=n, grid=self.a.grid_b)
        assert count() == before <= 6


@time_machine.travel(TODAY, tick=False)
class PlanQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.mine = cultivation.create_plan(enterprise=cls.a.firm, tier="specialized_sme", officer=cls.a.staff,
                                           target_year=2027, actor=cls.a.staff)
        cls.other = cultivation.create_plan(enterprise=cls.a.other_firm, tier="gazelle",
                                            officer=cls.a.grid_worker, target_year=2027, actor=cls.a.staff)
        for title, due, status in [("申请专利", date(2026, 5, 1), "todo"),
                                   ("建研发中心", date(2026, 9, 1), "doing"),
                                   ("数字化诊断", date(2026, 3, 1), "todo"),
                                   ("ISO9001", date(2026, 1, 1), "done"),
                                   ("放弃的", date(2026, 1, 1), "dropped")]:
            action = cultivation.add_action(cls.mine, title=title, due_on=due, actor=cls.a.staff)
            if status != "todo":
                cultivation.update_action(action, {"status": status}, actor=cls.a.staff)

    def test_who_sees_which_plans(self):
        assert set(visible_plans(self.a.staff)) == {self.mine, self.other}
        assert set(visible_plans(self.a.grid_worker)) == {self.mine, self.other}  # its grid's firm; officer
        assert set(visible_plans(self.a.other_grid_worker)) == {self.other}
        assert set(visible_plans(self.a.firm_user)) == {self.mine}
        assert not visible_plans(self.a.institution_user).exists()
        assert not visible_plans(self.b.staff).exists()

    def test_get_plan_404_for_the_invisible_403_to_write_read_only(self):
        from django.http import Http404

        with pytest.raises(Http404):
            get_plan_for_user(self.b.staff, self.mine.pk)
        with pytest.raises(Http404):
            get_plan_for_user(self.a.other_grid_worker, self.mine.pk)
        assert get_plan_for_user(self.a.firm_user, self.mine.pk) == self.mine
        with pytest.raises(PermissionDenied):
            get_plan_for_user(self.a.firm_user, self.mine.pk, write=True)

    def test_progress_and_overdue_in_one_query(self):
        with self.assertNumQueries(1):
            rows = {p.pk: p for p in list_plans(self.a.staff)}
        mine = rows[self.mine.pk]
        assert (mine.n_actions, mine.n_done, mine.n_overdue, progress(mine)) == (4, 1, 2, 25)
        assert progress(rows[self.other.pk]) == 0
        assert progress(self.mine) == 25  # without the annotation: counted


@time_machine.travel("2026-03-01 10:00 +08:00", tick=False)
class YearlyFigureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        for firm, day in [(cls.a.firm, date(2023, 5, 1)), (cls.a.other_firm, date(2025, 6, 1)),
                          (cls.b.firm, date(2024, 6, 1))]:
            Qualification.objects.create(enterprise=firm, kind="above_scale", granted_on=day)
        cultivation.record_recognition(enterprise=cls.a.firm, tier="specialized_sme", year=2025,
                                       recognised_on=date(2025, 7, 1), actor=cls.a.staff)
        cultivation.record_recognition(enterprise=cls.a.other_firm, tier="specialized_sme", year=2025,
                                       recognised_on=date(2026, 1, 20), actor=cls.a.staff)

    def test_new_recognitions_and_holders_at_year_end(self):
        with self.assertNumQueries(2):
            rows = yearly_figures(self.a.staff, [2024, 2025, 2026])
        cells = {(r["year"], t["tier"]): (t["recognised"], t["holders"]) for r in rows for t in r["tiers"]}
        assert cells[(2024, "above_scale")] == (0, 1) and cells[(2025, "above_scale")] == (0, 2)
        # both listed for 2025; the one published in January 2026 holds the title from 2026
        assert cells[(2025, "specialized_sme")] == (2, 1) and cells[(2026, "specialized_sme")] == (0, 2)
        assert rows[0]["tiers"][1]["label"] == "专精特新中小企业"
        grid = {(r["year"], t["tier"]): t["holders"] for r in yearly_figures(self.a.other_grid_worker, [2025])
                for t in r["tiers"]}
        assert grid[(2025, "above_scale")] == 1
