"""Read side for demands: permission-scoped querysets and accessors."""

from django.db.models import Count, Max, Q, Sum
from django.http import Http404

from yuanqu.accounts.permissions import is_staff_member
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.enterprises.queries import visible_enterprises

from .models import Demand
from .workflow import OPEN


def visible_demands(user):
    """Demands of the firms `user` may see (the registry's rule), plus those assigned to them."""
    qs = restrict_to_parks(Demand.objects.all(), user)
    if is_staff_member(user):
        return qs
    return qs.filter(Q(enterprise__in=visible_enterprises(user)) | Q(handler=user))


def list_demands(user):
    return visible_demands(user).select_related("enterprise", "category", "department", "handler", "park")


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


MAX_SIMILAR_CANDIDATES = 2000
_similarity_indexes = {}  # park id → (fingerprint, SimilarityIndex); a few MB per park at most


def similar_open_demands(park_id, text, *, exclude_pk=None, limit=5):
    """[(demand, score)]: open demands of the park whose wording is close to `text` (for duplicates).

    The TF-IDF index of the park's open demands is built once and reused until one of them changes
    (every change moves updated_at; a demand leaving or joining the open set moves the count and
    the sum of ids, also when a transaction that started earlier commits later), so a keystroke
    costs one aggregate query and one sparse product.
    """
    from yuanqu.nlp.similarity import SimilarityIndex

    open_demands = Demand.objects.filter(park_id=park_id, status__in=sorted(OPEN))
    fingerprint = tuple(open_demands.aggregate(n=Count("pk"), ids=Sum("pk"),
                                               changed=Max("updated_at")).values())
    cached = _similarity_indexes.get(park_id)
    if cached is None or cached[0] != fingerprint:
        rows = (open_demands.order_by("-created_at")
                .values_list("pk", "title", "text")[:MAX_SIMILAR_CANDIDATES])
        cached = (fingerprint, SimilarityIndex.build([(pk, f"{title} {body}") for pk, title, body in rows]))
        _similarity_indexes[park_id] = cached  # a plain dict write: concurrent rebuilds only repeat work
    ranked = cached[1].rank(text, limit=limit, exclude=exclude_pk)
    demands = Demand.objects.select_related("enterprise").in_bulk([pk for pk, _score in ranked])
    return [(demands[pk], score) for pk, score in ranked if pk in demands]


def similar_for_user(user, park_id, text, *, exclude_pk=None) -> tuple[list, int]:
    """The similar open demands `user` may see, and how many more there are that they may not
    (a firm sees its own; of other firms' it may learn only how many, never which)."""
    found = similar_open_demands(park_id, text, exclude_pk=exclude_pk) if park_id else []
    visible = set(visible_demands(user).filter(pk__in=[d.pk for d, _s in found]).values_list("pk", flat=True))
    return [(d, score) for d, score in found if d.pk in visible], sum(d.pk not in visible for d, _s in found)
