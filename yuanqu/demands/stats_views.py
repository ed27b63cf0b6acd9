"""Statistics and 类案 pages: thin — check access, scope and filter demands (DemandFilter), render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yuanqu.core.http import xlsx_response

from . import stats
from .clusters import recurring_problems
from .filters import DemandFilter
from .permissions import can_see_statistics
from .queries import visible_demands

TABLES = [("category", gettext_lazy("By category"), gettext_lazy("Category")),
          ("department", gettext_lazy("By lead department"), gettext_lazy("Lead department")),
          ("grid", gettext_lazy("By grid"), gettext_lazy("Grid")),
          ("month", gettext_lazy("By month"), gettext_lazy("Month"))]


# Filters offered on the statistics pages; every other demand filter still applies from the URL.
STATS_FIELDS = ["year", "category", "department", "grid", "urgency", "channel", "park"]


def _filtered(request):
    """The user's visible demands through the demand FilterSet (?year=, ?category=<code>, …)."""
    if not can_see_statistics(request.user):
        raise PermissionDenied
    return DemandFilter(request.GET, queryset=visible_demands(request.user), request=request)


def _filter_context(filterset) -> dict:
    return {"filter": filterset, "filter_fields": STATS_FIELDS, "query": filterset.cleaned_query()}


@login_required
def statistics(request):
    filterset = _filtered(request)
    qs, now = filterset.qs, timezone.now()
    rows = {dimension: stats.by_dimension(qs, dimension, now) for dimension, _t, _l in TABLES}
    tables = [{"dimension": d, "title": title, "label": label, "rows": rows[d]} for d, title, label in TABLES]
    return render(request, "demands/statistics.html", {
        "summary": stats.summary(qs, now), "tables": tables,
        "chart": stats.chart_data(rows["category"], rows["month"]), **_filter_context(filterset)})


@login_required
def statistics_export(request):
    return xlsx_response(stats.workbook(_filtered(request).qs, timezone.now()), _("诉求统计.xlsx"))


@login_required
def clusters(request):
    filterset = _filtered(request)
    return render(request, "demands/clusters.html", {
        "clusters": recurring_problems(filterset.qs), "days": 365, **_filter_context(filterset)})
