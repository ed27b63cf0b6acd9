"""Each user reads only their own notifications; the count is one query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory, TestCase

from yuanqu.notifications import queries
from yuanqu.notifications.context_processors import unread_notifications
from yuanqu.notifications.models import Notification

from .helpers import mail_park


class QueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = mail_park()
        cls.mine = [Notification.objects.create(user=cls.p.grid_worker, text=f"消息{i}") for i in range(3)]
        cls.theirs = Notification.objects.create(user=cls.p.admin, text="别人的消息")
        Notification.objects.filter(pk=cls.mine[0].pk).update(read_at=cls.mine[0].created_at)

    def test_list_and_count_are_the_users_own(self):
        assert list(queries.list_for_user(self.p.grid_worker)) == self.mine[::-1]
        assert queries.unread_count(self.p.grid_worker) == 2 and queries.unread_count(self.p.staff) == 0

    def test_another_users_notification_reads_as_missing(self):
        assert queries.get_notification_for_user(self.p.grid_worker, self.mine[1].pk) == self.mine[1]
        for pk in (self.theirs.pk, 999999):
            with pytest.raises(Http404):
                queries.get_notification_for_user(self.p.grid_worker, pk)

    def test_nav_count_is_one_query_and_none_for_anonymous(self):
        request = RequestFactory().get("/")
        request.user = self.p.grid_worker
        with self.assertNumQueries(1):
            count = unread_notifications(request)["unread_notifications"]
            assert count and f"{count}" == "2"
        request.user = AnonymousUser()
        with self.assertNumQueries(0):
            assert not unread_notifications(request)["unread_notifications"]
