"""Six-capability scores and per-亩 grades of a 10,000-firm park: load, score, grade, the pages.

Builds its own park (10,000 operating firms, three years of figures each) in
bench/out/capability.sqlite3 (or BENCH_DATABASE_URL), then prints the time and query count of each
step. Run: .venv/bin/python bench/capability_scale.py [--firms N] [--keep]
"""

import argparse
import os
import random
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from yuanqu.core import threads  # noqa: E402

threads.configure()  # as manage.py and wsgi.py do, before numpy's pools load

import benchenv  # noqa: E402

YEARS = (2023, 2024, 2025)


def build(firms: int):
    from yuanqu.accounts.models import Park
    from yuanqu.enterprises.models import AnnualIndicator, Enterprise
    from yuanqu.reference.creditcode import make_credit_code
    from yuanqu.reference.models import IndustryCode

    park, _ = Park.objects.get_or_create(code="capab", defaults={"name": "能力评价基准园区"})
    if Enterprise.objects.filter(park=park).count() == firms:
        return park
    Enterprise.objects.filter(park=park).delete()
    rng = random.Random(12)
    classes = list(IndustryCode.objects.filter(level=4, section="C").values_list("code", flat=True))[:120]
    ents = Enterprise.objects.bulk_create(
        Enterprise(park=park, name=f"基准企业{n:05d}", credit_code=make_credit_code("91", "370215",
                                                                                    f"MA{n:06d}"),
                   industry_id=rng.choice(classes)) for n in range(firms))
    rows = []
    for ent in ents:
        revenue, growth = rng.lognormvariate(8, 1.2), rng.uniform(-0.2, 0.4)
        for k, year in enumerate(YEARS):
            r = revenue * (1 + growth) ** k
            rows.append(AnnualIndicator(
                enterprise=ent, year=year, revenue=_m(r), main_business_revenue=_m(r * rng.uniform(0.5, 1)),
                total_profit=_m(r * rng.uniform(-0.1, 0.2)), tax_paid=_m(r * rng.uniform(0.01, 0.06)),
                rd_expense=_m(r * rng.uniform(0, 0.1)), employees=rng.randint(5,
                                                                              2000), rd_staff=rng.randint(0,
                                                                                                          5),
                total_assets=_m(r * rng.uniform(0.8, 2)), total_liabilities=_m(r * rng.uniform(0.2, 1.2)),
                export_value=_m(r * rng.uniform(0, 0.3)), fixed_asset_investment=_m(r * rng.uniform(0, 0.2)),
                invention_patents=rng.randint(0, 30), class1_ip=rng.randint(0, 30), class2_ip=rng.randint(0,
                                                                                                          60),
                land_area_mu=_m(rng.uniform(5, 200)) if rng.random() > 0.1 else None,
                energy_consumption_tce=_m(r * rng.uniform(0.005, 0.05)), equity_financing=_m(0)))
    AnnualIndicator.objects.bulk_create(rows, batch_size=5000)
    return park


def _m(value):
    return Decimal(str(round(value, 2)))


def timed(label, fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        out = fn()
        ms = (time.perf_counter() - start) * 1000
    print(f"{label:44s} {ms:8.0f} ms  queries {len(ctx.captured_queries)}")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{benchenv.OUT / 'capability.sqlite3'}")
    url = benchenv.setup()
    start = time.perf_counter()
    park = build(args.firms)
    print(f"database: {url.split('://')[0]}, firms: {args.firms}, years: {len(YEARS)} "
          f"(built in {time.perf_counter() - start:.0f} s)")
    run(park)


def run(park):
    from django.test import Client

    from yuanqu.accounts.models import Role, User
    from yuanqu.assessments.capability import api_entries
    from yuanqu.assessments.capability.per_mu import grade_park
    from yuanqu.assessments.capability.scoring import score_park
    from yuanqu.assessments.capability_queries import firm_assessment, load_inputs, spec_for
    from yuanqu.enterprises.models import Enterprise

    spec = spec_for(park)
    inputs = timed("load figures 2025 (+2024), whole park", lambda: load_inputs(park, [2025]))[2025]
    scores = timed("six capabilities, whole park", lambda: score_park(spec, inputs, 2025))
    grades = timed("per-mu grades, whole park", lambda: grade_park(inputs, 2025, spec.per_mu_weights,
                                                                  spec.grade_shares))
    graded = sum(1 for g in grades.values() if g.grade)
    print(f"  scored {len(scores.firms)}, ranked {scores.ranked}, graded {graded}, "
          f"peer groups {len(scores.medians)}")
    firm = Enterprise.objects.filter(park=park).order_by("id").first()
    timed("firm assessment with a 3-year trend", lambda: firm_assessment(firm, 2025))
    timed("api_entries (six capabilities + per-mu)", lambda: api_entries(firm, 2025))
    user, _ = User.objects.get_or_create(username="capab-staff", defaults={"role": Role.DEPT_STAFF,
                                                                           "park": park})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    for label, path in [("page: firm assessment", f"/assessments/enterprises/{firm.pk}/"),
                        ("page: ranking, first page", "/assessments/ranking/"),
                        ("page: ranking by innovation, division 30",
                         "/assessments/ranking/?sort=innovation&division=30"),
                        ("api: /assessments/ranking?limit=50", "/api/v1/assessments/ranking?limit=50"),
                        ("export: ranking .xlsx", "/assessments/ranking/export/")]:
        resp = timed(label, lambda p=path: client.get(p))
        assert resp.status_code == 200, (path, resp.status_code)
    print(f"peak memory (max RSS) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
