"""Who may see and change key projects, their tracking and the dispatch meetings (pure predicates)."""

from yuanqu.accounts.permissions import is_office


def can_see_projects(user) -> bool:
    """The park office, grid workers and the district follow the key projects."""
    return is_office(user)


# Dispatch meetings
# (self-contained block, kept at the end of the module; its import sits here on purpose)
from yuanqu.accounts.permissions import in_park, is_grid_worker, is_staff_member  # noqa: E402


def can_see_meetings(user) -> bool:
    """The park office and the district run the weekly dispatch; grid workers read it."""
    return is_staff_member(user) or is_grid_worker(user)


def can_view_meeting(user, meeting) -> bool:
    return can_see_meetings(user) and in_park(user, meeting.park_id)


def can_manage_meetings(user, park) -> bool:
    """Park office (admin, staff) of `park`, or the district: create meetings, write minutes, actions."""
    return park is not None and is_staff_member(user) and in_park(user, park.pk)


def can_edit_meeting(user, meeting) -> bool:
    return is_staff_member(user) and in_park(user, meeting.park_id)


def can_close_action(user, action) -> bool:
    """Who writes the minutes also closes their actions (even after the minutes are final)."""
    return is_staff_member(user) and in_park(user, action.meeting.park_id)
