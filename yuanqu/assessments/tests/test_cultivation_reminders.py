"""remind_cultivation: each overdue measure of a plan in progress is told to its officer once; a new
deadline earns a new reminder; done measures and ended plans are left alone."""

import io
from datetime import date

import time_machine
from django.core.management import call_command
from django.test import TestCase

from yuanqu.assessments import cultivation
from yuanqu.assessments.reminders import remind_overdue
from yuanqu.core.testing.personas import make_park
from yuanqu.notifications.models import Notification


class ReminderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
            plan = cultivation.create_plan
            cls.plan = plan(enterprise=cls.a.firm, tier="gazelle", officer=cls.a.grid_worker,
                            target_year=2027, actor=cls.a.staff)
            cls.closed = plan(enterprise=cls.a.other_firm, tier="gazelle", officer=cls.a.grid_worker,
                              target_year=2027, actor=cls.a.staff)
            add = cultivation.add_action
            cls.late = add(cls.plan, title="信用评级", due_on=date(2026, 6, 10), actor=cls.a.staff)
            cls.done = add(cls.plan, title="审计报告", due_on=date(2026, 6, 5), actor=cls.a.staff)
            cls.later = add(cls.plan, title="申报材料", due_on=date(2026, 9, 30), actor=cls.a.staff)
            add(cls.closed, title="走访", due_on=date(2026, 6, 2), actor=cls.a.staff)
            cultivation.update_action(cls.done, {"status": "done"}, actor=cls.a.staff)
            cultivation.close_plan(cls.closed, reason="企业迁出", actor=cls.a.staff)

    def told(self):
        return list(Notification.objects.filter(user=self.a.grid_worker, text__contains="已逾期")
                    .values_list("text", flat=True))

    def scan(self, when):
        with time_machine.travel(when, tick=False), self.captureOnCommitCallbacks(execute=True):
            return remind_overdue()

    def test_once_per_overdue_measure_and_again_after_a_new_deadline(self):
        assert self.scan("2026-06-10 09:00 +08:00") == 0  # due today is not overdue yet
        assert self.scan("2026-06-11 09:00 +08:00") == 1
        assert self.told() == ["培育计划“青岛测试企业1有限公司 · 瞪羚企业”中的措施“信用评级”已逾期"
                               "（办理时限 2026-06-10）。"]
        assert self.scan("2026-06-12 09:00 +08:00") == 0
        with time_machine.travel("2026-06-12 09:00 +08:00", tick=False):
            cultivation.update_action(self.late, {"due_on": date(2026, 6, 20)}, actor=self.a.staff)
        assert self.scan("2026-06-15 09:00 +08:00") == 0 and self.scan("2026-06-21 09:00 +08:00") == 1
        assert len(self.told()) == 2

    def test_the_command_says_how_many(self):
        out = io.StringIO()
        with time_machine.travel("2026-10-01 09:00 +08:00", tick=False):
            call_command("remind_cultivation", stdout=out)
        assert out.getvalue().strip() == "已提醒 2 项逾期措施。"
