"""The thesaurus queries are expanded with: the bundled files plus the lines administrators added.

Each process keeps the parsed result per park and checks at most every few seconds whether the added
lines changed (one cheap aggregate), so every web worker sees a new line within seconds.
"""

import logging
import threading
import time

from django.db.models import Count, Max, Q

from yuanqu.nlp import thesaurus as nlp_thesaurus
from yuanqu.nlp.thesaurus import BUNDLED, Thesaurus, parse_line

from .models import SynonymLine

logger = logging.getLogger(__name__)

CHECK_EVERY = 3.0  # seconds between checks of the added lines (per park, per process)

_lock = threading.Lock()
_cache: dict = {}  # park_id → (checked_at, stamp, Thesaurus)
_bundled_lines: list[str] | None = None


def bundled_lines() -> list[str]:
    """The bundled file's lines as shipped (comments and blanks kept, for the page)."""
    global _bundled_lines
    if _bundled_lines is None:
        with open(BUNDLED, encoding="utf-8-sig") as handle:
            _bundled_lines = handle.read().splitlines()
    return _bundled_lines


def added_lines(park_id=None):
    """Lines for every park (park empty) plus those of `park_id`."""
    scope = Q(park__isnull=True) | Q(park_id=park_id) if park_id else Q(park__isnull=True)
    return SynonymLine.objects.filter(scope)


def _stamp(park_id):
    agg = added_lines(park_id).aggregate(newest=Max("updated_at"), count=Count("id"), top=Max("id"))
    return agg["newest"], agg["count"], agg["top"]


def build(lines) -> Thesaurus:
    """A Thesaurus from lines; a bad line (say, added past the page's check) is skipped and logged."""
    good = []
    for line in lines:
        try:
            parse_line(line)
        except ValueError:
            logger.warning("Skipping a bad thesaurus line: %r", line)
            continue
        good.append(line)
    return nlp_thesaurus.parse(good)


def current_thesaurus(park_id=None) -> Thesaurus:
    """Bundled plus added lines for a park's queries (None: the lines for every park only)."""
    now = time.monotonic()
    cached = _cache.get(park_id)
    if cached and now - cached[0] < CHECK_EVERY:
        return cached[2]
    stamp = _stamp(park_id)
    if cached and cached[1] == stamp:
        _cache[park_id] = (now, stamp, cached[2])
        return cached[2]
    # The bundled files (thesaurus.txt and problems.txt) are parsed once per process; only the
    # administrators' lines are parsed when they change.
    added = build(added_lines(park_id).values_list("line", flat=True))
    thesaurus = nlp_thesaurus.merge(nlp_thesaurus.bundled(), added)
    with _lock:
        _cache[park_id] = (now, stamp, thesaurus)
    return thesaurus


def clear_cache():
    """Forget the parsed thesauri (tests; a line added in this process is also seen at once)."""
    _cache.clear()
