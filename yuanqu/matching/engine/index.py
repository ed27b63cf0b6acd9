"""MatchIndex: a persisted index any number of processes open at once.

On disk (one directory):

    CURRENT                the name of the generation in use (replaced atomically)
    gen-<ns>/              one built segment (memory-mapped by every reader) + journal.jsonl
    ranker.json            learned weights (optional; the bundled ones otherwise)
    LOCK                   flock for writers

Changes do not rebuild anything: upsert/remove append a line to the current generation's journal.
Before each search a reader stats the journal and CURRENT (microseconds), reads any new lines into a
small in-memory segment (scored with the big one's statistics) and hides the big segment's stale
copies. A rebuild writes a new generation beside the old one, copies the journal lines written
meanwhile, then swaps CURRENT: an interrupted rebuild leaves the old generation serving.
"""

import fcntl
import json
import os
import shutil
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import numpy as np
from django.utils.translation import gettext as _

from . import rank
from .build import build_stream
from .query import BIGRAM, SYN_TITLE, SYN_WORD, TITLE, WORD, analyse, trim
from .segment import Segment, build
from .segment import analyse as analyse_doc
from .types import KIND_NAMES, KINDS, Doc, Hit, MatchError, Query

POOL = 200              # candidates re-ranked per segment
# Query-term weights by group for candidate selection (the re-ranker's weights come after).
GROUP_WEIGHTS = np.array([1.0, 0.6, 0.4, 0.3, 0.3], dtype=np.float32)
assert (BIGRAM, WORD, TITLE, SYN_WORD, SYN_TITLE) == (0, 1, 2, 3, 4)


