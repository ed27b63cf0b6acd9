"""Point Django at the benchmark database before it is set up."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
OUT.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(ROOT))


def setup(fresh=False):
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{OUT / 'bench.sqlite3'}")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")
    if fresh:
        _wipe(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def _wipe(url):
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def bench_park():
    from yuanqu.accounts.models import Grid, Park, Role, User

    park, _ = Park.objects.get_or_create(code="bench", defaults={"name": "基准测试园区"})
    for name in ("一网格", "二网格"):
        grid, _ = Grid.objects.get_or_create(park=park, name=name)
        User.objects.get_or_create(username=f"bench-{name}", defaults={
            "role": Role.GRID_WORKER, "park": park, "grid": grid})
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={
        "role": Role.PARK_ADMIN, "park": park})
    return park, admin
