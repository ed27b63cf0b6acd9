"""/api/v1/demands: the same actions as the pages, through the same services."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Header, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from yuanqu.accounts.models import Department
from yuanqu.accounts.permissions import is_enterprise_user
from yuanqu.core.api_errors import query_error
from yuanqu.core.idempotency import fingerprint, idempotent
from yuanqu.core.pagination import LimitOffset
from yuanqu.enterprises.permissions import member_enterprise_id
from yuanqu.enterprises.queries import get_enterprise_for_user

from . import queries, services
from .filters import DemandFilter
from .models import Category, Channel, SubType
from .permissions import confirms_category_on_submit
from .schemas import (
    ActionIn,
    ClassificationIn,
    ClassifyIn,
    ClassifyOut,
    DemandCreate,
    DemandFilters,
    DemandList,
    DemandRead,
    SimilarOut,
)
from .workflow import SPECS, Action

router = Router(tags=["demands"])


@router.post("/classify", response={200: ClassifyOut, 503: dict})
def classify(request, payload: ClassifyIn):
    """The classifier's proposal for a text; nothing is saved. 503 while no model is installed."""
    if not payload.text.strip():
        raise ValidationError({"text": _("This field is required.")})
    prediction = services.classify_text(payload.text)
    if prediction is None:
        message = _("The classifier is not available; try again later.")
        return Status(503, {"detail": [{"loc": [], "msg": message}]})
    return prediction.as_dict()


@router.get("", response=list[DemandList])
@paginate(LimitOffset)
def list_(request, filters: Query[DemandFilters], view: str = "all"):
    """The user's demands through the demand FilterSet (the list page's filters); 422 on a bad value."""
    views = {"all": queries.list_demands, "queue": queries.work_queue, "triage": queries.triage_queue}
    qs = views.get(view, queries.list_demands)(request.user).select_related("subtype")
    filterset = DemandFilter(request.GET, queryset=qs, request=request)
    if not filterset.is_valid():
        raise query_error(filterset.form.errors)
    return filterset.qs


def _enterprise_for(user, enterprise_id):
    if is_enterprise_user(user) and enterprise_id is None:
        enterprise_id = member_enterprise_id(user)
    if enterprise_id is None:
        raise ValidationError({"enterprise_id": _("Choose the enterprise.")})
    return get_enterprise_for_user(user, enterprise_id)


@router.post("", response={201: DemandRead, 422: dict})
def create(request, payload: DemandCreate, idempotency_key: str | None = Header(
        None, alias="Idempotency-Key", description="retry key: the same key within 24 hours returns the "
        "first answer and files nothing; the same key with another body is 422")):
    """File a demand; send an Idempotency-Key header to make retries safe."""
    return idempotent(request.user, idempotency_key, fingerprint("demands.create", payload.dict()),
                      lambda: _file(request, payload))


def _file(request, payload):
    user = request.user
    ent = _enterprise_for(user, payload.enterprise_id)
    data = payload.dict(exclude={"enterprise_id", "category"})
    if payload.category and confirms_category_on_submit(user):
        data["category"] = get_object_or_404(Category, park_id=ent.park_id, code=payload.category)
    demand = services.submit(enterprise=ent, data=data, actor=user, channel=Channel.API)
    from yuanqu.api import api  # the root renders, as for any answer (imported late: it mounts us)

    body = DemandRead.from_orm(queries.get_demand_for_user(user, demand.pk)).model_dump()
    return api.create_response(request, body, status=201)


@router.get("/{int:demand_id}", response=DemandRead)
def read(request, demand_id: int):
    return queries.get_demand_for_user(request.user, demand_id)


def _action_kwargs(demand, user, action, payload):
    """The payload's values for the arguments this action takes (workflow.SPECS)."""
    takes = SPECS[action].params
    extra = {"note": payload.note}
    if "reply" in takes:
        extra["reply"] = payload.reply or payload.note  # older clients sent the answer as the note
    if "department" in takes and payload.department_id is not None:
        extra["department"] = Department.objects.filter(pk=payload.department_id,
                                                        park_id=demand.park_id).first()
    if "into" in takes and payload.into_number:
        extra["into"] = queries.visible_demands(user).filter(number=payload.into_number).first()
    return extra


@router.post("/{int:demand_id}/actions/{action}", response=DemandRead)
def act(request, demand_id: int, action: str, payload: ActionIn):
    """Any workflow action; 409 with the reason when the demand's state does not allow it."""
    demand = queries.get_demand_for_user(request.user, demand_id)
    if action not in SPECS:
        raise Http404
    if action == Action.RATE:
        services.rate(demand, payload.rating or "", actor=request.user, comment=payload.note)
    else:
        extra = _action_kwargs(demand, request.user, action, payload)
        services.transition(demand, action, actor=request.user, **extra)
    return queries.get_demand_for_user(request.user, demand_id)


@router.post("/{int:demand_id}/classification", response=DemandRead)
def classification(request, demand_id: int, payload: ClassificationIn):
    demand = queries.get_demand_for_user(request.user, demand_id)
    category = get_object_or_404(Category, park_id=demand.park_id, code=payload.category)
    subtype = SubType.objects.filter(category=category, name=payload.subtype or "").first()
    if payload.subtype and subtype is None:
        raise ValidationError({"subtype": _("“%(name)s” is not a sub-type of this category.") % {
            "name": payload.subtype}})
    services.confirm_category(demand, category=category, subtype=subtype, urgency=payload.urgency,
                              actor=request.user)
    return queries.get_demand_for_user(request.user, demand_id)


@router.post("/{int:demand_id}/attachments", response={201: dict})
def attach(request, demand_id: int, file: File[UploadedFile]):
    demand = queries.get_demand_for_user(request.user, demand_id)
    item = services.add_attachment(demand, file, actor=request.user)
    return Status(201, {"id": item.pk, "name": item.name, "size": item.size})


@router.get("/{int:demand_id}/similar", response=list[SimilarOut])
def similar(request, demand_id: int):
    demand = queries.get_demand_for_user(request.user, demand_id)
    found, _hidden = queries.similar_for_user(request.user, demand.park_id, f"{demand.title} {demand.text}",
                                              exclude_pk=demand.pk)
    return [{"id": d.pk, "number": d.number, "title": d.title, "score": s} for d, s in found]
