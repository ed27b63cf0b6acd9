import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from sklearn.model_selection import StratifiedKFold, cross_validate

from yuanqu.demands.classifier import build_pipeline, fit_rows, seed_corpus, uses_semantic
from yuanqu.demands.models import Demand
from yuanqu.nlp import vectors

# Calibration needs 5 examples of each category in every training set, including the 4/5 (or
# 1/2) that cross-validation leaves; 10 satisfies that for any number of folds.
MIN_PER_CATEGORY = 10


def confirmed_history() -> list[dict]:
    """Demands whose category staff confirmed, shaped like seed_corpus() rows."""
    rows = (Demand.objects.filter(category_confirmed=True, category__isnull=False)
            .values_list("text", "category__code", "subtype__name", "urgency"))
    return [{"text": text, "category": code, "subtype": subtype or None, "urgency": urgency or "normal"}
            for text, code, subtype, urgency in rows.iterator(chunk_size=2000)]


def drop_rare(rows: list[dict], minimum: int) -> tuple[list[dict], dict[str, int]]:
    """Rows of categories with at least `minimum` examples, and the counts of those left out."""
    counts = Counter(row["category"] for row in rows)
    rare = {code: n for code, n in counts.items() if n < minimum}
    return [row for row in rows if row["category"] not in rare], rare


class Command(BaseCommand):
    help = ("Train the demand classifier on the seed corpus plus staff-confirmed demands and save it "
            "atomically to settings.DEMAND_MODEL_PATH (running servers pick it up by its mtime).")

    def add_arguments(self, parser):
        parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0 skips it)")
        parser.add_argument("--keep-cache", action="store_true",
                            help="keep sentence vectors of texts no longer in the training set")

    def handle(self, *args, folds, keep_cache, **options):
        seed, history = seed_corpus(), confirmed_history()
        rows, rare = drop_rare(seed + history, MIN_PER_CATEGORY)
        self._report_rows(len(seed), len(history), rows, rare)
        if folds:
            self._cross_validate(rows, folds)
        start = time.perf_counter()
        classifier = fit_rows(rows)
        path = Path(settings.DEMAND_MODEL_PATH)
        classifier.save(path)
        self.stdout.write(self.style.SUCCESS(_("Trained in %(s).1f s and saved to %(path)s.") % {
            "s": time.perf_counter() - start, "path": path}))
        if uses_semantic(classifier.pipeline) and not keep_cache:
            removed = vectors.prune_cache([row["text"] for row in rows])
            self.stdout.write(_("Sentence-vector cache: %(n)d vectors of texts no longer trained on removed.")
                              % {"n": removed})

    def _report_rows(self, seed: int, history: int, rows: list[dict], rare: dict[str, int]) -> None:
        """Row counts: sources, per category, and categories left out for having too few examples."""
        self.stdout.write(_("rows: seed corpus %(seed)d, confirmed demands %(history)d, used %(used)d") % {
            "seed": seed, "history": history, "used": len(rows)})
        for code, n in sorted(Counter(row["category"] for row in rows).items()):
            self.stdout.write(f"  {code:<20} {n:6d}")
        for code, n in sorted(rare.items()):
            self.stderr.write(_("Category %(code)s left out: %(n)d examples, at least %(min)d needed.") % {
                "code": code, "n": n, "min": MIN_PER_CATEGORY})

    def _cross_validate(self, rows: list[dict], folds: int) -> None:
        """Stratified k-fold accuracy and macro-F1 of the category model."""
        if folds < 2:
            raise CommandError(_("--folds must be 0 or at least 2."))
        splitter = StratifiedKFold(folds, shuffle=True, random_state=0)
        scores = cross_validate(build_pipeline(), [r["text"] for r in rows], [r["category"] for r in rows],
                                cv=splitter, scoring=("accuracy", "f1_macro"))
        accuracy, macro_f1 = scores["test_accuracy"], scores["test_f1_macro"]
        self.stdout.write(_("%(k)d-fold CV accuracy %(acc).4f ± %(sd).4f, macro-F1 %(f1).4f") % {
            "k": folds, "acc": accuracy.mean(), "sd": accuracy.std(), "f1": macro_f1.mean()})
