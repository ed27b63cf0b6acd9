"""Stand-in for `schedule.py` and `status.py` (written in parallel on another branch) with the same
interface, so the services run and are tested before those land. Deleted when they are merged;
`services.py` imports the real modules first and falls back to this one only while they are missing.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

TOLERANCE_DAYS = 5


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    duration_days: int
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slot:
    key: str
    earliest_start: date
    earliest_finish: date
    latest_start: date
    latest_finish: date
    float_days: int
    critical: bool


@dataclass(frozen=True)
class Plan:
    slots: list[Slot]
    critical_path: list[str]
    start: date

    def slot(self, key) -> Slot:
        return next(s for s in self.slots if s.key == key)


class ScheduleError(ValueError):
    def __init__(self, problems):
        super().__init__("; ".join(msg for _keys, msg in problems))
        self.problems = problems


def _order(steps):
    by_key = {s.key: s for s in steps}
    done, order, pending = set(), [], list(steps)
    while pending:
        ready = [s for s in pending if all(a in done for a in s.after)]
        if not ready:
            raise ScheduleError([([s.key for s in pending], "里程碑之间存在循环依赖")])
        for s in ready:
            done.add(s.key)
            order.append(s)
        pending = [s for s in pending if s.key not in done]
    return order, by_key


def validate(steps: Sequence[Step]) -> None:
    keys = [s.key for s in steps]
    problems = [([k], "里程碑键重复") for k in sorted({k for k in keys if keys.count(k) > 1})]
    problems += [([s.key], "工期不能为负数") for s in steps if s.duration_days < 0]
    problems += [([s.key, a], "依赖了不存在的里程碑") for s in steps for a in s.after if a not in keys]
    if problems:
        raise ScheduleError(problems)
    _order(steps)


def _finish(cal, start, d):
    return start if d == 0 else cal.add_workdays(start, d - 1)


def _start(cal, finish, d):
    return finish if d == 0 else cal.add_workdays(finish, -(d - 1))


def backward(steps, target: date, cal) -> Plan:
    validate(steps)
    order, _by_key = _order(steps)
    end = target if cal.is_workday(target) else cal.previous_workday(target)
    succ = {s.key: [t for t in steps if s.key in t.after] for s in steps}
    late = {}
    for s in reversed(order):
        lf = min((cal.previous_workday(late[t.key][0]) for t in succ[s.key]), default=end)
        late[s.key] = (_start(cal, lf, s.duration_days), lf)
    start = min(ls for ls, _lf in late.values())
    early = {}
    for s in order:
        es = max((cal.next_workday(early[a][1]) for a in s.after), default=start)
        early[s.key] = (es, _finish(cal, es, s.duration_days))
    slots = []
    for s in steps:
        fl = cal.working_days_between(early[s.key][0], late[s.key][0])
        slots.append(Slot(s.key, *early[s.key], *late[s.key], fl, fl == 0))
    path = [s.key for s in order if next(x for x in slots if x.key == s.key).critical]
    return Plan(slots=slots, critical_path=path, start=start)


def replan(steps, actuals, today: date, cal) -> dict:
    order, _by_key = _order(steps)
    first = today if cal.is_workday(today) else cal.next_workday(today)
    out = {}
    for s in order:
        a_start, a_finish = actuals.get(s.key, (None, None))
        if a_finish:
            out[s.key] = (a_start or _start(cal, a_finish, s.duration_days), a_finish)
            continue
        if a_start:
            out[s.key] = (a_start, max(_finish(cal, a_start, s.duration_days), first))
            continue
        es = max([first, *(cal.next_workday(out[a][1]) for a in s.after)])
        out[s.key] = (es, _finish(cal, es, s.duration_days))
    return out


def milestone_health(*, planned_finish, forecast_finish, actual_finish, today, cal,
                     tolerance=TOLERANCE_DAYS) -> str:
    if planned_finish is None:
        return "green"
    ref = actual_finish or forecast_finish or planned_finish
    if actual_finish is None and today > ref:
        ref = today
    slip = cal.working_days_between(planned_finish, ref) if ref > planned_finish else 0
    return "green" if slip == 0 else ("yellow" if slip <= tolerance else "red")


RANK = {"green": 0, "yellow": 1, "red": 2}


def project_health(healths: Iterable[str]) -> str:
    return max(healths, key=RANK.__getitem__, default="green")
