"""Where a demo project stands today (pure): its target, planned and actual milestone dates.

A project is described by a `Timeline` in working days relative to the seed day, so its colour
(green / yellow / red) is the same whenever the demo is loaded. Milestones are named by their
names (主体封顶, 施工许可 …), so the same description fits any template that has them:

- `at`, `into`: today is `into` working days after milestone `at` would start if all went as
  soon as possible (past its duration: that many days after it began);
- `slack`: working days between the as-soon-as-possible finish and the target, so the backward
  plan (latest dates) lies that much after the work as done;
- `late`: extra working days some milestones took; a late milestone on the critical path makes
  its successors forecast late (1–5 days beyond the slack: yellow, more: red);
- `stuck`: a milestone started but not finished, however long ago its plan said it would be
  (red once the planned finish has passed).

The work runs as soon as possible from its start (each milestone the working day after its
predecessors finish, the scheduling conventions of `yuanqu.projects.schedule`); a milestone is
recorded finished when it finished before today, started when it started on or before today.
"""

from dataclasses import dataclass, field
from datetime import date

from yuanqu.calendar.workdays import WorkCalendar
from yuanqu.projects import schedule, status

NEVER = 10**6


@dataclass(frozen=True)
class Timeline:
    """A demo project's progress, in working days relative to today (see the module notes)."""

    at: str
    into: int
    slack: int = 0
    late: dict = field(default_factory=dict)
    stuck: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "Timeline":
        return cls(at=data["at"], into=data["into"], slack=data.get("slack", 0),
                   late=dict(data.get("late", {})), stuck=data.get("stuck"))

    def keyed(self, steps) -> tuple[str, dict, str | None]:
        """`at`, `late` and `stuck` with the steps' keys instead of names."""
        key = {s.name: s.key for s in steps}
        return key[self.at], {key[n]: d for n, d in self.late.items()}, self.stuck and key[self.stuck]


@dataclass(frozen=True)
class Placed:
    """One milestone: the backward plan, the re-planned forecast, the actuals and its colour."""

    key: str
    planned_start: date
    planned_finish: date
    float_days: int
    critical: bool
    actual_start: date | None
    actual_finish: date | None
    forecast_start: date
    forecast_finish: date
    health: str


@dataclass(frozen=True)
class Placement:
    """A demo project as of today: target date, work start, milestones and colour."""

    target: date
    start: date
    milestones: list[Placed]
    health: str

    def milestone(self, key: str) -> Placed:
        return next(m for m in self.milestones if m.key == key)


def _asap(steps, start: int, late: dict, stuck: str | None):
    """Working-day ordinals (start, finish) of each step run as soon as possible from `start`."""
    out = {}
    for s in schedule.topological(steps):
        first = max((out[p][1] + 1 for p in s.after), default=start)
        span = max(s.duration_days, 1) - 1
        out[s.key] = (first, NEVER if s.key == stuck else first + span + late.get(s.key, 0))
    return out


def place(steps, timeline: Timeline, today: date, cal: WorkCalendar, *,
          signed: date | None = None) -> Placement:
    """Target, plan, actuals, forecast and colours of a project described by `timeline`.

    `signed` (optional) is the signing day of a first milestone without predecessors when it was
    signed earlier than the work started (signed last year, worked on later)."""
    idx = schedule.workday_index(cal)
    now = idx.floor(today)
    at, late, stuck = timeline.keyed(steps)
    start = now - timeline.into - _asap(steps, 0, {}, None)[at][0]
    ideal = _asap(steps, start, {}, None)
    target = idx.date(max(f for _s, f in ideal.values()) + timeline.slack)
    plan = schedule.backward(steps, target, cal)
    actual = _asap(steps, start, late, stuck)
    actuals = {}
    for s in steps:
        first, last = actual[s.key]
        begun = idx.date(first) if first <= now else None
        done = idx.date(last) if last < now else None
        if signed and not s.after and begun and signed < begun:
            begun, done = signed, signed if done else None
        actuals[s.key] = (begun, done)
    return _placement(steps, plan, actuals, target, idx.date(start), today, cal)


def _placement(steps, plan, actuals, target, start, today, cal) -> Placement:
    # Re-planned as the projects services do it (unfinished work forward from today).
    forecast = schedule.replan(steps, {k: v for k, v in actuals.items() if v[0]}, today, cal)
    rows = []
    for s in steps:
        slot, (begun, done), (f_start, f_finish) = plan.slot(s.key), actuals[s.key], forecast[s.key]
        health = status.milestone_health(planned_finish=slot.latest_finish, forecast_finish=f_finish,
                                         actual_finish=done, today=today, cal=cal)
        rows.append(Placed(s.key, slot.latest_start, slot.latest_finish, slot.float_days, slot.critical,
                           begun, done, f_start, f_finish, health))
    return Placement(target, start, rows, status.project_health(m.health for m in rows))


# Stages, latest first, with the name of the milestone whose finish marks each.
STAGE_MARKS = [("operating", "投产"), ("completed", "竣工验收"), ("started", "开工"), ("land", "土地摘牌"),
               ("registered", "公司注册")]


def stage_of(placement: Placement, steps) -> str:
    """The project's stage from its finished milestones (by the industrial template's names)."""
    names = {s.key: s.name for s in steps}
    finished = {names[m.key] for m in placement.milestones if m.actual_finish}
    under_way = any(m.actual_start and not m.actual_finish for m in placement.milestones)
    for stage, name in STAGE_MARKS:
        if name in finished:
            return "building" if stage == "started" and under_way else stage
    return "signed"
