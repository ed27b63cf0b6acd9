"""The notifications page, the nav badge, marking read over plain posts and htmx."""

from django.test import Client, TestCase

from yuanqu.notifications import services
from yuanqu.notifications.models import Notification

from .helpers import mail_park

BADGE = 'data-testid="unread-count"'


class NotificationPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = mail_park()
        cls.firm_url = cls.p.firm.get_absolute_url()
        cls.mine = [Notification.objects.create(
            user=cls.p.grid_worker, subject=cls.p.firm, subject_title=cls.p.firm.name,
            url=cls.firm_url, text=f"请核实企业信息{i}") for i in range(2)]
        cls.theirs = Notification.objects.create(user=cls.p.admin, text="别人的消息")

    def setUp(self):
        self.client.force_login(self.p.grid_worker)

    def test_list_shows_title_link_text_and_unread(self):
        page = self.client.get("/notifications/").content.decode()
        assert f'<a href="{self.firm_url}">{self.p.firm.name}</a>' in page
        assert "请核实企业信息1" in page and "别人的消息" not in page
        assert page.count("list-group-item-primary") == 2 and "全部标为已读" in page and "标为已读" in page

    def test_nav_badge_shows_the_unread_count_and_hides_at_zero(self):
        page = self.client.get("/enterprises/").content.decode()
        assert BADGE in page and ">2<span" in page
        self.client.force_login(self.p.staff)
        page = self.client.get("/enterprises/").content.decode()
        assert 'data-testid="notifications"' in page and BADGE not in page

    def test_mark_read_redirects_back(self):
        resp = self.client.post(f"/notifications/{self.mine[0].pk}/read/")
        assert resp.status_code == 302 and resp["Location"] == "/notifications/"
        self.mine[0].refresh_from_db()
        assert self.mine[0].read_at is not None
        assert ">1<span" in self.client.get("/notifications/").content.decode()

    def test_another_users_notification_is_404_and_get_is_refused(self):
        assert self.client.post(f"/notifications/{self.theirs.pk}/read/").status_code == 404
        assert self.client.get(f"/notifications/{self.mine[0].pk}/read/").status_code == 405
        self.theirs.refresh_from_db()
        assert self.theirs.read_at is None

    def test_mark_all_read_over_htmx_swaps_the_list_and_the_badge(self):
        resp = self.client.post("/notifications/read-all/", headers={"HX-Request": "true"})
        page = resp.content.decode()
        assert resp.status_code == 200 and "<html" not in page and 'id="notification-list"' in page
        assert 'hx-swap-oob="true"' in page and BADGE not in page and "list-group-item-primary" not in page
        assert not Notification.objects.filter(user=self.p.grid_worker, read_at=None).exists()

    def test_posts_need_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.p.grid_worker)
        assert client.post("/notifications/read-all/").status_code == 403

    def test_anonymous_is_sent_to_login(self):
        self.client.logout()
        assert "/accounts/login/" in self.client.get("/notifications/")["Location"]

    def test_old_demands_url_redirects(self):
        resp = self.client.get("/demands/notifications/")
        assert resp.status_code == 301 and resp["Location"] == "/notifications/"

    def test_query_count_does_not_grow_with_rows(self):
        self.client.get("/notifications/")  # warm caches (content types, session)
        with self.assertNumQueries(5):  # session, user, unread count, park (nav), notifications
            self.client.get("/notifications/")
        with self.captureOnCommitCallbacks(execute=True):
            services.notify([self.p.grid_worker], self.p.other_firm, "又一条")
        with self.assertNumQueries(5):
            self.client.get("/notifications/")
