"""Read side of land: plots, plans and needs a user may see, the map's GeoJSON and the yearly figures."""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from yuanqu.accounts.permissions import is_office
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.enterprises.permissions import member_enterprise_id

from .models import DisposalPlan, LandNeed, LandUse, PlanStatus, PlanStep, Plot, PlotStatus
from .permissions import OFFICE_ROLES, can_delete_plot, can_edit_land, sees_own_plots_only

LAND_COLORS = {
    PlotStatus.IN_USE: "#5470c6", PlotStatus.IDLE: "#fc8452", PlotStatus.LOW_EFFICIENCY: "#d9363e",
    PlotStatus.REVITALISING: "#fac858", PlotStatus.REVITALISED: "#3ba272", PlotStatus.RESERVE: "#9a9a9a",
}
HEALTH_COLORS = {"green": "#3ba272", "yellow": "#f5b800", "red": "#d9363e"}
NO_PROJECT = "none"
NO_PROJECT_COLOR = "#c8c8c8"
HEALTH_RANK = {"red": 0, "yellow": 1, "green": 2}  # a plot with several projects shows the worst
MAP_FIELDS = ["id", "park_id", "code", "name", "status", "area_mu", "use", "occupant__name"]


def visible_plots(user):
    """Plots of the user's park(s): the office and grid workers all, a firm those it occupies."""
    qs = restrict_to_parks(Plot.objects.all(), user)
    if is_office(user):
        return qs
    if sees_own_plots_only(user):
        return qs.filter(occupant_id=member_enterprise_id(user))
    return qs.none()


def list_plots(user):
    return visible_plots(user).select_related("park", "occupant")


