"""In the park back office (/manage/), park administrators edit their own park's taxonomy only."""

from django.test import TestCase

from yuanqu.demands.models import Category

from .helpers import demand_park


class ParkBackOfficeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = demand_park("a")
        cls.b = demand_park("b", offset=10)

    def test_lists_and_edits_only_own_park(self):
        self.client.force_login(self.a.admin)
        listed = self.client.get("/manage/demands/category/").context["cl"].queryset
        assert set(listed.values_list("park_id", flat=True)) == {self.a.park.pk}
        other = Category.objects.get(park=self.b.park, code="policy")
        assert self.client.get(f"/manage/demands/category/{other.pk}/change/").status_code == 302

    def test_change_time_limit(self):
        self.client.force_login(self.a.admin)
        cat = Category.objects.get(park=self.a.park, code="safety")
        form = self.client.get(f"/manage/demands/category/{cat.pk}/change/").context["adminform"].form
        assert set(form.fields["department"].queryset.values_list("park_id", flat=True)) == {self.a.park.pk}
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update({"days_normal": 3, "active": "on", "subtypes-TOTAL_FORMS": 0,
                     "subtypes-INITIAL_FORMS": 0})
        resp = self.client.post(f"/manage/demands/category/{cat.pk}/change/", data)
        assert resp.status_code == 302
        cat.refresh_from_db()
        assert cat.days_normal == 3 and cat.park == self.a.park

    def test_back_office_edits_are_audited_inline_rows_too(self):
        from yuanqu.core.audit import history_for

        self.client.force_login(self.a.admin)
        cat = Category.objects.get(park=self.a.park, code="safety")
        form = self.client.get(f"/manage/demands/category/{cat.pk}/change/").context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update({"days_normal": 4, "active": "on", "subtypes-TOTAL_FORMS": 1,
                     "subtypes-INITIAL_FORMS": 0, "subtypes-0-name": "危化品仓储", "subtypes-0-active": "on"})
        assert self.client.post(f"/manage/demands/category/{cat.pk}/change/", data).status_code == 302
        events = list(history_for(cat))
        assert {e.actor_id for e in events} == {self.a.admin.pk}
        assert any(e.changes.get("days_normal", [None, None])[1] == 4 for e in events)
        assert any(e.entity == "危化品仓储" and e.changes["name"] == [None, "危化品仓储"] for e in events)

    def test_an_edited_inline_row_is_audited_with_its_change(self):
        from yuanqu.core.audit import history_for
        from yuanqu.demands.models import SubType

        self.client.force_login(self.a.admin)
        cat = Category.objects.get(park=self.a.park, code="safety")
        sub = SubType.objects.create(category=cat, name="消防隐患")
        form = self.client.get(f"/manage/demands/category/{cat.pk}/change/").context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update({"active": "on", "subtypes-TOTAL_FORMS": 1, "subtypes-INITIAL_FORMS": 1,
                     "subtypes-0-id": sub.pk, "subtypes-0-category": cat.pk,
                     "subtypes-0-name": "消防设施隐患", "subtypes-0-active": "on"})
        assert self.client.post(f"/manage/demands/category/{cat.pk}/change/", data).status_code == 302
        assert any(e.changes.get("name") == ["消防隐患", "消防设施隐患"] for e in history_for(cat))
