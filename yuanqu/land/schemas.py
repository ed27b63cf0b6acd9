"""API input and output for plots, disposal plans, steps and land needs, named by role."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

GEOMETRY_HELP = "GeoJSON Polygon or MultiPolygon in longitude/latitude (object or text); a Feature works too"


class PlotBase(Schema):
    name: str = Field("", max_length=100)
    area_mu: Decimal | None = Field(None, description="亩; left out: the area of the geometry")
    use: str = "industrial"
    status: str = "in_use"
    occupant_id: int | None = None
    owner_name: str = Field("", max_length=200)
    has_road: bool = False
    has_water: bool = False
    has_power: bool = False
    has_gas: bool = False
    has_drainage: bool = False
    has_telecom: bool = False
    has_heat: bool = False
    plot_ratio_min: Decimal | None = None
    plot_ratio_max: Decimal | None = None
    height_limit_m: Decimal | None = None
    price_per_mu: Decimal | None = Field(None, description="万元/亩")
    available_on: date | None = None
    note: str = Field("", max_length=2000)


class PlotCreate(PlotBase):
    code: str = Field(..., max_length=40)
    geometry: dict | str = Field(..., description=GEOMETRY_HELP)
    park_id: int | None = Field(None, description="district users only: the plot's park")


class PlotUpdate(Schema):
    code: str | None = Field(None, max_length=40)
    name: str | None = Field(None, max_length=100)
    geometry: dict | str | None = Field(None, description=GEOMETRY_HELP)
    area_mu: Decimal | None = None
    use: str | None = None
    status: str | None = None
    occupant_id: int | None = None
    owner_name: str | None = Field(None, max_length=200)
    has_road: bool | None = None
    has_water: bool | None = None
    has_power: bool | None = None
    has_gas: bool | None = None
    has_drainage: bool | None = None
    has_telecom: bool | None = None
    has_heat: bool | None = None
    plot_ratio_min: Decimal | None = None
    plot_ratio_max: Decimal | None = None
    height_limit_m: Decimal | None = None
    price_per_mu: Decimal | None = None
    available_on: date | None = None
    note: str | None = Field(None, max_length=2000)


class PlotList(Schema):
    id: int
    park_id: int
    code: str
    name: str
    area_mu: Decimal
    use: str
    status: str
    occupant_id: int | None
    occupant_name: str | None = Field(None, alias="occupant.name")
    flagged_low_efficiency: bool
    flag_reason: str
    bbox: list[float]

    @staticmethod
    def resolve_bbox(obj):
        return [obj.min_lon, obj.min_lat, obj.max_lon, obj.max_lat]


class PlotRead(PlotBase, PlotList):
    geometry: dict
    flagged_on: date | None
    created_at: datetime
    updated_at: datetime


class StatusChange(Schema):
    status: str
    note: str = Field("", max_length=500)


class PlotFilters(Schema):
    """Query parameters of the list; they feed the same FilterSet as the list page."""

    q: str | None = None
    status: str | None = None
    use: str | None = None
    flagged: str | None = Field(None, description="1: flagged as low efficiency, 0: not flagged")
    park: int | None = None


class StepWrite(Schema):
    title: str = Field(..., max_length=200)
    owner_id: int | None = None
    deadline: date | None = None
    order: int | None = Field(None, ge=0, le=32767)


class StepUpdate(Schema):
    title: str | None = Field(None, max_length=200)
    owner_id: int | None = None
    deadline: date | None = None
    order: int | None = Field(None, ge=0, le=32767)


class StepRead(Schema):
    id: int
    order: int
    title: str
    owner_id: int | None
    deadline: date | None
    done_on: date | None


class StepDone(Schema):
    done_on: date | None = None


class PlanCreate(Schema):
    method: str
    status: str = "draft"
    goal: str = Field("", max_length=2000)
    owner_id: int | None = None
    deadline: date | None = None


class PlanUpdate(Schema):
    method: str | None = None
    status: str | None = None
    goal: str | None = Field(None, max_length=2000)
    owner_id: int | None = None
    deadline: date | None = None


class PlanComplete(Schema):
    placed_enterprise_id: int | None = None
    revitalised_mu: Decimal | None = Field(None, description="亩; left out: the whole plot")
    completed_on: date | None = Field(None, description="left out: today")


class PlanRead(Schema):
    id: int
    plot_id: int
    plot_code: str = Field(..., alias="plot.code")
    method: str
    status: str
    goal: str
    owner_id: int | None
    deadline: date | None
    placed_enterprise_id: int | None
    revitalised_mu: Decimal | None
    completed_on: date | None
    steps: list[StepRead]

    @staticmethod
    def resolve_steps(obj):
        return list(obj.steps.all())


class NeedBase(Schema):
    enterprise_id: int | None = None
    max_area_mu: Decimal | None = None
    use: str = "industrial"
    needs_road: bool = False
    needs_water: bool = False
    needs_power: bool = False
    needs_gas: bool = False
    needs_drainage: bool = False
    needs_telecom: bool = False
    needs_heat: bool = False
    budget: Decimal | None = Field(None, description="万元")
    needed_by: date | None = None
    min_plot_ratio: Decimal | None = None
    description: str = Field("", max_length=2000)
    is_open: bool = True


class NeedCreate(NeedBase):
    title: str = Field(..., max_length=200)
    min_area_mu: Decimal
    park_id: int | None = Field(None, description="district users only: the need's park")


class NeedUpdate(Schema):
    title: str | None = Field(None, max_length=200)
    enterprise_id: int | None = None
    min_area_mu: Decimal | None = None
    max_area_mu: Decimal | None = None
    use: str | None = None
    needs_road: bool | None = None
    needs_water: bool | None = None
    needs_power: bool | None = None
    needs_gas: bool | None = None
    needs_drainage: bool | None = None
    needs_telecom: bool | None = None
    needs_heat: bool | None = None
    budget: Decimal | None = None
    needed_by: date | None = None
    min_plot_ratio: Decimal | None = None
    description: str | None = Field(None, max_length=2000)
    is_open: bool | None = None


class NeedRead(NeedBase):
    id: int
    park_id: int
    title: str
    min_area_mu: Decimal
    created_at: datetime


class ReasonOut(Schema):
    criterion: str
    points: float
    weight: int
    text: str


class MatchOut(Schema):
    plot_id: int
    code: str
    name: str
    area_mu: Decimal
    status: str
    score: int
    reasons: list[ReasonOut]


class FiguresOut(Schema):
    year: int
    park_id: int | None
    plots_revitalised: int
    mu_revitalised: Decimal
    firms_placed: int
    plan_ids: list[int]


class ImportOut(Schema):
    rows: int
    created: int
    updated: int
    errors: list[dict]
