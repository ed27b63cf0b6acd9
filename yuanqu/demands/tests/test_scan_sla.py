"""scan_sla: warns before, escalates after, never twice."""

import io

import time_machine
from django.core.management import call_command
from django.test import TestCase

from yuanqu.demands.models import DemandEvent
from yuanqu.notifications.models import Notification

from .helpers import demand_park, file_demand


class ScanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()
        with time_machine.travel("2026-11-23 09:00 +08:00", tick=False):
            cls.d = file_demand(cls.p)  # due 2026-12-07 09:00, warn 2026-12-03 15:00

    def scan(self, when):
        out = io.StringIO()
        with time_machine.travel(when, tick=False), self.captureOnCommitCallbacks(execute=True):
            call_command("scan_sla", stdout=out)
        self.d.refresh_from_db()
        return out.getvalue()

    def test_nothing_due_yet(self):
        self.scan("2026-12-01 09:00 +08:00")
        assert self.d.warned_at is None and self.d.escalated_at is None

    def test_warning_then_escalation_each_once(self):
        self.scan("2026-12-04 09:00 +08:00")
        assert self.d.warned_at is not None and self.d.escalated_at is None
        assert Notification.objects.filter(user=self.p.grid_worker, text__contains="12-07").exists() or \
            Notification.objects.filter(user=self.p.grid_worker).count() >= 2
        self.scan("2026-12-04 10:00 +08:00")
        assert DemandEvent.objects.filter(demand=self.d, action="warn").count() == 1
        self.scan("2026-12-08 09:00 +08:00")
        assert self.d.escalated_at is not None
        assert Notification.objects.filter(user=self.p.admin, subject_id=self.d.pk).exists()  # the head
        self.scan("2026-12-09 09:00 +08:00")
        assert DemandEvent.objects.filter(demand=self.d, action="escalate").count() == 1

    def test_resolved_demands_are_not_scanned(self):
        from yuanqu.demands import services

        with time_machine.travel("2026-11-24 09:00 +08:00", tick=False):
            services.transition(self.d, "accept", actor=self.p.grid_worker)
            services.transition(self.d, "resolve", actor=self.p.grid_worker, reply="已处理")
        self.scan("2026-12-20 09:00 +08:00")
        assert self.d.escalated_at is None
