"""/api/v1/projects: thin handlers over queries and services (`/projects/schedule` is api_schedule's)."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.errors import ValidationError as SchemaError
from ninja.pagination import paginate
from pydantic import ValidationError as PydanticError

from yuanqu.accounts.models import Park, User
from yuanqu.core.pagination import LimitOffset

from . import queries, services
from .filters import ProjectFilter
from .permissions import can_list_projects
from .schemas import (
    ApplyTemplate,
    MilestoneRead,
    MilestoneUpdate,
    NoteCreate,
    NoteRead,
    ProblemCreate,
    ProblemRead,
    ProjectCreate,
    ProjectFilters,
    ProjectList,
    ProjectRead,
    ProjectUpdate,
)

router = Router(tags=["projects"])
TEXT_FIELDS = {"investor_name", "firm_contact_name", "firm_contact_phone", "description"}
TEAM_FIELDS = {"lead_id", "member_ids"}


def _model_data(payload: dict) -> dict:
    data = {k: ("" if v is None and k in TEXT_FIELDS else v) for k, v in payload.items()}
    if "industry_code" in data:
        data["industry_id"] = data.pop("industry_code")
    data.pop("park_id", None)
    return data


@router.get("", response=list[ProjectList])
@paginate(LimitOffset)
def list_(request, filters: Query[ProjectFilters]):
    """Projects the user may see (a firm: its own), filtered like the list page."""
    if not can_list_projects(request.user):
        raise PermissionDenied
    filterset = ProjectFilter(filters.dict(exclude_none=True), queryset=queries.list_projects(request.user),
                              request=request)
    return filterset.qs


@router.post("", response={201: ProjectRead})
def create(request, payload: ProjectCreate):
    user = request.user
    park = get_object_or_404(Park, pk=payload.park_id or 0) if user.is_district else user.park
    data = _model_data({k: v for k, v in payload.dict().items() if v is not None})
    project = services.create_project(park, data=services.resolve_refs(data), actor=user)
    return Status(201, queries.get_project_for_user(user, project.pk))


@router.get("/{int:project_id}", response=ProjectRead)
def read(request, project_id: int):
    return queries.get_project_for_user(request.user, project_id)


def _team(project, payload: dict):
    lead_id = payload.get("lead_id", project.lead_id)
    member_ids = payload.get("member_ids")
    members = list(project.members.all()) if member_ids is None else \
        list(User.objects.filter(pk__in=member_ids))
    if member_ids is not None and len(members) != len(set(member_ids)):
        raise ValidationError({"member_ids": services.unknown_user()})
    lead = User.objects.filter(pk=lead_id).first() if lead_id else None
    if lead_id and lead is None:
        raise ValidationError({"lead_id": services.unknown_user()})
    return lead, members


@router.patch("/{int:project_id}", response=ProjectRead)
@transaction.atomic
def update(request, project_id: int, payload: ProjectUpdate):
    """Change facts; `target_date` re-plans backwards; `lead_id`/`member_ids` set the task force."""
    user, sent = request.user, payload.dict(exclude_unset=True)
    project = queries.get_project_for_user(user, project_id)
    facts = _model_data({k: v for k, v in sent.items() if k not in TEAM_FIELDS | {"target_date"}})
    if facts or not sent:
        services.update_project(project, services.resolve_refs(facts), actor=user)
    if TEAM_FIELDS & sent.keys():
        lead, members = _team(project, sent)
        services.set_task_force(project, lead=lead, members=members, actor=user,
                                firm_contact_name=project.firm_contact_name,
                                firm_contact_phone=project.firm_contact_phone)
    if "target_date" in sent:
        services.set_target(project, sent["target_date"], actor=user)
    return queries.get_project_for_user(user, project_id)


@router.delete("/{int:project_id}", response={204: None})
def delete(request, project_id: int):
    project = queries.get_project_for_user(request.user, project_id)
    services.delete_project(project, actor=request.user)
    return Status(204, None)


@router.get("/{int:project_id}/milestones", response=list[MilestoneRead])
def milestones(request, project_id: int):
    return queries.list_milestones(queries.get_project_for_user(request.user, project_id))


@router.patch("/{int:project_id}/milestones/{key}", response=MilestoneRead)
def update_milestone(request, project_id: int, key: str, payload: MilestoneUpdate):
    """Record actual dates (null clears one); the rest is re-planned and re-coloured."""
    project = queries.get_project_for_user(request.user, project_id)
    milestone = queries.get_milestone(project, key)
    sent = payload.dict(exclude_unset=True)
    if sent.get("note", "") is None:
        sent["note"] = ""
    return services.update_milestone(milestone, actor=request.user, **sent)


@router.post("/{int:project_id}/apply-template", response=list[MilestoneRead])
def apply_template(request, project_id: int, payload: ApplyTemplate):
    """Replace the milestones with a template's, scheduled backwards from `target` (倒排工期)."""
    project = queries.get_project_for_user(request.user, project_id)
    template = queries.templates_for(project.park).filter(pk=payload.template_id).first()
    if template is None:
        raise ValidationError({"template_id": services.unknown_template()})
    return services.apply_template(project, template, payload.target, actor=request.user)


@router.get("/{int:project_id}/notes", response=list[NoteRead])
def notes(request, project_id: int):
    return queries.list_notes(queries.get_project_for_user(request.user, project_id))


def _note_input(request) -> tuple[NoteCreate, list]:
    """JSON, or multipart form fields with `photos` files."""
    if request.content_type == "multipart/form-data":
        raw, files = request.POST.dict(), request.FILES.getlist("photos")
    else:
        try:
            raw, files = json.loads(request.body or b"{}"), []
        except ValueError:
            raise SchemaError([{"loc": ("body",), "type": "json_invalid"}]) from None
    try:
        return NoteCreate.model_validate({k: v for k, v in raw.items() if v != ""}), files
    except PydanticError as exc:
        raise SchemaError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None


NOTE_BODY = {"requestBody": {"content": {
    "application/json": {"schema": NoteCreate.model_json_schema()},
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        **NoteCreate.model_json_schema()["properties"],
        "photos": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}}}


@router.post("/{int:project_id}/notes", response={201: NoteRead}, openapi_extra=NOTE_BODY)
def add_note(request, project_id: int):
    """A progress note, as JSON or multipart with `photos` (images only, at most 9)."""
    project = queries.get_project_for_user(request.user, project_id)
    data, files = _note_input(request)
    milestone = queries.get_milestone(project, data.milestone_key) if data.milestone_key else None
    note = services.add_progress_note(project, on=data.on, text=data.text, milestone=milestone,
                                      photos=files, month_amount=data.month_amount, actor=request.user)
    return Status(201, note)


@router.get("/{int:project_id}/problems", response=list[ProblemRead])
def problems(request, project_id: int):
    return queries.list_problems(queries.get_project_for_user(request.user, project_id))


@router.post("/{int:project_id}/problems", response={201: ProblemRead})
def raise_problem(request, project_id: int, payload: ProblemCreate):
    """File an on-site problem as the investor firm's demand, linked to the project."""
    project = queries.get_project_for_user(request.user, project_id)
    problem = services.raise_problem(project, title=payload.title, text=payload.text,
                                     urgency=payload.urgency, actor=request.user)
    return Status(201, problem)
