"""Assess every firm of a 10,000-firm park for every tier (issue 12 "Measure": under 10 s).

Builds N synthetic firms (3 years of indicators, a year of facts, some qualifications) in its own
database, then times the load (`loading.firm_years`, its query count) and the assessment of every
firm for every rule version of the year (`tiers.assess_many`). Prints wall and CPU time: the
machine is shared, CPU time is the steadier figure.

    .venv/bin/python bench/assess_tiers.py [N] [--reuse]   (--reuse: keep the firms of the last run)
"""

import os
import random
import sys
import time
from collections import Counter
from datetime import date
from decimal import Decimal

import benchenv

YEAR = 2025
SEED = 12


def build(n: int):
    from yuanqu.accounts.models import Park
    from yuanqu.assessments.models import EnterpriseFacts
    from yuanqu.core.testing.personas import credit_code
    from yuanqu.enterprises.models import AnnualIndicator, Enterprise, Qualification

    rng = random.Random(SEED)
    park = Park.objects.create(code="tiers", name="梯度培育基准园区")
    codes = ["3062", "3973", "6520", "5191", "5211", "7320", "3311", "2929"]
    firms = Enterprise.objects.bulk_create(
        Enterprise(park=park, name=f"基准企业{i:05d}", credit_code=credit_code(i),
                   industry_id=rng.choice(codes),
                   founded_on=date(rng.randint(2005, 2024), rng.randint(1, 12), 1),
                   size_class=rng.choice(["micro", "small", "small", "medium", "large"]))
        for i in range(n))
    rows, facts, quals = [], [], []
    for ent in firms:
        rows += indicators(rng, ent)
        facts.append(fact_row(rng, ent))
        for kind in rng.sample(["high_tech", "innovative_sme", "specialized", "tech_sme"], rng.randint(0, 2)):
            quals.append(Qualification(enterprise=ent, kind=kind, granted_on=date(2024, 6, 1)))
    AnnualIndicator.objects.bulk_create(rows, batch_size=2000)
    EnterpriseFacts.objects.bulk_create(facts, batch_size=2000)
    Qualification.objects.bulk_create(quals, batch_size=2000)
    return park


def money(value):
    return Decimal(round(value, 2)).quantize(Decimal("0.01"))


def indicators(rng, ent):
    from yuanqu.enterprises.models import AnnualIndicator

    revenue, out = rng.lognormvariate(8, 1.2), []
    for year in (YEAR - 2, YEAR - 1, YEAR):
        revenue *= rng.uniform(0.85, 1.45)
        blank = rng.random() < 0.05  # some firms lack a figure: the engine says so
        out.append(AnnualIndicator(
            enterprise=ent, year=year, revenue=money(revenue),
            main_business_revenue=money(revenue * rng.uniform(0.5, 1.0)),
            total_profit=money(revenue * rng.uniform(-0.05, 0.2)),
            rd_expense=None if blank else money(revenue * rng.uniform(0, 0.12)),
            employees=rng.randint(10, 900), rd_staff=rng.randint(0, 10),
            total_assets=money(revenue * rng.uniform(0.8, 2)),
            total_liabilities=money(revenue * rng.uniform(0.2, 1.2)),
            invention_patents=rng.randint(0, 8), class1_ip=rng.randint(0, 8), class2_ip=rng.randint(0, 15),
            equity_financing=money(rng.choice([0, 0, 0, 300, 1500, 5000]))))
    return out


def fact_row(rng, ent):
    from yuanqu.assessments.models import EnterpriseFacts

    def maybe(value, unknown=0.2):
        return None if rng.random() < unknown else value

    return EnterpriseFacts(
        enterprise=ent, year=YEAR, high_value_class1_ip=maybe(rng.randint(0, 2)),
        self_developed_class1_ip=maybe(rng.randint(0, 3)), strategic_emerging=maybe(rng.random() < 0.5),
        niche_years=maybe(rng.randint(0, 15)), digital_level=maybe(rng.randint(1, 3)),
        quality_award=maybe(rng.random() < 0.2), quality_system_cert=maybe(rng.random() < 0.7),
        own_brand=maybe(rng.random() < 0.6), standards_drafted=maybe(rng.random() < 0.3),
        rd_institution_level=maybe(rng.choice(["national", "provincial", "municipal", "below", "none"])),
        main_product_field=maybe(rng.choice(["key_link", "six_foundations", "other"])),
        national_market_share=maybe(money(rng.uniform(0, 25))),
        high_tech_enterprise=maybe(rng.random() < 0.4),
        sci_award=maybe(rng.choice(["national", "provincial", "none", "none"])), sci_award_rank=None,
        net_profit=maybe(money(rng.uniform(-100, 2000))),
        local_feature_score=maybe(money(rng.uniform(0, 15))),
        core_it_system=maybe(rng.random() < 0.8), intl_product_cert=maybe(rng.random() < 0.3),
        development_score=maybe(money(rng.uniform(30, 90))), credit_score=maybe(money(rng.uniform(60, 95))),
        listed=maybe(rng.random() < 0.05), standards_led=maybe(rng.random() < 0.1))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n, reuse = int(args[0]) if args else 10_000, "--reuse" in sys.argv
    os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{benchenv.OUT / 'assess_tiers.sqlite3'}")
    url = benchenv.setup(fresh=not reuse)
    from yuanqu.core import threads

    threads.configure()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from yuanqu.assessments.loading import firm_years
    from yuanqu.assessments.tiers import assess_many
    from yuanqu.enterprises.models import Enterprise

    translation.activate("zh-hans")
    start = time.perf_counter()
    from yuanqu.accounts.models import Park

    park = Park.objects.filter(code="tiers").first() if reuse else None
    park = park or build(n)
    qs = Enterprise.objects.filter(park=park)
    ready = time.perf_counter() - start
    print(f"database: {url.split('://')[0]}, firms: {qs.count()}, ready in {ready:.1f} s")
    for run in (1, 2):
        wall, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as ctx:
            firms = firm_years(qs, YEAR)
        load_wall, load_cpu = time.perf_counter() - wall, time.process_time() - cpu
        wall, cpu = time.perf_counter(), time.process_time()
        results = [r for per_firm in assess_many(firms).values() for r in per_firm]
        assess_wall, assess_cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"run {run}: load {load_wall:.2f} s wall / {load_cpu:.2f} s CPU in {len(ctx.captured_queries)} "
              f"queries; assess {assess_wall:.2f} s wall / {assess_cpu:.2f} s CPU "
              f"({len(results)} results, {assess_cpu / len(firms) * 1e6:.0f} µs CPU per firm); "
              f"total {load_wall + assess_wall:.2f} s wall / {load_cpu + assess_cpu:.2f} s CPU")
    tally = Counter((r.tier, r.rule_version, r.eligible) for r in results)
    for key in sorted({(t, v) for t, v, _e in tally}):
        counts = {e: tally[(*key, e)] for e in (True, False, None)}
        print(f"  {key[0]:16s} {key[1]:16s} eligible {counts[True]:5d}  not {counts[False]:5d}  "
              f"undecided {counts[None]:5d}")


if __name__ == "__main__":
    main()
