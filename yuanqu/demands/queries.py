"""Read side for demands: permission-scoped querysets and accessors."""

from django.db.models import Q
from django.http import Http404

from yuanqu.accounts.permissions import is_district, is_staff_member
from yuanqu.enterprises.queries import visible_enterprises

from .models import CalendarDay, Demand
from .sla import WorkCalendar
from .workflow import OPEN


def visible_demands(user):
    """Demands of the firms `user` may see (the registry's rule), plus those assigned to them."""
    qs = Demand.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_district(user):
        return qs
    qs = qs.filter(park_id=user.park_id)
    if is_staff_member(user):
        return qs
    return qs.filter(Q(enterprise__in=visible_enterprises(user)) | Q(handler=user))


def list_demands(user):
    return visible_demands(user).select_related("enterprise", "category", "department", "handler")


def get_demand_for_user(user, pk) -> Demand:
    """The demand, or 404 whether it is missing or not visible to `user`."""
    try:
        return list_demands(user).select_related("subtype", "park", "merged_into").get(pk=pk)
    except (Demand.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def work_queue(user):
    """Open demands the user handles: assigned to them or to their department."""
    cond = Q(handler=user)
    if user.department_id:
        cond |= Q(department_id=user.department_id) | Q(co_departments=user.department_id)
    return list_demands(user).filter(cond, status__in=list(OPEN)).distinct().order_by("deadline_at")


def triage_queue(user):
    return list_demands(user).filter(needs_triage=True, status__in=list(OPEN)).order_by("created_at")


def my_demands(user):
    return list_demands(user).order_by("-created_at")


def work_calendar() -> WorkCalendar:
    """The working-day calendar from the admin-maintained exceptions."""
    days = list(CalendarDay.objects.values_list("date", "kind"))
    return WorkCalendar(holidays=frozenset(d for d, k in days if k == CalendarDay.Kind.HOLIDAY),
                        workdays=frozenset(d for d, k in days if k == CalendarDay.Kind.WORKDAY))


def similar_open_demands(park_id, text, *, exclude_pk=None, limit=5):
    """Open demands of the park whose wording is close to `text` (for duplicates)."""
    from .similarity import rank_similar

    candidates = list(Demand.objects.filter(park_id=park_id, status__in=list(OPEN))
                      .exclude(pk=exclude_pk).select_related("enterprise")
                      .order_by("-created_at")[:2000])
    return rank_similar(text, candidates, limit=limit)
