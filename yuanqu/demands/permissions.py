"""Who may see and act on a demand (pure predicates)."""

from yuanqu.accounts.models import Role
from yuanqu.accounts.permissions import is_district, is_park_admin, is_staff_member
from yuanqu.enterprises import permissions as firm_permissions

from .workflow import FIRM_ACTIONS, Action


def is_handler_of(user, demand) -> bool:
    """The assigned handler, a member of the lead or a co-handling department."""
    if demand.handler_id == user.pk:
        return True
    return user.department_id is not None and (
        demand.department_id == user.department_id
        or user.department_id in {d.pk for d in demand.co_departments.all()})


def can_view(user, demand) -> bool:
    """Whoever may see the firm may see its demands; a handler also sees what is assigned to them."""
    if not user.is_authenticated:
        return False
    return demand.handler_id == user.pk or firm_permissions.can_view(user, demand.enterprise)


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
        user.role == Role.GRID_WORKER and firm_permissions.can_view(user, demand.enterprise))


def can_triage(user) -> bool:
    return is_staff_member(user)


def can_submit_for(user, enterprise) -> bool:
    """Firms file for themselves; staff and the firm's grid worker file on its behalf: exactly
    those who may edit the firm's record."""
    return firm_permissions.can_edit(user, enterprise)


def can_see_statistics(user) -> bool:
    return is_district(user) or is_staff_member(user)


def can_export(user) -> bool:
    """The demand list as Excel: the park office and the district, never firms or institutions."""
    return is_staff_member(user)
