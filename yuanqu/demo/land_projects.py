"""Demo land and key projects of each demo park (issue 11).

The land: a made-up park map (data/park_map.geojson, data/park2_map.geojson: blocks of plots
between roads, drawn in lon/lat near the real parks; each plot's area_mu is its geometry's area
on a local equal-area projection), occupants from the demo firms, the park's low-efficiency
thresholds, one disposal plan per idle or low-efficiency plot (一地一策) — the main park's six
plots revitalised last year for the six newly attracted high-tech firms of the 2021 report
(over 160 亩) — and a few firms' land needs.

The key projects (data/projects.json): the main park's 9 city- and district-level projects of
last year (总投资 30.49 亿元, 总建筑面积 39.13 万㎡) with their task forces, milestones scheduled
backwards from a target (see `timeline.py` for how each project's dates follow from the seed
day), monthly investments, daily notes with site photos, on-site problems filed as demands and a
weekly dispatch meeting. Everything is deterministic given the seed day.
"""

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from yuanqu.accounts.models import User
from yuanqu.enterprises.models import AnnualIndicator, Enterprise
from yuanqu.land.models import (
    INFRASTRUCTURE,
    DisposalPlan,
    LandNeed,
    LandThresholds,
    PlanStep,
    Plot,
)

DATA = Path(__file__).resolve().parent / "data"
MAPS = {"qdkjcxy": "park_map.geojson", "qdlsszjj": "park2_map.geojson"}
PLOT_FIELDS = ["code", "name", "use", "status", "owner_name", "note", *INFRASTRUCTURE]
LIMIT_FIELDS = ["plot_ratio_min", "plot_ratio_max", "height_limit_m", "price_per_mu"]


def park_map(code: str) -> dict:
    """The demo map of a park (a GeoJSON FeatureCollection), or an empty one."""
    name = MAPS.get(code)
    if name is None:
        return {"type": "FeatureCollection", "features": []}
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def park_data(code: str) -> dict:
    """The park's demo projects, disposal plans, land needs and thresholds (data/projects.json)."""
    data = json.loads((DATA / "projects.json").read_text(encoding="utf-8"))
    return data.get(code, {"projects": [], "plans": [], "needs": []})


def last_year(today: date) -> int:
    return today.year - 1


def in_last_year(today: date, month_day: str) -> date:
    """A "MM-DD" of last year."""
    month, day = (int(x) for x in month_day.split("-"))
    return date(last_year(today), month, day)


def users_by_name(park) -> dict:
    return {u.username: u for u in User.objects.filter(park=park)}


def clear(codes):
    """Remove the demo parks' projects, meetings and land (before their firms are removed)."""
    from yuanqu.projects.models import Meeting, ProgressPhoto, Project

    for photo in ProgressPhoto.objects.filter(note__project__park__code__in=codes):
        photo.image.delete(save=False)
    Meeting.objects.filter(park__code__in=codes).delete()
    Project.objects.filter(park__code__in=codes).delete()
    LandNeed.objects.filter(park__code__in=codes).delete()
    Plot.objects.filter(park__code__in=codes).delete()


def build_land_projects(park, today: date | None = None):
    """Create what is missing of the park's demo land and key projects."""
    from .key_projects import build_projects

    today = today or timezone.localdate()
    data = park_data(park.code)
    people = users_by_name(park)
    if not Plot.objects.filter(park=park).exists():
        build_land(park, data, people, today)
    build_projects(park, data, people, today)


# land


