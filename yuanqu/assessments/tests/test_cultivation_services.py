"""Plans, actions, notes and recognitions: who may, what is checked, what is recorded."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from yuanqu.assessments import cultivation
from yuanqu.assessments.models import CultivationPlan, PlanStatus, Recognition
from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.enterprises.models import Qualification
from yuanqu.notifications.models import Notification

TODAY = "2026-06-15 10:00 +08:00"


def new_plan(p, tier="specialized_sme", firm=None, officer=None, actor=None, **extra):
    return cultivation.create_plan(enterprise=firm or p.firm, tier=tier, officer=officer or p.grid_worker,
                                   target_year=2027, goal="补齐研发投入", actor=actor or p.staff, **extra)


@time_machine.travel(TODAY, tick=False)
class PlanServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()

    def test_staff_open_a_plan_audited_and_the_officer_is_told(self):
        with self.captureOnCommitCallbacks(execute=True):
            plan = new_plan(self.a)
        assert (plan.park, plan.status, plan.created_by) == (self.a.park, PlanStatus.ACTIVE, self.a.staff)
        assert history_for(plan).get().entity == "培育计划"
        assert Notification.objects.filter(user=self.a.grid_worker).count() == 1

    def test_who_may_open_a_plan(self):
        for user in (self.a.grid_worker, self.a.firm_user, self.a.institution_user, self.b.staff):
            with pytest.raises(PermissionDenied):
                new_plan(self.a, actor=user)
        assert new_plan(self.a, actor=self.district).park == self.a.park

    def test_the_officer_must_be_office_of_the_firms_park(self):
        for officer in (self.a.firm_user, self.b.staff, self.a.institution_user):
            with pytest.raises(ValidationError) as exc:
                new_plan(self.a, officer=officer)
            assert "officer" in exc.value.message_dict

    def test_one_plan_in_progress_per_firm_and_tier_and_no_past_target(self):
        new_plan(self.a)
        with pytest.raises(ValidationError):
            new_plan(self.a)
        assert new_plan(self.a, tier="gazelle").tier == "gazelle"
        with pytest.raises(ValidationError) as exc:
            cultivation.create_plan(enterprise=self.a.other_firm, tier="gazelle", officer=self.a.staff,
                                    target_year=2025, actor=self.a.staff)
        assert "target_year" in exc.value.message_dict

    def test_update_reassigns_the_officer_and_refuses_other_fields_and_closed_plans(self):
        plan = new_plan(self.a)
        with self.captureOnCommitCallbacks(execute=True):
            cultivation.update_plan(plan, {"officer": self.a.admin, "target_year": 2028}, actor=self.a.staff)
        plan.refresh_from_db()
        assert (plan.officer, plan.target_year) == (self.a.admin, 2028)
        assert Notification.objects.filter(user=self.a.admin).exists()
        with pytest.raises(ValidationError):
            cultivation.update_plan(plan, {"status": "closed"}, actor=self.a.staff)
        with pytest.raises(PermissionDenied):
            cultivation.update_plan(plan, {"goal": "x"}, actor=self.a.grid_worker)
        cultivation.close_plan(plan, reason="企业迁出", actor=self.a.staff)
        with pytest.raises(Conflict):
            cultivation.update_plan(plan, {"goal": "x"}, actor=self.a.staff)

    def test_close_needs_a_reason_and_happens_once(self):
        plan = new_plan(self.a)
        with pytest.raises(ValidationError) as exc:
            cultivation.close_plan(plan, reason=" ", actor=self.a.staff)
        assert "close_reason" in exc.value.message_dict
        cultivation.close_plan(plan, reason="企业转型，改报瞪羚", actor=self.a.staff)
        plan.refresh_from_db()
        assert (plan.status, plan.closed_on) == (PlanStatus.CLOSED, date(2026, 6, 15))
        with pytest.raises(Conflict):
            cultivation.close_plan(plan, reason="again", actor=self.a.staff)
        assert new_plan(self.a).status == PlanStatus.ACTIVE  # a closed plan does not block a new one

    def test_delete_a_plan_opened_by_mistake(self):
        plan = new_plan(self.a)
        cultivation.delete_plan(plan, actor=self.a.admin)
        assert not CultivationPlan.objects.exists()
        assert history_for(self.a.firm).filter(action="delete", entity="培育计划").exists()


@time_machine.travel(TODAY, tick=False)
class ActionAndNoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.plan = new_plan(cls.a, officer=cls.a.staff)

    def test_the_firms_grid_worker_adds_and_finishes_an_action(self):
        action = cultivation.add_action(self.plan, title="申请发明专利2项", due_on=date(2026, 6, 1),
                                        actor=self.a.grid_worker)
        assert action.is_overdue()
        action = cultivation.update_action(action, {"status": "done"}, actor=self.a.grid_worker)
        assert action.done_on == date(2026, 6, 15) and not action.is_overdue()
        action = cultivation.update_action(action, {"status": "doing"}, actor=self.a.staff)
        assert action.done_on is None and action.is_overdue()
        assert history_for(self.plan).filter(entity="培育措施").count() == 3

    def test_who_may_not_work_on_a_plan(self):
        for user in (self.a.other_grid_worker, self.a.firm_user, self.a.institution_user):
            with pytest.raises(PermissionDenied):
                cultivation.add_action(self.plan, title="x", due_on=date(2026, 7, 1), actor=user)
            with pytest.raises(PermissionDenied):
                cultivation.add_note(self.plan, text="x", actor=user)

    def test_bad_input_is_named_at_the_field(self):
        with pytest.raises(ValidationError) as exc:
            cultivation.add_action(self.plan, title="<b>x</b>", due_on=None, actor=self.a.staff)
        assert {"title", "due_on"} <= set(exc.value.message_dict)
        action = cultivation.add_action(self.plan, title="建设市级企业技术中心", due_on=date(2026, 9, 30),
                                        actor=self.a.staff)
        with pytest.raises(ValidationError) as exc:
            cultivation.update_action(action, {"status": "finished"}, actor=self.a.staff)
        assert "status" in exc.value.message_dict
        with pytest.raises(ValidationError):
            cultivation.update_action(action, {"plan": None}, actor=self.a.staff)
        with pytest.raises(ValidationError) as exc:
            cultivation.add_note(self.plan, text="  ", actor=self.a.staff)
        assert "text" in exc.value.message_dict

    def test_notes_are_kept_also_after_the_plan_ended(self):
        cultivation.close_plan(self.plan, reason="企业迁出", actor=self.a.staff)
        self.plan.refresh_from_db()
        with pytest.raises(Conflict):
            cultivation.add_action(self.plan, title="x", due_on=date(2026, 7, 1), actor=self.a.staff)
        note = cultivation.add_note(self.plan, text="已协助办理迁移手续", actor=self.a.grid_worker)
        assert note.author == self.a.grid_worker


@time_machine.travel(TODAY, tick=False)
class RecognitionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)

    def recognise(self, firm=None, tier="specialized_sme", year=2026, day=date(2026, 5, 20), actor=None):
        return cultivation.record_recognition(
            enterprise=firm or self.a.firm, tier=tier, year=year, recognised_on=day,
            document_number="青工信字〔2026〕18号", actor=actor or self.a.staff)

    def test_a_recognition_closes_the_plan_and_the_registry_shows_the_title(self):
        plan = new_plan(self.a)
        with self.captureOnCommitCallbacks(execute=True):
            rec = self.recognise()
        plan.refresh_from_db()
        assert (plan.status, plan.closed_on, rec.plan) == (PlanStatus.RECOGNISED, date(2026, 5, 20), plan)
        qual = Qualification.objects.get(enterprise=self.a.firm)
        assert (qual.kind, qual.granted_on, qual.expires_on) == ("specialized", date(2026, 5, 20),
                                                                  date(2029, 5, 19))
        assert Notification.objects.filter(user=self.a.grid_worker, text__contains="已被认定为").exists()
        assert history_for(self.a.firm).filter(entity="认定").exists()

    def test_above_scale_has_no_term_and_a_late_older_record_keeps_the_newer_title(self):
        self.recognise(tier="above_scale", year=2026)
        assert Qualification.objects.get(kind="above_scale").expires_on is None
        self.recognise(tier="gazelle", year=2026, day=date(2026, 3, 1))
        self.recognise(tier="gazelle", year=2023, day=date(2023, 3, 1))
        assert Qualification.objects.get(kind="gazelle").granted_on == date(2026, 3, 1)
        assert Recognition.objects.filter(tier="gazelle").count() == 2

    def test_twice_the_same_year_wrong_dates_and_who_may(self):
        self.recognise()
        with pytest.raises(ValidationError):
            self.recognise()
        with pytest.raises(ValidationError) as exc:
            self.recognise(firm=self.a.other_firm, year=2024, day=date(2026, 1, 5))
        assert "recognised_on" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            self.recognise(firm=self.a.other_firm, day=date(2026, 6, 16))
        assert "recognised_on" in exc.value.message_dict
        for user in (self.a.grid_worker, self.a.firm_user, self.b.staff):
            with pytest.raises(PermissionDenied):
                self.recognise(firm=self.a.other_firm, actor=user)

    def test_a_list_published_early_next_year_counts_for_its_year(self):
        rec = self.recognise(firm=self.a.other_firm, year=2025, day=date(2026, 1, 10))
        assert rec.year == 2025 and rec.expires_on() == date(2029, 1, 9)

    def test_recognition_expiry_on_29_february(self):
        rec = Recognition(tier="gazelle", recognised_on=date(2024, 2, 29))
        assert rec.expires_on() == date(2027, 2, 28)
