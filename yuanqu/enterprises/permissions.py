"""Who may see or change a firm record (pure predicates on user and enterprise)."""

from yuanqu.accounts.models import Role
from yuanqu.accounts.permissions import in_park, is_district, is_park_admin, is_staff_member

# Fields only the park office may change; an enterprise user edits the rest of their own record.
OFFICE_FIELDS = {"park", "credit_code", "grid", "grid_worker", "status", "zone"}


def member_enterprise_id(user):
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.enterprise_id if membership else None


def can_view(user, ent) -> bool:
    if not in_park(user, ent.park_id):
        return False
    if is_staff_member(user):
        return True
    if user.role == Role.GRID_WORKER:
        return user.grid_id is not None and ent.grid_id == user.grid_id
    if user.role == Role.ENTERPRISE:
        return member_enterprise_id(user) == ent.pk
    return False


def can_edit(user, ent) -> bool:
    """Staff, the grid worker of the firm's grid and the firm's own users may edit it."""
    return can_view(user, ent) and user.role != Role.INSTITUTION


def can_edit_office_fields(user) -> bool:
    return is_staff_member(user)


def can_create(user) -> bool:
    return is_staff_member(user)


def can_delete(user, ent) -> bool:
    return is_park_admin(user) and in_park(user, ent.park_id)


def can_import(user) -> bool:
    return is_staff_member(user)


def can_see_list(user) -> bool:
    return is_district(user) or user.role in {Role.PARK_ADMIN, Role.DEPT_STAFF, Role.GRID_WORKER,
                                              Role.ENTERPRISE}
