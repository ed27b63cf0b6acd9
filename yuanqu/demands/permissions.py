"""Who may see and act on a demand (pure predicates)."""

from yuanqu.accounts.permissions import (
    is_district,
    is_enterprise_user,
    is_grid_worker,
    is_institution_user,
    is_office,
    is_park_admin,
    is_staff_member,
)
from yuanqu.enterprises import permissions as firm_permissions

from .workflow import SPECS, Who


def is_handler_of(user, demand) -> bool:
    """The assigned handler, a member of the lead or a co-handling department."""
    if demand.handler_id == user.pk:
        return True
    return user.department_id is not None and (
        demand.department_id == user.department_id
        or user.department_id in {d.pk for d in demand.co_departments.all()})


def is_lead_member(user, demand) -> bool:
    """A member of the demand's lead department."""
    return user.department_id is not None and demand.department_id == user.department_id


def can_view(user, demand) -> bool:
    """Whoever may see the firm may see its demands; a handler also sees what is assigned to them."""
    if not user.is_authenticated:
        return False
    return demand.handler_id == user.pk or firm_permissions.can_view(user, demand.enterprise)


def _performs(user, demand, who) -> bool:
    if who == Who.FIRM:
        return is_enterprise_user(user) or is_park_admin(user)
    if is_enterprise_user(user):
        return False
    if who == Who.OFFICE:
        return is_staff_member(user)
    if who == Who.LEAD:  # closing answers for the whole case: its lead department or the park office
        return is_park_admin(user) or is_lead_member(user, demand)
    return is_park_admin(user) or is_handler_of(user, demand) or (
        is_grid_worker(user) and firm_permissions.can_view(user, demand.enterprise))


def can_act(user, demand, action) -> bool:
    """Firms rate and reopen their own demands; the office and the handler do everything else
    (each action's performer is in workflow.SPECS)."""
    return action in SPECS and can_view(user, demand) and _performs(user, demand, SPECS[action].who)


def can_triage(user) -> bool:
    return is_staff_member(user)


def can_submit_for(user, enterprise) -> bool:
    """Firms file for themselves; staff and the firm's grid worker file on its behalf: exactly
    those who may edit the firm's record."""
    return firm_permissions.can_edit(user, enterprise)


def can_submit(user) -> bool:
    """Whether the submit page is offered: users of a park who file for some firm."""
    return user.is_authenticated and user.park_id is not None and not is_institution_user(user)


def can_attach(user, demand) -> bool:
    """Everyone who may see a demand may add a file to it, except service institutions."""
    return can_view(user, demand) and not is_institution_user(user)


def confirms_category_on_submit(user) -> bool:
    """A category chosen by the office when filing counts as confirmed; a firm's is a suggestion."""
    return is_office(user)


def can_see_statistics(user) -> bool:
    return is_district(user) or is_staff_member(user)


def can_export(user) -> bool:
    """The demand list as Excel: the park office and the district, never firms or institutions."""
    return is_staff_member(user)
