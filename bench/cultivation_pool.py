"""The cultivation pool of a 10,000-firm park: what the pool page, its export and the API cost.

Builds (or with --reuse keeps) the synthetic park of bench/assess_tiers.py, adds 300 recognitions and
300 open plans, then times `cultivation_queries.pool_for_user` for a park administrator (firm rows,
the tier engine over every firm, titles held, open plans, sorting) and the .xlsx export of all five
tiers, with query counts. Wall and CPU time: the machine is shared, CPU time is the steadier figure.

    .venv/bin/python bench/cultivation_pool.py [N] [--reuse]
"""

import os
import sys
import time
from datetime import date

import benchenv

YEAR = 2025


def extras(park, admin):
    """Recognitions and open plans on the first firms (bulk: the services are timed elsewhere)."""
    from yuanqu.assessments.models import CultivationPlan, Recognition
    from yuanqu.enterprises.models import Enterprise

    if Recognition.objects.filter(park=park).exists():
        return
    ids = list(Enterprise.objects.filter(park=park).order_by("id").values_list("id", flat=True)[:600])
    Recognition.objects.bulk_create(
        Recognition(park=park, enterprise_id=pk, tier="specialized_sme", year=YEAR,
                    recognised_on=date(YEAR, 11, 1)) for pk in ids[:300])
    CultivationPlan.objects.bulk_create(
        CultivationPlan(park=park, enterprise_id=pk, tier="gazelle", officer=admin, target_year=YEAR + 2)
        for pk in ids[300:])


def timed(label, call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as ctx:
        out = call()
    print(f"  {label}: {time.perf_counter() - wall:.2f} s wall / {time.process_time() - cpu:.2f} s CPU, "
          f"{len(ctx.captured_queries)} queries")
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n, reuse = int(args[0]) if args else 10_000, "--reuse" in sys.argv
    os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{benchenv.OUT / 'assess_tiers.sqlite3'}")
    url = benchenv.setup(fresh=not reuse)
    from yuanqu.core import threads

    threads.configure()
    import assess_tiers
    from django.utils import translation

    from yuanqu.accounts.models import Park, Role, User
    from yuanqu.assessments.cultivation_queries import PoolFilters, pool_for_user
    from yuanqu.assessments.pool_export import pool_workbook

    translation.activate("zh-hans")
    park = (Park.objects.filter(code="tiers").first() if reuse else None) or assess_tiers.build(n)
    admin, _ = User.objects.get_or_create(username="pool-admin",
                                          defaults={"role": Role.PARK_ADMIN, "park": park})
    extras(park, admin)
    print(f"database: {url.split('://')[0]}, firms: {park.enterprises.count()}")
    for run in (1, 2):
        print(f"run {run}:")
        pools = timed("pool_for_user (every tier)", lambda: pool_for_user(admin, PoolFilters(year=YEAR)))
        book = timed("export (5 sheets)", lambda p=pools: pool_workbook(p))
    for p in pools:
        print(f"  {p.tier:16s} {p.version:16s} {p.counts()}")
    print(f"  workbook {len(book) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
