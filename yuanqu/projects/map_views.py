"""The battle map (挂图作战): the park's plots drawn from their GeoJSON with ECharts (offline, no tiles),
coloured by project health or land status; a click goes to the plot's project, or to the plot."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from yuanqu.accounts.models import Park
from yuanqu.land.queries import map_features

from .permissions import can_see_projects

COLOR_BY = ("project", "land")


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
    data = map_features(request.user, color_by=color_by, park=park) if park else None
    return render(request, "projects/battle_map.html", {
        "data": data, "park": park, "color_by": color_by,
        "parks": Park.objects.order_by("code") if request.user.is_district else []})
