"""/api/v1/enterprises: thin handlers over queries and services."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from yuanqu.accounts.models import Park
from yuanqu.core.pagination import LimitOffset

from . import services
from .filters import EnterpriseFilter
from .metrics import derived
from .permissions import can_create
from .queries import get_enterprise_for_user, list_enterprises
from .schemas import (
    EnterpriseCreate,
    EnterpriseFilters,
    EnterpriseList,
    EnterpriseRead,
    EnterpriseUpdate,
    IndicatorRead,
    IndicatorWrite,
)

router = Router(tags=["enterprises"])


def _model_data(payload: dict) -> dict:
    data = dict(payload)
    if "industry_code" in data:
        data["industry_id"] = data.pop("industry_code")
    data.pop("park_id", None)
    return data


@router.get("", response=list[EnterpriseList])
@paginate(LimitOffset)
def list_(request, filters: Query[EnterpriseFilters]):
    params = filters.dict(exclude_none=True)
    return EnterpriseFilter(params, queryset=list_enterprises(request.user), request=request).qs


@router.post("", response={201: EnterpriseRead})
def create(request, payload: EnterpriseCreate):
    user = request.user
    if not can_create(user):
        raise PermissionDenied
    park = get_object_or_404(Park, pk=payload.park_id) if user.is_district else user.park
    ent = services.create_enterprise(park=park, data=_model_data(payload.dict()), actor=user)
    return Status(201, ent)


@router.get("/{int:ent_id}", response=EnterpriseRead)
def read(request, ent_id: int):
    return get_enterprise_for_user(request.user, ent_id)


@router.put("/{int:ent_id}", response=EnterpriseRead)
def update(request, ent_id: int, payload: EnterpriseUpdate):
    ent = get_enterprise_for_user(request.user, ent_id, write=True)
    data = _model_data(payload.dict(exclude_unset=True))
    return services.update_enterprise(ent, data, actor=request.user)


@router.delete("/{int:ent_id}", response={204: None, 409: dict})
def delete(request, ent_id: int):
    ent = get_enterprise_for_user(request.user, ent_id)
    services.delete_enterprise(ent, actor=request.user)
    return Status(204, None)


@router.get("/{int:ent_id}/indicators", response=list[IndicatorRead])
def indicators(request, ent_id: int):
    ent = get_enterprise_for_user(request.user, ent_id)
    rows = list(ent.indicators.order_by("year"))
    return [dict(vars(r), **d) for r, d in zip(rows, derived(rows), strict=True)]


@router.put("/{int:ent_id}/indicators/{int:year}", response=IndicatorRead)
def put_indicators(request, ent_id: int, year: int, payload: IndicatorWrite):
    ent = get_enterprise_for_user(request.user, ent_id, write=True)
    row = services.save_indicators(ent, year, payload.dict(), actor=request.user)
    return row
