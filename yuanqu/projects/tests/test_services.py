"""The write side: permissions per role, audit rows, backward plans and re-plans, bad input."""

import io
import tempfile
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import TestCase, override_settings

from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.testing.personas import make_park
from yuanqu.demands.tests.stubs import fixed_classifier
from yuanqu.projects import services
from yuanqu.projects.models import (
    Milestone,
    MilestoneTemplate,
    MonthlyInvestment,
    ProgressNote,
    ProgressPhoto,
    Project,
    ProjectProblem,
)

from .helpers_projects import TARGET, TODAY, district, fake_image, make_project, png, project_park

MEDIA = tempfile.mkdtemp(prefix="yuanqu-projects-")


def dates(project, *fields):
    return {m.key: tuple(getattr(m, f) for f in fields) for m in project.milestones.all()}


class ProjectWriteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")
        cls.q = make_park("b", offset=10)
        cls.district = district()

    def test_park_admin_and_district_create_others_may_not(self):
        data = {"name": "高端装备产业园", "year": 2026, "total_investment": Decimal("50000"),
                "investor_name": "某集团", "level": "city"}
        project = services.create_project(self.p.park, data=data, actor=self.p.admin)
        assert project.pk and project.park == self.p.park
        ev = history_for(project).get()
        assert ev.action == "create" and ev.changes["name"] == [None, "高端装备产业园"]
        services.create_project(self.p.park, data={**data, "name": "二期"}, actor=self.district)
        for user in (self.p.staff, self.p.grid_worker, self.p.firm_user, self.q.admin):
            with pytest.raises(PermissionDenied):
                services.create_project(self.p.park, data={**data, "name": "三期"}, actor=user)

    def test_create_names_the_field_of_bad_input(self):
        with pytest.raises(ValidationError) as exc:
            services.create_project(self.p.park, data={"name": "缺投资方", "year": 2026,
                                                       "total_investment": Decimal("1")}, actor=self.p.admin)
        assert "investor_name" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            services.create_project(self.p.park, data={"name": "别园企业", "year": 2026, "investor":
                                    self.q.firm, "total_investment": Decimal("1")}, actor=self.p.admin)
        assert "investor" in exc.value.message_dict

    def test_update_records_only_changed_fields(self):
        project = self.p.project
        services.update_project(project, {"stage": "building", "name": project.name}, actor=self.p.admin)
        ev = history_for(project).first()
        assert ev.changes == {"stage": ["signed", "building"]}
        with pytest.raises(PermissionDenied):
            services.update_project(project, {"stage": "operating"}, actor=self.p.staff)

    def test_task_force_must_be_park_office_people(self):
        project = self.p.project
        services.set_task_force(project, lead=self.p.admin, members=[self.p.staff], actor=self.p.admin,
                                firm_contact_name="王经理", firm_contact_phone="13800000000")
        project.refresh_from_db()
        assert project.lead == self.p.admin and list(project.members.all()) == [self.p.staff]
        with pytest.raises(ValidationError) as exc:
            services.set_task_force(project, lead=self.q.staff, members=[self.p.firm_user],
                                    actor=self.p.admin)
        assert set(exc.value.message_dict) == {"lead", "members"}

    def test_delete_is_for_admins_and_audited(self):
        project = make_project(self.p, name="待删除项目")
        with pytest.raises(PermissionDenied):
            services.delete_project(project, actor=self.p.staff)
        pk = project.pk
        services.delete_project(project, actor=self.p.admin)
        assert not Project.objects.filter(pk=pk).exists()


