"""Backward scheduling and re-planning, pure, against hand-computed cases on the 2026 National Day
calendar: Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 worked (调休)."""

from datetime import date

import pytest
from django.utils import translation

from yuanqu.calendar.workdays import WorkCalendar
from yuanqu.projects.schedule import (
    INDUSTRIAL_TEMPLATE,
    ScheduleError,
    Step,
    backward,
    check_target,
    replan,
    topological,
    validate,
    workday_index,
    working_days_between,
)

CAL = WorkCalendar(holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
                   workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}))
PLAIN = WorkCalendar()


def d(month, day, year=2026):
    return date(year, month, day)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_chain_with_a_parallel_branch_across_the_holiday():
    # A(3) and C(1) both before B(2); target Sunday Oct 11 → the 调休 Saturday Oct 10.
    steps = [Step("a", "A", 3), Step("b", "B", 2, ("a", "c")), Step("c", "C", 1)]
    plan = backward(steps, d(10, 11), CAL)
    b, a, c = plan.slot("b"), plan.slot("a"), plan.slot("c")
    assert (b.latest_start, b.latest_finish) == (d(10, 9), d(10, 10))
    # A ends Thu Oct 8 and takes Sep 29, Sep 30, Oct 8 (the holiday week is skipped).
    assert (a.latest_start, a.latest_finish) == (d(9, 29), d(10, 8))
    assert (c.latest_start, c.latest_finish) == (d(10, 8), d(10, 8))
    assert plan.start == d(9, 29)
    # C can start with the project: earliest Sep 29, float Sep 30 + Oct 8 = 2 working days.
    assert (c.earliest_start, c.earliest_finish, c.float_days, c.critical) == (d(9, 29), d(9, 29), 2, False)
    assert (a.float_days, b.float_days) == (0, 0)
    assert (b.earliest_start, b.earliest_finish) == (d(10, 9), d(10, 10))
    assert plan.critical_path == ["a", "b"]
    assert [s.key for s in plan.slots] == ["a", "b", "c"]  # input order


def test_single_milestone_and_a_worked_sunday():
    plan = backward([Step("x", "X", 5)], d(10, 9), CAL)
    assert (plan.slot("x").latest_start, plan.slot("x").latest_finish) == (d(9, 28), d(10, 9))
    assert plan.critical_path == ["x"] and plan.start == d(9, 28)
    # Tue Sep 22, Mon Sep 21 and the worked Sunday Sep 20.
    assert backward([Step("y", "Y", 3)], d(9, 22), CAL).slot("y").latest_start == d(9, 20)


def test_target_on_a_holiday_means_the_working_day_before():
    plan = backward([Step("x", "X", 1)], d(10, 5), CAL)
    assert plan.slot("x").latest_finish == d(9, 30)


def test_zero_day_events_sit_on_a_working_day_and_successors_start_after_them():
    steps = [Step("sign", "签约", 0), Step("a", "A", 3, ("sign",)), Step("b", "B", 2, ("a",)),
             Step("go", "投产", 0, ("b",))]
    plan = backward(steps, d(10, 12), CAL)
    assert (plan.slot("go").latest_start, plan.slot("go").latest_finish) == (d(10, 12), d(10, 12))
    assert (plan.slot("b").latest_start, plan.slot("b").latest_finish) == (d(10, 9), d(10, 10))
    assert (plan.slot("a").latest_start, plan.slot("a").latest_finish) == (d(9, 29), d(10, 8))
    assert plan.slot("sign").latest_finish == d(9, 28)
    assert plan.critical_path == ["sign", "a", "b", "go"]


def test_parallel_branches_get_different_floats():
    # s(2) → {p(5), q(3), r(1)} → e(1); target Fri Jan 16 2026 on a plain calendar.
    steps = [Step("s", "S", 2), Step("p", "P", 5, ("s",)), Step("q", "Q", 3, ("s",)),
             Step("r", "R", 1, ("s",)), Step("e", "E", 1, ("p", "q", "r"))]
    plan = backward(steps, d(1, 16), PLAIN)
    assert plan.slot("e").latest_start == d(1, 16)
    assert (plan.slot("p").latest_start, plan.slot("p").latest_finish) == (d(1, 9), d(1, 15))
    assert plan.slot("q").latest_start == d(1, 13)
    assert plan.slot("r").latest_start == d(1, 15)
    assert (plan.slot("s").latest_start, plan.start) == (d(1, 7), d(1, 7))
    assert [plan.slot(k).float_days for k in "spqre"] == [0, 0, 2, 4, 0]
    assert plan.slot("q").earliest_start == d(1, 9) and plan.slot("q").earliest_finish == d(1, 13)
    assert plan.critical_path == ["s", "p", "e"]


def test_the_industrial_template():
    target = d(12, 31, 2027)
    plan = backward(INDUSTRIAL_TEMPLATE, target, CAL)
    assert plan.critical_path == ["sign", "register", "land", "design", "permit", "start", "topping",
                                  "acceptance", "operation"]
    floats = {s.key: s.float_days for s in plan.slots}
    assert (floats["planning"], floats["eia"], floats["equipment"]) == (5, 30, 120)
    # 1 + 10 + 30 + 25 + 15 + 1 + 120 + 60 + 20 = 282 working-day slots end on the target (a Friday).
    assert plan.start == CAL.add_workdays(target, -281)
    for step in INDUSTRIAL_TEMPLATE:  # each slot checked against the calendar's own arithmetic
        slot = plan.slot(step.key)
        assert slot.latest_start == CAL.add_workdays(slot.latest_finish, -(max(step.duration_days, 1) - 1))
        for pred in step.after:
            assert plan.slot(pred).latest_finish < slot.latest_start
            assert plan.slot(pred).earliest_finish < slot.earliest_start
    assert plan.slot("start").latest_start == plan.slot("start").latest_finish
    assert plan.slot("topping").latest_start == CAL.next_workday(plan.slot("start").latest_finish)


