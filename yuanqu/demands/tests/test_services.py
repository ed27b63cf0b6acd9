"""Intake, routing, every transition with its timestamps, deadlines, permissions and notifications."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from yuanqu.core.exceptions import Conflict
from yuanqu.demands import services
from yuanqu.demands.models import Category
from yuanqu.demands.workflow import Action, Status
from yuanqu.notifications.models import Notification

from .helpers import demand_park, file_demand

MONDAY = "2026-11-23 09:00 +08:00"


@time_machine.travel(MONDAY, tick=False)
class IntakeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def test_submission_is_numbered_classified_routed_and_timed(self):
        d = file_demand(self.p)
        assert d.number == "SQ2026-000001" and file_demand(self.p).number == "SQ2026-000002"
        assert d.category.code == "infrastructure" and d.subtype.name == "水电气暖"
        assert d.department == self.p.department and d.handler == self.p.grid_worker
        assert not d.category_confirmed and not d.needs_triage
        # 10 working days from Monday 09:00 → the Monday two weeks later.
        assert timezone.localtime(d.deadline_at).date().isoformat() == "2026-12-07"
        assert [e.action for e in d.events.all()] == ["submit", "route"]

    def test_low_confidence_goes_to_triage_unrouted(self):
        d = file_demand(self.p, confidence=0.41)
        assert d.needs_triage and d.department is None
        services.confirm_category(d, category=Category.objects.get(park=self.p.park, code="safety"),
                                  actor=self.p.staff)
        d.refresh_from_db()
        assert d.category_confirmed and not d.needs_triage and d.department == self.p.safety

    def test_unknown_category_goes_to_the_park_office_after_triage(self):
        d = file_demand(self.p, category="no-such-code", confidence=0.99)
        assert d.needs_triage and d.category is None

    def test_emergency_is_due_in_hours(self):
        d = file_demand(self.p, category="safety", subtype="危化品管理", urgency="emergency")
        assert d.deadline_at - d.created_at == timedelta(hours=2)

    def test_firm_cannot_file_for_another_firm(self):
        with pytest.raises(PermissionDenied):
            file_demand(self.p, enterprise=self.p.other_firm)

    def test_bad_text_is_refused_and_nothing_saved(self):
        for text in ("", "x" * 10001, "<script>alert(1)</script>好多问题"):
            with self.subTest(len(text)), pytest.raises(ValidationError) as info:
                services.submit(enterprise=self.p.firm, actor=self.p.firm_user, channel="portal",
                                data={"title": "标题", "text": text})
            assert "text" in info.value.message_dict
        assert not self.p.firm.demands.exists()

    def test_length_errors_say_what_to_do_in_chinese(self):
        too_long = "描述请控制在 5000 字以内（现有 5001 字），其余内容可作为附件上传。"
        for text, expected in (("太短了", "请至少用 5 个字描述问题（现有 3 个）。"),
                               ("长" * 5001, too_long)):
            with self.subTest(len(text)), pytest.raises(ValidationError) as info:
                services.submit(enterprise=self.p.firm, actor=self.p.firm_user, channel="portal",
                                data={"title": "标题", "text": text})
            assert info.value.message_dict["text"] == [expected]

    def test_forbidden_attachment_refuses_the_whole_submission(self):
        exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
        with pytest.raises(ValidationError):
            services.submit(enterprise=self.p.firm, actor=self.p.firm_user, channel="portal",
                            data={"title": "附件", "text": "请看附件中的说明材料"}, attachments=[exe])
        assert not self.p.firm.demands.exists()

    def test_notifications_are_sent_only_after_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            file_demand(self.p)
        assert not Notification.objects.exists() and callbacks
        for callback in callbacks:
            callback()
        assert Notification.objects.filter(user=self.p.grid_worker).exists()


@time_machine.travel(MONDAY, tick=False)
class TransitionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def setUp(self):
        self.d = file_demand(self.p)

    def act(self, action, actor=None, **kw):
        return services.transition(self.d, action, actor=actor or self.p.grid_worker, **kw)

    def test_full_cycle_sets_each_timestamp_and_a_timeline_row(self):
        self.act(Action.ACCEPT)
        assert self.d.accepted_at is not None
        self.act(Action.START)
        self.act(Action.RESOLVE, reply="已协调供电公司恢复供电")
        assert self.d.status == Status.RESOLVED and self.d.resolved_at and self.d.reply
        services.rate(self.d, "satisfied", actor=self.p.firm_user, comment="很快")
        self.act(Action.CLOSE, actor=self.p.staff)
        self.d.refresh_from_db()
        assert (self.d.status, self.d.rating) == (Status.CLOSED, "satisfied") and self.d.closed_at
        actions = [e.action for e in self.d.events.all()]
        assert actions == ["submit", "route", "accept", "start", "resolve", "rate", "close"]

    def test_action_not_allowed_in_state_is_a_conflict_with_reason(self):
        with pytest.raises(Conflict) as info:
            self.act(Action.RESOLVE, reply="x")  # still pending? resolve needs acceptance first
        assert "待受理" in info.value.message or "Awaiting" in info.value.message

    def test_stale_status_loses_the_race(self):
        stale = type(self.d).objects.get(pk=self.d.pk)
        self.act(Action.ACCEPT)
        with pytest.raises(Conflict):
            services.transition(stale, Action.ACCEPT, actor=self.p.grid_worker)

    def test_roles(self):
        with pytest.raises(PermissionDenied):
            self.act(Action.ACCEPT, actor=self.p.firm_user)
        with pytest.raises(PermissionDenied):
            self.act(Action.ACCEPT, actor=self.p.institution_user)
        with pytest.raises(PermissionDenied):
            self.act(Action.TRANSFER, actor=self.p.grid_worker, department=self.p.safety, note="x")
        self.act(Action.ACCEPT, actor=self.p.staff)

    def test_unsatisfied_rating_reopens_with_a_new_deadline(self):
        self.act(Action.ACCEPT)
        self.act(Action.RESOLVE, reply="已处理")
        with time_machine.travel("2026-12-10 10:00 +08:00", tick=False):
            services.rate(self.d, "unsatisfied", actor=self.p.firm_user, comment="还是停电")
        self.d.refresh_from_db()
        assert self.d.status == Status.IN_PROGRESS and self.d.reopen_count == 1
        assert self.d.rating == "unsatisfied" and self.d.resolved_at is None
        assert timezone.localtime(self.d.deadline_at).date().isoformat() == "2026-12-24"

    def test_suspension_stops_the_clock(self):
        self.act(Action.ACCEPT)
        self.act(Action.START)
        due = self.d.deadline_at
        with pytest.raises(ValidationError):
            self.act(Action.SUSPEND)
        self.act(Action.SUSPEND, note="等待供电公司排期")
        with time_machine.travel("2026-11-26 09:00 +08:00", tick=False):
            self.act(Action.RESUME)
        assert self.d.deadline_at == due + timedelta(days=3)

    def test_transfer_needs_a_reason_and_goes_back_to_acceptance(self):
        self.act(Action.ACCEPT)
        with pytest.raises(ValidationError):
            self.act(Action.TRANSFER, actor=self.p.staff, department=self.p.safety)
        self.act(Action.TRANSFER, actor=self.p.staff, department=self.p.safety, note="属于安全隐患")
        assert (self.d.status, self.d.department) == (Status.PENDING, self.p.safety)

    def test_return_within_two_working_days_only(self):
        self.act(Action.ACCEPT)
        with time_machine.travel("2026-11-26 09:00 +08:00", tick=False), pytest.raises(Conflict):
            self.act(Action.RETURN, note="不归我们管")
        self.act(Action.RETURN, note="不归我们管")
        assert self.d.needs_triage and self.d.department is None

    def test_merge_closes_the_duplicate_and_notes_the_original(self):
        original = file_demand(self.p)
        services.transition(self.d, Action.MERGE, actor=self.p.staff, into=original)
        assert self.d.status == Status.CLOSED and self.d.merged_into == original
        assert original.events.filter(action="merged").exists()
        with pytest.raises(ValidationError):
            services.transition(original, Action.MERGE, actor=self.p.staff, into=original)
