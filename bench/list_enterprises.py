"""Server time and query count of the firm list page and API over the bench database's firms."""

import statistics
import time

import benchenv

URLS = [
    ("page, first page", "/enterprises/"),
    ("page, page 2000", "/enterprises/?page=2000"),
    ("page, text filter", "/enterprises/?q=000123"),
    ("page, industry C + grid", "/enterprises/?industry=C&size_class=small"),
    ("api, default", "/api/v1/enterprises"),
    ("api, offset 90000", "/api/v1/enterprises?offset=90000&limit=50"),
    ("api, industry 30 + zone", "/api/v1/enterprises?industry=30&zone=马山片区"),
]


def measure(client, url, runs=15):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            resp = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert resp.status_code == 200, (url, resp.status_code)
    return statistics.median(times), max(times), len(ctx.captured_queries)


def main():
    url = benchenv.setup()
    _park, admin = benchenv.bench_park()
    from django.test import Client

    from yuanqu.enterprises.models import Enterprise

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    print(f"database: {url.split('://')[0]}, firms: {Enterprise.objects.count()}")
    for label, path in URLS:
        p50, worst, queries = measure(client, path)
        print(f"{label:28s} median {p50:7.1f} ms  max {worst:7.1f} ms  queries {queries}")


if __name__ == "__main__":
    main()
