"""Offline demand (诉求) classifier: category with a calibrated confidence, sub-type, urgency, keywords.

Design, chosen by repeated stratified 5-fold cross-validation on the TEDDY government-message
training file only (never its test file):
- lexical blocks: TF-IDF character 1–2 grams, rjieba words and, at half weight, the character
  grams of the text's first 40 characters (where the subject usually is) — macro-F1 0.895 vs 0.874
  for char 1–3 grams + LinearSVC;
- a semantic block at weight 0.4 when the offline E5 engine is available (yuanqu.nlp.vectors):
  multilingual-e5-small vectors of the first chunk and of all chunks — 0.900 (+0.0056 ± 0.0021
  paired over 20 folds; the vectors alone reach 0.850);
- a class-balanced LinearSVC whose margins become probabilities by temperature scaling fitted on
  out-of-fold margins (expected calibration error 0.03; it keeps the SVC's ranking, so its
  weights on words and character grams explain every prediction).
Further lexical variants (char 1–3, word bigrams, other head lengths and weights, logistic
regression, ridge, complement NB, stacking, per-class bias tuning) all stayed within ±0.003.

A model with the semantic block carries a lexical-only twin trained on the same rows: the twin
answers a submission at once (a few ms), the full model refines the suggestion after the commit
(sentence vectors of a 2,000-character text take seconds on two busy cores; bench/submit_latency.py).
"""

import csv
import logging
import os
import tempfile
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from yuanqu.nlp import vectors
from yuanqu.nlp.features import char_grams, lower_text, text_head, word_grams
from yuanqu.nlp.segment import tokens

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
# 3: the feature functions and SentenceVectors moved to yuanqu.nlp (pickled by their paths).
FORMAT_VERSION = 3
HEAD_WEIGHT = 0.5
SEMANTIC_WEIGHT = 0.4
CALIBRATION_FOLDS = 5
KEYWORD_COUNT = 5
URGENCIES = ("normal", "urgent", "emergency")
QUICK, FINAL = "quick", "final"
_SUBTYPE_SEP = "\t"


@dataclass
class Prediction:
    """What the classifier suggests for one demand text."""

    category: str
    confidence: float
    alternatives: list[dict] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    subtype: str | None = None
    urgency: str = "normal"
    # QUICK: the lexical twin's answer, the full model's follows (services.refine_suggestion).
    stage: str = "final"

    def as_dict(self) -> dict:
        """A JSON-ready dict (stored in Demand.ai)."""
        return asdict(self)


def build_features(use_semantic: bool | None = None) -> FeatureUnion:
    """The unfitted text features shared by the category, sub-type and urgency models.

    use_semantic=None adds the semantic block whenever its engine loads on this machine.
    """
    # max_df drops grams common to half the messages; min_df drops one-off typos and names.
    blocks = [("chars", char_grams(lower_text, min_df=2, max_df=0.5)),
              ("words", word_grams(min_df=2, max_df=0.5)), ("head", char_grams(text_head, min_df=2))]
    weights = {"head": HEAD_WEIGHT}
    if vectors.available() if use_semantic is None else use_semantic:
        blocks.append(("semantic", vectors.SentenceVectors()))
        weights["semantic"] = SEMANTIC_WEIGHT
    return FeatureUnion(blocks, transformer_weights=weights)


def feature_blocks(pipeline: Pipeline) -> list[str]:
    """The names of a category pipeline's feature blocks, e.g. ["chars", "words", "head", "semantic"]."""
    return [name for name, _step in pipeline.named_steps["features"].transformer_list]


def uses_semantic(pipeline: Pipeline) -> bool:
    """Whether a category pipeline includes the semantic block."""
    return "semantic" in feature_blocks(pipeline)


def build_pipeline(calibration_folds: int = CALIBRATION_FOLDS, use_semantic: bool | None = None) -> Pipeline:
    """A fresh, unfitted category model: features → LinearSVC → temperature-scaled probabilities."""
    svc = LinearSVC(C=1.0, class_weight="balanced")
    # ensemble=False keeps one SVC fitted on all rows (its coefficients explain predictions);
    # the folds only provide out-of-fold margins to fit the temperature on.
    model = CalibratedClassifierCV(svc, method="temperature", cv=calibration_folds, ensemble=False)
    return Pipeline([("features", build_features(use_semantic)), ("model", model)])


