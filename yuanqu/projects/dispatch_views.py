"""Dispatch meeting pages: thin — parse, fetch through the permission-aware queries, call a service, render.

The meeting page is one template; htmx requests get its `agenda` or `actions` partial back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.htmx import render_page
from yuanqu.core.http import xlsx_response

from . import dispatch, dispatch_queries, reporting
from .dispatch_forms import ActionFilterForm, ActionForm, CloseActionForm, MeetingCreateForm, MinutesForm
from .permissions import can_edit_meeting, can_manage_meetings, can_see_meetings

DETAIL = "projects/meeting_detail.html"


def _require_reader(user):
    if not can_see_meetings(user):
        raise PermissionDenied


def _add_errors(form, exc: ValidationError):
    """A service's errors at their fields (the form's own checks passed, the model's did not)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def meeting_list(request):
    user = request.user
    _require_reader(user)
    today = timezone.localdate()
    return render(request, "projects/meeting_list.html", {
        "meetings": dispatch_queries.list_meetings(user, today=today)[:200],
        "overdue": dispatch_queries.list_actions(user, state="overdue", today=today).count(),
        "can_create": user.is_district or can_manage_meetings(user, user.park)})


@login_required
def meeting_create(request):
    user = request.user
    if not (user.is_district or can_manage_meetings(user, user.park)):
        raise PermissionDenied
    form = MeetingCreateForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        park = data.pop("park", None) or user.park
        try:
            meeting = dispatch.create_meeting(park, actor=user, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Meeting created. Generate its agenda next."))
            return redirect("projects:meeting_detail", meeting.pk)
    return render(request, "projects/meeting_form.html", {"form": form})


def _minutes_form(meeting, data=None):
    initial = {"held_on": meeting.held_on, "title": meeting.title, "chair": meeting.chair,
               "minutes": meeting.minutes}
    return MinutesForm(data, initial=initial)


def _page(request, meeting, *, minutes_form=None, action_form=None, close_forms=None, partial=None):
    """The meeting page (or its htmx partial) with whichever forms came back with errors."""
    user, editable = request.user, can_edit_meeting(request.user, meeting) and not meeting.closed
    context = {
        "meeting": meeting, "today": timezone.localdate(), "editable": editable,
        "can_close": can_edit_meeting(user, meeting),
        "agenda": dispatch_queries.meeting_agenda(meeting),
        "action_rows": [(a, (close_forms or {}).get(a.pk)) for a in dispatch_queries.list_actions(
            user, meeting=meeting)],
        "minutes_form": minutes_form or (_minutes_form(meeting) if editable else None),
        "action_form": action_form or (ActionForm(meeting=meeting, user=user) if editable else None),
        "history": history_for(meeting)[:20] if editable else [],
    }
    if partial:  # htmx swaps one part; a plain request gets the whole page
        return render_page(request, DETAIL, context, partial=partial)
    return render(request, DETAIL, context)


@login_required
def meeting_detail(request, pk):
    return _page(request, dispatch_queries.get_meeting_for_user(request.user, pk))


def _conflict(request, meeting, exc: Conflict):
    messages.error(request, exc.message)
    return redirect("projects:meeting_detail", meeting.pk)


@login_required
@require_POST
def meeting_update(request, pk):
    meeting = dispatch_queries.get_meeting_for_user(request.user, pk, write=True)
    form = _minutes_form(meeting, request.POST)
    if form.is_valid():
        try:
            dispatch.update_meeting(meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        except Conflict as exc:
            return _conflict(request, meeting, exc)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("projects:meeting_detail", meeting.pk)
    return _page(request, meeting, minutes_form=form)


@login_required
@require_POST
def meeting_agenda(request, pk):
    meeting = dispatch_queries.get_meeting_for_user(request.user, pk, write=True)
    try:
        dispatch.generate_agenda(meeting, actor=request.user)
    except Conflict as exc:
        return _conflict(request, meeting, exc)
    if request.htmx:
        return _page(request, meeting, partial="agenda")
    messages.success(request, _("Agenda generated."))
    return redirect("projects:meeting_detail", meeting.pk)


@login_required
@require_POST
def meeting_finalize(request, pk):
    meeting = dispatch_queries.get_meeting_for_user(request.user, pk, write=True)
    try:
        dispatch.finalize_minutes(meeting, actor=request.user)
    except Conflict as exc:
        return _conflict(request, meeting, exc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The minutes are final."))
    return redirect("projects:meeting_detail", meeting.pk)


@login_required
@require_POST
def meeting_action_create(request, pk):
    meeting = dispatch_queries.get_meeting_for_user(request.user, pk, write=True)
    form = ActionForm(request.POST, meeting=meeting, user=request.user)
    if form.is_valid():
        try:
            dispatch.add_action(meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        except Conflict as exc:
            return _conflict(request, meeting, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect("projects:meeting_detail", meeting.pk)
    return _page(request, meeting, action_form=form)


@login_required
@require_POST
def action_close(request, pk):
    action = dispatch_queries.get_action_for_user(request.user, pk, write=True)
    form = CloseActionForm(request.POST)
    if form.is_valid():
        try:
            dispatch.close_action(action, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
    if not form.errors and not request.htmx:
        messages.success(request, _("Action closed."))
        return redirect(action.meeting.get_absolute_url())
    meeting = dispatch_queries.get_meeting_for_user(request.user, action.meeting_id)
    return _page(request, meeting, close_forms={action.pk: form} if form.errors else None, partial="actions")


@login_required
def action_list(request):
    _require_reader(request.user)
    form = ActionFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    return render(request, "projects/meeting_actions.html", {
        "filter": form, "state": state, "today": timezone.localdate(),
        "actions": dispatch_queries.list_actions(request.user, state=state)[:500]})


def _download(request, pk, kind):
    report = dispatch_queries.build_report(dispatch_queries.get_meeting_for_user(request.user, pk))
    content, filename, content_type = reporting.render_file(report, kind)
    response = xlsx_response(content, filename)  # its RFC 5987 name, with this file's type
    response["Content-Type"] = content_type
    return response


@login_required
def meeting_docx(request, pk):
    return _download(request, pk, "docx")


@login_required
def meeting_ledger(request, pk):
    return _download(request, pk, "xlsx")
