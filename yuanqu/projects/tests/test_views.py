"""The project pages: list (filters, query count), detail, forms, inline milestone update, notes."""

import tempfile
from datetime import date

import time_machine
from django.test import TestCase, override_settings
from django.urls import reverse

from yuanqu.core.testing.personas import make_park
from yuanqu.demands.tests.stubs import fixed_classifier
from yuanqu.projects import services
from yuanqu.projects.models import Milestone, MilestoneTemplate, ProgressNote, Project

from .helpers_projects import TARGET, TODAY, district, fake_image, make_project, png, project_park

MEDIA = tempfile.mkdtemp(prefix="yuanqu-project-views-")


@override_settings(MEDIA_ROOT=MEDIA)
@time_machine.travel(TODAY, tick=False)
class ProjectPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")
        cls.q = make_park("b", offset=10)
        cls.other = make_project(cls.q, name="别园项目")
        cls.district = district()
        services.apply_template(cls.p.project, cls.p.template, TARGET, actor=cls.p.admin)

    def get(self, user, url, **params):
        self.client.force_login(user)
        return self.client.get(url, params)

    def test_list_filters_and_keeps_its_query_count(self):
        for i in range(5):
            make_project(self.p, name=f"批量项目{i}", stage="building")
        self.client.force_login(self.p.staff)
        url = reverse("projects:project_list")
        self.client.get(url)  # warm the session and the menu
        with self.assertNumQueries(6):
            resp = self.client.get(url)
        html = resp.content.decode()
        assert "新能源汽车零部件项目" in html and "别园项目" not in html and "4/0" not in html
        assert "0/4" in html  # milestones done / total
        resp = self.client.get(url, {"stage": "building"})
        assert resp.context["page"].paginator.count == 5
        resp = self.client.get(url, {"q": "新能源", "health": "green", "level": "district", "year": 2026})
        assert resp.context["page"].paginator.count == 1
        resp = self.client.get(url, {"q": "批量"}, headers={"HX-Request": "true"})
        assert "<html" not in resp.content.decode() and resp.context["page"].paginator.count == 5

    def test_district_sees_every_park_with_a_park_column(self):
        resp = self.get(self.district, reverse("projects:project_list"))
        assert resp.context["page"].paginator.count == 2
        assert "园区b" in resp.content.decode()

    def test_firm_sees_only_its_own_project_and_institution_none(self):
        resp = self.get(self.p.firm_user, reverse("projects:project_list"))
        assert [p.name for p in resp.context["page"]] == ["新能源汽车零部件项目"]
        assert self.get(self.p.institution_user, reverse("projects:project_list")).status_code == 403
        assert self.get(self.q.firm_user, reverse("projects:project_detail", args=[self.p.project.pk])) \
            .status_code == 404

    def test_detail_shows_milestones_and_hides_history_from_the_firm(self):
        url = reverse("projects:project_detail", args=[self.p.project.pk])
        html = self.get(self.p.staff, url).content.decode()
        assert "土地摘牌" in html and 'data-testid="history"' in html and "2026-03-19" in html
        html = self.get(self.p.firm_user, url).content.decode()
        assert "土地摘牌" in html and 'data-testid="history"' not in html
        assert 'data-testid="edit-milestone"' not in html
        assert self.get(self.q.staff, url).status_code == 404

    def test_create_and_edit_as_admin_only(self):
        url = reverse("projects:project_create")
        assert self.get(self.p.staff, url).status_code == 403
        self.client.force_login(self.p.admin)
        resp = self.client.post(url, {"name": "智能装备项目", "year": 2026, "level": "city",
                                      "investor_name": "某集团", "total_investment": "20000",
                                      "stage": "signed"})
        project = Project.objects.get(name="智能装备项目")
        assert resp.status_code == 302 and project.park == self.p.park
        resp = self.client.post(url, {"name": "缺投资方", "year": 2026, "level": "city",
                                      "total_investment": "1", "stage": "signed"})
        assert resp.status_code == 200 and "data-field-error=\"investor_name\"" in resp.content.decode()
        edit = reverse("projects:project_edit", args=[project.pk])
        resp = self.client.post(edit, {"name": "智能装备项目", "year": 2026, "level": "city",
                                       "investor_name": "某集团", "total_investment": "20000",
                                       "annual_planned_investment": "30000", "stage": "signed"})
        assert resp.status_code == 200 and "不能超过" in resp.content.decode()
        assert self.get(self.p.staff, edit).status_code == 403

    def test_district_chooses_the_park_first(self):
        resp = self.get(self.district, reverse("projects:project_create"))
        assert "园区a" in resp.content.decode() and "project-form" not in resp.content.decode()
        resp = self.get(self.district, reverse("projects:project_create"), park=self.q.park.pk)
        assert 'data-testid="project-form"' in resp.content.decode()

    def test_inline_milestone_update_returns_the_replanned_table(self):
        m = Milestone.objects.get(project=self.p.project, key="a")
        url = reverse("projects:milestone_update", args=[self.p.project.pk, m.pk])
        self.client.force_login(self.p.grid_worker)
        resp = self.client.get(url, headers={"HX-Request": "true"})
        assert 'data-testid="milestone-form"' in resp.content.decode()
        resp = self.client.post(url, {"actual_finish": "2026-03-03"}, headers={"HX-Request": "true"})
        assert 'data-field-error="actual_finish"' in resp.content.decode()  # in the future
        resp = self.client.post(url, {"actual_start": "2026-02-27", "actual_finish": "2026-03-02"},
                                headers={"HX-Request": "true"})
        assert resp["HX-Retarget"] == "#milestones" and 'id="milestones"' in resp.content.decode()
        assert Milestone.objects.get(pk=m.pk).actual_finish == date(2026, 3, 2)
        self.client.force_login(self.p.other_grid_worker)
        assert self.client.get(url).status_code == 403

    def test_note_with_photo_and_a_non_image(self):
        url = reverse("projects:note_create", args=[self.p.project.pk])
        self.client.force_login(self.p.staff)
        resp = self.client.post(url, {"on": "2026-03-02", "text": "现场", "photos": [png(), fake_image()]})
        assert resp.status_code == 200 and 'data-field-error="photos"' in resp.content.decode()
        assert not ProgressNote.objects.exists()
        resp = self.client.post(url, {"on": "2026-03-02", "text": "基坑开挖", "photos": [png()],
                                      "month_amount": "800"})
        assert resp.status_code == 302
        note = ProgressNote.objects.get()
        photo_url = reverse("projects:photo", args=[note.photos.get().pk])
        assert self.client.get(photo_url).status_code == 200
        self.client.force_login(self.q.staff)
        assert self.client.get(photo_url).status_code == 404
        self.client.force_login(self.p.firm_user)  # the firm reports, without the month's amount
        assert "month_amount" not in self.client.get(url).content.decode()

    def test_problem_page_files_a_demand(self):
        self.client.force_login(self.p.staff)
        with fixed_classifier():
            resp = self.client.post(reverse("projects:problem_create", args=[self.p.project.pk]),
                                    {"title": "临时用电", "text": "施工临时用电尚未接通",
                                     "urgency": "urgent"})
        assert resp.status_code == 302
        html = self.client.get(reverse("projects:project_detail", args=[self.p.project.pk])).content.decode()
        assert "临时用电" in html and "SQ2026-" in html

    def test_plan_page_applies_and_moves_the_target(self):
        project = make_project(self.p, name="待排期项目")
        url = reverse("projects:template_apply", args=[project.pk])
        self.client.force_login(self.p.staff)  # the lead
        resp = self.client.post(url, {"template": self.p.template.pk, "target": "2026-02-01"})
        assert 'data-field-error="target"' in resp.content.decode()
        resp = self.client.post(url, {"template": self.p.template.pk, "target": "2026-03-20"})
        assert resp.status_code == 302 and project.milestones.count() == 4
        resp = self.client.post(url, {"target": "2026-04-30"})
        assert resp.status_code == 302
        assert project.milestones.get(key="d").planned_finish == date(2026, 4, 30)
        self.client.force_login(self.p.grid_worker)
        assert self.client.get(url).status_code == 403

    def test_team_page(self):
        url = reverse("projects:project_team", args=[self.p.project.pk])
        self.client.force_login(self.p.admin)
        members = [self.p.staff.pk, self.p.grid_worker.pk]
        resp = self.client.post(url, {"lead": self.p.admin.pk, "members": members,
                                      "firm_contact_name": "王经理"})
        assert resp.status_code == 302
        assert set(self.p.project.members.all()) == {self.p.staff, self.p.grid_worker}

    def test_ledger_export(self):
        resp = self.get(self.p.staff, reverse("projects:project_export"))
        assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxml")


class AdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")
        cls.root = district()
        cls.root.is_staff = cls.root.is_superuser = True
        cls.root.save()

    def test_admin_pages_and_an_audited_edit(self):
        self.client.force_login(self.root)
        for url in ["/admin/projects/project/", f"/admin/projects/project/{self.p.project.pk}/change/",
                    "/admin/projects/milestonetemplate/", "/admin/projects/milestone/"]:
            assert self.client.get(url).status_code == 200, url

    def test_a_template_with_a_cycle_is_refused_in_the_admin(self):
        self.client.force_login(self.root)
        data = {"name": "循环模板", "steps-TOTAL_FORMS": "2", "steps-INITIAL_FORMS": "0",
                "steps-0-order": "0", "steps-0-key": "x", "steps-0-name": "甲", "steps-0-duration_days": "1",
                "steps-0-after": '["y"]', "steps-1-order": "1", "steps-1-key": "y", "steps-1-name": "乙",
                "steps-1-duration_days": "1", "steps-1-after": '["x"]'}
        resp = self.client.post("/admin/projects/milestonetemplate/add/", data)
        assert resp.status_code == 200 and "甲 → 乙 → 甲" in resp.content.decode()
        assert not MilestoneTemplate.objects.filter(name="循环模板").exists()