def get_plot_for_user(user, pk, *, write=False, delete=False) -> Plot:
    """The plot; 404 whether missing or invisible, 403 if visible but not the user's to change."""
    try:
        plot = list_plots(user).get(pk=pk)
    except (Plot.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if (write and not can_edit_land(user, plot.park)) or (delete and not can_delete_plot(user, plot)):
        raise PermissionDenied
    return plot


def visible_plans(user):
    """Disposal plans are the office's working papers: the office and grid workers of the park."""
    qs = restrict_to_parks(DisposalPlan.objects.all(), user, via="plot__park")
    return qs if is_office(user) else qs.none()


def get_plan_for_user(user, pk, *, write=False) -> DisposalPlan:
    try:
        plan = visible_plans(user).select_related("plot__park", "owner", "placed_enterprise").get(pk=pk)
    except (DisposalPlan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_edit_land(user, plan.plot.park):
        raise PermissionDenied
    return plan


def get_step_for_user(user, pk, *, write=False) -> PlanStep:
    try:
        step = PlanStep.objects.select_related("plan__plot__park").get(
            pk=pk, plan__in=visible_plans(user))
    except (PlanStep.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_edit_land(user, step.plan.plot.park):
        raise PermissionDenied
    return step


def visible_needs(user):
    """Land needs of the user's park(s): the office all, a firm its own."""
    qs = restrict_to_parks(LandNeed.objects.all(), user)
    if is_office(user):
        return qs
    if sees_own_plots_only(user):
        return qs.filter(enterprise_id=member_enterprise_id(user))
    return qs.none()


def get_need_for_user(user, pk, *, write=False) -> LandNeed:
    try:
        need = visible_needs(user).select_related("park", "enterprise").get(pk=pk)
    except (LandNeed.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_edit_land(user, need.park):
        raise PermissionDenied
    return need


def park_officials(park):
    """The park's active office people, who can own a plan or a step."""
    return get_user_model().objects.filter(park=park, is_active=True, role__in=OFFICE_ROLES).order_by(
        "full_name", "username")


def plot_totals(qs) -> list[dict]:
    """Plots and 亩 by status for the list's filtered rows (one query): [{status, label, plots, mu}]."""
    grouped = qs.order_by().values("status").annotate(plots=Count("id"), mu=Sum("area_mu"))
    rows = {r["status"]: r for r in grouped}
    return [{"status": s, "label": label, "plots": rows[s]["plots"], "mu": rows[s]["mu"] or Decimal(0),
             "color": LAND_COLORS[s]} for s, label in PlotStatus.choices if s in rows]


# ---- the map ---------------------------------------------------------------------------------------

def _choices(enum):
    return [(k, str(v)) for k, v in enum.choices]


def _url_maker(name):
    """pk → URL of `name`, from one reverse() (5,000 features, one lookup); None if `name` is unknown."""
    sentinel = 987654321
    try:
        pattern = reverse(name, args=[sentinel])
    except NoReverseMatch:
        return None
    head, tail = pattern.split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def _project_rows(user, park_ids):
    """plot id → the project shown on it (the worst health, then the newest). Projects depend on land
    (Project.plot), so land reads them lazily here and the imports keep one direction."""
    from yuanqu.projects.models import Project
    from yuanqu.projects.permissions import can_see_projects

    if not can_see_projects(user):
        return {}
    qs = restrict_to_parks(Project.objects.select_related("plot"), user).filter(plot__isnull=False)
    if park_ids is not None:
        qs = qs.filter(park_id__in=park_ids)
    shown = {}
    for row in qs.values("id", "name", "health", "plot_id", "year"):
        best = shown.get(row["plot_id"])
        if best is None or (HEALTH_RANK.get(row["health"], 3), -row["year"]) < \
                (HEALTH_RANK.get(best["health"], 3), -best["year"]):
            shown[row["plot_id"]] = row
    return shown


def map_legend(color_by: str) -> list[dict]:
    if color_by == "project":
        from yuanqu.projects.models import Health

        return [*({"key": h, "label": str(label), "color": HEALTH_COLORS[h]} for h, label in Health.choices),
                {"key": NO_PROJECT, "label": _("No project"), "color": NO_PROJECT_COLOR}]
    return [{"key": s, "label": str(label), "color": LAND_COLORS[s]} for s, label in PlotStatus.choices]


def _properties(row, project, color_by, urls, labels) -> dict:
    health = project["health"] if project else None
    color = (HEALTH_COLORS.get(health, NO_PROJECT_COLOR) if color_by == "project"
             else LAND_COLORS.get(row["status"], NO_PROJECT_COLOR))
    url = urls["project"](project["id"]) if project and urls["project"] else \
        (urls["plot"](row["id"]) if urls["plot"] else "")
    return {"id": row["id"], "code": row["code"], "name": row["name"], "status": row["status"],
            "status_label": labels["status"].get(row["status"], ""), "color": color,
            "area_mu": float(row["area_mu"]), "use_label": labels["use"].get(row["use"], ""),
            "occupant": row["occupant__name"] or "", "project_id": project["id"] if project else None,
            "project_name": project["name"] if project else "", "project_health": health or "", "url": url}


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def map_features_json(user, *, color_by="land", park=None) -> str:
    """`map_features` as JSON text, built without decoding the stored geometries: their text is
    copied from the database as it is (5,000 plots: the decode and re-encode were most of the time)."""
    color_by = "project" if color_by == "project" else "land"
    qs = visible_plots(user)
    if park is not None:
        qs = qs.filter(park=park)
    rows = list(qs.order_by("code").annotate(geometry_text=Cast("geometry", TextField()))
                .values(*MAP_FIELDS, "geometry_text"))
    projects = _project_rows(user, [park.pk] if park is not None else None) if rows else {}
    urls = {"plot": _url_maker("land:plot_detail"), "project": _url_maker("projects:project_detail")}
    labels = {"status": dict(_choices(PlotStatus)), "use": dict(_choices(LandUse))}
    features = ",".join(
        f'{{"type":"Feature","id":{r["id"]},"geometry":{r["geometry_text"]},'
        f'"properties":{_dump(_properties(r, projects.get(r["id"]), color_by, urls, labels))}}}'
        for r in rows)
    head = _dump({"type": "FeatureCollection", "color_by": color_by, "legend": map_legend(color_by)})
    return f'{head[:-1]},"features":[{features}]}}'


def map_features(user, *, color_by="land", park=None) -> dict:
    """The plots `user` may see (of `park` when given) as a GeoJSON FeatureCollection for the map,
    each with its colour by land status or by its project's health, in two queries whatever the
    number of plots. Properties: id, code, name, status, status_label, color, area_mu, use_label,
    occupant, project_id, project_name, project_health, url (the project's page, else the plot's).
    Foreign members: `color_by` and the `legend` [{key, label, color}]."""
    return json.loads(map_features_json(user, color_by=color_by, park=park))


# ---- yearly figures --------------------------------------------------------------------------------

@dataclass
class YearFigures:
    """亩 revitalised and firms placed in a year, from the plans completed that year."""

    year: int
    plans: list = field(default_factory=list)

    @property
    def mu_revitalised(self) -> Decimal:
        return sum((p.revitalised_mu or p.plot.area_mu for p in self.plans), Decimal(0))

    @property
    def firms_placed(self) -> int:
        return len({p.placed_enterprise_id for p in self.plans if p.placed_enterprise_id})

    @property
    def plots(self) -> int:
        return len(self.plans)


def yearly_figures(park, year: int) -> YearFigures:
    """The year's revitalisation figures of `park` (None: every park), computed from the records."""
    qs = DisposalPlan.objects.filter(status=PlanStatus.DONE, completed_on__year=year)
    if park is not None:
        qs = qs.filter(plot__park=park)
    plans = qs.select_related("plot", "placed_enterprise").order_by("completed_on", "plot__code")
    return YearFigures(year=year, plans=list(plans))
