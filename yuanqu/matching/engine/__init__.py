"""The matching engine, pure (no database, no Django models): analyse Chinese text, keep a persisted
memory-mapped index with a journal for changes, retrieve with BM25, re-rank with structured signals
and learned weights, explain every result in Chinese.

    index = MatchIndex.open(path)                 # the newest built generation + its journal
    index.rebuild(docs)                           # a new generation, swapped in atomically
    index.upsert([Doc(...)]); index.remove([7])   # journalled: every process sees it at its next search
    hits = index.search("想找家做阳极氧化的", want="product", park_id=1, limit=10)
    hits[0].id, hits[0].score, hits[0].reasons   # reasons: Chinese sentences
"""

from .index import MatchIndex  # noqa: F401,E402
from .types import Doc, Hit, MatchError, Query  # noqa: F401
