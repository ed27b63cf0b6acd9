"""Pages of the six-capability assessment: the firm assessment, the park ranking (and its .xlsx),
and the indicator-system configuration for administrators. Thin: parse, access, query/service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.accounts.models import Park
from yuanqu.core.http import xlsx_response

from . import capability_services as services
from .capability.defaults import default_spec
from .capability.export import ranking_workbook
from .capability.per_mu import LABELS
from .capability.presenting import assessment_context
from .capability.spec import DIMENSION_LABELS, DIMENSION_LEVEL, DIMENSIONS, PER_MU_LEVEL, level_label
from .capability.text import field_labels
from .capability_queries import (
    division_choices,
    firm_assessment,
    firm_years,
    get_assessed_enterprise,
    park_years,
    ranking,
    stored_system,
    to_spec,
)
from .forms_capability import (
    AhpForm,
    EntropyForm,
    IndicatorForm,
    RankingFilterForm,
    SettingsForm,
    WeightsForm,
)
from .permissions import can_configure_capability, can_see_capability_config, can_see_capability_ranking

PAGE_SIZE = 50


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def tier_results_for(enterprise, year):
    """The official tiers' results when the tier engine is installed (None hides that section)."""
    try:
        from .queries import tier_results
    except ImportError:
        return None
    return tier_results(enterprise, year)


@login_required
def enterprise_assessment(request, pk):
    enterprise = get_assessed_enterprise(request.user, pk)
    years = firm_years(enterprise)
    year = _int(request.GET.get("year")) or (years[-1] if years else None)
    ctx = {"enterprise": enterprise, "year": year, "years": years, "tier_results": None}
    if year is not None:
        ctx.update(assessment_context(firm_assessment(enterprise, year), field_labels()))
        ctx["tier_results"] = tier_results_for(enterprise, year)
    return render(request, "assessments/enterprise_assessment.html", ctx)


def _ranking_park(request):
    """The user's park; the district chooses one (?park=id, else the first)."""
    if request.user.park_id:
        return request.user.park
    parks = Park.objects.all()
    return parks.filter(pk=_int(request.GET.get("park")) or 0).first() or parks.first()


def _sorts():
    return [("total", _("Total score"))] + [(d, DIMENSION_LABELS[d]) for d in DIMENSIONS]


def _ranking_request(request):
    _require(can_see_capability_ranking(request.user))
    park = _ranking_park(request)
    if park is None:
        raise Http404
    years = park_years(park)
    form = RankingFilterForm(request.GET or None, years=years, divisions=division_choices(park),
                             sorts=_sorts())
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or (years[-1] if years else None)
    rows = ranking(park, year, division=data.get("division") or "",
                   sort=data.get("sort") or "total") if year else []
    return park, form, year, rows


@login_required
def capability_ranking(request):
    park, form, year, rows = _ranking_request(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "assessments/capability_ranking.html", {
        "park": park, "filter": form, "year": year,
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "count": len(rows), "query": query.urlencode(),
        "dimensions": [DIMENSION_LABELS[d] for d in DIMENSIONS],
        "parks": Park.objects.all() if request.user.is_district else None})


@login_required
def capability_ranking_export(request):
    park, _form, year, rows = _ranking_request(request)
    if year is None:
        raise Http404
    return xlsx_response(ranking_workbook(rows, year), f"{park.name}六大能力排名{year}.xlsx")


# ---- configuration (administrators) ------------------------------------------------------------

def _config_park(request):
    """The park whose system is configured: the admin's own; for the district ?park=id or the default."""
    user = request.user
    _require(can_see_capability_config(user))
    if user.park_id:
        return user.park
    park_id = _int(request.GET.get("park") or request.POST.get("park"))
    park = Park.objects.filter(pk=park_id).first() if park_id else None
    _require(can_configure_capability(user, park))
    return park


def _config_url(park, name="assessments:capability_config", *args):
    url = reverse(name, args=args)
    return f"{url}?park={park.pk}" if park is not None and park.pk else url


def _add_errors(form, exc):
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@login_required
def capability_config(request):
    park = _config_park(request)
    system = stored_system(park)
    spec = to_spec(system) if system else None
    return render(request, "assessments/capability_config.html", {
        "park": park, "system": system, "spec": spec,
        "own": system is not None and system.park_id == (park.pk if park else None),
        "dimensions": [(d, DIMENSION_LABELS[d], spec.dimension_weights.get(d) if spec else None,
                        spec.in_dimension(d) if spec else []) for d in DIMENSIONS],
        "per_mu_weights": [(LABELS[k], spec.per_mu_weights.get(k)) for k in LABELS] if spec else [],
        "parks": Park.objects.all() if request.user.is_district else None,
        "park_query": f"?park={park.pk}" if park and request.user.is_district else ""})


