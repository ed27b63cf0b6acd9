"""Time and peak memory of one atomic import into an empty park (fresh database)."""

import resource
import sys
import time

import benchenv


def main(path):
    url = benchenv.setup(fresh=True)
    park, admin = benchenv.bench_park()
    from yuanqu.enterprises.importing import import_enterprises
    from yuanqu.enterprises.models import Enterprise

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    with open(path, "rb") as fh:
        result = import_enterprises(park, fh, actor=admin, filename=path)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert result.ok, result.errors[:5]
    print(f"database: {url.split('://')[0]}")
    print(f"rows: {result.rows}  created: {result.created}  in db: {Enterprise.objects.count()}")
    print(f"import wall time: {elapsed:.1f} s  ({result.rows / elapsed:,.0f} rows/s)")
    print(f"peak RSS: {peak:.0f} MB (before import {rss_before:.0f} MB)")

    start = time.perf_counter()
    with open(path, "rb") as fh:
        result = import_enterprises(park, fh, actor=admin, filename=path)
    print(f"re-import (all updates): {time.perf_counter() - start:.1f} s, updated {result.updated}")


if __name__ == "__main__":
    main(sys.argv[1])