@time_machine.travel(TODAY, tick=False)
class PlanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")
        cls.q = make_park("b", offset=10)

    def apply(self, actor=None):
        return services.apply_template(self.p.project, self.p.template, TARGET, actor=actor or self.p.staff)

    def test_backward_plan_by_hand(self):
        """Target Fri 20 March: D (event) 20th; B 17–19; C 19th; A 13–16 (Fri and Mon)."""
        self.apply()
        project = Project.objects.get(pk=self.p.project.pk)
        assert dates(project, "planned_start", "planned_finish") == {
            "a": (date(2026, 3, 13), date(2026, 3, 16)), "b": (date(2026, 3, 17), date(2026, 3, 19)),
            "c": (date(2026, 3, 19), date(2026, 3, 19)), "d": (date(2026, 3, 20), date(2026, 3, 20))}
        assert dates(project, "float_days", "critical") == {
            "a": (0, True), "b": (0, True), "c": (2, False), "d": (0, True)}
        # the forecast never runs ahead of the plan: on track, green
        assert dates(project, "forecast_start", "forecast_finish") == dates(project, "planned_start",
                                                                            "planned_finish")
        assert project.health == "green" and project.target_date == TARGET
        assert project.template == self.p.template
        assert history_for(project).first().entity == "里程碑计划"

    def test_a_target_on_a_weekend_means_the_friday_before(self):
        services.apply_template(self.p.project, self.p.template, date(2026, 3, 22), actor=self.p.admin)
        assert Milestone.objects.get(project=self.p.project, key="d").planned_finish == TARGET

    def test_replan_after_actual_dates_by_hand(self):
        """A finished a day late (Tue 17th), seen on Wed 18th: B 18–20 (a day late), C keeps its planned
        19th, D on Mon 23rd."""
        self.apply()
        a = Milestone.objects.get(project=self.p.project, key="a")
        with time_machine.travel(date(2026, 3, 18), tick=False):
            services.update_milestone(a, actual_start=date(2026, 3, 13), actual_finish=date(2026, 3, 17),
                                      actor=self.p.grid_worker)
        project = Project.objects.get(pk=self.p.project.pk)
        assert dates(project, "forecast_start", "forecast_finish") == {
            "a": (date(2026, 3, 13), date(2026, 3, 17)), "b": (date(2026, 3, 18), date(2026, 3, 20)),
            "c": (date(2026, 3, 19), date(2026, 3, 19)), "d": (date(2026, 3, 23), date(2026, 3, 23))}
        healths = {m.key: m.health for m in project.milestones.all()}
        assert healths == {"a": "green", "b": "yellow", "c": "green", "d": "yellow"}  # 1 day ≤ tolerance
        assert project.health == "yellow"
        assert history_for(project).first().changes["actual_finish"] == [None, "2026-03-17"]

    def test_overdue_milestone_turns_red_and_recording_it_on_time_turns_it_green(self):
        self.apply()
        with time_machine.travel(date(2026, 3, 31), tick=False):  # 11 working days after the 16th
            assert services.refresh_health(Project.objects.filter(pk=self.p.project.pk)) == 1
            assert Project.objects.get(pk=self.p.project.pk).health == "red"
            assert services.refresh_health(Project.objects.filter(pk=self.p.project.pk)) == 0  # idempotent
            for key, day in [("a", 16), ("b", 19), ("c", 19), ("d", 20)]:
                services.update_milestone(Milestone.objects.get(project=self.p.project, key=key),
                                          actual_finish=date(2026, 3, day), actor=self.p.staff)
        project = Project.objects.get(pk=self.p.project.pk)
        assert {m.health for m in project.milestones.all()} == {"green"} and project.health == "green"

    def test_scan_projects_command_is_idempotent(self):
        self.apply()
        with time_machine.travel(date(2026, 3, 31), tick=False):
            out = io.StringIO()
            call_command("scan_projects", stdout=out)
            assert "1" in out.getvalue() and Project.objects.get(pk=self.p.project.pk).health == "red"
            assert history_for(self.p.project).first().changes == {"health": ["green", "red"]}
            events = history_for(self.p.project).count()
            call_command("scan_projects", park="a", stdout=io.StringIO())
            assert history_for(self.p.project).count() == events

    def test_who_may_track_and_plan(self):
        self.apply()
        a = Milestone.objects.get(project=self.p.project, key="a")
        for user in (self.p.other_grid_worker, self.p.firm_user, self.p.institution_user, self.q.admin):
            with pytest.raises(PermissionDenied):
                services.update_milestone(a, note="x", actor=user)
        services.update_milestone(a, note="已约定签约仪式", actor=self.p.grid_worker)  # member
        with pytest.raises(PermissionDenied):  # a member tracks, only the lead re-plans
            services.set_target(self.p.project, date(2026, 4, 30), actor=self.p.grid_worker)

    def test_bad_actual_dates_name_the_field_and_save_nothing(self):
        self.apply()
        a, b = (Milestone.objects.get(project=self.p.project, key=k) for k in "ab")
        cases = [(a, {"actual_finish": date(2026, 3, 3)}, "actual_finish"),  # future
                 (a, {"actual_start": date(2026, 3, 3)}, "actual_start"),
                 (a, {"actual_start": date(2026, 2, 27), "actual_finish": date(2026, 2, 26)},
                  "actual_finish")]
        for milestone, kwargs, field in cases:
            with pytest.raises(ValidationError) as exc:
                services.update_milestone(milestone, actor=self.p.staff, **kwargs)
            assert field in exc.value.message_dict
        services.update_milestone(a, actual_finish=date(2026, 3, 2), actor=self.p.staff)
        with pytest.raises(ValidationError) as exc:  # before its finished predecessor
            services.update_milestone(b, actual_start=date(2026, 2, 27), actor=self.p.staff)
        assert "“签约”" in exc.value.message_dict["actual_start"][0]
        assert Milestone.objects.filter(project=self.p.project, actual_start__isnull=False).count() == 0

    def test_target_before_today_or_before_a_finished_milestone(self):
        self.apply()
        with pytest.raises(ValidationError) as exc:
            services.set_target(self.p.project, date(2026, 2, 27), actor=self.p.staff)
        assert "target_date" in exc.value.message_dict
        with pytest.raises(ValidationError):
            services.apply_template(self.p.project, self.p.template, date(2026, 3, 1), actor=self.p.staff)
        with time_machine.travel(date(2026, 3, 18), tick=False):
            a = Milestone.objects.get(project=self.p.project, key="a")
            services.update_milestone(a, actual_finish=date(2026, 3, 17), actor=self.p.staff)
            services.set_target(self.p.project, date(2026, 4, 30), actor=self.p.staff)
            assert Milestone.objects.get(project=self.p.project, key="d").planned_finish == date(2026, 4, 30)
            assert Milestone.objects.get(project=self.p.project, key="a").actual_finish == date(2026, 3, 17)
            with pytest.raises(Conflict):  # actuals exist: re-plan with the target, not a new template
                self.apply()

    def test_a_template_with_a_cycle_is_refused(self):
        template = MilestoneTemplate.objects.create(name="坏模板")
        template.steps.create(order=0, key="x", name="甲", duration_days=1, after=["y"])
        template.steps.create(order=1, key="y", name="乙", duration_days=1, after=["x"])
        with pytest.raises(ValidationError) as exc:
            services.apply_template(self.p.project, template, TARGET, actor=self.p.admin)
        assert "x" in exc.value.message_dict["milestones"][0]
        assert not Milestone.objects.filter(project=self.p.project).exists()

    def test_the_built_in_industrial_template(self):
        template = MilestoneTemplate.objects.get(park=None, name="工业项目（标准流程）")
        milestones = services.apply_template(self.p.project, template, date(2027, 12, 31), actor=self.p.admin)
        assert [m.name for m in milestones][0] == "签约" and milestones[-1].name == "投产"
        assert milestones[-1].planned_finish == date(2027, 12, 31)
        critical = {m.key: m.critical for m in milestones}
        assert critical["topping"] and not critical["equipment"] and not critical["eia"]  # parallel branches


