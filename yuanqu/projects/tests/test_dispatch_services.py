"""Dispatch writes with personas: who may, audit rows, the generated agenda, frozen minutes, actions."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction
from yuanqu.core.testing.personas import make_district_admin
from yuanqu.demands.workflow import Status
from yuanqu.notifications.models import Notification
from yuanqu.projects import dispatch
from yuanqu.projects.models import Action, AgendaItem, Meeting

from .dispatch_fixtures import NOW, TODAY, add_milestones, add_problem, add_project, dispatch_park


class DispatchCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = dispatch_park("a")
        cls.b = dispatch_park("b", offset=10)
        cls.district = make_district_admin()
        a = cls.a
        cls.red = add_project(a.park, "智能装备产业园", health="red", lead=a.lead)
        add_milestones(cls.red, [("sign", "签约", date(2026, 3, 2), date(2026, 3, 2)),
                                 ("cap", "主体封顶", date(2026, 4, 30))])  # 5 working days overdue
        cls.red2 = add_project(a.park, "生物医药基地", health="red")
        add_milestones(cls.red2, [("start", "开工", date(2026, 5, 8))])  # 9 May (调休) and 11 May: 2
        cls.yellow = add_project(a.park, "新材料中试平台", health="yellow", lead=a.lead)
        add_milestones(cls.yellow, [("done", "竣工验收", date(2026, 5, 20), None, date(2026, 5, 25))])  # 3
        cls.green = add_project(a.park, "智慧物流园")
        cls.problem = add_problem(cls.green, "厂区道路未通", enterprise=a.firm, department=a.department)
        add_problem(cls.green, "已解决的问题", enterprise=a.firm, status=Status.RESOLVED)
        add_project(cls.b.park, "B园区项目", health="red")
        cls.earlier = Meeting.objects.create(park=a.park, held_on=date(2026, 4, 27), title="第18周调度会")
        cls.carried = Action.objects.create(meeting=cls.earlier, project=cls.red, decision="协调供电",
                                            action="完成供电接入", owner_name="李四", due_on=date(2026, 5, 6))
        Action.objects.create(meeting=cls.earlier, decision="已办", action="已办结事项", owner_name="王五",
                              due_on=date(2026, 5, 6), done_on=date(2026, 5, 6), result="完成")

    def setUp(self):
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def meeting(self, **extra):
        return dispatch.create_meeting(self.a.park, held_on=TODAY, actor=self.a.staff, **extra)


class MeetingTests(DispatchCase):
    def test_office_creates_a_meeting_named_after_the_week_and_audited(self):
        m = self.meeting(chair="王主任")
        assert m.title == "园区a重点项目周调度会（2026年第20周）" and m.created_by == self.a.staff
        event = history_for(m).get()
        assert event.action == AuditAction.CREATE and event.changes["chair"] == [None, "王主任"]

    def test_only_the_park_office_and_the_district_create_meetings(self):
        for actor in (self.a.grid_worker, self.a.firm_user, self.a.institution_user, self.b.staff):
            with self.subTest(actor=actor.username), pytest.raises(PermissionDenied):
                dispatch.create_meeting(self.a.park, held_on=TODAY, actor=actor)
        assert dispatch.create_meeting(self.b.park, held_on=TODAY, actor=self.district).park == self.b.park
        assert dispatch.create_meeting(self.a.park, held_on=TODAY, actor=self.a.admin).park == self.a.park

    def test_a_meeting_needs_a_date(self):
        with pytest.raises(ValidationError) as exc:
            dispatch.create_meeting(self.a.park, held_on=None, actor=self.a.staff)
        assert "held_on" in exc.value.message_dict

    def test_minutes_are_recorded_and_audited_as_a_diff(self):
        m = self.meeting()
        dispatch.update_meeting(m, actor=self.a.staff, minutes="听取汇报。", chair=" 王主任 ")
        m.refresh_from_db()
        assert m.minutes == "听取汇报。" and m.chair == "王主任"
        event = history_for(m).filter(action=AuditAction.UPDATE).get()
        assert event.changes == {"chair": ["", "王主任"], "minutes": ["", "听取汇报。"]}

    def test_the_meeting_cannot_move_past_an_action_deadline(self):
        m = self.meeting()
        dispatch.add_action(m, actor=self.a.staff, decision="加快", action="办证", due_on=TODAY,
                            owner_name="李四")
        with pytest.raises(ValidationError) as exc:
            dispatch.update_meeting(m, actor=self.a.staff, held_on=TODAY + timedelta(days=1))
        assert "held_on" in exc.value.message_dict

    def test_grid_workers_and_other_parks_cannot_write_minutes(self):
        m = self.meeting()
        for actor in (self.a.grid_worker, self.b.admin, self.a.firm_user):
            with self.subTest(actor=actor.username), pytest.raises(PermissionDenied):
                dispatch.update_meeting(m, actor=actor, minutes="x")


class AgendaTests(DispatchCase):
    def test_agenda_lists_red_yellow_problems_and_carried_actions_with_summaries(self):
        m = self.meeting()
        dispatch.generate_agenda(m, actor=self.a.staff)
        items = list(m.agenda.order_by("order"))
        assert [i.summary for i in items] == [
            "【红】智能装备产业园：主体封顶 逾期 5 个工作日，责任人 张三",
            "【红】生物医药基地：开工 逾期 2 个工作日，责任人 未指定",
            "【黄】新材料中试平台：竣工验收 预计滞后 3 个工作日，责任人 张三",
            f"【问题】智慧物流园：厂区道路未通（{self.problem.demand.number}，已受理，经济发展部）",
            "【督办】智能装备产业园：完成供电接入，责任人 李四，期限 2026-05-06（已逾期 4 个工作日）",
        ]
        assert [(i.reason, i.project_id) for i in items] == [
            ("red", self.red.pk), ("red", self.red2.pk), ("yellow", self.yellow.pk),
            ("problem", self.green.pk), ("action", self.red.pk)]
        assert items[3].problem == self.problem and items[4].action == self.carried
        event = history_for(m).filter(action=AuditAction.UPDATE).get()
        assert event.changes == {"agenda": [0, 5]}

    def test_regenerating_without_changes_writes_nothing(self):
        m = self.meeting()
        first = [i.pk for i in dispatch.generate_agenda(m, actor=self.a.staff)]
        events = history_for(m).count()
        with self.assertNumQueries(10):  # savepoint, lock, calendar, 4 sources, stored, answer, release
            again = dispatch.generate_agenda(m, actor=self.a.staff)
        assert [i.pk for i in again] == first and history_for(m).count() == events

    def test_regenerating_replaces_the_agenda_when_the_park_changed(self):
        m = self.meeting()
        dispatch.generate_agenda(m, actor=self.a.staff)
        self.yellow.health = "green"
        self.yellow.save(update_fields=["health"])
        dispatch.generate_agenda(m, actor=self.a.staff)
        assert AgendaItem.objects.filter(meeting=m).count() == 4
        assert not AgendaItem.objects.filter(meeting=m, project=self.yellow).exists()
        assert history_for(m).filter(action=AuditAction.UPDATE).count() == 2

    def test_the_agenda_query_count_does_not_grow_with_projects(self):
        m = self.meeting()
        for n in range(15):
            p = add_project(self.a.park, f"追加项目{n}", health="red" if n % 2 else "yellow",
                            lead=self.a.lead)
            add_milestones(p, [("cap", "主体封顶", date(2026, 4, 30)), ("x", "竣工", date(2026, 9, 30))])
        with self.assertNumQueries(12):  # lock, calendar, 4 sources, stored agenda, delete, insert, audit
            items = dispatch.generate_agenda(m, actor=self.a.staff)
        assert len(items) == 5 + 15

    def test_grid_workers_and_other_parks_cannot_generate(self):
        m = self.meeting()
        for actor in (self.a.grid_worker, self.b.staff):
            with self.subTest(actor=actor.username), pytest.raises(PermissionDenied):
                dispatch.generate_agenda(m, actor=actor)


class ActionTests(DispatchCase):
    def add(self, m, **extra):
        fields = {"decision": "加快供电接入", "action": "协调供电公司完成接入",
                  "due_on": TODAY + timedelta(days=7), "owner": self.a.lead, "project": self.red, **extra}
        return dispatch.add_action(m, actor=self.a.staff, **fields)

    def test_an_action_is_added_audited_and_its_owner_notified_on_commit(self):
        m = self.meeting()
        with self.captureOnCommitCallbacks(execute=True):
            action = self.add(m)
        assert action.meeting == m and action.owner == self.a.lead
        event = history_for(m).filter(entity="督办事项").get()
        assert event.changes["action"] == [None, "协调供电公司完成接入"]
        note = Notification.objects.get(user=self.a.lead)
        assert "协调供电公司完成接入" in note.text and note.url == f"/projects/meetings/{m.pk}/"

    def test_bad_actions_name_the_field_and_save_nothing(self):
        m = self.meeting()
        cases = [({"due_on": TODAY - timedelta(days=1)}, "due_on"),
                 ({"owner": None, "owner_name": " "}, "owner_name"),
                 ({"owner": self.b.staff}, "owner"),
                 ({"project": add_project(self.b.park, "外园区项目")}, "project"),
                 ({"action": ""}, "action")]
        for extra, field in cases:
            with self.subTest(field=field), pytest.raises(ValidationError) as exc:
                self.add(m, **extra)
            assert field in exc.value.message_dict, exc.value.message_dict
        assert not Action.objects.filter(meeting=m).exists()

    def test_an_owner_may_be_a_name_only(self):
        action = self.add(self.meeting(), owner=None, owner_name="区住建局 王科长", project=None)
        assert action.owner_name == "区住建局 王科长" and action.project is None

    def test_update_changes_an_open_action(self):
        m = self.meeting()
        action = self.add(m)
        dispatch.update_action(action, actor=self.a.staff, due_on=TODAY + timedelta(days=14))
        action.refresh_from_db()
        assert action.due_on == TODAY + timedelta(days=14)
        with pytest.raises(TypeError):
            dispatch.update_action(action, actor=self.a.staff, done_on=TODAY)

    def test_closing_needs_a_result_and_a_date_not_in_the_future(self):
        action = self.add(self.meeting())
        with pytest.raises(ValidationError) as exc:
            dispatch.close_action(action, actor=self.a.staff, result=" ")
        assert "result" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            dispatch.close_action(action, actor=self.a.staff, result="已接入",
                                  done_on=TODAY + timedelta(days=1))
        assert "done_on" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:  # before the meeting that decided it
            dispatch.close_action(action, actor=self.a.staff, result="已接入",
                                  done_on=TODAY - timedelta(days=3))
        assert "done_on" in exc.value.message_dict
        action.refresh_from_db()
        assert action.done_on is None

    def test_closing_is_audited_and_happens_once(self):
        m = self.meeting()
        action = self.add(m)
        dispatch.close_action(action, actor=self.a.staff, result="已接入")
        action.refresh_from_db()
        assert action.done_on == TODAY and action.result == "已接入"
        event = history_for(m).filter(action=AuditAction.TRANSITION).get()
        assert event.changes == {"done_on": [None, "2026-05-11"], "result": ["", "已接入"]}
        with pytest.raises(Conflict):
            dispatch.close_action(action, actor=self.a.staff, result="again")
        with pytest.raises(Conflict):
            dispatch.update_action(action, actor=self.a.staff, action="改")

    def test_grid_workers_cannot_close_and_other_parks_cannot_add(self):
        m = self.meeting()
        action = self.add(m)
        with pytest.raises(PermissionDenied):
            dispatch.close_action(action, actor=self.a.grid_worker, result="已接入")
        with pytest.raises(PermissionDenied):
            dispatch.add_action(m, actor=self.b.staff, decision="x", action="y", due_on=TODAY,
                                owner_name="z")


class FinalMinutesTests(DispatchCase):
    def test_final_minutes_freeze_the_meeting_but_actions_still_close(self):
        m = self.meeting()
        dispatch.generate_agenda(m, actor=self.a.staff)
        action = dispatch.add_action(m, actor=self.a.staff, decision="加快", action="办证", due_on=TODAY,
                                     owner_name="李四")
        with pytest.raises(ValidationError) as exc:
            dispatch.finalize_minutes(m, actor=self.a.staff)
        assert "minutes" in exc.value.message_dict
        dispatch.update_meeting(m, actor=self.a.staff, minutes="会议决定加快办证。")
        dispatch.finalize_minutes(m, actor=self.a.staff)
        m.refresh_from_db()
        assert m.closed
        frozen = [lambda: dispatch.generate_agenda(m, actor=self.a.staff),
                  lambda: dispatch.update_meeting(m, actor=self.a.staff, minutes="改"),
                  lambda: dispatch.add_action(m, actor=self.a.staff, decision="x", action="y", due_on=TODAY,
                                              owner_name="z"),
                  lambda: dispatch.update_action(action, actor=self.a.staff, action="改"),
                  lambda: dispatch.finalize_minutes(m, actor=self.a.staff)]
        for attempt in frozen:
            with pytest.raises(Conflict):
                attempt()
        dispatch.close_action(action, actor=self.a.staff, result="已办")
        action.refresh_from_db()
        assert action.done_on == TODAY
        assert history_for(m).filter(action=AuditAction.TRANSITION).count() == 2  # finalised, closed

    def test_grid_workers_cannot_finalise(self):
        m = self.meeting(minutes="纪要")
        with pytest.raises(PermissionDenied):
            dispatch.finalize_minutes(m, actor=self.a.grid_worker)
