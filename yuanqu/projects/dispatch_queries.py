"""Read side of the weekly dispatch: meetings and actions a user may see, the agenda's sources and the
report's dataclasses, each assembled in a fixed number of queries (never one per project)."""

from collections import defaultdict, namedtuple
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.utils import timezone

from yuanqu.calendar.queries import work_calendar
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.demands.workflow import OPEN

from . import dispatch_agenda as agenda
from . import reporting
from .models import Action, AgendaItem, Health, Meeting, Milestone, MonthlyInvestment, Project, ProjectProblem
from .permissions import can_close_action, can_edit_meeting, can_see_meetings

ACTION_STATES = ("open", "overdue", "done")


def visible_meetings(user):
    """Meetings of the user's park(s): the park office, grid workers and the district; nobody else."""
    if not can_see_meetings(user):
        return Meeting.objects.none()
    return restrict_to_parks(Meeting.objects.all(), user)


def list_meetings(user, *, today: date | None = None):
    """Newest first, with the counts the list shows (agenda lines, open and overdue actions)."""
    today = today or timezone.localdate()
    open_ = Q(actions__done_on__isnull=True)
    return visible_meetings(user).select_related("park").annotate(
        agenda_count=Count("agenda", distinct=True),
        open_actions=Count("actions", filter=open_, distinct=True),
        overdue_actions=Count("actions", filter=open_ & Q(actions__due_on__lt=today), distinct=True),
    ).order_by("-held_on", "-id")


def get_meeting_for_user(user, pk, *, write=False) -> Meeting:
    """404 whether missing or invisible; 403 when visible but not the user's to change."""
    try:
        meeting = visible_meetings(user).select_related("park", "created_by").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_edit_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def visible_actions(user):
    if not can_see_meetings(user):
        return Action.objects.none()
    return restrict_to_parks(Action.objects.all(), user, via="meeting__park")


def list_actions(user, *, state: str = "", meeting=None, today: date | None = None):
    """Actions by deadline; `state` open / overdue (open, deadline passed) / done narrows them."""
    today = today or timezone.localdate()
    qs = visible_actions(user).select_related("meeting", "meeting__park", "project", "owner")
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    return _by_state(qs, state, today).order_by("due_on", "id")


def _by_state(qs, state: str, today: date):
    if state == "open":
        return qs.filter(done_on__isnull=True)
    if state == "overdue":
        return qs.filter(done_on__isnull=True, due_on__lt=today)
    if state == "done":
        return qs.filter(done_on__isnull=False)
    return qs


