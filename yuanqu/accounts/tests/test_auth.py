"""Login, throttling, logout, password change, API tokens and production settings."""

import os
import subprocess
import sys

from django.test import TestCase, override_settings

from yuanqu.accounts.models import ApiToken, Role, User, hash_token
from yuanqu.core.testing.personas import PASSWORD, make_park


class LoginTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")

    def login(self, password, username=None):
        return self.client.post("/accounts/login/", {"username": username or self.p.staff.username,
                                                     "password": password})

    def test_login_lands_every_role_on_the_workbench(self):
        for user in (self.p.staff, self.p.firm_user, self.p.institution_user):
            assert self.login(PASSWORD, user.username).status_code == 302
            assert "workbench/home.html" in [t.name for t in self.client.get("/").templates]
            self.client.logout()

    def test_pages_need_login(self):
        resp = self.client.get("/enterprises/")
        assert resp.status_code == 302 and resp.url.startswith("/accounts/login/")

    def test_login_page_is_chinese(self):
        body = self.client.get("/accounts/login/").content.decode()
        assert 'lang="zh-hans"' in body and "登录" in body

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_repeated_failures_lock_the_account_even_with_the_right_password(self):
        for _ in range(3):
            self.login("wrong")
        resp = self.login(PASSWORD)
        assert resp.status_code == 429
        assert b"locked-out" in resp.content
        assert "_auth_user_id" not in self.client.session

    def test_logout_is_post_only(self):
        self.client.force_login(self.p.staff)
        assert self.client.get("/accounts/logout/").status_code == 405
        assert self.client.post("/accounts/logout/").status_code == 302
        assert "_auth_user_id" not in self.client.session

    def test_password_change(self):
        self.client.force_login(self.p.staff)
        resp = self.client.post("/accounts/password/", {
            "old_password": PASSWORD, "new_password1": "Another-Strong-9",
            "new_password2": "Another-Strong-9"})
        assert resp.status_code == 302
        self.p.staff.refresh_from_db()
        assert self.p.staff.check_password("Another-Strong-9")

    def test_token_page_shows_the_key_once_and_stores_only_a_hash(self):
        self.client.force_login(self.p.staff)
        resp = self.client.post("/accounts/tokens/", {"name": "报表系统"})
        raw = resp.context["raw"]
        token = ApiToken.objects.get(user=self.p.staff)
        assert token.key_hash == hash_token(raw) and raw not in token.key_hash
        assert raw not in self.client.get("/accounts/tokens/").content.decode()
        self.client.post(f"/accounts/tokens/{token.pk}/revoke/")
        token.refresh_from_db()
        assert token.revoked_at is not None

    def test_cannot_revoke_someone_elses_token(self):
        token, _raw = ApiToken.issue(self.p.admin, "x")
        self.client.force_login(self.p.staff)
        assert self.client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404

    def test_back_office_is_for_district_administrators_only(self):
        self.client.force_login(self.p.admin)
        assert self.client.get("/admin/").status_code == 302


class UserRuleTests(TestCase):
    def test_role_needs_its_organisation_and_a_park(self):
        from django.core.exceptions import ValidationError

        p = make_park("a")
        user = User(username="x", role=Role.GRID_WORKER, park=p.park)
        with self.assertRaises(ValidationError) as info:
            user.full_clean()
        assert "grid" in info.exception.message_dict
        with self.assertRaises(ValidationError):
            User(username="y", role=Role.PARK_ADMIN).full_clean()


def test_production_refuses_the_default_secret_key():
    env = {**os.environ, "DEBUG": "false", "DJANGO_SETTINGS_MODULE": "yuanqu.settings"}
    env.pop("SECRET_KEY", None)
    code = "import django; django.setup()"
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert proc.returncode != 0 and "SECRET_KEY" in proc.stderr


def test_production_settings_are_hardened():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 50}
    code = ("from django.conf import settings as s; import django; django.setup();"
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
            " 'script-src' in s.CONTENT_SECURITY_POLICY['DIRECTIVES'])")
    env["DJANGO_SETTINGS_MODULE"] = "yuanqu.settings"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["True", "True", "True", "True"], out.stderr


def test_interface_is_chinese_even_for_an_english_browser(client):
    body = client.get("/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert "登录" in body
    client.cookies["django_language"] = "en"
    assert "Log in" in client.get("/accounts/login/").content.decode()


class TokenHelpTests(TestCase):
    def test_the_header_placeholder_is_shown_not_eaten_as_html(self):
        self.client.force_login(make_park("t").staff)
        html = self.client.get("/accounts/tokens/").content.decode()
        assert "Authorization: Bearer &lt;令牌&gt;" in html
        assert "Bearer 。" not in html and "<token>" not in html
