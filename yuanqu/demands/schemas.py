"""API input and output for demands."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from .models import Urgency


class ClassifyIn(Schema):
    text: str = Field(..., min_length=1, max_length=5000)


class Alternative(Schema):
    category: str
    confidence: float


class ClassifyOut(Schema):
    category: str
    confidence: float
    alternatives: list[Alternative]
    keywords: list[str]
    subtype: str | None = None
    urgency: str


class DemandCreate(Schema):
    enterprise_id: int | None = Field(None, description="required for staff; a firm user files for itself")
    title: str = Field(..., max_length=100)
    text: str = Field(..., max_length=5000)
    urgency: str = "normal"
    category: str | None = Field(None, description="category code (staff only)")
    contact_name: str = Field("", max_length=50)
    contact_phone: str = Field("", max_length=30)
    address: str = Field("", max_length=255)


class DemandFilters(Schema):
    """Query parameters of the list, for the docs: the demand FilterSet reads and checks them."""

    q: str | None = Field(None, description="number, or words of the title or the text")
    status: str | None = Field(None, description="a workflow status, e.g. pending")
    state: str | None = Field(None, description="open or closed")
    category: list[str] = Field([], description="category codes (repeat the parameter for several)")
    department: str | None = Field(None, description="lead department id")
    grid: str | None = Field(None, description="grid id of the firm")
    enterprise: str | None = Field(None, description="enterprise id")
    urgency: str | None = None
    channel: str | None = None
    year: str | None = None
    created_from: str | None = Field(None, description="YYYY-MM-DD or an ISO 8601 date and time")
    created_to: str | None = Field(None, description="YYYY-MM-DD (the whole day) or ISO 8601 date and time")
    overdue: str | None = Field(None, description="true or false")
    park: str | None = Field(None, description="park id (district users)")


class EventRead(Schema):
    action: str
    actor: str = Field(..., alias="actor_repr")
    from_status: str
    to_status: str
    note: str
    created_at: datetime


class AnswerRead(Schema):
    text: str
    actor: str
    answered_at: datetime


class DemandList(Schema):
    id: int
    number: str
    title: str
    enterprise_id: int
    enterprise_name: str = Field(..., alias="enterprise.name")
    category: str | None = Field(None, alias="category.code")
    subtype: str | None = Field(None, alias="subtype.name")
    urgency: str
    status: str
    needs_triage: bool
    department: str | None = Field(None, alias="department.name")
    handler_id: int | None
    deadline_at: datetime | None
    created_at: datetime


class DemandRead(DemandList):
    text: str
    channel: str
    ai: dict
    reply: str
    rating: str
    rating_comment: str
    merged_into_id: int | None
    events: list[EventRead]
    answers: list[AnswerRead] = Field(..., description="every answer, oldest first; reply is the latest")

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())

    @staticmethod
    def resolve_answers(obj):
        return [{"text": e.data["reply"], "actor": e.actor_repr, "answered_at": e.created_at}
                for e in obj.events.all() if e.action == "resolve" and e.data.get("reply")]


class ActionIn(Schema):
    note: str = Field("", max_length=2000)
    reply: str = Field("", max_length=5000)
    rating: str | None = None
    department_id: int | None = None
    into_number: str | None = None


class ClassificationIn(Schema):
    category: str = Field(..., max_length=50)
    subtype: str | None = Field(None, description="a sub-type name of the category; unknown names are 422")
    urgency: str | None = Field(None, description="normal, urgent or emergency")

    @field_validator("urgency")
    @classmethod
    def known_urgency(cls, value):
        if value is not None and value not in Urgency.values:
            raise ValueError(_("Choose normal, urgent or emergency."))
        return value


class SimilarOut(Schema):
    id: int
    number: str
    title: str
    score: float
