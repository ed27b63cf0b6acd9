"""Background work: compacting the matching index's journal into a new generation."""

from django_tasks import task

from . import index


@task()
def compact_index() -> dict:
    """Rebuild the index from the database (skipped when another rebuild is running)."""
    return index.rebuild_from_db()
