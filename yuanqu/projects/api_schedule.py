"""`POST /api/v1/projects/schedule`: backward scheduling as a planning call that stores nothing.

Conventions in `schedule.py` and docs/scheduling.md. Bad milestones (a cycle, an unknown key, a
negative duration, a key used twice) and a target before today answer 422, one item per milestone
concerned: ``{"detail": [{"loc": ["body", "milestones", i, "after"], "msg": "…"}]}``.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Field, Router, Schema
from ninja.errors import ValidationError
from pydantic import field_validator

from yuanqu.calendar.queries import work_calendar

from .permissions import can_see_projects
from .schedule import ScheduleError, Step, backward, check_target

router = Router(tags=["projects"])
MAX_MILESTONES = 1000


class MilestoneIn(Schema):
    key: str = Field(max_length=40)
    name: str = Field("", max_length=100)
    duration_days: int = Field(le=5000)
    after: list[str] = Field(default_factory=list, max_length=200)

    @field_validator("key")
    @classmethod
    def _key_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(_("Give each milestone a key."))
        return value.strip()


class SlotOut(Schema):
    key: str
    latest_start: date
    latest_finish: date
    float_days: int
    earliest_start: date
    earliest_finish: date
    critical: bool


class ScheduleOut(Schema):
    milestones: list[SlotOut]
    critical_path: list[str]
    start: date


def _item(loc: tuple, msg: str) -> dict:
    return {"loc": loc, "msg": msg, "type": "value_error", "ctx": {"error": msg}}


def _error_items(problems, steps: list[Step]) -> list[dict]:
    """One error item per milestone a problem names, located at the field it is about."""
    items = []
    for problem in problems:
        keys, msg = problem
        where = getattr(problem, "field", "") or "after"
        if where == "target":
            items.append(_item(("body", "target"), msg))
        else:
            items.extend(_item(("body", "milestones", i, where), msg)
                         for i, step in enumerate(steps) if step.key in keys)
    return items


def _plan(target: date, steps: list[Step]):
    problems = []
    try:
        check_target(target, today=timezone.localdate())
    except ScheduleError as exc:
        problems += exc.problems
    try:
        return backward(steps, target, work_calendar()), problems
    except ScheduleError as exc:
        return None, problems + exc.problems


@router.post("/schedule", response=ScheduleOut)
def schedule(request, target: Body[date], milestones: Body[list[MilestoneIn]]):
    """Latest start and finish, float and the critical path of each milestone for a target date
    (倒排工期); stores nothing."""
    if not can_see_projects(request.user):
        raise PermissionDenied
    if not 1 <= len(milestones) <= MAX_MILESTONES:
        raise ValidationError([_item(("body", "milestones"), _("Give 1 to %(n)d milestones.")
                                     % {"n": MAX_MILESTONES})])
    steps = [Step(m.key, m.name or m.key, m.duration_days, tuple(m.after)) for m in milestones]
    plan, problems = _plan(target, steps)
    if problems:
        raise ValidationError(_error_items(problems, steps))
    return {"milestones": plan.slots, "critical_path": plan.critical_path, "start": plan.start}