class MatchIndex:
    """A persisted index with a journal of changes; see the module docstring."""

    def __init__(self, path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._generation = None
        self.base = Segment.empty()
        self._reset_journal()
        self._weights, self._weights_stamp = rank.load_weights(), None
        self._dense_weights = rank.load_weights(dense=True)

    @classmethod
    def open(cls, path) -> "MatchIndex":
        index = cls(path)
        index.refresh()
        return index

    @property
    def journalled(self) -> int:
        """Documents the journal holds beside the built generation (changed, added or removed)."""
        self.refresh()
        return len(self._delta_docs) + len(self._deleted)

    def needs_compaction(self, floor: int = 2000, share: float = 0.05) -> bool:
        """True when the journal has grown past `floor` documents and `share` of the built ones:
        every process rebuilds its journal segment on each change, so it must stay small."""
        return self.journalled > max(floor, share * len(self.base))

    @contextmanager
    def rebuilding(self):
        """Yield True to the one caller that may rebuild now, False while another rebuild runs."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / "REBUILD.lock", "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def __len__(self):
        self.refresh()
        return len(self.base) - int(self.dead.sum()) + len(self.delta)

    # --- writing -------------------------------------------------------------------------

    def upsert(self, docs) -> None:
        """Add or replace documents; every process sees them at its next search."""
        self._append([{"op": "put", "doc": _doc_json(d)} for d in docs])

    def remove(self, ids) -> None:
        """Drop documents by id (unknown ids are ignored)."""
        self._append([{"op": "del", "id": int(i)} for i in ids])

    def rebuild(self, docs, progress=None) -> dict:
        """A new generation from all documents (an iterator must give them in ascending id order; a
        list is sorted); the journal lines written meanwhile are carried over."""
        started = time.perf_counter()
        self.path.mkdir(parents=True, exist_ok=True)
        with self._file_lock():
            before = self._current()
            offset = self._journal_size(before)
        building = self.path / f".building-{uuid.uuid4().hex}"
        try:
            segment = self._build(docs, progress)
            segment.save(building)
            name = self._swap(building, before, offset)
        finally:
            shutil.rmtree(building, ignore_errors=True)
        self._drop_old(keep={name})
        self.refresh()
        return {"documents": len(segment), "terms": len(segment.keys), "postings": len(segment.docs),
                "seconds": round(time.perf_counter() - started, 2), "generation": name}

    def _build(self, docs, progress) -> Segment:
        if isinstance(docs, (list, tuple)):
            docs = sorted(docs, key=lambda d: d.id)
        return build_stream(docs, progress)

    def _swap(self, building: Path, before: str | None, offset: int) -> str:
        with self._file_lock():
            now = self._current()
            tail = b""
            if now is not None:
                tail = self._journal_bytes(now, offset if now == before else 0)
            (building / "journal.jsonl").write_bytes(tail)
            name = f"gen-{time.time_ns()}"
            os.rename(building, self.path / name)
            _write_atomic(self.path / "CURRENT", name)
        return name

    def _drop_old(self, keep: set[str]) -> None:
        """Remove older generations (readers that still map their files keep them until they let go)."""
        for entry in self.path.iterdir():
            if entry.is_dir() and entry.name.startswith("gen-") and entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)

    def _append(self, entries: list[dict]) -> None:
        if not entries:
            return
        payload = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries).encode()
        self.path.mkdir(parents=True, exist_ok=True)
        with self._file_lock():
            name = self._current() or self._create_empty()
            with open(self.path / name / "journal.jsonl", "ab") as handle:
                handle.write(payload)

    def _create_empty(self) -> str:
        """A first, empty generation so that changes made before any rebuild have a journal."""
        name = f"gen-{time.time_ns()}"
        Segment.empty().save(self.path / name)
        (self.path / name / "journal.jsonl").write_bytes(b"")
        _write_atomic(self.path / "CURRENT", name)
        return name

    @contextmanager
    def _file_lock(self):
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / "LOCK", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _current(self) -> str | None:
        try:
            name = (self.path / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return None
        return name if (self.path / name / "stats.json").exists() else None

    def _journal_size(self, name) -> int:
        if name is None:
            return 0
        try:
            return (self.path / name / "journal.jsonl").stat().st_size
        except FileNotFoundError:
            return 0

    def _journal_bytes(self, name, offset: int) -> bytes:
        try:
            with open(self.path / name / "journal.jsonl", "rb") as handle:
                handle.seek(offset)
                return handle.read()
        except FileNotFoundError:
            return b""

    # --- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Follow other processes: a new generation, new journal lines, new weights."""
        with self._lock:
            name = self._current()
            if name != self._generation:
                self.base = Segment.load(self.path / name) if name else Segment.empty()
                self._generation = name
                self._reset_journal()
            if name:
                self._read_journal(name)
            self._reload_weights()

    def _reset_journal(self):
        self._offset = 0
        self._delta_docs: dict[int, Doc] = {}
        self._deleted: set[int] = set()
        self.delta = Segment.empty()
        self.dead = np.zeros(len(self.base), dtype=bool)
        self.dead_positions = np.zeros(0, dtype=np.int64)

    def _read_journal(self, name) -> None:
        size = self._journal_size(name)
        if size <= self._offset:
            return
        data = self._journal_bytes(name, self._offset)
        complete = data[:data.rfind(b"\n") + 1]  # a line being written is read next time
        if not complete:
            return
        self._offset += len(complete)
        for line in complete.decode().splitlines():
            self._apply(json.loads(line))
        self._rebuild_delta()

    def _apply(self, entry: dict) -> None:
        if entry["op"] == "put":
            doc = Doc(**{**entry["doc"], "tags": tuple(entry["doc"].get("tags", ()))})
            self._delta_docs[doc.id] = doc
            self._deleted.discard(doc.id)
        else:
            self._delta_docs.pop(entry["id"], None)
            self._deleted.add(entry["id"])

    def _rebuild_delta(self) -> None:
        hidden = self.base.positions(list(self._delta_docs) + list(self._deleted))
        self.dead_positions = np.unique(hidden[hidden >= 0])
        self.dead = np.zeros(len(self.base), dtype=bool)
        self.dead[self.dead_positions] = True
        docs = sorted(self._delta_docs.values(), key=lambda d: d.id)
        self.delta = (build(docs, [analyse_doc(d) for d in docs], base=self.base, dead=self.dead_positions)
                      if docs else Segment.empty())

    def _reload_weights(self) -> None:
        path = self.path / "ranker.json"
        try:
            stamp = path.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = None
        if stamp != self._weights_stamp:
            self._weights = rank.load_weights(path if stamp else None)
            self._dense_weights = rank.load_weights(path if stamp else None, dense=True)
            self._weights_stamp = stamp

    @property
    def weights(self) -> dict[str, float]:
        return dict(self._weights)

    @property
    def dense_weights(self) -> dict[str, float]:
        return dict(self._dense_weights)

    # --- searching -----------------------------------------------------------------------

    def search(self, query: Query, thesaurus=None, weights=None, dense=None) -> list[Hit]:
        """Ranked hits, best first, each with its reasons; MatchError for a query with nothing to match.
        dense: optional callable(text, ids) → cosines (nan for an id without a vector), the sentence-
        vector signal; with it the dense weights rank."""
        self.refresh()  # first: it may bring new weights
        weights = weights or (self.dense_weights if dense else self.weights)
        terms, cands, matrix = self._rank_inputs(query, thesaurus, dense)
        if cands is None:
            return []
        scores = rank.score(matrix, weights)
        order = np.lexsort((cands.ids, -scores))[:query.limit]
        return [self._hit(terms, cands, matrix, scores, i, weights, query) for i in order]

    def candidates(self, query: Query, thesaurus=None, dense=None):
        """(ids, feature matrix) of every candidate: what training and evaluation score."""
        _, cands, matrix = self._rank_inputs(query, thesaurus, dense)
        if cands is None:
            return np.zeros(0, dtype=np.int64), np.zeros((0, len(rank.FEATURES)), dtype=np.float32)
        return cands.ids, matrix

    def _rank_inputs(self, query: Query, thesaurus, dense=None):
        _check(query)
        self.refresh()
        with self._lock:
            base, delta, dead, dead_positions = self.base, self.delta, self.dead, self.dead_positions
        terms = analyse(query.text, thesaurus)
        terms, idf = trim(terms, _idf(terms, base, delta, dead_positions))
        parts = [_candidates(base, dead, terms, query), _candidates(delta, None, terms, query)]
        parts = [c for c in parts if c]
        if not parts:
            return terms, None, None
        cands = rank.Candidates(*(np.concatenate(x) if x[0].ndim == 1 else np.concatenate(x, axis=1)
                                  for x in zip(*(_fields(c) for c in parts), strict=True)))
        cosines = np.asarray(dense(query.text, cands.ids), dtype=np.float64) if dense else None
        return terms, cands, rank.features(terms, cands, idf, query,
                                           cosines)

    def _hit(self, terms, cands, matrix, scores, i, weights, query) -> Hit:
        kind = KIND_NAMES[int(cands.kind[i])]
        reasons = rank.explain(terms, cands.matrix[:, i], matrix[i], weights, query,
                               int(cands.industry[i]), kind)
        return Hit(id=int(cands.ids[i]), score=round(float(scores[i]), 4), reasons=reasons,
                   features={f: round(float(v), 4) for f, v in zip(rank.FEATURES, matrix[i], strict=True)})


def _check(query: Query) -> None:
    unknown = [k for k in (*query.kinds, *([query.want] if query.want else [])) if k not in KINDS]
    if unknown:
        raise MatchError("kind", _("Unknown kind “%(kind)s”; use one of %(kinds)s.")
                         % {"kind": unknown[0], "kinds": "、".join(KINDS)})
    if query.limit < 1:
        raise MatchError("limit", _("The number of results must be at least 1."))


def _idf(terms, base: Segment, delta: Segment, dead: np.ndarray) -> np.ndarray:
    """idf of each query term over both segments, the base's replaced or removed copies left out."""
    n = base.stats.n - len(dead) + len(delta)
    df = base.live_df(base.lookup(terms.keys), dead).astype(np.float64)
    df += delta.live_df(delta.lookup(terms.keys), np.zeros(0, dtype=np.int64))
    return np.log(1 + (max(n, 1) - df + 0.5) / (df + 0.5)).astype(np.float32)


def _candidates(seg: Segment, dead, terms, query: Query):
    """The best POOL documents of one segment by plain weighted BM25, after the filters."""
    if not len(seg):
        return None
    at = seg.lookup(terms.keys)
    qweights = terms.qweight * GROUP_WEIGHTS[terms.group]
    acc = seg.accumulate(at, qweights, max_df=1.0 if len(seg) < 50_000 else 0.1)
    pos = np.flatnonzero(acc)
    pos = pos[_allowed(seg, dead, pos, query)]
    if not len(pos):
        return None
    if len(pos) > POOL:
        pos = pos[np.argpartition(-acc[pos], POOL)[:POOL]]
    pos = np.sort(pos)
    matrix = seg.term_weights(at, pos) * terms.qweight[:, None]
    columns = (np.asarray(getattr(seg, name)[pos]) for name in ("kind", "park", "industry", "prior", "ids"))
    return rank.Candidates(pos, matrix, *columns)


def _allowed(seg: Segment, dead, pos, query: Query) -> np.ndarray:
    keep = np.ones(len(pos), dtype=bool)
    if dead is not None and dead.any():
        keep &= ~dead[pos]
    if query.kinds:
        keep &= np.isin(seg.kind[pos], [KINDS.index(k) for k in query.kinds])
    if query.want and query.want != "need":  # what is offered is asked for; a need answers no one
        keep &= seg.kind[pos] != KINDS.index("need")
    if query.parks:
        keep &= np.isin(seg.park[pos], list(query.parks))
    if query.exclude_owner:
        keep &= seg.owner[pos] != query.exclude_owner
    return keep


def _fields(c: rank.Candidates):
    return (c.positions, c.matrix, c.kind, c.park, c.industry, c.prior, c.ids)


def _doc_json(doc: Doc) -> dict:
    data = asdict(doc)
    data["tags"] = list(doc.tags)
    return data


def _write_atomic(path: Path, content: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    tmp.write_text(content)
    os.replace(tmp, path)