def _calibration_folds(categories) -> int:
    """As many calibration folds as the rarest category allows (at most CALIBRATION_FOLDS)."""
    counts = np.unique(np.asarray(categories, dtype=object), return_counts=True)[1]
    if len(counts) < 2 or counts.min() < 2:
        raise ValueError("training needs at least two categories with at least two examples each")
    return int(min(CALIBRATION_FOLDS, counts.min()))


def _fit_label_model(X, labels) -> LinearSVC | None:
    """A class-balanced LinearSVC for a secondary label, or None when there is nothing to learn."""
    if labels is None or len(set(labels)) < 2:
        return None
    return LinearSVC(C=1.0, class_weight="balanced").fit(X, labels)


def _fit_subtypes(X, categories, subtypes) -> LinearSVC | None:
    """One model over (category, sub-type) pairs; predictions are later restricted to one category."""
    if subtypes is None:
        return None
    rows = [i for i, subtype in enumerate(subtypes) if subtype]
    labels = [f"{categories[i]}{_SUBTYPE_SEP}{subtypes[i]}" for i in rows]
    return _fit_label_model(X[rows], labels) if rows else None


def _margins(model, X) -> np.ndarray:
    """Per-class decision values of one row, also for two-class models (which return one column)."""
    scores = model.decision_function(X)[0]
    return np.array([-scores, scores]) if np.ndim(scores) == 0 else scores


def _class_coefficients(coef: np.ndarray, index: int) -> np.ndarray:
    """The weight vector voting for class `index` (a two-class SVC stores only the second class's)."""
    if coef.shape[0] == 1:
        return coef[0] if index == 1 else -coef[0]
    return coef[index]


def _substrings(word: str, longest: int = 2) -> set[str]:
    """The distinct character grams of a word, up to `longest` characters."""
    return {word[i:i + n] for n in range(1, longest + 1) for i in range(len(word) - n + 1)}


