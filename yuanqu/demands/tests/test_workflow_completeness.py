"""Every workflow Action is complete: effect, required fields, performer, after-step; unknown
arguments are an error; each service write also leaves an audit row."""

import inspect

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction
from yuanqu.demands import services
from yuanqu.demands.models import Demand
from yuanqu.demands.workflow import SPECS, TRANSITIONS, Action, Who

from .helpers import demand_park, file_demand

MONDAY = "2026-03-02 09:00:00+08:00"


def test_every_action_has_a_spec_an_effect_and_an_after_step():
    actions = set(Action.values)
    assert set(SPECS) == actions
    assert set(services.EFFECTS) == actions
    assert set(services.AFTER) == actions
    assert {action for (_status, action) in TRANSITIONS} == actions


def test_each_effect_takes_exactly_the_arguments_its_spec_names():
    for action, spec in SPECS.items():
        params = list(inspect.signature(services.EFFECTS[action]).parameters)
        assert params[:2] == ["demand", "now"], action
        assert set(params[2:]) == {"note", *spec.params}, action


def test_every_required_field_is_a_parameter_and_has_its_own_reason():
    for action, spec in SPECS.items():
        assert set(spec.required) <= {"note", *spec.params}, action
        for name in spec.required:
            assert (action, name) in services.MISSING, (action, name)
        assert spec.who in Who.values


@time_machine.travel(MONDAY, tick=False)
class ArgumentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def setUp(self):
        self.d = file_demand(self.p)

    def test_an_unknown_argument_is_an_error_not_ignored(self):
        with pytest.raises(TypeError, match="accept takes no reply"):
            services.transition(self.d, Action.ACCEPT, actor=self.p.grid_worker, reply="x")
        with pytest.raises(TypeError, match="department"):
            services.transition(self.d, Action.MERGE, actor=self.p.staff, department=self.p.safety)
        self.d.refresh_from_db()
        assert self.d.accepted_at is None

    def test_a_missing_required_field_names_the_field(self):
        with pytest.raises(ValidationError) as info:
            services.transition(self.d, Action.TRANSFER, actor=self.p.staff, department=self.p.safety)
        assert "note" in info.value.message_dict
        with pytest.raises(ValidationError) as info:
            services.transition(self.d, Action.TRANSFER, actor=self.p.staff, note="不归我们")
        assert "department" in info.value.message_dict

    def test_the_performer_comes_from_the_spec(self):
        with pytest.raises(PermissionDenied):  # office only
            services.transition(self.d, Action.TRANSFER, actor=self.p.grid_worker, note="x",
                                department=self.p.safety)
        with pytest.raises(PermissionDenied):  # a firm never handles
            services.transition(self.d, Action.ACCEPT, actor=self.p.firm_user)


@time_machine.travel(MONDAY, tick=False)
class AuditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def test_each_service_write_leaves_an_audit_row(self):
        d = file_demand(self.p, confidence=0.2)  # low confidence: waits for triage
        from yuanqu.demands.models import Category

        infra = Category.objects.get(park=self.p.park, code="infrastructure")
        services.confirm_category(d, category=infra, actor=self.p.admin)
        services.transition(d, Action.ACCEPT, actor=self.p.staff)
        services.transition(d, Action.RESOLVE, actor=self.p.staff, reply="已恢复供电")
        services.rate(d, "satisfied", actor=self.p.firm_user)
        rows = list(history_for(d).order_by("created_at", "id"))
        assert [r.entity for r in rows] == [str(services.event_label(a)) for a in
                                            ["submit", "classify", "route", "accept", "resolve", "rate"]]
        assert rows[3].entity == "受理"
        assert rows[0].action == AuditAction.CREATE
        assert rows[3].action == AuditAction.TRANSITION
        assert rows[3].changes["status"] == ["pending", "accepted"]
        assert rows[1].changes["category"][1] == "infrastructure"
        assert all(r.actor_id for r in rows)


@time_machine.travel(MONDAY, tick=False)
class StaleClaimTests(TestCase):
    """The claim includes the row version: a change made meanwhile, of any field, wins."""

    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def setUp(self):
        self.d = file_demand(self.p)  # routed to 经济发展部, pending

    def fresh(self):
        return Demand.objects.get(pk=self.d.pk)

    def test_accept_after_a_transfer_it_did_not_see_is_a_conflict(self):
        accepting, transferring = self.fresh(), self.fresh()
        services.transition(transferring, Action.TRANSFER, actor=self.p.admin, note="属安全生产",
                            department=self.p.safety)
        with pytest.raises(Conflict):
            services.transition(accepting, Action.ACCEPT, actor=self.p.staff)
        d = self.fresh()
        assert (d.status, d.department_id, d.accepted_at) == ("pending", self.p.safety.pk, None)

    def test_two_transfers_at_once_one_wins(self):
        first, second = self.fresh(), self.fresh()
        services.transition(first, Action.TRANSFER, actor=self.p.admin, note="a", department=self.p.safety)
        with pytest.raises(Conflict):
            services.transition(second, Action.TRANSFER, actor=self.p.staff, note="b",
                                department=self.p.office)
        assert self.fresh().department_id == self.p.safety.pk
        assert self.fresh().events.filter(action="transfer").count() == 1

    def test_triage_after_a_change_it_did_not_see_is_a_conflict(self):
        from yuanqu.demands.models import Category

        stale = self.fresh()
        services.transition(self.fresh(), Action.ACCEPT, actor=self.p.staff)
        with pytest.raises(Conflict):
            services.confirm_category(stale, category=Category.objects.get(park=self.p.park, code="safety"),
                                      actor=self.p.admin)


@time_machine.travel(MONDAY, tick=False)
class HandOverTests(TestCase):
    """A transfer or a return takes the demand away from its handler, not only from the department."""

    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def test_transfer_and_return_clear_the_handler(self):
        from yuanqu.demands import queries

        d = file_demand(self.p)
        assert d.handler == self.p.grid_worker  # routed: the firm's grid worker handles it
        services.transition(d, Action.TRANSFER, actor=self.p.admin, note="属安全生产",
                            department=self.p.safety)
        d.refresh_from_db()
        assert d.handler_id is None
        assert d not in queries.work_queue(self.p.grid_worker)
        e = file_demand(self.p)
        services.transition(e, Action.ACCEPT, actor=self.p.staff)
        services.transition(e, Action.RETURN, actor=self.p.staff, note="不归我们")
        e.refresh_from_db()
        assert (e.handler_id, e.department_id, e.needs_triage) == (None, None, True)
