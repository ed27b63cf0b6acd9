"""API input and output for dispatch meetings and their actions, named by role."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Schema


class MeetingCreate(Schema):
    held_on: date
    title: str = Field("", max_length=200, description="empty: named after the park and the ISO week")
    chair: str = Field("", max_length=50)
    minutes: str = Field("", max_length=10000)
    park_id: int | None = Field(None, description="district users only: the meeting's park")


class MeetingUpdate(Schema):
    held_on: date | None = None
    title: str | None = Field(None, max_length=200)
    chair: str | None = Field(None, max_length=50)
    minutes: str | None = Field(None, max_length=10000)


class MeetingList(Schema):
    id: int
    park_id: int
    held_on: date
    title: str
    chair: str
    closed: bool = Field(..., description="the minutes are final")
    agenda_count: int
    open_actions: int
    overdue_actions: int


class AgendaItemRead(Schema):
    order: int
    reason: str = Field(..., description="red, yellow, problem or action")
    project_id: int | None
    problem_id: int | None
    demand_id: int | None = Field(None, description="the problem's demand (诉求)")
    action_id: int | None
    summary: str

    @staticmethod
    def resolve_demand_id(obj):
        return obj.problem.demand_id if obj.problem_id else None


class ActionCreate(Schema):
    decision: str = Field(..., max_length=2000)
    action: str = Field(..., max_length=500)
    due_on: date
    owner_id: int | None = Field(None, description="a user of the meeting's park")
    owner_name: str = Field("", max_length=50, description="or the owner's name")
    project_id: int | None = None


class ActionUpdate(Schema):
    decision: str | None = Field(None, max_length=2000)
    action: str | None = Field(None, max_length=500)
    due_on: date | None = None
    owner_id: int | None = None
    owner_name: str | None = Field(None, max_length=50)
    project_id: int | None = None


class ActionClose(Schema):
    result: str = Field(..., max_length=500)
    done_on: date | None = Field(None, description="default today; never in the future")


class ActionRead(Schema):
    id: int
    meeting_id: int
    project_id: int | None
    decision: str
    action: str
    owner_id: int | None
    owner_name: str
    due_on: date
    done_on: date | None
    result: str
    state: str = Field(..., description="open, overdue or done")

    @staticmethod
    def resolve_state(obj):
        if obj.done_on:
            return "done"
        return "overdue" if obj.due_on < timezone.localdate() else "open"


class MeetingRead(Schema):
    id: int
    park_id: int
    held_on: date
    title: str
    chair: str
    minutes: str
    closed: bool
    created_at: datetime
    updated_at: datetime
    agenda: list[AgendaItemRead]
    actions: list[ActionRead]

    @staticmethod
    def resolve_agenda(obj):
        return list(obj.agenda.select_related("problem").order_by("order", "id"))

    @staticmethod
    def resolve_actions(obj):
        return list(obj.actions.order_by("due_on", "id"))


class ActionFilters(Schema):
    state: str | None = Field(None, description="open, overdue (open past the deadline) or done")
    meeting_id: int | None = None
