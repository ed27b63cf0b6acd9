"""Demand pages: thin views over queries and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.core.exceptions import Conflict
from yuanqu.core.htmx import render_page
from yuanqu.core.http import xlsx_response
from yuanqu.enterprises.queries import visible_enterprises

from . import export, queries, services
from .filters import DemandFilter
from .forms import ActionForm, DemandForm, RatingForm, TriageForm
from .permissions import can_export, can_submit, can_triage, confirms_category_on_submit
from .presenters import detail_context, list_context
from .workflow import SPECS


def _demand_form(request):
    user = request.user
    enterprises = visible_enterprises(user).filter(status="active").order_by("name")
    return DemandForm(request.POST or None, request.FILES or None, enterprises=enterprises,
                      park=user.park, staff=confirms_category_on_submit(user))


@login_required
def demand_submit(request):
    if not can_submit(request.user):
        raise PermissionDenied
    form = _demand_form(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("attachments", [])
        try:
            demand = services.submit(enterprise=data.pop("enterprise"), data=data, actor=request.user,
                                     channel=services.channel_for(request.user),
                                     attachments=files)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Demand %(n)s submitted.") % {"n": demand.number})
            return redirect(demand)
    return render(request, "demands/demand_form.html", {"form": form})


@login_required
@require_POST
def similar(request):
    """htmx: open demands like the text being typed (shown while the firm writes)."""
    text = f"{request.POST.get('title', '')} {request.POST.get('text', '')}"
    found, others = queries.similar_for_user(request.user, request.user.park_id, text)
    return render(request, "demands/_similar.html", {"similar": found, "others": others})


SOURCES = {"mine": queries.my_demands, "queue": queries.work_queue, "triage": queries.triage_queue}


def _filtered(request, view):
    """The list `view` of the user's demands through the demand FilterSet."""
    if view == "triage" and not can_triage(request.user):
        raise PermissionDenied
    return DemandFilter(request.GET, queryset=SOURCES[view](request.user), request=request)


@login_required
def demand_list(request, view="mine"):
    context = list_context(request, _filtered(request, view), view)
    return render_page(request, "demands/demand_list.html", context, partial="results")


@login_required
def demand_export(request):
    """The filtered list as .xlsx (the list page's link carries its filters and view)."""
    if not can_export(request.user):
        raise PermissionDenied
    view = request.GET.get("view") if request.GET.get("view") in SOURCES else "mine"
    return xlsx_response(export.demand_workbook(_filtered(request, view).qs), _("demands.xlsx"))


@login_required
def demand_detail(request, pk):
    demand = queries.get_demand_for_user(request.user, pk)
    return render(request, "demands/demand_detail.html", detail_context(demand, request.user))


def _action_extra(form, action, user):
    """The form's values for the arguments this action takes (workflow.SPECS), nothing else."""
    data = form.cleaned_data
    extra = {name: data.get(name) for name in SPECS[action].params if name in data}
    if data.get("into") and "into" in extra:
        extra["into"] = queries.visible_demands(user).filter(number=data["into"].strip()).first()
        if extra["into"] is None:
            raise ValidationError({"into": _("No demand with this number.")})
    return extra


@login_required
@require_POST
def demand_action(request, pk, action):
    demand = queries.get_demand_for_user(request.user, pk)
    form = ActionForm(request.POST, park=demand.park)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        if action not in SPECS:
            raise Http404
        extra = _action_extra(form, action, request.user)
        services.transition(demand, action, actor=request.user, note=form.cleaned_data["note"], **extra)
        messages.success(request, _("Done."))
    except (ValidationError, Conflict) as exc:
        messages.error(request, _error_text(exc))
    return redirect(demand)


def _error_text(exc):
    if isinstance(exc, Conflict):
        return exc.message
    return "；".join(exc.messages if not hasattr(exc, "error_dict") else
                    [m for msgs in exc.message_dict.values() for m in msgs])


@login_required
@require_POST
def demand_rate(request, pk):
    demand = queries.get_demand_for_user(request.user, pk)
    form = RatingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        services.rate(demand, form.cleaned_data["rating"], actor=request.user,
                      comment=form.cleaned_data["comment"])
        messages.success(request, _("Thank you for your rating."))
    except (ValidationError, Conflict) as exc:
        messages.error(request, _error_text(exc))
    return redirect(demand)


@login_required
@require_POST
def demand_triage(request, pk):
    demand = queries.get_demand_for_user(request.user, pk)
    form = TriageForm(request.POST, park=demand.park)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        services.confirm_category(demand, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Category confirmed and demand routed."))
    except (ValidationError, Conflict) as exc:
        messages.error(request, _error_text(exc))
    return redirect(demand)


@login_required
def attachment(request, pk, att_pk):
    """Files are served only through the demand's permission check (never from a public URL)."""
    from django.http import FileResponse

    demand = queries.get_demand_for_user(request.user, pk)
    item = get_object_or_404(demand.attachments, pk=att_pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


