"""Pages of the enterprise registry: thin — parse, check access, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.accounts.models import Park
from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.htmx import render_page
from yuanqu.core.http import xlsx_response

from . import excel, services
from .filters import EnterpriseFilter
from .forms import EnterpriseForm, ImportForm, IndicatorForm
from .importing import import_enterprises
from .models import ImportBatch
from .permissions import (
    can_create,
    can_edit_child,
    can_import,
    can_see_list,
)
from .presenters import CHILD_FORMS, export_rows, profile_context
from .queries import get_enterprise_for_user, list_enterprises

PAGE_SIZE = 20


def _filtered(request):
    if not can_see_list(request.user):
        raise PermissionDenied
    return EnterpriseFilter(request.GET, queryset=list_enterprises(request.user), request=request)


@login_required
def enterprise_list(request):
    filterset = _filtered(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(request, "enterprises/enterprise_list.html", {
        "filter": filterset, "page": page, "query": query.urlencode(),
        "can_create": can_create(request.user), "can_import": can_import(request.user),
    }, partial="results")


@login_required
def enterprise_export(request):
    rows = export_rows(_filtered(request).qs)
    return xlsx_response(excel.export_workbook(rows), _("enterprises.xlsx"))


@login_required
def enterprise_template(request):
    return xlsx_response(excel.template_workbook(), _("enterprise-import-template.xlsx"))


@login_required
def enterprise_detail(request, pk):
    ent = get_enterprise_for_user(request.user, pk)
    context = profile_context(ent, request.user)
    context["history"] = history_for(ent)[:50]
    return render(request, "enterprises/enterprise_detail.html", context)


def _park_for(request):
    """A district administrator names the park (?park=id), None until chosen; others work in their own."""
    if not request.user.is_district:
        return request.user.park
    park_id = request.POST.get("park") or request.GET.get("park") or ""
    if not park_id:
        return None
    if not park_id.isdigit():
        raise Http404
    return get_object_or_404(Park, pk=park_id)


@login_required
def enterprise_create(request):
    if not can_create(request.user):
        raise PermissionDenied
    park = _park_for(request)
    if park is None:  # a district administrator first picks the park the firm belongs to
        return render(request, "enterprises/choose_park.html", {"parks": Park.objects.all()})
    form = EnterpriseForm(request.POST or None, user=request.user, park=park)
    if request.method == "POST" and form.is_valid():
        ent = services.create_enterprise(park=park, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("Enterprise created."))
        return redirect(ent.get_absolute_url())
    return render(request, "enterprises/enterprise_form.html",
                  {"form": form, "creating": True, "park": park, "show_park": request.user.is_district})


@login_required
def enterprise_edit(request, pk):
    ent = get_enterprise_for_user(request.user, pk, write=True)
    form = EnterpriseForm(request.POST or None, instance=ent, user=request.user, park=ent.park)
    if request.method == "POST" and form.is_valid():
        services.update_enterprise(ent, form.cleaned_data, actor=request.user)
        messages.success(request, _("Changes saved."))
        return redirect(ent.get_absolute_url())
    return render(request, "enterprises/enterprise_form.html", {"form": form, "ent": ent})


@login_required
@require_POST
def enterprise_delete(request, pk):
    ent = get_enterprise_for_user(request.user, pk)
    try:
        services.delete_enterprise(ent, actor=request.user)
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect(ent)
    messages.success(request, _("Enterprise deleted."))
    return redirect("enterprises:enterprise_list")


@login_required
def indicator_edit(request, pk, year=None):
    ent = get_enterprise_for_user(request.user, pk, write=True)
    row = ent.indicators.filter(year=year).first() if year else None
    form = IndicatorForm(request.POST or None, instance=row, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "year"}
        services.save_indicators(ent, form.cleaned_data["year"], data, actor=request.user)
        messages.success(request, _("Indicators saved."))
        return redirect(ent.get_absolute_url())
    return render(request, "enterprises/indicator_form.html", {"form": form, "ent": ent})


@login_required
def child_edit(request, pk, kind, child_pk=None):
    ent = get_enterprise_for_user(request.user, pk, write=True)
    form_class = CHILD_FORMS.get(kind)
    if form_class is None:
        raise PermissionDenied
    model = form_class._meta.model
    obj = get_object_or_404(model, pk=child_pk, enterprise=ent) if child_pk else model()
    if not can_edit_child(request.user, ent, model):
        raise PermissionDenied  # shape the page: the service refuses the save anyway
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        services.save_child(ent, obj, form.cleaned_data, actor=request.user)
        messages.success(request, _("Saved."))
        return redirect(ent.get_absolute_url())
    return render(request, "enterprises/child_form.html", {"form": form, "ent": ent, "obj": obj})


@login_required
@require_POST
def child_delete(request, pk, kind, child_pk):
    ent = get_enterprise_for_user(request.user, pk, write=True)
    form_class = CHILD_FORMS.get(kind)
    if form_class is None:
        raise PermissionDenied
    obj = get_object_or_404(form_class._meta.model, pk=child_pk, enterprise=ent)
    services.delete_child(ent, obj, actor=request.user)
    messages.success(request, _("Deleted."))
    return redirect(ent.get_absolute_url())


@login_required
def enterprise_import(request):
    if not can_import(request.user) or request.user.park is None:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_enterprises(request.user.park, upload, actor=request.user,
                                    filename=upload.name)
        if result.ok:
            messages.success(request, _("Imported %(rows)d rows: %(created)d created, %(updated)d "
                                        "updated.") % vars(result))
            return redirect("enterprises:enterprise_list")
    batch = ImportBatch.objects.filter(park=request.user.park, actor=request.user).first()
    return render(request, "enterprises/enterprise_import.html",
                  {"form": form, "result": result, "batch": batch if result else None})


@login_required
def import_report(request, batch_id):
    if not can_import(request.user):
        raise PermissionDenied
    batch = get_object_or_404(ImportBatch, pk=batch_id, park=request.user.park)
    return xlsx_response(excel.error_report_workbook(batch.errors), _("import-errors.xlsx"))

