"""scan_sla over 1,000,000 demands (run with BENCH_DATABASE_URL pointing at PostgreSQL).

Builds 1M demands (raw bulk insert), of which WARN are due for a warning and ESCALATE overdue,
then times the first scan and an idempotent second scan."""

import time
from datetime import timedelta

import benchenv

TOTAL, WARN, ESCALATE, FIRMS = 1_000_000, 10_000, 5_000, 1000


def build():
    benchenv.setup(fresh=True)
    park, admin = benchenv.bench_park()
    from django.db import connection
    from django.utils import timezone

    from yuanqu.core.bulk import insert
    from yuanqu.core.testing.personas import make_enterprise
    from yuanqu.demands.models import Demand

    firms = [make_enterprise(park, n=10_000 + i).pk for i in range(FIRMS)]
    now, ops = timezone.now(), connection.ops
    fields = ["park", "number", "enterprise", "title", "text", "channel", "status", "urgency", "ai",
              "needs_triage", "category_confirmed", "reply", "rating", "rating_comment", "reopen_count",
              "created_at", "updated_at", "deadline_at", "warn_at", "handler", "contact_name",
              "contact_phone", "address"]
    for chunk in range(0, TOTAL, 50_000):
        rows = [_row(i, park.pk, firms, now, ops, admin.pk) for i in range(chunk, chunk + 50_000)]
        insert(Demand, fields, rows, batch=5000)
    return now


def _row(i, park_id, firms, now, ops, handler):
    if i < ESCALATE:
        status, due = "in_progress", now - timedelta(days=1)
    elif i < ESCALATE + WARN:
        status, due = "accepted", now + timedelta(hours=6)
    else:
        closed = i % 10
        due = now - timedelta(days=30) if closed else now + timedelta(days=9)
        status = "closed" if closed else "in_progress"
    warn = due - timedelta(days=1)
    stamp = ops.adapt_datetimefield_value
    return (park_id, f"BM{i:09d}", firms[i % len(firms)], "基准诉求", "基准测试诉求正文内容", "api", status,
            "normal", "{}", False, False, "", "", "", 0, stamp(now), stamp(now), stamp(due), stamp(warn),
            handler, "", "", "")


def main():
    start = time.perf_counter()
    now = build()
    print(f"built {TOTAL:,} demands in {time.perf_counter() - start:.0f} s")
    from yuanqu.demands.scanning import scan

    for label in ("first scan", "second scan (idempotent)"):
        start = time.perf_counter()
        warned, escalated = scan(now, kind="warn"), scan(now, kind="escalate")
        print(f"{label}: warned {warned:,}, escalated {escalated:,} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
