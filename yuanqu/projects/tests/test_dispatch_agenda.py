"""The agenda's pure core, without a database: lateness in working days, order, wording (hand-computed)."""

from datetime import date

import pytest
from django.utils import translation

from yuanqu.calendar.workdays import WorkCalendar
from yuanqu.projects import dispatch_agenda as agenda
from yuanqu.projects.dispatch_agenda import ActionFacts, Lateness, MilestoneFacts, ProblemFacts, ProjectFacts

# 2025 Labour Day: 1–5 May off (1, 2 and 5 May are the weekday holidays), Sunday 27 April worked (调休).
LABOUR_DAY = WorkCalendar(holidays=frozenset({date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 5)}),
                          workdays=frozenset({date(2025, 4, 27)}))
PLAIN = WorkCalendar()
TODAY = date(2025, 5, 12)  # a Monday


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_overdue_counts_working_days_after_the_planned_finish_up_to_today():
    # after Fri 25 April: Sun 27 Apr (调休), 28, 29, 30 Apr, 6, 7, 8, 9, 12 May = 9 working days
    late = agenda.lateness([MilestoneFacts("主体封顶", date(2025, 4, 25))], TODAY, LABOUR_DAY)
    assert late == Lateness("主体封顶", 9, True)
    # plain weekdays: 28 April – 12 May are 11 weekdays
    assert agenda.lateness([MilestoneFacts("主体封顶", date(2025, 4, 25))], TODAY, PLAIN).days == 11


def test_a_forecast_beyond_the_plan_is_lagging_by_the_working_days_between():
    m = MilestoneFacts("竣工验收", date(2025, 5, 20), forecast_finish=date(2025, 5, 23))
    assert agenda.lateness([m], TODAY, LABOUR_DAY) == Lateness("竣工验收", 3, False)


def test_finished_unplanned_on_time_and_due_today_milestones_are_not_late():
    milestones = [
        MilestoneFacts("签约", date(2025, 1, 10), actual_finish=date(2025, 3, 1)),  # done (late, but done)
        MilestoneFacts("公司注册", None),
        MilestoneFacts("开工", date(2025, 6, 3), forecast_finish=date(2025, 6, 3)),
        MilestoneFacts("规划许可", TODAY),  # due today: not yet late
    ]
    assert agenda.lateness(milestones, TODAY, LABOUR_DAY) is None


def test_overdue_outranks_lagging_then_more_days_win():
    milestones = [MilestoneFacts("投产", date(2025, 6, 2), forecast_finish=date(2025, 7, 1)),  # lags 21
                  MilestoneFacts("施工许可", date(2025, 5, 8)),  # overdue 2 (9, 12 May)
                  MilestoneFacts("土地摘牌", date(2025, 5, 9))]  # overdue 1
    assert agenda.lateness(milestones, TODAY, LABOUR_DAY) == Lateness("施工许可", 2, True)


def test_summaries_are_worded_like_the_park_office():
    red = ProjectFacts(1, "智能装备产业园", "red", "张三", Lateness("主体封顶", 12, True))
    assert agenda.project_summary(red) == "【红】智能装备产业园：主体封顶 逾期 12 个工作日，责任人 张三"
    yellow = ProjectFacts(2, "新材料项目", "yellow", "", Lateness("竣工验收", 3, False))
    assert agenda.project_summary(yellow) == "【黄】新材料项目：竣工验收 预计滞后 3 个工作日，责任人 未指定"
    assert agenda.project_summary(ProjectFacts(3, "X项目", "red", "李四")) == "【红】X项目：责任人 李四"
    problem = ProblemFacts(7, 1, "智能装备产业园", "厂区道路未通", "D20250001", "办理中", "经济发展部")
    assert agenda.problem_summary(problem) == \
        "【问题】智能装备产业园：厂区道路未通（D20250001，办理中，经济发展部）"
    assert agenda.problem_summary(ProblemFacts(8, 1, "X", "缺电")) == "【问题】X：缺电"


def test_an_overdue_action_says_by_how_many_working_days():
    action = ActionFacts(5, None, "", "协调供电接入", "李四", date(2025, 4, 30))
    # after 30 April: 6, 7, 8, 9, 12 May
    assert agenda.action_summary(action, TODAY, LABOUR_DAY) == \
        "【督办】—：协调供电接入，责任人 李四，期限 2025-04-30（已逾期 5 个工作日）"
    due_later = ActionFacts(6, 1, "X项目", "完成挂牌", "", date(2025, 5, 20))
    assert agenda.action_summary(due_later, TODAY, LABOUR_DAY) == \
        "【督办】X项目：完成挂牌，责任人 未指定，期限 2025-05-20"


def test_the_agenda_puts_red_then_yellow_worst_first_then_problems_then_actions():
    projects = [
        ProjectFacts(1, "甲", "red", lateness=Lateness("开工", 3, True)),
        ProjectFacts(2, "乙", "red", lateness=Lateness("开工", 9, True)),
        ProjectFacts(3, "丙", "yellow", lateness=Lateness("开工", 40, False)),
        ProjectFacts(4, "丁", "yellow", lateness=Lateness("开工", 1, True)),
        ProjectFacts(5, "戊", "green"),
        ProjectFacts(6, "己", "red"),  # stored red, nothing late any more: after the late red ones
    ]
    problems = [ProblemFacts(10, 5, "戊", "缺电")]
    actions = [ActionFacts(21, None, "", "后到期", "A", date(2025, 6, 1)),
               ActionFacts(20, 1, "甲", "先到期", "B", date(2025, 5, 1))]
    lines = agenda.agenda_lines(projects, problems, actions, TODAY, LABOUR_DAY)
    assert [(ln.reason, ln.project_id, ln.problem_id, ln.action_id) for ln in lines] == [
        ("red", 2, None, None), ("red", 1, None, None), ("red", 6, None, None),
        ("yellow", 4, None, None), ("yellow", 3, None, None),
        ("problem", 5, 10, None), ("action", 1, None, 20), ("action", None, None, 21)]


def test_summaries_are_cut_to_the_column_length():
    long = ProjectFacts(1, "项" * 600, "red")
    (line,) = agenda.agenda_lines([long], [], [], TODAY, PLAIN)
    assert len(line.summary) == agenda.SUMMARY_MAX
