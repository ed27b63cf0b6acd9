"""API input and output of the cultivation pool, named by role (Create, Update, Read, List)."""

from datetime import date, datetime

from ninja import Field, Schema


class PoolQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="上年度 (default: last year)")
    tier: str = Field("", description="one tier code; empty: every tier")
    industry: str = Field("", max_length=4, description="a section letter or the first digits of a code")
    grid_id: int | None = None
    park_id: int | None = Field(None, description="district users: one park")
    missing: bool | None = Field(None, description="true: only firms with missing data; false: only complete")
    version: str = Field("", max_length=40, description="a rule version instead of the one in force")
    limit: int = Field(200, ge=1, le=5000, description="rows per list and tier")


class PoolEntryOut(Schema):
    enterprise_id: int
    name: str
    industry: str
    grid: str
    standing: str  # eligible | close | recognised
    rule_version: str | None
    verified: bool | None
    eligible: bool | None
    score: float | None
    threshold: float | None
    closeness: float | None
    gaps: list[str]
    missing: list[str]
    plan_id: int | None
    held: str


class TierPoolOut(Schema):
    tier: str
    label: str
    rule_version: str
    rule_versions: list[str]
    counts: dict[str, int]
    candidates: list[PoolEntryOut]
    recognised: list[PoolEntryOut]


class PoolOut(Schema):
    year: int
    tiers: list[TierPoolOut]


class PlanFilters(Schema):
    tier: str = ""
    status: str = ""
    enterprise_id: int | None = None
    officer_id: int | None = None
    overdue: bool = False


class PlanCreate(Schema):
    enterprise_id: int
    tier: str = Field(..., max_length=20)
    officer_id: int
    target_year: int = Field(..., ge=2000, le=2100)
    goal: str = Field("", max_length=2000)


class PlanUpdate(Schema):
    officer_id: int | None = None
    target_year: int | None = Field(None, ge=2000, le=2100)
    goal: str | None = Field(None, max_length=2000)


class PlanClose(Schema):
    reason: str = Field(..., max_length=200)


class ActionCreate(Schema):
    title: str = Field(..., max_length=200)
    due_on: date
    detail: str = Field("", max_length=2000)


class ActionUpdate(Schema):
    title: str | None = Field(None, max_length=200)
    due_on: date | None = None
    detail: str | None = Field(None, max_length=2000)
    status: str | None = Field(None, description="todo | doing | done | dropped")
    done_on: date | None = Field(None, description="with status done: the day it was done (default today)")


class ActionRead(Schema):
    id: int
    title: str
    detail: str
    due_on: date
    status: str
    done_on: date | None
    overdue: bool

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()


class NoteCreate(Schema):
    text: str = Field(..., max_length=2000)


class NoteRead(Schema):
    id: int
    text: str
    author: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj):
        return (obj.author.full_name or obj.author.username) if obj.author else ""


class PlanList(Schema):
    id: int
    park_id: int
    enterprise_id: int
    enterprise_name: str = Field(..., alias="enterprise.name")
    tier: str
    officer_id: int
    officer_name: str
    target_year: int
    status: str
    progress: int
    overdue_actions: int = Field(..., alias="n_overdue")

    @staticmethod
    def resolve_officer_name(obj):
        return obj.officer.full_name or obj.officer.username

    @staticmethod
    def resolve_progress(obj):
        from .cultivation_queries import progress

        return progress(obj)


class PlanRead(PlanList):
    goal: str
    closed_on: date | None
    close_reason: str
    actions: list[ActionRead]
    notes: list[NoteRead]

    @staticmethod
    def resolve_actions(obj):
        return list(obj.actions.order_by("due_on", "id"))

    @staticmethod
    def resolve_notes(obj):
        return list(obj.notes.select_related("author").order_by("-created_at", "-id"))


class RecognitionFilters(Schema):
    year: int | None = None
    tier: str = ""
    enterprise_id: int | None = None


class RecognitionCreate(Schema):
    enterprise_id: int
    tier: str = Field(..., max_length=20)
    year: int = Field(..., ge=2000, le=2100)
    recognised_on: date
    document_number: str = Field("", max_length=100)
    note: str = Field("", max_length=500)


class RecognitionRead(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(..., alias="enterprise.name")
    tier: str
    year: int
    recognised_on: date
    document_number: str
    note: str
    plan_id: int | None


class TierFigure(Schema):
    tier: str
    label: str
    recognised: int
    holders: int


class YearFigures(Schema):
    year: int
    tiers: list[TierFigure]
