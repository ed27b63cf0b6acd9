import csv
import math
import time
import unicodedata
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from sklearn.metrics import f1_score, precision_recall_fscore_support

from yuanqu.demands.classifier import DemandClassifier, build_pipeline, feature_blocks


def read_labelled(path: Path, text_col: str, label_col: str) -> tuple[list[str], list[str]]:
    """The (texts, labels) of a UTF-8 CSV; rows missing either value are skipped."""
    if not path.is_file():
        raise CommandError(_("File not found: %(path)s") % {"path": path})
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            _check_columns(path, reader.fieldnames or [], (text_col, label_col))
            pairs = [(r[text_col].strip(), r[label_col].strip()) for r in reader
                     if (r[text_col] or "").strip() and (r[label_col] or "").strip()]
    except UnicodeDecodeError as exc:
        message = _("%(path)s is not UTF-8 text; save it as \"CSV UTF-8\".") % {"path": path}
        raise CommandError(message) from exc
    if not pairs:
        raise CommandError(_("%(path)s has no rows with both a text and a label.") % {"path": path})
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _check_columns(path: Path, fieldnames: list[str], wanted: tuple[str, ...]) -> None:
    """Name the missing column and list the ones the file does have."""
    for column in wanted:
        if column not in fieldnames:
            raise CommandError(_("%(path)s has no column \"%(column)s\"; its columns are: %(columns)s") % {
                "path": path, "column": column, "columns": ", ".join(fieldnames) or "-"})


def accuracy_at_coverage(confidence: np.ndarray, correct: np.ndarray, coverage: float = 0.8) -> float:
    """Accuracy over the `coverage` share of predictions made with the highest confidence."""
    keep = np.argsort(-confidence, kind="stable")[: max(1, math.ceil(coverage * len(confidence)))]
    return float(correct[keep].mean())


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Mean gap between confidence and accuracy over equal-width confidence bins, weighted by size."""
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    gaps = [abs(correct[which == b].mean() - confidence[which == b].mean()) * (which == b).mean()
            for b in range(bins) if (which == b).any()]
    return float(sum(gaps))


def pad(text: str, width: int) -> str:
    """Left-align text in `width` terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def percentile_ms(seconds: list[float], q: float) -> float:
    """The q-th percentile of durations, in milliseconds."""
    return float(np.percentile(seconds, q) * 1000)


class Command(BaseCommand):
    help = "Train a fresh demand classifier on one labelled CSV and report its quality on another."

    def add_arguments(self, parser):
        parser.add_argument("--train", required=True, type=Path, help="CSV the model is trained on")
        parser.add_argument("--test", required=True, type=Path, help="CSV it is scored on")
        parser.add_argument("--text-col", default="text", help="column holding the message text")
        parser.add_argument("--label-col", default="category", help="column holding the label")
        parser.add_argument("--latency-samples", type=int, default=300,
                            help="single predictions timed for the latency figures")
        parser.add_argument("--lexical-only", action="store_true",
                            help="leave out the semantic (E5) block, as on a machine without its engine")

    def handle(self, *args, train, test, text_col, label_col, latency_samples, lexical_only, **options):
        train_x, train_y = read_labelled(train, text_col, label_col)
        test_x, test_y = read_labelled(test, text_col, label_col)
        self.stdout.write(_("rows: train %(train)d, test %(test)d, classes %(classes)d") % {
            "train": len(train_x), "test": len(test_x), "classes": len(set(train_y))})
        pipeline, seconds = self._fit(train_x, train_y, use_semantic=False if lexical_only else None)
        self.stdout.write(_("feature blocks: %(blocks)s") % {"blocks": ", ".join(feature_blocks(pipeline))})
        proba = pipeline.predict_proba(test_x)
        predicted = pipeline.classes_[proba.argmax(axis=1)]
        self._report_quality(np.asarray(test_y, dtype=object), predicted, proba.max(axis=1))
        self._report_classes(test_y, predicted)
        self.stdout.write(_("train time: %(s).1f s") % {"s": seconds})
        self._report_latency(DemandClassifier(pipeline), test_x[:latency_samples])

    def _fit(self, texts: list[str], labels: list[str], use_semantic: bool | None):
        """Fit build_pipeline() on the training file only; return it and the seconds it took."""
        start = time.perf_counter()
        try:
            pipeline = build_pipeline(use_semantic=use_semantic).fit(texts, labels)
        except ValueError as exc:
            raise CommandError(_("Cannot train on %(n)d rows: %(reason)s") % {
                "n": len(texts), "reason": exc}) from exc
        return pipeline, time.perf_counter() - start

    def _report_quality(self, truth: np.ndarray, predicted: np.ndarray, confidence: np.ndarray) -> None:
        """Accuracy, macro-F1, accuracy at 80 % coverage, calibration and the triage share."""
        correct = predicted == truth
        triage = confidence < settings.DEMAND_TRIAGE_THRESHOLD
        self.stdout.write(_("accuracy: %(v).4f") % {"v": correct.mean()})
        self.stdout.write(_("macro-F1: %(v).4f") % {"v": f1_score(truth, predicted, average="macro")})
        self.stdout.write(_("accuracy at 80%% coverage: %(v).4f") % {
            "v": accuracy_at_coverage(confidence, correct)})
        self.stdout.write(_("calibration: mean confidence %(c).4f, expected calibration error %(e).4f") % {
            "c": confidence.mean(), "e": expected_calibration_error(confidence, correct)})
        message = _("below the triage threshold %(t).2f: %(share).1f%%; accuracy of the rest %(acc).4f")
        self.stdout.write(message % {"t": settings.DEMAND_TRIAGE_THRESHOLD, "share": 100 * triage.mean(),
                                     "acc": correct[~triage].mean() if (~triage).any() else float("nan")})

    def _report_classes(self, truth: list[str], predicted: np.ndarray) -> None:
        """A per-class table: precision, recall, F1 and support."""
        labels = sorted(set(truth))
        p, r, f, n = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
        width = max(14, *(len(label) * 2 for label in labels))
        self.stdout.write(pad(_("class"), width) + "  precision  recall      F1  support")
        for i, label in enumerate(labels):
            self.stdout.write(f"{pad(label, width)}  {p[i]:9.4f}  {r[i]:6.4f}  {f[i]:6.4f}  {n[i]:7d}")

    def _report_latency(self, classifier: DemandClassifier, texts: list[str]) -> None:
        """p50 / p95 of one predict() call (features, probabilities, keywords) over test texts."""
        classifier.predict(texts[0])  # the first call loads the segmenter's dictionary
        seconds = []
        for text in texts:
            start = time.perf_counter()
            classifier.predict(text)
            seconds.append(time.perf_counter() - start)
        self.stdout.write(_("single-prediction latency over %(n)d texts: p50 %(p50).1f ms, p95 %(p95).1f ms")
                          % {"n": len(seconds), "p50": percentile_ms(seconds, 50),
                             "p95": percentile_ms(seconds, 95)})
