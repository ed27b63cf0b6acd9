"""Which parts of the workbench a user is shown (pure predicates over the accounts ones)."""

from yuanqu.accounts.permissions import (
    is_district,
    is_enterprise_user,
    is_grid_worker,
    is_institution_user,
    is_office,
    is_staff_member,
)


def sees_work_queue(user) -> bool:
    return is_office(user)


def sees_park_breakdown(user) -> bool:
    """The park office: its park by department and by grid (the district compares parks instead)."""
    return is_staff_member(user) and not is_district(user)


def sees_park_comparison(user) -> bool:
    return is_district(user)


def sees_grid_demands(user) -> bool:
    return is_grid_worker(user)


def sees_firm_panel(user) -> bool:
    return is_enterprise_user(user)


def sees_service_requests(user) -> bool:
    return is_institution_user(user)
