"""Colour rules and the monthly ranking, pure, against hand-computed cases (2026 National Day
calendar: Oct 1–7 off, Saturday Oct 10 worked)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from yuanqu.calendar.workdays import WorkCalendar
from yuanqu.projects.status import (
    TOLERANCE_DAYS,
    RankRow,
    milestone_health,
    monthly_ranking,
    project_health,
    score,
)

CAL = WorkCalendar(holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
                   workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}))


def d(month, day):
    return date(2026, month, day)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def health(planned, forecast=None, actual=None, today=None, **kw):
    return milestone_health(planned_finish=planned, forecast_finish=forecast, actual_finish=actual,
                            today=today or d(9, 28), cal=CAL, **kw)


def test_finished_and_unplanned_milestones_are_green():
    assert health(d(9, 30), forecast=d(10, 30), actual=d(10, 30), today=d(11, 2)) == "green"
    assert health(None, forecast=d(10, 30)) == "green"


def test_overdue_is_red_whatever_the_forecast():
    assert health(d(9, 30), forecast=d(9, 30), today=d(10, 8)) == "red"
    assert health(d(9, 30), forecast=d(9, 30), today=d(9, 30)) == "green"  # due today is not late


def test_slip_in_working_days_across_the_holiday():
    assert TOLERANCE_DAYS == 5
    assert health(d(9, 30), forecast=d(9, 29)) == "green"  # early
    assert health(d(9, 30)) == "green"  # no forecast
    assert health(d(9, 30), forecast=d(10, 7)) == "green"  # later by calendar days only: the holiday
    assert health(d(9, 30), forecast=d(10, 9)) == "yellow"  # Oct 8, 9: slip 2
    assert health(d(9, 30), forecast=d(10, 13)) == "yellow"  # Oct 8, 9, 10 (调休), 12, 13: slip 5
    assert health(d(9, 30), forecast=d(10, 14)) == "red"  # slip 6
    assert health(d(9, 30), forecast=d(10, 9), tolerance=1) == "red"


def test_project_health_is_the_worst():
    assert project_health([]) == "green"
    assert project_health(["green", "yellow", "green"]) == "yellow"
    assert project_health(iter(["yellow", "red", "green"])) == "red"


ROWS = [
    RankRow(1, "甲", "green", 4, 4, Decimal(600), Decimal(1200)),  # 60 + 40 = 100
    RankRow(2, "乙", "green", 2, 1, Decimal(300), Decimal(1200)),  # 30 + 20 = 50
    RankRow(3, "丙", "red", 2, 0, Decimal(0), Decimal(1200), overdue_milestones=2, max_overdue_days=25),  # 0
    RankRow(4, "丁", "yellow"),  # nothing to measure: 100
    RankRow(5, "戊", "green", 0, 0, Decimal(450), Decimal(1000)),  # investment alone: 450 / 500 → 90
    RankRow(6, "己", "red", 1, 1, overdue_milestones=1, max_overdue_days=30),  # 100 − 5
]


def test_scores():
    assert [score(r, month_of_year=6) for r in ROWS] == [100.0, 50.0, 0.0, 100.0, 90.0, 95.0]
    assert score(RankRow(7, "庚", "red", overdue_milestones=9)) == 70.0  # penalty capped at 30


def test_ranking_order_flags_and_reasons():
    ranked = monthly_ranking(ROWS, month_of_year=6)
    assert [(r.position, r.row.name, r.score, r.flag) for r in ranked] == [
        (1, "甲", 100.0, "red"), (2, "丁", 100.0, None), (3, "己", 95.0, "black"), (4, "戊", 90.0, "red"),
        (5, "乙", 50.0, None), (6, "丙", 0.0, "black")]
    by_name = {r.row.name: r.reason for r in ranked}
    assert by_name["戊"] == ("本月无计划节点；年度投资已完成 450 万元，按进度应完成 500 万元（90%）；"
                            "红旗：进度正常且得分不低于 85")
    assert by_name["丙"] == ("本月计划完成节点 2 个，已完成 0 个；"
                            "年度投资已完成 0 万元，按进度应完成 600 万元（0%）；"
                            "逾期节点 2 个，最长逾期 25 个工作日；黑旗：有节点逾期超过 20 个工作日")
    assert by_name["丁"] == "本月无计划节点；未填报年度计划投资"


def test_flag_limits_and_thresholds():
    ranked = monthly_ranking(ROWS, month_of_year=6, red_flags=1, black_flags=1, black_overdue_days=25)
    assert [r.row.name for r in ranked if r.flag == "red"] == ["甲"]
    assert [r.row.name for r in ranked if r.flag == "black"] == ["己"]  # 丙 is late 25 days, not more
    assert [r.flag for r in monthly_ranking(ROWS, month_of_year=6, red_threshold=101)].count("red") == 0


def test_ties_are_broken_deterministically():
    rows = [RankRow(2, "B", "green"), RankRow(1, "B", "green"), RankRow(3, "A", "green")]
    assert [r.row.project_id for r in monthly_ranking(rows)] == [3, 1, 2]
    assert [r.row.project_id for r in monthly_ranking(list(reversed(rows)))] == [3, 1, 2]
    assert monthly_ranking([]) == []
