"""Cultivation pool pages: the candidate lists, plans and recognitions. Thin: parse, check access, call a
query or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.http import xlsx_response
from yuanqu.enterprises.queries import get_enterprise_for_user, visible_enterprises

from . import cultivation
from . import cultivation_queries as q
from .forms_pool import (
    ActionForm,
    ActionStatusForm,
    CloseForm,
    NoteForm,
    PlanEditForm,
    PlanForm,
    PoolFilterForm,
    RecognitionForm,
)
from .models_cultivation import ActionStatus, PlanStatus, Tier
from .permissions import (
    can_manage_plan,
    can_open_plans,
    can_see_plans,
    can_see_pool,
    can_work_on_plan,
)
from .pool import pick
from .pool_export import pool_workbook

PAGE_SIZE = 50


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def assessment_page_exists() -> bool:
    """Rows link to the firm's assessment page once that page is installed (else to the firm)."""
    try:
        reverse("assessments:enterprise_assessment", args=[1])
    except NoReverseMatch:
        return False
    return True


def _query_without(request, *names):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
def pool(request):
    """The candidate lists: tabs per tier with counts, eligible firms then close ones, recognised apart."""
    _require(can_see_pool(request.user))
    form = PoolFilterForm(request.GET or None, user=request.user)
    pools = q.pool_for_user(request.user, form.filters())
    tier = form.chosen_tier()
    current = next(p for p in pools if p.tier == tier)
    return render(request, "assessments/pool.html", {
        "form": form, "pools": pools, "current": current, "year": form.filters().year,
        "page": Paginator(current.candidates, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": _query_without(request, "page"),
        "tab_query": _query_without(request, "page", "tier", "version"),
        "can_plan": can_open_plans(request.user), "assessment_page": assessment_page_exists()})


@login_required
def pool_export(request):
    """The pool as .xlsx with the page's filters: the chosen tier, or every tier without one."""
    _require(can_see_pool(request.user))
    form = PoolFilterForm(request.GET or None, user=request.user)
    pools = q.pool_for_user(request.user, form.filters())
    if request.GET.get("tier"):
        pools = [p for p in pools if p.tier == form.chosen_tier()]
    name = _("cultivation-pool-%(year)d.xlsx") % {"year": form.filters().year}
    return xlsx_response(pool_workbook(pools), name)


# ---- plans -----------------------------------------------------------------------------------------


@login_required
def plan_list(request):
    """Plans the user may see; `?mine=1` those the user is the officer of, `?overdue=1` with late actions."""
    _require(can_see_plans(request.user))
    plans = q.list_plans(request.user).order_by("status", "target_year", "enterprise__name", "id")
    if request.GET.get("mine"):
        plans = plans.filter(officer=request.user)
    if request.GET.get("overdue"):
        plans = plans.filter(n_overdue__gt=0)
    if request.GET.get("tier") in Tier.values:
        plans = plans.filter(tier=request.GET["tier"])
    status = request.GET.get("status", PlanStatus.ACTIVE)
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    return render(request, "assessments/plan_list.html", {
        "page": Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page")), "tiers": Tier.choices,
        "statuses": PlanStatus.choices, "status": status, "query": _query_without(request, "page"),
        "can_plan": can_open_plans(request.user)})


def _creatable_firms(request):
    firms = visible_enterprises(request.user).filter(status="active").order_by("name", "id")
    if request.GET.get("enterprise"):
        firms = firms.filter(pk=get_enterprise_for_user(request.user, request.GET["enterprise"]).pk)
    return firms


def _add_errors(form, exc):
    """A service's errors at their fields (the form's own checks passed, the model's did not)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def plan_create(request):
    """Open a plan; from a pool row the firm and tier are filled in (`?enterprise=&tier=`)."""
    _require(can_open_plans(request.user))
    firms = _creatable_firms(request)
    first = firms.first()
    park_id = request.user.park_id or (first.park_id if first else None)
    initial = {"enterprise": first if request.GET.get("enterprise") else None,
               "tier": request.GET.get("tier"), "target_year": timezone.localdate().year + 1}
    form = PlanForm(request.POST or None, firms=firms, park_id=park_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = cultivation.create_plan(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Cultivation plan opened."))
            return redirect("assessments:plan_detail", plan.pk)
    return render(request, "assessments/plan_form.html", {"form": form, "plan": None})


def _current_result(plan):
    """The firm's tier result for the plan's tier under the rules in force (what it still lacks)."""
    year = q.default_year()
    in_force = q.versions_in_force(year, timezone.localdate()).get(plan.tier)
    return pick(q.firm_results(plan.enterprise, year), plan.tier, in_force)


def _plan_context(request, plan) -> dict:
    """What the plan page shows and which of its forms the user is offered."""
    user, today = request.user, timezone.localdate()
    active = plan.status == PlanStatus.ACTIVE
    can_manage = can_manage_plan(user, plan)
    return {
        "plan": plan, "progress": q.progress(plan), "result": _current_result(plan),
        "notes": q.plan_notes(plan), "actions": [(a, a.is_overdue(today)) for a in q.plan_actions(plan)],
        "recognitions": plan.recognitions.all(), "can_work": active and can_work_on_plan(user, plan),
        "can_note": can_work_on_plan(user, plan), "can_manage": active and can_manage,
        "action_form": ActionForm(), "note_form": NoteForm(), "close_form": CloseForm(),
        "statuses": ActionStatus.choices, "assessment_page": assessment_page_exists(),
        "history": history_for(plan)[:30] if can_manage else []}


@login_required
def plan_detail(request, pk):
    plan = q.get_plan_for_user(request.user, pk)
    return render(request, "assessments/plan_detail.html", _plan_context(request, plan))


@login_required
def plan_edit(request, pk):
    plan = q.get_plan_for_user(request.user, pk)
    _require(can_manage_plan(request.user, plan))
    initial = {"officer": plan.officer_id, "target_year": plan.target_year, "goal": plan.goal}
    form = PlanEditForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cultivation.update_plan(plan, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        except Conflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("assessments:plan_detail", plan.pk)
    return render(request, "assessments/plan_form.html", {"form": form, "plan": plan})


def _post_back(request, plan, call, form_class, success):
    """Run a service with a small form's data from the plan page; errors come back as messages."""
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("assessments:plan_detail", plan.pk)
    try:
        call(**form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("assessments:plan_detail", plan.pk)


@login_required
@require_POST
def plan_close(request, pk):
    plan = q.get_plan_for_user(request.user, pk)
    return _post_back(request, plan, lambda close_reason: cultivation.close_plan(
        plan, reason=close_reason, actor=request.user), CloseForm, _("The plan is closed."))


@login_required
@require_POST
def plan_delete(request, pk):
    plan = q.get_plan_for_user(request.user, pk)
    try:
        cultivation.delete_plan(plan, actor=request.user)
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect("assessments:plan_detail", plan.pk)
    messages.success(request, _("The plan is deleted."))
    return redirect("assessments:plan_list")


@login_required
@require_POST
def action_add(request, pk):
    plan = q.get_plan_for_user(request.user, pk, write=True)
    return _post_back(request, plan, lambda **data: cultivation.add_action(plan, actor=request.user, **data),
                      ActionForm, _("Action added."))


@login_required
@require_POST
def action_update(request, pk, action_pk):
    plan = q.get_plan_for_user(request.user, pk, write=True)
    action = get_object_or_404(plan.actions, pk=action_pk)
    return _post_back(request, plan, lambda **data: cultivation.update_action(
        action, data, actor=request.user), ActionStatusForm, _("Action updated."))


@login_required
@require_POST
def note_add(request, pk):
    plan = q.get_plan_for_user(request.user, pk, write=True)
    return _post_back(request, plan, lambda text: cultivation.add_note(plan, text=text, actor=request.user),
                      NoteForm, _("Progress note added."))


# ---- recognitions ----------------------------------------------------------------------------------


@login_required
def recognition_list(request):
    """Recognitions and the park's yearly figures (new titles per tier, holders at year end)."""
    _require(can_see_pool(request.user))
    last = timezone.localdate().year
    recs = q.list_recognitions(request.user).order_by("-year", "tier", "enterprise__name")
    return render(request, "assessments/pool_recognitions.html", {
        "figures": q.yearly_figures(request.user, range(last - 3, last + 1)), "tiers": Tier.choices,
        "page": Paginator(recs, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_record": can_open_plans(request.user)})


@login_required
def recognition_create(request):
    """Record a recognition (`?enterprise=&tier=` from a plan or a pool row)."""
    _require(can_open_plans(request.user))
    firms = _creatable_firms(request)
    today = timezone.localdate()
    initial = {"enterprise": firms.first() if request.GET.get("enterprise") else None,
               "tier": request.GET.get("tier"), "year": today.year, "recognised_on": today}
    form = RecognitionForm(request.POST or None, firms=firms, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rec = cultivation.record_recognition(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Recognition recorded."))
            return redirect("assessments:plan_detail", rec.plan_id) if rec.plan_id else redirect(
                "assessments:recognition_list")
    return render(request, "assessments/pool_recognition_form.html", {"form": form})
