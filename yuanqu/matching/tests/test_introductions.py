"""Feedback and introductions through their services: permissions, audit, idempotence, outcomes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.testing.personas import make_district_admin
from yuanqu.demands.tests.helpers import demand_park, file_demand
from yuanqu.matching import introductions
from yuanqu.matching.models import Feedback, Introduction
from yuanqu.notifications.models import Notification

from .panel_helpers import make_resource, stock_park


class FeedbackTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = stock_park(demand_park("a"))
        cls.b = stock_park(demand_park("b", offset=10))
        cls.demand = file_demand(cls.p)

    def judge(self, accepted, actor=None, resource=None):
        return introductions.record_feedback(demand=self.demand, resource=resource or self.p.parts,
                                             accepted=accepted, actor=actor or self.p.staff, rank=2,
                                             features={"bm25": 0.7})

    def test_a_second_click_changes_the_verdict_instead_of_adding_one(self):
        self.judge(True)
        row = self.judge(False)
        assert Feedback.objects.count() == 1 and row.accepted is False and row.rank == 2
        assert row.features == {"bm25": 0.7} and row.seeker == self.p.firm and row.park == self.p.park
        assert "停电" in row.query
        actions = [e.action for e in history_for(self.demand).filter(entity="匹配反馈")]
        assert actions == ["update", "create"]

    def test_each_person_has_their_own_verdict(self):
        self.judge(True)
        self.judge(False, actor=self.p.admin)
        assert Feedback.objects.count() == 2

    def test_firms_institutions_and_other_parks_cannot_judge(self):
        for actor in (self.p.firm_user, self.p.institution_user, self.b.staff, self.p.other_grid_worker):
            with self.subTest(actor.username), pytest.raises(PermissionDenied):
                self.judge(True, actor=actor)
        assert not Feedback.objects.exists()

    def test_grid_worker_and_district_may_judge(self):
        self.judge(True, actor=self.p.grid_worker)
        self.judge(True, actor=make_district_admin())
        assert Feedback.objects.count() == 2

    def test_a_resource_of_another_park_is_refused(self):
        with pytest.raises(ValidationError) as info:
            self.judge(True, resource=self.b.parts)
        assert "resource" in info.value.message_dict


class IntroductionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = stock_park(demand_park("a"))
        cls.b = stock_park(demand_park("b", offset=10))
        cls.demand = file_demand(cls.p)

    def introduce(self, resource=None, actor=None, seeker=None):
        with self.captureOnCommitCallbacks(execute=True):
            return introductions.introduce(seeker=seeker or self.p.firm, resource=resource or self.p.parts,
                                           demand=self.demand, actor=actor or self.p.staff)

    def test_introduction_is_audited_and_both_firms_are_told(self):
        intro = self.introduce()
        assert intro.park == self.p.park and intro.introduced_by == self.p.staff
        assert intro.outcome == Introduction.Outcome.PENDING and intro.demand == self.demand
        assert [e.action for e in history_for(intro)] == ["create"]
        told = set(Notification.objects.values_list("user__username", flat=True))
        assert told == {"a-firm"}  # the other firm has no user; the seeker's is told
        assert "撮合" in Notification.objects.get().text

    def test_an_institution_is_told_through_its_members(self):
        self.introduce(resource=self.p.testing)
        assert set(Notification.objects.values_list("user__username", flat=True)) == {"a-firm", "a-inst"}

    def test_a_second_click_returns_the_open_introduction(self):
        assert self.introduce() == self.introduce()
        assert Introduction.objects.count() == 1

    def test_pairs_that_cannot_be_introduced(self):
        cases = {"own resource": self.p.own_product, "a need": self.p.other_need,
                 "no owner": self.p.policy, "other park": self.b.parts}
        for label, resource in cases.items():
            with self.subTest(label), pytest.raises(ValidationError) as info:
                self.introduce(resource=resource)
            assert "resource" in info.value.message_dict
        assert not Introduction.objects.exists()

    def test_only_the_office_that_sees_the_firm_introduces(self):
        for actor in (self.p.firm_user, self.p.institution_user, self.b.staff, self.p.other_grid_worker):
            with self.subTest(actor.username), pytest.raises(PermissionDenied):
                self.introduce(actor=actor)
        assert self.introduce(actor=self.p.grid_worker).introduced_by == self.p.grid_worker


class OutcomeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = stock_park(demand_park("a"))
        cls.b = demand_park("b", offset=10)
        cls.intro = introductions.introduce(seeker=cls.p.firm, resource=cls.p.parts, actor=cls.p.grid_worker)

    def record(self, outcome, actor=None, **kwargs):
        actor = actor or self.p.staff
        return introductions.record_outcome(self.intro, outcome=outcome, actor=actor, **kwargs)

    def test_signed_order_keeps_amount_and_date_and_is_audited(self):
        self.record("talking")
        intro = self.record("signed", amount=Decimal("120.50"), signed_on=datetime.date(2026, 1, 5))
        intro.refresh_from_db()
        assert intro.outcome == "signed" and intro.amount == Decimal("120.50")
        change = history_for(intro).first().changes
        assert change["outcome"] == ["talking", "signed"] and change["amount"] == [None, "120.5"]

    def test_signed_needs_an_amount_not_below_zero_and_a_date(self):
        jan = datetime.date(2026, 1, 1)
        cases = [({}, {"amount", "signed_on"}), ({"amount": Decimal("-1"), "signed_on": jan}, {"amount"}),
                 ({"amount": Decimal("0"), "signed_on": datetime.date(2999, 1, 1)}, {"signed_on"})]
        for kwargs, fields in cases:
            with self.subTest(kwargs), pytest.raises(ValidationError) as info:
                self.record("signed", **kwargs)
            assert set(info.value.message_dict) == fields
        self.intro.refresh_from_db()
        assert self.intro.outcome == "pending"

    def test_error_messages_are_chinese(self):
        with pytest.raises(ValidationError) as info:
            self.record("signed")
        assert info.value.message_dict["amount"] == ["签约订单需填写金额（万元）。"]

    def test_unknown_outcome_is_refused(self):
        with pytest.raises(ValidationError) as info:
            self.record("won")
        assert "outcome" in info.value.message_dict

    def test_a_failed_deal_drops_amount_and_date(self):
        self.record("signed", amount=Decimal("5"), signed_on=datetime.date(2026, 1, 5))
        intro = self.record("failed", amount=Decimal("5"))
        assert intro.amount is None and intro.signed_on is None

    def test_who_records_outcomes(self):
        self.record("talking", actor=self.p.grid_worker)  # who made it
        self.record("talking", actor=self.p.admin)
        for actor in (self.p.firm_user, self.p.other_grid_worker, self.b.staff, self.p.institution_user):
            with self.subTest(actor.username), pytest.raises(PermissionDenied):
                self.record("failed", actor=actor)


class CountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = stock_park(demand_park("a"))
        third = make_resource(cls.p.park, "capability", "喷涂加工", owner=cls.p.firm)
        a = introductions.introduce(seeker=cls.p.firm, resource=cls.p.parts, actor=cls.p.staff)
        b = introductions.introduce(seeker=cls.p.other_firm, resource=third, actor=cls.p.staff)
        introductions.introduce(seeker=cls.p.other_firm, resource=cls.p.testing, actor=cls.p.staff)
        for intro, amount in ((a, "100"), (b, "20.5")):
            introductions.record_outcome(intro, outcome="signed", amount=Decimal(amount),
                                         signed_on=datetime.date(2026, 1, 5), actor=cls.p.staff)

    def test_firms_matched_counts_each_firm_of_a_signed_order_once(self):
        counts = introductions.introduction_counts(introductions.visible_introductions(self.p.staff))
        assert counts == {"total": 3, "firms_matched": 2, "amount": Decimal("120.5")}

    def test_visibility_by_role(self):
        see = introductions.visible_introductions
        assert see(self.p.firm_user).count() == 2  # its own as seeker and as owner
        assert see(self.p.institution_user).count() == 1
        assert see(self.p.grid_worker).count() == 2 and see(self.p.other_grid_worker).count() == 3
        assert see(make_district_admin()).count() == 3
