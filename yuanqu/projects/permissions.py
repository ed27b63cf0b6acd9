"""Who may see and change key projects, their tracking and the dispatch meetings (pure predicates).

- The park office (admins, department staff), grid workers and the district read every project of
  their park(s); an enterprise user reads the projects its own firm invests in.
- Park administrators and the district create, edit, delete, import and plan projects.
- The task force (its lead and members, people of the park office) update milestones, add progress
  notes and monthly investment, and raise on-site problems; the lead also re-plans (target, template).
- The investor firm's users add progress notes (the firm's contact reports progress), nothing else.
"""

from yuanqu.accounts.models import Role
from yuanqu.accounts.permissions import (
    STAFF_ROLES,
    in_park,
    is_enterprise_user,
    is_office,
    is_park_admin,
)
from yuanqu.enterprises.permissions import member_enterprise_id

# Who may serve on a task force: the park office (administrators, department staff) and grid workers.
TASK_FORCE_ROLES = (*STAFF_ROLES, Role.GRID_WORKER)


def can_see_projects(user) -> bool:
    """The park office, grid workers and the district follow the key projects."""
    return is_office(user)


def is_investor_user(user, project) -> bool:
    """A user of the firm that invests in `project`."""
    return bool(is_enterprise_user(user) and project.investor_id
                and member_enterprise_id(user) == project.investor_id)


def can_list_projects(user) -> bool:
    """The project list: the office, and firm users (who see only their own firm's projects)."""
    return is_office(user) or (is_enterprise_user(user) and member_enterprise_id(user) is not None)


def can_view_project(user, project) -> bool:
    if not in_park(user, project.park_id):
        return False
    return is_office(user) or is_investor_user(user, project)


def can_create_project(user, park) -> bool:
    return is_park_admin(user) and park is not None and in_park(user, park.pk)


def can_edit_project(user, project) -> bool:
    """Facts, task force, deletion: the park's administrators and the district."""
    return is_park_admin(user) and in_park(user, project.park_id)


can_delete_project = can_edit_project


def can_import_projects(user) -> bool:
    """Imports land in the user's own park, so the district (no park) imports none."""
    return is_park_admin(user) and user.park_id is not None


def is_task_force(user, project) -> bool:
    """The lead or a member of the project's task force (members cached on the instance)."""
    if not user.is_authenticated:
        return False
    if project.lead_id == user.pk:
        return True
    if not hasattr(project, "_member_ids"):
        project._member_ids = set(project.members.values_list("pk", flat=True))
    return user.pk in project._member_ids


def can_track(user, project) -> bool:
    """Milestone actuals, monthly investment, problems: administrators and the task force."""
    if can_edit_project(user, project):
        return True
    return is_office(user) and in_park(user, project.park_id) and is_task_force(user, project)


def can_schedule_project(user, project) -> bool:
    """Apply a template or move the target date: administrators and the task force lead."""
    if can_edit_project(user, project):
        return True
    return is_office(user) and in_park(user, project.park_id) and project.lead_id == user.pk


def can_add_note(user, project) -> bool:
    """Progress notes: whoever tracks the project, and the investor firm's own users."""
    return can_track(user, project) or (in_park(user, project.park_id) and is_investor_user(user, project))


def can_raise_problem(user, project) -> bool:
    """Problems become the investor firm's demands; the demands app checks its own rule too."""
    return can_track(user, project)


def can_see_history(user, project) -> bool:
    """The audit timeline: the office only (it names colleagues and old values)."""
    return is_office(user) and can_view_project(user, project)


# Dispatch meetings
# (self-contained block, kept at the end of the module; its import sits here on purpose)
from yuanqu.accounts.permissions import is_grid_worker, is_staff_member  # noqa: E402  (in_park: above)


def can_see_meetings(user) -> bool:
    """The park office and the district run the weekly dispatch; grid workers read it."""
    return is_staff_member(user) or is_grid_worker(user)


def can_manage_meetings(user, park) -> bool:
    """Park office (admin, staff) of `park`, or the district: create meetings, write minutes, actions."""
    return park is not None and is_staff_member(user) and in_park(user, park.pk)


def can_edit_meeting(user, meeting) -> bool:
    return is_staff_member(user) and in_park(user, meeting.park_id)


def can_close_action(user, action) -> bool:
    """Who writes the minutes also closes their actions (even after the minutes are final)."""
    return is_staff_member(user) and in_park(user, action.meeting.park_id)
