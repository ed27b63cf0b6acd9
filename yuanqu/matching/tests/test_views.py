"""Resource pages and the thesaurus page: access, forms, errors at the field."""

from django.test import TestCase

from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.matching.models import Kind, Resource, SynonymLine
from yuanqu.matching.thesaurus import current_thesaurus

from .helpers import add


class ResourcePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.policy = add(cls.a.park, Kind.POLICY, "研发费用加计扣除")
        cls.need = add(cls.a.park, Kind.NEED, "招聘叉车司机", owner=cls.a.other_firm)

    def page(self, user, url, data=None):
        self.client.force_login(user)
        return self.client.post(url, data) if data is not None else self.client.get(url)

    def test_list_filters_by_kind_and_title_and_hides_other_firms_needs(self):
        html = self.page(self.a.staff, "/matching/resources/?kind=need").content.decode()
        assert "招聘叉车司机" in html and "研发费用加计扣除" not in html
        html = self.page(self.a.firm_user, "/matching/resources/").content.decode()
        assert "研发费用加计扣除" in html and "招聘叉车司机" not in html
        html = self.page(self.a.staff, "/matching/resources/?q=加计").content.decode()
        assert "研发费用加计扣除" in html and "招聘叉车司机" not in html

    def test_detail_404_across_parks_and_for_other_firms_needs(self):
        assert self.page(self.b.staff, f"/matching/resources/{self.policy.pk}/").status_code == 404
        assert self.page(self.a.firm_user, f"/matching/resources/{self.need.pk}/").status_code == 404
        assert self.page(self.a.firm_user, f"/matching/resources/{self.policy.pk}/").status_code == 200

    def test_institution_creates_a_service_and_sees_it_under_my_services(self):
        resp = self.page(self.a.institution_user, "/matching/resources/new/",
                         {"title": "CMA/CNAS检测", "description": "盐雾、高低温试验", "tags": "检测、认证"})
        r = Resource.objects.get(title="CMA/CNAS检测")
        assert resp.status_code == 302 and r.kind == Kind.SERVICE and r.tags == ["检测", "认证"]
        html = self.page(self.a.institution_user, "/matching/resources/?mine=1").content.decode()
        assert "CMA/CNAS检测" in html and "研发费用加计扣除" not in html

    def test_model_errors_show_at_the_field(self):
        resp = self.page(self.a.staff, "/matching/resources/new/",
                         {"kind": "policy", "title": "<b>x</b>", "industry": "99"})
        assert resp.status_code == 200
        html = resp.content.decode()
        assert 'data-field-error="title"' in html and 'data-field-error="industry"' in html
        assert not Resource.objects.filter(kind=Kind.POLICY).exclude(pk=self.policy.pk).exists()

    def test_edit_retire_restore_and_who_may(self):
        url = f"/matching/resources/{self.policy.pk}/"
        assert self.page(self.a.firm_user, url + "edit/").status_code == 403
        assert self.page(self.a.institution_user, url + "retire/", {}).status_code == 403
        self.page(self.a.staff, url + "edit/", {"kind": "policy", "title": "加计扣除新政"})
        self.page(self.a.staff, url + "retire/", {})
        assert Resource.objects.get(pk=self.policy.pk).is_active is False
        self.page(self.a.staff, url + "retire/", {"restore": "1"})
        self.policy.refresh_from_db()
        assert (self.policy.title, self.policy.is_active) == ("加计扣除新政", True)

    def test_firm_user_cannot_open_the_create_page(self):
        assert self.page(self.a.firm_user, "/matching/resources/new/").status_code == 403


class ThesaurusPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()

    def page(self, user, url="/matching/thesaurus/", data=None):
        self.client.force_login(user)
        return self.client.post(url, data) if data is not None else self.client.get(url)

    def test_shows_bundled_lines_and_adds_a_line_used_at_once(self):
        html = self.page(self.a.admin).content.decode()
        assert "货车 卡车 货运车" in html
        resp = self.page(self.a.admin, data={"line": "雪糕机，冰淇淋机"})
        assert resp.status_code == 302
        line = SynonymLine.objects.get()
        assert line.park == self.a.park and "雪糕机，冰淇淋机" in self.page(self.a.admin).content.decode()
        assert "冰淇淋机" in current_thesaurus(self.a.park.pk).synonyms("雪糕机")
        assert current_thesaurus(self.b.park.pk).synonyms("雪糕机") == []

    def test_live_queries_expand_with_both_bundled_files(self):
        """thesaurus.txt and problems.txt alike: the figures measured with them are what parks get."""
        live = current_thesaurus(self.a.park.pk)
        assert "卡车" in live.synonyms("货车")                  # thesaurus.txt
        assert "探伤" in live.synonyms("砂眼")                  # problems.txt

    def test_a_bad_line_shows_the_reason_at_the_field(self):
        resp = self.page(self.a.admin, data={"line": "叉车"})
        assert resp.status_code == 200 and 'data-field-error="line"' in resp.content.decode()
        assert not SynonymLine.objects.exists()

    def test_delete_and_scope(self):
        own = SynonymLine.objects.create(park=self.a.park, line="叉车 铲车")
        other = SynonymLine.objects.create(park=self.b.park, line="吊车 起重机")
        shared = SynonymLine.objects.create(park=None, line="光伏 太阳能")
        assert self.page(self.a.admin, f"/matching/thesaurus/{other.pk}/delete/", {}).status_code == 404
        assert self.page(self.a.admin, f"/matching/thesaurus/{shared.pk}/delete/", {}).status_code == 403
        assert self.page(self.a.admin, f"/matching/thesaurus/{own.pk}/delete/", {}).status_code == 302
        assert self.page(self.district, f"/matching/thesaurus/{other.pk}/delete/", {}).status_code == 302
        assert list(SynonymLine.objects.all()) == [shared]

    def test_non_admins_are_refused(self):
        for user in (self.a.staff, self.a.firm_user, self.a.institution_user, self.a.grid_worker):
            assert self.page(user).status_code == 403
            assert self.page(user, data={"line": "叉车 铲车"}).status_code == 403
        assert not SynonymLine.objects.exists()
