"""Latency of services.submit for 40- and 2,000-character demands, in-process: the lexical-first path
(what submit does: the twin answers, the refinement is queued) against the full model inline.

TASKS_BACKEND=database here, so submit only queues the refinement (as with a db_worker beside
gunicorn); the refinement itself is timed separately. Trains the classifier on the seed corpus
first if DEMAND_MODEL_PATH has none (or one without a lexical twin), as `migrate` would."""

import os
import random
import sys
import time
from pathlib import Path
from unittest import mock

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from yuanqu.core import threads  # noqa: E402

threads.configure()  # as manage.py and wsgi.py do, before numpy's pools load
os.environ["TASKS_BACKEND"] = "database"
import benchenv  # noqa: E402

RUNS = {"quick": 40, "full": 8, "refine": 8}


def texts(length, count, seed):
    """`count` distinct demand texts of `length` characters, glued from seed-corpus messages."""
    from yuanqu.demands.classifier import seed_corpus

    pool = [row["text"] for row in seed_corpus()]
    rng = random.Random(seed)
    out = []
    for i in range(count):
        text = f"{i}号："
        while len(text) < length:
            text += rng.choice(pool)
        out.append(text[:length])
    return out


def ensure_model():
    from django.conf import settings

    from yuanqu.demands.classifier import build_missing_model, get_classifier, uses_semantic

    classifier = get_classifier()
    if classifier is not None and uses_semantic(classifier.pipeline) and classifier.lexical is None:
        Path(settings.DEMAND_MODEL_PATH).unlink()  # written before the lexical twin existed
    start = time.perf_counter()
    trained = build_missing_model()
    classifier = get_classifier()
    print(f"model {'trained' if trained else 'loaded'} in {time.perf_counter() - start:.1f} s; semantic "
          f"block {'on' if uses_semantic(classifier.pipeline) else 'off'}, lexical twin "
          f"{'yes' if classifier.lexical else 'no'}")
    settings.NLP_EMBEDDING_CACHE = None  # a new demand's vectors are never cached


def percentiles(label, seconds):
    ms = np.array(seconds) * 1000
    print(f"  {label:<34} n={len(ms):3d}  p50 {np.percentile(ms, 50):8.1f} ms  "
          f"p95 {np.percentile(ms, 95):8.1f} ms  max {ms.max():8.1f} ms")


def time_submits(submit, batch):
    seconds = []
    for text in batch:
        start = time.perf_counter()
        submit(text)
        seconds.append(time.perf_counter() - start)
    return seconds


def time_refinements(Demand, services):
    """The queued task's work on the newest demands (what db_worker does after the commit)."""
    seconds = []
    for demand in Demand.objects.order_by("-pk")[:RUNS["refine"]]:
        start = time.perf_counter()
        services.refine_suggestion(demand, recategorise=True)
        seconds.append(time.perf_counter() - start)
    return seconds


def main():
    benchenv.setup(fresh=True)
    park, admin = benchenv.bench_park()
    from threadpoolctl import threadpool_info

    from yuanqu.core.testing.personas import make_enterprise
    from yuanqu.demands import services
    from yuanqu.demands.models import Channel, Demand

    ensure_model()
    firm = make_enterprise(park, n=901)
    full = services.classify_text

    def submit(text):
        data = {"title": text[:20], "text": text}
        return services.submit(enterprise=firm, data=data, actor=admin, channel=Channel.STAFF)

    def submit_full(text):  # the old path: the full model inside the request
        with mock.patch.object(services, "classify_text", lambda t, quick=False: full(t)):
            return submit(text)

    submit(texts(40, 1, 0)[0])  # warm-up: model, engine, first queries
    for length in (40, 2000):
        print(f"{length}-character demands:")
        quick, full_inline = texts(length, RUNS["quick"], 1), texts(length, RUNS["full"], 2)
        percentiles("submit, lexical first (this branch)", time_submits(submit, quick))
        percentiles("submit, full model inline (before)", time_submits(submit_full, full_inline))
        percentiles("refine_suggestion (the task, after)", time_refinements(Demand, services))
    print(f"threads per pool (YUANQU_THREADS, default {threads.DEFAULT_THREADS}): " + ", ".join(
        f"{i['internal_api']} {Path(i['filepath']).name} {i['num_threads']}" for i in threadpool_info()))


if __name__ == "__main__":
    main()
