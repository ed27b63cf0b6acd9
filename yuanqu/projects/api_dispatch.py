"""/api/v1/dispatch: weekly dispatch meetings, their agenda, actions and reports, through the same
queries and services as the pages."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from yuanqu.accounts.models import Park, User
from yuanqu.core.api_errors import query_error
from yuanqu.core.http import xlsx_response
from yuanqu.core.pagination import LimitOffset

from . import dispatch, dispatch_queries, reporting
from .dispatch_queries import ACTION_STATES, get_action_for_user, get_meeting_for_user
from .dispatch_schemas import (
    ActionClose,
    ActionCreate,
    ActionFilters,
    ActionRead,
    ActionUpdate,
    AgendaItemRead,
    MeetingCreate,
    MeetingList,
    MeetingRead,
    MeetingUpdate,
)
from .models import Project
from .permissions import can_manage_meetings, can_see_meetings

router = Router(tags=["dispatch"])


def _require_reader(user):
    if not can_see_meetings(user):
        raise PermissionDenied


def _related(meeting, data: dict) -> dict:
    """project_id / owner_id → the park's project and user; an id from elsewhere is a 422 on its field."""
    lookups = {"project_id": (Project.objects.filter(park_id=meeting.park_id),
                              _("No such project in this meeting's park.")),
               "owner_id": (User.objects.filter(park_id=meeting.park_id, is_active=True),
                            _("No such user in this meeting's park."))}
    for key, (qs, message) in lookups.items():
        if key not in data:
            continue
        value = data.pop(key)
        data[key.removesuffix("_id")] = None if value is None else qs.filter(pk=value).first()
        if value is not None and data[key.removesuffix("_id")] is None:
            raise ValidationError({key: message})
    return data


@contextmanager
def _api_names():
    """The model's errors on `project` / `owner` are the API's `project_id` / `owner_id`."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({API_NAMES.get(k, k): v for k, v in exc.error_dict.items()}) from None


API_NAMES = {"project": "project_id", "owner": "owner_id"}


@router.get("", response=list[MeetingList])
@paginate(LimitOffset)
def list_meetings(request):
    """Meetings of the user's park(s), newest first, with agenda, open and overdue action counts."""
    _require_reader(request.user)
    return dispatch_queries.list_meetings(request.user)


@router.post("", response={201: MeetingRead})
def create_meeting(request, payload: MeetingCreate):
    user = request.user
    data = payload.dict(exclude={"park_id"})
    if user.is_district:
        if payload.park_id is None:
            raise ValidationError({"park_id": _("Choose the park.")})
        park = get_object_or_404(Park, pk=payload.park_id)
    elif can_manage_meetings(user, user.park):
        park = user.park
    else:
        raise PermissionDenied
    meeting = dispatch.create_meeting(park, actor=user, **data)
    return Status(201, get_meeting_for_user(user, meeting.pk))


@router.get("/actions", response=list[ActionRead])
@paginate(LimitOffset)
def list_actions(request, filters: Query[ActionFilters]):
    """Actions by deadline; `state` open / overdue / done, `meeting_id` one meeting's."""
    _require_reader(request.user)
    if filters.state and filters.state not in ACTION_STATES:
        raise query_error({"state": [_("Use one of open, overdue, done.")]})
    meeting = get_meeting_for_user(request.user, filters.meeting_id) if filters.meeting_id else None
    return dispatch_queries.list_actions(request.user, state=filters.state or "", meeting=meeting)


@router.patch("/actions/{int:action_id}", response=ActionRead)
def update_action(request, action_id: int, payload: ActionUpdate):
    """Change an open action of a meeting whose minutes are not final (409 otherwise)."""
    item = get_action_for_user(request.user, action_id, write=True)
    data = _related(item.meeting, payload.dict(exclude_unset=True))
    with _api_names():
        return dispatch.update_action(item, actor=request.user, **data)


@router.post("/actions/{int:action_id}/close", response=ActionRead)
def close_action(request, action_id: int, payload: ActionClose):
    """Close an action with its result (also after the minutes are final); 409 if already closed."""
    item = get_action_for_user(request.user, action_id, write=True)
    return dispatch.close_action(item, actor=request.user, **payload.dict())


@router.get("/{int:meeting_id}", response=MeetingRead)
def read_meeting(request, meeting_id: int):
    return get_meeting_for_user(request.user, meeting_id)


@router.patch("/{int:meeting_id}", response=MeetingRead)
def update_meeting(request, meeting_id: int, payload: MeetingUpdate):
    """Date, title, chair or minutes text; 409 once the minutes are final."""
    meeting = get_meeting_for_user(request.user, meeting_id, write=True)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return dispatch.update_meeting(meeting, actor=request.user, **data)


@router.post("/{int:meeting_id}/agenda", response=list[AgendaItemRead])
def generate_agenda(request, meeting_id: int):
    """(Re)generate the agenda: red, then yellow projects, open problems, earlier open actions.
    Idempotent; 409 once the minutes are final."""
    meeting = get_meeting_for_user(request.user, meeting_id, write=True)
    dispatch.generate_agenda(meeting, actor=request.user)
    return list(dispatch_queries.meeting_agenda(meeting))


@router.post("/{int:meeting_id}/finalize", response=MeetingRead)
def finalize(request, meeting_id: int):
    """Make the minutes final: the agenda and actions freeze (actions can still be closed)."""
    meeting = get_meeting_for_user(request.user, meeting_id, write=True)
    return dispatch.finalize_minutes(meeting, actor=request.user)


@router.post("/{int:meeting_id}/actions", response={201: ActionRead})
def add_action(request, meeting_id: int, payload: ActionCreate):
    meeting = get_meeting_for_user(request.user, meeting_id, write=True)
    data = _related(meeting, payload.dict())
    with _api_names():
        return Status(201, dispatch.add_action(meeting, actor=request.user, **data))


def _file(request, meeting_id, kind):
    report = dispatch_queries.build_report(get_meeting_for_user(request.user, meeting_id))
    content, filename, content_type = reporting.render_file(report, kind)
    response = xlsx_response(content, filename)
    response["Content-Type"] = content_type
    return response


@router.get("/{int:meeting_id}/report.docx")
def report_docx(request, meeting_id: int):
    """The 周调度 report as Word (.docx): red projects by name, shaded status cells, actions."""
    return _file(request, meeting_id, "docx")


@router.get("/{int:meeting_id}/ledger.xlsx")
def ledger_xlsx(request, meeting_id: int):
    """The key-project ledger (台账) as Excel: milestones planned/actual and a sheet of actions."""
    return _file(request, meeting_id, "xlsx")
