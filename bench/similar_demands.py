"""Cost of the duplicate hint (similar open demands) that the submit form asks for as a firm types.

Builds OPEN open demands (texts from the seed corpus, so wording overlaps as in a real park), then
times the first similar_open_demands() call (it builds the park's index) and 50 typed texts.

Usage: python bench/similar_demands.py [OPEN]"""

import statistics
import sys
import time

import benchenv


def main(total: int):
    benchenv.setup(fresh=True)
    park, admin = benchenv.bench_park()
    from django.utils import timezone

    from yuanqu.core.bulk import insert
    from yuanqu.core.testing.personas import make_enterprise
    from yuanqu.demands.classifier import seed_corpus
    from yuanqu.demands.models import Demand
    from yuanqu.demands.queries import similar_open_demands

    texts = [row["text"] for row in seed_corpus()]
    firms = [make_enterprise(park, n=10_000 + i).pk for i in range(50)]
    now = timezone.now()
    fields = ["park", "number", "enterprise", "title", "text", "channel", "status", "urgency", "ai",
              "needs_triage", "category_confirmed", "reply", "rating", "rating_comment", "reopen_count",
              "created_at", "updated_at", "contact_name", "contact_phone", "address"]
    rows = [(park.pk, f"BS{i:09d}", firms[i % len(firms)], texts[i % len(texts)][:30],
             f"{texts[i % len(texts)]}（第{i}号）", "portal", "in_progress", "normal", "{}", False, False,
             "", "", "", 0, now, now, "", "", "") for i in range(total)]
    insert(Demand, fields, rows, batch=2000)
    typed = texts[7::len(texts) // 50][:50]
    start = time.perf_counter()
    similar_open_demands(park.pk, "第一次查询会建立索引")
    print(f"first query (builds the park's index): {(time.perf_counter() - start) * 1000:.0f} ms")
    timings, hits = [], 0
    for text in typed:
        start = time.perf_counter()
        hits += len(similar_open_demands(park.pk, text[:60]))
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"{total:,} open demands, {len(typed)} queries: p50 {statistics.median(timings):.1f} ms, "
          f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms, max {timings[-1]:.1f} ms, "
          f"{hits / len(typed):.1f} hits per query")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
