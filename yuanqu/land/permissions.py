"""Who may see and change plots, disposal plans and land needs (pure predicates).

- The park office (park administrators and department staff) and the district edit land; only a
  park administrator (or the district) deletes a plot.
- Grid workers read the park's land (plots, plans, needs) and the battle map.
- A firm sees the plots it occupies and its own land needs (read-only), never other plots nor any
  disposal plan (plans about a firm's land are the office's working papers).
- Institutions see no land.
"""

from yuanqu.accounts.models import Role
from yuanqu.accounts.permissions import (
    in_park,
    is_enterprise_user,
    is_office,
    is_park_admin,
    is_staff_member,
)
from yuanqu.enterprises.permissions import member_enterprise_id

# Who can be named the responsible official of a plan or a step (with the district's people).
OFFICE_ROLES = [Role.PARK_ADMIN, Role.DEPT_STAFF, Role.GRID_WORKER]


def can_see_land(user) -> bool:
    """The park office, grid workers and the district see the park's land (menu, lists, map)."""
    return is_office(user)


def sees_own_plots_only(user) -> bool:
    """A firm user: only the plots its firm occupies and its own land needs."""
    return is_enterprise_user(user) and member_enterprise_id(user) is not None


def can_view_plot(user, plot) -> bool:
    if not in_park(user, plot.park_id):
        return False
    if is_office(user):
        return True
    return sees_own_plots_only(user) and plot.occupant_id == member_enterprise_id(user)


def can_edit_land(user, park) -> bool:
    """Create and change plots, plans and land needs of `park`: the park office and the district."""
    return park is not None and is_staff_member(user) and in_park(user, park.pk)


def can_delete_plot(user, plot) -> bool:
    return is_park_admin(user) and in_park(user, plot.park_id)


def can_import_land(user) -> bool:
    """Imports land in the user's own park, so the district (no park) has none to offer."""
    return is_staff_member(user) and user.park_id is not None


def can_view_need(user, need) -> bool:
    if not in_park(user, need.park_id):
        return False
    if is_office(user):
        return True
    return sees_own_plots_only(user) and need.enterprise_id == member_enterprise_id(user)
