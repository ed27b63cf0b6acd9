"""Read side: every project record is fetched through these permission-aware accessors."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404

from yuanqu.accounts.permissions import is_enterprise_user, is_office
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.enterprises.permissions import member_enterprise_id

from .models import Milestone, MilestoneTemplate, Project, ProjectProblem
from .permissions import TASK_FORCE_ROLES, can_edit_project


def visible_projects(user):
    """Projects `user` may see: the office and the district their park(s), a firm its own investments."""
    qs = restrict_to_parks(Project.objects.all(), user)
    if is_office(user):
        return qs
    if is_enterprise_user(user):
        return qs.filter(investor_id=member_enterprise_id(user) or 0)
    return qs.none()


def list_projects(user):
    """The list page/API queryset: one query for the rows with their park, industry, investor and lead."""
    return visible_projects(user).select_related("park", "industry", "investor", "plot", "lead")


def list_for_page(user):
    """The list page and ledger: rows plus milestones done / total, in one query."""
    done = Count("milestones", filter=Q(milestones__actual_finish__isnull=False))
    return (list_projects(user).annotate(milestones_done=done, milestones_total=Count("milestones"))
            .order_by("park", "-year", "name"))


def get_project_for_user(user, pk, *, write=False) -> Project:
    """The project; 404 whether missing or invisible, 403 if visible but not the user's to change."""
    try:
        project = list_projects(user).get(pk=pk)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_edit_project(user, project):
        raise PermissionDenied
    return project


def get_milestone(project, key) -> Milestone:
    """A milestone of a project the caller already fetched; 404 for an unknown key."""
    try:
        return project.milestones.get(key=str(key)[:40])
    except Milestone.DoesNotExist:
        raise Http404 from None


def list_milestones(project):
    return project.milestones.order_by("order", "id")


def list_notes(project, *, limit=50):
    """Newest notes first, with their photos, author and milestone in two queries."""
    return (project.notes.select_related("author", "milestone").prefetch_related("photos")
            .order_by("-on", "-id")[:limit])


def list_problems(project):
    """The project's problems with their demand's status (one query)."""
    return (ProjectProblem.objects.filter(project=project)
            .select_related("demand", "demand__department", "raised_by").order_by("-created_at"))


def list_investments(project):
    return project.investments.order_by("month")


def invested_total(project):
    return project.investments.aggregate(total=Sum("amount"))["total"]


def templates_for(park):
    """Templates usable in `park`: the built-in ones and the park's own, with their steps."""
    return (MilestoneTemplate.objects.filter(Q(park__isnull=True) | Q(park=park))
            .prefetch_related(Prefetch("steps")).order_by("name"))


def task_force_candidates(park):
    """Active park office people and grid workers of `park`, who may lead or join a task force."""
    from yuanqu.accounts.models import User

    return (User.objects.filter(park=park, is_active=True, role__in=TASK_FORCE_ROLES)
            .order_by("full_name", "username"))
