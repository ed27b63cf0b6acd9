"""Resource pages and the thesaurus page: thin — parse, check access, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuanqu.core.audit import history_for

from . import services
from .forms import ResourceFilterForm, ResourceForm, SynonymLineForm
from .models import SynonymLine
from .permissions import (
    can_create_resource,
    can_delete_synonym_line,
    can_manage_resource,
    can_manage_thesaurus,
    can_see_resources,
    is_mirrored,
)
from .queries import get_resource_for_user, list_resources
from .thesaurus import added_lines, bundled_lines

PAGE_SIZE = 25


def _filtered(request):
    form = ResourceFilterForm(request.GET or None)
    qs = list_resources(request.user)
    if form.is_valid():
        if form.cleaned_data["kind"]:
            qs = qs.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["q"].strip():
            qs = qs.filter(title__icontains=form.cleaned_data["q"].strip())
    if request.GET.get("mine") and request.user.institution_id:
        qs = qs.filter(institution_id=request.user.institution_id)
    return form, qs.order_by("-is_active", "kind", "-id")


@login_required
def resource_list(request):
    if not can_see_resources(request.user):
        raise PermissionDenied
    form, qs = _filtered(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "matching/resource_list.html", {
        "filter": form, "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query.urlencode(), "mine": bool(request.GET.get("mine")),
        "can_create": can_create_resource(request.user, request.user.park)
        or (request.user.is_district and can_see_resources(request.user))})


@login_required
def resource_detail(request, pk):
    resource = get_resource_for_user(request.user, pk)
    can_manage = can_manage_resource(request.user, resource)
    return render(request, "matching/resource_detail.html", {
        "resource": resource, "can_manage": can_manage, "mirrored": is_mirrored(resource),
        "history": history_for(resource)[:30] if can_manage else []})


def _save(request, form, resource):
    data = form.service_fields()
    if resource is None:
        park = form.cleaned_data.get("park") or request.user.park
        return services.create_resource(park, actor=request.user, **data)
    return services.update_resource(resource, actor=request.user, **data)


def _form_page(request, resource=None):
    form = ResourceForm(request.POST or None, user=request.user, resource=resource)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(request, form, resource)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("matching:resource_detail", saved.pk)
    return render(request, "matching/resource_form.html", {"form": form, "resource": resource})


def _add_errors(form, exc):
    """A service's errors at their fields (the form's own checks passed, the model's did not)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def resource_create(request):
    user = request.user
    if not (can_create_resource(user, user.park) or user.is_district):
        raise PermissionDenied
    return _form_page(request)


@login_required
def resource_edit(request, pk):
    return _form_page(request, get_resource_for_user(request.user, pk, write=True))


@login_required
@require_POST
def resource_retire(request, pk):
    resource = get_resource_for_user(request.user, pk, write=True)
    if request.POST.get("restore"):
        services.restore_resource(resource, actor=request.user)
        messages.success(request, _("The resource is matched again."))
    else:
        services.retire_resource(resource, actor=request.user)
        messages.success(request, _("The resource is retired from matching."))
    return redirect("matching:resource_detail", resource.pk)


def _require_thesaurus_admin(user):
    if not can_manage_thesaurus(user):
        raise PermissionDenied


def _lines_for(user):
    """A district administrator sees every added line; a park administrator its park's and the shared."""
    return SynonymLine.objects.all() if user.is_district else added_lines(user.park_id)


@login_required
def thesaurus_page(request):
    user = request.user
    _require_thesaurus_admin(user)
    form = SynonymLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_synonym_line(None if user.is_district else user.park, form.cleaned_data["line"],
                                      actor=user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Thesaurus line added; matching uses it within seconds."))
            return redirect("matching:thesaurus")
    lines = _lines_for(user).select_related("park", "created_by")
    return render(request, "matching/thesaurus_page.html", {
        "form": form, "bundled": [ln for ln in bundled_lines() if ln.strip() and not ln.startswith("#")],
        "added": [(line, can_delete_synonym_line(user, line)) for line in lines]})


@login_required
@require_POST
def thesaurus_delete(request, pk):
    _require_thesaurus_admin(request.user)
    line = get_object_or_404(_lines_for(request.user), pk=pk)
    if not can_delete_synonym_line(request.user, line):
        raise PermissionDenied
    services.delete_synonym_line(line, actor=request.user)
    messages.success(request, _("Thesaurus line deleted."))
    return redirect("matching:thesaurus")
