"""The demand page: who routed it, the AI's unconfirmed guess, action boxes, deadline lights."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from yuanqu.accounts.models import Role
from yuanqu.core.models import AuditEvent
from yuanqu.core.testing.personas import make_user
from yuanqu.demands import services
from yuanqu.demands.permissions import can_act
from yuanqu.demands.workflow import Action

from .helpers import demand_park, file_demand

SHANGHAI = ZoneInfo("Asia/Shanghai")


class RoutingCreditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def test_automatic_routing_is_credited_to_the_system_not_the_firm(self):
        d = file_demand(self.p)
        route = d.events.get(action="route")
        assert route.actor is None and route.actor_repr == "系统自动分拨"
        self.client.force_login(self.p.staff)
        html = self.client.get(f"/demands/{d.pk}/").content.decode()
        assert "系统自动分拨" in html
        assert f"分拨 · {self.p.firm_user.full_name}" not in html
        # the audit trail still knows whose request set the routing off
        assert AuditEvent.objects.filter(entity="分拨", actor=self.p.firm_user).exists()


class TriageSuggestionAndActionBoxTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def page(self, user, demand):
        self.client.force_login(user)
        return self.client.get(f"/demands/{demand.pk}/").content.decode()

    def test_an_unconfirmed_guess_is_shown_as_a_suggestion(self):
        d = file_demand(self.p, confidence=0.32)
        assert d.needs_triage and d.category is not None
        html = self.page(self.p.staff, d)
        assert "AI 建议：基础设施配套（32%），待确认" in html
        services.confirm_category(d, category=d.category, actor=self.p.staff)
        assert "待确认" not in self.page(self.p.staff, d)

    def test_action_boxes_have_headings_and_transfer_preselects_nothing(self):
        d = file_demand(self.p)
        html = self.page(self.p.admin, d)
        assert "办理操作" in html and '<h3 class="h6 mb-0">转办</h3>' in html
        assert '<option value="" selected>请选择部门…</option>' in html

    def test_closing_is_for_the_lead_department_and_the_park_office(self):
        d = file_demand(self.p)  # lead: p.department, whose member is p.staff
        services.transition(d, Action.ACCEPT, actor=self.p.staff)
        services.transition(d, Action.RESOLVE, actor=self.p.staff, reply="已恢复供电")
        outsider = make_user("safety-staff", Role.DEPT_STAFF, self.p.park, department=self.p.safety)
        assert not can_act(outsider, d, Action.CLOSE)
        assert can_act(self.p.staff, d, Action.CLOSE) and can_act(self.p.admin, d, Action.CLOSE)
        with pytest.raises(PermissionDenied):
            services.transition(d, Action.CLOSE, actor=outsider)
        assert 'data-action="close"' not in self.page(outsider, d)
        assert 'data-action="close"' in self.page(self.p.admin, d)


class DeadlineLightTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def test_lights_are_green_yellow_or_red_with_the_time_left_and_a_legend(self):
        with time_machine.travel(datetime(2026, 11, 23, 9, tzinfo=SHANGHAI), tick=False):
            d = file_demand(self.p)  # 10 working days: due Monday 2026-12-07 09:00
        self.client.force_login(self.p.staff)
        cases = [(datetime(2026, 11, 24, 9), "green", "剩余 9 个工作日"),
                 (datetime(2026, 12, 4, 9), "yellow", "剩余 1 个工作日"),
                 (datetime(2026, 12, 7, 6), "yellow", "剩余 3 小时"),
                 (datetime(2026, 12, 10, 10), "red", "已超期 3 天")]
        for moment, light, words in cases:
            with time_machine.travel(moment.replace(tzinfo=SHANGHAI), tick=False):
                for url in ("/demands/", f"/demands/{d.pk}/"):
                    html = self.client.get(url).content.decode()
                    assert f'data-light="{light}"' in html and words in html, (moment, url)
        assert 'data-testid="light-legend"' in self.client.get("/demands/").content.decode()
