"""API output for resources and matches, named by role."""

from datetime import datetime

from ninja import Field, Schema


class MatchOut(Schema):
    resource_id: int
    external_id: str
    kind: str
    title: str
    score: float
    reasons: list[str]


class ResourceList(Schema):
    id: int
    park_id: int
    kind: str
    title: str
    external_id: str
    tags: list[str]
    industry_code: str | None = Field(None, alias="industry_id")
    owner_id: int | None
    institution_id: int | None
    is_active: bool


class ResourceRead(ResourceList):
    description: str
    owner_name: str | None = Field(None, alias="owner.name")
    institution_name: str | None = Field(None, alias="institution.name")
    created_at: datetime
    updated_at: datetime


class ResourceFilters(Schema):
    kind: str | None = Field(None, description="product, capability, need, service, policy or technology")
    q: str | None = Field(None, max_length=200, description="words in the title")