def _indicator_page(request, park, code=None):
    system = stored_system(park)
    instance = system.indicators.filter(code=code).first() if (system and code) else None
    if code and instance is None:
        raise Http404
    form = IndicatorForm(request.POST or None, instance=instance, editing=bool(code))
    if request.method == "POST" and form.is_valid():
        try:
            if code is None:
                services.add_indicator(park, actor=request.user, code=form.cleaned_data["code"],
                                       **form.service_fields())
            else:
                services.change_indicator(park, code, actor=request.user, **form.service_fields())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Saved. The weights of its dimension are now equal; set them again "
                                        "if needed.") if code is None else _("Saved."))
            return redirect(_config_url(park))
    return render(request, "assessments/capability_indicator_form.html", {
        "form": form, "code": code, "park": park, "back": _config_url(park)})


@login_required
def capability_indicator_new(request):
    return _indicator_page(request, _config_park(request))


@login_required
def capability_indicator_edit(request, code):
    return _indicator_page(request, _config_park(request), code)


@login_required
@require_POST
def capability_indicator_delete(request, code):
    park = _config_park(request)
    try:
        services.delete_indicator(park, code, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Indicator removed; the weights of its dimension are now equal."))
    return redirect(_config_url(park))


def _level_items(spec, level):
    """(code, label, weight) of each item weighed together at `level`."""
    if level == DIMENSION_LEVEL:
        return [(d, str(DIMENSION_LABELS[d]), spec.dimension_weights.get(d, 0)) for d in DIMENSIONS]
    if level == PER_MU_LEVEL:
        return [(k, str(LABELS[k]), spec.per_mu_weights.get(k, 0)) for k in LABELS]
    if level in DIMENSIONS:
        return [(i.code, i.name, i.weight) for i in spec.in_dimension(level)]
    raise Http404


def _weights_forms(request, park, spec, level, system):
    items = _level_items(spec, level)
    action = request.POST.get("action") if request.method == "POST" else None
    stored = (system.ahp_matrices.get(level) or {}).get("matrix") if system else None
    years = park_years(park) if park else []
    return {
        "manual": WeightsForm(request.POST if action == "manual" else None, items=items, prefix="w"),
        "ahp": AhpForm(request.POST if action == "ahp" else None, items=[(c, lbl) for c, lbl, _w in items],
                       stored=stored, prefix="ahp"),
        "entropy": EntropyForm(request.POST if action == "entropy" else None, years=years, prefix="e")
        if park else None,
    }, action


def _apply(request, park, level, action, form):
    if action == "manual":
        services.set_weights(park, level, form.weights(), actor=request.user)
        return _("Weights saved.")
    if action == "ahp":
        _system, result = services.apply_ahp(park, level, form.matrix(), actor=request.user)
        return _("Weights set by AHP (CR = %(cr).3f).") % {"cr": result.cr}
    _system, result = services.apply_entropy(park, level, form.cleaned_data["year"], actor=request.user)
    return _("Weights set by the entropy method from %(n)d firms.") % {"n": result.rows_used}


@login_required
def capability_weights(request, level):
    park = _config_park(request)
    system = stored_system(park)
    spec = to_spec(system) if system else default_spec()
    forms, action = _weights_forms(request, park, spec, level, system)
    form = forms.get(action)
    if form is not None and form.is_valid():
        try:
            messages.success(request, _apply(request, park, level, action, form))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect(_config_url(park))
    return render(request, "assessments/capability_weights.html", {
        "park": park, "level": level, "level_label": level_label(level), "forms": forms,
        "back": _config_url(park),
        "method": _method_label(system.weight_methods.get(level)) if system else None,
        "cr": ((system.ahp_matrices.get(level) or {}).get("cr") if system else None)})


def _method_label(method):
    from .models_capability import WeightMethod

    return WeightMethod(method).label if method in WeightMethod.values else None


@login_required
def capability_settings(request):
    park = _config_park(request)
    form = SettingsForm(request.POST or None, system=stored_system(park) or _DefaultSystem())
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(park, actor=request.user, **form.service_fields())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_config_url(park))
    return render(request, "assessments/capability_settings.html", {"form": form, "park": park,
                                                                       "back": _config_url(park)})


class _DefaultSystem:
    """The built-in default's settings, for the form's first values when nothing is stored."""

    def __init__(self):
        spec = default_spec()
        self.name, self.normalisation, self.peer_min_size = spec.name, spec.normalisation, spec.peer_min_size
        self.per_mu_weights, self.grade_shares = spec.per_mu_weights, spec.grade_shares
