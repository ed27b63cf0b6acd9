"""Building the index from the database: by command, and at migrate time when there is none yet."""

import logging
import sys
import time
from pathlib import Path

from django.conf import settings

from . import index

logger = logging.getLogger(__name__)


def index_missing() -> bool:
    path = Path(settings.MATCHING_INDEX_DIR)
    return not path.is_dir() or not any(path.iterdir())


def rebuild(progress=None) -> tuple[dict, float]:
    """A new index generation from every active resource; (the engine's counts, seconds taken)."""
    started = time.monotonic()
    stats = index.rebuild_from_db(progress=progress)
    return stats or {}, time.monotonic() - started


def build_missing_index(*, verbosity: int = 1, stdout=None) -> bool:
    """Run by `migrate` (post_migrate) so a fresh install answers matches before its first request;
    an existing index is kept. A failure is logged, never fails the migration."""
    if not index_missing():
        return False
    out = stdout or sys.stdout
    if verbosity:
        out.write(f"  Building the matching index in {settings.MATCHING_INDEX_DIR} ...\n")
    try:
        rebuild()
    except Exception:  # noqa: BLE001 - migrate must finish; build_match_index can be run by hand
        logger.exception("Could not build the matching index; run build_match_index")
        return False
    return True


def build_index_after_migrate(sender, verbosity=1, stdout=None, **kwargs):
    build_missing_index(verbosity=verbosity, stdout=stdout)
