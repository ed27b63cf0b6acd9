"""Plot pages: list (filters, totals, export, flags), detail, form, import, yearly figures — thin:
parse, check access, call a service, render. Plans, steps and needs are in plan_views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.accounts.models import Park
from yuanqu.core.exceptions import Conflict
from yuanqu.core.htmx import render_page
from yuanqu.core.http import xlsx_response
from yuanqu.enterprises.excel import error_report_workbook

from . import excel, services
from .filters import PlotFilter
from .forms import FlagForm, ImportForm, PlotForm, StatusForm
from .importing import import_plots
from .permissions import can_edit_land, can_import_land, can_see_land
from .presenters import plot_context
from .queries import get_plot_for_user, list_plots, plot_totals, yearly_figures

PAGE_SIZE = 25
ERRORS_KEY = "land_import_errors"


def posted(request):
    """The POST data of a POST (even an empty one, e.g. a form of optional fields), else None."""
    return request.POST if request.method == "POST" else None


def files(request):
    return request.FILES if request.method == "POST" else None


def require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def add_errors(form, exc: ValidationError):
    """A service's errors at their fields (the form's own checks passed, the model's did not)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def park_for(request):
    """A district administrator names the park (?park=id), None until chosen; others work in their own."""
    if not request.user.is_district:
        return request.user.park
    park_id = request.POST.get("park") or request.GET.get("park") or ""
    if not park_id:
        return None
    if not park_id.isdigit():
        raise Http404
    return get_object_or_404(Park, pk=park_id)


def _filtered(request):
    require(can_see_land(request.user))
    return PlotFilter(request.GET, queryset=list_plots(request.user), request=request)


@login_required
def plot_list(request):
    filterset = _filtered(request)
    page = Paginator(filterset.qs.defer("geometry"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    user = request.user
    return render_page(request, "land/plot_list.html", {
        "filter": filterset, "page": page, "query": query.urlencode(), "totals": plot_totals(filterset.qs),
        "can_create": can_edit_land(user, user.park) or user.is_district, "can_import": can_import_land(user),
        "flag_form": FlagForm() if can_edit_land(user, user.park) else None,
    }, partial="results")


@login_required
def plot_export(request):
    plots = _filtered(request).qs
    return xlsx_response(excel.export_workbook(plots), _("plots.xlsx"))


@login_required
def plot_template(request):
    require(can_see_land(request.user))
    return xlsx_response(excel.template_workbook(), _("plot-import-template.xlsx"))


@login_required
def plot_detail(request, pk):
    plot = get_plot_for_user(request.user, pk)
    context = plot_context(plot, request.user)
    context["status_form"] = StatusForm(initial={"status": plot.status}) if context["can_edit"] else None
    return render(request, "land/plot_detail.html", context)


def _plot_form_page(request, park, plot=None):
    form = PlotForm(posted(request), files(request), instance=plot, park=park)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.service_fields()
            saved = services.update_plot(plot, actor=request.user, **data) if plot else \
                services.create_plot(park, actor=request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("land:plot_detail", saved.pk)
    return render(request, "land/plot_form.html", {"form": form, "plot": plot, "park": park,
                                                   "show_park": request.user.is_district})


@login_required
def plot_create(request):
    user = request.user
    require(can_edit_land(user, user.park) or user.is_district)
    park = park_for(request)
    if park is None:
        return render(request, "land/choose_park.html", {"parks": Park.objects.all(),
                                                         "target": "land:plot_create"})
    return _plot_form_page(request, park)


@login_required
def plot_edit(request, pk):
    plot = get_plot_for_user(request.user, pk, write=True)
    return _plot_form_page(request, plot.park, plot)


@login_required
@require_POST
def plot_delete(request, pk):
    plot = get_plot_for_user(request.user, pk, delete=True)
    try:
        services.delete_plot(plot, actor=request.user)
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect("land:plot_detail", plot.pk)
    messages.success(request, _("Plot deleted."))
    return redirect("land:plot_list")


@login_required
@require_POST
def plot_status(request, pk):
    plot = get_plot_for_user(request.user, pk, write=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.set_status(plot, data["status"], actor=request.user, note=data["note"])
        messages.success(request, _("Status changed."))
    return redirect("land:plot_detail", plot.pk)


@login_required
@require_POST
def flag(request):
    user = request.user
    require(can_edit_land(user, user.park))
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("year", [])))
        return redirect("land:plot_list")
    s = services.flag_low_efficiency(user.park, form.cleaned_data["year"], actor=user)
    messages.success(request, _("%(year)d indicators: %(assessed)d plots assessed, %(flagged)d flagged as "
                                "low efficiency, %(missing)d without data.") % {
        "year": s.year, "assessed": s.assessed, "flagged": s.flagged, "missing": s.not_assessed})
    return redirect(reverse("land:plot_list") + "?flagged=1")


@login_required
def plot_import(request):
    user = request.user
    require(can_import_land(user))
    form = ImportForm(posted(request), files(request))
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_plots(user.park, upload, upload.name, actor=user)
        if result.ok:
            messages.success(request, _("Imported %(rows)d rows: %(created)d created, %(updated)d updated.")
                             % vars(result))
            return redirect("land:plot_list")
        request.session[ERRORS_KEY] = result.errors
    return render(request, "land/plot_import.html", {"form": form, "result": result})


@login_required
def plot_import_report(request):
    require(can_import_land(request.user))
    errors = request.session.get(ERRORS_KEY)
    if not errors:
        raise Http404
    return xlsx_response(error_report_workbook(errors), _("plot-import-errors.xlsx"))


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@login_required
def figures(request):
    """亩 revitalised and firms placed in a year, from the completed plans."""
    user = request.user
    require(can_see_land(user))
    park = park_for(request)
    year = _year(request)
    return render(request, "land/figures.html", {
        "figures": yearly_figures(park, year), "year": year, "park": park,
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        "parks": Park.objects.all() if user.is_district else []})