def test_every_problem_is_named():
    steps = [Step("a", "签约", 1, ("c",)), Step("b", "注册", -2, ("a", "zz")), Step("c", "摘牌", 3, ("b",)),
             Step("a", "重复", 1), Step("", "空", 1), Step("s", "自身", 1, ("s",))]
    with pytest.raises(ScheduleError) as caught:
        validate(steps)
    problems = caught.value.problems
    keys = [k for k, _msg in problems]
    assert [""] in keys and ["a"] in keys and ["s"] in keys
    assert ["a", "b", "c"] in keys  # the cycle names every milestone on it
    text = " / ".join(msg for _k, msg in problems)
    assert "不能为负数" in text and "zz" in text and "签约 → 注册 → 摘牌 → 签约" in text and "重复" in text
    assert "不存在" in text and "自己" in text
    assert str(caught.value)


def test_valid_steps_in_topological_then_input_order():
    steps = [Step("c", "C", 1, ("a", "b")), Step("b", "B", 1), Step("a", "A", 1)]
    validate(steps)
    assert [s.key for s in topological(steps)] == ["b", "a", "c"]


def test_empty_plan():
    assert backward([], d(10, 9), CAL).slots == []


def test_replan_keeps_actuals_and_moves_the_rest_forward():
    steps = [Step("a", "A", 3), Step("b", "B", 2, ("a",)), Step("c", "C", 0, ("b",))]
    done = {"a": (d(9, 28), d(9, 30))}
    assert replan(steps, done, d(10, 8), CAL) == {
        "a": (d(9, 28), d(9, 30)), "b": (d(10, 8), d(10, 9)), "c": (d(10, 10), d(10, 10))}
    # Today in the holiday: the rest starts on the first working day after it.
    assert replan(steps, done, d(10, 3), CAL)["b"] == (d(10, 8), d(10, 9))
    # Not before today even when the predecessor finished long ago.
    assert replan(steps, done, d(10, 12), CAL)["b"] == (d(10, 12), d(10, 13))


def test_replan_of_a_milestone_under_way_and_not_before():
    steps = [Step("a", "A", 3), Step("b", "B", 2, ("a",)), Step("c", "C", 0, ("b",))]
    forecast = replan(steps, {"a": (d(9, 28), None)}, d(10, 9), CAL)
    assert forecast == {"a": (d(9, 28), d(10, 9)), "b": (d(10, 10), d(10, 12)), "c": (d(10, 13), d(10, 13))}
    # Under way and still within its duration: finishes on its own schedule.
    assert replan(steps, {"a": (d(9, 28), None)}, d(9, 28), CAL)["a"] == (d(9, 28), d(9, 30))
    later = replan(steps, {}, d(9, 28), CAL, not_before={"a": d(10, 8)})
    assert later["a"] == (d(10, 8), d(10, 10)) and later["b"] == (d(10, 12), d(10, 13))


def test_replan_keeps_a_finished_milestone_after_an_unfinished_one():
    steps = [Step("a", "A", 3), Step("b", "B", 2, ("a",))]
    forecast = replan(steps, {"b": (None, d(9, 30))}, d(10, 8), CAL)
    assert forecast["b"] == (d(9, 29), d(9, 30))  # start derived from the duration
    assert forecast["a"] == (d(10, 8), d(10, 10))


def test_replan_refuses_future_actuals_and_unknown_keys():
    steps = [Step("a", "A", 3)]
    with pytest.raises(ScheduleError) as caught:
        replan(steps, {"a": (d(9, 28), d(10, 9)), "x": (None, None)}, d(10, 8), CAL)
    assert [k for k, _m in caught.value.problems] == [["a"], ["x"]]
    with pytest.raises(ScheduleError):
        replan(steps, {"a": (d(9, 30), d(9, 28))}, d(10, 8), CAL)


def test_check_target():
    check_target(d(10, 9), today=d(10, 8), finished={"a": d(9, 30)})
    with pytest.raises(ScheduleError) as caught:
        check_target(d(9, 29), today=d(10, 8), finished={"a": d(9, 30)})
    assert [k for k, _m in caught.value.problems] == [[], ["a"]]
    assert "早于今天" in caught.value.problems[0][1]


def test_workday_index_matches_the_calendar():
    idx = workday_index(CAL)
    start = d(9, 1)
    for n in range(-400, 400, 7):
        assert idx.date(idx.floor(start) + n) == CAL.add_workdays(start, n)
    assert working_days_between(CAL, d(9, 30), d(10, 9)) == CAL.working_days_between(d(9, 30), d(10, 9)) == 2
    assert idx.ceil(d(10, 3)) == idx.floor(d(10, 8))
    assert idx.date(idx.floor(d(12, 31, 1989))) == date(1989, 12, 29)  # grows backwards far past the anchor
