"""Pure predicates about roles and parks; domain apps build on these."""

from .models import Role

STAFF_ROLES = {Role.PARK_ADMIN, Role.DEPT_STAFF}


def is_district(user) -> bool:
    return bool(user.is_authenticated and user.is_district)


def is_park_admin(user) -> bool:
    return is_district(user) or (user.is_authenticated and user.role == Role.PARK_ADMIN)


def is_staff_member(user) -> bool:
    """Park office people who see every firm of their park."""
    return is_district(user) or (user.is_authenticated and user.role in STAFF_ROLES)


def in_park(user, park_id) -> bool:
    return is_district(user) or (user.is_authenticated and user.park_id == park_id)


def can_use_park_back_office(user) -> bool:
    """An active park administrator with a park (/manage/ is per park; the district uses /admin/)."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.PARK_ADMIN and user.park_id)