def get_action_for_user(user, pk, *, write=False) -> Action:
    try:
        action = list_actions(user).get(pk=pk)
    except (Action.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_close_action(user, action):
        raise PermissionDenied
    return action


def meeting_agenda(meeting):
    return meeting.agenda.select_related("project", "problem__demand", "action").order_by("order", "id")


def carried_actions(meeting):
    """Still-open actions decided at the park's earlier meetings (carried onto this one's agenda)."""
    return Action.objects.filter(meeting__park_id=meeting.park_id, done_on__isnull=True,
                                 meeting__held_on__lte=meeting.held_on) \
        .exclude(meeting_id=meeting.pk).select_related("meeting", "project", "owner").order_by("due_on", "id")


def open_problems(park_id):
    """The park's project problems whose demand is still open (not resolved, rated or closed)."""
    return ProjectProblem.objects.filter(project__park_id=park_id, demand__status__in=sorted(OPEN)) \
        .select_related("project", "demand", "demand__department").order_by("created_at", "id")


def owner_name(user, fallback="") -> str:
    if user is None:
        return fallback
    return getattr(user, "full_name", "") or user.get_username()


# ---- agenda sources ---------------------------------------------------------------------------------

def _late_milestones(project_ids, today):
    """Unfinished milestones that are late or forecast late, per project (one query)."""
    rows = Milestone.objects.filter(project_id__in=project_ids, actual_finish__isnull=True,
                                    planned_finish__isnull=False) \
        .filter(Q(planned_finish__lt=today) | Q(forecast_finish__gt=F("planned_finish"))) \
        .order_by().values_list("project_id", "name", "planned_finish", "forecast_finish")
    by_project = defaultdict(list)
    for project_id, name, planned, forecast in rows:
        by_project[project_id].append(agenda.MilestoneFacts(name, planned, forecast))
    return by_project


def _project_facts(park_id, today, cal) -> list[agenda.ProjectFacts]:
    projects = list(Project.objects.filter(park_id=park_id, health__in=[Health.RED, Health.YELLOW])
                    .select_related("lead").order_by("name", "id"))
    late = _late_milestones([p.pk for p in projects], today)
    return [agenda.ProjectFacts(p.pk, p.name, p.health, owner_name(p.lead),
                                agenda.lateness(late.get(p.pk, ()), today, cal)) for p in projects]


def _problem_facts(park_id) -> list[agenda.ProblemFacts]:
    return [agenda.ProblemFacts(pp.pk, pp.project_id, pp.project.name, pp.demand.title, pp.demand.number,
                                pp.demand.get_status_display(),
                                pp.demand.department.name if pp.demand.department else "")
            for pp in open_problems(park_id)]


def _action_facts(meeting) -> list[agenda.ActionFacts]:
    return [agenda.ActionFacts(a.pk, a.project_id, a.project.name if a.project else "", a.action,
                               owner_name(a.owner, a.owner_name), a.due_on) for a in carried_actions(meeting)]


def agenda_for(meeting, today: date, cal=None) -> list[agenda.AgendaLine]:
    """The agenda lines the meeting would get now (5 queries whatever the number of projects)."""
    cal = cal or work_calendar()
    return agenda.agenda_lines(_project_facts(meeting.park_id, today, cal), _problem_facts(meeting.park_id),
                               _action_facts(meeting), today, cal)


def stored_agenda_keys(meeting) -> list[tuple]:
    rows = AgendaItem.objects.filter(meeting=meeting).order_by("order", "id") \
        .values_list("reason", "project_id", "problem_id", "action_id", "summary")
    return [tuple(row) for row in rows]


# ---- the report -------------------------------------------------------------------------------------

HEALTH_ORDER = {Health.RED: 0, Health.YELLOW: 1, Health.GREEN: 2}
MilestoneDates = namedtuple("MilestoneDates", "key name planned_finish forecast_finish actual_finish")


def _invested(park_id) -> dict[int, Decimal]:
    rows = MonthlyInvestment.objects.filter(project__park_id=park_id).values("project_id") \
        .annotate(total=Sum("amount")).values_list("project_id", "total")
    return dict(rows)


def _milestones(park_id) -> dict[int, list[MilestoneDates]]:
    """Every milestone of the park's projects as plain rows (no model instances: 6,000 of them cost 0.5 s)."""
    by_project = defaultdict(list)
    rows = Milestone.objects.filter(project__park_id=park_id).order_by("project_id", "order", "id") \
        .values_list("project_id", "key", "name", "planned_finish", "forecast_finish", "actual_finish")
    for project_id, *fields in rows:
        by_project[project_id].append(MilestoneDates(*fields))
    return by_project


def _problem_titles(park_id):
    titles = defaultdict(list)
    for project_id, title in ProjectProblem.objects.filter(
            project__park_id=park_id, demand__status__in=sorted(OPEN)) \
            .order_by("created_at", "id").values_list("project_id", "demand__title"):
        titles[project_id].append(title)
    return titles


def _project_row(p, milestones, invested, problems, today, cal) -> reporting.ProjectRow:
    facts = [agenda.MilestoneFacts(m.name, m.planned_finish, m.forecast_finish, m.actual_finish)
             for m in milestones]
    return reporting.ProjectRow(
        name=p.name, level=p.level, total_investment=p.total_investment,
        annual_planned=p.annual_planned_investment, invested=invested or Decimal(0), stage=p.stage,
        health=p.health, owner=owner_name(p.lead), problems=tuple(problems),
        lateness=agenda.lateness_text(agenda.lateness(facts, today, cal)),
        milestones=tuple(reporting.MilestoneRow(m.key, m.name, m.planned_finish, m.actual_finish)
                         for m in milestones))


def _project_rows(park_id, today, cal) -> tuple[reporting.ProjectRow, ...]:
    projects = sorted(Project.objects.filter(park_id=park_id).select_related("lead"),
                      key=lambda p: (HEALTH_ORDER.get(p.health, 3), p.name, p.pk))
    milestones, invested, problems = _milestones(park_id), _invested(park_id), _problem_titles(park_id)
    return tuple(_project_row(p, milestones[p.pk], invested.get(p.pk), problems[p.pk], today, cal)
                 for p in projects)


def _action_row(a) -> reporting.ActionRow:
    return reporting.ActionRow(
        decision=a.decision, action=a.action, owner=owner_name(a.owner, a.owner_name), due_on=a.due_on,
        project=a.project.name if a.project else "", meeting=a.meeting.title, done_on=a.done_on,
        result=a.result)


def build_report(meeting, *, today: date | None = None) -> reporting.DispatchReport:
    """The week's report data: every project of the park (red, yellow, green), the meeting's actions and
    earlier open ones. A fixed number of queries, whatever the number of projects or milestones."""
    today = today or timezone.localdate()
    cal = work_calendar()
    own = Action.objects.filter(meeting=meeting).select_related("meeting", "project", "owner") \
        .order_by("due_on", "id")
    return reporting.DispatchReport(
        park=meeting.park.name, held_on=meeting.held_on, as_of=today, title=meeting.title,
        chair=meeting.chair, minutes=meeting.minutes, final=meeting.closed,
        projects=_project_rows(meeting.park_id, today, cal),
        actions=tuple(_action_row(a) for a in own),
        carried=tuple(_action_row(a) for a in carried_actions(meeting)))

