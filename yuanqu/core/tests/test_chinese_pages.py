"""No English left on Chinese pages: admin names, API docs, tab titles, empty choices, messages."""

import re

from django import forms
from django.test import TestCase
from django.utils import translation

from yuanqu.core.testing.personas import make_district_admin
from yuanqu.demands.tests.helpers import demand_park, file_demand

SITE_TITLE = "园区管理平台"


class ChinesePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()
        cls.district = make_district_admin()
        cls.district.is_staff = cls.district.is_superuser = True
        cls.district.save()

    def html(self, user, url):
        self.client.force_login(user)
        resp = self.client.get(url)
        assert resp.status_code == 200, url
        return resp.content.decode()

    def test_the_axes_admin_entries_are_chinese(self):
        html = self.html(self.district, "/admin/")
        assert "登录防护" in html and "登录尝试" in html and "登录日志" in html
        assert "Access attempts" not in html and "Axes" not in html

    def test_the_api_docs_are_titled_in_chinese(self):
        self.client.force_login(self.p.staff)
        assert self.client.get("/api/v1/openapi.json").json()["info"]["title"] == "园区管理平台 API"

    def test_each_page_has_its_own_tab_title(self):
        firm = self.p.firm.pk
        pages = {self.p.staff: ["/accounts/tokens/", "/accounts/password/", "/enterprises/new/",
                                "/enterprises/import/", f"/enterprises/{firm}/edit/",
                                f"/enterprises/{firm}/indicators/"]}
        for user, urls in pages.items():
            for url in urls:
                title = re.search(r"<title>(.*?)</title>", self.html(user, url), re.S).group(1).strip()
                assert title and title != SITE_TITLE, url

    def test_no_dashes_as_the_empty_choice_of_a_drop_down(self):
        d = file_demand(self.p, confidence=0.3)
        for url in ["/enterprises/", "/enterprises/new/", "/demands/new/", f"/demands/{d.pk}/",
                    f"/enterprises/{self.p.firm.pk}/edit/"]:
            html = self.html(self.p.staff, url)
            assert "---------" not in html, url
        assert "请选择…" in self.html(self.p.staff, "/demands/new/")


def test_decimal_messages_are_chinese_sentences():
    field = forms.DecimalField(max_digits=16, decimal_places=2)
    with translation.override("zh-hans"):
        for value, words in [("1" * 17, "总共不能超过 16 位数字。"), ("1.234", "小数点后不能超过 2 位。"),
                             ("1" * 15 + ".1", "小数点前不能超过 14 位数字。")]:
            try:
                field.clean(value)
            except forms.ValidationError as exc:
                assert exc.messages == [words]
            else:
                raise AssertionError(value)
