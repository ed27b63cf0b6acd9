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


def prior(accepted: int, rejected: int) -> float:
    """Past outcomes as one number in (−1, 1): staff verdicts on the resource, smoothed so that one
    verdict moves it a little and many move it a lot."""
    return (accepted - rejected) / (accepted + rejected + 2)


def doc_for(resource, accepted: int | None = None, rejected: int | None = None) -> Doc:
    """The engine's view of a Resource (its verdict counts are read when not given)."""
    if accepted is None:
        accepted, rejected = verdicts([resource.pk]).get(resource.pk, (0, 0))
    return Doc(id=resource.pk, kind=resource.kind, title=resource.title,
               description=resource.description or "", tags=tuple(resource.tags or ()),
               industry_code=resource.industry_id or "", park_id=resource.park_id,
               owner_id=resource.owner_id or 0, prior=prior(accepted, rejected))


def verdicts(resource_ids=None) -> dict[int, tuple[int, int]]:
    """resource id → (accepted, rejected) staff verdicts."""
    from django.db.models import Count, Q

    from .models import Feedback

    rows = Feedback.objects.all()
    if resource_ids is not None:
        rows = rows.filter(resource_id__in=list(resource_ids))
    rows = rows.values("resource_id").annotate(yes=Count("pk", filter=Q(accepted=True)),
                                               no=Count("pk", filter=Q(accepted=False)))
    return {r["resource_id"]: (r["yes"], r["no"]) for r in rows}


def sync(resource) -> None:
    """Index an active resource (new, changed, newly judged) or drop a retired one; call on commit.
    A journal grown too long is compacted by a background rebuild."""
    sync_many([resource])


def sync_many(resources) -> None:
    """sync() of many resources: one verdict query, one journal append, one encoding batch."""
    active = [r for r in resources if r.is_active]
    counts = verdicts([r.pk for r in active]) if active else {}
    get_index().upsert([doc_for(r, *counts.get(r.pk, (0, 0))) for r in active])
    get_index().remove([r.pk for r in resources if not r.is_active])
    if active and settings.MATCHING_SEMANTIC_RERANK:
        from . import semantic

        semantic.encode([semantic.resource_text(r) for r in active])
    compact_if_needed()


def compact_if_needed() -> bool:
    """Enqueue a rebuild when the journal has grown past its bound (see MatchIndex.needs_compaction)."""
    if not get_index().needs_compaction():
        return False
    from .tasks import compact_index

    compact_index.enqueue()
    return True


def remove(resource_ids) -> None:
    """Drop deleted resources from the index."""
    get_index().remove(list(resource_ids))


def rebuild_from_db(progress=None) -> dict:
    """A new index generation from every active resource; the old one serves until it is swapped.
    {} when another process is rebuilding already (its generation will hold the same)."""
    with get_index().rebuilding() as mine:
        return _rebuild(progress) if mine else {}


def _rebuild(progress) -> dict:
    from .models import Resource

    counts = verdicts()
    rows = Resource.objects.filter(is_active=True).order_by("pk").iterator(chunk_size=5000)
    return get_index().rebuild((doc_for(r, *counts.get(r.pk, (0, 0))) for r in rows), progress=progress)


def search(query: Query, thesaurus=None) -> list[Hit]:
    """Ranked hits for a query (see engine.Query); thesaurus: the bundled one and the park's lines.
    With MATCHING_SEMANTIC_RERANK, sentence vectors are one more signal (docs/matching.md)."""
    return get_index().search(query, thesaurus=thesaurus, dense=_dense())


def _dense():
    from yuanqu.nlp import vectors

    from . import semantic

    if not settings.MATCHING_SEMANTIC_RERANK or not vectors.available():
        return None
    return semantic.scorer(_texts_of)


def _texts_of(ids) -> list[str]:
    from . import semantic
    from .models import Resource

    rows = Resource.objects.in_bulk([int(i) for i in ids])
    return [semantic.resource_text(rows[int(i)]) if int(i) in rows else "" for i in ids]