class DemandClassifier:
    """A fitted category pipeline plus optional sub-type and urgency models on the same features."""

    def __init__(self, pipeline: Pipeline, subtype_model=None, urgency_model=None, lexical=None):
        self.pipeline = pipeline
        self.subtype_model = subtype_model
        self.urgency_model = urgency_model
        self.lexical = lexical  # the lexical-only twin of a semantic model (None: this one is fast)
        self._blocks = self._feature_blocks()
        self._subtype_rows = self._subtypes_by_category()

    @classmethod
    def fit(cls, texts, categories, subtypes=None, urgencies=None, use_semantic=None) -> "DemandClassifier":
        """Fit the category model and, when labels are given, the sub-type and urgency models.

        A model with the semantic block also gets its lexical twin (see the module docstring)."""
        texts, categories = [str(t) for t in texts], [str(c) for c in categories]
        pipeline = build_pipeline(_calibration_folds(categories), use_semantic)
        X = pipeline.named_steps["features"].fit_transform(texts)
        pipeline.named_steps["model"].fit(X, categories)
        urgencies = None if urgencies is None else [u or URGENCIES[0] for u in urgencies]
        lexical = cls.fit(texts, categories, subtypes, urgencies, False) if uses_semantic(pipeline) else None
        return cls(pipeline, _fit_subtypes(X, categories, subtypes), _fit_label_model(X, urgencies), lexical)

    def predict_quick(self, text: str) -> Prediction:
        """The lexical twin's answer (stage QUICK), or the full one when this model is lexical itself."""
        if self.lexical is None:
            return self.predict(text)
        prediction = self.lexical.predict(text)
        prediction.stage = QUICK
        return prediction

    def _parts(self) -> dict:
        """What save() pickles of one model: the pipeline and the secondary label models."""
        return {"pipeline": self.pipeline, "subtype_model": self.subtype_model,
                "urgency_model": self.urgency_model}

    @property
    def categories(self) -> list[str]:
        """The category codes the model knows."""
        return [str(c) for c in self.pipeline.named_steps["model"].classes_]

    def predict(self, text: str) -> Prediction:
        """Classify one demand text."""
        X = self.pipeline.named_steps["features"].transform([text or ""])
        proba = self.pipeline.named_steps["model"].predict_proba(X)[0]
        order = np.argsort(-proba, kind="stable")
        names = self.categories
        category = names[order[0]]
        return Prediction(
            category=category, confidence=float(proba[order[0]]),
            alternatives=[{"category": names[i], "confidence": float(proba[i])} for i in order[1:3]],
            keywords=self._keywords(X, text or "", order[0]),
            subtype=self._subtype(X, category), urgency=self._urgency(X),
        )

    def _subtype(self, X, category: str) -> str | None:
        """The best-scoring sub-type among those of the predicted category."""
        rows = self._subtype_rows.get(category)
        if not rows:
            return None
        scores = _margins(self.subtype_model, X)
        best = max(rows, key=lambda i: scores[i])
        return str(self.subtype_model.classes_[best]).split(_SUBTYPE_SEP, 1)[1]

    def _urgency(self, X) -> str:
        """The predicted urgency, "normal" when no urgency model was trained."""
        return str(self.urgency_model.predict(X)[0]) if self.urgency_model is not None else URGENCIES[0]

    def _subtypes_by_category(self) -> dict[str, list[int]]:
        """Sub-type model class indices grouped by their category."""
        rows = defaultdict(list)
        for i, label in enumerate(getattr(self.subtype_model, "classes_", [])):
            rows[str(label).split(_SUBTYPE_SEP, 1)[0]].append(i)
        return dict(rows)

    def _feature_blocks(self) -> tuple[np.ndarray, np.ndarray]:
        """Every feature column's name and block ("chars", "words", "head" or "semantic")."""
        grams, blocks = [], []
        for name, vectorizer in self.pipeline.named_steps["features"].transformer_list:
            names = vectorizer.get_feature_names_out()
            grams.append(names)
            blocks.append(np.full(len(names), name, dtype=object))
        return np.concatenate(grams), np.concatenate(blocks)

    def _contributions(self, X, index: int) -> tuple[dict, dict]:
        """Weight × feature value of the row's grams for class `index`: (char grams, words).

        The semantic dimensions are left out: they name no words a reader could check.
        """
        svc = self.pipeline.named_steps["model"].calibrated_classifiers_[0].estimator
        weights = _class_coefficients(svc.coef_, index)
        grams, blocks = self._blocks
        chars, words = defaultdict(float), defaultdict(float)
        for col, value in zip(X.indices, X.data * weights[X.indices], strict=True):
            if blocks[col] == "semantic":
                continue
            if blocks[col] != "words":
                chars[grams[col]] += value
                continue
            parts = grams[col].split(" ")  # a word n-gram shares its weight among its words
            for part in parts:
                words[part] += value / len(parts)
        return chars, words

    def _keywords(self, X, text: str, index: int) -> list[str]:
        """The words of the text whose grams pushed hardest toward class `index`."""
        chars, words = self._contributions(X, index)
        scores = {word: words.get(word, 0.0) + sum(chars.get(g, 0.0) for g in _substrings(word))
                  for word in dict.fromkeys(tokens(text))}
        ranked = sorted((w for w, s in scores.items() if s > 0 and not w.isdigit()),
                        key=scores.__getitem__, reverse=True)
        words = [w for w in ranked if len(w) > 1]  # single characters explain little to a reader
        return (words if len(words) >= 2 else ranked)[:KEYWORD_COUNT]

    def save(self, path) -> None:
        """Write the model with joblib to a temporary file, then atomically replace `path`."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"format": FORMAT_VERSION, "sklearn": sklearn.__version__, **self._parts(),
                   "lexical": self.lexical._parts() if self.lexical else None,
                   "semantic": vectors.MODEL_ID if uses_semantic(self.pipeline) else None}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                joblib.dump(payload, fh)
                fh.flush()
                os.fsync(fh.fileno())
            # Group-readable for the web process; the vocabulary holds fragments of demand texts.
            os.chmod(tmp, 0o640)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path) -> "DemandClassifier":
        """Read a model written by save(); only ever point this at our own files (it unpickles)."""
        try:
            payload = joblib.load(path)
        except (AttributeError, ImportError) as exc:  # pickled by a version whose functions moved
            raise ValueError(f"{path}: model from an older Yuanqu ({exc}); retrain with "
                             "train_demand_classifier.") from exc
        if payload.get("format") != FORMAT_VERSION or payload.get("sklearn") != sklearn.__version__:
            raise ValueError(f"{path}: model written by scikit-learn {payload.get('sklearn')} "
                             f"(format {payload.get('format')}); retrain with train_demand_classifier.")
        if payload.get("semantic") and (payload["semantic"] != vectors.MODEL_ID or not vectors.available()):
            raise ValueError(f"{path}: model needs the {payload['semantic']} embeddings, which this machine "
                             "cannot compute; retrain with train_demand_classifier.")
        if payload.get("semantic") and not payload.get("lexical"):
            logger.warning("%s has no lexical twin: submissions wait for sentence vectors until "
                           "train_demand_classifier rebuilds it.", path)
        lexical = payload.get("lexical")  # absent from files written before the twin existed
        return cls(payload["pipeline"], payload["subtype_model"], payload["urgency_model"],
                   cls(**lexical) if lexical else None)


def _seed_row(row: dict) -> dict:
    """One seed CSV row with blanks normalised (no sub-type → None, no urgency → normal)."""
    return {"text": row["text"].strip(), "category": row["category"].strip(),
            "subtype": (row.get("subtype") or "").strip() or None,
            "urgency": (row.get("urgency") or "").strip() or URGENCIES[0]}


def seed_corpus() -> list[dict]:
    """The rows of data/seed_corpus_*.csv: text, category, subtype, urgency."""
    rows = []
    for path in sorted(DATA_DIR.glob("seed_corpus_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(_seed_row(row) for row in csv.DictReader(fh))
    return rows


def fit_rows(rows: list[dict]) -> DemandClassifier:
    """Fit a classifier on rows shaped like seed_corpus()."""
    return DemandClassifier.fit([r["text"] for r in rows], [r["category"] for r in rows],
                                [r.get("subtype") for r in rows], [r.get("urgency") for r in rows])


_cache_lock = threading.Lock()
_cache: dict = {}


def _file_key(path: Path) -> tuple:
    """Identity of the model file: os.replace gives a new inode and mtime on every save."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return (str(path), None)
    return (str(path), st.st_mtime_ns, st.st_ino, st.st_size)


