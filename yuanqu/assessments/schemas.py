"""API input and output of the tier part: a year's facts, and the assessment entries."""

from decimal import Decimal

from ninja import Schema
from pydantic import ConfigDict


class FactsWrite(Schema):
    """The facts beyond the annual indicators for one year; null (or left out) = unknown."""

    model_config = ConfigDict(extra="forbid")

    high_value_class1_ip: int | None = None
    self_developed_class1_ip: int | None = None
    strategic_emerging: bool | None = None
    niche_years: int | None = None
    digital_level: int | None = None
    quality_award: bool | None = None
    quality_system_cert: bool | None = None
    own_brand: bool | None = None
    standards_drafted: bool | None = None
    rd_institution_level: str | None = None
    main_product_field: str | None = None
    national_market_share: Decimal | None = None
    high_tech_enterprise: bool | None = None
    sci_award: str | None = None
    sci_award_rank: int | None = None
    innovation_honour: bool | None = None
    maker_china: str | None = None
    net_profit: Decimal | None = None
    local_feature_score: Decimal | None = None
    core_it_system: bool | None = None
    intl_product_cert: bool | None = None
    priority_sector: bool | None = None
    national_market_rank: int | None = None
    development_score: Decimal | None = None
    sd_priority_industry: bool | None = None
    listed: bool | None = None
    standards_led: bool | None = None
    credit_score: Decimal | None = None


class FactsRead(FactsWrite):
    model_config = ConfigDict(extra="ignore")

    enterprise_id: int
    year: int


class LineRead(Schema):
    indicator: str
    value: str | None
    band: str | None
    points: float | None


class AssessmentRead(Schema):
    """One tier and rule version (or a six-capability / per-亩 entry, which may add keys)."""

    model_config = ConfigDict(extra="allow")

    tier: str
    rule_version: str
    eligible: bool | None
    score: float | None
    threshold: float | None = None
    verified: bool = True
    breakdown: list[LineRead] = []
    gaps: list[str] = []
    missing: list[str] = []
    notes: list[str] = []
    closeness: float | None = None
