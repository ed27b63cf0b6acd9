"""Pure predicates about roles and parks; domain apps build on these.

This module and the apps' own permissions.py are the only places that look at a user's role (a test
walks the source and fails on a role comparison anywhere else).
"""

from .models import Role

STAFF_ROLES = {Role.PARK_ADMIN, Role.DEPT_STAFF}


def _has_role(user, *roles) -> bool:
    return bool(user is not None and user.is_authenticated and user.role in roles)


def is_district(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_district)


def role_is_district(user) -> bool:
    """The role alone (for User.is_district, which also counts superusers)."""
    return user.role == Role.DISTRICT_ADMIN


def is_park_admin(user) -> bool:
    return is_district(user) or _has_role(user, Role.PARK_ADMIN)


def is_staff_member(user) -> bool:
    """Park office people who see every firm of their park."""
    return is_district(user) or _has_role(user, *STAFF_ROLES)


def is_grid_worker(user) -> bool:
    return _has_role(user, Role.GRID_WORKER)


def is_enterprise_user(user) -> bool:
    return _has_role(user, Role.ENTERPRISE)


def is_institution_user(user) -> bool:
    return _has_role(user, Role.INSTITUTION)


def is_office(user) -> bool:
    """Anyone working for the park or the district (not a firm, not an institution)."""
    return is_staff_member(user) or is_grid_worker(user)


def in_park(user, park_id) -> bool:
    return is_district(user) or (user.is_authenticated and user.park_id == park_id)


def can_use_park_back_office(user) -> bool:
    """An active park administrator with a park (/manage/ is per park; the district uses /admin/)."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.PARK_ADMIN and user.park_id)
