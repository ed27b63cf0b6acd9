"""Error pages speak Chinese in the site's layout, offer a way home, and 500 needs no database."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import loader
from django.test import Client, TestCase, override_settings

from yuanqu.core.testing.personas import make_district_admin, make_park


class ErrorPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.district = make_district_admin()

    def assert_page(self, resp, status, heading):
        html = resp.content.decode()
        assert resp.status_code == status
        assert heading in html and 'data-testid="home-link"' in html and "返回首页" in html
        assert 'class="navbar' in html  # the site's layout, not Django's bare page

    def test_404_in_chinese_with_the_layout(self):
        self.client.force_login(self.p.staff)
        self.assert_page(self.client.get("/no-such-page/"), 404, "页面不存在")

    def test_403_in_chinese(self):
        self.client.force_login(self.p.institution_user)
        self.assert_page(self.client.get("/enterprises/import/"), 403, "您无权打开此页面")

    @override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2)
    def test_400_in_chinese(self):
        resp = self.client.post("/accounts/login/", {"a": 1, "b": 2, "c": 3, "d": 4})
        self.assert_page(resp, 400, "无法识别的请求")

    @override_settings(MAX_REQUEST_BYTES=2 * 1024 * 1024)
    def test_too_large_upload_answers_413(self):
        self.client.force_login(self.p.staff)
        big = SimpleUploadedFile("big.xlsx", b"x" * (3 * 1024 * 1024))
        resp = self.client.post("/enterprises/import/", {"file": big})
        self.assert_page(resp, 413, "上传的内容过大")
        assert "2 MB" in resp.content.decode()

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
    def test_too_large_form_body_answers_413(self):
        resp = self.client.post("/accounts/login/", {"username": "x" * 4096})
        assert resp.status_code == 413

    @override_settings(ROOT_URLCONF="yuanqu.core.tests.boom_urls")
    def test_500_in_chinese(self):
        resp = Client(raise_request_exception=False).get("/boom/")
        self.assert_page(resp, 500, "服务器出错了")

    def test_500_renders_without_request_or_database(self):
        with self.assertNumQueries(0):
            html = loader.get_template("500.html").render()
        assert "服务器出错了" in html and "返回首页" in html


class ActionsOfferedOnlyWhereTheyWorkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.district = make_district_admin()

    def test_district_is_not_offered_import_or_filing(self):
        self.client.force_login(self.district)
        assert "从 Excel 导入" not in self.client.get("/enterprises/").content.decode()
        assert self.client.get("/enterprises/import/").status_code == 403
        demands = self.client.get("/demands/").content.decode()
        assert "/demands/new/" not in demands

    def test_park_staff_still_are(self):
        self.client.force_login(self.p.staff)
        assert "从 Excel 导入" in self.client.get("/enterprises/").content.decode()
        assert "/demands/new/" in self.client.get("/demands/").content.decode()