@override_settings(MEDIA_ROOT=MEDIA)
@time_machine.travel(TODAY, tick=False)
class TrackingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")
        cls.q = make_park("b", offset=10)

    def test_note_with_photos_and_the_months_investment(self):
        note = services.add_progress_note(self.p.project, on=TODAY, text="桩基施工完成30%", photos=[png()],
                                          month_amount=Decimal("1200"), actor=self.p.grid_worker)
        assert note.photos.count() == 1 and note.author == self.p.grid_worker
        services.add_progress_note(self.p.project, on=date(2026, 3, 1), text="补记",
                                   month_amount=Decimal("1500"), actor=self.p.staff)
        assert MonthlyInvestment.objects.get(project=self.p.project).amount == Decimal("1500")
        assert history_for(self.p.project).first().changes["investment 2026-03"] == ["1200.00", "1500"]

    def test_the_investor_firm_adds_notes_but_no_amounts(self):
        services.add_progress_note(self.p.project, on=TODAY, text="设备已进场", actor=self.p.firm_user)
        with pytest.raises(PermissionDenied):
            services.add_progress_note(self.p.project, on=TODAY, text="本月投资", month_amount=Decimal("5"),
                                       actor=self.p.firm_user)
        other = make_project(self.p, name="别家项目", investor=False)
        for user in (self.p.firm_user, self.q.staff, self.p.institution_user):
            with pytest.raises(PermissionDenied):
                services.add_progress_note(other, on=TODAY, text="x", actor=user)

    def test_a_file_that_is_not_an_image_saves_nothing(self):
        with pytest.raises(ValidationError) as exc:
            services.add_progress_note(self.p.project, on=TODAY, text="现场照片",
                                       photos=[png(), fake_image("现场.jpg")],
                                       month_amount=Decimal("9"), actor=self.p.staff)
        assert "现场.jpg" in exc.value.message_dict["photos"][0]
        assert not ProgressNote.objects.exists() and not ProgressPhoto.objects.exists()
        assert not MonthlyInvestment.objects.exists()

    def test_bad_note_input(self):
        with pytest.raises(ValidationError) as exc:
            services.add_progress_note(self.p.project, on=date(2026, 3, 3), text="明天的事",
                                       actor=self.p.staff)
        assert "on" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            services.add_progress_note(self.p.project, on=TODAY, text="多图", photos=[png()] * 10,
                                       actor=self.p.staff)
        assert "photos" in exc.value.message_dict

    def test_a_problem_becomes_the_investor_firms_demand(self):
        with fixed_classifier():
            problem = services.raise_problem(self.p.project, title="施工用电未接通",
                                             text="项目现场临时用电迟迟未接通，影响桩基施工",
                                             actor=self.p.staff)
        demand = problem.demand
        assert demand.enterprise == self.p.firm and demand.park == self.p.park
        assert ProjectProblem.objects.get(project=self.p.project).demand == demand
        assert history_for(self.p.project).first().changes["demand"] == [None, demand.number]
        with pytest.raises(PermissionDenied):
            services.raise_problem(self.p.project, title="x", text="不能提交的问题", actor=self.p.firm_user)

    def test_no_problem_without_a_registered_investor(self):
        project = make_project(self.p, name="外地投资项目", investor=False)
        with pytest.raises(ValidationError) as exc:
            services.raise_problem(project, title="用地问题", text="需要协调土地指标", actor=self.p.admin)
        assert "investor" in exc.value.message_dict
        assert not ProjectProblem.objects.exists()