def _load_or_none(path: Path, key: tuple) -> DemandClassifier | None:
    """The model file, or None with an error logged: a web request never trains a model."""
    if key[1] is None:
        logger.error("No demand classifier at %s: new demands go to triage without a suggestion. "
                     "Run `manage.py migrate` or `manage.py train_demand_classifier` to build it.", path)
        return None
    try:
        return DemandClassifier.load(path)
    except Exception:
        logger.exception("Could not load the demand classifier %s: new demands go to triage without a "
                         "suggestion. Run `manage.py train_demand_classifier` to rebuild it.", path)
        return None


def get_classifier() -> DemandClassifier | None:
    """The process-wide classifier, reloaded whenever settings.DEMAND_MODEL_PATH changes on disk.

    None (logged once per state of the file) when the file is missing or cannot be loaded.
    """
    from django.conf import settings

    if not settings.DEMAND_MODEL_PATH:
        return None
    path = Path(settings.DEMAND_MODEL_PATH)
    with _cache_lock:
        key = _file_key(path)
        if _cache.get("key") != key:
            _cache.update(model=_load_or_none(path, key), key=key)
        return _cache["model"]


def classify(text: str, *, quick: bool = False) -> Prediction | None:
    """The classifier's suggestion for a text, or None when no model is available.

    quick: answer with the lexical twin at once (stage QUICK when the full model would differ)."""
    classifier = get_classifier()
    if classifier is None:
        return None
    return classifier.predict_quick(text) if quick else classifier.predict(text)


def _unusable(path: Path) -> str | None:
    """Why the model file at `path` cannot serve (missing, or from an older format), else None."""
    if not path.exists():
        return "missing"
    try:
        DemandClassifier.load(path)
    except Exception as exc:  # unpickling errors of every kind: the file is replaced, not fixed
        return f"unusable: {exc}"[:200]
    return None


def build_missing_model(*, verbosity: int = 1, stdout=None) -> bool:
    """Train on the seed corpus and save to settings.DEMAND_MODEL_PATH if no usable file is there.

    Run by `migrate` (post_migrate), so a fresh install has a model before its first request, and
    an upgrade that changed the model format does not leave every new demand in triage. A file that
    loads is kept (it may hold the park's own training). Returns whether a model was written.
    """
    from django.conf import settings

    if not settings.DEMAND_MODEL_PATH:
        return False
    path = Path(settings.DEMAND_MODEL_PATH)
    reason = _unusable(path)
    if reason is None:
        return False
    if verbosity and stdout is not None:
        stdout.write(f"  Training the demand classifier on the seed corpus into {path} ({reason}) ...\n")
    try:
        fit_rows(seed_corpus()).save(path)
    except OSError:
        logger.exception("Could not save the demand classifier to %s; run train_demand_classifier", path)
        return False
    return True
