"""Read side: every firm record is fetched through these permission-aware accessors."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from yuanqu.accounts.permissions import is_enterprise_user, is_grid_worker, is_staff_member
from yuanqu.core.tenancy import restrict_to_parks

from .models import Enterprise, Qualification
from .permissions import can_edit, member_enterprise_id


def visible_enterprises(user):
    """Firms `user` may see: district all, staff their park, grid workers their grid, firms themselves."""
    qs = restrict_to_parks(Enterprise.objects.all(), user)
    if is_staff_member(user):
        return qs
    if is_grid_worker(user):
        return qs.filter(grid_id=user.grid_id) if user.grid_id else qs.none()
    if is_enterprise_user(user):
        return qs.filter(pk=member_enterprise_id(user) or 0)
    return qs.none()


def list_enterprises(user):
    """The list page/API queryset: one query for rows plus one for current qualifications."""
    today = timezone.localdate()
    current = Qualification.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today), granted_on__lte=today)
    return (
        visible_enterprises(user)
        .select_related("industry", "grid", "park", "grid_worker")
        .prefetch_related(Prefetch("qualifications", queryset=current, to_attr="current_quals"))
    )


def get_enterprise_for_user(user, pk, *, write=False) -> Enterprise:
    """The firm; 404 whether it is missing or invisible to `user`, 403 if visible but read-only."""
    try:
        ent = visible_enterprises(user).select_related("industry", "grid", "park").get(pk=pk)
    except (Enterprise.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_edit(user, ent):
        raise PermissionDenied
    return ent
