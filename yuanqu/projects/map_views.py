"""The battle map (挂图作战): the park's plots drawn from their GeoJSON with ECharts (offline, no tiles),
coloured by project health or land status; a click goes to the plot's project, or to the plot."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from yuanqu.accounts.models import Park
from yuanqu.land.queries import map_features_json, map_legend

from .permissions import can_see_projects

COLOR_BY = ("project", "land")
# What json_script escapes, so the embedded JSON cannot close its <script> element.
SCRIPT_ESCAPES = [(">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026")]


def embedded_json(element_id, text):
    """<script type="application/json"> holding JSON text as it is (json_script would decode and
    re-encode the 5,000 geometries)."""
    for char, escape in SCRIPT_ESCAPES:  # str.replace: 2 MB in milliseconds (translate takes ~100 ms)
        text = text.replace(char, escape)
    return format_html('<script id="{}" type="application/json">{}</script>', element_id,
                       mark_safe(text))  # noqa: S308 - escaped just above


def _park(request):
    """One map per park: the user's own, or the one a district administrator picks (default the first)."""
    user = request.user
    if not user.is_district:
        return user.park
    raw = request.GET.get("park", "")
    if raw.isdigit():
        return get_object_or_404(Park, pk=raw)
    return Park.objects.order_by("code").first()


@login_required
def battle_map(request):
    if not can_see_projects(request.user):
        raise PermissionDenied
    color_by = request.GET.get("color_by") if request.GET.get("color_by") in COLOR_BY else "project"
    park = _park(request)
    data = map_features_json(request.user, color_by=color_by, park=park) if park else None
    return render(request, "projects/battle_map.html", {
        "data": embedded_json("battle-map-data", data) if data else None, "park": park, "color_by": color_by,
        "legend": map_legend(color_by),
        "parks": Park.objects.order_by("code") if request.user.is_district else []})
