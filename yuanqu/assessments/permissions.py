"""Who may see and change assessments, facts and the cultivation pool (pure predicates)."""

from yuanqu.accounts.permissions import is_office


def can_see_assessments(user) -> bool:
    """The park office, grid workers and the district read assessments (firms see their own, per page)."""
    return is_office(user)


# Cultivation
# The park office (administrators, department staff) runs the pool: plans, actions, recognitions, in its
# own park; the district in every park. A grid worker is the firms' first contact: it sees the pool and
# the plans of its own grid's firms (and of plans it is the officer of) and keeps them moving — action
# status and progress notes — but does not open, reassign or close plans. A firm reads its own plans
# (what it is missing and what the park will do), read-only. Service institutions see none of it.

from yuanqu.accounts import permissions as _roles  # noqa: E402
from yuanqu.enterprises.permissions import member_enterprise_id as _member_firm  # noqa: E402


def can_see_pool(user) -> bool:
    """The candidate lists: the park office, grid workers (their grid's firms) and the district."""
    return _roles.is_office(user)


def can_manage_cultivation(user, park_id) -> bool:
    """Open, edit and close plans and record recognitions in a park."""
    return _roles.is_staff_member(user) and park_id is not None and _roles.in_park(user, park_id)


def can_open_plans(user) -> bool:
    """Offered the buttons that open plans and record recognitions (each firm is checked again)."""
    return _roles.is_staff_member(user)


def can_create_plan(user, enterprise) -> bool:
    return can_manage_cultivation(user, enterprise.park_id)


def can_manage_plan(user, plan) -> bool:
    return can_manage_cultivation(user, plan.park_id)


def can_view_plan(user, plan) -> bool:
    """The office of the plan's park, the grid worker of the firm's grid, the plan's officer, the firm."""
    if not user.is_authenticated or not _roles.in_park(user, plan.park_id):
        return False
    if can_manage_plan(user, plan) or plan.officer_id == user.pk:
        return True
    if _roles.is_grid_worker(user):
        return user.grid_id is not None and plan.enterprise.grid_id == user.grid_id
    return _roles.is_enterprise_user(user) and _member_firm(user) == plan.enterprise_id


def can_work_on_plan(user, plan) -> bool:
    """Update action status and add progress notes: the office, the officer, the firm's grid worker."""
    return _roles.is_office(user) and can_view_plan(user, plan)


def can_record_recognition(user, enterprise) -> bool:
    return can_manage_cultivation(user, enterprise.park_id)


def can_see_plans(user) -> bool:
    """The plan list: the office, and firms (their own plans)."""
    return _roles.is_office(user) or _roles.is_enterprise_user(user)
