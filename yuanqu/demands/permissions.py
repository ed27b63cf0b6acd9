"""Who may see and act on a demand (pure predicates)."""

from yuanqu.accounts.models import Role
from yuanqu.accounts.permissions import in_park, is_district, is_park_admin, is_staff_member

from .workflow import FIRM_ACTIONS, Action


def _firm_id(user):
    membership = getattr(user, "membership", None)
    return membership.enterprise_id if membership else None


def is_handler_of(user, demand) -> bool:
    """The assigned handler, a member of the lead or a co-handling department."""
    if demand.handler_id == user.pk:
        return True
    return user.department_id is not None and (
        demand.department_id == user.department_id
        or user.department_id in {d.pk for d in demand.co_departments.all()})


def can_view(user, demand) -> bool:
    if not user.is_authenticated or not in_park(user, demand.park_id):
        return False
    if is_staff_member(user):
        return True
    if user.role == Role.GRID_WORKER:
        return demand.handler_id == user.pk or demand.enterprise.grid_id == user.grid_id
    if user.role == Role.ENTERPRISE:
        return _firm_id(user) == demand.enterprise_id
    return False


def can_act(user, demand, action) -> bool:
    """Firms rate and reopen their own demands; the office and the handler do everything else."""
    if not can_view(user, demand):
        return False
    if action in FIRM_ACTIONS:
        return user.role == Role.ENTERPRISE or is_park_admin(user)
    if user.role == Role.ENTERPRISE:
        return False
    if action in (Action.TRANSFER, Action.MERGE, Action.CLOSE):
        return is_staff_member(user)
    return is_park_admin(user) or is_handler_of(user, demand) or (
        user.role == Role.GRID_WORKER and demand.enterprise.grid_id == user.grid_id)


def can_triage(user) -> bool:
    return is_staff_member(user)


def can_submit_for(user, enterprise) -> bool:
    """Firms file for themselves; staff and the firm's grid worker file on its behalf."""
    if not in_park(user, enterprise.park_id):
        return False
    if user.role == Role.ENTERPRISE:
        return _firm_id(user) == enterprise.pk
    if user.role == Role.GRID_WORKER:
        return enterprise.grid_id == user.grid_id
    return is_staff_member(user)


def can_see_statistics(user) -> bool:
    return is_district(user) or is_staff_member(user)
