"""Read side: resources a user may see, and matching scoped to them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.enterprises.models import Enterprise
from yuanqu.enterprises.permissions import member_enterprise_id

from . import index
from .engine import MatchError
from .engine import Query as EngineQuery
from .models import Kind, Resource
from .permissions import (
    OFFER_KINDS,
    can_manage_resource,
    sees_all_kinds,
    sees_offers_only,
    sees_retired,
)
from .thesaurus import current_thesaurus

MAX_QUERY_LENGTH = 2000
MAX_LIMIT = 50
OVERSAMPLE = 3  # hits the user may not see are dropped after the engine ranks; ask for more


def visible_resources(user):
    """Resources of the user's park(s): the office, grid workers and institutions see every kind, a
    firm the offers plus its own needs (never another firm's); retired ones only the office."""
    qs = restrict_to_parks(Resource.objects.all(), user)
    if not sees_retired(user):
        qs = qs.filter(Q(is_active=True) | Q(institution_id=user.institution_id or 0))
    if sees_all_kinds(user):
        return qs
    if sees_offers_only(user):
        own_needs = Q(kind=Kind.NEED, owner_id=member_enterprise_id(user) or 0)
        return qs.filter(Q(kind__in=OFFER_KINDS) | own_needs)
    return qs.none()


def list_resources(user):
    return visible_resources(user).select_related("park", "industry", "owner", "institution")


def get_resource_for_user(user, pk, *, write=False) -> Resource:
    """The resource; 404 whether missing or invisible, 403 if visible but not the user's to change."""
    try:
        resource = list_resources(user).get(pk=pk)
    except (Resource.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_manage_resource(user, resource):
        raise PermissionDenied
    return resource


def unknown_kind(value) -> str:
    return _("Unknown kind “%(kind)s”; use one of %(kinds)s.") % {
        "kind": str(value)[:30], "kinds": "、".join(Kind.values)}


def _check_match_input(text, kind, want, limit):
    errors = {}
    if not isinstance(text, str) or not text.strip():
        errors["q"] = _("Enter what you are looking for.")
    elif len(text) > MAX_QUERY_LENGTH:
        errors["q"] = _("At most %(n)s characters.") % {"n": MAX_QUERY_LENGTH}
    for name, value in (("kind", kind), ("want", want)):
        if value and value not in Kind.values:
            errors[name] = unknown_kind(value)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        errors["limit"] = _("Must be between 1 and %(n)s.") % {"n": MAX_LIMIT}
    if errors:
        raise ValidationError(errors)


def _seeker_for(user, seeker):
    if seeker is None and sees_offers_only(user):
        seeker = Enterprise.objects.filter(pk=member_enterprise_id(user) or 0).first()
    return seeker


def build_query(user, text, *, kind="", kinds=(), want="", limit=10, seeker=None) -> EngineQuery:
    """The engine's query for `user`: the asking firm's park (else the user's), its industry, never
    its own resources; `kinds` (or one `kind`) narrows what is ranked."""
    seeker = _seeker_for(user, seeker)
    kinds = kinds or ((kind,) if kind else (OFFER_KINDS if sees_offers_only(user) else ()))
    park_id = seeker.park_id if seeker else ((user.park_id or 0) if not user.is_district else 0)
    return EngineQuery(
        text=text, kinds=tuple(str(k) for k in kinds), want=want, park_id=park_id,
        parks=(park_id,) if park_id else (),  # the engine skips other parks' resources before ranking
        industry_code=seeker.industry_id if seeker else "", exclude_owner=seeker.pk if seeker else 0,
        limit=min(limit * OVERSAMPLE, MAX_LIMIT * OVERSAMPLE))


def match_for_user(user, text, *, kind="", kinds=(), want="", limit=10, seeker=None) \
        -> list[tuple[Resource, object]]:
    """Ranked (resource, hit) pairs for `text`, only resources `user` may see, best first; the
    engine filters `kinds` before ranking, so a panel asks for exactly what it shows.

    ValidationError (fields q, kind, want, limit) for input the matcher cannot take."""
    _check_match_input(text, kind, want, limit)
    query = build_query(user, text, kind=kind, kinds=kinds, want=want, limit=limit, seeker=seeker)
    try:
        hits = index.search(query, thesaurus=current_thesaurus(query.park_id or None))
    except MatchError as exc:
        raise ValidationError({_FIELD.get(exc.field, exc.field): str(exc)}) from None
    found = visible_resources(user).filter(is_active=True).select_related("owner", "institution") \
        .in_bulk([hit.id for hit in hits])
    return [(found[hit.id], hit) for hit in hits if hit.id in found][:limit]


_FIELD = {"text": "q", "kinds": "kind"}
