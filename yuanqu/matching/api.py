"""/api/v1/match and /api/v1/resources: thin handlers over queries."""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Query, Router
from ninja.pagination import paginate

from yuanqu.core.pagination import LimitOffset

from .models import Kind
from .permissions import can_see_resources
from .queries import get_resource_for_user, list_resources, match_for_user, unknown_kind
from .schemas import MatchOut, ResourceFilters, ResourceList, ResourceRead

match_router = Router(tags=["matching"])
router = Router(tags=["matching"])


def _require_access(user):
    if not can_see_resources(user):
        raise PermissionDenied


def _query_error(exc: ValidationError) -> ValidationError:
    exc.location = "query"
    return exc


@match_router.get("", response=list[MatchOut])
def match(request, q: str = "", kind: str = "", limit: int = 10):
    """Resources matching the text, best first, each with its reasons (Chinese); 422 for an empty or
    over-long text, an unknown kind or a limit outside 1–50."""
    _require_access(request.user)
    try:
        pairs = match_for_user(request.user, q, kind=kind, limit=limit)
    except ValidationError as exc:
        raise _query_error(exc) from None
    return [{"resource_id": r.pk, "external_id": r.external_id, "kind": r.kind, "title": r.title,
             "score": round(float(hit.score), 4), "reasons": list(hit.reasons)} for r, hit in pairs]


@router.get("", response=list[ResourceList])
@paginate(LimitOffset)
def list_(request, filters: Query[ResourceFilters]):
    """Resources the user may see, optionally of one kind or with words in the title."""
    _require_access(request.user)
    qs = list_resources(request.user)
    if filters.kind:
        if filters.kind not in Kind.values:
            raise _query_error(ValidationError({"kind": unknown_kind(filters.kind)}))
        qs = qs.filter(kind=filters.kind)
    if filters.q and filters.q.strip():
        qs = qs.filter(title__icontains=filters.q.strip())
    return qs.order_by("kind", "id")


@router.get("/{int:resource_id}", response=ResourceRead)
def read(request, resource_id: int):
    return get_resource_for_user(request.user, resource_id)
