"""Statistics and 类案 pages: thin — check access, scope and filter demands, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yuanqu.accounts.permissions import is_district
from yuanqu.core.http import xlsx_response

from . import stats
from .clusters import recurring_problems
from .models import Category
from .permissions import can_see_statistics
from .queries import visible_demands

TABLES = [("category", gettext_lazy("By category"), gettext_lazy("Category")),
          ("department", gettext_lazy("By lead department"), gettext_lazy("Lead department")),
          ("grid", gettext_lazy("By grid"), gettext_lazy("Grid")),
          ("month", gettext_lazy("By month"), gettext_lazy("Month"))]


def _demands(request):
    """The user's visible demands narrowed by ?year= and ?category= (a category code)."""
    if not can_see_statistics(request.user):
        raise PermissionDenied
    qs, year, code = visible_demands(request.user), request.GET.get("year", ""), request.GET.get("category")
    if year.isdigit():
        qs = qs.filter(created_at__year=int(year))
    if code:
        qs = qs.filter(category__code=code)
    return qs, {"year": year if year.isdigit() else "", "category": code or ""}


def _filter_choices(user) -> dict:
    categories = Category.objects.all() if is_district(user) else Category.objects.filter(park=user.park_id)
    years = visible_demands(user).dates("created_at", "year", order="DESC")
    return {"categories": dict(categories.order_by("order", "id").values_list("code", "name")),
            "years": [d.year for d in years]}


@login_required
def statistics(request):
    qs, filters = _demands(request)
    now = timezone.now()
    rows = {dimension: stats.by_dimension(qs, dimension, now) for dimension, _t, _l in TABLES}
    tables = [{"dimension": d, "title": title, "label": label, "rows": rows[d]} for d, title, label in TABLES]
    return render(request, "demands/statistics.html", {
        "summary": stats.summary(qs, now), "tables": tables, "filters": filters,
        "chart": stats.chart_data(rows["category"], rows["month"]),
        "query": request.GET.urlencode(), **_filter_choices(request.user)})


@login_required
def statistics_export(request):
    qs, _filters = _demands(request)
    return xlsx_response(stats.workbook(qs, timezone.now()), _("诉求统计.xlsx"))


@login_required
def clusters(request):
    qs, filters = _demands(request)
    return render(request, "demands/clusters.html", {
        "clusters": recurring_problems(qs), "filters": filters, "days": 365,
        "query": request.GET.urlencode(), **_filter_choices(request.user)})
