"""Latency of single demand classifications: p50 / p95 / max of 500 predict() calls over seed texts.

Uses the model at settings.DEMAND_MODEL_PATH (override with the DEMAND_MODEL_PATH environment
variable), training it on the seed corpus first if the file does not exist, as `migrate` would."""

import os
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
CALLS = 500


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")
    import django

    django.setup()
    from django.conf import settings

    from yuanqu.demands.classifier import build_missing_model, get_classifier, seed_corpus, uses_semantic

    start = time.perf_counter()
    existed = not build_missing_model()
    classifier = get_classifier()
    print(f"model {'loaded' if existed else 'trained and saved'} in {time.perf_counter() - start:.2f} s: "
          f"{settings.DEMAND_MODEL_PATH} ({Path(settings.DEMAND_MODEL_PATH).stat().st_size / 1e6:.1f} MB)")
    # Seed texts are training texts, whose sentence vectors sit in the disk cache; a new demand's
    # do not, so time every call with the cache off.
    settings.NLP_EMBEDDING_CACHE = None
    print(f"semantic block: {'on' if uses_semantic(classifier.pipeline) else 'off'} (vector cache off)")
    texts = [row["text"] for row in seed_corpus()]
    random.Random(0).shuffle(texts)
    print(f"mean text length {np.mean([len(t) for t in texts]):.0f} characters")
    print_latency(classifier, [texts[i % len(texts)] for i in range(CALLS)])


def print_latency(classifier, texts):
    """Time each predict() call after one warm-up call; print percentiles and peak RSS."""
    classifier.predict(texts[0])
    seconds = []
    for text in texts:
        start = time.perf_counter()
        classifier.predict(text)
        seconds.append(time.perf_counter() - start)
    ms = np.array(seconds) * 1000
    print(f"{len(ms)} single predict() calls: p50 {np.percentile(ms, 50):.2f} ms, "
          f"p95 {np.percentile(ms, 95):.2f} ms, max {ms.max():.2f} ms")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
