"""Shape land records for pages (no writes, no request handling)."""

from django.db.models import Count, Q

from yuanqu.accounts.permissions import is_office
from yuanqu.core.audit import history_for

from .models import INFRASTRUCTURE, DisposalPlan, PlanStatus
from .permissions import can_delete_plot, can_edit_land
from .queries import LAND_COLORS
from .services import PLANNABLE


def plot_shape(plot) -> dict:
    """The plot alone as a FeatureCollection for its small map (named by its number)."""
    return {"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": plot.geometry,
        "properties": {"name": plot.code, "color": LAND_COLORS.get(plot.status, "#999")}}]}


def _plan_of(plot):
    try:
        return DisposalPlan.objects.select_related("owner", "placed_enterprise").get(plot=plot)
    except DisposalPlan.DoesNotExist:
        return None


def _projects_of(plot, user):
    """The key projects on the plot, for those who follow projects (read through their own app)."""
    from yuanqu.projects.permissions import can_see_projects

    return list(plot.projects.order_by("-year", "name")) if can_see_projects(user) else []


def plot_context(plot, user) -> dict:
    """Everything the plot page shows: facts, plan and steps, projects, rights, history."""
    can_edit = can_edit_land(user, plot.park)
    plan = _plan_of(plot) if is_office(user) else None  # plans are the office's working papers
    return {
        "plot": plot, "shape": plot_shape(plot), "plan": plan,
        "steps": list(plan.steps.select_related("owner")) if plan else [],
        "plan_open": plan is not None and plan.status in (PlanStatus.DRAFT, PlanStatus.ACTIVE),
        "projects": _projects_of(plot, user), "can_edit": can_edit,
        "can_delete": can_delete_plot(user, plot),
        "can_plan": can_edit and plan is None and plot.status in PLANNABLE,
        "infrastructure": infrastructure(plot), "history": history_for(plot)[:30] if can_edit else [],
    }


def infrastructure(obj, prefix="has_") -> list[tuple[str, bool]]:
    """[(label, present)] of the seven infrastructure items."""
    return [(str(label), bool(getattr(obj, prefix + key.removeprefix("has_"))))
            for key, label in INFRASTRUCTURE.items()]


def plans_with_progress(qs):
    """Plans with their step counts (one query)."""
    return qs.select_related("plot", "owner", "placed_enterprise").annotate(
        steps_total=Count("steps"), steps_done=Count("steps", filter=Q(steps__done_on__isnull=False)))
