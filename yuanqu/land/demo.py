"""A made-up park map for the demo park (deterministic): 36 plots in six rows of blocks between
roads, some with a cut corner, with last year's revitalisation on record — six plots, over 160 亩,
each placed with one of six newly attracted firms through a completed disposal plan (一地一策) —
plus plots being revitalised, idle, low-efficiency and in reserve, and two land needs.

The demo builder (yuanqu/demo) calls `build_demo_land` with the park's firms; `project_sites` are
the nine plots the key projects stand on (the six revitalised ones first). Everything is written
through the services, so the demo has the same audit trail as real use.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from . import services
from .models import DisposalMethod, LandUse, PlanStatus, PlotStatus

ORIGIN = (120.4520, 36.2860)  # south-west corner (made up; no real plot lies here)
ROAD_M = 24
WIDTHS_M = [150, 170, 140, 160, 150, 180]  # column widths, west to east
HEIGHTS_M = [120, 135, 110, 125, 140, 115]  # row heights, south to north
CUT_CORNER = {(0, 5), (5, 5), (5, 0), (2, 3)}  # plots whose outer corner is cut off (40 m)
REVITALISED = [(2, 1), (4, 2), (2, 3), (3, 2), (1, 3), (4, 1)]  # six plots, 167 亩 in all
REVITALISING = [(0, 2), (2, 0)]
IDLE = [(4, 0), (2, 5)]
LOW = [(0, 0), (3, 3), (5, 1)]
RESERVE = [(1, 5), (4, 5), (0, 4), (5, 4)]
OTHER_SITES = [(2, 2), (4, 4), (1, 2)]  # in use; with the revitalised six, the nine project sites
STREETS = ["春阳路", "锦盛路", "华安路", "正阳路", "宏祥路", "锦宏路"]
METHODS = [DisposalMethod.GRAFT, DisposalMethod.TRANSFER, DisposalMethod.EXPAND, DisposalMethod.JOINT,
           DisposalMethod.RECLAIM, DisposalMethod.GRAFT]


@dataclass
class DemoLand:
    plots: dict = field(default_factory=dict)  # code → Plot
    project_sites: list = field(default_factory=list)
    needs: list = field(default_factory=list)


def _degrees(metres_east, metres_north):
    lon0, lat0 = ORIGIN
    per_lat = 110_950.0
    per_lon = 111_320.0 * math.cos(math.radians(lat0))
    return round(lon0 + metres_east / per_lon, 7), round(lat0 + metres_north / per_lat, 7)


def cell_polygon(col, row) -> dict:
    """The GeoJSON of the plot in column `col`, row `row` (roads between blocks)."""
    x0 = sum(WIDTHS_M[:col]) + ROAD_M * col
    y0 = sum(HEIGHTS_M[:row]) + ROAD_M * row
    x1, y1 = x0 + WIDTHS_M[col], y0 + HEIGHTS_M[row]
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    if (col, row) in CUT_CORNER:
        _cut(corners, k={(False, False): 0, (True, False): 1, (True, True): 2, (False, True): 3}[
            (col >= 3, row >= 3)])
    ring = [list(_degrees(x, y)) for x, y in corners]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _cut(corners, k, metres=40):
    """Replace corner `k` (SW, SE, NE, NW) by two points `metres` along its two edges (the corner
    farthest from the park's centre, so the blocks look less like a chessboard)."""
    cx, cy = corners[k]
    points = []
    for nx, ny in (corners[k - 1], corners[(k + 1) % 4]):
        length = math.hypot(nx - cx, ny - cy)
        points.append((cx + metres * (nx - cx) / length, cy + metres * (ny - cy) / length))
    corners[k:k + 1] = points


def cell_code(col, row) -> str:
    return f"{'ABCDEF'[row]}-{col + 1:02d}"


def _status(cell):
    table = [(REVITALISED + REVITALISING + IDLE, PlotStatus.IDLE), (LOW, PlotStatus.LOW_EFFICIENCY),
             (RESERVE, PlotStatus.RESERVE)]
    for cells, status in table:
        if cell in cells:
            return status
    return PlotStatus.IN_USE


def _use(col, row):
    if row == 5:
        return LandUse.RESEARCH
    return LandUse.WAREHOUSE if col == 5 and row < 2 else LandUse.INDUSTRIAL


def _plot_fields(cell, n, firms):
    col, row = cell
    status = _status(cell)
    occupied = status in (PlotStatus.IN_USE, PlotStatus.LOW_EFFICIENCY) and firms
    return {
        "code": cell_code(col, row), "name": f"{STREETS[row]}{col + 1}号地块",
        "geometry": cell_polygon(col, row), "use": _use(col, row),
        "status": status, "occupant": firms[n % len(firms)] if occupied else None,
        "has_road": True, "has_water": True, "has_power": True, "has_drainage": True,
        "has_gas": col < 4, "has_telecom": row != 0, "has_heat": col < 3,
        "plot_ratio_min": Decimal("1.0"), "plot_ratio_max": Decimal("2.0") if row < 5 else Decimal("3.0"),
        "height_limit_m": Decimal("24") if row < 5 else Decimal("50"),
        "price_per_mu": Decimal("32") if status in (PlotStatus.RESERVE, PlotStatus.IDLE) else None,
    }


def _revitalise(plot, firm, method, done_on, actor):
    plan = services.create_plan(plot, actor=actor, method=method, status=PlanStatus.ACTIVE, owner=actor,
                                goal=f"引进{firm.name}，盘活存量土地", deadline=done_on)
    for k, title in enumerate(["摸底评估与权属核查", "收回或协议转让", "项目签约落地"]):
        step = services.add_step(plan, actor=actor, title=title, owner=actor,
                                 deadline=done_on - timedelta(days=60 - 25 * k))
        services.complete_step(step, actor=actor, done_on=done_on - timedelta(days=70 - 30 * k))
    return services.complete_plan(plan, actor=actor, placed_enterprise=firm, completed_on=done_on)


def _in_progress(plot, actor, today, draft=False):
    plan = services.create_plan(plot, actor=actor, method=DisposalMethod.JOINT,
                                status=PlanStatus.DRAFT if draft else PlanStatus.ACTIVE, owner=actor,
                                goal="与区属平台公司合作开发标准厂房", deadline=today + timedelta(days=240))
    for k, title in enumerate(["土地现状调查", "合作方案报批", "标准厂房开工"]):
        step = services.add_step(plan, actor=actor, title=title, owner=actor,
                                 deadline=today + timedelta(days=60 * (k + 1)))
        if k == 0 and not draft:
            services.complete_step(step, actor=actor, done_on=today - timedelta(days=10))
    return plan


def _needs(park, actor, firms, today):
    firm = firms[0] if firms else None
    return [
        services.create_need(park, actor=actor, enterprise=firm, title="扩产项目用地（新能源电池模组）",
                             min_area_mu=Decimal("20"), max_area_mu=Decimal("35"), needs_power=True,
                             needs_gas=True, needs_drainage=True, budget=Decimal("1100"),
                             needed_by=today + timedelta(days=180), min_plot_ratio=Decimal("1.5")),
        services.create_need(park, actor=actor, title="招商项目：研发中试基地用地", use=LandUse.RESEARCH,
                             min_area_mu=Decimal("15"), max_area_mu=Decimal("30"), needs_telecom=True,
                             budget=Decimal("900"), needed_by=today + timedelta(days=365)),
    ]


def build_demo_land(park, *, actor, firms, placed, year: int, today: date) -> DemoLand:
    """The demo park's plots, plans and needs; `firms` occupy the plots in use, the six `placed`
    firms were brought onto the revitalised plots in `year` (a year before `today`)."""
    out = DemoLand()
    cells = [(col, row) for row in range(len(HEIGHTS_M)) for col in range(len(WIDTHS_M))]
    for n, cell in enumerate(cells):
        plot = services.create_plot(park, actor=actor, **_plot_fields(cell, n, list(firms)))
        out.plots[plot.code] = plot
    for k, cell in enumerate(REVITALISED):
        done_on = date(year, 4 + k * 3 // 2, 15)  # April to November
        _revitalise(out.plots[cell_code(*cell)], placed[k % len(placed)], METHODS[k], done_on, actor)
    for k, cell in enumerate(REVITALISING + IDLE[:1]):
        _in_progress(out.plots[cell_code(*cell)], actor, today, draft=k == len(REVITALISING))
    for plot in out.plots.values():
        plot.refresh_from_db()
    out.project_sites = [out.plots[cell_code(*c)] for c in REVITALISED + OTHER_SITES]
    out.needs = _needs(park, actor, list(firms), today)
    return out
