"""API input and output for key projects, milestones, notes and problems, named by role."""

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from ninja import Field, Schema


class ProjectFields(Schema):
    name: str | None = Field(None, max_length=200)
    year: int | None = None
    level: str | None = Field(None, description="city, district or park")
    industry_code: str | None = Field(None, max_length=4, description="GB/T 4754-2017 4-digit class")
    investor_id: int | None = Field(None, description="a registered firm of the same park")
    investor_name: str | None = Field(None, max_length=200)
    total_investment: Decimal | None = Field(None, description="10k yuan (万元)")
    annual_planned_investment: Decimal | None = None
    floor_area_m2: Decimal | None = None
    plot_id: int | None = None
    stage: str | None = Field(None, description="signed, registered, land, started, building, completed, "
                                                "operating")
    firm_contact_name: str | None = Field(None, max_length=50)
    firm_contact_phone: str | None = Field(None, max_length=30)
    score_intensity: int | None = Field(None, ge=0, le=100)
    score_technology: int | None = Field(None, ge=0, le=100)
    score_driving: int | None = Field(None, ge=0, le=100)
    score_tax: int | None = Field(None, ge=0, le=100)
    description: str | None = Field(None, max_length=5000)


class ProjectCreate(ProjectFields):
    name: str = Field(..., max_length=200)
    year: int
    total_investment: Decimal
    park_id: int | None = Field(None, description="district users only: the project's park")


class ProjectUpdate(ProjectFields):
    """Only the fields sent change; `target_date` re-plans backwards, `lead_id`/`member_ids` set the
    task force."""

    target_date: date | None = None
    lead_id: int | None = None
    member_ids: list[int] | None = None


class ProjectList(Schema):
    id: int
    park_id: int
    name: str
    year: int
    level: str
    stage: str
    health: str
    industry_code: str | None = Field(None, alias="industry_id")
    investor_id: int | None
    investor: str
    total_investment: Decimal
    annual_planned_investment: Decimal | None
    floor_area_m2: Decimal | None
    plot_id: int | None
    target_date: date | None

    @staticmethod
    def resolve_investor(obj):
        return obj.investor.name if obj.investor_id else obj.investor_name


class ProjectRead(ProjectList):
    investor_name: str
    lead_id: int | None
    member_ids: list[int]
    firm_contact_name: str
    firm_contact_phone: str
    score_intensity: int | None
    score_technology: int | None
    score_driving: int | None
    score_tax: int | None
    template_id: int | None
    health_on: date | None
    description: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_member_ids(obj):
        return sorted(m.pk for m in obj.members.all())


class MilestoneRead(Schema):
    key: str
    name: str
    order: int
    duration_days: int
    after: list[str]
    planned_start: date | None
    planned_finish: date | None
    forecast_start: date | None
    forecast_finish: date | None
    actual_start: date | None
    actual_finish: date | None
    float_days: int | None
    critical: bool
    health: str
    note: str


class MilestoneUpdate(Schema):
    """Only the fields sent change; null clears an actual date."""

    actual_start: date | None = None
    actual_finish: date | None = None
    note: str | None = Field(None, max_length=500)


class ApplyTemplate(Schema):
    template_id: int
    target: date


class NoteCreate(Schema):
    on: date
    text: str = Field(..., min_length=1, max_length=5000)
    milestone_key: str | None = Field(None, max_length=40)
    month_amount: Decimal | None = Field(None, ge=0, description="invested this month so far, 10k yuan")


class PhotoRead(Schema):
    id: int
    caption: str
    url: str

    @staticmethod
    def resolve_url(obj):
        return reverse("projects:photo", args=[obj.pk])


class NoteRead(Schema):
    id: int
    on: date
    text: str
    milestone_key: str | None
    author: str
    photos: list[PhotoRead]
    created_at: datetime

    @staticmethod
    def resolve_milestone_key(obj):
        return obj.milestone.key if obj.milestone_id else None

    @staticmethod
    def resolve_author(obj):
        return (getattr(obj.author, "full_name", "") or str(obj.author)) if obj.author_id else ""

    @staticmethod
    def resolve_photos(obj):
        return list(obj.photos.all())


class ProblemCreate(Schema):
    title: str = Field(..., min_length=1, max_length=100)
    text: str = Field(..., min_length=1, max_length=5000)
    urgency: str | None = Field(None, description="normal, urgent or emergency")


class ProblemRead(Schema):
    id: int
    demand_id: int
    number: str = Field(..., alias="demand.number")
    title: str = Field(..., alias="demand.title")
    status: str = Field(..., alias="demand.status")
    created_at: datetime


class ProjectFilters(Schema):
    """Query parameters of the list; they feed the same FilterSet as the list page."""

    q: str | None = None
    level: str | None = None
    stage: str | None = None
    health: str | None = None
    year: int | None = None
    industry: str | None = None
    park: int | None = None
