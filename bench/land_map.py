"""The battle map's data for 5,000 plots and the overlap check of one insert among them.

Builds a park of 5,000 touching plots (a 100 × 50 grid of ~50 m squares, one cell left free) with
500 key projects on them in a scratch database, then prints: map_features time, query count and
JSON size (project and land colours), the map page and the map API, one plot insert with its
overlap check (free cell: accepted; half a cell off: refused) against the same check without the
bounding-box pre-filter, and the import's all-pairs overlap check of 5,000 shapes.

    .venv/bin/python bench/land_map.py
"""

import os
import statistics
import time
from pathlib import Path

import benchenv

os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{benchenv.OUT / 'land_map.sqlite3'}")
COLUMNS, ROWS, SIZE = 100, 50, 0.0005  # degrees; ~45 m × 56 m at 36° N, ~3.8 亩 each
LON, LAT = 120.30, 36.20
FREE = (37, 21)  # the cell left empty for the accepted insert


def square(i, j):
    lon, lat = LON + i * SIZE, LAT + j * SIZE
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + SIZE, lat], [lon + SIZE, lat + SIZE],
                                                [lon, lat + SIZE], [lon, lat]]]}


def queries(fn):
    """(result, queries run): the log is emptied first (with DEBUG on it is capped at 9,000 entries)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, len(ctx.captured_queries)


def timed(fn, runs=7):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def build(park, admin):
    """5,000 plots written in bulk (their shapes checked by geometry.parse) and 500 projects."""
    from yuanqu.land import geometry
    from yuanqu.land.models import Plot
    from yuanqu.projects.models import Project

    start = time.perf_counter()
    plots = []
    for i in range(COLUMNS):
        for j in range(ROWS):
            if (i, j) == FREE:
                continue
            shape = geometry.parse(square(i, j))
            lon0, lat0, lon1, lat1 = shape.bbox
            plots.append(Plot(park=park, code=f"P{i:03d}-{j:02d}", name=f"地块{i}-{j}",
                              geometry=shape.geojson, area_mu=shape.area_mu, min_lon=lon0, min_lat=lat0,
                              max_lon=lon1, max_lat=lat1,
                              status=["in_use", "idle", "low_efficiency", "reserve"][(i * j) % 4]))
    parsed = time.perf_counter() - start
    Plot.objects.bulk_create(plots, batch_size=1000)
    healths = ["green", "yellow", "red"]
    Project.objects.bulk_create([
        Project(park=park, name=f"重点项目{n}", year=2025, investor_name="基准公司", total_investment=1000,
                plot=plots[n * 10], health=healths[n % 3]) for n in range(500)])
    return parsed


def map_figures(admin, park):
    from yuanqu.land.queries import map_features, map_features_json

    for color_by in ("project", "land"):
        text, count = queries(lambda c=color_by: map_features_json(admin, color_by=c, park=park))
        p50, worst = timed(lambda c=color_by: map_features_json(admin, color_by=c, park=park))
        features = text.count('"type":"Feature"')
        print(f"map_features_json color_by={color_by:7s}: {features} features, median "
              f"{p50:6.1f} ms, max {worst:6.1f} ms, {count} queries, JSON {len(text.encode()) / 1e6:.2f} MB")
    p50, worst = timed(lambda: map_features(admin, color_by="project", park=park))
    print(f"map_features (the same, decoded to a dict): median {p50:6.1f} ms, max {worst:6.1f} ms")


def page_figures(admin):
    from django.core.signals import request_started
    from django.db import reset_queries
    from django.test import Client

    request_started.disconnect(reset_queries)  # else each request empties the captured query log
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    for label, url in [("map page /projects/map/", "/projects/map/"),
                       ("map API /api/v1/land/map", "/api/v1/land/map?color_by=project")]:
        response, count = queries(lambda u=url: client.get(u))
        assert response.status_code == 200, (url, response.status_code)
        p50, worst = timed(lambda u=url: client.get(u), runs=5)
        print(f"{label:26s}: median {p50:6.1f} ms, max {worst:6.1f} ms, {count} queries, "
              f"{len(response.content) / 1e6:.2f} MB")


def insert_figures(park, admin):
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from yuanqu.land import geometry, services
    from yuanqu.land.models import Plot

    def insert(geom, code):
        try:
            with transaction.atomic():
                services.create_plot(park, actor=admin, code=code, geometry=geom)
                raise RuntimeError("roll back")  # keep the grid as it is for the next run
        except RuntimeError:
            return "accepted"
        except ValidationError:
            return "refused"

    shifted = square(*FREE)
    shifted["coordinates"][0] = [[x + SIZE / 2, y] for x, y in shifted["coordinates"][0]]
    for label, geom in [("free cell", square(*FREE)), ("half a cell off", shifted)]:
        verdict, count = queries(lambda g=geom: insert(g, "NEW-1"))
        p50, worst = timed(lambda g=geom: insert(g, "NEW-1"))
        near = services.neighbours(park.pk, geometry.parse(geom).bbox).count()
        print(f"insert, {label:15s}: {verdict}, median {p50:6.1f} ms, max {worst:6.1f} ms, "
              f"{count} queries, {near} plots met by the bounding box")
    shape = geometry.parse(square(*FREE)).shape

    def naive():
        others = [(p.code, geometry.parse(p.geometry).shape) for p in Plot.objects.filter(park=park)]
        return geometry.overlaps(shape, others)

    p50, _worst = timed(naive, runs=3)
    print(f"same check without the bounding-box pre-filter (all 5,000 plots): median {p50:6.1f} ms")


def import_figures(park):
    from yuanqu.land import geometry
    from yuanqu.land.models import Plot

    shapes = [geometry.parse(p.geometry).shape for p in Plot.objects.filter(park=park)]
    p50, _worst = timed(lambda: geometry.pairwise_overlaps(shapes), runs=3)
    print(f"all-pairs overlap check of {len(shapes)} shapes (an import of that many rows): "
          f"median {p50:6.1f} ms")


def main():
    from yuanqu.core import threads

    threads.configure()
    url = benchenv.setup(fresh=True)
    park, admin = benchenv.bench_park()
    parsed = build(park, admin)
    print(f"database: {url.split('://')[0]}; {COLUMNS * ROWS - 1} plots, 500 projects; "
          f"parsing and checking the 4,999 shapes took {parsed * 1000:.0f} ms")
    map_figures(admin, park)
    page_figures(admin)
    insert_figures(park, admin)
    import_figures(park)
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
