"""notify: any record as subject, after commit only, mail from a task; marking read."""

from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.http import Http404
from django.test import TestCase, override_settings
from django_tasks import default_task_backend

from yuanqu.core.models import AuditEvent
from yuanqu.notifications import services
from yuanqu.notifications.models import Notification

from .helpers import mail_park

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class NotifyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = mail_park()

    def notify(self, users, text="企业信息已更新"):
        with self.captureOnCommitCallbacks(execute=True):
            services.notify(users, self.p.firm, text)

    def test_any_model_is_a_subject_with_its_title_and_link_kept(self):
        self.notify([self.p.grid_worker])
        n = Notification.objects.get()
        assert n.subject == self.p.firm and n.user == self.p.grid_worker and n.read_at is None
        assert n.subject_title == self.p.firm.name and n.url == self.p.firm.get_absolute_url()

    def test_recipients_are_deduplicated_and_inactive_or_missing_ones_skipped(self):
        self.p.staff.is_active = False
        self.notify([self.p.grid_worker, None, self.p.grid_worker, self.p.staff, self.p.admin])
        assert sorted(Notification.objects.values_list("user__username", flat=True)) == \
            sorted([self.p.grid_worker.username, self.p.admin.username])

    def test_nothing_is_written_or_mailed_before_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            services.notify([self.p.grid_worker], self.p.firm, "企业信息已更新")
        assert callbacks and not Notification.objects.exists() and not mail.outbox
        callbacks[0]()
        assert Notification.objects.count() == 1 and len(mail.outbox) == 1

    def test_mail_goes_to_users_with_an_address(self):
        self.notify([self.p.grid_worker, self.p.staff, self.p.admin], "请核实企业信息")
        assert sorted(m.to[0] for m in mail.outbox) == ["n-admin@example.com", "n-grid@example.com"]
        assert mail.outbox[0].subject == f"[{self.p.firm.name}] 请核实企业信息"
        assert self.p.firm.name in mail.outbox[0].body

    @override_settings(TASKS=DUMMY)
    def test_mail_is_sent_by_the_task_enqueued_after_commit(self):
        self.notify([self.p.grid_worker])
        assert Notification.objects.count() == 1 and not mail.outbox  # queued, not sent in the request
        (queued,) = default_task_backend.results
        assert queued.task.module_path == "yuanqu.notifications.tasks.send_notification_mail"
        assert queued.task.call(*queued.args, **queued.kwargs) == 1
        assert mail.outbox[0].to == ["n-grid@example.com"]

    @override_settings(TASKS=DATABASE)
    def test_database_backend_leaves_the_mail_to_the_worker(self):
        self.notify([self.p.grid_worker])
        assert not mail.outbox
        # The worker closes connections between tasks; inside a TestCase (one transaction) that
        # would close the test's own connection on PostgreSQL, so keep it open here.
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        assert len(mail.outbox) == 1

    def test_a_failing_mail_keeps_the_in_app_notification(self):
        with mock.patch("yuanqu.notifications.tasks.send_mass_mail", side_effect=SMTPException("down")), \
                self.assertLogs("django_tasks", "ERROR"):
            self.notify([self.p.grid_worker])
        assert Notification.objects.filter(user=self.p.grid_worker, subject_id=self.p.firm.pk).exists()


class MarkReadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = mail_park()
        cls.mine = [Notification.objects.create(user=cls.p.grid_worker, text=f"消息{i}") for i in range(3)]
        cls.theirs = Notification.objects.create(user=cls.p.admin, text="别人的消息")

    def test_mark_read_once_with_an_audit_row(self):
        services.mark_read(self.mine[0], actor=self.p.grid_worker)
        services.mark_read(self.mine[0], actor=self.p.grid_worker)
        self.mine[0].refresh_from_db()
        assert self.mine[0].read_at is not None
        assert AuditEvent.objects.filter(object_id=str(self.mine[0].pk), action="update").count() == 1

    def test_another_users_notification_is_not_found(self):
        with pytest.raises(Http404):
            services.mark_read(self.theirs, actor=self.p.grid_worker)
        self.theirs.refresh_from_db()
        assert self.theirs.read_at is None

    def test_mark_all_read_touches_only_own_unread(self):
        services.mark_read(self.mine[0], actor=self.p.grid_worker)
        assert services.mark_all_read(self.p.grid_worker) == 2
        assert not Notification.objects.filter(user=self.p.grid_worker, read_at=None).exists()
        assert Notification.objects.get(pk=self.theirs.pk).read_at is None
        assert services.mark_all_read(self.p.grid_worker) == 0
