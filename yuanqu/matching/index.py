"""The Django side of the engine: one MatchIndex per process at settings.MATCHING_INDEX_DIR, the
Resource → Doc mapping, and keeping the index in step with the resources table."""

import threading

from django.conf import settings

from .engine import Doc, Hit, MatchIndex, Query

_lock = threading.Lock()
_index: MatchIndex | None = None


def get_index() -> MatchIndex:
    """The process-wide index (opened once; it follows other processes' changes by itself)."""
    global _index
    if _index is None or _index.path != settings.MATCHING_INDEX_DIR:
        with _lock:
            if _index is None or _index.path != settings.MATCHING_INDEX_DIR:
                _index = MatchIndex.open(settings.MATCHING_INDEX_DIR)
    return _index


def doc_for(resource) -> Doc:
    """The engine's view of a Resource."""
    return Doc(id=resource.pk, kind=resource.kind, title=resource.title,
               description=resource.description or "", tags=tuple(resource.tags or ()),
               industry_code=resource.industry_id or "", park_id=resource.park_id,
               owner_id=resource.owner_id or 0)


def sync(resource) -> None:
    """Index an active resource (new or changed) or drop a retired one; call on commit."""
    if resource.is_active:
        get_index().upsert([doc_for(resource)])
    else:
        get_index().remove([resource.pk])


def remove(resource_ids) -> None:
    """Drop deleted resources from the index."""
    get_index().remove(list(resource_ids))


def rebuild_from_db(progress=None) -> dict:
    """A new index generation from every active resource; the old one serves until it is swapped."""
    from .models import Resource

    rows = Resource.objects.filter(is_active=True).order_by("pk").iterator(chunk_size=5000)
    return get_index().rebuild((doc_for(r) for r in rows), progress=progress)


def search(query: Query) -> list[Hit]:
    """Ranked hits for a query (see engine.Query)."""
    return get_index().search(query)
