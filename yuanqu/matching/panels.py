"""Where users see matching: the demand's 推荐资源 panel, the firm profile's buyers and suppliers,
the institution's workbench panel (all loaded with htmx after their page), 撮合记录 and the
订单撮合 report. Thin: access → query or service → template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.core.http import xlsx_response
from yuanqu.demands.queries import get_demand_for_user
from yuanqu.enterprises.queries import get_enterprise_for_user, visible_enterprises

from . import introductions, report, suggestions
from . import permissions as may
from .introduction_forms import IntroductionFilterForm, IntroductionForm, OutcomeForm, ReportForm
from .queries import get_resource_for_user
from .semantic import demand_text

PAGE_SIZE = 50


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _error_text(exc: ValidationError) -> str:
    return "；".join(m for msgs in exc.message_dict.values() for m in msgs) if hasattr(exc, "error_dict") \
        else "；".join(exc.messages)


# ---- the demand's panel --------------------------------------------------------------------------

def _demand_panel(request, demand, *, matches=None, notice="", error=""):
    user = request.user
    judge = may.can_judge_suggestions(user, demand)
    matches = suggestions.demand_suggestions(user, demand) if matches is None else matches
    if judge:
        verdicts = introductions.verdicts_for(user, demand)
        introduced = introductions.open_introductions_for(demand)
        for m in matches:
            m.verdict, m.introduced = verdicts.get(m.resource.pk), m.resource.pk in introduced
    return render(request, "matching/panel_demand.html", {
        "demand": demand, "matches": matches, "judge": judge, "notice": notice, "error": error,
        "can_introduce": judge and may.can_introduce(user, demand.enterprise)})


@login_required
def demand_panel(request, pk):
    """htmx: the 推荐资源 panel of a demand."""
    demand = get_demand_for_user(request.user, pk)
    _require(may.can_see_suggestions(request.user, demand))
    return _demand_panel(request, demand)


def _suggested(request, demand, resource_pk):
    """(the resource, the suggestion as the panel showed it — rank, features — or None, the panel's
    suggestions, shown again after the verdict without a second search)."""
    resource = get_resource_for_user(request.user, resource_pk)
    shown = suggestions.demand_suggestions(request.user, demand)
    return resource, next((m for m in shown if m.resource.pk == resource.pk), None), shown


@login_required
@require_POST
def demand_feedback(request, pk, resource_pk):
    """htmx: 采纳 / 不合适 on one suggestion; the panel comes back with the verdict shown."""
    demand = get_demand_for_user(request.user, pk)
    resource, shown, matches = _suggested(request, demand, resource_pk)
    try:
        introductions.record_feedback(
            demand=demand, resource=resource, accepted=request.POST.get("accepted") == "1",
            actor=request.user, rank=shown.rank if shown else 0,
            features=dict(shown.hit.features) if shown else {}, query=demand_text(demand))
    except ValidationError as exc:
        return _demand_panel(request, demand, matches=matches, error=_error_text(exc))
    return _demand_panel(request, demand, matches=matches, notice=_("Your verdict was recorded."))


@login_required
@require_POST
def demand_introduce(request, pk, resource_pk):
    """htmx: 撮合 — introduce the demand's firm to the resource's owner."""
    demand = get_demand_for_user(request.user, pk)
    resource = get_resource_for_user(request.user, resource_pk)
    try:
        introductions.introduce(seeker=demand.enterprise, resource=resource, demand=demand,
                                actor=request.user)
    except ValidationError as exc:
        return _demand_panel(request, demand, error=_error_text(exc))
    return _demand_panel(request, demand, notice=_("Introduced; both sides have been notified."))


# ---- the firm profile and the institution's workbench ------------------------------------------

@login_required
def enterprise_panel(request, pk):
    """htmx: likely buyers (office only) and suppliers on a firm's profile."""
    ent = get_enterprise_for_user(request.user, pk)
    buyers, suppliers = may.can_see_buyers(request.user, ent), may.can_see_suppliers(request.user, ent)
    _require(buyers or suppliers)
    return render(request, "matching/panel_enterprise.html", {
        "ent": ent, "show_buyers": buyers,
        "buyers": suggestions.likely_buyers(request.user, ent) if buyers else [],
        "suppliers": suggestions.likely_suppliers(request.user, ent) if suppliers else []})


@login_required
def institution_panel(request):
    """htmx: the needs and demands the institution's services may serve."""
    _require(may.sees_servable_needs(request.user))
    return render(request, "matching/panel_institution.html",
                  {"rows": suggestions.servable_for_institution(request.user)})


# ---- 撮合记录 --------------------------------------------------------------------------------------

def _filtered_introductions(request):
    firms = visible_enterprises(request.user).order_by("name")
    form = IntroductionFilterForm(request.GET or None, firms=firms)
    qs = introductions.list_introductions(request.user)
    if form.is_valid():
        if form.cleaned_data["outcome"]:
            qs = qs.filter(outcome=form.cleaned_data["outcome"])
        if form.cleaned_data["firm"]:
            firm = form.cleaned_data["firm"]
            qs = qs.filter(Q(seeker=firm) | Q(resource__owner=firm))
    return form, qs


@login_required
def introduction_list(request):
    _require(may.can_see_introductions(request.user))
    form, qs = _filtered_introductions(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "matching/introduction_list.html", {
        "form": form, "page": page, "counts": introductions.introduction_counts(qs),
        "can_create": may.can_manage_introductions(request.user), "query": _query_without_page(request)})


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def introduction_create(request):
    _require(may.can_manage_introductions(request.user))
    form = IntroductionForm(request.POST or None, user=request.user,
                            firms=visible_enterprises(request.user).order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            intro = introductions.introduce(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("Introduced; both sides have been notified."))
            return redirect(intro)
    return render(request, "matching/introduction_form.html", {"form": form})


@login_required
def introduction_detail(request, pk):
    """One introduction and, for those who may, the form recording its outcome."""
    intro = introductions.get_introduction_for_user(request.user, pk, write=request.method == "POST")
    can_record = may.can_record_outcome(request.user, intro)
    form = OutcomeForm(request.POST or None, initial={"outcome": intro.outcome, "amount": intro.amount,
                                                      "signed_on": intro.signed_on, "note": intro.note})
    if request.method == "POST" and form.is_valid():
        try:
            introductions.record_outcome(intro, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for name, msgs in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, msgs)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect(intro)
    return render(request, "matching/introduction_detail.html",
                  {"intro": intro, "form": form if can_record else None})


# ---- 订单撮合 report ---------------------------------------------------------------------------------

def _report_groups(request):
    _require(may.can_see_match_report(request.user))
    form = ReportForm(request.GET or None)
    threshold, by = form.values()
    return form, threshold, report.group_pairs(report.collect_pairs(request.user), by=by, threshold=threshold)


@login_required
def match_report(request):
    form, threshold, groups = _report_groups(request)
    return render(request, "matching/report_matches.html", {
        "form": form, "groups": groups, "threshold": threshold, "query": request.GET.urlencode(),
        "pairs": sum(len(g.pairs) for g in groups)})


@login_required
def match_report_export(request):
    _form, threshold, groups = _report_groups(request)
    park = request.user.park.name if request.user.park_id else ""
    content = report.report_workbook(groups, threshold=threshold, park=park)
    return xlsx_response(content, _("matchmaking.xlsx"))