def build_land(park, data: dict, people: dict, today: date):
    """Plots from the park's map, thresholds, low-efficiency flags, disposal plans and land needs."""
    LandThresholds.objects.update_or_create(park=park, defaults=data.get("thresholds", {}))
    firms = {e.name: e for e in Enterprise.objects.filter(park=park)}
    features = park_map(park.code)["features"]
    plots = Plot.objects.bulk_create([_plot(park, f, firms, today, i) for i, f in enumerate(features)])
    flag_low_efficiency(park, plots, today)
    by_code = {p.code: p for p in plots}
    for row in data.get("plans", []):
        _plan(by_code[row["plot"]], row, firms, people, today)
    for row in data.get("needs", []):
        _need(park, row, firms, today)


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a Polygon or MultiPolygon."""
    rings = geometry["coordinates"] if geometry["type"] == "Polygon" else \
        [r for poly in geometry["coordinates"] for r in poly]
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _plot(park, feature, firms, today, index) -> Plot:
    props, geometry = feature["properties"], feature["geometry"]
    plot = Plot(park=park, geometry=geometry, area_mu=Decimal(str(props["area_mu"])),
                occupant=firms.get(props.get("occupant") or ""),
                **{k: props.get(k, "") for k in PLOT_FIELDS if k not in INFRASTRUCTURE},
                **{k: bool(props.get(k)) for k in INFRASTRUCTURE},
                **{k: _decimal(props.get(k)) for k in LIMIT_FIELDS})
    plot.min_lon, plot.min_lat, plot.max_lon, plot.max_lat = bbox(geometry)
    if plot.status in ("reserve", "idle"):
        plot.available_on = today + timedelta(days=30 + (index * 37) % 150)
    plot.full_clean()
    return plot


def _decimal(value):
    return None if value is None else Decimal(str(value))


def indicator_year(park, today: date) -> int | None:
    """Last year, or the latest year with indicators before it."""
    years = AnnualIndicator.objects.filter(enterprise__park=park, year__lte=last_year(today))
    return years.order_by("-year").values_list("year", flat=True).first()


def per_mu(indicator, area_mu) -> tuple[Decimal, Decimal]:
    """(tax, revenue) per 亩 in 万元."""
    area = Decimal(area_mu)
    return indicator.tax_paid / area, indicator.revenue / area


def low_efficiency_reason(tax, revenue, thresholds) -> str:
    """Why a plot is flagged, with the numbers ("" when it is not)."""
    parts = []
    if tax < thresholds.min_tax_per_mu:
        parts.append(f"亩均税收 {tax:.1f} 万元，低于园区标准 {thresholds.min_tax_per_mu:.0f} 万元")
    if revenue < thresholds.min_revenue_per_mu:
        parts.append(f"亩均营收 {revenue:.0f} 万元，低于园区标准 {thresholds.min_revenue_per_mu:.0f} 万元")
    return "；".join(parts)


def flag_low_efficiency(park, plots, today):
    """Flag occupied plots whose occupant's tax or revenue per 亩 is under the park's thresholds."""
    year, thresholds = indicator_year(park, today), park.land_thresholds
    rows = AnnualIndicator.objects.filter(enterprise__park=park, year=year)
    indicators = {i.enterprise_id: i for i in rows}
    changed = []
    for plot in plots:
        indicator = indicators.get(plot.occupant_id)
        if indicator is None or plot.use != "industrial":
            continue
        reason = low_efficiency_reason(*per_mu(indicator, plot.area_mu), thresholds)
        plot.flagged_low_efficiency, plot.flag_reason = bool(reason), reason[:300]
        plot.flagged_on = today if reason else None
        changed.append(plot)
    Plot.objects.bulk_update(changed, ["flagged_low_efficiency", "flag_reason", "flagged_on"])


def _plan(plot, row, firms, people, today):
    done = row["status"] == "done"
    completed = in_last_year(today, row["completed"]) if done else None
    plan = DisposalPlan(plot=plot, method=row["method"], status=row["status"], goal=row["goal"],
                        owner=people.get(row["owner"]), completed_on=completed,
                        placed_enterprise=firms.get(row.get("placed", "")),
                        revitalised_mu=plot.area_mu if done else None,
                        deadline=completed or today + timedelta(days=row.get("deadline_days", 180)))
    plan.full_clean()
    plan.save()
    steps = row["steps"]
    PlanStep.objects.bulk_create([_step(plan, i, step, len(steps), completed, today)
                                  for i, step in enumerate(steps)])


def _step(plan, order, step, count, completed, today) -> PlanStep:
    """A finished plan's steps (titles) were done 20 days apart up to its completion; an open
    plan's are [title, deadline, done] in days from today (done None: still open)."""
    if isinstance(step, str):
        done = completed - timedelta(days=20 * (count - 1 - order))
        return PlanStep(plan=plan, order=order, title=step, owner=plan.owner,
                        deadline=done + timedelta(days=5), done_on=done)
    title, due, done = step
    return PlanStep(plan=plan, order=order, title=title, owner=plan.owner,
                    deadline=today + timedelta(days=due),
                    done_on=None if done is None else today + timedelta(days=done))


def _need(park, row, firms, today):
    need = LandNeed(park=park, enterprise=firms.get(row["firm"]), title=row["title"],
                    min_area_mu=Decimal(row["min"]), max_area_mu=Decimal(row["max"]), use=row["use"],
                    budget=Decimal(row["budget"]), needed_by=today + timedelta(days=row["needed_in_days"]),
                    min_plot_ratio=Decimal(str(row["plot_ratio"])), description=row["description"],
                    **{f"needs_{k}": True for k in row["needs"]})
    need.full_clean()
    need.save()
