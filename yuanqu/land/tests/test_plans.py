"""一地一策: disposal plans, their steps, completion and the yearly figures from the records."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditEvent
from yuanqu.core.testing.personas import make_park
from yuanqu.land import services
from yuanqu.land.models import DisposalMethod, PlanStatus, PlotStatus
from yuanqu.land.queries import yearly_figures

from .helpers import make_plot


class PlanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.q = make_park("b", offset=10)

    def setUp(self):
        self.plot = make_plot(self.p.park, self.p.admin, "A-01", status=PlotStatus.IDLE)

    def plan(self, **kw):
        return services.create_plan(self.plot, actor=self.p.staff, method=DisposalMethod.GRAFT,
                                    goal="引进高新技术企业", **kw)

    def test_only_idle_low_or_revitalising_plots_get_a_plan(self):
        busy = make_plot(self.p.park, self.p.admin, "A-02", i=1)
        with pytest.raises(Conflict, match="在用"):
            services.create_plan(busy, actor=self.p.staff, method=DisposalMethod.RECLAIM)

    def test_one_plot_one_plan(self):
        self.plan()
        with pytest.raises(Conflict, match="一地一策"):
            self.plan()

    def test_an_active_plan_puts_the_plot_into_revitalisation(self):
        plan = self.plan(status=PlanStatus.ACTIVE, owner=self.p.staff, deadline=date(2026, 12, 31))
        self.plot.refresh_from_db()
        assert self.plot.status == PlotStatus.REVITALISING
        assert plan.owner == self.p.staff

    def test_a_draft_plan_leaves_the_plot_and_activating_it_moves_it(self):
        plan = self.plan()
        self.plot.refresh_from_db()
        assert self.plot.status == PlotStatus.IDLE
        services.update_plan(plan, actor=self.p.admin, status=PlanStatus.ACTIVE)
        self.plot.refresh_from_db()
        assert self.plot.status == PlotStatus.REVITALISING

    def test_the_owner_works_for_the_park(self):
        with pytest.raises(ValidationError) as info:
            self.plan(owner=self.q.staff)
        assert "owner" in info.value.message_dict
        with pytest.raises(ValidationError):
            self.plan(owner=self.p.firm_user)

    def test_grid_workers_and_firms_cannot_plan(self):
        for user in [self.p.grid_worker, self.p.firm_user, self.q.admin]:
            with pytest.raises(PermissionDenied):
                services.create_plan(self.plot, actor=user, method=DisposalMethod.RECLAIM)

    def test_a_plan_is_not_marked_done_by_update(self):
        plan = self.plan()
        with pytest.raises(ValidationError):
            services.update_plan(plan, actor=self.p.admin, status=PlanStatus.DONE)

    def test_steps_then_completion_record_the_placement(self):
        plan = self.plan(status=PlanStatus.ACTIVE)
        first = services.add_step(plan, actor=self.p.staff, title="收回土地使用权", owner=self.p.staff,
                                  deadline=date(2026, 6, 30))
        second = services.add_step(plan, actor=self.p.staff, title="招商对接")
        assert (first.order, second.order) == (1, 2)
        with pytest.raises(Conflict, match="招商对接"):
            services.complete_plan(plan, actor=self.p.staff, placed_enterprise=self.p.other_firm)
        services.complete_step(first, actor=self.p.staff)
        services.complete_step(second, actor=self.p.staff)
        with pytest.raises(Conflict):
            services.complete_step(second, actor=self.p.staff)
        done = services.complete_plan(plan, actor=self.p.admin, placed_enterprise=self.p.other_firm)
        assert done.status == PlanStatus.DONE and done.completed_on == timezone.localdate()
        assert done.revitalised_mu == Decimal("15.01")
        self.plot.refresh_from_db()
        assert self.plot.status == PlotStatus.REVITALISED and self.plot.occupant == self.p.other_firm
        with pytest.raises(Conflict):
            services.add_step(plan, actor=self.p.staff, title="再加一步")

    def test_completion_checks_area_date_and_firm(self):
        plan = self.plan(status=PlanStatus.ACTIVE)
        future = timezone.localdate() + timedelta(days=3)
        with pytest.raises(ValidationError) as info:
            services.complete_plan(plan, actor=self.p.admin, placed_enterprise=self.q.firm,
                                   revitalised_mu=Decimal("99"), completed_on=future)
        assert set(info.value.message_dict) == {"revitalised_mu", "completed_on", "placed_enterprise"}
        plan.refresh_from_db()
        assert plan.status == PlanStatus.ACTIVE

    def test_yearly_figures_come_from_completed_plans(self):
        plan = self.plan(status=PlanStatus.ACTIVE)
        services.complete_plan(plan, actor=self.p.admin, placed_enterprise=self.p.firm,
                               revitalised_mu=Decimal("12.5"), completed_on=date(2025, 9, 1))
        other = make_plot(self.p.park, self.p.admin, "A-02", i=1, status=PlotStatus.LOW_EFFICIENCY)
        plan2 = services.create_plan(other, actor=self.p.admin, method=DisposalMethod.EXPAND,
                                     status=PlanStatus.ACTIVE)
        services.complete_plan(plan2, actor=self.p.admin, placed_enterprise=self.p.firm,
                               completed_on=date(2025, 11, 3))
        figures = yearly_figures(self.p.park, 2025)
        assert figures.plots == 2 and figures.firms_placed == 1
        assert figures.mu_revitalised == Decimal("27.51")
        assert yearly_figures(self.p.park, 2024).plots == 0
        assert yearly_figures(self.q.park, 2025).plots == 0

    def test_each_write_is_audited(self):
        plan = self.plan(status=PlanStatus.ACTIVE)
        step = services.add_step(plan, actor=self.p.staff, title="评估")
        services.update_step(step, actor=self.p.staff, title="评估作价")
        services.delete_step(step, actor=self.p.staff)
        entities = list(AuditEvent.objects.order_by("id").values_list("entity", flat=True))
        assert entities == ["地块", "处置方案", "地块", "方案步骤", "方案步骤", "方案步骤"]
