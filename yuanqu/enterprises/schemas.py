"""API input and output for firm records, named by role (Create, Update, Read, List)."""

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from .models import INDICATOR_FIELDS


class EnterpriseBase(Schema):
    name: str = Field(..., max_length=200)
    credit_code: str = Field(..., max_length=30)
    legal_rep: str = Field("", max_length=50)
    founded_on: date | None = None
    registered_capital: Decimal | None = None
    address: str = Field("", max_length=255)
    zone: str = Field("", max_length=50)
    grid_id: int | None = None
    grid_worker_id: int | None = None
    industry_code: str = Field(..., max_length=4)
    status: str = "active"
    description: str = Field("", max_length=5000)


class EnterpriseCreate(EnterpriseBase):
    park_id: int | None = Field(None, description="district users only: the firm's park")


class EnterpriseUpdate(Schema):
    name: str | None = Field(None, max_length=200)
    credit_code: str | None = Field(None, max_length=30)
    legal_rep: str | None = Field(None, max_length=50)
    founded_on: date | None = None
    registered_capital: Decimal | None = None
    address: str | None = Field(None, max_length=255)
    zone: str | None = Field(None, max_length=50)
    grid_id: int | None = None
    grid_worker_id: int | None = None
    industry_code: str | None = Field(None, max_length=4)
    status: str | None = None
    description: str | None = Field(None, max_length=5000)


class QualificationRead(Schema):
    kind: str
    granted_on: date
    expires_on: date | None


class EnterpriseList(Schema):
    id: int
    park_id: int
    name: str
    credit_code: str
    industry_code: str = Field(..., alias="industry_id")
    industry_name: str = Field(..., alias="industry.name")
    zone: str
    grid_id: int | None
    size_class: str
    status: str
    qualifications: list[str]

    @staticmethod
    def resolve_qualifications(obj):
        return [q.kind for q in getattr(obj, "current_quals", obj.qualifications.all())]


class EnterpriseRead(EnterpriseList):
    legal_rep: str
    founded_on: date | None
    registered_capital: Decimal | None
    address: str
    grid_worker_id: int | None
    description: str
    created_at: str
    updated_at: str

    @staticmethod
    def resolve_created_at(obj):
        return obj.created_at.isoformat()

    @staticmethod
    def resolve_updated_at(obj):
        return obj.updated_at.isoformat()


class IndicatorWrite(Schema):
    revenue: Decimal | None = None
    main_business_revenue: Decimal | None = None
    total_profit: Decimal | None = None
    tax_paid: Decimal | None = None
    rd_expense: Decimal | None = None
    employees: int | None = None
    rd_staff: int | None = None
    total_assets: Decimal | None = None
    total_liabilities: Decimal | None = None
    export_value: Decimal | None = None
    fixed_asset_investment: Decimal | None = None
    invention_patents: int | None = None
    class1_ip: int | None = None
    class2_ip: int | None = None
    land_area_mu: Decimal | None = None
    energy_consumption_tce: Decimal | None = None
    equity_financing: Decimal | None = None


class IndicatorRead(IndicatorWrite):
    year: int
    rd_intensity: Decimal | None = None
    debt_ratio: Decimal | None = None
    tax_per_mu: Decimal | None = None
    revenue_growth: Decimal | None = None


class EnterpriseFilters(Schema):
    """Query parameters of the list; they feed the same FilterSet as the list page."""

    q: str | None = None
    industry: str | None = None
    zone: str | None = None
    grid: int | None = None
    size_class: str | None = None
    qualification: str | None = None
    status: str | None = None
    park: int | None = None


assert set(IndicatorWrite.model_fields) == set(INDICATOR_FIELDS)
