"""500 demands submitted concurrently through the HTTP API: all saved, numbers unique, none lost.

Starts gunicorn (4 worker processes × 4 threads) on 127.0.0.1 against the bench database and
fires the requests from 32 client threads over loopback."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import benchenv

N, CLIENTS, PORT = 500, 32, 8765


def setup_data():
    benchenv.setup(fresh=True)
    park, _admin = benchenv.bench_park()
    from yuanqu.accounts.models import ApiToken, Role, User
    from yuanqu.core.testing.personas import make_enterprise
    from yuanqu.enterprises.models import EnterpriseMembership

    keys = []
    for i in range(20):
        ent = make_enterprise(park, n=900 + i)
        user = User.objects.create(username=f"bench-firm-{i}", role=Role.ENTERPRISE, park=park)
        EnterpriseMembership.objects.create(user=user, enterprise=ent)
        keys.append(ApiToken.issue(user, "bench")[1])
    return keys


def post(key, i):
    body = json.dumps({"title": f"并发测试{i}", "text": f"第{i}号诉求：厂区门口道路破损，货车进出困难"})
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}/api/v1/demands", data=body.encode(),
                                 method="POST", headers={"Authorization": f"Bearer {key}",
                                                         "Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as resp:  # noqa: S310 (loopback only)
        return resp.status, json.loads(resp.read())["number"], time.perf_counter() - start


def main():
    keys = setup_data()
    env = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"], "DEBUG": "true"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "yuanqu.wsgi", "-w", "4", "--threads", "4",
                               "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
                              cwd=benchenv.ROOT, env=env)
    try:
        time.sleep(6)
        start = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda i: post(keys[i % len(keys)], i), range(N)))
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()
    report(results, elapsed)


def report(results, elapsed):
    from yuanqu.demands.models import Demand

    numbers = [n for _s, n, _t in results]
    latencies = sorted(t for _s, _n, t in results)
    print(f"database: {os.environ['DATABASE_URL'].split('://')[0]}")
    created = sum(s == 201 for s, _n, _t in results)
    print(f"sent {N}, HTTP 201: {created}, unique numbers: {len(set(numbers))}, "
          f"rows in db: {Demand.objects.count()}")
    print(f"wall {elapsed:.1f} s, {N / elapsed:.0f} req/s, latency p50 {latencies[N // 2] * 1000:.0f} ms, "
          f"p95 {latencies[int(N * .95)] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
