"""Demand pages per role."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from yuanqu.demands import queries
from yuanqu.demands.models import Demand
from yuanqu.demands.workflow import Status

from .helpers import demand_park, file_demand
from .stubs import fixed_classifier


class PageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def test_firm_submits_with_an_attachment_and_sees_its_demand(self):
        self.client.force_login(self.p.firm_user)
        form = self.client.get("/demands/new/").context["form"]
        assert "category" not in form.fields
        pdf = SimpleUploadedFile("说明.pdf", b"%PDF-1.4 test")
        with fixed_classifier():
            resp = self.client.post("/demands/new/", {"title": "停电", "text": "厂区停电两个小时了",
                                                      "urgency": "normal", "attachments": [pdf]})
        d = Demand.objects.get()
        assert resp.url == f"/demands/{d.pk}/" and d.channel == "portal" and d.attachments.count() == 1
        page = self.client.get(resp.url)
        assert "SQ2026" in page.content.decode() and page.context["rating_form"] is None
        assert self.client.get(f"/demands/{d.pk}/attachments/{d.attachments.get().pk}/").status_code == 200

    def test_bad_attachment_keeps_the_form_and_saves_nothing(self):
        self.client.force_login(self.p.firm_user)
        exe = SimpleUploadedFile("tool.exe", b"MZ")
        with fixed_classifier():
            resp = self.client.post("/demands/new/", {"title": "停电", "text": "厂区停电两个小时了",
                                                      "urgency": "normal", "attachments": [exe]})
        assert resp.status_code == 200 and "tool.exe" in resp.content.decode()
        assert not Demand.objects.exists()

    def test_staff_files_on_behalf_of_a_firm(self):
        self.client.force_login(self.p.staff)
        with fixed_classifier():
            self.client.post("/demands/new/", {"enterprise": self.p.other_firm.pk, "title": "招工难",
                                               "text": "缺少挡车工二十名", "urgency": "normal"})
        assert Demand.objects.get().channel == "staff"

    def test_other_firm_gets_404_everywhere(self):
        d = file_demand(self.p)
        other = demand_park("b", offset=20)
        self.client.force_login(other.firm_user)
        assert self.client.get(f"/demands/{d.pk}/").status_code == 404
        assert self.client.post(f"/demands/{d.pk}/rate/", {"rating": "satisfied"}).status_code == 404

    def test_handler_page_shows_actions_and_conflict_message(self):
        d = file_demand(self.p)
        self.client.force_login(self.p.grid_worker)
        page = self.client.get(f"/demands/{d.pk}/")
        assert [a for a, _l, _n in page.context["actions"]] == ["accept"]
        resp = self.client.post(f"/demands/{d.pk}/action/resolve/", {"reply": "x"}, follow=True)
        assert "待受理" in resp.content.decode()
        self.client.post(f"/demands/{d.pk}/action/accept/")
        d.refresh_from_db()
        assert d.status == "accepted"

    def test_every_answer_stays_on_the_timeline_after_a_reopen(self):
        d = file_demand(self.p)
        self.client.force_login(self.p.grid_worker)
        self.client.post(f"/demands/{d.pk}/action/accept/")
        self.client.post(f"/demands/{d.pk}/action/resolve/", {"reply": "第一次答复：已联系供电公司"})
        self.client.force_login(self.p.firm_user)
        self.client.post(f"/demands/{d.pk}/rate/", {"rating": "unsatisfied", "comment": "还是停电"})
        self.client.force_login(self.p.grid_worker)
        self.client.post(f"/demands/{d.pk}/action/resolve/", {"reply": "第二次答复：线路已更换"})
        d.refresh_from_db()
        assert d.reopen_count == 1 and d.reply == "第二次答复：线路已更换"
        page = self.client.get(f"/demands/{d.pk}/").content.decode()
        timeline = page[page.index('data-testid="timeline"'):]
        assert "第一次答复：已联系供电公司" in timeline and "第二次答复：线路已更换" in timeline

    def test_queues(self):
        file_demand(self.p)
        file_demand(self.p, confidence=0.2)
        self.client.force_login(self.p.grid_worker)
        assert self.client.get("/demands/queue/").context["page"].paginator.count == 1
        assert self.client.get("/demands/triage/").status_code == 403
        self.client.force_login(self.p.staff)
        assert self.client.get("/demands/triage/").context["page"].paginator.count == 1

    def test_similar_suggestions_while_typing(self):
        own = file_demand(self.p)
        self.client.force_login(self.p.firm_user)
        resp = self.client.post("/demands/similar/", {"title": "停电", "text": "孔雀河三路厂区停电"})
        assert own.number in resp.content.decode()

    def test_while_typing_a_firm_learns_only_how_many_other_firms_raised_it(self):
        other = file_demand(self.p, actor=self.p.staff, enterprise=self.p.other_firm)
        self.client.force_login(self.p.firm_user)
        typed = {"title": "停电", "text": "孔雀河三路厂区停电"}
        page = self.client.post("/demands/similar/", typed).content.decode()
        assert other.number not in page and other.title not in page
        assert 'data-testid="similar-elsewhere"' in page and "1 件相似问题" in page
        self.client.force_login(self.p.staff)  # the office sees which demands they are
        assert other.number in self.client.post("/demands/similar/", typed).content.decode()


class SimilarOnSaveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def test_firm_sees_its_own_similar_open_demands_but_not_other_firms(self):
        own = file_demand(self.p)
        other = file_demand(self.p, actor=self.p.staff, enterprise=self.p.other_firm)
        latest = file_demand(self.p)
        self.client.force_login(self.p.firm_user)
        shown = {d.pk for d, _s in self.client.get(f"/demands/{latest.pk}/").context["similar"]}
        assert own.pk in shown and other.pk not in shown
        self.client.force_login(self.p.staff)
        shown = {d.pk for d, _s in self.client.get(f"/demands/{latest.pk}/").context["similar"]}
        assert {own.pk, other.pk} <= shown

    def test_the_similarity_index_is_reused_until_an_open_demand_changes(self):
        first = file_demand(self.p)
        text = f"{first.title} {first.text}"
        assert [d.pk for d, _s in queries.similar_open_demands(self.p.park.pk, text)] == [first.pk]
        with self.assertNumQueries(2):  # the fingerprint, then the demands found; no refit
            queries.similar_open_demands(self.p.park.pk, text)
        second = file_demand(self.p)
        assert {d.pk for d, _s in queries.similar_open_demands(self.p.park.pk, text)} == {first.pk, second.pk}
        Demand.objects.filter(pk=first.pk).update(status=Status.CLOSED, updated_at=timezone.now())
        assert [d.pk for d, _s in queries.similar_open_demands(self.p.park.pk, text)] == [second.pk]
        assert not queries.similar_open_demands(self.p.park.pk, text, exclude_pk=second.pk)


class GridlessTests(TestCase):
    def test_a_grid_worker_without_a_grid_sees_no_gridless_firms_demands(self):
        p = demand_park()
        p.firm.grid = None
        p.firm.save()
        d = file_demand(p, actor=p.staff)
        type(p.grid_worker).objects.filter(pk=p.grid_worker.pk).update(grid=None)
        Demand.objects.filter(pk=d.pk).update(handler=None)
        self.client.force_login(p.grid_worker)
        assert self.client.get(f"/demands/{d.pk}/").status_code == 404
