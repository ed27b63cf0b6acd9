"""Demo land and key projects of each demo park (issue 11).

The land: a made-up park map (data/park_map.geojson, data/park2_map.geojson, drawn by
`draw_maps.py`: blocks of plots between roads in lon/lat near the real parks; each plot's
area_mu is its geometry's area on a local equal-area projection), occupants from the demo firms,
the park's low-efficiency thresholds, one disposal plan per idle or low-efficiency plot (一地一策)
— the main park's six plots revitalised last year for the six newly attracted high-tech firms of
the 2021 report (over 160 亩), one this year — and a few firms' land needs, all written through
the land services.

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
from yuanqu.accounts.permissions import is_park_admin
from yuanqu.enterprises.models import AnnualIndicator, Enterprise
from yuanqu.land.models import INFRASTRUCTURE, LandNeed, LandThresholds, Plot

DATA = Path(__file__).resolve().parent / "data"
MAPS = {"qdkjcxy": "park_map.geojson", "qdlsszjj": "park2_map.geojson"}
PLOT_FIELDS = ["code", "name", "use", "status", "owner_name", "note"]
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
    """Plots from the park's map, disposal plans, land needs, thresholds and low-efficiency flags,
    written through the land services (overlap and area checks, audit rows)."""
    from yuanqu.land import services as land

    admin = park_admin(people)
    LandThresholds.objects.update_or_create(park=park, defaults=data.get("thresholds", {}))
    firms = {e.name: e for e in Enterprise.objects.filter(park=park)}
    plans = {row["plot"]: row for row in data.get("plans", [])}
    plots = {}
    for feature in park_map(park.code)["features"]:
        code = feature["properties"]["code"]
        fields = _plot_fields(feature, firms, plans.get(code), today)
        plots[code] = land.create_plot(park, actor=admin, **fields)
    for row in data.get("plans", []):
        _plan(plots[row["plot"]], row, firms, people, today, admin)
    for row in data.get("needs", []):
        land.create_need(park, actor=admin, **_need_fields(row, firms, today))
    year = indicator_year(park, today)
    if year:
        land.flag_low_efficiency(park, year, actor=admin, today=today)


def park_admin(people: dict):
    return next(u for _name, u in sorted(people.items()) if is_park_admin(u))


def _plot_fields(feature, firms, plan, today) -> dict:
    """The plot as it stood before its plan: a plot revitalised or being revitalised starts idle
    (or low-efficiency, as its plan says), without the firm its plan places."""
    props = feature["properties"]
    fields = {k: props.get(k, "") for k in PLOT_FIELDS if k not in INFRASTRUCTURE}
    fields |= {k: bool(props.get(k)) for k in INFRASTRUCTURE}
    fields |= {k: _decimal(props.get(k)) for k in LIMIT_FIELDS}
    fields |= {"geometry": feature["geometry"], "area_mu": Decimal(str(props["area_mu"])),
               "occupant": firms.get(props.get("occupant") or "")}
    if plan and plan["status"] != "draft":
        fields["status"] = plan.get("from", "idle")
        if plan["status"] == "done":
            fields["occupant"] = None
    if fields["status"] in ("reserve", "idle"):
        fields["available_on"] = today + timedelta(days=30 + int(props["area_mu"] * 37) % 150)
    return fields


def _decimal(value):
    return None if value is None else Decimal(str(value))


def indicator_year(park, today: date) -> int | None:
    """Last year, or the latest year with indicators before it."""
    years = AnnualIndicator.objects.filter(enterprise__park=park, year__lte=last_year(today))
    return years.order_by("-year").values_list("year", flat=True).first()


def _plan(plot, row, firms, people, today, admin):
    """One plot, one plan: a finished one (its steps done 20 days apart up to its completion, the
    firm placed), one in progress or a draft (steps [title, deadline, done] in days from today)."""
    from yuanqu.land import services as land

    done = row["status"] == "done"
    completed = completed_on(row, today) if done else None
    deadline = completed + timedelta(days=10) if done else today + timedelta(days=row["deadline_days"])
    plan = land.create_plan(plot, actor=admin, method=row["method"], goal=row["goal"], deadline=deadline,
                            status="active" if done else row["status"], owner=people.get(row["owner"]))
    steps = row["steps"]
    for i, step in enumerate(steps):
        title, due, finished = (step, None, -20 * (len(steps) - 1 - i)) if done else step
        base = completed if done else today
        item = land.add_step(plan, actor=admin, title=title, owner=plan.owner, order=i + 1,
                             deadline=base + timedelta(days=(finished + 5) if done else due))
        if finished is not None:
            land.complete_step(item, actor=admin, done_on=base + timedelta(days=finished))
    if done:
        land.complete_plan(plan, actor=admin, placed_enterprise=firms[row["placed"]],
                           revitalised_mu=plot.area_mu, completed_on=completed)


def completed_on(row, today: date) -> date:
    """A finished plan's date: "completed" is a MM-DD of last year; "completed_days_ago" a day of
    this year (never before its 5 January, never after today)."""
    if "completed" in row:
        return in_last_year(today, row["completed"])
    early = max(today - timedelta(days=row["completed_days_ago"]), date(today.year, 1, 5))
    return min(early, today)


def _need_fields(row, firms, today) -> dict:
    return {"enterprise": firms.get(row["firm"]), "title": row["title"], "min_area_mu": Decimal(row["min"]),
            "max_area_mu": Decimal(row["max"]), "use": row["use"], "budget": Decimal(row["budget"]),
            "needed_by": today + timedelta(days=row["needed_in_days"]),
            "min_plot_ratio": Decimal(str(row["plot_ratio"])), "description": row["description"],
            **{f"needs_{k}": True for k in row["needs"]}}
