"""Disposal plan, step and land need pages — thin: parse, check access, call a service, render."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.accounts.models import Park
from yuanqu.core.exceptions import Conflict

from . import services
from .forms import CompletePlanForm, NeedForm, PlanForm, StepForm
from .matching import match_need
from .models import PlanStatus
from .permissions import can_edit_land, can_see_land, sees_own_plots_only
from .presenters import infrastructure, plans_with_progress
from .queries import (
    get_need_for_user,
    get_plan_for_user,
    get_plot_for_user,
    get_step_for_user,
    visible_needs,
    visible_plans,
)
from .views import PAGE_SIZE, add_errors, park_for, posted, require


def _form(request, form, save, done, template, **context):
    """Run `save(**cleaned_data)` for a valid POST and go to `done` (the saved object when None), else
    render the form with the service's errors at their fields."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(**form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(done or saved)
    return render(request, template, {"form": form, **context})


@login_required
def plan_list(request):
    require(can_see_land(request.user))
    status = request.GET.get("status", "")
    qs = visible_plans(request.user).order_by("status", "deadline", "plot__code")
    if status in PlanStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(plans_with_progress(qs), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "land/plan_list.html", {"page": page, "status": status,
                                                   "statuses": PlanStatus.choices})


@login_required
def plan_create(request, plot_pk):
    plot = get_plot_for_user(request.user, plot_pk, write=True)
    form = PlanForm(posted(request), park=plot.park)
    save = partial(services.create_plan, plot, actor=request.user)
    return _form(request, form, save, plot, "land/plan_form.html", plot=plot)


@login_required
def plan_edit(request, pk):
    plan = get_plan_for_user(request.user, pk, write=True)
    form = PlanForm(posted(request), instance=plan, park=plan.plot.park)
    save = partial(services.update_plan, plan, actor=request.user)
    return _form(request, form, save, plan.plot, "land/plan_form.html", plot=plan.plot, plan=plan)


@login_required
def plan_complete(request, pk):
    plan = get_plan_for_user(request.user, pk, write=True)
    form = CompletePlanForm(posted(request), park=plan.plot.park)
    save = partial(services.complete_plan, plan, actor=request.user)
    return _form(request, form, save, plan.plot, "land/plan_complete.html", plot=plan.plot, plan=plan)


@login_required
def step_create(request, plan_pk):
    plan = get_plan_for_user(request.user, plan_pk, write=True)
    form = StepForm(posted(request), park=plan.plot.park)
    save = partial(services.add_step, plan, actor=request.user)
    return _form(request, form, save, plan.plot, "land/step_form.html", plot=plan.plot, plan=plan)


@login_required
def step_edit(request, pk):
    step = get_step_for_user(request.user, pk, write=True)
    plot = step.plan.plot
    form = StepForm(posted(request), instance=step, park=plot.park)
    save = partial(services.update_step, step, actor=request.user)
    return _form(request, form, save, plot, "land/step_form.html", plot=plot, plan=step.plan, step=step)


def _step_action(request, pk, action, done_message):
    step = get_step_for_user(request.user, pk, write=True)
    try:
        action(step, actor=request.user)
    except (Conflict, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or " ".join(exc.messages))
    else:
        messages.success(request, done_message)
    return redirect(step.plan.plot.get_absolute_url())


@login_required
@require_POST
def step_done(request, pk):
    return _step_action(request, pk, services.complete_step, _("Step done."))


@login_required
@require_POST
def step_delete(request, pk):
    return _step_action(request, pk, services.delete_step, _("Step deleted."))


@login_required
def need_list(request):
    user = request.user
    if not (can_see_land(user) or sees_own_plots_only(user)):
        raise PermissionDenied
    qs = visible_needs(user).select_related("park", "enterprise").order_by("-is_open", "-created_at")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "land/need_list.html", {
        "page": page, "can_create": can_edit_land(user, user.park) or user.is_district})


@login_required
def need_detail(request, pk):
    need = get_need_for_user(request.user, pk)
    matches = match_need(need, today=timezone.localdate()) if can_see_land(request.user) else None
    return render(request, "land/need_detail.html", {
        "need": need, "matches": matches, "can_edit": can_edit_land(request.user, need.park),
        "infrastructure": infrastructure(need, prefix="needs_")})


@login_required
def need_create(request):
    user = request.user
    require(can_edit_land(user, user.park) or user.is_district)
    park = park_for(request)
    if park is None:
        return render(request, "land/choose_park.html", {"parks": Park.objects.all(),
                                                         "target": "land:need_create"})
    require(can_edit_land(user, park))
    form = NeedForm(posted(request), park=park)
    return _form(request, form, partial(services.create_need, park, actor=user), None, "land/need_form.html",
                 park=park)


@login_required
def need_edit(request, pk):
    need = get_need_for_user(request.user, pk, write=True)
    form = NeedForm(posted(request), instance=need, park=need.park)
    save = partial(services.update_need, need, actor=request.user)
    return _form(request, form, save, need, "land/need_form.html", need=need, park=need.park)
