"""One immutable block of the index: BM25 postings over int64 term keys, plus per-document columns.

A segment is a handful of .npy arrays, written once and memory-mapped by every process that reads
it, so N workers share one copy in the page cache:

    keys     int64[V]    sorted term keys (see text.py)
    indptr   int64[V+1]  postings of keys[i] are docs[indptr[i]:indptr[i+1]]
    docs     int32[P]    document positions, ascending within a term
    weights  float32[P]  the BM25 weight of the term in that document (idf × saturated tf)
    ids      int64[N]    resource ids, ascending (positions are found by binary search)
    kind     int8[N]     index into types.KINDS, -1 for a document of no known kind
    park, owner int32[N]; industry int32[N] (the 4-digit code as a number, 0 for none); prior float32[N]
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import text
from .types import KINDS, Doc

K1, B = 1.2, 0.75
ARRAYS = ("keys", "indptr", "docs", "weights", "ids", "kind", "park", "owner", "industry", "prior")
_NS_MASK = text.WORD | text.TITLE


def namespace_of(keys: np.ndarray) -> np.ndarray:
    """0 bigram, 1 word, 2 title for each key."""
    out = np.zeros(len(keys), dtype=np.int8)
    out[(keys & text.WORD) != 0] = 1
    out[(keys & text.TITLE) != 0] = 2
    return out


@dataclass
class Stats:
    """Collection statistics BM25 needs: document count, average length per namespace."""

    n: int
    avgdl: tuple[float, float, float]

    def to_json(self):
        return {"n": self.n, "avgdl": list(self.avgdl)}


def industry_number(code: str) -> int:
    return int(code) if code and code.isdigit() else 0


def analyse(doc: Doc) -> np.ndarray:
    """The term keys of one document, duplicates kept (they are term frequencies)."""
    return np.asarray(text.doc_keys(doc.title, doc.description, doc.tags), dtype=np.int64)


class Segment:
    """Postings and columns, in memory or memory-mapped; see the module docstring."""

    def __init__(self, arrays: dict, stats: Stats):
        for name in ARRAYS:
            setattr(self, name, arrays[name])
        self.stats = stats
        self.df = np.diff(self.indptr)

    def __len__(self):
        return len(self.ids)

    @classmethod
    def empty(cls) -> "Segment":
        arrays = {name: np.zeros(0, dtype=dtype) for name, dtype in _DTYPES.items()}
        arrays["indptr"] = np.zeros(1, dtype=np.int64)
        return cls(arrays, Stats(0, (1.0, 1.0, 1.0)))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for name in ARRAYS:
            np.save(directory / f"{name}.npy", np.ascontiguousarray(getattr(self, name)))
        (directory / "stats.json").write_text(json.dumps(self.stats.to_json()))

    @classmethod
    def load(cls, directory: Path) -> "Segment":
        """Memory-map a saved segment (read-only: the pages are shared between processes)."""
        arrays = {name: np.load(directory / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
        raw = json.loads((directory / "stats.json").read_text())
        return cls(arrays, Stats(raw["n"], tuple(raw["avgdl"])))

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Term index of each key, -1 where the segment does not have it."""
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.searchsorted(self.keys, keys)
        at[at >= len(self.keys)] = 0
        return np.where(self.keys[at] == keys, at, -1)

    def positions(self, ids) -> np.ndarray:
        """Positions of resource ids, -1 for ids not in the segment."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(self.ids):
            return np.full(len(ids), -1, dtype=np.int64)
        at = np.searchsorted(self.ids, ids)
        at[at >= len(self.ids)] = 0
        return np.where(self.ids[at] == ids, at, -1)

    def accumulate(self, terms: np.ndarray, qweights: np.ndarray, max_df: float = 1.0) -> np.ndarray:
        """Dense BM25 scores of every document for the given term indices and query weights; terms
        in more than max_df of the documents are left out (they rank nothing, they only cost)."""
        scores = np.zeros(len(self.ids), dtype=np.float32)
        limit = max(1, int(max_df * len(self.ids)))
        for term, qw in zip(terms, qweights, strict=True):
            lo, hi = self.indptr[term], self.indptr[term + 1]
            if term < 0 or hi - lo > limit:
                continue
            scores[self.docs[lo:hi]] += qw * self.weights[lo:hi]
        return scores

    def term_weights(self, terms: np.ndarray, cand: np.ndarray) -> np.ndarray:
        """(len(terms) × len(cand)) BM25 weights of each term in each candidate (0 where absent);
        cand must be sorted positions."""
        out = np.zeros((len(terms), len(cand)), dtype=np.float32)
        for row, term in enumerate(terms):
            if term < 0:
                continue
            lo, hi = self.indptr[term], self.indptr[term + 1]
            posting = self.docs[lo:hi]
            at = np.searchsorted(posting, cand)
            inside = at < len(posting)
            found = np.zeros(len(cand), dtype=bool)
            found[inside] = posting[at[inside]] == cand[inside]
            out[row, found] = self.weights[lo + at[found]]
        return out

    def live_df(self, terms: np.ndarray, dead: np.ndarray) -> np.ndarray:
        """Document frequency of term indices (-1: 0), not counting the dead positions (sorted):
        copies a journal has replaced must not count twice."""
        df = np.where(terms >= 0, self.df[np.maximum(terms, 0)], 0) if len(self.df) else np.zeros(len(terms))
        if not len(dead):
            return df
        for row, term in enumerate(terms):
            if term >= 0:
                posting = self.docs[self.indptr[term]:self.indptr[term + 1]]
                at = np.minimum(np.searchsorted(posting, dead), len(posting) - 1)
                df[row] -= np.count_nonzero(posting[at] == dead)
        return df

    def idf(self, terms: np.ndarray) -> np.ndarray:
        """BM25 idf of term indices (terms the segment lacks get the idf of a one-document term)."""
        n = max(self.stats.n, 1)
        df = np.where(terms >= 0, self.df[np.maximum(terms, 0)] if len(self.df) else 0, 1)
        return np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)


_DTYPES = {"keys": np.int64, "indptr": np.int64, "docs": np.int32, "weights": np.float32,
           "ids": np.int64, "kind": np.int8, "park": np.int32, "owner": np.int32,
           "industry": np.int32, "prior": np.float32}


def build(docs: list[Doc], term_lists: list[np.ndarray], base: Segment | None = None,
          dead: np.ndarray | None = None) -> Segment:
    """A segment from documents (sorted by id) and their term keys. With `base`, idf and average
    lengths come from the base plus these documents, so a small journal segment scores on the same
    scale as the big one it sits beside."""
    lengths = np.array([len(t) for t in term_lists], dtype=np.int64)
    doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    keys = np.concatenate(term_lists) if len(term_lists) else np.zeros(0, dtype=np.int64)
    return from_pairs(*count_pairs(keys, doc_of), columns(docs), base, dead)


def from_pairs(pair_keys, pair_docs, tf, cols: dict, base: Segment | None = None, dead=None) -> Segment:
    """A segment from distinct (key, doc) pairs sorted by key then doc, their counts and the columns."""
    n = len(cols["ids"])
    ns = namespace_of(pair_keys)
    dl = np.zeros((3, n), dtype=np.float64)
    np.add.at(dl, (ns, pair_docs), tf)
    dead = np.zeros(0, dtype=np.int64) if dead is None else dead
    stats = _stats(n, dl, base, len(dead))
    change = np.ones(len(pair_keys), dtype=bool)
    change[1:] = pair_keys[1:] != pair_keys[:-1]
    starts = np.flatnonzero(change)
    vocab = pair_keys[starts]
    df = np.diff(np.append(starts, len(pair_keys)))
    idf = _idf(vocab, df, stats, base, dead)
    norm = K1 * (1 - B + B * dl[ns, pair_docs] / np.asarray(stats.avgdl)[ns])
    weights = (np.repeat(idf, df) * tf * (K1 + 1) / (tf + norm)).astype(np.float32)
    arrays = {"keys": vocab.astype(np.int64), "indptr": np.append(starts, len(pair_keys)).astype(np.int64),
              "docs": pair_docs.astype(np.int32), "weights": weights, **cols}
    return Segment(arrays, stats)


def count_pairs(keys, doc_of):
    """Distinct (key, doc) pairs sorted by key then doc, with their counts."""
    if not len(keys):
        return keys, doc_of, np.zeros(0, dtype=np.float64)
    order = np.lexsort((doc_of, keys))
    keys, doc_of = keys[order], doc_of[order]
    change = np.ones(len(keys), dtype=bool)
    change[1:] = (keys[1:] != keys[:-1]) | (doc_of[1:] != doc_of[:-1])
    starts = np.flatnonzero(change)
    counts = np.diff(np.append(starts, len(keys))).astype(np.float64)
    return keys[starts], doc_of[starts], counts


def _stats(n, dl, base, dead: int = 0):
    if base is None or not base.stats.n:
        avgdl = tuple(float(max(row.mean(), 1.0)) if n else 1.0 for row in dl)
        return Stats(n, avgdl)
    return Stats(base.stats.n - dead + n, base.stats.avgdl)


def _idf(vocab, df, stats, base, dead):
    if base is not None and len(base.keys):
        df = df + base.live_df(base.lookup(vocab), dead)
    return np.log(1 + (stats.n - df + 0.5) / (df + 0.5))


def columns(docs: list[Doc]) -> dict:
    kind_index = {k: i for i, k in enumerate(KINDS)}
    return {
        "ids": np.array([d.id for d in docs], dtype=np.int64),
        "kind": np.array([kind_index.get(d.kind, -1) for d in docs], dtype=np.int8),
        "park": np.array([d.park_id or 0 for d in docs], dtype=np.int32),
        "owner": np.array([d.owner_id or 0 for d in docs], dtype=np.int32),
        "industry": np.array([industry_number(d.industry_code) for d in docs], dtype=np.int32),
        "prior": np.array([d.prior for d in docs], dtype=np.float32),
    }
