"""Building a big segment from a stream of documents in bounded memory, on every core.

Pass 1 analyses chunks of documents (in a fork pool when there is more than one chunk and more than
one core) into their distinct (term key, document, count) triples, sorted by key, and the document
lengths. Pass 2 knows every term's document frequency, so it lays the postings out once: each
chunk's triples are scattered into their final places (chunks are in id order, so every posting
list stays ascending) with their BM25 weights. Nothing of the size of all postings is held twice.
"""

import multiprocessing
import os

import numpy as np

from . import text
from .segment import K1, B, Segment, Stats, columns, count_pairs, namespace_of
from .types import Doc, MatchError

CHUNK = 25_000  # documents per analysis step: a worker holds one chunk's terms (≈0.5 GB at most)


def analyse_chunk(docs: list[Doc], first: int):
    """(distinct keys, pairs per key, pair docs, counts, lengths[3, n], columns) of documents numbered
    from `first`; the pairs are sorted by key then document, and their keys are not kept (a run of
    pairs per distinct key says the same in a sixth of the memory)."""
    parts = text.docs_parts(docs)
    big_keys, big_owner = text.chunk_bigrams([text.bigram_source(h, b) for h, b in parts])
    word_keys, word_owner = text.chunk_word_keys(parts)
    keys = np.concatenate((big_keys, word_keys))
    owner = np.concatenate((big_owner, word_owner))
    pair_keys, pair_docs, tf = count_pairs(keys, owner)
    dl = np.zeros((3, len(docs)), dtype=np.float32)
    np.add.at(dl, (namespace_of(pair_keys), pair_docs), tf)
    vocab, counts = _runs(pair_keys)
    return vocab, counts, (pair_docs + first).astype(np.int32), tf.astype(np.uint16), dl, columns(docs)


def _chunks(docs):
    chunk, last = [], None
    for doc in docs:
        if last is not None and doc.id <= last:
            raise MatchError("id", f"documents must come in ascending id order ({doc.id} after {last})")
        last = doc.id
        chunk.append(doc)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _analysed(docs, progress):
    """Analysed chunks in order; two at a time in a fork pool once a second chunk exists."""
    chunks, first, pool = _chunks(docs), 0, None
    try:
        while True:
            window = [c for _, c in zip(range(2), chunks, strict=False)]  # range first: zip must not
            # pull a third chunk from the generator and drop it
            if not window:
                return
            starts = [first, first + len(window[0])]
            if len(window) > 1 and (os.cpu_count() or 1) > 1 and pool is None:
                pool = multiprocessing.get_context("fork").Pool(2)
            jobs = list(zip(window, starts, strict=False))
            yield from (pool.starmap(analyse_chunk, jobs) if pool else [analyse_chunk(*j) for j in jobs])
            first += sum(len(c) for c in window)
            if progress:
                progress(first)
    finally:
        if pool is not None:
            pool.close()
            pool.join()


def build_stream(docs, progress=None) -> Segment:
    """A segment from documents in ascending id order (see the module docstring)."""
    analysed = list(_analysed(docs, progress))
    if not analysed:
        return Segment.empty()
    dl = np.concatenate([a[4] for a in analysed], axis=1)
    cols = {name: np.concatenate([a[5][name] for a in analysed]) for name in analysed[0][5]}
    n = len(cols["ids"])
    stats = Stats(n, tuple(float(max(row.mean(), 1.0)) for row in dl))
    runs = [(a[0], a[1]) for a in analysed]
    vocab = np.unique(np.concatenate([keys for keys, _ in runs]))
    df = np.zeros(len(vocab), dtype=np.int64)
    term_ids = []
    for keys, counts in runs:
        ids = np.searchsorted(vocab, keys)
        np.add.at(df, ids, counts)
        term_ids.append(ids)
    indptr = np.concatenate(([0], np.cumsum(df)))
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    out_docs = np.empty(indptr[-1], dtype=np.int32)
    out_weights = np.empty(indptr[-1], dtype=np.float32)
    cursor = indptr[:-1].copy()
    norm_base = K1 * (1 - B)
    for (keys, counts, pair_docs, tf, _, _), ids in zip(analysed, term_ids, strict=True):
        term = np.repeat(ids, counts)
        offset = np.arange(len(pair_docs)) - np.repeat(np.cumsum(counts) - counts, counts)
        dest = cursor[term] + offset
        cursor[ids] += counts
        ns = np.repeat(namespace_of(keys), counts)
        norm = norm_base + K1 * B * dl[ns, pair_docs] / np.asarray(stats.avgdl, dtype=np.float32)[ns]
        tf = tf.astype(np.float32)
        out_docs[dest] = pair_docs
        out_weights[dest] = idf[term] * tf * (K1 + 1) / (tf + norm)
    arrays = {"keys": vocab, "indptr": indptr, "docs": out_docs, "weights": out_weights, **cols}
    return Segment(arrays, stats)


def _runs(pair_keys):
    """(distinct keys, pairs per key) of key-sorted pairs."""
    if not len(pair_keys):
        return pair_keys, np.zeros(0, dtype=np.int64)
    change = np.ones(len(pair_keys), dtype=bool)
    change[1:] = pair_keys[1:] != pair_keys[:-1]
    starts = np.flatnonzero(change)
    return pair_keys[starts], np.diff(np.append(starts, len(pair_keys)))
